"""Benchmark: canned-query latency through ``kg serve`` (HTTP) vs pyoxigraph directly vs rdflib.

A synthetic graph of >= 1,000,000 triples is made the way the pipeline makes one: synthetic
kg-facts documents (shared actors and places, events with roles, dates, tolls, evidence and
mentions with offsets into a generated article text) mapped by ``kg.graph.mapping`` and stored as
named graphs plus their union (KGStore's layout). Then every canned query in ``queries/``
(defaults, plus a value for required parameters) runs

* through a running ``kg serve`` over HTTP: ``/api/queries/NAME`` (JSON rows) and ``/sparql``
  (the bound text, SPARQL JSON results);
* on pyoxigraph directly (``Store.read_only(...).query``, every row's terms read);
* on rdflib's in-memory ``Graph`` (loaded once; each query runs in a forked child that is
  killed at ``--rdflib-timeout``, so a slow query costs at most that).

p50/p95 over ``--reps`` runs (rdflib: at most 3) and the ratios are printed in one table.
Not part of the test suite. ~10-15 minutes at the defaults::

    python benchmarks/bench_server.py [--triples 1000000] [--reps 20] [--rdflib-timeout 20]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import pickle
import random
import re
import shutil
import signal
import statistics
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Optional

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from kg.graph.mapping import facts_to_triples  # noqa: E402
from kg.models import (  # noqa: E402
    DateValue,
    DocumentMeta,
    Entity,
    Event,
    Evidence,
    Facts,
    Geo,
    Mention,
    Quantity,
)
from kg.query import canned  # noqa: E402
from kg.store.sparql import KNOWN_PREFIXES, mask_sparql, to_ox  # noqa: E402

# --- a synthetic corpus in the pipeline's own shape ------------------------------------------

VERBS = {"Attack": "attacked", "Capture": "captured", "Deployment": "deployed troops to",
         "Meeting": "met", "Statement": "said", "Visit": "visited"}


class Pools:
    """Shared actors and places, so documents overlap the way real news does."""

    def __init__(self, rng: random.Random) -> None:
        self.countries = [(f"Country {i}", f"{chr(65 + i // 26)}{chr(65 + i % 26)}") for i in range(60)]
        self.places = [(f"Town {i}", 100000 + i, self.countries[rng.randrange(60)][1],
                        Geo(rng.uniform(-30, 45), rng.uniform(-20, 80))) for i in range(2000)]
        self.groups = [f"Armed Group {i}" for i in range(250)]
        self.forces = [f"Forces of Country {i}" for i in range(60)]
        self.people = [f"Person {i}" for i in range(800)]
        self.orgs = [f"Agency {i}" for i in range(80)]


def synthetic_facts(n: int, pools: Pools, rng: random.Random, events: int = 12) -> Facts:
    """One document: ~15 entities and ``events`` events, each told in its own sentence."""
    entities: dict[str, Entity] = {}

    def entity(kind: str, name: str, **extra) -> str:
        if name not in entities:
            eid = f"E{len(entities) + 1}"
            entities[name] = Entity(id=eid, type=kind, name=name, **extra)
        return entities[name].id

    def place() -> str:
        name, gid, cc, geo = rng.choice(pools.places)
        return entity("Location", name, links={"geonames": str(gid)}, geo=geo,
                      attributes={"country_code": cc})

    def actor() -> str:
        r = rng.random()
        if r < 0.45:
            return entity("ArmedGroup", rng.choice(pools.groups))
        if r < 0.8:
            i = rng.randrange(60)
            return entity("ArmedForce", pools.forces[i],
                          attributes={"country_code": pools.countries[i][1]})
        name, cc = rng.choice(pools.countries)
        return entity("Country", name, attributes={"country_code": cc})

    def person() -> str:
        return entity("Person", rng.choice(pools.people), attributes={"title": "spokesman"})

    text_parts = [f"Synthetic report {n}", ""]
    pos = len(text_parts[0]) + 2
    out_events: list[Event] = []
    mentions: dict[str, list[Mention]] = {}
    for k in range(events):
        typ = rng.choice(list(VERBS))
        if typ == "Attack":
            roles = {"perpetrator": [actor()], "target": [actor()], "location": [place()]}
        elif typ == "Capture":
            roles = {"captor": [actor()], "place": [place()], "former": [actor()]}
        elif typ == "Deployment":
            roles = {"agent": [actor()], "destination": [place()]}
        elif typ == "Meeting":
            roles = {"participants": [person(), person()], "location": [place()]}
        elif typ == "Statement":
            roles = {"speaker": [person()], "about": [actor()]}
        else:
            roles = {"visitor": [person()], "location": [place()]}
        by_id = {e.id: e for e in entities.values()}
        fillers = [by_id[i] for ids in roles.values() for i in ids]
        words = [fillers[0].name, VERBS[typ]] + [f.name for f in fillers[1:]]
        sentence = " ".join(words) + f" in month {k + 1}."
        start = pos
        trig_at = start + sentence.index(VERBS[typ])
        cursor = start
        for f in fillers:
            at = pos + sentence.index(f.name, cursor - pos)
            mentions.setdefault(f.id, []).append(Mention(at, at + len(f.name), f.name, k + 1))
            cursor = at + len(f.name)
        year = rng.randrange(2014, 2025)
        date = DateValue(f"{year}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}", "day", "")
        quantities = {}
        if typ == "Attack":
            quantities = {"fatalities": Quantity(rng.randrange(0, 80), "exact", ""),
                          "injuries": Quantity(rng.randrange(0, 50), "approximate", "")}
        elif typ == "Deployment":
            quantities = {"troops": Quantity(rng.randrange(50, 5000), "exact", "")}
        out_events.append(Event(
            id=f"V{k + 1}", type=typ, roles=roles, quantities=quantities, date=date,
            trigger=Mention(trig_at, trig_at + len(VERBS[typ].split()[0]), VERBS[typ].split()[0], k + 1),
            evidence=Evidence(k + 1, start, start + len(sentence), sentence),
            modality=rng.choice(["asserted"] * 8 + ["planned", "negated"]), confidence=0.8))
        text_parts.append(sentence)
        pos += len(sentence) + 1
    text = "\n\n".join([text_parts[0], " ".join(text_parts[2:])])
    for e in entities.values():
        e.mentions = mentions.get(e.id, [])
    meta = DocumentMeta(id=f"synthetic-report-{n}-{n:010x}", title=f"Synthetic report {n}",
                        publisher="Bench Wire", published=f"20{14 + n % 11}-06-01", sha256="0" * 64)
    # the text built above has the title then one paragraph; offsets were counted the same way
    return Facts(document=meta, entities=list(entities.values()), events=out_events,
                 extractor="bench/1", text=text)


def build_store(path: Path, n_triples: int, nt_path: Path) -> tuple[int, int]:
    """Write the synthetic documents to a store (named graphs + union) and the union as N-Triples."""
    rng = random.Random(11)
    pools = Pools(rng)
    store = ox.Store(str(path))
    union: set = set()
    total = docs = 0
    batch: list = []
    iris: dict = {}
    while len(union) < n_triples:
        facts = synthetic_facts(docs, pools, rng)
        g_iri, triples = facts_to_triples(facts)
        g = ox.NamedNode(str(g_iri))
        for s, p, o in dict.fromkeys(triples):
            t = tuple(iris.get(x) or iris.setdefault(x, to_ox(x)) if not hasattr(x, "language") else to_ox(x)
                      for x in (s, p, o))
            batch.append(ox.Quad(t[0], t[1], t[2], g))
            if t not in union:
                union.add(t)
                batch.append(ox.Quad(t[0], t[1], t[2]))
            total += 1
        docs += 1
        if len(batch) > 200_000:
            store.bulk_extend(batch)
            batch = []
    store.bulk_extend(batch)
    store.optimize()
    store.flush()
    ox.serialize((ox.Triple(*t) for t in union), output=str(nt_path), format=ox.RdfFormat.N_TRIPLES)
    del store
    return docs, len(union)


# --- the queries -----------------------------------------------------------------------------

REQUIRED = {"actor": "Armed Group 3", "entity": "Town 7", "place": "Town 7", "lat": "10",
            "lon": "30", "subject": "https://w3id.org/conflict-kg/id/group/armed-group-3"}


#: Two join + filter + group-by queries (the shape of bench_store.py's), added to the canned
#: ones as .rq files: fast enough on Oxigraph that rdflib's time fits under its time limit.
EXTRA = {
    "x-troops-by-country": """# title: Troops by destination country (benchmark)
SELECT ?country (COUNT(DISTINCT ?ev) AS ?events) (SUM(?n) AS ?troops) WHERE {
  ?ev a ckg:Deployment ; ckg:agent ?agent ; ckg:destination ?place ; ckg:quantity ?q .
  ?q ckg:quantityKind "troops" ; rdf:value ?n .
  ?agent a ckg:ArmedForce .
  ?place ckg:country ?c . ?c rdfs:label ?country .
  FILTER(?n >= 100)
} GROUP BY ?country ORDER BY ?country
""",
    "x-attacks-by-group": """# title: Attacks and fatalities by armed group and country (benchmark)
SELECT ?group ?groupLabel ?country (COUNT(DISTINCT ?ev) AS ?attacks) (SUM(?dead) AS ?fatalities)
WHERE {
  ?ev a ckg:Attack ; ckg:perpetrator ?group ; ckg:location ?place ; ckg:quantity ?q .
  ?q ckg:quantityKind "fatalities" ; rdf:value ?dead .
  ?group a ckg:ArmedGroup ; rdfs:label ?groupLabel .
  ?place ckg:country ?country .
} GROUP BY ?group ?groupLabel ?country ORDER BY DESC(?fatalities) ?group LIMIT 100
""",
}


def snapshot_queries(folder: Path) -> Path:
    """A copy of queries/ plus EXTRA: the server and the direct runs then use the same texts
    even if someone edits queries/ during the run."""
    folder.mkdir()
    for p in (ROOT / "queries").glob("*.rq"):
        shutil.copy(p, folder)
    for name, text in EXTRA.items():
        (folder / f"{name}.rq").write_text(text, encoding="utf-8")
    return folder


def bound_queries(folder: Path, only: Optional[set[str]] = None) -> dict[str, tuple[str, dict[str, str]]]:
    out = {}
    for name, q in canned.load_queries(folder).items():
        if only and name not in only:
            continue
        params = {p.name: REQUIRED[p.name] for p in q.params if p.required}
        out[name] = (canned.bind(q, params), params)
    return out


def patterns(query: str) -> int:
    """Rough count of triple patterns (for labelling join-heavy queries)."""
    masked = mask_sparql(query)
    where = masked[masked.upper().find("WHERE"):]
    return len(re.findall(r"[.;]\s", where)) + where.count("{") // 2


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


# --- runners ---------------------------------------------------------------------------------

def time_ox(path: Path, queries: dict, reps: int, budget_s: float) -> tuple[dict, dict[str, int]]:
    """Times on pyoxigraph, and the runs each query gets (``reps``, fewer for slow queries so
    one query costs about ``budget_s``; at least 3), used for the server runs too."""
    store = ox.Store.read_only(str(path))
    prefixes = dict(KNOWN_PREFIXES)
    out, plan = {}, {}
    for name, (text, _) in queries.items():
        times, rows = [], 0
        t0 = time.perf_counter()
        warm = store.query(text, prefixes=prefixes)
        if isinstance(warm, ox.QuerySolutions):
            list(warm)
        first = time.perf_counter() - t0
        plan[name] = n = max(3, min(reps, int(budget_s / max(first, 1e-3))))
        for i in range(1, n + 1):
            t0 = time.perf_counter()
            res = store.query(text, prefixes=prefixes)
            if isinstance(res, ox.QuerySolutions):
                width = range(len(res.variables))
                rows = len([[sol[k] for k in width] for sol in res])
            else:
                rows = 1
            times.append(time.perf_counter() - t0)
        out[name] = (times, rows)
    return out, plan


def _http(url: str, data: Optional[bytes] = None, accept: str = "application/json") -> bytes:
    req = urllib.request.Request(url, data=data, headers={"Accept": accept})
    if data is not None:
        req.add_header("Content-Type", "application/x-www-form-urlencoded")
    with urllib.request.urlopen(req, timeout=300) as r:
        return r.read()


def time_server(base: str, queries: dict, plan: dict[str, int]) -> tuple[dict, dict]:
    api, sparql = {}, {}
    for name, (text, params) in queries.items():
        reps = plan[name]
        # every row in one page (the API pages by 100 by default), as the direct runs read them
        url = f"{base}/api/queries/{name}?" + urllib.parse.urlencode({**params, "limit": 10_000})
        times, rows = [], 0
        for i in range(reps + 1):
            t0 = time.perf_counter()
            rows = len(json.loads(_http(url))["rows"])
            if i:
                times.append(time.perf_counter() - t0)
        api[name] = (times, rows)
        body = urllib.parse.urlencode({"query": text}).encode()
        times = []
        for i in range(reps + 1):
            t0 = time.perf_counter()
            rows = len(json.loads(_http(base + "/sparql", body, "application/sparql-results+json"))
                       ["results"]["bindings"])
            if i:
                times.append(time.perf_counter() - t0)
        sparql[name] = (times, rows)
    return api, sparql


def time_rdflib(nt_path: Path, queries: dict, timeout_s: float) -> tuple[float, dict]:
    """Load once, then each query in a forked child (killed at the timeout); <= 3 runs each."""
    import rdflib

    t0 = time.perf_counter()
    g = rdflib.Graph()
    g.parse(str(nt_path), format="nt")
    load_s = time.perf_counter() - t0
    ns = dict(KNOWN_PREFIXES)
    out: dict[str, tuple[list[float], Optional[int], str]] = {}
    for name, (text, _) in queries.items():
        times: list[float] = []
        rows: Optional[int] = None
        note = ""
        for _rep in range(3):
            r, w = os.pipe()
            pid = os.fork()
            if pid == 0:  # child: run once, report (seconds, rows) or the error
                os.close(r)
                try:
                    t = time.perf_counter()
                    res = g.query(text, initNs=ns)
                    n = len(list(res)) if res.type == "SELECT" else 1
                    msg = ("ok", time.perf_counter() - t, n)
                except Exception as e:  # noqa: BLE001
                    msg = ("error", 0.0, f"{type(e).__name__}: {e}"[:80])
                os.write(w, pickle.dumps(msg))
                os._exit(0)
            os.close(w)
            deadline = time.monotonic() + timeout_s
            done = False
            while time.monotonic() < deadline:
                wpid, _ = os.waitpid(pid, os.WNOHANG)
                if wpid:
                    done = True
                    break
                time.sleep(0.02)
            if not done:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                os.close(r)
                note = f"> {timeout_s:g} s"
                break
            data = os.read(r, 1 << 16)
            os.close(r)
            kind, secs, extra = pickle.loads(data)
            if kind != "ok":
                note = str(extra)
                break
            times.append(secs)
            rows = extra
            if sum(times) > timeout_s / 2:
                break
        out[name] = (times, rows, note)
    return load_s, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--reps", type=int, default=20)
    ap.add_argument("--budget", type=float, default=8.0,
                    help="seconds of pyoxigraph time per query: slow queries get fewer runs (>= 3)")
    ap.add_argument("--rdflib-timeout", type=float, default=20.0)
    ap.add_argument("--no-rdflib", action="store_true")
    ap.add_argument("--only", default="", help="comma-separated query names (default: all)")
    args = ap.parse_args()

    from server_helpers import KgServe

    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-server-"))
    try:
        store, nt = tmp / "store", tmp / "union.nt"
        t0 = time.perf_counter()
        docs, n = build_store(store, args.triples, nt)
        print(f"synthetic graph: {n:,} distinct triples in {docs:,} documents "
              f"({time.perf_counter() - t0:.0f} s to make)", flush=True)
        qdir = snapshot_queries(tmp / "queries")
        only = set(args.only.split(",")) if args.only else None
        queries = bound_queries(qdir, only)
        direct, plan = time_ox(store, queries, args.reps, args.budget)
        print("pyoxigraph direct: done", flush=True)
        with KgServe(store, ["--max-rows", "1000000", "--timeout", "300",
                             "--queries-dir", str(qdir)]) as server:
            api, sparql = time_server(server.base, queries, plan)
        print("kg serve: done", flush=True)
        gc.collect()
        if args.no_rdflib:
            load_s, rdf = 0.0, {}
        else:
            load_s, rdf = time_rdflib(nt, queries, args.rdflib_timeout)
            print(f"rdflib: loaded in {load_s:.1f} s", flush=True)
        report(queries, direct, api, sparql, rdf, n, docs, args, load_s)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def report(queries, direct, api, sparql, rdf, n, docs, args, load_s) -> None:
    print()
    print(f"{n:,} triples, {docs:,} documents; p50/p95 in ms over 3-{args.reps} runs "
          f"(rdflib: up to 3 runs, {args.rdflib_timeout:g} s limit)")
    print("| query | rows | patterns | pyoxigraph p50 / p95 | kg serve /api p50 / p95 | "
          "kg serve /sparql p50 / p95 | /api ÷ direct | rdflib p50 | rdflib ÷ /api |")
    print("|---|---|---|---|---|---|---|---|---|")
    ratios_direct, ratios_rdflib, heavy = [], [], []
    for name, (text, _) in queries.items():
        d, a, s = direct[name][0], api[name][0], sparql[name][0]
        dp50, ap50 = pct(d, 50) * 1e3, pct(a, 50) * 1e3
        r_direct = ap50 / dp50 if dp50 else float("nan")
        ratios_direct.append(r_direct)
        pats = patterns(text)
        rd = rdf.get(name)
        if rd and rd[0]:
            rp50 = pct(rd[0], 50) * 1e3
            ratio = rp50 / ap50
            rtext, rr = f"{rp50:,.0f}", f"{ratio:,.0f}x"
        elif rd:
            rtext, rr = rd[2] or "n/a", (f"> {args.rdflib_timeout * 1e3 / ap50:,.0f}x"
                                          if rd[2].startswith(">") else "")
            ratio = args.rdflib_timeout * 1e3 / ap50 if rd[2].startswith(">") else None
        else:
            rtext, rr, ratio = "-", "", None
        if ratio is not None:
            ratios_rdflib.append(ratio)
            if pats >= 6:
                heavy.append(ratio)
        print(f"| {name} | {api[name][1]:,} | {pats} | {dp50:,.1f} / {pct(d, 95) * 1e3:,.1f} | "
              f"{ap50:,.1f} / {pct(a, 95) * 1e3:,.1f} | {pct(s, 50) * 1e3:,.1f} / "
              f"{pct(s, 95) * 1e3:,.1f} | {r_direct:.2f}x | {rtext} | {rr} |")
    gm = statistics.geometric_mean
    print()
    print(f"kg serve /api vs pyoxigraph direct, geometric mean of p50 ratios: {gm(ratios_direct):.2f}x "
          f"(worst {max(ratios_direct):.2f}x)")
    if ratios_rdflib:
        print(f"rdflib in memory (load {load_s:.0f} s) vs kg serve /api, geometric mean: "
              f"{gm(ratios_rdflib):,.0f}x slower; join-heavy queries (>= 6 patterns, "
              f"{len(heavy)}): {gm(heavy) if heavy else float('nan'):,.0f}x, "
              f"least {min(heavy) if heavy else float('nan'):,.0f}x (a timeout counts as the limit)")


if __name__ == "__main__":
    main()
