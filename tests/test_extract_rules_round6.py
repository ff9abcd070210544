"""The sixth round of rules for real news (issue 10), each on short reports invented for these tests.

This round favours broad classes over sentence fixes: the trigger lexicon checked against a broad
list of English attack, capture, deployment and meeting verbs and nominalisations (not only the
words of the dev articles), ...
"""

from __future__ import annotations

import pytest

from rule_helpers import asserted, extract, names

# ----- the lexicon, checked against a broad list of verbs and nouns


@pytest.mark.parametrize("sentence", [
    "Gunmen assassinated the mayor of Tarvella on Tuesday, police said.",
    "Militants gunned down five soldiers in Tarvella on Tuesday.",
    "The rebels lobbed mortar shells at Tarvella on Tuesday, killing three people.",
    "The assassination of the governor of Tarvella on Tuesday shocked the country.",
    "A barrage of rockets hit Tarvella on Tuesday, killing four civilians.",
    "An onslaught by rebel fighters on Tarvella killed 30 people on Tuesday.",
])
def test_attack_words_beyond_the_dev_articles_are_triggers(extractor, sentence):
    f = extract(extractor, "Violence\n\n" + sentence)
    [v] = asserted(f, "Attack")
    assert names(f, v, "location") == ["Tarvella"]


def test_annexing_a_region_is_capturing_it(extractor):
    f = extract(extractor, "Annexed\n\nRussia annexed Crimea on Tuesday.")
    [v] = asserted(f, "Capture")
    assert names(f, v, "place") == ["Crimea"] and names(f, v, "captor") == ["Russia"]


def test_posting_troops_is_a_deployment_and_posting_a_statement_is_none(extractor):
    f = extract(extractor, "Troops\n\nKenya posted 500 troops to Mogadishu on Tuesday.")
    [v] = [v for v in f.events if v.type == "Deployment"]
    assert names(f, v, "agent") == ["Kenya"] and names(f, v, "destination") == ["Mogadishu"]
    assert v.quantities["troops"].value == 500
    f = extract(extractor, "Statement\n\nThe ministry posted a statement on Tuesday about the fighting in Mogadishu.")
    assert not [v for v in f.events if v.type == "Deployment"]


def test_holding_discussions_is_a_meeting(extractor):
    f = extract(extractor, "Talks\n\nUgandan President Tom Okello held discussions with Kenyan President John Ruto "
                           "in Nairobi on Tuesday.")
    [v] = asserted(f, "Meeting")
    assert names(f, v, "participants") == ["John Ruto", "Tom Okello"]
    assert names(f, v, "location") == ["Nairobi"]


@pytest.mark.parametrize("sentence", [
    "The army has been waging a siege of Tarvella in recent weeks.",
    "The government has been waging a counteroffensive against rebels in Tarvella in recent days.",
])
def test_a_siege_or_counteroffensive_with_no_toll_is_no_one_attack(extractor, sentence):
    f = extract(extractor, "Fighting\n\n" + sentence)
    assert not asserted(f, "Attack")


def test_a_siege_with_a_toll_and_a_place_is_an_attack(extractor):
    f = extract(extractor, "Siege\n\nThe siege of Tarvella killed 40 civilians on Tuesday.")
    [v] = asserted(f, "Attack")
    assert names(f, v, "location") == ["Tarvella"]
    assert v.quantities["fatalities"].value == 40
