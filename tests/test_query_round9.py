"""Query round 9 (issue 14): pages ordered by a short text key before an IRI, and a count that
leaves the key out (kg.query.paging ``# page order key:``).

``recent-documents`` orders its page's documents by a text key made from the IRI (Oxigraph holds
a text of up to 15 bytes in the term itself, so two keys compare without reading the
dictionary). The key must never contradict the IRIs' order, also for IRIs outside the
documents' namespace (before it, after it) and for IRIs whose key ties; these tests compare the
rewritten text with the round-8 text, kept here verbatim, on a store that has all of those.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest

from kg.graph import derived
from kg.models import DocumentMeta, Entity, Event, Evidence, Facts, Mention
from kg.query import canned, paging
from kg.query.paging import _without_order_keys
from kg.store.core import KGStore

ROOT = Path(__file__).resolve().parents[1]
NS = "https://w3id.org/conflict-kg/id/doc/"
PROV = "http://www.w3.org/ns/prov#"

#: queries/recent-documents.rq as query round 8 left it (the IRI compared at every step of the sort).
RECENT_ROUND8 = r"""# title: Recent additions
# description: Documents by the time they were extracted into the store.
# param: since: date = "" -- only documents extracted on or after this day (UTC), YYYY-MM-DD
PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>

SELECT ?extractedAt ?document (MIN(?docTitle) AS ?documentTitle) (MIN(?docPublisher) AS ?publisher)
       (MIN(?docIssued) AS ?published) (MIN(?agentName) AS ?extractor) (COUNT(DISTINCT ?event) AS ?events)
       ?graph
WHERE {
  {
    # page: one row per document, extraction time and graph
    SELECT DISTINCT ?extractedAt ?document ?graph WHERE {
      ?activity a prov:Activity ;
                prov:used ?document .
      OPTIONAL { ?activity prov:endedAtTime ?extractedAt }
      FILTER(!BOUND(?since) || (BOUND(?extractedAt) && STR(?extractedAt) >= STR(?since)))
      ?graph prov:wasGeneratedBy ?activity .
    }
  }
  OPTIONAL {
    ?graph prov:wasGeneratedBy ?activity .
    ?activity prov:used ?document ;
              prov:wasAssociatedWith/rdfs:label ?agentName .
  }
  OPTIONAL { ?document dcterms:title ?docTitle }
  OPTIONAL { ?document dcterms:publisher ?docPublisher }
  OPTIONAL { ?document dcterms:issued ?docIssued }
  OPTIONAL { ?event ckg:reportedIn ?document }
}
GROUP BY ?extractedAt ?document ?graph
ORDER BY DESC(COALESCE(STR(?extractedAt), "")) ?document
"""

#: queries/documents-mentioning.rq as query round 8 left it (mentions and events counted for every
#: article that names the entity, in two sub-selects).
DOCUMENTS_MENTIONING_ROUND8 = r"""# title: Documents mentioning an entity
# description: The articles that name an actor or place, newest first, with how often each names it, the words used and the number of events it takes part in there.
# param: entity: string -- the actor or place: name, alias or IRI; case does not matter
PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>

# Speed: the articles that name the entity are chosen, with their date, in the sub-select
# marked "page:", where kg.query.paging cuts the page (docs/queries.md), and the total counts
# those rows alone; the mentions and events are counted per article in two sub-selects that
# start from the entity (each read once and joined by article: looked up from each article of
# the page, through an OPTIONAL with two patterns or an EXISTS, they were read from the whole
# store), and the titles are looked up for the page's articles only.
SELECT ?published ?document (MIN(?docTitle) AS ?documentTitle) (MIN(?docPublisher) AS ?publisher)
       ?entityIri (MIN(?entityName) AS ?entityLabel)
       (MIN(?mentionCount) AS ?mentions) (MIN(?mentionWords) AS ?mentionedAs)
       (COALESCE(MIN(?eventCount), 0) AS ?events)
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
  OPTIONAL {
    # the entity's mentions and their words, counted per article (one pass, joined by article)
    SELECT ?entityIri ?document (COUNT(DISTINCT ?mention) AS ?mentionCount)
           (GROUP_CONCAT(DISTINCT ?mentionText; separator="; ") AS ?mentionWords) WHERE {
      {
        SELECT DISTINCT ?entityIri ?mention ?document WHERE {
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
          ?entityIri ckg:mention ?mention .
          ?mention ckg:inArticle ?document .
        }
      }
      OPTIONAL { ?mention ckg:text ?mentionText }
    }
    GROUP BY ?entityIri ?document
  }
  OPTIONAL {
    # the events it takes part in, counted per article (one pass, joined by article)
    SELECT ?entityIri ?document (COUNT(DISTINCT ?event) AS ?eventCount) WHERE {
      {
        SELECT DISTINCT ?entityIri ?event ?document WHERE {
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
          ?event ?role ?entityIri .
          ?event ckg:reportedIn ?document .
        }
      }
    }
    GROUP BY ?entityIri ?document
  }
  OPTIONAL { ?entityIri rdfs:label ?entityName }
  OPTIONAL { ?document dcterms:title ?docTitle }
  OPTIONAL { ?document dcterms:publisher ?docPublisher }
}
GROUP BY ?published ?document ?entityIri
ORDER BY DESC(COALESCE(STR(?published), "")) ?document ?entityIri
"""

#: Document ids of the mapping's namespace: several share their first 12 characters (the key
#: ties and the IRI decides), one has a character outside ASCII, one is shorter than the key.
DOC_IDS = ["aaaa-bbbb-cccc-2", "aaaa-bbbb-cccc-10", "aaaa-bbbb-cccc-1", "zulu-report", "mid",
           "m\u00e9lange-of-reports", "0-first", "aaaa-bbbb-ccca-9"]
#: Documents outside it: before it ("http:" < "https:"), after it ("urn:" > "https:"), and one
#: that shares its start but is not in it.
OUTSIDE = ["http://example.org/doc/early", "urn:x-doc:late", "https://w3id.org/conflict-kg/id/docs/near",
           "https://w3id.org/conflict-kg/id/do"]


def _facts(doc_id: str, i: int) -> Facts:
    sentence = f"Fighters of the Grey Lantern Brigade attacked Ostwick Village {i}."
    title = f"Report {i} on Ostwick"
    text = f"{title}\n\n{sentence}"
    at = text.index(sentence)

    def mention(needle: str) -> Mention:
        start = text.index(needle, at)
        return Mention(start, start + len(needle), needle, 1)

    group, place = "Grey Lantern Brigade", f"Ostwick Village {i}"
    return Facts(
        document=DocumentMeta(id=doc_id, title=title, publisher="Invented Wire", published="2024-05-0" + str(1 + i % 9)),
        entities=[Entity(id="E1", type="ArmedGroup", name=group, mentions=[mention(group)]),
                  Entity(id="E2", type="Location", name=place, mentions=[mention(place)])],
        events=[Event(id="V1", type="Attack", trigger=mention("attacked"),
                      evidence=Evidence(text=sentence, start=at, end=at + len(sentence), sentence=1),
                      roles={"perpetrator": ["E1"], "location": ["E2"]})],
        extractor="invented-extractor 1.0", text=text)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KGStore]:
    """Mapped documents extracted at two times (and the same time within each build), plus
    hand-made extraction records of documents outside the namespace, one without a time."""
    from kg.graph.mapping import facts_to_graph

    path = tmp_path_factory.mktemp("round9") / "store"
    first = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)
    second = datetime(2026, 3, 2, 8, 30, tzinfo=timezone.utc)
    with KGStore.open(path) as built:
        for i, doc_id in enumerate(DOC_IDS):
            graph_iri, graph = facts_to_graph(_facts(doc_id, i), generated_at=first if i % 3 else second)
            built.replace_graph(graph_iri, graph)
        updates = []
        for i, doc in enumerate(OUTSIDE):
            time = "" if i == 0 else f'; <{PROV}endedAtTime> "2026-03-0{1 + i % 2}T12:00:00+00:00"^^<http://www.w3.org/2001/XMLSchema#dateTime>'
            updates.append(f"<urn:x-act:{i}> a <{PROV}Activity> ; <{PROV}used> <{doc}> {time} . "
                           f"<urn:x-graph:{i}> <{PROV}wasGeneratedBy> <urn:x-act:{i}> . "
                           f'<{doc}> <http://purl.org/dc/terms/title> "Hand-made record {i}" .')
        built.ox_store.update("INSERT DATA { " + " ".join(updates) + " }")
        # the hand-made records get their document keys as `kg derive` writes them (query round
        # 13: recent-documents reads its rows from them; a record without keys is not listed)
        derived.add_to_store(built.ox_store, only=("documents",))
    with KGStore.open(path, read_only=True) as opened:
        yield opened


@pytest.fixture(scope="module")
def queries() -> dict[str, canned.CannedQuery]:
    return canned.load_queries(ROOT / "queries")


def _answer(store: KGStore, text: str) -> tuple[list[str], list[tuple]]:
    result = store.query(text)
    return [str(v) for v in result.vars], [tuple("" if c is None else str(c) for c in row)
                                           for row in result.rows]


def _assert_same(store: KGStore, query: canned.CannedQuery, before: str, params: dict[str, str]) -> list:
    reference = canned.parse_query(before, query.name)
    old_vars, expected = _answer(store, paging.page_query(canned.bind(reference, params), paging.ALL))
    text = canned.bind(query, params)
    new_vars, whole = _answer(store, paging.page_query(text, paging.ALL))
    assert new_vars == old_vars
    assert whole == expected
    for size in (1, 3, 5):
        pages: list[tuple] = []
        for offset in range(0, len(expected) + size, size):
            pages += _answer(store, paging.page_query(text, paging.Page(size, offset)))[1]
        assert pages == expected
    counted = store.query(paging.count_query(text)).rows
    assert int(counted[0][0]) == len(expected)
    return expected


@pytest.mark.parametrize("params", [{}, {"since": "2026-03-02"}, {"since": "2026-03-01"}, {"since": "2999-01-01"}])
def test_recent_documents_answer_as_round_8(store, queries, params) -> None:
    rows = _assert_same(store, queries["recent-documents"], RECENT_ROUND8, params)
    if not params:
        documents = [row[1] for row in rows]
        assert len(documents) == len(DOC_IDS) + len(OUTSIDE)
        # within one extraction time the documents come in the IRIs' order, whatever their keys
        times = [row[0] for row in rows]
        for time in set(times):
            same = [d for d, t in zip(documents, times) if t == time]
            assert same == sorted(same)
        assert max(times.count(t) for t in set(times)) >= 5
        assert NS + "aaaa-bbbb-cccc-1" in documents and "urn:x-doc:late" in documents


def test_the_count_leaves_the_order_key_out(queries) -> None:
    text = canned.bind(queries["recent-documents"], {})
    assert "?documentKey" in paging.page_query(text, paging.Page(10, 0))
    counted = paging.count_query(text)
    assert "?documentKey" not in counted and "SUBSTR" not in counted
    assert "ckg:documentKey ?key" in counted  # query round 13: the count counts the keys alone


SUB = """SELECT DISTINCT ?a ?b ?bKey WHERE {
  ?a <urn:p> ?b .
  # page order key: the first letters
  BIND(SUBSTR(STR(?b), 1, 3) AS ?bKey)
}"""


def test_an_order_key_is_left_out_of_the_sub_select() -> None:
    kept = _without_order_keys(SUB)
    assert "?bKey" not in kept and "BIND" not in kept
    assert kept.startswith("SELECT DISTINCT ?a ?b") and "?a <urn:p> ?b ." in kept


@pytest.mark.parametrize("text", [
    SUB.replace("?a <urn:p> ?b .", "?a <urn:p> ?b . FILTER(?bKey != \"x\")"),   # read elsewhere
    SUB.replace("?a ?b ?bKey", "?a ?b"),                                        # not projected
    SUB.replace("BIND(SUBSTR(STR(?b), 1, 3) AS ?bKey)", "?b <urn:q> ?bKey ."),  # no BIND after the mark
    SUB.replace("# page order key: the first letters", '?a <urn:r> "# page order key: x" .'),  # not a comment
])
def test_a_sub_select_that_breaks_the_contract_is_counted_whole(text) -> None:
    assert _without_order_keys(text) == text


def test_a_counted_sub_select_without_its_key_counts_the_same(store) -> None:
    """The page's sub-select of recent-documents, counted with and without its key."""
    query = canned.load_queries(ROOT / "queries")["recent-documents"]
    text = canned.bind(query, {})
    with_key = text.replace("# page order key:", "# (kept)")
    # query round 13: the count is the "# page count:" sub-select's, which has no order key
    assert paging.count_query(with_key) == paging.count_query(text)
    assert "SUBSTR" not in paging.count_query(with_key)
    total = store.query(paging.count_query(text)).rows[0][0]
    assert str(total) == str(store.query(paging.count_query(with_key)).rows[0][0])
    assert int(str(total)) == len(DOC_IDS) + len(OUTSIDE)


@pytest.mark.parametrize(("entity", "articles"), [
    ("Grey Lantern Brigade", len(DOC_IDS)), ("grey lantern brigade", len(DOC_IDS)),
    ("Ostwick Village 3", 1), ("https://w3id.org/conflict-kg/id/nobody", 0), ("Atlantis", 0),
])
def test_documents_mentioning_answers_as_round_8(store, queries, entity, articles) -> None:
    """Mentions and events counted for the page's articles only give the counts and words the
    per-entity sub-selects gave, page by page."""
    rows = _assert_same(store, queries["documents-mentioning"], DOCUMENTS_MENTIONING_ROUND8,
                        {"entity": entity})
    assert len(rows) == articles
    for row in rows:
        assert row[6] == "1" and row[8] == "1"  # one mention of it, one attack it takes part in
