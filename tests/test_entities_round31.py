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


# 2. Two names joined by "and", the subject of a verb of two people talking, one a person's: both are
#    persons, whatever NER calls the other (a body; a place the gazetteer knows by that name). And a
#    title the title list does not hold whole ("Secretary of State of Defense X Y") makes a person.

@pytest.mark.parametrize("text, name", [
    ("Velkaris and Jane Roe discussed the border dispute in Velkoro on Monday, officials said.", "Velkaris"),
    ("Ardenko and Velkaris also discussed the stalled elections, the official said.", "Velkaris"),
])
def test_a_name_talking_with_a_person_is_a_person(extractor, text, name):
    f = extract(extractor, "Talks\n\n" + text, published="2014-05-01")
    assert name in _names(f, "Person"), _all(f)


_LONG_TITLE = ("Talks\n\nDefense Secretary Jane Roe met here this afternoon with her counterpart from the United "
               "Kingdom, Secretary of State of Defense Martin Lincoln, Press Secretary Maria Velk said today.")


def test_a_name_after_a_long_title_is_a_person_not_a_town(extractor):
    f = extract(extractor, _LONG_TITLE, published="2014-05-01")
    assert ("Person", "Martin Lincoln") in _all(f), _all(f)


def test_a_surname_talking_with_a_person_joins_the_full_name(extractor):
    f = extract(extractor, _LONG_TITLE + "\n\nRoe and Lincoln discussed the transition in Velkoro, Velk said.",
                published="2014-05-01")
    assert "Lincoln" in _names(f, "Person") and "Lincoln" not in _names(f, "Location"), _all(f)


def test_a_state_talking_with_a_person_stays_a_state(extractor):  # guard
    f = extract(extractor, "Talks\n\nPeru and Jane Roe discussed the border dispute in Velkoro on Monday.",
                published="2014-05-01")
    assert "Peru" in _names(f, "Country") and "Peru" not in _names(f, "Person"), _all(f)


# 3. A listed actor's name whose last word the text writes as a common noun ("NATO's X Y mission" for the
#    listed "X Y Mission") also goes by the name without it (titles.yaml name_common_heads).

@pytest.fixture(scope="module")
def invented_mission(shipped_extractor):
    """The shipped model and gazetteer with an invented lexicon of one listed mission."""
    from kg.extract import Extractor
    from kg.extract.lexicon import ActorEntry, Lexicon

    entry = ActorEntry(key="velkor-shield", name="Velkor Shield Mission", type="ArmedForce", aliases=(),
                       country=None, wikidata=None, subtype="multinational (invented)")
    ex = Extractor(nlp=shipped_extractor.nlp, gazetteer=shipped_extractor.gazetteer, lexicon=Lexicon([entry]))
    ex.event_filter = None
    return ex


def test_a_listed_mission_written_with_a_common_noun_goes_by_its_bare_name(invented_mission):
    f = extract(invented_mission, "Support\n\nXland thanked Peru for its support of NATO's Velkor Shield mission "
                                  "in Velkoro.", published="2017-05-01")
    assert "Velkor Shield" in _names(f, "ArmedForce"), _all(f)


def test_a_listed_mission_written_whole_gets_no_bare_name(invented_mission):  # guard
    f = extract(invented_mission, "Support\n\nPeru sent troops to the Velkor Shield Mission in Velkoro.",
                published="2017-05-01")
    assert "Velkor Shield" not in _names(f, "ArmedForce"), _all(f)


# 4. Names NER reads wrongly for want of a word: a rank spelled out before a name (titles.yaml ranks, read
#    whole: "Junior Sergeant X Y", "Warrant | Officer X Y") is no part of it; a force's own name before
#    its troops ("1,000 X Security Force troops") is the force, no modifier; a second-level division's exact
#    name of three words NER calls a person is the division.

@pytest.mark.parametrize("text, name", [
    ("As a result, Junior Sergeant Tomas Ardenko was killed and two border guards were wounded in Velkoro.",
     "Tomas Ardenko"),
    ("Corporal Tomas Ardenko was killed in Velkoro on Monday, the army said.", "Tomas Ardenko"),
    ("Warrant Officer Tomas Ardenko died in Velkoro.", "Tomas Ardenko"),
    ("Petty Officer Tomas Ardenko and Second Lieutenant Marek Velkar were killed in Velkoro.", "Marek Velkar"),
])
def test_a_rank_spelled_out_is_no_part_of_the_name(extractor, text, name):
    f = extract(extractor, "Clash\n\n" + text, published="2014-05-01")
    assert ("Person", name) in _all(f), _all(f)
    assert not any(n.endswith(name) and n != name for _, n in _all(f)), _all(f)


def test_a_rank_word_alone_before_a_unit_is_no_title(extractor):  # guard
    f = extract(extractor, "Clash\n\nThe Second Division took Velkoro on Monday, the army said.",
                published="2014-05-01")
    assert any("Second Division" in n for n in _names(f, "ArmedForce")), _all(f)


def test_a_forces_own_name_before_its_troops_is_the_force(extractor):
    f = extract(extractor, "Reinforcements\n\nAround 1,000 Border Security Force troops reached the Velkoro "
                           "border belt today, officials said.", published="2014-05-01")
    assert ("ArmedForce", "Border Security Force") in _all(f), _all(f)


def test_a_three_word_division_ner_calls_a_person_is_a_place(extractor):
    from spacy.tokens import Span
    doc = extractor.nlp("The base in Velkoro, Valle del Cauca, was attacked.")
    span = Span(doc, 5, 8, label="PERSON")
    assert span.text == "Valle del Cauca"
    assert extractor.mentions._gazetteer_place(span, strict=True)
    assert not extractor.mentions._gazetteer_place(Span(doc, 3, 6, label="PERSON"), strict=True)  # guard


# 5. A body's press office named after the body ("Army Public Affairs"): with the body's word cut off as a
#    title's, what is left names no person; the office is a body.

def test_a_press_office_is_a_body_not_a_person(extractor):
    f = extract(extractor, "Deployment\n\nFor additional information on this brigade, contact Army Public Affairs "
                           "at (555) 010-2487.", published="2009-01-20")
    assert ("Organization", "Army Public Affairs") in _all(f), _all(f)
    assert not _names(f, "Person"), _all(f)


# 6. A building that never speaks as a body ("the X Council Building", "the Y Bar") is a place wherever it
#    is named; "the X Embassy said" stays a body.

def test_a_council_building_is_a_place(extractor):
    f = extract(extractor, "Bombs\n\nThe car bomb exploded in front of the Velkoro Provincial Council Building, "
                           "killing three people.", published="2014-05-01")
    assert ("Location", "Velkoro Provincial Council Building") in _all(f), _all(f)


def test_an_embassy_that_speaks_stays_a_body(extractor):  # guard
    f = extract(extractor, "Talks\n\nThe Velkoro Embassy said the talks would resume.", published="2014-05-01")
    assert ("Organization", "Velkoro Embassy") in _all(f), _all(f)


# 7. "the Army" written bare (titles.yaml definite_service_branches): a service named bare, an armed force,
#    after "the" only; not inside a body's name ("the Department of the Army") nor in a headline.

@pytest.mark.parametrize("text", [
    "About 300 personnel from the Army, Navy and Air Force will train with Xlandian troops in Velkoro.",
    "The companies will operate jointly with the Velkoro Police and the Army.",
])
def test_the_army_written_bare_is_a_force(extractor, text):
    f = extract(extractor, "Deployment\n\n" + text, published="2014-05-01")
    assert ("ArmedForce", "Army") in _all(f), _all(f)


@pytest.mark.parametrize("text", [
    "Deployment\n\nThe Department of the Army announced the deployment to Velkoro.",
    "Army takes Velkoro\n\nTroops entered Velkoro on Monday.",
])
def test_the_army_inside_a_name_or_a_headline_is_no_force_of_its_own(extractor, text):  # guard
    f = extract(extractor, text, published="2014-05-01")
    assert ("ArmedForce", "Army") not in _all(f), _all(f)


@pytest.mark.parametrize("text", [
    "Jane Roe met Tomas Ardenko in Velkoro to discuss the Peru-Bolivia defense relationship.",
    "Jane Roe met Tomas Ardenko in Velkoro to discuss the U.S.-Bolivia defense relationship.",
])
def test_a_state_of_a_pair_is_no_place_or_actor_of_an_event(extractor, text):
    """The state is named, but its words stand for no entity the event rules read (a meeting's place)."""
    from kg.extract.nlp import parse
    parsed = parse(extractor.nlp, "Talks\n\n" + text)
    resolution = extractor.resolver.resolve(extractor.mentions.find(parsed))
    assert "Bolivia" in [e.name for e in resolution.entities if e.type == "Country"]
    doc = next(s.span.doc for s in parsed.sentences if "Bolivia" in s.text)
    assert not [t.text for t in doc if "Bolivia" in t.text and (id(doc), t.i) in resolution.by_token]
