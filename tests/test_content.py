"""--scan-data: teacher-model fingerprints in the data files, on data generated here."""

from __future__ import annotations

import csv
import gzip
import json
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from datarecipe_lint.content import ScanOptions
from datarecipe_lint.content.fingerprints import (
    compile_table,
    expand,
    fingerprints,
    iter_table_rows,
)
from datarecipe_lint.content.matcher import make_matcher
from datarecipe_lint.content.scan import scan_folder
from datarecipe_lint.knowledge import table
from datarecipe_lint.options import RunOptions
from datarecipe_lint.pipeline import analyze

HUMAN_CARD = """---
license: mit
language_creators: [crowdsourced]
annotations_creators: [crowdsourced]
---
# Forum answers

People wrote every answer in this dataset on a crowdsourcing platform; no model was used.
"""

GPT4_CARD = """---
license: mit
language_creators: [machine-generated]
---
# Distilled answers

## Dataset Creation

All responses were generated with GPT-4 (gpt-4-0613) through the OpenAI API.
"""

PLAIN_CARD = """---
license: mit
---
# Answers

A collection of question and answer pairs.
"""

WORDS = [
    "river",
    "stone",
    "window",
    "garden",
    "lamp",
    "market",
    "bridge",
    "paper",
    "cloud",
    "summer",
    "music",
    "table",
]
OPENAI = "As an AI language model developed by OpenAI, I cannot browse the internet."
CLAUDE = "I'm Claude, an AI assistant made by Anthropic. Happy to help with that."
QWEN_ZH = "我是通义千问，由阿里云开发的大规模语言模型。"


def sentence(rng: random.Random, n: int = 12) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def rows(
    n: int, every: int = 0, phrase: str = "", seed: int = 1, **extra: Any
) -> list[dict[str, Any]]:
    """n instruction/response rows; every `every`-th response starts with `phrase`."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        response = sentence(rng)
        if every and i % every == 0:
            response = f"{phrase} {response}"
        out.append({"id": i, "instruction": sentence(rng, 6), "output": response, **extra})
    return out


def dataset(folder: Path, card: str, files: dict[str, list[dict[str, Any]]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "README.md").write_text(card, encoding="utf-8")
    for name, data in files.items():
        write(folder / name, data)
    return folder


def write(path: Path, data: list[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    name = path.name
    if name.endswith((".jsonl", ".jsonl.gz", ".jsonl.zst")):
        blob = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in data).encode()
        if name.endswith(".gz"):
            blob = gzip.compress(blob)
        elif name.endswith(".zst"):
            zstandard = pytest.importorskip("zstandard")
            blob = zstandard.ZstdCompressor().compress(blob)
        path.write_bytes(blob)
    elif name.endswith(".json"):
        path.write_text(json.dumps(data, indent=1), encoding="utf-8")
    elif name.endswith((".csv", ".tsv")):
        with path.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(
                fh, fieldnames=list(data[0]), delimiter="\t" if name.endswith(".tsv") else ","
            )
            writer.writeheader()
            writer.writerows(data)
    elif name.endswith(".parquet"):
        pa = pytest.importorskip("pyarrow")
        pq = pytest.importorskip("pyarrow.parquet")
        pq.write_table(pa.Table.from_pylist(data), path, row_group_size=100)
    else:
        raise AssertionError(name)


def recipe(folder: Path, **scan: Any) -> dict[str, Any]:
    settings = RunOptions(scan=ScanOptions(**scan))
    return analyze(str(folder), settings).to_dict()


def ids(tree: dict[str, Any]) -> list[str]:
    return [f["id"] for f in tree["findings"]]


def family(tree: dict[str, Any], vendor: str | None) -> dict[str, Any]:
    return next(f for f in tree["content"]["families"] if f["vendor"] == vendor)


# --- the table and the matchers ----------------------------------------------------------------


def test_every_table_row_has_a_source_or_note() -> None:
    data = table("fingerprints")
    for row in iter_table_rows(data):
        assert row.get("source") or row.get("note"), row
    vendors = {v["name"] for v in table("models")["vendors"]}
    for fam in data["families"]:
        assert fam["vendor"] is None or fam["vendor"] in vendors, fam["family"]


def test_expand_alternatives_apostrophes_and_json_escapes() -> None:
    assert expand("{I am|I'm} Claude") == ["i am claude", "i'm claude", "i\u2019m claude"]
    literals = {p.literal for p in fingerprints().patterns}
    assert "我是通义千问".encode() in literals
    assert b"\\u6211\\u662f\\u901a\\u4e49\\u5343\\u95ee" in literals  # json.dumps(ensure_ascii)
    with pytest.raises(ValueError):
        compile_table(
            {
                "families": [
                    {
                        "family": "x",
                        "vendor": None,
                        "phrases": [{"text": "{a|b|c|d|e|f}" * 5, "kind": "x"}],
                    }
                ]
            }
        )


def test_both_matchers_find_the_same() -> None:
    fp = fingerprints()
    literals = [p.literal for p in fp.patterns]
    rng = random.Random(3)
    text = " ".join(
        rng.choice([*WORDS, *(lit.decode() for lit in rng.sample(literals, 5))])
        for _ in range(20_000)
    ).encode()
    fast, slow = make_matcher(literals), make_matcher(literals, "python")
    assert slow.name == "python"
    assert fast.find(text) == slow.find(text)
    assert len(fast.find(text)) > 100


def test_python_matcher_gives_the_same_recipe(tmp_path: Path) -> None:
    folder = dataset(tmp_path / "d", GPT4_CARD, {"train.jsonl": rows(300, 10, CLAUDE)})
    assert recipe(folder) == recipe(folder, matcher="python")


# --- verdicts ----------------------------------------------------------------------------------


def test_disclosed_teacher_gives_no_finding(tmp_path: Path) -> None:
    folder = dataset(tmp_path / "d", GPT4_CARD, {"train.jsonl": rows(500, 20, OPENAI)})
    tree = recipe(folder)
    fam = family(tree, "OpenAI")
    assert fam["rows"] == 25 and fam["share"] == 0.05 and fam["present"]
    assert fam["examples"][0] == {
        "file": "train.jsonl",
        "row": 1,
        "field": "output",
        "phrase": "as an ai language model developed by openai",
    }
    assert len(fam["examples"]) == 3
    assert "undisclosed-teacher" not in ids(tree)
    assert tree["content"]["rows_scanned"] == 500 and tree["content"]["complete"]


def test_undisclosed_teacher(tmp_path: Path) -> None:
    folder = dataset(tmp_path / "d", GPT4_CARD, {"data/train.jsonl": rows(400, 10, CLAUDE)})
    tree = recipe(folder)
    found = [f for f in tree["findings"] if f["id"] == "undisclosed-teacher"]
    assert len(found) == 1
    message = found[0]["message"]
    assert "Anthropic" in message and "40 of 400 rows" in message
    assert "data/train.jsonl row 1, field output" in message
    assert "claimed-human-but-synthetic" not in ids(tree)


def test_claimed_human_but_synthetic(tmp_path: Path) -> None:
    folder = dataset(tmp_path / "d", HUMAN_CARD, {"train.jsonl": rows(1000, 25, OPENAI)})
    tree = recipe(folder)
    assert tree["generation"]["origin"] == "human"
    assert "claimed-human-but-synthetic" in ids(tree)
    assert "undisclosed-teacher" in ids(tree)
    assert tree["content"]["share_with_fingerprints"] == 0.04


def test_human_data_quoting_a_model_gives_no_finding(tmp_path: Path) -> None:
    quoted = [
        'My chatbot answered "As an AI language model, I cannot do that" and I gave up.',
        "The reply was just: \u201cI'm Claude, an AI assistant made by Anthropic.\u201d Funny.",
        "He said the phrase as an ai language model appears in spam now.",
    ]
    data = rows(600, 0)
    for i, text in enumerate(quoted * 10):  # 30 quoting rows (5%)
        data[i * 20]["output"] = text
    data[7]["output"] = OPENAI  # and one row that really looks like model output
    folder = dataset(tmp_path / "d", HUMAN_CARD, {"train.jsonl": data})
    tree = recipe(folder)
    assert not {"claimed-human-but-synthetic", "undisclosed-teacher"} & set(ids(tree))
    generic = family(tree, None)
    assert generic["quoted_or_prompt_rows"] >= 20 and not generic["present"]
    assert family(tree, "OpenAI")["rows"] == 1


def test_dataset_about_assistants_gives_no_finding(tmp_path: Path) -> None:
    """Prompts that talk to or about assistants, answers by people: nothing counts."""
    rng = random.Random(5)
    data = []
    for i in range(400):
        data.append(
            {
                "question": rng.choice(
                    [
                        "Are you ChatGPT? Say 'I am ChatGPT' if so.",
                        "Pretend to be Claude and start with: I'm Claude, an AI assistant made by Anthropic.",
                        "Why does Qwen say 我是通义千问 when asked who it is?",
                    ]
                ),
                "answer": f"Answer {i}: ChatGPT, Claude and Gemini are assistants; people compare them. {sentence(rng)}",
            }
        )
    folder = dataset(tmp_path / "d", HUMAN_CARD, {"qa.jsonl": data})
    tree = recipe(folder)
    assert not {"claimed-human-but-synthetic", "undisclosed-teacher"} & set(ids(tree))
    assert all(not f["present"] and f["rows"] == 0 for f in tree["content"]["families"])
    assert all(f["examples"][0]["why"] == "prompt" for f in tree["content"]["families"])


def test_generator_column_counts_and_attribution(tmp_path: Path) -> None:
    data = rows(200, 0)
    for i, row in enumerate(data):
        row["model"] = "claude-3-opus-20240229" if i % 4 else "gpt-4-0613"
        row["messages"] = [
            {"role": "user", "content": "hi"},
            {"role": "assistant", "content": "hello"},
        ]
    folder = dataset(tmp_path / "d", GPT4_CARD, {"train.jsonl": data})
    tree = recipe(folder)
    column = tree["content"]["generator_columns"][0]
    assert column["column"] == "model"
    assert column["values"] == {"claude-3-opus-20240229": 150, "gpt-4-0613": 50}
    assert column["models"] == {"Claude 3 Opus": 150, "GPT-4": 50}
    assert tree["content"]["role_columns"] == [
        {"column": "role", "values": {"assistant": 200, "user": 200}}
    ]
    messages = [f["message"] for f in tree["findings"] if f["id"] == "undisclosed-teacher"]
    assert len(messages) == 1 and "Anthropic models named by a generator column" in messages[0]


def test_boilerplate_without_any_named_teacher(tmp_path: Path) -> None:
    phrase = "I don't have personal opinions, but here is a summary."
    folder = dataset(tmp_path / "d", PLAIN_CARD, {"train.jsonl": rows(300, 10, phrase)})
    tree = recipe(folder)
    messages = [f["message"] for f in tree["findings"] if f["id"] == "undisclosed-teacher"]
    assert messages and "names no model that generated data" in messages[0]


def test_ignore_and_lint_gate(tmp_path: Path, cli: Any) -> None:
    folder = dataset(tmp_path / "d", GPT4_CARD, {"train.jsonl": rows(200, 10, CLAUDE)})
    card = str(folder / "README.md")
    plain = cli("lint", card, "--min-score", "0", "--format", "json")
    assert plain.code == 0 and "content" not in json.loads(plain.out)[0]["recipe"]
    gated = cli("lint", card, "--min-score", "0", "--scan-data", "--fail-on", "undisclosed-teacher")
    assert gated.code == 1 and "undisclosed-teacher" in gated.out
    ignored = cli(
        "lint", card, "--min-score", "0", "--scan-data", "--fail-on", "undisclosed-teacher",
        "--ignore", "undisclosed-teacher",
    )  # fmt: skip
    assert ignored.code == 0


# --- formats -----------------------------------------------------------------------------------

FORMATS = [
    "train.jsonl",
    "train.jsonl.gz",
    "train.jsonl.zst",
    "train.json",
    "train.csv",
    "train.tsv",
    "train.parquet",
]


@pytest.mark.parametrize("name", FORMATS)
def test_each_format(tmp_path: Path, name: str) -> None:
    data = rows(300, 10, CLAUDE, model="claude-3-haiku")
    data[5]["output"] = QWEN_ZH
    folder = dataset(tmp_path / "d", GPT4_CARD, {name: data})
    content = recipe(folder)["content"]
    assert content["files"][0]["path"] == name
    assert content["rows_scanned"] == 300, content["files"]
    anthropic = family({"content": content}, "Anthropic")
    assert anthropic["rows"] == 30
    assert anthropic["examples"][1]["row"] == 11 and anthropic["examples"][1]["field"] == "output"
    assert family({"content": content}, "Alibaba")["rows"] == 1
    assert content["generator_columns"][0]["values"] == {"claude-3-haiku": 300}
    assert not content["problems"]


def test_json_variants(tmp_path: Path) -> None:
    """A .json file of JSON lines, a {"data": [...]} object, and JSON-escaped Chinese."""
    folder = tmp_path / "d"
    dataset(folder, GPT4_CARD, {})
    (folder / "lines.json").write_text(
        "".join(json.dumps(r) + "\n" for r in rows(50, 5, QWEN_ZH)), encoding="utf-8"
    )  # ensure_ascii: 我是 is written as \u6211\u662f
    (folder / "wrapped.json").write_text(json.dumps({"version": 1, "data": rows(40, 4, CLAUDE)}))
    content = recipe(folder)["content"]
    assert [f["rows"] for f in content["files"]] == [50, 40]
    assert family({"content": content}, "Alibaba")["rows"] == 10
    assert family({"content": content}, "Anthropic")["rows"] == 10


# --- bad input ---------------------------------------------------------------------------------


def problems(tree: dict[str, Any], file: str) -> list[dict[str, Any]]:
    return [p for p in tree["content"]["problems"] if p["file"] == file]


def test_bad_input_is_reported_and_the_scan_goes_on(tmp_path: Path) -> None:
    folder = dataset(tmp_path / "d", GPT4_CARD, {"z_good.jsonl": rows(100, 10, CLAUDE)})
    # a truncated gzip
    blob = gzip.compress("".join(json.dumps(r) + "\n" for r in rows(2000, 0)).encode())
    (folder / "a_truncated.jsonl.gz").write_bytes(blob[: len(blob) // 2])
    # a JSONL line that is not JSON, and one with Latin-1 bytes that still carries a fingerprint
    lines = [json.dumps(r).encode() for r in rows(20, 0)]
    lines[4] = b'{"id": 4, "output": "cut off here'
    lines[9] = (
        '{"id": 9, "output": "Caf\u00e9. I\'m Claude, an AI assistant made by Anthropic."}'.encode(
            "latin-1"
        )
    )
    (folder / "b_mixed.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    # a CSV with a 10 MB field
    with (folder / "c_big.csv").open("w", encoding="utf-8", newline="") as fh:
        fh.write(
            'id,output\n1,short\n2,"' + "x" * (10 * 1024 * 1024) + '"\n3,after the big field\n'
        )
    # a "Parquet" file that is not one
    (folder / "d_fake.parquet").write_bytes(b"this is not parquet at all\n")
    tree = recipe(folder)
    by_file = {f["path"]: f for f in tree["content"]["files"]}

    truncated = problems(tree, "a_truncated.jsonl.gz")
    assert truncated and "truncated" in truncated[0]["message"] and truncated[0]["line"] > 1
    assert by_file["a_truncated.jsonl.gz"]["rows"] > 0

    mixed = problems(tree, "b_mixed.jsonl")
    assert {p["line"] for p in mixed} == {5, 10}
    assert any("not JSON" in p["message"] for p in mixed)
    assert any("not UTF-8" in p["message"] for p in mixed)
    assert by_file["b_mixed.jsonl"]["rows"] == 19

    big = problems(tree, "c_big.csv")
    assert big and big[0]["line"] == 3 and "field" in big[0]["message"]
    assert by_file["c_big.csv"]["rows"] == 2

    fake = problems(tree, "d_fake.parquet")
    assert fake and "not a Parquet file" in fake[0]["message"]

    assert by_file["z_good.jsonl"]["rows"] == 100  # the scan went on past every bad file
    assert family(tree, "Anthropic")["rows"] == 11  # 10 good rows + the Latin-1 one
    unreadable = [f["message"] for f in tree["findings"] if f["id"] == "data-unreadable"]
    assert len(unreadable) == 4
    assert any(m.startswith("b_mixed.jsonl line 5: not JSON") for m in unreadable)


def test_missing_optional_readers_are_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("pyarrow")
    folder = dataset(tmp_path / "d", GPT4_CARD, {"a.parquet": rows(10, 0), "b.jsonl": rows(10, 0)})
    (folder / "c.jsonl.zst").write_bytes(b"\x28\xb5\x2f\xfd")
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    monkeypatch.setitem(sys.modules, "zstandard", None)
    monkeypatch.setitem(sys.modules, "compression", None)
    tree = recipe(folder)
    skipped = {f["path"]: f.get("skipped", "") for f in tree["content"]["files"]}
    assert "pip install 'datarecipe[parquet]'" in skipped["a.parquet"]
    assert "pip install 'datarecipe[zstd]'" in skipped["c.jsonl.zst"]
    assert tree["content"]["rows_scanned"] == 10
    assert ids(tree).count("data-skipped") == 2


def test_no_data_files(tmp_path: Path) -> None:
    tree = recipe(dataset(tmp_path / "d", GPT4_CARD, {}))
    assert tree["content"]["rows_scanned"] == 0 and "data-skipped" in ids(tree)


# --- budget and sampling -----------------------------------------------------------------------


def test_sample_spreads_rows_over_the_file(tmp_path: Path) -> None:
    folder = dataset(tmp_path / "d", GPT4_CARD, {"train.jsonl": rows(5000, 50, CLAUDE)})
    content = recipe(folder, sample=200)["content"]
    assert 190 <= content["rows_scanned"] <= 200 and not content["complete"]
    assert content["sample"] == 200
    offsets = [
        e["offset"] for e in family({"content": content}, "Anthropic")["examples"] if "offset" in e
    ]
    size = (folder / "train.jsonl").stat().st_size
    fam = family({"content": content}, "Anthropic")
    assert 0 < fam["rows"] <= 10 and (not offsets or max(offsets) < size)


@pytest.mark.parametrize("name", ["train.jsonl.gz", "train.csv"])
def test_sample_on_streams(tmp_path: Path, name: str) -> None:
    folder = dataset(tmp_path / "d", GPT4_CARD, {name: rows(3000, 0)})
    content = recipe(folder, sample=100)["content"]
    assert 80 <= content["rows_scanned"] <= 100, content["files"]


def test_budget_reads_windows_spread_over_the_file(tmp_path: Path) -> None:
    folder = dataset(tmp_path / "d", GPT4_CARD, {"train.jsonl": rows(20_000, 100, CLAUDE)})
    size = (folder / "train.jsonl").stat().st_size
    content = recipe(folder, budget=size // 4)["content"]
    entry = content["files"][0]
    assert not entry["complete"] and entry["windows"] >= 1
    assert content["bytes_scanned"] <= size // 4 + 10_000
    assert 3000 <= content["rows_scanned"] <= 7000


def test_scan_folder_skips_other_cards_and_hidden_folders(tmp_path: Path) -> None:
    folder = dataset(tmp_path / "d", GPT4_CARD, {"a.jsonl": rows(5, 0), "sub/b.jsonl": rows(5, 0)})
    dataset(folder / "other", GPT4_CARD, {"c.jsonl": rows(5, 0)})
    write(folder / ".cache" / "d.jsonl", rows(5, 0))
    (folder / "dataset_infos.json").write_text("{}")
    tally = scan_folder(folder, 10**9)
    assert [f.path for f in tally.files] == ["a.jsonl", "sub/b.jsonl"]


# --- command line and reports ------------------------------------------------------------------


def test_cli_analyze_scan_data_json_markdown_and_usage(tmp_path: Path, cli: Any) -> None:
    folder = dataset(tmp_path / "d", HUMAN_CARD, {"train.jsonl": rows(300, 10, OPENAI)})
    run = cli("analyze", str(folder), "--scan-data", "--json")
    assert run.code == 0, run.err
    assert json.loads(run.out)["content"]["rows_scanned"] == 300
    md = cli("analyze", str(folder), "--scan-data", "--sample", "100", "--markdown")
    assert "## What the data shows" in md.out and "OpenAI GPT / ChatGPT ⚠" in md.out
    assert cli("analyze", str(folder), "--sample", "10").code == 2
    assert cli("analyze", str(folder), "--scan-data", "--sample", "0").code == 2
    again = cli("analyze", str(folder), "--scan-data", "--json")
    assert again.out == run.out  # deterministic
    terminal = cli("analyze", str(folder), "--scan-data")
    assert "data scanned    300 rows: OpenAI GPT / ChatGPT" in terminal.out


def test_content_is_not_imported_without_scan_data(tmp_path: Path, python: str) -> None:
    folder = dataset(tmp_path / "d", GPT4_CARD, {"train.jsonl": rows(10, 0)})
    code = (
        "import sys, io, contextlib\n"
        "from datarecipe_lint.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main(['analyze', {str(folder)!r}, '--json'])\n"
        f"    main(['lint', {str(folder / 'README.md')!r}, '--min-score', '0'])\n"
        "print(sorted(m for m in sys.modules if m.startswith('datarecipe_lint.content')))\n"
    )
    out = subprocess.run([python, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


# --- Hub datasets (the loopback Hub of tests/hub_server.py) ------------------------------------


def test_hub_dataset_scan_reads_bounded_ranges(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Any
) -> None:
    from hub_server import isolate, serve

    pytest.importorskip("pyarrow")
    jsonl = "".join(json.dumps(r) + "\n" for r in rows(400, 10, CLAUDE)).encode()
    parquet = tmp_path / "p.parquet"
    write(parquet, rows(200, 20, OPENAI, model="gpt-4-0613"))
    with serve() as hub:
        isolate(monkeypatch, str(tmp_path / "hf"), hub.url)
        hub.add(
            "org/data",
            {
                "README.md": GPT4_CARD,
                "data/train.jsonl": jsonl,
                "data/extra.parquet": parquet.read_bytes(),
                ".gitattributes": "*.parquet filter=lfs",
            },
            lfs=frozenset({"data/extra.parquet"}),
        )
        run = cli("analyze", "org/data", "--scan-data", "--json")
        assert run.code == 0, run.err
        tree = json.loads(run.out)
        content = tree["content"]
        assert [f["path"] for f in content["files"]] == ["data/extra.parquet", "data/train.jsonl"]
        assert content["rows_scanned"] == 600 and content["complete"]
        assert family(tree, "Anthropic")["rows"] == 40
        assert family(tree, "OpenAI")["rows"] == 10
        assert ids(tree).count("undisclosed-teacher") == 1
        # a budget smaller than the data: parts of each file, never the whole
        hub.reset()
        small = cli("analyze", "org/data", "--scan-data", "--scan-bytes", "20000", "--json")
        part = json.loads(small.out)["content"]
        assert not part["complete"] and 0 < part["rows_scanned"] < 600
