"""One row, read as fields: which fingerprints it carries, where, and whether they count.

A row (a parsed JSON value, a CSV record, a Parquet row) is walked into text fields with a path
(``messages[2].content``). A fingerprint counts unless it sits on the prompt side (a prompt,
question or system field, or a user/system turn) or inside a quotation (“as an AI language model”,
he said ...): a model's words quoted by people, or fed to a model, say nothing about who wrote the
data. Generator and role columns are collected on the way.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any, NamedTuple

from .fingerprints import KIND_KEY, KIND_ROLE, Fingerprints
from .matcher import Matcher

MAX_DEPTH = 32
MAX_FIELDS = 10_000  # text fields read per row
MAX_VALUE = 200  # characters of a generator/role value kept for counting
OPENING_QUOTES = ('"', "'", "\u201c", "\u2018", "\u00ab", "\u300c", "\u300e", "`", ">")
QUOTE_CUE = re.compile(
    rb"\b(?:says?|said|saying|writes?|wrote|repl(?:y|ies|ied)|respond(?:s|ed)?|answer(?:s|ed)?|"
    rb"phrases?|quotes?|quoted|like|such as|e\.g\.|output(?:s|ted)?|boilerplate)\s*[:,]?\s*\W{0,3}$"
)


class Field(NamedTuple):
    path: str
    text: str
    prompt: bool  # sent to a model rather than written by one


class Hit(NamedTuple):
    family: str
    kind: str
    phrase: str
    field: str
    why: str  # "" = counted; "prompt" or "quoted" = seen but not counted


class Keyed(NamedTuple):
    key: str
    value: str
    role: bool  # a chat-turn role (counted, never attributed) rather than a generator column


def walk(obj: Any, fp: Fingerprints) -> tuple[list[Field], list[Keyed]]:
    fields: list[Field] = []
    keyed: list[Keyed] = []
    _walk(obj, fp, "", False, 0, fields, keyed)
    return fields, keyed


def _walk(
    obj: Any,
    fp: Fingerprints,
    path: str,
    prompt: bool,
    depth: int,
    fields: list[Field],
    keyed: list[Keyed],
) -> None:
    if len(fields) >= MAX_FIELDS or depth > MAX_DEPTH:
        return
    if isinstance(obj, str):
        if obj:
            fields.append(Field(path or "(value)", obj, prompt))
    elif isinstance(obj, dict):
        turn_prompt = prompt or _prompt_turn(obj, fp)
        for key, value in obj.items():
            name = str(key)
            low = name.lower()
            if isinstance(value, str) and (low in fp.generator_keys or low in fp.role_keys):
                keyed.append(Keyed(name, value[:MAX_VALUE], low in fp.role_keys))
                continue
            child = f"{path}.{name}" if path else name
            _walk(
                value, fp, child, turn_prompt or low in fp.prompt_fields, depth + 1, fields, keyed
            )
    elif isinstance(obj, (list, tuple)):
        for i, value in enumerate(obj):
            _walk(value, fp, f"{path}[{i}]", prompt, depth + 1, fields, keyed)


def _prompt_turn(obj: dict[Any, Any], fp: Fingerprints) -> bool:
    for key in fp.role_keys:
        value = obj.get(key)
        if isinstance(value, str) and value.lower() in fp.prompt_roles:
            return True
    return False


def hits(fields: list[Field], matcher: Matcher, fp: Fingerprints) -> list[Hit]:
    """Fingerprints in a row's fields, one matcher call for the whole row."""
    if not fields:
        return []
    encoded = [f.text.encode("utf-8", "replace").lower() for f in fields]
    starts: list[int] = []
    pos = 0
    for blob in encoded:
        starts.append(pos)
        pos += len(blob) + 1
    found = matcher.find(b"\x00".join(encoded))
    out: list[Hit] = []
    for index, start, _end in found:
        pattern = fp.patterns[index]
        if pattern.kind in (KIND_KEY, KIND_ROLE):
            continue
        at = bisect_right(starts, start) - 1
        field = fields[at]
        why = (
            "prompt"
            if field.prompt
            else ("quoted" if quoted(encoded[at], start - starts[at]) else "")
        )
        out.append(Hit(pattern.family, pattern.kind, pattern.phrase, field.path, why))
    return out


def quoted(text: bytes, start: int) -> bool:
    """Is the phrase at ``start`` opened by a quotation mark or introduced as a quotation?"""
    before = text[max(0, start - 60) : start].decode("utf-8", "ignore").rstrip()
    if before.endswith(OPENING_QUOTES):
        return True
    return QUOTE_CUE.search(before.encode("utf-8")) is not None
