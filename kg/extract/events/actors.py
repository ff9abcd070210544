"""Who an actor is: the entity a token names, following pronouns, relatives, "the group", titles.

Shared by the rules of every event type (part of ``ctx._Ctx``).
"""

from __future__ import annotations

from functools import cached_property
from typing import Optional

from spacy.tokens import Token

from kg.extract.events.described_sides import state_force, words as state_words
from kg.extract.events.words import (
    CROWD_WORDS,
    FORCE_HEADS,
    GOVERNMENT_BODIES,
    GROUP_NOUNS,
    MEMBER_NOUNS,
    NAMED_BY_KIND,
    PART_WORDS,
    PLACES,
    PLACE_NOUNS,
    PRONOUNS,
    RELATIVES,
    TITLE_WORDS,
    WITNESS_NOUNS,
)
from kg.extract.mentions import LINK_WORDS
from kg.extract.places import body_start


#: the verbs ``blamed`` reads (each has its branch there); any other verb blames no one
_BLAMING_VERBS = frozenset(["blame", "accuse", "attribute", "suspect", "hold", "claim"])
#: who may be blamed; an attack blamed by its own noun ("blamed Sunday's attack on X") may also
#: be laid on a person or a body (round 19: "on a deserter colonel", "on the X intelligence service")
_BLAMED_KINDS = ("ArmedGroup", "ArmedForce", "Country")
_BLAMED_BY_NAME = _BLAMED_KINDS + ("Person", "Organization")


class ActorLookup:
    """Entity lookup: the entity a token stands for, and who the sentence blames."""

    # ----- entity lookup
    def kind(self, eid: Optional[str]) -> Optional[str]:
        return self.res.kinds.get(eid) if eid else None

    @cached_property
    def body_start(self) -> int:
        """First token after a dateline ("CITY, Country —", "CITY, June 3 (Agency) -"), which
        names no role."""
        return body_start(self.sent.span)

    def entity(self, tok: Token, kinds: tuple[str, ...], *, modifiers: bool = False, depth: int = 0) -> Optional[str]:
        """The entity a token stands for, following relatives, pronouns and 'the town of X'."""
        if depth > 3 or tok.i < self.body_start:
            return None
        eid = self.res.entity_at(tok)
        if eid and self.kind(eid) in kinds:
            return eid
        if eid and self.kind(eid) == "Person" and any(w.lower_ == "loyal" for w in tok.doc[max(tok.i - 6, 0):tok.i]):
            eid = self.loyal_to(eid, tok)  # "troops loyal to President X": the name stands for X's forces
            return eid if eid and self.kind(eid) in kinds else None
        if tok.lower_ in RELATIVES and tok.head.dep_ == "relcl":
            return self.entity(tok.head.head, kinds, modifiers=modifiers, depth=depth + 1)
        if tok.lower_ in PRONOUNS and tok.pos_ == "PRON":
            return self.antecedent(tok, kinds)
        for child in tok.children:  # "the army chief, Gen. <name>"
            if child.dep_ == "appos" and child.i > tok.i:
                eid = self.res.entity_at(child)
                if eid and self.kind(eid) in kinds:
                    return eid
        if "Person" in kinds and tok.pos_ == "NOUN":
            eid = self.name_after_comma(tok) or self.titled_person(tok)  # the same, when the parser loses the apposition
            if eid:
                return eid
        if (tok.lemma_.lower() in MEMBER_NOUNS or tok.lower_ in CROWD_WORDS or tok.like_num) and any(k not in PLACES for k in kinds):
            for p in self.preps(tok).get("of", []) + self.preps(tok).get("from", []):
                eid = self.entity(p, tuple(k for k in kinds if k not in PLACES), modifiers=modifiers, depth=depth + 1)
                if eid:
                    return eid  # "fighters from the X group", "a unit of the X"
        if any(k not in PLACES for k in kinds) and (tok.lemma_.lower() in MEMBER_NOUNS or tok.lemma_.lower() in FORCE_HEADS):
            for adj in tok.children:  # "fighters loyal to the X", "forces loyal to the Y group"
                if adj.dep_ == "amod" and adj.lower_ == "loyal":
                    for p in self.preps(adj).get("to", []):
                        eid = self.res.entity_at(p)
                        if eid and self.kind(eid) == "Person":
                            eid = self.loyal_to(eid, p)  # "forces loyal to General X": X's forces
                        if eid and self.kind(eid) in ("ArmedGroup", "ArmedForce") and self.kind(eid) in kinds:
                            return eid
        if tok.lemma_.lower() in NAMED_BY_KIND and any(k in kinds for k in PLACES) and not self.preps(tok).get("of") \
                and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
            eid = self.named_with(tok.lemma_.lower())  # "the kingdom": the "Kingdom of X" the report named (round 9)
            if eid and self.kind(eid) in kinds:
                return eid
        if tok.lemma_.lower() in PLACE_NOUNS or tok.lower_ in PART_WORDS:
            for prep in tok.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    for pobj in prep.children:
                        if pobj.dep_ == "pobj":
                            return self.entity(pobj, kinds, depth=depth + 1)
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.pos_ == "NOUN" and any(
                c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children):
            eid = self.fronted_name(tok)  # "X, a railway hub near Y, was recaptured": the parse loses X
            if eid and self.kind(eid) in kinds:
                return eid
        if modifiers:
            found = []
            for child in tok.lefts:
                if child.dep_ in ("compound", "amod", "nmod", "poss", "npadvmod"):
                    eid = self.res.entity_at(child)
                    if eid is None and child.lower_ in ("his", "her") and child.dep_ == "poss" \
                            and tok.lemma_.lower() in FORCE_HEADS and "ArmedForce" in kinds:
                        eid = self.leaders_forces(child)  # "President X said his forces ..."
                    if eid is None and child.lower_ in PRONOUNS and child.dep_ == "poss":
                        eid = self.antecedent(child, kinds)  # "its troops"
                    if eid and self.kind(eid) in kinds:
                        found.append(eid)
            if found:  # "Yemen's Houthi rebels": the armed group, not the state
                best = min(found, key=lambda e: 0 if self.kind(e) in ("ArmedGroup", "ArmedForce") else 1)
                if self.kind(best) == "Country" and tok.lemma_.lower() in FORCE_HEADS and "ArmedForce" in kinds:
                    return self.forces_of(best) or best  # "its troops", "Russia's army": its forces
                return best
        return None

    def group_of(self, subj: Token) -> Optional[str]:
        """An attacker told as "the group" or "the group's fighters": the group named just before."""
        for t in [subj, *[c for c in subj.children if c.dep_ == "poss"]]:
            if self.the_group(t):
                return self.group_told_before(t)
        return None

    def group_by_kind(self, tok: Optional[Token]) -> Optional[str]:
        """Round 13: armed people told by their kind alone ("seized X from rebels", "from Islamic
        militants who have held it since May", "the insurgents attacked ...") are the one armed group
        the report names, when it named it before them (headline included); a report naming two groups
        leaves them unnamed (either could be meant). Not when the words name a side of their own ("Kurdish
        rebels", "government fighters", "rebels of the X movement", "X-linked militants": fighters tied to
        X are not X) or a name is theirs."""
        t = self.finder.t
        if tok is not None and tok.pos_ == "NOUN" and tok.lemma_.lower() in state_words()["nouns"]:
            return self.state_force_by_kind(tok)  # round 31: "troops had freed X"
        if tok is None or tok.pos_ not in ("NOUN", "PROPN") or tok.lemma_.lower() not in t.generic_armed \
                or self.res.entity_at(tok) is not None:
            return None
        for c in tok.children:
            if c.dep_ in ("compound", "nmod", "poss", "amod") and (
                    self.res.entity_at(c) is not None
                    or c.lower_ in LINK_WORDS and any(d.text in ("-", "–") for d in c.children)  # "X-linked"
                    or c.ent_type_ in ("NORP", "GPE", "ORG") and c.lower_ not in t.creeds
                    or c.lower_ in t.state_side or c.lower_ in PRONOUNS):
                return None
            if c.dep_ == "prep" and c.lower_ in ("of", "from") or c.dep_ == "amod" and c.lower_ == "loyal":
                return None
            if c.dep_ == "det" and c.lower_ not in ("the", "these", "those"):
                return None
        start = self.sent.char(tok)
        groups = [e for e in self.res.entities if e.type == "ArmedGroup"]
        if len(groups) != 1 or not any(m.start < start for m in groups[0].mentions):
            return None  # two groups named: "rebels" may be either (or a third)
        return groups[0].id

    def state_force_by_kind(self, tok: Token) -> Optional[str]:
        """Round 31: a state's forces told by their kind alone ("troops had freed X", "after
        intercepting army troops") are the report's one armed force (events/described_sides.py)."""
        if self.sent.index == 0 and not self.sent.text.rstrip().endswith((".", "!", "?", '"')):
            return None  # a headline's "Soldiers killed": telegraphic, the soldiers may be the killed
        return state_force(tok, self.res, self.finder.t.generic_armed)

    def the_group(self, tok: Token) -> bool:
        """"the group", "the militia": an armed group named again by its kind."""
        return tok.lemma_.lower() in GROUP_NOUNS and tok.pos_ == "NOUN" and self.res.entity_at(tok) is None \
            and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children) \
            and not any(c.dep_ in ("compound", "amod", "prep") for c in tok.children)

    def group_told_before(self, tok: Token) -> Optional[str]:
        """The one armed group named before "the group" in its sentence, else in the sentence before
        ("A spokesman for X said the group's fighters killed 20 soldiers": X, round 11)."""
        here = {self.res.entity_at(t) for t in self.sent.span.doc[self.body_start:tok.i]}
        groups = {e for e in here if e and self.kind(e) == "ArmedGroup"}
        if not groups and self.earlier:
            groups = {e for e in self.earlier[-1] if self.kind(e) == "ArmedGroup"}
        return groups.pop() if len(groups) == 1 else None

    def named_with(self, word: str) -> Optional[str]:
        """The one place of the report whose name holds ``word`` ("the kingdom": "Kingdom of X")."""
        found = [e.id for e in self.res.entities if e.type in PLACES
                 and word in {w.lower() for n in [e.name, *e.aliases] for w in n.split()}]
        return found[0] if len(found) == 1 else None

    def loyal_to(self, person: str, tok: Token) -> Optional[str]:
        """"forces loyal to General X": the armed group the report calls X's ("X's National Army");
        "troops loyal to President Y": the one force of Y's state (not of a former president)."""
        ent = self.res.entities[int(person[1:]) - 1]
        surname = ent.name.split()[-1]
        owned = [e.id for e in self.res.entities if e.type in ("ArmedGroup", "ArmedForce")
                 and any(n.startswith((surname + "'s ", surname + "’s ")) for n in [e.name, *e.aliases])]
        if len(owned) == 1:
            return owned[0]
        title = ent.attributes.get("title", "").lower()
        if not any(w in title.split() for w in ("president", "king", "emir")) \
                or any(c.lower_ in ("former", "ousted", "exiled") for c in tok.doc[max(tok.i - 4, 0):tok.i]):
            return None
        code = self.res.countries.get(person) or self.res.dominant_country
        forces = [e.id for e in self.res.entities if e.type == "ArmedForce" and code and self.res.countries.get(e.id) == code]
        return forces[0] if len(forces) == 1 else None

    def titled_person(self, noun: Token) -> Optional[str]:
        """"the admiral", "the general": the one person named before with that title ("Navy Adm.
        X Y ... the admiral met with Z"). A role of several people, or of nobody named, is no one."""
        words = TITLE_WORDS.get(noun.lower_)
        if words is None or not any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children) \
                or any(c.dep_ in ("compound", "amod", "poss", "nmod") for c in noun.children):
            return None
        start = self.sent.char(noun)
        holders = [e.id for e in self.res.entities if e.type == "Person" and e.mentions and e.mentions[0].start < start
                   and any(w in words for w in e.attributes.get("title", "").lower().split())]
        return holders[0] if len(holders) == 1 else None

    def leaders_forces(self, pronoun: Token) -> Optional[str]:
        """"his forces" of a head of state or minister: that state's forces (or the state)."""
        person = self.antecedent(pronoun, ("Person",))
        code = self.res.countries.get(person) if person else None
        if code is None:
            return None
        state = self.res.country_entity(code)
        forces = [e.id for e in self.res.entities if e.type == "ArmedForce" and self.res.countries.get(e.id) == code]
        return forces[0] if len(forces) == 1 else state

    def forces_of(self, state: str) -> Optional[str]:
        """The one armed force of a state that the article names, if it names one."""
        code = self.res.countries.get(state)
        forces = [e.id for e in self.res.entities if e.type == "ArmedForce" and code and self.res.countries.get(e.id) == code]
        return forces[0] if len(forces) == 1 else None

    def blamed(self) -> list[str]:
        """Who this sentence says was behind an attack: "blamed X", "blamed it on X", "X was
        blamed", "accused X of", "X claimed responsibility", "attributed it to X", "X claimed the
        ambush", "police suspect X", "held X responsible"."""
        out: list[str] = []
        forms = getattr(self.finder, "_blaming_forms", None)
        if forms is None:  # the forms of the rules' verbs whose base is a blaming verb (see Triggers.base)
            forms = self.finder._blaming_forms = frozenset(
                f for f, b in self.finder.t.forms.items() if b in _BLAMING_VERBS)
        if self.sent.lemmas.isdisjoint(_BLAMING_VERBS) and not any(f in self.sent.lowered for f in forms):
            return out  # (no word whose base is a blaming verb: forms.get(lower) or the lemma, lower-cased)
        for tok in self.sent.span:
            if tok.pos_ != "VERB":
                continue
            base = self.finder.t.base(tok)
            if base not in _BLAMING_VERBS or self.finder.modality.of(tok) != "asserted":
                continue  # (the verb first: only these few can blame, and the modality costs more)
            cands: list[Token] = []
            kinds = _BLAMED_KINDS
            if base in ("blame", "accuse"):
                preps = self.preps(tok)
                dobj = self.child(tok, "dobj", "nsubjpass")
                on_obj = self.preps(dobj).get("on") if dobj is not None else None
                if dobj is not None and self.trigger_type(dobj)[0] == "Attack" and (preps.get("on") or on_obj):
                    kinds = _BLAMED_BY_NAME  # round 19: "blamed the attack on X", X a person or a body too
                    self.memo["blamed_attack"] = (tok.i, dobj.i)
                if base == "accuse":
                    deed = self.accused_of(tok, dobj)
                    if deed is not None:  # round 49: "accused X of ordering the pipeline attacks"
                        self.memo["accused_attack"] = deed
                if preps.get("on"):
                    cands = preps["on"]
                elif on_obj and self.trigger_type(dobj)[0] == "Attack":
                    cands = on_obj  # "blamed that attack on X", the parse hanging "on X" on the attack
                elif dobj is not None:
                    cands = [dobj]
            elif base == "attribute":
                cands = self.preps(tok).get("to", [])
            elif base == "suspect" or base == "hold" and any(
                    c.dep_ in ("oprd", "acomp", "amod", "advcl", "ccomp") and c.lower_ == "responsible" for c in tok.subtree):
                dobj = self.child(tok, "dobj", "nsubjpass")  # "police suspect X", "held X responsible" (round 9)
                cands = [dobj] if dobj is not None else []
            elif base == "claim" and any(c.dep_ == "dobj" and (c.lemma_.lower() == "responsibility" or
                                                               self.finder.t.nouns.get(c.lemma_.lower()) == "Attack")
                                         for c in tok.children):  # ("claimed the ambush", round 9)
                subj = self.subject(tok)
                cands = [subj] if subj is not None else []
            for c in cands:
                for one in self.expand(c):
                    eid = self.entity(one, kinds, modifiers=True)
                    if eid and eid not in out:
                        out.append(eid)
        return out

    def accused_of(self, verb: Token, dobj: Optional[Token]) -> Optional[Token]:
        """Round 49: the attack noun an accusation names as its deed ("accused X of ordering the pipeline
        attacks", "accused X of the bombing"), if it names one."""
        ofs = self.preps(verb).get("of", []) + (self.preps(dobj).get("of", []) if dobj is not None else [])
        for o in ofs:
            for t in [o, *(c for c in o.children if c.dep_ == "dobj")]:
                if t.pos_ == "NOUN" and self.trigger_type(t)[0] == "Attack":
                    return t
        return None

    def name_after_comma(self, tok: Token) -> Optional[str]:
        """A person named right after a role noun and a comma: "the army chief, Gen. X"."""
        doc, end = tok.doc, tok.right_edge.i + 1
        if end >= self.sent.span.end or doc[end].text != ",":
            return None
        for j in range(end + 1, min(end + 5, self.sent.span.end)):
            eid = self.res.entity_at(doc[j])
            if eid:
                return eid if self.kind(eid) == "Person" else None
            if doc[j].is_punct and doc[j].text != "." or not doc[j].text[:1].isupper():
                return None
        return None

    def entities_in(self, tok: Token, kinds: tuple[str, ...]) -> list[str]:
        out: list[str] = []
        for t in tok.subtree:
            eid = self.res.entity_at(t)
            if eid and self.kind(eid) in kinds and eid not in out:
                out.append(eid)
        return out

    def antecedent(self, tok: Token, kinds: tuple[str, ...]) -> Optional[str]:
        """The subject of an enclosing clause ("X said its aircraft struck ..."), else the nearest
        entity of a fitting kind before the pronoun, in this sentence first."""
        sent = self.sent.span
        t = tok
        for _ in range(6 if any(k not in PLACES for k in kinds) else 0):
            if t.head.i == t.i:
                break
            t = t.head
            subj = self.child(t, "nsubj") if t.pos_ in ("VERB", "AUX") else None
            if subj is not None and subj.lemma_.lower() in WITNESS_NOUNS:
                continue  # "civilians say that before troops left they executed 40": not the civilians
            if subj is not None and subj.i < tok.i and not (subj.left_edge.i <= tok.i <= subj.right_edge.i):
                eid = self.res.entity_at(subj)
                if eid and self.kind(eid) in kinds:
                    return eid
                if eid is None and self.agrees(tok, subj):
                    # "The Kenyan defence ministry said it had deployed ...", "the ministry in
                    # <capital> said its troops ...": that subject's state, not an earlier actor.
                    eid = self.entity(subj, kinds, modifiers=True)
                    norp = [c for c in subj.lefts if c.dep_ == "amod" and c.ent_type_ == "NORP"]
                    if eid is None and norp:
                        eid = self.state_of(norp[0].text)
                        return eid if eid and self.kind(eid) in kinds else None
                    if eid is None and subj.lemma_.lower() not in GOVERNMENT_BODIES:
                        return None  # "an alliance of armed groups said it ...": unnamed, not guessed
                    for o in self.preps(subj).get("in", []) if eid is None else []:
                        place = self.entity(o, PLACES)
                        eid = self.res.country_entity(self.res.countries.get(place)) if place else None
                    if eid and self.kind(eid) in kinds:
                        return eid
        for t in reversed(list(sent.doc[self.body_start:tok.i])):
            eid = self.res.entity_at(t)
            if eid and self.kind(eid) in kinds:
                return eid
        if tok.lower_ in ("he", "she", "him", "her", "his"):
            kinds = tuple(k for k in kinds if k == "Person")
        elif tok.lower_ in ("it", "its", "they", "them", "their"):
            kinds = tuple(k for k in kinds if k != "Person")
        if set(kinds) <= set(PLACES):
            return None  # a place taken by "it" is named in the same sentence, or not at all
        kinds = tuple(k for k in kinds if k not in PLACES)  # a state is "it" within its own sentence
        for ids in reversed(self.earlier):  # "It said ...", "its fighters": the previous sentence
            for eid in reversed(ids):
                if self.kind(eid) in kinds:
                    return eid
        return None
