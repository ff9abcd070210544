"""kg.fuse rule of issue 11's twentieth round (a deployment's size told alike is the same
contingent: ``scores.same_size``, ``compat.same_size``), on invented reports (never on corpus
articles). docs/fusion.md, "Twentieth round"."""

from __future__ import annotations

from dataclasses import replace

from kg.fuse.cluster import cluster
from kg.fuse.compat import compare, explain, other_size, same_size
from kg.fuse.config import load_config
from kg.fuse.model import ActorInfo, PlaceInfo, Report

CFG = load_config()
BEFORE = replace(CFG, scores={**CFG.scores, "same_size": 0.0})
XX = "https://w3id.org/conflict-kg/id/state/xx"
XLAND = ActorInfo(XX, "Xland", frozenset({XX, "xland"}), "https://w3id.org/conflict-kg/ontology#State")
# a person whose side the extractor did not read ("By order of the President, Jon Doe, ...")
JON = ActorInfo("p:jon-doe", "Jon Doe", frozenset({"p:jon-doe", "jon doe"}),
                "https://w3id.org/conflict-kg/ontology#Person")
ORNA = PlaceInfo("p:orna", "Orna", XX, 10.0, 20.0, "P", frozenset({XX}))
TARN = PlaceInfo("p:tarn", "Tarn", XX, 10.3, 20.2, "P", frozenset({XX}))
AIRPORT = PlaceInfo("p:kestrel-airport", "Kestrel International Airport", None, None, None, "?")


def dep(iri: str, doc: str, troops: float, places=(), actors=None, evidence: str = "",
        date: str = "2031-05-05", qualifier: str = "exact") -> Report:
    return Report(iri=iri, doc_id=doc, cls="Deployment", modality="asserted", date=date, precision="day",
                  published="2031-05-06", publisher=doc, places=tuple(places), actors=actors or {},
                  quantities={"troops": (troops, qualifier)}, evidence=evidence)


def groups_of(reports, cfg=CFG):
    return sorted(sorted(r.iri for r in g.reports) for g in cluster(reports, cfg))


MINISTRY = dep("e:m", "m", 1500, places=(ORNA,), actors={"agent": (JON,)},
               evidence="By order of the President, Jon Doe, the army today deployed 1,500 soldiers to Orna.")
WIRE = dep("e:w", "w", 1500, actors={"agent": (XLAND,)}, qualifier="approximate",
           evidence="Xland sent about 1,500 soldiers to its northern department on Monday.")


def test_one_contingent_told_alike_joins_where_the_place_is_not_read():
    """The ministry names the town, the wire only 'its northern department' (not read: no place);
    the president's side is not read, so no actor agrees. Same day and the same size: before the
    rule 2.5 (day 2.0, figures 0.5), under the threshold; with it the size counts as the contingent's."""
    assert same_size(MINISTRY, WIRE, CFG)
    assert compare(MINISTRY, WIRE, BEFORE) < BEFORE.threshold
    assert groups_of([MINISTRY, WIRE], BEFORE) == [["e:m"], ["e:w"]]
    assert compare(MINISTRY, WIRE, CFG) == compare(MINISTRY, WIRE, BEFORE) + CFG.score("same_size")
    assert compare(MINISTRY, WIRE, CFG) >= CFG.threshold
    assert groups_of([MINISTRY, WIRE]) == [["e:m", "e:w"]]
    assert "same size" in explain(MINISTRY, WIRE, CFG)


def test_an_unresolved_landing_place_with_the_same_size_joins():
    """A government's welcome of '400 officers' at an airport the gazetteer does not know (no
    country, no actor read) against the wire's 400 landing in the capital: places unrelated
    (-0.5); the agreeing size carries it."""
    welcome = dep("e:g", "g", 400, places=(AIRPORT,), evidence="The government welcomed 400 officers at the airport.")
    landed = dep("e:l", "l", 400, places=(ORNA,), actors={"agent": (XLAND,)},
                 evidence="A first contingent of 400 Xland officers landed in Orna on Monday.")
    assert groups_of([welcome, landed], BEFORE) == [["e:g"], ["e:l"]]
    assert groups_of([welcome, landed]) == [["e:g", "e:l"]]


def test_another_contingent_the_same_day_stays_apart():
    """The guard: 600 soldiers of the same army to the neighbouring town the same day are another
    contingent: the sizes disagree, so no same_size and other_size still costs; it stays apart from
    the wire (no place) with the rule or without, and the wire joins the ministry's 1,500."""
    tarn = dep("e:t", "t", 600, places=(TARN,), qualifier="approximate",
               evidence="Some 600 soldiers arrived this afternoon in Tarn, sent by the army.")
    assert not same_size(WIRE, tarn, CFG) and other_size(WIRE, tarn, CFG)
    for cfg in (CFG, BEFORE):
        assert compare(WIRE, tarn, cfg) < cfg.threshold
    assert groups_of([MINISTRY, WIRE, tarn]) == [["e:m", "e:w"], ["e:t"]]


def test_tolls_and_one_article_are_not_sizes():
    """Only figures.identity_kinds count: two attacks of a day that each killed five are not told
    alike by that. Within one article the rule does not apply (a headline and its body repeat one
    figure for whatever they tell)."""
    a = replace(WIRE, iri="e:a", cls="Attack", quantities={"fatalities": (5.0, "exact")}, actors={})
    b = replace(MINISTRY, iri="e:b", cls="Attack", quantities={"fatalities": (5.0, "exact")}, actors={})
    assert not same_size(a, b, CFG)
    assert compare(a, b, CFG) == compare(a, b, BEFORE)
    headline = replace(WIRE, iri="e:w2", evidence="Xland sends 1,500 soldiers north")
    assert compare(WIRE, headline, CFG, same_doc=True) == compare(WIRE, headline, BEFORE, same_doc=True)


def test_the_weight_is_data():
    assert CFG.score("same_size") > 0
    assert "troops" in CFG.identity_kinds
    assert CFG.key() != BEFORE.key()
