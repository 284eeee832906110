"""The reproducibility rubric (version 1): ten criteria, one point each.

``score = round(10 * available / (available + missing), 1)``, rounded half up; criteria that
cannot apply to the dataset (and criteria the user ignores) are left out of both counts.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Callable, NamedTuple

from .card import Card, Unit
from .detectors import Seen, Signal, evidence_at, iter_front_matter_strings
from .knowledge import section_class
from .recipe import Criterion, Evidence, Generation, Reproducibility
from .text import doc_of, sentences

RUBRIC_VERSION = 1
DETAILED_CHARS = 500
DESCRIPTION_CHARS = 40


class Context(NamedTuple):
    card: Card
    seen: Seen
    generation: Generation
    synthetic: bool  # the data has (or may have) a synthetic part
    human: bool  # the data has (or may have) a human-written or human-annotated part


class Spec(NamedTuple):
    id: str
    point: str
    suggestion: str
    applies: Callable[[Context], bool]
    find: Callable[[Context], Evidence | None]


def _always(ctx: Context) -> bool:
    return True


def _not_web(ctx: Context) -> bool:
    return ctx.generation.origin != "web"


def _units(
    ctx: Context, kinds: tuple[str, ...] = ("prose", "table"), skip: tuple[str, ...] = ("citation",)
) -> Iterator[Unit]:
    for unit in ctx.card.units:
        if unit.kind in kinds and section_class(unit.section.path) not in skip:
            yield unit


def _first_cue(
    ctx: Context, names: tuple[str, ...], kinds: tuple[str, ...] = ("prose", "table")
) -> Evidence | None:
    """The earliest match in the card of any of the cues."""
    doc = doc_of(ctx.card)
    found = [f for f in (doc.first(name, kinds, affirmed=True) for name in names) if f is not None]
    if not found:
        return None
    sentence, start, end = min(found, key=lambda f: (f[0].line, f[1]))
    return evidence_at(sentence, start, end)


def _description(ctx: Context) -> Evidence | None:
    fallback = None
    for unit in _units(ctx, ("prose",)):
        if len(unit.text) < DESCRIPTION_CHARS or len(unit.text.split()) < 6:
            continue
        sentence = sentences(unit)[0]
        if section_class(unit.section.path) == "description":
            return evidence_at(sentence)
        fallback = fallback or evidence_at(sentence)
    return fallback


def _detailed(ctx: Context) -> Evidence | None:
    total = 0
    first: Unit | None = None
    for unit in _units(ctx, skip=("citation",)):
        total += len(unit.text)
        first = first or unit
        if total > DETAILED_CHARS:
            return Evidence.of(first.line, f"more than {DETAILED_CHARS} characters of prose")
    return None


def _teachers(ctx: Context) -> Evidence | None:
    for method in ctx.generation.methods:
        if method.type == "distillation" and method.evidence:
            return method.evidence[0]
    return None


def _prompts(ctx: Context) -> Evidence | None:
    names = (("prompts",) if ctx.synthetic else ()) + (("guidelines",) if ctx.human else ())
    return _first_cue(ctx, names, ("prose", "table", "code")) if names else None


def _params(ctx: Context) -> Evidence | None:
    names = (("gen_params",) if ctx.synthetic else ()) + (("human_params",) if ctx.human else ())
    return _first_cue(ctx, names, ("prose", "table", "code")) if names else None


def _source_code(ctx: Context) -> Evidence | None:
    return _first_cue(ctx, ("code",))


def _signal(signals: list[Signal]) -> Evidence | None:
    return min((s.evidence for s in signals), key=lambda e: e.line, default=None)


def _source_refs(ctx: Context) -> Evidence | None:
    derived = [s for s in ctx.seen.signals("method") if s.name == "derived"]
    found = _signal(derived + ctx.seen.signals("web_source"))
    if found is not None:
        return found
    for sentence, start, end in doc_of(ctx.card).find("source_refs"):
        if section_class(sentence.unit.section.path) == "generation":
            return evidence_at(sentence, start, end)
    return None


def _filtering(ctx: Context) -> Evidence | None:
    return _signal(
        [s for s in ctx.seen.signals("method") if s.name in ("filtering", "deduplication")]
    )


def _annotation(ctx: Context) -> Evidence | None:
    found = _signal(ctx.seen.signals("platform") + ctx.seen.signals("pool"))
    return found or _first_cue(ctx, ("annotation_process",))


def _license(ctx: Context) -> Evidence | None:
    fm = ctx.card.front_matter
    for key in ("license", "licenses"):
        values = [
            v
            for v in iter_front_matter_strings(fm.get(key))
            if v.strip().lower() not in ("", "unknown", "none")
        ]
        if values:
            line = ctx.card.key_line(key)
            return Evidence.of(line, ctx.card.line_text(line))
    for unit in _units(ctx, skip=()):
        if section_class(unit.section.path) == "license" and len(unit.text) > 10:
            return evidence_at(sentences(unit)[0])
    return _first_cue(ctx, ("license_text",))


SPECS: tuple[Spec, ...] = (
    Spec("description", "describes the dataset (a summary with real content)",
         "Add a 'Dataset Summary' paragraph: what the data is, how many examples, which languages and what it is for.",
         _always, _description),
    Spec("detailed_documentation", "has more than 500 characters of real prose",
         "Write at least 500 characters of your own prose on how the data was collected, processed and annotated (template placeholders do not count).",
         _always, _detailed),
    Spec("teacher_model_names", "names the model(s) that generated its synthetic parts",
         "Name the model(s) and exact versions that generated the data, e.g. 'responses generated with gpt-4o-2024-08-06'.",
         lambda c: c.synthetic, _teachers),
    Spec("exact_prompts", "shows or links the generation prompts or the annotation guidelines",
         "Include or link the exact prompts (system prompt and templates) used for generation, or the guidelines shown to annotators.",
         _not_web, _prompts),
    Spec("source_code", "links or names the code or scripts that built it",
         "Link the scripts or repository that built the dataset (e.g. a GitHub URL or the generation script's path).",
         _always, _source_code),
    Spec("generation_parameters", "gives decoding settings, or annotators per item, agreement or pay",
         "State the generation settings (temperature, top_p, max tokens, seed, samples per prompt) or, for human data, annotators per item, agreement and pay.",
         _not_web, _params),
    Spec("source_data_references", "names where its inputs came from",
         "Name where the inputs came from: source datasets (front-matter source_datasets), URLs or crawl snapshots.",
         _always, _source_refs),
    Spec("filtering_criteria", "says how data was filtered, deduplicated or quality-checked",
         "Describe how the data was filtered, deduplicated or quality-checked (rules, thresholds, tools, share removed).",
         _always, _filtering),
    Spec("annotation_process", "says who annotated and how",
         "Say who annotated and how: platform (e.g. Amazon Mechanical Turk), annotator pool, qualification and training.",
         lambda c: c.human, _annotation),
    Spec("license", "declares a license",
         "Declare a license in the front matter (e.g. 'license: cc-by-4.0') or in a Licensing Information section.",
         _always, _license),
)  # fmt: skip
CRITERIA_IDS = tuple(s.id for s in SPECS)
SPEC_BY_ID: Mapping[str, Spec] = {s.id: s for s in SPECS}


def score(available: int, missing: int) -> float:
    """``round(10 * available / (available + missing), 1)``, half up, in exact integer arithmetic."""
    total = available + missing
    if total == 0:
        return 0.0
    tenths = (200 * available + total) // (2 * total)  # floor(100 * a / t + 1/2)
    return tenths / 10


def evaluate(
    card: Card,
    seen: Seen,
    generation: Generation,
    present: tuple[str, ...],
    ignore: Mapping[str, str] | None = None,
) -> Reproducibility:
    """Score a card. ``present`` are the origin components; ``ignore`` maps criterion ids to a reason."""
    ignore = ignore or {}
    unknown = generation.origin == "unknown"
    ctx = Context(
        card, seen, generation, unknown or "synthetic" in present, unknown or "human" in present
    )
    # What the repository's files show (a prompts/ folder, a generation script) counts when the
    # card itself says nothing of it.
    files: dict[str, Evidence] = {}
    for signal in seen.signals("criterion"):
        files.setdefault(signal.name, signal.evidence)
    criteria: list[Criterion] = []
    for spec in SPECS:
        if spec.id in ignore:
            criteria.append(Criterion(spec.id, "ignored", reason=ignore[spec.id] or None))
        elif not spec.applies(ctx):
            criteria.append(Criterion(spec.id, "not_applicable"))
        else:
            evidence = spec.find(ctx) or files.get(spec.id)
            if evidence is not None:
                criteria.append(Criterion(spec.id, "available", evidence))
            else:
                criteria.append(Criterion(spec.id, "missing", suggestion=spec.suggestion))
    available = tuple(c.id for c in criteria if c.status == "available")
    missing = tuple(c.id for c in criteria if c.status == "missing")
    not_applicable = tuple(c.id for c in criteria if c.status in ("not_applicable", "ignored"))
    return Reproducibility(
        score(len(available), len(missing)),
        10,
        available,
        missing,
        not_applicable,
        tuple(criteria),
        RUBRIC_VERSION,
    )
