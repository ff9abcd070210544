"""The ontology files: syntax, documentation, alignment with the facts contract, OWL consistency."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, SKOS

from kg.graph.vocab import (
    ACTOR_ROLES,
    CKG,
    ENTITY_CLASSES,
    EVENT_CLASSES,
    EVENT_TYPE_CONCEPTS,
    EVT,
    MODALITY_INDIVIDUALS,
    ONTOLOGY_IRI,
    PLACE_ROLES,
    PRECISION_INDIVIDUALS,
    QUALIFIER_INDIVIDUALS,
    ROLE_PROPERTIES,
    SEM,
    SUBTYPE_CONCEPTS,
)
from kg.models import EVENT_ROLES, EVENT_TYPES

ONTOLOGY_DIR = Path(__file__).resolve().parents[1] / "ontology"
CAMEO_NS = "https://w3id.org/conflict-kg/ext/cameo/"
PLOVER_NS = "https://w3id.org/conflict-kg/ext/plover/"
ACLED_NS = "https://w3id.org/conflict-kg/ext/acled/"
MAPPING_PROPS = (SKOS.closeMatch, SKOS.exactMatch, SKOS.broadMatch, SKOS.narrowMatch, SKOS.relatedMatch)
TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
              OWL.NamedIndividual)


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ONTOLOGY_DIR / "conflict.ttl", format="turtle")


@pytest.fixture(scope="module")
def event_types() -> Graph:
    return Graph().parse(ONTOLOGY_DIR / "event-types.ttl", format="turtle")


def _ckg_terms(g: Graph) -> set[URIRef]:
    return {s for t in TERM_TYPES for s in g.subjects(RDF.type, t)
            if isinstance(s, URIRef) and str(s).startswith(str(CKG))}


@pytest.mark.parametrize("path", sorted(ONTOLOGY_DIR.glob("*.ttl")), ids=lambda p: p.name)
def test_every_ttl_parses(path: Path) -> None:
    g = Graph().parse(path, format="turtle")
    assert len(g) > 20


def test_expected_files_exist() -> None:
    assert {p.name for p in ONTOLOGY_DIR.glob("*.ttl")} >= {"conflict.ttl", "event-types.ttl", "shapes.ttl"}


def test_ontology_header(onto: Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in onto
    assert onto.value(ONTOLOGY_IRI, OWL.versionIRI) == URIRef("https://w3id.org/conflict-kg/ontology/0.1.0")
    assert onto.value(ONTOLOGY_IRI, DCTERMS.license) == URIRef("https://spdx.org/licenses/MIT")
    assert str(onto.value(ONTOLOGY_IRI, DCTERMS.creator)) == "conflict-kg"
    assert onto.value(ONTOLOGY_IRI, DCTERMS.title) is not None
    assert onto.value(ONTOLOGY_IRI, DCTERMS.description) is not None


def test_every_ckg_term_has_english_label_and_comment(onto: Graph) -> None:
    terms = _ckg_terms(onto)
    assert len(terms) > 60
    for term in terms:
        for prop in (RDFS.label, RDFS.comment):
            values = [o for o in onto.objects(term, prop) if isinstance(o, Literal) and o.language == "en"]
            assert values, f"{term} lacks an English {prop}"


def test_every_ckg_iri_used_is_declared(onto: Graph) -> None:
    """A typo such as ckg:Atack in an axiom would silently mint a new term."""
    declared = _ckg_terms(onto)
    used = {n for triple in onto for n in triple
            if isinstance(n, URIRef) and str(n).startswith(str(CKG))}
    assert used - declared == set()


def test_vocab_tables_point_to_declared_terms(onto: Graph) -> None:
    declared = _ckg_terms(onto)
    for table in (ENTITY_CLASSES, EVENT_CLASSES, ROLE_PROPERTIES, MODALITY_INDIVIDUALS,
                  QUALIFIER_INDIVIDUALS, PRECISION_INDIVIDUALS):
        assert set(table.values()) <= declared


def test_required_classes(onto: Graph) -> None:
    for name in ("Actor", "Person", "State", "ArmedForce", "ArmedGroup", "Organization", "Place",
                 "Event", "Deployment", "Attack", "Capture", "Meeting", "Statement", "Visit",
                 "Quantity", "Evidence", "Mention", "Article", "Modality", "Qualifier", "DatePrecision"):
        assert (CKG[name], RDF.type, OWL.Class) in onto, name
    for name in EVENT_TYPES:
        assert (CKG[name], RDFS.subClassOf, CKG.Event) in onto


def test_alignment_with_sem(onto: Graph) -> None:
    assert (CKG.Event, RDFS.subClassOf, SEM.Event) in onto
    assert (CKG.Actor, RDFS.subClassOf, SEM.Actor) in onto
    assert (CKG.Place, RDFS.subClassOf, SEM.Place) in onto
    assert (CKG.date, RDFS.subPropertyOf, SEM.hasTimeStamp) in onto


def test_role_properties_follow_sem_and_event_roles(onto: Graph) -> None:
    for role, prop in ROLE_PROPERTIES.items():
        supers = set(onto.objects(prop, RDFS.subPropertyOf))
        assert CKG.role in supers, role
        if role in ACTOR_ROLES:
            assert SEM.hasActor in supers and onto.value(prop, RDFS.range) == CKG.Actor, role
        if role in PLACE_ROLES:
            assert SEM.hasPlace in supers and onto.value(prop, RDFS.range) == CKG.Place, role
        # rdfs:domain is the event class, or a union of them, that EVENT_ROLES gives the role
        domain = onto.value(prop, RDFS.domain)
        union = onto.value(domain, OWL.unionOf)
        classes = set(onto.items(union)) if union is not None else {domain}
        expected = {EVENT_CLASSES[t] for t, roles in EVENT_ROLES.items() if role in roles}
        assert classes == expected, role


def test_event_classes_map_to_concepts(onto: Graph, event_types: Graph) -> None:
    scheme = EVT.scheme
    for event_type, cls in EVENT_CLASSES.items():
        concept = onto.value(cls, CKG.eventTypeConcept)
        assert concept == EVENT_TYPE_CONCEPTS[event_type]
        assert (concept, RDF.type, SKOS.Concept) in event_types
        assert (concept, SKOS.topConceptOf, scheme) in event_types
        assert any(l.language == "en" for l in event_types.objects(concept, SKOS.prefLabel))


def test_subtype_concepts_are_narrower_than_a_top_concept(event_types: Graph) -> None:
    tops = set(EVENT_TYPE_CONCEPTS.values())
    for concept in set(SUBTYPE_CONCEPTS.values()):
        assert (concept, RDF.type, SKOS.Concept) in event_types
        assert event_types.value(concept, SKOS.broader) in tops


def test_external_mappings_are_labelled_concepts(event_types: Graph) -> None:
    targets = {o for p in MAPPING_PROPS for o in event_types.objects(None, p)}
    assert targets
    for target in targets:
        assert (target, RDF.type, SKOS.Concept) in event_types, target
        assert event_types.value(target, SKOS.prefLabel) is not None, target
        assert event_types.value(target, SKOS.inScheme) is not None, target


def test_every_event_type_maps_to_cameo_and_plover(event_types: Graph) -> None:
    for event_type, concept in EVENT_TYPE_CONCEPTS.items():
        mapped = {str(o) for p in MAPPING_PROPS for o in event_types.objects(concept, p)}
        assert any(m.startswith(CAMEO_NS) for m in mapped), event_type
        assert any(m.startswith(PLOVER_NS) for m in mapped), event_type
    for event_type in ("Attack", "Capture"):
        mapped = {str(o) for p in MAPPING_PROPS for o in event_types.objects(EVT[event_type], p)}
        assert any(m.startswith(ACLED_NS) for m in mapped), event_type
    # territorial control corresponds to ACLED's territory sub-event types
    assert (EVT.Capture, SKOS.narrowMatch, URIRef(ACLED_NS + "non-state-actor-overtakes-territory")) in event_types


def test_shapes_only_reference_declared_ckg_terms(onto: Graph) -> None:
    shapes = Graph().parse(ONTOLOGY_DIR / "shapes.ttl", format="turtle")
    used = {n for triple in shapes for n in triple
            if isinstance(n, URIRef) and str(n).startswith(str(CKG))}
    assert used and used <= _ckg_terms(onto)


def test_owlready2_loads_and_hermit_finds_it_consistent(onto: Graph) -> None:
    owlready2 = pytest.importorskip("owlready2")
    java = shutil.which("java") or "/usr/bin/java"
    if not Path(java).exists():
        pytest.skip("no Java for HermiT")
    owlready2.JAVA_EXE = java
    world = owlready2.World()
    data = io.BytesIO(onto.serialize(format="nt", encoding="utf-8"))
    ontology = world.get_ontology(str(ONTOLOGY_IRI)).load(fileobj=data)
    names = {c.iri for c in ontology.classes()}
    assert str(CKG.Attack) in names and str(CKG.State) in names
    with ontology:
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    # no unsatisfiable class either (raises OwlReadyInconsistentOntologyError if inconsistent)
    assert list(world.inconsistent_classes()) == []
    # the reasoner sees that a state is both an actor and a place
    state = world[str(CKG.State)]
    assert world[str(CKG.Actor)] in state.ancestors() and world[str(CKG.Place)] in state.ancestors()
