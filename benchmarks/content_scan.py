"""Data-scan throughput, side by side with grep on the same file and the same phrases.

    python benchmarks/content_scan.py [--size-mb 1000] [--runs 3] [--cpu 0] [--fallback]

Generates a JSONL dataset (instruction/response rows with a `model` column; about 1 % of the
responses carry a model disclaimer) and a card in a temporary folder, warms the page cache, then
times, pinned to one core:

- ``LC_ALL=C grep -c -i -F -f PHRASES FILE`` where PHRASES are the fingerprint table's phrases
  (the same literals the scanner searches, one per line);
- ``datarecipe analyze FOLDER --scan-data --json`` (the whole command: start-up, card, scan).

Prints MB/s of both, the ratio (target >= 0.5x grep) and the scan's peak RSS (target < 200 MB).
``--fallback`` also times the pure-Python matcher (``DATARECIPE_MATCHER=python``).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TEXT = (
    "the of and to in is that for it as was with be by on not this are or from at which but have an "
    "they you were there been one all we their has would when if so no out up into more some could "
    "them than only other then its also two time new these may like use first any most over such where "
    "years way well even made after many back much our just see good very through people how great "
    "state world three down because life each last should year own both part work long still know "
    "data model train answer question explain example value function result number table method"
)
WORDS = TEXT.split()
DISCLAIMERS = (
    "As an AI language model, I don't have personal opinions, but",
    "I'm sorry, but I can't assist with that. However,",
    "As of my last knowledge update in September 2021,",
)
MODELS = ("gpt-4-0613", "gpt-3.5-turbo", "claude-3-opus-20240229", "Llama-2-70b-chat-hf")

CARD = """---
license: mit
task_categories: [text-generation]
---
# Benchmark instructions

Responses were generated with GPT-4 (gpt-4-0613) from seed instructions.
"""


def make_rows(count: int, seed: int = 7) -> list[bytes]:
    rng = random.Random(seed)
    rows = []
    for i in range(count):
        instruction = " ".join(rng.choices(WORDS, k=rng.randint(8, 24))).capitalize() + "?"
        response = ". ".join(
            " ".join(rng.choices(WORDS, k=rng.randint(8, 20))).capitalize()
            for _ in range(rng.randint(3, 12))
        )
        if rng.random() < 0.01:
            response = rng.choice(DISCLAIMERS) + " " + response
        row = {
            "id": i,
            "instruction": instruction,
            "input": "",
            "output": response + ".",
            "model": rng.choice(MODELS),
        }
        rows.append((json.dumps(row) + "\n").encode())
    return rows


def generate(folder: Path, size_mb: int) -> Path:
    (folder / "README.md").write_text(CARD, encoding="utf-8")
    path = folder / "train.jsonl"
    rows = make_rows(20_000)
    target = size_mb * 1_000_000
    written = 0
    with path.open("wb", buffering=8 * 1024 * 1024) as fh:
        while written < target:
            block = b"".join(rows)
            fh.write(block)
            written += len(block)
    return path


def run(
    cmd: list[str], cpu: int | None, env: dict[str, str] | None = None
) -> tuple[float, int, bytes]:
    """(wall seconds, peak RSS in KB, stdout) of one run pinned to ``cpu``."""

    def pin() -> None:
        if cpu is not None and hasattr(os, "sched_setaffinity"):
            os.sched_setaffinity(0, {cpu})

    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, preexec_fn=pin, env=env
    )
    assert proc.stdout is not None
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss, out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--size-mb", type=int, default=1000, help="size of the generated JSONL (default 1000)"
    )
    parser.add_argument(
        "--runs", type=int, default=3, help="runs of each command (median; default 3)"
    )
    parser.add_argument(
        "--cpu", type=int, default=0, help="core to pin to (default 0; -1: no pinning)"
    )
    parser.add_argument("--fallback", action="store_true", help="also time the pure-Python matcher")
    parser.add_argument("--keep", metavar="DIR", help="generate into DIR and keep it")
    parser.add_argument(
        "--engine", choices=("local", "ray"), default="local",
        help="ray: also time the scan plan on a local Ray with 1 and with 2 workers",
    )  # fmt: skip
    args = parser.parse_args()
    cpu = None if args.cpu < 0 else args.cpu

    from datarecipe_lint.content.fingerprints import fingerprints
    from datarecipe_lint.content.matcher import make_matcher

    fp = fingerprints()
    matcher = make_matcher([p.literal for p in fp.patterns]).name
    tmp = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="datarecipe-scan-"))
    tmp.mkdir(parents=True, exist_ok=True)
    try:
        t = time.perf_counter()
        data = generate(tmp, args.size_mb)
        size = data.stat().st_size
        print(f"generated {size / 1e6:,.0f} MB of JSONL in {time.perf_counter() - t:.1f} s: {data}")
        phrases = tmp / "phrases.txt"
        phrases.write_text("\n".join(fp.phrase_literals()) + "\n", encoding="utf-8")
        print(f"{len(fp.phrase_literals())} fingerprint phrases; matcher: {matcher}")
        with data.open("rb") as fh:  # warm the page cache
            while fh.read(64 * 1024 * 1024):
                pass
        grep = ["grep", "-c", "-i", "-F", "-f", str(phrases), str(data)]
        genv = {**os.environ, "LC_ALL": "C"}
        exe = [
            sys.executable,
            "-m",
            "datarecipe_lint",
            "analyze",
            str(tmp),
            "--scan-data",
            "--json",
        ]
        denv = {**os.environ, "DATARECIPE_NO_CACHE": ""}
        grep_t, tool_t, rss = [], [], []
        out = b""
        for _ in range(args.runs):  # interleaved, so machine noise hits both alike
            wall, _, gout = run(grep, cpu, genv)
            grep_t.append(wall)
            wall, peak, out = run(exe, cpu, denv)
            tool_t.append(wall)
            rss.append(peak)
        content = json.loads(out)["content"]
        g, d = statistics.median(grep_t), statistics.median(tool_t)
        pin = f"core {cpu}" if cpu is not None else "unpinned"
        print(f"one core ({pin}), median of {args.runs} runs, file in the page cache")
        print(
            f"  grep -c -i -F -f phrases      {size / g / 1e6:8.0f} MB/s  {g:6.2f} s  ({int(gout)} matching lines)"
        )
        print(
            f"  datarecipe --scan-data        {size / d / 1e6:8.0f} MB/s  {d:6.2f} s  "
            f"({content['rows_scanned']:,} rows, {content['rows_with_fingerprints']:,} with fingerprints)"
        )
        print(f"  ratio datarecipe / grep       {g / d:8.2f}x  (target >= 0.50)")
        print(f"  peak RSS of datarecipe        {max(rss) / 1024:8.0f} MB   (target < 200)")
        if args.engine == "ray":
            ray_rates(tmp, size, args.runs, content)
        if args.fallback:
            wall, peak, _ = run(exe, cpu, {**denv, "DATARECIPE_MATCHER": "python"})
            print(
                f"  pure-Python matcher           {size / wall / 1e6:8.0f} MB/s  {wall:6.2f} s  ratio {g / wall:.2f}x  RSS {peak / 1024:.0f} MB"
            )
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)


def ray_rates(folder: Path, size: int, runs: int, local: dict[str, object]) -> None:
    """The plan's pieces as Ray tasks, timed without the cluster's start: 1, then 2 workers."""
    import logging

    import ray

    from datarecipe_lint.content.files import data_files
    from datarecipe_lint.content.fingerprints import fingerprints
    from datarecipe_lint.content.plan import make_plan
    from datarecipe_lint.content.ray_engine import run_ray
    from datarecipe_lint.content.verdict import content_block

    budget = 10**13
    plan = make_plan(data_files(folder), budget, None, 64 * 1024 * 1024)
    fp = fingerprints()
    rates = {}
    for workers in (1, 2):
        t = time.perf_counter()
        ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False,
                 logging_level=logging.ERROR)  # fmt: skip
        started = time.perf_counter() - t
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            tally = run_ray(plan, None, None)
            times.append(time.perf_counter() - t)
        ray.shutdown()
        block = content_block(tally, fp, budget, None)
        same = block["rows_scanned"] == local["rows_scanned"] and (
            block["families"] == local["families"]
        )
        rates[workers] = size / statistics.median(times) / 1e6
        print(
            f"  ray, {workers} worker(s), {len(plan.pieces)} pieces  {rates[workers]:8.0f} MB/s  "
            f"{statistics.median(times):6.2f} s  (cluster start {started:.1f} s; "
            f"block {'identical' if same else 'DIFFERENT'} to the local scan's)"
        )
    print(f"  ray speed-up, 2 workers / 1      {rates[2] / rates[1]:8.2f}x  (target >= 1.70)")


if __name__ == "__main__":
    main()
