"""``datarecipe fix``: write what was detected where readers (and the Hub's card template) expect
it, and a visible ``TODO(datarecipe):`` question for each criterion only the maintainer can fill.

Front matter: ``language_creators`` gains ``machine-generated`` when a teacher wrote the text and
``found`` for collected web text; ``annotations_creators`` is added when missing;
``source_datasets`` gains the datasets the card says it was built from; ``license`` is added only
when the prose names one. Body: the template's provenance sections are added where missing or
extended at their end. Nothing is removed and no existing line changes; a card that is fixed
already comes out byte-identical (idempotent). The TODO lines are template filler to the
detectors, so they never earn a rubric point.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import NamedTuple

from ..card import Card
from ..export.facts import Facts
from ..knowledge import platform_kinds, table
from ..recipe import Recipe
from .body import Insert, plan
from .front_matter import add_values, new_block, values_of

LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


class Fixed(NamedTuple):
    text: str
    filled: tuple[str, ...]  # what was written from the card's own statements, with its line
    todo: tuple[str, ...]  # criteria left as a TODO question
    note: str = ""  # why part of the fix was not made


ROUNDS = 4  # a fix can change what is detected (a new creators value); repeat until stable


def fix_until_stable(text: str, analyse: Callable[[str], tuple[Recipe, Card, Facts]]) -> Fixed:
    """Fix, analyse the result and fix again until nothing changes, so that a second run of
    ``fix`` on its own output changes nothing."""
    filled: list[str] = []
    current, fixed = text, Fixed(text, (), ())
    for _ in range(ROUNDS):
        step = fix_text(current, *analyse(current))
        filled += [f for f in step.filled if f not in filled]
        fixed = Fixed(step.text, tuple(filled), step.todo, step.note or fixed.note)
        if step.text == current:
            break
        current = step.text
    return fixed


def fix_text(text: str, recipe: Recipe, card: Card, facts: Facts) -> Fixed:
    """The fixed card text (``text`` itself when nothing is to be done)."""
    pieces = LINE.findall(text)
    newline = "\r\n" if text.count("\r\n") * 2 > text.count("\n") else "\n"
    additions, filled = _front_additions(recipe, card, facts)
    note = ""
    body_offset = 0
    if additions and card.has_front_matter:
        opening = next(i for i, p in enumerate(pieces) if p.strip().lstrip("\ufeff") == "---")
        closing = card.body_start - 2
        edited = add_values(pieces, opening + 1, closing, additions, newline)
        if edited is None:
            note, filled = "front matter left as it is (a key in a form fix does not rewrite)", []
        else:
            body_offset = len(edited) - len(pieces)
            pieces = edited
    elif additions:
        bom = "\ufeff" if text.startswith("\ufeff") else ""
        block = new_block(additions, newline)
        if pieces:
            pieces[0] = pieces[0].removeprefix(bom)
        pieces = [bom + block[0], *block[1:], *pieces]
        body_offset = len(block)
    wanted, todo = _wanted(recipe, card, facts)
    inserts = plan(card, wanted, card.body_start - 1 if card.has_front_matter else 0)
    pieces = _apply(pieces, inserts, body_offset, newline)
    return Fixed("".join(pieces), tuple(filled), tuple(todo), note)


def _apply(pieces: list[str], inserts: list[Insert], offset: int, newline: str) -> list[str]:
    out = list(pieces)
    for ins in sorted(inserts, key=lambda i: i.after, reverse=True):
        at = ins.after + offset + 1
        if at > 0 and not out[at - 1].endswith(("\n", "\r")):
            out[at - 1] += newline  # the card's last line had no line ending
        out[at:at] = [line + newline for line in ins.lines]
    return out


def _front_additions(
    recipe: Recipe, card: Card, facts: Facts
) -> tuple[dict[str, list[str]], list[str]]:
    fm = card.front_matter
    out: dict[str, list[str]] = {}
    filled: list[str] = []

    def add(key: str, value: str, why: str) -> None:
        if value not in values_of(fm, key) and value not in out.get(key, []):
            out.setdefault(key, []).append(value)
            filled.append(f"front matter {key}: {value} ({why})")

    if facts.teachers:
        add("language_creators", "machine-generated", _cited(facts.teachers[0].evidence))
    if facts.web_sources and recipe.generation.origin in ("web", "mixed"):
        add("language_creators", "found", _cited(facts.web_sources[0].evidence))
    if not values_of(fm, "annotations_creators"):
        kinds = platform_kinds()
        crowd = [
            f for f in facts.platforms if kinds.get(f.value) in ("crowd", "managed", "freelance")
        ]
        if crowd:
            add("annotations_creators", "crowdsourced", _cited(crowd[0].evidence))
    for dataset in facts.public_datasets:
        if "/" in dataset.value and not any(
            v.split("|")[-1] == dataset.value for v in values_of(fm, "source_datasets")
        ):
            add("source_datasets", dataset.value, _cited(dataset.evidence))
    if not values_of(fm, "license"):
        found = _license_in_prose(card)
        if found is not None:
            add("license", found[0], f"named on line {found[1]}")
    return out, filled


def _cited(evidence: object) -> str:
    line = getattr(evidence, "line", None)
    return f"line {line}" if line else "the card"


def _license_in_prose(card: Card) -> tuple[str, int] | None:
    rows = table("fix")["licenses"]
    for unit in card.units:
        if unit.kind != "prose":
            continue
        for row in rows:
            if re.search(row["pattern"], unit.text, re.IGNORECASE):
                return str(row["id"]), unit.line
    return None


def _wanted(
    recipe: Recipe, card: Card, facts: Facts
) -> tuple[dict[tuple[str, ...], list[str]], list[str]]:
    """Lines for each template section: the detected facts, then the open questions."""
    fix = table("fix")
    wanted: dict[tuple[str, ...], list[str]] = {}
    for path, line in _detected(facts):
        wanted.setdefault(path, []).append(line)
    todo: list[str] = []
    status = {c.id: c.status for c in recipe.reproducibility.criteria}
    missing = [c for c in fix["questions"] if status.get(c) == "missing"]
    if status.get("annotation_process") == "missing":
        missing.append("annotators")
    for criterion in missing:
        if criterion == "license" and "license" in card.front_matter:
            continue
        key = criterion
        if not facts.teachers and f"{criterion}_human" in fix["questions"]:
            key = f"{criterion}_human"  # people made the data: guidelines, annotators per item
        path = tuple(fix["placement"][key])
        wanted.setdefault(path, []).append(f"- {fix['todo']} {fix['questions'][key]}")
        todo.append(criterion)
    return wanted, todo


CREATION = ("Dataset Creation", "Source Data", "Data Collection and Processing")


def _detected(facts: Facts) -> Iterator[tuple[tuple[str, ...], str]]:
    if facts.web_sources:
        yield CREATION, "- Web sources: " + ", ".join(f.value for f in facts.web_sources)
    if facts.public_datasets:
        yield CREATION, "- Source datasets: " + ", ".join(f.value for f in facts.public_datasets)
    if facts.teachers:
        names = ", ".join(f.value for f in facts.teachers)
        yield ("Dataset Creation", "Generation"), f"- Teacher models: {names}"
    if facts.platforms:
        names = ", ".join(f.value for f in facts.platforms)
        yield ("Dataset Creation", "Annotations", "Annotation process"), f"- Platforms: {names}"
    if facts.annotators:
        names = ", ".join(f.value for f in facts.annotators)
        yield (
            ("Dataset Creation", "Annotations", "Who are the annotators?"),
            f"- Annotators: {names}",
        )
