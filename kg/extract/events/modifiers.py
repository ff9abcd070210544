"""A state named only to say whose an official is, is not an actor of its own (round 22).

"Z met today with Xland's King Y", "Z met with Xland (XL) President Y", "along with Xland's Minister
for Z and W Y": the rules that read a meeting's "with" phrase, or a possessive, take the state as well
as the person, and the meeting gets the state as a participant beside its own official. Where the
report names a state followed only by a title ("'s", a parenthesised short name, up to six title
words: "King", "President", "Minister for Z and W") and then a person who is an actor of the same
event, the state is taken out of the event's actor roles, when two actors are left. A state named on
its own ("officials of Xland and Yland met", "Xland and Yland held talks with Y") stays. (A state
named as the adjective of a unit, "Xland Marines", given as a deployment's agent is left: the
guidelines allow both, docs/agreement.md (c5).)
"""

from __future__ import annotations

from kg.extract.events.frame import Frame
from kg.extract.nlp import Sentence
from kg.extract.resolve import Resolution

ROLES = ("participants", "perpetrator", "target", "captor", "former", "supporter")
TITLE_WORDS_AT_MOST = 6  # "Xland's Minister for Safety and Security Y"
TITLE_POS = frozenset({"PROPN", "NOUN", "ADJ", "ADP", "CCONJ", "PART"})


def _official_after(tok, res: Resolution, eid: str):
    """The person named after a state's last word by a title alone: "Xland's King Y", "Xland
    President Y", "Xland (XL) President Y", "Xland's Minister for Z and W Y"."""
    doc = tok.doc
    i, words = tok.i + 1, 0
    end = min(len(doc), tok.sent.end if tok.sent is not None else len(doc))
    while i < end and words <= TITLE_WORDS_AT_MOST:
        t = doc[i]
        other = res.entity_at(t)
        if other == eid:
            i += 1
            continue
        if other is not None:
            return other if res.kinds.get(other) == "Person" and words > 0 else None
        if t.text == "(":  # "Xland (XL) President Y": the state's short name, however it was typed
            close = next((j for j in range(i + 1, min(i + 4, end)) if doc[j].text == ")"), None)
            if close is None:
                return None
            i = close + 1
            continue
        if t.lower_ in ("'s", "\u2019s"):
            i += 1
            continue
        if t.pos_ not in TITLE_POS or words == 0 and t.pos_ not in ("PROPN", "NOUN"):
            return None  # ("Xland and Y", "Xland in Y": no title)
        i, words = i + 1, words + 1
    return None


def _modifier_states_dropped(merged: list[Frame], sentences: list[Sentence], res: Resolution) -> None:
    for f in merged:
        actors = {e for r in ROLES for e in f.roles.get(r, [])}
        states = {e for e in actors if res.kinds.get(e) == "Country"}
        if not states or len(actors) < 3:
            continue  # (two actors left at least)
        modifiers = set()
        for tok in (t for sent in sentences for t in sent.span):  # (merged tellings may name the official elsewhere)
            eid = res.entity_at(tok)
            last = tok.i + 1 == len(tok.doc) or res.entity_at(tok.doc[tok.i + 1]) != eid
            if eid in states and last:
                if _official_after(tok, res, eid) in actors:
                    modifiers.add(eid)
        for r in ROLES:
            if f.roles.get(r) and modifiers & set(f.roles[r]):
                f.roles[r] = [e for e in f.roles[r] if e not in modifiers]
