"""Construction steps besides generation and annotation: filtering, deduplication, translation,
and derivation from other datasets (front-matter ``source_datasets`` or "derived from X").

Passing example::

    We removed exact duplicates with MinHash and filtered responses shorter than 10 tokens.

Failing example: none; this detector reports signals, not findings.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..card import Card
from ..recipe import Evidence
from ..text import doc_of
from . import Observation, Seen, Signal, evidence_at, iter_front_matter_strings

ID = "methods"
STEPS = ("deduplication", "filtering", "translation", "derived")
CUE_OF = {
    "deduplication": "dedup",
    "filtering": "filtering",
    "translation": "translation",
    "derived": "derived",
}
NOT_SOURCES = {"original", "unknown", "other", ""}


def check(card: Card, seen: Seen) -> Iterator[Observation]:
    yield from _source_datasets(card)
    doc = doc_of(card)
    for step in STEPS:
        first = doc.first(CUE_OF[step], skip=("citation", "evaluation"), affirmed=True)
        if first is not None:
            sentence, start, end = first
            yield Signal("method", step, evidence_at(sentence, start, end), "used", 1)


def _source_datasets(card: Card) -> Iterator[Signal]:
    value = card.front_matter.get("source_datasets")
    names = sorted(
        {s.split("|")[-1].strip() for s in iter_front_matter_strings(value)} - NOT_SOURCES
    )
    if names:
        line = card.key_line("source_datasets", names[0])
        yield Signal(
            "method",
            "derived",
            Evidence.of(line, card.line_text(line)),
            "used",
            2,
            detail=", ".join(names),
        )
