"""The recipe's JSON Schema (shipped as ``recipe.schema.json``) and validation of recipe files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .errors import InputError

SCHEMA_PATH = Path(__file__).with_name("recipe.schema.json")


def schema_text() -> str:
    return SCHEMA_PATH.read_text(encoding="utf-8")


def schema() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(schema_text())
    return data


def validate(tree: Any, where: str = "recipe") -> None:
    """Raise InputError naming the first bad key."""
    try:
        import jsonschema  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - jsonschema is optional at run time
        raise InputError(
            "validating a recipe needs jsonschema: pip install jsonschema", "missing_dependency"
        ) from None
    validator = jsonschema.Draft202012Validator(schema())
    errors = sorted(validator.iter_errors(tree), key=lambda e: (list(e.absolute_path), e.message))
    if errors:
        first = errors[0]
        key = ".".join(str(p) for p in first.absolute_path) or "(top level)"
        raise InputError(
            f"{where}: invalid recipe at key '{key}': {first.message}", "invalid_recipe"
        )


def load_recipe_file(path: str) -> dict[str, Any]:
    p = Path(path)
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file", "not_found") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}", "unreadable") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(
            f"{path}: not UTF-8 text; a recipe is a .yaml or .json file", "not_text"
        ) from None
    try:
        if p.suffix.lower() == ".json":
            tree = json.loads(text)
        else:
            import yaml

            tree = yaml.safe_load(text)
    except (ValueError, Exception) as exc:  # yaml.YAMLError or json.JSONDecodeError
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(f"{path}: not a readable recipe: {first}", "invalid_recipe") from None
    validate(tree, path)
    assert isinstance(tree, dict)
    return tree
