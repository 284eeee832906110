"""Every real card in ../shared/corpus is analysed without a crash and without exit 2.

Skipped where ../shared is absent (a user's clone).
"""

from __future__ import annotations

import json

import pytest
from conftest import shared_dir

from datarecipe_lint.pipeline import analyze
from datarecipe_lint.schema import validate


@pytest.mark.corpus
@pytest.mark.slow
@pytest.mark.timeout(600)
@pytest.mark.parametrize("corpus", ["hf-datasets-cards", "hf-hub-cards-2023"])
def test_every_corpus_card_is_analysed(corpus: str) -> None:
    folder = shared_dir("corpus", corpus)
    cards = sorted(folder.glob("*.md"))
    assert cards
    failures = []
    for i, path in enumerate(cards):
        try:
            tree = analyze(str(path)).to_dict()
            json.dumps(tree)
            if i % 50 == 0:  # schema validation is slow; a sample keeps the run short
                validate(tree, str(path))
        except Exception as exc:
            failures.append(f"{path.name}: {type(exc).__name__}: {exc}")
    assert not failures, "\n".join(failures[:20])
