"""Annotation platforms (MTurk, Scale AI, Prolific...) and annotator pools (in-house, experts).

A platform named in a citation, in a contrast ("unlike datasets collected on MTurk") or under a
negation ("we did not use crowdsourcing") is not counted.

Passing example::

    Labels were collected on Amazon Mechanical Turk from workers who passed a qualification test.

Failing example: none; this detector reports signals, not findings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..card import Card
from ..knowledge import cue, platform_matcher, pool_matcher, section_class
from ..knowledge.matcher import NameMatcher, find_all
from ..text import doc_of
from . import Observation, Seen, Signal, clause_before, evidence_at

ID = "platforms"
FIELD_NO = re.compile(r"\W{0,3}:\W{0,3}(?:false|no|none|n/a)\b", re.IGNORECASE)


def check(card: Card, seen: Seen) -> Iterator[Observation]:
    yield from scan(card, platform_matcher(), "platform")
    yield from scan(card, pool_matcher(), "pool")


def scan(
    card: Card, matcher: NameMatcher, kind: str, skip: tuple[str, ...] = ("citation",)
) -> Iterator[Signal]:
    """Signals for every name of a table used (not cited, contrasted or negated) in the prose."""
    doc = doc_of(card)
    for found in find_all(matcher, doc.text, doc.low, doc.words):
        sentence, start = doc.locate(found.start)
        unit = sentence.unit
        if unit.kind not in ("prose", "table") or section_class(unit.section.path) in skip:
            continue
        end = start + found.end - found.start
        if _in_url(sentence.text, start, end):
            continue
        before = sentence.text[max(0, start - 80) : start]
        if cue("contrast").search(clause_before(sentence.text, start)) or cue("negation").search(
            before[-30:]
        ):
            continue
        if FIELD_NO.match(sentence.text, end) or cue("likeness").search(
            sentence.text[end : end + 20]
        ):
            continue  # "**Pubmed:** False": the name does not apply; "Wikipedia-style texts"
        if sentence.text.count("`", 0, start) % 2:
            continue  # inside inline code (`sed 's/xsum/.../'`): a command, not a source
        yield Signal(kind, found.name, evidence_at(sentence, start, end), "used", 1)


def _in_url(text: str, start: int, end: int) -> bool:
    """A name inside a link target or an address ("https://github.com/org/x") is not a source."""
    lo = max(text.rfind(c, 0, start) for c in " \n\t(<[")
    hi_candidates = [i for i in (text.find(c, end) for c in " \n\t)>]") if i >= 0]
    token = text[lo + 1 : min(hi_candidates) if hi_candidates else len(text)]
    if "/" in token and (
        text[start - 1 : start] in ("-", "_") or text[end : end + 1] in ("-", "_")
    ):
        return True  # a part of a repository id ("org/long-t5-pubmed-3k"), not a source
    return "://" in token or token.startswith("www.") or "@" in token
