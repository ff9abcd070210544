"""kg.fuse rules of issue 11's fifth round, on invented reports (never on corpus articles): what
fusion tolerates of extraction's typical misreadings, and where it must not."""

from __future__ import annotations

from kg.fuse.cluster import cluster
from kg.fuse.compat import actors_score, compare, explain
from kg.fuse.config import load_config
from kg.fuse.model import C, ActorInfo, PlaceInfo, Report

CFG = load_config()
XX = "https://w3id.org/conflict-kg/id/state/xx"
YY = "https://w3id.org/conflict-kg/id/state/yy"
ZZ = "https://w3id.org/conflict-kg/id/state/zz"
TOWN = PlaceInfo("p:town", "Town", XX, 10.0, 20.0, "P", frozenset({XX}))
OTHER_TOWN = PlaceInfo("p:other", "Othertown", XX, 10.6, 20.6, "P", frozenset({XX}))
PROVINCE = PlaceInfo("p:prov", "Province", XX, 10.1, 20.1, "A", frozenset({XX}))
ABROAD = PlaceInfo("p:abroad", "Abroadville", ZZ, 30.0, 40.0, "P", frozenset({ZZ}))


def rep(iri, doc, date="2020-05-04", places=(TOWN,), cls="Attack", actors=None, figures=None):
    return Report(iri=iri, doc_id=doc, cls=cls, modality="asserted", date=date, precision="day",
                  published="2020-05-05", publisher=doc, places=tuple(places), actors=actors or {},
                  quantities=figures or {}, evidence=f"text {iri}")


def state(iri):
    return ActorInfo(iri, iri.rsplit("/", 1)[-1], frozenset({iri, iri.rsplit("/", 1)[-1]}), C + "State")


def group(name, field=XX):
    iri = "g:" + name
    return ActorInfo(iri, name, frozenset({iri, name.lower(), "in:" + field}), C + "ArmedGroup")


def force(name, of):
    iri = "f:" + name
    return ActorInfo(iri, name, frozenset({iri, name.lower(), of}), C + "ArmedForce")


def person(name, *sides):
    iri = "p:" + name
    return ActorInfo(iri, name, frozenset({iri, name.lower(), *sides}), C + "Person")


def groups_of(reports):
    return sorted(sorted(r.iri for r in g.reports) for g in cluster(reports, CFG))


MILITIA = group("Militia")
YLAND = state(YY)


# --- an actor read in two roles of one report -----------------------------------------------------

def test_an_actor_read_as_both_sides_of_one_attack_does_not_disagree():
    """'Two members of the Militia were killed when a Yland drone hit their car ... a source close
    to the group said' read the Militia as perpetrator and target. Against 'Yland struck the
    Militia near Town' the perpetrator role is no conflict (which reading is wrong is unknown);
    the target still agrees. Without the double reading the Militia against Yland conflicts."""
    both = rep("e:both", "a", places=(PROVINCE,), actors={"perpetrator": (MILITIA,), "target": (MILITIA,)},
               figures={"fatalities": (2.0, "exact")})
    wire = rep("e:wire", "b", actors={"perpetrator": (YLAND,), "target": (MILITIA,)},
               figures={"fatalities": (2.0, "exact")})
    assert actors_score(both, wire, CFG) == CFG.score("actor_agrees")
    assert compare(both, wire, CFG) >= CFG.threshold
    plain = rep("e:plain", "c", places=(PROVINCE,), actors={"perpetrator": (MILITIA,)})
    assert actors_score(plain, wire, CFG) == CFG.score("actor_conflict")



def test_a_speaker_speaking_about_itself_still_disagrees_with_another_speaker():
    """Only opposed roles (perpetrator and target, captor and former holder) make a filler
    doubtful: 'the Militia said its fighters ...' (speaker and about) against Yland's statement
    is still two sides speaking."""
    own = rep("e:own", "a", cls="Statement", actors={"speaker": (MILITIA,), "about": (MILITIA,)})
    yland = rep("e:yl", "b", cls="Statement", actors={"speaker": (YLAND,)})
    assert actors_score(own, yland, CFG) == CFG.score("actor_conflict")
    retook = rep("e:retook", "a", cls="Capture", actors={"captor": (MILITIA,), "former": (MILITIA,)})
    held = rep("e:held", "b", cls="Capture", actors={"captor": (YLAND,)})
    assert actors_score(retook, held, CFG) == 0.0


def test_the_doubted_actor_still_agrees_and_other_towns_still_veto():
    """The doubt only removes a conflict: a report naming the Militia as perpetrator still agrees
    with the double reading, and a same-day attack in another town of the country stays apart."""
    both = rep("e:both", "a", actors={"perpetrator": (MILITIA,), "target": (MILITIA,)})
    claim = rep("e:claim", "b", actors={"perpetrator": (MILITIA,)})
    assert actors_score(both, claim, CFG) == CFG.score("actor_agrees")
    elsewhere = rep("e:else", "c", places=(OTHER_TOWN,), actors={"perpetrator": (YLAND,), "target": (MILITIA,)})
    assert compare(both, elsewhere, CFG) is None
    wire = rep("e:wire", "d", actors={"perpetrator": (YLAND,), "target": (MILITIA,)})
    assert groups_of([both, elsewhere, wire]) == [["e:both", "e:wire"], ["e:else"]]


# --- the state of the event's land read as its perpetrator -----------------------------------------

def test_the_bare_state_of_the_place_as_perpetrator_does_not_disagree():
    """'Yland strike targets the Militia in eastern Xland' read Xland as the perpetrator: against
    'a Yland drone strike killed Militia fighters in Province' it is no conflict."""
    headline = rep("e:head", "a", places=(PROVINCE,), actors={"perpetrator": (state(XX),), "target": (MILITIA,)})
    body = rep("e:body", "b", places=(PROVINCE,), actors={"perpetrator": (YLAND,), "target": (MILITIA,)})
    assert actors_score(headline, body, CFG) == CFG.score("actor_agrees")
    assert groups_of([headline, body]) == [["e:body", "e:head"]]


def test_a_state_abroad_its_forces_or_another_role_still_disagree():
    """The doubt is only for the bare state of the place, as perpetrator: Xland striking abroad,
    'Xland forces' (an armed force speaking for Xland) and Xland as a target still conflict with
    Yland, as a deployment's agent or a capture's captor acting in its own land is no misreading."""
    abroad = rep("e:abroad", "a", places=(ABROAD,), actors={"perpetrator": (state(XX),)})
    other = rep("e:other", "b", places=(ABROAD,), actors={"perpetrator": (YLAND,)})
    assert actors_score(abroad, other, CFG) == CFG.score("actor_conflict")
    forces = rep("e:forces", "a", actors={"perpetrator": (force("Xland army", XX),)})
    assert actors_score(forces, rep("e:y", "b", actors={"perpetrator": (YLAND,)}), CFG) == CFG.score("actor_conflict")
    target = rep("e:target", "a", actors={"target": (state(XX),)})
    assert actors_score(target, rep("e:y", "b", actors={"target": (YLAND,)}), CFG) == CFG.score("actor_conflict")
    retake = rep("e:retake", "a", cls="Capture", actors={"captor": (state(XX),)})
    seize = rep("e:seize", "b", cls="Capture", actors={"captor": (MILITIA,)})
    assert actors_score(retake, seize, CFG) == CFG.score("actor_conflict")


# --- one host, two guests, in one article ----------------------------------------------------------

HOST, GUEST, OTHER = person("Hostname", XX), person("Guestname", YY), person("Othername", ZZ)


def test_one_article_naming_one_host_with_two_guests_tells_two_meetings():
    """'The minister hosted Othername at the palace on Tuesday, a day after his talks with
    Guestname' read both meetings on the Tuesday at the palace: same day and place (4.0) less one
    conflict (1.0) reached the threshold. Within one article the participants are told
    consistently, so another guest of the same host is another meeting (a veto there); across
    articles it is a score (below)."""
    tue = rep("e:tue", "a", cls="Meeting", actors={"participants": (HOST, OTHER)})
    back = rep("e:back", "a", cls="Meeting", actors={"participants": (HOST, GUEST)})
    assert compare(tue, back, CFG) is None
    assert explain(tue, back, CFG) == "veto: another guest of one host in one article"
    assert groups_of([tue, back]) == [["e:back"], ["e:tue"]]
    other_outlet = rep("e:out", "b", cls="Meeting", actors={"participants": (HOST, GUEST)})
    assert compare(tue, other_outlet, CFG) is not None


def test_a_host_with_another_guest_the_same_day_at_the_same_place_stays_apart():
    """'Hostname met Guestname in Capital on Monday' and, in another outlet, 'Hostname met
    Othername in Capital on Monday': same day and place (4.0) less the role's conflict (1.0)
    reached the threshold; another guest costs ``another_guest`` besides. A second outlet's
    'Guestname held talks with Hostname', naming Guestname's head of state too (a placed person
    of the guest's side), is still the same meeting."""
    diop = rep("e:diop", "a", cls="Meeting", actors={"participants": (HOST, GUEST)})
    sonko = rep("e:sonko", "b", cls="Meeting", actors={"participants": (HOST, OTHER)})
    assert compare(diop, sonko, CFG) == (4.0 + CFG.score("actor_conflict") + CFG.score("another_guest"))
    assert compare(diop, sonko, CFG) < CFG.threshold
    assert "another guest" in explain(diop, sonko, CFG)
    head_of_state = person("Headname", YY)
    other_outlet = rep("e:talks", "c", cls="Meeting", actors={"participants": (GUEST, HOST, head_of_state)})
    assert compare(diop, other_outlet, CFG) >= CFG.threshold
    assert groups_of([diop, sonko, other_outlet]) == [["e:diop", "e:talks"], ["e:sonko"]]


def test_one_article_telling_one_meeting_twice_is_still_one():
    """The headline 'Hostname meets Guestname' and the body 'Hostname and Guestname, with
    Othername, met' (one side more), or the body naming a guest's state, stay one meeting."""
    head = rep("e:head", "a", cls="Meeting", actors={"participants": (HOST, GUEST)})
    body = rep("e:body", "a", cls="Meeting", actors={"participants": (HOST, GUEST, OTHER)})
    states = rep("e:states", "a", cls="Meeting", actors={"participants": (HOST, state(YY))})
    assert compare(head, body, CFG) >= CFG.threshold
    assert compare(head, states, CFG) >= CFG.threshold
    assert groups_of([head, body, states]) == [["e:body", "e:head", "e:states"]]


# --- a report naming only the country, beside towns of it the same day -----------------------------

COUNTRY = PlaceInfo(XX, "Xland", XX, None, None, "S", frozenset())


def test_a_country_only_report_joins_the_town_whose_reports_agree_more():
    """'Two Militia members killed in Yland strike in Xland' (only the country) reaches the
    threshold with both strikes of the day, the one near Town (same target and toll) and the one
    in Othertown (nothing shared): the better group is merged first, and the two towns veto, so
    the country-only report is not joined with Othertown's strike."""
    town_a = rep("e:town-a", "a", actors={"perpetrator": (YLAND,), "target": (MILITIA,)}, figures={"fatalities": (2.0, "exact")})
    town_b = rep("e:town-b", "b", actors={"perpetrator": (force("Yland air force", YY),)})
    other = rep("e:other", "a", places=(OTHER_TOWN,), actors={}, figures={"injuries": (6.0, "exact")})
    country = rep("e:country", "c", places=(COUNTRY,), actors={"perpetrator": (MILITIA,), "target": (MILITIA,)},
                  figures={"fatalities": (2.0, "exact")})
    assert compare(country, other, CFG) >= CFG.threshold  # alone it would join (the risk)
    assert compare(country, town_a, CFG) > compare(country, other, CFG)
    assert groups_of([town_a, town_b, other, country]) == [["e:country", "e:town-a", "e:town-b"], ["e:other"]]
