"""Typed records passed between pipeline stages.

read -> Document; extract/resolve -> Facts; map -> RDF. Offsets are character offsets into
``Document.text`` (the cleaned article text), so every fact can be traced to its sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

ENTITY_TYPES = ("Person", "Organization", "Country", "ArmedGroup", "ArmedForce", "Location")
EVENT_TYPES = ("Deployment", "Attack", "Capture", "Meeting", "Statement", "Visit")
MODALITIES = ("asserted", "planned", "hypothetical", "negated")
QUALIFIERS = ("exact", "approximate", "at_least", "at_most")
PRECISIONS = ("year", "month", "day")

# Roles each event type may carry (the facts schema and the ontology agree on these).
EVENT_ROLES: dict[str, tuple[str, ...]] = {
    "Deployment": ("agent", "force", "origin", "destination", "purpose"),
    "Attack": ("perpetrator", "target", "location", "weapon"),
    "Capture": ("captor", "place", "former", "supporter"),
    "Meeting": ("participants", "location"),
    "Statement": ("speaker", "about"),
    "Visit": ("visitor", "location"),
}


@dataclass(frozen=True)
class DocumentMeta:
    """What is known about an article apart from its text."""

    id: str
    title: Optional[str] = None
    publisher: Optional[str] = None
    published: Optional[str] = None  # YYYY-MM-DD
    url: Optional[str] = None
    language: str = "en"
    sha256: str = ""
    source: Optional[str] = None  # path the article was read from


@dataclass(frozen=True)
class Document:
    """An article reduced to its text: boilerplate removed, paragraphs separated by blank lines."""

    meta: DocumentMeta
    text: str


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    sentence: int  # index of the sentence in the document


@dataclass(frozen=True)
class Evidence:
    """The sentence that supports a fact."""

    sentence: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Geo:
    lat: float
    lon: float


@dataclass
class Entity:
    id: str
    type: str
    name: str
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    subtype: Optional[str] = None
    attributes: dict[str, str] = field(default_factory=dict)
    links: dict[str, str] = field(default_factory=dict)
    geo: Optional[Geo] = None


@dataclass(frozen=True)
class Quantity:
    value: float
    qualifier: str = "exact"
    text: str = ""


@dataclass(frozen=True)
class DateValue:
    value: str  # YYYY, YYYY-MM or YYYY-MM-DD
    precision: str
    text: str = ""


@dataclass
class Event:
    id: str
    type: str
    trigger: Mention
    evidence: Evidence
    roles: dict[str, list[str]] = field(default_factory=dict)
    quantities: dict[str, Quantity] = field(default_factory=dict)
    date: Optional[DateValue] = None
    modality: str = "asserted"
    confidence: float = 0.5
    subtype: Optional[str] = None
    quote: Optional[str] = None  # the quoted words of a Statement


@dataclass
class Facts:
    """Everything extracted from one document: the ``kg-facts/1`` contract."""

    document: DocumentMeta
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    extractor: str = ""
    text: Optional[str] = None  # the article text the offsets point into

    def entity(self, entity_id: str) -> Entity:
        for e in self.entities:
            if e.id == entity_id:
                return e
        raise KeyError(entity_id)
