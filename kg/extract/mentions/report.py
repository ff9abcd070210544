"""Passes over a whole report that ``MentionFinder.find`` runs after the sentences: a headline
checked against the body, a name found once repeated where NER missed it, one seat one type,
the words of persons' names.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional

from kg.extract.nlp import ParsedDoc

from kg.extract.mentions.raw import RawMention
from kg.extract.mentions.common import PLACE_NOUNS, _is_headline, _strip_possessive, _strip_the


def _confirmed_in_body(parsed: ParsedDoc, found: list[RawMention]) -> list[RawMention]:
    """A headline in Title Case misleads the tagger ("Bombings Rock Nigerian City", "Meets
    With", "Its People"): keep a headline name only when it is a state, an actor of the
    lexicon, a state's force ("Xian Soldiers"), or written the same way in the body."""
    if not parsed.sentences or not _is_headline(parsed.sentences[0]):
        return found
    body = " ".join(s.text for s in parsed.sentences[1:])
    out = []
    for m in found:
        base = m.hint.get("base_name") if m.subtype == "MilitaryBase" else None  # "X base": a base in X
        state_force = m.kind == "ArmedForce" and isinstance(m.hint.get("country"), str)  # ("Xian Soldiers": the
        # state's word and a force noun, found by the force patterns, not by the tagger)
        if m.sentence.index == 0 and not (m.kind == "Country" or m.hint.get("entry") is not None or state_force
                                          or _strip_the(_strip_possessive(m.text)) in body or base and base in body
                                          or _name_parts_in_body(m, body) or _department_of(m)
                                          or _initialled_name(m)):
            continue
        out.append(m)
    return out


_INITIALLED = re.compile(r"[A-Z][a-z]+(?: [A-Z]\.)+ [A-Z][a-z]+(?:-[A-Z][a-z]+)?")


def _initialled_name(m: RawMention) -> bool:
    """"Statement From X Press Secretary Jane Q. Roe": a person's name with a middle initial, which Title Case
    does not invent (round 32: a statement's author named in its headline only)."""
    return m.kind == "Person" and _INITIALLED.fullmatch(m.text) is not None


def _department_of(m: RawMention) -> bool:
    """"Department of X", "Ministry of Y" in a headline: a state's body by its formal name, which Title
    Case does not invent."""
    return m.kind == "Organization" and re.fullmatch(r"(?:Department|Ministry) of (?:the )?[A-Z]\w+(?: [A-Z]\w+)?", m.text) \
        is not None and not any(t.pos_ in ("VERB", "AUX") or t.tag_ == "VBZ" for t in m.span)


def _name_parts_in_body(m: RawMention, body: str) -> bool:
    """A headline's full name of three words or more whose first and last words the body both uses on
    their own ("Jane Al Roe" in the headline, "Dr. Jane" and "Minister Roe" below): that person."""
    words = m.text.split()
    return m.kind == "Person" and len(words) >= 3 and all(
        re.search(rf"\b{re.escape(w)}\b", body) for w in (words[0], words[-1]))


NAME_SUFFIXES = frozenset(["Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"])


def _repeats(parsed: ParsedDoc, found: list[RawMention]) -> list[RawMention]:
    """A name found once is the same name where NER missed it in another sentence ("to the
    Upper X" unlabelled, "in the Upper X" labelled): claim each exact repeat of a place or
    actor name of two words or more, and each bare surname of a person named in full."""
    names: dict[str, RawMention] = {}
    for m in found:
        if m.kind in ("Location", "ArmedGroup", "Organization", "Person") and len(m.span) >= 2 \
                and m.text[:1].isupper() and m.text not in names:
            names[m.text] = m
    surnames: dict[str, RawMention] = {}  # "Jane Roe ... met with Roe": NER misses the bare surname
    for m in found:
        words = [t for t in m.span if t.text not in NAME_SUFFIXES]  # "X Y Jr." is called "Y"
        last = words[-1] if words else m.span[-1]
        if m.kind == "Person" and len(words) >= 2 and len(last.text) > 2 and last.text[:1].isupper() \
                and last.text.isalpha() and last.text not in names:
            surnames.setdefault(last.text, m)
    if not names and not surnames:
        return []
    claimed = {(id(m.span.doc), i) for m in found for i in range(m.span.start, m.span.end)}
    out: list[RawMention] = []
    for sent in parsed.sentences:
        text, base = sent.text, sent.span.start_char
        for name, m in names.items():
            at = text.find(name)
            while at != -1:
                span = sent.span.doc.char_span(base + at, base + at + len(name))
                if span is not None and not any((id(span.doc), i) in claimed for i in range(span.start, span.end)):
                    out.append(RawMention(span=span, sentence=sent, kind=m.kind, text=name, start=sent.char(span[0]),
                                          end=sent.char(span[-1]) + len(span[-1].text), subtype=m.subtype,
                                          hint=dict(m.hint)))
                    claimed.update((id(span.doc), i) for i in range(span.start, span.end))
                at = text.find(name, at + len(name))
        for tok in sent.span if any(name in text for name in surnames) else ():  # (a token's text is in its sentence's)
            m = surnames.get(tok.text)
            if m is not None and tok.pos_ == "PROPN" and (id(tok.doc), tok.i) not in claimed:
                span = tok.doc[tok.i:tok.i + 1]
                out.append(RawMention(span=span, sentence=sent, kind="Person", text=tok.text, start=sent.char(tok),
                                      end=sent.char(tok) + len(tok.text), hint=dict(m.hint)))
                claimed.add((id(tok.doc), tok.i))
    return out


def _one_seat_one_type(found: list[RawMention], seats: frozenset[str]) -> list[RawMention]:
    """A government seat the report puts someone in ("met at the X") is that building in all its
    mentions ("the X's spokesperson" too): one name, one type. Named only as a voice, it stays a body."""
    buildings = {m.text.lower() for m in found if m.kind == "Location" and m.text.lower() in seats}
    for m in found:
        if m.kind == "Organization" and m.text.lower() in buildings:
            m.kind, m.subtype, m.hint = "Location", "Facility", {"place": None}
    return found


def _person_words(parsed: ParsedDoc) -> frozenset[str]:
    """The words of every person's name of two words or more NER finds in the report."""
    docs = {id(s.span.doc): s.span.doc for s in parsed.sentences}
    return frozenset(t.lower_ for d in docs.values() for e in d.ents if e.label_ == "PERSON" and len(e) >= 2
                     for t in e)


def _names_of_fighters(parsed: ParsedDoc, found: list[RawMention], res) -> list[RawMention]:
    """A name the report also writes before fighters ("X militants", "Y fighters", "Z rebels") and uses
    alone ("X attacked", "the Y") is a group's name: where the model guessed a person, a body or a
    place no gazetteer knows for the bare name, it is the armed group. (A people before fighters,
    "Tuareg rebels", is labelled a people and never used alone as a name; a state is a state.)"""
    docs = {id(s.span.doc): s.span.doc for s in parsed.sentences}
    fighters = set()
    for d in docs.values():
        for ent in d.ents:
            label = ent.label_  # (a person has fighters and enemies too: "rebels loyal to X", "a war against Y")
            if label in ("PERSON", "ORG", "GPE", "LOC", "FAC") and (
                    _before_irregulars(ent, res) or _armed_group_beside(ent, res)) \
                    or label == "ORG" and _irregulars_of(ent, res) \
                    or label in ("PERSON", "ORG") and _claims_an_attack(ent, res) \
                    or label in ("ORG", "GPE", "LOC", "FAC") and _the_armys_enemy(ent, res) \
                    or label == "ORG" and _takes_a_place(ent, res):
                text = _strip_the(_strip_possessive(ent.text))
                if res.gazetteer.country(text) is None and res.lexicon.match(text) is None:
                    fighters.add(text.lower())
    # a name the text itself calls armed in one sentence ("X, a militia allied with Y"): the same in all
    fighters |= {_strip_the(_strip_possessive(m.text)).lower() for m in found
                 if m.kind == "ArmedGroup" and m.hint.get("entry") is None and len(m.span) <= 4}
    # a name written with its fighters' noun and taken whole ("X rebels", "the Y militia" as one name the
    # model calls a person, a body or a group): that whole name is a group's, and X, Y said alone is
    # that group (round 22: a group a new report brings, that no lexicon lists)
    # (an acronym before them, "XYZ rebels", is the group's own name: the mention is cut to it)
    for i, m in enumerate(found):
        bare = _bare_of_fighters(m, res)
        if bare is None:
            continue
        if m.kind != "ArmedGroup":
            m.kind, m.hint = "ArmedGroup", {"fighters_whole": bare.lower()}
        fighters.add(bare.lower())
        if len(m.span) == 2 and bare == m.span[0].text and len(bare) >= 2 and bare.isupper() and bare.isalpha():
            found[i] = replace(m, span=m.span[:1], text=bare, end=m.start + len(bare))
    # a name armed groups are linked to, affiliated with or loyal to ("an X-linked group", "the Y
    # affiliate", "militants with ties to Z", "W, which is linked to V"): a group too (round 20)
    # (named so only, it stands for no description of the report: "the group" is the one linked to it)
    patrons: set[str] = set()
    for d in docs.values():
        for ent in d.ents:
            if ent.label_ != "ORG":
                continue
            text = _strip_the(_strip_possessive(ent.text))
            if text.lower() in fighters or res.gazetteer.country(text) is not None or res.lexicon.match(text) is not None:
                continue
            if _patron_of_armed(ent, res, fighters):
                patrons.add(text.lower())
    fighters |= patrons
    # a name the text calls a place ("the town of X", "X province") is a place, whatever fights from it
    fighters -= {_strip_the(_strip_possessive(m.text)).lower() for m in found
                 if m.kind == "Location" and _named_a_place(m.span, res)}
    if not fighters:
        return found
    for m in found:
        if m.kind not in ("Person", "Organization", "Location") or m.hint.get("entry") is not None or m.subtype \
                or m.hint.get("title") or m.hint.get("honorific") or m.hint.get("inside"):
            continue
        text = _strip_the(_strip_possessive(m.text))
        if text.lower() in fighters and (m.kind != "Location" or res.gazetteer.lookup(text) is None):
            m.kind, m.hint = "ArmedGroup", {"fighters_name": text.lower(), "patron": text.lower() in patrons}
    return found


def _bare_of_fighters(m: RawMention, res) -> Optional[str]:
    """"X rebels", "the Y militia" (one name, no lexicon entry): "X", "Y", when that is a name (capitalised,
    no state's or people's adjective the gazetteer knows, no lexicon actor)."""
    if m.kind not in ("ArmedGroup", "Person", "Organization") or m.hint.get("entry") is not None or m.subtype \
            or m.hint.get("title") or m.hint.get("honorific") or len(m.span) < 2:
        return None
    last = m.span[-1]
    if last.lower_ not in res.irregular_fighters and last.lemma_.lower() not in res.irregular_fighters:
        return None
    bare = _strip_the(_strip_possessive(m.span[:-1].text))
    if not any(w[:1].isupper() for w in re.split(r"[\s-]+", bare)) or res.gazetteer.country(bare) is not None \
            or res.lexicon.match(bare) is not None:  # ("al-X militia": a name after its article)
        return None
    return bare


def _one_kind_per_name(found: list[RawMention]) -> list[RawMention]:
    """A name one sentence says is a kind of thing ("the UN peacekeeping mission, X", "the force called
    Y", "the emergency service Z") is that kind in every sentence where the model guessed a person or
    a body for it alone ("X denied the reports"): one name, one type (round 20)."""
    kinds = {}
    for m in found:
        if m.hint.get("described") and m.hint.get("entry") is None:
            kinds.setdefault(_strip_the(_strip_possessive(m.text)).lower(), m.kind)
    if not kinds:
        return found
    for m in found:
        kind = kinds.get(_strip_the(_strip_possessive(m.text)).lower())
        if kind is None or m.kind == kind or m.kind not in ("Person", "Organization") or m.subtype \
                or m.hint.get("entry") is not None or m.hint.get("title") or m.hint.get("honorific") \
                or m.hint.get("inside"):
            continue
        m.kind, m.hint = kind, {"described": kind}
    return found


def _patron_of_armed(ent, res, fighters: set[str]) -> bool:
    """"an X-linked group", "Y-affiliated militants", "the X affiliate", "Y's affiliate", "a militant chief
    with ties to Z", "the insurgents pledged allegiance to W", "V, which is linked to X" (V a name the
    report calls a group): armed groups are linked to the name. The words are data (titles.yaml:
    affiliation_words, affiliate_nouns, link_nouns)."""
    doc, root = ent.doc, ent.root
    if ent.end + 1 < len(doc) and doc[ent.end].text == "-" and doc[ent.end + 1].lower_ in res.affiliation_words:
        head = doc[ent.end + 1].head  # "an X-linked group"
        return head.lemma_.lower() in res.group_nouns or head.lemma_.lower() in res.irregular_fighters \
            or head.lower_ in res.irregular_fighters
    if root.dep_ in ("compound", "poss", "nmod") and root.head.i >= ent.end and root.head.lower_ in res.affiliate_nouns:
        return True  # "the X affiliate", "Y's affiliate in the region"
    if root.dep_ != "pobj" or root.head.lower_ not in ("to", "with"):
        return False
    link = root.head.head
    if link.lemma_.lower() not in res.link_nouns and link.lower_ not in res.link_nouns:
        return False
    if link.dep_ == "pobj":
        owner = link.head.head  # "a militant chief with ties to Z"
    elif link.dep_ in ("relcl", "acl", "amod"):
        owner = link.head  # "V, which is linked to X", "fighters linked to X"
    else:
        verb = link.head if link.dep_ == "dobj" else link  # "pledged allegiance to W", "V is linked to X"
        owner = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if owner is None:
        return False
    if owner.lemma_.lower() in res.irregular_fighters or owner.lower_ in res.irregular_fighters \
            or any(c.lower_ in res.armed_group_words for c in owner.children):
        return True
    name = next((e for e in doc.ents if e.start <= owner.i < e.end), None)
    if name is None:
        return False
    text = _strip_the(_strip_possessive(name.text))
    entry = res.lexicon.match(text)
    return text.lower() in fighters or entry is not None and entry.type == "ArmedGroup"


def _armed_group_beside(ent, res) -> bool:
    """"the country's largest rebel group, X", "militant group X", "the X armed group": the name and an
    armed group noun stand for one another (apposition or compound)."""
    root = ent.root
    near = [t for t in root.children if t.dep_ in ("appos", "compound") and not ent.start <= t.i < ent.end]
    if root.dep_ in ("appos", "compound", "amod", "nmod"):
        near.append(root.head)
    return any(t.lemma_.lower() in res.group_nouns
               and any(c.lower_ in res.armed_group_words and c.i < t.i for c in t.children) for t in near)


def _claims_an_attack(ent, res) -> bool:
    """"X claimed the ambush", "Y claims responsibility for the bombing": who claims an attack fights."""
    root = ent.root
    if root.dep_ != "nsubj" or root.head.lemma_.lower() != "claim":
        return False
    return any(c.dep_ == "dobj" and (c.lower_ in res.fighting_words or c.lemma_.lower() in res.fighting_words
                                     or c.lower_ == "responsibility")
               for c in root.head.children)


def _the_armys_enemy(ent, res) -> bool:
    """"held by X", "recaptured the village from Y", "a ground operation against Z", "victory over W"."""
    root = ent.root
    if root.dep_ != "pobj":
        return False
    prep, head = root.head.lower_, root.head.head
    lemma = head.lemma_.lower()
    return prep == "by" and lemma in res.held_by_verbs or prep == "from" and lemma in res.retaken_from_verbs \
        or prep == "against" and lemma in res.war_nouns or prep == "over" and lemma == "victory"


def _takes_a_place(ent, res) -> bool:
    """"X seized Y", "Z had overrun the town", "W controls the district": a body that takes or holds a
    place by force (round 20; the words are titles.yaml's place_taking_verbs)."""
    root = ent.root
    if root.dep_ != "nsubj" or root.head.lemma_.lower() not in res.place_taking_verbs:
        return False
    for obj in root.head.children:
        if obj.dep_ != "dobj":
            continue
        if obj.ent_type_ in ("GPE", "LOC", "FAC") or obj.lemma_.lower() in PLACE_NOUNS:
            return True
    return False


def _irregulars_of(ent, res) -> bool:
    """"fighters of X", "militants from Y", "guerrillas loyal to Z", "X's fighters": irregulars the name has."""
    root = ent.root
    if root.dep_ == "poss" and root.head.lemma_.lower() in res.irregular_fighters:
        return True
    if root.dep_ != "pobj" or root.head.lower_ not in ("of", "from", "to"):
        return False
    head = root.head.head
    if root.head.lower_ == "to" and head.lower_ == "loyal":
        head = head.head
    return head.lemma_.lower() in res.irregular_fighters or head.lower_ in res.irregular_fighters


def _named_a_place(span, res) -> bool:
    """"the town of X", "the village of Y", "Z province": the text itself says the name is a place's."""
    doc = span.doc
    if span.start >= 2 and doc[span.start - 1].lower_ == "of" and doc[span.start - 2].lemma_.lower() in PLACE_NOUNS:
        return True
    return span.end < len(doc) and doc[span.end].lower_ in res.place_suffixes


def _before_irregulars(ent, res) -> bool:
    """"X militants", "Y rebels", "Z fighters": the name is a modifier of irregular fighters."""
    root, head = ent.root, ent.root.head
    return root.dep_ in ("compound", "amod", "nmod") and head.i == ent.end and head.i != root.i \
        and head.lemma_.lower() in res.irregular_fighters
