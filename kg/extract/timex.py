"""Find time expressions in news text and resolve them against the publication date.

Pure and stdlib-only: the extractor calls :func:`find_times` on a sentence (or a whole article)
and attaches the resolved :class:`~kg.models.DateValue` to the events it finds there.

Conventions (news is written in the past tense, so the past is the default):

* A bare weekday, month or day-and-month ("Monday", "in February", "3 July") is the most recent
  one **on or before** the publication date; the publication day/month itself counts ("on
  Monday" in a Monday article is that day, "in July" in a July article is that July).
* Only explicitly future wording goes forward: "next Tuesday", "next month", "later this year",
  "in the coming weeks", "tomorrow".
* "last <month|season>" and "past <weekday>" are the most recent one strictly before the
  publication month/season/day; "last <weekday>" is that day of the Monday-Sunday week before the
  publication's ("last Tuesday" in a Wednesday report is eight days back: the day before is
  "Tuesday" or "yesterday"), as "this <weekday>" is that day in the publication's week;
  "next"/"coming" the first one strictly after; "this <month|season>" is in the publication year.
* A :class:`DateValue` cannot hold a week, so weeks resolve to a month: "last/this/next week" is
  the month containing published -7/0/+7 days (precision month); "the weekend" is the month of
  the most recent Saturday.
* "N days ago" has day precision, "N weeks/months ago" month, "N years ago" year; vague counts
  ("a few", "several") lose one level of precision (days/weeks -> month, months/years -> year).
* Northern-hemisphere seasons. A season with a year or a relative word ("the summer of 2021",
  "last spring") is dated by its middle month with month precision (2021-07), as a DateValue
  cannot hold a season; a winter spans two years and is dated by its January with year
  precision, so "last winter" in a July 2016 article is 2016; a bare season ("in the summer")
  is the publication year.
* "the coming days/weeks" is the month of published +1/+7 days; "the coming months" the year of
  published +1 month; "recent days/weeks/months" the same backwards.
* "<Month> last/this/next year" ("in October last year") is that month of the year before/of/after
  publication.
* Anchored expressions count from another time, not from the publication date: "a day earlier",
  "two days later", "the next/following/previous day", "the day before", "the same evening",
  "later that day", "in the following days", and "three days after <clause>". Their mention
  carries a :class:`Shift`; its ``value`` is the shift applied to the publication date, a
  fallback for callers that know no better anchor (:func:`shift_value` applies it to another
  time). ``Shift.anchor`` says where the anchor is: ``"clause"`` for "N days after <clause>"
  (the time of the clause it hangs from: "retook the city on Thursday, three days after the
  rebels seized it"), ``"previous"`` for the others (an earlier time in the sentence or the
  narrative time of the text before it).
* Relations: "since/after/from X" -> ``after``; "until/till/before/by/prior to X" -> ``before``.
  "more/less than N ago" stays a ``point``: the brief's anchor ("less than three months ago" ->
  2016-04) dates an event, and callers keep point dates only.
* Spans include relation words and modifiers ("since 2014", "earlier this month", "the summer of
  2014") but not neutral prepositions ("in", "on", "during"), as in TimeML.
* Guarding against counts and verbs: a bare year needs temporal context ("in 2014", "early 2015",
  "the 2003 invasion") and is never followed by a count noun ("2000 troops"); "May" needs "in",
  "since", ... or a day/year; month and weekday names must be capitalised.
* Without a publication date only absolute expressions (explicit years, months with a year,
  full dates) resolve.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from types import MappingProxyType
from typing import Callable, Mapping, NamedTuple, Optional

from kg.models import DateValue

__all__ = ["Shift", "TimeMention", "find_times", "resolve", "shift_value"]


class Shift(NamedTuple):
    """How an anchored expression counts from its anchor: ``amount`` ``unit``s (signed)."""

    amount: int
    unit: str  # "day", "week", "month" or "year"
    precision: str  # of the result, before the anchor's own precision is taken into account
    anchor: str = "previous"  # "previous": an earlier time; "clause": the time of the governing clause


@dataclass(frozen=True)
class TimeMention:
    """A time expression found in a text, with offsets into that text."""

    start: int
    end: int
    text: str
    value: DateValue
    relation: str = "point"
    shift: Optional[Shift] = None  # set for anchored expressions ("a day earlier")


class _Res(NamedTuple):
    """A handler's answer: any date inside the period and its precision."""

    date: dt.date
    precision: str
    shift: Optional[Shift] = None


# --------------------------------------------------------------------------- lookup tables

_MONTH_NUMBERS: Mapping[str, int] = MappingProxyType(
    {
        **{
            name: i
            for i, name in enumerate(
                (
                    "january", "february", "march", "april", "may", "june", "july",
                    "august", "september", "october", "november", "december",
                ),
                start=1,
            )
        },
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
        "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
    }
)
_WEEKDAY_NUMBERS: Mapping[str, int] = MappingProxyType(
    {d: i for i, d in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}
)
# (first month, last month); winter wraps into the next year.
_SEASON_MONTHS: Mapping[str, tuple[int, int]] = MappingProxyType(
    {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}
)
_SEASON_MIDDLE: Mapping[str, int] = MappingProxyType({"spring": 4, "summer": 7, "autumn": 10, "fall": 10})
_SMALL_NUMBERS: Mapping[str, int] = MappingProxyType(
    {
        w: i
        for i, w in enumerate(
            (
                "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                "ten", "eleven", "twelve",
            )
        )
    }
    | {"a": 1, "an": 1, "a couple of": 2, "a couple": 2}
)
_VAGUE_COUNTS = frozenset({"a few", "few", "several"})
_VAGUE_COUNT_VALUE = 3

# --------------------------------------------------------------------------- regex building blocks

_MONTH_NAMES = "January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH_ABBRS = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
# Month words are accepted only capitalised (lower-case "march"/"may" are verbs).
_MONTH = rf"\b(?P<month>(?:{_MONTH_NAMES})|(?:{_MONTH_ABBRS})\.?)(?!\w)"
_MONTH_FULL = rf"\b(?P<month>{_MONTH_NAMES})\b"
_WEEKDAY = r"\b(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
_WEEKDAY_PREFIX = rf"(?:{_WEEKDAY},?\s+)?"
_DAY = r"(?<![\d.,/:$])\b(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\b"
_YEAR = r"(?<![\d.,/$])\b(?P<year>(?:19|20)\d\d)\b(?![-\u2013/]\d|%)"
_SEASON = r"(?P<season>(?i:spring|summer|autumn|fall|winter))"
# Modifiers that keep the period but narrow it; DateValue cannot express the narrowing.
_MOD = (
    r"(?:\b(?P<mod>(?i:early|mid|late|the\s+(?:end|beginning|start|middle)\s+of"
    r"|(?:end|beginning|start|middle)\s+of))[\s-]+)?"
)
_MOD_REL = (
    r"(?:\b(?P<mod>(?i:early|earlier|mid|late|later|the\s+(?:end|beginning|start|middle)\s+of"
    r"|(?:end|beginning|start|middle)\s+of))[\s-]+)?"
)
# A number followed by a count noun is a quantity ("in March 12 soldiers were killed"), not a day/year.
_NOT_COUNT = (
    r"(?!\s+(?:(?:more|additional|other|extra|new|[A-Z][\w.]*)\s+){0,2}"
    r"(?i:troops?|soldiers?|people|persons?|civilians?|fighters?|militants?|men|women|children"
    r"|refugees|police(?:men)?|officers?|marines?|advisers?|advisors?|personnel|rebels?"
    r"|insurgents?|killed|dead|wounded|injured|vehicles?|tanks?|aircraft|drones?|missiles?"
    r"|rockets?|casualties|deaths|hostages?|prisoners?)\b)"
)
# "from 2000 to 3000 troops": a year-shaped number in a range with a non-year is not a year.
_NOT_NUMBER_RANGE = r"(?!\s*(?:to|and|or|-|\u2013)\s*(?!(?:19|20)\d\d\b)\d)"
_AGO_NUMBER = (
    r"\d{1,3}|a\s+couple\s+of|a\s+couple|a\s+few|few|several|an?|one|two|three|four|five|six"
    r"|seven|eight|nine|ten|eleven|twelve"
)

# --------------------------------------------------------------------------- rule patterns

_ISO_DATE = re.compile(
    r"(?<![\d-])\b(?P<year>(?:19|20)\d\d)-(?P<mon>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])\b(?!-\d)"
)
_NUMERIC_DATE = re.compile(
    r"(?<![\d/.])\b(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<year>(?:19|20)\d\d)\b(?![/.]\d)"
)
_MONTH_DAY_YEAR = re.compile(rf"{_WEEKDAY_PREFIX}{_MONTH}\s+{_DAY},?\s+{_YEAR}")
_DAY_MONTH_YEAR = re.compile(rf"{_WEEKDAY_PREFIX}(?:[Tt]he\s+)?{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}")
_MONTH_DAY = re.compile(rf"{_WEEKDAY_PREFIX}{_MONTH}\s+{_DAY}{_NOT_COUNT}")
# Round 29: after "on" a month and a number are a day, whatever follows ("a strike on April 25 killed two").
_ON_MONTH_DAY = re.compile(rf"(?<=\b[Oo]n\s){_WEEKDAY_PREFIX}{_MONTH}\s+{_DAY}(?!\d)")
_DAY_MONTH = re.compile(rf"{_WEEKDAY_PREFIX}(?:[Tt]he\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}")
_MONTH_YEAR = re.compile(rf"{_MOD}{_MONTH}(?:\s+of)?,?\s+{_YEAR}{_NOT_COUNT}")
_REL_MONTH = re.compile(rf"{_MOD}\b(?P<rel>(?i:last|next|this|past|coming))\s+{_MONTH_FULL}")
_MONTH_REL_YEAR = re.compile(rf"{_MOD}{_MONTH_FULL}(?:\s+of)?,?\s+(?P<rel>(?i:last|this|next))\s+(?i:year)\b")
_BARE_MONTH = re.compile(rf"{_MOD}{_MONTH_FULL}")
_SEASON_YEAR = re.compile(rf"{_MOD}(?:(?i:the)\s+)?\b{_SEASON}(?:\s+of)?,?\s+{_YEAR}{_NOT_COUNT}")
_REL_SEASON = re.compile(rf"{_MOD}\b(?P<rel>(?i:last|next|this|past|coming))\s+{_SEASON}\b")
_BARE_SEASON = re.compile(rf"{_MOD}(?P<the>(?i:the)\s+)?\b{_SEASON}\b(?!\s+of\b)")
_BARE_YEAR = re.compile(
    rf"{_MOD}{_YEAR}(?!\s*(?i:percent|per\s+cent))(?!,\d){_NOT_NUMBER_RANGE}{_NOT_COUNT}"
)
# "early"/"late" share the rel group only to be part of the span; they resolve like a bare weekday.
_WEEKDAY_EXPR = re.compile(
    rf"(?:\b(?P<rel>(?i:last|this|next|past|coming|early|late))\s+)?{_WEEKDAY}"
    r"(?:\s+(?i:morning|afternoon|evening|night))?"
)
_DAY_WORD = re.compile(
    r"(?i)\b(?:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow"
    r"|(?:earlier|later)\s+today|last\s+night|tonight|this\s+(?:morning|afternoon|evening)"
    r"|(?:(?:early|late)\s+)?(?:yesterday|today|tomorrow)(?:\s+(?:morning|afternoon|evening|night))?)\b"
)
_REL_UNIT = re.compile(rf"{_MOD_REL}\b(?P<rel>(?i:last|this|next))\s+(?P<unit>(?i:week|weekend|month|year))\b")
# "by the end of the month": a narrowing modifier makes "the <unit>" the current one.
_MOD_THE_UNIT = re.compile(
    r"(?i)\b(?P<mod>(?:the\s+)?(?:end|beginning|start|middle)\s+of)\s+the\s+(?P<unit>week|month|year)\b"
)
_THE_WEEKEND = re.compile(r"(?i)\bthe\s+weekend\b")
_VAGUE_PERIOD = re.compile(
    r"(?i)\b(?:the\s+)?(?P<dir>coming(?:\s+few)?|next\s+(?:few|several)|recent|past\s+(?:few|several))"
    r"\s+(?P<unit>days|weeks|months)\b"
)
_AGO = re.compile(
    r"(?i)\b(?:(?P<cmp>less\s+than|more\s+than|fewer\s+than|just\s+over|just\s+under|well\s+over"
    r"|at\s+least|nearly|almost|about|around|roughly|some|over|under|only|just|barely|within)\s+)?"
    rf"(?P<n>{_AGO_NUMBER})\s+(?P<unit>minute|hour|day|week|month|year)s?\s+ago\b"
)
# "The increase comes less than three months after US officials announced ...": a span measured
# back from the reporting time to an event told in a clause (not "after the attack", whose anchor
# is another event), so it resolves like "ago".
_PAST_VERB = (
    r"[a-z]+ed|took|fell|began|came|overran|struck|won|lost|left|withdrew|drove|held|hit|went"
    r"|swept|broke|met|sent|had|was|were"
)
_SPAN_AFTER = re.compile(
    r"(?i)\b(?:(?P<cmp>less\s+than|more\s+than|fewer\s+than|just\s+over|just\s+under|nearly|almost"
    r"|about|around|roughly|some|only|just|barely)\s+)?"
    rf"(?:(?P<n>{_AGO_NUMBER})\s+)?(?P<unit>day|week|month|year)(?P<plural>s?)\s+after\b"
    r"(?=\s+(?:(?!(?i:the|a|an|this|that|these|those|its|his|her|their|our|my)\b)[A-Za-z]"
    # "after the rebels seized it", "after a drone hit a car": a determiner, then a clause's past-tense
    # verb within three words (round 11: "a", "an" too)
    r"|(?i:the|a|an|its|his|her|their)\s+(?:[\w'\u2019-]+\s+){1,3}?"
    rf"(?:{_PAST_VERB})\b))"
)

# Anchored expressions. "two days later", "a day earlier", "days later" (vague), "hours later".
_COUNT_FROM_ANCHOR = re.compile(
    r"(?i)\b(?:(?P<cmp>less\s+than|more\s+than|nearly|almost|about|around|roughly|some|only|just|barely)\s+)?"
    rf"(?:(?P<n>{_AGO_NUMBER})\s+(?P<unit>hour|day|week|month|year)s?|(?P<vague>hours|days|weeks|months|years))"
    r"\s+(?P<dir>later|earlier|afterwards?)\b"
)
# "the next day", "the following morning", "the previous week", "the same evening".
_NEXT_DAY = re.compile(
    r"(?i)\bthe\s+(?:(?P<near>next|following|previous|preceding|same)\s+(?P<unit>day|morning|afternoon|evening|night)"
    r"|(?P<far>following|previous|preceding|same)\s+(?P<big>week|month|year))\b"
)
# "the day before" / "the day after" standing alone ("the day before, rebels ..."); before a noun
# phrase the anchor is that event ("the day before the vote") and nothing is resolved.
_DAY_BEFORE = re.compile(r"(?i)\bthe\s+day\s+(?P<dir>before|after)(?=\s*(?:[,.;:)\u2014]|$|and\b|when\b))")
_LATER_THAT = re.compile(r"(?i)\b(?:later|earlier)\s+that\s+(?P<unit>day|morning|afternoon|evening|night|week|month|year)\b")
_FOLLOWING_PERIOD = re.compile(r"(?i)\bthe\s+(?:following|subsequent)\s+(?:few\s+)?(?P<unit>days|weeks|months)\b")

# Context looked for just before a candidate.
_RELATION_BEFORE = re.compile(
    r"(?i)\b(?P<word>since|after|from|until|till|til|before|by|prior\s+to)\s+$"
)
_RELATION_OF: Mapping[str, str] = MappingProxyType(
    {"since": "after", "after": "after", "from": "after", "until": "before", "till": "before",
     "til": "before", "before": "before", "by": "before", "prior to": "before"}
)
# A bare year or "May" needs a temporal preposition in front ("in 2014", "since May"); a year may
# also be a determiner's modifier ("the 2003 invasion").
_YEAR_CONTEXT = re.compile(
    r"(?i)\b(?:in|during|since|until|till|before|after|by|through|throughout|from|of|between|prior\s+to"
    r"|between\s+(?:19|20)\d\d\s+and|from\s+(?:19|20)\d\d\s+(?:to|through))\s+$"
)
_YEAR_AS_MODIFIER = re.compile(r"(?i)\b(?:the|a|an|its|their|his|her)\s+$")
_LOWER_WORD_AFTER = re.compile(r"(?:['\u2019]s)?\s+[a-z]")
_MAY_CONTEXT = re.compile(
    r"(?i)\b(?:in|during|since|until|till|before|after|through|throughout|from|of|between|prior\s+to)\s+$"
)
_SEASON_CONTEXT = re.compile(
    r"(?i)\b(?:in|during|over|since|until|till|before|after|by|through|throughout)\s+$"
)
# "the Sunday Times": a weekday inside a title.
_TITLE_BEFORE = re.compile(r"\b[Tt]he\s+$")
_TITLE_AFTER = re.compile(r"\s+[A-Z][a-z]")
_WEEKEND_CONTEXT = re.compile(r"(?i)\b(?:over|during|at|on)\s+$")
_CONTEXT_WINDOW = 30
_YEAR_SEARCH_SPAN = 8  # how far back a year-less date or weekday-checked date may go


# --------------------------------------------------------------------------- date arithmetic

def _add_months(d: dt.date, months: int) -> dt.date:
    """Shift by calendar months, clamping the day (2016-03-31 - 1 month -> 2016-02-29)."""
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    for day in (d.day, 30, 29, 28):
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    raise ValueError(d)  # unreachable: day 28 always exists


def _safe_date(year: int, month: int, day: int) -> Optional[dt.date]:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _format(d: dt.date, precision: str) -> str:
    if precision == "year":
        return f"{d.year:04d}"
    if precision == "month":
        return f"{d.year:04d}-{d.month:02d}"
    return d.isoformat()


def _month_of(name: str) -> int:
    return _MONTH_NUMBERS[name.rstrip(".").lower()]


# re's IGNORECASE lets these match an ASCII letter; folded so that the matched word is a key of the
# count and month tables ("\u017feveral days ago" with a long s once crashed extraction).
#: Each such letter and the ASCII letter it stands for (also the prefilter's list, _CASE_FOLD_ODD).
_ODD_LETTERS = {"\u017f": "s", "\u212a": "k", "\u0130": "i", "\u0131": "i"}
_FOLD_ODD = str.maketrans(_ODD_LETTERS)


def _norm(s: str) -> str:
    return " ".join(s.translate(_FOLD_ODD).lower().split())


def _number(word: str) -> Optional[int]:
    """A normalised count word's value: decimal digits or a small number's name; None for what
    re's \\d took for digits but int() does not read (superscripts), or an unknown word."""
    if word.isdecimal():
        return int(word)
    return _SMALL_NUMBERS.get(word)


def _preceded_by(pattern: re.Pattern[str], text: str, start: int) -> bool:
    return pattern.search(text[max(0, start - _CONTEXT_WINDOW):start]) is not None


def _latest_on_or_before(month: int, day: int, published: dt.date, weekday: Optional[int]) -> Optional[dt.date]:
    """Most recent (month, day) not after publication; a stated weekday picks among candidate years."""
    candidates = [
        d for y in range(published.year, published.year - _YEAR_SEARCH_SPAN, -1)
        if (d := _safe_date(y, month, day)) is not None and d <= published
    ]
    if not candidates:
        return None
    if weekday is not None:
        for d in candidates:
            if d.weekday() == weekday:
                return d
    return candidates[0]


# --------------------------------------------------------------------------- rule handlers

Handler = Callable[[re.Match[str], str, Optional[dt.date]], Optional[_Res]]


def _iso_date(m: re.Match[str], text: str, pub: Optional[dt.date]) -> Optional[_Res]:
    d = _safe_date(int(m["year"]), int(m["mon"]), int(m["day"]))
    return _Res(d, "day") if d else None


def _numeric_date(m: re.Match[str], text: str, pub: Optional[dt.date]) -> Optional[_Res]:
    """dd/mm/yyyy vs mm/dd/yyyy: only resolve when a part above 12 (or equal parts) settles it."""
    a, b, year = int(m["a"]), int(m["b"]), int(m["year"])
    if a == b or b > 12 >= a:
        month, day = a, b
    elif a > 12 >= b:
        month, day = b, a
    else:
        return None
    d = _safe_date(year, month, day)
    return _Res(d, "day") if d else None


def _full_date(m: re.Match[str], text: str, pub: Optional[dt.date]) -> Optional[_Res]:
    d = _safe_date(int(m["year"]), _month_of(m["month"]), int(m["day"]))
    return _Res(d, "day") if d else None


def _day_month(m: re.Match[str], text: str, pub: Optional[dt.date]) -> Optional[_Res]:
    if pub is None:
        return None
    weekday = _WEEKDAY_NUMBERS[m["weekday"].lower()] if m["weekday"] else None
    d = _latest_on_or_before(_month_of(m["month"]), int(m["day"]), pub, weekday)
    return _Res(d, "day") if d else None


def _month_year(m: re.Match[str], text: str, pub: Optional[dt.date]) -> Optional[_Res]:
    return _Res(dt.date(int(m["year"]), _month_of(m["month"]), 1), "month")


def _relative_month(m: re.Match[str], text: str, pub: Optional[dt.date]) -> Optional[_Res]:
    if pub is None:
        return None
    month, rel = _month_of(m["month"]), m["rel"].lower()
    if rel in ("last", "past"):
        year = pub.year if month < pub.month else pub.year - 1
    elif rel in ("next", "coming"):
        year = pub.year if month > pub.month else pub.year + 1
    else:
        year = pub.year
    return _Res(dt.date(year, month, 1), "month")


def _month_relative_year(m: re.Match[str], text: str, pub: Optional[dt.date]) -> Optional[_Res]:
    if pub is None:
        return None
    step = {"last": -1, "this": 0, "next": 1}[m["rel"].lower()]
    return _Res(dt.date(pub.year + step, _month_of(m["month"]), 1), "month")


def _bare_month(m: re.Match[str], text: str, pub: Optional[dt.date]) -> Optional[_Res]:
    if pub is None:
        return None
    if m["month"] == "May" and not m["mod"] and not _preceded_by(_MAY_CONTEXT, text, m.start()):
        return None  # the modal verb, or a surname
    month = _month_of(m["month"])
    year = pub.year if month <= pub.month else pub.year - 1
    return _Res(dt.date(year, month, 1), "month")


def _season_in(season: str, year: int) -> _Res:
    """A season of a known year: its middle month; a winter (two years) its January's year."""
    middle = _SEASON_MIDDLE.get(season.lower())
    return _Res(dt.date(year, middle, 1), "month") if middle else _Res(dt.date(year, 1, 1), "year")


def _season_year(m: re.Match[str], text: str, pub: Optional[dt.date]) -> Optional[_Res]:
    return _season_in(m["season"], int(m["year"]))


def _season_occurrences(season: str, pub: dt.date) -> list[tuple[tuple[int, int], tuple[int, int], int]]:
    """(start (y, m), end (y, m), dating year) for the seasons around the publication year."""
    first, last = _SEASON_MONTHS[season]
    out = []
    for y in range(pub.year - 2, pub.year + 2):
        end_year = y + 1 if last < first else y
        out.append(((y, first), (end_year, last), end_year))
    return out


def _relative_season(m: re.Match[str], text: str, pub: Optional[dt.date]) -> Optional[_Res]:
    if pub is None:
        return None
    rel, now = m["rel"].lower(), (pub.year, pub.month)
    occurrences = _season_occurrences(m["season"].lower(), pub)
    if rel in ("last", "past"):
        year = max(o[2] for o in occurrences if o[1] < now)
    elif rel in ("next", "coming"):
        year = min(o[2] for o in occurrences if o[0] > now)
    else:
        year = pub.year
    return _season_in(m["season"], year)


def _bare_season(m: re.Match[str], text: str, pub: Optional[dt.date]) -> Optional[_Res]:
    if pub is None:
        return None
    if m["season"].lower() == "fall" and not m["the"]:
        return None  # the verb
    if not m["mod"] and not _preceded_by(_SEASON_CONTEXT, text, m.start()):
        return None  # "the fall of Mosul", "a spring offensive"
    return _Res(dt.date(pub.year, 1, 1), "year")


def _bare_year(m: re.Match[str], text: str, pub: Optional[dt.date]) -> Optional[_Res]:
    modifier = _preceded_by(_YEAR_AS_MODIFIER, text, m.start()) and _LOWER_WORD_AFTER.match(text, m.end())
    if not m["mod"] and not modifier and not _preceded_by(_YEAR_CONTEXT, text, m.start()):
        return None  # a bare four-digit number is as likely to be a count
    return _Res(dt.date(int(m["year"]), 1, 1), "year")


def _weekday(m: re.Match[str], text: str, pub: Optional[dt.date]) -> Optional[_Res]:
    if pub is None:
        return None
    if _preceded_by(_TITLE_BEFORE, text, m.start()) and _TITLE_AFTER.match(text, m.end()):
        return None
    target, rel = _WEEKDAY_NUMBERS[m["weekday"].lower()], (m["rel"] or "").lower()
    if rel == "last":  # that day of the Monday-Sunday week before ("last Tuesday" in a Wednesday
        d = pub - dt.timedelta(days=pub.weekday() - target + 7)  # report is 8 days back, as "this" is this week)
    elif rel == "past":
        d = pub - dt.timedelta(days=(pub.weekday() - target) % 7 or 7)
    elif rel in ("next", "coming"):
        d = pub + dt.timedelta(days=(target - pub.weekday()) % 7 or 7)
    elif rel == "this":
        d = pub + dt.timedelta(days=target - pub.weekday())
    else:
        d = pub - dt.timedelta(days=(pub.weekday() - target) % 7)
    return _Res(d, "day")


def _day_word(m: re.Match[str], text: str, pub: Optional[dt.date]) -> Optional[_Res]:
    if pub is None:
        return None
    words = _norm(m.group())
    if "before yesterday" in words:
        offset = -2
    elif "after tomorrow" in words:
        offset = 2
    elif "yesterday" in words or words == "last night":
        offset = -1
    elif "tomorrow" in words:
        offset = 1
    else:
        offset = 0
    return _Res(pub + dt.timedelta(days=offset), "day")


def _saturday_on_or_before(d: dt.date) -> dt.date:
    return d - dt.timedelta(days=(d.weekday() - 5) % 7)


def _relative_unit(m: re.Match[str], text: str, pub: Optional[dt.date]) -> Optional[_Res]:
    if pub is None:
        return None
    rel, unit = m["rel"].lower(), m["unit"].lower()
    step = {"last": -1, "this": 0, "next": 1}[rel]
    if unit == "week":
        return _Res(pub + dt.timedelta(days=7 * step), "month")
    if unit == "weekend":
        this_weekend = pub + dt.timedelta(days=5 - pub.weekday())  # Saturday of this Mon-Sun week
        if rel == "last":
            base = _saturday_on_or_before(pub)
            return _Res(base - dt.timedelta(days=7) if pub.weekday() >= 5 else base, "month")
        return _Res(this_weekend + dt.timedelta(days=7 * step), "month")
    if unit == "month":
        return _Res(_add_months(pub, step), "month")
    return _Res(dt.date(pub.year + step, 1, 1), "year")


def _mod_the_unit(m: re.Match[str], text: str, pub: Optional[dt.date]) -> Optional[_Res]:
    if pub is None:
        return None
    return _Res(pub, "year" if m["unit"].lower() == "year" else "month")


def _the_weekend(m: re.Match[str], text: str, pub: Optional[dt.date]) -> Optional[_Res]:
    if pub is None or not _preceded_by(_WEEKEND_CONTEXT, text, m.start()):
        return None
    return _Res(_saturday_on_or_before(pub), "month")


def _vague_period(m: re.Match[str], text: str, pub: Optional[dt.date]) -> Optional[_Res]:
    if pub is None:
        return None
    sign = -1 if m["dir"].lower().startswith(("recent", "past")) else 1
    unit = m["unit"].lower()
    if unit == "days":
        return _Res(pub + dt.timedelta(days=sign), "month")
    if unit == "weeks":
        return _Res(pub + dt.timedelta(days=7 * sign), "month")
    return _Res(_add_months(pub, sign), "year")


def _ago(m: re.Match[str], text: str, pub: Optional[dt.date]) -> Optional[_Res]:
    if pub is None:
        return None
    word, unit = _norm(m["n"]), m["unit"].lower()
    vague = word in _VAGUE_COUNTS
    n = _VAGUE_COUNT_VALUE if vague else _number(word)
    if n is None:
        return None
    if unit in ("minute", "hour"):
        d, precision = pub - dt.timedelta(days=n // 24 if unit == "hour" else 0), "day"
    elif unit == "day":
        d, precision = pub - dt.timedelta(days=n), "month" if vague else "day"
    elif unit == "week":
        d, precision = pub - dt.timedelta(days=7 * n), "month"
    elif unit == "month":
        d, precision = _add_months(pub, -n), "year" if vague else "month"
    else:
        d, precision = _add_months(pub, -12 * n), "year"
    return _Res(d, precision)


def _count(word: str) -> tuple[int, bool]:
    """A count word's value and whether it is vague ("several"); KeyError for a word that is
    no count (``_candidates`` then drops the match)."""
    word = _norm(word)
    if word in _VAGUE_COUNTS:
        return _VAGUE_COUNT_VALUE, True
    n = _number(word)
    if n is None:
        raise KeyError(word)
    return n, False


def _count_precision(unit: str, vague: bool) -> str:
    """The precision a count of units keeps (the conventions of "N <units> ago")."""
    if unit in ("hour", "day"):
        return "month" if vague else "day"
    if unit == "week":
        return "month"
    if unit == "month":
        return "year" if vague else "month"
    return "year"


def _shift_date(d: dt.date, shift: Shift) -> dt.date:
    if shift.unit == "day":
        return d + dt.timedelta(days=shift.amount)
    if shift.unit == "week":
        return d + dt.timedelta(days=7 * shift.amount)
    if shift.unit == "month":
        return _add_months(d, shift.amount)
    return _add_months(d, 12 * shift.amount)


_PRECISION_ORDER = ("day", "month", "year")


def shift_value(anchor: DateValue, shift: Shift, text: str = "") -> DateValue:
    """Apply an anchored expression's shift to another time ("a day earlier" than 2019-11-24).

    The result is never more precise than the anchor; a month or year anchor is counted from its
    middle, so "a day earlier" than 2019-11 stays 2019-11.
    """
    parts = [int(p) for p in anchor.value.split("-")]
    if anchor.precision == "day" and len(parts) == 3:
        base = dt.date(parts[0], parts[1], parts[2])
    elif len(parts) >= 2:
        base = dt.date(parts[0], parts[1], 15)
    else:
        base = dt.date(parts[0], 7, 1)
    precision = max(shift.precision, anchor.precision, key=_PRECISION_ORDER.index)
    return DateValue(value=_format(_shift_date(base, shift), precision), precision=precision, text=text or anchor.text)


def _from_publication(pub: Optional[dt.date], shift: Shift) -> Optional[_Res]:
    if pub is None:
        return None
    return _Res(_shift_date(pub, shift), shift.precision, shift)


def _count_from_anchor(m: re.Match[str], text: str, pub: Optional[dt.date]) -> Optional[_Res]:
    sign = -1 if m["dir"].lower() == "earlier" else 1
    if m["vague"]:
        unit, n, vague = m["vague"].lower()[:-1], _VAGUE_COUNT_VALUE, True
    else:
        unit, (n, vague) = m["unit"].lower(), _count(m["n"])
    if unit == "hour":  # "hours later": the same day
        return _from_publication(pub, Shift(sign * (n // 24), "day", "day"))
    return _from_publication(pub, Shift(sign * n, unit, _count_precision(unit, vague)))


def _next_day(m: re.Match[str], text: str, pub: Optional[dt.date]) -> Optional[_Res]:
    which = (m["near"] or m["far"]).lower()
    step = {"next": 1, "following": 1, "previous": -1, "preceding": -1, "same": 0}[which]
    if m["near"]:
        return _from_publication(pub, Shift(step, "day", "day"))
    unit = m["big"].lower()
    return _from_publication(pub, Shift(step, unit, "year" if unit == "year" else "month"))


def _day_before(m: re.Match[str], text: str, pub: Optional[dt.date]) -> Optional[_Res]:
    return _from_publication(pub, Shift(-1 if m["dir"].lower() == "before" else 1, "day", "day"))


def _later_that(m: re.Match[str], text: str, pub: Optional[dt.date]) -> Optional[_Res]:
    unit = m["unit"].lower()
    if unit in ("week", "month", "year"):
        return _from_publication(pub, Shift(0, unit, "year" if unit == "year" else "month"))
    return _from_publication(pub, Shift(0, "day", "day"))


def _following_period(m: re.Match[str], text: str, pub: Optional[dt.date]) -> Optional[_Res]:
    unit = m["unit"].lower()[:-1]
    shift = Shift(1, unit, "year" if unit == "month" else "month")
    return _from_publication(pub, shift)


def _span_after(m: re.Match[str], text: str, pub: Optional[dt.date]) -> Optional[_Res]:
    """"three days after <clause>": counted back from the time of the clause it hangs from,
    which without better knowledge is the reporting time (the publication date). "days after
    <clause>" with no number (round 29: "just days after the army took X") is a few."""
    if m["n"] is None and not m["plural"]:
        return None
    count = m["n"] or "a few"
    res = _ago({"n": count, "unit": m["unit"]}, text, pub)  # type: ignore[arg-type]
    if res is None:
        return None
    unit = m["unit"].lower()
    n, vague = _count(count)
    return res._replace(shift=Shift(-n, unit, _count_precision(unit, vague), "clause"))


# Order breaks ties between equally long matches: the more specific rule first. The third item
# names the words (features of :data:`_FEATURES`) a rule cannot match without, all of them.
_RULES: tuple[tuple[re.Pattern[str], Handler, tuple[str, ...]], ...] = (
    (_ISO_DATE, _iso_date, ("digit",)),
    (_NUMERIC_DATE, _numeric_date, ("digit",)),
    (_MONTH_DAY_YEAR, _full_date, ("month", "digit")),
    (_DAY_MONTH_YEAR, _full_date, ("month", "digit")),
    (_MONTH_DAY, _day_month, ("month", "digit")),
    (_ON_MONTH_DAY, _day_month, ("month", "digit")),
    (_DAY_MONTH, _day_month, ("month", "digit")),
    (_MONTH_YEAR, _month_year, ("month", "digit")),
    (_MONTH_REL_YEAR, _month_relative_year, ("month", "unit")),
    (_REL_MONTH, _relative_month, ("month",)),
    (_BARE_MONTH, _bare_month, ("month",)),
    (_SEASON_YEAR, _season_year, ("season", "digit")),
    (_REL_SEASON, _relative_season, ("season",)),
    (_BARE_SEASON, _bare_season, ("season",)),
    (_BARE_YEAR, _bare_year, ("digit",)),
    (_DAY_WORD, _day_word, ("day_word",)),
    (_REL_UNIT, _relative_unit, ("unit",)),
    (_MOD_THE_UNIT, _mod_the_unit, ("unit",)),
    (_THE_WEEKEND, _the_weekend, ("weekend",)),
    (_VAGUE_PERIOD, _vague_period, ("units",)),
    (_AGO, _ago, ("ago",)),
    (_SPAN_AFTER, _span_after, ("after",)),
    (_COUNT_FROM_ANCHOR, _count_from_anchor, ("later",)),
    (_NEXT_DAY, _next_day, ("next",)),
    (_DAY_BEFORE, _day_before, ("day",)),
    (_LATER_THAT, _later_that, ("later",)),
    (_FOLLOWING_PERIOD, _following_period, ("following",)),
    (_WEEKDAY_EXPR, _weekday, ("weekday",)),
)


# What each rule cannot match without, tested once per text so that a rule whose words are absent
# is not run at all (most sentences that pass _MAY_HOLD_TIME hold words for a few rules only; each
# of the 27 patterns costs a scan of the whole text). A feature is present when the text holds one
# of its words: "cased" words as written (month and weekday names are matched capitalised only),
# the others in any case. Words only: a feature that is present says nothing about a match, and
# every rule still runs its own pattern. Word starts suffice ("Jan" for January, "week" for
# weekend, "later" inside "later that day"); the tests check each rule against its features.
_CASED_FEATURES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "month": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
        "weekday": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    }
)
_ANY_CASE_FEATURES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "season": ("spring", "summer", "autumn", "fall", "winter"),
        "day_word": ("yesterday", "today", "tomorrow", "night", "morning", "afternoon", "evening"),
        "unit": ("week", "month", "year"),
        "weekend": ("weekend",),
        "units": ("days", "weeks", "months"),
        "ago": ("ago",),
        "after": ("after",),
        "later": ("later", "earlier", "afterward"),
        "next": ("next", "following", "previous", "preceding", "same"),
        "day": ("day",),
        "following": ("following", "subsequent"),
    }
)
_ANY_DIGIT = re.compile(r"\d")  # re's \d: any Unicode digit, as the rules' own \d
# Characters that re's IGNORECASE matches to an ASCII letter but str.lower() does not turn into
# it (long s, Kelvin sign, dotted and dotless i): with one of them in the text, every word
# feature counts as present, so no rule is skipped that re could match.
_CASE_FOLD_ODD = frozenset(_ODD_LETTERS)


def _features(text: str) -> frozenset[str]:
    """The features of :data:`_RULES` present in ``text`` (a superset: never one too few)."""
    present = {name for name, words in _CASED_FEATURES.items() if any(w in text for w in words)}
    if _CASE_FOLD_ODD.isdisjoint(text):
        low = text.lower()
        present.update(name for name, words in _ANY_CASE_FEATURES.items() if any(w in low for w in words))
    else:
        present.update(_ANY_CASE_FEATURES)
    if _ANY_DIGIT.search(text):
        present.add("digit")
    return frozenset(present)


# --------------------------------------------------------------------------- public API

def _as_date(published: Optional[dt.date]) -> Optional[dt.date]:
    if isinstance(published, dt.datetime):
        return published.date()
    return published


# Every rule needs a digit or one of these word starts; most sentences have none, and then the
# twenty rule patterns need not run.
_MAY_HOLD_TIME = re.compile(
    r"\d|(?i:\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun"
    r"|spring|summer|autumn|fall|winter|yesterday|today|tomorrow|tonight|morning|afternoon"
    r"|evening|night|week|month|year|day|hour|minute|ago))"
)


_POSSESSIVE_AFTER = re.compile(r"['\u2019]s\b")


def _candidates(text: str, pub: Optional[dt.date]) -> list[TimeMention]:
    found: list[TimeMention] = []
    if not _MAY_HOLD_TIME.search(text):
        return found
    present = _features(text)
    for pattern, handler, needs in _RULES:
        if not present.issuperset(needs):
            continue  # a word the pattern cannot match without is absent
        for m in pattern.finditer(text):
            try:
                res = handler(m, text, pub)
            except (KeyError, ValueError, OverflowError):
                continue  # a match the rule cannot read (an odd letter, a date out of range): no time, no crash
            if res is None:
                continue
            start, relation = m.start(), "point"
            rel = _RELATION_BEFORE.search(text[max(0, start - _CONTEXT_WINDOW):start])
            if rel and _POSSESSIVE_AFTER.match(text, m.end()):
                rel = None  # "the toll from Sunday's bombing", "killed by yesterday's strike": the
                # word before governs the event noun the day owns, the day is its point in time
            if rel:
                start -= len(rel.group())
                relation = _RELATION_OF[_norm(rel["word"])]
            span = text[start:m.end()]
            value = DateValue(value=_format(res.date, res.precision), precision=res.precision, text=span)
            found.append(TimeMention(start, m.end(), span, value, relation, res.shift))
    return found


def find_times(text: str, published: Optional[dt.date]) -> list[TimeMention]:
    """All resolvable time expressions in ``text``, in text order.

    Rules may propose overlapping spans ("last week" and "week"-less "last"); the longest wins so
    "the day before yesterday" is one mention, not "yesterday".
    """
    pub = _as_date(published)
    chosen: list[TimeMention] = []
    # Longest first, then leftmost; identical spans keep rule order (the sort is stable).
    for cand in sorted(_candidates(text, pub), key=lambda c: (-(c.end - c.start), c.start)):
        if all(cand.end <= c.start or cand.start >= c.end for c in chosen):
            chosen.append(cand)
    return sorted(chosen, key=lambda c: c.start)


_EDGE_PREP = re.compile(r"(?i)^[\s\"'\u201c\u201d(,]*(?:(?:on|in|during|at|over|for)\s+)?")
_EDGE_TAIL = re.compile(r"(?:['\u2019]s)?[\s\"'\u201c\u201d).,;:!?]*$")


def resolve(expression: str, published: Optional[dt.date]) -> Optional[DateValue]:
    """Resolve one expression ("last week", "in February", "since 2014").

    The whole expression, less a leading neutral preposition and trailing punctuation or "'s",
    must be one time expression; anything else returns None rather than a guess.
    """
    lead = _EDGE_PREP.match(expression)
    tail = _EDGE_TAIL.search(expression)
    start = lead.end() if lead else 0
    end = tail.start() if tail else len(expression)
    for mention in find_times(expression, published):
        if mention.start == start and mention.end == end:
            return mention.value
    return None
