"""The dataset card: front matter, a section tree and text units with 1-based source lines.

The front matter is split with the regex the Hugging Face Hub uses (kept in sync with
``huggingface_hub.repocard.REGEX_YAML_BLOCK``), so a card reads here exactly as on the Hub.
The body is block-parsed with markdown-it-py (inline parsing is skipped: lines and sections are
all the detectors need).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

import yaml

# Same pattern as the Hub server (huggingface_hub keeps it "in sync with the Hub server").
REGEX_YAML_BLOCK = re.compile(r"^(\s*---[\r\n]+)([\S\s]*?)([\r\n]+---(\r\n|\n|$))")

_PLACEHOLDER = (
    r"\[\s*(?:more\s+information\s+needed|needs\s+more\s+information|more\s+info(?:rmation)?\s+needed"
    r"|optional|todo|tbd|n/?a|placeholder)\s*\]"
)
# A placeholder, with the link the template puts behind it ("[More Information Needed](https://
# github.com/huggingface/datasets/blob/master/CONTRIBUTING.md#...)"): the link is filler too.
FILLER = re.compile(rf"{_PLACEHOLDER}(?:\([^)\s]*\))?|\{{\{{[^}}]*\}}\}}", re.IGNORECASE)
# Lines the templates fill in themselves: the size bullets the datasets library writes, and the
# contribution line ("Thanks to [@user](https://github.com/user) for adding this dataset."), and
# the placeholders `datarecipe fix` writes.
TEMPLATE_LINE = re.compile(
    r"^[\W_]*(?:size of downloaded dataset files|size of the generated dataset|total amount of disk used)"
    r"[\W_]*[\d.,]+\s*[kmgt]?i?b\b[\W_]*$"
    r"|^[\W_]*thanks to .{0,400}\bfor adding this dataset\b[\W_]*$"
    r"|^[\W_]*todo\(datarecipe\):",  # the questions `datarecipe fix` leaves for the maintainer
    re.IGNORECASE,
)
HTML_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.DOTALL)
QUOTE_MARK = re.compile(r"^\s{0,3}(?:>\s?)+")
HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
# "**Curated by:**" or "- Homepage:" with nothing after the label is template scaffolding; a
# sentence that leads into a list ("The dataset is distilled from open LLMs:") is not.
EMPTY_LABEL = re.compile(r"^[\W_]*(?:[\w/&'()-]+ ?){0,4}[:：][\W_]*$")
NO_WORDS = re.compile(r"^[\W_]*$")
# A table-of-contents entry such as "- [Dataset Summary](#dataset-summary)".
TOC_LINK = re.compile(r"^[\W_]*\[[^\]]*\]\(#[^)]*\)[\W_]*$")

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_MD: Any = None


def _markdown() -> Any:
    global _MD
    if _MD is None:
        from markdown_it import MarkdownIt

        md = MarkdownIt("commonmark").enable("table")
        # Only blocks with lines are needed. Block quotes, rules and link definitions are read as
        # plain paragraphs (a third faster on real cards); their text is the same to a detector.
        md.disable(["inline", "text_join", "reference", "hr", "blockquote"], ignoreInvalid=True)
        _MD = md
    return _MD


class Section(NamedTuple):
    """A heading and everything under it until the next heading of the same or higher level."""

    title: str
    level: int
    line: int
    end: int
    path: tuple[str, ...]


class Unit(NamedTuple):
    """A piece of the body a detector reads: a heading, paragraph, list item, table row or code block."""

    line: int
    text: str
    kind: str  # heading | prose | table | code | citation
    section: Section
    info: str = ""  # fence info string for code


class FrontMatterError(NamedTuple):
    line: int
    message: str


@dataclass(frozen=True)
class Card:
    path: str
    text: str
    lines: tuple[str, ...]
    front_matter: Mapping[str, Any]
    front_matter_error: FrontMatterError | None
    has_front_matter: bool
    body_start: int
    units: tuple[Unit, ...]
    sections: tuple[Section, ...]

    def line_text(self, line: int) -> str:
        if 1 <= line <= len(self.lines):
            return self.lines[line - 1]
        return ""

    def key_line(self, key: str, value: str | None = None) -> int:
        """Line of a front-matter key (and of a value under it, when given); 1 when not found."""
        key_re = re.compile(rf"^\s*-?\s*['\"]?{re.escape(key)}['\"]?\s*:")
        start = 0
        for i in range(min(self.body_start - 1, len(self.lines))):
            if key_re.match(self.lines[i]):
                start = i
                break
        if value is not None:
            needle = value.lower()
            for i in range(start, min(self.body_start - 1, len(self.lines))):
                if needle in self.lines[i].lower():
                    return i + 1
        return start + 1


def decode(data: bytes) -> str:
    """Decode card bytes as UTF-8 (a BOM is dropped); raise ValueError for binary or non-UTF-8 data."""
    if b"\x00" in data[:8192]:
        raise ValueError("looks like a binary file (it contains NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"is not UTF-8 text (invalid byte at offset {exc.start})") from None


def split_front_matter(text: str) -> tuple[str | None, int]:
    """Return (yaml_text, number of lines the front matter block takes) as the Hub splits it."""
    match = REGEX_YAML_BLOCK.search(text)
    if match is None:
        return None, 0
    consumed = text[: match.end()]
    n_lines = consumed.count("\n")
    if not consumed.endswith("\n"):
        n_lines += 1
    return match.group(2), n_lines


def _load_yaml(yaml_text: str, first_line: int) -> tuple[dict[str, Any], FrontMatterError | None]:
    try:
        data = yaml.load(yaml_text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = first_line + (mark.line if mark is not None else 0)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return {}, FrontMatterError(line, f"front matter is not valid YAML: {problem}")
    except RecursionError:
        return {}, FrontMatterError(first_line, "front matter is nested too deeply to read")
    if data is None:
        return {}, None
    if not isinstance(data, dict):
        kind = type(data).__name__
        return {}, FrontMatterError(
            first_line, f"front matter is a YAML {kind}, not a mapping of keys"
        )
    return {str(k): v for k, v in data.items()}, None


def clean(text: str) -> str:
    """Drop template filler, HTML comments and tags; what remains is the card's own words."""
    text = QUOTE_MARK.sub("", text)
    text = HTML_COMMENT.sub(" ", text)
    text = FILLER.sub(" ", text)
    text = HTML_TAG.sub(" ", text)
    text = text.strip()
    if (
        NO_WORDS.match(text)
        or EMPTY_LABEL.match(text)
        or TOC_LINK.match(text)
        or TEMPLATE_LINE.match(text)
    ):
        return ""
    return text


def parse(text: str, path: str = "README.md") -> Card:
    """Parse card text (already decoded) into a Card. Never raises on malformed content."""
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = tuple(text.split("\n"))
    yaml_text, fm_lines = split_front_matter(text)
    front_matter: dict[str, Any] = {}
    error = None
    if yaml_text is not None:
        first = text[: text.find("---")].count("\n") + 2
        front_matter, error = _load_yaml(yaml_text, first)
    body_start = fm_lines + 1
    body = "\n".join(lines[fm_lines:])
    units, sections = _parse_body(body, body_start - 1)
    return Card(
        path=path,
        text=text,
        lines=lines,
        front_matter=front_matter,
        front_matter_error=error,
        has_front_matter=yaml_text is not None,
        body_start=body_start,
        units=units,
        sections=sections,
    )


_ROOT = Section(title="", level=0, line=1, end=1 << 30, path=())
CITATION_START = re.compile(r"^\s*@\w+\s*\{", re.MULTILINE)


def _parse_body(body: str, offset: int) -> tuple[tuple[Unit, ...], tuple[Section, ...]]:
    tokens = _markdown().parse(body)
    units: list[Unit] = []
    headings: list[tuple[int, int, str]] = []
    row_line = 0
    row_cells: list[str] = []
    header = ""
    in_head = False
    for i, tok in enumerate(tokens):
        ttype = tok.type
        if ttype in ("thead_open", "thead_close"):
            in_head = ttype == "thead_open"
        elif ttype == "tr_open":
            row_line, row_cells = tok.map[0] + 1 + offset, []
        elif ttype == "tr_close":
            row_text = clean(" | ".join(c for c in row_cells if c))
            if in_head:
                header = row_text
            if row_text and not set(row_text) <= set("|-: "):
                units.append(Unit(row_line, row_text, "table", _ROOT, "" if in_head else header))
        elif ttype == "inline" and tok.map is not None:
            line = tok.map[0] + 1 + offset
            if tokens[i - 1].type == "heading_open":
                title = clean(tok.content) or tok.content.strip()
                headings.append((line, int(tokens[i - 1].tag[1]), title))
                units.append(Unit(line, title, "heading", _ROOT))
            elif tokens[i - 1].type in ("th_open", "td_open"):
                row_cells.append(tok.content.strip())
            else:
                _add_paragraph(units, line, tok.content)
        elif ttype in ("fence", "code_block") and tok.map is not None:
            line = tok.map[0] + 1 + offset + (1 if ttype == "fence" else 0)
            info = tok.info.strip().lower()
            kind = (
                "citation"
                if info in ("bibtex", "bib") or CITATION_START.search(tok.content)
                else "code"
            )
            units.append(Unit(line, tok.content, kind, _ROOT, info))
        elif ttype == "html_block" and tok.map is not None:
            _add_paragraph(units, tok.map[0] + 1 + offset, tok.content)
    sections = _section_tree(headings, offset + body.count("\n") + 1)
    return tuple(_place(units, sections)), sections


def _add_paragraph(units: list[Unit], line: int, content: str) -> None:
    """One unit per paragraph; lines stay lines so a position maps back to its source line."""
    cleaned = [clean(raw) for raw in content.split("\n")]
    while cleaned and not cleaned[-1]:
        cleaned.pop()
    if any(cleaned):
        text = "\n".join(cleaned)
        raw = content.lstrip()
        data = raw[:1] in "{[" and UNFENCED_DATA.search(raw) is not None
        units.append(Unit(line, text, "code" if data else "prose", _ROOT, "json" if data else ""))


# An example record pasted without a code fence ({"id": 1, "text": ...}) is data, not prose.
UNFENCED_DATA = re.compile(r'^\s*[{\[]\s*"[^"\n]{1,40}"\s*:', re.MULTILINE)


def _section_tree(headings: list[tuple[int, int, str]], last_line: int) -> tuple[Section, ...]:
    ends = [last_line] * len(headings)
    open_: list[int] = []  # indexes of headings whose section is still open
    for idx, (line, level, _) in enumerate(headings):
        while open_ and headings[open_[-1]][1] >= level:
            ends[open_.pop()] = line - 1
        open_.append(idx)
    sections: list[Section] = []
    stack: list[tuple[int, str]] = []
    for idx, (line, level, title) in enumerate(headings):
        while stack and stack[-1][0] >= level:
            stack.pop()
        stack.append((level, title))
        sections.append(Section(title, level, line, ends[idx], tuple(t for _, t in stack)))
    return tuple(sections)


def _place(units: list[Unit], sections: tuple[Section, ...]) -> Iterator[Unit]:
    """Attach each unit to the innermost section holding its line: the last heading before it."""
    starts = [s.line for s in sections]
    for unit in units:
        idx = bisect_right(starts, unit.line) - 1
        owner = sections[idx] if idx >= 0 else _ROOT
        yield Unit(unit.line, unit.text, unit.kind, owner, unit.info)
