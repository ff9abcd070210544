"""Fusion's shortcuts for speed give exactly what the plain algorithm gives (issue 14, build speed).

* candidate pairs leave out pairs whose dates lie further apart than the tolerance: compare()
  must veto every such pair;
* the index remembers pair scores across plans and rewrites only the incidents that change;
  planning a batch of documents at once gives the incidents that planning them one by one gives.
"""

from __future__ import annotations

import itertools
import random
from datetime import timedelta

from kg.fuse.blocking import interval
from kg.fuse.cluster import apart, candidate_pairs, cluster
from kg.fuse.compat import compare
from kg.fuse.config import load_config
from kg.fuse.index import FusionIndex
from kg.fuse.model import PlaceInfo, Report
from kg.fuse.rdf import incident_graph, incident_iri

CFG = load_config()
MOSUL = PlaceInfo("p:mosul", "Mosul", "s:iq", 36.34, 43.13, "P", frozenset({"s:iq"}))
KIRKUK = PlaceInfo("p:kirkuk", "Kirkuk", "s:iq", 35.47, 44.39, "P", frozenset({"s:iq"}))


def rep(iri: str, doc: str, date: str = "2017-03-05", precision: str | None = None, places=(MOSUL,)) -> Report:
    return Report(iri=iri, doc_id=doc, cls="Attack", modality="asserted", date=date or None,
                  precision=precision or {10: "day", 7: "month", 4: "year"}.get(len(date)),
                  published="2017-03-08", publisher=doc, places=tuple(places), actors={},
                  quantities={}, evidence=f"text {iri}")


def _reports(n: int, seed: int = 1) -> list[Report]:
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        kind = rnd.random()
        date = ("2017-03" if kind < 0.2 else "" if kind < 0.25 else f"2017-03-{rnd.randint(1, 28):02d}")
        out.append(rep(f"e:{i:03d}", f"d{i % (n // 2)}", date, places=(rnd.choice([MOSUL, KIRKUK]),)))
    return out


def test_left_out_pairs_are_vetoed():
    rs = sorted(_reports(60), key=lambda r: r.iri)
    spans = [interval(r, CFG) for r in rs]
    kept = candidate_pairs(rs, CFG, spans)
    for i, j in itertools.combinations(range(len(rs)), 2):
        if (i, j) not in kept and spans[i] is not None and spans[j] is not None:
            if apart(spans[i], spans[j], timedelta(days=CFG.tolerance_days)):
                assert compare(rs[i], rs[j], CFG) is None, (rs[i], rs[j])


def _signature(graphs: dict) -> dict:
    return {g: sorted(map(str, t)) for g, t in graphs.items()}


def test_index_plans_equal_whole_clustering_one_by_one_and_in_batches():
    rs = _reports(40, seed=3)
    docs: dict[str, list[Report]] = {}
    for r in rs:
        docs.setdefault(r.doc_id, []).append(r)
    expected = {str(incident_iri(g.reports[0].iri)): frozenset(r.iri for r in g.reports) for g in cluster(rs, CFG)}
    for batch in (1, 3, len(docs)):
        index = FusionIndex(CFG)
        live: dict[str, list] = {}
        items = list(docs.items())
        for k in range(0, len(items), batch):
            plan = index.plan_many(dict(items[k:k + batch]))
            for g, triples in plan.graphs.items():
                if triples:
                    live[g] = triples
                else:
                    live.pop(g, None)
            plan.apply()
        got = {inc: members for inc, (members, _) in index.incidents.items()}
        assert got == expected, batch
        assert set(live) == {str(incident_graph(i)) for i in expected}
    # a document again with other content: only the incidents it is part of are rewritten
    doc, reports = next(iter(docs.items()))
    moved = [rep(r.iri, r.doc_id, "2016-01-10") for r in reports]
    plan = index.plan(doc, moved)
    touched = {g for g in plan.graphs}
    before = {str(incident_graph(index.incident_of[r.iri])) for r in reports}
    assert before <= touched
