"""The analyst query library (queries/*.rq) on real built stores.

Two stores: the seed article (the session's ``built_store``) and the reports in
tests/data/queries/, written for what the seed cannot show: two sources giving different death
tolls for one attack (Monguno, 3 March 2021: 14 in the Sahel Wire, "at least 21" in the Lake
Chad Observer), a town changing hands twice (Damasak: taken by ISWAP on 10 January, retaken by
Nigerian troops on 14 February) and one pair of officials meeting twice (4 and 5 March, in
Maiduguri). Expected rows are read from the article texts, not copied from a run.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Iterator, Optional

import pytest
from rdflib import RDF, RDFS, Literal, Namespace

from kg import pipeline
from kg.query.canned import CannedQuery, CannedQueryError, bind, load_queries
from kg.read.reader import read_file
from kg.store.core import KGStore, graph_iri_for
from kg.store.sparql import query_form

ROOT = Path(__file__).resolve().parents[1]
QUERIES_DIR = ROOT / "queries"
REPORTS = ROOT / "tests" / "data" / "queries"
SEED = ROOT / "seeds" / "000_f8bbf9c61cf088c1.txt"
ID = "https://w3id.org/conflict-kg/id/"
CKG = Namespace("https://w3id.org/conflict-kg/ontology#")
CKGD = Namespace(ID)
BUILT_AT = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)
ERROR_LINE = re.compile(r"^error: \S.*$")

#: A value for each required parameter (and a few optional ones), used to run every query.
EXAMPLES: dict[str, dict[str, str]] = {
    "actor-profile": {"actor": "Ash Carter"},
    "control-timeline": {"place": "Qayara"},
    "documents-mentioning": {"entity": "Islamic State"},
    "events-near": {"lat": "36.34", "lon": "43.13", "km": "100"},
    "evidence": {"subject": "ckgd:person/ash-carter"},
    "meetings-between": {"actor": "Ash Carter", "other": "Haider al-Abadi"},
    "statements-by": {"actor": "Ash Carter"},
}
HOSTILE = ['x" } ; DROP ALL ; #', '"}', "a } UNION { ?s ?p ?o } #", 'Qayara" || true || "', "\\\" } #\n}"]

Row = dict[str, Optional[str]]


@pytest.fixture(scope="module")
def queries() -> dict[str, CannedQuery]:
    return load_queries(QUERIES_DIR)


@pytest.fixture(scope="module")
def seed(built_store) -> Iterator[KGStore]:
    with KGStore.open(built_store.path, read_only=True) as store:
        yield store


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory, extractor) -> Iterator[KGStore]:
    """tests/data/queries built once, with a fixed extraction time."""
    path = tmp_path_factory.mktemp("library") / "kg-store"
    with KGStore.open(path) as store:
        report = pipeline.build([REPORTS], store, extractor=extractor, generated_at=BUILT_AT)
        assert report.documents == 2 and not report.failed, report
        yield store


def rows(store: KGStore, queries: dict[str, CannedQuery], name: str, **params: str) -> list[Row]:
    result = store.query(bind(queries[name], params))
    return [{v: (None if t is None else str(t)) for v, t in zip(result.vars, row)} for row in result.rows]


def pick(found: list[Row], *keys: str) -> list[tuple[Optional[str], ...]]:
    return [tuple(r[k] for k in keys) for r in found]


def num(value: Optional[str]) -> Optional[float]:
    return None if value is None else float(value)


# ----------------------------------------------------------------------------- the library itself

def test_library_has_the_analyst_questions(queries: dict[str, CannedQuery]) -> None:
    assert len(queries) >= 15
    assert set(queries) >= {
        "deployments", "deadly-attacks", "control-timeline", "actor-profile", "meetings-between",
        "statements-by", "events-near", "events-in-period", "evidence", "documents-mentioning",
        "actors-by-events", "places-by-attacks", "disputed-figures", "unresolved-entities",
        "recent-documents"}
    for q in queries.values():
        assert q.title != q.name and len(q.description) > 40, q.name
        for p in q.params:
            assert p.help, f"{q.name}: parameter {p.name} has no help"


@pytest.mark.parametrize("name", sorted(load_queries(QUERIES_DIR)))
def test_every_query_runs_on_the_seed(seed: KGStore, queries: dict[str, CannedQuery], name: str) -> None:
    q = queries[name]
    missing = [p.name for p in q.params if p.required and p.name not in EXAMPLES.get(name, {})]
    assert not missing, f"add an example value for {name}: {missing}"
    result = seed.query(bind(q, EXAMPLES.get(name, {})))
    assert result.kind == "select"
    if name == "disputed-figures":  # one article: nothing to disagree with (see the reports' test)
        assert result.rows == []
    else:
        assert result.rows, f"{name} found nothing in the seed"


# ----------------------------------------------------------------------------- deployments

def test_deployments_by_country_place_and_period(seed: KGStore, queries: dict[str, CannedQuery]) -> None:
    # "560 more troops to Iraq" (to Qayara air base, later this year) and "about 200 more troops"
    # announced in April: Qayara air base lies in Iraq, the other's destination is Iraq itself.
    def got(**params: str) -> set[tuple]:
        return {(r["destinationLabel"], num(r["troops"]), r["date"])
                for r in rows(seed, queries, "deployments", **params)}

    both = {("Qayara air base", 560.0, "2016"), ("Iraq", 200.0, "2016-04")}
    assert got() == both
    assert got(country="Iraq") == got(country="iq") == got(country=ID + "state/iq") == both
    assert got(country="Syria") == got(country="Narnia") == set()
    assert got(place="qayara") == got(place="Qayara air base") == {("Qayara air base", 560.0, "2016")}
    assert got(place="Baghdad") == set()
    # a deployment dated "2016" overlaps May-December; one dated April 2016 does not
    assert got(**{"from": "2016-05-01"}) == {("Qayara air base", 560.0, "2016")}
    assert got(to="2016-04-30") == both
    assert got(to="2016-03-31") == {("Qayara air base", 560.0, "2016")}
    assert got(**{"from": "2017-01-01"}) == set()
    # place= takes the place and every place within it (the place hierarchy): Qayara air base lies
    # in Nineveh governorate, in Iraq
    assert got(country="Iraq", place="Iraq", to="2016-04-01") == both
    assert got(place="Nineveh") == {("Qayara air base", 560.0, "2016")}


# ----------------------------------------------------------------------------- attacks

def test_deadly_attacks_threshold_country_and_period(seed: KGStore, queries: dict[str, CannedQuery]) -> None:
    # "a bombing in Baghdad last week that killed nearly 300 people"
    found = rows(seed, queries, "deadly-attacks")  # the incident: its reconciled toll, its report's sentence
    assert pick(found, "locationLabel", "perpetrators", "fatalitiesQualifier", "date", "modality") == [
        ("Baghdad", "Islamic State", "median", "2016-07", "asserted")]
    assert num(found[0]["fatalities"]) == 300 and "killed nearly 300 people" in found[0]["evidence"]
    assert found[0]["event"].startswith(ID + "incident/")
    told = rows(seed, queries, "deadly-attacks", level="reports")  # the article's report, as told
    assert pick(told, "locationLabel", "perpetrators", "fatalitiesQualifier", "date", "modality") == [
        ("Baghdad", "Islamic State", "approximate", "2016-07", "asserted")]
    assert told[0]["event"].startswith(ID + "event/") and told[0]["evidence"] == found[0]["evidence"]
    assert told[0]["document"] == found[0]["document"]
    assert len(rows(seed, queries, "deadly-attacks", min="300")) == 1
    assert rows(seed, queries, "deadly-attacks", min="301") == []
    assert len(rows(seed, queries, "deadly-attacks", country="Iraq")) == 1
    assert rows(seed, queries, "deadly-attacks", country="SY") == []
    assert rows(seed, queries, "deadly-attacks", **{"from": "2016-08-01"}) == []


def test_deadly_attacks_on_two_reports(reports: KGStore, queries: dict[str, CannedQuery]) -> None:
    # two wires on one attack: one incident by default, the median of 14 and 21 (within 25%: not disputed)
    found = rows(reports, queries, "deadly-attacks")
    assert [(num(r["fatalities"]), r["fatalitiesQualifier"], num(r["injuries"])) for r in found] == [
        (17.5, "median", 20.0)]
    assert [num(r["fatalities"]) for r in rows(reports, queries, "deadly-attacks", min="18")] == []
    # each wire's report with level=reports: counted twice
    found = rows(reports, queries, "deadly-attacks", level="reports")
    assert [(num(r["fatalities"]), r["fatalitiesQualifier"], num(r["injuries"])) for r in found] == [
        (21.0, "at least", None), (14.0, "exact", 20.0)]  # deadliest first; only the first wire has the wounded
    assert {r["locationLabel"] for r in found} == {"Monguno base"}
    assert {r["date"] for r in found} == {"2021-03-03"}
    assert [num(r["fatalities"]) for r in rows(reports, queries, "deadly-attacks", min="15", level="reports")] == [21.0]


def test_places_by_attacks(seed: KGStore, reports: KGStore, queries: dict[str, CannedQuery]) -> None:
    assert pick(rows(seed, queries, "places-by-attacks"), "placeLabel", "placeCountryLabel", "attacks",
                "fatalities", "first") == [("Baghdad", "Iraq", "1", "300", "2016-07")]
    assert rows(seed, queries, "places-by-attacks", country="Syria") == []
    assert rows(seed, queries, "places-by-attacks", min="2") == []
    # two wires on one attack: one incident, its reconciled toll (the median of 14 and 21)
    got = rows(reports, queries, "places-by-attacks", country="Nigeria")
    assert pick(got, "placeLabel", "attacks", "fatalities", "first", "last") == [
        ("Monguno base", "1", "17.5", "2021-03-03", "2021-03-03")]
    assert got[0]["placeCountry"] == ID + "state/ng"
    assert rows(reports, queries, "places-by-attacks", min="2") == []
    # level=reports: each wire's report counts, two attacks, 14 + 21 dead
    got = rows(reports, queries, "places-by-attacks", country="Nigeria", level="reports")
    assert pick(got, "placeLabel", "attacks", "fatalities", "first", "last") == [
        ("Monguno base", "2", "35", "2021-03-03", "2021-03-03")]
    assert len(rows(reports, queries, "places-by-attacks", min="2", level="reports")) == 1


def test_counting_queries_on_a_store_without_incidents(reports: KGStore, queries: dict[str, CannedQuery]) -> None:
    """A store with no incidents (kg build --no-fuse, or older stores) answers at the report
    level by default; asking for incidents explicitly finds none."""
    bare = KGStore.open(None)
    for g in reports.graphs():
        if str(g).startswith(ID + "graph/"):
            bare.replace_graph(g, reports.graph(g))
    got = rows(bare, queries, "places-by-attacks", country="Nigeria")
    assert pick(got, "placeLabel", "attacks", "fatalities") == [("Monguno base", "2", "35")]
    assert len(rows(bare, queries, "deadly-attacks")) == 2
    assert len(rows(bare, queries, "disputed-figures")) == 1
    assert rows(bare, queries, "places-by-attacks", level="incidents") == []
    assert rows(bare, queries, "actors-by-events", level="incidents") == []
    assert rows(bare, queries, "actors-by-events") == rows(reports, queries, "actors-by-events", level="reports")
    bare.close()


def test_disputed_figures(seed: KGStore, reports: KGStore, queries: dict[str, CannedQuery]) -> None:
    assert rows(seed, queries, "disputed-figures") == []  # one article cannot disagree with another
    found = rows(reports, queries, "disputed-figures")
    assert len(found) == 1
    r = found[0]
    assert (r["eventType"], r["kind"], r["date"], r["placeLabel"]) == ("attack", "fatalities", "2021-03-03", "Monguno base")
    pair = {(num(r["value1"]), r["qualifier1"], r["documentTitle1"]), (num(r["value2"]), r["qualifier2"], r["documentTitle2"])}
    assert pair == {(14.0, "exact", "Militants kill 14 soldiers in attack on Monguno base"),
                    (21.0, "at least", "At least 21 soldiers dead after jihadists storm Monguno base")}
    assert num(r["difference"]) == 7
    assert "killing 14 soldiers" in (r["evidence1"] + r["evidence2"]) and "At least 21" in (r["evidence1"] + r["evidence2"])
    assert len(rows(reports, queries, "disputed-figures", kind="fatalities", type="attack")) == 1
    assert rows(reports, queries, "disputed-figures", kind="injuries") == []
    assert rows(reports, queries, "disputed-figures", type="deployment") == []
    # by default the pair is read from the incident's figure: its reconciled value and flag
    assert r["incident"].startswith(ID + "incident/") and num(r["reconciled"]) == 17.5
    assert r["disputed"] == "false"  # 14 and 21 are within 25% of 17.5
    # level=reports pairs reports by type, place and date, as before fusion: the same pair
    old = rows(reports, queries, "disputed-figures", level="reports")
    assert [(o["event1"], o["event2"], o["difference"]) for o in old] == [(r["event1"], r["event2"], r["difference"])]
    assert old[0]["incident"] is None


# ----------------------------------------------------------------------------- control of places

def test_control_timeline_on_the_seed(seed: KGStore, queries: dict[str, CannedQuery]) -> None:
    # "previously been under Islamic State control before it was recaptured by Iraqi forces with
    # US military support, government forces said on Saturday"
    found = rows(seed, queries, "control-timeline", place="QAYARA")
    assert pick(found, "date", "placeLabel", "captorLabel", "formerLabel", "supporters", "modality") == [
        ("2016-07-09", "Qayara air base", "Iraqi forces", "Islamic State", "United States", "asserted")]
    assert rows(seed, queries, "control-timeline", place=ID + "place/geonames-99003") == found
    # Mosul is only a goal ("to help retake Mosul"): no change of control unless asked for
    assert rows(seed, queries, "control-timeline", place="Mosul") == []
    planned = rows(seed, queries, "control-timeline", place="Mosul", all="true")
    assert pick(planned, "captorLabel", "modality") == [("United States", "planned")]


def test_control_timeline_place_changing_hands_twice(reports: KGStore, queries: dict[str, CannedQuery]) -> None:
    found = rows(reports, queries, "control-timeline", place="damasak")
    assert pick(found, "date", "captorLabel", "formerLabel") == [
        ("2021-01-10", "Islamic State West Africa Province", "Nigerian forces"),
        ("2021-02-14", "Nigerian forces", "Islamic State West Africa Province"),
    ]
    assert "recaptured Damasak" in found[1]["evidence"]


# ----------------------------------------------------------------------------- actors

def test_actor_profile(seed: KGStore, queries: dict[str, CannedQuery]) -> None:
    found = rows(seed, queries, "actor-profile", actor="ash carter")
    assert {r["actorLabel"] for r in found} == {"Ash Carter"}
    # he visited Baghdad, met al-Abadi and al-Obeidi there, and spoke five times
    assert sorted((r["role"], r["eventType"]) for r in found) == sorted(
        [("visitor", "visit"), ("participant", "meeting")] + [("speaker", "statement")] * 5)
    meeting = next(r for r in found if r["eventType"] == "meeting")
    assert set(meeting["coParticipants"].split("; ")) == {"Haider al-Abadi (participant)", "Khaled al-Obeidi (participant)"}
    assert meeting["places"] == "Baghdad" and meeting["date"] == "2016-07-11"
    dates = [r["date"] for r in found]
    assert dates == sorted(dates)

    group = rows(seed, queries, "actor-profile", actor="Islamic State")
    roles = [r["role"] for r in group]
    # lost Qayara, al-Shadadi, Ramadi and Fallujah (and Mosul is to be taken from it); bombed Baghdad
    assert roles.count("former controller") == 5 and roles.count("perpetrator") == 1
    places = {r["places"] for r in group if r["role"] == "former controller"}
    assert places == {"Qayara air base", "al-Shadadi", "Ramadi", "Fallujah", "Mosul"}
    # "government forces" is an alias of Iraqi forces: retook Qayara, Ramadi and Fallujah
    forces = rows(seed, queries, "actor-profile", actor="Government Forces")
    assert {r["actorLabel"] for r in forces} == {"Iraqi forces"}
    assert {r["places"] for r in forces if r["role"] == "captor"} == {"Qayara air base", "Ramadi", "Fallujah"}
    assert rows(seed, queries, "actor-profile", actor="Nobody Atall") == []


def test_meetings_between(seed: KGStore, reports: KGStore, queries: dict[str, CannedQuery]) -> None:
    pair = rows(seed, queries, "meetings-between", actor="Ash Carter", other="haider al-abadi")
    assert pick(pair, "date", "actorLabel", "otherLabel", "locationLabel") == [
        ("2016-07-11", "Ash Carter", "Haider al-Abadi", "Baghdad")]
    assert set(pair[0]["participants"].split("; ")) == {"Ash Carter", "Haider al-Abadi", "Khaled al-Obeidi"}
    anyone = rows(seed, queries, "meetings-between", actor="Ash Carter")
    assert {r["otherLabel"] for r in anyone} == {"Haider al-Abadi", "Khaled al-Obeidi"}
    assert rows(seed, queries, "meetings-between", actor="Ash Carter", other="Islamic State") == []
    # two meetings of the same pair, told by two wires
    twice = rows(reports, queries, "meetings-between", actor="Musa Kachalla", other="Ibrahim Danladi")
    assert pick(twice, "date", "locationLabel") == [("2021-03-04", "Maiduguri"), ("2021-03-05", "Maiduguri")]
    assert len({r["document"] for r in twice}) == 2
    reverse = rows(reports, queries, "meetings-between", actor="Ibrahim Danladi", other="Musa Kachalla")
    assert [r["event"] for r in reverse] == [r["event"] for r in twice]


def test_statements_by(seed: KGStore, reports: KGStore, queries: dict[str, CannedQuery]) -> None:
    carter = rows(seed, queries, "statements-by", actor="Ash Carter")
    assert len(carter) == 5 and {r["speakerLabel"] for r in carter} == {"Ash Carter"}
    assert any((r["quote"] or "").startswith("With these additional US forces") for r in carter)
    about = rows(seed, queries, "statements-by", about="Qayara air base")
    assert {r["speakerLabel"] for r in about} == {"Iraqi forces", "Ash Carter"}
    assert all("Qayara air base" in r["aboutLabels"] for r in about)
    assert len(rows(seed, queries, "statements-by", actor="Ash Carter", to="2016-07-10")) == 2
    every = seed.query("SELECT (COUNT(?e) AS ?n) WHERE { ?e a ckg:Statement ; ckg:reportedIn ?d }").rows[0][0]
    assert len(rows(seed, queries, "statements-by")) == int(every)  # no actor: every statement report
    assert seed.query("ASK { ?e a ckg:Statement, ckg:Incident }").boolean  # the incidents are left out
    garba = rows(reports, queries, "statements-by", actor="yusuf garba")
    assert "The situation in Monguno is under control" in {(r["quote"] or "").rstrip(",") for r in garba}


def test_documents_mentioning(seed: KGStore, reports: KGStore, queries: dict[str, CannedQuery]) -> None:
    found = rows(seed, queries, "documents-mentioning", entity="islamic state")
    assert len(found) == 1
    r = found[0]
    assert r["documentTitle"] == "US to deploy 560 more troops to Iraq to help seize Mosul"
    assert r["published"] == "2016-07-11" and r["publisher"] == "The Christian Science Monitor"
    assert int(r["mentions"]) >= 5 and "Islamic State" in r["mentionedAs"].split("; ")
    # former controller in five captures, the Baghdad bombing, and one statement is about it
    assert int(r["events"]) == 7
    both = rows(reports, queries, "documents-mentioning", entity="ISWAP")
    assert pick(both, "published", "publisher") == [("2021-03-05", "Lake Chad Observer"), ("2021-03-04", "Sahel Wire")]
    assert rows(seed, queries, "documents-mentioning", entity="Narnia") == []


def test_actors_by_events_is_ranked(seed: KGStore, reports: KGStore, queries: dict[str, CannedQuery]) -> None:
    found = rows(seed, queries, "actors-by-events")
    counts = [int(r["events"]) for r in found]
    assert counts == sorted(counts, reverse=True)
    assert found[0]["actorLabel"] in {"Ash Carter", "Islamic State"}
    # two wires on one attack: its actors take part in one incident, in two reports
    incidents = {r["actorLabel"]: int(r["events"]) for r in rows(reports, queries, "actors-by-events")}
    told = {r["actorLabel"]: int(r["events"]) for r in rows(reports, queries, "actors-by-events", level="reports")}
    both = [a for a in incidents if incidents[a] == 1 and told.get(a) == 2]
    assert both, (incidents, told)
    assert all(incidents[a] <= told[a] for a in incidents)


# ----------------------------------------------------------------------------- space and time

def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine), to check the query's flat-earth figure."""
    p1, p2, dp, dl = map(math.radians, (lat1, lat2, lat2 - lat1, lon2 - lon1))
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def test_events_near_a_point(seed: KGStore, reports: KGStore, queries: dict[str, CannedQuery]) -> None:
    near_mosul = rows(seed, queries, "events-near", lat="36.34", lon="43.13", km="100")
    assert [r["placeLabel"] for r in near_mosul] == ["Mosul", "Qayara air base", "Qayara air base"]
    assert {(r["placeLabel"], r["eventType"]) for r in near_mosul} == {
        ("Mosul", "capture"), ("Qayara air base", "capture"), ("Qayara air base", "deployment")}
    for r in near_mosul:  # coordinates parsed from the WKT, distance close to the true one
        true = _km(36.34, 43.13, float(r["latitude"]), float(r["longitude"]))
        assert abs(float(r["distanceKm"]) - true) <= max(0.2, true * 0.02), r
    assert float(near_mosul[1]["latitude"]) == 35.79933 and float(near_mosul[1]["longitude"]) == 43.29447
    # Baghdad (~350 km) is outside a 100 km box, inside a 400 km one; Iraq's centroid never counts
    assert {r["placeLabel"] for r in rows(seed, queries, "events-near", lat="36.34", lon="43.13", km="400", type="attack")} == {"Baghdad"}
    assert [r["placeLabel"] for r in rows(seed, queries, "events-near", lat="36.34", lon="43.13", km="100", type="capture")] == ["Mosul", "Qayara air base"]
    assert rows(seed, queries, "events-near", lat="-36.34", lon="43.13", km="100") == []
    # Maiduguri (11.85 N, 13.16 E) is ~100 km from Monguno: a 50 km box holds only its meetings
    maiduguri = rows(reports, queries, "events-near", lat="11.85", lon="13.16", km="50")
    assert {(r["placeLabel"], r["eventType"]) for r in maiduguri} >= {("Maiduguri", "meeting")}
    assert "Monguno base" not in {r["placeLabel"] for r in maiduguri}


def test_events_in_period(seed: KGStore, queries: dict[str, CannedQuery]) -> None:
    week = rows(seed, queries, "events-in-period", **{"from": "2016-07-01", "to": "2016-07-10"})
    dates = {r["date"] for r in week}
    # the bombing "last week" (July 2016), Saturday's recapture of Qayara, the 2016 deployment;
    # not Monday's (11 July) visit and meeting, nor the captures of 2015-12, 2016-02 and 2016-06
    assert dates == {"2016", "2016-07", "2016-07-09"}
    assert {r["eventType"] for r in week} >= {"attack", "capture", "deployment"}
    assert [r["date"] for r in week] == sorted(r["date"] for r in week)
    planned = rows(seed, queries, "events-in-period", type="capture", modality="planned")
    assert pick(planned, "places", "modality") == [("Mosul", "planned")]
    captures = rows(seed, queries, "events-in-period", type="capture", modality="asserted")
    assert [r["places"] for r in captures] == ["Ramadi", "al-Shadadi", "Fallujah", "Qayara air base"]
    assert "Iraqi forces (captor)" in captures[-1]["actors"].split("; ")


def test_recent_documents(seed: KGStore, reports: KGStore, queries: dict[str, CannedQuery]) -> None:
    found = rows(seed, queries, "recent-documents")
    assert len(found) == 1 and found[0]["events"] == "20"
    extracted = datetime.fromisoformat(found[0]["extractedAt"].replace("Z", "+00:00"))
    assert timedelta(0) <= datetime.now(timezone.utc) - extracted < timedelta(days=1)
    assert found[0]["extractor"].startswith("conflict-kg")
    today = datetime.now(timezone.utc).date()
    assert len(rows(seed, queries, "recent-documents", since=str(today - timedelta(days=1)))) == 1
    assert rows(seed, queries, "recent-documents", since=str(today + timedelta(days=2))) == []
    two = rows(reports, queries, "recent-documents", since="2026-03-01")
    assert {r["publisher"] for r in two} == {"Sahel Wire", "Lake Chad Observer"}
    assert {r["extractedAt"] for r in two} == {"2026-03-01T12:00:00+00:00"}


# ----------------------------------------------------------------------------- provenance and quality

def test_evidence_for_an_entity_and_an_event(seed: KGStore, queries: dict[str, CannedQuery]) -> None:
    text = read_file(SEED).text
    found = rows(seed, queries, "evidence", subject="ckgd:person/ash-carter")
    assert sorted(r["role"] for r in found) == ["participant", "speaker", "speaker", "speaker", "speaker", "speaker", "visitor"]
    for r in found:  # the offsets point at the sentence in the article
        assert text[int(r["start"]):int(r["end"])] == r["evidence"]
    meeting = next(r for r in found if r["role"] == "participant")
    assert "Mr. Carter met US commanders" in meeting["evidence"] and meeting["trigger"] == "met"
    assert meeting["publisher"] == "The Christian Science Monitor" and meeting["published"] == "2016-07-11"
    event = rows(seed, queries, "evidence", subject=meeting["event"])
    assert pick(event, "role", "eventType", "evidence") == [("event", "meeting", meeting["evidence"])]
    assert rows(seed, queries, "evidence", subject="ckgd:person/nobody") == []
    with pytest.raises(CannedQueryError, match="parameter 'subject' must be an absolute IRI"):
        bind(queries["evidence"], {"subject": "Ash Carter"})


def test_unresolved_entities(seed: KGStore, reports: KGStore, queries: dict[str, CannedQuery]) -> None:
    # Europe and "southern Asia" are places of no single country; every seed place has coordinates
    seed_rows = rows(seed, queries, "unresolved-entities")
    assert {(r["problem"], r["label"]) for r in seed_rows} == {("no-country", "Europe"), ("no-country", "southern Asia")}
    assert rows(seed, queries, "unresolved-entities", problem="no-coordinates") == []
    # the second wire's name, "Lake Chad Observer", is an outlet (an organization since the
    # extraction's round 9), no place without coordinates; Lake Chad lies in four countries
    assert rows(reports, queries, "unresolved-entities", problem="no-coordinates") == []
    odd = rows(reports, queries, "unresolved-entities")
    assert pick(odd, "problem", "label", "kind") == [("no-country", "Lake Chad", "place")]
    assert int(odd[0]["documents"]) >= 1 and odd[0]["exampleDocument"].startswith("https://w3id.org/conflict-kg/id/doc/")


# ----------------------------------------------------------------------------- safe binding

@pytest.fixture
def hostile_store() -> Iterator[KGStore]:
    """A place whose label is itself hostile, captured once, and one ordinary place."""
    s = KGStore.open(None)
    for n, label in enumerate(['Qayara" } UNION { ?s ?p ?o } #', "Plainville"]):
        ev, place, doc = CKGD[f"event/d{n}/capture-1"], CKGD[f"place/p{n}"], CKGD[f"doc/d{n}"]
        evidence = CKGD[f"event/d{n}/capture-1/evidence"]
        s.replace_graph(graph_iri_for(f"d{n}"), [
            (ev, RDF.type, CKG.Capture), (ev, CKG.place, place), (ev, CKG.modality, CKG.Asserted),
            (ev, CKG.evidence, evidence), (evidence, CKG.text, Literal(f"{label} fell.")),
            (ev, CKG.reportedIn, doc), (place, RDFS.label, Literal(label)),
            (place, CKG.nameKey, Literal(label.lower())),  # as kg.graph.mapping writes it
        ])
    yield s
    s.close()


def test_hostile_label_is_matched_as_data(hostile_store: KGStore, queries: dict[str, CannedQuery]) -> None:
    label = 'Qayara" } UNION { ?s ?p ?o } #'
    found = rows(hostile_store, queries, "control-timeline", place=label)
    assert [r["placeLabel"] for r in found] == [label]
    assert [r["placeLabel"] for r in rows(hostile_store, queries, "control-timeline", place="plainville")] == ["Plainville"]


@pytest.mark.parametrize("name", sorted(n for n, q in load_queries(QUERIES_DIR).items()
                                        if any(p.type == "string" for p in q.params)))
def test_hostile_string_values_change_nothing(hostile_store: KGStore, queries: dict[str, CannedQuery],
                                              name: str) -> None:
    q = queries[name]
    triples = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    before = hostile_store.query(triples).rows
    for p in (p for p in q.params if p.type == "string"):
        for value in HOSTILE:
            values = {**EXAMPLES.get(name, {}), p.name: value}
            text = bind(q, values)
            assert query_form(text) == "SELECT"
            result = hostile_store.query(text)
            assert result.vars == hostile_store.query(bind(q, EXAMPLES.get(name, {}))).vars
            # no name in the store is any of these strings: a filter on it matches nothing
            assert result.rows == [] or name == "disputed-figures", (name, p.name, value)
    assert hostile_store.query(triples).rows == before


@pytest.mark.parametrize("name, values, message", [
    ("events-near", {"lat": '36" } #', "lon": "43"}, "parameter 'lat' must be a decimal number"),
    ("events-near", {"lat": "36", "lon": "43", "type": 'attack" } #'}, "parameter 'type' must be one of attack"),
    ("evidence", {"subject": "<urn:x> } ; ?s ?p ?o #"}, "parameter 'subject' must be an absolute IRI"),
    ("deadly-attacks", {"min": "10 } #"}, "parameter 'min' must be an integer"),
    ("deployments", {"from": "2016-07-01#"}, "parameter 'from' must be a date as YYYY-MM-DD"),
    ("control-timeline", {"place": "Mosul", "all": "yes please"}, "parameter 'all' must be a boolean"),
    ("control-timeline", {}, "needs a value for parameter 'place'"),
    ("deployments", {"nation": "Iraq"}, "has no parameter 'nation'"),
])
def test_bad_values_are_refused(queries: dict[str, CannedQuery], name: str, values: dict[str, str],
                                message: str) -> None:
    with pytest.raises(CannedQueryError, match=re.escape(message)):
        bind(queries[name], values)


# ----------------------------------------------------------------------------- CLI and formats

@pytest.mark.parametrize("name", sorted(load_queries(QUERIES_DIR)))
def test_every_query_in_csv_and_json(kg, seed: KGStore, queries: dict[str, CannedQuery], name: str) -> None:
    args = [a for k, v in EXAMPLES.get(name, {}).items() for a in ("--param", f"{k}={v}")]
    expected = seed.query(bind(queries[name], EXAMPLES.get(name, {})))
    as_csv = kg("query", name, *args, "--format", "csv")
    assert as_csv.exit_code == 0, as_csv.output
    table = list(csv.reader(io.StringIO(as_csv.stdout)))
    assert table[0] == expected.vars and len(table) - 1 == len(expected.rows)
    as_json = kg("query", name, *args, "--format", "json")
    assert as_json.exit_code == 0, as_json.output
    doc = json.loads(as_json.stdout)
    assert doc["head"]["vars"] == expected.vars and len(doc["results"]["bindings"]) == len(expected.rows)


@pytest.mark.parametrize("fmt", ["table", "tsv", "markdown"])
def test_other_formats(kg, fmt: str) -> None:
    result = kg("query", "control-timeline", "--param", "place=Qayara", "--format", fmt)
    assert result.exit_code == 0, result.output
    assert "Iraqi forces" in result.stdout and "Islamic State" in result.stdout
    if fmt == "markdown":
        assert result.stdout.splitlines()[0].startswith("| date |")
    if fmt == "tsv":
        assert result.stdout.splitlines()[0].split("\t")[0] == "?date"


def test_cli_lists_queries_with_enum_choices(kg) -> None:
    result = kg("queries")
    assert result.exit_code == 0, result.output
    for name in ("control-timeline", "disputed-figures", "events-near", "recent-documents"):
        assert name in result.stdout
    assert "type: enum(attack|capture|deployment|meeting|statement|visit) (optional)" in result.stdout


@pytest.mark.parametrize("args, needle", [
    (["query", "control-timeline"], "needs a value for parameter 'place'"),
    (["query", "control-timeline", "--param", "place="], "needs a value for parameter 'place'"),
    (["query", "deadly-attacks", "--param", "min=many"], "parameter 'min' must be an integer, got 'many'"),
    (["query", "deadly-attacks", "--param", "minimum=3"], "has no parameter 'minimum'"),
    (["query", "events-in-period", "--param", "type=massacre"], "parameter 'type' must be one of attack"),
    (["query", "deployments", "--param", "to=2016-01-01", "--param", "to=2017-01-01"], "--param to is given twice"),
])
def test_cli_parameter_errors_are_one_line(kg, args: list[str], needle: str) -> None:
    result = kg(*args)
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and ERROR_LINE.match(lines[0]) and needle in lines[0], result.stderr
    assert result.stdout == ""


def test_disputed_figures_of_an_incident_without_a_place_are_one_row(queries) -> None:
    """An incident with no place (a statement, an unplaced report): its pair is one row with an
    empty place, not one row per label in the store (the place label is looked up only for a
    place that is there)."""
    s = KGStore.open(None)
    inc, fig = CKGD["incident/x1"], CKGD["incident/x1/figure/fatalities"]
    triples = [(inc, RDF.type, CKG.Incident), (inc, RDF.type, CKG.Attack), (inc, CKG.figure, fig),
               (fig, CKG.quantityKind, Literal("fatalities")), (fig, RDF.value, Literal(15)),
               (fig, CKG.disputed, Literal(True)), (fig, CKG.minValue, Literal(10)), (fig, CKG.maxValue, Literal(20)),
               (fig, CKG.valuesDiffer, Literal(True)),  # as kg.fuse.rdf writes it (kg/graph/derived.py)
               (CKGD["place/elsewhere"], RDFS.label, Literal("Elsewhere")),
               (CKGD["place/nowhere"], RDFS.label, Literal("Nowhere"))]
    for n, killed in ((1, 10), (2, 20)):
        ev, q, doc = CKGD[f"event/d{n}/attack-1"], CKGD[f"event/d{n}/attack-1/q"], CKGD[f"doc/d{n}"]
        triples += [(fig, CKG.reportedFigure, q), (ev, RDF.type, CKG.Attack), (ev, CKG.quantity, q),
                    (q, CKG.quantityKind, Literal("fatalities")), (q, RDF.value, Literal(killed)),
                    (q, CKG.qualifier, CKG.Exact), (ev, CKG.reportedIn, doc)]
    s.replace_graph(graph_iri_for("x"), triples)
    found = rows(s, queries, "disputed-figures")
    s.close()
    assert len(found) == 1
    assert found[0]["place"] is None and found[0]["placeLabel"] is None
    assert (found[0]["value1"], found[0]["value2"], found[0]["difference"]) in (("10", "20", "10"),
                                                                                 ("20", "10", "10"))
