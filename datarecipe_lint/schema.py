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
    """Raise InputError naming the first bad key. Uses jsonschema when it is installed, else the
    small built-in checker below (enough for this schema: type, required, properties, items,
    enum, const, minimum, maximum, minLength, additionalProperties, local $ref)."""
    try:
        import jsonschema  # type: ignore[import-untyped]
    except ImportError:
        problem = first_problem(tree, schema(), schema(), ())
        if problem is not None:
            path, message = problem
            raise InputError(
                f"{where}: invalid recipe at key '{'.'.join(map(str, path)) or '(top level)'}': {message}",
                "invalid_recipe",
            ) from None
        return
    validator = jsonschema.Draft202012Validator(schema())
    errors = sorted(validator.iter_errors(tree), key=lambda e: (list(e.absolute_path), e.message))
    if errors:
        first = errors[0]
        key = ".".join(str(p) for p in first.absolute_path) or "(top level)"
        raise InputError(
            f"{where}: invalid recipe at key '{key}': {first.message}", "invalid_recipe"
        )


JSON_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "null": (type(None),),
}


def _is(value: Any, kind: str) -> bool:
    if kind in ("integer", "number") and isinstance(value, bool):
        return False
    return isinstance(value, JSON_TYPES[kind])


def first_problem(
    value: Any, node: dict[str, Any], root: dict[str, Any], path: tuple[Any, ...]
) -> tuple[tuple[Any, ...], str] | None:
    """The first place where ``value`` breaks ``node`` (a subset of JSON Schema), or None."""
    if "$ref" in node:
        target: Any = root
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]
        return first_problem(value, target, root, path)
    kinds = node.get("type")
    if kinds is not None:
        kinds = [kinds] if isinstance(kinds, str) else kinds
        if not any(_is(value, k) for k in kinds):
            return path, f"{value!r} is not of type {', '.join(map(repr, kinds))}"
    if "const" in node and value != node["const"]:
        return path, f"{node['const']!r} was expected"
    if "enum" in node and value not in node["enum"]:
        return path, f"{value!r} is not one of {node['enum']!r}"
    if _is(value, "number"):
        if "minimum" in node and value < node["minimum"]:
            return path, f"{value!r} is less than the minimum of {node['minimum']!r}"
        if "maximum" in node and value > node["maximum"]:
            return path, f"{value!r} is greater than the maximum of {node['maximum']!r}"
    if isinstance(value, str) and len(value) < node.get("minLength", 0):
        return path, f"{value!r} is too short"
    if isinstance(value, dict):
        for key in node.get("required", ()):
            if key not in value:
                return path, f"{key!r} is a required property"
        props = node.get("properties", {})
        extra = node.get("additionalProperties")
        for key, item in value.items():
            sub = props.get(key, extra if isinstance(extra, dict) else None)
            found = first_problem(item, sub, root, (*path, key)) if sub is not None else None
            if found is not None:
                return found
    if isinstance(value, list) and "items" in node:
        for i, item in enumerate(value):
            found = first_problem(item, node["items"], root, (*path, i))
            if found is not None:
                return found
    return None


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
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{path}: not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg.lower().removesuffix(' at')}",
            "invalid_recipe",
        ) from None
    except Exception as exc:  # yaml.YAMLError
        mark = getattr(exc, "problem_mark", None)
        problem = (
            getattr(exc, "problem", None) or (str(exc).splitlines() or [type(exc).__name__])[0]
        )
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        raise InputError(f"{path}: not valid YAML{where}: {problem}", "invalid_recipe") from None
    validate(tree, path)
    assert isinstance(tree, dict)
    return tree
