"""The one analysis path shared by the CLI, the pre-commit hook, the Action and batch runs:
load → parse → detect → assemble → score → cost → Recipe."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, NamedTuple

from . import __version__
from .card import parse
from .cost import estimate
from .detectors import repo_files, run_all
from .findings import FINDING_IDS
from .generation import Declared, assemble, with_prompt_status
from .knowledge import KNOWLEDGE_VERSION
from .recipe import Recipe, Source, Tool
from .rubric import CRITERIA_IDS, evaluate
from .sources import LoadedCard, Options, load
from .suppress import inline_ignores

if TYPE_CHECKING:
    from .content import ScanOptions
    from .sources.repo_files import RepoFiles


class Settings(NamedTuple):
    """Everything that shapes one analysis besides the card itself."""

    source: Options = Options()
    ignore: Mapping[str, str] = {}  # criterion or finding id -> reason
    declared: Declared | None = None
    pricing_date: datetime.date | None = (
        None  # price API calls at this date instead of when the data was made
    )
    cost_table: str | None = None  # YAML file whose rows override or extend the shipped cost tables
    scan: ScanOptions | None = None  # --scan-data: also scan the data files (content/, lazy import)


def analyze(source: str, settings: Settings | None = None) -> Recipe:
    settings = settings or Settings()
    return analyze_loaded(load(source, settings.source), settings)


def analyze_loaded(loaded: LoadedCard, settings: Settings | None = None) -> Recipe:
    repo = loaded.extra.get("repo")  # a Hub repository's files and structured-file texts
    changed = loaded.extra.get("last_modified")  # when the Hub repository was last changed
    recipe = analyze_text(
        loaded.text, loaded.name, loaded.source, settings, loaded.path, repo, changed
    )
    if settings is not None and settings.scan is not None:
        from .content import attach

        recipe = attach(recipe, loaded, settings.scan)
    return recipe


def analyze_text(
    text: str,
    name: str,
    source: Source,
    settings: Settings | None = None,
    path: str = "README.md",
    repo: RepoFiles | None = None,
    changed: datetime.date | None = None,
) -> Recipe:
    settings = settings or Settings()
    card = parse(text, path)
    inline, problems = inline_ignores(card, CRITERIA_IDS + FINDING_IDS)
    ignore = {**inline, **settings.ignore}
    with repo_files.attached(repo):
        seen = run_all(card)
    generation, present = assemble(card, seen, settings.declared)
    ignore_criteria = {k: v for k, v in ignore.items() if k in CRITERIA_IDS}
    reproducibility = evaluate(card, seen, generation, present, ignore_criteria)
    reproducibility = repo_files.with_file_evidence(reproducibility, seen)
    generation = with_prompt_status(generation, "exact_prompts" in reproducibility.available)
    reported = [*seen.findings(), *problems]
    findings = tuple(
        sorted(
            (f for f in reported if f.id not in ignore),
            key=lambda f: (f.line or 0, f.id, f.message),
        )
    )
    ignored = [{"id": k, "reason": v} for k, v in sorted(ignore.items())]
    return Recipe(
        name=name,
        source=source,
        generation=generation,
        cost=estimate(
            card,
            generation,
            present,
            settings.pricing_date,
            settings.cost_table,
            changed=changed,
            files=repo.files if repo is not None else (),
        ),
        reproducibility=reproducibility,
        findings=findings,
        tool=Tool("datarecipe", __version__, KNOWLEDGE_VERSION),
        extra=(("ignored", ignored),) if ignored else (),
    )
