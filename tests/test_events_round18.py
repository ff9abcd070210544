"""The eighteenth round of event rules for real news (issue 10): classes of event-recall and
spurious-event errors seen in at least three LOOK batches (docs/extraction.md, "Round 18"), each on
short reports invented for these tests, with a guard for what it must leave alone.
"""

from __future__ import annotations

from rule_helpers import asserted, extract, names


# --- a side's claim of its own kills, told after the attack, is no attack of its own

def test_a_claim_to_have_killed_told_after_the_attack_is_no_second_attack(extractor):
    facts = extract(extractor, "Militants storm base\nFighters of the Ostmark Liberation Front stormed an army base "
                               "in Morvala on Friday. The Ostmark Liberation Front claimed to have killed more than "
                               "130 soldiers, a figure the army rejected.")
    attacks = asserted(facts, "Attack")
    assert len(attacks) == 1
    assert "fatalities" not in attacks[0].quantities  # the claimed figure goes with the claim


def test_they_say_they_killed_told_after_the_attack_is_no_second_attack(extractor):
    facts = extract(extractor, "Army kills rebels\nThe Valdoran army said on Saturday that its soldiers killed 20 "
                               "rebels of the Ostmark Liberation Front in Morvala. The Ostmark Liberation Front says "
                               "they killed 12 soldiers.")
    attacks = asserted(facts, "Attack")
    assert len(attacks) == 1
    assert attacks[0].quantities["fatalities"].value == 20


def test_a_claimed_kill_placed_elsewhere_is_an_attack_of_its_own(extractor):
    facts = extract(extractor, "Rebels seize Valdoran town\nRebels of the Ostmark Liberation Front stormed the town "
                               "of Morvala on Sunday. Meanwhile, the Valdoran army says it killed more than 100 "
                               "rebels in the town of Kessa.")
    places = sorted(n for v in asserted(facts, "Attack") for n in names(facts, v, "location"))
    assert places == ["Kessa", "Morvala"]


def test_a_claimed_kill_told_first_is_the_attack(extractor):
    facts = extract(extractor, "Rebels claim attack\nThe Ostmark Liberation Front claimed to have killed 14 soldiers "
                               "in Morvala on Sunday.")
    attacks = asserted(facts, "Attack")
    assert len(attacks) == 1 and attacks[0].quantities["fatalities"].value == 14


def test_kills_told_in_the_attacks_told_before_are_their_toll_no_attack(extractor):
    facts = extract(extractor, "Troops retake towns\nRebels of the Ostmark Liberation Front attacked the town of "
                               "Morvala on Saturday. Government troops launched counterattacks on Sunday. The "
                               "governor said government forces have killed more than 20 militants in the "
                               "counterattacks.")
    attacks = asserted(facts, "Attack")
    assert len(attacks) == 1 and names(facts, attacks[0], "location") == ["Morvala"]


def test_kills_in_an_attack_of_their_own_stay(extractor):
    facts = extract(extractor, "Rebels attack town\nRebels of the Ostmark Liberation Front attacked the town of "
                               "Morvala on Saturday. On Monday, government forces killed 12 militants in an "
                               "airstrike on the town of Kessa.")
    places = sorted(n for v in asserted(facts, "Attack") for n in names(facts, v, "location"))
    assert places == ["Kessa", "Morvala"]
