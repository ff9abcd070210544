"""The thirty-third round of event rules for real news (issue 10): false events on fresh text, by
mechanism (docs/extraction.md, "Round 33"), on short reports invented for these tests: events of
another domain or no events at all by the guidelines, with guards for the true events of the same shape.
"""

from __future__ import annotations

from rule_helpers import asserted, extract, names


def _meetings(facts):
    return [names(facts, v, "participants") for v in asserted(facts, "Meeting")]


# --- a briefing of the press is no meeting (round 33 wrote events/press.py for it; merged with round 34's
# `meeting_roles.met_the_press`, which passes these tests and keeps a party met beside the press)

def test_officials_briefing_reporters_is_no_meeting(extractor):
    facts = extract(extractor, "Strikes\n\nAs the strikes continued, Defense Secretary Tom Varnell and Gen. Ulo "
                               "Markam briefed Pentagon reporters.")
    assert _meetings(facts) == []


def test_meeting_reporters_after_a_meeting_leaves_the_meeting_alone(extractor):
    facts = extract(extractor, "Visit\n\nDefense Minister Tom Varnell met with Xandrian President Ulo Markam at the "
                               "palace on Tuesday. Varnell met briefly with U.S. and local reporters after meeting "
                               "with Markam.")
    assert _meetings(facts) == [["Tom Varnell", "Ulo Markam"]]


def test_guard_a_party_met_beside_the_press_is_a_meeting(extractor):
    facts = extract(extractor, "Talks\n\nDefense Minister Tom Varnell met with Xandrian President Ulo Markam and "
                               "reporters in Dorva on Tuesday.")
    assert _meetings(facts) == [["Tom Varnell", "Ulo Markam"]]


def test_guard_an_official_briefing_another_is_a_meeting(extractor):
    facts = extract(extractor, "Talks\n\nGen. Ulo Markam briefed Defense Minister Tom Varnell in Dorva on Tuesday.")
    assert _meetings(facts) == [["Tom Varnell", "Ulo Markam"]]


# --- a total of several events told in the present perfect is no event of its own (events/totals.py)

def _attacks(facts):
    return sorted(tuple(names(facts, v, "location")) for v in asserted(facts, "Attack"))


def test_a_count_of_strikes_since_a_day_is_no_attack_of_its_own(extractor):
    facts = extract(extractor, "Strikes\n\nSince April 23, the U.S. military has conducted four airstrikes against the "
                               "Front in Tarkan, killing 10 operatives and injuring one. On April 23, a U.S. airstrike "
                               "killed two operatives in Velmar.")
    assert _attacks(facts) == [("Velmar",)]


def test_a_campaign_that_has_driven_insurgents_from_strongholds_is_no_capture(extractor):
    facts = extract(extractor, "Summit\n\nThe presidents of Dorvia and Xandria held talks in Velmar on Friday and "
                               "praised a joint campaign that has driven insurgents from their main strongholds in "
                               "the northern province of Tarkan, two months after troops arrived in the region.")
    assert asserted(facts, "Capture") == []


def test_guard_a_town_retaken_in_the_present_perfect_is_a_capture(extractor):
    facts = extract(extractor, "Town taken\n\nThe army has retaken Velmar from the rebels.")
    assert [names(facts, v, "place") for v in asserted(facts, "Capture")] == [["Velmar"]]


def test_guard_insurgents_driven_from_a_named_town_is_a_capture(extractor):
    facts = extract(extractor, "Town taken\n\nThe army has driven the rebels from Velmar.")
    assert [names(facts, v, "place") for v in asserted(facts, "Capture")] == [["Velmar"]]


def test_guard_towns_named_in_the_object_are_captures(extractor):
    facts = extract(extractor, "Towns taken\n\nRebels have seized the towns of Velmar and Tarkan, officials said.")
    assert sorted(names(facts, v, "place")[0] for v in asserted(facts, "Capture")) == ["Tarkan", "Velmar"]


def test_guard_strikes_of_one_day_are_an_attack(extractor):
    facts = extract(extractor, "Strikes\n\nThe army has conducted two airstrikes in Tarkan on Monday, killing 10 "
                               "rebels.")
    assert _attacks(facts) == [("Tarkan",)]


def test_guard_a_count_of_strikes_in_the_past_tense_is_an_attack(extractor):
    facts = extract(extractor, "Strikes\n\nThe army conducted four airstrikes in Tarkan on Monday, killing 10 rebels.")
    assert _attacks(facts) == [("Tarkan",)]


# --- a place told only as the reference of another, unnamed place is not the attack's place (events/relative_places.py)

def test_bombs_in_the_eastern_part_of_a_state_are_not_at_the_state(extractor):
    facts = extract(extractor, "Bombing\n\nA suicide bomber killed 12 people in Velmar on Monday. In two separate "
                               "incidents in the eastern part of Chad, two roadside bombs also killed at least "
                               "four people.")
    assert _attacks(facts) == [("Velmar",)]


def test_guard_a_bomb_north_of_a_town_with_no_nearer_place_is_at_the_town(extractor):
    facts = extract(extractor, "Bomb\n\nTwo soldiers were killed on Tuesday after a bomb detonated near their tank "
                               "north of Velmar.")
    assert _attacks(facts) == [("Velmar",)]


def test_guard_an_air_base_near_a_city_is_at_the_city(extractor):
    facts = extract(extractor, "Bombing\n\nXandrian planes bombed an air base near Velmar on Monday.")
    assert _attacks(facts) == [("Velmar",)]


def test_guard_the_eastern_part_of_a_town_is_in_the_town(extractor):
    facts = extract(extractor, "Shelling\n\nRebels shelled the eastern part of Velmar on Monday, killing four people.")
    assert _attacks(facts) == [("Velmar",)]


def test_guard_a_checkpoint_outside_a_town_is_at_the_town(extractor):
    facts = extract(extractor, "Checkpoint attack\n\nA soldier died of wounds suffered in Wednesday's attack on an "
                               "army checkpoint outside Velmar, a hospital official said on Friday.")
    assert _attacks(facts) == [("Velmar",)]


# --- a campaign told as the subject of a present-tense clause is a topic, not an event (events/topics.py)

def _told(facts, etype):
    return [v for v in asserted(facts, etype)]


def test_an_invasion_that_remains_a_concern_is_no_deployment(extractor):
    facts = extract(extractor, "Talks\n\nNiger's invasion of Chad remains the main concern of the alliance, the "
                               "minister said on Monday.")
    assert _told(facts, "Deployment") == []


def test_guard_an_invasion_with_a_toll_in_the_past_is_kept(extractor):
    facts = extract(extractor, "Talks\n\nNiger's invasion of Chad in February killed thousands, the minister said on "
                               "Monday.")
    assert [names(facts, v, "destination") for v in _told(facts, "Deployment")] == [["Chad"]]


# --- a background event keeps only the places its own sentence names (events/background_places.py)

def test_a_background_attack_takes_no_place_of_the_sentence_before(extractor):
    facts = extract(extractor, "Raid\n\nFighters killed 17 people in a raid on the village of Velmar on Sunday. The "
                               "deadliest attack on the army came in March 2020, when fighters killed 92 soldiers at "
                               "the Ardent Logistics depot.", published="2024-03-12")
    assert _attacks(facts) == [("Velmar",)]


def test_guard_a_background_attack_keeps_the_place_it_names(extractor):
    facts = extract(extractor, "Raid\n\nFighters killed 17 people in a raid on the village of Velmar on Sunday. The "
                               "deadliest attack on the army came in March 2020, when fighters killed 92 soldiers in "
                               "the town of Tarkan.", published="2024-03-12")
    assert _attacks(facts) == [("Tarkan",), ("Velmar",)]


def test_guard_a_recent_attack_still_takes_the_place_of_the_sentence_before(extractor):
    facts = extract(extractor, "Raid\n\nFighters raided the village of Velmar on Sunday. On Monday they killed "
                               "four soldiers at a checkpoint.", published="2024-03-12")
    assert ("Velmar",) in _attacks(facts)


def test_guard_a_background_capture_told_by_it_keeps_the_place_before(extractor):
    facts = extract(extractor, "Town\n\nRebels seized the town of Velmar in June 2014. Government forces retook it "
                               "in July 2017.", published="2024-03-12")
    assert [names(facts, v, "place") for v in asserted(facts, "Capture")] == [["Velmar"], ["Velmar"]]


# --- attackers arriving to strike are the attack's approach, not a deployment (events/approaches.py)

def test_militants_arriving_and_overrunning_a_base_deploy_nothing(extractor):
    facts = extract(extractor, "Base overrun\n\nFighters of the Tarkan Liberation Front overran an army base in the "
                               "town of Velmar on Friday, killing two soldiers, officials said.\n\nThe militants "
                               "arrived in dozens of gun trucks shortly after dusk and overran the base after a gun "
                               "battle that lasted nearly three hours, according to two soldiers.")
    assert [v for v in facts.events if v.type == "Deployment"] == []


def test_guard_fighters_sent_to_a_town_before_a_capture_are_a_deployment(extractor):
    facts = extract(extractor, "Troops\n\nThe Tarkan Liberation Front sent 300 fighters to Velmar on Friday and "
                               "overran the army base there.")
    assert [names(facts, v, "destination") for v in asserted(facts, "Deployment")] == [["Velmar"]]


def test_guard_counted_troops_arriving_before_an_attack_stay_a_deployment(extractor):
    facts = extract(extractor, "Troops\n\nAbout 500 Xandrian troops arrived on Friday and attacked rebel positions "
                               "near Velmar.")
    assert [v.quantities["troops"].value for v in asserted(facts, "Deployment")] == [500]


# --- a purpose noun's verb is no purpose (modality.py), and a bare noun telling inside the place
#     of an event told before is that event (events/one_event.py)

_SUMMIT = ("Leaders hail gains\n\nBOL, Chad — The presidents of Niger and Chad held talks in Bol on Friday and "
           "praised a joint campaign that has driven insurgents from their main strongholds in Lac province, two "
           "months after troops from Niger arrived in the region.\n\nThe two leaders met behind closed doors for "
           "about two hours, officials said.\n\n")


def test_troops_arriving_after_a_campaign_that_has_driven_insurgents_out_arrived(extractor):
    facts = extract(extractor, _SUMMIT, published="2023-09-24")
    assert [(v.modality, names(facts, v, "destination")) for v in facts.events if v.type == "Deployment"] == [
        ("asserted", ["Lac province"])]


def test_a_deployment_noun_telling_a_deployment_again_in_its_state_is_one_deployment(extractor):
    facts = extract(extractor, _SUMMIT + "Niger began sending about 1,000 soldiers and police officers to Lac "
                                         "province in July at the request of the government, in a deployment that "
                                         "took many diplomats in the region by surprise.", published="2023-09-24")
    assert [names(facts, v, "destination") for v in facts.events if v.type == "Deployment"] == [["Lac province"]]


def test_guard_a_drive_to_retake_a_town_is_planned(extractor):
    facts = extract(extractor, "Offensive\n\nThe army began a drive to retake the town of Velmar, officials said "
                               "on Monday.")
    assert [v.modality for v in facts.events if v.type == "Capture"] == ["planned"]


# --- a headline's event read otherwise than the lead's same event is not a second event (events/headlines.py)

def test_a_headline_deployment_read_as_done_beside_the_leads_plan_is_the_leads(extractor):
    facts = extract(extractor, "Niger Peacekeepers to Deploy in Chad; Xandrian Troops Arrive\n\nThe first 500 "
                               "peacekeepers from Niger will arrive in Lac province on Monday, officials said.")
    assert [(v.modality, names(facts, v, "destination")) for v in facts.events if v.type == "Deployment"] == [
        ("planned", ["Lac province"])]


def test_guard_a_headline_event_the_lead_does_not_tell_is_kept(extractor):
    facts = extract(extractor, "Niger Sends Troops to Chad\n\nOfficials in Bol said on Monday that fighting had "
                               "stopped.")
    assert [names(facts, v, "destination") for v in asserted(facts, "Deployment")] == [["Chad"]]


def test_guard_a_background_attack_with_no_place_of_its_own_keeps_the_place_before(extractor):
    facts = extract(extractor, "Raid\n\nFighters killed 17 people in a raid on the village of Velmar on Sunday. In "
                               "March 2020, fighters killed 12 villagers and burned their homes.",
                    published="2024-03-12")
    assert _attacks(facts) == [("Velmar",), ("Velmar",)]
