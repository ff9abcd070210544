"""The twenty-second round of event rules for real news (issue 10): FALSE arguments of found events,
by class, seen in at least three LOOK batches (docs/extraction.md, "Round 22"), each on short reports
invented for these tests, with guards for what a rule must leave alone.
"""

from __future__ import annotations

from rule_helpers import asserted, extract, names


def _participants(facts):
    return [names(facts, v, "participants") for v in asserted(facts, "Meeting")]


# --- a state named only as the modifier of another actor of the event is no actor of its own (class:
#     a state named beside its own official or unit given the role as well; LOOK batches E F I K L,
#     the meeting part I K; the deployments' agent part is docs/agreement.md (c5))

def test_a_state_named_by_a_possessive_before_its_king_is_no_participant(extractor):
    facts = extract(extractor, "Minister visits\nDefense Secretary Harald Quendt met with military leaders and "
                               "Norway's King Olvar Brenn here today, and praised the troops stationed there.",
                    published="2024-02-05")
    assert ["Harald Quendt", "Olvar Brenn"] in _participants(facts)
    assert not any("Norway" in p for p in _participants(facts))


def test_a_state_named_before_its_president_s_title_is_no_participant(extractor):
    facts = extract(extractor, "Talks in the capital\nSecretary Harald Quendt met today with the Republic of Ghana "
                               "(ROG) President Olvar Brenn to discuss the security situation.",
                    published="2024-02-05")
    met = _participants(facts)
    assert ["Harald Quendt", "Olvar Brenn"] in met
    assert not any("Ghana" in p or "Republic of Ghana" in p for p in met)


def test_a_state_named_before_a_long_title_of_a_mediator_is_no_participant(extractor):
    facts = extract(extractor, "Leaders meet\nHarald Quendt and Pero Lindqvist met in Accra on Monday, along with "
                               "Norway's Minister for Safety and Security Olvar Brenn, who is mediating the talks.",
                    published="2024-02-05")
    assert ["Harald Quendt", "Olvar Brenn", "Pero Lindqvist"] in _participants(facts)


def test_a_state_named_on_its_own_beside_a_person_stays_a_participant(extractor):
    facts = extract(extractor, "Talks held\nHarald Quendt met with officials of Norway and Sweden in Oslo on Monday.",
                    published="2024-02-05")
    assert any({"Norway", "Sweden"} <= set(p) for p in _participants(facts)), _participants(facts)


def test_two_states_joined_by_and_are_no_modifiers(extractor):
    facts = extract(extractor, "Talks held\nNorway and Sweden held talks with Harald Quendt in Oslo on Monday.",
                    published="2024-02-05")
    assert any({"Norway", "Sweden"} <= set(p) for p in _participants(facts)), _participants(facts)


# --- the attacked side's answer names no perpetrator (class: the attacked side's counter-fire merged into
#     the attack it answers, its side the perpetrator; LOOK batches A G K)

def _attacks(facts):
    return [(names(facts, v, "perpetrator"), names(facts, v, "target")) for v in asserted(facts, "Attack")]


def test_fire_opened_on_their_attackers_and_its_kills_name_no_perpetrator(extractor):
    facts = extract(extractor, "Convoy hit\nA Chadian soldier was killed on Friday when a roadside bomb exploded near "
                               "their convoy in the town of Morvala. Other Chadian troops opened fire on their "
                               "attackers, and the military says they killed two of them.", published="2024-02-05")
    attacks = _attacks(facts)
    assert attacks and all("Chadian forces" not in perpetrators for perpetrators, _ in attacks), attacks


def test_a_counterattack_names_no_perpetrator_from_its_subject(extractor):
    facts = extract(extractor, "Town attacked\nChadian government troops launched a counterattack on the town of "
                               "Morvala on Saturday and killed ten rebels.", published="2024-02-05")
    attacks = _attacks(facts)
    assert attacks and all(perpetrators == [] for perpetrators, _ in attacks), attacks


def test_an_attack_that_answers_nothing_keeps_its_perpetrator(extractor):
    facts = extract(extractor, "Clash\nChadian troops attacked the Ostmark Liberation Front in the village of Morvala "
                               "on Sunday, killing five fighters.", published="2024-02-05")
    assert _attacks(facts) == [(["Chadian forces"], ["Ostmark Liberation Front"])]


# --- the sending state of a deployment told by its government or ministry (class: a body or person of the
#     sender given as the agent where the gold names the sender; LOOK batches C G W)

def _agents(facts):
    return [names(facts, v, "agent") for v in facts.events if v.type == "Deployment"]


def test_a_ministry_sending_reinforcements_sends_for_its_state(extractor):
    facts = extract(extractor, "Reinforcements sent\nSudan's army lost the town of Morvala on Monday. A day earlier, "
                               "the Sudanese Defence Ministry had said it was sending reinforcements to Kassala, and "
                               "state television showed columns of vehicles.", published="2024-02-05")
    assert _agents(facts) == [["Sudan"]]


def test_a_government_sending_troops_sends_for_its_state(extractor):
    facts = extract(extractor, "Troops sent\nSudan refused to join the talks. The Sudanese government sent 500 troops "
                               "to Kassala on Monday.", published="2024-02-05")
    assert _agents(facts) == [["Sudan"]]


def test_a_government_whose_state_the_report_does_not_name_stays_the_agent(extractor):
    facts = extract(extractor, "Troops sent\nThe Sudanese government sent 500 troops to Kassala on Monday.",
                    published="2024-02-05")
    assert _agents(facts) == [["Sudanese government"]]


def test_a_body_of_no_state_stays_the_agent(extractor):
    facts = extract(extractor, "Troops sent\nSudan refused to join the talks. The African Union sent 500 troops to "
                               "Kassala on Monday.", published="2024-02-05")
    assert _agents(facts) == [["African Union"]]


def _meetings(facts):
    return [names(facts, v, "participants") for v in asserted(facts, "Meeting")]


def test_a_government_at_talks_is_its_state(extractor):
    facts = extract(extractor, "Talks resume\nNegotiators for Colombia's government and the Ostmark Liberation Front "
                               "met in Havana in February.", published="2024-02-05")
    assert _meetings(facts) == [["Colombia", "Ostmark Liberation Front"]]


def test_a_body_of_no_state_at_talks_stays(extractor):
    facts = extract(extractor, "Talks resume\nColombia has suspended talks twice. In February, negotiators for the "
                               "African Union and the Ostmark Liberation Front met in Havana.", published="2024-02-05")
    assert _meetings(facts) == [["African Union", "Ostmark Liberation Front"]]
