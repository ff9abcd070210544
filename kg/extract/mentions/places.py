"""Places (``PlacesMixin``): gazetteer look-ups, place frames ("the town of X", "X province"),
names listed with a place, a state's capital, and the dateline's place.
"""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Span, Token

from kg.extract.gazetteer import light, normalize

from kg.extract.mentions.resources import Resources
from kg.extract.mentions.common import (
    DIRECTIONS, FACILITY_HEADS, LOCATIVE_PREPS, PLACE_NOUNS, _DIVISION_WORDS, _LOWER_DIVISIONS, _claim_entry
)


class PlacesMixin:
    """Places by gazetteer, frame, list, capital and dateline."""

    def _gazetteer_place(self, ent: Span, strict: bool) -> bool:
        """A gazetteer place spelled exactly like the name (a town of 1,000 people or more)."""
        if len(ent) > 3:
            return False
        place = self.res.gazetteer.lookup(ent.text)
        if strict and len(ent) > 2 and (place is None or place.feature_class != "A"
                                        or light(normalize(place.name)) != light(normalize(ent.text))):
            return False  # (three words NER calls a person: a division's exact name only, "X de Y", round 31)
        if place is None or place.population < (5_000 if strict else 1_000) and place.feature_class == "P":
            return False
        if not strict and self._acronym_not_the_place(ent, place):
            return False  # "NATO" is no village "Nato": a body's acronym the model calls a body (round 20)
        return light(normalize(place.name)) == light(normalize(ent.text)) or not strict

    def _acronym_not_the_place(self, ent: Span, place) -> bool:
        """A name in capitals whose gazetteer match is a town under 100,000 written in mixed case, not
        before its state as a dateline: the acronym of a body, not that town (round 20)."""
        return _acronym(ent.text) and place.feature_class == "P" and place.population < 100_000 \
            and not place.name.isupper() and not self._before_its_state(ent)

    def _before_its_state(self, ent: Span) -> bool:
        """"X, Yland": a place named before its state, as a dateline's town in capitals ("ADAZI, Latvia")."""
        doc = ent.doc
        return ent.end + 1 < len(doc) and doc[ent.end].text == "," \
            and self.res.gazetteer.country(doc[ent.end + 1].text) is not None

    def _place_frame(self, ent: Span) -> bool:
        """"the town of X", "X province", "in X" (when X is a known place)."""
        doc = ent.doc
        if len(ent) == 1 and ent[0].tag_ == "NNPS" and ent.start >= 2 and doc[ent.start - 1].lower_ == "the" \
                and doc[ent.start - 2].lower_ in ("in", "off", "near") and ent[0].text not in self.res.service_branches:
            return True  # "a base in the Xes": a plural proper name after "in the" is islands' or a range's (round 32)
        if ent.start >= 1 and doc[ent.start - 1].lower_ in _NEIGHBOURING and len(ent) <= 3:
            return True  # "reinforced neighbouring X Y": only a place neighbours (round 32)
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
        if root.dep_ == "pobj" and root.head.lower_ == "at" and root.head.head.lemma_.lower() in res.place_arrival_verbs:
            return True  # "landed at X", "the army regrouped at Y": where troops arrive or gather (round 26)
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
            if place is not None and ent.label_ == "ORG" and self._acronym_not_the_place(ent, place):
                place = None  # "to NATO", "in NATO": the body, not a village "Nato"
            return place is not None or _scene_of_violence(ent, prev, self.res, self._person_words) \
                or _home_of_people(ent, prev, self.res, self._person_words)
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


# Words after "take" that mean something other than seizing a place ("taken to hospital",
# "took part", "took hostages"); the event rules read the same list.
NOT_SEIZED = frozenset(["to", "into", "hostage", "hostages", "prisoner", "prisoners", "captive", "away", "part",
                        "place", "office", "power", "refuge", "shelter", "cover"])


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


def _on_attack_noun(on: Token, nouns: frozenset[str]) -> bool:
    """"on" hangs on an attack noun, directly or through its "by" agent, which the parser often
    takes for the head ("an onslaught by rebel fighters on X")."""
    head = on.head
    if head.dep_ == "pobj" and head.head.lower_ == "by":
        head = head.head.head
    return head.pos_ == "NOUN" and head.lemma_.lower() in nouns


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
    if prep.lower_ not in ("in", "near", "at") or len(ent) != 1 or ent.root.pos_ != "PROPN" \
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


_NEIGHBOURING = frozenset(["neighbouring", "neighboring", "nearby"])


def _home_of_people(ent: Span, prep: Token, res: Resources, person_words: Optional[frozenset[str]] = None) -> bool:
    """An unlisted one-word name after "in" or "from" right after a plural noun of people who live or act
    somewhere ("the authorities in X", "armed youths from Y"; titles.yaml people_of_places): a place
    (round 32: NER calls such a town a body). Not an acronym, not part of a person's name in the report."""
    doc = ent.doc
    if prep.lower_ not in ("in", "from") or len(ent) != 1 or prep.i != ent.start - 1 or prep.i < 1 \
            or not ent[0].is_title or not ent[0].is_alpha or not _lone_name(ent, person_words):
        return False
    if ent.end < len(doc) and not ent[-1].whitespace_ and doc[ent.end].text in ("-", "–"):
        return False  # "in X-Y": a piece of a hyphenated name
    noun = doc[prep.i - 1]
    return noun.tag_ == "NNS" and noun.lower_ in res.people_of_places


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


def _acronym(text: str) -> bool:
    """A name written as an acronym: three letters or more, all capitals ("NATO", "ECOWAS")."""
    return len(text) >= 3 and text.isalpha() and text.isupper()
