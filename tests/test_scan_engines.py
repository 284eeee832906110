"""The scan plan and its engines: a file cut into byte ranges gives the same ``content`` block as
one sequential scan, here and on a local Ray of 2 CPUs (also when a worker dies mid-run)."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from datarecipe_lint.content.files import data_files
from datarecipe_lint.content.fingerprints import fingerprints
from datarecipe_lint.content.plan import make_plan, run_local
from datarecipe_lint.content.verdict import content_block

BUDGET = 10**12
PHRASES = (
    "As an AI language model, I cannot do that.",
    "I'm sorry, but I can't assist with that.",
    "As of my last knowledge update in September 2021, it was.",
)


def dataset(folder: Path, rows: int = 3000, seed: int = 3) -> Path:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "train.jsonl", "w", encoding="utf-8", newline="") as fh:
        for i in range(rows):
            answer = " ".join(
                rng.choice(["data", "model", "value", "é"]) for _ in range(rng.randint(5, 40))
            )
            if i % 41 == 0:
                answer = rng.choice(PHRASES) + " " + answer
            row = {
                "id": i,
                "prompt": f"question {i}",
                "response": answer,
                "model": rng.choice(["gpt-4-0613", "claude-2"]),
            }
            end = "\r\n" if i % 97 == 0 else "\n"
            fh.write(("{broken" if i == 1234 else json.dumps(row)) + end)
    (folder / "extra.csv").write_text("a,b\n1,As an AI language model I think\n", encoding="utf-8")
    return folder


def block(folder: Path, piece_bytes: int) -> dict[str, Any]:
    fp = fingerprints()
    plan = make_plan(data_files(folder), BUDGET, None, piece_bytes)
    return content_block(run_local(plan, fp, None), fp, BUDGET, None)


def test_byte_ranges_merge_into_the_sequential_block(tmp_path: Path) -> None:
    folder = dataset(tmp_path / "d")
    whole = block(folder, 10**12)
    assert whole["rows_scanned"] == 3000 and whole["families"] and whole["problems"], whole
    for piece_bytes in (1000, 4096, 65_536, 150_001):
        plan = make_plan(data_files(folder), BUDGET, None, piece_bytes)
        assert len(plan.pieces) > 2
        assert block(folder, piece_bytes) == whole, piece_bytes


@pytest.fixture
def ray_plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    pytest.importorskip("ray")
    monkeypatch.setenv("DATARECIPE_RAY_CPUS", "2")
    monkeypatch.delenv("RAY_ADDRESS", raising=False)
    folder = dataset(tmp_path / "d")
    return folder, make_plan(data_files(folder), BUDGET, None, 50_000)


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_ray_gives_the_local_block_even_when_a_worker_dies(
    ray_plan: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datarecipe_lint.content.ray_engine import run_ray
    from datarecipe_lint.ray_cluster import FAULT

    _folder, plan = ray_plan
    fp = fingerprints()
    local = content_block(run_local(plan, fp, None), fp, BUDGET, None)
    marker = tmp_path / "killed"
    monkeypatch.setenv(FAULT, f"3:{marker}")  # piece 3's worker exits mid-run, once
    on_ray = content_block(run_ray(plan, None, None), fp, BUDGET, None)
    assert marker.exists()  # the worker really died, and Ray ran its piece again
    assert on_ray == local
    assert on_ray["rows_scanned"] == 3000  # nothing counted twice


def test_engine_flags_go_with_scan_data(cli: Any, tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# D\n\nText.\n", encoding="utf-8")
    run = cli("analyze", str(tmp_path), "--engine", "ray")
    assert run.code == 2 and "--engine ray and --ray-address go with --scan-data" in run.err


# -- batch on Ray -------------------------------------------------------------------------------


@pytest.fixture
def hub(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    pytest.importorskip("ray")
    from hub_server import isolate, serve

    monkeypatch.setenv("DATARECIPE_RAY_CPUS", "2")
    monkeypatch.delenv("RAY_ADDRESS", raising=False)
    with serve() as server:
        isolate(monkeypatch, str(tmp_path / "hf"), server.url)
        yield server


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_batch_on_ray_writes_the_local_records_once_each(
    cli: Any, hub: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    from hub_server import synthetic_files

    from datarecipe_lint.ray_cluster import FAULT

    ids = [f"org/ds-{i:03d}" for i in range(8)]
    for i, repo_id in enumerate(ids):
        hub.add(repo_id, synthetic_files(i, pipeline=i % 4 == 0))
    listing = tmp_path / "ids.txt"
    listing.write_text("\n".join([*ids, "org/missing"]) + "\n", encoding="utf-8")
    local, on_ray = tmp_path / "local.jsonl", tmp_path / "ray.jsonl"
    assert cli("analyze", "--batch", str(listing), "-o", str(local), "--rate", "0").code == 1
    marker = tmp_path / "killed"
    monkeypatch.setenv(FAULT, f"4:{marker}")  # the worker analysing ids[4] dies, once
    hub.reset()
    started = time.monotonic()
    run = cli(
        "analyze", "--batch", str(listing), "-o", str(on_ray), "--engine", "ray", "--rate", "20"
    )
    elapsed = time.monotonic() - started
    assert run.code == 1, run.err
    assert marker.exists()
    assert on_ray.read_text(encoding="utf-8") == local.read_text(encoding="utf-8")
    # one shared pace for every worker: 20 requests a second across the cluster
    assert elapsed >= (hub.requests - 1) / 20 * 0.9, (elapsed, hub.requests)
    rerun = cli(
        "analyze", "--batch", str(listing), "-o", str(on_ray), "--engine", "ray", "--rate", "0"
    )
    assert "(8 from the earlier run)" in rerun.err  # resumes as a local batch does
    assert on_ray.read_text(encoding="utf-8") == local.read_text(encoding="utf-8")


def test_a_local_scan_imports_nothing_of_ray(tmp_path: Path) -> None:
    import subprocess
    import sys

    folder = dataset(tmp_path / "d", rows=50)
    (folder / "README.md").write_text("# D\n\nGenerated with GPT-4.\n", encoding="utf-8")
    code = (
        "import sys, io, contextlib\n"
        "from datarecipe_lint.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main(['analyze', {str(folder)!r}, '--scan-data', '--json'])\n"
        "print([m for m in ('ray', 'datarecipe_lint.ray_cluster') if m in sys.modules])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_hub_data_on_ray_is_read_by_the_workers_in_ranges(
    cli: Any, hub: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hub_server import TOKEN

    folder = dataset(tmp_path / "hubdata", rows=1500)
    card = "---\nlicense: mit\n---\n# D\n\nResponses were generated with GPT-4.\n"
    hub.add(
        "org/data",
        {"README.md": card, "data/train.jsonl": (folder / "train.jsonl").read_bytes()},
        private=True,
    )
    monkeypatch.setattr("datarecipe_lint.content.plan.PIECE_BYTES", 60_000)  # several ranges
    args = ("analyze", "org/data", "--scan-data", "--json", "--token", TOKEN)
    local = cli(*args)
    assert local.code == 0, local.err
    hub.reset()
    on_ray = cli(*args, "--engine", "ray")
    assert on_ray.code == 0, on_ray.err
    assert json.loads(on_ray.out)["content"] == json.loads(local.out)["content"]
    ranged = [auth for _, path, auth in hub.log if path.endswith("/data/train.jsonl")]
    assert len(ranged) > 1 and all(a == f"Bearer {TOKEN}" for a in ranged)  # the workers' reads
    assert TOKEN not in on_ray.err + on_ray.out
