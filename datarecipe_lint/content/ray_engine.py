"""``--engine ray``: the scan plan's pieces as Ray tasks, their tallies merged on the driver.

Connects to ``--ray-address`` (or ``RAY_ADDRESS``); with neither, starts a local Ray for the run
(``DATARECIPE_RAY_CPUS`` CPUs, default all) and stops it after. Each task scans one piece and
returns its tally; a task whose worker dies is run again by Ray (``max_retries``), and since a
piece's tally only reaches the merge when its task has returned, nothing is counted twice.
Imported only when the Ray engine is chosen (``pip install 'datarecipe[ray]'``).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

from ..errors import InputError
from .plan import PieceResult, Plan, merge, scan_piece
from .tally import Tally

RETRIES = 3  # runs of a task whose worker died, after the first
FAULT = "DATARECIPE_RAY_FAULT"  # tests: "N:MARKER" kills the worker of piece N once


def run_ray(plan: Plan, matcher: str | None, address: str | None) -> Tally:
    ray = _import()
    started = _connect(ray, address)
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
    _fault(number)
    from .fingerprints import fingerprints

    return scan_piece(plan, number, fingerprints(), matcher)


def _fault(number: int) -> None:
    """Fault injection for the tests: end this worker's process once, on piece N."""
    spec = os.environ.get(FAULT, "")
    if ":" not in spec:
        return
    target, marker = spec.split(":", 1)
    if target == str(number) and not Path(marker).exists():
        Path(marker).write_text("killed once\n")
        os._exit(1)


def _import() -> Any:
    try:
        import ray
    except ImportError:
        raise InputError(
            "--engine ray needs Ray: pip install 'datarecipe[ray]'", "missing_dependency"
        ) from None
    return ray


def _connect(ray: Any, address: str | None) -> bool:
    """Join a cluster, or start a local one; True when this run started it."""
    address = address or os.environ.get("RAY_ADDRESS") or None
    if ray.is_initialized():
        return False
    options: dict[str, Any] = {
        "include_dashboard": False, "log_to_driver": False, "logging_level": "ERROR",
    }  # fmt: skip
    if address is None:
        cpus = os.environ.get("DATARECIPE_RAY_CPUS")
        if cpus:
            options["num_cpus"] = int(cpus)
    try:
        ray.init(address=address, **options)
    except Exception as exc:  # ConnectionError, a bad address...
        where = address or "a local Ray"
        raise InputError(f"--engine ray: cannot start or join {where}: {exc}", "network") from None
    return address is None


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
