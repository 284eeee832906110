"""``datarecipe lint [PATH ...]``: check local cards against the gates (for pre-commit and CI)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..report import LINT_FORMATS
from ..status import Status
from . import arguments

if TYPE_CHECKING:
    from ..results import CardResult

DESCRIPTION = (
    "Check local dataset cards and fail (exit 1) when a gate fails. PATHs are cards or folders "
    "(searched for README.md); default: README.md in the current folder. Local files only."
)
EPILOG = """\
examples:
  datarecipe lint
  datarecipe lint data/README.md --min-score 7
  datarecipe lint . --require license,source_code --format github

criterion ids (--require, --ignore): description, detailed_documentation,
  teacher_model_names, exact_prompts, source_code, generation_parameters,
  source_data_references, filtering_criteria, annotation_process, license
finding ids (--fail-on, --ignore): front-matter-invalid, front-matter-missing,
  empty-card, template-only, consistency, teacher-terms, suppression-unknown;
  with --scan-data: undisclosed-teacher, claimed-human-but-synthetic, data-unreadable,
  data-skipped
config: .datarecipe.yaml or [tool.datarecipe] in pyproject.toml (see README)"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    arguments.add_gates(p)
    p.add_argument(
        "--format", choices=LINT_FORMATS, default=None,
        help="output format (default: text; github when GITHUB_ACTIONS=true); concise: one "
        "line per problem, path:line:col: ID message",
    )  # fmt: skip
    arguments.add_common(p)


def default_format(given: str | None) -> str:
    return given or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")


def color() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def print_results(
    fmt: str, results: Sequence[CardResult], quiet: bool, errors_to_stderr: bool = True
) -> None:
    """The results in ``fmt`` on stdout, and each card that could not be read on stderr."""
    from ..report import View, render

    text = render(fmt, results, View(quiet=quiet, color=color()))
    if text:
        sys.stdout.write(text)
        sys.stdout.flush()
    if errors_to_stderr:
        for r in results:
            if r.error is not None:
                print(f"datarecipe: error: {r.error}", file=sys.stderr)


def run(args: argparse.Namespace) -> Status:
    from ..checks import check_all
    from ..options import check_flags
    from ..results import overall

    flags = arguments.flags(args)
    check_flags(flags)
    results = check_all(args.paths, flags)
    fmt = default_format(args.format)
    if args.quiet and fmt == "text":
        fmt = "concise"  # -q: the problems only, one line each (as ruff -q)
    print_results(fmt, results, args.quiet)
    return overall(results)
