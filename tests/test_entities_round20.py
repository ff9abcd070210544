"""Entities, round 20 (issue 10): typing the names no lexicon knows by what the text says of them;
classes of error counted over the LOOK batches with the actor lexicon cut to its state militaries,
each seen in at least three of them (docs/entities.md, "Round 20").

Each test is an invented report; the names are invented, so no lexicon entry types them (rule 5's
last test reads a real acronym with no actor lexicon at all).
"""

from __future__ import annotations

import pytest
from rule_helpers import entity_types, extract, names


# 1. A command named with its state ("U.S. X Command", "the Xian Y Command") is that state's armed
#    force (GUIDELINES: a state's military is an ArmedForce), under its own name; a command whose
#    name holds no state stays a body.

def test_a_states_command_is_an_armed_force(extractor):
    for text, name in (
            ("Strike\n\nThe U.S. Arctic Command said on Monday that an airstrike near Karvel killed four "
             "militants.", "U.S. Arctic Command"),
            ("Strike\n\nThe Nigerian Eastern Command said on Monday that its troops had retaken Karvel.",
             "Nigerian Eastern Command")):
        types = entity_types(extract(extractor, text))
        assert types.get(name) == "ArmedForce", (text, types)


def test_a_states_command_keeps_its_own_name_and_its_state(extractor):
    f = extract(extractor, "Strike\n\nU.S. forces struck a camp near Karvel on Monday, the U.S. Arctic Command "
                           "said.")
    command = next(e for e in f.entities if e.name == "U.S. Arctic Command")
    forces = [e for e in f.entities if e.type == "ArmedForce" and e.name != "U.S. Arctic Command"]
    assert command.type == "ArmedForce" and command.attributes.get("country_code") == "US"
    assert forces and all(e.id != command.id for e in forces)


def test_a_command_with_no_state_in_its_name_stays_a_body(extractor):
    f = extract(extractor, "Visit\n\nOfficials of the Joint Border Operations Command said the town of Karvel "
                           "was quiet.")
    assert entity_types(f).get("Joint Border Operations Command") == "Organization"


# 2. A name in apposition to a description of a kind of thing no person is ("the UN peacekeeping
#    mission, X", "the regional force in Y, Z", "the peacekeeping force called W") is that kind
#    (a mission or force: an ArmedForce) in every sentence where the model guessed a person or a body.

def test_a_name_in_apposition_to_a_peacekeeping_mission_is_an_armed_force(extractor):
    f = extract(extractor, "Handover\n\nThe flag was raised over the camp formerly used by the UN peacekeeping "
                           "mission, MINUVEL. Rebels later entered Karvel.")
    assert entity_types(f).get("MINUVEL") == "ArmedForce"


def test_a_name_after_a_force_in_a_place_is_the_force(extractor):
    f = extract(extractor, "Towns retaken\n\nThe regional force in Velandia, ZAFOR, confirmed that government troops "
                           "had retaken the towns.")
    assert entity_types(f).get("ZAFOR") == "ArmedForce"


def test_a_force_called_by_a_name_is_an_armed_force(extractor):
    f = extract(extractor, "Deployment\n\nThe peacekeeping force called KALFOR was deployed to Karvel after the riots.")
    assert entity_types(f).get("KALFOR") == "ArmedForce"


def test_the_mission_is_one_force_in_every_sentence(extractor):
    f = extract(extractor, "Ambush\n\nThe UN peacekeeping mission, MINUVEL, has about 9,000 troops in the country. "
                           "MINUVEL denied reports that its peacekeepers had left Karvel.")
    forces = [e for e in f.entities if e.name == "MINUVEL"]
    assert len(forces) == 1 and forces[0].type == "ArmedForce"


def test_a_reporter_after_a_news_agency_stays_a_person(extractor):
    f = extract(extractor, "Fighting\n\nA reporter with the French news agency, Omar Velasi, said the fighting in "
                           "Karvel went on all night.")
    assert entity_types(f).get("Omar Velasi") == "Person"


# 3. A name armed groups are linked to, affiliated with or loyal to ("an X-linked group", "the Y
#    affiliate", "a militant chief with ties to Z", "V, which is linked to X" where V is a group)
#    is a group's.

def test_a_name_a_group_is_linked_to_is_an_armed_group(extractor):
    for text, name in (
            ("Attack\n\nA commander of the Velan Front, an al-Zorvaq-linked group, was killed in Karvel on Friday.",
             "al-Zorvaq"),
            ("Attack\n\nThe raid on Karvel was the work of the Velan Front, the al-Zorvaq affiliate in the region.",
             "al-Zorvaq"),
            ("Attack\n\nThe raid on Karvel was led by a militant chief with ties to al-Zorvaq, officials said.",
             "al-Zorvaq")):
        types = entity_types(extract(extractor, text))
        assert types.get(name) == "ArmedGroup", (text, types)


def test_a_name_a_group_is_linked_to_through_which(extractor):
    f = extract(extractor, "Attack\n\nVelan Front militants attacked Karvel on Monday. The Velan Front, which is "
                           "linked to al-Zorvaq, said it held the town.")
    assert entity_types(f).get("al-Zorvaq") == "ArmedGroup"


def test_a_company_a_businessman_has_ties_to_stays_a_body(extractor):
    f = extract(extractor, "Contract\n\nA businessman with ties to Velcorp won the contract to rebuild the port of "
                           "Karvel.")
    assert entity_types(f).get("Velcorp") != "ArmedGroup"


def test_a_group_named_only_as_a_patron_is_not_the_group_the_report_describes(extractor):
    f = extract(extractor, "Village retaken\n\nThe army said Velan Front rebels had seized Karvel on Sunday. The Velan "
                           "Front is an al-Zorvaq-linked group. The militants attacked an army base near Karvel on "
                           "Monday.")
    attacks = [v for v in f.events if v.type == "Attack"]
    assert entity_types(f).get("al-Zorvaq") == "ArmedGroup"
    assert attacks and all(names(f, v, "perpetrator") == ["Velan Front"] for v in attacks)


# 4. A name (ORG) that is the subject of a verb of taking a place by force, with a place as its object
#    ("X seized Y", "Z overran the town"), is a group's, as rule 2 of round 19 reads "held by X".

def test_a_body_that_seizes_a_town_is_an_armed_group(extractor):
    f = extract(extractor, "Town falls\n\nThe Velan Brotherhood seized the town of Karvel last June. The army has tried to "
                           "retake the town since.")
    assert entity_types(f).get("Velan Brotherhood") == "ArmedGroup"


def test_a_body_that_seizes_no_place_stays_a_body(extractor):
    f = extract(extractor, "Shipment\n\nThe Velan Trading Corporation seized the opportunity to expand its port "
                           "business in Karvel.")
    assert entity_types(f).get("Velan Trading Corporation") != "ArmedGroup"


# 5. An acronym the model calls a body ("NATO") is no village the gazetteer spells alike in mixed case
#    ("Nato"); a town's name in capitals before its state ("ADAZI, Latvia", a dateline) stays the town.

def test_a_bodys_acronym_is_no_village_of_that_spelling(extractor):
    f = extract(extractor, "Ceasefire\n\nOfficials of SAMA said the ceasefire in the town of Karvel was holding, "
                           "and SAMA members met on Monday.")
    assert entity_types(f).get("SAMA") not in (None, "Location")


def test_a_dateline_town_in_capitals_stays_a_place(extractor):
    f = extract(extractor, "Exercise\n\nSAMA, Latvia - Soldiers of the 173rd Airborne Brigade began an exercise "
                           "near the town on Monday.")
    assert {n.lower(): t for n, t in entity_types(f).items()}.get("sama") == "Location"


@pytest.fixture(scope="module")
def unlisted():
    """A real extractor with no actor lexicon: every body's name is one it does not know, as in a report
    that brings new names (the gazetteer holds a village "Nato")."""
    from kg.extract import Extractor
    from kg.extract.lexicon import Lexicon

    return Extractor(lexicon=Lexicon([]))


def test_a_bodys_acronym_after_to_or_in_is_no_village(unlisted):
    for text in ("Alliance\n\nVelandia will send troops to NATO next year, officials said.",
                 "Alliance\n\nThe minister said Velandia's place in NATO was secure."):
        assert entity_types(extract(unlisted, text)).get("NATO") == "Organization", text
