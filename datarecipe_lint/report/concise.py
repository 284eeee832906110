"""``lint --format concise`` (and ``-q``): one line per problem, ``path:line:col: ID message``,
as ruff, flake8 and yamllint print them, for editors, grep and CI logs."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..results import CardResult


def problems(r: CardResult) -> Iterator[str]:
    if r.error is not None:
        yield f"{r.path}:1:1: unreadable-card {r.error}"
        return
    assert r.recipe is not None and r.gate is not None
    for reason in r.gate.reasons:
        yield f"{r.path}:1:1: gate {reason}"
    for f in r.recipe.findings:
        yield f"{r.path}:{f.line or 1}:1: {f.id} {f.message}"
    for c in r.recipe.reproducibility.criteria:
        if c.status == "missing":
            yield f"{r.path}:1:1: missing-{c.id} {c.suggestion or ''}".rstrip()


def render(results: Sequence[CardResult], quiet: bool) -> str:
    lines = [line for r in results for line in problems(r)]
    if not quiet:
        failing = sum(1 for r in results if not r.passed)
        lines.append(
            f"{len(lines)} problem(s) in {len(results)} card(s), {failing} failing"
            if lines
            else f"all {len(results)} card(s) pass, no problems"
        )
    return "\n".join(lines) + ("\n" if lines else "")
