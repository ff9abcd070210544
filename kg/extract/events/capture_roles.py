"""Places and sides of a capture: places cleared, expelled from, included or listed; who lost them.

Part of ``ctx._Ctx``.
"""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from kg.extract.events.words import ACTORS, ARMED, ARMED_NOUNS, TOWN_NOUNS
from kg.extract.places import REGION, SPECIFIC, specificity
from kg.extract.quantities import parse_number


class CaptureRoles:
    """The captured places a sentence lists and who lost or supported the capture."""

    def cleared_of(self, verb: Token) -> Optional[Token]:
        """"cleared the town of Y of X fighters": the armed people the place was cleared of."""
        obj = self.child(verb, "dobj")
        if obj is None:
            return None
        for o in self.preps(verb).get("of", []) + [o for o in self.preps(obj).get("of", [])[1:]]:
            if o.lemma_.lower() in ARMED_NOUNS or self.kind(self.entity(o, ARMED, modifiers=True)) in ARMED:
                return o
        for inner in self.preps(obj).get("of", []):  # "the town of Y of X fighters" hung on Y
            for o in self.preps(inner).get("of", []):
                if o.lemma_.lower() in ARMED_NOUNS or self.kind(self.entity(o, ARMED, modifiers=True)) in ARMED:
                    return o
        return None

    def expelled_from(self, verb: Token) -> Optional[Token]:
        """The place of "drove X out of <place>" / "expelled X from <place>", if it names one."""
        preps = self.preps(verb)
        cands = [o for o in preps.get("from", []) if not any(d.dep_ == "npadvmod" for d in o.head.children)]
        # ("pushing them toward X, 50 kilometers from Y": a distance from Y is a bearing, round 9)
        for c in verb.children:
            if c.lower_ == "out" and c.dep_ in ("prep", "prt", "advmod"):
                cands += self.preps(c).get("of", []) + preps.get("of", [])
        for c in cands:
            if self.kind(self.place_in(c)) == "Location":
                return c
        return None

    def capital_described(self, noun: Token) -> Optional[str]:
        """"The town of Y changed hands again as the army said it recaptured the X state capital":
        a capital told by description (no name of its own) is the one town its sentence names (in
        that division, when the gazetteer knows both), else the one town the sentence before names
        that the gazetteer puts in the division. Two towns, or none: no place."""
        if noun.lemma_.lower() != "capital" or not any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children):
            return None
        mods = [c for c in noun.children if c.dep_ in ("compound", "amod", "nmod")]
        divisions = {e for m in mods for t in m.subtree for e in [self.res.entity_at(t)]
                     if e and specificity(e, self.res) == REGION}
        if not divisions and not any(m.lower_ in ("provincial", "regional", "state", "district") for m in mods):
            return None  # "the capital" alone is the state's capital: another rule's
        places = getattr(self.res, "places", {})
        codes = {places[e].admin1 for e in divisions if e in places and places[e].admin1}
        own = [self.res.entity_at(t) for t in self.sent.span if not self.place_of_another_event(t, noun)]
        before = self.earlier[-1] if self.earlier and codes else []  # (only a town shown to lie in the division)
        for named in (own, before):
            towns = {e for e in named if e and self.kind(e) == "Location" and specificity(e, self.res) == SPECIFIC
                     and (not codes or e in places and places[e].admin1 in codes)}
            if len(towns) == 1:
                return towns.pop()
            if towns:
                return None
        return None

    def place_of_another_event(self, t: Token, noun: Token) -> bool:
        """"Rebels attacked X and later seized the provincial capital": X is the place of another
        event of the sentence (the nearest verb above it is an attack or capture verb other than the
        one the capital hangs on), so it is not the capital described."""
        own = next((a for a in noun.ancestors if a.pos_ == "VERB"), None)
        verb = next((a for a in t.ancestors if a.pos_ == "VERB"), None)
        return verb is not None and verb is not own and self.trigger_type(verb)[0] in ("Attack", "Capture")

    def included_places(self, t: Token) -> list[tuple[str, int]]:
        """"Took over four towns including X (and Y)": of towns taken, counted or plural, the ones an
        "including" names are the places known to be taken (the rest are unnamed). Not a holding
        ("bases including the airport" names no town), nor a list whose names are no places."""
        if t.tag_ != "NNS" or t.lemma_.lower() not in TOWN_NOUNS:
            return []
        out: list[tuple[str, int]] = []
        for prep in t.children:
            if prep.dep_ == "prep" and prep.lower_ == "including":
                for o in prep.children:
                    if o.dep_ == "pobj":
                        for x in self.expand(o):
                            eid = self.entity(x, ("Location",))
                            if eid and eid not in [e for e, _ in out]:
                                out.append((eid, self.sent.char(x)))
        return out

    def towns_named_next(self, verb: Token, towns: Token) -> list[tuple[str, int]]:
        """Round 13: "forces have retaken two towns that X briefly captured late Friday", the towns
        named only in the next sentence or the one after ("... retook A and B"): a capture in a relative
        clause on plural towns that a capture verb of this sentence took took the towns that a capture
        verb of those sentences names, when it names as many as counted (or, uncounted, two or more)."""
        if verb.dep_ != "relcl" or verb.head.i != towns.i or towns.tag_ != "NNS" \
                or towns.lemma_.lower() not in TOWN_NOUNS or self.trigger_type(towns.head)[0] != "Capture":
            return []
        counted = next((parse_number(c.text) for c in towns.children if c.dep_ == "nummod"), None)
        for sent in self.after:
            for t in sent.span:
                if t.pos_ != "VERB" or self.finder.t.verbs.get(self.finder.t.base(t)) != "Capture":
                    continue
                obj = next((c for c in t.children if c.dep_ == "dobj"), None)
                if obj is None:
                    continue
                named = [e for e in dict.fromkeys(self.res.entity_at(x) for x in [obj, *self.expand(obj)])
                         if e and self.kind(e) == "Location" and specificity(e, self.res) >= SPECIFIC]
                if len(named) >= 2 and (counted is None or len(named) == counted):
                    return [(e, self.sent.char(towns)) for e in named]
        return []

    def listed_places(self, trigger: Token, first: Token, seen: list[str]) -> list[tuple[str, int]]:
        """Places listed after the first one inside the trigger's phrase ("X in May and Y in June")."""
        out: list[tuple[str, int]] = []
        stop = {"by", "from", "with", "after", "before", "during", "amid", "as", "near", "in", "at", "outside"}
        for t in trigger.subtree:
            if t.i <= first.i:
                continue
            if t.dep_ in ("prep", "agent") and t.head == trigger and t.lower_ in {"by", "from", "with"}:
                break
            eid = self.res.entity_at(t)
            if not eid or self.kind(eid) != "Location" or eid in seen or any(eid == e for e, _ in out):
                continue
            prev = t.doc[t.i - 1] if t.i > 0 else None
            if prev is not None and self.res.entity_at(prev) == eid:
                continue  # inside a name already looked at
            root = t
            while root.head.i != root.i and self.res.entity_at(root.head) == eid:
                root = root.head
            named = root
            while named.dep_ == "appos" and named.head.i != named.i:
                named = named.head  # "X, near the capital, Y": Y names the capital, a landmark (round 11)
            if named.head.lower_ in stop and named.dep_ == "pobj" or any(a.dep_ == "appos" for a in root.ancestors
                                                                       if a.i > first.i and a.i in range(trigger.left_edge.i, trigger.right_edge.i + 1)):
                continue  # "X, a town in Y province": Y is where X lies, not a second place taken
            if prev is not None and prev.lower_ in ("and", ",", "or"):
                out.append((eid, self.sent.char(t)))
        return out

    def former_in_sentence(self) -> list[str]:
        """Who lost the ground: 'X lost its grip on ...', 'under X control', 'forcing X to flee'."""
        out: list[str] = []
        for t in self.sent.span:
            if t.pos_ == "VERB" and self.finder.t.base(t) in self.finder.t.loss_verbs:
                s = self.child(t, "nsubj")
                if s is not None:
                    eid = self.entity(s, ARMED, modifiers=True)
                    if eid:
                        out.append(eid)
            if t.lower_ == "from" and t.dep_ == "prep" and t.head.pos_ == "VERB" and (
                    self.finder.t.base(t.head) in self.finder.t.verbs
                    and self.finder.t.verbs[self.finder.t.base(t.head)] == "Capture"
                    or self.finder.t.base(t.head) in ("wrest", "take", "win", "grab")):
                for o in t.children:  # "both wrested from the military"
                    if o.dep_ == "pobj":
                        eid = self.entity(o, ARMED, modifiers=True)
                        if eid:
                            out.append(eid)
            if t.pos_ == "VERB" and t.lemma_.lower() == "flee" and t.dep_ == "xcomp" and t.head.lemma_.lower() == "force":
                ousted = self.child(t.head, "dobj")  # "seized the capital, forcing President X to flee"
                eid = self.entity(ousted, ARMED + ("Person",), modifiers=True) if ousted is not None else None
                if eid:
                    out.append(eid)
            if t.lemma_ == "control" and t.head.lower_ in ("under", "from"):
                for c in t.lefts:
                    eid = self.res.entity_at(c)
                    if eid and self.kind(eid) in ARMED:
                        out.append(eid)
                        break
        return out

    def supporters(self, tok: Token, captor: Optional[Token] = None) -> list[str]:
        out: list[str] = []
        for obj in self.preps(tok).get("with", []):
            if obj.lemma_.lower() in self.finder.t.support_nouns:
                for c in obj.subtree:
                    eid = self.res.entity_at(c)
                    if eid and self.kind(eid) == "ArmedForce":
                        eid = self.res.country_entity(self.res.countries.get(eid)) or eid
                    if eid and self.kind(eid) in ACTORS and eid not in out:
                        out.append(eid)
        heads = [tok] + ([captor] if captor is not None else [])
        for c in (c for h in heads for c in h.children):  # "X, backed by Y and Z, retook", "X backed by Y seized"
            if c.dep_ in ("advcl", "acl") and self.finder.t.base(c) in self.finder.t.support_verbs:
                for b in self.preps(c).get("by", []):
                    for one in self.expand(b):
                        eid = self.entity(one, ACTORS, modifiers=True)  # "backed by US airstrikes"
                        if eid and eid not in out:
                            out.append(eid)
        if captor is not None:  # "the US-backed X": the state before the hyphen
            doc, i = captor.doc, captor.left_edge.i
            for j in range(i, captor.i):
                if doc[j].lower_ in ("backed", "supported") and j >= 2 and doc[j - 1].text == "-":
                    eid = self.res.entity_at(doc[j - 2])
                    if eid and self.kind(eid) in ACTORS and eid not in out:
                        out.append(eid)
        return out
