"""The Action's inputs (``INPUT_*`` variables set by action.yml) and the run's context (the
runner's ``GITHUB_*`` variables and the event file)."""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

from ..errors import UsageError
from .modes import MODES

SHA = re.compile(r"^[0-9a-fA-F]{7,64}$")
REF = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9._/@{}^~+-]{0,254}$")
ON = {"auto", "true", "on", "yes", "1"}
OFF = {"false", "off", "no", "0", "never"}
COMMENT = ("auto", "always", "never")


class Inputs(NamedTuple):
    paths: list[str]
    min_score: float | None
    require: tuple[str, ...] | None
    fail_on: tuple[str, ...] | None
    no_regress: str  # "auto", "off" or a git ref
    comment: str  # auto | always | never
    comment_mode: str
    comment_key: str
    token: str | None
    sarif_file: str | None
    config: str | None
    export: tuple[str, ...] = ()  # croissant, eu-summary: files written beside the recipes
    suggestions: bool = False  # post `datarecipe fix` as review suggestions on the diff


class Context(NamedTuple):
    event_name: str
    event: dict[str, Any]
    repo: str | None
    api_url: str | None
    server_url: str
    run_id: str | None
    temp: Path | None
    output: str | None
    summary: str | None

    @property
    def pull_request(self) -> dict[str, Any] | None:
        pr = self.event.get("pull_request")
        return pr if isinstance(pr, dict) else None

    @property
    def pr_number(self) -> int | None:
        pr = self.pull_request
        number = pr.get("number") if pr else None
        return number if isinstance(number, int) and number > 0 else None

    @property
    def base_sha(self) -> str | None:
        pr = self.pull_request
        base = pr.get("base") if pr else None
        sha = base.get("sha") if isinstance(base, dict) else None
        return sha if isinstance(sha, str) and SHA.match(sha) else None

    @property
    def checks_url(self) -> str | None:
        """The pull request's checks page: the same for every run, unlike ``run_url``."""
        if not self.repo or self.pr_number is None:
            return None
        return f"{self.server_url.rstrip('/')}/{self.repo}/pull/{self.pr_number}/checks"

    @property
    def run_url(self) -> str | None:
        if not self.repo or not self.run_id:
            return None
        return f"{self.server_url.rstrip('/')}/{self.repo}/actions/runs/{self.run_id}"


def _get(env: Mapping[str, str], name: str) -> str:
    return env.get(f"INPUT_{name}", "").strip()


def _csv(text: str) -> tuple[str, ...] | None:
    items = tuple(x.strip() for x in re.split(r"[,\s]+", text) if x.strip())
    return items or None


def paths_of(text: str) -> list[str]:
    """One or more paths or globs: one per line, or separated by spaces (quotes allowed)."""
    out: list[str] = []
    for line in text.splitlines():
        try:
            out += shlex.split(line)
        except ValueError:
            raise UsageError(f"path: cannot split {line!r} (unbalanced quotes?)") from None
    return out or ["README.md"]


def read_inputs(env: Mapping[str, str]) -> Inputs:
    min_score = None
    if _get(env, "MIN_SCORE"):
        try:
            min_score = float(_get(env, "MIN_SCORE"))
        except ValueError:
            raise UsageError(f"min-score: not a number: {_get(env, 'MIN_SCORE')!r}") from None
        if not 0 <= min_score <= 10:
            raise UsageError(f"min-score {min_score:g}: must be between 0 and 10")
    regress = _get(env, "NO_REGRESS")
    if not regress or regress.lower() in ON:
        regress = "auto"  # the pull request's base; off on other events
    elif regress.lower() in OFF:
        regress = "off"
    elif not REF.match(regress):
        raise UsageError(f"no-regress: {regress!r} is not auto, false or a git ref")
    comment = _get(env, "COMMENT").lower() or "auto"
    if comment not in COMMENT:
        raise UsageError(f"comment: {comment!r} is not one of {', '.join(COMMENT)}")
    mode = _get(env, "COMMENT_MODE").lower() or "update"
    if mode not in MODES:
        raise UsageError(f"comment-mode: {mode!r} is not one of {', '.join(MODES)}")
    return Inputs(
        paths=paths_of(env.get("INPUT_PATH", "")),
        min_score=min_score,
        require=_csv(_get(env, "REQUIRE")),
        fail_on=_csv(_get(env, "FAIL_ON")),
        no_regress=regress,
        comment=comment,
        comment_mode=mode,
        comment_key=check_key(_get(env, "COMMENT_KEY") or "default"),
        token=_get(env, "GITHUB_TOKEN") or None,
        sarif_file=_get(env, "SARIF_FILE") or None,
        config=_get(env, "CONFIG") or None,
        export=_exports(_get(env, "EXPORT")),
        suggestions=_flag(env, "SUGGESTIONS"),
    )


EXPORTS = ("croissant", "eu-summary")


def _flag(env: Mapping[str, str], name: str) -> bool:
    value = _get(env, name).lower()
    if value in ("", *OFF):
        return False
    if value in ON:
        return True
    raise UsageError(f"{name.lower().replace('_', '-')}: {value!r} is not true or false")


def _exports(text: str) -> tuple[str, ...]:
    wanted = _csv(text) or ()
    unknown = [w for w in wanted if w not in EXPORTS]
    if unknown:
        raise UsageError(f"export: {', '.join(unknown)} is not one of {', '.join(EXPORTS)}")
    return tuple(dict.fromkeys(wanted))


def check_key(key: str) -> str:
    from ..report.comment import KEY_PATTERN

    if not KEY_PATTERN.match(key):
        raise UsageError(
            f"comment-key {key!r}: use 1-64 letters, digits, '.', '_' or '-' (e.g. docs-cards)"
        )
    return key


def read_context(env: Mapping[str, str]) -> Context:
    event: dict[str, Any] = {}
    path = env.get("GITHUB_EVENT_PATH")
    if path:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise UsageError(f"GITHUB_EVENT_PATH: cannot read the event file ({exc})") from None
        event = data if isinstance(data, dict) else {}
    temp = env.get("RUNNER_TEMP")
    return Context(
        event_name=env.get("GITHUB_EVENT_NAME", ""),
        event=event,
        repo=env.get("GITHUB_REPOSITORY") or None,
        api_url=env.get("GITHUB_API_URL") or None,
        server_url=env.get("GITHUB_SERVER_URL") or "https://github.com",
        run_id=env.get("GITHUB_RUN_ID") or None,
        temp=Path(temp) if temp else None,
        output=env.get("GITHUB_OUTPUT") or None,
        summary=env.get("GITHUB_STEP_SUMMARY") or None,
    )
