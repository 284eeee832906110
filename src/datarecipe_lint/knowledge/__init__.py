"""The shipped knowledge tables (package data) and their loader.

Every table is a YAML file beside this module with a ``version`` key; updating a model name, a
platform, a cue phrase or a price touches only these files. Tables load on first use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

import yaml

from .matcher import Alias, NameMatcher

HERE = Path(__file__).parent
KNOWLEDGE_VERSION = "2026-11"

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=None)
def table(name: str) -> Mapping[str, Any]:
    """Load ``<name>.yaml`` from the package; raises KeyError for an unknown table."""
    path = HERE / f"{name}.yaml"
    if not path.is_file():
        raise KeyError(f"no knowledge table named {name!r}")
    with path.open("rb") as fh:
        data = yaml.load(fh, Loader=_Loader)  # noqa: S506 - a safe loader
    if not isinstance(data, dict):
        raise ValueError(f"knowledge table {name} is not a mapping")
    return data


@dataclass(frozen=True)
class Terms:
    restricts_competing_training: bool
    summary: str
    source: str


@dataclass(frozen=True)
class Model:
    name: str
    vendor: str
    family: str
    released: str
    open_weights: bool
    terms: Terms | None


def _terms(block: Any) -> Terms | None:
    if not isinstance(block, dict):
        return None
    return Terms(
        bool(block.get("restricts_competing_training")),
        str(block.get("summary", "")),
        str(block.get("source", "")),
    )


@lru_cache(maxsize=None)
def models() -> dict[str, Model]:
    data = table("models")
    vendor_terms = {v["name"]: _terms(v.get("terms")) for v in data.get("vendors", [])}
    out: dict[str, Model] = {}
    for row in data["models"]:
        terms = _terms(row.get("terms")) or vendor_terms.get(row["vendor"])
        out[row["name"]] = Model(
            name=row["name"],
            vendor=row["vendor"],
            family=str(row.get("family", row["name"])),
            released=str(row.get("released", "")),
            open_weights=bool(row.get("open_weights")),
            terms=terms,
        )
    return out


def model(name: str) -> Model | None:
    """Look up a canonical name, also with a size suffix ("Llama 2 70B" -> "Llama 2")."""
    table_ = models()
    if name in table_:
        return table_[name]
    base = name.rsplit(" ", 1)[0]
    return table_.get(base)


def _aliases(rows: list[Mapping[str, Any]]) -> list[Alias]:
    out: list[Alias] = []
    for row in rows:
        name = row["name"]
        sized = bool(row.get("sized"))
        requires = bool(row.get("requires_size"))
        for alias in {name, *row.get("aliases", ())}:
            out.append(Alias(str(alias), name, sized, requires))
        for alias in row.get("aliases_case_sensitive", ()):
            out.append(Alias(str(alias), name, case_sensitive=True))
    return out


@lru_cache(maxsize=None)
def model_matcher() -> NameMatcher:
    return NameMatcher(_aliases(table("models")["models"]))


@lru_cache(maxsize=None)
def platform_matcher() -> NameMatcher:
    return NameMatcher(_aliases(table("platforms")["platforms"]))


@lru_cache(maxsize=None)
def pool_matcher() -> NameMatcher:
    return NameMatcher(_aliases(table("platforms").get("annotator_pools", [])))


@lru_cache(maxsize=None)
def platform_kinds() -> dict[str, str]:
    data = table("platforms")
    rows = [*data["platforms"], *data.get("annotator_pools", [])]
    return {row["name"]: str(row.get("kind", "crowd")) for row in rows}


@lru_cache(maxsize=None)
def web_matcher() -> NameMatcher:
    return NameMatcher(_aliases(table("web_sources")["sources"]))


@lru_cache(maxsize=None)
def cue(name: str) -> re.Pattern[str]:
    """A cue from cues.yaml compiled as one case-insensitive alternation."""
    phrases = table("cues")["cues"][name]
    return re.compile("|".join(f"(?:{p})" for p in phrases), re.IGNORECASE)


@lru_cache(maxsize=None)
def section_class(title_path: tuple[str, ...]) -> str:
    """Classify a section by its heading path: the innermost heading that matches a class wins."""
    classes = table("cues")["sections"]
    for title in reversed(title_path):
        low = title.lower()
        for kind, words in classes.items():
            if any(w in low for w in words):
                return str(kind)
    return "neutral"
