"""``datarecipe comment``: lint like ``datarecipe lint``, then post or update the one comment on a
GitHub pull request or a Hugging Face Hub discussion, for any CI system.

The exit code is the lint's (0 passed, 1 a gate failed, 2 could not run). A comment refused with
HTTP 403 (a read-only token, as fork pull requests get) is a warning; any other API failure is 2.
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
from .modes import DEFAULT_KEY, MODES

if TYPE_CHECKING:
    from ..report.comment import CardView


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value <= 0:
        raise argparse.ArgumentTypeError(f"not a positive number: {text!r}")
    return value


def add_arguments(p: argparse.ArgumentParser) -> None:
    from ..lint import add_arguments as add_lint_arguments

    add_lint_arguments(p)
    where = p.add_argument_group("where to comment (GitHub, or the Hugging Face Hub)")
    where.add_argument(
        "--repo", metavar="OWNER/NAME", default=os.environ.get("GITHUB_REPOSITORY"),
        help="GitHub repository (default: GITHUB_REPOSITORY)",
    )  # fmt: skip
    where.add_argument("--pr", type=_positive, metavar="N", help="GitHub pull request number")
    where.add_argument("--hub", metavar="ORG/NAME", help="Hub dataset repository")
    where.add_argument(
        "--discussion", type=_positive, metavar="N", help="Hub pull request or discussion number"
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
        "--head-sha", metavar="SHA",
        help="GitHub: post only if the pull request's head is this commit (for workflow_run)",
    )  # fmt: skip
    p.add_argument(
        "--summary-url", metavar="URL",
        help="where the full report is (default: this GitHub Actions run, when known)",
    )  # fmt: skip


def run(args: argparse.Namespace) -> int:
    from ..lint import _color
    from .event import check_key
    from .post import compare, lint_all, lint_output

    thread_kind = _target(args)
    key = check_key(args.comment_key)
    if args.min_score is not None and not 0 <= args.min_score <= 10:
        raise UsageError(f"--min-score {args.min_score:g}: must be between 0 and 10")
    fmt = args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    results = lint_all(args.paths, args)
    sys.stdout.write(lint_output(fmt, results, quiet=args.quiet, color=_color()))
    sys.stdout.flush()
    for r in results:
        if r.error is not None and fmt != "github":
            print(f"datarecipe: error: {r.error}", file=sys.stderr)
    code = max((r.exit_code for r in results), default=0)
    views = compare(results, args, args.no_regress)
    return max(code, _post(args, thread_kind, key, views))


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
        return "hub"
    if not args.pr:
        raise UsageError(
            "comment: say where: --repo OWNER/NAME --pr N, or --hub ORG/NAME --discussion N"
        )
    if not args.repo:
        raise UsageError("comment: --pr needs --repo OWNER/NAME (or GITHUB_REPOSITORY)")
    return "github"


def _post(args: argparse.Namespace, kind: str, key: str, views: Sequence[CardView]) -> int:
    from .api import ApiError, GitHub
    from .post import post
    from .sync import PullRequest, Thread

    thread: Thread
    try:
        if kind == "hub":
            from .hub import HubDiscussion

            thread = HubDiscussion(args.hub, args.discussion, os.environ.get("HF_TOKEN") or None)
        else:
            token = os.environ.get("GITHUB_TOKEN") or os.environ.get("GH_TOKEN")
            if not token:
                raise UsageError("comment: set GITHUB_TOKEN (or GH_TOKEN) to post on GitHub")
            client = GitHub(os.environ.get("GITHUB_API_URL"), token)
            if args.head_sha:
                head = client.pull_head_sha(args.repo, args.pr)
                if head.lower() != args.head_sha.strip().lower():
                    raise UsageError(
                        f"comment: pull request #{args.pr} is at {head[:12] or '?'}, not "
                        f"{args.head_sha[:12]}; not posting (a stale run, or a wrong number)"
                    )
            thread = PullRequest(client, args.repo, args.pr)
        outcome = post(thread, views, key, args.comment_mode, args.summary_url or _run_url())
    except ApiError as exc:
        if exc.forbidden:
            print(
                f"datarecipe: warning: no comment: {exc} (a read-only token, as fork pull "
                "requests get; the results above still stand)",
                file=sys.stderr,
            )
            return 0
        raise
    print(f"datarecipe: comment {outcome} on {thread.where}", file=sys.stderr)
    return 0


def _run_url() -> str | None:
    server = os.environ.get("GITHUB_SERVER_URL", "https://github.com").rstrip("/")
    repo, run_id = os.environ.get("GITHUB_REPOSITORY"), os.environ.get("GITHUB_RUN_ID")
    return f"{server}/{repo}/actions/runs/{run_id}" if repo and run_id else None
