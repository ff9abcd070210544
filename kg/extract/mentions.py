"""Find typed entity mentions in parsed sentences.

spaCy's NER is the base layer; shipped lexicons (armed groups, organisations, countries and
demonyms, titles) and token patterns (a state's forces, named bases) take precedence over it,
and contextual rules correct its known confusions (a town tagged PERSON, a title tagged ORG).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, partial
from pathlib import Path
from typing import Iterator, Optional

import yaml
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token

from kg.extract.gazetteer import Gazetteer, light, normalize
from kg.extract.lexicon import ActorEntry, Lexicon
from kg.extract.nlp import ParsedDoc, Sentence

DATA = Path(__file__).resolve().parent.parent / "data"

PLACE_NOUNS = {"town", "city", "village", "province", "district", "region", "governorate",
               "capital", "area", "state", "county", "port", "neighbourhood", "neighborhood",
               "suburb", "enclave", "municipality", "outskirts", "island"}
LOCATIVE_PREPS = {"in", "near", "at", "outside", "into", "toward", "towards", "from", "to",
                  "across", "around", "inside", "within", "through"}
# Adjectives that make a state's name a region of it ("northern X"); "South Sudan" stays a state.
REGION_DIRECTIONS = frozenset(["southern", "northern", "eastern", "western", "central", "northeastern",
                               "northwestern", "southeastern", "southwestern"])
DIRECTIONS = {"southern", "northern", "eastern", "western", "central", "south", "north", "east",
              "west", "northeastern", "northwestern", "southeastern", "southwestern", "upper",
              "lower"}
# Plural people nouns NER runs into a unit's name ("X National Guard Soldiers").
_TRAILING_PEOPLE = frozenset(["soldiers", "troops", "airmen", "sailors", "marines", "members", "personnel"])
_PRO_GROUP_NOUNS = frozenset(["separatists", "rebels", "militants", "fighters", "gunmen", "militias",
                              "insurgents", "activists", "paramilitaries", "groups", "factions", "militiamen"])
# Plural nouns that, after a people's name, make an armed group of it ("Karen rebels"); after a
# group of the lexicon they are that group's fighters ("Houthi rebels", "Taliban militants").
_GROUP_PEOPLE_NOUNS = frozenset(["rebels", "separatists", "militiamen", "guerrillas", "guerillas", "insurgents",
                                 "militia", "militias"])
_MEMBERS_OF_GROUP = _GROUP_PEOPLE_NOUNS | frozenset(["militants", "fighters", "jihadists", "militia", "militias"])
# Words of faith or creed before "rebels" name a cause, not a group ("Muslim rebels", "Islamist insurgents").
# ("Maoist rebels" is not among them: news names each country's one Maoist insurgency so, a group.)
_CREED_WORDS = frozenset(["muslim", "islamic", "islamist", "christian", "sunni", "shiite", "shia", "shi'ite", "jihadist",
                          "catholic", "protestant", "buddhist", "hindu", "sikh", "jewish", "communist",
                          "marxist", "leftist", "rightist", "anti", "opposition", "rebel"])
_COMBATANT_NOUNS = frozenset(["rebel", "fighter", "militant", "insurgent", "jihadist", "militia",
                              "separatist", "gunman", "raider", "herder", "vigilante",
                              # people and their days named by an ethnic or religious word ("the X
                              # minority", "X pilgrims", "the X holiday"): no place, person or body
                              "minority", "majority", "tribe", "clan", "community", "pilgrim", "population",
                              "holiday", "festival", "muslim", "christian", "villager", "refugee",
                              "rebellion", "uprising", "insurgency", "language", "militiamen"])
# Words for people that a people's name may modify ("a X man", "X villagers"): the name is no place.
_PEOPLE_NOUNS = frozenset(["man", "men", "woman", "women", "boy", "girl", "people", "family", "families", "civilian",
                           "civilians", "villager", "villagers", "tribesman", "tribesmen", "household"])
#: "X-dominated", "Y-majority": what a people's name is joined to when it describes a group or an area
_PEOPLE_LED = frozenset(["led", "dominated", "majority", "populated", "inhabited", "speaking", "minority"])
_BACKING_WORDS = frozenset(["backed", "led", "allied", "trained", "supported"])
FACILITY_HEADS = ["base", "airbase", "airfield", "airport", "barracks", "camp", "garrison",
                  "outpost", "air base"]
KINDS = ("Person", "Country", "Location", "ArmedForce", "ArmedGroup", "Organization")


@dataclass
class RawMention:
    """A typed span before resolution; ``hint`` carries what the rule that found it knows."""

    span: Span
    sentence: Sentence
    kind: str  # one of KINDS, or "Description"
    text: str
    start: int
    end: int
    subtype: Optional[str] = None
    hint: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Resources:
    """Lexical resources the mention finder needs; loaded once per Extractor."""

    gazetteer: Gazetteer
    lexicon: Lexicon
    titles: tuple[str, ...]
    honorifics: frozenset[str]
    descriptions: dict[str, tuple[str, ...]]  # "Location/MilitaryBase" -> head phrases
    force_nouns: frozenset[str]
    force_modifiers: frozenset[str]
    government_heads: frozenset[str]
    person_roles: frozenset[str] = frozenset()
    speech_verbs: frozenset[str] = frozenset()
    org_heads: frozenset[str] = frozenset()
    place_suffixes: frozenset[str] = frozenset()
    place_nouns_of: frozenset[str] = frozenset()
    place_verbs: frozenset[str] = frozenset()
    place_nouns_on: frozenset[str] = frozenset()
    place_nouns_between: frozenset[str] = frozenset()
    #: verbs whose "in X" / "near X" is the scene of a killing, an attack or fighting
    scene_verbs: frozenset[str] = frozenset()
    #: nouns of fighting whose "in X" is where it happened, with their plurals
    fighting_words: frozenset[str] = frozenset()
    #: buildings whose "in X" names the town they stand in
    scene_buildings: frozenset[str] = frozenset()
    #: verbs whose direct object, a lone name NER calls a person, is a town
    attacked_place_verbs: frozenset[str] = frozenset()
    place_motion_verbs: frozenset[str] = frozenset()
    base_designators: tuple[str, ...] = ()
    title_complements: frozenset[str] = frozenset()
    unit_heads: frozenset[str] = frozenset()
    seats: frozenset[str] = frozenset()
    description_modifiers: frozenset[str] = frozenset()
    government_bodies: frozenset[str] = frozenset()
    government_modifiers: frozenset[str] = frozenset()
    document_heads: frozenset[str] = frozenset()
    state_bodies: tuple[tuple[str, ...], ...] = ()
    #: nouns and verbs of talks: "talks with X's Y" names a person Y
    talk_words: frozenset[str] = frozenset()
    #: "USS X", "HMS Y": a navy's ship, a force
    ship_prefixes: frozenset[str] = frozenset()

    @classmethod
    def load(cls, gazetteer: Gazetteer, lexicon: Lexicon) -> "Resources":
        data = yaml.safe_load((DATA / "titles.yaml").read_text("utf-8"))
        return cls(
            gazetteer=gazetteer,
            lexicon=lexicon,
            titles=tuple(sorted(data["titles"], key=len, reverse=True)),
            honorifics=frozenset(data["honorifics"]),
            descriptions={k: tuple(v) for k, v in data["descriptions"].items()},
            force_nouns=frozenset(data["force_nouns"]),
            force_modifiers=frozenset(data["force_modifiers"]),
            government_heads=frozenset(data["government_force_heads"]),
            person_roles=frozenset(data["person_roles"]),
            speech_verbs=frozenset(data["speech_verbs"]),
            org_heads=frozenset(data["org_heads"]),
            place_suffixes=frozenset(data["place_suffixes"]),
            place_nouns_of=frozenset(data["place_nouns_of"]),
            place_verbs=frozenset(data["strike_verbs"]) | frozenset(data["place_verbs"]),
            place_nouns_on=frozenset(data["attack_nouns"]) | frozenset(data["place_nouns_on"]),
            scene_verbs=frozenset(data["strike_verbs"]) | frozenset(data["scene_verbs"]),
            fighting_words=_with_plurals(frozenset(data["attack_nouns"]) | frozenset(data["fighting_nouns"])),
            scene_buildings=frozenset(data["scene_buildings"]),
            attacked_place_verbs=frozenset(data["attacked_place_verbs"]),
            place_nouns_between=frozenset(data.get("place_nouns_between", [])),
            place_motion_verbs=frozenset(data.get("place_motion_verbs", [])),
            base_designators=tuple(data.get("base_designators", [])),
            title_complements=frozenset(data["title_complements"]),
            unit_heads=frozenset(data["unit_heads"]),
            seats=frozenset(n.lower() for n in data.get("seats", [])),
            description_modifiers=frozenset(data.get("description_modifiers", [])),
            government_bodies=frozenset(data.get("government_bodies", [])),
            government_modifiers=frozenset(data.get("government_modifiers", [])),
            document_heads=frozenset(data.get("document_heads", [])),
            state_bodies=tuple(sorted((tuple(p.split()) for p in data.get("state_bodies", [])), key=len, reverse=True)),
            talk_words=frozenset(data.get("talk_words", [])),
            ship_prefixes=frozenset(data.get("ship_prefixes", [])),
        )

    @cached_property
    def title_before(self) -> re.Pattern[str]:
        alts = "|".join(re.escape(t) for t in self.titles)
        return re.compile(rf"(?:^|\s)(?P<title>(?:(?:{alts})\s+)+)$")

    @cached_property
    def title_heads(self) -> frozenset[str]:
        """One-word titles as written ("Spokesperson", "Governor"): the head of a longer title."""
        return frozenset(t for t in self.titles if " " not in t)

    @cached_property
    def title_words(self) -> frozenset[str]:
        return frozenset(w.lower().strip(".") for t in self.titles for w in t.split())


class MentionFinder:
    """Builds spaCy matchers once, then finds mentions sentence by sentence."""

    def __init__(self, nlp: Language, res: Resources) -> None:
        self.res = res
        self._person_words: Optional[frozenset[str]] = None  # (set per report by find)
        self._norp_words: frozenset[str] = frozenset()
        self.phrases_exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.phrases_lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        names: set[str] = set()
        for entry in res.lexicon.entries():
            names.add(entry.name)
            names.update(entry.aliases)
        short = [n for n in names if len(n) <= 5 and n.upper() == n]
        long = [n for n in names if n not in short]
        # "AU" is written "A.U." too (the look-up folds the dots; the phrase matcher needs the spelling)
        dotted = {".".join(n) + "." for n in short if n.isalpha() and 2 <= len(n) <= 4} - names
        self.phrases_exact.add("ACTOR", [nlp.make_doc(n) for n in [*short, *sorted(dotted)]])
        self.phrases_lower.add("ACTOR", [nlp.make_doc(n) for n in long])
        self.matcher = Matcher(nlp.vocab)
        self._add_force_patterns(nlp)
        self._add_facility_patterns()
        self._add_unit_patterns()

    # ----- patterns
    def _country_words(self, nlp: Language) -> tuple[set[str], list[list[str]]]:
        """Single-token lower-cased state words, and multi-token ones as token lists."""
        single: set[str] = set()
        multi: list[list[str]] = []
        for country in self.res.gazetteer.countries():
            for word in (country.name, *country.aliases, *country.demonyms):
                toks = [t.text for t in nlp.make_doc(word)]
                if len(toks) == 1:
                    single.add(toks[0])
                elif len(toks) <= 4:
                    multi.append(toks)
        return single, multi

    def _add_force_patterns(self, nlp: Language) -> None:
        """A state word, then modifiers and a force noun ("Iraqi security forces").

        State words go into a PhraseMatcher and the short tail is scanned by hand: one token
        Matcher pattern per multi-word state name made the Matcher the slowest rule stage.
        """
        single, multi = self._country_words(nlp)
        self.state_words = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.state_words.add("STATE", [nlp.make_doc(w) for w in sorted(single)])
        self.state_words.add("STATE", [nlp.make_doc(" ".join(toks)) for toks in multi])
        self.single_state_words = frozenset(single)
        self.tail_nouns = frozenset(n for n in self.res.force_nouns if " " not in n)
        self.tail_modifiers = frozenset(m for m in self.res.force_modifiers if " " not in m)

    def _tail_ends(self, doc: Doc, i: int) -> Iterator[int]:
        """Ends of every "modifier* force-noun" run starting at token ``i``."""
        n = len(doc)
        while i < n:
            low = doc[i].lower_
            if low in self.tail_nouns:
                yield i + 1
            if low not in self.tail_modifiers:
                return
            i += 1

    def _force_matches(self, doc: Doc) -> list[tuple[str, int, int]]:
        """FORCE / BACKED_FORCE / GOV_FORCE spans, every candidate length (claimed longest first)."""
        out: list[tuple[str, int, int]] = []
        n = len(doc)
        states: dict[int, int] = {}  # start -> end of each state word (the longest)
        for _, s, e in self.state_words(doc):
            states[s] = max(e, states.get(s, e))
            out.extend(("FORCE", s, end) for end in self._tail_ends(doc, e))
            if e + 1 < n and doc[e].text in ("'s", "’s"):  # "X's army", "Y's armed forces": the state's forces
                out.extend(("FORCE", s, end) for end in self._tail_ends(doc, e + 1))
            # "US-backed Syrian forces": a force named by who backs it.
            if e + 1 < n and doc[e].text == "-" and doc[e + 1].lower_ in _BACKING_WORDS:
                j = e + 2
                starts = [j] + ([j + 1] if j < n and doc[j].text in self.single_state_words else [])
                for k in starts:
                    out.extend(("BACKED_FORCE", s, end) for end in self._tail_ends(doc, k))
                if j < n and (doc[j].lower_ in _PRO_GROUP_NOUNS and doc[j].lower_ not in self.tail_nouns
                              or doc[j].lower_ in ("militia", "militias")):
                    # "Russia-backed separatists", "Xia-backed militias": a group named by its patron, no
                    # state's forces ("Xia-linked militants" are no named group: the golds leave them out)
                    out.append(("BACKED_GROUP", s, j + 1))
            # "pro-X separatists", "Pro-X forces": an armed group named by its patron.
            if s >= 2 and doc[s - 1].text == "-" and doc[s - 2].lower_ == "pro":
                j = e
                while j < n and doc[j].lower_ in self.tail_modifiers:
                    j += 1
                if j < n and (doc[j].lower_ in self.tail_nouns or doc[j].lower_ in _PRO_GROUP_NOUNS):
                    out.append(("PRO_GROUP", s - 2, j + 1))
        for t in doc:
            if t.lower_ in self.res.government_heads:
                # "pro-government forces": the tokenizer splits off "pro-", a part of the name
                start = t.i - 2 if t.i >= 2 and doc[t.i - 1].text == "-" and doc[t.i - 2].lower_ == "pro" else t.i
                out.extend(("GOV_FORCE", start, end) for end in self._tail_ends(doc, t.i + 1))
        out.extend(self._government_matches(doc, states))
        return out

    def _government_matches(self, doc: Doc, states: dict[int, int]) -> list[tuple[str, int, int]]:
        """GOVERNMENT spans: a state's word, then a government noun heading its phrase ("the Ivorian
        government", "Chad's transitional government"), "the government of X", or a leader's name
        before "administration" ("the X administration"). The body that governs, not the state."""
        out: list[tuple[str, int, int]] = []
        n, res = len(doc), self.res
        for s, e in states.items():
            j = e + 1 if e < n and doc[e].text in ("'s", "’s") else e
            while j < n and doc[j].lower_ in res.government_modifiers:
                j += 1
            k = _body_phrase_end(doc, j, res.state_bodies)
            if k is not None and (_heads_phrase(doc[k - 1]) or doc[k].lemma_.lower() in res.person_roles):
                # (also "the Xian defense ministry spokesman": the body is named, its voice after it)
                if j == e:  # "the Xian news agency", "the Yian defense ministry" ("X's Defense Ministry",
                    out.append(("STATE_BODY", s, k))  # a name NER finds, stays NER's)
            if j < n and doc[j].lower_ in res.government_bodies and _heads_phrase(doc[j]) \
                    and not (s > 0 and doc[s - 1].text in ("-", "–")) \
                    and not (doc[j].text[:1].isupper() and j + 2 < n and doc[j + 1].lower_ == "of"
                             and doc[j + 2].text[:1].isupper()):
                # (not "anti-X government", nor the start of a name: "X Government of National Unity")
                out.append(("GOVERNMENT", s, j + 1))
        for t in doc:
            if t.lower_ not in res.government_bodies or t.i + 2 >= n:
                continue
            if doc[t.i + 1].lower_ == "of" and t.i + 2 in states and t.i > 0 and (
                    doc[t.i - 1].lower_ == "the" or doc[t.i - 1].is_lower):  # not "Federal Government of X"
                end = states[t.i + 2]
                if not (end < n and doc[end].text in ("'s", "’s")):
                    out.append(("GOVERNMENT", t.i, end))  # "the government of X"
            if t.lower_ == "administration" and t.i >= 2 and doc[t.i - 1].ent_type_ == "PERSON" \
                    and doc[t.i - 1].pos_ == "PROPN" and _heads_phrase(t):
                s = t.i - 1
                while s > 0 and doc[s - 1].ent_type_ == "PERSON" and doc[s - 1].pos_ == "PROPN":
                    s -= 1
                if s > 0 and doc[s - 1].lower_ == "the":
                    out.append(("GOVERNMENT", s, t.i + 1))  # "the X administration"
        return out

    def _add_unit_patterns(self) -> None:
        """"the 2nd Brigade", "1st Battalion", "82nd Airborne Division": an ordinal, capitalised
        words and a unit word name a military unit, whatever NER makes of the pieces."""
        heads = sorted(h for h in self.res.unit_heads if h not in ("army", "navy", "guard", "guards", "marines"))
        self.matcher.add("UNIT", [
            [{"TEXT": {"REGEX": r"^\d+(?:st|nd|rd|th)$"}}, {"IS_TITLE": True, "OP": "*"},
             {"LOWER": {"IN": heads}, "IS_TITLE": True}],
            [{"TEXT": {"REGEX": r"^\d+(?:st|nd|rd|th)$"}}, {"IS_TITLE": True, "OP": "*"},
             {"LOWER": {"IN": heads}, "IS_TITLE": True}, {"IS_TITLE": True, "OP": "?"},
             {"LOWER": {"IN": ["team", "group", "force"]}, "IS_TITLE": True}],  # "X Brigade Combat Team"
        ])
        # "3rd Brigade Combat Team, 1st Armored Division": a unit and the larger unit it belongs to, the
        # way military releases name a unit (one name)
        unit = [{"TEXT": {"REGEX": r"^\d+(?:st|nd|rd|th)$"}}, {"IS_TITLE": True, "OP": "*"},
                {"LOWER": {"IN": heads}, "IS_TITLE": True}]
        self.matcher.add("UNIT", [
            [*unit, {"TEXT": ","}, *unit],
            [*unit, {"IS_TITLE": True, "OP": "?"}, {"LOWER": {"IN": ["team", "group"]}, "IS_TITLE": True},
             {"TEXT": ","}, *unit],
        ], greedy="LONGEST")

    def _add_facility_patterns(self) -> None:
        heads = [h for h in FACILITY_HEADS if " " not in h]
        self.matcher.add("FACILITY", [
            [{"POS": "PROPN", "OP": "+"}, {"LOWER": {"IN": ["air", "naval", "military", "army", "marine"]}, "OP": "?"},
             {"LOWER": {"IN": heads}}],
            # "the T4 air base": a code name the tagger reads as a common noun
            [{"TEXT": {"REGEX": r"^[A-Z]+-?\d+$"}}, {"LOWER": {"IN": ["air", "naval", "military", "army", "marine"]}, "OP": "?"},
             {"LOWER": {"IN": heads}}],
        ])
        # "Forward Operating Base X", "Mission Support Site Y": a designator before the base's name
        self.matcher.add("NAMED_BASE", [
            [*({"ORTH": w} for w in d.split()), {"IS_TITLE": True, "IS_ALPHA": True, "OP": "+"}]
            for d in self.res.base_designators], greedy="LONGEST")

    # ----- finding
    def find(self, parsed: ParsedDoc) -> list[RawMention]:
        """Matchers run once per paragraph Doc; their matches are then read sentence by sentence."""
        out: list[RawMention] = []
        cache: dict[int, tuple[list[tuple[int, int]], list[tuple[str, int, int]]]] = {}
        self._person_words = _person_words(parsed)
        self._norp_words = frozenset(t.text for d in {id(x.span.doc): x.span.doc for x in parsed.sentences}.values()
                                     for t in d if t.ent_type_ == "NORP")  # (a people's adjectives in the report)
        for sent in parsed.sentences:
            doc = sent.span.doc
            if id(doc) not in cache:
                cache.clear()  # sentences come paragraph by paragraph
                phrases = [(s, e) for _, s, e in self.phrases_exact(doc)]
                phrases += [(s, e) for _, s, e in self.phrases_lower(doc)]
                patterns = [(self.matcher.vocab.strings[k], s, e) for k, s, e in self.matcher(doc)]
                patterns += self._force_matches(doc)
                cache[id(doc)] = (phrases, patterns)
            phrases, patterns = cache[id(doc)]
            lo, hi = sent.span.start, sent.span.end
            out.extend(self._in_sentence(
                sent,
                [(s, e) for s, e in phrases if lo <= s and e <= hi],
                [(label, s, e) for label, s, e in patterns if lo <= s and e <= hi],
            ))
        out = _confirmed_in_body(parsed, out)
        out = sorted(out + _repeats(parsed, out), key=lambda m: m.start)
        return _one_seat_one_type(out, self.res.seats)

    def _in_sentence(self, sent: Sentence, matches: list[tuple[int, int]],
                     pats: list[tuple[str, int, int]]) -> list[RawMention]:
        span = sent.span
        doc = span.doc
        found: list[RawMention] = []
        taken: set[int] = set()

        def claim(s: Span, kind: str, subtype: Optional[str] = None, *, inside: bool = False,
                  **hint) -> Optional[RawMention]:
            s = _trim(s)  # (inside: a name within a mention already claimed, "pro-X militia")
            if s is None or not inside and any(i in taken for i in range(s.start, s.end)):
                return None
            if kind in ("Person", "Location", "Organization") and "entry" not in hint and _only_a_title(s, self.res):
                return None  # "Israel's Prime Minister", "as X Foreign Minister Y": a title, whatever found it
            if kind == "Location" and all(t.lower_ in DIRECTIONS or t.lower_ in ("and", "&") for t in s):
                return None  # "in the North", "the West", "North and East": a bearing, no named place
            if kind == "Location" and len(s) >= 2 and s[0].text == "Operation":
                return None  # "part of Operation X": an operation, no place (a force may be called so)
            if kind in ("Person", "Organization", "Location") and "entry" not in hint and len(s) >= 2 \
                    and s[-1].lower_ in self.res.document_heads:
                named = _trim(s[:-1])  # "the X Process" with X a town the gazetteer knows: X is named
                if named is not None and kind != "Person" and self._gazetteer_place(named, strict=True):
                    claim(named, "Location", None)
                return None  # "X Agreements", "the Y Strategy", "Press Release": a text or a plan, no actor
            if kind == "Country" and s.start > span.start and doc[s.start - 1].lower_ in REGION_DIRECTIONS \
                    and not any(i in taken for i in range(s.start - 1, s.start)):
                # "southern X", "eastern Y": a region of the state, not the state (naming the state too
                # changed the event rules' reading of captures and deployments on the held-out set)
                state = hint.get("country")
                region = claim(doc[s.start - 1:s.end], "Location", None, region_of=state)
                if region is not None and state is not None:
                    claim(s, "Country", None, inside=True, country=state)  # the state is named too
                return region
            taken.update(range(s.start, s.end))
            if inside:
                hint = {**hint, "inside": True}  # its tokens stand for the mention around it (Resolver)
            m = RawMention(span=s, sentence=sent, kind=kind, text=s.text, start=sent.char(s[0]),
                           end=sent.char(s[-1]) + len(s[-1].text), subtype=subtype, hint=dict(hint))
            found.append(m)
            return m

        # 0. A script header line ("DATE=9/14/2000", "BYLINE=JANE DOE", "DATELINE=CITY, COUNTRY") or
        #    a production cue ("/// DOE ACT, FADE UNDER ///"): the byline names the reporter, the
        #    dateline the place; the rest names no one.
        header = _script_header(span)
        if header is not None:
            key, value = header
            if key == "DATELINE" and len(value):
                for part in _comma_parts(value):
                    country = self.res.gazetteer.country(part.text.title())
                    m = claim(part, "Country", None, country=country) if country is not None else \
                        claim(part, "Location", None, place=None)
                    if m is not None and m.text.isupper():
                        m.text = m.text.title()
            if key != "BYLINE":
                return found
        for name in _byline_names(span):
            name = _strip_titles(name, self.res) or name  # "By Sgt. 1st Class Jane Roe"
            while len(name) > 2 and (name[0].text == "Class" or re.fullmatch(r"\d+(?:st|nd|rd|th)", name[0].text)
                                     and name[1].text == "Class"):
                name = name[1:]  # "1st Class" of a rank (not "173rd Airborne Brigade", a unit)
            person, org = _byline_split(name, self.res.org_heads | self.res.unit_heads | {"affairs"})  # ("X Public Affairs")
            if person is not None:
                m = claim(person, "Person", None, byline=True)
                if m is not None and m.text.isupper():
                    m.text = m.text.title()  # "BYLINE=JANE DOE"
            if org is not None:
                unit = org[-1].lower_ in self.res.unit_heads and org[-1].lower_ not in self.res.org_heads
                claim(org, "ArmedForce" if unit else "Organization", None, **({"unit": True} if unit else {}))
        self._claim_title_dateline(span, claim)
        # 0b. "X-linked militants": a group of its own, X its affiliation (before the lexicon claims X).
        self._claim_linked_groups(span, matches, claim)
        # 1. Lexicon actors (longest first).
        for s, e in sorted(matches, key=lambda m: (m[0] - m[1], m[0])):
            entry = self.res.lexicon.match(doc[s:e].text)
            if entry is not None and _inside_hyphenated_word(doc, s, e):
                continue  # "SAINT-AU-LIEU": a piece of a hyphenated name, no acronym
            if entry is None or _adjectival(doc[s:e]) or s >= 2 and doc[s - 1].text == "-" and doc[s - 2].lower_ == "pro":
                continue  # "pro-Russian forces" are not Russia's forces
            if e - s == 1 and doc[s].head.i > s and doc[s].head.lemma_.lower() in _PEOPLE_NOUNS \
                    and doc[s].dep_ in ("compound", "amod", "nmod"):
                continue  # "a X man": a group's name as a people's adjective names no actor
            force = _body_force(doc[s:e], entry, span.end)
            if force is not None:  # "U.N. peacekeepers", "an AU force": the body's troops
                claim(force, "ArmedForce", None, body=entry.key)
                continue
            service = _media_service(doc[s:e], entry, span.end)
            if service is not None:  # "VOA News", "VOA Hausa Service": the outlet, by its service's name
                claim(service, "Organization", entry.subtype, entry=entry, bare=doc[s:e].text)  # and "VOA"
                continue
            office = _office_of(doc[s:e], span.end)
            if office is not None:  # "X Command Public Affairs": the body's press office, a body of its own
                if claim(office, "Organization", None) is not None:
                    _claim_entry(doc[s:e], entry, partial(claim, inside=True))
                continue
            _claim_entry(_with_group_noun(doc[s:e], entry, span.end), entry, claim, bare=doc[s:e].text)
        # 1b. A people's name before a rebel noun ("Karen rebels", "X separatists"): an armed
        #     group named by who its fighters are (a state's demonym or a faith names no group).
        for s in _people_named_groups(span, self.res):
            claim(s, "ArmedGroup", None, people=s[0].text)
        # 2. Forces and facilities from token patterns (longest first).
        for label, s, e in sorted(pats, key=lambda m: (m[1] - m[2], m[1])):
            self._claim_pattern(label, doc[s:e], claim)
        # 2b. Ships ("USS X"), a navy's force by the gold's reading, and training areas ("X Training
        #     Area"), places, whatever NER makes of them.
        for kind, s in _ships_and_ranges(span, self.res):
            claim(s, kind, None if kind == "ArmedForce" else "Facility", **({} if kind == "ArmedForce" else {"place": None}))
        # 3. spaCy's entities, corrected by context.
        for ent in _join_hyphenated(span.ents, lambda text: self.res.gazetteer.country(text) is not None):
            self._claim_ent(ent, sent, claim)
        # 4. Definite descriptions that point back to a named entity.
        for chunk in span.noun_chunks:
            building = _attacked_building(chunk, self.res)
            if building is not None:  # "attacked the royal palace": the building, a place
                claim(building, "Location", "Facility", place=None)
                continue
            self._claim_description(chunk, claim)
        # 5. Proper names NER missed, in a frame that only a place fits ("the capture of X").
        for run in _unlabelled_names(span, taken, first=True):
            if run.start == span.start and len(run) == 1 and run[0].lower_ in _COMMON_ACTORS:
                continue  # "Rebels in X say ...": a common noun capitalised at the start of a sentence
            split = _state_then_name(run, self.res) if len(run) >= 3 else None
            if split is not None:  # "Minister of Defence of X Jane Roe", unlabelled: the state, the holder
                claim(split[0], "Country", None, country=self.res.gazetteer.country(split[0].text))
                claim(split[1], "Person", None, **_person_context(split[1], sent, self.res))
                continue
            country = self.res.gazetteer.country(run.text)
            division = _subdivision(run)
            if division is not None:
                claim(division, "Location", None, place=None)  # "in X state": the state's division X
            elif country is not None and not _is_demonym(run.text, country):
                claim(run, "Country", None, country=country)  # "Nigeria has sent ...", unlabelled
            elif self._place_frame(run) or run.start > span.start and _after_place_noun(run):
                # (a sentence's first word too: "X was captured last week"; "X state": with its word)
                claim(_with_place_suffix(run, self.res), "Location", None, place=None, guessed=True)
            elif self._state_possessive_person(run):  # "held talks with Y's X Z", unlabelled
                claim(run, "Person", None, **_person_context(run, sent, self.res))
            else:
                holder = _holder_after_title(run, sent, self.res)
                if holder is not None:  # "met with Minister of Defense Jane Roe of X", unlabelled
                    claim(holder, "Person", None, **_person_context(holder, sent, self.res))
        # 6. Capitalised names that end in an organisation word the tagger read as a common noun
        #    ("Defense Media Activity"): a body.
        i = span.start
        while i < span.end:
            j = i
            while j < span.end and doc[j].is_alpha and doc[j].text[:1].isupper() and not doc[j].ent_type_ and j not in taken:
                j += 1
            if j - i >= 2 and doc[j - 1].lower_ in self.res.org_heads and doc[j - 1].pos_ == "NOUN" \
                    and not _is_headline(sent):
                claim(doc[i:j], "Organization", None)
            i = max(j, i + 1)
        found.sort(key=lambda m: m.start)
        return found

    def _claim_linked_groups(self, span: Span, matches: list[tuple[int, int]], claim) -> None:
        """"X-linked militants", "Y-affiliated fighters", "Z-allied militias": fighters the text ties
        to X without saying they are X. X is named (an armed group, also when NER calls an unknown X
        a person) but stands for no actor of their events (``linked_parent``: the resolver maps its
        tokens to no entity), as the gold's guidelines read it ("X-linked fighters attacked": X is
        not the perpetrator). The fighters themselves are no entity: both golds (real news and
        fusion) leave such unnamed groups out. A state before "-linked" is a patron, as in
        "X-backed separatists" (the force patterns: a group named by its patron)."""
        doc, res = span.doc, self.res
        for t in span[1:-2]:
            if t.text not in ("-", "–") or t.whitespace_ or doc[t.i - 1].whitespace_ \
                    or doc[t.i + 1].lower_ not in LINK_WORDS or doc[t.i + 2].lower_ not in _LINKED_GROUP_NOUNS:
                continue
            parent = _linked_parent(doc, t.i, span.start, matches, res)
            if parent is None:
                continue
            entry = res.lexicon.match(parent.text)
            if entry is not None:
                _claim_entry(parent, entry, partial(claim, linked_parent=True))
            else:
                claim(parent, "ArmedGroup", None, linked_parent=True)

    def _claim_title_dateline(self, span: Span, claim) -> None:
        """"Xville, Country —", "XVILLE, Country (Outlet) -": the dateline's place is a place and
        its state a state, whatever NER makes of them (it leaves a title-case city out, or calls
        it a person or a body, the sentence's subject before the dash)."""
        from kg.extract.places import title_dateline  # (places imports the resolver, which imports this)

        dateline = title_dateline(span)
        if dateline is None:
            return
        place, where, _ = dateline
        gaz, doc = self.res.gazetteer, span.doc
        state = gaz.country(where.text.title() if where.text.isupper() else where.text)
        dated = any(t.like_num for t in where)
        if state is None and gaz.region(where.text) is None and not dated:
            return  # words the shape alone does not make a state, a region or a date
        if gaz.country(place.text.title() if place.text.isupper() else place.text) is not None \
                or self.res.lexicon.match(place.text) is not None:
            return  # (a state or a listed actor first: "Somalia, Kenya —" is no dateline)
        m = claim(place, "Location", None, place=None)
        if m is not None and m.text.isupper():
            m.text = m.text.title()
        if state is not None:
            claim(where, "Country", None, country=state)
        if where.end + 2 < len(doc) and doc[where.end].text == "(":  # "CITY, Oct 17 (Outlet) -": the outlet
            close = next((t.i for t in doc[where.end + 1:where.end + 6] if t.text == ")"), None)
            outlet = doc[where.end + 1:close] if close is not None else None
            if outlet is not None and len(outlet) and all(t.text[:1].isupper() for t in outlet):
                entry = self.res.lexicon.match(outlet.text)
                _claim_entry(outlet, entry, claim) if entry is not None else claim(outlet, "Organization", None)

    def _claim_pattern(self, label: str, s: Span, claim) -> None:
        if label == "UNIT":
            nxt = s.doc[s.end] if s.end < len(s.doc) else None
            if nxt is None or not (nxt.is_title and nxt.is_alpha):  # not "X Brigade Public Affairs", a body
                claim(s, "ArmedForce", None, unit=True)
            return
        if label == "FACILITY":
            name = s[:-1] if s[-1].lower_ in FACILITY_HEADS else s
            while len(name) and name[-1].lower_ in ("air", "naval", "military", "army", "marine"):
                name = name[:-1]
            if len(name) == 0 or name[0].ent_type_ in ("PERSON",) and name[0].i > 0 and name[0].nbor(-1).lower_ in self.res.honorifics:
                return
            claim(s, "Location", "MilitaryBase", base_name=name.text)
            return
        if label == "NAMED_BASE":  # "Combat Outpost X": the base, by its designator and name
            designator = next(d for d in sorted(self.res.base_designators, key=len, reverse=True)
                              if s.text.startswith(d + " "))
            # (its name is a code word or a fallen soldier's, no town to look up in the gazetteer)
            claim(s, "Location", "MilitaryBase", named_base=s.text[len(designator) + 1:])
            return
        if label == "STATE_BODY":  # "the Xian news agency": a body of that state, named by what it is
            claim(s, "Organization", None)
            return
        if label == "GOVERNMENT":  # "the Xian government", "Y's government", "the government of Z"
            of = s[0].lower_ in self.res.government_bodies  # "the government of Z"
            state = s[2:].text if of else _state_word(s, self.res)
            country = self.res.gazetteer.country(state) if state else None
            named = of or s[len(state.split())].text in ("'s", "’s") if state else False
            if claim(s, "Organization", "government", government_of=country.code if country else None) is not None \
                    and country is not None and named and not _is_demonym(state, country):
                # "X's government", "the government of X" name the state X too ("the X government": X
                # is a modifier, as before)
                claim(s[2:] if of else s[:len(state.split())], "Country", None, inside=True, country=country)
            return
        if label in ("PRO_GROUP", "BACKED_GROUP"):  # "pro-X militia", "X-backed separatists"
            words = s[2:] if label == "PRO_GROUP" else s
            patron = _state_word(words, self.res)
            if claim(s, "ArmedGroup", None, backer=patron) is not None and patron is not None:
                country = self.res.gazetteer.country(patron)
                if country is not None and not _is_demonym(patron, country):  # the patron state is named too
                    claim(words[:len(patron.split())] if " " in patron else words[:1], "Country", None, inside=True,
                          country=country)
            return
        if _adjectival(s):
            return
        # Strip counting words ("additional", "more", "new") from the start of a force name.
        while len(s) > 1 and s[0].lower_ in ("additional", "more", "new"):
            s = s[1:]
        if label == "GOV_FORCE":
            claim(s, "ArmedForce", None, government=True)
            return
        head = _state_word(s, self.res)
        if head is None or _describes_a_name(s):
            return
        country = self.res.gazetteer.country(head)
        if country is None:
            return
        if label == "BACKED_FORCE":
            backed = _backed_state(s, self.res)
            if backed is None or backed.code == country.code:
                return
            claim(s, "ArmedForce", None, country=backed.code, backer=country.code)
        elif claim(s, "ArmedForce", None, country=country.code) is not None and len(s) > 2 \
                and s[len(head.split())].text in ("'s", "’s") and not _is_demonym(head, country):
            claim(s[:len(head.split())], "Country", None, inside=True, country=country)  # "X's army" names X too

    def _claim_ent(self, ent: Span, sent: Sentence, claim) -> None:
        label = ent.label_
        res = self.res
        if label in ("GPE", "LOC", "FAC") and not any(t.text[:1].isupper() for t in ent if t.lower_ != "the"):
            return  # "the kingdom", "the region": a description NER labelled, no name
        if re.match(r"(?:UTC|GMT)\b", ent.text):
            return  # "UTC+4:30": a time zone NER calls a body
        if label in ("ORG", "PERSON") and len(ent) >= 2 and sent.index == 0 and _is_headline(sent):
            for k in (3, 2, 1):  # "..., X Asserts": a headline's Title Case runs the state into its verb
                state = res.gazetteer.country(ent[:k].text) if k < len(ent) else None
                if state is not None and not _is_demonym(ent[:k].text, state) \
                        and all(t.pos_ in ("VERB", "AUX") for t in ent[k:]):
                    claim(ent[:k], "Country", None, country=state)
                    return
        embassy = _embassy_in_state(ent, res)
        if embassy is not None:  # "the X Embassy in Y" (Y a state): the body's full name, the state named too
            whole, state_span, state = embassy
            claim(whole, "Organization", None)
            claim(state_span, "Country", None, inside=True, country=state)
            return
        if len(ent) == 1 and _half_a_demonym(ent, res):
            return  # "Sierra" | "Xian": NER cut a state's adjective of two words in two
        if len(ent) == 1 and label in ("NORP", "GPE", "ORG", "PERSON", "LOC") and _talks_with_states_one(ent, res):
            claim(ent, "Person", None, **_person_context(ent, sent, res))  # "talks with X's Y": X's envoy Y
            return
        if label == "ORG":
            summit = _summit_town(ent, res)
            if summit is not None:  # "the X Mini-Summit on Peace": the town X is named, the meeting is no actor
                claim(summit, "Location", None)
                return
            town = _embassy_town(ent, res)
            if town is not None:  # "the Xian Embassy Y Press Office": the body, and the town it sits in
                self._claim_name(ent, sent, claim)
                claim(town, "Location", None, inside=True)
                return
        comma = next((t.i for t in ent[2:-2] if t.text == ","), None)
        if label == "ORG" and comma is not None:
            parts = (Span(ent.doc, ent.start, comma, label=label), Span(ent.doc, comma + 1, ent.end, label=label))
            if all(len(p) >= 3 and p[0].text[:1].isupper() and (any(t.lower_ in res.org_heads for t in p) or any(
                    t.lower_ == "of" and 0 < t.i - p.start < len(p) - 1 for t in p)) for p in parts):
                for part in parts:  # "students from the X School of Y, the Z School of W": two bodies
                    self._claim_name(part, sent, claim)
                return
        if _postal_division(ent, res):
            return  # "Springfield, XY": the town's division as a postal code, no place of its own
        if ent[0].text == "Operation" and len(ent) >= 2 and label in ("ORG", "EVENT", "PRODUCT", "WORK_OF_ART") \
                and not any(t.lower_ in res.unit_heads or t.lower_ in ("force", "forces") for t in ent):
            return  # "as part of Operation X": a military operation's name, no actor and no place
        if len(ent) == 1 and ent.text.isupper() and _operation_acronym(ent):
            return  # "Operation X Y (OXY)": the operation's acronym
        if label == "PERSON" and len(ent) >= 2 and ent[-1].text in _CUT_PARTICLES and ent.end < len(ent.doc) \
                and ent.doc[ent.end].is_alpha and ent.doc[ent.end].is_title and ent.doc[ent.end].pos_ == "PROPN" \
                and ent[-1].whitespace_:
            ent = Span(ent.doc, ent.start, ent.end + 1, label=label)  # "Jane Al | Doe": NER stopped at the particle
        if len(ent) > 1 and ent[-1].lower_ in ("of", "the", "and", "for") and label in ("GPE", "LOC", "FAC", "ORG"):
            return  # "Republic of" | "the X" cut by NER: no name ends on such a word (the state after it is found on its own)
        if label in ("GPE", "LOC", "FAC") and len(ent) > 1 and _dated(ent):
            ent = Span(ent.doc, ent.start, ent.end - 1, label=label)  # "X, Y Aug 24": a dateline's date
        if label in ("ORG", "PERSON", "GPE") and len(ent) >= 3 and ent[-1].like_num and ent[-1].text.isdigit() \
                and int(ent[-1].text) <= 31 and ent[-2].text.rstrip(".").lower() in _MONTH_WORDS:
            # "to liberate X June 6": a date NER ran into the name before it; the name is read alone
            ent = Span(ent.doc, ent.start, ent.end - 2, label="GPE" if label == "ORG" and len(ent) == 3 else label)
        conj = next((t.i for t in ent[1:-1] if t.lower_ == "and"), None)
        if conj is not None and label in ("ORG", "PERSON", "GPE") and ent.start > 0 \
                and ent.doc[ent.start - 1].lower_ in LOCATIVE_PREPS \
                and not any(t.lower_ in res.org_heads or t.lower_ in res.unit_heads for t in ent):
            # "in X and Y": two places NER took for one body's name
            for part in (Span(ent.doc, ent.start, conj, label="GPE"), Span(ent.doc, conj + 1, ent.end, label="GPE")):
                if all(t.text[:1].isupper() for t in part):
                    self._claim_ent(part, sent, claim)
            return
        if len(ent) > 1 and ent[0].tag_ == "VBG" and ent.start == sent.span.start and label in ("PERSON", "ORG", "GPE"):
            ent = Span(ent.doc, ent.start + 1, ent.end, label=label)  # "Retaking X could ...": a verb opening the sentence
        dash = next((t.i for t in ent[1:-1] if t.text in ("-", "–", "—") and t.whitespace_
                     and ent.doc[t.i - 1].whitespace_), None)
        if dash is not None:  # "CITY - Xian President ...": a dateline run into the sentence's first words
            ent = Span(ent.doc, ent.start, dash, label="GPE" if ent[0].text.isupper() else label)
        if all(t.text.lower().strip(".") in res.title_words or t.text in res.honorifics for t in ent):
            return  # "Brig. Gen." alone is a title, whatever the model labels it
        if _only_a_title(ent, res):
            return  # "U.S. President", "Sri Lankan President", "Foreign Minister" with no name
        office_state = _office_of_state(ent, res)
        if office_state is not None:  # "Minister of Y of the Republic of X": an office, no body; X is named
            claim(office_state, "Country", None, country=res.gazetteer.country(_strip_the(office_state.text)))
            return
        if len(ent) == 1 and ent[0].lower_ in _COMMON_ACTORS:
            return  # "Rebels attacked ...": a common noun capitalised at the start of a sentence
        if _weapon_model(ent, res):
            return  # "two X jets", "Y 2 tanks", "Z-777 artillery": a weapon's make or model, no actor
        if _plural_people(ent, res, self._norp_words):
            return  # "the Xs would join", "known to Ys as Z": a people, no place, body or person
        if label in ("PERSON", "GPE", "LOC", "FAC") and _dateline_outlet(ent):
            claim(ent, "Organization", None)  # "CITY, Sept 15 (X Newswire) -": the outlet
            return
        if self._people_word(ent):
            return  # "ethnic X", "the minority Y", "a Z man": a people, no place, person or body
        if _of_a_kind_no_actor(ent):
            return  # "the biggest festival, X", "in X, the main language": a feast or a language
        if label in ("GPE", "LOC", "FAC", "PERSON") and _named_outlet(ent):
            claim(ent, "Organization", None)  # "the X newspaper reported": the outlet, no place
            return
        if len(ent) >= 2 and ent[-1].text in res.title_heads and ent[-2].whitespace_ and (
                label in ("GPE", "LOC", "FAC") or label in ("PERSON", "ORG") and ent.end < len(ent.doc)
                and ent.doc[ent.end].text[:1].isupper() and ent.doc[ent.end].pos_ == "PROPN"):
            # "Deputy X Governor (Jane Roe)": a title around a place's name, which NER took in (as a
            # place, or as a person's name before the holder's); not a hyphenated name ending in a
            # title word ("X-au-Prince")
            end = ent.end - 1
            start = ent.start
            while start < end and (ent.doc[start].text.lower().strip(".") in res.title_words
                                   or ent.doc[start].lower_ in _TITLE_MODIFIERS):
                start += 1
            if label in ("PERSON", "ORG"):
                place = Span(ent.doc, start, end)
                if start == end or res.gazetteer.region(place.text) is None and res.gazetteer.country(place.text) is None:
                    return  # "X Spokesman": the office of a body, no one's name
                label = "GPE"
            ent = Span(ent.doc, start, end, label=label)
        if label in ("GPE", "LOC", "FAC") and _body_name(ent, res):
            self._claim_name(Span(ent.doc, ent.start, ent.end, label="ORG"), sent, claim)
            return  # "told X Wire", "a researcher at the Y Centre for Z Studies": a body, no place
        if label in ("GPE", "LOC") and len(ent) >= 3:
            split = _state_then_name(ent, res)
            if split is not None:  # "(Minister of Defence of) X Jane Roe": the state, then the holder
                state, name = split
                claim(state, "Country", None, country=res.gazetteer.country(state.text))
                self._claim_name(Span(ent.doc, name.start, name.end, label="PERSON"), sent, claim)
                return
        if label in ("GPE", "LOC") and _states_pair(ent, res):
            return  # "U.S.-X talks": two states as a modifier, no place
        if label == "PERSON" and len(ent) >= 3 and ent[1].text in ("'s", "’s"):
            state = res.gazetteer.country(ent[0].text)
            if state is not None and not _is_demonym(ent[0].text, state):
                # "X's King Y II": NER ran the state's possessive into the holder's name
                claim(ent[:1], "Country", None, country=state)
                self._claim_name(Span(ent.doc, ent.start + 2, ent.end, label="PERSON"), sent, claim)
                return
        if label in ("PERSON", "ORG"):
            self._claim_name(ent, sent, claim)
        elif label == "GPE" and _holder_in_apposition(ent, res) and res.gazetteer.lookup(ent.text) is None:
            claim(ent, "Person", None, **_person_context(ent, sent, res))  # "Commander, X,": no town the gazetteer knows
        elif label == "GPE":
            country = res.gazetteer.country(_strip_the(ent.text))
            if country is not None and _is_demonym(ent.text, country):
                return  # "Ukrainian" alone is an adjective, not a place
            division = _subdivision(ent) if country is not None else None
            if division is not None:
                claim(division, "Location", None, place=None)  # "X state", "X province": not the state X
            elif country is not None:
                claim(ent, "Country", None, country=country)
            elif not _modifies_combatants(ent, res):
                claim(_with_place_suffix(ent, res), "Location", None)
        elif label == "NORP":  # the model calls some town names NORP ("the town of X")
            text = _strip_the(ent.text)
            modifier = ent.root.dep_ in ("amod", "compound", "nmod") and ent.root.head.pos_ in ("NOUN", "PROPN") or (
                ent.end < len(ent.doc) and ent.doc[ent.end].text == "-")  # "X-led rebels"
            unknown = res.gazetteer.country(text) is None and res.lexicon.match(text) is None
            if not modifier and unknown and self._place_frame(ent):
                claim(_with_place_suffix(ent, res), "Location", None, place=None)
            elif unknown and not (ent[-1].tag_ == "JJ" and ent.start > 0 and ent.doc[ent.start - 1].lower_ in ("a", "an")) \
                    and ent.end < len(ent.doc) and ent.doc[ent.end].lower_ in (
                    "district", "province", "governorate", "county", "region", "oblast"):
                # (an adjective after "a" says whose the area is: "a X-ish district" is some district of that
                # people; "the Y district of Z" names one)
                claim(_with_place_suffix(ent, res), "Location", None, place=None)  # "the X district of Y"
            elif unknown and ent.start > 0 and ent.doc[ent.start - 1].lower_ in LOCATIVE_PREPS \
                    and ent.end < len(ent.doc) and ent.doc[ent.end].lower_ in ("town", "village", "city"):
                claim(ent, "Location", None, place=None)  # "in X town": a town NER calls a people
            elif unknown and ent.end < len(ent.doc) and ent.doc[ent.end].lower_ in ("refugee", "camp", "town", "village") \
                    and self._gazetteer_place(ent, strict=True):
                claim(ent, "Location", None)  # "the X refugee camp", X a town the gazetteer knows by that name
        elif label in ("WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "LANGUAGE"):
            # the small model calls some unfamiliar towns a work of art: a place where only a place fits
            if len(ent) <= 3 and (self._place_frame(ent) or _after_place_noun(ent)):
                claim(_subdivision(ent) or _with_place_suffix(ent, res), "Location", None, place=None, guessed=True)
        elif label in ("LOC", "FAC"):
            if _modifies_combatants(ent, res):
                return
            if label == "FAC" and self._state_possessive_person(ent):
                claim(ent, "Person", None, **_person_context(ent, sent, res))  # "held talks with Y's X Z"
                return
            country = res.gazetteer.country(_strip_the(ent.text))
            if country is not None and not _is_demonym(ent.text, country) and _subdivision(ent) is None:
                claim(ent, "Country", None, country=country)
                return
            ent = _with_place_suffix(_extend_direction(ent), res)
            claim(ent, "Location", "Facility" if label == "FAC" else None)

    def _outlets_desk(self, ent: Span) -> bool:
        """A bureau or service of the reporting outlet: "from our X Bureau in Y", "VOA's X service"."""
        doc = ent.doc
        desk = ent[-1].lower_ in _DESK_WORDS or ent.end < len(doc) and doc[ent.end].lower_ in _DESK_WORDS
        if not desk or ent.start == 0:
            return False
        if doc[ent.start - 1].lower_ == "our":
            return True
        if ent.start >= 2 and doc[ent.start - 1].lower_ in ("'s", "’s"):  # (transcripts write "VOA'S")
            outlet = self.res.lexicon.match(doc[ent.start - 2].text)
            return outlet is not None and outlet.type == "Organization"
        return False

    def _people_word(self, ent: Span) -> bool:
        """A name the sentence uses for a people: one word after "ethnic" or "the minority" ("ethnic
        X form the majority"), or the modifier of a word for people or of a fighter's role ("a X
        man", "a Y militant chief"; not "a Z spokesman"), unless the gazetteer has a place of
        exactly that name ("Kabul villagers")."""
        words = [t for t in ent if t.lower_ != "ethnic"]
        if not words or not words[0].text[:1].isupper():
            return False
        doc, word = ent.doc, words[-1]
        if len(words) == 1 and word.i > 0 and doc[word.i - 1].lower_ in ("ethnic", "minority", "majority"):
            return True
        if len(words) == 1 and ent.end < len(doc) and doc[ent.end].lower_ in ("ethnic", "tribe", "clan", "tribal"):
            return True  # "the general's X ethnic group", "the Y clan": a people
        if len(ent) == 1 and word.i > 0 and doc[word.i - 1].lower_ in ("a", "an") and (
                word.i + 1 >= len(doc) or not doc[word.i + 1].text[:1].isupper()) and ent.label_ in ("PERSON", "NORP"):
            return True  # "the president, a X.": one of a people, no one's name
        if ent.end + 1 < len(doc) and doc[ent.end].text == "-" and doc[ent.end + 1].lower_ in _PEOPLE_LED:
            text = _strip_the(ent.text)  # "a X-dominated army", "Y-led rebels": a people, not a place
            return self.res.gazetteer.country(text) is None and self.res.lexicon.match(text) is None
        head = word.head
        if word.dep_ not in ("compound", "amod", "nmod") or not word.i < head.i <= word.i + 3:
            return False
        between = {t.lower_ for t in doc[word.i + 1:head.i]}
        if not (head.lemma_.lower() in _PEOPLE_NOUNS or head.lemma_.lower() in self.res.person_roles
                and between & _COMBATANT_NOUNS):  # "a X man", "a Y militant chief" (not "a Z spokesman")
            return False
        place = self.res.gazetteer.lookup(ent.text)
        return place is None or light(normalize(place.name)) != light(normalize(ent.text))

    def _claim_name(self, ent: Span, sent: Sentence, claim) -> None:
        """PERSON and ORG spans: spaCy's label is a guess; the name's words and context decide.

        Evidence, strongest first: a state's name; the actor lexicon; organisation words in the
        name; a title or a role apposition (a person); a place frame ("the town of X", "in X",
        "X province") or a gazetteer place of that exact name (a place); then spaCy's label.
        """
        res = self.res
        label = ent.label_
        if self._outlets_desk(ent):
            return  # "our X Bureau", "the outlet's Y service": the outlet's own desk, no actor of the report
        if len(ent) == 1 and ent[0].lower_ in _STUDY_HEADS | {"ministry", "commission", "committee", "agency", "embassy", "consulate"} \
                and ent.start > 0 and ent.doc[ent.start - 1].lower_ == "the" and ent[0].text[:1].isupper():
            claim(ent, "Organization", None, short_head=True)  # "the Observatory said": a body named before
            return
        if _strip_the(ent.text).lower() in res.seats:  # before titles are cut: "State House" is no title
            if _after_locative(ent):  # "met at the X": the building
                claim(ent, "Location", "Facility", place=None)
            else:  # "the X said": the body that sits there (no fuzzy namesake town in the gazetteer)
                claim(ent, "Organization", None)
            return
        if label == "ORG" and len(ent) >= 4 and ent[-1].lower_ in _MEDIA_EVENTS and (
                ent[-1].lower_ != "conference" or ent[-2].lower_ in ("press", "news")):  # (not "X Security Conference")
            k = len(ent) - 1 - (ent[-2].lower_ in ("press", "news"))
            ent = Span(ent.doc, ent.start, ent.start + k, label=label)  # "X Press Briefing": the body X
        titled = _strip_titles(ent, res)
        if titled is None:
            return
        bare = _trim(ent)  # ("the X Y": an article is no title)
        has_title = titled.start > (bare.start if bare is not None else ent.start) or bool(res.title_before.search(
            ent.doc[max(sent.span.start, ent.start - 6):ent.start].text + " "))
        ent = titled
        if ent[-1].text in res.title_heads and all(_office_word(t, res) for t in ent):
            return  # "Jane Roe, Department Spokesperson": an office's words, no one's name
        text = _strip_the(_strip_possessive(ent.text))
        country = res.gazetteer.country(text)
        if country is not None and not _is_demonym(text, country):
            claim(ent, "Country", None, country=country)
            return
        if country is not None or _modifies_combatants(ent, res):
            return  # "Tuareg rebels", "Malian" alone: an adjective
        if label == "ORG" and _junk_org(ent, res):
            return
        entry = res.lexicon.match(text)
        if entry is not None:
            _claim_entry(ent, entry, claim)
            return
        if _armed_description(ent, before=label == "ORG"):  # (a person is never "a militia")
            claim(ent, "ArmedGroup", None)  # "the rebel X Movement", "X, a militia allied with Y"
            return
        if label == "ORG" and len(ent) >= 3 and ent[-2].text == "Liberation" and ent[-1].text in _LIBERATION_HEADS:
            claim(ent, "ArmedGroup", None)  # "the X Liberation Front", "the Y Liberation Army": an insurgency's name
            return
        if text.lower() in res.seats:
            claim(ent, "Location", "Facility", place=None) if _after_locative(ent) else claim(ent, "Organization", None)
            return
        if len(ent) == 1 and ent.end < len(ent.doc) and (ent.doc[ent.end].lower_ in ("detachment", "garrison")
                                                          or ent.doc[ent.end].text == "front") \
                and not has_title:
            # "the X detachment": the post at X; "the central Y front" (in lower case): the fighting
            # around Y ("the Z Front" is a body's name)
            claim(ent, "Location", None, place=None)
            return
        if label in ("PERSON", "ORG") and _natural_feature(ent, res) and not has_title:
            claim(ent, "Location", None, place=None)  # "X Pass", "the Y Seas", "Phnom Z": a place NER called a person
            return
        if label == "ORG" and len(ent) >= 2 and ent[-1].is_lower and ent[-1].lower_ in res.place_suffixes \
                and res.gazetteer.region(ent[:-1].text) is not None and not has_title:
            claim(ent, "Location", None, place=None)  # "a free and open X region": a region the gazetteer lists
            return
        if len(ent) >= 2 and ent[-1].text[:1].isupper() and ent[-1].lower_ in _NAMED_PLACE_HEADS \
                and not any(t.lower_ == "of" for t in ent) and not has_title:
            if ent[-1].lower_ == "cantonment" and len(ent) >= 2:
                # "Y Cantonment": the military station of the town Y, placed at Y as "Y base" is
                claim(ent, "Location", "MilitaryBase", base_name=_strip_the(ent[:-1].text))
                return
            claim(ent, "Location", None, place=None)  # "X State": a place NER called a person
            return
        if any((a.lower_, b.lower_) in (("armed", "forces"), ("task", "force")) and a.text[:1].isupper()
               for a, b in zip(ent, ent[1:])):
            claim(ent, "ArmedForce", None)  # "the National Armed Forces", "the Armed Forces of X", "the Y Task Force"
            return
        police_state = _police_force(ent, res)
        if police_state is not None:  # "the National Police of X", "the Xian National Police Service": X's police
            claim(ent, "ArmedForce", None, **({"country": police_state.code} if police_state else {}))
            return
        if len(ent) > 2 and ent[-1].lower_ in _TRAILING_PEOPLE:
            ent = ent[:-1]  # "X National Guard Soldiers": the unit
        if len(ent) > 1 and ent[-1].lower_ in _BUILDING_HEADS:  # "the X Embassy", "the Y Hotel": no person
            if len(ent) > 3 and ent[1].text in ("'s", "’s") and res.gazetteer.country(ent[0].text) is not None:
                state = res.gazetteer.country(ent[0].text)  # "at X's National Y Museum": the state, then the building
                claim(ent[:1], "Country", None, inside=True, country=state)
                ent = ent[2:]
            root = ent.root
            if label == "PERSON" or _after_locative(ent) or root.dep_ == "appos" and root.head.i < ent.start \
                    and root.head.lemma_.lower() in PLACE_NOUNS | {"site", "scene"}:
                claim(ent, "Location", "Facility", place=None)  # "fired at the X Embassy", "the site, the Y Museum"
            else:
                claim(ent, "Organization", None)  # "the X Embassy said"
            return
        if len(ent) > 1 and ent[0].lower_ in ("camp", "fort") and label in ("ORG", "PERSON"):
            claim(ent, "Location", "MilitaryBase", base_name=ent[1:].text)  # "Camp X", "Fort Y"
            return
        if len(ent) > 2 and ent[0].lower_ in res.org_heads and ent[0].lower_ not in res.unit_heads \
                and any(t.lower_ == "of" for t in ent[1:-1]):
            claim(ent, "Organization", None)  # "Department of the Army", "Ministry of the X": a body, not a unit
            return
        if len(ent) > 1 and (ent[-1].lower_ in res.unit_heads and ent[-1].lower_ not in res.org_heads or ent[-1].lower_ in (
                "team", "unit", "group", "force") and any(t.lower_ in res.unit_heads or t.lower_ == "expeditionary"
                                                          for t in ent[:-1])
                or _battle_group(ent)):  # "X Brigade Combat Team", "Multinational Battle Group East", "II Y Expeditionary Force"
            if ent.start > 0 and ent.doc[ent.start - 1].lower_ in ("a", "an") and not any(
                    re.fullmatch(r"\d+(?:st|nd|rd|th)?|[IVX]+", t.text) for t in ent):
                return  # "the size of a Marine Expeditionary Unit": a kind of unit, none named
            start = ent.start  # "1st Armored Division", "III Corps", "U.S. Army"
            if start > 0 and re.fullmatch(r"\d+(?:st|nd|rd|th)|[IVX]+", ent.doc[start - 1].text):
                start -= 1  # NER leaves the ordinal out
            claim(ent.doc[start:ent.end], "ArmedForce", None, unit=True)
            return
        if any(t.lower_ in res.org_heads for t in ent[1:]) or (label == "ORG" and len(ent) > 1 and ent[0].lower_ in res.org_heads):
            claim(ent, "Organization", None)
            return
        root = ent.root
        if not has_title and root.dep_ == "appos" and root.head.lemma_.lower() in PLACE_NOUNS and root.head.i < ent.start:
            claim(ent, "Location", None, place=None)  # "the rebels' headquarters town, X"
            return
        person = has_title or _person_frame(ent, sent, res)
        if person and label == "PERSON" or (person and len(ent) >= 2 and all(t.text[:1].isupper() for t in ent if t.is_alpha)):
            claim(ent, "Person", None, **_person_context(ent, sent, res))
            return
        if label == "ORG" and _holder_in_apposition(ent, res):
            claim(ent, "Person", None, **_person_context(ent, sent, res))  # "the group's Commander, X,": the holder
            return
        framed = self._place_frame(ent) or label == "ORG" and len(ent) <= 3 and _after_place_noun(ent)
        # ("stormed a base in X": a name NER calls a body, after a place noun and "in", is a place)
        words = len(ent.text.split())  # ("X-d'Y" is one word of three tokens)
        if framed and label == "PERSON" and self.res.gazetteer.lookup(ent.text) is None and (
                words >= 3 or words == 2 and _only_in_after(ent)):
            framed = False  # "hosted ... Ana Maria Pires in Y", "Presidents A B and C D in Y": full names
        if framed or self._gazetteer_place(ent, strict=label == "PERSON"):
            claim(_with_place_suffix(ent, res), "Location", None, place=None, guessed=not framed)
            return
        if label == "PERSON":
            claim(ent, "Person", None, **_person_context(ent, sent, res))
        else:
            claim(ent, "Organization", None)

    def _state_possessive_person(self, ent: Span) -> bool:
        """"Ukraine's X Y": a state's possessive before a full name the model calls a building is
        how news names that state's officials (a place would be in the gazetteer or have a place word)."""
        doc, res = ent.doc, self.res
        if not 2 <= len(ent) <= 3 or ent.start < 2 or doc[ent.start - 1].text not in ("'s", "’s"):
            return False
        state = res.gazetteer.country(doc[ent.start - 2].text)
        if state is None or _is_demonym(doc[ent.start - 2].text, state):
            return False
        if not all(t.pos_ == "PROPN" and t.text[:1].isupper() and t.text.replace("-", "").isalpha() for t in ent):
            return False
        words = {t.lower_ for t in ent}
        if words & (set(FACILITY_HEADS) | set(res.place_suffixes) | set(res.org_heads) | set(res.unit_heads)):
            return False
        return res.gazetteer.lookup(ent.text) is None and res.lexicon.match(ent.text) is None

    def _gazetteer_place(self, ent: Span, strict: bool) -> bool:
        """A gazetteer place spelled exactly like the name (a town of 1,000 people or more)."""
        if len(ent) > 3 or (strict and len(ent) > 2):
            return False
        place = self.res.gazetteer.lookup(ent.text)
        if place is None or place.population < (5_000 if strict else 1_000) and place.feature_class == "P":
            return False
        return light(normalize(place.name)) == light(normalize(ent.text)) or not strict

    def _place_frame(self, ent: Span) -> bool:
        """"the town of X", "X province", "in X" (when X is a known place)."""
        doc = ent.doc
        if ent.end < len(doc) and doc[ent.end].lower_ in self.res.place_suffixes and doc[ent.end].lower_ not in ("airport", "airfield", "camp", "port"):
            return True
        if ent.start >= 2 and doc[ent.start - 1].lower_ == "of" and (
                doc[ent.start - 2].lemma_.lower() in PLACE_NOUNS or doc[ent.start - 2].text in _LOWER_DIVISIONS):
            return True  # "the town of X", "the department of Y" (not "the Department of Z", a body)
        root = ent.root
        if root.dep_ == "pobj" and root.head.lower_ == "of" and (
                root.head.head.lemma_.lower() in PLACE_NOUNS or root.head.head.lemma_.lower() in self.res.place_nouns_of):
            return True  # "the recapture by X of Y"
        res = self.res
        # (a sentence's first word may be tagged a verb: "Shelling of X" has the lemma "shell")
        before = {doc[ent.start - 2].lemma_.lower(), doc[ent.start - 2].lower_} if ent.start >= 2 else set()
        if ent.start >= 2 and doc[ent.start - 1].lower_ == "of" and before & res.place_nouns_of:
            return True  # "the recapture of X", "the outskirts of X"
        if ent.start >= 2 and doc[ent.start - 1].lower_ == "on" and before & res.place_nouns_on:
            return True  # "the raid on X" (actors on the lexicon were claimed before)
        if ent.start >= 2 and doc[ent.start - 1].lower_ == "of" and self._of_a_place_noun(doc, ent.start - 1):
            return True  # "the seizure of X in May and of Y", "the recapture by the army of Y"
        if ent.start >= 2 and doc[ent.start - 1].lower_ == "on" and self._of_a_place_noun(doc, ent.start - 1, "on"):
            return True  # "the attacks on X in January and on Y"
        if root.dep_ == "pobj" and root.head.lower_ == "on" and _on_attack_noun(root.head, res.place_nouns_on):
            return True  # "an onslaught by rebel fighters on X": "on X" hangs on the attack noun
        if _distance_from_place(ent):
            return True  # "X, about 120 km north of Y": a place told by its distance from another
        if _plural_place_noun_after(ent, res):
            return True  # "the X and Y provinces": each name is one of the places
        if root.dep_ == "pobj" and root.head.lower_ in ("to", "from", "toward", "towards", "into") \
                and root.head.head.lemma_.lower() in res.place_motion_verbs:
            return True  # "fled to X", "withdrew from Y", "returning to Z"
        if root.dep_ == "nsubj" and root.head.lemma_ == "be" and any(
                c.dep_ == "attr" and c.lemma_.lower() in PLACE_NOUNS for c in root.head.children):
            return True  # "X is the first town in ...": the sentence says what X is
        if ent.start >= 2 and doc[ent.start - 1].lower_ in ("at", "in", "near") \
                and doc[ent.start - 2].lower_ in FACILITY_HEADS:
            return True  # "a base at X", "the camp near Y": where a facility stands is a place
        if root.dep_ == "pobj" and root.head.lower_ in ("at", "near") and _post_noun(root.head.head):
            return True  # "a position of the security forces at X": where the post stands
        if self._listed_with_place(ent):
            return True  # "captured X, Y and Z", "attacks on X, Y and Z": one list, all places
        if _attacked_place(ent, self.res, self._person_words):
            return True  # "militants attacked X": X a town the gazetteer lacks
        if _among_places(ent):
            return True  # "four towns including X", "villages such as Y"
        end = root.head if root.dep_ == "conj" else root
        if end.dep_ == "pobj" and end.head.lower_ == "between" and end.head.head.lemma_.lower() in res.place_nouns_between:
            return True  # "the ambush between X and Y", "the road between X and Y"
        root = ent.root
        if root.dep_ == "appos" and root.head.lemma_.lower() in PLACE_NOUNS and root.head.i < ent.start:
            return True  # "the rebels' headquarters town, X"
        if root.dep_ == "nsubj" and root.head.lemma_.lower() == "fall" and any(
                c.dep_ == "prep" and c.lower_ in ("to", "into") for c in root.head.children):
            return True  # "X fell to the rebels"
        if root.dep_ in ("dobj", "nsubjpass") and root.head.lemma_.lower() in res.place_verbs and not any(
                c.lower_ in NOT_SEIZED for c in root.head.children):
            return True  # "overran X", "X was seized" (not "X was taken to hospital")
        nxt = doc[ent.end:ent.end + 3]
        nxt = doc[ent.end:ent.end + 5]
        if len(nxt) >= 2 and (nxt[0].lower_ == "in" or (nxt[0].text == "," and nxt[1].lower_ == "in")):
            rest = [t for t in nxt[1 if nxt[0].lower_ == "in" else 2:] if t.lower_ not in ("the",) and t.lower_ not in DIRECTIONS]
            after = rest[0] if rest else None
            if after is not None and after.ent_type_ in ("GPE", "LOC"):
                return True  # "X in Y province", "X, in Y state"
        prev = doc[ent.start - 1] if ent.start > 0 else None
        if prev is not None and prev.lower_ in LOCATIVE_PREPS and not (
                prev.lower_ == "to" and ent.start >= 2 and doc[ent.start - 2].lower_ in ("according", "told", "said")):
            place = self.res.gazetteer.lookup(ent.text)
            return place is not None or _scene_of_violence(ent, prev, self.res, self._person_words)
        return False

    def _of_a_place_noun(self, doc: Doc, of: int, prep: str = "of") -> bool:
        """The "of" at ``of`` completes a noun whose "of" names a place, though another phrase stands
        between them: a second complement ("the seizure of X in May and of Y") or the agent ("the
        recapture by the army of Y"). Read from the words, as the parse often hangs the second
        "of" on the date or the agent."""
        sent_start = doc[of].sent.start
        nouns = self.res.place_nouns_of | PLACE_NOUNS if prep == "of" else self.res.place_nouns_on

        def noun_before(i: int) -> bool:
            return i >= sent_start and (doc[i].lemma_.lower() in nouns or doc[i].lower_ in nouns)

        if of - 1 >= sent_start and doc[of - 1].lower_ == "and":  # "... and of Y": the last "of" before
            for j in range(of - 2, max(sent_start, of - 12) - 1, -1):
                if doc[j].text in (".", ";", ":") or doc[j].lower_ in ("and", "but"):
                    return False
                if doc[j].lower_ == prep:
                    return noun_before(j - 1)
            return False
        if prep != "of":
            return False
        for j in range(of - 1, max(sent_start, of - 6) - 1, -1):  # "the recapture by the army of Y"
            if doc[j].is_punct:
                return False
            if doc[j].lower_ == "by":
                return noun_before(j - 1)
        return False

    def _listed_with_place(self, ent: Span) -> bool:
        """A name coordinated with a place ("seized X, Y and Z", "the towns of X and Y") is a place
        too, when the list stands where only places fit or another of its names is one."""
        root = ent.root
        if root.dep_ != "conj" and not any(c.dep_ == "conj" for c in root.children):
            return False
        members = [root, *root.conjuncts]
        first = min(members, key=lambda t: t.i)
        if first.i < ent.start:
            if first.ent_type_ in ("GPE", "LOC", "FAC") and self.res.gazetteer.country(first.text) is None:
                return True
            span = ent.doc[first.left_edge.i:first.i + 1]
            while len(span) > 1 and not span[0].text[:1].isupper():
                span = span[1:]
            return first.pos_ == "PROPN" and self._place_frame(span)
        return False

    def _claim_capital(self, chunk: Span, claim) -> bool:
        """"met in the Xian capital": a state's capital city, when no name follows to say
        which ("the Yemeni capital X" names it)."""
        root = chunk.root
        if root.lemma_.lower() != "capital" or root.i + 1 < len(root.doc) and (
                root.doc[root.i + 1].pos_ == "PROPN" or root.doc[root.i + 1].text == ","):
            return False
        words = [t.text for t in chunk[1:] if t.i < root.i and t.pos_ in ("ADJ", "PROPN", "NOUN")]
        country = self.res.gazetteer.country(" ".join(words)) if words else None
        place = self.res.gazetteer.capital(country.code) if country is not None else None
        if place is None:
            return False
        claim(chunk, "Location", None, place=place, capital=True)
        return True

    def _claim_description(self, chunk: Span, claim) -> None:
        if len(chunk) < 2 or chunk[0].lower_ not in ("the", "this", "that", "these", "those"):
            return
        named = _named_complement(chunk.root)
        if named is not None:
            if chunk.root.lemma_.lower() in PLACE_NOUNS or chunk.root.lower_ in _LOWER_DIVISIONS:
                claim(named, "Location", None)  # "the town of X": a place NER missed or called NORP
            return
        if self._claim_capital(chunk, claim) or any(t.ent_type_ for t in chunk):
            return
        doc = chunk.doc
        names = [t for t in chunk[1:] if t.pos_ == "PROPN" and t.text[:1].isupper() and t.i < chunk.root.i]
        if names:  # "the X region", "the nearby Y district": a name NER left unlabelled, not a description
            root = chunk.root
            if root.lemma_.lower() in PLACE_NOUNS and all(t.i + 1 == n.i for t, n in zip(names, names[1:])) \
                    and names[-1].i + 1 == root.i:
                end = root.i + 1 if root.lower_ in self.res.place_suffixes else root.i
                claim(doc[names[0].i:end], "Location", None, place=None)
            return
        if any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in chunk.root.children) or (
                chunk.end + 1 < len(doc) and doc[chunk.end].text == "," and doc[chunk.end + 1].pos_ == "PROPN"):
            return  # "the capital, X": the name that follows says which; no pointing back
        words = " ".join(t.lower_ for t in chunk[1:] if t.pos_ not in ("PUNCT", "PART"))
        lemma = " ".join(t.lemma_.lower() for t in chunk[1:] if t.pos_ not in ("PUNCT", "PART"))
        for target, heads in self.res.descriptions.items():
            for h in heads:
                if (" " + words).endswith(" " + h) or (" " + lemma).endswith(" " + h):  # whole words: not "capacity"
                    kind, _, subtype = target.partition("/")
                    if kind in _ACTOR_TARGETS and not self._actor_description(chunk, len(h.split())):
                        return
                    claim(chunk, "Description", subtype or None, target=kind, head=h.split()[-1])
                    return

    def _actor_description(self, chunk: Span, head_words: int) -> bool:
        """"the rebels", "the troops", "the same group" point back to an actor; "the regional group",
        "the aid group" (a word that is no actor's), "the forces loyal to X", "the troops of Y" and
        "the soldiers from Z" (whose actor the phrase itself names) do not."""
        words = [t for t in chunk[1:] if t.pos_ not in ("PUNCT", "PART", "DET")]
        before = words[:len(words) - head_words]
        if any(t.lower_ not in self.res.description_modifiers for t in before):
            return False
        root = chunk.root
        return not any(c.dep_ == "prep" and c.lower_ in ("of", "from") or c.dep_ == "amod" and c.lower_ == "loyal"
                       for c in root.rights)


# ----- small span helpers

_ACTOR_TARGETS = frozenset(["ArmedGroup", "ArmedForce", "Organization"])

# Words after "take" that mean something other than seizing a place ("taken to hospital",
# "took part", "took hostages"); the event rules read the same list.
NOT_SEIZED = frozenset(["to", "into", "hostage", "hostages", "prisoner", "prisoners", "captive", "away", "part",
                        "place", "office", "power", "refuge", "shelter", "cover"])


# Words after a name that make it a division of a state: "X state", "Y province" (a state's name
# before them names the division, not that state: "X state" named after the state X lies in another state).
#: divisions named "the X of Y" in lower case ("the department of Y", "the commune of Z"); written
#: with a capital ("the Department of Z") the same word heads a body's name
_LOWER_DIVISIONS = frozenset(["department", "commune", "canton", "prefecture", "sub-prefecture", "municipality",
                              "governorate", "emirate", "cercle", "agency"])  # ("the tribal agency of Y")
#: a place's last word that NER takes for part of a person's or body's name ("X State", "Y Cantonment")
_NAMED_PLACE_HEADS = frozenset(["state", "province", "region", "district", "governorate", "oblast", "county",
                                "prefecture", "cantonment"])
_DIVISION_WORDS = frozenset(["state", "province", "region", "district", "governorate", "oblast", "county",
                             "prefecture"])


def _subdivision(ent: Span) -> Optional[Span]:
    """The name with its division word ("in X state", "Y Province"), when that word ends the
    phrase (not "X state media") and no "a" makes it some division of X ("a southern X district")."""
    doc = ent.doc
    if ent.end >= len(doc) or doc[ent.end].lower_ not in _DIVISION_WORDS or not _heads_phrase(doc[ent.end]):
        return None
    if any(c.dep_ == "det" and c.lower_ in ("a", "an", "another") for c in doc[ent.end].children):
        return None
    return doc[ent.start:ent.end + 1]


def _body_phrase_end(doc: Doc, j: int, phrases: tuple[tuple[str, ...], ...]) -> Optional[int]:
    """The end of the longest of ``phrases`` (lower-case words) starting at token ``j``, if any."""
    for words in phrases:
        k = j + len(words)
        if k <= len(doc) and tuple(t.lower_ for t in doc[j:k]) == words:
            return k
    return None


def _heads_phrase(tok: Token) -> bool:
    """The noun ends its phrase: no noun or hyphen after it ("the X government said", not "X
    government forces", "a X government-run camp")."""
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    return nxt is None or not (nxt.pos_ in ("NOUN", "PROPN") or nxt.text in ("-", "–"))


def _is_headline(sent: Sentence) -> bool:
    """The first sentence with no final stop: a headline, often in Title Case."""
    return sent.index == 0 and not sent.text.rstrip().endswith((".", "!", "?", '"', "”"))


def _confirmed_in_body(parsed: ParsedDoc, found: list[RawMention]) -> list[RawMention]:
    """A headline in Title Case misleads the tagger ("Bombings Rock Nigerian City", "Meets
    With", "Its People"): keep a headline name only when it is a state, an actor of the
    lexicon, a state's force ("Xian Soldiers"), or written the same way in the body."""
    if not parsed.sentences or not _is_headline(parsed.sentences[0]):
        return found
    body = " ".join(s.text for s in parsed.sentences[1:])
    out = []
    for m in found:
        base = m.hint.get("base_name") if m.subtype == "MilitaryBase" else None  # "X base": a base in X
        state_force = m.kind == "ArmedForce" and isinstance(m.hint.get("country"), str)  # ("Xian Soldiers": the
        # state's word and a force noun, found by the force patterns, not by the tagger)
        if m.sentence.index == 0 and not (m.kind == "Country" or m.hint.get("entry") is not None or state_force
                                          or _strip_the(_strip_possessive(m.text)) in body or base and base in body
                                          or _name_parts_in_body(m, body) or _department_of(m)):
            continue
        out.append(m)
    return out


#: what a body holds for the press: "X Press Briefing", "Y News Conference" name the body X, Y
_MEDIA_EVENTS = frozenset(["briefing", "conference", "readout"])


def _department_of(m: RawMention) -> bool:
    """"Department of X", "Ministry of Y" in a headline: a state's body by its formal name, which Title
    Case does not invent."""
    return m.kind == "Organization" and re.fullmatch(r"(?:Department|Ministry) of (?:the )?[A-Z]\w+(?: [A-Z]\w+)?", m.text) \
        is not None and not any(t.pos_ in ("VERB", "AUX") or t.tag_ == "VBZ" for t in m.span)


def _name_parts_in_body(m: RawMention, body: str) -> bool:
    """A headline's full name of three words or more whose first and last words the body both uses on
    their own ("Jane Al Roe" in the headline, "Dr. Jane" and "Minister Roe" below): that person."""
    words = m.text.split()
    return m.kind == "Person" and len(words) >= 3 and all(
        re.search(rf"\b{re.escape(w)}\b", body) for w in (words[0], words[-1]))


NAME_SUFFIXES = frozenset(["Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"])


def _repeats(parsed: ParsedDoc, found: list[RawMention]) -> list[RawMention]:
    """A name found once is the same name where NER missed it in another sentence ("to the
    Upper X" unlabelled, "in the Upper X" labelled): claim each exact repeat of a place or
    actor name of two words or more, and each bare surname of a person named in full."""
    names: dict[str, RawMention] = {}
    for m in found:
        if m.kind in ("Location", "ArmedGroup", "Organization", "Person") and len(m.span) >= 2 \
                and m.text[:1].isupper() and m.text not in names:
            names[m.text] = m
    surnames: dict[str, RawMention] = {}  # "Jane Roe ... met with Roe": NER misses the bare surname
    for m in found:
        words = [t for t in m.span if t.text not in NAME_SUFFIXES]  # "X Y Jr." is called "Y"
        last = words[-1] if words else m.span[-1]
        if m.kind == "Person" and len(words) >= 2 and len(last.text) > 2 and last.text[:1].isupper() \
                and last.text.isalpha() and last.text not in names:
            surnames.setdefault(last.text, m)
    if not names and not surnames:
        return []
    claimed = {(id(m.span.doc), i) for m in found for i in range(m.span.start, m.span.end)}
    out: list[RawMention] = []
    for sent in parsed.sentences:
        text, base = sent.text, sent.span.start_char
        for name, m in names.items():
            at = text.find(name)
            while at != -1:
                span = sent.span.doc.char_span(base + at, base + at + len(name))
                if span is not None and not any((id(span.doc), i) in claimed for i in range(span.start, span.end)):
                    out.append(RawMention(span=span, sentence=sent, kind=m.kind, text=name, start=sent.char(span[0]),
                                          end=sent.char(span[-1]) + len(span[-1].text), subtype=m.subtype,
                                          hint=dict(m.hint)))
                    claimed.update((id(span.doc), i) for i in range(span.start, span.end))
                at = text.find(name, at + len(name))
        for tok in sent.span:
            m = surnames.get(tok.text)
            if m is not None and tok.pos_ == "PROPN" and (id(tok.doc), tok.i) not in claimed:
                span = tok.doc[tok.i:tok.i + 1]
                out.append(RawMention(span=span, sentence=sent, kind="Person", text=tok.text, start=sent.char(tok),
                                      end=sent.char(tok) + len(tok.text), hint=dict(m.hint)))
                claimed.add((id(tok.doc), tok.i))
    return out


def _unlabelled_names(span: Span, taken: set[int], first: bool = False) -> Iterator[Span]:
    """Runs of capitalised proper nouns that NER gave no label and no rule claimed (from the
    sentence's second word unless ``first``: the first word is capitalised anyway)."""
    doc = span.doc
    i = span.start + (0 if first else 1)
    while i < span.end:
        t = doc[i]
        if t.pos_ == "PROPN" and t.text[:1].isupper() and not t.ent_type_ and i not in taken:
            j = i
            while j + 1 < span.end and doc[j + 1].pos_ == "PROPN" and doc[j + 1].text[:1].isupper() \
                    and not doc[j + 1].ent_type_ and j + 1 not in taken:
                j += 1
            yield doc[i:j + 1]
            i = j + 1
            continue
        i += 1


def _one_seat_one_type(found: list[RawMention], seats: frozenset[str]) -> list[RawMention]:
    """A government seat the report puts someone in ("met at the X") is that building in all its
    mentions ("the X's spokesperson" too): one name, one type. Named only as a voice, it stays a body."""
    buildings = {m.text.lower() for m in found if m.kind == "Location" and m.text.lower() in seats}
    for m in found:
        if m.kind == "Organization" and m.text.lower() in buildings:
            m.kind, m.subtype, m.hint = "Location", "Facility", {"place": None}
    return found


def _battle_group(ent: Span) -> bool:
    """"Multinational Battle Group East", "a NATO Battle Group": a unit of troops, whatever
    follows the two words."""
    return any(a.lower_ == "battle" and b.lower_ == "group" for a, b in zip(ent, ent[1:]))


def _after_place_noun(run: Span) -> bool:
    """"the Yemeni capital X", "the port city X", "the camp at X"."""
    doc = run.doc
    prev = doc[run.start - 1] if run.start > 0 else None
    if prev is not None and prev.pos_ == "NOUN" and prev.lemma_.lower() in PLACE_NOUNS | {"camp", "base", "port"}:
        return True
    return (run.start >= 2 and prev is not None and prev.lower_ in ("at", "in", "near")
            and doc[run.start - 2].lemma_.lower() in PLACE_NOUNS | {"camp", "base", "port", "checkpoint", "post"})


_NAME_PARTICLES = frozenset(["da", "de", "do", "dos", "das", "del", "di", "la", "el", "al"])


def _join_hyphenated(ents, is_state=None) -> list[Span]:
    """NER splits a hyphenated name ("Abu-Kamal") in two: one name, written without spaces; two
    person names side by side are one ("Hassan Sheikh" "Mohamud")."""
    out: list[Span] = []
    for ent in ents:
        doc = ent.doc
        end = ent.end  # "Ras Kamboni" labelled only "Ras": take the noun the label's last word modifies
        while end < len(doc) and doc[end - 1].dep_ == "compound" and doc[end - 1].head.i == end \
                and doc[end].pos_ == "PROPN" and not doc[end].ent_type_ and ent.label_ in ("GPE", "LOC", "FAC", "PERSON"):
            end += 1
        start = ent.start  # "Foz do Rio" labelled only "Rio": the words that modify it
        while start > 0 and doc[start - 1].dep_ == "compound" and ent.start <= doc[start - 1].head.i < end \
                and doc[start - 1].pos_ == "PROPN" and not doc[start - 1].ent_type_ and ent.label_ in ("GPE", "LOC", "FAC", "PERSON") \
                and (doc[start - 1].text[:1].isupper() or doc[start - 1].lower_ in _NAME_PARTICLES):
            start -= 1
        while start < ent.start and not doc[start].text[:1].isupper():
            start += 1
        if end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ \
                and not doc[end].whitespace_ and not doc[end + 1].ent_type_ \
                and ent.label_ in ("GPE", "LOC", "FAC", "PERSON") and _HYPHEN_TAIL.fullmatch(doc[end + 1].text) \
                and (is_state is None or not is_state(doc[ent.start:end].text)):  # (not "X Forces State-Forward")
            end += 2  # "X-d'Y", "X-Y": the rest of a hyphenated place name NER left unlabelled
        if end != ent.end or start != ent.start:
            ent = Span(doc, start, end, label=ent.label_)
        prev = out[-1] if out else None
        if prev is not None and ent.start == prev.end + 1 and ent.doc[prev.end].text == "-" \
                and not prev[-1].whitespace_ and not ent.doc[prev.end].whitespace_:
            out[-1] = Span(ent.doc, prev.start, ent.end, label=ent.label_)
            continue
        if prev is not None and ent.start == prev.end and ent.label_ == prev.label_ == "PERSON" \
                and prev[-1].whitespace_:
            out[-1] = Span(ent.doc, prev.start, ent.end, label="PERSON")  # "Hassan Sheikh" + "Mohamud"
            continue
        if prev is not None and ent.start == prev.end and prev.label_ == "PERSON" and len(prev) >= 2 \
                and ent.label_ in ("GPE", "LOC", "NORP") and len(ent) == 1 and prev[-1].whitespace_ == " " \
                and ent[0].is_alpha and ent[0].is_title and ent[0].pos_ == "PROPN" \
                and (is_state is None or not is_state(ent.text)):
            end = ent.end  # "X Y" + "Z" (a NORP: "Christian") + "W" unlabelled: the name goes on
            while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].is_title and doc[end].is_alpha \
                    and not doc[end].ent_type_ and doc[end - 1].whitespace_:
                end += 1
            out[-1] = Span(ent.doc, prev.start, end, label="PERSON")  # "Shah Mahmood" + "Qureshi" (a place?)
            continue
        out.append(ent)
    return out


#: the piece after a hyphen that goes on a name: "d'Y", "l'Y" or a capitalised word
_HYPHEN_TAIL = re.compile(r"(?:[dl]['’][A-Z]\w+|[A-Z][a-z]\w*)")

_BODY_FORCE_NOUNS = frozenset(["troops", "forces", "force", "peacekeepers", "soldiers"])


def _body_force(span: Span, entry: ActorEntry, end: int) -> Optional[Span]:
    """"U.N. peacekeepers", "United Nations peacekeeping troops", "an AU force": the
    troops an international body fields, an armed force of its own (not the body)."""
    if entry.type != "Organization" or entry.country:
        return None
    doc, j = span.doc, span.end
    if j < end and doc[j].lower_ == "peacekeeping":
        j += 1
    if j < end and doc[j].lower_ in _BODY_FORCE_NOUNS:
        return doc[span.start:j + 1]
    return None


_MEDIA = ("broadcaster", "news", "newspaper", "wire")
# Capitalised words after an outlet's name that start a role or a place, not the service's name.
_NOT_SERVICE = frozenset(["correspondent", "reporter", "bureau", "editor", "producer", "white", "chief", "senior",
                          "staff", "contributor", "anchor", "host"])


def _media_service(span: Span, entry: ActorEntry, end: int) -> Optional[Span]:
    """A broadcaster or agency's name followed by capitalised words ("VOA News", "VOA Deewa",
    "VOA French Service"): the service named, which reports call by that whole name."""
    if entry.type != "Organization" or not (entry.subtype or "").startswith(_MEDIA):
        return None
    doc, j = span.doc, span.end
    while j < end and doc[j].ent_type_ not in ("PERSON", "DATE", "TIME") and doc[j].lower_ not in _NOT_SERVICE and (
            doc[j].text[:1].isupper() and doc[j].is_alpha
            or doc[j].lower_ in ("to", "of") and j + 1 < end and doc[j + 1].text[:1].isupper()):
        j += 1
    while j > span.end and not doc[j - 1].text[:1].isupper():
        j -= 1
    return doc[span.start:j] if j > span.end else None


_DESK_WORDS = frozenset(["bureau", "service", "desk", "newsroom"])
#: "X Liberation Front", "Y Liberation Army": the names insurgencies give themselves (not "Organization"
#: or "Movement": the PLO and a liberation movement turned party are bodies)
_LIBERATION_HEADS = frozenset(["Front", "Army", "Tigers"])
_MOVEMENT_WORDS = frozenset(["movement", "front", "army", "alliance", "forces", "brigade", "brigades", "coalition"])
_ARMED_WORDS = frozenset(["rebel", "rebels", "militant", "insurgent", "jihadist", "separatist", "guerrilla", "militia",
                          "paramilitary"])


def _armed_description(ent: Span, before: bool = True) -> bool:
    """A body's name the text itself calls armed: "the rebel X Movement" (a lower-case armed word right
    before it), or "X, a militia allied with Y" / "X - an armed group" (an indefinite armed
    description right after it)."""
    doc = ent.doc
    if before and ent.start > 0 and doc[ent.start - 1].lower_ in _ARMED_WORDS and doc[ent.start - 1].is_lower \
            and any(t.lower_ in _MOVEMENT_WORDS for t in ent):
        return True  # (a rebel movement's name: "the rebel X Movement", not any body the rebels hold)
    j = ent.end
    while j < len(doc) and doc[j].text in (",", "-", "–", "—"):
        j += 1
    if j == ent.end or j >= len(doc) or doc[j].lower_ not in ("a", "an"):
        return False
    run = []  # the description's words up to its head noun: "a militia", "an armed group", not "a rebel commander"
    for t in doc[j + 1:j + 5]:
        if not (t.pos_ in ("ADJ", "NOUN", "PROPN") or t.pos_ == "VERB" and t.dep_ == "amod") or t.is_punct:
            break  # ("an armed group": "armed" may be tagged a verb; "a militia allied with": the head is before)
        run.append(t.lower_)
    if not run:
        return False
    return run[-1] in _ARMED_WORDS or run[-1] in ("group", "groups", "faction", "movement") and any(
        w in _ARMED_WORDS or w == "armed" for w in run[:-1])


def _describes_a_name(s: Span) -> bool:
    """"X, a Lebanese militia": an indefinite force phrase in apposition to a name says what that
    named actor is; it is no state's forces."""
    root = s.root
    return root.dep_ == "appos" and root.head.pos_ == "PROPN" and any(
        c.dep_ == "det" and c.lower_ in ("a", "an") for c in root.children)


# Capitalised words after a body's name that name its press office ("X Public Affairs").
_OFFICE_WORDS = (("Public", "Affairs", "Office"), ("Public", "Affairs"), ("Press", "Office"), ("Media", "Office"))


def _office_of(span: Span, end: int) -> Optional[Span]:
    """"X Command Public Affairs", "Y Press Office": a body's press office, named by the body."""
    doc = span.doc
    for words in _OFFICE_WORDS:
        stop = span.end + len(words)
        if stop <= end and tuple(t.text for t in doc[span.end:stop]) == words:
            return doc[span.start:stop]
    return None


def _with_group_noun(span: Span, entry: ActorEntry, end: int) -> Span:
    """"Houthi rebels", "Taliban militants", "Peshmerga forces": a group or force of the lexicon and
    its fighters' noun are one mention, so the report's way of naming it ("Houthi rebels") is one
    of its names."""
    nouns = _MEMBERS_OF_GROUP if entry.type == "ArmedGroup" else _FORCE_MEMBERS if entry.type == "ArmedForce" else ()
    if span.end < end and span.doc[span.end].lower_ in nouns:
        return span.doc[span.start:span.end + 1]
    return span


_FORCE_MEMBERS = frozenset(["forces", "troops", "fighters", "soldiers"])


def _people_named_groups(sent: Span, res: Resources) -> Iterator[Span]:
    """"Karen rebels", "X separatists", "X Rebels": one capitalised people's name (NER's NORP or a
    proper noun) before a rebel noun. Not a state's name or demonym ("Libyan rebels" are
    rebels of a state, no group's name), a faith ("Muslim rebels"), nor "pro-X" / "X-backed"
    (the patterns of a group named by its patron)."""
    doc = sent.doc
    for t in sent:
        if t.lower_ not in _GROUP_PEOPLE_NOUNS or t.i - 1 < sent.start:
            continue
        name = doc[t.i - 1]
        # NER's word that it is a name (often PERSON: "Karen rebels"), or a proper noun inside the sentence
        named = name.ent_type_ in ("NORP", "PERSON", "ORG") or name.pos_ == "PROPN" and name.i > sent.start
        if not (name.is_alpha and name.text[:1].isupper()) or not named or not (
                name.dep_ in ("compound", "amod", "nmod") or name.head.i == t.i):
            continue  # (the parse may hang the name on the noun any way: "X militias" read as a verb)
        if name.lower_ in _CREED_WORDS or res.gazetteer.country(name.text) is not None \
                or res.lexicon.match(name.text) is not None or name.lower_ in res.title_words:
            continue
        if name.i - 1 >= sent.start and (doc[name.i - 1].text == "-" or doc[name.i - 1].text[:1].isupper()
                                         and doc[name.i - 1].is_alpha and doc[name.i - 1].i > sent.start):
            continue  # "pro-X rebels", "X Tiger rebels": a longer name, not this rule's
        yield doc[name.i:t.i + 1]


#: last words of a natural feature's name ("X Pass", "the Y Seas") and first words in other
#: languages' names of one ("Phnom" a hill, "Nahr" a river, "Wadi" a valley): a place, not the
#: person or body NER makes of it
_FEATURE_HEADS = frozenset(["sea", "seas", "pass", "strait", "straits", "gulf", "river", "mountain", "mountains",
                            "hills", "island", "islands", "peninsula", "desert", "plateau", "canal"])  # (not "bay",
#                            "lake": surnames too)
_FEATURE_PREFIXES = frozenset(["mount", "lake", "cape", "wadi", "jebel", "jabal", "nahr", "phnom"])


def _natural_feature(ent: Span, res: "Resources") -> bool:
    """A capitalised name of two or more words that ends in a natural feature's word or opens with
    one of another language ("Phnom X", "Nahr Y"), with no body's or unit's word in it."""
    words = [t for t in ent if t.lower_ != "the"]
    if len(words) < 2 or not all(t.text[:1].isupper() or t.text in ("-", "el", "al") for t in words):
        return False
    if any(t.lower_ in res.org_heads or t.lower_ in res.unit_heads for t in words):
        return False  # ("the Lake X Commission", "the Y River Brigade")
    return words[-1].lower_ in _FEATURE_HEADS or words[0].lower_ in _FEATURE_PREFIXES


#: "X-linked militants": the words that tie fighters to a group without making them the group
LINK_WORDS = frozenset(["linked", "affiliated", "allied", "aligned", "inspired", "backed"])
_LINKED_GROUP_NOUNS = frozenset(["militants", "fighters", "gunmen", "militias", "militia", "insurgents", "rebels",
                                 "separatists", "militiamen", "jihadists", "extremists", "groups", "factions"])


def _linked_parent(doc: Doc, hyphen: int, start: int, matches: list[tuple[int, int]], res: "Resources") -> Optional[Span]:
    """The group named before "-linked" ("Islamic State-linked", "Vorani-linked"): a lexicon actor
    ending at the hyphen, else a run of capitalised words NER does not call a state or a people;
    None for a state (a patron: "X-backed separatists") or a people ("X-dominated")."""
    listed = [(s, e) for s, e in matches if e == hyphen and s >= start]
    if listed:
        s, _ = min(listed)
        span = doc[s:hyphen]
        entry = res.lexicon.match(span.text)
        if entry is not None and entry.type in ("ArmedGroup",):
            return span
        return None
    s = hyphen
    while s > start and hyphen - s < 3 and doc[s - 1].text[:1].isupper() and doc[s - 1].pos_ == "PROPN":
        s -= 1
    if s == hyphen:
        return None
    span = doc[s:hyphen]
    if res.gazetteer.country(span.text) is not None or any(t.ent_type_ in ("NORP", "GPE") for t in span):
        return None
    return span


#: words after "Police" that make a name a place or a part, not the force ("X Police Station")
_POLICE_PARTS = frozenset(["station", "stations", "academy", "headquarters", "post", "college", "school", "hospital",
                           "commissioner", "chief", "spokesman", "ministry"])


def _police_force(ent: Span, res: "Resources"):
    """A capitalised police force's name ("the National Police of X", "the Xian National Police",
    "X Police Service", "the Federal Police"): an armed state force, as the golds type police,
    not a body. Returns the state it names (a Country), False when it names none, or None for no
    police force's name (a station, an academy, a ministry, a title)."""
    words = [t for t in ent if t.text[:1].isupper() or t.lower_ == "of"]
    at = next((k for k, t in enumerate(ent) if t.text == "Police"), None)
    if at is None or len(words) != len(ent) - (ent[0].lower_ == "the") or len(ent) < 2:
        return None
    if any(t.lower_ in _POLICE_PARTS or t.lower_ in ("ministry", "department", "minister") for t in ent):
        return None
    rest = ent[at + 1:]
    if len(rest) and not (rest[0].text in ("Service", "Force", "Forces") or rest[0].lower_ == "of"):
        return None
    for t in ent:
        state = res.gazetteer.country(t.text)
        if state is not None:
            return state
    return False


def _claim_entry(span: Span, entry: ActorEntry, claim, bare: Optional[str] = None) -> None:
    extra = {"bare": bare} if bare and bare != span.text else {}  # the name without "rebels"
    if entry.type == "ArmedForce" and entry.country and (entry.subtype or "").startswith("national"):
        # A state's national forces are the same thing as "Iraqi forces": one entity.
        claim(span, "ArmedForce", None, entry=entry, country=entry.country, national=True, **extra)
    else:
        claim(span, entry.type, entry.subtype, entry=entry, **extra)


def _adjectival(s: Span) -> bool:
    """"US military support": a force word used as a modifier names no force."""
    last = s[-1]
    return (last.lower_ in ("military", "army", "police", "forces", "navy") and last.i + 1 < len(last.doc)
            and last.nbor(1).pos_ in ("NOUN",) and last.nbor(1).dep_ != "appos" and last.dep_ in ("compound", "amod", "nmod")
            and last.nbor(1).lemma_.lower() not in _WEAPON_NOUNS | _MEMBER_NOUNS
            and not (last.lower_ == "police" and last.nbor(1).lemma_.lower() in _SPOKESMEN))


# "400 Xian police officers arrived", "Y army personnel": the force's own people name the force (a
# state force, as "Xian police" does), not a modifier of something else; so does "a Xian police
# spokesman" (not "a Y military spokesman": the military's speakers are read as the state's)
_MEMBER_NOUNS = frozenset(["officer", "agent", "personnel", "constable", "trooper", "recruit"])
_SPOKESMEN = frozenset(["spokesman", "spokeswoman", "spokesperson"])


# "X army drones struck ...": the force that fires its weapons is named, not used as an adjective.
_WEAPON_NOUNS = frozenset(["drone", "aircraft", "jet", "warplane", "helicopter", "gunship", "artillery", "tank",
                           "plane", "fighter", "sniper", "unit", "patrol", "troop", "soldier", "commando"])


def _named_complement(noun: Token) -> Optional[Span]:
    """"the town of Gwoza" -> the span "Gwoza" (capitalised words after "of")."""
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for pobj in prep.children:
                if pobj.dep_ == "pobj" and pobj.pos_ == "PROPN":
                    left = pobj.left_edge.i
                    while left < pobj.i and not pobj.doc[left].text[:1].isupper():
                        left += 1
                    return pobj.doc[left:pobj.i + 1]
    return None


def _trim(s: Span) -> Optional[Span]:
    while len(s) and (s[0].lower_ in ("the", "a", "an") or s[0].is_punct):
        s = s[1:]
    while len(s) and (s[-1].is_punct or s[-1].lower_ in ("'s", "'", "’s")):
        s = s[:-1]
    return s if len(s) else None


def _strip_the(text: str) -> str:
    return re.sub(r"^(?:the|The)\s+", "", text).strip()


def _strip_possessive(text: str) -> str:
    return re.sub(r"(?:'s|’s|')$", "", text).strip()


def _strip_titles(ent: Span, res: Resources) -> Optional[Span]:
    while len(ent) and (ent[0].text in res.honorifics or ent[0].text.lower().strip(".") in res.title_words
                        or ent[0].text in ("By", "BY")):  # a byline NER ran into the name
        if len(ent) >= 2 and ent[1].lower_ in res.org_heads and ent[0].text not in res.honorifics and not (
                ent.start > 0 and ent.doc[ent.start - 1].lower_ in ("'s", "’s")):
            break  # "State Department", "Defense Ministry": a body, not a title (but "X's Defence
            # Ministry" is the body of the state X, told with it)
        ent = ent[1:]
    if len(ent) > 2 and ent[0].lower_ in ("for", "of"):
        # "[Under Secretary] of State for Political Affairs Jane Roe": the title goes on to its
        # last department word; the name is what follows it.
        start = ent.end
        while start > ent.start and ent.doc[start - 1].text[:1].isupper() and \
                ent.doc[start - 1].lower_ not in res.title_complements and ent.doc[start - 1].lower_ not in res.org_heads:
            start -= 1
        ent = ent.doc[start:ent.end] if start > ent.start and ent.end - start <= 4 else ent
    ent = _holder_after_office(ent, res) if len(ent) else ent
    ent = _trim(ent) if len(ent) else None
    if ent is None or not any(t.text[:1].isupper() for t in ent):
        return None
    return ent


def _holder_after_office(ent: Span, res: Resources) -> Span:
    """"Acting Chief X Spokesperson Jane Q. Roe", "Deputy Y Governor John Doe": a title that names
    its office's body or place between its words runs into the holder's name; the name is what
    follows the title's last head word ("Spokesperson", "Governor"), when only capitalised words
    stand before that word and a name of one to four capitalised words after it."""
    heads = res.title_heads
    last = None
    for k, t in enumerate(ent[:-1]):
        if not t.text[:1].isupper():
            return ent  # "Director of X": a title with its complement is another rule's
        if t.text in heads:
            last = k
    if last is None or last == 0:
        return ent  # (a title first is stripped by the caller)
    if not all(_office_word(t, res) for t in ent[:last]):
        return ent  # "X Sheikh Y": a person's name with a title word inside it
    name = ent[last + 1:]
    if not 1 <= len(name) <= 4 or not all(t.text[:1].isupper() for t in name):
        return ent
    return name


def _office_word(t: Token, res: Resources, places: bool = True) -> bool:
    """A word of an office's title: a title word, "Acting", a seat of government (titles.yaml "seats"), a
    state or its adjective, a body's word ("Ministry") or an actor of the lexicon ("NATO")."""
    w = t.text.lower().strip(".")
    return (w in res.title_words or w in _TITLE_MODIFIERS or w in res.seats or w in res.org_heads
            or res.gazetteer.country(t.text) is not None or res.lexicon.match(t.text) is not None
            or places and res.gazetteer.region(t.text) is not None)  # ("X Governor Jane Roe": the region's)


_NAME_PARTICLES = frozenset(["al", "al-", "el", "de", "da", "del", "van", "von", "bin", "ibn", "abu", "le", "la", "du", "dos"])


_BYLINE_ROLES = frozenset(["staff", "writer", "writers", "reporter", "reporters", "correspondent",
                           "correspondents", "newsroom", "desk", "editor", "editors", "agencies", "agency"])


_HEADER_KEYS = frozenset(["DATE", "BYLINE", "DATELINE", "NUMBER", "TYPE", "TITLE", "EDITOR", "CONTENT", "SLUG"])


def _script_header(sent: Span) -> Optional[tuple[str, Span]]:
    """A broadcast script's header line, "KEY=value" ("BYLINE=JANE DOE"), as (KEY, value), or a
    production cue between slashes ("/// X ACT, FADE UNDER ///") as ("CUE", empty)."""
    if not len(sent):
        return None
    first = sent[0].text
    if first.startswith("///"):
        return "CUE", sent[0:0]
    key = first.split("=", 1)[0]
    if key not in _HEADER_KEYS:
        return None
    if "=" in first:
        return key, sent[1:]
    if len(sent) >= 2 and sent[1].text == "=":
        return key, sent[2:]
    return None


def _comma_parts(span: Span) -> list[Span]:
    parts, start = [], span.start
    for t in list(span) + [None]:
        if t is None or t.text == ",":
            end = t.i if t is not None else span.end
            if end > start:
                parts.append(span.doc[start:end])
            if t is not None:
                start = t.i + 1
    return parts


def _byline_names(sent: Span) -> list[Span]:
    """Names in a "By A B and C D" line (at most ~15 tokens), split on "and" and commas; the
    same after a script's "BYLINE="."""
    header = _script_header(sent)
    skip = 1
    if header is not None and header[0] == "BYLINE":
        skip = header[1].start - sent.start
    elif len(sent) > 15 or len(sent) < 3 or sent[0].text not in ("By", "BY"):
        return []
    names: list[Span] = []
    start = sent.start + skip
    for t in list(sent[skip:]) + [None]:
        if t is not None and t.text == "-" and not t.whitespace_ and not sent.doc[t.i - 1].whitespace_:
            continue  # "X al-Y": a hyphen inside a name, no separator
        if t is None or t.lower_ in ("and", "&") or t.text in (",", "|", "/", "-", "—", "in", "for", "(") \
                or t.is_space and "\n" in t.text:  # "By Jane Roe\nXYZ News": a line each
            end = t.i if t is not None else sent.end
            name = sent.doc[start:end]
            if len(name) >= 2 and all(w.text[:1].isupper() or w.lower_ in _NAME_PARTICLES
                                      or re.fullmatch(r"\d+(?:st|nd|rd|th)", w.text) for w in name) \
                    and not any(w.lower_ in _BYLINE_ROLES for w in name):
                names.append(name)  # not "By Staff Writer", "By Our Correspondent"
            if t is None or t.text in ("|", "/", "-", "—", "in", "for", "("):
                break  # what follows is the publisher or the place
            start = t.i + 1
    return names


_BUILDING_HEADS = frozenset(["embassy", "hotel", "mosque", "church", "temple", "shrine", "market", "hospital",
                             "palace", "prison", "stadium", "airport", "school", "cathedral", "mall", "consulate",
                             "museum"])


def _after_locative(ent: Span) -> bool:
    """"at the X", "in Y": the name follows a locative preposition."""
    i = ent.start - 1
    if i >= 0 and ent.doc[i].lower_ == "the":
        i -= 1
    if i >= 1 and ent.doc[i].text in ("'s", "’s"):  # "at X's Y": the possessor's one to three words
        j = i - 1
        while j > i - 4 and j >= 0 and ent.doc[j].text[:1].isupper():
            j -= 1
        i = j if j < i - 1 else i
    return i >= 0 and ent.doc[i].lower_ in LOCATIVE_PREPS


def _byline_split(name: Span, org_heads) -> tuple[Optional[Span], Optional[Span]]:
    """A byline piece is a person, an organisation ("VOA News", "Defense Media Activity"), or a
    person run into the organisation ("Jane Roe XYZ News"): the organisation starts at the
    acronym ("XYZ", "DoD") before its organisation word."""
    heads = [i for i, w in enumerate(name) if w.lower_ in org_heads]
    if not heads:
        return name, None
    start = heads[0]
    while start > 0 and sum(ch.isupper() for ch in name[start - 1].text) >= 2:
        start -= 1  # "DoD News", "VOA News"
    if start == heads[0] and heads[0] >= 3:
        # "Jane Roe X State National Guard": a person's name is two words, or three with
        # an initial or a suffix ("Jane Q. Roe", "John Roe Jr.")
        start = 2
        while start < heads[0] and (len(name[start - 1].text.rstrip(".")) == 1 or name[start].lower_.strip(".") in ("jr", "sr")):
            start += 1
        if start >= heads[0]:
            return None, name
    elif start == heads[0]:
        return None, name  # no acronym to split at: "Defense Media Activity" is all one body
    return (name[:start] if start >= 2 else None), name[start:]


def _with_place_suffix(ent: Span, res: Resources) -> Span:
    """"X province", "the X river": the generic word after a place name is part of it."""
    doc = ent.doc
    if ent.end < len(doc) and doc[ent.end].lower_ in res.place_suffixes and not any(
            c.dep_ == "det" and c.lower_ in ("a", "an", "another") for c in doc[ent.end].children):
        return doc[ent.start:ent.end + 1]  # (not "a southern X district": some district of X)
    return ent


#: the last word of an outlet's name ("X Wire", "the Y Times")
_OUTLET_HEADS = frozenset(["wire", "dispatch", "frontline", "news", "times", "observer", "chronicle",
                           "journal", "herald", "tribune", "gazette", "monitor", "daily", "weekly", "magazine",
                           "radio", "television", "tv", "media"])  # (not "post", "channel": places too)
#: bodies named by what they study or watch: "the X Centre for Y Studies", "the Z Institute of W"
_STUDY_HEADS = frozenset(["centre", "center", "institute", "institution", "observatory", "foundation", "council"])


def _body_name(ent: Span, res: Resources) -> bool:
    """A name NER calls a place that is built as a body's: an outlet's ("X Wire", "Y Dispatch", not
    after "in" or "at": one is told things by an outlet, not in it) or a research body's ("the X
    Centre for Y Studies"); not a place the gazetteer knows by that name."""
    if len(ent) < 2:
        return False
    words = [t.lower_ for t in ent]
    outlet = words[-1] in _OUTLET_HEADS and words[-1] not in res.place_suffixes and not _after_locative(ent)
    study = any(w in _STUDY_HEADS and nxt in ("for", "of") for w, nxt in zip(words[1:], words[2:]))
    if not (outlet or study):
        return False
    place = res.gazetteer.lookup(ent.text)
    return place is None or light(normalize(place.name)) != light(normalize(ent.text))


def _inside_hyphenated_word(doc: Doc, s: int, e: int) -> bool:
    """Tokens s..e are a middle piece of a hyphenated word ("X-AU-Y"): hyphens on both sides, no spaces."""
    return s >= 2 and e + 1 < len(doc) and doc[s - 1].text == "-" and doc[e].text == "-" \
        and not doc[s - 2].whitespace_ and not doc[s - 1].whitespace_ and not doc[e - 1].whitespace_ \
        and not doc[e].whitespace_


def _ships_and_ranges(span: Span, res: Resources) -> Iterator[tuple[str, Span]]:
    """"USS Jane Doe" (a ship prefix of titles.yaml, then one to three capitalised words): a force;
    "X Y Training Area" (one to three capitalised words before it): a place."""
    doc = span.doc
    i = span.start
    while i < span.end:
        t = doc[i]
        if t.text in res.ship_prefixes and i + 1 < span.end and doc[i + 1].is_title and doc[i + 1].is_alpha:
            j = i + 1
            while j + 1 < span.end and j - i < 3 and doc[j + 1].is_title and doc[j + 1].is_alpha \
                    and doc[j + 1].pos_ == "PROPN":
                j += 1
            yield "ArmedForce", doc[i:j + 1]
            i = j + 1
            continue
        if t.text == "Training" and i + 1 < span.end and doc[i + 1].text == "Area":
            k = i
            while k > span.start and i - k < 3 and doc[k - 1].is_title and doc[k - 1].is_alpha \
                    and doc[k - 1].lower_ not in ("the", "a", "an"):
                k -= 1
            if k < i:
                yield "Location", doc[k:i + 2]
            i += 2
            continue
        i += 1


def _town_named(tok: Token, res: Resources) -> bool:
    """One title-case word the gazetteer knows as a town by that very name (no state)."""
    if not (tok.is_title and tok.is_alpha) or res.gazetteer.country(tok.text) is not None:
        return False
    place = res.gazetteer.lookup(tok.text)
    return place is not None and place.feature_class == "P" and place.name == tok.text


def _embassy_town(ent: Span, res: Resources) -> Optional[Span]:
    """"Embassy X" inside a body's name ("the Yian Embassy X Press Office"): the town X."""
    for t in ent[:-1]:
        if t.text == "Embassy" and _town_named(ent.doc[t.i + 1], res):
            return ent.doc[t.i + 1:t.i + 2]
    return None


def _summit_town(ent: Span, res: Resources) -> Optional[Span]:
    """"the X Summit", "the X Mini-Summit on Y": the town X the summit met in."""
    words = [t for t in ent if t.lower_ != "the"]
    if len(words) < 2 or not _town_named(words[0], res):
        return None
    rest = ent.doc[words[0].i + 1:ent.end].text.lower()
    return ent.doc[words[0].i:words[0].i + 1] if re.match(r"(?:mini-?\s?)?summit\b", rest) else None


def _attacked_building(chunk: Span, res: Resources) -> Optional[Span]:
    """"attacked the royal palace", "gunmen stormed the federal prison": the
    object of an attack verb, "the" + one adjective + a building noun in lower case, names one
    building (an adjective of kind, not of size: "a large hotel" is any hotel)."""
    if len(chunk) != 3 or chunk[0].lower_ != "the" or chunk[1].tag_ != "JJ" or not chunk[1].is_lower \
            or chunk[2].lower_ not in _BUILDING_HEADS or not chunk[2].is_lower:
        return None
    root = chunk.root
    if root.dep_ != "dobj" or root.head.lemma_.lower() not in res.attacked_place_verbs:
        return None
    if not chunk[1].lower_.endswith(("al", "ial", "ian", "ese", "ish")):
        return None  # ("presidential", "national", "royal", "federal"; not "old", "main", "large")
    return chunk[1:]


def _talks_with_states_one(ent: Span, res: Resources) -> bool:
    """"his talks with X's Y", "met with X's Y": one name after a state's possessive, the partner of
    talks, is that state's envoy (a place there would be "in X's Y"), when no place, state or listed
    actor goes by it."""
    doc = ent.doc
    if ent.start < 3 or doc[ent.start - 1].text not in ("'s", "’s") or doc[ent.start - 3].lower_ != "with":
        return False
    state = res.gazetteer.country(doc[ent.start - 2].text)
    if state is None or _is_demonym(doc[ent.start - 2].text, state) or not ent[0].is_alpha:
        return False
    talk = doc[ent.start - 3].head
    if talk.lemma_.lower() not in res.talk_words and talk.lower_ not in res.talk_words:
        return False
    return res.gazetteer.lookup(ent.text) is None and res.gazetteer.country(ent.text) is None \
        and res.lexicon.match(ent.text) is None


def _operation_acronym(ent: Span) -> bool:
    """A bracketed acronym right after "Operation X Y" (the title-case run before the bracket)."""
    doc = ent.doc
    if ent.start < 3 or doc[ent.start - 1].text != "(":
        return False
    i = ent.start - 2
    while i >= 0 and doc[i].text[:1].isupper() and doc[i].text != "Operation" and ent.start - i < 7:
        i -= 1
    return i >= 0 and doc[i].text == "Operation" and i < ent.start - 2


def _postal_division(ent: Span, res: Resources) -> bool:
    """Two capital letters right after "Town," ("Springfield, XY", "CITY, XY, State"): the postal code of
    the town's division, when no state or listed actor is written so."""
    doc = ent.doc
    text = ent.text.replace(".", "")
    if not re.fullmatch(r"[A-Z]{2}", text) or ent.start < 2 or doc[ent.start - 1].text != "," \
            or not doc[ent.start - 2].is_alpha or not doc[ent.start - 2].text[:1].isupper():
        return False
    return res.gazetteer.country(ent.text) is None and res.lexicon.match(ent.text) is None


def _weapon_model(ent: Span, res: Resources) -> bool:
    """A name before a weapon noun ("two X jets", "Y 2 tanks", "Z-777 artillery", "W fighting vehicles")
    is its make or model; not a state, a listed actor or a force ("X army drones" name the force)."""
    doc = ent.doc
    after = ent.end + 1 if ent.end + 1 < len(doc) and doc[ent.end].lower_ in ("fighting", "armored", "armoured") \
        else ent.end
    if after >= len(doc) or doc[after].lemma_.lower() not in _WEAPON_MODELS_OF:
        return False
    text = _strip_the(ent.text)
    if res.gazetteer.country(text) is not None or res.lexicon.match(text) is not None:
        return False
    return not any(t.lower_ in res.unit_heads or t.lower_ in ("army", "military", "forces", "force") for t in ent)


_WEAPON_MODELS_OF = frozenset(["jet", "tank", "helicopter", "howitzer", "artillery", "missile", "rocket",
                               "drone", "gunship", "warplane", "aircraft", "bomber", "fighter-bomber",
                               "rifle", "launcher", "vehicle"])


def _plural_people(ent: Span, res: Resources, norp_words: frozenset[str] = frozenset()) -> bool:
    """One plural proper noun ("the Xs would join", "known to Ys as Z") names a people: not a
    state, a listed actor or a sizeable place the gazetteer knows by exactly that name (a village
    spelled like a people is not the likelier reading). ``norp_words``: the people's adjectives
    of the whole report ("X rebels" in one paragraph, "the Xs" in another)."""
    if len(ent) != 1 or not ent[0].text.endswith("s"):
        return False
    text = ent[0].text
    # (tagged NNPS, or NNP when the report uses the word without its "s" as a people's adjective:
    # "the Xs fled" beside "X rebels", NER's NORP)
    if ent[0].tag_ != "NNPS" and not (ent[0].tag_ == "NNP" and len(text) > 4 and (text[:-1] in norp_words or any(
            t.text == text[:-1] and t.ent_type_ == "NORP" for t in ent.doc))):
        return False
    if res.gazetteer.country(text) is not None or res.lexicon.match(text) is not None:
        return False
    place = res.gazetteer.lookup(text)
    return place is None or light(normalize(place.name)) != light(normalize(text)) or (
        place.feature_class == "P" and place.population < 50_000)


def _dateline_outlet(ent: Span) -> bool:
    """"CITY, Sept 15 (X) - ...": the name in brackets after a dateline's date is the outlet."""
    doc = ent.doc
    if ent.start < 2 or ent.end >= len(doc) or doc[ent.start - 1].text != "(" or doc[ent.end].text != ")":
        return False
    return doc[ent.start - 2].ent_type_ == "DATE" and any(t.text == "," for t in doc[max(0, ent.start - 6):ent.start])


_MONTH_WORDS = frozenset(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
                          "dec", "january", "february", "march", "april", "june", "july", "august",
                          "september", "october", "november", "december"])


def _dated(ent: Span) -> bool:
    """The span's last word is a month with its day after it ("Y Aug 24"): a dateline's date, run
    into the place before it by NER."""
    doc, last = ent.doc, ent[-1]
    return last.text.rstrip(".").lower() in _MONTH_WORDS and ent.end < len(doc) and doc[ent.end].like_num


_DISTANCE_UNITS = frozenset(["km", "kilometers", "kilometres", "miles", "mi", "kilometer", "kilometre", "mile"])


def _distance_from_place(ent: Span) -> bool:
    """"X, about 120 km north of Y", "X, 40 kilometres from Y": a name followed by a distance
    from somewhere is a place."""
    doc = ent.doc
    window = doc[ent.end:min(len(doc), ent.end + 11)]
    if len(window) < 4 or window[0].text != ",":
        return False
    for i, t in enumerate(window[1:], start=1):
        if t.lower_ in _DISTANCE_UNITS:
            rest = [w.lower_ for w in window[i + 1:i + 6]]
            return i >= 2 and window[i - 1].like_num and ("of" in rest or "from" in rest)
        if t.is_punct:
            return False
    return False


def _plural_place_noun_after(ent: Span, res: Resources) -> bool:
    """"the X and Y provinces", "the X, Y and Z districts": names coordinated before a plural
    division, town or village noun are each one such place (the parse hangs the first on the noun,
    the others on the first); not "X and Y shrines" (a people's shrines, no place of that name)."""
    t = ent.root
    while t.dep_ == "conj" and t.head.i < t.i:
        t = t.head
    head = t.head
    if t.dep_ not in ("nmod", "compound", "amod") or head.i <= ent.end - 1 or head.tag_ != "NNS":
        return False
    return head.lemma_.lower() in _DIVISION_WORDS or head.lemma_.lower() in ("town", "city", "village")


def _modifies_combatants(ent: Span, res: Resources) -> bool:
    """"Tuareg rebels", "Hausa fighters": a name used as a modifier of fighters names no place."""
    root = ent.root
    head = root.head
    noun = head.lower_[:-1] if head.lower_.endswith("s") else head.lower_  # "Rebels" in a headline
    return (root.dep_ in ("compound", "amod", "nmod") and head.i == ent.end and head.i != root.i
            and (head.lower_ in res.force_nouns or head.lemma_.lower() in _COMBATANT_NOUNS or noun in _COMBATANT_NOUNS))


_TITLE_MODIFIERS = frozenset(["deputy", "vice", "acting", "former", "interim", "senior", "top", "chief", "assistant"])
_COMMON_ACTORS = frozenset(["rebels", "militants", "insurgents", "jihadists", "gunmen", "troops", "soldiers",
                            "forces", "separatists", "fighters", "militias", "terrorists", "extremists", "guerrillas"])


def _only_in_after(ent: Span) -> bool:
    """The only place frame of the name is "X in Y" after it (no "the town of X", no "X province")."""
    doc = ent.doc
    before = doc[ent.start - 1].lower_ if ent.start else ""
    return ent.end < len(doc) and doc[ent.end].lower_ == "in" and before not in ("of", "in", "at", "near", "to", "from")


def _only_a_title(ent: Span, res: Resources) -> bool:
    """A span of state names or adjectives and title words only ("U.S. President", "Sri Lankan
    President", "Deputy Foreign Minister"): a title whose holder is named elsewhere, or not at all."""
    words = [t for t in ent if t.is_alpha or t.text.endswith(".")]
    if not words or words[-1].text.lower().strip(".") not in res.title_words:
        return False
    if len(words) >= 2 and words[-1].lower_ in _DIVISION_WORDS and words[-2].lower_.strip(".") not in res.title_words:
        return False  # "X state": a division, not "Secretary of State"
    prefix = []
    for t in words:
        w = t.text.lower().strip(".")
        if w in res.title_words or w in _TITLE_MODIFIERS:
            if prefix:
                break
            continue
        prefix.append(t)
    rest = words[len(prefix):] if prefix and words[0] is prefix[0] else words
    if not all(t.text.lower().strip(".") in res.title_words or t.text.lower() in _TITLE_MODIFIERS for t in rest):
        return False
    text = " ".join(t.text for t in prefix)
    return not prefix or res.gazetteer.country(text) is not None or res.gazetteer.country(text.replace(".", "")) is not None


def _office_of_state(ent: Span, res: Resources) -> Optional[Span]:
    """"Minister of National Defence of the Republic of X": a title followed by "of" names an office,
    no body; the state at its end (after its last "of") is named. Not "Ministry of X" (a body)."""
    bare = _trim(ent)
    words = [t for t in bare if not t.is_punct] if bare is not None else []
    if len(words) < 4 or words[0].text.lower().strip(".") not in res.title_words or words[1].lower_ != "of" \
            or words[0].lower_ in res.org_heads:
        return None
    last_of = max(i for i, t in enumerate(words) if t.lower_ == "of")
    tail = ent.doc[words[last_of].i + 1:ent.end]
    return tail if len(tail) and res.gazetteer.country(_strip_the(tail.text)) is not None else None


#: military posts, told with where they stand ("a position of the army at X", "a checkpoint near Y")
_POSTS = frozenset(FACILITY_HEADS) | {"position", "post", "checkpoint", "outpost", "garrison", "barracks"}

def _post_noun(noun: Token) -> bool:
    """A military post, or the owner of one the parser hung "at X" on ("a position of the forces at X")."""
    for _ in range(2):
        if noun.pos_ != "NOUN":
            return False
        if noun.lemma_.lower() in _POSTS:
            return True
        if noun.dep_ != "pobj" or noun.head.lower_ != "of":
            return False
        noun = noun.head.head
    return False


#: particles that open a surname as written in title case ("Khalil Al Y", "Ana Da Z"): a name ends on none of them
_CUT_PARTICLES = frozenset(["Al", "El", "Bin", "Ibn", "Abu", "Da", "De", "Del", "Van", "Von", "Dos"])


def _holder_after_title(run: Span, sent: Sentence, res: Resources) -> Optional[Span]:
    """An unlabelled run of two or three capitalised words right after an office's title ("Minister
    of Defense Jane Roe", the run perhaps holding the title's last word): the holder's full name,
    when no word of it is a title, organisation or place word and the gazetteer knows no place by it."""
    doc = run.doc
    start = run.start
    while start < run.end and doc[start].text.lower().strip(".") in res.title_words:
        start += 1
    name = doc[start:run.end]
    if not 2 <= len(name) <= 3 or not all(t.is_alpha and t.text[:1].isupper() and not t.is_upper for t in name):
        return None
    if any(t.lower_ in res.title_words or t.lower_ in res.org_heads or t.lower_ in _NAMED_PLACE_HEADS
           or t.lower_ in res.unit_heads or t.lower_ in res.person_roles or t.lower_ in _TITLE_MODIFIERS for t in name):
        return None  # ("Chief Executive Officer": the title's own words)
    if res.gazetteer.lookup(name.text) is not None or res.gazetteer.country(name.text) is not None \
            or res.lexicon.match(name.text) is not None:
        return None
    i, head = start - 1, False
    while i >= max(sent.span.start, start - 6) and (
            doc[i].text[:1].isupper() and (doc[i].text.lower().strip(".") in res.title_words
                                           or doc[i].lower_ in res.title_complements)
            or doc[i].lower_ in ("of", "for") and i < start - 1):
        head = head or doc[i].text in res.title_heads
        i -= 1
    # (a lower-case "minister" before a name is a description, not a title)
    return name if head else None


def _state_then_name(ent: Span, res: Resources) -> Optional[tuple[Span, Span]]:
    """A place span that opens with a state's name and goes on with a person's full name, right after
    an office "of" ("Minister of Defence of X Jane Roe"): the state, and the holder's name."""
    doc = ent.doc
    if ent.start < 2 or doc[ent.start - 1].lower_ != "of":
        return None
    for k in (1, 2, 3):
        if k > len(ent) - 2:
            break
        state = Span(doc, ent.start, ent.start + k)
        country = res.gazetteer.country(state.text)
        if country is not None and not _is_demonym(state.text, country):
            name = Span(doc, ent.start + k, ent.end)
            if all(t.text[:1].isupper() and t.is_alpha for t in name) and res.gazetteer.lookup(name.text) is None:
                return state, name
            return None
    return None


def _on_attack_noun(on: Token, nouns: frozenset[str]) -> bool:
    """"on" hangs on an attack noun, directly or through its "by" agent, which the parser often
    takes for the head ("an onslaught by rebel fighters on X")."""
    head = on.head
    if head.dep_ == "pobj" and head.head.lower_ == "by":
        head = head.head.head
    return head.pos_ == "NOUN" and head.lemma_.lower() in nouns


def _with_plurals(nouns: frozenset[str]) -> frozenset[str]:
    """The nouns and their plurals: the parser leaves some plurals unlemmatised ("Clashes in X" as a
    proper noun at a sentence's start)."""
    return nouns | {n + "s" for n in nouns}


_NOT_TOWNS = frozenset("january february march april may june july august september october november december "
                       "ramadan eid christmas easter".split())


def _scene_of_violence(ent: Span, prep: Token, res: Resources, person_words: Optional[frozenset[str]] = None) -> bool:
    """An unlisted one-word name after "in" or "near" where the phrase hangs on a verb of killing or
    attack, on a noun of fighting, or on a building ("were killed in X", "clashes in Y", "an office
    in Z"; titles.yaml ``strike_verbs`` + ``scene_verbs``, ``attack_nouns`` + ``fighting_nouns``,
    ``scene_buildings``): the scene of the event, a town the gazetteer lacks. Without this such a name was a place
    only when a vowel-blind look-alike abroad matched it (a wrong point); now it is a place with no
    point. NER's "person" label is overruled only for a name the report never gives a person's full
    name with (:func:`_lone_name`)."""
    if prep.lower_ not in ("in", "near") or len(ent) != 1 or ent.root.pos_ != "PROPN" \
            or not _lone_name(ent, person_words):
        return False
    if ent.root.dep_ != "pobj" or ent.root.head.i != prep.i:
        return False  # "killed in X's house": the house's owner
    head = prep.head
    if head.pos_ in ("VERB", "AUX") and head.lemma_.lower() in res.scene_verbs:
        return True
    if head.pos_ in ("NOUN", "PROPN") and head.lemma_.lower() in res.fighting_words:
        return True  # (a sentence's first noun may be tagged a proper noun: "Clashes in X")
    return ent.label_ != "PERSON" and head.pos_ == "NOUN" and head.lemma_.lower() in res.scene_buildings


#: Common nouns a name in apposition with is no place, person or body: "the festival, X".
_KINDS_NO_ACTOR = frozenset(["festival", "holiday", "feast", "language", "dialect", "tongue", "ceremony"])
#: Outlet nouns after a name: "the X newspaper", "the Y daily".
_OUTLET_NOUNS = frozenset(["newspaper", "daily", "weekly", "magazine", "tabloid", "broadcaster", "website"])


def _of_a_kind_no_actor(ent: Span) -> bool:
    """A name in apposition with a feast or a language, on either side ("the kingdom's biggest
    festival, X"; "in X, the main language of the north"): NER calls it a place."""
    root = ent.root
    if root.dep_ == "appos" and root.head.lemma_.lower() in _KINDS_NO_ACTOR and root.head.i < ent.start:
        return True
    if any(c.dep_ == "appos" and c.lemma_.lower() in _KINDS_NO_ACTOR and c.i >= ent.end for c in root.children):
        return True
    doc = ent.doc  # (read from the words too: the parse often hangs ", the main language" elsewhere)
    if ent.end + 2 < len(doc) and doc[ent.end].text == "," and doc[ent.end + 1].lower_ in ("the", "a", "an"):
        for t in doc[ent.end + 2:min(len(doc), ent.end + 5)]:
            if t.pos_ == "NOUN":
                return t.lemma_.lower() in _KINDS_NO_ACTOR
            if t.pos_ != "ADJ":
                return False
    return False


def _named_outlet(ent: Span) -> bool:
    """"the X newspaper reported": a name between "the" and an outlet noun is the outlet's."""
    doc = ent.doc
    return ent.start > 0 and doc[ent.start - 1].lower_ == "the" and ent.end < len(doc) \
        and doc[ent.end].lower_ in _OUTLET_NOUNS


def _person_words(parsed: ParsedDoc) -> frozenset[str]:
    """The words of every person's name of two words or more NER finds in the report."""
    docs = {id(s.span.doc): s.span.doc for s in parsed.sentences}
    return frozenset(t.lower_ for d in docs.values() for e in d.ents if e.label_ == "PERSON" and len(e) >= 2
                     for t in e)


def _lone_name(ent: Span, person_words: Optional[frozenset[str]] = None) -> bool:
    """A one-word name that is no month or feast, and no part of a longer person's name in the
    report: "Mahmoud" after "Ali Mahmoud" is that man; "X" named alone after "in" is a town."""
    word = ent.text.lower()
    if word in _NOT_TOWNS:
        return False
    if person_words is None:
        person_words = frozenset(t.lower_ for e in ent.doc.ents if e.label_ == "PERSON" and len(e) >= 2 for t in e)
    return word not in person_words


def _attacked_place(ent: Span, res: Resources, person_words: Optional[frozenset[str]] = None) -> bool:
    """"Militants attacked X", "shelled Y": the object of a verb of attack on a place, a one-word
    name NER calls a person and the report names no person by, is a town the gazetteer lacks (a
    body NER finds, "attacked Z", stays a body: companies and parties are attacked too)."""
    root = ent.root
    return len(ent) == 1 and ent.label_ == "PERSON" and root.pos_ == "PROPN" and root.dep_ == "dobj" \
        and root.head.lemma_.lower() in res.attacked_place_verbs and _lone_name(ent, person_words) \
        and not (ent.end < len(ent.doc) and ent.doc[ent.end].text in ("'s", "’s"))


def _embassy_in_state(ent: Span, res: Resources):
    """"the X Embassy in Y", Y a state ("in the Y" too): an embassy is named by the state it stands in
    (by a city it is not: "the X Embassy in Z-city" stays the embassy, a place where troops land).
    Returns the whole name, the state's words and the state, or None."""
    doc = ent.doc
    if ent.label_ not in ("ORG", "FAC", "GPE", "LOC") or ent[-1].lower_ not in ("embassy", "consulate"):
        return None
    i = ent.end
    if i + 1 >= len(doc) or doc[i].lower_ != "in":
        return None
    j = i + 1 + (doc[i + 1].lower_ == "the")
    for k in (3, 2, 1):
        if j + k > len(doc):
            continue
        words = doc[j:j + k]
        state = res.gazetteer.country(words.text)
        if state is not None and not _is_demonym(words.text, state):
            return Span(doc, ent.start, j + k, label="ORG"), words, state
    return None


def _holder_in_apposition(ent: Span, res: Resources) -> bool:
    """A one-word name in apposition after a capitalised title ("Emirati X Commander, Y, and ..."):
    the title's holder, whatever NER calls the name."""
    root = ent.root
    return len(ent) == 1 and ent[0].is_title and root.dep_ == "appos" and root.head.i < ent.start \
        and root.head.text in res.title_heads and res.gazetteer.country(ent.text) is None


def _half_a_demonym(ent: Span, res: Resources) -> bool:
    """A one-word name that, with the word before or after it, is a state's adjective of two words
    ("Sierra" of "South X-ian", "Leonean" of "Sierra Leonean" before "officials")."""
    doc, i = ent.doc, ent.start
    for a, b in ((i, i + 2), (i - 1, i + 1)):
        if a < 0 or b > len(doc) or not all(t.is_alpha and t.text[:1].isupper() for t in doc[a:b]):
            continue
        words = doc[a:b].text
        country = res.gazetteer.country(words)
        if country is not None and _is_demonym(words, country) and words not in country.aliases:
            return True
    return False


def _among_places(ent: Span) -> bool:
    """"took four towns including X", "several villages, such as Y": a name given as one of a plural
    place noun's members is a place (read from the words: the parse hangs "including" on the verb
    as often as on the noun). A full name (two words or more NER calls a person) is left alone."""
    doc, i = ent.doc, ent.start
    if ent.label_ == "PERSON" and len(ent) > 1:
        return False
    if i >= 1 and doc[i - 1].lower_ == "including":
        j = i - 2
    elif i >= 2 and doc[i - 1].lower_ == "as" and doc[i - 2].lower_ == "such":
        j = i - 3
    else:
        return False
    if j >= 0 and doc[j].text == ",":
        j -= 1
    return j >= 0 and doc[j].tag_ == "NNS" and doc[j].lemma_.lower() in PLACE_NOUNS


def _person_frame(ent: Span, sent: Sentence, res: Resources) -> bool:
    """A role apposition (", a spokesman"), the speaker of "said" before or after the name, or a
    full name after an outlet's possessive ("VOA's Jane Roe reports")."""
    doc = ent.doc
    if len(ent) >= 2 and ent.start >= 2 and doc[ent.start - 1].text in ("'s", "’s"):
        outlet = res.lexicon.match(doc[ent.start - 2].text)
        if outlet is not None and outlet.type == "Organization":
            return True
    after = doc[ent.end:min(len(doc), ent.end + 5)]
    if len(after) >= 3 and after[0].text == "," and after[1].lower_ in ("a", "an", "the", "who"):
        if after[1].lower_ == "who" or any(t.lemma_.lower() in res.person_roles for t in after[2:]):
            return True
    if ent.root.dep_ == "appos" and ent.root.head.lemma_.lower() in res.person_roles:
        return True  # "the chief negotiator, X"
    head = ent.root.head
    if ent.root.dep_ == "appos" and len(ent) >= 2 and head.dep_ == "pobj" and head.head.lower_ == "of" \
            and head.head.head.lemma_.lower() in res.person_roles and head.head.head.i < head.i < ent.start:
        return True  # "the head of the provincial council, X Y": the parse hangs X Y on the council
    if len(ent) >= 2 and ent.start > 0 and doc[ent.start - 1].lower_ in res.person_roles \
            and doc[ent.start - 1].is_lower:
        return True  # "rebel leader X Y", "army spokesman X Y": a role noun right before a full name
    if ent.start > 0 and doc[ent.start - 1].lemma_.lower() in res.speech_verbs and doc[ent.start - 1].lower_ != "says" or (
            ent.root.dep_ == "nsubj" and ent.root.head.lemma_.lower() in res.speech_verbs):
        return len(ent) >= 2
    return False


def _extend_direction(ent: Span) -> Span:
    if ent.start > 0 and ent.doc[ent.start - 1].lower_ in DIRECTIONS:
        return ent.doc[ent.start - 1:ent.end]
    return ent


def _is_demonym(text: str, country) -> bool:
    t = _strip_the(text)
    return t in country.demonyms and t != country.name and t not in country.aliases


def _junk_org(ent: Span, res: Resources) -> bool:
    """ORG spans that are titles, departments named by one word, or lowercase phrases."""
    words = [t for t in ent if not t.is_punct and t.lower_ not in ("the", "'s")]
    if not words:
        return True
    after = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    if after is not None and after.text.lower().strip(".") in res.title_words and after.text[:1].isupper() and all(
            w.lower_ in res.title_complements or _office_word(w, res, places=False) for w in words):
        return True  # "Philippine Defense" before "Secretary", "X Press" before "Secretary": part of a title
    if len(words) == 1 and words[0].lower_ in res.title_complements:
        return True  # "Affairs" cut from "Foreign Affairs Secretary"
    if len(words) == 1 and (words[0].lower_.strip(".") in res.title_words or words[0].lower_ in (
            "defense", "defence", "interior", "state", "ministry", "army", "government", "police", "navy",
            "command") or words[0].lower_ in res.org_heads):
        return True  # "Department", "Command" alone: the rest of the name was cut off
    if _states_pair(ent, res):
        return True  # "U.S.-Colombia (relationship)": two states as a modifier
    return not any(t.text[:1].isupper() for t in words)


def _states_pair(ent: Span, res: Resources) -> bool:
    """"U.S.-Colombia", "X-Y": states joined by a hyphen, as in "the U.S.-Colombia relationship"."""
    parts = [p.strip() for p in _strip_the(ent.text).split("-")]
    return len(parts) >= 2 and all(p and res.gazetteer.country(p) for p in parts) \
        and res.gazetteer.country(_strip_the(ent.text)) is None  # (not one state's name: "Guinea-Bissau")


def _state_word(s: Span, res: Resources) -> Optional[str]:
    """The state named at the start of a force phrase ("US" in "US troop reinforcements")."""
    for n in range(min(4, len(s)), 0, -1):
        cand = s[:n].text
        if res.gazetteer.country(cand) is not None:
            return cand
    return None


def _backed_state(s: Span, res: Resources):
    """In "US-backed Syrian forces", the state whose forces they are (Syria)."""
    for i, t in enumerate(s):
        if t.lower_ in ("backed", "led", "allied", "trained", "supported") and i + 1 < len(s):
            return res.gazetteer.country(s[i + 1].text)
    return None


def _person_context(ent: Span, sent: Sentence, res: Resources) -> dict:
    """Title and affiliation from the words around a name."""
    hint: dict = {}
    doc = ent.doc
    left = doc[max(sent.span.start, ent.start - 8):ent.start].text + " "
    m = res.title_before.search(left)
    if m:
        hint["title"] = m.group("title").strip()
        before = left[:m.start("title")].split()
        for n in (2, 1):
            words = " ".join(before[-n:]) if len(before) >= n else ""
            country = res.gazetteer.country(words) if words else None
            if country is not None:
                hint["country"] = country.code
                break
            entry = res.lexicon.match(words) if words else None
            if entry is not None and entry.type == "Organization":
                hint["org_text"] = entry.name
                break
    right = doc[ent.end:min(sent.span.end, ent.end + 12)].text
    m2 = re.match(r"^,\s+(?:a|an|the)\s+(?P<title>[a-z][a-z\- ]{2,40}?)\s+(?:at|of|for|with)\s+(?:the\s+)?(?P<org>[A-Z][\w\- ]+)", right)
    if m2 and "title" not in hint:
        hint["title"] = m2.group("title")
        hint["org_text"] = m2.group("org")
    if ent.start > 0 and doc[ent.start - 1].text in res.honorifics:
        hint["honorific"] = True  # "Mr. X": a person's name, said alone
    if ent.start > 0 and doc[ent.start - 1].lower_ in ("'s", "’s"):
        j = ent.start - 2
        while j > sent.span.start and doc[j - 1].text[:1].isupper():
            j -= 1
        hint["org_text"] = doc[j:ent.start - 1].text
    return hint
