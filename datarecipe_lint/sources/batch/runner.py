"""Run a batch: a bounded pool of workers, one writer, progress on a terminal, resumable output."""

from __future__ import annotations

import importlib
import os
import sys
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, NamedTuple

from ... import pipeline
from ...errors import DataRecipeError, InputError
from ...options import Flags, RunOptions, build
from ..hub import HubPolicy
from . import records
from .pace import Pacer
from .records import Record
from .summary import Summary, render_markdown, render_text, summarize

DEFAULT_JOBS = 4
DEFAULT_RATE = 1.5  # requests per second: 450 per 5 minutes, under the anonymous Hub limit


class BatchConfig(NamedTuple):
    inputs: Sequence[str]
    output: str | None  # None: JSON lines on stdout (no resume)
    flags: Flags  # each input's options are built from these (a local card reads its config)
    jobs: int = DEFAULT_JOBS
    rate: float = DEFAULT_RATE  # 0: no pacing
    summary_md: str | None = None
    progress: bool | None = None  # None: only when stderr is a terminal
    engine: str = "local"  # "ray": the inputs as tasks on a Ray cluster
    ray_address: str | None = None


class Outcome(NamedTuple):
    summary: Summary
    interrupted: bool


def run(config: BatchConfig) -> Outcome:
    inputs = records.read_inputs(config.inputs)
    path = Path(config.output) if config.output else None
    earlier = records.load(path) if path is not None else {}
    todo = [i for i in inputs if not records.is_recipe(earlier.get(i))]
    stop = threading.Event()
    policy = _policy(config.rate, stop)
    secrets = (config.flags.token, os.environ.get("HF_TOKEN"))
    done: dict[str, Record] = {}
    with _sink(path) as sink, _bar(len(todo), config.progress) as bar:
        if config.engine == "ray":
            interrupted = _on_ray(config, todo, secrets, sink, done, bar)
        else:
            pool = ThreadPoolExecutor(
                max_workers=max(1, config.jobs), thread_name_prefix="datarecipe"
            )
            futures = {pool.submit(analyze_one, i, config.flags, policy, secrets): i for i in todo}
            interrupted = _in_threads(pool, futures, stop, sink, done, bar)
    final = {**earlier, **done}
    if path is not None:
        try:
            records.compact(path, inputs, final)
        except OSError as exc:
            raise InputError(
                f"{path}: cannot rewrite: {exc.strerror or exc}", "unwritable"
            ) from None
    resumed = len(inputs) - len(todo)
    summary = summarize(inputs, final, resumed)
    _report(summary, config.summary_md)
    return Outcome(summary, interrupted)


def _in_threads(
    pool: ThreadPoolExecutor,
    futures: dict[Future[Record | None], str],
    stop: threading.Event,
    sink: IO[str],
    done: dict[str, Record],
    bar: Any,
) -> bool:
    """Run the local pool; True when interrupted (what finished is kept)."""
    try:
        for future in as_completed(futures):
            _keep(future.result(), futures[future], sink, done, bar)
    except KeyboardInterrupt:
        stop.set()
        pool.shutdown(wait=True, cancel_futures=True)
        for future, source in futures.items():
            if source not in done and future.done() and not future.cancelled():
                _keep(future.result(), source, sink, done, bar)
        return True
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
    return False


def _on_ray(
    config: BatchConfig,
    todo: Sequence[str],
    secrets: Sequence[str | None],
    sink: IO[str],
    done: dict[str, Record],
    bar: Any,
) -> bool:
    from .on_ray import run_on_ray

    try:
        run_on_ray(
            todo, config.flags, config.rate, secrets, config.ray_address,
            lambda source, record: _keep(record, source, sink, done, bar),
        )  # fmt: skip
    except KeyboardInterrupt:
        return True
    return False


def analyze_one(
    source: str, flags: Flags, policy: HubPolicy, secrets: Sequence[str | None]
) -> Record | None:
    """The same ``pipeline.analyze`` as a single run; any failure becomes this input's error line."""
    try:
        options = _options(source, flags, policy)
        return records.success(source, pipeline.analyze(source, options).to_dict())
    except DataRecipeError as exc:
        if exc.kind == "interrupted":
            return None
        return records.failure(source, exc.kind, records.redact(exc.message, secrets))
    except Exception as exc:  # a bug on one card never stops the batch
        message = records.redact(f"{type(exc).__name__}: {exc}", secrets)
        return records.failure(source, "internal", message)


def _policy(rate: float, stop: threading.Event) -> HubPolicy:
    pace = Pacer(rate, stop) if rate > 0 else None
    return HubPolicy.from_env(os.environ)._replace(pace=pace, stop=stop)


def _options(source: str, flags: Flags, policy: HubPolicy) -> RunOptions:
    options = build(source if Path(source).exists() else None, flags)
    return options._replace(source=options.source._replace(hub=policy))


def _keep(
    record: Record | None, source: str, sink: IO[str], done: dict[str, Record], bar: Any
) -> None:
    """Write one finished input's record: the driver is the only writer of the output."""
    if record is None or source in done:
        return
    sink.write(records.dumps(record) + "\n")
    sink.flush()
    done[source] = record
    if bar is not None:
        bar.update(1)


@contextmanager
def _sink(path: Path | None) -> Iterator[IO[str]]:
    if path is None:
        yield sys.stdout
        return
    try:
        records.end_line(path)
        fh = path.open("a", encoding="utf-8", newline="\n")
    except OSError as exc:
        raise InputError(f"{path}: cannot write: {exc.strerror or exc}", "unwritable") from None
    with fh:
        yield fh


@contextmanager
def _bar(total: int, enabled: bool | None) -> Iterator[Any]:
    if not (sys.stderr.isatty() if enabled is None else enabled):
        yield None
        return
    try:
        tqdm: Any = importlib.import_module("tqdm").tqdm  # a huggingface_hub dependency
    except ImportError:
        yield None
        return
    with tqdm(total=total, unit="id", file=sys.stderr, dynamic_ncols=True) as bar:
        yield bar


def _report(summary: Summary, markdown: str | None) -> None:
    sys.stderr.write(render_text(summary))
    if markdown:
        try:
            Path(markdown).write_text(render_markdown(summary), encoding="utf-8")
        except OSError as exc:
            raise InputError(
                f"{markdown}: cannot write: {exc.strerror or exc}", "unwritable"
            ) from None
