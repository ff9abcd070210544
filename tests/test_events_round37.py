"""The thirty-seventh round of event rules (issues 10 and 11: who attacked whom on fresh text): an
attack's actor read as both its perpetrator and its target keeps the side its sentence tells it on
(kg/extract/events/one_side.py; docs/extraction.md, "Round 37"). Invented reports; each positive test
fails before the round, each guard passes on both.
"""

from __future__ import annotations

from rule_helpers import asserted, extract, names


def test_soldiers_killed_by_a_bomb_are_not_its_attackers(extractor):
    facts = extract(extractor, "Soldiers killed\nTwo Chilean soldiers were killed and another wounded on Tuesday "
                               "after a bomb exploded near their truck outside Morvala, the Chilean army said.")
    attacks = asserted(facts, "Attack")
    assert len(attacks) == 1
    assert names(facts, attacks[0], "target") == ["Chilean forces"]
    assert names(facts, attacks[0], "perpetrator") == []


def test_the_mission_whose_convoy_was_ambushed_is_not_the_attacker_it_blames(extractor):
    facts = extract(extractor, "Peacekeepers killed\nThe United Nations mission in Chile (UNMICH) said two "
                               "peacekeepers had died. An ambush on an UNMICH convoy near Morvala in January killed "
                               "two Uruguayan peacekeepers, in an attack the mission blamed on the Kessa Liberation "
                               "Front.")
    attacks = asserted(facts, "Attack")
    assert len(attacks) == 1
    assert "UNMICH" in names(facts, attacks[0], "target")
    assert "UNMICH" not in names(facts, attacks[0], "perpetrator")


# --- guards

def test_a_group_that_claims_the_attack_stays_its_attacker(extractor):
    # a statement's speaker is the attacker when the statement claims the attack
    facts = extract(extractor, "Convoy attacked\nThe Kessa Liberation Front said it had attacked a Chilean army "
                               "convoy near Morvala on Sunday, killing four soldiers.")
    attacks = asserted(facts, "Attack")
    assert len(attacks) == 1
    assert names(facts, attacks[0], "perpetrator") == ["Kessa Liberation Front"]
    assert "Kessa Liberation Front" not in names(facts, attacks[0], "target")


def test_the_army_reporting_an_attack_on_its_convoy_is_not_the_attacker(extractor):
    facts = extract(extractor, "Convoy attacked\nThe Chilean army said militants attacked its convoy near Morvala "
                               "on Sunday, killing four soldiers.")
    for attack in asserted(facts, "Attack"):
        assert "Chilean forces" not in names(facts, attack, "perpetrator")


def test_a_side_attacked_by_a_named_group_keeps_both_sides(extractor):
    # two actors, each on its own side: the pass leaves a well-read attack alone
    facts = extract(extractor, "Patrol attacked\nA Chilean army patrol was attacked by the Kessa Liberation Front "
                               "near Morvala on Sunday, killing three soldiers, police said.")
    attacks = asserted(facts, "Attack")
    assert len(attacks) == 1
    assert names(facts, attacks[0], "perpetrator") == ["Kessa Liberation Front"]
    assert names(facts, attacks[0], "target") == ["Chilean forces"]


def test_an_army_told_on_no_side_keeps_what_was_read(extractor):
    # "The army, which fights ..., said that its aircraft had struck ...": the army's own words name no
    # side by their place (its pronoun is no mention), so the pass changes nothing
    facts = extract(extractor, "Boats struck\nThe Chilean army, which fights the insurgents in the hills, said on "
                               "Monday that its aircraft had struck boats carrying fleeing fighters near Morvala, "
                               "killing about 30 of them.")
    attacks = asserted(facts, "Attack")
    assert len(attacks) == 1
    assert names(facts, attacks[0], "perpetrator") == ["Chilean forces"]


def test_the_spokesman_of_the_attacked_force_is_not_the_attacker(extractor):
    # "X spokesman Brig. Gen. A B said ...": a title's chain of names ends at the verb of saying; the
    # force he speaks for reports the attack, it did not make it
    facts = extract(extractor, "Base stormed\nFighters of the Kessa Liberation Front stormed a base of the Chilean "
                               "Defence Forces (CDF) at Morvala on Sunday. CDF spokesman Brig. Gen. Tomas Vidor said "
                               "twelve soldiers had been killed and 20 wounded in the attack on Morvala.")
    attacks = asserted(facts, "Attack")
    assert len(attacks) == 1
    assert names(facts, attacks[0], "target") == ["Chilean forces"]
    assert "Chilean forces" not in names(facts, attacks[0], "perpetrator")


def test_an_army_checkpoint_attacked_is_an_attack_on_the_state_forces(extractor):
    # the place is read from the sentence after the frame is built: the post's holders follow it
    facts = extract(extractor, "Clashes\nChile's army says it has killed up to 30 insurgents in a battle in a "
                               "border region. Military spokesman Major General Tomas Vidor said the fighting "
                               "erupted in Arica overnight when militants attacked an army checkpoint.")
    attacks = [a for a in asserted(facts, "Attack") if names(facts, a, "location") == ["Arica"]]
    assert len(attacks) == 1
    assert names(facts, attacks[0], "target") == ["Chilean forces"]


def test_a_paramilitary_post_is_not_the_armys(extractor):
    # a modifier that is no word of the state's own forces: the post's holders are not the army
    facts = extract(extractor, "Clashes\nChile's army says it has killed up to 30 insurgents in a battle in a "
                               "border region. Military spokesman Major General Tomas Vidor said the fighting "
                               "erupted in Arica overnight when militants attacked a paramilitary post.")
    for attack in asserted(facts, "Attack"):
        if names(facts, attack, "location") == ["Arica"]:
            assert names(facts, attack, "target") == []


def test_the_army_that_attacked_a_checkpoint_is_not_its_target(extractor):
    facts = extract(extractor, "Checkpoint stormed\nChilean troops attacked a checkpoint in Arica on Sunday, "
                               "officials said.")
    for attack in asserted(facts, "Attack"):
        assert "Chilean forces" not in names(facts, attack, "target")
