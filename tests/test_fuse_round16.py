"""Issue 11's sixteenth fusion round: the fresh batch by a new writer, split at writing time
between tests/data/fusion/dev and tests/data/fusion/test (articles ``r16-*``), and the rule its
dev half taught (docs/fusion.md, "Sixteenth round"), on invented reports (never on corpus
articles): a deployment report with no place of its own is at the other report's place when
its own sentence names that place (``places.unplaced_named``, ``scores.named_place``)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from kg.fuse.cluster import cluster
from kg.fuse.compat import compare, explain, places_relation
from kg.fuse.config import load_config
from kg.fuse.model import C, ActorInfo, PlaceInfo, Report

import fusion_batches

ROOT = Path(__file__).resolve().parents[1]
FUSION = ROOT / "tests" / "data" / "fusion"
CFG = load_config()
XX = "https://w3id.org/conflict-kg/id/state/xx"


# --- the batch (its make-up only: the test half's texts and results are never read) -----------------

def _manifest(part: str) -> dict[str, dict]:
    return fusion_batches.manifest("r16", part)


def test_the_batch_is_split_by_whole_clusters_odd_to_dev_and_even_to_test():
    """Twelve clusters, each wholly in one part with its distractors: odd numbers in dev, even in
    test, each told by 2-4 articles; at least 12 distractors in all."""
    fusion_batches.assert_split_by_whole_clusters("r16")


def test_every_dev_article_has_its_sidecar_gold_and_manifest_row_in_agreement():
    fusion_batches.assert_dev_rows_agree("r16", 26)


def test_the_syndicated_copy_has_the_wire_text_under_another_headline():
    art = FUSION / "dev" / "articles"
    a = (art / "r16-i03-b-volta-wire-bawku-troops.txt").read_text("utf-8").split("\n\n", 1)
    b = (art / "r16-i03-b2-northern-sun-bawku-copy.txt").read_text("utf-8").split("\n\n", 1)
    assert a[1] == b[1] and a[0] != b[0]
    assert _manifest("dev")["r16-i03-b2-northern-sun-bawku-copy"]["kind"] == "syndicated-copy"


# --- the rule (invented reports) ----------------------------------------------------------------------

ORNA = PlaceInfo("p:orna", "Orna", XX, 10.0, 20.0, "P", frozenset({XX}))
PELLIC = PlaceInfo("p:pellic", "Pellic", XX, 12.0, 22.0, "P", frozenset({XX}))
XLAND = ActorInfo(XX, "Xland", frozenset({XX, "xland"}), C + "State")
RULE_OFF = dataclasses.replace(CFG, unplaced_named=())


def deployment(iri, doc, day, places=(), troops=None, evidence="", untimed=False, cls="Deployment", actors=None):
    return Report(iri=iri, doc_id=doc, cls=cls, modality="asserted", date=day, precision="day",
                  published=day, publisher=doc, places=tuple(places), actors=actors or {},
                  quantities={"troops": (troops, "")} if troops else {}, evidence=evidence, untimed=untimed)


WIRE = deployment("r:wire", "wire", "2031-03-03", (ORNA,), 500, actors={"agent": (XLAND,)},
                  evidence="Xland sent about 500 more soldiers to the northern town of Orna on Monday.")
LOCAL = deployment("r:local", "local", "2031-03-06", (), 450, untimed=True,
                   evidence="Armoured vehicles patrolled Orna's main market on Wednesday, two days after the "
                            "arrival of some 450 soldiers sent from the capital.")


def test_a_deployment_with_no_place_whose_sentence_names_the_other_place_is_at_it():
    assert places_relation(LOCAL, WIRE, CFG) == "named" == places_relation(WIRE, LOCAL, CFG)
    assert compare(LOCAL, WIRE, CFG) >= CFG.threshold
    assert "places named" in explain(LOCAL, WIRE, CFG)
    assert len(cluster([WIRE, LOCAL], CFG)) == 1


def test_without_the_rule_the_same_two_reports_stay_apart():
    """Round 20's same_size (the two sizes, 500 and 450, agree) is taken off too: with it the pair
    joins on the size alone, and this test isolates the named place."""
    off = dataclasses.replace(RULE_OFF, scores={**RULE_OFF.scores, "same_size": 0.0})
    assert places_relation(LOCAL, WIRE, off) == "unknown"
    assert compare(LOCAL, WIRE, off) < off.threshold
    assert len(cluster([WIRE, LOCAL], off)) == 2
    assert compare(LOCAL, WIRE, RULE_OFF) == compare(LOCAL, WIRE, off) + CFG.score("same_size")


def test_a_sentence_naming_another_place_or_a_longer_name_is_not_the_place():
    other = dataclasses.replace(LOCAL, iri="r:other", evidence="Armoured vehicles patrolled Pellic's main market "
                                "on Wednesday, two days after the arrival of some 450 soldiers.")
    longer = dataclasses.replace(LOCAL, iri="r:longer", evidence="Armoured vehicles patrolled Ornaville's market on "
                                 "Wednesday, two days after the arrival of some 450 soldiers.")
    assert places_relation(other, WIRE, CFG) == "unknown"
    assert places_relation(longer, WIRE, CFG) == "unknown"


def test_a_report_with_a_place_of_its_own_is_not_moved_by_a_name_in_its_sentence():
    """'sent from Orna' in a report whose destination is read (Pellic) is where the troops came
    from: the two places' own relation holds."""
    own = deployment("r:own", "own", "2031-03-03", (PELLIC,), 450,
                     evidence="Some 450 soldiers sent from Orna arrived in Pellic on Monday.")
    assert places_relation(own, WIRE, CFG) != "named"


def test_only_the_families_listed_take_the_named_place():
    """Attacks are not listed (on dev they gained nothing, and an attack's sentence names other
    places more often: 'about 150 km east of Orna')."""
    a = dataclasses.replace(WIRE, iri="r:a1", cls="Attack", quantities={})
    b = dataclasses.replace(LOCAL, iri="r:a2", cls="Attack", quantities={})
    assert places_relation(b, a, CFG) == "unknown"
    assert places_relation(b, a, dataclasses.replace(CFG, unplaced_named=("Attack",))) == "named"


def test_a_state_counts_as_the_named_place_only_when_its_kind_is_listed():
    state = PlaceInfo(XX, "Xland", XX, None, None, "S", frozenset())
    to_state = dataclasses.replace(WIRE, iri="r:s1", places=(state,))
    welcomed = dataclasses.replace(LOCAL, iri="r:s2", evidence="The government welcomed the decision to send "
                                   "450 soldiers to Xland.")
    assert places_relation(welcomed, to_state, CFG) == "named"
    no_states = dataclasses.replace(CFG, unplaced_named_kinds=("A", "L", "P", "?"))
    assert places_relation(welcomed, to_state, no_states) == "unknown"


# --- rule 2: a capture told with its month alone, at the same place (invented reports) ---------------

TARN = PlaceInfo("p:tarn", "Tarn", XX, 30.0, 40.0, "P", frozenset({XX}))
BLUE = ActorInfo("f:blue", "Blue Brigade", frozenset({"f:blue", "blue brigade"}), C + "ArmedGroup")
GREY = ActorInfo("f:grey", "Grey Legion", frozenset({"f:grey", "grey legion"}), C + "ArmedGroup")
MONTH_OFF = dataclasses.replace(CFG, month_same_place=())


def capture(iri, doc, date, precision="day", captor=None, place=TARN, untimed=False, cls="Capture", published=None):
    return Report(iri=iri, doc_id=doc, cls=cls, modality="asserted", date=date, precision=precision,
                  published=published or (date if precision == "day" else "2032-03-14"), publisher=doc,
                  places=(place,), actors={"captor": (captor,)} if captor else {}, quantities={},
                  evidence="", untimed=untimed)


DAY_REPORTS = [capture("r:c1", "staff", "2031-08-15", untimed=True),
               capture("r:c2", "wire", "2031-08-15", captor=BLUE),
               capture("r:c3", "weekly", "2031-08-15")]
# "the Grey Legion retook Tarn on Thursday, seven months after the Blue Brigade captured the town"
BACKREF = capture("r:back", "later", "2031-08", precision="month", captor=BLUE)


def test_a_month_precise_back_reference_joins_the_days_reports_at_the_same_place():
    assert "month and same place" in explain(BACKREF, DAY_REPORTS[0], CFG)
    assert all(compare(BACKREF, r, CFG) >= CFG.threshold for r in DAY_REPORTS)
    assert len(cluster([*DAY_REPORTS, BACKREF], CFG)) == 1


def test_without_the_rule_the_back_reference_stays_apart():
    assert compare(BACKREF, DAY_REPORTS[0], MONTH_OFF) < MONTH_OFF.threshold
    assert len(cluster([*DAY_REPORTS, BACKREF], MONTH_OFF)) == 2


def test_another_place_another_captor_or_another_family_gets_nothing():
    elsewhere = dataclasses.replace(BACKREF, iri="r:else", places=(PELLIC,))
    other_captor = dataclasses.replace(BACKREF, iri="r:grey", actors={"captor": (GREY,)})
    attack_a = dataclasses.replace(DAY_REPORTS[1], iri="r:att1", cls="Attack", actors={})
    attack_b = dataclasses.replace(BACKREF, iri="r:att2", cls="Attack", actors={})
    assert "month and same place" not in explain(elsewhere, DAY_REPORTS[1], CFG)
    assert "month and same place" not in explain(other_captor, DAY_REPORTS[1], CFG)
    assert compare(other_captor, DAY_REPORTS[1], CFG) < CFG.threshold
    assert "month and same place" not in explain(attack_b, attack_a, CFG)
    assert compare(attack_b, attack_a, CFG) < CFG.threshold


def test_a_day_of_another_month_is_not_held_by_the_month():
    """The recapture of the next month at the same place (by the same captor) is no month match."""
    again = capture("r:again", "again", "2031-09-20", captor=BLUE)
    assert "month and same place" not in explain(BACKREF, again, CFG)
