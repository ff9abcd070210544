"""The forty-fourth round of event rules (issues 10 and 11: the first-run event errors still present today,
scripts/first_run_events.py, class "anchor read": a gold event missed with no event of its type while its
place or parties were read). Change 1: a meeting noun told in a named person's own words with only one other
party named ("X told reporters that General Y issued the invitation during a bilateral meeting today") was the
speaker's own meeting: the speaker is its second party (kg/extract/events/meeting_roles.py ``speaking_party``,
events.yaml ``r44_speaking_party``). Change 2: a verb of hosting whose object is an occasion ("hosted a state
visit for President Y", "hosted a dinner for Y") met the one named after "for" (``hosted_guests``, events.yaml
``r44_hosted_occasions``). docs/extraction.md, "Round 44". Invented reports; each positive test fails before the
round, each guard passes on both.
"""

from __future__ import annotations

from rule_helpers import asserted, extract, names


def _meetings(facts) -> list[list[str]]:
    return sorted(names(facts, m, "participants") for m in asserted(facts, "Meeting"))


def test_a_bilateral_meeting_told_by_its_speaker_is_the_speakers_meeting(extractor):
    facts = extract(extractor, "Talks in Kelvara\n\nKELVARA, Oct. 11 - Defense Secretary Dorvan Mattle said today "
                               "that he has accepted an invitation.\n\nMattle told reporters traveling with him that "
                               "Gen. Kasim Orlov issued the formal invitation during a bilateral meeting today.")
    assert ["Dorvan Mattle", "Kasim Orlov"] in _meetings(facts)


def test_the_days_meeting_told_by_its_speaker_is_the_speakers_meeting(extractor):
    facts = extract(extractor, "Talks\n\nMinister Dorvan Mattle said General Kasim Orlov raised the border question "
                               "at today's meeting.")
    assert _meetings(facts) == [["Dorvan Mattle", "Kasim Orlov"]]


def test_a_spokesman_telling_of_an_unmarked_meeting_is_no_party(extractor):
    # guard: "spoke at a meeting", no mark of a meeting of two or of the day's own: the spokesman only tells
    facts = extract(extractor, "Talks\n\nA spokesman, Pell Anders, said General Kasim Orlov spoke at a meeting on "
                               "Monday.")
    assert all("Pell Anders" not in p for p in _meetings(facts))


def test_a_bilateral_meeting_with_its_own_parties_leaves_the_speaker_out(extractor):
    # guard: the meeting names its two parties; the speaker only tells of it
    facts = extract(extractor, "Talks\n\nDorvan Mattle said General Kasim Orlov held a bilateral meeting with "
                               "President Lira Tosk on Monday.")
    assert _meetings(facts) == [["Kasim Orlov", "Lira Tosk"]]


def test_a_bodys_meeting_is_not_the_speakers(extractor):
    # guard: "a meeting of the X council" is the council's; its speaker was not there as a party
    facts = extract(extractor, "Talks\n\nDorvan Mattle said General Kasim Orlov spoke at a bilateral meeting of the "
                               "Veltran Council on Monday.")
    assert all("Dorvan Mattle" not in p for p in _meetings(facts))


def test_a_state_visit_hosted_for_a_president_is_a_meeting_of_the_two(extractor):
    facts = extract(extractor, "Visit\n\nAlthough Mr. Dorvan Mattle hosted a state visit this week for Veltrania "
                               "President Kasim Orlov, he is known to prefer quiet meetings.")
    assert _meetings(facts) == [["Dorvan Mattle", "Kasim Orlov"]]


def test_a_dinner_hosted_for_a_prime_minister_is_a_meeting_of_the_two(extractor):
    # guard: a meeting before the round too (the parse's "for" on the object), kept with the occasion's reading
    facts = extract(extractor, "Dinner\n\nPresident Dorvan Mattle hosted a dinner for Prime Minister Kasim Orlov on "
                               "Monday.")
    assert _meetings(facts) == [["Dorvan Mattle", "Kasim Orlov"]]


def test_a_dinner_hosted_for_no_one_named_is_no_meeting(extractor):
    # guard: "for the press" names no one met
    facts = extract(extractor, "Dinner\n\nPresident Dorvan Mattle hosted a dinner for the press on Monday.")
    assert _meetings(facts) == []


def test_a_session_hosted_on_a_topic_is_no_meeting(extractor):
    # guard: an occasion with no "for" names no guest
    facts = extract(extractor, "Session\n\nPresident Dorvan Mattle hosted a session on trade on Monday.")
    assert _meetings(facts) == []
