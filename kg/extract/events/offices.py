"""Round 49: the offices a report gives its people, and the one person an office noun stands for.

A meeting's party is often told by office alone ("The secretary and the North Korean leader held talks",
"Turkey's president met ...", "the two defence ministers discussed ..."), its holder named elsewhere in the
report with the same office: "North Korean leader X", "Turkish President Y", "Z, Libya's prime minister".
The guidelines want the person as the participant when the report names one (the state only when it never
does). The entities keep a title only when it is written capitalised before the name; here every office told
beside a name counts, in either case:

- the words right before a mention ("North Korean leader X", "Thailand's Prime Minister Y", "his Polish
  counterpart Z"), back to a word that ends a title (a determiner, a verb, punctuation, another person);
- a noun of office in apposition after a mention ("X, the head of Libya's government") or a mention in
  apposition after one ("the head of Libya's government, X").

An office is its words (lower-cased, one spelling: events.yaml ``r49_offices.spellings``) and its state (a
country the report names, told by name, possessive or adjective), if any. The office noun of a meeting names
its holder when exactly one person of the report holds an office with its role word, every word that
qualifies it ("prime", "defence") and, if it names a state, that state (a holder whose office names no state
counts only when no holder names it); an office of a lower rank ("vice", "deputy", ``ranks``) is another office
unless the noun says so too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional

from spacy.tokens import Token

from kg.extract.events_data import events_yaml
from kg.extract.resolve import Resolution

_DATA = events_yaml().get("r49_offices") or {}
#: the head nouns of an office ("minister", "president", "leader", "head" ...)
ROLES = frozenset(_DATA.get("roles") or [])
#: words that make another, lower office ("vice president", "deputy prime minister")
RANKS = frozenset(_DATA.get("ranks") or [])
#: words of an office noun that tell no office ("the visiting minister", "the acting minister")
IGNORED = frozenset(_DATA.get("ignored") or [])
#: one spelling of the words spelt two ways ("defence", "defense")
SPELLINGS = dict(_DATA.get("spellings") or {})
#: prepositions inside a title ("Secretary of State", "Minister for Foreign Affairs")
_TITLE_PREPS = frozenset(["of", "for"])
#: parts of speech that end a title read leftwards from a name
_ENDS = frozenset(["DET", "PRON", "VERB", "AUX", "CCONJ", "SCONJ", "NUM", "PART", "INTJ", "SYM", "X"])
_WINDOW = 8


@dataclass(frozen=True)
class Office:
    words: frozenset[str]
    code: Optional[str]


def word(tok: Token) -> str:
    w = tok.lower_.rstrip(".")
    return SPELLINGS.get(w, w)


def _state_code(tok: Token, res: Resolution) -> Optional[str]:
    """The state a word names: a country of the report by its name, or by an adjective of nationality
    ("North Korean", "Turkish": the one country of the report whose name starts as it does)."""
    eid = res.entity_at(tok)
    if eid and res.kinds.get(eid) == "Country":
        return res.countries.get(eid)
    if tok.ent_type_ == "NORP" and len(tok.text) >= 4:
        stem = tok.text[:4].lower()
        codes = {res.countries.get(e.id) for e in res.entities
                 if e.type == "Country" and e.name.lower().startswith(stem)} - {None}
        if len(codes) == 1:
            return codes.pop()
    return None


def _office(toks: list[Token], res: Resolution) -> Optional[Office]:
    """The office that these words tell, if one of them is a role word."""
    codes = [c for t in toks for c in [_state_code(t, res)] if c]
    words = frozenset(w for t in toks if t.is_alpha and not _state_code(t, res) and res.entity_at(t) is None
                      for w in [word(t)] if w not in _TITLE_PREPS and w not in IGNORED)
    if not words & ROLES:
        return None
    return Office(words, codes[0] if len(set(codes)) == 1 else None)


def _before(doc, start: int, lo: int, res: Resolution) -> list[Token]:
    """The words of a title right before a name starting at ``start``."""
    out: list[Token] = []
    j = start - 1
    while j >= lo and len(out) < _WINDOW:
        t = doc[j]
        eid = res.entity_at(t)
        if eid and res.kinds.get(eid) == "Person":
            break
        if t.lower_ in ("'s", "’s"):
            out.append(t)
        elif t.is_punct or t.pos_ in _ENDS or t.pos_ == "ADP" and t.lower_ not in _TITLE_PREPS:
            break
        else:
            out.append(t)
        j -= 1
    out.reverse()
    while out and out[0].lower_ in _TITLE_PREPS | {"'s", "’s"}:
        out.pop(0)  # ("... of X's President Y": the title starts after them)
    return out


def _appositions(first: Token, last: Token, res: Resolution) -> list[list[Token]]:
    """The office nouns set beside the name by apposition, either way round."""
    inside = set(range(first.i, last.i + 1))
    root = next((t for t in first.doc[first.i:last.i + 1] if t.head.i not in inside or t.head.i == t.i), last)
    out: list[list[Token]] = []
    for c in root.children:
        if c.dep_ == "appos" and c.i > last.i and c.lemma_.lower() in ROLES and res.entity_at(c) is None:
            out.append([t for t in c.subtree if t.i not in inside])
    head = root.head
    if root.dep_ == "appos" and head.i < first.i and head.lemma_.lower() in ROLES and res.entity_at(head) is None:
        out.append([t for t in head.subtree if t.i not in inside and t.i < first.i])
    return out


def offices(sentences, res: Resolution) -> dict[str, set[Office]]:
    """Each person's offices as the report tells them beside the person's names."""
    out: dict[str, set[Office]] = {}
    for e in res.entities:
        if e.type == "Person" and e.attributes.get("title"):
            words = frozenset(SPELLINGS.get(w, w) for w in e.attributes["title"].lower().replace(".", "").split()
                              if w not in _TITLE_PREPS and w not in IGNORED)
            if words & ROLES:
                out.setdefault(e.id, set()).add(Office(words, e.attributes.get("country_code")))
    for sent in sentences:
        span = sent.span
        doc = span.doc
        i = span.start
        while i < span.end:
            eid = res.entity_at(doc[i])
            if not eid or res.kinds.get(eid) != "Person":
                i += 1
                continue
            j = i
            while j + 1 < span.end and res.entity_at(doc[j + 1]) == eid:
                j += 1
            for toks in [_before(doc, i, span.start, res), *_appositions(doc[i], doc[j], res)]:
                office = _office(toks, res) if toks else None
                if office is not None:
                    out.setdefault(eid, set()).add(office)
            i = j + 1
    return out


def asked(noun: Token, res: Resolution, state_of_of: Callable[[Token], Optional[str]]) -> Optional[Office]:
    """The office an office noun names ("the North Korean leader", "Turkey's president", "the secretary",
    "the head of X's government"), when the noun names no one itself; ``state_of_of`` reads a state from an
    "of" phrase."""
    role = word(noun) if noun.tag_ != "NNS" else noun.lemma_.lower()
    role = SPELLINGS.get(role, role)
    if role not in ROLES or res.entity_at(noun) is not None:
        return None
    words = {role}
    codes: list[str] = []
    definite = False
    for c in noun.children:
        if c.dep_ == "det" and c.lower_ == "the":
            definite = True
        elif c.dep_ in ("amod", "compound", "nmod", "poss") and c.i < noun.i:
            code = _state_code(c, res)
            if code:
                codes.append(code)
                definite = definite or c.dep_ == "poss"
                continue
            if c.dep_ == "poss" or res.entity_at(c) is not None:
                return None  # ("his counterpart", "X's envoy" of a body: not an office of a state told)
            for m in [c, *(g for g in c.children if g.dep_ in ("amod", "compound") and g.i < c.i)]:
                w = word(m)
                if m.is_alpha and w not in IGNORED:
                    if _state_code(m, res):
                        codes.append(_state_code(m, res))
                    else:
                        words.add(w)
    code = state_of_of(noun)
    if code:
        codes.append(code)
    elif any(c.dep_ == "prep" for c in noun.children if c.i > noun.i and c.lower_ in _TITLE_PREPS):
        return None  # ("the president of the commission": an office of something else)
    if not definite or len(set(codes)) > 1:
        return None
    return Office(frozenset(words), codes[0] if codes else None)


def holders(office: Office, known: dict[str, set[Office]]) -> list[str]:
    """The people whose office is this one: those whose office names its state first (when it names one),
    else those whose office names no state."""
    def fits(o: Office) -> bool:
        return office.words <= o.words and (o.words & RANKS) <= office.words
    named = [p for p, offs in known.items() if any(fits(o) and office.code and o.code == office.code for o in offs)]
    if named or office.code is None:
        return named or [p for p, offs in known.items() if any(fits(o) for o in offs)]
    return [p for p, offs in known.items() if any(fits(o) and o.code is None for o in offs)]
