"""The twenty-eighth round of event rules for real news (issue 10, item 3, "the most specific
place"): one policy for an event's anchor place among the places its report ties to it
(``events/anchors.py``; docs/extraction.md, "Round 28"), on short reports invented for these tests,
with guards for the places that are not the event's (another event's, a quotation's, an origin, a
purpose clause).
"""

from __future__ import annotations

from rule_helpers import asserted, extract, names


def _places(facts, etype, role):
    return [names(facts, v, role) for v in asserted(facts, etype)]


# --- the policy moves the event to the more specific place tied to it

def test_a_province_attack_told_again_as_the_battle_of_a_village_is_at_the_village(extractor):
    facts = extract(extractor, "Post attacked\n\nNine soldiers were killed in Afghanistan on Sunday after Taliban "
                               "militants attacked an outpost in Ghor Province. The battle of Varnek, a fight in a "
                               "mountainous village, began before dawn.")
    assert _places(facts, "Attack", "location") == [["Varnek"]]  # (the gazetteer does not place Varnek)


def test_a_deployment_in_a_state_named_with_its_town_goes_to_the_town(extractor):
    facts = extract(extractor, "Guard chief visits\n\nThe chief of the guard met soldiers on Tuesday. About 600 "
                               "American troops are stationed at Prizren, Kosovo.")
    assert _places(facts, "Deployment", "destination") == [["Prizren"]]


def test_a_camp_told_by_common_nouns_near_a_town_is_at_the_town(extractor):
    facts = extract(extractor, "Soldiers killed\n\nA roadside bomb killed one American soldier in Chaghcharan on Friday. "
                               "Insurgents fired mortars at a U.S. military camp near Chaghcharan on Thursday, killing "
                               "two more soldiers.")
    # (the town is the place of an attack of another sentence too: two attacks on two days)
    assert _places(facts, "Attack", "location") == [["Chaghcharan"], ["Chaghcharan"]]


# --- guards: places tied to something else stay out

def test_a_named_camp_near_a_town_stays_the_camp(extractor):
    facts = extract(extractor, "Soldiers killed\n\nInsurgents fired mortars at Camp Harlan near Chaghcharan on "
                               "Thursday, killing two soldiers.")
    assert _places(facts, "Attack", "location") == [["Camp Harlan"]]


def test_the_place_of_a_conjoined_clause_is_not_the_deployments_destination(extractor):
    facts = extract(extractor, "Force\n\nThe mission has about 14,000 troops in Afghanistan, and its helicopters "
                               "have been supporting army operations in Ghor Province.")
    assert [names(facts, v, "destination") for v in facts.events if v.type == "Deployment"] == [["Afghanistan"]]


def test_the_village_of_a_quotation_is_not_the_attacks_place(extractor):
    facts = extract(extractor, "Post attacked\n\nNine soldiers were killed on Sunday after Taliban militants attacked "
                               "an army outpost in Ghor Province. \"The battle of Varnek was our victory,\" a Taliban "
                               "commander said.")
    assert _places(facts, "Attack", "location") == [["Ghor Province"]]


def test_the_place_fired_from_is_not_the_attacks_place(extractor):
    facts = extract(extractor, "Post attacked\n\nTaliban militants fired rockets from Varnek at an army post in Ghor "
                               "Province on Monday, killing four soldiers.")
    assert _places(facts, "Attack", "location") == [["Ghor Province"]]


def test_the_place_of_a_second_event_in_the_clause_is_not_the_attacks_place(extractor):
    facts = extract(extractor, "Post attacked\n\nTaliban militants attacked an army outpost in Ghor Province on "
                               "Sunday, killing nine soldiers, and seized Varnek.")
    assert _places(facts, "Attack", "location") == [["Ghor Province"]]
    assert _places(facts, "Capture", "place") == [["Varnek"]]


def test_a_second_attack_told_next_keeps_its_own_place(extractor):
    facts = extract(extractor, "Post attacked\n\nTaliban militants attacked an army outpost in Ghor Province on "
                               "Sunday, killing nine soldiers. The attack on Varnek, a village two days later, killed "
                               "four more.")
    assert sorted(_places(facts, "Attack", "location")) == [["Ghor Province"], ["Varnek"]]


def test_the_place_of_a_deployments_purpose_is_not_its_destination(extractor):
    facts = extract(extractor, "Troops sent\n\nBritain will deploy 300 soldiers to Kosovo to help train police in "
                               "Prizren, the ministry said on Monday.")
    deployments = [v for v in facts.events if v.type == "Deployment"]
    assert [names(facts, v, "destination") for v in deployments] == [["Kosovo"]]
