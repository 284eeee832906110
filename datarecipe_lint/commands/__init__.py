"""The subcommands, one module each with ``HELP``, ``add_arguments(parser)`` and
``run(args) -> Status``. None imports ``cli``; the CLI imports only the one that runs."""

from __future__ import annotations

import importlib
from types import ModuleType

# subcommand -> (module, one-line help for 'datarecipe --help')
COMMANDS: dict[str, tuple[str, str]] = {
    "analyze": ("analyze", "analyze a card (path or Hub id) and print its recipe"),
    "lint": ("lint", "check cards against gates (for pre-commit and CI)"),
    "comment": (
        "comment",
        "lint, then post or update one comment on a GitHub PR or a Hub discussion",
    ),
    "fix": ("fix", "write the detected provenance and TODO questions into cards (--diff, --check)"),
    "show": ("show", "validate and display a recipe file (.yaml or .json)"),
    "list-sources": (
        "list_sources",
        "list the sources a card can come from and whether each is available",
    ),
    "schema": ("schema", "print the JSON Schema of the recipe"),
    "export": ("export", "export the provenance as Croissant RAI JSON-LD or an EU AI Act summary"),
}


def load(name: str) -> ModuleType:
    return importlib.import_module(f"{__name__}.{COMMANDS[name][0]}")
