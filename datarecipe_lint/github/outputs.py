"""What the Action leaves behind: step outputs, recipe files, the report and the job summary.

With several cards the outputs combine them: the lowest score, passed only if every card passed,
the union of missing criteria, the folder holding one recipe per card, the summed cost.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..results import CardResult


def aggregate(results: Sequence[CardResult]) -> dict[str, str]:
    read = [r for r in results if r.recipe is not None]
    scores = [r.recipe.reproducibility.score for r in read if r.recipe is not None]
    missing = sorted(
        {m for r in read if r.recipe is not None for m in r.recipe.reproducibility.missing}
    )
    costs = [
        r.recipe.cost.estimated_total_usd
        for r in read
        if r.recipe is not None and r.recipe.cost.estimated_total_usd is not None
    ]
    return {
        "score": f"{min(scores):.1f}" if scores else "",
        "passed": "true" if results and all(r.passed for r in results) else "false",
        "missing": ",".join(missing),
        "estimated-cost-usd": _number(sum(costs)) if costs else "",
    }


def _number(value: float) -> str:
    text = f"{value:.2f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def recipe_name(path: str, taken: set[str]) -> str:
    """A file name for one card's recipe: its path, flattened (data/a/README.md -> data--a--README)."""
    stem = re.sub(r"\.(md|markdown)$", "", path.strip("./") or "card", flags=re.IGNORECASE)
    name = re.sub(r"[^A-Za-z0-9._-]+", "--", stem).strip("-.") or "card"
    candidate, n = name, 2
    while candidate in taken:
        candidate, n = f"{name}-{n}", n + 1
    taken.add(candidate)
    return candidate + ".json"


def write_recipes(results: Sequence[CardResult], folder: Path) -> str:
    """One JSON recipe per readable card; the path of the file (one card) or the folder."""
    from ..report.json_yaml import to_json

    folder.mkdir(parents=True, exist_ok=True)
    taken: set[str] = set()
    written: list[Path] = []
    for r in results:
        if r.recipe is None:
            continue
        target = folder / recipe_name(r.path, taken)
        target.write_bytes(to_json(r.recipe.to_dict()).encode("utf-8"))
        written.append(target)
    return str(written[0]) if len(results) == 1 and written else str(folder)


def write_exports(results: Sequence[CardResult], targets: Sequence[str], folder: Path) -> str:
    """Each readable card's exports (``<card>.croissant.json``, ``<card>.eu-summary.md``); the
    path of the file (one card, one export) or the folder."""
    from ..card import parse
    from ..export import EXTENSIONS, render
    from ..export.facts import gather

    folder.mkdir(parents=True, exist_ok=True)
    taken: set[str] = set()
    written: list[Path] = []
    for r in results:
        if r.recipe is None:
            continue
        path = Path(r.path)
        facts = gather(r.recipe, parse(path.read_text(encoding="utf-8-sig"), path.name))
        stem = recipe_name(r.path, taken).rsplit(".", 1)[0]
        data = path.parent if path.name == "README.md" else None
        for target in targets:
            out = folder / f"{stem}{EXTENSIONS[target]}"
            out.write_bytes(render(target, facts, data).encode("utf-8"))
            written.append(out)
    return str(written[0]) if len(written) == 1 else str(folder)


def write_outputs(path: str, values: Mapping[str, str]) -> None:
    """Append ``name<<DELIM`` blocks to ``$GITHUB_OUTPUT`` (safe for any value)."""
    lines = []
    for name, value in values.items():
        delimiter = f"datarecipe_{uuid.uuid4().hex}"
        lines += [f"{name}<<{delimiter}", value, delimiter]
    with open(path, "a", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(lines) + "\n")


def append_text(path: str, text: str) -> None:
    with open(path, "a", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
