"""The web pages of ``kg serve`` in real headless Chromium (the ``browser`` fixture).

Runs a canned query with a parameter, follows an entity link to its page, sees the evidence
highlighted in the article text, opens the document page and the graph view; checks that no
page logs a console error or asks any host but the server, and that names made of HTML
(``<script>alert(1)</script>``) show as text everywhere.
"""

from __future__ import annotations

import shutil
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from server_helpers import (
    EVENTS_OF_TYPE_RQ,
    IMG_NAME,
    REPO,
    SCRIPT_NAME,
    KgServe,
    load_hostile,
)

HOSTILE_DOC = "raid-on-a-village-0000000001"


@pytest.fixture(scope="module")
def server(built_store, tmp_path_factory) -> Iterator[KgServe]:
    tmp = tmp_path_factory.mktemp("web")
    store = tmp / "store"
    shutil.copytree(built_store.path, store)
    load_hostile(store)
    queries = tmp / "queries"
    queries.mkdir()
    (queries / "events-of-type.rq").write_text(EVENTS_OF_TYPE_RQ, encoding="utf-8")
    shutil.copy(REPO / "queries" / "attacks.rq", queries)
    shutil.copy(REPO / "queries" / "events-in-period.rq", queries)
    with KgServe(store, ["--queries-dir", str(queries)]) as s:
        yield s


@dataclass
class Watch:
    """What a page did: console errors, page errors, dialogs, hosts it asked."""

    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    hosts: set[str] = field(default_factory=set)


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    p = context.new_page()
    watch = Watch()
    p.on("console", lambda m: watch.errors.append(m.text) if m.type == "error" else None)
    p.on("pageerror", lambda e: watch.errors.append(str(e)))
    p.on("dialog", lambda d: (watch.dialogs.append(d.message), d.dismiss()))
    p.on("request", lambda r: watch.hosts.add(urllib.parse.urlsplit(r.url).hostname or r.url))
    p.watch = watch
    yield p
    context.close()
    assert watch.errors == [], watch.errors
    assert watch.dialogs == [], watch.dialogs
    assert watch.hosts <= {"127.0.0.1"}, watch.hosts


def test_canned_query_entity_page_evidence(page, server, artifacts_dir) -> None:
    page.goto(server.base + "/")
    page.click("button.canned-item[data-name='events-of-type']")
    field_ = page.locator("#param-typeName")
    assert field_.input_value() == "Capture"  # the declared default
    field_.fill("Attack")
    page.click("#run-canned")
    page.wait_for_selector("#results tbody tr")
    rows = page.locator("#results tbody tr")
    assert rows.count() >= 2
    assert page.locator("#status").inner_text().startswith(f"{rows.count()} row")
    header = page.locator("#results thead th").all_inner_texts()
    assert header[:3] == ["event", "place", "placeLabel"]
    assert all("attack-" in t for t in page.locator("#results tbody tr td:first-child a").all_inner_texts())
    page.screenshot(path=str(artifacts_dir / "web-query-results.png"), full_page=True)

    # follow the link of a place (an entity) to its page
    baghdad = page.locator("#results tbody a[href='/id/place/geonames-98182']").first
    baghdad.click()
    page.wait_for_selector("h1")
    assert page.locator("h1").inner_text() == "Baghdad"
    assert page.locator("svg.timeline circle.dot").count() >= 1
    # the incidents it takes part in (the seed is fused by kg build), each with its reports
    incidents = page.locator("section.incidents-section article.incident-card")
    assert incidents.count() >= 1
    for i in range(incidents.count()):
        reports = incidents.nth(i).locator("li.report")
        assert reports.count() >= 1
        assert reports.locator("blockquote.report-sentence mark.evidence").count() == reports.count()
        assert "independent source" in incidents.nth(i).locator(".sources").inner_text()
    marks = page.locator("blockquote.excerpt mark.evidence")
    assert marks.count() >= 1
    self_mentions = page.locator("blockquote.excerpt a.mention.self")
    assert "Baghdad" in self_mentions.all_inner_texts()
    # the highlighted evidence sits inside more article text than the sentence alone
    quote = page.locator("blockquote.excerpt").first
    assert "bombing in Baghdad last week" in page.locator("body").inner_text()
    assert quote.locator("mark.evidence").count() >= 1
    page.screenshot(path=str(artifacts_dir / "web-entity-page.png"), full_page=True)

    # and on to the article, the evidence marked in the full text
    page.locator("a", has_text="show in the article").first.click()
    page.wait_for_selector("article.article")
    assert page.locator("article.article mark#mark").count() == 1
    assert page.locator("article.article a.trigger").count() >= 10
    assert page.locator("article.article a.mention").count() >= 20
    page.screenshot(path=str(artifacts_dir / "web-document-page.png"), full_page=True)


def test_sparql_editor_and_graph_view(page, server, artifacts_dir) -> None:
    page.goto(server.base + "/")
    page.fill("#sparql", "SELECT ?event ?actor ?actorLabel WHERE { ?event ckg:participant|ckg:speaker ?actor . "
                         "?actor rdfs:label ?actorLabel }")
    page.click("#run-sparql")
    page.wait_for_selector("#results tbody tr")
    n = page.locator("#results tbody tr").count()
    assert n >= 3
    page.click("button.tab[data-tab='graph']")
    page.wait_for_selector("#graph-svg circle.node")
    assert page.locator("#graph-svg circle.node").count() >= 3
    assert page.locator("#graph-svg line.edge").count() >= 3
    assert "Ash Carter" in page.locator("#graph-svg text.node-label").all_text_contents()
    page.screenshot(path=str(artifacts_dir / "web-graph-view.png"), full_page=True)
    # a bad query shows the server's message, not a broken page
    page.click("button.tab[data-tab='table']")
    page.fill("#sparql", "SELECT ?s WHERE { ?s ?p }")
    with page.expect_response(lambda r: r.url.endswith("/sparql")) as resp:
        page.click("#run-sparql")
    assert resp.value.status == 400
    page.wait_for_selector("#status.error")
    assert "SPARQL syntax error at line 1" in page.locator("#status").inner_text()
    page.watch.errors.clear()  # Chromium logs the 400 itself as a console error


def test_html_names_render_as_text_everywhere(page, server, artifacts_dir) -> None:
    entity = "/id/group/script-alert-1-script"
    page.goto(server.base + entity)
    assert page.locator("h1").inner_text() == SCRIPT_NAME
    assert page.locator("main script").count() == 0 and page.locator("main img").count() == 0
    assert IMG_NAME in page.locator("blockquote.excerpt").first.inner_text()
    page.goto(server.base + "/id/place/img-src-x-onerror-alert-1")
    assert page.locator("h1").inner_text() == IMG_NAME
    page.goto(server.base + f"/id/doc/{HOSTILE_DOC}")
    assert page.locator("h1").inner_text() == f"Raid on {IMG_NAME}"
    text = page.locator("article.article").inner_text()
    assert SCRIPT_NAME in text and IMG_NAME in text
    assert page.locator("article.article a.mention").all_inner_texts().count(SCRIPT_NAME) == 2
    page.screenshot(path=str(artifacts_dir / "web-hostile-document.png"), full_page=True)
    page.goto(server.base + "/documents")
    assert f"Raid on {IMG_NAME}" in page.locator("table").inner_text()
    page.goto(server.base + "/")
    page.fill("#sparql", "SELECT ?x ?label WHERE { ?x rdfs:label ?label FILTER(CONTAINS(?label, '<')) }")
    page.click("#run-sparql")
    page.wait_for_selector("#results tbody tr")
    cells = page.locator("#results tbody td").all_inner_texts()
    assert SCRIPT_NAME in cells and IMG_NAME in cells
    page.click("button.tab[data-tab='graph']")
    page.wait_for_selector("#graph-svg text.node-label")
    assert SCRIPT_NAME in page.locator("#graph-svg text.node-label").all_text_contents()
    assert page.locator("main script, main img").count() == 0
    # an error page repeats the bad path as text too
    page.goto(server.base + "/id/person/%3Cscript%3Ealert(1)%3C%2Fscript%3E")
    assert page.locator("main script").count() == 0
    page.watch.errors.clear()  # the 404 itself is logged by Chromium


def test_a_long_listing_is_read_page_by_page(page, server, artifacts_dir) -> None:
    """The canned form asks for a page (rows per page) and shows 'rows A–B of N' with previous
    and next; the pages together are the whole answer, none twice; the CSV link has every row."""
    import json
    import re

    from playwright.sync_api import expect

    whole = json.loads(server.get("/api/queries/events-in-period?limit=1000", accept="application/json").body)
    n = whole["total"]
    assert n >= 5 and len(whole["rows"]) == n
    page.goto(server.base + "/")
    page.click("button.canned-item[data-name='events-in-period']")
    page.eval_on_selector("#page-size", "s => s.add(new Option('2', '2', true, true))")
    page.click("#run-canned")
    seen: list[str] = []
    for first in range(1, n + 1, 2):
        last = min(first + 1, n)
        expect(page.locator("#status")).to_have_text(re.compile(rf"^rows {first}–{last} of {n} in "))
        assert page.locator("#pager").is_visible()
        assert page.locator("#page-prev").is_disabled() == (first == 1)
        assert page.locator("#page-next").is_disabled() == (last == n)
        column = page.locator("#results thead th").all_inner_texts().index("event") + 1
        seen += page.locator(f"#results tbody tr td:nth-child({column}) a").evaluate_all(
            "links => links.map(a => a.title)")
        if last < n:
            page.click("#page-next")
    page.screenshot(path=str(artifacts_dir / "web-query-pages.png"), full_page=True)
    assert len(seen) == n and len(set(seen)) == n  # every event once
    assert set(seen) == {str(row["event"]) for row in whole["rows"]}
    page.click("#page-prev")
    before_last = n - 2 if n % 2 == 0 else n - 1  # the first row of the page before the last
    expect(page.locator("#status")).to_have_text(re.compile(rf"^rows {before_last - 1}–{before_last} of {n} "))
    assert "limit=10000" in (page.get_attribute("#canned-csv", "href") or "")
