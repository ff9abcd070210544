"""Entities, round 15 (issue 10): classes of error counted over the LOOK batches, each seen in at
least three of them (docs/entities.md, "Round 15").

Each test is an invented report; the rules are general.
"""

from __future__ import annotations

from rule_helpers import entity_types, extract, names


# 1. A command named by a state's force noun and an area is a force of its own.

def test_a_command_named_by_the_force_and_an_area_is_its_own_force(extractor):
    f = extract(extractor, "Brigade rotates\n\nThe gunners of U.S. Army Africa's 9th Artillery Brigade will "
                           "leave Ruritania. U.S. Forces Chad-Forward kept the airport open, and the unit supports "
                           "United States Forces-Japan. The commanding general of U.S. Army North spoke.")
    types = entity_types(f)
    for name in ("U.S. Army Africa", "U.S. Army North", "U.S. Forces Chad-Forward", "United States Forces-Japan"):
        assert types.get(name) == "ArmedForce", name
    assert "U.S. forces" not in types and "U.S. Army" not in types
    assert not any(a in ("U.S. Army", "U.S. Forces") for e in f.entities for a in e.aliases)


def test_a_force_noun_before_a_title_or_a_day_stays_the_states_forces(extractor):
    f = extract(extractor, "Troops leave\n\nU.S. forces Monday left the town of Ruritville, said U.S. Army Col. "
                           "Jane Roe.")
    types = entity_types(f)
    assert types.get("U.S. forces") == "ArmedForce"
    assert types.get("Jane Roe") == "Person"
    assert not any(n.startswith("U.S. Army Col") or n.startswith("U.S. forces Monday") for n in types)


# 2. A listed actor's name inside a longer body's name is no mention of that actor.

def test_a_council_named_around_a_listed_councils_words_is_another_body(extractor):
    f = extract(extractor, "Talks\n\nThe statement came from the Zembla Union's Peace and Security Council in "
                           "Ruritville. The emergency session of the national security council ended on Monday.")
    types = entity_types(f)
    assert types.get("Peace and Security Council") == "Organization"
    assert "United Nations Security Council" not in types


def test_a_ministry_named_after_a_listed_force_is_the_ministry(extractor):
    f = extract(extractor, "Withdrawal\n\nThe Ministry of Peshmerga Affairs accused commanders of leaving "
                           "their posts.")
    types = entity_types(f)
    assert types.get("Ministry of Peshmerga Affairs") == "Organization"
    assert "Peshmerga" not in types


def test_a_command_named_after_a_listed_alliance_is_its_own_body(extractor):
    f = extract(extractor, "Strikes\n\nNATO Special Operations Component Command-Zembla said the strikes killed "
                           "20 fighters.")
    assert any(n.startswith("NATO Special Operations Component Command-Zembla") for n in entity_types(f))


def test_the_listed_council_and_the_owner_of_a_council_are_still_named(extractor):
    f = extract(extractor, "Talks\n\nThe U.N. Security Council met on Monday. NATO's Defence Policy Committee "
                           "met too.")
    types = entity_types(f)
    assert types.get("United Nations Security Council") == "Organization"
    assert "NATO" in types or "North Atlantic Treaty Organization" in types


# 3. A state's ministry named with its state is a body, one per state, and the event rules still read
#    the state in it.

def test_a_ministry_after_a_states_possessive_is_a_body_with_its_telling_as_alias(extractor):
    f = extract(extractor, "Tanks move\n\nIn Moscow, Russia's Defense Ministry said its tanks are moving. "
                           "The Defense Ministry said more.")
    ministry = [e for e in f.entities if e.type == "Organization" and "Ministry" in e.name]
    assert len(ministry) == 1
    assert {"Russia's Defense Ministry", "Defense Ministry"} <= {ministry[0].name, *ministry[0].aliases}
    assert entity_types(f).get("Russia") == "Country"


def test_a_states_adjective_and_a_lower_case_ministry_name_a_body(extractor):
    f = extract(extractor, "Village hit\n\nA Chadian defense ministry spokesman called the reports false.")
    assert "Chadian defense ministry" in entity_types(f) or any(
        "Chadian defense ministry" in e.aliases for e in f.entities)


def test_two_states_ministries_of_one_name_stay_two(extractor):
    f = extract(extractor, "Claims\n\nUkraine's Defence Ministry said the town was held. Russia's Defence "
                           "Ministry denied it.")
    ministries = [e for e in f.entities if e.type == "Organization" and "Ministry" in e.name]
    assert len(ministries) == 2
    told = sorted(a for e in ministries for a in [e.name, *e.aliases] if "'s" in a)
    assert told == ["Russia's Defence Ministry", "Ukraine's Defence Ministry"]


def test_the_event_rules_still_read_the_state_in_its_ministry(extractor):
    f = extract(extractor, "Troops sent\n\nChad's Defense Ministry sent 500 troops to Abeche on Monday.")
    assert entity_types(f).get("Chad's Defense Ministry") == "Organization"
    deployments = [v for v in f.events if v.type == "Deployment"]
    assert deployments and names(f, deployments[0], "agent") == ["Chad"]
