"""The thirtieth round of event rules for real news (issue 10): one policy for an event's modality
from what governs its trigger (``kg/extract/modality.py``; docs/extraction.md, "Round 30"), on short
reports invented for these tests: events that did not happen as told (a conditional, a denied claim,
a generic gerund, a request), with guards for the events that did (an attack whose doer denies it,
a pledge whose troops arrived, a capture whose effect is to come).
"""

from __future__ import annotations

from rule_helpers import asserted, extract


def _told(facts, etype):
    """Each event of ``etype`` by its trigger's words, with its modality."""
    return sorted((v.trigger.text.lower(), v.modality) for v in facts.events if v.type == etype)


# --- events that did not happen as told

def test_a_capture_told_under_would_is_hypothetical(extractor):
    facts = extract(extractor, "Town at stake\n\nFighting raged near Varnek on Monday. The fall of Varnek would give "
                               "the rebels control of the north.")
    assert ("fall", "hypothetical") in _told(facts, "Capture")
    assert asserted(facts, "Capture") == []


def test_a_seizure_claimed_and_denied_is_negated(extractor):
    facts = extract(extractor, "Base\n\nRebels said on Monday they had seized an army base in the town of Varnek, "
                               "a claim the army denied.")
    assert _told(facts, "Capture") == [("seized", "negated")]


def test_a_gerund_subject_of_a_present_verb_is_no_capture_done(extractor):
    facts = extract(extractor, "Bridge\n\nTaking the Tolsk bridge lets the rebels move troops across the river, "
                               "an analyst said on Monday.")
    assert _told(facts, "Capture") == [("taking", "hypothetical")]


def test_sending_troops_as_a_habit_is_no_deployment_done(extractor):
    facts = extract(extractor, "Troops\n\nSending more troops to Varnek is the usual reflex of the government, an "
                               "analyst said on Monday.")
    assert [v for v in facts.events if v.type == "Deployment" and v.modality in ("asserted", "planned")] == []


# --- guards: events that did happen stay asserted

def test_an_attack_whose_doer_denies_carrying_it_out_stays_an_attack(extractor):
    facts = extract(extractor, "Attack\n\nThe rebel group denied carrying out the attack on a police post in Varnek "
                               "on Monday.")
    assert _told(facts, "Attack") == [("attack", "asserted")]


def test_an_attack_denied_by_its_doer_stays_an_attack(extractor):
    facts = extract(extractor, "Attack\n\nThe rebel group denied the attack on a police post in Varnek on Monday.")
    assert _told(facts, "Attack") == [("attack", "asserted")]


def test_attacks_whose_carrying_out_is_denied_with_no_event_pointed_to_stay_denied(extractor):
    facts = extract(extractor, "Attack\n\nThe rebel group denied carrying out attacks on police posts in Varnek on "
                               "Monday.")
    assert _told(facts, "Attack") == [("attacks", "negated")]


def test_a_capture_whose_effect_is_to_come_stays_done(extractor):
    facts = extract(extractor, "Town\n\nThe capture of Varnek will allow the army to open the road, officials said "
                               "on Monday.")
    assert _told(facts, "Capture") == [("capture", "asserted")]


def test_a_gerund_subject_of_a_past_verb_stays_done(extractor):
    facts = extract(extractor, "Bridge\n\nTaking the Tolsk bridge took the rebels three weeks, an analyst said on "
                               "Monday.")
    assert _told(facts, "Capture") == [("taking", "asserted")]


def test_a_seizure_with_a_claim_nobody_denied_stays_done(extractor):
    facts = extract(extractor, "Base\n\nRebels said on Monday they had seized an army base in the town of Varnek, "
                               "a claim the army confirmed.")
    assert _told(facts, "Capture") == [("seized", "asserted")]


def test_troops_pledged_and_arrived_stay_a_deployment(extractor):
    facts = extract(extractor, "Troops\n\nThe country pledged on Monday to send 300 troops to Varnek, which arrived "
                               "on Friday.")
    assert [v.modality for v in facts.events if v.type == "Deployment"] in (["planned"], ["asserted"])


# --- a campaign kept going, told by the noun as by the verb ("continued its bombardment")

def test_the_continued_bombardment_of_a_town_is_no_one_attack(extractor):
    facts = extract(extractor, "Bombing\n\nThe minister on Monday condemned the continued aerial bombardment of "
                               "Varnek by government forces.")
    assert asserted(facts, "Attack") == []


def test_the_continued_shelling_that_killed_people_stays_an_attack(extractor):
    facts = extract(extractor, "Bombing\n\nThe continued shelling of Varnek killed four people on Monday.")
    assert _told(facts, "Attack") == [("shelling", "asserted")]


# --- a bare plural event noun as the subject of a present clause tells a kind of event (the modality
# of the word itself, read on the parse: the invented report opens no attack frame for it either way)

def _modality_of(extractor, sentence, word):
    doc = extractor.nlp(sentence)
    return extractor.events.modality.of(next(t for t in doc if t.lower_ == word))


def test_attacks_told_as_limited_to_places_are_a_kind_not_one_attack(extractor):
    assert _modality_of(extractor, "Terror attacks carried out by the group have so far been limited to Peru and "
                                   "Chile.", "attacks") == "hypothetical"


def test_attacks_that_killed_people_on_a_day_stay_done(extractor):
    assert _modality_of(extractor, "Attacks by the group killed 12 people in Peru on Monday.", "attacks") == "asserted"
