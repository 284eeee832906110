"""The knowledge tables: loading, the on-disk cache, and the name matcher."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from datarecipe_lint.knowledge import models, table
from datarecipe_lint.knowledge.matcher import Alias, NameMatcher, find_all


def test_cache_is_written_then_used(tmp_path: Path) -> None:
    env = {"DATARECIPE_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    code = "from datarecipe_lint.knowledge import table; print(len(table('models')['models']))"
    first = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    cached = list(tmp_path.glob("models-*.marshal"))
    assert len(cached) == 1
    second = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert second.stdout == first.stdout


def test_unwritable_cache_is_not_an_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    env = {"DATARECIPE_CACHE_DIR": str(blocker / "sub"), "PATH": "/usr/bin:/bin"}
    code = "from datarecipe_lint.knowledge import table; print(len(table('cues')['cues']))"
    run = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr


def test_model_table_size_and_required_models() -> None:
    table_ = models()
    assert len(table_) >= 80
    for name in (
        "GPT-5.2",
        "Claude 4.5",
        "Llama 4",
        "Gemini 2",
        "Qwen3",
        "DeepSeek-V3",
        "text-davinci-003",
        "gpt-oss-120b",
    ):
        assert name in table_, name
    for row in table("models")["models"]:
        assert row.get("source"), row["name"]


def test_platform_and_web_tables() -> None:
    assert len(table("platforms")["platforms"]) >= 12
    assert len(table("web_sources")["sources"]) >= 6


@pytest.mark.parametrize(
    ("name", "key"), [("models", "models"), ("platforms", "platforms"), ("web_sources", "sources")]
)
def test_no_alias_names_two_rows(name: str, key: str) -> None:
    """Matching treats "-", "_" and spaces alike: an alias in two rows would name either."""
    owners: dict[str, set[str]] = {}
    for row in table(name)[key]:
        for alias in [row["name"], *(row.get("aliases") or [])]:
            owners.setdefault(re.sub(r"[-_ ]", "", str(alias).lower()), set()).add(row["name"])
    assert {a: o for a, o in owners.items() if len(o) > 1} == {}


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("responses from gpt-4-0613 and GPT4", ["GPT-4", "GPT-4"]),
        ("we used gpt-4o, not gpt-4.1", ["GPT-4o", "GPT-4.1"]),
        ("meta-llama/Meta-Llama-3.1-405B-Instruct", ["Llama 3.1 405B"]),
        ("claude-3-opus-20240229", ["Claude 3 Opus"]),
        ("Mixtral-8x7B-Instruct-v0.1", ["Mixtral 8x7B"]),
        ("ChatGPT's answers", ["ChatGPT"]),
        ("the gpt4_score column", []),
        ("built with llama.cpp", []),
        ("使用GPT-4生成", ["GPT-4"]),
    ],
)
def test_model_names_in_the_wild(text: str, names: list[str]) -> None:
    from datarecipe_lint.knowledge import model_matcher

    assert [h.name for h in find_all(model_matcher(), text)] == names


def test_matcher_longest_alias_and_size() -> None:
    m = NameMatcher(
        [
            Alias("gpt-4", "GPT-4"),
            Alias("gpt-4-turbo", "GPT-4 Turbo"),
            Alias("falcon", "Falcon", sized=True, requires_size=True),
        ]
    )
    assert [h.name for h in find_all(m, "gpt-4-turbo vs GPT 4; a falcon flew; Falcon-40B")] == [
        "GPT-4 Turbo",
        "GPT-4",
        "Falcon 40B",
    ]
