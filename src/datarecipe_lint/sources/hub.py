"""Cards on the Hugging Face Hub, read through huggingface_hub (imported only on this path).

One ``dataset_info`` call gives the commit sha, the card data and the file list; the README is then
downloaded at that sha, so card and files cannot disagree. Errors become one-line messages.
"""

from __future__ import annotations

from typing import Any

from ..errors import DataRecipeError, InputError
from ..recipe import Source
from . import LoadedCard, Options


def load_hub(repo_id: str, revision: str | None, options: Options) -> LoadedCard:
    try:
        import huggingface_hub  # noqa: F401
    except ImportError:
        raise InputError(
            "reading Hub datasets needs huggingface_hub: pip install huggingface_hub",
            "missing_dependency",
        ) from None
    from huggingface_hub import HfApi, hf_hub_download

    api = HfApi(token=options.token)
    try:
        info = api.dataset_info(repo_id, revision=revision, token=options.token)
        sha = info.sha or revision or "main"
        path = hf_hub_download(
            repo_id, "README.md", repo_type="dataset", revision=sha, token=options.token
        )
    except Exception as exc:
        raise hub_error(exc, repo_id, revision) from None
    from pathlib import Path

    from .local import read_card

    text = read_card(Path(path), options.max_bytes)
    files = [s.rfilename for s in (info.siblings or [])]
    return LoadedCard(
        text=text,
        name=repo_id,
        source=Source("huggingface", repo_id, sha),
        path="README.md",
        extra={"files": files, "info": info},
    )


def hub_error(exc: Exception, repo_id: str, revision: str | None) -> DataRecipeError:
    """Turn a huggingface_hub or network exception into a one-line error (the token never appears)."""
    from huggingface_hub import errors as hf_errors

    name = type(exc).__name__
    page = f"https://huggingface.co/datasets/{repo_id}"
    if isinstance(exc, hf_errors.GatedRepoError):
        return InputError(
            f"{repo_id}: gated dataset; request access at {page} and set HF_TOKEN (or pass --token)",
            "gated",
        )
    if isinstance(exc, hf_errors.RevisionNotFoundError):
        return InputError(
            f"{repo_id}: revision {revision!r} not found; check the branch, tag or commit",
            "revision_not_found",
        )
    if isinstance(exc, hf_errors.RepositoryNotFoundError):
        return InputError(
            f"{repo_id}: dataset not found on the Hub (or private: set HF_TOKEN or pass --token)",
            "not_found",
        )
    if isinstance(exc, hf_errors.EntryNotFoundError):
        return InputError(f"{repo_id}: the dataset has no README.md card", "no_card")
    if isinstance(exc, hf_errors.LocalEntryNotFoundError):
        return InputError(
            f"{repo_id}: not in the local cache and the Hub cannot be reached (offline?)", "network"
        )
    status = _status(exc)
    if status == 401 or status == 403:
        return InputError(
            f"{repo_id}: access denied (HTTP {status}); set HF_TOKEN or pass --token", "auth"
        )
    if status == 429:
        return InputError(
            f"{repo_id}: rate limited by the Hub (HTTP 429); retry later or lower --rate",
            "rate_limited",
        )
    if status is not None and status >= 500:
        return InputError(f"{repo_id}: the Hub answered HTTP {status}; retry later", "server")
    if "Timeout" in name:
        return InputError(
            f"{repo_id}: the Hub did not answer in time; check the network or retry", "timeout"
        )
    if "Connect" in name or "Offline" in name:
        return InputError(
            f"{repo_id}: cannot reach the Hub ({name}); check the network or HF_ENDPOINT", "network"
        )
    return InputError(f"{repo_id}: Hub request failed: {name}", "hub")


def _status(exc: Exception) -> Any:
    response = getattr(exc, "response", None)
    return getattr(response, "status_code", None)
