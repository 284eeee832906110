"""``datarecipe schema``: the JSON Schema of the recipe."""

from __future__ import annotations

import argparse
import sys

from ..status import Status


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--debug", action="store_true", help="show tracebacks for errors")


def run(args: argparse.Namespace) -> Status:
    from ..schema import schema_text

    sys.stdout.write(schema_text())
    return Status.PASSED
