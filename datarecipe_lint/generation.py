"""Assemble the recipe's ``generation`` block from what the detectors saw."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

from .card import Card
from .detectors import Seen, Signal
from .detectors.origin import synthetic_ratio
from .knowledge import platform_kinds
from .recipe import Evidence, Generation, Mention, Method

STEP_ORDER = ("translation", "filtering", "deduplication", "derived")


class Declared(NamedTuple):
    """What a user states about a card in the config, overriding detection."""

    teachers: tuple[str, ...] | None = None
    origin: str | None = None
    platforms: tuple[str, ...] | None = None
    note: str = "declared in the DataRecipe configuration"


def assemble(
    card: Card, seen: Seen, declared: Declared | None = None
) -> tuple[Generation, tuple[str, ...]]:
    """The generation block and the origin's components (e.g. ("human", "synthetic") for mixed)."""
    declared = declared or Declared()
    teachers, judges, others = seen.model_roles(card)
    origin_signals = seen.signals("origin")
    origin = origin_signals[0].name if origin_signals else "unknown"
    present = tuple(p for p in origin_signals[0].detail.split(",") if p) if origin_signals else ()
    platforms = _first_by_name(seen.signals("platform"))
    pools = _first_by_name(seen.signals("pool"))
    notes: list[str] = []
    if declared.teachers is not None:
        teachers = {name: _declared_signal(name, declared.note) for name in declared.teachers}
        notes.append("teachers")
    if declared.platforms is not None:
        platforms = {name: _declared_signal(name, declared.note) for name in declared.platforms}
        notes.append("platforms")
    if declared.origin is not None:
        origin, present = declared.origin, _components(declared.origin, present)
        notes.append("origin")
    methods = _methods(teachers, judges, platforms, pools, seen)
    ratio = synthetic_ratio(origin, list(present))
    generation = Generation(
        origin=origin,
        synthetic_ratio=ratio,
        human_ratio=0.0 if origin == "unknown" else round(1.0 - ratio, 2),
        teacher_models=tuple(sorted(teachers)),
        methods=methods,
        origin_evidence=tuple(s.evidence for s in origin_signals if s.evidence.text),
        other_models=tuple(
            sorted(
                (
                    Mention(s.name, s.role if s.role != "neutral" else "mentioned", s.evidence)
                    for s in others
                ),
                key=lambda m: (m.name, m.evidence.line),
            )
        ),
        declared=tuple(notes),
    )
    return generation, present


def with_prompt_status(generation: Generation, prompts_available: bool) -> Generation:
    status = "available" if prompts_available else "missing"
    methods = tuple(
        m._replace(prompt_template=status) if m.type == "distillation" else m
        for m in generation.methods
    )
    return generation._replace(methods=methods)


def _components(origin: str, detected: Sequence[str]) -> tuple[str, ...]:
    if origin == "mixed":
        return tuple(detected) if len(detected) > 1 else ("human", "synthetic")
    return () if origin == "unknown" else (origin,)


def _declared_signal(name: str, note: str) -> Signal:
    return Signal("declared", name, Evidence(0, note), "declared", 2)


def _first_by_name(signals: list[Signal]) -> dict[str, Signal]:
    out: dict[str, Signal] = {}
    for s in sorted(signals, key=lambda s: (-s.strength, s.evidence.line)):
        out.setdefault(s.name, s)
    return out


def _methods(
    teachers: Mapping[str, Signal],
    judges: Mapping[str, Signal],
    platforms: Mapping[str, Signal],
    pools: Mapping[str, Signal],
    seen: Seen,
) -> tuple[Method, ...]:
    methods = [
        Method("distillation", (s.evidence,), teacher_model=n) for n, s in sorted(teachers.items())
    ]
    kinds = platform_kinds()
    workforce = {n: s for n, s in platforms.items() if kinds.get(n) != "tooling"}
    methods += [  # the annotation software people worked in is where the human work was done
        Method("human_annotation", (s.evidence,), platform=n) for n, s in sorted(platforms.items())
    ]
    if not workforce and pools:
        first = min(pools.values(), key=lambda s: s.evidence.line)
        methods.append(Method("human_annotation", (first.evidence,), annotators=first.name))
    web = _first_by_name(seen.signals("web_source"))
    if web:
        evidence = tuple(sorted({s.evidence for s in web.values()}, key=lambda e: e.line)[:3])
        methods.append(Method("web_scrape", evidence, sources=tuple(sorted(web))))
    methods += [Method("llm_judge", (s.evidence,), model=n) for n, s in sorted(judges.items())]
    steps = _first_by_name(seen.signals("method"))
    for step in STEP_ORDER:
        if step in steps:
            s = steps[step]
            sources = tuple(x.strip() for x in s.detail.split(",") if x.strip())
            methods.append(Method(step, (s.evidence,), sources=sources))
    return tuple(methods)
