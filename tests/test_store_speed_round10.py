"""Build speed round 10 (issue 14): batches of 128 documents bounded by their triples, one N-Quads
text for a write's new graphs with each union triple once, the title-abbreviation component read
and written as arrays, and a build that stops part-way still compacts the store it bulk-loaded
(docs/build-speed.md, round 10). What is stored must stay what was stored before."""

from __future__ import annotations

import random
from contextlib import nullcontext
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import RDF, RDFS, BNode, Literal, Namespace
from spacy.attrs import SENT_START

from kg.extract.nlp import TITLE_ABBREVIATIONS, _inside_a_phrase, _no_break_after_titles
from kg.graph.vocab import CKG
from kg.store import core
from kg.store.core import KGStore, StoreError

ID = Namespace("https://w3id.org/conflict-kg/id/")


def _quads(store: KGStore) -> set[tuple[str, ...]]:
    """Every quad of the store, the union default graph's too."""
    return {(str(q.subject), str(q.predicate), str(q.object), str(q.graph_name))
            for q in store.ox_store.quads_for_pattern(None, None, None, None)}


def _articles(folder: Path) -> Path:
    from tests.test_build_batches import ARTICLE, TEXTS

    folder.mkdir()
    for i, (title, pub, day, body) in enumerate(TEXTS):
        (folder / f"a{i}.md").write_text(ARTICLE.format(title=title, publisher=pub, day=day, body=body), "utf-8")
    return folder


class _StopsAfter:
    """The real extractor, until it has given ``n`` documents: then the build is interrupted
    (as Ctrl-C would), which no per-document error handling catches."""

    def __init__(self, real, n: int) -> None:
        self.real, self.n, self.given = real, n, 0

    def _next(self, doc):
        if self.given >= self.n:
            raise KeyboardInterrupt
        self.given += 1
        return self.real.extract(doc)

    def extract(self, doc):
        return self._next(doc)

    def extract_many(self, docs, *, n_process: int = 1):
        for doc in docs:
            yield self._next(doc)


@pytest.mark.parametrize("how", ["interrupted", "progress raises"])
def test_a_build_that_stops_part_way_compacts_and_leaves_what_it_wrote(
        tmp_path: Path, extractor, monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    """Documents are written in bulk-loaded batches of two, then the build stops with an error
    (interrupted at the third document; or a progress display that raises once the first has
    landed, by which time the second batch may be written too): the store is compacted all the
    same, opens read-only, and holds exactly the quads of a build of the documents it lists;
    a later build over it completes as usual."""
    from kg import pipeline
    from tests.test_build_batches import TEXTS

    docs = _articles(tmp_path / "docs")
    monkeypatch.setattr(pipeline, "WRITE_BATCH", 2)
    monkeypatch.setattr(pipeline, "MAX_WRITE_BATCH", 2)
    monkeypatch.setattr(core, "BULK_LOAD_MIN_QUADS", 100)  # these short reports' batches bulk-load
    with KGStore.open(tmp_path / "all") as ref:
        assert pipeline.build([docs], ref, extractor=extractor).ok
        complete = _quads(ref)
        file_of = {d.doc_id: docs / f"a{i}.md" for d in ref.documents()
                   for i, text in enumerate(TEXTS) if d.title == text[0]}
        assert len(file_of) == 4

    compacted: list[bool] = []
    optimize = KGStore.optimize
    monkeypatch.setattr(KGStore, "optimize", lambda self: (compacted.append(True), optimize(self))[1])
    loads: list[bool] = []
    load = KGStore._load
    monkeypatch.setattr(KGStore, "_load", staticmethod(
        lambda store, texts, bulk=False: (loads.append(bulk), load(store, texts, bulk))[1]))
    if how == "interrupted":
        run, error = dict(extractor=_StopsAfter(extractor, 2)), KeyboardInterrupt
    else:
        def progress(done: int, total: int, path) -> None:
            if done == 1:
                raise RuntimeError("the progress display broke")
        run, error = dict(extractor=extractor, progress=progress), RuntimeError
    with KGStore.open(tmp_path / "store") as store:
        with pytest.raises(error):
            pipeline.build([docs], store, **run)
        assert store._bulk_loads is None  # the block was left
    assert loads and all(loads) and compacted == [True]
    with KGStore.open(tmp_path / "store", read_only=True) as store:
        landed = sorted(d.doc_id for d in store.documents())
        stored = _quads(store)
    assert len(landed) == 2 if how == "interrupted" else len(landed) in (2, 4)
    monkeypatch.undo()
    monkeypatch.setattr(pipeline, "WRITE_BATCH", 2)
    monkeypatch.setattr(pipeline, "MAX_WRITE_BATCH", 2)
    with KGStore.open(tmp_path / "ref") as ref:  # a build of those documents alone, by transactions
        assert pipeline.build(sorted(file_of[i] for i in landed), ref, extractor=extractor).ok
        assert stored == _quads(ref)
    with KGStore.open(tmp_path / "store") as store:  # and the next build goes on from there
        assert pipeline.build([docs], store, extractor=extractor).ok
        assert _quads(store) == complete


def test_a_failed_compaction_after_an_error_does_not_hide_the_error(tmp_path: Path, monkeypatch) -> None:
    def broken(self) -> None:
        raise StoreError("cannot compact the store: disk full")

    monkeypatch.setattr(KGStore, "optimize", broken)
    monkeypatch.setattr(core, "BULK_LOAD_MIN_QUADS", 10)
    with KGStore.open(tmp_path / "s") as store:
        with pytest.raises(ValueError, match="the build's own error"):
            with store.bulk_writing():
                store.write_many([store.prepare(*_graph(n)) for n in (1, 2)])
                assert store._bulk_loads == 1
                raise ValueError("the build's own error")
        assert store._bulk_loads is None
        assert len(store.graphs()) == 2


def _graph(n: int, shared: bool = True) -> tuple:
    """An invented document graph: its own report and, if ``shared``, an actor every document
    names (the same triples in each: the union holds them once)."""
    g = ID[f"graph/doc-{n}"]
    report, actor = ID[f"doc-{n}/event/1"], ID["person/tomas-velk"]
    triples = [(report, RDF.type, CKG.Attack), (report, CKG.note, Literal(f"report {n}")),
               (report, CKG.place, BNode())]
    if shared:
        triples += [(actor, RDF.type, CKG.Person), (actor, RDFS.label, Literal("Tomas Velk")),
                    (report, CKG.actor, actor)]
    return g, triples


def test_one_text_for_new_graphs_holds_each_union_triple_once_and_loads_the_same_quads(tmp_path: Path) -> None:
    with KGStore.open(None) as store:
        prepared = [store.prepare(*_graph(n, shared=n != 3)) for n in (1, 2, 3)]
        graphs = {p.graph: p.content() for p in prepared}
        text = core._nquads_many(graphs, list(graphs))
        per_graph = "".join(core._nquads(p.graph, p.lines) for p in prepared)
    lines, before = text.splitlines(), per_graph.splitlines()
    union = [line for line in lines if not line.endswith(tuple(f"{p.graph} ." for p in prepared))]
    assert len(lines) == len(before) - 2  # the actor's type and label once in the union, not twice
    assert len(union) == len(set(union)) == 13 and len(lines) - len(union) == 15
    assert set(lines) == set(before)  # the same quads
    a, b = ox.Store(), ox.Store()
    a.load(text.encode(), format=ox.RdfFormat.N_QUADS)
    b.load(per_graph.encode(), format=ox.RdfFormat.N_QUADS)
    assert len(a) == len(b) == 28
    blank = [q for q in a if isinstance(q.object, ox.BlankNode)]
    assert len(blank) == 6 and len({q.object for q in blank}) == 3  # each node in its graph and the union


def test_a_write_stores_what_it_stored_with_a_text_per_graph(tmp_path: Path, monkeypatch) -> None:
    """KGStore.write_many of new graphs sharing triples: every quad (union included) as when each
    graph's N-Quads text is given whole (PreparedGraph.nquads, the text of before)."""
    with KGStore.open(tmp_path / "a") as store:
        store.write_many([store.prepare(*_graph(n)) for n in (1, 2, 3)])
        got = _quads(store)
    with KGStore.open(tmp_path / "b") as store:
        prepared = [store.prepare(*_graph(n)) for n in (1, 2, 3)]
        whole = [core.PreparedGraph(p.graph, p.triples, core._nquads(p.graph, p.lines), p.lines, p.blank)
                 for p in prepared]
        store.write_many(whole)
        before = _quads(store)
    strip = lambda qs: {tuple("_:" if x.startswith("_:") else x for x in q) for q in qs}  # noqa: E731
    assert strip(got) == strip(before) and len(got) == len(before)


def test_a_batch_goes_once_its_documents_hold_enough_triples(tmp_path: Path, extractor, monkeypatch) -> None:
    """However many documents a batch may take, it is written once their triples reach
    MAX_WRITE_BATCH_TRIPLES (so that its new graphs stay within a bulk load)."""
    from kg import pipeline

    docs = _articles(tmp_path / "docs")
    batches: list[int] = []
    write_many = KGStore.write_many
    monkeypatch.setattr(KGStore, "write_many",
                        lambda self, prepared, extra=None: (batches.append(len(prepared)),
                                                            write_many(self, prepared, extra))[1])
    with KGStore.open(tmp_path / "a") as store:
        assert pipeline.build([docs], store, extractor=extractor).ok
        expected = _quads(store)
    assert batches == [4]  # the four in one batch of up to 128
    batches.clear()
    monkeypatch.setattr(pipeline, "MAX_WRITE_BATCH_TRIPLES", 1)
    with KGStore.open(tmp_path / "b") as store:
        assert pipeline.build([docs], store, extractor=extractor).ok
        assert _quads(store) == expected
    assert batches == []  # each document alone (one write each, not write_many)
    assert pipeline.WRITE_BATCH == 128
    assert 2 * pipeline.MAX_WRITE_BATCH_TRIPLES <= core.BULK_LOAD_MAX_QUADS < 1_000_000


def test_a_bulk_load_at_its_largest_is_all_or_nothing(tmp_path: Path) -> None:
    """Oxigraph's bulk loader writes a batch of 1,000,000 quads at a time: a text of
    BULK_LOAD_MAX_QUADS quads whose last line is bad writes nothing."""
    n = core.BULK_LOAD_MAX_QUADS
    good = "".join(f"<http://x/{i}> <http://x/p> \"{i}\" <http://x/g> .\n" for i in range(n - 1))
    with KGStore.open(tmp_path / "s") as store:
        with pytest.raises(StoreError, match="nothing was changed"):
            KGStore._load(store.ox_store, [good, "<http://x/a> <http://x/p> \"unterminated .\n"], bulk=True)
        assert not store.ox_store.contains_named_graph(ox.NamedNode("http://x/g"))
        assert next(iter(store.ox_store.quads_for_pattern(None, None, None, None)), None) is None


def _one_by_one(doc):
    """The component as it was: token by token (the reference the array version must equal)."""
    for tok in doc[:-1]:
        nxt = doc[tok.i + 1]
        if tok.text in TITLE_ABBREVIATIONS and nxt.text[:1].isupper():
            nxt.is_sent_start = False
        elif (tok.is_alpha or tok.like_num) and not nxt.is_punct and not nxt.is_space:
            nxt.is_sent_start = False
        elif tok.text == ")" and nxt.is_alpha and _inside_a_phrase(doc, tok.i):
            nxt.is_sent_start = False
    return doc


@pytest.mark.parametrize("text", [
    "The minister met with the Republic of Zembla (ROZ) President Tal Boren in Gao. Fighting broke out "
    "in the town (local time). President Tal Boren said so.",
    "Capt. Orvo Lenk and Gen. mara spoke; Lt. 5 men left at No. 4 Mr. Velk's house (ret.) Today.",
    "Rebels  attacked\n\n3 posts ( near Dorvaka ) Sunday , killing 12 . Col. Brin said",
    "x",
])
def test_the_title_component_clears_the_starts_it_cleared_token_by_token(extractor, text: str) -> None:
    rng = random.Random(3)
    for preset in ("none", "all", "random"):
        a, b = extractor.nlp.make_doc(text), extractor.nlp.make_doc(text)
        values = [rng.choice([True, False, None]) if preset == "random" else preset == "all" for _ in a]
        if preset != "none":
            for doc in (a, b):
                for tok, value in zip(doc[1:], values[1:]):
                    tok.is_sent_start = value
        _one_by_one(a)
        _no_break_after_titles(b)
        assert b.to_array([SENT_START]).tolist() == a.to_array([SENT_START]).tolist()
    assert len(a) < 2 or any(not t.is_sent_start for t in b[1:])  # (it cleared something)


def test_without_bulk_writing_a_build_leaves_the_store_uncompacted(tmp_path: Path, extractor, monkeypatch) -> None:
    """The compaction on error is the bulk-writing block's: a build that bulk-loads nothing
    (below the minimum) and stops part-way does not compact."""
    from kg import pipeline

    docs = _articles(tmp_path / "docs")
    compacted: list[bool] = []
    monkeypatch.setattr(KGStore, "optimize", lambda self: compacted.append(True))
    monkeypatch.setattr(pipeline, "_bulk_writing", lambda store: nullcontext())
    with KGStore.open(tmp_path / "s") as store:
        with pytest.raises(KeyboardInterrupt):
            pipeline.build([docs], store, extractor=_StopsAfter(extractor, 2))
    assert not compacted
