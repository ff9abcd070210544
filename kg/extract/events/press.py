"""Events of another domain read as conflict events: a briefing of the press is no meeting (round 33).

GUIDELINES counts a Meeting between parties of the conflict (people, states, bodies). A verb or noun
of meeting whose other party, the one met, is the press ("briefed reporters", "met briefly with
local reporters after meeting with X", "a meeting with journalists") tells a briefing: news work,
not a meeting of the conflict's parties. Read from the event's own content, not its wording: the
trigger's own object and its own "with" phrase (and their conjuncts), not a clause hung on it
("after meeting with X" is that other meeting's), are all people of the press (events.yaml
`press_event.press_nouns`). A meeting with a party and the press ("met X and reporters") stays.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from kg.extract.events.frame import Frame
from kg.extract.events_data import events_yaml


@lru_cache(maxsize=1)
def press_nouns() -> frozenset[str]:
    return frozenset(w.lower() for w in (events_yaml().get("press_event") or {}).get("press_nouns", []))


def _conjuncts(tok: Token) -> list[Token]:
    out, todo = [], [tok]
    while todo:
        t = todo.pop()
        out.append(t)
        todo.extend(c for c in t.children if c.dep_ == "conj")
    return out


def met_parties(trigger: Token) -> list[Token]:
    """The heads of the party the trigger's own clause says was met: its object ("briefed X") and
    the object of its own "with" ("met with X", "a meeting with X"), with their conjuncts."""
    heads: list[Token] = []
    for c in trigger.children:
        if c.dep_ in ("dobj", "obj"):
            heads.extend(_conjuncts(c))
        elif c.dep_ == "prep" and c.lower_ == "with":
            for p in c.children:
                if p.dep_ == "pobj":
                    heads.extend(_conjuncts(p))
    return heads


def press_briefing(frame: Frame) -> bool:
    """The meeting told only with the press: every party its trigger names as met is a press noun."""
    if frame.type != "Meeting":
        return False
    heads = met_parties(frame.trigger)
    words = press_nouns()
    return bool(heads) and all(h.lemma_.lower() in words or h.lower_ in words for h in heads)


def press_briefings_dropped(frames: list[Frame]) -> list[Frame]:
    """The frames without the briefings of the press (kept in order)."""
    return [f for f in frames if not press_briefing(f)]
