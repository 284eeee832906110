"""Command line: arguments → subcommand → status → exit code.

``main`` is one of the two places that turn a status into an exit code (the Action's entry point
is the other): 0 ran and every gate passed; 1 ran and a gate failed; 2 could not run. Only the
subcommand that runs is imported, so ``datarecipe lint`` never loads what ``comment`` needs.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any, Callable

from . import __version__
from .commands import COMMANDS, load
from .errors import DataRecipeError, UsageError
from .status import Status, exit_code

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
  datarecipe fix README.md --diff                              # write the missing provenance
  datarecipe export README.md --to croissant -o croissant.json

exit codes: 0 ok · 1 a gate failed · 2 could not run (bad arguments, unreadable card, not found)
docs: README.md in the project repository
"""


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # argparse exits 2 too; keep it to one line + hint
        raise UsageError(f"{message} (see '{self.prog} --help')")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser; with ``only``, the arguments of that subcommand alone are loaded."""
    parser = Parser(
        prog="datarecipe",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"datarecipe {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for name, (_, summary) in COMMANDS.items():
        if only is not None and name != only:
            sub.add_parser(name, help=summary)
            continue
        module = load(name)
        p = sub.add_parser(
            name,
            help=summary,
            description=getattr(module, "DESCRIPTION", summary),
            epilog=getattr(module, "EPILOG", None),
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        module.add_arguments(p)
        p.set_defaults(run=module.run)
    return parser


def _subcommand(argv: Sequence[str]) -> str | None:
    first = next((a for a in argv if not a.startswith("-")), None)
    return first if first in COMMANDS else None


def run(argv: Sequence[str]) -> Status:
    args = build_parser(_subcommand(argv)).parse_args(argv)
    command: Callable[[argparse.Namespace], Status] | None = getattr(args, "run", None)
    if command is None:
        build_parser().print_help()
        return Status.ERROR
    return command(args)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in argv
    try:
        return exit_code(run(argv))
    except DataRecipeError as exc:
        if debug:
            raise
        print(f"datarecipe: error: {exc}", file=sys.stderr)
        return exit_code(Status.ERROR)
    except KeyboardInterrupt:
        print("datarecipe: interrupted", file=sys.stderr)
        return exit_code(Status.INTERRUPTED)
    except BrokenPipeError:
        return exit_code(Status.PASSED)
    except Exception as exc:  # a bug: still one line unless --debug
        if debug:
            raise
        print(
            f"datarecipe: internal error: {type(exc).__name__}: {exc} (rerun with --debug and report it)",
            file=sys.stderr,
        )
        return exit_code(Status.ERROR)
