"""Query round 11 (issue 14): ``meetings-between`` reads the actor's meetings from its
participant role keys (``ckg:roleKey`` code 7, ``ckg:rowKey`` on the report: kg/graph/derived.py)
and looks the sentence and the article up for the page's rows only.

The new text is compared with the round-10 text, kept here verbatim, on a real built store (the
seed, tests/data/queries and tests/data/corpus, as ``kg build`` builds them): same columns, rows
and order, unpaged and page by page (pages of 1, 3 and 7), and the same total from
``count_query``, for every named thing of the store as the actor (alone, and with each of its
co-participants as ``other``, by name, in another case and by IRI) and for unknown and hostile
names.

``events-near`` (the same change: the events from the places' role keys, codes 11-14) is
compared in the same way around every place of the store with a point, in boxes of 1, 50 and
500 km, with each event type.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.query import canned, paging
from kg.store.core import KGStore
from query_compare import answer, same_answer

ROOT = Path(__file__).resolve().parents[1]
#: GROUP_CONCAT cells: their order is not defined, so they are compared as sets of parts.
CONCATS = {"participants": "; "}
CKG = "PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>\n"

#: queries/events-near.rq as query round 10 left it.
EVENTS_NEAR_ROUND10 = r"""# title: Events near a point
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
  {
    # page: one row per event, role and place, with the values the rows are grouped and ordered
    # by (kg.query.paging cuts the page here, docs/queries.md); the place's name and the
    # article's title are looked up for the page's rows only, and the total counts these rows
    SELECT DISTINCT ?distanceKm ?place ?latText ?lonText ?eventType ?role ?date ?modality ?event
           ?evidence ?document WHERE {
      {
        # the places in the box, first: the store's few geometries are parsed and filtered here,
        # and the events are then found from each place (the patterns before any BIND, so this
        # sub-select is where Oxigraph starts: see "Speed" below)
        SELECT ?place ?latText ?lonText ?placeLat ?placeLon ?cosLat WHERE {
          ?place a ckg:Place ;
                 geo:hasGeometry ?geometry .
          ?geometry geo:asWKT ?wkt .
          # the box, in degrees: cos(latitude) from its Taylor series (SPARQL has no trigonometry)
          BIND(xsd:double(?lat) * 0.0174532925199433e0 AS ?phi)
          BIND(1 - ?phi * ?phi / 2 + ?phi * ?phi * ?phi * ?phi / 24
                 - ?phi * ?phi * ?phi * ?phi * ?phi * ?phi / 720
                 + ?phi * ?phi * ?phi * ?phi * ?phi * ?phi * ?phi * ?phi / 40320 AS ?cosTaylor)
          BIND(IF(?cosTaylor < 0.01, 0.01, ?cosTaylor) AS ?cosLat)
          BIND(xsd:double(?km) / 111.32e0 AS ?dLat)
          BIND(?dLat / ?cosLat AS ?dLon)
          BIND(STRAFTER(STR(?wkt), "(") AS ?coords)
          BIND(STRBEFORE(?coords, " ") AS ?lonText)
          BIND(STRBEFORE(STRAFTER(?coords, " "), ")") AS ?latText)
          BIND(xsd:double(?lonText) AS ?placeLon)
          BIND(xsd:double(?latText) AS ?placeLat)
          FILTER(?placeLat >= ?lat - ?dLat && ?placeLat <= ?lat + ?dLat
                 && ?placeLon >= ?lon - ?dLon && ?placeLon <= ?lon + ?dLon)
        }
      }
      # Speed: every pattern of the event in one block, with no BIND or VALUES among them, so
      # Oxigraph joins them from the box's places; a BIND between two patterns splits the block,
      # and a VALUES table of roles or classes is joined first, reading every event of the store
      # (2.4 s at 3M triples, against ~20 ms)
      ?event ?roleIri ?place ;
             a ?class ;
             ckg:modality ?modalityIri ;
             ckg:evidence ?evidenceNode ;
             ckg:reportedIn ?document .
      ?evidenceNode ckg:text ?evidence .
      ?place rdfs:label ?placeName .
      FILTER(?roleIri IN (ckg:location, ckg:destination, ckg:place, ckg:origin))
      FILTER(?class IN (ckg:Deployment, ckg:Attack, ckg:Capture, ckg:Meeting, ckg:Statement, ckg:Visit))
      FILTER(?modalityIri IN (ckg:Asserted, ckg:Planned, ckg:Hypothetical, ckg:Negated))
      BIND(STRAFTER(STR(?roleIri), "#") AS ?role)
      BIND(LCASE(STRAFTER(STR(?class), "#")) AS ?eventType)
      BIND(LCASE(STRAFTER(STR(?modalityIri), "#")) AS ?modality)
      FILTER(!BOUND(?type) || ?type = ?eventType)
      # distance: sqrt(dx² + dy²) by three Newton steps from |dx| + |dy| (within a factor 1.42)
      BIND((?placeLat - ?lat) * 111.32e0 AS ?dy)
      BIND((?placeLon - ?lon) * 111.32e0 * ?cosLat AS ?dx)
      BIND(?dx * ?dx + ?dy * ?dy AS ?d2)
      BIND(ABS(?dx) + ABS(?dy) AS ?s0)
      BIND(IF(?s0 = 0, 0, (?s0 + ?d2 / ?s0) / 2) AS ?s1)
      BIND(IF(?s1 = 0, 0, (?s1 + ?d2 / ?s1) / 2) AS ?s2)
      BIND(IF(?s2 = 0, 0, (?s2 + ?d2 / ?s2) / 2) AS ?s3)
      BIND(xsd:decimal(xsd:integer(ROUND(?s3 * 10))) / 10 AS ?distanceKm)
      OPTIONAL { ?event ckg:date ?date }
    }
  }
  OPTIONAL { ?place rdfs:label ?placeName }
  OPTIONAL { ?document dcterms:title ?docTitle }
}
GROUP BY ?distanceKm ?place ?latText ?lonText ?eventType ?role ?date ?modality ?event ?evidence ?document
ORDER BY ?distanceKm (COALESCE(STR(?date), "")) ?event
"""

#: queries/meetings-between.rq as query round 10 left it.
MEETINGS_BETWEEN_ROUND10 = r"""# title: Meetings between two actors
# description: Meetings in which both actors took part, oldest first, with place, date, everyone present and the source sentence. Without `other`, every meeting of `actor`, one row per person or body met.
# param: actor: string -- one participant: name, alias or IRI; case does not matter
# param: other: string = "" -- the other participant: name, alias or IRI (optional)
PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>

# Speed: the meetings are found from the actor, with the values the rows are grouped, filtered
# and ordered by, in the sub-select marked "page:", where kg.query.paging cuts the page
# (docs/queries.md); the names (the two actors, every participant, the location, the article's
# title) are then looked up for the page's rows only, and the total counts the sub-select alone.
SELECT ?date ?actorIri (MIN(?actorName) AS ?actorLabel) ?otherIri (MIN(?otherName) AS ?otherLabel)
       (GROUP_CONCAT(DISTINCT ?participantName; separator="; ") AS ?participants)
       ?location (MIN(?locationName) AS ?locationLabel)
       ?modality ?event ?evidence ?document (MIN(?docTitle) AS ?documentTitle)
WHERE {
  {
    # page: one row per meeting of the actor, other participant and location
    SELECT DISTINCT ?date ?actorIri ?otherIri ?location ?modality ?event ?evidence ?document WHERE {
      {
        SELECT DISTINCT ?actorIri WHERE {
          # a name or alias in any case: its lower-cased key, one index look-up (kg.graph.mapping);
          # a text that parses as an IRI: that named thing (or a name equal to the text), from a
          # scan of the names. One pattern, not a UNION of the two look-ups, which Oxigraph does
          # not start the query's join from (docs/queries.md, "Speed")
          BIND(IRI(?actor) AS ?actorGiven)
          BIND(IF(BOUND(?actorGiven), ?unbound, LCASE(?actor)) AS ?actorKey)
          ?actorIri ckg:nameKey ?actorKey .
          FILTER(BOUND(?actor) && (!BOUND(?actorGiven) || ?actorIri = ?actorGiven || ?actorKey = LCASE(?actor)))
        }
      }
      # Speed: the actor's patterns in one block that Oxigraph starts from the actor found above:
      # no pattern with a constant object (`a ckg:Meeting` would be its start: every meeting of the
      # store), no VALUES table and no BIND among them (docs/queries.md, "Speed")
      ?event ckg:participant ?actorIri ;
             a ?class ;
             ckg:participant ?otherIri ;
             ckg:modality ?modalityIri ;
             ckg:evidence ?evidenceNode ;
             ckg:reportedIn ?document .
      ?evidenceNode ckg:text ?evidence .
      ?actorIri rdfs:label ?actorName .
      FILTER(?class = ckg:Meeting)
      FILTER(?otherIri != ?actorIri)
      FILTER(!BOUND(?other) || STR(?otherIri) = ?other || EXISTS {
        ?otherIri ckg:nameKey ?otherKey . FILTER(?otherKey = LCASE(?other)) })
      FILTER(?modalityIri IN (ckg:Asserted, ckg:Planned, ckg:Hypothetical, ckg:Negated))
      BIND(LCASE(STRAFTER(STR(?modalityIri), "#")) AS ?modality)
      OPTIONAL { ?event ckg:date ?date }
      OPTIONAL { ?event ckg:location ?location }
    }
  }
  OPTIONAL { ?actorIri rdfs:label ?actorName }
  OPTIONAL { ?otherIri rdfs:label ?otherName }
  # a name through a nested OPTIONAL: looked up per row (a two-pattern OPTIONAL, or a path,
  # is joined from every participant of the store)
  OPTIONAL { ?event ckg:participant ?participant . OPTIONAL { ?participant rdfs:label ?participantName } }
  # the location's name from a node that is always bound (a row without a location looks up a
  # node that has no name): from ?location itself, unbound in some rows, Oxigraph read every name
  BIND(COALESCE(?location, <urn:x-kg:none>) AS ?locationKey)
  OPTIONAL { ?locationKey rdfs:label ?locationName }
  OPTIONAL { ?document dcterms:title ?docTitle }
}
GROUP BY ?date ?actorIri ?otherIri ?location ?modality ?event ?evidence ?document
ORDER BY (COALESCE(STR(?date), "")) ?event ?otherIri
"""


@pytest.fixture(scope="module")
def built(query_corpus_store: Path) -> Path:
    """The seed, tests/data/queries and tests/data/corpus, built once for the session
    (conftest.py's query_corpus_store)."""
    return query_corpus_store


@pytest.fixture(scope="module")
def store(built: Path) -> Iterator[KGStore]:
    with KGStore.open(built, read_only=True) as opened:
        yield opened


@pytest.fixture(scope="module")
def query() -> canned.CannedQuery:
    return canned.load_queries(ROOT / "queries")["meetings-between"]


def assert_same_answer(store: KGStore, query: canned.CannedQuery, params: dict[str, str],
                       sizes: tuple[int, ...] = (3,)) -> int:
    """The new text and the round-10 text: same columns, rows, order, pages and total."""
    before = EVENTS_NEAR_ROUND10 if query.name == "events-near" else MEETINGS_BETWEEN_ROUND10
    return same_answer(store, query, before, params, CONCATS, sizes)


def test_the_text_reads_the_participant_keys(query) -> None:
    assert "?actorIri ckg:roleKey ?key" in query.sparql and "?event ckg:rowKey ?key" in query.sparql
    counted = paging.count_query(canned.bind(query, {"actor": "Ash Carter"}))
    counted = counted[counted.index("SELECT (COUNT"):]
    assert "ckg:roleKey" in counted and "dcterms:title" not in counted and "ckg:text" not in counted


def test_the_store_has_meetings_of_incidents_the_answer_leaves_out(store, query) -> None:
    """Fused incidents are meetings with participants but no sentence: the round-10 text dropped
    them for want of a sentence, the new one never reads them (they have no row keys)."""
    rows = store.query(CKG + "SELECT ?x WHERE { ?i a ckg:Incident , ckg:Meeting ; ckg:participant ?x . "
                       "?x ckg:nameKey ?k } LIMIT 1").rows
    assert rows, "the store should have a fused meeting"
    actor = str(rows[0][0])
    names, rows = answer(store, paging.page_query(canned.bind(query, {"actor": actor}), paging.ALL), CONCATS)
    assert rows and not any("/incident/" in r[names.index("event")] for r in rows)
    assert assert_same_answer(store, query, {"actor": actor}, sizes=(1, 7))


def test_every_actor_and_pair_is_answered_as_before(store, query) -> None:
    iris = [str(r[0]) for r in store.query(
        CKG + "SELECT DISTINCT ?x WHERE { ?x ckg:nameKey ?k . ?e ?r ?x . ?e ckg:evidence ?n } ORDER BY ?x").rows]
    assert len(iris) > 100
    found = [assert_same_answer(store, query, {"actor": iri}, sizes=(5,)) for iri in iris[::3]]
    assert sum(1 for n in found if n) >= 3, found
    pairs = store.query(
        CKG + "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "SELECT DISTINCT ?a ?an ?o ?on WHERE { ?e a ckg:Meeting ; ckg:evidence ?n ; ckg:participant ?a , ?o . "
        "FILTER(?a != ?o) ?a rdfs:label ?an . OPTIONAL { ?o rdfs:label ?on } } ORDER BY ?a ?o").rows
    assert len(pairs) >= 4
    for a, an, o, on in pairs:
        assert assert_same_answer(store, query, {"actor": str(an), "other": str(o)}, sizes=(1,)) >= 1
        if on is not None:
            assert assert_same_answer(store, query, {"actor": str(a), "other": str(on).upper()}, sizes=(1,)) >= 1
        assert_same_answer(store, query, {"actor": str(a)}, sizes=(1, 3, 7))


@pytest.mark.parametrize("params", [
    {"actor": "Ash Carter"}, {"actor": "ash carter", "other": "haider al-abadi"},
    {"actor": "Ash Carter", "other": "Islamic State"}, {"actor": "Atlantis"},
    {"actor": "Ash Carter", "other": "Nobody"},
    {"actor": "https://w3id.org/conflict-kg/id/person/nobody"},
    {"actor": "x\" } UNION { ?s ?p ?o } #"}, {"actor": "Ash Carter", "other": "x\" } UNION { ?s ?p ?o } #"}])
def test_names_unknown_and_hostile_are_answered_as_before(store, query, params) -> None:
    n = assert_same_answer(store, query, params, sizes=(1, 3, 7))
    assert (n > 0) == (params in ({"actor": "Ash Carter"}, {"actor": "ash carter", "other": "haider al-abadi"}))


@pytest.fixture(scope="module")
def near() -> canned.CannedQuery:
    return canned.load_queries(ROOT / "queries")["events-near"]


def test_events_near_reads_the_place_keys(near) -> None:
    assert "?place ckg:roleKey ?key" in near.sparql and "?event ckg:rowKey ?key" in near.sparql
    counted = paging.count_query(canned.bind(near, {"lat": "36.34", "lon": "43.13", "km": "100"}))
    counted = counted[counted.index("SELECT (COUNT"):]
    assert "ckg:roleKey" in counted and "dcterms:title" not in counted and "ckg:text" not in counted


def test_events_near_answers_as_before_around_every_place(store, near) -> None:
    points = store.query(
        CKG + "PREFIX geo: <http://www.opengis.net/ont/geosparql#>\n"
        "SELECT DISTINCT ?wkt WHERE { ?p a ckg:Place ; geo:hasGeometry/geo:asWKT ?wkt . "
        "?e ?r ?p ; ckg:evidence ?n } ORDER BY ?wkt").rows
    assert len(points) >= 5
    found = []
    for (wkt,) in points:
        lon, lat = str(wkt).split("(", 1)[1].rstrip(")").split()[:2]
        for km in ("1", "50", "500"):
            found.append(assert_same_answer(store, near, {"lat": lat, "lon": lon, "km": km}, sizes=(1, 7)))
    # most points have rows (a country's centroid is left out by the query), some many
    assert sum(1 for n in found if n) > len(found) // 2 and max(found) > 10, found
    lon, lat = str(points[0][0]).split("(", 1)[1].rstrip(")").split()[:2]
    for kind in ("attack", "capture", "deployment", "meeting", "statement", "visit"):
        assert_same_answer(store, near, {"lat": lat, "lon": lon, "km": "2000", "type": kind}, sizes=(3,))
    assert assert_same_answer(store, near, {"lat": "-80", "lon": "-170", "km": "1"}) == 0
