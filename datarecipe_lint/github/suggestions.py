"""``datarecipe fix`` as one-click suggestions on a pull request.

The fix of each card becomes hunks against the card as it is in the pull request. A hunk whose
lines are in the pull request's diff (GitHub can only comment there) is posted as a review comment
with a ```` ```suggestion ```` block on those lines, which the author applies with one click; an
insertion is a suggestion on the line before it that repeats that line and adds the new ones.
Hunks outside the diff go into the sticky comment as a patch to copy. A suggestion already
posted (same file, line and body, by the same identity) is not posted again.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from ..fix.files import FileFix
    from ..options import Flags
    from .api import GitHub

SUGGESTION_MARKER = "<!-- datarecipe:suggestion -->"
HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")
FENCE = "````"  # longer than any ``` fence inside a card's lines


class Hunk(NamedTuple):
    path: str  # repository path of the card
    start: int  # first line of the card (1-based) the suggestion replaces
    end: int  # last line it replaces
    old: tuple[str, ...]
    new: tuple[str, ...]

    def body(self) -> str:
        lines = "\n".join(self.new)
        return (
            f"{SUGGESTION_MARKER}\n**datarecipe fix**: the provenance this card's text supports, "
            f"and a question for what is missing.\n\n{FENCE}suggestion\n{lines}\n{FENCE}"
        )


def hunks(path: str, fix: FileFix) -> list[Hunk]:
    """The fix of one card as hunks on the card's own lines (no line endings)."""
    if fix.fixed is None or not fix.changed:
        return []
    old = fix.original.lstrip("\ufeff").splitlines()
    new = fix.fixed.text.lstrip("\ufeff").splitlines()
    out: list[Hunk] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if tag == "insert" and i1 > 0:  # suggest on the line before: it, then the new lines
            out.append(Hunk(path, i1, i1, (old[i1 - 1],), (old[i1 - 1], *new[j1:j2])))
        elif tag == "insert":  # at the very top: the new lines, then the first line
            out.append(Hunk(path, 1, 1, (old[0],) if old else (), (*new[j1:j2], *old[:1])))
        else:
            out.append(Hunk(path, i1 + 1, i2, tuple(old[i1:i2]), tuple(new[j1:j2])))
    return out


def diff_lines(patch: str) -> set[int]:
    """Lines of the new file (the RIGHT side) that a file's patch shows: added and context."""
    lines: set[int] = set()
    number = 0
    for raw in patch.splitlines():
        m = HUNK.match(raw)
        if m:
            number = int(m.group(1))
            continue
        if raw.startswith("-") or raw.startswith("\\"):
            continue
        if number:
            lines.add(number)
            number += 1
    return lines


def split(found: Iterable[Hunk], shown: dict[str, set[int]]) -> tuple[list[Hunk], list[Hunk]]:
    """(hunks GitHub can take as review comments, hunks outside the pull request's diff)."""
    inside: list[Hunk] = []
    outside: list[Hunk] = []
    for h in found:
        lines = shown.get(h.path, set())
        (inside if all(n in lines for n in range(h.start, h.end + 1)) else outside).append(h)
    return inside, outside


def patch(outside: Sequence[Hunk]) -> str:
    """The hunks outside the diff as a unified diff to copy (``git apply`` takes it)."""
    out: list[str] = []
    for path in dict.fromkeys(h.path for h in outside):
        out += [f"--- a/{path}", f"+++ b/{path}"]
        shift = 0
        for h in (h for h in outside if h.path == path):
            start_new = h.start + shift
            out.append(f"@@ -{h.start},{len(h.old)} +{start_new},{len(h.new)} @@")
            out += [f"-{line}" for line in h.old] + [f"+{line}" for line in h.new]
            shift += len(h.new) - len(h.old)
    return "\n".join(out) + ("\n" if out else "")


def post(
    client: GitHub, repo: str, number: int, head: str, inside: Sequence[Hunk]
) -> tuple[int, list[Hunk]]:
    """Post the suggestions not yet on the pull request; (how many were posted, the hunks
    GitHub refused as not on the diff: 422, as when the checkout's lines are not the head's)."""
    from .api import ApiError

    me = client.login()
    posted = {
        (c.path, c.line, c.body.replace("\r\n", "\n").strip())
        for c in client.list_review_comments(repo, number)
        if c.author == me and c.body.startswith(SUGGESTION_MARKER)
    }
    count, refused = 0, []
    for h in inside:
        if (h.path, h.end, h.body()) in posted:
            continue
        try:
            client.create_review_comment(repo, number, head, h.path, h.start, h.end, h.body())
        except ApiError as exc:
            if exc.status != 422:
                raise
            refused.append(h)  # shown in the patch instead
            continue
        count += 1
    return count, refused


def repo_path(card: str, root: Path) -> str:
    """The card's path in the repository (relative to the workspace, POSIX)."""
    path = Path(card).resolve()
    try:
        return path.relative_to(root.resolve()).as_posix()
    except ValueError:
        return Path(card).as_posix().lstrip("./")


def suggest(
    client: GitHub, repo: str, number: int, cards: Sequence[str], root: Path, flags: Flags
) -> tuple[int, int, str]:
    """Fix each card, post the suggestions the diff allows; (posted, already there, the patch
    of the rest for the sticky comment)."""
    from ..fix.files import fix_file

    head = client.pull_head_sha(repo, number)
    shown = {path: diff_lines(text) for path, text in client.pull_files(repo, number).items()}
    found: list[Hunk] = []
    for card in cards:
        found += hunks(repo_path(card, root), fix_file(card, flags))
    inside, outside = split(found, shown)
    posted, refused = post(client, repo, number, head, inside)
    kept = [h for h in outside + refused]
    kept.sort(key=lambda h: (h.path, h.start))
    return posted, len(inside) - posted - len(refused), patch(kept)
