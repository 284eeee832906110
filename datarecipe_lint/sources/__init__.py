"""Where a card comes from: a local path, or a Hugging Face Hub dataset id (imported lazily)."""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from ..errors import UsageError
from ..recipe import Source

if TYPE_CHECKING:
    from .hub import HubPolicy
    from .repo_files import RepoFiles

DEFAULT_MAX_BYTES = 10 * 1000 * 1000  # the card size limit (contract: 10 MB, configurable)
# org/name, or a canonical dataset without an owner ("squad", "glue")
HUB_ID = re.compile(r"^(?:[A-Za-z0-9][\w.-]{0,95}/)?[A-Za-z0-9][\w.-]{0,95}$")
HUB_URL = re.compile(
    r"^(?:hf://datasets/|https?://(?:www\.)?huggingface\.co/datasets/)(?P<id>[^/?#]+/[^/?#]+)(?:/tree/(?P<rev>[^?#]+))?/?(?:[?#].*)?$"
)


class LoadedCard(NamedTuple):
    """A card's text and where it came from; Hub cards also bring their repository's files."""

    text: str
    name: str
    source: Source
    path: str
    repo: RepoFiles | None = None  # Hub: the file listing and small structured files
    changed: datetime.date | None = None  # Hub: when the repository was last changed


class Options(NamedTuple):
    max_bytes: int = DEFAULT_MAX_BYTES
    revision: str | None = None
    token: str | None = None
    hub: HubPolicy | None = None  # retries, timeouts, pacing (default: from the environment)


def hub_id(source: str) -> tuple[str, str | None] | None:
    """(repo id, revision from the URL) when ``source`` names a Hub dataset, else None."""
    m = HUB_URL.match(source)
    if m:
        return m.group("id"), m.group("rev")
    if HUB_ID.match(source):
        return source, None
    return None


def looks_local(source: str) -> bool:
    """A SOURCE meant as a path: it exists, ends in .md, or names a folder that exists here
    ("data/READM.md" is a typo in a path, not a Hub id)."""
    path = Path(source)
    if source == "-" or path.exists() or source.lower().endswith((".md", ".markdown")):
        return True
    if source.startswith((".", "~")) or Path(source).is_absolute():
        return True
    parent = path.parent
    return str(parent) not in ("", ".") and parent.is_dir()


def load(source: str, options: Options | None = None) -> LoadedCard:
    """Read a card. An existing path wins over an id that looks the same (the contract); a
    source that looks like a path is never sent to the Hub."""
    options = options or Options()
    if not source:
        raise UsageError(
            "no source given: pass a README.md, a folder holding one, or a Hub dataset id"
        )
    if looks_local(source) and not HUB_URL.match(source):
        from .local import load_local

        return load_local(source, options)
    found = hub_id(source)
    if found is None:
        raise UsageError(
            f"{source}: no such file or folder, and not a Hub dataset id (expected name, org/name, "
            "hf://datasets/org/name or https://huggingface.co/datasets/org/name)"
        )
    from .hub import load_hub

    repo_id, url_rev = found
    return load_hub(repo_id, options.revision or url_rev, options)
