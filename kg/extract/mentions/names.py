"""PERSON and ORG spans (``NamesMixin``): spaCy's label is a guess; the name's words and its
context decide whether it is a person, a body, a force or a place.
"""

from __future__ import annotations

import re

from spacy.tokens import Span

from kg.extract.nlp import Sentence

from kg.extract.mentions.resources import Resources
from kg.extract.mentions.common import (
    FACILITY_HEADS, PLACE_NOUNS, _BUILDING_HEADS, _NAMED_PLACE_HEADS, _STUDY_HEADS, _after_locative,
    _after_place_noun, _claim_entry, _holder_in_apposition, _is_demonym, _modifies_combatants, _office_word,
    _person_context, _states_pair, _strip_possessive, _strip_the, _strip_titles, _trim, _with_place_suffix
)


# Buildings that never speak as a body ("the X Council Building", "the Y Bar"): a place wherever named (round 31;
# "the X Embassy said", "the Y Hotel said" are bodies).
_PLACE_ONLY_BUILDINGS = frozenset(["building", "bar", "restaurant", "cafe", "café", "mall"])

# The words of a body's office named after the body ("X Public Affairs"): with the body's word cut off as a
# title's ("Army" of "Army Chief"), what is left names no person (round 31).
_OFFICE_NAMES = frozenset(["public", "affairs"])

# Last words of a force's own name ("the X Security Force", "the Y Border Police"): before "troops" the name
# is the force's, not a modifier (round 31).
_FORCE_NAME_HEADS = frozenset(["force", "forces", "police", "guard", "army", "corps", "gendarmerie"])
_FORCE_MEMBER_NOUNS = frozenset(["troops", "soldiers", "personnel", "officers", "policemen", "servicemen", "units",
                                 "reinforcements", "contingent", "contingents"])  # (not "rebels", "fighters")

# Words of a force's kind, no name's ("a Joint Task Force"): after "a", a name of these only is no force's name.
_GENERIC_FORCE_WORDS = frozenset(["joint", "combined", "task", "force", "forces", "armed", "special", "operations"])

# Plural people nouns NER runs into a unit's name ("X National Guard Soldiers").
_TRAILING_PEOPLE = frozenset(["soldiers", "troops", "airmen", "sailors", "marines", "members", "personnel"])


class NamesMixin:
    """PERSON and ORG spans and a state's possessive before a name."""

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
        if label == "ORG" and bare is not None and titled.start > bare.start and len(titled) >= 2 \
                and all(t.lower_ in _OFFICE_NAMES for t in titled):
            claim(bare, "Organization", None)  # "Army Public Affairs": a body's press office, no person (round 31)
            return
        ent = titled
        if ent[-1].text in res.title_heads and all(_office_word(t, res) for t in ent):
            return  # "Jane Roe, Department Spokesperson": an office's words, no one's name
        text = _strip_the(_strip_possessive(ent.text))
        country = res.gazetteer.country(text)
        if country is not None and not _is_demonym(text, country):
            claim(ent, "Country", None, country=country)
            return
        if country is None and len(ent) >= 2 and ent[-1].text[:1].isupper() and ent[-1].lower_ in _FORCE_NAME_HEADS \
                and ent.end < len(ent.doc) and ent.doc[ent.end].lower_ in _FORCE_MEMBER_NOUNS \
                and _modifies_combatants(ent, res) and res.lexicon.match(text) is None:
            claim(ent, "ArmedForce", None)  # "1,000 X Security Force troops": the force's own name (round 31)
            return
        if country is not None or _modifies_combatants(ent, res):
            return  # "Tuareg rebels", "Malian" alone: an adjective
        if label == "ORG" and _junk_org(ent, res):
            return
        entry = res.lexicon.match(text)
        if entry is not None:
            _claim_entry(ent, entry, claim)
            return
        if not has_title and any(len(ent) > len(h) and tuple(t.text for t in ent[-len(h):]) == h
                                 for h in res.division_titles):
            claim(ent, "Location", None, place=None)  # "the X Local Government Area": a division's full name
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
               for a, b in zip(ent, ent[1:])) \
                or any(a.text == "Troops" and b.lower_ == "of" and i > 0 for i, (a, b) in enumerate(zip(ent, ent[1:]))):
            # (round 30: "the Border Troops of the X Committee": troops of a body are a force, not the body)
            if ent.start > 0 and ent.doc[ent.start - 1].lower_ in ("a", "an") \
                    and all(t.lower_ in _GENERIC_FORCE_WORDS or t.lower_ in res.force_modifiers for t in ent):
                return  # "a Joint Task Force of X personnel": a kind of force, none named (round 32)
            claim(ent, "ArmedForce", None)  # "the National Armed Forces", "the Armed Forces of X", "the Y Task Force"
            return
        if _multinational_force(ent, res):
            claim(ent, "ArmedForce", None)  # "Multinational Force X", "Multi-National Corps Y": a command of troops
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
            if label == "PERSON" or ent[-1].lower_ in _PLACE_ONLY_BUILDINGS or _after_locative(ent) \
                    or root.dep_ == "appos" and root.head.i < ent.start \
                    and root.head.lemma_.lower() in PLACE_NOUNS | {"site", "scene"} or _struck_building(ent, res):
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
        head = ent[-2] if len(ent) > 2 and ent[-1].text.isdigit() and ent[-2].lower_ in res.unit_heads else ent[-1]
        if len(ent) > 1 and (head.lower_ in res.unit_heads and head.lower_ not in res.org_heads or ent[-1].lower_ in (
                "team", "unit", "group", "force") and any(t.lower_ in res.unit_heads or t.lower_ == "expeditionary"
                                                          for t in ent[:-1])
                or _battle_group(ent)):  # "X Brigade Combat Team", "Multinational Battle Group East", "II Y Expeditionary Force",
            # "Light Infantry Battalion 417" (its number is its name's: titles.yaml numbered_names, round 30)
            if ent.start > 0 and ent.doc[ent.start - 1].lower_ in ("a", "an") and not any(
                    re.fullmatch(r"\d+(?:st|nd|rd|th)?|[IVX]+", t.text) for t in ent):
                return  # "the size of a Marine Expeditionary Unit": a kind of unit, none named
            start = ent.start  # "1st Armored Division", "III Corps", "U.S. Army"
            if start > 0 and re.fullmatch(r"\d+(?:st|nd|rd|th)|[IVX]+", ent.doc[start - 1].text):
                start -= 1  # NER leaves the ordinal out
            claim(ent.doc[start:ent.end], "ArmedForce", None, unit=True)
            return
        state = _commanding_state(ent, res)
        if state is not None:  # "U.S. X Command", "the Xian Southern Command": the state's armed force,
            claim(ent, "ArmedForce", None, unit=True, command_of=state.code)  # known by its own name
            return
        if any(t.lower_ in res.org_heads for t in ent[1:]) or (label == "ORG" and len(ent) > 1 and ent[0].lower_ in res.org_heads):
            claim(ent, "Organization", None)
            return
        root = ent.root
        if not has_title and root.dep_ == "appos" and root.head.lemma_.lower() in PLACE_NOUNS and root.head.i < ent.start:
            claim(ent, "Location", None, place=None)  # "the rebels' headquarters town, X"
            return
        kind = None if has_title else _kind_described(ent, res)
        if kind is not None and label in ("PERSON", "ORG"):
            claim(ent, kind, None, described=kind)  # "the emergency service X", "Y, known as Z", "W is a mission": no person
            return
        person = has_title or _person_frame(ent, sent, res)
        if not person and label in ("PERSON", "ORG", "GPE") and _talking_pair(ent, res, self._person_words):
            claim(ent, "Person", None, **_person_context(ent, sent, res))  # "X and Jane Roe discussed ...": two people
            return
        listed = None if person or label != "PERSON" else _listed_with(ent, res)
        if listed == "thing":
            return  # "vehicles, carriers, X Tanks and equipment", "exercises A, B and C": no one's name
        if listed == "place":
            claim(ent, "Location", None, place=None)  # "the oil fields X and Y": a place listed with a place
            return
        titled_inside = bare is not None and ent.start > bare.start and ent[0].i > bare.start
        if person and label == "PERSON" or (person and len(ent) >= 2 and all(t.text[:1].isupper() for t in ent if t.is_alpha)) \
                or titled_inside and label == "ORG" and len(ent) <= 3 and all(t.is_alpha and t.is_title for t in ent) \
                and not any(t.lower_ in res.org_heads or t.lower_ in res.unit_heads for t in ent):
            # ("Spokesperson X", one body to NER: the title NER ran into the surname after it, round 32)
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
        if framed and label == "ORG" and _acronym_owner(ent) and self.res.gazetteer.country(ent.text) is None:
            framed = False  # "part of X's peace force", "the defense of X's flank": the frame holds the noun X owns
        if framed or self._gazetteer_place(ent, strict=label == "PERSON"):
            claim(_with_place_suffix(ent, res), "Location", None, place=None, guessed=not framed)
            return
        if label == "PERSON":
            context = _person_context(ent, sent, res)
            if len(ent.text.split()) == 1 and not context.get("title") and not context.get("honorific") \
                    and not _speaker_or_relation(ent, res) and _pair_partner(ent, res) is None:
                context["lone_word"] = True  # one word, no title, no role, no "said": the model's guess alone
            claim(ent, "Person", None, **context)
        else:
            claim(ent, "Organization", None, model_guess=True)  # (no body's word: NER's label alone, round 32)

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


def _acronym_owner(ent: Span) -> bool:
    """"X's force", "Y's mission": a name in capitals (three letters or more) in the possessive, owning the
    noun after it (round 22: the body's acronym, which a place frame before it does not make a place)."""
    doc = ent.doc
    return len(ent) == 1 and len(ent.text) >= 3 and ent.text.isalpha() and ent.text.isupper() \
        and ent.end + 1 < len(doc) and doc[ent.end].text in ("'s", "’s") and doc[ent.end + 1].is_alpha


#: what a body holds for the press: "X Press Briefing", "Y News Conference" name the body X, Y
_MEDIA_EVENTS = frozenset(["briefing", "conference", "readout"])


def _multinational_force(ent: Span, res) -> bool:
    """"Multinational Force X", "the Multi-National Division Y" (titles.yaml multinational_openers): the
    opener, then a capitalised force's or unit's word ("Force", "Corps", "Division")."""
    words = [t for t in ent if t.lower_ != "the"]
    if len(words) < 2 or words[0].lower_ not in res.multinational_openers:
        return False
    return any(t.text[:1].isupper() and (t.lower_ in res.unit_heads or t.lower_ == "force") for t in words[1:3])


def _battle_group(ent: Span) -> bool:
    """"Multinational Battle Group East", "a NATO Battle Group": a unit of troops, whatever
    follows the two words."""
    return any(a.lower_ == "battle" and b.lower_ == "group" for a, b in zip(ent, ent[1:]))


#: "X Liberation Front", "Y Liberation Army": the names insurgencies give themselves (not "Organization"
#: or "Movement": the PLO and a liberation movement turned party are bodies)
_LIBERATION_HEADS = frozenset(["Front", "Army", "Tigers"])
_MOVEMENT_WORDS = frozenset(["movement", "front", "army", "alliance", "forces", "brigade", "brigades", "coalition"])
_UNION_WORDS = frozenset(["alliance", "coalition", "union", "federation", "network", "umbrella"])
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
    if j + 2 < len(doc) and doc[j].text == "(" and doc[j + 2].text == ")" and doc[j + 1].is_upper:
        j += 3  # "X (XY), a rebel group": its acronym first (round 32)
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
    k = j + 1 + len(run)  # "X, an alliance of armed groups": a union of armed groups is one (round 32)
    if run[-1] in _UNION_WORDS and k + 2 < len(doc) and doc[k].lower_ == "of" \
            and doc[k + 1].lower_ in _ARMED_WORDS | {"armed", "rebel"} and doc[k + 2].lemma_.lower() in ("group", "faction", "militia", "movement"):
        return True
    return run[-1] in _ARMED_WORDS or run[-1] in ("group", "groups", "faction", "movement") and any(
        w in _ARMED_WORDS or w == "armed" for w in run[:-1])


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


def _commanding_state(ent: Span, res: "Resources"):
    """A name whose last word is a command's ("Command") and whose first words name a state ("U.S.
    Y Command", "the Xian Southern Command"): the state (a Country) whose armed force it is, else None.
    A command with no state in its name ("Joint Operations Command") stays a body."""
    words = [t for t in ent if t.lower_ != "the"]
    if len(words) < 3 or words[-1].lower_ not in res.state_command_heads or words[-1].text[:1].islower() \
            or any(t.lower_ == "of" for t in words) or any(
                t.lower_ == "and" and not (0 < k < len(words) - 1 and words[k - 1].text[:1].isupper()
                                          and words[k + 1].text[:1].isupper()) for k, t in enumerate(words)):
        return None  # ("U.S. Army X and Y Command": "and" between two words of its name, round 32)
    for k in (2, 1):
        state = res.gazetteer.country(" ".join(t.text for t in words[:k]))
        if state is not None:
            return state
    return None


def _only_in_after(ent: Span) -> bool:
    """The only place frame of the name is "X in Y" after it (no "the town of X", no "X province")."""
    doc = ent.doc
    before = doc[ent.start - 1].lower_ if ent.start else ""
    return ent.end < len(doc) and doc[ent.end].lower_ == "in" and before not in ("of", "in", "at", "near", "to", "from")


def _kind_described(ent: Span, res: Resources) -> str | None:
    """The type a description of the name gives it when the text says what kind of thing it is and
    that kind is no person: the kind noun right before the name ("the emergency service X"), a
    noun phrase "known as" the name ("the peace force, known as Y"), or the name as subject of
    "is/was a ... KIND" ("Z (ZZ) is a non-combat mission")."""
    doc = ent.doc
    kinds = dict(res.kind_descriptions)
    if not kinds:
        return None
    before = doc[ent.start - 1] if ent.start > 0 else None
    if before is not None and before.is_lower and before.lower_ in kinds and ent.start >= 2 \
            and any(t.lower_ in ("the", "a", "an") or t.pos_ == "DET"
                    for t in doc[max(0, ent.start - 4):ent.start - 1]):
        return kinds[before.lower_]  # "the emergency service X" (not "service X" alone, a verb's object)
    if ent.start >= 3 and doc[ent.start - 1].lower_ == "as" and doc[ent.start - 2].lower_ == "known":
        k = ent.start - 3
        if k >= 0 and doc[k].text == ",":
            k -= 1
        if k >= 0 and doc[k].is_lower and doc[k].lower_ in kinds:
            return kinds[doc[k].lower_]  # "the peace force, known as Y"
    root = ent.root
    if root.dep_ == "nsubj" and root.head.lemma_ == "be":
        attr = next((c for c in root.head.children if c.dep_ == "attr" and c.i > ent.end), None)
        if attr is not None and attr.is_lower and attr.lower_ in kinds \
                and any(c.lower_ in ("a", "an") for c in attr.children if c.dep_ == "det"):
            return kinds[attr.lower_]  # "Z is a non-combat mission to train ..."
    if ent.start >= 2 and doc[ent.start - 1].lower_ in ("called", "named") and doc[ent.start - 2].is_lower \
            and doc[ent.start - 2].lower_ in kinds:
        return kinds[doc[ent.start - 2].lower_]  # "the peacekeeping force called Y" (round 20)
    kind = root.head if root.dep_ == "appos" and root.head.i < ent.start and ent.label_ != "PERSON" else None
    # (not a name the model calls a person: "a reporter with the news agency, X Y" is the reporter)
    if kind is not None and kind.dep_ == "pobj" and kind.head.dep_ == "prep" and kind.head.head.i < kind.i:
        kind = kind.head.head  # "the regional force in Y, Z": the parser hangs Z on Y
    if kind is not None and kind.is_lower and kind.lower_ in kinds \
            and any(c.dep_ == "det" or c.dep_ == "poss" for c in kind.children):
        return kinds[kind.lower_]  # "the UN peacekeeping mission, X", "the regional force in Y, Z" (round 20)
    return None


def _listed_with(ent: Span, res: Resources) -> str | None:
    """What a name NER calls a person is listed with ("A, B and C"): "place" when the others are
    only places the model names, "thing" when they are only things (two or more common nouns that
    name no people, or a body's or a work's name); None when any is a person, a noun of people or
    a role ("X and his wife", "X and other officials"), or the name is in no list."""
    root = ent.root
    top = root
    while top.dep_ == "conj" and top.head.i != top.i:
        top = top.head
    group = [top, *[t for t in top.subtree if t.dep_ == "conj" and t.head.i != t.i]]
    others = [t for t in group if not ent.start <= t.i < ent.end]
    if not others or len(group) < 2:
        return None
    places = things = 0
    for t in others:
        label = t.ent_type_
        if label == "PERSON" and t.ent_iob_ and any(s.label_ == "PERSON" and s.start <= t.i < s.end and
                                                    len(s) > 1 for s in t.doc.ents):
            return None  # another full name: a list of people
        if t.lemma_.lower() in res.person_roles or t.lemma_.lower() in res.people_nouns:
            return None
        if t.pos_ == "PRON":
            return None
        if label in ("GPE", "LOC", "FAC"):
            places += 1
        elif label in ("ORG", "PRODUCT", "EVENT", "WORK_OF_ART"):
            things += 1
        elif t.pos_ == "NOUN" and t.is_lower:
            things += 1
        elif label == "PERSON" or t.pos_ == "PROPN":
            continue  # a one-word name, perhaps of the same kind
        else:
            return None
    if places and not things:
        return "place"
    nouns = sum(1 for t in others if t.pos_ == "NOUN" and t.is_lower)
    if things and not places and nouns >= 2:
        return "thing"
    return None


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
    if len(ent) >= 2 and ent.label_ == "PERSON" and ent.start > 0 and (
            doc[ent.start - 1].text in res.honorifics
            or ent.start > 1 and doc[ent.start - 1].text == "." and doc[ent.start - 2].text + "." in res.honorifics):
        return True  # "Hon. Jane Roe, Speaker of the House, Capital City, DC": a full name after an honorific
    if len(ent) >= 2 and ent.start > 0 and doc[ent.start - 1].lower_ in res.person_roles \
            and doc[ent.start - 1].is_lower:
        return True  # "rebel leader X Y", "army spokesman X Y": a role noun right before a full name
    if len(ent) >= 2 and all(t.is_alpha and t.is_title for t in ent) and not any(
            t.lower_ in res.org_heads or t.lower_ in res.unit_heads or t.lower_ in res.title_words for t in ent) \
            and _after_long_title(ent, res):
        return True  # "Secretary of State of Defense Jane Roe": a title the title list does not hold whole
    if ent.start > 0 and doc[ent.start - 1].lemma_.lower() in res.speech_verbs and doc[ent.start - 1].lower_ != "says" or (
            ent.root.dep_ == "nsubj" and ent.root.head.lemma_.lower() in res.speech_verbs):
        return len(ent) >= 2
    return False


def _after_long_title(ent: Span, res: Resources) -> bool:
    """Capitalised title words, their complements and "of" right before the name, one of them a title's
    own word, not a complement ("Secretary of State of Defense X Y"): a title, though the title list
    holds no such whole title (round 31)."""
    doc = ent.doc
    i, head = ent.start - 1, False
    while i >= max(0, ent.start - 7) and (
            doc[i].text[:1].isupper() and (doc[i].text.lower().strip(".") in res.title_words
                                           or doc[i].lower_ in res.title_complements)
            or doc[i].lower_ in ("of", "for") and i < ent.start - 1):
        head = head or doc[i].text[:1].isupper() and doc[i].lower_ not in res.title_complements \
            and doc[i].text.lower().strip(".") in res.title_words  # ("Secretary", not "State", "Defense")
        i -= 1
    return head


def _pair_partner(ent: Span, res: Resources):
    """The other name of two capitalised names joined by "and", the subject of a verb of two people
    talking (titles.yaml pair_talk_verbs: "X and Y discussed ...", "A and B met"): its token, or None."""
    root = ent.root
    first = root.head if root.dep_ == "conj" else root
    if first.dep_ != "nsubj" or first.head.lemma_.lower() not in res.pair_talk_verbs:
        return None
    conj = [c for c in first.children if c.dep_ == "conj"]
    if len(conj) != 1 or not any(c.dep_ == "cc" and c.lower_ == "and" for c in first.children):
        return None
    partner = conj[0] if first is root else first
    return partner if partner.text[:1].isupper() and partner.pos_ == "PROPN" else None


def _talking_pair(ent: Span, res: Resources, person_words) -> bool:
    """"X and Jane Roe discussed ...", "A's Jane Roe and B's X met": a name joined to a person's by
    "and", the two the subject of a verb of two people talking (titles.yaml pair_talk_verbs), is a
    person too, whatever NER calls it (a body, a place the gazetteer knows by that name). The partner is
    a person by NER's label or as a word of a full name NER gives a person in the report. Not a state,
    a listed actor or a name with a body's or unit's word (round 31)."""
    if not res.pair_talk_verbs or not all(t.text[:1].isupper() for t in ent if t.is_alpha):
        return False
    partner = _pair_partner(ent, res)
    if partner is None:
        return False
    text = _strip_the(ent.text)
    if res.gazetteer.country(text) is not None or res.lexicon.match(text) is not None \
            or any(t.lower_ in res.org_heads or t.lower_ in res.unit_heads for t in ent):
        return False
    named = next((e for e in partner.doc.ents if e.start <= partner.i < e.end), None)
    return named is not None and named.label_ == "PERSON" or partner.lower_ in (person_words or ())


def _speaker_or_relation(ent: Span, res: Resources) -> bool:
    """A one-word name that speaks ("X said", "said X") or is named as someone's role or relation
    ("her grandmother, X", "the commander, X"): a person, though no title comes before it."""
    root, doc = ent.root, ent.doc
    if root.dep_ == "nsubj" and root.head.lemma_.lower() in res.speech_verbs:
        return True
    if ent.start > 0 and doc[ent.start - 1].lemma_.lower() in res.speech_verbs:
        return True
    return root.dep_ == "appos" and root.head.i < ent.start and root.head.lemma_.lower() in res.person_roles | res.people_nouns


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


def _struck_building(ent, res) -> bool:
    """"attacks on facilities like the Y Embassy", "targets including the Z Hotel": a building named
    among places or targets is a place (round 29: the golds type such a building a place, and one that
    speaks a body)."""
    root = ent.root
    if root.dep_ == "pobj" and root.head.lower_ in ("like", "including") and root.head.head.lemma_.lower() \
            in PLACE_NOUNS | {"facility", "site", "target", "building"}:
        return True
    return False
