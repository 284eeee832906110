"""Numbers as cards write them: "52,002", "52K", "1.2 million", "one million"."""

from __future__ import annotations

import re

WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "fifty": 50, "hundred": 100, "several": 3, "dozens of": 24,
}  # fmt: skip
MULTIPLIERS = {
    "k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "mil": 1e6, "million": 1e6,
    "b": 1e9, "bn": 1e9, "billion": 1e9, "t": 1e12, "trillion": 1e12, "hundred": 1e2,
}  # fmt: skip
NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
WORD_NUMBER = "|".join(sorted((re.escape(w) for w in WORDS), key=len, reverse=True))
MULTIPLIER = r"(?:k|m|mn|mil|b|bn|t|thousand|million|billion|trillion)"
# Counts of a dataset's size: "a"/"an" and vague words are never numbers, a letter multiplier
# needs digits right before it ("52K", "1.2 M"), and a word number takes a spelled one only
# ("one million"): "at 16kHz" and "ant test sentences" are not "a t(rillion)".
COUNT_WORDS = "|".join(
    sorted(
        (re.escape(w) for w in WORDS if w not in ("a", "an", "several", "dozens of")),
        key=len,
        reverse=True,
    )
)
SIZE_NUMBER = (
    rf"(?:(?P<digits>{NUMBER})(?:\s?(?P<letter>k|m|mn|mil|b|bn|t)\b|\s+(?P<spelled>thousand|million|billion|trillion)\b)?"
    rf"|(?P<word>{COUNT_WORDS})(?:\s+(?P<wmult>thousand|million|billion|trillion)\b)?)"
)


def to_number(digits: str, multiplier: str | None = None) -> float | None:
    """Parse a number (digits or a number word) with an optional multiplier; None if it is neither."""
    text = digits.strip().lower()
    if text in WORDS:
        value = float(WORDS[text])
    else:
        try:
            value = float(text.replace(",", ""))
        except ValueError:
            return None
    if multiplier:
        value *= MULTIPLIERS.get(multiplier.strip().lower(), 1.0)
    return value
