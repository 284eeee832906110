"""What a run ended in, and the one table that turns it into a process exit code.

Results carry a :class:`Status`; only the two ``main()`` functions (``cli.main`` for the command
line and the pre-commit hook, ``github.action.main`` for the Action) call :func:`exit_code`.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable


class Status(enum.Enum):
    """Ordered from best to worst; a run of several cards ends in the worst of theirs."""

    PASSED = "passed"  # ran, and every gate passed
    FAILED = "failed"  # ran, and a gate failed
    ERROR = "error"  # could not run: bad arguments, unreadable card, not found, network
    INTERRUPTED = "interrupted"  # stopped by the user (Ctrl-C); a rerun resumes where it can

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {Status.PASSED: 0, Status.FAILED: 1, Status.ERROR: 2, Status.INTERRUPTED: 3}
_EXIT = {Status.PASSED: 0, Status.FAILED: 1, Status.ERROR: 2, Status.INTERRUPTED: 130}


def worst(statuses: Iterable[Status]) -> Status:
    """The worst status of several; PASSED when there are none."""
    return max(statuses, key=lambda s: s.rank, default=Status.PASSED)


def exit_code(status: Status) -> int:
    """The contract's exit codes: 0 passed, 1 a gate failed, 2 could not run (130: interrupted)."""
    return _EXIT[status]
