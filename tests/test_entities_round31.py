"""Entities, round 31 (issue 10): first-run errors still present today and fresh writers' errors, by
mechanism (docs/entities.md, "Round 31 (entities)").

Each extraction test is an invented report; the towns, people and bodies are invented (states are real:
the gazetteer knows them).
"""

from __future__ import annotations

import pytest

from rule_helpers import extract


def _all(facts):
    return [(e.type, e.name) for e in facts.entities]


def _names(facts, etype):
    return [n for e in facts.entities if e.type == etype for n in [e.name, *e.aliases]]


# 1. States joined by a hyphen ("the Peru-Chile review", "continued U.S.-Chile cooperation"): each state
#    written out by its name is named (the golds list them), though the pair is a modifier; an
#    abbreviation ("U.S.") stays a modifier.

@pytest.mark.parametrize("sentence, state", [
    ("The ministers discussed the Peru-Bolivia border review in Velkoro on Monday.", "Bolivia"),
    ("The ministers discussed the Peru-Bolivia border review in Velkoro on Monday.", "Peru"),
    ("Jane Roe stressed continued U.S.-Bolivia economic and security cooperation in Velkoro.", "Bolivia"),
    ("Jane Roe praised the growing U.S.-New Zealand defense ties during the talks in Velkoro.", "New Zealand"),
])
def test_a_state_of_a_hyphenated_pair_is_named(extractor, sentence, state):
    f = extract(extractor, "Talks\n\n" + sentence, published="2014-05-01")
    assert state in _names(f, "Country"), _all(f)


def test_an_abbreviated_state_of_a_pair_stays_a_modifier(extractor):  # guard
    f = extract(extractor, "Talks\n\nJane Roe stressed continued U.S.-Bolivia economic cooperation in Velkoro.",
                published="2014-05-01")
    assert "United States" not in _names(f, "Country"), _all(f)


def test_adjectives_joined_by_a_hyphen_name_no_state(extractor):  # guard
    f = extract(extractor, "Talks\n\nThe Peruvian-Bolivian border commission met in Velkoro on Monday.",
                published="2014-05-01")
    assert not {"Peru", "Bolivia"} & set(_names(f, "Country")), _all(f)
