"""Batch audit throughput against the loopback Hub of the tests (no network beyond 127.0.0.1).

    python benchmarks/batch_hub.py [--ids 200] [--jobs 1 8] [--latency 0 0.05]

Serves ``--ids`` generated dataset repositories (a card and a data file each, a distilabel
``pipeline.yaml`` in every fourth) and runs ``datarecipe analyze --batch IDS -o OUT --rate 0
--jobs N`` as a fresh process with an empty cache, for every ``--jobs`` and ``--latency`` (seconds
the server waits before each answer, to stand in for the round trip to the real Hub). Reports
ids per second (wall time of the whole process, start-up included) and requests per id. The
default pace (``--rate 1.5``) caps a real run at 0.5 ids/s whatever the machine; this measures
what the tool itself can do.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from hub_server import hub_env as loopback_env  # noqa: E402
from hub_server import serve, synthetic_files  # noqa: E402


def run_once(endpoint: str, ids_file: Path, jobs: int, home: Path) -> tuple[float, int]:
    out = home / "recipes.jsonl"
    env = {**os.environ, **loopback_env(str(home / "hf"), endpoint)}
    cmd = [sys.executable, "-m", "datarecipe_lint", "analyze", "--batch", str(ids_file)]
    cmd += ["-o", str(out), "--jobs", str(jobs), "--rate", "0"]
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"batch failed ({done.returncode}): {done.stderr[-500:]}")
    return elapsed, out.read_text(encoding="utf-8").count("\n")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--ids", type=int, default=200)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 8])
    parser.add_argument("--latency", type=float, nargs="+", default=[0.0, 0.05])
    args = parser.parse_args()
    with serve() as hub, tempfile.TemporaryDirectory() as tmp:
        ids = [f"bench/ds-{i:04d}" for i in range(args.ids)]
        for i, repo_id in enumerate(ids):
            hub.add(repo_id, synthetic_files(i, pipeline=i % 4 == 0))
        ids_file = Path(tmp) / "ids.txt"
        ids_file.write_text("\n".join(ids) + "\n", encoding="utf-8")
        print(f"batch audit of {args.ids} Hub ids against the loopback Hub, cold cache, --rate 0")
        print(f"  {'latency':>9} {'jobs':>5} {'seconds':>8} {'ids/s':>7} {'requests/id':>12}")
        for latency in args.latency:
            hub.latency = latency
            for jobs in args.jobs:
                hub.reset()
                with tempfile.TemporaryDirectory() as home:
                    elapsed, lines = run_once(hub.url, ids_file, jobs, Path(home))
                assert lines == args.ids, lines
                print(
                    f"  {latency * 1000:7.0f}ms {jobs:>5} {elapsed:8.2f} {args.ids / elapsed:7.1f}"
                    f" {hub.requests / args.ids:12.2f}"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
