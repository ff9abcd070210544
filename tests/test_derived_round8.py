"""Query round 8 (issue 14): six light look-ups cut their page inside and look a report's
single values up for the page's rows only (docs/queries.md, "The page keeps only what orders the
rows"). Each new text must answer as its round-7 text did (kept below): same columns, rows,
order, pages of 5 and total, on invented reports whose roles, dates, quotes and places come and
go, so the names looked up after the page meet unbound variables."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.models import DateValue, DocumentMeta, Entity, Event, Evidence, Facts, Mention
from kg.query import canned, paging

REPO = Path(__file__).resolve().parents[1]
#: Columns that are GROUP_CONCATs: their parts' order is the engine's, so they are compared sorted.
CONCATS = {"supporters", "participants", "aboutLabels", "places", "coParticipants"}
REPORTS = 36


def _report(i: int) -> Facts:
    """Invented report ``i``: a capture of a ford (captor, former holder, supporter, date and
    place each missing in some reports), a meeting (location missing in some) and a statement
    (quote, topic and date missing in some)."""
    captor = f"Heron Marsh Rangers {i % 3}" if i % 5 != 4 else None
    former = f"Otter Glen Watch {i % 2}" if i % 3 == 0 else None
    supporter = f"Copper Hill Allies {i % 2}" if i % 4 == 1 else None
    place = f"Willow Ford {i % 4}" if i % 7 != 6 else None
    envoy = "Envoy Marten Sollis"
    words = [captor or "Raiders", f"seized {place or 'the ridge'}"]
    if former:
        words.append(f"from {former}")
    if supporter:
        words.append(f"helped by {supporter}")
    sentence = " ".join(words) + f", and {envoy} met them after talks."
    title = f"Ford report {i}"
    text = f"{title}\n\n{sentence}"
    at = text.index(sentence)

    def mention(needle: str) -> Mention:
        start = text.index(needle, at)
        return Mention(start, start + len(needle), needle, 1)

    entities = [Entity(id="N", type="Person", name=envoy, mentions=[mention(envoy)])]
    roles: dict[str, list[str]] = {}
    for key, role, name, kind in (("C", "captor", captor, "ArmedGroup"), ("F", "former", former, "ArmedGroup"),
                                  ("S", "supporter", supporter, "ArmedGroup"),
                                  ("P", "place", place, "Location")):
        if name:
            entities.append(Entity(id=key, type=kind, name=name, mentions=[mention(name)]))
            roles[role] = [key]
    day = DateValue(f"2022-05-{1 + i % 6:02d}", "day", "that day") if i % 5 != 2 else None
    evidence = Evidence(1, at, at + len(sentence), sentence)
    events = [Event(id="V1", type="Capture", trigger=mention("seized"), evidence=evidence, roles=roles,
                    date=day, modality="planned" if i % 6 == 3 else "asserted", confidence=0.7)]
    talkers = ["N"] + roles.get("captor", []) + roles.get("former", [])
    if len(talkers) > 1:
        events.append(Event(id="V2", type="Meeting", trigger=mention("met"), evidence=evidence,
                            roles={"participants": talkers, **({"location": ["P"]} if place and i % 2 else {})},
                            date=day, confidence=0.6))
    events.append(Event(id="V3", type="Statement", trigger=mention("talks"), evidence=evidence,
                        roles={"speaker": ["N"], **({"about": ["P"]} if place and i % 3 else {})},
                        date=day if i % 4 else None, quote="the ford is ours" if i % 2 else None,
                        confidence=0.6))
    meta = DocumentMeta(id=f"ford-report-{i}-{i:010d}", title=title, publisher="Invented Wire",
                        published=f"2022-05-{1 + i % 6:02d}", sha256=f"{i + 9000:064d}")
    return Facts(document=meta, entities=entities, events=events, extractor="test-round8/1", text=text)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):
    from kg.graph.mapping import facts_to_graph
    from kg.store.core import KGStore

    path = tmp_path_factory.mktemp("round8") / "store"
    with KGStore.open(path) as opened:
        for i in range(REPORTS):
            opened.replace_graph(*facts_to_graph(_report(i)))
        yield opened


@pytest.fixture(scope="module")
def queries() -> dict[str, canned.CannedQuery]:
    return canned.load_queries(REPO / "queries")


def _answer(store, text: str) -> tuple[list[str], list[tuple]]:
    result = store.query(text)
    names = [str(v).lstrip("?") for v in result.vars]
    rows = []
    for row in result.rows:
        cells = []
        for name, cell in zip(names, row):
            value = "" if cell is None else str(cell)
            cells.append("; ".join(sorted(value.split("; "))) if name in CONCATS else value)
        rows.append(tuple(cells))
    return names, rows


def _same_answer(store, query: canned.CannedQuery, former: str, params: dict[str, str]) -> list[tuple]:
    """The new text and the round-7 text: same columns, rows and order, pages of 5, total."""
    before = canned.parse_query(former, query.name)
    old_names, expected = _answer(store, paging.page_query(canned.bind(before, params), paging.ALL))
    text = canned.bind(query, params)
    new_names, whole = _answer(store, paging.page_query(text, paging.ALL))
    assert new_names == old_names
    assert whole == expected
    pages: list[tuple] = []
    for offset in range(0, len(expected) + 5, 5):
        pages += _answer(store, paging.page_query(text, paging.Page(5, offset)))[1]
    assert pages == expected
    assert int(store.query(paging.count_query(text)).rows[0][0]) == len(expected)
    return expected


@pytest.mark.parametrize("params", [{"place": "Willow Ford 1"}, {"place": "willow ford 2", "all": "true"},
                                    {"place": "Willow Ford 3", "all": "true"}, {"place": "Nowhere Ford"}])
def test_control_timeline_answers_as_round_7(store, queries, params) -> None:
    rows = _same_answer(store, queries["control-timeline"], CONTROL_TIMELINE_ROUND7, params)
    assert rows or params["place"] == "Nowhere Ford"


def test_a_capture_without_a_captor_has_no_captor_name(store, queries) -> None:
    """The captor's and former holder's names are looked up from a node that is always bound:
    a row without one must not get some other name."""
    names, rows = _answer(store, canned.bind(queries["control-timeline"], {"place": "Willow Ford 0", "all": "true"}))
    col = {n: k for k, n in enumerate(names)}
    for role, label in (("captor", "captorLabel"), ("former", "formerLabel")):
        assert any(r[col[role]] == "" for r in rows) and any(r[col[role]] for r in rows)
        assert all((r[col[label]] == "") == (r[col[role]] == "") for r in rows)


@pytest.mark.parametrize("params", [{"actor": "Envoy Marten Sollis"}, {"actor": "envoy marten sollis", "other": "Otter Glen Watch 0"},
                                    {"actor": "Heron Marsh Rangers 1"}, {"actor": "Heron Marsh Rangers 1", "other": "Nobody"}])
def test_meetings_between_answers_as_round_7(store, queries, params) -> None:
    rows = _same_answer(store, queries["meetings-between"], MEETINGS_BETWEEN_ROUND7, params)
    assert rows or params.get("other") == "Nobody"


@pytest.mark.parametrize("params", [{"actor": "Envoy Marten Sollis"}, {"actor": "Envoy Marten Sollis", "about": "Willow Ford 1"},
                                    {"actor": "Envoy Marten Sollis", "from": "2022-05-03"}, {}])
def test_statements_by_answers_as_round_7(store, queries, params) -> None:
    assert _same_answer(store, queries["statements-by"], STATEMENTS_BY_ROUND7, params)


@pytest.mark.parametrize("actor", ["Envoy Marten Sollis", "Heron Marsh Rangers 0", "otter glen watch 1",
                                   "Copper Hill Allies 1", "Nobody"])
def test_actor_profile_answers_as_round_7(store, queries, actor) -> None:
    rows = _same_answer(store, queries["actor-profile"], ACTOR_PROFILE_ROUND7, {"actor": actor})
    assert rows or actor == "Nobody"


def test_evidence_answers_as_round_7(store, queries) -> None:
    subjects = [str(r[0]) for r in store.query(
        "PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>\n"
        "SELECT DISTINCT ?s WHERE { ?e ckg:evidence ?n ; ?p ?s . FILTER(?p IN (ckg:captor, ckg:former, "
        "ckg:supporter, ckg:place, ckg:participant, ckg:speaker, ckg:about, ckg:location)) } ORDER BY ?s").rows]
    assert len(subjects) >= 8
    for subject in subjects:
        assert _same_answer(store, queries["evidence"], EVIDENCE_ROUND7, {"subject": subject})
    event = str(store.query("SELECT ?e WHERE { ?e <https://w3id.org/conflict-kg/ontology#evidence> ?n } "
                            "ORDER BY ?e LIMIT 1").rows[0][0])
    assert len(_same_answer(store, queries["evidence"], EVIDENCE_ROUND7, {"subject": event})) == 1


def test_events_near_answers_as_round_7(store, queries) -> None:
    """The invented places have no coordinates: nothing near, in both texts alike."""
    assert not _same_answer(store, queries["events-near"], EVENTS_NEAR_ROUND7,
                            {"lat": "36.34", "lon": "43.13", "km": "20000"})


#: The round-7 texts (queries/*.rq before round 8).

CONTROL_TIMELINE_ROUND7 = r"""# title: Who controlled a place over time
# description: The changes of control of one place (captures), oldest first: who took it, from whom, with whose support, when, and the source sentence. Captures that were only planned, hypothetical or denied are left out unless `all` is true.
# param: place: string -- the place: name, alias or IRI; case does not matter
# param: all: boolean = false -- also list planned, hypothetical and denied captures
PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>

# Speed: the place is found first, its captures by one pattern, and every other value by a
# one-pattern OPTIONAL (looked up per row, not joined over the whole graph).
SELECT ?date ?placeIri (MIN(?placeName) AS ?placeLabel)
       ?captor (MIN(?captorName) AS ?captorLabel)
       ?former (MIN(?formerName) AS ?formerLabel)
       (GROUP_CONCAT(DISTINCT ?supporterName; separator="; ") AS ?supporters)
       ?modality ?event ?evidence ?document (MIN(?docTitle) AS ?documentTitle)
WHERE {
  {
    SELECT DISTINCT ?placeIri ?event WHERE {
      {
        SELECT DISTINCT ?placeIri WHERE {
          # a name or alias in any case: its lower-cased key, one index look-up (kg.graph.mapping);
          # a text that parses as an IRI: that named thing (or a name equal to the text), from a
          # scan of the names. One pattern, not a UNION of the two look-ups, which Oxigraph does
          # not start the query's join from (docs/queries.md, "Speed")
          BIND(IRI(?place) AS ?placeGiven)
          BIND(IF(BOUND(?placeGiven), ?unbound, LCASE(?place)) AS ?placeKey)
          ?placeIri ckg:nameKey ?placeKey .
          FILTER(BOUND(?place) && (!BOUND(?placeGiven) || ?placeIri = ?placeGiven || ?placeKey = LCASE(?place)))
        }
      }
      ?event ckg:place ?placeIri .
      FILTER NOT EXISTS { ?event a ckg:Incident }  # reports; incidents: queries/incidents.rq
    }
  }
  FILTER EXISTS { ?event a ckg:Capture }
  OPTIONAL { ?event ckg:modality ?modalityIri }
  BIND(LCASE(STRAFTER(STR(?modalityIri), "#")) AS ?modality)
  FILTER(?all || ?modality = "asserted")
  OPTIONAL { ?event ckg:evidence/ckg:text ?evidence }
  OPTIONAL { ?event ckg:reportedIn ?document }
  OPTIONAL { ?event ckg:reportedIn/dcterms:title ?docTitle }
  OPTIONAL { ?placeIri rdfs:label ?placeName }
  OPTIONAL { ?event ckg:date ?date }
  OPTIONAL { ?event ckg:captor ?captor . OPTIONAL { ?captor rdfs:label ?captorName } }
  OPTIONAL { ?event ckg:former ?former . OPTIONAL { ?former rdfs:label ?formerName } }
  OPTIONAL { ?event ckg:supporter/rdfs:label ?supporterName }
}
GROUP BY ?date ?placeIri ?captor ?former ?modality ?event ?evidence ?document
ORDER BY (COALESCE(STR(?date), "")) ?event ?captor ?former
"""

MEETINGS_BETWEEN_ROUND7 = r"""# title: Meetings between two actors
# description: Meetings in which both actors took part, oldest first, with place, date, everyone present and the source sentence. Without `other`, every meeting of `actor`, one row per person or body met.
# param: actor: string -- one participant: name, alias or IRI; case does not matter
# param: other: string = "" -- the other participant: name, alias or IRI (optional)
PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>

SELECT ?date ?actorIri (MIN(?actorName) AS ?actorLabel) ?otherIri (MIN(?otherName) AS ?otherLabel)
       (GROUP_CONCAT(DISTINCT ?participantName; separator="; ") AS ?participants)
       ?location (MIN(?locationName) AS ?locationLabel)
       ?modality ?event ?evidence ?document (MIN(?docTitle) AS ?documentTitle)
WHERE {
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
  OPTIONAL { ?otherIri rdfs:label ?otherName }
  # a name through a nested OPTIONAL: looked up per row (a two-pattern OPTIONAL, or a path,
  # is joined from every participant of the store)
  OPTIONAL { ?event ckg:participant ?participant . OPTIONAL { ?participant rdfs:label ?participantName } }
  OPTIONAL { ?event ckg:date ?date }
  OPTIONAL { ?event ckg:location ?location . OPTIONAL { ?location rdfs:label ?locationName } }
  OPTIONAL { ?document dcterms:title ?docTitle }
}
GROUP BY ?date ?actorIri ?otherIri ?location ?modality ?event ?evidence ?document
ORDER BY (COALESCE(STR(?date), "")) ?event ?otherIri
"""

EVENTS_NEAR_ROUND7 = r"""# title: Events near a point
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
  OPTIONAL { ?document dcterms:title ?docTitle }
}
GROUP BY ?distanceKm ?place ?latText ?lonText ?eventType ?role ?date ?modality ?event ?evidence ?document
ORDER BY ?distanceKm (COALESCE(STR(?date), "")) ?event
"""

STATEMENTS_BY_ROUND7 = r"""# title: Statements by an actor
# description: What an actor said (statements, claims, announcements), oldest first, with the quote, what it was about, the date and the source sentence. Without `actor`, every statement; `about` keeps statements about one actor or place.
# param: actor: string = "" -- the speaker: name, alias or IRI; case does not matter
# param: about: string = "" -- only statements about this actor or place: name, alias or IRI
# param: from: date = "" -- earliest date, YYYY-MM-DD (a month or year that overlaps counts)
# param: to: date = "" -- latest date, YYYY-MM-DD
PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>

# Speed: the speakers are found first (all of them without `actor`), their statements by one
# pattern each, and the values the rows are grouped and filtered by with one-pattern OPTIONALs
# (looked up per row), in the sub-select marked "page:", where kg.query.paging cuts the page
# (docs/queries.md); the names (speaker, topics, the article's title) are then looked up for
# the page's rows only, in two steps from the event, and the total counts the sub-select alone.
SELECT ?date ?speaker (MIN(?speakerName) AS ?speakerLabel) ?quote
       (GROUP_CONCAT(DISTINCT ?aboutName; separator="; ") AS ?aboutLabels)
       ?modality ?event ?evidence ?document (MIN(?docTitle) AS ?documentTitle)
WHERE {
  {
    # page: one row per statement and speaker, with the values the rows are grouped by
    SELECT DISTINCT ?date ?speaker ?quote ?modality ?event ?evidence ?document WHERE {
      {
        SELECT DISTINCT ?speaker ?event WHERE {
          {
            SELECT DISTINCT ?speaker WHERE {
              # a name or alias in any case: its lower-cased key, one index look-up (kg.graph.mapping);
              # a text that parses as an IRI: that named thing (or a name equal to the text), from a
              # scan of the names. One pattern, not a UNION of the two look-ups, which Oxigraph does
              # not start the query's join from (docs/queries.md, "Speed"); without an actor the key
              # is unbound: every named speaker
              BIND(IRI(?actor) AS ?actorGiven)
              BIND(IF(BOUND(?actorGiven), ?unbound, LCASE(?actor)) AS ?actorKey)
              ?speaker ckg:nameKey ?actorKey .
              FILTER(!BOUND(?actorGiven) || ?speaker = ?actorGiven || ?actorKey = LCASE(?actor))
            }
          }
          ?event ckg:speaker ?speaker .
          FILTER NOT EXISTS { ?event a ckg:Incident }  # reports; incidents: queries/incidents.rq
        }
      }
      OPTIONAL { ?event ckg:date ?date }
      FILTER(!BOUND(?from) || (BOUND(?date) && CONCAT(STR(?date), "~") >= STR(?from)))
      FILTER(!BOUND(?to) || (BOUND(?date) && STR(?date) <= STR(?to)))
      FILTER(!BOUND(?about)
             || EXISTS { ?event ckg:about ?topic . FILTER(STR(?topic) = ?about) }
             || EXISTS { ?event ckg:about/ckg:nameKey ?topicKey . FILTER(?topicKey = LCASE(?about)) })
      OPTIONAL { ?event ckg:modality ?modalityIri }
      BIND(LCASE(STRAFTER(STR(?modalityIri), "#")) AS ?modality)
      OPTIONAL { ?event ckg:evidence ?evidenceNode . OPTIONAL { ?evidenceNode ckg:text ?evidence } }
      OPTIONAL { ?event ckg:reportedIn ?document }
      OPTIONAL { ?event ckg:quote ?quote }
    }
  }
  OPTIONAL { ?event ckg:reportedIn ?titled . OPTIONAL { ?titled dcterms:title ?docTitle } }
  OPTIONAL { ?speaker rdfs:label ?speakerName }
  OPTIONAL { ?event ckg:about ?topic . OPTIONAL { ?topic rdfs:label ?aboutName } }
}
GROUP BY ?date ?speaker ?quote ?modality ?event ?evidence ?document
ORDER BY (COALESCE(STR(?date), "")) ?event ?speaker
"""

ACTOR_PROFILE_ROUND7 = r"""# title: Actor profile
# description: Everything one actor takes part in: one row per event and role (agent, force, perpetrator, target, captor, former controller, supporter, participant, speaker, visitor, or "about" for statements about it), with the event's places, the other actors in it and their roles, the date and the source sentence; oldest first.
# param: actor: string -- the actor: name, alias or IRI; case does not matter
PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>

# Speed: the actor's events and roles are found, with the values they are grouped and ordered
# by (one-pattern look-ups, row by row), in the sub-select marked "page:", where kg.query.paging
# cuts the page (docs/queries.md); the names (places, other actors, the article's title) are
# then looked up for the page's rows only, each in two steps from the event (a path in an
# OPTIONAL is built from the whole store), and the total counts the sub-select's rows alone.
SELECT ?actorIri (MIN(?actorName) AS ?actorLabel) ?role ?eventType ?date ?modality
       (GROUP_CONCAT(DISTINCT ?placeName; separator="; ") AS ?places)
       (GROUP_CONCAT(DISTINCT ?coParticipant; separator="; ") AS ?coParticipants)
       ?event ?evidence ?document (MIN(?docTitle) AS ?documentTitle)
WHERE {
  {
    # page: one row per event and role of the actor, with the values the rows are grouped by
    SELECT DISTINCT ?actorIri ?role ?eventType ?date ?modality ?event ?evidence ?document WHERE {
      {
        SELECT DISTINCT ?actorIri ?event ?roleIri WHERE {
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
          ?event ?roleIri ?actorIri .
          FILTER NOT EXISTS { ?event a ckg:Incident }  # reports; incidents: queries/incidents.rq
          FILTER(?roleIri IN (ckg:agent, ckg:force, ckg:perpetrator, ckg:target, ckg:captor, ckg:former,
                              ckg:supporter, ckg:participant, ckg:speaker, ckg:visitor, ckg:about))
        }
      }
      BIND(IF(?roleIri = ckg:former, "former controller", STRAFTER(STR(?roleIri), "#")) AS ?role)
      OPTIONAL { ?event a ?class }
      BIND(LCASE(STRAFTER(STR(?class), "#")) AS ?eventType)
      OPTIONAL { ?event ckg:modality ?modalityIri }
      BIND(LCASE(STRAFTER(STR(?modalityIri), "#")) AS ?modality)
      OPTIONAL { ?event ckg:evidence ?evidenceNode . OPTIONAL { ?evidenceNode ckg:text ?evidence } }
      OPTIONAL { ?event ckg:reportedIn ?document }
      OPTIONAL { ?event ckg:date ?date }
    }
  }
  OPTIONAL { ?event ckg:reportedIn ?titled . OPTIONAL { ?titled dcterms:title ?docTitle } }
  OPTIONAL { ?actorIri rdfs:label ?actorName }
  OPTIONAL {
    ?event ?placeRoleIri ?placeIri .
    FILTER(?placeRoleIri IN (ckg:location, ckg:destination, ckg:place, ckg:origin))
    OPTIONAL { ?placeIri rdfs:label ?placeName }
  }
  OPTIONAL {
    ?event ?otherRoleIri ?other .
    FILTER(?other != ?actorIri && ?otherRoleIri IN (ckg:agent, ckg:force, ckg:perpetrator, ckg:target,
           ckg:captor, ckg:former, ckg:supporter, ckg:participant, ckg:speaker, ckg:visitor))
    OPTIONAL { ?other rdfs:label ?otherName }
  }
  BIND(CONCAT(?otherName, " (", IF(?otherRoleIri = ckg:former, "former controller",
                                   STRAFTER(STR(?otherRoleIri), "#")), ")") AS ?coParticipant)
}
GROUP BY ?actorIri ?role ?eventType ?date ?modality ?event ?evidence ?document
ORDER BY (COALESCE(STR(?date), "")) ?event ?role ?actorIri
"""

EVIDENCE_ROUND7 = r"""# title: Evidence behind a fact
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
  {
    # page: one row per event and role of the subject, with the values the rows are grouped by
    # (kg.query.paging cuts the page here, docs/queries.md; the article's title, publisher, date
    # and address are looked up for the page's rows only, and the total counts these rows)
    SELECT DISTINCT ?subject ?role ?event ?eventType ?date ?modality ?evidence ?sentence ?start ?end
           ?trigger ?document WHERE {
      # Speed: the event's patterns in one block, with the class, modality and role names taken
      # from the IRIs after it: a VALUES table of classes or modalities among the patterns is where
      # Oxigraph starts, reading every event of the store (docs/queries.md, "Speed")
      # zero steps: the subject is the event; one step: the subject fills one of the event's roles
      ?event (ckg:agent|ckg:force|ckg:origin|ckg:destination|ckg:perpetrator|ckg:target|ckg:location
              |ckg:captor|ckg:place|ckg:former|ckg:supporter|ckg:participant|ckg:speaker|ckg:about
              |ckg:visitor|ckg:quantity)? ?subject .
      ?event ckg:evidence ?evidenceNode ;
             a ?class ;
             ckg:modality ?modalityIri ;
             ckg:reportedIn ?document .
      ?evidenceNode ckg:text ?evidence ;
                    ckg:sentenceIndex ?sentence ;
                    ckg:startOffset ?start ;
                    ckg:endOffset ?end .
      FILTER(?class IN (ckg:Deployment, ckg:Attack, ckg:Capture, ckg:Meeting, ckg:Statement, ckg:Visit))
      FILTER(?modalityIri IN (ckg:Asserted, ckg:Planned, ckg:Hypothetical, ckg:Negated))
      BIND(LCASE(STRAFTER(STR(?class), "#")) AS ?eventType)
      BIND(LCASE(STRAFTER(STR(?modalityIri), "#")) AS ?modality)
      OPTIONAL {
        ?event ?roleIri ?subject .
        FILTER(?roleIri IN (ckg:agent, ckg:force, ckg:origin, ckg:destination, ckg:perpetrator,
                            ckg:target, ckg:location, ckg:captor, ckg:place, ckg:former, ckg:supporter,
                            ckg:participant, ckg:speaker, ckg:about, ckg:visitor, ckg:quantity))
      }
      BIND(IF(?event = ?subject, "event",
              IF(?roleIri = ckg:former, "former controller", STRAFTER(STR(?roleIri), "#"))) AS ?role)
      # the trigger's text in two one-pattern steps, the second from a node that is always bound
      # (an event without a trigger looks up a node that has no text): one OPTIONAL with the path
      # ckg:trigger/ckg:text read every trigger of the store (0.4 s at 3M triples)
      OPTIONAL { ?event ckg:trigger ?triggerNode }
      BIND(COALESCE(?triggerNode, <urn:x-kg:none>) AS ?triggerKey)
      OPTIONAL { ?triggerKey ckg:text ?trigger }
      OPTIONAL { ?event ckg:date ?date }
    }
  }
  OPTIONAL { ?document dcterms:title ?docTitle }
  OPTIONAL { ?document dcterms:publisher ?docPublisher }
  OPTIONAL { ?document dcterms:issued ?docIssued }
  OPTIONAL { ?document schema:url ?docUrl }
}
GROUP BY ?subject ?role ?event ?eventType ?date ?modality ?evidence ?sentence ?start ?end ?trigger ?document
ORDER BY (COALESCE(STR(?date), "")) ?document ?start ?event ?role
"""
