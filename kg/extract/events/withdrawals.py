"""The former holder of a capture told by its own withdrawal (round 16).

"Rebels have captured the town of X. Residents saw government forces fleeing the city after
overnight clashes." / "Y fighters took control of X following the pullout of Z troops": a capture
that names no former holder took the place from the armed side its report tells leaving, fleeing
or pulling out in the capture's sentence or the two after it (a loss verb of events.yaml, or a
noun of ``loss_nouns``), when that side is one, is not the captor or a supporter, and leaves no
other named place.
"""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from kg.extract.events.frame import Frame
from kg.extract.nlp import Sentence
from kg.extract.resolve import Resolution

ARMED_SIDES = ("ArmedForce", "ArmedGroup")


def _former_withdrew(frames: list[Frame], sentences: list[Sentence], res: Resolution,
                     base, loss_verbs: frozenset[str], loss_nouns: frozenset[str]) -> None:
    for f in frames:
        if f.type != "Capture" or f.modality != "asserted" or f.filled("former") or not f.filled("place"):
            continue
        own = set(f.roles.get("captor", [])) | set(f.roles.get("supporter", []))
        found: set[str] = set()
        for sent in sentences[f.sentence.index:f.sentence.index + 3]:
            for tok in sent.span:
                side = _leaving(tok, res, base, loss_verbs, loss_nouns, set(f.roles["place"]))
                if side is not None and side not in own:
                    found.add(side)
        if len(found) == 1:
            f.add("former", found.pop())


def _leaving(tok: Token, res: Resolution, base, loss_verbs, loss_nouns, places: set[str]) -> Optional[str]:
    """The armed side a loss word tells leaving: "X fled", "saw X fleeing", "the pullout of X"."""
    if tok.pos_ == "VERB" and base(tok) in loss_verbs:
        whose = [c for c in tok.children if c.dep_ == "nsubj"]
        if not whose and tok.dep_ in ("acl", "relcl") and tok.tag_ in ("VBG", "VBN"):
            whose = [tok.head]  # "saw government forces fleeing the city"
    elif tok.pos_ == "NOUN" and tok.lemma_.lower() in loss_nouns:
        whose = [o for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children if o.dep_ == "pobj"]
        whose += [c for c in tok.children if c.dep_ == "poss"]  # "their withdrawal": no entity, nothing
    else:
        return None
    for c in tok.children:  # "fled to Y", "withdrew from Y": another named place is another story
        if c.dep_ == "prep" and c.lower_ in ("from", "to", "into", "toward", "towards"):
            for o in c.children:
                eid = res.entity_at(o)
                if eid and res.kinds.get(eid) not in ARMED_SIDES and eid not in places:
                    return None
    sides = {res.entity_at(w) for w in whose} - {None}
    sides = {e for e in sides if res.kinds.get(e) in ARMED_SIDES}
    return sides.pop() if len(sides) == 1 else None
