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
from datarecipe_lint.cost.size import bucket
from datarecipe_lint.options import RunOptions
from datarecipe_lint.pipeline import analyze_text
from datarecipe_lint.recipe import Source

FOLDERS = ("hf-datasets-cards", "hf-hub-cards-2023")
OPTIONS = RunOptions(pricing_date=datetime.date(2025, 1, 1))


def _buckets(text: str) -> list[tuple[float, float]]:
    raw = parse(text).front_matter.get("size_categories")
    values: list[object] = []
    if isinstance(raw, dict):  # per-config form: {config: [bucket, ...]}
        for v in raw.values():
            values.extend(v if isinstance(v, list) else [v])
    else:
        values = raw if isinstance(raw, list) else [raw]
    return [b for v in values if isinstance(v, str) for b in [bucket(v, 1.0, 10.0)] if b]


def _examples(assumptions: list[str]) -> float | None:
    import re

    for line in assumptions:
        m = re.match(r"~?([\d,.]+)\s*(K|M|B|T|thousand|million|billion|trillion)?\s+examples", line)
        if m:
            mult = {"K": 1e3, "M": 1e6, "B": 1e9, "T": 1e12, "thousand": 1e3, "million": 1e6,
                    "billion": 1e9, "trillion": 1e12}.get(m.group(2) or "", 1.0)  # fmt: skip
            return float(m.group(1).replace(",", "")) * mult
    return None


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
    contradictions: list[tuple[str, str, float, tuple[float, float]]] = []
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
        n = _examples(list(cost.assumptions))
        buckets = _buckets(text)
        if n is not None and buckets and not any(lo <= n <= hi for lo, hi in buckets):
            contradictions.append((path.name, cost.confidence, n, buckets[0]))
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
    for name, conf, n, (lo, hi) in contradictions if args.verbose else high:
        print(f"  {name}: {n:,.0f} examples, bucket {lo:,.0f}-{hi:,.0f} ({conf})")
    failed = over[100e6] > 0 or over[10e6] > 10 or bool(high)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
