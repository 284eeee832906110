"""Counts a cost model must not misread, confidence that means something, and a plausibility bound.

Each case is a kind of sentence found in real cards (SNLI, OIG, GEM, speech corpora...), written
here from scratch.
"""

from __future__ import annotations

from typing import Any

import pytest
from test_cost import card_text, cost_of

from datarecipe_lint.card import parse
from datarecipe_lint.cost.size import infer_size
from datarecipe_lint.cost.tables import tables

CROWD = "license: mit\nannotations_creators: [crowdsourced]"


def size_of(front: str, body: str) -> Any:
    return infer_size(parse(card_text(front, body)), tables().cost)


@pytest.mark.parametrize(
    "sentence",
    [
        "Each premise was paired with at least three different examples of hypotheses.",
        "Audio was sampled at 16kHz corresponding to utterances of one speaker.",
        "Sentences shorter than five words and ant test sentences were removed.",
        "Markers were added at the end of files and at the beginning of the documents.",
        "A an examples list follows.",
    ],
)
def test_a_and_an_and_bare_letters_are_never_numbers(sentence: str) -> None:
    assert (
        size_of("license: mit", f"Workers on Amazon Mechanical Turk labelled it. {sentence}")
        is None
    )


def test_tokens_are_not_examples() -> None:
    size = size_of("license: mit", "The corpus holds 1 trillion tokens of diverse instructions.")
    assert size is None
    size = size_of("license: mit", "We release 40,000 instructions, about 30M tokens of text.")
    assert size is not None and size.examples.mid == 40_000


def test_a_count_needs_its_noun_in_the_same_phrase() -> None:
    assert size_of("license: mit", "The 30M subset does not contain annotations.") is None
    assert size_of("license: mit", "It has 1.2 million conversations.").examples.mid == 1_200_000
    assert size_of("license: mit", "It has one million pairs.").examples.mid == 1_000_000
    assert size_of("license: mit", "It has 52K English instructions.").examples.mid == 52_000


def test_a_count_outside_size_categories_gives_way_to_the_bucket() -> None:
    size = size_of("license: mit\nsize_categories: [10K<n<100K]", "It has 2,000,000 examples.")
    assert size is not None and size.source == "size_categories" and size.conflict
    assert any("outside the card's size_categories bucket" in a for a in size.assumptions)
    cost = cost_of(
        card_text(
            f"{CROWD}\nsize_categories: [10K<n<100K]",
            "Crowdworkers on Amazon Mechanical Turk labeled 2,000,000 examples.",
        )
    )
    assert cost["confidence"] != "high"
    assert any("lies outside the card's size_categories bucket" in a for a in cost["assumptions"])


def test_the_per_config_form_of_size_categories_is_read() -> None:
    front = "license: mit\nsize_categories:\n  en: [10K<n<100K]\n  de: [1K<n<10K]"
    inside = size_of(front, "It has 50,000 examples.")
    assert inside is not None and inside.source == "prose" and inside.structured
    outside = size_of(front, "It has 5,000,000 examples.")
    assert outside is not None and outside.source == "size_categories"
    assert outside.examples.low == 10_000 and outside.examples.high == 110_000


def test_dataset_info_outside_the_bucket_is_not_used_silently() -> None:
    front = (
        "license: mit\nsize_categories: [n<1K]\n"
        "dataset_info:\n  splits:\n  - {name: train, num_examples: 900000}"
    )
    size = size_of(front, "Some data.")
    assert size is not None and size.source == "size_categories" and size.conflict


def test_high_confidence_needs_a_structured_field_that_agrees() -> None:
    body = "Crowdworkers on Amazon Mechanical Turk labeled 20,000 examples. Workers were paid $12 per hour."
    prose_only = cost_of(card_text(CROWD, body))
    assert prose_only["confidence"] == "medium"
    assert any(
        "no dataset_info or size_categories confirms it" in a for a in prose_only["assumptions"]
    )
    agreeing = cost_of(card_text(f"{CROWD}\nsize_categories: [10K<n<100K]", body))
    assert agreeing["confidence"] == "high"


def test_a_pool_of_workers_is_not_annotators_per_item() -> None:
    body = (
        "Crowdworkers on Amazon Mechanical Turk labeled 20,000 examples.\n\n"
        "The annotators of the validation task were a closed set of about 30 trusted crowdworkers."
    )
    cost = cost_of(card_text(f"{CROWD}\nsize_categories: [10K<n<100K]", body))
    assert not any("30 annotator" in a for a in cost["assumptions"]), cost["assumptions"]
    stated = cost_of(
        card_text(
            f"{CROWD}\nsize_categories: [10K<n<100K]",
            "Crowdworkers on Amazon Mechanical Turk labeled 20,000 examples, 3 annotators per example.",
        )
    )
    assert any("3 annotator(s) per item" in a for a in stated["assumptions"])


def test_a_corpus_size_is_not_an_item_length() -> None:
    body = (
        "Crowdworkers on Amazon Mechanical Turk annotated named entities in 20,000 sentences, "
        "around 600,000 tokens."
    )
    cost = cost_of(card_text(f"{CROWD}\nsize_categories: [10K<n<100K]", body))
    assert not any("to read" in a for a in cost["assumptions"]), cost["assumptions"]


def test_an_estimate_beyond_the_plausibility_bound_is_null_with_the_reason() -> None:
    front = f"{CROWD}\nsize_categories: [100M<n<1B]"
    body = "Crowdworkers on Amazon Mechanical Turk wrote 900,000,000 answers to questions."
    cost = cost_of(card_text(front, body))
    assert cost["estimated_total_usd"] is None and cost["confidence"] == "low"
    assert any("above the plausibility bound" in a for a in cost["assumptions"])


def test_collected_text_is_not_priced_as_writing() -> None:
    front = (
        "license: mit\nlanguage_creators: [crowdsourced]\ntask_categories: [text-generation]\n"
        "size_categories: [1M<n<10M]"
    )
    cost = cost_of(card_text(front, "Abstracts were scraped from the web and filtered by length."))
    assert cost["estimated_total_usd"] is None
    assert any(
        "wrote it for other purposes" in a or "no step that costs money" in a
        for a in cost["assumptions"]
    ), cost["assumptions"]
    unnamed = cost_of(card_text(front, "A corpus of abstracts."))
    assert unnamed["estimated_total_usd"] is None
    assert any("names no platform, workforce or writers" in a for a in unnamed["assumptions"])
    derived = cost_of(
        card_text(f"{front}\nsource_datasets: [squad]", "A collection of existing datasets.")
    )
    assert derived["estimated_total_usd"] is None
    assert any("derived from other datasets" in a for a in derived["assumptions"])
