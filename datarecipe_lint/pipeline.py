"""The one analysis path shared by the CLI, the pre-commit hook, the Action and batch runs.

:func:`run` takes a loaded card (its text, where it came from and, from the Hub, the repository's
files and last change) and the frozen :class:`~.options.RunOptions`, and goes through fixed stages:
parse, detect (the models' roles resolved once), classify, score, cost, scan the data (only when
asked), then filter what the options and inline comments ignore. Nothing is patched afterwards.
"""

from __future__ import annotations

from . import __version__
from .card import parse
from .cost import estimate
from .detectors import run_all
from .findings import FINDING_IDS
from .generation import assemble, with_prompt_status
from .knowledge import KNOWLEDGE_VERSION
from .options import RunOptions
from .recipe import Finding, Generation, Recipe, Source, Tool
from .rubric import CRITERIA_IDS, evaluate
from .sources import LoadedCard, load
from .suppress import inline_ignores

DEFAULT = RunOptions()


def analyze(source: str, options: RunOptions = DEFAULT) -> Recipe:
    """Load a card (a path or a Hub id) and run the pipeline on it."""
    return run(load(source, options.source), options)


def analyze_text(
    text: str, name: str, source: Source, options: RunOptions = DEFAULT, path: str = "README.md"
) -> Recipe:
    """The pipeline on card text already in memory (a base revision, a benchmark, a test)."""
    return run(LoadedCard(text, name, source, path), options)


def run(loaded: LoadedCard, options: RunOptions = DEFAULT) -> Recipe:
    card = parse(loaded.text, loaded.path)
    inline, problems = inline_ignores(card, CRITERIA_IDS + FINDING_IDS)
    ignore = {**inline, **options.ignore}
    seen = run_all(card, loaded.repo)
    generation, present = assemble(card, seen, options.declared)
    reproducibility = evaluate(
        card, seen, generation, present, {k: v for k, v in ignore.items() if k in CRITERIA_IDS}
    )
    generation = with_prompt_status(generation, "exact_prompts" in reproducibility.available)
    cost = estimate(
        card,
        generation,
        present,
        options.pricing_date,
        options.cost_table,
        changed=loaded.changed,
        files=loaded.repo.files if loaded.repo is not None else (),
    )
    extra, scanned = _scan(loaded, options, generation)
    ignored = [{"id": k, "reason": v} for k, v in sorted(ignore.items())]
    pretty = card.front_matter.get("pretty_name")
    if isinstance(pretty, str) and pretty.strip():
        extra = (("pretty_name", " ".join(pretty.split())[:200]), *extra)
    return Recipe(
        name=loaded.name,
        source=loaded.source,
        generation=generation,
        cost=cost,
        reproducibility=reproducibility,
        findings=_reported([*seen.findings(), *problems, *scanned], ignore),
        tool=Tool("datarecipe", __version__, KNOWLEDGE_VERSION),
        extra=((("ignored", ignored),) if ignored else ()) + extra,
    )


def _scan(
    loaded: LoadedCard, options: RunOptions, generation: Generation
) -> tuple[tuple[tuple[str, object], ...], list[Finding]]:
    """--scan-data: the ``content`` block and its findings (the scanner is imported only then)."""
    if options.scan is None:
        return (), []
    from .content import scan_data

    block, findings = scan_data(loaded, options.scan, generation)
    return (("content", block),), findings


def _reported(findings: list[Finding], ignore: dict[str, str]) -> tuple[Finding, ...]:
    return tuple(
        sorted(
            (f for f in findings if f.id not in ignore),
            key=lambda f: (f.line or 0, f.id, f.message),
        )
    )
