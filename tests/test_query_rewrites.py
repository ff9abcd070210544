"""Rewrites of the canned queries for speed (issue 14) answer as the texts they replaced.

Each rewritten query is compared with its former text on one real built store (the seed, the
tests/data/queries reports and the tests/data/corpus articles, extracted and fused as ``kg
build`` does): same columns, same rows in the same order, unpaged and page by page (pages of 5),
and the same total from ``kg.query.paging.count_query``, for several parameter sets, some of
which find nothing. The former texts are kept here, verbatim, as the reference.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

import pytest

from kg import pipeline
from kg.query import canned, paging
from kg.store.core import KGStore

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "seeds", ROOT / "tests" / "data" / "queries", ROOT / "tests" / "data" / "corpus"]
BUILT_AT = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)
#: GROUP_CONCAT cells: their order is not defined, so they are compared as sets of parts.
CONCATS = {"actors": "; ", "places": "; ", "coParticipants": "; ", "participants": "; ",
           "aboutLabels": "; ", "mentionedAs": "; ", "supporters": "; "}


#: queries/events-near.rq before the box's places were chosen first (a VALUES table of roles led the join).
EVENTS_NEAR_BEFORE = r"""# title: Events near a point
# description: Events whose place (location, destination, captured place or origin) lies in a box of `km` kilometres each way around a point, nearest first. Coordinates are read from each place's geo:asWKT "POINT(lon lat)"; the distance is the flat-earth approximation (good to ~1% within a few hundred km), and the box does not wrap around the 180th meridian. Countries are left out (their point is a centroid).
# param: lat: decimal -- latitude of the point, degrees north (e.g. 36.34)
# param: lon: decimal -- longitude of the point, degrees east (e.g. 43.13)
# param: km: decimal = 50 -- half the side of the box, in kilometres
# param: type: enum(attack|capture|deployment|meeting|statement|visit) = "" -- only events of this type
PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX geo: <http://www.opengis.net/ont/geosparql#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX dcterms: <http://purl.org/dc/terms/>

SELECT ?distanceKm ?place (MIN(?placeName) AS ?placeLabel)
       (xsd:decimal(?latText) AS ?latitude) (xsd:decimal(?lonText) AS ?longitude)
       ?eventType ?role ?date ?modality ?event ?evidence ?document (MIN(?docTitle) AS ?documentTitle)
WHERE {
  # the box, in degrees: cos(latitude) from its Taylor series (SPARQL has no trigonometry)
  BIND(xsd:double(?lat) * 0.0174532925199433e0 AS ?phi)
  BIND(1 - ?phi * ?phi / 2 + ?phi * ?phi * ?phi * ?phi / 24
         - ?phi * ?phi * ?phi * ?phi * ?phi * ?phi / 720
         + ?phi * ?phi * ?phi * ?phi * ?phi * ?phi * ?phi * ?phi / 40320 AS ?cosTaylor)
  BIND(IF(?cosTaylor < 0.01, 0.01, ?cosTaylor) AS ?cosLat)
  BIND(xsd:double(?km) / 111.32e0 AS ?dLat)
  BIND(?dLat / ?cosLat AS ?dLon)
  ?geometry geo:asWKT ?wkt .
  BIND(STRAFTER(STR(?wkt), "(") AS ?coords)
  BIND(STRBEFORE(?coords, " ") AS ?lonText)
  BIND(STRBEFORE(STRAFTER(?coords, " "), ")") AS ?latText)
  BIND(xsd:double(?lonText) AS ?placeLon)
  BIND(xsd:double(?latText) AS ?placeLat)
  FILTER(?placeLat >= ?lat - ?dLat && ?placeLat <= ?lat + ?dLat
         && ?placeLon >= ?lon - ?dLon && ?placeLon <= ?lon + ?dLon)
  ?place geo:hasGeometry ?geometry ;
         a ckg:Place .
  VALUES (?roleIri ?role) {
    (ckg:location "location") (ckg:destination "destination") (ckg:place "place") (ckg:origin "origin")
  }
  ?event ?roleIri ?place ;
         a ?class ;
         ckg:modality ?modalityIri ;
         ckg:evidence ?evidenceNode ;
         ckg:reportedIn ?document .
  VALUES (?class ?eventType) {
    (ckg:Deployment "deployment") (ckg:Attack "attack") (ckg:Capture "capture")
    (ckg:Meeting "meeting") (ckg:Statement "statement") (ckg:Visit "visit")
  }
  FILTER(!BOUND(?type) || ?type = ?eventType)
  VALUES (?modalityIri ?modality) {
    (ckg:Asserted "asserted") (ckg:Planned "planned") (ckg:Hypothetical "hypothetical") (ckg:Negated "negated")
  }
  ?evidenceNode ckg:text ?evidence .
  # distance: sqrt(dx² + dy²) by three Newton steps from |dx| + |dy| (within a factor 1.42)
  BIND((?placeLat - ?lat) * 111.32e0 AS ?dy)
  BIND((?placeLon - ?lon) * 111.32e0 * ?cosLat AS ?dx)
  BIND(?dx * ?dx + ?dy * ?dy AS ?d2)
  BIND(ABS(?dx) + ABS(?dy) AS ?s0)
  BIND(IF(?s0 = 0, 0, (?s0 + ?d2 / ?s0) / 2) AS ?s1)
  BIND(IF(?s1 = 0, 0, (?s1 + ?d2 / ?s1) / 2) AS ?s2)
  BIND(IF(?s2 = 0, 0, (?s2 + ?d2 / ?s2) / 2) AS ?s3)
  BIND(xsd:decimal(xsd:integer(ROUND(?s3 * 10))) / 10 AS ?distanceKm)
  ?place rdfs:label ?placeName .
  OPTIONAL { ?event ckg:date ?date }
  OPTIONAL { ?document dcterms:title ?docTitle }
}
GROUP BY ?distanceKm ?place ?latText ?lonText ?eventType ?role ?date ?modality ?event ?evidence ?document
ORDER BY ?distanceKm (COALESCE(STR(?date), "")) ?event
"""

#: queries/evidence.rq before its class and modality tables became filters and its trigger two look-ups.
EVIDENCE_BEFORE = r"""# title: Evidence behind a fact
# description: The sentence each fact was extracted from, with its character offsets and sentence number in the article, the trigger word and the source document. Give an event IRI (one row: the event itself) or an actor, place or quantity IRI (one row per event it takes part in, with its role).
# param: subject: iri -- an event, actor, place or quantity IRI, e.g. ckgd:person/ash-carter
PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX schema: <https://schema.org/>

SELECT ?subject ?role ?event ?eventType ?date ?modality ?evidence ?sentence ?start ?end ?trigger
       ?document (MIN(?docTitle) AS ?documentTitle) (MIN(?docPublisher) AS ?publisher)
       (MIN(?docIssued) AS ?published) (MIN(?docUrl) AS ?url)
WHERE {
  # zero steps: the subject is the event; one step: the subject fills one of the event's roles
  ?event (ckg:agent|ckg:force|ckg:origin|ckg:destination|ckg:perpetrator|ckg:target|ckg:location
          |ckg:captor|ckg:place|ckg:former|ckg:supporter|ckg:participant|ckg:speaker|ckg:about
          |ckg:visitor|ckg:quantity)? ?subject .
  ?event ckg:evidence ?evidenceNode ;
         a ?class ;
         ckg:modality ?modalityIri ;
         ckg:reportedIn ?document .
  VALUES (?class ?eventType) {
    (ckg:Deployment "deployment") (ckg:Attack "attack") (ckg:Capture "capture")
    (ckg:Meeting "meeting") (ckg:Statement "statement") (ckg:Visit "visit")
  }
  VALUES (?modalityIri ?modality) {
    (ckg:Asserted "asserted") (ckg:Planned "planned") (ckg:Hypothetical "hypothetical") (ckg:Negated "negated")
  }
  ?evidenceNode ckg:text ?evidence ;
                ckg:sentenceIndex ?sentence ;
                ckg:startOffset ?start ;
                ckg:endOffset ?end .
  OPTIONAL {
    VALUES (?roleIri ?roleName) {
      (ckg:agent "agent") (ckg:force "force") (ckg:origin "origin") (ckg:destination "destination")
      (ckg:perpetrator "perpetrator") (ckg:target "target") (ckg:location "location")
      (ckg:captor "captor") (ckg:place "place") (ckg:former "former controller")
      (ckg:supporter "supporter") (ckg:participant "participant") (ckg:speaker "speaker")
      (ckg:about "about") (ckg:visitor "visitor") (ckg:quantity "quantity")
    }
    ?event ?roleIri ?subject .
  }
  BIND(IF(?event = ?subject, "event", ?roleName) AS ?role)
  OPTIONAL { ?event ckg:trigger/ckg:text ?trigger }
  OPTIONAL { ?event ckg:date ?date }
  OPTIONAL { ?document dcterms:title ?docTitle }
  OPTIONAL { ?document dcterms:publisher ?docPublisher }
  OPTIONAL { ?document dcterms:issued ?docIssued }
  OPTIONAL { ?document schema:url ?docUrl }
}
GROUP BY ?subject ?role ?event ?eventType ?date ?modality ?evidence ?sentence ?start ?end ?trigger ?document
ORDER BY (COALESCE(STR(?date), "")) ?document ?start ?event ?role
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, extractor) -> Iterator[KGStore]:
    """The articles of SOURCES built (and fused) once, with a fixed extraction time."""
    path = tmp_path_factory.mktemp("rewrites") / "kg-store"
    with KGStore.open(path) as built:
        report = pipeline.build(SOURCES, built, extractor=extractor, generated_at=BUILT_AT)
        assert report.documents > 20 and not report.failed, report
    with KGStore.open(path, read_only=True) as opened:
        yield opened


@pytest.fixture(scope="module")
def queries() -> dict[str, canned.CannedQuery]:
    return canned.load_queries(ROOT / "queries")


def _cells(result, row) -> tuple:
    out = []
    for var, value in zip(result.vars, row):
        text = "" if value is None else str(value)
        out.append(tuple(sorted(text.split(CONCATS[var]))) if var in CONCATS else text)
    return tuple(out)


def _answer(store: KGStore, text: str) -> tuple[list[str], list[tuple]]:
    result = store.query(text)
    return [str(v) for v in result.vars], [_cells(result, row) for row in result.rows]


def assert_same_answer(store: KGStore, query: canned.CannedQuery, before: str,
                       params: dict[str, str]) -> int:
    """The rewritten ``query`` and the former text ``before`` give the same answer for
    ``params``: columns, rows and order (with the paging's tie-breakers), pages, total.
    Returns the number of rows."""
    reference = canned.parse_query(before, query.name)
    old_vars, expected = _answer(store, paging.page_query(canned.bind(reference, params), paging.ALL))
    text = canned.bind(query, params)
    new_vars, whole = _answer(store, paging.page_query(text, paging.ALL))
    assert new_vars == old_vars
    assert whole == expected
    pages: list[tuple] = []
    for offset in range(0, len(expected) + 5, 5):
        pages += _answer(store, paging.page_query(text, paging.Page(5, offset)))[1]
    assert pages == expected
    counted = store.query(paging.count_query(text)).rows
    assert int(counted[0][0]) == len(expected)
    return len(expected)


@pytest.mark.parametrize(("params", "some"), [
    ({"lat": "36.34", "lon": "43.13", "km": "100"}, True),   # Mosul
    ({"lat": "36.34", "lon": "43.13", "km": "400"}, True),   # to Baghdad
    ({"lat": "36.34", "lon": "43.13", "km": "400", "type": "attack"}, True),
    ({"lat": "36.34", "lon": "43.13", "km": "100", "type": "capture"}, True),
    ({"lat": "12.0", "lon": "14.0", "km": "300"}, True),      # the Lake Chad basin
    ({"lat": "12.0", "lon": "14.0", "km": "300", "type": "meeting"}, False),
    ({"lat": "-36.34", "lon": "43.13", "km": "100"}, False),
    ({"lat": "0", "lon": "0", "km": "20000"}, True),          # the whole earth
])
def test_events_near_answers_as_before(store, queries, params, some) -> None:
    found = assert_same_answer(store, queries["events-near"], EVENTS_NEAR_BEFORE, params)
    if some:
        assert found, "the example must find events"


def test_evidence_answers_as_before(store, queries) -> None:
    """An event, and actors, places and quantities that fill roles (one of every ~12th, by IRI)."""
    fillers = [row[0] for row in store.query(
        "PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>\n"
        "SELECT DISTINCT ?s WHERE { ?e ckg:evidence ?n ; ?p ?s . FILTER(?p IN (ckg:agent, ckg:force, "
        "ckg:perpetrator, ckg:target, ckg:location, ckg:captor, ckg:place, ckg:former, ckg:participant, "
        "ckg:speaker, ckg:about, ckg:visitor, ckg:quantity, ckg:destination, ckg:origin)) } ORDER BY ?s").rows]
    picked = fillers[::max(1, len(fillers) // 12)]
    assert len(picked) >= 10
    found = [assert_same_answer(store, queries["evidence"], EVIDENCE_BEFORE, {"subject": str(s)})
             for s in picked]
    assert all(found)
    assert not assert_same_answer(store, queries["evidence"], EVIDENCE_BEFORE,
                                  {"subject": "https://w3id.org/conflict-kg/id/person/nobody"})
    event = store.query("SELECT ?e WHERE { ?e <https://w3id.org/conflict-kg/ontology#evidence> ?n } "
                        "ORDER BY ?e LIMIT 1").rows[0][0]
    assert assert_same_answer(store, queries["evidence"], EVIDENCE_BEFORE, {"subject": str(event)}) == 1
