"""Command line: arguments → pipeline → gate → exit code. The only place that decides exit codes.

Exit codes: 0 ran and every gate passed; 1 ran and a gate failed; 2 could not run.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import Any, Callable

from . import __version__
from .errors import DataRecipeError, UsageError

EXIT_OK, EXIT_GATE, EXIT_ERROR = 0, 1, 2

DESCRIPTION = """\
Reverse-engineer how a dataset was made from its dataset card (README.md with YAML front
matter): teacher models, human annotation, web sources, cost to recreate, and a 10-point
reproducibility score with the provenance elements that are missing.
"""

EPILOG = """\
examples:
  datarecipe analyze examples/synthetic-instructions/README.md   # terminal summary
  datarecipe analyze data/README.md --json > recipe.json    # the recipe as JSON
  datarecipe analyze HuggingFaceH4/ultrachat_200k -o recipe.md
  datarecipe lint README.md --min-score 6 --require license,teacher_model_names
  datarecipe lint datasets/ --format sarif > datarecipe.sarif
  datarecipe show recipes/example.yaml

exit codes: 0 ok · 1 a gate failed · 2 could not run (bad arguments, unreadable card, not found)
docs: README.md in the project repository
"""


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # argparse exits 2 too; keep it to one line + hint
        raise UsageError(f"{message} (see '{self.prog} --help')")


def _add_common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--debug", action="store_true", help="show tracebacks for errors")
    p.add_argument(
        "--max-bytes", type=_size, default=None, metavar="N",
        help="refuse cards larger than N bytes (default 10000000; accepts 10MB, 500kB)",
    )  # fmt: skip


def _iso_date(text: str) -> Any:
    import datetime

    try:
        return datetime.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not a date: {text!r} (use YYYY-MM-DD, e.g. 2024-06-01)"
        ) from None


def _size(text: str) -> int:
    units = {"kb": 1000, "mb": 1000**2, "gb": 1000**3, "kib": 1024, "mib": 1024**2, "b": 1}
    low = text.strip().lower()
    for unit, factor in sorted(units.items(), key=lambda x: -len(x[0])):
        if low.endswith(unit):
            return int(float(low[: -len(unit)]) * factor)
    try:
        return int(low)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not a size: {text!r} (use e.g. 10MB or 500000)"
        ) from None


def add_scan_arguments(p: argparse.ArgumentParser, sample: bool) -> None:
    """--scan-data (analyze, lint) and its bounds; the scanner is imported only when it is given."""
    p.add_argument(
        "--scan-data", action="store_true",
        help="also scan the data files next to the card (JSONL, JSON, CSV/TSV, Parquet, gzip/zstd "
        "JSONL) for teacher-model fingerprints; adds a content block and findings",
    )  # fmt: skip
    if sample:
        p.add_argument(
            "--sample", type=_count, metavar="N",
            help="--scan-data: read about N rows spread over the files instead of every row",
        )  # fmt: skip
    p.add_argument(
        "--scan-bytes", type=_size, metavar="SIZE",
        help="--scan-data: read at most SIZE of data (default 2GB; past it, parts spread over each file)",
    )  # fmt: skip


def scan_options(args: argparse.Namespace) -> Any:
    """The content scan's options, or None when --scan-data was not given."""
    sample, budget = getattr(args, "sample", None), getattr(args, "scan_bytes", None)
    if not getattr(args, "scan_data", False):
        if sample is not None or budget is not None:
            raise UsageError("--sample and --scan-bytes go with --scan-data")
        return None
    from .content import DEFAULT_BUDGET, ScanOptions

    return ScanOptions(
        sample=sample, budget=budget or DEFAULT_BUDGET, token=getattr(args, "token", None)
    )


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {text!r}")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="datarecipe",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"datarecipe {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    a = sub.add_parser(
        "analyze", help="analyze a card (path or Hub id) and print its recipe",
        description="Analyze one dataset card and print its recipe. SOURCE is a README.md, any .md card, a folder "
        "holding README.md, or a Hugging Face Hub dataset id (org/name, hf://datasets/org/name, "
        "https://huggingface.co/datasets/org/name). An existing path wins over an id.",
        epilog="examples:\n  datarecipe analyze README.md\n  datarecipe analyze README.md --yaml > recipe.yaml\n"
        "  datarecipe analyze org/name --revision v1.0 -o report.md",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )  # fmt: skip
    a.add_argument("source", metavar="SOURCE", nargs="?")
    fmt = a.add_mutually_exclusive_group()
    fmt.add_argument(
        "--json", action="store_const", const="json", dest="format", help="print the recipe as JSON"
    )
    fmt.add_argument(
        "--yaml", action="store_const", const="yaml", dest="format", help="print the recipe as YAML"
    )
    fmt.add_argument(
        "--markdown",
        action="store_const",
        const="markdown",
        dest="format",
        help="print the Markdown report",
    )
    fmt.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write to FILE; the format follows its extension (.md, .yaml, .json)",
    )
    a.add_argument("--revision", metavar="REV", help="Hub only: branch, tag or commit to read")
    a.add_argument(
        "--token",
        metavar="TOKEN",
        help="Hub only: access token (default: HF_TOKEN or the huggingface_hub login)",
    )
    a.add_argument(
        "--pricing-date", type=_iso_date, metavar="YYYY-MM-DD",
        help="price model calls at this date (default: when the card says the data was made, else today)",
    )  # fmt: skip
    a.add_argument(
        "--cost-table",
        metavar="FILE",
        help="YAML file whose rows override or extend the shipped price and labour tables",
    )
    a.add_argument(
        "--batch", metavar="FILE",
        help="analyze every Hub id or path in FILE (one a line; - reads stdin) into JSON lines "
        "(-o FILE.jsonl, one line per input); a rerun resumes",
    )  # fmt: skip
    a.add_argument("--jobs", type=int, metavar="N", help="batch: inputs analysed at once (default 4)")
    a.add_argument(
        "--rate", type=float, metavar="R",
        help="batch: Hub requests per second (default 1.5, under the anonymous limit; 0: unpaced)",
    )  # fmt: skip
    a.add_argument("--summary-md", metavar="FILE", help="batch: also write the summary as Markdown")
    add_scan_arguments(a, sample=True)
    _add_common(a)
    a.set_defaults(run=cmd_analyze)

    lint = sub.add_parser(
        "lint", help="check cards against gates (for pre-commit and CI)",
        description="Check local dataset cards and fail (exit 1) when a gate fails. PATHs are cards or folders "
        "(searched for README.md); default: README.md in the current folder. Local files only.",
        epilog="examples:\n  datarecipe lint\n  datarecipe lint data/README.md --min-score 7\n"
        "  datarecipe lint . --require license,source_code --format github\n\n"
        "criterion ids (--require, --ignore): description, detailed_documentation,\n"
        "  teacher_model_names, exact_prompts, source_code, generation_parameters,\n"
        "  source_data_references, filtering_criteria, annotation_process, license\n"
        "finding ids (--fail-on, --ignore): front-matter-invalid, front-matter-missing,\n"
        "  empty-card, template-only, consistency, teacher-terms, suppression-unknown;\n"
        "  with --scan-data: undisclosed-teacher, claimed-human-but-synthetic, data-unreadable,\n"
        "  data-skipped\n"
        "config: .datarecipe.yaml or [tool.datarecipe] in pyproject.toml (see README)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )  # fmt: skip
    from .lint import add_arguments

    add_arguments(lint)
    _add_common(lint)
    lint.set_defaults(run=cmd_lint)

    comment = sub.add_parser(
        "comment", help="lint, then post or update one comment on a GitHub PR or a Hub discussion",
        description="Lint like 'datarecipe lint', then keep ONE comment (found by a hidden marker and "
        "--comment-key) up to date on a GitHub pull request or a Hugging Face Hub discussion. Tokens "
        "come from the environment: GITHUB_TOKEN (or GH_TOKEN; API at GITHUB_API_URL), HF_TOKEN. "
        "Exit code as lint; a 403 (read-only token) is a warning.",
        epilog="examples:\n  datarecipe comment README.md --repo org/data --pr 12\n"
        "  datarecipe comment data/ --repo org/data --pr 12 --no-regress origin/main --comment-mode delete-on-pass\n"
        "  datarecipe comment README.md --hub org/data --discussion 3",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )  # fmt: skip
    from .github.command import add_arguments as add_comment_arguments

    add_comment_arguments(comment)
    _add_common(comment)
    comment.set_defaults(run=cmd_comment)

    show = sub.add_parser("show", help="validate and display a recipe file (.yaml or .json)")
    show.add_argument("recipe", metavar="RECIPE")
    show.add_argument("--debug", action="store_true", help="show tracebacks for errors")
    show.set_defaults(run=cmd_show)

    ls = sub.add_parser(
        "list-sources", help="list the sources a card can come from and whether each is available"
    )
    ls.add_argument("--debug", action="store_true", help="show tracebacks for errors")
    ls.add_argument("--check", action="store_true", help="also ask the Hub endpoint if it answers")
    ls.set_defaults(run=cmd_list_sources)

    schema = sub.add_parser("schema", help="print the JSON Schema of the recipe")
    schema.add_argument("--debug", action="store_true", help="show tracebacks for errors")
    schema.set_defaults(run=cmd_schema)
    return parser


def cmd_analyze(args: argparse.Namespace) -> int:
    if args.batch is not None:
        return cmd_batch(args)
    if args.source is None:
        raise UsageError(
            "analyze needs a SOURCE, or --batch FILE with one per line (see 'datarecipe analyze --help')"
        )
    if args.jobs is not None or args.rate is not None or args.summary_md:
        raise UsageError(
            "--jobs, --rate and --summary-md go with --batch FILE (see 'datarecipe analyze --help')"
        )
    from .pipeline import Settings, analyze
    from .report import EXTENSIONS, RECIPE_REPORTERS
    from .sources import DEFAULT_MAX_BYTES, Options

    fmt = args.format or "terminal"
    if args.output:
        ext = os.path.splitext(args.output)[1].lower()
        if ext not in EXTENSIONS:
            raise UsageError(
                f"-o {args.output}: unknown extension {ext or '(none)'}; use .md, .yaml or .json"
            )
        fmt = EXTENSIONS[ext]
    options = Options(
        max_bytes=args.max_bytes or DEFAULT_MAX_BYTES, revision=args.revision, token=args.token
    )
    if args.cost_table:
        from .cost.tables import load_override

        load_override(args.cost_table, "--cost-table")
    recipe = analyze(
        args.source,
        Settings(
            source=options,
            pricing_date=args.pricing_date,
            cost_table=args.cost_table,
            scan=scan_options(args),
        ),
    )
    text = RECIPE_REPORTERS[fmt](recipe.to_dict())
    if args.output:
        _write(args.output, text)
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return EXIT_OK


def cmd_batch(args: argparse.Namespace) -> int:
    """analyze --batch: 0 when every input produced a recipe, 1 when some ended in an error."""
    from .sources.batch import from_args, run

    outcome = run(from_args(args))
    if outcome.interrupted:
        print("datarecipe: interrupted; rerun the same command to resume", file=sys.stderr)
        return 130
    return EXIT_OK if outcome.summary.errors == 0 else EXIT_GATE


def cmd_lint(args: argparse.Namespace) -> int:
    from .lint import run

    outcome = run(args)
    return EXIT_OK if outcome == 0 else outcome


def cmd_comment(args: argparse.Namespace) -> int:
    from .github.command import run

    return run(args)


def cmd_show(args: argparse.Namespace) -> int:
    from .report.terminal import render
    from .schema import load_recipe_file

    tree = load_recipe_file(args.recipe)
    sys.stdout.write(render(tree))
    return EXIT_OK


def cmd_list_sources(args: argparse.Namespace) -> int:
    from .sources.listing import describe

    sys.stdout.write(describe(args.check))
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from .schema import schema_text

    sys.stdout.write(schema_text())
    return EXIT_OK


def _write(path: str, text: str) -> None:
    try:
        with open(path, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
    except OSError as exc:
        raise DataRecipeError(
            f"{path}: cannot write: {exc.strerror or exc}", "unwritable"
        ) from None


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in argv
    try:
        args = build_parser().parse_args(argv)
        if not getattr(args, "run", None):
            build_parser().print_help()
            return EXIT_ERROR
        run: Callable[[argparse.Namespace], int] = args.run
        return run(args)
    except DataRecipeError as exc:
        if debug:
            raise
        print(f"datarecipe: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("datarecipe: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # a bug: still one line unless --debug
        if debug:
            raise
        print(
            f"datarecipe: internal error: {type(exc).__name__}: {exc} (rerun with --debug and report it)",
            file=sys.stderr,
        )
        return EXIT_ERROR
