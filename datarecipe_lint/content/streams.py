"""Byte streams of data files: plain, gzip (standard library) or zstd (optional), read in bounded chunks.

``line_chunks`` cuts a stream into chunks of whole lines (about ``CHUNK`` bytes each) and never
holds more than ``CHUNK + MAX_ROW`` bytes: a line longer than ``MAX_ROW`` is skipped and reported.
A truncated or corrupt compressed stream ends the file with an event instead of an exception.
"""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Iterator
from typing import IO, Any, NamedTuple, Union, cast

CHUNK = 8 * 1024 * 1024  # bytes handed to the matcher at once
MAX_ROW = 16 * 1024 * 1024  # a longer line (JSONL row, CSV line) is skipped and reported


class MissingDependency(Exception):
    """A format needs an optional package; the message says how to install it."""


class Chunk(NamedTuple):
    data: bytes  # whole lines, the last one possibly without its newline at the end of the stream
    offset: int  # offset of data[0] in the (decompressed) stream


class Overlong(NamedTuple):
    offset: int
    size: int  # at least this many bytes


class Broken(NamedTuple):
    offset: int
    message: str


Event = Union[Chunk, Overlong, Broken]


class CountingReader(io.RawIOBase):
    """A raw file that counts the bytes read from it (the compressed position of a stream)."""

    def __init__(self, fh: IO[bytes]) -> None:
        self._fh = fh
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._fh.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        self.count += n
        return n

    def close(self) -> None:
        self._fh.close()
        super().close()


def compression_of(name: str) -> str:
    low = name.lower()
    if low.endswith(".gz"):
        return "gzip"
    if low.endswith((".zst", ".zstd")):
        return "zstd"
    return ""


def open_stream(raw: IO[bytes], compression: str) -> tuple[IO[bytes], CountingReader]:
    """The decompressed stream over an open raw file, and the counter of raw bytes read from it
    (the position for sampling); close both."""
    counter = CountingReader(raw)
    if compression == "gzip":
        return cast(IO[bytes], gzip.GzipFile(fileobj=counter, mode="rb")), counter
    if compression == "zstd":
        return _zstd(counter), counter
    return io.BufferedReader(counter, buffer_size=1024 * 1024), counter


def _zstd(raw: CountingReader) -> IO[bytes]:
    try:  # Python 3.14+
        from compression import zstd  # type: ignore[import-not-found, unused-ignore]

        return zstd.ZstdFile(raw)  # type: ignore[no-any-return, unused-ignore]
    except ImportError:
        pass
    try:
        import zstandard  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        raw.close()
        raise MissingDependency(
            "zstd-compressed data needs the zstandard package: pip install 'datarecipe[zstd]'"
        ) from None
    reader = zstandard.ZstdDecompressor().stream_reader(
        cast(IO[bytes], raw), read_across_frames=True
    )
    return cast(IO[bytes], io.BufferedReader(cast(Any, reader), buffer_size=1024 * 1024))


def stream_errors() -> tuple[type[BaseException], ...]:
    """What a damaged stream raises while being read."""
    errors: list[type[BaseException]] = [EOFError, OSError, zlib.error, ValueError]
    try:
        import zstandard  # type: ignore[import-not-found, unused-ignore]

        errors.append(zstandard.ZstdError)
    except ImportError:
        pass
    return tuple(errors)


def describe(exc: BaseException) -> str:
    if isinstance(exc, EOFError):
        return "the compressed stream ends early (truncated file)"
    text = str(exc) or type(exc).__name__
    return f"unreadable ({text})"


def _read(
    fh: IO[bytes], size: int, piece: int, errors: tuple[type[BaseException], ...]
) -> tuple[bytes, BaseException | None]:
    """Up to ``size`` bytes in reads of ``piece``; a damaged stream keeps what came before."""
    if piece >= size:
        try:
            return fh.read(size), None
        except errors as exc:
            return b"", exc
    parts: list[bytes] = []
    got = 0
    try:
        while got < size:
            block = fh.read(min(piece, size - got))
            if not block:
                break
            parts.append(block)
            got += len(block)
    except errors as exc:
        return b"".join(parts), exc
    return b"".join(parts), None


def line_chunks(
    fh: IO[bytes],
    limit: int | None = None,
    start: int = 0,
    size: int = CHUNK,
    piece: int | None = None,
) -> Iterator[Event]:
    """Whole-line chunks from ``fh``; stop at the first line end after ``limit`` bytes.

    ``piece``: read a compressed stream in smaller reads, so a truncated one loses little.
    """
    carry = b""
    offset = start  # stream offset of carry[0]
    read_total = 0
    errors = stream_errors()
    skipping = False  # inside an overlong line, dropping bytes up to its end
    skipped = 0
    while True:
        block, failure = _read(fh, size, piece or size, errors)
        if not block and failure is None:
            if skipping:
                yield Overlong(offset, skipped)
            elif carry:
                yield Chunk(carry, offset)
            return
        read_total += len(block)
        if skipping:
            nl = block.find(b"\n")
            if nl < 0:
                skipped += len(block)
                block = b""
            else:
                yield Overlong(offset, skipped + nl + 1)
                offset += skipped + nl + 1
                skipping, skipped = False, 0
                block = block[nl + 1 :]
        cut = block.rfind(b"\n") + 1
        if cut:
            data = carry + block[:cut] if carry else block[:cut]  # one copy of the block
            yield Chunk(data, offset)
            offset += len(data)
            carry = block[cut:]
        else:
            carry += block
        if failure is not None:
            yield Broken(offset, describe(failure))
            return
        if len(carry) > MAX_ROW:
            skipping, skipped, carry = True, len(carry), b""
        if limit is not None and read_total >= limit:
            tail = _finish_line(fh, carry, errors)
            if tail:
                yield Chunk(tail, offset)
            return


def _finish_line(fh: IO[bytes], carry: bytes, errors: tuple[type[BaseException], ...]) -> bytes:
    """The rest of the current line (bounded), so a budget never cuts a row in two."""
    if not carry:
        return b""
    parts = [carry]
    total = len(carry)
    ended = False
    try:
        while total <= MAX_ROW:
            block = fh.readline(64 * 1024)
            if not block or block.endswith(b"\n"):
                parts.append(block)
                total += len(block)
                ended = True
                break
            parts.append(block)
            total += len(block)
    except errors:
        return b""
    return b"".join(parts) if ended and total <= MAX_ROW else b""
