"""The Markdown "nutrition label": a report a person can paste into a pull request."""

from __future__ import annotations

from typing import Any

from .escape import cell, quote

STATUS_MARK = {
    "available": "✅ available",
    "missing": "❌ missing",
    "not_applicable": "➖ n/a",
    "ignored": "⏸ ignored",
}


def money(value: Any) -> str:
    if value is None:
        return "n/a"
    value = float(value)
    if value >= 100:
        return f"${value:,.0f}"
    return f"${value:,.2f}"


def render(tree: dict[str, Any]) -> str:
    gen = tree["generation"]
    rep = tree["reproducibility"]
    out = [f"# Dataset recipe: {quote(str(tree['name']))}", ""]
    out += _summary(tree)
    out += ["", "## How it was made", ""]
    out += _methods(gen) or ["No construction method could be read from the card."]
    others = gen.get("other_models") or []
    if others:
        out += ["", "Models named but not counted as teachers:", ""]
        out += [f"- {quote(m['name'])}: {m['role']} (line {m['line']})" for m in others]
    out += ["", "## What it would cost to recreate", ""]
    out += cost_section(tree["cost"])
    out += ["", f"## Reproducibility: {rep['score']:.1f} / {rep['max_score']}", ""]
    out += ["| criterion | status | evidence or how to add it |", "| --- | --- | --- |"]
    for c in rep["criteria"]:
        detail = (
            f"line {c['line']}: {cell(c['evidence'])}"
            if "line" in c
            else cell(c.get("suggestion") or c.get("reason") or "")
        )
        out.append(f"| `{c['id']}` | {STATUS_MARK.get(c['status'], c['status'])} | {detail} |")
    if tree.get("content"):
        out += ["", "## What the data shows", ""]
        out += content_section(tree["content"])
    if tree.get("findings"):
        out += ["", "## Findings", ""]
        for f in tree["findings"]:
            where = f" (line {f['line']})" if f.get("line") else ""
            out.append(f"- **{f['severity']}** `{f['id']}`{where}: {quote(f['message'], 400)}")
    tool = tree["tool"]
    out += [
        "",
        f"<sub>{tool['name']} {tool['version']} · knowledge tables {tool.get('knowledge_version', '?')} · recipe schema {tree['version']}</sub>",
        "",
    ]
    return "\n".join(out)


def _summary(tree: dict[str, Any]) -> list[str]:
    gen, rep, cost = tree["generation"], tree["reproducibility"], tree["cost"]
    src = tree["source"]
    origin = gen["origin"]
    if origin != "unknown":
        origin += f" (synthetic {gen['synthetic_ratio']:.0%} · human {gen['human_ratio']:.0%})"
    teachers = ", ".join(quote(t) for t in gen["teacher_models"]) or "none named"
    est = "not estimated"
    if cost.get("estimated_total_usd") is not None:
        est = f"{money(cost['estimated_total_usd'])} ({money(cost.get('low_usd'))}–{money(cost.get('high_usd'))}, {cost['confidence']} confidence)"
    return [
        "| | |",
        "| --- | --- |",
        f"| Source | {src['type']} `{cell(str(src['id']))}`{' @ ' + cell(str(src['revision'])) if src.get('revision') else ''} |",
        f"| Origin | {origin} |",
        f"| Teacher models | {teachers} |",
        f"| Reproducibility | **{rep['score']:.1f} / {rep['max_score']}** |",
        f"| Missing | {', '.join('`' + m + '`' for m in rep['missing']) or 'nothing'} |",
        f"| Estimated cost | {est} |",
    ]


def _methods(gen: dict[str, Any]) -> list[str]:
    lines = []
    for m in gen["methods"]:
        bits = [f"**{m['type']}**"]
        for key in ("teacher_model", "platform", "annotators", "model"):
            if m.get(key):
                bits.append(f"{key.replace('_', ' ')}: {quote(m[key])}")
        if m.get("prompt_template"):
            bits.append(f"prompts {m['prompt_template']}")
        if m.get("sources"):
            bits.append("from " + ", ".join(quote(s) for s in m["sources"]))
        ev = m["evidence"][0] if m.get("evidence") else None
        where = f" — line {ev['line']}: “{quote(ev['text'])}”" if ev and ev.get("line") else ""
        lines.append("- " + ", ".join(bits) + where)
    return lines


def cost_section(cost: dict[str, Any]) -> list[str]:
    out: list[str] = []
    if cost.get("estimated_total_usd") is not None:
        out += ["| part | low | estimate | high |", "| --- | --- | --- | --- |"]
        for line in cost.get("lines") or []:
            out.append(
                f"| {cell(str(line.get('label', line.get('kind', ''))))} | {money(line.get('low_usd'))} | {money(line.get('estimated_usd'))} | {money(line.get('high_usd'))} |"
            )
        out.append(
            f"| **total** | {money(cost.get('low_usd'))} | **{money(cost['estimated_total_usd'])}** | {money(cost.get('high_usd'))} |"
        )
        out += ["", f"Confidence: {cost['confidence']}.", ""]
    else:
        out += ["No estimate.", ""]
    out += ["Assumptions:", ""] + [f"- {quote(a, 400)}" for a in cost.get("assumptions", [])]
    return out


def content_section(content: dict[str, Any]) -> list[str]:
    """The ``content`` block of ``--scan-data``: families found, generator columns, coverage."""
    files = content.get("files_scanned", 0)
    scope = "" if content.get("complete") else " (part of the data: budget or sample)"
    out = [
        f"Scanned {content['rows_scanned']:,} rows ({content['bytes_scanned'] / 1e6:,.1f} MB) "
        f"in {files} file{'s' if files != 1 else ''}{scope}; a family counts when it reaches "
        f"{content['thresholds']['min_rows']} rows and {content['thresholds']['min_share']:.1%} of them.",
        "",
    ]
    if content.get("families"):
        out += ["| model family | rows | share | example |", "| --- | --- | --- | --- |"]
        for fam in content["families"]:
            ex = (fam.get("examples") or [{}])[0]
            place = f"row {ex['row']}" if "row" in ex else f"byte {ex.get('offset')}"
            example = (
                f"{cell(str(ex['file']))} {place}, {cell(str(ex['field']))}: “{cell(str(ex['phrase']))}”"
                if ex
                else ""
            )
            mark = " ⚠" if fam.get("present") else ""
            out.append(
                f"| {cell(fam['family'])}{mark} | {fam['rows']:,} | {fam['share']:.1%} | {example} |"
            )
    else:
        out.append("No model fingerprints found.")
    out.append("")
    for col in content.get("generator_columns") or []:
        named = col.get("models") or col.get("values") or {}
        top = " · ".join(f"{quote(k)} {v:,}" for k, v in list(named.items())[:8])
        out.append(f"- generator column {quote(col['column'])}: {top}")
    if content.get("problems"):
        out.append(f"- {len(content['problems'])} damaged part(s) of data files: see the findings")
    return out
