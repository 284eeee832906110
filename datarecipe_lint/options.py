"""One place builds the options of a run: flags (or the Action's inputs) > config file > defaults.

:class:`Flags` is what a user said on the command line or in the Action's ``with:`` block, typed;
:func:`build` merges it with the config file found for a card and validates every value against
the config schema (``config.SCHEMA``), so a flag and a config key take the same values and give
the same messages. The result, :class:`RunOptions`, is frozen and is all the pipeline, the gates
and the baseline comparison need: ``analyze``, ``lint``, ``comment``, the Action and batch runs
build it here and nowhere else.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

from . import config
from .errors import UsageError
from .gate import DEFAULT_MIN_SCORE, Gates
from .generation import Declared
from .sources import DEFAULT_MAX_BYTES, Options

if TYPE_CHECKING:
    from .content import ScanOptions

NO_IGNORES: Mapping[str, str] = MappingProxyType({})


class Flags(NamedTuple):
    """What the user set explicitly; None everywhere means "not given" (config or default wins)."""

    config: str | None = None  # --config FILE; None: searched upwards from the card
    min_score: float | None = None
    require: tuple[str, ...] | None = None
    fail_on: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    no_regress: str | None = None  # a git ref to compare each card with
    max_bytes: int | None = None
    pricing_date: datetime.date | None = None
    cost_table: str | None = None
    revision: str | None = None  # Hub only
    token: str | None = None  # Hub only
    scan_data: bool = False
    sample: int | None = None
    scan_bytes: int | None = None
    engine: str | None = None  # --engine local|ray (scans; None: local)
    ray_address: str | None = None


class RunOptions(NamedTuple):
    """Everything that shapes the analysis and the gates of one card besides the card itself."""

    source: Options = Options()
    ignore: Mapping[str, str] = NO_IGNORES  # criterion or finding id -> reason
    declared: Declared | None = None
    pricing_date: datetime.date | None = None  # price model calls at this date
    cost_table: str | None = None  # YAML whose rows override or extend the shipped cost tables
    scan: ScanOptions | None = None  # --scan-data (content/ is imported only then)
    gates: Gates = Gates()
    no_regress: str | None = None
    config_path: str | None = None  # the config file that was read, if any


def build(card: str | None, flags: Flags | None = None) -> RunOptions:
    """The options for one card (a local path, or None for a Hub id or a batch)."""
    flags = flags or Flags()
    check_flags(flags)
    path, conf = _config(card, flags.config)
    card_conf = config.card_section(conf, path, Path(card)) if card and path else {}
    ignore = {**conf.get("ignore", {}), **card_conf.get("ignore", {})}
    ignore.update(dict.fromkeys(flags.ignore or (), "--ignore on the command line"))
    gates = Gates(
        _first(
            flags.min_score, card_conf.get("min-score"), conf.get("min-score"), DEFAULT_MIN_SCORE
        ),
        tuple(_first(flags.require, card_conf.get("require"), conf.get("require"), ())),
        tuple(_first(flags.fail_on, conf.get("fail-on"), ())),
    )
    source = Options(
        max_bytes=flags.max_bytes or conf.get("max-bytes") or DEFAULT_MAX_BYTES,
        revision=flags.revision,
        token=flags.token,
    )
    return RunOptions(
        source=source,
        ignore=MappingProxyType(ignore),
        declared=_declared(card_conf, path),
        pricing_date=flags.pricing_date,
        cost_table=flags.cost_table or config.cost_table(conf.get("cost-table"), path),
        scan=scan_options(flags),
        gates=gates,
        no_regress=flags.no_regress,
        config_path=str(path) if path else None,
    )


def check_flags(flags: Flags) -> None:
    """Flags go through the same validators as config keys (``config.SCHEMA``). Entry points
    call it before the first card, so a bad flag is a usage error rather than a card's."""
    given = {
        "min-score": flags.min_score,
        "require": flags.require,
        "fail-on": flags.fail_on,
        "ignore": flags.ignore,
    }
    for key, value in given.items():
        if value is not None:
            config.SCHEMA[key](f"--{key}", value)
    if flags.cost_table:
        from .cost.tables import load_override

        load_override(flags.cost_table, "--cost-table")
    if flags.config and not Path(flags.config).is_file():
        raise UsageError(f"--config {flags.config}: no such file")
    scan_options(flags)  # --sample or --scan-bytes without --scan-data


def _config(card: str | None, explicit: str | None) -> tuple[Path | None, Mapping[str, Any]]:
    if explicit:
        path: Path | None = Path(explicit)
    elif card == "-":  # standard input: the config of the folder it is run in
        path = config.find_config(Path.cwd() / "README.md")
    elif card is not None:
        path = config.find_config(Path(card))
    else:
        path = None
    return (path, config.load_config(path).data) if path is not None else (None, {})


def _declared(card_conf: Mapping[str, Any], path: Path | None) -> Declared | None:
    if not any(k in card_conf for k in ("teachers", "origin", "platforms")):
        return None
    return Declared(
        card_conf.get("teachers"),
        card_conf.get("origin"),
        card_conf.get("platforms"),
        f"declared in {path}",
    )


def scan_options(flags: Flags) -> ScanOptions | None:
    """The content scan's options, or None when --scan-data was not given."""
    if not flags.scan_data:
        if flags.sample is not None or flags.scan_bytes is not None:
            raise UsageError("--sample and --scan-bytes go with --scan-data")
        if flags.engine == "ray" or flags.ray_address:
            raise UsageError("--engine ray and --ray-address go with --scan-data")
        return None
    from .content import DEFAULT_BUDGET, ScanOptions

    return ScanOptions(
        sample=flags.sample,
        budget=flags.scan_bytes or DEFAULT_BUDGET,
        token=flags.token,
        engine=flags.engine or "local",
        ray_address=flags.ray_address,
    )


def _first(*values: Any) -> Any:
    return next(v for v in values if v is not None)
