"""The event's most specific place when its own clause names none or only a broader one (round 7).

:mod:`kg.extract.places` gives each event a place from its sentence and the sentences around it.
Three cues it does not read are the report's own pointers to where an event happened:

- a definite common noun for a place ("seized *the base*", "captured *the village*", "the attack on
  *the camp*", events.yaml ``place_nouns``) names again a place the report told an earlier attack
  or capture at, so the event is there, not in the region or city its own sentence mentions;
- an attack with no place at all is where one of the next few sentences (telling no placed event
  of its own) says the thing attacked is: "attacked troops guarding the export terminal ... X, in
  the south, is home to a gas terminal" (X the subject, beside a head noun of the attack's object);
- a dateline "PLACE, COUNTRY" written where the reporter stood: when the event is placed only in
  that country (or a region of it), or in a place its own sentence does not name (borrowed from
  a neighbour), and the body names the dateline's place again near the event, the event happened
  there. The filing city alone is never taken: it must be named again in the body beside the event.

A capture placed by its place noun ("the group had captured the village") is marked
``pointed_back``: the event rules fold it into the capture told before at that place when the
hands agree (``events._capture_told_again``).

All run after tellings are merged and places refined, on the frames' parses: no text is parsed again.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Optional


from kg.extract.events_data import events_yaml
from kg.extract.nlp import Sentence
from kg.extract.places import SPECIFIC, body_start, specificity
from kg.extract.resolve import Resolution

ROLE_OF = {"Attack": "location", "Capture": "place"}
DEFINITE = frozenset(["the", "this", "that"])
HOLD_NOUNS = frozenset(["control", "part", "parts", "much", "most", "outskirts", "centre", "center"])  # "took control of the town"
NEAR = 3  # sentences after the event's within which the body must name the dateline's place again


@lru_cache(maxsize=1)
def place_nouns() -> frozenset[str]:
    return frozenset(events_yaml().get("place_nouns", []))


def anchor_places(frames: list, sentences: list[Sentence], res: Resolution) -> None:
    """Give each attack and capture the place the report points to (module docstring). A frame
    placed by a place noun told before is marked ``pointed_back``: a capture so told is the
    capture told before at that place when the hands agree (the event rules fold the two)."""
    dateline = _dateline(sentences, res)
    by_index = {s.index: s for s in sentences}
    placed = {f.sentence.index for f in frames if any(f.roles.get(r) for r in ("location", "place", "destination"))}
    for f in frames:
        role = ROLE_OF.get(f.type)
        if role is None:
            continue
        told = _place_told_before(f, frames, res)
        if told is not None:
            f.roles[role] = [told]
            f.pointed_back = True
            continue
        if f.type == "Attack" and not f.roles.get(role):
            home = _home_of_target(f, by_index, placed, res)
            if home is not None:
                f.roles[role] = [home]
                continue
        if dateline is not None:
            place = _dateline_place(f, role, dateline, by_index, res)
            if place is not None:
                f.roles[role] = [place]


HEADS = ("nsubj", "nsubjpass", "dobj", "pobj", "attr", "appos", "conj")


def _home_of_target(f, by_index: dict[int, Sentence], placed: set[int], res: Resolution) -> Optional[str]:
    """"Militants attacked troops guarding the country's main export terminal. ... X, in the
    south, is home to a gas terminal": an attack with no place is where one of the next few
    sentences (telling no placed event of its own) says the thing attacked is, a town or site
    that sentence is about (its subject) beside a head noun of the attack's object."""
    t = f.trigger
    objs = [c for c in t.children if c.dep_ in ("dobj", "nsubjpass")] + [
        o for p in t.children if p.dep_ == "prep" and p.lower_ in ("on", "against") for o in p.children if o.dep_ == "pobj"]
    nouns = {w.lemma_.lower() for o in objs for w in o.subtree if w.pos_ == "NOUN" and w.dep_ in HEADS}
    if not nouns:
        return None
    for ahead in (1, 2, 3):
        sent = by_index.get(f.sentence.index + ahead)
        if sent is None or sent.index in placed:
            return None
        if not any(w.pos_ == "NOUN" and w.dep_ in HEADS and w.lemma_.lower() in nouns for w in sent.span):
            continue
        for tok in sent.span:
            eid = res.entity_at(tok)
            if eid and res.kinds.get(eid) == "Location" and specificity(eid, res) == SPECIFIC \
                    and tok.dep_ in ("nsubj", "nsubjpass") and tok.head.pos_ in ("AUX", "VERB"):
                return eid
    return None


OWN_PLACE_PREPS = ("in", "at", "near", "outside", "inside")


def _place_noun(f, res: Resolution) -> Optional[object]:
    """The trigger's definite place noun: the verb's object ("seized the base", "took control of
    the town") or the noun's "on"/"of"/"against" object ("the attack on the camp"), with no place
    name of its own."""
    t = f.trigger
    objs = [c for c in t.children if c.dep_ in ("dobj", "nsubjpass")]
    objs += [o for p in t.children if p.dep_ == "prep" and p.lower_ in ("on", "of", "against")
             for o in p.children if o.dep_ == "pobj"]
    objs += [o for c in objs if c.lemma_.lower() in HOLD_NOUNS for p in c.children
             if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
    # round 40: an attack "fired on the police camp at X" (the parse hangs "at X" on the verb): the frame's place
    # named in the noun's phrase or in a place phrase of the trigger itself is the place told here
    current = set(f.roles.get("location", [])) if f.type == "Attack" else set()  # (a capture's "the base in
    # the X region" still points back to the base told before at a town of X)
    own = [w for p in t.children if p.dep_ == "prep" and p.lower_ in OWN_PLACE_PREPS for w in p.subtree]
    if current and any(res.entity_at(w) in current for w in own):
        return None
    for o in objs:
        if current and any(res.entity_at(w) in current for w in o.subtree):
            continue
        if o.lemma_.lower() in place_nouns() and o.pos_ == "NOUN" \
                and any(d.dep_ == "det" and d.lower_ in DEFINITE for d in o.children) \
                and not any(c.dep_ in ("appos", "compound") and c.ent_type_ or c.dep_ == "prep" and c.lower_ == "of"
                            for c in o.children) \
                and not any(_town(w, res) for p in o.children if p.dep_ == "prep" and p.lower_ in ("in", "at")
                            for w in p.children if w.dep_ == "pobj"):  # "the town of X", "the X camp", "the base in X": a place named here
            return o
    return None


def _town(tok, res: Resolution) -> bool:
    eid = res.entity_at(tok)
    return eid is not None and res.kinds.get(eid) == "Location" and specificity(eid, res) == SPECIFIC


def _place_told_before(f, before: list, res: Resolution) -> Optional[str]:
    """"... an attack on an army camp in the village of X. Militants briefly seized the base in
    the Y region": the base is the camp at X, told at the nearest attack or capture before with a
    place of its own (a town, a base), in the same country as the broader place named now."""
    if _place_noun(f, res) is None:
        return None
    current = f.roles.get(ROLE_OF[f.type], [])
    countries = {res.countries.get(e) for e in current} - {None}
    for g in sorted(before, key=lambda g: g.sentence.index, reverse=True):
        if g.sentence.index >= f.sentence.index or g.sentence.index == 0 or g.type not in ROLE_OF:
            continue
        fine = [e for e in g.roles.get(ROLE_OF[g.type], []) if specificity(e, res) == SPECIFIC]
        if fine:
            place = fine[0]
            if countries and res.countries.get(place) not in countries | {None}:
                return None
            return place
    return None


def dateline_town(sentences: list[Sentence], res: Resolution) -> Optional[str]:
    """The town of the article's dateline ("CITY, Country, Dec. 3 -"), where the report's "here"
    is in any later sentence (round 15); None without a dateline naming a town."""
    dateline = _dateline(sentences, res)
    return dateline[0] if dateline is not None else None


def _dateline(sentences: list[Sentence], res: Resolution) -> Optional[tuple[str, Optional[str], int]]:
    """The dateline's place, the country it names (its ISO code, by the text "PLACE, COUNTRY"
    when it names one), and its sentence: a "DATELINE=" line, or "CITY, Country --" before a lead."""
    for sent in sentences[:8]:
        span = sent.span
        if sent.text.lstrip().upper().startswith("DATELINE"):
            part = span
        else:
            end = body_start(span)
            if end == span.start:
                continue
            part = span[:end - span.start]
        places = [e for e in dict.fromkeys(res.entity_at(t) for t in part) if e and res.kinds.get(e) in ("Location", "Country")]
        towns = [e for e in places if res.kinds[e] == "Location" and specificity(e, res) == SPECIFIC]
        states = [e for e in places if res.kinds[e] == "Country"]
        if towns:
            country = res.countries.get(states[0]) if states else res.countries.get(towns[0])
            return towns[0], country, sent.index
        return None
    return None


def _dateline_place(f, role: str, dateline: tuple[str, Optional[str], int], by_index: dict[int, Sentence],
                    res: Resolution) -> Optional[str]:
    place, country, where = dateline
    current = f.roles.get(role, [])
    if not current or place in current or country is None:
        return None
    if any(res.countries.get(e) != country for e in current):
        return None
    coarse = all(specificity(e, res) < SPECIFIC for e in current)
    borrowed = not any(res.entity_at(t) in current for t in f.sentence.span)
    if not (coarse or borrowed):
        return None
    if _named_near(place, f, by_index, where, res):
        return place
    return None


def _named_near(place: str, f, by_index: dict[int, Sentence], dateline_sentence: int, res: Resolution) -> bool:
    """The dateline's place named again in the body, in the event's sentence or the few after it."""
    for idx in range(f.sentence.index, f.sentence.index + NEAR + 1):
        sent = by_index.get(idx)
        if sent is not None and idx != dateline_sentence and any(res.entity_at(t) == place for t in sent.span):
            return True
    return False
