"""What a scan has seen so far, and the recipe's ``content`` block made from it.

Rows are counted once per family however many phrases they carry; three example locations are
kept per family (file, row or byte offset, field, phrase), so memory does not grow with the data.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from .rows import Hit, Keyed

EXAMPLES = 3
MAX_PROBLEMS = 20  # problems kept per file (all are counted)
TOP_VALUES = 20  # generator/role values listed per column; the rest are summed as "(other)"


class Where:
    """A row's location: the file and either its 1-based row number or its byte offset."""

    __slots__ = ("file", "offset", "row")

    def __init__(self, file: str, row: int | None = None, offset: int | None = None) -> None:
        self.file, self.row, self.offset = file, row, offset

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"file": self.file}
        if self.row is not None:
            out["row"] = self.row
        else:
            out["offset"] = self.offset
        return out


class FamilyTally:
    __slots__ = ("discounted", "discounted_examples", "examples", "kinds", "rows")

    def __init__(self) -> None:
        self.rows = 0
        self.discounted = 0  # rows where the family appears only quoted or on the prompt side
        self.kinds: Counter[str] = Counter()
        self.examples: list[dict[str, Any]] = []
        self.discounted_examples: list[dict[str, Any]] = []

    def shown_examples(self) -> list[dict[str, Any]]:
        """Counted hits first; where there are none, the quoted / prompt-side ones that were not."""
        return self.examples or self.discounted_examples


class FileTally:
    __slots__ = ("bytes", "complete", "format", "path", "problems", "rows", "skipped", "windows")

    def __init__(self, path: str, fmt: str) -> None:
        self.path, self.format = path, fmt
        self.rows = 0
        self.bytes = 0
        self.complete = True
        self.windows = 0
        self.skipped = ""  # why the file was not read at all
        self.problems = 0

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"path": self.path, "format": self.format}
        if self.skipped:
            out["skipped"] = self.skipped
            return out
        out.update(rows=self.rows, bytes=self.bytes, complete=self.complete)
        if self.windows:
            out["windows"] = self.windows
        if self.problems:
            out["problems"] = self.problems
        return out


class Tally:
    def __init__(self) -> None:
        self.files: list[FileTally] = []
        self.families: dict[str, FamilyTally] = {}
        self.rows_with_fingerprints = 0
        self.columns: dict[str, Counter[str]] = {}
        self.roles: dict[str, Counter[str]] = {}
        self.problems: list[dict[str, Any]] = []
        self._problem_keys: set[tuple[str, int | None, int | None]] = set()

    @property
    def file(self) -> FileTally:
        return self.files[-1]

    def start(self, path: str, fmt: str) -> FileTally:
        self.files.append(FileTally(path, fmt))
        return self.file

    def add_rows(self, n: int, nbytes: int) -> None:
        self.file.rows += n
        self.file.bytes += nbytes

    def add_hits(self, where: Where, row_hits: list[Hit]) -> None:
        if not row_hits:
            return
        counted: dict[str, Hit] = {}
        discounted: dict[str, Hit] = {}
        for hit in row_hits:
            target = discounted if hit.why else counted
            target.setdefault(hit.family, hit)
            if not hit.why:
                self._family(hit.family).kinds[hit.kind] += 1
        for family, hit in counted.items():
            fam = self._family(family)
            fam.rows += 1
            if len(fam.examples) < EXAMPLES:
                fam.examples.append(_example(where, hit))
        for family, hit in discounted.items():
            if family in counted:
                continue
            fam = self._family(family)
            fam.discounted += 1
            if len(fam.discounted_examples) < EXAMPLES:
                fam.discounted_examples.append(_example(where, hit))
        if counted:
            self.rows_with_fingerprints += 1

    def add_keyed(self, keyed: list[Keyed]) -> None:
        for k in keyed:
            target = self.roles if k.role else self.columns
            target.setdefault(k.key, Counter())[k.value] += 1

    def add_counts(self, key: str, role: bool, values: Counter[str]) -> None:
        target = self.roles if role else self.columns
        target.setdefault(key, Counter()).update(values)

    def problem(self, where: Where, message: str, line: int | None = None) -> None:
        """A damaged part of a file: reported with its place, and the scan goes on."""
        row = line if line is not None else where.row
        key = (where.file, row, where.offset if row is None else None)
        if key in self._problem_keys:
            return
        self._problem_keys.add(key)
        self.file.problems += 1
        if self.file.problems > MAX_PROBLEMS:
            return
        out: dict[str, Any] = {"file": where.file}
        if row is not None:
            out["line"] = row
        elif where.offset is not None:
            out["offset"] = where.offset
        out["message"] = message
        self.problems.append(out)

    def _family(self, name: str) -> FamilyTally:
        fam = self.families.get(name)
        if fam is None:
            fam = self.families[name] = FamilyTally()
        return fam

    @property
    def rows(self) -> int:
        return sum(f.rows for f in self.files)

    @property
    def bytes(self) -> int:
        return sum(f.bytes for f in self.files)


def _example(where: Where, hit: Hit) -> dict[str, Any]:
    out = where.to_dict()
    out["field"] = hit.field
    out["phrase"] = hit.phrase
    if hit.why:
        out["why"] = hit.why
    return out


def top_values(values: Counter[str]) -> dict[str, int]:
    ranked = sorted(values.items(), key=lambda kv: (-kv[1], kv[0]))
    out = dict(ranked[:TOP_VALUES])
    rest = sum(n for _, n in ranked[TOP_VALUES:])
    if rest:
        out["(other)"] = rest
    return out
