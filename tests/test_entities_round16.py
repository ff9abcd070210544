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
