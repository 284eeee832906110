"""Exports of the recipe into formats other audiences fix: Croissant RAI (``croissant``) and the
EU AI Act training-content summary (``eu_summary``), both from the facts in ``facts``. Imported
only by ``datarecipe export`` and the Action's ``export`` input."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .facts import Facts

TARGETS = ("croissant", "eu-summary")
EXTENSIONS = {"croissant": ".croissant.json", "eu-summary": ".eu-summary.md"}


def render(
    target: str, facts: Facts, folder: Path | None = None, base: dict[str, Any] | None = None,
    fmt: str = "md",
) -> str:  # fmt: skip
    """One export as text: Croissant JSON-LD (added to ``base`` when given, else built with the
    data files in ``folder``), or the EU summary as Markdown (``fmt="md"``) or JSON."""
    if target == "eu-summary":
        from . import eu_summary

        return eu_summary.render_json(facts) if fmt == "json" else eu_summary.render_markdown(facts)
    from . import croissant

    document = (
        croissant.merge(base, facts) if base is not None else croissant.document(facts, folder)
    )
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
