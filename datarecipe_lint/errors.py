"""Errors that stop a card from being analysed at all (exit code 2).

Each carries a one-line message that says what went wrong and what to do; the CLI prints it
without a traceback unless ``--debug`` is given.
"""

from __future__ import annotations


class DataRecipeError(Exception):
    """Could not run: bad arguments, unreadable input, dataset not found, network or auth failure."""

    def __init__(self, message: str, kind: str = "error") -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message

    def __str__(self) -> str:
        return self.message


class UsageError(DataRecipeError):
    def __init__(self, message: str) -> None:
        super().__init__(message, "usage")


class InputError(DataRecipeError):
    def __init__(self, message: str, kind: str = "input") -> None:
        super().__init__(message, kind)
