"""Teacher models on real Hub cards, checked against the Data Provenance Initiative's annotations.

    python benchmarks/dpi_check.py ../shared/corpus [-v]

For every dataset that the DPI annotations link to a Hub id and whose 2023 card is in
``hf-hub-cards-2023/``, compare the teachers DataRecipe reads from the card with the models the
DPI lists under "Model Generated" (by model family, since the DPI writes "OpenAI GPT-3" where a
card may say "InstructGPT"). DPI names that are no model in the table ("templates", "Other",
"Google Translate") are left out. A disagreement is not always an error: the DPI annotators read
the papers, the tool reads only the card.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from datarecipe_lint.knowledge import model, model_matcher
from datarecipe_lint.knowledge.matcher import find_all
from datarecipe_lint.pipeline import analyze

HUB = re.compile(r"huggingface\.co/datasets/([^/\s]+/[^/\s?#]+)")


def family(name: str) -> str:
    info = model(name)
    return info.family if info is not None else name


def dpi_models(corpus: Path) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for path in sorted((corpus / "dpi" / "data_summaries").glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            continue
        for entry in data.values():
            if not isinstance(entry, dict):
                continue
            m = HUB.search(entry.get("Hugging Face URL") or "")
            if m:
                names = {
                    h.name
                    for text in entry.get("Model Generated") or []
                    for h in find_all(model_matcher(), str(text))
                }
                out.setdefault(m.group(1).lower(), {family(n) for n in names})
    return out


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "corpus", type=Path, help="the shared corpus folder (holds dpi/ and hf-hub-cards-2023/)"
    )
    parser.add_argument("--verbose", "-v", action="store_true")
    args = parser.parse_args()
    from corpus import require

    cards = {
        p.stem.replace("__", "/").lower(): p for p in require(args.corpus / "hf-hub-cards-2023")
    }
    require(args.corpus / "dpi", "*", "annotations")
    labels = dpi_models(args.corpus)
    both = sorted(set(cards) & set(labels))
    if not both:
        sys.exit(f"{args.corpus}: no card is both in hf-hub-cards-2023/ and in the DPI annotations")
    tp = fp = fn = 0
    lines = []
    for key in both:
        got = {family(t) for t in analyze(str(cards[key])).generation.teacher_models}
        want = labels[key]
        tp, fp, fn = tp + len(got & want), fp + len(got - want), fn + len(want - got)
        if got != want:
            lines.append(f"  {key}: card says {sorted(got)}, DPI says {sorted(want)}")
    print(f"cards in both          {len(both)}")
    print(
        f"teacher families found {tp} agree, {fp} not in the DPI list, {fn} in the DPI list but not found"
    )
    print(f"precision              {tp / (tp + fp) if tp + fp else 1.0:.3f}")
    print(f"recall                 {tp / (tp + fn) if tp + fn else 1.0:.3f}")
    if args.verbose:
        print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
