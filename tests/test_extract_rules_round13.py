"""The thirteenth round of rules for real news (issue 10), by error class over batches A-G, I and K.

Each rule on short reports invented for these tests, with a guard for what it must leave alone:
armed people told by their kind alone ("seized X from rebels") are the one armed group the report names.
"""

from __future__ import annotations

from rule_helpers import asserted, extract, names


def test_rebels_by_kind_are_the_one_group_named_before(extractor):
    f = extract(extractor, "Army retakes town\n\nThe Valdoran Liberation Front attacked army positions last week. "
                           "In March the army captured Tarmosa from rebels after a week of fighting.")
    caps = [v for v in asserted(f, "Capture") if names(f, v, "place") == ["Tarmosa"]]
    assert caps and names(f, caps[0], "former") == ["Valdoran Liberation Front"]


def test_rebels_by_kind_stay_unnamed_when_two_groups_are_named(extractor):
    f = extract(extractor, "Army retakes town\n\nThe Valdoran Liberation Front and the Kessel Liberation Front attacked "
                           "army positions last week. In March the army captured Tarmosa from rebels after a week of "
                           "fighting.")
    caps = [v for v in asserted(f, "Capture") if names(f, v, "place") == ["Tarmosa"]]
    assert caps and not names(f, caps[0], "former")


def test_government_fighters_are_no_armed_group(extractor):
    f = extract(extractor, "Town retaken\n\nThe Valdoran Liberation Front attacked army positions last week. "
                           "Pro-government militants seized Tarmosa on Monday.")
    caps = [v for v in asserted(f, "Capture") if names(f, v, "place") == ["Tarmosa"]]
    assert not any("Valdoran Liberation Front" in names(f, v, "captor") for v in caps)


def test_one_person_killed_is_a_toll_of_one(extractor):
    f = extract(extractor, "Checkpoint attacked\n\nA police officer was killed on Friday when militants attacked a "
                           "checkpoint in the town of Tarmosa.")
    [v] = asserted(f, "Attack")
    assert v.quantities["fatalities"].value == 1


def test_another_wounded_is_one_wounded(extractor):
    f = extract(extractor, "Bomb kills two\n\nTwo police officers were killed and another wounded on Friday when a "
                           "bomb exploded under their truck in the town of Tarmosa.")
    [v] = asserted(f, "Attack")
    assert v.quantities["fatalities"].value == 2 and v.quantities["injuries"].value == 1


def test_a_killed_animal_is_no_toll(extractor):
    f = extract(extractor, "Camp attacked\n\nGunmen attacked an army camp in the village of Tarmosa on Sunday, "
                           "killing a goat.")
    assert not any("fatalities" in v.quantities for v in asserted(f, "Attack"))


def test_a_number_given_is_not_overridden_by_one(extractor):
    f = extract(extractor, "Camp attacked\n\nGunmen attacked an army camp in the village of Tarmosa on Sunday, "
                           "killing 12 soldiers and a civilian.")
    [v] = asserted(f, "Attack")
    assert v.quantities["fatalities"].value != 1


_TOLD_AGAIN = ("Bomb kills two soldiers\n\nTwo soldiers were killed and another wounded on Tuesday when a bomb "
               "exploded near their patrol in Kirkuk. The deaths raised the toll of the campaign. "
               "The army gave no further details. ")


def test_an_attack_told_again_placed_only_in_its_state_is_one(extractor):
    f = extract(extractor, _TOLD_AGAIN + "Two soldiers from the 4th Brigade were killed and another was wounded when a "
                                         "roadside bomb exploded in Iraq as their patrol passed by.")
    attacks = asserted(f, "Attack")
    assert len(attacks) == 1 and names(f, attacks[0], "location") == ["Kirkuk"]


def test_another_count_placed_in_the_state_is_another_attack(extractor):
    f = extract(extractor, _TOLD_AGAIN + "Seven soldiers were wounded in Iraq on Tuesday when a roadside bomb exploded "
                                         "as their patrol passed by.")
    assert len(asserted(f, "Attack")) == 2


def test_troops_moving_to_a_place_are_deployed_there(extractor):
    f = extract(extractor, "Soldiers to rotate\n\nAbout 600 soldiers from the 3rd Brigade will rotate to Poland next "
                           "month, an army spokesman said.")
    deps = [v for v in f.events if v.type == "Deployment"]
    assert any(names(f, v, "destination") == ["Poland"] and v.quantities["troops"].value == 600 for v in deps)


def test_troops_moving_to_do_something_are_no_deployment(extractor):
    f = extract(extractor, "Road blocked\n\nKessian troops moved to block the main road on Sunday.")
    assert not [v for v in f.events if v.type == "Deployment"]


def test_people_moving_to_a_place_are_no_deployment(extractor):
    f = extract(extractor, "Family leaves\n\nThe minister's family will relocate to Poland next month, an aide said.")
    assert not [v for v in f.events if v.type == "Deployment"]


def test_a_capture_told_in_an_after_clause_held_the_place_before_the_retaking(extractor):
    f = extract(extractor, "Militia takes back village\n\nA day after Malian troops seized the village of Tarmosa in "
                           "central Mali, militia fighters said they had retaken control of the village.")
    caps = [v for v in asserted(f, "Capture") if names(f, v, "place") == ["Tarmosa"] and not v.roles.get("captor")]
    assert caps and names(f, caps[0], "former") == ["Malian forces"]


def test_two_captures_of_one_day_with_no_after_are_not_ordered(extractor):
    f = extract(extractor, "Town changes hands\n\nMalian troops captured the town of Tarmosa on Monday, and on the "
                           "same day militia fighters retook Tarmosa, witnesses said.")
    caps = [v for v in asserted(f, "Capture") if names(f, v, "place") == ["Tarmosa"]]
    assert not any(v.roles.get("former") and set(v.roles["former"]) & set(v.roles.get("captor", [])) for v in caps)


_TOWNS = ("Army retakes towns\n\nKessian officials say their forces have retaken {n} towns that Boko Haram fighters "
          "briefly captured late Friday. The governor told reporters that army units launched a counterattack on "
          "Saturday and retook Tarmosa and Velbuk, west of the capital.")


def test_towns_a_group_captured_named_in_the_next_sentence(extractor):
    f = extract(extractor, _TOWNS.format(n="two"))
    taken = [v for v in asserted(f, "Capture") if names(f, v, "captor") == ["Boko Haram"]]
    assert sorted(p for v in taken for p in names(f, v, "place")) == ["Tarmosa", "Velbuk"]
    retaken = [v for v in asserted(f, "Capture") if "Boko Haram" in names(f, v, "former")]
    assert sorted(p for v in retaken for p in names(f, v, "place")) == ["Tarmosa", "Velbuk"]


def test_towns_counted_otherwise_are_not_the_ones_named_next(extractor):
    f = extract(extractor, _TOWNS.format(n="three"))
    assert not [v for v in asserted(f, "Capture") if names(f, v, "captor") == ["Boko Haram"]]


def test_districts_in_the_capital_named_are_in_that_city(extractor):
    # "capital" is read by the entity rules as the other city of the headline; the name after it wins
    f = extract(extractor, "Battles rage in Aleppo, Damascus\n\nFighters rest near a wall in the old city of Aleppo, "
                           "March 8, 2024.\n\nSyrian troops overran three opposition-held districts in the capital "
                           "Damascus Friday, as the opposition fighters launched an offensive against army positions in "
                           "the northern city of Aleppo.")
    caps = asserted(f, "Capture")
    assert caps and all(names(f, v, "place") == ["Damascus"] for v in caps)


_LEADER = ("Talks go on\n\nPresident Jean Ndoba met for a second day with the leader of the country's last rebel group, "
           "the Kessel Liberation Front. Ndoba and Paul Mirego, the head of the Kessel Liberation Front, "
           "first met in Tarmosa on Monday.{more}")


def test_the_leader_of_a_group_is_the_person_named_its_head(extractor):
    f = extract(extractor, _LEADER.format(more=""))
    assert any(names(f, v, "participants") == ["Jean Ndoba", "Paul Mirego"] and not names(f, v, "location")
               for v in asserted(f, "Meeting"))


def test_the_leader_of_a_group_with_two_heads_named_stays_the_group(extractor):
    f = extract(extractor, _LEADER.format(more=" Anna Vessel, another leader of the Kessel Liberation Front, was "
                                               "also there."))
    assert not any(names(f, v, "participants") == ["Jean Ndoba", "Paul Mirego"] and not names(f, v, "location")
                   for v in asserted(f, "Meeting"))
