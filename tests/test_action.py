"""The Action, run as the runner runs it: action.yml's entry step in bash, with its env mapping
filled from the inputs, a pull_request (or push) event file, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY
files, GITHUB_REPOSITORY, a token, and GITHUB_API_URL pointing at a GitHub API on loopback."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, NamedTuple

import pytest
import yaml
from conftest import FIXTURES, ROOT
from github_server import BOT, TOKEN, FakeGitHub, serve

from datarecipe_lint.report.comment import MARKER

ACTION = yaml.safe_load((ROOT / "action.yml").read_text())
REPO = "octo/data"
PR = 7
GOOD = (FIXTURES / "lint" / "good.md").read_text()
POOR = (FIXTURES / "lint" / "poor.md").read_text()
NO_LICENSE = GOOD.replace("license: cc-by-4.0\n", "")
BIGGER = NO_LICENSE.replace("8,200 English questions", "9,100 English questions")
EVIL = """---
license: mit
---
::add-mask::x
::set-env name=FOO::bar
::stop-commands::pwned
##[set-env name=X;]y
# Evil @octo-org/team fixes #1 <img src=x onerror=alert(1)> | cell | `code` ```
Responses were generated with GPT-4 ::add-mask::zz, fixes #2, cc @team, ```` <script>alert(1)</script>.
"""


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.email=ci@example.com", "-c", "user.name=ci", *args],
        cwd=cwd, check=True, capture_output=True, text=True,
    )  # fmt: skip
    return done.stdout.strip()


class Workspace(NamedTuple):
    path: Path
    base_sha: str


def workspace(tmp_path: Path, base: str | None, head: str, name: str = "README.md") -> Workspace:
    """A shallow checkout of the head commit (the base commit is not in it), like actions/checkout."""
    origin = tmp_path / "origin"
    origin.mkdir()
    git(origin, "init", "-q", "-b", "main")
    card = origin / name
    card.parent.mkdir(parents=True, exist_ok=True)
    if base is not None:
        card.write_text(base)
    else:
        (origin / ".keep").write_text("")
    git(origin, "add", ".")
    git(origin, "commit", "-qm", "base")
    base_sha = git(origin, "rev-parse", "HEAD")
    card.write_text(head)
    git(origin, "add", ".")
    git(origin, "commit", "-qm", "head")
    work = tmp_path / "work"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{origin}", str(work))
    return Workspace(work, base_sha)


class Run(NamedTuple):
    code: int
    out: str
    err: str
    outputs: dict[str, str]
    summary: str
    files: dict[str, str]  # everything the step wrote (outputs, summary, recipes, report)


def parse_outputs(text: str) -> dict[str, str]:
    out: dict[str, str] = {}
    lines = iter(text.splitlines())
    for line in lines:
        name, _, delimiter = line.partition("<<")
        value = []
        for item in lines:
            if item == delimiter:
                break
            value.append(item)
        out[name] = "\n".join(value)
    return out


def entry_step() -> dict[str, Any]:
    (step,) = [s for s in ACTION["runs"]["steps"] if s.get("id") == "run"]
    return step


def step_env(inputs: Mapping[str, str], token: str) -> dict[str, str]:
    """The entry step's env mapping, with ${{ ... }} evaluated as the runner would."""
    values = {name: str(spec.get("default", "")) for name, spec in ACTION["inputs"].items()}
    values["github-token"] = token
    values.update(inputs)

    def evaluate(text: str) -> str:
        def one(m: re.Match[str]) -> str:
            expr = m.group(1).strip()
            if expr.startswith("inputs."):
                return values[expr[len("inputs.") :]]
            if expr == "steps.install.outputs.python":
                return sys.executable  # the install step is tested in test_docker.py
            raise AssertionError(f"unexpected expression {expr}")

        return re.sub(r"\$\{\{(.*?)\}\}", one, text)

    return {k: evaluate(str(v)) for k, v in entry_step()["env"].items()}


def run_action(
    ws: Path,
    api: FakeGitHub | None,
    tmp_path: Path,
    *,
    event: str = "pull_request",
    base_sha: str = "0" * 40,
    inputs: Mapping[str, str] | None = None,
    token: str = TOKEN,
) -> Run:
    runner = tmp_path / "runner"
    runner.mkdir(exist_ok=True)
    temp = runner / "temp"
    if temp.exists():
        shutil.rmtree(temp)
    temp.mkdir()
    payload: dict[str, Any] = {"repository": {"full_name": REPO}}
    if event == "pull_request":
        payload.update(
            number=PR, pull_request={"number": PR, "base": {"sha": base_sha, "ref": "main"}}
        )
    else:
        payload.update(ref="refs/heads/main", after="f" * 40)
    (runner / "event.json").write_text(json.dumps(payload))
    for name in ("output", "summary"):
        (runner / name).write_text("")
    env = {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", str(tmp_path)),
        "LANG": "C.UTF-8",
        "CI": "true",
        "GITHUB_ACTIONS": "true",
        "GITHUB_EVENT_NAME": event,
        "GITHUB_EVENT_PATH": str(runner / "event.json"),
        "GITHUB_OUTPUT": str(runner / "output"),
        "GITHUB_STEP_SUMMARY": str(runner / "summary"),
        "GITHUB_REPOSITORY": REPO,
        "GITHUB_API_URL": api.url if api else "http://127.0.0.1:9",
        "GITHUB_SERVER_URL": "https://github.example",
        "GITHUB_RUN_ID": "4242",
        "GITHUB_WORKSPACE": str(ws),
        "GITHUB_ACTION_PATH": str(ROOT),
        "RUNNER_OS": "Linux",
        "RUNNER_TEMP": str(temp),
        "NO_PROXY": "127.0.0.1,localhost",
        **step_env(inputs or {}, token),
    }
    done = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", entry_step()["run"]],
        cwd=ws, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    files = {
        str(p): p.read_text() for p in [*runner.rglob("*"), *ws.glob("*.sarif")] if p.is_file()
    }
    return Run(
        done.returncode,
        done.stdout,
        done.stderr,
        parse_outputs((runner / "output").read_text()),
        (runner / "summary").read_text(),
        files,
    )


def ours(api: FakeGitHub) -> list[dict[str, Any]]:
    return [c for c in api.thread(REPO, PR) if c["body"].startswith(MARKER)]


# -- the comment's life cycle ---------------------------------------------------------------------


def test_create_then_update_then_unchanged_makes_no_write(api: FakeGitHub, tmp_path: Path) -> None:
    ws = workspace(tmp_path, GOOD, NO_LICENSE)
    first = run_action(ws.path, api, tmp_path, base_sha=ws.base_sha)
    assert first.code == 1, first.out + first.err  # lower than at the base
    assert [r.method for r in api.writes()] == ["POST"]
    (comment,) = ours(api)
    body = comment["body"]
    assert re.search(r"\d\.\d → \d\.\d \(−\d\.\d\)", body) and "lost `license`" in body
    assert "comment created" in first.out

    (ws.path / "README.md").write_text(BIGGER)
    second = run_action(ws.path, api, tmp_path, base_sha=ws.base_sha)
    assert second.code == 1
    assert [r.method for r in api.writes()] == ["POST", "PATCH"]
    assert len(ours(api)) == 1 and ours(api)[0]["id"] == comment["id"]
    assert ours(api)[0]["body"] != body and "lost `license`" in ours(api)[0]["body"]

    before = len(api.log)
    third = run_action(ws.path, api, tmp_path, base_sha=ws.base_sha)
    assert third.code == 1
    assert [(r.method, r.path.split("?")[0]) for r in api.log[before:]] == [
        ("GET", "/user"),
        ("GET", f"/repos/{REPO}/issues/{PR}/comments"),
    ]
    assert "comment unchanged" in third.out


def test_delete_on_pass_removes_the_comment(api: FakeGitHub, tmp_path: Path) -> None:
    ws = workspace(tmp_path, GOOD, NO_LICENSE)
    mode = {"comment-mode": "delete-on-pass"}
    assert run_action(ws.path, api, tmp_path, base_sha=ws.base_sha, inputs=mode).code == 1
    assert len(ours(api)) == 1
    (ws.path / "README.md").write_text(GOOD)
    passing = run_action(ws.path, api, tmp_path, base_sha=ws.base_sha, inputs=mode)
    assert passing.code == 0, passing.out
    assert ours(api) == [] and api.writes()[-1].method == "DELETE"
    again = run_action(ws.path, api, tmp_path, base_sha=ws.base_sha, inputs=mode)
    assert again.code == 0 and api.writes()[-1].method == "DELETE"  # nothing more to delete


def test_recreate_mode_posts_a_fresh_comment(api: FakeGitHub, tmp_path: Path) -> None:
    ws = workspace(tmp_path, None, POOR)
    mode = {"comment-mode": "recreate"}
    run_action(ws.path, api, tmp_path, base_sha=ws.base_sha, inputs=mode)
    (first,) = ours(api)
    (ws.path / "README.md").write_text(POOR + "\nBuilt with https://github.com/octo/build-data.\n")
    run_action(ws.path, api, tmp_path, base_sha=ws.base_sha, inputs=mode)
    (second,) = ours(api)
    assert second["id"] != first["id"]
    assert [r.method for r in api.writes()] == ["POST", "DELETE", "POST"]


def test_150_comments_are_paginated_and_the_marker_is_found(
    api: FakeGitHub, tmp_path: Path
) -> None:
    ws = workspace(tmp_path, None, POOR)
    for i in range(150):
        if i == 120:
            api.add_comment(
                REPO, PR, f"{MARKER}\n<!-- datarecipe-key: default -->\nold report", BOT
            )
        else:
            api.add_comment(REPO, PR, f"a review remark {i}")
    mine = ours(api)[0]["id"]
    run = run_action(ws.path, api, tmp_path, base_sha=ws.base_sha)
    assert run.code == 1
    assert any("page=2" in r.path for r in api.log if r.method == "GET")
    assert [(r.method, r.path.rsplit("/", 1)[-1]) for r in api.writes()] == [("PATCH", str(mine))]
    assert len(api.thread(REPO, PR)) == 150


def test_a_marker_comment_by_someone_else_is_never_touched(api: FakeGitHub, tmp_path: Path) -> None:
    """Another user's comment that carries the marker (planted, or quoted) is neither edited nor
    deleted, in any mode; the action writes its own comment beside it."""
    ws = workspace(tmp_path, None, POOR)
    planted = f"{MARKER}\n<!-- datarecipe-key: default -->\nplanted"
    foreign = api.add_comment(REPO, PR, planted, {"login": "mallory", "type": "User"})
    for mode in ("update", "recreate", "delete-on-pass"):
        run_action(ws.path, api, tmp_path, base_sha=ws.base_sha, inputs={"comment-mode": mode})
    touched = [r for r in api.writes() if r.path.endswith(f"/comments/{foreign}")]
    assert touched == []
    assert any(c["id"] == foreign and c["body"] == planted for c in api.thread(REPO, PR))
    assert len([c for c in ours(api) if c["user"] == BOT]) == 1


def test_a_personal_token_adopts_only_its_own_login(api: FakeGitHub, tmp_path: Path) -> None:
    """With a token that may read /user, the comments of that login are ours, the bot's are not."""
    ws = workspace(tmp_path, None, POOR)
    api.user = {"login": "docs-bot", "type": "User"}
    bots = api.add_comment(REPO, PR, f"{MARKER}\n<!-- datarecipe-key: default -->\nold", BOT)
    run_action(ws.path, api, tmp_path, base_sha=ws.base_sha)
    assert [r.method for r in api.writes()] == ["POST"]
    mine = [c for c in api.thread(REPO, PR) if c["user"]["login"] == "docs-bot"]
    assert len(mine) == 1 and mine[0]["id"] != bots


def test_comment_keys_keep_separate_comments(api: FakeGitHub, tmp_path: Path) -> None:
    ws = workspace(tmp_path, None, POOR)
    run_action(ws.path, api, tmp_path, base_sha=ws.base_sha)
    run_action(ws.path, api, tmp_path, base_sha=ws.base_sha, inputs={"comment-key": "docs"})
    assert len(ours(api)) == 2
    run_action(ws.path, api, tmp_path, base_sha=ws.base_sha, inputs={"comment-key": "docs"})
    assert len(ours(api)) == 2 and [r.method for r in api.writes()] == ["POST", "POST"]


def test_forbidden_is_a_warning_and_the_exit_code_follows_the_score(
    api: FakeGitHub, tmp_path: Path
) -> None:
    api.mode = "forbidden"
    ws = workspace(tmp_path, None, GOOD)
    passing = run_action(ws.path, api, tmp_path, base_sha=ws.base_sha)
    assert passing.code == 0, passing.out + passing.err
    assert re.search(
        r"^::warning title=datarecipe%3A no comment::.*HTTP 403.*fork", passing.out, re.M
    )
    assert "Harbor" in passing.summary and "✅" in passing.summary
    (ws.path / "README.md").write_text(POOR)
    failing = run_action(ws.path, api, tmp_path, base_sha=ws.base_sha)
    assert failing.code == 1 and "HTTP 403" in failing.out
    assert ours(api) == []


def test_other_api_failures_are_exit_2(api: FakeGitHub, tmp_path: Path) -> None:
    api.mode = "error"
    ws = workspace(tmp_path, None, GOOD)
    run = run_action(ws.path, api, tmp_path, base_sha=ws.base_sha)
    assert run.code == 2 and "::error title=datarecipe%3A comment failed::" in run.out
    assert run.outputs["passed"] == "true"  # the results are still written


def test_push_event_posts_nothing_and_writes_the_summary(api: FakeGitHub, tmp_path: Path) -> None:
    ws = workspace(tmp_path, None, POOR)
    run = run_action(ws.path, api, tmp_path, event="push")
    assert run.code == 1
    assert api.log == []
    assert "reproducibility" in run.summary and "1.0" in run.summary
    assert run.outputs["passed"] == "false" and run.outputs["score"] == "1.0"


def test_comment_never_and_always(api: FakeGitHub, tmp_path: Path) -> None:
    ws = workspace(tmp_path, None, POOR)
    run_action(ws.path, api, tmp_path, base_sha=ws.base_sha, inputs={"comment": "never"})
    assert api.log == []
    run = run_action(ws.path, api, tmp_path, event="push", inputs={"comment": "always"})
    assert api.log == [] and "no pull request" in run.out


# -- outputs and files ----------------------------------------------------------------------------


def test_outputs_for_one_card(api: FakeGitHub, tmp_path: Path) -> None:
    ws = workspace(tmp_path, None, GOOD)
    run = run_action(ws.path, api, tmp_path, base_sha=ws.base_sha, inputs={"comment": "never"})
    out = run.outputs
    assert set(out) == {
        "score",
        "passed",
        "missing",
        "recipe-path",
        "report-path",
        "estimated-cost-usd",
    }
    recipe = json.loads(Path(out["recipe-path"]).read_text())
    assert out["score"] == f"{recipe['reproducibility']['score']:.1f}" and out["passed"] == "true"
    assert out["missing"] == ",".join(recipe["reproducibility"]["missing"])
    assert Path(out["report-path"]).read_text() == run.summary


def test_export_writes_croissant_and_eu_summary_files(api: FakeGitHub, tmp_path: Path) -> None:
    ws = workspace(tmp_path, None, GOOD)
    inputs = {"comment": "never", "export": "croissant, eu-summary"}
    run = run_action(ws.path, api, tmp_path, base_sha=ws.base_sha, inputs=inputs)
    assert run.code == 0, run.out + run.err
    folder = Path(run.outputs["export-path"])
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["README.croissant.json", "README.eu-summary.md"]
    document = json.loads((folder / "README.croissant.json").read_text())
    assert "http://mlcommons.org/croissant/RAI/1.0" in document["conformsTo"]
    assert "## 2.5 Synthetic data" in (folder / "README.eu-summary.md").read_text()
    bad = run_action(ws.path, api, tmp_path, base_sha=ws.base_sha, inputs={"export": "rdf"})
    assert bad.code == 2 and "export: rdf is not one of croissant, eu-summary" in bad.out


def test_suggestions_land_on_the_diff_once(api: FakeGitHub, tmp_path: Path) -> None:
    ws = workspace(tmp_path, None, POOR)
    lines = POOR.splitlines()
    api.files[(REPO, PR)] = {
        "README.md": f"@@ -0,0 +1,{len(lines)} @@\n" + "\n".join("+" + x for x in lines)
    }
    api.heads[(REPO, PR)] = "a" * 40
    inputs = {"suggestions": "true", "min-score": "0"}
    run = run_action(ws.path, api, tmp_path, base_sha=ws.base_sha, inputs=inputs)
    assert run.code == 0, run.out + run.err
    reviews = list(api.reviews[(REPO, PR)])
    assert reviews and all("````suggestion" in r["body"] for r in reviews)
    assert "suggestion(s) posted, 0 already there" in run.out
    rerun = run_action(ws.path, api, tmp_path, base_sha=ws.base_sha, inputs=inputs)
    assert rerun.code == 0 and api.reviews[(REPO, PR)] == reviews
    assert f"0 suggestion(s) posted, {len(reviews)} already there" in rerun.out


def test_outputs_for_several_cards_combine(api: FakeGitHub, tmp_path: Path) -> None:
    ws = workspace(tmp_path, None, GOOD, name="datasets/good/README.md")
    (ws.path / "datasets" / "poor").mkdir()
    (ws.path / "datasets" / "poor" / "README.md").write_text(POOR)
    (ws.path / "datasets" / "priced").mkdir()
    priced = (FIXTURES / "lint" / "suppressed.md").read_text()
    (ws.path / "datasets" / "priced" / "README.md").write_text(priced)
    run = run_action(
        ws.path, api, tmp_path, base_sha=ws.base_sha,
        inputs={"path": "datasets/*/README.md", "no-regress": "false", "sarif-file": "out.sarif"},
    )  # fmt: skip
    assert run.code == 1
    out = run.outputs
    assert out["score"] == "1.0" and out["passed"] == "false"
    recipes = sorted(Path(out["recipe-path"]).glob("*.json"))
    assert [p.name for p in recipes] == [
        "datasets--good--README.json", "datasets--poor--README.json", "datasets--priced--README.json",
    ]  # fmt: skip
    trees = [json.loads(p.read_text()) for p in recipes]
    union = sorted({m for t in trees for m in t["reproducibility"]["missing"]})
    assert out["missing"].split(",") == union
    costs = [t["cost"]["estimated_total_usd"] for t in trees if t["cost"]["estimated_total_usd"]]
    if costs:
        assert float(out["estimated-cost-usd"]) == pytest.approx(sum(costs), abs=0.01)
    else:
        assert out["estimated-cost-usd"] == ""
    sarif = json.loads((ws.path / "out.sarif").read_text())
    assert sarif["version"] == "2.1.0"
    uris = {
        json.dumps(loc["physicalLocation"]["artifactLocation"], sort_keys=True)
        for r in sarif["runs"][0]["results"]
        for loc in r["locations"]
    }
    for uri in map(json.loads, uris):  # relative to the workspace root, as code scanning wants
        assert uri["uriBaseId"] == "%SRCROOT%" and re.fullmatch(
            r"datasets/[\w%-]+/README\.md", uri["uri"]
        )
    (comment,) = ours(api)
    assert comment["body"].count("<code>datasets/") >= 3
    assert "1 of 3 cards fail" in comment["body"] or "2 of 3 cards fail" in comment["body"]


def test_many_cards_fit_the_comment_and_the_summary(api: FakeGitHub, tmp_path: Path) -> None:
    long_card = GOOD + "\n".join(f"Line {i} " + "word " * 40 for i in range(300)) + "\n"
    ws = workspace(tmp_path, None, long_card)
    for i in range(20):
        (ws.path / f"c{i}").mkdir()
        (ws.path / f"c{i}" / "README.md").write_text(long_card)
    run = run_action(ws.path, api, tmp_path, base_sha=ws.base_sha, inputs={"path": "."})
    assert len(run.summary.encode()) < 1024 * 1024
    (comment,) = ours(api)
    assert len(comment["body"]) < 65536 and "Cut to fit" in comment["body"]
    assert f"https://github.example/octo/data/pull/{PR}/checks" in comment["body"]
    assert "actions/runs" not in comment["body"]
    writes = len(api.writes())
    again = run_action(ws.path, api, tmp_path, base_sha=ws.base_sha, inputs={"path": "."})
    assert (
        len(api.writes()) == writes and "comment unchanged" in again.out
    )  # a cut comment is stable


def test_the_actions_own_warnings_fit_within_githubs_limit(api: FakeGitHub, tmp_path: Path) -> None:
    """Twelve poor cards make far more than 10 warnings; the fork warning ("no comment") and the
    notice of what was not shown still fit in GitHub's 10 per level and step."""
    ws = workspace(tmp_path, None, POOR)
    for i in range(12):
        (ws.path / f"c{i}").mkdir()
        (ws.path / f"c{i}" / "README.md").write_text(POOR)
    api.mode = "forbidden"
    run = run_action(ws.path, api, tmp_path, base_sha=ws.base_sha, inputs={"path": "."})
    levels = [
        line.split(" ", 1)[0].split("::")[1]
        for line in run.out.splitlines()
        if line.startswith("::")
    ]
    for level in ("error", "warning", "notice"):
        assert levels.count(level) <= 10, (level, levels.count(level))
    assert any(
        line.startswith("::warning title=datarecipe%3A no comment::")
        for line in run.out.splitlines()
    )
    assert "more annotation(s) not shown" in run.out


def test_bad_input_is_exit_2_with_one_error(api: FakeGitHub, tmp_path: Path) -> None:
    ws = workspace(tmp_path, None, GOOD)
    run = run_action(ws.path, api, tmp_path, inputs={"comment-mode": "sometimes"})
    assert run.code == 2 and run.out.startswith("::error title=datarecipe%3A cannot run::")
    assert api.log == []
    bad = run_action(ws.path, api, tmp_path, inputs={"suggestions": "maybe"})
    assert bad.code == 2 and "suggestions: 'maybe' is not true or false" in bad.out


# -- security -------------------------------------------------------------------------------------


def test_card_text_cannot_become_a_workflow_command(api: FakeGitHub, tmp_path: Path) -> None:
    ws = workspace(tmp_path, None, EVIL)
    hostile = ws.path / "##[add-mask]x" / "::stop-commands::abc"  # a folder name is card text too
    hostile.mkdir(parents=True)
    (hostile / "README.md").write_text(EVIL)
    run = run_action(ws.path, api, tmp_path, base_sha=ws.base_sha, inputs={"path": "."})
    assert run.code in (0, 1), run.out + run.err
    assert "::add-mask::" in EVIL and "stop-commands" in run.out
    for line in (run.out + run.err).splitlines():
        stripped = line.lstrip()
        if stripped.startswith("::"):  # only our own annotations, never a card's command
            assert re.match(r"::(error|warning|notice) [^:]*::", stripped), line
        else:
            assert "##[" not in line, line


def test_comment_quoting_cannot_ping_close_or_inject(api: FakeGitHub, tmp_path: Path) -> None:
    ws = workspace(tmp_path, None, EVIL)
    run_action(ws.path, api, tmp_path, base_sha=ws.base_sha)
    (comment,) = ours(api)
    body = comment["body"]
    outside_code = re.sub(r"(`{3,})yaml\n.*?\n\1", "", body, flags=re.S)
    assert not re.search(r"(?<![\w`])@[A-Za-z0-9]", outside_code)
    assert not re.search(r"(?i)\bfix(es)?\s+#\d", outside_code)  # code blocks link nothing
    assert "<img" not in outside_code and "<script" not in outside_code
    blocks = re.findall(r"^(`{3,})yaml\n(.*?)^\1$", body, flags=re.S | re.M)
    assert blocks
    for fence, text in blocks:  # no line inside can close the block
        longest = max(len(run) for run in re.findall(r"`+", text + "`"))
        assert len(fence) > longest >= 4


def test_token_never_appears_anywhere(api: FakeGitHub, tmp_path: Path) -> None:
    ws = workspace(tmp_path, None, EVIL)
    for mode in ("", "forbidden", "error", "echo-token"):
        api.mode = mode
        run = run_action(
            ws.path, api, tmp_path, base_sha=ws.base_sha, inputs={"sarif-file": "x.sarif"}
        )
        assert run.code in (0, 1, 2)
        everything = run.out + run.err + "".join(run.files.values())
        assert TOKEN not in everything, mode
        assert TOKEN[8:] not in everything, mode
    for c in api.thread(REPO, PR):
        assert TOKEN not in c["body"]


def test_only_the_api_host_is_contacted(api: FakeGitHub, tmp_path: Path) -> None:
    ws = workspace(tmp_path, None, POOR)
    for i in range(120):
        api.add_comment(REPO, PR, f"remark {i}")
    with serve() as elsewhere:
        api.next_host = elsewhere.url
        run = run_action(ws.path, api, tmp_path, base_sha=ws.base_sha)
        assert run.code == 2 and "refusing to follow a link" in run.out
        api.next_host, api.redirect_to = None, elsewhere.url
        run = run_action(ws.path, api, tmp_path, base_sha=ws.base_sha)
        assert run.code == 2 and "HTTP 302" in run.out
        assert elsewhere.log == []
    assert all(r.headers.get("Host", "").startswith("127.0.0.1:") for r in api.log)


# -- action.yml, the examples and the README agree ------------------------------------------------


EXAMPLES = sorted((ROOT / "examples" / "workflows").glob("*.yml"))
README = (ROOT / "README.md").read_text()


def uses_of_this_action(tree: Any) -> Iterator[dict[str, Any]]:
    for job in (tree.get("jobs") or {}).values():
        for step in job.get("steps") or []:
            if str(step.get("uses", "")).startswith("datarecipe/datarecipe@"):
                yield step


def test_outputs_are_the_entry_steps() -> None:
    outputs = ACTION["outputs"]
    assert set(outputs) == {
        "score",
        "passed",
        "missing",
        "recipe-path",
        "report-path",
        "estimated-cost-usd",
        "export-path",
    }
    for name, spec in outputs.items():
        assert spec["value"] == f"${{{{ steps.run.outputs.{name} }}}}"


def test_every_input_reaches_the_entry_step() -> None:
    env = entry_step()["env"]
    for name in ACTION["inputs"]:
        variable = "INPUT_" + name.upper().replace("-", "_")
        assert env[variable] == f"${{{{ inputs.{name} }}}}", name


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_examples_use_only_known_inputs(path: Path) -> None:
    tree = yaml.safe_load(path.read_text())
    for step in uses_of_this_action(tree):
        assert set(step.get("with") or {}) <= set(ACTION["inputs"]), path.name
    assert path.name in README


def test_readme_workflows_use_only_known_inputs_and_match_the_fork_safe_example() -> None:
    blocks = re.findall(r"```yaml\n(.*?)```", README, re.S)
    used = [step for b in blocks if "jobs:" in b for step in uses_of_this_action(yaml.safe_load(b))]
    assert used
    for step in used:
        assert set(step.get("with") or {}) <= set(ACTION["inputs"])
    example = (ROOT / "examples" / "workflows" / "fork-safe-comment.yml").read_text()
    body = example[example.index("name: ") :]
    assert body in README
