"""``datarecipe comment``: lint like ``datarecipe lint``, then post or update the one comment on a
GitHub pull request or a Hugging Face Hub discussion, for any CI system.

The status is the lint's (passed, a gate failed, could not run). A comment refused with HTTP 403
(a read-only token, as fork pull requests get) is a warning; any other API failure is an error.
Tokens come from the environment only: GITHUB_TOKEN (or GH_TOKEN) for GitHub, HF_TOKEN or the
huggingface_hub login for the Hub.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..errors import UsageError
from ..github.modes import DEFAULT_KEY, MODES
from ..status import Status, worst
from . import arguments
from .lint import add_arguments as add_lint_arguments
from .lint import default_format, print_results

if TYPE_CHECKING:
    from ..github.api import GitHub
    from ..results import CardResult

DESCRIPTION = (
    "Lint like 'datarecipe lint', then keep ONE comment (found by a hidden marker and "
    "--comment-key) up to date on a GitHub pull request or a Hugging Face Hub discussion. Tokens "
    "come from the environment: GITHUB_TOKEN (or GH_TOKEN; API at GITHUB_API_URL), HF_TOKEN. "
    "Exit code as lint; a 403 (read-only token) is a warning."
)
EPILOG = """\
examples:
  datarecipe comment README.md --repo org/data --pr 12
  datarecipe comment data/ --repo org/data --pr 12 --no-regress origin/main --comment-mode delete-on-pass
  datarecipe comment README.md --hub org/data --discussion 3"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_lint_arguments(p)
    where = p.add_argument_group("where to comment (GitHub, or the Hugging Face Hub)")
    where.add_argument(
        "--repo", metavar="OWNER/NAME", default=os.environ.get("GITHUB_REPOSITORY"),
        help="GitHub repository (default: GITHUB_REPOSITORY)",
    )  # fmt: skip
    where.add_argument("--pr", type=arguments.count, metavar="N", help="GitHub pull request number")
    where.add_argument("--hub", metavar="ORG/NAME", help="Hub dataset repository")
    where.add_argument(
        "--discussion",
        type=arguments.count,
        metavar="N",
        help="Hub pull request or discussion number",
    )
    p.add_argument(
        "--comment-mode", choices=MODES, default="update",
        help="update the comment in place (default), recreate it at the bottom, or delete it once every card passes",
    )  # fmt: skip
    p.add_argument(
        "--comment-key", default=DEFAULT_KEY, metavar="KEY",
        help="keep separate comments for separate workflows (default: default)",
    )  # fmt: skip
    p.add_argument(
        "--suggestions", action="store_true",
        help="GitHub: also post what 'datarecipe fix' would write as one-click suggestions on the "
        "card lines the pull request changed (the rest goes into the comment as a patch)",
    )  # fmt: skip
    p.add_argument(
        "--head-sha", metavar="SHA",
        help="GitHub: post only if the pull request's head is this commit (for workflow_run)",
    )  # fmt: skip
    p.add_argument(
        "--summary-url", metavar="URL",
        help="where the full report is (default: this GitHub Actions run, when known)",
    )  # fmt: skip


def run(args: argparse.Namespace) -> Status:
    from ..checks import check_all
    from ..github.event import check_key
    from ..options import check_flags
    from ..results import overall

    thread_kind = _target(args)
    key = check_key(args.comment_key)
    flags = arguments.flags(args)
    check_flags(flags)
    if thread_kind == "github" and args.head_sha and _stale(args):
        return Status.PASSED
    fmt = default_format(args.format)
    results = check_all(args.paths, flags)
    print_results(fmt, results, args.quiet, errors_to_stderr=fmt != "github")
    return worst([overall(results), _post(args, thread_kind, key, results)])


def _suggest(args: argparse.Namespace, results: Sequence[CardResult]) -> str:
    from pathlib import Path

    from ..github.suggestions import suggest

    cards = [r.path for r in results if r.recipe is not None]
    posted, kept, rest = suggest(
        _client(), args.repo, args.pr, cards, Path.cwd(), arguments.flags(args)
    )
    print(f"datarecipe: {posted} suggestion(s) posted, {kept} already there", file=sys.stderr)
    return rest


def _target(args: argparse.Namespace) -> str:
    if args.hub or args.discussion:
        if args.pr:
            raise UsageError(
                "comment: give either --repo/--pr (GitHub) or --hub/--discussion (Hub)"
            )
        if not (args.hub and args.discussion):
            raise UsageError(
                "comment: --hub ORG/NAME needs --discussion N, and the other way round"
            )
        if args.suggestions:
            raise UsageError(
                "comment: --suggestions is for GitHub pull requests; on the Hub, "
                "'datarecipe fix --hub ORG/NAME --open-pr' opens a pull request with the fix"
            )
        return "hub"
    if not args.pr:
        raise UsageError(
            "comment: say where: --repo OWNER/NAME --pr N, or --hub ORG/NAME --discussion N"
        )
    if not args.repo:
        raise UsageError("comment: --pr needs --repo OWNER/NAME (or GITHUB_REPOSITORY)")
    return "github"


def _post(args: argparse.Namespace, kind: str, key: str, results: Sequence[CardResult]) -> Status:
    from ..github.api import ApiError
    from ..github.post import post
    from ..github.sync import PullRequest, Thread

    thread: Thread
    try:
        if kind == "hub":
            from ..github.hub import HubDiscussion

            thread = HubDiscussion(args.hub, args.discussion, os.environ.get("HF_TOKEN") or None)
        else:
            thread = PullRequest(_client(), args.repo, args.pr)
        patch = _suggest(args, results) if args.suggestions else ""
        link = args.summary_url or (_checks_url(args.repo, args.pr) if kind == "github" else None)
        outcome = post(thread, results, key, args.comment_mode, link, patch)
    except ApiError as exc:
        if exc.forbidden:
            print(
                f"datarecipe: warning: no comment: {exc} (a read-only token, as fork pull "
                "requests get; the results above still stand)",
                file=sys.stderr,
            )
            return Status.PASSED
        raise
    print(f"datarecipe: comment {outcome} on {thread.where}", file=sys.stderr)
    return Status.PASSED


def _client() -> GitHub:
    from ..github.api import GitHub

    token = os.environ.get("GITHUB_TOKEN") or os.environ.get("GH_TOKEN")
    if not token:
        raise UsageError("comment: set GITHUB_TOKEN (or GH_TOKEN) to post on GitHub")
    return GitHub(os.environ.get("GITHUB_API_URL"), token)


def _stale(args: argparse.Namespace) -> bool:
    """--head-sha: the pull request has moved on (an ordinary race with a newer push): say so
    and post nothing; the newer commit's run comments."""
    head = _client().pull_head_sha(args.repo, args.pr)
    if head.lower() == args.head_sha.strip().lower():
        return False
    print(
        f"datarecipe: notice: not posting: pull request #{args.pr} is now at {head[:12] or '?'}, "
        f"not {args.head_sha[:12]}; the run for the newer commit comments (check --pr if this repeats)",
        file=sys.stderr,
    )
    return True


def _checks_url(repo: str, pr: int) -> str:
    """The pull request's checks page: one link for every run, so a cut comment stays stable."""
    server = os.environ.get("GITHUB_SERVER_URL", "https://github.com").rstrip("/")
    return f"{server}/{repo}/pull/{pr}/checks"
