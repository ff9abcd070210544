"""The fifteenth round of rules for real news (issue 10), from batch L's fresh errors.

Each rule on short reports invented for these tests, with a guard for what it must leave alone:
troops that "arrived here" arrived in the dateline's town; troops "deployed at" or "stationed at"
a place are deployed there; "Remarks With X Before Their Meeting" over a byline is the byline's
person meeting X, where the byline is.
"""

from __future__ import annotations

from rule_helpers import asserted, extract, names


def _deployments(f):
    return [v for v in f.events if v.type == "Deployment"]


def test_troops_arriving_here_arrived_in_the_datelines_town(extractor):
    f = extract(extractor, "Camp built\n\nTARMOSA, Kenya, Dec. 3, 2019 - A year ago there was only mud here.\n\n"
                           "The Kenyan 4th Armored Division arrived here in late December last year.\n\n"
                           "Its soldiers built a camp.")
    [v] = _deployments(f)
    assert names(f, v, "destination") == ["TARMOSA"]


def test_forces_stationed_here_tell_no_deployment(extractor):
    f = extract(extractor, "Minister visits\n\nTARMOSA, Kenya, Dec. 3, 2019 - The defense minister praised the "
                           "Kenyan forces stationed here during a visit today.")
    assert not any(names(f, v, "destination") for v in _deployments(f))


def test_deployed_at_a_training_area_is_deployed_there(extractor):
    f = extract(extractor, "Troops arrive\n\nThe Kenyan 4th Armored Brigade will be stationed at the Tarmosa "
                           "Training Area, the ministry said on Monday.")
    [v] = _deployments(f)
    assert names(f, v, "destination") == ["Tarmosa Training Area"]


def test_troops_based_at_a_fort_are_not_deployed_there(extractor):
    f = extract(extractor, "Troops to leave\n\nSoldiers stationed at Fort Tarmosa will deploy to Somalia next "
                           "month, the ministry said on Monday.")
    assert not any("Fort Tarmosa" in names(f, v, "destination") for v in _deployments(f))


def test_remarks_before_their_meeting_are_the_speaker_and_the_guest_meeting(extractor):
    f = extract(extractor, "Remarks With Kenyan Foreign Minister Peter Odhiambo Before Their Meeting\n\n"
                           "Anna Korvin\nSecretary of State\nTarmosa, DC\nMarch 3, 2019\n\n"
                           "SECRETARY KORVIN: Good afternoon. I welcome Peter Odhiambo here.")
    [v] = [v for v in f.events if v.type == "Meeting"]
    assert sorted(names(f, v, "participants")) == ["Anna Korvin", "Peter Odhiambo"]
    assert names(f, v, "location") == ["Tarmosa"]


def test_remarks_with_no_byline_name_no_speaker(extractor):
    f = extract(extractor, "Remarks With Kenyan Foreign Minister Peter Odhiambo Before Their Meeting\n\n"
                           "Good afternoon, everybody. I am glad to welcome Peter Odhiambo and Anna Korvin today.")
    assert not [v for v in f.events if v.type == "Meeting"]


def test_a_participle_on_the_subject_takes_its_clauses_time(extractor):
    f = extract(extractor, "President killed\n\nThe president was re-elected in 2019 after a long war.\n\n"
                           "He survived a failed coup attempt in November when soldiers attacking the presidential "
                           "palace were pushed back by the guards.")
    [v] = asserted(f, "Attack")
    assert v.date is not None and v.date.value == "2023-11"


def test_this_attack_is_the_attack_told_before(extractor):
    f = extract(extractor, "Patrol ambushed\n\nGunmen ambushed an army patrol near the village of Tarmosa, Kenya, on "
                           "October 4.\n\nThe commander of the force spoke to reporters on Friday. He gave his "
                           "condolences.\n\nTwo soldiers were also wounded in this attack.")
    [v] = asserted(f, "Attack")
    assert names(f, v, "location") == ["Tarmosa"] and v.quantities["injuries"].value == 2


def test_an_attack_with_its_own_place_is_not_folded_by_that(extractor):
    f = extract(extractor, "Two attacks\n\nGunmen ambushed an army patrol near the village of Tarmosa, Kenya, on "
                           "October 4.\n\nTwo days later that attack was followed by a bombing in the town of "
                           "Belvana that killed six police officers.")
    places = sorted(p for v in asserted(f, "Attack") for p in names(f, v, "location"))
    assert places == ["Belvana", "Tarmosa"]


def test_whose_investigation_it_is_reports_the_attack(extractor):
    f = extract(extractor, "Findings released\n\nWe are here to brief you on the findings of U.S. Africa Command's "
                           "investigation into the ambush of U.S. and Kenyan soldiers near the village of Tarmosa, "
                           "Kenya in early October 2017.")
    [v] = asserted(f, "Attack")
    assert names(f, v, "location") == ["Tarmosa"] and not names(f, v, "perpetrator")


def test_a_lone_armed_group_named_before_still_made_the_attack(extractor):
    f = extract(extractor, "Town attacked\n\nFighters of the Valdoran Liberation Front who crossed the river on "
                           "Monday killed 17 villagers in a raid on the village of Tarmosa, Kenya.")
    [v] = asserted(f, "Attack")
    assert names(f, v, "perpetrator") == ["Valdoran Liberation Front"]


def test_to_hung_inside_the_from_phrase_is_where_troops_move(extractor):
    f = extract(extractor, "Troops move\n\nThree battalions are preparing to move from their locations in the army's "
                           "area of responsibility to Tarmosa, Kenya, the ministry said on Monday.")
    [v] = _deployments(f)
    assert names(f, v, "destination") == ["Tarmosa"]


def test_a_range_from_one_number_to_another_moves_no_one(extractor):
    f = extract(extractor, "Prices rise\n\nThe price of bread moved from two shillings in the markets of Tarmosa to "
                           "three shillings, the ministry said on Monday.")
    assert not _deployments(f)


def test_a_time_inside_a_clause_on_a_noun_dates_that_clause_only(extractor):
    f = extract(extractor, "Ministers meet\n\nThe defense ministers of Kenya and Uganda met today in Tarmosa.\n\n"
                           "At the meeting, the two leaders committed to enhance cooperation based on the plan of "
                           "action agreed upon in October, a spokesman said.")
    meetings = asserted(f, "Meeting")
    assert meetings and all(v.date is None or v.date.value != "2023-10" for v in meetings)


def test_a_plan_to_deploy_to_the_state_of_a_town_arrived_in_is_one_deployment(extractor):
    f = extract(extractor, "Marines arrive\n\nKenyan marines have begun arriving in Tarmosa, Kenya, for the yearly "
                           "exercise.\n\nThe exercise is in its eighth year.\n\nMarines from two regiments will "
                           "deploy to Kenya in the form of a task force.")
    deps = [v for v in _deployments(f) if v.modality in ("asserted", "planned")]
    assert [names(f, v, "destination") for v in deps] == [["Tarmosa"]]


def test_two_deployments_told_as_done_stay_two(extractor):
    f = extract(extractor, "Troops arrive\n\nUgandan troops arrived in Tarmosa, Kenya, in May.\n\n"
                           "In June Ugandan troops were deployed to Kenya again.")
    assert len([v for v in _deployments(f) if v.modality == "asserted"]) == 2


def test_a_region_named_in_what_was_discussed_is_no_meeting_place(extractor):
    f = extract(extractor, "Ministers meet\n\nDefense Minister Peter Odhiambo met with Minister of Defense Anna Korvin "
                           "of Mongolia to discuss their shared commitment to democratic principles and a free and open "
                           "Indo-Pacific.")
    [v] = asserted(f, "Meeting")
    assert not names(f, v, "location")


def test_the_place_met_in_stays_beside_a_topic(extractor):
    f = extract(extractor, "Ministers meet\n\nDefense Minister Peter Odhiambo met with Minister of Defense Anna Korvin "
                           "in Tarmosa, Kenya, to discuss security in the Middle East.")
    [v] = asserted(f, "Meeting")
    assert names(f, v, "location") == ["Tarmosa"]


def test_troops_already_stationed_at_a_base_tell_no_deployment(extractor):
    f = extract(extractor, "Troops in place\n\nSeveral hundred Kenyan troops are already stationed at the Tarmosa "
                           "Training Area, the ministry said on Monday.")
    assert not any(names(f, v, "destination") for v in _deployments(f))


def test_a_strength_told_after_the_verb_counts_the_troops(extractor):
    f = extract(extractor, "Camp built\n\nTARMOSA, Kenya, Dec. 3, 2019 - A year ago there was only mud here.\n\n"
                           "The Kenyan 4th Armored Division arrived here 20,000-strong in late December last year.")
    [v] = _deployments(f)
    assert v.quantities["troops"].value == 20000


def test_a_strong_word_with_no_number_counts_no_one(extractor):
    f = extract(extractor, "Camp built\n\nTARMOSA, Kenya, Dec. 3, 2019 - A year ago there was only mud here.\n\n"
                           "The Kenyan 4th Armored Division arrived here strong and rested in late December last year.")
    assert not any("troops" in v.quantities for v in _deployments(f))


def test_forces_entering_the_town_their_side_recaptured_tell_the_capture(extractor):
    f = extract(extractor, "Town retaken\n\nKenyan forces said they recaptured the town of Tarmosa on Thursday.\n\n"
                           "\"They entered Tarmosa from the north,\" a Kenyan army spokesman said.")
    assert not [v for v in _deployments(f) if v.modality == "asserted"]
    assert [names(f, v, "place") for v in asserted(f, "Capture")] == [["Tarmosa"]]


def test_forces_entering_a_town_no_one_captured_are_deployed(extractor):
    f = extract(extractor, "Troops arrive\n\nKenyan troops entered the town of Tarmosa on Thursday to guard the "
                           "elections, the army said.")
    assert [names(f, v, "destination") for v in _deployments(f)] == [["Tarmosa"]]
