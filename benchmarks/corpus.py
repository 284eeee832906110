"""Where the benchmarks find the shared corpus, and a refusal to measure nothing.

The shared folder is ``../shared`` beside the checkout unless ``DATARECIPE_SHARED`` names
another; every benchmark that reads cards exits 2 with one line when its folder is missing or
holds no card, instead of reporting a perfect score on nothing.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("DATARECIPE_SHARED") or ROOT.parent / "shared")


def require(path: Path, pattern: str = "*.md", what: str = "cards") -> list[Path]:
    """The files matching ``pattern`` in ``path``; exit 2 when there are none."""
    if not path.exists():
        sys.exit(f"{path}: no such folder (set DATARECIPE_SHARED or pass the folder)")
    found = sorted(path.glob(pattern)) if path.is_dir() else [path]
    if not found:
        sys.exit(f"{path}: no {what} ({pattern}) to measure")
    return found
