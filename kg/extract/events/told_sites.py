"""An attack on a definite site or area its sentence does not name, placed by the site told before (round 45).

"It was police who ended the attack on the embassy" (the X Embassy named in the sentence before), "He ordered an
offensive to regain control of the breakaway area" (the breakaway region of X named before): the attack's object
is a definite noun ("the embassy", "the area") with no name, so the rule read no place and the merge dropped the
attack (no place, no figure). Such a noun points back at the site or area told before it: a name that ends in the
same noun ("the X Embassy"), or the same noun told with its place ("the region of X", "the X region"; the area
nouns stand for one another), nearest first, in its own sentence before it or in the two sentences before;
none when nothing so named is told there (kg/data/events.yaml ``r45_told_sites``).
"""

from __future__ import annotations

from typing import Iterable, Optional

from spacy.tokens import Token

from kg.extract.events_data import events_yaml

_DATA = events_yaml().get("r45_told_sites", {})
SITES = frozenset(_DATA.get("sites", []))
AREAS = frozenset(_DATA.get("areas", []))
REGAIN_VERBS = frozenset(_DATA.get("regain_verbs", []))


def definite_site(tok: Token) -> bool:
    """"the embassy", "the breakaway area": a site or area noun with "the" or "this", no name of its own."""
    lemma = tok.lemma_.lower()
    return tok.pos_ == "NOUN" and (lemma in SITES or lemma in AREAS) and any(
        c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children) and not any(
        c.dep_ in ("compound", "poss") and c.pos_ == "PROPN" for c in tok.children)


def purpose_objects(tok: Token) -> list[Token]:
    """"an offensive to regain control of the area": the objects of an attack noun's purpose clause (the object of
    its "control of", else its direct object)."""
    out: list[Token] = []
    for c in tok.children:
        if c.dep_ not in ("acl", "relcl", "advcl") or c.lemma_.lower() not in REGAIN_VERBS \
                or not any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
            continue
        for o in c.children:
            if o.dep_ != "dobj":
                continue
            if o.lemma_.lower() == "control":
                out += [g for p in o.children if p.dep_ == "prep" and p.lower_ == "of"
                        for g in p.children if g.dep_ == "pobj"]
            else:
                out.append(o)
    return out


def _same_noun(a: str, b: str) -> bool:
    return a == b or (a in AREAS and b in AREAS)


def site_told_before(noun: Token, sent, before: Iterable, res, kind) -> Optional[str]:
    """The place a definite site or area noun points back at (see the module's docstring); ``sent`` is the noun's
    sentence, ``before`` the sentences before it (nearest last), ``kind`` the entity kind reader."""
    lemma = noun.lemma_.lower()
    spans = [list(noun.doc[sent.span.start:noun.i])] + [list(s.span) for s in reversed(list(before))]
    for tokens in spans:
        for t in reversed(tokens):
            eid = res.entity_at(t)
            if eid and kind(eid) in ("Location", "Organization") and t.pos_ == "PROPN" \
                    and t.lemma_.lower() == lemma and _last_of(t, eid, res).i == t.i:
                return eid  # "the X Embassy"
            if t.pos_ == "NOUN" and _same_noun(t.lemma_.lower(), lemma):
                named = _named_place(t, res, kind)
                if named:
                    return named
    return None


def _last_of(t: Token, eid: str, res) -> Token:
    last = t
    while last.i + 1 < len(last.doc) and res.entity_at(last.doc[last.i + 1]) == eid:
        last = last.doc[last.i + 1]
    return last


def _named_place(t: Token, res, kind) -> Optional[str]:
    """"the region of X", "the X region": the place a site or area noun is told with."""
    for c in t.children:
        if c.dep_ in ("compound", "poss", "nmod"):
            eid = res.entity_at(c)
            if eid and kind(eid) == "Location":
                return eid
        if c.dep_ == "prep" and c.lower_ == "of":
            for o in c.children:
                eid = res.entity_at(o) if o.dep_ == "pobj" else None
                if eid and kind(eid) == "Location":
                    return eid
    return None
