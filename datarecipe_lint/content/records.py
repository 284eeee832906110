"""Row-by-row readers for the formats that need a parser: CSV/TSV, JSON arrays, Parquet.

Each yields ``Record`` (a row, where it is, how many bytes it stood for) or ``Problem`` (a damaged
part, where it is); a problem never stops the other files, and stops its own file only when the
rest cannot be found again (a JSON array broken in the middle, a Parquet file that is not one).
Memory stays bounded: CSV lines and JSON array elements over ``MAX_ROW`` are skipped, Parquet is
read in batches.
"""

from __future__ import annotations

import codecs
import csv
import json
from collections.abc import Iterator
from typing import IO, Any, Callable, NamedTuple, Union

from .streams import MAX_ROW, CountingReader, MissingDependency
from .tally import Where

CSV_FIELD = 1024 * 1024  # a CSV field larger than this is reported and its row skipped
JSON_READ = 1024 * 1024


class Record(NamedTuple):
    where: Where
    value: Any
    size: int


class Problem(NamedTuple):
    where: Where
    message: str


Item = Union[Record, Problem]


class Spread:
    """Choose about ``n`` rows spread evenly over a stream of ``size`` bytes, by position.

    Positions advance in buffer-sized steps; targets passed in one step are owed and taken from
    the next rows, so the count comes out right and the rows still cover the whole file.
    """

    def __init__(self, size: int, n: int) -> None:
        self.n = max(1, n)
        self.step = max(1.0, size / self.n)
        self.next = 0.0
        self.owed = 0
        self.taken = 0

    def take(self, position: int) -> bool:
        while position >= self.next and self.taken + self.owed < self.n:
            self.owed += 1
            self.next += self.step
        if self.owed:
            self.owed -= 1
            self.taken += 1
            return True
        return False

    def due(self, position: int) -> int:
        """How many rows to take now that the stream has reached ``position`` (all owed ones)."""
        while position >= self.next and self.taken + self.owed < self.n:
            self.owed += 1
            self.next += self.step
        k, self.owed = self.owed, 0
        self.taken += k
        return k


def _lines(fh: IO[bytes], file: str, problems: list[Problem], counter: list[int]) -> Iterator[str]:
    """Decoded lines for the csv module; overlong and non-UTF-8 lines are reported."""
    line_no = 0
    while True:
        raw = fh.readline(MAX_ROW + 1)
        if not raw:
            return
        line_no += 1
        counter[0] = line_no
        if len(raw) > MAX_ROW and not raw.endswith(b"\n"):
            while raw and not raw.endswith(b"\n"):
                raw = fh.readline(1024 * 1024)
            problems.append(
                Problem(Where(file, line_no), f"line over {MAX_ROW // 2**20} MB; skipped")
            )
            yield "\n"  # keeps the csv module's line count in step
            continue
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            problems.append(
                Problem(
                    Where(file, line_no),
                    f"not UTF-8 (byte 0x{raw[exc.start]:02x} at column {exc.start + 1}); "
                    "read with replacement characters",
                )
            )
            yield raw.decode("utf-8", "replace")


def csv_records(
    fh: IO[bytes],
    counter: CountingReader,
    file: str,
    delimiter: str,
    limit: int | None,
    spread: Spread | None,
) -> Iterator[Item]:
    problems: list[Problem] = []
    line_no = [0]
    old = csv.field_size_limit(CSV_FIELD)
    try:
        head = fh.peek(3)[:3] if hasattr(fh, "peek") else b""
        if head == codecs.BOM_UTF8:
            fh.read(3)
        reader = csv.reader(_lines(fh, file, problems, line_no), delimiter=delimiter)
        header: list[str] | None = None
        row_no = 0
        while True:
            try:
                values = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                problems.append(
                    Problem(Where(file, reader.line_num), f"CSV error: {exc}; row skipped")
                )
                values = None
            yield from problems
            problems.clear()
            if values is None or not any(values):
                continue
            if header is None:
                header = [h.strip() or f"column_{i + 1}" for i, h in enumerate(values)]
                continue
            row_no += 1
            if spread is None or spread.take(counter.count):
                names = header + [f"column_{i + 1}" for i in range(len(header), len(values))]
                size = sum(len(v) for v in values) + len(values)
                yield Record(Where(file, row_no), dict(zip(names, values)), size)
            if limit is not None and counter.count >= limit:
                return
    finally:
        csv.field_size_limit(old)


class _Text:
    """Decoded text of a byte stream, read on demand in blocks."""

    def __init__(self, fh: IO[bytes]) -> None:
        self.fh, self.buf, self.eof = fh, "", False
        self.decoder = codecs.getincrementaldecoder("utf-8-sig")("replace")

    def more(self, size: int) -> bool:
        block = self.fh.read(size)
        self.eof = not block
        self.buf += self.decoder.decode(block, final=self.eof)
        return not self.eof


def json_records(
    fh: IO[bytes], counter: CountingReader, file: str, limit: int | None, spread: Spread | None
) -> Iterator[Item]:
    """Elements of a top-level JSON array, decoded one at a time; an object is one row (or its
    first list of rows, as in ``{"data": [...]}``)."""
    text = _Text(fh)
    text.more(JSON_READ)
    pos = 0
    while pos < len(text.buf) and text.buf[pos].isspace():
        pos += 1
    if text.buf[pos : pos + 1] == "{":
        while text.more(JSON_READ):
            if len(text.buf) > MAX_ROW:
                yield Problem(Where(file, 1), "top-level JSON object over 16 MB; file skipped")
                return
        yield from _object_rows(text.buf, file)
        return
    if text.buf[pos : pos + 1] != "[":
        yield Problem(Where(file, 1), "neither a JSON array nor an object; file skipped")
        return
    yield from _array_elements(text, pos + 1, counter, file, limit, spread)


def _array_elements(
    text: _Text,
    pos: int,
    counter: CountingReader,
    file: str,
    limit: int | None,
    spread: Spread | None,
) -> Iterator[Item]:
    parse = json.JSONDecoder().raw_decode
    index, lines_before = 0, 0
    while True:
        while True:
            while pos < len(text.buf) and (text.buf[pos].isspace() or text.buf[pos] == ","):
                pos += 1
            if pos < len(text.buf) or not text.more(JSON_READ):
                break
        buf = text.buf
        if pos >= len(buf):
            yield Problem(
                _line(file, lines_before, buf, pos), "JSON array not closed (truncated file?)"
            )
            return
        if buf[pos] == "]":
            return
        try:
            value, end = parse(buf, pos)
        except json.JSONDecodeError as exc:
            if not text.eof and len(buf) - pos <= MAX_ROW:
                text.more(max(JSON_READ, len(buf) - pos))
                continue
            reason = "element over 16 MB" if len(buf) - pos > MAX_ROW else f"not JSON ({exc.msg})"
            yield Problem(
                _line(file, lines_before, buf, exc.pos), f"{reason}; rest of the file skipped"
            )
            return
        index += 1
        if spread is None or spread.take(counter.count):
            yield Record(Where(file, index), value, end - pos)
        pos = end
        if pos > JSON_READ:
            lines_before += buf.count("\n", 0, pos)
            text.buf, pos = buf[pos:], 0
        if limit is not None and counter.count >= limit:
            return


def _line(file: str, lines_before: int, buf: str, pos: int) -> Where:
    return Where(file, row=lines_before + buf.count("\n", 0, pos) + 1)


def _object_rows(text: str, file: str) -> Iterator[Item]:
    """A whole-file JSON object: its first non-empty list is the rows; otherwise it is one row."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        yield Problem(Where(file, exc.lineno), f"not JSON ({exc.msg}); file skipped")
        return
    rows = next((v for v in value.values() if isinstance(v, list) and v), None)
    if rows is None:
        yield Record(Where(file, 1), value, len(text))
        return
    for i, row in enumerate(rows, 1):
        yield Record(Where(file, i), row, 0)


def parquet_records(
    open_raw: Callable[[], IO[bytes]], file: str, limit: int | None, sample: int | None
) -> Iterator[Item]:
    """Rows of a Parquet file (needs pyarrow), batch by batch; row groups spread over the file
    when the budget does not cover it, exact evenly spaced rows with ``--sample``."""
    with open_raw() as fh:
        head = fh.read(4)
        fh.seek(0, 2)
        size = fh.tell()
        fh.seek(max(0, size - 4))
        tail = fh.read(4)
    if head != b"PAR1" or tail != b"PAR1":
        yield Problem(
            Where(file),
            "not a Parquet file (no PAR1 magic bytes at its start and end); file skipped",
        )
        return
    try:
        import pyarrow.parquet as pq  # type: ignore[import-untyped, import-not-found, unused-ignore]
    except ImportError:
        raise MissingDependency(
            "Parquet needs pyarrow: pip install 'datarecipe[parquet]'"
        ) from None
    with open_raw() as raw:
        try:
            pf = pq.ParquetFile(raw)
            meta = pf.metadata
            total = meta.num_rows
            groups = list(range(meta.num_row_groups))
            if limit is not None and size > limit and groups:
                keep = max(1, len(groups) * limit // size)
                groups = sorted({groups[i * len(groups) // keep] for i in range(keep)})
            wanted = None
            if sample:
                wanted = {k * total // sample for k in range(min(sample, total))}
            yield from _parquet_rows(pf, file, groups, wanted)
        except Exception as exc:  # pyarrow raises its own ArrowException tree, OSError and more
            yield Problem(
                Where(file),
                f"unreadable Parquet ({type(exc).__name__}: {exc}); rest of the file skipped",
            )


def _parquet_rows(pf: Any, file: str, groups: list[int], wanted: set[int] | None) -> Iterator[Item]:
    meta = pf.metadata
    starts = [0]
    for g in range(meta.num_row_groups):
        starts.append(starts[-1] + meta.row_group(g).num_rows)
    for g in groups:
        group = meta.row_group(g)
        per_row = group.total_byte_size // max(1, group.num_rows)
        base = starts[g]
        for batch in pf.iter_batches(batch_size=1024, row_groups=[g]):
            if wanted is None:
                picked: list[int] = list(range(batch.num_rows))
                rows = batch.to_pylist()
            else:
                picked = [i for i in range(batch.num_rows) if base + i in wanted]
                rows = batch.take(picked).to_pylist() if picked else []
            for i, row in zip(picked, rows):
                yield Record(Where(file, base + i + 1), row, per_row)
            base += batch.num_rows
