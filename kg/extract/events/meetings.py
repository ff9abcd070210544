"""The rules of meetings: signings and the meeting frame, and sides named by their officials.

Part of ``ctx._Ctx``; the participants told elsewhere are in ``meeting_roles``.
"""

from __future__ import annotations

from typing import Iterable, Optional

from spacy.tokens import Token

from kg.extract.dating import Strength
from kg.extract.events.frame import Frame
from kg.extract.events.words import (
    AGREEMENT_NOUNS,
    BACKGROUND_ADVERBS,
    CALLING_VERBS,
    OFFICIAL_NOUNS,
    PLACES,
    ROLE_NOUNS,
    SETTING_PREPS,
    SIGNING_VERBS,
)
from kg.extract.events_data import events_yaml

#: round 43: verbs of hosting read as meetings only when their object names someone (events.yaml r43_meeting_verbs)
WELCOME_VERBS = frozenset(events_yaml().get("r43_meeting_verbs") or [])
#: round 50: verbs of agreeing that tell a meeting of two sides at a named place (events.yaml r50_agreed_at)
AGREEING_VERBS = frozenset((events_yaml().get("r50_agreed_at") or {}).get("verbs", []))
#: round 50: "A and B also discussed Y" after a meeting: that meeting told again by its people (events.yaml r50_also_discussed)
_ALSO = events_yaml().get("r50_also_discussed") or {}
ALSO_VERBS, ALSO_WORDS = frozenset(_ALSO.get("verbs", [])), frozenset(_ALSO.get("adverbs", []))


class MeetingRules:
    """Meetings and signings: the frame and its participants."""

    # Meeting ------------------------------------------------------------------
    def signed(self, verb: Token) -> Optional[Token]:
        """The agreement a verb of signing has as object ("signed an accord", "the deal was agreed")."""
        if verb.lemma_.lower() not in SIGNING_VERBS:
            return None
        if verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.lemma_.lower() in AGREEMENT_NOUNS:
            return verb.head  # "the memorandum signed in X by A and B"
        return next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")
                     and c.lemma_.lower() in AGREEMENT_NOUNS), None)

    def agreed_at(self, verb: Token) -> bool:
        """Round 50: "Pakistan's prime minister and Iran's president agreed in Tehran on Tuesday to set up joint
        patrols", "A agreed with B in X to ...": a verb of agreeing (events.yaml ``r50_agreed_at``) with two sides
        (a subject of two conjuncts or a "with" phrase) and a named place in its own "in" or "at" phrase tells the
        sides met there. Not "A and B agreed to ..." with no place (a call, letters), nor "agreed in principle"."""
        if verb.lemma_.lower() not in AGREEING_VERBS or self.signed(verb) is not None:
            return False
        subj = self.subject(verb)
        if subj is None or not (len(self.expand(subj)) >= 2 or self.preps(verb).get("with")):
            return False
        return bool(self.agreed_places(verb))

    def agreed_places(self, verb: Token) -> list[Token]:
        """The named places of a verb of agreeing's "in" or "at" phrase, or of its "with" side's ("agreed with B in
        X": the parser hangs "in X" on B)."""
        holders = [verb, *self.preps(verb).get("with", [])]
        return [o for h in holders for p in ("in", "at") for o in self.preps(h).get(p, [])
                if self.kind(self.res.entity_at(o)) in PLACES]

    def also_discussed(self, verb: Token) -> Optional[Frame]:
        """Round 50: "Pakistan's prime minister and Iran's president agreed in Tehran on Tuesday to ... A and B also
        discussed a pipeline": a verb of talking over (events.yaml ``r50_also_discussed``) with "also" and a subject
        of two or more people named, in the two sentences after an asserted meeting, tells that meeting again by the
        people who met (``retold_meetings`` then drops the telling by their states). The meeting told before."""
        if verb.lemma_.lower() not in ALSO_VERBS or not any(c.dep_ == "advmod" and c.lower_ in ALSO_WORDS
                                                            for c in verb.children):
            return None
        subj = self.subject(verb)
        people = [self.res.entity_at(s) for s in self.expand(subj)] if subj is not None else []
        if len(people) < 2 or any(self.kind(e) != "Person" for e in people):
            return None
        return next((g for g in reversed(self.told) if g.type == "Meeting" and g.modality == "asserted"
                     and 0 < self.sent.index - g.sentence.index <= 2), None)

    def _retold_by_people(self, tok: Token, told: Frame) -> Iterable[Frame]:
        """Round 50: the meeting ``told`` before, told again by the people of ``tok``'s subject (``also_discussed``)."""
        f = self.new("Meeting", tok, False)
        for s in self.expand(self.subject(tok)):
            f.add("participants", self.res.entity_at(s))
        for eid in told.roles.get("location", []):
            f.add("location", eid)
        f = self.finish(f)
        if told.date is not None and (f.date is None or f.date_strength <= told.date_strength):
            f.date, f.date_strength = told.date, told.date_strength  # (the day of the meeting it tells again)
        yield f

    def _signing(self, tok: Token) -> Iterable[Frame]:
        """"A and B signed a security agreement in X", "the deal was agreed by
        Presidents A and B in X": the signatories met there (two of them at least, named)."""
        f = self.new("Meeting", tok, False)
        people = ("Person", "Country", "Organization")
        subj = self.subject(tok)
        sides = (self.expand(subj) if subj is not None else self.fronted_subjects(tok)) + [
            o for one in self.preps(tok).get("with", []) for o in self.expand(one)]
        for s in sides:
            eid = self.entity(s, people, modifiers=True)
            named = [eid] + self.entities_in(s, ("Person",))  # "by Presidents A and B": both
            if not any(named):  # "by the President of X and the President of Y" (round 23)
                named = self.role_holders(s) or [self.state_of_office(s)]
            for e in named:
                f.add("participants", e)
        for p in ("in", "at"):
            for o in self.preps(tok).get(p, []):
                f.add("location", self.place_in(o))
        if not f.filled("location") and tok.lemma_.lower() in AGREEING_VERBS and self.signed(tok) is None:
            for o in self.agreed_places(tok):  # round 50: "agreed with B in X"
                f.add("location", self.place_in(o))
        if len(f.roles.get("participants", [])) >= 2:
            yield self.finish(f)

    def state_of_office(self, noun: Token) -> Optional[str]:
        """"the President of the Republic of X", naming no one: the state X whose office it is."""
        if noun.lemma_.lower() not in ROLE_NOUNS or self.res.entity_at(noun) is not None:
            return None
        for o in self.preps(noun).get("of", []):
            for t in o.subtree:
                eid = self.res.entity_at(t)
                if eid and self.kind(eid) == "Country":
                    return eid
        return None

    def fronted_subjects(self, verb: Token) -> list[Token]:
        """Round 10: "this week in X, A and B signed an agreement": after a fronted place and a comma
        the parser often hangs the subject list on the place (as its conjuncts) and leaves the verb
        with no subject. Those conjuncts before the verb, after the comma, are its subjects."""
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            return []
        for p in verb.children:
            if p.dep_ != "prep" or p.lower_ not in ("in", "at") or p.i > verb.i:
                continue
            for place in (c for c in p.children if c.dep_ == "pobj"):
                if self.kind(self.res.entity_at(place)) not in PLACES:
                    continue
                first = next((c for c in place.children if c.dep_ == "conj" and c.i < verb.i), None)
                if first is None or not any(t.text == "," for t in place.doc[place.i:first.i]):
                    continue
                return [t for t in self.expand(first) if t.i < verb.i]
        return []

    def _meeting(self, tok: Token, nominal: bool) -> Iterable[Frame]:
        if not nominal and (self.signed(tok) is not None or self.agreed_at(tok)):
            yield from self._signing(tok)
            return
        told = self.also_discussed(tok) if not nominal else None
        if told is not None:
            yield from self._retold_by_people(tok, told)
            return
        if self.met_the_press(tok, nominal):
            return  # round 34: "met with reporters": no meeting
        f = self.new("Meeting", tok, nominal)
        people = ("Person", "Country", "Organization", "ArmedGroup", "ArmedForce")
        light = self.light_verb(tok) if nominal else None
        called = None
        if nominal:
            subj = (light is not None and self.subject_read_as_object(light)) or \
                (self.subject(light) if light is not None else None) or self.holder_of(tok)  # round 38
            if subj is not None and subj.lower_ == "their":  # "A and B discussed X during their meeting"
                verb = self.governing_verb(tok)
                subj = (self.subject(verb) if verb is not None else None) or subj
            if subj is None:  # round 38: "a week after the two held talks in X" (before the setting's
                subj = self.two_who_held(tok)  # subject: round 41 reads "a week after ..." as a setting)
            if subj is None:
                subj = self.setting_subject(tok)  # "During a meeting in X, A and B discussed Y"
            if subj is None:
                subj = self.visitor_of(tok)  # round 34: "a visit that included meetings with X"

            called = self.calling_verb(tok)
            if subj is None and called is not None:
                subj = self.subject(called)  # "what he called a good meeting this morning with X" (round 24)
            if self.preps(tok).get("with") and (subj is None or self.entity(subj, people, modifiers=True) is None):
                # "X said yesterday's talks with Y had ...", "X said he had made clear in yesterday's talks
                # with Y ...": the one whose words tell the talks held them (round 20)
                subj = self.speaker_of(tok) or subj
        else:
            subj = self.name_read_as_object(tok) or self.subject(tok)  # round 41: "days after A briefed B"
        if subj is not None:
            subj = self.they_of_the_clause(subj) or subj
        pair = self.the_two(subj) if subj is not None else []
        for eid in pair:  # "the two ministers had last met in X": the two who met before
            f.add("participants", eid)
        if subj is not None and not pair:
            for s in self.expand(subj):
                holders = self.office_holders(s) or self.role_holders(s)  # round 34: the person named beside the office
                if holders:  # "the foreign ministers of X and Y met": the ministers the report names
                    for e in holders:
                        f.add("participants", e)
                    continue
                rebels = self.side_of_delegates(s)  # round 34: "rebel representatives met ..."
                if rebels is not None:
                    f.add("participants", rebels)
                    continue
                sides = self.states_of_officials(s) if self.res.entity_at(s) is None else []
                if len(sides) >= 2:
                    for e in sides:  # "U.S. and Chinese officials met" (round 9)
                        f.add("participants", e)
                    continue
                eid = self.entity(s, people, modifiers=True) or self.state_of_officials(s)  # round 49: "the Xian
                # leader met ...", its holder unnamed: the state stands for the leader, as it does as the object
                if eid is None and self.res.entity_at(s) is None:
                    # "Negotiators for X and Y", "mediators from X, Y and Z": whom they speak for
                    for e in self.entities_in(s, people):
                        f.add("participants", e)
                f.add("participants", eid)
        verb = tok if not nominal else light
        if verb is not None and subj is not None:  # "A Y and B al-Z met": the parser may split one subject in several
            for other in verb.children:  # (also "A and his counterpart B held talks", round 9)
                if other.dep_ != "nsubj" or other.i == subj.i:
                    continue
                if other.i >= self.body_start:
                    f.add("participants", self.entity(other, people, modifiers=True))
                else:  # "CITY, July 8 - Minister A and his counterpart B held talks": A parsed into the dateline
                    for t in other.subtree:
                        if t.i >= self.body_start and self.kind(self.res.entity_at(t)) == "Person":
                            f.add("participants", self.res.entity_at(t))
        if subj is not None and len(f.roles.get("participants", [])) < 2:
            for e in self.joined_into_the_subject(subj):  # round 48: "A and Defense Minister B met" (round 50: also the
                #      subject a meeting noun takes from its clause: "A and B met again, three weeks after their first talks")
                f.add("participants", e)
        if subj is not None and len(f.roles.get("participants", [])) < 2 and any(
                c.dep_ == "poss" and c.lower_ == "their" for c in subj.children):
            for e in self.whose(tok, people):  # "A and B agreed ... when their ministers met" (round 9)
                f.add("participants", e)
        objs = [c for c in tok.children if c.dep_ == "dobj"]  # the parser may split one list in two
        if not nominal and not objs and tok.dep_ == "amod" and subj is not None:
            o = tok.head  # round 41: "..., briefed President B in Y": the verb read as B's adjective
            while o.dep_ == "compound" and o.head.i != o.i:
                o = o.head
            objs = [o]
        host = bool(f.roles.get("participants"))  # round 43: a named subject, before the objects are read
        for obj in objs:
            found = [h for o in self.expand(obj)
                     for h in (self.office_holders(o) or self.role_holders(o) or [self.entity(o, people)])]
            found = [None if e and self.only_tells(e, tok) else e for e in found]  # round 34: "..., Y said": not Y
            if not any(found):  # "met the Kenyan defense minister", unnamed: Kenya stands for the minister
                found = [self.state_of_officials(o) or self.state_of_office(o) for o in self.expand(obj)]
            if not nominal and not any(found):  # round 44: "hosted a state visit for President Y"
                found = self.hosted_guests(tok, obj, people) or found
            if not nominal and not any(found) and obj.pos_ == "NOUN" and not self.entities_in(obj, people) \
                    and len(objs) == 1:
                named = self.name_after(obj)  # "met his Turkish counterpart X Y": the parser loses the name
                if named is None:
                    return  # "met little resistance", "met the deadline": no one was met
                found = [named]
            if not nominal and self.finder.t.base(tok) in WELCOME_VERBS and not (any(found) and host):
                return  # round 43: "welcomed the decision of X", "welcomed the agreement": no one was met;
                # "I am glad to welcome X and Y": the host is no one named, and the guests did not meet each other
            for eid in found:
                f.add("participants", eid)
        preps = self.preps(tok)
        if nominal and called is not None:  # the parser hangs "this morning with X" on the verb of calling
            preps.setdefault("with", []).extend(o for o in self.preps(called).get("with", []) if o.i > tok.i)
        for c in (light or tok).children:  # round 41: "met again on Wednesday, this time in X": the parser
            if c.dep_ == "npadvmod" and c.lemma_.lower() == "time":  # hangs the place on "time"
                for p in ("in", "at"):
                    preps.setdefault(p, []).extend(self.preps(c).get(p, []))
        for obj in objs:  # "met X in Y" parsed with "in Y" on X
            for o in self.preps(obj).get("in", []) + self.preps(obj).get("at", []):
                if self.kind(self.entity(o, PLACES)) in ("Location", "Country"):
                    preps.setdefault("in", []).append(o)
        if light is not None:  # "held talks in X with Y": the verb carries the phrases
            for p, objs in self.preps(light).items():
                preps.setdefault(p, []).extend(objs)
        if nominal and tok.dep_ == "nsubj" and tok.head.lemma_ == "be":  # "his first meeting was with X" (round 11)
            preps.setdefault("with", []).extend(self.preps(tok.head).get("with", []))
        if nominal:  # "a day of talks in the capital with X": the parser hangs "with X" on the place
            # (round 41: also "a joint press conference at the palace with X")
            for o in list(preps.get("in", [])) + list(preps.get("at", [])):
                preps.setdefault("with", []).extend(self.preps(o).get("with", []))
        if nominal and not preps.get("between") and tok.dep_ == "pobj" and tok.head.lower_ in SETTING_PREPS \
                and tok.head.head.pos_ in ("VERB", "AUX"):
            # "was discussed at a meeting in X on Friday between A and B": the parser hangs "between"
            # on the verb the meeting is the setting of
            preps["between"] = self.preps(tok.head.head).get("between", [])
        for p in ("with", "between"):
            for o in preps.get(p, []):
                for one in self.expand(o):
                    holders = self.office_holders(one) or self.role_holders(one)  # "met with Y's defense minister"
                    if holders:
                        for e in holders:
                            f.add("participants", e)
                        continue
                    eid = self.entity(one, people) or self.state_of_officials(one) \
                        or self.side_of_delegates(one)  # "with the X commander, Gen. Y": Y, not X; "rebel envoys" (round 34)
                    for e in [eid] + self.entities_in(one, ("Person",)) if eid else self.entities_in(one, people):
                        if e is None or not self.only_tells(e, tok):  # round 34: "with a focus on X, Y said": not Y
                            f.add("participants", e)
        if nominal and subj is not None and subj.lower_ == "their" and len(f.roles.get("participants", [])) < 2:
            met = self.remarks_with(tok, people)  # "Remarks With X Before Their Meeting" (round 15)
            for e in met:
                f.add("participants", e)
            if met and not preps.get("in") and not preps.get("at"):
                f.add("location", self.byline_place())
        for p in ("in", "at"):
            for o in preps.get(p, []):
                # "met at the ministry X": a body's seat is where its people meet
                f.add("location", self.entity(o, PLACES) or self.entity(o, ("Organization",)))
        if not f.filled("location") and any(c.lower_ == "here" for c in (light or tok).children):
            f.add("location", self.dateline_place())  # "CITY - ... met here yesterday" (round 9)
        if tok.dep_ == "relcl" and any(c.lower_ == "where" for c in tok.children):
            f.add("location", self.entity(tok.head, PLACES))
        if not f.filled("location") and tok.dep_ == "conj" and self.trigger_type(tok.head)[0] == "Visit":
            visited = self.child(tok.head, "dobj")  # "visited X in March and met Y": in X
            f.add("location", self.entity(visited, PLACES) if visited is not None else None)
        if nominal and subj is not None and len(f.roles.get("participants", [])) == 1:
            f.add("participants", self.body_of_meeting(tok))  # round 41: "spoke at a NATO meeting"
        listed = (self.semicolon_list(tok) or self.bulleted_list(tok)) if not nominal and subj is not None else []
        if len(listed) >= 2:
            yield from self.one_meeting_each(tok, subj, listed, f)
            return
        if not nominal and len(f.roles.get("participants", [])) < 2:
            for eid in self.met_after(tok):  # the parse lost the object: "met with Somali President X"
                f.add("participants", eid)
        if not nominal:
            yield from self.later_meetings(tok, f)
        if self.trip_to_meet(tok, f):
            f.modality = "asserted"
        if not nominal and subj is not None and f.roles.get("participants"):
            # round 34: "A met B in X, C said": C only tells of it (not "after meeting B, A said": that has no subject)
            f.roles["participants"] = [e for e in f.roles["participants"] if not self.only_tells(e, tok)]
        if nominal and len(f.roles.get("participants", [])) == 1:
            f.add("participants", self.speaking_party(tok, f))  # round 44: "X said Y ... during a bilateral meeting"
        if len(f.roles.get("participants", [])) >= 2:
            f = self.finish(f)
            earlier = self.earlier_by_a_span(tok) if nominal else None
            if earlier is not None:  # round 41: "met again in X, a month after their talks in Y": an
                f.distinct = True    # earlier meeting, not the verb's told again
                self.date_before(f, *earlier)
            self.placed_by_the_dateline(f)  # round 34
            if pair and f.date_strength in (Strength.NONE, Strength.INHERITED) and not any(
                    c.dep_ == "advmod" and c.lower_ in BACKGROUND_ADVERBS for c in tok.children):
                f.roles.pop("location", None)  # "The two men met privately in the X room": the meeting told
            yield f                            # before, again (not "had last met in X on May 20")

    def joined_into_the_subject(self, subj: Token) -> list[str]:
        """Round 48: "A and Defense Minister B met": after a bare surname the parser may read "A and Defense" as a
        modifier of B's title, the verb's subject then B alone. A person named before the subject's head, carrying
        an "and" of its own inside the subject's phrase, is the subject's other party."""
        own = self.res.entity_at(subj)
        out: list[str] = []
        for t in subj.subtree:
            if t.i >= subj.i or t.dep_ not in ("nmod", "compound", "poss") \
                    or not any(c.dep_ == "cc" and c.lower_ == "and" for c in t.children):
                continue
            eid = self.res.entity_at(t)
            if eid and eid != own and self.kind(eid) == "Person" and eid not in out:
                out.append(eid)
        return out

    def calling_verb(self, noun: Token) -> Optional[Token]:
        """Round 24: "following what he called 'a good meeting' this morning with X": the verb of
        calling or describing whose object (or predicate) the meeting noun is, when the noun has no
        "with" or "between" of its own; the parser hangs the meeting's time and other party on it."""
        verb = noun.head
        if noun.dep_ not in ("oprd", "dobj", "attr") or verb.pos_ != "VERB" \
                or verb.lemma_.lower() not in CALLING_VERBS or "with" in self.preps(noun) or "between" in self.preps(noun):
            return None
        return verb

    def speaker_of(self, tok: Token) -> Optional[Token]:
        """The subject of the verb of saying whose words hold ``tok`` ("X said (that) ... tok ..."),
        or None."""
        for a in tok.ancestors:
            if a.pos_ in ("VERB", "AUX") and self.trigger_type(a)[0] == "Statement":
                said = self.subject(a)
                if said is None or said.i == tok.i or tok in said.subtree:
                    return None  # ("after talks with X, Y said": the talks are no speaker)
                return said
        return None

    def whose(self, tok: Token, kinds: tuple[str, ...]) -> list[str]:
        """The sides a "their" stands for: the joined subject ("A and B") of a clause the trigger is under."""
        for a in tok.ancestors:
            subj = self.subject(a) if a.pos_ in ("VERB", "AUX") else None
            if subj is not None and subj.i < tok.i and subj.conjuncts:
                return [e for one in self.expand(subj) for e in [self.entity(one, kinds, modifiers=True)] if e]
        return []

    def remarks_with(self, tok: Token, kinds: tuple[str, ...]) -> list[str]:
        """"Remarks With Minister X Before Their Meeting" (a title of government prose): "their" is the
        remarks' speaker, the person of a byline line just after it, and X. Nothing without such a line."""
        remarks = tok.head.head if tok.dep_ == "pobj" else None
        if remarks is None or remarks.pos_ != "NOUN" or remarks.lower_ not in self.finder.t.remarks_nouns:
            return []
        withs = [e for o in self.preps(remarks).get("with", []) for one in self.expand(o)
                 for e in [self.entity(one, kinds)] if e]
        speaker = None
        for s in self.after:  # "John Doe" / "Secretary of State" lines under the title
            if len(s.span) <= 6 or "\n" in s.text.strip():
                speaker = next((e for t in s.span for e in [self.res.entity_at(t)] if self.kind(e) == "Person"), None)
                if speaker is not None:
                    break
        if not withs or speaker is None or speaker in withs:
            return []
        return [speaker, *withs]

    def byline_place(self) -> Optional[str]:
        """The town of a byline block of lines under a title ("John Doe / Secretary of State / Y, DC /
        April 11"): where remarks given there were given (round 15)."""
        for s in self.after:
            if "\n" in s.text.strip():
                for t in s.span:
                    e = self.res.entity_at(t)
                    if self.kind(e) == "Location":
                        return e
        return None

    def dateline_place(self) -> Optional[str]:
        """The place of the sentence's dateline ("CITY, July 9 -"): where "here" is."""
        for t in self.sent.span.doc[self.sent.span.start:self.body_start]:
            eid = self.res.entity_at(t)
            if eid and self.kind(eid) in PLACES:
                return eid
        return None

    def states_of_officials(self, noun: Token) -> list[str]:
        """"Russian and Chechen officials", "U.S. and Chinese negotiators": the sides that joined
        nationality adjectives stand for, each a state (or else an armed side) the report names."""
        if noun.lemma_.lower() not in ROLE_NOUNS | OFFICIAL_NOUNS | {"negotiator", "envoy", "mediator"}:
            return []
        out: list[str] = []
        for c in noun.lefts:
            if c.dep_ not in ("amod", "compound", "nmod"):
                continue
            for adj in [c, *c.conjuncts]:
                eid = self.res.entity_at(adj)
                if eid and self.kind(eid) == "Country" and eid not in out:
                    out.append(eid)  # "U.S. and Chinese officials"
                    continue
                if adj.ent_type_ != "NORP" or len(adj.text) < 4:
                    continue
                stem = adj.text[:4].lower()
                found = [e.id for e in self.res.entities if e.type == "Country" and e.name.lower().startswith(stem)] \
                    or [e.id for e in self.res.entities if e.type in ("ArmedGroup", "ArmedForce")
                        and e.name.lower().startswith(stem)]
                if len(found) == 1 and found[0] not in out:
                    out.append(found[0])
        return out

    def state_of_officials(self, noun: Token) -> Optional[str]:
        """Officials named only by a role and their nationality ("the Kenyan defense minister",
        "Kenyan officials", "the Somali delegation"): the state the report names, which stands for
        them in a meeting."""
        if noun.lemma_.lower() not in ROLE_NOUNS | OFFICIAL_NOUNS or self.res.entity_at(noun) is not None:
            return None
        for c in noun.lefts:
            if c.dep_ == "amod" and c.ent_type_ == "NORP" and len(c.text) >= 4:
                states = [e.id for e in self.res.entities if e.type == "Country"
                          and e.name.lower().startswith(c.text[:4].lower())]
                return states[0] if len(states) == 1 else None
        return None
