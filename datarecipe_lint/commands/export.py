"""``datarecipe export SOURCE --to croissant|eu-summary``: the card's provenance in a fixed
format for another audience (Croissant RAI for dataset tracks, the EU AI Act training-content
summary for model providers). Imported only by this subcommand."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ..errors import DataRecipeError, InputError, UsageError
from ..export import TARGETS
from ..status import Status
from . import arguments

DESCRIPTION = (
    "Export what DataRecipe reads from a card in a standard format. --to croissant writes a "
    "Croissant 1.1 JSON-LD document with the Responsible AI (RAI) properties filled from the "
    "recipe, each with the card lines behind it, and PROV-O provenance (one activity per "
    "construction method, teacher models as agents, source datasets as prov:wasDerivedFrom). "
    "For a Hub id it starts from the Hub's own Croissant document and keeps everything in it; "
    "for a local card it builds the document from the card and the data files beside it; "
    "--merge FILE adds the RAI and PROV properties to an existing Croissant file. --to eu-summary "
    "writes section 2 of the EU AI Act public summary of training content (the Commission's "
    "template of July 2025) as far as the card supports it, with 'not stated in the card' for "
    "the rest. A property the card does not support is left out, never guessed."
)
EPILOG = """\
examples:
  datarecipe export README.md --to croissant -o croissant.json
  datarecipe export org/name --to croissant                    # the Hub's document, with RAI added
  datarecipe export README.md --to croissant --merge croissant.json -o croissant.json
  datarecipe export README.md --to eu-summary                  # Markdown
  datarecipe export org/name --to eu-summary --format json -o summary.json"""


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("source", metavar="SOURCE", help="a card path, a folder, - or a Hub dataset id")
    p.add_argument("--to", required=True, choices=TARGETS, help="the export format")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: stdout)")
    p.add_argument(
        "--merge", metavar="FILE",
        help="croissant: add the RAI and PROV properties to this Croissant JSON-LD file",
    )  # fmt: skip
    p.add_argument(
        "--format", choices=("md", "json"), default=None,
        help="eu-summary: Markdown (default) or JSON",
    )  # fmt: skip
    arguments.add_hub(p)
    arguments.add_config(p)
    arguments.add_common(p)


def run(args: argparse.Namespace) -> Status:
    if args.to == "croissant" and args.format is not None:
        raise UsageError("--format goes with --to eu-summary; Croissant is always JSON-LD")
    if args.to == "eu-summary" and args.merge:
        raise UsageError("--merge goes with --to croissant")
    base = _read_json(args.merge) if args.merge else None  # a bad file fails before any work
    from ..card import parse
    from ..export.facts import gather
    from ..options import build, check_flags
    from ..pipeline import run as run_pipeline
    from ..sources import load, looks_local

    flags = arguments.flags(args)
    check_flags(flags)
    local = looks_local(args.source)
    options = build(args.source if local else None, flags)
    loaded = load(args.source, options.source)
    recipe = run_pipeline(loaded, options)
    facts = gather(recipe, parse(loaded.text, loaded.path))
    from ..export import render

    if args.to == "eu-summary":
        text = render("eu-summary", facts, fmt=args.format or "md")
    else:
        base, folder = _croissant_base(args, loaded, base)
        text = render("croissant", facts, folder, base)
    _emit(args.output, text)
    return Status.PASSED


def _croissant_base(args: argparse.Namespace, loaded: Any, base: Any) -> tuple[Any, Path | None]:
    """(the document to add to, the folder of data files to list when there is none)."""
    if base is None and loaded.source.type == "huggingface":
        from ..sources.hub_croissant import hub_croissant

        base = hub_croissant(loaded.source.id, loaded.source.revision or "main", _source(args))
        if base is None:
            print(
                f"datarecipe: the Hub has no Croissant document for {loaded.source.id}; "
                "building one from the card",
                file=sys.stderr,
            )
    folder = None  # the dataset's folder: a folder given, or the one holding its README.md
    path = Path(args.source)
    if (
        base is None
        and loaded.source.type == "local"
        and (path.is_dir() or path.name == "README.md")
    ):
        folder = path if path.is_dir() else path.parent
    return base, folder


def _source(args: argparse.Namespace) -> Any:
    from ..sources import Options

    return Options(revision=args.revision, token=args.token)


def _read_json(path: str) -> dict[str, Any]:
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file", "not_found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read: {exc}", "unreadable") from None
    except ValueError as exc:
        raise InputError(
            f"{path}: not JSON ({exc}); --merge takes a Croissant JSON-LD file", "bad_input"
        ) from None
    if not isinstance(data, dict):
        raise InputError(
            f"{path}: not a JSON object; --merge takes a Croissant JSON-LD file", "bad_input"
        )
    return data


def _emit(output: str | None, text: str) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    try:
        with open(output, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
    except OSError as exc:
        raise DataRecipeError(
            f"{output}: cannot write: {exc.strerror or exc}", "unwritable"
        ) from None
    print(f"wrote {output}", file=sys.stderr)
