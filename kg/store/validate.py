"""SHACL validation of the store's graphs against ``ontology/shapes.ttl`` (pySHACL).

Why: the shapes say what a well-formed document graph is (every event has one evidence sentence,
roles are filled by actors or places of the right kind, dates and offsets are well typed). Run on
the stored graphs, they tell a user which facts break the model; run before a write
(:class:`ValidatingStore`), they keep a broken graph out of the store.

Each named graph is validated on its own, as it was written: a document graph holds everything
one article says (shared actors are described again in each), so its report can name the
document and the evidence sentence of every broken fact. Any named graph can be validated
(``graph_iris``), so the incident graphs of a later fusion stage slot in unchanged.

Inference is "none" on purpose: with RDFS inference, rdfs:range would *type* a wrongly filled
role instead of flagging it (see the header of shapes.ttl).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Iterable, Optional, Sequence

from pyshacl import validate as shacl_validate
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SH
from rdflib.term import Node

from kg.graph import ontology_files
from kg.graph.vocab import CKG, PREFIXES, bind_prefixes
from kg.store.core import GRAPH_BASE, KGStore, StoreError

__all__ = [
    "GraphReport",
    "ShapesError",
    "ValidatingStore",
    "Violation",
    "report_graph",
    "report_json",
    "validate_graph",
    "validate_store",
]

_DCT_SOURCE = DCTERMS.source  # on each result of a merged report: the graph it is about


class ShapesError(Exception):
    """A graph violates the shapes; ``report`` says how (raised by ValidatingStore.prepare)."""

    def __init__(self, report: "GraphReport") -> None:
        self.report = report
        first = report.violations[0] if report.violations else None
        detail = f": {first.one_line()}" if first is not None else ""
        more = f" (and {len(report.violations) - 1} more)" if len(report.violations) > 1 else ""
        super().__init__(f"graph violates the SHACL shapes, not stored{detail}{more}")


@dataclass(frozen=True)
class Violation:
    """One sh:ValidationResult, with what a reader needs to find it in the article."""

    graph: URIRef
    focus: Node
    focus_label: str
    path: Optional[str]  # the property, as a prefixed name where one fits
    value: Optional[Node]
    message: str
    severity: str  # Violation | Warning | Info
    shape: Optional[Node]
    component: Optional[str]
    evidence: Optional[str]  # the sentence of the article behind the focus node, if any

    def one_line(self) -> str:
        where = f" {self.path}" if self.path else ""
        return f"{self.focus_label}{where}: {self.message}"

    def as_json(self, doc_id: Optional[str]) -> dict[str, Any]:
        return {
            "document": doc_id,
            "graph": str(self.graph),
            "focusNode": _text(self.focus),
            "focusLabel": self.focus_label,
            "path": self.path,
            "value": None if self.value is None else _text(self.value),
            "message": self.message,
            "severity": self.severity,
            "sourceShape": None if self.shape is None or isinstance(self.shape, BNode) else str(self.shape),
            "constraint": self.component,
            "evidence": self.evidence,
        }


@dataclass
class GraphReport:
    """The outcome for one named graph; ``report`` is pySHACL's sh:ValidationReport graph."""

    graph_iri: URIRef
    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    report: Graph = field(default_factory=Graph, repr=False)

    @property
    def doc_id(self) -> Optional[str]:
        text = str(self.graph_iri)
        return text[len(GRAPH_BASE):] if text.startswith(GRAPH_BASE) else None

    @property
    def name(self) -> str:
        """The document id, or the graph IRI for a graph that is not a document's."""
        return self.doc_id or str(self.graph_iri)


# ----------------------------------------------------------------------------- validating

_SHAPES_COPY: dict[int, Graph] = {}


def _default_shapes() -> Graph:
    """A private copy of the shipped shapes for pyshacl, which adds triples to the shapes graph
    it is given (``owl:Class rdfs:subClassOf rdfs:Class``...): the graph ``ontology_files.load``
    caches is shared (``kg.graph.ontodoc`` serialises it), so it must stay as the file says."""
    shared = ontology_files.load(ontology_files.SHAPES)
    copy = _SHAPES_COPY.get(id(shared))
    if copy is None:
        copy = Graph()
        for prefix, ns in shared.namespaces():
            copy.bind(prefix, ns)
        for triple in shared:
            copy.add(triple)
        _SHAPES_COPY.clear()
        _SHAPES_COPY[id(shared)] = copy
    return copy


def validate_graph(data: Graph | Iterable[tuple[Node, Node, Node]], graph_iri: URIRef, *,
                   shapes: Optional[Graph] = None) -> GraphReport:
    """Validate one graph's triples against the shapes (default: ontology/shapes.ttl)."""
    if not isinstance(data, Graph):
        g = Graph()
        for triple in data:
            g.add(triple)
        data = g
    shapes_graph = shapes if shapes is not None else _default_shapes()
    conforms, results, _text_report = shacl_validate(
        data, shacl_graph=shapes_graph, inference="none", advanced=False, allow_warnings=True)
    assert isinstance(results, Graph)
    bind_prefixes(results)
    violations = sorted(_violations(results, data, graph_iri),
                        key=lambda v: (v.severity != "Violation", v.focus_label, v.path or "", v.message))
    return GraphReport(URIRef(str(graph_iri)), bool(conforms), violations, results)


def skip_graph(iri: URIRef) -> bool:
    """Graphs that are derived data, not asserted facts: the reasoner's output."""
    from kg.store.reason import (
        is_inferred_graph,  # late: kg.store.reason imports owlready2
    )

    return is_inferred_graph(iri)


def validate_store(store: KGStore, graph_iris: Optional[Sequence[URIRef]] = None, *,
                   shapes: Optional[Graph] = None) -> list[GraphReport]:
    """Validate the given named graphs, or every asserted named graph of the store."""
    known = store.graphs()
    if graph_iris is None:
        chosen = [g for g in known if not skip_graph(g)]
    else:
        missing = [str(g) for g in graph_iris if URIRef(str(g)) not in set(known)]
        if missing:
            raise StoreError(f"no graph {missing[0]} in the store (see `kg docs`)")
        chosen = [URIRef(str(g)) for g in graph_iris]
    shapes_graph = shapes if shapes is not None else _default_shapes()
    return [validate_graph(store.graph(g), g, shapes=shapes_graph) for g in chosen]


# ----------------------------------------------------------------------------- reading the report

def _violations(results: Graph, data: Graph, graph_iri: URIRef) -> Iterable[Violation]:
    """One Violation per top-level result; the nested ``sh:detail`` results of an ``sh:node``
    constraint stay in the report graph but are not rows (they restate the same fault)."""
    details = set(results.objects(None, SH.detail))
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        if focus is None or result in details:
            continue
        value = results.value(result, SH.value)
        path = results.value(result, SH.resultPath)
        messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
        severity = results.value(result, SH.resultSeverity)
        component = results.value(result, SH.sourceConstraintComponent)
        yield Violation(
            graph=URIRef(str(graph_iri)),
            focus=focus,
            focus_label=label(data, focus),
            path=None if path is None else (_qname(path) if isinstance(path, URIRef) else "(complex path)"),
            value=value,
            message=("; ".join(messages) or "constraint not met")
            + (f" (value: {label(data, value)})" if isinstance(value, URIRef) and value != focus else ""),
            severity=_local(severity) if severity is not None else "Violation",
            shape=results.value(result, SH.sourceShape),
            component=_local(component) if component is not None else None,
            evidence=evidence_sentence(data, focus),
        )


def label(g: Graph, node: Node) -> str:
    """A name for a node a reader recognises: its label, an event's type and local id, a span's text."""
    for prop in (RDFS.label, CKG.text):
        value = g.value(node, prop)
        if isinstance(value, Literal) and str(value).strip():
            text = " ".join(str(value).split())
            return text if len(text) <= 60 else text[:57] + "..."
    types = sorted(_local(t) for t in g.objects(node, RDF.type)
                   if isinstance(t, URIRef) and str(t).startswith(str(CKG)))
    local_id = g.value(node, CKG.localId)
    if types or local_id is not None:
        return " ".join(x for x in ("/".join(types), str(local_id or "")) if x)
    return _qname(node) if isinstance(node, URIRef) else _text(node)


def evidence_sentence(g: Graph, node: Node) -> Optional[str]:
    """The article sentence behind a node: an event's evidence, that of the event a quantity or
    role value belongs to, a span's own sentence, or the sentence an entity is mentioned in."""
    def sentence_of_event(event: Node) -> Optional[str]:
        evidence = g.value(event, CKG.evidence)
        text = g.value(evidence, CKG.text) if evidence is not None else None
        return str(text) if text is not None else None

    found = sentence_of_event(node)
    if found:
        return found
    if (node, RDF.type, CKG.Evidence) in g:
        text = g.value(node, CKG.text)
        return str(text) if text is not None else None
    index = g.value(node, CKG.sentenceIndex)  # a mention: the evidence of the same sentence
    if index is None:
        mention = g.value(node, CKG.mention)  # an entity: where it is first mentioned
        index = g.value(mention, CKG.sentenceIndex) if mention is not None else None
    if index is not None:
        for span in g.subjects(CKG.sentenceIndex, index):
            if (span, RDF.type, CKG.Evidence) in g:
                return str(g.value(span, CKG.text))
    for subject in g.subjects(None, node):  # a quantity, or a role filler: its event's sentence
        found = sentence_of_event(subject)
        if found:
            return found
    return None


def _local(iri: Node) -> str:
    text = str(iri)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _qname(iri: URIRef) -> str:
    text = str(iri)
    for prefix, ns in PREFIXES.items():
        if text.startswith(str(ns)) and text != str(ns):
            return f"{prefix}:{text[len(str(ns)):]}"
    return f"<{text}>"


def _text(node: Node) -> str:
    return str(node) if not isinstance(node, Literal) else node.n3()


# ----------------------------------------------------------------------------- report formats

def report_graph(reports: Sequence[GraphReport]) -> Graph:
    """One sh:ValidationReport for all graphs; each result names its graph with dcterms:source."""
    out = bind_prefixes(Graph())
    out.bind("sh", SH)
    report = URIRef("urn:kg:validation-report")
    out.add((report, RDF.type, SH.ValidationReport))
    out.add((report, SH.conforms, Literal(all(r.conforms for r in reports))))
    for r in reports:
        for s, p, o in r.report:
            if p == RDF.type and o == SH.ValidationReport:
                continue
            if p in (SH.conforms,) and (s, RDF.type, SH.ValidationReport) in r.report:
                continue
            if p == SH.result:
                out.add((report, SH.result, o))
                out.add((o, _DCT_SOURCE, r.graph_iri))
                continue
            out.add((s, p, o))
    return out


def report_json(reports: Sequence[GraphReport]) -> str:
    """The report as JSON: overall ``conforms``, per-graph outcome and every result."""
    body = {
        "conforms": all(r.conforms for r in reports),
        "graphs": [{"graph": str(r.graph_iri), "document": r.doc_id, "conforms": r.conforms,
                    "results": len(r.violations)} for r in reports],
        "results": [v.as_json(r.doc_id) for r in reports for v in r.violations],
    }
    return json.dumps(body, indent=2, ensure_ascii=False)


# ----------------------------------------------------------------------------- guarding writes

class ValidatingStore:
    """A store that refuses graphs violating the shapes (``kg build --validate``).

    It has the two methods kg.pipeline.build writes through: :meth:`prepare` validates before
    converting, and raises ShapesError for a broken graph, which the build reports as that
    document's failure; nothing is written for it, so an older version of the document stays.
    The refused reports are kept in ``rejected`` for the caller to show.
    """

    def __init__(self, store: Any, *, shapes: Optional[Graph] = None) -> None:
        self.store = store
        self.shapes = shapes if shapes is not None else _default_shapes()
        self.rejected: list[GraphReport] = []

    def prepare(self, graph_iri: Any, triples: Any) -> Any:
        report = validate_graph(triples, URIRef(str(graph_iri)), shapes=self.shapes)
        if not report.conforms:
            self.rejected.append(report)
            raise ShapesError(report)
        return self.store.prepare(graph_iri, triples)

    def write(self, prepared: Any) -> int:
        return self.store.write(prepared)
