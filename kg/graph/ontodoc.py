"""Documentation of the ontology, generated from the ``.ttl`` files (for ``kg serve`` and ``make docs``).

Why: an ontology IRI that resolves to a readable page is how others learn to use the data. The
page is built from the same files the tools read (conflict.ttl, event-types.ttl, shapes.ttl), so
it cannot drift from the model: every class and property with its label, comment, domain, range,
super- and sub-terms, characteristics and alignments (SEM, PROV-O, schema.org...), every event
type with its CAMEO / PLOVER / ACLED correspondences, and the SHACL shapes. Each term has an
anchor named after its local name, so ``https://w3id.org/conflict-kg/ontology#Attack`` lands on
its entry once the fragment-less IRI resolves to this page.

``write_docs(folder)`` writes the page with its stylesheet and the ontology in Turtle, RDF/XML
and N-Triples, a folder that can be published as the target of the w3id redirects.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SH, SKOS
from rdflib.term import Node

from kg.graph import ontology_files
from kg.graph.vocab import ACLED, CAMEO, CKG, CKGSH, EVT, ONTOLOGY_IRI, PLOVER, PREFIXES

WEB_DIR = Path(__file__).resolve().parents[1] / "data" / "web"
SCHEME_IRI = URIRef(str(EVT))
SHAPES_IRI = URIRef("https://w3id.org/conflict-kg/shapes")
BASE = "https://w3id.org/conflict-kg/"
MAPPING_PROPS = (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch, SKOS.relatedMatch)
_EXTERNAL = {str(CAMEO): "CAMEO", str(PLOVER): "PLOVER", str(ACLED): "ACLED"}
_CHARACTERISTICS = ((OWL.FunctionalProperty, "functional"), (OWL.InverseFunctionalProperty, "inverse functional"),
                    (OWL.TransitiveProperty, "transitive"), (OWL.SymmetricProperty, "symmetric"))


@dataclass(frozen=True)
class Ref:
    """A term as shown on the page: its short name and where it links."""

    text: str
    href: Optional[str]
    title: str = ""


@dataclass
class Term:
    """One documented class, property or individual."""

    iri: str
    anchor: str
    qname: str
    label: str
    comment: str
    kind: str
    facts: list[tuple[str, list[list[Ref]]]] = field(default_factory=list)  # (heading, [alternatives])


def anchor_of(iri: Node) -> Optional[str]:
    """The fragment the page gives a term of ours (``Attack``, ``evt-Attack``, ``cameo-190``)."""
    text = str(iri)
    if text.startswith(str(CKG)):
        return text[len(str(CKG)):]
    if text.startswith(str(EVT)) and text != str(EVT):
        return "evt-" + text[len(str(EVT)):]
    for ns, name in _EXTERNAL.items():
        if text.startswith(ns):
            return f"{name.lower()}-{text[len(ns):]}"
    if text.startswith(str(CKGSH)):
        return "shape-" + text[len(str(CKGSH)):]
    return None


def qname(iri: Node) -> str:
    text = str(iri)
    best = ""
    for prefix, ns in PREFIXES.items():
        if text.startswith(str(ns)) and len(str(ns)) > len(best.split("\0")[-1] if best else ""):
            best = f"{prefix}\0{ns}"
    if best:
        prefix, ns = best.split("\0")
        if text != ns:
            return f"{prefix}:{text[len(ns):]}"
    return f"<{text}>"


class _Doc:
    """Reads the three files once and answers what the template needs."""

    def __init__(self, onto: Graph, types: Graph, shapes: Graph) -> None:
        self.onto, self.types, self.shapes = onto, types, shapes
        self.all = Graph()
        for g in (onto, types):
            for t in g:
                self.all.add(t)

    def ref(self, node: Node) -> list[Ref]:
        """A node as links; a union class becomes several alternatives."""
        if isinstance(node, BNode):
            members = self.onto.value(node, OWL.unionOf)
            if members is not None:
                return [r for m in self.onto.items(members) for r in self.ref(m)]
            one_of = self.onto.value(node, OWL.oneOf)
            if one_of is not None:
                return [r for m in self.onto.items(one_of) for r in self.ref(m)]
            return [Ref("(anonymous class)", None)]
        if isinstance(node, Literal):
            return [Ref(str(node), None)]
        anchor = anchor_of(node)
        label = self.all.value(node, RDFS.label) or self.all.value(node, SKOS.prefLabel)
        return [Ref(qname(node), f"#{anchor}" if anchor else str(node), str(label or ""))]

    def refs(self, nodes: Any) -> list[list[Ref]]:
        return [self.ref(n) for n in sorted(set(nodes), key=str)]

    def text(self, node: Node, *props: URIRef) -> str:
        for p in props:
            for g in (self.onto, self.types):
                values = [o for o in g.objects(node, p) if isinstance(o, Literal)]
                english = [o for o in values if o.language in (None, "en")]
                if english or values:
                    return " ".join(str((english or values)[0]).split())
        return ""

    # -- terms ----------------------------------------------------------------------------

    def _ours(self, kind: URIRef) -> list[URIRef]:
        return sorted((s for s in self.onto.subjects(RDF.type, kind)
                       if isinstance(s, URIRef) and str(s).startswith(str(CKG))), key=str)

    def classes(self) -> list[Term]:
        out = []
        g = self.onto
        for c in self._ours(OWL.Class):
            t = self._term(c, "class")
            self._add(t, "subclass of", g.objects(c, RDFS.subClassOf))
            self._add(t, "subclasses", g.subjects(RDFS.subClassOf, c))
            self._add(t, "equivalent to", g.objects(c, OWL.equivalentClass))
            self._add(t, "disjoint with", self._disjoint(c))
            self._add(t, "instances", g.subjects(RDF.type, c))
            self._add(t, "domain of", self._with(RDFS.domain, c))
            self._add(t, "range of", self._with(RDFS.range, c))
            concept = g.value(c, CKG.eventTypeConcept)
            if concept is not None:
                self._add(t, "event type concept", [concept])
                self._add(t, "corresponds to", self._mappings(concept))
            out.append(t)
        return out

    def properties(self, kind: URIRef, name: str) -> list[Term]:
        out = []
        g = self.onto
        for p in self._ours(kind):
            t = self._term(p, name)
            flags = [label for cls, label in _CHARACTERISTICS if (p, RDF.type, cls) in g]
            if flags:
                t.facts.append(("characteristics", [[Ref(", ".join(flags), None)]]))
            self._add(t, "domain", g.objects(p, RDFS.domain))
            self._add(t, "range", g.objects(p, RDFS.range))
            self._add(t, "sub-property of", g.objects(p, RDFS.subPropertyOf))
            self._add(t, "sub-properties", g.subjects(RDFS.subPropertyOf, p))
            self._add(t, "inverse of", list(g.objects(p, OWL.inverseOf)) + list(g.subjects(OWL.inverseOf, p)))
            out.append(t)
        return out

    def individuals(self) -> list[Term]:
        out = []
        for i in self._ours(OWL.NamedIndividual):
            t = self._term(i, "individual")
            self._add(t, "type", [c for c in self.onto.objects(i, RDF.type) if c != OWL.NamedIndividual])
            self._add(t, "see also", self.onto.objects(i, RDFS.seeAlso))
            out.append(t)
        return out

    def concepts(self) -> list[Term]:
        out = []
        g = self.types
        for c in sorted((s for s in g.subjects(RDF.type, SKOS.Concept)
                         if isinstance(s, URIRef) and str(s).startswith(str(EVT))), key=str):
            t = Term(str(c), anchor_of(c) or "", qname(c), self.text(c, SKOS.prefLabel),
                     self.text(c, SKOS.definition, RDFS.comment, SKOS.scopeNote), "event type")
            self._add(t, "broader", g.objects(c, SKOS.broader))
            self._add(t, "narrower", list(g.objects(c, SKOS.narrower)) + list(g.subjects(SKOS.broader, c)))
            self._add(t, "class", self.onto.subjects(CKG.eventTypeConcept, c))
            self._add(t, "corresponds to", self._mappings(c))
            out.append(t)
        return out

    def external(self) -> list[Term]:
        out = []
        g = self.types
        for c in sorted((s for s in g.subjects(RDF.type, SKOS.Concept)
                         if isinstance(s, URIRef) and anchor_of(s) and not str(s).startswith(str(EVT))), key=str):
            system = next(name for ns, name in _EXTERNAL.items() if str(c).startswith(ns))
            t = Term(str(c), anchor_of(c) or "", qname(c), self.text(c, SKOS.prefLabel),
                     self.text(c, SKOS.definition, RDFS.comment, SKOS.scopeNote), system)
            self._add(t, "notation", g.objects(c, SKOS.notation))
            self._add(t, "matched by", [s for p in MAPPING_PROPS for s in g.subjects(p, c)])
            out.append(t)
        return out

    def shape_terms(self) -> list[Term]:
        out = []
        g = self.shapes
        for s in sorted((x for x in g.subjects(RDF.type, SH.NodeShape) if isinstance(x, URIRef)), key=str):
            t = Term(str(s), anchor_of(s) or "", qname(s), qname(s),
                     self.text_in(g, s, RDFS.comment, SH.message), "shape")
            self._add(t, "targets class", g.objects(s, SH.targetClass))
            self._add(t, "targets subjects of", g.objects(s, SH.targetSubjectsOf))
            self._add(t, "targets objects of", g.objects(s, SH.targetObjectsOf))
            paths = [g.value(ps, SH.path) for ps in g.objects(s, SH.property)]
            self._add(t, "constrains", [p for p in paths if isinstance(p, URIRef)])
            out.append(t)
        return out

    @staticmethod
    def text_in(g: Graph, node: Node, *props: URIRef) -> str:
        for p in props:
            value = g.value(node, p)
            if value is not None:
                return " ".join(str(value).split())
        return ""

    def _term(self, iri: URIRef, kind: str) -> Term:
        return Term(str(iri), anchor_of(iri) or "", qname(iri), self.text(iri, RDFS.label),
                    self.text(iri, RDFS.comment), kind)

    def _add(self, term: Term, heading: str, nodes: Any) -> None:
        values = self.refs(nodes)
        if values:
            term.facts.append((heading, values))

    def _with(self, prop: URIRef, cls: URIRef) -> list[Node]:
        """Properties whose domain (or range) is the class, alone or in a union."""
        out = []
        for p, c in self.onto.subject_objects(prop):
            members = [c]
            union = self.onto.value(c, OWL.unionOf) if isinstance(c, BNode) else None
            if union is not None:
                members = list(self.onto.items(union))
            if cls in members:
                out.append(p)
        return out

    def _disjoint(self, cls: URIRef) -> list[Node]:
        out = set(self.onto.objects(cls, OWL.disjointWith)) | set(self.onto.subjects(OWL.disjointWith, cls))
        for node in self.onto.subjects(RDF.type, OWL.AllDisjointClasses):
            members = list(self.onto.items(self.onto.value(node, OWL.members)))
            if cls in members:
                out.update(m for m in members if m != cls)
        return sorted(out, key=str)

    def _mappings(self, concept: Node) -> list[Node]:
        return [o for p in MAPPING_PROPS for o in self.types.objects(concept, p)]

    def header(self) -> dict[str, Any]:
        g, o = self.onto, ONTOLOGY_IRI
        return {
            "iri": str(o), "title": self.text(o, DCTERMS.title) or "conflict-kg ontology",
            "description": self.text(o, DCTERMS.description),
            "version": self.text(o, OWL.versionInfo), "version_iri": str(g.value(o, OWL.versionIRI) or ""),
            "license": str(g.value(o, DCTERMS.license) or ""), "creator": self.text(o, DCTERMS.creator),
            "prefix": self.text(o, URIRef("http://purl.org/vocab/vann/preferredNamespacePrefix")),
            "namespace": str(CKG), "scheme": str(SCHEME_IRI), "shapes": str(SHAPES_IRI),
        }

    def alignments(self) -> list[tuple[Ref, str, Ref]]:
        """Every link from one of our terms to another vocabulary's (the 'mappings' table)."""
        out = []
        for p, how in ((RDFS.subClassOf, "subclass of"), (RDFS.subPropertyOf, "sub-property of"),
                       (OWL.equivalentClass, "equivalent to"), (RDFS.seeAlso, "see also")):
            for s, o in self.onto.subject_objects(p):
                if isinstance(s, URIRef) and str(s).startswith(str(CKG)) and isinstance(o, URIRef) \
                        and not str(o).startswith(str(CKG)) and anchor_of(o) is None:
                    out.append((self.ref(s)[0], how, self.ref(o)[0]))
        return sorted(out, key=lambda r: (r[2].text, r[0].text))


def context(*, static: str = "/static/", links: Optional[dict[str, str]] = None) -> dict[str, Any]:
    """Everything the ontology page shows, read from the current ontology files."""
    doc = _Doc(ontology_files.load(ontology_files.ONTOLOGY), ontology_files.load(ontology_files.EVENT_TYPES),
               ontology_files.load(ontology_files.SHAPES))
    return {
        "head": doc.header(),
        "classes": doc.classes(),
        "object_properties": doc.properties(OWL.ObjectProperty, "object property"),
        "datatype_properties": doc.properties(OWL.DatatypeProperty, "datatype property"),
        "annotation_properties": doc.properties(OWL.AnnotationProperty, "annotation property"),
        "individuals": doc.individuals(),
        "concepts": doc.concepts(),
        "external": doc.external(),
        "alignments": doc.alignments(),
        "shapes": doc.shape_terms(),
        "static": static,
        "links": links or {"turtle": "/ontology?format=turtle", "rdfxml": "/ontology?format=rdfxml",
                           "ntriples": "/ontology?format=ntriples", "types": "/event-type/?format=turtle",
                           "shapes": "/shapes?format=turtle"},
    }


def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(str(WEB_DIR / "templates")), autoescape=True,
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def render_html(**kwargs: Any) -> str:
    return _environment().get_template("ontology.html").render(title="conflict-kg ontology", **context(**kwargs))


# ----------------------------------------------------------------------------- RDF forms

#: what the server and the docs folder offer for each of our vocabulary documents
DOCUMENTS = {"ontology": ontology_files.ONTOLOGY, "event-type": ontology_files.EVENT_TYPES,
             "shapes": ontology_files.SHAPES}


def serialise(name: str, fmt: str) -> bytes:
    """One vocabulary document (a DOCUMENTS key) as turtle (the file itself), rdfxml, ntriples or jsonld."""
    path = ontology_files.find(DOCUMENTS[name])
    if fmt == "turtle":
        return path.read_bytes()
    g = ontology_files.load(DOCUMENTS[name])
    rdflib_fmt = {"rdfxml": "xml", "ntriples": "nt", "jsonld": "json-ld"}[fmt]
    return g.serialize(format=rdflib_fmt, encoding="utf-8")


def describe(iri: URIRef, fmt: str) -> Optional[bytes]:
    """The triples about one term of ours (with its blank-node parts), or None if unknown."""
    source = Graph()
    for name in DOCUMENTS.values():
        for t in ontology_files.load(name):
            source.add(t)
    if (iri, None, None) not in source:
        return None
    out = Graph()
    for prefix, ns in PREFIXES.items():
        out.bind(prefix, ns, override=True)
    todo: list[Node] = [iri]
    seen: set[Node] = set()
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for s, p, o in source.triples((node, None, None)):
            out.add((s, p, o))
            if isinstance(o, BNode):
                todo.append(o)
    rdflib_fmt = {"turtle": "turtle", "rdfxml": "xml", "ntriples": "nt", "jsonld": "json-ld"}[fmt]
    return out.serialize(format=rdflib_fmt, encoding="utf-8")


def write_docs(folder: Path) -> list[Path]:
    """The documentation folder: index.html, its stylesheets, the files in three syntaxes."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "static").mkdir(exist_ok=True)
    written = []
    links = {"turtle": "conflict.ttl", "rdfxml": "conflict.rdf", "ntriples": "conflict.nt",
             "types": "event-types.ttl", "shapes": "shapes.ttl"}
    page = folder / "index.html"
    page.write_text(render_html(static="static/", links=links), encoding="utf-8")
    written.append(page)
    for css in ("kg.css", "ontology.css"):
        shutil.copyfile(WEB_DIR / "static" / css, folder / "static" / css)
        written.append(folder / "static" / css)
    for name, stem in (("ontology", "conflict"), ("event-type", "event-types"), ("shapes", "shapes")):
        for fmt, ext in (("turtle", "ttl"), ("rdfxml", "rdf"), ("ntriples", "nt")):
            target = folder / f"{stem}.{ext}"
            target.write_bytes(serialise(name, fmt))
            written.append(target)
    return written


def main(argv: Optional[list[str]] = None) -> int:
    """``python -m kg.graph.ontodoc [FOLDER]`` (``make docs``): write the documentation folder."""
    import sys

    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0]) if args else Path("out/docs/ontology")
    if folder.exists() and not folder.is_dir():
        print(f"error: {folder} is a file; give a folder for the ontology docs", file=sys.stderr)
        return 1
    try:
        written = write_docs(folder)
    except (ontology_files.OntologyFileError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {len(written)} files to {folder} (open {folder / 'index.html'})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
