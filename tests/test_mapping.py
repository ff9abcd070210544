"""facts -> RDF -> facts: exact round trip, deterministic IRIs, shared actors, SHACL conformance."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

import pytest
import rdflib
from fixtures_facts import EXTRACTOR, all_facts, followup_facts, seed_facts
from pyshacl import validate
from rdflib import RDF, RDFS, BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, SH, SKOS

from kg.extract import facts as kg_facts
from kg.graph.iris import entity_iri, event_iris, slugify
from kg.graph.mapping import (
    MappingError,
    add_to_dataset,
    facts_to_graph,
    graph_to_facts,
)
from kg.graph.vocab import CKG, CKGD, EVT
from kg.models import Entity, Facts, Quantity

ONTOLOGY_DIR = Path(__file__).resolve().parents[1] / "ontology"
GEO = rdflib.Namespace(str(rdflib.namespace.GEO))  # a plain Namespace: pytest probes module globals
pytestmark = pytest.mark.filterwarnings("ignore:Dataset.*deprecated:DeprecationWarning",
                                        "ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
WHEN = datetime(2024, 5, 1, 12, 30, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(ONTOLOGY_DIR / "shapes.ttl", format="turtle")


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_DIR / "conflict.ttl", format="turtle")


def _event(g: Graph, facts: Facts, local_id: str) -> URIRef:
    nodes = [s for s in g.subjects(CKG.localId, Literal(local_id)) if str(s).startswith(str(CKGD["event/"]))]
    assert len(nodes) == 1
    return nodes[0]


# ------------------------------------------------------------------------------ fixtures are valid
@pytest.mark.parametrize("facts", all_facts(), ids=lambda f: f.document.id)
def test_fixtures_follow_kg_facts_1(facts: Facts) -> None:
    data = kg_facts.to_dict(facts)
    kg_facts.validate(data)
    for e in facts.entities:
        for m in e.mentions:
            assert facts.text[m.start:m.end] == m.text
    for v in facts.events:
        assert facts.text[v.evidence.start:v.evidence.end] == v.evidence.text
        assert facts.text[v.trigger.start:v.trigger.end] == v.trigger.text


def test_fixtures_cover_the_vocabulary() -> None:
    events = [v for f in all_facts() for v in f.events]
    assert {v.modality for v in events} == {"asserted", "planned", "hypothetical", "negated"}
    assert {v.date.precision for v in events if v.date} == {"year", "month", "day"}
    assert {q.qualifier for v in events for q in v.quantities.values()} == {
        "exact", "approximate", "at_least", "at_most"}
    assert {v.type for v in events} == {"Deployment", "Attack", "Capture", "Meeting", "Statement", "Visit"}
    assert {e.type for f in all_facts() for e in f.entities} == {
        "Person", "Organization", "Country", "ArmedGroup", "ArmedForce", "Location"}


# ------------------------------------------------------------------------------ round trip
@pytest.mark.parametrize("facts", all_facts(), ids=lambda f: f.document.id)
def test_round_trip_is_exact(facts: Facts) -> None:
    graph_iri, g = facts_to_graph(facts, generated_at=WHEN)
    assert graph_iri == URIRef(f"https://w3id.org/conflict-kg/id/graph/{facts.document.id}")
    assert g.identifier == graph_iri
    back = graph_to_facts(g, facts.document.id)
    assert back.entities == facts.entities
    assert back.events == facts.events
    assert back == facts


@pytest.mark.parametrize("fmt", ["nt", "turtle", "xml"])
def test_round_trip_survives_serialisation(fmt: str) -> None:
    facts = seed_facts()
    _, g = facts_to_graph(facts)
    reparsed = Graph().parse(data=g.serialize(format=fmt), format=fmt)
    assert graph_to_facts(reparsed, facts.document.id) == facts


def test_round_trip_from_a_dataset_of_several_documents() -> None:
    ds = Dataset()
    for f in all_facts():
        add_to_dataset(ds, f, generated_at=WHEN)
    trig = ds.serialize(format="trig")
    reloaded = Dataset().parse(data=trig, format="trig")
    for f in all_facts():
        assert graph_to_facts(ds, f.document.id) == f
        assert graph_to_facts(reloaded, f.document.id) == f


def test_round_trip_keeps_order_repeats_empty_roles_and_odd_values() -> None:
    facts = seed_facts()
    carter = facts.entity("E2")
    carter.aliases = ["Mr. Carter", "Carter", "Mr. Carter"]  # unsorted, repeated
    carter.mentions = list(reversed(carter.mentions))
    carter.attributes["nickname"] = ""
    carter.links["twitter"] = "@example"
    carter.links["wikidata"] = "not-a-qid"  # kept verbatim, no owl:sameAs
    meeting = facts.events[2]
    meeting.roles["participants"] = ["E9", "E2", "E10", "E2"]
    facts.events[0].roles["origin"] = []  # a present-but-empty role
    facts.events[0].quantities["vehicles"] = Quantity(0.125, "at_most", "")
    facts.events[0].confidence = 1 / 3
    facts.entity("E6").geo = dataclasses.replace(facts.entity("E6").geo, lat=-0.000012345, lon=179.99999)
    _, g = facts_to_graph(facts)
    assert graph_to_facts(g, facts.document.id) == facts
    carter_iri = entity_iri(carter)
    assert (carter_iri, OWL.sameAs, None) not in g


def test_round_trip_survives_rdfs_inference(ontology: Graph) -> None:
    """Inferred super-types (ckg:Place on a ckg:State, sem:Event...) must not confuse the reader."""
    owlrl = pytest.importorskip("owlrl")
    facts = seed_facts()
    _, g = facts_to_graph(facts)
    expanded = Graph()
    for graph in (g, ontology):
        for triple in graph:
            expanded.add(triple)
    owlrl.DeductiveClosure(owlrl.RDFS_Semantics).expand(expanded)
    assert len(expanded) > len(g) + len(ontology)
    assert graph_to_facts(expanded, facts.document.id) == facts


def test_minimal_facts_round_trip() -> None:
    meta = dataclasses.replace(seed_facts().document, title=None, publisher=None, published=None,
                               url=None, sha256="", source=None)
    facts = Facts(document=meta)
    _, g = facts_to_graph(facts)
    assert graph_to_facts(g, meta.id) == facts


def test_graph_to_facts_reports_a_missing_document() -> None:
    _, g = facts_to_graph(seed_facts())
    with pytest.raises(MappingError):
        graph_to_facts(g, "no-such-document")


# ------------------------------------------------------------------------------ determinism
def test_mapping_is_deterministic() -> None:
    _, g1 = facts_to_graph(seed_facts(), generated_at=WHEN)
    _, g2 = facts_to_graph(seed_facts(), generated_at=WHEN)
    assert set(g1) == set(g2)
    assert sorted(g1.serialize(format="nt").splitlines()) == sorted(g2.serialize(format="nt").splitlines())


def test_generated_at_only_changes_the_provenance_times() -> None:
    _, g1 = facts_to_graph(seed_facts(), generated_at=WHEN)
    _, g2 = facts_to_graph(seed_facts(), generated_at=WHEN.replace(year=2025))
    _, g0 = facts_to_graph(seed_facts())
    diff = set(g1) ^ set(g2)
    # and the document listings' keys of that time (query round 13: the extraction node and its
    # text, the document keys, which hash the time)
    assert diff and {p for _, p, _ in diff} == {PROV.generatedAtTime, PROV.endedAtTime, CKG.extractionTime,
                                                CKG.documentKey, CKG.graphKey}
    assert not any(g0.triples((None, PROV.generatedAtTime, None)))


def test_no_blank_nodes() -> None:
    for f in all_facts():
        _, g = facts_to_graph(f, generated_at=WHEN)
        assert not any(isinstance(n, BNode) for t in g for n in t)


# ------------------------------------------------------------------------------ IRIs
def test_slugify() -> None:
    assert slugify("Khaled al-Obeidi") == "khaled-al-obeidi"
    assert slugify("Ḥaydar al-ʿAbādī") == "haydar-al-abadi"
    assert slugify("  U.S. Army (1st Division) ") == "u-s-army-1st-division"
    assert slugify("Straße") == "strasse"
    arabic = slugify("الموصل")
    assert arabic == slugify("الموصل") and arabic.startswith("h") and len(arabic) == 13
    assert arabic != slugify("بغداد")


def test_entity_and_document_iris() -> None:
    facts = seed_facts()
    base = "https://w3id.org/conflict-kg/id/"
    expected = {
        "E1": "state/us", "E2": "person/ash-carter", "E3": "force/us-armed-forces",
        "E4": "state/iq", "E5": "place/geonames-99003", "E6": "place/geonames-99072",
        "E7": "group/islamic-state", "E9": "person/khaled-al-obeidi", "E12": "org/reuters",
    }
    for local_id, path in expected.items():
        assert entity_iri(facts.entity(local_id)) == URIRef(base + path)
    unresolved = Entity(id="E99", type="Location", name="Qayara air base")
    assert entity_iri(unresolved) == URIRef(base + "place/qayara-air-base")
    no_code = Entity(id="E98", type="Country", name="Syria", attributes={"country_code": "SYR"})
    assert entity_iri(no_code) == URIRef(base + "state/syria")

    _, g = facts_to_graph(facts)
    doc = URIRef(base + f"doc/{facts.document.id}")
    assert (doc, RDF.type, CKG.Article) in g
    send = facts.events[0]
    assert _event(g, facts, "V1") == URIRef(base + f"event/{facts.document.id}/deployment-{send.trigger.start}")


def test_event_iri_collisions_get_a_suffix() -> None:
    v = seed_facts().events[0]
    twin = dataclasses.replace(v, id="V9")
    found = event_iris("doc", [v, twin])
    assert found["V1"] != found["V9"]
    assert str(found["V9"]) == str(found["V1"]) + "-2"


def test_entities_resolving_to_one_iri_are_refused() -> None:
    facts = seed_facts()
    facts.entities.append(Entity(id="E13", type="Location", name="Al Mawsil", links={"geonames": "99072"}))
    with pytest.raises(MappingError, match="E6 and E13"):
        facts_to_graph(facts)


def test_unknown_role_filler_is_refused() -> None:
    facts = seed_facts()
    facts.events[0].roles["agent"] = ["E404"]
    with pytest.raises(MappingError, match="E404"):
        facts_to_graph(facts)


def test_same_actors_and_places_share_iris_across_documents() -> None:
    seed, followup = seed_facts(), followup_facts()
    _, g1 = facts_to_graph(seed)
    _, g2 = facts_to_graph(followup)
    nodes1 = {str(o): s for s, o in g1.subject_objects(CKG.localId)}
    nodes2 = {str(o): s for s, o in g2.subject_objects(CKG.localId)}
    pairs = [("E5", "E2"), ("E7", "E3"), ("E11", "E4"), ("E6", "E7"), ("E2", "E9"), ("E10", "E8"),
             ("E8", "E1")]  # Qayara/Qayyarah, IS, Baghdad, Mosul, Carter, al-Abadi, Iraqi forces
    for in_seed, in_followup in pairs:
        assert nodes1[in_seed] == nodes2[in_followup]
    # events and mentions are per document
    assert not {s for s in nodes1.values() if "/event/" in str(s)} & set(nodes2.values())

    ds = Dataset(default_union=True)
    for f in (seed, followup):
        add_to_dataset(ds, f)
    qayara = nodes1["E5"]
    assert {str(o) for o in ds.objects(qayara, CKG.localId)} == {"E5", "E2"}
    assert {str(o) for o in ds.objects(qayara, RDFS.label)} == {"Qayara", "Qayyarah"}


# ------------------------------------------------------------------------------ what the graph says
def test_graph_content() -> None:
    facts = seed_facts()
    _, g = facts_to_graph(facts, generated_at=WHEN)
    carter, us, iq = (entity_iri(facts.entity(i)) for i in ("E2", "E1", "E4"))
    mosul, qayara = entity_iri(facts.entity("E6")), entity_iri(facts.entity("E5"))
    assert (carter, RDF.type, CKG.Person) in g
    assert (carter, RDFS.label, Literal("Ash Carter")) in g
    assert (carter, SKOS.altLabel, Literal("Mr. Carter")) in g
    assert (carter, CKG.title, Literal("US Defense Secretary")) in g
    assert (carter, CKG.affiliation, us) in g
    assert (us, CKG.countryCode, Literal("US")) in g
    assert (us, OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q30")) in g
    assert (mosul, OWL.sameAs, URIRef("https://sws.geonames.org/99072/")) in g
    assert (mosul, CKG.country, iq) in g  # from the local entity id
    assert (qayara, CKG.country, iq) in g  # from the ISO code
    geometry = g.value(mosul, GEO.hasGeometry)
    assert g.value(geometry, GEO.asWKT) == Literal("POINT(43.11889 36.335)", datatype=GEO.wktLiteral)

    send = _event(g, facts, "V1")
    assert (send, RDF.type, CKG.Deployment) in g
    assert (send, CKG.agent, us) in g and (send, CKG.destination, iq) in g
    assert (send, CKG.modality, CKG.Planned) in g
    assert g.value(send, CKG.date) == Literal("2016", datatype=rdflib.XSD.gYear)
    assert (send, CKG.datePrecision, CKG.YearPrecision) in g
    quantity = g.value(send, CKG.quantity)
    assert g.value(quantity, CKG.quantityKind) == Literal("troops")
    assert g.value(quantity, RDF.value).datatype == rdflib.XSD.decimal
    assert g.value(quantity, RDF.value).toPython() == 560
    assert g.value(quantity, CKG.qualifier) == CKG.Exact
    evidence = g.value(send, CKG.evidence)
    assert str(g.value(evidence, CKG.text)).startswith("The United States will send 560 more troops")
    assert g.value(g.value(send, CKG.trigger), CKG.text) == Literal("send")
    assert g.value(_event(g, facts, "V3"), CKG.date) == Literal("2016-07-11", datatype=rdflib.XSD.date)
    assert g.value(_event(g, facts, "V2"), CKG.date) == Literal("2016-04", datatype=rdflib.XSD.gYearMonth)
    statement = _event(g, facts, "V7")
    assert str(g.value(statement, CKG.quote)).startswith("With these additional US forces")
    assert (_event(g, facts, "V6"), CKG.eventType, EVT.Bombing) in g

    doc = g.value(send, CKG.reportedIn)
    assert str(g.value(doc, URIRef("https://schema.org/articleBody"))) == facts.text
    graph_iri = URIRef(f"https://w3id.org/conflict-kg/id/graph/{facts.document.id}")
    assert (graph_iri, PROV.wasDerivedFrom, doc) in g
    activity = g.value(graph_iri, PROV.wasGeneratedBy)
    assert (activity, PROV.used, doc) in g
    agent = g.value(activity, PROV.wasAssociatedWith)
    assert (agent, RDF.type, PROV.SoftwareAgent) in g
    assert g.value(agent, RDFS.label) == Literal(EXTRACTOR)
    assert g.value(graph_iri, PROV.generatedAtTime).toPython() == WHEN


def test_suicide_bombing_subtype_gets_its_concept() -> None:
    facts = followup_facts()
    _, g = facts_to_graph(facts)
    assert set(g.objects(_event(g, facts, "V2"), CKG.eventType)) == {EVT.Attack, EVT.SuicideAttack}


# ------------------------------------------------------------------------------ SHACL
def _conforms(g: Graph, shapes: Graph, ontology: Graph | None, inference: str = "none") -> tuple[bool, str]:
    conforms, _, text = validate(g, shacl_graph=shapes, ont_graph=ontology, inference=inference)
    return conforms, text


@pytest.mark.parametrize("inference", ["none", "rdfs"])
@pytest.mark.parametrize("facts", all_facts(), ids=lambda f: f.document.id)
def test_mapped_graph_conforms_to_shapes(facts: Facts, inference: str, shapes: Graph, ontology: Graph) -> None:
    _, g = facts_to_graph(facts, generated_at=WHEN)
    conforms, text = _conforms(g, shapes, ontology, inference)
    assert conforms, text


def test_mapped_graph_conforms_without_the_ontology(shapes: Graph) -> None:
    _, g = facts_to_graph(seed_facts(), generated_at=WHEN)
    conforms, text = _conforms(g, shapes, None)
    assert conforms, text


def _without_evidence(g: Graph, facts: Facts) -> None:
    g.remove((_event(g, facts, "V1"), CKG.evidence, None))


def _string_quantity(g: Graph, facts: Facts) -> None:
    q = g.value(_event(g, facts, "V1"), CKG.quantity)
    g.set((q, RDF.value, Literal("five hundred and sixty")))


def _no_qualifier(g: Graph, facts: Facts) -> None:
    g.remove((g.value(_event(g, facts, "V1"), CKG.quantity), CKG.qualifier, None))


def _untyped_date(g: Graph, facts: Facts) -> None:
    g.set((_event(g, facts, "V3"), CKG.date, Literal("11 July 2016")))


def _bad_month(g: Graph, facts: Facts) -> None:
    g.set((_event(g, facts, "V2"), CKG.date, Literal("2016-13", datatype=rdflib.XSD.gYearMonth)))


def _no_modality(g: Graph, facts: Facts) -> None:
    g.remove((_event(g, facts, "V4"), CKG.modality, None))


def _two_event_types(g: Graph, facts: Facts) -> None:
    g.add((_event(g, facts, "V4"), RDF.type, CKG.Meeting))


def _only_generic_type(g: Graph, facts: Facts) -> None:
    v = _event(g, facts, "V4")
    g.remove((v, RDF.type, None))
    g.add((v, RDF.type, CKG.Event))


def _role_on_wrong_event(g: Graph, facts: Facts) -> None:
    g.add((_event(g, facts, "V1"), CKG.perpetrator, entity_iri(facts.entity("E7"))))


def _person_as_location(g: Graph, facts: Facts) -> None:
    g.add((_event(g, facts, "V4"), CKG.location, entity_iri(facts.entity("E9"))))


def _place_as_agent(g: Graph, facts: Facts) -> None:
    g.add((_event(g, facts, "V1"), CKG.agent, entity_iri(facts.entity("E6"))))


def _bad_wkt(g: Graph, facts: Facts) -> None:
    geometry = g.value(entity_iri(facts.entity("E6")), GEO.hasGeometry)
    g.set((geometry, GEO.asWKT, Literal("POINT(north east)", datatype=GEO.wktLiteral)))


def _string_offset(g: Graph, facts: Facts) -> None:
    mention = next(g.objects(entity_iri(facts.entity("E2")), CKG.mention))
    g.set((mention, CKG.startOffset, Literal("twelve")))


def _inverted_span(g: Graph, facts: Facts) -> None:
    mention = next(g.objects(entity_iri(facts.entity("E2")), CKG.mention))
    g.set((mention, CKG.startOffset, Literal(10_000)))


def _empty_evidence(g: Graph, facts: Facts) -> None:
    g.set((g.value(_event(g, facts, "V2"), CKG.evidence), CKG.text, Literal("")))


def _no_sha(g: Graph, facts: Facts) -> None:
    g.remove((None, CKG.sha256, None))


def _no_title(g: Graph, facts: Facts) -> None:
    g.remove((None, URIRef("http://purl.org/dc/terms/title"), None))


def _nameless_entity(g: Graph, facts: Facts) -> None:
    g.remove((entity_iri(facts.entity("E12")), RDFS.label, None))


# name -> (how to break the graph, the SHACL constraint component that must report it)
BREAKERS: dict[str, tuple[Callable[[Graph, Facts], None], str]] = {
    "event without evidence": (_without_evidence, "MinCount"),
    "quantity with a string value": (_string_quantity, "Or"),
    "quantity without qualifier": (_no_qualifier, "MinCount"),
    "date as a plain string": (_untyped_date, "Or"),
    "invalid month": (_bad_month, "Or"),
    "event without modality": (_no_modality, "MinCount"),
    "event with two types": (_two_event_types, "QualifiedMaxCount"),
    "event with only the generic type": (_only_generic_type, "QualifiedMinCount"),
    "perpetrator on a deployment": (_role_on_wrong_event, "Class"),
    "person as a location": (_person_as_location, "Or"),
    "city as a deployment agent": (_place_as_agent, "Or"),
    "malformed WKT": (_bad_wkt, "Pattern"),
    "string offset": (_string_offset, "Datatype"),
    "start after end": (_inverted_span, "LessThanOrEquals"),
    "empty evidence text": (_empty_evidence, "MinLength"),
    "article without sha256": (_no_sha, "MinCount"),
    "article without title": (_no_title, "MinCount"),
    "described entity without a name": (_nameless_entity, "Or"),
}


@pytest.mark.parametrize("name", sorted(BREAKERS))
def test_broken_graphs_do_not_conform(name: str, shapes: Graph, ontology: Graph) -> None:
    facts = seed_facts()
    _, g = facts_to_graph(facts, generated_at=WHEN)
    breaker, component = BREAKERS[name]
    breaker(g, facts)
    conforms, results, _ = validate(g, shacl_graph=shapes, ont_graph=ontology, inference="none")
    assert not conforms, f"{name}: shapes accepted a broken graph"
    reported = {str(c) for c in results.objects(None, SH.sourceConstraintComponent)}
    assert str(SH[f"{component}ConstraintComponent"]) in reported, reported


def test_correct_graph_breaks_only_where_broken(shapes: Graph, ontology: Graph) -> None:
    """One broken event must not hide behind, or be masked by, the rest of the graph."""
    facts = seed_facts()
    _, g = facts_to_graph(facts, generated_at=WHEN)
    _without_evidence(g, facts)
    _, results, _ = validate(g, shacl_graph=shapes, ont_graph=ontology, inference="none")
    focus = set(results.objects(None, SH.focusNode))
    assert focus == {_event(g, facts, "V1")}
