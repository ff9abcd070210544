"""Benchmark: ``kg reason`` (owlready2 + HermiT) and ``kg validate`` (pySHACL) on an N-document store.

The store is made without re-running spaCy for every copy: the 24 reports of tests/data/corpus
and the seed are extracted once, then their facts are stored N times under N document ids
(``<i>-<id>``), so events, mentions and articles are distinct per copy while actors and places
are shared across copies, as in a real store. Then, one after the other in this process:

* ``reason``: kg.store.reason.reason_store over the whole store (read, HermiT, materialise, write);
* ``validate`` (with ``--validate``): kg.store.validate.validate_store over every document graph.

Peak memory: this process's high-water RSS, and the largest child's (HermiT runs in a Java
process). Not part of the test suite.

    python benchmarks/bench_reason.py [--docs 1000] [--validate]
"""

from __future__ import annotations

import argparse
import dataclasses
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.extract import Extractor  # noqa: E402
from kg.graph.mapping import facts_to_triples  # noqa: E402
from kg.read.reader import discover, read_all  # noqa: E402
from kg.store.core import KGStore  # noqa: E402
from kg.store.reason import reason_store  # noqa: E402
from kg.store.validate import validate_store  # noqa: E402

SOURCES = (ROOT / "tests" / "data" / "corpus", ROOT / "seeds")


def _mb(kb: int) -> float:
    return kb / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--validate", action="store_true", help="also time kg validate over every graph")
    args = ap.parse_args()

    t = time.perf_counter()
    extractor = Extractor()
    originals = [r.document for r in read_all(discover(list(SOURCES))) if r.document is not None]
    base = [extractor.extract(doc) for doc in originals]
    print(f"extracted {len(base)} originals in {time.perf_counter() - t:.1f} s", flush=True)

    with tempfile.TemporaryDirectory(prefix="bench-reason-") as tmp, KGStore.open(Path(tmp) / "store") as store:
        t = time.perf_counter()
        triples = 0
        for i in range(args.docs):
            facts = base[i % len(base)]
            meta = dataclasses.replace(facts.document, id=f"{i:05d}-{facts.document.id}"[:80])
            graph_iri, graph = facts_to_triples(dataclasses.replace(facts, document=meta))
            triples += store.replace_graph(graph_iri, graph)
        print(f"stored {args.docs} documents, {triples} triples, in {time.perf_counter() - t:.1f} s", flush=True)

        t = time.perf_counter()
        result = reason_store(store)
        took = time.perf_counter() - t
        print(f"reason: {took:.1f} s total (owlready2 load {result.seconds_load:.1f} s, HermiT "
              f"{result.seconds_reasoner:.1f} s); {result.input_triples} input triples, "
              f"{result.individuals} individuals, {result.inferred} inferred triples; consistent: "
              f"{result.consistent}", flush=True)

        if args.validate:
            t = time.perf_counter()
            reports = validate_store(store)
            bad = sum(1 for r in reports if not r.conforms)
            print(f"validate: {len(reports)} graphs in {time.perf_counter() - t:.1f} s, {bad} violate", flush=True)

    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(f"peak RSS: this process {_mb(own):.0f} MB, largest child (Java/HermiT) {_mb(child):.0f} MB")


if __name__ == "__main__":
    main()
