"""``MentionFinder``: builds spaCy's matchers once, then finds mentions sentence by sentence.

The class is made of one mixin per concern (patterns, NER spans, names, places, groups); this
module holds the steps of a report (``find``) and of a sentence (``_in_sentence``) and the
helpers only those steps use (hyphenated names, unlabelled runs, holders after a title).
"""

from __future__ import annotations

import functools

import re
from functools import partial
from typing import Iterator, Optional

from spacy.attrs import LOWER, ORTH
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.strings import hash_string
from spacy.tokens import Doc, Span

from kg.extract.nlp import ParsedDoc, Sentence

from kg.extract.mentions.raw import RawMention
from kg.extract.mentions.resources import Resources
from kg.extract.mentions.common import (
    DIRECTIONS, _BUILDING_HEADS, _COMMON_ACTORS, _NAMED_PLACE_HEADS, _PEOPLE_NOUNS, _TITLE_MODIFIERS,
    _adjectival, _after_place_noun, _claim_entry, _is_demonym, _is_headline, _only_a_title, _person_context,
    _rank_length, _state_pair_parts, _state_then_name, _strip_titles, _subdivision, _trim, _with_place_suffix
)
from kg.extract.mentions.bylines import (
    _NAME_PARTICLES, _byline_names, _byline_split, _comma_parts, _script_header
)
from kg.extract.mentions.bodies import (
    _GROUP_PEOPLE_NOUNS, _body_force, _media_service, _office_of, _people_named_groups, _ships_and_ranges, _with_group_noun
)
from kg.extract.mentions.report import _confirmed_in_body, _names_of_fighters, _one_kind_per_name, _one_seat_one_type, \
    _person_words, _repeats
from kg.extract.mentions.patterns import PatternsMixin
from kg.extract.mentions.spans import SpansMixin
from kg.extract.mentions.names import NamesMixin
from kg.extract.mentions.places import PlacesMixin
from kg.extract.mentions.groups import GroupsMixin


# Adjectives that make a state's name a region of it ("northern X"); "South Sudan" stays a state.
REGION_DIRECTIONS = frozenset(["southern", "northern", "eastern", "western", "central", "northeastern",
                               "northwestern", "southeastern", "southwestern"])


class MentionFinder(PatternsMixin, SpansMixin, NamesMixin, PlacesMixin, GroupsMixin):
    """Builds spaCy matchers once, then finds mentions sentence by sentence."""

    def __init__(self, nlp: Language, res: Resources) -> None:
        self.res = res
        self._nlp = nlp  # (the lead after a dateline is read again on its own: step 3b)
        self._report_text = ""  # (the report's whole text, set by find)
        self._person_words: Optional[frozenset[str]] = None  # (set per report by find)
        self._norp_words: frozenset[str] = frozenset()
        self.phrases_exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.phrases_lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        names: set[str] = set()
        for entry in res.lexicon.entries():
            names.add(entry.name)
            names.update(entry.aliases)
        short = [n for n in names if len(n) <= 5 and n.upper() == n]
        long = [n for n in names if n not in short]
        # "AU" is written "A.U." too (the look-up folds the dots; the phrase matcher needs the spelling)
        dotted = {".".join(n) + "." for n in short if n.isalpha() and 2 <= len(n) <= 4} - names
        self.phrases_exact.add("ACTOR", [nlp.make_doc(n) for n in [*short, *sorted(dotted)]])
        self.phrases_lower.add("ACTOR", [nlp.make_doc(n) for n in long])
        self.matcher = Matcher(nlp.vocab)
        self._add_force_patterns(nlp)
        self._add_facility_patterns()
        self._add_named_force_patterns()
        self._add_unit_patterns()
        self._matcher_anchors = _anchor_words(self.matcher)

    def _may_match(self, doc: Doc) -> bool:
        """Whether the token matcher can find anything in ``doc``: every one of its patterns has a
        word it cannot match without (``_anchor_words``); most paragraphs hold none of them."""
        if self._matcher_anchors is None:
            return True
        lower, orth = self._matcher_anchors
        return not lower.isdisjoint(doc.to_array(LOWER).tolist()) or not orth.isdisjoint(doc.to_array(ORTH).tolist())

    # ----- finding

    def _lead_after_dateline(self, span: Span) -> list[Span]:
        """The entities of the lead after a dateline at ``span``'s start that NER labelled nowhere in
        the sentence as parsed: spaCy's small model, given "CITY, Feb 29 (Outlet) - Jane Roe and John
        Doe met", labels the second name and not the first. Only tokens without any label are taken,
        so what the sentence's own parse found is never relabelled."""
        from kg.extract.places import title_dateline  # (places imports the resolver, which imports this)

        dateline = title_dateline(span)
        if dateline is None or dateline[2] >= span.end:
            return []
        doc = span.doc
        lead = doc[dateline[2]]
        if lead.ent_type_ or not lead.text[:1].isupper():
            return []  # the lead's first word is labelled already, or no name opens it
        base = lead.idx
        out: list[Span] = []
        for ent in self._nlp(doc.text[base:span.end_char]).ents:
            if ent.label_ not in _LEAD_LABELS:
                continue
            again = doc.char_span(base + ent.start_char, base + ent.end_char)
            if again is None or any(t.ent_type_ for t in again):
                continue
            out.append(Span(doc, again.start, again.end, label=ent.label_))
        return out

    def find(self, parsed: ParsedDoc) -> list[RawMention]:
        """Matchers run once per paragraph Doc; their matches are then read sentence by sentence."""
        out: list[RawMention] = []
        cache: dict[int, tuple[list[tuple[int, int]], list[tuple[str, int, int]], list[Span]]] = {}
        self._person_words = _person_words(parsed)
        self._report_text = "\n".join(x.text for x in parsed.sentences)  # (not ParsedDoc.text: its last sentence)
        self._norp_words = frozenset(t.text for d in {id(x.span.doc): x.span.doc for x in parsed.sentences}.values()
                                     for t in d if t.ent_type_ == "NORP")  # (a people's adjectives in the report)
        for sent in parsed.sentences:
            doc = sent.span.doc
            if id(doc) not in cache:
                cache.clear()  # sentences come paragraph by paragraph
                phrases = [(s, e) for _, s, e in self.phrases_exact(doc)]
                phrases += [(s, e) for _, s, e in self.phrases_lower(doc)]
                patterns = [(self.matcher.vocab.strings[k], s, e) for k, s, e in self.matcher(doc)] \
                    if self._may_match(doc) else []
                patterns += self._force_matches(doc)
                # (a Span's noun_chunks makes those of its whole Doc each time: made once per Doc here)
                cache[id(doc)] = (phrases, patterns, list(doc.noun_chunks))
            phrases, patterns, chunks = cache[id(doc)]
            lo, hi = sent.span.start, sent.span.end
            out.extend(self._in_sentence(
                sent,
                [(s, e) for s, e in phrases if lo <= s and e <= hi],
                [(label, s, e) for label, s, e in patterns if lo <= s and e <= hi],
                [c for c in chunks if c.start >= lo and c.end <= hi],
            ))
        out = _confirmed_in_body(parsed, out)
        out = sorted(out + _repeats(parsed, out), key=lambda m: m.start)
        return _names_of_fighters(parsed, _one_kind_per_name(_one_seat_one_type(out, self.res.seats)), self.res)

    def _in_sentence(self, sent: Sentence, matches: list[tuple[int, int]],
                     pats: list[tuple[str, int, int]], chunks: Optional[list[Span]] = None) -> list[RawMention]:
        """The mentions of one sentence; ``chunks``: its noun chunks (``sent.span.noun_chunks`` if None)."""
        span = sent.span
        doc = span.doc
        found: list[RawMention] = []
        taken: set[int] = set()

        def claim(s: Span, kind: str, subtype: Optional[str] = None, *, inside: bool = False,
                  **hint) -> Optional[RawMention]:
            s = _trim(s)  # (inside: a name within a mention already claimed, "pro-X militia")
            if s is None or not inside and any(i in taken for i in range(s.start, s.end)):
                return None
            if kind in ("Person", "Location", "Organization") and "entry" not in hint and _only_a_title(s, self.res):
                return None  # "Israel's Prime Minister", "as X Foreign Minister Y": a title, whatever found it
            if kind == "Location" and all(t.lower_ in DIRECTIONS or t.lower_ in ("and", "&") for t in s):
                return None  # "in the North", "the West", "North and East": a bearing, no named place
            if kind == "Location" and len(s) >= 2 and s[0].text == "Operation":
                return None  # "part of Operation X": an operation, no place (a force may be called so)
            if kind == "Location" and _world_region_modifier(s, self.res):
                return None  # "the X Asia strategy", "VOA's East Y bureau": a world region as an adjective
            if kind in ("Person", "Organization", "Location") and "entry" not in hint and len(s) >= 2 \
                    and s[-1].lower_ in self.res.document_heads:
                named = _trim(s[:-1])  # "the X Process" with X a town the gazetteer knows: X is named
                if named is not None and kind != "Person" and self._gazetteer_place(named, strict=True):
                    claim(named, "Location", None)
                told = _acronym_after(s)
                if told is not None:  # "the X Y Initiative (XYI)": the plan's acronym names no actor either
                    taken.update(range(told.start, told.end))
                return None  # "X Agreements", "the Y Strategy", "Press Release": a text or a plan, no actor
            if kind == "Country" and s.start > span.start and doc[s.start - 1].lower_ in REGION_DIRECTIONS \
                    and not any(i in taken for i in range(s.start - 1, s.start)):
                # "southern X", "eastern Y": a region of the state, not the state (naming the state too
                # changed the event rules' reading of captures and deployments on the held-out set)
                state = hint.get("country")
                region = claim(doc[s.start - 1:s.end], "Location", None, region_of=state)
                if region is not None and state is not None:
                    claim(s, "Country", None, inside=True, country=state)  # the state is named too
                return region
            taken.update(range(s.start, s.end))
            if kind == "Organization" and s[-1].lower_ in self.res.state_body_heads:
                hint = {**hint, "state_body": True}  # "X's Defence Ministry": one body per state (Resolver)
            if inside:
                hint = {**hint, "inside": True}  # its tokens stand for the mention around it (Resolver)
            m = RawMention(span=s, sentence=sent, kind=kind, text=s.text, start=sent.char(s[0]),
                           end=sent.char(s[-1]) + len(s[-1].text), subtype=subtype, hint=dict(hint))
            found.append(m)
            return m

        # 0. A script header line ("DATE=9/14/2000", "BYLINE=JANE DOE", "DATELINE=CITY, COUNTRY") or
        #    a production cue ("/// DOE ACT, FADE UNDER ///"): the byline names the reporter, the
        #    dateline the place; the rest names no one.
        if _furniture_line(span, self.res):
            return found  # "Courtesy Story", "Example.gov": a page's label or web address on a line of its own
        header = _script_header(span)
        if header is not None:
            key, value = header
            if key == "DATELINE" and len(value):
                for part in _comma_parts(value):
                    country = self.res.gazetteer.country(part.text.title())
                    m = claim(part, "Country", None, country=country) if country is not None else \
                        claim(part, "Location", None, place=None)
                    if m is not None and m.text.isupper():
                        m.text = m.text.title()
            if key != "BYLINE":
                return found
        for name in _byline_names(span):
            name = _strip_titles(name, self.res) or name  # "By Sgt. 1st Class Jane Roe"
            while len(name) > 2 and (name[0].text == "Class" or re.fullmatch(r"\d+(?:st|nd|rd|th)", name[0].text)
                                     and name[1].text == "Class"):
                name = name[1:]  # "1st Class" of a rank (not "173rd Airborne Brigade", a unit)
            person, org = _byline_split(name, self.res.org_heads | self.res.unit_heads | {"affairs"})  # ("X Public Affairs")
            if person is not None:
                m = claim(person, "Person", None, byline=True)
                if m is not None and m.text.isupper():
                    m.text = m.text.title()  # "BYLINE=JANE DOE"
            if org is not None:
                unit = org[-1].lower_ in self.res.unit_heads and org[-1].lower_ not in self.res.org_heads
                claim(org, "ArmedForce" if unit else "Organization", None, **({"unit": True} if unit else {}))
        self._claim_title_dateline(span, claim)
        # 0b. "X-linked militants": a group of its own, X its affiliation (before the lexicon claims X).
        text = sent.text  # (each rule below needs a word of its own: a sentence without one is not read)
        if "-" in text or "\u2013" in text:  # (a hyphen or an en dash joined to "linked", "backed", ...)
            self._claim_linked_groups(span, matches, claim)
        # 0c. A force's or unit's name joined by a spaced dash to its place or operation ("the X Rotational Force –
        #     Y", "Special Z Task Force – Operation W"; round 32): one name, before the lexicon reads its parts.
        if "\u2013" in text or " - " in text:
            for s in _dash_joined_forces(span, self.res):
                claim(s, "ArmedForce", None, unit=True)
        # 1. Lexicon actors (longest first).
        for s, e in sorted(matches, key=lambda m: (m[0] - m[1], m[0])):
            entry = self.res.lexicon.match(doc[s:e].text)
            if entry is not None and _inside_hyphenated_word(doc, s, e):
                continue  # "SAINT-AU-LIEU": a piece of a hyphenated name, no acronym
            if entry is None or _adjectival(doc[s:e]) or s >= 2 and doc[s - 1].text == "-" and doc[s - 2].lower_ == "pro":
                continue  # "pro-Russian forces" are not Russia's forces
            if _common_noun_use(doc, s, e, entry):
                continue  # "wants to create an Islamic state": a kind of state, not the listed group
            if _inside_a_body_name(doc, s, e, self.res):
                continue  # "the National X Council", "the Ministry of Y": another body, named around X or Y
            if e - s == 1 and doc[s].head.i > s and doc[s].head.lemma_.lower() in _PEOPLE_NOUNS \
                    and doc[s].dep_ in ("compound", "amod", "nmod"):
                continue  # "a X man": a group's name as a people's adjective names no actor
            force = _body_force(doc[s:e], entry, span.end)
            if force is not None:  # "U.N. peacekeepers", "an AU force": the body's troops
                claim(force, "ArmedForce", None, body=entry.key)
                continue
            service = _media_service(doc[s:e], entry, span.end)
            if service is not None:  # "VOA News", "VOA Hausa Service": the outlet, by its service's name
                claim(service, "Organization", entry.subtype, entry=entry, bare=doc[s:e].text)  # and "VOA"
                continue
            office = _office_of(doc[s:e], span.end)
            if office is not None:  # "X Command Public Affairs": the body's press office, a body of its own
                if claim(office, "Organization", None) is not None:
                    _claim_entry(doc[s:e], entry, partial(claim, inside=True))
                continue
            told = _expansion_of_listed_acronym(doc, s, e, span, entry, self.res)
            if told is not None:  # "the South X Y Movement in Opposition (XYM-IO)": the bracket's actor (round 32)
                _claim_entry(told[0], told[1], claim)
                continue
            bare = doc[s:e]
            if len(bare) >= 3 and bare[-1].is_lower and bare[-1].lower_ in self.res.name_common_heads \
                    and all(t.text[:1].isupper() for t in bare[:-1] if t.is_alpha):
                bare = bare[:-1]  # "NATO's X Y mission" (the listed "X Y Mission"): also called "X Y" (round 31)
            _claim_entry(_with_group_noun(doc[s:e], entry, span.end), entry, claim, bare=bare.text)
        # 1b. A people's name before a rebel noun ("Karen rebels", "X separatists"): an armed
        #     group named by who its fighters are (a state's demonym or a faith names no group).
        lowered = text.lower()
        for s in _people_named_groups(span, self.res) if any(w in lowered for w in _GROUP_PEOPLE_NOUNS) else ():
            claim(s, "ArmedGroup", None, people=s[0].text)
        # 1f. An alliance's or movement's own name before its fighters' noun ("the X Brotherhood fighters";
        #     titles.yaml armed_name_heads; round 32): an armed group.
        for s in _named_by_fighters(span, self.res, taken) if self.res.armed_name_heads and any(
                w in lowered for w in _FIGHTERS_AFTER_NAME) else ():
            claim(s, "ArmedGroup", None)
        # 1c. An acronym no state or listed actor has, before a force noun ("the XYZ forces", "XY
        #     troops"): the forces of the body so called (a transitional council, a government), an
        #     armed force named so (round 26; titles.yaml acronym_force_nouns).
        acronym_forces = any(w in lowered for w in self.res.acronym_force_nouns)
        for s in _acronym_forces(span, self.res, self._report_text) if acronym_forces else ():
            claim(s, "ArmedForce", None)
        # 1e. Armed men the reports call by their kind as by a name ("bandits", "armed bandits";
        #     titles.yaml kind_named_groups): an armed group so named.
        for s in _kind_named_groups(span, self.res) if self.res.kind_named_groups and \
                any(w in lowered for w in self.res.kind_named_groups) else ():
            claim(s, "ArmedGroup", None)
        # 1d. A governed territory's name before a force noun ("X forces", "X's army"; titles.yaml
        #     governed_regions): the territory's own armed force, and the territory, a place, is named.
        for force, region in _region_forces(span, self.res) if self.res.governed_regions else ():
            if claim(force, "ArmedForce", None, region_force=region.text) is not None:
                claim(region, "Location", None, inside=True)
        # 2. Forces and facilities from token patterns (longest first).
        for label, s, e in sorted(pats, key=lambda m: (m[1] - m[2], m[1])):
            self._claim_pattern(label, doc[s:e], claim)
        # 2b. Ships ("USS X"), a navy's force by the gold's reading, and training areas ("X Training
        #     Area"), places, whatever NER makes of them.
        for kind, s in _ships_and_ranges(span, self.res) if "Training" in text or any(
                p in text for p in self.res.ship_prefixes) else ():
            claim(s, kind, None if kind == "ArmedForce" else "Facility",
                  **({"ship": s[1:].text} if kind == "ArmedForce" else {"place": None}))
        # 2c. A state's service named bare ("nine Navy helicopters", "the Air Force's X Command"), not as a
        #     rank's title ("Navy Adm. Jane Roe") nor inside a longer name ("the U.S. Navy", "Navy SEAL Team"):
        #     an armed force by its own name (round 24).
        for s in _bare_services(span, self.res, taken) if any(b in text for b in self.res.service_branches) else ():
            claim(s, "ArmedForce", None, branch=s.text)
        for s in _bare_services(span, self.res, taken, definite=True) if any(
                "the " + b in text for b in self.res.definite_service_branches) and not _is_headline(sent) else ():
            claim(s, "ArmedForce", None, branch=s.text)  # "the Army's X Division", "and the Army" (round 31)
        # 2d. A force by its common name alone ("coalition forces", titles.yaml plain_forces; round 30).
        for s in _plain_forces(span, self.res, taken) if "oalition" in text else ():
            claim(s, "ArmedForce", None)
        # 2e. A grouping by its own name and a lower-case force tail ("the X group of forces", titles.yaml
        #     named_force_tails; round 32): an armed force, whatever NER makes of the name.
        for s in _named_force_tails(span, self.res, taken) if "of forces" in text or "of troops" in text else ():
            claim(s, "ArmedForce", None)
        # 3. spaCy's entities, corrected by context.
        for ent in _join_body_names(_join_hyphenated(
                span.ents, lambda text: self.res.gazetteer.country(text) is not None,
                self.res.title_heads - self.res.name_part_titles), self.res):
            self._claim_ent(ent, sent, claim)
        # 3b. Names NER left unlabelled after a dateline ("CITY, Feb 29 (Outlet) - Jane Roe and ..."):
        #     the model reads the dateline and the lead's first words as one run; the lead, read again
        #     on its own, gives the names a sentence opening with them would have.
        for ent in self._lead_after_dateline(span):
            self._claim_ent(ent, sent, claim)
        # 3c. States joined by a hyphen ("the U.S.-X partnership", "the X-Y review"): each state is named
        #     (round 31: the golds list the states of such a pair), though the pair is a modifier.
        if "-" in text or "\u2013" in text:
            for part, state, second in _state_pair_parts(sent, self.res.gazetteer):
                whole = doc.char_span(part[0], part[1])
                if whole is not None and not any(i in taken for i in range(whole.start, whole.end)):
                    claim(whole, "Country", None, country=state, state_pair=True)
                elif whole is None:  # ("U.S.-X" is one token: the mention is the state's own letters)
                    toks = doc.char_span(part[0], part[1], alignment_mode="expand")
                    m = claim(toks, "Country", None, inside=second, country=state, state_pair=True) \
                        if toks is not None else None
                    if m is not None:
                        m.text = doc.text[part[0]:part[1]]
                        m.start, m.end = sent.offset + part[0], sent.offset + part[1]
        # 3d. An acronym in brackets right after an actor's name that NER left unlabelled ("the X and Y Command
        #     (XYCOM)"): a mention of that actor (round 32; resolve.py joins it to the name).
        if "(" in text:
            for m in [m for m in found if m.kind in ("Organization", "ArmedGroup", "ArmedForce")]:
                j = m.span.end + (m.span.end < span.end and doc[m.span.end].text in ("'s", "’s"))
                if j + 2 < span.end and doc[j].text == "(" and doc[j + 2].text == ")" and doc[j + 1].is_alpha \
                        and doc[j + 1].is_upper and 2 <= len(doc[j + 1]) <= 8 and not doc[j + 1].ent_type_ \
                        and self.res.lexicon.match(doc[j + 1].text) is None:
                    claim(doc[j + 1:j + 2], m.kind, None, acronym_of=m.text)
        # 4. Definite descriptions that point back to a named entity.
        for chunk in span.noun_chunks if chunks is None else chunks:
            building = _attacked_building(chunk, self.res)
            if building is not None:  # "attacked the royal palace": the building, a place
                claim(building, "Location", "Facility", place=None)
                continue
            self._claim_description(chunk, claim)
        # 5. Proper names NER missed, in a frame that only a place fits ("the capture of X").
        for run in _unlabelled_names(span, taken, first=True):
            if run.start == span.start and len(run) == 1 and run[0].lower_ in _COMMON_ACTORS:
                continue  # "Rebels in X say ...": a common noun capitalised at the start of a sentence
            split = _state_then_name(run, self.res) if len(run) >= 3 else None
            if split is not None:  # "Minister of Defence of X Jane Roe", unlabelled: the state, the holder
                claim(split[0], "Country", None, country=self.res.gazetteer.country(split[0].text))
                claim(split[1], "Person", None, **_person_context(split[1], sent, self.res))
                continue
            country = self.res.gazetteer.country(run.text)
            division = _subdivision(run)
            if division is not None:
                claim(division, "Location", None, place=None)  # "in X state": the state's division X
            elif country is not None and not _is_demonym(run.text, country):
                claim(run, "Country", None, country=country)  # "Nigeria has sent ...", unlabelled
            elif self._place_frame(run) or run.start > span.start and _after_place_noun(run):
                # (a sentence's first word too: "X was captured last week"; "X state": with its word)
                claim(_with_place_suffix(run, self.res), "Location", None, place=None, guessed=True)
            elif self._state_possessive_person(run):  # "held talks with Y's X Z", unlabelled
                claim(run, "Person", None, **_person_context(run, sent, self.res))
            else:
                holder = _holder_after_title(run, sent, self.res)
                if holder is not None:  # "met with Minister of Defense Jane Roe of X", unlabelled
                    claim(holder, "Person", None, **_person_context(holder, sent, self.res))
        # 6. Capitalised names that end in an organisation word the tagger read as a common noun
        #    ("Defense Media Activity"): a body.
        i = span.start
        while i < span.end:
            j = i
            while j < span.end:
                t = doc[j]  # (each word made once)
                if not (t.is_alpha and t.text[:1].isupper() and not t.ent_type_ and j not in taken):
                    break
                j += 1
            if j - i >= 2 and doc[j - 1].lower_ in self.res.org_heads and doc[j - 1].pos_ == "NOUN" \
                    and not _is_headline(sent):
                claim(doc[i:j], "Organization", None)
            i = max(j, i + 1)
        # 7. A state's body or force named "X of <state>" ("the Ministry of Defence of Y", "the National
        #    Defence Force of Z"): the state is named too (titles.yaml state_of_heads; round 28).
        for m in list(found) if self.res.state_of_heads else ():
            state = _state_at_the_end(m, self.res)
            if state is not None:
                claim(state[0], "Country", None, inside=True, country=state[1])
        # 8. A state's name before a person's title ("Xland President Jane Roe", "Yland Minister of
        #    Defense Z"), written out (not "U.S.", "UK"): the state is named too (round 29), and the
        #    person stands for it (the Resolver's affiliation keeps it an entity of the report).
        for m in [m for m in found if m.kind == "Person" and m.hint.get("state_span")]:
            a, b = m.hint["state_span"]
            state = self.res.gazetteer.country(doc[a:b].text)
            if state is not None and not any(i in taken for i in range(a, b)):
                claim(doc[a:b], "Country", None, country=state, before_title=True)
        found.sort(key=lambda m: m.start)
        return found


_WEB_ADDRESS = re.compile(r"(?:www\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:gov|mil|com|org|net|int)")


def _furniture_line(span: Span, res: Resources) -> bool:
    """A sentence that is a whole line of page furniture: a label of titles.yaml furniture_lines
    ("Courtesy Story"), or one web address ("Example.gov"), with nothing else on its line."""
    if not 0 < len(span) <= 4:
        return False
    text = span.text.strip()
    doc = span.doc
    alone = (span.start == 0 or "\n" in doc[span.start - 1].text or "\n" in doc[span.start - 1].whitespace_) \
        and (span.end >= len(doc) or "\n" in doc[span.end - 1].whitespace_ or "\n" in doc[span.end].text)
    if not alone:
        return False
    return text.lower() in res.furniture_lines or _WEB_ADDRESS.fullmatch(text) is not None


def _anchor_words(matcher: Matcher) -> Optional[tuple[frozenset[int], frozenset[int]]]:
    """For a token matcher, the hashes of the lower-case words and of the exact words of which a
    text must hold one for any of its patterns to match: from each pattern, its first token that
    must be there (no "OP", or "+") and names its words (LOWER or ORTH, a string or an "IN" list).
    None when some pattern has no such token: then every text must be matched."""
    lower: set[int] = set()
    orth: set[int] = set()
    for key in matcher._patterns:
        for pattern in matcher.get(key)[1]:
            for spec in pattern:
                if spec.get("OP", "1") not in ("1", "+"):
                    continue
                attr = next((a for a in ("LOWER", "ORTH") if a in spec), None)
                value = spec.get(attr) if attr else None
                words = [value] if isinstance(value, str) else \
                    value.get("IN") if isinstance(value, dict) and set(value) == {"IN"} else None
                if words is not None:
                    (lower if attr == "LOWER" else orth).update(hash_string(w) for w in words)
                    break
            else:
                return None  # a pattern with no word it needs: no shortcut
    return frozenset(lower), frozenset(orth)


#: the labels taken from the lead re-read after a dateline (step 3b): persons, whose names the
#: model loses there ("U.S. Service members" re-read would become a body: other labels stay as parsed)
_LEAD_LABELS = frozenset(["PERSON"])

#: nouns of a journey: "a X visit" is a visit to X, the region a place of the report
_TRIP_NOUNS = frozenset(["visit", "trip", "tour", "journey", "stop", "swing"])


def _acronym_after(s: Span) -> Optional[Span]:
    """The acronym given right after a name, in brackets or after a dash ("the X Y Initiative (XYI)",
    "(X Y Initiative - XYI)"), when its letters are the initials of the name's capitalised words."""
    doc = s.doc
    i = s.end
    if i < len(doc) and doc[i].text in ("(", "-", "–", "—"):
        i += 1
    if i >= len(doc) or i == s.end:
        return None
    word = doc[i].text
    initials = "".join(t.text[0] for t in s if t.text[:1].isupper() and t.is_alpha)
    if 2 <= len(word) <= 8 and word.isupper() and word.isalpha() and word == initials:
        return doc[i:i + 1]
    return None


def _world_region_modifier(s: Span, res: Resources) -> bool:
    """A world region or continent of regions.yaml (no state's: it spans several) written as a
    modifier of a common noun or name ("the South X strategy", "our East Y bureau", "the annual Z
    security summit", "W peace"): used as an adjective, as "American" is, it names no place of the
    report (as drop_adjectival_states does for a state named only as a modifier)."""
    region = res.gazetteer.region(s.text)
    if region is None or region.country_code is not None or region.feature_class != "L":
        return False
    root = s.root
    head = root.head
    if head.lemma_.lower() in _TRIP_NOUNS or head.lemma_.lower() in res.talk_words:
        return False  # "during a Y visit", "the X talks": where something happened, a place of the report
    return root.dep_ in ("compound", "amod", "nmod") and head.i >= s.end \
        and head.pos_ in ("NOUN", "PROPN") and head.ent_type_ not in ("GPE", "LOC")


def _expansion_of_listed_acronym(doc: Doc, s: int, e: int, span: Span, entry, res: Resources):
    """A listed actor's name inside a longer capitalised name told with another listed actor's acronym in
    brackets right after it ("the South X Y Movement in Opposition (XYM-IO)": the name is the bracketed
    actor's, written otherwise than the lexicon writes it; not the shorter listed name inside it). The
    whole name (capitalised words before the match, and capitalised words, "in", "of", "the", "for" after
    it) and the bracket's entry, or None."""
    k = e
    while k < span.end and k - e < 6 and (doc[k].is_title or doc[k].lower_ in ("in", "of", "the", "for")):
        k += 1
    if k == e or k >= span.end or doc[k].text != "(" or not doc[k - 1].is_title:
        return None
    close = next((t.i for t in doc[k + 1:min(span.end, k + 6)] if t.text == ")"), None)
    if close is None or close == k + 1:
        return None
    other = res.lexicon.match(doc[k + 1:close].text)
    if other is None or other is entry or other.key == entry.key:
        return None
    start = s
    while start > span.start and s - start < 3 and doc[start - 1].is_title and doc[start - 1].lower_ != "the":
        start -= 1
    return doc[start:k], other


def _inside_a_body_name(doc: Doc, s: int, e: int, res: Resources) -> bool:
    """A listed actor's name (tokens ``s:e``) inside a longer body's name: NER's ORG span around it
    holds a body word of its own ("the Ministry of the Y", "Z Special Operations Command-W") or runs
    on before the actor's own body word ("U.S. National X Council"), or, in lower case, a modifier runs into it ("the national x council").
    Not the owner of a body ("X's Peace Council": the possessive names X)."""
    if e < len(doc) and doc[e].text in ("'s", "’s"):
        return False
    ent = next((x for x in doc.ents if x.label_ == "ORG" and x.start <= s and e <= x.end and x.end - x.start > e - s), None)
    if ent is not None and any(t.lower_ in res.body_name_heads for t in ent if not s <= t.i < e):
        return True
    if ent is not None and ent.start < s and doc[e - 1].lower_ in res.body_name_heads \
            and (doc[s - 1].text[:1].isupper() and doc[s - 1].lower_ != "the" or doc[s - 1].lower_ in ("and", "&")):
        return True  # ("the Peace and X Council", "the National X Council": the name's head is the match's)
    return e - s >= 2 and s > 0 and all(t.is_lower for t in doc[s:e]) and doc[s - 1].is_lower \
        and doc[s - 1].pos_ in ("ADJ", "PROPN", "NOUN") and any(t.lower_ in res.body_name_heads for t in doc[s:e])


def _hyphen_goes_on(doc: Doc, j: int, taken: set[int]) -> bool:
    """"X-Y" written without spaces, Y a capitalised proper noun nobody labelled: one name (round 32: "the
    X-Y river" is no river "Y")."""
    return j + 2 < len(doc) and doc[j + 1].text == "-" and not doc[j].whitespace_ and not doc[j + 1].whitespace_ \
        and doc[j + 2].pos_ == "PROPN" and doc[j + 2].is_title and not doc[j + 2].ent_type_ and j + 2 not in taken


def _unlabelled_names(span: Span, taken: set[int], first: bool = False) -> Iterator[Span]:
    """Runs of capitalised proper nouns that NER gave no label and no rule claimed (from the
    sentence's second word unless ``first``: the first word is capitalised anyway)."""
    doc = span.doc
    i = span.start + (0 if first else 1)
    while i < span.end:
        t = doc[i]
        if t.pos_ == "PROPN" and t.text[:1].isupper() and not t.ent_type_ and i not in taken:
            j = i
            while j + 1 < span.end and (doc[j + 1].pos_ == "PROPN" and doc[j + 1].text[:1].isupper()
                                        and not doc[j + 1].ent_type_ and j + 1 not in taken or _hyphen_goes_on(doc, j, taken)):
                j += 1 if doc[j + 1].text != "-" else 2
            yield doc[i:j + 1]
            i = j + 1
            continue
        i += 1


def _join_hyphenated(ents, is_state=None, title_heads: frozenset[str] = frozenset()) -> list[Span]:
    """NER splits a hyphenated name ("Abu-Kamal") in two: one name, written without spaces; two
    person names side by side are one ("Hassan Sheikh" "Mohamud"), but not a title's last word and a
    full name after it ("X Governor" "Jane Q. Roe": the office of a place, then its holder; round 32)."""
    out: list[Span] = []
    for ent in ents:
        doc = ent.doc
        end = ent.end  # "Ras Kamboni" labelled only "Ras": take the noun the label's last word modifies
        while end < len(doc) and doc[end - 1].dep_ == "compound" and doc[end - 1].head.i == end \
                and doc[end].pos_ == "PROPN" and not doc[end].ent_type_ and ent.label_ in ("GPE", "LOC", "FAC", "PERSON"):
            end += 1
        start = ent.start  # "Foz do Rio" labelled only "Rio": the words that modify it
        while start > 0 and doc[start - 1].dep_ == "compound" and ent.start <= doc[start - 1].head.i < end \
                and doc[start - 1].pos_ == "PROPN" and not doc[start - 1].ent_type_ and ent.label_ in ("GPE", "LOC", "FAC", "PERSON") \
                and (doc[start - 1].text[:1].isupper() or doc[start - 1].lower_ in _NAME_PARTICLES):
            start -= 1
        while start < ent.start and not doc[start].text[:1].isupper():
            start += 1
        if end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ \
                and not doc[end].whitespace_ and not doc[end + 1].ent_type_ \
                and ent.label_ in ("GPE", "LOC", "FAC", "PERSON") and _HYPHEN_TAIL.fullmatch(doc[end + 1].text) \
                and (is_state is None or not is_state(doc[ent.start:end].text)):  # (not "X Forces State-Forward")
            end += 2  # "X-d'Y", "X-Y": the rest of a hyphenated place name NER left unlabelled
        if ent.label_ == "ORG" and len(ent) == 1 and ent[0].is_upper and ent[0].is_alpha and end + 1 < len(doc) \
                and doc[end].text == "-" and not doc[end - 1].whitespace_ and not doc[end].whitespace_ \
                and doc[end + 1].is_upper and doc[end + 1].is_alpha and len(doc[end + 1]) == 1:
            end += 2  # "XYZ-W": an acronym with its place's letter (round 32)
        if end != ent.end or start != ent.start:
            ent = Span(doc, start, end, label=ent.label_)
        prev = out[-1] if out else None
        if prev is not None and ent.start == prev.end + 1 and ent.doc[prev.end].text == "-" \
                and not prev[-1].whitespace_ and not ent.doc[prev.end].whitespace_:
            out[-1] = Span(ent.doc, prev.start, ent.end, label=ent.label_)
            continue
        if prev is not None and ent.start == prev.end and ent.label_ == prev.label_ == "PERSON" \
                and prev[-1].whitespace_ and not (len(prev) >= 2 and prev[-1].text in title_heads and len(ent) >= 2):
            out[-1] = Span(ent.doc, prev.start, ent.end, label="PERSON")  # "Hassan Sheikh" + "Mohamud"
            continue
        if prev is not None and ent.start == prev.end and prev.label_ == "PERSON" and len(prev) >= 2 \
                and ent.label_ in ("GPE", "LOC", "NORP") and len(ent) == 1 and prev[-1].whitespace_ == " " \
                and ent[0].is_alpha and ent[0].is_title and ent[0].pos_ == "PROPN" \
                and (is_state is None or not is_state(ent.text)):
            end = ent.end  # "X Y" + "Z" (a NORP: "Christian") + "W" unlabelled: the name goes on
            while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].is_title and doc[end].is_alpha \
                    and not doc[end].ent_type_ and doc[end - 1].whitespace_:
                end += 1
            out[-1] = Span(ent.doc, prev.start, end, label="PERSON")  # "Shah Mahmood" + "Qureshi" (a place?)
            continue
        out.append(ent)
    return out


def _join_body_names(ents: list[Span], res: Resources) -> list[Span]:
    """A body's or force's name NER cut at an "of" (round 32): "The Joint Command of" + "Armed Forces" (a name
    ending in "of", then the name after it, "the" perhaps between) is one name; "the Ministry of Defence" +
    "of the Xian Federation" (a state body's or force's name, titles.yaml state_of_heads, then "of" and a
    state's name NER labels a place) is one name, the state named inside it (finder step 7)."""
    out: list[Span] = []
    for ent in ents:
        if ent.label_ == "ORG" and ent[-1].lower_ in res.org_heads:
            ent = _with_purpose(ent)
        prev = out[-1] if out else None
        if prev is None or prev.label_ != "ORG" or ent.label_ not in ("ORG", "GPE"):
            out.append(ent)
            continue
        doc, gap = ent.doc, ent.start - prev.end
        words = [t.lower_ for t in prev]
        if ent.label_ == "ORG" and words[-1] == "of" and len(prev) >= 3 and (
                gap == 0 or gap == 1 and doc[prev.end].lower_ == "the") and ent[-1].text[:1].isupper():
            out[-1] = Span(doc, prev.start, ent.end, label="ORG")
            continue
        if ent.label_ == "GPE" and gap == 1 and doc[prev.end].lower_ == "of" and "of" in words[1:] \
                and words[words.index("of", 1) - 1] in res.state_of_heads:
            bare = ent[1:] if ent[0].lower_ == "the" else ent
            state = res.gazetteer.country(bare.text) if len(bare) else None
            if state is not None and not _is_demonym(bare.text, state):
                out[-1] = Span(doc, prev.start, ent.end, label="ORG")
                continue
        out.append(ent)
    return out


def _with_purpose(ent: Span) -> Span:
    """"The X Council" + "for the Salvation of the Republic" (unlabelled): a body's name goes on over "for" and
    its purpose's capitalised words ("of", "the", "and" between them), when NER labelled none of them (round 32)."""
    doc, j = ent.doc, ent.end
    if j + 1 >= len(doc) or doc[j].lower_ != "for":
        return ent
    k, last = j + 1, None
    while k < len(doc) and not doc[k].ent_type_ and (doc[k].is_alpha and doc[k].is_title or doc[k].lower_ in (
            "of", "the", "and") and k > j + 1 or doc[k].lower_ == "the" and k == j + 1):
        if doc[k].is_title and doc[k].lower_ != "the":
            last = k
        k += 1
    return Span(doc, ent.start, last + 1, label=ent.label_) if last is not None else ent


#: the piece after a hyphen that goes on a name: "d'Y", "l'Y" or a capitalised word
_HYPHEN_TAIL = re.compile(r"(?:[dl]['’][A-Z]\w+|[A-Z][a-z]\w*)")


def _plain_forces(span: Span, res: Resources, taken: set[int]) -> Iterator[Span]:
    """"coalition forces" (``res.plain_forces``) with no capitalised word, hyphenated word or force
    modifier before it ("the U.S.-led coalition forces", "Afghan coalition forces" are other things),
    no capitalised word after it, none of its words claimed."""
    doc = span.doc
    for words in res.plain_forces:
        n = len(words)
        for i in range(span.start, span.end - n + 1):
            if doc[i].lower_ != words[0] or tuple(t.lower_ for t in doc[i:i + n]) != words \
                    or any(j in taken for j in range(i, i + n)):
                continue
            if i > span.start:
                prev = doc[i - 1]
                if prev.text[:1].isupper() or "-" in prev.text or prev.text == "-" or prev.lower_ in res.force_modifiers:
                    continue
            if i + n < span.end and doc[i + n].text[:1].isupper() and doc[i + n].is_alpha:
                continue
            yield doc[i:i + n]


_FIGHTERS_AFTER_NAME = frozenset(["fighters", "forces", "militia", "militiamen", "rebels", "militants"])


def _named_by_fighters(span: Span, res: Resources, taken: set[int]) -> Iterator[Span]:
    """"the X Brotherhood fighters", "Y Alliance forces": one to three capitalised words ending in an alliance's or
    movement's word (``res.armed_name_heads``) before a fighters' noun, none claimed, no state's name or adjective,
    listed actor or body's word among them."""
    doc = span.doc
    for t in span:
        if t.lower_ not in _FIGHTERS_AFTER_NAME or t.i - 1 <= span.start:
            continue
        head = doc[t.i - 1]
        if not (head.is_title and head.lower_ in res.armed_name_heads) or head.i in taken:
            continue
        k = head.i
        while k > span.start and head.i - k < 2 and doc[k - 1].is_alpha and doc[k - 1].is_title \
                and doc[k - 1].lower_ != "the" and k - 1 not in taken:
            k -= 1
        name = doc[k:head.i + 1]
        if len(name) < 2 or any(res.gazetteer.country(w.text) is not None and w.lower_ != head.lower_ for w in name) \
                or res.lexicon.match(name.text) is not None or any(w.lower_ in res.org_heads and w.i != head.i for w in name):
            continue
        yield name


#: last words of a force's or unit's name before a dash and its place ("X Force – Y", "Z Task Force – W")
_DASH_FORCE_HEADS = frozenset(["force", "forces", "command", "group", "team", "unit"])


def _dash_joined_forces(span: Span, res: Resources) -> Iterator[Span]:
    """"the X Rotational Force – Y", "Special Z Task Force – Operation W": capitalised words ending in a force's
    or unit's word, a spaced dash, then one to four capitalised words (a place, or "Operation" and its name):
    one force's name (NER cuts it at the dash, and the lexicon reads "Operation W" as the coalition)."""
    doc = span.doc
    for t in span:
        if t.text not in ("\u2013", "-") or not t.whitespace_ or t.i == span.start or not doc[t.i - 1].whitespace_:
            continue
        head = doc[t.i - 1]
        if not (head.is_title and (head.lower_ in _DASH_FORCE_HEADS or head.lower_ in res.unit_heads)):
            continue
        k = t.i - 1
        while k > span.start and t.i - k < 6 and doc[k - 1].is_alpha and doc[k - 1].is_title \
                and doc[k - 1].lower_ != "the":
            k -= 1
        if t.i - k < 2 or k == span.start and doc[k].lower_ in res.force_nouns:
            continue  # (one word is no name: "Force – X")
        j = t.i + 1
        while j < span.end and j - t.i <= 4 and doc[j].is_alpha and doc[j].is_title:
            j += 1
        if j == t.i + 1:
            continue
        yield doc[k:j]


def _named_force_tails(span: Span, res: Resources, taken: set[int]) -> Iterator[Span]:
    """"the Xia group of forces" (``res.named_force_tails``, in lower case): one or two capitalised words
    before the tail, not a sentence's first word alone, not a state's name or adjective, none claimed."""
    doc = span.doc
    for words in res.named_force_tails:
        n = len(words)
        for i in range(span.start + 1, span.end - n + 1):
            if doc[i].lower_ != words[0] or tuple(t.text for t in doc[i:i + n]) != words \
                    or any(j in taken for j in range(i, i + n)):
                continue
            k = i
            while k > span.start and i - k < 2 and doc[k - 1].is_alpha and doc[k - 1].is_title \
                    and doc[k - 1].lower_ not in ("the", "a", "an") and (k - 1 > span.start or i - k == 1):
                k -= 1
            if k == i or any(j in taken for j in range(k, i)):
                continue
            if res.gazetteer.country(doc[k:i].text) is not None or res.lexicon.match(doc[k:i].text) is not None:
                continue  # "the Xian group of forces": a state's, no name
            yield doc[k:i + n]


def _bare_services(span: Span, res: Resources, taken: set[int], definite: bool = False) -> Iterator[Span]:
    """Spans of a state's service written bare in ``span`` (``res.service_branches``): capitalised as
    listed, no capitalised word or hyphen before it (but a sentence's first word that is no name), no
    capitalised word after it but a possessive, and no rank's title after it ("Navy Adm. X").
    ``definite``: the services of ``res.definite_service_branches``, right after "the" only."""
    doc = span.doc
    for branch in res.definite_service_branches if definite else res.service_branches:
        words = branch.split()
        n = len(words)
        for i in range(span.start, span.end - n + 1):
            if [t.text for t in doc[i:i + n]] != words or any(j in taken for j in range(i, i + n)):
                continue
            if definite and (i == span.start or doc[i - 1].lower_ != "the"):
                continue
            if i > span.start:
                prev = doc[i - 1]
                if prev.text[:1].isupper() and (i - 1 > span.start or prev.pos_ == "PROPN"):
                    continue  # "the U.S. Navy", "Xian Air Force"
                k = i - 2 if prev.lower_ == "the" else i - 1
                if doc[k].lower_ in ("of", "for", "-") and k > span.start and doc[k - 1].text[:1].isupper() \
                        and (k - 1 > span.start or doc[k - 1].pos_ == "PROPN"):
                    continue  # "the Department of the Navy", "Secretary of the Air Force": a name built on it
            after = doc[i + n] if i + n < span.end else None
            if after is not None and after.text not in ("'s", "\u2019s") and after.text[:1].isupper() and after.is_alpha:
                continue  # "Navy SEAL", "Air Force Base", "Air Force Gen.": a longer name or a title
            if after is not None and after.text.lower().strip(".") in res.title_words:
                continue  # ("Navy adm." in lower case)
            yield doc[i:i + n]


def _common_noun_use(doc: Doc, s: int, e: int, entry) -> bool:
    """A listed name written after "a"/"an" with a word in lower case that every spelling of the entry
    capitalises ("an Islamic state", "a national army" for "X National Army"): a common noun phrase, a
    kind of thing, not the listed actor (round 24)."""
    if entry is None or s == 0 or doc[s - 1].lower_ not in ("a", "an"):
        return False
    spellings = [entry.name, *entry.aliases]
    for t in doc[s:e]:
        if t.is_alpha and t.is_lower:
            word = t.lower_
            used = [w for n in spellings for w in n.split() if w.lower() == word]
            if used and all(w[:1].isupper() for w in used):
                return True
    return False


def _inside_hyphenated_word(doc: Doc, s: int, e: int) -> bool:
    """Tokens s..e are a middle piece of a hyphenated word ("X-AU-Y"): hyphens on both sides, no spaces."""
    return s >= 2 and e + 1 < len(doc) and doc[s - 1].text == "-" and doc[e].text == "-" \
        and not doc[s - 2].whitespace_ and not doc[s - 1].whitespace_ and not doc[e - 1].whitespace_ \
        and not doc[e].whitespace_


def _attacked_building(chunk: Span, res: Resources) -> Optional[Span]:
    """"attacked the royal palace", "gunmen stormed the federal prison": the
    object of an attack verb, "the" + one adjective + a building noun in lower case, names one
    building (an adjective of kind, not of size: "a large hotel" is any hotel)."""
    if len(chunk) != 3 or chunk[0].lower_ != "the" or chunk[1].tag_ != "JJ" or not chunk[1].is_lower \
            or chunk[2].lower_ not in _BUILDING_HEADS or not chunk[2].is_lower:
        return None
    root = chunk.root
    if root.dep_ != "dobj" or root.head.lemma_.lower() not in res.attacked_place_verbs:
        return None
    if not chunk[1].lower_.endswith(("al", "ial", "ian", "ese", "ish")):
        return None  # ("presidential", "national", "royal", "federal"; not "old", "main", "large")
    return chunk[1:]


def _holder_after_title(run: Span, sent: Sentence, res: Resources) -> Optional[Span]:
    """An unlabelled run of two or three capitalised words right after an office's title ("Minister
    of Defense Jane Roe", the run perhaps holding the title's last word): the holder's full name,
    when no word of it is a title, organisation or place word and the gazetteer knows no place by it."""
    doc = run.doc
    start = run.start + (_rank_length(run, res) if res.ranks else 0)  # ("Junior Sergeant X Y", round 31)
    while start < run.end and doc[start].text.lower().strip(".") in res.title_words:
        start += 1
    name = doc[start:run.end]
    if not 2 <= len(name) <= 3 or not all(t.is_alpha and t.text[:1].isupper() and not t.is_upper for t in name):
        return None
    if any(t.lower_ in res.title_words or t.lower_ in res.org_heads or t.lower_ in _NAMED_PLACE_HEADS
           or t.lower_ in res.unit_heads or t.lower_ in res.person_roles or t.lower_ in _TITLE_MODIFIERS for t in name):
        return None  # ("Chief Executive Officer": the title's own words)
    if res.gazetteer.lookup(name.text) is not None or res.gazetteer.country(name.text) is not None \
            or res.lexicon.match(name.text) is not None:
        return None
    i, head = start - 1, False
    while i >= max(sent.span.start, start - 6) and (
            doc[i].text[:1].isupper() and (doc[i].text.lower().strip(".") in res.title_words
                                           or doc[i].lower_ in res.title_complements)
            or doc[i].lower_ in ("of", "for") and i < start - 1):
        head = head or doc[i].text in res.title_heads
        i -= 1
    # (a lower-case "minister" before a name is a description, not a title)
    return name if head else None


def _kind_named_groups(span: Span, res: Resources) -> Iterator[Span]:
    """"bandits", "Bandits", "armed bandits": a kind of armed men the reports name as a group
    (titles.yaml kind_named_groups), with "armed" before it when written; not as a modifier
    ("bandit attacks" is singular and no match)."""
    doc = span.doc
    for t in span:
        if t.lower_ in res.kind_named_groups:
            start = t.i - 1 if t.i > span.start and doc[t.i - 1].lower_ == "armed" else t.i
            yield doc[start:t.i + 1]


def _state_at_the_end(m: RawMention, res: Resources):
    """"the Ministry of Defence of X", "the National Defence Force of Y": a body's or a force's name whose
    first "of" follows a state body's or force's word (titles.yaml state_of_heads) and whose last "of"
    is followed by a state's name (not its adjective): that state's words and the state. Not a
    listed actor's name ("the Islamic State of X"), nor an outlet's ("Voice of X")."""
    if m.kind not in ("Organization", "ArmedForce") or m.hint.get("entry") is not None and not m.hint.get("national"):
        return None  # (a state's national force the lexicon lists is read: "the X Defence Force of Y")
    span = m.span
    ofs = [t.i for t in span if t.lower_ == "of"]
    if not ofs or ofs[0] == span.start or span.doc[ofs[0] - 1].lower_ not in res.state_of_heads:
        return None
    start = ofs[-1] + 1 + (ofs[-1] + 1 < span.end and span.doc[ofs[-1] + 1].lower_ == "the")
    tail = span.doc[start:span.end]
    if not len(tail) or not all(t.text[:1].isupper() for t in tail):
        return None
    state = res.gazetteer.country(tail.text)
    if state is None or _is_demonym(tail.text, state):
        return None
    return tail, state


def _region_forces(span: Span, res: Resources) -> Iterator[tuple[Span, Span]]:
    """"Xland forces", "Xland's army", "Xland security forces": a territory that governs itself
    (titles.yaml governed_regions), then modifiers and a force noun: the force and the territory."""
    doc = span.doc
    by_first = _regions_by_first_word(res.governed_regions)
    for t in span:
        for words in by_first.get(t.text, ()):  # (a dict look-up per token: this runs on every span)
            e = t.i + len(words)
            if e >= span.end or any(doc[t.i + k].text != w for k, w in enumerate(words[1:], 1)):
                continue
            j, end = (e + 1 if doc[e].text in ("'s", "’s") else e), None
            while j < span.end:  # the longest "modifier* noun" run ("X army units" too; "army" is both)
                if doc[j].lower_ in res.region_force_nouns:
                    end = j + 1
                if doc[j].lower_ not in res.force_modifiers:
                    break
                j += 1
            if end is not None:
                yield doc[t.i:end], doc[t.i:e]


@functools.lru_cache(maxsize=8)
def _regions_by_first_word(regions: tuple[tuple[str, ...], ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """The governed territories' names by their first word, built once per word list."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for words in regions:
        if words:
            out.setdefault(words[0], []).append(words)
    return {k: tuple(v) for k, v in out.items()}


def _acronym_forces(span: Span, res: Resources, report: str) -> Iterator[Span]:
    """"NXC forces", "the TQG forces": an acronym of capitals (two to five letters, not a state's nor
    a listed actor's, not part of a longer capitalised name) right before a lower-case force noun;
    not an acronym the report gives an army's or a force's name ("the X Army (XA)")."""
    doc = span.doc
    for t in span:
        if not (t.is_alpha and t.text.isupper() and 2 <= len(t.text) <= 5 and t.i + 1 < span.end):
            continue
        nxt = doc[t.i + 1]
        if nxt.text not in res.acronym_force_nouns:  # (lower case: not a headline in capitals)
            continue
        if t.i > span.start and doc[t.i - 1].text[:1].isupper() and doc[t.i - 1].is_alpha and t.i - 1 != span.start:
            continue  # "the Velmar NXC forces": a longer name
        if res.gazetteer.country(t.text) is not None or res.lexicon.match(t.text) is not None:
            continue  # "US troops", "UN forces": a state's, a listed body's (read elsewhere)
        told = re.search(r"(\w+)\s*\(" + re.escape(t.text) + r"\)", report)
        if told is not None and (told.group(1).lower() in res.unit_heads or told.group(1).lower() in ("forces", "force")):
            continue  # "the Velmar National Army (VNA) ... VNA troops": that army's own name, joined to it
        yield doc[t.i:t.i + 2]
