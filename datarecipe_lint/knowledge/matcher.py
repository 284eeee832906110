"""Find names from a table (models, platforms, web sources) in text.

Aliases are case-insensitive; ``-``, ``_`` and spaces are ignored when comparing ("gpt4" ==
"GPT-4" == "gpt 4"), ``.`` is literal. The longest alias wins; an alias does not match when a
letter, digit, ``_`` or ``.digit`` follows it ("gpt-4" is not in "gpt-4o" or "gpt-4.1").
Compiling one regex of every alias costs tens of milliseconds, too much for a pre-commit hook, so
no regex is used: the text's words pick the alias *stems* (leading letters) present, and at each
stem the separator-free text is compared with the stem's aliases.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

SEPARATORS = re.compile(r"[-_\s]+")
LEADING_LETTERS = re.compile(r"[a-z]+|[^\x00-\x7f]+")
# A parameter count after a model name: "70b", "8x7B", "1.5B", "405B".
SIZE = r"(?:[-_ ]?\(?(?P<size>\d+(?:\.\d+)?(?:x\d+(?:\.\d+)?)?)(?P<unit>[bm])(?![a-z0-9]))?"
_SIZE = re.compile(SIZE)
WORDS = re.compile(r"[a-z]+")
SEPARATOR_CHARS = re.compile(r"[-_ ]+")
LINE_END = re.compile(r"[\t\n\r\f\v]")


class Alias(NamedTuple):
    text: str
    name: str
    sized: bool = False
    requires_size: bool = False
    case_sensitive: bool = False


class Hit(NamedTuple):
    name: str
    start: int
    end: int
    text: str


def _stem(alias: str) -> str:
    match = LEADING_LETTERS.match(alias.lower())
    return match.group(0) if match else alias.lower()[:1]


class NameMatcher:
    def __init__(self, aliases: Iterable[Alias]) -> None:
        self._by_stem: dict[str, list[Alias]] = {}
        self._exact: list[Alias] = []
        aliases_list = list(aliases)
        for alias in aliases_list:
            if alias.case_sensitive:
                self._exact.append(alias)
            else:
                self._by_stem.setdefault(_stem(alias.text), []).append(alias)
        self._compiled: dict[str, list[tuple[str, Alias]]] = {}
        self._exact_re = (
            re.compile(
                r"(?<![A-Za-z0-9])(?:"
                + "|".join(re.escape(a.text) for a in self._exact)
                + r")(?![A-Za-z0-9])"
            )
            if self._exact
            else None
        )

    def _stem_aliases(self, stem: str) -> list[tuple[str, Alias]]:
        """The stem's aliases as separator-free keys, longest first."""
        compiled = self._compiled.get(stem)
        if compiled is None:
            compiled = sorted(
                ((squash(a.text), a) for a in self._by_stem[stem]), key=lambda x: (-len(x[0]), x[0])
            )
            self._compiled[stem] = compiled
        return compiled

    def _candidates(self, lowered: str, words: frozenset[str] | None) -> Iterator[tuple[int, str]]:
        """Positions where an alias stem starts a word. With the text's word set, only the stems
        present are searched, each as a fast literal scan."""
        if words is None:
            words = frozenset(WORDS.findall(lowered))
        found: list[tuple[int, str]] = []
        for stem in self._by_stem:
            if stem in words or (not stem.isascii() and stem in lowered):
                start = lowered.find(stem)
                while start >= 0:
                    before = lowered[start - 1] if start else " "
                    if not (before.isascii() and (before.isalnum() or before == "_")):
                        found.append((start, stem))
                    start = lowered.find(stem, start + 1)
        found.sort(key=lambda x: (x[0], -len(x[1])))
        yield from found

    def find(
        self, text: str, lowered: str | None = None, words: frozenset[str] | None = None
    ) -> Iterator[Hit]:
        lowered = text.lower() if lowered is None else lowered
        taken_until = -1
        for start, stem in self._candidates(lowered, words):
            if start < taken_until:
                continue
            hit = self._match_at(lowered, text, start, stem)
            if hit is not None:
                taken_until = hit.end
                yield hit
        if self._exact_re is not None:
            by_text = {a.text: a for a in self._exact}
            for m in self._exact_re.finditer(text):
                yield Hit(by_text[m.group(0)].name, m.start(), m.end(), m.group(0))

    def _match_at(self, lowered: str, text: str, start: int, stem: str) -> Hit | None:
        """The longest alias starting at ``start``, compared without separators; no regex."""
        aliases = self._stem_aliases(stem)
        longest = len(aliases[0][0])
        window = LINE_END.split(lowered[start : start + 2 * longest + 8], 1)[0]
        squashed = SEPARATOR_CHARS.sub("", window)
        for key, alias in aliases:
            if not squashed.startswith(key):
                continue
            end = _raw_end(lowered, start, len(key))
            if not _right_edge(lowered, end):
                continue
            sized = _SIZE.match(lowered, end) if alias.sized or alias.requires_size else None
            has_size = bool(sized and sized.group("size"))
            if alias.requires_size and not has_size:
                continue
            if alias.sized and sized is not None and has_size:
                return Hit(
                    f"{alias.name} {sized.group('size')}{sized.group('unit').upper()}",
                    start,
                    sized.end(),
                    text[start : sized.end()],
                )
            return Hit(alias.name, start, end, text[start:end])
        return None


def squash(alias: str) -> str:
    return SEPARATORS.sub("", alias.strip().lower())


def _raw_end(lowered: str, start: int, kept: int) -> int:
    """Index just after the ``kept``-th non-separator character from ``start``."""
    i = start
    while kept:
        if lowered[i] not in "-_ ":
            kept -= 1
        i += 1
    return i


def _right_edge(lowered: str, end: int) -> bool:
    """No letter, digit, underscore or ".digit" right after the alias ("gpt-4" is not in "gpt-4o")."""
    if end >= len(lowered):
        return True
    c = lowered[end]
    if c.isascii() and (c.isalnum() or c == "_"):
        return False
    return not (
        c == "."
        and end + 1 < len(lowered)
        and lowered[end + 1].isascii()
        and lowered[end + 1].isalnum()
    )


def find_all(
    matcher: NameMatcher, text: str, lowered: str | None = None, words: frozenset[str] | None = None
) -> list[Hit]:
    """Hits in text order. Within one token ("meta-llama/Llama-2-70b", "Qwen/Qwen2.5-7B") a
    generic name is dropped when a more specific one of the same family follows it."""
    hits = sorted(matcher.find(text, lowered, words), key=lambda h: h.start)
    return [h for i, h in enumerate(hits) if not _subsumed(h, hits[i + 1 : i + 3], text)]


def _subsumed(hit: Hit, later: Sequence[Hit], text: str) -> bool:
    for other in later:
        between = text[hit.end : other.start]
        if any(c.isspace() or c in "[]()|" for c in between) or len(between) > 40:
            return False
        if other.name.lower().startswith(hit.name.lower()) and other.name != hit.name:
            return True
    return False
