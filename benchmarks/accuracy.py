"""Accuracy of the detectors: on the project's fixture cards and on real labelled cards.

    python benchmarks/accuracy.py [--shared DIR] [--set NAME ...] [-v]

Sets: ``fixtures`` (tests/fixtures/accuracy: cards written for the tests), ``hub-2023`` (real 2023
Hub cards labelled in ``shared/corpus/dev-labels/hub-2023.yaml``) and ``recent`` (real 2024-2026
cards in ``shared/corpus/dev-labels/recent/``). For each: teacher precision and recall (micro,
over model names; a name matches at the card's specificity or one step coarser, so "Llama 3.1
405B" matches "meta-llama/Llama-3.1-405B-Instruct-FP8"), origin accuracy with a confusion
matrix, and platform recall. ``-v`` lists every disagreement with the card line behind the
tool's answer. Exits 2 when a set's folder is missing or empty.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import yaml
from corpus import ROOT, SHARED, require

from datarecipe_lint.pipeline import analyze
from datarecipe_lint.recipe import Recipe

FIXTURES = ROOT / "tests" / "fixtures" / "accuracy"
ORIGINS = ("synthetic", "human", "web", "mixed", "unknown")


class Label(NamedTuple):
    card: Path
    teachers: tuple[str, ...]
    origin: str
    platforms: tuple[str, ...]
    uncertain: bool = False


def norm(name: str) -> str:
    return re.sub(r"[^a-z0-9.]+", "", name.casefold())


def _canonical(name: str) -> set[str]:
    """The names a label may be matched by: itself, its Hub repo name, and the table's name."""
    from datarecipe_lint.knowledge import model_matcher
    from datarecipe_lint.knowledge.matcher import find_all

    out = {norm(name), norm(name.rsplit("/", 1)[-1])}
    out.update(norm(h.name) for h in find_all(model_matcher(), name))
    return out


def _matches(pred: str, label: str) -> bool:
    p, names = norm(pred), _canonical(label)
    return any(p == n or (len(p) >= 4 and (n.startswith(p) or p.startswith(n))) for n in names)


@dataclass
class Scores:
    name: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    cards: int = 0
    origin_ok: int = 0
    platforms_found: int = 0
    platforms_wanted: int = 0
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def origin_accuracy(self) -> float:
        return self.origin_ok / self.cards if self.cards else 0.0

    @property
    def platform_recall(self) -> float:
        return self.platforms_found / self.platforms_wanted if self.platforms_wanted else 1.0


def fixture_labels(folder: Path = FIXTURES) -> Iterator[Label]:
    require(folder)
    labels = yaml.safe_load((folder / "labels.yaml").read_text(encoding="utf-8"))
    for slug, want in sorted(labels.items()):
        yield Label(
            folder / f"{slug}.md",
            tuple(want.get("teachers") or ()),
            want["origin"],
            tuple(want.get("platforms") or ()),
        )


def _dev(entries: list[dict[str, Any]], cards: Path, key: str, suffix: str) -> Iterator[Label]:
    for e in entries:
        yield Label(
            cards / f"{e[key]}{suffix}",
            tuple(str(t) for t in e.get("teacher_models") or ()),
            str(e["generation_type"]),
            tuple(str(p) for p in e.get("annotation_platforms") or ()),
            bool(e.get("uncertain")),
        )


def hub_2023_labels(shared: Path) -> Iterator[Label]:
    labels = shared / "corpus" / "dev-labels" / "hub-2023.yaml"
    require(labels, what="labels")
    entries = yaml.safe_load(labels.read_text(encoding="utf-8"))
    yield from _dev(entries, shared / "corpus" / "hf-hub-cards-2023", "file", "")


def recent_labels(shared: Path) -> Iterator[Label]:
    folder = shared / "corpus" / "dev-labels" / "recent"
    require(folder / "cards")
    entries = yaml.safe_load((folder / "labels.yaml").read_text(encoding="utf-8"))
    yield from _dev(entries, folder / "cards", "slug", ".md")


def _line_of(recipe: Recipe, name: str) -> str:
    for m in recipe.generation.methods:
        if m.teacher_model == name and m.evidence:
            return f" (line {m.evidence[0].line}: {m.evidence[0].text[:100]!r})"
    return ""


def _origin_why(recipe: Recipe) -> str:
    ev = recipe.generation.origin_evidence[:1]
    return f" (line {ev[0].line}: {ev[0].text[:100]!r})" if ev else ""


def evaluate(name: str, labels: Iterable[Label]) -> Scores:
    scores = Scores(name)
    for label in labels:
        recipe = analyze(str(label.card))
        gen = recipe.generation
        scores.cards += 1
        found = [t for t in gen.teacher_models if any(_matches(t, w) for w in label.teachers)]
        extra = [t for t in gen.teacher_models if t not in found]
        missed = [w for w in label.teachers if not any(_matches(t, w) for t in gen.teacher_models)]
        scores.tp += len(label.teachers) - len(missed)
        scores.fp += len(extra)
        scores.fn += len(missed)
        scores.confusion[(label.origin, gen.origin)] += 1
        scores.origin_ok += gen.origin == label.origin
        got_p = {
            norm(m.platform) for m in gen.methods if m.type == "human_annotation" and m.platform
        }
        want_p = {norm(p) for p in label.platforms}
        scores.platforms_wanted += len(want_p)
        scores.platforms_found += len(want_p & got_p)
        mark = " (uncertain label)" if label.uncertain else ""
        slug = label.card.stem
        for t in extra:
            scores.errors.append(
                f"{slug}: teacher {t} not in the labels{_line_of(recipe, t)}{mark}"
            )
        for w in missed:
            scores.errors.append(f"{slug}: missed teacher {w}{mark}")
        if gen.origin != label.origin:
            scores.errors.append(
                f"{slug}: origin {gen.origin}, labelled {label.origin}{_origin_why(recipe)}{mark}"
            )
        for p in sorted(want_p - got_p):
            scores.errors.append(f"{slug}: missed platform {p}{mark}")
    return scores


def report(s: Scores, verbose: bool) -> None:
    print(f"{s.name}: {s.cards} cards")
    print(f"  teacher precision   {s.precision:.3f}  ({s.tp} correct, {s.fp} false positives)")
    print(f"  teacher recall      {s.recall:.3f}  ({s.fn} missed)")
    print(f"  origin accuracy     {s.origin_accuracy:.3f}  ({s.origin_ok}/{s.cards})")
    print(
        f"  platform recall     {s.platform_recall:.3f}  ({s.platforms_found}/{s.platforms_wanted})"
    )
    print("  origin confusion (rows: label, columns: tool)")
    print("    " + " " * 10 + "".join(f"{o[:5]:>7}" for o in ORIGINS))
    for want in ORIGINS:
        row = "".join(f"{s.confusion[(want, got)]:>7}" for got in ORIGINS)
        print(f"    {want:<10}{row}")
    if verbose:
        for line in s.errors:
            print("    " + line)


def sets(shared: Path) -> dict[str, Any]:
    return {
        "fixtures": lambda: fixture_labels(),
        "hub-2023": lambda: hub_2023_labels(shared),
        "recent": lambda: recent_labels(shared),
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared folder")
    parser.add_argument("--set", action="append", choices=("fixtures", "hub-2023", "recent"))
    parser.add_argument("--verbose", "-v", action="store_true")
    args = parser.parse_args()
    available = sets(args.shared)
    for name in args.set or list(available):
        report(evaluate(name, available[name]()), args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
