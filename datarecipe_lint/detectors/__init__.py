"""Detectors: one small module each, run in registry order over a parsed card.

A detector has an ``ID``, a docstring that documents it, and
``check(card, seen) -> Iterator[Signal | Finding]``. ``seen`` holds what earlier detectors
reported, so later ones (origin, consistency, terms) can build on it without mutating it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from types import ModuleType
from typing import NamedTuple, Union

from ..card import Card
from ..recipe import Evidence, Finding
from ..text import Sentence


class Signal(NamedTuple):
    """Something a detector saw in the card, with the line it came from."""

    kind: str  # model | platform | pool | web_source | method | origin
    name: str
    evidence: Evidence
    role: str = ""
    strength: int = 1  # 1: from prose; 2: explicit (structured field, strong verb, code call)
    detail: str = ""


Observation = Union[Signal, Finding]


class Seen(NamedTuple):
    observations: tuple[Observation, ...] = ()

    def signals(self, kind: str) -> list[Signal]:
        return [o for o in self.observations if isinstance(o, Signal) and o.kind == kind]

    def findings(self) -> list[Finding]:
        return [o for o in self.observations if isinstance(o, Finding)]

    def plus(self, more: Iterable[Observation]) -> Seen:
        return Seen(self.observations + tuple(more))


def evidence_at(sentence: Sentence, start: int = 0, end: int = 0, width: int = 160) -> Evidence:
    """Quote the sentence around [start, end) and point at its source line."""
    text = sentence.text
    line = sentence.line + text.count("\n", 0, start)
    if len(text) > width:
        lo = max(0, min(start - width // 2, len(text) - width))
        text = (
            ("…" if lo else "")
            + text[lo : lo + width].strip()
            + ("…" if lo + width < len(text) else "")
        )
    return Evidence.of(line, text)


RELATIVE = ("which", "who", "whose", "that", "where", "whom")


def clause_before(text: str, start: int, limit: int = 160) -> str:
    """The text of the clause leading up to ``start``: back to the last comma or semicolon,
    except one that opens a relative clause ("Unlike Alpaca, which used text-davinci-003")."""
    lo = max(0, start - limit)
    pos = start
    while True:
        cut = max(text.rfind(",", lo, pos), text.rfind(";", lo, pos))
        if cut < 0:
            return text[lo:start]
        if (
            text[cut + 1 : cut + 10].split()[:1]
            and text[cut + 1 : cut + 10].split()[0].lower() in RELATIVE
        ):
            pos = cut
            continue
        return text[cut + 1 : start]


def _load() -> dict[str, ModuleType]:
    from . import (
        consistency,
        front_matter,
        methods,
        origin,
        platforms,
        repo_files,
        teacher_terms,
        teachers,
        web_sources,
    )

    modules = (
        front_matter,
        teachers,
        repo_files,
        platforms,
        web_sources,
        methods,
        origin,
        teacher_terms,
        consistency,
    )
    return {m.ID: m for m in modules}


_REGISTRY: dict[str, ModuleType] = {}


def registry() -> dict[str, ModuleType]:
    if not _REGISTRY:
        _REGISTRY.update(_load())
    return _REGISTRY


def get(detector_id: str) -> ModuleType:
    try:
        return registry()[detector_id]
    except KeyError:
        known = ", ".join(registry())
        raise KeyError(f"no detector {detector_id!r} (known: {known})") from None


def run_all(card: Card) -> Seen:
    seen = Seen()
    for module in registry().values():
        seen = seen.plus(module.check(card, seen))
    return seen


def iter_front_matter_strings(value: object, depth: int = 0) -> Iterator[str]:
    """Every string in a front-matter value (lists, per-config dicts), bounded in depth."""
    if depth > 20:
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from iter_front_matter_strings(v, depth + 1)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from iter_front_matter_strings(v, depth + 1)
