"""The eighth round of rules for real news (issue 10): events and their arguments.

Fighting told without a toll ("clashes between the army and X fighters in Y", "A battled B near
Y") is one attack when it is placed in a town and names an armed side; a meeting noun whose
"between A and B" the parser hangs on the verb it is the setting of ("was discussed at a meeting
... between A and B") is the meeting of A and B; a place taken or lost as "it" is the place of the
capture told just before. Each rule on short reports invented for these tests, with a guard for
what it must leave alone.
"""

from __future__ import annotations

from rule_helpers import asserted, extract, names


def test_clashes_between_named_sides_in_a_town_are_one_attack(extractor):
    f = extract(extractor, "Fighting in the north\n\nClashes between the army and al-Shabab fighters broke out "
                           "near the town of Jowhar on Monday, residents said.")
    [v] = asserted(f, "Attack")
    assert names(f, v, "location") == ["Jowhar"]


def test_a_fighting_verb_with_a_named_side_names_attacker_and_target(extractor):
    f = extract(extractor, "Fighting in the north\n\nAl-Shabab fighters clashed with the Somali National Army "
                           "in the town of Jowhar on Monday, residents said.")
    [v] = asserted(f, "Attack")
    assert names(f, v, "location") == ["Jowhar"]
    assert names(f, v, "perpetrator") == ["al-Shabaab"]
    assert names(f, v, "target") == ["Somali forces"]


def test_fighting_with_no_side_named_stays_a_setting(extractor):
    f = extract(extractor, "Fighting in the north\n\nHeavy fighting broke out near the town of Jowhar on Monday, "
                           "residents said.")
    assert asserted(f, "Attack") == []


def test_fighting_placed_only_in_a_country_is_no_one_attack(extractor):
    f = extract(extractor, "Fighting\n\nAl-Shabab fighters clashed with the Somali National Army in Somalia "
                           "on Monday, residents said.")
    assert asserted(f, "Attack") == []


def test_fighting_in_a_figurative_sense_is_no_attack(extractor):
    f = extract(extractor, "Reform\n\nThe Somali government fought corruption in the town of Jowhar last year, "
                           "officials said.")
    assert asserted(f, "Attack") == []


def test_between_hung_on_the_verb_of_the_meeting_names_its_participants(extractor):
    f = extract(extractor, "Talks\n\nThe crisis was discussed at a meeting in Geneva on Friday between Russian "
                           "Foreign Minister Sergei Lavrov and U.S. Secretary of State John Kerry.")
    [v] = asserted(f, "Meeting")
    assert names(f, v, "participants") == ["John Kerry", "Sergei Lavrov"]
    assert names(f, v, "location") == ["Geneva"]


def test_between_on_a_verb_with_no_meeting_noun_is_no_meeting(extractor):
    f = extract(extractor, "Border\n\nThe border between Russia and Ukraine was closed on Friday.")
    assert asserted(f, "Meeting") == []


def test_it_retaken_is_the_place_captured_in_the_sentence_before(extractor):
    f = extract(extractor, "Mosul\n\nIslamic State fighters seized the city of Mosul in June 2014. "
                           "Iraqi forces retook it in July 2017.")
    caps = sorted(asserted(f, "Capture"), key=lambda v: v.date.value)
    assert [names(f, v, "place") for v in caps] == [["Mosul"], ["Mosul"]]
    assert caps[1].date.value == "2017-07"


def test_it_retaken_after_two_places_and_no_capture_takes_no_place(extractor):
    f = extract(extractor, "Offensive\n\nThe army shelled the towns of Kidal and Gao on Friday. "
                           "Officials said it would take it soon.")
    assert asserted(f, "Capture") == []


def test_attacks_told_at_once_over_listed_towns_are_one_attack_each(extractor):
    f = extract(extractor, "Blasts\n\nThe minister condemned last week's serial bomb blasts in Bangalore and "
                           "Ahmedabad.")
    assert sorted(names(f, v, "location")[0] for v in asserted(f, "Attack")) == ["Ahmedabad", "Bangalore"]


def test_a_verb_over_listed_towns_is_one_attack_each_with_the_same_attacker(extractor):
    f = extract(extractor, "Raids\n\nAl-Shabab fighters attacked police stations in Jowhar and Balad on Thursday.")
    attacks = asserted(f, "Attack")
    assert sorted(names(f, v, "location")[0] for v in attacks) == ["Balad", "Jowhar"]
    assert all(names(f, v, "perpetrator") == ["al-Shabaab"] for v in attacks)


def test_a_town_and_its_country_are_no_list_of_attacks(extractor):
    f = extract(extractor, "Blast\n\nA bomb blast killed 12 people in Jowhar, Somalia, on Thursday.")
    [v] = asserted(f, "Attack")
    assert names(f, v, "location") == ["Jowhar"]


def test_listed_attacks_on_towns_the_same_side_overran_are_the_captures(extractor):
    f = extract(extractor, "Offensive\n\nThe Tamil Tiger rebels launched attacks on Mullaitivu and Kilinochchi "
                           "and overran the military bases in these towns.")
    assert sorted(names(f, v, "place")[0] for v in asserted(f, "Capture")) == ["Kilinochchi", "Mullaitivu"]
    assert asserted(f, "Attack") == []


def test_a_battle_for_a_town_is_its_capture_campaign_not_one_attack(extractor):
    f = extract(extractor, "Battle\n\nThe Somali National Army waged a fierce battle for control of the town of "
                           "Jowhar on Monday.")
    assert asserted(f, "Attack") == []


def test_fighting_with_a_side_in_a_region_since_a_month_is_a_campaign(extractor):
    f = extract(extractor, "Fighting\n\nClashes between the army and al-Shabab fighters around Jowhar have forced "
                           "thousands of people from their homes since January, aid agencies say.")
    assert asserted(f, "Attack") == []


def test_people_dead_after_an_attack_are_its_toll(extractor):
    f = extract(extractor, "Raid\n\nGunmen attacked a bus station in the town of Jowhar on Monday. When it was "
                           "over, 29 civilians were dead and eight were wounded.")
    [v] = asserted(f, "Attack")
    assert v.quantities["fatalities"].value == 29


def test_a_toll_brought_to_a_figure_is_the_attacks_toll(extractor):
    f = extract(extractor, "Bombing\n\nA car bomb exploded at a market in the town of Jowhar on Monday. Rescuers "
                           "found more bodies on Tuesday, bringing the death toll to 48.")
    [v] = asserted(f, "Attack")
    assert v.quantities["fatalities"].value == 48


def test_people_dead_with_no_attack_told_make_no_attack(extractor):
    f = extract(extractor, "Floods\n\nHeavy rain fell on the town of Jowhar on Monday. By the evening, 29 people "
                           "were dead.")
    assert asserted(f, "Attack") == []


def test_killed_in_a_fight_after_an_attack_is_that_attacks_toll(extractor):
    f = extract(extractor, "Barracks\n\nRebels attacked an army barracks in the town of Jowhar on Monday. Five "
                           "soldiers were killed and at least 20 wounded in a fight that began around midnight.")
    [v] = asserted(f, "Attack")
    assert v.quantities["fatalities"].value == 5
    assert v.quantities["injuries"].value == 20


def test_killed_in_a_fight_with_no_attack_told_is_no_attack(extractor):
    f = extract(extractor, "Brawl\n\nThe minister spoke in the town of Jowhar on Monday. Later, five people were "
                           "killed in a fight that began around midnight.")
    assert asserted(f, "Attack") == []


def test_the_group_named_in_the_lead_made_the_attack_told_after_without_a_name(extractor):
    f = extract(extractor, "Village attack\n\nAl-Shabab fighters attacked an army post near the town of Jowhar "
                           "late on Saturday. On Sunday, at least 14 people were killed in the village of Balad, "
                           "officials said.")
    balad = [v for v in asserted(f, "Attack") if names(f, v, "location") == ["Balad"]]
    assert [names(f, v, "perpetrator") for v in balad] == [["al-Shabaab"]]


def test_no_attacker_is_passed_on_when_the_report_names_two(extractor):
    f = extract(extractor, "Village attack\n\nAl-Shabab fighters attacked an army post near the town of Jowhar "
                           "late on Saturday. Islamic State fighters attacked the village of Qandala on Sunday. "
                           "On Monday, at least 14 people were killed in the village of Balad, officials said.")
    balad = [v for v in asserted(f, "Attack") if names(f, v, "location") == ["Balad"]]
    assert [names(f, v, "perpetrator") for v in balad] == [[]]


def test_counted_troops_present_in_a_named_place_are_a_deployment(extractor):
    f = extract(extractor, "Violence\n\nThe capital is becoming more violent, despite the presence of 1,500 Ugandan "
                           "troops in Jowhar as part of the peacekeeping force.")
    [v] = [e for e in f.events if e.type == "Deployment"]
    assert names(f, v, "destination") == ["Jowhar"]
    assert v.quantities["troops"].value == 1500


def test_a_state_that_has_troops_in_a_place_deployed_them(extractor):
    f = extract(extractor, "Troops\n\nThe United States has about 2,500 troops in Iraq, the Pentagon said.")
    [v] = [e for e in f.events if e.type == "Deployment"]
    assert names(f, v, "agent") == ["United States"]
    assert names(f, v, "destination") == ["Iraq"]


def test_troops_kept_only_as_a_choice_or_unplaced_are_no_deployment(extractor):
    f = extract(extractor, "Troops\n\nThe president is weighing whether to keep 5,000 troops in Iraq. The presence "
                           "of militants in the area worries residents. The mission has about 12,000 troops in the "
                           "country.")
    assert [e for e in f.events if e.type == "Deployment"] == []


def test_officials_named_by_nationality_only_meet_as_their_state(extractor):
    f = extract(extractor, "Visit\n\nGeneral John Smith met the Kenyan defense minister in Nairobi on Monday. "
                           "Kenya has sent troops to Somalia.")
    [v] = asserted(f, "Meeting")
    assert names(f, v, "participants") == ["John Smith", "Kenya"]


def test_officials_of_a_state_the_report_never_names_meet_no_one(extractor):
    f = extract(extractor, "Visit\n\nGeneral John Smith met with Kenyan officials in Nairobi on Monday.")
    assert asserted(f, "Meeting") == []


def test_separate_attacks_in_listed_towns_are_one_each(extractor):
    f = extract(extractor, "Shootings\n\nTwo people were killed in separate drive-by shootings in the towns of "
                           "Gwoza and Bama on Monday.")
    assert sorted(names(f, v, "location")[0] for v in asserted(f, "Attack")) == ["Bama", "Gwoza"]


def test_separate_attacks_with_no_places_listed_are_a_summary(extractor):
    f = extract(extractor, "Shootings\n\nTwo people were killed in separate drive-by shootings in the town of "
                           "Gwoza on Monday.")
    assert asserted(f, "Attack") == []


def test_troops_moved_in_a_relative_clause_are_a_deployment(extractor):
    f = extract(extractor, "Protest\n\nResidents protested the presence of Ethiopian troops, which were brought "
                           "into Somalia at the end of last year to drive out the Islamic Courts.")
    [v] = [e for e in f.events if e.type == "Deployment"]
    assert names(f, v, "destination") == ["Somalia"]


def test_a_relative_clause_moving_no_troops_is_no_deployment(extractor):
    f = extract(extractor, "Aid\n\nResidents welcomed the food aid, which was brought into Somalia last year.")
    assert [e for e in f.events if e.type == "Deployment"] == []
