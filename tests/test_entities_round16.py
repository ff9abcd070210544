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
