"""Run an audit: the per-article map locally, in worker processes, or on Dask; the corpus reduce here."""
from __future__ import annotations

import os
import sys
import time
from dataclasses import replace
from typing import Callable, Iterable

from .config import Config
from .corpus import Packed, Summary
from .documents import Document
from .engine import Engine, engine_for, load_documents
from .errors import AuditorError
from .model import Report

BATCH = 16          # articles per task sent to a worker
_WORKER_ENGINE: dict[Config, Engine] = {}


def _worker_engine(config: Config) -> Engine:
    """One engine per worker process and configuration, built on first use."""
    engine = _WORKER_ENGINE.get(config)
    if engine is None:
        engine = _WORKER_ENGINE[config] = Engine(config)
    return engine


Mapped = tuple[list[Packed], list[Summary], list[str]]


def _mapped(engine: Engine, docs: list[Document], corpus_size: int) -> Mapped:
    """Map articles in a worker: their findings packed (the main process holds them until the finish),
    their summaries and the warnings."""
    found, summaries = engine.map_documents(docs, corpus_size=corpus_size)
    return [Packed(f) for f in found], summaries, engine.take_warnings()


def check_batch(config: Config, batch: list[tuple], corpus_size: int) -> Mapped:
    """The map step: per-article findings and summaries for a batch of (path, text, kind, source), and its warnings."""
    engine = _worker_engine(config)
    docs = [Document.from_text(text, path=path, kind=kind, source=source) for path, text, kind, source in batch]
    return _mapped(engine, docs, corpus_size)


def _batches(docs: list[Document]) -> list[list[tuple]]:
    items = [(d.path, d.text, d.kind, d.meta.get("source")) for d in docs]
    return [items[i:i + BATCH] for i in range(0, len(items), BATCH)]


_FORKED: dict[str, object] = {}   # the parent's engine and articles, inherited by forked workers


def _check_range(start: int, end: int) -> Mapped:
    """The map step in a forked worker: the inherited engine on the inherited articles start..end."""
    engine: Engine = _FORKED["engine"]
    docs = _FORKED["docs"]
    # new Document objects, gone after the batch with what the checks keep of them (segments, caches
    # keyed by the document): the inherited ones live as long as the worker
    return _mapped(engine, [replace(d) for d in docs[start:end]], len(docs))


def _gather(futures, engine: Engine, tick: Callable[[int], None]) -> tuple[list[Packed], list[Summary]]:
    """Collect mapped batches in order, so results line up with the articles; pass warnings on."""
    out: list[Packed] = []
    summaries: list[Summary] = []
    for future in futures:
        result, summary, warnings = future.result()
        out.extend(result)
        summaries.extend(summary)
        engine.add_warnings(warnings)
        tick(len(result))
    return out, summaries


def _warm(engine: Engine, docs: list[Document]) -> None:
    """Load what the checks load lazily (lexicons, models), once, before workers are forked."""
    sample = docs[0]
    engine.map_document(Document.from_text(sample.text, path=sample.path, kind=sample.kind,
                                           source=sample.meta.get("source")))


def _map_processes(engine: Engine, config: Config, docs: list[Document], jobs: int,
                   tick: Callable[[int], None]) -> tuple[list[Packed], list[Summary]]:
    from concurrent.futures import ProcessPoolExecutor
    import gc
    import multiprocessing

    fork = "fork" in multiprocessing.get_all_start_methods() and sys.platform.startswith("linux")
    if fork:
        # workers forked from this warmed process share its engine and lexicons and start at once
        _warm(engine, docs)
        _FORKED.update(engine=engine, docs=docs)
        gc.freeze()   # keep the collector from touching (and so copying) the shared pages
        ctx = multiprocessing.get_context("fork")
    else:
        ctx = multiprocessing.get_context("forkserver" if sys.platform != "win32" else "spawn")
    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx) as pool:
            if fork:
                futures = [pool.submit(_check_range, i, min(i + BATCH, len(docs)))
                           for i in range(0, len(docs), BATCH)]
            else:
                futures = [pool.submit(check_batch, config, batch, len(docs)) for batch in _batches(docs)]
            return _gather(futures, engine, tick)
    finally:
        if fork:
            _FORKED.clear()
            gc.unfreeze()


def _map_dask(engine: Engine, config: Config, docs: list[Document], jobs: int,
              tick: Callable[[int], None]) -> tuple[list[Packed], list[Summary]]:
    from dask.distributed import Client, LocalCluster

    if config.scheduler:
        try:
            client = Client(config.scheduler, timeout=config.scheduler_timeout)
        except (OSError, TimeoutError, ValueError) as exc:
            reason = " ".join(str(exc).split()) or type(exc).__name__
            raise AuditorError(f"cannot reach the Dask scheduler {config.scheduler} within "
                               f"{config.scheduler_timeout:g}s (--scheduler-timeout): {reason[:200]}") from None
        cluster = None
    else:
        cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=40)
        client = Client(cluster)
    try:
        batches = _batches(docs)
        futures = client.map(check_batch, [config] * len(batches), batches, [len(docs)] * len(batches), pure=False)
        return _gather(futures, engine, tick)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


class _Progress:
    """A rich progress bar on a terminal, shown only once a run has lasted a second."""

    def __init__(self, total: int, enabled: bool):
        self.total, self.enabled = total, enabled
        self.started = time.monotonic()
        self.done = 0
        self.bar = None
        self.task = None

    def __call__(self, n: int) -> None:
        self.done += n
        if not self.enabled:
            return
        if self.bar is None and time.monotonic() - self.started > 1.0:
            from rich.progress import Progress

            self.bar = Progress(transient=True)
            self.bar.start()
            self.task = self.bar.add_task("auditing", total=self.total, completed=self.done)
        elif self.bar is not None:
            self.bar.update(self.task, completed=self.done)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


def audit_documents(docs: list[Document], config: Config, errors: Iterable[str] = (),
                    progress: bool | None = None, on_read: bool = False) -> tuple[Report, Engine]:
    """Audit loaded documents as one corpus with the configured engine and job count.

    on_read: the report's documents are finished as they are read (see Engine.reduce).
    """
    engine = engine_for(config)
    jobs = max(1, config.jobs)
    show = sys.stderr.isatty() if progress is None else progress
    tick = _Progress(len(docs), show)
    try:
        if config.engine == "dask":
            per_doc, summaries = _map_dask(engine, config, docs, jobs, tick)
        elif jobs > 1 and len(docs) > BATCH:
            per_doc, summaries = _map_processes(engine, config, docs, min(jobs, os.cpu_count() or jobs), tick)
        else:
            per_doc, summaries = engine.map_documents(docs, tick)
    finally:
        tick.close()
    return engine.reduce(docs, per_doc, errors, summaries, release=True, on_read=on_read), engine


def audit(paths, config: Config, source: str | None = None,
          source_language: str | None = None, on_read: bool = False) -> tuple[Report, Engine]:
    """Read and audit the paths as one corpus; return the report and the engine used.

    With a source, the one article given is audited against it; otherwise an article's source is
    NAME.source.EXT beside it, when there is one.
    """
    docs, errors = load_documents(paths, config, source, source_language)
    return audit_documents(docs, config, errors, on_read=on_read)

