"""``datarecipe analyze SOURCE``: one card (a path or a Hub id) to its recipe; ``--batch FILE``:
many, into JSON lines."""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING

from ..errors import DataRecipeError, UsageError
from ..status import Status
from . import arguments

if TYPE_CHECKING:
    from ..options import Flags
    from ..recipe import Recipe

DESCRIPTION = (
    "Analyze dataset cards and print their recipes. SOURCE is a README.md, any .md card, a folder "
    "holding README.md, - for standard input, or a Hugging Face Hub dataset id (name, org/name, "
    "hf://datasets/org/name, https://huggingface.co/datasets/org/name). An existing path wins "
    "over an id, and a source that looks like a path (ends in .md, or names a folder that exists) "
    "is never looked up on the Hub. A local card reads the same config file as lint "
    "(.datarecipe.yaml, found upwards). With several sources, --json prints a list and --yaml "
    "one document per recipe; a source that fails is reported and the others still run."
)
EPILOG = """\
examples:
  datarecipe analyze README.md
  datarecipe analyze README.md -v                      # also the other models and the cost's assumptions
  cat README.md | datarecipe analyze - --json
  datarecipe analyze data/a/README.md data/b/README.md --json
  datarecipe analyze README.md --yaml > recipe.yaml
  datarecipe analyze org/name --revision v1.0 -o report.md
  datarecipe analyze --batch ids.txt -o recipes.jsonl --jobs 8"""


def add_arguments(a: argparse.ArgumentParser) -> None:
    a.add_argument("sources", metavar="SOURCE", nargs="*")
    a.add_argument(
        "-v", "--verbose", action="store_true",
        help="terminal view: also every other model named with its role, and the cost's assumptions",
    )  # fmt: skip
    fmt = a.add_mutually_exclusive_group()
    fmt.add_argument(
        "--json", action="store_const", const="json", dest="format", help="print the recipe as JSON"
    )
    fmt.add_argument(
        "--yaml", action="store_const", const="yaml", dest="format", help="print the recipe as YAML"
    )
    fmt.add_argument(
        "--markdown", action="store_const", const="markdown", dest="format",
        help="print the Markdown report",
    )  # fmt: skip
    fmt.add_argument(
        "-o", "--output", metavar="FILE",
        help="write to FILE; the format follows its extension (.md, .yaml, .json)",
    )  # fmt: skip
    arguments.add_hub(a)
    a.add_argument(
        "--pricing-date", type=arguments.date, metavar="YYYY-MM-DD",
        help="price model calls at this date (default: when the card says the data was made, else today)",
    )  # fmt: skip
    a.add_argument(
        "--cost-table", metavar="FILE",
        help="YAML file whose rows override or extend the shipped price and labour tables",
    )  # fmt: skip
    arguments.add_config(a)
    a.add_argument(
        "--batch", metavar="FILE",
        help="analyze every Hub id or path in FILE (one a line; - reads stdin) into JSON lines "
        "(-o FILE.jsonl, one line per input); a rerun resumes",
    )  # fmt: skip
    a.add_argument(
        "--jobs", type=int, metavar="N", help="batch: inputs analysed at once (default 4)"
    )
    a.add_argument(
        "--rate", type=float, metavar="R",
        help="batch: Hub requests per second (default 1.5, under the anonymous limit; 0: unpaced)",
    )  # fmt: skip
    a.add_argument("--summary-md", metavar="FILE", help="batch: also write the summary as Markdown")
    arguments.add_scan(a, sample=True)
    arguments.add_common(a)


def run(args: argparse.Namespace) -> Status:
    if args.batch is not None:
        return _batch(args)
    if not args.sources:
        raise UsageError(
            "analyze needs a SOURCE, or --batch FILE with one per line (see 'datarecipe analyze --help')"
        )
    if args.jobs is not None or args.rate is not None or args.summary_md:
        raise UsageError(
            "--jobs, --rate and --summary-md go with --batch FILE (see 'datarecipe analyze --help')"
        )
    from ..options import check_flags
    from ..report import EXTENSIONS, render_recipes

    fmt = args.format or "terminal"
    if args.output:
        ext = os.path.splitext(args.output)[1].lower()
        if ext not in EXTENSIONS:
            raise UsageError(
                f"-o {args.output}: unknown extension {ext or '(none)'}; use .md, .yaml or .json"
            )
        if len(args.sources) > 1:
            raise UsageError(
                "-o FILE takes one SOURCE; for several, use --json or --yaml (or --batch)"
            )
        fmt = EXTENSIONS[ext]
    flags = arguments.flags(args)
    check_flags(flags)
    recipes, status = _analyze_all(args.sources, flags)
    if not recipes:
        return status
    text = render_recipes(fmt, recipes, verbose=args.verbose)
    if args.output:
        _write(args.output, text)
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return status


def _analyze_all(sources: list[str], flags: Flags) -> tuple[list[Recipe], Status]:
    """Each source's recipe; one that cannot be read is reported on stderr and the rest go on."""
    from ..options import build
    from ..pipeline import analyze
    from ..sources import looks_local

    recipes: list[Recipe] = []
    status = Status.PASSED
    for source in sources:
        try:
            options = build(source if looks_local(source) else None, flags)
            recipes.append(analyze(source, options))
        except DataRecipeError as exc:
            if len(sources) == 1:
                raise
            print(f"datarecipe: error: {exc}", file=sys.stderr)
            status = Status.ERROR
    return recipes, status


def _batch(args: argparse.Namespace) -> Status:
    """analyze --batch: PASSED when every input produced a recipe, FAILED when some ended in an error."""
    from ..options import check_flags
    from ..sources.batch import DEFAULT_JOBS, DEFAULT_RATE, BatchConfig, read_lines, run

    if args.sources or args.format:
        raise UsageError(
            "--batch takes no SOURCE and no --json/--yaml/--markdown: it writes one JSON line per "
            "input (-o FILE.jsonl, or stdout)"
        )
    jobs = DEFAULT_JOBS if args.jobs is None else args.jobs
    rate = DEFAULT_RATE if args.rate is None else args.rate
    if jobs < 1 or rate < 0:
        raise UsageError("--jobs must be 1 or more, and --rate 0 (unpaced) or more")
    flags = arguments.flags(args)
    engine, address = flags.engine or "local", flags.ray_address
    if not flags.scan_data:  # here --engine is the batch's; with --scan-data, the scans' too
        flags = flags._replace(engine=None, ray_address=None)
    check_flags(flags)
    config = BatchConfig(
        read_lines(args.batch), args.output, flags, jobs, rate, args.summary_md,
        engine=engine, ray_address=address,
    )  # fmt: skip
    outcome = run(config)
    if outcome.interrupted:
        print("datarecipe: interrupted; rerun the same command to resume", file=sys.stderr)
        return Status.INTERRUPTED
    return Status.PASSED if outcome.summary.errors == 0 else Status.FAILED


def _write(path: str, text: str) -> None:
    try:
        with open(path, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
    except OSError as exc:
        raise DataRecipeError(
            f"{path}: cannot write: {exc.strerror or exc}", "unwritable"
        ) from None
