"""Detectors: one small module each, run in registry order over a parsed card.

A detector has an ``ID``, a docstring that documents it, and
``check(card, seen) -> Iterator[Signal | Finding]``. ``seen`` holds what earlier detectors
reported, so later ones (origin, consistency, terms) can build on it without mutating it, and the
repository's files when the card came from the Hub. Detectors that set ``USES_ROLES = True`` read
the models' roles (teacher, judge, other), which :func:`run_all` resolves once, before the first
of them runs.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from types import ModuleType
from typing import TYPE_CHECKING, NamedTuple, Union

from ..card import Card
from ..recipe import Evidence, Finding
from ..text import Sentence

if TYPE_CHECKING:
    from ..sources.repo_files import RepoFiles


class Signal(NamedTuple):
    """Something a detector saw in the card, with the line it came from."""

    kind: str  # model | platform | pool | web_source | method | origin
    name: str
    evidence: Evidence
    role: str = ""
    strength: int = 1  # 1: from prose; 2: explicit (structured field, strong verb, code call)
    detail: str = ""


Observation = Union[Signal, Finding]


class Roles(NamedTuple):
    """Each model named, by what it did: one evidence signal per model, best first."""

    teachers: dict[str, Signal]
    judges: dict[str, Signal]
    others: list[Signal]


class Seen(NamedTuple):
    observations: tuple[Observation, ...] = ()
    repo: RepoFiles | None = None  # a Hub repository's files and structured-file texts
    roles: Roles | None = None  # resolved once the model detectors have run

    def signals(self, kind: str) -> list[Signal]:
        return [o for o in self.observations if isinstance(o, Signal) and o.kind == kind]

    def findings(self) -> list[Finding]:
        return [o for o in self.observations if isinstance(o, Finding)]

    def plus(self, more: Iterable[Observation]) -> Seen:
        return self._replace(observations=self.observations + tuple(more))

    def model_roles(self, card: Card) -> Roles:
        """The resolved roles (resolving here only when a detector runs on its own, in tests)."""
        if self.roles is not None:
            return self.roles
        from .teachers import resolve

        return resolve(card, self)


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


def run_all(card: Card, repo: RepoFiles | None = None) -> Seen:
    """Every detector in registry order; the models' roles are resolved once, when first needed."""
    from .teachers import resolve

    seen = Seen(repo=repo)
    for module in registry().values():
        if getattr(module, "USES_ROLES", False) and seen.roles is None:
            seen = seen._replace(roles=resolve(card, seen))
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
