"""Rule-based extraction of conflict facts with spaCy: mentions -> entities -> events.

The ``Extractor`` loads the model and lexicons once; ``extract`` turns one ``Document`` into
``Facts``; ``extract_many`` parses many documents with spaCy's multiprocessing (``n_process``)
and does the rule stages in this process.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Iterable, Iterator, Optional

from spacy.language import Language

from kg import __version__
from kg.extract.events import EventFinder, Triggers
from kg.extract.gazetteer import Gazetteer
from kg.extract.learned import EventFilter
from kg.extract.learned_places import AnchorRanker
from kg.extract.learned_recall import RecallProposer
from kg.extract.lexicon import Lexicon
from kg.extract.mentions import MentionFinder, Resources
from kg.extract.mentions.common import _state_pair_parts
from kg.extract.modality import Modality
from kg.extract.nlp import ParsedDoc, build_sentences, load_model, paragraphs, parse
from kg.extract.resolve import Resolver
from kg.graph.iris import entity_iri
from kg.models import Document, Entity, Event, Facts

EXTRACTOR_VERSION = f"conflict-kg-rules/{__version__}"


class Extractor:
    def __init__(self, *, nlp: Optional[Language] = None, gazetteer: Optional[Gazetteer] = None,
                 lexicon: Optional[Lexicon] = None) -> None:
        self.gazetteer = gazetteer or Gazetteer.load()
        self.lexicon = lexicon or Lexicon.load()
        self.nlp = nlp or load_model()
        self.mentions = MentionFinder(self.nlp, Resources.load(self.gazetteer, self.lexicon))
        self.resolver = Resolver(self.gazetteer)
        self.events = EventFinder(Triggers.load(), Modality.load())
        # the learned event filter (kg/data/learned.yaml, docs/learned.md): None when disabled or absent
        self.event_filter = EventFilter.load()
        self.anchor_ranker = AnchorRanker.load()  # the learned anchor ranker: None when disabled or absent
        self.recall_proposer = RecallProposer.load()  # the learned proposer of missed events: None when off
        self.version = EXTRACTOR_VERSION

    def extract(self, doc: Document) -> Facts:
        return self._facts(doc, parse(self.nlp, doc.text))

    def extract_many(self, docs: Iterable[Document], *, n_process: int = 1,
                     batch_size: int = 64) -> Iterator[Facts]:
        """Parse paragraphs of all documents in one spaCy stream, regroup them per document."""
        docs = list(docs)
        items = ((p, (i, off)) for i, d in enumerate(docs) for off, p in paragraphs(d.text))
        parts: dict[int, list] = {}
        pending = 0
        for sdoc, (i, off) in self.nlp.pipe(items, as_tuples=True, n_process=n_process, batch_size=batch_size):
            while pending < i:  # spaCy keeps order: every document before i is complete
                yield self._facts(docs[pending], build_sentences(docs[pending].text, parts.pop(pending, [])))
                pending += 1
            parts.setdefault(i, []).append((off, sdoc))
        while pending < len(docs):
            yield self._facts(docs[pending], build_sentences(docs[pending].text, parts.pop(pending, [])))
            pending += 1

    def _facts(self, doc: Document, parsed: ParsedDoc) -> Facts:
        mentions = self.mentions.find(parsed)
        resolution = self.resolver.resolve(mentions)
        published = _date(doc.meta.published)
        events = self.events.find(parsed, resolution, published)
        entities, events = merge_same_iri(resolution.entities, events)
        entities = drop_adjectival_states(entities, events, parsed, self.gazetteer)
        entities = drop_unused_areas(entities, events, self.gazetteer)
        if self.anchor_ranker is not None:  # an event's anchor place moved where the ranker says
            events = self.anchor_ranker.apply(events, entities, parsed.sentences, doc.meta.title)
        if self.recall_proposer is not None:  # events the rules missed, before the filter judges them all
            events = self.recall_proposer.apply(events, entities, parsed.sentences, published)
        if self.event_filter is not None:  # last, so the entities stay those of the rules
            events = self.event_filter.apply(events, entities, [s.text for s in parsed.sentences], published)
        return Facts(document=doc.meta, entities=entities, events=events,
                     extractor=self.version, text=doc.text)


def merge_same_iri(entities: list[Entity], events: list[Event]) -> tuple[list[Entity], list[Event]]:
    """Entities that would mint one IRI are one thing: merge them so the graph stays consistent."""
    first: dict[str, Entity] = {}
    renamed: dict[str, str] = {}
    kept: list[Entity] = []
    for e in entities:
        iri = str(entity_iri(e))
        if iri not in first:
            first[iri] = e
            kept.append(e)
            continue
        target = first[iri]
        renamed[e.id] = target.id
        target.mentions = sorted(target.mentions + e.mentions, key=lambda m: m.start)
        for alias in [e.name, *e.aliases]:
            if alias != target.name and alias not in target.aliases:
                target.aliases.append(alias)
    if not renamed:
        return entities, events
    for v in events:
        v.roles = {r: list(dict.fromkeys(renamed.get(i, i) for i in ids)) for r, ids in v.roles.items()}
    for e in kept:
        for k, val in list(e.attributes.items()):
            if val in renamed:
                e.attributes[k] = renamed[val]
    return kept, events


def drop_adjectival_states(entities: list[Entity], events: list[Event], parsed: ParsedDoc,
                           gazetteer: Optional[Gazetteer] = None) -> list[Entity]:
    """A state named only as a modifier ("X support", "X officials said", "backed by X airstrikes")
    is used as an adjective, like "American": it is no entity of the report unless an event names it
    (a perpetrator, a sender) or another entity refers to it. A state written out in a pair of states
    joined by a hyphen ("the X-Y review") is named, not an adjective (round 31)."""
    used = {i for v in events for role, ids in v.roles.items() if role != "about" for i in ids}
    used |= {val for e in entities for val in e.attributes.values() if isinstance(val, str)}
    paired = _state_pair_mentions(entities, parsed, gazetteer)
    dropped = {e.id for e in entities if e.type == "Country" and e.id not in used and e.mentions
               and all(_modifier(parsed, m) and (m.start, m.end) not in paired for m in e.mentions)}
    if not dropped:
        return entities
    for v in events:  # a statement was not about an adjective
        if "about" in v.roles:
            v.roles["about"] = [i for i in v.roles["about"] if i not in dropped]
    return [e for e in entities if e.id not in dropped]


def _state_pair_mentions(entities: list[Entity], parsed: ParsedDoc, gazetteer: Optional[Gazetteer]) -> set[tuple[int, int]]:
    """The mentions of a state written out in a pair of states joined by a hyphen ("the U.S.-X
    partnership", "the X-Y review"; mentions/common.py _state_pair_parts): the golds list each such
    state (round 31), so it is no adjective there."""
    if gazetteer is None:
        return set()
    out: set[tuple[int, int]] = set()
    seen: set[int] = set()
    for e in entities:
        for m in e.mentions if e.type == "Country" else ():
            if m.sentence in seen or not 0 <= m.sentence < len(parsed.sentences):
                continue
            seen.add(m.sentence)
            sent = parsed.sentences[m.sentence]
            if "-" in sent.text or "\u2013" in sent.text:
                out.update((sent.offset + a, sent.offset + b) for (a, b), _, _ in _state_pair_parts(sent, gazetteer))
    return out


AREA_OF_STATE = re.compile(r"(?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)"
                           r"(?:ern)?\s+(?P<state>.+)", re.IGNORECASE)


def drop_unused_areas(entities: list[Entity], events: list[Event], gazetteer: Gazetteer) -> list[Entity]:
    """"northern X", "southeastern Y": a part of a state told as a bearing is a place of the report
    only where an event happened there; named only to set the scene, it is no place the report names."""
    used = {i for v in events for ids in v.roles.values() for i in ids}
    used |= {val for e in entities for val in e.attributes.values() if isinstance(val, str)}

    names = {e.name for e in entities}

    def scene(e: Entity) -> bool:  # (also "northwestern X Valley" beside "X Valley")
        m = AREA_OF_STATE.fullmatch(e.name)
        return e.type == "Location" and e.id not in used and m is not None and e.name[:1].islower() \
            and (gazetteer.country(m["state"]) is not None or m["state"] in names)

    return [e for e in entities if not scene(e)]


def _modifier(parsed: ParsedDoc, m) -> bool:
    if not 0 <= m.sentence < len(parsed.sentences):
        return False
    sent = parsed.sentences[m.sentence]
    span = sent.span.doc.char_span(m.start - sent.offset, m.end - sent.offset, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    return root.dep_ in ("compound", "amod", "nmod") and root.head.i > span.end - 1 and root.head.pos_ in ("NOUN", "PROPN") \
        and root.head.ent_type_ not in ("GPE", "LOC")


def _date(value: Optional[str]) -> Optional[dt.date]:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None
