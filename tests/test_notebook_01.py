"""notebooks/01-build-and-query.ipynb runs top to bottom in a real python3 kernel (nbclient).

The store goes where ``KG_NOTEBOOK_STORE`` says; the displayed tables are read back and checked
against each other and against that store.
"""

from __future__ import annotations

import re

import pytest
from conftest import REPO

from kg.graph.vocab import CKG
from kg.store.core import KGStore

NOTEBOOK = REPO / "notebooks" / "01-build-and-query.ipynb"


def shown(nb, tag: str) -> str:  # nb: nbformat.NotebookNode
    """Everything a tagged cell displayed, as plain text."""
    cells = [c for c in nb.cells if tag in c.get("metadata", {}).get("tags", [])]
    assert len(cells) == 1, f"one cell tagged {tag!r} expected"
    parts = []
    for out in cells[0].outputs:
        assert out.output_type != "error", out
        parts.append(out.get("text") or out.get("data", {}).get("text/plain", ""))
    return "\n".join(parts)


def rows(text: str) -> list[list[str]]:
    """A DataFrame's text rendering split into cells (index first), header dropped."""
    return [re.split(r"\s{2,}", line.strip()) for line in text.splitlines()[1:] if line.strip()]


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    store = tmp_path_factory.mktemp("notebook") / "store"
    nb = nbformat.read(NOTEBOOK, as_version=4)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KG_NOTEBOOK_STORE", str(store))
        mp.setenv("KG_NOTEBOOK_OUT", str(store.parent))
        mp.setenv("PYDEVD_DISABLE_FILE_VALIDATION", "1")
        client = nbclient.NotebookClient(nb, kernel_name="python3", timeout=300,
                                         resources={"metadata": {"path": str(NOTEBOOK.parent)}})
        client.execute()
    return nb, store


def test_builds_into_the_store_it_was_given(executed) -> None:
    nb, store = executed
    [build] = rows(shown(nb, "build"))
    index, documents, failed, entities, events, triples = build
    assert (documents, failed) == ("1", "0")
    with KGStore.open(store, read_only=True) as kg:  # the notebook closed it at the end
        [doc] = kg.documents()
        stats = kg.stats()
    assert int(triples) == doc.triples
    assert int(entities) == sum(stats.entities.values()) and int(events) == sum(stats.events.values())
    # kg build fused the reports into incidents, counted apart (not again as events)
    assert 0 < stats.types["Incident"] <= int(events) and stats.graphs == 1 + stats.types["Incident"]
    assert doc.title in shown(nb, "documents").replace("\n", " ") or doc.doc_id in shown(nb, "documents")


def test_canned_queries_show_captures_and_deployments(executed) -> None:
    nb, _ = executed
    assert "captures" in shown(nb, "queries") and "deployments" in shown(nb, "queries")
    captures = {r[1]: r for r in rows(shown(nb, "captures"))}
    for place in ("Ramadi", "Fallujah", "Qayara air base"):
        assert captures[place][2] == "Iraqi forces" and captures[place][-1] == "asserted"
    assert captures["Mosul"][-1] == "planned"  # "to help retake Mosul": a goal
    deployed = [r for r in rows(shown(nb, "deployments"))]
    assert deployed and all(r[1] == "United States" for r in deployed)
    # ad-hoc SPARQL agrees with the canned query: troops summed over the quantities table
    troops = {r[1]: int(r[2]) for r in rows(shown(nb, "quantities"))}["troops"]
    assert troops == sum(int(r[3]) for r in deployed) > 0


def test_ad_hoc_sparql_and_export(executed) -> None:
    nb, store = executed
    types = {(r[1], r[2]): int(r[3]) for r in rows(shown(nb, "event-types"))}
    with KGStore.open(store, read_only=True) as kg:
        fused = {(str(c), str(m)): int(n) for c, m, n in kg.query(
            "SELECT ?c ?m (COUNT(DISTINCT ?i) AS ?n) WHERE { ?i a ckg:Incident, ?c ; ckg:modality ?m } GROUP BY ?c ?m").rows}
        incident_triples = int(kg.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                                        "FILTER(CONTAINS(STR(?g), '/id/incident/')) }").rows[0][0])
        union = int(kg.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0][0])
    # every event node: the article's 4 asserted and 1 planned capture reports, and their incidents
    capture_incidents = fused.get((str(CKG.Capture), str(CKG.Asserted)), 0)
    assert 0 < capture_incidents <= 4
    assert types[("Capture", "asserted")] == 4 + capture_incidents
    assert types[("Capture", "planned")] == 1 + fused.get((str(CKG.Capture), str(CKG.Planned)), 0)
    assert types[("Incident", "asserted")] == sum(n for (c, m), n in fused.items()
                                                   if c == str(CKG.Incident) and m == str(CKG.Asserted))
    construct = shown(nb, "construct")
    assert re.match(r"4 triples\n", construct) and "ckg:took" in construct
    [void] = rows(shown(nb, "void"))
    [build] = rows(shown(nb, "build"))
    assert int(void[1]) == union  # VoID triples: the union of the document and incident graphs
    written = re.search(r"exported (\d+) quads", shown(nb, "export"))
    # the document's graph (what the build reports) and the incident graphs it fused
    assert written is not None and int(written.group(1)) == int(build[5]) + incident_triples
    assert (store.parent / "graph.nq").stat().st_size > 0
