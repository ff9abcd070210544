"""Incidents in the network, the views, the analytics and the web pages (issue 11, item 5).

A small invented store (tests/see_helpers.py INCIDENT_ARTICLES): three outlets tell one car
bombing in Kirkuk (12, 20 and 14 dead: disputed), built with fusion on, so the store holds one
Kirkuk incident of three reports, a Basra incident of one, and a hypothetical report (a threat
against Mosul) that belongs to no incident. By default `kg viz`, `kg analyze`, the map and the
timeline draw one event node for the Kirkuk bombing; with `--reports` three. The web page's
entity and incident pages list the incident with its three reports and their sentences.
"""

from __future__ import annotations

import json
import re
import shutil
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
from server_helpers import IMG_NAME, SCRIPT_NAME, KgServe, load_hostile

from kg.see import analyze as an
from kg.see import views_data
from kg.see.network import EVENT, INCIDENTS, REPORTS, NetworkError, find_entity, load_network
from kg.see.subgraph import SubgraphSpec, choose
from kg.store.core import KGStore
from tests.conftest import Kg
from tests.see_helpers import KIRKUK_SENTENCES, build_incident_store

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def store_path(tmp_path_factory, extractor) -> Path:
    return build_incident_store(tmp_path_factory.mktemp("incidents") / "kg-store", extractor)


@pytest.fixture(scope="module")
def graphs(store_path) -> dict[str, nx.DiGraph]:
    with KGStore.open(store_path, read_only=True) as store:
        return {level: load_network(store, level) for level in (INCIDENTS, REPORTS)}


@pytest.fixture
def kg(cli_runner, store_path) -> Kg:
    return Kg(cli_runner, store_path)


def _events(g: nx.DiGraph, place: str) -> list[str]:
    """Event nodes with ``place`` among their participants."""
    return sorted(e for e, k in g.nodes(data="kind") if k == EVENT
                  and place in {g.nodes[x].get("label") for x in g.successors(e)})


def _script_json(html: str, element_id: str) -> dict:
    m = re.search(rf'<script type="application/json" id="{element_id}">(.*?)</script>', html, re.S)
    assert m, element_id
    return json.loads(m.group(1))


# --- the network -------------------------------------------------------------------------------

def test_two_reports_of_one_event_are_one_node_by_default(graphs):
    inc, rep = graphs[INCIDENTS], graphs[REPORTS]
    kirkuk = _events(inc, "Kirkuk")
    assert len(kirkuk) == 1 and len(_events(rep, "Kirkuk")) == 3
    data = inc.nodes[kirkuk[0]]
    assert data["level"] == "incident" and data["cls"] == "Attack" and "/incident/" in data["iri"]
    assert (data["sources"], data["reports"], data["disputed"]) == (3, 3, True)
    assert data["date"] == "2017-03-05" and data["modality"] == "asserted"
    assert data["quantities"] == "fatalities: 14 (12-20, disputed)"
    assert data["documents"].count("; ") == 2 and "Outlet A" in data["publisher"]
    assert any(s in data["evidence"] for s in KIRKUK_SENTENCES) and data["source"]
    roles = {inc.nodes[x]["label"]: inc.edges[kirkuk[0], x]["role"] for x in inc.successors(kirkuk[0])}
    assert roles == {"Islamic State": "perpetrator", "Iraqi forces": "target", "Kirkuk": "location"}
    assert data["label"] == "Attack Kirkuk 2017-03-05"
    # each report keeps its own figure and sentence at the report level
    figures = sorted(rep.nodes[e]["quantities"] for e in _events(rep, "Kirkuk"))
    assert figures == ["fatalities: 12", "fatalities: 14", "fatalities: 20"]
    assert all(rep.nodes[e]["level"] == "report" for e in _events(rep, "Kirkuk"))
    assert not any(d.get("level") == "incident" for _, d in rep.nodes(data=True))


def test_a_report_in_no_incident_is_drawn_as_it_is(graphs):
    inc, rep = graphs[INCIDENTS], graphs[REPORTS]
    mosul = _events(inc, "Mosul")
    assert mosul == _events(rep, "Mosul") and len(mosul) == 1  # hypothetical: fused into nothing
    assert inc.nodes[mosul[0]]["level"] == "report" and inc.nodes[mosul[0]]["modality"] == "hypothetical"
    levels = sorted(d["level"] for _, d in inc.nodes(data=True) if d["kind"] == EVENT)
    assert levels == ["incident", "incident", "report"]
    assert sum(1 for _, k in rep.nodes(data="kind") if k == EVENT) == 5
    with KGStore.open(None) as empty:
        assert load_network(empty).number_of_nodes() == 0  # an empty store: nothing, no error
    with pytest.raises(NetworkError, match="unknown level"):
        load_network(None, "articles")  # type: ignore[arg-type]


def test_a_report_level_query_finds_its_incident(graphs, store_path):
    """`--query attacks` lists reports; on the incident graph they select their incident."""
    with KGStore.open(store_path, read_only=True) as store:
        sub = choose(store, graphs[INCIDENTS], SubgraphSpec(query="attacks"), REPO / "queries")
        construct = choose(store, graphs[INCIDENTS], SubgraphSpec(
            construct="CONSTRUCT { ?e ckg:perpetrator ?a } WHERE { ?e ckg:perpetrator ?a ; ckg:evidence ?x }"),
            REPO / "queries")
    events = [d for _, d in sub.nodes(data=True) if d["kind"] == EVENT]
    assert len(_events(sub, "Kirkuk")) == 1 and {d["level"] for d in events} >= {"incident"}
    assert [d["level"] for _, d in construct.nodes(data=True) if d["kind"] == EVENT].count("incident") == 1
    assert {r for *_, r in construct.edges(data="role")} == {"perpetrator"}


# --- analytics -----------------------------------------------------------------------------------

def test_analytics_count_incidents_by_default(graphs):
    def weight(g: nx.DiGraph) -> int:
        cop = an.coparticipation(g)
        return cop.edges[find_entity(g, "Islamic State"), find_entity(g, "Iraqi forces")]["weight"]

    assert weight(graphs[INCIDENTS]) == 1 and weight(graphs[REPORTS]) == 3
    events = {lvl: {s.label: s.events for s in an.centrality(g)} for lvl, g in graphs.items()}
    assert events[INCIDENTS]["Islamic State"] == 2  # the Kirkuk incident and the Mosul threat
    assert events[REPORTS]["Islamic State"] == 4


def test_analyze_cli_level_options(kg, tmp_path):
    def shared(*extra: str) -> int:
        r = kg("analyze", "coparticipation", "-f", "json", *extra)
        assert r.exit_code == 0, r.output
        return json.loads(r.stdout)[0]["shared_events"]

    assert shared() == 1
    assert shared("--reports") == 3 and shared("--level", "reports") == 3
    assert shared("--level", "incidents") == 1
    r = kg("analyze", "centrality", "--level", "articles")
    assert r.exit_code != 0 and "unknown --level 'articles'" in r.stderr
    out = tmp_path / "g.graphml"
    assert kg("analyze", "export", "-o", str(out)).exit_code == 0
    back = nx.read_graphml(out)
    inc = [d for _, d in back.nodes(data=True) if d.get("level") == "incident"]
    assert len(inc) == 2 and {d["sources"] for d in inc} == {1, 3} and back.graph["level"] == "incidents"
    gexf = tmp_path / "g.gexf"
    assert kg("analyze", "export", "-o", str(gexf), "--reports").exit_code == 0
    assert sum(1 for _, d in nx.read_gexf(gexf).nodes(data=True) if d.get("kind") == "event") == 5


# --- kg viz: the event network, the map and the timeline ------------------------------------------

def test_viz_draws_incidents_by_default(kg, tmp_path):
    pages = {}
    for name, extra in (("incidents", ()), ("reports", ("--reports",)), ("level", ("--level", "reports"))):
        out = tmp_path / f"{name}.html"
        r = kg("viz", "-o", str(out), *extra)
        assert r.exit_code == 0, r.output
        pages[name] = _script_json(out.read_text(encoding="utf-8"), "kg-data")
    by_level = {}
    for name, data in pages.items():
        events = [n for n in data["nodes"] if n["kind"] == EVENT]
        by_level[name] = events
    kirkuk = [n for n in by_level["incidents"] if n["label"].startswith("Attack Kirkuk")]
    assert len(kirkuk) == 1
    facts = dict(kirkuk[0]["facts"])
    assert facts["drawn as"] == "incident" and facts["independent sources"] == "3"
    assert facts["figures disputed"] == "yes" and facts["reports"] == "3"
    assert sum(n["label"].startswith("Attack Kirkuk") for n in by_level["reports"]) == 3
    assert len(by_level["reports"]) == len(by_level["level"]) == 5 and len(by_level["incidents"]) == 3


@pytest.mark.parametrize("view", ["map", "timeline"])
def test_map_and_timeline_follow_the_level(kg, tmp_path, view):
    counts = {}
    for name, extra in (("incidents", ()), ("reports", ("--reports",))):
        out = tmp_path / f"{view}-{name}.html"
        r = kg("viz", "--view", view, "-o", str(out), *extra)
        assert r.exit_code == 0, r.output
        data = _script_json(out.read_text(encoding="utf-8"), "kv-data")
        counts[name] = [e for e in data["events"] if e.get("place") == "Kirkuk"]
    assert len(counts["incidents"]) == 1 and len(counts["reports"]) == 3
    point = counts["incidents"][0]
    assert (point["level"], point["sources"], point["reports"], point["disputed"]) == ("incident", 3, 3, True)
    assert point["size"] == 14.0 and point["date"] == "2017-03-05"
    assert {e["level"] for e in counts["reports"]} == {"report"}


def test_views_data_records(graphs):
    inc = views_data.build(graphs[INCIDENTS])
    rep = views_data.build(graphs[REPORTS])
    assert len(inc["events"]) == 3 and len(rep["events"]) == 5
    assert sum(e["type"] == "Attack" for e in inc["events"]) == 3  # Kirkuk, Basra, Mosul


# --- the web page --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def server(store_path, tmp_path_factory) -> Iterator[KgServe]:
    from kg.fuse.index import fuse_store

    store = tmp_path_factory.mktemp("incident-web") / "store"
    shutil.copytree(store_path, store)
    load_hostile(store)  # a report whose names are HTML, fused below into an incident of its own
    with KGStore.open(store) as s:
        fuse_store(s)
    with KgServe(store) as s:
        yield s


def _incident_iri(server: KgServe, place: str) -> str:
    rows = server.query(f"""SELECT ?i WHERE {{ ?i a ckg:Incident ; ckg:location ?p .
        ?p rdfs:label "{place}" }}""").json()["results"]["bindings"]
    assert len(rows) == 1
    return rows[0]["i"]["value"]


def test_entity_and_incident_pages_over_http(server):
    page = server.get("/id/group/islamic-state", accept="text/html")
    assert page.status == 200
    html = page.text
    section = html[html.index('class="incidents-section"'):html.index('class="timeline-section"')]
    assert "Incidents (1)" in section and section.count('class="incident-card"') == 1
    assert "3 independent sources, 3 reports" in section and "figures disputed" in section
    assert "fatalities</span> 14" in section and "(12–20)" in section
    assert section.count('<li class="report">') == 3
    for title, outlet in (("Car bomb kills 12 in Kirkuk", "Outlet A"), ("Kirkuk blast toll rises to 20", "Outlet B"),
                          ("Checkpoint bombing in Kirkuk", "Outlet C")):
        assert title in section and outlet in section
    for sentence in KIRKUK_SENTENCES:
        assert sentence in section
    assert "as perpetrator" in section
    # the report timeline stays below, the hypothetical Mosul report too
    assert "Reports on a timeline (4)" in html
    iri = _incident_iri(server, "Kirkuk")
    path = "/id/" + iri.split("/id/", 1)[1]
    assert f'href="{path}"' in section
    own = server.get(path, accept="text/html")
    assert own.status == 200 and own.text.count('<li class="report">') == 3
    assert all(s in own.text for s in KIRKUK_SENTENCES) and "Outlet B" in own.text
    assert server.get(path, accept="text/turtle").status == 200
    # a place's page too
    kirkuk = server.get("/id/place/geonames-94787", accept="text/html").text
    assert "Incidents (1)" in kirkuk and kirkuk.count('<li class="report">') == 3 and "as location" in kirkuk
    # a report's page names its incident
    report = re.search(r'href="(/id/event/[^"]+)" class="report-event"', section).group(1)
    assert f'href="{path}"' in server.get(report, accept="text/html").text


def test_views_page_level_over_http(server):
    def kirkuk(level: str = "") -> list[dict]:
        r = server.get("/views?view=map" + (f"&level={level}" if level else ""))
        assert r.status == 200
        return [e for e in _script_json(r.text, "kv-data")["events"] if e.get("place") == "Kirkuk"]

    assert len(kirkuk()) == 1 and len(kirkuk("reports")) == 3 and len(kirkuk("incidents")) == 1
    assert server.get("/views?level=articles").status == 400


def test_incident_pages_in_chromium(browser, server, artifacts_dir):
    context = browser.new_context(viewport={"width": 1300, "height": 1000})
    page = context.new_page()
    errors: list[str] = []
    dialogs: list[str] = []
    hosts: set[str] = set()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("request", lambda r: hosts.add(urllib.parse.urlsplit(r.url).hostname or r.url))
    try:
        page.goto(server.base + "/id/group/islamic-state")
        section = page.locator("section.incidents-section")
        assert section.locator("h2").inner_text() == "Incidents (1)"
        card = section.locator("article.incident-card")
        assert card.count() == 1
        assert card.locator("li.report").count() == 3
        marks = card.locator("blockquote.report-sentence mark.evidence").all_inner_texts()
        assert len(marks) == 3 and all(any(s in m for m in marks) for s in KIRKUK_SENTENCES)
        assert card.locator(".figure.disputed .disputed-mark").inner_text() == "disputed"
        assert "3 independent sources" in card.locator(".sources").inner_text()
        assert sorted(card.locator(".publisher").all_inner_texts()) == ["Outlet A", "Outlet B", "Outlet C"]
        page.screenshot(path=str(artifacts_dir / "web-entity-incidents.png"), full_page=True)
        card.locator("h3 a").first.click()
        page.wait_for_selector("h1.incident")
        assert page.locator("h1.incident").inner_text().startswith("Attack 2017-03-05 in Kirkuk")
        assert page.locator("li.report").count() == 3
        page.screenshot(path=str(artifacts_dir / "web-incident-page.png"), full_page=True)
        # the report link leads to the article with the sentence marked
        page.locator("a.report-doc", has_text="Kirkuk blast toll rises to 20").click()
        page.wait_for_selector("article.article mark#mark")
        assert "killing 20 people" in "".join(page.locator("article.article .evidence").all_inner_texts())
        # hostile names: the village named <img ...> has an incident; its page shows text only
        page.goto(server.base + "/id/" + _incident_iri(server, IMG_NAME).split("/id/", 1)[1])
        page.wait_for_selector("h1.incident")
        assert IMG_NAME in page.locator("h1.incident").inner_text()
        assert SCRIPT_NAME in page.locator("ul.roles").inner_text()
        assert page.locator("article.incident-card img").count() == 0
        assert page.locator("article.incident-card script").count() == 0
    finally:
        context.close()
    assert errors == [] and dialogs == []
    assert hosts <= {"127.0.0.1"}, hosts
