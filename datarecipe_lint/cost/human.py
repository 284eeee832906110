"""A human annotation pass: items × minutes per item × annotators per item × hourly rate × (1 + fee),
plus any validation passes the card describes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from ..card import Card
from . import facts
from .labour import Rate, hourly_rate
from .line import Line
from .ranges import Span, count, rate
from .size import Size, prose_counts

ROWS_MATCH = 0.1  # rows within 10% of items × annotators are single annotations


class Workforce(NamedTuple):
    who: str | None  # platform or annotator pool the card names
    kind: str | None  # crowd | managed | expert | freelance | in_house | student ...
    note: str = ""  # how the kind was found when no name was given


def _minutes(value: float) -> str:
    return f"{value:.2g} min" if value < 10 else f"{value:.0f} min"


def reading(card: Card, cost: Mapping[str, Any], labour: Mapping[str, Any]) -> tuple[Span, str]:
    """Minutes to read one item beyond what the task minutes already cover, shared by the items of one document."""
    length = facts.item_length(card, cost, labour)
    if length is None:
        return Span.exact(0.0), ""
    rules = labour["reading"]
    if length.code_lines:
        per_hour = Span.of(rules["code_lines_per_hour"])
        minutes = Span.exact(length.code_lines * 60).over(per_hour)
        note = f"~{count(length.code_lines)} lines of code at {per_hour.mid:g} lines/h"
    else:
        extra = max(0.0, length.words - float(rules["reference_words"]))
        if not extra:
            return Span.exact(0.0), ""
        wpm = Span.of(rules["words_per_minute"])
        minutes = Span.exact(extra).over(wpm)
        note = f"~{count(length.words)} words at {wpm.mid:g} words/min"
    note = f'{_minutes(minutes.mid)} to read {note} ("{length.phrase}", line {length.line})'
    shared = facts.items_per_document(card, labour)
    if shared is not None:
        minutes = minutes * (1 / shared.value.mid)
        note += f', shared by {shared.value.mid:g} items per document ("{shared.phrase}", line {shared.line})'
    return minutes, note


def _items(
    card: Card, size: Size, per_item: facts.Stated | None, cost: Mapping[str, Any]
) -> tuple[Span, str]:
    """The items annotated: the rows, or rows / annotators when each row is one annotation."""
    if per_item is None or per_item.value.mid <= 1 or size.source != "dataset_info.splits":
        return size.examples, ""
    rows, k = size.examples.mid, per_item.value.mid
    for value, line, phrase in prose_counts(card, cost["count_nouns"], cost["count_stops"]):
        if abs(value * k - rows) <= ROWS_MATCH * rows:
            note = f'the {count(rows)} rows are single annotations: ~{count(rows / k)} items × {k:g} annotators ("{phrase}", line {line})'
            return size.examples * (1 / k), note
    return size.examples, ""


def human_lines(
    card: Card, force: Workforce, size: Size, cost: Mapping[str, Any], labour: Mapping[str, Any]
) -> list[Line]:
    """The main pass for one platform or workforce, then the validation passes the card describes."""
    kind, why = facts.task_kind(card, labour)
    words = kind.replace("_", " ")
    base = Span.of(labour["task_minutes_per_item"][kind])
    read, read_note = reading(card, cost, labour)
    stated = facts.annotators_per_item(card, labour)
    per_item = stated.value if stated else Span.of(labour["annotators_per_item"][kind])
    items, items_note = _items(card, size, stated, cost)
    rate_ = hourly_rate(force.who, force.kind, labour)
    hourly, rate_note, exact = _hourly(facts.hourly_pay(card), rate_, force.who)
    name = force.who or f"{force.kind or 'crowd'} annotators"
    per_hour = hourly * (1 + rate_.fee) * (1 / 60)
    notes = [
        items_note,
        force.note,
        f"{name}: {words} task ({why}), {_minutes(base.mid)} per item (range {base.low:g}-{base.high:g})"
        + (f" + {read_note}" if read_note else ""),
        f"{per_item.mid:g} annotator(s) per item"
        + (
            f' ("{stated.phrase}", line {stated.line})'
            if stated
            else f" (typical for {words}; range {per_item.low:g}-{per_item.high:g})"
        ),
        rate_note,
    ]
    lines = [
        Line(
            f"{name}: {words}",
            "human_annotation",
            "human_annotation",
            items * (base + read) * per_item * per_hour,
            exact,
            tuple(n for n in notes if n),
        )
    ]
    for i, check in enumerate(facts.validation_passes(card, labour), 1):
        if check.minutes is not None:
            per, how = (
                Span.exact(check.minutes),
                f"{check.minutes * 60:.0f} s per item as the card states",
            )
        else:
            per = Span.of(labour["validation_minutes_per_item"]) + read
            how = f"{_minutes(per.mid)} per item including reading"
        note = f'validation pass {i}: {check.annotators.mid:g} annotator(s) per item, {how} ("{check.phrase}", line {check.line})'
        usd = items * per * check.annotators * per_hour
        lines.append(
            Line(
                f"{name}: validation pass {i}",
                "human_annotation",
                "human_annotation",
                usd,
                exact,
                (note,),
            )
        )
    return lines


def _hourly(pay: facts.Stated | None, rate_: Rate, who: str | None) -> tuple[Span, str, bool]:
    if pay is not None:
        span = pay.value
        text = (
            f"{rate(span.mid)}/h"
            if span.low == span.high
            else f"{rate(span.low)}-{rate(span.high)}/h, {rate(span.mid)}/h taken as typical"
        )
        return (
            span,
            f'pay as the card states: {text} ("{pay.phrase}", line {pay.line}){rate_.fee_note}',
            True,
        )
    return rate_.hourly, rate_.basis, rate_.exact and who is not None
