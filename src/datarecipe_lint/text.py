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
        yield _sentence(unit, start, match.start())
        start = match.end()
    if text[start:].strip():
        yield _sentence(unit, start, len(text))


def _sentence(unit: Unit, start: int, end: int) -> Sentence:
    raw = unit.text[start:end]
    lead = len(raw) - len(raw.lstrip())
    line = unit.line + unit.text.count("\n", 0, start + lead)
    return Sentence(raw.strip(), line, unit)


def line_of(sentence: Sentence, offset: int) -> int:
    """Source line of a character offset inside a sentence (sentences keep their newlines)."""
    return sentence.line + sentence.text.count("\n", 0, offset)
