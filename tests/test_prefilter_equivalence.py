"""The rules' prefilters skip work only: outputs are those of running every pattern.

``kg.extract.timex`` runs a rule's pattern only when the words it cannot match without are in
the text (``_features``); ``kg.extract.quantities`` scans for quantities only when a digit or a
number word is there (``_may_hold_number``). Both are speed-ups (docs/build-speed.md, round 5):
these tests check, over many generated strings, that a prefilter never turns away a text the
pattern would match, and that the functions give what they gave with the prefilters off.
"""

from __future__ import annotations

import datetime as dt
import random

import pytest

from kg.extract import quantities, timex

PUB = dt.date(2019, 3, 13)  # a Wednesday

# Fragments that make up the generated texts: every feature's words in several cases, numbers
# of every shape the rules read, relation and modifier words, count nouns, punctuation, and the
# characters that re's IGNORECASE folds to ASCII letters (long s, Kelvin sign, dotted/dotless i).
_FRAGMENTS = (
    "January", "Jan.", "Feb", "March", "march", "May", "may", "June", "Sept.", "Sep", "December",
    "Monday", "monday", "Tuesday", "Friday", "Sunday", "SUNDAY",
    "spring", "Summer", "autumn", "fall", "the fall", "Winter",
    "yesterday", "Today", "tomorrow", "tonight", "last night", "morning", "afternoon", "evening",
    "week", "weekend", "the weekend", "month", "year", "Year", "days", "weeks", "months", "years",
    "hours", "ago", "AGO", "after", "later", "earlier", "afterwards", "next", "following",
    "previous", "preceding", "same", "day", "the day before", "subsequent", "that",
    "3", "12", "21st", "2014", "1999", "3/4/2015", "2015-03-04", "12,000", "40", "7.5", "\u0663",
    "one", "two", "three", "a few", "several", "a couple of", "a dozen", "dozens", "scores",
    "hundreds", "thousands of", "tens of thousands", "half a dozen", "twenty-one", "a hundred",
    "about", "more than", "at least", "up to", "between", "and", "to", "or so", "-odd", "+",
    "the", "of", "in", "on", "since", "until", "by", "early", "mid-", "late", "end of", "this",
    "last", "past", "coming", "recent", "less than", "troops", "people", "soldiers", "killed",
    "percent", "$", "aged", "Resolution", "someone", "often", ",", ".", "-", "(",
    "Monday, May 3, 2014", "the 3rd of March, 2015", "June 7", "7 June", "the summer of 2014",
    "March 2016", "the end of the week", "three weeks ago", "two days after the rebels seized", "the next day",
    "the following month", "later that day", "the following weeks", "a day earlier", "hours later",
    "October last year", "last March", "next summer", "early 2015", "recent weeks", "the coming days",
    "hangover", "ba", "x-between", "no fewer than", "close to", "upwards of", "often", "someone",
    "an estimated", "several hundred", "a few thousand", "\u00a0", "\t", "\n", "from",
    "\u017fub\u017fequent", "wee\u212a", "\u0131n", "thou\u017fand", "Th\u0131rty",
    "on April 25", "on June 7 two",  # events round 29: a month and a number after "on" are a day
)


def _texts(n: int, seed: int) -> list[str]:
    """``n`` texts of 1-9 fragments, joined by spaces (now and then by nothing)."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        parts = rng.choices(_FRAGMENTS, k=rng.randint(1, 9))
        out.append("".join(p + rng.choice((" ", " ", " ", "")) for p in parts).strip())
    return out


TEXTS = _texts(4000, 14)


def test_the_fragments_reach_every_rule():
    """The generated texts are a test of every rule only if each rule matches some of them."""
    unmatched = [i for i, (p, _, _) in enumerate(timex._RULES) if not any(p.search(t) for t in TEXTS)]
    assert not unmatched


@pytest.mark.parametrize("index", range(len(timex._RULES)))
def test_a_rule_is_never_skipped_where_its_pattern_matches(index):
    pattern, _, needs = timex._RULES[index]
    for text in TEXTS:
        if pattern.search(text):
            assert timex._features(text).issuperset(needs), (text, needs)


def test_every_rule_names_known_features():
    known = set(timex._CASED_FEATURES) | set(timex._ANY_CASE_FEATURES) | {"digit"}
    for _, _, needs in timex._RULES:
        assert needs and set(needs) <= known


def test_find_times_is_what_every_rule_run_gives(monkeypatch):
    gated = [timex.find_times(t, PUB) for t in TEXTS]
    everything = frozenset(timex._CASED_FEATURES) | frozenset(timex._ANY_CASE_FEATURES) | {"digit"}
    monkeypatch.setattr(timex, "_features", lambda text: everything)
    assert [timex.find_times(t, PUB) for t in TEXTS] == gated
    assert any(gated)


def test_features_skip_rules_in_a_sentence_without_their_words():
    present = timex._features("Rebels seized the town on Monday after heavy fighting.")
    assert {"weekday", "after"} <= present
    assert not present & {"digit", "month", "season", "ago", "units"}


def test_case_folded_letters_keep_every_rule():
    """re matches "\u017fub\u017fequent" as "subsequent" under IGNORECASE; str.lower() does not."""
    found = timex.find_times("in the \u017fub\u017fequent weeks", PUB)
    assert [m.text for m in found] == ["the \u017fub\u017fequent weeks"]


def test_a_number_is_never_turned_away_where_the_quantity_pattern_matches():
    for text in TEXTS:
        if quantities._QUANTITY.search(text):
            assert quantities._may_hold_number(text), text


def test_find_quantities_is_what_the_full_scan_gives(monkeypatch):
    gated = [quantities.find_quantities(t) for t in TEXTS]
    monkeypatch.setattr(quantities, "_may_hold_number", lambda text: True)
    assert [quantities.find_quantities(t) for t in TEXTS] == gated
    assert any(gated)


def _spans(matches) -> list[tuple[int, int, dict]]:
    return [(m.start(), m.end(), m.groupdict()) for m in matches]


def test_quantity_matches_are_those_of_the_whole_scan():
    """The scan starts near each number only: the matches are still those of ``finditer``."""
    found = 0
    for text in TEXTS:
        expected = _spans(quantities._QUANTITY.finditer(text))
        assert _spans(quantities._quantity_matches(text)) == expected, text
        found += len(expected)
    assert found > 1000


@pytest.mark.parametrize("text", [
    "The hangover 5 soldiers",  # a qualifier inside the word before the number ("over")
    "between 3 and 5 tanks, more or less 400 troops and half a dozen drones",
    "an estimated several hundred fighters, at least\u00a0twenty rebels",
    "from 20 to 30 people; 1,200-1,500 refugees",
])
def test_quantity_matches_of_qualified_numbers(text):
    assert _spans(quantities._quantity_matches(text)) == _spans(quantities._QUANTITY.finditer(text))


def test_a_sentence_without_numbers_is_not_scanned():
    assert not quantities._may_hold_number("Rebels seized the town after heavy fighting.")
    assert quantities._may_hold_number("Rebels killed \u0663 soldiers.")  # an Arabic-Indic digit
    assert quantities._may_hold_number("Dozens of fighters were killed.")
    assert quantities._may_hold_number("Th\u0131rty soldiers were killed.")  # dotless i: always scanned


def test_quantity_kind_is_kept_per_noun_and_context():
    """quantity_kind is cached: a repeated question is answered as the first time, from the cache."""
    context = "Rebels killed 14 soldiers and wounded 9 others near the camp"
    first = quantities.quantity_kind("soldiers", context)
    hits = quantities.quantity_kind.cache_info().hits
    assert quantities.quantity_kind("soldiers", context) == first == "fatalities"
    assert quantities.quantity_kind.cache_info().hits == hits + 1
    assert quantities.quantity_kind("others", context) == quantities.quantity_kind.__wrapped__("others", context)
