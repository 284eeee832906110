"""Construction steps besides generation and annotation: filtering, deduplication, translation,
and derivation from other datasets (front-matter ``source_datasets`` or "derived from X").

Passing example::

    We removed exact duplicates with MinHash and filtered responses shorter than 10 tokens.

Failing example: none; this detector reports signals, not findings.
"""

from __future__ import annotations

from typing import Iterator

from ..card import Card
from ..knowledge import cue, section_class
from ..recipe import Evidence
from ..text import sentences
from . import Observation, Seen, Signal, evidence_at, iter_front_matter_strings

ID = "methods"
STEPS = ("deduplication", "filtering", "translation", "derived")
CUE_OF = {"deduplication": "dedup", "filtering": "filtering", "translation": "translation", "derived": "derived"}
NOT_SOURCES = {"original", "unknown", "other", ""}


def check(card: Card, seen: Seen) -> Iterator[Observation]:
    yield from _source_datasets(card)
    found: set[str] = set()
    for unit in card.units:
        if unit.kind not in ("prose", "table") or section_class(unit.section.path) in ("citation", "evaluation"):
            continue
        for sentence in sentences(unit):
            for step in STEPS:
                if step in found:
                    continue
                m = cue(CUE_OF[step]).search(sentence.text)
                if m is not None:
                    found.add(step)
                    yield Signal("method", step, evidence_at(sentence, m.start(), m.end()), "used", 1)


def _source_datasets(card: Card) -> Iterator[Signal]:
    value = card.front_matter.get("source_datasets")
    names = sorted({s.split("|")[-1].strip() for s in iter_front_matter_strings(value)} - NOT_SOURCES)
    if names:
        line = card.key_line("source_datasets", names[0])
        yield Signal("method", "derived", Evidence.of(line, card.line_text(line)), "used", 2, detail=", ".join(names))
