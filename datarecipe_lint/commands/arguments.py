"""Arguments that several subcommands share, and the one conversion of parsed arguments into
typed :class:`~datarecipe_lint.options.Flags` (no ``argparse.Namespace`` goes past a command)."""

from __future__ import annotations

import argparse
import datetime
from typing import Any

from ..options import Flags
from ..values import parse_date, parse_ids, parse_size


def size(text: str) -> int:
    try:
        return parse_size(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def date(text: str) -> datetime.date:
    try:
        return parse_date(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def ids(text: str) -> tuple[str, ...]:
    return parse_ids(text)


def count(text: str) -> int:
    """A whole number of at least 1."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {text!r}")
    return value


def add_common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--debug", action="store_true", help="show tracebacks for errors")
    p.add_argument(
        "--max-bytes", type=size, default=None, metavar="N",
        help="refuse cards larger than N bytes (default 10000000; accepts 10MB, 500kB)",
    )  # fmt: skip


def add_scan(p: argparse.ArgumentParser, sample: bool) -> None:
    """--scan-data (analyze, lint) and its bounds; the scanner is imported only when it is given."""
    p.add_argument(
        "--scan-data", action="store_true",
        help="also scan the data files next to the card (JSONL, JSON, CSV/TSV, Parquet, gzip/zstd "
        "JSONL) for teacher-model fingerprints; adds a content block and findings",
    )  # fmt: skip
    if sample:
        p.add_argument(
            "--sample", type=count, metavar="N",
            help="--scan-data: read about N rows spread over the files instead of every row",
        )  # fmt: skip
    p.add_argument(
        "--scan-bytes", type=size, metavar="SIZE",
        help="--scan-data: read at most SIZE of data (default 2GB; past it, parts spread over each file)",
    )  # fmt: skip
    p.add_argument(
        "--engine", choices=("local", "ray"), default=None,
        help="--scan-data: scan here (local, the default) or as tasks on a Ray cluster "
        "(pip install 'datarecipe[ray]'; local folders)",
    )  # fmt: skip
    p.add_argument(
        "--ray-address", metavar="ADDRESS",
        help="--engine ray: the cluster to join (default: RAY_ADDRESS, else a local Ray for the run)",
    )  # fmt: skip


def add_gates(p: argparse.ArgumentParser) -> None:
    """The gate and config arguments of ``lint`` (and ``comment``, which lints first)."""
    p.add_argument("paths", nargs="*", metavar="PATH", help="cards or folders (default: README.md)")
    p.add_argument(
        "--min-score", type=float, default=None, metavar="N",
        help="fail below this score, 0-10 (default 5.0; 0 turns the gate off)",
    )  # fmt: skip
    p.add_argument(
        "--require", type=ids, default=None, metavar="ID,...",
        help="criteria that must be available, e.g. license,source_code",
    )  # fmt: skip
    p.add_argument(
        "--fail-on", type=ids, default=None, metavar="ID,...",
        help="finding ids that fail the card, e.g. consistency,teacher-terms",
    )  # fmt: skip
    p.add_argument(
        "--ignore", type=ids, default=None, metavar="ID,...",
        help="criteria (count as not applicable) or findings (not reported) to ignore",
    )  # fmt: skip
    p.add_argument(
        "--no-regress", default=None, metavar="REF",
        help="fail only if the score is lower than the card's score at git REF",
    )  # fmt: skip
    p.add_argument(
        "--config", default=None, metavar="FILE",
        help="config file (default: .datarecipe.yaml or [tool.datarecipe] in pyproject.toml, found upwards)",
    )  # fmt: skip
    p.add_argument(
        "--quiet", "-q", action="store_true",
        help="only the problems, one line each (path:line:col: ID message); with --format "
        "json/github/sarif: only the cards that fail",
    )  # fmt: skip
    add_scan(p, sample=False)


def add_hub(p: argparse.ArgumentParser | argparse._ArgumentGroup) -> None:
    """--revision and --token, for the subcommands that read a card from the Hub."""
    p.add_argument("--revision", metavar="REV", help="Hub only: branch, tag or commit to read")
    p.add_argument(
        "--token", metavar="TOKEN",
        help="Hub only: access token (default: HF_TOKEN or the huggingface_hub login)",
    )  # fmt: skip


def add_config(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--config", default=None, metavar="FILE",
        help="config file (default: .datarecipe.yaml or [tool.datarecipe] in pyproject.toml, "
        "found upwards from a local card)",
    )  # fmt: skip


def flags(args: argparse.Namespace) -> Flags:
    """The typed flags of any subcommand: what it does not define stays unset."""
    get: Any = lambda name, default=None: getattr(args, name, default)  # noqa: E731
    return Flags(
        config=get("config"),
        min_score=get("min_score"),
        require=get("require"),
        fail_on=get("fail_on"),
        ignore=get("ignore"),
        no_regress=get("no_regress"),
        max_bytes=get("max_bytes"),
        pricing_date=get("pricing_date"),
        cost_table=get("cost_table"),
        revision=get("revision"),
        token=get("token"),
        scan_data=bool(get("scan_data", False)),
        sample=get("sample"),
        scan_bytes=get("scan_bytes"),
        engine=get("engine"),
        ray_address=get("ray_address"),
    )
