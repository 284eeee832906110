"""The labelled accuracy set holds the detectors to their figures (see benchmarks/accuracy.py)."""

from __future__ import annotations

import importlib.util
import sys

from conftest import FIXTURES, ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))  # accuracy.py imports its sibling corpus.py
spec = importlib.util.spec_from_file_location("accuracy", ROOT / "benchmarks" / "accuracy.py")
assert spec and spec.loader
accuracy = importlib.util.module_from_spec(spec)
sys.modules["accuracy"] = accuracy
spec.loader.exec_module(accuracy)


def test_fixture_set_is_large_enough() -> None:
    assert len(list((FIXTURES / "accuracy").glob("*.md"))) >= 40


def test_teacher_precision_and_recall() -> None:
    scores = accuracy.evaluate("fixtures", accuracy.fixture_labels(FIXTURES / "accuracy"))
    detail = "\n".join(scores.errors)
    assert scores.precision >= 0.95, detail
    assert scores.recall >= 0.90, detail


def test_origin_and_platform_accuracy() -> None:
    scores = accuracy.evaluate("fixtures", accuracy.fixture_labels(FIXTURES / "accuracy"))
    detail = "\n".join(scores.errors)
    assert scores.origin_accuracy >= 0.80, detail
    assert scores.platform_recall >= 0.85, detail
