"""The cost model over every real card of the shared corpus: is any estimate absurd?

    python benchmarks/cost_sanity.py ../shared/corpus [-v]

Prints the distribution of estimates by confidence, every estimate over $10M with the
assumptions behind it, and every card whose count contradicts its ``size_categories`` bucket
(with the confidence the estimate kept). Exit 1 when an estimate is above $100M, when more than
10 are above $10M, or when a ``high`` estimate's count contradicts ``size_categories``.
"""

from __future__ import annotations

import argparse
import datetime
import sys
from collections import Counter
from pathlib import Path

from corpus import SHARED, require

from datarecipe_lint.card import parse
from datarecipe_lint.cost.size import infer_size
from datarecipe_lint.cost.tables import tables
from datarecipe_lint.options import RunOptions
from datarecipe_lint.pipeline import analyze_text
from datarecipe_lint.recipe import Source

FOLDERS = ("hf-datasets-cards", "hf-hub-cards-2023")
OPTIONS = RunOptions(pricing_date=datetime.date(2025, 1, 1))


def _conflict(text: str) -> str | None:
    """Why a count the card states was set aside for its size_categories bucket: the cost
    model's own check (``Size.conflict``) and its assumption line, not a re-reading."""
    size = infer_size(parse(text), tables().cost)
    if size is None or not size.conflict:
        return None
    return next((a for a in size.assumptions if "outside the card's size_categories" in a), "")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("corpus", type=Path, nargs="?", default=SHARED / "corpus")
    parser.add_argument("--verbose", "-v", action="store_true", help="list every contradiction")
    args = parser.parse_args()
    cards = [p for folder in FOLDERS for p in require(args.corpus / folder)]
    by_conf: Counter[str] = Counter()
    priced: Counter[str] = Counter()
    big: list[tuple[float, str, str, list[str]]] = []
    contradictions: list[tuple[str, str, str]] = []
    for path in cards:
        text = path.read_bytes().decode("utf-8", errors="replace")
        cost = analyze_text(text, path.stem, Source("local", str(path)), OPTIONS).cost
        by_conf[cost.confidence] += 1
        total = cost.estimated_total_usd
        if total is None:
            continue
        priced[cost.confidence] += 1
        if total > 10e6:
            big.append((total, path.name, cost.confidence, list(cost.assumptions)))
        why = _conflict(text)
        if why is not None:
            contradictions.append((path.name, cost.confidence, why))
    print(f"cards                          {len(cards)}")
    for conf in ("high", "medium", "low"):
        print(f"  confidence {conf:<7} {by_conf[conf]:6} cards, {priced[conf]:5} with an estimate")
    over = {t: sum(1 for b in big if b[0] > t) for t in (10e6, 100e6, 1e9)}
    print(f"estimates over $10M            {over[10e6]}")
    print(f"estimates over $100M           {over[100e6]}")
    print(f"estimates over $1B             {over[1e9]}")
    for total, name, conf, assumptions in sorted(big, reverse=True):
        print(f"  ${total:,.0f}  {name}  ({conf})")
        for a in assumptions:
            print(f"      - {a}")
    high = [c for c in contradictions if c[1] == "high"]
    print(
        f"counts outside size_categories {len(contradictions)} ({len(high)} with confidence high)"
    )
    for name, conf, why in contradictions if args.verbose else high:
        print(f"  {name} ({conf}): {why}")
    failed = over[100e6] > 0 or over[10e6] > 10 or bool(high)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
