"""Query round 14 (issue 14): ``documents-mentioning`` looks a row's mentions, words and events up
in the entity's mention summary in the article (kg/graph/derived.py: ``ckg:mentionCount``,
``ckg:eventCount``, ``ckg:mentionText`` on ``ckgd:mentions/<MD5 of entity and article>``) instead
of reading every mention and report of the page's articles.

The new text is compared with the round-13 text, kept here verbatim, on a real built store (the
seed, tests/data/queries and tests/data/corpus, as ``kg build`` builds them): same columns, rows
and order, unpaged and page by page, and the same total from ``count_query``; and on a copy edited
by hand (mentions moved out of their article, others added, a report added in the default graph)
whose document keys and summaries were written again by ``kg derive --missing``'s code
(``derived.add_to_store(only=...)``). The summaries the mapping writes are checked against
counts made in Python from the store's mentions and reports.

``events-near`` chooses and counts its rows from the box's places' role keys alone and leads only
the page's keys to their reports (no new data): compared with the round-11 text, kept here too,
around every point of the built store.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.graph import derived
from kg.query import canned, paging
from kg.store.core import KGStore
from query_compare import same_answer

ROOT = Path(__file__).resolve().parents[1]
#: GROUP_CONCAT cells: their order is not defined, so they are compared as sets of parts.
CONCATS = {"mentionedAs": "; "}
CKG = "PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>\n"

#: queries/documents-mentioning.rq as query round 13 left it.
DOCUMENTS_MENTIONING_ROUND13 = r"""
# title: Documents mentioning an entity
# description: The articles that name an actor or place, newest first, with how often each names it, the words used and the number of events it takes part in there.
# param: entity: string -- the actor or place: name, alias or IRI; case does not matter
PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>

# Speed (query round 13): the articles are read from the entity's mention keys (ckg:mentionKey,
# kg/graph/derived.py: one integer per article that mentions it, written beside the mentions by
# the mapping; a store built before them needs `kg derive --missing`): the article's publication
# date newest first (?rank, ordered as DESC(COALESCE(STR(?published), ""))), then a hash of its
# IRI. Reading them is one range of one index. The sub-select marked "page keys:" gives the
# ranks of the entity's rows; kg.query.paging keeps the first offset + limit of them, and the
# total counts the sub-select marked "page count:" (one row per key and article, each article
# found by one look-up of its stored ckg:articleKey, in the group that starts from the name).
# The mentions and events are then counted for the page's articles only (query round 9): each
# article's mentions and events are read from the article, one pattern a row, and kept when they
# are the entity's (an EXISTS per mention or event). The titles are looked up for the page's
# articles only.
SELECT ?published ?document (MIN(?docTitle) AS ?documentTitle) (MIN(?docPublisher) AS ?publisher)
       ?entityIri (MIN(?entityName) AS ?entityLabel)
       (COUNT(DISTINCT ?mention) AS ?mentions) (GROUP_CONCAT(DISTINCT ?mentionText; separator="; ") AS ?mentionedAs)
       (COUNT(DISTINCT ?event) AS ?events)
WHERE {
  {
    # page: one row per article and entity
    SELECT DISTINCT ?rank ?published ?document ?entityIri WHERE {
      {
        # page keys: the date ranks of the entity's articles
        SELECT ?rank WHERE {
          {
            SELECT DISTINCT ?entityIri WHERE {
              BIND(IRI(?entity) AS ?entityGiven)
              BIND(IF(BOUND(?entityGiven), ?unbound, LCASE(?entity)) AS ?entityKey)
              ?entityIri ckg:nameKey ?entityKey .
              FILTER(BOUND(?entity) && (!BOUND(?entityGiven) || ?entityIri = ?entityGiven || ?entityKey = LCASE(?entity)))
            }
          }
          ?entityIri ckg:mentionKey ?key .
          BIND(xsd:integer(FLOOR(?key / 68719476736)) AS ?rank)
        }
      }
      {
        # page count: one row per entity, key and article, each article found by one look-up
        # of its stored key, row by row in this group, which Oxigraph starts from the name
        SELECT ?entityIri ?key ?rank ?document WHERE {
          {
            SELECT DISTINCT ?entityIri WHERE {
              # a name or alias in any case: its lower-cased key, one index look-up (kg.graph.mapping);
              # a text that parses as an IRI: that named thing (or a name equal to the text), from a
              # scan of the names. One pattern, not a UNION of the two look-ups, which Oxigraph does
              # not start the query's join from (docs/queries.md, "Speed")
              BIND(IRI(?entity) AS ?entityGiven)
              BIND(IF(BOUND(?entityGiven), ?unbound, LCASE(?entity)) AS ?entityKey)
              ?entityIri ckg:nameKey ?entityKey .
              FILTER(BOUND(?entity) && (!BOUND(?entityGiven) || ?entityIri = ?entityGiven || ?entityKey = LCASE(?entity)))
            }
          }
          ?entityIri ckg:mentionKey ?key .
          ?document ckg:articleKey ?key .
          BIND(xsd:integer(FLOOR(?key / 68719476736)) AS ?rank)
        }
      }
      OPTIONAL { ?document dcterms:issued ?published }
    }
  }
  # the entity's mentions in the article, and their words (a mention is the entity's when the
  # entity has it: one index look-up per mention of the article)
  OPTIONAL {
    ?mention ckg:inArticle ?document .
    FILTER EXISTS { ?entityIri ckg:mention ?mention }
    OPTIONAL { ?mention ckg:text ?mentionText }
  }
  # the events of the article in which the entity fills a role (looked up per row of the
  # mentions above: COUNT(DISTINCT) counts each once)
  OPTIONAL {
    ?event ckg:reportedIn ?document .
    FILTER EXISTS { ?event ?role ?entityIri }
  }
  OPTIONAL { ?entityIri rdfs:label ?entityName }
  OPTIONAL { ?document dcterms:title ?docTitle }
  OPTIONAL { ?document dcterms:publisher ?docPublisher }
}
GROUP BY ?rank ?published ?document ?entityIri
# an article none of whose mentions of the entity is in it (a key the mentions no longer give:
# a graph edited by hand after the mapping wrote its keys; `kg derive` writes them again) is no row
HAVING (COUNT(DISTINCT ?mention) > 0)
ORDER BY ?rank DESC(COALESCE(STR(?published), "")) ?document ?entityIri
"""

#: queries/events-near.rq as query round 11 left it.
EVENTS_NEAR_ROUND11 = r"""# title: Events near a point
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
       ?eventType ?role ?date ?modality ?event (MIN(?evidenceText) AS ?evidence) (MIN(?article) AS ?document)
       (MIN(?docTitle) AS ?documentTitle)
WHERE {
  {
    # page: one row per event, role and place, with the values the rows are grouped and ordered
    # by (kg.query.paging cuts the page here, docs/queries.md); the place's name and the
    # article's title are looked up for the page's rows only, and the total counts these rows
    SELECT DISTINCT ?distanceKm ?place ?latText ?lonText ?eventType ?role ?date ?modality ?event WHERE {
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
      # Query round 11: the events from the place's role keys (ckg:roleKey, codes 11-14, the place
      # roles: 11 * 2^59 <= key < 15 * 2^59, kg/graph/derived.py; a store built before them needs
      # `kg derive`), each report found by its stored key (ckg:rowKey), the role read on it: the
      # keys are on reports only, so the fused incidents are never read (the former text read
      # them and dropped them for want of a sentence); the sentence, the article and its title
      # (one of each per report: ontology/shapes.ttl) are looked up for the page's rows only.
      # Speed: every pattern of the event in one block, with no BIND or VALUES among them, so
      # Oxigraph joins them from the box's places; a BIND between two patterns splits the block,
      # and a VALUES table of roles or classes is joined first, reading every event of the store
      # (2.4 s at 3M triples, against ~20 ms)
      ?place ckg:roleKey ?key .
      ?event ckg:rowKey ?key ;
             ?roleIri ?place ;
             a ?class ;
             ckg:modality ?modalityIri .
      ?place rdfs:label ?placeName .
      FILTER(?key >= 6341068275337658368 && ?key < 8646911284551352320)
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
  OPTIONAL { ?event ckg:evidence ?evidenceNode . OPTIONAL { ?evidenceNode ckg:text ?evidenceText } }
  OPTIONAL { ?event ckg:reportedIn ?article . OPTIONAL { ?article dcterms:title ?docTitle } }
}
GROUP BY ?distanceKm ?place ?latText ?lonText ?eventType ?role ?date ?modality ?event
ORDER BY ?distanceKm (COALESCE(STR(?date), "")) ?event
"""


@pytest.fixture(scope="module")
def store(query_corpus_store: Path) -> Iterator[KGStore]:
    """The seed, tests/data/queries and tests/data/corpus, built once for the session
    (conftest.py's query_corpus_store)."""
    with KGStore.open(query_corpus_store, read_only=True) as opened:
        yield opened


@pytest.fixture(scope="module")
def queries() -> dict[str, canned.CannedQuery]:
    return canned.load_queries(ROOT / "queries")


def assert_same_answer(store: KGStore, query: canned.CannedQuery, params: dict[str, str],
                       sizes: tuple[int, ...] = (3,)) -> int:
    """The new text and the round-13 text: same columns, rows, order, pages and total (both counts)."""
    return same_answer(store, query, DOCUMENTS_MENTIONING_ROUND13, params, CONCATS, sizes, old_count=True)


def _entities(store: KGStore) -> list[str]:
    return sorted({str(r[0]) for r in store.query(CKG + "SELECT DISTINCT ?e WHERE { ?e ckg:mentionedIn ?d }").rows})


def _summaries(store: KGStore) -> dict[tuple[str, str], tuple[int, int, frozenset[str]]]:
    """(entity, article) -> (mentions, events, texts), counted in Python from the store's
    mentions and reports (not by derived.py's code), for each entity mentioned in an article."""
    mentions: dict[tuple[str, str], set[str]] = {}
    texts: dict[tuple[str, str], set[str]] = {}
    for e, m, d, t in store.query(CKG + """SELECT ?e ?m ?d ?t WHERE {
            ?e ckg:mention ?m . ?m ckg:inArticle ?d OPTIONAL { ?m ckg:text ?t } }""").rows:
        mentions.setdefault((str(e), str(d)), set()).add(str(m))
        if t is not None:
            texts.setdefault((str(e), str(d)), set()).add(str(t))
    events: dict[tuple[str, str], set[str]] = {}
    for event, d, o in store.query(CKG + "SELECT ?event ?d ?o WHERE { ?event ckg:reportedIn ?d ; ?p ?o }").rows:
        if (str(o), str(d)) in mentions:
            events.setdefault((str(o), str(d)), set()).add(str(event))
    return {pair: (len(ms), len(events.get(pair, ())), frozenset(texts.get(pair, ()))) for pair, ms in mentions.items()}


def _stored_summaries(store: KGStore) -> dict[str, tuple[int, int, frozenset[str]]]:
    """Summary node -> (mention count, event count, texts), as stored (the union graph)."""
    out: dict[str, list] = {}
    for node, p, o in store.query(CKG + """SELECT ?s ?p ?o WHERE { ?s ?p ?o
            FILTER(?p IN (ckg:mentionCount, ckg:eventCount, ckg:mentionText)) }""").rows:
        entry = out.setdefault(str(node), [[], [], set()])
        if str(p) == str(derived.MENTION_TEXT):
            entry[2].add(str(o))
        else:
            entry[0 if str(p) == str(derived.MENTION_COUNT) else 1].append(int(o))
    return {n: (c[0] if len(c) == 1 else c, e[0] if len(e) == 1 else e, frozenset(t)) for n, (c, e, t) in out.items()}


# ----------------------------------------------------------------------------- the text and the data

def test_the_text_reads_the_summaries(queries) -> None:
    text = queries["documents-mentioning"].sparql
    assert "?summary ckg:mentionCount ?mentionCount" in text and derived.SUMMARY_NAMESPACE in text
    # no mention nor report of the article is read any more
    assert "ckg:inArticle" not in text and "ckg:reportedIn" not in text
    counted = paging.count_query(canned.bind(queries["documents-mentioning"], {"entity": "Mosul"}))
    assert "mentionCount" not in counted[counted.index("SELECT (COUNT"):]


def test_the_built_store_has_one_summary_per_entity_and_article(store) -> None:
    expected = _summaries(store)
    stored = _stored_summaries(store)
    assert len(expected) > 300
    assert stored == {str(derived.summary_node(e, d)): v for (e, d), v in expected.items()}
    # some entities fill roles, some are only named; some are named several ways
    assert any(v[1] for v in expected.values()) and any(not v[1] for v in expected.values())
    assert any(len(v[2]) > 1 for v in expected.values()) and any(v[0] > 1 for v in expected.values())


def test_the_query_computes_the_summary_iri_as_python_does(store) -> None:
    rows = store.query(CKG + """SELECT ?e ?d (IRI(CONCAT("%s", MD5(CONCAT(STR(?e), " ", STR(?d))))) AS ?s)
        WHERE { ?e ckg:mentionedIn ?d }""" % derived.SUMMARY_NAMESPACE).rows
    assert len(rows) > 300
    assert all(str(s) == str(derived.summary_node(str(e), str(d))) for e, d, s in rows)
    assert str(derived.summary_node("https://x.example/é", "urn:x:ü d")).startswith(derived.SUMMARY_NAMESPACE)


# ----------------------------------------------------------------------------- answers as before

def test_documents_mentioning_answers_as_before_for_every_third_entity(store, queries) -> None:
    entities = _entities(store)
    assert len(entities) > 100
    names = {str(e): str(n) for e, n in store.query(
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT ?e ?n WHERE { ?e rdfs:label ?n }").rows}
    most = [str(r[0]) for r in store.query(CKG + """SELECT ?e (COUNT(?d) AS ?n) WHERE { ?e ckg:mentionedIn ?d }
        GROUP BY ?e ORDER BY DESC(?n) ?e LIMIT 5""").rows]
    found = []
    for i, entity in enumerate(most + entities[::3]):
        found.append(assert_same_answer(store, queries["documents-mentioning"], {"entity": entity}, sizes=(1, 3)))
        if entity in names and i % 3 == 0:
            name = names[entity]
            found.append(assert_same_answer(store, queries["documents-mentioning"],
                                            {"entity": name.upper() if i % 2 else name}, sizes=(2,)))
    assert max(found) >= 4 and sum(1 for n in found if n) > len(found) // 2, found


@pytest.mark.parametrize("entity", ["Nobody Atallwhere", "x\" } ; DROP ALL", "https://w3id.org/conflict-kg/id/nothing"])
def test_documents_mentioning_answers_as_before_for_unknown_names(store, queries, entity) -> None:
    assert assert_same_answer(store, queries["documents-mentioning"], {"entity": entity}, sizes=(1,)) == 0


@pytest.fixture(scope="module")
def edited(query_corpus_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[KGStore, list[str]]]:
    """A copy of the built store edited by hand (each graph and the union default graph the
    store keeps, kg.store.core): the mentions of some entities moved out of
    their article (into another article, or into none), a mention with a second text added, a
    report added in the default graph naming an entity; then its summaries (and document
    keys) deleted and written again as `kg derive --missing` writes them. Yields the store and
    the entities edited."""
    path = tmp_path_factory.mktemp("round14") / "kg-store"
    shutil.copytree(query_corpus_store, path)
    with KGStore.open(path) as opened:
        ox = opened.ox_store
        pairs = sorted((str(e), str(d)) for e, d in opened.query(
            CKG + "SELECT ?e ?d WHERE { ?e ckg:mentionedIn ?d }").rows)
        articles = sorted({d for _, d in pairs})
        touched: list[str] = []
        for i, (entity, article) in enumerate(pairs[::40]):
            touched.append(entity)
            mention = str(opened.query(CKG + f"SELECT ?m WHERE {{ <{entity}> ckg:mention ?m . ?m ckg:inArticle <{article}> }} LIMIT 1").rows[0][0])
            if i % 3 == 0:    # into no article
                ox.update(CKG + f"DELETE WHERE {{ GRAPH ?g {{ <{mention}> ckg:inArticle ?d }} }} ; "
                          f"DELETE WHERE {{ <{mention}> ckg:inArticle ?d }}")
            elif i % 3 == 1:  # into another article, with a second text
                other = articles[(articles.index(article) + 7) % len(articles)]
                ox.update(CKG + f"DELETE WHERE {{ GRAPH ?g {{ <{mention}> ckg:inArticle ?d }} }} ; "
                          f"DELETE WHERE {{ <{mention}> ckg:inArticle ?d }} ; "
                          f"INSERT {{ GRAPH ?g {{ <{mention}> ckg:inArticle <{other}> ; ckg:text \"Invented Name {i}\" }} "
                          f"<{mention}> ckg:inArticle <{other}> ; ckg:text \"Invented Name {i}\" }} "
                          f"WHERE {{ GRAPH ?g {{ <{entity}> ckg:mention <{mention}> }} }}")
            else:             # a report of the article, written by hand into the default graph
                ox.update(CKG + f"INSERT DATA {{ <urn:x-report:{i}> ckg:reportedIn <{article}> ; ckg:agent <{entity}> . }}")
        for kind in ("documents", "mentions"):
            for p in derived.KINDS[kind]:
                ox.update(f"DELETE WHERE {{ GRAPH ?g {{ ?s <{p}> ?o }} }} ; DELETE WHERE {{ ?s <{p}> ?o }}")
        # the links as the edited mentions give them (what `kg derive` writes with the rest)
        ox.update(CKG + "DELETE WHERE { GRAPH ?g { ?e ckg:mentionedIn ?d } } ; DELETE WHERE { ?e ckg:mentionedIn ?d }")
        ox.update(CKG + "INSERT { GRAPH ?g { ?e ckg:mentionedIn ?d } ?e ckg:mentionedIn ?d } "
                  "WHERE { GRAPH ?g { ?e ckg:mention ?m . ?m ckg:inArticle ?d } }")
        assert derived.absent_kinds(ox) == ("documents", "mentions")
        n = derived.add_to_store(ox, only=derived.absent_kinds(ox))
        assert n["mentions"] > 300 and n["months"] == 0
        assert derived.absent_kinds(ox) == () and not derived.missing(ox)
        yield opened, sorted(set(touched))


def test_kg_derive_writes_the_summaries_the_edited_store_gives(edited) -> None:
    store, _ = edited
    expected = _summaries(store)
    linked = {(str(e), str(d)) for e, d in store.query(CKG + "SELECT ?e ?d WHERE { ?e ckg:mentionedIn ?d }").rows}
    assert set(expected) == linked
    assert _stored_summaries(store) == {str(derived.summary_node(e, d)): v for (e, d), v in expected.items()}
    assert any("Invented Name 1" in v[2] for v in expected.values())


def test_documents_mentioning_answers_as_before_after_kg_derive(edited, queries) -> None:
    store, touched = edited
    assert len(touched) > 5
    found = [assert_same_answer(store, queries["documents-mentioning"], {"entity": e}, sizes=(1, 2))
             for e in touched + _entities(store)[::17]]
    assert sum(found) > 20


# ----------------------------------------------------------------------------- events-near

def assert_same_near(store: KGStore, query: canned.CannedQuery, params: dict[str, str],
                     sizes: tuple[int, ...] = (3,)) -> int:
    """The new events-near and the round-11 text: same columns, rows, order, pages and total (both counts)."""
    return same_answer(store, query, EVENTS_NEAR_ROUND11, params, {}, sizes, old_count=True)


def test_events_near_reads_its_page_from_the_keys(queries) -> None:
    near = queries["events-near"]
    counted = paging.count_query(canned.bind(near, {"lat": "36.34", "lon": "43.13", "km": "100"}))
    counted = counted[counted.index("SELECT (COUNT"):]
    # the count reads the places and their keys, no report (the type's look-up aside)
    assert "ckg:roleKey" in counted and "?event ckg:rowKey" not in counted and "ckg:modality" not in counted
    page = paging.page_query(canned.bind(near, {"lat": "36.34", "lon": "43.13", "km": "100"}), paging.Page(7, 14))
    assert "LIMIT 21" in page  # the keys cut to the first offset + limit


def test_events_near_answers_as_before_around_every_point(store, queries) -> None:
    near = queries["events-near"]
    points = store.query(
        CKG + "PREFIX geo: <http://www.opengis.net/ont/geosparql#>\n"
        "SELECT DISTINCT ?wkt WHERE { ?p a ckg:Place ; geo:hasGeometry/geo:asWKT ?wkt . "
        "?e ?r ?p ; ckg:evidence ?n } ORDER BY ?wkt").rows
    assert len(points) >= 5
    found = []
    for i, (wkt,) in enumerate(points):
        lon, lat = str(wkt).split("(", 1)[1].rstrip(")").split()[:2]
        for km in ("1", "50", "500"):
            found.append(assert_same_near(store, near, {"lat": lat, "lon": lon, "km": km}, sizes=(1, 7)))
        kind = ("attack", "capture", "deployment", "meeting", "statement", "visit")[i % 6]
        found.append(assert_same_near(store, near, {"lat": lat, "lon": lon, "km": "800", "type": kind}, sizes=(3,)))
    assert sum(1 for n in found if n) > len(found) // 2 and max(found) > 20, found


@pytest.mark.parametrize("params", [
    {"lat": "-80", "lon": "-170", "km": "1"}, {"lat": "36.34", "lon": "43.13", "km": "0"},
    {"lat": "36.34", "lon": "43.13", "km": "3000"}])
def test_events_near_answers_as_before_for_empty_and_whole_boxes(store, queries, params) -> None:
    n = assert_same_near(store, queries["events-near"], params, sizes=(2, 5))
    assert (n > 20) == (params["km"] == "3000")
