"""The typed span a rule finds (``RawMention``), before resolution, and the kinds it may have.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from spacy.tokens import Span

from kg.extract.nlp import Sentence


KINDS = ("Person", "Country", "Location", "ArmedForce", "ArmedGroup", "Organization")


@dataclass
class RawMention:
    """A typed span before resolution; ``hint`` carries what the rule that found it knows."""

    span: Span
    sentence: Sentence
    kind: str  # one of KINDS, or "Description"
    text: str
    start: int
    end: int
    subtype: Optional[str] = None
    hint: dict = field(default_factory=dict)
