"""Quoting card text safely inside Markdown we write (tables, code spans)."""

from __future__ import annotations

import re

MAX_QUOTE = 160
MENTION = re.compile(r"@(?=[A-Za-z0-9_-])")
CLOSING = re.compile(r"\b(close[sd]?|fix(?:e[sd])?|resolve[sd]?)(\s+)(#\d+)", re.IGNORECASE)


def quote(text: str, limit: int = MAX_QUOTE) -> str:
    """Card text made inert for a Markdown table cell or a PR comment."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace("|", "\\|").replace("`", "'")
    text = MENTION.sub("@\u200b", text)
    text = CLOSING.sub(lambda m: f"{m.group(1)}{m.group(2)}\u200b{m.group(3)}", text)
    text = text.replace("#", "#\u200b") if re.search(r"#\d", text) else text
    return text


def cell(text: str) -> str:
    return quote(text).replace("\n", " ")
