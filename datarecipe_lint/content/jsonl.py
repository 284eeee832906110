"""The fast path: JSON Lines scanned a chunk at a time, without parsing rows that carry nothing.

Per chunk (a few MB of whole lines): lower the bytes once, run the multi-literal matcher once,
count rows with ``bytes.count``. Rows are checked by their first and last bytes (a line that does
not end in ``}`` sends the chunk through a line-by-line check that parses the odd lines); only
rows with a fingerprint phrase are parsed and walked field by field. Generator and role columns
are counted with one regular expression per key spelling found in the chunk.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any

from .fingerprints import KIND_KEY, KIND_ROLE, Fingerprints
from .matcher import Matcher
from .rows import MAX_VALUE, hits, walk
from .tally import Tally, Where

VALUE = rb'\s*:\s*"((?:[^"\\\n]|\\.){0,%d})"' % MAX_VALUE


class Context:
    """What every chunk of one scan shares: the table, the matcher, the tally."""

    def __init__(self, fp: Fingerprints, matcher: Matcher, tally: Tally) -> None:
        self.fp, self.matcher, self.tally = fp, matcher, tally
        self.key_kinds: list[str] = [
            p.kind if p.kind in (KIND_KEY, KIND_ROLE) else "" for p in fp.patterns
        ]
        self._values: dict[bytes, re.Pattern[bytes]] = {}

    def value_pattern(self, spelling: bytes) -> re.Pattern[bytes]:
        rx = self._values.get(spelling)
        if rx is None:
            rx = self._values[spelling] = re.compile(re.escape(spelling) + VALUE)
        return rx


def _where(
    file: str, first_row: int | None, offset: int, line_index: int, line_start: int
) -> Where:
    if first_row is not None:
        return Where(file, row=first_row + line_index)
    return Where(file, offset=offset + line_start)


def scan_chunk(data: bytes, file: str, first_row: int | None, offset: int, ctx: Context) -> int:
    """Scan whole lines; returns the number of physical lines (for the next chunk's row numbers)."""
    if not data:
        return 0
    newlines = data.count(b"\n")
    lines = newlines + (0 if data.endswith(b"\n") else 1)
    bad: set[int] = set()
    blank = 0
    if not _looks_well_formed(data, newlines):
        blank, bad = _check_lines(data, file, first_row, offset, ctx)
    if not data.isascii():
        _check_utf8(data, file, first_row, offset, ctx)
    ctx.tally.add_rows(lines - blank - len(bad), len(data))
    found = ctx.matcher.find(data.lower())
    if not found:
        return lines
    kinds = ctx.key_kinds
    # Comprehensions, not a loop: a generator column puts one key match in every row.
    phrase_starts = [m[1] for m in found if not kinds[m[0]]]
    one_per_key = {m[0]: m for m in found if kinds[m[0]]}.values()  # spelling of one occurrence
    spellings = {(data[m[1] : m[2]], kinds[m[0]] == KIND_ROLE) for m in one_per_key}
    for spelling, role in sorted(spellings):
        _count_values(data, spelling, role, ctx)
    if phrase_starts:
        _scan_hit_lines(data, phrase_starts, file, first_row, offset, bad, ctx)
    return lines


def _looks_well_formed(data: bytes, newlines: int) -> bool:
    """Every line ends with ``}`` (LF or CRLF): the common case, checked at C speed."""
    ends = data.count(b"}\n")
    if ends != newlines and ends + data.count(b"}\r\n") != newlines:
        return False
    if data.endswith(b"\n"):
        return True
    return data[data.rfind(b"\n") + 1 :].rstrip().endswith(b"}")


def _check_lines(
    data: bytes, file: str, first_row: int | None, offset: int, ctx: Context
) -> tuple[int, set[int]]:
    """(blank lines, indexes of lines that are not JSON); each bad line is reported."""
    blank = 0
    bad: set[int] = set()
    pos = 0
    parts = data.split(b"\n")
    if parts and parts[-1] == b"":
        parts.pop()
    for i, line in enumerate(parts):
        stripped = line.strip()
        start, pos = pos, pos + len(line) + 1
        if not stripped:
            blank += 1
            continue
        if stripped[:1] in (b"{", b"[") and stripped[-1:] in (b"}", b"]"):
            continue
        _obj, error = parse_line(stripped)
        if error:
            bad.add(i)
            ctx.tally.problem(_where(file, first_row, offset, i, start), error)
    return blank, bad


def _check_utf8(data: bytes, file: str, first_row: int | None, offset: int, ctx: Context) -> None:
    try:
        data.decode("utf-8")
        return
    except UnicodeDecodeError:
        pass
    pos = 0
    for i, line in enumerate(data.split(b"\n")):
        start, pos = pos, pos + len(line) + 1
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as exc:
            ctx.tally.problem(
                _where(file, first_row, offset, i, start),
                f"not UTF-8 (byte 0x{line[exc.start]:02x} at column {exc.start + 1}); "
                "read with replacement characters",
            )


def parse_line(line: bytes) -> tuple[Any, str]:
    """(value, "") or (None, why it is not JSON)."""
    try:
        try:
            return json.loads(line), ""
        except UnicodeDecodeError:
            return json.loads(line.decode("utf-8", "replace")), ""
    except ValueError as exc:
        msg = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
        col = f" at column {exc.colno}" if isinstance(exc, json.JSONDecodeError) else ""
        return None, f"not JSON ({msg}{col}); line skipped"
    except RecursionError:
        return None, "JSON nested too deeply; line skipped"


def _count_values(data: bytes, spelling: bytes, role: bool, ctx: Context) -> None:
    raw = Counter(ctx.value_pattern(spelling).findall(data))
    values: Counter[str] = Counter()
    for value, n in raw.items():
        values[_unescape(value)] += n
    ctx.tally.add_counts(spelling[1:-1].decode("utf-8", "replace"), role, values)


def _unescape(value: bytes) -> str:
    if b"\\" in value:
        try:
            return str(json.loads(b'"' + value + b'"'))
        except ValueError:
            pass
    return value.decode("utf-8", "replace")


def _scan_hit_lines(
    data: bytes,
    starts: list[int],
    file: str,
    first_row: int | None,
    offset: int,
    bad: set[int],
    ctx: Context,
) -> None:
    line_starts = sorted({data.rfind(b"\n", 0, s) + 1 for s in starts})
    index = 0
    prev = 0
    for begin in line_starts:
        index += data.count(b"\n", prev, begin)
        prev = begin
        if index in bad:
            continue
        end = data.find(b"\n", begin)
        line = data[begin : end if end >= 0 else len(data)].strip()
        where = _where(file, first_row, offset, index, begin)
        scan_line_value(line, where, ctx, count_keys=False)


def scan_line_value(line: bytes, where: Where, ctx: Context, count_keys: bool) -> None:
    """Parse one JSON line and record its fingerprints (and, if asked, its generator columns)."""
    obj, error = parse_line(line)
    if error:
        ctx.tally.problem(where, error)
        return
    fields, keyed = walk(obj, ctx.fp)
    ctx.tally.add_hits(where, hits(fields, ctx.matcher, ctx.fp))
    if count_keys:
        ctx.tally.add_keyed(keyed)
