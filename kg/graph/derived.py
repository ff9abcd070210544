"""Derived triples written for the canned listings: one sort key per event report and incident.

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

The keys are written in the same transaction as the data they derive from (the document graph,
the incident graph), so a rebuilt or removed document keeps them right. A store built before
them gets them with ``kg derive`` (:func:`add_to_store`).
"""

from __future__ import annotations

import bisect
import re
from typing import Optional

import pyoxigraph as ox
from rdflib import Literal, URIRef

from kg.graph.vocab import CKG, CKGD, EVENT_CLASSES
from kg.models import EVENT_TYPES

REPORT_KEY = CKG.reportKey
INCIDENT_KEY = CKG.incidentKey

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


def report_triple(node: URIRef, event_type: str, date: Optional[str]) -> tuple[URIRef, URIRef, Literal]:
    return node, REPORT_KEY, Literal(report_key(event_type, date, str(node)))


def incident_triple(node: URIRef, date: Optional[str]) -> tuple[URIRef, URIRef, Literal]:
    return node, INCIDENT_KEY, Literal(incident_key(date, str(node)))


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
_MISSING = _PREFIX + """ASK {
  { ?e ckg:evidence ?n . FILTER NOT EXISTS { ?e ckg:reportKey ?k } }
  UNION { ?e a ckg:Incident . FILTER NOT EXISTS { ?e ckg:incidentKey ?k } }
}"""


def missing(store: ox.Store) -> bool:
    """Whether some report or incident of the store has no sort key (a store built before
    them, or one built further since without ``kg derive``). Reads every report: a check for a
    command, not for each query."""
    return bool(store.query(_MISSING))


def absent(store: ox.Store) -> bool:
    """Whether the store holds reports but no sort key at all: built by a ``kg`` older than
    the keys. Two index look-ups (not :func:`missing`'s read of every report), so a command
    can ask it before each query; a store with some keys is kept whole by the build, which adds
    the keys to a keyless store before writing to it (kg.pipeline)."""
    return bool(store.query(_PREFIX + "ASK { ?e ckg:evidence ?n }")) and \
        not store.query(_PREFIX + "ASK { ?e ckg:reportKey ?k }")


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


def add_to_store(store: ox.Store) -> tuple[int, int]:
    """Write (again) the keys of every report and incident of a store, in its document and
    incident graphs and in the union default graph; returns (reports, incidents).

    The keys already there are deleted first (one update), then the new ones are loaded in
    chunks of :data:`CHUNK` (each a transaction). Idempotent: interrupted, it is run again;
    until it has finished, the listings read the keys that are there."""
    reports, incidents = store_rows(store)
    store.update(_PREFIX + "DELETE WHERE { GRAPH ?g { ?e ckg:reportKey ?k } } ;\n"
                 "DELETE WHERE { GRAPH ?g { ?e ckg:incidentKey ?k } } ;\n"
                 "DELETE WHERE { ?e ckg:reportKey ?k } ;\n"
                 "DELETE WHERE { ?e ckg:incidentKey ?k }")
    rows = [(g, e, k, REPORT_KEY) for g, e, k in reports] + [(g, e, k, INCIDENT_KEY) for g, e, k in incidents]
    for at in range(0, len(rows), CHUNK):
        store.load(_nquads(rows[at:at + CHUNK]).encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    return len(reports), len(incidents)


def _nquads(rows: list[tuple[str, str, int, URIRef]]) -> str:
    """Each key in its graph and in the union default graph (kg.store.core)."""
    lines: list[str] = []
    for graph, node, key, predicate in rows:
        triple = f'<{node}> <{predicate}> "{key}"^^<http://www.w3.org/2001/XMLSchema#integer>'
        lines.append(f"{triple} <{graph}> .\n{triple} .\n")
    return "".join(lines)
