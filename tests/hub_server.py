"""A small Hugging Face Hub served on loopback, for the tests and the batch benchmark.

It answers the requests the real ``huggingface_hub`` client makes for ``dataset_info`` and file
downloads, with the headers the client reads:

- ``GET /api/datasets/{id}[/revision/{rev}][?blobs=true]``: the info JSON (sha, lastModified,
  cardData, tags, siblings with size and blobId when ``blobs`` is asked for, private, gated);
- ``HEAD|GET /datasets/{id}/resolve/{rev}/{path}``: ``ETag`` (the git blob id), ``X-Repo-Commit``,
  ``Content-Length``; an LFS file answers ``302`` to a CDN on another origin with
  ``X-Linked-Etag`` / ``X-Linked-Size``; a renamed repository answers ``307`` to its new name;
- ``GET /api/datasets/{id}/croissant``: the Croissant JSON-LD document set in ``Hub.croissant``
  (404 when none is set, as the Hub answers for a dataset it cannot describe);
- ``POST /api/validate-yaml`` (the README's front matter must parse), then
  ``POST /api/datasets/{id}/preupload/{rev}`` and ``/commit/{rev}[?create_pr=1]``: what
  ``create_commit`` sends for small files (regular uploads, base64 in the NDJSON payload); with
  ``create_pr`` the commit goes to ``refs/pr/N`` and a pull-request discussion N is opened;
- ``GET /api/models/{id}``, ``/api/spaces/{id}``: for the "this id is a model" hint;
- ``/api/agent-harnesses`` (huggingface_hub's own once-a-day registry) is answered and not counted;
  any other path is a 404.

Errors carry the ``X-Error-Code`` the client maps to its exceptions (RepoNotFound, GatedRepo,
RevisionNotFound, EntryNotFound). Private and gated repositories need ``Authorization: Bearer``
with a token in ``Hub.tokens``. Faults can be injected by rule or at random (429 with
Retry-After, 500, dropped connections, slow answers), and every counted request is logged.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import socket
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlsplit

import yaml

TOKEN = "hf_loopbackTestToken0123456789"
FRONT_MATTER = re.compile(r"^\s*---[\r\n]+([\S\s]*?)[\r\n]+---(?:\r\n|\n|$)")
INFO = re.compile(r"^/api/datasets/([^/]+/[^/]+?)(?:/revision/([^/]+))?/?$")
OTHER_INFO = re.compile(r"^/api/(models|spaces)/([^/]+/[^/]+?)(?:/revision/([^/]+))?/?$")
RESOLVE = re.compile(r"^/datasets/([^/]+/[^/]+)/resolve/([^/]+)/(.+)$")
CDN = re.compile(r"^/cdn/([0-9a-f]{64})$")
CROISSANT = re.compile(r"^/api/datasets/([^/]+/[^/]+)/croissant$")


def blob_id(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


@dataclass
class Repo:
    id: str
    private: bool = False
    gated: bool = False
    lfs: frozenset[str] = frozenset()
    commits: dict[str, dict[str, bytes]] = field(default_factory=dict)
    refs: dict[str, str] = field(default_factory=dict)
    last_modified: str = "2026-11-01T00:00:00.000Z"  # the info JSON's lastModified

    def commit(self, files: dict[str, str | bytes], ref: str = "main") -> str:
        data = {p: v.encode() if isinstance(v, str) else v for p, v in files.items()}
        digest = hashlib.sha1(f"{self.id}:{len(self.commits)}".encode())
        for path in sorted(data):
            digest.update(path.encode() + blob_id(data[path]).encode())
        sha = digest.hexdigest()
        self.commits[sha] = data
        self.refs[ref] = sha
        return sha

    def resolve(self, rev: str) -> str | None:
        if rev in self.commits:
            return rev
        return self.refs.get(rev)


@dataclass
class Rule:
    """Answer requests whose path matches with a fault, ``times`` times (None: always)."""

    pattern: re.Pattern[str]
    action: str  # 429 | 500 | 503 | drop | slow
    times: int | None = None
    retry_after: int | None = 1
    delay: float = 0.0


@dataclass
class Hub:
    tokens: set[str] = field(default_factory=lambda: {TOKEN})
    repos: dict[str, Repo] = field(default_factory=dict)
    models: set[str] = field(default_factory=set)
    spaces: set[str] = field(default_factory=set)
    moved: dict[str, str] = field(default_factory=dict)
    croissant: dict[str, dict[str, Any]] = field(default_factory=dict)  # repo id -> document
    rules: list[Rule] = field(default_factory=list)
    fault_rate: float = 0.0
    fault_kinds: tuple[str, ...] = ("429", "500", "drop", "slow")
    slow: float = 0.3
    latency: float = 0.0
    seed: int = 0
    counts: Counter[str] = field(default_factory=Counter)
    own: int = 0  # huggingface_hub's own requests (its registry): answered, not counted
    log: list[tuple[str, str, str | None]] = field(default_factory=list)
    url: str = ""
    cdn_url: str = ""
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _rng: random.Random = field(default_factory=random.Random)

    def add(self, repo_id: str, files: dict[str, str | bytes], **kw: Any) -> Repo:
        repo = Repo(repo_id, **kw)
        repo.commit(files)
        self.repos[repo_id] = repo
        return repo

    def fail(self, pattern: str, action: str, times: int | None = None, **kw: Any) -> None:
        self.rules.append(Rule(re.compile(pattern), action, times, **kw))

    def faults(self, rate: float, seed: int = 0, kinds: tuple[str, ...] | None = None) -> None:
        self.fault_rate, self._rng = rate, random.Random(seed)
        self.fault_kinds = kinds or self.fault_kinds

    @property
    def requests(self) -> int:
        return sum(self.counts.values())

    def reset(self) -> None:
        with self._lock:
            self.counts.clear()
            self.log.clear()

    # -- request handling ---------------------------------------------------------------------

    def fault_for(self, path: str) -> Rule | None:
        with self._lock:
            for rule in self.rules:
                if rule.pattern.search(path) and (rule.times is None or rule.times > 0):
                    if rule.times is not None:
                        rule.times -= 1
                    return rule
            if self.fault_rate and self._rng.random() < self.fault_rate:
                action = self._rng.choice(self.fault_kinds)
                return Rule(re.compile(""), action, 1, 1, self.slow)
        return None

    def record(self, kind: str, method: str, path: str, auth: str | None) -> None:
        with self._lock:
            self.counts[kind] += 1
            self.log.append((method, path, auth))


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def setup(self) -> None:
        super().setup()  # answers are written in two parts: no Nagle wait for the second one
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self._handle("GET")

    def do_HEAD(self) -> None:
        self._handle("HEAD")

    def do_POST(self) -> None:  # Hub discussions only (see the block at the end of this file)
        self._handle("POST")

    def _handle(self, method: str) -> None:
        hub = self.server.hub
        raw, query = urlsplit(self.path)[2], parse_qs(urlsplit(self.path)[3])
        if raw == "/api/agent-harnesses":  # huggingface_hub's own registry: not counted
            hub.own += 1
            return self._json(200, {"standardEnvVars": [], "harnesses": {}}, method)
        hub.record(_kind(raw, self.server.cdn), method, raw, self.headers.get("Authorization"))
        if hub.latency:
            time.sleep(hub.latency)
        rule = hub.fault_for(raw)
        if rule is not None and self._fault(rule, method):
            return
        if self.server.cdn:
            return self._cdn(raw, method)
        route = self._route(raw, method, query)
        if route is None:
            self._send(404, b"Not Found", {"X-Error-Message": "Not Found"}, method)

    def _route(self, raw: str, method: str, query: dict[str, list[str]]) -> bool | None:
        if m := INFO.match(raw):
            rev = unquote(m.group(2)) if m.group(2) else None
            self._info(unquote(m.group(1)), rev, "blobs" in query, method)
            return True
        if m := CROISSANT.match(raw):
            repo_id = unquote(m.group(1))
            if self._repo(repo_id, method, gate=True) is not None:
                document = self.server.hub.croissant.get(repo_id)
                if document is None:
                    self._error(404, "EntryNotFound", method)
                else:
                    self._json(200, document, method)
            return True
        if m := OTHER_INFO.match(raw):
            known = self.server.hub.models if m.group(1) == "models" else self.server.hub.spaces
            repo_id = unquote(m.group(2))
            if repo_id in known:
                self._json(200, {"id": repo_id, "sha": "0" * 40}, method)
            else:
                self._error(404, "RepoNotFound", method)
            return True
        if m := RESOLVE.match(raw):
            self._resolve(unquote(m.group(1)), unquote(m.group(2)), unquote(m.group(3)), method)
            return True
        if raw == "/api/whoami-v2" and method == "GET":
            if _bearer(self.headers.get("Authorization")) not in self.server.hub.tokens:
                self._error(401, "Unauthorized", method)
            else:
                self._json(200, {"type": "user", "name": "bot"}, method)
            return True
        if (found := commit_route(self, raw, method, query)) is not None:
            return found  # commits (preupload, commit, create_pr): the block at the end
        return discussion_route(self, raw, method)  # Hub discussions: the block at the end

    # -- endpoints ------------------------------------------------------------------------------

    def _repo(self, repo_id: str, method: str, gate: bool) -> Repo | None:
        hub = self.server.hub
        repo = hub.repos.get(repo_id)
        token = _bearer(self.headers.get("Authorization"))
        if repo is None or (repo.private and token not in hub.tokens):
            self._error(401 if token is None else 404, "RepoNotFound", method)
            return None
        if gate and repo.gated and token not in hub.tokens:
            self._error(401 if token is None else 403, "GatedRepo", method)
            return None
        return repo

    def _info(self, repo_id: str, rev: str | None, blobs: bool, method: str) -> None:
        new = self.server.hub.moved.get(repo_id)
        if new is not None:
            tail = f"/revision/{quote(rev, safe='')}" if rev else ""
            return self._send(307, b"", {"Location": f"/api/datasets/{new}{tail}"}, method)
        repo = self._repo(repo_id, method, gate=False)
        if repo is None:
            return None
        sha = repo.resolve(rev or "main")
        if sha is None:
            return self._error(404, "RevisionNotFound", method)
        return self._json(200, _info_json(repo, sha, blobs), method)

    def _resolve(self, repo_id: str, rev: str, path: str, method: str) -> None:
        new = self.server.hub.moved.get(repo_id)
        if new is not None:
            location = f"/datasets/{new}/resolve/{quote(rev, safe='')}/{quote(path)}"
            return self._send(307, b"", {"Location": location}, method)
        repo = self._repo(repo_id, method, gate=True)
        if repo is None:
            return None
        sha = repo.resolve(rev)
        if sha is None:
            return self._error(404, "RevisionNotFound", method)
        data = repo.commits[sha].get(path)
        if data is None:
            return self._error(404, "EntryNotFound", method, {"X-Repo-Commit": sha})
        headers = {"X-Repo-Commit": sha, "ETag": f'"{blob_id(data)}"', "Accept-Ranges": "bytes"}
        if path in repo.lfs:
            digest = hashlib.sha256(data).hexdigest()
            headers.update(
                {
                    "Location": f"{self.server.hub.cdn_url}/cdn/{digest}",
                    "X-Linked-Etag": f'"{digest}"',
                    "X-Linked-Size": str(len(data)),
                }
            )
            return self._send(302, b"", headers, method)
        return self._send(200, data, headers, method)

    def _cdn(self, raw: str, method: str) -> None:
        m = CDN.match(raw)
        for repo in self.server.hub.repos.values():
            for files in repo.commits.values():
                for data in files.values():
                    if m and hashlib.sha256(data).hexdigest() == m.group(1):
                        return self._send(200, data, {"ETag": f'"{m.group(1)}"'}, method)
        return self._send(404, b"Not Found", {}, method)

    # -- responses ------------------------------------------------------------------------------

    def _fault(self, rule: Rule, method: str) -> bool:
        if rule.action == "slow":
            time.sleep(rule.delay)
            return False
        if rule.action == "drop":
            self.close_connection = True
            with suppress(OSError):
                self.connection.shutdown(socket.SHUT_RDWR)
            return True
        headers = {"Retry-After": str(rule.retry_after)} if rule.retry_after is not None else {}
        self._send(int(rule.action), b"injected fault", headers, method)
        return True

    def _error(
        self, status: int, code: str, method: str, extra: dict[str, str] | None = None
    ) -> None:
        headers = {"X-Error-Code": code, "X-Error-Message": code, **(extra or {})}
        self._send(status, json.dumps({"error": code}).encode(), headers, method)

    def _json(self, status: int, body: Any, method: str) -> None:
        data = json.dumps(body).encode()
        self._send(status, data, {"Content-Type": "application/json"}, method)

    def _send(self, status: int, body: bytes, headers: dict[str, str], method: str) -> None:
        try:
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if method != "HEAD":
                self.wfile.write(body)
        except OSError:
            self.close_connection = True


def _kind(raw: str, cdn: bool) -> str:
    if cdn:
        return "cdn"
    if INFO.match(raw):
        return "info"
    if RESOLVE.match(raw):
        return "file"
    if CROISSANT.match(raw):
        return "croissant"
    return "api" if raw.startswith("/api/") else "other"


def _bearer(header: str | None) -> str | None:
    if header and header.lower().startswith("bearer "):
        return header[7:].strip()
    return None


def _info_json(repo: Repo, sha: str, blobs: bool) -> dict[str, Any]:
    files = repo.commits[sha]
    siblings = []
    for path, data in sorted(files.items()):
        row: dict[str, Any] = {"rfilename": path}
        if blobs:
            row.update(size=len(data), blobId=blob_id(data))
            if path in repo.lfs:
                digest = hashlib.sha256(data).hexdigest()
                row["lfs"] = {"size": len(data), "sha256": digest, "pointerSize": 134}
        siblings.append(row)
    card = _card_data(files.get("README.md", b""))
    return {
        "_id": blob_id(repo.id.encode())[:24],
        "id": repo.id,
        "author": repo.id.split("/")[0],
        "sha": sha,
        "lastModified": repo.last_modified,
        "createdAt": "2026-01-01T00:00:00.000Z",
        "private": repo.private,
        "gated": "manual" if repo.gated else False,
        "disabled": False,
        "downloads": 0,
        "likes": 0,
        "tags": list(card.get("tags") or []) if isinstance(card.get("tags"), list) else [],
        "cardData": card,
        "siblings": siblings,
    }


def _card_data(readme: bytes) -> dict[str, Any]:
    m = FRONT_MATTER.match(readme.decode("utf-8", "replace"))
    try:
        data = yaml.safe_load(m.group(1)) if m else None
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, hub: Hub, cdn: bool) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.hub, self.cdn = hub, cdn

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # dropped connections are on purpose


@contextmanager
def serve(hub: Hub | None = None) -> Iterator[Hub]:
    """Run the Hub (and its CDN, on another origin) on loopback until the block ends."""
    hub = hub or Hub()
    servers = [_Server(hub, cdn=False), _Server(hub, cdn=True)]
    hub.url = f"http://127.0.0.1:{servers[0].server_address[1]}"
    hub.cdn_url = f"http://127.0.0.1:{servers[1].server_address[1]}"
    threads = [threading.Thread(target=s.serve_forever, args=(0.02,), daemon=True) for s in servers]
    for t in threads:
        t.start()
    try:
        yield hub
    finally:
        for s in servers:
            s.shutdown()
            s.server_close()


def closed_port_url() -> str:
    """An endpoint where nothing listens (the network is down)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


SYNTHETIC_CARD = """---
license: apache-2.0
language: [en]
task_categories: [text-generation]
size_categories: [1K<n<10K]
tags: [synthetic]
---

# Dataset {n}

A synthetic instruction dataset number {n}: {size} prompts with answers, for tests of the
batch audit. The prompts were sampled from public forums and every answer was generated with
{model}. We removed duplicates with MinHash and dropped answers shorter than ten tokens.

## Dataset Creation

Answers were generated with {model} at temperature 0.7 using the system prompt in
`prompts/system.txt`. The generation code is at https://github.com/example/gen-{n}.
"""

PIPELINE_YAML = """distilabel:
  version: 1.4.0
pipeline:
  name: gen-{n}
  steps:
  - step:
      name: text_generation
      llm:
        generation_kwargs:
          temperature: 0.7
          max_new_tokens: 2048
        model_id: meta-llama/Meta-Llama-3.1-70B-Instruct
        type_info:
          module: distilabel.llms.huggingface.inference_endpoints
          name: InferenceEndpointsLLM
      system_prompt: You are a helpful assistant who answers with care and detail.
      type_info:
        module: distilabel.steps.tasks.text_generation
        name: TextGeneration
  - step:
      name: ultrafeedback
      llm:
        model_id: gpt-4o-2024-08-06
        type_info:
          module: distilabel.llms.openai
          name: OpenAILLM
      type_info:
        module: distilabel.steps.tasks.ultrafeedback
        name: UltraFeedback
"""

MODELS = ("GPT-4", "GPT-4o", "Claude 3 Opus", "Mixtral-8x7B", "Llama-3-70B")


def synthetic_files(n: int, pipeline: bool = False) -> dict[str, str | bytes]:
    """A small generated dataset repository (a card, a data file, sometimes a pipeline)."""
    card = SYNTHETIC_CARD.format(n=n, size=1000 + n, model=MODELS[n % len(MODELS)])
    files: dict[str, str | bytes] = {
        "README.md": card,
        ".gitattributes": "*.parquet filter=lfs diff=lfs merge=lfs -text\n",
        "data/train-00000-of-00001.parquet": b"PAR1" + bytes(64) + b"PAR1",
    }
    if pipeline:
        files["pipeline.yaml"] = PIPELINE_YAML.format(n=n)
    return files


def hub_env(home: str, endpoint: str) -> dict[str, str]:
    """Environment for a datarecipe run against this Hub: its own caches, nothing else reached."""
    return {
        "HF_ENDPOINT": endpoint,
        "HF_HOME": home,
        "HF_HUB_DISABLE_TELEMETRY": "1",
        "HF_HUB_DISABLE_PROGRESS_BARS": "1",
        "HF_HUB_DISABLE_UPDATE_CHECK": "1",
        "HF_HUB_DOWNLOAD_TIMEOUT": "5",
        "DATARECIPE_HUB_BACKOFF": "0.01",
        "DATARECIPE_HUB_TIMEOUT": "5",
        "NO_COLOR": "1",
    }


CLEARED = (
    "HF_TOKEN", "HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_HUB_CACHE", "HF_ASSETS_CACHE",
    "HUGGINGFACE_HUB_CACHE", "HUGGINGFACE_ASSETS_CACHE", "HF_OIDC_RESOURCE", "HF_HUB_ETAG_TIMEOUT",
    "HF_TOKEN_PATH", "HF_HUB_VERBOSITY", "DATARECIPE_HUB_RETRIES", "DATARECIPE_HUB_MAX_WAIT",
)  # fmt: skip


def isolate(monkeypatch: Any, home: str, endpoint: str) -> None:
    """Point this process at the loopback Hub: environment, and the huggingface_hub constants that
    were read when it was first imported (telemetry, offline flag, token file, download timeout)."""
    for name in CLEARED:
        monkeypatch.delenv(name, raising=False)
    for name, value in hub_env(home, endpoint).items():
        monkeypatch.setenv(name, value)
    from huggingface_hub import constants

    monkeypatch.setattr(constants, "HF_HUB_DISABLE_TELEMETRY", True)
    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", False)
    monkeypatch.setattr(constants, "HF_HUB_DOWNLOAD_TIMEOUT", 5)
    monkeypatch.setattr(constants, "HF_TOKEN_PATH", f"{home}/token")
    monkeypatch.setattr(constants, "HF_STORED_TOKENS_PATH", f"{home}/stored_tokens")


# -- Hub discussions and pull-request comments (for ``datarecipe comment --hub``) ----------------
# A separate block: the routes huggingface_hub's get_discussion_details, comment_discussion,
# edit_discussion_comment and hide_discussion_comment call. Reading is public; writing needs a
# token in ``Hub.tokens``. Discussions live in ``discussions(hub)``.

DISCUSSION = re.compile(
    r"^/api/datasets/([^/]+/[^/]+)/discussions/(\d+)(?:/(comment)(?:/([0-9a-f]+)/(edit|hide))?)?$"
)


def discussions(hub: Hub) -> dict[tuple[str, int], dict[str, Any]]:
    """The Hub's discussions by (repo id, number); created on first use."""
    store: dict[tuple[str, int], dict[str, Any]] = hub.__dict__.setdefault("discussions", {})
    return store


def add_discussion(hub: Hub, repo_id: str, num: int, pull_request: bool = True) -> dict[str, Any]:
    found = {"num": num, "isPullRequest": pull_request, "events": [], "next": 0}
    discussions(hub)[(repo_id, num)] = found
    return found


def add_discussion_comment(
    hub: Hub, repo_id: str, num: int, text: str, author: str = "someone"
) -> str:
    found = discussions(hub)[(repo_id, num)]
    found["next"] += 1
    event_id = f"{found['next']:024x}"
    found["events"].append(
        {
            "id": event_id,
            "type": "comment",
            "createdAt": "2026-11-24T00:00:00.000Z",
            "author": {"name": author},
            "data": {
                "edited": False,
                "hidden": False,
                "latest": {"raw": text, "html": "", "updatedAt": "2026-11-24T00:00:00.000Z"},
                "history": [],
            },
        }
    )
    return event_id


def discussion_route(handler: Handler, raw: str, method: str) -> bool | None:
    m = DISCUSSION.match(raw)
    if m is None:
        return None
    hub = handler.server.hub
    repo_id, num, action = m.group(1), int(m.group(2)), m.group(5) or m.group(3)
    found = discussions(hub).get((repo_id, num))
    if found is None:
        handler._error(404, "DiscussionNotFound", method)
        return True
    if method == "GET" and action is None:
        handler._json(200, _discussion_json(repo_id, found), method)
        return True
    if method != "POST" or action is None:
        handler._error(405, "MethodNotAllowed", method)
        return True
    if _bearer(handler.headers.get("Authorization")) not in hub.tokens:
        handler._error(401, "Unauthorized", method)
        return True
    length = int(handler.headers.get("Content-Length") or 0)
    body = json.loads(handler.rfile.read(length) or b"{}") if length else {}
    if action == "comment":
        event_id = add_discussion_comment(hub, repo_id, num, str(body.get("comment", "")), "bot")
        handler._json(200, {"newMessage": _event(found, event_id)}, method)
        return True
    event = _event(found, m.group(4))
    if event is None:
        handler._error(404, "CommentNotFound", method)
        return True
    if action == "edit":
        event["data"]["latest"]["raw"] = str(body.get("content", ""))
        event["data"]["edited"] = True
    else:
        event["data"]["hidden"] = True
        event["data"]["latest"]["raw"] = ""
    handler._json(200, {"updatedComment": event}, method)
    return True


def _event(found: dict[str, Any], event_id: str) -> Any:
    return next((e for e in found["events"] if e["id"] == event_id), None)


def _discussion_json(repo_id: str, found: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "num": found["num"],
        "title": "Update README.md",
        "author": {"name": "someone"},
        "createdAt": "2026-11-24T00:00:00.000Z",
        "status": "open",
        "repo": {"name": repo_id, "type": "dataset"},
        "isPullRequest": found["isPullRequest"],
        "events": found["events"],
    }
    if found["isPullRequest"]:
        out.update(changes={"base": "refs/heads/main"}, filesWithConflicts=[], diff="")
    return out


# -- commits: preupload, then an NDJSON commit (regular files only), optionally as a pull request

COMMIT = re.compile(r"^/api/datasets/([^/]+/[^/]+)/(preupload|commit)/(.+)$")


def _validate_yaml(handler: Handler, method: str) -> bool:
    """What the client asks before committing a README.md: does its front matter parse?"""
    length = int(handler.headers.get("Content-Length") or 0)
    content = json.loads(handler.rfile.read(length) or b"{}").get("content", "")
    m = FRONT_MATTER.match(content)
    try:
        if m:
            yaml.safe_load(m.group(1))
    except yaml.YAMLError as exc:
        handler._json(400, {"errors": [{"message": str(exc).splitlines()[0]}]}, method)
        return True
    handler._json(200, {"errors": [], "warnings": []}, method)
    return True


def commit_route(
    handler: Handler, raw: str, method: str, query: dict[str, list[str]]
) -> bool | None:
    if raw == "/api/validate-yaml" and method == "POST":
        return _validate_yaml(handler, method)
    m = COMMIT.match(raw)
    if m is None or method != "POST":
        return None
    hub = handler.server.hub
    repo_id, action, rev = unquote(m.group(1)), m.group(2), unquote(m.group(3))
    if _bearer(handler.headers.get("Authorization")) not in hub.tokens:
        handler._error(401, "Unauthorized", method)
        return True
    repo = hub.repos.get(repo_id)
    if repo is None or repo.resolve(rev) is None:
        handler._error(404, "RepoNotFound", method)
        return True
    length = int(handler.headers.get("Content-Length") or 0)
    data = handler.rfile.read(length) if length else b""
    if action == "preupload":
        files = json.loads(data or b"{}").get("files", [])
        answer = [
            {"path": f["path"], "uploadMode": "regular", "shouldIgnore": False} for f in files
        ]
        handler._json(200, {"files": answer}, method)
        return True
    import base64

    items = [json.loads(line) for line in data.splitlines() if line.strip()]
    header = next(i["value"] for i in items if i["key"] == "header")
    changed = {
        i["value"]["path"]: base64.b64decode(i["value"]["content"])
        for i in items
        if i["key"] == "file"
    }
    parent = repo.commits[repo.resolve(rev) or ""]
    if "create_pr" in query:
        num = 1 + max((n for (r, n) in discussions(hub) if r == repo_id), default=0)
        found = add_discussion(hub, repo_id, num)
        found.update(title=header.get("summary", ""), description=header.get("description", ""))
        ref = f"refs/pr/{num}"
    else:
        num, ref = 0, rev
    sha = repo.commit({**parent, **changed}, ref=ref)
    url = f"{hub.url}/datasets/{repo_id}"
    handler._json(
        200,
        {
            "commitUrl": f"{url}/commit/{sha}",
            "commitOid": sha,
            "pullRequestUrl": f"{url}/discussions/{num}" if num else None,
        },
        method,
    )
    return True
