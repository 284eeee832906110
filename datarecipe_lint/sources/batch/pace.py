"""Request pacing shared by all workers: at most ``rate`` requests per second on average.

The anonymous Hub limit is about 500 requests per 5 minutes, so the default of 1.5 per second
(450 per 5 minutes) stays under it however many workers run.
"""

from __future__ import annotations

import threading
import time
from typing import Callable

from ...errors import InputError


class Pacer:
    """A reservation clock: each request takes the next free slot, ``1 / rate`` seconds apart."""

    def __init__(
        self,
        rate: float,
        stop: threading.Event | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if rate <= 0:
            raise ValueError("rate must be positive")
        self.interval = 1.0 / rate
        self.stop = stop or threading.Event()
        self.clock = clock
        self._next = float("-inf")
        self._lock = threading.Lock()

    def reserve(self, requests: int = 1) -> float:
        """Seconds to wait before sending ``requests`` requests (their slots are taken)."""
        with self._lock:
            now = self.clock()
            start = max(now, self._next)
            self._next = start + requests * self.interval
        return start - now

    def hold(self, seconds: float) -> None:
        """The Hub asked to wait (``Retry-After``): no worker sends before that time."""
        with self._lock:
            self._next = max(self._next, self.clock() + seconds)

    def __call__(self, requests: int = 1) -> None:
        wait = self.reserve(requests)
        if (wait > 0 and self.stop.wait(wait)) or self.stop.is_set():
            raise InputError("interrupted", "interrupted")
