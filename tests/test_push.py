"""kg push against a real Oxigraph server: content, idempotence, failures part way, auth, dry-run.

Every test starts its own ``oxigraph serve`` in a temporary folder (tests/oxigraph_server.py);
secured stores and stores that stop answering are a small real HTTP proxy in front of it.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import BuiltStore, Kg
from oxigraph_server import GuardProxy, OxigraphServer, SilentServer
from server_process import version_tags
from rdflib import Literal, URIRef
from rdflib.namespace import RDFS
from SPARQLWrapper import JSON, SPARQLWrapper

from kg.share import remote as rm
from kg.store.core import GRAPH_BASE, KGStore

COUNTS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
DISTINCT_UNION = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[OxigraphServer]:
    with OxigraphServer(tmp_path / "remote-store") as s:
        yield s


@pytest.fixture
def store_copy(built_store: BuiltStore, tmp_path: Path) -> Path:
    path = tmp_path / "local"
    shutil.copytree(built_store.path, path)
    return path


@pytest.fixture(scope="module")
def many_docs(built_store: BuiltStore, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed plus four more documents (its graph under other names, one literal changed).

    Document graphs only: the seed's incident graphs (kg build fuses) are dropped, since the
    copies are not fused; pushing incidents is covered with the seed store itself
    (test_bearer_token, test_push_carries_the_incident_graphs). Shared by the module's tests:
    copy it before changing it.
    """
    from kg.fuse.index import incident_graphs

    path = tmp_path_factory.mktemp("many") / "local"
    shutil.copytree(built_store.path, path)
    with KGStore.open(path) as store:
        store.replace_graphs({g: [] for g in incident_graphs(store)})
        seed = store.graph(URIRef(GRAPH_BASE + built_store.doc_id))
        for i in range(4):
            store.replace_graph(f"{GRAPH_BASE}copy-{i}",
                                list(seed) + [(seed.identifier, RDFS.comment, Literal(f"copy {i}"))])
    return path


def remote_counts(base: str) -> dict[str, int]:
    """Triples per named graph on the remote, read back with SPARQLWrapper (not our code)."""
    sw = SPARQLWrapper(base + "/query")
    sw.setQuery(COUNTS)
    sw.setReturnFormat(JSON)
    rows = sw.query().convert()["results"]["bindings"]  # type: ignore[index]
    return {r["g"]["value"]: int(r["n"]["value"]) for r in rows}


def remote_value(base: str, query: str) -> int:
    sw = SPARQLWrapper(base + "/query")
    sw.setQuery(query)
    sw.setReturnFormat(JSON)
    return int(sw.query().convert()["results"]["bindings"][0]["n"]["value"])  # type: ignore[index]


def local_counts(path: Path) -> dict[str, int]:
    with KGStore.open(path, read_only=True) as store:
        return rm.local_graph_counts(store)


def local_union(path: Path) -> int:
    with KGStore.open(path, read_only=True) as store:
        return int(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0][0])  # type: ignore[arg-type]


def kg_at(kg: Kg, path: Path) -> Kg:
    return Kg(kg.runner, path)


# ----------------------------------------------------------------------------- content


@pytest.mark.parametrize("method", ["gsp", "update"])
def test_push_puts_each_document_in_its_graph_and_twice_doubles_nothing(
        kg: Kg, many_docs: Path, server: OxigraphServer, method: str) -> None:
    cli = kg_at(kg, many_docs)
    expected = local_counts(many_docs)
    assert len(expected) == 5
    first = cli("push", server.base, "--method", method, "--batch-size", "700")
    assert first.exit_code == 0, first.output
    assert remote_counts(server.base) == expected
    assert remote_value(server.base, DISTINCT_UNION) == local_union(many_docs)
    assert str(sum(expected.values())) in first.stdout  # the summary table
    again = cli("push", server.base, "--method", "update" if method == "gsp" else "gsp")
    assert again.exit_code == 0, again.output
    assert remote_counts(server.base) == expected


def test_push_replaces_a_changed_graph_and_keeps_remote_only_graphs(
        kg: Kg, store_copy: Path, server: OxigraphServer) -> None:
    cli = kg_at(kg, store_copy)
    assert cli("push", server.base).exit_code == 0
    other = "http://example.org/theirs"
    rm._http(rm.Remote(rm.Endpoints.resolve(server.base)), "PUT", f"{server.base}/store?graph={other}",
             body=b"<http://example.org/a> <http://example.org/b> <http://example.org/c> .\n",
             content_type="application/n-triples")
    with KGStore.open(store_copy) as store:
        g = store.graphs()[0]
        smaller = list(store.graph(g))[:-10]
        store.replace_graph(g, smaller)
    assert cli("push", server.base).exit_code == 0
    counts = remote_counts(server.base)
    assert counts[str(g)] == len(smaller)
    assert counts[other] == 1  # pushes touch only the graphs they send


def test_push_carries_the_incident_graphs(kg: Kg, built_store: BuiltStore, server: OxigraphServer) -> None:
    """A fused store (kg build fuses) pushes its incident graphs beside the document's."""
    from kg.fuse.index import incident_graphs

    with KGStore.open(built_store.path, read_only=True) as store:
        incidents = incident_graphs(store)
    assert incidents
    assert kg("push", server.base).exit_code == 0
    counts = remote_counts(server.base)
    assert counts == local_counts(built_store.path)
    assert set(incidents) <= set(counts) and GRAPH_BASE + built_store.doc_id in counts
    assert remote_value(server.base, "PREFIX ckg: <https://w3id.org/conflict-kg/ontology#> "
                        "SELECT (COUNT(DISTINCT ?i) AS ?n) WHERE { GRAPH ?g { ?i a ckg:Incident } }") == len(incidents)


def test_push_one_document(kg: Kg, many_docs: Path, server: OxigraphServer) -> None:
    result = kg_at(kg, many_docs)("push", server.base, "--doc", "copy-2")
    assert result.exit_code == 0, result.output
    assert list(remote_counts(server.base)) == [f"{GRAPH_BASE}copy-2"]
    missing = kg_at(kg, many_docs)("push", server.base, "--doc", "nope")
    assert missing.exit_code == 1
    assert missing.stderr.strip() == "error: no graph or document 'nope' in the local store (see `kg docs`)"


def test_blank_nodes_survive_batching(store_copy: Path, server: OxigraphServer) -> None:
    """Blank nodes are per request: each graph's blank-node triples go in its first batch."""
    from rdflib import BNode, Literal, URIRef

    g = URIRef(GRAPH_BASE + "with-bnodes")
    node = BNode()
    triples = [(URIRef(f"http://example.org/s{i}"), URIRef("http://example.org/p"), Literal(i)) for i in range(50)]
    triples += [(URIRef("http://example.org/s0"), URIRef("http://example.org/q"), node),
                (node, URIRef("http://example.org/r"), Literal("inside"))]
    with KGStore.open(store_copy) as store:
        store.replace_graph(g, triples)
        rm.push(store, rm.Remote(rm.Endpoints.resolve(server.base)), batch_size=7, graphs=[str(g)])
    joined = remote_value(server.base, f"""SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{g}> {{
        <http://example.org/s0> <http://example.org/q> ?b . ?b <http://example.org/r> "inside" }} }}""")
    assert joined == 1
    assert remote_counts(server.base)[str(g)] == 52


# ----------------------------------------------------------------------------- failures


def test_server_killed_mid_push_reports_what_was_pushed(many_docs: Path, server: OxigraphServer) -> None:
    remote = rm.Remote(rm.Endpoints.resolve(server.base), timeout_s=10)
    seen: list[rm.PushProgress] = []

    def kill_after_two_graphs(p: rm.PushProgress) -> None:
        seen.append(p)
        if p.graphs_done == 2:
            server.kill()

    with KGStore.open(many_docs, read_only=True) as store, pytest.raises(rm.PushError) as caught:
        rm.push(store, remote, batch_size=400, progress=kill_after_two_graphs)
    report = caught.value.report
    assert re.match(r"cannot connect to http://127\.0\.0\.1:\d+/store: connection refused", str(caught.value))
    assert [g.graph for g in report.complete_graphs] == sorted(local_counts(many_docs))[:2]
    assert report.triples == seen[-1].triples_done
    assert report.planned_graphs == 5


def test_store_stopping_mid_push_gives_an_error_and_the_pushed_part(
        kg: Kg, many_docs: Path, server: OxigraphServer) -> None:
    """A graph of several requests is loaded into its staging graph, then moved into place:
    a store that stops part way through one leaves that graph as it was."""
    counts = local_counts(many_docs)
    per_graph = max(counts.values())
    requests = -(-per_graph // 1000) + 1  # the seed's graphs take this many requests each, with the swap
    with GuardProxy(server.base, serve=requests * 2 + 1) as proxy:
        result = kg_at(kg, many_docs)("push", proxy.base, "--batch-size", "1000")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    first_two, third = sorted(counts)[:2], sorted(counts)[2]
    staging = rm.staging_graph(third)
    assert lines[0] == (f"error: {proxy.base}/store answered 503 Service Unavailable: store unavailable "
                        f"(while loading {third}: the store keeps its earlier version of it; its staging graph "
                        f"<{staging}> may remain (pushing again replaces it)); "
                        f"before that the store accepted 2 complete graphs of 5, "
                        f"{counts[first_two[0]] + counts[first_two[1]]:,} triples in all")
    assert lines[1:] == [f"  pushed {first_two[0][len(GRAPH_BASE):]}: {counts[first_two[0]]:,} triples (complete)",
                         f"  pushed {first_two[1][len(GRAPH_BASE):]}: {counts[first_two[1]]:,} triples (complete)"]
    assert remote_counts(server.base) == {first_two[0]: counts[first_two[0]], first_two[1]: counts[first_two[1]],
                                          staging: 1000}
    again = kg_at(kg, many_docs)("push", server.base, "--batch-size", "1000")
    assert again.exit_code == 0, again.output
    assert remote_counts(server.base) == counts  # the leftover staging graph replaced, then moved


def test_store_down_or_hung(kg: Kg, tmp_path: Path) -> None:
    from oxigraph_server import free_port

    port = free_port()
    down = kg("push", f"http://127.0.0.1:{port}")
    assert down.exit_code == 1
    assert down.stderr.strip() == (f"error: cannot connect to http://127.0.0.1:{port}/store: "
                                   "connection refused (is the store running?); nothing was pushed")
    with SilentServer() as hung:
        result = kg("push", hung.base, "--timeout", "1")
        dry = kg("push", hung.base, "--timeout", "1", "--dry-run")
    assert result.exit_code == 1
    assert result.stderr.strip() == f"error: {hung.base}/store did not answer within 1 s (timeout); nothing was pushed"
    assert dry.exit_code == 1
    assert dry.stderr.strip() == f"error: {hung.base}/query did not answer within 1 s (timeout)"


def test_server_error_on_update(kg: Kg, server: OxigraphServer) -> None:
    with GuardProxy(server.base, serve=0, fail_status=500) as proxy:
        result = kg("push", proxy.base, "--method", "update")
    assert result.exit_code == 1
    assert result.stderr.strip() == (f"error: {proxy.base}/update answered 500 Internal Server Error: "
                                     "store unavailable; nothing was pushed")


@pytest.mark.parametrize("args, message", [
    (["ftp://example.org"], "endpoint 'ftp://example.org' is not an http(s) URL"),
    ([], "give the store's base URL or --query-endpoint"),
    (["http://127.0.0.1:9", "--method", "put"], "unknown --method 'put': use gsp or update"),
    (["http://127.0.0.1:9", "--user", "u"], "--user and --password go together"),
    (["http://127.0.0.1:9", "--user", "u", "--password", "p", "--token", "t"],
     "give either --user/--password or --token, not both"),
    (["--query-endpoint", "http://127.0.0.1:9/sparql"],
     "no graph store endpoint: give the base URL or --gsp-endpoint, or push with --method update"),
    (["--query-endpoint", "http://127.0.0.1:9/sparql", "--method", "update"],
     "no update endpoint: give the base URL or --update-endpoint"),
])
def test_bad_push_options(kg: Kg, args: list[str], message: str) -> None:
    result = kg("push", *args)
    assert result.exit_code == 1
    assert result.stderr.strip().split("; nothing was pushed")[0] == f"error: {message}"


def test_push_from_a_missing_or_empty_store(kg_empty: Kg, server: OxigraphServer) -> None:
    result = kg_empty("push", server.base)
    assert result.exit_code == 1
    assert result.stderr.startswith("error: no store at ")
    KGStore.open(kg_empty.store).close()
    empty = kg_empty("push", server.base)
    assert empty.exit_code == 1
    assert empty.stderr.strip() == (f"error: nothing to push: the store at {kg_empty.store} holds no graphs "
                                    "(build some with `kg build`)")
    assert remote_counts(server.base) == {}


# ----------------------------------------------------------------------------- endpoints


def test_explicit_endpoints(kg: Kg, built_store: BuiltStore, server: OxigraphServer) -> None:
    result = kg("push", "--query-endpoint", server.base + "/query", "--update-endpoint",
                server.base + "/update", "--method", "update")
    assert result.exit_code == 0, result.output
    gsp = kg("push", "--query-endpoint", server.base + "/query", "--gsp-endpoint", server.base + "/store")
    assert gsp.exit_code == 0, gsp.output
    assert remote_counts(server.base) == local_counts(built_store.path)


def test_endpoint_forms() -> None:
    for base in ("http://h:7878", "http://h:7878/", "http://h:7878/query"):
        e = rm.Endpoints.resolve(base)
        assert (e.query, e.update, e.gsp) == ("http://h:7878/query", "http://h:7878/update", "http://h:7878/store")
    e = rm.Endpoints.resolve("http://h/x", gsp="https://g/data")
    assert (e.query, e.update, e.gsp) == ("http://h/x/query", "http://h/x/update", "https://g/data")


# ----------------------------------------------------------------------------- auth


@pytest.mark.parametrize("method", ["gsp", "update"])
def test_bearer_token(kg: Kg, built_store: BuiltStore, server: OxigraphServer, method: str) -> None:
    with GuardProxy(server.base, expect="Bearer s3cret") as proxy:
        none = kg("push", proxy.base, "--method", method)
        wrong = kg("push", proxy.base, "--method", method, "--token", "nope")
        right = kg("push", proxy.base, "--method", method, env={"KG_REMOTE_TOKEN": "s3cret"})
    endpoint = f"{proxy.base}/{'store' if method == 'gsp' else 'update'}"
    assert none.exit_code == wrong.exit_code == 1
    assert none.stderr.strip() == (f"error: {endpoint} answered 401 Unauthorized (the store wants credentials: "
                                   "--user/--password or --token): authentication required; nothing was pushed")
    assert wrong.stderr.strip().startswith(f"error: {endpoint} answered 401 Unauthorized "
                                           "(wrong --user/--password or --token?)")
    assert right.exit_code == 0, right.output
    assert remote_counts(server.base) == local_counts(built_store.path)
    seen = [auth for _, _, auth in proxy.seen]  # the document and its incidents: one request each with gsp
    assert seen[:2] == [None, "Bearer nope"] and seen[2:] and set(seen[2:]) == {"Bearer s3cret"}


def test_basic_auth_for_push_dry_run_and_pull(kg: Kg, built_store: BuiltStore, server: OxigraphServer,
                                              kg_copy: Kg) -> None:
    import base64

    header = "Basic " + base64.b64encode("analyst:pä ss".encode("utf-8")).decode("ascii")
    with GuardProxy(server.base, expect=header) as proxy:
        creds = ["--user", "analyst", "--password", "pä ss"]
        assert kg("push", proxy.base, *creds).exit_code == 0
        dry = kg("push", proxy.base, "--dry-run", "--user", "analyst", env={"KG_REMOTE_PASSWORD": "pä ss"})
        pulled = kg_copy("pull", proxy.base, "CONSTRUCT { ?s a ckg:Person } WHERE { GRAPH ?g { ?s a ckg:Person } }", *creds)
        refused = kg_copy("pull", proxy.base, "CONSTRUCT { ?s a ckg:Person } WHERE { GRAPH ?g { ?s a ckg:Person } }")
    assert dry.exit_code == 0, dry.output
    assert "unchanged" in dry.stdout
    assert pulled.exit_code == 0, pulled.output
    assert refused.exit_code == 1
    assert refused.stderr.startswith(f"error: {proxy.base}/query answered 401 Unauthorized")
    assert all(auth == header for _, _, auth in proxy.seen[:-1]) and proxy.seen[-1][2] is None


def test_auth_header() -> None:
    assert rm.Auth().header() is None
    assert rm.Auth(token="abc").header() == "Bearer abc"
    assert rm.Auth(user="Aladdin", password="open sesame").header() == "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="


# ----------------------------------------------------------------------------- dry run


def _plan_rows(stdout: str) -> dict[str, list[str]]:
    rows = [[c.strip() for c in line.strip("│ ").split("│")] for line in stdout.splitlines() if "│" in line]
    return {r[0]: r[1:] for r in rows}


def test_dry_run_says_what_would_change_and_sends_nothing(
        kg: Kg, many_docs: Path, server: OxigraphServer, tmp_path: Path) -> None:
    many_docs = Path(shutil.copytree(many_docs, tmp_path / "changed"))
    cli = kg_at(kg, many_docs)
    counts = local_counts(many_docs)
    names = sorted(counts)
    assert cli("push", server.base, "--doc", names[0], "--doc", names[1], "--doc", names[2]).exit_code == 0
    with KGStore.open(many_docs) as store:
        # copy-1: same number of triples, one value changed -> only the hash can tell
        g1 = store.graph(names[1])
        changed = [(s, p, Literal("edited") if str(o) == "copy 1" else o) for s, p, o in g1]
        store.replace_graph(names[1], changed)
        store.replace_graph(names[2], list(store.graph(names[2]))[:-3])  # fewer triples
    other = "http://example.org/theirs"
    rm._http(rm.Remote(rm.Endpoints.resolve(server.base)), "PUT", f"{server.base}/store?graph={other}",
             body=b"<http://example.org/a> <http://example.org/b> <http://example.org/c> .\n",
             content_type="application/n-triples")
    before = remote_counts(server.base)
    result = cli("push", server.base, "--dry-run")
    assert result.exit_code == 0, result.output
    rows = _plan_rows(result.stdout)
    short = [n[len(GRAPH_BASE):] for n in names]
    assert rows[short[0]] == ["unchanged", str(counts[names[0]]), str(counts[names[0]])]
    assert rows[short[1]] == ["replace", str(counts[names[1]]), str(counts[names[1]])]
    assert rows[short[2]] == ["replace", str(counts[names[2]] - 3), str(counts[names[2]])]
    assert rows[short[3]] == ["new", str(counts[names[3]]), "-"]
    assert rows[other] == ["remote only (kept)", "-", "1"]
    assert result.stderr.strip() == f"dry run: 4 of 5 graphs would be written to {server.base}/store; nothing was sent"
    assert remote_counts(server.base) == before


def test_plan_push_api(many_docs: Path, server: OxigraphServer) -> None:
    remote = rm.Remote(rm.Endpoints.resolve(server.base))
    with KGStore.open(many_docs, read_only=True) as store:
        assert {p.action for p in rm.plan_push(store, remote)} == {"new"}
        rm.push(store, remote, method="update")
        plans = rm.plan_push(store, remote)
    assert {p.action for p in plans} == {"same"}
    assert [p.local_triples for p in plans] == [p.remote_triples for p in plans]


def test_progress_counts_add_up(many_docs: Path, server: OxigraphServer) -> None:
    seen: list[rm.PushProgress] = []
    with KGStore.open(many_docs, read_only=True) as store:
        report = rm.push(store, rm.Remote(rm.Endpoints.resolve(server.base)), batch_size=500,
                         progress=seen.append)
    total = sum(local_counts(many_docs).values())
    assert report.triples == total == seen[-1].triples_done == seen[-1].triples_total
    assert [p.triples_done for p in seen] == sorted(p.triples_done for p in seen)
    assert seen[-1].graphs_done == seen[-1].graphs_total == 5
    assert json.dumps(report.method) == '"gsp"'


def test_update_packs_small_graphs_and_a_failed_request_lands_nothing(
        kg: Kg, many_docs: Path, server: OxigraphServer) -> None:
    """SPARQL Update sends several small graphs per request; a refused request changed nothing."""
    counts = local_counts(many_docs)
    names = sorted(counts)
    batch = 2 * max(counts.values()) + 10  # a request holds two graphs, never three
    assert 3 * min(counts.values()) > batch
    with GuardProxy(server.base, serve=1) as proxy:
        result = kg_at(kg, many_docs)("push", proxy.base, "--method", "update", "--batch-size", str(batch))
    assert result.exit_code == 1
    assert [m for m, _, _ in proxy.seen] == ["POST", "POST"]
    assert result.stderr.splitlines()[0].startswith(
        f"error: {proxy.base}/update answered 503 Service Unavailable: store unavailable; "
        f"before that the store accepted 2 complete graphs of 5, {counts[names[0]] + counts[names[1]]:,} triples")
    assert remote_counts(server.base) == {names[0]: counts[names[0]], names[1]: counts[names[1]]}
    seen: list[rm.PushProgress] = []
    with KGStore.open(many_docs, read_only=True) as store:
        rm.push(store, rm.Remote(rm.Endpoints.resolve(server.base)), method="update", progress=seen.append)
    assert len(seen) == 1 and seen[0].graphs_done == 5  # all five in one request
    assert remote_counts(server.base) == counts


# ----------------------------------------------------------------------------- atomic replace of a large graph

BIG = f"{GRAPH_BASE}big"


def big_version(path: Path, n: int, tag: str) -> None:
    """Give the store at ``path`` the graph BIG: ``n`` triples whose literals say ``tag``."""
    ex = "http://example.org/big/"
    with KGStore.open(path) as store:
        store.replace_graph(BIG, [(URIRef(f"{ex}s{i}"), URIRef(f"{ex}p{i % 7}"), Literal(f"v{i} {tag}"))
                                  for i in range(n)])


def tags(base: str, graph: str) -> dict[str, int]:
    """How many literals of ``graph`` on the server carry each version's tag."""
    return version_tags(base + "/query", graph)


@pytest.mark.parametrize("method", ["gsp", "update"])
def test_a_graph_of_thousands_of_triples_is_replaced_atomically(server: OxigraphServer, tmp_path: Path,
                                                                method: str) -> None:
    """5,000 triples in batches of 1,000 go to the staging graph; one DELETE/INSERT swaps them
    in: a reader between the requests sees the whole old version; the counts agree at the end."""
    path = tmp_path / "big"
    big_version(path, 5000, "old")
    remote = rm.Remote(rm.Endpoints.resolve(server.base))
    with KGStore.open(path, read_only=True) as store:
        rm.push(store, remote, method=method, batch_size=1000)
    big_version(path, 5300, "new")
    seen: list[tuple[dict[str, int], dict[str, int]]] = []
    with KGStore.open(path, read_only=True) as store:
        rm.push(store, remote, method=method, batch_size=1000,
                progress=lambda p: seen.append((tags(server.base, BIG), remote_counts(server.base))))
        assert rm.count_mismatches(store, remote) == []
    assert len(seen) == 6  # 5,300 triples in requests of 1,000
    for i, (versions, counts) in enumerate(seen[:-1]):
        assert versions == {"old": 5000}
        assert counts[rm.staging_graph(BIG)] == 1000 * (i + 1)
    assert seen[-1] == ({"new": 5300}, {BIG: 5300})


def test_server_killed_mid_push_restarts_with_the_old_graph(server: OxigraphServer, tmp_path: Path) -> None:
    """Oxigraph killed by PID while the new version is staged, restarted on its folder: the old
    version is whole; pushing again puts the new one in place and empties the staging graph."""
    path = tmp_path / "big"
    big_version(path, 5000, "old")
    remote = rm.Remote(rm.Endpoints.resolve(server.base), timeout_s=10)
    with KGStore.open(path, read_only=True) as store:
        rm.push(store, remote, batch_size=1000)
    big_version(path, 5000, "new")

    def kill_after_three(p: rm.PushProgress) -> None:
        if p.triples_done >= 3000:
            server.kill()

    with KGStore.open(path, read_only=True) as store, pytest.raises(rm.PushError, match="connection refused"):
        rm.push(store, remote, batch_size=1000, progress=kill_after_three)
    with OxigraphServer(server.location) as again:
        assert tags(again.base, BIG) == {"old": 5000}
        assert remote_counts(again.base)[rm.staging_graph(BIG)] == 3000
        remote = rm.Remote(rm.Endpoints.resolve(again.base))
        with KGStore.open(path, read_only=True) as store:
            rm.push(store, remote, batch_size=1000)
        assert tags(again.base, BIG) == {"new": 5000}
        assert remote_counts(again.base) == {BIG: 5000}


def test_counts_are_read_in_pages(many_docs: Path, server: OxigraphServer) -> None:
    """remote_graph_counts pages by graph IRI: pages of two give what one query gives."""
    remote = rm.Remote(rm.Endpoints.resolve(server.base))
    with KGStore.open(many_docs, read_only=True) as store:
        rm.push(store, remote)
    counts = local_counts(many_docs)
    assert rm.remote_graph_counts(remote, page=2) == rm.remote_graph_counts(remote) == counts
    first = sorted(counts)[0]
    assert len(set(rm._remote_graph_paged(remote, first, page=300))) == counts[first]


def test_verify_and_in_place(kg: Kg, many_docs: Path, server: OxigraphServer) -> None:
    cli = kg_at(kg, many_docs)
    result = cli("push", server.base, "--verify", "--batch-size", "500")
    assert result.exit_code == 0, result.output
    assert result.stderr.strip() == "verified: the store holds 5 graphs with the local triple counts"
    # in place: a store that stops mid-graph keeps the part it got (the atomic default would not)
    counts = local_counts(many_docs)
    first = sorted(counts)[0]
    rm._run_sparql(rm.Remote(rm.Endpoints.resolve(server.base)), f"DROP GRAPH <{first}>", update=True)
    with GuardProxy(server.base, serve=1) as proxy:
        partial = cli("push", proxy.base, "--in-place", "--batch-size", "500", "--doc", first)
    assert partial.exit_code == 1
    assert remote_counts(server.base)[first] == 500
