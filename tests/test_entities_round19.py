"""Entities, round 19 (issue 10): precision on text the rules were not fitted to; classes of error
counted over the LOOK batches, each seen in at least three of them (docs/entities.md, "Round 19").

Each test is an invented report; the rules are general.
"""

from __future__ import annotations

from rule_helpers import entity_types, extract


# 1. A person named by one word only, with nothing that says it is a person (no title, no honorific,
#    no role or relation beside it, no "said", no fuller name it is short for), is spaCy's guess
#    alone: no entity.

def test_a_word_at_a_sentence_start_is_no_person(extractor):
    f = extract(extractor, "Capture\n\nRebels captured Velanstad on Monday after a week of fighting. Photographs "
                           "released by the rebels showed fighters raising a flag over the army base.")
    assert "Photographs" not in entity_types(f)
    assert entity_types(f).get("Velanstad") == "Location"


def test_a_name_greeted_with_no_title_is_no_person(extractor):
    f = extract(extractor, "Briefing\n\nGood afternoon, everybody. Tomas, welcome. Good to see you again.")
    assert "Tomas" not in entity_types(f)


def test_a_one_word_name_in_a_list_of_shops_is_no_person(extractor):
    f = extract(extractor, "Camp\n\nThe camp near Velanstad has shops. Pizzeria Roma and Zorbino have shops near "
                           "the mess hall.")
    assert "Zorbino" not in entity_types(f)


def test_a_one_word_speaker_stays_a_person(extractor):
    for text in ("Raid\n\nGunmen attacked a police post in Velanstad on Monday, Oskaro said.",
                 "Raid\n\nGunmen attacked a police post in Velanstad on Monday. Oskaro said the attackers fled north.",
                 "Raid\n\nGunmen attacked a police post in Velanstad on Monday. President Oskaro condemned the raid."):
        assert entity_types(extract(extractor, text)).get("Oskaro") == "Person", text


def test_a_one_word_name_of_a_relation_stays_a_person(extractor):
    f = extract(extractor, "Raid\n\nGunmen attacked a police post in Velanstad on Monday. Her grandfather, Oskaro, "
                           "was killed in the raid, her cousin said.")
    assert entity_types(f).get("Oskaro") == "Person"


def test_a_surname_after_the_full_name_stays_with_it(extractor):
    f = extract(extractor, "Talks\n\nColonel Jonas Verrick met the governor in Velanstad. Verrick said the talks "
                           "were useful.")
    assert entity_types(f).get("Jonas Verrick") == "Person"
    assert "Verrick" not in entity_types(f)


# 2. A name the report also writes before irregular fighters ("X militants", "Y rebels") and uses
#    alone is a group's name: where the model guessed a person, a body or a place no gazetteer knows,
#    it is the armed group; "the Y" said beside "Y rebels" is that group. (Measured on LOOK with the
#    actor lexicon cut to state militaries: the names a new report brings are not in the lexicon.)

def test_a_name_written_before_militants_is_a_group(extractor):
    f = extract(extractor, "Raid\n\nKarvash militants attacked a police post near Velanstad on Monday. Karvash "
                           "later said the attackers had fled, the army said.")
    assert entity_types(f).get("Karvash") == "ArmedGroup"


def test_a_name_blamed_after_its_fighters_is_a_group(extractor):
    f = extract(extractor, "Raid\n\nKarvash fighters attacked a police post near Velanstad on Monday. Officials "
                           "blamed Karvash for the raid.")
    assert entity_types(f).get("Karvash") == "ArmedGroup"


def test_the_name_alone_joins_its_rebels(extractor):
    f = extract(extractor, "Clashes\n\nTroops clashed with Dorvan rebels near Velanstad on Monday. The army said "
                           "the Dorvan had fled across the river.")
    groups = [e for e in f.entities if e.type == "ArmedGroup"]
    assert [e.name for e in groups] == ["Dorvan rebels"]
    assert len(groups[0].mentions) >= 2


def test_a_name_never_written_before_fighters_stays_as_guessed(extractor):
    f = extract(extractor, "Raid\n\nGunmen attacked a police post near Velanstad on Monday. Karvash later said "
                           "the attackers had fled, the army said.")
    assert entity_types(f).get("Karvash") == "Person"


def test_a_known_town_before_militants_stays_a_place(extractor):
    f = extract(extractor, "Raid\n\nRouen militants attacked a police post on Monday. Police in Rouen said two "
                           "officers were wounded.")
    assert entity_types(f).get("Rouen") == "Location"


def test_a_name_the_text_calls_a_militia_once_is_a_group_everywhere(extractor):
    f = extract(extractor, "Raid\n\nThe soldiers were taken after an attack by Karvash, a local militia, near "
                           "Velanstad. Karvash also fired rockets at the town on Monday.")
    groups = [e for e in f.entities if e.type == "ArmedGroup"]
    assert [e.name for e in groups] == ["Karvash"] and len(groups[0].mentions) == 2
    assert "Karvash" not in {e.name for e in f.entities if e.type != "ArmedGroup"}


def test_a_body_with_guerrillas_is_a_group(extractor):
    f = extract(extractor, "Raid\n\nGuerrillas from the Dorvan Workers Party said they killed 15 soldiers near "
                           "Velanstad. The Dorvan Workers Party has fought the army since 1984.")
    assert entity_types(f).get("Dorvan Workers Party") == "ArmedGroup"


def test_a_person_with_rebels_loyal_to_him_stays_a_person(extractor):
    f = extract(extractor, "Raid\n\nRebels loyal to Jonas Verrick attacked a police post near Velanstad on Monday. "
                           "Jonas Verrick denied the attack.")
    assert entity_types(f).get("Jonas Verrick") == "Person"


def test_a_name_in_apposition_to_a_militant_group_is_a_group(extractor):
    f = extract(extractor, "Raid\n\nNorland's main militant group, Karvash, says six soldiers were killed near "
                           "Velanstad. Karvash warned of more raids.")
    assert entity_types(f).get("Karvash") == "ArmedGroup"


def test_a_name_before_armed_group_is_a_group(extractor):
    f = extract(extractor, "Talks\n\nThe Karvash armed group agreed to withdraw from Velanstad. Karvash said the talks "
                           "would resume.")
    assert entity_types(f).get("Karvash") == "ArmedGroup"


def test_who_claims_an_ambush_is_a_group(extractor):
    f = extract(extractor, "Raid\n\nKarvash claimed the ambush near Velanstad in a message on Monday. The army said "
                           "Karvash had lost ten men.")
    assert entity_types(f).get("Karvash") == "ArmedGroup"


def test_who_claims_a_victory_in_a_vote_stays_a_person(extractor):
    f = extract(extractor, "Talks\n\nJonas Verrick claimed victory in the vote in Velanstad. Verrick said the talks "
                           "would resume.")
    assert entity_types(f).get("Jonas Verrick") == "Person"


def test_who_holds_the_town_the_army_takes_is_a_group(extractor):
    f = extract(extractor, "Capture\n\nTroops took full control of Velanstad, the last town held by the Karvash "
                           "Brotherhood in the north, the army said on Monday. The Karvash Brotherhood did not comment.")
    assert entity_types(f).get("Karvash Brotherhood") == "ArmedGroup"


def test_what_an_operation_is_against_is_a_group(extractor):
    f = extract(extractor, "Raid\n\nThe army launched a ground operation against the Karvash Brotherhood near "
                           "Velanstad in June. The Karvash Brotherhood did not comment.")
    assert entity_types(f).get("Karvash Brotherhood") == "ArmedGroup"


def test_a_town_the_text_names_a_town_stays_a_place_beside_its_militants(extractor):
    f = extract(extractor, "Raid\n\nDorvashka militants attacked a police post in the town of Dorvashka on Monday. "
                           "Police in Dorvashka said two officers were wounded.")
    assert entity_types(f).get("Dorvashka") == "Location"
