"""Batch audit: many cards (Hub ids or local paths) to one JSON line each, resumably.

``datarecipe analyze --batch IDS.txt -o recipes.jsonl [--jobs N] [--rate R]`` runs every input
through the same ``pipeline.analyze`` as a single ``analyze`` and appends one line per input as
it finishes: the recipe plus ``"id"``, or ``{"id": ..., "error": {"kind": ..., "message": ...}}``.
A rerun with the same output skips inputs that already have a recipe and retries the errors; at
the end the file is rewritten to exactly one line per input, in input order. Hub requests are
paced (``--rate`` requests per second, shared by the ``--jobs`` workers) and transient failures
retried with backoff by the Hub source.
"""

from __future__ import annotations

from .config import read_lines
from .runner import DEFAULT_JOBS, DEFAULT_RATE, BatchConfig, Outcome, run
from .summary import Summary

__all__ = ["DEFAULT_JOBS", "DEFAULT_RATE", "BatchConfig", "Outcome", "Summary", "read_lines", "run"]
