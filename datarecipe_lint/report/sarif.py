"""SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

Artifact URIs are relative to the repository root (``uriBaseId: %SRCROOT%``) and percent-encoded,
as code scanning expects; a card outside the root is named by an absolute ``file:`` URI.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from .. import __version__
from ..findings import FINDINGS
from ..rubric import SPECS

if TYPE_CHECKING:
    from ..results import CardResult

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFO_URI = "https://github.com/datarecipe/datarecipe"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _rules() -> list[dict[str, Any]]:
    rules = [
        {
            "id": "gate",
            "name": "Gate",
            "shortDescription": {
                "text": "The card fails a configured gate (minimum score, required element, fail-on finding)"
            },
            "defaultConfiguration": {"level": "error"},
        },
        {
            "id": "unreadable-card",
            "name": "UnreadableCard",
            "shortDescription": {"text": "The card could not be read"},
            "defaultConfiguration": {"level": "error"},
        },
    ]
    for f in FINDINGS:
        rules.append(
            {
                "id": f.id,
                "name": f.id.title().replace("-", ""),
                "shortDescription": {"text": f.checks},
                "help": {"text": f.fix},
                "defaultConfiguration": {"level": LEVEL[f.severity]},
            }
        )
    for spec in SPECS:
        rules.append(
            {
                "id": f"missing-{spec.id}",
                "name": "Missing" + spec.id.title().replace("_", ""),
                "shortDescription": {
                    "text": f"The card does not meet the '{spec.id}' criterion: it {spec.point}"
                },
                "help": {"text": spec.suggestion},
                "defaultConfiguration": {"level": "warning"},
            }
        )
    return rules


def artifact(path: str, root: str | None) -> dict[str, str]:
    """The artifactLocation of a card: relative to ``root`` (default: the working folder)."""
    base = Path(root or os.getcwd()).resolve()
    target = Path(path)
    full = (target if target.is_absolute() else base / target).resolve()
    try:
        rel = full.relative_to(base).as_posix()
    except ValueError:
        return {"uri": full.as_uri()}
    return {"uri": quote(rel, safe="/"), "uriBaseId": "%SRCROOT%"}


def _result(
    rule: str, level: str, message: str, path: str, line: int | None, root: str | None
) -> dict[str, Any]:
    return {
        "ruleId": rule,
        "level": level,
        "message": {"text": message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": artifact(path, root),
                    "region": {"startLine": max(1, line or 1)},
                }
            }
        ],
    }


def render(results: Sequence[CardResult], root: str | None = None) -> str:
    out: list[dict[str, Any]] = []
    for r in results:
        if r.error is not None:
            out.append(_result("unreadable-card", "error", r.error, r.path, 1, root))
            continue
        assert r.recipe is not None and r.gate is not None
        for reason in r.gate.reasons:
            out.append(_result("gate", "error", reason, r.path, 1, root))
        for f in r.recipe.findings:
            out.append(
                _result(f.id, LEVEL.get(f.severity, "warning"), f.message, r.path, f.line, root)
            )
        for c in r.recipe.reproducibility.criteria:
            if c.status == "missing":
                out.append(
                    _result(f"missing-{c.id}", "warning", c.suggestion or c.id, r.path, 1, root)
                )
    log = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "datarecipe",
                        "version": __version__,
                        "informationUri": INFO_URI,
                        "rules": _rules(),
                    }
                },
                "results": out,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
