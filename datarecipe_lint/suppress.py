"""Inline suppression in a card: ``<!-- datarecipe-disable exact_prompts: prompts are proprietary -->``.

HTML comments do not show on the Hub or GitHub. A suppression acts like ``--ignore`` for that card,
and its reason is recorded in the output.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .card import Card
from .recipe import Finding

DISABLE = re.compile(r"<!--\s*datarecipe-disable\s+([\w,\s-]+?)\s*(?::\s*(.*?))?\s*-->", re.DOTALL)


def inline_ignores(card: Card, known: Iterable[str]) -> tuple[dict[str, str], list[Finding]]:
    known_ids = set(known)
    out: dict[str, str] = {}
    problems: list[Finding] = []
    for m in DISABLE.finditer(card.text):
        line = card.text.count("\n", 0, m.start()) + 1
        reason = " ".join((m.group(2) or "").split()) or "disabled in the card"
        for item in re.split(r"[,\s]+", m.group(1).strip()):
            if item in known_ids:
                out[item] = f"{reason} (card line {line})"
            elif item:
                problems.append(
                    Finding(
                        "suppression-unknown",
                        "warning",
                        f"datarecipe-disable names unknown id {item!r}",
                        line,
                    )
                )
    return out, problems
