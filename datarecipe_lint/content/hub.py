"""``--scan-data`` for Hub datasets: the repository's data files read in bounded byte ranges.

The file list comes from the card's ``dataset_info`` call (``sources.hub``); each data file is
opened as a seekable ``RangeFile`` that fetches ``Range: bytes=a-b`` spans (at most ``SPAN`` at a
time beyond what a reader asks for) through huggingface_hub's HTTP session, at the card's commit,
from ``HF_ENDPOINT``. The same budget and readers as for a local folder apply, so a 50 GB
dataset costs about the budget in transfer. A server that ignores ``Range`` is still read
correctly, by streaming and discarding up to the wanted offset.
"""

from __future__ import annotations

import io
import os
from pathlib import Path, PurePosixPath
from typing import IO, TYPE_CHECKING, Any

from .files import DataFile, classify
from .scan import scan_files
from .tally import Tally

if TYPE_CHECKING:
    from ..sources import LoadedCard
    from . import ScanOptions
    from .fingerprints import Fingerprints

SPAN = 8 * 1024 * 1024  # bytes fetched per request at least (read-ahead)
TIMEOUT = 30.0


class RangeFile(io.RawIOBase):
    """A read-only, seekable view of a remote file, one bounded range request per read-ahead."""

    def __init__(self, url: str, size: int, headers: dict[str, str], client: Any) -> None:
        self.url, self.size, self.headers, self.client = url, size, headers, client
        self._pos = 0
        self._buf = b""
        self._buf_start = 0
        self.requests = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._pos, io.SEEK_END: self.size}[whence]
        self._pos = max(0, base + offset)
        return self._pos

    def readinto(self, buffer: Any) -> int:
        want = min(len(buffer), self.size - self._pos)
        if want <= 0:
            return 0
        start = self._pos - self._buf_start
        if not 0 <= start < len(self._buf):
            self._fetch(self._pos, max(want, SPAN))
            start = 0
        data = self._buf[start : start + want]
        buffer[: len(data)] = data
        self._pos += len(data)
        return len(data)

    def _fetch(self, pos: int, span: int) -> None:
        try:
            self._get(pos, min(self.size, pos + span))
        except OSError:
            raise
        except Exception as exc:  # httpx's errors are not OSError; the scan reports OSError
            raise OSError(f"{type(exc).__name__}: {exc}") from None

    def _get(self, pos: int, end: int) -> None:
        headers = {**self.headers, "Range": f"bytes={pos}-{end - 1}"}
        self.requests += 1
        with self.client.stream(
            "GET", self.url, headers=headers, follow_redirects=True, timeout=TIMEOUT
        ) as response:
            if response.status_code not in (200, 206):
                raise OSError(f"HTTP {response.status_code} reading {self.url}")
            skip = pos if response.status_code == 200 else 0  # the server ignored the range
            parts: list[bytes] = []
            got = 0
            for block in response.iter_raw(1024 * 1024):
                if skip:
                    cut = min(skip, len(block))
                    block, skip = block[cut:], skip - cut
                parts.append(block)
                got += len(block)
                if got >= end - pos:
                    break
        self._buf = b"".join(parts)[: end - pos]
        self._buf_start = pos
        if not self._buf:
            raise OSError(f"no data at byte {pos} of {self.url}")


class HubOpener:
    """Opens one Hub file in byte ranges. A plain object, so a scan plan that holds it can go to
    Ray workers; each process uses its own huggingface_hub session. Its repr never shows the
    token it carries."""

    def __init__(self, url: str, size: int, headers: dict[str, str]) -> None:
        self.url, self.size, self._headers = url, size, headers

    def __call__(self) -> IO[bytes]:
        from huggingface_hub import get_session

        raw = RangeFile(self.url, self.size, self._headers, get_session())
        return io.BufferedReader(raw, buffer_size=1024 * 1024)

    def __repr__(self) -> str:
        return f"HubOpener({self.url!r}, {self.size})"


def hub_files(loaded: LoadedCard, token: str | None) -> list[DataFile]:
    """The repository's data files (from the card's file listing), each opened in byte ranges."""
    from huggingface_hub import hf_hub_url
    from huggingface_hub.utils import build_hf_headers  # type: ignore[attr-defined]

    repo = loaded.repo
    listing = getattr(repo, "files", ()) or ()
    endpoint = (os.environ.get("HF_ENDPOINT") or "https://huggingface.co").rstrip("/")
    revision = loaded.source.revision or "main"
    headers = dict(build_hf_headers(token=token))
    out: list[DataFile] = []
    for entry in listing:
        path, size = str(entry.path), entry.size
        parts = PurePosixPath(path).parts
        kind = classify(parts[-1])
        if kind is None or size is None or any(p.startswith(".") for p in parts):
            continue
        url = hf_hub_url(
            loaded.name, path, repo_type="dataset", revision=revision, endpoint=endpoint
        )
        opener = HubOpener(url, int(size), headers)
        out.append(DataFile(Path(path), path, kind[0], kind[1], int(size), opener))
    return sorted(out, key=lambda f: f.rel)


def scan_hub(loaded: LoadedCard, options: ScanOptions, fp: Fingerprints) -> Tally:
    from huggingface_hub import constants

    if constants.HF_HUB_OFFLINE:
        tally = Tally()
        tally.start(f"hf://datasets/{loaded.name}", "hub")
        tally.file.skipped = "HF_HUB_OFFLINE is set: the data files were not read"
        return tally
    files = hub_files(loaded, options.token)
    if options.engine == "ray":  # the workers read the files in byte ranges themselves
        from .plan import make_plan
        from .ray_engine import run_ray

        plan = make_plan(files, options.budget, options.sample)
        return run_ray(plan, options.matcher, options.ray_address)
    return scan_files(files, options.budget, options.sample, options.matcher, fp)
