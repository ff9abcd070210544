"""The canned analyst queries, run over the union of two documents' named graphs.

Each query runs on rdflib (``Dataset(default_union=True)``) and on Oxigraph (union default
graph), and the rows are compared with values written by hand from the fixture articles.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable, Optional

import pytest
from fixtures_facts import all_facts, followup_facts, seed_facts
from rdflib import Dataset
from rdflib.plugins.sparql import prepareQuery

from kg.graph.mapping import add_to_dataset, facts_to_graph

QUERY_DIR = Path(__file__).resolve().parents[1] / "queries"
pytestmark = pytest.mark.filterwarnings("ignore:Dataset.*deprecated:DeprecationWarning")
ID = "https://w3id.org/conflict-kg/id/"
SEED_DOC = seed_facts().document
FOLLOWUP_DOC = followup_facts().document
HEADER = re.compile(r"\A# title: (?P<title>\S.*)\n# description: (?P<description>\S.*)\n")

Row = dict[str, Optional[str]]
Runner = Callable[[str], list[Row]]


def _rdflib_runner() -> Runner:
    ds = Dataset(default_union=True)
    for f in all_facts():
        add_to_dataset(ds, f)

    def run(query: str) -> list[Row]:
        result = ds.query(query)
        names = [str(v) for v in result.vars]
        return [{n: (str(row[n]) if row[n] is not None else None) for n in names} for row in result]

    return run


def _oxigraph_runner() -> Runner:
    ox = pytest.importorskip("pyoxigraph")
    store = ox.Store()
    for f in all_facts():
        iri, g = facts_to_graph(f)
        store.load(g.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES,
                   to_graph=ox.NamedNode(str(iri)))

    def run(query: str) -> list[Row]:
        result = store.query(query, use_default_graph_as_union=True)
        names = [v.value for v in result.variables]
        return [{n: (s[n].value if s[n] is not None else None) for n in names} for s in result]

    return run


@pytest.fixture(scope="module", params=["rdflib", "oxigraph"])
def run(request: pytest.FixtureRequest) -> Runner:
    return _rdflib_runner() if request.param == "rdflib" else _oxigraph_runner()


def _query(name: str) -> str:
    return (QUERY_DIR / name).read_text(encoding="utf-8")


def _sentence(facts_doc: str, needle: str) -> str:
    facts = seed_facts() if facts_doc == "seed" else followup_facts()
    return next(v.evidence.text for v in facts.events if needle in v.evidence.text)


def _pick(rows: list[Row], *keys: str) -> list[tuple[Optional[str], ...]]:
    return [tuple(r[k] for k in keys) for r in rows]


def _num(value: Optional[str]) -> Optional[float]:
    return float(value) if value is not None else None


# ------------------------------------------------------------------------------ files
@pytest.mark.parametrize("path", sorted(QUERY_DIR.glob("*.rq")), ids=lambda p: p.name)
def test_query_files_have_a_header_and_parse(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert HEADER.match(text), f"{path.name} must start with '# title:' and '# description:' lines"
    prepareQuery(text)
    assert "ORDER BY" in text


def test_expected_queries_exist() -> None:
    assert {p.name for p in QUERY_DIR.glob("*.rq")} >= {
        "deployments.rq", "attacks.rq", "captures.rq", "meetings.rq", "actors-by-events.rq"}


# ------------------------------------------------------------------------------ results
def test_deployments(run: Runner) -> None:
    rows = run(_query("deployments.rq"))
    assert _pick(rows, "agentLabel", "forceLabel", "destinationLabel", "qualifier", "date", "modality") == [
        ("Turkey", "Turkish armed forces", "Mosul", None, None, "negated"),
        ("United States", "US armed forces", "Iraq", "exact", "2016", "planned"),
        ("United States", "US armed forces", None, "approximate", "2016-04", "asserted"),
    ]
    assert [_num(r["troops"]) for r in rows] == [None, 560.0, 200.0]
    assert [r["agent"] for r in rows] == [ID + "state/tr", ID + "state/us", ID + "state/us"]
    assert rows[1]["destination"] == ID + "state/iq"
    assert rows[1]["evidence"] == _sentence("seed", "will send 560 more troops")
    assert rows[1]["documentTitle"] == SEED_DOC.title
    assert rows[0]["documentTitle"] == FOLLOWUP_DOC.title
    assert rows[1]["document"] == ID + f"doc/{SEED_DOC.id}"


def test_attacks(run: Runner, request: pytest.FixtureRequest) -> None:
    rows = run(_query("attacks.rq"))
    if request.node.callspec.params["run"] == "rdflib":
        # rdflib 7 leaves a GROUP BY variable the query does not project (the sort key,
        # ckg:reportKey) out of its ORDER BY, so its rows come in the order of the other
        # keys; Oxigraph, the store's engine, orders by the key (tests/test_query_rewrites.py)
        rows.sort(key=lambda r: r["date"] or "")
    assert _pick(rows, "perpetratorLabel", "locationLabel", "fatalitiesQualifier", "injuriesQualifier",
                 "date", "subtype") == [
        ("Islamic State", "Baghdad", "approximate", None, "2016-07", "bombing"),
        ("Islamic State", "Baghdad", "at least", "at most", "2016-07-12", "suicide bombing"),
    ]
    assert [(_num(r["fatalities"]), _num(r["injuries"])) for r in rows] == [(300.0, None), (12.0, 40.0)]
    assert {r["location"] for r in rows} == {ID + "place/geonames-98182"}
    assert rows[0]["evidence"] == _sentence("seed", "killed nearly 300 people")
    assert rows[1]["evidence"] == _sentence("followup", "A suicide bomber")
    assert [r["targetLabel"] for r in rows] == [None, None]


def test_captures(run: Runner) -> None:
    rows = run(_query("captures.rq"))
    assert _pick(rows, "placeLabel", "captorLabel", "formerLabel", "supporterLabel", "date", "modality") == [
        ("Mosul", "Iraqi security forces", None, None, "2016", "hypothetical"),
        # one place, two documents, two spellings: one row each, one deterministic label
        ("Qayara", "Iraqi security forces", "Islamic State", None, "2016-07-09", "asserted"),
        ("Qayara", "Iraqi security forces", "Islamic State", "United States", "2016-07-09", "asserted"),
    ]
    assert rows[1]["place"] == rows[2]["place"] == ID + "place/geonames-99003"
    assert rows[1]["document"] == ID + f"doc/{FOLLOWUP_DOC.id}"
    assert rows[2]["evidence"] == _sentence("seed", "recaptured by Iraqi forces")


def test_meetings(run: Runner) -> None:
    rows = run(_query("meetings.rq"))
    assert _pick(rows, "locationLabel", "date", "participantCount") == [
        ("Baghdad", "2016-07", "2"),
        ("Baghdad", "2016-07-11", "3"),
    ]
    assert set(rows[0]["participants"].split("; ")) == {"Haider al-Abadi", "Ash Carter"}
    assert set(rows[1]["participants"].split("; ")) == {"Ash Carter", "Haider al-Abadi", "Khaled al-Obeidi"}
    assert set(rows[1]["participantIris"].split(" ")) == {
        ID + "person/ash-carter", ID + "person/haider-al-abadi", ID + "person/khaled-al-obeidi"}
    assert rows[1]["evidence"] == _sentence("seed", "Mr. Carter met US commanders")


def test_actors_by_events(run: Runner) -> None:
    rows = run(_query("actors-by-events.rq"))
    # counted by hand from the two articles (roles of actors, not places; "about" not counted)
    assert _pick(rows, "actorLabel", "typeLabel", "events") == [
        ("Ash Carter", "person", "4"),  # meeting, visit, statement; meeting in the follow-up
        ("Islamic State", "armed group", "4"),  # former controller twice, perpetrator twice
        ("Iraqi security forces", "armed force", "3"),  # captor three times
        ("United States", "state", "3"),  # two deployments, supporter of the Qayara capture
        ("Haider al-Abadi", "person", "2"),
        ("US armed forces", "armed force", "2"),
        ("Khaled al-Obeidi", "person", "1"),
        ("Turkey", "state", "1"),
        ("Turkish armed forces", "armed force", "1"),
    ]
    assert rows[0]["actor"] == ID + "person/ash-carter"
    assert rows[3]["type"] == "https://w3id.org/conflict-kg/ontology#State"
