"""``datarecipe fix [PATH ...]``: write the detected provenance into cards, with a TODO question
for each criterion only the maintainer can answer (``--diff`` shows, ``--check`` tells)."""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from ..errors import DataRecipeError
from ..status import Status
from . import arguments

if TYPE_CHECKING:
    from ..card import Card
    from ..export.facts import Facts
    from ..fix import Fixed
    from ..options import Flags
    from ..recipe import Recipe, Source

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
  datarecipe fix README.md --check        # exit 1 if fix would change it (CI)"""


class Outcome(NamedTuple):
    changed: bool
    status: Status


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", metavar="PATH", help="cards or folders (default: README.md)")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--diff", action="store_true", help="print a unified diff; change nothing")
    mode.add_argument(
        "--check", action="store_true", help="change nothing; exit 1 if a card would be changed"
    )
    p.add_argument("-q", "--quiet", action="store_true", help="print only the changed paths")
    arguments.add_config(p)
    arguments.add_common(p)


def run(args: argparse.Namespace) -> Status:
    from ..checks import find_cards

    flags = arguments.flags(args)
    status, changed = Status.PASSED, 0
    for path in find_cards(args.paths):
        try:
            outcome = _fix_one(path, args, flags)
        except DataRecipeError as exc:
            print(f"datarecipe: error: {exc}", file=sys.stderr)
            status = Status.ERROR
            continue
        changed += outcome.changed
    if changed and status is not Status.ERROR:
        return Status.FAILED
    return status


def _fix_one(path: str, args: argparse.Namespace, flags: Flags) -> Outcome:
    from ..card import parse
    from ..export.facts import gather
    from ..fix import fix_until_stable
    from ..options import build
    from ..pipeline import run as run_pipeline
    from ..sources import LoadedCard
    from ..sources.local import card_name, card_path, read_card

    options = build(path, flags)
    file = card_path(path)
    text = read_card(file, options.source.max_bytes)
    with file.open("rb") as fh:
        if fh.read(3) == b"\xef\xbb\xbf":
            text = "\ufeff" + text  # kept: the file is rewritten byte for byte
    loaded = LoadedCard(text, card_name(file), _source(path), str(file))
    card = parse(text, str(file))
    if card.front_matter_error is not None:
        line = card.front_matter_error.line
        print(f"{path}: not fixed: the front matter does not parse (line {line}); fix it first")
        return Outcome(False, Status.PASSED)
    recipe = run_pipeline(loaded, options)

    def analyse(current: str) -> tuple[Recipe, Card, Facts]:
        result = run_pipeline(loaded._replace(text=current), options)
        parsed = parse(current, str(file))
        return result, parsed, gather(result, parsed)

    fixed = fix_until_stable(text, analyse)
    if not fixed.changed(text):
        if not args.quiet and not args.check:
            print(f"{path}: nothing to fix")
        return Outcome(False, Status.PASSED)
    after = run_pipeline(loaded._replace(text=fixed.text), options)
    if args.diff:
        sys.stdout.writelines(
            difflib.unified_diff(
                text.splitlines(keepends=True), fixed.text.splitlines(keepends=True),
                fromfile=f"a/{path}", tofile=f"b/{path}",
            )
        )  # fmt: skip
    elif not args.check:
        _write(file, fixed.text)
    if args.quiet:
        print(path)
    elif not args.diff:
        verb = "would be fixed" if args.check else "fixed"
        _report(f"{path}: {verb}", fixed, recipe.reproducibility.score, after.reproducibility.score)
    return Outcome(True, Status.FAILED)


def _report(head: str, fixed: Fixed, before: float, after: float) -> None:
    print(f"{head} (score {before:.1f} -> {after:.1f})")
    for item in fixed.filled:
        print(f"  filled  {item}")
    if fixed.todo:
        print(f"  TODO    {', '.join(fixed.todo)} (answer the TODO(datarecipe): questions)")
    if fixed.note:
        print(f"  note    {fixed.note}")


def _source(path: str) -> Source:
    from ..recipe import Source

    return Source("local", path)


def _write(file: Path, text: str) -> None:
    try:
        file.write_bytes(text.encode("utf-8"))
    except OSError as exc:
        raise DataRecipeError(
            f"{file}: cannot write: {exc.strerror or exc}", "unwritable"
        ) from None
