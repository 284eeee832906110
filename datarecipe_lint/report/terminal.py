"""A compact view for a terminal (``datarecipe analyze`` and ``datarecipe show``)."""

from __future__ import annotations

from typing import Any

from .markdown import money


def render(tree: dict[str, Any], color: bool = False) -> str:
    gen, rep, cost = tree["generation"], tree["reproducibility"], tree["cost"]

    def bold(s: str) -> str:
        return f"\033[1m{s}\033[0m" if color else s

    src = tree["source"]
    out = [
        bold(f"{tree['name']}")
        + f"  ({src['type']}: {src['id']}{' @ ' + str(src['revision']) if src.get('revision') else ''})"
    ]
    origin = gen["origin"]
    if origin != "unknown":
        origin += f"  synthetic {gen['synthetic_ratio']:.2f} / human {gen['human_ratio']:.2f}"
    out.append(f"  origin          {origin}")
    out.append(f"  teacher models  {', '.join(gen['teacher_models']) or '-'}")
    for m in gen["methods"]:
        who = (
            m.get("teacher_model")
            or m.get("platform")
            or m.get("annotators")
            or m.get("model")
            or ", ".join(m.get("sources", []))
        )
        ev = m["evidence"][0] if m.get("evidence") else {}
        line = f"  (line {ev['line']})" if ev.get("line") else ""
        out.append(f"  method          {m['type']}{': ' + who if who else ''}{line}")
    if cost.get("estimated_total_usd") is not None:
        out.append(
            f"  cost            {money(cost['estimated_total_usd'])}  (range {money(cost.get('low_usd'))}–{money(cost.get('high_usd'))}, {cost['confidence']} confidence)"
        )
    else:
        out.append(f"  cost            not estimated ({'; '.join(cost.get('assumptions', []))})")
    content = tree.get("content")
    if content:
        found = (
            ", ".join(
                f"{f['family']} {f['share']:.1%} of rows" for f in content.get("families") or []
            )
            or "no model fingerprints"
        )
        out.append(f"  data scanned    {content['rows_scanned']:,} rows: {found}")
    out.append(bold(f"  reproducibility {rep['score']:.1f}/{rep['max_score']}"))
    for c in rep["criteria"]:
        if c["status"] == "missing":
            out.append(f"    missing  {c['id']}: {c.get('suggestion', '')}")
    for c in rep["criteria"]:
        if c["status"] == "available":
            out.append(f"    ok       {c['id']} (line {c.get('line', '?')})")
    for f in tree.get("findings", []):
        where = f"line {f['line']}: " if f.get("line") else ""
        out.append(f"  {f['severity']:<8}{f['id']}: {where}{f['message']}")
    return "\n".join(out) + "\n"
