"""Shared by the Action and ``datarecipe comment``: lint the cards through the same pipeline as
``datarecipe lint``, compare them with a base revision, print, and post the one comment."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..report.comment import CardView, comment
from ..report.escape import workflow_inert
from .sync import Thread, sync

if TYPE_CHECKING:
    from ..lint import CardResult

COMMANDS = ("::error ", "::warning ", "::notice ")


def lint_all(paths: Sequence[str], args: argparse.Namespace) -> list[CardResult]:
    from ..lint import find_cards, lint_one

    return [lint_one(path, args) for path in find_cards(list(paths))]


def compare(
    results: Sequence[CardResult], args: argparse.Namespace, ref: str | None
) -> list[CardView]:
    """Each card with its state at ``ref`` (nothing compared when ``ref`` is None)."""
    if ref is None:
        return [CardView(r) for r in results]
    from ..config import resolve_settings
    from ..errors import DataRecipeError
    from .baseline import base_recipe

    views = []
    for r in results:
        if r.recipe is None:
            views.append(CardView(r))
            continue
        try:
            settings = resolve_settings(r.path, args).settings
        except DataRecipeError:
            views.append(CardView(r))
            continue
        base = base_recipe(r.path, ref, settings)
        views.append(CardView(r, base.recipe, base.compared))
    return views


def lint_output(fmt: str, results: Sequence[CardResult], quiet: bool, color: bool) -> str:
    """``datarecipe lint`` output; in the github format every line that is not one of our
    annotations is made inert, so no card text or path can become a workflow command."""
    from ..report.lint import render

    text = render(fmt, results, quiet=quiet, color=color)
    if fmt != "github":
        return text
    lines = [ln if ln.startswith(COMMANDS) else workflow_inert(ln) for ln in text.splitlines()]
    return "\n".join(lines) + ("\n" if lines else "")


def post(
    thread: Thread, views: Sequence[CardView], key: str, mode: str, summary_url: str | None
) -> str:
    """Create, update or delete the comment; what was done (see :func:`.sync.sync`)."""
    body = comment(views, key, summary_url)
    passed = bool(views) and all(v.result.exit_code == 0 for v in views)
    return sync(thread, body, key, mode, passed)
