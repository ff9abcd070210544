"""Benchmark: fusion alone, driven the way ``kg build`` drives it (issue 11 / issue 14).

The corpus is bench_build's (``make_corpus``: the 24 reports of tests/data/corpus and the seed
copied to N files, each copy its own document id, same dates), so a (family, country, month)
block holds up to 920 reports and one incident ~40. It is extracted and mapped **once** (the
slow part, a few minutes for 1,000 documents) and cached as N-Triples lines (Turtle for multi-line literals) in a pickle under the
temp folder (read back as the pyoxigraph terms the build's prepared graphs hold); the timed part then runs, per document count, what the build's store
thread runs for fusion:

* ``reports_from_triples`` of each document's mapped triples (on the build's extracting thread);
* ``FusionIndex.plan_many`` for each write batch (``--batch`` documents, in file order as
  ``kg build`` writes them) and ``Plan.apply`` after the write;
* with ``--write``, the incident graphs of each plan written to an in-memory KGStore
  (``replace_graphs``; the build writes them in the documents' transaction).

Printed: CPU seconds of this process (``--wall``: wall-clock seconds), ms per document, and the share of a build whose time without fusion is
``--build-ms`` per document (145 ms: ``kg build --jobs 1`` at 1,000 documents, docs/speed.md),
i.e. fusion / (build + fusion). ``--check`` also compares the incidents the batches left with
one clustering of all reports at once (they must be equal: fusion is order-independent).

``--scale`` uses bench_scale's corpus instead, where copy c of an article has its years moved
back c%100 and its months on (c//100)%12, so that copies tell distinct events and a component
holds thousands of groups (issue 14). Only the 37 originals are extracted (cached); copy c's
reports are theirs with the dates and publication dates shifted as the text would be (an
approximation of extracting the shifted text: the same places, actors and sentences).
``--check`` then also compares the ckg:fulfils links. With ``--reread`` each copy's reports are
read from its original's mapped triples (``reports_from_triples``, timed as the build's reading
is), so every document has its own objects as in a build, instead of sharing its original's
places, actors and fingerprint (which made the reports look ~5 times smaller than a build's).

``--memory`` prints, after each run, the bytes each structure of the index holds (deep
``sys.getsizeof``, every object counted once, in the structure that reaches it first: the
reports first, so the rest is what the index adds to them) per document, and the process's
resident memory (issue 14: fusion's memory must grow at most linearly with the reports).

    python benchmarks/bench_fusion.py [--docs 200 1000] [--batch 16] [--write] [--check] [--scale] [--memory]
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import pickle
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any, Callable, Optional

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from kg.fuse.cluster import cluster  # noqa: E402
from kg.fuse.config import load_config  # noqa: E402
from kg.fuse.index import FusionIndex  # noqa: E402
from kg.fuse.model import reports_from_triples  # noqa: E402

CACHE = Path(tempfile.gettempdir()) / "kg-bench-fusion"
# CPU time of this process (all its threads): the machine is shared, and wall time there
# measures the neighbours as much as fusion. --wall switches to wall time.
CLOCK = time.process_time

Triples = list[tuple]


def corpus_triples(n: int, refresh: bool = False) -> list[tuple[str, Triples]]:
    """(document id, mapped triples as pyoxigraph terms) of the first ``n`` bench_build documents,
    extracted once and cached (a prefix of a larger cached corpus is reused: make_corpus names
    and titles file i the same whatever the total)."""
    CACHE.mkdir(exist_ok=True)
    cached = sorted((int(p.stem.split("-")[1]), p) for p in CACHE.glob("ntriples-*.pkl"))
    docs = None
    if not refresh:
        for size, path in cached:
            if size >= n:
                with path.open("rb") as fh:
                    docs = pickle.load(fh)[:n]
                break
    if docs is None:
        docs = _extract(n)
        with (CACHE / f"ntriples-{n}.pkl").open("wb") as fh:
            pickle.dump(docs, fh, protocol=pickle.HIGHEST_PROTOCOL)
    import pyoxigraph as ox

    return [(doc_id, [(t.subject, t.predicate, t.object) for t in ox.parse(text.encode("utf-8"), ox.RdfFormat.TURTLE)])
            for doc_id, text in docs]


def _extract(n: int) -> list[tuple[str, str]]:
    """Read, extract and map ``n`` bench_build documents (kg build's steps before the store)."""
    from bench_build import documents, make_corpus

    from kg.extract import Extractor
    from kg.graph import mapping

    with tempfile.TemporaryDirectory(prefix="kg-bench-fusion-") as tmp:
        src = Path(tmp)
        make_corpus(src, n)
        docs = documents(src)  # sorted by file name, as kg build reads them
    print(f"extracting {len(docs)} documents once (cached in {CACHE}) ...", file=sys.stderr)
    out = []
    start = CLOCK()
    for facts in Extractor().extract_many(docs):
        _, graph = mapping.facts_to_triples(facts)
        out.append((facts.document.id, "".join(f"{s.n3()} {p.n3()} {o.n3()} .\n" for s, p, o in graph)))
    print(f"  {CLOCK() - start:.0f} s", file=sys.stderr)
    return out


def _shift(value: Optional[str], years: int, months: int) -> Optional[str]:
    """An ISO date (day, month or year precision) moved as bench_scale.shift_text moves it."""
    if not value:
        return value
    y = int(value[:4]) - years
    if len(value) < 7:
        return f"{y:04d}" + value[4:]
    m = (int(value[5:7]) - 1 + months) % 12 + 1
    if len(value) < 10:
        return f"{y:04d}-{m:02d}" + value[7:]
    return date(y, m, min(int(value[8:10]), 28)).isoformat() + value[10:]


def _originals(name: str, convert: Callable[[Any, list], Any]) -> list:
    """bench_scale's originals, each extracted, mapped and passed to ``convert(facts, triples)``
    once; the results are cached in ``name`` under the benchmark's cache folder."""
    path = CACHE / name
    CACHE.mkdir(exist_ok=True)
    if path.is_file():
        return pickle.loads(path.read_bytes())
    from bench_build import documents
    from bench_scale import make_corpus, originals

    from kg.extract import Extractor
    from kg.graph import mapping

    with tempfile.TemporaryDirectory(prefix="kg-bench-fusion-") as tmp:
        make_corpus(Path(tmp), len(originals()))
        found = documents(Path(tmp))
    out = [convert(facts, list(mapping.facts_to_triples(facts)[1])) for facts in Extractor().extract_many(found)]
    path.write_bytes(pickle.dumps(out, protocol=pickle.HIGHEST_PROTOCOL))
    return out


def scale_triples() -> list[tuple[str, Triples]]:
    """(document id, mapped triples as pyoxigraph terms) of bench_scale's originals, extracted
    once and cached."""
    docs = _originals("scale-originals-nt.pkl", lambda facts, graph: (
        facts.document.id, "".join(f"{s.n3()} {p.n3()} {o.n3()} .\n" for s, p, o in graph)))
    import pyoxigraph as ox

    return [(doc_id, [(t.subject, t.predicate, t.object) for t in ox.parse(text.encode("utf-8"), ox.RdfFormat.TURTLE)])
            for doc_id, text in docs]


def _copy(i: int, doc: str, reps: list, n_orig: int) -> tuple[str, list]:
    """Document ``i`` of the scale corpus: its original ``doc``'s reports, moved as its text is."""
    c = i // n_orig
    years, months = c % 100, (c // 100) % 12
    d = f"{i:05d}-{doc}"
    return d, [dataclasses.replace(r, iri=f"{r.iri.replace(doc, d)}-{i}", doc_id=d, date=_shift(r.date, years, months),
                                   published=_shift(r.published, years, months)) for r in reps]


def scale_reread(n: int) -> list:
    """The first ``n`` documents of the scale corpus as (original's id, its triples, copy
    number): :func:`run` reads each copy's reports from the triples (``reread``)."""
    orig = scale_triples()
    return [(i, *orig[i % len(orig)], len(orig)) for i in range(n)]


def scale_reports(n: int) -> list[tuple[str, list]]:
    """(document id, reports) of the first ``n`` documents of a bench_scale-like corpus."""
    orig = _originals("scale-originals.pkl", lambda facts, graph: (
        facts.document.id, reports_from_triples(graph, facts.document.id)))
    return [_copy(i, *orig[i % len(orig)], len(orig)) for i in range(n)]


def deep_size(obj: object, seen: set[int]) -> int:
    """Bytes of ``obj`` and of everything it holds not in ``seen`` (which it fills)."""
    size, todo = 0, [obj]
    while todo:
        o = todo.pop()
        if id(o) in seen or o is None or isinstance(o, (bool, type)):
            continue
        seen.add(id(o))
        size += sys.getsizeof(o)
        if isinstance(o, dict):
            todo.extend(o.keys())
            todo.extend(o.values())
        elif isinstance(o, (list, tuple, set, frozenset)):
            todo.extend(o)
        elif dataclasses.is_dataclass(o):
            todo.extend(getattr(o, f.name) for f in dataclasses.fields(o))
        elif hasattr(type(o), "__slots__"):  # kg.fuse.memo.Memo
            todo.extend(getattr(o, n) for n in type(o).__slots__ if hasattr(o, n))
    return size


def memory(index: FusionIndex) -> dict[str, int]:
    """Bytes per structure of a FusionIndex (see --memory), the reports first."""
    seen: set[int] = set()
    out = {"reports": deep_size(index.reports, seen)}
    parts = {name: getattr(index, name) for name in vars(index) if name not in ("reports", "cfg", "scores", "plan_links")}
    parts.update({f"scores.{n}": v for n, v in vars(index.scores).items() if n != "cfg"})
    parts.update({f"plan_links.{n}": v for n, v in vars(index.plan_links).items() if n not in ("cfg", "scores")})
    for name, value in parts.items():
        out[name] = deep_size(value, seen)
    return out


def rss_mb() -> float:
    """Resident memory of this process now, MB (Linux)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except OSError:
        return float("nan")
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def run(docs: list, batch: int, write: bool, check: bool, parsed: bool = False, mem: bool = False,
        reread: bool = False) -> dict:
    """Fusion over ``docs`` as kg build drives it; timings in seconds (``parsed``: the docs
    are (id, reports) already; ``reread``: (copy number, original's id, its triples))."""
    cfg = load_config()
    t0 = CLOCK()
    if reread:
        reports = [_copy(i, doc, reports_from_triples(triples, doc), n_orig) for i, doc, triples, n_orig in docs]
    else:
        reports = docs if parsed else [(doc_id, reports_from_triples(triples, doc_id)) for doc_id, triples in docs]
    parse = CLOCK() - t0
    index = FusionIndex(cfg)
    store = None
    if write:
        from kg.store.core import KGStore

        store = KGStore.open(None)
    plan_s = apply_s = write_s = 0.0
    graphs_written = 0
    worst = 0.0
    for start in range(0, len(reports), batch):
        changes = dict(reports[start:start + batch])
        t0 = CLOCK()
        plan = index.plan_many(changes)
        t1 = CLOCK()
        if store is not None:
            store.replace_graphs(plan.graphs)
        t2 = CLOCK()
        plan.apply()
        t3 = CLOCK()
        plan_s += t1 - t0
        write_s += t2 - t1
        apply_s += t3 - t2
        worst = max(worst, t1 - t0)
        graphs_written += len(plan.graphs)
    result = {"docs": len(docs), "reports": sum(len(r) for _, r in reports), "parse": parse,
              "plan": plan_s, "apply": apply_s, "write": write_s, "worst_batch": worst,
              "graphs": graphs_written, "incidents": len(set(index.incident_of.values()))}
    if mem:
        result["memory"] = memory(index)
        result["rss_mb"] = rss_mb()
    if check:
        from kg.fuse.rdf import incident_iri

        groups = cluster([r for _, rs in reports for r in rs], cfg)
        whole = {str(incident_iri(g.reports[0].iri)): (frozenset(r.iri for r in g.reports),
                                                       str(incident_iri(g.fulfils[0])) if g.fulfils else None)
                 for g in groups}
        result["same_as_whole"] = whole == index.incidents
        result["same_members"] = {m for m, _ in whole.values()} == {m for m, _ in index.incidents.values()}
        result["links_differ"] = sum(1 for k, v in whole.items() if index.incidents.get(k) != v)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, nargs="+", default=[200, 1000], help="document counts (default 200 1000)")
    ap.add_argument("--batch", type=int, default=16, help="documents per write batch (kg build: 16 to 64)")
    ap.add_argument("--build-ms", type=float, default=145.0,
                    help="ms per document of kg build without fusion, for the share (default 145)")
    ap.add_argument("--write", action="store_true", help="also write the incident graphs to an in-memory store")
    ap.add_argument("--check", action="store_true", help="compare with one clustering of all reports")
    ap.add_argument("--wall", action="store_true", help="wall-clock time instead of this process's CPU time")
    ap.add_argument("--refresh", action="store_true", help="extract again instead of using the cache")
    ap.add_argument("--scale", action="store_true", help="bench_scale's corpus (shifted copies: distinct events)")
    ap.add_argument("--memory", action="store_true", help="bytes per document of each index structure, and RSS")
    ap.add_argument("--reread", action="store_true",
                    help="with --scale: read each copy's reports from the triples (own objects per document, as a build)")
    args = ap.parse_args()
    if args.wall:
        global CLOCK
        CLOCK = time.perf_counter
    if args.scale and args.reread:
        corpus = scale_reread(max(args.docs))
    else:
        corpus = scale_reports(max(args.docs)) if args.scale else corpus_triples(max(args.docs), args.refresh)
    print(f"{os.cpu_count()} CPUs; {'wall' if args.wall else 'CPU'} seconds; batches of {args.batch}; share = fusion / (fusion + {args.build_ms:.0f} ms/doc)")
    header = ("docs", "reports", "incidents", "parse s", "plan s", "apply s", "write s", "worst batch s",
              "fusion ms/doc", "share of build")
    print(" | ".join(header))
    for n in args.docs:
        r = run(corpus[:n], args.batch, args.write, args.check, parsed=args.scale and not args.reread, mem=args.memory,
                reread=args.scale and args.reread)
        total = r["parse"] + r["plan"] + r["apply"] + r["write"]
        per_doc = 1000 * total / r["docs"]
        share = per_doc / (per_doc + args.build_ms)
        row = [str(r["docs"]), str(r["reports"]), str(r["incidents"]), f"{r['parse']:.2f}", f"{r['plan']:.2f}",
               f"{r['apply']:.2f}", f"{r['write']:.2f}", f"{r['worst_batch']:.2f}", f"{per_doc:.1f}",
               f"{100 * share:.1f}%"]
        if "same_as_whole" in r:
            row.append("same as one clustering (incidents and links)" if r["same_as_whole"] else
                       f"members {'same as' if r['same_members'] else 'DIFFER from'} one clustering, "
                       f"{r['links_differ']} incidents' ckg:fulfils differ (a link to another component)")
        print(" | ".join(row), flush=True)
        if "memory" in r:
            total_b = sum(r["memory"].values())
            print(f"  memory after {n} documents: RSS {r['rss_mb']:.0f} MB; index {total_b / 1e6:.1f} MB "
                  f"({total_b / n:.0f} B/doc); bytes per document by structure:")
            for name, b in sorted(r["memory"].items(), key=lambda x: -x[1]):
                print(f"    {name:26s} {b / n:10.0f}  ({b / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
