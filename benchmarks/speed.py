"""Start-up and batch speed, measured side by side with the baselines the issues name.

    python benchmarks/speed.py [--corpus DIR ...] [--runs N]

1. Start-up: median wall time of `datarecipe analyze CARD --json` and `datarecipe lint CARD` on a
   10 KB card, against `python -c "import yaml, markdown_it"` (target: ratio <= 1.3).
2. Batch: cards per second of the in-process API (`analyze_text`) over each corpus folder, one
   process pinned to one core, against PyYAML `safe_load` of the front matter plus a full
   `MarkdownIt().parse` of each card (target: ratio >= 1.0); best of three alternating rounds.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "synthetic-instructions" / "README.md"


def ten_kb_card(folder: Path) -> Path:
    """The example card grown to 10 KB by repeating its Dataset Creation section as notes."""
    text = EXAMPLE.read_text(encoding="utf-8")
    creation = text.split("## Dataset Creation")[1].split("## Evaluation")[0]
    card = text
    i = 0
    while len(card.encode("utf-8")) < 10 * 1024:
        i += 1
        card += f"\n## Notes {i}\n" + creation
    path = folder / "README.md"
    path.write_text(card[: 10 * 1024], encoding="utf-8")
    return path


def median_wall(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def startup(runs: int) -> None:
    # The console script beside this interpreter (a version-manager shim on PATH would add its own
    # start-up to ours; the baseline runs this interpreter directly too).
    beside = Path(sys.executable).parent / "datarecipe"
    exe = str(beside) if beside.exists() else shutil.which("datarecipe") or "datarecipe"
    with tempfile.TemporaryDirectory() as tmp:
        card = ten_kb_card(Path(tmp))
        size = card.stat().st_size
        base_cmd = [sys.executable, "-c", "import yaml, markdown_it"]
        cmds = {
            "analyze --json": [exe, "analyze", str(card), "--json"],
            "lint": [exe, "lint", str(card), "--min-score", "0"],
        }
        for cmd in [base_cmd, *cmds.values()]:  # warm the file cache
            subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        # Interleave baseline and tool runs so machine noise hits both alike.
        base, tool = [], {k: [] for k in cmds}
        for _ in range(runs):
            base.append(median_wall(base_cmd, 1))
            for name, cmd in cmds.items():
                tool[name].append(median_wall(cmd, 1))
        b = statistics.median(base)
        print(f"start-up on a {size / 1024:.1f} KB card, median of {runs} runs")
        print(f"  python -c 'import yaml, markdown_it'   {b * 1000:7.1f} ms")
        for name, values in tool.items():
            m = statistics.median(values)
            print(
                f"  datarecipe {name:<26} {m * 1000:7.1f} ms   ratio {m / b:.2f}  (target <= 1.30)"
            )


def batch(folder: Path) -> None:
    import yaml
    from corpus import require
    from markdown_it import MarkdownIt

    from datarecipe_lint.card import split_front_matter
    from datarecipe_lint.pipeline import analyze_text
    from datarecipe_lint.recipe import Source

    texts = [p.read_bytes().decode("utf-8", errors="replace") for p in require(folder)]
    md = MarkdownIt()

    def baseline() -> None:
        for text in texts:
            fm, _ = split_front_matter(text)
            if fm is not None:
                with contextlib.suppress(yaml.YAMLError):
                    yaml.safe_load(fm)
            md.parse(text)

    def ours() -> None:
        for text in texts:
            analyze_text(text, "card", Source("local", "README.md"))

    ours()  # load tables and compile cue patterns once, as a long batch would
    # Alternate the two over three rounds and keep each one's best round, so that a slow moment
    # of a shared machine does not land on one side only.
    tb = to = float("inf")
    for _ in range(3):
        t = time.perf_counter()
        baseline()
        tb = min(tb, time.perf_counter() - t)
        t = time.perf_counter()
        ours()
        to = min(to, time.perf_counter() - t)
    n = len(texts)
    print(f"batch over {folder} ({n} cards, {sum(map(len, texts)) / 1e6:.1f} MB)")
    print(f"  baseline yaml.safe_load + MarkdownIt().parse   {n / tb:8.1f} cards/s")
    print(
        f"  datarecipe analyze_text (in process)           {n / to:8.1f} cards/s   ratio {tb / to:.2f}  (target >= 1.0)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--corpus", type=Path, action="append", default=[], help="folder of *.md cards (repeatable)"
    )
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    startup(args.runs)
    for folder in args.corpus:
        batch(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
