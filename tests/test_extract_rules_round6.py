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
    "The rebels lobbed mortar shells at the town of Tarvella on Tuesday.",
    "The assassination of the governor of Tarvella on Tuesday shocked the country.",
    "A barrage of rockets on the town of Tarvella killed four civilians on Tuesday.",
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


# ----- spurious events: planned, prevented, failed, ongoing, not a force


@pytest.mark.parametrize("sentence", [
    "Kivu's president promised to send 300 troops to Tarvella.",
    "Kivu is considering sending 500 troops to Tarvella.",
    "The parliament voted to send 200 soldiers to Tarvella.",
])
def test_a_promised_or_considered_deployment_is_planned(extractor, sentence):
    f = extract(extractor, "Troops\n\n" + sentence)
    [v] = [v for v in f.events if v.type == "Deployment"]
    assert v.modality == "planned"


def test_sending_an_envoy_or_aid_deploys_no_one(extractor):
    f = extract(extractor, "Envoy\n\nKivu sent an envoy to Tarvella on Monday and dispatched aid to Orvanne.")
    assert not [v for v in f.events if v.type == "Deployment"]


@pytest.mark.parametrize("sentence, etype", [
    ("Police foiled an attack on a church in Tarvella on Monday.", "Attack"),
    ("Soldiers thwarted a raid on the barracks in Tarvella on Monday.", "Attack"),
    ("The rebels failed to capture Tarvella on Monday.", "Capture"),
])
def test_a_foiled_or_failed_event_did_not_happen(extractor, sentence, etype):
    f = extract(extractor, "News\n\n" + sentence)
    assert not asserted(f, etype)
    assert [v.modality for v in f.events if v.type == etype] == ["negated"]


@pytest.mark.parametrize("sentence, etype", [
    ("The army continued its offensive in Tarvella on Monday.", "Attack"),
    ("The militants have stepped up attacks in the region of Tarvella.", "Attack"),
    ("Kivu continues to send troops to the front in Tarvella.", "Deployment"),
])
def test_a_campaign_kept_going_is_no_one_event(extractor, sentence, etype):
    f = extract(extractor, "News\n\n" + sentence)
    assert not [v for v in f.events if v.type == etype]


def test_a_campaign_verb_leaves_the_events_told_beside_it(extractor):
    f = extract(extractor, "News\n\nThe army continued its offensive in the north. "
                           "On Monday, gunmen attacked a market in Tarvella, killing six people.")
    [v] = asserted(f, "Attack")
    assert names(f, v, "location") == ["Tarvella"] and v.quantities["fatalities"].value == 6


def test_an_accused_deed_is_told_as_done(extractor):
    f = extract(extractor, "Accusation\n\nThe government accused rebels of attacking the border town of Tarvella "
                           "on Monday.")
    [v] = asserted(f, "Attack")
    assert names(f, v, "location") == ["Tarvella"]
    f = extract(extractor, "Verge\n\nThe rebels are on the verge of capturing the town of Tarvella.")
    assert not asserted(f, "Capture")


# ----- attacks told by their landing or by a firefight


@pytest.mark.parametrize("sentence", [
    "A wave of rocket and mortar attacks struck Kismayo on Thursday.",
    "Rocket attacks hit Kismayo on Thursday.",
])
def test_attacks_that_struck_a_place_happened_there(extractor, sentence):
    """The attack noun itself is placed (and typed by its weapon), not only the verb of its landing."""
    f = extract(extractor, "News\n\n" + sentence)
    [v] = asserted(f, "Attack")
    assert names(f, v, "location") == ["Kismayo"]
    assert v.trigger.text == "attacks" and v.subtype == "RocketAttack"


def test_exchanging_fire_with_a_group_is_an_attack_on_it(extractor):
    f = extract(extractor, "News\n\nPeacekeepers exchanged fire with the Kivu Liberation Front in the town of "
                           "Tarvella on Monday.")
    [v] = asserted(f, "Attack")
    assert names(f, v, "target") == ["Kivu Liberation Front"]
    assert names(f, v, "location") == ["Tarvella"]


def test_exchanging_words_is_no_attack(extractor):
    f = extract(extractor, "News\n\nThe two ministers exchanged views in the town of Tarvella on Monday.")
    assert not asserted(f, "Attack")


# ----- tolls


def test_a_count_after_including_is_a_part_of_the_toll(extractor):
    f = extract(extractor, "News\n\nAt least 20 people, including five children, were killed when a bomb exploded "
                           "in the town of Tarvella on Friday.")
    [v] = asserted(f, "Attack")
    assert v.quantities["fatalities"].value == 20


def test_a_risen_toll_naming_no_event_is_the_toll_of_the_attack_told_before(extractor):
    f = extract(extractor, "News\n\nA bomb exploded in the town of Tarvella on Friday, killing 20 people. "
                           "The death toll has risen to 25.")
    [v] = asserted(f, "Attack")
    assert v.quantities["fatalities"].value == 25
    f = extract(extractor, "News\n\nA bomb exploded in the town of Tarvella on Friday, killing 20 people. "
                           "The injury toll has risen to 45.")
    [v] = asserted(f, "Attack")
    assert v.quantities["fatalities"].value == 20


# ----- meetings told by what they agreed


@pytest.mark.parametrize("sentence", [
    "Kenya and Somalia signed a security agreement in Nairobi on Tuesday.",
    "Kenya signed a deal with Somalia in Nairobi on Tuesday.",
])
def test_signing_an_agreement_is_a_meeting_of_the_signatories(extractor, sentence):
    f = extract(extractor, "Deal\n\n" + sentence)
    [v] = asserted(f, "Meeting")
    assert names(f, v, "participants") == ["Kenya", "Somalia"]
    assert names(f, v, "location") == ["Nairobi"]


def test_a_deal_agreed_by_two_presidents_is_their_meeting(extractor):
    f = extract(extractor, "Deal\n\nThe deal was agreed by Presidents John Okello and Tom Ruto in the lakeside "
                           "resort of Tarvella on Tuesday.")
    [v] = asserted(f, "Meeting")
    assert names(f, v, "participants") == ["John Okello", "Tom Ruto"]


def test_agreeing_to_a_ceasefire_alone_is_no_meeting(extractor):
    f = extract(extractor, "Truce\n\nThe rebels agreed to a ceasefire on Tuesday. Kenya signed the treaty.")
    assert not asserted(f, "Meeting")


# ----- tallies told again


def test_an_unplaced_tally_of_an_attacker_placed_elsewhere_is_no_attack_of_its_own(extractor):
    text = ("Airstrikes\n\nThe Kenyan army launched airstrikes on al-Shabaab camps in the town of Tarvella on "
            "Monday. Residents fled to the hills. Aid groups warned of hunger. Markets were closed. "
            "The Kenyan army says it has killed at least 60 militants.")
    f = extract(extractor, text)
    [v] = asserted(f, "Attack")
    assert names(f, v, "location") == ["Tarvella"]


def test_an_unplaced_attack_by_an_attacker_placed_nowhere_stays(extractor):
    f = extract(extractor, "Raid\n\nThe Kenyan army killed 12 militants in a raid on Monday, officials said.")
    [v] = asserted(f, "Attack")
    assert v.quantities["fatalities"].value == 12


# ----- modality: possible, feared, asked for, ready, ruled out


@pytest.mark.parametrize("sentence", [
    "Officials warned of possible attacks on the town of Tarvella.",
    "There are fears of an attack on the town of Tarvella.",
    "Residents braced for an imminent offensive on the town of Tarvella.",
])
def test_a_possible_or_feared_attack_did_not_happen(extractor, sentence):
    f = extract(extractor, "Warning\n\n" + sentence)
    assert not asserted(f, "Attack")
    assert [v.modality for v in f.events if v.type == "Attack"] == ["hypothetical"]


@pytest.mark.parametrize("sentence, modality", [
    ("Kenya is ready to deploy 500 troops to Somalia.", "planned"),
    ("Kenya is due to send 500 troops to Somalia next month.", "planned"),
    ("The council called for the deployment of 500 troops to Somalia.", "hypothetical"),
    ("Kenya ruled out sending troops to Somalia.", "negated"),
    ("Kenya has no plans to send troops to Somalia.", "negated"),
])
def test_deployments_made_ready_asked_for_or_ruled_out(extractor, sentence, modality):
    f = extract(extractor, "Troops\n\n" + sentence)
    [v] = [v for v in f.events if v.type == "Deployment"]
    assert v.modality == modality


def test_being_able_to_retake_a_town_is_retaking_it(extractor):
    f = extract(extractor, "Retaken\n\nGovernment troops were able to retake the town of Tarvella on Monday.")
    [v] = asserted(f, "Capture")
    assert names(f, v, "place") == ["Tarvella"]


# ----- summaries


def test_plural_attacks_that_took_place_near_a_town_before_any_is_told_sum_them_up(extractor):
    text = ("Attacks\n\nSeparate attacks in the north have killed four soldiers. The deadly attacks all took place "
            "near the town of Tarvella. On Friday, a roadside bomb killed two soldiers in the village of Orvanne.")
    f = extract(extractor, text)
    located = sorted(n for v in asserted(f, "Attack") for n in names(f, v, "location"))
    assert "Tarvella" not in located
    assert "Orvanne" in located


# ----- idioms of capture verbs


def test_a_capture_verb_with_an_idiom_object_takes_no_place(extractor):
    f = extract(extractor, "News\n\nThe militants took advantage of a brief coup in the capital, Tarvella, in 2012.")
    assert not asserted(f, "Capture")


def test_a_capture_verb_with_a_place_object_still_takes_it(extractor):
    f = extract(extractor, "News\n\nThe rebels took the town of Tarvella on Monday.")
    [v] = asserted(f, "Capture")
    assert names(f, v, "place") == ["Tarvella"]


# ----- a deployment announced before it is told with its place


def test_a_deployment_announced_before_its_place_is_told_is_that_deployment(extractor):
    text = ("Kenya announces upcoming deployment\n\nThe Kenyan defence ministry announced today that the 3rd "
            "Brigade will deploy about 4,000 soldiers to Somalia in the spring.")
    f = extract(extractor, text)
    [v] = [v for v in f.events if v.type == "Deployment"]
    assert names(f, v, "destination") == ["Somalia"]
    assert names(f, v, "agent") == ["Kenya"]  # the headline's sender, on the deployment the body tells
    assert v.quantities["troops"].value == 4000
