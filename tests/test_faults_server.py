"""A real ``kg serve`` under fault (issue 12, part 5): a build writing into the store it serves,
queries nested too deeply or too long, oversized bodies and URLs from every client, canned
parameters over their limit."""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from server_helpers import EVENTS_OF_TYPE_RQ, REPO, KgServe

from kg.server import worker as worker_mod

CORPUS = REPO / "tests" / "data" / "corpus"
LIGHT = "SELECT ?l WHERE { ?x rdfs:label ?l } LIMIT 1"


@pytest.fixture(scope="module")
def store(built_store, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("faults") / "store"
    shutil.copytree(built_store.path, path)
    return path


@pytest.fixture(scope="module")
def server(store, tmp_path_factory) -> Iterator[KgServe]:
    queries = tmp_path_factory.mktemp("faults-queries")
    (queries / "events-of-type.rq").write_text(EVENTS_OF_TYPE_RQ, encoding="utf-8")
    with KgServe(store, ["--timeout", "3", "--workers", "2", "--queries-dir", str(queries)]) as s:
        yield s


def _message(r) -> str:
    return r.json()["message"]


# ------------------------------------------------------------------ serving while a build writes

def _articles(folder: Path, n: int) -> Path:
    """``n`` reports of the development corpus, each copy with its own title (so its own id)."""
    originals = sorted(CORPUS.glob("*.txt"))
    folder.mkdir()
    for i in range(n):
        source = originals[i % len(originals)]
        meta = yaml.safe_load(source.with_name(source.name + ".meta.yaml").read_text()) or {}
        meta["title"] = f"{i + 1}: {meta.get('title') or source.stem}"
        target = folder / f"{i:03d}-{source.name}"
        shutil.copyfile(source, target)
        (folder / (target.name + ".meta.yaml")).write_text(yaml.safe_dump(meta), encoding="utf-8")
    return folder


def test_light_queries_are_answered_while_a_build_writes(built_store, tmp_path, clean_env) -> None:
    """The issue's case: with --timeout 3, light queries during a build failed with 503
    because reopening the store counted against their limit. Now none fails, and the
    documents the build wrote are visible once it is done."""
    store = tmp_path / "store"
    shutil.copytree(built_store.path, store)
    src = _articles(tmp_path / "src", 24)
    with KgServe(store, ["--timeout", "3"]) as server:
        build = subprocess.Popen([sys.executable, "-m", "kg", "--store", str(store), "build",
                                  "--jobs", "2", str(src)], cwd=REPO, env=clean_env,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        statuses: list[int] = []
        try:
            while build.poll() is None:
                r = server.query(LIGHT, timeout=30)
                statuses.append(r.status)
                assert r.status == 200, r.body[:300]
                time.sleep(0.05)
        finally:
            if build.poll() is None:
                build.kill()
            err = build.communicate()[1]
        assert build.returncode == 0, err.decode()
        assert len(statuses) >= 10
        count = "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a ckg:Article }"
        deadline = time.monotonic() + 15  # a reopen may be cooling down after a slow one
        n = 0
        while time.monotonic() < deadline:
            n = int(server.query(count).json()["results"]["bindings"][0]["n"]["value"])
            if n == 25:
                break
            time.sleep(0.2)
        assert n == 25  # the seed and the 24 new reports


def test_a_slow_reopen_does_not_hold_up_a_request(built_store, tmp_path, monkeypatch) -> None:
    """StoreView: while a reopen takes long, requests go on with the open snapshot and wait at
    most the grace; the new snapshot is used once it is open."""
    store = tmp_path / "store"
    shutil.copytree(built_store.path, store)
    view = worker_mod.StoreView(str(store))
    assert view.prepare(wait=True)["stale"] is False
    first = view.get()
    release = threading.Event()
    real_open = view._open

    def slow_open():
        release.wait(10)
        return real_open()

    monkeypatch.setattr(view, "_open", slow_open)
    (store / "touched.sst").write_bytes(b"")  # the folder's signature changes
    t0 = time.monotonic()
    info = view.prepare()
    took = time.monotonic() - t0
    assert info["stale"] is True and took < view.GRACE_S + 0.2
    assert view.get() is first
    t0 = time.monotonic()
    assert view.prepare()["stale"] is True and time.monotonic() - t0 < 0.1  # grace is spent
    release.set()
    view._pending.join(10)
    assert view.prepare()["stale"] is False and view.get() is not first


def test_reopen_time_is_not_counted_against_the_limit(store) -> None:
    """A worker that needs longer than the query's limit to get its store ready still answers:
    the pool's timer starts at the worker's "ready" frame."""
    import asyncio

    from kg.server.pool import WorkerPool

    async def go() -> dict:
        pool = WorkerPool(store, 1)
        await pool.start()
        try:
            worker = pool._idle._queue[-1]  # type: ignore[union-attr]
            real = worker.receive
            calls = {"n": 0}

            async def slow_receive():
                calls["n"] += 1
                if calls["n"] == 1:  # the "ready" frame comes late, as after a long reopen
                    await asyncio.sleep(1.0)
                return await real()

            worker.receive = slow_receive  # type: ignore[method-assign]
            return await pool.run({"query": "ASK {}", "rows": True, "prefixes": {}}, 0.5)
        finally:
            await pool.close()

    box: dict = {}  # asyncio.run in a thread of its own: other tests may leave a loop running here
    thread = threading.Thread(target=lambda: box.update(answer=asyncio.run(go())))
    thread.start()
    thread.join(60)
    assert box["answer"]["kind"] == "ask"


# --------------------------------------------------------------- nesting and length before parsing

DEEP = "SELECT * WHERE " + "{" * 4000 + "}" * 4000  # 8 KB; Oxigraph's parser overflowed on it


def test_deep_nesting_is_refused_before_parsing(server) -> None:
    for r in (server.query(DEEP),
              server.get("/sparql?query=" + urllib.parse.quote("ASK " + "{" * 65 + "}" * 65)),
              server.request("POST", "/sparql", DEEP.encode(),
                             {"Content-Type": "application/sparql-query"})):
        assert r.status == 400, r.body[:200]
        assert "query nested too deeply (limit 64)" in _message(r)
    # 64 deep is fine, and brackets inside strings, IRIs and comments do not count
    assert server.query("ASK " + "{" * 64 + "}" * 64).status == 200
    assert server.query('ASK { FILTER("' + "(" * 500 + '" != "") } # ' + "{" * 500).status == 200
    assert server.query(LIGHT).status == 200  # no worker crashed


def test_a_long_query_is_refused_with_its_length(server) -> None:
    r = server.query("ASK {} #" + "x" * 100_000)
    assert r.status == 413 and "limit of 100,000" in _message(r)


def test_a_parameter_over_its_limit_names_the_parameter(server) -> None:
    for size in (5_000, 30_000):  # once "the query is 302,952 characters long" (100 KB)
        r = server.get("/api/queries/events-of-type?" + urllib.parse.urlencode(
            {"typeName": "x" * size}))
        assert r.status == 400, r.body[:200]
        assert _message(r) == (f"parameter 'typeName' of query 'events-of-type' is {size:,} "
                               "characters long (limit 1,000)")
    r = server.get("/api/queries/events-of-type?typeName=" + "x" * 100_000)
    assert r.status == 414  # the URL itself is over the server's limit
    assert server.get("/api/queries/events-of-type?typeName=Attack").status == 200


# ------------------------------------------------------- oversized bodies and URLs, every client

BIG_BODY = b"query=" + b"x" * 10_000_000  # 10 MB: once a connection reset for urllib


def test_an_oversized_body_is_413_for_urllib_httpx_and_sparqlwrapper(server) -> None:
    import httpx
    from SPARQLWrapper import JSON, POST, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    form = {"Content-Type": "application/x-www-form-urlencoded"}
    r = server.request("POST", "/sparql", BIG_BODY, form)  # urllib
    assert r.status == 413 and "limit of 1,000,000" in _message(r)
    h = httpx.post(server.base + "/sparql", content=BIG_BODY, headers=form, timeout=30)
    assert h.status_code == 413 and "limit of 1,000,000" in h.json()["message"]

    def chunks() -> Iterator[bytes]:  # no Content-Length: refused while it streams
        yield b"query="
        for _ in range(40):
            yield b"x" * 100_000

    h = httpx.post(server.base + "/sparql", content=chunks(), headers=form, timeout=30)
    assert h.status_code == 413 and "limit of 1,000,000" in h.json()["message"]
    sw = SPARQLWrapper(server.base + "/sparql")
    sw.setMethod(POST)
    sw.setReturnFormat(JSON)
    sw.setQuery("ASK {}")
    sw.queryString = "ASK {} #" + "x" * 1_200_000  # setQuery's regexes take ~3 s per MB
    with pytest.raises((SPARQLWrapperException, urllib.error.HTTPError)) as info:
        sw.query()
    assert "413" in str(info.value)
    assert server.query(LIGHT).status == 200


def test_an_oversized_url_is_414_for_urllib_httpx_and_sparqlwrapper(server) -> None:
    import httpx
    from SPARQLWrapper import GET, JSON, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import URITooLong

    for size in (40_000, 200_000, 1_000_000):  # parsed by h11, or over its buffer
        r = server.get("/sparql?query=ASK%7B%7D%23" + "x" * size)  # urllib
        assert r.status == 414, (size, r.body[:200])
        assert "over the server's limit of 32,768" in _message(r) and "POST" in _message(r)
    # httpx refuses URLs over 65,536 characters itself
    h = httpx.get(server.base + "/sparql?query=ASK%7B%7D%23" + "x" * 40_000, timeout=30)
    assert h.status_code == 414 and "32,768" in h.json()["message"]
    sw = SPARQLWrapper(server.base + "/sparql")
    sw.setMethod(GET)
    sw.setReturnFormat(JSON)
    sw.setQuery("ASK {} #" + "x" * 200_000)
    with pytest.raises(URITooLong):
        sw.query()
    # a URL under the limit is answered as usual
    assert server.get("/sparql?query=ASK%7B%7D%23" + "x" * 30_000).status == 200
    assert server.query(LIGHT).status == 200


def test_oversized_header_fields_are_431(server) -> None:
    """(Whether h11 got the head in one piece or not.)"""
    r = server.request("GET", "/sparql?query=ASK%7B%7D", headers={
        f"X-Filler-{i}": "y" * 4_000 for i in range(20)})
    assert r.status == 431 and "header fields" in _message(r)
