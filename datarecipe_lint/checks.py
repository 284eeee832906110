"""Check local cards against the gates: find them, build each card's options, run the pipeline,
compare with the base revision once, apply the gates. Shared by ``lint``, ``comment`` and the Action.

Every card is checked even when another fails; one that cannot be read becomes an error result.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from .errors import DataRecipeError
from .gate import check
from .options import Flags, build
from .recipe import Recipe
from .results import CardResult

SKIP_DIRS = {
    ".git",
    "node_modules",
    ".venv",
    "venv",
    "__pycache__",
    ".tox",
    ".mypy_cache",
    "site-packages",
}


def find_cards(paths: Sequence[str]) -> Iterator[str]:
    """Cards named, and README.md files under folders named (default: README.md here)."""
    for raw in paths or ["README.md"]:
        path = Path(raw)
        if raw != "-" and path.is_dir():
            found = sorted(_walk(path))
            if not found:
                yield raw  # reported as "folder has no README.md"
            yield from found
        else:
            yield raw


def _walk(root: Path) -> Iterator[str]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS and not d.startswith("."))
        if "README.md" in filenames:
            yield str(Path(dirpath) / "README.md")


def _ignored(recipe: Recipe) -> tuple[tuple[str, str], ...]:
    """Every id ignored for the card, by flags, config or an inline comment, with its reason."""
    items = dict(recipe.extra).get("ignored") or []
    return tuple((str(i["id"]), str(i.get("reason") or "")) for i in items if isinstance(i, dict))


def check_all(paths: Sequence[str], flags: Flags) -> list[CardResult]:
    return [check_card(path, flags) for path in find_cards(paths)]


def check_card(path: str, flags: Flags) -> CardResult:
    from .pipeline import run
    from .sources.local import load_local

    try:
        options = build(path, flags)
        recipe = run(load_local(path, options.source), options)
        base, compared = None, False
        if options.no_regress:
            from .baseline import base_recipe

            compared, base = base_recipe(path, options.no_regress, options)
        gates = options.gates
        if base is not None:
            gates = gates._replace(baseline_score=base.reproducibility.score)
        return CardResult(
            path,
            recipe,
            check(recipe, gates),
            ignored=_ignored(recipe),
            base=base,
            compared=compared,
        )
    except DataRecipeError as exc:
        return CardResult(path, None, None, error=str(exc))
