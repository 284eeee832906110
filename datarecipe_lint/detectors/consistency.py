"""consistency: the front matter contradicts the prose.

- ``annotations_creators``/``language_creators`` say people (crowdsourced, expert-generated) or
  found text, while the text names a model that generated the content;
- a ``synthetic`` tag or ``machine-generated`` creators with no generating model named anywhere.

Fix: make the metadata say what the prose says (add ``machine-generated``), or name the model.

Passing example::

    language_creators: [machine-generated]
    Responses were generated with GPT-4.

Failing example::

    language_creators: [crowdsourced]
    Responses were generated with GPT-4.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..card import Card
from ..recipe import Finding
from . import Observation, Seen, iter_front_matter_strings

USES_ROLES = True
ID = "consistency"


def check(card: Card, seen: Seen) -> Iterator[Observation]:
    fm = card.front_matter
    creators = {
        k: {v.lower() for v in iter_front_matter_strings(fm.get(k))}
        for k in ("language_creators", "annotations_creators")
    }
    teachers = seen.model_roles(card).teachers
    strong = {n: s for n, s in teachers.items() if s.strength >= 2}
    lang = creators["language_creators"]
    if (
        strong
        and lang
        and "machine-generated" not in lang
        and lang & {"crowdsourced", "expert-generated", "found"}
    ):
        name, signal = sorted(strong.items())[0]
        yield Finding(
            ID,
            "warning",
            f"front matter says language_creators: {', '.join(sorted(lang))}, but line {signal.evidence.line} says "
            f"{name} generated content; add machine-generated to language_creators",
            card.key_line("language_creators"),
        )
    tags = {t.lower() for t in iter_front_matter_strings(fm.get("tags"))}
    says_synthetic = any("synthetic" in t for t in tags) or "machine-generated" in lang
    if says_synthetic and not teachers:
        key = "tags" if any("synthetic" in t for t in tags) else "language_creators"
        yield Finding(
            ID,
            "warning",
            "the front matter marks the data as synthetic but the card names no model that generated it; "
            "name the model and version (e.g. 'responses generated with gpt-4o-2024-08-06')",
            card.key_line(key),
        )
