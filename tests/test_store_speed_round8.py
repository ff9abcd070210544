"""Speed round 8 (issue 14): the store's conversion writes each term's text once, and during a
build the incident graphs fusion writes are remembered and rewritten by difference from that
memory instead of being read back. Both must leave every quad (named graphs and the union) as
the store wrote them before."""

from __future__ import annotations

import re
from contextlib import nullcontext
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib import RDF, XSD, BNode, Graph, Literal, Namespace, URIRef

from kg.store import core
from kg.store.core import KGStore, StoreError, graph_iri_for

CKG = Namespace("https://w3id.org/conflict-kg/ontology#")
ID = Namespace("https://w3id.org/conflict-kg/id/")


def _quads(store: KGStore) -> set[str]:
    """Every quad of the store, the union default graph's too, as N-Quads text (blank nodes
    all named ``_:b``: they are fresh in each store)."""
    return {re.sub(r"_:\w+", "_:b", str(q)) for q in store.ox_store.quads_for_pattern(None, None, None, None)}


def _doc(n: int) -> tuple[URIRef, Graph]:
    g = Graph()
    doc = ID[f"doc/{n}"]
    g.add((doc, RDF.type, CKG.Article))
    g.add((doc, rdflib.DCTERMS.title, Literal(f"Zarvan report {n}")))
    g.add((ID["person/tomas-velk"], RDF.type, CKG.Person))  # in every document
    g.add((ID[f"event/{n}"], RDF.type, CKG.Attack))
    return graph_iri_for(f"doc-{n}"), g


def _incident(members: list[int], *, toll: int | None = None, blank: bool = False) -> list[tuple]:
    inc = ID["incident/a1"]
    ts: list[tuple] = [(inc, RDF.type, CKG.Incident), (inc, RDF.type, CKG.Attack),
                       (ID["person/tomas-velk"], RDF.type, CKG.Person)]  # also in the documents
    ts += [(inc, CKG.report, ID[f"event/{m}"]) for m in members]
    ts.append((inc, rdflib.RDFS.label, Literal(f"attack ({len(members)} reports)")))
    if toll is not None:
        ts.append((inc, CKG.toll, Literal(str(toll), datatype=XSD.decimal)))
    if blank:
        node = BNode()
        ts += [(inc, CKG.figure, node), (node, CKG.sources, Literal(2))]
    return ts


def test_converted_text_is_the_text_oxigraph_gives_each_triple() -> None:
    """Each distinct triple once, in first-seen order, with the N-Triples text of its
    pyoxigraph terms; the N-Quads of a new graph as before (named, then union)."""
    node = BNode()
    s = ID["event/1"]
    triples = [
        (s, RDF.type, CKG.Attack),
        (s, rdflib.RDFS.label, Literal('The "Ostrava" raid } ; é 中\nsecond line')),
        (s, rdflib.RDFS.label, Literal("raid", lang="en-GB")),
        (s, CKG.toll, Literal(12)),
        (s, CKG.toll, Literal("12", datatype=XSD.integer)),  # the same term: once
        (s, CKG.note, Literal("plain", datatype=XSD.string)),
        (s, CKG.date, Literal("2017-03-05", datatype=XSD.date)),
        (s, CKG.quote, node),
        (node, CKG.text, Literal("said")),
        (s, RDF.type, CKG.Attack),  # again: once
    ]
    content = core._convert_text(triples, {})
    bnodes: dict = {}
    expected: list[tuple] = []
    for t in triples:
        ox_t = tuple(core.to_ox(x, bnodes) for x in t)
        if ox_t not in expected:
            expected.append(ox_t)
    assert len(content.triples) == len(expected) == 8
    assert content.lines == [f"{a} {b} {c}" for a, b, c in content.triples]
    for got, want in zip(content.triples, expected):
        assert [type(x) for x in got] == [type(x) for x in want]
        if not any(isinstance(x, ox.BlankNode) for x in want):
            assert got == want
    assert content.blank is True
    assert core._convert_text(triples[:7], {}).blank is False
    g = ox.NamedNode(str(graph_iri_for("doc-1")))
    assert core._nquads(g, content.lines) == "".join(
        f"{a} {b} {c} {g} .\n{a} {b} {c} .\n" for a, b, c in content.triples)
    with pytest.raises(StoreError, match="cannot store triple"):
        core._convert_text([(s, CKG.note, URIRef("not an iri"))], {})


def _scenario(store: KGStore) -> list[set[str]]:
    """Documents written with the incident graph fusion would write beside them, rewritten as
    reports join and leave: the store's quads after each write."""
    inc_g = str(ID["incident/a1/graph"])
    steps = [
        ([1, 2], {inc_g: _incident([1, 2])}),
        ([3], {inc_g: _incident([1, 2, 3], toll=12)}),
        ([4], {inc_g: _incident([2, 3, 4], toll=14)}),  # a report leaves, the toll changes
        ([5], {inc_g: []}),  # dropped
        ([6], {inc_g: _incident([6])}),  # and back
        ([7], {inc_g: _incident([6, 7], blank=True)}),  # with a blank node: replaced whole
        ([8], {inc_g: _incident([6, 7, 8])}),
        ([9], {}),
        ([10], {inc_g: _incident([6, 7, 8, 10], toll=3)}),
    ]
    out = []
    for docs, extra in steps:
        prepared = [store.prepare(*_doc(n)) for n in docs]
        store.write_many(prepared, extra)
        out.append(_quads(store))
    return out


def test_remembered_incidents_give_the_quads_read_back_ones_give() -> None:
    with KGStore.open(None) as plain:
        expected = _scenario(plain)
    with KGStore.open(None) as store:
        with store.remembering():
            got = _scenario(store)
            assert store._known  # the incident graph is remembered
        assert store._known is None
    assert got == expected
    assert str(ID["person/tomas-velk"]) in "".join(expected[3])  # the shared type kept in the union


def test_a_remembered_incident_is_not_read_back(monkeypatch: pytest.MonkeyPatch) -> None:
    """While remembering, rewriting an incident graph reads nothing back from the store; the
    same rewrite outside the block reads the graph (what round 8 saves)."""
    reads: list[object] = []

    def count_reads(store: KGStore) -> None:
        real = store.ox_store

        class Spy:
            def __getattr__(self, name: str) -> object:
                return getattr(real, name)

            def quads_for_pattern(self, *args: object) -> object:
                reads.append(args[3])
                return real.quads_for_pattern(*args)

        monkeypatch.setattr(store, "_ox", Spy())

    inc_g = str(ID["incident/a1/graph"])
    for remember in (True, False):
        reads.clear()
        with KGStore.open(None) as store, (store.remembering() if remember else nullcontext()):
            store.write_many([store.prepare(*_doc(1))], {inc_g: _incident([1])})
            count_reads(store)
            store.write_many([store.prepare(*_doc(2))], {inc_g: _incident([1, 2])})
            monkeypatch.undo()
            text = "".join(_quads(store))
        assert f"<{ID['event/2']}> <{inc_g}>" in text
        assert [str(g) for g in reads] == ([] if remember else [f"<{inc_g}>"])


def test_memory_is_bounded_and_a_failed_write_forgets(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past REMEMBER_MAX_TRIPLES the memory starts again (graphs it forgot are read back), and a
    write that fails leaves nothing remembered of the graphs it would have written: the next
    rewrite reads them back, and the store ends as without any memory."""
    monkeypatch.setattr(core, "REMEMBER_MAX_TRIPLES", 9)
    with KGStore.open(None) as plain:
        expected = _scenario(plain)
    with KGStore.open(None) as store:
        with store.remembering():
            assert _scenario(store) == expected
            assert store._known_size <= 9
    monkeypatch.undo()

    inc_g = str(ID["incident/a1/graph"])
    with KGStore.open(None) as store, store.remembering():
        store.write_many([store.prepare(*_doc(1))], {inc_g: _incident([1])})
        real = store.ox_store

        class Fails:
            def __getattr__(self, name: str) -> object:
                return getattr(real, name)

            def update(self, text: str, **kw: object) -> None:
                raise OSError("disk full")

        monkeypatch.setattr(store, "_ox", Fails())
        with pytest.raises(StoreError):
            store.write_many([store.prepare(*_doc(2))], {inc_g: _incident([1, 2])})
        monkeypatch.undo()
        assert ox.NamedNode(inc_g) not in store._known
        store.write_many([store.prepare(*_doc(3))], {inc_g: _incident([1, 3])})
        got = _quads(store)
    with KGStore.open(None) as plain:
        plain.write_many([plain.prepare(*_doc(1))], {inc_g: _incident([1])})
        plain.write_many([plain.prepare(*_doc(3))], {inc_g: _incident([1, 3])})
        assert got == _quads(plain)


ARTICLE = """---
title: {title}
publisher: {publisher}
published: 2017-03-0{day}
---
{body}
"""

TEXTS = [
    ("Bomb kills 12 in Dorvenna", "Outlet A", 6, "A car bomb exploded in Kirkuk on Sunday, killing 12 people, police said."),
    ("Dorvenna blast toll rises", "Outlet B", 6, "A car bomb killed 20 people in Kirkuk on Sunday, officials said."),
    ("Car bomb in Dorvenna", "Outlet C", 7, "A car bomb killed 14 people in Kirkuk on 5 March, a police officer said."),
    ("Attack in Basra", "Outlet D", 9, "Gunmen attacked a checkpoint in Basra on Wednesday, killing three soldiers."),
    ("Checkpoint attack", "Outlet E", 9, "Three soldiers were killed when gunmen attacked a checkpoint in Basra on Wednesday."),
]


def test_a_build_remembers_its_incidents_and_stores_what_it_stored_before(
        tmp_path: Path, extractor, monkeypatch: pytest.MonkeyPatch) -> None:
    """kg build remembers the incident graphs it writes (one document a batch, so incidents are
    rewritten); its quads are those of the same build without that memory."""
    from kg import pipeline

    monkeypatch.setattr(pipeline, "WRITE_BATCH", 1)
    docs = tmp_path / "docs"
    docs.mkdir()
    for i, (title, pub, day, body) in enumerate(TEXTS):
        (docs / f"a{i}.md").write_text(ARTICLE.format(title=title, publisher=pub, day=day, body=body), "utf-8")
    remembered: list[int] = []
    keep = KGStore._keep

    def spy(self: KGStore, graphs: object) -> None:
        keep(self, graphs)  # type: ignore[arg-type]
        remembered.append(len(self._known or {}))

    monkeypatch.setattr(KGStore, "_keep", spy)
    with KGStore.open(tmp_path / "a") as store:
        assert pipeline.build([docs], store, extractor=extractor).ok
        got = _quads(store)
    assert max(remembered) >= 1  # incident graphs were remembered during the build
    monkeypatch.setattr(pipeline, "_remembering", lambda store: nullcontext())
    with KGStore.open(tmp_path / "b") as store:
        assert pipeline.build([docs], store, extractor=extractor).ok
        assert _quads(store) == got
    assert any("/incident/" in q for q in got)
