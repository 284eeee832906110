"""Cards on the Hugging Face Hub, read through huggingface_hub (imported only on this path).

One ``dataset_info`` call gives the commit sha, the card data, the file list with sizes and when
the repository was last changed (``LoadedCard.repo`` and ``LoadedCard.changed``; the cost model
prices at that date when the card states none, and sizes the data from the file sizes when the
card gives no count); the README is then downloaded at that sha through huggingface_hub's cache, so card and files cannot
disagree and a repeat run costs only the info call. The few structured files worth reading
(``repo_files``) cost one request each and are kept per commit in huggingface_hub's assets cache.
With ``HF_HUB_OFFLINE=1`` nothing is requested: the revision is resolved from the cache.

Transient failures (429, 5xx, timeouts, dropped connections) are retried with exponential
backoff and jitter, honouring ``Retry-After``; anything else is a one-line ``InputError`` whose
``kind`` is one of: missing_dependency, invalid_id, not_found, gated, revision_not_found, no_card,
too_large, not_text, auth, offline, network, timeout, rate_limited, server, hub, interrupted.
"""

from __future__ import annotations

import datetime
import importlib
import inspect
import json
import logging
import os
import random
import re
import sys
import threading
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, Callable, NamedTuple, TypeVar

from ..errors import DataRecipeError, InputError
from ..recipe import Source
from . import LoadedCard, Options
from .repo_files import (
    MAX_FILE_BYTES,
    RepoFile,
    RepoFiles,
    cached,
    listing,
    read_structured,
    safe_path,
)

TRANSIENT = frozenset({"rate_limited", "server", "timeout", "network"})
COMMIT = re.compile(r"^[0-9a-f]{40}$")
TRUE = frozenset({"1", "ON", "YES", "TRUE"})
T = TypeVar("T")


class HubPolicy(NamedTuple):
    """How hard to try: retries, backoff, timeouts, pacing and a stop switch (batch runs set them)."""

    retries: int = 3  # retries of a transient failure (so 4 attempts in all)
    backoff: float = 1.0  # seconds before the first retry; doubles each time, with jitter
    max_wait: float = 120.0  # a Retry-After longer than this gives up at once
    timeout: float = 10.0  # seconds per request
    pace: Callable[[int], None] | None = None  # told how many requests are about to be made
    stop: threading.Event | None = None  # set: stop waiting and give up ("interrupted")

    @staticmethod
    def from_env(env: Mapping[str, str]) -> HubPolicy:
        """Defaults, overridden by DATARECIPE_HUB_RETRIES / _BACKOFF / _TIMEOUT / _MAX_WAIT."""
        base = HubPolicy()
        return HubPolicy(
            retries=int(env.get("DATARECIPE_HUB_RETRIES", base.retries)),
            backoff=float(env.get("DATARECIPE_HUB_BACKOFF", base.backoff)),
            max_wait=float(env.get("DATARECIPE_HUB_MAX_WAIT", base.max_wait)),
            timeout=float(env.get("DATARECIPE_HUB_TIMEOUT", base.timeout)),
        )


class HubEnv(NamedTuple):
    """Where the Hub and the caches are, read from the environment at call time."""

    endpoint: str
    hub_cache: str
    assets_cache: str
    offline: bool

    @staticmethod
    def from_env(env: Mapping[str, str], offline_default: bool = False) -> HubEnv:
        cache = env.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        home = _expand(env.get("HF_HOME") or os.path.join(cache, "huggingface"))
        hub = env.get("HF_HUB_CACHE") or env.get("HUGGINGFACE_HUB_CACHE")
        assets = env.get("HF_ASSETS_CACHE") or env.get("HUGGINGFACE_ASSETS_CACHE")
        flag = env.get("HF_HUB_OFFLINE") or env.get("TRANSFORMERS_OFFLINE")
        return HubEnv(
            endpoint=(env.get("HF_ENDPOINT") or "https://huggingface.co").rstrip("/"),
            hub_cache=_expand(hub) if hub else os.path.join(home, "hub"),
            assets_cache=_expand(assets) if assets else os.path.join(home, "assets"),
            offline=flag.strip().upper() in TRUE if flag is not None else offline_default,
        )


class Snapshot(NamedTuple):
    sha: str
    readme: str
    repo: RepoFiles
    note: str = ""
    changed: datetime.date | None = None  # when the repository was last changed (lastModified)


def _expand(path: str) -> str:
    return os.path.expanduser(os.path.expandvars(path))


def load_hub(repo_id: str, revision: str | None, options: Options) -> LoadedCard:
    hf = _import()
    policy = options.hub or HubPolicy.from_env(os.environ)
    env = HubEnv.from_env(os.environ, bool(hf.constants.HF_HUB_OFFLINE))
    if env.offline:
        snap = _offline(repo_id, revision, env)
    else:
        snap = _retrying(
            lambda: _online(repo_id, revision, env, options, policy), policy, repo_id, revision
        )
    if snap.note:
        print(f"datarecipe: {snap.note}", file=sys.stderr)
    from .local import read_card

    return LoadedCard(
        text=read_card(Path(snap.readme), options.max_bytes),
        name=repo_id,
        source=Source("huggingface", repo_id, snap.sha),
        path="README.md",
        repo=snap.repo,
        changed=snap.changed,
    )


def _import() -> Any:
    try:
        import huggingface_hub
        import huggingface_hub.file_download
    except ImportError:
        raise InputError(
            "reading Hub datasets needs huggingface_hub: pip install huggingface_hub",
            "missing_dependency",
        ) from None
    if "HF_HUB_VERBOSITY" not in os.environ:  # failures are reported here, one line each
        logging.getLogger("huggingface_hub").setLevel(logging.ERROR)
    return huggingface_hub


def _online(
    repo_id: str, revision: str | None, env: HubEnv, options: Options, policy: HubPolicy
) -> Snapshot:
    from huggingface_hub import HfApi, hf_hub_download, try_to_load_from_cache

    _pace(policy, 1)
    info = HfApi(endpoint=env.endpoint, token=options.token).dataset_info(
        repo_id, revision=revision, files_metadata=True, timeout=policy.timeout, token=options.token
    )
    sha = info.sha or revision or "main"
    files = listing((s.rfilename, s.size) for s in info.siblings or ())
    _check_readme(repo_id, files, options.max_bytes)
    kept = try_to_load_from_cache(
        repo_id, "README.md", cache_dir=env.hub_cache, revision=sha, repo_type="dataset"
    )
    if not isinstance(kept, str):
        _pace(policy, 2)  # HEAD for the metadata, then GET
    readme = hf_hub_download(
        repo_id,
        "README.md",
        repo_type="dataset",
        revision=sha,
        cache_dir=env.hub_cache,
        endpoint=env.endpoint,
        token=options.token,
        etag_timeout=policy.timeout,
        **_quiet_bar(hf_hub_download),
    )
    _remember_ref(env, repo_id, revision or "main", sha)
    folder = _assets(env, repo_id, sha)
    fetch = cached(
        folder / "files", lambda path: _download(repo_id, sha, path, env, options, policy)
    )
    texts = read_structured(files, fetch)
    _save_listing(folder, files)
    changed = info.last_modified.date() if info.last_modified else None
    _save_changed(folder, changed)
    return Snapshot(sha, readme, RepoFiles(files, MappingProxyType(texts)), changed=changed)


def _check_readme(repo_id: str, files: tuple[RepoFile, ...], max_bytes: int) -> None:
    sizes = {f.path: f.size for f in files}
    if files and "README.md" not in sizes:
        raise InputError(f"{repo_id}: the dataset has no README.md card", "no_card")
    size = sizes.get("README.md")
    if size is not None and size > max_bytes:
        raise InputError(
            f"{repo_id}: README.md is {size:,} bytes, over the {max_bytes:,}-byte card size limit; "
            "raise it with --max-bytes if this really is a card",
            "too_large",
        )


def _download(
    repo_id: str, sha: str, path: str, env: HubEnv, options: Options, policy: HubPolicy
) -> bytes | None:
    """One GET of a small file at the commit (listed under the size cap), or None if not there."""
    from huggingface_hub import get_session, hf_hub_url, hf_raise_for_status
    from huggingface_hub.utils import build_hf_headers  # type: ignore[attr-defined]

    _pace(policy, 1)
    url = hf_hub_url(repo_id, path, repo_type="dataset", revision=sha, endpoint=env.endpoint)
    headers = build_hf_headers(token=options.token)
    response = get_session().get(url, headers=headers, timeout=policy.timeout)
    if response.status_code == 404:
        return None
    hf_raise_for_status(response)
    return bytes(response.content[: MAX_FILE_BYTES + 1])


def _offline(repo_id: str, revision: str | None, env: HubEnv) -> Snapshot:
    from huggingface_hub import hf_hub_download

    sha, note = cached_revision(_storage(env, repo_id), repo_id, revision)
    if sha is None:
        what = f"revision {revision!r} of {repo_id}" if revision else repo_id
        raise InputError(
            f"{what}: not in the local cache and HF_HUB_OFFLINE is set; "
            "run once online first, or unset HF_HUB_OFFLINE",
            "offline",
        )
    try:
        readme = hf_hub_download(
            repo_id,
            "README.md",
            repo_type="dataset",
            revision=sha,
            cache_dir=env.hub_cache,
            local_files_only=True,
        )
    except Exception as exc:
        raise hub_error(exc, repo_id, revision) from None
    folder = _assets(env, repo_id, sha)
    files = _load_listing(folder)
    texts = read_structured(files, cached(folder / "files", lambda path: None))
    repo = RepoFiles(files, MappingProxyType(texts))
    return Snapshot(sha, readme, repo, note, _load_changed(folder))


def cached_revision(storage: Path, repo_id: str, revision: str | None) -> tuple[str | None, str]:
    """(commit, note) for a revision from the cache alone.

    A commit, or a ref the cache recorded, is used as is. Without a revision and without a cached
    ``main`` ref, the newest cached snapshot is used, and the note says which one.
    """
    ref = revision or "main"
    if COMMIT.match(ref):
        return ref, ""
    ref_file = storage / "refs" / ref
    if safe_path(ref) and ref_file.is_file():
        return ref_file.read_text(encoding="utf-8").strip(), ""
    snapshots = [p for p in (storage / "snapshots").glob("*") if (p / "README.md").is_file()]
    if revision is not None:  # a short commit id, or nothing we can vouch for
        short = [p.name for p in snapshots if len(ref) >= 7 and p.name.startswith(ref.lower())]
        return (short[0], "") if len(short) == 1 else (None, "")
    if not snapshots:
        return None, ""
    newest = max(snapshots, key=lambda p: (p.stat().st_mtime, p.name))
    return newest.name, (
        f"offline: no cached revision 'main' of {repo_id}; "
        f"using the newest cached snapshot {newest.name}"
    )


def _storage(env: HubEnv, repo_id: str) -> Path:
    return Path(env.hub_cache) / ("datasets--" + repo_id.replace("/", "--"))


def _remember_ref(env: HubEnv, repo_id: str, revision: str, sha: str) -> None:
    """Record revision → commit like huggingface_hub does, so offline runs resolve it."""
    if revision == sha or not safe_path(revision):
        return
    ref = _storage(env, repo_id) / "refs" / revision
    try:
        if not ref.is_file() or ref.read_text(encoding="utf-8") != sha:
            ref.parent.mkdir(parents=True, exist_ok=True)
            tmp = ref.with_name(f".{ref.name}.{os.getpid()}.{threading.get_ident()}.tmp")
            tmp.write_text(sha, encoding="utf-8")
            os.replace(tmp, ref)
    except OSError:
        pass


def _assets(env: HubEnv, repo_id: str, sha: str) -> Path:
    from huggingface_hub import cached_assets_path

    namespace = "datasets--" + repo_id.replace("/", "--")
    return Path(cached_assets_path("datarecipe", namespace, sha, assets_dir=env.assets_cache))


def _save_listing(folder: Path, files: tuple[RepoFile, ...]) -> None:
    target = folder / "listing.json"
    if target.is_file():
        return
    try:
        tmp = folder / f".listing.{os.getpid()}.{threading.get_ident()}.tmp"
        tmp.write_text(json.dumps([[f.path, f.size] for f in files]), encoding="utf-8")
        os.replace(tmp, target)
    except OSError:
        pass


def _save_changed(folder: Path, changed: datetime.date | None) -> None:
    """Keep the commit's last-change date beside its listing, so offline runs price alike."""
    target = folder / "last_modified"
    if changed is None or target.is_file():
        return
    try:
        tmp = folder / f".last_modified.{os.getpid()}.{threading.get_ident()}.tmp"
        tmp.write_text(changed.isoformat(), encoding="utf-8")
        os.replace(tmp, target)
    except OSError:
        pass


def _load_changed(folder: Path) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat((folder / "last_modified").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _load_listing(folder: Path) -> tuple[RepoFile, ...]:
    try:
        rows = json.loads((folder / "listing.json").read_text(encoding="utf-8"))
        return listing((str(p), s if isinstance(s, int) else None) for p, s in rows)
    except (OSError, ValueError, TypeError):
        return ()


def _quiet_bar(download: Callable[..., Any]) -> dict[str, Any]:
    """No per-file download bar (batch runs draw their own), where the client lets us say so."""
    if "tqdm_class" not in inspect.signature(download).parameters:
        return {}
    tqdm: Any = importlib.import_module("tqdm").tqdm  # a huggingface_hub dependency

    class Quiet(tqdm):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs["disable"] = True
            super().__init__(*args, **kwargs)

    return {"tqdm_class": Quiet}


def _pace(policy: HubPolicy, requests: int) -> None:
    if policy.stop is not None and policy.stop.is_set():
        raise InputError("interrupted", "interrupted")
    if policy.pace is not None:
        policy.pace(requests)


def _retrying(call: Callable[[], T], policy: HubPolicy, repo_id: str, revision: str | None) -> T:
    attempt = 0
    while True:
        try:
            return call()
        except DataRecipeError:
            raise
        except Exception as exc:
            error = hub_error(exc, repo_id, revision, attempt + 1)
            after = retry_after(exc)
            wait = delay(policy, attempt, after)
            hold = getattr(policy.pace, "hold", None)
            if after is not None and hold is not None:
                hold(after)  # the shared pace: every worker waits, not only this one
            if error.kind not in TRANSIENT or attempt >= policy.retries or wait > policy.max_wait:
                if error.kind == "not_found":
                    error = _namespace_hint(error, repo_id, policy)
                raise error from None
        stop = policy.stop or threading.Event()
        if stop.wait(wait):
            raise InputError("interrupted", "interrupted")
        attempt += 1


def delay(
    policy: HubPolicy, attempt: int, after: float | None, rand: Callable[[], float] = random.random
) -> float:
    """Exponential backoff with jitter (half to all of the step), never shorter than Retry-After."""
    step = min(policy.max_wait, policy.backoff * 2.0**attempt)
    return max(step * (0.5 + rand() / 2), after or 0.0)


def retry_after(exc: BaseException) -> float | None:
    response = getattr(exc, "response", None)
    value = getattr(response, "headers", {}).get("Retry-After") if response is not None else None
    try:
        return max(0.0, float(str(value))) if value is not None else None
    except ValueError:
        return None


def _namespace_hint(error: InputError, repo_id: str, policy: HubPolicy) -> InputError:
    """Not a dataset: say so when the id is a model or a Space (one or two extra requests)."""
    from huggingface_hub import HfApi

    env = HubEnv.from_env(os.environ)
    api = HfApi(endpoint=env.endpoint)
    for kind, look, page in (
        ("model", api.model_info, f"{env.endpoint}/{repo_id}"),
        ("Space", api.space_info, f"{env.endpoint}/spaces/{repo_id}"),
    ):
        _pace(policy, 1)
        try:
            look(repo_id, timeout=policy.timeout)
        except Exception as exc:
            if type(exc).__name__ != "GatedRepoError":
                continue
        return InputError(
            f"{repo_id}: no dataset with this id on the Hub, but a {kind} exists ({page}); "
            "DataRecipe reads dataset cards: pass a dataset id",
            "not_found",
        )
    return error


def hub_error(
    exc: BaseException, repo_id: str, revision: str | None, attempts: int = 1
) -> InputError:
    """Turn a huggingface_hub or network exception into a one-line error (the token never appears)."""
    from huggingface_hub import errors as hf_errors

    page = f"{HubEnv.from_env(os.environ).endpoint}/datasets/{repo_id}"
    tried = f" after {attempts} attempts" if attempts > 1 else ""
    if isinstance(exc, hf_errors.GatedRepoError):
        return InputError(
            f"{repo_id}: gated dataset; request access at {page} and set HF_TOKEN "
            "(or pass --token) with an account that has been granted access",
            "gated",
        )
    if isinstance(exc, hf_errors.RevisionNotFoundError):
        return InputError(
            f"{repo_id}: revision {revision!r} not found; check the branch, tag or commit",
            "revision_not_found",
        )
    if isinstance(exc, hf_errors.RepositoryNotFoundError):
        return InputError(_not_found(repo_id, _status(exc)), "not_found")
    if isinstance(exc, hf_errors.EntryNotFoundError) and not isinstance(
        exc, hf_errors.LocalEntryNotFoundError
    ):
        return InputError(f"{repo_id}: the dataset has no README.md card", "no_card")
    if isinstance(exc, (hf_errors.LocalEntryNotFoundError, hf_errors.OfflineModeIsEnabled)):
        return InputError(
            f"{repo_id}: not in the local cache and the Hub cannot be reached (offline?)", "offline"
        )
    if isinstance(exc, hf_errors.HFValidationError):
        return InputError(f"{repo_id}: not a valid Hub dataset id", "invalid_id")
    return _http_error(exc, repo_id, tried)


def _not_found(repo_id: str, status: int | None) -> str:
    if status == 401:
        return (
            f"{repo_id}: dataset not found on the Hub, or private and no valid token was sent; "
            "check the id, or set HF_TOKEN (or pass --token) for a private dataset"
        )
    return (
        f"{repo_id}: dataset not found on the Hub (or private, and the token has no access); "
        "check the id"
    )


def _http_error(exc: BaseException, repo_id: str, tried: str) -> InputError:
    status = _status(exc)
    name = type(exc).__name__
    if status in (401, 403):
        return InputError(
            f"{repo_id}: access denied (HTTP {status}); set HF_TOKEN or pass --token", "auth"
        )
    if status == 429:
        return InputError(
            f"{repo_id}: rate limited by the Hub (HTTP 429){tried}; retry later or lower --rate",
            "rate_limited",
        )
    if status is not None and status >= 500:
        return InputError(
            f"{repo_id}: the Hub answered HTTP {status}{tried}; retry later", "server"
        )
    if "Timeout" in name:
        return InputError(
            f"{repo_id}: the Hub did not answer in time{tried}; check the network or retry",
            "timeout",
        )
    if any(word in name for word in ("Connect", "Network", "Protocol", "Read", "Write")) or (
        isinstance(exc, RuntimeError) and "closed" in str(exc)
    ):
        return InputError(
            f"{repo_id}: cannot reach the Hub ({name}){tried}; check the network or HF_ENDPOINT",
            "network",
        )
    return InputError(f"{repo_id}: Hub request failed: {name}", "hub")


def _status(exc: BaseException) -> int | None:
    response = getattr(exc, "response", None)
    status = getattr(response, "status_code", None)
    return status if isinstance(status, int) else None
