"""The map, timeline and actor-network views (kg.see.views_data, ``kg viz --view``, ``/views``).

The relation rules on a small graph; then the pages in real headless Chromium: the file
``kg viz --view map`` writes, and ``/views`` of a real ``kg serve`` on the seed plus a hostile
report whose names are HTML. Checks: no request leaves the file or the server, the map draws
one point per row of an independent SPARQL query, the type, actor and period (brush) filters
change map and network together, a click shows the event's sentence and source as text.
Screenshots go to out/test-artifacts/ (the docs' own come from scripts/view_screenshots.py).
"""

from __future__ import annotations

import shutil
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
from server_helpers import IMG_NAME, SCRIPT_NAME, KgServe, hostile_facts

from kg.models import Entity, Geo, Mention
from kg.see import views_data
from tests.conftest import Kg
from tests.see_helpers import wait_for

EVENT_TYPES = "ckg:Attack ckg:Capture ckg:Deployment ckg:Meeting ckg:Statement ckg:Visit"
#: events with a participant in a map role that has a WKT point (kg/data/views.yaml map_roles);
#: by default an event is an incident, or a report that belongs to no incident (kg.fuse)
POINTS_QUERY = f"""PREFIX geo: <http://www.opengis.net/ont/geosparql#>
SELECT ?type (COUNT(DISTINCT ?e) AS ?n) WHERE {{
  VALUES ?type {{ {EVENT_TYPES} }}
  ?e a ?type .
  FILTER NOT EXISTS {{ ?i a ckg:Incident ; ckg:report ?e }}
  FILTER EXISTS {{ VALUES ?p {{ ckg:location ckg:place ckg:destination ckg:target ckg:origin }}
                  ?e ?p ?x . ?x geo:hasGeometry/geo:asWKT ?w }}
}} GROUP BY ?type"""


# --- the relation rules ----------------------------------------------------------------------

def _graph() -> nx.DiGraph:
    g = nx.DiGraph()
    for iri, cls in (("a:is", "ArmedGroup"), ("a:iq", "ArmedForce"), ("a:us", "State"),
                     ("a:carter", "Person"), ("a:abadi", "Person")):
        g.add_node(iri, kind="actor", cls=cls, label=iri[2:])
    g.add_node("p:mosul", kind="place", cls="Place", label="Mosul", lat=36.34, lon=43.13)
    g.nodes["a:us"].update(lat=39.8, lon=-98.6)
    events = {
        "e:attack": ("Attack", "2016-07-01", {"a:is": "perpetrator", "a:iq": "target", "p:mosul": "location"},
                     "fatalities: about 300"),
        "e:capture": ("Capture", "2016-07", {"a:iq": "captor", "a:is": "former", "a:us": "supporter"}, ""),
        "e:meeting": ("Meeting", "2016", {"a:carter": "participants", "a:abadi": "participants"}, ""),
        "e:deploy": ("Deployment", "", {"a:us": "agent", "p:mosul": "destination"}, "troops: 560"),
    }
    for iri, (cls, date, roles, quantities) in events.items():
        g.add_node(iri, kind="event", cls=cls, date=date, quantities=quantities, label=cls)
        for x, role in roles.items():
            g.add_edge(iri, x, role=role)
    return g


def test_relations_points_and_sizes_from_the_rules() -> None:
    data = views_data.build(_graph())
    by = {e["iri"]: e for e in data["events"]}
    names = [a["label"] for a in data["actors"]]

    def links(e: str) -> set[tuple[str, str, str]]:
        return {(names[a], names[b], rel) for a, b, rel in by[e]["links"]}

    assert links("e:attack") == {("is", "iq", "fought")}
    assert links("e:capture") == {("iq", "is", "fought"), ("us", "iq", "supported"),
                                  ("is", "us", "co-participated")}
    assert links("e:meeting") == {("abadi", "carter", "met")}  # symmetric: one edge, sorted
    assert by["e:attack"]["lat"] == 36.34 and by["e:attack"]["size"] == 300.0
    assert by["e:deploy"]["place"] == "Mosul" and by["e:deploy"]["sizeKind"] == "troops"
    assert "lat" not in by["e:meeting"]  # no participant with coordinates: no point
    assert all(isinstance(a["x"], float) for a in data["actors"])


# --- kg viz --view map -----------------------------------------------------------------------

def _open(browser, url: str, viewport=(1500, 950)):
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    page = context.new_page()
    log: dict[str, list[str]] = {"console": [], "hosts": [], "dialogs": []}
    page.on("console", lambda m: log["console"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: log["console"].append(str(e)))
    page.on("request", lambda r: log["hosts"].append(urllib.parse.urlsplit(r.url).hostname or r.url.split(":", 1)[0]))
    page.on("dialog", lambda d: (log["dialogs"].append(d.message), d.dismiss()))
    page.goto(url)
    wait_for(page, "!!(window.kgViews && window.kgViews.ready)", 30)
    return context, page, log


def _shot(page, name: str, artifacts_dir: Path) -> None:
    page.screenshot(path=str(artifacts_dir / name))  # docs/img/ comes from scripts/view_screenshots.py


def _expected_points(kg_or_server, via_server: bool = False) -> dict[str, int]:
    if via_server:
        data = kg_or_server.query(POINTS_QUERY).json()
        return {b["type"]["value"].rsplit("#", 1)[1]: int(b["n"]["value"]) for b in data["results"]["bindings"]}
    from kg.store.core import KGStore

    with KGStore.open(kg_or_server, read_only=True) as store:
        return {str(r[0]).rsplit("#", 1)[1]: int(r[1]) for r in store.query(POINTS_QUERY).rows}


def test_kg_viz_map_file_offline(browser, cli_runner, built_store, tmp_path, artifacts_dir) -> None:
    out = tmp_path / "map.html"
    result = Kg(cli_runner, built_store.path)("viz", "--view", "map", "-o", str(out))
    assert result.exit_code == 0, result.output
    expected = _expected_points(built_store.path)
    assert f"{sum(expected.values())} on the map" in result.stderr
    # --reports: every article's report is a point, as before fusion
    reports = Kg(cli_runner, built_store.path)("viz", "--view", "map", "--reports", "-o", str(tmp_path / "r.html"))
    assert reports.exit_code == 0, reports.output
    report_points = POINTS_QUERY.replace("FILTER NOT EXISTS { ?i a ckg:Incident ; ckg:report ?e }",
                                         "?e ckg:reportedIn ?doc .")
    assert report_points != POINTS_QUERY
    from kg.store.core import KGStore

    with KGStore.open(built_store.path, read_only=True) as store:
        n_reports = sum(int(r[1]) for r in store.query(report_points).rows)
    assert f"{n_reports} on the map" in reports.stderr and n_reports >= sum(expected.values())
    drawn = [int(r.stderr.split(" events,")[0].rsplit("(", 1)[1]) for r in (result, reports)]
    assert drawn[0] < drawn[1] == 20  # the seed's 20 reports tell fewer incidents
    html = out.read_text(encoding="utf-8")
    assert "://" not in html  # no URL a browser could load
    context, page, log = _open(browser, out.as_uri())
    try:
        counts = page.evaluate("kgViews.counts()")
        assert counts["points"] == sum(expected.values()) > 5
        assert page.evaluate("document.body.className") == "kv-view-map"
        page.uncheck("#kv-types input[data-type='Capture']")
        assert page.evaluate("kgViews.counts()")["points"] == sum(expected.values()) - expected["Capture"]
        _shot(page, "view-map.png", artifacts_dir)
    finally:
        context.close()
    assert log["console"] == [] and log["dialogs"] == []
    assert set(log["hosts"]) <= {"file"}, log["hosts"]
    # the actor network alone: no map library in the file, the network drawn
    actors = tmp_path / "actors.html"
    result = Kg(cli_runner, built_store.path)("viz", "--view", "actors", "-o", str(actors))
    assert result.exit_code == 0, result.output
    assert "L.circleMarker=" not in actors.read_text(encoding="utf-8") and "Leaflet 1.9" not in actors.read_text(encoding="utf-8")
    context, page, log = _open(browser, actors.as_uri())
    try:
        counts = page.evaluate("kgViews.counts()")
        assert counts["points"] == 0 and counts["actors"] >= 5 and counts["edges"] >= 5
        page.uncheck("#kv-types input[data-type='Capture']")
        assert page.evaluate("kgViews.counts()")["edges"] < counts["edges"]
    finally:
        context.close()
    assert log["console"] == [] and set(log["hosts"]) <= {"file"}
    bad = Kg(cli_runner, built_store.path)("viz", "--view", "globe", "-o", str(out))
    assert bad.exit_code != 0 and "unknown --view 'globe'" in bad.output


# --- /views of kg serve ----------------------------------------------------------------------

def _load_hostile_with_a_place(store: Path) -> None:
    """The hostile report, its village given coordinates and a second armed group as target,
    so its names reach the map, the network and the details panel."""
    from kg.graph.mapping import facts_to_graph
    from kg.store.core import KGStore

    facts = hostile_facts()
    village = next(e for e in facts.entities if e.id == "E2")
    village.geo = Geo(34.5, 43.5)
    start = facts.text.index("four guards") + len("four ")
    facts.entities.append(Entity(id="E3", type="ArmedGroup", name=f"{IMG_NAME} guards",
                                 mentions=[Mention(start, start + 6, "guards", 1)]))
    facts.events[0].roles["target"] = ["E3"]
    graph_iri, graph = facts_to_graph(facts)
    with KGStore.open(store) as s:
        s.replace_graph(graph_iri, graph)


@pytest.fixture(scope="module")
def server(built_store, tmp_path_factory) -> Iterator[KgServe]:
    store = tmp_path_factory.mktemp("views") / "store"
    shutil.copytree(built_store.path, store)
    _load_hostile_with_a_place(store)
    with KgServe(store) as s:
        yield s


def _click_point(page, lat: float, lon: float) -> None:
    box = page.locator("#kv-map").bounding_box()
    pt = page.evaluate("([a, b]) => { const p = kgViews.map.map.latLngToContainerPoint([a, b]); return [p.x, p.y]; }",
                       [lat, lon])
    page.mouse.click(box["x"] + pt[0], box["y"] + pt[1])


def test_views_page_of_kg_serve(browser, server, artifacts_dir) -> None:
    expected = _expected_points(server, via_server=True)
    context, page, log = _open(browser, server.base + "/views")
    try:
        counts = page.evaluate("kgViews.counts()")
        assert counts["points"] == sum(expected.values())
        assert counts["edges"] > 5 and counts["actors"] > 5
        _shot(page, "view-all.png", artifacts_dir)

        # the hostile event: an actor filter, then a click on its point
        page.fill("#kv-actor", SCRIPT_NAME)
        page.dispatch_event("#kv-actor", "change")
        counts = page.evaluate("kgViews.counts()")
        assert counts["events"] == 1 and counts["points"] == 1 and counts["edges"] == 1
        _click_point(page, 34.5, 43.5)
        details = page.locator("#kv-details")
        details.locator(".kv-sentence").wait_for()
        assert SCRIPT_NAME in details.locator(".kv-sentence").inner_text()
        assert details.locator(".kv-source").inner_text().startswith(f"Raid on {IMG_NAME}")
        assert IMG_NAME + " guards (target)" in details.locator(".kv-actors").inner_text()
        assert page.locator("#kv-details img, #kv-details script").count() == 0
        link = details.locator(".kv-actors a").first.get_attribute("href")
        assert link.startswith("/id/group/")
        page.click("#kv-reset")

        # a place: its events only, on map and timeline
        page.fill("#kv-place", "Baghdad")
        page.dispatch_event("#kv-place", "change")
        baghdad = page.evaluate("kgViews.data.events.filter(e => e.placeSet.has('Baghdad')).length")
        assert page.evaluate("kgViews.counts()")["events"] == baghdad >= 2
        bars = page.evaluate("[...document.querySelectorAll('#kv-timeline rect[data-count]')]"
                             ".reduce((n, r) => n + Number(r.dataset.count), 0)")
        assert 0 < bars <= baghdad  # (events dated only to the year have no bar)
        page.click("#kv-reset")

        # the brush: a drag over the timeline picks a period; map and network follow
        before = page.evaluate("kgViews.counts()")
        svg = page.locator("#kv-timeline svg").bounding_box()
        page.mouse.move(svg["x"] + svg["width"] - 12, svg["y"] + svg["height"] / 2)
        page.mouse.down()
        page.mouse.move(svg["x"] + svg["width"] - 4, svg["y"] + svg["height"] / 2, steps=3)
        page.mouse.up()
        state = page.evaluate("[kgViews.state.from, kgViews.state.to]")
        assert state[0] is not None and state[1] is not None
        after = page.evaluate("kgViews.counts()")
        assert after["events"] < before["events"] and after["points"] <= before["points"]
        assert page.locator("#kv-from").input_value() != ""
        page.click("#kv-brush-clear")
        assert page.evaluate("kgViews.counts()") == before

        page.click("#kv-tabs button[data-view='actors']")
        _shot(page, "view-actors.png", artifacts_dir)
        page.click("#kv-tabs button[data-view='map']")
        _shot(page, "view-timeline-map.png", artifacts_dir)
        page.fill("#kv-from", "not a date")
        page.dispatch_event("#kv-from", "change")
        assert "YYYY" in page.locator("#kv-filter-error").inner_text()
    finally:
        context.close()
    assert log["console"] == [] and log["dialogs"] == [], log
    assert set(log["hosts"]) == {"127.0.0.1"}, log["hosts"]
    # an entity page links its events on the views, filtered to it
    entity = server.get("/id/person/ash-carter", accept="text/html").text
    assert 'href="/views?actor=Ash%20Carter"' in entity
    context, page, log = _open(browser, server.base + "/views?actor=Ash%20Carter&view=actors")
    try:
        counts = page.evaluate("kgViews.counts()")
        carter = page.evaluate("kgViews.data.events.filter(e => e.actors.some(a => "
                               "kgViews.data.actors[a[0]].label === 'Ash Carter')).length")
        assert counts["events"] == carter > 3 and page.locator("#kv-actor").input_value() == "Ash Carter"
    finally:
        context.close()
    assert log["console"] == [] and set(log["hosts"]) == {"127.0.0.1"}
    r = server.get("/views?view=globe")
    assert r.status == 400 and "globe" in r.json()["message"]


# --- incidents (issue 11) ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def incident_store(tmp_path_factory, extractor) -> Path:
    from tests.see_helpers import build_incident_store

    return build_incident_store(tmp_path_factory.mktemp("incidents") / "kg-store", extractor)


def test_map_and_timeline_draw_one_point_per_incident(browser, cli_runner, incident_store, tmp_path) -> None:
    """Three reports of one bombing in Kirkuk: one point by default, three with --reports;
    the point's details say how many sources and that the figures are disputed."""
    points = {}
    for level, extra in (("incidents", ()), ("reports", ("--reports",))):
        out = tmp_path / f"{level}.html"
        result = Kg(cli_runner, incident_store)("viz", "--view", "all", "-o", str(out), *extra)
        assert result.exit_code == 0, result.output
        context, page, log = _open(browser, out.as_uri())
        try:
            points[level] = page.evaluate("kgViews.counts()")["points"]
            if level == "incidents":
                _click_point(page, 35.46806, 44.39222)  # Kirkuk (GeoNames 94787)
                details = page.locator("#kv-details")
                details.locator(".kv-sentence").wait_for()
                text = details.inner_text()
                assert "3 independent sources, 3 reports · figures disputed" in text
                assert "Outlet A" in text and "Kirkuk blast toll rises to 20" in text
        finally:
            context.close()
        assert log["console"] == [] and set(log["hosts"]) <= {"file"}
    assert points["reports"] == points["incidents"] + 2  # Kirkuk: one incident, three reports
