"""JSON and YAML: the same tree, stable key order, byte-identical for the same input."""

from __future__ import annotations

import json
from typing import Any

import yaml

_Dumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def to_json(tree: dict[str, Any]) -> str:
    return json.dumps(tree, indent=2, ensure_ascii=False) + "\n"


def to_yaml(tree: dict[str, Any]) -> str:
    return str(
        yaml.dump(
            tree,
            Dumper=_Dumper,
            sort_keys=False,
            allow_unicode=True,
            width=100,
            default_flow_style=False,
        )
    )
