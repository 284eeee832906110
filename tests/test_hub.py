"""Hub datasets by id, through the real huggingface_hub client against a Hub served on loopback."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hub_server import PIPELINE_YAML, TOKEN, Hub, closed_port_url, hub_env, isolate, serve

from datarecipe_lint.schema import validate
from datarecipe_lint.sources.hub import cached_revision
from datarecipe_lint.sources.repo_files import (
    MAX_FILE_BYTES,
    RepoFile,
    cached,
    inside,
    is_prompt,
    is_structured,
    listing,
    safe_path,
    to_read,
)

pytest.importorskip("huggingface_hub")

CARD = """---
license: cc-by-4.0
---

# Chat answers

A dataset of 5,000 chat answers to questions people asked on public forums, in English.
"""

PIPELINE = PIPELINE_YAML.format(n="answers")

DATADREAMER = {
    "data_card": {
        "Generate Answers": {"Model Name": ["claude-3-opus-20240229"], "License Information": []}
    },
    "__version__": "0.38.0",
    "type": "DataDreamer",
}


@pytest.fixture
def hub(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Hub]:
    with serve() as server:
        isolate(monkeypatch, str(tmp_path / "hf"), server.url)
        yield server


def recipe(run: Any) -> dict[str, Any]:
    assert run.code == 0, run.err
    tree: dict[str, Any] = json.loads(run.out)
    return tree


def one_line_error(run: Any) -> str:
    assert run.code == 2, (run.code, run.out, run.err)
    assert run.err.startswith("datarecipe: error: ") and run.err.count("\n") == 1, run.err
    assert "Traceback" not in run.err and run.out == ""
    return str(run.err)


def criterion(tree: dict[str, Any], cid: str) -> dict[str, Any]:
    found: dict[str, Any] = next(c for c in tree["reproducibility"]["criteria"] if c["id"] == cid)
    return found


# -- request budget, cache, offline ----------------------------------------------------------------


def test_cold_repeat_and_offline_request_budget(
    cli: Any, hub: Hub, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = hub.add("org/plain", {"README.md": CARD, "data/train.parquet": b"PAR1"})
    cold = recipe(cli("analyze", "org/plain", "--json"))
    assert hub.requests == 3 and hub.counts == {"info": 1, "file": 2}
    assert cold["source"] == {
        "type": "huggingface",
        "id": "org/plain",
        "revision": repo.refs["main"],
    }
    validate(cold)
    hub.reset()
    repeat = cli("analyze", "org/plain", "--json")
    assert hub.requests == 1 and hub.counts == {"info": 1}
    hub.reset()
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    offline = cli("analyze", "org/plain", "--json")
    assert hub.requests == 0
    assert repeat.out == offline.out == json.dumps(cold, indent=2, ensure_ascii=False) + "\n"


def test_each_structured_file_costs_one_request_once(
    cli: Any, hub: Hub, monkeypatch: pytest.MonkeyPatch
) -> None:
    hub.add("org/piped", {"README.md": CARD, "pipeline.yaml": PIPELINE, "datadreamer.json": "{}"})
    cold = recipe(cli("analyze", "org/piped", "--json"))
    assert hub.counts == {"info": 1, "file": 4}  # info, README (HEAD + GET), 2 structured files
    hub.reset()
    assert recipe(cli("analyze", "org/piped", "--json")) == cold and hub.requests == 1
    hub.reset()
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    assert recipe(cli("analyze", "org/piped", "--json")) == cold and hub.requests == 0


def test_a_new_commit_is_fetched(cli: Any, hub: Hub) -> None:
    repo = hub.add("org/moving", {"README.md": CARD})
    first = recipe(cli("analyze", "org/moving", "--json"))
    new = repo.commit({"README.md": CARD + "\nResponses were generated with GPT-4.\n"})
    hub.reset()
    second = recipe(cli("analyze", "org/moving", "--json"))
    assert hub.requests == 3 and second["source"]["revision"] == new != first["source"]["revision"]
    assert second["generation"]["teacher_models"] == ["GPT-4"]


def test_offline_without_a_ref_uses_the_newest_snapshot_and_says_so(
    cli: Any, hub: Hub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = hub.add("org/snap", {"README.md": CARD})
    recipe(cli("analyze", "org/snap", "--json"))
    shutil.rmtree(tmp_path / "hf" / "hub" / "datasets--org--snap" / "refs")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    hub.reset()
    run = cli("analyze", "org/snap", "--json")
    sha = repo.refs["main"]
    assert recipe(run)["source"]["revision"] == sha and hub.requests == 0
    assert f"using the newest cached snapshot {sha}" in run.err


def test_cached_revision_rules(tmp_path: Path) -> None:
    sha_a, sha_b = "a" * 40, "b" * 40
    for sha in (sha_a, sha_b):
        (tmp_path / "snapshots" / sha).mkdir(parents=True)
        (tmp_path / "snapshots" / sha / "README.md").write_text("x")
    os.utime(tmp_path / "snapshots" / sha_a, (1, 1))
    assert cached_revision(tmp_path, "o/n", sha_a) == (sha_a, "")
    assert cached_revision(tmp_path, "o/n", "aaaaaaa") == (sha_a, "")
    assert cached_revision(tmp_path, "o/n", "v1.0") == (None, "")
    sha, note = cached_revision(tmp_path, "o/n", None)
    assert sha == sha_b and f"newest cached snapshot {sha_b}" in note
    (tmp_path / "refs").mkdir()
    (tmp_path / "refs" / "main").write_text(sha_a)
    assert cached_revision(tmp_path, "o/n", None) == (sha_a, "")


def test_offline_and_not_cached_is_one_line(
    cli: Any, hub: Hub, monkeypatch: pytest.MonkeyPatch
) -> None:
    hub.add("org/never", {"README.md": CARD})
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    assert "not in the local cache" in one_line_error(cli("analyze", "org/never"))
    assert hub.requests == 0


# -- ids, revisions, redirects -----------------------------------------------------------------------


def test_id_forms_and_revisions(cli: Any, hub: Hub) -> None:
    repo = hub.add("org/forms", {"README.md": CARD})
    old = repo.refs["main"]
    repo.refs["v1.0"] = old
    new = repo.commit({"README.md": CARD + "\nMore.\n"})
    for source in (
        "org/forms",
        "hf://datasets/org/forms",
        "https://huggingface.co/datasets/org/forms",
    ):
        assert recipe(cli("analyze", source, "--json"))["source"]["revision"] == new
    url = "https://huggingface.co/datasets/org/forms/tree/v1.0"
    assert recipe(cli("analyze", url, "--json"))["source"]["revision"] == old
    assert (
        recipe(cli("analyze", "org/forms", "--revision", old, "--json"))["source"]["revision"]
        == old
    )
    err = one_line_error(cli("analyze", "org/forms", "--revision", "v9"))
    assert "revision 'v9' not found" in err


def test_renamed_repository_and_lfs_card_follow_redirects(cli: Any, hub: Hub) -> None:
    hub.add("org/current", {"README.md": CARD})
    hub.moved["org/former"] = "org/current"
    assert recipe(cli("analyze", "org/former", "--json"))["name"] == "org/former"
    hub.add("org/big", {"README.md": CARD}, lfs=frozenset({"README.md"}))
    hub.reset()
    tree = recipe(cli("analyze", "org/big", "--json"))
    assert tree["generation"]["origin"] in ("human", "unknown", "web", "mixed", "synthetic")
    assert hub.counts == {"info": 1, "file": 1, "cdn": 1}  # HEAD answers 302; GET from the CDN


# -- what the repository's files add ------------------------------------------------------------------


def test_repository_files_feed_the_recipe(cli: Any, hub: Hub) -> None:
    hub.add(
        "org/files",
        {
            "README.md": CARD,
            "pipeline.yaml": PIPELINE,
            "prompts/system.txt": "You are a careful assistant.",
            "scripts/generate_answers.py": "print('never run')\n",
        },
    )
    tree = recipe(cli("analyze", "org/files", "--json"))
    validate(tree)
    gen = tree["generation"]
    assert gen["teacher_models"] == ["Llama 3.1 70B"] and gen["origin"] == "synthetic"
    (distill,) = [m for m in gen["methods"] if m["type"] == "distillation"]
    assert distill["evidence"] == [
        {"line": 0, "text": "file: pipeline.yaml: model_id: meta-llama/Meta-Llama-3.1-70B-Instruct"}
    ]
    assert distill["prompt_template"] == "available"
    assert [m["model"] for m in gen["methods"] if m["type"] == "llm_judge"] == ["GPT-4o"]
    params = criterion(tree, "generation_parameters")
    assert params["status"] == "available" and params["line"] == 0
    assert params["evidence"] == "file: pipeline.yaml: temperature: 0.7, max_new_tokens: 2048"
    assert criterion(tree, "exact_prompts")["evidence"].startswith(
        "file: pipeline.yaml: system_prompt:"
    )
    assert criterion(tree, "source_code")["evidence"] == (
        "file: scripts/generate_answers.py (script in the repository)"
    )


def test_datadreamer_json_and_prompt_folder(cli: Any, hub: Hub) -> None:
    hub.add(
        "org/dreamer",
        {"README.md": CARD, "datadreamer.json": json.dumps(DATADREAMER), "prompts/a.txt": "x"},
    )
    tree = recipe(cli("analyze", "org/dreamer", "--json"))
    assert tree["generation"]["teacher_models"] == ["Claude 3 Opus"]
    assert criterion(tree, "exact_prompts")["evidence"] == (
        "file: prompts/a.txt (prompt file in the repository)"
    )


def test_local_cards_and_plain_repositories_are_unchanged(
    cli: Any, hub: Hub, tmp_path: Path
) -> None:
    hub.add("org/same", {"README.md": CARD, "data/x.parquet": b"PAR1"})
    local = tmp_path / "same" / "README.md"
    local.parent.mkdir()
    local.write_text(CARD, encoding="utf-8")
    hub_tree = recipe(cli("analyze", "org/same", "--json"))
    local_tree = recipe(cli("analyze", str(local), "--json"))
    assert hub_tree["reproducibility"] == local_tree["reproducibility"]
    assert hub_tree["generation"] == local_tree["generation"]


def test_large_and_unsafe_files_are_never_read(cli: Any, hub: Hub) -> None:
    big = PIPELINE + "#" * MAX_FILE_BYTES
    hub.add(
        "org/unsafe",
        {
            "README.md": CARD,
            "pipeline.yaml": big,
            "../generation_config.json": '{"model": "gpt-4"}',
        },
    )
    tree = recipe(cli("analyze", "org/unsafe", "--json"))
    assert hub.counts == {"info": 1, "file": 2}
    assert tree["generation"]["teacher_models"] == []


def test_repo_file_rules(tmp_path: Path) -> None:
    for bad in ("../x.yaml", "/etc/passwd", "a/../../b", "a\\b", "C:/x", "", "a//b", "./a"):
        assert not safe_path(bad), bad
        assert inside(tmp_path, bad) is None
    assert safe_path("configs/generation_config.json")
    files = listing([("../pipeline.yaml", 1), ("pipeline.yaml", 10), ("gen_config.yaml", None)])
    assert [f.path for f in files] == ["gen_config.yaml", "pipeline.yaml"]
    assert [f.path for f in to_read(files)] == ["pipeline.yaml", "gen_config.yaml"]
    assert is_structured("configs/generation_config.json") and not is_structured("data/a/b/c.json")
    assert not is_structured("dataset_infos.json") and not is_structured("train.json")
    assert (
        is_prompt("prompts/judge.md") and is_prompt("system_prompt.txt") and not is_prompt("a.py")
    )
    assert to_read([RepoFile("pipeline.yaml", MAX_FILE_BYTES + 1)]) == []
    calls: list[str] = []

    def fetch(path: str) -> bytes:
        calls.append(path)
        return b"model: gpt-4\n"

    read = cached(tmp_path / "c", fetch)
    assert read("pipeline.yaml") == read("pipeline.yaml") == b"model: gpt-4\n"
    assert calls == ["pipeline.yaml"] and read("../escape") is None


# -- errors: one line, exit 2 ---------------------------------------------------------------------


def test_not_found_suggests_the_model_namespace(cli: Any, hub: Hub) -> None:
    err = one_line_error(cli("analyze", "org/missing"))
    assert "not found" in err and "HF_TOKEN" in err
    hub.models.add("org/a-model")
    err = one_line_error(cli("analyze", "org/a-model"))
    assert f"a model exists ({hub.url}/org/a-model)" in err and "pass a dataset id" in err


def test_private_needs_a_token_which_is_forwarded_and_never_shown(
    cli: Any, hub: Hub, monkeypatch: pytest.MonkeyPatch
) -> None:
    hub.add("org/private", {"README.md": CARD}, private=True)
    err = one_line_error(cli("analyze", "org/private"))
    assert "private" in err and "HF_TOKEN" in err
    run = cli("analyze", "org/private", "--json", "--token", TOKEN)
    assert recipe(run)["name"] == "org/private"
    assert {auth for _, _, auth in hub.log} == {None, f"Bearer {TOKEN}"}
    monkeypatch.setenv("HF_TOKEN", TOKEN)
    hub.reset()
    env_run = cli("analyze", "org/private", "--json")
    assert recipe(env_run)["name"] == "org/private"
    assert {auth for _, _, auth in hub.log} == {f"Bearer {TOKEN}"}
    for shown in (run.out, run.err, env_run.out, env_run.err):
        assert TOKEN not in shown


def test_gated_names_the_page_and_hf_token(cli: Any, hub: Hub) -> None:
    hub.add("org/gated", {"README.md": CARD}, gated=True)
    err = one_line_error(cli("analyze", "org/gated"))
    assert f"request access at {hub.url}/datasets/org/gated" in err and "HF_TOKEN" in err
    err = one_line_error(cli("analyze", "org/gated", "--token", "hf_notGrantedToken000"))
    assert "gated" in err and "hf_notGrantedToken000" not in err
    assert recipe(cli("analyze", "org/gated", "--json", "--token", TOKEN))["name"] == "org/gated"


def test_no_card(cli: Any, hub: Hub) -> None:
    hub.add("org/nocard", {"data.csv": "a,b\n"})
    assert "has no README.md card" in one_line_error(cli("analyze", "org/nocard"))
    assert hub.requests == 1


def test_network_down(cli: Any, hub: Hub, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_ENDPOINT", closed_port_url())
    monkeypatch.setenv("DATARECIPE_HUB_RETRIES", "1")
    assert "cannot reach the Hub" in one_line_error(cli("analyze", "org/any"))


def test_timeout(cli: Any, hub: Hub, monkeypatch: pytest.MonkeyPatch) -> None:
    hub.add("org/slow", {"README.md": CARD})
    hub.fail("^/api/datasets/", "slow", delay=1.5)
    monkeypatch.setenv("DATARECIPE_HUB_TIMEOUT", "0.3")
    monkeypatch.setenv("DATARECIPE_HUB_RETRIES", "1")
    err = one_line_error(cli("analyze", "org/slow"))
    assert "did not answer in time after 2 attempts" in err


@pytest.mark.parametrize(("status", "words"), [("429", "rate limited"), ("500", "HTTP 500")])
def test_retries_then_one_line(
    cli: Any, hub: Hub, monkeypatch: pytest.MonkeyPatch, status: str, words: str
) -> None:
    hub.add("org/busy", {"README.md": CARD})
    hub.fail("^/api/datasets/", status, retry_after=0)
    monkeypatch.setenv("DATARECIPE_HUB_RETRIES", "2")
    err = one_line_error(cli("analyze", "org/busy"))
    assert words in err and "after 3 attempts" in err
    assert hub.counts == {"info": 3}


def test_retry_after_is_honoured(cli: Any, hub: Hub) -> None:
    hub.add("org/later", {"README.md": CARD})
    hub.fail("^/api/datasets/", "429", times=1, retry_after=1)
    start = time.monotonic()
    assert recipe(cli("analyze", "org/later", "--json"))["name"] == "org/later"
    assert time.monotonic() - start >= 1.0 and hub.counts["info"] == 2


def test_a_too_large_card_is_not_downloaded(cli: Any, hub: Hub) -> None:
    hub.add("org/huge", {"README.md": CARD + "x" * 5000})
    err = one_line_error(cli("analyze", "org/huge", "--max-bytes", "1kB"))
    assert "over the" in err and hub.requests == 1


# -- list-sources, start-up, a real process ---------------------------------------------------------


def test_list_sources(cli: Any, hub: Hub, monkeypatch: pytest.MonkeyPatch) -> None:
    out = cli("list-sources", "--check").out
    assert "available online (huggingface_hub " in out and f"endpoint {hub.url} answers" in out
    monkeypatch.setenv("HF_ENDPOINT", closed_port_url())
    assert "does not answer" in cli("list-sources", "--check").out
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    assert "available offline only" in cli("list-sources").out


def test_local_runs_do_not_import_huggingface_hub(tmp_path: Path) -> None:
    card = tmp_path / "README.md"
    card.write_text(CARD, encoding="utf-8")
    code = (
        "import sys\nfrom datarecipe_lint.cli import main\n"
        f"main(['lint', {str(card)!r}, '--min-score', '0'])\n"
        f"main(['analyze', {str(card)!r}, '--json'])\n"
        "sys.exit(3 if 'huggingface_hub' in sys.modules else 0)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr


def test_a_real_process_with_huggingface_hubs_own_requests(hub: Hub, tmp_path: Path) -> None:
    """Telemetry on: the client may fetch its registry from the endpoint; that is not counted."""
    hub.add("org/proc", {"README.md": CARD})
    env = {**os.environ, **hub_env(str(tmp_path / "proc"), hub.url), "HF_TOKEN": TOKEN}
    env.pop("HF_HUB_DISABLE_TELEMETRY")
    cmd = [sys.executable, "-m", "datarecipe_lint", "analyze", "org/proc", "--json"]
    run = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=60)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["name"] == "org/proc" and hub.requests == 3 and hub.own <= 1
    assert TOKEN not in run.stdout + run.stderr
