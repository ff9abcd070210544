"""Speed round 9 (issue 14): the mapping's mention summaries and name keys are made with less
CPU; the triples must stay those of before (docs/build-speed.md, round 9)."""

from __future__ import annotations

from rdflib import RDF, RDFS, SKOS, XSD, BNode, Literal, Namespace, URIRef

from kg.graph import derived, mapping
from kg.graph.mapping import NAMING_PROPERTIES, TripleList
from kg.graph.vocab import CKG

ID = Namespace("https://w3id.org/conflict-kg/id/")


def _document() -> list[tuple]:
    """An invented document's triples: an actor mentioned twice in one article and once in
    another, the object of one report of the first article; a place mentioned once, the
    object of no report; a report of the second article naming the actor."""
    actor, place = ID["person/tomas-velk"], ID["place/orvany"]
    art_a, art_b = ID["doc/a"], ID["doc/b"]
    m1, m2, m3, m4 = (ID[f"doc/a/mention/{i}"] for i in range(1, 5))
    r1, r2 = ID["doc/a/event/1"], ID["doc/b/event/1"]
    return [
        (actor, RDF.type, CKG.Person),
        (actor, RDFS.label, Literal("Tomas Velk")),
        (actor, SKOS.altLabel, Literal("T. VELK")),
        (actor, CKG.note, Literal("Not A Name")),
        (place, RDFS.label, Literal("Orvany", lang="en")),
        (actor, CKG.mention, m1), (m1, CKG.inArticle, art_a), (m1, CKG.text, Literal("Velk")),
        (actor, CKG.mention, m2), (m2, CKG.inArticle, art_a), (m2, CKG.text, Literal("Tomas Velk")),
        (actor, CKG.mention, m3), (m3, CKG.inArticle, art_b), (m3, CKG.text, Literal("Velk")),
        (place, CKG.mention, m4), (m4, CKG.inArticle, art_a), (m4, CKG.text, Literal("Orvany")),
        (r1, RDF.type, CKG.Attack), (r1, CKG.reportedIn, art_a), (r1, CKG.actor, actor),
        (r1, CKG.note, Literal(str(place))),  # a literal spelling the place's IRI: not a role
        (r2, CKG.reportedIn, art_b), (r2, CKG.actor, BNode()),
    ]


def test_mention_summaries_count_mentions_texts_and_reports() -> None:
    triples = _document()
    got = derived.summaries(triples)
    actor, place = ID["person/tomas-velk"], ID["place/orvany"]
    expected = []
    for entity, article, mentions, events, texts in sorted([
            (actor, ID["doc/a"], 2, 1, ["Tomas Velk", "Velk"]),
            (actor, ID["doc/b"], 1, 0, ["Velk"]),
            (place, ID["doc/a"], 1, 0, ["Orvany"])]):
        node = derived.summary_node(str(entity), str(article))
        expected += [(node, derived.MENTION_COUNT, Literal(mentions, datatype=XSD.integer)),
                     (node, derived.EVENT_COUNT, Literal(events, datatype=XSD.integer))]
        expected += [(node, derived.MENTION_TEXT, Literal(t)) for t in texts]
    assert got == expected
    assert [o.n3() for _, _, o in got] == [o.n3() for _, _, o in expected]
    # from any iterable of triples, not only a list (it is read twice)
    assert derived.summaries(iter(triples)) == got
    assert derived.summaries(t for t in triples) == got


def test_name_keys_are_those_of_labels_and_aliases_only() -> None:
    triples = TripleList(_document())
    mapping._add_name_keys(triples)
    keys = sorted((str(s), str(o)) for s, p, o in triples if p == CKG.nameKey)
    assert keys == [(str(ID["person/tomas-velk"]), "t. velk"), (str(ID["person/tomas-velk"]), "tomas velk"),
                    (str(ID["place/orvany"]), "orvany")]
    # what a look-up in the tuple of naming properties finds, in the same order
    reference = TripleList(_document())
    wanted = {(s, Literal(str(o).lower())) for s, p, o in reference if any(p == q for q in NAMING_PROPERTIES)}
    assert triples[len(reference):] == [(s, CKG.nameKey, k) for s, k in sorted(wanted)]
    # a literal or a plain string spelling a naming property's IRI is not that property
    odd = TripleList([(ID["x"], Literal(str(RDFS.label)), Literal("Zed")), (ID["y"], URIRef(str(RDFS.label)), Literal("Ypsi"))])
    mapping._add_name_keys(odd)
    assert [(str(s), str(o)) for s, p, o in odd[2:]] == [(str(ID["y"]), "ypsi")]


# ----------------------------------------------------------------------------- bulk loads in a build

import re  # noqa: E402
from contextlib import nullcontext  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
import rdflib  # noqa: E402

from kg.store import core  # noqa: E402
from kg.store.core import KGStore, StoreError, graph_iri_for  # noqa: E402


def _quads(store: KGStore) -> set[str]:
    """Every quad of the store, the union default graph's too (blank nodes all ``_:b``)."""
    return {re.sub(r"_:\w+", "_:b", str(q)) for q in store.ox_store.quads_for_pattern(None, None, None, None)}


def _doc_graph(n: int) -> tuple[URIRef, list[tuple]]:
    doc = ID[f"doc/{n}"]
    ts: list[tuple] = [(doc, RDF.type, CKG.Article), (doc, rdflib.DCTERMS.title, Literal(f"Zarvan report {n}")),
                       (ID["person/tomas-velk"], RDF.type, CKG.Person),  # in every document
                       (ID[f"event/{n}"], RDF.type, CKG.Attack)]
    ts += [(ID[f"event/{n}"], CKG.note, Literal(f"note {i}")) for i in range(40)]
    return graph_iri_for(f"doc-{n}"), ts


def _incident(members: list[int]) -> list[tuple]:
    inc = ID["incident/a1"]
    return ([(inc, RDF.type, CKG.Incident), (ID["person/tomas-velk"], RDF.type, CKG.Person)]
            + [(inc, CKG.report, ID[f"event/{m}"]) for m in members])


def _writes(store: KGStore) -> list[set[str]]:
    """Batches of documents written with the incident fusion would write beside them (the
    second and third batches replace it: the two-step write), and one alone."""
    inc_g = str(ID["incident/a1/graph"])
    out = []
    for docs, extra in (([1, 2, 3], {inc_g: _incident([1, 2])}), ([4, 5], {inc_g: _incident([1, 2, 4])}),
                        ([6, 7, 8], {inc_g: _incident([4, 6])}), ([9], {})):
        store.write_many([store.prepare(*_doc_graph(n)) for n in docs], extra)
        out.append(_quads(store))
    return out


def test_bulk_writing_stores_the_quads_transactions_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On disk, within bulk_writing, the new graphs of large writes go in by bulk load (the
    minimum lowered to this test's small documents) and the store is compacted at the end;
    every quad, the union's too, is the same as with transactions, after every write."""
    monkeypatch.setattr(core, "TWO_STEP_MIN_TRIPLES", 0)  # as a build's batches: new graphs loaded first
    with KGStore.open(tmp_path / "plain") as plain:
        expected = _writes(plain)
    monkeypatch.setattr(core, "BULK_LOAD_MIN_QUADS", 100)
    compacted: list[int] = []
    optimize = KGStore.optimize
    monkeypatch.setattr(KGStore, "optimize", lambda self: (compacted.append(1), optimize(self))[1])
    with KGStore.open(tmp_path / "bulk") as store:
        with store.bulk_writing():
            got = _writes(store)
            loads = store._bulk_loads
            assert not compacted
        assert store._bulk_loads is None
        assert _quads(store) == expected[-1]
    assert got == expected
    assert loads == 3  # three batches of 2-3 documents; the one alone (~90 quads) by transaction
    assert compacted == [1]
    assert str(ID["person/tomas-velk"]) in "".join(expected[0])


def test_without_bulk_writing_on_disk_or_in_memory_every_write_is_a_transaction(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(core, "BULK_LOAD_MIN_QUADS", 0)
    compacted: list[int] = []
    monkeypatch.setattr(KGStore, "optimize", lambda self: compacted.append(1))
    with KGStore.open(tmp_path / "disk") as store:  # outside the block
        _writes(store)
        assert store._bulk_loads is None
    with KGStore.open(None) as store:  # in memory: no files to bulk-load
        with store.bulk_writing():
            _writes(store)
            assert store._bulk_loads == 0
    monkeypatch.setattr(core, "BULK_LOAD_MIN_QUADS", 10_000)
    with KGStore.open(tmp_path / "small") as store:  # writes below the minimum
        with store.bulk_writing():
            _writes(store)
            assert store._bulk_loads == 0
    assert not compacted


def test_a_bulk_load_that_fails_writes_nothing(tmp_path: Path) -> None:
    """Oxigraph parses a bulk load's whole text before it writes: a text that fails to parse
    part-way (here after ~150,000 good quads) leaves the stored graph as it was."""
    with KGStore.open(tmp_path / "s") as store:
        g, ts = _doc_graph(1)
        store.write(store.prepare(g, ts))
        before = _quads(store)
        good = "".join(f"<{ID}s{i}> <{CKG.note}> \"{i}\" <{ID}g> .\n" for i in range(150_000))
        with pytest.raises(StoreError, match="nothing was changed"):
            KGStore._load(store.ox_store, [good, f"<{ID}x> <{CKG.note}> \"unterminated .\n"], bulk=True)
        assert _quads(store) == before
        KGStore._load(store.ox_store, [good], bulk=True)  # the same text, whole, lands
        assert len(_quads(store)) == len(before) + 150_000


def test_a_build_bulk_loads_its_batches_and_stores_what_it_stored_before(
        tmp_path: Path, extractor, monkeypatch: pytest.MonkeyPatch) -> None:
    """kg build on disk bulk-loads each batch's new documents (the minimum lowered to these
    short invented reports) and compacts once; its quads are those of the same build written
    by transactions."""
    from kg import pipeline
    from tests.test_build_batches import ARTICLE, TEXTS

    docs = tmp_path / "docs"
    docs.mkdir()
    for i, (title, pub, day, body) in enumerate(TEXTS):
        (docs / f"a{i}.md").write_text(ARTICLE.format(title=title, publisher=pub, day=day, body=body), "utf-8")
    monkeypatch.setattr(pipeline, "WRITE_BATCH", 2)
    monkeypatch.setattr(pipeline, "MAX_WRITE_BATCH", 2)
    monkeypatch.setattr(pipeline, "_bulk_writing", lambda store: nullcontext())
    with KGStore.open(tmp_path / "a") as store:
        assert pipeline.build([docs], store, extractor=extractor).ok
        expected = _quads(store)
    monkeypatch.undo()
    monkeypatch.setattr(pipeline, "WRITE_BATCH", 2)
    monkeypatch.setattr(pipeline, "MAX_WRITE_BATCH", 2)
    monkeypatch.setattr(core, "BULK_LOAD_MIN_QUADS", 100)
    loads: list[bool] = []
    load = KGStore._load
    monkeypatch.setattr(KGStore, "_load", staticmethod(lambda store, texts, bulk=False: (loads.append(bulk), load(store, texts, bulk))[1]))
    compacted: list[int] = []
    optimize = KGStore.optimize
    monkeypatch.setattr(KGStore, "optimize", lambda self: (compacted.append(1), optimize(self))[1])
    with KGStore.open(tmp_path / "b") as store:
        assert pipeline.build([docs], store, extractor=extractor).ok
        assert _quads(store) == expected
    assert loads and all(loads)
    assert compacted == [1]
    assert any("/incident/" in q for q in expected)
