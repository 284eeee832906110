"""``datarecipe show RECIPE``: validate a recipe file (.yaml or .json) and display it."""

from __future__ import annotations

import argparse
import sys

from ..status import Status


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("recipe", metavar="RECIPE")
    p.add_argument("--debug", action="store_true", help="show tracebacks for errors")


def run(args: argparse.Namespace) -> Status:
    from ..report.terminal import render
    from ..schema import load_recipe_file

    sys.stdout.write(render(load_recipe_file(args.recipe)))
    return Status.PASSED
