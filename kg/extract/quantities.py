"""Numbers of people and things in news text, with their qualifiers.

Pure and stdlib-only. :func:`find_quantities` finds number expressions that count something
("about 200 more troops", "dozens of civilians"); :func:`quantity_kind` maps the counted noun
(and the words around it) to the quantity names used in facts ("troops", "fatalities", ...).

Conventions:

* Qualifiers: "about/around/roughly/approximately/nearly/almost/some/an estimated/close to",
  "N or so", "N-odd" -> ``approximate``; "at least/more than/over/upwards of/in excess of/no
  fewer than", "N or more", "N-plus" -> ``at_least``; "fewer than/less than/under/at most/no more
  than/up to/as many as", "N or fewer" -> ``at_most``. Otherwise ``exact``.
* Vague amounts are ``approximate`` with a conventional value: "a dozen" 12, "half a dozen" 6,
  "dozens" 24, "scores" 40, "hundreds" 200, "thousands" 2,000, "tens of thousands" 20,000,
  "hundreds of thousands" 200,000, "millions" 2,000,000, "several/a few hundred" 300 (3 x the
  unit). Any "dozen" counts as approximate. An explicit qualifier wins ("more than a dozen" ->
  12, at_least).
* Ranges ("200-300", "200 to 300", "between 200 and 300") are ``approximate`` at the midpoint;
  "from 200 to 300" is a change, not a range, and is not read as one.
* Not counts: years (1900-2100 unless followed by a known count noun), times, money ("$", "dollars",
  "/month"), percentages, measures ("40 miles", "km", "tonnes"), durations ("three days"), ages
  ("aged 30", "30-year-old"), model names ("F-16"), dates ("July 3"), and name-plus-number
  ("Resolution 2254") unless a known count noun follows.
* ``noun`` is the lower-cased head noun after the number: adjectives and modifiers are skipped
  ("560 more troops" -> "troops", "200 additional US soldiers" -> "soldiers") and a compound keeps
  its last noun ("560 US troop reinforcements" -> "reinforcements"). "A 2,000-strong force" counts
  the force (exact). The surface form is kept (plural stays plural); no lemmatiser is used.
* Kinds: troops, fatalities, injuries, displaced, captured (people taken: captured, kidnapped,
  abducted, hostages, prisoners, detained), vehicles, aircraft, drones, missiles, rockets. People-like
  nouns take their kind from the nearest outcome word in the context; see :func:`quantity_kind`.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from types import MappingProxyType
from typing import Iterator, Mapping, Optional

from kg.models import Quantity

__all__ = ["QuantityMention", "find_quantities", "is_part_count", "parse_number", "parse_quantity", "quantity_kind"]


@dataclass(frozen=True)
class QuantityMention:
    """A counted amount: offsets cover qualifier, number and noun; ``quantity.text`` omits the noun."""

    start: int
    end: int
    text: str
    quantity: Quantity
    noun: Optional[str]


# --------------------------------------------------------------------------- number words

_UNITS: Mapping[str, int] = MappingProxyType(
    {
        w: i
        for i, w in enumerate(
            (
                "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
                "eighteen", "nineteen",
            )
        )
    }
)
_TENS: Mapping[str, int] = MappingProxyType(
    {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
)
_SCALES: Mapping[str, int] = MappingProxyType(
    {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
)
_VAGUE: Mapping[str, float] = MappingProxyType(
    {
        "dozens": 24,
        "scores": 40,
        "hundreds": 200,
        "thousands": 2_000,
        "millions": 2_000_000,
        "tens of thousands": 20_000,
        "hundreds of thousands": 200_000,
        "tens of millions": 20_000_000,
        "hundreds of millions": 200_000_000,
        "a dozen": 12,
        "half a dozen": 6,
    }
)
_FEW = 3  # "several hundred", "a few thousand"

_WORD = (
    r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty"
    r"|ninety|hundred|thousand|million|billion|dozen)"
)
_WORD_NUMBER = (
    rf"(?:a\s+(?=(?:hundred|thousand|million|dozen)\b))?\b{_WORD}"
    rf"(?:(?:\s+and\s+|[ \t]+|-)(?={_WORD}\b){_WORD})*\b"
)
_DIGIT_NUMBER = (
    r"(?<![\w$\u20ac\u00a3#.,/:])(?<![A-Za-z]-)(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\b(?![.,]\d)"
    r"(?:\s+(?:hundred|thousand|million|billion)\b)?"
)
_VAGUE_NUMBER = (
    r"\b(?:(?:tens|hundreds)\s+of\s+(?:thousands|millions)|dozens|scores|hundreds|thousands|millions"
    r"|half\s+a\s+dozen|(?:several|a\s+few)\s+(?:dozen|hundred|thousand|million)\b)\b"
)
_NUMBER = rf"(?:{_VAGUE_NUMBER}|{_DIGIT_NUMBER}|{_WORD_NUMBER})"

_QUALIFIERS: Mapping[str, str] = MappingProxyType(
    {
        "about": "approximate", "around": "approximate", "roughly": "approximate",
        "approximately": "approximate", "nearly": "approximate", "almost": "approximate",
        "some": "approximate", "an estimated": "approximate", "estimated": "approximate",
        "close to": "approximate", "just about": "approximate", "more or less": "approximate",
        "at least": "at_least", "more than": "at_least", "over": "at_least", "upwards of": "at_least",
        "in excess of": "at_least", "no fewer than": "at_least", "no less than": "at_least",
        "not less than": "at_least", "a minimum of": "at_least", "well over": "at_least",
        "just over": "at_least", "well above": "at_least", "above": "at_least",
        "fewer than": "at_most", "less than": "at_most", "under": "at_most", "at most": "at_most",
        "no more than": "at_most", "not more than": "at_most", "up to": "at_most",
        "as many as": "at_most", "a maximum of": "at_most", "just under": "at_most",
        "below": "at_most",
    }
)
_SUFFIXES: Mapping[str, str] = MappingProxyType(
    {"or so": "approximate", "-odd": "approximate", "or more": "at_least", "-plus": "at_least",
     "+": "at_least", "or fewer": "at_most", "or less": "at_most", "-strong": "exact"}
)
_QUALIFIER = "|".join(sorted((re.escape(q).replace(r"\ ", r"\s+") for q in _QUALIFIERS), key=len, reverse=True))
_SUFFIX = r"(?:\s+or\s+(?:so|more|fewer|less)\b|-odd\b|-plus\b|-strong\b|\+)"

_QUANTITY_EXPR = (
    rf"(?:(?P<qual>{_QUALIFIER})\s+)?"
    rf"(?:\bbetween\s+(?P<lo>{_NUMBER})\s+and\s+(?P<hi>{_NUMBER})"
    rf"|(?<!\bfrom\s)(?P<num>{_NUMBER})(?:(?<=\d)\s*[-\u2013]\s*(?=\d)|\s+to\s+)(?P<upper>{_NUMBER})"
    rf"|(?P<single>{_NUMBER}))"
    rf"(?P<suffix>{_SUFFIX})?"
)
_QUANTITY = re.compile(_QUANTITY_EXPR, re.IGNORECASE)
_QUANTITY_FULL = re.compile(rf"\s*{_QUANTITY_EXPR}\s*", re.IGNORECASE)
_DIGITS = re.compile(
    r"(?P<n>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<frac>\d+))?(?:\s+(?P<scale>hundred|thousand|million|billion))?"
)
_FEW_OF = re.compile(r"(?:several|a\s+few)\s+(?P<unit>dozen|hundred|thousand|million)")
_YEAR_LIKE = re.compile(r"(?:19|20)\d\d")
_CURRENCY_BEFORE = re.compile(r"(?:[$\u20ac\u00a3#]|\bUS\$|\bUSD|\bEUR)\s*$")
_AGE_BEFORE = re.compile(r"(?i)\b(?:aged?|ages)\s+$")
_MONTH_BEFORE = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?\s+$"
)
# A capitalised word right before the number, and the character before that word.
_NAME_BEFORE = re.compile(r"(?:^|(?P<pre>\S))\s*\b[A-Z][a-z]+\s+$")
_SENTENCE_PUNCT = frozenset(".!?:;\"'\u201c\u201d(\u2014-")
_NOT_A_COUNT_AFTER = re.compile(r"\s*(?:%|/|:\d|-[A-Za-z]|(?i:percent|per\s+cent)\b)")

# --------------------------------------------------------------------------- noun phrase after the number

# Words, abbreviations ("U.S.", "a.m.") and model names ("Su-24", "F-16s").
_NP_TOKEN = re.compile(
    r"[^\S\n]+(?P<w>(?:[A-Za-z]\.){2,}|[A-Za-z](?:[A-Za-z'\u2019]|-(?=[A-Za-z]))*(?:-\d+[A-Za-z]*)?)"
)
_OF = re.compile(r"[^\S\n]+of\b")
_MAX_NP_TOKENS = 4
_STOPWORDS = frozenset(
    """
    a an the this that these those his her their its our my your some any no all both each every
    to in on at from of for with by into onto toward towards across near about around over under
    after before since during against between through per via as than like including within without
    and or but nor so yet while who whom whose which where when whether if because although though
    is are was were be been being am has have had do does did will would shall should can could
    may might must said says say told according
    he she it they we i you them him us me itself themselves
    not only just also still even already ago later earlier then there here now
    less fewer most least much many few several
    """.split()
)
_MODIFIERS = frozenset(
    """
    more additional other extra new further fresh another elite armed unarmed foreign local
    """.split()
)
_UNIT_NOUNS = frozenset(
    """
    second seconds minute minutes min mins hour hours hrs day days week weeks month months year years
    decade decades century centuries night nights weekend weekends a.m. p.m. am pm gmt utc o'clock
    mile miles km kms kilometre kilometres kilometer kilometers metre metres meter meters m cm mm
    foot feet ft yard yards inch inches hectare hectares acre acres square sq
    kg kgs kilogram kilograms kilo kilos gram grams tonne tonnes ton tons pound pounds lb lbs
    litre litres liter liters gallon gallons barrel barrels
    dollar dollars usd euro euros eur cent cents dinar dinars riyal riyals rial rials lira liras
    rupee rupees yuan yen peso pesos shekel shekels rouble roubles ruble rubles bucks
    percent per percentage
    times degrees degree points point
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday
    """.split()
)

# Heads whose kind does not depend on context.
_THING_KINDS: Mapping[str, str] = MappingProxyType(
    {
        **dict.fromkeys(
            "vehicle vehicles tank tanks truck trucks humvee humvees apc apcs carrier carriers "
            "bulldozers".split(), "vehicles"
        ),
        **dict.fromkeys(
            "aircraft plane planes warplane warplanes jet jets bomber bombers helicopter "
            "helicopters chopper choppers gunship gunships".split(), "aircraft"
        ),
        **dict.fromkeys("drone drones uav uavs".split(), "drones"),
        **dict.fromkeys("missile missiles".split(), "missiles"),
        **dict.fromkeys("rocket rockets".split(), "rockets"),
    }
)
# Heads that name the outcome themselves ("40 wounded", "300 dead", "2,000 refugees").
_OUTCOME_KINDS: Mapping[str, str] = MappingProxyType(
    {
        **dict.fromkeys("dead deaths death fatalities bodies body lives killed".split(), "fatalities"),
        **dict.fromkeys("wounded injured injuries".split(), "injuries"),
        **dict.fromkeys("refugees refugee displaced evacuees".split(), "displaced"),
        **dict.fromkeys(
            "hostages hostage prisoners prisoner captives captive detainees detainee pows".split(), "captured"
        ),
    }
)
_TROOP_NOUNS = frozenset(
    """
    troops soldier soldiers serviceman servicemen servicewomen personnel marine marines adviser
    advisers advisor advisors commando commandos paratrooper paratroopers reinforcements forces
    sailors airmen guardsmen peacekeeper peacekeepers trainers instructors reservists recruits
    conscripts infantrymen force contingent
    """.split()
)
_COMBATANT_NOUNS = frozenset(
    """
    fighter fighters militant militants insurgent insurgents rebel rebels militiamen militiaman
    gunman gunmen jihadist jihadists combatants attackers
    """.split()
)
_PEOPLE_NOUNS = frozenset(
    """
    people persons person civilian civilians men man women woman children child kids residents
    villagers others workers students worshippers pilgrims police policemen policeman officers
    officer members member individuals journalists officials migrants families inmates victims
    patients passengers shoppers farmers fishermen pupils mourners guests protesters demonstrators
    miners herders traders worshipers displaced bystanders passers-by teachers doctors nurses
    """.split()
)
_POLICE_NOUNS = frozenset("police policemen policeman officers gendarmes".split())
# Outcome words end a phrase instead of extending a known head ("40 others wounded").
_OUTCOME_WORDS = frozenset("wounded injured dead killed displaced".split())
_SUICIDE_BOMBERS = re.compile(r"(?i)\bsuicide\s+bombers?\b")
_COUNT_NOUNS = (
    _TROOP_NOUNS | _COMBATANT_NOUNS | _PEOPLE_NOUNS | frozenset(_THING_KINDS) | frozenset(_OUTCOME_KINDS)
)
_DEMONYM = re.compile(r"[a-z]+(?:ians|ans|ese|is|ds)$")  # Iraqis, Syrians, Afghans, Lebanese, Kurds

# Outcome cues near a person noun decide its kind ("killed nearly 300 people").
_CUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("fatalities", re.compile(
        r"(?i)\b(?:kill(?:ed|ing|s)?|dead|died|dies?|dying|deaths?|death\s+toll|lives|slain|"
        r"slaughtered|massacred|executed|beheaded|fatalities)\b")),
    ("injuries", re.compile(r"(?i)\b(?:wounded|wounding|injured|injuring|injuries|hurt|maimed)\b")),
    ("captured", re.compile(
        r"(?i)\b(?:captured|taken\s+(?:prisoner|captive|hostage)|held\s+(?:hostage|captive)|detained|arrested"
        r"|imprisoned|prisoners?|hostages?|kidnapped|kidnapping|abducted|abducting|abduction)\b")),
    ("displaced", re.compile(
        r"(?i)\b(?:displaced|displacing|fled|flee|fleeing|refugees?|evacuated|homeless|uprooted)\b")),
)
_DEPLOY_CUE = re.compile(
    r"(?i)\b(?:deploy(?:ed|ing|s|ment)?|send(?:s|ing)?|sent|dispatch(?:ed|es|ing)?|station(?:ed|ing)?|"
    r"reinforce(?:d|ments?)?|mobili[sz](?:ed|ing|e)|arriv(?:ed|e|es|ing)|landed|landing)\b"
)
_SERVICE_MEMBERS = re.compile(r"(?i)\bservice\s+members?\b")
_OUTCOME_VERB_BEFORE = re.compile(r"(?i)\b(?P<v>kill(?:ed|ing|s)|wound(?:ed|ing|s)|injur(?:ed|ing|es))\s+(?:another\s+|an?\s+other\s+)?$")
_NEXT_CLAUSE = re.compile(r"\band\b|,|;")
# A bare number whose noun is the count's before it: "N soldiers died and M were wounded".
_ELLIPTIC_OUTCOME = re.compile(r"(?i)\s+(?:others?\s+)?(?:were|have\s+been|had\s+been)\s+(?:\w+ly\s+)?(?P<v>wounded|injured|hurt|killed)\b")
_TROOP_CUE_WINDOW = 25  # chars: an outcome verb must be this close to re-label troops
# After the noun an outcome verb is the noun's own fate only in the passive ("were killed",
# "killed in the attack"), not when it has an object ("troops captured the town").
_PASSIVE_BEFORE = re.compile(r"(?i)\b(?:was|were|been|being|is|are|got|get)\s+(?:\w+ly\s+)?$")
_OBJECT_AFTER = re.compile(
    r"(?i)\s+(?:\d|the\b|a\b|an\b|some\b|about\b|dozens\b|hundreds\b|thousands\b|several\b"
    r"|at\s+least\b|more\s+than\b|nearly\b|(?-i:[A-Z]))"
)


# --------------------------------------------------------------------------- parsing

def _parse_words(words: list[str]) -> Optional[float]:
    """English number words ("two hundred and fifty", "twenty-five thousand", "a dozen").

    Ill-formed runs ("two three", "five twenty") are rejected rather than summed.
    """
    total, current, seen, last = 0, 0, False, ""
    for i, w in enumerate(words):
        if w == "a" and i == 0:
            current = 1
            continue
        if w == "and":
            if last not in ("hundred", "scale") or i == len(words) - 1:
                return None
            continue
        if w in _UNITS:
            if last in ("unit", "teen") or (last == "tens" and not 1 <= _UNITS[w] <= 9):
                return None
            current += _UNITS[w]
            last = "teen" if _UNITS[w] >= 10 else "unit"
        elif w in _TENS:
            if last in ("unit", "teen", "tens"):
                return None
            current += _TENS[w]
            last = "tens"
        elif w in ("hundred", "dozen"):
            if last == "hundred":
                return None
            current = (current or 1) * (100 if w == "hundred" else 12)
            last = "hundred"
        elif w in _SCALES:
            total += (current or 1) * _SCALES[w]
            current, last = 0, "scale"
        else:
            return None
        seen = True
    return float(total + current) if seen else None


def parse_number(text: str) -> Optional[float]:
    """The value of a number expression, or None if ``text`` is not exactly one.

    Vague amounts get the conventional values in the module docstring.
    """
    s = " ".join(text.strip().lower().replace("\u2013", "-").split())
    if not s:
        return None
    if s in _VAGUE:
        return float(_VAGUE[s])
    if m := _FEW_OF.fullmatch(s):
        unit = m["unit"]
        return float(_FEW * (12 if unit == "dozen" else 100 if unit == "hundred" else _SCALES[unit]))
    if m := _DIGITS.fullmatch(s):
        value = float(m["n"].replace(",", "") + ("." + m["frac"] if m["frac"] else ""))
        scale = m["scale"]
        return value * (100 if scale == "hundred" else _SCALES[scale] if scale else 1)
    return _parse_words(s.replace("-", " ").split())


_PART_OF = re.compile(r"\b(?:including|among\s+(?:them|whom|those|the\s+dead|the\s+victims))[\s,:]*"
                      r"(?:(?:at\s+least|about|some|nearly|more\s+than)\s+)?$", re.IGNORECASE)


def is_part_count(text: str, start: int) -> bool:
    """"At least 20 people, including five children, were killed": a count after "including" or
    "among them" is a part of the toll told before it, never the toll itself."""
    return _PART_OF.search(text[max(0, start - 40):start]) is not None


def is_order_of_magnitude(number_text: str) -> bool:
    """"dozens", "hundreds", "tens of thousands", "several hundred": an order of magnitude, not a
    count; an event's figure is left out rather than stated as 24 or 200."""
    s = " ".join(number_text.lower().split())
    return bool(re.fullmatch(r"(?:(?:tens|hundreds)\s+of\s+)?(?:dozens|scores|hundreds|thousands|millions)"
                             r"|(?:several|a\s+few)\s+(?:dozen|hundred|thousand|million)", s))


def is_vague(quantity: Quantity) -> bool:
    """"several hundred", "thousands", "dozens": a quantity no number was given for (round 16)."""
    return re.search(_VAGUE_NUMBER, quantity.text, re.IGNORECASE) is not None or "dozen" in quantity.text.lower()


def _is_vague(number_text: str) -> bool:
    s = " ".join(number_text.lower().split())
    return s in _VAGUE or "dozen" in s or _FEW_OF.fullmatch(s) is not None


def _first_number(m: re.Match[str]) -> str:
    return m["lo"] or m["num"] or m["single"] or ""


def _quantity_from_match(m: re.Match[str]) -> Optional[Quantity]:
    if m["single"] is None:
        lo, hi = parse_number(m["lo"] or m["num"]), parse_number(m["hi"] or m["upper"])
        if lo is None or hi is None or hi <= lo:
            return None
        value, qualifier = (lo + hi) / 2, "approximate"
    else:
        value = parse_number(m["single"])
        if value is None:
            return None
        qualifier = "approximate" if _is_vague(m["single"]) else "exact"
    if m["suffix"]:
        qualifier = _SUFFIXES[" ".join(m["suffix"].lower().split())]
    if m["qual"]:
        qualifier = _QUALIFIERS[" ".join(m["qual"].lower().split())]
    return Quantity(value=value, qualifier=qualifier, text=m.group().strip())


def parse_quantity(text: str) -> Optional[Quantity]:
    """A qualified amount without its noun ("about 200", "more than a dozen", "hundreds").

    Returns None when ``text`` holds anything besides the qualifier, number and suffix.
    """
    m = _QUANTITY_FULL.fullmatch(text)
    return _quantity_from_match(m) if m else None


# --------------------------------------------------------------------------- finding

def _head_noun(text: str, pos: int, allow_of: bool) -> Optional[tuple[str, int]]:
    """Head noun of the phrase starting at ``pos`` and where it ends, skipping modifiers.

    No tagger is available here, so the head is the last word of a short run of words that stops
    at function words, punctuation, a line break, or a word that looks like a following verb.
    """
    if allow_of and (of := _OF.match(text, pos)):
        pos = of.end()
    head: Optional[str] = None
    head_end, known_head = pos, False
    for _ in range(_MAX_NP_TOKENS):
        tok = _NP_TOKEN.match(text, pos)
        if tok is None:
            break
        word = tok["w"]
        low, titled = word.lower(), word[0].isupper()
        if low in _STOPWORDS and not word.isupper():
            break
        if low in _UNIT_NOUNS and head is None:
            return low, tok.end()  # "15 km south": the measure is the head, and it disqualifies
        known = low in _COUNT_NOUNS
        if head is None and (low in _MODIFIERS or low.endswith("ly") and not titled and not known):
            pos = tok.end()
            continue  # "560 more troops", "1,000 newly trained soldiers"
        if head is not None and (not known or low in _OUTCOME_WORDS):
            if known_head:
                break  # "people killed": a known noun already ended the phrase
            head_titled = head_word[0].isupper()
            if not head_titled and titled:
                break  # "300 people Monday"
            if low.endswith(("ed", "ing", "ly")) and (not head_titled or head_word.endswith("s")):
                break  # a verb or adverb after the noun ("Iraqis killed"); not "US armored"
            if not head_titled and head.endswith("s") and not low.endswith("s"):
                break  # a plural noun then a verb ("shells hit")
        head, head_word, head_end, known_head = low, word, tok.end(), known
        pos = tok.end()
    return (head, head_end) if head else None


def _excluded_before(text: str, start: int) -> bool:
    """Money, ages and dates right before the number."""
    before = text[max(0, start - 25):start]
    return any(p.search(before) for p in (_CURRENCY_BEFORE, _AGE_BEFORE, _MONTH_BEFORE))


def _name_before(text: str, start: int) -> bool:
    """A capitalised word mid-sentence right before the number ("Resolution 2254", "Flight 17")."""
    m = _NAME_BEFORE.search(text, max(0, start - 40), start)
    return m is not None and m["pre"] is not None and m["pre"] not in _SENTENCE_PUNCT


def _excluded_after(text: str, end: int) -> bool:
    """Percentages, times, rates, and compound adjectives ("30-year-old", "two-day")."""
    return _NOT_A_COUNT_AFTER.match(text, end) is not None


# Every match of _QUANTITY holds a number: a digit or one of these words (the vague numbers'
# words contain "dozen", "score", "hundred", "thousand" or "million"). _QUANTITY opens with
# alternations, so re tries it at every position of the text; a text without any of these need
# not be scanned at all. Matched in lower case, as _QUANTITY ignores case.
_NUMBER_WORDS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred",
    "thousand", "million", "billion", "dozen", "score",
)
_ANY_DIGIT = re.compile(r"\d")  # re's \d: any Unicode digit, as _DIGIT_NUMBER's
# Characters that IGNORECASE matches to an ASCII letter but str.lower() does not turn into it
# (long s, Kelvin sign, dotted and dotless i): with one in the text, the text is always scanned.
_CASE_FOLD_ODD = frozenset("\u017f\u212a\u0130\u0131")


def _may_hold_number(text: str) -> bool:
    """Whether ``text`` may hold a number _QUANTITY matches (never False when it does)."""
    if _ANY_DIGIT.search(text) or not _CASE_FOLD_ODD.isdisjoint(text):
        return True
    low = text.lower()
    return any(word in low for word in _NUMBER_WORDS)


# Words that may stand, whole, between the start of a _QUANTITY match and its first digit or
# number word: the qualifiers' words, "between", and the words that open a number ("a hundred",
# "half a dozen", "several hundred", "a few thousand", "tens of thousands").
_LEAD_WORDS = frozenset(
    " ".join(_QUALIFIERS).split() + ["between", "a", "half", "several", "few", "tens", "hundreds", "of"]
)
_WORD_SPAN = re.compile(r"\S+")


def _number_cores(low: str) -> list[int]:
    """Sorted offsets of every digit and every number word (also inside words) of ``low``."""
    cores = {m.start() for m in _ANY_DIGIT.finditer(low)}
    for word in _NUMBER_WORDS:
        at = low.find(word)
        while at >= 0:
            cores.add(at)
            at = low.find(word, at + 1)
    return sorted(cores)


def _quantity_matches(text: str) -> Iterator[re.Match[str]]:
    """The matches of ``_QUANTITY.finditer(text)``, without scanning where none can start.

    A match holds a number, and before its first digit or number word (its core) only whole
    words of _LEAD_WORDS and whitespace, save for a qualifier that may start inside the word
    before them ("hangover 5"). So the leftmost match at or after ``pos`` starts no earlier than
    the word before the _LEAD_WORDS run that ends at the first core from ``pos``, and
    ``search`` from there finds it (look-behinds still see the text before). Starting earlier
    is always safe; the tests compare with ``finditer`` over many generated strings.
    """
    if not _CASE_FOLD_ODD.isdisjoint(text):
        yield from _QUANTITY.finditer(text)  # lower() would not show re's case folding
        return
    low = text.lower()
    cores = _number_cores(low)
    words = [(w.start(), w.group()) for w in _WORD_SPAN.finditer(low)]
    word_starts = [start for start, _ in words]
    pos, i = 0, 0
    while True:
        i = bisect.bisect_left(cores, pos, i)
        if i == len(cores):
            return
        w = bisect.bisect_right(word_starts, cores[i]) - 1  # the word holding the core
        while w > 0 and words[w - 1][1] in _LEAD_WORDS:
            w -= 1
        start = max(pos, words[w - 1][0] if w > 0 else 0)  # the word before: a qualifier's start
        m = _QUANTITY.search(text, start)
        if m is None:
            return
        yield m
        pos = m.end()


def find_quantities(text: str) -> list[QuantityMention]:
    """Number expressions that count something named right after them, in text order."""
    out: list[QuantityMention] = []
    if not _may_hold_number(text):
        return out
    for m in _quantity_matches(text):
        number = " ".join(_first_number(m).lower().split())
        number_start = m.start("lo") if m["lo"] else m.start("num") if m["num"] else m.start("single")
        if _excluded_before(text, number_start) or (not m["suffix"] and _excluded_after(text, m.end())):
            continue
        quantity = _quantity_from_match(m)
        if quantity is None:
            continue
        allow_of = _is_vague(number) or number.split()[-1] in ("hundreds", "thousands", "millions")
        found = _head_noun(text, m.end(), allow_of)
        verb = _OUTCOME_VERB_BEFORE.search(text, 0, m.start()) if found is None else None
        if verb is not None:  # "killing 11 people and wounding 23": people understood
            found = ("killed" if verb["v"].lower().startswith("kill") else "wounded", m.end())
        elliptic = _ELLIPTIC_OUTCOME.match(text, m.end()) if found is None and out else None
        if elliptic is not None and out[-1].noun in _COUNT_NOUNS:  # "three soldiers died and eleven were wounded"
            found = ("killed" if elliptic["v"].lower() == "killed" else "wounded", m.end())
        if found is None:
            continue
        noun, end = found
        if noun in _UNIT_NOUNS:
            continue
        if noun not in _COUNT_NOUNS and (
            _YEAR_LIKE.fullmatch(number) or number == "one" or _name_before(text, m.start())
        ):
            continue  # "in 2014 elections", "one side", "Resolution 2254 calls"
        out.append(QuantityMention(m.start(), end, text[m.start():end], quantity, noun))
    return out


# --------------------------------------------------------------------------- kinds

def _cue_counts(kind: str, context: str, cue: re.Match[str], noun_at: Optional[re.Match[str]]) -> bool:
    """Whether an outcome word describes the noun's fate rather than what the noun did.

    Fleeing is done by the displaced themselves ("2,000 people fled the city").
    """
    if noun_at is None or cue.start() < noun_at.start() or kind == "displaced":
        return True
    if _PASSIVE_BEFORE.search(context, 0, cue.start()):
        return True
    return _OBJECT_AFTER.match(context, cue.end()) is None


def _nearest_cue(noun: str, context: str) -> Optional[tuple[str, int]]:
    """The outcome cue closest to the noun in ``context`` (or the first cue if the noun is absent)."""
    at = re.search(rf"(?i)\b{re.escape(noun)}\b", context) if noun else None
    best: Optional[tuple[str, int]] = None
    for kind, pattern in _CUES:
        for cue in pattern.finditer(context):
            if not _cue_counts(kind, context, cue, at):
                continue
            if at is None:
                distance = cue.start()
            else:
                distance = max(0, cue.start() - at.end(), at.start() - cue.end())
                if cue.start() >= at.end() and _NEXT_CLAUSE.search(context, at.end(), cue.start()):
                    distance += 30  # "killing 3 soldiers and wounding 7": "wounding" has its own number
            if best is None or distance < best[1]:
                best = (kind, distance)
    return best


# The events' rules ask for the kind of one quantity in one context again and again (once per
# frame that reads it: about half the calls repeat one before); the answer is a function of
# the two strings alone, so it is kept.
@functools.lru_cache(maxsize=4096)
def quantity_kind(noun: Optional[str], context: str = "") -> Optional[str]:
    """Facts quantity name for a counted noun: troops, fatalities, injuries, displaced, captured, vehicles, aircraft, drones, missiles, rockets; None when unknown.

    ``context`` should be the clause around the number. For people ("killed nearly 300 people")
    the nearest outcome word decides; troops stay troops unless such a word is right next to them
    ("20 soldiers were killed"); fighters count as troops only when sent somewhere.
    """
    n = (noun or "").strip().lower()
    if n in ("bomber", "bombers") and _SUICIDE_BOMBERS.search(context):
        n = "attackers"  # people, not aircraft
    elif n in _THING_KINDS:
        return _THING_KINDS[n]
    if n in _OUTCOME_KINDS:
        return _OUTCOME_KINDS[n]
    cue = _nearest_cue(n, context)
    if n in _TROOP_NOUNS or (n in ("members", "member") and _SERVICE_MEMBERS.search(context)):
        return cue[0] if cue and cue[1] <= _TROOP_CUE_WINDOW else "troops"
    if not n or n in _COMBATANT_NOUNS or n in _PEOPLE_NOUNS or _DEMONYM.fullmatch(n):
        if cue:
            return cue[0]
        if (n in _COMBATANT_NOUNS or n in _POLICE_NOUNS) and _DEPLOY_CUE.search(context):
            return "troops"  # "sent 400 police officers to X": a deployed force
    return None
