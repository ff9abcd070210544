"""SPARQL 1.1 Protocol dataset parameters and the W3C protocol tests for a read-only endpoint.

The W3C cases come from w3c/rdf-tests, ``sparql/sparql11/protocol/manifest.ttl`` (each test
below names its ``mf:ProtocolTest``). The ``update_*`` tests need an endpoint that accepts
updates and do not apply; every ``bad_update_*`` case must still be refused with a 4xx, which a
read-only endpoint does. The data are the manifest's ``ut:graphData``: three named graphs
``data1.rdf``..``data3.rdf`` (kasei.us), each holding ``<dataN.rdf> a foaf:Document``, loaded
through the product's own store (named graphs plus their union as the default graph).
"""

from __future__ import annotations

import http.client
import shutil
import urllib.parse
from collections.abc import Iterator

import pytest
from server_helpers import KgServe

KASEI = "http://kasei.us/2009/09/sparql/data/"
FOAF_DOCUMENT = "http://xmlns.com/foaf/0.1/Document"
D0, D1, D2, D3 = (f"{KASEI}data{i}.rdf" for i in range(4))
ASK_D1_D2 = f"ASK {{ <{D1}> a ?type . <{D2}> a ?type . }}"
ASK_NAMED = f"ASK {{ GRAPH ?g1 {{ <{D1}> a ?type }} GRAPH ?g2 {{ <{D2}> a ?type }} }}"
ASK_FULL = (f"ASK {{\n  <{D3}> a ?type\n  GRAPH ?g1 {{ <{D1}> a ?type }}\n"
            f"  GRAPH ?g2 {{ <{D2}> a ?type }}\n}}")


def _store_with_w3c_graphs(path) -> None:
    from rdflib import RDF, URIRef

    from kg.store.core import KGStore

    with KGStore.open(path) as store:
        for g in (D1, D2, D3):
            store.replace_graph(URIRef(g), [(URIRef(g), RDF.type, URIRef(FOAF_DOCUMENT))])


@pytest.fixture(scope="module")
def w3c(tmp_path_factory) -> Iterator[KgServe]:
    store = tmp_path_factory.mktemp("w3c") / "store"
    _store_with_w3c_graphs(store)
    with KgServe(store) as s:
        yield s


@pytest.fixture(scope="module")
def seed(built_store, tmp_path_factory) -> Iterator[KgServe]:
    store = tmp_path_factory.mktemp("ds") / "store"
    shutil.copytree(built_store.path, store)
    with KgServe(store) as s:
        yield s


def _q(**params: str | list[str]) -> str:
    return urllib.parse.urlencode(params, doseq=True)


def _boolean(r) -> bool:
    assert 200 <= r.status < 400, (r.status, r.text)
    return r.json()["boolean"]


JSON = {"Accept": "application/sparql-results+json"}
DIRECT = {"Content-Type": "application/sparql-query", **JSON}
FORM = {"Content-Type": "application/x-www-form-urlencoded", **JSON}


# --- the W3C manifest's query tests ---------------------------------------------------------

def test_query_post_form(w3c) -> None:
    r = w3c.request("POST", "/sparql?" + _q(**{"default-graph-uri": D0}), b"query=ASK%20%7B%7D", FORM)
    assert _boolean(r) is True


def test_query_get(w3c) -> None:
    assert _boolean(w3c.request("GET", "/sparql?" + _q(query="ASK {}", **{"default-graph-uri": D0}),
                                headers=JSON)) is True


def test_query_dataset_default_graphs_get(w3c) -> None:
    r = w3c.request("GET", "/sparql?" + _q(query=ASK_D1_D2, **{"default-graph-uri": [D1, D2]}),
                    headers=JSON)
    assert _boolean(r) is True
    # the protocol's dataset is the whole dataset: data3 alone does not hold data1's triple
    r = w3c.request("GET", "/sparql?" + _q(query=ASK_D1_D2, **{"default-graph-uri": D3}), headers=JSON)
    assert _boolean(r) is False


def test_query_dataset_default_graphs_post(w3c) -> None:
    r = w3c.request("POST", "/sparql?" + _q(**{"default-graph-uri": [D1, D2]}), ASK_D1_D2.encode(), DIRECT)
    assert _boolean(r) is True


def test_query_dataset_named_graphs_post(w3c) -> None:
    r = w3c.request("POST", "/sparql?" + _q(**{"named-graph-uri": [D1, D2]}), ASK_NAMED.encode(), DIRECT)
    assert _boolean(r) is True
    r = w3c.request("POST", "/sparql?" + _q(**{"named-graph-uri": [D1]}), ASK_NAMED.encode(), DIRECT)
    assert _boolean(r) is False  # data2 is not among the named graphs any more


def test_query_dataset_named_graphs_get(w3c) -> None:
    r = w3c.request("GET", "/sparql?" + _q(query=ASK_NAMED, **{"named-graph-uri": [D1, D2]}), headers=JSON)
    assert _boolean(r) is True


def test_query_dataset_full(w3c) -> None:
    params = _q(**{"default-graph-uri": D3, "named-graph-uri": [D1, D2]})
    assert _boolean(w3c.request("POST", "/sparql?" + params, ASK_FULL.encode(), DIRECT)) is True
    # and named graphs only: the default graph is then empty (data3's triple is not in it)
    params = _q(**{"named-graph-uri": [D1, D2]})
    assert _boolean(w3c.request("POST", "/sparql?" + params, ASK_FULL.encode(), DIRECT)) is False


def test_query_multiple_dataset(w3c) -> None:
    # The manifest percent-encodes the '&' between its two named-graph-uri values (one value
    # results, a known slip of the test); the intent, tested here: the protocol's dataset wins
    # over the query's FROM, so FROM <data3> is replaced and both named graphs are visible.
    query = (f"ASK FROM <{D3}> {{ GRAPH ?g1 {{ <{D1}> a ?type }} "
             f"GRAPH ?g2 {{ <{D2}> a ?type }} }}")
    params = _q(**{"named-graph-uri": [D1, D2]})
    assert _boolean(w3c.request("POST", "/sparql?" + params, query.encode(), DIRECT)) is True
    over = f"ASK FROM <{D3}> {{ <{D3}> a ?type }}"
    assert _boolean(w3c.request("POST", "/sparql", over.encode(), DIRECT)) is True
    params = _q(**{"default-graph-uri": D1})
    assert _boolean(w3c.request("POST", "/sparql?" + params, over.encode(), DIRECT)) is False


@pytest.mark.parametrize("query,accept_any,types", [
    ("SELECT (1 AS ?value) {}", None, {"application/sparql-results+xml", "application/sparql-results+json",
                                       "text/tab-separated-values", "text/csv"}),  # query_content_type_select
    ("ASK {}", None, {"application/sparql-results+xml", "application/sparql-results+json"}),  # query_content_type_ask
    ("DESCRIBE <http://example.org/>", None, {"application/rdf+xml", "text/turtle",
                                              "application/n-triples"}),  # query_content_type_describe
    ("CONSTRUCT { <s> <p> 1 } WHERE {}", None, {"application/rdf+xml", "text/turtle",
                                                "application/n-triples"}),  # query_content_type_construct
])
def test_query_content_types(w3c, query, accept_any, types) -> None:
    r = w3c.request("POST", "/sparql?" + _q(**{"default-graph-uri": D0}), query.encode(),
                    {"Content-Type": "application/sparql-query"})
    assert 200 <= r.status < 400, r.text
    assert r.headers["content-type"].split(";")[0] in types


def test_query_post_direct(w3c) -> None:
    r = w3c.request("POST", "/sparql", b"ASK {}", DIRECT)
    assert _boolean(r) is True


# --- the manifest's bad_* tests: each must be a 4xx ------------------------------------------

NON_UTF8 = "ASK { <http://example.org/é> ?p ?o }".encode("iso-8859-1")


@pytest.mark.parametrize("name,method,path,body,headers", [
    ("bad_query_method", "PUT", "/sparql?" + _q(query="ASK {}"), None, {}),
    ("bad_multiple_queries", "GET", "/sparql?" + _q(query=["ASK {}", "SELECT * {}"]), None, {}),
    ("bad_query_wrong_media_type", "POST", "/sparql", b"ASK {}", {"Content-Type": "text/plain"}),
    ("bad_query_missing_form_type", "POST", "/sparql", b"query=ASK%20%7B%7D", {}),
    ("bad_query_missing_direct_type", "POST", "/sparql", b"ASK {}", {}),
    ("bad_query_non_utf8", "POST", "/sparql", NON_UTF8,
     {"Content-Type": "application/sparql-query; charset=UTF-8"}),
    ("bad_query_syntax", "GET", "/sparql?" + _q(query="ASK {"), None, {}),
    ("bad_update_get", "GET", "/sparql?" + _q(update="CLEAR ALL"), None, {}),
    ("bad_multiple_updates", "POST", "/sparql",
     _q(update=["CLEAR NAMED", "CLEAR DEFAULT"]).encode(), {"Content-Type": "application/x-www-form-urlencoded"}),
    ("bad_update_wrong_media_type", "POST", "/sparql", b"CLEAR NAMED", {"Content-Type": "text/plain"}),
    ("bad_update_missing_form_type", "POST", "/sparql", b"update=CLEAR%20NAMED", {}),
    ("bad_update_non_utf8", "POST", "/sparql",
     "CLEAR GRAPH <http://example.org/é>".encode("iso-8859-1"),
     {"Content-Type": "application/sparql-update; charset=UTF-8"}),
    ("bad_update_syntax", "POST", "/sparql", b"CLEAR XYZ", {"Content-Type": "application/sparql-update"}),
    ("bad_update_dataset_conflict", "POST", "/sparql?" + _q(**{"using-graph-uri": D1}),
     f"CLEAR ALL ; INSERT {{ GRAPH <{D1}> {{ ?s a ?t }} }} USING <{D2}> WHERE {{ ?s a ?t }}".encode(),
     {"Content-Type": "application/sparql-update"}),
])
def test_bad_requests_are_4xx(w3c, name, method, path, body, headers) -> None:
    # http.client sends exactly these headers (urllib would add a form Content-Type itself)
    conn = http.client.HTTPConnection("127.0.0.1", w3c.port, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers)
        r = conn.getresponse()
        status, text = r.status, r.read().decode("utf-8", "replace")
    finally:
        conn.close()
    assert 400 <= status < 500, (name, status, text)
    assert "\n" not in text.strip()  # one line


def test_nothing_changed_after_the_bad_updates(w3c) -> None:
    r = w3c.request("GET", "/sparql?" + _q(query=f"ASK {{ GRAPH <{D1}> {{ <{D1}> a ?t }} }}"), headers=JSON)
    assert _boolean(r) is True


# --- the same parameters on the product's own store ------------------------------------------

def test_default_graph_uri_equals_from_on_a_document_graph(seed, built_store) -> None:
    from kg.store.core import graph_iri_for

    g = str(graph_iri_for(built_store.doc_id))
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    by_from = seed.query(count.replace("WHERE", f"FROM <{g}> WHERE")).json()
    by_param = seed.request("GET", "/sparql?" + _q(query=count, **{"default-graph-uri": g}), headers=JSON).json()
    n = int(by_param["results"]["bindings"][0]["n"]["value"])
    assert n > 100 and by_param == by_from
    none = seed.request("GET", "/sparql?" + _q(query=count, **{"default-graph-uri": g + "-absent"}),
                        headers=JSON).json()
    assert none["results"]["bindings"][0]["n"]["value"] == "0"  # an unknown graph is empty


def test_bad_graph_iris_and_updates_with_a_dataset(seed) -> None:
    r = seed.request("GET", "/sparql?" + _q(query="ASK {}", **{"named-graph-uri": "no iri"}))
    assert r.status == 400 and "named-graph-uri" in r.json()["message"]
    r = seed.request("POST", "/sparql?" + _q(**{"default-graph-uri": D1}),
                     b"update=CLEAR%20ALL", {"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status == 400 and "apply to queries" in r.json()["message"]
