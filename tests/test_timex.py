"""Time expressions resolved against the publication date (kg.extract.timex)."""

from __future__ import annotations

import datetime as dt
from typing import Optional

import pytest

from kg.extract.timex import Shift, TimeMention, find_times, resolve, shift_value
from kg.models import DateValue

MON = dt.date(2016, 7, 11)  # a Monday: the anchor article
SUN = dt.date(2016, 7, 10)  # a Sunday
SUN_MONTH_START = dt.date(2016, 7, 3)  # a Sunday early in the month: "last week" is in June
JAN = dt.date(2017, 1, 10)  # a Tuesday in January: bare December is the previous year
LEAP = dt.date(2016, 2, 29)  # a leap day, also a Monday


def _value(expression: str, published: Optional[dt.date]) -> Optional[tuple[str, str]]:
    v = resolve(expression, published)
    return (v.value, v.precision) if v else None


def _only(text: str, published: Optional[dt.date]) -> TimeMention:
    mentions = find_times(text, published)
    assert len(mentions) == 1, mentions
    return mentions[0]


# --------------------------------------------------------------------------- the brief's anchors

@pytest.mark.parametrize(
    "expression, value, precision",
    [
        ("Monday", "2016-07-11", "day"),
        ("on Saturday", "2016-07-09", "day"),
        ("last week", "2016-07", "month"),
        ("in February", "2016-02", "month"),
        ("in December", "2015-12", "month"),
        ("in June", "2016-06", "month"),
        ("later this year", "2016", "year"),
        ("less than three months ago", "2016-04", "month"),
    ],
)
def test_brief_anchors(expression: str, value: str, precision: str) -> None:
    assert _value(expression, MON) == (value, precision)


# --------------------------------------------------------------------------- weekdays

@pytest.mark.parametrize(
    "expression, published, value",
    [
        ("Monday", MON, "2016-07-11"),
        ("on Monday", MON, "2016-07-11"),  # same day, not a week earlier
        ("Sunday", MON, "2016-07-10"),
        ("Tuesday", MON, "2016-07-05"),
        ("last Monday", MON, "2016-07-04"),
        ("last Sunday", MON, "2016-07-10"),
        ("past Friday", MON, "2016-07-08"),
        ("next Tuesday", MON, "2016-07-12"),
        ("next Monday", MON, "2016-07-18"),
        ("coming Friday", MON, "2016-07-15"),
        ("this Tuesday", MON, "2016-07-12"),
        ("this Friday", MON, "2016-07-15"),
        ("Monday night", MON, "2016-07-11"),
        ("late Sunday", MON, "2016-07-10"),
        ("Monday's", MON, "2016-07-11"),
        ("Sunday", SUN, "2016-07-10"),
        ("on Monday", SUN, "2016-07-04"),
        ("Saturday", SUN, "2016-07-09"),
        ("last Sunday", SUN, "2016-07-03"),
        ("this Monday", SUN, "2016-07-04"),  # Monday-Sunday week
        ("this Saturday", SUN, "2016-07-09"),
        ("next Monday", SUN, "2016-07-11"),
        ("Monday", JAN, "2017-01-09"),
        ("Sunday", JAN, "2017-01-08"),
        ("Monday", LEAP, "2016-02-29"),
        ("Sunday", LEAP, "2016-02-28"),
        ("next Tuesday", LEAP, "2016-03-01"),
    ],
)
def test_weekdays(expression: str, published: dt.date, value: str) -> None:
    assert _value(expression, published) == (value, "day")


# --------------------------------------------------------------------------- day words

@pytest.mark.parametrize(
    "expression, published, value",
    [
        ("today", MON, "2016-07-11"),
        ("Today", MON, "2016-07-11"),
        ("tonight", MON, "2016-07-11"),
        ("this morning", MON, "2016-07-11"),
        ("this evening", MON, "2016-07-11"),
        ("earlier today", MON, "2016-07-11"),
        ("yesterday", MON, "2016-07-10"),
        ("yesterday morning", MON, "2016-07-10"),
        ("late yesterday", MON, "2016-07-10"),
        ("last night", MON, "2016-07-10"),
        ("the day before yesterday", MON, "2016-07-09"),
        ("tomorrow", MON, "2016-07-12"),
        ("tomorrow night", MON, "2016-07-12"),
        ("the day after tomorrow", MON, "2016-07-13"),
        ("yesterday", LEAP, "2016-02-28"),
        ("today", LEAP, "2016-02-29"),
        ("tomorrow", LEAP, "2016-03-01"),
        ("yesterday", dt.date(2016, 3, 1), "2016-02-29"),
        ("yesterday", dt.date(2017, 1, 1), "2016-12-31"),
    ],
)
def test_day_words(expression: str, published: dt.date, value: str) -> None:
    assert _value(expression, published) == (value, "day")


# --------------------------------------------------------------------------- weeks, months, years

@pytest.mark.parametrize(
    "expression, published, value, precision",
    [
        ("last week", MON, "2016-07", "month"),
        ("this week", MON, "2016-07", "month"),
        ("earlier this week", MON, "2016-07", "month"),
        ("next week", MON, "2016-07", "month"),
        ("last week", SUN_MONTH_START, "2016-06", "month"),  # 7 days back crosses the month
        ("next week", dt.date(2016, 7, 28), "2016-08", "month"),
        ("last week", JAN, "2017-01", "month"),
        ("last week", dt.date(2017, 1, 5), "2016-12", "month"),
        ("last week", LEAP, "2016-02", "month"),
        ("over the weekend", MON, "2016-07", "month"),
        ("last weekend", dt.date(2016, 7, 4), "2016-07", "month"),
        ("last weekend", dt.date(2016, 7, 3), "2016-06", "month"),
        ("last month", MON, "2016-06", "month"),
        ("this month", MON, "2016-07", "month"),
        ("earlier this month", MON, "2016-07", "month"),
        ("later this month", MON, "2016-07", "month"),
        ("by the end of the month", MON, "2016-07", "month"),
        ("next month", MON, "2016-08", "month"),
        ("last month", JAN, "2016-12", "month"),
        ("next month", dt.date(2016, 12, 31), "2017-01", "month"),
        ("last month", LEAP, "2016-01", "month"),
        ("last year", MON, "2015", "year"),
        ("late last year", MON, "2015", "year"),
        ("the end of last year", MON, "2015", "year"),
        ("this year", MON, "2016", "year"),
        ("earlier this year", MON, "2016", "year"),
        ("later this year", MON, "2016", "year"),
        ("next year", MON, "2017", "year"),
        ("last year", JAN, "2016", "year"),
        ("last year", LEAP, "2015", "year"),
        ("in the coming days", MON, "2016-07", "month"),
        ("in the coming weeks", MON, "2016-07", "month"),
        ("in the coming weeks", dt.date(2016, 7, 28), "2016-08", "month"),
        ("in the next few weeks", MON, "2016-07", "month"),
        ("in the coming months", MON, "2016", "year"),
        ("in the coming months", dt.date(2016, 12, 20), "2017", "year"),
        ("in recent weeks", MON, "2016-07", "month"),
        ("in recent days", dt.date(2016, 7, 1), "2016-06", "month"),
        ("in recent months", MON, "2016", "year"),
        ("in recent months", JAN, "2016", "year"),
    ],
)
def test_relative_periods(expression: str, published: dt.date, value: str, precision: str) -> None:
    assert _value(expression, published) == (value, precision)


# --------------------------------------------------------------------------- month names

@pytest.mark.parametrize(
    "expression, published, value",
    [
        ("in February", MON, "2016-02"),
        ("February", MON, "2016-02"),
        ("in December", MON, "2015-12"),  # December 2016 is after publication
        ("in July", MON, "2016-07"),  # the publication month counts
        ("in August", MON, "2015-08"),
        ("in May", MON, "2016-05"),
        ("since May", MON, "2016-05"),
        ("in mid-March", MON, "2016-03"),
        ("in early June", MON, "2016-06"),
        ("late May", MON, "2016-05"),
        ("early May", MON, "2016-05"),
        ("the end of March", MON, "2016-03"),
        ("last February", MON, "2016-02"),
        ("last July", MON, "2015-07"),  # "last" is strictly before the publication month
        ("last December", MON, "2015-12"),
        ("next February", MON, "2017-02"),
        ("next August", MON, "2016-08"),
        ("this December", MON, "2016-12"),
        ("in February 2015", MON, "2015-02"),
        ("February 2015", MON, "2015-02"),
        ("May 2015", MON, "2015-05"),
        ("mid-March 2015", MON, "2015-03"),
        ("March of 2015", MON, "2015-03"),
        ("Sept. 2001", MON, "2001-09"),
        ("in December", JAN, "2016-12"),
        ("in January", JAN, "2017-01"),
        ("last December", JAN, "2016-12"),
        ("next December", JAN, "2017-12"),
        ("in March", LEAP, "2015-03"),
        ("in February", LEAP, "2016-02"),
        ("February 2015", None, "2015-02"),
    ],
)
def test_months(expression: str, published: Optional[dt.date], value: str) -> None:
    assert _value(expression, published) == (value, "month")


# --------------------------------------------------------------------------- explicit dates

@pytest.mark.parametrize(
    "expression, published, value",
    [
        ("July 3, 2016", MON, "2016-07-03"),
        ("July 3 2016", MON, "2016-07-03"),
        ("3 July 2016", MON, "2016-07-03"),
        ("3rd July 2016", MON, "2016-07-03"),
        ("the 3rd of July, 2016", MON, "2016-07-03"),
        ("Sunday, July 3, 2016", MON, "2016-07-03"),
        ("Sept. 11, 2001", MON, "2001-09-11"),
        ("July 3", MON, "2016-07-03"),
        ("3 July", MON, "2016-07-03"),
        ("July 3rd", MON, "2016-07-03"),
        ("the 3rd of July", MON, "2016-07-03"),
        ("July 11", MON, "2016-07-11"),
        ("July 20", MON, "2015-07-20"),  # not yet happened in 2016
        ("Dec. 25", MON, "2015-12-25"),
        ("Jan. 5", MON, "2016-01-05"),
        ("December 25", JAN, "2016-12-25"),
        ("January 20", JAN, "2016-01-20"),
        ("Monday, July 4", MON, "2016-07-04"),
        ("Friday, July 12", MON, "2013-07-12"),  # the weekday picks the year
        ("February 29", dt.date(2017, 3, 1), "2016-02-29"),
        ("February 29", LEAP, "2016-02-29"),
        ("2016-07-03", MON, "2016-07-03"),
        ("13/07/2016", MON, "2016-07-13"),
        ("07/13/2016", MON, "2016-07-13"),
        ("05/05/2016", MON, "2016-05-05"),
        ("13.07.2016", MON, "2016-07-13"),
        ("July 3, 2016", None, "2016-07-03"),
        ("2016-07-03", None, "2016-07-03"),
    ],
)
def test_explicit_dates(expression: str, published: Optional[dt.date], value: str) -> None:
    assert _value(expression, published) == (value, "day")


@pytest.mark.parametrize(
    "expression, published",
    [
        ("03/07/2016", MON),  # day/month order unknowable
        ("on the 3rd", MON),
        ("the 3rd", MON),
        ("February 30", MON),
        ("February 30, 2016", MON),
        ("February 29, 2015", MON),
        ("2016-02-30", MON),
        ("July 3", None),  # the year needs the publication date
    ],
)
def test_unresolvable_dates(expression: str, published: Optional[dt.date]) -> None:
    assert resolve(expression, published) is None


# --------------------------------------------------------------------------- years and seasons

@pytest.mark.parametrize(
    "expression, published, value",
    [
        ("in 2014", MON, "2014"),
        ("since 2014", MON, "2014"),
        ("during 2015", MON, "2015"),
        ("early 2015", MON, "2015"),
        ("mid-2015", MON, "2015"),
        ("the end of 2015", MON, "2015"),
        ("the end of the year", MON, "2016"),
        ("the winter of 2014", MON, "2014"),
        ("in the spring", MON, "2016"),  # a bare season: the publication year
        ("in the fall", MON, "2016"),
        ("last winter", MON, "2016"),  # a winter is dated by its January
        ("next winter", MON, "2017"),
        ("in 2014", None, "2014"),
        ("since 2014", None, "2014"),
    ],
)
def test_years_and_seasons(expression: str, published: Optional[dt.date], value: str) -> None:
    assert _value(expression, published) == (value, "year")


@pytest.mark.parametrize(
    "expression, published, value",
    [
        ("in the summer of 2014", MON, "2014-07"),  # a season of a known year: its middle month
        ("summer 2015", MON, "2015-07"),
        ("the spring of 2019", MON, "2019-04"),
        ("the autumn of 2013", MON, "2013-10"),
        ("this summer", MON, "2016-07"),
        ("last summer", MON, "2015-07"),  # July is still summer
        ("last spring", MON, "2016-04"),
        ("next summer", MON, "2017-07"),
        ("last summer", JAN, "2016-07"),
        ("in the summer of 2014", None, "2014-07"),
    ],
)
def test_seasons_of_a_known_year_are_their_middle_month(expression: str, published: Optional[dt.date],
                                                         value: str) -> None:
    assert _value(expression, published) == (value, "month")


# --------------------------------------------------------------------------- "ago"

@pytest.mark.parametrize(
    "expression, published, value, precision",
    [
        ("three days ago", MON, "2016-07-08", "day"),
        ("3 days ago", MON, "2016-07-08", "day"),
        ("a day ago", MON, "2016-07-10", "day"),
        ("a couple of days ago", MON, "2016-07-09", "day"),
        ("eleven days ago", MON, "2016-06-30", "day"),
        ("two hours ago", MON, "2016-07-11", "day"),
        ("a week ago", MON, "2016-07", "month"),
        ("two weeks ago", MON, "2016-06", "month"),
        ("a month ago", MON, "2016-06", "month"),
        ("six months ago", MON, "2016-01", "month"),
        ("twelve months ago", MON, "2015-07", "month"),
        ("less than three months ago", MON, "2016-04", "month"),
        ("about three months ago", MON, "2016-04", "month"),
        ("a year ago", MON, "2015", "year"),
        ("more than a year ago", MON, "2015", "year"),
        ("two years ago", MON, "2014", "year"),
        ("10 years ago", MON, "2006", "year"),
        ("a few days ago", MON, "2016-07", "month"),  # vague counts lose a level
        ("several months ago", MON, "2016", "year"),
        ("a month ago", LEAP, "2016-01", "month"),
        ("a month ago", dt.date(2016, 3, 31), "2016-02", "month"),  # clamped to Feb 29
        ("a year ago", LEAP, "2015", "year"),
        ("a week ago", dt.date(2016, 3, 3), "2016-02", "month"),
        ("two days ago", dt.date(2016, 3, 1), "2016-02-28", "day"),
        ("three months ago", JAN, "2016-10", "month"),
    ],
)
def test_ago(expression: str, published: dt.date, value: str, precision: str) -> None:
    assert _value(expression, published) == (value, precision)


# --------------------------------------------------------------------------- relations

@pytest.mark.parametrize(
    "text, mention, relation",
    [
        ("IS has held Mosul since 2014.", "since 2014", "after"),
        ("It held the town until March.", "until March", "before"),
        ("They must leave before Monday.", "before Monday", "before"),
        ("Fighting resumed after Saturday.", "after Saturday", "after"),
        ("The base must be secured by December 2016.", "by December 2016", "before"),
        ("It was quiet prior to 2014.", "prior to 2014", "before"),
        ("Talks ran from 2014.", "from 2014", "after"),
        ("It ended more than a year ago.", "more than a year ago", "point"),
        ("It began less than three months ago.", "less than three months ago", "point"),
        ("It ended about three months ago.", "about three months ago", "point"),
        ("The road stayed open until two weeks ago.", "until two weeks ago", "before"),
        ("It fell in 2014.", "2014", "point"),
        ("He spoke on Monday.", "Monday", "point"),
        ("since early 2014", "since early 2014", "after"),
        ("until mid-March", "until mid-March", "before"),
    ],
)
def test_relations(text: str, mention: str, relation: str) -> None:
    m = _only(text, MON)
    assert (m.text, m.relation) == (mention, relation)


# --------------------------------------------------------------------------- spans, longest match, offsets

ARTICLE = (
    "US Defense Secretary Ash Carter announced during a visit to Baghdad Monday that 560 US troop "
    "reinforcements will be deployed. The United States will send 560 more troops to Iraq later this "
    "year, Carter said on Monday. The increase comes less than three months after US officials "
    "announced that they would dispatch about 200 more troops. The base was recaptured, government "
    "forces said on Saturday. The Islamic State has lost territory in recent months, including "
    "al-Shadadi in February, Ramadi in December and Fallujah in June. A bombing in Baghdad last week "
    "killed nearly 300 people. Unlimited digital access $11/month."
)


def test_article_mentions() -> None:
    got = [(m.text, m.value.value, m.value.precision) for m in find_times(ARTICLE, MON)]
    assert got == [
        ("Monday", "2016-07-11", "day"),
        ("later this year", "2016", "year"),
        ("Monday", "2016-07-11", "day"),
        ("less than three months after", "2016-04", "month"),
        ("Saturday", "2016-07-09", "day"),
        ("recent months", "2016", "year"),
        ("February", "2016-02", "month"),
        ("December", "2015-12", "month"),
        ("June", "2016-06", "month"),
        ("last week", "2016-07", "month"),
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("the day before yesterday", "the day before yesterday"),
        ("earlier this month", "earlier this month"),
        ("later this year", "later this year"),
        ("on Monday, July 4, 2016, troops left", "Monday, July 4, 2016"),
        ("in the summer of 2014 IS advanced", "the summer of 2014"),
        ("in February 2015 the town fell", "February 2015"),
        ("since mid-March 2015", "since mid-March 2015"),
        ("last night's attack", "last night"),
    ],
)
def test_longest_match(text: str, expected: str) -> None:
    assert _only(text, MON).text == expected


@pytest.mark.parametrize(
    "text",
    [
        ARTICLE,
        "On Monday, July 4, officials said that since 2014 and until last week, three days ago and "
        "yesterday, in May and in mid-June 2015, 2016-07-03 and 13/07/2016 mattered.",
        "Since 2014 and before March; last Monday, next Tuesday, this morning; in the coming weeks.",
        "\u201cToday,\u201d he said (on Sunday) \u2014 after Saturday\u2019s raid.",
    ],
)
@pytest.mark.parametrize("published", [MON, SUN, JAN, LEAP, None])
def test_offsets_and_non_overlap(text: str, published: Optional[dt.date]) -> None:
    mentions = find_times(text, published)
    for m in mentions:
        assert text[m.start:m.end] == m.text == m.value.text
        assert m.relation in ("point", "before", "after")
        assert m.value.precision in ("year", "month", "day")
        assert len(m.value.value) == {"year": 4, "month": 7, "day": 10}[m.value.precision]
    for a, b in zip(mentions, mentions[1:]):
        assert a.end <= b.start


def test_mentions_are_in_text_order_and_typed() -> None:
    mentions = find_times("Yesterday and in 2014 and on Saturday", MON)
    assert [m.text for m in mentions] == ["Yesterday", "2014", "Saturday"]
    assert all(isinstance(m, TimeMention) and isinstance(m.value, DateValue) for m in mentions)


def test_neutral_preposition_outside_span() -> None:
    m = _only("Ramadi fell in December.", MON)
    assert (m.start, m.end, m.text) == (15, 23, "December")


# --------------------------------------------------------------------------- negatives

@pytest.mark.parametrize(
    "text",
    [
        "560 troops",
        "about 40 miles from Mosul",
        "Unlimited digital access $11/month.",
        "Mosul",
        "Militants may attack the base.",
        "May God protect them.",  # no date context
        "Theresa May said the UK would help.",
        "the fall of Mosul",
        "a spring offensive",
        "They march on Baghdad.",
        "2000 troops arrived",
        "after 2000 troops arrived",
        "increased from 2000 to 3000 troops",
        "on the 3rd",
        "03/07/2016",
        "the 1990s",
        "for years",
        "in recent years",
        "The Sunday Times reported it.",
        "2014 votes were counted",  # a bare year-shaped number without temporal context
        "the 2000 troops",
        "He was 20 in 2014-15",
        "a 30-year-old man",
        "at 10:30",
    ],
)
def test_not_times(text: str) -> None:
    assert find_times(text, MON) == []


@pytest.mark.parametrize("text", ["The 2003 invasion toppled him.", "a 2014 report said", "their 2015 offensive"])
def test_year_modifying_a_noun(text: str) -> None:
    m = _only(text, None)
    assert (m.value.precision, m.relation) == ("year", "point") and m.text.isdigit()


def test_day_number_followed_by_count_is_not_a_date() -> None:
    m = _only("In March 12 soldiers were killed.", MON)
    assert (m.text, m.value.value, m.value.precision) == ("March", "2016-03", "month")


@pytest.mark.parametrize(
    "text",
    ["Monday", "in February", "yesterday", "last week", "three days ago", "later this year",
     "3 July", "in the spring", "last summer", "in the coming weeks"],
)
def test_relative_expressions_need_publication_date(text: str) -> None:
    assert find_times(text, None) == []
    assert resolve(text, None) is None


# --------------------------------------------------------------------------- resolve()

def test_resolve_keeps_matched_text() -> None:
    assert resolve("on Saturday", MON) == DateValue("2016-07-09", "day", "Saturday")
    assert resolve("since 2014", MON) == DateValue("2014", "year", "since 2014")


def test_resolve_accepts_datetime_and_trailing_punctuation() -> None:
    assert resolve("Monday.", dt.datetime(2016, 7, 11, 18, 30)) == DateValue("2016-07-11", "day", "Monday")


@pytest.mark.parametrize("expression", ["", "troops", "Monday and Tuesday", "560 troops on Monday", "in"])
def test_resolve_rejects_non_expressions(expression: str) -> None:
    assert resolve(expression, MON) is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The increase comes less than three months after US officials announced it", "2016-04"),
        ("It came two weeks after rebels seized the road", "2016-06"),
    ],
)
def test_span_after_a_clause_counts_back_from_publication(text, expected):
    found = find_times(text, dt.date(2016, 7, 11))
    assert [t.value.value for t in found] == [expected]


def test_span_after_an_event_noun_is_not_resolved():
    assert find_times("They left three days after the attack.", dt.date(2016, 7, 11)) == []


# --------------------------------------------------------------------------- month of a relative year

@pytest.mark.parametrize(
    "expression, value",
    [
        ("in October last year", "2015-10"),
        ("in August of last year", "2015-08"),
        ("in March this year", "2016-03"),
        ("in May next year", "2017-05"),
        ("early February last year", "2015-02"),
    ],
)
def test_month_of_last_or_this_year(expression: str, value: str) -> None:
    assert _value(expression, MON) == (value, "month")


def test_month_of_last_year_is_one_mention() -> None:
    m = _only("The town fell in April last year.", MON)
    assert (m.text, m.value.value) == ("April last year", "2015-04")


# --------------------------------------------------------------------------- anchored expressions

@pytest.mark.parametrize(
    "text, mention, amount, unit, precision",
    [
        ("A day earlier, rebels shelled the port.", "A day earlier", -1, "day", "day"),
        ("They withdrew two days later.", "two days later", 2, "day", "day"),
        ("Troops returned three weeks later.", "three weeks later", 3, "week", "month"),
        ("The town fell a year earlier.", "a year earlier", -1, "year", "year"),
        ("The town fell days later.", "days later", 3, "day", "month"),  # vague: a month
        ("Reinforcements arrived a few hours later.", "a few hours later", 0, "day", "day"),
        ("The next day, the army withdrew.", "The next day", 1, "day", "day"),
        ("They struck again the following morning.", "the following morning", 1, "day", "day"),
        ("The previous day, a convoy was hit.", "The previous day", -1, "day", "day"),
        ("Talks resumed the following week.", "the following week", 1, "week", "month"),
        ("He declared a curfew the same evening.", "the same evening", 0, "day", "day"),
        ("The day before, militants attacked.", "The day before", -1, "day", "day"),
        ("The base was hit later that day.", "later that day", 0, "day", "day"),
        ("Troops were sent in the following days.", "the following days", 1, "day", "month"),
    ],
)
def test_anchored_expressions_carry_a_shift(text: str, mention: str, amount: int, unit: str, precision: str) -> None:
    m = _only(text, MON)
    assert m.text == mention and m.relation == "point"
    assert m.shift == Shift(amount, unit, precision, "previous")


def test_anchored_expression_falls_back_to_the_publication_date() -> None:
    assert _value("a day earlier", MON) == ("2016-07-10", "day")
    assert _value("two days later", MON) == ("2016-07-13", "day")


@pytest.mark.parametrize(
    "text",
    ["the day before the vote", "the day after the attack", "three days after the attack"],
)
def test_anchored_to_an_event_noun_is_not_resolved(text: str) -> None:
    assert find_times(text, MON) == []


def test_day_before_yesterday_is_not_anchored() -> None:
    m = _only("the day before yesterday", MON)
    assert (m.value.value, m.shift) == ("2016-07-09", None)


@pytest.mark.parametrize(
    "text, mention",
    [
        ("retook the city on Thursday, three days after the rebels seized it", "three days after"),
        ("two weeks after its fighters stormed the town", "two weeks after"),
        ("a month after the government announced a truce", "a month after"),
    ],
)
def test_span_after_a_clause_with_a_determiner_counts_from_its_clause(text: str, mention: str) -> None:
    m = [t for t in find_times(text, MON) if t.shift is not None]
    assert [t.text for t in m] == [mention] and m[0].shift.anchor == "clause" and m[0].shift.amount < 0


def test_span_after_counts_back_from_the_clause_time() -> None:
    m = [t for t in find_times("It came three days after rebels seized it", MON) if t.shift][0]
    assert m.shift == Shift(-3, "day", "day", "clause")


@pytest.mark.parametrize(
    "anchor, shift, expected",
    [
        (DateValue("2015-10-01", "day"), Shift(-3, "day", "day"), ("2015-09-28", "day")),
        (DateValue("2019-11-24", "day"), Shift(-1, "day", "day"), ("2019-11-23", "day")),
        (DateValue("2017-10-17", "day"), Shift(-5, "month", "month"), ("2017-05", "month")),
        (DateValue("2017-05-23", "day"), Shift(1, "day", "month"), ("2017-05", "month")),
        (DateValue("2019-11", "month"), Shift(-1, "day", "day"), ("2019-11", "month")),  # from mid-month
        (DateValue("2019-11", "month"), Shift(1, "month", "month"), ("2019-12", "month")),
        (DateValue("2019", "year"), Shift(2, "day", "day"), ("2019", "year")),
        (DateValue("2016-02-29", "day"), Shift(1, "year", "year"), ("2017", "year")),
    ],
)
def test_shift_value(anchor: DateValue, shift: Shift, expected: tuple[str, str]) -> None:
    v = shift_value(anchor, shift, "text")
    assert (v.value, v.precision, v.text) == (*expected, "text")


def test_anchored_mentions_keep_offsets_and_do_not_overlap() -> None:
    text = "On Monday rebels attacked; the next day and two days later, a day earlier than planned."
    mentions = find_times(text, MON)
    for m in mentions:
        assert text[m.start:m.end] == m.text == m.value.text
    assert [m.text for m in mentions] == ["Monday", "the next day", "two days later", "a day earlier"]


@pytest.mark.parametrize(
    "expression, value",
    [
        ("last Tuesday", "2023-10-17"),  # the week before: the day before would be "Tuesday"
        ("Tuesday", "2023-10-24"),
        ("past Tuesday", "2023-10-24"),
        ("last Thursday", "2023-10-19"),
        ("last Wednesday", "2023-10-18"),
    ],
)
def test_last_weekday_is_that_day_of_the_week_before(expression: str, value: str) -> None:
    wednesday = dt.date(2023, 10, 25)
    assert _value(expression, wednesday) == (value, "day")
