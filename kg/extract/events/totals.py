"""A total of several events told as one: no event of its own (round 33).

GUIDELINES scores single events; a figure of a campaign's total is none ("Fighting over months is
not one attack"). A report sums events up in the present perfect, the tense of a tally running to
the report's day, over a plural of what was done: "Since <day>, the army has conducted four
airstrikes in X, killing 10" (a count of attacks), "a campaign that has driven the insurgents from
their strongholds in the province" (a plural of places taken). Read from the clause's content, not
its words: the clause of the trigger (the trigger's own verb, or the verb a participle of outcome
hangs on: "..., killing 10") is in the present perfect, and what the event is done to is a plural
common noun naming no place itself: an event noun counted by a number of two or more (Attack), or
the places taken (Capture: the object, or what the holder was driven "from"). Named places ("have
taken the towns of A and B", "have seized A and B") and a single event ("has retaken the town"),
a past tense ("conducted four airstrikes on Monday" tells a day's strikes) or a time point of the
clause's own ("has carried out two raids on Monday") keep the event.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from kg.extract.events.frame import Frame
from kg.extract.events_data import events_yaml

POINT_TIMES = frozenset({"DATE", "TIME"})
CLAUSES = frozenset({"advcl", "relcl", "ccomp", "xcomp", "conj", "parataxis", "acl", "csubj"})


@lru_cache(maxsize=1)
def _attack_nouns() -> frozenset[str]:
    return frozenset(n.lower() for n in (events_yaml().get("Attack") or {}).get("nouns", []))


def _clause_verb(trigger: Token) -> Token:
    """The verb whose tense tells the event: the trigger, or for a participle of outcome ("...,
    killing 10"; "..., injuring one") the verb it hangs on."""
    if trigger.tag_ == "VBG" and trigger.dep_ in ("advcl", "xcomp", "conj") and trigger.head.pos_ in ("VERB", "AUX"):
        return trigger.head
    return trigger


def _present_perfect(verb: Token) -> bool:
    return verb.pos_ in ("VERB", "AUX") and any(c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in ("VBZ", "VBP")
                                                for c in verb.children) \
        and not any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children)


def _number(tok: Token) -> float | None:
    for c in tok.children:
        if c.dep_ == "nummod" and c.like_num:
            try:
                return float(c.text.replace(",", ""))
            except ValueError:
                words = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                         "ten": 10, "dozens": 24, "several": 3}
                return words.get(c.lower_)
    return None


def _names_a_place(tok: Token) -> bool:
    """A plural object that names its places itself ("the towns of A and B", "three towns, A and B")."""
    return any(c.dep_ in ("prep", "appos", "conj") and any(t.ent_type_ or t.pos_ == "PROPN" for t in c.subtree)
               and (c.dep_ != "prep" or c.lower_ == "of") for c in tok.children) or bool(tok.ent_type_)


def _own_point_time(verb: Token) -> bool:
    """A time point told in the clause itself, not the start of the span ("since April 23") nor a
    time of another clause hung on it ("..., two months after troops arrived")."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in ("since", "from") or c.dep_ in CLAUSES:
            continue
        if any(t.ent_type_ in POINT_TIMES for t in c.subtree):
            return True
    return False


@lru_cache(maxsize=1)
def _expel_verbs() -> frozenset[str]:
    return frozenset(v.lower() for v in (events_yaml().get("Capture") or {}).get("expel_verbs", []))


def _done_to(frame: Frame, verb: Token) -> list[Token]:
    """What the event is done to: the object; for a capture told by expelling the holder ("drove
    X from Y"), the place it was driven from (the object is the holder)."""
    if frame.type == "Capture" and verb.lemma_.lower() in _expel_verbs():
        return [p for c in verb.children if c.dep_ == "prep" and c.lower_ in ("from", "out", "of")
                for p in c.children if p.dep_ == "pobj"]
    return [c for c in verb.children if c.dep_ in ("dobj", "obj")]


def total_of_events(frame: Frame) -> bool:
    """The frame tells a sum of several events in the present perfect (see the module)."""
    if frame.type not in ("Attack", "Capture") or frame.modality != "asserted" or frame.nominal:
        return False
    verb = _clause_verb(frame.trigger)
    if not _present_perfect(verb) or _own_point_time(verb):
        return False
    for obj in _done_to(frame, verb):
        if obj.tag_ != "NNS" or _names_a_place(obj):
            continue
        if frame.type == "Attack":
            n = _number(obj)
            if obj.lemma_.lower() in _attack_nouns() and n is not None and n >= 2:
                return True
        elif frame.type == "Capture":
            return True
    return False


def totals_dropped(frames: list[Frame]) -> list[Frame]:
    """The frames without the totals of several events (kept in order)."""
    return [f for f in frames if not total_of_events(f)]
