"""The price of a model's tokens at a date: its own price history, a hosted-inference price for
open weights by size class, or its family's prices when it has none of its own."""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

from .ranges import Span, rate
from .tables import USER, Tables

PARAMS = (r"(?:(?P<experts>\d+)\s*x\s*)?(?P<n>\d+(?:\.\d+)?)\s*(?P<unit>[bm])\b", re.IGNORECASE)


class Priced(NamedTuple):
    name: str  # the model as the card names it
    input: Span  # USD per 1M input tokens
    output: Span  # USD per 1M output tokens
    kind: str  # api_calls | compute
    exact: bool  # priced under the card's own model name, not a family or size-class guess
    basis: str  # the price in plain words
    identity: tuple[
        Any, ...
    ]  # models with the same identity are one price series (ChatGPT / GPT-3.5 Turbo)


def in_force(rows: Sequence[Mapping[str, Any]], when: datetime.date) -> Mapping[str, Any]:
    """The row in force at ``when``; before the first row, the first row."""
    day = when.isoformat()
    current = rows[0]
    for row in rows:
        if str(row["since"]) <= day:
            current = row
    return current


def price_of(name: str, when: datetime.date, t: Tables) -> Priced | None:
    from ..knowledge import model

    histories: Mapping[str, Any] = t.prices.get("models", {})
    info = model(name)
    for key in (name, info.name if info else None):
        if key and key in histories:
            return _listed(name, key, histories[key], when, t, info.vendor if info else "")
    if info is None:
        return None
    if info.open_weights:
        return _hosted(name, t)
    members = sorted(m for m, i in _family(info.family).items() if m in histories and m != name)
    if members:
        return _family_price(name, info.family, members, histories, when)
    return None


def _family(family: str) -> dict[str, Any]:
    from ..knowledge import models

    return {n: m for n, m in models().items() if m.family == family}


def _listed(
    name: str,
    key: str,
    rows: Sequence[Mapping[str, Any]],
    when: datetime.date,
    t: Tables,
    vendor: str,
) -> Priced:
    row = in_force(rows, when)
    cin, cout = float(row["input"]), float(row["output"])
    since = str(row["since"])
    if row.get(USER):
        note = "your rate from the cost table"
    elif since <= when.isoformat():
        note = f"list price since {since}"
    else:
        note = f"first known price, from {since}"
    basis = f"{name} at {rate(cin)}/{rate(cout)} per 1M input/output tokens ({note})"
    low = 1.0
    batch = t.prices.get("batch_discount", {})
    start = (batch.get("available_from") or {}).get(vendor)
    if start and str(start) <= when.isoformat():
        low = float(batch.get("factor", 1.0))
        basis += f"; the low end uses the {1 - low:.0%} batch-API discount"
    identity = tuple((str(r["since"]), float(r["input"]), float(r["output"])) for r in rows)
    return Priced(
        name,
        Span(cin * low, cin, cin),
        Span(cout * low, cout, cout),
        "api_calls",
        True,
        basis,
        identity,
    )


def params_b(name: str) -> float | None:
    """Parameter count in billions from a name: "Llama 2 70B" -> 70, "Mixtral 8x22B" -> 176."""
    found = None
    for m in re.compile(*PARAMS).finditer(name):
        value = float(m.group("n")) * (int(m.group("experts")) if m.group("experts") else 1)
        found = value / 1000 if m.group("unit").lower() == "m" else value
    return found


def _hosted(name: str, t: Tables) -> Priced:
    tiers = sorted(t.prices["open_weight_hosting"], key=lambda r: float(r["max_params_b"]))
    size = params_b(name)
    exact = size is not None
    if size is None:
        size = float(t.cost["open_weights"]["default_params_b"])
    tier = next((r for r in tiers if float(r["max_params_b"]) >= size), tiers[-1])
    mid_in, mid_out = float(tier["input"]), float(tier["output"])
    src = f"{tier.get('source', '')}, {tier.get('as_of', '')}".strip(", ")
    if exact:
        low, high = float(tier["low"]), float(tier["high"])
        basis = (
            f"{name}: open weights, priced as hosted inference for models up to {tier['max_params_b']}B parameters, "
            f"{rate(mid_in)} per 1M tokens (hosts charged {rate(low)}-{rate(high)}; {src})"
        )
    else:
        low, high = min(float(r["low"]) for r in tiers), max(float(r["high"]) for r in tiers)
        basis = (
            f"{name}: open weights of unstated size, priced as a ~{size:g}B model at {rate(mid_in)} per 1M tokens "
            f"(range over all size classes {rate(low)}-{rate(high)}; {src})"
        )
    return Priced(
        name,
        Span(low, mid_in, max(high, mid_in)),
        Span(low, mid_out, max(high, mid_out)),
        "compute",
        exact,
        basis,
        ("hosted", name),
    )


def _family_price(
    name: str, family: str, members: list[str], histories: Mapping[str, Any], when: datetime.date
) -> Priced:
    rows = {m: in_force(histories[m], when) for m in members}
    order = sorted(members, key=lambda m: (float(rows[m]["output"]), float(rows[m]["input"]), m))
    mid = order[(len(order) - 1) // 2]
    cin, cout = float(rows[mid]["input"]), float(rows[mid]["output"])
    lo_in = min(float(r["input"]) for r in rows.values())
    lo_out = min(float(r["output"]) for r in rows.values())
    hi_in = max(float(r["input"]) for r in rows.values())
    hi_out = max(float(r["output"]) for r in rows.values())
    spread = f"; range {order[0]} to {order[-1]}" if len(order) > 1 else ""
    basis = f"{name} has no price of its own; priced as {mid} of its family {family}, {rate(cin)}/{rate(cout)} per 1M input/output tokens{spread}"
    return Priced(
        name,
        Span(lo_in, cin, hi_in),
        Span(lo_out, cout, hi_out),
        "api_calls",
        False,
        basis,
        ("family", name),
    )
