"""Query round 13 (issue 14): ``recent-documents`` and ``documents-mentioning`` read their rows'
order and count from derived keys (kg/graph/derived.py: ``ckg:extractionTime``,
``ckg:documentKey``, ``ckg:graphKey`` on extraction nodes and document graphs;
``ckg:articleKey``, ``ckg:mentionKey`` on articles and the entities they mention).

The new texts are compared with the round-12 texts, kept here verbatim, on a real built store
(the seed, tests/data/queries and tests/data/corpus, as ``kg build`` builds them): same columns,
rows and order, unpaged and page by page, and the same total from ``count_query``; and on a copy
whose extraction times were changed (several times, none, another offset) and whose keys were
written again by ``kg derive --missing``'s code (``derived.add_to_store(only=...)``).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.graph import derived
from kg.query import canned, paging
from kg.store.core import KGStore
from query_compare import answer, same_answer

ROOT = Path(__file__).resolve().parents[1]
#: GROUP_CONCAT cells: their order is not defined, so they are compared as sets of parts.
CONCATS = {"mentionedAs": "; "}
CKG = "PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>\nPREFIX prov: <http://www.w3.org/ns/prov#>\n"

#: queries/recent-documents.rq as query round 12 left it.
RECENT_DOCUMENTS_ROUND12 = r"""# title: Recent additions
# description: Documents by the time they were extracted into the store (the prov:endedAtTime of each document's extraction activity), newest first, with title, publisher, publication date, the extractor and how many events each holds.
# param: since: date = "" -- only documents extracted on or after this day (UTC), YYYY-MM-DD
PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>

# Speed: the documents are chosen and ordered first, in the sub-select marked "page:" where
# kg.query.paging cuts a page (docs/queries.md); titles, the extractor and the events are
# then looked up and counted for that page's documents only. The order compares a short text
# key before the IRI (query round 9): every document of one build has the same extraction time,
# so the sort compared IRIs, and Oxigraph reads both IRIs' text from its dictionary at each
# comparison (~130,000 of them for 10,000 documents); a text of up to 15 bytes is held in the
# term itself. The key never contradicts the IRIs' order: "1" and the 12 characters after the
# documents' namespace for a document of the mapping, "0" or "2" for an IRI before or after
# that namespace, so the IRI is compared only where two keys tie.
SELECT ?extractedAt ?document (MIN(?docTitle) AS ?documentTitle) (MIN(?docPublisher) AS ?publisher)
       (MIN(?docIssued) AS ?published) (MIN(?agentName) AS ?extractor) (COUNT(DISTINCT ?event) AS ?events)
       ?graph
WHERE {
  {
    # page: one row per document, extraction time and graph
    SELECT DISTINCT ?extractedAt ?document ?graph ?documentKey WHERE {
      ?activity a prov:Activity ;
                prov:used ?document .
      OPTIONAL { ?activity prov:endedAtTime ?extractedAt }
      FILTER(!BOUND(?since) || (BOUND(?extractedAt) && STR(?extractedAt) >= STR(?since)))
      ?graph prov:wasGeneratedBy ?activity .
      # page order key: only orders the page (the count leaves it out, kg.query.paging)
      BIND(IF(STRSTARTS(STR(?document), "https://w3id.org/conflict-kg/id/doc/"),
              CONCAT("1", SUBSTR(STR(?document), 37, 12)),
              IF(STR(?document) < "https://w3id.org/conflict-kg/id/doc/", "0", "2")) AS ?documentKey)
    }
  }
  # the extractor's name one step at a time, row by row (a group of patterns or a path in an
  # OPTIONAL is joined from every extraction of the store)
  OPTIONAL {
    ?graph prov:wasGeneratedBy ?activity .
    FILTER EXISTS { ?activity prov:used ?document }
    OPTIONAL { ?activity prov:wasAssociatedWith ?agent . OPTIONAL { ?agent rdfs:label ?agentName } }
  }
  OPTIONAL { ?document dcterms:title ?docTitle }
  OPTIONAL { ?document dcterms:publisher ?docPublisher }
  OPTIONAL { ?document dcterms:issued ?docIssued }
  OPTIONAL { ?event ckg:reportedIn ?document }
}
GROUP BY ?documentKey ?extractedAt ?document ?graph
ORDER BY DESC(COALESCE(STR(?extractedAt), "")) ?documentKey ?document
"""

#: queries/documents-mentioning.rq as query round 12 left it.
DOCUMENTS_MENTIONING_ROUND12 = r"""# title: Documents mentioning an entity
# description: The articles that name an actor or place, newest first, with how often each names it, the words used and the number of events it takes part in there.
# param: entity: string -- the actor or place: name, alias or IRI; case does not matter
PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>

# Speed: the articles that name the entity are chosen, with their date, in the sub-select
# marked "page:", where kg.query.paging cuts the page (docs/queries.md), and the total counts
# those rows alone. The mentions and events are then counted for the page's articles only
# (query round 9): each article's mentions (~90) and events (~20) are read from the article, one
# pattern a row, and kept when they are the entity's (an EXISTS per mention or event); counted
# in two sub-selects that started from the entity, they were read for every article that names
# it (1,893 for "Islamic State" at 10,000 documents: page 0.79 s CPU, now 0.42 s). The titles
# are looked up for the page's articles only.
SELECT ?published ?document (MIN(?docTitle) AS ?documentTitle) (MIN(?docPublisher) AS ?publisher)
       ?entityIri (MIN(?entityName) AS ?entityLabel)
       (COUNT(DISTINCT ?mention) AS ?mentions) (GROUP_CONCAT(DISTINCT ?mentionText; separator="; ") AS ?mentionedAs)
       (COUNT(DISTINCT ?event) AS ?events)
WHERE {
  {
    # page: one row per article and entity
    SELECT DISTINCT ?published ?document ?entityIri WHERE {
      {
        SELECT DISTINCT ?entityIri ?document WHERE {
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
          # every mention is in its article (?document is bound), found in the same block as the
          # mention: joined outside this sub-select, Oxigraph read every mention's article first
          ?entityIri ckg:mention ?mention .
          ?mention ckg:inArticle ?document .
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
GROUP BY ?published ?document ?entityIri
ORDER BY DESC(COALESCE(STR(?published), "")) ?document ?entityIri
"""

BEFORE = {"recent-documents": RECENT_DOCUMENTS_ROUND12, "documents-mentioning": DOCUMENTS_MENTIONING_ROUND12}


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
    """The new text and the round-12 text: same columns, rows, order, pages and total (both counts)."""
    return same_answer(store, query, BEFORE[query.name], params, CONCATS, sizes, old_count=True)


# ----------------------------------------------------------------------------- the texts

def test_the_texts_read_the_keys(queries) -> None:
    recent = queries["recent-documents"].sparql
    assert "ckg:documentKey ?key" in recent and "?graph ckg:graphKey ?key" in recent
    mentioning = queries["documents-mentioning"].sparql
    assert "?entityIri ckg:mentionKey ?key" in mentioning and "?document ckg:articleKey ?key" in mentioning
    for name, params in (("recent-documents", {}), ("documents-mentioning", {"entity": "Mosul"})):
        counted = paging.count_query(canned.bind(queries[name], params))
        counted = counted[counted.index("SELECT (COUNT"):]
        assert "dcterms:title" not in counted and "prov:used" not in counted and "ckg:mention ?" not in counted
        # the page's keys are cut to the first offset + limit
        page = paging.page_query(canned.bind(queries[name], params), paging.Page(7, 14))
        assert "LIMIT 21" in page, name


# ----------------------------------------------------------------------------- the keys

def test_the_built_store_has_the_document_keys(store) -> None:
    rows = store.query(CKG + """SELECT ?graph ?d (STR(?t) AS ?time) WHERE {
        ?graph prov:wasGeneratedBy ?a . ?a prov:used ?d ; prov:endedAtTime ?t }""").rows
    assert len(rows) > 20
    for graph, document, time in rows:
        key = derived.document_key(str(graph), str(document), str(time))
        node = derived.extraction_node(str(time))
        assert store.query(CKG + f'ASK {{ <{node}> ckg:extractionTime "{time}" ; ckg:documentKey {key} . '
                           f'<{graph}> ckg:graphKey {key} }}'), (graph, time)
    articles = store.query(CKG + """SELECT ?d (STR(?p) AS ?published) WHERE {
        ?d a ckg:Article OPTIONAL { ?d <http://purl.org/dc/terms/issued> ?p } }""").rows
    for document, published in articles:
        key = derived.article_key(None if published is None else str(published), str(document))
        assert store.query(CKG + f"ASK {{ <{document}> ckg:articleKey {key} }}"), document
    # each entity's mention keys are the keys of the articles that mention it, and no others
    links = {(str(e), str(d)) for e, d in store.query(
        CKG + "SELECT DISTINCT ?e ?d WHERE { ?e ckg:mention ?m . ?m ckg:inArticle ?d }").rows}
    keyed = {(str(e), str(d)) for e, d in store.query(
        CKG + "SELECT ?e ?d WHERE { ?e ckg:mentionKey ?k . ?d ckg:articleKey ?k }").rows}
    assert len(links) > 300 and keyed == links


def test_the_keys_never_contradict_the_order() -> None:
    ns = derived.DOCUMENT_NAMESPACE
    iris = sorted([ns + "a", ns + "ab", ns + "ab-c", ns + "zz9", ns + "9-x", ns + "Z", ns, ns[:-1],
                   "https://a.example/doc", "urn:x:doc", ns + "a~b", ns + "aaaaaaa", ns + "aaaaaab"])
    ranks = [derived.document_rank(i) for i in iris]
    assert ranks == sorted(ranks)
    dates = ["", "2016", "2016-03", "2016-03-01", "2016-03-02", "2016-12-31", "2017-01-01"]
    keys = [derived.article_key(d or None, "https://x.example/a") >> 36 for d in dates]
    assert keys == sorted(keys, reverse=True) and len(set(keys)) == len(keys)


# ----------------------------------------------------------------------------- answers as before

def _entities(store: KGStore) -> list[str]:
    return sorted({str(r[0]) for r in store.query(CKG + "SELECT DISTINCT ?e WHERE { ?e ckg:mentionedIn ?d }").rows})


def test_documents_mentioning_answers_as_before_for_every_fifth_entity(store, queries) -> None:
    entities = _entities(store)
    assert len(entities) > 100
    names = {str(e): str(n) for e, n in store.query(
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT ?e ?n WHERE { ?e rdfs:label ?n }").rows}
    found = []
    most = [str(r[0]) for r in store.query(CKG + """SELECT ?e (COUNT(?d) AS ?n) WHERE { ?e ckg:mentionedIn ?d }
        GROUP BY ?e ORDER BY DESC(?n) ?e LIMIT 5""").rows]
    for i, entity in enumerate(most + entities[::5]):
        found.append(assert_same_answer(store, queries["documents-mentioning"], {"entity": entity}, sizes=(1, 3)))
        if entity in names:
            name = names[entity]
            found.append(assert_same_answer(store, queries["documents-mentioning"],
                                            {"entity": name.upper() if i % 2 else name}, sizes=(2,)))
    assert max(found) >= 4 and sum(1 for n in found if n) > len(found) // 2, found


@pytest.mark.parametrize("entity", ["Nobody Atallwhere", "x\" } ; DROP ALL", "https://w3id.org/conflict-kg/id/nothing"])
def test_documents_mentioning_answers_as_before_for_unknown_names(store, queries, entity) -> None:
    assert assert_same_answer(store, queries["documents-mentioning"], {"entity": entity}, sizes=(1,)) == 0


@pytest.mark.parametrize("params", [{}, {"since": "2000-01-01"}, {"since": "2100-01-01"}])
def test_recent_documents_answers_as_before(store, queries, params) -> None:
    n = assert_same_answer(store, queries["recent-documents"], params, sizes=(1, 4, 10))
    assert n == 0 if params.get("since") == "2100-01-01" else n > 20


@pytest.fixture(scope="module")
def retimed(query_corpus_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[KGStore]:
    """A copy of the built store whose documents were extracted at five different times (one
    with another offset from UTC, one with none), its document keys written again as `kg derive
    --missing` writes them (after they were all deleted)."""
    path = tmp_path_factory.mktemp("round13") / "kg-store"
    shutil.copytree(query_corpus_store, path)
    with KGStore.open(path) as opened:
        ox = opened.ox_store
        activities = sorted(str(r[0]) for r in opened.query(CKG + "SELECT ?a WHERE { ?a prov:used ?d }").rows)
        times = [None, "2019-05-01T10:00:00Z", "2031-01-02T03:04:05+05:00", "2019-05-01T10:00:00.5Z",
                 "2024-02-29T23:59:59Z"]
        for i, activity in enumerate(activities):
            time = times[i % len(times)]
            if i % 6 == 5:
                continue  # left at the build's time
            insert = ("" if time is None else
                      f'INSERT {{ GRAPH ?g {{ <{activity}> prov:endedAtTime "{time}"^^<http://www.w3.org/2001/XMLSchema#dateTime> }} }} '
                      f'WHERE {{ GRAPH ?g {{ <{activity}> prov:used ?d }} }} ;\n')
            ox.update(CKG + f"DELETE WHERE {{ GRAPH ?g {{ <{activity}> prov:endedAtTime ?t }} }} ;\n"
                      f"DELETE WHERE {{ <{activity}> prov:endedAtTime ?t }} ;\n" + insert
                      + ("" if time is None else
                         f'INSERT DATA {{ <{activity}> prov:endedAtTime "{time}"^^<http://www.w3.org/2001/XMLSchema#dateTime> }}'))
        # hand-made extraction records in the default graph (no named graph holds them), of
        # documents before, inside and after the documents' namespace, one without a time
        ox.update(CKG + " ".join(
            f'INSERT DATA {{ <urn:x-act:{i}> a prov:Activity ; prov:used <{doc}> {time} . '
            f'<urn:x-graph:{i}> prov:wasGeneratedBy <urn:x-act:{i}> . }} ;'
            for i, (doc, time) in enumerate([
                ("http://example.org/doc/early", ""),
                ("urn:x-doc:late", '; prov:endedAtTime "2019-05-01T10:00:00Z"^^<http://www.w3.org/2001/XMLSchema#dateTime>'),
                (derived.DOCUMENT_NAMESPACE + "aaaa-hand", '; prov:endedAtTime "2031-01-02T03:04:05+05:00"^^<http://www.w3.org/2001/XMLSchema#dateTime>')])).rstrip(" ;"))
        for kind in derived.KINDS["documents"]:
            ox.update(f"DELETE WHERE {{ GRAPH ?g {{ ?s <{kind}> ?o }} }} ; DELETE WHERE {{ ?s <{kind}> ?o }}")
        assert derived.absent_kinds(ox) == ("documents",)
        n = derived.add_to_store(ox, only=derived.absent_kinds(ox))
        assert n["documents"] == len(activities) + 3 and n["months"] == 0
        assert derived.absent_kinds(ox) == () and not derived.missing(ox)
        yield opened


@pytest.mark.parametrize("params", [{}, {"since": "2019-05-01"}, {"since": "2019-05-02"}, {"since": "2031-01-01"},
                                    {"since": "2031-01-02"}, {"since": "2031-01-03"}])
def test_recent_documents_answers_as_before_after_kg_derive(retimed, queries, params) -> None:
    n = assert_same_answer(retimed, queries["recent-documents"], params, sizes=(1, 3, 7))
    if not params:
        times = {r[0] for r in retimed.query(CKG + "SELECT ?t WHERE { ?a prov:used ?d OPTIONAL { ?a prov:endedAtTime ?t } }").rows}
        assert n > 20 and len(times) == 6, times
        # the hand-made records are listed (their keys written in the default graph)
        documents = {r[1] for r in answer(retimed, paging.page_query(canned.bind(queries["recent-documents"], {}), paging.ALL), CONCATS)[1]}
        assert {"urn:x-doc:late", "http://example.org/doc/early", derived.DOCUMENT_NAMESPACE + "aaaa-hand"} <= documents


def test_documents_mentioning_answers_as_before_after_kg_derive(retimed, queries) -> None:
    for entity in _entities(retimed)[::15]:
        assert_same_answer(retimed, queries["documents-mentioning"], {"entity": entity}, sizes=(2,))
