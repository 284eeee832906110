"""The batch's JSON lines: inputs in, one record per input out, resumable and compacted."""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

Record = dict[str, Any]


def read_inputs(lines: Iterable[str]) -> list[str]:
    """Ids or paths, one a line; blank lines and ``#`` comments skipped, duplicates once."""
    seen: dict[str, None] = {}
    for line in lines:
        item = line.strip()
        if item and not item.startswith("#"):
            seen.setdefault(item, None)
    return list(seen)


def success(source: str, tree: Mapping[str, Any]) -> Record:
    return {"id": source, **tree}


def failure(source: str, kind: str, message: str) -> Record:
    return {"id": source, "error": {"kind": kind, "message": message}}


def is_recipe(record: Record | None) -> bool:
    return record is not None and "error" not in record and "reproducibility" in record


def dumps(record: Record) -> str:
    return json.dumps(record, ensure_ascii=False)


def parse_line(line: str) -> Record | None:
    """A record, or None for a line that is not one (a torn last line after a kill)."""
    try:
        record = json.loads(line)
    except ValueError:
        return None
    if isinstance(record, dict) and isinstance(record.get("id"), str):
        return record
    return None


def merge(records: Iterable[Record]) -> dict[str, Record]:
    """The record per id: the latest, except that a recipe is never replaced by an error."""
    out: dict[str, Record] = {}
    for record in records:
        old = out.get(record["id"])
        if not (is_recipe(old) and not is_recipe(record)):
            out[record["id"]] = record
    return out


def load(path: Path) -> dict[str, Record]:
    """The valid records of an earlier run's output (none when it does not exist)."""
    try:
        with path.open(encoding="utf-8", errors="replace") as fh:
            return merge(r for r in map(parse_line, fh) if r is not None)
    except FileNotFoundError:
        return {}


def end_line(path: Path) -> None:
    """Make sure appended lines start on a line of their own (a killed run may leave half a line)."""
    try:
        with path.open("rb+") as fh:
            fh.seek(0, os.SEEK_END)
            if fh.tell() == 0:
                return
            fh.seek(-1, os.SEEK_END)
            if fh.read(1) != b"\n":
                fh.write(b"\n")
    except FileNotFoundError:
        return


def compact(path: Path, inputs: Sequence[str], records: Mapping[str, Record]) -> int:
    """Rewrite ``path`` atomically: one line per input that has a record, in input order."""
    lines = [dumps(records[i]) + "\n" for i in inputs if i in records]
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    with tmp.open("w", encoding="utf-8", newline="\n") as fh:
        fh.writelines(lines)
    os.replace(tmp, path)
    return len(lines)


def redact(text: str, secrets: Iterable[str | None]) -> str:
    for secret in secrets:
        if secret and len(secret) >= 4:
            text = text.replace(secret, "***")
    return text
