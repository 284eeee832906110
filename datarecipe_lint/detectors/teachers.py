"""Teacher models: which models generated the data, and what role every other named model plays.

Each model mention gets a role from, in order: structured fields (front-matter ``model``/
``teacher``/``generator`` keys, tags), code blocks (a model called vs a model trained), the
section it sits in (Citation, Evaluation and Uses sections are weak), and the nearest cue in its
sentence ("generated with", "distilled from" → generator; "rated by", "as a judge" → judge;
"compared with", "outperforms" → baseline; "fine-tuned on this data" → trained_on), with negation
("no GPT-4 outputs were used") and contrast ("unlike Alpaca, which used text-davinci-003").
Only generators become ``teacher_models``; judges become an ``llm_judge`` method.

Passing example (GPT-4 is a teacher, Llama 2 is not)::

    ## Data Collection
    Responses were generated with GPT-4 (gpt-4-0613).
    ## Evaluation
    Llama 2 fine-tuned on this data outperforms the base model.

Failing example: none; this detector reports signals, not findings.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from functools import cache

from ..card import Card, Unit
from ..knowledge import cue, model_matcher, section_class, table
from ..knowledge.matcher import Hit, find_all
from ..recipe import Evidence
from ..text import doc_of
from . import (
    Observation,
    Roles,
    Seen,
    Signal,
    clause_before,
    evidence_at,
    iter_front_matter_strings,
)

ID = "teachers"

GENERATOR_KEYS = (
    "model", "models", "teacher", "teachers", "teacher_model", "teacher_models", "generator",
    "generators", "generation_model", "generated_by", "source_model", "source_models", "llm",
    "synthetic_model", "annotator_model",
)  # fmt: skip
STRONG = ("judge", "trained_on", "baseline", "generator")
STRUCTURED = 3  # a role read from a structured field the card's author filled in; decides alone
WINDOW = 120  # a cue further than this from the name says nothing about it
MAX_MENTIONS = 60  # mentions of one model read per card
CONTEXT = 400  # characters either side of a name that are read at all


def check(card: Card, seen: Seen) -> Iterator[Observation]:
    yield from _front_matter(card)
    doc = doc_of(card)
    counts: dict[str, int] = {}
    # (sentence start, hit end, role, strength, name) of the mention before
    previous: tuple[int, int, str, int, str] | None = None
    known: list[tuple[int, int]] = []
    lines = [u.line for u in card.units]  # units are in card order
    for found in find_all(model_matcher(), doc.text, doc.low, doc.words):
        if FINE_TUNE_OF.search(doc.text, max(0, found.start - 40), found.start):
            continue  # "OpenHermes-2.5-Mistral-7B": the base in a fine-tune's name; its shape tells
        if _inside_derived_id(doc.text, found.start, found.end):
            continue  # "Aratako/Llama-Gemma-2-27b-SFT-trial1": a tuned model named by its Hub id
        known.append((found.start, found.end))
        counts[found.name] = counts.get(found.name, 0) + 1
        if counts[found.name] > MAX_MENTIONS:
            continue  # enough evidence for one model; keeps pathological cards linear
        sentence, offset = doc.locate(found.start)
        hit = Hit(found.name, offset, offset + found.end - found.start, found.text)
        unit = sentence.unit
        base = found.start - offset
        if LINK_TARGET.search(sentence.text[max(0, hit.start - 200) : hit.start]):
            # inside a link's address: the link's text is the mention; a list goes on after it
            same = previous is not None and previous[0] == base and previous[4] == hit.name
            role, strength = (previous[2], previous[3]) if same and previous else ("mentioned", 1)
            if previous is not None and previous[0] == base:
                previous = (base, hit.end, previous[2], previous[3], previous[4])
            yield Signal(
                "model", hit.name, evidence_at(sentence, hit.start, hit.end), role, strength
            )
            continue
        if (
            previous is not None
            and previous[0] == base
            and LIST_GAP.match(sentence.text[previous[1] : hit.start])
        ):
            role, strength = (
                previous[2],
                previous[3],
            )  # "from GPT-4, Claude 2 and Llama 2": one role
        else:
            role, strength = _role(unit, section_class(unit.section.path), sentence.text, hit)
            if role in ("neutral", "mentioned", "cited", "baseline") and _listed_after_lead_in(
                card, unit, hit, lines, sentence.text
            ):
                role, strength = "generator", 2
            elif strength < 2:
                role, strength = _labelled(card, unit, sentence.text, hit, lines) or (
                    role,
                    strength,
                )
        previous = (base, hit.end, role, strength, hit.name)
        yield Signal("model", hit.name, evidence_at(sentence, hit.start, hit.end), role, strength)
    yield from _open_vocabulary(card, known)


# A Hugging Face model id the table does not know ("BeIR/query-gen-msmarco-t5-base-v1"): owner,
# slash, and a name with a model-like part (an architecture, a size, a tuning suffix).
# compiled on first use (re caches it): most cards never need it
HUB_MODEL = (
    r"(?:(?<=huggingface\.co/)|(?<![\w/.-]))"
    r"(?P<id>[A-Za-z0-9][\w.-]{1,38}/[A-Za-z0-9][\w.-]{1,95})(?![\w/-])"
)
MODEL_PART = (
    r"(?:^|[-_.])(?:t5|mt5|flan|gpt\w*|llama\w*|mistral|mixtral|qwen\w*|gemma\w*|phi\w*|bert|bart|"
    r"falcon|bloom\w*|pythia|olmo\w*|deepseek\w*|yi|glm\w*|intern\w*|instruct|chat|it|base|large|small|"
    r"xl|xxl|tiny|mini|coder|dpo|sft|distil\w*|\d+(?:\.\d+)?[bm])(?=$|[-_.])"
)


def _open_vocabulary(card: Card, known: list[tuple[int, int]]) -> Iterator[Signal]:
    """Model ids unknown to the table, reported (family left open) when a generation cue points
    at them; any other role says nothing, since an unknown id may as well be a dataset.
    ``known``: the spans the table's names already cover."""
    doc = doc_of(card)
    seen: set[str] = set()
    lines: list[int] = []  # unit lines, computed when a label check first needs them
    for m, name in _candidates(doc.text):
        if name in seen:
            continue
        if any(s < m.end() and m.start() < e for s, e in known):
            continue  # the table's own name for it is reported above
        sentence, offset = doc.locate(m.start())
        if sentence.unit.kind != "prose" or "translat" in sentence.text.lower():
            continue  # code names datasets as often as models; a translation system is no teacher
        hit = Hit(name, offset, offset + len(name), name)
        role, strength = _role(
            sentence.unit, section_class(sentence.unit.section.path), sentence.text, hit
        )
        if strength < 2:
            lines = lines or [u.line for u in card.units]
            role, strength = _labelled(card, sentence.unit, sentence.text, hit, lines) or (
                role,
                strength,
            )
        if role == "generator" and strength >= 2:
            seen.add(name)
            yield Signal("model", name, evidence_at(sentence, hit.start, hit.end), role, strength)


# A fine-tune named with a version before its base ("OpenHermes-2.5-Mistral-7B",
# "dolphin-2.9-llama3-8b"): the table's name inside it is the base, not the model.
FINE_TUNE_OF = re.compile(
    r"(?<![\w/.-])[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z][A-Za-z0-9]*)*-v?\d+(?:\.\d+)*-$"
)


# A Hub id whose name says it was tuned, merged or trained further from the model the table
# knows: the id names another model ("Aratako/Llama-Gemma-2-27b-SFT-trial1",
# "princeton-nlp/Llama-3-Instruct-8B-SimPO"); open vocabulary reports it whole.
DERIVED = re.compile(
    r"(?:^|[-_.])(?:sft|dpo|orpo|kto|simpo|grpo|ppo|rlhf|trial\d*|merged?|finetuned?|ft|lora|"
    r"qlora|abliterated|uncensored)(?=$|[-_.\d])",
    re.IGNORECASE,
)
HUB_TOKEN_END = re.compile(r"[\s()\[\]`\"'<>|,;]")


def _token_start(text: str, start: int) -> int:
    """Where the whitespace- or bracket-delimited token holding ``start`` begins (80 at most)."""
    lo = start
    while lo > 0 and start - lo < 80 and not HUB_TOKEN_END.match(text[lo - 1]):
        lo -= 1
    return lo


def _inside_derived_id(text: str, start: int, end: int) -> bool:
    head = text[_token_start(text, start) : start]
    if "/" not in head or (head.count("/") > 1 and "huggingface.co/" not in head):
        return False  # no owner before the name, or a longer path (a URL of something else)
    m = HUB_TOKEN_END.search(text, end, end + 80)
    tail = text[end : m.start() if m else end + 80]
    repo = head.rsplit("/", 1)[1] + "\0" + tail.split("/", 1)[0].rstrip(".")
    if not DERIVED.search(repo.replace("\0", "-")) or not repo.split("\0")[1]:
        return False
    whole = (head + text[start:end] + tail).lower().rstrip(".")
    return "datasets/" not in head.lower() and f"datasets/{whole}" not in text.lower()


# A model name by its shape, without an owner: a hyphenated token with a size ("Sarashina2-70B",
# "Tanuki-8B-dpo-v1.0") or, with a capital initial, a version ("AM-Thinking-v1").
BARE_MODEL = re.compile(r"(?<![\w/.-])(?P<id>[A-Za-z][A-Za-z0-9]*(?:[-_.][A-Za-z0-9]+)+)(?![\w/-])")
# billions only: "YFCC-100M" and "COYO-Labeled-300M" are datasets' sizes
BARE_SIZE = re.compile(r"(?:^|[-_])(?:\d+(?:\.\d+)?|\d+x\d+)b(?=$|[-_.])", re.IGNORECASE)
BARE_HINT = re.compile(r"\d[bB](?![A-Za-z])|[-_]v\d")
BARE_VERSION = re.compile(r"[-_]v\d+(?:\.\d+)*$")  # "AM-Thinking-v1": with a capital initial


def _candidates(text: str) -> Iterator[tuple[re.Match[str], str]]:
    """Unknown model names by shape: Hub ids (owner/name), then bare names with a model part."""
    model_part = re.compile(MODEL_PART, re.IGNORECASE)
    if "/" in text:
        for m in re.finditer(HUB_MODEL, text):
            name = m.group("id").rstrip(".")
            owner, repo = name.split("/", 1)
            if owner.lower() not in NOT_OWNERS and model_part.search(repo):
                yield m, name
    if "-" not in text or not BARE_HINT.search(text):
        return  # no size in billions and no version anywhere: no bare name to look for
    datasets = _dataset_names()
    for m in BARE_MODEL.finditer(text):
        name = m.group("id").rstrip(".")
        if re.split(r"[-_.]", name, maxsplit=1)[0].lower() in datasets:
            continue  # "LAION-5B", "DataComp-1B": a dataset's size, not a model's
        if "-" in name and (
            BARE_SIZE.search(name) or (name[0].isupper() and BARE_VERSION.search(name))
        ):
            yield m, name


@cache
def _dataset_names() -> frozenset[str]:
    return frozenset(str(n) for n in table("cues").get("dataset_names", ()))


NOT_OWNERS = frozenset(
    {"datasets", "spaces", "docs", "blob", "tree", "resolve", "www", "github.com"}
)


# Between two names of one enumeration: "GPT-4, Claude 2 and Llama 2", "`gpt-4` / `claude-2`".
LIST_GAP = re.compile(
    r"^[\w.-]{0,30}?[`*_)\]\s]*(?:,|/|&|、|\band\b|\bor\b|,\s*(?:and|or)\b)[`*_(\[\s]*(?:[\w.-]{1,40}/)?$",
    re.IGNORECASE,
)


LEAD_IN = re.compile(
    r"(?:generat|synthesi|distill|generator|生成|合成)[^\n]{0,120}(?:following|below|these|listed|以下|次の)"
    r"|(?:following|below|these|以下|次の)[^\n]{0,80}(?:generat|synthesi|generator|生成|合成)"
    r"|(?:generat\w*|produced|written|created) (?:by|with|using)(?: the following)?(?: models?)?\s*[:：]\s*$"
    r"|(?:generat\w*|distill\w*|synthesi[sz]ed|sampled) (?:by|with|using|from) [^\n.:]{0,40}\b(?:models?|llms?|teachers?)\s*[:：]\s*$"
    r"|(?:generat|synthesi|sampl)\w*[^\n.]{0,80}\b(?:one of|each of|several|multiple|\d+|two|three|four|five|six|seven|eight|nine|ten)"
    r"\b[\w -]{0,50}\b(?:llms|models)\b",
    re.IGNORECASE,
)


def _listed_after_lead_in(card: Card, unit: Unit, hit: Hit, lines: list[int], text: str) -> bool:
    """A list item that is only a model's name, under a sentence of the same section (at most 12
    lines up) that says the listed models generated the data ("Responses were generated with the
    following models:", "`generator` として以下の3種類のモデルが使用されています")."""
    if unit.kind == "table":
        return _tabled_after_lead_in(card, unit, hit, lines, text)
    text = unit.text.strip(" *-`_")
    lo = unit.text.strip().find(hit.text)  # the whole token the name sits in ("org/Name-24B-2506")
    token = next((t for t in text.split() if hit.text in t), hit.text) if lo >= 0 else hit.text
    if len(text) - max(len(hit.text), len(token)) > 12:
        return False
    nearby = card.units[bisect_left(lines, unit.line - 12) : bisect_left(lines, unit.line)]
    return any(
        LEAD_IN.search(u.text[-300:])
        for u in nearby
        if u.kind == "prose" and u.section == unit.section
    )


# "* Model: org/name", "- DocT5query model used: [org/name](...)", "Generator: gpt-4o": a model
# given as the value of a model label; the label's own words may give another role.
MODEL_LABEL = re.compile(
    r"(?:^|[-*•|]\s*)(?P<label>[\w .()-]{0,30}?)\b(?:models?|generators?|teachers?|llms?)"
    r"(?:\s+(?:used|name|id))?\s*\**\s*[:：]\s*\**[`\[]*$",
    re.IGNORECASE,
)
NOT_A_GENERATOR_LABEL = re.compile(
    r"judge|eval|reward|base|baseline|embed|token|classif|filter|guard|moderat|train|fine|student|"
    r"reference|compar|target|tested|score|rat(?:er|ing)|detect|identif|ocr|asr|speech",
    re.IGNORECASE,
)


def _labelled(
    card: Card, unit: Unit, text: str, hit: Hit, lines: list[int]
) -> tuple[str, int] | None:
    """A model given under a model label: a generator, strong when the lines just above (same
    section) or its own sentence say the content was generated ("20 synthetic queries generated
    for each passage" above "- DocT5query model used: ..."), weak otherwise."""
    label = MODEL_LABEL.search(text[max(0, hit.start - 70) : hit.start])
    if unit.kind != "prose" or label is None or NOT_A_GENERATOR_LABEL.search(label.group("label")):
        return None
    nearby = card.units[bisect_left(lines, unit.line - 6) : bisect_left(lines, unit.line) + 1]
    generated = cue("generator")
    if any(
        generated.search(u.text) for u in nearby if u.kind == "prose" and u.section == unit.section
    ):
        return "generator", 2
    return "generator", 1


def _tabled_after_lead_in(card: Card, unit: Unit, hit: Hit, lines: list[int], text: str) -> bool:
    """A name in the first column of a table that follows (at most 6 lines before its header) a
    sentence saying the listed models generated the data ("... generate an output with one of ten
    open-source LLMs:" above "| Name | Base | ... |"). Other columns (a base model) say nothing."""
    before = text[: hit.start]
    if not unit.info or before.strip(" |").count("|") or "](" in before:
        return False  # not the first column, or inside a link target
    i = bisect_left(lines, unit.line)
    while i > 0 and card.units[i - 1].kind == "table" and card.units[i - 1].info in (unit.info, ""):
        i -= 1
    first = card.units[i].line
    nearby = card.units[bisect_left(lines, first - 6) : i]
    return any(
        LEAD_IN.search(u.text[-300:])
        for u in nearby
        if u.kind == "prose" and u.section == unit.section
    )


def _front_matter(card: Card) -> Iterator[Signal]:
    yield from _predictions(card)
    matcher = model_matcher()
    for key, value in card.front_matter.items():
        low = key.lower()
        if low in GENERATOR_KEYS:
            role = "generator"
        elif low == "tags":
            role = "tag"
        else:
            continue
        for text in iter_front_matter_strings(value):
            hits = list(find_all(matcher, text))
            if not hits and role == "generator" and re.fullmatch(HUB_MODEL, text.strip()):
                line = card.key_line(key, text.strip())  # a Hub model id the table does not know
                yield Signal(
                    "model", text.strip(), Evidence.of(line, card.line_text(line)), role, 2,
                    detail=f"front matter `{key}`",
                )  # fmt: skip
            for hit in hits:
                line = card.key_line(key, hit.text)
                yield Signal(
                    "model",
                    hit.name,
                    Evidence.of(line, card.line_text(line)),
                    role,
                    2,
                    detail=f"front matter `{key}`",
                )


def _predictions(card: Card) -> Iterator[Signal]:
    """``type: predictions`` with ``eval_info: {task, model}``: the repository holds that model's
    outputs; a teacher when the task writes text (summaries, translations), else evaluated."""
    info = card.front_matter.get("eval_info")
    if str(card.front_matter.get("type", "")).lower() != "predictions" or not isinstance(
        info, dict
    ):
        return
    model, task = info.get("model"), str(info.get("task", "")).lower()
    if not isinstance(model, str) or not model.strip():
        return
    writes = task in table("cues").get("text_writing_tasks", ())
    line = card.key_line("model", model.strip())
    hits = list(find_all(model_matcher(), model))
    repo = model.strip().rsplit("/", 1)[-1]
    name = hits[0].name if hits and len(hits[0].text) >= len(repo) - 2 else model.strip()
    yield Signal(
        "model", name, Evidence.of(line, card.line_text(line)),
        "generator" if writes else "evaluated", STRUCTURED,
        detail=f"front matter `eval_info.model` (predictions for {task or 'an unnamed task'})",
    )  # fmt: skip


def _role(unit: Unit, section: str, text: str, hit: Hit) -> tuple[str, int]:
    if unit.kind == "citation" or section == "citation":
        return "cited", 2
    if (unit.kind == "code" and unit.info == "mermaid") or ("-->" in text and EDGE.search(text)):
        return _diagram_role(text, hit)
    if unit.kind == "table" and unit.info and _column_says_not_generated(unit.info, text, hit):
        return "mentioned", 2  # the "Base" or "License" column of a table of models
    if TREE_ENTRY.search(text[max(0, hit.start - 40) : hit.start]) and TREE_NAME_END.match(
        text[hit.end : hit.end + 40]
    ):
        return "generator", 1  # "├── gpt-4o/" in a folder tree: a folder of that model's outputs
    if unit.kind == "code":
        return _code_role(text, hit, section)
    # Only the text around the name can speak for it; a window keeps long lines linear.
    lo = max(0, hit.start - CONTEXT)
    text = text[lo : hit.end + CONTEXT]
    hit = Hit(hit.name, hit.start - lo, hit.end - lo, hit.text)
    before = text[: hit.start]
    after = text[hit.end : hit.end + 60]
    fixed = _role_by_wording(text, hit, before, after)
    if fixed is not None:
        return fixed
    if cue("contrast").search(clause_before(text, hit.start)) or REPLACED_AFTER.match(after):
        return "contrast", 2  # "unlike Alpaca", "with text-davinci-003 replaced by Llama 3"
    if NEGATED_NAME.search(before[-12:]):
        return "negated", 2
    role, strength, cue_span = _nearest_cue(text, hit)
    if role == "generator" and _negated(text, hit, cue_span):
        return "negated", 2
    if strength < 2 and unit.kind == "table" and unit.info:
        role, strength = _table_role(unit.info, section, role, strength)
    if role == "neutral" and cue("preposition").search(before[-60:]):
        role, strength = "generator", 1
    if role == "neutral" and section == "generation":
        role, strength = "generator", 1
    if role == "generator" and strength == 1 and NEGATED_AFTER.match(text, hit.end):
        return "negated", 2  # "GPT-4 was not used to create any data"
    if strength == 1 and section in ("evaluation", "tasks"):
        return "baseline", 1  # "Supported Tasks": "see the repo for examples using GPT-2"
    if strength == 1 and section == "tagging":
        return "filter", 1  # "Document Tagging: ... Integration with Qwen-VL models"
    if strength == 1 and section == "uses":
        return "trained_on", 1
    if role == "neutral" and cue("cited").search(text):
        return "cited", 1
    return role, strength


def _role_by_wording(text: str, hit: Hit, before: str, after: str) -> tuple[str, int] | None:
    """A role the words right around the name settle on their own, whatever cue is near."""
    if DATASET_PATH.search(before[-40:]) or _in_dataset_link(text, hit):
        return "dataset", 2  # "[dalle-mini/wit](https://huggingface.co/datasets/dalle-mini/wit)"
    if TRAINING_BEFORE.search(before[-60:]) or BOT_BEFORE.search(before[-120:]):
        return "trained_on", 2  # "training GPT2 on the data", "to create a chatbot using GPT-J"
    if PERPLEXITY_BEFORE.search(before[-60:]):
        return "filter", 2  # "a high perplexity under a GPT-2 model": a filter's measure
    if COMPATIBLE_BEFORE.search(before[-60:]) and not cue("generator").search(after):
        return "mentioned", 2  # "will not work well with the standard Stable Diffusion model"
    if USE_OF_BEFORE.search(before[-30:]) and not cue("generator").search(after):
        return "mentioned", 1  # "the content policy applies to the use of DALL-E"
    tool = cue("tool_after").search(after[:40])
    component = COMPONENT_BEFORE.search(before[-50:])
    if tool is not None:  # "the LLaMA tokenizer"
        return _component_role(after[: tool.end()]), 2
    if component is not None:  # "the same VAE as Stable Diffusion"
        return _component_role(before[-50:][component.start() :]), 2
    if EMBEDDED_BY.search(before[-80:]):
        return "embedding", 2  # "embeddings generated by both GPT-3 and Top2Vec"
    if LABEL_AFTER.match(after):
        return "mentioned", 2  # "DocT5query model used: org/name": the kind; the value is the model
    if cue("likeness").search(after[:20]):
        return "mentioned", 2  # "a UL2 like instruction set", "Llama-style prompts": a likeness
    if IN_REPOSITORY_URL.search(before[-120:]):
        return "mentioned", 2  # "github.com/org/stable-diffusion-webui": a code repository
    if HUB_LISTING_AFTER.match(after):
        return "trained_on", 2  # "org/model Text Generation • 4B • Updated": a Hub list of models
    if PAPER_LINK.match(after):
        return "cited", 2  # "[OLMo 2](https://arxiv.org/abs/...)": the model's paper
    if DATASET_AFTER.match(after):
        return "dataset", 2  # "the Nemotron dataset": a collection named after a model
    if FILTER_AFTER.match(after):
        return "filter", 2  # "a Llama Guard 3 classifier"
    if "guard" in hit.text.lower():
        return "filter", 2  # "Llama-Guard-3-8B": a safety classifier is never a teacher
    if REWARD_NEAR.search(text[max(0, hit.start - 12) : hit.end + 12]):
        return "judge", 2  # "Skywork-Reward-Llama-3.1-8B": a reward model is never a teacher
    if DISCLAIMER.search(text):
        return "disclaimer", 2  # "not affiliated with OpenAI; GPT-4 is a trademark"
    if PURPOSE_AFTER.match(after):
        return "judge", 2  # "generated using X for annotation": its output is labels or scores
    return None


DATASET_PATH = re.compile(r"\bdatasets/(?:[\w.-]+/)?$", re.IGNORECASE)


def _in_dataset_link(text: str, hit: Hit) -> bool:
    """The name is an owner or part of a Hub dataset id that the sentence links to
    ("[dalle-mini/wit](.../datasets/dalle-mini/wit)", "[teknium/GPT4-LLM-Cleaned](...)"), or
    the second part of a dataset's name ("alpaca-gpt4", "sharegpt_gpt4")."""
    if MODEL_CONTENT_AFTER.match(text, hit.end):
        return False  # "claude-code-traces", "gpt4-outputs": the model's output, named so
    prefix = DATASET_PREFIX.search(text[max(0, hit.start - 30) : hit.start])
    if prefix and prefix.group(1).lower() in _dataset_names():
        return True
    token = re.match(r"[\w.-]*/[\w.-]+", text[_token_start(text, hit.start) : hit.start + 120])
    if token is None:
        return False
    return f"datasets/{token.group().lower()}" in text.lower()


MODEL_CONTENT_AFTER = re.compile(
    r"(?:[-_.][A-Za-z0-9]+){0,2}?[-_](?:traces|outputs|generations|responses|completions|answers|"
    r"conversations|chats|distill\w*)\b",
    re.IGNORECASE,
)
DATASET_PREFIX = re.compile(r"(?:^|[^\w.-])([A-Za-z]+)[-_]$")


# A model being trained or tuned: "training GPT2 on the data", "for tuning stable diffusion",
# "train custom chatgpt question answering model".
TRAINING_BEFORE = re.compile(
    r"\b(?:re-?)?(?:train|training|fine-?tun(?:e|ing)|tun(?:e|ing)|pre-?train(?:ing)?)\s+"
    r"(?:(?:a|an|the|your|our|their|my|custom|own|other)\s+)*[`*\[]*$",
    re.IGNORECASE,
)
# A bot or model built on the data with a model: "to create a "grugbot" or sorts using GPT-J".
BOT_BEFORE = re.compile(
    r"\bto (?:create|build|make|train|develop|power) (?:a |an |the |our |my |your )?[\w\"'-]*?"
    r"(?:bot|model|assistant|agent)[\"']?(?=[\s,])[^.;]{0,30}?\b(?:using|with|on)\s+(?:the |an? )?[`*\[]*$",
    re.IGNORECASE,
)
PERPLEXITY_BEFORE = re.compile(
    r"\bperplexit(?:y|ies)\b[^.;]{0,30}?\b(?:under|of|from|by|using|with|according to|on)\s+"
    r"(?:an? |the )?[`*\[]*$",
    re.IGNORECASE,
)
COMPATIBLE_BEFORE = re.compile(
    r"\b(?:works?|worked|working|compatible|compatibility)\b(?:\s+(?:well|best|fine|better|nicely|only|also))?"
    r"\s+(?:with|for|on|in)\s+(?:the |a |an )?(?:standard |original |base |stock |default )?[`*\[]*$",
    re.IGNORECASE,
)
USE_OF_BEFORE = re.compile(r"\buse of (?:the |an? )?[`*\[]*$", re.IGNORECASE)


def _component_role(words: str) -> str:
    """The part of a model a card uses: its tokenizer, embeddings or chat template, or another
    part (a VAE, the architecture, the licence), which is only ``mentioned``."""
    low = words.lower()
    if re.search(r"tokeni[sz]er|\btok\.|\btokens\b|vocabulary", low):
        return "tokenizer"
    if re.search(r"embedding|vectors?\b", low):
        return "embedding"
    if re.search(r"template|chat (?:format|encoding)|prompt format|\bencoding\b", low):
        return "chat_template"
    return "mentioned"


EMBEDDED_BY = re.compile(
    r"\b(?:embeddings?|vectors?|sentence representations?)\s+(?:were\s+|are\s+|was\s+|is\s+)?"
    r"(?:generated|computed|produced|created|obtained|extracted|calculated)\s+(?:by|with|using|from|via)\s+"
    r"(?:both\s+|the\s+|an?\s+)?[`*\[]*$",
    re.IGNORECASE,
)
COMPONENT_BEFORE = re.compile(
    r"\b(?:vae|autoencoder|text encoder|encoder|tokeni[sz]er|vocabulary|embeddings?|"
    r"(?:chat |prompt )?templates?|chat format|prompt format)\b"
    r"[^.;\n]{0,25}\b(?:as|of|from)\s+(?:that |those )?(?:of |used by |employed by |in )?(?:the )?[`*\[]*$",
    re.IGNORECASE,
)
LABEL_AFTER = re.compile(
    r"^[`*_]*\s*(?:models?|generators?|llms?)(?:\s+(?:used|name|id))?\s*\**\s*[:：]\s*\**\s*\S",
    re.IGNORECASE,
)
IN_REPOSITORY_URL = re.compile(r"(?:github\.com|gitlab\.com)/[\w.-]+/[\w.-]*$", re.IGNORECASE)
HUB_LISTING_AFTER = re.compile(
    r"^[\w.-]*\s*(?:[A-Z][\w-]*(?: [\w-]+){0,3}\s*)?•\s*(?:[\d.]+[BMK]?\s*•\s*)?Updated\b"
)
DATASET_AFTER = re.compile(
    r"^-(?:cc|mix|mixture|corpus|pretraining)\b|^(?![\w.-]*(?:generated|written|produced|created|distilled|synthesi[sz]ed|translated|annotated|labell?ed))[\w.-]{0,24}[`*_\]]*\s*(?:\([^)]{0,40}\)\s*)?(?:dataset|datasets|corpus|collection|subset|data(?:\s+set)?\b|mixture|sft data|prompts? (?:set|collection))",
    re.IGNORECASE,
)
FILTER_AFTER = re.compile(
    r"^[\w .-]{0,20}?\b(?:guard|classifiers?|filters?|detectors?|moderation|safety model)\b",
    re.IGNORECASE,
)
REWARD_NEAR = re.compile(r"reward", re.IGNORECASE)
DISCLAIMER = re.compile(
    r"\b(?:trademarks?|not (?:affiliated|endorsed|sponsored)|no affiliation)\b", re.IGNORECASE
)
PAPER_LINK = re.compile(
    r"^[^\s\]]{0,30}\]\(\s*https?://(?:www\.)?(?:arxiv\.org|aclanthology\.org|openreview\.net|doi\.org|papers\.nips|proceedings\.|dl\.acm\.org)",
    re.IGNORECASE,
)
PURPOSE_AFTER = re.compile(
    r"^[^.;,]{0,25}?\b(?:for (?:the )?(?:annotation|annotating|labell?ing|scoring|rating|grading|classification|filtering|judging|evaluation)"
    r"|to (?:annotate|label|score|rate|grade|classify|filter|judge|evaluate|verify|validate|check|proofread))\b",
    re.IGNORECASE,
)
REPLACED_AFTER = re.compile(
    r"[\w.-]*[`*\])]*\s+(?:(?:was|is|being|were|are)\s+)?(?:replaced|swapped|substituted)\s+(?:by|with|for)\b",
    re.IGNORECASE,
)
NEGATED_AFTER = re.compile(
    r"[\w.-]*[`*\])]*\s+(?:(?:was|were|is|are|has|have|had|did|does|do|will|would|could)\s+)?"
    r"(?:not|never|n't)\b",
    re.IGNORECASE,
)
NEGATED_NAME = re.compile(
    r"\b(?:no|not|without|never|nor)\s+(?:any\s+|the\s+)?[`*_]*$", re.IGNORECASE
)


LINK_TARGET = re.compile(r"\]\(\s*(?:https?://|www\.)[^\s)]*$")
NOT_GENERATED_COLUMN = re.compile(
    r"\b(?:base|backbone|architecture|licen[cs]e|paper|reference|citation|sft corpus|training data)\b",
    re.IGNORECASE,
)


def _column_says_not_generated(header: str, text: str, hit: Hit) -> bool:
    cells = [c.strip() for c in header.strip().strip("|").split("|")]
    column = text[: hit.start].lstrip().lstrip("|").count("|")
    return column < len(cells) and bool(NOT_GENERATED_COLUMN.search(cells[column]))


TREE_ENTRY = re.compile(r"(?:^|\n)[\s│|]*(?:├──|└──|\|--|\+--|`--)\s*[\w.-]{0,40}/?[\w.-]*$")
TREE_NAME_END = re.compile(r"^[\w.-]*(?:/|\.(?:jsonl|json|parquet|csv|tsv|arrow)\b)")


def _table_role(header: str, section: str, role: str, strength: int) -> tuple[str, int]:
    """A row of a table takes its meaning from the header ("teacher | share", "model | win rate")."""
    if section in ("evaluation", "uses"):
        return role, strength
    if cue("baseline").search(header) or cue("judge").search(header):
        return "baseline", 1
    if (
        cue("generator").search(header)
        or cue("generator_weak").search(header)
        or TEACHER_HEADER.search(header)
    ):
        return "generator", 2 if section == "generation" else 1
    return role, strength


TEACHER_HEADER = re.compile(r"\b(?:teachers?|generators?|completions?|share)\b", re.IGNORECASE)


GENERATOR_FIELD = re.compile(
    r"[\"']?\b(?:model|model_name|model_id|generator|generated_by|generation_model|teacher|teacher_model|source_model)"
    r"[\"']?\s*:\s*[\"']?[\w./-]*$",
    re.IGNORECASE,
)


EDGE = re.compile(r"\w\[[^\]\n]{0,200}\]\s*-->")  # a graph edge: A[label] --> B[label]
MODEL_FLAG = re.compile(r"--(?:model|model[_-]name|model[_-]id|llm|generator)(?:\s+|=)\S*$")
TAGGING_CODE = re.compile(
    r"tagg(?:ing|er)|classif(?:y|ier|ication)|moderat(?:e|ion)", re.IGNORECASE
)
GENERATING_SCRIPT = re.compile(
    r"generat|synth|distil|augment|\bgen_|_gen\b|rewrite|create", re.IGNORECASE
)


def _command(text: str, pos: int) -> str:
    """The shell command around ``pos``: its line and the lines it continues with ``\\``."""
    start = text.rfind("\n", 0, pos) + 1
    while start > 1 and text[: start - 1].rstrip(" ").endswith("\\"):
        start = text.rfind("\n", 0, start - 1) + 1
    end = text.find("\n", pos)
    return text[start : end if end >= 0 else len(text)]


def _diagram_role(text: str, hit: Hit) -> tuple[str, int]:
    """A model in a pipeline diagram (a mermaid block) generates unless its node compares,
    judges, rates or filters: ``B --> C[llama70B<br>Llama-3.3-70B-Instruct]``."""
    start = max(text.rfind("[", 0, hit.start), text.rfind("\n", 0, hit.start))
    stop = text.find("]", hit.end)
    node = text[max(0, start - 40) : stop if stop >= 0 else hit.end + 40]
    if cue("judge").search(node) or re.search(r"compar|filter|classif|verif", node, re.IGNORECASE):
        return "judge", 2
    return "generator", 2


def _code_role(text: str, hit: Hit, section: str) -> tuple[str, int]:
    """Read the code lines around the name: a model judged with, trained, or called to generate."""
    text = text[max(0, hit.start - CONTEXT) : hit.end + CONTEXT]
    shift = max(0, hit.start - CONTEXT)
    hit = Hit(hit.name, hit.start - shift, hit.end - shift, hit.text)
    lo = text.rfind("\n", 0, max(0, text.rfind("\n", 0, hit.start)))
    hi = text.find("\n", hit.end)
    window = text[max(0, lo) : hi if hi >= 0 else len(text)]
    if cue("code_judge").search(window):
        return "judge", 2
    if GENERATOR_FIELD.search(text[max(0, hit.start - 40) : hit.start]):
        return "generator", 2  # an example row's generator field: {"model_name": "gpt-4", ...}
    command = _command(text, hit.start)
    if MODEL_FLAG.search(text[max(0, hit.start - 30) : hit.start]) and GENERATING_SCRIPT.search(
        command
    ):
        return "generator", 2  # "python generate_issues.py --model claude-3-7-sonnet"
    if cue("code_train").search(window):
        return "trained_on", 2
    if TAGGING_CODE.search(text, 0, hit.start) and not GENERATING_SCRIPT.search(text):
        return "filter", 2  # "from src.vllm_tagging import process_documents ... model_name=X"
    if section == "uses":
        return "trained_on", 1  # loading a model in a usage or training snippet
    if cue("code_call").search(window) or section == "generation":
        return "generator", 2
    return "mentioned", 1


def _nearest_cue(text: str, hit: Hit) -> tuple[str, int, tuple[int, int]]:
    """The closest strong cue around the name; weak generator cues only when no strong one."""
    best: tuple[int, str, tuple[int, int]] | None = None
    for role in STRONG:
        for m in cue(role).finditer(text):
            if NAME_PREFIX.search(text, max(0, m.start() - 24), m.start()):
                continue  # "R1-distill", "Qwen3-thinking": the word is part of a model's name
            if role == "trained_on" and _describes_the_model(text, m.span(), hit):
                continue  # "produced by a fine-tuned Florence-2 model": a fine-tune of it wrote
            gap = _gap(m.span(), hit, text)
            if gap is not None and gap <= WINDOW and (best is None or gap < best[0]):
                best = (gap, role, m.span())
    if best is not None:
        return best[1], 2, best[2]
    for m in cue("generator_weak").finditer(text):
        gap = _gap(m.span(), hit, text)
        if gap is not None and gap <= 30 and (best is None or gap < best[0]):
            best = (gap, "generator", m.span())
    if best is not None:
        return "generator", 1, best[2]
    return "neutral", 0, (hit.start, hit.end)


def _describes_the_model(text: str, span: tuple[int, int], hit: Hit) -> bool:
    """A training word used as the name's adjective ("a fine-tuned Florence-2-large model")
    after a generation cue; the model wrote, it was not trained on this data."""
    start, end = span
    if end > hit.start or text[end : hit.start].strip(" `*[") != "":
        return False
    before = text[max(0, start - 60) : start]
    return bool(TUNED_ADJECTIVE.search(before)) and cue("generator").search(before) is not None


TUNED_ADJECTIVE = re.compile(r"\b(?:an?|the|our|their|its|own)\s+$", re.IGNORECASE)
CJK_CLAUSE_END = re.compile(r"[、，。；]")
LINK_ADDRESS = re.compile(r"\]\([^)\s]*\)")
NAME_PREFIX = re.compile(r"\b[A-Za-z]*\d[\w.]*-$")
CUE_PREPOSITION = re.compile(r"^\s*(?:by|with|using|via|from|through)\s+(?:the\s+)?", re.IGNORECASE)


def _gap(span: tuple[int, int], hit: Hit, text: str) -> int | None:
    """Characters between a cue and the name; a cue's own preposition before the name does not
    count ("generated with GPT-4o and checked by people": the generation cue is the closer)."""
    start, end = span
    if end <= hit.start:
        between = text[end : hit.start]
        if CJK_CLAUSE_END.search(between):
            return None  # "再生成した回答を並べ、[model]により…": that cue is the clause before
        return len(LINK_ADDRESS.sub("", CUE_PREPOSITION.sub("", between, count=1)))
    if start >= hit.end:
        return len(LINK_ADDRESS.sub("", text[hit.end : start]))  # a link's address is no text
    return None  # the cue overlaps the name itself ("gpt-4-generated" is handled by its suffix)


NEGATION_SCOPE = re.compile(r"[,;:()]|\bbut\b|\bwhile\b|\bwhereas\b")


def _negated(text: str, hit: Hit, cue_span: tuple[int, int]) -> bool:
    """A negation between the clause start and the name or its cue ("no GPT-4 outputs were used")."""
    lo = min(hit.start, cue_span[0])
    hi = max(hit.end, cue_span[1])
    clause_start = 0
    for m in NEGATION_SCOPE.finditer(text, 0, lo):
        clause_start = m.end()
    window = text[max(clause_start, lo - 40) : hi]
    return cue("negation").search(window) is not None


NOT_GENERATED = (
    "judge", "baseline", "trained_on", "negated", "contrast", "dataset", "filter", "disclaimer",
    "evaluated",
)  # fmt: skip


def is_generator(signals: list[Signal]) -> bool:
    """Decide from all mentions of one model whether it generated data."""
    structured = [s for s in signals if s.strength >= STRUCTURED]
    if structured:
        return any(s.role == "generator" for s in structured)
    strong_gen = any(s.role == "generator" and s.strength >= 2 for s in signals)
    weak_gen = any(s.role == "generator" for s in signals)
    other_strong = any(s.role in NOT_GENERATED and s.strength >= 2 for s in signals)
    if strong_gen:
        return True
    return weak_gen and not other_strong


def synthetic_hint(card: Card, signals: list[Signal]) -> bool:
    """Does anything besides a bare tag say that models produced content?"""
    if any(s.role == "generator" and s.strength >= 2 and s.detail == "" for s in signals):
        return True
    creators = " ".join(
        iter_front_matter_strings(
            [
                card.front_matter.get("annotations_creators"),
                card.front_matter.get("language_creators"),
            ]
        )
    )
    tags = " ".join(iter_front_matter_strings(card.front_matter.get("tags"))).lower()
    return "machine-generated" in creators or "synthetic" in tags or "distilabel" in tags


def resolve(card: Card, seen: Seen) -> Roles:
    """(teachers, judges, other mentions): one evidence signal per model, best first."""
    by_model: dict[str, list[Signal]] = {}
    signals = seen.signals("model")
    for signal in signals:
        by_model.setdefault(signal.name, []).append(signal)
    tags_count = synthetic_hint(card, signals)
    teachers: dict[str, Signal] = {}
    judges: dict[str, Signal] = {}
    others: list[Signal] = []
    for name, group in by_model.items():
        group = [
            Signal(s.kind, s.name, s.evidence, "generator", 2, s.detail)
            if s.role == "tag" and tags_count
            else s
            for s in group
        ]
        if is_generator(group):
            teachers[name] = max(
                (s for s in group if s.role == "generator"),
                key=lambda s: (s.strength, -s.evidence.line),
            )
        judge = [s for s in group if s.role == "judge"]
        if judge:
            judges[name] = judge[0]
        elif name not in teachers:
            others.append(min(group, key=lambda s: (-s.strength, s.evidence.line)))
    _drop_generic(teachers)
    return Roles(teachers, judges, others)


def _drop_generic(teachers: dict[str, Signal]) -> None:
    """A bare family name ("LLaMA", "Qwen", "DeepSeek": no version digit) adds nothing when a
    specific model of it ("Llama 3 70B", "Qwen2 72B") is also a teacher, and so does "Llama 2" beside
    "Llama 2 70B"; "GPT-4" stays beside "GPT-4o" and "GPT-4 Turbo", which are other models."""
    names = list(teachers)
    for name in names:
        generic = not any(c.isdigit() for c in name)
        if any(
            other != name
            and (
                (other.startswith(name) and SIZED.match(other[len(name) :]))
                or (generic and other.lower().startswith(name.lower()))
            )
            for other in names
        ):
            del teachers[name]


SIZED = re.compile(
    r"^ \d+(?:\.\d+)?(?:x\d+(?:\.\d+)?)?[BM]$"
)  # " 70B", " 8x7B": a size of the same model
