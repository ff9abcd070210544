"""Entities, round 20 (issue 10): typing the names no lexicon knows by what the text says of them;
classes of error counted over the LOOK batches with the actor lexicon cut to its state militaries,
each seen in at least three of them (docs/entities.md, "Round 20").

Each test is an invented report; the names are invented, so no lexicon entry types them.
"""

from __future__ import annotations

from rule_helpers import entity_types, extract


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
