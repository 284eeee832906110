"""Lint reporters, looked up by name. Each is a pure function of the card results."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from ..lint import CardResult


def _text(results: Sequence[CardResult], quiet: bool, color: bool) -> str:
    from .lint_text import render

    return render(results, quiet, color)


def _json(results: Sequence[CardResult], quiet: bool, color: bool) -> str:
    from .lint_json import render

    return render(results, quiet)


def _github(results: Sequence[CardResult], quiet: bool, color: bool) -> str:
    from .github import render

    return render(results, quiet)


def _sarif(results: Sequence[CardResult], quiet: bool, color: bool) -> str:
    from .sarif import render

    return render(results)


LINT_REPORTERS: dict[str, Callable[[Sequence[CardResult], bool, bool], str]] = {
    "text": _text,
    "json": _json,
    "github": _github,
    "sarif": _sarif,
}


def render(
    fmt: str, results: Sequence[CardResult], quiet: bool = False, color: bool = False
) -> str:
    return LINT_REPORTERS[fmt](results, quiet, color)
