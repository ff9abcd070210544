"""Orchestration of the stages: read -> extract -> map -> store (or -> facts files).

Each document goes through the stages on its own, so one bad document is reported and skipped
while the others still land; the store is only touched by atomic writes of whole documents
(a batch of documents and the incidents they change in one transaction; if that fails, each
document alone), so a document that fails at any stage leaves its previous graph (if any) as
it was.
Progress is reported through a callback so that the CLI (or anything else) can draw it.

With ``jobs > 1`` extraction runs in a pool of worker processes, each with its own extractor
(inherited from this process when it can fork, else built once per worker); they return plain
``Facts`` for chunks of documents, in input order. Reading, mapping and the store writes stay
in this process (the store has one writer).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import sys
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field, replace
from datetime import datetime
from itertools import islice
from pathlib import Path
from typing import Any, Optional, Protocol, Union

from kg.extract import facts as facts_io
from kg.graph import derived, mapping
from kg.models import Document, Facts
from kg.read.reader import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_CHARS,
    ReadError,
    ReadResult,
    discover,
    language_problem,
    read_all,
)

# How many readable documents are handed to ``extract_many`` at once in this process: spaCy
# parses their paragraphs in one stream (batched, ~10% faster than one call per document);
# small enough to bound memory.
BATCH_SIZE = 32
# Documents written (and fused) in one transaction by the store thread: one clustering and
# one rewrite of each incident they change per batch instead of per document (a document is
# still all-or-nothing; a batch that fails is written again one document at a time). A batch
# goes at WRITE_BATCH documents if the store thread is free, else it grows up to
# MAX_WRITE_BATCH while the thread is busy (fusion's cost per batch grows with the store).
# 64 since build speed round 9: an on-disk store bulk-loads each batch's new graphs
# (KGStore.bulk_writing), and every bulk load adds files that RocksDB must compact; in
# 16-document batches the compactions ate what the loads saved (docs/build-speed.md).
# 128 since round 10: half the bulk loads again, and RocksDB's compactions of them (which
# rewrite what is stored) ~40% cheaper at 1,000 documents.
WRITE_BATCH = 128
MAX_WRITE_BATCH = 128
# A batch also goes once its documents hold this many triples (named graph + union copy: twice
# as many quads), so that its new graphs stay within KGStore's bulk load (core.BULK_LOAD_MAX_QUADS)
# however long the documents are (128 of the benchmark's hold ~240,000).
MAX_WRITE_BATCH_TRIPLES = 400_000
# Documents mapped and waiting for the store thread before extraction waits for it.
_MAX_PENDING_WRITES = 2 * MAX_WRITE_BATCH
# With jobs > 1: documents per task sent to a worker process (small enough for a smooth
# progress bar, large enough for spaCy's batching), and tasks in flight per worker.
CHUNK_SIZE = 4
_TASKS_PER_WORKER = 2
# The store thread flushes the store's memory tables to disk after about this many triples
# (KGStore.flush: bounds a long build's memory and write-ahead log).
FLUSH_EVERY_TRIPLES = 75_000
# kg build --jobs 1 extracts in a worker process from this many documents (see _extract_apart).
EXTRACT_APART_MIN_FILES = 64
#: Warning for a document from which nothing was extracted (it is still stored / written).
NO_FACTS = "no actors, places or events found (is it a conflict report?)"


class ExtractorLike(Protocol):
    """What the pipeline needs from ``kg.extract.Extractor`` (lets tests pass a stand-in)."""

    def extract(self, doc: Document) -> Facts: ...

    def extract_many(self, docs: Iterable[Document], *, n_process: int = 1) -> Iterator[Facts]: ...


class StoreLike(Protocol):
    """What ``build`` needs from ``kg.store.core.KGStore``: ``write(prepare(...))`` replaces a graph."""

    def prepare(self, graph_iri: Any, graph: Any) -> Any: ...

    def write(self, prepared: Any) -> int: ...


# progress(done, total, path): once with (0, total, None) before the first file, then after
# each file whatever its outcome.
ProgressFn = Callable[[int, int, Optional[Path]], None]


@dataclass(frozen=True)
class Failure:
    """A file that did not make it, with the stage that failed and why."""

    path: Path
    stage: str  # read | extract | map | store | write
    message: str
    exc: Optional[BaseException] = field(default=None, repr=False, compare=False)

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass
class BuildReport:
    """What ``build`` did: counts are for the documents that landed in the store."""

    documents: int = 0
    failed: list[Failure] = field(default_factory=list)
    warnings: list[tuple[Path, str]] = field(default_factory=list)
    entities: int = 0
    events: int = 0
    triples: int = 0
    doc_ids: list[str] = field(default_factory=list)
    seconds: float = 0.0
    empty: list[Path] = field(default_factory=list)  # folders given that held no article

    @property
    def ok(self) -> bool:
        return not self.failed


@dataclass
class ExtractReport:
    """What ``extract_to_dir`` did: one facts file per document written."""

    written: list[Path] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)
    warnings: list[tuple[Path, str]] = field(default_factory=list)
    entities: int = 0
    events: int = 0
    seconds: float = 0.0
    empty: list[Path] = field(default_factory=list)  # folders given that held no article

    @property
    def documents(self) -> int:
        return len(self.written)

    @property
    def ok(self) -> bool:
        return not self.failed


@dataclass(frozen=True)
class _Extracted:
    """One file after reading and extraction: facts, or the failure that stopped it."""

    path: Path
    warnings: tuple[str, ...]
    facts: Optional[Facts] = None
    failure: Optional[Failure] = None


def _describe(exc: BaseException) -> str:
    """A one-line reason; the exception type is kept for errors nobody anticipated."""
    text = " ".join(str(exc).split())
    name = type(exc).__name__
    if not text:
        return name
    known = name.endswith("Error") and type(exc).__module__.startswith("kg.")
    return text if known else f"{name}: {text}"


def _document(result: ReadResult) -> Document:
    assert result.document is not None, "only readable results are extracted"
    return result.document


def _extract_one(extractor: ExtractorLike, result: ReadResult) -> _Extracted:
    try:
        return _Extracted(result.path, result.warnings, facts=extractor.extract(_document(result)))
    except Exception as exc:  # noqa: BLE001 - one bad document must not stop the batch
        return _Extracted(result.path, result.warnings, failure=Failure(result.path, "extract", _describe(exc), exc))


def _extract_batch(extractor: ExtractorLike, batch: list[ReadResult]) -> Iterator[_Extracted]:
    """Extract a batch with ``extract_many``; a document that makes it raise is retried alone.

    ``extract_many`` yields in input order, so when it raises, the culprit is the next document
    not yet yielded: that one goes through ``extract`` on its own (and is reported if it fails
    again), and ``extract_many`` resumes with the documents after it.
    """
    start = 0
    while start < len(batch):
        rest = batch[start:]
        try:
            for result, facts in zip(rest, extractor.extract_many([_document(r) for r in rest])):
                start += 1
                yield _Extracted(result.path, result.warnings, facts=facts)
        except Exception:  # noqa: BLE001 - isolate the document it broke on
            yield _extract_one(extractor, batch[start])
            start += 1
        else:
            yield from (_extract_one(extractor, r) for r in batch[start:])  # if it stopped short
            return


def _batched(items: Iterable[ReadResult], size: int) -> Iterator[list[ReadResult]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def _extract_stream(
    results: Iterable[ReadResult], extractor: ExtractorLike, workers: Optional["_Workers"] = None
) -> Iterator[_Extracted]:
    """Read results -> extracted facts (or failures), one per file, in input order.

    In this process, or in the ``workers`` processes if given. (spaCy's own ``n_process`` is not
    used: it sends parsed Docs back for this process to unpickle and run every rule stage on
    alone, which measured slower with two processes than with one.)
    """
    if workers is None:
        stream = _extract_here(results, extractor)
    else:
        stream = _extract_parallel(results, workers, extractor if _shares_extraction(workers) else None)
    for item in stream:
        yield _with_content_warnings(item)


def _extract_here(results: Iterable[ReadResult], extractor: ExtractorLike) -> Iterator[_Extracted]:
    for batch in _batched(results, BATCH_SIZE):
        readable = [r for r in batch if r.document is not None]
        yield from _in_order(batch, _extract_readable(extractor, readable))


def _extract_readable(extractor: ExtractorLike, readable: list[ReadResult]) -> Iterator[_Extracted]:
    if len(readable) > 1:
        return _extract_batch(extractor, readable)
    return (_extract_one(extractor, r) for r in readable)


def _in_order(batch: list[ReadResult], extracted: Iterable[_Extracted]) -> Iterator[_Extracted]:
    """The batch's results in input order: unreadable files as read failures, the rest extracted."""
    done = iter(extracted)
    for r in batch:
        if r.document is None:
            reason = _reason(r.path, r.error or "cannot read")
            yield _Extracted(r.path, r.warnings, failure=Failure(r.path, "read", reason))
        else:
            yield next(done)


def _content_warning(facts: Facts) -> Optional[str]:
    """Extraction worked but its result is suspect: another language, or nothing found."""
    problem = language_problem(facts.text or "", facts.document.language or "en")
    if problem is not None:
        if facts.entities or facts.events:
            found = (f"found {_count(len(facts.entities), 'actor or place', 'actors or places')} "
                     f"and {_count(len(facts.events), 'event', 'events')}, check them")
        else:
            found = "found no actors, places or events"
        return f"{problem}; extraction expects English: {found}"
    if not facts.entities and not facts.events:
        return NO_FACTS
    return None


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _with_content_warnings(item: _Extracted) -> _Extracted:
    warning = _content_warning(item.facts) if item.facts is not None else None
    return item if warning is None else replace(item, warnings=(*item.warnings, warning))


# ----------------------------------------------------------------------------- worker processes

class _RemoteError(Exception):
    """An exception raised in a worker process; its message is the worker's traceback."""


_worker_extractor: Optional[ExtractorLike] = None


def _init_worker(extractor: Optional[ExtractorLike]) -> None:
    """Runs once in each worker: keep (or build) its extractor; Ctrl-C is the parent's business."""
    global _worker_extractor
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if extractor is None:
        from kg.extract import Extractor

        extractor = Extractor()
    _worker_extractor = extractor


def _extract_chunk(chunk: list[ReadResult]) -> list[_Extracted]:
    """In a worker: extract readable documents, each failure isolated and made picklable."""
    assert _worker_extractor is not None, "worker not initialised"
    out = []
    for item in _extract_readable(_worker_extractor, chunk):
        if item.failure is not None and item.failure.exc is not None:
            exc = item.failure.exc
            remote = _RemoteError("".join(traceback.format_exception(exc)).rstrip())
            item = replace(item, failure=replace(item.failure, exc=remote))
        out.append(item)
    return out


def _ready() -> bool:
    return _worker_extractor is not None


def _is_kg_extractor(extractor: ExtractorLike) -> bool:
    module = sys.modules.get("kg.extract")
    return module is not None and isinstance(extractor, module.Extractor)


class _Workers:
    """A pool of extraction processes, replaced if one of them dies (e.g. killed for memory)."""

    def __init__(self, extractor: ExtractorLike, jobs: int) -> None:
        self.jobs = jobs
        if "fork" in multiprocessing.get_all_start_methods():
            # Forked workers inherit the loaded extractor: nothing is pickled or loaded again.
            self._context = multiprocessing.get_context("fork")
            self._initarg: Optional[ExtractorLike] = extractor
        else:  # spawn: each worker loads its own (a stand-in extractor is pickled instead)
            self._context = multiprocessing.get_context("spawn")
            self._initarg = None if _is_kg_extractor(extractor) else extractor
        self.pool = self._start()

    def _start(self) -> ProcessPoolExecutor:
        pool = ProcessPoolExecutor(self.jobs, mp_context=self._context, initializer=_init_worker,
                                   initargs=(self._initarg,))
        # Start (fork) the workers now, before this process starts other threads.
        for future in [pool.submit(_ready) for _ in range(self.jobs)]:
            future.result()
        return pool

    def submit(self, chunk: list[ReadResult]) -> Future[list[_Extracted]]:
        try:
            return self.pool.submit(_extract_chunk, chunk)
        except BrokenProcessPool:
            self.restart()
            return self.pool.submit(_extract_chunk, chunk)

    def restart(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.pool = self._start()

    def results(self, chunk: list[ReadResult], future: Future[list[_Extracted]]) -> list[_Extracted]:
        """The chunk's results; if a worker died, its documents are retried one per task."""
        try:
            return future.result()
        except BrokenProcessPool:
            pass
        out: list[_Extracted] = []
        for r in chunk:
            try:
                out.extend(self.submit([r]).result())
            except BrokenProcessPool:
                message = "the worker process extracting it died (out of memory? try --max-chars)"
                out.append(_Extracted(r.path, r.warnings, failure=Failure(r.path, "extract", message)))
        return out

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


@contextmanager
def _worker_pool(extractor: ExtractorLike, jobs: int, *, one_in_worker: bool = False) -> Iterator[Optional[_Workers]]:
    """Worker processes for ``jobs > 1``; for one job, None (extraction stays in this
    process) unless ``one_in_worker`` (see :func:`_extract_apart`)."""
    if jobs < 1 or (jobs == 1 and not one_in_worker):
        yield None
        return
    workers = _Workers(extractor, jobs)
    try:
        yield workers
    finally:
        workers.close()


def _extract_parallel(results: Iterable[ReadResult], workers: _Workers,
                      here: Optional[ExtractorLike] = None) -> Iterator[_Extracted]:
    """Chunks of documents go to the workers; a bounded window of them is in flight.

    With ``here`` (an extractor in this process), this process extracts a chunk itself
    whenever it would otherwise sit waiting for the oldest worker result. Why: with one worker
    on two cores, the worker's extraction is the slowest stage and this process (mapping,
    fusion, storing) idles part of the time; sharing the extraction balances the two
    (measured in docs/speed.md). Results still come out in input order.
    """
    chunks = _batched(results, CHUNK_SIZE)
    # Each entry: a chunk and its worker future (None: nothing readable), or its results here.
    window: deque[tuple[list[ReadResult], Union[Future[list[_Extracted]], list[_Extracted], None]]] = deque()
    in_flight = 0  # worker futures in the window
    limit = _TASKS_PER_WORKER * workers.jobs
    exhausted = False

    def take() -> Optional[list[ReadResult]]:
        nonlocal exhausted
        if exhausted:
            return None
        chunk = next(chunks, None)
        exhausted = chunk is None
        return chunk

    while True:
        while in_flight < limit and (chunk := take()) is not None:
            readable = [r for r in chunk if r.document is not None]
            window.append((chunk, workers.submit(readable) if readable else None))
            in_flight += bool(readable)
        if not window:
            return
        chunk, job = window[0]
        if here is not None and isinstance(job, Future) and not job.done() and (extra := take()) is not None:
            readable = [r for r in extra if r.document is not None]
            window.append((extra, list(_extract_readable(here, readable))))
            continue
        window.popleft()
        readable = [r for r in chunk if r.document is not None]
        if isinstance(job, Future):
            in_flight -= 1
            done: Iterable[_Extracted] = workers.results(readable, job)
        else:
            done = job or []
        yield from _in_order(chunk, done)


def _shares_extraction(workers: Optional[_Workers]) -> bool:
    """Whether this process takes a share of the extraction: only when a core is left over
    for it (one worker on two cores); with a worker per core it would only slow them."""
    return workers is not None and workers.jobs < (os.cpu_count() or 1)


def _extract_apart(jobs: int, files: int) -> bool:
    """Whether ``kg build --jobs 1`` extracts in a worker process rather than in this one.

    Why: this process also maps, fuses and stores. In one process those stages take turns
    with spaCy and the rules for the interpreter lock (measured at 1,000 documents: mapping,
    conversion and fusion planning took ~25% of the build on top of extraction). With a
    worker, extraction has a core of its own and the rest overlaps it, which needs a second
    core and enough documents to pay for starting the worker (a fork of the loaded model).
    """
    return jobs == 1 and files >= EXTRACT_APART_MIN_FILES and (os.cpu_count() or 1) > 1


#: Allocations between two collections of the youngest generation during a build (Python: 700).
GC_YOUNG_THRESHOLD = 20_000
#: Collections of the youngest generation between two of the middle one during a build (Python: 10).
GC_MIDDLE_THRESHOLD = 100


@contextmanager
def _frozen_heap() -> Iterator[None]:
    """Keep what exists before a run (the spaCy model, gazetteer, lexicons: millions of
    objects) out of the garbage collector's full passes, which otherwise rescan it all every
    few documents (measured: ~7 s of a 1,000-document build). Forked workers inherit it.

    A caller that froze the heap itself is left alone. During the run the youngest generation
    is collected every ``GC_YOUNG_THRESHOLD`` allocations instead of Python's 700: a build
    allocates millions of short-lived, acyclic objects (triples, terms, fusion reports), and
    each young collection also walks what survived into the next generation (measured:
    fusion's CPU a document at 2,000 documents of bench_scale's corpus 6.8 -> 5.5 ms; a
    300-document build, with a small fusion index, showed no difference beyond noise).
    The middle generation is collected every ``GC_MIDDLE_THRESHOLD`` young collections instead
    of 10: a mapped document waits for its batch's write (128 documents, ~2 batches in flight),
    so it outlived ten young collections and was scanned again in each middle one and then in a
    full one (build speed round 10, at 1,000 documents: the collector's CPU in the build process
    ~3.2 -> ~1.7 ms a document; extraction alone unchanged within noise).
    """
    if gc.get_freeze_count():
        yield
        return
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(GC_YOUNG_THRESHOLD, GC_MIDDLE_THRESHOLD, *threshold[2:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


def _files(paths: Sequence[Path | str]) -> tuple[list[Path], list[Failure]]:
    """Expand folders into article files; a missing path is a failure, not the end of the batch."""
    files: dict[Path, None] = {}  # ordered set: a file named twice is built once
    missing: list[Failure] = []
    for raw in paths:
        try:
            files.update(dict.fromkeys(discover([Path(raw)])))
        except ReadError as exc:
            missing.append(Failure(Path(raw), "read", _reason(Path(raw), str(exc)), exc))
    return list(files), missing


def _empty_folders(paths: Sequence[Path | str], done: set[Path]) -> list[Path]:
    """The folders among ``paths`` from which no article was read (none there, or none
    readable); ``done``: the files that gave a document."""
    empty = []
    for raw in paths:
        folder = Path(raw)
        if folder.is_dir() and not any(folder in p.parents for p in done):
            empty.append(folder)
    return empty


def _reason(path: Path, message: str) -> str:
    """Read errors name their file; the report names it once, so drop the repeat."""
    prefix = f"{path}: "
    return message[len(prefix):] if message.startswith(prefix) else message


def _read_kwargs(overrides: Optional[dict[str, str]], max_bytes: int, max_chars: int) -> dict[str, Any]:
    return {"overrides": overrides or None, "max_bytes": max_bytes, "max_chars": max_chars}


def _prepare_facts(
    store: StoreLike, facts: Facts, path: Path, generated_at: Optional[datetime]
) -> tuple[Any, Optional[Failure]]:
    """Map one document and convert its graph for the store: (prepared graph, failure).

    Runs on the extracting thread: it is pure Python, and on a second thread it would fight
    the extractor for the GIL (measured: ~3x its own cost, as spaCy drops and retakes the GIL
    on every batch).
    """
    try:
        graph_iri, graph = mapping.facts_to_triples(facts, generated_at=generated_at)
    except Exception as exc:  # noqa: BLE001
        return None, Failure(path, "map", _describe(exc), exc)
    try:
        return store.prepare(graph_iri, graph), None
    except Exception as exc:  # noqa: BLE001
        return None, Failure(path, "store", _describe(exc), exc)


def _write_prepared(store: StoreLike, prepared: Any, path: Path,
                    fusion: Optional[tuple[Any, str, list]] = None) -> tuple[int, Optional[Failure]]:
    """Swap one prepared graph in (on the writer thread; Oxigraph releases the GIL).

    With ``fusion`` (index, doc id, reports) the incidents the document changes are planned
    here, in write order, and written in the same transaction; the index learns of the change
    only once the write succeeded, so a failed document leaves incidents as they were.
    """
    try:
        if fusion is None:
            return store.write(prepared), None
        index, doc_id, reports = fusion
        plan = index.plan(doc_id, reports)
        triples = _fusion_store(store).write_with(prepared, plan.graphs)  # type: ignore[union-attr]
        plan.apply()
        return triples, None
    except Exception as exc:  # noqa: BLE001
        return 0, Failure(path, "store", _describe(exc), exc)


def _store_facts(
    batcher: "_Batcher", store: StoreLike, facts: Facts, path: Path,
    generated_at: Optional[datetime], fuser: Optional["_Fuser"] = None,
) -> Future[tuple[int, Optional[Failure]]]:
    """Prepare here, write in a batch on the store thread; the future gives (triples, failure)."""
    prepared, failure = _prepare_facts(store, facts, path, generated_at)
    if failure is not None:
        done: Future[tuple[int, Optional[Failure]]] = Future()
        done.set_result((0, failure))
        return done
    fusion = fuser.work(store, facts, prepared) if fuser is not None else None
    return batcher.add(prepared, path, fusion)


_Item = tuple[Any, Path, Optional[tuple[Any, str, list]], "Future[tuple[int, Optional[Failure]]]"]


class _Batcher:
    """Collects prepared documents and hands them to the store thread ``WRITE_BATCH`` at a
    time, each batch one transaction (``KGStore.write_many``) with the incidents it changes
    planned once (``FusionIndex.plan_many``). Stores without ``write_many`` (a stand-in)
    get one ``write`` per document."""

    def __init__(self, writer: ThreadPoolExecutor, store: StoreLike, size: Optional[int] = None) -> None:
        self.writer, self.store = writer, store
        self.target = _batch_store(store)
        self.size = (size or WRITE_BATCH) if self.target is not None else 1
        self.max_size = max(self.size, MAX_WRITE_BATCH) if self.target is not None else 1
        self.items: list[_Item] = []
        self.triples = 0  # in the documents of ``items``
        self.last: Optional[Future[None]] = None  # the batch submitted last
        self.unflushed = 0  # triples written since the store was last flushed (store thread)

    def add(self, prepared: Any, path: Path, fusion: Optional[tuple[Any, str, list]]) -> Future[tuple[int, Optional[Failure]]]:
        graph = getattr(prepared, "graph", None)
        if graph is not None and any(getattr(i[0], "graph", None) == graph for i in self.items):
            self.flush()  # the same document twice: the later one replaces the earlier, in order
        future: Future[tuple[int, Optional[Failure]]] = Future()
        self.items.append((prepared, path, fusion, future))
        self.triples += len(getattr(prepared, "triples", ()))
        busy = self.last is not None and not self.last.done()
        if len(self.items) >= (self.max_size if busy else self.size) or self.triples >= MAX_WRITE_BATCH_TRIPLES:
            self.flush()
        return future

    def flush(self) -> None:
        if self.items:
            items, self.items, self.triples = self.items, [], 0
            self.last = self.writer.submit(self._write, items)

    def _write(self, items: list[_Item]) -> None:
        """On the store thread: write the batch, then flush the store's memory tables every
        ``FLUSH_EVERY_TRIPLES`` (``KGStore.flush``)."""
        _write_batch(self.store, self.target, items)
        self.unflushed += sum(len(getattr(i[0], "triples", ())) for i in items)
        flush = getattr(self.target, "flush", None)
        if self.unflushed >= FLUSH_EVERY_TRIPLES and callable(flush):
            self.unflushed = 0
            try:
                flush()
            except Exception:  # noqa: BLE001 - nothing is lost: the data is in the log
                pass

    def holds(self, future: Optional[Future[Any]]) -> bool:
        return future is not None and any(i[3] is future for i in self.items)


def _batch_store(store: Any) -> Any:
    """The store a batch is written to: ``store`` or the store a wrapper such as
    kg.store.validate.ValidatingStore writes to (it validates in ``prepare``); None if neither
    has ``write_many``."""
    for candidate in (store, getattr(store, "store", None)):
        if callable(getattr(candidate, "write_many", None)):
            return candidate
    return None


def _write_batch(store: StoreLike, target: Any, items: list[_Item]) -> None:
    """On the store thread: the batch in one transaction, or, if that fails, each document on
    its own (so one bad document fails alone and leaves the store as it was)."""
    if len(items) > 1:
        try:
            fused = [i for i in items if i[2] is not None]
            plan = None
            if fused:
                index = fused[0][2][0]
                plan = index.plan_many({doc_id: reports for _, _, (_, doc_id, reports), _ in fused})  # type: ignore[misc]
            counts = target.write_many([i[0] for i in items], plan.graphs if plan is not None else None)
            if plan is not None:
                plan.apply()
        except Exception:  # noqa: BLE001 - find the culprit: one transaction per document
            pass
        else:
            for item, triples in zip(items, counts):
                item[3].set_result((triples, None))
            return
    try:
        for prepared, path, fusion, future in items:
            future.set_result(_write_prepared(store, prepared, path, fusion))
    finally:  # never leave the build waiting on a document that was not written
        for item in items:
            if not item[3].done():
                item[3].set_exception(RuntimeError("the store thread stopped"))


class _Fuser:
    """Fusion during a build (kg.fuse): reports read from each document's mapped triples here,
    the store's fusion index loaded once, on the writer thread, at the first write."""

    def __init__(self) -> None:
        self._index: Any = None
        self._unfused: dict[str, list] = {}  # documents an interrupted build left unfused

    def index(self, store: Any) -> Any:
        if self._index is None:
            from kg.fuse.index import FusionIndex

            self._index = FusionIndex.from_store(store)
            self._unfused = self._index.unfused()
        return self._index

    def plan_many(self, store: Any, changes: dict[str, list]) -> Any:
        """The batch's plan; the first one also re-fuses documents left without incidents."""
        index = self.index(store)
        if self._unfused:
            changes = {**self._unfused, **changes}
            self._unfused = {}
        return index.plan_many(changes)

    def work(self, store: Any, facts: Facts, prepared: Any) -> Optional[tuple[Any, str, list]]:
        from kg.fuse.model import reports_from_triples

        reports = reports_from_triples(getattr(prepared, "triples", prepared), facts.document.id)
        return _LazyIndex(self, _fusion_store(store)), facts.document.id, reports


class _LazyIndex:
    """Loads the index on first use, which happens on the writer thread (in write order)."""

    def __init__(self, fuser: _Fuser, store: Any) -> None:
        self._fuser, self._store = fuser, store

    def plan(self, doc_id: str, reports: list) -> Any:
        return self._fuser.plan_many(self._store, {doc_id: reports})

    def plan_many(self, changes: dict[str, list]) -> Any:
        return self._fuser.plan_many(self._store, changes)


def _fusion_store(store: Any) -> Any:
    """The store fusion reads and writes through: ``store``, or the store a wrapper such as
    kg.store.validate.ValidatingStore (``kg build --validate``) writes to; None if neither can."""
    for candidate in (store, getattr(store, "store", None)):
        if callable(getattr(candidate, "write_with", None)) and callable(getattr(candidate, "query", None)):
            return candidate
    return None


def _remembering(store: Any) -> Any:
    """The store fusion writes through remembers the incident graphs it writes for the build
    (``KGStore.remembering``: each rewrite is diffed against them instead of reading the graph
    back; during a build the store thread is the store's one writer)."""
    remembering = getattr(_fusion_store(store), "remembering", None)
    return remembering() if callable(remembering) else nullcontext()


def _bulk_writing(store: Any) -> Any:
    """The store the batches go to writes their new graphs by bulk load for the build, and
    compacts its files at the end if it did (``KGStore.bulk_writing``, build speed round 9)."""
    bulk_writing = getattr(_batch_store(store), "bulk_writing", None)
    return bulk_writing() if callable(bulk_writing) else nullcontext()


def _can_fuse(store: Any) -> bool:
    return _fusion_store(store) is not None


def _keys_for_an_older_store(store: Any) -> None:
    """Give a store built by a ``kg`` older than the listings' sort keys those keys before this
    build adds any (what ``kg derive`` does): a listing reads the keys once any exist, so the
    older reports would drop out of it. Two index look-ups when nothing is to do. A store that
    lacks only a kind :func:`derived.absent_kinds` names (the month keys) gets that kind alone,
    as ``kg derive --missing`` does. The store is the one fusion writes through (a wrapper's own
    store)."""
    ox_store = getattr(_fusion_store(store), "ox_store", None)
    if ox_store is None or not derived.absent(ox_store):
        return
    kinds = derived.absent_kinds(ox_store)
    if kinds:  # only the kinds a store lacks altogether first: seconds, not a full derive
        derived.add_to_store(ox_store, only=kinds)
        if not derived.absent(ox_store):
            return
    derived.add_to_store(ox_store)


def _note_duplicate(seen: dict[str, Path], facts: Facts, path: Path, warnings: list[tuple[Path, str]]) -> None:
    """Two files with the same document id replace each other's graph: say so."""
    doc_id = facts.document.id
    if doc_id in seen and seen[doc_id] != path:
        warnings.append((path, f"same document id {doc_id} as {seen[doc_id]}; it replaces that one"))
    seen[doc_id] = path


def build(
    paths: Sequence[Path | str],
    store: StoreLike,
    *,
    extractor: ExtractorLike,
    overrides: Optional[dict[str, str]] = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_chars: int = DEFAULT_MAX_CHARS,
    jobs: int = 1,
    progress: Optional[ProgressFn] = None,
    generated_at: Optional[datetime] = None,
    fuse: Optional[bool] = None,
) -> BuildReport:
    """Read, extract, map and store every document under ``paths``; never raises for one file.

    Storing runs on a background thread while the next documents are extracted: in worker
    processes (``jobs`` of them; one worker for ``jobs=1`` from ``EXTRACT_APART_MIN_FILES``
    documents on a machine with two cores or more), else in this process, where Oxigraph's
    writes release the GIL so the store's share of the time partly overlaps spaCy's. Results
    are still taken in input order; documents are written in batches (``WRITE_BATCH``), one
    transaction each, a failed batch again one document at a time. A document with no facts is stored (its
    metadata) with a warning; texts over ``max_chars`` are cut (see ``kg.read.reader.truncate``).

    ``generated_at`` is recorded as the extraction time in each graph's provenance; without it
    the graphs depend on the articles alone (reproducible builds).

    ``fuse`` (default: on, unless ``KG_FUSE=0``): fuse the reports into incidents (kg.fuse),
    each document's changed incident graphs written in the same transaction as its graph.
    ``fuse=False`` (``kg build --no-fuse``) writes document graphs only.
    """
    start = time.perf_counter()
    files, missing = _files(paths)
    report = BuildReport(failed=missing)
    if progress is not None:
        progress(0, len(files), None)
    seen: dict[str, Path] = {}
    landed: set[Path] = set()
    done = 0
    pending: deque[tuple[_Extracted, Optional[Future[tuple[int, Optional[Failure]]]]]] = deque()

    def settle(item: _Extracted, stored: Optional[Future[tuple[int, Optional[Failure]]]]) -> None:
        nonlocal done
        report.warnings.extend((item.path, w) for w in item.warnings)
        failure = item.failure
        if item.facts is not None and stored is not None:
            triples, failure = stored.result()
            if failure is None:
                _note_duplicate(seen, item.facts, item.path, report.warnings)
                landed.add(item.path)
                report.documents += 1
                report.doc_ids.append(item.facts.document.id)
                report.entities += len(item.facts.entities)
                report.events += len(item.facts.events)
                report.triples += triples
        if failure is not None:
            report.failed.append(failure)
        done += 1
        if progress is not None:
            progress(done, len(files), item.path)

    results = read_all(files, **_read_kwargs(overrides, max_bytes, max_chars))
    if fuse is None:  # on by default (docs/fusion.md); kg build --no-fuse or KG_FUSE=0 turn it off
        fuse = os.environ.get("KG_FUSE", "1").strip().lower() not in ("0", "false", "no", "off")
    fuser = _Fuser() if fuse and _can_fuse(store) else None  # kg.fuse: incidents, same transaction
    _keys_for_an_older_store(store)
    # The worker processes start before the writer thread (a fork copies only this thread).
    n_jobs = min(jobs, len(files))
    with _frozen_heap(), _bulk_writing(store), _remembering(store), \
            _worker_pool(extractor, n_jobs, one_in_worker=_extract_apart(n_jobs, len(files))) as workers, \
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-store") as writer:
        batcher = _Batcher(writer, store)
        for item in _extract_stream(results, extractor, workers):
            stored = None
            if item.facts is not None:
                stored = _store_facts(batcher, store, item.facts, item.path, generated_at, fuser)
            pending.append((item, stored))
            # Report what has landed, in order; bound the queue so memory stays flat.
            while pending and (len(pending) > _MAX_PENDING_WRITES or _landed(pending[0][1])):
                if batcher.holds(pending[0][1]):
                    batcher.flush()
                settle(*pending.popleft())
        batcher.flush()
        while pending:
            settle(*pending.popleft())
    report.empty = _empty_folders(paths, landed)
    report.seconds = time.perf_counter() - start
    return report


def _landed(stored: Optional[Future[Any]]) -> bool:
    return stored is None or stored.done()


def extract_to_dir(
    paths: Sequence[Path | str],
    out_dir: Path,
    *,
    extractor: ExtractorLike,
    overrides: Optional[dict[str, str]] = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_chars: int = DEFAULT_MAX_CHARS,
    jobs: int = 1,
    progress: Optional[ProgressFn] = None,
) -> ExtractReport:
    """Read and extract every document under ``paths`` into ``out_dir/<doc-id>.facts.json``."""
    start = time.perf_counter()
    files, missing = _files(paths)
    report = ExtractReport(failed=missing)
    landed: set[Path] = set()
    if progress is not None:
        progress(0, len(files), None)
    results = read_all(files, **_read_kwargs(overrides, max_bytes, max_chars))
    with _frozen_heap(), _worker_pool(extractor, min(jobs, len(files))) as workers:
        for done, item in enumerate(_extract_stream(results, extractor, workers), start=1):
            if _write_facts(report, item, out_dir):
                landed.add(item.path)
            if progress is not None:
                progress(done, len(files), item.path)
    report.empty = _empty_folders(paths, landed)
    report.seconds = time.perf_counter() - start
    return report


def _write_facts(report: ExtractReport, item: _Extracted, out_dir: Path) -> bool:
    """Write one document's facts (or record its failure); True when written."""
    report.warnings.extend((item.path, w) for w in item.warnings)
    failure = item.failure
    if item.facts is not None:
        try:
            report.written.append(facts_io.write(item.facts, Path(out_dir)))
            report.entities += len(item.facts.entities)
            report.events += len(item.facts.events)
        except Exception as exc:  # noqa: BLE001 - FactsError, OSError: report and go on
            failure = Failure(item.path, "write", _describe(exc), exc)
    if failure is not None:
        report.failed.append(failure)
    return failure is None and item.facts is not None
