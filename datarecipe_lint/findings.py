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
    FindingInfo("undisclosed-teacher", "warning", "--scan-data: the data carries a model family's fingerprints (self-identification, boilerplate) or a generator column names its models, above the thresholds, and the card names no model of that vendor", "name the teacher model in the card, or remove the rows that carry its output"),
    FindingInfo("claimed-human-but-synthetic", "warning", "--scan-data: the card's origin is human, but model output shows in more rows than the thresholds allow", "say which parts were generated (language_creators: machine-generated, the model), or filter the generated rows out"),
    FindingInfo("data-unreadable", "warning", "--scan-data: a data file is damaged in places (not JSON, not UTF-8, truncated, over-long rows, not Parquet); the finding names the file and line, the rest is still scanned", "repair or re-export the file"),
    FindingInfo("data-skipped", "info", "--scan-data: a data file was not scanned (format not supported, optional reader not installed) or there are no data files", "install the extra the message names (datarecipe[parquet], datarecipe[zstd]) or convert the file"),
)  # fmt: skip
FINDING_IDS = tuple(f.id for f in FINDINGS)
