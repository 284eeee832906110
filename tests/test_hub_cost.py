"""The cost block of Hub datasets: priced when the repository last changed, sized from its files.

Runs the real huggingface_hub client against the Hub served on loopback (``hub_server``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hub_server import Hub, isolate, serve

from datarecipe_lint.card import parse
from datarecipe_lint.cost.size import infer_size
from datarecipe_lint.cost.tables import tables

pytest.importorskip("huggingface_hub")

SIZED = """---
license: cc-by-4.0
task_categories: [text-generation]
---

# Forum answers

A dataset of 20,000 answers to questions people asked on public forums. Every answer was
generated with GPT-4o at temperature 0.7.
"""

DATED = SIZED.replace("generated with GPT-4o at", "generated with GPT-4o in June 2024 at")

UNSIZED = """---
license: cc-by-4.0
task_categories: [text-generation]
---

# Forum answers

Answers to questions people asked on public forums. Every answer was generated with GPT-4o at
temperature 0.7.
"""


@pytest.fixture
def hub(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Hub]:
    with serve() as server:
        isolate(monkeypatch, str(tmp_path / "hf"), server.url)
        yield server


def cost_of(cli: Any, repo_id: str) -> dict[str, Any]:
    run = cli("analyze", repo_id, "--json")
    assert run.code == 0, run.err
    cost: dict[str, Any] = json.loads(run.out)["cost"]
    return cost


def text(cost: dict[str, Any]) -> str:
    return "\n".join(cost["assumptions"])


# -- pricing date ----------------------------------------------------------------------------------


def test_a_card_without_a_date_is_priced_when_the_repository_last_changed(
    cli: Any, hub: Hub
) -> None:
    # GPT-4o cost $5/$15 per 1M tokens from 2024-05-13 and $2.50/$10 from 2024-08-06 (prices.yaml)
    hub.add("org/before", {"README.md": SIZED}, last_modified="2024-06-01T10:00:00.000Z")
    hub.add("org/after", {"README.md": SIZED}, last_modified="2024-09-01T10:00:00.000Z")
    before, after = cost_of(cli, "org/before"), cost_of(cli, "org/after")
    assert (
        "prices as of 2024-06-01, when the dataset's Hub repository was last changed "
        "(the card does not say when the data was made)" in text(before)
    )
    assert "GPT-4o at $5/$15 per 1M input/output tokens (list price since 2024-05-13)" in text(
        before
    )
    assert "prices as of 2024-09-01, when the dataset's Hub repository was last changed" in text(
        after
    )
    assert "GPT-4o at $2.5/$10 per 1M input/output tokens (list price since 2024-08-06)" in text(
        after
    )
    assert before["estimated_total_usd"] > after["estimated_total_usd"] > 0
    assert "20,000 examples" in text(before)  # the prose count still sizes it


def test_a_date_the_card_states_wins_over_the_last_change(cli: Any, hub: Hub) -> None:
    hub.add("org/dated", {"README.md": DATED}, last_modified="2025-03-01T00:00:00.000Z")
    cost = cost_of(cli, "org/dated")
    assert "prices as of 2024-06-15, when the card says the data was made" in text(cost)
    assert "last changed" not in text(cost)
    assert "list price since 2024-05-13" in text(cost)


def test_the_pricing_date_option_wins_over_both(cli: Any, hub: Hub) -> None:
    hub.add("org/opt", {"README.md": SIZED}, last_modified="2024-06-01T00:00:00.000Z")
    run = cli("analyze", "org/opt", "--json", "--pricing-date", "2024-09-01")
    assert run.code == 0, run.err
    cost = json.loads(run.out)["cost"]
    assert "prices as of 2024-09-01, the pricing date set for this run" in text(cost)


def test_the_last_change_is_kept_for_offline_runs(
    cli: Any, hub: Hub, monkeypatch: pytest.MonkeyPatch
) -> None:
    hub.add("org/kept", {"README.md": SIZED}, last_modified="2024-06-01T00:00:00.000Z")
    online = cost_of(cli, "org/kept")
    hub.reset()
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    assert cost_of(cli, "org/kept") == online and hub.requests == 0


# -- size from the file listing --------------------------------------------------------------------


def test_a_card_without_size_is_sized_from_the_data_files(cli: Any, hub: Hub) -> None:
    files: dict[str, str | bytes] = {
        "README.md": UNSIZED,
        ".gitattributes": "*.parquet filter=lfs diff=lfs merge=lfs -text\n",
        "data/train-00000-of-00002.parquet": b"PAR1" + bytes(199_992) + b"PAR1",
        "data/train-00001-of-00002.parquet": b"PAR1" + bytes(199_992) + b"PAR1",
        "data/train.jsonl": "{}\n" * 10,  # another format: not counted
    }
    hub.add("org/files", files, last_modified="2024-09-01T00:00:00.000Z")
    cost = cost_of(cli, "org/files")
    assert cost["estimated_total_usd"] > 0 and cost["confidence"] == "low"
    # 400 kB of Parquet x 2.5 = 1 MB of text; 350 tokens x 4 characters = 1,400 per example
    assert (
        "~714 examples inferred from the Hub repository's file listing: 2 parquet data files of "
        "400 kB, read as ~1.0 MB of text (2.5 bytes of text per file byte, range 1.5-4)"
        in text(cost)
    )
    assert "1 data file in other formats not counted" in text(cost)
    assert "~250,000 tokens of text in all (range 150,000-400,000)" in text(cost)
    assert "confidence low: the size is only an estimate from the Hub repository's file sizes" in (
        text(cost)
    )
    assert cost["low_usd"] < cost["estimated_total_usd"] < cost["high_usd"]


def test_no_data_files_still_means_no_estimate(cli: Any, hub: Hub) -> None:
    hub.add("org/bare", {"README.md": UNSIZED, "notes.md": "hello"})
    cost = cost_of(cli, "org/bare")
    assert cost["estimated_total_usd"] is None and cost["confidence"] == "low"
    assert "no sized data files in its Hub repository" in text(cost)


def test_media_files_are_not_read_as_text(cli: Any, hub: Hub) -> None:
    files: dict[str, str | bytes] = {
        "README.md": UNSIZED,
        "data/train.parquet": bytes(100_000),
        "images/0001.png": bytes(1000),
    }
    hub.add("org/media", files)
    assert cost_of(cli, "org/media")["estimated_total_usd"] is None


def test_file_sizes_rank_after_the_card_and_defer_to_a_disagreeing_bucket() -> None:
    cost = tables().cost
    files = [("README.md", 900), ("data/train.jsonl", 1_400_000)]  # ~1,000 examples of text
    counted = infer_size(parse(SIZED), cost, files)
    assert counted is not None and counted.source == "prose"
    listed = infer_size(parse(UNSIZED), cost, files)
    assert listed is not None and listed.source == "hub_files" and listed.confidence == "low"
    assert listed.text_range is not None and listed.text_bytes == pytest.approx(1_190_000)
    agreeing = UNSIZED.replace("license: cc-by-4.0", "license: cc-by-4.0\nsize_categories: [n<1K]")
    inside = infer_size(parse(agreeing), cost, [("data/train.jsonl", 1_000_000)])
    assert inside is not None and inside.source == "hub_files"
    assert "inside the card's size_categories bucket" in inside.assumptions[-1]
    disagreeing = UNSIZED.replace(
        "license: cc-by-4.0", "license: cc-by-4.0\nsize_categories: [1M<n<10M]"
    )
    bucket = infer_size(parse(disagreeing), cost, files)
    assert bucket is not None and bucket.source == "size_categories"
    assert "outside that bucket, so the card's own bucket is used" in bucket.assumptions[-1]
