"""The cost tables: the shipped prices, labour and cost-model tables, with a user's override file.

An override file (``--cost-table FILE`` or ``cost-table:`` in the configuration) has the same
shape as the shipped tables. Its top-level keys are sections of those tables; mappings merge key by
key, and rows merge by their identity (a price row by ``since``, a hosting tier by
``max_params_b``, an hourly rate by ``platform`` and ``kind``), so a file can change one price or
add a model without repeating the rest.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, NamedTuple

from ..errors import UsageError

SHIPPED = ("prices", "labour", "cost")
META_KEYS = ("version", "currency", "unit")
ROW_KEYS: tuple[tuple[str, ...], ...] = (("since",), ("max_params_b",), ("platform", "kind"))


class Tables(NamedTuple):
    """The three tables, each read (and merged with the override) on first use."""

    override: str | None = None

    @property
    def prices(self) -> Mapping[str, Any]:
        return _merged("prices", self.override)

    @property
    def labour(self) -> Mapping[str, Any]:
        return _merged("labour", self.override)

    @property
    def cost(self) -> Mapping[str, Any]:
        return _merged("cost", self.override)


def tables(override: str | None = None) -> Tables:
    """The shipped tables, with ``override`` (a YAML file path) merged in when given."""
    return Tables(str(Path(override).resolve()) if override else None)


@lru_cache(maxsize=16)
def _merged(name: str, override: str | None) -> Mapping[str, Any]:
    from ..knowledge import table

    shipped = table(name)
    if not override:
        return shipped
    extra = load_override(override)
    keys = [k for k in extra if k in shipped and k not in META_KEYS]
    if not keys:
        return shipped
    out = dict(shipped)
    for key in keys:
        if key == "models":  # a model's price history from the user replaces the shipped one
            mine = {m: [{**row, USER: True} for row in rows] for m, rows in extra[key].items()}
            out[key] = {**shipped[key], **mine}
        else:
            out[key] = merge(shipped[key], _mark(extra[key]))
    return out


USER = "from_user_table"  # marks the rows a --cost-table or cost-table: file supplied


def _mark(value: Any) -> Any:
    """The user's rows, marked so that what they price is labelled as the user's rate."""
    if isinstance(value, list):
        return [{**v, USER: True} if isinstance(v, Mapping) else v for v in value]
    if isinstance(value, Mapping):
        return {k: _mark(v) for k, v in value.items()}
    return value


@lru_cache(maxsize=8)
def load_override(path: str, label: str = "cost table") -> Mapping[str, Any]:
    """Read and check an override file; a one-line UsageError says what is wrong."""
    import yaml

    from ..knowledge import table

    where = f"{label} {path}"
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"{where}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise UsageError(f"{where}: not UTF-8 text") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise UsageError(f"{where}: not valid YAML: {str(exc).splitlines()[0]}") from None
    if not isinstance(data, dict):
        raise UsageError(
            f"{where}: must be a mapping of table sections (e.g. models:, hourly_rates_usd:)"
        )
    known = sorted({key for name in SHIPPED for key in table(name) if key not in META_KEYS})
    for key in data:
        if key not in META_KEYS and key not in known:
            raise UsageError(f"{where}: unknown section {key!r} (known: {', '.join(known)})")
    checked: dict[str, Any] = _normalise(data)
    _check_prices(where, checked.get("models", {}))
    return checked


def _normalise(value: Any) -> Any:
    """YAML reads an unquoted 2024-01-01 as a date; the tables hold ISO strings."""
    if isinstance(value, dict):
        return {str(k): _normalise(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_normalise(v) for v in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()[:10]
    return value


def _check_prices(where: str, models: Any) -> None:
    if not isinstance(models, dict):
        raise UsageError(f"{where}: models must map model names to price rows")
    for name, rows in models.items():
        if not isinstance(rows, list) or not rows:
            raise UsageError(
                f"{where}: models.{name} must be a list of rows with since, input, output"
            )
        for row in rows:
            ok = isinstance(row, dict) and _is_date(row.get("since"))
            ok = ok and all(_is_number(row.get(k)) for k in ("input", "output"))
            if not ok:
                raise UsageError(
                    f"{where}: models.{name}: each row needs since (YYYY-MM-DD), input and output (USD per 1M tokens)"
                )


def _is_date(value: Any) -> bool:
    try:
        datetime.date.fromisoformat(str(value))
    except ValueError:
        return False
    return True


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0


def merge(base: Any, over: Any) -> Any:
    if isinstance(base, Mapping) and isinstance(over, Mapping):
        out = dict(base)
        for key, value in over.items():
            out[key] = merge(base[key], value) if key in base else value
        return out
    if isinstance(base, list) and isinstance(over, list):
        key = _row_key(base + over)
        if key is not None:
            return _merge_rows(base, over, key)
    return over


def _row_key(rows: list[Any]) -> Callable[[Mapping[str, Any]], tuple[Any, ...]] | None:
    if not rows or not all(isinstance(r, Mapping) for r in rows):
        return None
    for fields in ROW_KEYS:
        if all(fields[0] in r for r in rows):
            return lambda row, fields=fields: tuple(str(row.get(f)) for f in fields)  # type: ignore[misc]
    return None


def _merge_rows(
    base: list[Any], over: list[Any], key: Callable[[Mapping[str, Any]], tuple[Any, ...]]
) -> list[Any]:
    merged: dict[tuple[Any, ...], Mapping[str, Any]] = {key(r): r for r in base}
    for row in over:
        merged[key(row)] = {**merged.get(key(row), {}), **row}
    rows = list(merged.values())
    if all("since" in r for r in rows):
        rows.sort(key=lambda r: str(r["since"]))
    elif all("max_params_b" in r for r in rows):
        rows.sort(key=lambda r: float(r["max_params_b"]))
    return rows
