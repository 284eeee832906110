"""teacher-terms: a teacher whose terms restrict training competing models on its outputs, while
the card declares a permissive license and says nothing about the restriction.

The terms are a column of the model table (``knowledge/models.yaml``), each with its source.
Fix: state the restriction in the card (e.g. "outputs of GPT-4 are subject to OpenAI's terms of
use, which prohibit developing competing models"), or choose a license that carries it.

Passing example::

    license: cc-by-nc-4.0
    Responses were generated with GPT-4; use is subject to OpenAI's terms of use.

Failing example::

    license: mit
    Responses were generated with GPT-4.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..card import Card
from ..knowledge import model
from ..recipe import Finding
from . import Observation, Seen, iter_front_matter_strings

USES_ROLES = True
ID = "teacher-terms"
PERMISSIVE = re.compile(
    r"^(?:mit|apache-2\.0|bsd(?:-[23]-clause)?|cc0-1\.0|cc-by-(?:3\.0|4\.0)|cc-by-sa-(?:3\.0|4\.0)|odc-by|pddl|unlicense|wtfpl|openrail|odbl|cdla-permissive-\d\.\d)$"
)
RESTRICTION = re.compile(
    r"terms of (?:use|service)|non-?commercial|compet(?:e|ing)|usage polic|research (?:use|purposes) only|subject to",
    re.IGNORECASE,
)


def _restricts(name: str) -> bool:
    info = model(name)
    return info is not None and info.terms is not None and info.terms.restricts_competing_training


def check(card: Card, seen: Seen) -> Iterator[Observation]:
    licenses = [
        s.lower()
        for s in iter_front_matter_strings(
            [card.front_matter.get("license"), card.front_matter.get("licenses")]
        )
    ]
    if not licenses or not all(PERMISSIVE.match(x) for x in licenses):
        return
    teachers = seen.model_roles(card).teachers
    restricted = {n: s for n, s in teachers.items() if _restricts(n)}
    if not restricted or RESTRICTION.search(card.text):
        return
    for name, signal in sorted(restricted.items()):
        info = model(name)
        assert info is not None and info.terms is not None
        yield Finding(
            ID,
            "warning",
            f"{name} generated data ({info.vendor} terms: {info.terms.summary}; {info.terms.source}) "
            f"but the card declares license {', '.join(licenses)} and states no restriction",
            signal.evidence.line,
        )
