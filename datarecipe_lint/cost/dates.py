"""When the data was made, as the card says it ("in March 2023", "collected in spring 2023"), and the
date prices are taken at."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import NamedTuple

from ..card import Card
from ..knowledge import section_class
from ..text import sentences

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
# A part of a year as (month, day) of a representative date inside it.
PARTS = {
    "early": (2, 15), "beginning of": (1, 15), "start of": (1, 15), "first half of": (4, 1),
    "mid": (7, 1), "middle of": (7, 1), "second half of": (10, 1), "late": (11, 1),
    "end of": (12, 1), "spring": (4, 15), "summer": (7, 15), "autumn": (10, 15),
    "fall": (10, 15), "winter": (1, 15),
}  # fmt: skip
YEAR = r"(?P<year>(?:19|20)\d\d)"
MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
PART = "(?P<part>" + "|".join(sorted((re.escape(p) for p in PARTS), key=len, reverse=True)) + ")"


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], ...]:
    return (
        re.compile(rf"\b{YEAR}-(?P<mnum>0[1-9]|1[0-2])(?:-(?P<dnum>[0-3]\d))?\b"),
        re.compile(
            rf"\b{MONTH}\.?\s+(?:(?P<day>[0-3]?\d)(?:st|nd|rd|th)?,?\s+)?{YEAR}\b", re.IGNORECASE
        ),
        re.compile(rf"\b{PART}[\s-]+(?:of\s+)?{YEAR}\b", re.IGNORECASE),
        re.compile(
            rf"\b(?:in|during|since|from|throughout|over)\s+{YEAR}\b(?!\s*[-–]\s*\d)", re.IGNORECASE
        ),
    )


class Made(NamedTuple):
    date: datetime.date
    phrase: str
    line: int


class PricingDate(NamedTuple):
    date: datetime.date
    why: str  # plain words: where the date comes from


def made_date(card: Card, verbs: Iterable[str]) -> Made | None:
    """The first date the card gives in a sentence that says the data was made (collected, generated...)."""
    verb = re.compile(r"\b(?:" + "|".join(verbs) + r")", re.IGNORECASE)
    for unit in card.units:
        if (
            unit.kind not in ("prose", "table", "heading")
            or section_class(unit.section.path) == "citation"
        ):
            continue
        for sentence in sentences(unit):
            if not verb.search(sentence.text):
                continue
            found = min(_dates(sentence.text), default=None)
            if found is not None:
                pos, date, phrase = found
                return Made(date, phrase, sentence.line + sentence.text.count("\n", 0, pos))
    return None


def _dates(text: str) -> Iterator[tuple[int, datetime.date, str]]:
    for pattern in _patterns():
        for m in pattern.finditer(text):
            date = _to_date(m)
            if date is not None:
                yield m.start(), date, " ".join(m.group(0).split())


def _to_date(m: re.Match[str]) -> datetime.date | None:
    groups = m.groupdict()
    year = int(groups["year"])
    try:
        if groups.get("mnum"):
            return datetime.date(year, int(groups["mnum"]), int(groups.get("dnum") or 15))
        if groups.get("month"):
            day = int(groups["day"]) if groups.get("day") else 15
            return datetime.date(year, MONTHS[groups["month"][:3].lower()], day)
        if groups.get("part"):
            month, day = PARTS[" ".join(groups["part"].lower().split())]
            return datetime.date(year, month, day)
    except ValueError:  # "February 30, 2023"
        return None
    return datetime.date(year, 7, 1)


def pricing_date(
    card: Card,
    verbs: Iterable[str],
    given: datetime.date | None,
    today: datetime.date,
    changed: datetime.date | None = None,
) -> PricingDate:
    """The date prices are taken at: the one set for the run, else when the card says the data was
    made, else when the Hub repository was last changed (``changed``), else today.

    A stated date wins over the Hub's: it says when the data was made, while the last change may
    be a later edit of the card. The last change still bounds the making from above, so it beats
    today's prices for a card that states no date."""
    if given is not None:
        return PricingDate(
            given, f"prices as of {given.isoformat()}, the pricing date set for this run"
        )
    made = made_date(card, verbs)
    if made is not None and made.date <= today:
        return PricingDate(
            made.date,
            f'prices as of {made.date.isoformat()}, when the card says the data was made ("{made.phrase}", line {made.line})',
        )
    if changed is not None and changed <= today:
        return PricingDate(
            changed,
            f"prices as of {changed.isoformat()}, when the dataset's Hub repository was last changed "
            "(the card does not say when the data was made)",
        )
    return PricingDate(
        today,
        f"prices as of today ({today.isoformat()}): the card does not say when the data was made",
    )
