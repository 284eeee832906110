"""analyze --batch: JSON lines, resume, summary, pacing, faults and interruption (loopback Hub)."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hub_server import TOKEN, Hub, hub_env, isolate, serve, synthetic_files

from datarecipe_lint.errors import DataRecipeError
from datarecipe_lint.schema import validate
from datarecipe_lint.sources.batch.pace import Pacer
from datarecipe_lint.sources.batch.records import compact, load, read_inputs
from datarecipe_lint.sources.batch.runner import DEFAULT_RATE
from datarecipe_lint.sources.hub import TRANSIENT, HubPolicy, delay

pytest.importorskip("huggingface_hub")

LOCAL_CARD = (
    "---\nlicense: mit\n---\n\n# Local\n\nQuestions written by volunteers for a reading quiz.\n"
)


@pytest.fixture
def hub(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Hub]:
    with serve() as server:
        isolate(monkeypatch, str(tmp_path / "hf"), server.url)
        yield server


def add_repos(hub: Hub, n: int, prefix: str = "org/ds") -> list[str]:
    ids = [f"{prefix}-{i:03d}" for i in range(n)]
    for i, repo_id in enumerate(ids):
        hub.add(repo_id, synthetic_files(i, pipeline=i % 4 == 0))
    return ids


def write_ids(tmp_path: Path, lines: list[str], name: str = "ids.txt") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Every line must be a JSON object with an id (this is the validity the tests demand)."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        assert isinstance(row, dict) and isinstance(row["id"], str), line
        rows.append(row)
    return rows


def test_one_line_per_input_recipe_or_error(cli: Any, hub: Hub, tmp_path: Path) -> None:
    ids = add_repos(hub, 3)
    card = tmp_path / "local" / "README.md"
    card.parent.mkdir()
    card.write_text(LOCAL_CARD, encoding="utf-8")
    lines = ["# audit list", ids[0], "", str(card), "org/missing", ids[1], ids[0], ids[2]]
    out = tmp_path / "recipes.jsonl"
    run = cli("analyze", "--batch", str(write_ids(tmp_path, lines)), "-o", str(out), "--rate", "0")
    assert run.code == 1 and run.out == ""
    rows = read_jsonl(out)
    assert [r["id"] for r in rows] == [ids[0], str(card), "org/missing", ids[1], ids[2]]
    for row in rows:
        if row["id"] == "org/missing":
            assert set(row) == {"id", "error"} and row["error"]["kind"] == "not_found"
            assert set(row["error"]) == {"kind", "message"}
        else:
            assert next(iter(row)) == "id"
            validate({k: v for k, v in row.items() if k != "id"})
    assert rows[1]["source"] == {"type": "local", "id": str(card)}
    assert rows[0]["source"]["type"] == "huggingface"
    assert "batch: 5 inputs: 4 recipes, 1 errors" in run.err
    assert "errors by kind: not_found 1" in run.err and "failed: org/missing (not_found)" in run.err
    assert "\r" not in run.err  # no progress bar when stderr is not a terminal


def test_a_rerun_skips_recipes_retries_errors_and_compacts(
    cli: Any, hub: Hub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = add_repos(hub, 6)
    monkeypatch.setenv("DATARECIPE_HUB_RETRIES", "0")
    hub.fail(f"^/api/datasets/{ids[2]}$", "500")
    out = tmp_path / "r.jsonl"
    args = ("analyze", "--batch", str(write_ids(tmp_path, ids)), "-o", str(out), "--rate", "0")
    assert cli(*args).code == 1
    assert [r["id"] for r in read_jsonl(out) if "error" in r] == [ids[2]]
    with out.open("a", encoding="utf-8") as fh:  # a killed run leaves half a line behind
        fh.write('{"id": "org/ds-000", "genera')
    hub.rules.clear()
    hub.reset()
    run = cli(*args)
    assert run.code == 0 and "(5 from the earlier run)" in run.err
    assert {path for _, path, _ in hub.log if "/api/" in path} == {f"/api/datasets/{ids[2]}"}
    rows = read_jsonl(out)
    assert [r["id"] for r in rows] == ids and all("error" not in r for r in rows)


def test_stdin_in_stdout_out_and_markdown_summary(
    cli: Any, hub: Hub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = add_repos(hub, 2)
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join([*ids, "org/nope"]) + "\n"))
    md = tmp_path / "summary.md"
    run = cli("analyze", "--batch", "-", "--summary-md", str(md), "--rate", "0")
    assert run.code == 1
    assert sorted(json.loads(line)["id"] for line in run.out.splitlines()) == [*ids, "org/nope"]
    text = md.read_text(encoding="utf-8")
    assert "| recipes | 2 |" in text and "| errors | 1 |" in text and "| `not_found` | 1 |" in text
    assert "## Reproducibility scores" in text and "## Most often missing" in text


def test_usage_errors(cli: Any, tmp_path: Path) -> None:
    ids = str(write_ids(tmp_path, ["org/x"]))
    for args in (
        ("analyze", "org/x", "--batch", ids),
        ("analyze", "--batch", ids, "--json"),
        ("analyze", "--batch", ids, "--jobs", "0"),
        ("analyze", "org/x", "--jobs", "2"),
        ("analyze",),
        ("analyze", "--batch", str(tmp_path / "absent.txt")),
    ):
        run = cli(*args)
        assert run.code == 2 and run.err.count("\n") == 1, (args, run.err)


def test_every_input_goes_through_the_one_pipeline(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datarecipe_lint import pipeline

    real = pipeline.analyze
    seen: list[str] = []
    card = tmp_path / "README.md"
    card.write_text(LOCAL_CARD, encoding="utf-8")

    def spy(source: str, settings: Any = None) -> Any:
        seen.append(source)
        if source == "bad/kind":
            raise DataRecipeError("bad/kind: refused", "custom")
        if source == "bug/here":
            raise RuntimeError("boom")
        return real(source, settings)

    monkeypatch.setattr(pipeline, "analyze", spy)
    out = tmp_path / "o.jsonl"
    ids = write_ids(tmp_path, [str(card), "bad/kind", "bug/here"])
    assert cli("analyze", "--batch", str(ids), "-o", str(out), "--jobs", "1").code == 1
    assert seen == [str(card), "bad/kind", "bug/here"]
    kinds = {r["id"]: r.get("error", {}).get("kind") for r in read_jsonl(out)}
    assert kinds == {str(card): None, "bad/kind": "custom", "bug/here": "internal"}


def test_the_token_never_appears(cli: Any, hub: Hub, tmp_path: Path) -> None:
    hub.add("org/private", synthetic_files(1), private=True)
    hub.add("org/gated", synthetic_files(2), gated=True)
    out, md = tmp_path / "t.jsonl", tmp_path / "t.md"
    ids = write_ids(tmp_path, ["org/private", "org/gated", "org/none"])
    run = cli(
        "analyze", "--batch", str(ids), "-o", str(out), "--token", TOKEN, "--summary-md", str(md),
        "--rate", "100",
    )  # fmt: skip
    assert run.code == 1
    assert {r["id"]: "error" in r for r in read_jsonl(out)} == {
        "org/private": False,
        "org/gated": False,
        "org/none": True,
    }
    for text in (run.out, run.err, out.read_text(), md.read_text()):
        assert TOKEN not in text


def test_pacer_and_backoff() -> None:
    now = [100.0]
    pacer = Pacer(2.0, clock=lambda: now[0])
    assert [pacer.reserve() for _ in range(3)] == [0.0, 0.5, 1.0]
    now[0] += 10
    assert pacer.reserve(2) == 0.0 and pacer.reserve() == 1.0
    assert DEFAULT_RATE * 300 <= 500  # the anonymous Hub limit: ~500 requests per 5 minutes
    policy = HubPolicy(backoff=1.0, max_wait=6.0)
    assert [delay(policy, a, None, lambda: 0.0) for a in range(4)] == [0.5, 1.0, 2.0, 3.0]
    assert [delay(policy, a, None, lambda: 1.0) for a in range(4)] == [1.0, 2.0, 4.0, 6.0]
    assert delay(policy, 0, 5.0, lambda: 0.5) == 5.0  # Retry-After wins when longer


def test_a_retry_after_holds_the_shared_pace_for_every_worker(
    cli: Any, hub: Hub, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Hub's Retry-After reaches the shared pacer (``hold``), not only the worker it hit."""
    now = [50.0]
    pacer = Pacer(100.0, clock=lambda: now[0])
    pacer.hold(3.0)
    assert pacer.reserve() == 3.0  # the next request of any worker waits out the hold
    held: list[float] = []
    ids = add_repos(hub, 1)
    hub.fail(f"^/api/datasets/{ids[0]}$", "429", times=1, retry_after=0)
    monkeypatch.setenv("DATARECIPE_HUB_BACKOFF", "0")

    class Recording:
        def __call__(self, requests: int = 1) -> None:
            pass

        def hold(self, seconds: float) -> None:
            held.append(seconds)

    from datarecipe_lint import pipeline
    from datarecipe_lint.options import build

    options = build(None)
    options = options._replace(
        source=options.source._replace(hub=HubPolicy(backoff=0.0)._replace(pace=Recording()))
    )
    pipeline.analyze(ids[0], options)
    assert held == [0.0]


def test_records_helpers(tmp_path: Path) -> None:
    assert read_inputs([" a/b ", "#c", "", "a/b", "d"]) == ["a/b", "d"]
    path = tmp_path / "x.jsonl"
    path.write_text(
        '{"id": "a", "reproducibility": {"score": 1}}\n{"id": "a", "error": {"kind": "k"}}\n'
        'not json\n{"id": "b", "error": {"kind": "k"}}\n{"id": "c"',
        encoding="utf-8",
    )
    records = load(path)
    assert set(records) == {"a", "b"} and "error" not in records["a"]
    assert compact(path, ["b", "a", "z"], records) == 2
    assert [r["id"] for r in read_jsonl(path)] == ["b", "a"]


def test_faults_on_a_fifth_of_requests_lose_nothing(
    cli: Any, hub: Hub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = add_repos(hub, 200)
    hub.faults(0.2, seed=11)
    hub.slow = 0.05
    monkeypatch.setenv("DATARECIPE_HUB_RETRIES", "1")
    out = tmp_path / "faults.jsonl"
    args = ("analyze", "--batch", str(write_ids(tmp_path, ids)), "-o", str(out), "--jobs", "16")
    first = cli(*args, "--rate", "1000")
    rows = read_jsonl(out)
    assert [r["id"] for r in rows] == ids  # one line each, in input order, none lost
    errors = [r for r in rows if "error" in r]
    assert first.code == (1 if errors else 0)
    assert all(r["error"]["kind"] in TRANSIENT for r in errors), errors[:3]
    assert f"{200 - len(errors)} recipes, {len(errors)} errors" in first.err
    hub.faults(0.0)
    hub.reset()
    second = cli(*args, "--rate", "1000")
    assert second.code == 0 and f"({200 - len(errors)} from the earlier run)" in second.err
    assert hub.counts["info"] == len(errors)
    rows = read_jsonl(out)
    assert [r["id"] for r in rows] == ids and not [r for r in rows if "error" in r]


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child process")
def test_sigint_halfway_then_resume(hub: Hub, tmp_path: Path) -> None:
    # enough work that the batch is still running when the signal comes, on a loaded machine
    ids = add_repos(hub, 200)
    hub.latency = 0.05
    env = {**os.environ, **hub_env(str(tmp_path / "hf-proc"), hub.url)}
    out = tmp_path / "int.jsonl"
    cmd = [sys.executable, "-m", "datarecipe_lint", "analyze", "--batch"]
    cmd += [str(write_ids(tmp_path, ids)), "-o", str(out), "--jobs", "2", "--rate", "0"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and _lines(out) < 15:
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err
    assert "interrupted; rerun the same command to resume" in err
    done = read_jsonl(out)
    assert 15 <= len(done) < len(ids) and len({r["id"] for r in done}) == len(done)
    hub.latency = 0.0
    rerun = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=60)
    assert rerun.returncode == 0, rerun.stderr
    assert [r["id"] for r in read_jsonl(out)] == ids


def _lines(path: Path) -> int:
    try:
        return path.read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0
