"""Where the provenance sections go in a card's body, and what is inserted there.

A wanted section is a path of headings from the Hub's card template ("Dataset Creation" >
"Source Data" > "Data Collection and Processing"). The deepest existing heading of the path is
extended at its end; the missing part of the path is created there (one level below it). A
missing top-level section goes before the card's closing sections (bias, citation, licence,
contributions) or at the end. Only lines are inserted; no line of the card changes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

from ..card import Card, Section

CLOSING = ("bias", "risk", "limitation", "consideration", "citation", "licens", "contribut", "more information", "acknowledg")  # fmt: skip


class Insert(NamedTuple):
    after: int  # 0-based index of the line the new lines follow (-1: before the first line)
    lines: tuple[str, ...]  # without line endings


def plan(
    card: Card, wanted: Mapping[tuple[str, ...], Sequence[str]], first_body_index: int
) -> list[Insert]:
    """The insertions that give every wanted path its lines (lines already in the card are not
    written again); ``first_body_index``: the index of the first line after the front matter."""
    present = {line.strip() for line in card.lines}
    # (after, -depth, order) -> lines: at one anchor, what goes into the deeper existing section
    # comes first ("#### Annotation process" right under "### Annotations", then new sections)
    groups: dict[tuple[int, int, int], list[str]] = {}
    for order, (path, content) in enumerate(wanted.items()):
        new = [c for c in content if c.strip() not in present]
        if not new:
            continue
        after, depth, heading_lines = _anchor(card, path, first_body_index)
        block = [part for h in heading_lines for part in ("", h)] + ["", *new]
        groups.setdefault((after, -depth, order), []).extend(block)
        present.update(c.strip() for c in new)
    inserts = [Insert(key[0], tuple(lines)) for key, lines in sorted(groups.items())]
    return _merge(inserts)


def _merge(inserts: list[Insert]) -> list[Insert]:
    out: list[Insert] = []
    for ins in inserts:
        if out and out[-1].after == ins.after:
            out[-1] = Insert(ins.after, out[-1].lines + ins.lines)
        else:
            out.append(ins)
    return out


def _anchor(card: Card, path: tuple[str, ...], first_body_index: int) -> tuple[int, int, list[str]]:
    """(index of the line to insert after, the level of the section found there, the headings
    still to create)."""
    found: Section | None = None
    depth = 0
    for i in range(len(path)):
        match = _find(card, path[: i + 1], found)
        if match is None:
            break
        found, depth = match, i + 1
    if found is None:
        level = 2
        after = _before_closing(card, first_body_index)
    else:
        level = found.level + 1
        after = _last_text_line(card, found)
    headings = [f"{'#' * min(level + k, 6)} {title}" for k, title in enumerate(path[depth:])]
    return after, level, headings


def _find(card: Card, path: tuple[str, ...], parent: Section | None) -> Section | None:
    want = path[-1].lower().rstrip("?")
    for s in card.sections:
        if s.title.lower().strip().rstrip("?:") != want:
            continue
        if parent is None or (parent.line < s.line <= parent.end and s.level > parent.level):
            return s
    return None


def _last_text_line(card: Card, section: Section) -> int:
    """Index of the last non-blank line of a section (its heading when it is empty)."""
    end = min(section.end, len(card.lines))
    for line in range(end, section.line, -1):
        if card.lines[line - 1].strip():
            return line - 1
    return section.line - 1


def _before_closing(card: Card, first_body_index: int) -> int:
    """Before the first top-level closing section (citation, licence...), else at the end."""
    top = min((s.level for s in card.sections), default=2)
    for s in card.sections:
        title = s.title.lower()
        if s.level <= max(top, 2) and any(w in title for w in CLOSING):
            for line in range(s.line - 1, first_body_index, -1):
                if card.lines[line - 1].strip():
                    return line - 1
            return first_body_index - 1
    for line in range(len(card.lines), first_body_index, -1):
        if card.lines[line - 1].strip():
            return line - 1
    return max(first_body_index - 1, -1)
