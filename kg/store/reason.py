"""OWL reasoning over the store (owlready2 + HermiT): what the ontology implies, kept apart.

Why: the document graphs hold only what the extractor asserted (``x a ckg:Attack``). Queries
written against the model's upper terms (``?x a sem:Event``, ``?place ckg:contains ?city``,
``?actor ckg:involvedIn ?event``) need the entailments, and a reasoner is what checks that the
asserted facts do not contradict the model (a node typed both person and place).

How:

1. The individuals' ``rdf:type`` triples (ontology classes only) and their object-property
   assertions are read from the asserted named graphs (never from an earlier inferred graph).
   Literals stay out (OWL 2 has no xsd:gYear, which ckg:date uses), and so do the text-span
   links (mentions, triggers, evidence records): they are provenance plumbing that would
   multiply the individuals without adding entailments anyone queries.
2. owlready2 loads the ontology and that data (N-Triples) and runs HermiT (Java): consistency,
   the class and property hierarchy, inferred types and property values (inverses, transitive
   ``ckg:within``, ``owl:sameAs`` merges, domain and range typing).
3. owlready2 keeps only the most specific inferred facts, so the entailed closure is then
   materialised from HermiT's hierarchy: every type's superclasses, every value's
   super-properties and inverses, transitive properties closed.
4. What is new (not asserted) goes to one named graph, :data:`INFERRED_GRAPH`, with PROV-O
   provenance (the activity, the reasoner, the ontology version, the graphs it used). The
   store's union default graph then contains it, so plain SPARQL sees it; ``--drop`` removes it.

An inconsistent store is not a crash: the individuals behind it are found (disjoint types,
including through domains and ranges; two distinct values of a functional property), each
reported with the documents and sentences that asserted the clashing facts; the reasoner is
then run again without them so the rest is still materialised.
"""

from __future__ import annotations

import io
import shutil
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional, Sequence

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, XSD
from rdflib.term import Node

from kg.graph import ontology_files
from kg.graph.vocab import CKG, CKGD, ONTOLOGY_IRI
from kg.store.core import GRAPH_BASE, KGStore

__all__ = [
    "INFERRED_GRAPH",
    "Inconsistency",
    "JavaMissing",
    "ReasonError",
    "ReasonResult",
    "drop_inferred",
    "is_inferred_graph",
    "reason_store",
]

INFERRED_BASE = str(CKGD) + "inferred/"
INFERRED_GRAPH = URIRef(INFERRED_BASE + "owl")  # the whole store's entailments
ACTIVITY = URIRef(INFERRED_BASE + "owl/activity")
REASONER_AGENT = URIRef(str(CKGD) + "agent/hermit")
JAVA_PACKAGE = "default-jre-headless"

#: Object properties that link to text spans and records: not sent to the reasoner (see 1.).
PLUMBING = frozenset({CKG.mention, CKG.trigger, CKG.evidence, CKG.inArticle, CKG.attribute,
                      CKG.link, CKG.ordering, CKG.orderedProperty})
#: Classes whose instances stay out for the same reason.
PLUMBING_CLASSES = frozenset({CKG.TextSpan, CKG.Mention, CKG.Evidence, CKG.Attribute})
_NOT_ENTAILMENTS = frozenset({OWL.Thing, OWL.NamedIndividual, RDFS.Resource})
A = URIRef(str(RDF.type))  # rdf:type as a plain term: RDF.type is a namespace lookup per use


class ReasonError(Exception):
    """The reasoner could not run (not an inconsistency: those are reported, not raised)."""


class JavaMissing(ReasonError):
    """HermiT needs a Java runtime."""


def is_inferred_graph(iri: Node) -> bool:
    """True for graphs this module writes (derived data: not validated, not reasoned over)."""
    return str(iri).startswith(INFERRED_BASE)


@dataclass(frozen=True)
class Cause:
    """One asserted triple behind an inconsistency, where it was said."""

    triple: tuple[str, str, str]  # as prefixed names / labels, for people
    document: Optional[str]  # doc id (or graph IRI)
    sentence: Optional[str]


@dataclass(frozen=True)
class Inconsistency:
    """An individual whose asserted facts contradict the ontology."""

    individual: URIRef
    label: str
    problem: str  # e.g. "typed both ckg:Person and ckg:Place, which are disjoint"
    causes: tuple[Cause, ...]

    def as_json(self) -> dict[str, Any]:
        return {"individual": str(self.individual), "label": self.label, "problem": self.problem,
                "causes": [{"triple": list(c.triple), "document": c.document, "sentence": c.sentence}
                           for c in self.causes]}


@dataclass
class ReasonResult:
    """What a run did; ``inferred`` are the triples written to ``graph``."""

    graph: URIRef
    input_triples: int = 0
    individuals: int = 0
    inferred: int = 0
    graphs_used: int = 0
    seconds_load: float = 0.0
    seconds_reasoner: float = 0.0
    seconds_total: float = 0.0
    inconsistencies: list[Inconsistency] = field(default_factory=list)
    consistent: bool = True
    note: str = ""
    by_predicate: dict[str, int] = field(default_factory=dict)


# ----------------------------------------------------------------------------- the ontology

@dataclass
class _Model:
    """What the materialisation and the diagnosis need to know about the ontology (rdflib)."""

    graph: Graph
    classes: set[URIRef]
    object_properties: set[URIRef]
    functional: set[URIRef]
    transitive: set[URIRef]
    super_classes: dict[URIRef, set[URIRef]]  # reflexive-transitive
    super_properties: dict[URIRef, set[URIRef]]  # reflexive-transitive
    inverse: dict[URIRef, URIRef]
    domain: dict[URIRef, set[URIRef]]  # named classes only (a union forces no single class)
    range: dict[URIRef, set[URIRef]]
    disjoint: set[frozenset[URIRef]]
    different: set[frozenset[URIRef]]  # owl:AllDifferent pairs


def _closure(direct: dict[URIRef, set[URIRef]], nodes: Iterable[URIRef]) -> dict[URIRef, set[URIRef]]:
    out: dict[URIRef, set[URIRef]] = {}
    for n in nodes:
        seen = {n}
        todo = [n]
        while todo:
            for up in direct.get(todo.pop(), ()):
                if up not in seen:
                    seen.add(up)
                    todo.append(up)
        out[n] = seen
    return out


def load_model(onto: Optional[Graph] = None) -> _Model:
    g = onto if onto is not None else ontology_files.load(ontology_files.ONTOLOGY)
    classes = {c for c in g.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef)}
    props = {p for p in g.subjects(RDF.type, OWL.ObjectProperty) if isinstance(p, URIRef)}
    sub_c: dict[URIRef, set[URIRef]] = defaultdict(set)
    for a, b in g.subject_objects(RDFS.subClassOf):
        if isinstance(a, URIRef) and isinstance(b, URIRef):
            sub_c[a].add(b)
    for a, b in g.subject_objects(OWL.equivalentClass):
        if isinstance(a, URIRef) and isinstance(b, URIRef):
            sub_c[a].add(b)
            sub_c[b].add(a)
    sub_p: dict[URIRef, set[URIRef]] = defaultdict(set)
    for a, b in g.subject_objects(RDFS.subPropertyOf):
        if isinstance(a, URIRef) and isinstance(b, URIRef):
            sub_p[a].add(b)
    inverse: dict[URIRef, URIRef] = {}
    for a, b in g.subject_objects(OWL.inverseOf):
        if isinstance(a, URIRef) and isinstance(b, URIRef):
            inverse[a], inverse[b] = b, a
    domain: dict[URIRef, set[URIRef]] = defaultdict(set)
    rng: dict[URIRef, set[URIRef]] = defaultdict(set)
    for p, c in g.subject_objects(RDFS.domain):
        if isinstance(c, URIRef):
            domain[p].add(c)  # type: ignore[index]
    for p, c in g.subject_objects(RDFS.range):
        if isinstance(c, URIRef):
            rng[p].add(c)  # type: ignore[index]
    disjoint: set[frozenset[URIRef]] = set()
    for a, b in g.subject_objects(OWL.disjointWith):
        disjoint.add(frozenset((a, b)))  # type: ignore[arg-type]
    for node in g.subjects(RDF.type, OWL.AllDisjointClasses):
        members = list(g.items(g.value(node, OWL.members)))
        disjoint.update(frozenset((a, b)) for i, a in enumerate(members) for b in members[i + 1:])
    different: set[frozenset[URIRef]] = set()
    for node in g.subjects(RDF.type, OWL.AllDifferent):
        members = list(g.items(g.value(node, OWL.distinctMembers)))
        different.update(frozenset((a, b)) for i, a in enumerate(members) for b in members[i + 1:])
    return _Model(
        graph=g, classes=classes, object_properties=props,
        functional={p for p in g.subjects(RDF.type, OWL.FunctionalProperty) if p in props},  # type: ignore[misc]
        transitive={p for p in g.subjects(RDF.type, OWL.TransitiveProperty) if p in props},  # type: ignore[misc]
        super_classes=_closure(sub_c, classes | set(sub_c)),
        super_properties=_closure(sub_p, props | set(sub_p)),
        inverse=inverse, domain=domain, range=rng, disjoint=disjoint, different=different)


# ----------------------------------------------------------------------------- reading the store

Triple = tuple[URIRef, URIRef, URIRef]


def _asserted(store: KGStore, model: _Model) -> tuple[set[Triple], list[URIRef]]:
    """Type and object-property triples of the asserted graphs (see the module docstring, 1.)."""
    ox_store = store.ox_store
    graphs = [g for g in store.graphs() if not is_inferred_graph(g)]
    wanted_graphs = {ox.NamedNode(str(g)) for g in graphs}
    out: set[Triple] = set()

    def take(predicate: URIRef, obj: Optional[URIRef] = None) -> Iterator[Triple]:
        p = ox.NamedNode(str(predicate))
        o = ox.NamedNode(str(obj)) if obj is not None else None
        for q in ox_store.quads_for_pattern(None, p, o, None):
            if q.graph_name in wanted_graphs and isinstance(q.subject, ox.NamedNode) \
                    and isinstance(q.object, ox.NamedNode):
                yield URIRef(q.subject.value), predicate, URIRef(q.object.value)

    for cls in sorted(model.classes - PLUMBING_CLASSES):
        out.update(take(RDF.type, cls))
    for prop in sorted(model.object_properties - PLUMBING):
        out.update(take(prop))
    out.update(take(OWL.sameAs))
    return out, graphs


# ----------------------------------------------------------------------------- HermiT

def check_java() -> str:
    """The java executable HermiT will run with; JavaMissing (one line naming the package) if none."""
    java = shutil.which("java")
    if java is None:
        raise JavaMissing(f"kg reason needs Java for the HermiT reasoner: install Debian's "
                          f"{JAVA_PACKAGE} (apt-get install {JAVA_PACKAGE}) or put `java` on PATH")
    return java


def _ntriples(triples: Iterable[tuple[Node, Node, Node]]) -> bytes:
    return "".join(f"{s.n3()} {p.n3()} {o.n3()} .\n" for s, p, o in triples).encode("utf-8")


@dataclass
class _HermitOutput:
    consistent: bool
    types: set[Triple]
    values: set[Triple]
    super_classes: dict[URIRef, set[URIRef]]
    seconds_load: float
    seconds_reasoner: float


def reasoner_profile(onto: Graph) -> Graph:
    """The ontology as HermiT gets it: without the closed enumerations (``owl:equivalentClass
    [ owl:oneOf (...) ]`` of modality, qualifier, date precision).

    Nominals make HermiT slow on many individuals (measured on 100 documents: 18 s with them,
    3 s without), and what they say is already enforced where it is cheap: the shapes'
    ``sh:in`` lists, and the owl:AllDifferent individuals, which stay.
    """
    out = Graph()
    enumerations = {c for c in onto.subjects(OWL.oneOf, None)}
    for s, p, o in onto:
        if p == OWL.equivalentClass and (o in enumerations or s in enumerations):
            continue
        out.add((s, p, o))
    return out


def _run_hermit(onto: Graph, data: set[Triple]) -> _HermitOutput:
    """Load the ontology (its reasoner profile) and data into a fresh owlready2 World, run HermiT."""
    import owlready2
    from owlready2 import OwlReadyInconsistentOntologyError

    owlready2.JAVA_EXE = check_java()
    start = time.perf_counter()
    world = owlready2.World()
    profile = reasoner_profile(onto)
    world.get_ontology(str(ONTOLOGY_IRI)).load(fileobj=io.BytesIO(profile.serialize(format="nt", encoding="utf-8")))
    data_onto = world.get_ontology(str(CKGD) + "reasoner-input")
    data_onto.load(fileobj=io.BytesIO(_ntriples(data)))
    inferred = world.get_ontology("http://inferred.conflict-kg/")
    loaded = time.perf_counter()
    try:
        with inferred:
            owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    except OwlReadyInconsistentOntologyError:
        return _HermitOutput(False, set(), set(), {}, loaded - start, time.perf_counter() - loaded)
    except (OSError, owlready2.OwlReadyError) as exc:
        raise ReasonError(f"HermiT failed: {' '.join(str(exc).split())[:300]}") from None
    done = time.perf_counter()
    types: set[Triple] = set()
    values: set[Triple] = set()
    unabbreviate = world._unabbreviate
    rdf_type = str(RDF.type)
    for s, p, o in world.graph.execute("SELECT s, p, o FROM quads WHERE c=?", (inferred.graph.c,)):
        if not (isinstance(s, int) and s > 0 and isinstance(o, int) and o > 0):
            continue
        triple = (URIRef(unabbreviate(s)), URIRef(unabbreviate(p)), URIRef(unabbreviate(o)))
        (types if triple[1] == URIRef(rdf_type) else values).add(triple)
    # The class hierarchy as HermiT classified it (may add subclass links the file only implies).
    supers: dict[URIRef, set[URIRef]] = {}
    for cls in world.classes():
        try:
            supers[URIRef(cls.iri)] = {URIRef(a.iri) for a in cls.ancestors() if hasattr(a, "iri")}
        except (AttributeError, TypeError):
            continue
    return _HermitOutput(True, types, values, supers, loaded - start, done - loaded)


# ----------------------------------------------------------------------------- materialising

def _materialise(model: _Model, asserted: set[Triple], hermit: _HermitOutput) -> set[Triple]:
    """The entailed closure of the asserted and HermiT-inferred facts (module docstring, 3.)."""
    supers = dict(model.super_classes)
    for cls, ups in hermit.super_classes.items():
        supers[cls] = supers.get(cls, {cls}) | ups
    facts = asserted | hermit.types | hermit.values
    values: set[Triple] = {t for t in facts if t[1] != A}
    changed = True
    while changed:
        before = len(values)
        lifted = {(s, q, o) for s, p, o in values for q in model.super_properties.get(p, {p})}
        lifted |= {(o, model.inverse[p], s) for s, p, o in lifted if p in model.inverse}
        for p in model.transitive:
            lifted |= _transitive({(s, o) for s, q, o in lifted if q == p}, p)
        values = lifted
        changed = len(values) != before
    types: set[Triple] = set()
    for s, _p, c in facts:
        if _p == A:
            types.update((s, A, up) for up in supers.get(c, {c}))
    for s, p, o in values:  # domain and range typing
        for c in model.domain.get(p, ()):
            types.update((s, A, up) for up in supers.get(c, {c}))
        for c in model.range.get(p, ()):
            types.update((o, A, up) for up in supers.get(c, {c}))
    # owl:sameAs targets (GeoNames, Wikidata) are aliases: their copies of our facts are noise.
    aliases = {o for _s, p, o in asserted if p == OWL.sameAs}
    return {t for t in types | values
            if t[2] not in _NOT_ENTAILMENTS and str(t[0]).startswith(str(CKGD))
            and t[1] != OWL.sameAs and t[0] not in aliases and t[2] not in aliases}


def _transitive(pairs: set[tuple[URIRef, URIRef]], prop: URIRef) -> set[Triple]:
    succ: dict[URIRef, set[URIRef]] = defaultdict(set)
    for a, b in pairs:
        succ[a].add(b)
    out: set[Triple] = set()
    for start in list(succ):
        seen: set[URIRef] = set()
        todo = list(succ[start])
        while todo:
            n = todo.pop()
            if n in seen:
                continue
            seen.add(n)
            todo.extend(succ.get(n, ()))
        out.update((start, prop, n) for n in seen if n != start)
    return out


# ----------------------------------------------------------------------------- diagnosing

def _diagnose(model: _Model, data: set[Triple]) -> dict[URIRef, tuple[str, list[Triple]]]:
    """Individuals whose facts clash with a disjointness or a functional property: why, and the
    asserted triples that did it. Cheap checks over the asserted data, run only after HermiT
    said the whole is inconsistent."""
    supers = model.super_classes
    why: dict[URIRef, dict[URIRef, Triple]] = defaultdict(dict)  # individual -> class -> a reason
    for s, p, o in data:
        if p == RDF.type:
            for up in supers.get(o, {o}):
                why[s].setdefault(up, (s, p, o))
            continue
        for q in model.super_properties.get(p, {p}):
            for c in model.domain.get(q, ()):
                for up in supers.get(c, {c}):
                    why[s].setdefault(up, (s, p, o))
            for c in model.range.get(q, ()):
                for up in supers.get(c, {c}):
                    why[o].setdefault(up, (s, p, o))
    found: dict[URIRef, tuple[str, list[Triple]]] = {}
    for ind, classes in why.items():
        for pair in model.disjoint:
            a, b = sorted(pair)
            if a in classes and b in classes:
                found[ind] = (f"is both {_short(a)} and {_short(b)}, which the ontology declares disjoint",
                              sorted({classes[a], classes[b]}))
                break
    by_subject: dict[tuple[URIRef, URIRef], set[URIRef]] = defaultdict(set)
    for s, p, o in data:
        if p in model.functional:
            by_subject[(s, p)].add(o)
    for (s, p), objects in by_subject.items():
        objs = sorted(objects)
        clash = [(a, b) for i, a in enumerate(objs) for b in objs[i + 1:] if frozenset((a, b)) in model.different]
        if clash and s not in found:
            a, b = clash[0]
            found[s] = (f"has two values of the functional property {_short(p)}: {_short(a)} and {_short(b)}",
                        [(s, p, a), (s, p, b)])
    return found


def _short(iri: Node) -> str:
    from kg.store.validate import _qname  # one prefix table for every report

    return _qname(iri) if isinstance(iri, URIRef) else str(iri)


def _causes(store: KGStore, triples: Sequence[Triple], graphs: Sequence[URIRef]) -> tuple[Cause, ...]:
    """Each clashing triple with the documents that assert it and the sentence behind it there."""
    from kg.store.validate import evidence_sentence, label

    wanted = {ox.NamedNode(str(g)) for g in graphs}
    cache: dict[URIRef, Graph] = {}
    out: list[Cause] = []
    for s, p, o in triples:
        quads = store.ox_store.quads_for_pattern(ox.NamedNode(str(s)), ox.NamedNode(str(p)),
                                                 ox.NamedNode(str(o)), None)
        where = sorted({URIRef(q.graph_name.value) for q in quads if q.graph_name in wanted})
        for g in where or [None]:  # type: ignore[list-item]
            doc = None
            sentence = None
            shown = (_short(s), _short(p), _short(o))
            if g is not None:
                graph = cache.get(g)
                if graph is None:
                    graph = cache[g] = store.graph(g)
                doc = str(g)[len(GRAPH_BASE):] if str(g).startswith(GRAPH_BASE) else str(g)
                sentence = evidence_sentence(graph, s)
                shown = (label(graph, s), _short(p), label(graph, o) if p != RDF.type else _short(o))
            out.append(Cause(shown, doc, sentence))
    return tuple(out)


# ----------------------------------------------------------------------------- the run

def _provenance(result: ReasonResult, graphs: Sequence[URIRef], started: datetime,
                ended: datetime) -> list[tuple[Node, Node, Node]]:
    import owlready2

    onto = ontology_files.load(ontology_files.ONTOLOGY)
    version = onto.value(ONTOLOGY_IRI, OWL.versionIRI) or ONTOLOGY_IRI
    g = result.graph
    triples: list[tuple[Node, Node, Node]] = [
        (g, RDF.type, PROV.Entity),
        (g, RDFS.label, Literal("OWL entailments of the asserted document graphs")),
        (g, DCTERMS.description, Literal(
            "Triples the conflict-kg ontology implies from the asserted graphs (types through the "
            "class hierarchy, domains and ranges; super-properties, inverses, transitive "
            "containment), computed by HermiT. Derived data: recomputed by `kg reason`.")),
        (g, PROV.wasGeneratedBy, ACTIVITY),
        (g, PROV.generatedAtTime, Literal(ended.isoformat(), datatype=XSD.dateTime)),
        (ACTIVITY, RDF.type, PROV.Activity),
        (ACTIVITY, RDFS.label, Literal("kg reason")),
        (ACTIVITY, PROV.startedAtTime, Literal(started.isoformat(), datatype=XSD.dateTime)),
        (ACTIVITY, PROV.endedAtTime, Literal(ended.isoformat(), datatype=XSD.dateTime)),
        (ACTIVITY, PROV.used, URIRef(str(version))),
        (ACTIVITY, PROV.wasAssociatedWith, REASONER_AGENT),
        (REASONER_AGENT, RDF.type, PROV.SoftwareAgent),
        (REASONER_AGENT, RDFS.label, Literal(f"HermiT through owlready2 {owlready2.VERSION}")),
    ]
    triples.extend((ACTIVITY, PROV.used, u) for u in graphs)
    return triples


def reason_store(store: KGStore, *, write: bool = True, onto: Optional[Graph] = None) -> ReasonResult:
    """Reason over the store's asserted graphs and (``write``) replace :data:`INFERRED_GRAPH`."""
    started_at = datetime.now(timezone.utc).replace(microsecond=0)
    start = time.perf_counter()
    check_java()
    ontology = onto if onto is not None else ontology_files.load(ontology_files.ONTOLOGY)
    model = load_model(ontology)
    data, graphs = _asserted(store, model)
    result = ReasonResult(graph=INFERRED_GRAPH, input_triples=len(data), graphs_used=len(graphs),
                          individuals=len({s for s, _p, _o in data}))
    hermit = _run_hermit(ontology, data)
    result.seconds_load, result.seconds_reasoner = hermit.seconds_load, hermit.seconds_reasoner
    if not hermit.consistent:
        result.consistent = False
        culprits = _diagnose(model, data)
        for ind, (problem, triples) in sorted(culprits.items()):
            causes = _causes(store, triples, graphs)
            result.inconsistencies.append(Inconsistency(ind, _label_of(store, ind), problem, causes))
        if culprits:
            data = {t for t in data if t[0] not in culprits and t[2] not in culprits}
            hermit = _run_hermit(ontology, data)
            result.seconds_reasoner += hermit.seconds_reasoner
        if not hermit.consistent:
            result.note = ("the asserted graphs are inconsistent with the ontology and the cause "
                           "was not found by kg reason's checks; nothing was inferred")
            result.seconds_total = time.perf_counter() - start
            return result
        result.note = (f"reasoned without the {len(culprits)} inconsistent "
                       f"individual{'s' if len(culprits) != 1 else ''}")
    inferred = _materialise(model, data, hermit) - data
    inferred = _not_asserted(store, inferred, graphs)
    result.inferred = len(inferred)
    counts: dict[tuple[bool, URIRef], int] = defaultdict(int)
    for _s, p, o in inferred:
        counts[(True, o) if p == A else (False, p)] += 1
    named = {(f"a {_short(term)}" if is_type else _short(term)): n for (is_type, term), n in counts.items()}
    result.by_predicate = dict(sorted(named.items(), key=lambda kv: (-kv[1], kv[0])))
    if write:
        ended_at = datetime.now(timezone.utc).replace(microsecond=0)
        store.replace_graph(INFERRED_GRAPH, list(inferred) + _provenance(result, graphs, started_at, ended_at))
    result.seconds_total = time.perf_counter() - start
    return result


def _not_asserted(store: KGStore, triples: set[Triple], graphs: Sequence[URIRef]) -> set[Triple]:
    """Drop entailments some asserted graph already states (e.g. a literal-free triple of the
    plumbing the reasoner never saw)."""
    wanted = {ox.NamedNode(str(g)) for g in graphs}
    out = set()
    for s, p, o in triples:
        quads = store.ox_store.quads_for_pattern(ox.NamedNode(str(s)), ox.NamedNode(str(p)),
                                                 ox.NamedNode(str(o)), None)
        if not any(q.graph_name in wanted for q in quads):
            out.add((s, p, o))
    return out


def _label_of(store: KGStore, iri: URIRef) -> str:
    for q in store.ox_store.quads_for_pattern(ox.NamedNode(str(iri)), ox.NamedNode(str(RDFS.label)), None, None):
        return str(q.object.value)
    return _short(iri)


def drop_inferred(store: KGStore) -> bool:
    """Remove the inferred graph; False if there was none."""
    return store.remove_graph(INFERRED_GRAPH)


def inferred_graph_exists(path: Path) -> bool:
    with KGStore.open(path, read_only=True) as store:
        return INFERRED_GRAPH in store.graphs()
