"""The EU AI Act public summary of training content, section 2 ("List of data sources"), for one
dataset: what a provider that trains on it can copy into the Commission's template.

The template (European Commission, "Explanatory Notice and Template for the Public Summary of
Training Content for general-purpose AI models", 24 July 2025, under Article 53(1)(d) of
Regulation (EU) 2024/1689) asks per kind of source: 2.1 publicly available datasets, 2.2 private
datasets obtained from third parties, 2.3 data crawled and scraped from online sources (crawlers,
period of collection, domains), 2.4 user data, 2.5 synthetic data (and the models that generated
it), 2.6 other sources. Each answer here carries the card line it came from; what the template
asks and the card does not say is written out as "not stated in the card".
"""

from __future__ import annotations

import json
from typing import Any

from .facts import Fact, Facts, dataset_url

TEMPLATE = (
    "Template for the Public Summary of Training Content for general-purpose AI models "
    "(European Commission, 24 July 2025; AI Act, Article 53(1)(d)), Section 2: List of data sources"
)
NOT_STATED = "not stated in the card"


def _answer(fact: Fact | None) -> dict[str, Any]:
    if fact is None:
        return {"answer": NOT_STATED}
    out: dict[str, Any] = {"answer": fact.value}
    if fact.evidence is not None:
        out["evidence"] = fact.evidence.to_dict()
    return out


def _listed(facts: tuple[Fact, ...], url: bool = False) -> list[dict[str, Any]]:
    out = []
    for f in facts:
        item = _answer(f)
        item["name"] = item.pop("answer")
        if url and dataset_url(f.value):
            item["url"] = dataset_url(f.value)
        out.append(item)
    return out


def _yes(used: bool, evidence: Fact | None) -> dict[str, Any]:
    return (
        _answer(Fact("Yes", evidence.evidence if evidence else None))
        if used
        else {"answer": NOT_STATED}
    )


def summary(facts: Facts) -> dict[str, Any]:
    """Section 2 as a tree: one entry per subsection, each question with its answer."""
    modalities = ", ".join(facts.modalities) or None
    modality = Fact(modalities) if modalities else None
    this = Fact(facts.name) if facts.url else None
    public = ((this,) if this else ()) + facts.public_datasets
    sections = [
        {
            "id": "2.1",
            "title": "Publicly available datasets",
            "questions": {
                "Have you used publicly available datasets to train the model?": _yes(
                    bool(public), public[0] if public else None
                ),
                "Modality(ies) of the content covered": _answer(modality if public else None),
                "List of large publicly available datasets": _listed(public, url=True)
                or NOT_STATED,
            },
        },
        {
            "id": "2.2",
            "title": "Private non-publicly available datasets obtained from third parties",
            "questions": {
                "2.2.1 Datasets commercially licensed by rightsholders or their representatives": {
                    "answer": NOT_STATED
                },
                "2.2.2 Private datasets obtained from other third parties": {"answer": NOT_STATED},
            },
        },
        _crawled(facts, modality),
        {
            "id": "2.4",
            "title": "User data",
            "questions": {
                "Was data from user interactions with the AI model (e.g. user input and prompts) "
                "used to train the model?": {"answer": NOT_STATED},
                "Was data collected from user interactions with the provider's other services or "
                "products used to train the model?": {"answer": NOT_STATED},
            },
        },
        _synthetic(facts, modality),
        {
            "id": "2.6",
            "title": "Other sources of data",
            "questions": {
                "Have data sources other than those described in Sections 2.1 to 2.5 been used to "
                "train the model?": _other(facts),
            },
        },
    ]
    return {
        "template": TEMPLATE,
        "dataset": facts.name,
        "url": facts.url,
        "sections": sections,
        "note": "Answers come from the dataset card alone; a provider completes the rest from "
        "its own records.",
    }


def _crawled(facts: Facts, modality: Fact | None) -> dict[str, Any]:
    used = bool(facts.web_sources)
    crawler = (
        Fact(
            "Common Crawl's crawler (CCBot), through the named corpora",
            facts.web_sources[0].evidence,
        )
        if facts.crawled
        else None
    )
    sources = ", ".join(f.value for f in facts.web_sources)
    return {
        "id": "2.3",
        "title": "Data crawled and scraped from online sources",
        "questions": {
            "Were crawlers used by the provider or on its behalf?": _yes(
                used, facts.web_sources[0] if used else None
            ),
            "Crawler name(s)/identifier(s)": _answer(crawler),
            "Period of data collection": _answer(facts.period),
            "Comprehensive description of the type of content and online sources crawled": _answer(
                Fact(sources, facts.web_sources[0].evidence) if used else None
            ),
            "Summary of the most relevant domain names crawled": _listed(facts.domains)
            or NOT_STATED,
            "Modality(ies) of the content covered": _answer(modality if used else None),
        },
    }


def _synthetic(facts: Facts, modality: Fact | None) -> dict[str, Any]:
    used = bool(facts.teachers)
    return {
        "id": "2.5",
        "title": "Synthetic data",
        "questions": {
            "Was synthetic AI-generated data created by the provider or on their behalf to train "
            "the model?": _yes(used, facts.teachers[0] if used else None),
            "Modality(ies) of the content covered": _answer(modality if used else None),
            "AI model(s) used to generate the synthetic data": _listed(facts.teachers)
            or NOT_STATED,
        },
    }


def _other(facts: Facts) -> dict[str, Any]:
    people = (*facts.platforms, *facts.annotators)
    if people:
        names = ", ".join(f.value for f in people)
        return _answer(Fact(f"Yes: human annotation ({names})", people[0].evidence))
    return {"answer": NOT_STATED}


def render_json(facts: Facts) -> str:
    return json.dumps(summary(facts), indent=2, ensure_ascii=False) + "\n"


def render_markdown(facts: Facts) -> str:
    tree = summary(facts)
    out = [
        f"# Training content summary: {facts.title}",
        "",
        f"Following the {tree['template']}.",
        "",
    ]
    for section in tree["sections"]:
        out += [f"## {section['id']} {section['title']}", ""]
        for question, answer in section["questions"].items():
            text = _md(answer)
            out.append(f"- **{question}**{'' if text.startswith(chr(10)) else ' '}{text}")
        out.append("")
    out += [f"_{tree['note']}_", ""]
    return "\n".join(out)


def _md(answer: Any) -> str:
    if isinstance(answer, str):
        return answer
    if isinstance(answer, list):
        return "".join(f"\n  - {_md_item(a)}" for a in answer)
    return _md_item(answer)


def _md_item(item: dict[str, Any]) -> str:
    text = str(item.get("answer", item.get("name", "")))
    if item.get("url"):
        text = f"[{text}]({item['url']})"
    e = item.get("evidence")
    return f'{text} (card line {e["line"]}: "{e["text"]}")' if e else text
