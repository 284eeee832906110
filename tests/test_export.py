"""``datarecipe export``: Croissant RAI documents (validated by mlcroissant) and the EU AI Act
training-content summary, for local cards, the corpus and a Hub served on loopback."""

from __future__ import annotations

import copy
import json
import logging
import random
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, shared_dir
from hub_server import Hub, isolate, serve

EXAMPLE = ROOT / "examples" / "synthetic-instructions" / "README.md"

RICH = """\
---
license: cc-by-4.0
language: [en]
task_categories: [question-answering]
source_datasets: [extended|squad]
---

# Forum Answers

Forum Answers pairs questions collected from Reddit and Stack Exchange with answers written
for this dataset.

## Data Collection

Questions were scraped from reddit.com between 2019 and 2021.
Answers were generated with GPT-4o and checked by annotators on Amazon Mechanical Turk;
each question was rated by three annotators.
Near-duplicate questions were removed with MinHash.

## Citation

```bibtex
@misc{forum, title={Forum Answers}}
```
"""

PLAIN = "---\nlicense: mit\n---\n\n# Tiny\n\nA small list of words in English, one per line.\n"


def validate(document: dict[str, Any]) -> list[str]:
    """mlcroissant's errors for a document (none: valid); its warnings are only recommendations."""
    mlc = pytest.importorskip("mlcroissant")
    logging.getLogger("absl").setLevel(logging.ERROR)
    with warnings.catch_warnings():  # its RDF library's deprecation notices are not ours
        warnings.simplefilter("ignore")
        try:
            mlc.Dataset(jsonld=copy.deepcopy(document))  # it adds "@base" to what it reads
        except mlc.ValidationError as exc:
            return [line for line in str(exc).splitlines() if line.strip().startswith("-")]
    return []


def export(cli: Any, *args: str) -> Any:
    run = cli("export", *args)
    assert run.code == 0, run.err
    return run


def card(tmp_path: Path, text: str, name: str = "README.md") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# -- Croissant ---------------------------------------------------------------------------------


def test_the_example_card_exports_a_valid_croissant_document(cli: Any) -> None:
    doc = json.loads(export(cli, str(EXAMPLE), "--to", "croissant").out)
    assert validate(doc) == []
    assert doc["conformsTo"] == [
        "http://mlcommons.org/croissant/1.1",
        "http://mlcommons.org/croissant/RAI/1.0",
    ]
    assert (
        "GPT-4 (OpenAI)" in doc["rai:dataCollection"]
        and "card line 37" in doc["rai:dataCollection"]
    )
    agents = [a["name"] for a in doc["prov:wasAttributedTo"]]
    assert agents == ["GPT-4 (OpenAI)"]


def test_rai_properties_carry_their_card_lines(cli: Any, tmp_path: Path) -> None:
    folder = tmp_path / "forum"
    folder.mkdir()
    card(folder, RICH)
    (folder / "train.jsonl").write_text('{"q": "a", "a": "b"}\n', encoding="utf-8")
    (folder / ".hidden.jsonl").write_text("{}\n", encoding="utf-8")
    doc = json.loads(export(cli, str(folder), "--to", "croissant").out)
    assert validate(doc) == []
    assert doc["rai:dataCollectionTimeframe"] == "2019/2021"
    assert doc["rai:dataAnnotationPlatform"] == ["Amazon Mechanical Turk"]
    assert doc["rai:annotationsPerItem"].startswith("3 (card line 17:")
    assert "Web Scraping" in doc["rai:dataCollectionType"]
    assert (
        "Reddit" in doc["rai:dataCollectionRawData"] and "squad" in doc["rai:dataCollectionRawData"]
    )
    assert "card line 18" in doc["rai:dataPreprocessingProtocol"]
    assert doc["citeAs"].startswith("@misc{forum")
    assert [d["name"] for d in doc["prov:wasDerivedFrom"]] == ["squad"]
    (activity,) = [a for a in doc["prov:wasGeneratedBy"] if a["name"] == "distillation"]
    assert activity["prov:wasAssociatedWith"][0]["name"] == "GPT-4o (OpenAI)"
    assert activity["description"].startswith("card line 16:")
    files = doc["distribution"]
    assert [f["contentUrl"] for f in files] == ["train.jsonl"] and len(files[0]["sha256"]) == 64


def test_what_the_card_does_not_support_is_left_out(cli: Any, tmp_path: Path) -> None:
    doc = json.loads(export(cli, str(card(tmp_path, PLAIN)), "--to", "croissant").out)
    assert validate(doc) == []
    assert not [k for k in doc if k.startswith(("rai:", "prov:"))], doc
    assert doc["license"] == ["https://spdx.org/licenses/MIT.html"]


def test_merge_keeps_the_existing_document(cli: Any, tmp_path: Path) -> None:
    existing = {
        "@context": {"@vocab": "https://schema.org/", "cr": "http://mlcommons.org/croissant/"},
        "@type": "sc:Dataset",
        "name": "mine",
        "description": "Written by hand.",
        "conformsTo": "http://mlcommons.org/croissant/1.1",
        "license": "https://spdx.org/licenses/MIT.html",
        "rai:dataCollection": "Our own words.",
    }
    base = tmp_path / "croissant.json"
    base.write_text(json.dumps(existing), encoding="utf-8")
    path = card(tmp_path, RICH)
    out = tmp_path / "out.json"
    run = export(cli, str(path), "--to", "croissant", "--merge", str(base), "-o", str(out))
    assert run.out == "" and "wrote" in run.err
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert validate(doc) == []
    assert doc["name"] == "mine" and doc["rai:dataCollection"] == "Our own words."
    assert doc["rai:dataAnnotationPlatform"] == ["Amazon Mechanical Turk"]
    assert doc["@context"]["rai"] == "http://mlcommons.org/croissant/RAI/"
    assert doc["conformsTo"][-1] == "http://mlcommons.org/croissant/RAI/1.0"


@pytest.mark.parametrize(
    ("content", "message"),
    [("not json", "not JSON"), ("[1, 2]", "not a JSON object")],
)
def test_a_bad_merge_file_is_one_line_and_exit_2(
    cli: Any, tmp_path: Path, content: str, message: str
) -> None:
    base = tmp_path / "base.json"
    base.write_text(content, encoding="utf-8")
    run = cli("export", str(card(tmp_path, PLAIN)), "--to", "croissant", "--merge", str(base))
    assert run.code == 2 and message in run.err and run.err.count("\n") == 1 and run.out == ""


def test_flags_that_do_not_go_together(cli: Any, tmp_path: Path) -> None:
    path = str(card(tmp_path, PLAIN))
    assert "--format goes with" in cli("export", path, "--to", "croissant", "--format", "md").err
    assert "--merge goes with" in cli("export", path, "--to", "eu-summary", "--merge", path).err


@pytest.mark.corpus
def test_fifty_corpus_cards_export_valid_documents(cli: Any) -> None:
    folder = shared_dir("corpus", "hf-hub-cards-2023")
    cards = sorted(folder.glob("*.md"))
    sample = random.Random(7).sample(cards, 50)
    failures = {}
    for path in sample:
        run = cli("export", str(path), "--to", "croissant")
        assert run.code == 0, (path.name, run.err)
        errors = validate(json.loads(run.out))
        if errors:
            failures[path.name] = errors
    assert failures == {}


# -- the Hub's Croissant document --------------------------------------------------------------

HUB_DOCUMENT: dict[str, Any] = {
    "@context": {
        "@language": "en",
        "@vocab": "https://schema.org/",
        "cr": "http://mlcommons.org/croissant/",
        "conformsTo": "dct:conformsTo",
        "dct": "http://purl.org/dc/terms/",
        "sc": "https://schema.org/",
        "field": "cr:field",
        "fileSet": "cr:fileSet",
        "includes": "cr:includes",
        "containedIn": "cr:containedIn",
        "recordSet": "cr:recordSet",
        "source": "cr:source",
        "extract": "cr:extract",
        "column": "cr:column",
        "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    },
    "@type": "sc:Dataset",
    "name": "forum",
    "conformsTo": "http://mlcommons.org/croissant/1.1",
    "description": "acme/forum dataset hosted on Hugging Face and contributed by the HF Datasets community",
    "license": "https://choosealicense.com/licenses/cc-by-4.0/",
    "url": "https://huggingface.co/datasets/acme/forum",
    "distribution": [
        {
            "@type": "cr:FileObject",
            "@id": "repo",
            "name": "repo",
            "description": "The Hugging Face git repository.",
            "contentUrl": "https://huggingface.co/datasets/acme/forum/tree/refs%2Fconvert%2Fparquet",
            "encodingFormat": "git+https",
            "sha256": "https://github.com/mlcommons/croissant/issues/80",
        },
        {
            "@type": "cr:FileSet",
            "@id": "parquet-files-for-config-default",
            "containedIn": {"@id": "repo"},
            "encodingFormat": "application/x-parquet",
            "includes": "default/*/*.parquet",
        },
    ],
    "recordSet": [
        {
            "@type": "cr:RecordSet",
            "@id": "default",
            "name": "default",
            "field": [
                {
                    "@type": "cr:Field",
                    "@id": "default/q",
                    "name": "default/q",
                    "dataType": "sc:Text",
                    "source": {
                        "fileSet": {"@id": "parquet-files-for-config-default"},
                        "extract": {"column": "q"},
                    },
                }
            ],
        }
    ],
}


@pytest.fixture
def hub(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Hub]:
    with serve() as server:
        isolate(monkeypatch, str(tmp_path / "hf"), server.url)
        yield server


def test_the_hubs_document_is_kept_and_rai_added_and_cached(cli: Any, hub: Hub) -> None:
    hub.add("acme/forum", {"README.md": RICH})
    hub.croissant["acme/forum"] = HUB_DOCUMENT
    doc = json.loads(export(cli, "acme/forum", "--to", "croissant").out)
    assert validate(doc) == []
    for key in ("name", "description", "license", "url", "distribution", "recordSet"):
        assert doc[key] == HUB_DOCUMENT[key], key
    assert doc["rai:dataAnnotationPlatform"] == ["Amazon Mechanical Turk"]
    assert "prov:wasGeneratedBy" in doc and doc["@context"]["prov"] == "http://www.w3.org/ns/prov#"
    assert hub.counts["croissant"] == 1
    again = json.loads(export(cli, "acme/forum", "--to", "croissant").out)
    assert again == doc
    assert hub.counts["croissant"] == 1  # the second run read the cached document


def test_a_dataset_the_hub_has_no_document_for_is_built_from_its_card(cli: Any, hub: Hub) -> None:
    hub.add("acme/forum", {"README.md": RICH})
    run = export(cli, "acme/forum", "--to", "croissant")
    doc = json.loads(run.out)
    assert "has no Croissant document" in run.err
    assert validate(doc) == []
    assert doc["url"] == "https://huggingface.co/datasets/acme/forum"
    assert doc["rai:dataCollectionTimeframe"] == "2019/2021"


# -- the EU AI Act summary ---------------------------------------------------------------------


def summary(cli: Any, path: Path | str) -> dict[str, Any]:
    tree: dict[str, Any] = json.loads(
        export(cli, str(path), "--to", "eu-summary", "--format", "json").out
    )
    return {s["id"]: s["questions"] for s in tree["sections"]}


def test_eu_21_public_datasets(cli: Any, tmp_path: Path) -> None:
    q = summary(cli, card(tmp_path, RICH))["2.1"]
    assert q["Have you used publicly available datasets to train the model?"]["answer"] == "Yes"
    assert q["Modality(ies) of the content covered"]["answer"] == "text"
    (entry,) = q["List of large publicly available datasets"]
    assert entry["name"] == "squad" and entry["evidence"]["line"] == 5


def test_eu_21_a_hub_dataset_lists_itself_with_its_address(cli: Any, hub: Hub) -> None:
    hub.add("acme/forum", {"README.md": RICH})
    q = summary(cli, "acme/forum")["2.1"]
    listed = q["List of large publicly available datasets"]
    assert listed[0] == {"name": "acme/forum", "url": "https://huggingface.co/datasets/acme/forum"}


def test_eu_22_private_datasets_are_not_stated(cli: Any, tmp_path: Path) -> None:
    q = summary(cli, card(tmp_path, RICH))["2.2"]
    assert {v["answer"] for v in q.values()} == {"not stated in the card"}


def test_eu_23_crawled_sources_with_period_and_domains(cli: Any, tmp_path: Path) -> None:
    q = summary(cli, card(tmp_path, RICH))["2.3"]
    assert q["Were crawlers used by the provider or on its behalf?"]["answer"] == "Yes"
    assert q["Period of data collection"] == {
        "answer": "2019/2021",
        "evidence": {
            "line": 15,
            "text": "Questions were scraped from reddit.com between 2019 and 2021.",
        },
    }
    domains = [d["name"] for d in q["Summary of the most relevant domain names crawled"]]
    assert "reddit.com" in domains
    assert q["Crawler name(s)/identifier(s)"]["answer"] == "not stated in the card"


def test_eu_24_user_data_is_not_stated(cli: Any, tmp_path: Path) -> None:
    q = summary(cli, card(tmp_path, RICH))["2.4"]
    assert {v["answer"] for v in q.values()} == {"not stated in the card"}


def test_eu_25_synthetic_data_names_its_models(cli: Any, tmp_path: Path) -> None:
    q = summary(cli, card(tmp_path, RICH))["2.5"]
    yes = "Was synthetic AI-generated data created by the provider or on their behalf to train the model?"
    assert q[yes]["answer"] == "Yes" and q[yes]["evidence"]["line"] == 16
    assert [m["name"] for m in q["AI model(s) used to generate the synthetic data"]] == [
        "GPT-4o (OpenAI)"
    ]
    plain = summary(cli, card(tmp_path, PLAIN, "plain.md"))["2.5"]
    assert plain[yes] == {"answer": "not stated in the card"}
    assert plain["AI model(s) used to generate the synthetic data"] == "not stated in the card"


def test_eu_26_other_sources(cli: Any, tmp_path: Path) -> None:
    (answer,) = summary(cli, card(tmp_path, RICH))["2.6"].values()
    assert answer["answer"] == "Yes: human annotation (Amazon Mechanical Turk)"
    (plain,) = summary(cli, card(tmp_path, PLAIN, "plain.md"))["2.6"].values()
    assert plain == {"answer": "not stated in the card"}


def test_eu_markdown_follows_the_template_headings(cli: Any) -> None:
    text = export(cli, str(EXAMPLE), "--to", "eu-summary").out
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == [
        "## 2.1 Publicly available datasets",
        "## 2.2 Private non-publicly available datasets obtained from third parties",
        "## 2.3 Data crawled and scraped from online sources",
        "## 2.4 User data",
        "## 2.5 Synthetic data",
        "## 2.6 Other sources of data",
    ]
    assert "Template for the Public Summary of Training Content" in text
    assert " \n" not in text
