"""The frame: one mention of an event while the rules fill it (roles, quantities, date, flags).

Its own module because every stage (the sentence rules, the merge, the folds) reads and writes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from spacy.tokens import Token

from kg.extract.dating import Strength
from kg.extract.nlp import Sentence
from kg.models import DateValue, Quantity


@dataclass
class Frame:
    type: str
    trigger: Token
    sentence: Sentence
    nominal: bool
    roles: dict[str, list[str]] = field(default_factory=dict)
    quantities: dict[str, Quantity] = field(default_factory=dict)
    date: Optional[DateValue] = None
    modality: str = "asserted"
    subtype: Optional[str] = None
    quote: Optional[str] = None
    anchor: Optional[int] = None  # document offset of the argument the date is read near
    anaphoric: bool = False  # "the raid killed seven": a definite noun telling more of an event
    setting: bool = False  # "the assault took place in X": where an attack told before happened
    distinct: bool = False  # "In a separate incident, ...": not a re-telling of an event told before
    toll_only: bool = False  # "killed in the fighting": only the toll of an attack told before
    bare: bool = False  # "the men opened fire": an attack told by its verb alone, placed by its report or dropped
    date_strength: int = Strength.NONE  # how the date was found; merges keep the strongest
    pointed_back: bool = False  # placed by a place noun told before ("captured the village"): event_places
    listed: bool = False  # one of several attacks told at once over listed places ("blasts in A and B")
    counted_back: bool = False  # "a day after his talks with X": an earlier event, dated from its host (round 11)
    background: bool = False  # "from militants who have held it since May": an earlier capture in a clause (round 11)

    def add(self, role: str, eid: Optional[str]) -> None:
        if eid and eid not in self.roles.setdefault(role, []):
            self.roles[role].append(eid)

    def filled(self, *roles: str) -> bool:
        return any(self.roles.get(r) for r in roles)
