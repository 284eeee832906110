"""A quantity with a low, point and high value, and the few ways the estimator combines them.

Every factor the estimator multiplies or adds grows with its inputs, so the low of a result is the
result of the lows, and likewise for the point and the high.
"""

from __future__ import annotations

import math
from typing import Union


class Span:
    """Immutable (low, mid, high); a plain slotted class keeps the import cheap."""

    __slots__ = ("high", "low", "mid")

    def __init__(self, low: float, mid: float, high: float) -> None:
        object.__setattr__(self, "low", low)
        object.__setattr__(self, "mid", mid)
        object.__setattr__(self, "high", high)

    low: float
    mid: float
    high: float

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Span is immutable")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Span) and (self.low, self.mid, self.high) == (
            other.low,
            other.mid,
            other.high,
        )

    def __hash__(self) -> int:
        return hash((self.low, self.mid, self.high))

    def __repr__(self) -> str:
        return f"Span(low={self.low!r}, mid={self.mid!r}, high={self.high!r})"

    @staticmethod
    def exact(value: float) -> Span:
        return Span(value, value, value)

    @staticmethod
    def of(row: object, scale: float = 1.0) -> Span:
        """From a table row with low / typical / high (missing ends fall back to typical)."""
        if not isinstance(row, dict):
            raise ValueError(f"not a low/typical/high row: {row!r}")
        mid = float(row["typical"])
        low = float(row["low"]) if row.get("low") is not None else mid
        high = float(row["high"]) if row.get("high") is not None else mid
        return Span(low * scale, mid * scale, high * scale)

    def __add__(self, other: Operand) -> Span:
        o = _span(other)
        return Span(self.low + o.low, self.mid + o.mid, self.high + o.high)

    def __mul__(self, other: Operand) -> Span:
        o = _span(other)
        return Span(self.low * o.low, self.mid * o.mid, self.high * o.high)

    __radd__ = __add__
    __rmul__ = __mul__

    def over(self, other: Operand) -> Span:
        """Divide by a quantity that lowers the result when it grows (e.g. a reading speed)."""
        o = _span(other)
        return Span(self.low / o.high, self.mid / o.mid, self.high / o.low)

    def floor(self, minimum: float) -> Span:
        return Span(max(self.low, minimum), max(self.mid, minimum), max(self.high, minimum))


Operand = Union[Span, float, int]


def _span(value: Operand) -> Span:
    return value if isinstance(value, Span) else Span.exact(float(value))


def geometric_mid(low: float, high: float) -> float:
    return math.sqrt(low * high) if low > 0 and high > 0 else (low + high) / 2


def round_usd(value: float) -> float:
    """Two significant figures: a range built on stated assumptions is not more precise than that."""
    if value <= 0:
        return 0.0
    if value < 1:
        return round(value, 2)
    digits = 1 - math.floor(math.log10(value))
    rounded = round(value, digits)
    return float(int(rounded)) if rounded >= 10 else float(rounded)


def count(value: float) -> str:
    """A count in words people read: 52,002; 1.2M; 350."""
    if value >= 10_000_000:
        return f"{value / 1_000_000:,.0f}M"
    if value >= 1_000_000:
        return f"{value / 1_000_000:.1f}M".replace(".0M", "M")
    if value >= 100 or float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:.2g}"


def rate(value: float) -> str:
    """A per-unit price: $20, $0.15, $8.97."""
    text = f"{value:.2f}".rstrip("0").rstrip(".") if value >= 1 else f"{value:.3g}"
    return f"${text}"
