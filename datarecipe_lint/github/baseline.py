"""The pull request's base commit, fetched (checkouts are shallow) so the cards can be read there.

Only git is run; nothing from the base revision is executed. The token, when one is needed for
the fetch, goes to git through the environment (never the command line), scoped to the server.
"""

from __future__ import annotations

import base64
from pathlib import Path

from ..baseline import git, has_commit


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
