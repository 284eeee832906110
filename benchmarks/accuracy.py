"""Accuracy of the detectors on labelled fixture cards.

    python benchmarks/accuracy.py [FIXTURES_DIR] [--verbose]

FIXTURES_DIR holds cards (*.md) and labels.yaml with, per card, the expected teachers, origin
and platforms (default: tests/fixtures/accuracy). Prints teacher precision/recall (micro, over
model names compared without case, spaces or hyphens), origin accuracy and platform accuracy
(exact set match per card), then every disagreement with --verbose.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from datarecipe_lint.pipeline import analyze

DEFAULT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "accuracy"


def norm(name: str) -> str:
    return re.sub(r"[\s_-]+", "", name.casefold())


@dataclass
class Scores:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    cards: int = 0
    origin_ok: int = 0
    platforms_ok: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def evaluate(folder: Path = DEFAULT) -> Scores:
    labels = yaml.safe_load((folder / "labels.yaml").read_text(encoding="utf-8"))
    scores = Scores()
    for slug, want in sorted(labels.items()):
        recipe = analyze(str(folder / f"{slug}.md"))
        gen = recipe.generation
        got_t = {norm(t) for t in gen.teacher_models}
        want_t = {norm(t) for t in want.get("teachers") or []}
        scores.tp += len(got_t & want_t)
        scores.fp += len(got_t - want_t)
        scores.fn += len(want_t - got_t)
        scores.cards += 1
        got_p = {
            norm(m.platform) for m in gen.methods if m.type == "human_annotation" and m.platform
        }
        want_p = {norm(p) for p in want.get("platforms") or []}
        scores.origin_ok += gen.origin == want["origin"]
        scores.platforms_ok += got_p == want_p
        if got_t != want_t:
            scores.errors.append(
                f"{slug}: teachers {sorted(gen.teacher_models)} expected {sorted(want.get('teachers') or [])}"
            )
        if gen.origin != want["origin"]:
            scores.errors.append(f"{slug}: origin {gen.origin} expected {want['origin']}")
        if got_p != want_p:
            scores.errors.append(f"{slug}: platforms {sorted(got_p)} expected {sorted(want_p)}")
    return scores


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--verbose", "-v", action="store_true")
    args = parser.parse_args()
    s = evaluate(args.folder)
    print(f"cards                 {s.cards}")
    print(f"teacher precision     {s.precision:.3f}  ({s.tp} correct, {s.fp} false positives)")
    print(f"teacher recall        {s.recall:.3f}  ({s.fn} missed)")
    print(f"origin accuracy       {s.origin_ok / s.cards:.3f}  ({s.origin_ok}/{s.cards})")
    print(f"platform accuracy     {s.platforms_ok / s.cards:.3f}  ({s.platforms_ok}/{s.cards})")
    if args.verbose:
        for line in s.errors:
            print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
