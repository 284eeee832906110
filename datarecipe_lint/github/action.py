"""The Action's entry step (``python -m datarecipe_lint.github``), run by action.yml.

Reads the inputs and the run's context, lints the cards through the same pipeline and gates as
``datarecipe lint``, prints annotations, writes recipes, the report, the step outputs and the job
summary, and keeps the one pull-request comment up to date. Its ``main`` is the Action's one place
that turns the run's status into an exit code (0 passed, 1 a gate failed, 2 could not run). A
comment that cannot be written because the token is read-only (fork pull requests) is a warning.
"""

from __future__ import annotations

import glob
import os
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import DataRecipeError
from ..options import Flags
from ..report.escape import workflow_inert
from ..report.github import escape_data, escape_property
from ..status import Status, exit_code, worst
from .event import Context, Inputs, read_context, read_inputs

if TYPE_CHECKING:
    from ..results import CardResult
    from .api import GitHub

# Annotations of each level kept for the action's own (base not compared, no comment, comment
# failed): GitHub shows at most 10 per level and step, and these must not be the ones dropped.
OWN_ANNOTATIONS = 2
FORK_HINT = (
    "the token cannot write here (pull requests from forks get a read-only token); the results "
    "are in the job summary and the annotations. To comment on fork pull requests, use the "
    "workflow_run pattern in the DataRecipe README"
)


def emit(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def command(level: str, title: str, message: str) -> None:
    emit(f"::{level} title={escape_property(title)}::{escape_data(message)}")


def expand(patterns: list[str]) -> list[str]:
    """Globs expanded (sorted, ``**`` recursive); a pattern that matches nothing stays as given,
    so that the card reports 'no such file'. Duplicates are dropped."""
    out: list[str] = []
    for pattern in patterns:
        matches = sorted(glob.glob(pattern, recursive=True)) if glob.has_magic(pattern) else []
        for path in matches or [pattern]:
            if path not in out:
                out.append(path)
    return out


def flags(inputs: Inputs, ref: str | None) -> Flags:
    """The Action's inputs as the same typed flags the command line gives."""
    return Flags(
        config=inputs.config,
        min_score=inputs.min_score,
        require=inputs.require,
        fail_on=inputs.fail_on,
        no_regress=ref,
    )


def baseline_ref(inputs: Inputs, ctx: Context) -> str | None:
    """The git revision to compare with: the pull request's base (fetched), a given ref, or none."""
    if inputs.no_regress == "off":
        return None
    if inputs.no_regress != "auto":
        return inputs.no_regress
    sha = ctx.base_sha
    if sha is None:
        return None  # not a pull request: --min-score alone
    from .baseline import fetch

    if fetch(sha, Path.cwd(), ctx.server_url, inputs.token):
        return sha
    command(
        "warning",
        "datarecipe: base not compared",
        f"could not fetch the pull request's base commit {sha[:12]}; the minimum score applies "
        "instead of no-regress",
    )
    return None


def main(environ: Mapping[str, str] | None = None) -> int:
    env = os.environ if environ is None else environ
    token = env.get("INPUT_GITHUB_TOKEN", "").strip()
    try:
        return exit_code(_run(read_inputs(env), read_context(env)))
    except DataRecipeError as exc:
        message = str(exc)
    except OSError as exc:
        message = f"{exc.filename or 'a file'}: {exc.strerror or exc}"
    except Exception as exc:  # a bug: one line, never the token
        message = f"internal error: {type(exc).__name__}: {exc} (please report it)"
    command("error", "datarecipe: cannot run", message.replace(token, "***") if token else message)
    return exit_code(Status.ERROR)


def _run(inputs: Inputs, ctx: Context) -> Status:
    from ..checks import check_all
    from ..options import check_flags
    from ..report import View, render
    from ..results import overall
    from .outputs import aggregate, append_text, write_exports, write_outputs, write_recipes

    ref = baseline_ref(inputs, ctx)
    run_flags = flags(inputs, ref)
    check_flags(run_flags)
    results = check_all(expand(inputs.paths), run_flags)
    sys.stdout.write(render("github", results, View(reserve=OWN_ANNOTATIONS)))
    status = overall(results)

    folder = Path(tempfile.mkdtemp(prefix="datarecipe-", dir=ctx.temp))
    report = render("summary", results)
    report_path = folder / "report.md"
    report_path.write_bytes(report.encode("utf-8"))
    values = {
        **aggregate(results),
        "recipe-path": write_recipes(results, folder / "recipes"),
        "report-path": str(report_path),
    }
    if inputs.export:
        values["export-path"] = write_exports(results, inputs.export, folder / "exports")
    if inputs.sarif_file:
        Path(inputs.sarif_file).write_text(render("sarif", results), encoding="utf-8")
    if ctx.output:
        write_outputs(ctx.output, values)
    if ctx.summary:
        append_text(ctx.summary, report)

    if inputs.comment == "always" or (inputs.comment == "auto" and ctx.pull_request):
        status = worst([status, _comment(inputs, ctx, results)])
    verdict = "passed" if values["passed"] == "true" else "failed"
    emit(
        workflow_inert(
            f"datarecipe: {len(results)} card(s), lowest score {values['score'] or '-'}, {verdict}"
        )
    )
    return status


def _comment(inputs: Inputs, ctx: Context, results: Sequence[CardResult]) -> Status:
    from .api import ApiError, GitHub
    from .post import post
    from .sync import PullRequest

    number = ctx.pr_number
    if number is None or not ctx.repo:
        command("notice", "datarecipe", "no pull request in this event: no comment posted")
        return Status.PASSED
    try:
        client = GitHub(ctx.api_url, inputs.token)
        thread = PullRequest(client, ctx.repo, number)
        patch = _suggest(inputs, ctx, client, number, results) if inputs.suggestions else ""
        outcome = post(
            thread, results, inputs.comment_key, inputs.comment_mode, ctx.checks_url, patch
        )
    except ApiError as exc:
        if exc.forbidden:
            command("warning", "datarecipe: no comment", f"{exc}: {FORK_HINT}")
            return Status.PASSED
        command("error", "datarecipe: comment failed", str(exc))
        return Status.ERROR
    emit(workflow_inert(f"datarecipe: comment {outcome} on {thread.where}"))
    return Status.PASSED


def _suggest(
    inputs: Inputs, ctx: Context, client: GitHub, number: int, results: Sequence[CardResult]
) -> str:
    """Post the fixes as review suggestions; the patch of the rest, for the sticky comment."""
    from .suggestions import suggest

    cards = [r.path for r in results if r.recipe is not None]
    assert ctx.repo is not None
    posted, kept, rest = suggest(client, ctx.repo, number, cards, Path.cwd(), flags(inputs, None))
    emit(workflow_inert(f"datarecipe: {posted} suggestion(s) posted, {kept} already there"))
    return rest
