"""``analyze --batch --engine ray``: the inputs as Ray tasks, one shared pace, one writer.

Every task runs the same ``analyze_one`` as a local batch worker. The Hub's pace is one Ray actor
that every task reserves its requests from (and that a ``Retry-After`` holds for all of them);
the records come back to the driver, which alone writes the output file, so a resumed run finds
exactly one record per finished input, as locally. A task whose worker dies is run again by Ray.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from ...options import Flags
from .records import Record

RETRIES = 3


class RemotePace:
    """What a task's HubPolicy calls to pace its requests: the shared actor's clock."""

    def __init__(self, actor: Any) -> None:
        self.actor = actor

    def __call__(self, requests: int = 1) -> None:
        import ray

        wait = ray.get(self.actor.reserve.remote(requests))
        if wait > 0:
            time.sleep(wait)

    def hold(self, seconds: float) -> None:
        self.actor.hold.remote(seconds)


class _PaceActor:
    def __init__(self, rate: float) -> None:
        from .pace import Pacer

        self.pacer = Pacer(rate)

    def reserve(self, requests: int) -> float:
        return self.pacer.reserve(requests)

    def hold(self, seconds: float) -> None:
        self.pacer.hold(seconds)


def _task(number: int, source: str, flags: Flags, pace: Any, secrets: Sequence[str | None]) -> Any:
    from ...ray_cluster import fault
    from ..hub import HubPolicy
    from .runner import analyze_one

    fault(number)
    policy = HubPolicy.from_env(os.environ)._replace(pace=RemotePace(pace) if pace else None)
    return analyze_one(source, flags, policy, secrets)


def run_on_ray(
    todo: Sequence[str],
    flags: Flags,
    rate: float,
    secrets: Sequence[str | None],
    address: str | None,
    keep: Callable[[str, Record | None], None],
) -> None:
    """Analyse ``todo`` on Ray; ``keep`` gets each record on the driver as it arrives."""
    from ...ray_cluster import connect, import_ray

    ray = import_ray()
    started = connect(ray, address)
    try:
        pace = ray.remote(_PaceActor).remote(rate) if rate > 0 else None
        task = ray.remote(max_retries=RETRIES, num_cpus=1)(_task)
        refs = {task.remote(i, s, flags, pace, secrets): s for i, s in enumerate(todo)}
        for ref, source in _as_done(ray, refs):
            keep(source, ray.get(ref))
    except KeyboardInterrupt:
        for ref in refs:
            ray.cancel(ref, force=True)
        raise
    finally:
        if started:
            ray.shutdown()


def _as_done(ray: Any, refs: dict[Any, str]) -> Iterator[tuple[Any, str]]:
    pending = list(refs)
    while pending:
        done, pending = ray.wait(pending, num_returns=1)
        for ref in done:
            yield ref, refs[ref]
