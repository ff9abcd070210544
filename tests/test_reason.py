"""``kg reason`` and ``kg build --reason``: owlready2 + HermiT (real Java) over the seed store.

What the ontology implies lands in a named graph of its own, with PROV provenance, and plain
SPARQL over the store sees it (every attack is a sem:Event, inverse properties, transitive place
containment); planted contradictions are reported with their document and sentence.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SEED, Kg
from rdflib import Graph, URIRef
from rdflib.namespace import PROV, RDF

from kg.graph.iris import graph_iri
from kg.graph.vocab import CKG, CKGD, SEM
from kg.store.core import KGStore
from kg.store.reason import ACTIVITY, INFERRED_GRAPH, REASONER_AGENT

pytestmark = pytest.mark.skipif(shutil.which("java") is None and os.environ.get("CI") != "true",
                                reason="no Java for HermiT (Debian default-jre-headless; `make test` installs it)")

PREFIXES = """PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem#>
PREFIX schema: <https://schema.org/>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""
CARTER = CKGD["person/ash-carter"]
IRAQ = CKGD["state/iq"]


def _count(store_path: Path, where: str) -> int:
    with KGStore.open(store_path, read_only=True) as store:
        rows = store.query(PREFIXES + f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}").rows
    return int(rows[0][0])  # type: ignore[arg-type]


@pytest.fixture
def reasoned(kg_copy: Kg) -> Kg:
    result = kg_copy("reason", "--format", "json")
    assert result.exit_code == 0, result.output
    return kg_copy


def test_reason_adds_the_class_hierarchy(reasoned: Kg) -> None:
    attacks = _count(reasoned.store, "?x a ckg:Attack")
    assert attacks > 0
    assert _count(reasoned.store, "?x a ckg:Attack , sem:Event , schema:Event , ckg:Event") == attacks
    events = _count(reasoned.store, "SELECT DISTINCT ?x WHERE { ?x ckg:evidence ?e }")
    incidents = _count(reasoned.store, "SELECT DISTINCT ?x WHERE { ?x a ckg:Incident }")
    assert 0 < incidents <= events  # kg build fuses the reports into incidents (kg/fuse)
    # every report and every incident is an event, and an incident keeps its class
    assert _count(reasoned.store, "SELECT DISTINCT ?x WHERE { ?x a sem:Event }") == events + incidents
    assert _count(reasoned.store, "?x a ckg:Incident , ckg:Event , sem:Event") == incidents
    # a state is an actor and a place; a person an actor
    assert _count(reasoned.store, f"<{IRAQ}> a ckg:Actor , ckg:Place , sem:Place , sem:Actor") == 1
    assert _count(reasoned.store, f"<{CARTER}> a sem:Actor , schema:Person") == 1


def test_reason_adds_inverse_and_super_properties(reasoned: Kg) -> None:
    reported = _count(reasoned.store, "?e ckg:reportedIn ?a")
    assert reported > 0
    assert _count(reasoned.store, "?e ckg:reportedIn ?a . ?a ckg:reports ?e") == reported
    roles = _count(reasoned.store, "SELECT DISTINCT ?e ?x WHERE { ?e ckg:perpetrator|ckg:agent|ckg:speaker ?x }")
    assert _count(reasoned.store, "SELECT DISTINCT ?e ?x WHERE { ?e ckg:perpetrator|ckg:agent|ckg:speaker ?x . "
                                  "?e sem:hasActor ?x ; ckg:role ?x . ?x ckg:involvedIn ?e }") == roles
    # ckg:country is a ckg:within, so places lie within their state, which contains them
    countries = _count(reasoned.store, "?p ckg:country ?s")
    assert countries > 0
    assert _count(reasoned.store, "?p ckg:country ?s . ?p ckg:within ?s ; schema:containedInPlace ?s . "
                                  "?s ckg:contains ?p") == countries


def test_inferred_triples_live_in_their_own_graph_with_provenance(reasoned: Kg, built_store) -> None:
    with KGStore.open(reasoned.store, read_only=True) as store:
        graphs = store.graphs()
        assert INFERRED_GRAPH in graphs
        inferred = store.graph(INFERRED_GRAPH)
        seed = store.graph(graph_iri(built_store.doc_id))
    assert not set(seed) & {t for t in inferred if t[0] not in (INFERRED_GRAPH, ACTIVITY, REASONER_AGENT)}
    assert (INFERRED_GRAPH, PROV.wasGeneratedBy, ACTIVITY) in inferred
    assert (ACTIVITY, RDF.type, PROV.Activity) in inferred
    assert (ACTIVITY, PROV.wasAssociatedWith, REASONER_AGENT) in inferred
    assert (REASONER_AGENT, RDF.type, PROV.SoftwareAgent) in inferred
    assert (ACTIVITY, PROV.used, graph_iri(built_store.doc_id)) in inferred
    assert (ACTIVITY, PROV.used, URIRef("https://w3id.org/conflict-kg/ontology/0.1.0")) in inferred
    assert inferred.value(INFERRED_GRAPH, PROV.generatedAtTime) is not None
    # nothing but the asserted graphs (the document, its incidents) is listed, validated or re-reasoned
    docs = reasoned("docs")
    assert "inferred" not in docs.stdout
    body = json.loads(reasoned("validate", "--format", "json").stdout)
    assert [g["document"] for g in body["graphs"] if g["document"]] == [built_store.doc_id]
    others = [g["graph"] for g in body["graphs"] if not g["document"]]
    assert others and all(g.startswith(str(CKGD) + "incident/") for g in others)


def test_a_second_run_replaces_the_graph_and_drop_removes_it(reasoned: Kg) -> None:
    first = _count(reasoned.store, f"GRAPH <{INFERRED_GRAPH}> {{ ?s ?p ?o }}")
    again = reasoned("reason", "--format", "json")
    assert again.exit_code == 0
    assert json.loads(again.stdout)["inferredTriples"] > 0
    assert _count(reasoned.store, f"GRAPH <{INFERRED_GRAPH}> {{ ?s ?p ?o }}") == first
    dropped = reasoned("reason", "--drop")
    assert dropped.exit_code == 0 and "removed" in dropped.stderr
    assert _count(reasoned.store, "?x a sem:Event") == 0  # gone from the union too
    assert _count(reasoned.store, "?x a ckg:Attack") > 0


def test_transitive_containment_of_a_planted_chain(kg_copy: Kg) -> None:
    """A district within a province within Iraq: the district is within Iraq, which contains it."""
    district, province = CKGD["place/test-district"], CKGD["place/test-province"]
    with KGStore.open(kg_copy.store) as store:
        store.replace_graph(CKGD["graph/test-chain"], [
            (district, RDF.type, CKG.Place), (province, RDF.type, CKG.Place),
            (district, CKG.within, province), (province, CKG.country, IRAQ)])
    assert kg_copy("reason").exit_code == 0
    assert _count(kg_copy.store, f"<{district}> ckg:within <{IRAQ}> . <{IRAQ}> ckg:contains <{district}> . "
                                 f"<{district}> schema:containedInPlace <{IRAQ}>") == 1
    assert _count(kg_copy.store, f"GRAPH <{INFERRED_GRAPH}> {{ <{district}> ckg:within <{IRAQ}> }}") == 1


def test_planted_inconsistency_is_reported_with_document_and_sentence(kg_copy: Kg, built_store) -> None:
    """A person filling a place role: Person and Place are disjoint, ckg:location's range is Place."""
    iri = graph_iri(built_store.doc_id)
    with KGStore.open(kg_copy.store) as store:
        g = store.graph(iri)
        attack = sorted(g.subjects(RDF.type, CKG.Attack))[0]
        sentence = str(g.value(g.value(attack, CKG.evidence), CKG.text))
        g.add((attack, CKG.location, CARTER))
        store.replace_graph(iri, g)
    result = kg_copy("reason", "--format", "json")
    assert result.exit_code == 1, result.output
    body = json.loads(result.stdout)
    assert body["consistent"] is False
    [problem] = body["inconsistencies"]
    assert problem["individual"] == str(CARTER) and problem["label"] == "Ash Carter"
    assert "ckg:Person" in problem["problem"] and "ckg:Place" in problem["problem"] and "disjoint" in problem["problem"]
    located = [c for c in problem["causes"] if c["triple"][1] == "ckg:location"]
    assert located and located[0]["document"] == built_store.doc_id and located[0]["sentence"] == sentence
    # the rest is still reasoned over: the other events are sem:Events
    assert _count(kg_copy.store, "?x a ckg:Attack , sem:Event") > 0
    table = kg_copy("reason", env={"COLUMNS": "300"})
    assert table.exit_code == 1
    assert "inconsistencies" in table.stdout and "Ash Carter" in table.stdout


def test_two_modalities_break_a_functional_property(kg_copy: Kg, built_store) -> None:
    iri = graph_iri(built_store.doc_id)
    with KGStore.open(kg_copy.store) as store:
        g = store.graph(iri)
        event = sorted(g.subjects(CKG.modality, CKG.Asserted))[0]
        g.add((event, CKG.modality, CKG.Negated))
        store.replace_graph(iri, g)
    result = kg_copy("reason", "--format", "json")
    assert result.exit_code == 1
    [problem] = json.loads(result.stdout)["inconsistencies"]
    assert problem["individual"] == str(event)
    assert "functional property ckg:modality" in problem["problem"]
    assert {c["document"] for c in problem["causes"]} == {built_store.doc_id}


def test_build_reason_runs_the_reasoner_after_the_build(kg_empty: Kg) -> None:
    result = kg_empty("build", "--validate", "--reason", str(SEED))
    assert result.exit_code == 0, result.output
    assert "kg reason (HermiT)" in result.stdout
    assert _count(kg_empty.store, "?x a ckg:Attack , sem:Event") > 0


def test_without_java_the_error_names_the_package(built_store, tmp_path, clean_env) -> None:
    """PATH without java: one error line naming Debian's default-jre-headless, store untouched."""
    store = tmp_path / "kg-store"
    shutil.copytree(built_store.path, store)
    env = dict(clean_env, PATH=str(Path(sys.executable).parent))
    result = subprocess.run([sys.executable, "-m", "kg", "--store", str(store), "reason"],
                            capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "default-jre-headless" in lines[0]
    with KGStore.open(store, read_only=True) as s:
        assert INFERRED_GRAPH not in s.graphs()


def test_reason_on_a_missing_store_is_one_line(kg_empty: Kg) -> None:
    result = kg_empty("reason")
    assert result.exit_code == 1 and "no store at" in result.output
    assert not kg_empty.store.exists()


def test_reasoner_profile_keeps_everything_but_the_enumerations() -> None:
    from rdflib.namespace import OWL

    from kg.graph.ontology_files import ONTOLOGY, load
    from kg.store.reason import reasoner_profile

    onto = load(ONTOLOGY)
    profile = reasoner_profile(onto)
    dropped = set(onto) - set(profile)
    assert dropped and all(p == OWL.equivalentClass for _s, p, _o in dropped)
    assert {s for s, _p, _o in dropped} == {CKG.Modality, CKG.Qualifier, CKG.DatePrecision}
    assert (CKG.Attack, None, None) in profile and isinstance(profile, Graph)
    assert (SEM.Event, None, None) in profile


def test_changing_the_documents_drops_stale_inferences(reasoned: Kg, built_store) -> None:
    """Entailments about a removed (or rebuilt) document must not outlive it."""
    assert _count(reasoned.store, "?x a sem:Event") > 0
    rebuilt = reasoned("build", str(SEED))
    assert rebuilt.exit_code == 0, rebuilt.output
    assert "removed the inferred graph" in rebuilt.stderr
    assert _count(reasoned.store, "?x a sem:Event") == 0
    assert reasoned("reason").exit_code == 0
    removed = reasoned("remove", built_store.doc_id)
    assert removed.exit_code == 0 and "removed the inferred graph" in removed.stderr
    assert _count(reasoned.store, "?s ?p ?o") == 0  # nothing of the document is left in the union
    with KGStore.open(reasoned.store, read_only=True) as store:
        assert store.graphs() == []
