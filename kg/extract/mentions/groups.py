"""Groups by description (``GroupsMixin``): "X-linked militants", "the rebels", "the regional
group", and the actor a description points back to.
"""

from __future__ import annotations

from functools import partial
from typing import Optional

from spacy.tokens import Doc, Span, Token

from kg.extract.mentions.resources import Resources
from kg.extract.mentions.common import PLACE_NOUNS, _LOWER_DIVISIONS, _claim_entry


class GroupsMixin:
    """Linked groups and descriptions that point back to an actor."""

    def _claim_linked_groups(self, span: Span, matches: list[tuple[int, int]], claim) -> None:
        """"X-linked militants", "Y-affiliated fighters", "Z-allied militias": fighters the text ties
        to X without saying they are X. X is named (an armed group, also when NER calls an unknown X
        a person) but stands for no actor of their events (``linked_parent``: the resolver maps its
        tokens to no entity), as the gold's guidelines read it ("X-linked fighters attacked": X is
        not the perpetrator). The fighters themselves are no entity: both golds (real news and
        fusion) leave such unnamed groups out. A state before "-linked" is a patron, as in
        "X-backed separatists" (the force patterns: a group named by its patron)."""
        doc, res = span.doc, self.res
        for t in span[1:-2]:
            if t.text not in ("-", "–") or t.whitespace_ or doc[t.i - 1].whitespace_ \
                    or doc[t.i + 1].lower_ not in LINK_WORDS or doc[t.i + 2].lower_ not in _LINKED_GROUP_NOUNS:
                continue
            parent = _linked_parent(doc, t.i, span.start, matches, res)
            if parent is None:
                continue
            entry = res.lexicon.match(parent.text)
            if entry is not None:
                _claim_entry(parent, entry, partial(claim, linked_parent=True))
            else:
                claim(parent, "ArmedGroup", None, linked_parent=True)

    def _claim_description(self, chunk: Span, claim) -> None:
        if len(chunk) < 2 or chunk[0].lower_ not in ("the", "this", "that", "these", "those"):
            return
        named = _named_complement(chunk.root)
        if named is not None:
            if chunk.root.lemma_.lower() in PLACE_NOUNS or chunk.root.lower_ in _LOWER_DIVISIONS:
                claim(named, "Location", None)  # "the town of X": a place NER missed or called NORP
            return
        if self._claim_capital(chunk, claim) or any(t.ent_type_ for t in chunk):
            return
        doc = chunk.doc
        names = [t for t in chunk[1:] if t.pos_ == "PROPN" and t.text[:1].isupper() and t.i < chunk.root.i]
        if names:  # "the X region", "the nearby Y district": a name NER left unlabelled, not a description
            root = chunk.root
            if root.lemma_.lower() in PLACE_NOUNS and all(t.i + 1 == n.i for t, n in zip(names, names[1:])) \
                    and names[-1].i + 1 == root.i:
                end = root.i + 1 if root.lower_ in self.res.place_suffixes else root.i
                claim(doc[names[0].i:end], "Location", None, place=None)
            return
        if any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in chunk.root.children) or (
                chunk.end + 1 < len(doc) and doc[chunk.end].text == "," and doc[chunk.end + 1].pos_ == "PROPN"):
            return  # "the capital, X": the name that follows says which; no pointing back
        words = " ".join(t.lower_ for t in chunk[1:] if t.pos_ not in ("PUNCT", "PART"))
        lemma = " ".join(t.lemma_.lower() for t in chunk[1:] if t.pos_ not in ("PUNCT", "PART"))
        index = self._description_index()
        last_word, last_lemma = (" " + words).rsplit(" ", 1)[1], (" " + lemma).rsplit(" ", 1)[1]
        # (only the heads that end in the phrase's last word can end it; tried in the lexicon's order)
        for _, target, h in sorted({*index.get(last_word, ()), *index.get(last_lemma, ())}):
            if (" " + words).endswith(" " + h) or (" " + lemma).endswith(" " + h):  # whole words: not "capacity"
                kind, _, subtype = target.partition("/")
                if kind in _ACTOR_TARGETS and not self._actor_description(chunk, len(h.split())):
                    return
                claim(chunk, "Description", subtype or None, target=kind, head=h.split()[-1])
                return

    def _description_index(self) -> dict[str, list[tuple[int, str, str]]]:
        """The description heads (``res.descriptions``) by what follows their last space, each with
        its place in the lexicon's order: a phrase ends in a head only if it ends in that word."""
        made = self.__dict__.get("_descriptions_by_word")
        if made is not None and made[0] is self.res.descriptions:
            return made[1]
        index: dict[str, list[tuple[int, str, str]]] = {}
        pairs = ((target, h) for target, heads in self.res.descriptions.items() for h in heads)
        for n, (target, h) in enumerate(pairs):
            index.setdefault((" " + h).rsplit(" ", 1)[1], []).append((n, target, h))
        self.__dict__["_descriptions_by_word"] = (self.res.descriptions, index)
        return index

    def _actor_description(self, chunk: Span, head_words: int) -> bool:
        """"the rebels", "the troops", "the same group" point back to an actor; "the regional group",
        "the aid group" (a word that is no actor's), "the forces loyal to X", "the troops of Y" and
        "the soldiers from Z" (whose actor the phrase itself names) do not."""
        words = [t for t in chunk[1:] if t.pos_ not in ("PUNCT", "PART", "DET")]
        before = words[:len(words) - head_words]
        if any(t.lower_ not in self.res.description_modifiers for t in before):
            return False
        root = chunk.root
        return not any(c.dep_ == "prep" and c.lower_ in ("of", "from") or c.dep_ == "amod" and c.lower_ == "loyal"
                       for c in root.rights)


_ACTOR_TARGETS = frozenset(["ArmedGroup", "ArmedForce", "Organization"])


#: "X-linked militants": the words that tie fighters to a group without making them the group
LINK_WORDS = frozenset(["linked", "affiliated", "allied", "aligned", "inspired", "backed"])
_LINKED_GROUP_NOUNS = frozenset(["militants", "fighters", "gunmen", "militias", "militia", "insurgents", "rebels",
                                 "separatists", "militiamen", "jihadists", "extremists", "groups", "factions"])


def _linked_parent(doc: Doc, hyphen: int, start: int, matches: list[tuple[int, int]], res: "Resources") -> Optional[Span]:
    """The group named before "-linked" ("Islamic State-linked", "Vorani-linked"): a lexicon actor
    ending at the hyphen, else a run of capitalised words NER does not call a state or a people;
    None for a state (a patron: "X-backed separatists") or a people ("X-dominated")."""
    listed = [(s, e) for s, e in matches if e == hyphen and s >= start]
    if listed:
        s, _ = min(listed)
        span = doc[s:hyphen]
        entry = res.lexicon.match(span.text)
        if entry is not None and entry.type in ("ArmedGroup",):
            return span
        return None
    s = hyphen
    while s > start and hyphen - s < 3 and doc[s - 1].text[:1].isupper() and doc[s - 1].pos_ == "PROPN":
        s -= 1
    if s == hyphen:
        return None
    span = doc[s:hyphen]
    if res.gazetteer.country(span.text) is not None or any(t.ent_type_ in ("NORP", "GPE") for t in span):
        return None
    return span


def _named_complement(noun: Token) -> Optional[Span]:
    """"the town of Gwoza" -> the span "Gwoza" (capitalised words after "of")."""
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for pobj in prep.children:
                if pobj.dep_ == "pobj" and pobj.pos_ == "PROPN":
                    left = pobj.left_edge.i
                    while left < pobj.i and not pobj.doc[left].text[:1].isupper():
                        left += 1
                    return pobj.doc[left:pobj.i + 1]
    return None
