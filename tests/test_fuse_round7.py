"""kg.fuse rules of issue 11's seventh round, on invented reports (never on corpus articles):
who an attack struck (read from its sentence) agrees or differs between two reports, areas told
with a bearing or named after a town, a deployment's sending state and the force it sends, and
statements of two speakers about one actor."""

from __future__ import annotations

from kg.fuse.cluster import cluster, signature
from kg.fuse.compat import (actors_score, area_names, compare, explain, place_relation, victim_kind,
                            victims_score)
from kg.fuse.config import load_config
from kg.fuse.model import C, ActorInfo, PlaceInfo, Report

CFG = load_config()
XX = "https://w3id.org/conflict-kg/id/state/xx"
YY = "https://w3id.org/conflict-kg/id/state/yy"
CITY = PlaceInfo("p:city", "Harrowgate", XX, 10.0, 20.0, "P", frozenset({XX}), frozenset({"upland", "upland province"}))
QUARTER = PlaceInfo("p:quarter", "Old Harbour district", XX, 10.01, 20.01, "A", frozenset({"p:city", XX}))
SOMEWHERE = PlaceInfo("p:unknown", "Brackenfold", None, None, None, "?")
PROVINCE = PlaceInfo("p:prov", "Fenmoor province", XX, 11.0, 21.0, "A", frozenset({XX}))


def group(name, country=XX):
    iri = "g:" + name
    return ActorInfo(iri, name, frozenset({iri, name.lower(), "in:" + country}), C + "ArmedGroup")


def state(code, name):
    iri = f"https://w3id.org/conflict-kg/id/state/{code}"
    return ActorInfo(iri, name, frozenset({iri, name.lower()}), C + "State")


def force(name, st):
    iri = "f:" + name
    return ActorInfo(iri, name, frozenset({iri, name.lower(), st.iri}), C + "ArmedForce")


def rep(iri, doc, evidence, cls="Attack", date="2020-05-04", places=(CITY,), actors=None, figures=None):
    return Report(iri=iri, doc_id=doc, cls=cls, modality="asserted", date=date, precision="day",
                  published=date, publisher=doc, places=tuple(places), actors=actors or {},
                  quantities=figures or {}, evidence=evidence)


def groups_of(reports):
    return sorted(sorted(r.iri for r in g.reports) for g in cluster(reports, CFG))


RAIDERS = group("Raiders")


# --- who an attack struck -----------------------------------------------------------------------

def test_the_victims_are_read_without_the_speaker_and_the_attackers():
    """The kind of the first victim word, once the speaker ("..., police said", "The army
    said ...", "according to ...") and the report's own perpetrators are taken out."""
    cases = [
        ("Gunmen killed four soldiers at an army post in Harrowgate on Monday, police said.", None, "military"),
        ("The army said gunmen killed five farmers near Harrowgate on Monday.", None, "civilian"),
        ("A bomb wounded six shoppers at a market in Harrowgate, according to army officers.", None, "civilian"),
        ("Fighters of the Valley Army killed seven miners in Harrowgate on Monday.", "Valley Army", "civilian"),
        ("Gunmen stormed a police station in Harrowgate on Monday, killing two officers.", None, "police"),
        ("An explosion killed nine people in Harrowgate on Monday, officials said.", None, None),
    ]
    for text, perp, kind in cases:
        actors = {"perpetrator": (group(perp),)} if perp else {}
        assert victim_kind(rep("e:x", "x", text, actors=actors), CFG) == kind, text


def test_a_perpetrator_the_report_doubts_does_not_hide_the_victims():
    """"Jihadists killed 17 Westland soldiers" read the soldiers as perpetrator and target: their
    words are still the victims (a doubtful perpetrator, compat.doubtful); a perpetrator read
    once is taken out."""
    soldiers = ActorInfo("f:ws", "Westland soldiers", frozenset({"f:ws", "westland soldiers", XX}), C + "ArmedForce")
    text = "Jihadist fighters killed 17 Westland soldiers in an ambush near Harrowgate on Tuesday."
    both = rep("e:b", "b", text, actors={"perpetrator": (soldiers,), "target": (soldiers,)})
    once = rep("e:o", "o", text, actors={"perpetrator": (soldiers,)})
    assert victim_kind(both, CFG) == "military"
    assert victim_kind(once, CFG) is None


def test_only_attacks_have_victims():
    text = "The first 300 soldiers landed in Harrowgate on Tuesday."
    assert victim_kind(rep("e:d", "d", text, cls="Deployment"), CFG) is None


def test_a_city_and_a_district_of_it_the_same_day_by_one_group_stay_apart():
    """One group's car bomb at a hotel in the city and its mortars on the guards of a palace in a
    district of it, the same day: the place is contained and the group agrees, so the day, the
    place and the group alone reached the threshold; the victims (civilians / soldiers) differ."""
    hotel = rep("e:hotel", "a", "Raiders set off a car bomb outside a hotel in Harrowgate on Friday, killing seven people.",
                actors={"perpetrator": (RAIDERS,)}, figures={"fatalities": (7.0, "exact")})
    palace = rep("e:palace", "b", "Raiders fired mortar shells at the palace in the Old Harbour district on Friday, wounding three guards.",
                 places=(QUARTER,), actors={"perpetrator": (RAIDERS,)}, figures={"injuries": (3.0, "exact")})
    assert place_relation(CITY, QUARTER, CFG) == "contained"
    assert victims_score(hotel, palace, CFG) == CFG.score("other_victims") < 0
    assert compare(hotel, palace, CFG) < CFG.threshold
    assert "victims" in explain(hotel, palace, CFG)
    assert groups_of([hotel, palace]) == [["e:hotel"], ["e:palace"]]


def test_same_day_attacks_on_soldiers_join_across_an_unplaced_report():
    """A wire names an unresolved base, a government statement no place and a local radio only
    the province, the same day, all of soldiers killed: the statement joins each (day and
    victims), and the three are one incident; an attack on fishermen that day does not join."""
    wire = rep("e:wire", "a", "Raiders attacked an army base at Brackenfold late on Sunday, killing 17 soldiers.",
               places=(SOMEWHERE,), actors={"perpetrator": (RAIDERS,)}, figures={"fatalities": (17.0, "exact")})
    govt = rep("e:govt", "b", "The government said 19 soldiers were killed when terrorists attacked a position on Sunday.",
               places=(), figures={"fatalities": (19.0, "exact")})
    radio = rep("e:radio", "c", "Jihadists killed 24 soldiers in yesterday's attack on an army position in Fenmoor province.",
                places=(PROVINCE,), figures={"fatalities": (24.0, "exact")})
    fishers = rep("e:fish", "d", "Raiders killed five fishermen near Fenmoor on Sunday, a chief said.",
                  places=(PROVINCE,), actors={"perpetrator": (RAIDERS,)}, figures={"fatalities": (5.0, "exact")})
    assert compare(wire, govt, CFG) >= CFG.threshold and compare(radio, govt, CFG) >= CFG.threshold
    assert compare(govt, fishers, CFG) < CFG.threshold
    assert groups_of([wire, govt, radio, fishers]) == [["e:fish"], ["e:govt", "e:radio", "e:wire"]]


def test_the_victims_are_part_of_a_reports_kind():
    """Everything compare() reads is in the kind (kg.fuse.cluster.signature)."""
    a = rep("e:a", "a", "Gunmen killed four soldiers in Harrowgate.")
    b = rep("e:b", "b", "Gunmen killed four soldiers in Harrowgate.")
    c = rep("e:c", "c", "Gunmen killed four farmers in Harrowgate.")
    assert signature(a, CFG) == signature(b, CFG) != signature(c, CFG)


# --- areas -------------------------------------------------------------------------------------

def test_an_area_told_with_a_bearing_is_the_area():
    """'south Upland' is a part of Upland: a town of Upland lies in it."""
    assert "upland" in area_names("south Upland")
    assert "upland" in area_names("north-western Upland")
    south = PlaceInfo("p:south", "south Upland", None, None, None, "?")
    assert place_relation(CITY, south, CFG) == "contained"
    assert place_relation(CITY, PlaceInfo("p:s2", "Upland", None, None, None, "?"), CFG) != "contained"


def test_an_unresolved_area_named_after_a_town_holds_the_towns_places():
    """'Harrowgate district' (unresolved) and 'Harrowgate Cantonment' (a base named after the
    town): one area and a place of it; another district does not."""
    district = PlaceInfo("p:d", "Harrowgate district", None, None, None, "?")
    base = PlaceInfo("p:b", "Harrowgate Cantonment", XX, 10.0, 20.0, "P", frozenset({XX}))
    assert place_relation(district, base, CFG) == "contained"
    assert place_relation(PlaceInfo("p:o", "Fenmoor district", None, None, None, "?"), base, CFG) != "contained"


# --- one side in two roles ------------------------------------------------------------------------

def test_a_sending_state_and_the_force_it_sends_agree():
    """'Westland has deployed 400 police officers' (agent) and 'the first 400 Westland officers
    landed' (force) name one side; another state's force does not."""
    west, east = state("xx", "Westland"), state("yy", "Eastland")
    a = rep("e:a", "a", "Westland has deployed 400 police officers.", cls="Deployment", actors={"agent": (west,)})
    b = rep("e:b", "b", "The first 400 Westland officers landed.", cls="Deployment",
            actors={"force": (force("Westland forces", west),)})
    c = rep("e:c", "c", "The first 400 Eastland officers landed.", cls="Deployment",
            actors={"force": (force("Eastland forces", east),)})
    assert actors_score(a, b, CFG) == CFG.score("actor_agrees")
    assert actors_score(a, c, CFG) == CFG.score("actor_conflict")


# --- statements ------------------------------------------------------------------------------------

def test_two_speakers_about_one_actor_are_not_one_statement():
    """Two statements of one day about one state, by two speakers, share only what they are
    about: no agreement (they joined at 3.0 on the day and that state); one speaker about one
    actor still agrees."""
    west = state("xx", "Westland")
    president = ActorInfo("per:a", "Anna Quill", frozenset({"per:a", "anna quill"}), C + "Person")
    officials = ActorInfo("org:b", "Eastland officials", frozenset({"org:b", "eastland officials"}), C + "Organization")
    a = rep("e:a", "a", "Quill said Westland must withdraw.", cls="Statement", places=(),
            actors={"speaker": (president,), "about": (west,)})
    b = rep("e:b", "b", "Eastland officials said Westland was to blame.", cls="Statement", places=(),
            actors={"speaker": (officials,), "about": (west,)})
    c = rep("e:c", "c", "Quill told reporters Westland must leave.", cls="Statement", places=(),
            actors={"speaker": (president,), "about": (west,)})
    assert actors_score(a, b, CFG) == 0.0
    assert compare(a, b, CFG) < CFG.threshold
    assert actors_score(a, c, CFG) == 2 * CFG.score("actor_agrees")
