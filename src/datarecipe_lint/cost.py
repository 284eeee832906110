"""The cost block. Until a cost model estimates it, the block says so plainly."""

from __future__ import annotations

from .recipe import Cost


def no_estimate(reason: str = "no cost model was applied") -> Cost:
    return Cost(estimated_total_usd=None, confidence="low", assumptions=(reason,))
