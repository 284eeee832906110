"""How many examples the dataset has, and how much text, from the best source the card offers.

Order: front-matter ``dataset_info`` (``splits[*].num_examples`` / ``num_bytes``, then
``dataset_size``), then counts in the prose ("52K instructions", "1.2 million conversations"),
then, on the Hub, the sizes of the data files in the repository listing (text bytes from file
bytes by format, examples at the stated characters per example; low confidence), then
``size_categories`` (the geometric middle of the bucket, low confidence). The file sizes come
before the bucket because they measure the released data and bound its tokens far more tightly
than a bucket a factor of ten wide; when the card also gives a bucket and the files suggest a
count outside it, the card's bucket is used and the assumptions say so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from typing import Any, NamedTuple

from ..card import Card
from ..knowledge import section_class
from ..text import sentences
from .numbers import SIZE_NUMBER, to_number
from .ranges import Span, count, geometric_mid

NON_TEXT = ("image", "audio", "video")
MEDIA_TASK = re.compile(r"image|audio|speech|video|visual", re.IGNORECASE)
BUCKET = (
    r"^\s*(?:(?P<lo>[\d.]+)(?P<lou>[KMBT]?)\s*<\s*)?n\s*(?P<op>[<>])\s*(?P<hi>[\d.]+)(?P<hiu>[KMBT]?)\s*$",
    re.IGNORECASE,
)
UNITS = {"": 1.0, "k": 1e3, "m": 1e6, "b": 1e9, "t": 1e12}


class Size(NamedTuple):
    examples: Span
    text_bytes: float | None  # bytes of text in the released data, when the card gives them
    source: str  # dataset_info.splits | dataset_info.dataset_size | prose | size_categories
    confidence: str  # how far the count can be trusted: high | medium | low
    assumptions: tuple[str, ...]
    text_range: Span | None = None  # bytes of text as a range, when only estimated (file sizes)
    structured: bool = False  # a structured field (dataset_info, size_categories) agrees with it
    conflict: bool = False  # a stated count was set aside because size_categories contradicts it


def infer_size(
    card: Card, cost: Mapping[str, Any], files: Sequence[tuple[str, int | None]] = ()
) -> Size | None:
    """The size from the best source; ``files`` is a Hub repository listing (path, bytes).

    Every stated count is checked against ``size_categories``: a count outside the bucket is
    not used silently; the bucket wins and an assumption says why."""
    sized = _from_size_categories(card, cost)
    found = _from_dataset_info(card, cost) or _from_prose(card, cost)
    if found is not None:
        return _checked(card, found, sized)
    listed = _from_files(card, cost, files) if files else None
    if listed is None:
        return sized
    if sized is None:
        return listed
    if sized.examples.low <= listed.examples.mid <= sized.examples.high:
        line = card.key_line("size_categories")
        agree = f"the count lies inside the card's size_categories bucket (line {line})"
        return listed._replace(assumptions=(*listed.assumptions, agree))
    outside = (
        f"the Hub repository's data files suggest ~{count(listed.examples.mid)} examples, "
        "outside that bucket, so the card's own bucket is used"
    )
    return sized._replace(assumptions=(*sized.assumptions, outside))


def _checked(card: Card, found: Size, sized: Size | None) -> Size:
    if sized is None:
        return found._replace(structured=found.source.startswith("dataset_info"))
    lo, hi = sized.examples.low, sized.examples.high
    n = found.examples.mid
    line = card.key_line("size_categories")
    if lo <= n <= hi:
        agree = f"the count lies inside the card's size_categories bucket (line {line})"
        return found._replace(assumptions=(*found.assumptions, agree), structured=True)
    conflict = (
        f"the count above ({count(n)}, from {found.source.replace('_', ' ')}) lies outside the "
        f"card's size_categories bucket ({count(lo)}-{count(hi)}, line {line}), so the bucket is "
        "used instead"
    )
    return sized._replace(
        assumptions=(*found.assumptions, conflict, *sized.assumptions), conflict=True
    )


# -------------------------------------------------------------------- dataset_info


def _configs(card: Card) -> list[Mapping[str, Any]]:
    info = card.front_matter.get("dataset_info")
    items = info if isinstance(info, list) else [info]
    return [c for c in items if isinstance(c, dict)]


def _number(value: Any) -> float:
    return (
        float(value)
        if isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0
        else 0.0
    )


def _is_text(configs: Iterable[Mapping[str, Any]]) -> bool:
    """False when a feature holds images, audio or video: their bytes are not text."""
    return not any(_media(c.get("features")) for c in configs)


def _media(value: Any) -> bool:
    """A feature whose dtype (or type key) is image, audio or video, at any depth."""
    if isinstance(value, dict):
        if str(value.get("dtype", "")).lower() in NON_TEXT or any(k in NON_TEXT for k in value):
            return True
        return any(_media(v) for k, v in value.items() if k != "name")
    if isinstance(value, list):
        return any(_media(v) for v in value)
    return False


def _from_dataset_info(card: Card, cost: Mapping[str, Any]) -> Size | None:
    configs = _configs(card)
    if not configs:
        return None
    examples = bytes_ = size_total = 0.0
    for config in configs:
        splits = config.get("splits")
        rows = (
            splits.values()
            if isinstance(splits, dict)
            else splits
            if isinstance(splits, list)
            else []
        )
        for split in rows:
            if isinstance(split, dict):
                examples += _number(split.get("num_examples"))
                bytes_ += _number(split.get("num_bytes"))
        size_total += _number(config.get("dataset_size"))
    text = _is_text(configs)
    text_bytes = (bytes_ or size_total) if text else 0.0
    several = f", summed over {len(configs)} configs" if len(configs) > 1 else ""
    notes: list[str] = []
    if examples:
        line = card.key_line("num_examples")
        notes.append(
            f"{count(examples)} examples (dataset_info.splits num_examples{several}, line {line})"
        )
        if text_bytes:
            key = "num_bytes" if bytes_ else "dataset_size"
            notes.append(
                f"{_mb(text_bytes)} of text (dataset_info {key}), read as ~{count(text_bytes / examples)} characters per example"
            )
        elif not text:
            notes.append(
                "dataset_info sizes include images, audio or video, so they are not used as a text length"
            )
        return Size(
            Span.exact(examples), text_bytes or None, "dataset_info.splits", "high", tuple(notes)
        )
    if text_bytes:
        cpt = float(cost["chars_per_token"]["value"])
        per = Span.of(cost["tokens_per_example"], cpt)
        n = Span(text_bytes / per.high, text_bytes / per.mid, text_bytes / per.low)
        key = "num_bytes" if bytes_ else "dataset_size"
        line = card.key_line(key)
        notes.append(
            f"~{count(n.mid)} examples inferred from {_mb(text_bytes)} of text (dataset_info {key}{several}, line {line}) "
            f"at ~{count(per.mid)} characters per example (range {count(n.low)}-{count(n.high)})"
        )
        return Size(n, text_bytes, "dataset_info.dataset_size", "medium", tuple(notes))
    return None


def _mb(value: float) -> str:
    if value >= 1e9:
        return f"{value / 1e9:.1f} GB"
    if value >= 1e6:
        return f"{value / 1e6:.1f} MB"
    return f"{value / 1e3:.0f} kB"


# -------------------------------------------------------------------- Hub file listing


def _kind(path: str, rules: Mapping[str, Any]) -> str | None:
    """The data format of a file ("parquet", "jsonl.gz"...), or None when it is not a data file."""
    from ..sources.repo_files import NOT_CONFIG, is_prompt, is_script, is_structured

    name = path.rsplit("/", 1)[-1].lower()
    if name.startswith(".") or name in NOT_CONFIG or name == "readme.md":
        return None
    if is_structured(path) or is_prompt(path) or is_script(path):
        return None
    parts = name.split(".")
    if len(parts) > 2 and parts[-1] in rules["compressions"]:
        fmt, packed = parts[-2], parts[-1]
    else:
        fmt, packed = parts[-1], ""
    if len(parts) < 2 or fmt not in rules["text_per_byte"]:
        return None
    return f"{fmt}.{packed}" if packed else fmt


def _factor(kind: str, rules: Mapping[str, Any]) -> Span:
    fmt, _, packed = kind.partition(".")
    factor = Span.of(rules["text_per_byte"][fmt])
    return factor * Span.of(rules["compressed"]) if packed else factor


def _media_card(card: Card) -> bool:
    tasks = card.front_matter.get("task_categories")
    names = tasks if isinstance(tasks, list) else [tasks]
    return not _is_text(_configs(card)) or any(
        isinstance(t, str) and MEDIA_TASK.search(t) for t in names
    )


def _from_files(
    card: Card, cost: Mapping[str, Any], files: Sequence[tuple[str, int | None]]
) -> Size | None:
    rules = cost["data_files"]
    media = tuple(f".{ext}" for ext in rules["media"])
    if _media_card(card) or any(path.lower().endswith(media) for path, _ in files):
        return None
    by_kind: dict[str, list[int]] = {}
    for path, size in files:
        kind = _kind(path, rules)
        if kind is not None and size:
            by_kind.setdefault(kind, []).append(size)
    if not by_kind:
        return None
    kind, sizes = max(by_kind.items(), key=lambda kv: (sum(kv[1]), kv[0]))
    raw = float(sum(sizes))
    factor = _factor(kind, rules)
    text = factor * raw
    cpt = float(cost["chars_per_token"]["value"])
    per = Span.of(cost["tokens_per_example"], cpt)
    n = text.over(per)
    others = sum(len(v) for k, v in by_kind.items() if k != kind)
    notes = [
        f"~{count(n.mid)} examples inferred from the Hub repository's file listing: {len(sizes)} {kind} "
        f"data file{'s' if len(sizes) > 1 else ''} of {_mb(raw)}, read as ~{_mb(text.mid)} of text "
        f"({factor.mid:g} bytes of text per file byte, range {factor.low:g}-{factor.high:g}) at "
        f"~{count(per.mid)} characters per example (range {count(n.low)}-{count(n.high)}); "
        "file sizes are a rough measure, so confidence is low"
    ]
    if others:
        notes.append(
            f"{others} data file{'s' if others > 1 else ''} in other formats not counted: "
            "they may hold the same data"
        )
    return Size(n, text.mid, "hub_files", "low", tuple(notes), text)


# -------------------------------------------------------------------- prose


@lru_cache(maxsize=4)
def _count_pattern(nouns: tuple[str, ...], between: tuple[str, ...]) -> re.Pattern[str]:
    """ "<number> [up to 4 describing words] <noun>": the describing words may be neither a unit
    ("tokens", "hours") nor a word that starts another phrase ("of", "does", "with")."""
    noun = "|".join(sorted((re.escape(n) for n in nouns), key=len, reverse=True))
    stop = "|".join(sorted((re.escape(w) for w in between), key=len, reverse=True))
    word = rf"(?!(?:{stop})\b)[\w/'’-]+"
    return re.compile(
        rf"(?<![\w.,$€£]){SIZE_NUMBER}\+?\s+(?:{word}\s+){{0,4}}?(?P<noun>{noun})\b(?!\s+per\b)",
        re.IGNORECASE,
    )


def prose_counts(
    card: Card, nouns: Iterable[str], between: Iterable[str] = ()
) -> Iterator[tuple[float, int, str]]:
    """(count, line, phrase) for every "<number> <thing>" in the prose outside citations and results."""
    pattern = _count_pattern(tuple(nouns), tuple(between))
    for unit in card.units:
        if unit.kind not in ("prose", "table") or section_class(unit.section.path) in (
            "citation",
            "evaluation",
        ):
            continue
        for sentence in sentences(unit):
            for m in pattern.finditer(sentence.text):
                if m.group("word") and not m.group("wmult"):
                    continue  # "two examples" is an aside, not a dataset size
                value = to_number(
                    m.group("digits") or m.group("word"),
                    m.group("letter") or m.group("spelled") or m.group("wmult"),
                )
                if value:
                    line = sentence.line + sentence.text.count("\n", 0, m.start())
                    yield value, line, " ".join(m.group(0).split())


def _from_prose(card: Card, cost: Mapping[str, Any]) -> Size | None:
    counts = prose_counts(card, cost["count_nouns"], cost["count_stops"])
    found = max(counts, key=lambda x: (x[0], -x[1]), default=None)
    if found is None:
        return None
    value, line, phrase = found
    note = f'{count(value)} examples: the largest count the card gives ("{phrase}", line {line})'
    return Size(Span.exact(value), None, "prose", "high", (note,))


# -------------------------------------------------------------------- size_categories


def bucket(text: str, floor: float, ceiling_factor: float) -> tuple[float, float] | None:
    """Bounds of a size_categories bucket: "10K<n<100K" -> (1e4, 1e5); "n<1K" -> (floor, 1e3)."""
    m = re.compile(*BUCKET).match(text)
    if m is None:
        return None
    hi = float(m.group("hi")) * UNITS[m.group("hiu").lower()]
    if m.group("op") == ">":
        return hi, hi * ceiling_factor
    lo = float(m.group("lo")) * UNITS[m.group("lou").lower()] if m.group("lo") else min(floor, hi)
    return lo, hi


def _size_category_values(raw: Any) -> list[Any]:
    """The bucket labels: one, a list, or the per-config mapping form {config: [labels]}."""
    if isinstance(raw, dict):
        return [v for value in raw.values() for v in _size_category_values(value)]
    return list(raw) if isinstance(raw, list) else [raw]


def _from_size_categories(card: Card, cost: Mapping[str, Any]) -> Size | None:
    values = _size_category_values(card.front_matter.get("size_categories"))
    rules = cost["size_categories"]
    found = [
        (b, str(v))
        for v in values
        if isinstance(v, str)
        for b in [bucket(v, float(rules["floor"]), float(rules["ceiling_factor"]))]
        if b
    ]
    if not found:
        return None
    if len(found) > 1:  # several configs: at least the largest one, at most all of them together
        lo, hi = max(b[0] for b, _ in found), sum(b[1] for b, _ in found)
        label = " + ".join(sorted({v for _, v in found}))
    else:
        (lo, hi), label = found[0]
    mid = geometric_mid(lo, hi)
    line = card.key_line("size_categories")
    note = f"~{count(round(mid))} examples: geometric middle of size_categories {label} (line {line}; the card gives no exact count, so the range spans the bucket and confidence is low)"
    return Size(Span(lo, mid, hi), None, "size_categories", "low", (note,))
