"""The supporter of a capture told in a sentence of its own (round 17).

"The Zarkan Front have taken control of X. The Front was assisted by the Nordic Brigade." /
"... fled as Velan troops backing the Front advanced" / "Precision coalition air support enabled the
Front's advance": a capture that names no supporter is supported by the actor its report tells
backing, assisting, supporting or helping the capture's captor, in any sentence: a support verb of
events.yaml (``support_verbs``) whose patient (the passive's subject, the noun it modifies, or the
object of the active verb) is the captor and whose agent (``by`` X, the verb's subject, the noun the
verb modifies) is another actor; or a support noun (``support_nouns``) of X ("X air support", "help
from X") in a clause whose subject or object's owner is the captor. One such actor only; never the
captor, nor the capture's former holder, nor a side the captor is told attacking or fighting.
"""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from kg.extract.events.frame import Frame
from kg.extract.events.triggers import Triggers
from kg.extract.events.words import ACTORS
from kg.extract.nlp import Sentence
from kg.extract.resolve import Resolution

_OWNER_DEPS = ("compound", "poss", "amod", "nmod")
_NAMING = ("know", "call", "name")


def _by_last_word(tok: Token, res: Resolution) -> Optional[str]:
    """The one actor of the report whose name ends in this common noun ("the coalition", "the front")."""
    if tok.pos_ != "NOUN":
        return None
    word = tok.lower_
    found = {e.id for e in res.entities if res.kinds.get(e.id) in ACTORS and e.name.lower().split()[-1:] == [word]}
    return found.pop() if len(found) == 1 else None


def _actor(tok: Optional[Token], res: Resolution) -> Optional[str]:
    """The actor a noun phrase names: its head, else a name inside it ("the X's advance", "X airstrikes",
    "a group known as X"), else the one actor of the report named by a head word of it ("coalition support")."""
    if tok is None:
        return None
    eid = res.entity_at(tok)
    if eid is None:
        for c in tok.children:
            if c.dep_ in _OWNER_DEPS:
                eid = res.entity_at(c)
                if eid is not None:
                    break
    if eid is None:  # "an Islamist group known as X"
        for c in tok.children:
            if c.dep_ == "acl" and c.lemma_.lower() in _NAMING:
                eid = next((res.entity_at(o) for o in c.subtree if res.entity_at(o)), None)
                if eid is not None:
                    break
    if eid is None:
        for c in [tok] + [c for c in tok.children if c.dep_ == "compound"]:
            eid = _by_last_word(c, res)
            if eid is not None:
                break
    return eid if eid is not None and res.kinds.get(eid) in ACTORS else None


def _pobjs(tok: Token, prep: str) -> list[Token]:
    return [o for c in tok.children if c.dep_ in ("prep", "agent") and c.lower_ == prep
            for o in c.children if o.dep_ == "pobj"]


def _conj(toks: list[Token]) -> list[Token]:
    out = list(toks)
    for t in toks:
        out += [c for c in t.children if c.dep_ == "conj"]
    return out


def _pairs(tok: Token, res: Resolution, base, verbs: frozenset[str], nouns: frozenset[str]) -> list[tuple[str, str]]:
    """(backer, backed) pairs of actors one support word tells."""
    backers: list[Token] = []
    backed: list[Token] = []
    if tok.pos_ == "VERB" and base(tok) in verbs:
        by = _pobjs(tok, "by")
        if by:  # "X was assisted by Y", "X, backed by Y,"
            backers = by
            backed = [c for c in tok.children if c.dep_ in ("nsubjpass", "nsubj")]
            if not backed and tok.dep_ in ("acl", "relcl"):
                backed = [tok.head]
        else:  # "Y backing X advanced", "Y supported X"
            backed = [c for c in tok.children if c.dep_ == "dobj"]
            backers = [c for c in tok.children if c.dep_ == "nsubj"]
            if not backers and tok.dep_ in ("acl", "relcl") and tok.tag_ == "VBG":
                backers = [tok.head]
    elif tok.pos_ == "NOUN" and tok.lemma_.lower() in nouns:
        backers = [tok] + _pobjs(tok, "from")  # "coalition air support", "help from Y airstrikes"
        clause = tok.head
        while clause.dep_ not in ("ROOT",) and clause.pos_ != "VERB" and clause.head.i != clause.i:
            clause = clause.head
        given = _pobjs(tok, "to") + _pobjs(tok, "for")
        if given and clause.pos_ == "VERB":  # "the coalition will continue its support to X"
            backed = given
            backers += [c for c in clause.children if c.dep_ == "nsubj"]
        elif clause.pos_ == "VERB":
            for c in clause.children:
                if c.dep_ in ("nsubj", "nsubjpass") and c is not tok and tok not in c.subtree:
                    backed.append(c)
                elif c.dep_ == "dobj" and tok not in c.subtree:
                    backed += [c] + [p for p in c.children if p.dep_ == "poss"]  # "enabled X's advance"
            if not backed and clause.dep_ in ("xcomp", "advcl", "pcomp", "conj"):
                up = clause.head
                while up.pos_ != "VERB" and up.head.i != up.i:
                    up = up.head
                backed = [c for c in up.children if c.dep_ == "nsubj"]  # "X tried ... until receiving help from Y"
    if not backers or not backed:
        return []  # (no pair without both sides)
    out = []
    for b in _conj(backers):
        be = _actor(b, res)
        if be is None:
            continue
        for d in _conj(backed):
            de = _actor(d, res)
            if de is not None and de != be:
                out.append((be, de))
    return out


#: (id(triggers), support verbs) -> (the triggers, the forms whose base is a support verb)
_SUPPORT_FORMS: dict[tuple[int, frozenset[str]], tuple[Triggers, frozenset[str]]] = {}


def _open(f: Frame) -> bool:
    """An asserted capture with a captor and no supporter: the one kind of frame this rule fills."""
    return f.type == "Capture" and f.modality == "asserted" and not f.filled("supporter") and f.filled("captor")


def _supporter_told_apart(frames: list[Frame], sentences: list[Sentence], res: Resolution,
                          base, support_verbs: frozenset[str], support_nouns: frozenset[str]) -> None:
    if not any(_open(f) for f in frames):
        return  # (no capture to name a supporter of: the report's words need not be read)
    # a support verb's base is forms.get(lower) or its lemma, lower-cased (Triggers.base): a sentence with no
    # word of such a base, nor a support noun's lemma, gives no pair (for another ``base``, every sentence is read)
    triggers = getattr(base, "__self__", None)
    forms = None
    if isinstance(triggers, Triggers) and base.__func__ is Triggers.base:
        key = (id(triggers), support_verbs)
        kept = _SUPPORT_FORMS.get(key)
        if kept is None or kept[0] is not triggers:
            kept = _SUPPORT_FORMS[key] = (triggers, frozenset(f for f, b in triggers.forms.items() if b in support_verbs))
        forms = kept[1]
    told: list[tuple[str, str]] = []
    for sent in sentences:
        if forms is not None and sent.lemmas.isdisjoint(support_verbs) and sent.lemmas.isdisjoint(support_nouns) \
                and not any(f in sent.lowered for f in forms):
            continue
        for tok in sent.span:
            told += _pairs(tok, res, base, support_verbs, support_nouns)
    if not told:
        return
    enemies: set[frozenset[str]] = set()
    for f in frames:
        for a in f.roles.get("perpetrator", []) + f.roles.get("captor", []):
            for b in f.roles.get("target", []) + f.roles.get("former", []):
                enemies.add(frozenset((a, b)))
    for f in frames:
        if not _open(f):
            continue
        captors = set(f.roles["captor"])
        others = captors | set(f.roles.get("former", []))
        found = {b for b, d in told if d in captors and b not in others
                 and not any(frozenset((b, c)) in enemies for c in captors)}
        if len(found) == 1:
            f.add("supporter", found.pop())
