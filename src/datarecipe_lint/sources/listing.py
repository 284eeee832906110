"""``datarecipe list-sources``: where cards can come from and whether each source works here."""

from __future__ import annotations

import importlib.util
import os


def _hub_status() -> str:
    if importlib.util.find_spec("huggingface_hub") is None:
        return "unavailable: huggingface_hub is not installed (pip install huggingface_hub)"
    if os.environ.get("HF_HUB_OFFLINE", "").lower() in ("1", "true", "yes"):
        return "available offline only (HF_HUB_OFFLINE is set: cached datasets only)"
    endpoint = os.environ.get("HF_ENDPOINT", "https://huggingface.co")
    return f"available (huggingface_hub installed; endpoint {endpoint})"


def describe() -> str:
    rows = [
        ("local", "a README.md, any .md card, or a folder holding README.md", "available"),
        (
            "huggingface",
            "a Hub dataset id: org/name, hf://datasets/org/name, https://huggingface.co/datasets/org/name",
            _hub_status(),
        ),
    ]
    width = max(len(r[0]) for r in rows)
    return "".join(
        f"{name:<{width}}  {what}\n{'':<{width}}  status: {status}\n" for name, what, status in rows
    )
