"""Croissant 1.1 JSON-LD with the Responsible AI vocabulary (RAI 1.0) and PROV-O provenance.

Every RAI property is filled from the recipe and carries the card lines behind it (in its text);
a property the card does not support is left out. Each construction method becomes a
``prov:Activity`` (teacher models and annotation platforms are its ``prov:Agent``\\s), and the
datasets it was built from are ``prov:wasDerivedFrom``.

:func:`document` builds a whole document for a local card (name, description, licence, the data
files beside the card as ``cr:FileObject``\\s with their SHA-256); :func:`merge` adds the RAI
and PROV properties to an existing document (the Hub's own, or the user's ``--merge`` file)
and keeps every property it already has.

Specifications: Croissant 1.1 (http://mlcommons.org/croissant/1.1), Croissant RAI 1.0
(http://mlcommons.org/croissant/RAI/1.0), PROV-O (https://www.w3.org/TR/prov-o/).
"""

from __future__ import annotations

import copy
import hashlib
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..knowledge import table
from .facts import Fact, Facts, dataset_url

CROISSANT = "http://mlcommons.org/croissant/1.1"
RAI = "http://mlcommons.org/croissant/RAI/1.0"
CONTEXT: dict[str, Any] = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "prov": "http://www.w3.org/ns/prov#",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "field": "cr:field",
    "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "parentField": "cr:parentField",
    "path": "cr:path",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "sc": "https://schema.org/",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
}
ENCODINGS = {
    ".jsonl": "application/jsonlines",
    ".json": "application/json",
    ".parquet": "application/x-parquet",
    ".csv": "text/csv",
    ".tsv": "text/tab-separated-values",
    ".txt": "text/plain",
    ".arrow": "application/vnd.apache.arrow.file",
    ".gz": "application/gzip",
    ".zst": "application/zstd",
    ".zip": "application/zip",
    ".tar": "application/x-tar",
}
MAX_FILES = 500  # data files listed beside a local card


def document(facts: Facts, folder: Path | None) -> dict[str, Any]:
    """A whole Croissant document for a local card: dataset fields, the data files, RAI, PROV."""
    doc: dict[str, Any] = {
        "@context": dict(CONTEXT),
        "@type": "sc:Dataset",
        "name": facts.title,
        "conformsTo": [CROISSANT, RAI],
        "description": facts.description or f"The {facts.title} dataset.",
    }
    if facts.license:
        doc["license"] = [f.value for f in facts.license]
    if facts.url:
        doc["url"] = facts.url
    if facts.languages:
        doc["inLanguage"] = list(facts.languages)
    if facts.cite_as:
        doc["citeAs"] = facts.cite_as
    files = list(_files(folder)) if folder is not None else []
    if files:
        doc["distribution"] = files
    return merge(doc, facts)


def merge(existing: dict[str, Any], facts: Facts) -> dict[str, Any]:
    """``existing`` with the RAI and PROV properties added; what it already has is kept."""
    doc = copy.deepcopy(existing)
    context = doc.get("@context")
    if isinstance(context, dict):
        context.setdefault("@language", "en")
        for prefix in ("sc", "cr", "rai", "prov", "dct"):
            context.setdefault(prefix, CONTEXT[prefix])
        context.setdefault("conformsTo", "dct:conformsTo")
    conforms = doc.get("conformsTo", doc.get("dct:conformsTo"))
    listed = [conforms] if isinstance(conforms, str) else list(conforms or [])
    key = "conformsTo" if "conformsTo" in doc or "dct:conformsTo" not in doc else "dct:conformsTo"
    doc[key] = [*listed, RAI] if RAI not in listed else listed
    for prop, value in {**rai_properties(facts), **provenance(facts)}.items():
        doc.setdefault(prop, value)
    return doc


def rai_properties(facts: Facts) -> dict[str, Any]:
    """The RAI properties the card supports, each a text that names its card lines."""
    out: dict[str, Any] = {}
    collection = list(_collection(facts))
    if collection:
        out["rai:dataCollection"] = " ".join(collection)
    types = _collection_types(facts)
    if types:
        out["rai:dataCollectionType"] = types
    raw = [f"Source dataset: {f.line()}" for f in facts.public_datasets]
    if facts.web_sources:
        names = ", ".join(f.value for f in facts.web_sources)
        raw.insert(0, f"Web sources: {names}{_at(facts.web_sources[0])}")
    if raw:
        out["rai:dataCollectionRawData"] = "; ".join(raw)
    if facts.period is not None:
        out["rai:dataCollectionTimeframe"] = facts.period.value
    if facts.platforms:
        out["rai:dataAnnotationPlatform"] = [f.value for f in facts.platforms]
    if facts.annotations_per_item is not None:
        out["rai:annotationsPerItem"] = facts.annotations_per_item.line()
    protocol = [f.line() for f in (*facts.platforms, *facts.annotators)] + [
        f"Annotation process: {f.line()}" for f in facts.annotation_protocol
    ]
    if protocol:
        out["rai:dataAnnotationProtocol"] = " ".join(protocol)
    if facts.machine_tools:
        out["rai:machineAnnotationTools"] = [f.line() for f in facts.machine_tools]
    if facts.preprocessing:
        out["rai:dataPreprocessingProtocol"] = " ".join(
            f"{f.value.capitalize()}{_at(f)}." for f in facts.preprocessing
        )
    return out


def _at(fact: Fact) -> str:
    return (
        ""
        if fact.evidence is None
        else f' (card line {fact.evidence.line}: "{fact.evidence.text}")'
    )


def _collection(facts: Facts) -> Iterator[str]:
    if facts.origin != "unknown":
        lines = ", ".join(str(n) for n in sorted({e.line for e in facts.origin_evidence}))
        yield f"Origin read from the card: {facts.origin}" + (
            f" (card lines {lines})." if lines else "."
        )
    if facts.teachers:
        yield "Model-generated content, by " + "; ".join(f.line() for f in facts.teachers) + "."
    if facts.web_sources:
        yield (
            "Collected from "
            + ", ".join(f.value for f in facts.web_sources)
            + _at(facts.web_sources[0])
            + "."
        )
    if facts.platforms or facts.annotators:
        people = [f.line() for f in (*facts.platforms, *facts.annotators)]
        yield "Human annotation: " + "; ".join(people) + "."


def _collection_types(facts: Facts) -> list[str]:
    mapping = table("export")["collection_types"]
    out: list[str] = []
    for method in facts.methods:
        value = mapping.get(method.type)
        if value and value not in out:
            out.append(value)
    return out


def provenance(facts: Facts) -> dict[str, Any]:
    """PROV-O: one activity per method, its agents, and the datasets this one derives from."""
    out: dict[str, Any] = {}
    derived = [_entity(f) for f in facts.public_datasets]
    if derived:
        out["prov:wasDerivedFrom"] = derived
    activities = [_activity(i, m, facts) for i, m in enumerate(facts.methods)]
    if activities:
        out["prov:wasGeneratedBy"] = activities
    agents = [_agent(f.value, "prov:SoftwareAgent") for f in facts.teachers]
    if agents:
        out["prov:wasAttributedTo"] = agents
    return out


def _entity(fact: Fact) -> dict[str, Any]:
    url = dataset_url(fact.value)
    entity: dict[str, Any] = {"@type": "prov:Entity", "name": fact.value}
    if url:
        entity["@id"] = url
        entity["url"] = url
    return entity


def _agent(name: str, kind: str) -> dict[str, Any]:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return {"@type": kind, "@id": f"agent/{slug}", "name": name}


def _activity(index: int, method: Any, facts: Facts) -> dict[str, Any]:
    activity: dict[str, Any] = {
        "@type": "prov:Activity",
        "@id": f"activity/{index + 1}-{method.type}",
        "name": method.type,
    }
    if method.evidence:
        e = method.evidence[0]
        activity["description"] = f'card line {e.line}: "{e.text}"'
    agents: list[dict[str, Any]] = []
    if method.teacher_model:
        vendor = next(
            (f.value for f in facts.teachers if f.value.startswith(method.teacher_model)), ""
        )
        agents.append(_agent(vendor or method.teacher_model, "prov:SoftwareAgent"))
    if method.model:
        agents.append(_agent(method.model, "prov:SoftwareAgent"))
    if method.platform:
        agents.append(_agent(method.platform, "prov:Organization"))
    if method.annotators:
        agents.append(_agent(method.annotators, "prov:Agent"))
    if agents:
        activity["prov:wasAssociatedWith"] = agents
    if method.sources and method.type == "derived":
        activity["prov:used"] = [_entity(Fact(s)) for s in method.sources]
    return activity


def _files(folder: Path) -> Iterator[dict[str, Any]]:
    """The data files beside a local card (not hidden, not the card), with their SHA-256."""
    count = 0
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "__")))
        for name in sorted(names):
            path = Path(root) / name
            suffix = path.suffix.lower()
            if name.startswith(".") or suffix not in ENCODINGS or path.name == "README.md":
                continue
            rel = path.relative_to(folder).as_posix()
            yield {
                "@type": "cr:FileObject",
                "@id": rel,
                "name": rel,
                "contentUrl": rel,
                "contentSize": f"{path.stat().st_size} B",
                "encodingFormat": ENCODINGS[suffix],
                "sha256": _sha256(path),
            }
            count += 1
            if count >= MAX_FILES:
                return


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
