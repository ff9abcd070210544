"""Rule-based extraction of conflict facts with spaCy: mentions -> entities -> events.

The ``Extractor`` loads the model and lexicons once; ``extract`` turns one ``Document`` into
``Facts``; ``extract_many`` parses many documents with spaCy's multiprocessing (``n_process``)
and does the rule stages in this process.
"""

from __future__ import annotations

import datetime as dt
from typing import Iterable, Iterator, Optional

from spacy.language import Language

from kg import __version__
from kg.extract.events import EventFinder, Triggers
from kg.extract.mentions import MentionFinder, Resources
from kg.extract.modality import Modality
from kg.extract.nlp import ParsedDoc, build_sentences, load_model, paragraphs, parse
from kg.gazetteer import Gazetteer
from kg.lexicon import Lexicon
from kg.models import Document, Facts
from kg.resolve import Resolver

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
        return Facts(document=doc.meta, entities=resolution.entities, events=events,
                     extractor=self.version, text=doc.text)


def _date(value: Optional[str]) -> Optional[dt.date]:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None
