"""The seed article's own graph: SHACL conformance, exact round trip, and every canned query's rows."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph

from kg.graph.mapping import facts_to_graph, graph_to_facts
from kg.query.canned import bind, load_queries
from kg.read.reader import read_file
from kg.store.core import KGStore

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_f8bbf9c61cf088c1.txt"


@pytest.fixture(scope="module")
def facts(extractor):
    return extractor.extract(read_file(SEED))


@pytest.fixture(scope="module")
def graph(facts):
    return facts_to_graph(facts, generated_at=datetime(2026, 1, 1, tzinfo=timezone.utc))


@pytest.fixture(scope="module")
def store(graph):
    s = KGStore.open(None)
    s.replace_graph(*graph)
    yield s
    s.close()


def rows(store, name, **params):
    queries = load_queries(ROOT / "queries")
    result = store.query(bind(queries[name], {k: str(v) for k, v in params.items()}))
    return [{v: (None if t is None else str(t)) for v, t in zip(result.vars, row)} for row in result.rows]


def test_seed_graph_conforms_to_the_shapes(graph):
    shapes = Graph().parse(ROOT / "ontology" / "shapes.ttl")
    ontology = Graph().parse(ROOT / "ontology" / "conflict.ttl")
    conforms, _, report = validate(graph[1], shacl_graph=shapes, ont_graph=ontology, inference="none")
    assert conforms, report


def test_seed_facts_round_trip_through_rdf(facts, graph):
    assert graph_to_facts(graph[1], facts.document.id) == facts


def test_deployments_query(store):
    got = {(r["agentLabel"], r["destinationLabel"], float(r["troops"]), r["qualifier"]) for r in rows(store, "deployments")}
    assert ("United States", "Qayara air base", 560.0, "exact") in got
    assert ("United States", "Iraq", 200.0, "approximate") in got


def test_attacks_query(store):
    got = rows(store, "attacks")
    assert len(got) == 1
    r = got[0]
    assert (r["perpetratorLabel"], r["locationLabel"], float(r["fatalities"])) == ("Islamic State", "Baghdad", 300.0)
    assert r["date"] == "2016-07" and "killed nearly 300 people" in r["evidence"]


def test_captures_query(store):
    got = {(r["placeLabel"], r["captorLabel"], r["formerLabel"], r["date"], r["modality"]) for r in rows(store, "captures")}
    assert ("Qayara air base", "Iraqi forces", "Islamic State", "2016-07-09", "asserted") in got
    assert ("al-Shadadi", "US-backed Syrian forces", "Islamic State", "2016-02", "asserted") in got
    assert ("Ramadi", "Iraqi forces", "Islamic State", "2015-12", "asserted") in got
    assert ("Fallujah", "Iraqi forces", "Islamic State", "2016-06", "asserted") in got
    assert not any(place == "Mosul" and modality == "asserted" for place, _, _, _, modality in got)


def test_meetings_query(store):
    got = rows(store, "meetings")
    assert len(got) == 1
    people = {p.strip() for p in got[0]["participants"].split(";")}
    assert people == {"Ash Carter", "Haider al-Abadi", "Khaled al-Obeidi"}
    assert got[0]["locationLabel"] == "Baghdad" and got[0]["date"] == "2016-07-11"


def test_actors_by_events_query(store):
    got = rows(store, "actors-by-events")
    counts = {r["actorLabel"]: int(r["events"]) for r in got}
    assert counts["Islamic State"] >= 5  # former controller of four captures, perpetrator of the bombing
    assert counts["Ash Carter"] >= 3
    ordered = [int(r["events"]) for r in got]
    assert ordered == sorted(ordered, reverse=True)
