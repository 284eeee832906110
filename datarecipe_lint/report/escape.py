"""Quoting card text safely inside what we write: Markdown (tables, code, comments) and CI logs.

Card text is untrusted: a card in a pull request can say anything. Quoted into Markdown it must not
ping anyone (``@team``), reference or close issues (``fixes #1``), inject HTML, links or images,
or break out of its table cell or code block; printed in a GitHub Actions log it must not become a
workflow command (``::add-mask::``, ``::stop-commands::``, ``##[set-env]``). Quotes are
length-capped.
"""

from __future__ import annotations

import re

MAX_QUOTE = 160
ZWSP = "\u200b"  # zero-width space: breaks a mention or reference without changing what shows

# Control characters, zero-width and bidirectional-override characters (stripped from quotes).
INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
MENTION = re.compile(r"@(?=[A-Za-z0-9_-])")
CLOSING = re.compile(
    r"\b(close[sd]?|fix(?:e[sd])?|resolve[sd]?)(\s*:?\s+)(?=\S*(?:#|GH-))", re.IGNORECASE
)
REFERENCE = re.compile(r"(#|\bGH-)(?=\d)", re.IGNORECASE)
SCHEME = re.compile(r"(?<=[A-Za-z]):(?=//)")
# Characters with a Markdown or HTML meaning. In Markdown they are backslash-escaped (CommonMark
# and GFM render an escaped ASCII punctuation mark as itself, on GitHub and on the Hub, and it
# cannot end a table cell, open a link, emphasis, math, HTML or a code span; the file still reads
# as plain text). Inside an HTML element (``<code>``) escapes are not read, so there they are
# numeric entities.
SPECIAL = "\\`|[]*_~$<>&"
SPECIAL_RE = re.compile("[" + re.escape(SPECIAL) + "]")
ENTITIES = {c: f"&#x{ord(c):X};" for c in SPECIAL}


def _cap(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: max(limit - 1, 0)] + "…"


def quote(text: str, limit: int = MAX_QUOTE) -> str:
    """Card text made inert for Markdown: a table cell, a list item or a PR comment.

    One line (whitespace collapsed), at most ``limit`` characters before escaping.
    """
    return SPECIAL_RE.sub(lambda m: "\\" + m.group(0), _defused(text, limit))


def _defused(text: str, limit: int) -> str:
    """One capped line in which no mention, issue reference, closing keyword or link works."""
    text = " ".join(INVISIBLE.sub("", str(text)).split())
    text = _cap(text, limit)
    text = MENTION.sub("@" + ZWSP, text)
    text = CLOSING.sub(lambda m: f"{m.group(1)[0]}{ZWSP}{m.group(1)[1:]}{m.group(2)}", text)
    text = REFERENCE.sub(lambda m: m.group(1) + ZWSP, text)
    return SCHEME.sub(":" + ZWSP, text)


def cell(text: str) -> str:
    return quote(text)


def code(text: str, limit: int = MAX_QUOTE) -> str:
    """Inline code for card-derived text (a path, an id): safe inside tables too."""
    inner = SPECIAL_RE.sub(lambda m: ENTITIES[m.group(0)], _defused(text, limit))
    return f"<code>{inner}</code>"


def fence(text: str, info: str = "") -> str:
    """A fenced code block that no line of ``text`` can close (its fence is longer than any run
    of backticks inside). Mentions, references and HTML are not rendered inside code blocks."""
    text = INVISIBLE.sub("", text)  # keeps tabs and newlines
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    ticks = "`" * max(3, longest + 1)
    body = text if text.endswith("\n") else text + "\n"
    return f"{ticks}{info}\n{body}{ticks}"


def workflow_inert(text: str) -> str:
    """A log line that the GitHub Actions runner cannot read as a workflow command.

    The runner reads ``::name::`` at the start of a line (after spaces) and the legacy
    ``##[name]`` anywhere in it; a zero-width space breaks both without changing what shows.
    """
    text = text.replace("\r", " ").replace("\n", " ")
    return text.replace("::", ":" + ZWSP + ":").replace("##[", "##" + ZWSP + "[")
