"""SPARQL 1.1 Protocol of a real ``kg serve`` (subprocess, 127.0.0.1): SPARQLWrapper for the
query forms and result formats, raw HTTP for the protocol's corners and its errors."""

from __future__ import annotations

import csv
import io
import json
import shutil
import urllib.parse
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest
import rdflib
from server_helpers import KgServe
from SPARQLWrapper import CSV, JSON, JSONLD, N3, TSV, TURTLE, XML, SPARQLWrapper

CKGD = "https://w3id.org/conflict-kg/id/"
CARTER = CKGD + "person/ash-carter"
LABELS = "SELECT ?x ?label WHERE { ?x a ckg:Person ; rdfs:label ?label } ORDER BY ?label"
CONSTRUCT = f"CONSTRUCT {{ <{CARTER}> ?p ?o }} WHERE {{ <{CARTER}> ?p ?o }}"


@pytest.fixture(scope="module")
def server(built_store, tmp_path_factory) -> Iterator[KgServe]:
    store = tmp_path_factory.mktemp("proto") / "store"
    shutil.copytree(built_store.path, store)
    with KgServe(store, ["--max-rows", "500", "--max-query-chars", "5000",
                         "--max-body", "20000"]) as s:
        yield s


@pytest.fixture
def sparql(server) -> SPARQLWrapper:
    return SPARQLWrapper(server.base + "/sparql")


def _persons(server) -> list[str]:
    """The labels of ckg:Person straight from the JSON results, to compare formats against."""
    data = server.query(LABELS).json()
    return [b["label"]["value"] for b in data["results"]["bindings"]]


def test_select_json_matches_the_store(server, sparql, built_store) -> None:
    from kg.store.core import KGStore

    with KGStore.open(built_store.path, read_only=True) as store:
        expected = [str(r[1]) for r in store.query(LABELS).rows]
    sparql.setQuery(LABELS)
    sparql.setReturnFormat(JSON)
    data = sparql.query().convert()
    assert data["head"]["vars"] == ["x", "label"]
    got = [b["label"]["value"] for b in data["results"]["bindings"]]
    assert got == expected and "Ash Carter" in got
    assert data["results"]["bindings"][0]["x"]["type"] == "uri"


def test_select_xml(sparql, server) -> None:
    sparql.setQuery(LABELS)
    sparql.setReturnFormat(XML)
    doc = sparql.query().convert()  # xml.dom.minidom Document
    ns = "http://www.w3.org/2005/sparql-results#"
    literals = [n.firstChild.data for n in doc.getElementsByTagNameNS(ns, "literal")]
    assert literals == _persons(server)


def test_select_csv_and_tsv(sparql, server) -> None:
    sparql.setQuery(LABELS)
    sparql.setReturnFormat(CSV)
    rows = list(csv.reader(io.StringIO(sparql.query().convert().decode())))
    assert rows[0] == ["x", "label"]
    assert [r[1] for r in rows[1:]] == _persons(server)
    assert rows[1][0].startswith(CKGD)
    sparql.setReturnFormat(TSV)
    lines = sparql.query().convert().decode().splitlines()
    assert lines[0] == "?x\t?label"
    first = lines[1].split("\t")
    assert first[0].startswith(f"<{CKGD}") and first[1].startswith('"')


def test_ask(sparql) -> None:
    sparql.setQuery(f"ASK {{ <{CARTER}> a ckg:Person }}")
    sparql.setReturnFormat(JSON)
    assert sparql.query().convert()["boolean"] is True
    sparql.setQuery(f"ASK {{ <{CARTER}> a ckg:Place }}")
    assert sparql.query().convert()["boolean"] is False
    sparql.setReturnFormat(XML)
    doc = sparql.query().convert()
    assert doc.getElementsByTagName("boolean")[0].firstChild.data == "false"


@pytest.mark.parametrize("fmt", [TURTLE, N3, JSONLD])
def test_construct_formats(sparql, fmt) -> None:
    sparql.setQuery(CONSTRUCT)
    sparql.setReturnFormat(fmt)
    result = sparql.query()
    raw = result.response.read()
    parse_as = {TURTLE: "turtle", N3: "turtle", JSONLD: "json-ld"}[fmt]
    g = rdflib.Graph().parse(data=raw, format=parse_as)
    carter = rdflib.URIRef(CARTER)
    assert (carter, rdflib.RDFS.label, rdflib.Literal("Ash Carter")) in g
    assert len(g) == len(set(g.predicate_objects(carter)))  # only Carter's own triples


def test_construct_ntriples_and_rdfxml_by_accept(server) -> None:
    nt = server.query(CONSTRUCT, accept="application/n-triples")
    assert nt.status == 200 and nt.headers["content-type"].startswith("application/n-triples")
    g = rdflib.Graph().parse(data=nt.text, format="nt")
    assert (rdflib.URIRef(CARTER), rdflib.RDFS.label, rdflib.Literal("Ash Carter")) in g
    xml = server.query(CONSTRUCT, accept="application/rdf+xml")
    assert len(rdflib.Graph().parse(data=xml.body, format="xml")) == len(g)


def test_get_post_form_and_direct_post_agree(server) -> None:
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    get = server.get("/sparql?" + urllib.parse.urlencode({"query": q}))
    form = server.query(q)
    direct = server.request("POST", "/sparql", q.encode(), {"Content-Type": "application/sparql-query",
                                                            "Accept": "application/sparql-results+json"})
    values = {json.loads(r.body)["results"]["bindings"][0]["n"]["value"] for r in (get, form, direct)}
    assert len(values) == 1 and int(values.pop()) > 1000


def test_format_parameter_overrides_accept(server) -> None:
    r = server.get("/sparql?" + urllib.parse.urlencode({"query": LABELS, "format": "csv"}),
                   accept="application/sparql-results+json")
    assert r.headers["content-type"].startswith("text/csv")
    assert r.text.splitlines()[0] == "x,label"
    r = server.get("/sparql?" + urllib.parse.urlencode({"query": CONSTRUCT, "format": "ntriples"}))
    assert r.headers["content-type"].startswith("application/n-triples")


def test_default_prefixes_and_browser_accept(server) -> None:
    browser_accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    r = server.get("/sparql?" + urllib.parse.urlencode({"query": LABELS}), accept=browser_accept)
    assert r.status == 200  # application/xml -> SPARQL XML results
    ET.fromstring(r.body)


# --- errors: one clear message, a 4xx, and the server keeps serving -------------------------

def _error(r) -> str:
    assert 400 <= r.status < 500, (r.status, r.body[:200])
    body = r.json()
    assert set(body) == {"error", "message"}
    return body["message"]


def test_syntax_error_names_the_position(server) -> None:
    message = _error(server.query("SELECT ?s WHERE { ?s ?p }"))
    assert message.startswith("SPARQL syntax error at line 1, column")


def test_protocol_errors(server) -> None:
    assert "missing 'query'" in _error(server.get("/sparql"))
    r = server.request("POST", "/sparql", b"query=x", {"Content-Type": "text/plain"})
    assert r.status == 415 and "Content-Type" in _error(r)
    r = server.get("/sparql?" + urllib.parse.urlencode({"query": LABELS, "format": "yaml"}))
    assert r.status == 406 and "yaml" in _error(r)
    r = server.get("/sparql?" + urllib.parse.urlencode({"query": LABELS}), accept="image/png")
    assert r.status == 406
    r = server.get("/sparql?" + urllib.parse.urlencode({"query": LABELS,
                                                        "default-graph-uri": "not an IRI"}))
    assert r.status == 400 and "default-graph-uri" in _error(r)  # (valid ones: test_server_dataset)
    r = server.get("/sparql?" + urllib.parse.urlencode({"query": LABELS, "format": "json"}) + "&query=x")
    assert "once" in _error(r)  # (a repeated identical value is fine: SPARQLWrapper does that)


def test_limits_on_query_length_body_and_rows(server) -> None:
    long_query = LABELS + " #" + "x" * 6000
    r = server.query(long_query)
    assert r.status == 413 and "5,000" in _error(r)
    big = b"query=" + b"x" * 30000
    r = server.request("POST", "/sparql", big, {"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status == 413 and "20,000" in _error(r)
    r = server.query("SELECT * WHERE { ?s ?p ?o }")
    assert r.status == 400 and "more than 500 rows" in _error(r) and "LIMIT" in _error(r)
    r = server.query("SELECT * WHERE { ?s ?p ?o } LIMIT 500")
    assert r.status == 200 and len(r.json()["results"]["bindings"]) == 500
    assert server.query(LABELS).status == 200
