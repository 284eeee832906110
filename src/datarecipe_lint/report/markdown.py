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
