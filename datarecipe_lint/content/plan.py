"""The scan plan: the data files cut into pieces that can be scanned anywhere, and the merge of
their tallies back into the one tally a sequential scan would have made.

A piece is a whole file (read as :func:`~.scan.scan_file` reads it: within its budget share, or
its sampled rows), a byte range of a large plain JSONL file read whole, or one of the evenly
spread windows of a JSONL file read in part. A byte range holds the lines that *start* in it, so
ranges never overlap and never miss a line. Each piece's tally counts its rows from 1; the merge
shifts them by the lines of the ranges before it, so row numbers are the file's own.

The merge is associative and keeps plan order: files in order, the first examples and problems
of the earliest pieces, sums of every count. Scanning the pieces one after another here
(``--engine local``) or as tasks on a cluster (``--engine ray``) gives the same ``content`` block.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import IO, NamedTuple

from .files import DataFile
from .fingerprints import Fingerprints
from .matcher import Matcher
from .tally import EXAMPLES, MAX_PROBLEMS, FamilyTally, FileTally, Tally

PIECE_BYTES = int(os.environ.get("DATARECIPE_PIECE_BYTES", 256 * 1024 * 1024))


class Piece(NamedTuple):
    number: int  # its place in the plan
    file: int  # index into Plan.files
    kind: str  # "file" (whole, within share / sample) | "range" (bytes start..end of JSONL)
    start: int = 0
    end: int = 0
    share: int | None = None  # "file": the byte share of the budget (None: all of it)
    sample: int | None = None  # "file": rows to sample


class Plan(NamedTuple):
    files: tuple[DataFile, ...]
    pieces: tuple[Piece, ...]


class PieceResult(NamedTuple):
    piece: int
    tally: Tally
    lines: int  # physical lines a range read (what the next range's row numbers start after)


def make_plan(
    files: Sequence[DataFile], budget: int, sample: int | None, piece_bytes: int | None = None
) -> Plan:
    """Pieces of every supported file: a plain JSONL file read whole and larger than
    ``piece_bytes`` is cut into byte ranges; any other file is one piece."""
    piece_bytes = piece_bytes or PIECE_BYTES
    total = sum(f.size for f in files if f.format) or 1
    pieces: list[Piece] = []
    for i, f in enumerate(files):
        share = None if total <= budget else max(1, budget * f.size // total)
        n = max(1, round(sample * f.size / total)) if sample and f.format else None
        whole_jsonl = f.format == "jsonl" and not f.compression and share is None and not n
        if whole_jsonl and f.size > piece_bytes:
            for start in range(0, f.size, piece_bytes):
                end = min(f.size, start + piece_bytes)
                pieces.append(Piece(len(pieces), i, "range", start, end))
        else:
            pieces.append(Piece(len(pieces), i, "file", share=share, sample=n))
    return Plan(tuple(files), tuple(pieces))


_MATCHERS: dict[tuple[int, str | None], tuple[Fingerprints, Matcher]] = {}


def scan_piece(plan: Plan, index: int, fp: Fingerprints, matcher: str | None) -> PieceResult:
    """One piece's tally (a tally of its own, with one file entry)."""
    from .jsonl import Context
    from .matcher import make_matcher
    from .scan import jsonl_range, scan_file
    from .streams import MissingDependency

    piece = plan.pieces[index]
    f = plan.files[piece.file]
    key = (id(fp), matcher)
    built = _MATCHERS.get(key)
    if built is None:  # one automaton per process and table, however many pieces it scans
        built = _MATCHERS[key] = (fp, make_matcher([p.literal for p in fp.patterns], matcher))
    ctx = Context(fp, built[1], Tally())
    ctx.tally.start(f.rel, f.label)
    lines = 0
    if not f.format:
        ctx.tally.file.skipped = "format not supported (JSONL, JSON, CSV, TSV, Parquet are)"
        return PieceResult(index, ctx.tally, 0)
    try:
        if piece.kind == "range":
            lines = jsonl_range(f, piece.start, piece.end, ctx)
        else:
            scan_file(f, piece.share, piece.sample, ctx)
    except MissingDependency as exc:
        ctx.tally.file.skipped = str(exc)
    except OSError as exc:
        from .tally import Where

        ctx.tally.problem(Where(f.rel), f"cannot read: {exc.strerror or exc}")
    return PieceResult(index, ctx.tally, lines)


def run_local(
    plan: Plan, fp: Fingerprints, matcher: str | None, done: Callable[[int], None] | None = None
) -> Tally:
    """The pieces one after another in this process, merged."""
    results = []
    for piece in plan.pieces:
        results.append(scan_piece(plan, piece.number, fp, matcher))
        if done is not None:
            done(piece.number)
    return merge(plan, results)


def merge(plan: Plan, results: Iterable[PieceResult]) -> Tally:
    """The tally of the whole plan from its pieces' tallies (in any order of arrival)."""
    by_index = {r.piece: r for r in results}
    out = Tally()
    shift: dict[int, int] = {}  # file -> lines of its ranges merged so far
    for piece in plan.pieces:
        result = by_index[piece.number]
        part = result.tally
        offset = shift.get(piece.file, 0)
        _merge_file(out, plan, piece, part.files[0])
        for name, fam in part.families.items():
            _merge_family(out, name, fam, offset)
        out.rows_with_fingerprints += part.rows_with_fingerprints
        for target, source in ((out.columns, part.columns), (out.roles, part.roles)):
            for key, values in source.items():
                target.setdefault(key, Counter()).update(values)
        for p in part.problems:
            shown = sum(1 for q in out.problems if q["file"] == p["file"])
            if shown < MAX_PROBLEMS:
                out.problems.append(_shifted(p, offset, "line"))
        shift[piece.file] = offset + result.lines
    return out


def _merge_file(out: Tally, plan: Plan, piece: Piece, part: FileTally) -> None:
    if _first_of_file(plan, piece):
        out.files.append(FileTally(part.path, part.format))
    f = out.file
    f.rows += part.rows
    f.bytes += part.bytes
    f.complete = f.complete and part.complete
    f.windows += part.windows
    f.problems += part.problems
    f.skipped = f.skipped or part.skipped


def _first_of_file(plan: Plan, piece: Piece) -> bool:
    return piece.number == 0 or plan.pieces[piece.number - 1].file != piece.file


def _merge_family(out: Tally, name: str, fam: FamilyTally, offset: int) -> None:
    into = out.families.get(name)
    if into is None:
        into = out.families[name] = FamilyTally()
    into.rows += fam.rows
    into.discounted += fam.discounted
    into.kinds.update(fam.kinds)
    for mine, theirs in ((into.examples, fam.examples), (into.discounted_examples, fam.discounted_examples)):  # fmt: skip
        for example in theirs:
            if len(mine) < EXAMPLES:
                mine.append(_shifted(example, offset, "row"))


def _shifted(item: dict[str, object], offset: int, key: str) -> dict[str, object]:
    value = item.get(key)
    if offset and isinstance(value, int):
        return {**item, key: value + offset}
    return item


class Bounded:
    """A reader that ends at ``end``: a byte range of a file, read as if it were the file."""

    def __init__(self, fh: IO[bytes], end: int) -> None:
        self._fh, self._left = fh, max(0, end - fh.tell())

    def read(self, n: int = -1) -> bytes:
        n = self._left if n < 0 else min(n, self._left)
        data = self._fh.read(n) if n else b""
        self._left -= len(data)
        return data

    def readline(self, limit: int = -1) -> bytes:
        limit = self._left if limit < 0 else min(limit, self._left)
        data = self._fh.readline(limit) if limit else b""
        self._left -= len(data)
        return data
