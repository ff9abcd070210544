"""The perpetrator, target and place of an attack.

Part of ``ctx._Ctx``.
"""

from __future__ import annotations

from itertools import chain, islice
from typing import Optional

from spacy.tokens import Token

from kg.extract.events.frame import Frame
from kg.extract.events.words import ACTORS, LANDING_VERBS, OUTCOME_VERBS, PLACES, PLACE_NOUNS, SOLDIER_NOUNS, SPEAKING


class AttackRoles:
    """Who attacked whom, where; the verbs that carry an attack noun."""

    def lone_armed_actor_before(self, tok: Token, f: Frame) -> Optional[str]:
        """When the parse loses the subject ("X fighters who crossed the lake ... killed 17 in a
        raid"), the one armed actor named before the trigger, and not as its target, is its agent."""
        if tok.head.dep_ == "agent" or tok.head.lower_ in ("by", "with"):
            return None  # "X, backed by airstrikes": the attack supports X, X does not make it
        armed = {e for t in self.sent.span.doc[self.body_start:tok.i] for e in [self.res.entity_at(t)]
                 if e and self.kind(e) in ("ArmedGroup", "ArmedForce") and not self.victim(t) and not self.speaker(t)}
        armed -= set(f.roles.get("target", []))  # (the entity first: only an armed one's words are read)
        return armed.pop() if len(armed) == 1 else None

    def speaker(self, tok: Token) -> bool:
        """"The X army says ...", "X police said", "X's investigation into ...": whoever reports an
        attack is not its agent."""
        t = tok
        for _ in range(6):  # round 37: "X spokesman Brig. Gen. A B said": a title's chain of compounds
            if t.dep_ == "nsubj" and t.head.lemma_.lower() in SPEAKING:
                return True
            if t.dep_ == "poss" and t.head.lemma_.lower() in self.finder.t.report_nouns:
                return True  # "X's investigation into the ambush" (round 15)
            if t.head.i == t.i or t.dep_ not in ("compound", "amod", "poss", "nmod", "nsubj"):
                return False
            t = t.head
        return False

    def armed_victim(self, tok: Token, f: Frame) -> Optional[str]:
        """"Three X soldiers died and eleven were wounded when ... were attacked": the one armed
        actor the sentence names as the dead or wounded is the target."""
        found = self.memo.get("armed_victims")
        if found is None:  # (the same for every attack of the sentence: read once; the entity first)
            found = {e for t in self.sent.span.doc[self.body_start:self.sent.span.end] for e in [self.res.entity_at(t)]
                     if e and self.kind(e) in ("ArmedForce", "ArmedGroup") and self.victim(t)}
            self.memo["armed_victims"] = found
        armed = found - set(f.roles.get("perpetrator", []))
        return armed.pop() if len(armed) == 1 else None

    def soldiers_of_the_place(self, f: Frame) -> Optional[str]:
        """"Killing eight soldiers" near a town of country C: the attack was on C's forces, when
        the article names them and they did not carry it out."""
        if not any(t.lemma_.lower() in SOLDIER_NOUNS and self.victim(t) for t in self.sent.span):
            return None
        return self.forces_of_the_place(f)

    def forces_at_the_post(self, tok: Token, f: Frame, nominal: bool) -> Optional[str]:
        """"Militants attacked an army checkpoint / a military convoy / a base in X": the attack
        was on the forces holding the post (events.yaml military_posts), those of the place's
        country, when the article names them once and they did not carry it out. Only the
        attack's own object ("an attack on a base"), so a base named as a landmark is no target."""
        objs = self.preps(tok).get("on", []) if nominal else [self.child(tok, "dobj"), self.child(tok, "nsubjpass")]
        # (round 16: "an army patrol was ambushed", the post told as the subject of a passive)
        if not any(o is not None and o.lemma_.lower() in self.finder.t.military_posts for o in objs):
            return None
        return self.forces_of_the_place(f)

    def forces_of_the_place(self, f: Frame) -> Optional[str]:
        """The one armed force of the attack's place's country the article names, not its perpetrator;
        of several, the one the resolver names for the state itself, "X forces" (round 16)."""
        codes = {self.res.countries.get(e) for e in f.roles.get("location", [])} - {None}
        forces = [e.id for e in self.res.entities if e.type == "ArmedForce" and self.res.countries.get(e.id) in codes
                  and e.id not in f.roles.get("perpetrator", [])]
        if not codes and f.filled("location"):  # round 19: a place the gazetteer puts in no state
            forces = [e.id for e in self.res.entities if e.type == "ArmedForce"]  # the report's one force, if one
            forces = [e for e in forces if e not in f.roles.get("perpetrator", [])] if len(forces) == 1 else []
        if len(forces) > 1:  # round 16: the state's own forces ("X forces"), not a mission or agency placed there
            forces = [e for e in forces if self.res.entities[int(e[1:]) - 1].name.endswith(" forces")]
        return forces[0] if len(forces) == 1 else None

    def state_of_the_targets(self, verb: Token) -> Optional[str]:
        """Round 24: "attacked 50 separate Iraqi military targets", "attacked other targets on
        Lebanese soil": what the verb hits (its object, or the object of its "on") is a target or a
        territory noun (events.yaml ``territory_nouns``) qualified by one state's adjective of
        nationality; the report names that state: the attack was there."""
        obj = self.child(verb, "dobj")
        hit = ([obj] if obj is not None else []) + self.preps(verb).get("on", []) + (
            self.preps(obj).get("on", []) if obj is not None else [])
        for o in hit:
            if o.lemma_.lower() not in self.finder.t.territory_nouns:
                continue
            for c in o.children:
                if c.dep_ == "amod" and c.ent_type_ == "NORP" and len(c.text) >= 4:
                    stem = c.text[:4].lower()
                    states = [e.id for e in self.res.entities if e.type == "Country" and e.name.lower().startswith(stem)]
                    if len(states) == 1:
                        return states[0]
        return None

    def state_of(self, demonym: str) -> Optional[str]:
        """The armed forces, else the state, that an adjective of nationality names here."""
        stem = demonym[:4].lower()
        if len(demonym) < 4:
            return None
        states = [e.id for e in self.res.entities if e.type == "Country" and e.name.lower().startswith(stem)]
        codes = {self.res.countries.get(s) for s in states} - {None}
        forces = [e.id for e in self.res.entities if e.type == "ArmedForce" and (
            self.res.countries.get(e.id) in codes or e.name.lower().startswith(stem))]
        if len(forces) == 1:
            return forces[0]
        return states[0] if len(states) == 1 else None

    def victim(self, tok: Token) -> bool:
        """"Nine soldiers were killed", "ambushed an army truck": a word naming the attacked,
        not the attacker (the object of any attack verb). A function of the token and the
        lexicon alone: answered once per token of the sentence (``memo``)."""
        key = ("victim", id(tok.doc), tok.i)
        known = self.memo.get(key)
        if known is None:
            known = self.memo[key] = self._victim(tok)
        return known

    def _victim(self, tok: Token) -> bool:
        verbs = self.finder.t.verbs
        for t in islice(chain((tok,), tok.ancestors), 4):  # (the ancestors read as far as needed)
            if t.dep_ == "nsubjpass" or t.dep_ == "dobj" and (
                    t.head.lemma_.lower() in ("kill", "wound", "injure")
                    or verbs.get(self.finder.t.base(t.head)) == "Attack"):
                return True
            if t.dep_ == "nsubj" and t.head.lemma_.lower() in ("die", "perish"):
                return True  # "Three X soldiers died ... when ...": the dead, not the attackers
            if any(c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in ("kill", "wound", "injure")
                   for c in t.children):
                return True  # a headline's "Two X members killed in strike": the dead (round 11)
            if t.dep_ in ("nsubj", "ROOT"):
                return False
        return False

    def place_in(self, tok: Token, depth: int = 0) -> Optional[str]:
        """The place a phrase names, looking inside it: "a checkpoint in southern <city>"."""
        eid = self.entity(tok, PLACES)
        if eid is None and depth > 0:  # "a building in the city's east"
            poss = self.child(tok, "poss")
            eid = self.entity(poss, ("Location",)) if poss is not None else None
        if eid is not None or depth >= 2:
            return eid
        bearing = tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in ("border", "boundary", "frontier")
        if tok.lemma_.lower() in PLACE_NOUNS:  # "in X village near Y": X, named before the place noun
            for c in tok.lefts:  # (also "in the X and Y provinces", X parsed as a modifier: round 9;
                # not "near the border of X and Y provinces")
                if (c.dep_ == "compound" or c.dep_ == "nmod" and not bearing) \
                        and self.kind(self.res.entity_at(c)) == "Location":
                    return self.res.entity_at(c)
            named = self.apposed_name(tok)
            if named is not None:
                return named
        for p, objs in self.preps(tok).items():
            if p in ("in", "at", "near", "on", "outside", "of"):
                for o in objs:
                    eid = self.place_in(o, depth + 1)
                    if eid is not None:
                        return eid
        return None

    def apposed_name(self, noun: Token) -> Optional[str]:
        """Round 10: "in the north of the capital, X," names the place by its noun and then its name,
        but the small model often hangs X on the verb (npadvmod) instead of the noun (appos), so the
        name is read from the words: a place noun, a comma, and a place entity the parse did not
        attach to the noun (one attached as its appositive is reached through the parse already)."""
        i = noun.i
        if i + 2 >= len(noun.doc) or noun.doc[i + 1].text != ",":
            return None
        name = noun.doc[i + 2]
        if name.dep_ not in ("npadvmod", "appos") or name.head == noun:
            return None
        eid = self.res.entity_at(name)
        return eid if self.kind(eid) in PLACES else None

    def target_or_place(self, f: Frame, tok: Token) -> None:
        for t in self.expand(tok):
            eid = self.entity(t, ACTORS + ("Location",), modifiers=True)  # "an SNA position"
            if eid and self.kind(eid) == "Location":
                f.add("location", eid)
            elif eid:
                f.add("target", eid)
            if not eid or self.kind(eid) != "Location":  # "stormed a hotel in <city>"
                for p in ("in", "at", "near", "on", "outside"):
                    for obj in self.preps(t).get(p, []):
                        f.add("location", self.place_in(obj))

    def outcome_verb(self, noun: Token) -> Optional[Token]:
        """"X killed 32 people in an attack": the verb that tells the attack's toll."""
        head = noun.head
        verb = None
        if noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ == "VERB":
            verb = head.head  # "... killed 32 people in an attack"
        elif noun.dep_ == "nsubj" and head.pos_ == "VERB":
            verb = head  # "an airstrike killed 20 civilians"
        if verb is not None and verb.lemma_.lower() in OUTCOME_VERBS:
            return verb
        # "launched a wave of airstrikes on X, killing nine", "a bomb tore through a van, killing two"
        carrier = self.light_verb(noun) or (head if noun.dep_ == "nsubj" and head.pos_ == "VERB" else None)
        for c in carrier.children if carrier is not None else []:
            if c.dep_ == "advcl" and c.tag_ == "VBG" and c.lemma_.lower() in OUTCOME_VERBS:
                return c
        return None

    def landing_verb(self, noun: Token) -> Optional[Token]:
        """The verb of an attack noun's landing, whose object is what it struck ("rocket attacks hit
        X", "a wave of airstrikes struck Y": through a quantity noun of which the attacks are)."""
        subj = noun
        if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN":
            subj = noun.head.head  # "a wave of attacks", "a barrage of rockets"
        if subj.dep_ == "nsubj" and subj.head.pos_ == "VERB" and subj.head.lemma_.lower() in LANDING_VERBS:
            return subj.head
        return None

    def light_verb_subject(self, noun: Token) -> Optional[Token]:
        """"X staged a number of attacks, including a bombing": X is the perpetrator."""
        verb = self.light_verb(noun)
        return self.subject(verb) if verb is not None else None

    def light_verb(self, noun: Token) -> Optional[Token]:
        """The verb that carries a nominal event: "staged ... attacks", "held a round of talks"."""
        t = noun
        for _ in range(5):
            if t.head.i == t.i:
                return None
            t = t.head
            if t.pos_ == "VERB" and t.dep_ != "prep":  # "including" is tagged VERB but links a list
                return t if self.finder.t.base(t) in self.finder.t.light_verbs else None
        return None

    def poss_or_by(self, noun: Token) -> Optional[Token]:
        poss = self.child(noun, "poss")
        if poss is not None:
            return poss
        by = self.noun_preps(noun).get("by")  # (round 25: also the "by" of a conjoined event noun)
        # (round 25: "X's gains, including the capture of Y", "X's involvement in the attack")
        return by[0] if by else self.includer_agent(noun) or self.involved_agent(noun)
