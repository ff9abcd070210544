"""kg pull: a CONSTRUCT on a real Oxigraph server, kept locally as its own graph with provenance."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import rdflib.namespace as ns
from conftest import BuiltStore, Kg
from oxigraph_server import OxigraphServer, free_port
from rdflib import Literal, URIRef

from kg.share import remote as rm
from kg.store.core import GRAPH_BASE, KGStore

# The seed's capture reports (the article's; kg build also fuses them into incidents, which are
# captures too but name no article: ckg:reportedIn keeps to the reports).
CAPTURES = """PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
CONSTRUCT { ?e a ckg:Capture ; ckg:place ?p } WHERE { GRAPH ?g { ?e a ckg:Capture ; ckg:place ?p ; ckg:reportedIn ?d } }"""
# A result with blank nodes: each capture gets a fresh node, so a re-pull must not add more.
WITH_BNODES = """PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
CONSTRUCT { ?e <http://example.org/summary> [ <http://example.org/place> ?p ] }
WHERE { GRAPH ?g { ?e a ckg:Capture ; ckg:place ?p ; ckg:reportedIn ?d } }"""


@pytest.fixture
def remote_with_seed(built_store: BuiltStore, tmp_path: Path) -> Iterator[OxigraphServer]:
    """An Oxigraph server holding the seed's graph (pushed by kg push, tested in test_push)."""
    with OxigraphServer(tmp_path / "remote-store") as server, \
            KGStore.open(built_store.path, read_only=True) as store:
        rm.push(store, rm.Remote(rm.Endpoints.resolve(server.base)))
        yield server


@pytest.fixture
def empty_local(tmp_path: Path) -> Kg:
    from typer.testing import CliRunner

    return Kg(CliRunner(), tmp_path / "local")


def _seed_graphs(built_store: BuiltStore) -> list:
    with KGStore.open(built_store.path, read_only=True) as store:
        return store.graphs()


def graph_of(path: Path, iri: URIRef):  # -> rdflib.Graph
    with KGStore.open(path, read_only=True) as store:
        return store.graph(iri)


def test_pull_loads_the_result_with_provenance(empty_local: Kg, remote_with_seed: OxigraphServer,
                                               built_store: BuiltStore) -> None:
    base = remote_with_seed.base
    result = empty_local("pull", base, CAPTURES, "--name", "captures")
    assert result.exit_code == 0, result.output
    iri = URIRef(GRAPH_BASE + "pull-captures")
    g = graph_of(empty_local.store, iri)
    with KGStore.open(built_store.path, read_only=True) as seed:
        expected = seed.query(CAPTURES).graph
    data = {t for t in g if t[0] != iri and not str(t[0]).startswith(str(iri) + "/")}
    assert expected is not None and data == set(expected) and len(data) == 10  # 5 captures, type + place
    endpoint = URIRef(base + "/query")
    assert g.value(iri, ns.PROV.wasDerivedFrom) == endpoint
    stamp = g.value(iri, ns.PROV.generatedAtTime)
    assert isinstance(stamp, Literal) and stamp.datatype == ns.XSD.dateTime
    activity = g.value(iri, ns.PROV.wasGeneratedBy)
    plan = next(o for o in g.objects(activity, ns.PROV.used) if o != endpoint)
    assert (plan, ns.RDF.type, ns.PROV.Plan) in g
    assert str(g.value(plan, ns.PROV.value)) == CAPTURES
    assert result.stderr.strip() == (f"pulled 10 triples from {endpoint} into pull-captures "
                                     "(new graph; `kg remove pull-captures` drops it)")
    docs = empty_local("docs")
    assert "pull-captures" in docs.stdout


def test_pulling_again_replaces(empty_local: Kg, remote_with_seed: OxigraphServer) -> None:
    base = remote_with_seed.base
    assert empty_local("pull", base, WITH_BNODES).exit_code == 0
    with KGStore.open(empty_local.store, read_only=True) as store:
        [graph] = store.graphs()
        first = len(store.graph(graph))
        stamp1 = store.graph(graph).value(graph, ns.PROV.generatedAtTime)
    again = empty_local("pull", base, WITH_BNODES)
    assert again.exit_code == 0, again.output
    assert "(replaced;" in again.stderr
    with KGStore.open(empty_local.store, read_only=True) as store:
        assert store.graphs() == [graph]  # same endpoint + query -> same graph
        g = store.graph(graph)
        union = int(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0][0])  # type: ignore[arg-type]
    assert len(g) == first == union  # blank nodes did not pile up
    assert len(list(g.objects(predicate=URIRef("http://example.org/place")))) == 5
    assert g.value(graph, ns.PROV.generatedAtTime) >= stamp1  # type: ignore[operator]
    other = empty_local("pull", base, CAPTURES)  # another query: its own graph
    assert other.exit_code == 0
    with KGStore.open(empty_local.store, read_only=True) as store:
        assert len(store.graphs()) == 2


def test_pull_with_undeclared_project_prefixes(empty_local: Kg, remote_with_seed: OxigraphServer) -> None:
    text = "CONSTRUCT { ?s a ckg:Person } WHERE { GRAPH ?g { ?s a ckg:Person } }"
    result = empty_local("pull", remote_with_seed.base, text, "--name", "people")
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("pulled 5 triples ")


def test_pull_from_a_query_file(empty_local: Kg, remote_with_seed: OxigraphServer, tmp_path: Path) -> None:
    path = tmp_path / "captures.rq"
    path.write_text(CAPTURES, encoding="utf-8")
    result = empty_local("pull", "--query-endpoint", remote_with_seed.base + "/query", str(path))
    assert result.exit_code == 0, result.output
    assert "pulled 10 triples" in result.stderr


@pytest.mark.parametrize("query, code, message", [
    ("SELECT * WHERE { ?s ?p ?o }", 1,
     "error: kg pull needs a CONSTRUCT or DESCRIBE query (it loads a graph), got SELECT"),
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p }", 2,
     "error: SPARQL syntax error at line 1, column 32: cannot parse from '?s ?p }'"),
    ("CONSTRUCT { ?s a ckg:Capture } WHERE {\n  ?s a ckg:Capture ; ckg:place }", 2,
     "error: SPARQL syntax error at line 2, column 22: cannot parse from 'ckg:place }'"),
    ("INSERT DATA { <http://a> <http://b> <http://c> }", 1,
     "error: kg pull needs a CONSTRUCT or DESCRIBE query (it loads a graph), got INSERT"),
    ("missing.rq", 1, "error: no such query file: missing.rq"),
])
def test_bad_queries_change_nothing(kg_copy: Kg, remote_with_seed: OxigraphServer, built_store: BuiltStore,
                                    query: str, code: int, message: str) -> None:
    result = kg_copy("pull", remote_with_seed.base, query)
    assert result.exit_code == code
    assert result.stderr.strip() == message
    with KGStore.open(kg_copy.store, read_only=True) as store:
        assert store.graphs() == _seed_graphs(built_store)  # the document and its incidents, nothing pulled


def test_remote_rejects_the_query(kg_copy: Kg, remote_with_seed: OxigraphServer) -> None:
    text = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o FILTER(<http://example.org/nofn>(?o)) }"
    result = kg_copy("pull", remote_with_seed.base, text)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {remote_with_seed.base}/query answered 500 Internal Server Error: ")
    assert "nofn" in result.stderr


def test_pull_from_a_store_that_is_down(kg_copy: Kg, built_store: BuiltStore) -> None:
    port = free_port()
    result = kg_copy("pull", f"http://127.0.0.1:{port}", CAPTURES)
    assert result.exit_code == 1
    assert result.stderr.strip() == (f"error: cannot connect to http://127.0.0.1:{port}/query: "
                                     "connection refused (is the store running?)")
    with KGStore.open(kg_copy.store, read_only=True) as store:
        assert store.graphs() == _seed_graphs(built_store)
        assert URIRef(GRAPH_BASE + built_store.doc_id) in store.graphs()


def test_pull_names() -> None:
    a = rm.pull_graph_iri("http://h/query", "CONSTRUCT  {?s ?p ?o}\nWHERE {?s ?p ?o}")
    b = rm.pull_graph_iri("http://h/query", "CONSTRUCT {?s ?p ?o} WHERE {?s ?p ?o}")
    c = rm.pull_graph_iri("http://other/query", "CONSTRUCT {?s ?p ?o} WHERE {?s ?p ?o}")
    assert a == b != c  # whitespace does not make another pull; another endpoint does
    assert rm.pull_graph_iri("http://h/query", "x", "mine") == URIRef(GRAPH_BASE + "pull-mine")
    with pytest.raises(rm.RemoteError, match="bad pull name 'a b'"):
        rm.pull_graph_iri("http://h/query", "x", "a b")


def test_known_prefixes_are_declared_only_when_missing() -> None:
    text = rm.with_known_prefixes("CONSTRUCT { ?s a ckg:Event } WHERE { ?s a ckg:Event ; rdfs:label 'x:y' }")
    assert text.splitlines()[:2] == ["PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>",
                                     "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>"]
    declared = "PREFIX ckg: <http://mine/> CONSTRUCT { ?s a ckg:Event } WHERE { ?s a ckg:Event }"
    assert rm.with_known_prefixes(declared) == declared
