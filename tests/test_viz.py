"""`kg viz` pages in real headless Chromium: offline, counts, filters, escaping, a 5,000-node graph."""

from __future__ import annotations

import re
import time
from pathlib import Path

import networkx as nx
import pytest

from kg.see.network import EVENT, in_period, load_network, parse_period
from kg.see.viz import VizOptions, render_html, write_html
from kg.store.core import KGStore
from tests.conftest import Kg
from tests.see_helpers import (
    XSS_NAMES,
    open_page,
    synthetic_network,
    synthetic_store,
    wait_for,
)


@pytest.fixture(scope="module")
def seed_graph(built_store) -> nx.DiGraph:
    with KGStore.open(built_store.path, read_only=True) as store:
        return load_network(store)


@pytest.fixture(scope="module")
def seed_page(tmp_path_factory, cli_runner, built_store) -> Path:
    out = tmp_path_factory.mktemp("viz") / "graph.html"
    result = Kg(cli_runner, built_store.path)("viz", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "wrote" in result.stderr and out.is_file()
    return out


def _visible(page) -> dict[str, int]:
    return page.evaluate("kgView.visibleCounts()")


def _expected_after(g: nx.DiGraph, events: list[str]) -> tuple[int, int]:
    """Nodes and edges drawn when only ``events`` pass the filters: them, their participants,
    and the edges among those."""
    keep = set(events) | {x for e in events for x in g.successors(e)}
    return len(keep), g.subgraph(keep).number_of_edges()


def test_page_references_no_url(seed_page):
    html = seed_page.read_text(encoding="utf-8")
    assert "http://" not in html and "https://" not in html  # IRIs and vis's own strings escaped
    assert not re.search(r"""(src|href)\s*=\s*["']?(?!data:)[a-z]+:""", html, re.I)
    assert "sourceMappingURL" not in html


def test_page_loads_offline_with_matching_counts(browser, seed_page, seed_graph, artifacts_dir):
    context, page, log = open_page(browser, seed_page)
    try:
        assert log["console"] == []
        assert log["requests"] == [seed_page.resolve().as_uri()]
        drawn = page.evaluate("[kgView.nodes.length, kgView.edges.length]")
        assert drawn == [seed_graph.number_of_nodes(), seed_graph.number_of_edges()]
        assert _visible(page) == {"nodes": seed_graph.number_of_nodes(), "edges": seed_graph.number_of_edges()}
        # vis placed every node (the network object, not only the DataSet)
        positions = page.evaluate("Object.keys(kgView.network.getPositions()).length")
        assert positions == seed_graph.number_of_nodes()
        legend = page.inner_text("#kg-legend")
        assert "Capture (event, 5)" in legend and "Person (actor," in legend
        # physics stopped after the bounded stabilisation
        assert page.evaluate("kgView.network.physics.options.enabled") is False
        page.screenshot(path=str(artifacts_dir / "viz-seed.png"))
    finally:
        context.close()


def test_filters_change_what_is_drawn(browser, seed_page, seed_graph, artifacts_dir):
    context, page, log = open_page(browser, seed_page)
    try:
        events = [n for n, k in seed_graph.nodes(data="kind") if k == EVENT]
        page.uncheck("input.kg-type[value=Statement]")
        not_statements = [e for e in events if seed_graph.nodes[e]["cls"] != "Statement"]
        nodes, edges = _expected_after(seed_graph, not_statements)
        assert _visible(page) == {"nodes": nodes, "edges": edges}
        assert nodes < seed_graph.number_of_nodes()
        page.click("#kg-reset")
        assert _visible(page)["nodes"] == seed_graph.number_of_nodes()

        page.fill("#kg-from", "2016-07")
        page.fill("#kg-to", "2016-07-10")
        page.press("#kg-to", "Enter")
        page.dispatch_event("#kg-from", "change")
        in_july = in_period(seed_graph, parse_period("2016-07", "2016-07-10"))  # same rule in Python
        july_events = [n for n, k in in_july.nodes(data="kind") if k == EVENT]
        assert _visible(page) == dict(zip(("nodes", "edges"), _expected_after(seed_graph, july_events)))
        page.screenshot(path=str(artifacts_dir / "viz-seed-july.png"))
        page.click("#kg-reset")

        page.fill("#kg-actor", "Ash Carter")
        page.dispatch_event("#kg-actor", "change")
        carter = next(n for n, d in seed_graph.nodes(data=True) if d.get("label") == "Ash Carter")
        carters = [e for e in events if carter in seed_graph.successors(e)]
        assert _visible(page) == dict(zip(("nodes", "edges"), _expected_after(seed_graph, carters)))
        page.fill("#kg-actor", "Nobody")
        page.dispatch_event("#kg-actor", "change")
        assert "No actor" in page.inner_text("#kg-filter-error")
        assert log["console"] == []
    finally:
        context.close()


def test_search_and_tooltip_show_facts(browser, seed_page):
    context, page, _ = open_page(browser, seed_page)
    try:
        page.fill("#kg-search", "Qayara air base")
        page.click("#kg-search-form button")
        assert "1 match" in page.inner_text("#kg-search-result")
        selected = page.evaluate("kgView.network.getSelectedNodes()")
        assert len(selected) == 1 and selected[0].endswith("geonames-99003")
        details = page.inner_text("#kg-details")
        assert "Qayara air base" in details and "captor: Iraqi forces" not in details  # a place lists events
        # hover the Qayara capture: the tooltip has its roles, evidence sentence and source
        event = page.evaluate("""kgView.nodes.get().find(n => n.label === 'Capture Qayara air base 2016-07-09').id""")
        x, y = page.evaluate(f"""(() => {{ const p = kgView.network.getPositions([{event!r}])[{event!r}];
            const d = kgView.network.canvasToDOM(p); const r = document.getElementById('kg-network').getBoundingClientRect();
            return [d.x + r.left, d.y + r.top]; }})()""")
        page.mouse.move(x, y)
        wait_for(page, "!document.getElementById('kg-tooltip').hidden", 10)
        tip = page.inner_text("#kg-tooltip")
        assert "captor: Iraqi forces" in tip and "supporter: United States" in tip
        assert "recaptured by Iraqi forces with US military support" in tip
        assert "US to deploy 560 more troops to Iraq to help seize Mosul" in tip
    finally:
        context.close()


def test_article_text_stays_text(browser, tmp_path, cli_runner, artifacts_dir):
    store, _ = synthetic_store(tmp_path / "store", 60, names=XSS_NAMES, events_per_doc=20)
    store.close()
    out = tmp_path / "xss.html"
    assert Kg(cli_runner, tmp_path / "store")("viz", "-o", str(out)).exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert "<img src=x" not in html and "<script>alert" not in html
    context, page, log = open_page(browser, out)
    try:
        for name in XSS_NAMES:
            page.fill("#kg-search", name)
            page.click("#kg-search-form button")
            assert name in page.inner_text("#kg-details")  # shown as the literal text
            node = page.evaluate("kgView.network.getSelectedNodes()[0]")
            x, y = page.evaluate(f"""(() => {{ const d = kgView.network.canvasToDOM(
                kgView.network.getPositions([{node!r}])[{node!r}]);
                const r = document.getElementById('kg-network').getBoundingClientRect();
                return [d.x + r.left, d.y + r.top]; }})()""")
            page.mouse.move(x, y)
            wait_for(page, "!document.getElementById('kg-tooltip').hidden", 10)
            assert name in page.inner_text("#kg-tooltip")
        time.sleep(0.3)
        assert log["dialogs"] == []
        assert page.evaluate("document.querySelectorAll('img').length") == 0
        assert page.evaluate("document.scripts.length") == 3  # data, vis-network, the page's own
        assert log["console"] == [] and len(log["requests"]) == 1
        page.screenshot(path=str(artifacts_dir / "viz-xss.png"))
    finally:
        context.close()


def test_5000_nodes_open_and_respond(browser, tmp_path, artifacts_dir):
    g = synthetic_network(5000)
    out = tmp_path / "big.html"
    write_html(g, out, VizOptions(title="5,000 nodes"))
    started = time.monotonic()
    context, page, log = open_page(browser, out, timeout_s=60)
    try:
        opened = time.monotonic() - started
        assert opened < 60
        assert page.evaluate("[kgView.nodes.length, kgView.edges.length]") == [5000, g.number_of_edges()]
        assert page.evaluate("kgView.physics") is False  # precomputed layout above 1,000 nodes
        node = page.evaluate("kgView.nodes.get()[0].id")
        box = page.evaluate("(() => { const r = document.getElementById('kg-network').getBoundingClientRect();"
                            " return [r.left, r.top, r.width, r.height]; })()")
        page.evaluate(f"kgView.network.moveTo({{position: kgView.network.getPositions([{node!r}])[{node!r}],"
                      " scale: 1.0, animation: false})")
        cx, cy = box[0] + box[2] / 2, box[1] + box[3] / 2
        before = page.evaluate(f"kgView.network.getPositions([{node!r}])[{node!r}]")
        t0 = time.monotonic()
        page.mouse.move(cx, cy)
        page.mouse.down()
        page.mouse.move(cx + 60, cy + 40, steps=5)
        page.mouse.up()
        after = page.evaluate(f"kgView.network.getPositions([{node!r}])[{node!r}]")
        assert (after["x"], after["y"]) != (before["x"], before["y"])  # the node (or the view) moved
        scale = page.evaluate("kgView.network.getScale()")
        page.mouse.wheel(0, -400)
        wait_for(page, f"kgView.network.getScale() > {scale}", 10)
        assert time.monotonic() - t0 < 20
        page.uncheck("input.kg-type[value=Meeting]")
        assert page.evaluate("kgView.visibleCounts().nodes") < 5000
        assert log["console"] == []
        page.screenshot(path=str(artifacts_dir / "viz-5000.png"))
    finally:
        context.close()


def test_render_rejects_an_unknown_size():
    with pytest.raises(ValueError, match="unknown --size"):
        render_html(nx.DiGraph(), VizOptions(size_by="pagerank"))


# --- incidents (issue 11) ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def incident_store(tmp_path_factory, extractor) -> Path:
    from tests.see_helpers import build_incident_store

    return build_incident_store(tmp_path_factory.mktemp("incidents") / "kg-store", extractor)


def test_page_draws_one_node_per_incident(browser, cli_runner, incident_store, tmp_path):
    """Three reports of one bombing: one event node by default, three with --reports."""
    with KGStore.open(incident_store, read_only=True) as store:
        graphs = {"incidents": load_network(store), "reports": load_network(store, "reports")}
    drawn = {}
    for level, extra in (("incidents", ()), ("reports", ("--reports",))):
        out = tmp_path / f"{level}.html"
        result = Kg(cli_runner, incident_store)("viz", "-o", str(out), *extra)
        assert result.exit_code == 0, result.output
        context, page, log = open_page(browser, out)
        try:
            assert log["console"] == []
            g = graphs[level]
            assert _visible(page) == {"nodes": g.number_of_nodes(), "edges": g.number_of_edges()}
            drawn[level] = page.evaluate(
                "JSON.parse(document.getElementById('kg-data').textContent).nodes"
                ".filter(n => n.kind === 'event' && n.label.startsWith('Attack Kirkuk')).length")
            assert page.evaluate("kgView.nodes.length") == g.number_of_nodes()
            if level == "incidents":
                facts = page.evaluate("Object.fromEntries(JSON.parse(document.getElementById('kg-data')"
                                      ".textContent).nodes.find(n => n.label.startsWith('Attack Kirkuk')).facts)")
                assert facts["drawn as"] == "incident" and facts["independent sources"] == "3"
                assert facts["figures disputed"] == "yes" and "disputed" in facts["quantities"]
        finally:
            context.close()
    assert drawn == {"incidents": 1, "reports": 3}
