"""Entities, round 30 (issue 10): first-run FALSE entities still present today, by mechanism
(docs/entities.md, "Round 30 (entities)").

Each extraction test is an invented report; the towns, people and web addresses are invented.
"""

from __future__ import annotations

from rule_helpers import extract


def _all(facts):
    return [(e.type, e.name) for e in facts.entities]


def _names(facts, etype):
    return [n for e in facts.entities if e.type == etype for n in [e.name, *e.aliases]]


# 1. "City, DC": the city with its federal district's abbreviation is a name the city goes by (the
#    golds list the city as "X" or as "X, DC"), an alias of the one place.

def test_a_city_with_its_district_after_a_comma_goes_by_both_names(extractor):
    f = extract(extractor, "Press Statement\n\nJane Roe\nDepartment Spokesperson\nWashington, DC\nMay 1, 2014\n\n"
                           "The United States condemns the bombing in Velkoro.", published="2014-05-01")
    places = [e for e in f.entities if e.type == "Location" and "Washington" in [e.name, *e.aliases]]
    assert len(places) == 1, _all(f)
    assert "Washington, DC" in [places[0].name, *places[0].aliases], places[0]


def test_a_city_with_the_dotted_district_goes_by_both_names(extractor):
    f = extract(extractor, "Talks\n\nThe minister flew to Washington, D.C. on Monday for talks on Velkoro.",
                published="2014-05-01")
    assert "Washington, D.C." in _names(f, "Location"), _all(f)
    assert "Washington" in _names(f, "Location"), _all(f)


def test_a_city_and_its_state_after_a_comma_gets_no_district_alias(extractor):  # guard
    f = extract(extractor, "Training\n\nThe sailors left Norfolk, Va., on Monday for Velkoro.", published="2014-05-01")
    assert not any("," in n for n in _names(f, "Location")), _all(f)


# 2. Page furniture on a line of its own: a news service's label ("Courtesy Story") and a bare web
#    address ("Example.gov") name no one.

_DVIDS = ("Ministers meet\n\nWASHINGTON, UNITED STATES\n\n10.18.2006\n\nCourtesy Story\n\nExample.gov\n\n"
          "Defense Secretary Jane Roe met with her Xlandian counterpart today in Velkoro.")


def test_a_courtesy_story_label_names_no_person(extractor):
    f = extract(extractor, _DVIDS, published="2006-10-18")
    assert not any("Courtesy" in n for _, n in _all(f)), _all(f)
    assert ("Person", "Jane Roe") in _all(f), _all(f)


def test_a_web_address_on_its_own_line_names_no_body(extractor):
    f = extract(extractor, _DVIDS, published="2006-10-18")
    assert not any(".gov" in n for _, n in _all(f)), _all(f)


def test_a_body_named_in_a_sentence_after_the_label_is_kept(extractor):  # guard
    f = extract(extractor, "Deployment\n\nCourtesy Story\n\nThe Velkoro Reconstruction Agency said on Monday that "
                           "engineers will arrive in Velkoro next week.", published="2014-05-01")
    assert ("Organization", "Velkoro Reconstruction Agency") in _all(f), _all(f)


# 3. A unit's number written after its echelon word is its name's ("Light Infantry Battalion 417"): the
#    whole name is one armed force, whatever noun follows it ("post", "camp"); a count of troops is not.

def test_a_battalion_named_with_its_number_is_one_armed_force(extractor):
    f = extract(extractor, "Post taken\n\nRebels took the army's Light Infantry Battalion 417 post beside the "
                           "bridge, residents said.", published="2024-04-20")
    assert ("ArmedForce", "Light Infantry Battalion 417") in _all(f), _all(f)
    assert ("ArmedForce", "Light Infantry Battalion") not in _all(f), _all(f)


def test_a_numbered_battalions_camp_is_the_unit_not_a_place(extractor):
    f = extract(extractor, "Camp taken\n\nRebels took full control of the military council's Light Infantry "
                           "Battalion 218 camp at Velkoro, west of Zarin.", published="2024-04-20")
    assert ("ArmedForce", "Light Infantry Battalion 218") in _all(f), _all(f)
    assert ("Location", "Velkoro") in _all(f), _all(f)


def test_a_count_of_soldiers_after_a_brigade_is_no_part_of_its_name(extractor):  # guard
    f = extract(extractor, "Troops\n\nThe 3rd Brigade 200 soldiers arrived in Velkoro on Monday.", published="2024-04-20")
    assert not any(n.endswith("200") for _, n in _all(f)), _all(f)


# 4. The African Union's mission in Somalia by its 2025 name, in either spelling, is the listed mission.

def test_the_au_mission_by_its_stabilisation_name_is_the_listed_force(extractor):
    f = extract(extractor, "Troops pledged\n\nXland will send 1,000 soldiers to Somalia as part of the African Union "
                           "Support and Stabilisation Mission, officials said.", published="2025-01-20")
    forces = [e for e in f.entities if e.type == "ArmedForce"]
    assert any("African Union Support and Stabilisation Mission" in [e.name, *e.aliases] for e in forces), _all(f)
    assert ("Organization", "African Union") not in _all(f), _all(f)


# 5. NATO's forces in Bosnia by their acronyms (IFOR, SFOR) are listed armed forces; the lower-case
#    "stabilization force" of another mission is not taken for them.

def test_ifor_and_sfor_are_armed_forces(extractor):
    f = extract(extractor, "Troop ceiling\n\nAt the height of the IFOR mission, 19,000 troops served in Velkoro. "
                           "SFOR troops have since conducted 120 inspections.", published="1997-01-16")
    assert ("ArmedForce", "IFOR") in _all(f), _all(f)
    assert ("ArmedForce", "SFOR") in _all(f), _all(f)


def test_another_missions_stabilization_force_is_no_sfor(extractor):  # guard
    f = extract(extractor, "Mission\n\nThe council approved an international stabilization force for Velkoro on "
                           "Monday.", published="2025-11-17")
    assert "SFOR" not in [n for _, n in _all(f)], _all(f)


# 6. (wrong type) A multinational command by its name ("Multinational Force X", "Multinational Corps Y") is an
#    armed force, where NER calls it a body; a multinational body without a force's word stays a body.

def test_a_multinational_force_and_corps_are_armed_forces(extractor):
    f = extract(extractor, "Visit\n\nThe minister met the commander of Multinational Corps Velkoro and later the chief "
                           "of Multinational Force Velkoro, officials said.", published="2006-10-18")
    assert ("ArmedForce", "Multinational Corps Velkoro") in _all(f), _all(f)
    assert ("ArmedForce", "Multinational Force Velkoro") in _all(f), _all(f)


def test_a_multinational_council_stays_a_body(extractor):  # guard
    f = extract(extractor, "Talks\n\nThe Multinational Council for Trade met in Velkoro.", published="2006-10-18")
    assert ("Organization", "Multinational Council for Trade") in _all(f), _all(f)


# 7. (wrong type) "the Border Troops of the X Committee": troops of a body are an armed force, not the body.

def test_troops_of_a_committee_are_an_armed_force(extractor):
    f = extract(extractor, "Protest\n\nThe Border Service of Xland sent a note of protest to the Border Troops of the "
                           "State Committee for National Security of Zarinstan on Monday.", published="2022-09-14")
    assert ("ArmedForce", "Border Troops of the State Committee for National Security of Zarinstan") in _all(f), _all(f)


# 8. (missed) "coalition forces" told with no state or name before it is a force of that name; "the U.S.-led
#    coalition forces" and "Xian coalition forces" are read as before.

def test_plain_coalition_forces_are_an_armed_force(extractor):
    f = extract(extractor, "Ambush\n\nCoalition forces killed three extremists near Velkoro. The extremists had "
                           "attacked coalition forces in the Zarin district.", published="2007-05-02")
    forces = [e for e in f.entities if e.type == "ArmedForce" and "coalition forces" in
              [n.lower() for n in [e.name, *e.aliases]]]
    assert len(forces) == 1, _all(f)


def test_a_states_coalition_forces_are_not_the_plain_coalition(extractor):  # guard
    f = extract(extractor, "Patrol\n\nXlandian coalition forces arrived in Velkoro on Monday.", published="2007-05-02")
    assert ("ArmedForce", "coalition forces") not in [(t, n.lower()) for t, n in _all(f)], _all(f)
