"""Benchmark (issue 14): a corpus of ``--docs`` articles (10,000 by default) through the real
``kg build``, then every canned query and ``kg serve`` under 8 concurrent clients, on that store.

1. **Corpus.** The real articles of seeds/, tests/data/corpus, tests/data/queries and
   tests/data/heldout/corpus (each with its metadata sidecar) are copied to ``--docs`` files.
   Copy ``c`` of an article has its own title (numbered first, so its own document id) and its
   dates moved: every year in the text and the publication date go back ``c % 100`` years and
   every month name (and the publication month) turns ``(c // 100) % 12`` months on, so the
   copies report different events (on other days, in other months and years), as a real
   archive would, instead of 400 copies of one event that fusion would pile into one incident.
2. **Build.** ``kg build CORPUS --store STORE --jobs 2`` (fusion on, the default) as a child
   process: wall time, peak memory (the whole process tree's resident memory, sampled every
   0.5 s with psutil when it is installed; else the largest process, from
   ``resource.getrusage(RUSAGE_CHILDREN)``), the store's size on disk and its triples.
3. **Canned queries.** Each query of queries/ with example parameters, run as the API runs it
   (kg.query.paging): the first page (100 rows) and the total count, each the median (p50) of
   ``--runs`` runs after one warm-up, on pyoxigraph through KGStore (read-only).
4. **Server.** ``kg serve`` on the store; ``--clients`` threads (8) each send ``--requests``
   requests to ``/api/queries/NAME`` (first page + total), light and heavy queries in turn;
   p50/p95 per class and overall, and any non-200 answer.

Results are printed and written as JSON (``--json``). Not part of the test suite.

    python benchmarks/bench_scale.py [--docs 10000] [--store DIR] [--skip-build] [--jobs 2]
                                     [--runs 3] [--clients 8] [--requests 12] [--skip-serve]
                                     [--only NAME ...] [--skip NAME ...] [--queries DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Optional

import yaml
from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from machine import machine  # noqa: E402

from kg.query import paging  # noqa: E402
from kg.query.canned import bind, load_queries  # noqa: E402
from kg.store.core import KGStore  # noqa: E402

SOURCES = [ROOT / "seeds", ROOT / "tests" / "data" / "corpus", ROOT / "tests" / "data" / "queries",
           ROOT / "tests" / "data" / "heldout" / "corpus"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
_MONTH = re.compile(r"\b(" + "|".join(MONTHS) + r")\b")
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-3]\d)\b")

#: Example parameters: names that occur in the articles, periods the shifted copies fill.
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
    "incidents": {},  # the plain listing (issue 11); with a country: docs/speed.md
    "places-by-attacks": {"country": "Nigeria"},
}
#: Queries that start from one named thing or a short period: the issue's "light" ones (< 0.1 s).
LIGHT = {"actor-profile", "control-timeline", "evidence", "meetings-between", "statements-by",
         "events-in-period", "documents-mentioning", "events-near", "recent-documents"}
#: What the server clients send, in turn (light ones and heavy listings).
SERVE_LIGHT = ["actor-profile", "control-timeline", "evidence", "statements-by", "events-in-period"]
SERVE_HEAVY = ["attacks", "incidents", "deadly-attacks", "places-by-attacks", "captures"]


# ----------------------------------------------------------------------------- corpus

@dataclass(frozen=True)
class Article:
    name: str
    text: str
    meta: dict[str, Any]


def originals() -> list[Article]:
    """The real articles (``.txt`` with a ``.meta.yaml`` sidecar) of SOURCES."""
    found = []
    for folder in SOURCES:
        for path in sorted(folder.glob("*.txt")):
            side = path.with_name(path.name + ".meta.yaml")
            meta = yaml.safe_load(side.read_text(encoding="utf-8")) if side.is_file() else {}
            found.append(Article(path.name, path.read_text(encoding="utf-8"), dict(meta or {})))
    if not found:
        sys.exit("no articles found in " + ", ".join(str(s) for s in SOURCES))
    return found


def shift_text(text: str, years: int, months: int) -> str:
    """Every year ``years`` earlier and every month name ``months`` later (wrapping around)."""
    text = _YEAR.sub(lambda m: str(int(m.group(1)) - years), text)
    return _MONTH.sub(lambda m: MONTHS[(MONTHS.index(m.group(1)) + months) % 12], text)


def shift_date(value: Any, years: int, months: int) -> Optional[str]:
    """A publication date moved like the text (the day kept, at most 28)."""
    if not value:
        return None
    d = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    return date(d.year - years, (d.month - 1 + months) % 12 + 1, min(d.day, 28)).isoformat()


def make_corpus(folder: Path, n: int) -> int:
    """Write ``n`` article files with sidecars into ``folder``; returns the words written."""
    folder.mkdir(parents=True, exist_ok=True)
    articles, words = originals(), 0
    for i in range(n):
        a = articles[i % len(articles)]
        copy = i // len(articles)
        years, months = copy % 100, (copy // 100) % 12
        text = shift_text(a.text, years, months)
        meta = dict(a.meta)
        meta["title"] = f"{i + 1}: {shift_text(str(meta.get('title') or a.name), years, months)}"
        published = shift_date(meta.get("published"), years, months)
        if published:
            meta["published"] = published
        target = folder / f"{i:05d}-{a.name}"
        target.write_text(text, encoding="utf-8")
        (folder / (target.name + ".meta.yaml")).write_text(
            yaml.safe_dump(meta, allow_unicode=True, sort_keys=False), encoding="utf-8")
        words += len(text.split())
    return words


# ----------------------------------------------------------------------------- build

def _tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants (0 when it is gone)."""
    import psutil

    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0
    total = 0
    for p in procs:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass
    return total


def run_build(corpus: Path, store: Path, jobs: int, log: Path) -> dict[str, Any]:
    """``kg build`` as a child process; wall time and peak memory."""
    try:
        import psutil  # noqa: F401
        sampled = True
    except ImportError:
        sampled = False
    cmd = [sys.executable, "-m", "kg", "--store", str(store), "build", str(corpus),
           "--jobs", str(jobs)]
    peak = 0
    started = time.perf_counter()
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
        while proc.poll() is None:
            if sampled:
                peak = max(peak, _tree_rss(proc.pid))
            time.sleep(0.5)
    seconds = time.perf_counter() - started
    largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024  # KiB on Linux
    if proc.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-2000:]
        sys.exit(f"kg build failed (exit {proc.returncode}); the end of {log}:\n{tail}")
    return {"seconds": seconds, "peak_tree_rss": peak if sampled else None,
            "largest_process_rss": largest, "command": " ".join(cmd[1:])}


def disk_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


# ----------------------------------------------------------------------------- queries

def _p50(store: KGStore, text: str, runs: int) -> tuple[float, list, float]:
    """Median seconds of ``runs`` runs after one warm-up, the last run's rows, and the median
    CPU seconds of the process (less sensitive than the wall time to other work on the machine)."""
    rows = store.query(text).rows
    times, cpu = [], []
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time()
        rows = store.query(text).rows
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    return statistics.median(times), rows, statistics.median(cpu)


def time_queries(store_path: Path, runs: int, only: Optional[set[str]],
                 queries_dir: Path = ROOT / "queries") -> list[dict[str, Any]]:
    """First page and total count of every canned query, as the API computes them."""
    out = []
    with KGStore.open(store_path, read_only=True) as store:
        for name, q in load_queries(queries_dir).items():
            if only and name not in only:
                continue
            params = EXAMPLES.get(name, {})
            text = bind(q, params)
            page = paging.Page(paging.DEFAULT_LIMIT, 0)
            fetched = paging.window(text, page)  # a ranking's first 2,001 rows, else the page
            page_s, fetched_rows, page_cpu = _p50(store, paging.page_query(text, fetched), runs)
            rows, shown_total = paging.cut(page, fetched, fetched_rows)
            count_s, counted, count_cpu = _p50(store, paging.count_query(text), runs)
            total = int(counted[0][0]) if counted else 0
            assert shown_total in (None, total), (name, shown_total, total)
            needs_count = shown_total is None
            out.append({"query": name, "params": params, "light": name in LIGHT,
                        "page_rows": len(rows), "fetched_rows": len(fetched_rows),
                        "total": total, "page_s": page_s,
                        "count_s": count_s, "api_s": page_s + (count_s if needs_count else 0.0),
                        "page_cpu_s": page_cpu, "count_cpu_s": count_cpu,
                        "load_1min": os.getloadavg()[0]})
            print(f"  {name}: page {page_s * 1000:.0f} ms, count {count_s * 1000:.0f} ms "
                  f"(CPU {page_cpu * 1000:.0f} / {count_cpu * 1000:.0f} ms), {total:,} rows, "
                  f"load {os.getloadavg()[0]:.1f}", file=sys.stderr, flush=True)
    return out


# ----------------------------------------------------------------------------- server

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, max(0, round(p / 100 * len(xs) + 0.5) - 1))] if xs else float("nan")


def serve_load(store_path: Path, clients: int, requests: int, timeout_s: float) -> dict[str, Any]:
    """``kg serve`` with ``clients`` threads sending ``requests`` each; latencies by class."""
    import httpx

    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    cmd = [sys.executable, "-m", "kg", "--store", str(store_path), "serve", "--port", str(port),
           "--timeout", str(timeout_s), "--queries-dir", str(ROOT / "queries")]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while True:
            if proc.poll() is not None:
                sys.exit(f"kg serve exited: {proc.stderr.read().decode()[-2000:]}")
            try:
                if httpx.get(base + "/sparql?query=ASK%7B%7D", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                sys.exit("kg serve did not answer within 120 s")
            time.sleep(0.2)
        mix = [(n, "light") for n in SERVE_LIGHT] + [(n, "heavy") for n in SERVE_HEAVY]
        urls = {n: f"{base}/api/queries/{n}?" + urllib.parse.urlencode(EXAMPLES.get(n, {}))
                for n, _ in mix}
        with httpx.Client(timeout=timeout_s + 30) as client:  # warm-up: each query once
            for n, _ in mix:
                client.get(urls[n])
        results: list[tuple[str, str, float, int]] = []
        lock = threading.Lock()

        def worker(k: int) -> None:
            with httpx.Client(timeout=timeout_s + 30) as client:
                for j in range(requests):
                    name, kind = mix[(k + j) % len(mix)]
                    t = time.perf_counter()
                    try:
                        status = client.get(urls[name]).status_code
                    except httpx.HTTPError:
                        status = 0
                    took = time.perf_counter() - t
                    with lock:
                        results.append((name, kind, took, status))

        started = time.perf_counter()
        threads = [threading.Thread(target=worker, args=(k,)) for k in range(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - started
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    summary: dict[str, Any] = {"clients": clients, "requests": len(results), "wall_s": wall,
                               "errors": sum(1 for r in results if r[3] != 200)}
    for kind in ("light", "heavy", "all"):
        xs = [r[2] for r in results if kind == "all" or r[1] == kind]
        summary[kind] = {"n": len(xs), "p50_s": _pct(xs, 50), "p95_s": _pct(xs, 95),
                         "max_s": max(xs) if xs else float("nan")}
    by_query: dict[str, list[float]] = {}
    for name, _, took, _ in results:
        by_query.setdefault(name, []).append(took)
    summary["by_query"] = {n: {"n": len(xs), "p50_s": _pct(xs, 50), "p95_s": _pct(xs, 95)}
                           for n, xs in by_query.items()}
    return summary


# ----------------------------------------------------------------------------- report

def print_report(console: Console, res: dict[str, Any]) -> None:
    b = res.get("build")
    if b:
        peak = b["peak_tree_rss"] or b["largest_process_rss"]
        console.print(f"build: {res['docs']:,} documents ({res.get('words', 0):,} words) in "
                      f"{b['seconds']:.0f} s ({res['docs'] / b['seconds']:.1f} docs/s), peak memory "
                      f"{peak / 2**30:.2f} GB"
                      + ("" if b["peak_tree_rss"] else " (largest process)"))
    console.print(f"store: {res['triples']:,} triples, {res['store_bytes'] / 2**30:.2f} GB on disk")
    table = Table(title="canned queries: first page (100 rows) and total count, p50")
    for col in ("query", "params", "rows", "page ms", "count ms", "page+total ms", "target"):
        table.add_column(col, justify="left" if col in ("query", "params", "target") else "right")
    for q in res.get("queries", []):
        limit = 0.1 if q["light"] else 1.0
        table.add_row(q["query"], " ".join(f"{k}={v}" for k, v in q["params"].items()),
                      f"{q['total']:,}", f"{q['page_s'] * 1000:.0f}", f"{q['count_s'] * 1000:.0f}",
                      f"{q['api_s'] * 1000:.0f}",
                      f"{'light' if q['light'] else 'heavy'} < {limit:g} s: "
                      f"{'met' if q['api_s'] < limit else 'NOT met'}")
    console.print(table)
    timed = res.get("queries", [])
    met = [q for q in timed if q["api_s"] < (0.1 if q["light"] else 1.0)]
    console.print(f"targets (p50 of first page + total: light < 0.1 s, others < 1 s): "
                  f"{len(met)} of {len(timed)} met"
                  + ("" if len(met) == len(timed) else "; not met: " + ", ".join(
                      q["query"] for q in timed if q not in met)))
    s = res.get("serve")
    if s:
        console.print(f"kg serve, {s['clients']} clients, {s['requests']} requests in "
                      f"{s['wall_s']:.0f} s, {s['errors']} not 200")
        for kind in ("light", "heavy", "all"):
            k = s[kind]
            console.print(f"  {kind}: n={k['n']} p50 {k['p50_s'] * 1000:.0f} ms, "
                          f"p95 {k['p95_s'] * 1000:.0f} ms, max {k['max_s'] * 1000:.0f} ms")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=10_000, help="articles in the corpus (10,000)")
    ap.add_argument("--store", type=Path, help="the store folder (default: in the temp folder)")
    ap.add_argument("--corpus", type=Path, help="where to write the articles (default: beside the store)")
    ap.add_argument("--skip-build", action="store_true", help="use the store as it is")
    ap.add_argument("--jobs", type=int, default=2, help="kg build --jobs (2)")
    ap.add_argument("--runs", type=int, default=3, help="timed runs per query after a warm-up (3)")
    ap.add_argument("--clients", type=int, default=8, help="concurrent server clients (8)")
    ap.add_argument("--requests", type=int, default=12, help="requests per client (12)")
    ap.add_argument("--serve-timeout", type=float, default=120.0, help="kg serve --timeout (120 s)")
    ap.add_argument("--skip-serve", action="store_true", help="leave out the server load")
    ap.add_argument("--only", nargs="+", metavar="NAME", help="time only these canned queries")
    ap.add_argument("--skip", nargs="+", metavar="NAME", default=[],
                    help="leave these canned queries out")
    ap.add_argument("--queries", type=Path, default=ROOT / "queries",
                    help="the folder of .rq files to time (default: queries/; another version "
                         "of them compares two formulations on one store)")
    ap.add_argument("--json", type=Path, help="write the results here (default: beside the store)")
    args = ap.parse_args()
    console = Console(stderr=True)
    work = Path(tempfile.gettempdir()) / f"kg-bench-scale-{args.docs}"
    store = args.store or work / "store"
    corpus = args.corpus or store.parent / "corpus"
    res: dict[str, Any] = {"docs": args.docs, "machine": machine(), "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}
    if not args.skip_build:
        if store.exists():
            sys.exit(f"{store} exists: remove it, or give --skip-build to measure it as it is")
        shutil.rmtree(corpus, ignore_errors=True)
        t = time.perf_counter()
        res["words"] = make_corpus(corpus, args.docs)
        console.print(f"corpus: {args.docs:,} articles, {res['words']:,} words in {corpus} "
                      f"({time.perf_counter() - t:.0f} s)")
        store.parent.mkdir(parents=True, exist_ok=True)
        res["build"] = b = run_build(corpus, store, args.jobs, store.parent / "build.log")
        peak = b["peak_tree_rss"] or b["largest_process_rss"]
        console.print(f"built in {b['seconds']:.0f} s, peak memory {peak / 2**30:.2f} GB")
    elif not store.exists():
        sys.exit(f"--skip-build: no store at {store}")
    out = args.json or store.parent / "bench_scale.json"

    def save() -> None:
        """Write what is measured so far (a later phase may be stopped)."""
        out.write_text(json.dumps(res, indent=2, default=str), encoding="utf-8")

    save()
    res["store_bytes"] = disk_size(store)
    with KGStore.open(store, read_only=True) as st:
        stats = st.stats()
    res["triples"], res["documents"], res["types"] = stats.triples, stats.documents, stats.types
    console.print(f"store: {stats.triples:,} triples, {stats.documents:,} documents")
    save()
    names = set(args.only) if args.only else set(load_queries(args.queries))
    res["queries"] = time_queries(store, args.runs, names - set(args.skip), args.queries)
    save()
    if not args.skip_serve:
        res["serve"] = serve_load(store, args.clients, args.requests, args.serve_timeout)
    save()
    print_report(console, res)
    console.print(f"results: {out}")


if __name__ == "__main__":
    main()
