"""The fingerprint table (``knowledge/fingerprints.yaml``) compiled into literal byte patterns.

Every phrase is expanded (``{a|b}`` alternatives, straight and typographic apostrophes), lowered,
and encoded twice: as UTF-8 and as JSON's ASCII escapes (``\\u6211``), so Chinese phrases match
JSONL files written with ``ensure_ascii``. Generator and role keys become ``"key"`` patterns, so
one pass of the matcher finds both the phrases and the columns worth counting.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any, NamedTuple

MAX_EXPANSIONS = 512  # per phrase; a typo in the table must not explode the pattern set
APOSTROPHES = ("'", "\u2019")
KIND_KEY, KIND_ROLE = "generator_key", "role_key"


class Pattern(NamedTuple):
    """One literal the matcher looks for, with what a hit on it means."""

    literal: bytes  # lowered; what is searched in lowered bytes
    family: str  # display name; "" for keys
    vendor: str | None
    kind: str  # self_identification | disclaimer | refusal | knowledge_cutoff | generator_key | role_key
    phrase: str  # the expanded phrase (or the key) as text


class Thresholds(NamedTuple):
    min_rows: int
    min_share: float


class Fingerprints(NamedTuple):
    patterns: tuple[Pattern, ...]
    thresholds: Thresholds
    generator_keys: frozenset[str]
    role_keys: frozenset[str]
    prompt_fields: frozenset[str]
    prompt_roles: frozenset[str]
    families: tuple[tuple[str, str | None], ...]  # (family, vendor) in table order

    def phrase_literals(self) -> list[str]:
        """The phrase literals as text (what the benchmark hands to ``grep -F -f``)."""
        return [p.literal.decode("utf-8") for p in self.patterns if not p.kind.endswith("_key")]


def expand(text: str) -> list[str]:
    """``"{i am|i'm} claude"`` -> every combination, apostrophes in both forms, lowered."""
    parts = re.split(r"(\{[^{}]*\})", text.lower())
    choices = [p[1:-1].split("|") if p.startswith("{") else [p] for p in parts]
    out: list[str] = []
    for combo in itertools.product(*choices):
        phrase = " ".join("".join(combo).split())
        for variant in _apostrophes(phrase):
            if variant and variant not in out:
                out.append(variant)
        if len(out) > MAX_EXPANSIONS:
            raise ValueError(
                f"fingerprint phrase {text!r} expands to over {MAX_EXPANSIONS} phrases"
            )
    return out


def _apostrophes(phrase: str) -> list[str]:
    if "'" not in phrase:
        return [phrase]
    return [phrase.replace("'", a) for a in APOSTROPHES]


def encodings(phrase: str) -> list[bytes]:
    """UTF-8 bytes, plus the JSON ``\\uXXXX`` form when the phrase is not ASCII (both lowered)."""
    raw = phrase.encode("utf-8")
    out = [raw]
    if not phrase.isascii():
        escaped = json.dumps(phrase, ensure_ascii=True)[1:-1].lower().encode("ascii")
        if escaped != raw:
            out.append(escaped)
    return out


def _rows(data: Mapping[str, Any], key: str, field: str) -> frozenset[str]:
    return frozenset(str(row[field]).lower() for row in data.get(key, ()) if row.get(field))


def compile_table(data: Mapping[str, Any]) -> Fingerprints:
    patterns: list[Pattern] = []
    seen: set[bytes] = set()
    families: list[tuple[str, str | None]] = []
    for fam in data.get("families", ()):
        name, vendor = str(fam["family"]), fam.get("vendor")
        families.append((name, vendor))
        for row in fam.get("phrases", ()):
            for phrase in expand(str(row["text"])):
                for literal in encodings(phrase):
                    if literal not in seen:
                        seen.add(literal)
                        patterns.append(Pattern(literal, name, vendor, str(row["kind"]), phrase))
    generator_keys = _rows(data, "generator_keys", "key")
    role_keys = _rows(data, "role_keys", "key")
    for kind, keys in ((KIND_KEY, generator_keys), (KIND_ROLE, role_keys)):
        for key in sorted(keys):
            patterns.append(Pattern(f'"{key}"'.encode(), "", None, kind, key))
    limits = data.get("thresholds", {})
    return Fingerprints(
        patterns=tuple(patterns),
        thresholds=Thresholds(int(limits.get("min_rows", 5)), float(limits.get("min_share", 0.01))),
        generator_keys=generator_keys,
        role_keys=role_keys,
        prompt_fields=_rows(data, "prompt_fields", "key"),
        prompt_roles=_rows(data, "prompt_roles", "value"),
        families=tuple(families),
    )


@cache
def fingerprints() -> Fingerprints:
    from ..knowledge import table

    return compile_table(table("fingerprints"))


def iter_table_rows(data: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    """Every row of the table that must carry a source or a note (for the table's own test)."""
    for fam in data.get("families", ()):
        yield from fam.get("phrases", ())
    for key in ("generator_keys", "role_keys", "prompt_fields", "prompt_roles"):
        yield from data.get(key, ())
