"""``datarecipe lint``: find cards, analyze each through the pipeline, apply the gates.

Every card is analysed even when another fails; the exit code is the highest of them.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from .errors import DataRecipeError, UsageError
from .gate import GateResult, Gates, check
from .recipe import Recipe

if TYPE_CHECKING:
    from .pipeline import Settings

FORMATS = ("text", "json", "github", "sarif")
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


class CardResult(NamedTuple):
    path: str
    recipe: Recipe | None
    gate: GateResult | None
    error: str | None = None
    ignored: tuple[tuple[str, str], ...] = ()

    @property
    def exit_code(self) -> int:
        if self.error is not None:
            return 2
        return 0 if self.gate is not None and self.gate.passed else 1


def _csv(text: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in text.split(",") if x.strip())


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", metavar="PATH", help="cards or folders (default: README.md)")
    p.add_argument(
        "--min-score",
        type=float,
        default=None,
        metavar="N",
        help="fail below this score, 0-10 (default 5.0; 0 turns the gate off)",
    )
    p.add_argument(
        "--require",
        type=_csv,
        default=None,
        metavar="ID,...",
        help="criteria that must be available, e.g. license,source_code",
    )
    p.add_argument(
        "--fail-on",
        type=_csv,
        default=None,
        metavar="ID,...",
        help="finding ids that fail the card, e.g. consistency,teacher-terms",
    )
    p.add_argument(
        "--ignore",
        type=_csv,
        default=None,
        metavar="ID,...",
        help="criteria (count as not applicable) or findings (not reported) to ignore",
    )
    p.add_argument(
        "--no-regress",
        default=None,
        metavar="REF",
        help="fail only if the score is lower than the card's score at git REF",
    )
    p.add_argument(
        "--format",
        choices=FORMATS,
        default=None,
        help="output format (default: text; github when GITHUB_ACTIONS=true)",
    )
    p.add_argument(
        "--config",
        default=None,
        metavar="FILE",
        help="config file (default: .datarecipe.yaml or [tool.datarecipe] in pyproject.toml, found upwards)",
    )
    p.add_argument("--quiet", "-q", action="store_true", help="print only failures")
    from .cli import add_scan_arguments

    add_scan_arguments(p, sample=False)


def find_cards(paths: list[str]) -> Iterator[str]:
    for raw in paths or ["README.md"]:
        path = Path(raw)
        if path.is_dir():
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


def run(args: argparse.Namespace) -> int:
    from .report.lint import render

    if args.min_score is not None and not 0 <= args.min_score <= 10:
        raise UsageError(f"--min-score {args.min_score:g}: must be between 0 and 10")
    fmt = args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    results = [lint_one(path, args) for path in find_cards(args.paths)]
    text = render(fmt, results, quiet=args.quiet, color=_color())
    if text:
        sys.stdout.write(text)
        sys.stdout.flush()
    for r in results:
        if r.error is not None:
            print(f"datarecipe: error: {r.error}", file=sys.stderr)
    return max((r.exit_code for r in results), default=0)


def lint_one(path: str, args: argparse.Namespace) -> CardResult:
    from .config import resolve_settings
    from .pipeline import analyze_loaded
    from .sources.local import load_local

    try:
        resolved = resolve_settings(path, args)
        loaded = load_local(path, resolved.settings.source)
        recipe = analyze_loaded(loaded, _with_scan(resolved.settings, args))
        gates = resolved.gates
        if resolved.no_regress:
            from .regress import baseline_score

            gates = Gates(
                gates.min_score,
                gates.require,
                gates.fail_on,
                baseline_score(path, resolved.no_regress, resolved.settings),
            )
        return CardResult(
            path,
            recipe,
            check(recipe, gates),
            ignored=tuple(sorted(resolved.settings.ignore.items())),
        )
    except DataRecipeError as exc:
        return CardResult(path, None, None, error=str(exc))


def _with_scan(settings: Settings, args: argparse.Namespace) -> Settings:
    """--scan-data: the settings with the content scan's options (never scanned unless asked)."""
    from .cli import scan_options

    scan = scan_options(args)
    return settings if scan is None else settings._replace(scan=scan)


def _color() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ
