"""One priced part of the estimate: a teacher's API calls, a judge pass, an annotation pass."""

from __future__ import annotations

from typing import NamedTuple

from .ranges import Span

KINDS = ("api_calls", "human_annotation", "compute")


class Line(NamedTuple):
    label: str
    kind: str  # api_calls | human_annotation | compute
    method: str  # the recipe's method type
    usd: Span
    exact: bool  # the model or platform, and its price or rate, come from the card
    assumptions: tuple[str, ...]
