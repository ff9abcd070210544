"""The nineteenth round of event rules for real news (issue 10): argument recall, by the classes of
missed arguments of matched events seen in at least three LOOK batches (docs/extraction.md,
"Round 19"), each on short reports invented for these tests, with a guard for what it must leave alone.
"""

from __future__ import annotations

from rule_helpers import asserted, extract, names


# --- rule 1: an attack blamed by its own noun on a person or a body, and the attack it points at

def test_an_attack_blamed_on_a_person_names_its_perpetrator(extractor):
    facts = extract(extractor, "Camp attacked\nGunmen attacked an army camp in the village of Morvala on Sunday, "
                               "killing 23 soldiers. Officials blamed Sunday's attack on deserter army "
                               "colonel-turned-militant leader Jonas Perrick, who is said to be close to a rebel chief.")
    attacks = asserted(facts, "Attack")
    assert len(attacks) == 1
    assert names(facts, attacks[0], "perpetrator") == ["Jonas Perrick"]


def test_an_attack_blamed_on_a_body_is_not_the_attack_told_after_the_blame(extractor):
    facts = extract(extractor, "Embassy bombed\nA bomb blast at the Valdoran embassy in Morvala in early July killed "
                               "41 people. The government of Lorvia blamed the attack on the Ostmark Intelligence "
                               "Directorate, and local media have pointed a finger at the Kessa Brigade for being "
                               "behind last week's bomb blasts in Lorvik.")
    by_place = {tuple(names(facts, v, "location")): names(facts, v, "perpetrator") for v in asserted(facts, "Attack")}
    embassy = next(v for k, v in by_place.items() if "Morvala" in k)
    assert embassy == ["Ostmark Intelligence Directorate"]
    assert "Ostmark Intelligence Directorate" not in by_place.get(("Lorvik",), [])


def test_an_attack_blamed_further_on_is_the_one_attack_told_before(extractor):
    facts = extract(extractor, "Camp attacked\nGunmen attacked an army camp in the village of Morvala on Sunday, "
                               "killing 23 soldiers. The army said it had sent reinforcements. The camp was rebuilt "
                               "in 2019. It holds 200 soldiers. Officials blamed Sunday's attack on rebel leader "
                               "Jonas Perrick.")
    attacks = asserted(facts, "Attack")
    assert len(attacks) == 1
    assert names(facts, attacks[0], "perpetrator") == ["Jonas Perrick"]


def test_a_blame_told_far_after_two_attacks_points_at_neither(extractor):
    facts = extract(extractor, "Camp attacked\nGunmen attacked an army camp in the village of Morvala on Sunday, "
                               "killing 23 soldiers. Rebels attacked the town of Kessa on Monday, killing four "
                               "civilians. The camp was rebuilt in 2019. It holds 200 soldiers. Officials blamed "
                               "Sunday's attack on rebel leader Jonas Perrick.")
    assert all(not names(facts, v, "perpetrator") for v in asserted(facts, "Attack"))


def test_a_person_blamed_for_no_attack_is_no_perpetrator(extractor):
    facts = extract(extractor, "Camp attacked\nGunmen attacked an army camp in the village of Morvala on Sunday, "
                               "killing 23 soldiers. The opposition blamed Jonas Perrick for the insecurity.")
    attacks = asserted(facts, "Attack")
    assert len(attacks) == 1
    assert names(facts, attacks[0], "perpetrator") == []


# --- rule 2: an attacked post at a place the gazetteer puts in no state was held by the report's one force

def test_an_attacked_post_at_an_unplaced_town_was_held_by_the_reports_one_force(extractor):
    facts = extract(extractor, "Checkpoint attacked.\nMilitants attacked an army checkpoint in Quellisk on Sunday, "
                               "killing two soldiers. The Valdoran Armed Forces said the attackers fled.")
    attacks = asserted(facts, "Attack")
    assert len(attacks) == 1
    assert names(facts, attacks[0], "target") == ["Valdoran Armed Forces"]


def test_an_attacked_post_at_an_unplaced_town_with_two_forces_named_has_no_target_guessed(extractor):
    facts = extract(extractor, "Checkpoint attacked.\nMilitants attacked an army checkpoint in Quellisk on Sunday, "
                               "killing two soldiers. The Valdoran Armed Forces and the Lorvian Armed Forces said "
                               "the attackers fled.")
    attacks = asserted(facts, "Attack")
    assert len(attacks) == 1
    assert names(facts, attacks[0], "target") == []


# --- rule 3: a deployment told by its unit alone, abroad, was sent by the one other state the report places

def _deployment(facts):
    found = [v for v in facts.events if v.type == "Deployment" and v.modality in ("asserted", "planned")]
    assert len(found) == 1
    return found[0]


def test_a_unit_deployed_abroad_was_sent_by_the_one_other_state_the_report_places(extractor):
    facts = extract(extractor, "Paratroopers arrive\nApproximately 500 paratroopers from the 12th Airborne Brigade "
                               "deployed for training in Ghana and Togo on Monday. The rotation shows Canada's "
                               "commitment to its partners, officials in Ottawa said.")
    assert names(facts, _deployment(facts), "agent") == ["Canada"]


def test_a_unit_deployed_abroad_with_two_other_states_placed_has_no_sender_guessed(extractor):
    facts = extract(extractor, "Paratroopers arrive\nApproximately 500 paratroopers from the 12th Airborne Brigade "
                               "deployed for training in Ghana and Togo on Monday. The rotation shows the commitment "
                               "of Canada and Norway to their partners, officials in Ottawa and Oslo said.")
    assert names(facts, _deployment(facts), "agent") == []


def test_a_unit_deployed_beside_the_destinations_own_forces_has_no_sender_guessed(extractor):
    facts = extract(extractor, "Paratroopers arrive\nApproximately 500 paratroopers from the 12th Airborne Brigade "
                               "deployed for training in Ghana on Monday, joining Ghanaian forces. The rotation "
                               "shows Canada's commitment to its partners, officials in Ottawa said.")
    assert names(facts, _deployment(facts), "agent") == []
