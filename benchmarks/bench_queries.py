"""Benchmark: every canned query (queries/*.rq) on a ~1,000,000-triple graph, against a full scan.

The graph is made of real extractions: the development corpus, the seed and the query-library
reports are extracted once, then each article is copied many times under new document ids,
its event dates moved by a random number of days (kept at their precision) and its figures
varied. One copy in four re-reports an earlier copy's events on the same days with other
numbers, as a second source would, so ``disputed-figures`` has pairs to find. The reports are
then fused into incidents (kg.fuse.fuse_store, what ``kg build`` does as it writes; ``--no-fuse``
leaves them out), so ``incidents`` and the incident-level counts have their data. Each query runs
with example parameters; the figure is the median of 3 runs after one warm-up, and the ratio
is against ``SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }`` (one pass over every triple) in
the same run. Not part of the test suite.

    python benchmarks/bench_queries.py [--triples 1000000] [--store DIR] [--no-fuse] [--only NAME ...]
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.graph.mapping import facts_to_triples  # noqa: E402
from kg.models import DateValue, Facts, Quantity  # noqa: E402
from kg.query.canned import bind, load_queries  # noqa: E402
from kg.read.reader import read_all  # noqa: E402
from kg.store.core import KGStore  # noqa: E402

SOURCES = [ROOT / "seeds", ROOT / "tests" / "data" / "corpus", ROOT / "tests" / "data" / "queries"]
BASELINE = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
EXAMPLES: dict[str, dict[str, str]] = {
    "actor-profile": {"actor": "Ash Carter"},
    "control-timeline": {"place": "Qayara"},
    "documents-mentioning": {"entity": "Islamic State"},
    "events-near": {"lat": "36.34", "lon": "43.13", "km": "100"},
    "evidence": {"subject": "ckgd:person/ash-carter"},
    "meetings-between": {"actor": "Ash Carter", "other": "Haider al-Abadi"},
    "statements-by": {"actor": "Ash Carter"},
    "deployments": {"country": "Iraq", "from": "2016-01-01"},
    "deadly-attacks": {"min": "10"},
    "events-in-period": {"from": "2018-07-01", "to": "2018-07-31"},
    "incidents": {},
}


def _shift(value: str, days: int) -> str:
    """Move a YYYY / YYYY-MM / YYYY-MM-DD date by ``days``, keeping its precision."""
    parts = [int(p) for p in value.split("-")]
    moved = date(parts[0], parts[1] if len(parts) > 1 else 7, parts[2] if len(parts) > 2 else 1) + timedelta(days)
    return moved.isoformat()[: len(value)]


def _copy(facts: Facts, n: int, days: int, rng: random.Random) -> Facts:
    """Article ``facts`` as copy ``n``: its own id and title, dates moved, figures varied."""
    doc = dataclasses.replace(facts.document, id=f"{facts.document.id}-copy{n}",
                              title=f"{facts.document.title} ({n})")
    events = []
    for v in facts.events:
        when = None if v.date is None else DateValue(_shift(v.date.value, days), v.date.precision, v.date.text)
        figures = {k: Quantity(max(1.0, round(q.value * rng.uniform(0.6, 1.4))), q.qualifier, q.text)
                   for k, q in v.quantities.items()}
        events.append(dataclasses.replace(v, date=when, quantities=figures))
    return dataclasses.replace(facts, document=doc, events=events)


def build_graph(store: KGStore, target: int, seed: int = 7) -> tuple[int, int, float]:
    """Fill ``store`` with copies of the extracted sources until ~``target`` triples."""
    from kg.extract import Extractor

    rng = random.Random(seed)
    extractor = Extractor()
    originals = [extractor.extract(r.document) for r in read_all(SOURCES) if r.document is not None]
    sizes = [len(facts_to_triples(f)[1]) for f in originals]
    started, triples, n, earlier = time.perf_counter(), 0, 0, []
    while triples < target:
        if earlier and rng.random() < 0.25:
            i, days = rng.choice(earlier)  # a second source on the same article's events
        else:
            i, days = n % len(originals), rng.randrange(0, 3650)
            earlier.append((i, days))
        graph_iri, quads = facts_to_triples(_copy(originals[i], n, days, rng))
        store.replace_graph(graph_iri, quads)
        triples += sizes[i]
        n += 1
    return n, store.stats().triples, time.perf_counter() - started


def fuse(store: KGStore) -> tuple[int, int, float]:
    """Group the stored reports into incidents, as ``kg build`` does; (reports, incidents, s)."""
    from kg.fuse.index import fuse_store

    started = time.perf_counter()
    groups = fuse_store(store)
    return sum(len(g.reports) for g in groups), len(groups), time.perf_counter() - started


def timed(store: KGStore, text: str, runs: int = 3) -> tuple[float, int]:
    store.query(text)  # warm-up
    times, rows = [], 0
    for _ in range(runs):
        t = time.perf_counter()
        result = store.query(text)
        times.append(time.perf_counter() - t)
        rows = len(result.rows)
    return statistics.median(times), rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--store", type=Path, help="reuse (or keep) the store in this folder")
    parser.add_argument("--no-fuse", action="store_true", help="leave the reports unfused (no incidents)")
    parser.add_argument("--only", nargs="+", metavar="NAME", help="time only these canned queries")
    args = parser.parse_args()
    console = Console()
    with tempfile.TemporaryDirectory(prefix="kg-bench-q-") as tmp:
        path = args.store or Path(tmp) / "store"
        fresh = not path.exists()
        with KGStore.open(path) as store:
            if fresh:
                docs, triples, seconds = build_graph(store, args.triples)
                console.print(f"built {docs} documents, {triples:,} triples in {seconds:.0f} s")
                if not args.no_fuse:
                    reports, incidents, seconds = fuse(store)
                    console.print(f"fused {reports:,} reports into {incidents:,} incidents in "
                                  f"{seconds:.0f} s: {store.stats().triples:,} triples")
            else:
                console.print(f"reusing {path}: {store.stats().triples:,} triples")
            base, _ = timed(store, BASELINE)
            table = Table(title=f"canned queries, baseline full scan {base * 1000:.0f} ms")
            for col in ("query", "params", "rows", "ms", "ratio to full scan"):
                table.add_column(col, justify="left" if col in ("query", "params") else "right")
            for name, q in load_queries(ROOT / "queries").items():
                if args.only and name not in args.only:
                    continue
                params = EXAMPLES.get(name, {})
                seconds, rows = timed(store, bind(q, params))
                table.add_row(name, " ".join(f"{k}={v}" for k, v in params.items()), f"{rows:,}",
                              f"{seconds * 1000:.0f}", f"{seconds / base:.2f}x")
            console.print(table)


if __name__ == "__main__":
    main()
