from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pytest

from datarecipe_lint.cli import main
from datarecipe_lint.options import RunOptions
from datarecipe_lint.pipeline import analyze_text
from datarecipe_lint.recipe import Recipe, Source

HERE = Path(__file__).parent
ROOT = HERE.parent
FIXTURES = HERE / "fixtures"
SHARED = Path(os.environ.get("DATARECIPE_SHARED", ROOT.parent / "shared"))


def recipe_of(text: str, options: RunOptions | None = None) -> Recipe:
    return analyze_text(text, "card", Source("local", "README.md"), options or RunOptions())


def check(text: str, **expect: Any) -> Recipe:
    """Analyze card text and assert on generation / reproducibility fields by name."""
    recipe = recipe_of(text)
    tree = recipe.to_dict()
    flat = {**tree["generation"], **tree["reproducibility"]}
    for key, want in expect.items():
        got = flat[key]
        if isinstance(want, (list, tuple)) and isinstance(got, list):
            got, want = list(got), list(want)
        assert got == want, f"{key}: expected {want!r}, got {got!r}"
    return recipe


class Run:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)

    def run(*args: str) -> Run:
        code = main(list(args))
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


def shared_dir(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(
            f"{path} not present (the shared corpus is only next to the development checkout)"
        )
    return path


@pytest.fixture
def python() -> str:
    return sys.executable


@pytest.fixture
def api(monkeypatch: pytest.MonkeyPatch):
    """A GitHub REST API served on loopback for one test, with no proxy or runner variables
    leaking in from the machine that runs the tests."""
    from github_server import PROXY_VARIABLES, RUNNER_VARIABLES, serve

    for name in (*PROXY_VARIABLES, *RUNNER_VARIABLES):
        monkeypatch.delenv(name, raising=False)
    with serve() as server:
        yield server


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/golden/* from the current output (review the diff before committing)",
    )
