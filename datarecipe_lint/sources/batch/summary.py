"""The end-of-batch summary: done, failed by kind, score distribution, most common gaps."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

BUCKETS = ((0.0, 2.0), (2.0, 4.0), (4.0, 6.0), (6.0, 8.0), (8.0, 10.01))
TOP = 5
FAILED_SHOWN = 10


class Summary(NamedTuple):
    inputs: int
    recipes: int
    errors: int
    pending: int  # inputs with no line yet (an interrupted run)
    resumed: int  # recipes kept from an earlier run
    by_kind: tuple[tuple[str, int], ...]
    scores: tuple[tuple[str, int], ...]
    median: float | None
    missing: tuple[tuple[str, int], ...]
    failed: tuple[tuple[str, str], ...]  # (id, kind), the first few


def _bucket(lo: float, hi: float) -> str:
    return f"{lo:g}-{min(hi, 10):g}" if hi > 10 else f"{lo:g}-<{hi:g}"


def summarize(
    inputs: Sequence[str], records: Mapping[str, Mapping[str, Any]], resumed: int = 0
) -> Summary:
    rows = [records[i] for i in inputs if i in records]
    recipes = [r for r in rows if "error" not in r]
    errors = [r for r in rows if "error" in r]
    scores = [float(r["reproducibility"]["score"]) for r in recipes]
    missing = Counter(c for r in recipes for c in r["reproducibility"].get("missing", ()))
    kinds = Counter(str(r["error"].get("kind", "error")) for r in errors)
    return Summary(
        inputs=len(inputs),
        recipes=len(recipes),
        errors=len(errors),
        pending=len(inputs) - len(rows),
        resumed=resumed,
        by_kind=tuple(sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))),
        scores=tuple((_bucket(lo, hi), sum(lo <= s < hi for s in scores)) for lo, hi in BUCKETS),
        median=statistics.median(scores) if scores else None,
        missing=tuple(sorted(missing.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP]),
        failed=tuple((r["id"], str(r["error"].get("kind"))) for r in errors[:FAILED_SHOWN]),
    )


def render_text(s: Summary) -> str:
    head = f"batch: {s.inputs} inputs: {s.recipes} recipes"
    head += f" ({s.resumed} from the earlier run)" if s.resumed else ""
    head += f", {s.errors} errors" + (f", {s.pending} not done (interrupted)" if s.pending else "")
    lines = [head]
    if s.by_kind:
        lines.append("  errors by kind: " + ", ".join(f"{k} {n}" for k, n in s.by_kind))
        lines.append("  failed: " + ", ".join(f"{i} ({k})" for i, k in s.failed) + _more(s))
    if s.recipes:
        median = f"  (median {s.median:.1f})" if s.median is not None else ""
        lines.append("  scores: " + " | ".join(f"{b}: {n}" for b, n in s.scores) + median)
    if s.missing:
        lines.append("  most often missing: " + ", ".join(f"{c} ({n})" for c, n in s.missing))
    return "\n".join(lines) + "\n"


def _more(s: Summary) -> str:
    return f", … {s.errors - len(s.failed)} more" if s.errors > len(s.failed) else ""


def render_markdown(s: Summary) -> str:
    out = [
        "# DataRecipe batch summary",
        "",
        "| | inputs |",
        "| --- | ---: |",
        f"| recipes | {s.recipes} |",
        f"| errors | {s.errors} |",
    ]
    if s.pending:
        out.append(f"| not done (interrupted) | {s.pending} |")
    out.append(f"| total | {s.inputs} |")
    if s.by_kind:
        out += ["", "## Errors by kind", "", "| kind | inputs |", "| --- | ---: |"]
        out += [f"| `{k}` | {n} |" for k, n in s.by_kind]
    if s.recipes:
        out += ["", "## Reproducibility scores", "", "| score | datasets |", "| --- | ---: |"]
        out += [f"| {b} | {n} |" for b, n in s.scores]
        if s.median is not None:
            out += ["", f"Median score: {s.median:.1f} / 10."]
    if s.missing:
        out += ["", "## Most often missing", "", "| criterion | datasets | share |"]
        out.append("| --- | ---: | ---: |")
        out += [f"| `{c}` | {n} | {n / s.recipes:.0%} |" for c, n in s.missing]
    return "\n".join(out) + "\n"
