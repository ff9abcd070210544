"""Letters that re's IGNORECASE reads as ASCII (long s, Kelvin sign, dotted/dotless i) and digits
int() cannot read never crash extraction: the time is read where it can be, else left out."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.extract.timex import find_times

PUB = dt.date(2024, 3, 12)


@pytest.mark.parametrize("text", [
    "Gunmen attacked the town \u017feveral days ago, killing four.",
    "Gunmen attacked the town \u017fix days ago, killing four.",
    "Gunmen attacked the town \u00b2 days ago, killing four.",
    "The army came back three day\u017f later.",
    "Rebels seized the town \u0130n March.",
])
def test_odd_letters_give_no_crash(text):
    find_times(text, PUB)  # raised KeyError before


def test_a_long_s_count_still_reads_as_its_number():
    [t] = [t for t in find_times("The town fell \u017fix days ago.", PUB)]
    assert t.value.value == "2024-03-06" and t.value.precision == "day"
