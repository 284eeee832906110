"""The pull request's base: fetch its commit (checkouts are shallow) and read each card there.

Only git is run; nothing from the base revision is executed. The token, when one is needed for
the fetch, goes to git through the environment (never the command line), scoped to the server.
"""

from __future__ import annotations

import base64
import os
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from ..card import decode
from ..pipeline import Settings, analyze_text
from ..recipe import Recipe, Source

TIMEOUT = 120


class Base(NamedTuple):
    compared: bool  # the base revision could be read
    recipe: Recipe | None  # None: the card is new (not at the base revision)


NOT_COMPARED = Base(False, None)


def git(
    args: list[str], cwd: Path, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    full_env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", **(env or {})}
    try:
        return subprocess.run(
            ["git", *args], cwd=cwd, env=full_env, capture_output=True, timeout=TIMEOUT, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return subprocess.CompletedProcess(["git", *args], 128, b"", b"git failed or timed out")


def has_commit(ref: str, cwd: Path) -> bool:
    return git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], cwd).returncode == 0


def fetch(sha: str, cwd: Path, server_url: str | None = None, token: str | None = None) -> bool:
    """Make ``sha`` available locally: already there, a plain fetch, or a fetch with the token."""
    if has_commit(sha, cwd):
        return True
    args = ["fetch", "--no-tags", "--quiet", "--depth=1", "origin", sha]
    if git(args, cwd).returncode == 0 and has_commit(sha, cwd):
        return True
    if not token or not server_url:
        return False
    auth = base64.b64encode(f"x-access-token:{token}".encode()).decode("ascii")
    env = {
        "GIT_CONFIG_COUNT": "1",
        "GIT_CONFIG_KEY_0": f"http.{server_url.rstrip('/')}/.extraheader",
        "GIT_CONFIG_VALUE_0": f"AUTHORIZATION: basic {auth}",
    }
    return git(args, cwd, env).returncode == 0 and has_commit(sha, cwd)


def base_recipe(card_path: str, ref: str, settings: Settings) -> Base:
    """The card as it was at ``ref``, analysed with the same settings."""
    path = Path(card_path)
    if path.is_dir():
        path = path / "README.md"
    folder = path.resolve().parent
    if not folder.is_dir():
        return NOT_COMPARED
    top = git(["rev-parse", "--show-toplevel"], folder)
    if top.returncode != 0 or not has_commit(ref, folder):
        return NOT_COMPARED
    root = Path(top.stdout.decode("utf-8", "replace").strip())
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
    return Base(True, analyze_text(text, path.stem, source, settings, path=rel))
