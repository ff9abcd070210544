"""Fusion at scale (issue 11 / issue 14): large blocks of copies, reports of one kind, vague dates.

The clustering works on *kinds* of report (kg.fuse.cluster.signature: everything the rules read,
the document aside): copies of one wire story are one unit, scored once per pair of kinds. These
tests check that this gives the incidents the rules say, the same in any order and batching, and
that the index (incremental, as kg build drives it) agrees with one clustering of everything.
"""

from __future__ import annotations

import random

from kg.fuse.cluster import Scores, cluster, signature
from kg.fuse.compat import compare
from kg.fuse.config import load_config
from kg.fuse.index import FusionIndex
from kg.fuse.model import ActorInfo, PlaceInfo, Report
from kg.fuse.rdf import incident_iri

CFG = load_config()
IQ = "https://w3id.org/conflict-kg/id/state/iq"
TOWNS = [PlaceInfo(f"p:t{i}", f"Town {i}", IQ, 33.0 + i * 0.5, 43.0 + (i % 3) * 0.7, "P", frozenset({IQ}))
         for i in range(6)]
IS = ActorInfo("a:is", "Islamic State", frozenset({"a:is", "islamic state"}))
PMF = ActorInfo("a:pmf", "Popular Mobilisation", frozenset({"a:pmf", "popular mobilisation"}))


def rep(iri: str, doc: str, date: str = "2017-03-05", place: PlaceInfo = TOWNS[0], actors=None,
        evidence: str | None = None, published: str = "2017-03-31") -> Report:
    return Report(iri=iri, doc_id=doc, cls="Attack", modality="asserted", date=date or None,
                  precision={10: "day", 7: "month", 4: "year"}.get(len(date or "")),
                  published=published, publisher=doc, places=(place,) if place else (),
                  actors=actors or {}, quantities={}, evidence=evidence if evidence is not None else f"text {iri}")


def _story(n: int) -> list[dict]:
    """``n`` distinct invented reports of one month in one country (each a template)."""
    rnd = random.Random(7)
    out = []
    for i in range(n):
        kind = rnd.random()
        out.append({"date": "2017-03" if kind < 0.33 else f"2017-03-{rnd.randint(1, 28):02d}",
                    "place": TOWNS[rnd.randrange(len(TOWNS))],
                    "actors": {"perpetrator": (rnd.choice([IS, PMF]),)} if rnd.random() < 0.7 else {},
                    "evidence": f"sentence {i}"})
    return out


def _copies(n_stories: int, copies: int) -> dict[str, list[Report]]:
    """Documents that each copy every story once (as bench_build copies its articles)."""
    stories = _story(n_stories)
    return {f"d{c:03d}": [rep(f"e:d{c:03d}/{i:02d}", f"d{c:03d}", **s) for i, s in enumerate(stories)]
            for c in range(copies)}


def _members(groups) -> set[frozenset[str]]:
    return {frozenset(r.iri for r in g.reports) for g in groups}


def _index_members(index: FusionIndex) -> set[frozenset[str]]:
    out: dict[str, set[str]] = {}
    for r, inc in index.incident_of.items():
        out.setdefault(inc, set()).add(r)
    return {frozenset(m) for m in out.values()}


def test_a_large_block_of_copies_is_one_incident_per_story_and_the_index_agrees():
    """30 copies of 24 reports in one (family, country, month) block (720 reports): each story's
    copies are one incident whatever else fuses, and the incremental index, fed in batches as
    kg build feeds it, ends where one clustering of everything ends."""
    docs = _copies(24, 30)
    reports = [r for rs in docs.values() for r in rs]
    whole = cluster(reports, CFG)
    for g in whole:  # every incident holds whole stories: all 30 copies of each
        stories = {r.iri.rsplit("/", 1)[1] for r in g.reports}
        assert len(g.reports) == 30 * len(stories)
    index = FusionIndex(CFG)
    items = list(docs.items())
    for k in range(0, len(items), 4):
        plan = index.plan_many(dict(items[k:k + 4]))
        plan.apply()
    assert _index_members(index) == _members(whole)
    assert set(index.incidents) == {str(incident_iri(g.reports[0].iri)) for g in whole}


def test_order_and_batching_do_not_matter_on_a_bigger_generated_set():
    rnd = random.Random(11)
    docs: dict[str, list[Report]] = {}
    stories = _story(40)
    for d in range(60):  # each document tells 3-8 of the stories, some in its own words
        doc = f"doc{d:02d}"
        picked = rnd.sample(range(len(stories)), rnd.randint(3, 8))
        docs[doc] = [rep(f"e:{doc}/{i}", doc, **{**stories[s], "evidence": stories[s]["evidence"]
                                                 if rnd.random() < 0.5 else f"own words {doc} {s}"})
                     for i, s in enumerate(picked)]
    expected = _members(cluster([r for rs in docs.values() for r in rs], CFG))
    assert any(len(m) > 1 for m in expected) and len(expected) > 10
    for seed in range(3):
        items = list(docs.items())
        random.Random(seed).shuffle(items)
        index = FusionIndex(CFG)
        size = (1, 5, 16)[seed]
        for k in range(0, len(items), size):
            index.plan_many(dict(items[k:k + size])).apply()
        assert _index_members(index) == expected, seed
        # and a document dropped again: the same as never having had it
        gone = items[0][0]
        index.plan(gone, None).apply()
        rest = [r for doc, rs in docs.items() if doc != gone for r in rs]
        assert _index_members(index) == _members(cluster(rest, CFG)), seed


def test_a_month_precise_report_joins_the_incident_of_its_month():
    """Same town, same perpetrator and target: the vague report joins the incident that its
    day-precise reports form; in another town it stays apart."""
    actors = {"perpetrator": (IS,), "target": (PMF,)}
    day = [rep(f"e:{d}", d, "2017-03-14", TOWNS[1], actors) for d in ("a", "b", "c")]
    vague = rep("e:m", "m", "2017-03", TOWNS[1], actors)
    groups = cluster(day + [vague], CFG)
    assert _members(groups) == {frozenset({"e:a", "e:b", "e:c", "e:m"})}
    elsewhere = rep("e:m", "m", "2017-03", TOWNS[4], actors)
    assert len(cluster(day + [elsewhere], CFG)) == 2


def test_copies_of_one_report_are_one_incident_even_when_their_pair_scores_little():
    """Two outlets print one vague sentence (no place, no actor, month precision): the rules
    alone would score the pair below the threshold, but nothing can tell the copies apart."""
    a = rep("e:1", "a", "2017-03", None, evidence="Fighting went on in March.")
    b = rep("e:2", "b", "2017-03", None, evidence="Fighting went on in March.")
    assert compare(a, b, CFG) < CFG.threshold
    assert signature(a, CFG) == signature(b, CFG)
    assert _members(cluster([a, b], CFG)) == {frozenset({"e:1", "e:2"})}
    c = rep("e:3", "c", "2017-03", None, evidence="Fighting went on in April.")
    assert len(cluster([a, b, c], CFG)) == 2


def test_pairs_within_one_document_are_scored_as_such():
    """Doc x tells two attacks a day apart in one town (two events: within one article dates do
    not get the next-day tolerance); doc y is a copy of x. The copies pair up, the two events
    stay two incidents, although x's first and y's second are a cross-outlet next-day pair."""
    x = [rep("e:x1", "x", "2017-03-05", evidence="s1"), rep("e:x2", "x", "2017-03-06", evidence="s2")]
    y = [rep("e:y1", "y", "2017-03-05", evidence="s1"), rep("e:y2", "y", "2017-03-06", evidence="s2")]
    assert compare(x[0], x[1], CFG) is None and compare(x[0], y[1], CFG) is not None
    assert _members(cluster(x + y, CFG)) == {frozenset({"e:x1", "e:y1"}), frozenset({"e:x2", "e:y2"})}


def test_scores_are_kept_by_kind_not_by_report():
    """Scores remember a pair of kinds: 30 copies of 10 reports cost at most 2 compare() per
    pair of kinds, and a copy added later costs none."""
    docs = _copies(10, 30)
    scores = Scores(CFG)
    cluster([r for rs in docs.values() for r in rs], CFG, scores)
    assert len(scores.reps) == 10
    assert len(scores.memo) <= 2 * 10 * 11 // 2
    before = dict(scores.memo.items())
    cluster([r for rs in docs.values() for r in rs] + [rep("e:late/0", "late", **_story(10)[0])], CFG, scores)
    assert dict(scores.memo.items()) == before


def _distinct(n_docs: int, seed: int = 5) -> dict[str, list[Report]]:
    """Documents of distinct reports (no copies), all in one block: many small incidents."""
    rnd = random.Random(seed)
    docs = {}
    for d in range(n_docs):
        doc = f"x{d:03d}"
        docs[doc] = [rep(f"e:{doc}/{i}", doc, "2017-03" if rnd.random() < 0.33 else f"2017-03-{rnd.randint(1, 28):02d}",
                         TOWNS[rnd.randrange(len(TOWNS))],
                         {"perpetrator": (rnd.choice([IS, PMF]),)} if rnd.random() < 0.7 else {},
                         evidence=f"s {doc} {i}") for i in range(6)]
    return docs


def test_a_plan_regroups_only_what_strong_pairs_reach_and_agrees_with_one_clustering():
    """Distinct reports in one block: each batch re-clusters only the kinds its changes reach
    through strong pairs, and the incidents still equal one clustering of everything, also for
    an index read back as from a store (its kinds not yet linked) and after a removal."""
    docs = _distinct(40)
    items = list(docs.items())
    expected = _members(cluster([r for rs in docs.values() for r in rs], CFG))
    assert len(expected) > 20 and any(len(m) > 1 for m in expected)
    index = FusionIndex(CFG)
    for k in range(0, 20, 4):
        index.plan_many(dict(items[k:k + 4])).apply()
    # a second index that knows the first half as from_store knows a store: reports and
    # incidents, no strong pairs checked yet
    loaded = FusionIndex(CFG)
    for doc, rs in items[:20]:
        loaded._add(doc, rs)
    loaded.incident_of = dict(index.incident_of)
    loaded.incidents = dict(index.incidents)
    for ix in (index, loaded):
        sizes = []
        for k in range(20, 40, 4):
            plan = ix.plan_many(dict(items[k:k + 4]))
            sizes.append(plan.touched)
            plan.apply()
        assert _index_members(ix) == expected
        assert min(sizes) < len(expected)  # not every incident rewritten by every batch
    gone = items[3][0]
    index.plan(gone, None).apply()
    assert _index_members(index) == _members(cluster([r for d, rs in docs.items() if d != gone for r in rs], CFG))
