"""Query round 12 (issue 14): ``events-in-period`` reads its period's reports from the month
nodes (``ckg:monthRank``, ``ckg:monthKey``: kg/graph/derived.py) instead of every report's
``ckg:dateRank``.

The new texts are compared with the round-11 texts, kept here verbatim, on a real built store
(the seed, tests/data/queries and tests/data/corpus, as ``kg build`` builds them): same columns,
rows and order, unpaged and page by page, and the same total from ``count_query``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.graph import derived
from kg.query import canned, paging
from kg.store.core import KGStore
from query_compare import same_answer

ROOT = Path(__file__).resolve().parents[1]
#: GROUP_CONCAT cells: their order is not defined, so they are compared as sets of parts.
CONCATS = {"actors": "; ", "places": "; ", "mentionedAs": "; "}
CKG = "PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>\n"

#: queries/events-in-period.rq as query round 11 left it.
EVENTS_IN_PERIOD_ROUND11 = r"""# title: Events in a date range
# description: Every event dated within a period, oldest first: its type, the actors with their roles, the places, the modality and the source sentence. An event dated only by month or year counts when that month or year overlaps the period; undated events are left out when a bound is given.
# param: from: date = "" -- earliest date, YYYY-MM-DD
# param: to: date = "" -- latest date, YYYY-MM-DD
# param: type: enum(attack|capture|deployment|meeting|statement|visit) = "" -- only events of this type
# param: modality: enum(asserted|planned|hypothetical|negated) = "" -- only events with this modality (asserted: reported as having happened)
PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>

# Speed: the dated events are filtered first (a sub-select), then the values the rows are
# grouped and filtered by are one-pattern OPTIONALs (looked up per row), in the sub-select marked
# "page:", where kg.query.paging cuts the page (docs/queries.md); the actors, places and the
# article's title are then looked up for the page's rows only, in two steps from the event, and
# the total counts the sub-select alone.
SELECT ?date ?eventType
       (GROUP_CONCAT(DISTINCT ?actorRole; separator="; ") AS ?actors)
       (GROUP_CONCAT(DISTINCT ?placeName; separator="; ") AS ?places)
       ?modality ?event ?evidence ?document (MIN(?docTitle) AS ?documentTitle)
WHERE {
  {
    # page: one row per event, with the values the rows are grouped by
    SELECT DISTINCT ?date ?eventType ?modality ?event ?evidence ?document WHERE {
      {
        # the period as one range of integers: each dated report's ckg:dateRank (kg/graph/derived.py;
        # a store built before it needs `kg derive`), ordered as the date's text is (a year
        # before its months, a month before its days), so a date is in the period when its
        # rank is from `from` to `to`, or it is the year or month `from` lies in; integers are
        # compared without reading a text, and the incidents (no rank) are not read at all. The
        # bounds are computed once, before the ranks are read (in the filter, for every rank: ~1.5
        # times the time); a bound not given is 0 or 10^9, beyond every rank
        SELECT ?event WHERE {
          BIND(COALESCE((YEAR(?from) * 13 + MONTH(?from)) * 32 + DAY(?from) + 1, 0) AS ?lo)
          BIND(COALESCE(YEAR(?from) * 416 + 1, 0) AS ?fromYear)
          BIND(COALESCE((YEAR(?from) * 13 + MONTH(?from)) * 32 + 1, 0) AS ?fromMonth)
          BIND(COALESCE((YEAR(?to) * 13 + MONTH(?to)) * 32 + DAY(?to) + 1, 1000000000) AS ?hi)
          ?event ckg:dateRank ?rank .
          FILTER((?rank >= ?lo || ?rank = ?fromYear || ?rank = ?fromMonth) && ?rank <= ?hi)
        }
      }
      ?event ckg:date ?date .
      OPTIONAL { ?event a ?class }
      FILTER(?class IN (ckg:Deployment, ckg:Attack, ckg:Capture, ckg:Meeting, ckg:Statement, ckg:Visit))
      BIND(LCASE(STRAFTER(STR(?class), "#")) AS ?eventType)
      FILTER(!BOUND(?type) || ?type = ?eventType)
      OPTIONAL { ?event ckg:modality ?modalityIri }
      # a bound ?modality parameter joins with this table: only its row is left
      VALUES (?modalityIri ?modality) {
        (ckg:Asserted "asserted") (ckg:Planned "planned") (ckg:Hypothetical "hypothetical") (ckg:Negated "negated")
      }
      OPTIONAL { ?event ckg:evidence ?evidenceNode . OPTIONAL { ?evidenceNode ckg:text ?evidence } }
      OPTIONAL { ?event ckg:reportedIn ?document }
    }
  }
  OPTIONAL { ?event ckg:reportedIn ?titled . OPTIONAL { ?titled dcterms:title ?docTitle } }
  OPTIONAL {
    ?event ?roleIri ?actor .
    FILTER(?roleIri IN (ckg:agent, ckg:force, ckg:perpetrator, ckg:target, ckg:captor, ckg:former,
                        ckg:supporter, ckg:participant, ckg:speaker, ckg:visitor))
    OPTIONAL { ?actor rdfs:label ?actorName }
  }
  BIND(CONCAT(?actorName, " (", IF(?roleIri = ckg:former, "former controller",
                                   STRAFTER(STR(?roleIri), "#")), ")") AS ?actorRole)
  OPTIONAL {
    ?event ?placeRoleIri ?placeIri .
    FILTER(?placeRoleIri IN (ckg:location, ckg:destination, ckg:place, ckg:origin))
    OPTIONAL { ?placeIri rdfs:label ?placeName }
  }
}
GROUP BY ?date ?eventType ?modality ?event ?evidence ?document
ORDER BY (STR(?date)) ?event
"""

BEFORE = {"events-in-period": EVENTS_IN_PERIOD_ROUND11}


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
    """The new text and the round-11 text: same columns, rows, order, pages and total."""
    return same_answer(store, query, BEFORE[query.name], params, CONCATS, sizes)


# ----------------------------------------------------------------------------- events-in-period

def test_events_in_period_reads_the_months(queries) -> None:
    text = queries["events-in-period"].sparql
    assert "?month ckg:monthKey ?key" in text and "?event ckg:rowKey ?key" in text
    assert "ckg:dateRank ?" not in text
    counted = paging.count_query(canned.bind(queries["events-in-period"], {"from": "2016-03-01"}))
    counted = counted[counted.index("SELECT (COUNT"):]
    assert "ckg:monthKey" in counted and "dcterms:title" not in counted and "rdfs:label" not in counted


def test_the_store_has_a_month_node_for_each_dated_report(store) -> None:
    dated = store.query(CKG + "SELECT ?e ?date WHERE { ?e ckg:evidence ?n ; ckg:date ?date }").rows
    assert len(dated) > 50
    for event, date in dated:
        month = derived.month_iri(str(date))
        key = derived.role_key(derived.SELF_CODE, str(date), str(event))
        assert store.query(CKG + f"ASK {{ <{month}> ckg:monthKey {key} ; ckg:monthRank {derived.month_rank(str(date))} . "
                           f"<{event}> ckg:rowKey {key} }}"), (event, date)
    # a year alone, a month alone and a day have month nodes of their own
    assert {str(r[0]) for r in store.query(CKG + "SELECT ?m WHERE { ?m ckg:monthRank ?r }").rows} >= {
        str(derived.month_iri(str(d))) for _, d in dated}


def _periods(store: KGStore) -> list[dict[str, str]]:
    """Periods around every date of the store's reports: the day alone, its month, the month
    before and after it, from the day on, up to the day, and from the first of its month to the
    last of the next (a year or month alone overlaps)."""
    dates = sorted({str(r[0]) for r in store.query(
        CKG + "SELECT DISTINCT ?date WHERE { ?e ckg:evidence ?n ; ckg:date ?date }").rows})
    out: list[dict[str, str]] = [{}]
    for date in dates:
        year, month, day = (date.split("-") + ["01", "01"])[:3]
        first = f"{year}-{month}-01"
        day_date = f"{year}-{month}-{day}"
        out += [{"from": day_date, "to": day_date}, {"from": day_date}, {"to": day_date},
                {"from": first, "to": f"{year}-{month}-28"},
                {"from": f"{year}-01-01", "to": f"{year}-12-31"},
                {"from": f"{int(year) - 1}-12-15", "to": f"{year}-{month}-02"}]
    return out


def test_events_in_period_answers_as_before_for_every_date(store, queries) -> None:
    periods = _periods(store)
    assert len(periods) > 60
    found = [assert_same_answer(store, queries["events-in-period"], p, sizes=(10,)) for p in periods[::5]]
    assert sum(1 for n in found if n) > len(found) // 2 and max(found) > 20, found


@pytest.mark.parametrize("params", [
    {}, {"from": "2016-01-01", "to": "2016-12-31"}, {"from": "2016-03-15"}, {"to": "2016-03-15"},
    {"from": "2017-01-01", "to": "2016-01-01"}, {"from": "1900-01-01", "to": "1900-12-31"},
    {"from": "2016-01-01", "type": "attack"}, {"from": "2015-06-01", "to": "2017-06-30", "type": "meeting"},
    {"from": "2016-01-01", "modality": "asserted"}, {"to": "2020-01-01", "modality": "planned"},
    {"from": "2016-01-01", "type": "statement", "modality": "negated"}])
def test_events_in_period_answers_as_before_with_filters(store, queries, params) -> None:
    assert_same_answer(store, queries["events-in-period"], params, sizes=(1, 7))
