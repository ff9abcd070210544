"""``kg validate`` and ``kg build --validate``: SHACL over the stored graphs (pySHACL, real store).

The seed store conforms; copies of its graph broken in known ways fail with the shapes that
catch them, reported by focus label, property, message, document and evidence sentence.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import SEED, Kg
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SH

from kg.graph.iris import graph_iri
from kg.graph.vocab import CKG, CKGD
from kg.pipeline import build
from kg.store.core import KGStore
from kg.store.validate import ValidatingStore, validate_graph

REPO = Path(__file__).resolve().parents[1]
CARTER = CKGD["person/ash-carter"]


def _seed_graph(store_path: Path, doc_id: str) -> Graph:
    with KGStore.open(store_path, read_only=True) as store:
        return store.graph(graph_iri(doc_id))


def _first(g: Graph, cls: URIRef) -> URIRef:
    return sorted(g.subjects(RDF.type, cls))[0]  # type: ignore[return-value]


def _broken_store(tmp_path: Path, built_store, break_it) -> tuple[Path, dict]:
    """A copy of the seed store whose seed graph ``break_it(graph)`` changed; returns notes."""
    path = tmp_path / "kg-store"
    shutil.copytree(built_store.path, path)
    iri = graph_iri(built_store.doc_id)
    with KGStore.open(path) as store:
        g = store.graph(iri)
        notes = break_it(g)
        store.replace_graph(iri, g)
    return path, notes


def _incident_graphs(store_path: Path) -> list[str]:
    from kg.fuse.index import incident_graphs

    with KGStore.open(store_path, read_only=True) as store:
        return incident_graphs(store)


def test_seed_store_conforms(kg: Kg, built_store) -> None:
    """The seed's document graph and the incident graphs kg build fused from it (kg/fuse)."""
    incidents = _incident_graphs(built_store.path)
    assert incidents  # kg build fuses by default
    result = kg("validate")
    assert result.exit_code == 0, result.output
    assert f"all {1 + len(incidents)} graphs conform to the shapes" in result.output


def test_seed_store_json_and_turtle_reports_conform(kg: Kg, built_store) -> None:
    body = json.loads(kg("validate", "--format", "json").stdout)
    assert body["conforms"] is True and body["results"] == []
    assert body["graphs"][0]["document"] == built_store.doc_id
    turtle = kg("validate", "--doc", built_store.doc_id, "--format", "turtle")
    assert turtle.exit_code == 0, turtle.output
    report = Graph().parse(data=turtle.stdout, format="turtle")
    node = report.value(None, RDF.type, SH.ValidationReport, any=False)
    assert node is not None and report.value(node, SH.conforms) == Literal(True)


def _wrong_place(g: Graph) -> dict:
    attack = _first(g, CKG.Attack)
    g.add((attack, CKG.location, CARTER))  # a person where a place belongs
    return {"sentence": str(g.value(g.value(attack, CKG.evidence), CKG.text)),
            "label": f"Attack {g.value(attack, CKG.localId)}"}


def _no_evidence(g: Graph) -> dict:
    meeting = _first(g, CKG.Meeting)
    g.remove((meeting, CKG.evidence, None))
    return {"label": f"Meeting {g.value(meeting, CKG.localId)}"}


def _text_quantity(g: Graph) -> dict:
    q = _first(g, CKG.Quantity)
    g.set((q, RDF.value, Literal("five hundred and sixty")))
    return {}


def _bad_sha(g: Graph) -> dict:
    article = _first(g, CKG.Article)
    g.set((article, CKG.sha256, Literal("NOT-A-DIGEST")))
    return {}


@pytest.mark.parametrize("break_it, path, message", [
    (_wrong_place, "ckg:location", "PlaceValue"),
    (_no_evidence, "ckg:evidence", "An event needs exactly one evidence sentence."),
    (_text_quantity, "rdf:value", "A quantity has exactly one numeric rdf:value."),
    (_bad_sha, "ckg:sha256", "An article needs its lowercase hex SHA-256."),
], ids=["person-as-location", "no-evidence", "text-quantity", "bad-sha256"])
def test_broken_graph_fails_with_the_expected_shape(tmp_path, built_store, cli_runner, break_it, path,
                                                     message) -> None:
    store, notes = _broken_store(tmp_path, built_store, break_it)
    kg = Kg(cli_runner, store)
    result = kg("validate", "--format", "json")
    assert result.exit_code == 1, result.output
    body = json.loads(result.stdout)
    assert body["conforms"] is False
    hits = [r for r in body["results"] if r["path"] == path]
    assert hits, body["results"]
    hit = hits[0]
    assert message in hit["message"] or message in (hit["sourceShape"] or "") or message in json.dumps(hit)
    assert hit["document"] == built_store.doc_id
    if "label" in notes:
        assert hit["focusLabel"] == notes["label"]
    if "sentence" in notes:
        assert hit["evidence"] == notes["sentence"]
    # the table names the same things, and says how many graphs failed
    table = kg("validate")
    assert table.exit_code == 1
    assert path in table.stdout and built_store.doc_id[:20] in table.stdout
    # only the broken document graph fails; its incident graphs still conform
    assert f"1 of {1 + len(_incident_graphs(store))} graphs violate the shapes" in table.stderr


def test_table_gives_focus_label_and_evidence_sentence(tmp_path, built_store, cli_runner) -> None:
    store, notes = _broken_store(tmp_path, built_store, _wrong_place)
    result = Kg(cli_runner, store)("validate", env={"COLUMNS": "400"})
    assert result.exit_code == 1
    flat = " ".join(result.stdout.replace("│", " ").split())
    assert notes["label"] in flat
    assert " ".join(notes["sentence"].split()[:6]) in flat


def test_turtle_report_is_a_shacl_report_naming_the_graph(tmp_path, built_store, cli_runner) -> None:
    store, _ = _broken_store(tmp_path, built_store, _no_evidence)
    result = Kg(cli_runner, store)("validate", "--format", "turtle")
    assert result.exit_code == 1
    report = Graph().parse(data=result.stdout, format="turtle")
    node = report.value(None, RDF.type, SH.ValidationReport, any=False)
    assert report.value(node, SH.conforms) == Literal(False)
    results = list(report.objects(node, SH.result))
    assert results
    for r in results:
        assert report.value(r, DCTERMS.source) == graph_iri(built_store.doc_id)
        assert report.value(r, SH.focusNode) is not None


def test_any_named_graph_can_be_validated(tmp_path, built_store, cli_runner) -> None:
    """A graph that is not a document's (e.g. a future incident graph) is named by its IRI."""
    path = tmp_path / "kg-store"
    shutil.copytree(built_store.path, path)
    incident = URIRef(str(CKGD) + "incident-graph/test")
    event = URIRef(str(CKGD) + "incident/1")
    with KGStore.open(path) as store:
        store.replace_graph(incident, [(event, RDF.type, CKG.Attack), (event, CKG.location, CARTER)])
    kg = Kg(cli_runner, path)
    only = kg("validate", "--graph", str(incident), "--format", "json")
    assert only.exit_code == 1
    body = json.loads(only.stdout)
    assert [g["graph"] for g in body["graphs"]] == [str(incident)]
    assert {r["path"] for r in body["results"]} >= {"ckg:location", "ckg:modality"}
    # neither a report (no article, evidence...) nor a ckg:Incident (kg/fuse)
    assert any(r["path"] is None and "reported in an article" in r["message"] for r in body["results"])
    assert all(r["document"] is None for r in body["results"])
    everything = json.loads(kg("validate", "--format", "json").stdout)
    # the seed document, the incidents kg build fused from it and the hand-made graph
    assert len(everything["graphs"]) == 2 + len(_incident_graphs(built_store.path))


def test_unknown_document_or_format_is_one_line(kg: Kg) -> None:
    result = kg("validate", "--doc", "no-such-doc")
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        result.output.strip().splitlines()[0]] and "no document 'no-such-doc'" in result.output
    bad = kg("validate", "--format", "xml")
    assert bad.exit_code == 1 and "unknown --format" in bad.output
    missing = kg("validate", "--shapes", "/nonexistent/shapes.ttl")
    assert missing.exit_code == 1 and "no shapes file" in missing.output


def test_build_validate_accepts_the_seed(kg_empty: Kg) -> None:
    result = kg_empty("build", "--validate", str(SEED))
    assert result.exit_code == 0, result.output
    assert kg_empty("validate").exit_code == 0


STRICT = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ckg: <https://w3id.org/conflict-kg/ontology#> .
<urn:test:EveryEventQuoted> a sh:NodeShape ;
    sh:targetClass ckg:Attack, ckg:Deployment, ckg:Capture, ckg:Meeting, ckg:Statement, ckg:Visit ;
    sh:property [ sh:path ckg:quote ; sh:minCount 1 ; sh:message "test: every event needs a quote" ] .
"""


def test_build_validate_refuses_a_violating_graph_and_keeps_the_old_one(
        tmp_path, built_store, cli_runner, monkeypatch) -> None:
    """Stricter shapes in the project folder's ontology/ make the seed's graph violate them:
    kg build --validate reports it, exits 1, and the stored version stays as it was."""
    store = tmp_path / "kg-store"
    shutil.copytree(built_store.path, store)
    before = _seed_graph(store, built_store.doc_id)
    project = tmp_path / "project"
    (project / "ontology").mkdir(parents=True)
    (project / "ontology" / "shapes.ttl").write_text(STRICT, encoding="utf-8")
    monkeypatch.chdir(project)
    result = Kg(cli_runner, store)("build", "--validate", str(SEED))
    assert result.exit_code == 1, result.output
    assert "graph violates the SHACL shapes, not stored" in result.stderr
    assert "test: every event needs a quote" in result.stderr  # the report, with the message
    after = _seed_graph(store, built_store.doc_id)
    assert len(after) == len(before) and set(after) == set(before)


def test_validating_store_refuses_before_any_write(extractor, tmp_path) -> None:
    """kg.pipeline.build through ValidatingStore: the failure is the document's, stage store."""
    strict = Graph().parse(data=STRICT, format="turtle")
    with KGStore.open(tmp_path / "s") as store:
        guard = ValidatingStore(store, shapes=strict)
        report = build([SEED], guard, extractor=extractor)
        assert report.documents == 0 and len(report.failed) == 1
        assert report.failed[0].stage == "store"
        assert store.graphs() == []
        assert len(guard.rejected) == 1 and not guard.rejected[0].conforms
        assert {v.message for v in guard.rejected[0].violations} == {"test: every event needs a quote"}


def test_validate_graph_on_plain_triples() -> None:
    event = URIRef(str(CKGD) + "event/x")
    report = validate_graph([(event, RDF.type, CKG.Visit)], URIRef(str(CKGD) + "graph/x"))
    assert not report.conforms and report.doc_id == "x"
    assert {v.path for v in report.violations} >= {"ckg:modality", None}
    assert any("reported in an article" in v.message for v in report.violations)
    # once it names its article, the report shape asks for the rest
    article = URIRef(str(CKGD) + "doc/x")
    report = validate_graph([(event, RDF.type, CKG.Visit), (event, CKG.reportedIn, article)],
                            URIRef(str(CKGD) + "graph/x"))
    assert {v.path for v in report.violations} >= {"ckg:evidence", "ckg:trigger", "ckg:reportedIn"}


def test_validating_leaves_the_shared_shapes_graph_as_the_file_says(tmp_path: Path) -> None:
    """pyshacl adds triples to the shapes graph it gets; the cached one (which kg.graph.ontodoc
    serialises as shapes.rdf / shapes.nt) must not change, whatever ran before."""
    from rdflib import Graph
    from rdflib.compare import isomorphic

    from kg.graph import ontology_files
    from kg.store.validate import validate_graph

    shared = ontology_files.load(ontology_files.SHAPES)
    report = validate_graph(Graph(), URIRef("https://w3id.org/conflict-kg/id/graph/empty"))
    assert report.conforms
    assert ontology_files.load(ontology_files.SHAPES) is shared
    assert isomorphic(shared, Graph().parse(ontology_files.find(ontology_files.SHAPES)))
