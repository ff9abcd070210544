"""The forty-third round of event rules (issues 10 and 11: each realnews dev batch's FIRST-RUN event errors still
present today, scripts/first_run_events.py). The class still present in the most batches is a missed gold
event with no event of its type while its place was read. Change 1: an attack with a named side (its attacker
or its target) but no place tied to it and no toll was dropped at the merge (no place, no figure) though its
sentence names the place; it now takes the most specific place below a country of its verb's clause
(kg/extract/events/side_places.py, events.yaml ``r43_side_places``; docs/extraction.md, "Round 43").
Invented reports; each positive test fails before the round, each guard passes on both.
"""

from __future__ import annotations

from rule_helpers import asserted, extract, names


def _attacks(facts) -> list[tuple[list[str], list[str]]]:
    return [(names(facts, a, "location"), names(facts, a, "target")) for a in asserted(facts, "Attack")]


def test_an_assassination_attempt_takes_the_town_its_sentence_names(extractor):
    # the attempt hangs on "following", the town on "was put": one clause, and no toll to keep the attack
    facts = extract(extractor, "Alert in the capital\n\nGhana's army was put on high alert in the capital Kelvara "
                               "following a possible assassination attempt against President Dorvan Mattle.")
    assert [p for p, _ in _attacks(facts)] == [["Kelvara"]]


def test_a_killing_and_a_capture_near_a_town_place_the_killing_there(extractor):
    # "killed X and captured Y near Z": one subject, two predicates, the place told with the second
    facts = extract(extractor, "Clash\n\nAfghan and coalition forces killed several Taliban fighters and captured "
                               "three insurgents near the town of Kelvara on Monday.")
    assert _attacks(facts) == [(["Kelvara"], ["Taliban"])]


def test_strike_aircraft_are_no_attack(extractor):
    # guard: a trigger noun that only modifies another noun names a kind of thing
    facts = extract(extractor, "Air show\n\nNavy strike aircraft flew over the town of Kelvara on Monday, the "
                               "ministry said.")
    assert asserted(facts, "Attack") == []


def test_a_place_in_a_clause_of_its_own_is_not_the_killing_place(extractor):
    # guard: "because people in X backed them" is why, not where
    facts = extract(extractor, "Killings\n\nThe general's soldiers started killing civilians because they said people "
                               "in the town of Kelvara backed the Veltran Front.")
    assert all("Kelvara" not in p for p, _ in _attacks(facts))


def test_a_country_that_qualifies_the_attackers_does_not_place_the_attack(extractor):
    # guard: "rebels in Ghana" says who they are; a country is no place found for an unplaced attack
    facts = extract(extractor, "Peacekeepers\n\nRebels in Ghana have attacked French peacekeepers, a spokesman said "
                               "on Monday.")
    assert all("Ghana" not in p for p, _ in _attacks(facts))


def test_a_killing_told_as_how_a_town_was_held_is_not_placed_there(extractor):
    # guard: "having killed several troops", a clause of its own, says how they hold the town
    facts = extract(extractor, "Rebel town\n\nThe rebels issued claims that they again controlled Kelvara, having "
                               "killed several government troops.")
    assert all("Kelvara" not in p for p, _ in _attacks(facts))


# change 2: "welcome" is a verb of meeting when its object names someone, as "receive" and "host" are


def _meetings(facts) -> list[list[str]]:
    return [names(facts, m, "participants") for m in asserted(facts, "Meeting")]


def test_welcoming_a_leader_to_a_ranch_for_talks_is_a_meeting(extractor):
    facts = extract(extractor, "Ranch talks\n\nPresident Dorvan Mattle has welcomed Prime Minister Kelo Anvari of "
                               "Japan to his ranch for talks on trade.")
    assert _meetings(facts) == [["Dorvan Mattle", "Kelo Anvari"]]


def test_welcoming_a_leader_to_a_palace_is_a_meeting(extractor):
    facts = extract(extractor, "Palace\n\nPresident Dorvan Mattle welcomed Prime Minister Kelo Anvari to the palace "
                               "on Monday.")
    assert _meetings(facts) == [["Dorvan Mattle", "Kelo Anvari"]]


def test_welcoming_a_decision_is_no_meeting(extractor):
    # guard: the object names a decision, whoever made it
    facts = extract(extractor, "Resignation\n\nPresident Dorvan Mattle welcomed the decision of Prime Minister Kelo "
                               "Anvari to resign.")
    assert _meetings(facts) == []


def test_welcoming_an_agreement_between_two_states_is_no_meeting(extractor):
    # guard
    facts = extract(extractor, "Deal\n\nThe United States welcomed the agreement between Ghana and Togo on Monday.")
    assert _meetings(facts) == []


def test_welcoming_troops_is_no_meeting(extractor):
    # guard: with troops as its object the verb stays the arrival it was (Deployment.host_verbs)
    facts = extract(extractor, "Troops\n\nThe prime minister welcomed 300 Ghanaian soldiers at the airport of Kelvara "
                               "on Monday.")
    assert _meetings(facts) == []


# change 3: the earlier taking told in a relative clause on the former holder of a re-taking


def _captures(facts) -> list[tuple[list[str], str]]:
    return sorted((names(facts, c, "place"), c.date.value if c.date else "") for c in asserted(facts, "Capture"))


def test_a_retaking_from_unnamed_separatists_who_seized_the_village_tells_two_captures(extractor):
    facts = extract(extractor, "Village retaken\n\nThe defense ministry says its forces late Monday wrested control "
                               "of the village of Kelvara from Islamic separatists who seized it early this month.",
                    published="2024-08-23")
    assert _captures(facts) == [(["Kelvara"], "2024-08"), (["Kelvara"], "2024-08-19")]


def test_a_retaking_from_a_named_group_stays_two_captures(extractor):
    # guard: with a named holder the sides already told them apart
    facts = extract(extractor, "Town retaken\n\nGovernment troops on Monday recaptured the town of Kelvara from the "
                               "Veltran Front, which had seized it in May.", published="2024-08-23")
    assert _captures(facts) == [(["Kelvara"], "2024-05"), (["Kelvara"], "2024-08-19")]


def test_a_relative_clause_on_the_town_is_no_earlier_taking_apart(extractor):
    # guard: "which rebels seized in May" hangs on the town, not on a "from" holder: left as it was (one capture)
    facts = extract(extractor, "Town retaken\n\nGovernment troops on Monday recaptured the town of Kelvara, which "
                               "rebels seized in May.", published="2024-08-23")
    assert len(asserted(facts, "Capture")) == 1


# change 4: "in the same area" points back at the place of the last attack told before, and says it is another one


def test_an_attack_later_in_the_same_area_is_another_attack_there(extractor):
    facts = extract(extractor, "Two attacks\n\nTaliban fighters attacked a checkpoint in the town of Kelvara on Monday, "
                               "killing two soldiers. Later in the same area, insurgents fired small arms at a Ghanaian "
                               "army patrol.")
    assert [p for p, _ in _attacks(facts)] == [["Kelvara"], ["Kelvara"]]


def test_later_the_same_day_is_no_other_place_told(extractor):
    # guard: "the same day" names no area: the firing is told of the attack before, as it was
    facts = extract(extractor, "Two attacks\n\nTaliban fighters attacked a checkpoint in the town of Kelvara on Monday, "
                               "killing two soldiers. Later the same day, insurgents fired small arms at a Ghanaian "
                               "army patrol.")
    assert [p for p, _ in _attacks(facts)] == [["Kelvara"]]
