"""Fusion's memory during a build (issue 14): what the index remembers is bounded or shared,
and no bound changes an incident or a plan link."""

from __future__ import annotations

import dataclasses
import random

from kg.fuse.compat import copies
from kg.fuse.index import FusionIndex
from kg.fuse.memo import MISSING, Memo
from kg.fuse.model import PlaceInfo, Report, fingerprint, reports_from_triples

from test_fuse_links import CFG, _docs, _state, _whole
from test_fuse_scale import _distinct

TINY = dataclasses.replace(CFG, score_memo=2, group_memo=1)


def test_a_memo_keeps_at_most_twice_its_limit_and_what_is_used_again():
    memo = Memo(3)
    for i in range(10):
        memo.put(i, i * i)
        assert len(memo) <= 6
        assert memo.get(0) == 0  # used at every step: never forgotten
    assert memo.get(1) is MISSING and memo.get(9) == 81
    unbounded = Memo(0)
    for i in range(1000):
        unbounded.put(i, i)
    assert len(unbounded) == 1000 and dict(unbounded.items())[500] == 500


def test_tiny_memos_give_the_same_incidents_and_links_in_any_order_and_after_removals():
    """Scores, fulfilment scores and actor keys computed again nearly every time they are asked
    for: the same incidents and ckg:fulfils links as one clustering (with unbounded memos)."""
    docs = _docs(99, 60)
    expected = _whole(docs)
    assert sum(1 for _, f in expected.values() if f) >= 5
    for seed, size in ((0, 1), (1, 4), (2, 9)):
        items = list(docs.items())
        random.Random(seed).shuffle(items)
        index = FusionIndex(TINY)
        for k in range(0, len(items), size):
            index.plan_many(dict(items[k:k + size])).apply()
            assert len(index.scores.memo) <= 4 and len(index.scores.fulfil) <= 2
            assert len(index.scores.actor_keys) <= 2
        assert _state(index) == expected, seed
    present = dict(docs)
    for doc in list(docs)[:8]:
        index.plan(doc, None).apply()
        present.pop(doc)
        assert _state(index) == _whole(present), doc


def test_tiny_memos_and_an_index_read_from_a_store():
    """The path of an index whose kinds are not linked yet (read from a store) walks the
    blocks through their kinds; with tiny memos it still gives one clustering's incidents."""
    docs = _distinct(30)
    items = list(docs.items())
    loaded = FusionIndex(TINY)
    first = FusionIndex(CFG)
    for k in range(0, 15, 5):
        first.plan_many(dict(items[k:k + 5])).apply()
    for doc, rs in items[:15]:
        loaded._add(doc, rs)
    loaded.incident_of, loaded.incidents = dict(first.incident_of), dict(first.incidents)
    assert loaded.unlinked
    for k in range(15, 30, 5):
        loaded.plan_many(dict(items[k:k + 5])).apply()
    assert _state(loaded) == _whole(docs)


MOSUL = PlaceInfo("p:mosul", "Mosul", "s:iq", 36.34, 43.13, "P", frozenset({"s:iq"}))
TALL = PlaceInfo("p:tall", "Tall Afar", "s:iq", 36.37, 42.45, "P", frozenset({"s:iq"}))


def _attack(iri: str, doc: str, day: int, place: PlaceInfo = MOSUL, text: str = "An attack") -> Report:
    return Report(iri=iri, doc_id=doc, cls="Attack", modality="asserted", date=f"2017-03-{day:02d}", precision="day",
                  published="2017-03-20", publisher=doc, places=(place,), actors={}, quantities={},
                  evidence=f"{text} in {place.label} on day {day}.")


def test_a_kind_that_leaves_and_comes_back_meets_the_kinds_that_came_meanwhile():
    """No set of checked kind pairs is kept: a kind's pairs are checked when it arrives. A kind
    that left (its only document removed) and came back later, or left and came back in one
    batch, or whose plan was never applied (a failed write), is checked again: the incidents
    are always one clustering's."""
    a = {"a": [_attack("e:a/0", "a", 5)]}
    b = {"b": [_attack("e:b/0", "b", 5, text="A bombing")]}  # another kind; same day and town: one incident with a
    c = {"c": [_attack("e:c/0", "c", 6, TALL)]}
    a_again = {"a2": [_attack("e:a2/0", "a2", 5)]}  # a's kind, another document
    index = FusionIndex(CFG)
    index.plan_many({**a, **c}).apply()
    index.plan("a", None).apply()  # a's kind leaves
    index.plan_many(b).apply()  # b arrives while it is away
    index.plan_many(a_again).apply()  # and it comes back
    assert _state(index) == _whole({**b, **c, **a_again})
    assert {m for m, _ in _state(index).values() if len(m) > 1} == {frozenset({"e:b/0", "e:a2/0"})}
    # left and came back in one batch
    index.plan_many({"a2": None, "a3": [_attack("e:a3/0", "a3", 5)]}).apply()
    assert _state(index) == _whole({**b, **c, "a3": [_attack("e:a3/0", "a3", 5)]})
    # a plan never applied leaves nothing linked
    fresh = FusionIndex(CFG)
    fresh.plan_many(a)  # the write failed: not applied
    fresh.plan_many(c).apply()
    fresh.plan_many(b).apply()
    fresh.plan_many(a).apply()
    assert _state(fresh) == _whole({**a, **b, **c})


def test_an_article_fingerprint_is_small_and_still_finds_copies():
    wire = " ".join(f"word{i} said the officials in the town of place{i % 7}" for i in range(80))
    own = " ".join(f"another{i} story about the fighting near village{i % 5}" for i in range(80))
    fp = fingerprint("A headline. " + wire)
    assert isinstance(fp, bytes) and 0 < len(fp) < 2000
    r = _attack("e:x/0", "x", 5)
    assert copies(dataclasses.replace(r, fingerprint=fp),
                  dataclasses.replace(r, doc_id="y", fingerprint=fingerprint("Other title. " + wire)))
    assert not copies(dataclasses.replace(r, fingerprint=fp),
                      dataclasses.replace(r, doc_id="y", fingerprint=fingerprint(own)))


def _graph(doc: str) -> list[tuple[str, str, str]]:
    c, rdf = "https://w3id.org/conflict-kg/ontology#", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    label = "http://www.w3.org/2000/01/rdf-schema#label"
    art, ev, place, army = f"x:art/{doc}", f"x:ev/{doc}", "x:place/mosul", "x:actor/army"
    return [(ev, rdf, c + "Attack"), (ev, c + "reportedIn", art), (art, "http://purl.org/dc/terms/identifier", doc),
            (ev, c + "location", place), (place, rdf, c + "Place"), (place, label, "Mosul"),
            (ev, c + "agent", army), (army, rdf, c + "ArmedForce"), (army, label, "the army")]


def test_reports_of_two_documents_share_the_place_and_actor_they_both_name():
    """Each document graph is read on its own; a place or an actor named by many articles is
    one object in memory, not one per article."""
    (a,), (b,) = reports_from_triples(_graph("d1"), "d1"), reports_from_triples(_graph("d2"), "d2")
    assert a.doc_id == "d1" and b.doc_id == "d2" and a.places == b.places and a.places[0].label == "Mosul"
    assert a.places[0] is b.places[0]
    assert a.actors == b.actors and a.actors["agent"][0] is b.actors["agent"][0]


def test_kinds_are_told_apart_when_their_signatures_hash_alike(monkeypatch):
    """Scores keeps a signature's hash, not the signature: with every hash equal, reports of
    distinct signatures are still distinct kinds, copies still one, and the incidents the same."""
    import kg.fuse.cluster as cluster_module
    from kg.fuse.cluster import Scores, cluster

    docs = _docs(7, 30)
    reports = [r for rs in docs.values() for r in rs]
    honest = Scores(CFG)
    kinds = [honest.kind(r) for r in reports]
    expected = {frozenset(r.iri for r in g.reports) for g in cluster(reports, CFG)}
    monkeypatch.setattr(cluster_module, "hash", lambda _: 0, raising=False)
    colliding = Scores(CFG)
    assert [colliding.kind(r) for r in reports] == kinds and len(colliding.clash) == len(set(kinds)) - 1
    copy = dataclasses.replace(reports[0], iri="e:copy/0", doc_id="copy")
    assert colliding.kind(copy) == kinds[0]
    assert {frozenset(r.iri for r in g.reports) for g in cluster(reports, CFG)} == expected
