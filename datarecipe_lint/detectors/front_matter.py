"""Front matter and emptiness: what the card's structure itself says is wrong.

Findings:

- ``front-matter-invalid`` (warning): the YAML block does not parse; reported at its line and the
  body is still analysed. Fix the YAML (``yamllint`` shows the exact problem).
- ``front-matter-missing`` (info): no ``---`` block; the Hub shows no metadata for the dataset.
- ``empty-card`` (warning): the card has no text at all.
- ``template-only`` (warning): only headings and template filler such as
  ``[More Information Needed]``; fill in at least the summary and how the data was made.

Passing example::

    ---
    license: mit
    ---
    # Dataset
    Questions written by volunteers.

Failing example (``template-only``)::

    # Dataset Card for X
    ## Dataset Summary
    [More Information Needed]
"""

from __future__ import annotations

from collections.abc import Iterator

from ..card import Card
from ..recipe import Finding
from . import Observation, Seen

ID = "front-matter"


def check(card: Card, seen: Seen) -> Iterator[Observation]:
    error = card.front_matter_error
    if error is not None:
        yield Finding("front-matter-invalid", "warning", error.message, error.line)
    elif not card.has_front_matter:
        yield Finding(
            "front-matter-missing",
            "info",
            "no YAML front matter: add a '---' block with license, language and task_categories",
            1,
        )
    if not card.text.strip():
        yield Finding(
            "empty-card",
            "warning",
            "the card is empty: describe the dataset and how it was made",
            1,
        )
    elif not any(u.kind in ("prose", "table") for u in card.units):
        yield Finding(
            "template-only",
            "warning",
            "the card has no prose of its own (only headings or template filler): fill in the summary and the creation sections",
            card.body_start if card.body_start <= len(card.lines) else 1,
        )
