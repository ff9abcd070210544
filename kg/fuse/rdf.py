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
from typing import Optional

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from kg.fuse.blocking import family
from kg.fuse.cluster import Group
from kg.fuse.compat import _LEVEL, copies, figures_agree
from kg.fuse.config import FusionConfig
from kg.fuse.model import PlaceInfo, Report
from kg.graph.vocab import (CKG, CKGD, DATE_DATATYPES, EVENT_CLASSES, MODALITY_INDIVIDUALS, PLACE_ROLES,
                            PRECISION_INDIVIDUALS, ROLE_PROPERTIES)
from kg.models import EVENT_ROLES

DCT_SOURCE = URIRef("http://purl.org/dc/terms/source")
PROV_DERIVED = URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")
INCIDENT_BASE = str(CKGD) + "incident/"


def incident_iri(smallest_report: str) -> URIRef:
    return URIRef(INCIDENT_BASE + hashlib.sha256(smallest_report.encode("utf-8")).hexdigest()[:16])


def incident_graph(incident: URIRef | str) -> URIRef:
    return URIRef(f"{incident}/graph")


def sources(reports: tuple[Report, ...]) -> list[list[Report]]:
    """Independent sources: reports grouped by outlet, syndicated copies of one text merged."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    by_doc: dict[str, Report] = {}
    for r in reports:
        by_doc.setdefault(r.doc_id, r)
    docs = sorted(by_doc)
    for i, a in enumerate(docs):
        for b in docs[i + 1:]:
            ra, rb = by_doc[a], by_doc[b]
            if (ra.publisher and ra.publisher == rb.publisher) or copies(ra, rb):
                pa, pb = find(a), find(b)
                if pa != pb:
                    parent[max(pa, pb)] = min(pa, pb)
    groups: dict[str, list[Report]] = defaultdict(list)
    for r in reports:
        groups[find(r.doc_id)].append(r)
    return [groups[k] for k in sorted(groups)]


def canonical_date(reports: tuple[Report, ...]) -> tuple[Optional[str], Optional[str]]:
    for precision in ("day", "month", "year"):
        values = [r.date for r in reports if r.date and r.precision == precision]
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
        for p in set(r.places):
            counts[p.iri] += 1
            info[p.iri] = p
    if not counts:
        return None
    located = [i for i in counts if info[i].kind != "?"] or list(counts)
    return info[sorted(located, key=lambda i: (_LEVEL[info[i].kind], -counts[i], i))[0]]


def figure_summary(reports: tuple[Report, ...], cfg: FusionConfig) -> dict[str, dict]:
    """Per kind: every reported value, the median over independent sources, range, disputed."""
    out: dict[str, dict] = {}
    groups = sources(reports)
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
    return Literal(str(int(v)) if float(v).is_integer() else repr(float(v)), datatype=XSD.decimal)


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
    add((inc, RDF.type, EVENT_CLASSES[cls]))
    add((inc, RDF.type, CKG.Incident))
    add((inc, RDFS.label, Literal(_label(reports, fam))))
    add((inc, CKG.modality, MODALITY_INDIVIDUALS[reports[0].modality]))
    date, precision = canonical_date(reports)
    if date is not None and len(date) in DATE_DATATYPES:
        add((inc, CKG.date, Literal(date, datatype=DATE_DATATYPES[len(date)])))
        add((inc, CKG.datePrecision, PRECISION_INDIVIDUALS[precision]))
    fillers: dict[str, URIRef] = {}  # filler IRI -> its class, typed in this graph too (SHACL)
    place = canonical_place(reports)
    prop = place_property(cls)
    if place is not None and prop is not None:
        add((inc, prop, URIRef(place.iri)))
        fillers[place.iri] = CKG.State if place.kind == "S" else CKG.Place
    if "origin" in EVENT_ROLES.get(cls, ()):
        for p in sorted({o.iri: o for r in reports for o in r.origins}.values(), key=lambda x: x.iri):
            add((inc, ROLE_PROPERTIES["origin"], URIRef(p.iri)))
            fillers[p.iri] = CKG.State if p.kind == "S" else CKG.Place
    for r in reports:
        add((inc, CKG.report, URIRef(r.iri)))
    roles: dict[str, dict[str, str]] = defaultdict(dict)
    for r in reports:
        for role, actors in r.actors.items():
            if role in EVENT_ROLES.get(cls, ()):
                for a in actors:
                    roles[role][a.iri] = a.cls
    for role in sorted(roles):
        for filler in sorted(roles[role]):
            add((inc, ROLE_PROPERTIES[role], URIRef(filler)))
            fillers.setdefault(filler, URIRef(roles[role][filler]))
    for filler, filler_cls in sorted(fillers.items()):
        add((URIRef(filler), RDF.type, filler_cls))
    disputed = False
    for kind, f in figure_summary(reports, cfg).items():
        node = URIRef(f"{inc}/figure/{kind}")
        add((inc, CKG.figure, node))
        add((node, RDF.type, CKG.Figure))
        add((node, CKG.quantityKind, Literal(kind)))
        add((node, RDF.value, _num(f["value"])))
        add((node, CKG.minValue, _num(f["min"])))
        add((node, CKG.maxValue, _num(f["max"])))
        add((node, CKG.disputed, Literal(f["disputed"])))
        add((node, CKG.sources, Literal(f["sources"])))
        disputed = disputed or f["disputed"]
        for r, (value, _qualifier) in f["reported"]:
            q = URIRef(f"{r.iri}/quantity/{kind}")  # the report's quantity node (kg.graph.iris)
            add((node, CKG.reportedFigure, q))
    add((inc, CKG.disputed, Literal(disputed)))
    add((inc, CKG.sources, Literal(len(sources(reports)))))
    if group.fulfils:
        add((inc, CKG.fulfils, incident_iri(group.fulfils[0])))
    return inc, t


def _label(reports: tuple[Report, ...], fam: str) -> str:
    place = canonical_place(reports)
    date, _ = canonical_date(reports)
    bits = [fam.lower()]
    if place is not None:
        bits.append(f"in {place.label}")
    if date:
        bits.append(f"on {date}")
    return " ".join(bits) + f" ({len(reports)} report{'s' if len(reports) != 1 else ''})"
