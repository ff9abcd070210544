"""The fortieth round of event rules (issues 10 and 11: where an attack happened, by mechanism): an
attack told by its verb alone on a day of its own, in the town of an earlier attack, is a second
attack, neither dropped as a retelling nor handed its place to the earlier one
(kg/extract/events/fold.py ``_drop_bare_retellings``); a state inside the phrase of "at" ("struck at targets
in X") is where, not the target, and an attack noun takes the place of its own relative clause of toll
(kg/extract/events/attacks.py); a fight told as what came before a capture or a flight ("the takeover of X
came after days of clashes", "fled X after clashes") happened there (attacks.py ``sequel_place``,
events.yaml ``r40_sequel_places``); an attack on "the police camp at X" with X its place does not point back
to the place told before (kg/extract/event_places.py ``_place_noun``); an attack with a toll its clause places
nowhere, told by "residents of X" or "officials in X", happened at X (attacks.py ``local_sources_place``,
events.yaml ``r40_local_sources``; docs/extraction.md, "Round 40"). Invented
reports; each positive test fails before the round, each guard passes on both.
"""

from __future__ import annotations

from pathlib import Path

from rule_helpers import asserted, extract, names
from script_loader import load_script

ROOT = Path(__file__).resolve().parents[1]


def _places(facts) -> list[list[str]]:
    return [names(facts, a, "location") for a in asserted(facts, "Attack")]


def test_a_later_shooting_on_another_day_in_the_same_city_is_a_second_attack(extractor):
    # the first attack's place is not read; the shooting five days later, placed by "the same city", is
    # neither dropped as a retelling of it nor hands it its place
    facts = extract(extractor, "A bad start to the year\n\nThe attack on the police post at the southern entrance "
                               "to the city on March 3, 2021, in which three officers died, was the first of the "
                               "year. The Dravna Front claimed it on Friday. On March 8, 2021, a police sergeant was "
                               "shot dead at a checkpoint in the same city, and the curfew declared after the attack "
                               "has since been extended to the town of Kelvara itself.")
    shot = [a for a in asserted(facts, "Attack") if a.trigger.text == "shot"]
    assert [names(facts, a, "location") for a in shot] == [["Kelvara"]]
    assert shot[0].date.value == "2021-03-08"


def test_a_retelling_on_the_same_day_is_still_folded(extractor):
    # guard: the men who "opened fire" that day are the attack told before, not a second one
    facts = extract(extractor, "Post attacked\n\nGunmen attacked a police post in the town of Kelvara on Saturday, killing "
                               "three officers. The men opened fire on the post in Kelvara on Saturday, police said.")
    assert _places(facts) == [["Kelvara"]]


def test_a_bare_retelling_the_same_day_still_places_the_ambush(extractor):
    # guard: "the militants fired at the convoy as it was travelling in X", told that day, is the ambush told
    # before with no place: the ambush takes X and stays one attack
    facts = extract(extractor, "Convoy ambushed\n\nMilitants ambushed an army convoy on March 3, 2021, killing "
                               "nine soldiers. The militants fired at the convoy as it was travelling in the town "
                               "of Kelvara, the army said.")
    assert _places(facts) == [["Kelvara"]]


def test_targets_struck_in_two_states_are_placed_there(extractor):
    # "at 85 targets in X and Y" (the parse hangs "in X" on the targets): the state inside the phrase is
    # where, not what was struck
    facts = extract(extractor, "A week of retaliation\n\nLast Sunday's drone strike on an outpost in the town of "
                               "Kelvara killed three soldiers, the army said. The Dravna Front claimed it.\n\n"
                               "On Friday the United States struck back at 85 targets in Chad and Niger.")
    struck = [a for a in asserted(facts, "Attack") if a.trigger.text == "struck"]
    assert [names(facts, a, "location") for a in struck] == [["Chad"]]
    assert names(facts, struck[0], "target") == []


def test_a_state_fired_at_is_the_target(extractor):
    # guard: "fired rockets at X", X a state, is what was fired at
    facts = extract(extractor, "Rockets fired\n\nThe Dravna Front fired rockets at Chad from across the border on "
                               "Friday, killing two soldiers in the town of Kelvara, the army said.")
    attacks = asserted(facts, "Attack")
    assert [names(facts, a, "target") for a in attacks] == [["Chad"]]


def test_an_attack_placed_by_its_own_relative_clause(extractor):
    # "the drone attack that killed three soldiers in X": the toll's place is the attack's
    facts = extract(extractor, "Strikes\n\nAircraft struck militias near the town of Dravna on Friday, in "
                               "retaliation for the drone attack that killed three soldiers in Chad last Sunday, "
                               "officials said.")
    attack = [a for a in asserted(facts, "Attack") if a.trigger.text == "attack"]
    assert [names(facts, a, "location") for a in attack] == [["Chad"]]


def test_a_relative_clause_of_condemning_places_no_attack(extractor):
    # guard: "the attack that officials in X condemned" says where the officials were, not the attack
    facts = extract(extractor, "Strikes\n\nAircraft struck militias near the town of Dravna on Friday, in "
                               "retaliation for the drone attack that officials in Chad condemned last Sunday.")
    attack = [a for a in asserted(facts, "Attack") if a.trigger.text == "attack"]
    assert all(names(facts, a, "location") != ["Chad"] for a in attack)


def test_clashes_before_a_takeover_are_placed_where_it_was(extractor):
    # "the takeover of X came after five days of clashes": the fighting was at X
    facts = extract(extractor, "Port taken\n\nThe takeover of the port of Kelvara on Wednesday came after five days "
                               "of fierce clashes between the insurgents and Kenyan security forces.")
    clashes = [a for a in asserted(facts, "Attack") if a.trigger.text == "clashes"]
    assert [names(facts, a, "location") for a in clashes] == [["Kelvara"]]


def test_clashes_before_fleeing_the_city_take_no_guessed_town(extractor):
    # guard: "fleeing the city after overnight clashes": "the city" is no name, so no place is taken from it
    facts = extract(extractor, "Town lost\n\nRebels took the town of Kelvara on Sunday. Residents say they saw "
                               "government forces fleeing the city after overnight clashes with rebel forces.")
    clashes = [a for a in asserted(facts, "Attack") if a.trigger.text == "clashes"]
    assert clashes == []


def test_clashes_before_a_flight_from_a_town_are_placed_there(extractor):
    # "fled X after fierce clashes ... killed four soldiers": the fighting was at X
    facts = extract(extractor, "Town lost\n\nKenyan soldiers abandoned the town of Kelvara on Sunday. They fled "
                               "Kelvara after fierce clashes with the rebels killed four soldiers.")
    clashes = [a for a in asserted(facts, "Attack") if a.trigger.text == "clashes"]
    assert [names(facts, a, "location") for a in clashes] == [["Kelvara"]]


def test_a_camp_fired_on_at_a_town_of_its_own_is_not_the_camp_told_before(extractor):
    # "fired on the police camp at X" (the parse hangs "at X" on the verb): X is named here, so "the camp"
    # does not point back to the place of the blast told before
    facts = extract(extractor, "A year of blasts\n\nThe January 6 blast near the town of Kelvara killed six "
                               "policemen. On the same day guerrillas fired on the police camp at the village of "
                               "Dravna, wounding one constable.")
    fired = [a for a in asserted(facts, "Attack") if a.trigger.text == "fired"]
    assert [names(facts, a, "location") for a in fired] == [["Dravna"]]



def test_a_raid_told_by_the_residents_of_a_village_was_there(extractor):
    # "Residents of X said seven villagers were killed in the raid": X, not the town the families fled to
    facts = extract(extractor, "Village buries its dead\n\nResidents of the village of Kelvara said on Monday that "
                               "seven villagers were killed in last Wednesday's night raid, and that most of the "
                               "families who fled to the town of Dravna had begun to return.")
    raids = [a for a in asserted(facts, "Attack") if a.trigger.text == "raid"]
    assert [names(facts, a, "location") for a in raids] == [["Kelvara"]]


def test_officials_of_a_town_do_not_move_an_attack_placed_in_its_clause(extractor):
    # guard: the attack's own place wins over the place of those who tell it
    facts = extract(extractor, "Ambush\n\nOfficials in the town of Kelvara said seven soldiers were killed in an "
                               "ambush in the village of Dravna on Monday.")
    assert _places(facts) == [["Dravna"]]


def test_residents_telling_of_no_fight_make_no_attack(extractor):
    # guard: no toll, no attack placed by its tellers ("moved into the town without a fight")
    facts = extract(extractor, "Town taken\n\nResidents of the town of Kelvara say militants traveling in pickup "
                               "trucks moved into the town early Monday without a fight.")
    assert asserted(facts, "Attack") == []


def test_officials_in_a_capital_do_not_place_shelling_in_a_region(extractor):
    # guard: "shelling killed three civilians in eastern X, officials in Y said": the region, not Y
    facts = extract(extractor, "Shelling\n\nShelling killed three civilians in eastern Ukraine on Monday, officials "
                               "in the town of Kelvara said.")
    assert ["Kelvara"] not in _places(facts)


def test_the_trace_looks_at_batch_q_and_refuses_check_batches():
    tm = load_script("trace_missed")
    assert "Q" in tm.LOOK and not set(tm.CHECK) & set(tm.LOOK)
    assert set(tm.batch_ids(["Q"]).values()) == {"Q"}
