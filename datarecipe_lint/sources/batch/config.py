"""``analyze --batch`` arguments → a BatchConfig (the same Settings a single analyze builds)."""

from __future__ import annotations

import argparse
import sys

from ...errors import InputError, UsageError
from .runner import DEFAULT_JOBS, DEFAULT_RATE, BatchConfig


def from_args(args: argparse.Namespace) -> BatchConfig:
    from ...cli import scan_options
    from ...pipeline import Settings
    from .. import DEFAULT_MAX_BYTES, Options

    if args.source is not None or args.format:
        raise UsageError(
            "--batch takes no SOURCE and no --json/--yaml/--markdown: it writes one JSON line per "
            "input (-o FILE.jsonl, or stdout)"
        )
    jobs = DEFAULT_JOBS if args.jobs is None else args.jobs
    rate = DEFAULT_RATE if args.rate is None else args.rate
    if jobs < 1 or rate < 0:
        raise UsageError("--jobs must be 1 or more, and --rate 0 (unpaced) or more")
    if args.cost_table:
        from ...cost.tables import load_override

        load_override(args.cost_table, "--cost-table")
    options = Options(
        max_bytes=args.max_bytes or DEFAULT_MAX_BYTES, revision=args.revision, token=args.token
    )
    settings = Settings(
        source=options,
        pricing_date=args.pricing_date,
        cost_table=args.cost_table,
        scan=scan_options(args),
    )
    return BatchConfig(read_lines(args.batch), args.output, settings, jobs, rate, args.summary_md)


def read_lines(path: str) -> list[str]:
    """The lines of FILE, or of stdin for ``-``."""
    if path == "-":
        return sys.stdin.read().splitlines()
    try:
        with open(path, encoding="utf-8") as fh:
            return fh.read().splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or exc
        raise InputError(f"{path}: cannot read the batch list: {reason}", "unreadable") from None
