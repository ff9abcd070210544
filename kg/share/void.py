"""A VoID + DCAT description of the store, for catalogues and for whoever loads the dump.

:func:`measure` counts what is in the store (one pass of SPARQL aggregates over the union, and
per named graph); :func:`describe` turns those figures into RDF. The description uses no blank
nodes: partitions and subsets get IRIs under the dataset's, so two descriptions of the same
store differ only in their dates.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Optional

import rdflib
from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, PROV, RDF, XSD
from rdflib.term import Node

from kg.graph.vocab import ONTOLOGY_IRI, bind_prefixes
from kg.store.core import GRAPH_BASE, KGStore
from kg.store.sparql import CKG, CKGD, KNOWN_PREFIXES

__all__ = ["DEFAULT_DATASET", "DEFAULT_LICENSE", "DatasetFigures", "GraphFigures",
           "Partition", "describe", "measure"]

VOID = Namespace("http://rdfs.org/ns/void#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
DEFAULT_DATASET = URIRef(CKGD + "dataset")
DEFAULT_LICENSE = URIRef("https://spdx.org/licenses/MIT")  # the project's (and ontology's) licence
_DUMP_FORMATS = (FORMATS["N-Quads"], FORMATS.TriG, FORMATS.Turtle, FORMATS["N-Triples"],
                 FORMATS["JSON-LD"], FORMATS.RDF_XML)
_SCHEMA_DATE = "https://schema.org/datePublished"


@dataclass(frozen=True)
class Partition:
    """One class (instances) or property (triples, distinct subjects/objects) of the union."""

    term: URIRef
    count: int
    distinct_subjects: int = 0
    distinct_objects: int = 0


@dataclass(frozen=True)
class GraphFigures:
    """One named graph: its size and what it was derived from (an article, an endpoint)."""

    graph: URIRef
    triples: int
    sources: tuple[URIRef, ...] = ()
    title: Optional[str] = None
    issued: Optional[Literal] = None
    generated: Optional[Literal] = None
    pages: tuple[URIRef, ...] = ()  # the articles' web addresses (schema:url)


@dataclass(frozen=True)
class DatasetFigures:
    """What :func:`measure` found: the union's statistics, partitions and the named graphs."""

    triples: int
    entities: int
    distinct_subjects: int
    distinct_objects: int
    classes: list[Partition] = field(default_factory=list)
    properties: list[Partition] = field(default_factory=list)
    graphs: list[GraphFigures] = field(default_factory=list)
    first_event: Optional[Literal] = None
    last_event: Optional[Literal] = None

    @property
    def vocabularies(self) -> list[URIRef]:
        """Namespaces of the classes and properties used (known prefixes, else cut at # or /)."""
        known = sorted(KNOWN_PREFIXES.values(), key=len, reverse=True)
        found: set[str] = set()
        for p in [*self.classes, *self.properties]:
            iri = str(p.term)
            ns = next((k for k in known if iri.startswith(k) and k != CKGD), None)
            if ns is None:
                cut = max(iri.rfind("#"), iri.rfind("/"))
                ns = iri[: cut + 1] if cut > 0 else iri
            found.add(ns)
        return [URIRef(n) for n in sorted(found)]


def _int(value: Optional[Node]) -> int:
    return int(value) if value is not None else 0  # type: ignore[arg-type]


def measure(store: KGStore) -> DatasetFigures:
    """Count the union (triples, entities, distinct subjects/objects, partitions) and each graph."""
    q = store.query
    row = q("""SELECT (COUNT(*) AS ?t) (COUNT(DISTINCT ?s) AS ?ds) (COUNT(DISTINCT ?o) AS ?do)
                WHERE { ?s ?p ?o }""").rows[0]
    entities = q(f"""SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s ?p ?o
                    FILTER(isIRI(?s) && STRSTARTS(STR(?s), "{CKGD}")) }}""").rows[0][0]
    classes = [Partition(c, _int(n)) for c, n in q(
        "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c FILTER(isIRI(?c)) } GROUP BY ?c ORDER BY ?c").rows]
    properties = [Partition(p, _int(n), _int(s), _int(o)) for p, n, s, o in q(
        """SELECT ?p (COUNT(*) AS ?n) (COUNT(DISTINCT ?s) AS ?ds) (COUNT(DISTINCT ?o) AS ?do)
           WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY ?p""").rows]
    span = q(f"SELECT (MIN(STR(?d)) AS ?a) (MAX(STR(?d)) AS ?b) WHERE {{ ?e <{CKG}date> ?d }}").rows[0]
    return DatasetFigures(
        triples=_int(row[0]), entities=_int(entities), distinct_subjects=_int(row[1]),
        distinct_objects=_int(row[2]), classes=classes, properties=properties,  # type: ignore[arg-type]
        graphs=_graph_figures(store),
        first_event=span[0] if span[0] is not None else None,  # type: ignore[arg-type]
        last_event=span[1] if span[1] is not None else None,  # type: ignore[arg-type]
    )


def _graph_figures(store: KGStore) -> list[GraphFigures]:
    counts = {g: _int(n) for g, n in store.query(
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g").rows}
    meta: dict[Node, dict[str, list[Node]]] = {}
    for g, src, title, issued, generated, url in store.query(f"""
            SELECT ?g ?src ?title ?issued ?gen ?url WHERE {{ GRAPH ?g {{
              ?g <{PROV}wasDerivedFrom> ?src .
              OPTIONAL {{ ?src <{DCTERMS}title> ?title }}
              OPTIONAL {{ ?src <{DCTERMS}issued>|<{_SCHEMA_DATE}> ?issued }}
              OPTIONAL {{ ?src <https://schema.org/url> ?url }}
              OPTIONAL {{ ?g <{PROV}generatedAtTime> ?gen }} }} }}""").rows:
        entry = meta.setdefault(g, {})  # type: ignore[arg-type]
        for key, value in (("src", src), ("title", title), ("issued", issued), ("gen", generated),
                           ("url", url)):
            if value is not None and value not in entry.setdefault(key, []):
                entry[key].append(value)
    out = []
    for g in sorted(counts, key=str):
        m = meta.get(g, {})
        out.append(GraphFigures(
            graph=g, triples=counts[g],  # type: ignore[arg-type]
            sources=tuple(sorted(s for s in m.get("src", []) if isinstance(s, URIRef))),
            title=str(m["title"][0]) if m.get("title") else None,
            issued=m["issued"][0] if m.get("issued") else None,  # type: ignore[arg-type]
            generated=max(m["gen"], key=str) if m.get("gen") else None,  # type: ignore[arg-type]
            pages=tuple(sorted(URIRef(str(u)) for u in m.get("url", []))),
        ))
    return out


def _slug(term: URIRef) -> str:
    """A readable, collision-free IRI segment for a class or property: local name + digest."""
    text = str(term)
    local = text.rstrip("/#").rsplit("#", 1)[-1].rsplit("/", 1)[-1] or "term"
    local = "".join(c if c.isalnum() or c in "-_" else "-" for c in local)
    return f"{local}-{hashlib.sha256(text.encode('utf-8')).hexdigest()[:8]}"


def _date(text: str) -> Literal:
    """An event date at its own precision (the store mixes xsd:date, gYearMonth and gYear)."""
    datatype = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}.get(len(text))
    return Literal(text, datatype=datatype) if datatype else Literal(text)


def describe(figures: DatasetFigures, *, dataset: URIRef = DEFAULT_DATASET,
             license: Optional[URIRef] = DEFAULT_LICENSE, endpoint: Optional[str] = None,
             dump: Optional[str] = None, title: str = "conflict-kg knowledge graph",
             now: Optional[datetime] = None) -> rdflib.Graph:
    """The VoID + DCAT description of a measured dataset, as an rdflib Graph."""
    now = now or datetime.now(timezone.utc)
    g = bind_prefixes(rdflib.Graph())
    g.bind("void", VOID)
    g.bind("dcat", DCAT)
    g.bind("foaf", FOAF)
    add = g.add
    doc = URIRef(f"{dataset}/description")
    add((doc, RDF.type, VOID.DatasetDescription))
    add((doc, DCTERMS.title, Literal(f"Description of the {title}")))
    add((doc, FOAF.primaryTopic, dataset))
    add((doc, DCTERMS.created, Literal(now.isoformat(timespec="seconds"), datatype=XSD.dateTime)))

    for cls in (VOID.Dataset, DCAT.Dataset, PROV.Entity):
        add((dataset, RDF.type, cls))
    add((dataset, DCTERMS.title, Literal(title)))
    add((dataset, DCTERMS.description, Literal(
        "Events of armed conflicts (deployments, attacks, captures, meetings, statements, visits), "
        "their actors and places, extracted from news articles; one named graph per article.")))
    add((dataset, DCTERMS.conformsTo, ONTOLOGY_IRI))
    if license is not None:
        add((dataset, DCTERMS.license, license))
    add((dataset, VOID.uriSpace, Literal(str(CKGD))))
    add((dataset, VOID.triples, Literal(figures.triples)))
    add((dataset, VOID.entities, Literal(figures.entities)))
    add((dataset, VOID.distinctSubjects, Literal(figures.distinct_subjects)))
    add((dataset, VOID.distinctObjects, Literal(figures.distinct_objects)))
    add((dataset, VOID.classes, Literal(len(figures.classes))))
    add((dataset, VOID.properties, Literal(len(figures.properties))))
    add((dataset, VOID.documents, Literal(sum(1 for x in figures.graphs if x.sources))))
    for vocabulary in figures.vocabularies:
        add((dataset, VOID.vocabulary, vocabulary))
    modified = [x.generated for x in figures.graphs if x.generated is not None]
    if modified:
        add((dataset, DCTERMS.modified, max(modified, key=str)))
    add((dataset, DCTERMS.issued, Literal(now.isoformat(timespec="seconds"), datatype=XSD.dateTime)))
    if figures.first_event is not None and figures.last_event is not None:
        period = URIRef(f"{dataset}/temporal")
        add((dataset, DCTERMS.temporal, period))
        add((period, RDF.type, DCTERMS.PeriodOfTime))
        add((period, DCAT.startDate, _date(str(figures.first_event))))
        add((period, DCAT.endDate, _date(str(figures.last_event))))

    if endpoint:
        service = URIRef(f"{dataset}/sparql")
        add((dataset, VOID.sparqlEndpoint, URIRef(endpoint)))
        add((service, RDF.type, DCAT.DataService))
        add((service, DCAT.endpointURL, URIRef(endpoint)))
        add((service, DCAT.servesDataset, dataset))
        add((service, DCTERMS.conformsTo, URIRef("https://www.w3.org/TR/sparql11-protocol/")))
    if dump:
        distribution = URIRef(f"{dataset}/dump")
        add((dataset, VOID.dataDump, URIRef(dump)))
        add((dataset, DCAT.distribution, distribution))
        add((distribution, RDF.type, DCAT.Distribution))
        add((distribution, DCAT.downloadURL, URIRef(dump)))
    for fmt in _DUMP_FORMATS:
        add((dataset, VOID.feature, fmt))

    for part in figures.classes:
        node = URIRef(f"{dataset}/class/{_slug(part.term)}")
        add((dataset, VOID.classPartition, node))
        add((node, VOID["class"], part.term))
        add((node, VOID.entities, Literal(part.count)))
    for part in figures.properties:
        node = URIRef(f"{dataset}/property/{_slug(part.term)}")
        add((dataset, VOID.propertyPartition, node))
        add((node, VOID.property, part.term))
        add((node, VOID.triples, Literal(part.count)))
        add((node, VOID.distinctSubjects, Literal(part.distinct_subjects)))
        add((node, VOID.distinctObjects, Literal(part.distinct_objects)))

    for graph in figures.graphs:
        add((dataset, VOID.subset, graph.graph))
        add((dataset, DCTERMS.hasPart, graph.graph))
        for cls in (VOID.Dataset, DCAT.Dataset):
            add((graph.graph, RDF.type, cls))
        add((graph.graph, VOID.triples, Literal(graph.triples)))
        if graph.title:
            add((graph.graph, DCTERMS.title, Literal(graph.title)))
        if graph.issued is not None:
            add((graph.graph, DCTERMS.issued, graph.issued))
        if graph.generated is not None:
            add((graph.graph, DCTERMS.modified, graph.generated))
        for page in graph.pages:
            add((graph.graph, DCAT.landingPage, page))
        for source in graph.sources:
            add((graph.graph, DCTERMS.source, source))
            add((graph.graph, PROV.wasDerivedFrom, source))
            add((dataset, DCTERMS.source, source))
        if str(graph.graph).startswith(GRAPH_BASE):
            add((graph.graph, DCTERMS.identifier, Literal(str(graph.graph)[len(GRAPH_BASE):])))
    return g
