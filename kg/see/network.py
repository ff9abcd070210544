"""The knowledge graph as a typed networkx graph: actors, places and events joined by role edges.

Events are nodes (not edges) because an event has many participants in different roles: an edge
``event -> entity`` carries the role (``captor``, ``place``...). Node attributes are plain
scalars (strings and numbers, never None) so the graph exports to GraphML and GEXF as it is, and
they carry what a reader needs to judge a fact: its evidence sentence and source document.

Two levels (issue 11): by default an event node is an **incident** (kg.fuse: the reports of one
real-world event fused, in a named graph of its own), drawn with the role edges of the incident,
its date, its number of independent sources, its reconciled figures and the disputed flag; the
sentence and source shown for it are those of one of its reports, and ``reports`` /
``documents`` say how many articles and which. A report that belongs to no incident (a store
built with ``--no-fuse``, a hypothetical or denied report) is drawn as it is. ``level="reports"``
draws every report event instead and no incident, as before fusion. ``g.graph["incident_of"]``
maps each report IRI to its incident, so report IRIs a query returns find their incident.

Subgraphs (an actor's neighbourhood, a period, the resources a query names) are functions from
a graph to a smaller graph, so viz, analyze and export share them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, Optional

import networkx as nx
from rdflib import Graph
from rdflib.term import Node, URIRef

from kg.graph.vocab import (
    CKG,
    ENTITY_CLASSES,
    ENTITY_TYPE_PRIORITY,
    EVENT_CLASSES,
    ROLE_PROPERTIES,
)
from kg.store.core import KGStore

ACTOR, PLACE, EVENT = "actor", "place", "event"
#: what an event node is: an incident (reports fused, the default) or one article's report
INCIDENTS, REPORTS = "incidents", "reports"
LEVELS = (INCIDENTS, REPORTS)
#: ontology class local name -> node kind; a State is an actor (it also fills place roles).
CLASS_KINDS = {"Person": ACTOR, "ArmedForce": ACTOR, "ArmedGroup": ACTOR, "Organization": ACTOR,
               "State": ACTOR, "Place": PLACE, **{t: EVENT for t in EVENT_CLASSES}}
_CLASS_PRIORITY = [str(ENTITY_CLASSES[t])[len(str(CKG)):] for t in ENTITY_TYPE_PRIORITY]
_ROLE_BY_PROPERTY = {str(p): role for role, p in ROLE_PROPERTIES.items()}
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


class NetworkError(ValueError):
    """A request the graph cannot answer (unknown actor, bad date, empty store); one line."""


# ----------------------------------------------------------------------------- dates

@dataclass(frozen=True)
class Period:
    """A closed interval of days; either end may be open (None)."""

    start: Optional[dt.date] = None
    end: Optional[dt.date] = None

    def overlaps(self, lo: dt.date, hi: dt.date) -> bool:
        return (self.start is None or hi >= self.start) and (self.end is None or lo <= self.end)


def date_bounds(value: str) -> tuple[dt.date, dt.date]:
    """First and last day of a YYYY, YYYY-MM or YYYY-MM-DD value (a partial date is a span)."""
    m = _DATE.match(value.strip())
    if not m:
        raise ValueError(value)
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    if month is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if day is None:
        first = dt.date(year, int(month), 1)
        following = dt.date(year + (first.month == 12), first.month % 12 + 1, 1)
        return first, following - dt.timedelta(days=1)
    day_value = dt.date(year, int(month), int(day))
    return day_value, day_value


def parse_period(start: Optional[str], end: Optional[str]) -> Period:
    """--from/--to values -> Period; '--from 2016' starts on 1 January, '--to 2016' ends on 31 December."""
    def bound(value: Optional[str], option: str, pick: int) -> Optional[dt.date]:
        if value is None or not value.strip():
            return None
        try:
            return date_bounds(value)[pick]
        except ValueError:
            raise NetworkError(f"bad {option} {value!r}: expected a date as YYYY, YYYY-MM or "
                               "YYYY-MM-DD") from None

    period = Period(bound(start, "--from", 0), bound(end, "--to", 1))
    if period.start and period.end and period.start > period.end:
        raise NetworkError(f"--from {start} is after --to {end}")
    return period


# ----------------------------------------------------------------------------- loading

def _local(iri: Node) -> str:
    text = str(iri)
    return text[len(str(CKG)):] if text.startswith(str(CKG)) else text.rsplit("/", 1)[-1]


def _text(term: Optional[Node]) -> str:
    return "" if term is None else str(term)


_PREFIXES = """PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX schema: <https://schema.org/>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
"""
_ENTITY_VALUES = " ".join(f"ckg:{c}" for c in _CLASS_PRIORITY)
_EVENT_VALUES = " ".join(f"ckg:{t}" for t in EVENT_CLASSES)
_ROLE_VALUES = " ".join(f"<{p}>" for p in ROLE_PROPERTIES.values())

Q_ENTITIES = _PREFIXES + f"""SELECT ?x ?type (MIN(?l) AS ?label) (MIN(?t) AS ?title)
       (MIN(?aff) AS ?affiliation) (MIN(?cc) AS ?code) WHERE {{
  VALUES ?type {{ {_ENTITY_VALUES} }}
  ?x a ?type .
  OPTIONAL {{ ?x rdfs:label ?l }} OPTIONAL {{ ?x ckg:title ?t }}
  OPTIONAL {{ ?x ckg:affiliation ?aff }} OPTIONAL {{ ?x ckg:countryCode ?cc }}
}} GROUP BY ?x ?type"""
Q_ALIASES = _PREFIXES + "SELECT DISTINCT ?x ?a WHERE { ?x skos:altLabel ?a }"
Q_EVENTS = _PREFIXES + f"""SELECT ?e ?type (MIN(?d) AS ?date) (MIN(?m) AS ?modality)
       (MIN(?c) AS ?confidence) (MIN(?ev) AS ?evidence) (MIN(?doc) AS ?document)
       (MIN(?st) AS ?subtype) (MIN(?tr) AS ?trigger) (MIN(?q) AS ?quote) WHERE {{
  VALUES ?type {{ {_EVENT_VALUES} }}
  ?e a ?type .
  FILTER NOT EXISTS {{ ?e a ckg:Incident }}  # reports; incidents come from Q_INCIDENTS
  OPTIONAL {{ ?e ckg:date ?d }} OPTIONAL {{ ?e ckg:modality ?m }}
  OPTIONAL {{ ?e ckg:confidence ?c }} OPTIONAL {{ ?e ckg:evidence/ckg:text ?ev }}
  OPTIONAL {{ ?e ckg:reportedIn ?doc }} OPTIONAL {{ ?e ckg:subtype ?st }}
  OPTIONAL {{ ?e ckg:trigger/ckg:text ?tr }} OPTIONAL {{ ?e ckg:quote ?q }}
}} GROUP BY ?e ?type"""
Q_ROLES = _PREFIXES + f"SELECT ?e ?p ?x WHERE {{ VALUES ?p {{ {_ROLE_VALUES} }} ?e ?p ?x }}"
Q_QUANTITIES = _PREFIXES + """SELECT ?e ?k ?v ?qual WHERE {
  ?e ckg:quantity ?q . ?q ckg:quantityKind ?k ; rdf:value ?v . OPTIONAL { ?q ckg:qualifier ?qual } }"""
Q_DOCUMENTS = _PREFIXES + """SELECT ?doc (MIN(?i) AS ?id) (MIN(?t) AS ?title) (MIN(?p) AS ?publisher)
       (MIN(?d) AS ?published) (MIN(?u) AS ?url) WHERE {
  ?doc a ckg:Article .
  OPTIONAL { ?doc dcterms:identifier ?i } OPTIONAL { ?doc dcterms:title ?t }
  OPTIONAL { ?doc dcterms:publisher ?p } OPTIONAL { ?doc dcterms:issued ?d }
  OPTIONAL { ?doc schema:url ?u }
} GROUP BY ?doc"""

#: incidents (kg.fuse): class, date, modality, sources, disputed flag
Q_INCIDENTS = _PREFIXES + f"""SELECT ?e ?type (MIN(?d) AS ?date) (MIN(?m) AS ?modality)
       (SAMPLE(?s) AS ?sources) (SAMPLE(?dis) AS ?disputed) WHERE {{
  VALUES ?type {{ {_EVENT_VALUES} }}
  ?e a ckg:Incident , ?type .
  OPTIONAL {{ ?e ckg:date ?d }} OPTIONAL {{ ?e ckg:modality ?m }}
  OPTIONAL {{ ?e ckg:sources ?s }} OPTIONAL {{ ?e ckg:disputed ?dis }}
}} GROUP BY ?e ?type"""
#: which reports each incident fuses
Q_INCIDENT_REPORTS = _PREFIXES + "SELECT ?i ?r WHERE { ?i a ckg:Incident ; ckg:report ?r }"
#: an incident's reconciled figures: median, range, disputed
Q_FIGURES = _PREFIXES + """SELECT ?e ?k ?v ?lo ?hi ?dis WHERE {
  ?e a ckg:Incident ; ckg:figure ?f . ?f ckg:quantityKind ?k ; rdf:value ?v .
  OPTIONAL { ?f ckg:minValue ?lo } OPTIONAL { ?f ckg:maxValue ?hi } OPTIONAL { ?f ckg:disputed ?dis } }"""

#: coordinates of places (and states) from their GeoSPARQL point, for the map view
Q_GEO = _PREFIXES + """PREFIX geo: <http://www.opengis.net/ont/geosparql#>
SELECT ?x (MIN(?w) AS ?wkt) WHERE { ?x geo:hasGeometry/geo:asWKT ?w } GROUP BY ?x"""
#: every query load_network runs (kg serve runs them through its worker pool first)
NETWORK_QUERIES = ("Q_ENTITIES", "Q_ALIASES", "Q_DOCUMENTS", "Q_QUANTITIES", "Q_EVENTS", "Q_ROLES",
                   "Q_GEO", "Q_INCIDENTS", "Q_INCIDENT_REPORTS", "Q_FIGURES")
_POINT = re.compile(r"^\s*POINT\s*\(\s*(-?[\d.]+(?:[eE]-?\d+)?)\s+(-?[\d.]+(?:[eE]-?\d+)?)\s*\)\s*$",
                    re.IGNORECASE)

_QUALIFIER_WORDS = {"Exact": "", "Approximate": "about ", "AtLeast": "at least ", "AtMost": "at most "}


def _number(term: Optional[Node]) -> str:
    text = _text(term)
    try:
        value = float(text)
    except ValueError:
        return text
    return str(int(value)) if value.is_integer() else text


def load_network(store: KGStore, level: str = INCIDENTS) -> nx.DiGraph:
    """Every actor, place and event of the store (union of documents) with their role edges.

    ``level="incidents"`` (the default): an event node per incident, plus the reports that
    belong to no incident; ``level="reports"``: an event node per report, no incident.
    """
    if level not in LEVELS:
        raise NetworkError(f"unknown level {level!r}: use one of {', '.join(LEVELS)}")
    g = nx.DiGraph()
    g.graph["level"] = level
    _add_entities(g, store)
    documents = {str(r["doc"]): r for r in store.query(Q_DOCUMENTS).bindings()}
    quantities = _quantities(store)
    reports: dict[str, dict[str, str]] = {}
    for row in store.query(Q_EVENTS).bindings():
        iri = str(row["e"])
        doc = documents.get(_text(row.get("document")), {})
        cls = _local(row["type"])
        reports[iri] = {
            "kind": EVENT, "level": "report", "cls": cls, "iri": iri, "date": _text(row.get("date")),
            "modality": _local(row["modality"]).lower() if "modality" in row else "",
            "confidence": float(_text(row.get("confidence")) or 0.0),
            "evidence": _text(row.get("evidence")), "trigger": _text(row.get("trigger")),
            "subtype": _text(row.get("subtype")), "quote": _text(row.get("quote")),
            "quantities": "; ".join(quantities.get(iri, [])),
            "doc": _text(doc.get("id")), "source": _text(doc.get("title")),
            "publisher": _text(doc.get("publisher")), "published": _text(doc.get("published")),
            "url": _text(doc.get("url")),
        }
    incident_of: dict[str, str] = {}
    events: dict[str, dict] = {}
    if level == INCIDENTS:
        members: dict[str, list[str]] = defaultdict(list)
        for row in store.query(Q_INCIDENT_REPORTS).bindings():
            members[str(row["i"])].append(str(row["r"]))
        figures = _figures(store)
        for row in store.query(Q_INCIDENTS).bindings():
            iri = str(row["e"])
            if iri in events:  # typed with two event classes: the first (sorted) wins
                continue
            mine = sorted(r for r in members.get(iri, []) if r in reports)
            for r in members.get(iri, []):
                incident_of[r] = iri
            events[iri] = _incident_attrs(row, iri, [reports[r] for r in mine], figures.get(iri, []))
        for iri, attrs in reports.items():
            if iri not in incident_of:
                events[iri] = attrs
    else:
        events = dict(reports)
    g.graph["incident_of"] = incident_of
    for iri, attrs in events.items():
        if g.has_node(iri):  # an IRI typed both as entity and event: the event wins
            g.nodes[iri].clear()
        g.add_node(iri, **{k: v for k, v in attrs.items() if v != ""})
    roles: dict[tuple[str, str], list[str]] = defaultdict(list)
    for row in store.query(Q_ROLES).bindings():
        e, x = str(row["e"]), str(row["x"])
        if g.nodes.get(e, {}).get("kind") == EVENT and x in g and g.nodes[x].get("kind") != EVENT:
            roles[(e, x)].append(_ROLE_BY_PROPERTY[str(row["p"])])
    for (e, x), names in roles.items():
        g.add_edge(e, x, role=", ".join(sorted(set(names))))
    for node in list(g):
        if g.nodes[node].get("kind") == EVENT:
            g.nodes[node]["label"] = event_label(g, node)
    _add_coordinates(g, store)
    return g


def _incident_attrs(row: dict, iri: str, reports: list[dict], figures: list[str]) -> dict:
    """An incident's node: its own class, date, modality, sources, figures and disputed flag;
    the sentence and source of its first report (by IRI, the one its IRI is made from), and
    how many reports and which articles tell it."""
    first = reports[0] if reports else {}
    titles = sorted({r["source"] for r in reports if r.get("source")})
    publishers = sorted({r["publisher"] for r in reports if r.get("publisher")})
    return {
        "kind": EVENT, "level": "incident", "cls": _local(row["type"]), "iri": iri,
        "date": _text(row.get("date")),
        "modality": _local(row["modality"]).lower() if "modality" in row else "",
        "sources": int(float(_text(row.get("sources")) or len(publishers) or 0)),
        "reports": len(reports),
        "disputed": _text(row.get("disputed")).lower() in ("true", "1"),
        "quantities": "; ".join(figures),
        "evidence": first.get("evidence", ""), "trigger": first.get("trigger", ""),
        "doc": first.get("doc", ""), "source": first.get("source", ""),
        "publisher": "; ".join(publishers), "published": first.get("published", ""),
        "url": first.get("url", ""), "documents": "; ".join(titles),
        "report_iris": "; ".join(r["iri"] for r in reports),
    }


def _figures(store: KGStore) -> dict[str, list[str]]:
    """Incident -> 'fatalities: 14 (12-20, disputed)' per figure kind."""
    out: dict[str, list[str]] = defaultdict(list)
    for row in store.query(Q_FIGURES).bindings():
        value, lo, hi = _number(row["v"]), _number(row.get("lo")), _number(row.get("hi"))
        notes = [f"{lo}-{hi}"] if lo and hi and lo != hi else []
        if _text(row.get("dis")).lower() in ("true", "1"):
            notes.append("disputed")
        out[str(row["e"])].append(f"{row['k']}: {value}" + (f" ({', '.join(notes)})" if notes else ""))
    return {k: sorted(v) for k, v in out.items()}


def _add_coordinates(g: nx.DiGraph, store: KGStore) -> None:
    """``lat`` and ``lon`` (floats) on places and states that have a WKT point."""
    for row in store.query(Q_GEO).bindings():
        node = g.nodes.get(str(row["x"]))
        m = _POINT.match(_text(row.get("wkt")))
        if node is None or m is None or node.get("kind") == EVENT:
            continue
        lon, lat = float(m.group(1)), float(m.group(2))
        if -90 <= lat <= 90 and -180 <= lon <= 180:
            node["lat"], node["lon"] = lat, lon


def _add_entities(g: nx.DiGraph, store: KGStore) -> None:
    found: dict[str, dict[str, dict[str, str]]] = defaultdict(dict)
    for row in store.query(Q_ENTITIES).bindings():
        found[str(row["x"])][_local(row["type"])] = {k: _text(v) for k, v in row.items()}
    aliases: dict[str, set[str]] = defaultdict(set)
    for row in store.query(Q_ALIASES).bindings():
        aliases[str(row["x"])].add(str(row["a"]))
    for iri, by_class in found.items():
        cls = next(c for c in _CLASS_PRIORITY if c in by_class)  # most specific class wins
        row = by_class[cls]
        label = row.get("label") or _local(URIRef(iri))
        attrs = {"kind": CLASS_KINDS[cls], "cls": cls, "iri": iri, "label": label,
                 "title": row.get("title", ""), "code": row.get("code", ""),
                 "aliases": "; ".join(sorted(aliases.get(iri, set()) - {label}))}
        g.add_node(iri, **{k: v for k, v in attrs.items() if v})
    for iri, by_class in found.items():
        affiliation = next((r["affiliation"] for r in by_class.values() if r.get("affiliation")), "")
        if affiliation in g:
            g.nodes[iri]["affiliation"] = g.nodes[affiliation]["label"]


def _quantities(store: KGStore) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for row in store.query(Q_QUANTITIES).bindings():
        qualifier = _QUALIFIER_WORDS.get(_local(row["qual"]), "") if "qual" in row else ""
        out[str(row["e"])].append(f"{row['k']}: {qualifier}{_number(row['v'])}")
    return {k: sorted(v) for k, v in out.items()}


def event_label(g: nx.DiGraph, event: str) -> str:
    """A short label: the type, the first place (or actor) and the date, e.g. 'Capture Fallujah 2016-06'."""
    data = g.nodes[event]
    neighbours = [(g.edges[event, x]["role"], g.nodes[x]) for x in g.successors(event)]
    places = sorted(n["label"] for _, n in neighbours if n.get("kind") == PLACE)
    actors = sorted(n["label"] for _, n in neighbours if n.get("kind") == ACTOR)
    where = (places or actors or [""])[0]
    return " ".join(part for part in (data.get("cls", "Event"), where, data.get("date", "")) if part)


# ----------------------------------------------------------------------------- queries on it

def of_kind(g: nx.DiGraph, kind: str) -> list[str]:
    return [n for n, k in g.nodes(data="kind") if k == kind]


def participants(g: nx.DiGraph, event: str) -> list[tuple[str, str]]:
    """(entity, role) pairs of one event."""
    return [(x, g.edges[event, x]["role"]) for x in g.successors(event)]


def find_entity(g: nx.DiGraph, name: str, *, kinds: Iterable[str] = (ACTOR,), what: str = "actor") -> str:
    """A node by IRI, exact label or alias (case-insensitive); unknown or ambiguous is an error."""
    kinds = tuple(kinds)
    wanted = name.strip()
    if wanted.startswith("<") and wanted.endswith(">"):
        wanted = wanted[1:-1]
    if wanted in g and g.nodes[wanted].get("kind") in kinds:
        return wanted
    folded = wanted.casefold()
    by_label = [n for n in g if g.nodes[n].get("kind") in kinds
                and g.nodes[n].get("label", "").casefold() == folded]
    if not by_label:
        by_label = [n for n in g if g.nodes[n].get("kind") in kinds
                    and folded in (a.casefold() for a in g.nodes[n].get("aliases", "").split("; "))]
    if len(by_label) == 1:
        return by_label[0]
    if len(by_label) > 1:
        raise NetworkError(f"{what} {name!r} is ambiguous: give one of the IRIs "
                           f"{', '.join(sorted(by_label))}")
    similar = sorted({g.nodes[n]["label"] for n in g if g.nodes[n].get("kind") in kinds
                      and folded[:4] in g.nodes[n].get("label", "").casefold()})[:5]
    hint = f" (did you mean: {', '.join(similar)}?)" if similar else ""
    raise NetworkError(f"unknown {what} {name!r}: no {what} with that IRI, name or alias{hint}")


def require_events(g: nx.DiGraph, where: str = "the store") -> None:
    if not of_kind(g, EVENT):
        raise NetworkError(f"no events in {where}: build some articles first with `kg build PATH...`")


# ----------------------------------------------------------------------------- subgraphs

def with_entities_of(g: nx.DiGraph, events: Iterable[str], extra: Iterable[str] = ()) -> nx.DiGraph:
    """The subgraph of the given events, every entity they involve, and the ``extra`` nodes."""
    keep = set(extra)
    for e in events:
        keep.add(e)
        keep.update(g.successors(e))
    return g.subgraph(keep).copy()


def in_period(g: nx.DiGraph, period: Period) -> nx.DiGraph:
    """Events whose date overlaps the period (undated events are left out), with their entities."""
    if period.start is None and period.end is None:
        return g
    events = []
    for e in of_kind(g, EVENT):
        date = g.nodes[e].get("date")
        if date:
            try:
                lo, hi = date_bounds(date)
            except ValueError:
                continue
            if period.overlaps(lo, hi):
                events.append(e)
    return with_entities_of(g, events)


def ego(g: nx.DiGraph, actor: str, hops: int) -> nx.DiGraph:
    """The actor, its events and their participants, repeated ``hops`` times (1 hop = actor -> event -> co-actor)."""
    if hops < 1:
        raise NetworkError(f"--hops must be 1 or more, got {hops}")
    undirected = g.to_undirected(as_view=True)
    reached = nx.single_source_shortest_path_length(undirected, actor, cutoff=2 * hops)
    events = [n for n in reached if g.nodes[n].get("kind") == EVENT]
    return with_entities_of(g, events, extra=[actor])


def _in_graph(g: nx.DiGraph):
    """IRI -> the node that stands for it: a report drawn as its incident is that incident."""
    incident_of = g.graph.get("incident_of", {})

    def node(term: Node) -> str:
        iri = str(term)
        return iri if iri in g else incident_of.get(iri, iri)

    return node


def mentioned(g: nx.DiGraph, rdf: Graph) -> nx.DiGraph:
    """The part of ``g`` a CONSTRUCT result names: its resources, and the role edges it states
    (or, when it states none, every role edge among those resources)."""
    node = _in_graph(g)
    nodes = {node(t) for triple in rdf for t in (triple[0], triple[2]) if isinstance(t, URIRef)} & set(g)
    sub = g.subgraph(nodes).copy()
    stated: dict[tuple[str, str], set[str]] = defaultdict(set)
    for s, p, o in rdf:
        role = _ROLE_BY_PROPERTY.get(str(p))
        if role is not None and sub.has_edge(node(s), node(o)):
            stated[(node(s), node(o))].add(role)
    if stated:
        for a, b in list(sub.edges()):
            if (a, b) in stated:
                sub.edges[a, b]["role"] = ", ".join(sorted(stated[(a, b)]))
            else:
                sub.remove_edge(a, b)
    return sub


def selected(g: nx.DiGraph, rows: Iterable[Iterable[Optional[Node]]]) -> nx.DiGraph:
    """The part of ``g`` a SELECT result names: its events with all their participants, plus its
    actors and places."""
    node = _in_graph(g)
    named = {node(t) for row in rows for t in row if isinstance(t, URIRef)} & set(g)
    events = [n for n in named if g.nodes[n].get("kind") == EVENT]
    return with_entities_of(g, events, extra=named)
