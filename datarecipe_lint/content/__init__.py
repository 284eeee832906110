"""Content-level analysis: teacher-model fingerprints in the data files themselves.

``datarecipe analyze PATH --scan-data`` (and ``lint --scan-data``) read the data files beside the
card, look for what model output looks like (self-identification, disclaimer and refusal
boilerplate, knowledge-cutoff statements; ``knowledge/fingerprints.yaml``) and for columns naming
the generator, and check what the card *claims* against what the data *shows*: the recipe gets a
``content`` block and the findings ``undisclosed-teacher`` and ``claimed-human-but-synthetic``.

Nothing in this package is imported unless a scan is asked for.

Byte budget: ``DEFAULT_BUDGET`` (2 GB of data, decompressed) per dataset, ``--scan-bytes`` to
change it. Within it every file is read whole; past it each file gets a share in proportion to
its size, spread over the file (see ``scan``). ``--sample N`` reads about N rows spread over the
files instead.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from ..recipe import Finding, Generation
    from ..sources import LoadedCard

DEFAULT_BUDGET = 2 * 1000**3


class ScanOptions(NamedTuple):
    sample: int | None = None  # rows to read, spread over the files; None = everything in budget
    budget: int = DEFAULT_BUDGET  # bytes of (decompressed) data read at most
    matcher: str | None = None  # "python" forces the pure-Python matcher
    token: str | None = None  # Hub only: access token (default: HF_TOKEN or the stored login)
    engine: str = "local"  # "ray": the plan's pieces as tasks on a Ray cluster
    ray_address: str | None = None  # the cluster (default: RAY_ADDRESS, else a local Ray)


def scan_data(
    loaded: LoadedCard, options: ScanOptions, generation: Generation
) -> tuple[dict[str, Any], list[Finding]]:
    """The ``content`` block of a scan of the card's data files, and the findings it leads to."""
    from .fingerprints import fingerprints
    from .verdict import content_block, content_findings, problem_findings

    fp = fingerprints()
    if loaded.source.type != "local":
        from .hub import scan_hub

        tally = scan_hub(loaded, options, fp)
    elif options.engine == "ray":
        from .files import data_files
        from .plan import make_plan
        from .ray_engine import run_ray

        plan = make_plan(data_files(Path(loaded.path).parent), options.budget, options.sample)
        tally = run_ray(plan, options.matcher, options.ray_address)
    else:
        from .scan import scan_folder

        tally = scan_folder(
            Path(loaded.path).parent, options.budget, options.sample, options.matcher, fp
        )
    block = content_block(tally, fp, options.budget, options.sample)
    return block, [*content_findings(block, fp, generation), *problem_findings(block)]
