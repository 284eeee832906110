"""Croissant exports validated by MLCommons' own library: the example card and a sample of real
corpus cards, each exported as `datarecipe export CARD --to croissant` does and checked by
`mlcroissant` (errors fail, its recommendations are counted apart).

    python benchmarks/croissant_export.py [FOLDER] [--count 50] [--seed 7]

FOLDER defaults to the 2023 Hub cards of the shared corpus. Prints the number of valid documents,
the errors, and the time spent exporting and validating. Needs `pip install 'datarecipe[croissant]'`.
"""

from __future__ import annotations

import argparse
import copy
import logging
import random
import sys
import time
import warnings
from pathlib import Path
from typing import Any

from corpus import ROOT, SHARED, require

from datarecipe_lint.card import parse
from datarecipe_lint.export import croissant
from datarecipe_lint.export.facts import gather
from datarecipe_lint.pipeline import run
from datarecipe_lint.recipe import Source
from datarecipe_lint.sources import LoadedCard


def export(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8", errors="replace").lstrip("\ufeff")
    loaded = LoadedCard(text, path.stem, Source("local", str(path)), "README.md")
    facts = gather(run(loaded), parse(loaded.text, loaded.path))
    folder = path.parent if path.name == "README.md" else None
    return croissant.document(facts, folder)


def errors(mlc: Any, document: dict[str, Any]) -> list[str]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            mlc.Dataset(jsonld=copy.deepcopy(document))
        except mlc.ValidationError as exc:
            return [line.strip() for line in str(exc).splitlines() if line.strip().startswith("-")]
    return []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "folder", nargs="?", type=Path, default=SHARED / "corpus" / "hf-hub-cards-2023"
    )
    parser.add_argument("--count", type=int, default=50)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    try:
        import mlcroissant as mlc
    except ImportError:
        sys.exit("needs mlcroissant: pip install 'datarecipe[croissant]'")
    logging.getLogger("absl").setLevel(logging.ERROR)
    cards = require(args.folder)
    sample = [ROOT / "examples" / "synthetic-instructions" / "README.md"]
    sample += random.Random(args.seed).sample(cards, min(args.count, len(cards)))
    exported = validated = 0.0
    failed: dict[str, list[str]] = {}
    for path in sample:
        t0 = time.perf_counter()
        document = export(path)
        t1 = time.perf_counter()
        problems = errors(mlc, document)
        exported += t1 - t0
        validated += time.perf_counter() - t1
        if problems:
            failed[path.name] = problems
    print(
        f"{len(sample) - len(failed)}/{len(sample)} documents valid (the example card and {len(sample) - 1} corpus cards)"
    )
    print(
        f"export {exported * 1000 / len(sample):.1f} ms a card; mlcroissant validation {validated * 1000 / len(sample):.1f} ms a card"
    )
    for name, problems in sorted(failed.items()):
        print(f"  {name}: {'; '.join(problems)}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
