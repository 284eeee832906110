"""What the exports say about a dataset, each fact with the card line it came from.

Both export formats (Croissant RAI, the EU training-content summary) read the same facts: the
recipe's teachers, methods and roles, plus a few card fields (licence, languages, task
categories, ``source_datasets``) and the collection period and domains stated beside the web
sources. A fact the card does not support is absent; nothing is guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple
from urllib.parse import urlsplit

from ..card import Card
from ..detectors import iter_front_matter_strings
from ..knowledge import model, table
from ..recipe import Evidence, Method, Recipe
from ..text import doc_of


class Fact(NamedTuple):
    value: str
    evidence: Evidence | None = None  # None: a structured field with no single line

    def line(self) -> str:
        """``value (line N: "...")`` for prose outputs."""
        if self.evidence is None:
            return self.value
        return f'{self.value} (card line {self.evidence.line}: "{self.evidence.text}")'


class Facts(NamedTuple):
    name: str
    title: str
    description: str
    url: str | None
    cite_as: str | None  # the card's own citation (BibTeX), when it has one
    license: tuple[Fact, ...]
    languages: tuple[str, ...]
    modalities: tuple[str, ...]
    origin: str
    origin_evidence: tuple[Evidence, ...]
    public_datasets: tuple[Fact, ...]  # datasets this one was derived from (ids or names)
    web_sources: tuple[Fact, ...]
    crawled: bool  # a web source of the crawl kind (Common Crawl and its derivatives)
    domains: tuple[Fact, ...]
    period: Fact | None
    teachers: tuple[Fact, ...]  # value: "GPT-4 (OpenAI)"
    platforms: tuple[Fact, ...]
    annotators: tuple[Fact, ...]  # annotator pools named without a platform
    annotations_per_item: Fact | None
    annotation_protocol: tuple[Fact, ...]
    machine_tools: tuple[Fact, ...]  # judges, filters, translators: models that only label or score
    preprocessing: tuple[Fact, ...]  # filtering and deduplication
    methods: tuple[Method, ...]


def gather(recipe: Recipe, card: Card) -> Facts:
    gen = recipe.generation
    by_type: dict[str, list[Method]] = {}
    for m in gen.methods:
        by_type.setdefault(m.type, []).append(m)
    web = by_type.get("web_scrape", [])
    web_names = [s for m in web for s in m.sources]
    kinds = {row["name"]: row for row in table("web_sources")["sources"]}
    return Facts(
        name=recipe.name,
        title=str(dict(recipe.extra).get("pretty_name") or recipe.name),
        description=_description(card),
        url=_url(recipe),
        cite_as=next((u.text.strip() for u in card.units if u.kind == "citation"), None),
        license=tuple(_license(card)),
        languages=tuple(_strings(card.front_matter.get("language"))),
        modalities=_modalities(card),
        origin=gen.origin,
        origin_evidence=gen.origin_evidence,
        public_datasets=tuple(_public_datasets(card, by_type.get("derived", []))),
        web_sources=tuple(Fact(n, web[0].evidence[0] if web else None) for n in web_names),
        crawled=any(kinds.get(n, {}).get("kind") == "crawl" for n in web_names),
        domains=tuple(_domains(web_names, kinds, [e for m in web for e in m.evidence])),
        period=_period(card, [e for m in web for e in m.evidence]),
        teachers=tuple(_teachers(by_type.get("distillation", []))),
        platforms=tuple(
            Fact(m.platform, m.evidence[0])
            for m in by_type.get("human_annotation", [])
            if m.platform
        ),
        annotators=tuple(
            Fact(m.annotators, m.evidence[0])
            for m in by_type.get("human_annotation", [])
            if m.annotators
        ),
        annotations_per_item=_per_item(card),
        annotation_protocol=tuple(_criterion(recipe, "annotation_process")),
        machine_tools=tuple(_machine_tools(recipe)),
        preprocessing=tuple(
            Fact(t, m.evidence[0])
            for t in ("filtering", "deduplication")
            for m in by_type.get(t, [])
            if m.evidence
        ),
        methods=gen.methods,
    )


def _strings(value: Any) -> Iterator[str]:
    for s in iter_front_matter_strings(value):
        if s.strip():
            yield s.strip()


def _description(card: Card) -> str:
    """The front matter's description, else the first paragraph of real prose."""
    given = card.front_matter.get("description")
    if isinstance(given, str) and given.strip():
        return " ".join(given.split())[:2000]
    for unit in card.units:
        text = " ".join(unit.text.split())
        if unit.kind == "prose" and len(text) >= 40 and not text.startswith(("[", "<", "!")):
            return text[:2000]
    return ""


def _url(recipe: Recipe) -> str | None:
    if recipe.source.type == "huggingface":
        return f"https://huggingface.co/datasets/{recipe.source.id}"
    return None


SPDX_LIKE = re.compile(r"^[A-Za-z0-9.+-]{2,40}$")


def _license(card: Card) -> Iterator[Fact]:
    for value in _strings(card.front_matter.get("license")):
        line = card.key_line("license", value)
        fact_line = Evidence.of(line, card.line_text(line))
        if value.lower() in ("other", "unknown"):
            continue
        if SPDX_LIKE.match(value):
            yield Fact(f"https://spdx.org/licenses/{_spdx(value)}.html", fact_line)
        else:
            yield Fact(value, fact_line)


def _spdx(value: str) -> str:
    """The Hub's lower-case licence ids in SPDX case ("cc-by-4.0" -> "CC-BY-4.0", "mit" -> "MIT")."""
    special = {"apache-2.0": "Apache-2.0", "openrail": "OpenRAIL", "bsd-3-clause": "BSD-3-Clause"}
    low = value.lower()
    if low in special:
        return special[low]
    if low.startswith(("cc", "gpl", "lgpl", "agpl", "mit", "odc", "odbl", "pddl", "cdla")):
        return "-".join(part.upper() if not part[0].isdigit() else part for part in low.split("-"))
    return value


def _modalities(card: Card) -> tuple[str, ...]:
    """Modalities from ``task_categories`` (text, image, audio, video), by the shipped table."""
    rules = table("export")["modalities"]
    found: set[str] = set()
    for task in _strings(card.front_matter.get("task_categories")):
        low = task.lower()
        for modality, words in rules.items():
            if any(w in low for w in words):
                found.add(modality)
    return tuple(sorted(found))


HUB_ID = re.compile(r"^[\w.-]+(?:/[\w.-]+)?$")


def _public_datasets(card: Card, derived: list[Method]) -> Iterator[Fact]:
    """``source_datasets`` (``extended|squad``, ``original`` dropped) and the derived method's."""
    seen: set[str] = set()
    for value in _strings(card.front_matter.get("source_datasets")):
        name = value.split("|")[-1].strip()
        if name.lower() in ("original", "extended", "") or name in seen:
            continue
        seen.add(name)
        line = card.key_line("source_datasets", value)
        yield Fact(name, Evidence.of(line, card.line_text(line)))
    for method in derived:
        for name in method.sources:
            if name not in seen:
                seen.add(name)
                yield Fact(name, method.evidence[0] if method.evidence else None)


def dataset_url(name: str) -> str | None:
    """The Hub page of a dataset id; None for a name that is not one."""
    if HUB_ID.match(name) and "/" in name:
        return f"https://huggingface.co/datasets/{name}"
    return None


HOST = re.compile(
    r"\b((?:[a-z0-9-]+\.)+(?:com|org|net|edu|gov|io|ai|co|uk|de|fr|jp|cn|ru|info|dev|me|tv))\b",
    re.IGNORECASE,
)
NOT_SOURCES = ("huggingface.co", "github.com", "arxiv.org", "doi.org", "creativecommons.org")


def _domains(
    names: Iterable[str], kinds: dict[str, Any], evidence: list[Evidence]
) -> Iterator[Fact]:
    """Domains of the named web sources (their table address) and hosts named beside them."""
    seen: set[str] = set()
    first = evidence[0] if evidence else None
    for name in names:
        row = kinds.get(name, {})
        host = urlsplit(str(row.get("source", ""))).hostname or ""
        host = host.removeprefix("www.")
        if row.get("kind") != "crawl" and host and host not in seen and host not in NOT_SOURCES:
            seen.add(host)
            yield Fact(host, first)
    for e in evidence:
        for m in HOST.finditer(e.text):
            host = m.group(1).lower().removeprefix("www.")
            if host not in seen and not host.endswith(NOT_SOURCES):
                seen.add(host)
                yield Fact(host, e)


YEAR = r"(?:19|20)\d{2}"
RANGE = re.compile(
    rf"\b(?:between|from)\s+(?:[A-Z][a-z]+\s+)?({YEAR})\s+(?:and|to|until|through)\s+(?:[A-Z][a-z]+\s+)?({YEAR})\b"
    rf"|\b({YEAR})\s*(?:-|–|—|to)\s*({YEAR})\b"
)
SNAPSHOT = re.compile(rf"\bCC-MAIN-({YEAR})-(\d{{2}})\b|\b({YEAR}-\d{{2}}(?:-\d{{2}})?)\b")
WHEN = re.compile(r"crawl|scrap|collect|dump|snapshot|download|gather|harvest", re.IGNORECASE)


def _period(card: Card, evidence: list[Evidence]) -> Fact | None:
    """The collection period stated in a sentence about collecting ("crawled between 2019 and
    2021", "the 2023-06-01 dump", "CC-MAIN-2023-14"), as an ISO 8601 interval or date."""
    if not evidence:
        return None
    doc = doc_of(card)
    candidates = [e.text for e in evidence] + [
        s.text for s in doc.sentences if s.unit.kind == "prose" and WHEN.search(s.text)
    ]
    for text in candidates:
        if not WHEN.search(text):
            continue
        m = RANGE.search(text)
        if m:
            start, end = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
            if start <= end:
                return Fact(f"{start}/{end}", _evidence_of(card, text, m.group(0)))
        s = SNAPSHOT.search(text)
        if s:
            value = f"{s.group(1)}-W{s.group(2)}" if s.group(1) else s.group(3)
            return Fact(value, _evidence_of(card, text, s.group(0)))
    return None


def _evidence_of(card: Card, text: str, needle: str) -> Evidence:
    """The card line holding ``needle`` (the first one), with the sentence as its text."""
    for i, line in enumerate(card.lines, start=1):
        if needle in line:
            return Evidence.of(i, line)
    return Evidence.of(1, text)


PER_ITEM = re.compile(
    r"\b(?:(\d+|two|three|four|five|six|seven|eight|nine|ten) (?:[a-z-]+ )?(?:annotators|raters|workers|judges|labell?ers)"
    r" (?:per|for each|each|on each) (?:item|example|sample|instance|sentence|pair|question|image|utterance|response))"
    r"|\beach (?:item|example|sample|instance|sentence|pair|question|image|utterance|response) (?:was |is )?"
    r"(?:annotated|labell?ed|rated|judged|reviewed) by (\d+|two|three|four|five|six|seven|eight|nine|ten)\b",
    re.IGNORECASE,
)
NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}
NUMBERS.update({"nine": 9, "ten": 10})


def _per_item(card: Card) -> Fact | None:
    for sentence in doc_of(card).sentences:
        m = PER_ITEM.search(sentence.text) if sentence.unit.kind == "prose" else None
        if m:
            raw = (m.group(1) or m.group(2)).lower()
            count = raw if raw.isdigit() else str(NUMBERS[raw])
            return Fact(count, _evidence_of(card, sentence.text, m.group(0)[:40]))
    return None


def _criterion(recipe: Recipe, criterion: str) -> Iterator[Fact]:
    for c in recipe.reproducibility.criteria:
        if c.id == criterion and c.status == "available" and c.evidence is not None:
            yield Fact(c.evidence.text, c.evidence)


def _teachers(distillation: list[Method]) -> Iterator[Fact]:
    for m in distillation:
        if not m.teacher_model:
            continue
        known = model(m.teacher_model)
        vendor = f" ({known.vendor})" if known is not None and known.vendor else ""
        yield Fact(f"{m.teacher_model}{vendor}", m.evidence[0] if m.evidence else None)


MACHINE_ROLES = {"judge": "judge", "filter": "filter or classifier"}


def _machine_tools(recipe: Recipe) -> Iterator[Fact]:
    """Models that labelled, scored or filtered the data (never their text: not teachers)."""
    for m in recipe.generation.methods:
        if m.type == "llm_judge" and m.model:
            yield Fact(f"{m.model} (judge)", m.evidence[0] if m.evidence else None)
    for mention in recipe.generation.other_models:
        if mention.role in MACHINE_ROLES and mention.role != "judge":
            yield Fact(f"{mention.name} ({MACHINE_ROLES[mention.role]})", mention.evidence)
