"""Add values to a card's YAML front matter by editing lines, never by re-serialising it.

Only the lines of a key that gains values change: a missing key is appended before the closing
``---`` as a block list, a block list gains items after its last one (same indent), a flow list
(``key: [a, b]``) gains them before ``]``, a single value becomes a block list. Every other line,
with its comments, quoting, order and line ending, is kept byte for byte. The result is parsed
again and must equal the old mapping plus the additions; otherwise nothing is changed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import yaml

from ..detectors import iter_front_matter_strings

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SAFE_SCALAR = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/|+-]*$")


def add_values(
    lines: list[str], start: int, end: int, additions: Mapping[str, Sequence[str]], newline: str
) -> list[str] | None:
    """``lines`` (each with its ending) with the values added to the front matter held in
    ``lines[start:end]`` (the lines between the ``---`` fences); None when the edit cannot be
    made safely (a key in a form this editor does not rewrite, or a re-parse that disagrees)."""
    block = lines[start:end]
    before = _load("".join(block))
    if before is None:
        return None
    for key, values in additions.items():
        if not values or not all(SAFE_SCALAR.match(v) for v in values):
            return None
        edited = _add(block, key, list(values), newline)
        if edited is None:
            return None
        block = edited
    after = _load("".join(block))
    if after is None or after != _expected(before, additions):
        return None
    return lines[:start] + block + lines[end:]


def new_block(additions: Mapping[str, Sequence[str]], newline: str) -> list[str]:
    """A front matter for a card that has none."""
    out = ["---" + newline]
    for key, values in additions.items():
        out.append(f"{key}:{newline}")
        out += [f"- {v}{newline}" for v in values]
    return [*out, "---" + newline]


def values_of(front_matter: Mapping[str, Any], key: str) -> list[str]:
    return [v.strip() for v in iter_front_matter_strings(front_matter.get(key)) if v.strip()]


def _load(text: str) -> dict[str, Any] | None:
    try:
        data = yaml.load(text, Loader=_Loader) if text.strip() else {}
    except yaml.YAMLError:
        return None
    return data if isinstance(data, dict) else None


def _expected(before: dict[str, Any], additions: Mapping[str, Sequence[str]]) -> dict[str, Any]:
    out = dict(before)
    for key, values in additions.items():
        old = out.get(key)
        listed = [] if old is None else (list(old) if isinstance(old, list) else [old])
        out[key] = listed + list(values)
    return out


def _add(block: list[str], key: str, values: list[str], newline: str) -> list[str] | None:
    key_re = re.compile(rf"^{re.escape(key)}\s*:(?P<rest>.*?)(?P<end>\r\n|\n|\r)?$")
    at = next((i for i, line in enumerate(block) if key_re.match(line)), None)
    if at is None:
        return [*block, f"{key}:{newline}", *(f"- {v}{newline}" for v in values)]
    m = key_re.match(block[at])
    assert m is not None
    ending = m.group("end") or newline
    rest, hash_, comment = m.group("rest").partition(" #")
    rest, comment = rest.strip(), f" #{comment}" if hash_ else ""
    if rest.startswith("[") and rest.endswith("]"):
        inner = rest[1:-1].strip()
        joined = ", ".join([inner, *values] if inner else values)
        return [*block[:at], f"{key}: [{joined}]{comment}{ending}", *block[at + 1 :]]
    if rest and not rest.startswith(("|", ">", "{", "[", "&", "*", "!", "'", '"')):
        items = [f"- {rest}{ending}", *(f"- {v}{ending}" for v in values)]
        return [*block[:at], f"{key}:{comment}{ending}", *items, *block[at + 1 :]]
    if rest:
        return None  # a block scalar, a mapping, an anchor, a quoted value: not rewritten
    return _extend_block_list(block, at, values, ending)


def _extend_block_list(
    block: list[str], at: int, values: list[str], ending: str
) -> list[str] | None:
    item = re.compile(r"^(?P<indent>[ ]*)- ")
    last, indent = at, None
    for i in range(at + 1, len(block)):
        line = block[i]
        m = item.match(line)
        if m and (indent is None or m.group("indent") == indent):
            last, indent = i, m.group("indent")
        elif line.strip() == "" or line.lstrip().startswith("#"):
            continue
        else:
            break
    if indent is None:  # "key:" with nothing under it (the re-parse rejects a mapping)
        return [*block[: at + 1], *(f"- {v}{ending}" for v in values), *block[at + 1 :]]
    new = [f"{indent}- {v}{ending}" for v in values]
    return [*block[: last + 1], *new, *block[last + 1 :]]
