"""Benchmark: ``kg push`` of real extractions to a real Oxigraph server and a real Virtuoso.

The source store is built as benchmarks/bench_queries.py builds its graph (the development
corpus, the seed and the query-library reports extracted once, each article then copied under
new document ids with its dates moved and figures varied; no fusion), to ``--triples``, and
kept in ``--store`` to be reused. Each server is started on free ports of 127.0.0.1 in a
temporary folder (tests/oxigraph_server.py: ``oxigraph serve`` of PyPI ``oxigraph``;
tests/virtuoso_server.py: Debian's ``virtuoso-t``, digest auth) and stopped by its PID.

For every engine, method (Graph Store Protocol ``gsp``, SPARQL Update ``update``) and batch size
(``--batch-sizes``), on a fresh server:

* the whole store, into the empty server (every graph new);
* the whole store again (every graph replaced: staged, then swapped in);

then, once per engine (``--large`` triples, 0 for none), one large graph (the store's documents
folded into one named graph) pushed new, and replaced by a version with 1% of its triples
removed and 1% new ones: the atomic replace of a graph of many batches. After every push the
server's triple count of each graph must equal the local one (kg.share.remote.count_mismatches,
paged) and no staging graph may remain; a difference stops the run.

    python benchmarks/bench_push.py --store /tmp/push-100k --triples 100000
    python benchmarks/bench_push.py --store /tmp/push-1m --triples 1000000 \\
        --methods gsp --batch-sizes 50000 --large 200000

Not part of the test suite.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pyoxigraph as ox
from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from machine import machine  # noqa: E402
from oxigraph_server import OxigraphServer  # noqa: E402
from virtuoso_server import VirtuosoServer, missing_message  # noqa: E402

from kg.share import remote as rm  # noqa: E402
from kg.store.core import GRAPH_BASE, KGStore  # noqa: E402

LARGE = GRAPH_BASE + "bench-large"


@dataclass
class Row:
    engine: str
    load: str
    method: str
    batch: int
    graphs: int
    triples: int
    seconds: float


def source_store(path: Path, triples: int, console: Console) -> None:
    """Build the source store from real extractions (bench_queries.build_graph), unless it exists."""
    if (path / "CURRENT").exists() or any(path.glob("*.sst")):
        return
    from bench_queries import build_graph

    with KGStore.open(path) as store:
        docs, n, seconds = build_graph(store, triples)
    console.print(f"built {path}: {docs} documents, {n:,} triples in {seconds:.0f} s")


def large_store(source: KGStore, path: Path, size: int, changed: bool) -> int:
    """A store holding one graph, LARGE: the source's document graphs folded together up to
    ``size`` triples; ``changed`` drops every 100th triple and adds as many new ones."""
    graph = ox.NamedNode(LARGE)
    quads: list[ox.Quad] = []
    for g in sorted(rm.local_graph_counts(source)):
        for q in source.ox_store.quads_for_pattern(None, None, None, ox.NamedNode(g)):
            quads.append(ox.Quad(q.subject, q.predicate, q.object, graph))
            if len(quads) >= size:
                break
        if len(quads) >= size:
            break
    if changed:
        extra = [ox.Quad(ox.NamedNode(f"{LARGE}/new/{i}"), ox.NamedNode("http://purl.org/dc/terms/description"),
                         ox.Literal(f"added in the second version, {i}"), graph) for i in range(0, len(quads), 100)]
        quads = [q for i, q in enumerate(quads) if i % 100 != 7] + extra
    with KGStore.open(path) as store:
        store.ox_store.extend(quads)
        return sum(rm.local_graph_counts(store).values())


@contextmanager
def server(engine: str, folder: Path, buffers: int) -> Iterator[rm.Remote]:
    """A fresh server of ``engine`` and the Remote that reaches it (stopped by PID on exit)."""
    if engine == "virtuoso":
        with VirtuosoServer(folder, password="bench", buffers=buffers, max_seconds=3600,
                            after_image=2_000_000_000) as v:
            yield rm.Remote(v.endpoints, rm.Auth(user="dba", password="bench"), timeout_s=3600)
    else:
        with OxigraphServer(folder) as o:
            yield rm.Remote(rm.Endpoints.resolve(o.base), timeout_s=3600)


def timed_push(store: KGStore, remote: rm.Remote, method: str, batch: int) -> float:
    """Seconds of one push; then the server's counts must equal the local ones, nothing staged."""
    started = time.perf_counter()
    rm.push(store, remote, method=method, batch_size=batch)  # type: ignore[arg-type]
    seconds = time.perf_counter() - started
    wrong = rm.count_mismatches(store, remote)
    if wrong:
        raise SystemExit(f"{method} push: counts differ on the server (graph, local, remote): {wrong[:5]}")
    leftovers = [g for g in rm.remote_graph_counts(remote) if g.endswith("#kg-push-staging")]
    if leftovers:
        raise SystemExit(f"{method} push left staging graphs: {leftovers[:5]}")
    return seconds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--store", type=Path, required=True, help="source store (built here if missing)")
    ap.add_argument("--triples", type=int, default=100_000, help="size of the source store to build")
    ap.add_argument("--engines", default="oxigraph,virtuoso", help="oxigraph, virtuoso or both")
    ap.add_argument("--methods", default="gsp,update", help="gsp, update or both")
    ap.add_argument("--batch-sizes", default="5000,50000", help="triples per request, comma-separated")
    ap.add_argument("--large", type=int, default=100_000, help="triples of the one large graph (0: none)")
    ap.add_argument("--large-batch", type=int, default=rm.DEFAULT_BATCH, help="batch size for the large graph")
    ap.add_argument("--virtuoso-buffers", type=int, default=100_000, help="Virtuoso NumberOfBuffers (8 KB each)")
    args = ap.parse_args()
    console = Console(width=170)
    engines = [e for e in args.engines.split(",") if e]
    if "virtuoso" in engines and missing_message():
        raise SystemExit(missing_message())

    source_store(args.store, args.triples, console)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="kg-bench-push-") as tmp_name, \
            KGStore.open(args.store, read_only=True) as store:
        tmp = Path(tmp_name)
        counts = rm.local_graph_counts(store)
        n, graphs = sum(counts.values()), len(counts)
        console.print(f"source: {graphs} graphs, {n:,} triples ({args.store}); {machine()}")
        for engine in engines:
            for method in args.methods.split(","):
                for batch in (int(b) for b in args.batch_sizes.split(",")):
                    with server(engine, tmp / f"{engine}-{method}-{batch}", args.virtuoso_buffers) as remote:
                        for load in ("whole store, empty server", "whole store again (all replaced)"):
                            seconds = timed_push(store, remote, method, batch)
                            rows.append(Row(engine, load, method, batch, graphs, n, seconds))
                            console.print(f"  {engine} {method} {batch:,}: {load}: {seconds:.1f} s, "
                                          f"{n / seconds:,.0f} triples/s")
            if args.large:
                first = large_store(store, tmp / f"large-{engine}-1", args.large, changed=False)
                second = large_store(store, tmp / f"large-{engine}-2", args.large, changed=True)
                with server(engine, tmp / f"{engine}-large", args.virtuoso_buffers) as remote:
                    for label, path, size in (("one large graph, new", tmp / f"large-{engine}-1", first),
                                              ("one large graph replaced (1% changed)", tmp / f"large-{engine}-2",
                                               second)):
                        with KGStore.open(path, read_only=True) as large:
                            seconds = timed_push(large, remote, "gsp", args.large_batch)
                        rows.append(Row(engine, label, "gsp", args.large_batch, 1, size, seconds))
                        console.print(f"  {engine}: {label}: {size:,} triples in {seconds:.1f} s")

    table = Table(title=f"kg push: {machine()}")
    for name in ("engine", "load", "method", "batch", "graphs", "triples", "seconds", "triples/s", "counts"):
        table.add_column(name, justify="left" if name in ("engine", "load", "method") else "right")
    for r in rows:
        table.add_row(r.engine, r.load, r.method, f"{r.batch:,}", str(r.graphs), f"{r.triples:,}",
                      f"{r.seconds:.1f}", f"{r.triples / r.seconds:,.0f}", "equal")
    console.print(table)


if __name__ == "__main__":
    main()
