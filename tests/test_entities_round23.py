"""Entities, round 23 (issue 10): one thing an article names several ways is one entity, by one general
pass (`_one_entity_per_name`, kg/extract/resolve.py; docs/entities.md, "Round 23").

Each test is an invented report with invented names.
"""

from __future__ import annotations

from rule_helpers import extract


def _named(facts, part):
    return [(e.type, e.name, sorted(e.aliases)) for e in facts.entities if part in e.name or any(part in a for a in e.aliases)]


# 1. The same name typed two ways in two sentences (a place after "of"/"near", a group where it acts) is
#    one entity, of the type that says most (an armed actor's over a place's or a person's).

def test_a_name_typed_a_place_in_one_sentence_and_a_group_in_another_is_one_group(extractor):
    f = extract(extractor, "Raid\n\nMilitants of al-Kharoun stormed a base near Dusa on Monday. Officials blamed "
                           "al-Kharoun. The attack was the worst since al-Kharoun fighters overran the town in March.")
    named = _named(f, "Kharoun")
    assert [t for t, _, _ in named] == ["ArmedGroup"], named


# 2. An acronym and the one name of the article whose initials it is are one entity, of the long name's type
#    (no bracket or "known as" needs to say so).

def test_an_acronym_of_a_training_area_is_that_place(extractor):
    f = extract(extractor, "Drill\n\nU.S. soldiers trained at the Velmar Training Area in Bulgaria on Monday. "
                           "The VTA is one of four joint bases, officials said.")
    named = _named(f, "VTA")
    assert named == [("Location", "Velmar Training Area", ["VTA", "Velmar Training"])], named


def test_an_acronym_of_an_armed_force_joins_it_and_takes_its_type(extractor):
    f = extract(extractor, "Clashes\n\nFighters of the Dorvan Islamic Army seized the village of Kesh on Monday. "
                           "The DIA later withdrew.")
    named = _named(f, "DIA")
    assert len(named) == 1 and named[0][:2] == ("ArmedForce", "Dorvan Islamic Army"), named


def test_an_acronym_two_names_of_the_article_fit_joins_neither(extractor):
    # guard: "VTA" may be the training area or the tribal area: no guess
    f = extract(extractor, "Drill\n\nSoldiers trained at the Velmar Training Area on Monday. Officials at VTA said "
                           "500 troops took part. Tanks came from the Vorsk Tribal Area.")
    for e in f.entities:
        if e.name in ("Velmar Training Area", "Vorsk Tribal Area"):
            assert "VTA" not in e.aliases, (e.name, e.aliases)


def test_a_name_typed_one_way_throughout_is_left_alone(extractor):
    # guard: a group and a province that only share a word are two things
    f = extract(extractor, "Clash\n\nKalvo rebels attacked a base in Kalvo province on Sunday. Kalvo rebels later "
                           "seized the town of Selka.")
    types = sorted(t for t, n, _ in _named(f, "Kalvo") if n != "Kalvo")
    assert "Location" in types and "ArmedGroup" in types, _named(f, "Kalvo")


def test_a_units_acronym_without_its_number_joins_the_numbered_unit(extractor):
    f = extract(extractor, "Rotation\n\nThe mission is led by the Delvar Guard's 40th Armored Brigade Combat Team, or "
                           "ABCT, headquarters. The ABCT will stay nine months.")
    named = _named(f, "ABCT")
    assert len(named) == 1 and named[0][0] == "ArmedForce", named
    assert "40th Armored Brigade Combat Team" in {named[0][1], *named[0][2]}, named


# 3. A surname of two words after the full name ("Y Z" after "X Y Z") is that person.

def test_a_surname_of_two_words_is_the_person_named_in_full(extractor):
    f = extract(extractor, "Visit\n\nPresident Tomas Varga Ibarlen met the defense minister on Monday. Varga Ibarlen "
                           "said the talks were useful.")
    people = [(e.name, e.aliases) for e in f.entities if e.type == "Person"]
    assert people == [("Tomas Varga Ibarlen", ["Varga Ibarlen"])], people


def test_two_people_sharing_a_two_word_surname_keep_it_apart(extractor):
    # guard: "Varga Ibarlen" may be either of two people named in full: no guess
    f = extract(extractor, "Visit\n\nPresident Tomas Varga Ibarlen and his brother Luis Varga Ibarlen met the minister "
                           "on Monday. Varga Ibarlen said the talks were useful.")
    full = [e for e in f.entities if e.type == "Person" and e.name in ("Tomas Varga Ibarlen", "Luis Varga Ibarlen")]
    assert len(full) == 2 and all("Varga Ibarlen" not in e.aliases for e in full), [(e.name, e.aliases) for e in f.entities]
