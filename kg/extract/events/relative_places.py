"""A place told only as the reference of another, unnamed place is not the event's place (round 33).

GUIDELINES anchors an attack at its most specific place, and an attack the text places nowhere by
name is no gold event. "A village southwest of X was hit", "two bombs killed four people in the
eastern part of X", "targeted militants in other areas of the district": the event happened at an
unnamed place that the text locates by X, a bearing ("southwest of") or a part of a state or
division ("the eastern part of", "other areas of"); X is not where it happened. Read from the
event's own place argument, whatever the trigger: every mention of an anchor place in the event's
sentence is such a reference, so it is not the event's anchor; an attack left with no place is not
output (as an attack its report places nowhere). A bearing counts only where it locates a place the
text names by a noun (a village, a base: events.yaml `place_nouns`); "a bomb detonated north of X"
names no nearer place, and X is the place (the gold's convention). A town named after "near" or
"outside" stays the place ("an ambush near X", "an attack on a checkpoint outside X": the gold
places both at X), as does a part of a town ("the eastern part of the city" is in the city).
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


@lru_cache(maxsize=1)
def _place_nouns() -> frozenset[str]:
    return frozenset(w.lower() for w in events_yaml().get("place_nouns", []))


def _a_place_noun(tok: Token) -> bool:
    """A place noun, singular or plural (the tagger's lemma of "bases" may be "basis")."""
    words, w = _place_nouns(), tok.lower_
    return tok.pos_ == "NOUN" and (tok.lemma_.lower() in words or w in words or w.endswith("s") and w[:-1] in words)


def _locates_a_place(word: Token) -> bool:
    """The bearing locates an unnamed place the text names by a noun: "a village southwest of X"
    (the noun on the bearing), "bombed a base north of X" (the verb's object or subject).
    "killed north of X" locates nothing else: X is the nearest place told."""
    near = [word.head, *word.children]
    if word.head.pos_ in ("VERB", "AUX"):
        near += [c for c in word.head.children if c.dep_ in ("dobj", "nsubjpass", "nsubj")]
    return any(t is not word and _a_place_noun(t) for t in near)


def _reference(tok: Token, eid: str, res: Resolution) -> bool:
    """The place's mention ``tok`` locates another, unnamed place: "a village southwest of X",
    "the eastern part of X" (X a state or division)."""
    head = tok
    while head.dep_ in ("compound", "flat", "amod") and head.head is not head:
        head = head.head  # "of the X district": the phrase's last word
    if head.dep_ != "pobj":
        return False
    prep = head.head
    if prep.lower_ != "of":
        return False
    ref = prep.head
    if ref.lower_ in _words("bearings") or ref.lemma_.lower() in _words("bearings"):
        return _locates_a_place(ref)
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
