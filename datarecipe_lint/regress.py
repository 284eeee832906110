"""``--no-regress REF``: the card's score at a git ref, read with ``git show REF:path``."""

from __future__ import annotations

import subprocess
from pathlib import Path

from .card import decode
from .errors import UsageError
from .pipeline import Settings, analyze_text
from .recipe import Source


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, timeout=30, check=False)
    except FileNotFoundError:
        raise UsageError("--no-regress needs git on PATH") from None
    except subprocess.TimeoutExpired:
        raise UsageError("--no-regress: git did not answer within 30 s") from None


def baseline_score(card_path: str, ref: str, settings: Settings) -> float | None:
    """The score at ``ref``; None when the card did not exist there (then --min-score applies)."""
    path = Path(card_path)
    if path.is_dir():
        path = path / "README.md"
    folder = path.resolve().parent
    top = _git(["rev-parse", "--show-toplevel"], folder)
    if top.returncode != 0:
        raise UsageError(f"--no-regress: {card_path} is not inside a git repository")
    root = Path(top.stdout.decode().strip())
    if _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], root).returncode != 0:
        raise UsageError(
            f"--no-regress: unknown git ref {ref!r} (fetch it first, e.g. git fetch origin {ref})"
        )
    rel = path.resolve().relative_to(root.resolve()).as_posix()
    shown = _git(["show", f"{ref}:{rel}"], root)
    if shown.returncode != 0:
        return None
    try:
        text = decode(shown.stdout)
    except ValueError:
        return None
    recipe = analyze_text(text, path.stem, Source("local", f"{ref}:{rel}"), settings, path=rel)
    return recipe.reproducibility.score
