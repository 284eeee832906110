"""``datarecipe lint`` text output: one block per card, failures first to the eye."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..status import Status

if TYPE_CHECKING:
    from ..results import CardResult

RED, GREEN, YELLOW, DIM, RESET = "\033[31m", "\033[32m", "\033[33m", "\033[2m", "\033[0m"


def render(results: Sequence[CardResult], quiet: bool, color: bool) -> str:
    def paint(code: str, text: str) -> str:
        return f"{code}{text}{RESET}" if color else text

    out: list[str] = []
    for r in results:
        if r.error is not None:
            continue  # the CLI prints read errors on stderr
        assert r.recipe is not None and r.gate is not None
        if quiet and r.gate.passed:
            continue
        rep = r.recipe.reproducibility
        verdict = paint(GREEN, "pass") if r.gate.passed else paint(RED, "FAIL")
        out.append(f"{r.path}: {verdict}  reproducibility {rep.score:.1f}/10  origin {r.recipe.generation.origin}"
                   f"  teachers {', '.join(r.recipe.generation.teacher_models) or '-'}")  # fmt: skip
        for reason in r.gate.reasons:
            out.append(f"  {paint(RED, 'gate')}      {reason}")
        for note in r.gate.notes:
            out.append(f"  {paint(DIM, 'note')}      {note}")
        for c in rep.criteria:
            if c.status == "missing":
                out.append(f"  {paint(YELLOW, 'missing')}   {c.id}: {c.suggestion}")
        for f in r.recipe.findings:
            where = f"{r.path}:{f.line}: " if f.line else ""
            out.append(f"  {paint(YELLOW, f.severity):<9} {where}{f.message} [{f.id}]")
        for ident, reason in r.ignored:
            out.append(f"  {paint(DIM, 'ignored')}   {ident}{': ' + reason if reason else ''}")
    failed = sum(1 for r in results if r.status is Status.FAILED)
    errors = sum(1 for r in results if r.status is Status.ERROR)
    if len(results) > 1 or failed or errors:
        out.append(
            f"{len(results)} card(s): {len(results) - failed - errors} passed, {failed} failed, {errors} could not be read"
        )
    return "\n".join(out) + ("\n" if out else "")
