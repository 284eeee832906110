"""Sentences of a card's text units, each with its 1-based source line."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from .card import Unit

ABBREVIATIONS = ("e.g.", "i.e.", "vs.", "etc.", "et al.", "approx.", "fig.", "no.", "cf.", "resp.", "incl.", "ca.")
BOUNDARY = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[*_`]?[A-Z0-9])|(?<=[。！？；;])\s*")


@dataclass(frozen=True)
class Sentence:
    text: str
    line: int
    unit: Unit


def sentences(unit: Unit) -> Iterator[Sentence]:
    """Split a unit into sentences; table rows and code blocks stay whole."""
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


def line_of(sentence: Sentence, offset: int) -> int:
    """Source line of a character offset inside a sentence (sentences keep their newlines)."""
    return sentence.line + sentence.text.count("\n", 0, offset)
