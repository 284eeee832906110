"""One card file through ``fix``: read it as it is on disk (BOM and line endings kept), fix it
until stable, and score it before and after. Shared by ``datarecipe fix`` and the suggestions
the Action and ``datarecipe comment`` post."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from ..card import Card
    from ..export.facts import Facts
    from ..options import Flags
    from ..recipe import Recipe
    from . import Fixed


class FileFix(NamedTuple):
    path: str
    original: str  # the text as on disk
    fixed: Fixed | None  # None: the card's front matter does not parse, so it is not touched
    score_before: float
    score_after: float
    front_matter_line: int = 0  # where the front matter fails to parse, when it does

    @property
    def changed(self) -> bool:
        return self.fixed is not None and self.fixed.text != self.original


def fix_file(path: str, flags: Flags) -> FileFix:
    from ..card import parse
    from ..export.facts import gather
    from ..options import build
    from ..pipeline import run
    from ..recipe import Source
    from ..sources import LoadedCard
    from ..sources.local import card_name, card_path, read_card
    from . import fix_until_stable

    options = build(path, flags)
    file = card_path(path)
    text = read_card(file, options.source.max_bytes)
    with file.open("rb") as fh:
        if fh.read(3) == b"\xef\xbb\xbf":
            text = "\ufeff" + text  # kept: the file is rewritten byte for byte
    loaded = LoadedCard(text, card_name(file), Source("local", path), str(file))
    card = parse(text, str(file))
    recipe = run(loaded, options)
    score = recipe.reproducibility.score
    if card.front_matter_error is not None:
        return FileFix(str(file), text, None, score, score, card.front_matter_error.line)

    def analyse(current: str) -> tuple[Recipe, Card, Facts]:
        result = recipe if current == text else run(loaded._replace(text=current), options)
        parsed = card if current == text else parse(current, str(file))
        return result, parsed, gather(result, parsed)

    fixed = fix_until_stable(text, analyse)
    after = score
    if fixed.text != text:
        after = run(loaded._replace(text=fixed.text), options).reproducibility.score
    return FileFix(str(file), text, fixed, score, after)
