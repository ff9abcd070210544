"""The forty-eighth round of event rules (issues 11 and 10: the reports the extractor misses or misplaces in the
freshest fusion writer's articles, r19, and r18's). Invented reports; each positive test fails before the round,
each guard passes on both (docs/extraction.md, "Round 48").
"""

from __future__ import annotations

from rule_helpers import asserted, extract, meeting_participants, names


def _destinations(facts) -> list[list[str]]:
    return sorted(names(facts, d, "destination") for d in asserted(facts, "Deployment"))


# Change 1: troops told as having camped at a place ("have camped next to X airport", "camped around X", "have been
# camped at the football ground of X") are deployed there, as troops who arrived there are.

def test_troops_camped_next_to_a_place_are_deployed_there(extractor):
    facts = extract(extractor, "Troops in the south\n\nSome 1,200 soldiers who arrived on Monday have camped next to "
                               "Dolmir airport, residents said.")
    assert any("Dolmir" in " ".join(d) for d in _destinations(facts))


def test_troops_camped_around_a_town_are_deployed_there(extractor):
    facts = extract(extractor, "Troops in the south\n\nSome 1,200 soldiers have camped around Dolmir since Monday, "
                               "residents said.")
    assert _destinations(facts) == [["Dolmir"]]


def test_troops_camped_at_a_ground_of_a_town_are_deployed_in_the_town(extractor):
    facts = extract(extractor, "Troops in the south\n\nSince Monday some 1,400 soldiers have been camped at the "
                               "football ground of Dolmir, sent by the Defence Ministry.")
    assert _destinations(facts) == [["Dolmir"]]


def test_protesters_camped_outside_a_building_are_no_deployment(extractor):
    # guard: camping is a deployment only with troops (or a counted unit) as its subject
    facts = extract(extractor, "Protest\n\nHundreds of protesters camped outside the parliament in Dolmir on Monday.")
    assert asserted(facts, "Deployment") == []


def test_displaced_families_camped_near_a_town_are_no_deployment(extractor):
    # guard: families are no unit, however many
    facts = extract(extractor, "Flight\n\nSome 3,000 displaced families have camped near Dolmir since the attack.")
    assert asserted(facts, "Deployment") == []


def test_troops_camped_with_no_place_are_no_deployment(extractor):
    # guard: no place and no number, no deployment
    facts = extract(extractor, "Troops\n\nThe soldiers camped for the night, residents said.")
    assert asserted(facts, "Deployment") == []


# Change 2: "A and Defense Minister B met": after a bare surname the parser reads "A and Defense" as a modifier of
# B's title; A, a person named before the subject's head with an "and" of its own, is the other party.

_participants = meeting_participants


def test_a_surname_joined_to_a_titled_name_is_the_other_party(extractor):
    facts = extract(extractor, "Ministers meet\n\nDefense Secretary John Harper met with his Ostrian counterpart "
                               "today. Harper and Defense Minister Anne Walsh met in Paris.")
    assert ["Anne Walsh", "John Harper"] in _participants(facts)


def test_a_full_name_joined_to_a_titled_name_stands(extractor):
    # guard: the parse the rule repairs is not this one; the meeting is read as before
    facts = extract(extractor, "Ministers meet\n\nDefense Secretary John Harper and Defense Minister Anne Walsh "
                               "met in Paris on Monday.")
    assert _participants(facts) == [["Anne Walsh", "John Harper"]]


def test_a_person_of_whom_the_subject_is_a_part_is_no_party(extractor):
    # guard: "the aide of A" names A inside the subject with no "and" of A's own: A did not meet
    facts = extract(extractor, "Ministers meet\n\nDefense Secretary John Harper stayed home. An aide of Harper "
                               "met in Paris on Monday.")
    assert _participants(facts) == []


# Change 3: troops whose arrival a relative clause tells with no place of its own ("who arrived in the area") are
# deployed where the main clause says they camped ("have set up camps around X").

def test_police_who_arrived_and_set_up_camps_around_a_town_are_deployed_there(extractor):
    facts = extract(extractor, "Police camp\n\nSome 1,800 police who arrived in the area on Monday have set up camps "
                               "in schools and halls around Dolmir, residents said.")
    assert _destinations(facts) == [["Dolmir"]]


def test_a_named_force_who_arrived_and_set_up_camps_is_deployed_there(extractor):
    facts = extract(extractor, "Police camp\n\nSome 1,800 Central Reserve Police Force jawans who arrived in the area "
                               "on Monday have set up camps around Dolmir, residents said.")
    assert _destinations(facts) == [["Dolmir"]]


def test_police_who_arrived_and_searched_houses_are_not_placed_by_the_search(extractor):
    # guard: the main clause must tell a camp, not any act near a place
    facts = extract(extractor, "Police search\n\nSome 1,800 police who arrived in the area on Monday have searched "
                               "houses around Dolmir, residents said.")
    assert asserted(facts, "Deployment") == []


def test_refugees_who_arrived_and_set_up_camps_are_no_deployment(extractor):
    # guard: only troops (or a state's force) are deployed by camping
    facts = extract(extractor, "Refugees\n\nSome 1,800 refugees who arrived in the area on Monday have set up camps "
                               "around Dolmir, residents said.")
    assert asserted(facts, "Deployment") == []


# Change 4: troops reaching a common noun named by a place ("reached the X border belt") are deployed at that place.

def test_troops_reaching_a_border_belt_named_by_a_town_are_deployed_there(extractor):
    facts = extract(extractor, "Troops arrive\n\nAround 1,000 Ostrian troops reached the Dolmir border belt today, "
                               "officials said.")
    assert _destinations(facts) == [["Dolmir"]]


def test_troops_reaching_a_border_named_by_a_state_are_not_placed_in_the_state(extractor):
    # guard: a state among the noun's modifiers is no place it lies at ("the Syrian border")
    facts = extract(extractor, "Troops arrive\n\nAround 1,000 Ostrian troops reached the Syrian border today, "
                               "officials said.")
    assert ["Syria"] not in _destinations(facts)
