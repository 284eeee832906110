"""Repository files: what a Hub dataset's own files say about how it was built.

Cards from the Hub come with the repository's file list and the texts of a few small structured
files (``sources.repo_files``). A model id under a ``model``/``model_id``/``Model Name`` key of
distilabel's ``pipeline.yaml``, ``datadreamer.json`` or a generation config is a teacher (a judge
when its step rates or scores), decoding settings there are generation parameters, a system prompt
or template there, a ``prompts/`` folder or a ``*prompt*`` file are the exact prompts, and a
generation script, notebook or distilabel pipeline is the source code. Evidence names the file
(``line`` 0: it is not a card line). Local cards have no repository files; nothing is reported.

Passing example (``pipeline.yaml`` in the repository)::

    llm:
      model_id: meta-llama/Meta-Llama-3.1-70B-Instruct
      generation_kwargs: {temperature: 0.7, max_new_tokens: 2048}

Failing example: none; this detector reports signals, not findings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import yaml

from ..card import Card
from ..knowledge import model_matcher
from ..knowledge.matcher import find_all
from ..recipe import Evidence
from . import Observation, Seen, Signal

if TYPE_CHECKING:
    from ..sources.repo_files import RepoFile, RepoFiles

ID = "repo_files"
MODEL_KEYS = frozenset(
    {"model", "model_id", "model_name", "models", "model_names", "teacher", "teacher_model",
     "teacher_models", "generator", "generator_model", "generation_model", "llm", "llm_model",
     "engine"}
)  # fmt: skip
DECODING_KEYS = frozenset(
    {"temperature", "top_p", "top_k", "min_p", "typical_p", "max_new_tokens", "max_tokens",
     "max_output_tokens", "num_generations", "num_return_sequences", "repetition_penalty",
     "presence_penalty", "frequency_penalty"}
)  # fmt: skip
PARAM_KEYS = DECODING_KEYS | {"seed", "do_sample", "max_length"}
PROMPT_KEYS = frozenset(
    {"system_prompt", "prompt_template", "template", "system_message", "user_prompt", "prompt",
     "instruction_template"}
)  # fmt: skip
# Patterns are compiled on first use (re caches them): local cards never need them.
JUDGE = r"(?i)judge|feedback|rating|rater|scor(?:e|er|ing)|critique|critic|reward|rank|prometheus|evaluat"
SCRIPT_FIRST = r"(?i)generat|synth|distil|pipeline|build|create|make"
MIN_PROMPT_CHARS = 20
MAX_DEPTH = 40
MAX_NODES = 20000

_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def check(card: Card, seen: Seen) -> Iterator[Observation]:
    repo = seen.repo
    if repo is not None:
        yield from observe(repo)


def observe(repo: RepoFiles) -> Iterator[Signal]:
    for path, text in sorted(repo.texts.items()):
        yield from _structured(path, text)
    yield from _listed(repo.files)


def _listed(files: tuple[RepoFile, ...]) -> Iterator[Signal]:
    from ..sources.repo_files import is_prompt, is_script

    scripts = sorted(
        (f.path for f in files if is_script(f.path)),
        key=lambda p: (re.search(SCRIPT_FIRST, p.rsplit("/", 1)[-1]) is None, p.count("/"), p),
    )
    if scripts:
        yield _criterion("source_code", f"file: {scripts[0]} (script in the repository)")
    pipelines = [f.path for f in files if f.path.lower() in ("pipeline.yaml", "pipeline.yml")]
    if pipelines:
        yield _criterion("source_code", f"file: {pipelines[0]} (distilabel pipeline definition)")
    prompts = sorted(f.path for f in files if is_prompt(f.path))
    if prompts:
        yield _criterion("exact_prompts", f"file: {prompts[0]} (prompt file in the repository)")


def _criterion(criterion: str, text: str) -> Signal:
    return Signal("criterion", criterion, Evidence.of(0, text), "repo_file", 2)


def _structured(path: str, text: str) -> Iterator[Signal]:
    tree = _parse(path, text)
    if tree is None:
        return
    params: list[str] = []
    prompt: str | None = None
    models: set[tuple[str, str]] = set()
    for key, value, role in _walk(tree):
        norm = _norm(key)
        if norm in MODEL_KEYS and isinstance(value, (str, list)):
            for name, shown in _models(value):
                if (name, role) not in models:
                    models.add((name, role))
                    evidence = Evidence.of(0, f"file: {path}: {key}: {shown}")
                    yield Signal("model", name, evidence, role, 2, f"file {path}")
        elif norm in PARAM_KEYS and isinstance(value, (int, float, bool)):
            params.append(f"{key}: {value}")
        elif norm in PROMPT_KEYS and isinstance(value, str) and len(value) >= MIN_PROMPT_CHARS:
            prompt = prompt or f"{key}: {value}"
    if any(_norm(p.split(":")[0]) in DECODING_KEYS for p in params):
        yield _criterion("generation_parameters", f"file: {path}: " + ", ".join(params[:5]))
    if prompt is not None:
        yield _criterion("exact_prompts", f"file: {path}: {prompt}")


def _parse(path: str, text: str) -> Any:
    """YAML or JSON as plain data (safe loaders only: no tags, nothing constructed or run)."""
    try:
        if path.lower().endswith(".json"):
            import json  # only for Hub cards with JSON files: local runs never pay for it

            return json.loads(text)
        return yaml.load(text, Loader=_LOADER)
    except (ValueError, RecursionError, yaml.YAMLError):
        return None


def _walk(tree: Any) -> Iterator[tuple[str, Any, str]]:
    """(key, value, role) for every mapping entry; a step that rates or scores makes its models judges."""
    stack: list[tuple[Any, str, int]] = [(tree, "generator", 0)]
    seen = 0
    while stack and seen < MAX_NODES:
        node, role, depth = stack.pop()
        seen += 1
        if depth > MAX_DEPTH:
            continue
        if isinstance(node, dict):
            role = _role(node, role)
            children = []
            for key, value in node.items():
                yield str(key), value, role
                inner = "judge" if re.search(JUDGE, str(key)) and isinstance(value, dict) else role
                children.append((value, inner, depth + 1))
            stack.extend(reversed(children))
        elif isinstance(node, list):
            stack.extend((item, role, depth + 1) for item in reversed(node))


def _role(node: dict[Any, Any], inherited: str) -> str:
    """distilabel names each step's class under ``type_info``; LLM classes keep the step's role."""
    info = node.get("type_info")
    name = str(info.get("name", "")) if isinstance(info, dict) else ""
    if not name or name.endswith("LLM"):
        return inherited
    return "judge" if re.search(JUDGE, name) else "generator"


def _models(value: str | list[Any]) -> Iterator[tuple[str, str]]:
    texts = [value] if isinstance(value, str) else [v for v in value if isinstance(v, str)]
    for text in texts[:20]:
        for hit in find_all(model_matcher(), text[:300]):
            yield hit.name, text[:120]


def _norm(key: str) -> str:
    return re.sub(r"[\s-]+", "_", key.strip().lower())
