"""Issue 11's fourteenth fusion round: the hard-distractor dev batch (tests/data/fusion/dev,
articles ``r14-*``) and the two rules its false joins taught (docs/fusion.md, "Fourteenth
round"), on invented reports (never on corpus articles): an untimed report tells no event dated
after its publication (``dates.untimed_not_after``), and two days read one apart with nothing but
the place agreeing cost ``scores.bare_next_day``."""

from __future__ import annotations

import csv
import dataclasses
import json
from collections import defaultdict
from pathlib import Path

from kg.fuse.cluster import cluster
from kg.fuse.compat import compare, dates_score, explain, places_relation
from kg.fuse.config import load_config
from kg.fuse.model import C, ActorInfo, PlaceInfo, Report

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "tests" / "data" / "fusion" / "dev"
CFG = load_config()
XX = "https://w3id.org/conflict-kg/id/state/xx"


# --- the batch --------------------------------------------------------------------------------------

def _batch() -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text("utf-8")) for p in sorted((DEV / "gold").glob("r14-*.json"))}


def _manifest() -> dict[str, dict]:
    with open(DEV / "MANIFEST.tsv", encoding="utf-8", newline="") as f:
        return {row["id"]: row for row in csv.DictReader(f, delimiter="\t")}


def test_the_batch_has_twelve_distractors_beside_clusters_and_four_clusters_across_articles():
    """At least 12 distractors, each beside a cluster of its own batch (the same kind of event), and
    at least 4 clusters of 2-3 reports told by two articles or more."""
    articles, types = defaultdict(set), defaultdict(set)
    for aid, gold in _batch().items():
        for ev in gold["events"]:
            assert ev["incident"].startswith("dev-r14-"), (aid, ev)
            articles[ev["incident"]].add(aid)
            types[ev["incident"]].add(ev["type"])
    clusters = {k: v for k, v in articles.items() if k.startswith("dev-r14-i")}
    distractors = [k for k in articles if k.startswith("dev-r14-d")]
    assert sum(2 <= len(v) <= 3 for v in clusters.values()) >= 4, clusters
    assert len(distractors) >= 12
    cluster_types = {t for k in clusters for t in types[k]}
    assert all(types[d] <= cluster_types for d in distractors)


def test_every_article_has_its_sidecar_gold_and_manifest_row_in_agreement():
    rows = _manifest()
    for aid, gold in _batch().items():
        meta = (DEV / "articles" / f"{aid}.txt.meta.yaml").read_text("utf-8")
        assert f"published: {gold['source']['published']}" in meta
        assert f"publisher: {gold['source']['publisher']}" in meta
        assert (DEV / "articles" / f"{aid}.txt").read_text("utf-8").startswith(gold["source"]["title"] + "\n\n")
        row = rows[aid]
        assert row["published"] == gold["source"]["published"]
        assert set(row["incidents"].split(",")) == {ev["incident"] for ev in gold["events"]}
        assert row["kind"] in ("cluster-report", "distractor", "syndicated-copy")


# --- the rules (invented reports) ---------------------------------------------------------------------

VELL = PlaceInfo("p:vell", "Vell", XX, 10.0, 20.0, "P", frozenset({XX}))
RAIDERS = ActorInfo("g:vell-raiders", "Vell Raiders", frozenset({"g:vell-raiders", "vell raiders"}), C + "ArmedGroup")


def report(iri, doc, day, published=None, untimed=False, actors=None, quantities=None, evidence=""):
    return Report(iri=iri, doc_id=doc, cls="Attack", modality="asserted", date=day, precision="day",
                  published=published or day, publisher=doc, places=(VELL,), actors=actors or {},
                  quantities=quantities or {}, evidence=evidence, untimed=untimed)


def test_an_untimed_report_tells_no_event_dated_after_its_publication():
    """'Consequences of the night attack on Vell' (a headline, no time: dated on its publication,
    Wednesday) / 'a missile hit an apartment block in Vell on Thursday, killing five': the same
    town a day apart scored 3.5 (next day 1.5, same place 2.0) and joined; the Thursday event
    happened after the Wednesday report was out, so they are two."""
    a = report("e:a", "a", "2031-05-07", untimed=True, evidence="Consequences of the night attack on Vell")
    b = report("e:b", "b", "2031-05-08", quantities={"fatalities": (5.0, None)},
               evidence="A missile hit an apartment block in Vell on Thursday, killing five people.")
    assert compare(a, b, CFG) is None and compare(b, a, CFG) is None
    assert explain(a, b, CFG).startswith("veto: dates")
    assert len(cluster([a, b], CFG)) == 2
    before = dataclasses.replace(CFG, untimed_not_after=False)
    assert compare(a, b, before) == before.score("near_day") + before.score("same_place") >= before.threshold


def test_an_untimed_report_still_tells_an_event_of_its_publication_day_or_before():
    """The same headline against 'drones struck the port of Vell overnight' dated Wednesday, or
    Tuesday: one event (3.5), as before the rule."""
    a = report("e:a", "a", "2031-05-07", untimed=True, evidence="Consequences of the night attack on Vell")
    for day in ("2031-05-07", "2031-05-06"):
        b = report("e:b", "b", day, evidence="Drones struck the port of Vell overnight.")
        assert compare(a, b, CFG) == CFG.score("near_day") + CFG.score("same_place") >= CFG.threshold
        assert len(cluster([a, b], CFG)) == 1


def test_two_days_one_apart_with_only_the_place_agreeing_are_two_events():
    """'The January 6 blast near Vell, which killed six' (an analysis) / 'gunmen killed a villager
    near Vell on Tuesday night' (January 7): next day 1.5 and same place 2.0 were 3.5, a join on
    the place alone; the bare next day costs 1.0: 2.5, two incidents."""
    a = report("e:a", "a", "2031-01-06", published="2031-02-10", quantities={"fatalities": (6.0, None)},
               evidence="The January 6 blast near Vell, which killed six guardsmen and their driver, was the deadliest.")
    b = report("e:b", "b", "2031-01-07", published="2031-01-08",
               evidence="Gunmen killed a man near Vell on Tuesday night.")
    assert places_relation(a, b, CFG) == "same" and dates_score(a, b, CFG) == CFG.score("near_day")
    assert compare(a, b, CFG) == CFG.score("near_day") + CFG.score("same_place") + CFG.score("bare_next_day")
    assert CFG.score("bare_next_day") < 0 and compare(a, b, CFG) < CFG.threshold
    assert len(cluster([a, b], CFG)) == 2


def test_a_day_read_one_off_still_joins_when_something_besides_the_place_agrees():
    """'The Vell Raiders attacked Vell on Monday' / 'the Vell Raiders' attack on Vell on Tuesday'
    (an outlet's day one off): the group both name is evidence besides the place, so no bare
    next-day cost: 4.5, one incident. Two reports of one day are never 'next day'."""
    who = {"perpetrator": (RAIDERS,)}
    a = report("e:a", "a", "2031-01-06", actors=who, evidence="The Vell Raiders attacked Vell on Monday.")
    b = report("e:b", "b", "2031-01-07", actors=who, evidence="The Vell Raiders' attack on Vell on Tuesday.")
    assert compare(a, b, CFG) == CFG.score("near_day") + CFG.score("same_place") + CFG.score("actor_agrees")
    assert len(cluster([a, b], CFG)) == 1
    c = report("e:c", "c", "2031-01-06", evidence="An attack on Vell on Monday.")
    d = report("e:d", "d", "2031-01-06", evidence="Vell was attacked on Monday.")
    assert compare(c, d, CFG) == CFG.score("same_day") + CFG.score("same_place")
