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
