"""Network analytics on graphs whose answers are known, and the `kg analyze` command.

tests/data/network/ holds three fictional reports written for these tests (the events are
invented; the actor names come from kg/data/actors.yaml so the extractor types them reliably):

* tessalit-falls.txt: 2024-03-03 the Azawad Liberation Front captures Tessalit from the Malian army.
* tessalit-retaken.txt: 2024-03-20 Malian troops recapture Tessalit from the Azawad Liberation
  Front; 2024-03-25 the Malian army meets the Nigerian army in Abuja.
* bama-attack.txt: 2024-04-02 Boko Haram attacks Nigerian troops in Bama; 2024-04-06 the Nigerian
  and Chadian armies hold talks in Maiduguri.

So the co-participation network is a chain: ALF =2= Malian forces -1- Nigerian forces, which
also meet Boko Haram (1) and Chadian forces (1). Worked by hand (m = 5, degrees ALF 2, Malian
3, Nigerian 3, Boko Haram 1, Chadian 1): the split {ALF, Malian} | {Nigerian, Boko Haram,
Chadian} has modularity (2/5 - (5/10)^2) + (2/5 - (5/10)^2) = 0.3, more than any other split
(e.g. {ALF, Malian} | {Nigerian, Boko Haram} | {Chadian} gives 0.18). Among the 5 fighting
actors, Nigerian forces lie on 5 of the 10 pairs' shortest paths, Malian forces on 3. The
bylines (persons in no event) are actors too, isolated: they join no community.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import networkx as nx
import pytest

from kg import pipeline
from kg.see import analyze as an
from kg.see.network import NetworkError, find_entity, load_network
from kg.store.core import KGStore

DATA = Path(__file__).resolve().parent / "data" / "network"
ALF, MALI, NIGERIA, BOKO, CHAD = ("Azawad Liberation Front", "Malian forces", "Nigerian forces",
                                  "Boko Haram", "Chadian forces")


@pytest.fixture(scope="module")
def network_store(tmp_path_factory, extractor) -> Path:
    path = tmp_path_factory.mktemp("network") / "kg-store"
    with KGStore.open(path) as store:
        report = pipeline.build([DATA], store, extractor=extractor)
    assert report.documents == 3 and not report.failed
    return path


@pytest.fixture(scope="module")
def g(network_store) -> nx.DiGraph:
    with KGStore.open(network_store, read_only=True) as store:
        return load_network(store)


@pytest.fixture
def kg_net(cli_runner, network_store):
    from tests.conftest import Kg  # noqa: PLC0415 - the shared CLI runner type

    return Kg(cli_runner, network_store)


def _label(g: nx.DiGraph, node: str) -> str:
    return g.nodes[node]["label"]


def test_the_reports_give_the_designed_events(g):
    events = sorted((d["date"], d["cls"]) for _, d in g.nodes(data=True) if d["kind"] == "event")
    assert events == [("2024-03-03", "Capture"), ("2024-03-20", "Capture"), ("2024-03-25", "Meeting"),
                      ("2024-04-02", "Attack"), ("2024-04-06", "Meeting")]


def test_coparticipation_weights(g):
    cop = an.coparticipation(g)
    weights = {frozenset((_label(g, a), _label(g, b))): w for a, b, w in cop.edges(data="weight")}
    assert weights == {frozenset((ALF, MALI)): 2, frozenset((MALI, NIGERIA)): 1,
                       frozenset((NIGERIA, BOKO)): 1, frozenset((NIGERIA, CHAD)): 1}
    pairs = an.pairs(g)
    assert (pairs[0].actor, pairs[0].other, pairs[0].shared_events) == (ALF, MALI, 2)
    assert (pairs[0].first, pairs[0].last) == ("2024-03-03", "2024-03-20")


@pytest.mark.parametrize("method", an.COMMUNITY_METHODS)
def test_communities(g, method):
    found, modularity = an.communities(g, method=method)
    assert [set(c.members) for c in found] == [{NIGERIA, BOKO, CHAD}, {ALF, MALI}]
    assert modularity == pytest.approx(0.3)
    assert [c.shared_events for c in found] == [2, 2]


def test_centrality(g):
    by_betweenness = an.centrality(g, by="betweenness")
    assert [s.label for s in by_betweenness[:2]] == [NIGERIA, MALI]
    assert by_betweenness[0].betweenness / by_betweenness[1].betweenness == pytest.approx(5 / 3, rel=1e-3)
    scores = {s.label: s for s in by_betweenness}
    assert scores[BOKO].betweenness == scores[ALF].betweenness == 0
    assert (scores[MALI].events, scores[NIGERIA].events, scores[ALF].events) == (3, 3, 2)
    assert (scores[NIGERIA].partners, scores[MALI].partners, scores[CHAD].partners) == (3, 2, 1)
    by_events = an.centrality(g, by="events", top=2)
    assert {s.label for s in by_events} == {MALI, NIGERIA} and [s.rank for s in by_events] == [1, 2]
    with pytest.raises(NetworkError, match="unknown measure"):
        an.centrality(g, by="pagerank")


def test_shortest_path_goes_through_the_bridge(g):
    steps = an.shortest_path(g, find_entity(g, ALF), find_entity(g, BOKO))
    assert [(s.actor, s.other) for s in steps] == [(ALF, MALI), (MALI, NIGERIA), (NIGERIA, BOKO)]
    assert [s.event.split()[0] for s in steps] == ["Capture", "Meeting", "Attack"]
    assert steps[1].date == "2024-03-25" and "Abuja" in steps[1].evidence
    assert (steps[2].role, steps[2].other_role) == ("target", "perpetrator")
    byline = find_entity(g, "Aminata Keita")
    with pytest.raises(NetworkError, match="no path"):
        an.shortest_path(g, find_entity(g, ALF), byline)


def test_control_timeline(g):
    rows = an.control_timeline(g, find_entity(g, "Tessalit", kinds=("place",), what="place"))
    assert [(r.date, r.captor, r.former) for r in rows] == [
        ("2024-03-03", ALF, MALI), ("2024-03-20", MALI, ALF)]
    assert rows[0].source == "Rebels take desert town of Tessalit"
    assert "recaptured the town of Tessalit" in rows[1].evidence


# ----------------------------------------------------------------------------- the CLI

def test_cli_json_outputs(kg_net):
    result = kg_net("analyze", "communities", "--format", "json")
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["modularity"] == pytest.approx(0.3)
    assert {frozenset(c["members"]) for c in payload["rows"]} == {frozenset({NIGERIA, BOKO, CHAD}),
                                                                  frozenset({ALF, MALI})}
    control = json.loads(kg_net("analyze", "control", "Tessalit", "-f", "json").stdout)
    assert [r["captor"] for r in control] == [ALF, MALI]
    path = json.loads(kg_net("analyze", "path", ALF, "boko haram", "-f", "json").stdout)
    assert len(path) == 3
    table = kg_net("analyze", "centrality", "--by", "betweenness", "--top", "2")
    assert table.exit_code == 0 and NIGERIA in table.stdout and ALF not in table.stdout
    period = json.loads(kg_net("analyze", "coparticipation", "--from", "2024-04", "-f", "json").stdout)
    assert [(p["actor"], p["other"]) for p in period] == [(BOKO, NIGERIA), (CHAD, NIGERIA)]


@pytest.mark.parametrize("fmt", an.EXPORT_FORMATS)
def test_export_reads_back(kg_net, g, tmp_path, fmt):
    out = tmp_path / f"graph.{fmt}"
    result = kg_net("analyze", "export", "-o", str(out))
    assert result.exit_code == 0, result.output
    back = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
    assert back.is_directed()
    assert set(back.nodes) == set(g.nodes) and back.number_of_edges() == g.number_of_edges()
    for a, b, role in g.edges(data="role"):
        assert back.edges[a, b]["role"] == role
    for n, data in g.nodes(data=True):
        assert back.nodes[n]["kind"] == data["kind"] and back.nodes[n]["label"] == data["label"]
    capture = next(n for n, d in g.nodes(data=True) if d.get("date") == "2024-03-03")
    assert back.nodes[capture]["evidence"] == g.nodes[capture]["evidence"]


def test_export_subgraph_and_coparticipation(kg_net, tmp_path):
    ego = tmp_path / "ego.graphml"
    assert kg_net("analyze", "export", "-o", str(ego), "--ego", BOKO).exit_code == 0
    labels = {d["label"] for _, d in nx.read_graphml(ego).nodes(data=True)}
    assert {BOKO, NIGERIA, "Bama"} <= labels and ALF not in labels and MALI not in labels
    cop = tmp_path / "cop.gexf"
    assert kg_net("analyze", "export", "-o", str(cop), "--network", "coparticipation").exit_code == 0
    back = nx.read_gexf(cop)
    assert not back.is_directed()
    weights = {frozenset((back.nodes[a]["label"], back.nodes[b]["label"])): w
               for a, b, w in back.edges(data="weight")}
    assert weights[frozenset((ALF, MALI))] == 2 and len(weights) == 4


def _error(result) -> str:
    assert result.exit_code != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]


def test_cli_errors(kg_net, cli_runner, tmp_path):
    assert "unknown actor 'Nobody'" in _error(kg_net("analyze", "path", "Nobody", BOKO))
    assert "unknown place" in _error(kg_net("analyze", "control", "Atlantis"))
    assert "bad --from '2024-02-31'" in _error(kg_net("analyze", "centrality", "--from", "2024-02-31"))
    assert "after --to" in _error(kg_net("analyze", "coparticipation",
                                         "--from", "2024-05", "--to", "2024-01"))
    assert "--hops must be 1 or more" in _error(kg_net("viz", "--ego", BOKO, "--hops", "0",
                                                       "-o", str(tmp_path / "x.html")))
    assert "unknown --format" in _error(kg_net("analyze", "centrality", "--format", "xml"))
    assert "unknown export format 'csv'" in _error(kg_net("analyze", "export", "-o", str(tmp_path / "g.csv")))
    assert "CONSTRUCT" in _error(kg_net("viz", "--construct", "SELECT * WHERE { ?s ?p ?o }"))
    assert "no canned query named 'nope'" in _error(kg_net("viz", "--query", "nope"))
    assert "SPARQL syntax error" in _error(kg_net("viz", "--construct", "CONSTRUCT { ?s ?p }"))
    assert "nothing matches" in _error(kg_net("analyze", "centrality", "--from", "1990", "--to", "1991"))
    assert not (tmp_path / "x.html").exists()


def test_cli_errors_for_missing_and_empty_stores(cli_runner, tmp_path):
    from tests.conftest import Kg  # noqa: PLC0415

    missing = Kg(cli_runner, tmp_path / "absent")
    assert "no store at" in _error(missing("viz", "-o", str(tmp_path / "g.html")))
    empty_path = tmp_path / "empty"
    KGStore.open(empty_path).close()
    empty = Kg(cli_runner, empty_path)
    assert "no events in the store" in _error(empty("analyze", "centrality"))
    assert "no events in the store" in _error(empty("viz", "-o", str(tmp_path / "g.html")))
    shutil.rmtree(empty_path)


# ----------------------------------------------------------------------------- incidents

@pytest.fixture(scope="module")
def incident_store(tmp_path_factory, extractor) -> Path:
    from tests.see_helpers import build_incident_store

    return build_incident_store(tmp_path_factory.mktemp("incidents") / "kg-store", extractor)


def test_analytics_run_on_incidents_by_default(cli_runner, incident_store):
    """Three reports of one bombing: one shared event for its two actors, three with --reports."""
    from tests.conftest import Kg  # noqa: PLC0415

    kg = Kg(cli_runner, incident_store)

    def centrality(*extra: str) -> dict[str, int]:
        r = kg("analyze", "centrality", "-f", "json", *extra)
        assert r.exit_code == 0, r.output
        return {row["label"]: row["events"] for row in json.loads(r.stdout)}

    assert centrality()["Iraqi forces"] == 1 and centrality("--reports")["Iraqi forces"] == 3
    assert centrality("--level", "reports") == centrality("--reports")
    pairs = json.loads(kg("analyze", "coparticipation", "-f", "json").stdout)
    assert [(p["actor"], p["other"], p["shared_events"]) for p in pairs] == [("Iraqi forces", "Islamic State", 1)]
    path = json.loads(kg("analyze", "path", "Islamic State", "Iraqi forces", "-f", "json").stdout)
    assert len(path) == 1 and "/incident/" in path[0]["event_iri"] and path[0]["evidence"]
