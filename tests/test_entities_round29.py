"""Entities, round 29 (issue 10): first-run entity errors still present today, by mechanism
(docs/entities.md, "Round 29 (entities)").

Each extraction test is an invented report; the towns and the forces' own names are invented.
"""

from __future__ import annotations

from rule_helpers import extract, types_named


def _all(facts):
    return [(e.type, e.name) for e in facts.entities]


# 1. "Task Force" then a capitalised name or a number: a force by its own name, whatever NER calls the
#    span (a product, a place, a person); the name after "Task Force" alone is that force too.

def test_a_task_force_named_by_a_word_is_an_armed_force(extractor):
    f = extract(extractor, "Peacekeepers\n\nMembers of Task Force Kestrel in Velkoro will join the "
                           "international security force, officials said.", published="1999-06-09")
    assert ("ArmedForce", "Task Force Kestrel") in _all(f), _all(f)
    assert ("Location", "Velkoro") in _all(f), _all(f)


def test_a_task_force_named_by_a_number_is_an_armed_force(extractor):
    f = extract(extractor, "Deployment\n\nThe division's Task Force 417 deployed into Velkoro as part of Task "
                           "Force Kestrel on Sunday.", published="1999-06-20")
    assert ("ArmedForce", "Task Force 417") in _all(f), _all(f)
    assert ("ArmedForce", "Task Force Kestrel") in _all(f), _all(f)


def test_a_task_forces_headquarters_names_the_force(extractor):
    f = extract(extractor, "A year on\n\nEngineers turned a former air base near Velkoro into Task Force "
                           "Kestrel headquarters, bustling with troops.", published="1996-12-10")
    assert ("ArmedForce", "Task Force Kestrel") in _all(f), _all(f)


def test_the_name_after_task_force_alone_is_the_same_force(extractor):
    f = extract(extractor, "Mission ends\n\nA recently completed peacekeeping mission in Velkoro, Task Force Silver "
                           "Plough, was a total success, officials said. Silver Plough helped to collect weapons.",
                published="2001-10-03")
    assert types_named(f, "Silver Plough") == [("ArmedForce", "Task Force Silver Plough")], _all(f)
    assert "Silver Plough" in next(e for e in f.entities if e.name == "Task Force Silver Plough").aliases


def test_task_force_in_lower_case_names_no_force_and_a_title_ends_the_name(extractor):
    # guard: a description ("the task force") names no force; a title after "Task Force" is no part of a
    # force's name ("Task Force Commander Jane Roe": the commander, a person)
    f = extract(extractor, "Patrols\n\nThe task force patrolled Velkoro on Monday. Task Force Commander Jane Roe "
                           "said the patrols would go on.")
    assert [e for e in f.entities if e.type == "ArmedForce"] == [], _all(f)
    assert ("Person", "Jane Roe") in _all(f), _all(f)


def test_a_longer_name_holding_task_force_keeps_its_whole_name(extractor):
    # guard: "Combined Joint Task Force 76" is one name, not "Task Force 76" cut from it
    f = extract(extractor, "Patrol\n\nThe soldiers, part of Combined Joint Task Force 76, patrolled Velkoro on "
                           "Monday, officials of the Combined Joint Task Force 76 said.")
    assert [e.name for e in f.entities if e.type == "ArmedForce"] == ["Combined Joint Task Force 76"], _all(f)


# 2. A state that was once a province of another (titles.yaml provinces_once; the state is the one the
#    list names, the towns are invented): in a report that calls it a province it is a place.

def test_a_state_told_as_a_province_is_a_place(extractor):
    f = extract(extractor, "Peacekeepers\n\nAllied troops entered Kosovo on Saturday near Velkoro. More troops "
                           "will deploy to the province next week, officials said.", published="1999-06-12")
    assert types_named(f, "Kosovo") == [("Location", "Kosovo")], _all(f)


def test_a_state_called_a_province_of_another_in_its_sentence_is_a_place(extractor):
    f = extract(extractor, "Talks\n\nThe two sides have been fighting over Kosovo, a southern province of Serbia, "
                           "since spring.", published="2001-10-03")
    assert types_named(f, "Kosovo") == [("Location", "Kosovo")], _all(f)


def test_a_state_not_told_as_a_province_stays_a_state(extractor):
    # guard: without "province" (or with "former province") the state is a state, as before
    f = extract(extractor, "Visit\n\nThe general met the president of Kosovo in Velkoro on Monday.",
                published="2015-04-02")
    assert types_named(f, "Kosovo") == [("Country", "Kosovo")], _all(f)
    g = extract(extractor, "Patrols\n\nPeacekeepers patrolled the north of Kosovo, Serbia's former province, near "
                           "Velkoro on Monday.", published="2025-10-13")
    assert ("Country", "Kosovo") in _all(g), _all(g)


# 3. "Marines" written bare (titles.yaml service_branches): a service named bare, an armed force of its own
#    name, as "Navy" and "Air Force" were (round 24); after its state ("U.S. Marines") the state's force.

def test_marines_named_bare_are_an_armed_force(extractor):
    f = extract(extractor, "Embassy guard\n\nA team of 50 Marines has departed for Velkoro to protect the embassy, "
                           "officials said.", published="2004-02-23")
    assert ("ArmedForce", "Marines") in _all(f), _all(f)


def test_marines_after_their_state_stay_the_states_force(extractor):
    # guard: "U.S. Marines" is the state's force (named as before), no second force "Marines"
    f = extract(extractor, "Landing\n\nU.S. Marines landed near Velkoro on Monday, officials said.",
                published="2004-02-23")
    assert types_named(f, "Marines") == [("ArmedForce", "U.S. forces")], _all(f)


# 4. A state's name written out before a person's title ("Xland President Jane Roe"): the state is named
#    too, and stays an entity of the report (the person's affiliation points at it).

def test_a_states_name_before_a_title_names_the_state(extractor):
    f = extract(extractor, "Visit\n\nThe minister hosted a state visit this week for Estonia President Jane Roe "
                           "in Velkoro, officials said.")
    assert ("Country", "Estonia") in _all(f), _all(f)
    roe = next(e for e in f.entities if e.name == "Jane Roe")
    assert roe.type == "Person"
    assert roe.attributes.get("affiliation") == next(e.id for e in f.entities if e.name == "Estonia")


def test_a_states_name_in_a_listed_line_before_a_title_names_the_state(extractor):
    f = extract(extractor, "Meetings\n\n- Estonia President Jane Roe\n- Talks with the defence minister")
    assert ("Country", "Estonia") in _all(f), _all(f)


def test_an_abbreviated_state_or_an_adjective_before_a_title_names_no_state(extractor):
    # guard: "U.S. Ambassador X" and "Estonian President Y" stay as before (no state entity of their own)
    f = extract(extractor, "Visit\n\nU.S. Ambassador John Doe and Estonian President Jane Roe toured Velkoro on "
                           "Monday.")
    assert [e for e in f.entities if e.type == "Country"] == [], _all(f)
    assert ("Person", "John Doe") in _all(f) and ("Person", "Jane Roe") in _all(f), _all(f)


# 5. A building struck ("rounds hitting the X Embassy", "attacks on facilities like the Y Embassy"): a place,
#    where an embassy that speaks stays a body.

def test_a_building_named_among_targets_attacked_is_a_place(extractor):
    f = extract(extractor, "Review\n\nIt was a hard week for the U.S. Embassy. Gunmen have turned to raids on busy "
                           "targets like the U.S. Embassy to win attention.")
    assert types_named(f, "Embassy") == [("Location", "U.S. Embassy")], _all(f)


def test_an_embassy_that_speaks_stays_a_body(extractor):
    # guard: "the X Embassy said" names the body, as before
    f = extract(extractor, "Statement\n\nThe U.S. Embassy said on Monday that its staff in Velkoro were safe.")
    assert types_named(f, "Embassy") == [("Organization", "U.S. Embassy")], _all(f)


# 6. An acronym no lexicon knows and no bracket explains, the initials of one actor the report names in
#    full: that actor ("The Estonian Armed Forces ... The EAF urges").

def test_an_acronym_of_an_actors_initials_is_that_actor(extractor):
    f = extract(extractor, "EAF reinforces troops in Velkoro\n\nThe Estonian Armed Forces has today deployed an "
                           "additional company to Velkoro. The EAF urges residents to cooperate.")
    assert types_named(f, "EAF") == [("ArmedForce", "Estonian forces")], _all(f)


def test_an_acronym_of_no_actors_initials_stays_apart(extractor):
    # guard: initials no named actor has leave the acronym as it was (a body of its own)
    f = extract(extractor, "Curfew\n\nThe Estonian Armed Forces has today deployed an additional company to "
                           "Velkoro. The QRC urges residents to cooperate.")
    assert ("Organization", "QRC") in _all(f), _all(f)
