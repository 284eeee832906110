"""``datarecipe list-sources``: where a card can come from, and whether each is available."""

from __future__ import annotations

import argparse
import sys

from ..status import Status


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--debug", action="store_true", help="show tracebacks for errors")
    p.add_argument("--check", action="store_true", help="also ask the Hub endpoint if it answers")


def run(args: argparse.Namespace) -> Status:
    from ..sources.listing import describe

    sys.stdout.write(describe(args.check))
    return Status.PASSED
