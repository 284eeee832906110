"""A GitHub REST API served on loopback, for the Action and ``datarecipe comment`` tests.

Issue comments (list with ``Link`` pagination, create, update, delete), ``GET pulls/N``, and for
suggestions ``GET pulls/N/files`` (each file's patch) and pull-request review comments (list,
create: a line outside the file's diff is refused with 422, as GitHub does), stored in memory,
with a request log. Modes: ``forbidden`` answers 403 to writes (a fork's read-only
token), ``error`` answers 500 to everything, ``echo-token`` puts the Authorization header into its
error messages (to check that the client scrubs it). ``next_host`` and ``redirect_to`` send the
client to another address (which must not be followed). Bound to 127.0.0.1 only.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, NamedTuple
from urllib.parse import parse_qs, urlsplit

TOKEN = "ghs_testTOKEN0123456789abcdefABCDEF"  # what the server accepts
BOT = {"login": "github-actions[bot]", "type": "Bot"}


class Request(NamedTuple):
    method: str
    path: str
    headers: dict[str, str]
    body: Any


class FakeGitHub:
    def __init__(self) -> None:
        self.comments: dict[tuple[str, int], list[dict[str, Any]]] = {}
        self.heads: dict[tuple[str, int], str] = {}
        self.files: dict[tuple[str, int], dict[str, str]] = {}  # path -> patch
        self.reviews: dict[tuple[str, int], list[dict[str, Any]]] = {}  # review comments
        self.refuse_reviews = False  # answer 422 to every review comment (lines GitHub disowns)
        self.log: list[Request] = []
        self.mode = ""
        self.next_host: str | None = None  # pagination links point there instead
        self.redirect_to: str | None = None  # answer every request with a 302 to there
        self.token = TOKEN
        self.user: dict[str, str] | None = None  # None: a workflow token (GET /user is 403)
        self._ids = 1000
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> FakeGitHub:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    # -- test helpers --------------------------------------------------------------------------

    def thread(self, repo: str, number: int) -> list[dict[str, Any]]:
        return self.comments.setdefault((repo, number), [])

    def add_comment(
        self, repo: str, number: int, body: str, user: dict[str, str] | None = None
    ) -> int:
        with self._lock:
            self._ids += 1
            self.thread(repo, number).append(
                {
                    "id": self._ids,
                    "body": body,
                    "user": user or {"login": "someone", "type": "User"},
                }
            )
            return self._ids

    def writes(self) -> list[Request]:
        return [r for r in self.log if r.method != "GET"]

    # -- the API ------------------------------------------------------------------------------

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        api = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:  # quiet
                pass

            def do_GET(self) -> None:
                self._serve("GET")

            def do_POST(self) -> None:
                self._serve("POST")

            def do_PATCH(self) -> None:
                self._serve("PATCH")

            def do_DELETE(self) -> None:
                self._serve("DELETE")

            def _serve(self, method: str) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                body = json.loads(raw) if raw else None
                api.log.append(Request(method, self.path, dict(self.headers.items()), body))
                status, payload, headers = api.answer(
                    method, self.path, dict(self.headers.items()), body
                )
                data = b"" if payload is None else json.dumps(payload).encode()
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        return Handler

    def answer(
        self, method: str, target: str, headers: dict[str, str], body: Any
    ) -> tuple[int, Any, dict[str, str]]:
        url = urlsplit(target)
        auth = headers.get("Authorization", "")
        if self.redirect_to:
            return 302, None, {"Location": self.redirect_to + target}
        if self.mode == "error":
            return 500, {"message": "Server Error"}, {}
        if auth != f"Bearer {self.token}":
            detail = f" (got {auth})" if self.mode == "echo-token" else ""
            return 401, {"message": "Bad credentials" + detail}, {}
        if self.mode == "echo-token":
            return 422, {"message": f"Validation failed for {auth}"}, {}
        if self.mode == "forbidden" and method != "GET":
            return 403, {"message": "Resource not accessible by integration"}, {}
        if url.path == "/user" and method == "GET":
            if self.user is None:
                return 403, {"message": "Resource not accessible by integration"}, {}
            return 200, self.user, {}
        m = re.fullmatch(r"/repos/([^/]+/[^/]+)/issues/(\d+)/comments", url.path)
        if m and method == "GET":
            return self._list(m.group(1), int(m.group(2)), url.path, parse_qs(url.query))
        if m and method == "POST":
            cid = self.add_comment(m.group(1), int(m.group(2)), body["body"], self.user or BOT)
            return 201, self._find(cid)[1], {}
        m = re.fullmatch(r"/repos/([^/]+/[^/]+)/issues/comments/(\d+)", url.path)
        if m and method in ("PATCH", "DELETE"):
            found = self._find(int(m.group(2)), m.group(1))
            if found is None:
                return 404, {"message": "Not Found"}, {}
            thread, comment = found
            if method == "DELETE":
                thread.remove(comment)
                return 204, None, {}
            comment["body"] = body["body"]
            return 200, comment, {}
        m = re.fullmatch(r"/repos/([^/]+/[^/]+)/pulls/(\d+)/(files|comments)", url.path)
        if m:
            return self._pull(m.group(1), int(m.group(2)), m.group(3), method, body)
        m = re.fullmatch(r"/repos/([^/]+/[^/]+)/pulls/(\d+)", url.path)
        if m and method == "GET":
            sha = self.heads.get((m.group(1), int(m.group(2))))
            if sha is None:
                return 404, {"message": "Not Found"}, {}
            return 200, {"number": int(m.group(2)), "head": {"sha": sha}}, {}
        return 404, {"message": "Not Found"}, {}

    def _pull(
        self, repo: str, number: int, what: str, method: str, body: Any
    ) -> tuple[int, Any, dict[str, str]]:
        files = self.files.get((repo, number), {})
        if what == "files" and method == "GET":
            return 200, [{"filename": f, "patch": p} for f, p in files.items()], {}
        thread = self.reviews.setdefault((repo, number), [])
        if what == "comments" and method == "GET":
            return 200, thread, {}
        if what == "comments" and method == "POST":
            return self._review(repo, number, files, thread, body)
        return 404, {"message": "Not Found"}, {}

    def _review(
        self, repo: str, number: int, files: dict[str, str], thread: list[Any], body: Any
    ) -> tuple[int, Any, dict[str, str]]:
        if self.refuse_reviews:
            return 422, {"message": "pull_request_review_thread.line must be part of the diff"}, {}
        shown = _right_side(files.get(body.get("path", ""), ""))
        lines = range(body.get("start_line") or body["line"], body["line"] + 1)
        if body.get("commit_id") != self.heads.get((repo, number)) or not all(
            n in shown for n in lines
        ):
            return 422, {"message": "pull_request_review_thread.line must be part of the diff"}, {}
        with self._lock:
            self._ids += 1
            comment = {**body, "id": self._ids, "user": self.user or BOT}
            thread.append(comment)
        return 201, comment, {}

    def _list(
        self, repo: str, number: int, path: str, query: dict[str, list[str]]
    ) -> tuple[int, Any, dict[str, str]]:
        per_page = min(int(query.get("per_page", ["30"])[0]), 100)
        page = int(query.get("page", ["1"])[0])
        items = self.thread(repo, number)
        last = max(1, -(-len(items) // per_page))
        chunk = items[(page - 1) * per_page : page * per_page]
        host = self.next_host or self.url
        links = []
        if page < last:
            links.append(f'<{host}{path}?per_page={per_page}&page={page + 1}>; rel="next"')
            links.append(f'<{host}{path}?per_page={per_page}&page={last}>; rel="last"')
        return 200, chunk, {"Link": ", ".join(links)} if links else {}

    def _find(self, cid: int, repo: str | None = None) -> Any:
        for (r, _), thread in self.comments.items():
            for comment in thread:
                if comment["id"] == cid and (repo is None or r == repo):
                    return thread, comment
        return None


def _right_side(patch: str) -> set[int]:
    """New-file lines a patch shows (context and added), as GitHub lets review comments use."""
    shown, line = set(), 0
    for row in patch.split("\n"):
        hunk = re.match(r"@@ -\d+(?:,\d+)? \+(\d+)", row)
        if hunk:
            line = int(hunk.group(1))
        elif line and row[:1] in (" ", "+"):
            shown.add(line)
            line += 1
    return shown


@contextmanager
def serve() -> Iterator[FakeGitHub]:
    server = FakeGitHub().start()
    try:
        yield server
    finally:
        server.stop()


PROXY_VARIABLES = (
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "http_proxy",
    "https_proxy",
    "ALL_PROXY",
    "all_proxy",
)
RUNNER_VARIABLES = ("GITHUB_REPOSITORY", "GITHUB_RUN_ID", "GH_TOKEN", "GITHUB_TOKEN")
