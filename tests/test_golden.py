"""Golden files: every output format, byte for byte, for three fixture cards.

When a change to a reporter is intended, regenerate them and review the diff:

    python -m pytest tests/test_golden.py --update-golden
    git diff tests/golden/
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from conftest import FIXTURES

from datarecipe_lint.gate import Gates, check
from datarecipe_lint.options import RunOptions
from datarecipe_lint.pipeline import analyze_text
from datarecipe_lint.recipe import Recipe, Source
from datarecipe_lint.report import REPORTERS, View, render
from datarecipe_lint.results import CardResult

GOLDEN = Path(__file__).parent / "golden"
# A fixed pricing date and tool version keep the files stable across days and releases.
OPTIONS = RunOptions(pricing_date=datetime.date(2025, 1, 1))
CARDS = {"good": "cards/good/README.md", "poor": "cards/poor/README.md"}


def _recipe(name: str) -> Recipe:
    path = CARDS[name]
    text = (FIXTURES / "lint" / f"{name}.md").read_text(encoding="utf-8")
    recipe = analyze_text(text, name, Source("local", path), OPTIONS, path=path)
    return recipe._replace(tool=recipe.tool._replace(version="0.0.0"))


def _results() -> list[CardResult]:
    out = []
    for name, path in CARDS.items():
        recipe = _recipe(name)
        out.append(CardResult(path, recipe, check(recipe, Gates(require=("license",)))))
    out.append(
        CardResult("cards/gone/README.md", None, None, error="cards/gone/README.md: no such file")
    )
    return out


# reporter -> golden file name
CASES = {
    "terminal": "terminal.txt", "recipe-json": "recipe.json", "recipe-yaml": "recipe.yaml",
    "markdown": "report.md", "text": "lint.txt", "concise": "concise.txt", "json": "lint.json",
    "github": "github.txt",
    "sarif": "lint.sarif.json", "comment": "comment.md", "summary": "summary.md",
}  # fmt: skip
RECIPE_VIEWS = {"terminal", "recipe-json", "recipe-yaml", "markdown"}


def test_every_reporter_has_a_golden_file() -> None:
    assert set(CASES) == set(REPORTERS)


@pytest.mark.parametrize("reporter", sorted(CASES))
def test_golden(reporter: str, request: pytest.FixtureRequest) -> None:
    if reporter in RECIPE_VIEWS:
        results = [CardResult(CARDS["good"], _recipe("good"), None)]
    else:
        results = _results()
    view = View(summary_url="https://github.example/o/r/actions/runs/1")
    text = render(reporter, results, view)
    path = GOLDEN / CASES[reporter]
    if request.config.getoption("--update-golden"):
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    assert path.exists(), f"no golden file {path.name}: run with --update-golden"
    assert text == path.read_text(encoding="utf-8"), (
        f"{path.name} differs; if intended: python -m pytest tests/test_golden.py --update-golden"
    )
