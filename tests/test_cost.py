"""The cost model: calibration against published dataset costs, and its parts one by one."""

from __future__ import annotations

import datetime
import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import FIXTURES, ROOT, recipe_of

from datarecipe_lint.card import parse
from datarecipe_lint.cost.dates import made_date, pricing_date
from datarecipe_lint.cost.prices import params_b, price_of
from datarecipe_lint.cost.size import bucket, infer_size
from datarecipe_lint.cost.tables import load_override, tables
from datarecipe_lint.errors import UsageError
from datarecipe_lint.options import RunOptions

COST = FIXTURES / "cost"
CALIBRATION = {
    k: v
    for k, v in yaml.safe_load((COST / "calibration.yaml").read_text()).items()
    if isinstance(v, dict)
}
TODAY = datetime.date(2026, 11, 24)
MADE = tables().cost["made_cues"]

sys.path.insert(0, str(ROOT / "benchmarks"))


def card_text(front: str = "", body: str = "") -> str:
    fm = f"---\n{textwrap.dedent(front).strip()}\n---\n" if front else ""
    return fm + "\n" + textwrap.dedent(body).strip() + "\n"


def cost_of(text: str, **settings: Any) -> dict[str, Any]:
    settings.setdefault("pricing_date", datetime.date(2024, 6, 1))
    tree: dict[str, Any] = recipe_of(text, RunOptions(**settings)).to_dict()["cost"]
    return tree


DISTILLED = card_text(
    """
    license: mit
    dataset_info:
      splits:
      - name: train
        num_examples: 10000
    """,
    """
    # Data

    All 10,000 responses were generated with GPT-4 through the OpenAI API in June 2023.
    """,
)


# ------------------------------------------------------------------ calibration


@pytest.mark.parametrize("slug", sorted(CALIBRATION))
def test_calibration_range_holds_the_published_cost(slug: str) -> None:
    from cost_calibration import estimate

    entry = CALIBRATION[slug]
    published = float(entry["published_usd"])
    cost = estimate(slug)
    assert cost.estimated_total_usd is not None, cost.assumptions
    if entry["bound"] == "upper":  # "less than $X": the range must reach below X
        assert cost.low_usd < published, (cost.low_usd, published)
    else:
        assert cost.low_usd <= published <= cost.high_usd, (cost.low_usd, published, cost.high_usd)
    ratio = cost.estimated_total_usd / published
    assert 1 / 3 <= ratio <= 3, (
        f"{slug}: estimate {cost.estimated_total_usd} vs published {published} (ratio {ratio:.2f})"
    )


def test_calibration_keeps_enough_datasets() -> None:
    kinds = [e["kind"] for e in CALIBRATION.values()]
    assert len(kinds) >= 6 and kinds.count("human") >= 2


def test_calibration_cards_never_state_the_cost() -> None:
    for slug, entry in CALIBRATION.items():
        text = (COST / f"{slug}.md").read_text()
        figure = f"{float(entry['published_usd']):,.0f}"
        assert f"${figure}" not in text and "cost" not in text.lower(), slug


def test_calibration_benchmark_prints_the_table(capsys: pytest.CaptureFixture[str]) -> None:
    from cost_calibration import main

    assert main([]) == 0
    out = capsys.readouterr().out
    assert "published" in out and "ratio" in out and "Stanford Alpaca" in out


# ------------------------------------------------------------------ size


def test_size_from_dataset_info_splits_list_of_configs() -> None:
    card = parse(
        card_text(
            """
            dataset_info:
            - config_name: a
              splits:
              - {name: train, num_examples: 1000, num_bytes: 400000}
              - {name: test, num_examples: 200, num_bytes: 80000}
            - config_name: b
              splits:
              - {name: train, num_examples: 800, num_bytes: 320000}
            size_categories: [1K<n<10K]
            """,
            "Over 15,000 examples in total.",
        )
    )
    size = infer_size(card, tables().cost)
    assert size is not None and size.source == "dataset_info.splits"
    assert size.examples.mid == 2000 and size.text_bytes == 800000
    assert "2,000 examples (dataset_info.splits" in size.assumptions[0]
    assert "summed over 2 configs" in size.assumptions[0]


def test_size_from_dataset_size_only_is_inferred() -> None:
    card = parse(card_text("dataset_info:\n  dataset_size: 14000000\n", "Some text."))
    size = infer_size(card, tables().cost)
    assert (
        size is not None
        and size.source == "dataset_info.dataset_size"
        and size.confidence == "medium"
    )
    assert size.examples.low < size.examples.mid < size.examples.high
    assert size.examples.mid == pytest.approx(14_000_000 / (350 * 4))


def test_image_bytes_are_not_read_as_text() -> None:
    card = parse(
        card_text(
            """
            dataset_info:
              features:
              - {name: image, dtype: image}
              - {name: caption, dtype: string}
              splits:
              - {name: train, num_examples: 500, num_bytes: 90000000}
            """
        )
    )
    size = infer_size(card, tables().cost)
    assert size is not None and size.text_bytes is None
    named_image = parse(
        card_text(
            "dataset_info:\n  features:\n  - {name: image, dtype: string}\n  splits:\n  - {name: t, num_examples: 5, num_bytes: 900}\n"
        )
    )
    found = infer_size(named_image, tables().cost)
    assert (
        found is not None and found.text_bytes == 900
    )  # a column called "image" holding text is text


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("We release 52K instructions.", 52_000),
        ("It holds 1.2 million conversations.", 1_200_000),
        ("There are 15,000 examples.", 15_000),
        ("Roughly one million prompt-response pairs were generated.", 1_000_000),
        ("111,502 multi-turn English dialogues.", 111_502),
        ("The set has 2.5k questions; each prompt yields 20 instructions per request.", 2_500),
    ],
)
def test_prose_counts(sentence: str, expected: float) -> None:
    size = infer_size(parse(card_text("license: mit", f"# Data\n\n{sentence}")), tables().cost)
    assert size is not None and size.source == "prose"
    assert size.examples.mid == expected


def test_prose_takes_the_largest_count_and_ignores_citations() -> None:
    body = """
    # Data

    175 seed tasks were expanded into 52,002 instructions.

    ## Citation

    We compare with 9,000,000 examples from another corpus.
    """
    size = infer_size(parse(card_text("license: mit", body)), tables().cost)
    assert size is not None and size.examples.mid == 52_002
    assert '"52,002 instructions"' in size.assumptions[0]


def test_size_order_splits_then_prose_then_size_categories() -> None:
    cost = tables().cost
    with_all = card_text(
        "size_categories: [10K<n<100K]\ndataset_info:\n  splits:\n  - {name: t, num_examples: 12300}\n",
        "We have 52K examples.",
    )
    prose_and_bucket = card_text("size_categories: [10K<n<100K]", "We have 52K examples.")
    bucket_only = card_text("size_categories: [10K<n<100K]", "Some data.")
    sources = [infer_size(parse(t), cost) for t in (with_all, prose_and_bucket, bucket_only)]
    assert [s.source if s else None for s in sources] == [
        "dataset_info.splits",
        "prose",
        "size_categories",
    ]
    assert infer_size(parse(card_text("license: mit", "Some data.")), cost) is None


def test_size_categories_geometric_middle() -> None:
    size = infer_size(parse(card_text("size_categories:\n- 10K<n<100K\n", "Text.")), tables().cost)
    assert size is not None and size.confidence == "low"
    assert (size.examples.low, size.examples.high) == (10_000, 100_000)
    assert size.examples.mid == pytest.approx(31_623, rel=1e-3)
    assert "geometric middle of size_categories 10K<n<100K" in size.assumptions[0]
    assert bucket("n<1K", 10, 10) == (10, 1000)
    assert bucket("1M<n<10M", 10, 10) == (1e6, 1e7)
    assert bucket("n>1T", 10, 10) == (1e12, 1e13)
    assert bucket("other", 10, 10) is None


# ------------------------------------------------------------------ dates and prices


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Released in March 2023.", datetime.date(2023, 3, 15)),
        ("The data was collected in spring 2023.", datetime.date(2023, 4, 15)),
        ("Collected between March 20 and March 26, 2023.", datetime.date(2023, 3, 26)),
        ("Generated on 2024-05-02 with the API.", datetime.date(2024, 5, 2)),
        ("It was built in 2023.", datetime.date(2023, 7, 1)),
        ("Collected from autumn 2024 to early 2025.", datetime.date(2024, 10, 15)),
    ],
)
def test_made_date(sentence: str, expected: datetime.date) -> None:
    made = made_date(parse(card_text("license: mit", f"# Data\n\n{sentence}")), MADE)
    assert made is not None and made.date == expected


def test_made_date_needs_a_making_verb() -> None:
    assert (
        made_date(parse(card_text("license: mit", "We thank our friends, March 2023.")), MADE)
        is None
    )


def test_pricing_date_sources() -> None:
    card = parse(card_text("license: mit", "# Data\n\nGenerated in June 2023."))
    assert pricing_date(card, MADE, None, TODAY).date == datetime.date(2023, 6, 15)
    assert "when the card says the data was made" in pricing_date(card, MADE, None, TODAY).why
    given = pricing_date(card, MADE, datetime.date(2025, 1, 1), TODAY)
    assert given.date == datetime.date(2025, 1, 1) and "set for this run" in given.why
    undated = pricing_date(parse(card_text("license: mit", "Text.")), MADE, None, TODAY)
    assert undated.date == TODAY and "today" in undated.why


def test_price_history_lookup_by_date() -> None:
    t = tables()
    at = {
        d: price_of("GPT-3.5 Turbo", datetime.date.fromisoformat(d), t)
        for d in ("2023-03-15", "2023-07-01", "2024-02-01", "2022-01-01")
    }
    assert (at["2023-03-15"].input.mid, at["2023-03-15"].output.mid) == (2.0, 2.0)
    assert (at["2023-07-01"].input.mid, at["2023-07-01"].output.mid) == (1.5, 2.0)
    assert (at["2024-02-01"].input.mid, at["2024-02-01"].output.mid) == (0.5, 1.5)
    assert at["2022-01-01"].input.mid == 2.0 and "first known price" in at["2022-01-01"].basis
    davinci = price_of("text-davinci-003", datetime.date(2023, 3, 15), t)
    assert davinci is not None and davinci.basis.startswith("text-davinci-003 at $20/$20 per 1M")
    assert "since 2022-11-28" in davinci.basis


def test_batch_discount_only_lowers_the_low_end_once_available() -> None:
    t = tables()
    before = price_of("GPT-4", datetime.date(2024, 1, 1), t)
    after = price_of("GPT-4", datetime.date(2024, 9, 1), t)
    assert before is not None and before.input.low == before.input.mid
    assert after is not None and after.input.low == after.input.mid * 0.5 and "batch" in after.basis


def test_family_fallback_and_open_weights() -> None:
    t = tables()
    day = datetime.date(2024, 6, 1)
    vision = price_of("GPT-4V", day, t)
    assert vision is not None and not vision.exact and "family GPT-4" in vision.basis
    sized = price_of("Llama 2 70B", day, t)
    assert sized is not None and sized.kind == "compute" and sized.exact and sized.input.mid == 0.88
    big = price_of("Llama 3.1 405B", day, t)
    assert big is not None and big.input.mid == 3.5
    unsized = price_of("Llama 3.1", day, t)
    assert (
        unsized is not None
        and not unsized.exact
        and unsized.input.low < 0.1 < 3 < unsized.input.high
    )
    assert price_of("Totally Unknown Model", day, t) is None
    assert (params_b("Mixtral 8x22B"), params_b("gpt-oss-120b"), params_b("Claude 3 Opus")) == (
        176,
        120,
        None,
    )


# ------------------------------------------------------------------ the cost block


def test_distillation_estimate_is_traceable() -> None:
    cost = cost_of(DISTILLED)
    assert cost["estimated_total_usd"] > 0
    assert cost["low_usd"] < cost["estimated_total_usd"] < cost["high_usd"]
    assert cost["confidence"] == "high"
    assert set(cost["breakdown"]) == {"api_calls"}
    text = "\n".join(cost["assumptions"])
    assert "10,000 examples (dataset_info.splits" in text
    assert "GPT-4 at $30/$60 per 1M input/output tokens" in text
    assert "tokens per example" in text and "4 characters per token" in text
    assert "prompt overhead" in text
    assert "prices as of 2024-06-01, the pricing date set for this run" in text
    (line,) = cost["lines"]
    assert line["label"] == "GPT-4: generation" and line["kind"] == "api_calls"
    assert line["estimated_usd"] == cost["estimated_total_usd"]


def test_default_pricing_date_is_when_the_data_was_made() -> None:
    cost = cost_of(DISTILLED, pricing_date=None)
    assert any(
        'when the card says the data was made ("June 2023"' in a for a in cost["assumptions"]
    )


def test_pricing_date_changes_the_price_used() -> None:
    card = DISTILLED.replace("GPT-4 ", "gpt-3.5-turbo ")
    early = cost_of(card, pricing_date=datetime.date(2023, 4, 1))
    late = cost_of(card, pricing_date=datetime.date(2024, 6, 1))
    assert early["estimated_total_usd"] > late["estimated_total_usd"]
    assert any("$2/$2 per 1M" in a for a in early["assumptions"])
    assert any("$0.5/$1.5 per 1M" in a for a in late["assumptions"])


def test_bytes_measure_the_tokens() -> None:
    card = DISTILLED.replace("num_examples: 10000", "num_examples: 10000\n    num_bytes: 40000000")
    cost = cost_of(card)
    assert any(
        "~1,000 tokens per example measured from the text size at 4 characters per token" in a
        for a in cost["assumptions"]
    )
    assert cost["estimated_total_usd"] > cost_of(DISTILLED)["estimated_total_usd"]


def test_cost_table_override(tmp_path: Path) -> None:
    override = tmp_path / "prices.yaml"
    override.write_text(
        "models:\n  GPT-4:\n    - {since: 2024-01-01, input: 1.0, output: 2.0, source: our contract}\n"
    )
    base = cost_of(DISTILLED)
    cheaper = cost_of(DISTILLED, cost_table=str(override))
    assert cheaper["estimated_total_usd"] < base["estimated_total_usd"] / 10
    assert any(
        "GPT-4 at $1/$2 per 1M input/output tokens (your rate from the cost table)" in a
        for a in cheaper["assumptions"]
    ), cheaper["assumptions"]
    # the user's rows win by name whatever their date: the shipped history is not consulted
    for day in (datetime.date(2023, 6, 1), datetime.date(2026, 6, 1)):
        other = cost_of(DISTILLED, cost_table=str(override), pricing_date=day)
        assert any("GPT-4 at $1/$2" in a for a in other["assumptions"]), day


def test_a_users_labour_rate_is_labelled_as_theirs(tmp_path: Path) -> None:
    override = tmp_path / "rates.yaml"
    override.write_text(
        "hourly_rates_usd:\n  - {platform: Toloka, kind: crowd, low: 20, typical: 25, high: 30}\n"
    )
    cost = cost_of(HUMAN, cost_table=str(override))
    assert any("(your rate from the cost table)" in a for a in cost["assumptions"]), cost[
        "assumptions"
    ]


def test_cost_table_adds_a_model_and_overrides_a_rate(tmp_path: Path) -> None:
    override = tmp_path / "extra.yaml"
    override.write_text(
        "models:\n  Claude 3:\n    - {since: '2024-03-04', input: 4.0, output: 20.0}\n"
        "hourly_rates_usd:\n  - {platform: Amazon Mechanical Turk, kind: crowd, typical: 30.0}\n"
    )
    claude = DISTILLED.replace("GPT-4 ", "Claude 3 ")
    assert any("family" in a for a in cost_of(claude)["assumptions"])
    assert any(
        "Claude 3 at $4/$20" in a for a in cost_of(claude, cost_table=str(override))["assumptions"]
    )
    human = HUMAN.replace("Toloka", "Amazon Mechanical Turk")
    base = cost_of(human)["estimated_total_usd"]
    assert cost_of(human, cost_table=str(override))["estimated_total_usd"] == pytest.approx(
        base * 30 / 9, rel=0.1
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot read"),
        ("- a list\n", "must be a mapping"),
        ("modelz: {}\n", "unknown section 'modelz'"),
        ("models:\n  GPT-4:\n    - {since: soon, input: 1, output: 2}\n", r"since \(YYYY-MM-DD\)"),
        ("models: [\n", "not valid YAML"),
    ],
)
def test_bad_cost_table(tmp_path: Path, content: str | None, message: str) -> None:
    path = tmp_path / "t.yaml"
    if content is not None:
        path.write_text(content)
    with pytest.raises(UsageError, match=message):
        load_override(str(path))


def test_cli_flags(cli, tmp_path: Path) -> None:
    card = tmp_path / "README.md"
    card.write_text(DISTILLED)
    priced = json.loads(cli("analyze", str(card), "--json", "--pricing-date", "2024-06-01").out)[
        "cost"
    ]
    assert any("2024-06-01, the pricing date set" in a for a in priced["assumptions"])
    bad = cli("analyze", str(card), "--pricing-date", "June 2024")
    assert bad.code == 2 and "--pricing-date" in bad.err and len(bad.err.strip().splitlines()) == 1
    missing = cli("analyze", str(card), "--cost-table", str(tmp_path / "nope.yaml"))
    assert (
        missing.code == 2
        and "--cost-table" in missing.err
        and len(missing.err.strip().splitlines()) == 1
    )


def test_config_cost_table_is_relative_to_the_config(tmp_path: Path) -> None:
    from datarecipe_lint.options import build

    (tmp_path / "tables").mkdir()
    (tmp_path / "tables" / "mine.yaml").write_text(
        "models:\n  GPT-4:\n    - {since: '2024-01-01', input: 1, output: 2}\n"
    )
    (tmp_path / ".datarecipe.yaml").write_text("cost-table: tables/mine.yaml\n")
    card = tmp_path / "README.md"
    card.write_text(DISTILLED)
    options = build(str(card))
    assert options.cost_table == str((tmp_path / "tables" / "mine.yaml").resolve())
    (tmp_path / ".datarecipe.yaml").write_text("cost-table: nowhere.yaml\n")
    from datarecipe_lint import config

    config._CACHE.clear()
    with pytest.raises(UsageError, match="cost-table"):
        build(str(card))


def test_no_size_gives_null_and_says_what_is_missing() -> None:
    cost = cost_of(card_text("license: mit", "# Data\n\nResponses were generated with GPT-4."))
    assert cost["estimated_total_usd"] is None and cost["confidence"] == "low"
    assert "low_usd" not in cost and cost["breakdown"] == {}
    (why,) = cost["assumptions"]
    assert why.startswith("no size information") and "GPT-4" in why and "size_categories" in why


def test_nothing_to_price() -> None:
    web = cost_of(
        card_text(
            "size_categories: [10K<n<100K]",
            "# Data\n\nWe crawled Wikipedia and Common Crawl pages.",
        )
    )
    assert web["estimated_total_usd"] is None and web["confidence"] == "low"
    assert "no step that costs money" in web["assumptions"][0]
    unknown = cost_of(card_text("size_categories: [10K<n<100K]", "# Data\n\nA dataset."))
    assert (
        unknown["estimated_total_usd"] is None
        and "does not say how the data was made" in unknown["assumptions"][0]
    )


HUMAN = card_text(
    """
    dataset_info:
      splits:
      - {name: train, num_examples: 3000}
    """,
    """
    # Annotation

    Sentences were labelled on Toloka by crowd workers in 2023; each sentence was labeled by 3 workers.
    """,
)


def test_human_annotation_pass() -> None:
    cost = cost_of(HUMAN)
    assert set(cost["breakdown"]) == {"human_annotation"}
    (line,) = cost["lines"]
    assert line["label"] == "Toloka: classification"
    text = "\n".join(cost["assumptions"])
    assert '3 annotator(s) per item ("labeled by 3 workers"' in text
    assert "Toloka at $8.97/h" in text
    # 3,000 items x 0.25 min x 3 annotators x $8.97/h
    assert cost["estimated_total_usd"] == pytest.approx(3000 * 0.25 * 3 * 8.97 / 60, rel=0.05)


def test_stated_pay_replaces_table_rates() -> None:
    cost = cost_of(HUMAN.replace("3 workers.", "3 workers, paid $15 per hour."))
    assert any("pay as the card states: $15/h" in a for a in cost["assumptions"])
    assert cost["estimated_total_usd"] == pytest.approx(3000 * 0.25 * 3 * 15 / 60, rel=0.05)


def test_rows_that_are_single_annotations_are_not_multiplied_again() -> None:
    card = HUMAN.replace("num_examples: 3000", "num_examples: 3000").replace(
        "# Annotation\n", "# Annotation\n\nAbout 1,000 sentences were used.\n"
    )
    cost = cost_of(card)
    assert any(
        "rows are single annotations: ~1,000 items × 3 annotators" in a for a in cost["assumptions"]
    )
    assert cost["estimated_total_usd"] == pytest.approx(1000 * 0.25 * 3 * 8.97 / 60, rel=0.05)


def test_validation_pass_and_reading_time() -> None:
    body = """
    # Collection

    Writers on Prolific read articles averaging about 2,100 words and write 5 questions about each article.

    Validation: 3 other annotators answer every question.
    """
    cost = cost_of(card_text("dataset_info:\n  splits:\n  - {name: t, num_examples: 1000}\n", body))
    labels = [x["label"] for x in cost["lines"]]
    assert labels == ["Prolific: question writing", "Prolific: validation pass 1"]
    text = "\n".join(cost["assumptions"])
    assert (
        "to read ~2,100 words at 200 words/min" in text and "shared by 5 items per document" in text
    )
    assert "validation pass 1: 3 annotator(s) per item" in text


def test_confidence_rules() -> None:
    assert cost_of(DISTILLED)["confidence"] == "high"
    bucketed = DISTILLED.replace(
        "dataset_info:\n  splits:\n  - name: train\n    num_examples: 10000",
        "size_categories: [10K<n<100K]",
    )
    assert "dataset_info" not in bucketed
    assert cost_of(bucketed.replace("All 10,000 responses", "All responses"))["confidence"] == "low"
    assert (
        cost_of(DISTILLED.replace("GPT-4 ", "Llama 3.1 "))["confidence"] == "medium"
    )  # size of the model unknown
    assert cost_of(DISTILLED.replace("GPT-4 ", "GPT-4V "))["confidence"] == "medium"  # family price
    unnamed = HUMAN.replace("on Toloka by crowd workers", "by people")
    assert cost_of(unnamed)["confidence"] == "medium"  # no platform: default rates


def test_several_teachers_share_the_examples() -> None:
    both = DISTILLED.replace("GPT-4 through", "GPT-4 and Claude 3 Opus through")
    cost = cost_of(both)
    assert [x["label"] for x in cost["lines"]] == ["Claude 3 Opus: generation", "GPT-4: generation"]
    assert any("split evenly" in a for a in cost["assumptions"])


def test_deterministic_output() -> None:
    a = json.dumps(recipe_of(DISTILLED).to_dict(), sort_keys=False)
    b = json.dumps(recipe_of(DISTILLED).to_dict(), sort_keys=False)
    assert a == b
    for slug in CALIBRATION:
        text = (COST / f"{slug}.md").read_text()
        settings = RunOptions(pricing_date=datetime.date(2025, 1, 1))
        assert (
            recipe_of(text, settings).to_dict()["cost"]
            == recipe_of(text, settings).to_dict()["cost"]
        )


def test_cost_block_matches_the_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "datarecipe_lint" / "recipe.schema.json").read_text())
    for slug in CALIBRATION:
        jsonschema.validate(recipe_of((COST / f"{slug}.md").read_text()).to_dict(), schema)


def test_importing_the_pipeline_loads_no_cost_tables() -> None:
    code = (
        "import sys, datarecipe_lint.cli, datarecipe_lint.pipeline;"
        "print(sorted(m for m in sys.modules if m.startswith('datarecipe_lint.cost.')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
