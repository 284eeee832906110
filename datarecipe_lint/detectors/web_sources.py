"""Web sources the content was collected from (Common Crawl, Wikipedia, Reddit, GitHub, arXiv...).

A source counts as strong when its sentence also says the text was collected ("scraped from",
"crawled", "a dump of"). Sources named in citations or results tables are ignored.

Passing example::

    Articles were scraped from English Wikipedia (the 2023-06-01 dump) and filtered by length.

Failing example: none; this detector reports signals, not findings.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..card import Card
from ..knowledge import cue, web_matcher
from . import Observation, Seen, Signal
from .platforms import scan

ID = "web-sources"


def check(card: Card, seen: Seen) -> Iterator[Observation]:
    collect = cue("web")
    for signal in scan(card, web_matcher(), "web_source", skip=("citation", "evaluation")):
        strength = 2 if collect.search(signal.evidence.text) else 1
        yield Signal(signal.kind, signal.name, signal.evidence, "used", strength)
