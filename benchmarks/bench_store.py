"""Benchmark: rdflib in-memory Graph vs KGStore (Oxigraph on disk) on a synthetic conflict graph.

Loads the same per-document triples into both, runs one join + filter + group-by query on each,
checks they agree and prints load time, query time and the ratio. Not part of the test suite.

    python benchmarks/bench_store.py [--triples 200000] [--union-flag]

``--union-flag`` also times the query on a pyoxigraph store queried with
``use_default_graph_as_union=True`` (what KGStore avoids): it shows the duplicate-inflated
totals, and can be slow because shared triples multiply the joins.
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Iterator

import pyoxigraph as ox
import rdflib
from rdflib import RDF, RDFS, XSD, Literal, Namespace, URIRef
from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.store.core import KGStore, graph_iri_for  # noqa: E402

CKG = Namespace("https://w3id.org/conflict-kg/ontology#")
ID = Namespace("https://w3id.org/conflict-kg/id/")
PROV = Namespace("http://www.w3.org/ns/prov#")
DCT = Namespace("http://purl.org/dc/terms/")

QUERY = """
PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?country (COUNT(DISTINCT ?ev) AS ?events) (SUM(?troops) AS ?total)
WHERE {
  ?ev a ckg:Deployment ;
      ckg:agent ?agent ;
      ckg:destination ?place ;
      ckg:troops ?troops .
  ?agent a ckg:ArmedForce .
  ?place ckg:country ?c .
  ?c rdfs:label ?country .
  FILTER(?troops >= 100)
}
GROUP BY ?country
ORDER BY ?country
"""

Triple = tuple[URIRef, URIRef, object]


def synthetic_documents(n_triples: int, seed: int = 7,
                        events_per_doc: int = 60) -> list[tuple[URIRef, list[Triple]]]:
    """Documents of ~events_per_doc events; entity type/label triples repeat across documents."""
    rng = random.Random(seed)
    countries = [ID[f"country/c{i}"] for i in range(40)]
    places = [(ID[f"place/p{i}"], rng.choice(countries)) for i in range(800)]
    forces = [ID[f"force/f{i}"] for i in range(150)]
    people = [ID[f"person/h{i}"] for i in range(600)]
    kinds = [CKG.Deployment, CKG.Attack, CKG.Capture, CKG.Meeting]
    docs: list[tuple[URIRef, list[Triple]]] = []
    total, ev_no = 0, 0
    while total < n_triples:
        n = len(docs)
        gi, doc = graph_iri_for(f"bench-{n}"), ID[f"doc/bench-{n}"]
        ts: list[Triple] = [(gi, PROV.wasDerivedFrom, doc), (doc, RDF.type, CKG.Article),
                            (doc, DCT.title, Literal(f"Synthetic story {n}"))]
        for _ in range(events_per_doc):
            ev = ID[f"event/e{ev_no}"]
            ev_no += 1
            kind = rng.choice(kinds)
            place, country = rng.choice(places)
            agent = rng.choice(forces)
            person = rng.choice(people)
            ts += [
                (ev, RDF.type, kind), (ev, CKG.agent, agent), (ev, CKG.destination, place),
                (ev, CKG.troops, Literal(rng.randrange(10, 5000))),
                (ev, CKG.date, Literal(f"2016-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}",
                                       datatype=XSD.date)),
                (ev, CKG.mentions, person),
                (agent, RDF.type, CKG.ArmedForce), (agent, RDFS.label, Literal(f"Force {agent[-3:]}")),
                (place, RDF.type, CKG.Location), (place, CKG.country, country),
                (place, RDFS.label, Literal(f"Place {place[-4:]}")),
                (country, RDF.type, CKG.Country), (country, RDFS.label, Literal(f"Country {country[-3:]}")),
                (person, RDF.type, CKG.Person),
            ]
        ts = list(dict.fromkeys(ts))
        docs.append((gi, ts))
        total += len(ts)
    return docs


def _normalise(rows: Iterator) -> list[tuple[str, int, int]]:
    return sorted((str(r[0]), int(r[1]), int(r[2])) for r in rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--triples", type=int, default=200_000, help="approximate quads to generate")
    ap.add_argument("--union-flag", action="store_true",
                    help="also time Oxigraph's use_default_graph_as_union (slow, inflated)")
    ap.add_argument("--union-timeout", type=float, default=30.0,
                    help="seconds to wait for the --union-flag query")
    args = ap.parse_args()
    console = Console()

    t0 = time.perf_counter()
    docs = synthetic_documents(args.triples)
    n_quads = sum(len(ts) for _, ts in docs)
    console.print(f"generated {len(docs)} documents, {n_quads:,} triples in named graphs "
                  f"({time.perf_counter() - t0:.1f} s)")

    # (a) rdflib Graph in memory: the union of all documents
    t0 = time.perf_counter()
    graph = rdflib.Graph()
    for _, ts in docs:
        for t in ts:
            graph.add(t)  # type: ignore[arg-type]
    rdflib_load = time.perf_counter() - t0
    t0 = time.perf_counter()
    rdflib_rows = _normalise(graph.query(QUERY))
    rdflib_query = time.perf_counter() - t0
    del graph  # a big live rdflib graph slows every later cyclic-GC pass
    gc.collect()

    # (b) KGStore on disk: one replace_graph per document, as the pipeline does
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        t0 = time.perf_counter()
        with KGStore.open(Path(tmp) / "store") as store:
            for gi, ts in docs:
                store.replace_graph(gi, ts)  # type: ignore[arg-type]
            store_load = time.perf_counter() - t0
            t0 = time.perf_counter()
            store_rows = _normalise(store.query(QUERY).rows)
            store_query = time.perf_counter() - t0
            t0 = time.perf_counter()
            gi, ts = docs[len(docs) // 2]
            store.replace_graph(gi, ts)
            replace_one = time.perf_counter() - t0
            union_size = store.stats().triples

    if rdflib_rows != store_rows:
        console.print("[red]results differ between rdflib and KGStore[/red]")
        sys.exit(1)

    table = Table(title=f"{n_quads:,} triples in {len(docs)} documents "
                        f"({union_size:,} distinct in the union); {len(store_rows)} result rows")
    table.add_column("setup")
    table.add_column("load s", justify="right")
    table.add_column("query s", justify="right")
    table.add_row("rdflib Graph() in memory", f"{rdflib_load:.2f}", f"{rdflib_query:.3f}")
    table.add_row("KGStore on disk (replace_graph per doc)", f"{store_load:.2f}",
                  f"{store_query:.3f}")
    table.add_row("ratio rdflib / KGStore", f"{rdflib_load / store_load:.1f}x",
                  f"{rdflib_query / store_query:.1f}x")

    if args.union_flag:
        mem = ox.Store()
        for gi, ts in docs:
            g = ox.NamedNode(str(gi))
            mem.extend(ox.Quad(ox.NamedNode(str(s)), ox.NamedNode(str(p)),
                               ox.NamedNode(str(o)) if isinstance(o, URIRef)
                               else ox.Literal(str(o), datatype=ox.NamedNode(str(o.datatype)))
                               if o.datatype else ox.Literal(str(o)), g)  # type: ignore[union-attr]
                       for s, p, o in ts)
        box: dict[str, list] = {}

        def run_union() -> None:
            raw = mem.query(QUERY, use_default_graph_as_union=True)
            box["rows"] = _normalise((r[0].value, r[1].value, r[2].value) for r in raw)

        t0 = time.perf_counter()
        worker = threading.Thread(target=run_union, daemon=True)
        worker.start()
        worker.join(args.union_timeout)
        union_query = time.perf_counter() - t0
        if "rows" in box:
            inflated = sum(r[2] for r in box["rows"]) / max(1, sum(r[2] for r in store_rows))
            table.add_row("Oxigraph use_default_graph_as_union", "-",
                          f"{union_query:.3f} (SUM x{inflated:.1f})")
        else:
            table.add_row("Oxigraph use_default_graph_as_union", "-",
                          f"> {args.union_timeout:g} (abandoned)")

    console.print(table)
    console.print(f"re-replacing one {len(ts)}-triple document in the loaded store: "
                  f"{replace_one * 1000:.0f} ms")


if __name__ == "__main__":
    main()
