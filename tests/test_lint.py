from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import FIXTURES, SHARED

LINT = FIXTURES / "lint"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A folder with a good card, a poor card and nothing else."""
    (tmp_path / "good").mkdir()
    (tmp_path / "poor").mkdir()
    shutil.copy(LINT / "good.md", tmp_path / "good" / "README.md")
    shutil.copy(LINT / "poor.md", tmp_path / "poor" / "README.md")
    return tmp_path


def test_good_card_passes_default_gate(cli, repo: Path) -> None:
    run = cli("lint", str(repo / "good" / "README.md"))
    assert run.code == 0, run.out
    assert "pass" in run.out


def test_poor_card_fails_default_gate_and_lists_missing(cli, repo: Path) -> None:
    run = cli("lint", str(repo / "poor" / "README.md"))
    assert run.code == 1
    assert "below the minimum 5.0" in run.out
    assert "missing   source_code" in run.out


def test_min_score_zero_turns_gate_off(cli, repo: Path) -> None:
    assert cli("lint", str(repo / "poor" / "README.md"), "--min-score", "0").code == 0


def test_min_score_out_of_range_is_usage_error(cli, repo: Path) -> None:
    run = cli("lint", str(repo / "good"), "--min-score", "11")
    assert run.code == 2 and "between 0 and 10" in run.err


def test_require_gate(cli, repo: Path) -> None:
    good = str(repo / "good" / "README.md")
    assert cli("lint", good, "--require", "license,annotation_process").code == 0
    run = cli("lint", good, "--require", "teacher_model_names")  # a human card: does not apply
    assert run.code == 0
    assert (
        "note      required element teacher_model_names is not applicable for this card "
        "(origin human): the requirement is satisfied" in run.out
    )
    poor = str(repo / "poor" / "README.md")
    run = cli("lint", poor, "--require", "source_code", "--min-score", "0")
    assert run.code == 1 and "required element source_code is missing" in run.out


def test_require_unknown_criterion_is_exit_2(cli, repo: Path) -> None:
    run = cli("lint", str(repo / "good"), "--require", "licence")
    assert run.code == 2 and "unknown criterion 'licence'" in run.err


def test_fail_on_finding(cli) -> None:
    card = str(LINT / "inconsistent.md")
    assert cli("lint", card).code == 0
    run = cli("lint", card, "--fail-on", "consistency")
    assert run.code == 1 and "finding consistency" in run.out


def test_ignore_criterion_counts_as_not_applicable(cli, repo: Path) -> None:
    poor = str(repo / "poor" / "README.md")
    base = json.loads(cli("lint", poor, "--format", "json", "--min-score", "0").out)[0]
    ignored = json.loads(
        cli("lint", poor, "--format", "json", "--min-score", "0", "--ignore", "source_code").out
    )[0]
    assert "source_code" in base["recipe"]["reproducibility"]["missing"]
    assert "source_code" in ignored["recipe"]["reproducibility"]["not_applicable"]
    assert (
        ignored["recipe"]["reproducibility"]["score"] > base["recipe"]["reproducibility"]["score"]
    )
    assert {"id": "source_code", "reason": "--ignore on the command line"} in ignored["recipe"][
        "ignored"
    ]


def test_ignore_finding_is_not_reported(cli) -> None:
    card = str(LINT / "inconsistent.md")
    run = cli("lint", card, "--fail-on", "consistency", "--ignore", "consistency")
    assert run.code == 0 and "[consistency]" not in run.out.split("ignored")[0]
    assert "ignored   consistency" in run.out


def test_inline_suppression(cli) -> None:
    tree = json.loads(cli("lint", str(LINT / "suppressed.md"), "--format", "json").out)[0]
    rep = tree["recipe"]["reproducibility"]
    assert "exact_prompts" in rep["not_applicable"]
    crit = next(c for c in rep["criteria"] if c["id"] == "exact_prompts")
    assert crit["status"] == "ignored" and crit["reason"].startswith("prompts are proprietary")


def test_several_paths_exit_code_is_the_highest(cli, repo: Path) -> None:
    run = cli(
        "lint",
        str(repo / "good" / "README.md"),
        str(repo / "poor" / "README.md"),
        str(repo / "nope.md"),
    )
    assert run.code == 2
    assert (
        "2 card" not in run.out and "3 card(s): 1 passed, 1 failed, 1 could not be read" in run.out
    )


def test_folder_is_searched_for_cards(cli, repo: Path) -> None:
    run = cli("lint", str(repo), "--format", "json")
    paths = sorted(Path(o["path"]).parent.name for o in json.loads(run.out))
    assert paths == ["good", "poor"]
    assert run.code == 1


def test_default_path_is_readme_in_cwd(cli, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo / "good")
    assert cli("lint").code == 0
    monkeypatch.chdir(repo)
    run = cli("lint")
    assert run.code == 2 and "README.md: no such file" in run.err


def test_quiet_prints_only_failures(cli, repo: Path) -> None:
    run = cli("lint", str(repo), "--quiet")
    assert "good" not in run.out.replace("passed", "") and "poor" in run.out


def test_no_color_without_terminal(cli, repo: Path) -> None:
    assert "\033[" not in cli("lint", str(repo)).out


def test_github_format_is_automatic_under_actions(
    cli, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    run = cli("lint", str(repo / "poor" / "README.md"))
    assert run.out.startswith("::error file=")
    assert "title=datarecipe%3A reproducibility" in run.out


def test_github_annotations_are_capped(cli, tmp_path: Path) -> None:
    for i in range(12):
        (tmp_path / f"c{i}").mkdir()
        shutil.copy(LINT / "poor.md", tmp_path / f"c{i}" / "README.md")
    lines = cli("lint", str(tmp_path), "--format", "github").out.splitlines()
    assert sum(1 for x in lines if x.startswith("::error")) == 10
    assert sum(1 for x in lines if x.startswith("::warning")) == 10
    assert any(x.startswith("::notice") and "more annotation" in x for x in lines)


def test_folder_name_cannot_become_a_workflow_command(cli, tmp_path: Path) -> None:
    folder = tmp_path / "##[add-mask]x"
    folder.mkdir()
    shutil.copy(LINT / "poor.md", folder / "README.md")
    out = cli("lint", str(folder), "--format", "github").out
    assert "##[add-mask]" not in out


def test_card_text_cannot_become_a_workflow_command(cli, tmp_path: Path) -> None:
    card = tmp_path / "README.md"
    card.write_text(
        "---\ntags: [synthetic]\n---\n::add-mask::secret\n::set-env name=X::1\n::stop-commands::tok\n"
    )
    out = cli("lint", str(card), "--format", "github").out
    for line in out.splitlines():
        assert line.startswith(("::error ", "::warning ", "::notice ", "datarecipe: ")), line


def test_sarif_validates_against_the_schema(cli, repo: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema_path = SHARED / "design" / "schemas" / "sarif-schema-2.1.0.json"
    if not schema_path.exists():
        pytest.skip("SARIF schema not present")
    run = cli("lint", str(repo), "--format", "sarif")
    log = json.loads(run.out)
    jsonschema.validate(log, json.loads(schema_path.read_text()))
    rules = {r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert {r["ruleId"] for r in log["runs"][0]["results"]} <= rules
    assert any(r["ruleId"] == "gate" for r in log["runs"][0]["results"])


def test_sarif_uris_are_relative_to_the_root_and_percent_encoded(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "my data" / "v1 100%"
    folder.mkdir(parents=True)
    (folder / "README.md").write_text((FIXTURES / "lint" / "poor.md").read_text())
    monkeypatch.chdir(tmp_path)
    for given in (str(folder / "README.md"), "my data/v1 100%/README.md"):  # absolute, relative
        log = json.loads(cli("lint", given, "--format", "sarif").out)
        locations = {
            json.dumps(loc["physicalLocation"]["artifactLocation"], sort_keys=True)
            for r in log["runs"][0]["results"]
            for loc in r["locations"]
        }
        assert locations == {
            json.dumps({"uri": "my%20data/v1%20100%25/README.md", "uriBaseId": "%SRCROOT%"})
        }, locations
    outside = json.loads(cli("lint", str(folder / "README.md"), "--format", "sarif").out)
    monkeypatch.chdir(folder)
    inside = json.loads(cli("lint", "README.md", "--format", "sarif").out)
    uri = inside["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert uri == {"uri": "README.md", "uriBaseId": "%SRCROOT%"} and outside != inside


def test_config_file_sets_min_score_and_is_overridden_by_flag(cli, repo: Path) -> None:
    (repo / ".datarecipe.yaml").write_text("min-score: 0\n")
    poor = str(repo / "poor" / "README.md")
    assert cli("lint", poor).code == 0
    assert cli("lint", poor, "--min-score", "5").code == 1


def test_pyproject_config(cli, repo: Path) -> None:
    (repo / "pyproject.toml").write_text("[tool.datarecipe]\nrequire = ['source_code']\n")
    run = cli("lint", str(repo / "good" / "README.md"), "--min-score", "0")
    assert run.code == 0
    (repo / "pyproject.toml").write_text("[tool.datarecipe]\nrequire = ['source_code']\n")
    assert cli("lint", str(repo / "poor" / "README.md"), "--min-score", "0").code == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("min-scor: 3\n", "unknown key 'min-scor'"),
        ("min-score: 12\n", "min-score 12: must be a number between 0 and 10"),
        ("require: [licence]\n", "require: unknown criterion 'licence'"),
        ("cards:\n  good/README.md:\n    origin: alien\n", "origin must be one of"),
        (
            "cards:\n  good/README.md:\n    teacher: [GPT-4]\n",
            "unknown key 'cards.good/README.md.teacher'",
        ),
        ("min-score: [\n", "not valid YAML"),
    ],
)
def test_bad_config_is_exit_2_naming_the_key(cli, repo: Path, content: str, message: str) -> None:
    (repo / ".datarecipe.yaml").write_text(content)
    run = cli("lint", str(repo / "good" / "README.md"))
    assert run.code == 2
    assert message in run.err


def test_config_declares_what_the_card_misreads(cli, repo: Path) -> None:
    (repo / ".datarecipe.yaml").write_text(
        "cards:\n  poor/README.md:\n    teachers: [GPT-4o]\n    origin: synthetic\n"
    )
    tree = json.loads(cli("lint", str(repo / "poor" / "README.md"), "--format", "json").out)[0]
    gen = tree["recipe"]["generation"]
    assert gen["teacher_models"] == ["GPT-4o"] and gen["origin"] == "synthetic"
    assert gen["declared"] == ["teachers", "origin"]


def test_explicit_config_flag(cli, repo: Path, tmp_path: Path) -> None:
    conf = repo / "strict.yaml"
    conf.write_text("require: [source_code]\nmin-score: 0\n")
    assert cli("lint", str(repo / "poor" / "README.md"), "--min-score", "0").code == 0
    assert cli("lint", str(repo / "poor" / "README.md"), "--config", str(conf)).code == 1
    assert (
        cli("lint", str(repo / "good" / "README.md"), "--config", str(repo / "none.yaml")).code == 2
    )


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def test_no_regress(cli, repo: Path) -> None:
    _git(repo, "init", "-q")
    _git(repo, "-c", "user.email=a@b", "-c", "user.name=n", "add", ".")
    _git(repo, "-c", "user.email=a@b", "-c", "user.name=n", "commit", "-qm", "base")
    good = repo / "good" / "README.md"
    poor = str(repo / "poor" / "README.md")
    # unchanged poor card: below min score but not lower than at HEAD -> passes
    assert cli("lint", poor, "--no-regress", "HEAD").code == 0
    # removing the license lowers the score -> fails
    good.write_text(good.read_text().replace("license: cc-by-4.0\n", ""))
    run = cli("lint", str(good), "--no-regress", "HEAD")
    assert run.code == 1 and "lower than" in run.out
    assert cli("lint", str(good), "--no-regress", "no-such-ref").code == 2


def test_lint_never_writes_the_card(cli, repo: Path) -> None:
    before = {p: p.read_bytes() for p in repo.rglob("README.md")}
    cli("lint", str(repo), "--format", "sarif")
    assert before == {p: p.read_bytes() for p in repo.rglob("README.md")}


def test_lint_rejects_hub_ids(cli) -> None:
    run = cli("lint", "org/name")
    assert run.code == 2 and "no such file" in run.err
