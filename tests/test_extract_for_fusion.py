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
