"""Plan links (ckg:fulfils) at scale (issue 14): kg.fuse.cluster.link_plans compares a plan only
with the happened groups sharing a (role, actor key) with it, and kg.fuse.index links the whole
component while re-clustering only the region a batch reaches. Both must give exactly what the
brute force gives: _link_plans over every happened group, and one clustering of everything."""

from __future__ import annotations

import random

from kg.fuse.cluster import Scores, _link_plans, cluster, cluster_groups, link_plans
from kg.fuse.config import load_config
from kg.fuse.index import FusionIndex
from kg.fuse.model import ActorInfo, PlaceInfo, Report
from kg.fuse.rdf import incident_iri

CFG = load_config()
IQ = "https://w3id.org/conflict-kg/id/state/iq"
SY = "https://w3id.org/conflict-kg/id/state/sy"
PLACES = ([PlaceInfo(f"p:t{i}", f"Town {i}", IQ, 33.0 + i * 0.05, 43.0 + (i % 3) * 0.04, "P", frozenset({IQ, "p:prov"}))
           for i in range(5)]
          + [PlaceInfo("p:prov", "Province", IQ, 33.1, 43.0, "A", frozenset({IQ})),
             PlaceInfo("p:far", "Far town", IQ, 36.0, 41.0, "P", frozenset({IQ})),
             PlaceInfo("p:sy", "Syrian town", SY, 35.0, 38.0, "P", frozenset({SY})),
             PlaceInfo(IQ, "Iraq", IQ, 33.0, 44.0, "S", frozenset()),
             PlaceInfo("p:unres", "Rawa", IQ, None, None, "?", frozenset())])
ACTORS = [ActorInfo(f"a:{n}", n, frozenset({f"a:{n}", n} | ({IQ} if n in ("army", "police") else set())))
          for n in ("army", "police", "marines", "militia", "contractors")]
CLASSES = ["Deployment", "Visit", "Attack"]


def _report(rnd: random.Random, iri: str, doc: str) -> Report:
    month = rnd.randint(1, 4)
    date = rnd.choice([f"2017-{month:02d}-{rnd.randint(1, 28):02d}", f"2017-{month:02d}", None])
    roles = {}
    for role in ("agent", "force"):
        if rnd.random() < 0.6:
            roles[role] = tuple(rnd.sample(ACTORS, rnd.randint(1, 2)))
    return Report(iri=iri, doc_id=doc, cls=rnd.choice(CLASSES), modality=rnd.choice(["asserted", "asserted", "planned"]),
                  date=date, precision={10: "day", 7: "month"}.get(len(date or "")), published="2017-05-01",
                  publisher=doc, places=tuple(rnd.sample(PLACES, rnd.randint(0, 2))), actors=roles,
                  quantities={}, evidence=f"text {iri}" if rnd.random() < 0.8 else "Troops were sent.")


def _docs(seed: int, n_docs: int) -> dict[str, list[Report]]:
    rnd = random.Random(seed)
    return {f"d{d:03d}": [_report(rnd, f"e:d{d:03d}/{i}", f"d{d:03d}") for i in range(rnd.randint(1, 5))]
            for d in range(n_docs)}


def _links(groups) -> dict[str, tuple[str, ...] | None]:
    return {g.reports[0].iri: g.fulfils for g in groups}


def test_link_plans_equals_the_brute_force_on_random_groups():
    """Random plans and happened groups (shared and unshared actors, places that conflict,
    contain or only share a country, dates before and after): the indexed links are the
    brute force's, and enough plans link and fail to link for the comparison to mean much."""
    linked = unlinked = 0
    for seed in range(12):
        reports = [r for rs in _docs(seed, 40).values() for r in rs]
        scores = Scores(CFG)
        by_kind: dict[int, list[Report]] = {}
        for r in reports:
            by_kind.setdefault(scores.kind(r), []).append(r)
        groups = cluster_groups([(k, sorted(rs, key=lambda r: r.iri)) for k, rs in by_kind.items()], CFG, scores)
        fast = _links(link_plans(groups, CFG, Scores(CFG)))
        assert fast == _links(_link_plans(groups, CFG, Scores(CFG))), seed
        linked += sum(1 for v in fast.values() if v)
        unlinked += sum(1 for g in groups if g[0][0].modality == "planned") - sum(1 for v in fast.values() if v)
    assert linked > 20 and unlinked > 20


def _state(index: FusionIndex) -> dict:
    return dict(index.incidents)


def _whole(docs: dict[str, list[Report]]) -> dict:
    groups = cluster([r for rs in docs.values() for r in rs], CFG)
    return {str(incident_iri(g.reports[0].iri)): (frozenset(r.iri for r in g.reports),
                                                   str(incident_iri(g.fulfils[0])) if g.fulfils else None)
            for g in groups}


def test_the_index_links_plans_as_one_clustering_in_any_order_and_after_removals():
    """Batches in three orders, then documents removed (among them plans and the groups they
    were linked to): the incidents and their ckg:fulfils links are always those of one
    clustering of the documents present."""
    docs = _docs(99, 60)
    expected = _whole(docs)
    assert sum(1 for _, f in expected.values() if f) >= 5
    for seed, size in ((0, 1), (1, 4), (2, 9)):
        items = list(docs.items())
        random.Random(seed).shuffle(items)
        index = FusionIndex(CFG)
        for k in range(0, len(items), size):
            index.plan_many(dict(items[k:k + size])).apply()
        assert _state(index) == expected, seed
    # drop the documents of linked plans and of the groups they fulfil, one at a time
    present = dict(docs)
    linked_docs = sorted({iri.rsplit("/", 2)[-2] for inc, (m, f) in expected.items() if f
                          for iri in (*m, f)} & set(docs))
    for doc in linked_docs[:6]:
        index.plan(doc, None).apply()
        present.pop(doc)
        assert _state(index) == _whole(present), doc


def test_a_plan_is_linked_to_a_happened_group_of_another_component():
    """Announced in January, carried out in December: the two share no block (a plan reaches
    six months ahead), yet one clustering links them; so does the index, in either order, and
    the link goes when the happened report's document is removed."""
    army = {"agent": (ACTORS[0],)}
    plan = Report(iri="e:p/0", doc_id="p", cls="Deployment", modality="planned", date="2017-01-10", precision="day",
                  published="2017-01-10", publisher="p", places=(PLACES[0],), actors=army, quantities={}, evidence="plan")
    done = Report(iri="e:q/0", doc_id="q", cls="Deployment", modality="asserted", date="2017-12-20", precision="day",
                  published="2017-12-20", publisher="q", places=(PLACES[0],), actors=army, quantities={}, evidence="done")
    docs = {"p": [plan], "q": [done]}
    expected = _whole(docs)
    assert expected[str(incident_iri("e:q/0"))][1] == str(incident_iri("e:p/0"))
    for order in (["p", "q"], ["q", "p"]):
        index = FusionIndex(CFG)
        for doc in order:
            index.plan_many({doc: docs[doc]}).apply()
        assert _state(index) == expected, order
    index.plan("p", None).apply()
    assert _state(index) == _whole({"q": [done]})
