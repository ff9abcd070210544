"""Entities, round 15 (issue 10): classes of error counted over the LOOK batches, each seen in at
least three of them (docs/entities.md, "Round 15").

Each test is an invented report; the rules are general.
"""

from __future__ import annotations

from rule_helpers import entity_types, extract


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
