"""Multi-literal search over lowered bytes: ahocorasick-rs when installed, pure Python otherwise.

Both return the same thing, ``[(pattern index, start, end), ...]`` in order of position, without
overlaps (at one position the longest literal wins), so every caller is matcher-agnostic. The
fallback is an anchor prefilter: a few words cover every literal (a greedy set cover that
prefers rare words), each is found with ``bytes.find`` (C speed), and only the literals it stands
for are tried, by one regular expression, around each occurrence. It is several times slower than the automaton but needs nothing installed.
``DATARECIPE_MATCHER=python`` forces the fallback (the tests run both).
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from typing import Protocol

Match = tuple[int, int, int]


class Matcher(Protocol):
    name: str

    def find(self, haystack: bytes) -> list[Match]: ...


class AhoMatcher:
    name = "ahocorasick-rs"

    def __init__(self, literals: Sequence[bytes]) -> None:
        import ahocorasick_rs  # type: ignore[import-not-found, unused-ignore]

        # The DFA costs ~15 MB and 20 ms to build for the table's ~2,300 literals and runs about
        # three times faster than the default NFA on text with few matches.
        self._ac = ahocorasick_rs.BytesAhoCorasick(
            list(literals),
            matchkind=ahocorasick_rs.MATCHKIND_LEFTMOST_LONGEST,
            implementation=ahocorasick_rs.Implementation.DFA,
        )

    def find(self, haystack: bytes) -> list[Match]:
        found: list[Match] = self._ac.find_matches_as_indexes(haystack)
        return found


WORD = re.compile(rb"[^\s,.;:!?'\"\\]{3,}|[^\x00-\x7f]{3,}")
# Words too common in ordinary text to be worth a pass of their own.
COMMON = frozenset(
    b"the and you your are not can can't cannot don't have this that with from about just made "
    b"built created developed trained training language model large assistant personal request "
    b"update last data access ability real-time chat open open-weights but don goes current meta "
    b"ich tant comme como extends only up".split()
)
WINDOW = 160  # bytes around an anchor searched for its literals
PREFIX = 12  # bytes of a literal that stand for it when none of its words is rare enough


def anchors(literals: Sequence[bytes]) -> dict[bytes, list[int]]:
    """For each literal its best anchor: a key pattern (``"model"``) is its own anchor, a phrase
    its longest word that ordinary text rarely has; literals sharing an anchor are grouped."""
    chosen: dict[bytes, list[int]] = {}
    for index, literal in enumerate(literals):
        words = WORD.findall(literal)
        word = max(words, key=lambda w: (w not in COMMON, len(w), w)) if words else literal
        if literal.startswith(b'"') or word in COMMON or len(word) < 5:
            word = literal[:PREFIX]  # a weak word: the literal's start is rarer
        chosen.setdefault(word, []).append(index)
    return chosen


class PythonMatcher:
    name = "python"

    def __init__(self, literals: Sequence[bytes]) -> None:
        self._index = {literal: i for i, literal in enumerate(literals)}
        # (anchor, the literal it is when it is a whole literal, regex of the literals it stands for)
        self._anchors = [
            (
                word,
                word if [word] == [literals[i] for i in owned] else None,
                self._regex([literals[i] for i in owned]),
            )
            for word, owned in anchors(literals).items()
        ]

    @staticmethod
    def _regex(owned: list[bytes]) -> re.Pattern[bytes]:
        ordered = sorted(owned, key=len, reverse=True)
        return re.compile(b"|".join(re.escape(literal) for literal in ordered))

    def find(self, haystack: bytes) -> list[Match]:
        found: list[Match] = []
        index = self._index
        for word, whole, rx in self._anchors:
            pos = haystack.find(word)
            if whole is not None:
                while pos >= 0:
                    found.append((index[whole], pos, pos + len(whole)))
                    pos = haystack.find(whole, pos + 1)
                continue
            while pos >= 0:
                lo = max(0, pos - WINDOW)
                for m in rx.finditer(haystack, lo, pos + len(word) + WINDOW):
                    if m.start() <= pos < m.end():
                        found.append((index[m.group()], m.start(), m.end()))
                pos = haystack.find(word, pos + 1)
        return _leftmost_longest(sorted(set(found)))


def _leftmost_longest(found: list[Match]) -> list[Match]:
    found.sort(key=lambda m: (m[1], -(m[2] - m[1])))
    out: list[Match] = []
    end = -1
    for m in found:
        if m[1] >= end:
            out.append(m)
            end = m[2]
    return out


def make_matcher(literals: Sequence[bytes], prefer: str | None = None) -> Matcher:
    """The fastest matcher available (``prefer="python"`` or the environment forces the fallback)."""
    choice = prefer or os.environ.get("DATARECIPE_MATCHER", "")
    if choice != "python":
        try:
            return AhoMatcher(literals)
        except ImportError:
            pass
    return PythonMatcher(literals)
