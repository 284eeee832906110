"""The cost model against datasets whose creators published what they cost to make.

    python benchmarks/cost_calibration.py [--pricing-date YYYY-MM-DD]

Reads tests/fixtures/cost/calibration.yaml and the fixture card of each entry, estimates the cost
of each card, and prints: dataset, published figure, estimate, range, ratio (estimate /
published). An entry passes when its range holds the published figure (for an upper bound
"less than $X", the range must reach below X) and the estimate is within a factor of 3 of it.
Exit code 1 when any entry fails.
"""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "cost"
TODAY = datetime.date(2026, 11, 24)  # cards that state no date are priced at this fixed date


def entries() -> dict[str, dict[str, Any]]:
    data = yaml.safe_load((FIXTURES / "calibration.yaml").read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if isinstance(v, dict)}


def estimate(slug: str, pricing_date: datetime.date | None = None) -> Any:
    from datarecipe_lint.card import parse
    from datarecipe_lint.cost import estimate as run
    from datarecipe_lint.detectors import run_all
    from datarecipe_lint.generation import assemble

    card = parse((FIXTURES / f"{slug}.md").read_text(encoding="utf-8"), f"{slug}.md")
    generation, present = assemble(card, run_all(card))
    return run(card, generation, present, pricing_date, None, TODAY)


def verdict(entry: dict[str, Any], cost: Any) -> tuple[bool, float | None]:
    published = float(entry["published_usd"])
    if cost.estimated_total_usd is None:
        return False, None
    ratio = cost.estimated_total_usd / published
    if entry.get("bound") == "upper":
        inside = cost.low_usd <= published
    else:
        inside = cost.low_usd <= published <= cost.high_usd
    return inside and 1 / 3 <= ratio <= 3, ratio


def usd(value: float | None) -> str:
    return "-" if value is None else f"${value:,.0f}" if value >= 10 else f"${value:,.2f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pricing-date", type=datetime.date.fromisoformat, default=None)
    args = parser.parse_args(argv)
    rows = []
    failed = 0
    for slug, entry in entries().items():
        cost = estimate(slug, args.pricing_date)
        ok, ratio = verdict(entry, cost)
        failed += not ok
        bound = "< " if entry.get("bound") == "upper" else "~ "
        rows.append(
            (
                entry.get("dataset", slug),
                entry.get("kind", ""),
                bound + usd(float(entry["published_usd"])),
                usd(cost.estimated_total_usd),
                f"{usd(cost.low_usd)} – {usd(cost.high_usd)}",
                "-" if ratio is None else f"{ratio:.2f}",
                cost.confidence,
                "ok" if ok else "FAIL",
            )
        )
    head = ("dataset", "kind", "published", "estimate", "range", "ratio", "confidence", "check")
    widths = [max(len(str(r[i])) for r in [head, *rows]) for i in range(len(head))]
    for row in [head, tuple("-" * w for w in widths), *rows]:
        print("  ".join(str(c).ljust(w) for c, w in zip(row, widths)).rstrip())
    print(
        f"\n{len(rows) - failed}/{len(rows)} within range and a factor of 3 of the published figure"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
