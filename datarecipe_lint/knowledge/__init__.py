"""The shipped knowledge tables (package data) and their loader.

Every table is a YAML file beside this module with a ``version`` key; updating a model name, a
platform, a cue phrase or a price touches only these files. Tables load on first use.
"""

from __future__ import annotations

import marshal
import os
import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from .cues import Cue, Phrase, compile_phrases
from .matcher import Alias, NameMatcher

HERE = Path(__file__).parent
KNOWLEDGE_VERSION = "2026-12"

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def table(name: str) -> Mapping[str, Any]:
    """Load ``<name>.yaml`` from the package; raises KeyError for an unknown table.

    Building Python objects from YAML costs ~30 ms for the model table, a third of a pre-commit
    run, so each loaded table is kept in the user's cache folder (marshal format, keyed by the
    file's size and mtime) and read from there while the YAML file is unchanged.
    """
    path = HERE / f"{name}.yaml"
    try:
        stat = path.stat()
    except OSError:
        raise KeyError(f"no knowledge table named {name!r}") from None
    cached = _cache_file(name, stat.st_size, stat.st_mtime_ns)
    data = _read_cache(cached)
    if data is None:
        with path.open("rb") as fh:
            data = yaml.load(fh, Loader=_Loader)
        if not isinstance(data, dict):
            raise ValueError(f"knowledge table {name} is not a mapping")
        _write_cache(cached, data)
    return data


def _cache_file(name: str, size: int, mtime: int) -> Path | None:
    if os.environ.get("DATARECIPE_NO_CACHE"):
        return None
    root = os.environ.get("DATARECIPE_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"),
        "datarecipe",
    )
    return Path(root) / f"{name}-{size}-{mtime}.marshal"


def _read_cache(path: Path | None) -> dict[str, Any] | None:
    if path is None:
        return None
    try:
        data = marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None
    return data if isinstance(data, dict) else None


def _write_cache(path: Path | None, data: dict[str, Any]) -> None:
    """Best effort: a read-only home or a table with non-plain values simply is not cached."""
    if path is None:
        return
    try:
        blob = marshal.dumps(data)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(blob)
        os.replace(tmp, path)
    except (OSError, ValueError):
        pass


class Terms(NamedTuple):
    restricts_competing_training: bool
    summary: str
    source: str


class Model(NamedTuple):
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


@cache
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
        names = row.get("aliases", ())
        for alias in {*names, *([name] if row.get("match_name", True) else [])}:
            out.append(Alias(str(alias), name, sized, requires))
        for alias in row.get("aliases_case_sensitive", ()):
            out.append(Alias(str(alias), name, case_sensitive=True))
    return out


@cache
def model_matcher() -> NameMatcher:
    return NameMatcher(_aliases(table("models")["models"]))


@cache
def platform_matcher() -> NameMatcher:
    return NameMatcher(_aliases(table("platforms")["platforms"]))


@cache
def pool_matcher() -> NameMatcher:
    return NameMatcher(_aliases(table("platforms").get("annotator_pools", [])))


@cache
def platform_kinds() -> dict[str, str]:
    data = table("platforms")
    rows = [*data["platforms"], *data.get("annotator_pools", [])]
    return {row["name"]: str(row.get("kind", "crowd")) for row in rows}


@cache
def web_matcher() -> NameMatcher:
    return NameMatcher(_aliases(table("web_sources")["sources"]))


@cache
def cue(name: str) -> Cue:
    """A cue from cues.yaml: ``search``/``finditer`` like a case-insensitive regex."""
    return Cue(cue_phrases(name))


@cache
def cue_phrases(name: str) -> tuple[Phrase, ...]:
    """A cue split into literal-prefixed phrases for fast scans of whole (lowercased) cards."""
    return compile_phrases(table("cues")["cues"][name])


@cache
def section_class(title_path: tuple[str, ...]) -> str:
    """Classify a section by its heading path: the innermost heading that matches a class wins."""
    for title in reversed(title_path):
        low = title.lower()
        for kind, pattern in _section_patterns():
            if pattern.search(low):
                return kind
    return "neutral"


@cache
def _section_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Section keywords match at the start of a word ("references", not "preferences")."""
    classes = table("cues")["sections"]
    return tuple(
        (str(k), re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + ")"))
        for k, words in classes.items()
    )
