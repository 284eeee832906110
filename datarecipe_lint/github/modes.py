"""Names the comment commands share, kept apart so that building the CLI imports no HTTP client."""

from __future__ import annotations

from ..report.comment import DEFAULT_KEY

MODES = ("update", "recreate", "delete-on-pass")  # what to do with the one comment

__all__ = ["DEFAULT_KEY", "MODES"]
