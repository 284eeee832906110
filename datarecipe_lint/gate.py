"""Gates: turn a recipe into pass or fail, with the reasons. Pure; the CLI maps results to exit codes."""

from __future__ import annotations

from typing import NamedTuple

from .recipe import Recipe

DEFAULT_MIN_SCORE = 5.0


class Gates(NamedTuple):
    min_score: float = DEFAULT_MIN_SCORE
    require: tuple[str, ...] = ()
    fail_on: tuple[str, ...] = ()
    baseline_score: float | None = None  # --no-regress: the score at the base ref (None = no gate)


class GateResult(NamedTuple):
    passed: bool
    reasons: tuple[str, ...]
    notes: tuple[
        str, ...
    ] = ()  # gates satisfied in a way worth saying (a criterion that does not apply)

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"passed": self.passed, "reasons": list(self.reasons)}
        if self.notes:
            out["notes"] = list(self.notes)
        return out


def check(recipe: Recipe, gates: Gates) -> GateResult:
    rep = recipe.reproducibility
    reasons: list[str] = []
    if gates.baseline_score is not None:
        if rep.score < gates.baseline_score:
            reasons.append(
                f"score {rep.score:.1f} is lower than {gates.baseline_score:.1f} at the base revision"
            )
    elif rep.score < gates.min_score:
        reasons.append(f"score {rep.score:.1f} is below the minimum {gates.min_score:.1f}")
    notes: list[str] = []
    for criterion in gates.require:
        status = _status(recipe, criterion)
        if status in ("not applicable", "ignored"):
            notes.append(
                f"required element {criterion} is {status} for this card "
                f"(origin {recipe.generation.origin}): the requirement is satisfied"
            )
        elif criterion not in rep.available:
            reasons.append(f"required element {criterion} is {status}")
    for finding in recipe.findings:
        if finding.id in gates.fail_on:
            where = f" (line {finding.line})" if finding.line else ""
            reasons.append(f"finding {finding.id}{where}: {finding.message}")
    return GateResult(not reasons, tuple(reasons), tuple(notes))


def _status(recipe: Recipe, criterion: str) -> str:
    for c in recipe.reproducibility.criteria:
        if c.id == criterion:
            return c.status.replace("_", " ")
    return "unknown"
