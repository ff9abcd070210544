"""Entities and places, round 12 (issue 10): geocodes, frames and names NER cuts.

Each test is an invented report; the rules are general (docs/entities.md, "round 12").
"""

from __future__ import annotations

import pytest
from rule_helpers import asserted, entity_types, extract, names

from kg.extract.nlp import _no_break_after_titles, parse


def _entity(f, name):
    return next(e for e in f.entities if e.name == name)


# 1. Geocodes: the state or division the text puts a place in.

def test_a_state_of_several_words_before_town_of_is_the_towns_state(extractor):
    f = extract(extractor, "Shelling\n\nOfficials said rebels shelled the South Sudan town of Wau overnight, "
                           "wounding three people.")
    assert _entity(f, "Wau").attributes.get("country_code") == "SS"


def test_a_place_followed_by_a_division_is_in_that_division_in_every_mention(extractor):
    f = extract(extractor, "Raid\n\nInsurgents raided Toledo, Cabo Delgado, on Wednesday. Residents fled Toledo "
                           "by boat.")
    places = [e for e in f.entities if e.name == "Toledo"]
    assert len(places) == 1
    assert places[0].attributes.get("country_code") == "MZ"


def test_a_list_of_places_is_not_a_place_in_a_division(extractor):
    f = extract(extractor, "Attack\n\nInsurgents attacked villages in Toledo, Cabo Delgado and Niassa on Wednesday.")
    assert all(e.attributes.get("country_code") != "MZ" for e in f.entities if e.name == "Toledo")


# 2. One of a plural place noun's members is a place.

@pytest.mark.parametrize("text, place", [
    ("Seizure\n\nResidents say the insurgents overran three villages including Dorvaka on Sunday and burned "
     "the market.", "Dorvaka"),
    ("Seizure\n\nMilitants overran several villages, such as Kelmaro, on Sunday.", "Kelmaro"),
])
def test_a_town_named_among_towns_is_a_place(extractor, text, place):
    f = extract(extractor, text)
    assert entity_types(f).get(place) == "Location"


def test_a_full_name_after_including_stays_a_person(extractor):
    f = extract(extractor, "Visit\n\nThe delegation met leaders of several villages, including Tal Boren, on Sunday.")
    assert entity_types(f).get("Tal Boren") == "Person"


# 3. Names NER cuts or runs together.

def test_a_short_bracket_after_a_word_ends_no_sentence(extractor):
    # the rule runs before the parser: a sentence start it clears, the parser keeps cleared
    doc = extractor.nlp.make_doc("The minister met with the Republic of Zembla (ROZ) President Tal Boren in Gao. "
                                 "Fighting broke out in the town (local time). President Tal Boren said so.")
    for tok in doc[1:]:
        tok.is_sent_start = True
    _no_break_after_titles(doc)
    starts = [t.text for t in doc if t.is_sent_start]
    after_bracket = [doc[t.i + 1] for t in doc[:-1] if t.text == ")"]
    assert after_bracket[0].text == "President" and not after_bracket[0].is_sent_start
    assert after_bracket[1].text == "." and after_bracket[1].is_sent_start  # (another rule's business)
    assert "Fighting" in starts and starts.count("President") == 1  # the one after a full stop


def test_a_short_bracket_inside_a_sentence_keeps_it_whole(extractor):
    sents = parse(extractor.nlp, "The minister met with the Republic of Zembla (ROZ) President Tal Boren in Gao "
                                 "on Monday.").sentences
    assert len(sents) == 1


def test_a_state_name_ner_cuts_after_of_is_no_place(extractor):
    f = extract(extractor, "Talks\n\nThe foreign minister spoke by phone today with Democratic Republic of the "
                           "Congo (DRC) President Tal Boren about the fighting in the east. She urged the "
                           "Government of the DRC to protect civilians.")
    types = entity_types(f)
    assert not any(n.endswith((" of", " the")) for n in types)
    assert types.get("Tal Boren") == "Person"


def test_a_states_possessive_before_a_kings_name_is_the_state(extractor):
    f = extract(extractor, "Visit\n\nThe defence chief flew to Amman on Monday and met Jordan\u2019s King Hamid II "
                           "at the palace.")
    types = entity_types(f)
    assert types.get("Jordan") == "Country"
    people = [n for n, t in types.items() if t == "Person"]
    assert people and all("Jordan" not in p for p in people)


def test_the_embassy_alone_is_no_person(extractor):
    f = extract(extractor, "Statement\n\nThe Embassy is alarmed by reports of fighting near the port, the "
                           "statement said.")
    assert entity_types(f).get("Embassy") != "Person"


def test_an_offices_words_after_a_name_are_no_person(extractor):
    f = extract(extractor, "Statement\n\nThe attacks must stop.\n\nTal Boren, Department Spokesperson")
    assert "Department Spokesperson" not in entity_types(f)


# 4. A sentence that turns to another matter gives no finer place.

def test_a_separate_matters_place_is_not_the_events_place(extractor):
    f = extract(extractor, "Attack\n\nGunmen attacked a village in Borno state on Sunday, killing 20 people. "
                           "Separately, police arrested two traders in Maiduguri.")
    [v] = asserted(f, "Attack")
    assert names(f, v, "location") == ["Borno state"]


# 5. One actor told by a name and an acronym; one person told with an honorific.

def test_a_name_known_by_a_listed_acronym_is_that_actor(extractor):
    f = extract(extractor, "Talks\n\nNegotiators from the National Zembla Forces, known by its French acronym "
                           "FNL, arrived for talks on Monday. The FNL said the talks went well.")
    actors = [e for e in f.entities if e.type in ("ArmedGroup", "Organization")]
    assert len(actors) == 1
    assert actors[0].type == "ArmedGroup"
    assert "National Zembla Forces" in [actors[0].name, *actors[0].aliases]


def test_a_name_said_with_an_honorific_is_a_person_where_ner_calls_it_a_body(extractor):
    from kg.extract.mentions import RawMention
    from kg.extract.resolve import _retype_by_majority

    parsed = parse(extractor.nlp, "Mr. Kelvo says they took his brother away. Kelvo says he went to the house.")
    s1, s2 = parsed.sentences
    said_with_mr = RawMention(span=s1.span[1:2], sentence=s1, kind="Person", text="Kelvo", start=4, end=9,
                              hint={"honorific": True})
    alone = RawMention(span=s2.span[0:1], sentence=s2, kind="Organization", text="Kelvo",
                       start=s2.start, end=s2.start + 5)
    _retype_by_majority([said_with_mr, alone])
    assert alone.kind == "Person"


# 6. Names of forces and states' adjectives the tokenizer or NER cuts.

def test_pro_government_forces_keep_pro_in_their_name(extractor):
    f = extract(extractor, "Fighting\n\nRebels recaptured the town of Kelmaro on Monday. By nightfall "
                           "pro-government forces had pulled back from the bridge.")
    forces = [e for e in f.entities if e.type == "ArmedForce"]
    assert any("pro-government forces" in [e.name, *e.aliases] for e in forces)


def test_half_of_a_two_word_state_adjective_is_no_name(extractor):
    f = extract(extractor, "Unrest\n\nSierra Leonean officials say the rebels have left the town of Kelmaro.")
    assert "Sierra" not in entity_types(f) and "Leonean" not in entity_types(f)


# 7. Talks, time zones and a common spelling of a listed body.

def test_a_process_of_talks_is_no_actor_or_place(extractor):
    f = extract(extractor, "Talks\n\nDelegates of the armed groups said the Arusha Process would resume in "
                           "March.")
    assert not any("Process" in n for n in entity_types(f))


def test_a_time_zone_is_no_body(extractor):
    f = extract(extractor, "Attack\n\nMilitants attacked an army post in Gao at 2 a.m. (UTC+4:30) on Monday.")
    assert not any(n.startswith("UTC") for n in entity_types(f))


def test_a_listed_body_spelt_without_its_hyphen_is_found(extractor):
    f = extract(extractor, "Talks\n\nObservers of the Organization for Security and Cooperation in Europe "
                           "arrived in Gao on Monday.")
    assert entity_types(f).get("OSCE") == "Organization"
    assert "Europe" not in entity_types(f)


def test_a_states_force_named_only_in_the_headline_is_kept(extractor):
    f = extract(extractor, "Gunmen Kill 4 Malian Soldiers Near Gao\n\nGunmen opened fire on an army patrol "
                           "outside Gao on Tuesday, killing four soldiers, officials said.")
    forces = [e for e in f.entities if e.type == "ArmedForce"]
    assert any("Malian Soldiers" in [e.name, *e.aliases] for e in forces)


def test_in_x_town_is_a_place_where_ner_calls_x_a_people(extractor):
    f = extract(extractor, "Clashes\n\nA ministry official told reporters that calm had returned to Lwekkai town "
                           "after two days of clashes.")
    assert entity_types(f).get("Lwekkai") == "Location"


def test_a_listed_force_in_apposition_with_its_description_is_one_actor(extractor):
    f = extract(extractor, "Ambush\n\nThe African Union force in Somalia, AMISOM, said on Monday that its convoy "
                           "was ambushed near Kelmaro. African Union troops later returned fire.")
    [force] = [e for e in f.entities if "AMISOM" in [e.name, *e.aliases]]
    assert {"African Union force", "African Union troops"} <= set(force.aliases)
    assert not any(e.name.startswith("African Union") and e is not force and e.type == "ArmedForce" for e in f.entities)


def test_a_name_in_apposition_after_a_title_is_the_holder(extractor):
    f = extract(extractor, "Strikes\n\nThe raid struck a house long used by the Taliban Commander, Karimullah, "
                           "and his guards, officials said.")
    assert entity_types(f).get("Karimullah") == "Person"


def test_a_persons_given_name_spelt_two_ways_is_one_person_not_a_place(extractor):
    f = extract(extractor, "Bombing\n\nA roadside bomb in Kabul killed television anchor Mina Kelvari on Friday. Her "
                           "editor called the loss of Mena Kelvari a blow to the whole newsroom.")
    [person] = [e for e in f.entities if "Kelvari" in e.name]
    assert person.type == "Person" and "Mena Kelvari" in [person.name, *person.aliases]


def test_an_embassy_in_a_state_is_named_with_it_and_an_embassy_stands_abroad(extractor):
    f = extract(extractor, "Evacuation\n\nStaff of the United States Embassy in Mozambique were moved to safety on "
                           "Friday. Helicopters later landed at the U.S. Embassy in Monrovia.")
    types = entity_types(f)
    assert types.get("United States Embassy in Mozambique") == "Organization"
    assert types.get("Mozambique") == "Country"
    embassy = next(e for e in f.entities if e.name == "U.S. Embassy")
    assert embassy.attributes.get("country_code") != "US"  # not placed in the state it represents


def test_a_town_named_in_talks_or_a_camps_name_is_a_place(extractor):
    f = extract(extractor, "Aid\n\nAid groups suspended their work at the crowded Dadaab refugee camp on Monday. "
                           "Envoys said the talks known as the Nairobi Process resume next week.")
    types = entity_types(f)
    assert types.get("Dadaab") == "Location" and types.get("Nairobi") == "Location"
    assert "Nairobi Process" not in types


def test_a_state_run_into_its_verb_in_a_headline_is_the_state(extractor):
    f = extract(extractor, "Army Says Kelmaro Secured; Clashes Go On, US Asserts\n\nGovernment troops entered the "
                           "town of Kelmaro on Tuesday after a week of fighting.")
    assert entity_types(f).get("United States") == "Country"
    assert not any("Asserts" in n for n in entity_types(f))
