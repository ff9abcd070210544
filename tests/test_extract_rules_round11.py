"""The eleventh round of rules for real news (issue 10) and the fusion reports' extraction misses (issue 11).

Each rule on short reports invented for these tests, with a guard for what it must leave alone:
who reports an attack is not its agent, also when the parser loses a passive's subject; the dead
named in a headline ("Two X fighters killed in strike") are no attacker.
"""

from __future__ import annotations

from rule_helpers import asserted, extract, names


def test_a_passive_toll_under_says_names_no_agent(extractor):
    f = extract(extractor, "Ambush kills 19\n\nThe Bolivian military says suspected guerrillas killed 19 people in an "
                           "ambush on Thursday. The military says 12 soldiers and seven civilians, including a child, "
                           "were killed in the attack in the southern Zala province.")
    attacks = asserted(f, "Attack")
    assert attacks
    assert all("Bolivian forces" not in names(f, v, "perpetrator") for v in attacks)


def test_an_active_claim_under_says_keeps_its_agent(extractor):
    f = extract(extractor, "Rebels kill 12\n\nThe Bolivian military says it killed 12 rebels in an attack on a camp "
                           "in Zala province.")
    [v] = asserted(f, "Attack")
    assert names(f, v, "perpetrator") == ["Bolivian forces"]


def test_the_dead_of_a_headline_are_no_attacker(extractor):
    f = extract(extractor, "Two Hezbollah fighters killed in strike in Lebanon\n\nTwo Hezbollah fighters were killed "
                           "when a drone hit their car near Tyre on Thursday, a source close to the group said.")
    attacks = asserted(f, "Attack")
    assert attacks
    assert all("Hezbollah" not in names(f, v, "perpetrator") for v in attacks)
    assert any("Hezbollah" in names(f, v, "target") for v in attacks)
