"""``datarecipe fix``: what it writes, where, and that it never changes what was there."""

from __future__ import annotations

import random
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, shared_dir

from datarecipe_lint.card import parse
from datarecipe_lint.pipeline import analyze

EXAMPLE = ROOT / "examples" / "synthetic-instructions" / "README.md"

SYNTHETIC = """\
---
license: mit # the repository's licence
language_creators: [found]
tags:
  - synthetic
---

# Quiz

Questions were written by GPT-4o from Wikipedia articles (the 2023-06-01 dump).

## Dataset Creation

Built in 2024.

## Citation

Cite us.
"""

HUMAN = """\
---
license: cc-by-4.0
---

# Labels

Sentences collected from mC4, each labelled by crowd workers on Amazon Mechanical Turk.

## Dataset Creation

### Annotations

Three workers saw each sentence.
"""


def write(tmp_path: Path, text: str, name: str = "README.md", newline: str = "\n") -> Path:
    path = tmp_path / name
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))
    return path


def fix(cli: Any, *args: str) -> Any:
    return cli("fix", *args)


def lines_kept(before: str, after: str) -> bool:
    """Every line of ``before`` is in ``after``, in order (fix only inserts lines)."""
    it = iter(after.splitlines(keepends=True))
    old = before.splitlines(keepends=True)
    if old and not old[-1].endswith(("\n", "\r")):  # text appended after a last line with no
        last = old.pop()  # line ending gives it one
        return (
            all(any(line == other for other in it) for line in old)
            and any(other.rstrip("\r\n") == last for other in it)
        ) or (not old and last in after)
    return all(any(line == other for other in it) for line in old)


def test_a_synthetic_card_gains_generation_and_todos(cli: Any, tmp_path: Path) -> None:
    path = write(tmp_path, SYNTHETIC)
    run = fix(cli, str(path))
    assert run.code == 1, run.err  # changed: fails once, like end-of-file-fixer
    text = path.read_text(encoding="utf-8")
    assert "language_creators: [found, machine-generated]" in text
    assert "license: mit # the repository's licence" in text
    generation = text.index("### Generation")
    assert text.index("## Dataset Creation") < generation < text.index("## Citation")
    assert "- Teacher models: GPT-4o (OpenAI)" in text
    assert "TODO(datarecipe): What were the exact prompts" in text
    assert "TODO    " in run.out and "exact_prompts" in run.out
    assert "filled  front matter language_creators: machine-generated (line 10)" in run.out
    again = fix(cli, str(path), "--check")
    assert again.code == 0 and again.out == "", again.out  # idempotent


def test_an_existing_section_is_extended_not_replaced(cli: Any, tmp_path: Path) -> None:
    path = write(tmp_path, HUMAN)
    assert fix(cli, str(path)).code == 1
    text = path.read_text(encoding="utf-8")
    assert lines_kept(HUMAN, text)
    assert text.count("### Annotations") == 1
    annotations = text.index("### Annotations")
    assert text.index("Three workers saw each sentence.") < text.index("#### Annotation process")
    assert annotations < text.index("- Platforms: Amazon Mechanical Turk")
    assert "annotations_creators:\n- crowdsourced\n" in text
    assert "language_creators:\n- found\n" in text
    # each section kind, in its place: the annotation subsections under the existing Annotations,
    # then the missing Source Data with Data Collection and Processing; no Generation (no model)
    order = [
        "### Annotations",
        "#### Annotation process",
        "- TODO(datarecipe): What guidelines or instructions were shown to the annotators?",
        "#### Who are the annotators?",
        "- TODO(datarecipe): How many annotators labelled each item",
        "### Source Data",
        "#### Data Collection and Processing",
        "- Web sources: C4",
    ]
    at = [text.index(x) for x in order]
    assert at == sorted(at), at
    assert "### Generation" not in text


def test_a_card_without_front_matter_gets_one(cli: Any, tmp_path: Path) -> None:
    body = "# Notes\n\nReplies were generated with Claude 3 Opus. Released under the MIT License.\n"
    path = write(tmp_path, body)
    assert fix(cli, str(path)).code == 1
    text = path.read_text(encoding="utf-8")
    assert text.startswith(
        "---\nlanguage_creators:\n- machine-generated\nlicense:\n- mit\n---\n# Notes"
    )
    assert parse(text).front_matter["license"] == ["mit"]
    assert fix(cli, str(path), "--check").code == 0


def test_crlf_cards_stay_crlf(cli: Any, tmp_path: Path) -> None:
    path = write(tmp_path, SYNTHETIC, newline="\r\n")
    assert fix(cli, str(path)).code == 1
    data = path.read_bytes()
    assert data.count(b"\n") == data.count(b"\r\n") and b"TODO(datarecipe)" in data
    assert fix(cli, str(path), "--check").code == 0


def test_diff_and_check_change_nothing(cli: Any, tmp_path: Path) -> None:
    path = write(tmp_path, SYNTHETIC)
    diff = fix(cli, str(path), "--diff")
    assert diff.code == 1 and diff.out.startswith("--- a/") and "+### Generation" in diff.out
    check = fix(cli, str(path), "--check")
    assert check.code == 1 and "would be fixed" in check.out
    assert path.read_text(encoding="utf-8") == SYNTHETIC


def test_a_card_whose_front_matter_does_not_parse_is_never_touched(
    cli: Any, tmp_path: Path
) -> None:
    broken = "---\nlicense: [mit\n---\n\n# X\n\nGenerated with GPT-4.\n"
    path = write(tmp_path, broken)
    run = fix(cli, str(path))
    assert run.code == 0 and "not fixed: the front matter does not parse" in run.out
    assert path.read_text(encoding="utf-8") == broken


def test_an_unreadable_card_is_exit_2_and_the_others_are_fixed(cli: Any, tmp_path: Path) -> None:
    good = write(tmp_path, SYNTHETIC, "good.md")
    run = fix(cli, str(tmp_path / "missing.md"), str(good))
    assert run.code == 2 and "missing.md" in run.err
    assert "### Generation" in good.read_text(encoding="utf-8")


def test_the_score_does_not_drop_and_todos_earn_nothing(cli: Any, tmp_path: Path) -> None:
    path = write(tmp_path, SYNTHETIC)
    before = analyze(str(path)).reproducibility
    fix(cli, str(path))
    after = analyze(str(path)).reproducibility
    assert after.score >= before.score
    assert set(after.available) >= set(before.available)
    assert "exact_prompts" in after.missing  # the question is not an answer


def _keys_kept(before: dict[str, Any], after: dict[str, Any]) -> bool:
    for key, value in before.items():
        new = after.get(key)
        if new == value:
            continue
        old = value if isinstance(value, list) else [value]
        if not isinstance(new, list) or new[: len(old)] != old:
            return False
    return True


@pytest.mark.corpus
def test_two_hundred_corpus_cards(cli: Any, tmp_path: Path) -> None:
    """fix, then fix --check changes nothing; every key and line is kept; scores never drop."""
    cards = sorted(shared_dir("corpus", "hf-hub-cards-2023").glob("*.md"))
    sample = random.Random(11).sample(cards, 200)
    for source in sample:
        path = tmp_path / source.name
        shutil.copy(source, path)
    paths = [str(tmp_path / s.name) for s in sample]
    before = {p: (Path(p).read_bytes(), analyze(p).reproducibility.score) for p in paths}
    assert fix(cli, *paths, "-q").code in (0, 1)
    assert fix(cli, *paths, "--check", "-q").code == 0
    for p in paths:
        old, new = before[p][0].decode("utf-8-sig"), Path(p).read_bytes().decode("utf-8-sig")
        old_card, new_card = parse(old), parse(new)
        if old_card.front_matter_error is not None or (
            old_card.has_front_matter and not old_card.front_matter
        ):
            continue
        assert _keys_kept(dict(old_card.front_matter), dict(new_card.front_matter)), p
        body_old = old.splitlines(keepends=True)[old_card.body_start - 1 :]
        assert lines_kept("".join(body_old), new), p
        assert new_card.front_matter_error is None, p
        assert analyze(p).reproducibility.score >= before[p][1], p


def test_every_front_matter_edit_reparses(tmp_path: Path) -> None:
    from datarecipe_lint.fix.front_matter import add_values

    block = ["---\n", "a: 1 # one\n", "b:\n", "  - x\n", "  # note\n", "c: [p]\n", "---\n"]
    out = add_values(block, 1, 6, {"b": ["y"], "c": ["q"], "d": ["z"]}, "\n")
    assert out is not None
    data = yaml.safe_load("".join(out[1:-1]))
    assert data == {"a": 1, "b": ["x", "y"], "c": ["p", "q"], "d": ["z"]}
    assert out[1] == "a: 1 # one\n" and "  # note\n" in out
    assert add_values(["---\n", "b: |\n", "  text\n", "---\n"], 1, 3, {"b": ["y"]}, "\n") is None


# -- a card on the Hub --------------------------------------------------------------------------


@pytest.fixture
def hub(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    from hub_server import isolate, serve

    with serve() as server:
        isolate(monkeypatch, str(tmp_path / "hf"), server.url)
        yield server


def test_a_hub_card_is_fixed_in_one_pull_request(cli: Any, hub: Any) -> None:
    from hub_server import TOKEN, discussions

    repo = hub.add("acme/quiz", {"README.md": SYNTHETIC, "data/train.jsonl": "{}\n"})
    diff = fix(cli, "--hub", "acme/quiz")
    assert diff.code == 1 and "+### Generation" in diff.out
    assert discussions(hub) == {}  # the diff alone writes nothing
    run = fix(cli, "--hub", "acme/quiz", "--open-pr", "--token", TOKEN)
    assert run.code == 0, run.err
    assert "opened " in run.out and "/datasets/acme/quiz/discussions/1" in run.out
    assert list(discussions(hub)) == [("acme/quiz", 1)]
    files = repo.commits[repo.refs["refs/pr/1"]]
    fixed = files["README.md"].decode("utf-8")
    body = SYNTHETIC.split("---\n", 2)[2]  # the front matter's flow list gained an item
    assert "### Generation" in fixed and lines_kept(body, fixed)
    assert files["data/train.jsonl"] == b"{}\n"  # the rest of the repository is untouched
    assert repo.commits[repo.refs["main"]]["README.md"].decode("utf-8") == SYNTHETIC


def test_open_pr_needs_hub(cli: Any) -> None:
    run = fix(cli, "--open-pr")
    assert run.code == 2 and "--open-pr goes with --hub" in run.err
    both = fix(cli, "--hub", "org/name", "README.md")
    assert both.code == 2 and "--hub ORG/NAME takes no PATH" in both.err
