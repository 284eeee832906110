"""What the Docker image and the Action's install step would run, without a Docker engine.

The image is checked by building the wheel from exactly the files the Dockerfile copies,
installing it into a clean virtual environment with ``--no-index --find-links .wheelhouse`` (which
``.ci/run`` fills with the project's dependency wheels) and running the entry point there. The
Action's install step (action.yml) is run the same way, from a copy of the action's folder.
Skipped when the wheelhouse is absent. The Dockerfile itself is linted by hadolint in ``.ci/run``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import venv
from pathlib import Path
from typing import NamedTuple

import pytest
import yaml
from conftest import FIXTURES, ROOT

WHEELHOUSE = Path(os.environ.get("DATARECIPE_WHEELHOUSE", ROOT / ".wheelhouse"))
DOCKERFILE = (ROOT / "Dockerfile").read_text()
OFFLINE = {
    "PIP_NO_INDEX": "1",
    "PIP_FIND_LINKS": str(WHEELHOUSE),
    "PIP_DISABLE_PIP_VERSION_CHECK": "1",
}
IGNORE = shutil.ignore_patterns(
    ".git", ".venv", ".wheelhouse", "__pycache__", "*.egg-info", "build", "dist", ".*_cache",
    ".benchmarks", "*.pyc",
)  # fmt: skip


def clean_env(**extra: str) -> dict[str, str]:
    keep = ("PATH", "HOME", "LANG", "TMPDIR", "SYSTEMROOT")
    env = {k: v for k, v in os.environ.items() if k in keep}
    env.update(OFFLINE, NO_COLOR="1", **extra)
    return env


def need_wheelhouse() -> None:
    if not WHEELHOUSE.is_dir() or not any(WHEELHOUSE.glob("*.whl")):
        pytest.skip(f"no wheelhouse at {WHEELHOUSE} (.ci/run prepares it)")


# -- the Dockerfile -------------------------------------------------------------------------------


def test_dockerfile_is_slim_non_root_with_the_entry_point() -> None:
    stages = re.findall(r"^FROM\s+(\S+)", DOCKERFILE, re.M)
    assert stages and all(re.fullmatch(r"python:3\.\d+-slim", s.split(" ")[0]) for s in stages)
    final = DOCKERFILE.rsplit("\nFROM ", 1)[1]
    user = re.findall(r"^USER\s+(\S+)", final, re.M)
    assert user and user[-1] not in ("root", "0")
    (entry,) = re.findall(r"^ENTRYPOINT\s+(.+)$", final, re.M)
    assert json.loads(entry) == ["datarecipe"]
    for source in re.findall(r"^COPY\s+(?!--from)(.+?)\s+\S+$", DOCKERFILE, re.M):
        for name in source.split():
            assert (ROOT / name).exists(), name


def test_dockerignore_lets_in_what_the_dockerfile_copies() -> None:
    lines = (ROOT / ".dockerignore").read_text().splitlines()
    assert "*" in lines
    for name in ("pyproject.toml", "README.md", "LICENSE", "datarecipe_lint/"):
        assert f"!{name}" in lines


# -- what the image runs --------------------------------------------------------------------------


class Installed(NamedTuple):
    bin: Path
    python: Path


def make_venv(path: Path) -> Path:
    venv.EnvBuilder(with_pip=True, clear=True).create(path)
    return path / ("Scripts" if os.name == "nt" else "bin")


@pytest.fixture(scope="module")
def image(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    """The image's two stages: a wheel built from the copied files, installed in a clean venv."""
    need_wheelhouse()
    base = tmp_path_factory.mktemp("image")
    src = base / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, src / name)
    shutil.copytree(ROOT / "datarecipe_lint", src / "datarecipe_lint", ignore=IGNORE)
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(base / "wheels"), "."],
        cwd=src, env=clean_env(), check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    (wheel,) = (base / "wheels").glob("datarecipe-*.whl")
    bin_dir = make_venv(base / "venv")
    subprocess.run(
        [str(bin_dir / "python"), "-m", "pip", "install", "--quiet", str(wheel)],
        cwd=base, env=clean_env(), check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    return Installed(bin_dir, bin_dir / "python")


@pytest.mark.slow
def test_image_entry_point_runs(image: Installed, tmp_path: Path) -> None:
    def datarecipe(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(image.bin / "datarecipe"), *args],
            cwd=tmp_path, env=clean_env(), capture_output=True, text=True, timeout=120,
        )  # fmt: skip

    assert "usage: datarecipe" in datarecipe("--help").stdout  # the image's CMD
    assert datarecipe("--version").stdout.strip() == "datarecipe 0.1.0"
    shutil.copy(FIXTURES / "lint" / "good.md", tmp_path / "README.md")
    assert datarecipe("lint").returncode == 0
    shutil.copy(FIXTURES / "lint" / "poor.md", tmp_path / "README.md")
    poor = datarecipe("lint", "--format", "json")
    assert poor.returncode == 1 and json.loads(poor.stdout)[0]["exit_code"] == 1
    assert "comment" in datarecipe("comment", "--help").stdout
    where = subprocess.run(
        [str(image.python), "-c", "import datarecipe_lint; print(datarecipe_lint.__file__)"],
        cwd=tmp_path, env=clean_env(), capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert str(image.bin.parent) in where  # the installed copy, not the source tree


@pytest.mark.slow
def test_action_entry_runs_from_the_installed_wheel(image: Installed, tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "lint" / "poor.md", tmp_path / "README.md")
    (tmp_path / "event.json").write_text('{"ref": "refs/heads/main"}')
    (tmp_path / "out").write_text("")
    env = clean_env(
        GITHUB_ACTIONS="true", GITHUB_EVENT_NAME="push", GITHUB_EVENT_PATH=str(tmp_path / "event.json"),
        GITHUB_OUTPUT=str(tmp_path / "out"), RUNNER_TEMP=str(tmp_path), INPUT_PATH="README.md",
    )  # fmt: skip
    done = subprocess.run(
        [str(image.python), "-m", "datarecipe_lint.github"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 1, done.stdout + done.stderr
    assert "passed<<" in (tmp_path / "out").read_text()


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_action_install_step_installs_from_the_actions_folder(tmp_path: Path) -> None:
    """action.yml's install step, run by bash as the runner runs it, from a copy of the action."""
    need_wheelhouse()
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    (step,) = [s for s in action["runs"]["steps"] if s.get("id") == "install"]
    folder = tmp_path / "_actions" / "datarecipe" / "v1"
    shutil.copytree(ROOT, folder, ignore=IGNORE)
    (tmp_path / "output").write_text("")
    env = clean_env(
        GITHUB_ACTION_PATH=str(folder), GITHUB_OUTPUT=str(tmp_path / "output"),
        RUNNER_TEMP=str(tmp_path / "temp"), RUNNER_OS="Linux",
    )  # fmt: skip
    (tmp_path / "temp").mkdir()
    done = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    (line,) = (tmp_path / "output").read_text().splitlines()
    python = line.removeprefix("python=")
    version = subprocess.run(
        [python, "-m", "datarecipe_lint", "--version"], env=clean_env(),
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert version.strip() == "datarecipe 0.1.0"
