"""Configuration: ``.datarecipe.yaml`` or ``[tool.datarecipe]`` in ``pyproject.toml``.

Found by walking up from the card's folder (the first file that has a DataRecipe section wins).
Order: command line > config file > defaults. Unknown keys and bad values are errors naming the
key. Validation is one declarative table (``SCHEMA``), not a chain of checks.

Example ``.datarecipe.yaml``::

    min-score: 6
    require: [license, teacher_model_names]
    fail-on: [consistency]
    ignore:
      exact_prompts: prompts are proprietary
    cards:
      data/README.md:
        teachers: [GPT-4o]
        origin: synthetic
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Callable, NamedTuple

from .errors import UsageError
from .values import parse_ids, parse_size

CONFIG_NAMES = (".datarecipe.yaml", ".datarecipe.yml")
ORIGINS = ("synthetic", "human", "web", "mixed", "unknown")


def _finding_ids() -> set[str]:
    from .findings import FINDING_IDS

    return set(FINDING_IDS)


def _criteria() -> set[str]:
    from .rubric import CRITERIA_IDS

    return set(CRITERIA_IDS)


def _number(lo: float, hi: float) -> Callable[[str, Any], float]:
    def check(key: str, value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not lo <= value <= hi:
            raise UsageError(f"{key} {value!r}: must be a number between {lo:g} and {hi:g}")
        return float(value)

    return check


def _ids(known: Callable[[], set[str]], what: str) -> Callable[[str, Any], dict[str, str]]:
    """A list of ids, a comma-separated string, or a mapping id -> reason."""

    def check(key: str, value: Any) -> dict[str, str]:
        if isinstance(value, str):
            value = list(parse_ids(value))
        if isinstance(value, (list, tuple)):
            value = dict.fromkeys(value, "")
        if not isinstance(value, dict) or not all(isinstance(k, str) for k in value):
            raise UsageError(f"{key} must be a list of {what} ids")
        unknown = sorted(set(value) - known())
        if unknown:
            raise UsageError(
                f"{key}: unknown {what} {unknown[0]!r} (known: {', '.join(sorted(known()))})"
            )
        return {k: "" if v is None else str(v) for k, v in value.items()}

    return check


def _names(key: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise UsageError(f"{key} must be a list of names")
    return tuple(value)


def _origin(key: str, value: Any) -> str:
    if value not in ORIGINS:
        raise UsageError(f"{key} must be one of {', '.join(ORIGINS)}, got {value!r}")
    return str(value)


def _size(key: str, value: Any) -> int:
    try:
        return parse_size(str(value))
    except ValueError:
        raise UsageError(f"{key} must be a size such as 10MB or 500kB, got {value!r}") from None


def _path(key: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise UsageError(f"{key} must be a file path, got {value!r}")
    return value


def _either(*ids: Callable[[], set[str]]) -> Callable[[], set[str]]:
    return lambda: set().union(*(f() for f in ids))


CARD_SCHEMA: Mapping[str, Callable[[str, Any], Any]] = {
    "teachers": _names,
    "platforms": _names,
    "origin": _origin,
    "ignore": _ids(_either(_criteria, _finding_ids), "criterion or finding"),
    "min-score": _number(0, 10),
    "require": _ids(_criteria, "criterion"),
}


def _cards(key: str, value: Any) -> dict[str, dict[str, Any]]:
    if not isinstance(value, dict):
        raise UsageError(f"{key} must map card paths to settings")
    return {
        str(path): validate(body or {}, CARD_SCHEMA, f"{key}.{path}")
        for path, body in value.items()
    }


SCHEMA: Mapping[str, Callable[[str, Any], Any]] = {
    "min-score": _number(0, 10),
    "require": _ids(_criteria, "criterion"),
    "fail-on": _ids(_finding_ids, "finding"),
    "ignore": _ids(_either(_criteria, _finding_ids), "criterion or finding"),
    "max-bytes": _size,
    "cost-table": _path,  # YAML overriding the shipped price/labour tables; relative to the config file
    "cards": _cards,
}


def validate(
    data: Any, schema: Mapping[str, Callable[[str, Any], Any]], where: str = ""
) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise UsageError(f"{where or 'the DataRecipe section'} must be a mapping of keys")
    out: dict[str, Any] = {}
    for raw_key, value in data.items():
        key = str(raw_key).replace("_", "-")
        full = f"{where}.{raw_key}" if where else str(raw_key)
        if key not in schema:
            raise UsageError(f"unknown key {full!r} (known: {', '.join(schema)})")
        out[key] = schema[key](full, value)
    return out


class Loaded(NamedTuple):
    path: Path | None
    data: dict[str, Any]


def find_config(start: Path) -> Path | None:
    folder = start if start.is_dir() else start.parent
    for directory in [folder.resolve(), *folder.resolve().parents]:
        for name in CONFIG_NAMES:
            if (directory / name).is_file():
                return directory / name
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file() and b"[tool.datarecipe" in pyproject.read_bytes():
            return pyproject
    return None


_CACHE: dict[tuple[Path, int, int], Loaded] = {}


def load_config(path: Path) -> Loaded:
    """Load and validate a config file; cached per file version within one run."""
    try:
        stat = path.stat()
    except OSError as exc:
        raise UsageError(f"{path}: cannot read config: {exc.strerror or exc}") from None
    key = (path.resolve(), stat.st_mtime_ns, stat.st_size)
    if key in _CACHE:
        return _CACHE[key]
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"{path}: cannot read config: {exc.strerror or exc}") from None
    if path.suffix == ".toml":
        if sys.version_info >= (3, 11):
            import tomllib
        else:  # the same parser, as a package for older Pythons
            import tomli as tomllib

        try:
            data = tomllib.loads(raw.decode("utf-8")).get("tool", {}).get("datarecipe", {})
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise UsageError(f"{path}: not valid TOML: {exc}") from None
    else:
        import yaml

        try:
            data = yaml.safe_load(raw) or {}
        except yaml.YAMLError as exc:
            raise UsageError(f"{path}: not valid YAML: {str(exc).splitlines()[0]}") from None
    try:
        loaded = Loaded(path, validate(data, SCHEMA))
    except UsageError as exc:
        raise UsageError(f"{path}: {exc}") from None
    _CACHE[key] = loaded
    return loaded


def cost_table(value: str | None, config_path: Path | None) -> str | None:
    """The config's ``cost-table``, resolved against the config file's folder and checked."""
    if not value or config_path is None:
        return None
    from .cost.tables import load_override

    path = str((config_path.resolve().parent / value).resolve())
    load_override(path, f"{config_path}: cost-table")
    return path


def card_section(conf: Mapping[str, Any], config_path: Path | None, card: Path) -> dict[str, Any]:
    """The ``cards:`` entry of the config that names this card, or an empty mapping."""
    cards: dict[str, dict[str, Any]] = conf.get("cards", {})
    if not cards or config_path is None:
        return {}
    base = config_path.resolve().parent
    target = card.resolve()
    if target.is_dir():
        target = target / "README.md"
    for rel, body in cards.items():
        candidate = (base / rel).resolve()
        if candidate == target or (candidate / "README.md") == target:
            return body
    return {}
