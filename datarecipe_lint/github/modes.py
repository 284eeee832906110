"""Names the comment commands share, kept apart so that building the CLI imports no HTTP client."""

from __future__ import annotations

MODES = ("update", "recreate", "delete-on-pass")  # what to do with the one comment
DEFAULT_KEY = "default"  # comment-key when a repository keeps a single DataRecipe comment
