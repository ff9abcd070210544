"""Safety of a real ``kg serve``: read-only unless told, updates need the token, no SERVICE,
a slow query is killed at the limit (and the server answers the next request at once), it
binds 127.0.0.1, and it sees documents written to the store after it started."""

from __future__ import annotations

import shutil
import time
import urllib.parse
from collections.abc import Iterator

import pytest
from server_helpers import KgServe, child_pids, load_hostile

CKGD = "https://w3id.org/conflict-kg/id/"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
INSERT = ('INSERT DATA { GRAPH <https://w3id.org/conflict-kg/id/graph/manual> '
          '{ <https://w3id.org/conflict-kg/id/person/test-person> '
          '<http://www.w3.org/2000/01/rdf-schema#label> "Test Person" } }')


@pytest.fixture(scope="module")
def store(built_store, tmp_path_factory):
    path = tmp_path_factory.mktemp("sec") / "store"
    shutil.copytree(built_store.path, path)
    return path


@pytest.fixture(scope="module")
def server(store) -> Iterator[KgServe]:
    with KgServe(store, ["--timeout", "2", "--workers", "2"]) as s:
        yield s


def _message(r) -> str:
    return r.json()["message"]


def test_updates_are_refused_by_default(server) -> None:
    for body, ctype in ((urllib.parse.urlencode({"update": INSERT}).encode(), "application/x-www-form-urlencoded"),
                        (INSERT.encode(), "application/sparql-update")):
        r = server.request("POST", "/sparql", body, {"Content-Type": ctype,
                                                     "Authorization": "Bearer anything"})
        assert r.status == 403 and "read-only" in _message(r)
    r = server.query(INSERT)  # an update sent as a query
    assert r.status == 403 and "read-only" in _message(r)
    ask = server.query(f"ASK {{ <{CKGD}person/test-person> ?p ?o }}").json()
    assert ask["boolean"] is False


def test_service_is_refused(server) -> None:
    r = server.query("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    assert r.status == 403 and "SERVICE" in _message(r)
    # the word inside a string is not a SERVICE clause
    assert server.query('SELECT ("SERVICE" AS ?x) WHERE {}').status == 200


def test_slow_query_is_stopped_and_the_server_stays_quick(server) -> None:
    before = child_pids(server.proc.pid)
    assert len(before) == 2  # the query workers
    t0 = time.monotonic()
    r = server.query(SLOW, timeout=30)
    took = time.monotonic() - t0
    assert r.status == 503 and "2 s" in _message(r) and "stopped" in _message(r)
    assert 1.8 < took < 4.0
    t1 = time.monotonic()
    ok = server.query("SELECT ?l WHERE { ?x rdfs:label ?l } LIMIT 1")
    assert ok.status == 200 and time.monotonic() - t1 < 1.0
    # the worker that ran the slow query was killed (not left computing) and replaced
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        after = child_pids(server.proc.pid)
        if len(after) == 2 and after != before:
            break
        time.sleep(0.1)
    assert len(after) == 2 and len(before - after) == 1


def test_binds_localhost_only(server) -> None:
    import socket

    from kg.server.settings import ServerSettings

    assert ServerSettings(store=server.store, queries_dir=server.store).host == "127.0.0.1"
    addrs = {a[4][0] for a in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)}
    addrs.discard("127.0.0.1")
    for addr in addrs:
        with socket.socket() as s:
            s.settimeout(1)
            assert s.connect_ex((addr, server.port)) != 0, addr


def test_sees_documents_written_after_it_started(server, store) -> None:
    q = f"ASK {{ <{CKGD}doc/raid-on-a-village-0000000001> a ckg:Article }}"
    assert server.query(q).json()["boolean"] is False
    load_hostile(store)  # a writer opens the store while the server holds it read-only
    assert server.query(q).json()["boolean"] is True
    r = server.get("/id/doc/raid-on-a-village-0000000001", accept="text/turtle")
    assert r.status == 200


def test_updates_with_allow_update_need_the_token(built_store, tmp_path) -> None:
    store = tmp_path / "store"
    shutil.copytree(built_store.path, store)
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    body = urllib.parse.urlencode({"update": INSERT}).encode()
    with KgServe(store, ["--allow-update", "--update-token", "s3cret"]) as server:
        r = server.request("POST", "/sparql", body, form)
        assert r.status == 401 and "Bearer" in _message(r)
        r = server.request("POST", "/sparql", body, {**form, "Authorization": "Bearer wrong"})
        assert r.status == 401
        r = server.request("POST", "/sparql", body, {**form, "Authorization": "Bearer s3cret"})
        assert r.status == 204, r.body
        # the union default graph (what queries see) was kept in step with the named graph
        rows = server.query(f"SELECT ?l WHERE {{ <{CKGD}person/test-person> rdfs:label ?l }}").json()
        assert [b["l"]["value"] for b in rows["results"]["bindings"]] == ["Test Person"]
        r = server.request("POST", "/sparql", b"update=INSERT+DATA+%7B", {**form, "Authorization": "Bearer s3cret"})
        assert r.status == 400 and "syntax" in _message(r)


def test_allow_update_without_token_is_a_cli_error(kg) -> None:
    result = kg("serve", "--allow-update")
    assert result.exit_code != 0 and "error: --allow-update needs --update-token" in result.output


def test_missing_store_is_a_cli_error(kg_empty) -> None:
    result = kg_empty("serve")
    assert result.exit_code == 1 and result.output.startswith("error: no store at")


def test_port_in_use_is_a_cli_error(kg, server) -> None:
    result = kg("serve", "--port", str(server.port))
    assert result.exit_code == 1
    assert result.output.startswith(f"error: cannot listen on 127.0.0.1:{server.port}")
