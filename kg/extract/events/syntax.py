"""Small walks of the dependency parse shared by every rule: conjuncts, prepositions, subjects.

Part of ``ctx._Ctx``.
"""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from kg.extract.events.words import OBJECT_CONTROL, PRONOUNS, RELATIVES, TROOP_OBJECTS


class Syntax:
    """Walks of the parse: conjuncts, prepositions, children, the subject and governing verb."""

    @staticmethod
    def agrees(pronoun: Token, noun: Token) -> bool:
        """"it"/"its" and a singular common noun, "they"/"their" and a plural one."""
        if noun.pos_ not in ("NOUN", "PROPN") or noun.lower_ in PRONOUNS:
            return False
        if pronoun.lower_ in ("it", "its"):
            return noun.tag_ in ("NN", "NNP")
        return pronoun.lower_ in ("they", "their", "them") and noun.tag_ in ("NNS", "NNPS")

    @staticmethod
    def relative_head(tok: Token) -> Token:
        """"X and Y, which were taken": the relative pronoun's antecedent."""
        if tok.lower_ in RELATIVES and tok.head.dep_ == "relcl":
            return tok.head.head
        return tok

    def expand(self, tok: Token) -> list[Token]:
        """A token and its conjuncts ("X and Y")."""
        out = [tok]
        for c in tok.conjuncts:
            if c.i > tok.i:
                out.append(c)
        return out

    # ----- grammar
    @staticmethod
    def preps(tok: Token) -> dict[str, list[Token]]:
        out: dict[str, list[Token]] = {}
        for child in tok.children:
            if child.dep_ in ("prep", "agent", "dative"):
                for pobj in child.children:
                    if pobj.dep_ in ("pobj", "pcomp"):
                        out.setdefault(child.lower_, []).append(pobj)
                    elif pobj.dep_ == "conj" and pobj.pos_ == "ADP":  # "in and around X"
                        for p2 in pobj.children:
                            if p2.dep_ == "pobj":
                                out.setdefault(child.lower_, []).append(p2)
                                out.setdefault(pobj.lower_, []).append(p2)
                    elif pobj.dep_ == "prep":  # "along with X"
                        for p2 in pobj.children:
                            if p2.dep_ == "pobj":
                                out.setdefault(pobj.lower_, []).append(p2)
        return out

    @staticmethod
    def child(tok: Token, *deps: str) -> Optional[Token]:
        for c in tok.children:
            if c.dep_ in deps:
                return c
        return None

    def subject(self, verb: Token) -> Optional[Token]:
        """The active subject, or the by-agent of a passive, climbing through xcomp/advcl/conj."""
        v = verb
        for _ in range(3):
            subjects = [c for c in v.children if c.dep_ == "nsubj"]
            in_body = [c for c in subjects if c.i >= self.body_start]  # not the dateline's "CITY"
            s = in_body[0] if in_body else next(
                (c for c in subjects[0].children if c.i >= self.body_start and c.pos_ in ("NOUN", "PROPN")
                 and c.dep_ not in ("npadvmod", "nummod")), None) if subjects else None
            # ("CITY — X forces ... retook": X forces, whether parsed as a second subject or an apposition;
            # the noun after the dateline, not its date: "CITY, Feb 20 (Agency) - 800 soldiers arrived", also
            # when the parser hangs it on the city in another way)
            if s is not None:
                return s
            by = self.preps(v).get("by")
            if by and (self.child(v, "auxpass", "nsubjpass") is not None or v.tag_ == "VBN"):
                return by[0]
            if self.child(v, "nsubjpass", "auxpass") is not None:
                return None  # a passive with no by-agent names no agent, also when the parser lost its subject
                # ("The military says 12 soldiers were killed in the attack", "killed" a conj of "says": round 11)
            if v.dep_ == "xcomp" and v.head.lemma_ == "help":
                helped = self.child(v.head, "dobj")  # "help Iraqi forces retake X"
                if helped is not None:
                    return helped
            if v.dep_ in ("xcomp", "ccomp") and v.head.lemma_.lower() in OBJECT_CONTROL:
                asked = self.child(v.head, "dobj")  # "X asked Y to send troops": Y would send them (round 11)
                if asked is not None:
                    return asked
            if v.dep_ == "advcl" and v.head.lemma_.lower() in OBJECT_CONTROL and self.child(v, "aux") is not None \
                    and self.child(v, "aux").lower_ == "to":
                asked = self.child(v.head, "dobj")  # round 50: "I directed a number of X forces to deploy to Y",
                if asked is not None and any(w.lemma_.lower() in TROOP_OBJECTS for w in asked.subtree):  # the
                    return asked  # infinitive parsed as a clause of purpose: the troops ordered are the ones who go
            if v.dep_ in ("xcomp", "advcl", "conj") and v.head.i != v.i:
                v = v.head
                continue
            if v.dep_ == "acomp" and v.pos_ == "ADJ" and v.head.i != v.i:
                v = v.head  # "it was ready (willing, able) to deploy troops": its subject (round 11)
                continue
            if v.dep_ == "pcomp" and v.tag_ == "VBG" and v.head.lower_ in ("after", "before", "since", "while", "by"):
                up = next((a for a in v.head.ancestors if a.pos_ in ("VERB", "AUX")), None)
                if up is not None:  # "X captured Y, a week after taking Z": X took Z
                    v = up
                    continue
            break
        return None

    def governing_verb(self, noun: Token, steps: int = 4) -> Optional[Token]:
        t = noun
        for _ in range(steps):
            if t.head.i == t.i:
                return None
            t = t.head
            if t.pos_ in ("VERB", "AUX"):
                return t
        return None
