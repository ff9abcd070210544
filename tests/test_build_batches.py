"""kg build writes documents in batches, one transaction each (issue 14, build speed): a batch
that fails is written again one document at a time, so one document whose write fails is
reported alone and leaves the store as it was, and the others land with their incidents."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

ARTICLE = """---
title: {title}
publisher: {publisher}
published: 2017-03-0{day}
---
{body}
"""

TEXTS = [
    ("Bomb kills 12 in Kirkuk", "Outlet A", 6, "A car bomb exploded in Kirkuk on Sunday, killing 12 people, police said."),
    ("Kirkuk blast toll rises", "Outlet B", 6, "A car bomb killed 20 people in Kirkuk on Sunday, officials said."),
    ("Car bomb in Kirkuk", "Outlet C", 7, "A car bomb killed 14 people in Kirkuk on 5 March, a police officer said."),
    ("Attack in Basra", "Outlet D", 9, "Gunmen attacked a checkpoint in Basra on Wednesday, killing three soldiers."),
]


class _FailsFor:
    """Proxy for the pyoxigraph store whose writes fail when they touch one graph."""

    def __init__(self, real: ox.Store, graph: str) -> None:
        self._real, self._graph = real, graph
        self.calls: list[str] = []  # the loads used

    def __getattr__(self, name: str) -> object:
        return getattr(self._real, name)

    def update(self, text: str, **kw: object) -> None:
        if self._graph in text:
            raise OSError("disk full")
        self._real.update(text, **kw)

    def extend(self, quads: list) -> None:
        quads = list(quads)
        if any(str(getattr(q.graph_name, "value", "")) == self._graph for q in quads):
            raise OSError("disk full")
        self._real.extend(quads)

    def load(self, data: bytes, **kw: object) -> None:
        self.calls.append("load")
        if f"<{self._graph}>".encode() in bytes(data):
            raise OSError("disk full")
        self._real.load(data, **kw)

    def bulk_load(self, data: bytes, **kw: object) -> None:
        self.calls.append("bulk_load")
        if f"<{self._graph}>".encode() in bytes(data):
            raise OSError("disk full")
        self._real.bulk_load(data, **kw)


def _graphs(store) -> dict[str, set]:
    return {str(g): {(str(s), str(p), str(o)) for s, p, o in store.graph(g)} for g in store.graphs()}


def _quads(store) -> set[tuple[str, ...]]:
    """Every quad of the store, the union default graph's too."""
    return {(str(q.subject), str(q.predicate), str(q.object), str(q.graph_name))
            for q in store.ox_store.quads_for_pattern(None, None, None, None)}


@pytest.mark.parametrize("batch, bulk", [(1, False), (16, False), (16, True)])
def test_a_failed_document_in_a_batch_fails_alone(tmp_path: Path, extractor, monkeypatch, batch: int,
                                                  bulk: bool) -> None:
    """Also when a batch's new documents go in by bulk load (``bulk``: its minimum lowered to
    these short reports; build speed round 9)."""
    from kg import pipeline
    from kg.fuse.index import fuse_store
    from kg.store import core
    from kg.store.core import GRAPH_BASE, KGStore

    monkeypatch.setattr(pipeline, "WRITE_BATCH", batch)
    monkeypatch.setattr(core, "BULK_LOAD_MIN_QUADS", 100 if bulk else 10**9)
    docs = tmp_path / "docs"
    docs.mkdir()
    for i, (title, pub, day, body) in enumerate(TEXTS):
        (docs / f"a{i}.md").write_text(ARTICLE.format(title=title, publisher=pub, day=day, body=body), "utf-8")
    with KGStore.open(tmp_path / "ref") as ref:  # every document, for the ids
        pipeline.build([docs], ref, extractor=extractor)
        ids = sorted(d.doc_id for d in ref.documents())
    bad = next(i for i in ids if i.startswith("kirkuk-blast"))
    with KGStore.open(tmp_path / "store") as store:
        monkeypatch.setattr(store, "_ox", _FailsFor(store.ox_store, GRAPH_BASE + bad))
        report = pipeline.build([docs], store, extractor=extractor)
        calls = store._ox.calls
        monkeypatch.setattr(store, "_ox", store._ox._real)
        assert ("bulk_load" in calls) == bulk
        assert report.documents == 3 and [f.stage for f in report.failed] == ["store"]
        assert bad not in {d.doc_id for d in store.documents()}
        assert sorted(d.doc_id for d in store.documents()) == [i for i in ids if i != bad]
        after = _graphs(store)
        fuse_store(store)  # the incidents written with the batches are those of the documents stored
        assert _graphs(store) == after
        # and a failed write of the bad document alone leaves the store (union too) as it was
        before = _quads(store)
        monkeypatch.setattr(store, "_ox", _FailsFor(store.ox_store, GRAPH_BASE + bad))
        again = pipeline.build([docs / "a1.md"], store, extractor=extractor)  # Kirkuk blast toll rises
        monkeypatch.setattr(store, "_ox", store._ox._real)
        assert again.documents == 0 and [f.stage for f in again.failed] == ["store"]
        assert _quads(store) == before


class _PidExtractor:
    """Stands in for the extractor: records the process that extracted each document."""

    def extract(self, doc):
        from kg.models import Facts

        return Facts(document=doc.meta, extractor=f"pid-{os.getpid()}", text=doc.text)

    def extract_many(self, docs, *, n_process: int = 1):
        for doc in docs:
            yield self.extract(doc)


@pytest.mark.parametrize("files", [3, 70])
def test_one_job_extracts_in_a_worker_for_many_documents(tmp_path: Path, files: int, monkeypatch) -> None:
    """kg build --jobs 1 extracts in one worker process from EXTRACT_APART_MIN_FILES documents
    (with two cores), in this process below it; the result is the same."""
    from kg import pipeline
    from kg.store.core import KGStore

    monkeypatch.setattr(pipeline.os, "cpu_count", lambda: 2)
    for i in range(files):
        (tmp_path / f"{i:03d}.txt").write_text(f"Headline {i}\n\nText {i}.", encoding="utf-8")
    extractors: list[str] = []
    original = pipeline._prepare_facts

    def spy(store, facts, path, generated_at):
        extractors.append(facts.extractor)
        return original(store, facts, path, generated_at)

    monkeypatch.setattr(pipeline, "_prepare_facts", spy)
    with KGStore.open(None) as store:
        report = pipeline.build([tmp_path], store, extractor=_PidExtractor(), jobs=1, fuse=False)
        titles = sorted(d.title for d in store.documents())
    assert report.ok and report.documents == files
    assert titles == sorted(f"Headline {i}" for i in range(files))
    here = f"pid-{os.getpid()}"
    assert len(extractors) == files
    if files >= pipeline.EXTRACT_APART_MIN_FILES:
        assert len(set(extractors) - {here}) == 1  # one worker (this process may share the work)
        assert extractors.count(here) < files
    else:
        assert set(extractors) == {here}


class _SlowWorkerExtractor(_PidExtractor):
    """Slow in a worker process, instant in the test's process: the worker is the bottleneck."""

    def __init__(self) -> None:
        self.home = os.getpid()

    def extract(self, doc):
        if os.getpid() != self.home:
            time.sleep(0.02)
        return super().extract(doc)


@pytest.mark.parametrize("jobs, cores, shared", [(1, 2, True), (2, 2, False)])
def test_this_process_shares_extraction_only_with_a_core_to_spare(
        tmp_path: Path, monkeypatch, jobs: int, cores: int, shared: bool) -> None:
    """With one worker on two cores, the building process extracts chunks itself while it
    waits for the worker, and every document still lands once, in input order; with a worker
    per core it leaves extraction to them."""
    from kg import pipeline
    from kg.store.core import KGStore

    monkeypatch.setattr(pipeline.os, "cpu_count", lambda: cores)
    files = 80
    for i in range(files):
        (tmp_path / f"{i:03d}.txt").write_text(f"Headline {i}\n\nText {i}.", encoding="utf-8")
    seen: list[tuple[str, str]] = []
    original = pipeline._prepare_facts

    def spy(store, facts, path, generated_at):
        seen.append((path.name, facts.extractor))
        return original(store, facts, path, generated_at)

    monkeypatch.setattr(pipeline, "_prepare_facts", spy)
    with KGStore.open(None) as store:
        report = pipeline.build([tmp_path], store, extractor=_SlowWorkerExtractor(), jobs=jobs, fuse=False)
        stored = len(store.documents())
    assert report.ok and report.documents == files == stored
    assert [name for name, _ in seen] == [f"{i:03d}.txt" for i in range(files)]  # input order
    here = f"pid-{os.getpid()}"
    by_here = sum(1 for _, who in seen if who == here)
    assert len({who for _, who in seen} - {here}) == jobs
    if shared:
        assert 0 < by_here < files
    else:
        assert by_here == 0


def test_a_build_refuses_documents_left_without_incidents(tmp_path: Path, extractor) -> None:
    """Documents stored without their incidents (a build killed between the two steps of a
    write, or built with --no-fuse) are fused by the next build, as if built with it."""
    from kg import pipeline
    from kg.fuse.index import fuse_store
    from kg.store.core import KGStore

    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    for i, (title, pub, day, body) in enumerate(TEXTS):
        folder = first if i < 3 else second
        (folder / f"a{i}.md").write_text(ARTICLE.format(title=title, publisher=pub, day=day, body=body), "utf-8")
    with KGStore.open(tmp_path / "ref") as ref:
        pipeline.build([first, second], ref, extractor=extractor)
        expected = _graphs(ref)
    with KGStore.open(tmp_path / "store") as store:
        pipeline.build([first], store, extractor=extractor, fuse=False)
        unfused = _graphs(store)
        assert not any("/incident/" in g for g in unfused)
        pipeline.build([second], store, extractor=extractor)
        assert _graphs(store) == expected
        fuse_store(store)
        assert _graphs(store) == expected


def test_a_long_build_flushes_the_store_as_it_goes(tmp_path: Path, extractor, monkeypatch) -> None:
    """The store thread flushes the store every FLUSH_EVERY_TRIPLES triples (bounded memory and
    log in long builds), and the graphs are those of a build that never flushes."""
    from kg import pipeline
    from kg.store.core import KGStore

    docs = tmp_path / "docs"
    docs.mkdir()
    for i, (title, pub, day, body) in enumerate(TEXTS):
        (docs / f"a{i}.md").write_text(ARTICLE.format(title=title, publisher=pub, day=day, body=body), "utf-8")
    monkeypatch.setattr(pipeline, "WRITE_BATCH", 1)
    with KGStore.open(tmp_path / "ref") as ref:
        pipeline.build([docs], ref, extractor=extractor)
        expected = _graphs(ref)
    monkeypatch.setattr(pipeline, "FLUSH_EVERY_TRIPLES", 1)
    monkeypatch.setattr(pipeline, "MAX_WRITE_BATCH", 1)
    flushes: list[int] = []
    with KGStore.open(tmp_path / "store") as store:
        real = store.flush
        monkeypatch.setattr(store, "flush", lambda: (flushes.append(1), real())[1])
        report = pipeline.build([docs], store, extractor=extractor)
        assert report.ok and _graphs(store) == expected
    assert len(flushes) == len(TEXTS)  # one per batch of one document


def test_flush_of_a_read_only_store_is_refused(tmp_path: Path) -> None:
    from kg.store.core import KGStore, StoreError

    with KGStore.open(tmp_path / "s") as store:
        store.flush()  # a writable store flushes
    with KGStore.open(tmp_path / "s", read_only=True) as store:
        with pytest.raises(StoreError, match="read-only"):
            store.flush()


def test_a_build_collects_young_objects_less_often_and_restores_the_collector(
        tmp_path: Path, extractor, monkeypatch) -> None:
    """During a build the youngest generation is collected every GC_YOUNG_THRESHOLD
    allocations, the middle one every GC_MIDDLE_THRESHOLD young collections (build speed round
    10), and the heap before it is frozen; afterwards the collector is as it was."""
    import gc

    from kg import pipeline
    from kg.store.core import KGStore

    seen: list[tuple] = []
    real_map = pipeline.mapping.facts_to_triples

    def spy(*args, **kwargs):
        seen.append((gc.get_threshold()[:2], gc.get_freeze_count() > 0))
        return real_map(*args, **kwargs)

    monkeypatch.setattr(pipeline.mapping, "facts_to_triples", spy)
    (tmp_path / "in").mkdir()
    title, pub, day, body = TEXTS[0]
    (tmp_path / "in" / "a.md").write_text(ARTICLE.format(title=title, publisher=pub, day=day, body=body), "utf-8")
    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    try:
        with KGStore.open(tmp_path / "store") as store:
            report = pipeline.build([tmp_path / "in"], store, extractor=extractor)
        assert report.ok
        assert seen and all(s == ((pipeline.GC_YOUNG_THRESHOLD, pipeline.GC_MIDDLE_THRESHOLD), True) for s in seen)
        assert gc.get_threshold() == (700, 10, 10)
        assert gc.get_freeze_count() == 0
    finally:
        gc.set_threshold(*before)
