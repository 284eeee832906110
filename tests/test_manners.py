"""A linter's everyday manners, through ``main(argv)``: concise output, paths vs Hub ids, clear
messages, standard input, several sources, suppressions listed."""

from __future__ import annotations

import io
import json
import time
from pathlib import Path

import pytest
from conftest import FIXTURES

LINT = FIXTURES / "lint"
POOR = str(LINT / "poor.md")
GOOD = str(LINT / "good.md")


def test_concise_prints_one_line_per_problem(cli) -> None:
    run = cli("lint", POOR, "--format", "concise")
    lines = run.out.splitlines()
    assert run.code == 1
    assert lines[0] == f"{POOR}:1:1: gate score 1.0 is below the minimum 5.0"
    assert lines[1].startswith(f"{POOR}:1:1: missing-description Add a 'Dataset Summary'")
    assert lines[-1] == "10 problem(s) in 1 card(s), 1 failing"


def test_quiet_is_concise_problems_only(cli) -> None:
    run = cli("lint", POOR, GOOD, "-q")
    assert run.code == 1
    assert all(line.startswith(f"{POOR}:") for line in run.out.splitlines())
    assert len(run.out.splitlines()) == 10
    assert cli("lint", GOOD, "-q").out == ""


def test_inline_suppressions_are_listed_like_flag_ones(cli, tmp_path: Path) -> None:
    card = tmp_path / "README.md"
    card.write_text(
        Path(POOR).read_text()
        + "\n<!-- datarecipe-disable exact_prompts: prompts are proprietary -->\n"
    )
    out = cli("lint", str(card), "--ignore", "source_code").out
    assert "  ignored   exact_prompts: prompts are proprietary" in out
    assert "  ignored   source_code: --ignore on the command line" in out


def test_verbose_shows_other_models_and_the_costs_assumptions(cli) -> None:
    card = "examples/synthetic-instructions/README.md"
    plain = cli("analyze", card).out
    verbose = cli("analyze", card, "-v").out
    assert "other model" not in plain and "assumes" not in plain
    assert "  other model     Llama 2 7B: trained on  (line 59)" in verbose
    assert (
        "    assumes       24,000 examples (dataset_info.splits num_examples, line 23)" in verbose
    )


def test_the_origin_line_never_contradicts_the_origin(cli, tmp_path: Path) -> None:
    mixed = tmp_path / "README.md"
    mixed.write_text(
        "---\nlicense: mit\nannotations_creators: [crowdsourced]\nlanguage_creators: [found]\n---\n\n"
        "# D\n\nNews articles scraped from websites, labelled by crowd workers.\n"
    )
    out = cli("analyze", str(mixed)).out
    assert (
        "  origin          mixed  (people's writing or labels with collected text; no model-generated part)"
        in out
    )
    assert "synthetic 0.00 / human 1.00" not in out


def test_pretty_name_names_the_recipe_in_the_view(cli) -> None:
    out = cli("analyze", "examples/synthetic-instructions/README.md").out
    assert out.splitlines()[0] == (
        "Orchard Instructions  (synthetic-instructions, local: examples/synthetic-instructions/README.md)"
    )
    tree = json.loads(cli("analyze", "examples/synthetic-instructions/README.md", "--json").out)
    assert (
        tree["name"] == "synthetic-instructions" and tree["pretty_name"] == "Orchard Instructions"
    )


@pytest.mark.parametrize("source", ["data/READM.md", "nope.md", "./missing", "tests/READ"])
def test_a_path_typo_is_no_such_file_at_once(cli, source: str) -> None:
    started = time.monotonic()
    run = cli("analyze", source)
    assert run.code == 2 and run.err == f"datarecipe: error: {source}: no such file\n"
    assert time.monotonic() - started < 2  # never a Hub round trip


def test_ids_without_an_owner_are_hub_ids() -> None:
    from datarecipe_lint.sources import hub_id, looks_local

    assert hub_id("squad") == ("squad", None)
    assert hub_id("org/name") == ("org/name", None)
    assert not looks_local("squad") and looks_local("data/README.md")


def test_the_size_limit_message_names_the_value_and_the_unit(cli) -> None:
    run = cli("lint", GOOD, "--max-bytes", "100")
    assert run.code == 2
    assert (
        f"datarecipe: error: {GOOD}: 1,120 bytes is over the card size limit of 100 bytes; raise it "
        "with --max-bytes (e.g. --max-bytes 20MB) if this really is a card\n"
    ) in run.err


def test_a_bad_size_names_the_flag_and_the_value(cli) -> None:
    run = cli("lint", GOOD, "--max-bytes", "10XB")
    assert run.code == 2
    assert run.err == (
        "datarecipe: error: argument --max-bytes: not a size: '10XB' (use e.g. 10MB, 500kB or "
        "500000) (see 'datarecipe lint --help')\n"
    )


def test_a_broken_recipe_file_says_where(cli, tmp_path: Path) -> None:
    bad = tmp_path / "r.json"
    bad.write_text('{"name": "x\n')
    run = cli("show", str(bad))
    assert run.code == 2
    assert (
        run.err
        == f"datarecipe: error: {bad}: not valid JSON at line 1, column 12: invalid control character\n"
    )


def test_usage_errors_are_not_counted_as_unreadable_cards(cli, tmp_path: Path) -> None:
    run = cli("lint", GOOD, "--ignore", "nope")
    assert run.code == 2 and "could not be read" not in run.out
    assert run.err.startswith(
        "datarecipe: error: --ignore: unknown criterion or finding 'nope' (known: "
    )
    (tmp_path / ".datarecipe.yaml").write_text("min-score: 12\n")
    card = tmp_path / "README.md"
    card.write_text(Path(GOOD).read_text())
    run = cli("lint", str(card))
    assert run.code == 2
    assert (
        f"{tmp_path / '.datarecipe.yaml'}: min-score 12: must be a number between 0 and 10"
        in run.err
    )


def test_gate_reasons_never_say_line_none(cli, tmp_path: Path) -> None:
    card = tmp_path / "README.md"
    card.write_text("# D\n\nSome text about the data.\n")
    out = cli("lint", str(card), "--fail-on", "front-matter-missing", "--min-score", "0").out
    assert "line None" not in out and "finding front-matter-missing (line 1):" in out


def test_standard_input_for_lint_and_analyze(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    text = Path(POOR).read_bytes()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(text)))
    run = cli("lint", "-", "--format", "concise")
    assert run.code == 1 and run.out.startswith("-:1:1: gate score 1.0 is below the minimum 5.0")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(text)))
    tree = json.loads(cli("analyze", "-", "--json").out)
    assert tree["name"] == "stdin" and tree["source"] == {"type": "local", "id": "-"}


def test_analyze_takes_several_sources_and_goes_on_past_a_broken_one(cli) -> None:
    run = cli("analyze", GOOD, "missing.md", POOR, "--json")
    assert run.code == 2 and run.err == "datarecipe: error: missing.md: no such file\n"
    assert [r["name"] for r in json.loads(run.out)] == ["good", "poor"]
    yaml_run = cli("analyze", GOOD, POOR, "--yaml")
    assert yaml_run.code == 0 and yaml_run.out.count("\n---\n") == 1
