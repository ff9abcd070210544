"""Entities, round 18 (issue 10): precision by general cue, classes of error counted over the LOOK
batches (batch N included), each seen in at least three of them (docs/entities.md, "Round 18").

Each test is an invented report; the rules are general.
"""

from __future__ import annotations

from rule_helpers import entity_types, extract


def _states(facts):
    return {e.attributes.get("country_code") for e in facts.entities if e.type == "Country"}


# 1. A state written as one conjunct of a modifier ("A and X cooperation", "B, X and Y forces") is an
#    adjective, as a plain modifier is: no entity of the report.

def test_a_state_in_a_coordinated_modifier_is_no_entity(extractor):
    f = extract(extractor, "Raid\n\nThe raid near Velanstad is a tangible example of Chadian and U.S. cooperation "
                           "using intelligence, Colonel Jonas Verrick said on Monday.")
    assert "US" not in _states(f)
    assert entity_types(f).get("Jonas Verrick") == "Person"


def test_a_state_in_a_list_before_forces_is_no_entity(extractor):
    f = extract(extractor, "Raid\n\nColonel Jonas Verrick said it was an example of NATO, U.S. and Chadian forces "
                           "being aggressive in fighting the insurgents near Velanstad.")
    assert "US" not in _states(f)
    assert "NATO" in {n for e in f.entities for n in (e.name, *e.aliases)}


def test_coordinated_states_as_actors_stay(extractor):
    f = extract(extractor, "Talks\n\nChad and the United States signed a security agreement in Velanstad on "
                           "Monday, Colonel Jonas Verrick said.")
    assert {"US", "TD"} <= _states(f)


def test_a_state_in_a_coordination_before_a_date_stays(extractor):
    f = extract(extractor, "Talks\n\nThe talks between Chad and the United States Tuesday ended without an "
                           "agreement, Colonel Jonas Verrick said.")
    assert "US" in _states(f)
