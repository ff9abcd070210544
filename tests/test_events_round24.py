"""The twenty-fourth round of event rules for real news (issue 10): the largest classes of a fresh
census of LOOK's event errors (docs/extraction.md, "Round 24"), each on short reports invented for
these tests, with guards for what a rule must leave alone.
"""

from __future__ import annotations

from rule_helpers import asserted, extract, names


def _meetings(facts):
    return sorted((names(facts, v, "participants"), names(facts, v, "location")) for v in asserted(facts, "Meeting"))


# --- one meeting told by the sides' states, then by the people who met (class: one event told
#     several times; LOOK batches C and N for meetings, the class in seven)

def test_a_meeting_told_by_states_then_by_its_people_is_one_meeting(extractor):
    facts = extract(extractor, "Defense leaders meet\n\nChad and Ghana's defense officials discussed a range of "
                               "issues during a meeting at the Defense Ministry in N'Djamena today. Defense Minister "
                               "Karl Osterman hosted Ghana's Crown Prince Anton Merek for these discussions.")
    assert [p for p, _ in _meetings(facts)] == [["Anton Merek", "Karl Osterman"]]


def test_a_meeting_with_a_visiting_official_then_named_is_one_meeting(extractor):
    facts = extract(extractor, "Envoy received\n\nChad's President Anton Merek has met with a visiting Ghanaian "
                               "diplomat who is seeking approval for a peace plan. Ghana's envoy Mira Lund had "
                               "extended her stay in N'Djamena. Mr. Merek finally met with Lund on Tuesday.")
    assert [p for p, _ in _meetings(facts)] == [["Anton Merek", "Mira Lund"]]


def test_a_meeting_of_states_on_another_day_stays_apart(extractor):
    facts = extract(extractor, "Defense leaders meet\n\nChad and Ghana's defense officials met in N'Djamena on "
                               "Monday. On Tuesday, Defense Minister Karl Osterman met Ghana's Crown Prince Anton "
                               "Merek in Accra.")
    assert [p for p, _ in _meetings(facts)] == [["Anton Merek", "Karl Osterman"], ["Chad", "Ghana"]]


def test_a_meeting_of_states_whose_people_are_not_the_later_ones_stays_apart(extractor):
    facts = extract(extractor, "Defense leaders meet\n\nChad and Ghana's defense officials met in N'Djamena on "
                               "Monday. Chad's Defense Minister Karl Osterman also met Peru's Crown Prince Anton "
                               "Merek in N'Djamena on Monday.")
    assert [p for p, _ in _meetings(facts)] == [["Anton Merek", "Karl Osterman"], ["Chad", "Ghana"]]


# --- a campaign told by its owner, with no time of its own, is no event (class: type confusion, a
#     war or campaign read as one deployment or attack; LOOK batches K, N and W)

def test_an_owned_invasion_named_as_a_topic_is_no_deployment(extractor):
    facts = extract(extractor, "Defense leaders meet\n\nGhana and Togo's defense officials discussed a range of "
                               "issues from global problems like Libya's invasion of Chad to regional problems "
                               "during a meeting in Accra today.")
    assert asserted(facts, "Deployment") == []


def test_an_owned_offensive_named_as_background_is_no_attack(extractor):
    facts = extract(extractor, "Town retaken\n\nValdoran forces retook the town of Kessa on Sunday. The town had "
                               "served as the main logistics hub for Ostmark's offensive in the Morvala region.")
    assert asserted(facts, "Attack") == []


def test_an_owned_incursion_told_by_its_leader_is_no_deployment(extractor):
    facts = extract(extractor, "Town retaken\n\nGeneral Anton Merek says his incursion into the town of Kessa was "
                               "meant to protect civilians.")
    assert asserted(facts, "Deployment") == []


def test_an_owned_invasion_with_its_own_date_stays(extractor):
    facts = extract(extractor, "Talks resume\n\nFighting continued a year after Libya's invasion of Chad in "
                               "February 1983.")
    assert [(names(facts, v, "agent"), v.date.value) for v in asserted(facts, "Deployment")] == [(["Libya"], "1983-02")]


def test_an_offensive_launched_or_killing_stays(extractor):
    launched = extract(extractor, "Town attacked\n\nOstmark launched its offensive in the Morvala region on Monday.")
    killing = extract(extractor, "Town attacked\n\nOstmark's offensive on the town of Kessa killed 20 people on Monday.")
    assert [names(launched, v, "location") for v in asserted(launched, "Attack")] == [["Morvala region"]]
    assert [names(killing, v, "location") for v in asserted(killing, "Attack")] == [["Kessa"]]


# --- a meeting noun named by a verb of calling, its other party hung on that verb (class: an event
#     told as a noun; LOOK batches A, D, E, F, I, N and W for the class, this shape N's)

def test_what_he_called_a_good_meeting_with_someone_is_a_meeting(extractor):
    facts = extract(extractor, "Talks in Accra\n\nDefense Secretary Karl Osterman arrived in Accra on Monday. "
                               "Following what he called \"a good meeting\" this morning with Ghanaian President "
                               "Anton Merek and his senior advisers, Osterman told reporters he was impressed.")
    assert [p for p, _ in _meetings(facts)] == [["Anton Merek", "Karl Osterman"]]


def test_a_meeting_criticised_is_not_one_the_critic_held(extractor):
    facts = extract(extractor, "Talks in Accra\n\nDefense Secretary Karl Osterman arrived in Accra on Monday. He "
                               "criticised the meeting this morning with Ghanaian President Anton Merek.")
    assert _meetings(facts) == []


# --- fighting told as an exchange of fire, with its toll and place (class: an attack told as a clash;
#     LOOK batches A, B, E, F, G, I and W for the class, this noun B's)

def _attacks(facts):
    return sorted((names(facts, v, "location"), v.quantities["fatalities"].value if "fatalities" in v.quantities
                   else None) for v in asserted(facts, "Attack"))


def test_rebels_killed_in_an_artillery_exchange_around_a_town_is_an_attack_there(extractor):
    facts = extract(extractor, "Fighting in Ghana\n\nThe defense ministry said 33 rebels had been killed in an "
                               "artillery exchange on Thursday around the town of Kessa.")
    assert _attacks(facts) == [(["Kessa"], 33.0)]


def test_soldiers_killed_in_an_exchange_of_fire_near_a_town_is_an_attack_there(extractor):
    facts = extract(extractor, "Fighting in Ghana\n\nFour soldiers were killed in an exchange of fire with rebels "
                               "near the town of Kessa on Thursday.")
    assert _attacks(facts) == [(["Kessa"], 4.0)]


def test_a_prisoner_exchange_is_no_attack(extractor):
    facts = extract(extractor, "Fighting in Ghana\n\nThe army and the rebels agreed a prisoner exchange in the town "
                               "of Kessa on Thursday, two days after four soldiers were killed there.")
    assert asserted(facts, "Attack") == []


# --- an attack on targets told only by a state's adjective was in that state (class: wrong or less
#     specific place, here none; LOOK batches A and N, the class in six)

def test_an_attack_on_a_state_s_military_targets_is_placed_in_that_state(extractor):
    facts = extract(extractor, "Strikes on Libya\n\nGhanaian and Togolese air and naval forces attacked 50 separate "
                               "Libyan military targets on Monday, officials in Accra said. Libya denied any damage.")
    assert [l for l, _ in _attacks(facts)] == [["Libya"]]


def test_an_attack_on_targets_on_a_state_s_soil_is_placed_in_that_state(extractor):
    facts = extract(extractor, "Strikes on Libya\n\nGhanaian artillery and gunboats also attacked other targets on "
                               "Libyan soil on Monday. Libya protested.")
    assert [l for l, _ in _attacks(facts)] == [["Libya"]]


def test_a_town_named_keeps_the_attack_there(extractor):
    facts = extract(extractor, "Strikes on Libya\n\nGhanaian forces attacked Libyan positions near the town of "
                               "Kessa on Monday. Libya protested.")
    assert [l for l, _ in _attacks(facts)] == [["Kessa"]]


def test_positions_of_no_state_give_no_place(extractor):
    facts = extract(extractor, "Strikes on Libya\n\nGhanaian forces attacked rebel positions on Monday. Libya "
                               "protested.")
    assert asserted(facts, "Attack") == []
