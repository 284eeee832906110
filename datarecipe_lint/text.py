"""Sentences of a card's text units, each with its 1-based source line."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from .card import Card, Unit

ABBREVIATIONS = (
    "e.g.",
    "i.e.",
    "vs.",
    "etc.",
    "et al.",
    "approx.",
    "fig.",
    "no.",
    "cf.",
    "resp.",
    "incl.",
    "ca.",
)
BOUNDARY = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[*_`]?[A-Z0-9])|(?<=[。！？；;])\s*")


class Sentence(NamedTuple):
    text: str
    line: int
    unit: Unit


def sentences(unit: Unit) -> tuple[Sentence, ...]:
    """Split a unit into sentences; table rows and code blocks stay whole. Several detectors
    read the same units, so the split is remembered for the most recent units."""
    return _split(unit)


@lru_cache(maxsize=16384)
def _split(unit: Unit) -> tuple[Sentence, ...]:
    return tuple(_iter_sentences(unit))


def _iter_sentences(unit: Unit) -> Iterator[Sentence]:
    text = unit.text
    if unit.kind in ("table", "code", "citation", "heading"):
        yield Sentence(text, unit.line, unit)
        return
    start = 0
    for match in BOUNDARY.finditer(text):
        head = text[start : match.start()]
        if head.lower().endswith(ABBREVIATIONS) or not head.strip():
            continue
        yield from _pieces(unit, start, match.start())
        start = match.end()
    if text[start:].strip():
        yield from _pieces(unit, start, len(text))


def _pieces(unit: Unit, start: int, end: int) -> Iterator[Sentence]:
    while end - start > MAX_SENTENCE:
        cut = unit.text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        yield _sentence(unit, start, cut)
        start = cut
    if unit.text[start:end].strip():
        yield _sentence(unit, start, end)


MAX_SENTENCE = 2000  # longer "sentences" (a 1 MB line) are read in pieces so every cue stays linear


def _sentence(unit: Unit, start: int, end: int) -> Sentence:
    raw = unit.text[start:end]
    lead = len(raw) - len(raw.lstrip())
    line = unit.line + unit.text.count("\n", 0, start + lead)
    return Sentence(raw.strip(), line, unit)


SEPARATOR = "\n\x00\n"  # between sentences: `.` and most cue phrases cannot cross it


class Doc:
    """All sentences of a card joined into one lowercased text, scanned once per cue.

    Built once per card (``doc_of``); detectors ask it for cue matches or names and get back the
    sentence each one sits in, with offsets inside that sentence.
    """

    def __init__(self, units: tuple[Unit, ...]) -> None:
        self.sentences: list[Sentence] = []
        self.starts: list[int] = []
        parts: list[str] = []
        pos = 0
        for unit in units:
            if unit.kind == "heading":
                continue
            for sentence in sentences(unit):
                self.sentences.append(sentence)
                self.starts.append(pos)
                parts.append(sentence.text)
                pos += len(sentence.text) + len(SEPARATOR)
        self.text = SEPARATOR.join(parts)
        self.low = self.text.lower()
        self.words = frozenset(WORDS.findall(self.low))

    def locate(self, pos: int) -> tuple[Sentence, int]:
        i = bisect_right(self.starts, pos) - 1
        return self.sentences[i], pos - self.starts[i]

    def find(
        self,
        cue_name: str,
        kinds: tuple[str, ...] = ("prose", "table"),
        skip: tuple[str, ...] = ("citation",),
    ) -> Iterator[tuple[Sentence, int, int]]:
        """Matches of a cue, in card order, outside the skipped section classes."""
        from .knowledge import cue_phrases, section_class
        from .knowledge.cues import scan

        for start, end in scan(cue_phrases(cue_name), self.low):
            sentence, offset = self.locate(start)
            if sentence.unit.kind not in kinds or (
                skip and section_class(sentence.unit.section.path) in skip
            ):
                continue
            yield sentence, offset, offset + (end - start)

    def first(
        self,
        cue_name: str,
        kinds: tuple[str, ...] = ("prose", "table"),
        skip: tuple[str, ...] = ("citation",),
        affirmed: bool = False,
    ) -> tuple[Sentence, int, int] | None:
        """One match of a cue as evidence: from the first phrase (in table order) that matches
        outside the skipped sections, so later phrases need not be compiled. With ``affirmed``,
        a match the sentence negates ("were not used for filtering", "no prompts are
        released") does not count."""
        from .knowledge import cue_phrases, section_class
        from .knowledge.cues import scan_phrases

        for spans in scan_phrases(cue_phrases(cue_name), self.low):
            for start, end in spans:
                sentence, offset = self.locate(start)
                if sentence.unit.kind not in kinds or (
                    skip and section_class(sentence.unit.section.path) in skip
                ):
                    continue
                if affirmed and negated(sentence.text, offset, offset + (end - start)):
                    continue
                return sentence, offset, offset + (end - start)
        return None


WORDS = re.compile(r"[a-z]+")
NEGATION_AFTER = re.compile(
    r"^[^,;.]{0,30}?\b(?:(?:is|are|was|were|has|have|had) (?:not|never)|(?:is|are|was|were)n't)\b"
    r"(?! only\b)",
    re.IGNORECASE,
)
CLAUSE_BREAK = re.compile(r"[,;:]|\b(?:but|however|although|though|while|whereas)\b", re.IGNORECASE)


def negated(text: str, start: int, end: int, reach: int = 40) -> bool:
    """Whether the clause around ``text[start:end]`` negates it: a negation word shortly before
    it in the same clause ("were not used for filtering", "no prompts"), or a negated verb right
    after it ("filtering was not applied")."""
    from .knowledge import cue

    before = text[max(0, start - reach) : start]
    breaks = list(CLAUSE_BREAK.finditer(before))
    if breaks:
        before = before[breaks[-1].end() :]
    return bool(cue("negation").search(before) or NEGATION_AFTER.search(text[end : end + 60]))


def doc_of(card: Card) -> Doc:
    """The card's Doc, built on first use and kept on the card."""
    cached = card.__dict__.get("_doc")
    if cached is None:
        cached = Doc(card.units)
        object.__setattr__(card, "_doc", cached)
    return cached
