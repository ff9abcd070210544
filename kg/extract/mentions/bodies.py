"""Forces, groups, outlets and offices the sentence step finds beside NER: peacekeepers,
broadcasters' services, press offices, "X rebels", ships and training ranges.
"""

from __future__ import annotations

from typing import Iterator, Optional

from spacy.tokens import Span

from kg.extract.lexicon import ActorEntry

from kg.extract.mentions.resources import Resources


# Plural nouns that, after a people's name, make an armed group of it ("Karen rebels"); after a
# group of the lexicon they are that group's fighters ("Houthi rebels", "Taliban militants").
_GROUP_PEOPLE_NOUNS = frozenset(["rebels", "separatists", "militiamen", "guerrillas", "guerillas", "insurgents",
                                 "militia", "militias"])
_MEMBERS_OF_GROUP = _GROUP_PEOPLE_NOUNS | frozenset(["militants", "fighters", "jihadists", "militia", "militias"])
# Words of faith or creed before "rebels" name a cause, not a group ("Muslim rebels", "Islamist insurgents").
# ("Maoist rebels" is not among them: news names each country's one Maoist insurgency so, a group.)
_CREED_WORDS = frozenset(["muslim", "islamic", "islamist", "christian", "sunni", "shiite", "shia", "shi'ite", "jihadist",
                          "catholic", "protestant", "buddhist", "hindu", "sikh", "jewish", "communist",
                          "marxist", "leftist", "rightist", "anti", "opposition", "rebel"])


_BODY_FORCE_NOUNS = frozenset(["troops", "forces", "force", "peacekeepers", "soldiers"])


def _body_force(span: Span, entry: ActorEntry, end: int) -> Optional[Span]:
    """"U.N. peacekeepers", "United Nations peacekeeping troops", "an AU force": the
    troops an international body fields, an armed force of its own (not the body)."""
    if entry.type != "Organization" or entry.country:
        return None
    doc, j = span.doc, span.end
    if j < end and doc[j].lower_ == "peacekeeping":
        j += 1
    if j < end and doc[j].lower_ in _BODY_FORCE_NOUNS:
        return doc[span.start:j + 1]
    return None


_MEDIA = ("broadcaster", "news", "newspaper", "wire")
# Capitalised words after an outlet's name that start a role or a place, not the service's name.
_NOT_SERVICE = frozenset(["correspondent", "reporter", "bureau", "editor", "producer", "white", "chief", "senior",
                          "staff", "contributor", "anchor", "host"])


def _media_service(span: Span, entry: ActorEntry, end: int) -> Optional[Span]:
    """A broadcaster or agency's name followed by capitalised words ("VOA News", "VOA Deewa",
    "VOA French Service"): the service named, which reports call by that whole name."""
    if entry.type != "Organization" or not (entry.subtype or "").startswith(_MEDIA):
        return None
    doc, j = span.doc, span.end
    while j < end and doc[j].ent_type_ not in ("PERSON", "DATE", "TIME") and doc[j].lower_ not in _NOT_SERVICE and (
            doc[j].text[:1].isupper() and doc[j].is_alpha
            or doc[j].lower_ in ("to", "of") and j + 1 < end and doc[j + 1].text[:1].isupper()):
        j += 1
    while j > span.end and not doc[j - 1].text[:1].isupper():
        j -= 1
    return doc[span.start:j] if j > span.end else None


# Capitalised words after a body's name that name its press office ("X Public Affairs").
_OFFICE_WORDS = (("Public", "Affairs", "Office"), ("Public", "Affairs"), ("Press", "Office"), ("Media", "Office"))


def _office_of(span: Span, end: int) -> Optional[Span]:
    """"X Command Public Affairs", "Y Press Office": a body's press office, named by the body."""
    doc = span.doc
    for words in _OFFICE_WORDS:
        stop = span.end + len(words)
        if stop <= end and tuple(t.text for t in doc[span.end:stop]) == words:
            return doc[span.start:stop]
    return None


def _with_group_noun(span: Span, entry: ActorEntry, end: int) -> Span:
    """"Houthi rebels", "Taliban militants", "Peshmerga forces": a group or force of the lexicon and
    its fighters' noun are one mention, so the report's way of naming it ("Houthi rebels") is one
    of its names."""
    nouns = _MEMBERS_OF_GROUP if entry.type == "ArmedGroup" else _FORCE_MEMBERS if entry.type == "ArmedForce" else ()
    if span.end < end and span.doc[span.end].lower_ in nouns:
        return span.doc[span.start:span.end + 1]
    return span


_FORCE_MEMBERS = frozenset(["forces", "troops", "fighters", "soldiers"])


def _people_named_groups(sent: Span, res: Resources) -> Iterator[Span]:
    """"Karen rebels", "X separatists", "X Rebels": one capitalised people's name (NER's NORP or a
    proper noun) before a rebel noun. Not a state's name or demonym ("Libyan rebels" are
    rebels of a state, no group's name), a faith ("Muslim rebels"), nor "pro-X" / "X-backed"
    (the patterns of a group named by its patron)."""
    doc = sent.doc
    for t in sent:
        if t.lower_ not in _GROUP_PEOPLE_NOUNS or t.i - 1 < sent.start:
            continue
        name = doc[t.i - 1]
        # NER's word that it is a name (often PERSON: "Karen rebels"), or a proper noun inside the sentence
        named = name.ent_type_ in ("NORP", "PERSON", "ORG") or name.pos_ == "PROPN" and name.i > sent.start
        if not (name.is_alpha and name.text[:1].isupper()) or not named or not (
                name.dep_ in ("compound", "amod", "nmod") or name.head.i == t.i):
            continue  # (the parse may hang the name on the noun any way: "X militias" read as a verb)
        if name.lower_ in _CREED_WORDS or res.gazetteer.country(name.text) is not None \
                or res.lexicon.match(name.text) is not None or name.lower_ in res.title_words:
            continue
        if name.i - 1 >= sent.start and (doc[name.i - 1].text == "-" or doc[name.i - 1].text[:1].isupper()
                                         and doc[name.i - 1].is_alpha and doc[name.i - 1].i > sent.start):
            continue  # "pro-X rebels", "X Tiger rebels": a longer name, not this rule's
        yield doc[name.i:t.i + 1]


def _ship_word(t) -> bool:
    """A word of a ship's name: capitalised ("Jane"), or in capitals as releases write it ("the USS
    JANE DOE"; round 28), not a hull number ("DD 969")."""
    return t.is_alpha and (t.is_title or t.is_upper and len(t.text) >= 3)


def _ships_and_ranges(span: Span, res: Resources) -> Iterator[tuple[str, Span]]:
    """"USS Jane Doe" (a ship prefix of titles.yaml, then one to three capitalised words): a force;
    "X Y Training Area" (one to three capitalised words before it): a place."""
    doc = span.doc
    i = span.start
    while i < span.end:
        t = doc[i]
        if t.text in res.ship_prefixes and i + 1 < span.end and _ship_word(doc[i + 1]):
            j = i + 1
            while j + 1 < span.end and (j - i < 3 or j - i < 4 and doc[j + 1].text == "Group") \
                    and _ship_word(doc[j + 1]) and (  # ("USS X Amphibious Ready Group": the ship's group, round 32)
                    doc[j + 1].pos_ == "PROPN" or doc[j + 1].is_upper and doc[i + 1].is_upper):  # ("USS X WOOD", round 32)
                j += 1
            yield "ArmedForce", doc[i:j + 1]
            i = j + 1
            continue
        if t.text == "Training" and i + 1 < span.end and doc[i + 1].text == "Area":
            k = i
            while k > span.start and i - k < 3 and doc[k - 1].is_title and doc[k - 1].is_alpha \
                    and doc[k - 1].lower_ not in ("the", "a", "an"):
                k -= 1
            if k < i:
                yield "Location", doc[k:i + 2]
            i += 2
            continue
        i += 1
