"""Parsers for the values users type (sizes, dates, id lists), shared by flags, config and inputs.

Each raises ``ValueError`` with a message that names the value and says what is expected; the
caller adds which flag or key it came from.
"""

from __future__ import annotations

import datetime
import re

_UNITS = {
    "kib": 1024,
    "mib": 1024**2,
    "gib": 1024**3,
    "kb": 1000,
    "mb": 1000**2,
    "gb": 1000**3,
    "b": 1,
}
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$")


def parse_size(text: str) -> int:
    """``10MB`` → 10,000,000 bytes; ``500kB``, ``2GiB`` and plain byte counts too."""
    match = _SIZE.match(str(text).lower())
    if match is None or match.group(2) not in (*_UNITS, ""):
        raise ValueError(f"not a size: {text!r} (use e.g. 10MB, 500kB or 500000)")
    return int(float(match.group(1)) * _UNITS.get(match.group(2), 1))


def parse_date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(str(text).strip())
    except ValueError:
        raise ValueError(f"not a date: {text!r} (use YYYY-MM-DD, e.g. 2024-06-01)") from None


def parse_ids(text: str) -> tuple[str, ...]:
    """``license, source_code`` → ("license", "source_code"); commas or white space separate."""
    return tuple(x for x in re.split(r"[,\s]+", text) if x)
