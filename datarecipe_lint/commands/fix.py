"""``datarecipe fix [PATH ...]``: write the detected provenance into cards, with a TODO question
for each criterion only the maintainer can answer (``--diff`` shows, ``--check`` tells)."""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import DataRecipeError, UsageError
from ..status import Status
from . import arguments

if TYPE_CHECKING:
    from ..fix.files import FileFix
    from ..options import Flags

DESCRIPTION = (
    "Fix dataset cards in place: add the front-matter fields the card's own text supports "
    "(language_creators, annotations_creators, source_datasets, a license the prose names) and "
    "the Hub card template's provenance sections (Dataset Creation: Source Data, Data Collection "
    "and Processing, Annotations, Who are the annotators?, and Generation for synthetic data), "
    "filled with what was detected and a visible TODO(datarecipe): question for each missing "
    "criterion. Nothing is removed, no existing line changes, and a fixed card is left as it is. "
    "Exit 1 when a card was (or, with --check or --diff, would be) changed, as pre-commit fixers do."
)
EPILOG = """\
examples:
  datarecipe fix                          # README.md here
  datarecipe fix data/ --diff             # show the changes, write nothing
  datarecipe fix README.md --check        # exit 1 if fix would change it (CI)
  datarecipe fix --hub org/name --open-pr # a Hub pull request with the fixed card"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", metavar="PATH", help="cards or folders (default: README.md)")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--diff", action="store_true", help="print a unified diff; change nothing")
    mode.add_argument(
        "--check", action="store_true", help="change nothing; exit 1 if a card would be changed"
    )
    p.add_argument("-q", "--quiet", action="store_true", help="print only the changed paths")
    hub = p.add_argument_group("a card on the Hugging Face Hub")
    hub.add_argument(
        "--hub", metavar="ORG/NAME",
        help="fix this Hub dataset's card (prints the diff; nothing is written on the Hub)",
    )  # fmt: skip
    hub.add_argument(
        "--open-pr", action="store_true",
        help="with --hub: open a Hub pull request with the fixed card (needs a write token)",
    )  # fmt: skip
    arguments.add_hub(hub)
    arguments.add_config(p)
    arguments.add_common(p)


def run(args: argparse.Namespace) -> Status:
    from ..checks import find_cards
    from ..fix.files import fix_file

    flags = arguments.flags(args)
    if args.open_pr and not args.hub:
        raise UsageError("--open-pr goes with --hub ORG/NAME")
    if args.hub:
        if args.paths:
            raise UsageError("--hub ORG/NAME takes no PATH")
        return _hub(args, flags)
    status, changed = Status.PASSED, 0
    for path in find_cards(args.paths):
        try:
            result = fix_file(path, flags)
            if result.changed and not (args.check or args.diff):
                _write(Path(result.path), result.fixed.text if result.fixed else result.original)
        except DataRecipeError as exc:
            print(f"datarecipe: error: {exc}", file=sys.stderr)
            status = Status.ERROR
            continue
        changed += result.changed
        _show(path, result, args)
    if changed and status is not Status.ERROR:
        return Status.FAILED
    return status


def _show(path: str, result: FileFix, args: argparse.Namespace) -> None:
    fixed = result.fixed
    if fixed is None:
        print(
            f"{path}: not fixed: the front matter does not parse "
            f"(line {result.front_matter_line}); fix it first"
        )
        return
    if not result.changed:
        if not args.quiet and not args.check:
            print(f"{path}: nothing to fix")
        return
    if args.diff:
        sys.stdout.writelines(
            difflib.unified_diff(
                result.original.splitlines(keepends=True), fixed.text.splitlines(keepends=True),
                fromfile=f"a/{path}", tofile=f"b/{path}",
            )
        )  # fmt: skip
        return
    if args.quiet:
        print(path)
        return
    verb = "would be fixed" if args.check else "fixed"
    print(f"{path}: {verb} (score {result.score_before:.1f} -> {result.score_after:.1f})")
    for item in fixed.filled:
        print(f"  filled  {item}")
    if fixed.todo:
        print(f"  TODO    {', '.join(fixed.todo)} (answer the TODO(datarecipe): questions)")
    if fixed.note:
        print(f"  note    {fixed.note}")


def _hub(args: argparse.Namespace, flags: Flags) -> Status:
    from ..fix.hub import fix_hub, open_pr

    fix = fix_hub(args.hub, flags)
    if fix.fixed.text == fix.original:
        print(f"{args.hub}: nothing to fix")
        return Status.PASSED
    if args.open_pr:
        url = open_pr(fix, args.token)
        print(f"{args.hub}: opened {url} (score {fix.score_before:.1f} -> {fix.score_after:.1f})")
        return Status.PASSED
    sys.stdout.writelines(
        difflib.unified_diff(
            fix.original.splitlines(keepends=True), fix.fixed.text.splitlines(keepends=True),
            fromfile=f"a/{args.hub}/README.md", tofile=f"b/{args.hub}/README.md",
        )
    )  # fmt: skip
    return Status.FAILED


def _write(file: Path, text: str) -> None:
    try:
        file.write_bytes(text.encode("utf-8"))
    except OSError as exc:
        raise DataRecipeError(
            f"{file}: cannot write: {exc.strerror or exc}", "unwritable"
        ) from None
