"""The stable finding ids: what each checks and how to fix it (the README's table comes from here)."""

from __future__ import annotations

from typing import NamedTuple


class FindingInfo(NamedTuple):
    id: str
    severity: str
    checks: str
    fix: str


FINDINGS: tuple[FindingInfo, ...] = (
    FindingInfo("front-matter-invalid", "warning", "the YAML front matter does not parse (reported at its line; the body is still analysed)", "fix the YAML between the two --- lines"),
    FindingInfo("front-matter-missing", "info", "the card has no YAML front matter", "add a --- block with license, language, task_categories, size_categories"),
    FindingInfo("empty-card", "warning", "the card is empty", "describe the dataset and how it was made"),
    FindingInfo("template-only", "warning", "only headings and template filler such as [More Information Needed]", "fill in the summary and the Dataset Creation sections"),
    FindingInfo("consistency", "warning", "the front matter contradicts the prose (creators vs the generating model; a synthetic tag with no model named)", "make language_creators/annotations_creators and tags say what the text says, or name the model"),
    FindingInfo("teacher-terms", "warning", "a teacher's terms restrict training competing models on its outputs, but the card declares a permissive license and no restriction", "state the restriction in the card or choose a license that carries it"),
    FindingInfo("suppression-unknown", "warning", "an inline <!-- datarecipe-disable ID --> names an unknown id", "use a criterion or finding id from the README tables"),
)  # fmt: skip
FINDING_IDS = tuple(f.id for f in FINDINGS)
