"""``--engine ray``: the scan plan's pieces as Ray tasks, their tallies merged on the driver.

Connects to ``--ray-address`` (or ``RAY_ADDRESS``); with neither, starts a local Ray for the run
(``DATARECIPE_RAY_CPUS`` CPUs, default all) and stops it after. Each task scans one piece and
returns its tally; a task whose worker dies is run again by Ray (``max_retries``), and since a
piece's tally only reaches the merge when its task has returned, nothing is counted twice.
Imported only when the Ray engine is chosen (``pip install 'datarecipe[ray]'``).
"""

from __future__ import annotations

import sys
import time

from ..ray_cluster import connect, fault, import_ray
from .plan import PieceResult, Plan, merge, scan_piece
from .tally import Tally

RETRIES = 3  # runs of a task whose worker died, after the first


def run_ray(plan: Plan, matcher: str | None, address: str | None) -> Tally:
    ray = import_ray()
    started = connect(ray, address)
    try:
        task = ray.remote(max_retries=RETRIES, num_cpus=1)(_task)
        shared = ray.put(plan)
        pending = [task.remote(shared, p.number, matcher) for p in plan.pieces]
        results: list[PieceResult] = []
        bar = _Progress(len(pending), sum(_size(plan, p.number) for p in plan.pieces))
        while pending:
            done, pending = ray.wait(pending, num_returns=1)
            for ref in done:
                result = ray.get(ref)
                results.append(result)
                bar.step(_size(plan, result.piece))
        bar.close()
        return merge(plan, results)
    finally:
        if started:
            ray.shutdown()


def _task(plan: Plan, number: int, matcher: str | None) -> PieceResult:
    fault(number)
    from .fingerprints import fingerprints

    return scan_piece(plan, number, fingerprints(), matcher)


def _size(plan: Plan, number: int) -> int:
    piece = plan.pieces[number]
    if piece.kind == "range":
        return piece.end - piece.start
    return plan.files[piece.file].size if piece.share is None else piece.share


class _Progress:
    """One line on a terminal for the whole job: pieces done, MB read, MB/s."""

    def __init__(self, total: int, total_bytes: int) -> None:
        self.total, self.total_bytes = total, total_bytes
        self.done = self.bytes = 0
        self.start = time.monotonic()
        self.shown = sys.stderr.isatty()

    def step(self, nbytes: int) -> None:
        self.done += 1
        self.bytes += nbytes
        if self.shown:
            rate = self.bytes / 1e6 / max(1e-9, time.monotonic() - self.start)
            sys.stderr.write(
                f"\rdatarecipe: scan {self.done}/{self.total} pieces, "
                f"{self.bytes / 1e6:,.0f}/{self.total_bytes / 1e6:,.0f} MB, {rate:,.0f} MB/s"
            )
            sys.stderr.flush()

    def close(self) -> None:
        if self.shown:
            sys.stderr.write("\n")
