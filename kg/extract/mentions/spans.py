"""spaCy's NER spans (``SpansMixin``): which label a span keeps, how it is trimmed or cut, and
the outlet's desks and a people's names among them.
"""

from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Span, Token

from kg.extract.gazetteer import light, normalize
from kg.extract.nlp import Sentence

from kg.extract.mentions.resources import Resources
from kg.extract.mentions.common import (
    DIRECTIONS, LOCATIVE_PREPS, _COMBATANT_NOUNS, _COMMON_ACTORS, _DIVISION_WORDS, _PEOPLE_NOUNS, _STUDY_HEADS,
    _TITLE_MODIFIERS, _after_locative, _after_place_noun, _holder_in_apposition, _is_demonym, _is_headline,
    _modifies_combatants, _only_a_title, _person_context, _state_then_name, _states_pair, _strip_the,
    _subdivision, _trim, _with_place_suffix
)


_TIME_ZONE = re.compile(r"(?:UTC|GMT)\b")
#: plurals of a building's word ("Embassies", "Consulates"): a name ending in one names several buildings
_PLURAL_BUILDINGS = frozenset(["embassies", "consulates", "hotels", "mosques", "churches", "hospitals", "palaces",
                               "prisons", "stadiums", "airports", "schools", "museums"])

#: "X-dominated", "Y-majority": what a people's name is joined to when it describes a group or an area
_PEOPLE_LED = frozenset(["led", "dominated", "majority", "populated", "inhabited", "speaking", "minority"])


class SpansMixin:
    """What to make of each NER span."""

    def _claim_ent(self, ent: Span, sent: Sentence, claim) -> None:
        label = ent.label_
        res = self.res
        if label in ("GPE", "LOC", "FAC") and not any(t.text[:1].isupper() for t in ent if t.lower_ != "the"):
            return  # "the kingdom", "the region": a description NER labelled, no name
        if len(ent) == 3 and ent[0].text in res.adjective_prefixes and ent[1].text == "-" and not ent[0].whitespace_ \
                and not ent[1].whitespace_ and label in ("GPE", "LOC", "FAC", "NORP"):
            return  # "the trans-X security environment": a lower-case prefix makes the name an adjective (round 32)
        if len(ent) >= 2 and ent[-1].text[:1].isupper() and ent[-1].lower_ in _PLURAL_BUILDINGS:
            return  # "the X Embassies in A and B": several buildings, no one place or body named (round 32)
        if _TIME_ZONE.match(ent.text):
            return  # "UTC+4:30": a time zone NER calls a body
        if label in ("ORG", "PERSON") and len(ent) >= 2 and sent.index == 0 and _is_headline(sent):
            for k in (3, 2, 1):  # "..., X Asserts": a headline's Title Case runs the state into its verb
                state = res.gazetteer.country(ent[:k].text) if k < len(ent) else None
                if state is not None and not _is_demonym(ent[:k].text, state) \
                        and all(t.pos_ in ("VERB", "AUX") for t in ent[k:]):
                    claim(ent[:k], "Country", None, country=state)
                    return
        if label == "ORG" and ent.end < len(ent.doc) and ent.doc[ent.end].text.isdigit() and len(ent.doc[ent.end]) <= 3 \
                and any(ent.text.endswith(" " + n) or ent.text == n for n in res.numbered_names) \
                and not (ent.end + 1 < len(ent.doc) and ent.doc[ent.end + 1].lower_ in res.force_nouns):
            # "Joint Task Force | 76": its number is its name's (not a count: "Task Force | 9 troops")
            ent = Span(ent.doc, ent.start, ent.end + 1, label=label)
        qualified = _bracketed_qualifier(ent) if label == "ORG" else None
        if qualified is not None:  # "the 24th X Unit (Special Operations Capable)": the unit's whole name (round 32)
            base, close = qualified

            def widen(s, kind, subtype=None, **hint):
                m = claim(s, kind, subtype, **hint)
                if m is not None and kind == "ArmedForce" and m.span.end == base.end:
                    m.text = ent.doc.text[m.span[0].idx:ent.doc[close].idx + 1]
                    m.end = m.start + len(m.text)
                return m

            self._claim_ent(base, sent, widen)
            return
        named = _force_by_own_name(ent, res)
        if named is not None:  # "Task Force Hawk", "Task Force 505": a force by its own name (round 29; NER
            claim(named, "ArmedForce", None)  # calls some a product or a place)
            return
        road = _road_between(ent, res)
        if road is not None:  # "the X-Y road": the road between two towns, a place by its whole name
            claim(road, "Location", None, place=None)
            return
        brk = next((t.i for t in ent[1:-1] if "\n" in t.text), None) if label in ("ORG", "PERSON", "GPE", "FAC") \
            and len(ent) > 2 else None
        if brk is not None:  # (a break inside the name: one at its edge, "Jane Roe Jr.\n", changes nothing)  # "Jane Roe | X Permanent Representative", "Office of the Y | Capital City": a
            for part in (ent.doc[ent.start:brk], ent.doc[brk + 1:ent.end]):  # release's header lines, run
                if len(part) and part[0].text[:1].isupper():  # together: each line named on its own (round 28)
                    kind = "ORG" if any(t.lower_ in res.org_heads for t in part) else \
                        "GPE" if self._gazetteer_place(part, strict=True) else \
                        None if any(t.lower_.strip(".") in res.title_words for t in part) else "PERSON"
                    if kind is not None:  # (a title's line, "X Permanent Representative", names no one)
                        self._claim_ent(Span(ent.doc, part.start, part.end, label=kind), sent, claim)
            return
        if label in ("ORG", "PERSON"):
            cut = _run_on_tail(ent, res)
            if cut is not None:  # "the X Conference in Y, Z", "W on New Year's Eve": the name ends before
                head, tail = cut  # the preposition; the place after it is named on its own
                self._claim_ent(head, sent, claim)
                if tail is not None:
                    self._claim_ent(tail, sent, claim)
                return
        if label == "ORG" and len(ent) >= 3:
            split = _state_then_name(ent, res)
            if split is not None:  # "the Ambassador of Y to the X Jane Roe": the state, then the holder
                state, name = split
                claim(state, "Country", None, country=res.gazetteer.country(state.text))
                self._claim_name(Span(ent.doc, name.start, name.end, label="PERSON"), sent, claim)
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
        if label == "PERSON" and _hyphenated_surname_after(ent, res):
            ent = Span(ent.doc, ent.start, ent.end + 3, label=label)  # "Jane Maria | Roe-Doe" (round 32)
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
        elif label in ("DATE", "TIME"):
            # the model calls some rare names a date ("its northern X province"): a place before a division's
            # word, when no word of it is a month's, a day's or a number (round 32)
            doc = ent.doc
            if ent.end < len(doc) and doc[ent.end].lower_ in _DIVISION_WORDS and all(
                    t.is_alpha and t.is_title and t.lower_.rstrip(".") not in _MONTH_WORDS and t.lower_ not in _WEEK_DAYS
                    and t.text not in res.day_words for t in ent):
                claim(_with_place_suffix(ent, res), "Location", None, place=None)
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


_DESK_WORDS = frozenset(["bureau", "service", "desk", "newsroom"])


#: the last word of an outlet's name ("X Wire", "the Y Times")
_OUTLET_HEADS = frozenset(["wire", "dispatch", "frontline", "news", "times", "observer", "chronicle",
                           "journal", "herald", "tribune", "gazette", "monitor", "daily", "weekly", "magazine",
                           "radio", "television", "tv", "media"])  # (not "post", "channel": places too)


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


_TWO_CAPITALS = re.compile(r"[A-Z]{2}")


def _postal_division(ent: Span, res: Resources) -> bool:
    """Two capital letters right after "Town," ("Springfield, XY", "CITY, XY, State"): the postal code of
    the town's division, when no state or listed actor is written so; or a wire's abbreviation of a
    state of a federation there ("Springfield, Fla.", round 27)."""
    doc = ent.doc
    text = ent.text.replace(".", "")
    if ent.text in res.postal_abbreviations and ent.text.endswith(".") and ent.start >= 2 \
            and doc[ent.start - 1].text == "," and doc[ent.start - 2].is_alpha and doc[ent.start - 2].text[:1].isupper():
        return True  # "Tampa, Fla.": a wire's abbreviation of the town's state (titles.yaml postal_abbreviations)
    if not _TWO_CAPITALS.fullmatch(text) or ent.start < 2 or doc[ent.start - 1].text != "," \
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
    doc = ent.doc
    if ent.start >= 2 and doc[ent.start - 1].lower_ == "the" and doc[ent.start - 2].lower_ in ("in", "at", "near", "off"):
        return False  # "a base in the Xes": islands or a range, a place (round 32; a people is not "in")
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


def _run_on_tail(ent: Span, res: Resources) -> Optional[tuple[Span, Optional[Span]]]:
    """A body's or person's name the model ran on over "in" or "on" into the sentence's place or day
    (round 27): "the X Conference of Y in Z, W" (Z a place the gazetteer knows, then a comma and a
    state: a place told as a place is, not a name's last part; "the Mission in Z" with no state after
    it stays whole) or "V on New Year's Eve" (a day's word or a month after "on"). The name before
    the preposition (a place the gazetteer knows, when it is one or two words: "V"), and the place
    after "in" or None. A name of one or two words before a day, after a place's preposition ("to V on
    New Year's Eve"), is a place's. A body's name run into a town with no preposition, before a comma
    ("the Office of the Spokesperson X, DC": the release's place line), ends before the town: its last
    word before the town is a title's or a body's head word."""
    doc = ent.doc
    if len(ent) >= 3 and ent.label_ == "ORG" and ent.end < len(doc) and doc[ent.end].text == "," \
            and ent[-1].is_title and ent[-2].is_title \
            and (ent[-2].text.lower().strip(".") in res.title_words or ent[-2].lower_ in res.org_heads) \
            and res.gazetteer.country(ent[-1].text) is None and res.gazetteer.lookup(ent[-1].text) is not None:
        return Span(doc, ent.start, ent.end - 1, label=ent.label_), Span(doc, ent.end - 1, ent.end, label="GPE")
    for t in ent[1:-1]:
        if t.lower_ not in ("in", "on"):
            continue
        head = Span(doc, ent.start, t.i, label=ent.label_)
        tail = Span(doc, t.i + 1, ent.end, label="GPE")
        if not any(w.text[:1].isupper() for w in head if w.lower_ != "the"):
            return None
        if len(head) <= 2 and (res.gazetteer.lookup(_strip_the(head.text)) is not None or t.lower_ == "on"
                                   and ent.start > 0 and doc[ent.start - 1].lower_ in LOCATIVE_PREPS):
            head = Span(doc, head.start, head.end, label="GPE")  # ("the entrance to V on New Year's Eve")
        if t.lower_ == "on" and any(w.text.lower().strip(".") in res.day_words or w.lower_ in _MONTH_WORDS
                                    or w.lower_ in _WEEK_DAYS for w in tail):
            return head, None
        if t.lower_ == "in" and ent.end + 1 < len(doc) and doc[ent.end].text == "," \
                and res.gazetteer.country(doc[ent.end + 1].text) is not None \
                and res.gazetteer.country(tail.text) is None and res.gazetteer.lookup(tail.text) is not None:
            return head, tail
        return None
    return None


def _bracketed_qualifier(ent: Span) -> Optional[tuple[Span, int]]:
    """A unit's name NER ran into the bracketed qualifier after it and cut before its closing bracket
    ("X Expeditionary Unit (Special Operations Capable"): the name before the bracket, and the index of
    the closing bracket, when the bracket holds capitalised words only (round 32: the golds name the
    unit with its qualifier)."""
    doc = ent.doc
    if ent.end >= len(doc) or doc[ent.end].text != ")":
        return None
    opening = next((t.i for t in ent[1:] if t.text == "("), None)
    if opening is None or any(t.text == ")" for t in ent):
        return None
    inner = doc[opening + 1:ent.end]
    if not len(inner) or not all(t.is_alpha and t.text[:1].isupper() for t in inner):
        return None
    return Span(doc, ent.start, opening, label=ent.label_), ent.end


def _force_by_own_name(ent: Span, res: Resources) -> Optional[Span]:
    """A span that opens (after "the") with a force's name word ("Task Force", titles.yaml
    force_name_openers) written in capitals, followed by a capitalised word or a number of its own:
    the force so named, the whole span ("Task Force Hawk", "Task Force Blue Sky", "Task Force 505";
    round 29: NER labels these a product, a place or a person). "Task Force" alone, or "the task force"
    in lower case, names nothing; longer names holding the words ("the Joint Task Force 76") are read
    as before."""
    words = [t for t in ent if t.lower_ != "the"]
    if len(words) < 3 or ent.label_ in ("DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"):
        return None
    for opener in res.force_name_openers:
        n = len(opener)
        if tuple(t.text for t in words[:n]) != opener or len(words) <= n:
            continue
        rest = words[n:]
        if all(t.text[:1].isupper() or t.text.isdigit() or t.text in ("-", "–") for t in rest) \
                and (rest[0].text[:1].isupper() or rest[0].text.isdigit()):
            return Span(ent.doc, words[0].i, words[-1].i + 1, label=ent.label_)
    return None


def _road_between(ent: Span, res: Resources) -> Optional[Span]:
    """"the X-Y road", "the X-Y highway" (titles.yaml road_words): two capitalised names joined by a
    hyphen, written without spaces, right before a road's word: the road between the two towns, a place
    named with its word (round 27; NER calls the pair a body). Not two states ("the X-Y border" is
    read elsewhere)."""
    doc = ent.doc
    if ent.end >= len(doc) or doc[ent.end].lower_ not in res.road_words:
        return None
    words = [t for t in ent if t.lower_ != "the"]
    dash = [t for t in words if t.text == "-"]
    if len(dash) != 1 or dash[0].whitespace_ or doc[dash[0].i - 1].whitespace_:
        return None
    parts = (Span(doc, words[0].i, dash[0].i), Span(doc, dash[0].i + 1, words[-1].i + 1))
    if not all(len(p) and all(t.is_alpha and t.text[:1].isupper() for t in p) for p in parts):
        return None
    if any(res.gazetteer.country(p.text) is not None for p in parts):
        return None
    return Span(doc, words[0].i, ent.end + 1)


_WEEK_DAYS = frozenset(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])


def _dated(ent: Span) -> bool:
    """The span's last word is a month with its day after it ("Y Aug 24"): a dateline's date, run
    into the place before it by NER."""
    doc, last = ent.doc, ent[-1]
    return last.text.rstrip(".").lower() in _MONTH_WORDS and ent.end < len(doc) and doc[ent.end].like_num


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


def _hyphenated_surname_after(ent: Span, res: Resources) -> bool:
    """A full name NER ended before the hyphenated surname right after it ("Jose Maria | Roe-Doe"): two
    title-case words joined by a hyphen with no space, no label of their own, no state's name, after a
    name of two words or more (round 32)."""
    doc, j = ent.doc, ent.end
    if len(ent) < 2 or j + 2 >= len(doc) or not ent[-1].whitespace_ or doc[j + 1].text != "-" \
            or ent[-1].text in ("'s", "’s"):
        return False  # ("X Y's Al-Z": the owner of a listed group)
    first, second = doc[j], doc[j + 2]
    if first.whitespace_ or doc[j + 1].whitespace_ or not (first.is_alpha and first.is_title
                                                           and second.is_alpha and second.is_title):
        return False
    if any(t.ent_type_ for t in doc[j:j + 3]) and not any(
            e.start == j and e.end == j + 3 and e.label_ in ("ORG", "PERSON", "GPE", "NORP") for e in doc.ents):
        return False  # (labelled apart, as a whole, by NER's guess: "X-Y" a body, the same surname)
    return res.gazetteer.country(first.text) is None and res.gazetteer.country(second.text) is None \
        and res.gazetteer.country(doc[j:j + 3].text) is None and res.lexicon.match(doc[j:j + 3].text) is None


#: particles that open a surname as written in title case ("Khalil Al Y", "Ana Da Z"): a name ends on none of them
_CUT_PARTICLES = frozenset(["Al", "El", "Bin", "Ibn", "Abu", "Da", "De", "Del", "Van", "Von", "Dos"])


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


def _extend_direction(ent: Span) -> Span:
    if ent.start > 0 and ent.doc[ent.start - 1].lower_ in DIRECTIONS:
        return ent.doc[ent.start - 1:ent.end]
    return ent
