"""Map one document's ``Facts`` to RDF (one named graph) and read them back.

Design points (see ontology/conflict.ttl for the terms):

* Actor and place IRIs are shared by all documents (kg.graph.iris); what a document says about them
  (local id E1, name, aliases, mentions, attributes) sits in that document's named graph.
* No blank nodes: every node has an IRI derived from the document or its parent, so the same
  facts (and the same ``generated_at``) always give the same triples.
* The round trip ``graph_to_facts(facts_to_graph(f)[1], f.document.id) == f`` is exact. RDF
  values are unordered sets, so list order (role fillers, aliases, mentions) is kept in
  ``ckg:ordering`` rdf:Seq nodes; entities and events come back in local-id order (E1, E2...).
* Entity attributes and links are kept verbatim as ``ckg:Attribute`` records; the typed
  properties derived from them (ckg:title, ckg:affiliation, ckg:country, owl:sameAs) are for
  queries and are not read back; nor is the place hierarchy (kg.graph.hierarchy: ckg:within a
  place's admin-1 division and country, and the division's description).
"""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal
from functools import lru_cache
from typing import Any, Iterable, Iterator, Mapping, Optional

import rdflib.namespace as rns
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.graph import ConjunctiveGraph
from rdflib.term import Node

from kg.graph import derived, iris, vocab
from kg.graph.hierarchy import HierarchyWriter
from kg.graph.vocab import (
    AFFILIATION_ATTRIBUTE,
    WITHIN_ATTRIBUTE,
    COUNTRY_ATTRIBUTE,
    COUNTRY_CODE_ATTRIBUTE,
    DATE_DATATYPES,
    ENTITY_CLASSES,
    ENTITY_TYPE_PRIORITY,
    EVENT_CLASSES,
    EVENT_TYPE_CONCEPTS,
    LINK_ID_PATTERNS,
    LINK_TEMPLATES,
    MODALITY_INDIVIDUALS,
    PRECISION_INDIVIDUALS,
    QUALIFIER_INDIVIDUALS,
    ROLE_PROPERTIES,
    SUBTYPE_CONCEPTS,
    TITLE_ATTRIBUTE,
    bind_prefixes,
)
from kg.models import (
    DateValue,
    DocumentMeta,
    Entity,
    Event,
    Evidence,
    Facts,
    Geo,
    Mention,
    Quantity,
)


class _Terms:
    """A namespace whose terms are made once and then reused.

    rdflib builds a new URIRef on every ``NS.name`` access: that was a third of the mapping
    time, and the store's term cache then met equal but never identical objects.
    """

    def __init__(self, namespace: Any) -> None:
        self._namespace = namespace
        self._items: dict[str, URIRef] = {}

    def __getattr__(self, name: str) -> URIRef:
        term: URIRef = getattr(self._namespace, name)
        setattr(self, name, term)
        return term

    def __getitem__(self, name: str) -> URIRef:
        term = self._items.get(name)
        if term is None:
            term = self._items[name] = self._namespace[name]
        return term

    def __str__(self) -> str:
        return str(self._namespace)


RDF, RDFS, OWL, XSD = _Terms(rns.RDF), _Terms(rns.RDFS), _Terms(rns.OWL), _Terms(rns.XSD)
DCTERMS, GEO, PROV, SKOS = _Terms(rns.DCTERMS), _Terms(rns.GEO), _Terms(rns.PROV), _Terms(rns.SKOS)
CKG, SCHEMA = _Terms(vocab.CKG), _Terms(vocab.SCHEMA)

_COUNTRY_CODE = re.compile(r"^[A-Za-z]{2}$")
_WKT_POINT = re.compile(r"POINT\s*\(\s*(\S+)\s+(\S+)\s*\)", re.IGNORECASE)
_SEQ_MEMBER = re.compile(r"^" + re.escape(str(RDF)) + r"_([0-9]+)$")


class MappingError(ValueError):
    """Facts that cannot be mapped faithfully, or a graph that does not hold a document."""


# ============================================================================ literals
def _number(value: float) -> Literal:
    """xsd:decimal with the shortest exact lexical form (560 -> "560", 0.9 -> "0.9").

    Decimal rather than double: readable in query results and exact when read back.
    """
    if value != value or value in (float("inf"), float("-inf")):
        raise MappingError(f"cannot map non-finite number {value!r}")
    if float(value).is_integer():
        return Literal(str(int(value)), datatype=XSD.decimal)
    return Literal(format(Decimal(repr(float(value))), "f"), datatype=XSD.decimal)


@lru_cache(maxsize=1 << 16)
def _integer(value: int) -> Literal:
    """An xsd:integer, memoised: offsets and sentence numbers recur in every document, and
    making a Literal costs more than all the rest of a mention's triples."""
    return Literal(value)


def _coordinate(value: float) -> str:
    """A WKT coordinate without exponent notation that parses back to the same float."""
    return format(Decimal(repr(float(value))), "f")


def _date(value: str) -> Literal:
    datatype = DATE_DATATYPES.get(len(value))
    if datatype is None:
        raise MappingError(f"date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    return Literal(value, datatype=datatype)


def _norm_subtype(subtype: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", subtype.lower()).strip("-")


# ============================================================================ facts -> RDF
class TripleList(list):
    """The triples of one document as a plain list: ``build`` hands them to the store without
    paying for an rdflib Graph's indexes (its ``add`` was a third of the mapping time)."""

    def add(self, triple: tuple[Node, Node, Node]) -> None:
        self.append(triple)


def facts_to_graph(
    facts: Facts, *, generated_at: Optional[datetime] = None
) -> tuple[URIRef, Graph]:
    """All triples of one document, in a Graph whose identifier is the named-graph IRI.

    ``generated_at`` (when the extraction ran) is recorded as PROV-O times; without it no time is
    written, so the output depends on the facts alone.
    """
    graph_iri, triples = facts_to_triples(facts, generated_at=generated_at)
    g = bind_prefixes(Graph(identifier=graph_iri))
    g.addN((s, p, o, g) for s, p, o in triples)
    return graph_iri, g


def facts_to_triples(
    facts: Facts, *, generated_at: Optional[datetime] = None
) -> tuple[URIRef, TripleList]:
    """Like :func:`facts_to_graph`, as a list (which may repeat a triple)."""
    doc_id = facts.document.id
    graph_iri = iris.graph_iri(doc_id)
    article = iris.doc_iri(doc_id)
    g = TripleList()
    entity_iris = _entity_iris(facts)

    _add_article(g, facts, article)
    _add_provenance(g, facts, graph_iri, article, generated_at)
    hierarchy = HierarchyWriter(set(entity_iris.values()))
    for entity in facts.entities:
        _add_entity(g, entity, entity_iris, doc_id, article, hierarchy)
    event_iris = iris.event_iris(doc_id, facts.events)
    for event in facts.events:
        _add_event(g, event, event_iris[event.id], entity_iris, article)
    # the document listings' keys (recent-documents, documents-mentioning: query round 13)
    time = derived.time_text(str(Literal(generated_at, datatype=XSD.dateTime))) if generated_at is not None else ""
    g.extend(derived.document_triples(
        graph_iri, article, time, facts.document.published or None,
        sorted({entity_iris[e.id] for e in facts.entities if e.mentions})))
    # per entity and article: its mentions, their words and its reports there, counted from
    # this document's triples (documents-mentioning: query round 14)
    g.extend(derived.summaries(g))
    _add_name_keys(g)
    return graph_iri, g


#: The properties whose values name a node: each value is also written lower-cased as its
#: ckg:nameKey (see :func:`_add_name_keys`). Not ckg:countryCode: a query that takes a code
#: looks it up upper-cased, and an actor's name must not match a state's code.
NAMING_PROPERTIES = (RDFS.label, SKOS.altLabel)
# the same as a set: ``p in`` a tuple calls rdflib's Python-level ``__eq__`` for each member,
# ~1,900 triples a document (build speed round 9)
_NAMING = frozenset(NAMING_PROPERTIES)


def _add_name_keys(g: TripleList) -> None:
    """Each name of a node (label and aliases; the place hierarchy's too) also as a
    lower-cased ``ckg:nameKey``. Why: the canned queries find a thing by a name in any case;
    comparing ``LCASE(label)`` with the name reads every label in the store, whereas the key
    is one index look-up. Not read back (:func:`graph_to_facts` ignores it)."""
    keys = {(s, Literal(str(o).lower())) for s, p, o in g if p in _NAMING}
    for s, key in sorted(keys):
        g.add((s, CKG.nameKey, key))


def add_to_dataset(
    dataset: Dataset, facts: Facts, *, generated_at: Optional[datetime] = None
) -> URIRef:
    """Replace the document's named graph in ``dataset`` with freshly mapped triples."""
    graph_iri, g = facts_to_graph(facts, generated_at=generated_at)
    target = dataset.graph(graph_iri)
    target.remove((None, None, None))
    dataset.addN((s, p, o, target) for s, p, o in g)
    return graph_iri


def _entity_iris(facts: Facts) -> dict[str, URIRef]:
    """Local entity id -> shared IRI; two local entities on one IRI would merge, so refuse."""
    out: dict[str, URIRef] = {}
    owner: dict[URIRef, str] = {}
    for e in facts.entities:
        if e.id in out:
            raise MappingError(f"{facts.document.id}: duplicate entity id {e.id}")
        if e.type not in ENTITY_CLASSES:
            raise MappingError(f"{facts.document.id}: entity {e.id} has unknown type {e.type!r}")
        iri = iris.entity_iri(e)
        if iri in owner:
            raise MappingError(
                f"{facts.document.id}: entities {owner[iri]} and {e.id} both resolve to {iri};"
                " merge them before mapping"
            )
        owner[iri] = e.id
        out[e.id] = iri
    return out


def _add_article(g: TripleList, facts: Facts, article: URIRef) -> None:
    meta = facts.document
    g.add((article, RDF.type, CKG.Article))
    g.add((article, DCTERMS.identifier, Literal(meta.id)))
    g.add((article, DCTERMS.language, Literal(meta.language)))
    optional: list[tuple[URIRef, Optional[Literal]]] = [
        (DCTERMS.title, _label(meta.title) if meta.title is not None else None),
        (DCTERMS.publisher, _label(meta.publisher) if meta.publisher is not None else None),
        (DCTERMS.issued, Literal(meta.published, datatype=XSD.date) if meta.published else None),
        (SCHEMA.url, Literal(meta.url, datatype=XSD.anyURI) if meta.url is not None else None),
        (CKG.sha256, Literal(meta.sha256) if meta.sha256 else None),
        (CKG.sourcePath, Literal(meta.source) if meta.source is not None else None),
        (SCHEMA.articleBody, Literal(facts.text) if facts.text is not None else None),
    ]
    for p, o in optional:
        if o is not None:
            g.add((article, p, o))


def _add_provenance(
    g: TripleList, facts: Facts, graph_iri: URIRef, article: URIRef, at: Optional[datetime]
) -> None:
    activity = iris.activity_iri(facts.document.id)
    agent = iris.agent_iri(facts.extractor)
    g.add((graph_iri, RDF.type, PROV.Entity))
    g.add((graph_iri, PROV.wasDerivedFrom, article))
    g.add((graph_iri, PROV.wasGeneratedBy, activity))
    g.add((activity, RDF.type, PROV.Activity))
    g.add((activity, PROV.used, article))
    g.add((activity, PROV.wasAssociatedWith, agent))
    g.add((agent, RDF.type, PROV.SoftwareAgent))
    if facts.extractor:
        g.add((agent, RDFS.label, Literal(facts.extractor)))
    if at is not None:
        g.add((graph_iri, PROV.generatedAtTime, Literal(at, datatype=XSD.dateTime)))
        g.add((activity, PROV.endedAtTime, Literal(at, datatype=XSD.dateTime)))


def _add_span(g: TripleList, node: URIRef, cls: URIRef, span: Mention | Evidence, article: URIRef) -> None:
    g.add((node, RDF.type, cls))
    g.add((node, CKG.startOffset, _integer(span.start)))
    g.add((node, CKG.endOffset, _integer(span.end)))
    g.add((node, CKG.sentenceIndex, _integer(span.sentence)))
    g.add((node, CKG.text, Literal(span.text)))
    g.add((node, CKG.inArticle, article))


def _add_ordering(g: TripleList, subject: URIRef, prop: URIRef, seq: URIRef, items: Iterable[Node]) -> None:
    """Record the order (and any repeats) of ``subject``'s values of ``prop`` as an rdf:Seq."""
    g.add((subject, CKG.ordering, seq))
    g.add((seq, RDF.type, RDF.Seq))
    g.add((seq, CKG.orderedProperty, prop))
    for i, item in enumerate(items, start=1):
        g.add((seq, RDF[f"_{i}"], item))


#: No label (an entity's name or alias, an article's title or publisher) is longer: the reader
#: cuts over-long metadata with a warning (kg.read.reader.MAX_META_CHARS); this is the last guard
#: for facts from elsewhere (kg-facts JSON).
MAX_LABEL_CHARS = 300


def _label(text: str) -> Literal:
    """``text`` as a literal, cut at a word boundary with "…" past ``MAX_LABEL_CHARS``."""
    if len(text) > MAX_LABEL_CHARS:
        head = text[:MAX_LABEL_CHARS]
        space = head.rfind(" ")
        kept = head[:space] if space > MAX_LABEL_CHARS // 2 else head[:MAX_LABEL_CHARS - 1]
        text = kept.rstrip(" ,;:-–—") + "…"
    return Literal(text)


def _add_entity(
    g: TripleList, e: Entity, entity_iris: dict[str, URIRef], doc_id: str, article: URIRef,
    hierarchy: Optional[HierarchyWriter] = None,
) -> None:
    node = entity_iris[e.id]
    g.add((node, RDF.type, ENTITY_CLASSES[e.type]))
    g.add((node, CKG.localId, Literal(e.id)))
    g.add((node, RDFS.label, _label(e.name)))
    if e.subtype is not None:
        g.add((node, CKG.subtype, Literal(e.subtype)))

    aliases = [_label(a) for a in e.aliases]
    for alias in aliases:
        g.add((node, SKOS.altLabel, alias))
    if len(aliases) > 1:
        _add_ordering(g, node, SKOS.altLabel, iris.entity_order_iri(node, doc_id, "altLabel"), aliases)

    mentions = [iris.mention_iri(node, doc_id, i) for i in range(len(e.mentions))]
    for m_node, m in zip(mentions, e.mentions):
        _add_span(g, m_node, CKG.Mention, m, article)
        g.add((node, CKG.mention, m_node))
    if mentions:
        # the entity-to-article link the listings count documents by (kg/graph/derived.py)
        g.add(derived.mention_link(node, article))
    if len(mentions) > 1:
        _add_ordering(g, node, CKG.mention, iris.entity_order_iri(node, doc_id, "mention"), mentions)

    for i, (key, value) in enumerate(sorted(e.attributes.items())):
        record = iris.attribute_iri(node, doc_id, i)
        g.add((node, CKG.attribute, record))
        _add_record(g, record, key, value)
    for i, (key, value) in enumerate(sorted(e.links.items())):
        record = iris.link_iri(node, doc_id, i)
        g.add((node, CKG.link, record))
        _add_record(g, record, key, value)
        same_as = _link_target(key, value)
        if same_as is not None:
            g.add((node, OWL.sameAs, same_as))
    country: Optional[URIRef] = None
    for p, o in _derived_attributes(e, entity_iris):
        g.add((node, p, o))
        if p == CKG.country:
            country = o
    if hierarchy is not None:  # the place hierarchy (kg.graph.hierarchy): ckg:within, not read back
        for triple in hierarchy.place_triples(e, node, country):
            g.add(triple)

    if e.geo is not None:
        geometry = iris.geometry_iri(node)
        wkt = f"POINT({_coordinate(e.geo.lon)} {_coordinate(e.geo.lat)})"
        g.add((node, GEO.hasGeometry, geometry))
        g.add((geometry, RDF.type, GEO.Geometry))
        g.add((geometry, GEO.asWKT, Literal(wkt, datatype=GEO.wktLiteral)))


def _add_record(g: TripleList, record: URIRef, key: str, value: str) -> None:
    g.add((record, RDF.type, CKG.Attribute))
    g.add((record, CKG.key, Literal(key)))
    g.add((record, RDF.value, Literal(value)))


def _link_target(key: str, value: str) -> Optional[URIRef]:
    """The external resource a known link (GeoNames, Wikidata) names, if the id is well formed."""
    template = LINK_TEMPLATES.get(key)
    if template is None or not re.fullmatch(LINK_ID_PATTERNS[key], value.strip()):
        return None
    return URIRef(template.format(value.strip()))


def _derived_attributes(e: Entity, entity_iris: dict[str, URIRef]) -> Iterator[tuple[URIRef, Node]]:
    """Typed triples read from well-known attributes, only where the ontology's domains allow.

    On a Person, ``title`` -> ckg:title; on an actor, ``affiliation`` naming a local entity id
    -> ckg:affiliation; on a Location, ``country`` naming a local entity id or an ISO code, or
    else ``country_code`` -> ckg:country, and ``within`` naming a local place (a district or a town the
    text puts it in: "X in Y's Z district", "Y's neighbourhood of X"; geocoding round 30) -> ckg:within;
    on a Country, ``country_code`` -> ckg:countryCode.
    """
    attrs = e.attributes
    if e.type == "Person" and attrs.get(TITLE_ATTRIBUTE):
        yield CKG.title, Literal(attrs[TITLE_ATTRIBUTE])
    affiliation = attrs.get(AFFILIATION_ATTRIBUTE, "").strip()
    if e.type != "Location" and affiliation in entity_iris and affiliation != e.id:
        yield CKG.affiliation, entity_iris[affiliation]
    code = attrs.get(COUNTRY_CODE_ATTRIBUTE, "").strip()
    if e.type == "Country" and _COUNTRY_CODE.match(code):
        yield CKG.countryCode, Literal(code.upper())
    if e.type == "Location":
        country = attrs.get(COUNTRY_ATTRIBUTE, "").strip()
        if country in entity_iris:
            yield CKG.country, entity_iris[country]
        elif _COUNTRY_CODE.match(country):
            yield CKG.country, iris.state_iri(country)
        elif _COUNTRY_CODE.match(code):
            yield CKG.country, iris.state_iri(code)
        within = attrs.get(WITHIN_ATTRIBUTE, "").strip()
        if within in entity_iris and within != e.id and entity_iris[within] != entity_iris.get(e.id):
            yield CKG.within, entity_iris[within]


def _add_event(
    g: TripleList, v: Event, node: URIRef, entity_iris: dict[str, URIRef], article: URIRef
) -> None:
    if v.type not in EVENT_CLASSES:
        raise MappingError(f"event {v.id}: unknown type {v.type!r}")
    g.add((node, RDF.type, EVENT_CLASSES[v.type]))
    g.add((node, CKG.localId, Literal(v.id)))
    g.add((node, CKG.reportedIn, article))
    g.add((node, CKG.eventType, EVENT_TYPE_CONCEPTS[v.type]))
    g.add((node, CKG.modality, _lookup(MODALITY_INDIVIDUALS, v.modality, "modality", v.id)))
    g.add((node, CKG.confidence, _number(v.confidence)))
    if v.subtype is not None:
        g.add((node, CKG.subtype, Literal(v.subtype)))
        concept = SUBTYPE_CONCEPTS.get(_norm_subtype(v.subtype))
        if concept is not None:
            g.add((node, CKG.eventType, concept))
    if v.quote is not None:
        g.add((node, CKG.quote, Literal(v.quote)))

    trigger = iris.trigger_iri(node)
    _add_span(g, trigger, CKG.Mention, v.trigger, article)
    g.add((node, CKG.trigger, trigger))
    evidence = iris.evidence_iri(node)
    _add_span(g, evidence, CKG.Evidence, v.evidence, article)
    g.add((node, CKG.evidence, evidence))

    for role, ids in v.roles.items():
        prop = _lookup(ROLE_PROPERTIES, role, "role", v.id)
        missing = [i for i in ids if i not in entity_iris]
        if missing:
            raise MappingError(f"event {v.id} role {role} names unknown entities {missing}")
        fillers = [entity_iris[i] for i in ids]
        for filler in fillers:
            g.add((node, prop, filler))
        if len(fillers) != 1:  # keeps order, repeats, and an empty list as a present key
            _add_ordering(g, node, prop, iris.event_order_iri(node, role), fillers)
    if derived.without_place(v.type, [ROLE_PROPERTIES[r] for r, ids in v.roles.items() if ids]):
        # unresolved-entities' no-place reports (kg.graph.derived), in the document's graph
        g.add((node, derived.WITHOUT_PLACE, Literal(True)))

    for kind, q_node in iris.quantity_iris(node, v.quantities).items():
        q = v.quantities[kind]
        g.add((node, CKG.quantity, q_node))
        g.add((q_node, RDF.type, CKG.Quantity))
        g.add((q_node, CKG.quantityKind, Literal(kind)))
        g.add((q_node, RDF.value, _number(q.value)))
        g.add((q_node, CKG.qualifier, _lookup(QUALIFIER_INDIVIDUALS, q.qualifier, "qualifier", v.id)))
        if q.text:
            g.add((q_node, CKG.text, Literal(q.text)))

    if v.date is not None:
        g.add((node, CKG.date, _date(v.date.value)))
        g.add((node, CKG.datePrecision, _lookup(PRECISION_INDIVIDUALS, v.date.precision, "precision", v.id)))
        if v.date.text:
            g.add((node, CKG.dateText, Literal(v.date.text)))
    # the listings' sort key (kg.graph.derived), in the document's graph: not read back
    g.add(derived.report_triple(node, v.type, v.date.value if v.date is not None else None))
    # the row keys of the look-ups of one thing (kg.graph.derived.row_triples), in the
    # document's graph: on the report, on each actor or place filling a role, on each quantity
    g.extend(derived.row_triples(node, v.date.value if v.date is not None else None,
                                 [(ROLE_PROPERTIES[r], entity_iris[i]) for r, ids in v.roles.items() for i in ids],
                                 list(iris.quantity_iris(node, v.quantities).values())))
    if v.date is not None:
        # events-in-period's period as a range of integers (kg.graph.derived.date_rank)
        g.add(derived.date_rank_triple(node, v.date.value))
        # events-in-period's months (query round 12): the month node's number and this
        # report's own row key on it (kg.graph.derived.month_triples)
        g.extend(derived.month_triples(node, v.date.value))
    if v.type == "Attack" and "fatalities" in v.quantities:
        # deadly-attacks' order (kg.graph.derived): the toll as written above, the date, the IRI
        g.add(derived.toll_triple(node, False, _number(v.quantities["fatalities"].value),
                                  v.date.value if v.date is not None else None))


def _lookup(table: Mapping[str, URIRef], key: str, what: str, where: str) -> URIRef:
    try:
        return table[key]
    except KeyError:
        raise MappingError(f"event {where}: unknown {what} {key!r}") from None


# ============================================================================ RDF -> facts
def graph_to_facts(graph: Graph, doc_id: str) -> Facts:
    """Read one document's facts back from its graph.

    ``graph`` is the document's own graph, or a Dataset/ConjunctiveGraph holding it as the named
    graph ``id/graph/<doc_id>``. Raises MappingError if the document is not there.
    """
    g = _document_graph(graph, doc_id)
    article = iris.doc_iri(doc_id)
    if (article, RDF.type, CKG.Article) not in g:
        raise MappingError(f"no article {article} in the graph")
    entities = _local_nodes(g, ENTITY_CLASSES.values())
    by_iri = dict(entities)  # shared IRI -> this document's local id
    return Facts(
        document=_read_meta(g, article, doc_id),
        entities=[_read_entity(g, node, local_id) for node, local_id in entities],
        events=[_read_event(g, node, local_id, by_iri)
                for node, local_id in _local_nodes(g, EVENT_CLASSES.values())],
        extractor=_read_extractor(g, doc_id),
        text=_opt_str(g, article, SCHEMA.articleBody),
    )


def _document_graph(graph: Graph, doc_id: str) -> Graph:
    if isinstance(graph, (Dataset, ConjunctiveGraph)):
        return graph.get_context(iris.graph_iri(doc_id))  # a view on the store, creates nothing
    return graph


def _local_nodes(g: Graph, classes: Iterable[URIRef]) -> list[tuple[Node, str]]:
    """(node, local id) for nodes of the given classes, in local-id numeric order."""
    wanted = set(classes)
    found: dict[Node, str] = {}
    for node, local_id in g.subject_objects(CKG.localId):
        if any((node, RDF.type, c) in g for c in wanted):
            found[node] = str(local_id)
    return sorted(found.items(), key=lambda item: (_id_number(item[1]), item[1]))


def _id_number(local_id: str) -> int:
    """42 for "E42" / "V42", so E10 sorts after E9."""
    return int(local_id[1:]) if local_id[1:].isdigit() else -1


def _opt_str(g: Graph, s: Node, p: URIRef) -> Optional[str]:
    values = sorted(str(o) for o in g.objects(s, p))
    return values[0] if values else None


def _str(g: Graph, s: Node, p: URIRef) -> str:
    value = _opt_str(g, s, p)
    if value is None:
        raise MappingError(f"{s} has no {p}")
    return value


def _int(g: Graph, s: Node, p: URIRef) -> int:
    return int(_str(g, s, p))


def _ordered(g: Graph, s: Node, p: URIRef) -> Optional[list[Node]]:
    """Members of the ckg:ordering sequence of ``s`` for ``p``, or None if there is none."""
    for seq in g.objects(s, CKG.ordering):
        if (seq, CKG.orderedProperty, p) in g:
            members = []
            for pred, obj in g.predicate_objects(seq):
                match = _SEQ_MEMBER.match(str(pred))
                if match:
                    members.append((int(match.group(1)), obj))
            return [obj for _, obj in sorted(members)]
    return None


def _read_meta(g: Graph, article: URIRef, doc_id: str) -> DocumentMeta:
    return DocumentMeta(
        id=doc_id,
        title=_opt_str(g, article, DCTERMS.title),
        publisher=_opt_str(g, article, DCTERMS.publisher),
        published=_opt_str(g, article, DCTERMS.issued),
        url=_opt_str(g, article, SCHEMA.url),
        language=_opt_str(g, article, DCTERMS.language) or "en",
        sha256=_opt_str(g, article, CKG.sha256) or "",
        source=_opt_str(g, article, CKG.sourcePath),
    )


def _read_extractor(g: Graph, doc_id: str) -> str:
    activity = iris.activity_iri(doc_id)
    for agent in sorted(g.objects(activity, PROV.wasAssociatedWith)):
        label = _opt_str(g, agent, RDFS.label)
        if label is not None:
            return label
    return ""


def _read_span(g: Graph, node: Node) -> Mention:
    return Mention(
        start=_int(g, node, CKG.startOffset),
        end=_int(g, node, CKG.endOffset),
        text=_str(g, node, CKG.text),
        sentence=_int(g, node, CKG.sentenceIndex),
    )


def _read_records(g: Graph, node: Node, p: URIRef) -> dict[str, str]:
    out = {_str(g, record, CKG.key): _str(g, record, RDF.value) for record in g.objects(node, p)}
    return dict(sorted(out.items()))


def _entity_type(g: Graph, node: Node) -> str:
    for t in ENTITY_TYPE_PRIORITY:
        if (node, RDF.type, ENTITY_CLASSES[t]) in g:
            return t
    raise MappingError(f"{node} has no entity type")


def _read_entity(g: Graph, node: Node, local_id: str) -> Entity:
    aliases = _ordered(g, node, SKOS.altLabel)
    if aliases is None:
        aliases = sorted(g.objects(node, SKOS.altLabel))
    mention_nodes = _ordered(g, node, CKG.mention)
    if mention_nodes is not None:
        mentions = [_read_span(g, m) for m in mention_nodes]
    else:
        mentions = sorted((_read_span(g, m) for m in g.objects(node, CKG.mention)),
                          key=lambda m: (m.start, m.end))
    return Entity(
        id=local_id,
        type=_entity_type(g, node),
        name=_str(g, node, RDFS.label),
        aliases=[str(a) for a in aliases],
        mentions=mentions,
        subtype=_opt_str(g, node, CKG.subtype),
        attributes=_read_records(g, node, CKG.attribute),
        links=_read_records(g, node, CKG.link),
        geo=_read_geo(g, node),
    )


def _read_geo(g: Graph, node: Node) -> Optional[Geo]:
    for geometry in sorted(g.objects(node, GEO.hasGeometry)):
        wkt = _opt_str(g, geometry, GEO.asWKT)
        match = _WKT_POINT.search(wkt or "")
        if match:
            return Geo(lat=float(match.group(2)), lon=float(match.group(1)))
    return None


def _read_event(g: Graph, node: Node, local_id: str, by_iri: dict[Node, str]) -> Event:
    roles: dict[str, list[str]] = {}
    for role, prop in ROLE_PROPERTIES.items():
        fillers = _ordered(g, node, prop)
        if fillers is None:
            fillers = sorted(g.objects(node, prop), key=lambda f: _local_sort_key(by_iri, f))
            if not fillers:
                continue
        roles[role] = [_local_id_of(by_iri, f, local_id, role) for f in fillers]

    quantities: dict[str, Quantity] = {}
    for q in g.objects(node, CKG.quantity):
        quantities[_str(g, q, CKG.quantityKind)] = Quantity(
            value=float(_str(g, q, RDF.value)),
            qualifier=_reverse(QUALIFIER_INDIVIDUALS, g.value(q, CKG.qualifier), "qualifier"),
            text=_opt_str(g, q, CKG.text) or "",
        )

    date = None
    date_value = _opt_str(g, node, CKG.date)
    if date_value is not None:
        date = DateValue(
            value=date_value,
            precision=_reverse(PRECISION_INDIVIDUALS, g.value(node, CKG.datePrecision), "precision"),
            text=_opt_str(g, node, CKG.dateText) or "",
        )

    trigger = g.value(node, CKG.trigger)
    evidence = g.value(node, CKG.evidence)
    if trigger is None or evidence is None:
        raise MappingError(f"event {node} lacks a trigger or evidence")
    span = _read_span(g, evidence)
    return Event(
        id=local_id,
        type=_reverse(EVENT_CLASSES, _first_of(g, node, EVENT_CLASSES.values()), "event type"),
        trigger=_read_span(g, trigger),
        evidence=Evidence(sentence=span.sentence, start=span.start, end=span.end, text=span.text),
        roles=roles,
        quantities=dict(sorted(quantities.items())),
        date=date,
        modality=_reverse(MODALITY_INDIVIDUALS, g.value(node, CKG.modality), "modality"),
        confidence=float(_str(g, node, CKG.confidence)),
        subtype=_opt_str(g, node, CKG.subtype),
        quote=_opt_str(g, node, CKG.quote),
    )


def _first_of(g: Graph, node: Node, classes: Iterable[URIRef]) -> Optional[URIRef]:
    for c in classes:
        if (node, RDF.type, c) in g:
            return c
    return None


def _reverse(table: Mapping[str, URIRef], value: Optional[Node], what: str) -> str:
    for key, iri in table.items():
        if iri == value:
            return key
    raise MappingError(f"unknown {what} {value}")


def _local_sort_key(by_iri: dict[Node, str], node: Node) -> tuple[int, str]:
    return (_id_number(by_iri.get(node, "")), str(node))


def _local_id_of(by_iri: dict[Node, str], node: Node, event_id: str, role: str) -> str:
    try:
        return by_iri[node]
    except KeyError:
        raise MappingError(f"event {event_id} role {role}: {node} is not an entity of this document") from None
