"""Scan a dataset folder's data files within a byte budget, or a sample of rows spread over them.

Budget: when the data files together are larger than the budget, each file gets a share of it in
proportion to its size. A plain JSONL file is then read as evenly spaced windows (so the scan
covers its beginning, middle and end); other formats are read from the start up to their share
(Parquet: row groups spread over the file). ``sample`` rows are likewise split over the files and
spread over each: plain JSONL by seeking, Parquet by row index, streams by position.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import IO

from .files import DataFile, data_files
from .fingerprints import Fingerprints, fingerprints
from .jsonl import Context, scan_chunk
from .records import Item, Problem, Spread, csv_records, json_records, parquet_records
from .rows import hits, walk
from .streams import (
    CHUNK,
    MAX_ROW,
    Broken,
    Chunk,
    CountingReader,
    MissingDependency,
    Overlong,
    line_chunks,
    open_stream,
    stream_errors,
)
from .tally import Tally, Where

WINDOW = 4 * 1024 * 1024  # smallest window of a file read in parts
MAX_WINDOWS = 64


def scan_folder(
    folder: Path,
    budget: int,
    sample: int | None = None,
    matcher: str | None = None,
    fp: Fingerprints | None = None,
) -> Tally:
    return scan_files(data_files(folder), budget, sample, matcher, fp)


def scan_files(
    files: list[DataFile],
    budget: int,
    sample: int | None = None,
    matcher: str | None = None,
    fp: Fingerprints | None = None,
) -> Tally:
    from .plan import make_plan, run_local

    return run_local(make_plan(files, budget, sample), fp or fingerprints(), matcher)


def jsonl_range(f: DataFile, start: int, end: int, ctx: Context) -> int:
    """The lines of a plain JSONL file that start in bytes ``start``..``end``, read whole; the
    number of lines read (rows are counted from 1: the plan's merge makes them the file's)."""
    from .plan import Bounded

    with f.open() as fh:
        begin = _line_start(fh, start)
        stop = _line_start(fh, end) if end < f.size else f.size
        fh.seek(begin)
        return _jsonl_stream(Bounded(fh, stop), None, f, None, None, ctx, begin)  # type: ignore[arg-type]


def _line_start(fh: IO[bytes], pos: int) -> int:
    """The offset of the first line that starts at or after ``pos``."""
    if pos <= 0:
        return 0
    fh.seek(pos - 1)
    while True:
        block = fh.readline(64 * 1024)
        if not block or block.endswith(b"\n"):
            return fh.tell()


def scan_file(f: DataFile, share: int | None, sample: int | None, ctx: Context) -> None:
    fmt = f.format
    if fmt == "json" and _json_lines(f):
        fmt = "jsonl"
    if fmt == "parquet":
        _records(parquet_records(f.open, f.rel, share, sample), ctx)
        ctx.tally.file.complete = share is None and sample is None
        return
    if fmt == "jsonl" and not f.compression:
        if sample:
            _jsonl_seek_sample(f, sample, ctx)
        elif share is not None and share < f.size:
            _jsonl_windows(f, share, ctx)
        else:
            with f.open() as fh:
                _jsonl_stream(fh, None, f, None, None, ctx)
        return
    stream, counter = open_stream(f.open(), f.compression)
    with stream, counter:  # gzip and zstd readers leave the raw file open
        spread = Spread(f.size, sample) if sample else None
        if fmt == "jsonl":
            _jsonl_stream(stream, counter, f, share, spread, ctx)
            return
        if fmt in ("csv", "tsv"):
            delimiter = "\t" if fmt == "tsv" else ","
            _records(csv_records(stream, counter, f.rel, delimiter, share, spread), ctx)
        else:
            _records(json_records(stream, counter, f.rel, share, spread), ctx)
        ctx.tally.file.complete = spread is None and counter.count >= f.size


def _json_lines(f: DataFile) -> bool:
    """A ``.json`` file whose first line is a whole JSON object and that has more lines is JSONL."""
    import json

    errors: tuple[type[BaseException], ...] = (OSError, MissingDependency, *stream_errors())
    try:
        stream, raw = open_stream(f.open(), f.compression)
        with stream, raw:
            first = stream.readline(MAX_ROW).strip()
            rest = stream.read(64).strip()
    except errors:
        return False
    if not first.startswith(b"{") or not rest:
        return False
    try:
        return isinstance(json.loads(first), dict)
    except (ValueError, UnicodeDecodeError):
        return False


def _records(items: Iterable[Item], ctx: Context) -> None:
    tally, fp, matcher = ctx.tally, ctx.fp, ctx.matcher
    for item in items:
        if isinstance(item, Problem):
            tally.problem(item.where, item.message)
            continue
        fields, keyed = walk(item.value, fp)
        tally.add_rows(1, item.size)
        tally.add_hits(item.where, hits(fields, matcher, fp))
        tally.add_keyed(keyed)


def _jsonl_stream(
    fh: IO[bytes],
    counter: CountingReader | None,
    f: DataFile,
    limit: int | None,
    spread: Spread | None,
    ctx: Context,
    start: int = 0,
) -> int:
    """Scan lines from ``fh`` (at byte ``start`` of the file); the number of lines read."""
    row = 1
    piece = 64 * 1024 if f.compression else None
    for event in line_chunks(fh, limit, start, piece=piece):
        if isinstance(event, Chunk):
            if spread is None or counter is None:
                row += scan_chunk(event.data, f.rel, row, event.offset, ctx)
            else:
                row += _sample_chunk(event.data, row, spread.due(counter.count), ctx, f.rel)
        elif isinstance(event, Overlong):
            ctx.tally.problem(Where(f.rel, row), f"line over {MAX_ROW // 2**20} MB; skipped")
            row += 1
        elif isinstance(event, Broken):
            ctx.tally.problem(Where(f.rel, row), f"{event.message}; {row - 1} lines read")
            ctx.tally.file.complete = False
            return row - 1
    if limit is not None or spread is not None:
        ctx.tally.file.complete = spread is None and not _more(fh)
    return row - 1


def _more(fh: IO[bytes]) -> bool:
    try:
        return bool(fh.read(1))
    except stream_errors():
        return False


def _sample_chunk(data: bytes, first_row: int, k: int, ctx: Context, file: str) -> int:
    """Scan ``k`` lines spread evenly over a chunk; returns the chunk's line count."""
    lines = data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
    if k <= 0:
        return lines
    starts = sorted(
        {data.rfind(b"\n", 0, len(data) * (2 * j + 1) // (2 * k)) + 1 for j in range(k)}
    )
    index, prev = 0, 0
    for begin in starts:
        index += data.count(b"\n", prev, begin)
        prev = begin
        end = data.find(b"\n", begin)
        line = data[begin : end + 1 if end >= 0 else len(data)]
        scan_chunk(line, file, first_row + index, begin, ctx)
    return lines


def _jsonl_seek_sample(f: DataFile, n: int, ctx: Context) -> None:
    last = -1
    with f.open() as fh:
        for k in range(n):
            offset = k * f.size // n
            fh.seek(offset)
            if offset:
                fh.readline(MAX_ROW)
            start = fh.tell()
            if start <= last or start >= f.size:
                continue
            line = fh.readline(MAX_ROW + 1)
            last = start
            if len(line) > MAX_ROW:
                ctx.tally.problem(
                    Where(f.rel, offset=start), f"line over {MAX_ROW // 2**20} MB; skipped"
                )
                continue
            scan_chunk(line, f.rel, 1 if start == 0 else None, start, ctx)
    ctx.tally.file.complete = False


def _jsonl_windows(f: DataFile, share: int, ctx: Context) -> None:
    windows = max(1, min(MAX_WINDOWS, share // WINDOW))
    length = max(1, share // windows)
    ctx.tally.file.windows = windows
    ctx.tally.file.complete = False
    with f.open() as fh:
        for k in range(windows):
            offset = k * f.size // windows
            fh.seek(offset)
            if offset:
                fh.readline(MAX_ROW)
            start = fh.tell()
            row: int | None = 1 if start == 0 else None
            for event in line_chunks(fh, length, start, min(CHUNK, length)):
                if isinstance(event, Chunk):
                    lines = scan_chunk(event.data, f.rel, row, event.offset, ctx)
                    row = row + lines if row is not None else None
                elif isinstance(event, Overlong):
                    where = (
                        Where(f.rel, row) if row is not None else Where(f.rel, offset=event.offset)
                    )
                    ctx.tally.problem(where, f"line over {MAX_ROW // 2**20} MB; skipped")
                    row = row + 1 if row is not None else None
