"""Extraction round 20 (misreadings that split incidents, docs/extraction.md): a first-level
division named with its word ("the X region") that the report's own states did not place.

Invented reports; the divisions are real GeoNames admin-1 records (kg/data/admin1.tsv), as
geocoding needs them.
"""

from __future__ import annotations

from rule_helpers import extract, names


def _place(f, name):
    return next(e for e in f.entities if e.name == name)


def test_a_division_with_its_word_unique_in_the_world_is_placed_without_a_state_named(extractor):
    """"Borgou department": no other state has a division of that name, so the report need not
    name Benin (before round 20 it stayed a place with no country)."""
    f = extract(extractor, "Toll rises\n\nGunmen attacked a police post in Borgou department on Tuesday, "
                           "killing four officers, a spokesman said.")
    place = _place(f, "Borgou department")
    assert place.attributes.get("country_code") == "BJ"
    assert place.attributes.get("feature_class") == "A"
    attack = next(v for v in f.events if v.type == "Attack")
    assert names(f, attack, "location") == ["Borgou department"]


def test_a_division_two_states_have_takes_the_state_whose_government_the_report_names(extractor):
    """"the Centre region" is a division of two states; "the Cameroonian government" names one."""
    f = extract(extractor, "Gendarmes killed\n\nGunmen killed three gendarmes in the Centre region on Monday, "
                           "the Cameroonian government said.")
    assert _place(f, "Centre region").attributes.get("country_code") == "CM"


def test_a_division_two_states_have_stays_unplaced_when_the_report_names_neither(extractor):
    f = extract(extractor, "Gendarmes killed\n\nGunmen killed three gendarmes in the Centre region on Monday, "
                           "a spokesman said.")
    assert not _place(f, "Centre region").attributes.get("country_code")


def test_a_bare_name_is_not_taken_for_a_division_of_another_word(extractor):
    """Only the name with its own word: "Borgou district" is no division of the world's list."""
    f = extract(extractor, "Toll rises\n\nGunmen attacked a police post in Borgou district on Tuesday, "
                           "killing four officers, a spokesman said.")
    assert not _place(f, "Borgou district").attributes.get("country_code")


# ----- rule 2: "X said yesterday's talks with Y ...": X and Y met


def _meetings(f):
    return [v for v in f.events if v.type == "Meeting"]


def test_talks_with_someone_in_the_speakers_words_are_a_meeting_of_the_speaker(extractor):
    f = extract(extractor, "Border deal\n\nPresident Michael Turner said yesterday's talks with Borland leader "
                           "David Morgan had closed a painful chapter.")
    (meeting,) = _meetings(f)
    assert names(f, meeting, "participants") == ["David Morgan", "Michael Turner"]
    assert meeting.date is not None and meeting.date.value == "2024-03-11"
    assert meeting.modality == "asserted"


def test_talks_the_speaker_took_part_in_told_as_the_setting_of_his_words(extractor):
    f = extract(extractor, "Border row\n\nPrime Minister Michael Turner said on Friday that he had made clear in "
                           "yesterday's talks with David Morgan that the valley was not for sale.")
    (meeting,) = _meetings(f)
    assert names(f, meeting, "participants") == ["David Morgan", "Michael Turner"]
    assert meeting.date.value == "2024-03-11"


def test_talks_with_someone_not_in_anyones_words_take_no_speaker(extractor):
    """No verb of saying above the talks: no one is added (one side only: no meeting)."""
    f = extract(extractor, "Border row\n\nYesterday's talks with David Morgan closed a painful chapter.")
    assert not _meetings(f)


# ----- rule 3: a town the gazetteer lacks, in the state the text puts it in: no point of its own


def test_an_unlisted_place_in_a_part_of_a_state_has_its_country_and_no_point(extractor):
    """Before round 20 "X in northern Y" was a point at Y's centre, and fusion vetoed it against
    the province it lies in (200 km from that centre)."""
    f = extract(extractor, "Soldiers killed\n\nGunmen attacked two army posts in the Zarvoune Game Reserve in "
                           "northern Benin on Thursday, killing nine soldiers.")
    place = _place(f, "Zarvoune Game Reserve")
    assert place.attributes.get("country_code") == "BJ"
    assert place.geo is None


def test_a_town_the_gazetteer_lists_keeps_its_point(extractor):
    f = extract(extractor, "Soldiers killed\n\nGunmen attacked an army post in Kandi in northern Benin on Thursday.")
    place = _place(f, "Kandi")
    assert place.attributes.get("country_code") == "BJ" and place.geo is not None


def test_a_division_of_the_state_named_keeps_its_record(extractor):
    """"the X region of Y" with X a division of Y is that division, not a place of no point."""
    f = extract(extractor, "Unrest\n\nPolice were attacked in Aksu, in the Xinjiang region of China, on Monday.")
    region = _place(f, "Xinjiang region")
    assert region.attributes.get("country_code") == "CN" and region.geo is not None


# ----- rule 4: "X, in the Z prefecture of northern Y": X and Z lie in Y


def test_a_place_in_a_division_of_a_state_named_after_of_lies_in_that_state(extractor):
    f = extract(extractor, "Post attacked\n\nFighters attacked an army post at Vorlakandi, in the Mardjal prefecture "
                           "of northern Togo, on Thursday, killing 12 soldiers.")
    assert _place(f, "Vorlakandi").attributes.get("country_code") == "TG"
    prefecture = _place(f, "Mardjal prefecture")
    assert prefecture.attributes.get("country_code") == "TG"
    assert prefecture.attributes.get("feature_class") == "A"


def test_of_after_a_plain_name_says_nothing_of_its_state(extractor):
    """Only a division word before "of" ("the Mardjal prefecture of Togo"), not "the people of Togo"."""
    f = extract(extractor, "Post attacked\n\nFighters attacked an army post at Vorlakandi, near the hills of "
                           "northern Togo, on Thursday, killing 12 soldiers.")
    assert not _place(f, "Vorlakandi").attributes.get("country_code")
