"""The RDF of an incident, in a named graph of its own.

Why these choices:

* The IRI is a hash of the smallest member report IRI: the same reports give the same IRI
  whatever the build order, and an incident keeps its IRI while reports join it.
* The graph is ``<incident>/graph``, outside ``…/id/graph/`` (which holds document graphs), so
  ``kg docs`` and the document tools do not take incidents for articles.
* The incident is typed with its event class and ``ckg:Incident`` (``a ckg:Attack,
  ckg:Incident``) and carries its actors with the role properties its reports use
  (``ckg:perpetrator``, ``ckg:agent``...: every filler any report names for a role of the
  class), its most specific agreed place with the class's place property (``ckg:location``,
  ``ckg:destination`` or ``ckg:place``), the date at its precision: any query over events can
  ask the same of incidents. Report-level queries tell the two apart by ``ckg:Incident`` (an
  incident has no ``ckg:evidence`` nor ``ckg:reportedIn``). Each filler is typed in the
  incident graph too, so that the graph validates on its own like a document graph.
* Figures are ``ckg:figure`` nodes, not ``ckg:quantity``: each reconciles the reported values
  (``ckg:reportedFigure``, in the document graphs) into a median, a range and a flag.
* The document graphs are never touched: ``ckg:report`` links to each report event.
"""

from __future__ import annotations

import hashlib
import statistics
from collections import Counter, defaultdict
from functools import lru_cache
from typing import Optional

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from kg.fuse.blocking import family
from kg.fuse.cluster import Group
from kg.fuse.compat import _LEVEL, copies, figures_agree
from kg.fuse.config import FusionConfig
from kg.fuse.model import PlaceInfo, Report
from kg.graph import derived
from kg.graph.vocab import (CKG, CKGD, DATE_DATATYPES, EVENT_CLASSES, MODALITY_INDIVIDUALS, PLACE_ROLES,
                            PRECISION_INDIVIDUALS, ROLE_PROPERTIES)
from kg.models import EVENT_ROLES

DCT_SOURCE = URIRef("http://purl.org/dc/terms/source")
PROV_DERIVED = URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")
INCIDENT_BASE = str(CKGD) + "incident/"


class _T:
    """The terms incident_triples writes, made once (rdflib makes and checks a new URIRef on
    every namespace attribute access, and incidents are rewritten as reports join them)."""

    Figure = CKG.Figure
    Incident = CKG.Incident
    Place = CKG.Place
    State = CKG.State
    date = CKG.date
    datePrecision = CKG.datePrecision
    disputed = CKG.disputed
    valuesDiffer = CKG.valuesDiffer
    figure = CKG.figure
    fulfils = CKG.fulfils
    maxValue = CKG.maxValue
    minValue = CKG.minValue
    modality = CKG.modality
    quantityKind = CKG.quantityKind
    report = CKG.report
    reportedFigure = CKG.reportedFigure
    sources = CKG.sources
    rdf_type = RDF.type
    rdf_value = RDF.value
    label = RDFS.label
    decimal = XSD.decimal


@lru_cache(maxsize=1 << 17)
def _iri(value: str) -> URIRef:
    """A URIRef for a report (or its quantity) IRI, made once: an incident of 40 reports is
    rewritten each time one joins, and rdflib checks every IRI it makes."""
    return URIRef(value)


def _literal(value: object, datatype: Optional[URIRef] = None) -> Literal:
    """A Literal made once per value: rdflib's constructor converts and checks each time, and an
    incident graph is rebuilt every time a report joins. (Keyed by type too: 1 is not True.)"""
    return _cached_literal(type(value), value, datatype)


@lru_cache(maxsize=1 << 14)
def _cached_literal(_type: type, value: object, datatype: Optional[URIRef]) -> Literal:
    return Literal(value, datatype=datatype)


def incident_iri(smallest_report: str) -> URIRef:
    return URIRef(INCIDENT_BASE + hashlib.sha256(smallest_report.encode("utf-8")).hexdigest()[:16])


def incident_graph(incident: URIRef | str) -> URIRef:
    return URIRef(f"{incident}/graph")


def sources(reports: tuple[Report, ...]) -> list[list[Report]]:
    """Independent sources: reports grouped by outlet, syndicated copies of one text merged.

    The documents of one publisher are one source at once; the text fingerprints are compared
    only between documents not already in one source (with 40 copies from one outlet, no
    comparison at all), so an incident of many reports is cheap to rewrite."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:  # path compression
            parent[x], x = root, parent[x]
        return root

    def union(a: str, b: str) -> None:
        pa, pb = find(a), find(b)
        if pa != pb:
            parent[max(pa, pb)] = min(pa, pb)

    by_doc: dict[str, Report] = {}
    for r in reports:
        by_doc.setdefault(r.doc_id, r)
    docs = sorted(by_doc)
    outlet: dict[str, str] = {}
    for d in docs:
        parent[d] = d
        pub = by_doc[d].publisher
        if pub:
            union(d, outlet.setdefault(pub, d))
    if len({find(d) for d in docs}) > 1:
        for i, a in enumerate(docs):
            for b in docs[i + 1:]:
                if find(a) != find(b) and copies(by_doc[a], by_doc[b]):
                    union(a, b)
    groups: dict[str, list[Report]] = defaultdict(list)
    for r in reports:
        groups[find(r.doc_id)].append(r)
    return [groups[k] for k in sorted(groups)]


def canonical_date(reports: tuple[Report, ...]) -> tuple[Optional[str], Optional[str]]:
    """The most precise date the most reports give; a date read from a text before an untimed
    report's publication day (which only bounds the event)."""
    timed = [r for r in reports if not r.untimed] or list(reports)
    for precision in ("day", "month", "year"):
        values = [r.date for r in timed if r.date and r.precision == precision]
        if values:
            counts = Counter(values)
            best = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
            return best, precision
    return None, None


def canonical_place(reports: tuple[Report, ...]) -> Optional[PlaceInfo]:
    """The most specific place the most reports agree on."""
    counts: Counter[str] = Counter()
    info: dict[str, PlaceInfo] = {}
    for r in reports:
        for iri, p in {p.iri: p for p in r.places}.items():
            counts[iri] += 1
            info[iri] = p
    if not counts:
        return None
    located = [i for i in counts if info[i].kind != "?"] or list(counts)
    return info[sorted(located, key=lambda i: (_LEVEL[info[i].kind], -counts[i], i))[0]]


def figure_summary(reports: tuple[Report, ...], cfg: FusionConfig,
                   groups: Optional[list[list[Report]]] = None) -> dict[str, dict]:
    """Per kind: every reported value, the median over independent sources, range, disputed
    (``groups``: the reports' :func:`sources`, if the caller has them already)."""
    out: dict[str, dict] = {}
    groups = sources(reports) if groups is None else groups
    kinds = sorted({k for r in reports for k in r.quantities})
    for kind in kinds:
        per_source = []
        for g in groups:
            vals = [r.quantities[kind][0] for r in g if kind in r.quantities]
            if vals:
                per_source.append(statistics.median(vals))
        allv = [r.quantities[kind][0] for r in reports if kind in r.quantities]
        value = statistics.median(per_source)
        disputed = any(not figures_agree(v, value, cfg) for v in per_source)
        out[kind] = {"value": value, "min": min(allv), "max": max(allv), "disputed": disputed,
                     "sources": len(per_source),
                     "reported": [(r, r.quantities[kind]) for r in reports if kind in r.quantities]}
    return out


def _num(v: float) -> Literal:
    return _literal(str(int(v)) if float(v).is_integer() else repr(float(v)), _T.decimal)


def place_property(cls: str) -> Optional[URIRef]:
    """The role property that says where an event of class ``cls`` happens (the one its reports
    use: location, destination or place), None for a class without one (Statement)."""
    for role in EVENT_ROLES.get(cls, ()):
        if role in PLACE_ROLES and role != "origin":
            return ROLE_PROPERTIES[role]
    return None


def incident_triples(group: Group, cfg: FusionConfig) -> tuple[URIRef, list[tuple]]:
    """The incident's IRI and the triples of its graph."""
    reports = group.reports
    inc = incident_iri(reports[0].iri)
    t: list[tuple] = []
    add = t.append
    fam = family(reports[0].cls)
    cls = fam if fam in EVENT_CLASSES else reports[0].cls
    add((inc, _T.rdf_type, EVENT_CLASSES[cls]))
    add((inc, _T.rdf_type, _T.Incident))
    date, precision = canonical_date(reports)
    place = canonical_place(reports)
    add((inc, _T.label, Literal(_label(reports, fam, place, date))))
    add((inc, _T.modality, MODALITY_INDIVIDUALS[reports[0].modality]))
    if date is not None and len(date) in DATE_DATATYPES:
        add((inc, _T.date, _literal(date, DATE_DATATYPES[len(date)])))
        add((inc, _T.datePrecision, PRECISION_INDIVIDUALS[precision]))
    # the incidents listing's sort key (kg.graph.derived): the date written above, or none
    add(derived.incident_triple(inc, date if date is not None and len(date) in DATE_DATATYPES else None))
    fillers: dict[str, URIRef] = {}  # filler IRI -> its class, typed in this graph too (SHACL)
    prop = place_property(cls)
    if place is not None and prop is not None:
        add((inc, prop, _iri(place.iri)))
        fillers[place.iri] = _T.State if place.kind == "S" else _T.Place
    if "origin" in EVENT_ROLES.get(cls, ()):
        for p in sorted({o.iri: o for r in reports for o in r.origins}.values(), key=lambda x: x.iri):
            add((inc, ROLE_PROPERTIES["origin"], _iri(p.iri)))
            fillers[p.iri] = _T.State if p.kind == "S" else _T.Place
    report_p = _T.report
    t.extend([(inc, report_p, _iri(r.iri)) for r in reports])
    roles: dict[str, dict[str, str]] = defaultdict(dict)
    allowed = EVENT_ROLES.get(cls, ())
    for r in reports:
        for role, actors in r.actors.items():
            if role in allowed:
                for a in actors:
                    roles[role][a.iri] = a.cls
    for role in sorted(roles):
        for filler in sorted(roles[role]):
            add((inc, ROLE_PROPERTIES[role], _iri(filler)))
            fillers.setdefault(filler, URIRef(roles[role][filler]))
    for filler, filler_cls in sorted(fillers.items()):
        add((_iri(filler), _T.rdf_type, filler_cls))
    disputed = False
    independent = sources(reports)
    figures = figure_summary(reports, cfg, independent)
    for kind, f in figures.items():
        node = URIRef(f"{inc}/figure/{kind}")
        add((inc, _T.figure, node))
        add((node, _T.rdf_type, _T.Figure))
        add((node, _T.quantityKind, _literal(kind)))
        add((node, _T.rdf_value, _num(f["value"])))
        add((node, _T.minValue, _num(f["min"])))
        add((node, _T.maxValue, _num(f["max"])))
        add((node, _T.disputed, _literal(f["disputed"])))
        add((node, _T.sources, _literal(f["sources"])))
        if f["min"] != f["max"]:
            # derived (kg/graph/derived.py): the few figures whose reports disagree, found by
            # disputed-figures with one index look-up instead of a read of every figure
            add((node, _T.valuesDiffer, _literal(True)))
        disputed = disputed or f["disputed"]
        for r, (value, _qualifier) in f["reported"]:
            q = _iri(f"{r.iri}/quantity/{kind}")  # the report's quantity node (kg.graph.iris)
            add((node, _T.reportedFigure, q))
    if cls == "Attack" and figures.get("fatalities") is not None:
        # deadly-attacks' order (kg.graph.derived): the reconciled toll, the date, the IRI
        add(derived.toll_triple(inc, True, _num(figures["fatalities"]["value"]),
                                date if date is not None and len(date) in DATE_DATATYPES else None))
    add((inc, _T.disputed, _literal(disputed)))
    add((inc, _T.sources, _literal(len(independent))))
    if group.fulfils:
        add((inc, _T.fulfils, incident_iri(group.fulfils[0])))
    return inc, t


def _label(reports: tuple[Report, ...], fam: str, place: Optional[PlaceInfo], date: Optional[str]) -> str:
    bits = [fam.lower()]
    if place is not None:
        bits.append(f"in {place.label}")
    if date:
        bits.append(f"on {date}")
    return " ".join(bits) + f" ({len(reports)} report{'s' if len(reports) != 1 else ''})"
