from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

EXAMPLE = str(ROOT / "examples" / "synthetic-instructions" / "README.md")
CONTRACT_KEYS = {
    "": ["name", "version", "source", "generation", "cost", "reproducibility", "findings", "tool"],
    "source": ["type", "id"],
    "generation": ["origin", "synthetic_ratio", "human_ratio", "teacher_models", "methods"],
    "cost": ["estimated_total_usd", "confidence"],
    "reproducibility": ["score", "max_score", "available", "missing", "not_applicable"],
}


def test_analyze_json_has_every_contract_key(cli) -> None:
    run = cli("analyze", EXAMPLE, "--json")
    assert run.code == 0, run.err
    tree = json.loads(run.out)
    for block, keys in CONTRACT_KEYS.items():
        node = tree[block] if block else tree
        for key in keys:
            assert key in node, f"{block}.{key} missing"
    assert tree["version"] == "1.0"
    assert tree["source"] == {"type": "local", "id": EXAMPLE}
    assert tree["tool"]["name"] == "datarecipe"


def test_json_and_yaml_carry_the_same_tree(cli) -> None:
    import yaml

    as_json = json.loads(cli("analyze", EXAMPLE, "--json").out)
    as_yaml = yaml.safe_load(cli("analyze", EXAMPLE, "--yaml").out)
    assert as_json == as_yaml


def test_output_is_byte_identical_across_runs(python: str) -> None:
    outs = {
        subprocess.run(
            [python, "-m", "datarecipe_lint", "analyze", EXAMPLE, "--json"],
            capture_output=True,
            check=True,
        ).stdout
        for _ in range(2)
    }
    assert len(outs) == 1


def test_version(cli) -> None:
    with pytest.raises(SystemExit) as exc:
        cli("--version")
    assert exc.value.code == 0


def test_output_file_by_extension(cli, tmp_path: Path) -> None:
    for ext, marker in (
        (".md", "# Dataset recipe"),
        (".yaml", "version: '1.0'"),
        (".json", '"version": "1.0"'),
    ):
        out = tmp_path / f"r{ext}"
        run = cli("analyze", EXAMPLE, "-o", str(out))
        assert run.code == 0, run.err
        assert marker in out.read_text()


def test_unknown_output_extension_is_exit_2(cli, tmp_path: Path) -> None:
    run = cli("analyze", EXAMPLE, "-o", str(tmp_path / "r.txt"))
    assert run.code == 2 and "unknown extension" in run.err


@pytest.mark.timeout(10)
@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: str(d / "missing.md"), "no such file"),
        (lambda d: str(d), "no README.md"),
        (lambda d: _write(d / "bin.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00"), "binary"),
        (lambda d: _write(d / "latin.md", "caf\xe9".encode("latin-1")), "not UTF-8"),
        (lambda d: _big(d / "big.md", 50 * 1000 * 1000), "size limit"),
    ],
)
def test_unreadable_input_is_one_line_and_exit_2(cli, tmp_path: Path, make, message: str) -> None:
    path = make(tmp_path)
    before = Path(path).read_bytes() if Path(path).is_file() else None
    run = cli("analyze", path)
    assert run.code == 2
    assert message in run.err
    assert run.err.count("\n") == 1 and "Traceback" not in run.err
    if before is not None:
        assert Path(path).read_bytes() == before


def test_empty_file_is_analysed_not_an_error(cli, tmp_path: Path) -> None:
    path = _write(tmp_path / "README.md", b"")
    run = cli("analyze", path, "--json")
    assert run.code == 0
    tree = json.loads(run.out)
    assert tree["generation"]["origin"] == "unknown"
    assert any(f["id"] == "empty-card" for f in tree["findings"])


def test_max_bytes_flag_raises_the_limit(cli, tmp_path: Path) -> None:
    path = _write(tmp_path / "README.md", b"# T\n\n" + b"word " * 3000)
    assert cli("analyze", path, "--max-bytes", "1kB").code == 2
    assert cli("analyze", path, "--max-bytes", "1MB").code == 0


def test_bad_arguments_exit_2(cli) -> None:
    run = cli("analyze")
    assert run.code == 2 and "--help" in run.err
    assert cli("frobnicate").code == 2


def test_not_a_path_nor_an_id(cli) -> None:
    run = cli("analyze", "no such thing here")
    assert run.code == 2 and "not a Hub dataset id" in run.err


HOSTILE = {
    "nested": "---\nx: " + "[" * 5000 + "]" * 5000 + "\n---\nbody\n",
    "one-megabyte-line": "# T\n\n" + ("GPT-4 generated " * 70000) + "\n",
    "many-headings": "".join(f"## H{i}\n\ntext {i} generated with GPT-4\n\n" for i in range(5000)),
    "deep-list": "".join("  " * i + "- item\n" for i in range(300)),
    "many-mentions": "# T\n\n"
    + "\n\n".join("Responses were generated with GPT-4." for _ in range(5000)),
}


@pytest.mark.timeout(10)
@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_cards_finish(cli, tmp_path: Path, name: str) -> None:
    run = cli("analyze", _write(tmp_path / f"{name}.md", HOSTILE[name].encode()), "--json")
    assert run.code == 0, run.err
    json.loads(run.out)


def test_recipes_validate_against_the_shipped_schema(cli) -> None:
    from datarecipe_lint.schema import validate

    for card in sorted((ROOT / "tests" / "fixtures").rglob("*.md")):
        run = cli("analyze", str(card), "--json")
        assert run.code == 0, f"{card}: {run.err}"
        validate(json.loads(run.out), str(card))


def test_console_script_and_module_agree(python: str) -> None:
    env = {**os.environ, "NO_COLOR": "1"}
    a = subprocess.run(
        [python, "-m", "datarecipe_lint", "--version"], capture_output=True, text=True, env=env
    )
    assert a.returncode == 0 and a.stdout.startswith("datarecipe ")
    exe = Path(sys.executable).parent / "datarecipe"
    if exe.exists():
        b = subprocess.run([str(exe), "--version"], capture_output=True, text=True, env=env)
        assert b.stdout == a.stdout


def test_list_sources(cli) -> None:
    run = cli("list-sources")
    assert run.code == 0 and "local" in run.out and "huggingface" in run.out


def test_schema_command_prints_json_schema(cli) -> None:
    run = cli("schema")
    assert json.loads(run.out)["title"] == "DataRecipe recipe"


def test_show_shipped_example_recipe(cli) -> None:
    run = cli("show", str(ROOT / "recipes" / "example.yaml"))
    assert run.code == 0, run.err
    assert "reproducibility" in run.out


def test_show_invalid_recipe_names_the_key(cli, tmp_path: Path) -> None:
    import yaml

    tree = json.loads(cli("analyze", EXAMPLE, "--json").out)
    tree["generation"]["origin"] = "alien"
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(tree))
    run = cli("show", str(path))
    assert run.code == 2 and "generation.origin" in run.err


def test_shipped_example_recipe_matches_the_example_card(cli) -> None:
    import yaml

    shipped = yaml.safe_load((ROOT / "recipes" / "example.yaml").read_text())
    fresh = (
        json.loads(cli("analyze", "examples/synthetic-instructions/README.md", "--json").out)
        if Path("examples").exists()
        else None
    )
    if fresh is None:
        pytest.skip("run from the repository root")
    shipped["tool"] = fresh["tool"] = None
    assert shipped == fresh, (
        "regenerate it: datarecipe analyze examples/synthetic-instructions/README.md -o recipes/example.yaml"
    )


def _write(path: Path, data: bytes) -> str:
    path.write_bytes(data)
    return str(path)


def _big(path: Path, size: int) -> str:
    with path.open("wb") as fh:
        fh.truncate(size)
    return str(path)


def test_builtin_schema_checker_agrees_with_jsonschema(cli) -> None:
    """`show` works without jsonschema installed: the built-in checker finds the same first key."""
    import copy

    from datarecipe_lint.schema import first_problem, schema

    tree = json.loads(cli("analyze", EXAMPLE, "--json").out)
    assert first_problem(tree, schema(), schema(), ()) is None
    cases = [
        (("generation", "origin"), "alien"),
        (("reproducibility", "score"), 11),
        (("version",), "2.0"),
        (("cost", "estimated_total_usd"), "lots"),
    ]
    for path, bad in cases:
        broken = copy.deepcopy(tree)
        node = broken
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = bad
        found = first_problem(broken, schema(), schema(), ())
        assert found is not None and found[0] == path, (path, found)
    del tree["findings"]
    assert first_problem(tree, schema(), schema(), ())[1] == "'findings' is a required property"
