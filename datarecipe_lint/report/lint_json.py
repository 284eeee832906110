"""``datarecipe lint --format json``: a JSON array, one object per card (path, recipe, gate)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..status import exit_code

if TYPE_CHECKING:
    from ..results import CardResult


def card_object(r: CardResult) -> dict[str, Any]:
    out: dict[str, Any] = {
        "path": r.path,
        "status": r.status.value,
        "exit_code": exit_code(r.status),
    }
    if r.error is not None:
        out["error"] = r.error
    if r.recipe is not None:
        out["recipe"] = r.recipe.to_dict()
    if r.gate is not None:
        out["gate"] = r.gate.to_dict()
    return out


def render(results: Sequence[CardResult], quiet: bool) -> str:
    shown = [r for r in results if not (quiet and r.passed)]
    return json.dumps([card_object(r) for r in shown], indent=2, ensure_ascii=False) + "\n"
