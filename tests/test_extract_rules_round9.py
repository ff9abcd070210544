"""The ninth round of rules for real news (issue 10): events that hold on new text.

Most rules of this round take events away that news text states without their having happened as
one event: a habit told in the simple present ("the militants often attack army posts"), attacks in
general ("attacks on civilians are a crime"), a run of attacks given as background ("blamed for a
string of attacks"), a tally of strikes over years ("has carried out airstrikes in X since 2015",
"has struck X dozens of times"), and a question ("it was not clear whether ..."). Each rule on short
reports invented for these tests, with a guard for what it must leave alone.
"""

from __future__ import annotations

from rule_helpers import asserted, extract, names


def test_a_habit_told_in_the_present_is_no_event(extractor):
    f = extract(extractor, "Militants in the north\n\nThe militants often attack army posts in the town of Gao, "
                           "residents said.")
    assert asserted(f, "Attack") == []


def test_a_relative_clause_in_the_present_describes_the_group(extractor):
    f = extract(extractor, "Militants in the north\n\nThe militants, who attack army posts near Gao, are linked "
                           "to al-Qaida.")
    assert asserted(f, "Attack") == []


def test_a_present_until_clause_is_no_capture(extractor):
    f = extract(extractor, "Rebels vow to fight on\n\nThe rebels have vowed to fight until they capture Bamako.")
    assert asserted(f, "Capture") == []


def test_a_headline_in_the_present_still_tells_the_news(extractor):
    f = extract(extractor, "Rebels Attack Army Base in Gao\n\nRebels attacked an army base in the town of Gao on "
                           "Monday, killing four soldiers.")
    [v] = asserted(f, "Attack")
    assert names(f, v, "location") == ["Gao"]


def test_a_past_form_like_its_present_is_kept(extractor):
    f = extract(extractor, "Rockets strike the north\n\nOn Monday, rockets fired by the rebels hit an army base "
                           "in the town of Gao, killing four soldiers.")
    assert [names(f, v, "location") for v in asserted(f, "Attack")] == [["Gao"]]


def test_attacks_in_general_are_no_event(extractor):
    f = extract(extractor, "U.N. warns\n\nAttacks on civilians in Gao are a violation of international law, "
                           "the U.N. said.")
    assert asserted(f, "Attack") == []


def test_a_group_that_carries_out_attacks_tells_no_one_attack(extractor):
    f = extract(extractor, "The group\n\nThe group carries out attacks on army posts near Gao.")
    assert asserted(f, "Attack") == []


def test_a_run_of_attacks_given_as_background_is_no_event(extractor):
    f = extract(extractor, "Bombing\n\nThe group is blamed for a string of attacks in the capital, Mogadishu.")
    assert asserted(f, "Attack") == []


def test_a_wave_of_attacks_with_a_toll_is_one_attack(extractor):
    f = extract(extractor, "Bombing\n\nA wave of airstrikes on the town of Gao on Monday killed nine people.")
    [v] = asserted(f, "Attack")
    assert names(f, v, "location") == ["Gao"]


def test_strikes_carried_out_since_a_year_are_a_campaign(extractor):
    f = extract(extractor, "Strikes\n\nRussia has carried out airstrikes in Syria since 2015 in support of the "
                           "government.")
    assert asserted(f, "Attack") == []


def test_struck_many_times_is_a_tally(extractor):
    f = extract(extractor, "Strikes\n\nIsrael has struck Iranian targets in Syria hundreds of times.")
    assert asserted(f, "Attack") == []


def test_an_attack_asked_about_with_whether_did_not_surely_happen(extractor):
    f = extract(extractor, "Base\n\nIt was not clear whether the militants attacked the army base at Gao.")
    assert asserted(f, "Attack") == []


def test_soldiers_after_a_dateline_are_the_subject(extractor):
    f = extract(extractor, "Troops land\n\nTALLINN, Feb 20 (Baltic Wire) - About 800 British soldiers arrived "
                           "in Estonia on Saturday.", published="2022-02-20")
    [v] = [v for v in f.events if v.type == "Deployment"]
    assert names(f, v, "destination") == ["Estonia"]
    assert v.quantities["troops"].value == 800


def test_a_minister_and_his_counterpart_after_a_dateline_hold_talks(extractor):
    f = extract(extractor, "Chiefs meet\n\nMANILA, July 8 - Japanese Defence Minister Hiro Tanaka and his Philippine "
                           "counterpart Jose Ramos held talks in the Philippine capital today, Tanaka told reporters "
                           "after the meeting.")
    [v] = asserted(f, "Meeting")
    assert names(f, v, "participants") == ["Hiro Tanaka", "Jose Ramos"]


def test_a_meeting_of_their_ministers_is_of_the_two_states(extractor):
    f = extract(extractor, "Defence ties\n\nKenya and Uganda agreed to expand joint military exercises when their "
                           "defence ministers met in Nairobi on Monday.")
    [v] = asserted(f, "Meeting")
    assert names(f, v, "participants") == ["Kenya", "Uganda"]
    assert names(f, v, "location") == ["Nairobi"]


def test_met_here_is_the_datelines_place(extractor):
    f = extract(extractor, "Defence ties\n\nNAIROBI, July 9 (KNA) - Kenya and Uganda agreed to expand joint military "
                           "exercises when their defence ministers met here yesterday, the ministry said.")
    [v] = asserted(f, "Meeting")
    # (a dateline's capitals are named as the gazetteer spells the city since entities round 10)
    assert [n.upper() for n in names(f, v, "location")] == ["NAIROBI"]


def test_an_armed_groups_incursion_is_an_attack(extractor):
    f = extract(extractor, "Raid\n\nBoko Haram fighters carried out an incursion into the village of Gwoza on "
                           "Sunday. Nine civilians were killed.")
    [v] = asserted(f, "Attack")
    assert names(f, v, "location") == ["Gwoza"]
    assert names(f, v, "perpetrator") == ["Boko Haram"]
    assert [v.type for v in f.events if v.type == "Deployment"] == []


def test_a_states_incursion_stays_a_deployment(extractor):
    f = extract(extractor, "Border\n\nKenyan troops carried out an incursion into Somalia on Sunday, officials said.")
    assert asserted(f, "Attack") == []


def test_a_distance_from_a_place_is_no_place_expelled_from(extractor):
    f = extract(extractor, "Analysis\n\nThe army moved on the central front, pushing the rebels toward the town of "
                           "Kati, 15 kilometers from Bamako.")
    assert [v for v in f.events if v.type == "Capture"] == []


def test_a_participle_shares_the_modal_of_its_verb(extractor):
    f = extract(extractor, "Analysis\n\nWith Segou as a base, the army might move on the central front, pushing the "
                           "rebels out of the town of Kati.")
    assert asserted(f, "Capture") == []
    assert [v.modality for v in f.events if v.type == "Capture"] == ["hypothetical"]


def test_a_participle_of_a_past_verb_stays_asserted(extractor):
    f = extract(extractor, "Analysis\n\nThe army moved on the central front on Monday, pushing the rebels out of the "
                           "town of Kati.")
    [v] = asserted(f, "Capture")
    assert names(f, v, "place") == ["Kati"]


def test_a_place_told_as_someones_stronghold_was_held_by_them(extractor):
    f = extract(extractor, "Towns\n\nGovernment forces captured Kismayo and Baidoa, al-Shabab's main strongholds in "
                           "the south, on Monday.")
    caps = asserted(f, "Capture")
    assert sorted(names(f, v, "place")[0] for v in caps) == ["Baidoa", "Kismayo"]
    assert all(names(f, v, "former") == ["al-Shabaab"] for v in caps)


def test_one_of_the_strongholds_of_a_group(extractor):
    f = extract(extractor, "Towns\n\nGovernment troops captured the town of Kismayo, one of the last strongholds of "
                           "al-Shabab, on Monday.")
    [v] = asserted(f, "Capture")
    assert names(f, v, "former") == ["al-Shabaab"]


def test_a_states_town_was_held_by_its_forces(extractor):
    f = extract(extractor, "Towns\n\nRussian forces captured the Ukrainian town of Avdiivka on Saturday. Ukrainian "
                           "forces had defended it for months.")
    [v] = asserted(f, "Capture")
    assert names(f, v, "former") == ["Ukrainian forces"]


def test_a_states_forces_retaking_its_own_town_are_no_former_holder(extractor):
    f = extract(extractor, "Towns\n\nUkrainian forces retook the Ukrainian town of Kupiansk on Saturday.")
    [v] = asserted(f, "Capture")
    assert names(f, v, "former") == []


def test_police_officers_of_a_state_named_by_adjective_are_its_deployment(extractor):
    f = extract(extractor, "Police land\n\nThe first 400 Ghanaian police officers landed in Monrovia on Tuesday. "
                           "Ghana's Interior Ministry said more would follow.")
    [v] = [v for v in f.events if v.type == "Deployment"]
    assert names(f, v, "agent") == ["Ghana"]
    assert names(f, v, "destination") == ["Monrovia"]
    assert v.quantities["troops"].value == 400


def test_a_contingent_that_arrived_parsed_as_a_clause_on_its_officers(extractor):
    f = extract(extractor, "Second contingent\n\nA second contingent of 200 Ghanaian police officers arrived in "
                           "Monrovia on Tuesday, the mission said. Ghana has pledged 1,000 officers.")
    [v] = [v for v in f.events if v.type == "Deployment" and v.quantities.get("troops")
           and v.quantities["troops"].value == 200]
    assert names(f, v, "agent") == ["Ghana"]
    assert names(f, v, "destination") == ["Monrovia"]


def test_officers_of_no_state_named_send_no_one(extractor):
    f = extract(extractor, "Police\n\nThe first 400 police officers landed in Monrovia on Tuesday.")
    assert [names(f, v, "agent") for v in f.events if v.type == "Deployment"] in ([], [[]])


def test_fighters_arriving_nowhere_named_are_no_deployment(extractor):
    f = extract(extractor, "Base attack\n\nBoko Haram insurgents, who arrived in more than a dozen gun trucks, burned "
                           "two armoured vehicles in the town of Damboa on Monday.")
    assert [v for v in f.events if v.type == "Deployment"] == []


def test_fighters_arriving_in_a_town_still_deploy(extractor):
    f = extract(extractor, "Reinforcements\n\nHundreds of Wagner fighters arrived in the town of Gao on Monday.")
    [v] = [v for v in f.events if v.type == "Deployment"]
    assert names(f, v, "destination") == ["Gao"]


def test_a_counted_unit_of_police_arriving_in_a_town_is_a_deployment(extractor):
    f = extract(extractor, "Police\n\nAbout 300 police officers arrived in Gao on Tuesday to restore order.")
    [v] = [v for v in f.events if v.type == "Deployment"]
    assert names(f, v, "destination") == ["Gao"]
    assert v.quantities["troops"].value == 300


def test_two_officers_arriving_are_no_deployment(extractor):
    f = extract(extractor, "Police\n\nTwo police officers arrived in the village of Gao on Tuesday.")
    assert [v for v in f.events if v.type == "Deployment"] == []


def test_people_killed_in_attacks_this_year_are_a_tally(extractor):
    f = extract(extractor, "Toll\n\nMore than 2,000 people have been killed in attacks in Mali this year.")
    assert asserted(f, "Attack") == []


def test_people_killed_in_attacks_on_named_bases_are_news(extractor):
    f = extract(extractor, "Toll\n\nTwelve soldiers have been killed in attacks on two bases near Gao, the army said.")
    [v] = asserted(f, "Attack")
    assert names(f, v, "location") == ["Gao"]


def test_dozens_of_attacks_are_summed_up(extractor):
    f = extract(extractor, "Group\n\nThe group has carried out dozens of attacks on army posts in central Mali.")
    assert asserted(f, "Attack") == []


def test_attacked_across_a_region_in_recent_months_is_a_tally(extractor):
    f = extract(extractor, "Group\n\nJihadists have attacked army posts across central Mali in recent months.")
    assert asserted(f, "Attack") == []


def test_attacked_this_week_stays_one_attack(extractor):
    f = extract(extractor, "Base\n\nRebels have attacked the base at Gao this week, officials said.")
    [v] = asserted(f, "Attack")
    assert names(f, v, "location") == ["Gao"]


def test_a_group_withdrawing_from_the_town_attacked_gives_it_to_the_attacker(extractor):
    f = extract(extractor, "Town\n\nMalian troops shelled the town of Gao on Monday. Al-Shabab fighters withdrew "
                           "from the town on Tuesday.")
    [v] = asserted(f, "Capture")
    assert names(f, v, "place") == ["Gao"]
    assert names(f, v, "former") == ["al-Shabaab"]
    assert names(f, v, "captor") == ["Malian forces"]


def test_unnamed_fighters_withdrawing_take_nothing(extractor):
    f = extract(extractor, "Town\n\nThe army shelled the town of Gao on Monday. Rebel fighters withdrew from the town "
                           "on Tuesday.")
    assert asserted(f, "Capture") == []


def test_killed_in_two_named_provinces_in_separate_shootings_is_one_attack_each(extractor):
    f = extract(extractor, "Violence\n\nTwo people were killed in the northern Kunduz and Baghlan provinces in "
                           "separate drive-by shootings.")
    assert sorted(names(f, v, "location")[0] for v in asserted(f, "Attack")) == ["Baghlan", "Kunduz"]


def test_near_the_border_of_two_provinces_is_no_place_of_the_attack(extractor):
    f = extract(extractor, "Violence\n\nGunmen shot dead three workers on Monday. The attack occurred in Sangin, near "
                           "the border of Kandahar and Helmand provinces.")
    assert [names(f, v, "location") for v in asserted(f, "Attack")] == [["Sangin"]]


def test_a_lead_summing_up_the_attacks_in_the_perfect_is_no_attack(extractor):
    f = extract(extractor, "Violence\n\nAt least five people have been shot and killed in the country's south. "
                           "Gunmen shot dead three workers in the town of Sangin on Monday.")
    assert [names(f, v, "location") for v in asserted(f, "Attack")] == [["Sangin"]]


def test_officials_of_two_states_named_by_adjective_meet_as_the_states(extractor):
    f = extract(extractor, "Talks\n\nU.S. and Chinese officials met in Geneva on Monday to discuss trade. The United "
                           "States and China agreed to meet again.")
    [v] = asserted(f, "Meeting")
    assert names(f, v, "participants") == ["China", "United States"]
    assert names(f, v, "location") == ["Geneva"]


def test_officials_of_one_state_meet_no_one(extractor):
    f = extract(extractor, "Talks\n\nChinese officials met in Geneva on Monday. China said the talks went well.")
    assert asserted(f, "Meeting") == []


def test_the_suspected_group_is_the_attacker(extractor):
    f = extract(extractor, "Attack\n\nGunmen attacked an army post in the town of Bannu on Monday, killing eight "
                           "soldiers. Police suspect the Pakistani Taliban.")
    [v] = asserted(f, "Attack")
    assert names(f, v, "perpetrator") == ["Tehrik-i-Taliban Pakistan"]


def test_the_group_held_responsible_is_the_attacker(extractor):
    f = extract(extractor, "Attack\n\nGunmen attacked an army post in the town of Bannu on Monday, killing eight "
                           "soldiers. The government held the Pakistani Taliban responsible.")
    [v] = asserted(f, "Attack")
    assert names(f, v, "perpetrator") == ["Tehrik-i-Taliban Pakistan"]


def test_suspecting_where_the_attackers_fled_names_no_attacker(extractor):
    f = extract(extractor, "Attack\n\nGunmen attacked an army post in the town of Bannu on Monday, killing eight "
                           "soldiers. Police suspect the attackers fled to Afghanistan.")
    [v] = asserted(f, "Attack")
    assert names(f, v, "perpetrator") == []


def test_a_deployment_to_reinforce_is_one_deployment(extractor):
    f = extract(extractor, "Troops\n\nThe United States sent 500 troops to Poland on Monday to reinforce NATO's "
                           "eastern flank.")
    [v] = [v for v in f.events if v.type == "Deployment"]
    assert v.modality == "asserted"
    assert names(f, v, "destination") == ["Poland"]


def test_an_unplaced_headline_is_the_bodys_placed_event(extractor):
    f = extract(extractor, "Toll of convoy ambush rises to 23\n\nThe number of soldiers killed in the ambush on a "
                           "military convoy near Makalondi on Tuesday has risen to 23, a security source said.",
                published="2024-03-21")
    [v] = asserted(f, "Attack")
    assert names(f, v, "location") == ["Makalondi"]


def test_a_claims_own_toll_is_no_second_attack(extractor):
    f = extract(extractor, "Attack\n\nGunmen ambushed an army convoy near the town of Tera on Tuesday, killing 17 "
                           "soldiers. Al-Shabab claimed responsibility for the attack, saying it had killed 30 soldiers.")
    [v] = asserted(f, "Attack")
    assert v.quantities["fatalities"].value == 17
    assert names(f, v, "perpetrator") == ["al-Shabaab"]


def test_a_group_saying_its_fighters_killed_tells_the_attack(extractor):
    f = extract(extractor, "Attack\n\nAl-Shabab said its fighters had killed 30 soldiers in an attack on a base near "
                           "the town of Tera on Tuesday.")
    [v] = asserted(f, "Attack")
    assert names(f, v, "location") == ["Tera"]


def test_taking_up_positions_is_no_capture(extractor):
    f = extract(extractor, "Front\n\nRussian troops shelled the village of Pisky on Sunday. Ukrainian soldiers have "
                           "taken up new positions west of the settlement, a spokesman said.")
    assert asserted(f, "Capture") == []


def test_an_address_is_no_list_of_places(extractor):
    f = extract(extractor, "Strike\n\nOn Tuesday, Russian forces launched a missile strike on the city of Kupiansk, "
                           "Kupiansk district, Kharkiv region.")
    assert [names(f, v, "location") for v in asserted(f, "Attack")] == [["Kupiansk"]]


def test_a_gerund_subject_of_a_modal_is_hypothetical(extractor):
    f = extract(extractor, "Town\n\nRetaking Tal Afar could cut off a supply route for Islamic State fighters.")
    assert asserted(f, "Capture") == []


def test_arriving_takes_the_place_of_the_clause_it_hangs_on(extractor):
    f = extract(extractor, "Contingent\n\nNorway's contribution, a force of 120 soldiers, took up its tasks at Erbil "
                           "Air Base on Tuesday after arriving on several flights from Oslo.")
    [v] = [v for v in f.events if v.type == "Deployment"]
    assert names(f, v, "destination") == ["Erbil Air Base"]


def test_firing_into_the_air_or_tear_gas_is_no_attack(extractor):
    for sentence in ("Soldiers fired into the air to disperse protesters in Bamako on Monday.",
                     "Police fired tear gas at protesters in Bamako on Monday.",
                     "Troops fired warning shots at a crowd in Bamako on Monday."):
        assert asserted(extract(extractor, "News\n\n" + sentence), "Attack") == [], sentence


def test_firing_rockets_at_a_town_is_an_attack(extractor):
    f = extract(extractor, "News\n\nMilitants fired rockets at the town of Sderot on Monday.")
    [v] = asserted(f, "Attack")
    assert names(f, v, "location") == ["Sderot"]


def test_an_attack_a_purpose_clause_reacts_to_has_happened(extractor):
    f = extract(extractor, "News\n\nThousands of people marched in Bamako on Monday to protest the attack on Gao.")
    [v] = asserted(f, "Attack")
    assert names(f, v, "location") == ["Gao"]


def test_an_offensive_planned_to_be_launched_stays_planned(extractor):
    f = extract(extractor, "News\n\nThe army plans to launch the offensive on Gao next week.")
    assert asserted(f, "Attack") == []


def test_the_island_is_the_island_the_report_named(extractor):
    f = extract(extractor, "Island\n\nRebels attacked a police post on Bougainville Island on Monday. The army sent "
                           "300 soldiers to the island on Tuesday.")
    [v] = [v for v in f.events if v.type == "Deployment"]
    assert names(f, v, "destination") == ["Bougainville Island"]


def test_coming_under_fire_over_weeks_is_a_tally(extractor):
    f = extract(extractor, "N\n\nThe base at Gao has come under repeated rocket fire in recent weeks.")
    assert asserted(f, "Attack") == []


def test_coming_under_shelling_on_a_day_is_an_attack(extractor):
    f = extract(extractor, "N\n\nThe town of Gao came under heavy shelling on Monday.")
    [v] = asserted(f, "Attack")
    assert names(f, v, "location") == ["Gao"]
