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
    from datarecipe_lint.content.ray_engine import FAULT, run_ray

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
