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
