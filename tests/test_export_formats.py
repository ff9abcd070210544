"""kg export in every format, re-read by a second, independent parser, and kg describe (VoID).

What pyoxigraph writes (Turtle, N-Triples, N-Quads, TriG) rdflib reads back; what rdflib writes
(JSON-LD, RDF/XML) pyoxigraph reads back. Graphs are compared with rdflib.compare.isomorphic
(blank nodes included), quad formats graph by graph, against what the store holds.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
import rdflib.namespace as ns
from conftest import REPO, BuiltStore, Kg
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.fuse.index import incident_graphs
from kg.share import remote as rm
from kg.store.core import GRAPH_BASE, KGStore
from kg.store.sparql import from_ox

VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
CKG = rdflib.Namespace("https://w3id.org/conflict-kg/ontology#")
ONTOLOGY_GRAPH = URIRef(GRAPH_BASE + "ontology-copy")

# format -> (who writes it, rdflib parser name, pyoxigraph format, keeps named graphs)
FORMATS = {
    "turtle": ("oxigraph", "turtle", ox.RdfFormat.TURTLE, False),
    "ntriples": ("oxigraph", "nt", ox.RdfFormat.N_TRIPLES, False),
    "nquads": ("oxigraph", "nquads", ox.RdfFormat.N_QUADS, True),
    "trig": ("oxigraph", "trig", ox.RdfFormat.TRIG, True),
    "jsonld": ("rdflib", "json-ld", ox.RdfFormat.JSON_LD, True),
    "xml": ("rdflib", "xml", ox.RdfFormat.RDF_XML, False),
}


@pytest.fixture(scope="module")
def bnode_store(built_store: BuiltStore, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed plus a graph with blank nodes (the ontology's OWL restrictions and lists)."""
    path = tmp_path_factory.mktemp("export") / "store"
    shutil.copytree(built_store.path, path)
    ontology = Graph().parse(REPO / "ontology" / "conflict.ttl", format="turtle")
    assert any(isinstance(t, rdflib.BNode) for triple in ontology for t in triple)
    with KGStore.open(path) as store:
        store.replace_graph(ONTOLOGY_GRAPH, ontology)
    return path


def truth(path: Path) -> tuple[Graph, dict[URIRef, Graph]]:
    """The store's union and its named graphs, read straight from the store."""
    with KGStore.open(path, read_only=True) as store:
        union = Graph()
        for q in store.ox_store.quads_for_pattern(None, None, None, ox.DefaultGraph()):
            union.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))  # type: ignore[arg-type]
        return union, {g: store.graph(g) for g in store.graphs()}


def read_other(data: bytes, fmt: str) -> tuple[Graph, dict[URIRef, Graph]]:
    """Parse with the library that did NOT write ``fmt``; returns the default graph and named ones."""
    writer, rdflib_name, ox_format, _ = FORMATS[fmt]
    default, named = Graph(), {}
    if writer == "rdflib":
        for q in ox.parse(data, format=ox_format, rename_blank_nodes=True):
            triple = (from_ox(q.subject), from_ox(q.predicate), from_ox(q.object))
            if isinstance(q.graph_name, ox.DefaultGraph):
                default.add(triple)  # type: ignore[arg-type]
            else:
                named.setdefault(URIRef(q.graph_name.value), Graph()).add(triple)  # type: ignore[arg-type]
        return default, named
    ds = Dataset()
    ds.parse(data=data, format=rdflib_name)
    for g in ds.graphs():
        if g.identifier == rdflib.graph.DATASET_DEFAULT_GRAPH_ID:
            default += g
        elif len(g):
            named[URIRef(str(g.identifier))] = Graph() + g
    return default, named


def plain(g: Graph) -> Graph:
    """xsd:string literals as plain ones (RDF 1.1 says they are the same term)."""
    out = Graph()
    for s, p, o in g:
        if isinstance(o, Literal) and o.datatype == ns.XSD.string:
            o = Literal(str(o))
        out.add((s, p, o))
    return out


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_export_reparsed_by_the_other_library(kg: Kg, bnode_store: Path, fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"graph.{fmt}"
    result = Kg(kg.runner, bnode_store)("export", "--format", fmt, "-o", str(out))
    assert result.exit_code == 0, result.output
    default, named = read_other(out.read_bytes(), fmt)
    union, graphs = truth(bnode_store)
    if FORMATS[fmt][3]:
        assert len(default) == 0  # the union is derived, not data
        assert sorted(named) == sorted(graphs)
        for iri, expected in graphs.items():
            assert isomorphic(plain(named[iri]), expected), f"graph {iri} differs in {fmt}"
        written = sum(len(g) for g in graphs.values())
    else:
        assert named == {}
        assert isomorphic(plain(default), union), f"union differs in {fmt}"
        written = len(union)
    kind = "quads" if FORMATS[fmt][3] else "triples"
    assert result.stderr.strip() == f"wrote {written} {kind} to {out}"


@pytest.mark.parametrize("fmt", ["turtle", "xml"])  # one written by each library
def test_export_with_ontology_is_data_plus_ontology(kg: Kg, built_store: BuiltStore, fmt: str) -> None:
    result = kg("export", "--format", fmt, "--include-ontology")
    assert result.exit_code == 0, result.stderr
    default, _ = read_other(result.stdout_bytes, fmt)
    union, _ = truth(built_store.path)
    ontology = Graph().parse(REPO / "ontology" / "conflict.ttl", format="turtle")
    assert isomorphic(plain(default), union + ontology)


def test_export_to_stdout_equals_file(kg: Kg, tmp_path: Path) -> None:
    out = tmp_path / "g.nq"
    assert kg("export", "-f", "nquads", "-o", str(out)).exit_code == 0
    piped = kg("export", "-f", "nquads")
    assert sorted(piped.stdout_bytes.splitlines()) == sorted(out.read_bytes().splitlines())


def test_export_into_a_folder_or_missing_dir_loses_nothing(kg: Kg, tmp_path: Path) -> None:
    keep = tmp_path / "keep.ttl"
    keep.write_text("old", encoding="utf-8")
    folder = kg("export", "-o", str(tmp_path))
    assert folder.exit_code == 1 and folder.stderr.startswith("error: --out ")
    bad = kg("export", "-f", "yaml", "-o", str(keep))
    assert bad.exit_code == 1 and bad.stderr.startswith("error: unknown --format 'yaml'")
    assert keep.read_text(encoding="utf-8") == "old"
    missing = kg("export", "-o", str(tmp_path / "no" / "such" / "dir.ttl"))
    assert missing.exit_code == 1 and missing.stderr.startswith("error: ")
    assert list(tmp_path.iterdir()) == [keep]


# ----------------------------------------------------------------------------- VoID / DCAT


def described(cli: Kg, *args: str) -> Graph:
    result = cli("describe", *args)
    assert result.exit_code == 0, result.stderr
    g = Graph()
    for t in ox.parse(result.stdout_bytes, format=ox.RdfFormat.TURTLE):  # not the writer's library
        g.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))  # type: ignore[arg-type]
    return g


def count(store: KGStore, sparql: str) -> int:
    return int(store.query(sparql).rows[0][0])  # type: ignore[arg-type]


def test_void_figures_match_the_store(kg: Kg, built_store: BuiltStore) -> None:
    g = described(kg, "--sparql-endpoint", "http://localhost:7878/query")
    ds = URIRef("https://w3id.org/conflict-kg/id/dataset")
    value = lambda p, s=ds: int(g.value(s, p))  # noqa: E731
    with KGStore.open(built_store.path, read_only=True) as store:
        assert value(VOID.triples) == count(store, "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }")
        assert value(VOID.distinctSubjects) == count(store, "SELECT (COUNT(DISTINCT ?s) AS ?n) { ?s ?p ?o }")
        assert value(VOID.distinctObjects) == count(store, "SELECT (COUNT(DISTINCT ?o) AS ?n) { ?s ?p ?o }")
        assert value(VOID.classes) == count(store, "SELECT (COUNT(DISTINCT ?c) AS ?n) { ?s a ?c }")
        assert value(VOID.properties) == count(store, "SELECT (COUNT(DISTINCT ?p) AS ?n) { ?s ?p ?o }")
        captures = count(store, "SELECT (COUNT(DISTINCT ?e) AS ?n) { ?e a ckg:Capture }")
        reported = count(store, "SELECT (COUNT(DISTINCT ?e) AS ?n) { ?e a ckg:Capture ; ckg:reportedIn ?d }")
        doc = store.documents()[0]
        incidents = {URIRef(i) for i in incident_graphs(store)}
    assert incidents  # kg build fuses (kg/fuse): each incident graph is a subset too
    assert {ds} == set(g.subjects(ns.RDF.type, VOID.Dataset)) - {doc.graph_iri} - incidents
    assert (ds, ns.RDF.type, DCAT.Dataset) in g
    assert value(VOID.entities) <= value(VOID.distinctSubjects)
    # partitions: one per class and property, and the property partitions add up to the whole
    class_parts = {g.value(p, VOID["class"]): int(g.value(p, VOID.entities)) for p in g.objects(ds, VOID.classPartition)}
    assert len(class_parts) == value(VOID.classes) and class_parts[CKG.Capture] == captures
    assert reported == 5 and 0 < captures - reported <= reported  # the reports, then their incidents
    prop_parts = [int(g.value(p, VOID.triples)) for p in g.objects(ds, VOID.propertyPartition)]
    assert len(prop_parts) == value(VOID.properties) and sum(prop_parts) == value(VOID.triples)
    vocabularies = set(g.objects(ds, VOID.vocabulary))
    assert {URIRef(str(CKG)), URIRef(str(ns.PROV)), URIRef(str(ns.DCTERMS)), URIRef("https://schema.org/")} <= vocabularies
    assert g.value(ds, ns.DCTERMS.license) == URIRef("https://spdx.org/licenses/MIT")
    assert g.value(ds, VOID.sparqlEndpoint) == URIRef("http://localhost:7878/query")
    service = g.value(predicate=DCAT.servesDataset, object=ds)
    assert g.value(service, DCAT.endpointURL) == URIRef("http://localhost:7878/query")
    # the article as source of its document's subset, with its own figures
    sub = doc.graph_iri
    assert set(g.objects(ds, VOID.subset)) == {sub} | incidents
    assert int(g.value(sub, VOID.triples)) == doc.triples
    assert g.value(sub, ns.DCTERMS.source) == doc.doc_iri == g.value(sub, ns.PROV.wasDerivedFrom)
    assert str(g.value(sub, ns.DCTERMS.title)) == doc.title
    assert g.value(sub, ns.DCTERMS.issued) == Literal("2016-07-11", datatype=ns.XSD.date)
    period = g.value(ds, ns.DCTERMS.temporal)
    assert (str(g.value(period, DCAT.startDate)), str(g.value(period, DCAT.endDate))) == ("2015-12", "2016-07-11")
    for s, p, o in g:  # every count is an xsd:integer, no blank nodes anywhere
        assert not isinstance(s, rdflib.BNode) and not isinstance(o, rdflib.BNode)
        if p in (VOID.triples, VOID.entities, VOID.distinctSubjects, VOID.distinctObjects):
            assert o.datatype == ns.XSD.integer


def test_void_lists_pulled_graphs_with_their_endpoint(kg_copy: Kg) -> None:
    graph = rm.pull_graph_iri("http://example.org/sparql", "CONSTRUCT WHERE { ?s ?p ?o }", "demo")
    triples = [(URIRef("http://example.org/a"), ns.RDF.type, URIRef("http://example.org/Thing"))]
    article, other = URIRef("http://news.example/doc/1"), URIRef(GRAPH_BASE + "news-1")
    with KGStore.open(kg_copy.store) as store:
        store.replace_graph(graph, rm.pulled_triples(graph, "http://example.org/sparql",
                                                     "CONSTRUCT WHERE { ?s ?p ?o }", triples))
        store.replace_graph(other, [(other, ns.PROV.wasDerivedFrom, article),
                                    (article, ns.SDO.url, Literal("https://news.example/1", datatype=ns.XSD.anyURI))])
    g = described(kg_copy, "--license", "https://creativecommons.org/licenses/by/4.0/")
    ds = URIRef("https://w3id.org/conflict-kg/id/dataset")
    assert graph in set(g.objects(ds, VOID.subset))
    assert g.value(graph, ns.DCTERMS.source) == URIRef("http://example.org/sparql")
    assert URIRef("http://example.org/") in set(g.objects(ds, VOID.vocabulary))
    assert g.value(ds, ns.DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert int(g.value(ds, VOID.documents)) == 3
    assert g.value(other, DCAT.landingPage) == URIRef("https://news.example/1")
    assert g.value(other, ns.DCTERMS.source) == article


@pytest.mark.parametrize("fmt", ["trig", "nquads", "jsonld", "xml", "ntriples"])
def test_describe_formats(kg: Kg, fmt: str, tmp_path: Path) -> None:
    """rdflib writes the description; pyoxigraph reads it. Quad formats name its graph."""
    out = tmp_path / f"void.{fmt}"
    result = kg("describe", "--format", fmt, "-o", str(out))
    assert result.exit_code == 0, result.stderr
    parsed = list(ox.parse(out.read_bytes(), format=FORMATS[fmt][2]))
    graphs = {str(q.graph_name) for q in parsed}
    if FORMATS[fmt][3]:
        assert graphs == {"<https://w3id.org/conflict-kg/id/dataset/description>"}
    else:
        assert graphs == {"DEFAULT"}
    assert result.stderr.startswith(f"wrote {len(parsed)} triples describing ")


@pytest.mark.parametrize("args, message", [
    (["--format", "yaml"], "unknown --format 'yaml'"),
    (["--license", "not an iri"], "--license 'not an iri' is not an IRI"),
    (["--sparql-endpoint", "localhost"], "--sparql-endpoint 'localhost' is not an IRI: No scheme found"),
])
def test_describe_bad_options(kg: Kg, args: list[str], message: str) -> None:
    result = kg("describe", *args)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {message}")


def test_describe_missing_store(kg_empty: Kg) -> None:
    result = kg_empty("describe")
    assert result.exit_code == 1 and result.stderr.startswith("error: no store at ")
