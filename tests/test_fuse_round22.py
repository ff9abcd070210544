"""kg.fuse rules of issue 11's twenty-second round (what the sentences say of places the gazetteer
could not relate: ``places.named_apart``, ``places.sentence_ties``, ``places.told_area``; and
``actors.held_names``), on invented reports (never on corpus articles): Xland and its towns,
armies and persons are invented. docs/fusion.md, "Twenty-second round"."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kg.fuse.cluster import cluster
from kg.fuse.compat import compare, explain, places_relation
from kg.fuse.config import load_config
from kg.fuse.model import C, ActorInfo, PlaceInfo, Report

CFG = load_config()
XX = "https://w3id.org/conflict-kg/id/state/xx"
XLAND = PlaceInfo(XX, "Xland", XX, None, None, "S")
ARMY = ActorInfo("f:xland-army", "Xlandish forces", frozenset({"f:xland-army", "xlandish forces", XX}), C + "ArmedForce")
STATE = ActorInfo(XX, "Xland", frozenset({XX, "xland"}), C + "State")


def unresolved(name: str, country=None) -> PlaceInfo:
    return PlaceInfo(f"p:{name.lower().replace(' ', '-')}", name, country, None, None, "?",
                     frozenset({country}) if country else frozenset())


def town(name: str, lat: float = 10.0, lon: float = 20.0, areas=()) -> PlaceInfo:
    return PlaceInfo(f"p:{name.lower()}", name, XX, lat, lon, "P", frozenset({XX}), frozenset(areas))


QUELLAN_PROVINCE = PlaceInfo("p:quellan-province", "Quellan province", XX, 11.0, 21.0, "A", frozenset({XX}))


def report(iri, doc, places, evidence, cls="Deployment", actors=None, troops=None, day="2031-03-03"):
    return Report(iri=iri, doc_id=doc, cls=cls, modality="asserted", date=day, precision="day",
                  published=day, publisher=doc, places=tuple(places), actors=actors or {},
                  quantities={"troops": (float(troops), "approximate")} if troops else {}, evidence=evidence)


def groups_of(reports, cfg=CFG):
    return sorted(sorted(r.iri for r in g.reports) for g in cluster(reports, cfg))


# --- named_apart: two unresolved settlements of other names are two places --------------------------------

# r21-d11's shape: the same army, the same day, a close size, one report at each of two villages of one
# province the gazetteer does not know, and the wire naming only the state
HILLS = report("e:hills", "hills", [unresolved("Varneth"), unresolved("Quellan hills")], troops=600,
               actors={"force": (ARMY,)},
               evidence="Some 600 soldiers of the Xlandish army arrived this afternoon in Varneth, in the Quellan "
                        "hills, a local official said.")
STAFF = report("e:staff", "staff", [unresolved("Tamsorri", XX), QUELLAN_PROVINCE], troops=700,
               actors={"force": (ARMY,)},
               evidence="A detachment of 700 soldiers of the Xlandish army arrived today in Tamsorri, in the "
                        "Quellan province, the general staff announced.")
WIRE = report("e:wire", "wire", [XLAND], troops=800, actors={"agent": (STATE,)},
              evidence="Xland sent about 800 soldiers to its northern Quellan province on Monday, the army said.")


def test_two_villages_of_other_names_are_two_places():
    """Before the rule Varneth and Tamsorri were 'unrelated' (-0.5): same day 2.0, the army 1.0, the
    sizes 0.5 + 1.0 = 4.0 and one incident of all three; with it two places, a veto, and the general
    staff's report keeps the hills report out of the wire's incident."""
    before = replace(CFG, named_apart=False)
    assert compare(HILLS, STAFF, before) == 4.0
    assert groups_of([HILLS, STAFF, WIRE], before) == [["e:hills", "e:staff", "e:wire"]]
    assert compare(HILLS, STAFF, CFG) is None
    assert explain(HILLS, STAFF, CFG).startswith("veto: places")
    assert groups_of([HILLS, STAFF, WIRE]) == [["e:hills"], ["e:staff", "e:wire"]]


def test_the_wire_alone_still_joins_a_village_report():
    """What the rule does not reach (docs: the average linkage's role): against the wire naming only the
    state, the hills report still scores over the threshold."""
    assert compare(HILLS, WIRE, CFG) >= CFG.threshold


@pytest.mark.parametrize("other, evidence", [
    (unresolved("Tamsorri village"), "Soldiers reached Tamsorri village today."),  # one name with a place word
    (unresolved("Tamsorri"), "Soldiers reached an army post near the town of Tamsorri today."),  # a vicinity
    (unresolved("Kelbrin"), "Soldiers camped in Kelbrin, on the southern edge of the city, today."),  # a part
    (unresolved("Kelbrin camp"), "Soldiers set up Kelbrin camp today."),  # a camp and a town
    (unresolved("Quellan hills"), "Soldiers reached the Quellan hills today."),  # an area, not a settlement
    (town("Kelbrin"), "Soldiers reached Kelbrin today."),  # a located town (named_apart_located off)
], ids=["a place word", "a vicinity", "a part of a town", "a camp and a town", "an area", "a located town"])
def test_what_is_not_two_named_places(other, evidence):
    a = report("e:a", "a", [unresolved("Tamsorri")], "Soldiers arrived today in Tamsorri.")
    b = report("e:b", "b", [other], evidence)
    assert places_relation(a, b, CFG) != "conflict"


def test_two_camps_of_other_names_are_two_places():
    """'drones struck the market of Varneth camp' / 'shells hit Tamsorri camp' the same day: two camps."""
    a = report("e:a", "a", [unresolved("Varneth camp", XX)], "Drones struck the market of Varneth camp.", cls="Attack")
    b = report("e:b", "b", [unresolved("Tamsorri camp", XX)], "Shells hit Tamsorri camp.", cls="Attack")
    assert places_relation(a, b, replace(CFG, named_apart=False)) == "country"
    assert places_relation(a, b, CFG) == "conflict"


# --- sentence_ties: one sentence puts one place in the other -------------------------------------------------

DRAVENMOOR = town("Dravenmoor", areas=("lorvan", "provincia de lorvan"))
HOST = ActorInfo("p:tomas-vick", "Tomas Vick", frozenset({"p:tomas-vick", "tomas vick"}), C + "Person")
GUEST = ActorInfo("p:aldo-renner", "Aldo Renner", frozenset({"p:aldo-renner", "aldo renner"}), C + "Person")
GUEST_FULL = ActorInfo("p:marcus-aldo-renner", "Marcus Aldo Renner",
                       frozenset({"p:marcus-aldo-renner", "marcus aldo renner"}), C + "Person")


def meeting(iri, doc, places, evidence, participants):
    return report(iri, doc, places, evidence, cls="Meeting", actors={"participants": tuple(participants)})


def test_a_palace_in_the_town_its_sentence_names():
    """'President Tomas Vick received Marcus Aldo Renner at the Veyra Palace in Dravenmoor' (the palace
    unresolved) against 'Vick and Renner met in Dravenmoor': 'unrelated' without the rule, 'contained'
    with it."""
    palace = meeting("e:p", "p", [unresolved("Veyra Palace")],
                     "President Tomas Vick today received Marcus Aldo Renner at the Veyra Palace in Dravenmoor.",
                     [HOST, GUEST_FULL])
    city = meeting("e:c", "c", [DRAVENMOOR], "Tomas Vick and Aldo Renner met in Dravenmoor on Monday.", [HOST, GUEST])
    assert places_relation(palace, city, replace(CFG, sentence_ties=False)) == "unrelated"
    assert places_relation(palace, city, CFG) == "contained"


@pytest.mark.parametrize("evidence", [
    "A second contingent arrived today in Varneth, joining the 1,000 sent to neighbouring Tamsorri on Monday.",
    "Soldiers arrived today in Varneth payam, Tamsorri South County.",
], ids=["another clause", "the start of a longer name"])
def test_a_sentence_that_names_the_place_otherwise_ties_nothing(evidence):
    """The two names in one sentence, not one in the other: '..., joining the 1,000 sent to neighbouring
    Tamsorri', or Tamsorri only as the start of a longer name ('Tamsorri South County' is not the town)."""
    a = report("e:a", "a", [unresolved("Varneth")], evidence)
    b = report("e:b", "b", [town("Tamsorri")], "1,000 soldiers arrived in Tamsorri on Monday.")
    assert places_relation(a, b, CFG) != "contained"


def test_a_capital_and_its_province_told_in_one_sentence():
    """'arrived today in the city of Dravenmoor, capital of the province of Lorvan' against 'sent about
    1,200 soldiers to Lorvan' (the extractor's label lost 'province'): one sentence ties them, and the
    other calls Lorvan a province that the hierarchy holds Dravenmoor in; either rule joins them."""
    city = report("e:c", "c", [DRAVENMOOR],
                  "A contingent of 1,000 soldiers arrived today in the city of Dravenmoor, capital of the province of "
                  "Lorvan.", troops=1000, actors={"agent": (STATE,)})
    wire = report("e:w", "w", [unresolved("Lorvan")], "Xland sent about 1,200 soldiers to the mining province of "
                  "Lorvan on Thursday.", troops=1200, actors={"agent": (STATE,)})
    neither = replace(CFG, sentence_ties=False, told_area=False)
    assert places_relation(city, wire, neither) == "unrelated"
    assert places_relation(city, wire, replace(CFG, told_area=False)) == "contained"
    assert places_relation(city, wire, replace(CFG, sentence_ties=False)) == "contained"


def test_a_bare_name_no_sentence_calls_an_area_is_not_one():
    """'soldiers arrived in Lorvan' (perhaps a town named like its province) against a town the hierarchy
    puts in the province of Lorvan: no sentence says it is the province, so nothing changes."""
    city = report("e:c", "c", [DRAVENMOOR], "Soldiers arrived in Dravenmoor today.")
    bare = report("e:b", "b", [unresolved("Lorvan")], "Soldiers arrived in Lorvan today.")
    assert places_relation(city, bare, CFG) == "unrelated"


# --- held_names: one person told with and without a given name -----------------------------------------------

def test_a_person_told_with_and_without_a_given_name_is_no_other_guest():
    """'Tomas Vick and Aldo Renner met in Dravenmoor' / 'Vick received Marcus Aldo Renner in Dravenmoor'
    the same day: without the rule each names another guest (-1.0 conflict, -1.0 another guest: 2.0);
    with it the host agrees and nothing conflicts (5.0). A surname alone is still another person."""
    a = meeting("e:a", "a", [DRAVENMOOR], "Tomas Vick and Aldo Renner met in Dravenmoor.", [HOST, GUEST])
    b = meeting("e:b", "b", [DRAVENMOOR], "Tomas Vick received Marcus Aldo Renner in Dravenmoor.", [HOST, GUEST_FULL])
    before = replace(CFG, held_names=False)
    assert compare(a, b, before) == 2.0
    assert compare(a, b, CFG) == 5.0
    assert groups_of([a, b], before) == [["e:a"], ["e:b"]]
    assert groups_of([a, b]) == [["e:a", "e:b"]]
    surname = ActorInfo("p:renner", "Renner", frozenset({"p:renner", "renner"}), C + "Person")
    c = meeting("e:c", "c", [DRAVENMOOR], "Tomas Vick received Renner in Dravenmoor.", [HOST, surname])
    assert compare(a, c, CFG) == 2.0


def test_the_settings_are_data():
    assert CFG.named_apart and CFG.sentence_ties and CFG.told_area and CFG.held_names
    assert not CFG.named_apart_located
    assert "near" in CFG.vicinity_words and "edge" in CFG.part_words and "camp" in CFG.not_settlement_words
    assert "capital" in CFG.tie_words and "province" in CFG.told_area_words
