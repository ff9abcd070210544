"""``kg serve --cors`` from a page on another origin, in real headless Chromium.

A small page served by a second HTTP server (another port, hence another origin) queries
``kg serve`` with ``fetch``: without ``--cors`` the browser refuses to hand it the answer; with
``--cors`` GET, form POST and ``application/sparql-query`` POST (which needs a preflight) work,
and an update carrying a bearer token is refused by the preflight. ``--cors`` with
``--allow-update`` does not start.
"""

from __future__ import annotations

import http.server
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from functools import partial

import pytest
from server_helpers import REPO, KgServe

PAGE = "<!doctype html><title>dashboard</title><p>another origin</p>"

#: run in the page: one fetch, reporting status and body, or the browser's refusal
FETCH = """async ([url, init]) => {
  try {
    const r = await fetch(url, init);
    return {status: r.status, body: await r.text(), total: r.headers.get("X-Total-Count"),
            link: r.headers.get("Link")};
  } catch (e) { return {error: String(e)}; }
}"""
ASK = "ASK { ?s ?p ?o }"


@pytest.fixture(scope="module")
def other_origin(tmp_path_factory) -> Iterator[str]:
    """A plain static server on another port: the 'dashboard' origin."""
    root = tmp_path_factory.mktemp("origin")
    (root / "index.html").write_text(PAGE, encoding="utf-8")
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    handler = partial(Quiet, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/index.html"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def servers(built_store, tmp_path_factory) -> Iterator[tuple[KgServe, KgServe]]:
    store = tmp_path_factory.mktemp("cors") / "store"
    shutil.copytree(built_store.path, store)
    with KgServe(store, ["--cors"]) as open_, KgServe(store) as closed:
        yield open_, closed


def _fetch(page, url: str, **init) -> dict:
    return page.evaluate(FETCH, [url, init])


def test_cors_from_another_origin_in_chromium(browser, servers, other_origin) -> None:
    open_, closed = servers
    context = browser.new_context()
    page = context.new_page()
    hosts: set[str] = set()
    page.on("request", lambda r: hosts.add(r.url.split("/")[2].split(":")[0]))
    try:
        page.goto(other_origin)
        get = f"/sparql?query={ASK.replace(' ', '%20').replace('?', '%3F')}"
        json_accept = {"Accept": "application/sparql-results+json"}

        # off by default: the browser does not give the page the answer
        refused = _fetch(page, closed.base + get, headers=json_accept)
        assert "error" in refused and "Failed to fetch" in refused["error"]

        ok = _fetch(page, open_.base + get, headers=json_accept)
        assert ok["status"] == 200 and '"boolean": true' in ok["body"]

        form = _fetch(page, open_.base + "/sparql", method="POST", headers={
            "Content-Type": "application/x-www-form-urlencoded", **json_accept},
            body="query=" + ASK.replace(" ", "%20").replace("?", "%3F"))
        assert form["status"] == 200 and '"boolean": true' in form["body"]

        # application/sparql-query is not a 'simple' type: the browser sends a preflight first
        direct = _fetch(page, open_.base + "/sparql", method="POST", headers={
            "Content-Type": "application/sparql-query", **json_accept}, body=ASK)
        assert direct["status"] == 200 and '"boolean": true' in direct["body"]

        canned = _fetch(page, open_.base + "/api/queries", headers={"Accept": "application/json"})
        assert canned["status"] == 200 and canned["body"].startswith("[")
        # a listing's page: the page on the other origin may read its paging headers
        listing = _fetch(page, open_.base + "/api/queries/events-in-period?limit=1", headers=json_accept)
        assert listing["status"] == 200 and int(listing["total"]) > 1
        assert 'rel="next"' in listing["link"]

        # an update with a token: the preflight refuses the Authorization header
        update = _fetch(page, open_.base + "/sparql", method="POST", headers={
            "Content-Type": "application/sparql-update", "Authorization": "Bearer x"},
            body="CLEAR ALL")
        assert "error" in update
        # a 'simple' form update reaches the server, which is read-only: refused, nothing changes
        form_update = _fetch(page, open_.base + "/sparql", method="POST", headers={
            "Content-Type": "application/x-www-form-urlencoded"}, body="update=CLEAR%20ALL")
        assert form_update.get("status") == 403
        after = _fetch(page, open_.base + get, headers=json_accept)
        assert '"boolean": true' in after["body"]
    finally:
        context.close()
    assert hosts <= {"127.0.0.1"}, hosts


def test_preflight_and_headers_over_http(servers) -> None:
    open_, closed = servers
    pre = {"Origin": "http://dashboard.example", "Access-Control-Request-Method": "POST",
           "Access-Control-Request-Headers": "content-type"}
    r = open_.request("OPTIONS", "/sparql", headers=pre)
    assert r.status == 204 and r.headers["access-control-allow-origin"] == "*"
    assert "POST" in r.headers["access-control-allow-methods"]
    r = open_.request("OPTIONS", "/sparql", headers={**pre, "Access-Control-Request-Headers": "authorization"})
    assert r.status == 403 and "authorization" in r.text
    r = open_.request("OPTIONS", "/sparql", headers={**pre, "Access-Control-Request-Method": "PUT"})
    assert r.status == 403
    # pages of the server itself get no CORS grant; nor does anything without --cors
    r = open_.get("/", accept="text/html")
    assert "access-control-allow-origin" not in r.headers
    r = closed.request("GET", "/sparql?query=ASK%7B%7D", headers={"Origin": "http://dashboard.example"})
    assert r.status == 200 and "access-control-allow-origin" not in r.headers


def test_cors_refuses_allow_update(built_store) -> None:
    r = subprocess.run([sys.executable, "-m", "kg", "--store", str(built_store.path), "serve",
                        "--cors", "--allow-update", "--update-token", "t", "--port", "1"],
                       cwd=REPO, capture_output=True, text=True, timeout=60)
    assert r.returncode != 0
    lines = [x for x in r.stderr.splitlines() if x.strip()]
    assert len(lines) == 1 and "--cors" in lines[0] and "read-only" in lines[0]
