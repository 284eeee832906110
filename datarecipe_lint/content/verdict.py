"""From a scan to the recipe: the ``content`` block and the findings it supports.

Pure functions of the tally, the fingerprint table and the card's generation block. A family is
*present* in the data only above both thresholds of the table (rows and share of rows scanned), so
a row quoting a model, or data about assistants, does not produce a finding by itself.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, NamedTuple

from ..recipe import Finding, Generation
from .fingerprints import Fingerprints
from .tally import FamilyTally, Tally, top_values

MAX_MODEL_VALUES = 1000  # distinct generator values looked up in the model table


class Evidence(NamedTuple):
    """Rows that point at one vendor: fingerprint rows and generator-column rows."""

    fingerprint_rows: int
    column_rows: int
    example: str


def present(rows: int, scanned: int, fp: Fingerprints) -> bool:
    limits = fp.thresholds
    return scanned > 0 and rows >= limits.min_rows and rows / scanned >= limits.min_share


def _share(rows: int, scanned: int) -> float:
    return round(rows / scanned, 4) if scanned else 0.0


def column_models(values: Counter[str]) -> dict[str, int]:
    """Generator-column values mapped to canonical model names of the model table."""
    from ..knowledge import model_matcher
    from ..knowledge.matcher import find_all

    out: Counter[str] = Counter()
    matcher = model_matcher()
    for value, n in values.most_common(MAX_MODEL_VALUES):
        found = find_all(matcher, value.replace("/", " / "))
        if found:
            out[found[-1].name] += n
    return dict(sorted(out.items(), key=lambda kv: (-kv[1], kv[0])))


def _vendor(name: str) -> str | None:
    from ..knowledge import model

    found = model(name)
    return found.vendor if found else None


def card_vendors(generation: Generation) -> set[str]:
    """Vendors of the models the card says generated or judged its data."""
    names = set(generation.teacher_models)
    for method in generation.methods:
        for name in (method.teacher_model, method.model):
            if name:
                names.add(name)
    return {v for v in map(_vendor, names) if v}


def _family_dict(
    name: str, vendor: str | None, fam: FamilyTally, rows: int, fp: Fingerprints
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "family": name,
        "vendor": vendor,
        "rows": fam.rows,
        "share": _share(fam.rows, rows),
        "present": present(fam.rows, rows, fp),
        "kinds": dict(sorted(fam.kinds.items())),
    }
    if fam.discounted:
        out["quoted_or_prompt_rows"] = fam.discounted
    out["examples"] = list(fam.shown_examples())
    return out


def content_block(
    tally: Tally, fp: Fingerprints, budget: int, sample: int | None
) -> dict[str, Any]:
    rows = tally.rows
    vendors = dict(fp.families)
    families = [
        _family_dict(name, vendors.get(name), fam, rows, fp)
        for name, fam in sorted(tally.families.items(), key=lambda kv: (-kv[1].rows, kv[0]))
    ]
    columns = [
        {
            "column": key,
            "rows": sum(values.values()),
            "values": top_values(values),
            "models": column_models(values),
        }
        for key, values in sorted(tally.columns.items())
    ]
    roles = [
        {"column": key, "values": top_values(values)} for key, values in sorted(tally.roles.items())
    ]
    return {
        "files_scanned": sum(1 for f in tally.files if not f.skipped),
        "rows_scanned": rows,
        "bytes_scanned": tally.bytes,
        "complete": all(f.complete for f in tally.files if not f.skipped),
        "budget_bytes": budget,
        "sample": sample,
        "thresholds": {"min_rows": fp.thresholds.min_rows, "min_share": fp.thresholds.min_share},
        "rows_with_fingerprints": tally.rows_with_fingerprints,
        "share_with_fingerprints": _share(tally.rows_with_fingerprints, rows),
        "families": families,
        "generator_columns": columns,
        "role_columns": roles,
        "files": [f.to_dict() for f in tally.files],
        "problems": list(tally.problems),
    }


def _where(example: dict[str, Any]) -> str:
    place = f"row {example['row']}" if "row" in example else f"byte {example.get('offset')}"
    return f"{example['file']} {place}, field {example['field']}: “{example['phrase']}”"


def _pct(rows: int, scanned: int) -> str:
    return f"{rows:,} of {scanned:,} rows scanned ({100 * rows / scanned:.1f}%)"


def vendor_evidence(block: dict[str, Any], fp: Fingerprints) -> dict[str, Evidence]:
    scanned = block["rows_scanned"]
    out: dict[str, Evidence] = {}
    for fam in block["families"]:
        if fam["vendor"] and fam["present"]:
            out[fam["vendor"]] = Evidence(fam["rows"], 0, _where(fam["examples"][0]))
    by_vendor: Counter[str] = Counter()
    example: dict[str, str] = {}
    for column in block["generator_columns"]:
        for name, n in column["models"].items():
            vendor = _vendor(name)
            if vendor:
                by_vendor[vendor] += n
                example.setdefault(vendor, f"column `{column['column']}` = {name}")
    for vendor, n in by_vendor.items():
        if present(n, scanned, fp):
            old = out.get(vendor)
            out[vendor] = Evidence(
                old.fingerprint_rows if old else 0, n, old.example if old else example[vendor]
            )
    return out


def content_findings(
    block: dict[str, Any], fp: Fingerprints, generation: Generation
) -> list[Finding]:
    scanned = block["rows_scanned"]
    out: list[Finding] = []
    if not scanned:
        return out
    disclosed = card_vendors(generation)
    evidence = vendor_evidence(block, fp)
    for vendor, ev in sorted(evidence.items()):
        if vendor in disclosed:
            continue
        out.append(Finding("undisclosed-teacher", "warning", _undisclosed(vendor, ev, scanned)))
    generic = [f for f in block["families"] if f["vendor"] is None and f["present"]]
    column_rows = max((sum(c["models"].values()) for c in block["generator_columns"]), default=0)
    fingerprint_rows = block["rows_with_fingerprints"]
    if generation.origin == "human" and (
        present(fingerprint_rows, scanned, fp) or present(column_rows, scanned, fp)
    ):
        message = _claimed_human(block, fingerprint_rows, column_rows)
        out.append(Finding("claimed-human-but-synthetic", "warning", message))
    elif generic and not generation.teacher_models and not evidence:
        fam = generic[0]
        out.append(
            Finding(
                "undisclosed-teacher",
                "warning",
                f"model boilerplate in {_pct(fam['rows'], scanned)}, e.g. {_where(fam['examples'][0])}; "
                "the card names no model that generated data",
            )
        )
    return out


def _undisclosed(vendor: str, ev: Evidence, scanned: int) -> str:
    parts = []
    if ev.fingerprint_rows:
        parts.append(f"{vendor} fingerprints in {_pct(ev.fingerprint_rows, scanned)}")
    if ev.column_rows:
        parts.append(
            f"{vendor} models named by a generator column in {_pct(ev.column_rows, scanned)}"
        )
    return f"the data has {' and '.join(parts)}, e.g. {ev.example}; the card names no {vendor} model as a teacher"


def _claimed_human(block: dict[str, Any], fingerprint_rows: int, column_rows: int) -> str:
    scanned = block["rows_scanned"]
    parts = []
    if fingerprint_rows:
        families = ", ".join(f["family"] for f in block["families"] if f["rows"])
        top = next((f for f in block["families"] if f["rows"]), None)
        example = f", e.g. {_where(top['examples'][0])}" if top else ""
        parts.append(
            f"{_pct(fingerprint_rows, scanned)} carry model fingerprints ({families}){example}"
        )
    if column_rows:
        parts.append(f"a generator column names a model in {_pct(column_rows, scanned)}")
    return "the card says people wrote the data, but " + "; ".join(parts)


def problem_findings(block: dict[str, Any]) -> list[Finding]:
    """One finding per damaged file (its first problem, with the place) and per skipped file."""
    out: list[Finding] = []
    first: dict[str, dict[str, Any]] = {}
    for problem in block["problems"]:
        first.setdefault(problem["file"], problem)
    for entry in block["files"]:
        path = entry["path"]
        if entry.get("skipped"):
            out.append(Finding("data-skipped", "info", f"{path}: not scanned: {entry['skipped']}"))
        elif path in first:
            p = first[path]
            place = (
                f"line {p['line']}"
                if "line" in p
                else (f"byte {p['offset']}" if "offset" in p else "")
            )
            more = entry.get("problems", 1) - 1
            tail = f" ({more} more problem{'s' if more != 1 else ''} in this file)" if more else ""
            out.append(
                Finding(
                    "data-unreadable",
                    "warning",
                    f"{path}{' ' + place if place else ''}: {p['message']}{tail}",
                )
            )
    if not block["files"]:
        out.append(
            Finding(
                "data-skipped",
                "info",
                "no data files (JSONL, JSON, CSV, TSV, Parquet, gzip/zstd JSONL) next to the card",
            )
        )
    return out
