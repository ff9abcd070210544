"""Benchmark: kg push into an Oxigraph server, against Oxigraph's own bulk load of the same data.

Builds a synthetic conflict graph (bench_store's generator: documents of ~60 events whose
entity triples repeat across documents) into a KGStore, exports it as N-Quads, then in one run:

* ``oxigraph load --location DIR --file graph.nq`` into a fresh folder (the baseline: no HTTP,
  no parsing of requests, Oxigraph's bulk loader);
* ``kg push`` by the Graph Store Protocol into a fresh ``oxigraph serve``, then again into the
  now full store (every graph replaced);
* ``kg push --method update`` (SPARQL Update through SPARQLWrapper) into another fresh server,
  then again.

Each push is checked: the server's triples per graph must equal the local ones. Prints
triples/second and the ratio to the bulk load. Not part of the test suite.

With ``--engine virtuoso`` the server is Virtuoso Open Source 7 (Debian ``virtuoso-opensource``,
started on free ports like the tests do, tests/virtuoso_server.py) and there is no bulk-load
baseline: the same pushes, with digest auth, to its /sparql-graph-crud-auth and /sparql-auth.

    python benchmarks/bench_push.py [--triples 300000] [--batch-size 50000] [--engine virtuoso]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_store import synthetic_documents  # noqa: E402
from oxigraph_server import OxigraphServer, oxigraph_binary  # noqa: E402
from virtuoso_server import VirtuosoServer  # noqa: E402

from kg.share import remote as rm  # noqa: E402
from kg.store.core import KGStore  # noqa: E402


def _push(store: KGStore, server: object, method: str, batch: int) -> float:
    if isinstance(server, VirtuosoServer):
        remote = rm.Remote(server.endpoints, rm.Auth(user="dba", password=server.password), timeout_s=600)
    else:
        remote = rm.Remote(rm.Endpoints.resolve(server.base), timeout_s=600)  # type: ignore[attr-defined]
    t0 = time.perf_counter()
    rm.push(store, remote, method=method, batch_size=batch)  # type: ignore[arg-type]
    seconds = time.perf_counter() - t0
    local = rm.local_graph_counts(store)
    there = {g: n for g, n in rm.remote_graph_counts(remote).items() if g in local}  # not Virtuoso's own
    if there != local:
        raise SystemExit(f"{method} push: the server's graphs differ from the local ones")
    return seconds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--triples", type=int, default=300_000, help="approximate quads to generate")
    ap.add_argument("--batch-size", type=int, default=rm.DEFAULT_BATCH, help="triples per request")
    ap.add_argument("--engine", choices=("oxigraph", "virtuoso"), default="oxigraph", help="the server")
    args = ap.parse_args()
    console = Console()

    docs = synthetic_documents(args.triples)
    n = sum(len(ts) for _, ts in docs)
    with tempfile.TemporaryDirectory(prefix="kg-bench-push-") as tmp_name:
        tmp = Path(tmp_name)
        with KGStore.open(tmp / "local") as store:
            t0 = time.perf_counter()
            for gi, ts in docs:
                store.replace_graph(gi, ts)  # type: ignore[arg-type]
            console.print(f"{len(docs)} documents, {n:,} triples in named graphs, built locally "
                          f"in {time.perf_counter() - t0:.1f} s")
            dump = tmp / "graph.nq"
            with dump.open("wb") as out:
                store.export("nquads", out)

            if args.engine == "virtuoso":
                with VirtuosoServer(tmp / "v-gsp", password="bench") as server:
                    gsp = _push(store, server, "gsp", args.batch_size)
                    gsp_again = _push(store, server, "gsp", args.batch_size)
                with VirtuosoServer(tmp / "v-update", password="bench") as server:
                    update = _push(store, server, "update", args.batch_size)
                    update_again = _push(store, server, "update", args.batch_size)
                bulk = None
            else:
                t0 = time.perf_counter()
                subprocess.run([str(oxigraph_binary()), "load", "--location", str(tmp / "bulk"),
                                "--file", str(dump)], check=True, capture_output=True)
                bulk = time.perf_counter() - t0
                with OxigraphServer(tmp / "gsp") as server:
                    gsp = _push(store, server, "gsp", args.batch_size)
                    gsp_again = _push(store, server, "gsp", args.batch_size)
                with OxigraphServer(tmp / "update") as server:
                    update = _push(store, server, "update", args.batch_size)
                    update_again = _push(store, server, "update", args.batch_size)

    table = Table(title=f"{args.engine}: {n:,} triples in {len(docs)} graphs, batches of {args.batch_size:,}")
    for name, justify in (("load", "left"), ("seconds", "right"), ("triples/s", "right"),
                          ("ratio to bulk load", "right")):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    rows = [("kg push (Graph Store Protocol PUT), empty server", gsp),
            ("kg push again (every graph replaced)", gsp_again),
            ("kg push --method update (DROP + INSERT DATA)", update),
            ("kg push --method update again (every graph replaced)", update_again)]
    if bulk is not None:
        rows.insert(0, ("oxigraph load --file graph.nq (baseline)", bulk))
    for label, seconds in rows:
        table.add_row(label, f"{seconds:.2f}", f"{n / seconds:,.0f}", f"{bulk / seconds:.2f}x" if bulk else "-")
    console.print(table)


if __name__ == "__main__":
    main()
