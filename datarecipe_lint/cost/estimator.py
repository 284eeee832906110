"""The cost block: what recreating the dataset would cost, per method and in total, as a
low / point / high range with every assumption in plain words."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..card import Card
from ..recipe import Cost, Generation, Method
from .line import KINDS, Line
from .ranges import Span, round_usd
from .size import Size, infer_size
from .tables import Tables, tables

if TYPE_CHECKING:
    from .human import Workforce

FREE_STEPS = ("web_scrape", "filtering", "deduplication", "derived", "translation")
WRITING_TASKS = ("writing_response", "summarization", "question_writing", "dialogue_turn")


def estimate(
    card: Card,
    generation: Generation,
    present: Sequence[str] = (),
    pricing: datetime.date | None = None,
    cost_table: str | None = None,
    today: datetime.date | None = None,
    changed: datetime.date | None = None,
    files: Sequence[tuple[str, int | None]] = (),
) -> Cost:
    methods = generation.methods
    teachers = _unique(m.teacher_model for m in methods if m.type == "distillation")
    judges = _unique(m.model for m in methods if m.type == "llm_judge")
    workforce = _workforce(methods)
    implicit = not workforce and (generation.origin == "human" or "human" in present)
    t = tables(cost_table)
    collected = _collected_writing(card, methods, t) if implicit else None
    if collected is not None:
        implicit = False
    if not (teachers or judges or workforce or implicit):
        return _nothing_to_price(generation, collected)
    size = infer_size(card, t.cost, files)
    if size is None:
        missing = _missing_size(teachers, judges, workforce, implicit, bool(files))
        return Cost(None, "low", (missing,))
    when = (pricing, today or datetime.date.today(), changed)
    lines, notes, skipped = _lines(card, size, teachers, judges, workforce, implicit, when, t)
    if not lines:
        return Cost(
            None,
            "low",
            (
                *size.assumptions,
                *skipped,
                "none of the methods found could be priced, so there is no estimate",
            ),
        )
    return _cost(size, lines, notes, skipped, methods, t.cost["plausibility"])


def _collected_writing(card: Card, methods: Sequence[Method], t: Tables) -> str | None:
    """Why the people the card implies (no platform or workforce named) are not priced, or None:

    - the data is derived from other datasets: their annotation was paid for there;
    - the text was collected (a web scrape) and the only sign of writing is a text-generation
      task category: its authors wrote it for other purposes, not for this dataset;
    - the only sign of writing is a task category and the card names no one who wrote for it."""
    from .facts import task_kind, workforce_kind

    derived = next((m for m in methods if m.type == "derived"), None)
    if derived is not None:
        return (
            f"the data is derived from other datasets{_at(derived)}: any human annotation was done "
            "and paid for there, and no platform or workforce is named for this one, so no labour is priced"
        )
    kind, why = task_kind(card, t.labour)
    if kind not in WRITING_TASKS or not why.startswith("task_categories"):
        return None  # the card itself says what people wrote (questions, summaries, answers)
    scraped = next((m for m in methods if m.type == "web_scrape"), None)
    if scraped is not None:
        return (
            f"the text was collected from existing sources (web scrape{_at(scraped)}) and no platform or "
            "workforce is named: its authors wrote it for other purposes, so writing it is not priced"
        )
    if workforce_kind(card, t.labour) is None:
        return (
            "the front matter says people wrote the text, but the card names no platform, workforce "
            "or writers for this dataset, so writing it is not priced"
        )
    return None


def _at(method: Method) -> str:
    return f" (line {method.evidence[0].line})" if method.evidence else ""


def _unique(names: Any) -> list[str]:
    return list(dict.fromkeys(n for n in names if n))


def _workforce(methods: Sequence[Method]) -> list[str]:
    """Who did the human work: annotation software (Label Studio, Argilla) is where people
    worked, not who they were, so a card that names only a tool is priced as an unnamed pool."""
    from ..knowledge import platform_kinds

    kinds = platform_kinds()
    named = _unique(_who(m) for m in methods if m.type == "human_annotation")
    people = [w for w in named if kinds.get(w) != "tooling"]
    return people or (["unnamed"] if named else [])


def _who(m: Method) -> str | None:
    return m.platform or getattr(m, "annotators", None) or "unnamed"


def _lines(
    card: Card,
    size: Size,
    teachers: list[str],
    judges: list[str],
    workforce: list[str],
    implicit: bool,
    dates: tuple[datetime.date | None, datetime.date, datetime.date | None],
    t: Tables,
) -> tuple[list[Line], list[str], list[str]]:
    """``dates``: the pricing date set for the run, today, and when the Hub repository changed."""
    from ..knowledge import platform_kinds

    lines: list[Line] = []
    notes: list[str] = []
    skipped: list[str] = []
    if teachers or judges:  # model calls and human passes import their modules only when needed
        from .api import judge_lines, teacher_lines, tokens
        from .dates import pricing_date

        pricing, today, changed = dates
        when = pricing_date(card, t.cost["made_cues"], pricing, today, changed)
        tok = tokens(card, size, t.cost)
        gen, shared, unpriced = teacher_lines(teachers, tok, when.date, t)
        judged, unpriced_judges = judge_lines(judges, tok, when.date, t)
        lines += gen + judged
        notes += [when.why, *shared] if gen else [when.why, *tok.notes] if judged else []
        skipped += unpriced + unpriced_judges
    if not (workforce or implicit):
        return lines, notes, skipped
    from .human import Workforce, human_lines

    kinds = platform_kinds()
    for who in workforce:
        force = _unnamed(card, t) if who == "unnamed" else Workforce(who, kinds.get(who))
        lines += human_lines(card, force, size, t.cost, t.labour)
    if implicit:
        lines += human_lines(card, _unnamed(card, t), size, t.cost, t.labour)
    return lines, notes, skipped


def _unnamed(card: Card, t: Tables) -> Workforce:
    from .facts import workforce_kind
    from .human import Workforce

    found = workforce_kind(card, t.labour)
    if found is None:
        return Workforce(
            None,
            "crowd",
            "the card says people made the data but names no workforce; priced at crowd rates",
        )
    kind, why = found
    return Workforce(
        None, kind, f"the card names no workforce; {kind.replace('_', '-')} rates because {why}"
    )


def _implausible(total: float, by_kind: dict[str, float], bounds: dict[str, Any]) -> str | None:
    """Why an estimate is not reported: above what any published dataset is known to have cost."""
    for kind, usd in [*by_kind.items(), ("total", total)]:
        limit = bounds.get(kind)
        if isinstance(limit, dict) and usd > float(limit["usd"]):
            what = "in total" if kind == "total" else f"for {kind.replace('_', ' ')}"
            return (
                f"no estimate: the inputs give ${round_usd(usd):,.0f} {what}, above the plausibility "
                f"bound of ${float(limit['usd']):,.0f} ({limit['why']}); a count in the card is "
                "probably not a count of examples, or the per-item assumptions do not fit this data"
            )
    return None


def _cost(
    size: Size,
    lines: list[Line],
    notes: list[str],
    skipped: list[str],
    methods: Sequence[Method],
    bounds: dict[str, Any],
) -> Cost:
    total = sum((line.usd for line in lines), Span.exact(0.0))
    by_kind = {k: sum((x.usd.mid for x in lines if x.kind == k), 0.0) for k in KINDS}
    breakdown = tuple(
        (k, round_usd(v)) for k, v in by_kind.items() if any(x.kind == k for x in lines)
    )
    bound = _implausible(total.mid, by_kind, bounds)
    if bound is not None:
        return Cost(None, "low", (*size.assumptions, bound))
    confidence, why = _confidence(size, lines)
    free = sorted({m.type for m in methods if m.type in FREE_STEPS})
    assumptions = [
        *size.assumptions,
        *notes,
        *(a for line in lines for a in line.assumptions),
        *skipped,
        *(
            [
                f"not priced: {', '.join(free)} (processing existing data costs little next to the steps above)"
            ]
            if free
            else []
        ),
        why,
    ]
    rows = tuple(
        {
            "label": line.label,
            "kind": line.kind,
            "method": line.method,
            "low_usd": round_usd(line.usd.low),
            "estimated_usd": round_usd(line.usd.mid),
            "high_usd": round_usd(line.usd.high),
        }
        for line in lines
    )
    return Cost(
        estimated_total_usd=round_usd(total.mid),
        confidence=confidence,
        assumptions=tuple(dict.fromkeys(a for a in assumptions if a)),
        low_usd=round_usd(total.low),
        high_usd=round_usd(total.high),
        breakdown=breakdown,
        lines=rows,
    )


def _confidence(size: Size, lines: list[Line]) -> tuple[str, str]:
    if size.confidence == "low":
        return "low", "confidence low: " + (
            "the size is only an estimate from the Hub repository's file sizes"
            if size.source == "hub_files"
            else "the size is only a size_categories bucket"
        )
    exact = all(line.exact for line in lines)
    if size.confidence == "high" and exact and size.structured:
        return (
            "high",
            "confidence high: the size and every model or platform priced come from the card, "
            "and the count agrees with its structured fields",
        )
    if size.confidence != "high":
        why = "the size is inferred, not counted"
    elif not exact:
        why = "some models, platforms or rates are not the card's own (family price, default rates or unstated sizes)"
    else:
        why = "the count comes from the card's prose and no dataset_info or size_categories confirms it"
    return "medium", "confidence medium: " + why


def _nothing_to_price(generation: Generation, why: str | None = None) -> Cost:
    types = sorted({m.type for m in generation.methods})
    if why:
        return Cost(None, "low", (why, "nothing else to price, so there is no estimate"))
    if types:
        reason = (
            f"the card describes no step that costs money to recreate ({', '.join(types)}: existing data collected or processed, "
            "no generating model, judge or paid annotation), so there is no estimate; crawling and processing compute is not priced"
        )
    else:
        reason = "the card does not say how the data was made (no generating model, judge or annotation found), so there is nothing to price"
    return Cost(None, "low", (reason,))


def _missing_size(
    teachers: list[str], judges: list[str], workforce: list[str], implicit: bool, hub: bool = False
) -> str:
    what = [*teachers, *(f"{j} (judge)" for j in judges), *(w for w in workforce if w != "unnamed")]
    if implicit or "unnamed" in workforce:
        what.append("human annotation")
    last = (
        ", no size_categories and no sized data files in its Hub repository"
        if hub
        else " and no size_categories"
    )
    return (
        f"no size information: the card gives no dataset_info num_examples or num_bytes, no count of examples in its text"
        f"{last}, so the cost of {', '.join(what)} is not estimated (add dataset_info or size_categories to the front matter)"
    )
