"""The pre-commit hook, run for real with `pre-commit try-repo`, off the network.

`.ci/run` downloads the wheels the hook needs into `.wheelhouse/`; pip then installs the hook
from there with PIP_NO_INDEX=1.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT

WHEELHOUSE = Path(os.environ.get("DATARECIPE_WHEELHOUSE", ROOT / ".wheelhouse"))


def _pre_commit() -> list[str]:
    try:
        import pre_commit  # noqa: F401
    except ImportError:
        pytest.skip("pre-commit is not installed")
    if not WHEELHOUSE.is_dir():
        pytest.skip(f"no wheelhouse at {WHEELHOUSE} (.ci/run prepares it)")
    return [sys.executable, "-m", "pre_commit"]


@pytest.fixture(scope="module")
def hook_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


def _dataset_repo(path: Path, card: Path) -> Path:
    path.mkdir()
    shutil.copy(card, path / "README.md")
    (path / "notes.txt").write_text("not a card\n")
    for args in (["init", "-q"], ["add", "."]):
        subprocess.run(["git", *args], cwd=path, check=True, capture_output=True)
    return path


def _try_repo(
    repo: Path, home: Path, hook: str = "datarecipe-lint"
) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(home),
        "PIP_NO_INDEX": "1",
        "PIP_FIND_LINKS": str(WHEELHOUSE),
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "NO_COLOR": "1",
    }
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run(
        [*_pre_commit(), "try-repo", str(ROOT), hook, "--all-files", "--color", "never"],
        cwd=repo, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_hook_passes_good_card_and_fails_poor_one(tmp_path: Path, hook_home: Path) -> None:
    good = _try_repo(_dataset_repo(tmp_path / "good", FIXTURES / "lint" / "good.md"), hook_home)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout
    poor = _try_repo(_dataset_repo(tmp_path / "poor", FIXTURES / "lint" / "poor.md"), hook_home)
    assert poor.returncode == 1, poor.stdout + poor.stderr
    assert "Failed" in poor.stdout
    assert "missing   source_code" in poor.stdout
    assert "below the minimum 5.0" in poor.stdout


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_fix_hook_fixes_once_then_passes(tmp_path: Path, hook_home: Path) -> None:
    repo = _dataset_repo(tmp_path / "fix", FIXTURES / "lint" / "poor.md")
    first = _try_repo(repo, hook_home, "datarecipe-fix")
    assert first.returncode == 1, first.stdout + first.stderr
    assert "files were modified by this hook" in first.stdout
    assert "TODO(datarecipe):" in (repo / "README.md").read_text(encoding="utf-8")
    subprocess.run(["git", "add", "."], cwd=repo, check=True, capture_output=True)
    second = _try_repo(repo, hook_home, "datarecipe-fix")
    assert second.returncode == 0, second.stdout + second.stderr
    assert "Passed" in second.stdout
