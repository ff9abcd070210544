"""Derived triples written for the canned queries: one sort key per event report and incident,
a mark on the incident figures whose reports disagree.

Why: Oxigraph 0.5 sorts a listing's rows before it cuts a page, and comparing two string or
IRI terms reads both texts from its dictionary: sorting the ~30,000 attacks of a 10,000-article
store by ``(date, event IRI)`` took most of a second for the first 100 rows. An ``xsd:integer``
is held inside the index entry itself, so a sort over one integer per row costs a few
milliseconds (measured on the 3.15M-triple store: 14 ms against 270 ms with the IRI as
tie-breaker, docs/queries.md "Speed"). So the mapping (for each report) and fusion (for each
incident) write one integer whose order is the listing's order:

* ``ckg:reportKey`` on a report: its event class, then its date as ``STR(?date)`` orders it
  (undated first; a year before its months, a month before its days), then its IRI. A listing
  of one class reads the keys of one range (``FILTER(?key >= lo && ?key < hi)``, bounds from
  :func:`class_range`) instead of joining ``a ckg:Attack`` to every key.
* ``ckg:incidentKey`` on an incident: its date newest first (undated last, as
  ``ORDER BY DESC(?date)`` puts them), then its IRI.

The IRI part holds only the first characters after the IRI's namespace (6 bits each), so two
keys may tie: a query therefore orders by the key *and then* the IRI (``ORDER BY ?key ?event``);
the engine compares the IRIs only for the rare ties. What must hold, and is tested, is that the
key never contradicts the order (a smaller key is never a later row).

``ckg:valuesDiffer true`` (written by fusion, kg.fuse.rdf) marks an incident's figure whose
reports give different values (its ``ckg:minValue`` is not its ``ckg:maxValue``):
disputed-figures pairs the reports of those few figures (64 of 8,199 on the 3.15M-triple store)
instead of every pair of every figure's reports, which grows with the square of a large
incident's reports (28 s at 10,000 documents).

``ckg:mentionedIn`` links an actor or place to each article that mentions it (written by the
mapping, in the article's graph, beside the mentions): unresolved-entities counts the articles
of each problem entity from these ~7,000 links instead of joining its ~19,000 mentions to their
articles (the 3.2M-triple store: ~0.5 s -> ~0.17 s a page).

``ckg:roleKey`` and ``ckg:rowKey`` (query round 10, written by the mapping in the article's
graph): one integer per report and role an actor or place fills (and the report's own, code 15,
on the report and its quantities), the role's code, the report's date rank and a hash of its IRI;
on the thing (``ckg:roleKey``) and on the report (``ckg:rowKey``). actor-profile, statements-by
and evidence read one thing's rows, their order by date and their count from one range of one
index, and find each row's report by one look-up of the key (:func:`row_triples`).

``ckg:monthRank`` and ``ckg:monthKey`` (query round 12, written by the mapping in the article's
graph): on a month node (``ckgd:month/2018-07``, ``ckgd:month/2018`` for a year alone) its number
and the own row key of each report dated in it; events-in-period reads the store's few month nodes,
keeps those of its period and reads their keys, each report found by its ``ckg:rowKey``
(:func:`month_triples`), instead of every report's ``ckg:dateRank``.

``ckg:extractionTime``, ``ckg:documentKey``, ``ckg:graphKey``, ``ckg:articleKey`` and
``ckg:mentionKey`` (query round 13, written by the mapping in the article's graph): the two
document listings' keys. recent-documents reads the store's few extraction nodes (one per
extraction time, ``ckgd:extraction/<hash>``: the time's text), ranks them newest first and reads
each node's document keys (one per document graph: the document's IRI order, then a hash), each
graph found by its ``ckg:graphKey``; documents-mentioning reads an entity's ``ckg:mentionKey`` (one
per article naming it: the article's publication date newest first, then a hash of its IRI), each
article found by its ``ckg:articleKey`` (:func:`document_triples`).

The derived triples are written in the same transaction as the data they derive from (the
document graph, the incident graph), so a rebuilt or removed document keeps them right. A store
built before them gets them with ``kg derive`` (:func:`add_to_store`).
"""

from __future__ import annotations

import bisect
import hashlib
import re
from fractions import Fraction
from functools import lru_cache
from typing import Iterable, Optional

import pyoxigraph as ox
from rdflib import Literal, URIRef

from kg.graph.vocab import CKG, CKGD, EVENT_CLASSES
from kg.models import EVENT_TYPES

REPORT_KEY = CKG.reportKey
INCIDENT_KEY = CKG.incidentKey
#: On an incident's figure whose reports give different values (kg.fuse.rdf writes it, true
#: only): disputed-figures reads those few figures by one index look-up.
VALUES_DIFFER = CKG.valuesDiffer
#: On an attack (report or incident) with a death toll: deadly-attacks' order in one integer.
TOLL_KEY = CKG.tollKey
#: The same for a toll the key cannot hold exactly (its bucket only): normally none.
TOLL_BUCKET = CKG.tollBucket

#: From an actor or place to an article that mentions it (:func:`mention_link`).
MENTIONED_IN = CKG.mentionedIn
#: On a dated report: its date's :func:`date_rank` (events-in-period reads a period as one
#: range of integers instead of comparing the text of every date, incidents' too).
DATE_RANK = CKG.dateRank
#: On a report of a class that has a place (attack, capture, deployment, meeting, visit) with no
#: place role filled, ``true`` only: unresolved-entities reads these few instead of taking every
#: report's four place properties away from every event.
WITHOUT_PLACE = CKG.withoutPlace
PLACED_TYPES = ("Attack", "Capture", "Deployment", "Meeting", "Visit")
PLACE_ROLES = (CKG.location, CKG.destination, CKG.place, CKG.origin)

#: The event class's number in a report key (1-6; the order of kg.models.EVENT_TYPES).
CLASS_CODES: dict[str, int] = {t: i + 1 for i, t in enumerate(EVENT_TYPES)}
_CLASS_SHIFT = 59          # 3 bits of class, above the date and the IRI
_DATE_BITS = 23            # (year * 13 + month) * 32 + day + 1 < 2**23 for years 0-9999
_DATE_SHIFT = 36           # 6 characters of 6 bits below the date
_IRI_CHARS = 6
_DATE_MAX = (1 << _DATE_BITS) - 1

#: The characters IRIs are made of here, in code point order. A character's code in the key is
#: 1 + the number of these below it (0 is the end of the IRI); a character not listed gets the
#: code of the next one listed and ends the number, so the codes never contradict the IRIs'
#: order.
_ALPHABET = sorted("%-./0123456789:_abcdefghijklmnopqrstuvwxyz~")
REPORT_NAMESPACE = str(CKGD) + "event/"
INCIDENT_NAMESPACE = str(CKGD) + "incident/"
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def date_rank(date: Optional[str]) -> int:
    """A number ordered as ``COALESCE(STR(?date), "")`` is: 0 undated, then by year, month
    (0 for a year alone) and day (0 for a month alone). A date of another form (never written
    by the mapping) counts as undated."""
    m = _DATE.match(date or "")
    if not m:
        return 0
    year, month, day = (int(g) if g else 0 for g in m.groups())
    return (year * 13 + month) * 32 + day + 1


def iri_rank(iri: str, namespace: str) -> int:
    """The first characters of ``iri`` after ``namespace`` as a number in their order. An IRI
    outside the namespace gets 0 (it sorts before it) or the largest value (after it), so the
    number never contradicts the IRIs' order."""
    if not iri.startswith(namespace):
        return 0 if iri < namespace else (1 << (6 * _IRI_CHARS)) - 1
    value = 0
    rest = iri[len(namespace):len(namespace) + _IRI_CHARS]
    ended = False
    for i in range(_IRI_CHARS):
        code = 0
        if i < len(rest) and not ended:
            at = bisect.bisect_left(_ALPHABET, rest[i])
            code = 1 + at
            # a character not in the alphabet shares the next one's code, so what follows it
            # cannot be told apart from what follows that one: the number ends there (ties)
            ended = at == len(_ALPHABET) or _ALPHABET[at] != rest[i]
        value = (value << 6) | code
    return value


def report_key(event_type: str, date: Optional[str], iri: str) -> int:
    """The ``ckg:reportKey`` of a report of class ``event_type`` ("Attack"...)."""
    return ((CLASS_CODES[event_type] << _CLASS_SHIFT) | (date_rank(date) << _DATE_SHIFT)
            | iri_rank(iri, REPORT_NAMESPACE))


def incident_key(date: Optional[str], iri: str) -> int:
    """The ``ckg:incidentKey`` of an incident: newest first, undated last, then by IRI."""
    return ((_DATE_MAX - date_rank(date)) << _DATE_SHIFT) | iri_rank(iri, INCIDENT_NAMESPACE)


def class_range(event_type: str) -> tuple[int, int]:
    """The report keys of one class: ``lo <= key < hi`` (the numbers the .rq files filter on)."""
    code = CLASS_CODES[event_type]
    return code << _CLASS_SHIFT, (code + 1) << _CLASS_SHIFT


# ----------------------------------------------------------------------------- toll keys

#: Bit 61 of a toll key: an incident (the incident level's keys are one range, the reports' another).
TOLL_INCIDENT = 1 << 61
_TOLL_SHIFT = 33                 # the toll's 28 bits above the 33 low bits
_TOLL_MAX = (1 << 28) - 1        # four times the toll, clamped: tolls of 2**26 and more share it
_EXACT = 1 << 32                 # the low bits of an exact toll: this, then its date and IRI
_LOW_MAX = (1 << 33) - 1


def toll_key(incident: bool, toll: str, date: Optional[str], iri: str) -> int:
    """The toll key of an attack with the death toll ``toll`` (the lexical form of its
    rdf:value): deadly-attacks' order, the largest toll first, then the date as its text orders
    it, then the IRI, within the range of its level (reports, then incidents).

    Four times the toll (a median of medians is a multiple of 1/4) is held in 28 bits, the
    largest first; such a toll is exact (:func:`toll_exact`: a ``ckg:tollKey``), and its date
    and first IRI character follow it. Any other toll (a fraction of another kind, 2**26 or
    more, or below zero) cannot be told apart from its neighbours: its number ends with the
    toll's bucket (a smaller number than the exact tolls of the bucket, which it exceeds; for a
    negative toll the largest, as it is below zero) and is written as ``ckg:tollBucket``, which
    the query reads with the toll and date to break its ties. So the number never contradicts
    the order ``DESC(toll), date, IRI``; two exact keys tie only for one toll and one date."""
    base = TOLL_INCIDENT if incident else 0
    value = Fraction(toll)
    if value < 0:
        return base | (_TOLL_MAX << _TOLL_SHIFT) | _LOW_MAX
    quarters = value * 4
    bucket = min(int(quarters), _TOLL_MAX)   # floor, for a non-negative value
    position = (_TOLL_MAX - bucket) << _TOLL_SHIFT
    if quarters.denominator != 1 or bucket == _TOLL_MAX:
        return base | position
    return base | position | _EXACT | (date_rank(date) << 6) | (iri_rank(iri, _namespace(iri)) >> 30)


def toll_exact(toll: str) -> bool:
    """Whether :func:`toll_key` holds this toll exactly (a ``ckg:tollKey``, not a bucket)."""
    value = Fraction(toll)
    return value >= 0 and (value * 4).denominator == 1 and int(value * 4) < _TOLL_MAX


def toll_range(incident: bool, minimum: int) -> tuple[int, int]:
    """The toll keys of one level whose toll may be at least ``minimum``: ``lo <= key < hi``
    (what deadly-attacks computes from its parameters; a toll of a shared bucket is tested
    again by its value)."""
    lo = TOLL_INCIDENT if incident else 0
    if minimum <= 0:
        return lo, lo + TOLL_INCIDENT
    return lo, lo + (max(_TOLL_MAX - 4 * minimum + 1, 1) << _TOLL_SHIFT)


def _namespace(iri: str) -> str:
    return INCIDENT_NAMESPACE if iri.startswith(INCIDENT_NAMESPACE) else REPORT_NAMESPACE


def toll_triple(node: URIRef, incident: bool, toll: Literal, date: Optional[str]) -> tuple[URIRef, URIRef, Literal]:
    """The ``ckg:tollKey`` (or, for a toll it cannot hold exactly, ``ckg:tollBucket``) of an attack."""
    return (node, TOLL_KEY if toll_exact(str(toll)) else TOLL_BUCKET,
            Literal(toll_key(incident, str(toll), date, str(node))))


def report_triple(node: URIRef, event_type: str, date: Optional[str]) -> tuple[URIRef, URIRef, Literal]:
    return node, REPORT_KEY, Literal(report_key(event_type, date, str(node)))


def date_rank_triple(node: URIRef, date: str) -> tuple[URIRef, URIRef, Literal]:
    """The ``ckg:dateRank`` of a dated report (none for an undated one)."""
    return node, DATE_RANK, Literal(date_rank(date))


def without_place(event_type: str, filled: list) -> bool:
    """Whether a report of ``event_type`` whose filled role properties are ``filled`` gets the
    ``ckg:withoutPlace`` mark."""
    return event_type in PLACED_TYPES and not any(p in PLACE_ROLES for p in filled)


def mention_link(entity: URIRef, article: URIRef) -> tuple[URIRef, URIRef, URIRef]:
    """The ``ckg:mentionedIn`` link of an entity with at least one mention in ``article``."""
    return entity, MENTIONED_IN, article


def incident_triple(node: URIRef, date: Optional[str]) -> tuple[URIRef, URIRef, Literal]:
    return node, INCIDENT_KEY, Literal(incident_key(date, str(node)))


# ----------------------------------------------------------------------------- row keys

#: On an actor, place, quantity or report, one per row it gives the look-ups of one thing
#: (actor-profile, statements-by, evidence): ``code << 59 | event_key`` (:func:`role_key`), the
#: code of the role it fills in the report (:data:`ROLE_CODES`; :data:`SELF_CODE` for the report
#: itself and each of its quantities), the report's date rank, a hash of the report's IRI. A
#: query reads one thing's rows, their order (the date rank) and their count from these
#: integers, one range of one index (~0.5 us a key at 10,000 documents), instead of looking up
#: each report's date and class (~13 us a look-up).
ROLE_KEY = CKG.roleKey
#: On a report, the same keys (one per role code filled, and its :data:`SELF_CODE` key): a
#: query goes from a role key to its report by one index look-up of a stored term (a computed
#: value is not looked up: Oxigraph joins it by reading every key).
ROW_KEY = CKG.rowKey
#: The role properties a role key is written for, by their code (the key's top 4 bits): the
#: actor roles first (0-10: actor-profile reads ``key < ROLE_KEY_ACTOR_END``), then the places.
ROLE_CODES: dict[URIRef, int] = {p: i for i, p in enumerate((
    CKG.agent, CKG.force, CKG.perpetrator, CKG.target, CKG.captor, CKG.former, CKG.supporter,
    CKG.participant, CKG.speaker, CKG.visitor, CKG.about,
    CKG.location, CKG.destination, CKG.place, CKG.origin))}
#: The code of a report's own key and of its quantities' (evidence's "event" and "quantity" rows).
SELF_CODE = 15
_ROLE_SHIFT = 59           # 4 bits of code above the event key
_HASH_BITS = 36            # the IRI's hash below the date rank (as _DATE_SHIFT)
_HASH_MASK = (1 << _HASH_BITS) - 1


def role_range(role: URIRef) -> tuple[int, int]:
    """The role keys of one role: ``lo <= key < hi``."""
    code = ROLE_CODES[role]
    return code << _ROLE_SHIFT, (code + 1) << _ROLE_SHIFT


#: The role keys of the actor roles (codes 0-10): ``key < ROLE_KEY_ACTOR_END``.
ROLE_KEY_ACTOR_END = (ROLE_CODES[CKG.about] + 1) << _ROLE_SHIFT


def iri_hash(iri: str) -> int:
    """36 bits of a hash of the IRI (blake2b): what tells two reports of one date apart in their
    keys. Not ordered: a query orders the rows of one date by the IRI itself."""
    return int.from_bytes(hashlib.blake2b(iri.encode("utf-8"), digest_size=8).digest(), "big") & _HASH_MASK


def event_key(date: Optional[str], iri: str) -> int:
    """A report's date rank and IRI hash, ``date_rank(date) << 36 | iri_hash(iri)``: the low 59
    bits of its row keys; ``key >> 36`` (in SPARQL ``FLOOR(key / 2^36)``, less the code's
    ``code * 2^23``) is the date's rank, ordered as ``COALESCE(STR(?date), "")``."""
    return (date_rank(date) << _HASH_BITS) | iri_hash(iri)


def role_key(code: int, date: Optional[str], iri: str) -> int:
    """The row key of code ``code`` (:data:`ROLE_CODES`, :data:`SELF_CODE`) of the report ``iri``."""
    return (code << _ROLE_SHIFT) | event_key(date, iri)


def row_triples(node: URIRef, date: Optional[str], fillers: list[tuple[URIRef, URIRef]],
                quantities: list[URIRef]) -> list[tuple[URIRef, URIRef, Literal]]:
    """The row keys of one report: ``fillers`` are its (role property, entity) pairs (roles
    without a code are left out), ``quantities`` its quantity nodes. On the report a
    ``ckg:rowKey`` per code filled and its own; a ``ckg:roleKey`` on each filler, on each
    quantity and on the report itself."""
    low = event_key(date, str(node))
    own = Literal((SELF_CODE << _ROLE_SHIFT) | low)
    out = [(node, ROW_KEY, own), (node, ROLE_KEY, own)]
    out += [(q, ROLE_KEY, own) for q in quantities]
    codes: set[int] = set()
    for role, entity in fillers:
        code = ROLE_CODES.get(role)
        if code is not None:
            key = Literal((code << _ROLE_SHIFT) | low)
            out.append((entity, ROLE_KEY, key))
            if code not in codes:
                codes.add(code)
                out.append((node, ROW_KEY, key))
    return out


# ----------------------------------------------------------------------------- months

#: On a month node (``ckgd:month/2018-07``; ``ckgd:month/2018`` for the reports dated by their
#: year alone): its number ``year * 13 + month`` (month 0 for a year alone), so that
#: events-in-period reads the few month nodes of a store (one per month its reports are dated in)
#: and keeps those of its period by comparing these integers (query round 12).
MONTH_RANK = CKG.monthRank
#: On a month node, one per report dated in that month (or year): the report's own row key
#: (:func:`role_key` with :data:`SELF_CODE`: its date rank and a hash of its IRI), so that a
#: period's reports, their order by date and their count are read from the keys of its months
#: (one range of one index each, the month node's), each report found by its ``ckg:rowKey``.
MONTH_KEY = CKG.monthKey
MONTH_NAMESPACE = str(CKGD) + "month/"


def month_rank(date: Optional[str]) -> int:
    """``year * 13 + month`` of a date (month 0 for a year alone; 0 for a date of another form,
    whose :func:`date_rank` is 0): ``(date_rank(date) - 1) // 32``."""
    return max(date_rank(date) - 1, 0) // 32


def month_iri(date: Optional[str]) -> URIRef:
    """The month node of a date: ``ckgd:month/YYYY-MM``, ``ckgd:month/YYYY`` for a year alone."""
    year, month = divmod(month_rank(date), 13)
    return URIRef(MONTH_NAMESPACE + (f"{year:04d}-{month:02d}" if month else f"{year:04d}"))


def month_triples(node: URIRef, date: str) -> list[tuple[URIRef, URIRef, Literal]]:
    """The month node's triples for the dated report ``node``: its ``ckg:monthRank`` and the
    report's own row key as a ``ckg:monthKey``."""
    month = month_iri(date)
    return [(month, MONTH_RANK, Literal(month_rank(date))),
            (month, MONTH_KEY, Literal(role_key(SELF_CODE, date, str(node))))]


# ----------------------------------------------------------------------------- documents

#: On an extraction node (``ckgd:extraction/<hash of the time's text>``, one per extraction time
#: of the store's documents): the time's text as ``STR(?extractedAt)`` gives it ("" for a document
#: with no time), so recent-documents ranks the few nodes newest first and tests ``since`` on them.
EXTRACTION_TIME = CKG.extractionTime
#: On an extraction node, one per document graph extracted at that time (:func:`document_key`):
#: recent-documents' order within a time and its count, one range of one index.
DOCUMENT_KEY = CKG.documentKey
#: On a document graph, the same integer: a key leads to its graph by one look-up.
GRAPH_KEY = CKG.graphKey
#: On an article, one: its publication date newest first (undated last), then a hash of its IRI
#: (:func:`article_key`); a key leads to its article by one look-up.
ARTICLE_KEY = CKG.articleKey
#: On an actor or place, one per article that mentions it: that article's ``ckg:articleKey``, so
#: documents-mentioning reads an entity's articles, their order by date and their count from one
#: range of one index.
MENTION_KEY = CKG.mentionKey
EXTRACTION_NAMESPACE = str(CKGD) + "extraction/"
DOCUMENT_NAMESPACE = str(CKGD) + "doc/"
#: The low bits of a document key: a hash of the row (graph, document, time), below the
#: document IRI's first 5 characters (:func:`iri_rank` less its last character: 30 bits).
DOCUMENT_HASH_BITS = 32


def _hash(text: str, bits: int) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big") & ((1 << bits) - 1)


def extraction_node(time: str) -> URIRef:
    """The extraction node of a time's text (``STR(?extractedAt)``; "" without a time)."""
    return URIRef(EXTRACTION_NAMESPACE + hashlib.blake2b(time.encode("utf-8"), digest_size=8).hexdigest())


def document_rank(document: str) -> int:
    """The document IRI's first 5 characters after the documents' namespace (:func:`iri_rank`):
    never contradicts recent-documents' order of the rows of one time (its text key, then the
    IRI): 0 before the namespace, the largest value after it."""
    return iri_rank(document, DOCUMENT_NAMESPACE) >> 6


def document_key(graph: str, document: str, time: str) -> int:
    """The ``ckg:documentKey`` of a row of recent-documents: :func:`document_rank`, then 32 bits
    of a hash of the graph, the document and the time (what tells two rows apart)."""
    return (document_rank(document) << DOCUMENT_HASH_BITS) | _hash(f"{graph} {document} {time}", DOCUMENT_HASH_BITS)


def article_key(published: Optional[str], article: str) -> int:
    """The ``ckg:articleKey`` of an article: its publication date newest first (``_DATE_MAX -
    date_rank``: undated last, as ``DESC(COALESCE(STR(?published), ""))``), then 36 bits of a
    hash of its IRI (:func:`iri_hash`)."""
    return ((_DATE_MAX - date_rank(published)) << _HASH_BITS) | iri_hash(article)


@lru_cache(maxsize=64)
def time_text(lexical: str) -> str:
    """``STR()`` of an ``xsd:dateTime`` as the store gives it (Oxigraph writes a value's canonical
    form, e.g. ``Z`` for ``+00:00``)."""
    q = ('SELECT (STR(?t) AS ?s) WHERE { BIND(STRDT("%s", <http://www.w3.org/2001/XMLSchema#dateTime>) AS ?t) }'
         % lexical.replace("\\", "\\\\").replace('"', '\\"'))
    rows = list(ox.Store().query(q))
    return rows[0]["s"].value if rows and rows[0]["s"] is not None else lexical


def document_triples(graph: URIRef, article: URIRef, time: str, published: Optional[str],
                     entities: Iterable[URIRef]) -> list[tuple[URIRef, URIRef, Literal]]:
    """The document listings' keys of one document graph: its extraction node's time and key,
    the graph's key, the article's key and one on each entity that has a mention in it."""
    node = extraction_node(time)
    key = Literal(document_key(str(graph), str(article), time))
    own = Literal(article_key(published, str(article)))
    return ([(node, EXTRACTION_TIME, Literal(time)), (node, DOCUMENT_KEY, key), (graph, GRAPH_KEY, key),
             (article, ARTICLE_KEY, own)] + [(e, MENTION_KEY, own) for e in entities])


# ----------------------------------------------------------------------------- mention summaries

#: On a mention summary (:func:`summary_node`: one per actor or place and article that mentions
#: it), how many of the entity's mentions are in the article (``ckg:mention`` with that
#: ``ckg:inArticle``): documents-mentioning's "mentions" (query round 14).
MENTION_COUNT = CKG.mentionCount
#: On a mention summary, how many reports of the article (``ckg:reportedIn``) have the entity as
#: the object of a triple (a role): documents-mentioning's "events" (0 written too).
EVENT_COUNT = CKG.eventCount
#: On a mention summary, one per distinct text (``ckg:text``) of those mentions: the words
#: documents-mentioning concatenates.
MENTION_TEXT = CKG.mentionText
SUMMARY_NAMESPACE = str(CKGD) + "mentions/"


def summary_node(entity: str, article: str) -> URIRef:
    """The mention summary of an entity in an article: ``ckgd:mentions/`` and the MD5 of the two
    IRIs joined by a space, which the query computes from a row's entity and article
    (``MD5(CONCAT(STR(?entityIri), " ", STR(?document)))``) and looks up (one look-up a row)."""
    return URIRef(SUMMARY_NAMESPACE + hashlib.md5(f"{entity} {article}".encode("utf-8")).hexdigest())


def summary_triples(entity: str, article: str, mentions: int, events: int,
                    texts: Iterable[str]) -> list[tuple[URIRef, URIRef, Literal]]:
    """The mention summary's triples: its mention and event counts and each distinct text."""
    node = summary_node(entity, article)
    return ([(node, MENTION_COUNT, _count(mentions)), (node, EVENT_COUNT, _count(events))]
            + [(node, MENTION_TEXT, Literal(t)) for t in sorted(set(texts))])


@lru_cache(maxsize=1024)
def _count(n: int) -> Literal:
    """``Literal(n)``, made once for each count (a Literal is immutable; making one from an int
    costs rdflib ~5 microseconds, and a document has ~50 summaries: build speed round 9)."""
    return Literal(n)


def summaries(triples: Iterable[tuple]) -> list[tuple[URIRef, URIRef, Literal]]:
    """The mention summaries of one document's triples (the mapping's, kg.graph.mapping): for
    each entity with a mention in an article, its mentions there, their texts, and the reports
    of that article with the entity as an object, as documents-mentioning counted them from the
    store before query round 14 (the document's graph holds all of them: a mention's and a
    report's IRIs are the document's own)."""
    triples = triples if isinstance(triples, list) else list(triples)
    mentions: dict[URIRef, set[URIRef]] = {}
    in_article: dict[URIRef, set[URIRef]] = {}
    texts: dict[URIRef, set[str]] = {}
    reported: dict[URIRef, set[URIRef]] = {}
    read = {_MENTION: mentions, _IN_ARTICLE: in_article, _TEXT: texts, _REPORTED_IN: reported}
    for s, p, o in triples:
        into = read.get(p)
        if into is not None:
            into.setdefault(s, set()).add(str(o) if into is texts else o)
    pairs: dict[tuple[URIRef, URIRef], set[URIRef]] = {}
    for entity, ms in mentions.items():
        for m in ms:
            for article in in_article.get(m, ()):
                pairs.setdefault((entity, article), set()).add(m)
    events: dict[tuple[URIRef, URIRef], set[URIRef]] = {}
    if reported:
        # the objects of the reports' triples only (build speed round 9: not a list of every
        # IRI object of the document)
        for s, p, o in triples:
            articles = reported.get(s)
            if articles is not None and isinstance(o, URIRef):
                for article in articles:
                    if (o, article) in pairs:
                        events.setdefault((o, article), set()).add(s)
    out: list[tuple[URIRef, URIRef, Literal]] = []
    for (entity, article), ms in sorted(pairs.items()):
        out += summary_triples(str(entity), str(article), len(ms), len(events.get((entity, article), ())),
                               (t for m in ms for t in texts.get(m, ())))
    return out


_MENTION = CKG.mention
_IN_ARTICLE = CKG.inArticle
_TEXT = CKG.text
_REPORTED_IN = CKG.reportedIn


# ----------------------------------------------------------------------------- existing stores

_PREFIX = "PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>\n"
_CLASS_BY_IRI = {str(iri): name for name, iri in EVENT_CLASSES.items()}
_REPORTS = _PREFIX + """SELECT ?g ?e ?class ?date WHERE {
  GRAPH ?g { ?e ckg:evidence ?evidence ; a ?class . OPTIONAL { ?e ckg:date ?date } }
  FILTER(?class IN (ckg:Deployment, ckg:Attack, ckg:Capture, ckg:Meeting, ckg:Statement, ckg:Visit))
}"""
_INCIDENTS = _PREFIX + """SELECT ?g ?e ?date WHERE {
  GRAPH ?g { ?e a ckg:Incident . OPTIONAL { ?e ckg:date ?date } }
}"""
_LINKS = _PREFIX + """SELECT DISTINCT ?g ?e ?d WHERE { GRAPH ?g { ?e ckg:mention ?m . ?m ckg:inArticle ?d } }"""
_FIGURES = _PREFIX + """SELECT ?g ?f WHERE {
  GRAPH ?g { ?f ckg:minValue ?low ; ckg:maxValue ?high }
  FILTER(?low != ?high)
}"""
_TOLLS = _PREFIX + """SELECT ?g ?e ?toll ?date ?incident WHERE {
  GRAPH ?g {
    ?e a ckg:Attack ; ckg:quantity|ckg:figure ?q .
    ?q ckg:quantityKind "fatalities" ; <http://www.w3.org/1999/02/22-rdf-syntax-ns#value> ?toll .
    OPTIONAL { ?e ckg:date ?date }
  }
  BIND(EXISTS { GRAPH ?g { ?e a ckg:Incident } } AS ?incident)
}"""
#: An attack with a toll, in a store with no toll key at all (asked only when none is found).
_UNKEYED_TOLL = _PREFIX + """ASK { ?q ckg:quantityKind "fatalities" . ?e ckg:quantity|ckg:figure ?q ; a ckg:Attack }"""
_MISSING = _PREFIX + """ASK {
  { ?e ckg:evidence ?n . FILTER NOT EXISTS { ?e ckg:reportKey ?k } }
  UNION { ?e a ckg:Incident . FILTER NOT EXISTS { ?e ckg:incidentKey ?k } }
  UNION { ?e ckg:evidence ?n ; ckg:date ?d . FILTER NOT EXISTS { ?e ckg:dateRank ?r } }
  UNION { ?e ckg:evidence ?n . FILTER NOT EXISTS { ?e ckg:rowKey ?r } }
  UNION { ?e ckg:evidence ?n ; ckg:date ?d ; ckg:rowKey ?r .
          FILTER(?r >= 8646911284551352320) FILTER NOT EXISTS { ?m ckg:monthKey ?r } }
  UNION { VALUES ?class { ckg:Attack ckg:Capture ckg:Deployment ckg:Meeting ckg:Visit }
          ?e ckg:evidence ?n ; a ?class .
          FILTER NOT EXISTS { ?e ckg:location|ckg:destination|ckg:place|ckg:origin ?w }
          FILTER NOT EXISTS { ?e ckg:withoutPlace true } }
  UNION { ?e ckg:mention ?m . ?m ckg:inArticle ?d . FILTER NOT EXISTS { ?e ckg:mentionedIn ?d } }
  UNION { ?d a ckg:Article . FILTER NOT EXISTS { ?d ckg:articleKey ?k } }
  UNION { ?e ckg:mentionedIn ?d . FILTER NOT EXISTS { ?e ckg:mentionKey ?k } }
  UNION { ?e ckg:mentionedIn ?d .
          BIND(IRI(CONCAT(""" + f'"{SUMMARY_NAMESPACE}"' + """, MD5(CONCAT(STR(?e), " ", STR(?d))))) AS ?s)
          FILTER NOT EXISTS { ?s ckg:mentionCount ?n } }
  UNION { ?g <http://www.w3.org/ns/prov#wasGeneratedBy> ?a . ?a <http://www.w3.org/ns/prov#used> ?u .
          FILTER NOT EXISTS { ?g ckg:graphKey ?k } }
  UNION { ?f ckg:minValue ?low ; ckg:maxValue ?high . FILTER(?low != ?high)
          FILTER NOT EXISTS { ?f ckg:valuesDiffer true } }
  UNION { ?q ckg:quantityKind "fatalities" . ?e ckg:quantity|ckg:figure ?q ; a ckg:Attack .
          FILTER NOT EXISTS { ?e ckg:tollKey|ckg:tollBucket ?t } }
}"""
#: A figure whose values differ, in a store where none is marked (reads every figure: asked
#: only when no mark is found by an index look-up).
_UNMARKED = _PREFIX + """ASK { ?f ckg:minValue ?low ; ckg:maxValue ?high . FILTER(?low != ?high) }"""


def missing(store: ox.Store) -> bool:
    """Whether some report or incident of the store has no sort key, or some figure whose values
    differ no ``ckg:valuesDiffer`` (a store built before them, or one built further since without
    ``kg derive``). Reads every report: a check for a command, not for each query."""
    return bool(store.query(_MISSING))


def absent(store: ox.Store) -> bool:
    """Whether the store lacks a kind of derived data altogether: reports but no sort key at
    all, or figures whose values differ but no ``ckg:valuesDiffer`` (built by a ``kg`` older
    than them). Index look-ups when the store has them (not :func:`missing`'s read of every
    report), so a command can ask it before each query; a store with some is kept whole by the
    build, which derives them for an older store before writing to it (kg.pipeline)."""
    if not store.query(_PREFIX + "ASK { ?e ckg:evidence ?n }"):
        return False
    if not store.query(_PREFIX + "ASK { ?e ckg:reportKey ?k }"):
        return True
    if not store.query(_PREFIX + "ASK { ?e ckg:dateRank ?k }") and store.query(_PREFIX + "ASK { ?e ckg:evidence ?n ; ckg:date ?d }"):
        return True
    if not store.query(_PREFIX + "ASK { ?e ckg:rowKey ?k }"):
        return True
    if absent_kinds(store):
        return True
    if not store.query(_PREFIX + "ASK { ?e ckg:mentionedIn ?d }") and store.query(_PREFIX + "ASK { ?m ckg:inArticle ?d }"):
        return True
    if not store.query(_PREFIX + "ASK { ?e ckg:tollKey|ckg:tollBucket ?k }") and store.query(_UNKEYED_TOLL):
        return True
    if not store.query(_PREFIX + "ASK { ?e ckg:withoutPlace ?d }") and store.query(_UNPLACED):
        return True
    return not store.query(_PREFIX + "ASK { ?f ckg:valuesDiffer ?d }") and bool(store.query(_UNMARKED))


def toll_rows(store: ox.Store) -> list[tuple[str, str, int, URIRef]]:
    """The toll key every attack with a death toll should have: (graph, node, key, predicate)
    rows, the predicate ``ckg:tollKey`` or ``ckg:tollBucket``."""
    return [(r["g"].value, r["e"].value,
             toll_key(r["incident"].value == "true", r["toll"].value,
                      r["date"].value if r["date"] else None, r["e"].value),
             TOLL_KEY if toll_exact(r["toll"].value) else TOLL_BUCKET)
            for r in store.query(_TOLLS)]


def link_rows(store: ox.Store) -> list[tuple[str, str, str]]:
    """The ``ckg:mentionedIn`` links the store should have: (graph, entity, article) rows."""
    return [(r["g"].value, r["e"].value, r["d"].value) for r in store.query(_LINKS)]


_DATED = _PREFIX + """SELECT ?g ?e ?date WHERE {
  GRAPH ?g { ?e ckg:evidence ?evidence ; ckg:date ?date }
}"""


_PLACELESS = _PREFIX + """SELECT ?g ?e WHERE {
  GRAPH ?g {
    VALUES ?class { ckg:Attack ckg:Capture ckg:Deployment ckg:Meeting ckg:Visit }
    ?e ckg:evidence ?evidence ; a ?class .
    FILTER NOT EXISTS { ?e ckg:location|ckg:destination|ckg:place|ckg:origin ?w }
  }
}"""
#: A report without a place, in a store where none is marked (reads every report of the
#: classes: asked only when no mark is found by an index look-up).
_UNPLACED = _PREFIX + """ASK {
  VALUES ?class { ckg:Attack ckg:Capture ckg:Deployment ckg:Meeting ckg:Visit }
  ?e ckg:evidence ?evidence ; a ?class .
  FILTER NOT EXISTS { ?e ckg:location|ckg:destination|ckg:place|ckg:origin ?w }
}"""


def placeless_rows(store: ox.Store) -> list[tuple[str, str]]:
    """The ``ckg:withoutPlace`` marks the store's reports should have: (graph, report) rows."""
    return [(r["g"].value, r["e"].value) for r in store.query(_PLACELESS)]


def rank_rows(store: ox.Store) -> list[tuple[str, str, int]]:
    """The ``ckg:dateRank`` every dated report should have: (graph, report, rank) rows."""
    return [(r["g"].value, r["e"].value, date_rank(r["date"].value)) for r in store.query(_DATED)]


def month_rows(store: ox.Store) -> list[tuple[str, str, str, URIRef]]:
    """The month nodes' triples the store's dated reports should have (:func:`month_triples`):
    (graph, month node, value, predicate) rows."""
    out: list[tuple[str, str, str, URIRef]] = []
    for r in store.query(_DATED):
        for month, predicate, value in month_triples(URIRef(r["e"].value), r["date"].value):
            out.append((r["g"].value, str(month), str(value), predicate))
    return out


_EXTRACTIONS = _PREFIX + """PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT DISTINCT ?g ?graph ?d (COALESCE(STR(?t), "") AS ?time) WHERE {
  GRAPH ?g { ?graph prov:wasGeneratedBy ?a . ?a a prov:Activity ; prov:used ?d . OPTIONAL { ?a prov:endedAtTime ?t } }
}"""
#: The rows recent-documents reads, from the default graph (what the query reads): a record
#: no named graph holds whole (written by hand into the default graph) gets its keys there.
_EXTRACTIONS_READ = _PREFIX + """PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT DISTINCT ?graph ?d (COALESCE(STR(?t), "") AS ?time) WHERE {
  ?graph prov:wasGeneratedBy ?a . ?a a prov:Activity ; prov:used ?d . OPTIONAL { ?a prov:endedAtTime ?t }
}"""
_ARTICLES = _PREFIX + """SELECT DISTINCT ?g ?d WHERE { GRAPH ?g { ?d a ckg:Article } }"""
_ISSUED = """SELECT ?d (STR(?p) AS ?published) WHERE { ?d <http://purl.org/dc/terms/issued> ?p }"""


def document_rows(store: ox.Store) -> list[tuple[str, str, str, str, URIRef]]:
    """The document listings' keys the store should have (:func:`document_triples`):
    (graph, node, value, datatype, predicate) rows; graph "" for the default graph alone."""
    out: list[tuple[str, str, str, str, URIRef]] = []

    def extraction(g: str, graph: str, d: str, time: str) -> None:
        key = str(document_key(graph, d, time))
        node = str(extraction_node(time))
        out.extend([(g, node, time, _STRING, EXTRACTION_TIME), (g, node, key, _INTEGER, DOCUMENT_KEY),
                    (g, graph, key, _INTEGER, GRAPH_KEY)])

    held = set()
    for r in store.query(_EXTRACTIONS):
        row = (r["graph"].value, r["d"].value, r["time"].value)
        held.add(row)
        extraction(r["g"].value, *row)
    for r in store.query(_EXTRACTIONS_READ):
        row = (r["graph"].value, r["d"].value, r["time"].value)
        if row not in held:
            extraction("", *row)
    published: dict[str, set[str]] = {}
    for r in store.query(_ISSUED):
        published.setdefault(r["d"].value, set()).add(r["published"].value)
    links = link_rows(store)
    # an article's key in each graph that types it or mentions it (a mention's document need
    # not be typed: documents-mentioning reads ckg:inArticle)
    articles = {(r["g"].value, r["d"].value) for r in store.query(_ARTICLES)} | {(g, d) for g, _, d in links}

    def keys(d: str) -> list[str]:
        return sorted({str(article_key(p, d)) for p in published.get(d, {None})})

    for g, d in sorted(articles):
        out += [(g, d, key, _INTEGER, ARTICLE_KEY) for key in keys(d)]
    for g, e, d in links:
        out += [(g, e, key, _INTEGER, MENTION_KEY) for key in keys(d)]
    return out


_MENTIONS_READ = _PREFIX + """SELECT ?e ?m ?d ?t WHERE { ?e ckg:mention ?m . ?m ckg:inArticle ?d . OPTIONAL { ?m ckg:text ?t } }"""
_REPORTED_OBJECTS = _PREFIX + """SELECT DISTINCT ?d ?event ?e WHERE { ?event ckg:reportedIn ?d . ?event ?p ?e . FILTER(isIRI(?e)) }"""


def summary_rows(store: ox.Store, links: Optional[list[tuple[str, str, str]]] = None
                 ) -> list[tuple[str, str, str, str, URIRef]]:
    """The mention summaries the store should have (:func:`summary_triples`): (graph, node,
    value, datatype, predicate) rows. One per entity and article linked in a named graph
    (:func:`link_rows`, the pairs that have a ``ckg:mentionKey``), written in each graph that
    links them; the counts and texts as documents-mentioning read them before query round 14,
    from the union graph."""
    links = link_rows(store) if links is None else links
    mentions: dict[tuple[str, str], set[str]] = {}
    texts: dict[tuple[str, str], set[str]] = {}
    for r in store.query(_MENTIONS_READ):
        pair = (r["e"].value, r["d"].value)
        mentions.setdefault(pair, set()).add(r["m"].value)
        if r["t"] is not None:
            texts.setdefault(pair, set()).add(r["t"].value)
    wanted = {(e, d) for _, e, d in links}
    events: dict[tuple[str, str], int] = {}
    for r in store.query(_REPORTED_OBJECTS):
        pair = (r["e"].value, r["d"].value)
        if pair in wanted:
            events[pair] = events.get(pair, 0) + 1
    out: list[tuple[str, str, str, str, URIRef]] = []
    for g, e, d in links:
        pair = (e, d)
        for node, predicate, value in summary_triples(e, d, len(mentions.get(pair, ())), events.get(pair, 0),
                                                      texts.get(pair, ())):
            out.append((g, str(node), str(value), _STRING if predicate == MENTION_TEXT else _INTEGER, predicate))
    return out


def marked_figures(store: ox.Store) -> list[tuple[str, str]]:
    """The ``ckg:valuesDiffer`` marks the store's figures should have: (graph, figure) rows."""
    return [(r["g"].value, r["f"].value) for r in store.query(_FIGURES)]


_ROLE_LIST = ", ".join(f"<{p}>" for p in ROLE_CODES)
_ROW_KEYS = _PREFIX + f"""SELECT ?g ?e ?date ?role ?x WHERE {{
  GRAPH ?g {{
    ?e ckg:evidence ?evidence .
    OPTIONAL {{ ?e ckg:date ?date }}
    OPTIONAL {{ ?e ?role ?x . FILTER(?role IN ({_ROLE_LIST}, ckg:quantity)) }}
  }}
}}"""


def row_rows(store: ox.Store) -> tuple[list[tuple[str, str, int]], list[tuple[str, str, int]]]:
    """The row keys the store's reports should have (:func:`row_triples`): the ``ckg:rowKey``
    and the ``ckg:roleKey`` rows, (graph, node, key) each."""
    reports: dict[tuple[str, str], tuple[Optional[str], list[tuple[URIRef, URIRef]], list[URIRef]]] = {}
    for r in store.query(_ROW_KEYS):
        g, e = r["g"].value, r["e"].value
        entry = reports.setdefault((g, e), (r["date"].value if r["date"] else None, [], []))
        if r["role"] is not None:
            if r["role"].value == str(CKG.quantity):
                entry[2].append(URIRef(r["x"].value))
            else:
                entry[1].append((URIRef(r["role"].value), URIRef(r["x"].value)))
    rows: list[tuple[str, str, int]] = []
    roles: list[tuple[str, str, int]] = []
    for (g, e), (date, fillers, quantities) in reports.items():
        for node, predicate, key in row_triples(URIRef(e), date, fillers, quantities):
            (rows if predicate == ROW_KEY else roles).append((g, str(node), int(key)))
    return rows, roles


def store_rows(store: ox.Store) -> tuple[list[tuple[str, str, int]], list[tuple[str, str, int]]]:
    """The keys every report and incident of ``store`` should have: (graph, node, key) rows."""
    reports = [(r["g"].value, r["e"].value,
                report_key(_CLASS_BY_IRI[r["class"].value], r["date"].value if r["date"] else None,
                           r["e"].value))
               for r in store.query(_REPORTS)]
    incidents = [(r["g"].value, r["e"].value,
                  incident_key(r["date"].value if r["date"] else None, r["e"].value))
                 for r in store.query(_INCIDENTS)]
    return reports, incidents


#: Rows written by one Store.load in :func:`add_to_store`: a few MB of N-Quads at a time, so
#: that a 10,000-document store (~300,000 keys) is not parsed as one 100 MB request.
CHUNK = 20_000


#: Every derived predicate: what :func:`add_to_store` deletes before it writes them again.
DERIVED = (REPORT_KEY, INCIDENT_KEY, VALUES_DIFFER, TOLL_KEY, TOLL_BUCKET, MENTIONED_IN, DATE_RANK,
           WITHOUT_PLACE, ROW_KEY, ROLE_KEY, MONTH_RANK, MONTH_KEY, EXTRACTION_TIME, DOCUMENT_KEY,
           GRAPH_KEY, ARTICLE_KEY, MENTION_KEY, MENTION_COUNT, EVENT_COUNT, MENTION_TEXT)
#: The kinds of derived data :func:`add_to_store` can write alone (``only``), by their predicates.
KINDS: dict[str, tuple[URIRef, ...]] = {
    "months": (MONTH_RANK, MONTH_KEY),
    "documents": (EXTRACTION_TIME, DOCUMENT_KEY, GRAPH_KEY, ARTICLE_KEY, MENTION_KEY),
    "mentions": (MENTION_COUNT, EVENT_COUNT, MENTION_TEXT)}
_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"
_STRING = "http://www.w3.org/2001/XMLSchema#string"
_IRI = ""  # the "datatype" of a row whose value is an IRI (a link), not a literal


def add_to_store(store: ox.Store, only: Optional[tuple[str, ...]] = None) -> dict[str, int]:
    """Write (again) every derived triple of a store: the keys of every report and incident and
    the marks of the figures whose values differ, in their document and incident graphs and in
    the union default graph; returns how many of each ({"reports", "incidents", "figures",
    "tolls", "links", "ranks", "placeless", "row_keys", "role_keys", "months", "documents", "mentions"}).

    ``only`` names kinds of :data:`KINDS` to write alone (their triples deleted and written
    again, nothing else read or touched; the others' counts are 0): what :func:`absent_kinds`
    finds missing from a store that has the rest (``kg derive --missing``).

    The derived triples already there are deleted first (one update), then the new ones are
    loaded in chunks of :data:`CHUNK` (each a transaction). Idempotent: interrupted, it is run
    again; until it has finished, the queries read what is there."""
    unknown = set(only or ()) - set(KINDS)
    if unknown:
        raise ValueError(f"unknown kinds of derived data: {sorted(unknown)}")
    n = dict.fromkeys(("reports", "incidents", "figures", "tolls", "links", "ranks", "placeless",
                       "row_keys", "role_keys", "months", "documents", "mentions"), 0)
    rows: list[tuple[str, str, str, str, URIRef]] = []
    if only is None:
        predicates = DERIVED
        reports, incidents = store_rows(store)
        ranks = rank_rows(store)
        placeless = placeless_rows(store)
        figures = marked_figures(store)
        tolls = toll_rows(store)
        links = link_rows(store)
        row_keys, role_keys = row_rows(store)
        rows = ([(g, e, str(k), _INTEGER, REPORT_KEY) for g, e, k in reports]
                + [(g, e, str(k), _INTEGER, INCIDENT_KEY) for g, e, k in incidents]
                + [(g, f, "true", _BOOLEAN, VALUES_DIFFER) for g, f in figures]
                + [(g, e, str(k), _INTEGER, p) for g, e, k, p in tolls]
                + [(g, e, d, _IRI, MENTIONED_IN) for g, e, d in links]
                + [(g, e, str(k), _INTEGER, DATE_RANK) for g, e, k in ranks]
                + [(g, e, "true", _BOOLEAN, WITHOUT_PLACE) for g, e in placeless]
                + [(g, e, str(k), _INTEGER, ROW_KEY) for g, e, k in row_keys]
                + [(g, e, str(k), _INTEGER, ROLE_KEY) for g, e, k in role_keys])
        n.update(reports=len(reports), incidents=len(incidents), figures=len(figures),
                 tolls=len(tolls), links=len(links), ranks=len(ranks), placeless=len(placeless),
                 row_keys=len(row_keys), role_keys=len(role_keys))
    else:
        predicates = tuple(p for kind in only for p in KINDS[kind])
    if only is None or "months" in only:
        months = month_rows(store)
        rows += [(g, m, v, _INTEGER, p) for g, m, v, p in months]
        n["months"] = sum(1 for *_, p in months if p == MONTH_KEY)
    if only is None or "documents" in only:
        documents = document_rows(store)
        rows += documents
        n["documents"] = sum(1 for *_, p in documents if p == DOCUMENT_KEY)
    if only is None or "mentions" in only:
        summaries_ = summary_rows(store, links if only is None else None)
        rows += summaries_
        n["mentions"] = sum(1 for *_, p in summaries_ if p == MENTION_COUNT)
    store.update(_PREFIX + " ;\n".join(
        f"DELETE WHERE {{ GRAPH ?g {{ ?e <{p}> ?k }} }} ;\nDELETE WHERE {{ ?e <{p}> ?k }}" for p in predicates))
    for at in range(0, len(rows), CHUNK):
        store.load(_nquads(rows[at:at + CHUNK]).encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    return n


def absent_kinds(store: ox.Store) -> tuple[str, ...]:
    """The kinds of :data:`KINDS` the store lacks altogether (dated reports but no month node;
    articles but no article key; entities linked to articles but no mention summary), by index
    look-ups."""
    kinds: list[str] = []
    if (store.query(_PREFIX + "ASK { ?e ckg:date ?d ; ckg:evidence ?n }")
            and not store.query(_PREFIX + "ASK { ?m ckg:monthKey ?k }")):
        kinds.append("months")
    if (store.query(_PREFIX + "ASK { ?d a ckg:Article }")
            and not store.query(_PREFIX + "ASK { ?d ckg:articleKey ?k }")):
        kinds.append("documents")
    if (store.query(_PREFIX + "ASK { ?e ckg:mentionedIn ?d }")
            and not store.query(_PREFIX + "ASK { ?s ckg:mentionCount ?n }")):
        kinds.append("mentions")
    return tuple(kinds)


def _nquads(rows: list[tuple[str, str, str, str, URIRef]]) -> str:
    """Each derived triple in its graph and in the union default graph (kg.store.core)."""
    lines: list[str] = []
    for graph, node, value, datatype, predicate in rows:
        text = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
        obj = f"<{value}>" if datatype == _IRI else f'"{text}"^^<{datatype}>'
        triple = f'<{node}> <{predicate}> {obj}'
        lines.append(f"{triple} <{graph}> .\n{triple} .\n" if graph else f"{triple} .\n")
    return "".join(lines)
