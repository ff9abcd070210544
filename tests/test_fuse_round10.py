"""kg.fuse rules of issue 11's tenth round (precision), on invented reports (never on corpus
articles). docs/fusion.md, "Tenth round"."""

from __future__ import annotations

from dataclasses import replace

from kg.fuse.cluster import cluster
from kg.fuse.compat import actors_score, compare, places_relation
from kg.fuse.config import load_config
from kg.fuse.model import C, ActorInfo, PlaceInfo, Report

CFG = load_config()
# round 22's named_apart takes two unresolved settlements of other names for two places (a veto):
# this round's rule is read where the places are only "unrelated"
R10 = replace(CFG, named_apart=False)
XX = "https://w3id.org/conflict-kg/id/state/xx"
GROUP = ActorInfo("g:harrow-front", "Harrow Front", frozenset({"g:harrow-front", "harrow front"}), C + "ArmedGroup")
OTHER_GROUP = ActorInfo("g:vell-brigade", "Vell Brigade", frozenset({"g:vell-brigade", "vell brigade"}), C + "ArmedGroup")
POST = PlaceInfo("p:telmiri", "Telmiri", None, None, None, "?")
OTHER_POST = PlaceInfo("p:oskarra-junction", "Oskarra Junction", None, None, None, "?")
TOWN = PlaceInfo("p:harrowgate", "Harrowgate", XX, 10.0, 20.0, "P", frozenset({XX}))
AREA = PlaceInfo("p:harrowgate-district", "Harrowgate district", None, None, None, "?")


def attack(iri, doc, place, evidence, perps=(GROUP,), day="2031-05-08"):
    return Report(iri=iri, doc_id=doc, cls="Attack", modality="asserted", date=day, precision="day",
                  published=day, publisher=doc, places=(place,), actors={"perpetrator": tuple(perps)} if perps else {},
                  quantities={}, evidence=evidence)


def test_one_group_at_two_places_not_known_to_relate_is_no_evidence():
    """'Harrow Front fighters attacked an army post at Telmiri on Thursday, killing 12 soldiers' and
    'Harrow Front said its fighters killed 70 soldiers at Oskarra Junction on Thursday' (another
    outlet): both places unresolved, so nothing ties them; one group strikes several places a day
    (JNIM in two neighbouring countries one Thursday, round 10's census). The shared perpetrator
    no longer counts there: same day 2.0, unrelated -0.5, soldiers both 1.0 = 2.5, two incidents
    (3.5 and one incident before)."""
    a = attack("e:a", "a", POST, "Harrow Front fighters attacked an army post at Telmiri on Thursday, killing 12 soldiers.")
    b = attack("e:b", "b", OTHER_POST, "Harrow Front said its fighters killed 70 soldiers at Oskarra Junction on Thursday.")
    assert places_relation(a, b, R10) == "unrelated"
    assert actors_score(a, b, R10) == R10.score("actor_agrees")  # the agreement as such is still read
    assert actors_score(a, b, R10, unrelated=True) == 0.0
    assert compare(a, b, R10) == R10.score("same_day") + R10.score("unrelated_places") + R10.score("victims_agree")
    assert compare(a, b, R10) < R10.threshold
    assert len(cluster([a, b], R10)) == 2
    assert compare(a, b, CFG) is None and len(cluster([a, b], CFG)) == 2  # (round 22: two places)


def test_the_group_still_counts_where_the_places_relate():
    """At one town, or a town and an unresolved district named after it, the shared group still
    agrees (round 7's containment; the rule touches `unrelated` places only)."""
    a = attack("e:a", "a", TOWN, "Harrow Front fighters attacked an army post at Harrowgate on Thursday.")
    b = attack("e:b", "b", AREA, "Harrow Front claimed an attack in Harrowgate district on Thursday.")
    assert places_relation(a, b, CFG) == "contained"
    assert compare(a, b, CFG) == CFG.score("same_day") + CFG.score("contained_place") + CFG.score("actor_agrees")
    assert len(cluster([a, b], CFG)) == 1


def test_two_groups_at_unrelated_places_still_conflict():
    """Only the agreement is left out: two named groups that disagree still cost the conflict."""
    a = attack("e:a", "a", POST, "Harrow Front fighters attacked a post at Telmiri.")
    b = attack("e:b", "b", OTHER_POST, "Vell Brigade fighters attacked a post at Oskarra Junction.", perps=(OTHER_GROUP,))
    assert actors_score(a, b, CFG, unrelated=True) == CFG.score("actor_conflict")


def test_a_meeting_s_participants_still_agree_at_unrelated_places():
    """A meeting is who met whom: 'Dravin met Oskel at the Vellmar palace' / 'Dravin and Oskel held
    talks in Harrowgate' (the palace unresolved) stay one meeting; only `place_bound_roles`
    (the perpetrator) lose their agreement."""
    x = ActorInfo("p:dravin", "Dravin", frozenset({"p:dravin", "dravin"}), C + "Person")
    y = ActorInfo("p:oskel", "Oskel", frozenset({"p:oskel", "oskel"}), C + "Person")
    palace = PlaceInfo("p:vellmar-palace", "Vellmar palace", None, None, None, "?")

    def meeting(iri, doc, place):
        return Report(iri=iri, doc_id=doc, cls="Meeting", modality="asserted", date="2031-05-08", precision="day",
                      published="2031-05-08", publisher=doc, places=(place,), actors={"participants": (x, y)},
                      quantities={}, evidence="")
    a, b = meeting("e:a", "a", palace), meeting("e:b", "b", TOWN)
    assert places_relation(a, b, CFG) == "unrelated"
    assert compare(a, b, CFG) == CFG.score("same_day") + CFG.score("unrelated_places") + CFG.score("actor_max")
    assert len(cluster([a, b], CFG)) == 1


def test_place_bound_roles_are_data():
    assert "perpetrator" in CFG.place_bound_roles  # (round 12 added the target: tests/test_fuse_round12.py)


def test_within_one_article_the_group_still_counts_at_unrelated_places():
    """One article's headline and body may name one event's place in two words ('an attack in
    the Harrow Delta' / 'an attack at a depot in Telmiri'), with its group in both: the rule is
    for two articles (across articles one group's two attacks of a day are common; an article
    names its own event's places as it likes). Same day 2.0, unrelated -0.5, the group 1.0."""
    delta = PlaceInfo("p:harrow-delta", "Harrow Delta", None, None, None, "?")
    a = attack("e:a", "doc", delta, "Harrow Front says six soldiers were killed in an attack in the Harrow Delta")
    b = attack("e:b", "doc", POST, "Harrow Front claimed an attack at a depot in Telmiri.")
    assert places_relation(a, b, CFG) == "unrelated"
    assert compare(a, b, CFG) == CFG.score("same_day") + CFG.score("unrelated_places") + CFG.score("actor_agrees") \
        + CFG.score("same_document")
    # the same two reports from two outlets lose the group
    b2 = attack("e:b", "other", POST, "Harrow Front claimed an attack at a depot in Telmiri.")
    assert compare(a, b2, CFG) == CFG.score("same_day") + CFG.score("unrelated_places")
