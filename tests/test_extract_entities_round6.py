"""The sixth round for real news (issue 10): entity mentions, their types and coreference, each
rule on short reports invented for these tests (docs/entities.md).

The classes come from the real-news dev entity errors counted by kind: armed groups named by the
people they fight for ("X rebels") or by their patron ("X-backed separatists"), a group of the
lexicon named with its fighters' noun ("X rebels" for a listed "X"), and definite descriptions
("the rebels", "the troops") that point back to the actor named before.
"""

from __future__ import annotations

from rule_helpers import asserted, entity_types, extract, names

# ----- armed groups named by their people or their patron


def test_a_peoples_name_before_rebels_is_an_armed_group_and_the_rebels_are_it(extractor):
    f = extract(extractor, "Rebels attack town\n\nKaren rebels attacked the town of Lakora on Sunday, killing 12 "
                           "people. The rebels later withdrew.")
    assert entity_types(f).get("Karen rebels") == "ArmedGroup"
    [v] = asserted(f, "Attack")
    assert names(f, v, "perpetrator") == ["Karen rebels"]
    group = next(e for e in f.entities if e.name == "Karen rebels")
    assert len(group.mentions) == 2  # "The rebels" is the same group


def test_a_states_demonym_or_a_faith_before_rebels_names_no_group(extractor):
    f = extract(extractor, "Fighting\n\nSomali rebels and Muslim rebels clashed near the town of Lakora on Sunday.")
    types = entity_types(f)
    assert "Somali rebels" not in types and "Muslim rebels" not in types
    assert not any(t == "ArmedGroup" for t in types.values())


def test_a_peoples_group_joins_the_listed_group_of_that_people(extractor):
    # the lexicon lists the LTTE with the alias "Tamil Tigers": "Tamil rebels" are that group
    f = extract(extractor, "Town falls\n\nThe LTTE said on Monday it had seized the town of Lakora. Tamil rebels "
                           "also attacked an army post.")
    groups = [e for e in f.entities if e.type == "ArmedGroup"]
    assert len(groups) == 1 and "Tamil rebels" in groups[0].aliases


def test_a_peoples_group_stays_its_own_without_a_listed_group_of_that_people(extractor):
    f = extract(extractor, "Town falls\n\nTamil rebels attacked an army post near the town of Lakora on Monday.")
    assert entity_types(f).get("Tamil rebels") == "ArmedGroup"


def test_a_listed_group_with_its_fighters_noun_is_one_mention_with_both_names(extractor):
    f = extract(extractor, "Strike\n\nHouthi rebels attacked the town of Lakora on Sunday.")
    group = next(e for e in f.entities if e.type == "ArmedGroup")
    assert group.name == "Houthis"
    assert "Houthi rebels" in group.aliases and "Houthi" in group.aliases
    [v] = asserted(f, "Attack")
    assert names(f, v, "perpetrator") == ["Houthis"]


def test_state_backed_separatists_are_one_group_with_pro_state_separatists_and_the_state_is_named(extractor):
    f = extract(extractor, "Shelling\n\nRussia-backed separatists shelled the town of Lakora on Monday. "
                           "Pro-Russian separatists also seized the town of Merovo.")
    groups = [e for e in f.entities if e.type == "ArmedGroup"]
    assert [g.name for g in groups] == ["Russia-backed separatists"]
    assert groups[0].aliases == ["Pro-Russian separatists"]
    assert entity_types(f).get("Russia") == "Country"
    assert groups[0].attributes.get("backed_by") == next(e.id for e in f.entities if e.name == "Russia")
    [capture] = asserted(f, "Capture")
    assert names(f, capture, "captor") == ["Russia-backed separatists"]


def test_pro_state_militia_and_militiamen_are_one_group(extractor):
    f = extract(extractor, "Clashes\n\nPro-Indonesia militiamen attacked the village of Lakora. "
                           "The pro-Indonesia militia then fled.")
    groups = [e for e in f.entities if e.type == "ArmedGroup"]
    assert len(groups) == 1 and sorted([groups[0].name, *groups[0].aliases]) == [
        "Pro-Indonesia militiamen", "pro-Indonesia militia"]
    assert entity_types(f).get("Indonesia") == "Country"
