"""Token patterns: a state's forces and government, numbered units, named bases (``PatternsMixin``).

The matchers are built once in ``MentionFinder.__init__``; ``_claim_pattern`` turns their
matches into mentions.
"""

from __future__ import annotations

from typing import Iterator, Optional

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.attrs import LOWER
from spacy.strings import hash_string
from spacy.tokens import Doc, Span, Token

from kg.extract.mentions.resources import Resources
from kg.extract.mentions.common import DIRECTIONS, FACILITY_HEADS, _adjectival, _heads_phrase, _is_demonym


_PRO_GROUP_NOUNS = frozenset(["separatists", "rebels", "militants", "fighters", "gunmen", "militias",
                              "insurgents", "activists", "paramilitaries", "groups", "factions", "militiamen"])

_BACKING_WORDS = frozenset(["backed", "led", "allied", "trained", "supported"])


def _tokens_among(doc: Doc, words: frozenset[str]) -> Iterator[Token]:
    """The tokens of ``doc`` whose lower case may be one of ``words``, in order: the words are
    compared by their hashes in the string store, so only these few tokens are made (spaCy makes
    a Token object at each access); the caller tests the word itself."""
    wanted = {hash_string(w) for w in words}  # (cheap: a few words)
    for i, key in enumerate(doc.to_array(LOWER).tolist()):
        if key in wanted:
            yield doc[i]


class PatternsMixin:
    """A state's forces and government, units and bases, by token pattern."""

    # ----- patterns
    def _country_words(self, nlp: Language) -> tuple[set[str], list[list[str]]]:
        """Single-token lower-cased state words, and multi-token ones as token lists."""
        single: set[str] = set()
        multi: list[list[str]] = []
        for country in self.res.gazetteer.countries():
            for word in (country.name, *country.aliases, *country.demonyms):
                toks = [t.text for t in nlp.make_doc(word)]
                if len(toks) == 1:
                    single.add(toks[0])
                elif len(toks) <= 4:
                    multi.append(toks)
        return single, multi

    def _add_force_patterns(self, nlp: Language) -> None:
        """A state word, then modifiers and a force noun ("Iraqi security forces").

        State words go into a PhraseMatcher and the short tail is scanned by hand: one token
        Matcher pattern per multi-word state name made the Matcher the slowest rule stage.
        """
        single, multi = self._country_words(nlp)
        self.state_words = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.state_words.add("STATE", [nlp.make_doc(w) for w in sorted(single)])
        self.state_words.add("STATE", [nlp.make_doc(" ".join(toks)) for toks in multi])
        self.single_state_words = frozenset(single)
        self.tail_nouns = frozenset(n for n in self.res.force_nouns if " " not in n)
        self.tail_modifiers = frozenset(m for m in self.res.force_modifiers if " " not in m)

    def _tail_ends(self, doc: Doc, i: int) -> Iterator[int]:
        """Ends of every "modifier* force-noun" run starting at token ``i``."""
        n = len(doc)
        while i < n:
            low = doc[i].lower_
            if low in self.tail_nouns:
                yield i + 1
            if low not in self.tail_modifiers:
                return
            i += 1

    def _force_matches(self, doc: Doc) -> list[tuple[str, int, int]]:
        """FORCE / BACKED_FORCE / GOV_FORCE spans, every candidate length (claimed longest first)."""
        out: list[tuple[str, int, int]] = []
        n = len(doc)
        states: dict[int, int] = {}  # start -> end of each state word (the longest)
        for _, s, e in self.state_words(doc):
            states[s] = max(e, states.get(s, e))
            out.extend(("FORCE", s, end) for end in self._tail_ends(doc, e))
            if e + 1 < n and doc[e].text in ("'s", "’s"):  # "X's army", "Y's armed forces": the state's forces
                out.extend(("FORCE", s, end) for end in self._tail_ends(doc, e + 1))
            # "US-backed Syrian forces": a force named by who backs it.
            if e + 1 < n and doc[e].text == "-" and doc[e + 1].lower_ in _BACKING_WORDS:
                j = e + 2
                starts = [j] + ([j + 1] if j < n and doc[j].text in self.single_state_words else [])
                for k in starts:
                    out.extend(("BACKED_FORCE", s, end) for end in self._tail_ends(doc, k))
                if j < n and (doc[j].lower_ in _PRO_GROUP_NOUNS and doc[j].lower_ not in self.tail_nouns
                              or doc[j].lower_ in ("militia", "militias")):
                    # "Russia-backed separatists", "Xia-backed militias": a group named by its patron, no
                    # state's forces ("Xia-linked militants" are no named group: the golds leave them out)
                    out.append(("BACKED_GROUP", s, j + 1))
            # "pro-X separatists", "Pro-X forces": an armed group named by its patron.
            if s >= 2 and doc[s - 1].text == "-" and doc[s - 2].lower_ == "pro":
                j = e
                while j < n and doc[j].lower_ in self.tail_modifiers:
                    j += 1
                if j < n and (doc[j].lower_ in self.tail_nouns or doc[j].lower_ in _PRO_GROUP_NOUNS):
                    out.append(("PRO_GROUP", s - 2, j + 1))
        for t in _tokens_among(doc, self.res.government_heads):
            if t.lower_ in self.res.government_heads and not (
                    t.text[:1].isupper() and t.i > 0 and doc[t.i - 1].is_alpha and doc[t.i - 1].text[:1].isupper()
                    and doc[t.i - 1].lower_ not in self.res.government_heads):
                # (not "the Xland State Police Command": "State" there is a part of a division's name)
                # "pro-government forces": the tokenizer splits off "pro-", a part of the name
                start = t.i - 2 if t.i >= 2 and doc[t.i - 1].text == "-" and doc[t.i - 2].lower_ == "pro" else t.i
                out.extend(("GOV_FORCE", start, end) for end in self._tail_ends(doc, t.i + 1))
        out.extend(self._government_matches(doc, states))
        return out

    def _government_matches(self, doc: Doc, states: dict[int, int]) -> list[tuple[str, int, int]]:
        """GOVERNMENT spans: a state's word, then a government noun heading its phrase ("the Ivorian
        government", "Chad's transitional government"), "the government of X", or a leader's name
        before "administration" ("the X administration"). The body that governs, not the state."""
        out: list[tuple[str, int, int]] = []
        n, res = len(doc), self.res
        for s, e in states.items():
            j = e + 1 if e < n and doc[e].text in ("'s", "’s") else e
            while j < n and doc[j].lower_ in res.government_modifiers:
                j += 1
            k = _body_phrase_end(doc, j, res.state_bodies)
            if k is None and j == e and j + 1 < n and doc[j].is_lower and doc[j].is_alpha \
                    and doc[j + 1].lower_ in res.state_body_heads and (
                        _heads_phrase(doc[j + 1]) or j + 2 < n and doc[j + 2].lemma_.lower() in res.person_roles):
                out.append(("STATE_VOICE", s, j + 2))  # "a Xian defense ministry spokesman": the state's
                # ministry (the event rules read the state in it, as before)
            if k is not None and (_heads_phrase(doc[k - 1]) or k < n and doc[k].lemma_.lower() in res.person_roles):
                # (also "the Xian defense ministry spokesman": the body is named, its voice after it)
                if j == e:  # "the Xian news agency", "the Yian defense ministry" ("X's Defense Ministry",
                    out.append(("STATE_BODY", s, k))  # a name NER finds, stays NER's)
            if j < n and doc[j].lower_ in res.government_bodies and _heads_phrase(doc[j]) \
                    and not (s > 0 and doc[s - 1].text in ("-", "–")) \
                    and not (doc[j].text[:1].isupper() and j + 2 < n and doc[j + 1].lower_ == "of"
                             and doc[j + 2].text[:1].isupper()):
                # (not "anti-X government", nor the start of a name: "X Government of National Unity")
                out.append(("GOVERNMENT", s, j + 1))
        for t in _tokens_among(doc, res.government_bodies):
            if t.lower_ not in res.government_bodies or t.i + 2 >= n:
                continue
            if doc[t.i + 1].lower_ == "of" and t.i + 2 in states and t.i > 0 and (
                    doc[t.i - 1].lower_ == "the" or doc[t.i - 1].is_lower):  # not "Federal Government of X"
                end = states[t.i + 2]
                if not (end < n and doc[end].text in ("'s", "’s")):
                    out.append(("GOVERNMENT", t.i, end))  # "the government of X"
            officials = t.i + 1 < n and doc[t.i + 1].lemma_.lower() in res.person_roles and doc[t.i + 1].is_lower
            if t.lower_ == "administration" and t.i >= 2 and doc[t.i - 1].ent_type_ == "PERSON" \
                    and doc[t.i - 1].pos_ == "PROPN" and (_heads_phrase(t) or officials):
                s = t.i - 1
                while s > 0 and doc[s - 1].ent_type_ == "PERSON" and doc[s - 1].pos_ == "PROPN":
                    s -= 1
                if s > 0 and (doc[s - 1].lower_ == "the" and _heads_phrase(t) or officials and doc[s - 1].is_lower):
                    # "the X administration"; "other X administration officials" (round 32)
                    out.append(("GOVERNMENT", s, t.i + 1))
        return out

    def _command_name(self, s: Span) -> Optional[Span]:
        """"X Army Xland", "X Army South", "X Forces Zland-Forward", "X Forces-Zland": the state's
        force noun written as a name and followed by an area (a state, a world region, a bearing) or a
        hyphened capitalised word names a command of its own, not the state's forces at large."""
        doc, j = s.doc, s.end
        if not (s[-1].text[:1].isupper() and s[-1].lower_ in self.tail_nouns):
            return None  # ("X forces Monday": a plain noun, no name)
        if j < len(doc) and _area_word(doc[j], self.res):
            j += 1
        while j + 1 < len(doc) and doc[j].text == "-" and not doc[j].whitespace_ and doc[j + 1].is_alpha \
                and doc[j + 1].text[:1].isupper():
            j += 2
        return doc[s.start:j] if j > s.end else None

    def _add_unit_patterns(self) -> None:
        """"the 2nd Brigade", "1st Battalion", "82nd Airborne Division": an ordinal, capitalised
        words and a unit word name a military unit, whatever NER makes of the pieces."""
        heads = sorted(h for h in self.res.unit_heads if h not in ("army", "navy", "guard", "guards", "marines"))
        self.matcher.add("UNIT", [
            [{"TEXT": {"REGEX": r"^\d+(?:st|nd|rd|th)$"}}, {"IS_TITLE": True, "OP": "*"},
             {"LOWER": {"IN": heads}, "IS_TITLE": True}],
            [{"TEXT": {"REGEX": r"^\d+(?:st|nd|rd|th)$"}}, {"IS_TITLE": True, "OP": "*"},
             {"LOWER": {"IN": heads}, "IS_TITLE": True}, {"IS_TITLE": True, "OP": "?"},
             {"LOWER": {"IN": ["team", "group", "force"]}, "IS_TITLE": True}],  # "X Brigade Combat Team"
        ])
        # "3rd Brigade Combat Team, 1st Armored Division": a unit and the larger unit it belongs to, the
        # way military releases name a unit (one name)
        unit = [{"TEXT": {"REGEX": r"^\d+(?:st|nd|rd|th)$"}}, {"IS_TITLE": True, "OP": "*"},
                {"LOWER": {"IN": heads}, "IS_TITLE": True}]
        self.matcher.add("UNIT", [
            [*unit, {"TEXT": ","}, *unit],
            [*unit, {"IS_TITLE": True, "OP": "?"}, {"LOWER": {"IN": ["team", "group"]}, "IS_TITLE": True},
             {"TEXT": ","}, *unit],
        ], greedy="LONGEST")

    def _add_facility_patterns(self) -> None:
        heads = [h for h in FACILITY_HEADS if " " not in h]
        self.matcher.add("FACILITY", [
            [{"POS": "PROPN", "OP": "+"}, {"LOWER": {"IN": ["air", "naval", "military", "army", "marine"]}, "OP": "?"},
             {"LOWER": {"IN": heads}}],
            # "the T4 air base": a code name the tagger reads as a common noun
            [{"TEXT": {"REGEX": r"^[A-Z]+-?\d+$"}}, {"LOWER": {"IN": ["air", "naval", "military", "army", "marine"]}, "OP": "?"},
             {"LOWER": {"IN": heads}}],
        ])
        # "Forward Operating Base X", "Mission Support Site Y": a designator before the base's name
        self.matcher.add("NAMED_BASE", [
            [*({"ORTH": w} for w in d.split()), {"IS_TITLE": True, "IS_ALPHA": True, "OP": "+"}]
            for d in self.res.base_designators], greedy="LONGEST")

    def _add_named_force_patterns(self) -> None:
        """"Task Force Hawk", "Task Force 505": a force's opener (titles.yaml force_name_openers) and its
        own name after it, capitalised words or a number, whatever NER makes of them (round 29)."""
        if not self.res.force_name_openers:
            return
        self.matcher.add("NAMED_FORCE", [
            [*({"ORTH": w} for w in op), tail] for op in self.res.force_name_openers
            for tail in ({"IS_TITLE": True, "IS_ALPHA": True, "OP": "+"}, {"TEXT": {"REGEX": r"^\d{1,4}$"}})],
            greedy="LONGEST")

    def _claim_pattern(self, label: str, s: Span, claim) -> None:
        if label == "NAMED_FORCE":
            n = next(len(op) for op in self.res.force_name_openers if tuple(t.text for t in s[:len(op)]) == op)
            end = next((t.i for t in s[n:] if t.lower_.strip(".") in self.res.title_words
                        or t.lower_ in self.res.force_nouns or t.lower_ in self.res.org_heads), s.end)
            before = s.doc[s.start - 1] if s.start > 0 else None
            if before is not None and before.is_title and before.lower_ != "the":
                return  # "Combined Joint Task Force 76": a longer name, read from NER's span as before
            if s[-1].text.isdigit() and s.end < len(s.doc) and s.doc[s.end].lower_ in self.res.force_nouns:
                return  # "Task Force 9 troops": a count of troops, no force's number
            if end > s.start + n:  # (not "Task Force Commander Jane Roe": the force's name ends at a title)
                claim(s.doc[s.start:end], "ArmedForce", None)
            return
        if label == "UNIT":
            nxt = s.doc[s.end] if s.end < len(s.doc) else None
            if nxt is None or not (nxt.is_title and nxt.is_alpha):  # not "X Brigade Public Affairs", a body
                claim(s, "ArmedForce", None, unit=True)
            return
        if label == "FACILITY":
            name = s[:-1] if s[-1].lower_ in FACILITY_HEADS else s
            while len(name) and name[-1].lower_ in ("air", "naval", "military", "army", "marine"):
                name = name[:-1]
            if len(name) == 0 or name[0].ent_type_ in ("PERSON",) and name[0].i > 0 and name[0].nbor(-1).lower_ in self.res.honorifics:
                return
            claim(s, "Location", "MilitaryBase", base_name=name.text)
            return
        if label == "NAMED_BASE":  # "Combat Outpost X": the base, by its designator and name
            designator = next(d for d in sorted(self.res.base_designators, key=len, reverse=True)
                              if s.text.startswith(d + " "))
            # (its name is a code word or a fallen soldier's, no town to look up in the gazetteer)
            claim(s, "Location", "MilitaryBase", named_base=s.text[len(designator) + 1:])
            return
        if label in ("STATE_BODY", "STATE_VOICE"):  # "the Xian news agency": a body of that state, named by what it is
            claim(s, "Organization", None, **({"state_voice": True} if label == "STATE_VOICE" else {}))
            return
        if label == "GOVERNMENT":  # "the Xian government", "Y's government", "the government of Z"
            of = s[0].lower_ in self.res.government_bodies  # "the government of Z"
            state = s[2:].text if of else _state_word(s, self.res)
            country = self.res.gazetteer.country(state) if state else None
            named = of or s[len(state.split())].text in ("'s", "’s") if state else False
            if claim(s, "Organization", "government", government_of=country.code if country else None) is not None \
                    and country is not None and named and not _is_demonym(state, country):
                # "X's government", "the government of X" name the state X too ("the X government": X
                # is a modifier, as before)
                claim(s[2:] if of else s[:len(state.split())], "Country", None, inside=True, country=country)
            return
        if label in ("PRO_GROUP", "BACKED_GROUP"):  # "pro-X militia", "X-backed separatists"
            words = s[2:] if label == "PRO_GROUP" else s
            patron = _state_word(words, self.res)
            if claim(s, "ArmedGroup", None, backer=patron) is not None and patron is not None:
                country = self.res.gazetteer.country(patron)
                if country is not None and not _is_demonym(patron, country):  # the patron state is named too
                    claim(words[:len(patron.split())] if " " in patron else words[:1], "Country", None, inside=True,
                          country=country)
            return
        if _adjectival(s):
            return
        # Strip counting words ("additional", "more", "new") from the start of a force name.
        while len(s) > 1 and s[0].lower_ in ("additional", "more", "new"):
            s = s[1:]
        if label == "GOV_FORCE":
            claim(s, "ArmedForce", None, government=True)
            return
        if s[-1].text == "Police" and s.end < len(s.doc) and s.doc[s.end].text in ("Service", "Services"):
            s = s.doc[s.start:s.end + 1]  # "the Xland Police Service": the force's whole name (round 28)
        head = _state_word(s, self.res)
        if head is None or _describes_a_name(s):
            return
        country = self.res.gazetteer.country(head)
        if country is None:
            return
        if label == "FORCE" and _in_a_command_name(s, self.res):
            return  # "the U.S. Army X and Y Command": the command's name is NER's (round 32)
        command = self._command_name(s) if label == "FORCE" else None
        if command is not None:  # "X Army Xland", "Y Forces-Zland": a command of its own, no state's forces
            claim(command, "ArmedForce", None, command=True)
            return
        if label == "BACKED_FORCE":
            backed = _backed_state(s, self.res)
            if backed is None or backed.code == country.code:
                return
            claim(s, "ArmedForce", None, country=backed.code, backer=country.code)
        elif claim(s, "ArmedForce", None, country=country.code) is not None and len(s) > 2 \
                and s[len(head.split())].text in ("'s", "’s") and not _is_demonym(head, country):
            claim(s[:len(head.split())], "Country", None, inside=True, country=country)  # "X's army" names X too


def _in_a_command_name(s: Span, res: Resources) -> bool:
    """A state's force phrase ("U.S. Army") that opens a longer capitalised name NER labels a body and that
    ends in a command's word after capitalised words ("the U.S. Army X and Y Command"): a part of that name."""
    doc = s.doc
    ent = next((x for x in doc.ents if x.label_ == "ORG" and x.start <= s.start and s.end < x.end), None)
    if ent is None or ent[-1].lower_ not in res.state_command_heads or not ent[-1].text[:1].isupper():
        return False
    return all(t.text[:1].isupper() or t.lower_ == "and" for t in doc[s.end:ent.end])


def _area_word(t, res: Resources) -> bool:
    """A capitalised word naming an area: a state, a world region or a bearing ("South")."""
    return t.is_alpha and t.text[:1].isupper() and (
        t.lower_ in DIRECTIONS or res.gazetteer.country(t.text) is not None or res.gazetteer.region(t.text) is not None)


def _body_phrase_end(doc: Doc, j: int, phrases: tuple[tuple[str, ...], ...]) -> Optional[int]:
    """The end of the longest of ``phrases`` (lower-case words) starting at token ``j``, if any."""
    for words in phrases:
        k = j + len(words)
        if k <= len(doc) and tuple(t.lower_ for t in doc[j:k]) == words:
            return k
    return None


def _describes_a_name(s: Span) -> bool:
    """"X, a Lebanese militia": an indefinite force phrase in apposition to a name says what that
    named actor is; it is no state's forces."""
    root = s.root
    return root.dep_ == "appos" and root.head.pos_ == "PROPN" and any(
        c.dep_ == "det" and c.lower_ in ("a", "an") for c in root.children)


def _state_word(s: Span, res: Resources) -> Optional[str]:
    """The state named at the start of a force phrase ("US" in "US troop reinforcements")."""
    for n in range(min(4, len(s)), 0, -1):
        cand = s[:n].text
        if res.gazetteer.country(cand) is not None:
            return cand
    return None


def _backed_state(s: Span, res: Resources):
    """In "US-backed Syrian forces", the state whose forces they are (Syria)."""
    for i, t in enumerate(s):
        if t.lower_ in ("backed", "led", "allied", "trained", "supported") and i + 1 < len(s):
            return res.gazetteer.country(s[i + 1].text)
    return None
