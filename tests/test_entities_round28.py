"""Entities, round 28 (issue 10): missed and mistyped entities on text not tuned on (docs/entities.md,
"Round 28 (entities)"), by the mechanism still present in the most batches.

Each extraction test is an invented report; the territories are those of titles.yaml's
governed_regions (the rule reads that list), the towns are invented.
"""

from __future__ import annotations

from rule_helpers import extract, types_named


def _all(facts):
    return [(e.type, e.name) for e in facts.entities]


# 1. A territory that governs itself, then a force noun ("X forces", "X's army", "X troops"): the
#    territory's own armed force, and the territory is named too.

def test_a_governed_territorys_forces_are_an_armed_force(extractor):
    f = extract(extractor, "Offensive\n\nGalmudug forces took the town of Velkoro on Sunday after heavy "
                           "fighting, elders said.")
    assert ("ArmedForce", "Galmudug forces") in _all(f), _all(f)
    assert ("Location", "Galmudug") in _all(f), _all(f)
    assert ("Location", "Velkoro") in _all(f)


def test_a_governed_territorys_army_with_a_possessive(extractor):
    f = extract(extractor, "Base falls\n\nClan fighters captured the hill base near Velkoro from Hirshabelle's "
                           "army on Thursday, residents said.")
    assert ("ArmedForce", "Hirshabelle's army") in _all(f), _all(f)
    assert ("Location", "Hirshabelle") in _all(f), _all(f)


def test_a_two_word_territory_and_a_modifier_before_the_force_noun(extractor):
    f = extract(extractor, "Road closed\n\nKurdistan Region security forces closed the road to Velkoro on "
                           "Monday, officials said.")
    assert ("ArmedForce", "Kurdistan Region security forces") in _all(f), _all(f)


def test_an_unlisted_place_before_a_force_noun_is_no_force_of_its_own(extractor):
    # guard: a town is no territory with forces of its own ("Velkoro forces" stays no armed force)
    f = extract(extractor, "Clashes\n\nVelkoro forces and Somali troops fought near Garola on Sunday.")
    assert [e for e in f.entities if e.type == "ArmedForce" and "Velkoro" in e.name] == [], _all(f)
    # guard: a state's demonym still names that state's forces, as before
    assert types_named(f, "Somali") == [("ArmedForce", "Somali forces")], _all(f)


def test_a_governed_territory_alone_is_still_a_place(extractor):
    # guard: without a force noun after it, the territory is a place and nothing more
    f = extract(extractor, "Visit\n\nThe minister visited Galmudug on Sunday and met elders in Velkoro.")
    assert ("Location", "Galmudug") in _all(f), _all(f)
    assert [e for e in f.entities if e.type == "ArmedForce"] == [], _all(f)


# 2. The Yugoslav state's demonym: "Yugoslav forces" are a state's forces (countries.tsv, row CS).

def test_yugoslav_forces_are_a_states_force(extractor):
    f = extract(extractor, "Air campaign\n\nAllied aircraft struck Yugoslav forces near Velkoro on Tuesday, "
                           "a spokesman said.")
    assert ("ArmedForce", "Yugoslav forces") in _all(f), _all(f)


def test_the_yugoslav_demonym_resolves_to_its_state(extractor):
    c = extractor.gazetteer.country("Yugoslav")
    assert c is not None and c.code == "CS"
    # guard: the Macedonian row keeps its own "Former Yugoslav Republic of ..." alias
    assert extractor.gazetteer.country("Former Yugoslav Republic of Macedonia").code == "MK"


# 3. A state's police named as a force of its own ("the Xland Police Service", "Xian military police")
#    is one entity apart from the state's army; "Xian police and soldiers" stay a part of its forces.

def test_a_named_police_service_is_a_force_apart_from_the_army(extractor):
    f = extract(extractor, "Reinforcements\n\nThe Ghana Armed Forces sent 500 soldiers to Velkoro on Friday to "
                           "support the Ghana Police Service in restoring order.")
    assert ("ArmedForce", "Ghana Police Service") in _all(f), _all(f)
    assert [e for e in f.entities if e.type == "ArmedForce" and "Armed Forces" in e.name + " ".join(e.aliases)
            and "Police" in e.name + " ".join(e.aliases)] == [], _all(f)


def test_military_police_are_a_force_apart(extractor):
    f = extract(extractor, "Patrols\n\nRussian military police will patrol Velkoro, and Russian troops will "
                           "leave the town, the ministry said.")
    forces = [e for e in f.entities if e.type == "ArmedForce"]
    assert any(e.name == "Russian military police" for e in forces), _all(f)
    assert len(forces) == 2, _all(f)


def test_police_in_passing_stay_a_part_of_the_states_forces(extractor):
    # guard: lower-case "Xian police and soldiers" beside the state's forces are no second force
    f = extract(extractor, "Attack repelled\n\nAfghan police and soldiers ended the attack on Velkoro, and "
                           "Afghan security forces secured the town on Tuesday.")
    assert len([e for e in f.entities if e.type == "ArmedForce"]) == 1, _all(f)


# 4. "X market", "the Y mountains", "the Z gorge": the place is also called by its bare name (the
#    golds name the town or the range bare), unless another entity of the report is so called.

def test_a_towns_market_is_also_called_by_the_towns_name(extractor):
    f = extract(extractor, "Market reopens\n\nThe Velkoro market reopened on Sunday after the holiday, "
                           "traders said.")
    place = next(e for e in f.entities if e.type == "Location" and "Velkoro" in e.name)
    assert "Velkoro" in [place.name, *place.aliases], _all(f)


def test_a_mountain_range_is_also_called_by_its_bare_name(extractor):
    f = extract(extractor, "Offensive\n\nTroops advanced into the Velkoro mountains on Monday, the army said.")
    place = next(e for e in f.entities if e.type == "Location" and "Velkoro" in e.name)
    assert "Velkoro" in [place.name, *place.aliases], _all(f)


def test_a_market_with_no_name_before_it_gives_no_bare_name(extractor):
    # guard: "the central market" names no place by its first word
    f = extract(extractor, "Blast\n\nA bomb exploded in the central market of the town of Garola on Sunday, "
                           "police said.")
    assert not [e for e in f.entities if any(n.lower() == "central" for n in [e.name, *e.aliases])], _all(f)
    assert ("Location", "Garola") in _all(f)


# 5. A state's body or force named "X of <state>" ("the Ministry of Defence of Y", "the National
#    Defence Force of Z"): the state is named too.

def test_a_ministry_of_a_state_names_the_state(extractor):
    f = extract(extractor, "Denial\n\nThe Ministry of Defence of Armenia said on Monday that no shots were fired "
                           "near Velkoro.")
    assert ("Organization", "Ministry of Defence of Armenia") in _all(f), _all(f)
    assert ("Country", "Armenia") in _all(f), _all(f)


def test_a_states_force_of_the_state_names_the_state(extractor):
    f = extract(extractor, "Deployment\n\nThe Armed Forces of Chad said a battalion crossed into Velkoro on "
                           "Tuesday.")
    assert ("Country", "Chad") in _all(f), _all(f)


def test_an_outlet_or_a_party_of_a_state_names_no_state(extractor):
    # guards: "Voice of X" is an outlet, "the Communist Party of Y" a party: their names name no state
    f = extract(extractor, "Report\n\nThe Voice of Namibia said on Monday that the Communist Party of Tanzania "
                           "met in Velkoro.")
    assert ("Country", "Namibia") not in _all(f), _all(f)
    assert ("Country", "Tanzania") not in _all(f), _all(f)


# 6. A ship's name in capitals ("the USS JANE DOE") or after a dotted prefix ("the U.S.S. Jane Doe"):
#    a force, as "the USS Jane Doe" is.

def test_a_ships_name_in_capitals_is_a_force(extractor):
    f = extract(extractor, "Strike\n\nThe USS VELKORO (DD 969) launched 14 missiles from the Red Sea on "
                           "Saturday, the statement said.")
    assert ("ArmedForce", "USS VELKORO") in _all(f), _all(f)


def test_a_ship_after_a_dotted_prefix_is_a_force(extractor):
    f = extract(extractor, "Evacuation\n\nMarines took the embassy staff to the U.S.S. Garola on Monday.")
    assert ("ArmedForce", "U.S.S. Garola") in _all(f), _all(f)


def test_a_hull_number_is_no_part_of_the_ships_name(extractor):
    # guard: "(DD 969)" after the name stays out of it
    f = extract(extractor, "Strike\n\nThe USS Velkoro (DD 969) launched 14 missiles on Saturday.")
    assert ("ArmedForce", "USS Velkoro") in _all(f), _all(f)


# 7. A full name after an honorific ("Hon. Jane Roe, Speaker of the House, Capital City, DC"): a
#    person, not a place listed with the address's places.

def test_a_name_after_hon_in_an_address_is_a_person(extractor):
    f = extract(extractor, "Letter\n\nHon. Jane Roe, Speaker of the House, Garola, DC.\n\nDear Madam Speaker: "
                           "troops were sent to Velkoro.")
    assert ("Person", "Jane Roe") in _all(f), _all(f)
    assert ("Location", "Jane Roe") not in _all(f), _all(f)


def test_hon_alone_is_no_person(extractor):
    # guard: the honorific alone names no one
    f = extract(extractor, "Letter\n\nTo the Hon. Speaker: troops were sent to Velkoro.")
    assert not [e for e in f.entities if e.type == "Person" and e.name.strip(".") in ("Hon", "Hon. Speaker")], _all(f)


# 8. Armed men the reports call by their kind as by a name ("bandits", "armed bandits"): an armed group.

def test_bandits_are_an_armed_group(extractor):
    f = extract(extractor, "Raid\n\nBandits attacked Velkoro on Friday and killed four farmers, residents said.")
    assert types_named(f, "andits") == [("ArmedGroup", "Bandits")], _all(f)


def test_armed_bandits_are_named_with_armed(extractor):
    f = extract(extractor, "Raid\n\nArmed men attacked Velkoro. Police said armed bandits in large numbers "
                           "invaded the village on Friday.")
    assert ("ArmedGroup", "armed bandits") in _all(f), _all(f)


def test_gunmen_stay_no_group(extractor):
    # guard: "gunmen", "militants" are no group's name (the golds list them only under a name)
    f = extract(extractor, "Raid\n\nGunmen attacked Velkoro on Friday, and militants burned the market.")
    assert [e for e in f.entities if e.type == "ArmedGroup"] == [], _all(f)


# 9. "X LGA" (a local government area, abbreviated) is a place, also called X; "the Xland State Police
#    Command" is a body, no "State Police" force cut from it.

def test_an_lga_is_a_place(extractor):
    f = extract(extractor, "Raid\n\nArmed men invaded Velkoro village, Garola LGA, on Friday, police said.")
    place = next((e for e in f.entities if "Garola" in e.name), None)
    assert place is not None and place.type == "Location", _all(f)
    assert "Garola" in [place.name, *place.aliases], _all(f)


def test_a_state_police_command_is_one_body(extractor):
    f = extract(extractor, "Press release\n\nThe Velkoro State Police Command wishes to inform the public that "
                           "officers repelled an attack on Garola.")
    assert ("Organization", "Velkoro State Police Command") in _all(f), _all(f)
    assert ("ArmedForce", "State Police") not in _all(f), _all(f)


def test_state_forces_in_lower_case_stay_the_governments(extractor):
    # guard: "state forces", "the Federal Police" after "the" stay the government's forces
    f = extract(extractor, "Clashes\n\nNigeria said state forces and the Federal Police retook Velkoro.")
    assert [e for e in f.entities if e.type == "ArmedForce"], _all(f)


# 10. A release's header lines run together by NER ("Jane Roe\nX Permanent Representative", "Office of
#     the Y\nCapital City"): each line is named on its own; a title's line names no one.

def test_a_header_name_line_stays_a_person(extractor):
    # guard: a name line NER keeps apart from the title line under it stays a person, the title no one
    f = extract(extractor, "STATEMENT ON THE ATTACK IN VELKORO\n\nJane Roe\nU.S. Permanent Representative to "
                           "the United Nations\nNew York, NY\nJuly 2, 2015\n\nThe United States condemns the "
                           "attack on Velkoro.")
    assert ("Person", "Jane Roe") in _all(f), _all(f)
    assert not [e for e in f.entities if "Representative" in e.name], _all(f)


def test_a_body_and_its_town_on_two_header_lines_are_apart(extractor):
    f = extract(extractor, "Attack on Velkoro\n\nPress Statement\nJane Roe\nDepartment Spokesperson, Office of "
                           "the Spokesperson\nWashington, DC\nFebruary 9, 2013\n\nThe United States condemns "
                           "the attack on Velkoro.")
    assert ("Location", "Washington") in _all(f), _all(f)
    assert not [e for e in f.entities if "Spokesperson" in e.name and "Washington" in e.name], _all(f)


def test_a_name_on_one_line_stays_whole(extractor):
    # guard: a name with no line break in it is read as before
    f = extract(extractor, "Statement\n\nJane Roe, the U.S. Permanent Representative, condemned the attack on "
                           "Velkoro.")
    assert ("Person", "Jane Roe") in _all(f), _all(f)


def test_a_byline_name_ending_at_its_line_stays_whole(extractor):
    # guard: a line break at the name's edge ("Jane Q. Roe Jr." then the outlet's line) cuts nothing
    f = extract(extractor, "Rotation announced\n\nBy Army Sgt. 1st Class Janet Q. Velkoro Jr.\nDoD News, Defense "
                           "Media Activity\n\nGAROLA, Aug. 13, 2014 - The department announced a rotation.")
    assert [e.name for e in f.entities if e.type == "Person"] == ["Janet Q. Velkoro Jr."], _all(f)
