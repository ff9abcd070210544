"""kg push against Virtuoso Open Source 7 (Debian ``virtuoso-opensource``), the second engine.

One ``virtuoso-t`` for the module, in a temporary folder with its own ini (tests/virtuoso_server.py),
on free ports of 127.0.0.1, stopped by PID. Its Graph Store Protocol endpoint
(/sparql-graph-crud-auth) and SPARQL Update endpoint (/sparql-auth) want HTTP Digest: kg push
learns that from the 401 and answers it. Counts are read back with SPARQLWrapper on /sparql.

Without Virtuoso these tests skip with the package's name, except under CI=true where that is a
failure (`make test` installs the package), as for Chromium and Java.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Optional

import pytest
from conftest import BuiltStore, Kg
from oxigraph_server import free_port
from rdflib import Literal
from rdflib.namespace import RDFS
from SPARQLWrapper import JSON, SPARQLWrapper
from server_process import version_tags
from virtuoso_server import VirtuosoServer, missing_message

from kg.share import remote as rm
from kg.graph.vocab import CKGD
from kg.store.core import GRAPH_BASE, KGStore

OURS = str(CKGD)  # document graphs (…/id/graph/) and incident graphs (…/id/incident/)

PASSWORD = "kg-s3cret"
COUNTS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VirtuosoServer]:
    message = missing_message()
    if message:
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    server = VirtuosoServer(tmp_path_factory.mktemp("virtuoso") / "db", password=PASSWORD)
    server.start()  # kills the process itself if it does not come up
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def clean(virtuoso: VirtuosoServer) -> VirtuosoServer:
    """The module's server with none of our graphs left from an earlier test."""
    for graph in ours(virtuoso):
        rm._run_sparql(remote(virtuoso), f"DROP SILENT GRAPH <{graph}>", update=True)
    assert ours(virtuoso) == {}
    return virtuoso


@pytest.fixture(scope="module")
def many_docs(built_store: BuiltStore, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed plus four more documents (its graph under other names, one literal changed)."""
    path = tmp_path_factory.mktemp("many-v") / "local"
    shutil.copytree(built_store.path, path)
    with KGStore.open(path) as store:
        seed = store.graph(store.graphs()[0])
        for i in range(4):
            store.replace_graph(f"{GRAPH_BASE}copy-{i}",
                                list(seed) + [(seed.identifier, RDFS.comment, Literal(f"copy {i} — é"))])
    return path


def remote(v: VirtuosoServer, password: str = PASSWORD) -> rm.Remote:
    return rm.Remote(v.endpoints, rm.Auth(user="dba", password=password), timeout_s=60)


def ours(v: VirtuosoServer) -> dict[str, int]:
    """Triples per graph of ours on Virtuoso (document and incident graphs; its own system graphs
    left out), read by SPARQLWrapper."""
    sw = SPARQLWrapper(v.base + "/sparql")
    sw.setQuery(COUNTS)
    sw.setReturnFormat(JSON)
    rows = sw.query().convert()["results"]["bindings"]  # type: ignore[index]
    return {r["g"]["value"]: int(r["n"]["value"]) for r in rows if r["g"]["value"].startswith(OURS)}


def local_counts(path: Path) -> dict[str, int]:
    with KGStore.open(path, read_only=True) as store:
        return rm.local_graph_counts(store)


def endpoint_args(v: VirtuosoServer) -> list[str]:
    e = v.endpoints
    return ["--query-endpoint", e.query, "--update-endpoint", e.update or "", "--gsp-endpoint", e.gsp or "",
            "--user", "dba"]


def test_endpoints_of_the_virtuoso_layout() -> None:
    e = rm.Endpoints.resolve("http://h:8890/sparql", layout="virtuoso")
    assert (e.query, e.update, e.gsp) == ("http://h:8890/sparql", "http://h:8890/sparql-auth",
                                          "http://h:8890/sparql-graph-crud-auth")
    # Virtuoso: every graph staged (a PUT is not one transaction there), small update requests
    assert (e.atomic_requests, e.update_limit) == (False, rm.VIRTUOSO_UPDATE_LIMIT)
    assert rm.Endpoints.resolve("http://h:7878").atomic_requests  # Oxigraph's layout
    assert not rm.Endpoints.resolve("http://h:7878", gsp="http://h:7878/store").atomic_requests  # unknown store
    with pytest.raises(rm.RemoteError, match="unknown server layout 'fuseki'"):
        rm.Endpoints.resolve("http://h", layout="fuseki")


@pytest.mark.parametrize("method", ["gsp", "update"])
def test_push_one_document_then_the_whole_store(kg: Kg, many_docs: Path, clean: VirtuosoServer,
                                                method: str) -> None:
    cli = Kg(kg.runner, many_docs)
    env = {"KG_REMOTE_PASSWORD": PASSWORD}
    one = cli("push", *endpoint_args(clean), "--method", method, "--doc", "copy-2", env=env)
    assert one.exit_code == 0, one.output
    expected = local_counts(many_docs)
    assert ours(clean) == {f"{GRAPH_BASE}copy-2": expected[f"{GRAPH_BASE}copy-2"]}
    # update: the default batch (50,000) is capped at the layout's 500 triples a request (a
    # request of all the ~10,000 triples would overflow Virtuoso's code vector, SQ199)
    batch = ["--batch-size", "700"] if method == "gsp" else []
    whole = cli("push", clean.base, "--layout", "virtuoso", "--user", "dba", "--method", method, *batch,
                "--verify", env=env)
    assert whole.exit_code == 0, whole.output
    assert ours(clean) == expected  # per document graph, no staging graph left
    assert "verified: the store holds" in whole.stderr
    assert str(sum(expected.values())) in whole.stdout
    dry = cli("push", *endpoint_args(clean), "--dry-run", env=env)
    assert dry.exit_code == 0, dry.output
    with KGStore.open(many_docs, read_only=True) as store:
        plans = rm.plan_push(store, remote(clean))
    # Virtuoso rewrites some literals (so the content hashes differ: "replace"), not the counts
    assert {p.graph: (p.local_triples, p.remote_triples) for p in plans} == {g: (n, n) for g, n in expected.items()}


def test_blank_nodes_survive_batches(many_docs: Path, clean: VirtuosoServer, tmp_path: Path) -> None:
    from rdflib import BNode, URIRef

    path = Path(shutil.copytree(many_docs, tmp_path / "bnodes"))
    g = URIRef(GRAPH_BASE + "with-bnodes")
    node = BNode()
    triples = [(URIRef(f"http://example.org/s{i}"), URIRef("http://example.org/p"), Literal(i)) for i in range(50)]
    triples += [(URIRef("http://example.org/s0"), URIRef("http://example.org/q"), node),
                (node, URIRef("http://example.org/r"), Literal("inside"))]
    with KGStore.open(path) as store:
        store.replace_graph(g, triples)
        rm.push(store, remote(clean), batch_size=7, graphs=[str(g)], method="gsp")
    assert ours(clean) == {str(g): 52}
    sw = SPARQLWrapper(clean.base + "/sparql")
    sw.setQuery(f"""SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{g}> {{
        <http://example.org/s0> <http://example.org/q> ?b . ?b <http://example.org/r> "inside" }} }}""")
    sw.setReturnFormat(JSON)
    assert int(sw.query().convert()["results"]["bindings"][0]["n"]["value"]) == 1  # type: ignore[index]


@pytest.mark.parametrize("method", ["gsp", "update"])
def test_replacing_a_graph_bigger_than_a_batch_is_atomic(many_docs: Path, clean: VirtuosoServer,
                                                         tmp_path: Path, method: str) -> None:
    """The new version is loaded into a staging graph, then swapped in: readers see old or new, never half."""
    path = Path(shutil.copytree(many_docs, tmp_path / "changed"))
    graph = f"{GRAPH_BASE}copy-1"
    r = remote(clean)
    with KGStore.open(path) as store:
        rm.push(store, r, graphs=[graph], method=method)
        old = ours(clean)[graph]
        smaller = list(store.graph(graph))[:-25]
        store.replace_graph(graph, smaller)
        seen: list[tuple[int, dict[str, int]]] = []

        def look(p: rm.PushProgress) -> None:  # a reader between the requests
            seen.append((p.triples_done, ours(clean)))

        report = rm.push(store, r, graphs=[graph], method=method, batch_size=300, progress=look)
    assert report.graphs[0].complete and report.triples == len(smaller)
    assert len(seen) >= 5  # it did take several requests
    staging = rm.staging_graph(graph)
    for done, counts in seen[:-1]:
        assert counts[graph] == old, (done, counts)  # the real graph untouched while staging
        assert counts[staging] == done
    assert seen[-1][1] == {graph: len(smaller)}
    assert ours(clean) == {graph: len(smaller)}  # moved: the staging graph is gone


def test_wrong_password_changes_nothing(kg: Kg, many_docs: Path, clean: VirtuosoServer) -> None:
    cli = Kg(kg.runner, many_docs)
    assert cli("push", *endpoint_args(clean), "--doc", "copy-0", env={"KG_REMOTE_PASSWORD": PASSWORD}).exit_code == 0
    before = ours(clean)
    for method, endpoint in (("gsp", clean.endpoints.gsp), ("update", clean.endpoints.update)):
        wrong = cli("push", *endpoint_args(clean), "--method", method, "--batch-size", "500",
                    env={"KG_REMOTE_PASSWORD": "wrong"})
        assert wrong.exit_code == 1
        assert wrong.stderr.startswith(f"error: {endpoint} answered 401 Unauthorized "
                                       "(wrong --user/--password or --token?)"), wrong.stderr
        assert wrong.stderr.rstrip().endswith("nothing was pushed"), wrong.stderr
    none = cli("push", *endpoint_args(clean)[:-2])
    assert none.exit_code == 1
    assert none.stderr.startswith(f"error: {clean.endpoints.gsp} answered 401 Unauthorized "
                                  "(the store wants credentials: --user/--password or --token)"), none.stderr
    assert ours(clean) == before


def test_server_down(kg: Kg) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    e = rm.Endpoints.resolve(base, layout="virtuoso")
    result = kg("push", "--query-endpoint", e.query, "--gsp-endpoint", e.gsp or "", "--update-endpoint",
                e.update or "", "--user", "dba", "--password", PASSWORD)
    assert result.exit_code == 1
    assert result.stderr.strip() == (f"error: cannot connect to {base}/sparql-graph-crud-auth: connection refused "
                                     "(is the store running?); nothing was pushed")


# ----------------------------------------------------------------------------- large graphs, failures, row caps

BIG = f"{GRAPH_BASE}big"


def big_version(path: Path, n: int, tag: str, bad_at: Optional[int] = None) -> None:
    """Give the store at ``path`` the graph BIG: ``n`` triples whose literals say ``tag``;
    ``bad_at``: that triple's object is "x"^^xsd:integer, which Virtuoso's SPARQL Update refuses."""
    from rdflib import URIRef
    from rdflib.namespace import XSD

    ex = "http://example.org/big/"
    triples = [(URIRef(f"{ex}s{i}"), URIRef(f"{ex}p{i % 7}"),
                Literal("x", datatype=XSD.integer) if i == bad_at else Literal(f"v{i} {tag}")) for i in range(n)]
    with KGStore.open(path) as store:
        store.replace_graph(BIG, triples)


def tags(v: VirtuosoServer, graph: str) -> dict[str, int]:
    """How many literals of ``graph`` on the server carry each version's tag."""
    return version_tags(v.base + "/sparql", graph)


@pytest.mark.parametrize("method", ["gsp", "update"])
def test_a_graph_of_thousands_of_triples_is_replaced_atomically(clean: VirtuosoServer, tmp_path: Path,
                                                                method: str) -> None:
    """3,000 triples in batches of 1,000: staged, then swapped in by one operation; a reader
    between the requests sees the old version whole, and the counts agree at the end."""
    path = tmp_path / "big"
    big_version(path, 3000, "old")
    r = remote(clean)
    with KGStore.open(path, read_only=True) as store:
        rm.push(store, r, method=method, batch_size=1000)
    big_version(path, 3100, "new")
    seen: list[dict[str, int]] = []
    with KGStore.open(path, read_only=True) as store:
        rm.push(store, r, method=method, batch_size=1000, progress=lambda p: seen.append(tags(clean, BIG)))
        assert rm.count_mismatches(store, r) == []
    assert len(seen) == (4 if method == "gsp" else 7)  # 3,100 triples: requests of 1,000; update: 500 at most
    assert all(s == {"old": 3000} for s in seen[:-1]) and seen[-1] == {"new": 3100}
    assert ours(clean) == {BIG: 3100}  # the staging graph is gone


def test_a_refused_chunk_leaves_the_graph_as_it_was(clean: VirtuosoServer, tmp_path: Path) -> None:
    """Virtuoso refuses "x"^^xsd:integer in INSERT DATA: the push fails while the new version is
    being staged, and the server still has the whole earlier version."""
    path = tmp_path / "big"
    big_version(path, 3000, "old")
    r = remote(clean)
    with KGStore.open(path, read_only=True) as store:
        rm.push(store, r, method="update", batch_size=1000)
    big_version(path, 3000, "new", bad_at=2999)
    with KGStore.open(path, read_only=True) as store:
        lines = store.ox_store.dump(format=rm.ox.RdfFormat.N_TRIPLES, from_graph=rm.ox.NamedNode(BIG)).splitlines()
        bad_piece = next(i for i, line in enumerate(lines) if b"XMLSchema#integer" in line) // 1000
        with pytest.raises(rm.PushError, match="Invalid integer value") as caught:
            rm.push(store, r, method="update", batch_size=1000)
    assert caught.value.report.graphs == []
    assert f"while loading {BIG}: the store keeps its earlier version of it)" in str(caught.value) or bad_piece == 0
    assert tags(clean, BIG) == {"old": 3000}
    assert ours(clean) == {BIG: 3000}  # and the staging graph was emptied
    # the dry run's download of a graph cut by a row cap, in pages of a sorted subquery
    assert len(set(rm._remote_graph_paged(r, BIG, page=700))) == 3000


def test_killed_mid_push_then_restarted_the_graph_is_as_it_was(many_docs: Path, tmp_path: Path) -> None:
    """Virtuoso killed (SIGKILL by PID) while the new version is being staged, then restarted
    on its database: the old version is there whole; the next push puts the new one in place.
    The server caps results at 3 rows (ResultSetMaxRows): the per-graph counts stay exact."""
    if missing_message():
        pytest.skip(missing_message())
    path = Path(shutil.copytree(many_docs, tmp_path / "local"))
    big_version(path, 3000, "old")
    server = VirtuosoServer(tmp_path / "db", password=PASSWORD, max_rows=3).start()
    try:
        r = remote(server)
        with KGStore.open(path, read_only=True) as store:
            rm.push(store, r, batch_size=1000)
            assert len(rm.remote_graph_counts(r)) > 3 and rm.count_mismatches(store, r) == []
        big_version(path, 3000, "new")

        def kill_after_two(p: rm.PushProgress) -> None:
            if p.graph == BIG and p.triples_done - before >= 2000:
                server.kill()

        with KGStore.open(path, read_only=True) as store:
            before = sum(n for g, n in local_counts(path).items() if g < BIG)
            with pytest.raises(rm.PushError, match="connection refused|closed the connection"):
                rm.push(store, r, batch_size=1000, progress=kill_after_two)
        server = VirtuosoServer(tmp_path / "db", password=PASSWORD, max_rows=3).start()  # same database
        assert tags(server, BIG) == {"old": 3000}
        r = remote(server)
        with KGStore.open(path, read_only=True) as store:
            rm.push(store, r, batch_size=1000)
            assert rm.count_mismatches(store, r) == []
        assert tags(server, BIG) == {"new": 3000}
        assert not [g for g in rm.remote_graph_counts(r) if g.endswith("#kg-push-staging")]
    finally:
        server.stop()
