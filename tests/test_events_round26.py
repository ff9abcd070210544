"""The twenty-sixth round of event rules for real news (issue 10, item 3): one event told several
times in one article, merged by one policy from the events' own content (``events/one_event.py``;
docs/extraction.md, "Round 26"), on short reports invented for these tests, with guards for the
events an article tells apart.
"""

from __future__ import annotations

from rule_helpers import asserted, extract, names


def _told(facts, etype, role):
    return sorted((names(facts, v, role), v.date.value if v.date else None) for v in asserted(facts, etype))


# --- one event told again: the policy merges it

def test_an_attack_told_in_its_state_then_in_its_town_is_one_attack(extractor):
    facts = extract(extractor, "Base attacked\n\nKessa rebels attacked an army base in Cameroon on Sunday, killing "
                               "four soldiers. The army said it was investigating. Schools were closed. The main road "
                               "was shut for the day. Traders stayed at home. The Kessa rebels' attack on the base in "
                               "Garoua on Sunday was the deadliest this year.")
    attacks = asserted(facts, "Attack")
    assert [names(facts, v, "location") for v in attacks] == [["Garoua"]]  # the finer place wins
    assert attacks[0].quantities["fatalities"].value == 4


def test_a_claim_with_the_same_side_and_toll_in_another_area_is_the_attack_told_again(extractor):
    facts = extract(extractor, "Oil platform attacked\n\nThe Kessa Liberation Army killed six soldiers in an attack "
                               "on an oil platform in the Kessa Delta on Friday. The group later claimed "
                               "responsibility for an attack on an oil facility in Rivers State in which six "
                               "soldiers died.")
    assert len(asserted(facts, "Attack")) == 1


def test_a_capture_told_by_one_of_its_captors_is_one_capture(extractor):
    facts = extract(extractor, "Town taken\n\nChadian troops and the Kessa Liberation Army took Bouar from the Sango "
                               "Movement on Monday. The Sango Movement had held the town for two years. Chadian troops "
                               "seized Bouar from the Sango Movement early on Monday, a local official said.")
    captures = asserted(facts, "Capture")
    assert len(captures) == 1
    assert names(facts, captures[0], "captor") == ["Chadian forces", "Kessa Liberation Army"]


def test_a_retaking_reported_a_day_later_and_the_rout_are_one_capture(extractor):
    facts = extract(extractor, "Town retaken\n\nChadian troops have liberated Bouar, the defence ministry said on "
                               "Sunday. The Kessa Liberation Army was driven out of Bouar on Saturday after a week of "
                               "fighting.")
    assert _told(facts, "Capture", "place") == [(["Bouar"], "2024-03-09")]  # the day of the telling that has one


# --- told apart: the policy leaves them two

def test_two_attacks_in_one_town_on_one_day_with_other_tolls_stay_two(extractor):
    facts = extract(extractor, "Attacks in town\n\nA roadside bomb killed one soldier in Bouar on Friday. Insurgents "
                               "fired mortars at a base in Bouar on Friday, killing two more soldiers.")
    assert sorted(v.quantities["fatalities"].value for v in asserted(facts, "Attack")) == [1, 2]


def test_attacks_on_other_villages_stay_apart(extractor):
    facts = extract(extractor, "Villagers killed\n\nKessa rebels shot dead dozens of people in the village of "
                               "Mokolo, residents said. Kessa rebels attacked three other villages on Monday in the Far "
                               "North region, witnesses said.")
    assert len(asserted(facts, "Attack")) == 2


def test_two_towns_attacked_by_one_group_with_one_toll_stay_two(extractor):
    facts = extract(extractor, "Towns attacked\n\nKessa rebels attacked Bouar on Monday, killing four soldiers. The "
                               "army said it was investigating. Kessa rebels attacked Garoua on Monday, killing four "
                               "soldiers.")
    assert sorted(names(facts, v, "location") for v in asserted(facts, "Attack")) == [["Bouar"], ["Garoua"]]


def test_a_town_taken_and_taken_back_stays_two_captures(extractor):
    facts = extract(extractor, "Town changes hands\n\nKessa rebels took the town of Bouar from the army in May. The "
                               "army took Bouar back from the Kessa rebels in May, officials said.")
    assert len(asserted(facts, "Capture")) == 2


def test_a_planned_deployment_within_the_state_of_a_done_one_stays_apart(extractor):
    facts = extract(extractor, "Troops sent\n\nChad sent 300 soldiers to Cameroon in February. The army said the "
                               "soldiers were well trained. Chad will deploy 300 soldiers to Garoua in April, "
                               "officials said.")
    deployments = [v for v in facts.events if v.type == "Deployment"]
    assert sorted(v.modality for v in deployments) == ["asserted", "planned"]
