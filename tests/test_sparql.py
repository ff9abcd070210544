"""Query runner (kg.store.sparql via KGStore.query) and result rendering (kg.query.formats)."""

from __future__ import annotations

import csv
import io
import json
import time
from typing import Iterator

import pytest
import rdflib
from rdflib import RDF, RDFS, BNode, Graph, Literal, Namespace, URIRef

from kg.query.formats import label, render, shorten, to_json
from kg.store.core import KGStore, graph_iri_for
from kg.store.sparql import (
    QueryResult,
    QueryTimeoutError,
    SparqlSyntaxError,
    StoreError,
    UpdateNotAllowedError,
    check_readonly,
    query_form,
)

CKG = Namespace("https://w3id.org/conflict-kg/ontology#")
ID = Namespace("https://w3id.org/conflict-kg/id/")
CARTER, MOSUL = ID["person/ash-carter"], ID["place/mosul"]
EV1, EV2 = ID["event/1"], ID["event/2"]
TRICKY = 'a|b "quoted", comma\ttab\nnewline [bold]x[/bold] é'


@pytest.fixture
def store() -> Iterator[KGStore]:
    """Two documents: doc 1 says who deployed, doc 2 says where; Carter is in both."""
    s = KGStore.open(None)
    d1 = [
        (EV1, RDF.type, CKG.Deployment),
        (EV1, CKG.agent, CARTER),
        (EV1, CKG.troops, Literal(560)),
        (CARTER, RDF.type, CKG.Person),
        (CARTER, RDFS.label, Literal("Ash Carter", lang="en")),
    ]
    d2 = [
        (EV2, RDF.type, CKG.Deployment),
        (EV2, CKG.agent, CARTER),
        (EV2, CKG.destination, MOSUL),
        (CARTER, RDF.type, CKG.Person),
        (MOSUL, RDFS.label, Literal(TRICKY)),
    ]
    s.replace_graph(graph_iri_for("d1"), d1)
    s.replace_graph(graph_iri_for("d2"), d2)
    yield s
    s.close()


# --- query kinds and the union default graph ----------------------------------------------


def test_select_joins_across_named_graphs(store: KGStore) -> None:
    r = store.query("""
        SELECT ?ev ?name ?troops WHERE {
          ?ev a ckg:Deployment ; ckg:agent ?who .
          ?who rdfs:label ?name .
          OPTIONAL { ?ev ckg:troops ?troops }
        } ORDER BY ?ev""")
    assert r.kind == "select"
    assert r.vars == ["ev", "name", "troops"]
    # doc 2's event joins with the label stated only in doc 1
    assert r.rows == [[EV1, Literal("Ash Carter", lang="en"), Literal(560)],
                      [EV2, Literal("Ash Carter", lang="en"), None]]


def test_union_is_a_set(store: KGStore) -> None:
    r = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?p a ckg:Person }")
    assert r.rows == [[Literal(1)]]  # the triple is in both graphs, the union has it once
    r = store.query("SELECT ?g WHERE { GRAPH ?g { ?p a ckg:Person } } ORDER BY ?g")
    assert [row[0] for row in r.rows] == [graph_iri_for("d1"), graph_iri_for("d2")]


def test_plain_and_typed_literals_round_trip(store: KGStore) -> None:
    r = store.query(f"SELECT ?l WHERE {{ <{MOSUL}> rdfs:label ?l }}")
    assert r.rows == [[Literal(TRICKY)]]
    assert r.rows[0][0].datatype is None


def test_ask(store: KGStore) -> None:
    assert store.query("ASK { ?e ckg:destination ?p }").boolean is True
    r = store.query("ASK { ?e ckg:destination ckgd:nowhere }")
    assert (r.kind, r.boolean) == ("ask", False)


def test_construct(store: KGStore) -> None:
    r = store.query("CONSTRUCT { ?ev ckg:by ?who } WHERE { ?ev ckg:agent ?who }")
    assert r.kind == "graph"
    expected = Graph()
    expected.add((EV1, CKG.by, CARTER))
    expected.add((EV2, CKG.by, CARTER))
    assert set(r.graph) == set(expected)


def test_describe(store: KGStore) -> None:
    r = store.query(f"DESCRIBE <{EV2}>")
    assert r.kind == "graph"
    assert (EV2, CKG.destination, MOSUL) in r.graph
    assert (EV2, CKG.agent, CARTER) in r.graph


def test_declared_prefixes_override_known_ones(store: KGStore) -> None:
    r = store.query("PREFIX ckg: <http://example.org/other#>\nASK { ?e a ckg:Deployment }")
    assert r.boolean is False


# --- errors ------------------------------------------------------------------------------------


def test_syntax_error_reports_line_and_column(store: KGStore) -> None:
    bad = ("PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>\n"
           "SELECT ?s\n"
           "WHERE {\n"
           "  ?s a ckg:Attack .\n"
           "} LIMT 10")
    with pytest.raises(SparqlSyntaxError) as info:
        store.query(bad)
    e = info.value
    assert (e.line, e.column) == (5, 3)
    assert str(e).startswith("SPARQL syntax error at line 5, column 3:")
    assert "LIMT" in str(e)
    assert e.context.splitlines() == ["} LIMT 10", "  ^"]


def test_syntax_error_inside_a_filter(store: KGStore) -> None:
    with pytest.raises(SparqlSyntaxError) as info:
        store.query("SELECT ?x WHERE {\n  ?x ?p ?o .\n  FILTER(?x = ) }")
    assert (info.value.line, info.value.column) == (3, 3)
    assert "FILTER(?x = )" in str(info.value)


def test_unknown_prefix_is_located(store: KGStore) -> None:
    with pytest.raises(SparqlSyntaxError) as info:
        store.query("SELECT ?x WHERE {\n  ?x ex:p ?o }")
    assert (info.value.line, info.value.column) == (2, 6)
    assert "unknown prefix 'ex:'" in str(info.value)


def test_unclosed_query(store: KGStore) -> None:
    with pytest.raises(SparqlSyntaxError, match="line 2.*unexpected end of query"):
        store.query("SELECT ?x WHERE {\n  ?x ?p ?o .")


def test_semantic_error_message_is_readable(store: KGStore) -> None:
    with pytest.raises(SparqlSyntaxError, match="variable that is unbound"):
        store.query("SELECT (COUNT(?s) AS ?c) ?p WHERE { ?s ?p ?o }")


@pytest.mark.parametrize("update", [
    "DROP ALL",
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "PREFIX x: <http://x/>\n# a comment with SELECT in it\ndelete where { ?s x:p ?o }",
    "BASE <http://x/> CLEAR DEFAULT",
    "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
])
def test_updates_are_rejected(store: KGStore, update: str) -> None:
    before = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows
    with pytest.raises(UpdateNotAllowedError, match="not allowed here: queries are read-only"):
        store.query(update)
    assert store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows == before


def test_check_readonly_accepts_queries() -> None:
    check_readonly("# INSERT DATA in a comment\nPREFIX a: <http://a/>\nSELECT * { ?s ?p ?o }")
    check_readonly('ASK { ?s ?p "DROP ALL" }')
    assert query_form("prefix : <http://a/#> construct where { ?s ?p ?o }") == "CONSTRUCT"


def test_timeout_is_reported() -> None:
    with KGStore.open(None) as s:
        p = ID["p"]
        s.replace_graph(graph_iri_for("big"), [(ID[f"s{i}"], p, Literal(i)) for i in range(4000)])
        # a 16M-row cross product: ~2.5 s here, abandoned after 0.2 s
        slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ckgd:p ?x . ?b ckgd:p ?y FILTER(?x + ?y = 7) }"
        t0 = time.perf_counter()
        with pytest.raises(QueryTimeoutError, match="did not finish within 0.2 s"):
            s.query(slow, timeout_s=0.2)
        assert time.perf_counter() - t0 < 2
        # a quick query under a time limit returns normally; errors cross the thread
        assert s.query("ASK { ?s ?p ?o }", timeout_s=30).boolean is True
        with pytest.raises(SparqlSyntaxError):
            s.query("SELECT WHERE", timeout_s=30)
        assert isinstance(QueryTimeoutError("x"), StoreError)


# --- rendering ----------------------------------------------------------------------------------


@pytest.fixture
def result(store: KGStore) -> QueryResult:
    return store.query("""
        SELECT ?ev ?place ?label ?troops WHERE {
          ?ev a ckg:Deployment .
          OPTIONAL { ?ev ckg:destination ?place . ?place rdfs:label ?label }
          OPTIONAL { ?ev ckg:troops ?troops }
        } ORDER BY ?ev""")


def _render(result: QueryResult, fmt: str) -> str:
    out = io.StringIO()
    render(result, fmt, out)
    return out.getvalue()


def test_csv_reads_back(result: QueryResult) -> None:
    text = _render(result, "csv")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == ["ev", "place", "label", "troops"]
    assert rows[1:] == [[str(EV1), "", "", "560"], [str(EV2), str(MOSUL), TRICKY, ""]]
    assert "\r\n" in text


def test_tsv_uses_rdf_term_syntax(result: QueryResult) -> None:
    lines = _render(result, "tsv").split("\n")
    assert lines[0] == "?ev\t?place\t?label\t?troops"
    assert lines[1].split("\t") == [f"<{EV1}>", "", "",
                                    '"560"^^<http://www.w3.org/2001/XMLSchema#integer>']
    cells = lines[2].split("\t")
    assert len(cells) == 4  # the tab and newline inside the label are escaped
    assert rdflib.util.from_n3(cells[2]) == Literal(TRICKY)


def test_json_is_w3c_results(result: QueryResult) -> None:
    data = json.loads(_render(result, "json"))
    assert data["head"]["vars"] == ["ev", "place", "label", "troops"]
    b1, b2 = data["results"]["bindings"]
    assert b1 == {"ev": {"type": "uri", "value": str(EV1)},
                  "troops": {"type": "literal", "value": "560",
                             "datatype": "http://www.w3.org/2001/XMLSchema#integer"}}
    assert b2["label"] == {"type": "literal", "value": TRICKY}
    lang = to_json(QueryResult(kind="select", vars=["x"], rows=[[Literal("a", lang="en")],
                                                                [BNode("b0")]]))
    assert lang["results"]["bindings"] == [{"x": {"type": "literal", "value": "a",
                                                  "xml:lang": "en"}},
                                           {"x": {"type": "bnode", "value": "b0"}}]


def test_ask_renders(store: KGStore) -> None:
    r = store.query("ASK { ?s ?p ?o }")
    assert json.loads(_render(r, "json")) == {"head": {}, "boolean": True}
    assert list(csv.reader(io.StringIO(_render(r, "csv")))) == [["boolean"], ["true"]]
    assert "true" in _render(r, "table")


def test_markdown_escapes_pipes(result: QueryResult) -> None:
    lines = _render(result, "markdown").splitlines()
    assert lines[0] == "| ev | place | label | troops |"
    assert lines[1] == "|---|---|---|---|"
    assert len(lines) == 4
    cells = [c.strip() for c in __import__("re").split(r"(?<!\\)\|", lines[3])[1:-1]]
    assert cells[0] == "ckgd:event/2"
    assert cells[2].replace("\\|", "|").replace("<br>", "\n") == TRICKY


def test_table_shortens_iris_and_ignores_markup(result: QueryResult) -> None:
    text = _render(result, "table")
    assert "ckgd:event/1" in text and "ckgd:place/mosul" in text
    assert "[bold]x[/bold]" in text  # shown as text, not interpreted as rich markup
    assert "2 rows" in text


def test_construct_renders_as_rdf(store: KGStore) -> None:
    r = store.query("CONSTRUCT { ?ev ckg:by ?who } WHERE { ?ev ckg:agent ?who }")
    for fmt, parse_as in [("table", "turtle"), ("turtle", "turtle"), ("json", "json-ld"),
                          ("ntriples", "nt"), ("xml", "xml")]:
        back = Graph().parse(data=_render(r, fmt), format=parse_as)
        assert set(back) == set(r.graph), fmt
    rows = list(csv.reader(io.StringIO(_render(r, "csv"))))
    assert rows[0] == ["subject", "predicate", "object"] and len(rows) == 3


def test_unknown_output_format(result: QueryResult) -> None:
    with pytest.raises(ValueError, match="unknown output format 'yaml'"):
        _render(result, "yaml")


def test_labels() -> None:
    assert shorten(str(CKG.Deployment)) == "ckg:Deployment"
    assert shorten("http://example.org/x") == "<http://example.org/x>"
    assert label(Literal("2016-10-20", datatype=rdflib.XSD.date)) == "2016-10-20"
    assert label(URIRef("http://www.w3.org/2001/XMLSchema#date")) == "xsd:date"
    assert label(None) == ""


def test_table_shows_labels_instead_of_their_iris():
    from rdflib import Literal, URIRef

    from kg.query.formats import readable_columns

    header = ["actor", "actorLabel", "place", "n"]
    rows = [[URIRef("https://w3id.org/conflict-kg/id/state/us"), Literal("United States"),
             URIRef("https://w3id.org/conflict-kg/id/place/x"), Literal(3)]]
    # "actor" has a label twin and only IRIs: hidden; "place" has no twin: kept.
    assert readable_columns(header, rows) == [1, 2, 3]
