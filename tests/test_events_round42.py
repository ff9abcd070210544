"""The forty-second round of event rules (issues 10 and 11: a trigger read but no event made, "rule made none",
by mechanism): a verb of killing whose subject is an armed body told by a common noun ("forces killed an
armed man", "the patrol killed four insurgents", "government and allied forces killed nine militiamen") or a
group of armed people ("groups of militiamen") is an attack, as one whose subject is soldiers or gunmen
(kg/extract/events/attacks.py ``armed_body``, events.yaml ``r42_armed_bodies``); a killing told "in separate
operations" is a sum of several, no one attack (docs/extraction.md, "Round 42"). Invented reports; each
positive test fails before the round, each guard passes on both.
"""

from __future__ import annotations

from rule_helpers import asserted, extract, names


def _places(facts) -> list[list[str]]:
    return [names(facts, a, "location") for a in asserted(facts, "Attack")]


def test_forces_killing_a_man_while_searching_a_district_is_an_attack_there(extractor):
    # "forces" is no name and no word of armed people the rule knew: the killing was refused ("floods killed 40")
    facts = extract(extractor, "Raid in the east\n\nWhile searching compounds in the Dravel district, forces "
                               "killed an armed man barricaded in a building, officials said.")
    assert _places(facts) == [["Dravel district"]]


def test_a_patrol_killing_insurgents_near_a_town_is_an_attack(extractor):
    facts = extract(extractor, "Patrol clash\n\nA patrol killed four insurgents near the town of Kelvara on Monday, "
                               "the army said.")
    assert _places(facts) == [["Kelvara"]]
    assert asserted(facts, "Attack")[0].quantities["fatalities"].value == 4


def test_forces_told_by_two_modifiers_killing_militiamen_is_an_attack(extractor):
    facts = extract(extractor, "Militia hit\n\nGovernment and allied forces killed nine militia members in the town "
                               "of Kelvara on Tuesday, a spokesman said.")
    assert _places(facts) == [["Kelvara"]]


def test_groups_of_gunmen_killing_villagers_are_attackers(extractor):
    facts = extract(extractor, "Village raid\n\nGroups of gunmen killed five villagers in the village of Kelvara on "
                               "Monday, residents said.")
    assert _places(facts) == [["Kelvara"]]


def test_a_killing_in_separate_operations_is_no_one_attack(extractor):
    # guard: a sum of several operations across a state names no one attack
    facts = extract(extractor, "Raids\n\nCoalition forces killed 10 insurgents in separate operations in the "
                               "Dravel district on Monday and Tuesday, officials reported.")
    assert asserted(facts, "Attack") == []


def test_market_forces_are_no_armed_body(extractor):
    # guard: "forces" with a modifier that makes them no armed body, and nobody killed
    facts = extract(extractor, "Shops close\n\nMarket forces killed the small shops of Kelvara, the mayor said.")
    assert asserted(facts, "Attack") == []


def test_the_force_of_a_storm_is_no_armed_body(extractor):
    # guard: "the force of X" names a force of nature, not an armed body
    facts = extract(extractor, "Storm\n\nThe force of the storm killed three fishermen near Kelvara, police said.")
    assert asserted(facts, "Attack") == []


def test_a_group_of_doctors_is_no_armed_group(extractor):
    # guard: a group whose "of" names unarmed people
    facts = extract(extractor, "Clinic\n\nA group of doctors opened fire hydrants in Kelvara on Monday to cool "
                               "the crowd, the mayor said.")
    assert asserted(facts, "Attack") == []


def test_an_army_base_at_a_town_overrun_is_a_capture_of_the_town(extractor):
    # "at X" after a seized site names where it lies, as "in X" and "near X" did
    facts = extract(extractor, "Base overrun\n\nFighters of the Dravan Front overran the army base at Kelvara on "
                               "Tuesday, the army said.")
    assert [names(facts, c, "place") for c in asserted(facts, "Capture")] == [["Kelvara"]]


def test_a_rebel_camp_at_a_village_seized_is_a_capture_of_the_village(extractor):
    facts = extract(extractor, "Camp seized\n\nGovernment troops seized the rebel camp at Kelvara on Thursday after "
                               "two days of fighting, a military source said.")
    assert [names(facts, c, "place") for c in asserted(facts, "Capture")] == [["Kelvara"]]


def test_the_camp_taken_over_after_a_withdrawal_from_a_town_is_there(extractor):
    # "the camp" points to the place named before it in its sentence, as "the base" did
    facts = extract(extractor, "Camp handed over\n\nThe peacekeepers completed their withdrawal from the town of "
                               "Kelvara on Oct. 31, after which the Dravan Front's fighters took over the camp, angering "
                               "the junta.")
    assert [names(facts, c, "place") for c in asserted(facts, "Capture")] == [["Kelvara"]]


def test_a_base_stormed_at_dawn_names_no_place(extractor):
    # guard: "at dawn" after the base is a time, no place: no capture
    facts = extract(extractor, "Base stormed\n\nFighters of the Dravan Front seized the base at dawn on Tuesday, "
                               "the army said.")
    assert asserted(facts, "Capture") == []


def test_a_camp_of_displaced_people_visited_is_no_capture(extractor):
    # guard: a camp is taken only by a verb of seizing
    facts = extract(extractor, "Camp visit\n\nThe minister toured the camp at Kelvara on Tuesday, aid workers said.")
    assert asserted(facts, "Capture") == []


def test_the_base_retaken_is_the_base_at_a_town_told_before(extractor):
    # "The base" of a sentence naming no place is the base told with its place in the sentence before
    facts = extract(extractor, "Base retaken\n\nDravan fighters overran the army base at Kelvara on Tuesday, the army "
                               "said.\n\nThe base was retaken on Saturday by government troops, the army said.")
    retaken = [c for c in asserted(facts, "Capture") if c.trigger.text == "retaken"]
    assert [names(facts, c, "place") for c in retaken] == [["Kelvara"]]


def test_a_base_told_before_with_no_place_gives_none(extractor):
    # guard: the base told before names no place, and the town of the sentence before is not the base's
    facts = extract(extractor, "Base retaken\n\nThe army sent reinforcements to the town of Kelvara on Monday. "
                               "Rebels attacked an army base on Tuesday. Government troops retook the base on "
                               "Saturday, the army said.")
    assert asserted(facts, "Capture") == []


def test_a_base_told_three_sentences_before_is_too_far(extractor):
    # guard: only the two sentences before are read
    facts = extract(extractor, "Base retaken\n\nDravan fighters overran the army base in the town of Kelvara on Tuesday. The "
                               "army said talks would follow. A spokesman said the region was calm. Officials said "
                               "schools would reopen. Government troops retook the base on Saturday, the army said.")
    assert [c.trigger.text for c in asserted(facts, "Capture")] == ["overran"]


def test_a_gunfight_before_soldiers_fled_a_town_is_an_attack_there(extractor):
    # round 40 placed the fight told as what came before the flight; with no toll and no side named, the rule of
    # fighting ("heavy fighting in X": a setting) refused it. One fight ("a gunfight") told so is one event.
    facts = extract(extractor, "Town lost\n\nRebels reached the town of Kelvara on Monday. Soldiers fled Kelvara "
                               "last week after a gunfight erupted among them, a major said.")
    fights = [a for a in asserted(facts, "Attack") if a.trigger.text == "gunfight"]
    assert [names(facts, a, "location") for a in fights] == [["Kelvara"]]


def test_residents_fleeing_after_heavy_fighting_is_no_one_attack(extractor):
    # guard: fighting in general before a flight stays a setting
    facts = extract(extractor, "Town emptied\n\nAid workers reached the town of Kelvara on Monday. Residents fled "
                               "Kelvara last week after heavy fighting, aid workers said.")
    assert asserted(facts, "Attack") == []
