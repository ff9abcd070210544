"""Counted amounts with qualifiers (kg.extract.quantities)."""

from __future__ import annotations

from typing import Optional

import pytest

from kg.extract.quantities import (
    QuantityMention,
    find_quantities,
    parse_number,
    parse_quantity,
    quantity_kind,
)
from kg.models import Quantity

# --------------------------------------------------------------------------- parse_number

@pytest.mark.parametrize(
    "text, value",
    [
        ("560", 560),
        ("1,200", 1200),
        ("10,000", 10000),
        ("1,250,000", 1250000),
        ("1200", 1200),
        ("3.5", 3.5),
        ("3.5 million", 3_500_000),
        ("1.2 billion", 1_200_000_000),
        ("10 thousand", 10_000),
        ("one", 1),
        ("twelve", 12),
        ("nineteen", 19),
        ("twenty", 20),
        ("twenty-five", 25),
        ("Twenty-Five", 25),
        ("twenty five", 25),
        ("ninety-nine", 99),
        ("two hundred", 200),
        ("a hundred", 100),
        ("two hundred and fifty", 250),
        ("one hundred twenty", 120),
        ("three thousand", 3000),
        ("twenty-five thousand", 25000),
        ("two hundred thousand", 200_000),
        ("one million", 1_000_000),
        ("a dozen", 12),
        ("two dozen", 24),
        ("half a dozen", 6),
        ("dozens", 24),
        ("scores", 40),
        ("hundreds", 200),
        ("thousands", 2000),
        ("millions", 2_000_000),
        ("tens of thousands", 20_000),
        ("hundreds of thousands", 200_000),
        ("several hundred", 300),
        ("a few thousand", 3000),
        ("  560  ", 560),
    ],
)
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize(
    "text", ["", "troops", "560 troops", "two three", "five twenty", "and", "twenty and five", "a", "1,20", "$11"]
)
def test_parse_number_rejects(text: str) -> None:
    assert parse_number(text) is None


# --------------------------------------------------------------------------- parse_quantity

@pytest.mark.parametrize(
    "text, value, qualifier",
    [
        ("200", 200, "exact"),
        ("about 200", 200, "approximate"),
        ("nearly 300", 300, "approximate"),
        ("almost 50", 50, "approximate"),
        ("around 1,000", 1000, "approximate"),
        ("roughly 20", 20, "approximate"),
        ("some 200", 200, "approximate"),
        ("an estimated 3,000", 3000, "approximate"),
        ("approximately 40", 40, "approximate"),
        ("close to 100", 100, "approximate"),
        ("About 200", 200, "approximate"),
        ("200 or so", 200, "approximate"),
        ("up to 500", 500, "at_most"),
        ("at least 12", 12, "at_least"),
        ("more than 300", 300, "at_least"),
        ("over 1,000", 1000, "at_least"),
        ("upwards of 50", 50, "at_least"),
        ("in excess of 50", 50, "at_least"),
        ("200 or more", 200, "at_least"),
        ("fewer than 10", 10, "at_most"),
        ("less than 20", 20, "at_most"),
        ("under 100", 100, "at_most"),
        ("at most 5", 5, "at_most"),
        ("no more than 30", 30, "at_most"),
        ("as many as 300", 300, "at_most"),
        ("dozens", 24, "approximate"),
        ("scores", 40, "approximate"),
        ("hundreds", 200, "approximate"),
        ("thousands", 2000, "approximate"),
        ("a dozen", 12, "approximate"),
        ("several hundred", 300, "approximate"),
        ("more than a dozen", 12, "at_least"),  # an explicit qualifier wins over vagueness
        ("at least hundreds", 200, "at_least"),
        ("200-300", 250, "approximate"),
        ("200 to 300", 250, "approximate"),
        ("between 200 and 300", 250, "approximate"),
        ("nearly two hundred", 200, "approximate"),
    ],
)
def test_parse_quantity(text: str, value: float, qualifier: str) -> None:
    q = parse_quantity(text)
    assert q is not None
    assert (q.value, q.qualifier, q.text) == (pytest.approx(value), qualifier, text.strip())


@pytest.mark.parametrize("text", ["", "troops", "about", "200 troops", "about 200 more troops", "300-200"])
def test_parse_quantity_rejects(text: str) -> None:
    assert parse_quantity(text) is None


# --------------------------------------------------------------------------- find_quantities

@pytest.mark.parametrize(
    "text, span, value, qualifier, noun",
    [
        ("The US will send 560 more troops to Iraq.", "560 more troops", 560, "exact", "troops"),
        ("Some 200 additional US soldiers arrived.", "Some 200 additional US soldiers", 200, "approximate", "soldiers"),
        ("560 US troop reinforcements will be deployed", "560 US troop reinforcements", 560, "exact", "reinforcements"),
        ("they would dispatch about 200 more troops", "about 200 more troops", 200, "approximate", "troops"),
        ("a bombing that killed nearly 300 people.", "nearly 300 people", 300, "approximate", "people"),
        ("Some 1,200 US Marines were deployed", "Some 1,200 US Marines", 1200, "approximate", "marines"),
        ("Dozens of civilians were killed", "Dozens of civilians", 24, "approximate", "civilians"),
        ("hundreds of people fled", "hundreds of people", 200, "approximate", "people"),
        ("thousands more troops", "thousands more troops", 2000, "approximate", "troops"),
        ("tens of thousands of people", "tens of thousands of people", 20000, "approximate", "people"),
        ("scores of bodies were found", "scores of bodies", 40, "approximate", "bodies"),
        ("a dozen soldiers", "a dozen soldiers", 12, "approximate", "soldiers"),
        ("half a dozen drones", "half a dozen drones", 6, "approximate", "drones"),
        ("Twenty-five soldiers were wounded", "Twenty-five soldiers", 25, "exact", "soldiers"),
        ("two hundred fighters", "two hundred fighters", 200, "exact", "fighters"),
        ("up to 5,000 troops", "up to 5,000 troops", 5000, "at_most", "troops"),
        ("more than 300 people", "more than 300 people", 300, "at_least", "people"),
        ("fewer than 10 civilians", "fewer than 10 civilians", 10, "at_most", "civilians"),
        ("between 200 and 300 troops", "between 200 and 300 troops", 250, "approximate", "troops"),
        ("200-300 troops", "200-300 troops", 250, "approximate", "troops"),
        ("200 or so fighters", "200 or so fighters", 200, "approximate", "fighters"),
        ("2000 troops arrived", "2000 troops", 2000, "exact", "troops"),  # year-shaped, but counted
        ("five armored vehicles", "five armored vehicles", 5, "exact", "vehicles"),
        ("300 US armored vehicles", "300 US armored vehicles", 300, "exact", "vehicles"),
        ("12 Katyusha rockets", "12 Katyusha rockets", 12, "exact", "rockets"),
        ("40 mortar shells hit the base", "40 mortar shells", 40, "exact", "shells"),
        ("20 Iraqis killed in the blast", "20 Iraqis", 20, "exact", "iraqis"),
        ("20 police officers", "20 police officers", 20, "exact", "officers"),
        ("12 armoured personnel carriers", "12 armoured personnel carriers", 12, "exact", "carriers"),
        ("eight wounded", "eight wounded", 8, "exact", "wounded"),
        ("one soldier was killed", "one soldier", 1, "exact", "soldier"),
        ("killed 3.5 million people", "3.5 million people", 3_500_000, "exact", "people"),
        ("30 service members", "30 service members", 30, "exact", "members"),
        ("7 hostages", "7 hostages", 7, "exact", "hostages"),
        ("A 2,000-strong force was sent.", "2,000-strong force", 2000, "exact", "force"),
        ("Russia deployed four Su-24 bombers.", "four Su-24 bombers", 4, "exact", "bombers"),
        ("the U.S.-led coalition sent 200 U.S. troops", "200 U.S. troops", 200, "exact", "troops"),
    ],
)
def test_find_quantities(text: str, span: str, value: float, qualifier: str, noun: str) -> None:
    mentions = find_quantities(text)
    assert len(mentions) == 1, mentions
    m = mentions[0]
    assert (m.text, m.quantity.value, m.quantity.qualifier, m.noun) == (span, pytest.approx(value), qualifier, noun)
    assert text[m.start:m.end] == m.text


def test_quantity_text_omits_noun() -> None:
    (m,) = find_quantities("They sent about 200 more troops.")
    assert m.quantity == Quantity(200.0, "approximate", "about 200")
    assert isinstance(m, QuantityMention)


def test_several_quantities_in_one_sentence() -> None:
    text = "At least 12 people were killed and 40 others wounded when 3 rockets hit."
    got = [(m.text, m.noun) for m in find_quantities(text)]
    assert got == [("At least 12 people", "people"), ("40 others", "others"), ("3 rockets", "rockets")]


def test_from_to_is_a_change_not_a_range() -> None:
    got = [(m.text, m.quantity.value) for m in find_quantities("increased from 2000 to 3000 troops")]
    assert got == [("3000 troops", 3000.0)]


@pytest.mark.parametrize(
    "text",
    [
        "about 40 miles from Mosul",
        "15 km south of the city",
        "Unlimited digital access $11/month.",
        "It cost $500 million.",
        "500 million dollars in aid",
        "In 2014 ISIS captured Mosul",
        "in 2014 elections",
        "aged 30",
        "a 30-year-old man",
        "a two-day visit",
        "three days later",
        "for two years",
        "at 10 a.m.",
        "at 10:30",
        "40 percent of the city",
        "40% of the city",
        "F-16 jets",
        "T-72 tanks",
        "The council adopted Resolution 2254 calls for talks",
        "on July 3 attackers struck",
        "on 3 July",
        "one of the hubs",
        "no one was hurt",
        "the 1990s",
        "the 3rd brigade",
        "one day",
        "they were killed in 2014.",
        "some have pointed to these attacks",
    ],
)
def test_not_counts(text: str) -> None:
    assert find_quantities(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "US to deploy 560 more troops to Iraq. Some 1,200 Marines, 40 miles away, joined dozens of "
        "advisers; at least 12 people were killed and 40 others wounded on July 3 in 2014.",
        "Between 200 and 300 troops, twenty-five drones and 3.5 million people: $11/month, 40%.",
        "\u201cNearly 300 people,\u201d he said \u2014 hundreds of thousands of refugees fled.",
    ],
)
def test_offsets_and_non_overlap(text: str) -> None:
    mentions = find_quantities(text)
    assert mentions
    for m in mentions:
        assert text[m.start:m.end] == m.text
        assert m.text.startswith(m.quantity.text)
        assert m.quantity.qualifier in ("exact", "approximate", "at_least", "at_most")
        assert m.noun is not None and m.noun == m.noun.lower()
    for a, b in zip(mentions, mentions[1:]):
        assert a.end <= b.start


# --------------------------------------------------------------------------- quantity_kind

@pytest.mark.parametrize(
    "noun, context, kind",
    [
        ("troops", "", "troops"),
        ("troops", "The US will send 560 more troops to help retake Mosul.", "troops"),
        ("soldiers", "200 additional US soldiers", "troops"),
        ("servicemen", "", "troops"),
        ("personnel", "", "troops"),
        ("marines", "", "troops"),
        ("advisers", "", "troops"),
        ("advisors", "", "troops"),
        ("paratroopers", "", "troops"),
        ("reinforcements", "560 US troop reinforcements", "troops"),
        ("forces", "200 special forces", "troops"),
        ("force", "a 2,000-strong force", "troops"),
        ("members", "30 service members", "troops"),
        ("members", "30 members of the group", None),
        ("fighters", "Iran sent 2,000 fighters to Syria", "troops"),
        ("fighters", "2,000 fighters", None),
        ("people", "a bombing that killed nearly 300 people", "fatalities"),
        ("people", "300 people died", "fatalities"),
        ("civilians", "Dozens of civilians were killed", "fatalities"),
        ("people", "the attack wounded 40 people", "injuries"),
        ("people", "40 people were injured", "injuries"),
        ("people", "2,000 people fled the city", "displaced"),
        ("people", "displacing 5,000 people", "displaced"),
        ("people", "militants kidnapped 12 people", "captured"),
        ("people", "20 people were taken hostage", "captured"),
        ("people", "police arrested 30 people", "captured"),
        ("others", "killed 20 people and wounded 40 others", "injuries"),
        ("people", "killed 20 people and wounded 40 others", "fatalities"),
        ("iraqis", "20 Iraqis killed in the blast", "fatalities"),
        ("soldiers", "20 soldiers were killed", "fatalities"),
        ("soldiers", "the militants captured 20 soldiers", "captured"),
        ("troops", "500 troops captured the town", "troops"),
        ("militants", "Iraqi troops killed 40 militants", "fatalities"),
        ("troops", "560 troops will help retake Mosul, where a bombing last week killed nearly 300 people", "troops"),
        ("dead", "", "fatalities"),
        ("deaths", "", "fatalities"),
        ("bodies", "", "fatalities"),
        ("wounded", "", "injuries"),
        ("injured", "", "injuries"),
        ("refugees", "", "displaced"),
        ("hostages", "", "captured"),
        ("prisoners", "", "captured"),
        ("vehicles", "", "vehicles"),
        ("tanks", "", "vehicles"),
        ("aircraft", "", "aircraft"),
        ("helicopters", "", "aircraft"),
        ("jets", "", "aircraft"),
        ("drones", "", "drones"),
        ("missiles", "", "missiles"),
        ("rockets", "", "rockets"),
        ("bombers", "two suicide bombers", None),
        ("TROOPS", "", "troops"),
        (None, "the death toll rose to 300", "fatalities"),
        ("people", "", None),
        ("people", "300 people attended the meeting", None),
        ("shells", "40 mortar shells", None),
        ("villages", "IS captured 40 villages", None),
        (None, "", None),
    ],
)
def test_quantity_kind(noun: Optional[str], context: str, kind: Optional[str]) -> None:
    assert quantity_kind(noun, context) == kind


def test_find_then_kind_on_article_sentence() -> None:
    text = "In response, the militant group has staged a bombing in Baghdad last week that killed nearly 300 people."
    (m,) = find_quantities(text)
    assert quantity_kind(m.noun, text) == "fatalities"
    assert m.quantity == Quantity(300.0, "approximate", "nearly 300")


@pytest.mark.parametrize(
    "text, kinds",
    [
        ("killing at least eleven people and wounding 23, police said", [("fatalities", 11), ("injuries", 23)]),
        ("The blast killed 12 and wounded 30 others.", [("fatalities", 12), ("injuries", 30)]),
        ("killing at least three soldiers and wounding seven others", [("fatalities", 3), ("injuries", 7)]),
    ],
)
def test_each_outcome_verb_counts_its_own_number(text: str, kinds: list) -> None:
    """The verb right before a number decides its kind, and "wounding 23" needs no noun."""
    found = [(quantity_kind(q.noun, text[max(0, q.start - 40):q.end + 40]), q.quantity.value)
             for q in find_quantities(text)]
    assert found == kinds


def test_an_adverb_before_the_counted_noun_is_skipped():
    (q,) = find_quantities("Somalia plans to send about 1,000 newly trained soldiers to the region.")
    assert (q.noun, q.quantity.value, q.quantity.qualifier) == ("soldiers", 1000, "approximate")


@pytest.mark.parametrize("text, kind", [
    ("Kenya deployed its first 400 police officers to the capital.", "troops"),
    ("Gunmen killed 12 police officers in the city.", "fatalities"),
])
def test_police_sent_somewhere_are_a_deployed_force(text, kind):
    (q,) = find_quantities(text)
    assert quantity_kind(q.noun, text) == kind


def test_wounded_another_ten_counts_the_wounded():
    from kg.extract.quantities import find_quantities, quantity_kind
    text = "A bomb killed three pilgrims and wounded another 10."
    found = {quantity_kind(q.noun, text): q.quantity.value for q in find_quantities(text)}
    assert found == {"fatalities": 3.0, "injuries": 10.0}


def test_a_count_after_including_or_among_them_is_a_part():
    from kg.extract.quantities import is_part_count

    text = "At least 20 people, including five children, were killed; among them at least 3 women."
    assert not is_part_count(text, text.index("20"))
    assert is_part_count(text, text.index("five"))
    assert is_part_count(text, text.index("3 women"))
