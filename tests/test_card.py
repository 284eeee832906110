from __future__ import annotations

import pytest

from datarecipe_lint.card import clean, decode, parse, split_front_matter


def test_front_matter_split_like_the_hub() -> None:
    card = parse("---\nlicense: mit\nlanguage: [en]\n---\n# Title\n\nBody text here.\n")
    assert card.front_matter == {"license": "mit", "language": ["en"]}
    assert card.body_start == 5
    assert [u.line for u in card.units] == [5, 7]


def test_crlf_and_bom_keep_line_numbers() -> None:
    text = "\ufeff---\r\nlicense: mit\r\n---\r\n\r\n# Title\r\n\r\nGenerated with GPT-4.\r\n"
    card = parse(text)
    assert card.front_matter == {"license": "mit"}
    assert [(u.line, u.kind) for u in card.units] == [(5, "heading"), (7, "prose")]


def test_decode_drops_bom_and_rejects_binary() -> None:
    assert decode("\ufeffhello".encode()) == "hello"
    with pytest.raises(ValueError, match="binary"):
        decode(b"\x89PNG\r\n\x00\x00")
    with pytest.raises(ValueError, match="not UTF-8"):
        decode(b"caf\xe9 latin-1")


def test_no_front_matter() -> None:
    card = parse("# Just a title\n\nSome words about the data.\n")
    assert not card.has_front_matter
    assert card.front_matter == {}
    assert card.body_start == 1


def test_malformed_yaml_is_reported_at_its_line_and_body_still_read() -> None:
    text = "---\nlicense: mit\ntags: [a, b\nlanguage: en\n---\n\nResponses were generated with GPT-4.\n"
    card = parse(text)
    assert card.front_matter == {}
    assert card.front_matter_error is not None
    assert 3 <= card.front_matter_error.line <= 5
    assert any("GPT-4" in u.text for u in card.units)


def test_front_matter_that_is_not_a_mapping() -> None:
    card = parse("---\n- just\n- a list\n---\ntext\n")
    assert card.front_matter_error is not None and "mapping" in card.front_matter_error.message


def test_yaml_alias_bomb_does_not_blow_up() -> None:
    bomb = "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n---\nbody\n"
    card = parse(bomb)  # PyYAML shares aliased nodes, so this stays small in memory
    assert "g" in card.front_matter


@pytest.mark.parametrize(
    "text",
    [
        "[More Information Needed]",
        "**Curated by:** [More Information Needed]",
        "<!-- Provide a summary -->",
        "- [Dataset Summary](#dataset-summary)",
        "{{ card_data }}",
        "**Homepage:**",
    ],
)
def test_template_filler_counts_as_no_content(text: str) -> None:
    assert clean(text) == ""


def test_real_prose_survives_cleaning() -> None:
    assert clean("**Curated by:** the Orchard team") == "**Curated by:** the Orchard team"


def test_a_sentence_leading_into_a_list_is_prose_not_a_label() -> None:
    lead = "The dataset is distilled from open LLMs:"
    assert clean(lead) == lead
    assert clean("- **Personal and Sensitive Information:**") == ""


def test_sections_and_lines() -> None:
    text = "# A\n\nintro\n\n## Data Collection\n\nstep one\n\n### Details\n\ndetail\n\n## Citation\n\ncite\n"
    card = parse(text)
    by_text = {u.text: u for u in card.units}
    assert by_text["detail"].section.path == ("A", "Data Collection", "Details")
    assert by_text["cite"].section.path == ("A", "Citation")
    assert by_text["step one"].line == 7


def test_split_front_matter_requires_closing_marker() -> None:
    assert split_front_matter("---\nlicense: mit\n# no closing\n") == (None, 0)


def test_bibtex_fence_is_a_citation() -> None:
    card = parse("# T\n\n```\n@article{x, title={GPT-4 report}}\n```\n")
    assert [u.kind for u in card.units] == ["heading", "citation"]
