"""GitHub workflow-command annotations (``::error file=…,line=…::…``).

GitHub shows at most 10 errors and 10 warnings per step, so gate failures come first, then
findings, then missing criteria; the rest is summarised in one notice. Card text is escaped so that
no card line can become a workflow command.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .escape import workflow_inert

if TYPE_CHECKING:
    from ..results import CardResult

LIMIT = 10
LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """Workflow-command data: one line, and no legacy ``##[command]`` inside it."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace("##[", "##\u200b[")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(level: str, path: str, line: int | None, title: str, message: str) -> str:
    props = [f"file={escape_property(path)}"]
    if line:
        props.append(f"line={line}")
    props.append(f"title={escape_property(title)}")
    return f"::{level} {','.join(props)}::{escape_data(message)}"


def annotation_lines(results: Sequence[CardResult], quiet: bool) -> list[tuple[int, str, str]]:
    """(priority, level, command line): lower priority numbers are shown first."""
    out: list[tuple[int, str, str]] = []
    for r in results:
        if r.error is not None:
            out.append(
                (
                    0,
                    "error",
                    command("error", r.path, None, "datarecipe: cannot read card", r.error),
                )
            )
            continue
        assert r.recipe is not None and r.gate is not None
        if quiet and r.gate.passed:
            continue
        score = r.recipe.reproducibility.score
        for reason in r.gate.reasons:
            out.append(
                (
                    0,
                    "error",
                    command(
                        "error", r.path, 1, f"datarecipe: reproducibility {score:.1f}/10", reason
                    ),
                )
            )
        for f in r.recipe.findings:
            level = LEVEL.get(f.severity, "warning")
            out.append((1, level, command(level, r.path, f.line, f"datarecipe: {f.id}", f.message)))
        for c in r.recipe.reproducibility.criteria:
            if c.status == "missing":
                out.append(
                    (
                        2,
                        "warning",
                        command(
                            "warning", r.path, 1, f"datarecipe: missing {c.id}", c.suggestion or ""
                        ),
                    )
                )
    return out


def render(results: Sequence[CardResult], quiet: bool, reserve: int = 0) -> str:
    """Annotations, at most ``LIMIT - reserve`` per level (the caller keeps ``reserve`` for its
    own), and a notice counting what did not fit."""
    room = max(1, LIMIT - reserve)
    shown: list[str] = []
    counts: dict[str, int] = {}
    hidden = 0
    for _, level, line in sorted(annotation_lines(results, quiet), key=lambda x: x[0]):
        counts[level] = counts.get(level, 0) + 1
        # the last notice slot is kept for the "more not shown" notice itself
        if counts[level] <= room - (1 if level == "notice" else 0):
            shown.append(line)
        else:
            hidden += 1
    if hidden:
        shown.append(
            f"::notice title=datarecipe::{hidden} more annotation(s) not shown (GitHub shows {LIMIT} per level); run 'datarecipe lint' locally for all"
        )
    for r in results:
        if r.recipe is not None and r.gate is not None and not (quiet and r.gate.passed):
            verdict = "passed" if r.gate.passed else "failed"
            shown.append(
                f"datarecipe: {workflow_inert(r.path)}: {verdict}, reproducibility {r.recipe.reproducibility.score:.1f}/10"
            )
    return "\n".join(shown) + ("\n" if shown else "")
