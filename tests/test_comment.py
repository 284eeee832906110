"""The PR comment: its body (marker, changes, cut, safe quoting), the update rules, and
``datarecipe comment`` against a GitHub API and a Hugging Face Hub served on loopback."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, recipe_of
from github_server import TOKEN, FakeGitHub

from datarecipe_lint.gate import Gates, check
from datarecipe_lint.github.api import Comment
from datarecipe_lint.github.sync import sync
from datarecipe_lint.report.comment import (
    COMMENT_LIMIT,
    MARKER,
    comment,
    header,
    is_ours,
    summary,
)
from datarecipe_lint.report.escape import fence, quote, workflow_inert
from datarecipe_lint.results import CardResult

GOOD = (FIXTURES / "lint" / "good.md").read_text()
POOR = (FIXTURES / "lint" / "poor.md").read_text()
REPO, PR = "octo/data", 7


@pytest.fixture
def api(api: FakeGitHub, monkeypatch: pytest.MonkeyPatch) -> FakeGitHub:
    """The shared loopback GitHub API (conftest), with the CLI pointed at it."""
    monkeypatch.setenv("GITHUB_API_URL", api.url)
    monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
    return api


def view(
    text: str, path: str = "README.md", base: str | None = None, compared: bool = False
) -> CardResult:
    recipe = recipe_of(text)
    return CardResult(
        path,
        recipe,
        check(recipe, Gates()),
        base=recipe_of(base) if base is not None else None,
        compared=compared,
    )


# -- quoting ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "cc @octo-org/team and @alice",
        "fixes #1, Closes: #22, resolved GH-3",
        "see https://github.com/octo/data/issues/9",
        "<img src=x onerror=alert(1)> <script>x</script> <!-- hidden -->",
        "a | b \\| c ` d `` e [link](http://x) ![img](http://y) *em* _em_ ~~s~~ $x^2$",
        "\u202eevil\u200b\u2066bidi\x00\x1b[31m",
    ],
)
def test_quote_is_inert(text: str) -> None:
    out = quote(text)
    assert not re.search(r"(?<![\w`])@[A-Za-z0-9]", out)
    assert not re.search(r"(?i)\b(fix(es|ed)?|close[sd]?|resolve[sd]?)\b", out)
    assert not re.search(r"#\d|GH-\d|https?://", out)
    bare = re.sub(r"\\[\\`|\[\]*_~$<>&]", "", out)  # every special mark is backslash-escaped
    assert not re.search(r"[<>|`\[\]*_~$\\&]", bare)  # no HTML, cell, code, link, emphasis, math
    assert not re.search("[\u202a-\u202e\u2066-\u2069\x00-\x08\x1b]", out)
    assert "\n" not in out


def test_quote_reads_as_plain_text_in_the_file() -> None:
    assert quote("GPT-4 at $30 per 1M tokens, `code` and dataset_info") == (
        "GPT-4 at \\$30 per 1M tokens, \\`code\\` and dataset\\_info"
    )
    assert "&#x" not in quote("a | b [c] *d* <e>")


def test_quote_is_length_capped() -> None:
    assert len(quote("x" * 5000)) == 160
    assert quote("x" * 5000, 20).endswith("…")


def test_fence_cannot_be_closed_from_inside() -> None:
    block = fence("a: ```\n```\n  ````` b\n", "yaml")
    opening = block.split("\n", 1)[0]
    assert opening == "``````yaml" and block.endswith("\n``````")


def test_workflow_inert() -> None:
    for line in (
        "::add-mask::x",
        "  ::stop-commands::t",
        "::set-env name=A::b",
        "x ##[set-env name=A;]b",
    ):
        out = workflow_inert(line)
        assert not out.lstrip().startswith("::") and "##[" not in out


# -- the body -------------------------------------------------------------------------------------


def test_body_starts_with_the_marker_and_key() -> None:
    body = comment([view(POOR)], key="docs")
    assert body.startswith(MARKER + "\n<!-- datarecipe-key: docs -->\n")
    assert is_ours(body, "docs") and not is_ours(body, "default")
    assert not is_ours("> " + body, "docs")


def test_body_shows_score_change_and_criteria_gained_and_lost() -> None:
    worse = GOOD.replace("license: cc-by-4.0\n", "")
    high = recipe_of(GOOD).reproducibility.score
    low = recipe_of(worse).reproducibility.score
    delta = f"{high - low:.1f}"
    body = comment([view(worse, base=GOOD, compared=True)])
    assert f"{high:.1f} → {low:.1f} (−{delta})" in body and "lost `license`" in body
    better = comment([view(GOOD, base=worse, compared=True)])
    assert f"{low:.1f} → {high:.1f} (+{delta})" in better and "gained `license`" in better
    new = comment([view(GOOD, compared=True)])
    assert "new card" in new


def test_body_lists_missing_elements_with_suggestions_and_a_collapsed_recipe() -> None:
    body = comment([view(POOR)])
    assert "**Missing provenance" in body and "| `source_code` | Link the scripts" in body
    assert "<details><summary>Recipe</summary>" in body and "reproducibility:" in body
    assert "❌ DataRecipe: the card fails" in body


def test_unreadable_card_is_shown() -> None:
    body = comment([CardResult("gone/README.md", None, None, error="gone/README.md: no such file")])
    assert "could not run" in body and "no such file" in body


def test_body_is_cut_below_the_limit_with_a_pointer_to_the_summary() -> None:
    views = [
        view(GOOD + "\n" + "More prose here. " * 400, path=f"d{i}/README.md") for i in range(60)
    ]
    body = comment(views, summary_url="https://github.example/o/r/pull/7/checks")
    assert len(body) < COMMENT_LIMIT
    assert "Cut to fit" in body and "(https://github.example/o/r/pull/7/checks)" in body
    assert body.startswith(header())
    tiny = comment(views, limit=3000)
    assert len(tiny) < 3000 and "Cut to fit" in tiny and tiny.startswith(header())


def test_summary_is_under_one_mebibyte() -> None:
    big = view(GOOD + "\n" + "Prose about the data. " * 2000)
    views = [big._replace(path=f"d{i}/README.md") for i in range(400)]
    text = summary(views)
    assert len(text.encode()) < 1024 * 1024 and "Cut to fit" in text
    assert len(summary([view(GOOD)]).encode()) < 1024 * 1024


# -- the update rules -----------------------------------------------------------------------------


class Memory:
    where = "memory"

    def __init__(self, comments: Sequence[str] = (), author: str = "me") -> None:
        self.items = [Comment(str(i), b, author) for i, b in enumerate(comments)]
        self.calls: list[str] = []

    def identity(self) -> str:
        return "me"

    def comments(self) -> list[Comment]:
        return list(self.items)

    def create(self, body: str) -> None:
        self.calls.append("create")
        self.items.append(Comment(str(100 + len(self.calls)), body, "me"))

    def update(self, comment_id: str, body: str) -> None:
        self.calls.append("update")
        self.items = [c._replace(body=body) if c.id == comment_id else c for c in self.items]

    def delete(self, comment_id: str) -> None:
        self.calls.append("delete")
        self.items = [c for c in self.items if c.id != comment_id]


def test_sync_modes() -> None:
    body = header() + "report 1\n"
    thread = Memory(["hello"])
    assert sync(thread, body, "default", "update", False) == "created"
    assert sync(thread, body, "default", "update", False) == "unchanged"
    assert sync(thread, body + "more\n", "default", "update", False) == "updated"
    assert sync(thread, body, "default", "recreate", False) == "recreated"
    assert sync(thread, body, "default", "delete-on-pass", False) == "unchanged"
    assert sync(thread, body, "default", "delete-on-pass", True) == "deleted"
    assert sync(thread, body, "default", "delete-on-pass", True) == "none"
    assert thread.calls == ["create", "update", "delete", "create", "delete"]
    assert [c.body for c in thread.items] == ["hello"]


def test_sync_removes_duplicates_left_by_a_race() -> None:
    thread = Memory([header() + "a", "other", header() + "b"])
    assert sync(thread, header() + "c", "default", "update", False) == "updated"
    assert [c.body for c in thread.items] == [header() + "c", "other"]


# -- datarecipe comment ---------------------------------------------------------------------------


@pytest.fixture
def card(tmp_path: Path) -> Path:
    path = tmp_path / "README.md"
    shutil.copy(FIXTURES / "lint" / "poor.md", path)
    return path


def test_cli_comment_creates_then_updates_one_comment(
    cli: Any, api: FakeGitHub, card: Path
) -> None:
    run = cli("comment", str(card), "--repo", REPO, "--pr", str(PR))
    assert run.code == 1, run.err
    assert "comment created on octo/data#7" in run.err
    assert "FAIL" in run.out  # the lint output is printed as by datarecipe lint
    card.write_text(POOR + "\nBuilt with https://github.com/octo/build-data.\n")
    assert cli("comment", str(card), "--repo", REPO, "--pr", str(PR)).code == 1
    assert [r.method for r in api.writes()] == ["POST", "PATCH"]
    assert cli("comment", str(card), "--repo", REPO, "--pr", str(PR)).code == 1
    assert len(api.writes()) == 2
    assert len(api.thread(REPO, PR)) == 1 and TOKEN not in run.out + run.err


def test_cli_comment_delete_on_pass(cli: Any, api: FakeGitHub, card: Path) -> None:
    args = ("--repo", REPO, "--pr", str(PR), "--comment-mode", "delete-on-pass")
    assert cli("comment", str(card), *args).code == 1
    assert len(api.thread(REPO, PR)) == 1
    card.write_text(GOOD)
    run = cli("comment", str(card), *args)
    assert run.code == 0 and "comment deleted" in run.err
    assert api.thread(REPO, PR) == []


def test_cli_comment_403_is_a_warning(cli: Any, api: FakeGitHub, card: Path) -> None:
    api.mode = "forbidden"
    run = cli("comment", str(card), "--repo", REPO, "--pr", str(PR))
    assert run.code == 1 and "warning: no comment" in run.err and "HTTP 403" in run.err
    card.write_text(GOOD)
    assert cli("comment", str(card), "--repo", REPO, "--pr", str(PR)).code == 0


def test_cli_comment_other_failures_are_exit_2_without_the_token(
    cli: Any, api: FakeGitHub, card: Path
) -> None:
    api.mode = "echo-token"
    run = cli("comment", str(card), "--repo", REPO, "--pr", str(PR))
    assert run.code == 2 and "HTTP 422" in run.err and run.err.count("\n") == 1
    assert TOKEN not in run.out + run.err and "***" in run.err


def test_cli_comment_head_sha_guards_the_pull_request_number(
    cli: Any, api: FakeGitHub, card: Path
) -> None:
    api.heads[(REPO, PR)] = "a" * 40
    run = cli("comment", str(card), "--repo", REPO, "--pr", str(PR), "--head-sha", "b" * 40)
    assert run.code == 0 and "notice: not posting" in run.err  # a stale run: an ordinary race
    assert run.err.count("\n") == 1
    assert api.writes() == []
    run = cli("comment", str(card), "--repo", REPO, "--pr", str(PR), "--head-sha", "a" * 40)
    assert run.code == 1 and len(api.thread(REPO, PR)) == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "say where"),
        (("--pr", "3"), "--repo"),
        (("--repo", REPO, "--pr", "3", "--hub", "o/d", "--discussion", "1"), "either"),
        (("--hub", "o/d"), "--discussion"),
        (("--repo", REPO, "--pr", "3", "--comment-key", "no spaces"), "comment-key"),
        (("--repo", REPO, "--pr", "0"), "positive"),
    ],
)
def test_cli_comment_usage_errors(
    cli: Any, api: FakeGitHub, card: Path, args: tuple[str, ...], message: str
) -> None:
    run = cli("comment", str(card), *args)
    assert run.code == 2 and message in run.err
    assert api.log == []


def test_cli_comment_needs_a_token(
    cli: Any, api: FakeGitHub, card: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GITHUB_TOKEN")
    run = cli("comment", str(card), "--repo", REPO, "--pr", str(PR))
    assert run.code == 2 and "GITHUB_TOKEN" in run.err and api.log == []


# -- Hugging Face Hub discussions -----------------------------------------------------------------


@pytest.fixture
def hub(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    hub_server = pytest.importorskip(
        "hub_server", reason="tests/hub_server.py (the loopback Hub) is absent"
    )
    if not hasattr(hub_server, "add_discussion"):
        pytest.skip("the loopback Hub has no discussion routes")
    with hub_server.serve() as server:
        hub_server.isolate(monkeypatch, str(tmp_path / "hf"), server.url)
        monkeypatch.setenv("HF_TOKEN", hub_server.TOKEN)
        hub_server.add_discussion(server, "org/data", 3)
        hub_server.add_discussion_comment(server, "org/data", 3, "Looks good to me")
        yield server


def test_hub_discussion_comment_is_created_updated_and_hidden(
    cli: Any, hub: Any, card: Path
) -> None:
    import hub_server

    args = ("--hub", "org/data", "--discussion", "3", "--comment-mode", "delete-on-pass")
    run = cli("comment", str(card), *args)
    assert run.code == 1, run.err
    assert "comment created on org/data discussion #3 on the Hub" in run.err
    events = hub_server.discussions(hub)[("org/data", 3)]["events"]
    assert len(events) == 2 and events[1]["data"]["latest"]["raw"].startswith(MARKER)
    card.write_text(POOR + "\nBuilt with https://github.com/octo/build-data.\n")
    assert "comment updated" in cli("comment", str(card), *args).err
    assert len(events) == 2 and events[1]["data"]["edited"]
    assert "comment unchanged" in cli("comment", str(card), *args).err
    card.write_text(GOOD)
    run = cli("comment", str(card), *args)
    assert run.code == 0 and "comment deleted" in run.err
    assert events[1]["data"]["hidden"] and not events[0]["data"]["hidden"]
    assert hub_server.TOKEN not in run.out + run.err
    assert all(auth in (None, f"Bearer {hub_server.TOKEN}") for _, _, auth in hub.log)


def test_sync_never_adopts_a_foreign_marker_comment() -> None:
    body = header() + "report\n"
    thread = Memory([header() + "planted\n"], author="mallory")
    for mode in ("update", "recreate", "delete-on-pass"):
        sync(thread, body, "default", mode, passed=mode == "delete-on-pass")
    assert thread.items[0] == Comment("0", header() + "planted\n", "mallory")
