"""Shared by the Action and ``datarecipe comment``: post the one comment for a run's results."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..report.comment import comment
from .sync import Thread, sync

if TYPE_CHECKING:
    from ..results import CardResult


def post(
    thread: Thread,
    results: Sequence[CardResult],
    key: str,
    mode: str,
    summary_url: str | None,
    patch: str = "",
) -> str:
    """Create, update or delete the comment; what was done (see :func:`.sync.sync`)."""
    body = comment(results, key, summary_url, patch=patch)
    passed = bool(results) and all(r.passed for r in results)
    return sync(thread, body, key, mode, passed)
