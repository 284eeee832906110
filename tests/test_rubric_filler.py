"""Template filler and negated statements earn no rubric point."""

from __future__ import annotations

from conftest import recipe_of

TEMPLATE = """---
license: mit
---

# Dataset Card for Foo

## Table of Contents
- [Dataset Description](#dataset-description)
  - [Dataset Summary](#dataset-summary)

## Dataset Description

- **Homepage:** [More Information Needed](https://github.com/huggingface/datasets/blob/master/CONTRIBUTING.md#how-to-contribute-to-the-dataset-cards)
- **Repository:** [More Information Needed](https://github.com/huggingface/datasets/blob/master/CONTRIBUTING.md#how-to-contribute-to-the-dataset-cards)
- **Paper:** [More Information Needed](https://github.com/huggingface/datasets/blob/master/CONTRIBUTING.md#how-to-contribute-to-the-dataset-cards)
- **Size of downloaded dataset files:** 33.51 MB
- **Size of the generated dataset:** 12.04 MB
- **Total amount of disk used:** 45.55 MB

### Dataset Summary

[More Information Needed]

## Dataset Creation

### Source Data

[More Information Needed]

### Citation Information

[More Information Needed]

### Contributions

Thanks to [@someone](https://github.com/someone) for adding this dataset.
"""


def test_a_card_of_template_only_scores_nothing_but_its_license() -> None:
    recipe = recipe_of(TEMPLATE)
    assert "template-only" in {f.id for f in recipe.findings}
    assert recipe.reproducibility.available == ("license",)
    assert {"description", "source_code", "source_data_references"} <= set(
        recipe.reproducibility.missing
    )


def test_a_real_repository_link_still_counts_as_source_code() -> None:
    card = TEMPLATE.replace(
        "[More Information Needed](https://github.com/huggingface/datasets/blob/master/CONTRIBUTING.md#how-to-contribute-to-the-dataset-cards)\n- **Paper:**",
        "https://github.com/acme/foo-builder\n- **Paper:**",
        1,
    )
    assert "source_code" in recipe_of(card).reproducibility.available


CARD = "---\nlicense: mit\n---\n\n# D\n\nAnswers were generated with GPT-4 for 5,000 questions.\n\n{extra}\n"


def test_negated_filtering_earns_nothing() -> None:
    recipe = recipe_of(
        CARD.format(extra="The ratings are released but were not used for filtering.")
    )
    assert "filtering_criteria" in recipe.reproducibility.missing
    assert not any(m.type == "filtering" for m in recipe.generation.methods)
    kept = recipe_of(CARD.format(extra="Answers shorter than ten words were filtered out."))
    assert "filtering_criteria" in kept.reproducibility.available


def test_negated_prompts_earn_nothing() -> None:
    recipe = recipe_of(CARD.format(extra="No prompts are released with the data."))
    assert "exact_prompts" in recipe.reproducibility.missing
    shown = recipe_of(CARD.format(extra="The prompt template we used is shown below."))
    assert "exact_prompts" in shown.reproducibility.available


def test_a_negation_after_the_cue_earns_nothing() -> None:
    recipe = recipe_of(CARD.format(extra="Filtering was not applied to the answers."))
    assert "filtering_criteria" in recipe.reproducibility.missing
