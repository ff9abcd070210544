"""notebooks/02-explore-the-network.ipynb runs top to bottom in a real python3 kernel (nbclient),
from a temporary working folder, building its own store where ``KG_NOTEBOOK_STORE`` says.

Its tables are checked against the same analytics computed here from that store, and its
inline network view is opened in headless Chromium.
"""

from __future__ import annotations

import base64
import html
import re

import pytest

from kg.see import analyze as an
from kg.see.network import load_network
from kg.store.core import KGStore
from tests.conftest import REPO
from tests.see_helpers import wait_for

NOTEBOOK = REPO / "notebooks" / "02-explore-the-network.ipynb"


def outputs(nb, tag: str) -> list:
    cells = [c for c in nb.cells if tag in c.get("metadata", {}).get("tags", [])]
    assert len(cells) == 1, f"one cell tagged {tag!r} expected"
    for out in cells[0].outputs:
        assert out.output_type != "error", out
    return cells[0].outputs


def shown(nb, tag: str) -> str:
    return "\n".join(o.get("text") or o.get("data", {}).get("text/plain", "") for o in outputs(nb, tag))


def rows(text: str) -> list[list[str]]:
    """A DataFrame's text rendering split into cells (index first), header lines dropped."""
    lines = [line for line in text.splitlines() if line.strip()]
    return [re.split(r"\s{2,}", line.strip()) for line in lines[1:]]


def iframe_page(nb, tag: str) -> str:
    [out] = [o for o in outputs(nb, tag) if "text/html" in o.get("data", {})]
    frame = out["data"]["text/html"]
    match = re.search(r'srcdoc="([^"]*)"', frame)
    assert match, frame[:200]
    return html.unescape(match.group(1))


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    work = tmp_path_factory.mktemp("notebook02")
    store = work / "store"
    nb = nbformat.read(NOTEBOOK, as_version=4)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KG_NOTEBOOK_STORE", str(store))
        mp.setenv("PYDEVD_DISABLE_FILE_VALIDATION", "1")
        mp.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
        client = nbclient.NotebookClient(nb, kernel_name="python3", timeout=300,
                                         resources={"metadata": {"path": str(work)}})
        client.execute()
    with KGStore.open(store, read_only=True) as kg:
        g = load_network(kg)
    return nb, store, g


def _drawn_events(store) -> int:
    """Event nodes drawn by default: incidents, and reports in no incident (kg.fuse)."""
    with KGStore.open(store, read_only=True) as kg:
        return int(kg.query("""SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { { ?e a ckg:Incident }
            UNION { ?e ckg:reportedIn ?d FILTER NOT EXISTS { ?i ckg:report ?e } } }""").rows[0][0])


def test_builds_its_own_store(executed):
    nb, store, g = executed
    [[_, documents, failed, entities, events]] = rows(shown(nb, "build"))
    assert (documents, failed) == ("1", "0")
    assert int(events) == 20  # reports; the network draws their incidents
    drawn = _drawn_events(store)
    assert sum(1 for _, k in g.nodes(data="kind") if k == "event") == drawn < 20
    counts = {r[0]: int(r[1]) for r in rows(shown(nb, "network"))}
    assert counts == {"actor": sum(1 for _, k in g.nodes(data="kind") if k == "actor"),
                      "place": sum(1 for _, k in g.nodes(data="kind") if k == "place"),
                      "event": drawn, "edges": g.number_of_edges()}


def test_analytics_tables_agree_with_the_store(executed):
    nb, _, g = executed
    expected = [s for s in an.centrality(g, by="events") if s.events > 0]
    table = rows(shown(nb, "centrality"))[1:]  # the index name line ("rank") comes first
    assert [(int(r[0]), int(r[3])) for r in table] == [(s.rank, s.events) for s in expected]
    assert [r[1] for r in table[:4]] == [s.label for s in expected[:4]]
    found, modularity = an.communities(g)
    assert f"modularity {modularity:.3f}" in shown(nb, "communities")
    path = rows(shown(nb, "path"))
    # a shortest path: several tie at two steps, and which one is picked may change between
    # processes (the notebook's kernel is another one), so check it is one of them
    label = {d.get("label"): n for n, d in g.nodes(data=True) if d.get("kind") != "event"}
    steps = an.shortest_path(g, label["Ash Carter"], label["Islamic State"])
    assert len(path) == len(steps) == 2
    assert path[0][2] == "Ash Carter" and path[-1][-1] == "Islamic State"
    assert path[1][2] in {"Iraqi forces", "United States"}
    control = {r[2]: r for r in rows(shown(nb, "control"))}
    assert control["Qayara air base"][3:] == ["Iraqi forces", "Islamic State", "United States", "asserted"]
    assert control["Mosul"][-1] == "planned"
    assert f"read back {g.number_of_nodes()} nodes, {g.number_of_edges()} edges" in shown(nb, "export")


def test_timeline_plot(executed):
    nb, store, _ = executed
    images = [o for o in outputs(nb, "timeline") if "image/png" in o.get("data", {})]
    assert len(images) == 1
    png = base64.b64decode(images[0]["data"]["image/png"])
    assert png.startswith(b"\x89PNG") and len(png) > 10_000
    [table] = [o["data"]["text/plain"] for o in outputs(nb, "timeline") if o.output_type == "execute_result"]
    per_type = {r[0]: int(r[1]) for r in rows(table)[1:]}
    assert per_type["Capture"] == 5 and sum(per_type.values()) == _drawn_events(store)


def test_inline_views_are_offline_and_draw(executed, browser):
    nb, _, g = executed
    for tag in ("view", "ego"):
        frame_html = [o for o in outputs(nb, tag) if "text/html" in o.get("data", {})][0]["data"]["text/html"]
        assert "://" not in frame_html
    page_html = iframe_page(nb, "view")
    context = browser.new_context()
    requests: list[str] = []
    errors: list[str] = []
    try:
        page = context.new_page()
        page.on("request", lambda r: requests.append(r.url))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.set_content(page_html)
        wait_for(page, "!!(window.kgView && window.kgView.ready && window.kgView.stabilized)", 60)
        assert page.evaluate("[kgView.nodes.length, kgView.edges.length]") == [g.number_of_nodes(),
                                                                              g.number_of_edges()]
        assert errors == [] and [u for u in requests if not u.startswith(("about:", "data:"))] == []
    finally:
        context.close()
