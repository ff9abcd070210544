"""Canned queries over HTTP and linked data, on a real ``kg serve`` with the seed built."""

from __future__ import annotations

import csv
import io
import shutil
import urllib.parse
from collections.abc import Iterator

import pytest
import rdflib
from server_helpers import EVENTS_OF_TYPE_RQ, REPO, KgServe

CKGD = "https://w3id.org/conflict-kg/id/"


@pytest.fixture(scope="module")
def server(built_store, tmp_path_factory) -> Iterator[KgServe]:
    tmp = tmp_path_factory.mktemp("api")
    store = tmp / "store"
    shutil.copytree(built_store.path, store)
    queries = tmp / "queries"
    queries.mkdir()
    (queries / "events-of-type.rq").write_text(EVENTS_OF_TYPE_RQ, encoding="utf-8")
    shutil.copy(REPO / "queries" / "captures.rq", queries)
    with KgServe(store, ["--queries-dir", str(queries)]) as s:
        yield s


def test_lists_queries_with_params(server) -> None:
    listed = {q["name"]: q for q in server.get("/api/queries").json()}
    assert set(listed) == {"captures", "events-of-type"}
    params = {p["name"]: p for p in listed["events-of-type"]["params"]}
    assert params["typeName"] == {"name": "typeName", "type": "string", "default": "Capture",
                                  "required": False, "help": params["typeName"]["help"],
                                  "choices": []}
    assert params["minYear"]["type"] == "integer"
    assert listed["captures"]["title"] == "Captures"


def test_runs_a_canned_query_with_a_parameter(server) -> None:
    captures = server.get("/api/queries/events-of-type").json()  # default: Capture
    attacks = server.get("/api/queries/events-of-type?typeName=Attack").json()
    assert captures["vars"][:2] == ["event", "place"]
    assert captures["rows"] and all("/capture-" in r["event"] for r in captures["rows"])
    assert attacks["rows"] and all("/attack-" in r["event"] for r in attacks["rows"])
    labels = {r["placeLabel"] for r in captures["rows"]}
    assert {"Ramadi", "Fallujah", "Mosul"} <= labels
    recent = server.get("/api/queries/events-of-type?typeName=Capture&minYear=2016").json()
    assert "Ramadi" not in {r["placeLabel"] for r in recent["rows"]}  # Ramadi was 2015-12
    assert recent["params"] == {"typeName": "Capture", "minYear": "2016"}


def test_csv_and_sparql_json(server) -> None:
    r = server.get("/api/queries/captures?format=csv")
    assert r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert {"Ramadi", "Mosul"} <= {row["placeLabel"] for row in rows}
    r2 = server.get("/api/queries/captures", accept="text/csv")
    assert r2.text == r.text
    sj = server.get("/api/queries/captures", accept="application/sparql-results+json").json()
    assert sj["results"]["bindings"][0]["event"]["type"] == "uri"


def test_bad_parameters_are_400_with_the_message(server) -> None:
    r = server.get("/api/queries/events-of-type?minYear=soon")
    assert r.status == 400
    assert r.json()["message"] == "parameter 'minYear' must be an integer, got 'soon'"
    r = server.get("/api/queries/events-of-type?colour=red")
    assert r.status == 400 and "has no parameter 'colour'" in r.json()["message"]
    r = server.get("/api/queries/nope")
    assert r.status == 404 and "captures" in r.json()["message"]
    evil = urllib.parse.quote('Capture" } } DROP ALL #')
    r = server.get(f"/api/queries/events-of-type?typeName={evil}")
    assert r.status == 200 and r.json()["rows"] == []  # bound as one literal, matched as data


def test_openapi_documents_each_canned_query(server) -> None:
    doc = server.get("/openapi.json").json()
    op = doc["paths"]["/api/queries/events-of-type"]["get"]
    params = {p["name"]: p for p in op["parameters"]}
    assert params["minYear"]["schema"]["type"] == "integer"
    assert params["typeName"]["schema"]["default"] == "Capture"
    assert "format" in params and op["summary"] == "Events of one type"
    assert "/sparql" in doc["paths"] and "/api/queries/captures" in doc["paths"]
    assert server.get("/docs").status == 404  # Swagger UI would load from a CDN


# --- linked data ---------------------------------------------------------------------------

def _minted(built_store) -> list[str]:
    from kg.graph.vocab import ENTITY_CLASSES, EVENT_CLASSES
    from kg.store.core import KGStore

    classes = " ".join(f"<{c}>" for c in (*ENTITY_CLASSES.values(), *EVENT_CLASSES.values()))
    with KGStore.open(built_store.path, read_only=True) as store:
        rows = store.query(f"SELECT DISTINCT ?x WHERE {{ ?x a ?c VALUES ?c {{ {classes} }} }}").rows
    return sorted(str(r[0]) for r in rows)


def test_every_entity_and_event_iri_resolves(server, built_store) -> None:
    iris = _minted(built_store)
    assert len(iris) > 40
    for iri in iris:
        assert iri.startswith(CKGD)
        r = server.get("/id/" + iri[len(CKGD):], accept="text/turtle")
        assert r.status == 200, iri
        g = rdflib.Graph().parse(data=r.text, format="turtle")
        assert (rdflib.URIRef(iri), rdflib.RDF.type, None) in g, iri


def test_content_negotiation(server) -> None:
    path = "/id/person/ash-carter"
    carter = rdflib.URIRef(CKGD + "person/ash-carter")
    for accept, fmt in (("text/turtle", "turtle"), ("application/n-triples", "nt"),
                        ("application/ld+json", "json-ld")):
        r = server.get(path, accept=accept)
        assert r.headers["content-type"].startswith(accept)
        g = rdflib.Graph().parse(data=r.body, format=fmt)
        assert (carter, rdflib.RDFS.label, rdflib.Literal("Ash Carter")) in g
        assert any(g.triples((None, None, carter)))  # incoming: the events naming him
    assert server.get(path).headers["content-type"].startswith("text/turtle")  # */*
    html = server.get(path, accept="text/html,application/xhtml+xml,*/*;q=0.8")
    assert html.headers["content-type"].startswith("text/html") and "<h1" in html.text
    assert "Ash Carter" in html.text
    assert server.get(path + "?format=ntriples", accept="text/html").headers["content-type"].startswith("application/n-triples")


def test_unknown_iri_is_404(server) -> None:
    r = server.get("/id/person/nobody-at-all", accept="text/turtle")
    assert r.status == 404 and "nobody-at-all" in r.json()["message"]
    r = server.get("/id/person/nobody-at-all", accept="text/html")
    assert r.status == 404 and "text/html" in r.headers["content-type"]
    assert server.get("/id/person/bad>iri", accept="text/turtle").status == 404


def test_document_and_event_pages(server, built_store) -> None:
    doc = server.get(f"/id/doc/{built_store.doc_id}", accept="text/html").text
    assert 'class="trigger"' in doc and 'href="/id/person/ash-carter"' in doc
    event = next(i for i in _minted(built_store) if "/capture-" in i)
    page = server.get("/id/" + event[len(CKGD):], accept="text/html").text
    assert '<mark class="evidence"' in page and "Capture" in page
