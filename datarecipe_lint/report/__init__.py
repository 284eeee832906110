"""Reporters: pure functions from the run's results to text, looked up by name in one registry.

Every reporter takes the card results (:class:`~datarecipe_lint.results.CardResult`) and a
:class:`View` (quiet, colour). They never decide exit codes; the ``main()`` functions do.

| name | used by | what |
| --- | --- | --- |
| ``terminal``, ``recipe-json``, ``recipe-yaml``, ``markdown`` | ``analyze`` | the recipe of a card |
| ``text``, ``concise``, ``json``, ``github``, ``sarif`` | ``lint``, ``comment``, the Action | the gates' results |
| ``comment``, ``summary`` | ``comment``, the Action | the PR comment and the job summary |
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Callable, NamedTuple

if TYPE_CHECKING:
    from ..recipe import Recipe
    from ..results import CardResult


class View(NamedTuple):
    quiet: bool = False  # only what failed
    color: bool = False
    comment_key: str = "default"  # comment: which of several comments this is
    summary_url: str | None = None  # comment: where the full report is
    reserve: int = 0  # github: annotations per level left for the caller's own (the Action's)
    root: str | None = None  # sarif: the repository root that artifact URIs are relative to
    verbose: bool = False  # terminal: also the other models and the cost's assumptions


Reporter = Callable[["Sequence[CardResult]", View], str]


def _recipe(results: Sequence[CardResult]) -> Recipe:
    (result,) = results
    assert result.recipe is not None
    return result.recipe


def _terminal(results: Sequence[CardResult], view: View) -> str:
    from .terminal import render

    return render(_recipe(results).to_dict(), view.color, view.verbose)


def _recipe_json(results: Sequence[CardResult], view: View) -> str:
    from .json_yaml import to_json

    return to_json(_recipe(results).to_dict())


def _recipe_yaml(results: Sequence[CardResult], view: View) -> str:
    from .json_yaml import to_yaml

    return to_yaml(_recipe(results).to_dict())


def _markdown(results: Sequence[CardResult], view: View) -> str:
    from .markdown import render

    return render(_recipe(results).to_dict())


def _text(results: Sequence[CardResult], view: View) -> str:
    from .lint_text import render

    return render(results, view.quiet, view.color)


def _concise(results: Sequence[CardResult], view: View) -> str:
    from .concise import render

    return render(results, view.quiet)


def _json(results: Sequence[CardResult], view: View) -> str:
    from .lint_json import render

    return render(results, view.quiet)


def _github(results: Sequence[CardResult], view: View) -> str:
    from .github import render

    return render(results, view.quiet, view.reserve)


def _sarif(results: Sequence[CardResult], view: View) -> str:
    from .sarif import render

    return render(results, view.root)


def _comment(results: Sequence[CardResult], view: View) -> str:
    from .comment import comment

    return comment(results, view.comment_key, view.summary_url)


def _summary(results: Sequence[CardResult], view: View) -> str:
    from .comment import summary

    return summary(results)


REPORTERS: dict[str, Reporter] = {
    "terminal": _terminal,
    "recipe-json": _recipe_json,
    "recipe-yaml": _recipe_yaml,
    "markdown": _markdown,
    "text": _text,
    "concise": _concise,
    "json": _json,
    "github": _github,
    "sarif": _sarif,
    "comment": _comment,
    "summary": _summary,
}
LINT_FORMATS = ("text", "concise", "json", "github", "sarif")
# analyze's --json/--yaml/--markdown and -o FILE extensions, to reporter names
RECIPE_FORMATS = {
    "terminal": "terminal",
    "json": "recipe-json",
    "yaml": "recipe-yaml",
    "markdown": "markdown",
}
EXTENSIONS = {
    ".json": "json",
    ".yaml": "yaml",
    ".yml": "yaml",
    ".md": "markdown",
    ".markdown": "markdown",
}


def render(name: str, results: Sequence[CardResult], view: View | None = None) -> str:
    return REPORTERS[name](results, view or View())


def render_recipe(fmt: str, recipe: Recipe, verbose: bool = False) -> str:
    """analyze: one recipe in an analyze format (terminal, json, yaml, markdown)."""
    from ..results import CardResult

    view = View(verbose=verbose)
    return render(RECIPE_FORMATS[fmt], [CardResult(recipe.source.id, recipe, None)], view)


def render_recipes(fmt: str, recipes: Sequence[Recipe], verbose: bool = False) -> str:
    """analyze with several sources: a JSON list, YAML documents, or the views one after another."""
    if len(recipes) == 1:
        return render_recipe(fmt, recipes[0], verbose)
    if fmt == "json":
        from .json_yaml import to_json

        return to_json([r.to_dict() for r in recipes])  # type: ignore[arg-type]
    parts = [render_recipe(fmt, r, verbose) for r in recipes]
    return ("---\n" if fmt == "yaml" else "\n").join(parts)
