"""Model calls: each generating model's share of the tokens, and each judge pass, at the price in
force on the pricing date."""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

from ..card import Card
from ..knowledge import section_class
from .line import Line
from .prices import Priced, price_of
from .ranges import Span, count
from .size import Size
from .tables import Tables


class Tokens(NamedTuple):
    """Token totals over the whole dataset."""

    content: Span  # the examples' own text
    examples: Span
    notes: tuple[str, ...]
    rewrite: bool


def tokens(card: Card, size: Size, cost: Mapping[str, Any]) -> Tokens:
    cpt = float(cost["chars_per_token"]["value"])
    if size.text_bytes:
        content = (size.text_range or Span.exact(size.text_bytes)) * (1 / cpt)
        per = content.mid / size.examples.mid
        note = f"~{count(per)} tokens per example measured from the text size at {cpt:g} characters per token"
        if size.text_range is not None:  # estimated from file sizes, not measured
            note = (
                f"~{count(content.mid)} tokens of text in all (range {count(content.low)}-{count(content.high)}) "
                f"from the estimated text size at {cpt:g} characters per token"
            )
    else:
        per_example = Span.of(cost["tokens_per_example"])
        content = size.examples * per_example
        note = (
            f"~{count(per_example.mid)} tokens per example (range {count(per_example.low)}-{count(per_example.high)}; "
            f"the card gives no text size), {cpt:g} characters per token"
        )
    return Tokens(content, size.examples, (note,), _is_rewrite(card, cost))


def _is_rewrite(card: Card, cost: Mapping[str, Any]) -> bool:
    cue = re.compile("|".join(f"(?:{c})" for c in cost["rewrite"]["cues"]), re.IGNORECASE)
    return any(
        cue.search(u.text)
        for u in card.units
        if u.kind in ("prose", "table") and section_class(u.section.path) != "citation"
    )


def _lines_for(
    priced: Priced,
    input_tokens: Span,
    output_tokens: Span,
    share: float,
    method: str,
    label: str,
    notes: tuple[str, ...],
) -> Line:
    usd = (input_tokens * priced.input + output_tokens * priced.output) * (share / 1e6)
    return Line(label, priced.kind, method, usd, priced.exact, (priced.basis, *notes))


def teacher_lines(
    teachers: Sequence[str], tok: Tokens, when: datetime.date, t: Tables
) -> tuple[list[Line], list[str], list[str]]:
    """Lines for the generating models, shared notes, and notes on models that could not be priced."""
    cost = t.cost
    priced: list[Priced] = []
    unpriced: list[str] = []
    same: list[str] = []
    for name in teachers:
        p = price_of(name, when, t)
        if p is None:
            unpriced.append(f"{name}: no price in the tables, so its calls are not included")
        elif any(q.identity == p.identity for q in priced):
            first = next(q.name for q in priced if q.identity == p.identity)
            same.append(
                f"{name} and {first} have the same price history and are counted once as one model"
            )
        else:
            priced.append(p)
    if not priced:
        return [], [], unpriced
    overhead = Span.of(cost["prompt_overhead_tokens"])
    share_in = Span.of(cost["rewrite"]["input_share"] if tok.rewrite else cost["input_share"])
    input_tokens = tok.examples * overhead + tok.content * share_in
    notes = [
        *tok.notes,
        f"prompt overhead ~{overhead.mid:g} tokens per example (range {overhead.low:g}-{overhead.high:g}) for instructions and in-context examples",
        f"{share_in.mid:.0%} of each example's text sent again as input (range {share_in.low:.0%}-{share_in.high:.0%})"
        + (
            "; the card describes rewriting a given text, so the whole source goes in"
            if tok.rewrite
            else ""
        ),
        *same,
    ]
    share = 1.0 / len(priced)
    if len(priced) > 1:
        names = ", ".join(p.name for p in priced)
        notes.append(
            f"the card names {len(priced)} generating models ({names}) without saying how the examples were split; split evenly"
        )
    lines = [
        _lines_for(
            p,
            input_tokens,
            tok.content,
            share,
            "distillation",
            f"{p.name}: generation" + (" (hosted-inference price)" if p.kind == "compute" else ""),
            (),
        )
        for p in priced
    ]
    return lines, notes, unpriced


def judge_lines(
    judges: Sequence[str], tok: Tokens, when: datetime.date, t: Tables
) -> tuple[list[Line], list[str]]:
    rules = t.cost["judge"]
    overhead = Span.of(rules["prompt_overhead_tokens"])
    out = Span.of(rules["output_tokens"])
    lines: list[Line] = []
    unpriced: list[str] = []
    for name in judges:
        p = price_of(name, when, t)
        if p is None:
            unpriced.append(
                f"{name} (judge): no price in the tables, so its calls are not included"
            )
            continue
        note = f"one judge pass over every example: its text plus a ~{overhead.mid:g}-token rubric in, ~{out.mid:g} tokens out"
        lines.append(
            _lines_for(
                p,
                tok.content + tok.examples * overhead,
                tok.examples * out,
                1.0,
                "llm_judge",
                f"{name}: judge pass",
                (note,),
            )
        )
    return lines, unpriced
