"""Hourly rates and platform fees from labour.yaml, for a named platform or a kind of workforce."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from .ranges import Span, rate
from .tables import USER

DEFAULT_KIND = "crowd"


class Rate(NamedTuple):
    hourly: Span
    fee: float
    exact: bool  # the platform's own published rate (not a default for its kind)
    basis: str
    fee_note: str = ""


def _row(
    rows: list[Mapping[str, Any]], platform: str | None, kind: str | None
) -> Mapping[str, Any] | None:
    return next(
        (
            r
            for r in rows
            if r.get("platform") == platform and (kind is None or r.get("kind") == kind)
        ),
        None,
    )


def _kind_row(rows: list[Mapping[str, Any]], kind: str) -> tuple[Mapping[str, Any], str]:
    row = _row(rows, None, kind)
    if row is None or row.get("typical") is None:
        return _row(rows, None, DEFAULT_KIND) or {}, DEFAULT_KIND
    return row, kind


def hourly_rate(who: str | None, kind: str | None, labour: Mapping[str, Any]) -> Rate:
    """Rate for a platform (its own row, nulls filled from its fallback kind) or a workforce kind."""
    rows: list[Mapping[str, Any]] = list(labour["hourly_rates_usd"])
    own = _row(rows, who, None) if who else None
    fee, fee_note = platform_fee(who, labour)
    if own is not None:
        fallback, used = _kind_row(
            rows, str(own.get("fallback_kind") or own.get("kind") or DEFAULT_KIND)
        )
        values = {
            k: own.get(k) if own.get(k) is not None else fallback.get(k)
            for k in ("low", "typical", "high")
        }
        span = Span.of(values)
        filled = [k for k in ("low", "typical", "high") if own.get(k) is None]
        exact = own.get("typical") is not None
        mine = " (your rate from the cost table)" if own.get(USER) else ""
        basis = f"{who} at {rate(span.mid)}/h (range {rate(span.low)}-{rate(span.high)}){mine}"
        if filled:
            basis += (
                f"; {', '.join(filled)} from the {used} default since {who} publishes no figure"
            )
        return Rate(span, fee, exact, basis + fee_note, fee_note)
    row, used = _kind_row(rows, kind or DEFAULT_KIND)
    span = Span.of(row)
    label = f"{who} ({used} rates)" if who else f"{used} rates"
    if row.get(USER):
        label += ", your rates from the cost table"
    basis = f"{label}: {rate(span.mid)}/h (range {rate(span.low)}-{rate(span.high)})"
    return Rate(span, fee, False, basis + fee_note, fee_note)


def platform_fee(who: str | None, labour: Mapping[str, Any]) -> tuple[float, str]:
    row = labour.get("platform_fee", {}).get(who) if who else None
    if not row:
        return 0.0, ""
    if row.get("fee") is None:
        return 0.0, f"; no {who} fee added (none published)"
    fee = float(row["fee"])
    return fee, f" plus a {fee:.0%} platform fee" if fee else ""
