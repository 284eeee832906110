"""The cost block: what recreating a dataset would cost, with its assumptions.

``estimate`` fills it from the card and its generation block; the tables load on first use, so
importing this package stays cheap. ``no_estimate`` is the block when no estimate is made.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..recipe import Cost

if TYPE_CHECKING:
    from ..card import Card
    from ..recipe import Generation

__all__ = ["estimate", "no_estimate"]


def no_estimate(reason: str = "no cost model was applied") -> Cost:
    return Cost(estimated_total_usd=None, confidence="low", assumptions=(reason,))


def estimate(
    card: Card,
    generation: Generation,
    present: Sequence[str] = (),
    pricing_date: datetime.date | None = None,
    cost_table: str | None = None,
    today: datetime.date | None = None,
    changed: datetime.date | None = None,
    files: Sequence[tuple[str, int | None]] = (),
) -> Cost:
    """Estimate the cost block; ``pricing_date`` overrides the date prices are taken at.

    On the Hub, ``changed`` is when the repository was last changed (the pricing date when the
    card states none) and ``files`` its listing as (path, bytes), a size source of last resort."""
    from .estimator import estimate as run

    return run(card, generation, present, pricing_date, cost_table, today, changed, files)
