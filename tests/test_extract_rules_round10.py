"""The tenth round of rules for real news (issue 10): constructions of batch J's dev articles.

Each rule on short reports invented for these tests, with a guard for what it must leave alone:
a place named by its noun and then its name ("the capital, X") when the parser hangs the name on the
verb; "they" standing for a list of names in the clause above ("A and B smiled as they shook
hands"); and a meeting named with "the" as the setting of a purpose infinitive, which happened.
"""

from __future__ import annotations

from rule_helpers import asserted, extract, names


def test_the_capital_then_its_name_places_the_attack(extractor):
    f = extract(extractor, "Troops attack mutineers\n\nThe government of Ruritania says its troops have attacked "
                           "mutinous soldiers in the northern half of the capital, Zenda, in a bid to end a "
                           "standoff.")
    [v] = asserted(f, "Attack")
    assert names(f, v, "location") == ["Zenda"]


def test_they_in_a_clause_under_a_list_of_names_is_both(extractor):
    f = extract(extractor, "Leaders meet\n\nPrime Minister Arvid Stenmark and President Tomas Kjell smiled as "
                           "they shook hands at the meeting in Zenda.")
    [v] = asserted(f, "Meeting")
    assert names(f, v, "participants") == ["Arvid Stenmark", "Tomas Kjell"]
    assert names(f, v, "location") == ["Zenda"]


def test_the_meeting_as_setting_of_a_purpose_happened(extractor):
    f = extract(extractor, "Leaders meet\n\nPrime Minister Arvid Stenmark and President Tomas Kjell leaned "
                           "across a table to shake hands at the meeting in Zenda.")
    [v] = asserted(f, "Meeting")
    assert names(f, v, "participants") == ["Arvid Stenmark", "Tomas Kjell"]


def test_a_purpose_at_an_indefinite_place_stays_a_goal(extractor):
    f = extract(extractor, "Rebels move north\n\nThe rebels moved north to attack the convoy at a checkpoint "
                           "in Zenda.")
    assert asserted(f, "Attack") == []


def test_a_fronted_place_does_not_swallow_the_signatories(extractor):
    f = extract(extractor, "Rivals sign deal\n\nAnd this week in Niamey, Chad and Niger signed an agreement to "
                           "stop supporting rebel groups.")
    [v] = asserted(f, "Meeting")
    assert names(f, v, "participants") == ["Chad", "Niger"]
    assert names(f, v, "location") == ["Niamey"]


def test_a_fronted_place_with_one_signatory_is_no_meeting(extractor):
    f = extract(extractor, "Minister signs deal\n\nIn Niamey, the minister signed an agreement.")
    assert asserted(f, "Meeting") == []

