"""The files of a dataset repository that tell how it was built, read as text and never executed.

A repository's file list (from the Hub's ``dataset_info``) is sorted into generation scripts and
notebooks, prompt files, and small structured files: distilabel's ``pipeline.yaml``,
``datadreamer.json`` and generation configs, which name teacher models and decoding settings more
reliably than prose. Only a few structured files are read (``MAX_READS``), each under
``MAX_FILE_BYTES``, as UTF-8 text. A name that could point outside the repository (absolute,
``..``, a backslash, a drive letter) is dropped from the list before anything looks at it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Callable, NamedTuple, Optional

MAX_FILE_BYTES = 256 * 1024  # a structured file larger than this is listed, not read
MAX_READS = 4  # structured files read per repository (each costs one request when cold)
MAX_DEPTH = 3  # structured files deeper than this are data, not configuration

STRUCTURED_NAMES = ("pipeline.yaml", "pipeline.yml", "datadreamer.json")
CONFIG_EXTENSIONS = (".json", ".yaml", ".yml")
CONFIG_WORDS = re.compile(
    r"(?:^|[_.-])(?:generation|generate|gen|sampling|decoding|inference|llm|synthetic|synth|distil\w*)"
    r"(?:[_.-]|$)|(?:^|[_.-])(?:gen_)?config(?:[_.-]|$)",
    re.IGNORECASE,
)
NOT_CONFIG = frozenset(
    {"dataset_infos.json", "dataset_info.json", "dataset_dict.json", "state.json", "croissant.json"}
)
SCRIPT_EXTENSIONS = (".py", ".ipynb")
PROMPT_DIRS = frozenset({"prompts", "prompt", "prompt_templates", "templates"})
PROMPT_EXTENSIONS = (".txt", ".md", ".yaml", ".yml", ".json", ".jinja", ".jinja2", ".j2", ".pdf")
PROMPT_NAME = re.compile(r"prompt|guideline|instruction_template", re.IGNORECASE)


class RepoFile(NamedTuple):
    path: str
    size: int | None = None


class RepoFiles(NamedTuple):
    """A repository's file list and the texts of the structured files that were read."""

    files: tuple[RepoFile, ...] = ()
    texts: Mapping[str, str] = MappingProxyType({})


Fetch = Callable[[str], Optional[bytes]]  # repo path -> at most MAX_FILE_BYTES + 1 bytes, or None


def safe_path(path: str) -> bool:
    """A relative POSIX path that stays inside the repository."""
    if not path or len(path) > 1000 or "\\" in path or "\x00" in path:
        return False
    if path.startswith("/") or re.match(r"^[A-Za-z]:", path):
        return False
    return all(part not in ("", ".", "..") for part in path.split("/"))


def listing(entries: Iterable[tuple[str, int | None]]) -> tuple[RepoFile, ...]:
    """The safe entries of a file list, sorted by path."""
    return tuple(sorted({RepoFile(p, s) for p, s in entries if safe_path(p)}))


def _name(path: str) -> str:
    return path.rsplit("/", 1)[-1].lower()


def is_script(path: str) -> bool:
    return _name(path).endswith(SCRIPT_EXTENSIONS)


def is_prompt(path: str) -> bool:
    parts = path.lower().split("/")
    if any(part in PROMPT_DIRS for part in parts[:-1]):
        return True
    return parts[-1].endswith(PROMPT_EXTENSIONS) and PROMPT_NAME.search(parts[-1]) is not None


def is_structured(path: str) -> bool:
    name = _name(path)
    if path.count("/") >= MAX_DEPTH or name in NOT_CONFIG:
        return False
    if name in STRUCTURED_NAMES:
        return True
    stem = name.rsplit(".", 1)[0]
    return name.endswith(CONFIG_EXTENSIONS) and CONFIG_WORDS.search(stem) is not None


def _priority(entry: RepoFile) -> tuple[int, int, str]:
    name = _name(entry.path)
    rank = STRUCTURED_NAMES.index(name) if name in STRUCTURED_NAMES else len(STRUCTURED_NAMES)
    return (rank, entry.path.count("/"), entry.path)


def to_read(files: Iterable[RepoFile]) -> list[RepoFile]:
    """The structured files worth one request each: known names first, shallow before deep."""
    fits = [
        f for f in files if is_structured(f.path) and (f.size is None or f.size <= MAX_FILE_BYTES)
    ]
    return sorted(fits, key=_priority)[:MAX_READS]


def decode_text(data: bytes) -> str | None:
    """UTF-8 text under the cap, or None (binary, not UTF-8, too large)."""
    if len(data) > MAX_FILE_BYTES or b"\x00" in data[:8192]:
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def read_structured(files: Iterable[RepoFile], fetch: Fetch) -> dict[str, str]:
    """Texts of the structured files, keyed by repository path (unreadable ones are left out)."""
    texts: dict[str, str] = {}
    for entry in to_read(files):
        data = fetch(entry.path)
        text = decode_text(data) if data is not None else None
        if text is not None:
            texts[entry.path] = text
    return texts


def cached(folder: Path, fetch: Fetch) -> Fetch:
    """``fetch`` through a folder of files kept per commit (a commit never changes)."""

    def read(path: str) -> bytes | None:
        target = inside(folder, path)
        if target is None:
            return None
        try:
            return target.read_bytes()[: MAX_FILE_BYTES + 1]
        except OSError:
            pass
        data = fetch(path)
        if data is not None:
            _store(target, data)
        return data

    return read


def inside(folder: Path, path: str) -> Path | None:
    """``folder/path`` when ``path`` is safe and the result stays under ``folder``."""
    if not safe_path(path):
        return None
    target = (folder / path).resolve()
    base = folder.resolve()
    return target if base in target.parents else None


def _store(target: Path, data: bytes) -> None:
    """Best effort: a read-only cache just means the file is fetched again next time."""
    import threading

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, target)
    except OSError:
        pass
