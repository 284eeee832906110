"""What a card states about its human annotation: the task, annotators per item, pay, how long an
item is, and extra validation passes. Each fact keeps the line it came from."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Mapping, Sequence
from functools import lru_cache
from typing import Any, NamedTuple

from ..card import Card
from ..knowledge import section_class
from ..text import Sentence, sentences
from .numbers import NUMBER, WORD_NUMBER, to_number
from .ranges import Span, geometric_mid

COUNT = rf"(?:{NUMBER}|{WORD_NUMBER})"
MAX_ANNOTATORS = 50  # a larger "count of annotators per item" is a year or a pool size
_PAY = (
    rf"(?:\$|US\$|USD\s?)\s?(?P<v>{NUMBER})\s*(?:/\s*h(?:ou)?r?\b|per\s+hour\b|an\s+hour\b|hourly\b)"
    rf"|(?P<w>{NUMBER})\s*(?:USD|dollars)\s*(?:/\s*h(?:ou)?r?\b|per\s+hour\b|an\s+hour\b)",
    re.IGNORECASE,
)
_TOTAL = (r"\b(?:in total|total|in all|overall|altogether|combined)\b", re.IGNORECASE)
# A length is one item's only when the sentence says so: "averaging", "each", "per", "long"
# ("around 600,000 tokens" alone is the whole corpus).
_PER_ITEM = (
    r"\b(?:averag\w*|mean|median|each|per|every|typically|long)\b"
    r"|\b(?:snippets?|items?|examples?|samples?|documents?|articles?|passages?|stories|texts?|files?"
    r"|conversations?|dialogues?|functions?|programs?|essays?|papers?|chapters?)\s+of\s+(?:about|around|roughly|approximately|~|up to)\b",
    re.IGNORECASE,
)
MAX_ITEM_WORDS = 100_000
_LENGTH = (
    rf"(?:\b(?:averag\w*|mean|about|around|roughly|approximately|approx\.|typically|up to|nearly)\s+(?:[\w-]+\s+){{0,2}}?|~\s?)"
    rf"(?P<n>{NUMBER})\s*(?P<k>k\b)?[\s-]*(?P<unit>tokens?|words?|lines of code|lines|characters|chars)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=8)
def _compiled(spec: tuple[str, int]) -> re.Pattern[str]:
    return re.compile(*spec)


class Stated(NamedTuple):
    value: Span
    line: int
    phrase: str


class Length(NamedTuple):
    words: float  # 0 for code
    code_lines: float  # 0 for text
    line: int
    phrase: str


class Validation(NamedTuple):
    annotators: Span
    minutes: float | None  # time per item when the card fixes it ("45 seconds per question")
    line: int
    phrase: str


JOIN = "\n\x00\n"  # between sentences: a cue cannot match across it
COUNTED_NOUNS = ("labels", "annotations", "judgements", "judgments", "ratings", "votes")


def _sentences(card: Card) -> Iterator[Sentence]:
    for unit in card.units:
        if unit.kind in ("prose", "table") and section_class(unit.section.path) not in (
            "citation",
            "evaluation",
        ):
            yield from sentences(unit)


def _phrase(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 90 else text[:89] + "…"


@lru_cache(maxsize=4)
def _patterns(
    workers: tuple[str, ...], items: tuple[str, ...], validation: tuple[str, ...]
) -> tuple[re.Pattern[str], ...]:
    worker = "|".join(sorted(map(re.escape, workers), key=len, reverse=True))
    item = "|".join(sorted(map(re.escape, items), key=len, reverse=True))
    by = re.compile(
        rf"\b(?:judged|annotated|labell?ed|rated|scored|ranked|compared|evaluated|assessed|tagged)\s+(?:[\w-]+\s+){{0,2}}?"
        rf"by\s+(?P<n>{COUNT})\s+(?:[\w-]+\s+){{0,4}}?(?:{worker})\b",
        re.IGNORECASE,
    )
    per = re.compile(
        rf"(?P<n>{COUNT})\s+(?:{worker}|labels|annotations|judgements|judgments|ratings|votes)\s+(?:per|for each|for every|on each)\s+(?:{item})\b",
        re.IGNORECASE,
    )
    group = re.compile(
        rf"(?P<n>{COUNT})(?:\s*(?:or|to|-|–)\s*(?P<n2>{COUNT}))?\s+(?:[\w-]+\s+){{0,2}}?(?:{worker})\b",
        re.IGNORECASE,
    )
    timed = re.compile(
        rf"(?P<t>{NUMBER})\s*(?P<u>seconds?|secs?|s|minutes?|mins?)\s+(?:per|for each|for every|a|on each)\s+(?:{item})\b",
        re.IGNORECASE,
    )
    checks = re.compile("|".join(f"(?:{c})" for c in validation), re.IGNORECASE)
    return by, per, group, timed, checks


def patterns(labour: Mapping[str, Any]) -> tuple[re.Pattern[str], ...]:
    return _patterns(
        tuple(labour["worker_nouns"]), tuple(labour["item_nouns"]), tuple(labour["validation_cues"])
    )


def _annotators(m: re.Match[str]) -> float | None:
    value = to_number(m.group("n"))
    return (
        value
        if value is not None and 1 <= value <= MAX_ANNOTATORS and float(value).is_integer()
        else None
    )


def annotators_per_item(card: Card, labour: Mapping[str, Any]) -> Stated | None:
    """ "each item was judged by 4 workers", "3 annotators per example" (validation passes excluded)."""
    by, per, _, _, checks = patterns(labour)
    needles = (*(w.lower() for w in labour["worker_nouns"]), *COUNTED_NOUNS)
    for sentence in _sentences(card):
        low = sentence.text.lower()
        if not any(n in low for n in needles):
            continue  # both patterns end in one of these words: skip the regexes
        if checks.search(sentence.text):
            continue
        for pattern in (by, per):
            m = pattern.search(sentence.text)
            value = _annotators(m) if m else None
            if m is not None and value is not None:
                return Stated(Span.exact(value), sentence.line, _phrase(m.group(0)))
    return None


def validation_passes(card: Card, labour: Mapping[str, Any]) -> list[Validation]:
    """Passes that check the items with a stated number of people ("5 more annotators validated ...")."""
    _, _, group, timed, checks = patterns(labour)
    out: list[Validation] = []
    for sentence in _sentences(card):
        if not checks.search(sentence.text):
            continue
        m = group.search(sentence.text)
        first = _annotators(m) if m else None
        if m is None or first is None or _pool(sentence.text, m.start()):
            continue
        second = to_number(m.group("n2")) if m.group("n2") else None
        hi = second if second and first < second <= MAX_ANNOTATORS else first
        t = timed.search(sentence.text)
        minutes = None
        if t is not None:
            value = float(t.group("t").replace(",", ""))
            minutes = value / 60 if t.group("u").lower().startswith("s") else value
        out.append(
            Validation(
                Span(first, (first + hi) / 2, hi), minutes, sentence.line, _phrase(sentence.text)
            )
        )
    return out


# "a closed set of about 30 trusted crowdworkers", "a pool of 200 annotators", "over 50 workers":
# the size of the workforce, not how many people saw each item.
_POOL_BEFORE = (
    r"(?:\b(?:set|pool|team|group|total|crowd|panel|cohort|community) of|\b(?:about|around|roughly|"
    r"approximately|approx\.|over|more than|nearly|almost|up to|some))\s*$",
    re.IGNORECASE,
)


def _pool(text: str, start: int) -> bool:
    """Whether the count of people at ``start`` is a pool size rather than people per item."""
    return _compiled(_POOL_BEFORE).search(text[max(0, start - 40) : start]) is not None


def hourly_pay(card: Card) -> Stated | None:
    """Hourly pay the card states: one figure, or the range of several ($7.30/h ... $16.50/h)."""
    values: list[float] = []
    first: tuple[int, str] | None = None
    for sentence in _sentences(card):
        for m in _compiled(_PAY).finditer(sentence.text):
            value = to_number(m.group("v") or m.group("w"))
            if value and 0.5 <= value <= 1000:
                values.append(value)
                first = first or (sentence.line, _phrase(sentence.text))
    if not values or first is None:
        return None
    lo, hi = min(values), max(values)
    return Stated(Span(lo, geometric_mid(lo, hi), hi), first[0], first[1])


def item_length(card: Card, cost: Mapping[str, Any], labour: Mapping[str, Any]) -> Length | None:
    """How long one item is, when the card says it ("articles averaging about 5,000 tokens")."""
    words_per_token = float(cost["words_per_token"]["value"])
    chars_per_word = float(cost["chars_per_token"]["value"]) / words_per_token
    for sentence in _sentences(card):
        for m in _compiled(_LENGTH).finditer(sentence.text):
            if _compiled(_TOTAL).search(sentence.text) or not _compiled(_PER_ITEM).search(
                sentence.text
            ):
                break
            n = to_number(m.group("n"), "k" if m.group("k") else None)
            if not n or n > MAX_ITEM_WORDS:
                continue
            unit = m.group("unit").lower()
            phrase = _phrase(m.group(0))
            if unit == "lines of code":
                return Length(0.0, n, sentence.line, phrase)
            words = {
                "t": n * words_per_token,
                "w": n,
                "l": n * float(labour["reading"]["words_per_line"]),
                "c": n / chars_per_word,
            }[unit[0]]
            return Length(words, 0.0, sentence.line, phrase)
    return None


def items_per_document(card: Card, labour: Mapping[str, Any]) -> Stated | None:
    """ "reads a whole article and writes 10 questions": items that share one document's reading."""
    docs = "|".join(map(re.escape, labour["document_nouns"]))
    items = "|".join(map(re.escape, labour["item_nouns"]))
    doc = re.compile(rf"\b(?:{docs})\b", re.IGNORECASE)
    verb = re.compile(
        rf"\b(?:writes?|wrote|written|asks?|asked|creates?|created|answers?|answered|generates?|generated|poses?|posed)\s+"
        rf"(?P<n>{NUMBER})\s+(?:[\w-]+\s+){{0,2}}?(?:{items})\b"
        rf"|(?P<m>{NUMBER})\s+(?:{items})\s+(?:per|for each|about each|on each|about every)\s+(?:{docs})\b",
        re.IGNORECASE,
    )
    for sentence in _sentences(card):
        m = verb.search(sentence.text)
        if m is None or not doc.search(sentence.text):
            continue
        n = to_number(m.group("n") or m.group("m"))
        if n and 2 <= n <= 1000:
            return Stated(Span.exact(n), sentence.line, _phrase(m.group(0)))
    return None


def workforce_kind(card: Card, labour: Mapping[str, Any]) -> tuple[str, str] | None:
    """The kind of workforce a card describes in words when it names no platform or pool."""
    return _first_cue(card, labour["workforce_cues"])


def _first_cue(card: Card, entries: Sequence[Mapping[str, Any]]) -> tuple[str, str] | None:
    """The first entry (in table order) whose cue occurs in the card's sentences, and where.
    Each cue runs once over the joined sentences, not once per sentence."""
    sentences = list(_sentences(card))
    joined = JOIN.join(s.text for s in sentences)
    starts: list[int] = []
    pos = 0
    for sentence in sentences:
        starts.append(pos)
        pos += len(sentence.text) + len(JOIN)
    for entry in entries:
        cue = re.compile("|".join(f"(?:{c})" for c in entry["cues"]), re.IGNORECASE)
        m = cue.search(joined)
        if m:
            line = sentences[bisect_right(starts, m.start()) - 1].line
            return str(entry["kind"]), f'the card says "{_phrase(m.group(0))}" (line {line})'
    return None


def task_kind(card: Card, labour: Mapping[str, Any]) -> tuple[str, str]:
    """The task of the main human pass and why: a cue in the prose, the task_categories, or the default."""
    found = _first_cue(card, labour["task_cues"])
    if found is not None:
        return found
    cats = card.front_matter.get("task_categories")
    for cat in cats if isinstance(cats, list) else [cats]:
        kind = labour["task_categories"].get(str(cat))
        if kind:
            return str(
                kind
            ), f"task_categories {cat} (line {card.key_line('task_categories', str(cat))})"
    return (
        "classification",
        "the card does not say what the annotators did, so a labelling task is assumed",
    )
