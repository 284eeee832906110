"""One typed run: every entry point builds the same options and gets the same recipe."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import FIXTURES

from datarecipe_lint.errors import UsageError
from datarecipe_lint.options import Flags, build
from datarecipe_lint.status import Status, exit_code, worst

CONFIG = """\
ignore:
  exact_prompts: prompts are proprietary
cards:
  README.md:
    teachers: [GPT-4o]
    origin: synthetic
"""


def _card(tmp_path: Path) -> Path:
    (tmp_path / ".datarecipe.yaml").write_text(CONFIG)
    card = tmp_path / "README.md"
    card.write_text((FIXTURES / "lint" / "poor.md").read_text())
    return card


def test_analyze_and_lint_give_the_same_recipe_for_the_same_card_and_config(
    tmp_path: Path, cli
) -> None:
    card = _card(tmp_path)
    analyzed = json.loads(cli("analyze", str(card), "--json").out)
    linted = json.loads(cli("lint", str(card), "--format", "json", "--min-score", "0").out)[0]
    assert analyzed == linted["recipe"]
    assert analyzed["generation"]["teacher_models"] == ["GPT-4o"]
    assert analyzed["generation"]["origin"] == "synthetic"
    assert {"id": "exact_prompts", "reason": "prompts are proprietary"} in analyzed["ignored"]


def test_batch_reads_a_local_cards_config_too(tmp_path: Path, cli) -> None:
    card = _card(tmp_path)
    listing = tmp_path / "ids.txt"
    listing.write_text(f"{card}\n")
    out = tmp_path / "out.jsonl"
    assert cli("analyze", "--batch", str(listing), "-o", str(out)).code == 0
    (record,) = [json.loads(line) for line in out.read_text().splitlines()]
    assert record["generation"]["teacher_models"] == ["GPT-4o"]


def test_flags_win_over_the_config_and_are_validated_like_it(tmp_path: Path) -> None:
    card = _card(tmp_path)
    (tmp_path / ".datarecipe.yaml").write_text("min-score: 7\nrequire: [license]\n")
    options = build(str(card))
    assert options.gates.min_score == 7.0 and options.gates.require == ("license",)
    options = build(str(card), Flags(min_score=3.0, require=("source_code",)))
    assert options.gates.min_score == 3.0 and options.gates.require == ("source_code",)
    with pytest.raises(UsageError, match=r"--min-score 11\.0: must be a number between 0 and 10"):
        build(str(card), Flags(min_score=11.0))
    with pytest.raises(UsageError, match="--fail-on: unknown finding 'nope'"):
        build(str(card), Flags(fail_on=("nope",)))


def test_options_are_frozen() -> None:
    options = build(None)
    with pytest.raises(AttributeError):
        options.no_regress = "main"  # type: ignore[misc]
    with pytest.raises(TypeError):
        options.ignore["x"] = "y"  # type: ignore[index]


def test_status_order_and_exit_codes() -> None:
    assert worst([]) is Status.PASSED
    assert worst([Status.PASSED, Status.ERROR, Status.FAILED]) is Status.ERROR
    assert [exit_code(s) for s in Status] == [0, 1, 2, 130]


def test_toml_config_is_read(tmp_path: Path, cli) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.datarecipe]\nmin-score = 9\n")
    card = tmp_path / "README.md"
    card.write_text((FIXTURES / "lint" / "good.md").read_text())
    assert build(str(card)).gates.min_score == 9.0
