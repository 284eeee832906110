"""``datarecipe fix --hub ORG/NAME``: the fix of a Hub dataset's card, and with ``--open-pr`` one
Hub pull request that carries it (``huggingface_hub``'s ``create_commit`` with ``create_pr``)."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from ..card import Card
    from ..export.facts import Facts
    from ..options import Flags
    from ..recipe import Recipe
    from . import Fixed

TITLE = "Document how this dataset was made (datarecipe fix)"


class HubFix(NamedTuple):
    repo_id: str
    revision: str  # the commit the card was read at
    original: str
    fixed: Fixed
    score_before: float
    score_after: float


def fix_hub(repo_id: str, flags: Flags) -> HubFix:
    from ..card import parse
    from ..export.facts import gather
    from ..options import build
    from ..pipeline import run
    from ..sources import load
    from . import fix_until_stable

    options = build(None, flags)
    loaded = load(repo_id, options.source)
    recipe = run(loaded, options)

    def analyse(current: str) -> tuple[Recipe, Card, Facts]:
        result = recipe if current == loaded.text else run(loaded._replace(text=current), options)
        parsed = parse(current, "README.md")
        return result, parsed, gather(result, parsed)

    fixed = fix_until_stable(loaded.text, analyse)
    after = recipe.reproducibility.score
    if fixed.text != loaded.text:
        after = run(loaded._replace(text=fixed.text), options).reproducibility.score
    sha = loaded.source.revision or "main"
    return HubFix(loaded.source.id, sha, loaded.text, fixed, recipe.reproducibility.score, after)


def open_pr(fix: HubFix, token: str | None) -> str:
    """Open one pull request with the fixed README.md; its address."""
    from huggingface_hub import CommitOperationAdd, HfApi

    from ..sources.hub import HubEnv, hub_error

    endpoint = HubEnv.from_env(os.environ).endpoint
    todo = ", ".join(fix.fixed.todo) or "none"
    description = (
        "This pull request adds the provenance that the card's own text supports, where readers "
        "and the Hub's card template expect it, and a `TODO(datarecipe):` question for each "
        f"element still missing (open: {todo}). Reproducibility score "
        f"{fix.score_before:.1f} -> {fix.score_after:.1f}."
    )
    try:
        info = HfApi(endpoint=endpoint, token=token).create_commit(
            fix.repo_id,
            [CommitOperationAdd("README.md", fix.fixed.text.encode("utf-8"))],
            commit_message=TITLE,
            commit_description=description,
            repo_type="dataset",
            create_pr=True,
            parent_commit=fix.revision if len(fix.revision) == 40 else None,
        )
    except Exception as exc:
        raise hub_error(exc, fix.repo_id, None) from None
    return str(info.pr_url or info.commit_url)
