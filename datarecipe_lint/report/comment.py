"""The pull-request comment and the job summary: one Markdown report for all cards of a run.

Pure: card results in, Markdown out. The comment starts with a hidden marker and a key, so the
poster can find and update its own comment; it is cut below GitHub's 65,536-character limit (recipes
go first, then details) with a pointer to the job summary, which carries everything up to 1 MiB.
All card text goes through :mod:`.escape`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .escape import code, fence, quote

if TYPE_CHECKING:
    from ..recipe import Recipe
    from ..results import CardResult

MARKER = "<!-- datarecipe -->"
DEFAULT_KEY = "default"  # comment-key when a repository keeps a single DataRecipe comment

KEY_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
COMMENT_LIMIT = 65_536  # characters; GitHub refuses longer comment bodies
SUMMARY_LIMIT = 1_000_000  # bytes; GitHub's job summary holds at most 1 MiB per step
RECIPE_CHARS = 20_000  # one recipe block in the comment
ID = re.compile(r"^[a-z][a-z0-9_-]{0,63}$")

FULL, NO_RECIPES, COMPACT = 2, 1, 0


def header(key: str = DEFAULT_KEY) -> str:
    """The first two lines of every comment: what the poster looks for."""
    return f"{MARKER}\n<!-- datarecipe-key: {key} -->\n"


def is_ours(body: str, key: str = DEFAULT_KEY) -> bool:
    return body.replace("\r\n", "\n").startswith(header(key))


def comment(
    cards: Sequence[CardResult],
    key: str = DEFAULT_KEY,
    summary_url: str | None = None,
    limit: int = COMMENT_LIMIT,
    patch: str = "",
) -> str:
    """The PR comment body: strictly shorter than ``limit`` characters. ``patch``: the part of
    ``datarecipe fix`` that cannot be a suggestion (lines outside the diff), shown to copy."""
    # A link that is the same on every run (not the run's own URL), so that a comment cut for
    # size is rewritten only when its content changes.
    where = (
        f"the job summary of the latest run ([checks]({summary_url}))"
        if summary_url
        else "the job summary of the latest run"
    )
    head = header(key)
    for level in (FULL, NO_RECIPES, COMPACT):
        note = "" if level == FULL else _cut_note(where)
        body = head + _report(cards, level, note, where, patch if level > COMPACT else "")
        if len(body) < limit:
            return body
    return _hard_cut(body, limit, _cut_note(where))


def summary(cards: Sequence[CardResult], limit: int = SUMMARY_LIMIT) -> str:
    """The job summary: every card with its recipe, under ``limit`` bytes of UTF-8."""
    where = "the recipe files (the action's recipe-path output)"
    for level in (FULL, NO_RECIPES, COMPACT):
        note = "" if level == FULL else _cut_note(where)
        body = _report(cards, level, note, where)
        if len(body.encode("utf-8")) < limit:
            return body
    return _hard_cut(body, limit, _cut_note(where), in_bytes=True)


def _cut_note(where: str) -> str:
    return f"> [!NOTE]\n> Cut to fit; the full report with every recipe is in {where}.\n"


def _hard_cut(body: str, limit: int, note: str, in_bytes: bool = False) -> str:
    """Cut at a line boundary so that the body plus the note stays below ``limit``."""
    if in_bytes:
        room = limit - len(note.encode("utf-8")) - 2
        text = body.encode("utf-8")[:room].decode("utf-8", "ignore")
    else:
        text = body[: limit - len(note) - 2]
    text = text[: text.rfind("\n") + 1] if "\n" in text else ""
    return f"{text}\n{note}"


def _report(cards: Sequence[CardResult], level: int, note: str, where: str, patch: str = "") -> str:
    out = [_title(cards), ""]
    if note:
        out += [note]
    out += _table(cards)
    if level > COMPACT:
        for view in cards:
            out += ["", *_card(view, level)]
    else:
        missing = sorted({m for v in cards if v.recipe for m in v.recipe.reproducibility.missing})
        if missing:
            out += ["", "Missing provenance: " + ", ".join(_id(m) for m in missing) + "."]
    if patch:
        out += ["", *_patch(patch)]
    out += ["", _footer(cards)]
    return "\n".join(out) + "\n"


def _patch(patch: str) -> list[str]:
    fence = "`" * max(3, 1 + max((len(m) for m in re.findall(r"`+", patch)), default=0))
    return [
        "<details><summary>Suggested fix outside this pull request's changes "
        "(<code>datarecipe fix</code>; apply with <code>git apply</code>)</summary>",
        "",
        f"{fence}diff",
        patch.rstrip("\n"),
        fence,
        "",
        "</details>",
    ]


def _title(cards: Sequence[CardResult]) -> str:
    failing = sum(1 for v in cards if not v.passed)
    if not cards:
        return "### DataRecipe: no dataset card found"
    if failing == 0:
        what = "the card passes" if len(cards) == 1 else f"all {len(cards)} cards pass"
        return f"### ✅ DataRecipe: {what}"
    what = "the card fails" if len(cards) == 1 else f"{failing} of {len(cards)} cards fail"
    return f"### ❌ DataRecipe: {what}"


def _table(cards: Sequence[CardResult]) -> list[str]:
    out = ["| card | reproducibility | since the base | gate |", "| --- | --- | --- | --- |"]
    for r in cards:
        if r.recipe is None or r.gate is None:
            out.append(f"| {code(r.path)} | – | – | ⚠️ could not run |")
            continue
        rep = r.recipe.reproducibility
        verdict = "✅ passed" if r.gate.passed else "❌ failed"
        out.append(
            f"| {code(r.path)} | **{rep.score:.1f}** / {rep.max_score} | {_change(r)} | {verdict} |"
        )
    return out


def _change(v: CardResult) -> str:
    if not v.compared or v.recipe is None:
        return "–"
    if v.base is None:
        return "new card"
    before, after = v.base.reproducibility.score, v.recipe.reproducibility.score
    delta = round(after - before, 1)
    sign = "+" if delta > 0 else ("−" if delta < 0 else "±")
    return f"{before:.1f} → {after:.1f} ({sign}{abs(delta):.1f})"


def _card(r: CardResult, level: int) -> list[str]:
    out = [f"#### {code(r.path)}", ""]
    if r.recipe is None or r.gate is None:
        return [*out, f"**Could not run:** {quote(r.error or 'unknown error', 400)}"]
    recipe, gate = r.recipe, r.gate
    if gate.passed:
        out.append("**Gate passed.**")
    else:
        out += ["**Gate failed:**", ""] + [f"- {quote(reason, 400)}" for reason in gate.reasons]
    out += _diff(r)
    missing = [c for c in recipe.reproducibility.criteria if c.status == "missing"]
    if missing:
        out += ["", f"**Missing provenance ({len(missing)}):**", ""]
        out += ["| element | how to add it |", "| --- | --- |"]
        out += [f"| {_id(c.id)} | {quote(c.suggestion or '', 400)} |" for c in missing]
    else:
        out += ["", "Nothing missing."]
    if recipe.findings:
        out += ["", "**Findings:**", ""]
        for f in recipe.findings:
            where = f" (line {f.line})" if f.line else ""
            out.append(f"- {quote(f.severity, 20)} {_id(f.id)}{where}: {quote(f.message, 400)}")
    if level == FULL:
        out += ["", *_recipe_block(recipe)]
    return out


def _diff(v: CardResult) -> list[str]:
    if not v.compared or v.recipe is None:
        return []
    if v.base is None:
        return ["", "New card: not at the base revision."]
    before = set(v.base.reproducibility.available)
    after = set(v.recipe.reproducibility.available)
    gained, lost = sorted(after - before), sorted(before - after)
    line = f"**Since the base:** {_change(v)}"
    if gained:
        line += "; gained " + ", ".join(_id(x) for x in gained)
    if lost:
        line += "; lost " + ", ".join(_id(x) for x in lost)
    if not gained and not lost:
        line += "; same criteria"
    return ["", line + "."]


def _recipe_block(recipe: Recipe) -> list[str]:
    from .json_yaml import to_yaml

    text = to_yaml(recipe.to_dict())
    if len(text) > RECIPE_CHARS:
        text = text[: text.rfind("\n", 0, RECIPE_CHARS) + 1] + "# … cut; see the job summary\n"
    return ["<details><summary>Recipe</summary>", "", fence(text, "yaml"), "", "</details>"]


def _footer(cards: Sequence[CardResult]) -> str:
    tool = next((v.recipe.tool for v in cards if v.recipe is not None), None)
    made = f"{tool.name} {tool.version}, knowledge tables {tool.knowledge_version}" if tool else ""
    return f"<sub>{quote(made or 'datarecipe', 200)}</sub>"


def _id(text: str) -> str:
    """A criterion or finding id: a code span when it looks like one, quoted text otherwise."""
    return f"`{text}`" if ID.match(text) else code(text, 64)
