"""Which files of a dataset folder hold data, and in which format.

The folder of the card and its subfolders are searched (hidden folders, virtual environments and
folders holding another card are not); a file's format comes from its name (``.jsonl``,
``.jsonl.gz``, ``.csv``, ``.parquet`` ...). Metadata files of the ``datasets`` library are not data.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO, Callable, NamedTuple

from .streams import compression_of

FORMATS = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".tsv": "tsv",
    ".parquet": "parquet",
}
UNSUPPORTED = (
    ".arrow",
    ".avro",
    ".orc",
    ".feather",
    ".h5",
    ".hdf5",
    ".zip",
    ".tar",
    ".tgz",
    ".xz",
    ".bz2",
    ".lz4",
)
NOT_DATA = frozenset(
    {
        "dataset_infos.json",
        "dataset_info.json",
        "dataset_dict.json",
        "state.json",
        "croissant.json",
        "package.json",
        "package-lock.json",
        "tsconfig.json",
    }
)
SKIP_DIRS = frozenset({"node_modules", "venv", "__pycache__", "site-packages"})
CARD_NAMES = ("README.md", "readme.md")
MAX_FILES = 10_000


class DataFile(NamedTuple):
    path: Path
    rel: str  # POSIX path relative to the dataset folder: what locations and findings show
    format: str  # jsonl | json | csv | tsv | parquet | "" (not supported)
    compression: str  # "" | gzip | zstd
    size: int
    opener: Callable[[], IO[bytes]] | None = None  # how to open it when not a local path

    def open(self) -> IO[bytes]:
        """The raw bytes, seekable: a local file, or a Hub file read in byte ranges."""
        return self.opener() if self.opener is not None else self.path.open("rb")

    @property
    def label(self) -> str:
        fmt = self.format or "unsupported"
        return f"{fmt}+{self.compression}" if self.compression else fmt


def classify(name: str) -> tuple[str, str] | None:
    """(format, compression) for a data file name, ("", "") for a known unsupported data format,
    None for anything else."""
    low = name.lower()
    if low in NOT_DATA:
        return None
    compression = compression_of(low)
    stem = low.rsplit(".", 1)[0] if compression else low
    for ext, fmt in FORMATS.items():
        if stem.endswith(ext):
            if fmt == "parquet" and compression:
                return "", compression
            return fmt, compression
    if low.endswith(UNSUPPORTED):
        return "", ""
    return None


def data_files(folder: Path) -> list[DataFile]:
    out: list[DataFile] = []
    for dirpath, dirnames, filenames in os.walk(folder):
        here = Path(dirpath)
        dirnames[:] = sorted(
            d
            for d in dirnames
            if not d.startswith(".")
            and d not in SKIP_DIRS
            and not any((here / d / card).is_file() for card in CARD_NAMES)
        )
        for name in sorted(filenames):
            kind = classify(name)
            if kind is None:
                continue
            path = here / name
            try:
                size = path.stat().st_size
            except OSError:
                continue
            rel = path.relative_to(folder).as_posix()
            out.append(DataFile(path, rel, kind[0], kind[1], size))
            if len(out) >= MAX_FILES:
                return out
    return sorted(out, key=lambda f: f.rel)
