"""Entities, round 27 (issue 10): false entities on text not tuned on (docs/entities.md, "Round 27
(entities)"), by the mechanism still present today in the most batches' first runs.

Each extraction test is an invented report with invented places.
"""

from __future__ import annotations

from rule_helpers import extract, types_named


def _all(facts):
    return [(e.type, e.name) for e in facts.entities]


# 1. A people's name ("the Yezidis", "the Kosovar Xians", "the South Xians") is no place and no body.

def test_a_listed_people_in_a_list_of_peoples_is_no_place(extractor):
    f = extract(extractor, "Alliance\n\nThe alliance of Kurds, Arabs, Assyrians, Yezidis, Armenians and Turkmen "
                           "took Velkoro on Sunday.")
    assert types_named(f, "Yezidi") == [], _all(f)
    assert ("Location", "Velkoro") in _all(f)


def test_a_states_plural_demonym_with_a_qualifier_is_no_body(extractor):
    f = extract(extractor, "Tensions\n\nThe army said its aim was to protect the Kosovar Albanians from the "
                           "militias around Velkoro.")
    assert types_named(f, "Albanians") == [], _all(f)
    f = extract(extractor, "Summit\n\nThe message was sent to Pyongyang by the Japanese, the Chinese and the "
                           "South Koreans, the minister said.")
    assert types_named(f, "Koreans") == [], _all(f)


def test_a_listed_people_with_its_faith_is_no_body(extractor):
    f = extract(extractor, "Unrest\n\nMost residents of Velkoro are the largely Muslim Uyghurs, officials said.")
    assert types_named(f, "Uyghurs") == [], _all(f)
    assert ("Location", "Velkoro") in _all(f)


def test_a_people_is_told_from_its_name(extractor):
    from kg.extract.resolve import _a_people

    gaz = extractor.gazetteer
    # a people: a listed one, a state's plural demonym (alone or after capitalised qualifiers)
    assert _a_people("Yezidis", gaz)
    assert _a_people("Kosovar Albanians", gaz)
    assert _a_people("South Koreans", gaz)
    assert _a_people("Albanians", gaz)
    # not a people: a plural name of a state, a demonym in the singular, a place in -s, lower-case words
    assert not _a_people("United Arab Emirates", gaz)
    assert not _a_people("Philippines", gaz)
    assert not _a_people("Albanian", gaz)
    assert not _a_people("Velkoro Heights", gaz)
    assert not _a_people("armed Albanians", gaz)


def test_an_armed_group_a_plural_state_and_a_place_in_s_stay(extractor):
    f = extract(extractor, "Clashes\n\nThe Houthis fired missiles at Velkoro on Sunday, the coalition said.")
    assert ("ArmedGroup", "Houthis") in _all(f), _all(f)
    f = extract(extractor, "Talks\n\nOfficials from Qatar and the United Arab Emirates met in Velkoro on Sunday.")
    assert ("Country", "United Arab Emirates") in _all(f), _all(f)
    f = extract(extractor, "Talks\n\nThe Velkoro Heights were shelled by the Albanians on Sunday, the army said.")
    assert ("Location", "Velkoro Heights") in _all(f), _all(f)
