"""No step of the Action, nor of the fork-safe comment example, runs a file that the pull request
(the workspace) or a downloaded artifact could supply.

Each step runs as the runner runs it: in bash, in its declared ``working-directory`` (default: the
workspace), with its ``env`` filled in, offline from the wheelhouse ``.ci/run`` prepares. The
workspace and the artifact carry files that shadow what a careless step would import: ``venv/``,
``pip/``, ``datarecipe_lint/`` and ``sitecustomize.py``, each of which leaves a mark when run.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import venv
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import FIXTURES, ROOT
from github_server import TOKEN, FakeGitHub, serve
from test_docker import IGNORE, OFFLINE, WHEELHOUSE, clean_env, need_wheelhouse

pytestmark = pytest.mark.slow

SHADOWS = {
    "venv/__init__.py": "",
    "venv/__main__.py": "",
    "pip/__init__.py": "",
    "pip/__main__.py": "",
    "datarecipe_lint/__init__.py": "",
    "datarecipe_lint/__main__.py": "",
    "datarecipe_lint/github/__init__.py": "",
    "datarecipe_lint/github/__main__.py": "",
    "sitecustomize.py": "",
    "usercustomize.py": "",
}
MARK = "import pathlib, os; pathlib.Path(os.environ['SHADOW_MARKS'], {name!r}).write_text('ran')\n"


def plant(folder: Path, marks: Path) -> None:
    for name in SHADOWS:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(MARK.format(name=name.replace("/", "_")))


def run_step(
    step: Mapping[str, Any], context: Mapping[str, str], cwd: Path, env: Mapping[str, str]
) -> subprocess.CompletedProcess[str]:
    """One ``run`` step: ${{ ... }} filled from ``context``, in its working-directory."""

    def fill(text: str) -> str:
        return re.sub(r"\$\{\{\s*(.*?)\s*\}\}", lambda m: context[m.group(1)], text)

    where = Path(fill(step["working-directory"])) if "working-directory" in step else cwd
    full = {**env, **{k: fill(str(v)) for k, v in (step.get("env") or {}).items()}}
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", fill(step["run"])],
        cwd=where, env=full, capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def base_env(tmp_path: Path, marks: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "TMPDIR")}
    env.update(OFFLINE, SHADOW_MARKS=str(marks), PYTHONPATH=".", **extra)
    return env


@pytest.fixture
def api() -> Any:
    with serve() as server:
        yield server


def test_the_actions_steps_run_nothing_from_the_workspace(api: FakeGitHub, tmp_path: Path) -> None:
    need_wheelhouse()
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    folder = tmp_path / "_actions" / "datarecipe" / "v1"
    shutil.copytree(ROOT, folder, ignore=IGNORE)
    ws, temp, marks = tmp_path / "work", tmp_path / "temp", tmp_path / "marks"
    for d in (ws, temp, marks):
        d.mkdir()
    (ws / "README.md").write_text((FIXTURES / "lint" / "good.md").read_text())
    plant(ws, marks)
    output, summary = tmp_path / "output", tmp_path / "summary"
    output.write_text("")
    summary.write_text("")
    event = tmp_path / "event.json"
    event.write_text(
        json.dumps({"repository": {"full_name": "octo/data"}, "ref": "refs/heads/main"})
    )
    env = base_env(
        tmp_path, marks,
        GITHUB_ACTION_PATH=str(folder), GITHUB_OUTPUT=str(output), GITHUB_STEP_SUMMARY=str(summary),
        GITHUB_WORKSPACE=str(ws), GITHUB_EVENT_NAME="push", GITHUB_EVENT_PATH=str(event),
        GITHUB_REPOSITORY="octo/data", GITHUB_API_URL=api.url, RUNNER_TEMP=str(temp),
        RUNNER_OS="Linux", GITHUB_ACTIONS="true",
    )  # fmt: skip
    context = {f"inputs.{k}": str(v.get("default", "")) for k, v in action["inputs"].items()}
    context.update({"runner.temp": str(temp), "inputs.github-token": TOKEN})
    install, entry = action["runs"]["steps"]
    done = run_step(install, context, ws, env)
    assert sorted(p.name for p in marks.iterdir()) == [], "a planted file ran in the install step"
    assert done.returncode == 0, done.stdout + done.stderr
    context["steps.install.outputs.python"] = output.read_text().split("python=", 1)[1].strip()
    done = run_step(entry, context, ws, env)
    assert sorted(p.name for p in marks.iterdir()) == [], "a planted file ran"
    assert done.returncode == 0, done.stdout + done.stderr
    assert "datarecipe: 1 card(s), lowest score" in done.stdout
    installed = subprocess.run(
        [context["steps.install.outputs.python"], "-m", "pip", "list", "--format", "json"],
        capture_output=True, text=True, check=True, env=base_env(tmp_path, marks),
    ).stdout  # fmt: skip
    names = {p["name"].lower() for p in json.loads(installed)}
    assert "huggingface-hub" not in names and "hf-xet" not in names  # the gate needs neither


def _wheel(tmp_path: Path) -> Path:
    """A wheelhouse with this project's wheel beside the dependencies' (what PyPI would serve)."""
    house = tmp_path / "wheelhouse"
    shutil.copytree(WHEELHOUSE, house)
    src = tmp_path / "src"
    shutil.copytree(ROOT, src, ignore=IGNORE)
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(house), "."],
        cwd=src, env=clean_env(), check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    return house


def test_the_fork_safe_comment_example_runs_nothing_from_the_artifact(
    api: FakeGitHub, tmp_path: Path
) -> None:
    need_wheelhouse()
    workflow = yaml.safe_load(
        (ROOT / "examples" / "workflows" / "fork-safe-comment.yml").read_text()
    )
    steps = [s for s in workflow["jobs"]["comment"]["steps"] if "run" in s]
    temp, marks = tmp_path / "temp", tmp_path / "marks"
    marks.mkdir()
    cards = temp / "datarecipe-pr" / "cards"
    cards.mkdir(parents=True)
    (cards / "README.md").write_text((FIXTURES / "lint" / "good.md").read_text())
    (cards.parent / "number").write_text("7\n")
    plant(cards, marks)
    plant(cards.parent, marks)
    python_home = tmp_path / "setup-python"
    venv.EnvBuilder(with_pip=True).create(python_home)  # what actions/setup-python provides
    house = _wheel(tmp_path)
    env = base_env(tmp_path, marks, GITHUB_REPOSITORY="octo/data", GITHUB_API_URL=api.url)
    env.update(PIP_FIND_LINKS=str(house), PATH=f"{python_home / 'bin'}{os.pathsep}{env['PATH']}")
    head = "c" * 40
    api.heads[("octo/data", 7)] = head
    context = {
        "runner.temp": str(temp),
        "github.token": TOKEN,
        "github.event.workflow_run.head_sha": head,
    }
    for step in steps:
        done = run_step(step, context, tmp_path, env)
        assert sorted(p.name for p in marks.iterdir()) == [], (
            f"a planted file ran in {step['name']}"
        )
        assert done.returncode == 0, step["name"] + done.stdout + done.stderr
    assert [r.method for r in api.writes()] == ["POST"]
