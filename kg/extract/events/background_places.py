"""A background event keeps only the places its own sentence names (round 33).

An event dated a year or more before the report ("In November 2019, an ambush on a convoy ... near
B killed 39", "The deadliest attack came in March 2020, when fighters killed 92 soldiers at a base
on the B peninsula") is history told for context; the rules that lend an event the place of the
sentences around it (the report's scene, the town of the paragraph) tell where the *news* happened,
not where that earlier event did. Read from the event's own date against the report's date, the
same for every type: an event of the type's anchor role whose date ends a year or more before
publication, whose anchor places no word of its own sentence names nor points back to ("retook
it", "the town"), while its own words tell a place by another name ("near B", "on the B
peninsula": a place the rules did not understand), loses them; with no place of its own told ("In
2020, fighters killed 12 villagers" after a sentence on the village) it keeps the place lent; an attack or a
capture left with no place is not output (a place the text does not give is no place; the other
telling of the article, if any, keeps its own).
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Optional

from kg.extract.events.frame import Frame
from kg.extract.events.one_event import ANCHOR
from kg.extract.events_data import events_yaml
from kg.extract.resolve import Resolution

#: how long before the report an event must end to be history, not news
BACKGROUND_DAYS = 365


def _end(value: str) -> Optional[dt.date]:
    """The last day a date value (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``) covers."""
    try:
        parts = [int(p) for p in value.split("-")[:3]]
    except ValueError:
        return None
    if len(parts) == 1:
        return dt.date(parts[0], 12, 31)
    if len(parts) == 2:
        y, m = parts
        return dt.date(y + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1)
    try:
        return dt.date(*parts)
    except ValueError:
        return None


def background(f: Frame, published: Optional[dt.date]) -> bool:
    if published is None or f.date is None or not f.date.value:
        return False
    end = _end(str(f.date.value))
    return end is not None and (published - end).days >= BACKGROUND_DAYS


@lru_cache(maxsize=1)
def _place_nouns() -> frozenset[str]:
    return frozenset(w.lower() for w in events_yaml().get("place_nouns", []))


def _points_back(f: Frame) -> bool:
    """The sentence refers to a place told before: "retook it", "fighting there", "the town"."""
    if f.pointed_back:
        return True
    for t in f.sentence.span:
        if t.lower_ in ("it", "there") and t.pos_ in ("PRON", "ADV"):
            return True
        if t.pos_ == "NOUN" and t.lemma_.lower() in _place_nouns() and any(
                c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in t.children):
            return True
    return False


#: prepositions that tell where something happened
PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "on", "outside", "around", "inside"})


def _own_place_told(f: Frame, places: list[str], res: Resolution) -> bool:
    """The event's own words tell a place of their own, by a name the anchor does not hold ("near B",
    "at a base on the B peninsula"): the text says where it happened, and it was somewhere else than
    the place lent from the sentences around it."""
    for t in f.trigger.subtree:
        if t.dep_ != "prep" or t.lower_ not in PLACE_PREPOSITIONS:
            continue
        for w in t.subtree:
            if w.pos_ == "PROPN" and w.ent_type_ not in ("DATE", "TIME") and res.entity_at(w) not in places:
                return True
    return False


def _named_in_sentence(f: Frame, eid: str, res: Resolution) -> bool:
    return any(res.entity_at(t) == eid for t in f.sentence.span)


def background_places_kept_own(frames: list[Frame], res: Resolution, published: Optional[dt.date]) -> list[Frame]:
    out: list[Frame] = []
    for f in frames:
        role = ANCHOR.get(f.type)
        places = f.roles.get(role, []) if role else []
        if places and background(f, published):
            own = [e for e in places if _named_in_sentence(f, e, res)]
            if not own and not _points_back(f) and _own_place_told(f, places, res):
                if f.type in ("Attack", "Capture"):
                    continue
                f.roles.pop(role, None)
        out.append(f)
    return out
