"""Extraction round 23 (event misreadings that split incidents, docs/extraction.md): dates.

Invented reports (names made up); each positive test failed before its rule.
"""

from __future__ import annotations

from rule_helpers import extract, names


def _attacks(f):
    return [v for v in f.events if v.type == "Attack"]


# ----- rule 1: a time between a verb of saying and its clause's subject is the saying's


def test_a_time_right_after_said_dates_the_saying_not_the_event_it_reports(extractor):
    """"said on Tuesday it had repelled the attack": Tuesday is when the army spoke; the attack
    was told on Monday the sentence before, and the two tellings are one attack."""
    f = extract(extractor, "Army repels raid\n\nGunmen attacked an army base in Borno State on Monday.\n\n"
                           "The army said on Tuesday it had repelled the attack on the base in Damboa.",
                published="2021-06-16")
    assert [a.date.value for a in _attacks(f)] == ["2021-06-14"]


def test_a_time_inside_the_reported_clause_stays_its_own(extractor):
    """Guard: "said it had repelled an attack on Tuesday" dates the attack by Tuesday."""
    f = extract(extractor, "Army repels raid\n\nThe army said it had repelled an attack on a base in Damboa "
                           "on Tuesday.", published="2021-06-16")
    assert [a.date.value for a in _attacks(f)] == ["2021-06-15"]


def test_a_plan_reported_after_a_time_is_still_the_reports(extractor):
    """Guard: "said on Tuesday it was sending troops": news of Tuesday (the saying's date)."""
    f = extract(extractor, "Troops sent\n\nGunmen attacked a base in Borno State in May.\n\n"
                           "The army said on Tuesday it had sent reinforcements to Damboa.",
                published="2021-06-16")
    (dep,) = [v for v in f.events if v.type == "Deployment"]
    assert dep.date.value == "2021-06-15"


# ----- rule 2: an event noun, subject of a copula, takes the time that hangs on the copula


def _meetings(f):
    return [v for v in f.events if v.type == "Meeting"]


def test_talks_the_subject_of_had_been_useful_yesterday_are_dated_by_yesterday(extractor):
    f = extract(extractor, "Talks useful\n\nForeign Minister Anton Veller said on Saturday that his talks with "
                           "Borland's Kessin in Almaty yesterday had been useful.", published="2024-09-14")
    (meeting,) = _meetings(f)
    assert meeting.date.value == "2024-09-13"


def test_a_time_below_the_copulas_phrase_is_not_the_subjects(extractor):
    """Guard: "The capture of X is the latest ..., following the recapture of Y in October":
    October is Y's, not X's."""
    f = extract(extractor, "Town falls\n\nRebels captured Dorvano on Friday, a spokesman said.\n\n"
                           "The capture of Dorvano is the latest in a string of defeats for the army, following "
                           "the recapture of Melsk by the rebels in October last year and of Tarvo in August 2022, "
                           "both with foreign support.", published="2024-12-08")
    dates = {names(f, v, "place")[0]: v.date.value for v in f.events if v.type == "Capture" and v.roles.get("place")}
    assert dates == {"Dorvano": "2024-12-06", "Melsk": "2023-10", "Tarvo": "2022-08"}


# ----- rule 3: a signing's sides named by their office ("the President of X") are those states


def test_a_memorandum_signed_by_two_presidents_named_by_office_is_a_meeting_of_their_states(extractor):
    f = extract(extractor, "Patrols begin\n\nThe patrols follow the memorandum signed in Niamey on 22 October by "
                           "the President of the Republic of Chad and the President of the Republic of Niger.",
                published="2024-10-24")
    (meeting,) = _meetings(f)
    assert names(f, meeting, "participants") == ["Chad", "Niger"]
    assert meeting.date.value == "2024-10-22"


def test_an_office_of_no_state_gives_no_side(extractor):
    """Guard: "the president of the league" names no state: one side, no meeting."""
    f = extract(extractor, "Deal signed\n\nThe memorandum was signed in Niamey on Monday by the president of the "
                           "football league and the President of the Republic of Niger.", published="2024-10-24")
    assert not _meetings(f)


# ----- rule 4: a state named only in a participant's title is not where the meeting was


def test_the_state_of_a_ministers_title_is_not_the_meetings_place(extractor):
    f = extract(extractor, "Ministers meet\n\nOn 20 May, Minister of Defence of Ukraine Taras Veller held a working "
                           "meeting with the Minister of National Defence of the Republic of Poland, Marek Sorin.",
                published="2022-05-21")
    (meeting,) = _meetings(f)
    assert names(f, meeting, "participants") == ["Marek Sorin", "Taras Veller"]
    assert names(f, meeting, "location") == []


def test_a_state_named_as_the_meetings_place_stays(extractor):
    """Guard: "met ... in the capital of Ukraine": a place, no title (and a title beside it changes nothing)."""
    f = extract(extractor, "Ministers meet\n\nMinister of Defence of Poland Marek Sorin met Anton Veller in "
                           "the capital of Ukraine on Friday.", published="2022-05-21")
    (meeting,) = _meetings(f)
    assert names(f, meeting, "location") == ["Ukraine"]


# ----- rule 5: "N soldiers from X arrived in Y": X sends them


def _deployments(f):
    return [v for v in f.events if v.type == "Deployment"]


def test_soldiers_from_a_state_are_sent_by_that_state(extractor):
    f = extract(extractor, "Troops arrive\n\nAbout 380 soldiers from Denmark arrived at Zorvan air base in Iraq on "
                           "Tuesday to train army units, a military spokesman said.", published="2016-08-10")
    (dep,) = _deployments(f)
    assert names(f, dep, "agent") == ["Denmark"]


def test_a_named_sender_is_kept_over_where_the_troops_came_from(extractor):
    """Guard: "X sent 300 soldiers from Germany to Y": the subject sends them, not the "from" state."""
    f = extract(extractor, "Troops arrive\n\nThe United States sent 300 soldiers from Germany to Poland on Tuesday.",
                published="2016-08-10")
    (dep,) = _deployments(f)
    assert names(f, dep, "agent") == ["United States"]


# ----- rule 6: "a day after a bomb wounded shoppers at a market there": an attack at the place named before


def test_a_bomb_that_wounded_people_there_is_an_attack_at_the_place_named_before(extractor):
    f = extract(extractor, "Guard shot dead\n\nGunmen shot dead a guard in Rueso district on Tuesday evening, a day "
                           "after a bomb wounded shoppers at a market there, police said on Wednesday.",
                published="2024-08-21")
    dates = sorted((a.date.value, names(f, a, "location")) for a in _attacks(f))
    assert dates == [("2024-08-19", ["Rueso district"]), ("2024-08-20", ["Rueso district"])]


def test_a_bomb_with_no_place_and_no_number_is_still_no_event(extractor):
    """Guard: without "there" (nor a place or a number) the bomb clause tells no attack of its own."""
    f = extract(extractor, "Guard shot dead\n\nGunmen shot dead a guard in Rueso district on Tuesday evening, a day "
                           "after a bomb wounded shoppers at a market, police said on Wednesday.",
                published="2024-08-21")
    assert [a.date.value for a in _attacks(f)] == ["2024-08-20"]


# ----- rule 7: "in A and B province" is one province's name, not a list of places


def test_a_province_named_a_and_b_is_one_place_not_two_attacks(extractor):
    f = extract(extractor, "Police attacked\n\nGunmen attacked a police station in Saravan in Sistan and Baluchestan "
                           "province late on Thursday, killing four officers.", published="2025-02-14")
    (attack,) = _attacks(f)
    assert names(f, attack, "location") == ["Saravan"]


def test_two_provinces_each_with_its_word_are_still_two_attacks(extractor):
    f = extract(extractor, "Posts attacked\n\nMilitants attacked police posts in Kandahar province and Helmand "
                           "province on Thursday.", published="2025-02-14")
    assert sorted(names(f, a, "location")[0] for a in _attacks(f)) == ["Helmand province", "Kandahar province"]
