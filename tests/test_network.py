"""kg.see.network and kg.see.subgraph on the seed store: the typed graph, lookups, periods, ego graphs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import networkx as nx
import pytest

from kg.graph.vocab import ROLE_PROPERTIES
from kg.see.network import (
    ACTOR,
    EVENT,
    PLACE,
    NetworkError,
    date_bounds,
    ego,
    find_entity,
    in_period,
    load_network,
    parse_period,
)
from kg.see.subgraph import SubgraphSpec, choose
from kg.store.core import KGStore

REPO = Path(__file__).resolve().parents[1]
SEED_TITLE = "US to deploy 560 more troops to Iraq to help seize Mosul"


@pytest.fixture(scope="module")
def seed_graph(built_store) -> nx.DiGraph:
    with KGStore.open(built_store.path, read_only=True) as store:
        return load_network(store)


@pytest.fixture(scope="module")
def seed_reports(built_store) -> nx.DiGraph:
    with KGStore.open(built_store.path, read_only=True) as store:
        return load_network(store, "reports")


def _count(store_path: Path, sparql: str) -> int:
    with KGStore.open(store_path, read_only=True) as store:
        return int(store.query(sparql).rows[0][0])


def _by_label(g: nx.DiGraph, label: str) -> str:
    return next(n for n, d in g.nodes(data=True) if d.get("label") == label and d["kind"] != EVENT)


#: the event nodes drawn by default: every incident, and every report that belongs to none
_DRAWN = """{ ?e a ckg:Incident } UNION { ?e ckg:reportedIn ?d FILTER NOT EXISTS { ?i ckg:report ?e } }"""


@pytest.mark.parametrize("level", ["incidents", "reports"])
def test_counts_match_the_store(seed_graph, seed_reports, built_store, level):
    g = seed_graph if level == "incidents" else seed_reports
    drawn = _DRAWN if level == "incidents" else "{ ?e ckg:reportedIn ?d }"
    events = _count(built_store.path, f"SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ {drawn} }}")
    entities = _count(built_store.path, """SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {
        VALUES ?c { ckg:Person ckg:State ckg:ArmedForce ckg:ArmedGroup ckg:Organization ckg:Place } ?x a ?c }""")
    roles = _count(built_store.path, """SELECT (COUNT(DISTINCT *) AS ?n) WHERE {
        SELECT DISTINCT ?e ?x WHERE { ?e ?p ?x . %s
        FILTER(?p IN (%s)) } }""" % (drawn, ", ".join(f"<{p}>" for p in ROLE_PROPERTIES.values())))
    kinds = [k for _, k in g.nodes(data="kind")]
    assert kinds.count(EVENT) == events
    assert kinds.count(ACTOR) + kinds.count(PLACE) == entities
    assert g.number_of_edges() == roles
    for a, b, role in g.edges(data="role"):
        assert g.nodes[a]["kind"] == EVENT and g.nodes[b]["kind"] != EVENT
        assert set(role.split(", ")) <= set(ROLE_PROPERTIES)
    if level == "reports":
        assert events == 20 and {d["level"] for _, d in g.nodes(data=True) if d["kind"] == EVENT} == {"report"}
    else:  # the seed tells some events twice (headline, lead, a later paragraph): fewer incidents
        reports = _count(built_store.path, "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e ckg:reportedIn ?d }")
        assert 0 < events < reports == 20
        assert sum(d.get("reports", 1) for _, d in g.nodes(data=True) if d["kind"] == EVENT) <= 20


def test_capture_of_qayara_has_roles_evidence_and_source(seed_graph):
    base = _by_label(seed_graph, "Qayara air base")
    captures = [e for e in seed_graph.predecessors(base) if seed_graph.nodes[e]["cls"] == "Capture"]
    assert len(captures) == 1
    e = captures[0]
    roles = {seed_graph.edges[e, x]["role"]: seed_graph.nodes[x]["label"] for x in seed_graph.successors(e)}
    assert roles == {"place": "Qayara air base", "captor": "Iraqi forces", "former": "Islamic State",
                     "supporter": "United States"}
    data = seed_graph.nodes[e]
    assert data["date"] == "2016-07-09" and data["modality"] == "asserted"
    assert "recaptured by Iraqi forces" in data["evidence"]
    assert data["source"] == SEED_TITLE and data["publisher"] == "The Christian Science Monitor"
    assert data["label"] == "Capture Qayara air base 2016-07-09"


def test_every_event_carries_evidence_and_source(seed_graph):
    for n, d in seed_graph.nodes(data=True):
        if d["kind"] == EVENT:
            assert d["evidence"] and d["source"] == SEED_TITLE and d["doc"]


def test_find_entity_by_iri_label_alias(seed_graph):
    carter = _by_label(seed_graph, "Ash Carter")
    assert find_entity(seed_graph, carter) == carter
    assert find_entity(seed_graph, f"<{carter}>") == carter
    assert find_entity(seed_graph, "ash carter") == carter
    assert "Carter" in seed_graph.nodes[carter]["aliases"].split("; ")
    assert find_entity(seed_graph, "Carter") == carter
    with pytest.raises(NetworkError, match="unknown actor 'Nobody Atall'"):
        find_entity(seed_graph, "Nobody Atall")
    with pytest.raises(NetworkError, match="unknown actor"):  # a place is not an actor
        find_entity(seed_graph, "Mosul")
    assert seed_graph.nodes[find_entity(seed_graph, "Mosul", kinds=(PLACE,), what="place")]["cls"] == "Place"


def test_date_bounds_and_periods():
    assert date_bounds("2016") == (dt.date(2016, 1, 1), dt.date(2016, 12, 31))
    assert date_bounds("2016-02") == (dt.date(2016, 2, 1), dt.date(2016, 2, 29))
    assert date_bounds("2015-12") == (dt.date(2015, 12, 1), dt.date(2015, 12, 31))
    assert parse_period("2016", "2016-06").end == dt.date(2016, 6, 30)
    for bad in ("2016-13", "July 2016", "2016-02-30", "16"):
        with pytest.raises(NetworkError, match="bad --from"):
            parse_period(bad, None)
    with pytest.raises(NetworkError, match="after --to"):
        parse_period("2016-07", "2016-06")


def test_in_period_keeps_overlapping_events(seed_graph):
    june = in_period(seed_graph, parse_period("2016-06", "2016-06"))
    dates = sorted(d["date"] for _, d in june.nodes(data=True) if d["kind"] == EVENT)
    # Fallujah (2016-06) lies inside; the deployment dated only "2016" overlaps June; Ramadi
    # (2015-12) and everything in July (2016-07, 2016-07-09, 2016-07-11) do not.
    assert dates == ["2016", "2016-06"]
    labels = {d["label"] for _, d in june.nodes(data=True)}
    assert {"Fallujah", "Iraqi forces", "Islamic State", "Qayara air base", "United States"} <= labels
    assert "Ramadi" not in labels and "Ash Carter" not in labels


def test_ego_hops(seed_graph):
    carter = _by_label(seed_graph, "Ash Carter")
    one = ego(seed_graph, carter, 1)
    labels = {d["label"] for _, d in one.nodes(data=True)}
    assert {"Haider al-Abadi", "Khaled al-Obeidi", "Baghdad", "US forces", "Iraqi forces"} <= labels
    # Islamic State shares no event with Carter: it is two actor steps away (via Iraqi forces).
    assert "Islamic State" not in labels
    assert "Islamic State" in {d["label"] for _, d in ego(seed_graph, carter, 2).nodes(data=True)}
    assert all(carter in nx.node_connected_component(one.to_undirected(), n) for n in one)


def test_choose_construct_and_canned_query(seed_graph, built_store):
    with KGStore.open(built_store.path, read_only=True) as store:
        construct = choose(store, seed_graph, SubgraphSpec(
            construct="CONSTRUCT { ?e ckg:captor ?a } WHERE { ?e ckg:captor ?a }"), REPO / "queries")
        captures = choose(store, seed_graph, SubgraphSpec(query="captures"), REPO / "queries")
        with pytest.raises(NetworkError, match="CONSTRUCT"):
            choose(store, seed_graph, SubgraphSpec(construct="SELECT * WHERE { ?s ?p ?o }"), REPO / "queries")
        with pytest.raises(NetworkError, match="empty"):
            choose(store, seed_graph, SubgraphSpec(start="1990", end="1991"), REPO / "queries")
    # CONSTRUCT: exactly the captors and their captures, joined only by captor edges.
    assert {d["cls"] for _, d in construct.nodes(data=True) if d["kind"] == EVENT} == {"Capture"}
    assert {r for *_, r in construct.edges(data="role")} == {"captor"}
    assert sum(1 for _, k in construct.nodes(data="kind") if k == EVENT) == 5
    # The canned SELECT: its five captures with every participant and role.
    events = [n for n, k in captures.nodes(data="kind") if k == EVENT]
    assert len(events) == 5 and all(captures.nodes[e]["cls"] == "Capture" for e in events)
    assert {"place", "captor", "former", "supporter"} == {r for *_, r in captures.edges(data="role")}


# --- incidents (issue 11): two reports of one event are one node by default ------------------

@pytest.fixture(scope="module")
def incident_store(tmp_path_factory, extractor) -> Path:
    from tests.see_helpers import build_incident_store

    return build_incident_store(tmp_path_factory.mktemp("incidents") / "kg-store", extractor)


def test_reports_of_one_event_are_one_incident_node(incident_store):
    with KGStore.open(incident_store, read_only=True) as store:
        inc, rep = load_network(store), load_network(store, "reports")

    def kirkuk(g: nx.DiGraph) -> list[str]:
        return [e for e, k in g.nodes(data="kind") if k == EVENT and g.nodes[e]["label"].startswith("Attack Kirkuk")]

    assert len(kirkuk(inc)) == 1 and len(kirkuk(rep)) == 3
    assert inc.graph["level"] == "incidents" and rep.graph["level"] == "reports"
    assert all(inc.graph["incident_of"][r] == kirkuk(inc)[0] for r in kirkuk(rep))
    # the subgraph options work on incidents: a period, an actor's neighbourhood
    march5 = in_period(inc, parse_period("2017-03-05", "2017-03-05"))
    labels = sorted(march5.nodes[e]["label"] for e, k in march5.nodes(data="kind") if k == EVENT)
    assert labels == ["Attack Kirkuk 2017-03-05", "Attack Mosul 2017-03"]  # a month overlaps the day
    around = ego(inc, find_entity(inc, "Iraqi forces"), 1)
    assert sum(1 for _, k in around.nodes(data="kind") if k == EVENT) == 1
    assert sum(1 for _, k in ego(rep, find_entity(rep, "Iraqi forces"), 1).nodes(data="kind") if k == EVENT) == 3
