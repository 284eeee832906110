"""Reporters: pure functions from a recipe tree (``Recipe.to_dict()``) to text.

They never decide exit codes; the CLI does.
"""

from __future__ import annotations

from typing import Any, Callable

Tree = dict[str, Any]


def _json(tree: Tree) -> str:
    from .json_yaml import to_json

    return to_json(tree)


def _yaml(tree: Tree) -> str:
    from .json_yaml import to_yaml

    return to_yaml(tree)


def _markdown(tree: Tree) -> str:
    from .markdown import render

    return render(tree)


def _terminal(tree: Tree) -> str:
    from .terminal import render

    return render(tree)


RECIPE_REPORTERS: dict[str, Callable[[Tree], str]] = {
    "json": _json,
    "yaml": _yaml,
    "markdown": _markdown,
    "terminal": _terminal,
}
EXTENSIONS = {
    ".json": "json",
    ".yaml": "yaml",
    ".yml": "yaml",
    ".md": "markdown",
    ".markdown": "markdown",
}
