"""Participants of meetings told by description: settings, "the two leaders", lists, later meetings.

Part of ``ctx._Ctx``.
"""

from __future__ import annotations

from typing import Iterable, Optional

from spacy.tokens import Token

from kg.extract.dating import Strength
from kg.extract.events.frame import Frame
from kg.extract.events.offices import SPELLINGS, Office, asked, holders, offices
from kg.extract.events_data import events_yaml
from kg.extract.quantities import parse_number
from kg.extract.events.words import (
    OFFICIAL_NOUNS,
    PAIR_NOUNS,
    PRONOUNS,
    ROLE_NOUNS,
    SEQUENCE_ADVERBS,
    SETTING_PREPS,
    SPAN_NOUNS,
    TRIP_VERBS,
)


#: round 44: the marks of a meeting told as the speaker's own (events.yaml r44_speaking_party)
_SPEAKING = events_yaml().get("r44_speaking_party") or {}
TWO_SIDED = frozenset(_SPEAKING.get("two_sided") or [])
DAY_WORDS = frozenset(_SPEAKING.get("day_words") or [])
_OCCASIONS = events_yaml().get("r44_hosted_occasions") or {}
#: round 49: the marks of a list's lines, and how many sentences after its colon a list is read in
_BULLETED = events_yaml().get("r49_bulleted_meetings") or {}
BULLETS = tuple(_BULLETED.get("bullets") or ["-"])
_BULLET_SENTENCES = int(_BULLETED.get("sentences") or 3)
HOST_VERBS = frozenset(_OCCASIONS.get("verbs") or [])
OCCASION_NOUNS = frozenset(_OCCASIONS.get("nouns") or [])


class MeetingRoles:
    """Who met: people named by role, in lists, after the verb, in a later meeting."""

    def setting_subject(self, noun: Token) -> Optional[Token]:
        """"During a meeting in X, A and B ...", "returned home after a day of talks with X",
        "speaking after talks with X": the one whose clause the meeting is the setting of met."""
        n = noun
        if n.head.lower_ == "of" and n.head.head.pos_ == "NOUN" and n.head.head.lemma_.lower() in SPAN_NOUNS:
            n = n.head.head  # "a day of talks", "a second round of talks"
        if n.dep_ == "pobj" and n.head.lower_ in SETTING_PREPS:
            verb = n.head.head
            if verb.dep_ == "dobj" and verb.pos_ == "NOUN" and verb.head.pos_ == "VERB" and n.head.lower_ == "at":
                verb = verb.head  # round 41: "blasted X's conduct at a council meeting" (hung on the object)
            if verb.dep_ == "npadvmod" and verb.pos_ == "NOUN" and verb.head.pos_ in ("VERB", "AUX") \
                    and n.head.lower_ in ("after", "following"):
                verb = verb.head  # round 41: "met again in X, a month after their first round of talks in Y"
                # (not "a week before talks in Y": talks still to come)
            if verb.pos_ not in ("VERB", "AUX"):
                return None
            speaker = self.subject(verb)
            if speaker is not None and n.i < speaker.i < verb.i and self.trigger_type(verb)[0] == "Statement":
                return self.told_clause_subject(n.head)
            return speaker
        return None

    def told_clause_subject(self, prep: Token) -> Optional[Token]:
        """Round 38: "A returned to X on Thursday after Wednesday's meeting with B, the C said": the
        parser hangs "after ..." on the verb of saying whose subject comes after it; the one who tells
        of the meeting is no party: the subject of the nearest verb before the phrase, in the told
        clause, held it (none when there is no such verb)."""
        for t in reversed(prep.doc[self.sent.span.start:prep.i]):
            if t.pos_ in ("VERB", "AUX") and t.i >= self.body_start:
                return self.subject(t)
        return None

    def they_of_the_clause(self, pron: Token) -> Optional[Token]:
        """Round 10: "A and B smiled as they shook hands at the meeting": "they" in a clause under
        another stands for that clause's subject when it is a list of names ("A and B"); the
        pronoun rule finds one entity only, and a meeting needs both."""
        if pron.lower_ != "they" or pron.pos_ != "PRON":
            return None
        t = pron.head
        for _ in range(4):
            if t.dep_ not in ("advcl", "xcomp", "ccomp", "conj") or t.head.i == t.i:
                return None
            t = t.head
            subj = self.child(t, "nsubj")
            if subj is not None and subj.i < pron.i and any(c.dep_ == "conj" for c in subj.children) \
                    and self.res.entity_at(subj) is not None:
                return subj
        return None

    def the_two(self, noun: Token) -> list[str]:
        """"The two ministers", "the two leaders", "both men": the two who met in the meeting told
        last before (in this sentence or an earlier one)."""
        kids = {c.lower_: c.dep_ for c in noun.children}
        bare = noun.lower_ == "two" and noun.pos_ == "NUM" and (
            kids.get("the") == "det" and noun.dep_ in ("nsubj", "nsubjpass")
            or noun.dep_ == "nummod" and getattr(self.two_who_held(noun.head), "i", None) == noun.i)  # round 38: "the two held talks"
        if not bare:
            if noun.tag_ != "NNS" or not (noun.lemma_.lower() in ROLE_NOUNS or noun.lemma_.lower() in PAIR_NOUNS):
                return []
            if not (kids.get("the") == "det" and kids.get("two") == "nummod" or kids.get("both") in ("det", "predet")) \
                    or any(c.dep_ == "poss" for c in noun.children):
                return []  # (not "their two prime ministers": other people)
        for g in reversed(self.told):
            people = g.roles.get("participants", []) if g.type == "Meeting" else []
            if len(people) == 2:
                return list(people)
        return self.two_named_before(noun) or self.office_pair(noun)  # round 49: "the two defence ministers"

    def two_who_held(self, noun: Token) -> Optional[Token]:
        """Round 38: "a week after the two held talks": the parser reads "the two held talks" as one
        noun phrase (the meeting noun with "the", "two" and the light verb as its modifiers); its
        "two" is the subject of the light verb."""
        kids = list(noun.children)
        the = next((c for c in kids if c.dep_ == "det" and c.lower_ == "the"), None)
        two = next((c for c in kids if c.dep_ == "nummod" and c.lower_ == "two"), None)
        held = next((c for c in kids if c.dep_ == "amod" and c.tag_ in ("VBN", "VBD")
                     and self.finder.t.base(c) in self.finder.t.light_verbs), None)
        if the is None or two is None or held is None or not the.i < two.i < held.i < noun.i:
            return None
        return two

    def subject_read_as_object(self, verb: Token) -> Optional[Token]:
        """Round 38: "left X on Tuesday, a day after he and Y held talks in Z": the parser hangs "he and
        Y" on "after" as its object and makes "held" a conjunct of "left" with no subject of its own. A
        subject pronoun ("he", "she", "we", "they") cannot be a preposition's object: between the verb
        it is conjoined to and the light verb, with a name conjoined to it, it is the light verb's subject."""
        if verb.dep_ != "conj" or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            return None
        for t in verb.doc[verb.head.i + 1:verb.i]:
            if t.lower_ in ("he", "she", "we", "they") and t.pos_ == "PRON" and t.dep_ == "pobj" \
                    and t.head.lower_ in ("after", "before", "when", "since", "until") \
                    and any(c.dep_ == "conj" for c in t.children):
                return t
        return None

    def holder_of(self, noun: Token) -> Optional[Token]:
        """The possessor of a meeting noun, its holder ("his talks with X") - not a day's ("Wednesday's
        meeting with X", "yesterday's talks"): round 38, a day is no party, so the meeting's holder is
        looked for where a meeting with no possessor has it (the clause it is the setting of, the speaker)."""
        poss = self.child(noun, "poss")
        if poss is None or poss.ent_type_ in ("DATE", "TIME") or poss.lower_ in ("yesterday", "today", "tonight"):
            return None
        return poss

    def two_named_before(self, noun: Token) -> list[str]:
        """Round 38: "A met B in X on Wednesday, a week after the two held talks in Y": with no
        meeting of two told in the sentences before, "the two" are the two people the sentence names
        before it, when it names exactly two (none when it names one or three)."""
        people: list[str] = []
        for t in self.sent.span:
            if t.i >= noun.left_edge.i:
                break
            eid = self.res.entity_at(t)
            if t.i >= self.body_start and eid and self.kind(eid) == "Person" and eid not in people:
                people.append(eid)
        return people if len(people) == 2 else []

    def fronted_name(self, noun: Token) -> Optional[str]:
        """The name a clause opens with when the noun phrase after its comma describes it ("X, a
        town near Y, was ..."): the name the description stands for."""
        doc = self.sent.span.doc
        comma = noun.left_edge.i - 1
        if comma <= self.body_start or doc[comma].text != ",":
            return None
        eid = self.res.entity_at(doc[comma - 1])
        if eid is None:
            return None
        start = comma - 1
        while start > self.body_start and self.res.entity_at(doc[start - 1]) == eid:
            start -= 1
        return eid if start == max(self.sent.span.start, self.body_start) else None

    def office_holders(self, noun: Token) -> list[str]:
        """Round 34: a party named by its office, and the person the report names beside it: "the
        Minister of Foreign Affairs of X A B", "the envoy for X, A B", "the X defense minister, Gen. A B".
        The state or body inside the office's own phrase is the office's, not a party: the person is.
        The words between the office and the name must be the office's own phrase (its subtree) and at
        most one comma; the name must not be a clause's subject ("met the minister in X, A B said").
        The parser hangs a list's next item on the name ("the envoy for X, A B, and the Y envoy, C D"):
        each such item is a party too, by the same reading. Empty when no one is named so."""
        role = noun.lemma_.lower()
        if role not in ROLE_NOUNS and role not in OFFICIAL_NOUNS or self.res.entity_at(noun) is not None:
            return []
        doc, end = noun.doc, self.sent.span.end
        inside = {t.i for t in noun.subtree}
        comma = False
        for j in range(noun.i + 1, min(noun.i + 12, end)):
            t = doc[j]
            eid = self.res.entity_at(t)
            if eid and self.kind(eid) == "Person":
                head = t
                while self.res.entity_at(head.head) == eid and head.head.i != head.i:
                    head = head.head  # the name's last word carries its relation and the list's next item
                if head.dep_ in ("nsubj", "nsubjpass") or not (j in inside or comma and doc[j - 1].text == ","):
                    return []
                out = [eid]
                for other in noun.subtree:  # (the parser hangs the next item on the name or on the office's place)
                    if other.dep_ == "conj" and other.i > head.i:
                        more = self.office_holders(other) or [self.entity(other, ("Person",))]
                        out.extend(e for e in more if e and e not in out)
                return out
            if t.text == ",":
                if comma:
                    return []
                comma = True
                continue
            if j not in inside or t.pos_ in ("VERB", "AUX", "CCONJ", "PRON") or t.is_punct and t.text != ".":
                return []
        return []

    def side_of_delegates(self, noun: Token) -> Optional[str]:
        """Round 34: "rebel representatives", "insurgent negotiators", "a militant delegation": people who
        speak for a side told by its kind (events.yaml ``armed_by_kind.nouns``) stand for the report's one
        armed group, named before them; none when the report names two groups or none."""
        if noun.lemma_.lower() not in (events_yaml().get("delegates") or {}).get("nouns", []) \
                or self.res.entity_at(noun) is not None:
            return None
        if not any(c.dep_ in ("amod", "compound", "nmod") and c.lemma_.lower() in self.finder.t.generic_armed
                   and self.res.entity_at(c) is None for c in noun.children):
            return None
        start = self.sent.char(noun)
        groups = [e for e in self.res.entities if e.type == "ArmedGroup"]
        if len(groups) != 1 or not any(m.start < start for m in groups[0].mentions):
            return None
        return groups[0].id

    def visitor_of(self, noun: Token) -> Optional[Token]:
        """Round 34: "held talks during a visit that included meetings with X", "his trip included a
        meeting with X": a meeting a visit is told to include was held by the one who made the visit
        (the visit's possessor, or the subject of the clause the visit is the setting of)."""
        verb = noun.head
        if noun.dep_ != "dobj" or verb.lemma_.lower() not in ("include", "involve", "feature"):
            return None
        visit = self.subject(verb)
        if visit is not None and visit.lower_ in ("that", "which") and verb.dep_ == "relcl":
            visit = verb.head
        if visit is None or self.trigger_type(visit)[0] != "Visit":
            return None
        return self.child(visit, "poss") or self.setting_subject(visit)

    def met_the_press(self, tok: Token, nominal: bool) -> bool:
        """Round 34: "met briefly with U.S. and local reporters", "A and B briefed ministry reporters":
        the meeting's only other side is the press (events.yaml ``press.nouns``), a press encounter and
        no meeting of its speakers with anyone (nor of two speakers with each other)."""
        press = frozenset(events_yaml().get("press", {}).get("nouns", []))
        verb = self.light_verb(tok) if nominal else tok
        others = [c for c in tok.children if c.dep_ == "dobj"] if not nominal else []
        for holder in (tok, verb):
            if holder is not None:
                others += [one for o in self.preps(holder).get("with", []) for one in self.expand(o)]
        return bool(others) and all(o.lemma_.lower() in press and self.res.entity_at(o) is None for o in others)

    def placed_by_the_dateline(self, f: Frame) -> None:
        """Round 34: a meeting with no place of its own, told as held on the report's own day ("a good
        meeting this morning with X", "his meeting today with Y"), in a report whose dateline names a
        town: it was held in that town, where the report was filed that day. A meeting of another day
        (or undated) takes no place from the dateline."""
        if f.filled("location") or self.dateline is None or self.published is None or f.date is None:
            return
        if f.date.value != self.published.isoformat() or f.date_strength < Strength.NEAREST:
            return
        f.add("location", self.dateline)

    def name_after(self, noun: Token) -> Optional[str]:
        """The person named right after a role noun ("his counterpart X Y", "the envoy, X Y")."""
        doc = self.sent.span.doc
        i = noun.right_edge.i + 1
        if i < self.sent.span.end and doc[i].text == ",":
            i += 1
        if noun.lemma_.lower() not in ROLE_NOUNS or i >= self.sent.span.end:
            return None
        eid = self.res.entity_at(doc[i])
        return eid if eid and self.kind(eid) == "Person" else None

    def trip_to_meet(self, verb: Token, f: Frame) -> bool:
        """"traveled to X to meet Gen. Y": a trip told as done, and its purpose a meeting with a
        person named, is a meeting that took place (not "visited X to meet its leaders", a plan)."""
        if f.modality != "planned" or f.nominal or verb.dep_ != "advcl" or verb.head.lemma_.lower() not in TRIP_VERBS \
                or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            return False
        people = [e for e in f.roles.get("participants", []) if self.kind(e) == "Person"]
        return len(people) >= 2 and len(people) == len(f.roles["participants"]) \
            and self.finder.modality.of(verb.head) == "asserted"

    def semicolon_list(self, verb: Token) -> list[str]:
        """"met with A, title; B, title of X; and C": the people heading the items of a list
        set off by semicolons after a meeting verb (the parser scatters such lists)."""
        doc = self.sent.span.doc
        items: list[list[Token]] = [[]]
        for t in doc[verb.i + 1:self.sent.span.end]:
            if t.text == ";":
                items.append([])
            else:
                items[-1].append(t)
        if len(items) < 2:
            return []
        out = []
        for item in items:
            eid = next((e for e in map(self.res.entity_at, item) if e and self.kind(e) == "Person"), None)
            if eid is not None and eid not in out:
                out.append(eid)
        return out

    def bulleted_list(self, verb: Token) -> list[list[str]]:
        """Round 49: "X met with leaders over the last several days including:" and then one line per
        meeting, each set off by a bullet ("- Y's Minister of Defense A", "- Prime Minister B and Minister
        C"): the people named on each line, one group per line. Only when the verb's sentence ends with the
        colon and the lines after it are a list (each a bullet, two at least); a line naming no person
        gives no group. Empty otherwise."""
        if not self.sent.text.rstrip().endswith(":"):
            return []
        items: list[list[str]] = []
        lines = 0
        for s in self.sentences[self.sent.index + 1:self.sent.index + 1 + _BULLET_SENTENCES]:
            base = s.span.start_char
            ends = True
            for line in s.span.doc.text[base:s.span.end_char].split("\n"):
                if not line.strip():
                    continue
                if not line.lstrip().startswith(BULLETS):
                    ends = False
                    break
                lines += 1
                start = base + s.span.doc.text[base:].index(line)
                people = []
                for t in s.span:
                    if start <= t.idx < start + len(line):
                        eid = self.res.entity_at(t)
                        if eid and self.kind(eid) == "Person" and eid not in people:
                            people.append(eid)
                base = start + len(line)
                if people:
                    items.append(people)
            if not ends:
                break
        return items if lines >= 2 else []

    def one_meeting_each(self, verb: Token, subj: Token, listed: list, f: Frame) -> Iterable[Frame]:
        """"He also met with A; B; and C": the subject met each of them, one meeting each (round 49: an
        item of a bulleted list may name several, one meeting of them all)."""
        people = ("Person", "Country", "Organization", "ArmedGroup", "ArmedForce")
        if subj.lower_ in PRONOUNS and subj.pos_ == "PRON":
            who = self.antecedent(subj, ("Person",))  # the parser may hang an item on the pronoun
        else:
            who = self.entity(subj, people, modifiers=True)
        groups = [item if isinstance(item, list) else [item] for item in listed]
        if who is None or any(who in g for g in groups):
            return
        for group in groups:
            one = self.new("Meeting", verb, False)
            one.add("participants", who)
            for eid in group:
                one.add("participants", eid)
            for place in f.roles.get("location", []):
                one.add("location", place)
            yield self.finish(one)

    def role_holders(self, noun: Token) -> list[str]:
        """"Y's defense minister", "the foreign ministers of X and Y", "his Indian counterpart": the
        people of those states whose title the report gives them, when the noun names no one itself.
        Round 49: else the one person the report names with the noun's office anywhere, in any case
        ("North Korean leader X" for "the North Korean leader", "Secretary of State Y" for "the secretary")."""
        out = self.titled_holders(noun)
        if not out:
            holder = self.office_holder(noun)
            out = [holder] if holder else []
        return out

    def office_holder(self, noun: Token) -> Optional[str]:
        """Round 49 (events/offices.py): the one person of the report who holds the office the noun tells
        ("the North Korean leader", "Turkey's president", "the head of X's government", "the secretary")."""
        if noun.tag_ in ("NNS", "NNPS"):
            return None  # ("the presidents of X and Y": one office each, read by its states; "the two ...": office_pair)
        office = asked(noun, self.res, self.state_of_the_of)
        if office is None:
            return None
        found = holders(office, self.known_offices())
        return found[0] if len(found) == 1 else None

    def office_pair(self, noun: Token) -> list[str]:
        """Round 49: "the two defence ministers" with no meeting of two told before: the two people of the
        report who hold that office, when exactly two do."""
        office = asked(noun, self.res, self.state_of_the_of)
        found = holders(office, self.known_offices()) if office is not None else []
        return found if len(found) == 2 else []

    def known_offices(self) -> dict:
        """The offices of the report's people (events/offices.py), read once per report."""
        cached = getattr(self.finder, "_r49_offices", None)
        if cached is None or cached[0] is not self.res:
            cached = self.finder._r49_offices = (self.res, offices(self.sentences, self.res))
        return cached[1]

    def state_of_the_of(self, noun: Token) -> Optional[str]:
        """The state an office's "of" phrase names: "the president of X", "the head of X's government"."""
        for o in self.preps(noun).get("of", []):
            for t in [o, *(c for c in o.children if c.dep_ == "poss")]:
                eid = self.res.entity_at(t)
                if eid and self.kind(eid) == "Country":
                    return self.res.countries.get(eid)
        return None

    def titled_holders(self, noun: Token) -> list[str]:
        role = noun.lemma_.lower()
        if role not in ROLE_NOUNS or self.res.entity_at(noun) is not None:
            return []
        codes: list[str] = []
        words: list[str] = []
        for c in noun.children:
            if c.dep_ in ("poss", "compound", "amod", "nmod"):
                eid = self.res.entity_at(c)
                if eid and self.kind(eid) == "Country":
                    codes.append(self.res.countries.get(eid))
                elif c.ent_type_ == "NORP":
                    state = self.state_of(c.text)
                    codes.append(self.res.countries.get(state) if state else None)
                elif c.pos_ in ("ADJ", "NOUN", "PROPN") and c.is_alpha:
                    words.append(c.lower_)
        for o in self.preps(noun).get("of", []):
            for one in self.expand(o):
                eid = self.res.entity_at(one)
                if eid and self.kind(eid) == "Country":
                    codes.append(self.res.countries.get(eid))
        codes = [c for c in codes if c]
        if not codes:
            return []
        out = []
        unnamed: list[Optional[str]] = []
        for code in dict.fromkeys(codes):
            titled = [e for e in self.res.entities if e.type == "Person" and role in e.attributes.get("title", "").lower()
                      and all(w in e.attributes.get("title", "").lower() for w in words)]
            people = [e.id for e in titled if e.attributes.get("country_code") == code] or [
                e.id for e in titled if not e.attributes.get("country_code")]  # "Defense Minister X", state unsaid
            if len(people) != 1:  # round 49: an office told beside the name in any case ("X, Y's president")
                people = holders(Office(frozenset([SPELLINGS.get(role, role), *(SPELLINGS.get(w, w) for w in words)]),
                                        code), self.known_offices())
            if len(people) == 1 and people[0] not in out:
                out.append(people[0])
            elif len(people) != 1 and len(set(codes)) > 1:
                unnamed.append(self.res.country_entity(code))  # round 49: "the presidents of X and Y", Y's unnamed
        return out + [e for e in unnamed if e and e not in out] if out else []

    def met_after(self, verb: Token) -> list[str]:
        """People named after a meeting verb, up to the end of its clause ("met Thursday at the
        state house with Sudan's vice president X to discuss ...": X)."""
        out: list[str] = []
        for t in self.sent.span.doc[verb.i + 1:self.sent.span.end]:
            if t.text in (";", ":") or t.pos_ == "VERB" and t.dep_ in ("advcl", "xcomp", "ccomp", "relcl", "conj") \
                    or t.lower_ in ("who", "which", "where", "after", "before", "because", "but"):
                break
            eid = self.res.entity_at(t)
            if eid and self.kind(eid) == "Person" and self.speaker_named(t, verb):
                break  # round 34: "met X on Monday, spokesman Y said": Y tells of the meeting, no party to it
            if eid and self.kind(eid) == "Person" and eid not in out:
                out.append(eid)
        return out

    def only_tells(self, eid: str, verb: Token) -> bool:
        """Round 34: the person is named in the sentence only as the one who tells of the meeting
        ("A met the minister in X, B said"): no party to it."""
        toks = [t for t in self.sent.span if t.i >= self.body_start and self.res.entity_at(t) == eid]
        return bool(toks) and all(self.speaker_named(t, verb) for t in toks)

    def speaker_named(self, tok: Token, verb: Token) -> bool:
        """Round 34: the name at ``tok`` is the subject of a verb of saying after the meeting verb
        ("..., ministry spokesperson X said in a statement"): the one who tells of the meeting."""
        eid = self.res.entity_at(tok)
        head = tok
        while head.head.i != head.i and self.res.entity_at(head.head) == eid:
            head = head.head
        while head.dep_ in ("appos", "compound") and head.head.i != head.i:
            head = head.head  # "spokesperson X said": the title word is the subject
        return head.dep_ == "nsubj" and head.head.i != verb.i and head.head.i > verb.i and verb not in head.subtree \
            and self.trigger_type(head.head)[0] == "Statement"

    def later_meetings(self, verb: Token, first: Frame) -> Iterable[Frame]:
        """"met with X and later with Y": two meetings, the second with Y alone."""
        for conj in verb.children:
            later = conj.dep_ == "prep" and any(c.dep_ == "advmod" and c.lower_ in SEQUENCE_ADVERBS for c in conj.children)
            if (conj.dep_ == "conj" and conj.pos_ == "ADP" or later) and conj.lower_ == "with":
                others = [e for o in conj.children if o.dep_ == "pobj" for one in self.expand(o)
                          for e in [self.entity(one, ("Person", "Country", "Organization"))] if e]
                if not others:
                    continue
                second = self.new("Meeting", verb, False)
                met = first.roles.get("participants", [])
                for eid in met[:1] + others:  # the subject met Y (and no longer X and Y at once)
                    second.add("participants", eid)
                first.roles["participants"] = [e for e in met if e not in others or e == met[0]]
                for eid in first.roles.get("location", []):
                    second.add("location", eid)
                if len(second.roles.get("participants", [])) >= 2:
                    yield self.finish(second)

    def earlier_by_a_span(self, noun: Token) -> Optional[tuple[Token, int, str]]:
        """Round 41: "A and B met again in X, a month after their first round of talks in Y", "..., two
        weeks after their talks in Y ended": a meeting noun told as what a meeting came a span of time
        after is an earlier meeting of its own, not the one told by the verb again. Returns the verb,
        the span's count and its unit (day, week, month, year), or None."""
        n = noun
        if n.head.lower_ == "of" and n.head.head.pos_ == "NOUN" and n.head.head.lemma_.lower() in SPAN_NOUNS:
            n = n.head.head  # "their first round of talks"
        if n.dep_ == "nsubj" and n.head.pos_ == "VERB" and n.head.dep_ == "advcl":
            mark = next((c for c in n.head.children if c.dep_ == "mark"), None)
            prep, verb = mark, n.head.head  # "two weeks after their talks in Y ended"
        elif n.dep_ == "pobj":
            prep = n.head
            verb = prep.head.head if prep.head.dep_ == "npadvmod" else None
        else:
            return None
        if prep is None or prep.lower_ not in ("after", "following"):
            return None
        span = prep.head if prep.head.dep_ == "npadvmod" else next(
            (c for c in prep.children if c.dep_ == "npadvmod"), None)
        if span is None or verb is None or verb.pos_ != "VERB" or self.trigger_type(verb)[0] != "Meeting":
            return None
        unit = span.lemma_.lower()
        if unit not in ("day", "week", "month", "year"):
            return None
        count = next((c for c in span.children if c.dep_ == "nummod"), None)
        number = parse_number(count.text) if count is not None else 1  # "a month after", "two weeks after"
        return (verb, int(number), unit) if number and number == int(number) else None

    def date_before(self, f: Frame, verb: Token, number: int, unit: str) -> None:
        """Round 41: the earlier meeting's date: the later meeting's (its verb's) day less the span,
        to the span's precision (a month before a day: that month); left as it was when the verb has
        no day."""
        import datetime as dt

        from kg.models import DateValue
        later = self.new("Meeting", verb, False)
        value = self.date_for(later)
        if value is None or value.precision != "day":
            return
        day = dt.date.fromisoformat(value.value)
        if unit in ("day", "week"):
            day -= dt.timedelta(days=number * (7 if unit == "week" else 1))
            f.date = DateValue(day.isoformat(), "day", value.text)
        elif unit == "month":
            month = day.year * 12 + day.month - 1 - number
            f.date = DateValue(f"{month // 12:04d}-{month % 12 + 1:02d}", "month", value.text)
        else:
            f.date = DateValue(f"{day.year - number:04d}", "year", value.text)
        f.date_strength = later.date_strength

    def body_of_meeting(self, noun: Token) -> Optional[str]:
        """Round 41: "blasted X at a Security Council meeting", "spoke at a NATO meeting": the body whose
        meeting it is (an organisation named as the noun's modifier) met the one who spoke there. Only
        for a meeting that is the setting of a clause that is no meeting itself ("A met B at the NATO
        summit" is A's meeting with B)."""
        n = noun
        if n.dep_ != "pobj" or n.head.lower_ not in ("at", "during"):
            return None
        verb = n.head.head
        if verb.dep_ == "dobj" and verb.pos_ == "NOUN":
            verb = verb.head
        if verb.pos_ not in ("VERB", "AUX") or self.trigger_type(verb)[0] == "Meeting":
            return None
        for c in noun.children:
            if c.dep_ in ("compound", "poss", "nmod") and c.i < noun.i:
                eid = self.res.entity_at(c)
                if eid and self.kind(eid) == "Organization":
                    return eid
        return None

    def name_read_as_object(self, verb: Token) -> Optional[Token]:
        """Round 41: "the talks came days after A, the X envoy, briefed B in Y": the parser hangs the name
        on "after" as its object and leaves the meeting verb (a clause under the verb "after" is hung on)
        with no subject of its own. The name whose phrase ends right before the verb (a comma between at
        most) is that verb's subject, as a subject pronoun is in ``subject_read_as_object``."""
        if verb.dep_ == "amod" and verb.tag_ in ("VBD", "VBN"):  # "..., briefed President B": read as
            j = verb.i - 1                                  # an adjective of the name it has as object
            while j > self.sent.span.start and verb.doc[j].is_punct:
                j -= 1
            t = verb.doc[j]
            for _ in range(3):
                if t.dep_ == "pobj" and t.head.lower_ in ("after", "before", "since", "until"):
                    return t if self.kind(self.res.entity_at(t)) in ("Person", "Country", "Organization") else None
                if t.dep_ not in ("appos", "compound") or t.head.i == t.i:
                    return None
                t = t.head
            return None
        if verb.dep_ not in ("advcl", "conj") or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            return None
        for prep in verb.head.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("after", "before", "since", "until") or prep.i > verb.i:
                continue
            for name in (c for c in prep.children if c.dep_ == "pobj"):
                between = verb.doc[name.right_edge.i + 1:verb.i]
                if all(t.is_punct for t in between) and self.kind(self.res.entity_at(name)) in (
                        "Person", "Country", "Organization"):
                    return name
        return None

    def speaking_party(self, noun: Token, f: Frame) -> Optional[str]:
        """Round 44: "X told reporters that General Y issued the invitation during a bilateral meeting
        today": a meeting noun with one party named, told in the words of a named person who is not that
        party, marked as a meeting of two ("bilateral") or as the day's own ("today's meeting"), was the
        speaker's own meeting: the speaker is the second party. None otherwise ("a spokesman said Y spoke
        at a meeting": no mark; a meeting with a "with", "between" or "of" phrase names its own parties)."""
        if noun.tag_ != "NN" or any(p in self.preps(noun) for p in ("with", "between", "of")):
            return None  # "a bilateral meeting of the X council": a body's meeting, not the speaker's
        marked = any((c.dep_ == "amod" and c.lower_ in TWO_SIDED)
                     or (c.dep_ == "poss" and c.lower_ in DAY_WORDS) for c in noun.children)
        if not marked:
            return None
        said = self.speaker_of(noun)
        if said is None:
            return None
        eid = self.entity(said, ("Person",), modifiers=True)
        if eid is None or eid in f.roles.get("participants", []):
            return None
        return eid

    def hosted_guests(self, verb: Token, obj: Token, kinds: tuple[str, ...]) -> list[str]:
        """Round 44: "A hosted a state visit this week for President Y", "A hosted a dinner for Y": a verb of
        hosting whose object is an occasion (events.yaml r44_hosted_occasions) met the ones named after
        "for" (on the occasion or on the verb). [] when the verb is no verb of hosting, the object no occasion,
        or no one is named after "for" ("hosted a dinner for the press")."""
        if self.finder.t.base(verb) not in HOST_VERBS or obj.lemma_.lower() not in OCCASION_NOUNS:
            return []
        fors = self.preps(obj).get("for", []) + self.preps(verb).get("for", [])
        return [e for o in fors for one in self.expand(o)
                for e in (self.office_holders(one) or self.role_holders(one) or [self.entity(one, kinds)]) if e]

