"""The Hub's own Croissant document of a dataset (``GET /api/datasets/{id}/croissant``), read
through ``huggingface_hub``'s HTTP session and kept beside the card's cache, per commit."""

from __future__ import annotations

import json
import os
from typing import Any

from . import Options
from .hub import HubEnv, HubPolicy, _assets, _import, _pace, _retrying

FILE = "croissant.json"


def hub_croissant(repo_id: str, sha: str, options: Options) -> dict[str, Any] | None:
    """The document at commit ``sha`` (from the cache when this commit's was read before), or
    None when the Hub has none for this dataset (404) or the cache is offline and empty."""
    hf = _import()
    env = HubEnv.from_env(os.environ, bool(hf.constants.HF_HUB_OFFLINE))
    path = _assets(env, repo_id, sha) / FILE
    if path.is_file():
        try:
            cached = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(cached, dict):
                return cached
        except (OSError, ValueError):
            pass  # a damaged cache entry is read again
    if env.offline:
        return None
    policy = options.hub or HubPolicy.from_env(os.environ)
    document = _retrying(lambda: _fetch(repo_id, env, options, policy), policy, repo_id, sha)
    if document is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".part")
        partial.write_text(json.dumps(document), encoding="utf-8")
        os.replace(partial, path)
    return document


def _fetch(repo_id: str, env: HubEnv, options: Options, policy: HubPolicy) -> dict[str, Any] | None:
    from huggingface_hub import get_session, hf_raise_for_status
    from huggingface_hub.utils import build_hf_headers  # type: ignore[attr-defined]

    _pace(policy, 1)
    url = f"{env.endpoint}/api/datasets/{repo_id}/croissant"
    response = get_session().get(
        url, headers=build_hf_headers(token=options.token), timeout=policy.timeout
    )
    if response.status_code == 404:
        return None
    hf_raise_for_status(response)
    document = response.json()
    return document if isinstance(document, dict) else None
