"""A compact view for a terminal (``datarecipe analyze`` and ``datarecipe show``)."""

from __future__ import annotations

from typing import Any

from .markdown import money


def origin_line(gen: dict[str, Any]) -> str:
    """The origin and what share of the content a model produced, in words that never
    contradict the origin ("mixed, no model-generated part" for human plus web text)."""
    origin, share = gen["origin"], float(gen["synthetic_ratio"])
    if origin == "unknown":
        return "unknown  (the card does not say enough to tell)"
    if origin == "synthetic":
        return f"synthetic  (model-generated: {share:.0%})"
    if origin == "mixed" and share > 0:
        return (
            f"mixed  (model-generated: about {share:.0%}; the rest written or collected by people)"
        )
    if origin == "mixed":
        return "mixed  (people's writing or labels with collected text; no model-generated part)"
    what = "written or annotated by people" if origin == "human" else "collected from existing text"
    return f"{origin}  ({what}; model-generated: 0%)"


def render(tree: dict[str, Any], color: bool = False, verbose: bool = False) -> str:
    gen, rep, cost = tree["generation"], tree["reproducibility"], tree["cost"]

    def bold(s: str) -> str:
        return f"\033[1m{s}\033[0m" if color else s

    src = tree["source"]
    title = tree.get("pretty_name") or tree["name"]
    also = f"{tree['name']}, " if tree.get("pretty_name") else ""
    out = [
        bold(title)
        + f"  ({also}{src['type']}: {src['id']}{' @ ' + str(src['revision']) if src.get('revision') else ''})"
    ]
    out.append(f"  origin          {origin_line(gen)}")
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
    if verbose:
        out += _details(gen, cost)
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


def _details(gen: dict[str, Any], cost: dict[str, Any]) -> list[str]:
    """-v: every other model named and why it is not a teacher, then the cost's assumptions."""
    out = []
    for m in gen.get("other_models") or []:
        line = f"  (line {m['line']})" if m.get("line") else ""
        out.append(f"  other model     {m['name']}: {m['role'].replace('_', ' ')}{line}")
    if cost.get("estimated_total_usd") is not None:
        out += [f"    assumes       {a}" for a in cost.get("assumptions", [])]
    return out
