"""``datarecipe fix`` as one-click review suggestions on a pull request (``comment
--suggestions`` and the Action's ``suggestions`` input), against a GitHub API on loopback."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from github_server import TOKEN, FakeGitHub

from datarecipe_lint.github.suggestions import SUGGESTION_MARKER, diff_lines

REPO, PR, HEAD = "octo/data", 7, "c0ffee" * 6 + "c0ff"

CARD = """\
---
license: mit
language_creators: [found]
---

# Quiz

Questions were written by GPT-4o from Wikipedia articles.

## Dataset Creation

Built in 2024.

## Citation

Cite us.
"""


def new_file_patch(text: str) -> str:
    lines = text.splitlines()
    return f"@@ -0,0 +1,{len(lines)} @@\n" + "\n".join("+" + line for line in lines)


@pytest.fixture
def pr(api: FakeGitHub, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> FakeGitHub:
    monkeypatch.setenv("GITHUB_API_URL", api.url)
    monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "README.md").write_text(CARD, encoding="utf-8")
    api.heads[(REPO, PR)] = HEAD
    return api


def comment(cli: Any) -> Any:
    return cli(
        "comment", "README.md", "--repo", REPO, "--pr", str(PR), "--suggestions", "--min-score", "0"
    )


def test_diff_lines_are_the_new_sides_added_and_context_lines() -> None:
    patch = "@@ -3,4 +3,5 @@ title\n a\n-b\n+c\n+d\n e\n\\ No newline at end of file"
    assert diff_lines(patch) == {3, 4, 5, 6}


def test_a_new_card_gets_every_fix_as_suggestions_once(cli: Any, pr: FakeGitHub) -> None:
    pr.files[(REPO, PR)] = {"README.md": new_file_patch(CARD)}
    run = comment(cli)
    assert run.code == 0, run.err
    reviews = pr.reviews[(REPO, PR)]
    assert reviews and all(r["body"].startswith(SUGGESTION_MARKER) for r in reviews)
    assert all(r["commit_id"] == HEAD and r["side"] == "RIGHT" for r in reviews)
    front = next(r for r in reviews if r["line"] == 3)
    assert "````suggestion\nlanguage_creators: [found, machine-generated]\n````" in front["body"]
    sections = next(r for r in reviews if "### Generation" in r["body"])
    anchor = CARD.splitlines()[sections["line"] - 1]  # an insertion repeats the line before it
    assert sections["body"].split("````suggestion\n")[1].startswith(anchor + "\n")
    sticky = [c for c in pr.thread(REPO, PR) if c["body"].startswith("<!-- datarecipe")]
    assert len(sticky) == 1 and "Suggested fix outside" not in sticky[0]["body"]
    assert f"{len(reviews)} suggestion(s) posted, 0 already there" in run.err
    again = comment(cli)
    assert again.code == 0 and len(pr.reviews[(REPO, PR)]) == len(reviews)
    assert f"0 suggestion(s) posted, {len(reviews)} already there" in again.err


def test_lines_outside_the_diff_go_into_the_comment_as_a_patch(cli: Any, pr: FakeGitHub) -> None:
    # the pull request changed only the sentence on line 8 (context: lines 7-9)
    pr.files[(REPO, PR)] = {
        "README.md": "@@ -7,3 +7,3 @@\n \n-Questions were written.\n+"
        "Questions were written by GPT-4o from Wikipedia articles.\n "
    }
    run = comment(cli)
    assert run.code == 0, run.err
    assert pr.reviews.get((REPO, PR), []) == []  # nothing the fix touches is in the diff
    (sticky,) = [c for c in pr.thread(REPO, PR) if c["body"].startswith("<!-- datarecipe")]
    body = sticky["body"]
    assert "Suggested fix outside this pull request's changes" in body
    assert "+language_creators: [found, machine-generated]" in body
    assert "--- a/README.md\n+++ b/README.md\n@@ -3,1 +3,1 @@" in body


def test_suggestions_are_github_only(cli: Any, tmp_path: Path) -> None:
    run = cli("comment", "README.md", "--hub", "org/data", "--discussion", "1", "--suggestions")
    assert run.code == 2 and "--suggestions is for GitHub pull requests" in run.err


def test_a_suggestion_github_refuses_goes_into_the_patch(cli: Any, pr: FakeGitHub) -> None:
    pr.files[(REPO, PR)] = {"README.md": new_file_patch(CARD)}
    pr.refuse_reviews = True  # e.g. the checkout's lines are not the head's: GitHub says 422
    run = comment(cli)
    assert run.code == 0, run.err
    assert pr.reviews.get((REPO, PR), []) == []
    (sticky,) = [c for c in pr.thread(REPO, PR) if c["body"].startswith("<!-- datarecipe")]
    assert "+language_creators: [found, machine-generated]" in sticky["body"]
