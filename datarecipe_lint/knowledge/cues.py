"""Scan text for a cue (a list of phrase regexes from cues.yaml) fast.

Python's ``re`` tries every alternative at every position of an alternation that starts with
``\\b``: ~300 ns per character per cue, far too slow to run thirty cues over every card. A regex
that starts with a literal is ~30x faster (the engine jumps to the literal). So each phrase is
split into alternatives that start with a literal prefix (``\\b(?:responses?|outputs?)\\b`` →
``responses?\\b`` and ``outputs?\\b``), the word boundary is checked by hand, and a phrase is
scanned only when the text holds a word starting with its prefix.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

WORD = re.compile(r"[a-z]+")
LITERAL = re.compile(r"[a-z0-9 ]+")


class Phrase:
    """One alternative of a cue, compiled on first use."""

    __slots__ = ("_regex", "left_boundary", "pattern", "prefix")

    def __init__(self, pattern: str, prefix: str, left_boundary: bool) -> None:
        self.pattern = pattern
        self.prefix = prefix  # lowercase letters the phrase starts with ("" = always scanned)
        self.left_boundary = (
            left_boundary  # began with \b: the character before must not be a word character
        )
        self._regex: re.Pattern[str] | None = None

    @property
    def regex(self) -> re.Pattern[str]:
        if self._regex is None:
            self._regex = re.compile(self.pattern)
        return self._regex


def _split_top(group: str) -> list[str]:
    """Split the inside of a group on its top-level ``|``."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(group):
        c = group[i]
        if c == "\\":
            i += 2
            continue
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif c == "|" and depth == 0:
            parts.append(group[start:i])
            start = i + 1
        i += 1
    parts.append(group[start:])
    return parts


def _group_end(text: str, start: int) -> int:
    """Index of the ``)`` closing the group that opens at ``start``."""
    depth, i = 0, start
    while i < len(text):
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1


def expand(pattern: str) -> list[str]:
    """Alternatives of a phrase, each as a full regex: a leading ``(?:a|b)`` is distributed."""
    boundary = pattern.startswith("\\b")
    body = pattern[2:] if boundary else pattern
    if body.startswith("(?:"):
        end = _group_end(body, 0)
        quant = body[end + 1 : end + 2] if end >= 0 else ""
        if end >= 0 and quant not in ("?", "*", "+", "{"):
            rest = body[end + 1 :]
            return [
                p
                for alt in _split_top(body[3:end])
                for p in expand(("\\b" if boundary else "") + alt + rest)
            ]
    return [pattern]


def _prefix(body: str) -> str:
    """Literal lowercase letters the regex body must start with ("" when it starts otherwise)."""
    m = LITERAL.match(body)
    if not m:
        return ""
    literal = m.group(0)
    after = body[m.end() : m.end() + 1]
    if after in ("?", "*", "{"):
        literal = literal[:-1]  # the last character is optional
    letters = WORD.match(literal)
    return letters.group(0) if letters and len(letters.group(0)) >= 2 else ""


def lower_pattern(pattern: str) -> str:
    """Lowercase a regex's literals (it runs on lowercased text), leaving escapes such as \\S alone."""
    out, i = [], 0
    while i < len(pattern):
        if pattern[i] == "\\":
            out.append(pattern[i : i + 2])
            i += 2
        else:
            out.append(pattern[i].lower())
            i += 1
    return "".join(out)


def compile_phrases(patterns: Iterable[str]) -> tuple[Phrase, ...]:
    out: list[Phrase] = []
    for pattern in patterns:
        for alt in expand(lower_pattern(pattern)):
            boundary = alt.startswith("\\b")
            body = alt[2:] if boundary else alt
            prefix = _prefix(body)
            out.append(Phrase(body if prefix else alt, prefix, boundary and bool(prefix)))
    return tuple(out)


def scan(phrases: tuple[Phrase, ...], low: str) -> list[tuple[int, int]]:
    """(start, end) of every phrase match in lowercased text, in order of start. A phrase whose
    literal prefix does not occur in the text is neither compiled nor run."""
    spans: list[tuple[int, int]] = []
    for phrase in phrases:
        spans.extend(_matches(phrase, low))
    spans.sort()
    return spans


def scan_phrases(phrases: tuple[Phrase, ...], low: str) -> Iterator[list[tuple[int, int]]]:
    """The matches phrase by phrase, in table order: a caller that needs one piece of evidence
    stops early, and the phrases after it are never compiled."""
    for phrase in phrases:
        found = _matches(phrase, low)
        if found:
            yield found


def _matches(phrase: Phrase, low: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    if phrase.prefix and phrase.prefix not in low:
        return spans
    for m in phrase.regex.finditer(low):
        start = m.start()
        if (
            phrase.left_boundary
            and start > 0
            and (low[start - 1].isalnum() or low[start - 1] == "_")
        ):
            continue
        spans.append((start, m.end()))
    return spans


class Span:
    """What ``Cue.search`` returns: the part of ``re.Match`` the detectors use."""

    __slots__ = ("_end", "_start")

    def __init__(self, start: int, end: int) -> None:
        self._start, self._end = start, end

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def span(self) -> tuple[int, int]:
        return self._start, self._end


class Cue:
    """A cue with the ``search``/``finditer`` of a regex (case-insensitive), built on ``scan``."""

    def __init__(self, phrases: tuple[Phrase, ...]) -> None:
        self.phrases = phrases

    def finditer(self, text: str) -> Iterator[Span]:
        return (Span(a, b) for a, b in scan(self.phrases, text.lower()))

    def search(self, text: str) -> Span | None:
        """A match if there is one (the first phrase's, not necessarily the leftmost)."""
        found = next(scan_phrases(self.phrases, text.lower()), None)
        return Span(*found[0]) if found else None
