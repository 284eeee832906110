"""The batch list: one Hub id or path a line, from a file or standard input."""

from __future__ import annotations

import sys

from ...errors import InputError


def read_lines(path: str) -> list[str]:
    """The lines of FILE, or of stdin for ``-``."""
    if path == "-":
        return sys.stdin.read().splitlines()
    try:
        with open(path, encoding="utf-8") as fh:
            return fh.read().splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or exc
        raise InputError(f"{path}: cannot read the batch list: {reason}", "unreadable") from None
