"""The thirty-first round of event rules (issue 10, item 3: role fillers outside the trigger's clause):
a side told by a description of a state's forces ("troops had freed X", "attacked troops guarding
the port") is the report's one armed force (kg/extract/events/described_sides.py; docs/extraction.md,
"Round 31"). Invented reports; each positive test fails before the round, each guard passes on both.
"""

from __future__ import annotations

from rule_helpers import asserted, extract, names


def test_troops_that_freed_a_town_are_the_reports_one_force(extractor):
    facts = extract(extractor, "Town retaken\nThe Chilean military said troops had freed the town of Morvala "
                               "on Sunday after a week of fighting.")
    captures = asserted(facts, "Capture")
    assert len(captures) == 1
    assert names(facts, captures[0], "captor") == ["Chilean forces"]


def test_troops_attacked_while_guarding_a_port_are_its_target(extractor):
    facts = extract(extractor, "Port attacked\nThe Chilean army says suspected militants attacked troops "
                               "guarding the port of Morvala on Sunday.")
    attacks = asserted(facts, "Attack")
    assert len(attacks) == 1
    assert names(facts, attacks[0], "target") == ["Chilean forces"]
    assert names(facts, attacks[0], "location") == ["Morvala"]


# --- guards

def test_soldiers_of_another_state_are_not_the_one_force_of_the_report(extractor):
    # the one armed force named is not of the report's state: "soldiers" need not be theirs
    facts = extract(extractor, "Soldiers attacked\nMilitants attacked soldiers in northern Peru on Sunday, "
                               "Peruvian officials said. Peru says Chilean forces have massed on its border, and "
                               "Peru has protested to Chile.")
    for attack in asserted(facts, "Attack"):
        assert all("Chilean forces" not in names(facts, attack, role) for role in attack.roles)


def test_rebel_soldiers_are_no_state_force(extractor):
    facts = extract(extractor, "Town taken\nThe Chilean army said rebel soldiers had seized the town of Morvala "
                               "on Sunday.")
    for capture in asserted(facts, "Capture"):
        assert "Chilean forces" not in names(facts, capture, "captor")


def test_troops_in_a_report_naming_two_forces_are_nobody(extractor):
    facts = extract(extractor, "Town retaken\nThe Chilean army and Peruvian forces fought near the border. "
                               "Officials said troops had freed the town of Morvala on Sunday.")
    for capture in asserted(facts, "Capture"):
        assert names(facts, capture, "captor") == [] or len(names(facts, capture, "captor")) == 2


def test_their_troops_follow_the_pronoun_not_the_one_force(extractor):
    # a pronoun whose antecedent is another side: "their troops" are the group's, not the army's
    facts = extract(extractor, "Town taken\nThe Chilean army said the Kessa Liberation Front had massed near the "
                               "border. Their troops seized the town of Morvala on Sunday.")
    for capture in asserted(facts, "Capture"):
        assert "Chilean forces" not in names(facts, capture, "captor")
