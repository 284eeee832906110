"""Find names from a table (models, platforms, web sources) in text.

Aliases are case-insensitive; ``-``, ``_`` and spaces are interchangeable and optional between
alias parts, ``.`` is literal. The longest alias wins. Compiling one alternation of every alias
costs tens of milliseconds, too much for a pre-commit hook, so a small regex of alias *stems*
(their leading letters) finds candidates and each stem's own pattern is compiled on first use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Iterator, Sequence

SEPARATORS = re.compile(r"[-_\s]+")
LEADING_LETTERS = re.compile(r"[a-z]+|[^\x00-\x7f]+")
# A parameter count after a model name: "70b", "8x7B", "1.5B", "405B".
SIZE = r"(?:[-_ ]?\(?(?P<size>\d+(?:\.\d+)?(?:x\d+(?:\.\d+)?)?)(?P<unit>[bm])(?![a-z0-9]))?"
_SIZE = re.compile(SIZE)
RUNS = re.compile(r"[a-z]+|\d+|[^a-z\d]+")
RIGHT_EDGE = r"(?![a-z0-9_]|\.[a-z0-9])"


@dataclass(frozen=True)
class Alias:
    text: str
    name: str
    sized: bool = False
    requires_size: bool = False
    case_sensitive: bool = False


@dataclass(frozen=True)
class Hit:
    name: str
    start: int
    end: int
    text: str


def alias_pattern(alias: str) -> str:
    """Regex for an alias: separators optional between letters and digits, required between words."""
    runs: list[str] = []
    for part in SEPARATORS.split(alias.strip().lower()):
        if part:
            runs.append(" ")  # an explicit separator
            runs.extend(RUNS.findall(part))
    out = ""
    prev = ""
    pending_sep = False
    for run in runs:
        if run == " ":
            pending_sep = bool(out)
            continue
        if out:
            if pending_sep and prev[-1:].isalpha() and run[:1].isalpha():
                out += r"[-_ ]+"  # "mistral large" must not match "mistrallarge"
            elif pending_sep or (prev[-1:].isalnum() and run[:1].isalnum()):
                out += r"[-_ ]*"  # "gpt4" == "gpt-4" == "gpt 4"
        out += re.escape(run)
        prev, pending_sep = run, False
    return out


def _stem(alias: str) -> str:
    match = LEADING_LETTERS.match(alias.lower())
    return match.group(0) if match else alias.lower()[:1]


class NameMatcher:
    def __init__(self, aliases: Iterable[Alias]) -> None:
        self._by_stem: dict[str, list[Alias]] = {}
        self._exact: list[Alias] = []
        for alias in aliases:
            if alias.case_sensitive:
                self._exact.append(alias)
            else:
                self._by_stem.setdefault(_stem(alias.text), []).append(alias)
        stems = sorted(self._by_stem, key=lambda s: (-len(s), s))
        self._prefilter = re.compile(r"(?<![a-z0-9_])(?:" + "|".join(map(re.escape, stems)) + ")") if stems else None
        self._compiled: dict[str, tuple[re.Pattern[str], list[Alias]]] = {}
        self._exact_re = (
            re.compile(r"(?<![A-Za-z0-9])(?:" + "|".join(re.escape(a.text) for a in self._exact) + r")(?![A-Za-z0-9])")
            if self._exact
            else None
        )

    def _stem_pattern(self, stem: str) -> tuple[re.Pattern[str], list[Alias]]:
        compiled = self._compiled.get(stem)
        if compiled is None:
            aliases = sorted(self._by_stem[stem], key=lambda a: (-len(a.text), a.text))
            groups = "|".join(f"(?P<a{i}>{alias_pattern(a.text)})" for i, a in enumerate(aliases))
            compiled = (re.compile(f"(?:{groups}){RIGHT_EDGE}"), aliases)
            self._compiled[stem] = compiled
        return compiled

    def find(self, text: str) -> Iterator[Hit]:
        lowered = text.lower()
        taken_until = -1
        if self._prefilter is not None:
            for candidate in self._prefilter.finditer(lowered):
                start = candidate.start()
                if start < taken_until:
                    continue
                hit = self._match_at(lowered, text, start, candidate.group(0))
                if hit is not None:
                    taken_until = hit.end
                    yield hit
        if self._exact_re is not None:
            by_text = {a.text: a for a in self._exact}
            for m in self._exact_re.finditer(text):
                yield Hit(by_text[m.group(0)].name, m.start(), m.end(), m.group(0))

    def _match_at(self, lowered: str, text: str, start: int, stem: str) -> Hit | None:
        pattern, aliases = self._stem_pattern(stem)
        m = pattern.match(lowered, start)
        if m is None:
            return None
        alias = aliases[int(str(m.lastgroup)[1:])]
        end = m.end()
        sized = _SIZE.match(lowered, end) if alias.sized or alias.requires_size else None
        if alias.requires_size and not (sized and sized.group("size")):
            return None
        if alias.sized and sized and sized.group("size"):
            return Hit(f"{alias.name} {sized.group('size')}{sized.group('unit').upper()}", start, sized.end(), text[start : sized.end()])
        return Hit(alias.name, start, end, text[start:end])


def find_all(matcher: NameMatcher, text: str) -> list[Hit]:
    """Hits in text order. Within one token ("meta-llama/Llama-2-70b", "Qwen/Qwen2.5-7B") a
    generic name is dropped when a more specific one of the same family follows it."""
    hits = sorted(matcher.find(text), key=lambda h: h.start)
    return [h for i, h in enumerate(hits) if not _subsumed(h, hits[i + 1 : i + 3], text)]


def _subsumed(hit: Hit, later: Sequence[Hit], text: str) -> bool:
    for other in later:
        between = text[hit.end : other.start]
        if any(c.isspace() for c in between) or len(between) > 40:
            return False
        if other.name.lower().startswith(hit.name.lower()) and other.name != hit.name:
            return True
    return False
