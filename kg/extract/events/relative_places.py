"""A state or division told only as the reference of an unnamed part of it is not the event's place (round 33).

GUIDELINES anchors an attack at its most specific place, and an attack the text places nowhere by
name is no gold event. "Two bombs killed four people in the eastern part of X", "targeted militants
in other areas of the district": the event happened at an unnamed part of a state or division that
the text locates by X ("the eastern part of", "other areas of"); X, a whole state or division, is
not where it happened. Read from the event's own place argument, whatever the trigger: every mention
of an anchor place in the event's sentence is such a reference, so it is not the event's anchor; an
attack left with no place is not output (as an attack its report places nowhere). A part of a town
stays in the town ("the eastern part of the city"). A bearing's reference point ("a village 30 km
south of X") is left to places.py, which places the event at X when the sentence names no other
place (round 11); "a village southwest of X was hit" (realnews dev F, no gold event) was tried here
and taken back for that rule.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from kg.extract.events.frame import Frame
from kg.extract.events.one_event import ANCHOR
from kg.extract.events_data import events_yaml
from kg.extract.places import SPECIFIC, specificity
from kg.extract.resolve import Resolution


@lru_cache(maxsize=1)
def _settings() -> dict:
    return events_yaml().get("relative_place") or {}


def _words(key: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _settings().get(key, []))


def _reference(tok: Token, eid: str, res: Resolution) -> bool:
    """The place's mention ``tok`` locates another, unnamed place: "the eastern part of X", "other
    areas of X" (X a state or division)."""
    head = tok
    while head.dep_ in ("compound", "flat", "amod") and head.head is not head:
        head = head.head  # "of the X district": the phrase's last word
    if head.dep_ != "pobj":
        return False
    prep = head.head
    if prep.lower_ != "of":
        return False
    ref = prep.head
    return ref.lemma_.lower() in _words("parts") and specificity(eid, res) < SPECIFIC


def _mentions(f: Frame, eid: str, res: Resolution) -> list[Token]:
    return [t for t in f.sentence.span if res.entity_at(t) == eid]


def relative_places_dropped(frames: list[Frame], res: Resolution) -> list[Frame]:
    """Anchor places told only as references taken out; attacks left with no place dropped."""
    out: list[Frame] = []
    for f in frames:
        role = ANCHOR.get(f.type)
        places = f.roles.get(role, []) if role else []
        if f.type == "Attack" and places:
            kept = [e for e in places
                    if not ((toks := _mentions(f, e, res)) and all(_reference(t, e, res) for t in toks))]
            if not kept:
                continue
            f.roles[role] = kept
        out.append(f)
    return out
