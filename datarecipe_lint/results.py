"""What a run of the gates produced for each card: the recipe, the gate's verdict, the card at the
base revision when it was compared, or the error that stopped it. Reporters read these; the
status of each is what the ``main()`` functions turn into an exit code."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from .gate import GateResult
from .recipe import Recipe
from .status import Status, worst


class CardResult(NamedTuple):
    path: str
    recipe: Recipe | None
    gate: GateResult | None
    error: str | None = None
    ignored: tuple[tuple[str, str], ...] = ()  # (id, reason) ignored by flags and config
    base: Recipe | None = None  # the same card at the --no-regress revision (None: new card)
    compared: bool = False  # True when the base revision was read

    @property
    def status(self) -> Status:
        if self.error is not None:
            return Status.ERROR
        return Status.PASSED if self.gate is not None and self.gate.passed else Status.FAILED

    @property
    def passed(self) -> bool:
        return self.status is Status.PASSED


def overall(results: Sequence[CardResult]) -> Status:
    """The run's status: the worst of its cards'."""
    return worst(r.status for r in results)
