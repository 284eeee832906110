"""A small GitHub REST client (urllib only) for issue and pull-request comments.

Only the host of ``GITHUB_API_URL`` is ever contacted: redirects are not followed, and a pagination
link to any other host is refused. The token goes in one header and never into a message: every
error text is scrubbed of it.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from typing import Any, NamedTuple

from .. import __version__
from ..errors import DataRecipeError

DEFAULT_API_URL = "https://api.github.com"
WORKFLOW_BOT = (
    "github-actions[bot]"  # the author of comments written with a workflow's GITHUB_TOKEN
)
REPO = re.compile(r"^[A-Za-z0-9_.-]{1,100}/[A-Za-z0-9_.-]{1,100}$")
LINK_NEXT = re.compile(r'<([^>]+)>\s*;\s*rel="next"')
MAX_PAGES = 100  # 10,000 comments at 100 per page
PER_PAGE = 100
HINTS = {
    401: " (check the token: GITHUB_TOKEN or the github-token input)",
    404: " (no such repository or pull request, or the token cannot see it)",
}


class ApiError(DataRecipeError):
    """An API call failed. ``status`` is the HTTP status, or None when no answer came."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message, "auth" if status in (401, 403) else "network")
        self.status = status

    @property
    def forbidden(self) -> bool:
        """The token may not write here (a fork's read-only token, missing permissions)."""
        return self.status == 403


class Comment(NamedTuple):
    id: str
    body: str
    author: str = ""


class ReviewComment(NamedTuple):
    id: str
    body: str
    author: str
    path: str
    line: int | None


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # a 3xx answer becomes an HTTPError: the token is never sent elsewhere


class GitHub:
    """Calls on one API host with one token."""

    def __init__(self, api_url: str | None, token: str | None, timeout: float = 30.0) -> None:
        base = (api_url or DEFAULT_API_URL).rstrip("/")
        parts = urllib.parse.urlsplit(base)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ApiError(f"GITHUB_API_URL {base!r} is not an http(s) URL")
        self.base = base
        self._origin = (parts.scheme, parts.netloc.lower())
        self._token = token or ""
        self._timeout = timeout
        self._opener = urllib.request.build_opener(_NoRedirect())

    # -- issue comments (a pull request's conversation is its issue) -------------------------

    def list_comments(self, repo: str, number: int) -> list[Comment]:
        path = f"/repos/{_repo(repo)}/issues/{int(number)}/comments?per_page={PER_PAGE}"
        return [_comment(c) for page in self._pages(path) for c in page]

    def create_comment(self, repo: str, number: int, body: str) -> Comment:
        data = self._call(
            "POST", f"/repos/{_repo(repo)}/issues/{int(number)}/comments", {"body": body}
        )
        return _comment(data)

    def update_comment(self, repo: str, comment_id: str, body: str) -> Comment:
        data = self._call(
            "PATCH", f"/repos/{_repo(repo)}/issues/comments/{_int(comment_id)}", {"body": body}
        )
        return _comment(data)

    def delete_comment(self, repo: str, comment_id: str) -> None:
        self._call("DELETE", f"/repos/{_repo(repo)}/issues/comments/{_int(comment_id)}")

    def login(self) -> str:
        """Who the token writes as: ``GET /user``, or the workflow token's bot, which may not
        read ``/user`` (GitHub answers 403 "Resource not accessible by integration")."""
        try:
            data = self._call("GET", "/user")
        except ApiError as exc:
            if exc.status == 403:
                return WORKFLOW_BOT
            raise
        login = data.get("login") if isinstance(data, dict) else None
        if not isinstance(login, str) or not login:
            raise ApiError("GitHub API: GET /user: no login in the answer")
        return login

    def pull_head_sha(self, repo: str, number: int) -> str:
        data = self._call("GET", f"/repos/{_repo(repo)}/pulls/{int(number)}")
        head = data.get("head") if isinstance(data, dict) else None
        return str(head.get("sha", "")) if isinstance(head, dict) else ""

    # -- pull-request review comments (suggestions on the diff) -------------------------------

    def pull_files(self, repo: str, number: int) -> dict[str, str]:
        """Each changed file's path and patch (the diff hunks GitHub shows; empty for binaries)."""
        path = f"/repos/{_repo(repo)}/pulls/{int(number)}/files?per_page={PER_PAGE}"
        return {
            str(f.get("filename", "")): str(f.get("patch") or "")
            for page in self._pages(path)
            for f in page
            if isinstance(f, dict)
        }

    def list_review_comments(self, repo: str, number: int) -> list[ReviewComment]:
        path = f"/repos/{_repo(repo)}/pulls/{int(number)}/comments?per_page={PER_PAGE}"
        return [_review_comment(c) for page in self._pages(path) for c in page]

    def create_review_comment(
        self, repo: str, number: int, commit: str, path: str, start: int, end: int, body: str
    ) -> None:
        """A comment on lines ``start``..``end`` of the new file (one line when they are equal)."""
        payload: dict[str, Any] = {
            "body": body, "commit_id": commit, "path": path, "line": end, "side": "RIGHT",
        }  # fmt: skip
        if start != end:
            payload.update(start_line=start, start_side="RIGHT")
        self._call("POST", f"/repos/{_repo(repo)}/pulls/{int(number)}/comments", payload)

    # -- transport ----------------------------------------------------------------------------

    def _pages(self, path: str) -> Iterator[list[Any]]:
        url: str | None = self.base + path
        for _ in range(MAX_PAGES):
            if url is None:
                return
            data, headers = self._send("GET", url, None)
            if not isinstance(data, list):
                raise ApiError(f"GitHub API: GET {self._show(url)}: expected a list")
            yield data
            match = LINK_NEXT.search(headers.get("Link", "") or "")
            url = match.group(1) if match else None
        raise ApiError(f"GitHub API: more than {MAX_PAGES} pages of comments; giving up")

    def _call(self, method: str, path: str, payload: dict[str, Any] | None = None) -> Any:
        return self._send(method, self.base + path, payload)[0]

    def _send(self, method: str, url: str, payload: dict[str, Any] | None) -> tuple[Any, Any]:
        self._check_host(url)
        data = None if payload is None else json.dumps(payload).encode("utf-8")
        request = urllib.request.Request(url, data=data, method=method)
        request.add_header("Accept", "application/vnd.github+json")
        request.add_header("X-GitHub-Api-Version", "2022-11-28")
        request.add_header("User-Agent", f"datarecipe/{__version__}")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if self._token:
            request.add_header("Authorization", f"Bearer {self._token}")
        what = f"{method} {self._show(url)}"
        try:
            with self._opener.open(request, timeout=self._timeout) as response:
                raw = response.read()
                headers = response.headers
        except urllib.error.HTTPError as exc:
            hint = HINTS.get(exc.code, "")
            raise ApiError(
                self._scrub(f"GitHub API: {what} answered HTTP {exc.code}{_reason(exc)}{hint}"),
                exc.code,
            ) from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise ApiError(self._scrub(f"GitHub API: {what}: cannot connect ({reason})")) from None
        if not raw:
            return None, headers
        try:
            return json.loads(raw.decode("utf-8")), headers
        except (UnicodeDecodeError, ValueError):
            raise ApiError(f"GitHub API: {what}: the answer is not JSON") from None

    def _check_host(self, url: str) -> None:
        parts = urllib.parse.urlsplit(url)
        if (parts.scheme, parts.netloc.lower()) != self._origin:
            raise ApiError(
                f"GitHub API: refusing to follow a link to {parts.scheme}://{parts.netloc} "
                f"(only {self._origin[0]}://{self._origin[1]} from GITHUB_API_URL is contacted)"
            )

    def _show(self, url: str) -> str:
        return urllib.parse.urlsplit(url).path

    def _scrub(self, text: str) -> str:
        return text.replace(self._token, "***") if self._token else text


def _reason(exc: urllib.error.HTTPError) -> str:
    try:
        data = json.loads(exc.read().decode("utf-8", "replace") or "{}")
    except (ValueError, OSError):
        return ""
    message = data.get("message") if isinstance(data, dict) else None
    if not isinstance(message, str) or not message:
        return ""
    return ": " + " ".join(message.split())[:200]


def _repo(repo: str) -> str:
    if not REPO.match(repo) or ".." in repo:
        raise ApiError(f"repository {repo!r} is not owner/name")
    return repo


def _int(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise ApiError(f"comment id {value!r} is not a number") from None


def _comment(data: Any) -> Comment:
    if not isinstance(data, dict) or "id" not in data:
        raise ApiError("GitHub API: a comment without an id in the answer")
    user = data.get("user")
    login = user.get("login", "") if isinstance(user, dict) else ""
    return Comment(str(data["id"]), str(data.get("body") or ""), str(login))


def _review_comment(data: Any) -> ReviewComment:
    base = _comment(data)
    line = data.get("line")
    return ReviewComment(
        base.id, base.body, base.author, str(data.get("path") or ""),
        line if isinstance(line, int) else None,
    )  # fmt: skip
