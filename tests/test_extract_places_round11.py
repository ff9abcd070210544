"""Places of events and actors' states, entities round 11 (issue 10).

Each test is an invented report; the rules are general (docs/entities.md, "round 11").
"""

from __future__ import annotations

import pytest
from rule_helpers import asserted, entity_types, extract, names


# 1. A finer place must lie inside the coarse one and not be where someone went afterwards.

def test_a_finer_place_outside_the_events_province_is_not_taken(extractor):
    f = extract(extractor, "Attack\n\nMilitants attacked an army post in Kandahar province on Monday, killing six "
                           "soldiers. The prime minister flew back to Kabul after the attack.")
    [v] = asserted(f, "Attack")
    assert names(f, v, "location") == ["Kandahar province"]


def test_a_place_people_fled_to_is_not_the_events_place(extractor):
    f = extract(extractor, "Attack\n\nGunmen attacked a village in Borno state on Sunday, killing 20 people. "
                           "Survivors fled to Maiduguri after the attack.")
    [v] = asserted(f, "Attack")
    assert names(f, v, "location") == ["Borno state"]


def test_a_finer_place_inside_the_province_is_still_taken(extractor):
    f = extract(extractor, "Attack\n\nMilitants attacked an army post in Kandahar province on Monday, killing six "
                           "soldiers. The post stands on the outskirts of Spin Boldak.")
    [v] = asserted(f, "Attack")
    assert names(f, v, "location") == ["Spin Boldak"]


# 2. A border phrase names no place of the event, the second neighbour no more than the first.

def test_neither_neighbour_of_a_border_phrase_is_the_events_place(extractor):
    f = extract(extractor, "Clashes\n\nMilitants attacked an army patrol near the borders with Niger and "
                           "Burkina Faso on Tuesday, killing 14 soldiers.")
    [v] = asserted(f, "Attack")
    assert names(f, v, "location") == []


# 3. A bearing's reference point places the event when the sentence names no other place.

@pytest.mark.parametrize("text, place", [
    ("Ambush\n\nFighters ambushed a convoy north of Gao on Friday, killing three soldiers.", "Gao"),
    ("Attack\n\nGunmen attacked a village 30 km south of Maiduguri on Sunday, killing 20 people.", "Maiduguri"),
])
def test_a_bearings_reference_point_places_the_event(extractor, text, place):
    f = extract(extractor, text)
    [v] = asserted(f, "Attack")
    assert names(f, v, "location") == [place]


def test_a_named_place_beats_a_bearings_reference_point(extractor):
    f = extract(extractor, "Attack\n\nGunmen attacked the village of Konduga, 30 km south of Maiduguri, on "
                           "Sunday, killing 20 people.")
    [v] = asserted(f, "Attack")
    assert "Maiduguri" not in names(f, v, "location")


# 4. A nationality adjective on a force noun names that state's force, the state itself unnamed.

@pytest.mark.parametrize("text", [
    "Deployment\n\nFour hundred Kenyan officers arrived in the capital on Monday to lead the mission.",
    "Deployment\n\nThe Kenyan contingent arrived in the capital on Monday to lead the mission.",
])
def test_a_demonym_on_officers_or_a_contingent_names_the_states_force(extractor, text):
    f = extract(extractor, text)
    forces = [e for e in f.entities if e.type == "ArmedForce"]
    assert [e.attributes.get("country_code") for e in forces] == ["KE"]
    assert not any(e.type == "Country" for e in f.entities)  # the state is named only as an adjective


def test_officers_of_a_state_are_the_target_of_an_attack(extractor):
    f = extract(extractor, "Attack\n\nGunmen killed two Kenyan officers in an ambush near the town on Monday.")
    [v] = asserted(f, "Attack")
    [target] = v.roles["target"]
    assert f.entity(target).type == "ArmedForce" and f.entity(target).attributes.get("country_code") == "KE"


def test_officers_with_no_state_word_name_no_force(extractor):
    f = extract(extractor, "Attack\n\nGunmen killed two officers in an ambush near the town on Monday.")
    assert not any(e.type == "ArmedForce" for e in f.entities)


# 5. An unlisted town NER calls a person, in a frame of fighting or attack, is a place.

@pytest.mark.parametrize("text, place", [
    ("Attack\n\nMilitants attacked Dorvanik on Friday, killing nine people.", "Dorvanik"),
    ("Clashes\n\nHeavy fighting in Tambrelo killed 12 soldiers on Friday.", "Tambrelo"),
    ("Clashes\n\nClashes in Verkhalo killed 12 people on Friday.", "Verkhalo"),
    ("Clashes\n\nFighting erupted near Tambrelo on Friday, killing nine people.", "Tambrelo"),
])
def test_an_unlisted_town_in_a_frame_of_fighting_is_a_place(extractor, text, place):
    f = extract(extractor, text)
    entity = next(e for e in f.entities if e.name == place)
    assert entity.type == "Location"
    [v] = asserted(f, "Attack")
    assert names(f, v, "location") == [place]


@pytest.mark.parametrize("text, name, kind", [
    ("Attack\n\nAli Mahmoud is a local trader. Militants attacked Mahmoud on Friday, killing his brother.",
     "Mahmoud", "Person"),
    ("Attack\n\nMilitants attacked Chevron on Friday, killing nine workers.", "Chevron", "Organization"),
])
def test_a_person_or_a_company_attacked_stays_so(extractor, text, name, kind):
    f = extract(extractor, text)
    assert all(e.type != "Location" for e in f.entities if name in e.name)
    assert any(e.type == kind and name in e.name for e in f.entities)


def test_a_month_after_clashes_in_is_no_place(extractor):
    f = extract(extractor, "Clashes\n\nClashes in March killed 12 people, the army said.")
    assert not any(e.type == "Location" for e in f.entities)


# Names NER calls a place that are a feast, a language, an outlet or an operation.

@pytest.mark.parametrize("text, name", [
    ("Truce\n\nThe rebels declared a truce over the biggest festival, Dassain.", "Dassain"),
    ('Group\n\nThe group, whose name means "people of the book" in Kanuri, the main language of the north, '
     "says it is fighting.", "Kanuri"),
    ("Exercise\n\nThe battalion will take part in exercises in Poland as part of Operation Steadfast Shield, he "
     "said.", "Operation Steadfast Shield"),
])
def test_a_feast_a_language_or_an_operation_is_no_place(extractor, text, name):
    f = extract(extractor, text)
    assert not any(e.type == "Location" and (e.name in name or name in e.name) for e in f.entities)


def test_a_name_before_newspaper_is_the_outlet(extractor):
    f = extract(extractor, "Verdict\n\nEarlier, the Leadership newspaper reported the officers were found guilty.")
    assert entity_types(f).get("Leadership") == "Organization"


# A people named by its plural or before "ethnic group" is no place and no person.

def test_a_peoples_plural_in_another_paragraph_than_its_adjective_is_no_place(extractor):
    f = extract(extractor, "Attack\n\nChechen rebels attacked a convoy on Monday.\n\n"
                           "Yet the attacks show that Chechens remain capable of exacting a toll.")
    assert "Chechens" not in entity_types(f)


def test_a_name_before_ethnic_group_is_a_people(extractor):
    f = extract(extractor, "Mutiny\n\nTroops belonging to the general's Gbaya ethnic group resisted the attempt "
                           "to detain him.")
    assert "Gbaya" not in entity_types(f)
