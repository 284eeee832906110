"""Origin: synthetic, human, web, mixed or unknown, from structured fields and the text.

Structured fields weigh most (``language_creators``, ``annotations_creators``, ``tags`` such as
``synthetic``), then what the other detectors found (teachers, platforms, annotator pools, web
sources), then cue phrases ("human-written", "scraped from"). Who wrote the text (a model, people
for this dataset, or nobody new: collected text) is kept apart from people's labels, ratings and
checks on it: labels on collected or generated text make a human part, so crowd labels on web text
are mixed. A part much weaker than the strongest one (a third or less) is not "substantial" and
does not make the card mixed; when no part is stated strongly, one plain statement decides.
Two kinds of statement make a card mixed by design, however long the rest: people's prompts kept
with what a model made of them, and a system's translation of people's or found text.

Passing example (web + crowd labels → mixed)::

    annotations_creators: [crowdsourced]
    language_creators: [found]

Failing example: none; this detector reports signals, not findings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..card import Card
from ..knowledge import cue
from ..recipe import Evidence
from ..text import Sentence, doc_of
from . import Observation, Seen, Signal, evidence_at, iter_front_matter_strings

USES_ROLES = True
ID = "origin"
CREATOR_KEYS = ("language_creators", "annotations_creators")
HUMAN_CREATORS = {"crowdsourced", "expert-generated"}
COUNTED_PEOPLE = re.compile(
    r"\b(?:by|from) (?:over |more than |about |around |nearly |~)?"
    r"(?:\d[\d,.]*k?|two|three|four|five|six|seven|eight|nine|ten|several|multiple|hundreds of|thousands of) "
    r"(?:[a-z-]+ ){0,2}(?:annotators|speakers|experts|raters|workers|crowdworkers|linguists|translators|people|students|volunteers|"
    r"participants|contributors|writers|doctors|physicians|clinicians|radiologists|nurses|teachers|lawyers|editors)\b",
    re.IGNORECASE,
)
WEB_TAGS = {
    "reddit",
    "twitter",
    "tweets",
    "wikipedia",
    "web",
    "web-scraped",
    "crawl",
    "common-crawl",
    "news",
    "forum",
}
SCRAPED_FROM = re.compile(
    r"\b(?:scraped|crawled|harvested|downloaded|collected|gathered)\s+(?:\w+\s+){0,3}?from\s+(?:the\s+)?\[?[A-Z\w]"
    r"|\bbulk (?:download|export|dump)s?\b",
    re.IGNORECASE,
)
EXISTING_FROM = re.compile(r"\b(?:selected|taken|drawn|sampled|sourced) from\b")
CONTENT = (
    r"(?:answers?|responses?|outputs?|completions?|solutions?|captions?|summar(?:y|ies)|dialogues?|"
    r"conversations?|instructions?|questions?|prompts?|texts?|rationales?|explanations?)"
)
GENERATED_CONTENT = re.compile(  # "the answers are model-generated", "model-written dialogues"
    rf"\b{CONTENT}\b (?:\w+ ){{0,3}}?(?:are|were|is|was) (?:\w+ ){{0,2}}?"
    r"(?:(?:machine|model|ai|llm|gpt)[- ](?:generated|written|produced)\b"
    r"|generated (?:by|with|using) (?:an? |the )?(?:[\w-]+ ){0,3}?(?:models?|llms?)\b)"
    rf"|\b(?:machine|model|ai|llm|gpt)[- ](?:generated|written|produced) (?:[\w-]+ )?{CONTENT}\b",
    re.IGNORECASE,
)
# People counted for this work, or annotators named as the writers of the content: "annotated by
# three native speakers", "the responses were written by human annotators" (a "human-written"
# summary is as often a found one, written for a website).
PEOPLE_WROTE = re.compile(
    COUNTED_PEOPLE.pattern + r"|\b(?:written|authored|composed|crafted|drafted) by (?:\w+ ){0,2}?"
    r"(?:annotators|crowd[- ]?workers|crowdsource workers|turkers)\b",
    re.IGNORECASE,
)
MODELS_WEIGHT = 8.0  # what teachers weigh together: how many models wrote says little of how much
SKIPPED = ("citation", "evaluation", "uses")  # sections whose wording says nothing of the origin
NOT_STATEMENTS = ("citation", "evaluation", "tasks")  # where "translation" names a task
PRESENT = 2.0  # weight a component needs to count at all
WEAK = 1.0  # weight enough when nothing else is said
DOMINANCE = 3.0  # a component this many times weaker than the strongest is dropped


def check(card: Card, seen: Seen) -> Iterator[Observation]:
    # labels: people's labels, ratings and checks on text they did not write
    votes: dict[str, list[tuple[float, Evidence]]] = {
        k: [] for k in ("synthetic", "human", "web", "labels")
    }
    collected = (bool(seen.signals("web_source")) or _says_scraped(card)) and not (
        seen.signals("platform") or seen.signals("pool")
    )
    _structured(card, votes, collected)
    translated = _machine_translation(card, votes)
    both = _both(card, votes) or _prompted_outputs(card, votes)
    teachers = sorted(seen.model_roles(card).teachers.values(), key=lambda t: -t.strength)
    room = MODELS_WEIGHT  # ten models in a table are not ten times the text
    for signal in teachers:
        weight = min(room, 4.0 if signal.strength >= 2 else 2.0)
        if weight > 0:
            votes["synthetic"].append((weight, signal.evidence))
            room -= weight
    for signal in seen.signals("platform") + seen.signals("pool"):
        weight = WEAK if QUALITY_STUDY.search(signal.evidence.text) else 2.0
        votes[_human_work(signal.evidence.text)].append((weight, signal.evidence))
    web: dict[str, Signal] = {}
    for signal in seen.signals("web_source"):
        if signal.name not in web or signal.strength > web[signal.name].strength:
            web[signal.name] = signal
    for signal in web.values():
        votes["web"].append((2.0 if signal.strength >= 2 else 1.0, signal.evidence))
    _cues(card, votes)
    if not (teachers or translated or both):
        _unbacked_machine_field(card, votes)
    _collection_of_datasets(card, votes)
    _people_beside_models(card, votes)
    _labelled_documents(card, votes)
    _read_and_labelled_sources(votes)
    present = _components(votes)
    if both:  # the card says it holds both by design: neither part is a minor one
        present = sorted({*present, "human", "synthetic"})
    if translated and present and "synthetic" not in present:
        present = sorted({*present, "synthetic"})  # a system translated people's or found text
    elif translated and present == ["synthetic"] and not teachers:
        present = ["synthetic", "web"]  # what a system (no model writing) translated existed
    origin = present[0] if len(present) == 1 else ("mixed" if present else "unknown")
    evidence = [
        e
        for k in present
        for _, e in sorted(
            votes[k] + (votes["labels"] if k == "human" else []),
            key=lambda v: (-v[0], v[1].line),
        )[:2]
    ]
    detail = ",".join(present)
    for e in evidence:
        yield Signal("origin", origin, e, "classified", 2, detail)
    if not evidence:
        yield Signal("origin", origin, Evidence(1, ""), "classified", 0, detail)


def _unbacked_machine_field(card: Card, votes: dict[str, list[tuple[float, Evidence]]]) -> None:
    """``language_creators: machine-generated`` that nothing in the text backs (no model named, no
    statement that models wrote) while the text says strongly that the content was collected
    ("2 million (comment, code) pairs collected from GitHub repositories"): a hint, not a part."""
    in_fields = [v for v in votes["synthetic"] if v[1].line < card.body_start]
    said = [v for v in votes["synthetic"] if v[1].line >= card.body_start]
    collected = any(w >= PRESENT and e.line >= card.body_start for w, e in votes["web"])
    if not in_fields or said or not collected:
        return
    title = " ".join(iter_front_matter_strings(card.front_matter.get("pretty_name")))
    if MACHINE_MADE.search(title) or MACHINE_MADE.search(doc_of(card).text):
        return  # "Machine Paraphrase Dataset (SpinBot)": the title backs the field
    votes["synthetic"] = [(WEAK, e) for _, e in in_fields]


MACHINE_MADE = re.compile(
    r"\bparaphras\w*|\bsynthe\w*|\bspinbot\b|\bspun\b|\bmachine[- ]\w+ed\b|\bautoencoder"
    r"|\bgenerated (?:by|with|using|from)\b|\b(?:model|machine|automatically)[- ]generated\b",
    re.IGNORECASE,
)


def _read_and_labelled_sources(votes: dict[str, list[tuple[float, Evidence]]]) -> None:
    """Web sources named where people wrote or labelled. "Workers read forecasts downloaded from
    the website and wrote questions", "the contexts are collected from Wikipedia": what people
    read to write is their prompt, and the text of the dataset is what they wrote. "Crowdworkers
    rated Reddit comments": the source named is the text they labelled, a part in its own right."""
    written = {(e.line, e.text) for _, e in votes["human"]}
    wrote = sum(w for w, _ in votes["human"]) >= PRESENT
    labelled = {(e.line, e.text) for _, e in votes["labels"]}
    votes["web"] = [
        (max(w, PRESENT) if (e.line, e.text) in labelled else w, e)
        for w, e in votes["web"]
        if (e.line, e.text) not in written and not (wrote and STIMULUS.search(e.text))
    ]


def _components(votes: dict[str, list[tuple[float, Evidence]]]) -> list[str]:
    """The substantial parts of the content; people's labels count in the human part.

    Who wrote the text (models, people for this dataset, or nobody new: collected text) is one
    question; whether people labelled, rated, verified or edited it is another. Labels are human
    work on the text: on collected or generated text they make a human part (crowd labels on
    web text are mixed), on text people wrote they add nothing, and alone they are human work.
    """
    weights = {k: sum(w for w, _ in v) for k, v in votes.items()}
    top = max(weights["synthetic"], weights["human"], weights["web"])  # who wrote the text
    labels = weights.pop("labels")
    weights["human"] += labels
    strong = {k for k, v in votes.items() if any(w >= PRESENT for w, _ in v)}
    if "labels" in strong:
        strong.add("human")
    present = sorted(
        k
        for k, w in weights.items()
        if w >= PRESENT
        and (w * DOMINANCE > top or (k == "human" and labels >= PRESENT and weights["web"] == top))
        and (k in strong or not strong)
    )  # labels are the point of a labelled corpus: the text it labels never outweighs them;
    # weak mentions alone (a list of linked sources) do not add a part beside a strong one
    if not present:  # one plain statement ("a collection of essays from publicdomainreview.org")
        present = sorted(k for k, w in weights.items() if w >= WEAK and w * DOMINANCE > top)
    elif present == ["human"] and top < PRESENT and _model_text_said(votes["synthetic"]):
        # people only labelled or validated, and what they labelled was model output said
        # plainly ("couples LLM generations for scale with human validations"): both parts
        present = ["human", "synthetic"]
    return present


def _model_text_said(synthetic: list[tuple[float, Evidence]]) -> bool:
    """A plain statement that models wrote text, not labels ("generated automatically using a
    zero-shot classification model"), surrogates for private data, or data for training."""
    trained = cue("trained_on")
    return any(
        w >= WEAK and not NOT_MODEL_TEXT.search(e.text) and not trained.search(e.text)
        for w, e in synthetic
    )


NOT_MODEL_TEXT = re.compile(
    r"classif|\blabel|annotat|sentiment|surrogate|replaced with synthetic|de-?identif|anonymi|"
    r"contrary to|\bunlike\b|previous datasets",
    re.IGNORECASE,
)


def synthetic_ratio(origin: str, present: list[str]) -> float:
    """Estimated share of content a model produced: all, an equal share of a mix, or none."""
    if origin == "synthetic":
        return 1.0
    if origin == "mixed" and "synthetic" in present:
        return round(1.0 / len(present), 2)
    return 0.0


PEOPLE_AT_WORK = re.compile(
    r"\b(?:annotat(?:ed|ions?|ors?)|labell?(?:ed|ing|ers?)|crowd\w*|raters?|workers?|"
    r"human[- ](?:written|annotated|labell?ed|generated|verified|translated)|volunteers?|"
    r"participants?|experts?|by hand|manual(?:ly)?)\b",
    re.IGNORECASE,
)


def _creators(card: Card, key: str) -> set[str]:
    """The values of a creators field (``language_creators``), lower-cased."""
    return {v.strip().lower() for v in iter_front_matter_strings(card.front_matter.get(key))}


def _statements(card: Card, skip: tuple[str, ...]) -> Iterator[Sentence]:
    """The card's prose sentences outside the section classes in ``skip``."""
    from ..knowledge import section_class

    for sentence in doc_of(card).sentences:
        if sentence.unit.kind == "prose" and section_class(sentence.unit.section.path) not in skip:
            yield sentence


def _structured(
    card: Card, votes: dict[str, list[tuple[float, Evidence]]], collected: bool
) -> None:
    """Creator fields and tags. ``collected``: the text comes from web sources and no annotation
    platform or pool is named, so people who wrote it (``language_creators: crowdsourced``, as
    forum posts are) wrote it before and for other purposes: that is web text, not human work."""
    fm = card.front_matter
    creators = {key: _creators(card, key) for key in CREATOR_KEYS}
    # Both fields at the metadata form's first choice, with not a word of people in the text:
    # the form's default more likely than a statement ("a bulk download of NTRS abstracts").
    unbacked = all(v == {"crowdsourced"} for v in creators.values()) and not any(
        s.unit.kind == "prose" and "](#" not in s.text and PEOPLE_AT_WORK.search(s.text)
        for s in doc_of(card).sentences
    )  # a table of contents ("[Annotations](#annotations)") is no statement
    for key, values in creators.items():
        for value in sorted(values):
            line = card.key_line(key, value)
            evidence = Evidence.of(line, card.line_text(line) if line > 1 else f"{key}: {value}")
            if value in HUMAN_CREATORS and key == "language_creators" and collected:
                votes["web"].append((WEAK if unbacked else 3.0, evidence))
            elif value in HUMAN_CREATORS and key == "language_creators":
                votes["human"].append((WEAK if unbacked else 3.0, evidence))
            elif value in HUMAN_CREATORS:
                votes["labels"].append((WEAK if unbacked else 2.5, evidence))
            elif value == "machine-generated" and key == "language_creators":
                votes["synthetic"].append((3.0, evidence))
            elif value == "found" and key == "language_creators":
                votes["web"].append((3.0, evidence))
    from ..knowledge import web_matcher
    from ..knowledge.matcher import find_all

    for tag in iter_front_matter_strings(fm.get("tags")):
        low = tag.lower()
        if "synthetic" in low or low in ("distilabel", "rlaif", "self-instruct", "datadreamer"):
            line = card.key_line("tags", tag)
            votes["synthetic"].append((2.0, Evidence.of(line, card.line_text(line))))
        elif low in WEB_TAGS or any(True for _ in find_all(web_matcher(), tag)):
            line = card.key_line("tags", tag)
            votes["web"].append((2.0, Evidence.of(line, card.line_text(line))))


MACHINE = (  # "for machine translation" names a task, not what was done to the text
    r"\bmachine[- ]translated\b|\bmachine[- ]translation (?:of|from|into)\b"
    r"|\b(?:using|via|with|through|by|applying) (?:an? |the )?(?:automatic |neural )?machine[- ]translation\b"
    r"|\bgoogle translate|\b(?:nllb|deepl|marian|opus-mt|m2m100)\b"
    r"|\btranslat\w*\b[^.;]{0,60}?\b(?:automatic\w*|google|(?:cloud|translation) api|a model|an? (?:mt|machine|neural)\b"
    r"|[\w/.-]*(?:t5|nllb|gpt|llama|opus)[\w/.-]*)"
    r"|\bautomatic\w* translat"
    r"|\b(?:applying|using|with|by|via|running) (?:openai'?s? |the |an? )?(?:\w+ )?whisper\b"
    r"|\btranscri\w* (?:automatically|(?:with|by|using) (?:an? )?(?:asr|speech recognition|whisper))"
)  # speech a recogniser transcribed is machine output of human speech, as a translation is


OCR = re.compile(r"\b(?:ocr|optical character recognition)\b", re.IGNORECASE)
OCR_DONE = re.compile(
    r"\b(?:generated|produced|transformed|converted|extracted|derived|recogni[sz]ed)\b",
    re.IGNORECASE,
)


def _ocr_text(card: Card) -> Evidence | None:
    """``language_creators: machine-generated`` on a card that speaks of OCR anywhere (a field
    "OCR generated text for a page", "the OCR quality"): the machine wrote the text down from
    pages that existed, as a recogniser transcribes speech. The line of the first mention."""
    if "machine-generated" not in _creators(card, "language_creators") or "ocr" not in (
        doc_of(card).words
    ):
        return None
    found = [
        (s.unit.kind != "prose", not OCR_DONE.search(s.text), i, s, m)
        for i, s in enumerate(doc_of(card).sentences)
        if s.unit.kind != "citation" and (m := OCR.search(s.text))
    ]
    if not found:
        return None
    *_, sentence, m = min(found, key=lambda f: f[:3])  # a statement of what was done first
    return evidence_at(sentence, m.start(), m.end())


CITED_WORK = re.compile(r"\bet al\b|\([A-Z][\w-]+(?: and [A-Z][\w-]+)?,? (?:19|20)\d\d\)")


def _machine_translation(card: Card, votes: dict[str, list[tuple[float, Evidence]]]) -> bool:
    """Text a system translated (or speech it transcribed) is model output of text that existed:
    human or web text with machine-translated parts is mixed (the definitions of the origin
    classes). True when the translation is a part by design, however much text was found; not
    when only a share of the found text came translated ("2% of pages are machine-translated")."""

    doc = doc_of(card)
    ocr = _ocr_text(card)
    if ocr is not None:
        votes["synthetic"].append((3.0, ocr))
        votes["web"].append((2.0, ocr))  # the pages a recogniser read existed before
        return True
    if not any(
        w in doc.low
        for w in ("translat", "nllb", "deepl", "opus-mt", "m2m100", "whisper", "speech rec")
    ):
        return False  # one substring test spares the pattern on nearly every card
    pattern = re.compile(MACHINE, re.IGNORECASE)
    # "Supported Tasks": "the task is machine translation from X to Y" is no statement
    for sentence in _statements(card, NOT_STATEMENTS):
        m = pattern.search(sentence.text)
        if m and CITED_WORK.search(sentence.text):
            continue  # "JSNLI (Yoshikoshi et al., 2020) is a machine translated dataset of SNLI"
        if m and not cue("negation").search(sentence.text[: m.start()][-30:]):
            evidence = evidence_at(sentence, m.start(), m.end())
            votes["synthetic"].append((3.0, evidence))
            votes["web"].append((2.0, evidence))  # what was translated existed before
            # "about 2% of documents are machine-translated pages": found so, a minor part
            return PARTIAL.search(sentence.text) is None
    if HUMAN_TRANSLATION.search(doc.text) or _parallel_corpus(card):
        return False  # "translated by professional translators"; a parallel corpus of found pairs
    found = [
        (sentence, m)
        for sentence in _statements(card, NOT_STATEMENTS)
        if (m := TRANSLATED_VERSION.search(sentence.text))
        and not CITED_WORK.search(sentence.text)
        and not PARTIAL.search(sentence.text)
    ]
    if not found:
        return False
    # "the translated collections of documents and queries" of an existing dataset, with no
    # person named as translator: a system's translation, weighed as a plain statement; a
    # sentence that says "translated" is better evidence than a title's "multilingual version"
    sentence, m = min(found, key=lambda f: "translat" not in f[1].group().lower())
    evidence = evidence_at(sentence, m.start(), m.end())
    votes["synthetic"].append((2.0, evidence))
    votes["web"].append((2.0, evidence))
    return True


def _parallel_corpus(card: Card) -> bool:
    """A card for the translation task (``task_categories: translation``, ``multilinguality:
    translation``): its translated texts are the pairs it collected, not a system's output."""
    fm = card.front_matter
    fields = ("task_categories", "task_ids", "multilinguality")
    return any(
        "translation" in v.lower() for v in iter_front_matter_strings([fm.get(k) for k in fields])
    )


HUMAN_TRANSLATION = re.compile(
    r"\btranslators?\b|\b(?:human|manual(?:ly)?|professional(?:ly)?|hand)[- ]translat"
    r"|\btranslat\w* by (?:\w+ ){0,3}?(?:humans?|people|experts?|linguists?|speakers?|volunteers?|"
    r"annotators?|professionals?|students?|authors?|us|our team)\b",
    re.IGNORECASE,
)
TRANSLATED_VERSION = re.compile(
    r"\b(?:the )?translated (?:collections?|versions?|queries|documents|passages|texts?|sentences|"
    r"questions|answers|datasets?|corpus|corpora|data|instructions|prompts|conversations)\b"
    r"|\b(?:multilingual|translated) version of (?:the )?[\w\s-]{0,40}?(?:dataset|corpus|benchmark)\b"
    r"|\bincluded translations (?:for|of|into)\b",
    re.IGNORECASE,
)


# "both human-written and AI-generated text", "human and machine-generated answers": a corpus
# that holds both by design (detection sets, human vs model answer pairs) is mixed.
BOTH = (
    r"\b(?:both )?(?:human|people)(?:[- ](?:written|authored|generated))? (?:\w+ )?(?:and|&|vs\.?|versus) "
    r"(?:\w+ )?(?:ai|machine|model|llm|gpt|chatgpt|synthetic)[- ]?(?:generated|written|produced)?\b"
    r"|\b(?:ai|machine|model|llm|chatgpt)[- ]generated (?:\w+ )?(?:and|&|vs\.?|versus) (?:\w+ )?human[- ]?(?:written|authored)?\b"
    # a share of each: "40% human-written dialogues ... and 60% dialogues generated by X"
    r"|\b\d+(?:\.\d+)?\s?% (?:of )?(?:the )?(?:\w+ )?(?:human|people)[- ]?(?:written|authored|created)?\b"
    r"[^.;]{0,80}?\b\d+(?:\.\d+)?\s?%[^.;]{0,40}?\b(?:generated|synthetic|model[- ]written|llm|gpt)"
    r"|\b\d+(?:\.\d+)?\s?%[^.;]{0,40}?\b(?:generated|synthetic|model[- ]written)\b"
    r"[^.;]{0,80}?\b\d+(?:\.\d+)?\s?% (?:of )?(?:the )?(?:\w+ )?(?:human|people)[- ]?(?:written|authored|created)?\b"
)


def _both(card: Card, votes: dict[str, list[tuple[float, Evidence]]]) -> bool:
    doc = doc_of(card)
    if "human" not in doc.words and "people" not in doc.words:
        return False  # the pattern needs one of these words
    pattern = re.compile(BOTH, re.IGNORECASE)
    for sentence in doc.sentences:
        m = pattern.search(sentence.text) if sentence.unit.kind == "prose" else None
        if m:
            evidence = evidence_at(sentence, m.start(), m.end())
            votes["human"].append((3.0, evidence))
            votes["synthetic"].append((3.0, evidence))
            return True
    return False


def _prompted_outputs(card: Card, votes: dict[str, list[tuple[float, Evidence]]]) -> bool:
    """People's prompts kept with what a model made of them ("all prompts submitted to the
    challenge to generate images", "users typed a question and received answers from two
    models"): human prompts with model output, mixed by design."""
    found = doc_of(card).first("prompted_outputs", skip=SKIPPED, affirmed=True)
    if found is None:
        return False
    evidence = evidence_at(*found)
    votes["human"].append((3.0, evidence))
    votes["synthetic"].append((3.0, evidence))
    return True


# People labelled documents that already existed ("two pulmonologists annotated each record",
# "abstracts were manually annotated"): the text is collected, the labels are human work.
LABELLED_DOCUMENTS = re.compile(
    r"\b(?:annotat(?:ed|ing)|label(?:l)?ed|tagged|coded)\b[^.;]{0,60}?\b(?:each |every |the |all )?"
    r"(?:existing |published |de-identified |clinical |medical |scientific |news )?"
    r"(?:records?|abstracts?|articles?|headlines?|documents?|discharge summaries|reports?|papers?|"
    r"figure legends|tweets?|posts?|comments?|reviews?)\b"
    r"|\b(?:records?|abstracts?|articles?|headlines?|documents?|discharge summaries|reports?|papers?|"
    r"tweets?|posts?|reviews?|sentences?|utterances?|comments?|feedback)\b[^;:\[\]]{0,40}?\b"
    r"(?:(?:were|was|are|is) (?:manually |hand[- ]|human[- ])?|(?:manually|hand|human)[- ])"
    r"(?:annotated|labell?ed|tagged|coded)\b",
    re.IGNORECASE,
)


METADATA = re.compile(
    r"\b(?:annotated|labell?ed|tagged) with (?:their |its |the )?(?:[\w-]+ )?(?:scores?|sources?|"
    r"licen[cs]es?|metadata|timestamps?|dates?|urls?|ids?|authors?|provenance)\b",
    re.IGNORECASE,
)
BY_MACHINE = re.compile(
    r"\b(?:automatic\w*|model|gpt|llm|classifier|heuristic|rule-based|programmatic\w*|distant|weak\w*)",
    re.IGNORECASE,
)


def _labelled_documents(card: Card, votes: dict[str, list[tuple[float, Evidence]]]) -> None:

    doc = doc_of(card)
    if not any(w in doc.low for w in ("annotat", "label", "tagged", "coded")):
        return
    for sentence in _statements(card, SKIPPED):
        m = LABELLED_DOCUMENTS.search(sentence.text)
        if m and METADATA.search(sentence.text, m.start()):
            continue  # "comments are annotated with their score": metadata, not labels
        if m and not cue("negation").search(sentence.text[: m.start()][-30:]):
            evidence = evidence_at(sentence, m.start(), m.end())
            votes["web"].append((2.0, evidence))
            if not BY_MACHINE.search(sentence.text) and not _labels_by_machine(card):
                votes["labels"].append((2.0, evidence))
            return


LABELLING = re.compile(
    r"annotat|label|rat(?:ed|ers?|ings?)\b|judg|rank|verif|validat|tagged|compar|chose|picked|"
    r"voted|preference|feedback|evaluat|标注",
    re.IGNORECASE,
)


WRITING = re.compile(
    r"\b(?:wr[io]t(?:e|es|ing|ten)|authored|composed|drafted|created|crafted|answer(?:ed|s)?|asked "
    r"(?:\w+ )?questions|translat\w*|transcrib\w*|recorded|describ\w*|paraphras\w*|submitted)\b",
    re.IGNORECASE,
)


def _labels_by_machine(card: Card) -> bool:
    """``annotations_creators`` says only ``machine-generated``: the card's labels are a
    program's, whatever its text says of "annotating" the documents."""
    return _creators(card, "annotations_creators") == {"machine-generated"}


def _says_scraped(card: Card) -> bool:
    """The card's own prose says its text was scraped or crawled ("collected using web
    scraping", "retrieved from two French websites")."""
    doc = doc_of(card)
    if not any(w in doc.low for w in ("scrap", "crawl", "retrieved from", "harvest")):
        return False
    return any(
        s.unit.kind == "prose" and SCRAPED.search(s.text) and not CITED_WORK.search(s.text)
        for s in doc.sentences
    )


SCRAPED = re.compile(
    r"\b(?:web[- ]?scrap\w*|scraped|crawled|harvested)\b"
    r"|\bretrieved from (?:\w+ ){0,3}?(?:websites?|web ?sites?|forums?|sites|pages)\b",
    re.IGNORECASE,
)
# People who checked the quality of a sample or in a study: a check on the data, not its labels.
QUALITY_STUDY = re.compile(
    r"\b(?:verify|verified|assess|assessed|evaluate|evaluated|measure|measured|estimate|estimated)"
    r"\w* the (?:overall )?(?:quality|accuracy|correctness)\b|\b(?:quality|human) (?:study|studies)\b",
    re.IGNORECASE,
)


def _human_work(sentence: str) -> str:
    """``labels`` for people who labelled, rated or checked text; ``human`` for people who wrote."""
    return "labels" if LABELLING.search(sentence) and not WRITING.search(sentence) else "human"


NOT_CONTENT = re.compile(r"\b(?:embeddings?|vectors?|indexes|indices)\b", re.IGNORECASE)
ORIGINALLY = re.compile(r"\b(?:originally|previously|first)\s+$", re.IGNORECASE)


SIMULATED = re.compile(
    r"\b(?:simulat\w*|synthetic\w*|generated|role[- ]?play\w*|imagined|fictional)\b", re.IGNORECASE
)
STIMULUS = re.compile(r"\b(?:contexts?|passages?|paragraphs?)\b", re.IGNORECASE)
SEEDS = re.compile(r"\bseed(?:s|ed|ing)?\b", re.IGNORECASE)
PARTIAL = re.compile(
    r"\b(?:sample|subset|random|portion|fraction|spot[- ]check|\d+(?:\.\d+)?\s?%)", re.IGNORECASE
)


def _collection_of_datasets(card: Card, votes: dict[str, list[tuple[float, Evidence]]]) -> None:
    """Datasets that already existed, brought together ("public datasets such as X and Y"):
    their text was collected, beside whatever a model added."""
    found = doc_of(card).first("compilation", skip=SKIPPED)
    if found is not None:
        votes["web"].append((2.0, evidence_at(*found)))


def _people_beside_models(card: Card, votes: dict[str, list[tuple[float, Evidence]]]) -> None:
    """People's own turns beside model output ("conversations between users and ChatGPT", "real
    user queries") are a human part; people who reviewed or corrected the text are human work on
    it, unless only a sample was checked."""
    doc = doc_of(card)
    for name, kind in (("human_prompts", "human"), ("revised_by", "labels")):
        # real user queries with no model output beside them: collected text, or weak human
        alone = kind == "human" and not any(w >= PRESENT for w, _ in votes["synthetic"])
        for sentence, start, end in doc.find(name, skip=SKIPPED):
            if cue("negation").search(sentence.text[max(0, start - 25) : start]):
                continue
            if kind == "human" and (
                SIMULATED.search(sentence.text, max(0, start - 40), end)
                or SEEDS.search(sentence.text)
            ):
                continue  # "simulated conversations between users"; human seeds a model expanded
            partial = kind == "labels" and PARTIAL.search(sentence.text) is not None
            weight = 1.0 if partial or alone else 3.0
            votes[kind].append((weight, evidence_at(sentence, start, end)))
            break


def _in_limitations(sentence: Sentence) -> bool:
    from ..knowledge import section_class

    return section_class(sentence.unit.section.path) == "limitations"


def _cues(card: Card, votes: dict[str, list[tuple[float, Evidence]]]) -> None:
    caps = {"synthetic": 2.0, "human": 2.0, "web": 2.0}
    cue_of = {"synthetic": "synthetic", "human": "human_written", "web": "web"}
    doc = doc_of(card)
    negation = cue("negation")
    for component, name in cue_of.items():
        gained, last = 0.0, None
        for sentence, start, end in doc.find(name, skip=SKIPPED):
            if gained >= caps[component]:
                break
            if component == "synthetic" and NOT_CONTENT.search(sentence.text):
                continue  # "the embeddings were generated using this model": vectors, not text
            if sentence is last or negation.search(sentence.text[max(0, start - 25) : start]):
                continue  # one vote per sentence
            # "annotated by three native speakers": people counted for this work weigh double;
            # "scraped from the DreamBank database": a scraping verb with its source does too;
            # "the answers are model-generated": so does the content named as a model's
            strong = {
                "human": PEOPLE_WROTE,
                "web": SCRAPED_FROM,
                "synthetic": GENERATED_CONTENT,
            }.get(component)
            said = strong.search(sentence.text) if strong is not None else None
            if said and component == "synthetic" and _in_limitations(sentence):
                said = None  # "hallucinations in the model generated summary": of a trained model
            if said and negation.search(sentence.text[max(0, said.start() - 25) : said.start()]):
                continue  # "nothing in the dialogues was generated by a model"
            weight = 2.0 if said else 1.0
            if component == "web" and EXISTING_FROM.search(sentence.text, max(0, start - 12), end):
                weight = 2.0  # "items selected from the Jigsaw dataset": text that already existed
            gained += weight
            last = sentence
            kind = component
            if component == "human" and LABELLING.search(sentence.text[start:end]):
                kind = "labels"  # people labelled or checked text; who wrote it is another matter
            elif component == "human" and ORIGINALLY.search(
                sentence.text, max(0, start - 16), start
            ):
                kind, weight = "web", 2.0  # "originally written by writers at X": before, for X
            votes[kind].append((weight, evidence_at(sentence, start, end)))
