"""Entities, round 16 (issue 10): classes of error counted over the LOOK batches, each seen in at
least three of them (docs/entities.md, "Round 16").

Each test is an invented report; the rules are general.
"""

from __future__ import annotations

from rule_helpers import entity_types, extract


def _force(facts, country_code):
    return next(e for e in facts.entities if e.type == "ArmedForce" and e.attributes.get("country_code") == country_code)


# 1. A state's forces are called in the text's own form: its adjective, or "X forces" as written.

def test_the_forces_are_named_by_the_adjective_not_the_states_name(extractor):
    f = extract(extractor, "Town shelled\n\nThe Chad Army shelled the town of Ruritville on Monday. Chadian "
                           "troops later entered the town, residents said.")
    force = _force(f, "TD")
    assert force.name == "Chadian forces"
    assert "Chad forces" not in [force.name, *force.aliases]


def test_the_forces_keep_x_forces_when_the_text_writes_it(extractor):
    f = extract(extractor, "Town taken\n\nChad forces took the town of Ruritville on Monday. Chadian troops "
                           "held the bridge, residents said.")
    assert _force(f, "TD").name == "Chad forces"


# 2. A name the text describes by a kind of thing that is no person is no person.

def test_a_name_after_a_kind_noun_takes_the_kinds_type(extractor):
    f = extract(extractor, "Rocket strikes town\n\nOne rocket struck a house in Ruritville, wounding two people, "
                           "according to the emergency service Velan Dorro Amit.")
    types = entity_types(f)
    assert types.get("Velan Dorro Amit") == "Organization"


def test_a_name_said_to_be_a_mission_is_a_force(extractor):
    f = extract(extractor, "Mission\n\nEstablished in 2015, Steadfast Resolve (SR) is a NATO-led, non-combat "
                           "mission to train, advise and assist the forces of Ruritania.")
    types = entity_types(f)
    assert types.get("Steadfast Resolve") == "ArmedForce"


def test_a_person_with_a_role_stays_a_person(extractor):
    f = extract(extractor, "Rescue\n\nThe emergency service's spokesman, Jonas Verrick, said two people were "
                           "wounded. Jonas Verrick is a paramedic.")
    assert entity_types(f).get("Jonas Verrick") == "Person"


# 3. A name NER calls a person, listed only beside things or only beside places, is no person.

def test_a_name_listed_among_things_is_no_person(extractor):
    f = extract(extractor, "Equipment arrives\n\nThe convoy carried rifles, armored trucks, Varek Launchers, "
                           "mortars and spare parts to the base at Ruritville, the colonel said.")
    assert "Varek Launchers" not in entity_types(f)


def test_a_name_listed_beside_a_place_is_a_place(extractor):
    f = extract(extractor, "Oil fields retaken\n\nThe army restored its control over the province's oil fields, "
                           "including Doru Haskan and Kirkuk, on Monday.")
    assert entity_types(f).get("Doru Haskan") == "Location"


def test_a_name_listed_with_people_stays_a_person(extractor):
    f = extract(extractor, "Attack\n\nGunmen killed Doru Haskan and his wife in Kirkuk on Monday. Mira Olsk, "
                           "relatives and neighbours attended the funeral.")
    types = entity_types(f)
    assert types.get("Doru Haskan") == "Person"
    assert types.get("Mira Olsk") == "Person"


# 4. A place the gazetteer does not place takes the state of the place the text puts it in.

def _state_of(facts, name):
    return next(e.attributes.get("country_code") for e in facts.entities if e.name == name)


def test_a_town_in_a_placed_province_takes_its_state(extractor):
    f = extract(extractor, "Town held\n\nRebels remained in control of Zarvoni, a town in Kasai province, on "
                           "Tuesday, residents said.")
    assert _state_of(f, "Zarvoni") == "CD"


def test_a_village_of_a_placed_state_takes_its_state(extractor):
    f = extract(extractor, "Raid\n\nGunmen entered the Borno State village of Kelvadi and killed 20 people.")
    assert _state_of(f, "Kelvadi") == "NG"


def test_a_town_the_text_does_not_put_anywhere_gets_no_state(extractor):
    f = extract(extractor, "Raid\n\nGunmen entered the village of Kelvadi and killed 20 people, officials in "
                           "Kenya said.")
    assert _state_of(f, "Kelvadi") is None
