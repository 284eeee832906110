"""``--no-regress REF``: the card as it was at a git revision, analysed once with the same options.

The gate compares scores with it and the pull-request comment shows what changed, from the same
analysis. Only git is run (``git show REF:path``); nothing from the base revision is executed.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from .card import decode
from .errors import UsageError
from .recipe import Recipe, Source

if TYPE_CHECKING:
    from .options import RunOptions

TIMEOUT = 120


class Base(NamedTuple):
    compared: bool  # the base revision could be read
    recipe: Recipe | None  # None: the card is new (not at the base revision)


NOT_COMPARED = Base(False, None)


def git(
    args: list[str], cwd: Path, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Run git quietly; a missing git or a time-out is an ordinary failure (code 128)."""
    full_env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", **(env or {})}
    try:
        return subprocess.run(
            ["git", *args], cwd=cwd, env=full_env, capture_output=True, timeout=TIMEOUT, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return subprocess.CompletedProcess(["git", *args], 128, b"", b"git failed or timed out")


def has_commit(ref: str, cwd: Path) -> bool:
    return git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], cwd).returncode == 0


def base_recipe(card_path: str, ref: str, options: RunOptions) -> Base:
    """The card at ``ref``; ``Base(True, None)`` when it did not exist there (a new card)."""
    from .pipeline import analyze_text

    path = Path(card_path)
    if path.is_dir():
        path = path / "README.md"
    folder = path.resolve().parent
    if not folder.is_dir():
        return NOT_COMPARED
    top = git(["rev-parse", "--show-toplevel"], folder)
    if top.returncode != 0:
        raise UsageError(f"--no-regress: {card_path} is not inside a git repository")
    root = Path(top.stdout.decode("utf-8", "replace").strip())
    if not has_commit(ref, root):
        raise UsageError(
            f"--no-regress: unknown git ref {ref!r} (fetch it first, e.g. git fetch origin {ref})"
        )
    try:
        rel = path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return NOT_COMPARED
    shown = git(["show", f"{ref}:{rel}"], root)
    if shown.returncode != 0:
        return Base(True, None)
    try:
        text = decode(shown.stdout)
    except ValueError:
        return Base(True, None)
    source = Source("local", f"{ref}:{rel}")
    return Base(True, analyze_text(text, path.stem, source, options, path=rel))
