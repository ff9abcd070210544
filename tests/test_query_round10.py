"""Query round 10 (issue 14): the look-ups of one actor or subject read their rows from derived
keys, one per row (``ckg:roleKey`` on the actor, ``ckg:rowKey`` on the report:
kg/graph/derived.py), and count the keys alone (kg.query.paging ``# page count:``).

``actor-profile``, ``statements-by`` and ``evidence`` are compared with their round-9 texts, kept
here verbatim, on a real built store (the seed, tests/data/queries and tests/data/corpus, as
``kg build`` builds them): same columns, rows and order, unpaged and page by page (pages of 1, 3
and 7, so that a page's end falls inside a date shared by several rows), and the same total from
``count_query`` for every actor, place, quantity and report of the store and the named
parameter sets. A store without the keys (built before them) finds nothing in these queries:
``kg query`` says so (``derived.absent``) and ``kg derive`` writes them.
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
CONCATS = {"places": "; ", "coParticipants": "; ", "aboutLabels": "; "}
CKG = "PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>\n"

#: queries/actor-profile.rq as query round 9 left it.
ACTOR_PROFILE_ROUND9 = r"""# title: Actor profile
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
SELECT ?actorIri (MIN(?actorName) AS ?actorLabel) ?role ?eventType ?date (MIN(?modalityName) AS ?modality)
       (GROUP_CONCAT(DISTINCT ?placeName; separator="; ") AS ?places)
       (GROUP_CONCAT(DISTINCT ?coParticipant; separator="; ") AS ?coParticipants)
       ?event (MIN(?evidenceText) AS ?evidence) (MIN(?article) AS ?document) (MIN(?docTitle) AS ?documentTitle)
WHERE {
  {
    # page: one row per event and role of the actor, with the values the rows are grouped and
    # ordered by
    SELECT DISTINCT ?actorIri ?role ?eventType ?date ?event WHERE {
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
      OPTIONAL { ?event ckg:date ?date }
    }
  }
  # a report has one modality, one evidence sentence and one article (ontology/shapes.ttl), so
  # these are looked up for the page's rows only, each a MIN of one
  OPTIONAL { ?event ckg:modality ?modalityIri }
  BIND(LCASE(STRAFTER(STR(?modalityIri), "#")) AS ?modalityName)
  OPTIONAL { ?event ckg:evidence ?evidenceNode . OPTIONAL { ?evidenceNode ckg:text ?evidenceText } }
  OPTIONAL { ?event ckg:reportedIn ?article . OPTIONAL { ?article dcterms:title ?docTitle } }
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
GROUP BY ?actorIri ?role ?eventType ?date ?event
ORDER BY (COALESCE(STR(?date), "")) ?event ?role ?actorIri
"""

#: queries/statements-by.rq as query round 9 left it.
STATEMENTS_BY_ROUND9 = r"""# title: Statements by an actor
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
SELECT ?date ?speaker (MIN(?speakerName) AS ?speakerLabel) (MIN(?quoteText) AS ?quote)
       (GROUP_CONCAT(DISTINCT ?aboutName; separator="; ") AS ?aboutLabels)
       (MIN(?modalityName) AS ?modality) ?event (MIN(?evidenceText) AS ?evidence)
       (MIN(?article) AS ?document) (MIN(?docTitle) AS ?documentTitle)
WHERE {
  {
    # page: one row per statement and speaker, with the date the rows are ordered by
    SELECT DISTINCT ?date ?speaker ?event WHERE {
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
    }
  }
  # a report has one modality, one evidence sentence, one article and one quote at most
  # (ontology/shapes.ttl), so these are looked up for the page's rows only, each a MIN of one
  OPTIONAL { ?event ckg:modality ?modalityIri }
  BIND(LCASE(STRAFTER(STR(?modalityIri), "#")) AS ?modalityName)
  OPTIONAL { ?event ckg:evidence ?evidenceNode . OPTIONAL { ?evidenceNode ckg:text ?evidenceText } }
  OPTIONAL { ?event ckg:quote ?quoteText }
  OPTIONAL { ?event ckg:reportedIn ?article . OPTIONAL { ?article dcterms:title ?docTitle } }
  OPTIONAL { ?speaker rdfs:label ?speakerName }
  OPTIONAL { ?event ckg:about ?topic . OPTIONAL { ?topic rdfs:label ?aboutName } }
}
GROUP BY ?date ?speaker ?event
ORDER BY (COALESCE(STR(?date), "")) ?event ?speaker
"""

#: queries/evidence.rq as query round 9 left it.
EVIDENCE_ROUND9 = r"""# title: Evidence behind a fact
# description: The sentence each fact was extracted from, with its character offsets and sentence number in the article, the trigger word and the source document. Give an event IRI (one row: the event itself) or an actor, place or quantity IRI (one row per event it takes part in, with its role).
# param: subject: iri -- an event, actor, place or quantity IRI, e.g. ckgd:person/ash-carter
PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX schema: <https://schema.org/>

SELECT ?subject ?role ?event ?eventType ?date ?modality (MIN(?evidenceText) AS ?evidence)
       (MIN(?sentenceIndex) AS ?sentence) ?start (MIN(?endOffset) AS ?end) (MIN(?triggerText) AS ?trigger)
       ?document (MIN(?docTitle) AS ?documentTitle) (MIN(?docPublisher) AS ?publisher)
       (MIN(?docIssued) AS ?published) (MIN(?docUrl) AS ?url)
WHERE {
  {
    # page: one row per event and role of the subject, with the values the rows are grouped and
    # ordered by (kg.query.paging cuts the page here, docs/queries.md; the sentence, its number
    # and end, the trigger and the article's title, publisher, date and address are looked up
    # for the page's rows only, and the total counts these rows)
    SELECT DISTINCT ?subject ?role ?event ?eventType ?date ?modality ?start ?document WHERE {
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
      ?evidenceNode ckg:startOffset ?start .
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
      OPTIONAL { ?event ckg:date ?date }
    }
  }
  # an event has one evidence sentence, with one text, number and end, and one trigger
  # (ontology/shapes.ttl), so these are looked up for the page's rows only, each a MIN of one;
  # the trigger's text in two one-pattern steps from the event (one OPTIONAL with the path
  # ckg:trigger/ckg:text read every trigger of the store: 0.4 s at 3M triples)
  OPTIONAL { ?event ckg:evidence ?evidenceSeen .
             OPTIONAL { ?evidenceSeen ckg:text ?evidenceText }
             OPTIONAL { ?evidenceSeen ckg:sentenceIndex ?sentenceIndex }
             OPTIONAL { ?evidenceSeen ckg:endOffset ?endOffset } }
  OPTIONAL { ?event ckg:trigger ?triggerNode . OPTIONAL { ?triggerNode ckg:text ?triggerText } }
  OPTIONAL { ?document dcterms:title ?docTitle }
  OPTIONAL { ?document dcterms:publisher ?docPublisher }
  OPTIONAL { ?document dcterms:issued ?docIssued }
  OPTIONAL { ?document schema:url ?docUrl }
}
GROUP BY ?subject ?role ?event ?eventType ?date ?modality ?start ?document
ORDER BY (COALESCE(STR(?date), "")) ?document ?start ?event ?role
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
def queries() -> dict[str, canned.CannedQuery]:
    return canned.load_queries(ROOT / "queries")


def assert_same_answer(store: KGStore, query: canned.CannedQuery, before: str, params: dict[str, str],
                       sizes: tuple[int, ...] = (3,)) -> int:
    """The new text and the round-9 text: same columns, rows, order, pages and total."""
    return same_answer(store, query, before, params, CONCATS, sizes)


def _role_fillers(store: KGStore) -> list[str]:
    """Every actor, place and quantity that fills a role of a report, by IRI."""
    return [str(r[0]) for r in store.query(
        CKG + "SELECT DISTINCT ?s WHERE { ?e ckg:evidence ?n ; ?p ?s . FILTER(?p IN (ckg:agent, ckg:force, "
        "ckg:perpetrator, ckg:target, ckg:location, ckg:captor, ckg:place, ckg:former, ckg:supporter, "
        "ckg:participant, ckg:speaker, ckg:about, ckg:visitor, ckg:quantity, ckg:destination, ckg:origin)) } "
        "ORDER BY ?s").rows]


def test_the_store_has_a_role_key_per_report_and_role(store) -> None:
    fillers = store.query(CKG + "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?e ?p ?s WHERE { ?e ckg:evidence ?x ; ?p ?s . "
                          "FILTER(?p IN (ckg:agent, ckg:force, ckg:perpetrator, ckg:target, ckg:location, ckg:captor, "
                          "ckg:place, ckg:former, ckg:supporter, ckg:participant, ckg:speaker, ckg:about, ckg:visitor, "
                          "ckg:destination, ckg:origin)) } }").rows
    keys = store.query(CKG + "SELECT (COUNT(*) AS ?n) WHERE { ?s ckg:roleKey ?k . FILTER(?k < 8646911284551352320) }").rows
    assert int(fillers[0][0]) == int(keys[0][0]) > 500
    # and one of code 15 on each report and on each of its quantities
    own = store.query(CKG + "SELECT (COUNT(*) AS ?n) WHERE { ?s ckg:roleKey ?k . FILTER(?k >= 8646911284551352320) }").rows
    reports = store.query(CKG + "SELECT (COUNT(*) AS ?n) WHERE { { ?s ckg:evidence ?x } UNION { ?e ckg:evidence ?x ; ckg:quantity ?s } }").rows
    assert int(own[0][0]) == int(reports[0][0])


@pytest.mark.parametrize(("name", "before", "param"), [
    ("actor-profile", ACTOR_PROFILE_ROUND9, "actor"),
    ("statements-by", STATEMENTS_BY_ROUND9, "actor"),
])
def test_every_actor_is_answered_as_before(store, queries, name, before, param) -> None:
    """Every named thing of the store that takes part in a report, by IRI, and names in any case."""
    iris = [str(r[0]) for r in store.query(
        CKG + "SELECT DISTINCT ?x WHERE { ?x ckg:nameKey ?k . ?e ?r ?x . ?e ckg:evidence ?n } ORDER BY ?x").rows]
    assert len(iris) > 100
    # Every third, and the five that take part in most reports: which actors have several rows
    # moves with the extraction rules, so the sample must not leave the busy ones to chance.
    busiest = [str(r[0]) for r in store.query(
        CKG + "SELECT ?x (COUNT(DISTINCT ?e) AS ?n) WHERE { ?x ckg:nameKey ?k . ?e ?r ?x . ?e ckg:evidence ?v } "
        "GROUP BY ?x ORDER BY DESC(?n) ?x LIMIT 5").rows]
    sample = sorted(set(iris[::3]) | set(busiest))
    found = [assert_same_answer(store, queries[name], before, {param: iri}, sizes=(5,)) for iri in sample]
    assert sum(1 for n in found if n > 3) >= 2, found
    for value in ["Ash Carter", "ash carter", "ISLAMIC STATE", "Iraqi forces", "Atlantis",
                  "https://w3id.org/conflict-kg/id/person/nobody", "x\" } UNION { ?s ?p ?o } #"]:
        assert_same_answer(store, queries[name], before, {param: value}, sizes=(1, 3, 7))


def test_statements_by_answers_as_before_for_its_filters(store, queries) -> None:
    found = [assert_same_answer(store, queries["statements-by"], STATEMENTS_BY_ROUND9, params, sizes=(1, 7))
             for params in [{}, {"about": "Islamic State"}, {"about": "iraq"},
                            {"from": "2016-01-01", "to": "2016-12-31"},
                            {"actor": "Ash Carter", "from": "2016-04-01"}, {"actor": "Ash Carter", "to": "2016-07-10"},
                            {"to": "2015-01-01"}, {"from": "2016-07-11"}, {"from": "2016-07-12"},
                            {"from": "2021-02-14"}, {"from": "2021-02-01", "to": "2021-02-14"},
                            {"from": "2021-03-01", "to": "2021-01-01"}, {"actor": "ash carter", "about": "iraq"}]]
    assert sum(1 for n in found if n) >= 8, found


def test_evidence_answers_as_before_for_every_filler_and_some_events(store, queries) -> None:
    subjects = _role_fillers(store)
    assert len(subjects) > 300 and any("/quantity/" in s for s in subjects[::4])
    events = [str(r[0]) for r in store.query(CKG + "SELECT ?e WHERE { ?e ckg:evidence ?n } ORDER BY ?e").rows]
    incidents = [str(r[0]) for r in store.query(CKG + "SELECT ?e WHERE { ?e a ckg:Incident } ORDER BY ?e LIMIT 5").rows]
    subjects = subjects[::4]
    found = [assert_same_answer(store, queries["evidence"], EVIDENCE_ROUND9, {"subject": s}, sizes=(5,))
             for s in subjects + events[::25] + incidents + ["https://w3id.org/conflict-kg/id/person/nobody"]]
    assert all(found[:len(subjects)]) and not found[-1]
    assert found[len(subjects):len(subjects) + len(events[::25])] == [1] * len(events[::25])
    # the largest subjects with more than one page of 7, page by page in pages of 1 and 7 too (which
    # subjects they are follows the extractor's output, so they are chosen by size, not by name)
    by_size = sorted(subjects, key=lambda s: -found[subjects.index(s)])
    largest = [s for s in by_size if found[subjects.index(s)] > 7][:3]
    assert len(largest) >= 2, [found[subjects.index(s)] for s in by_size[:3]]
    for s in largest:
        assert assert_same_answer(store, queries["evidence"], EVIDENCE_ROUND9, {"subject": s}, sizes=(1, 7)) > 7


# ----------------------------------------------------------------------------- the count's mark

@pytest.mark.parametrize(("name", "params"), [
    ("actor-profile", {"actor": "Ash Carter"}), ("statements-by", {"actor": "Ash Carter"}),
    ("evidence", {"subject": "https://w3id.org/conflict-kg/id/person/ash-carter"})])
def test_the_count_counts_the_marked_keys_alone(queries, name, params) -> None:
    """The count reads the rows' keys (and, but for evidence, their reports), not their dates,
    classes or names."""
    counted = paging.count_query(canned.bind(queries[name], params))
    counted = counted[counted.index("SELECT (COUNT"):]  # the body (the prologue's comments name anything)
    assert "# page count:" not in counted and "# page keys:" not in counted  # the marked sub-select's body
    assert "ckg:roleKey" in counted and "ckg:date" not in counted and "dcterms:title" not in counted
    assert ("?event ckg:rowKey" in counted) == (name != "evidence")  # evidence counts the keys alone
    assert "GROUP_CONCAT" not in counted and "LIMIT" not in counted


def test_a_count_mark_outside_the_page_or_in_a_string_is_not_used() -> None:
    text = ("PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>\n"
            "SELECT ?e (MIN(?l) AS ?label) WHERE {\n  {\n    # page: the rows\n    SELECT ?e WHERE {\n"
            "      {\n        # page count: the keys\n        SELECT ?k WHERE { ?x ckg:roleKey ?k }\n      }\n"
            "      ?e ckg:rowKey ?k .\n    }\n  }\n  OPTIONAL { ?e <x:l> ?l }\n}\nGROUP BY ?e\nORDER BY ?e")
    counted = paging.count_query(text)
    assert "ckg:rowKey" not in counted and "ckg:roleKey" in counted
    # the same text without the page mark: the whole query is counted
    whole = paging.count_query(text.replace("# page: the rows", "# the rows"))
    assert "ckg:rowKey" in whole and "<x:l>" in whole
    # a "mark" inside a string is no mark
    quoted = text.replace("# page count: the keys\n", "").replace("?x ckg:roleKey ?k", '?x ckg:roleKey ?k . ?x ?p """\n# page count: no\n"""')
    assert "ckg:rowKey" in paging.count_query(quoted)


# ----------------------------------------------------------------------------- an older store

def test_a_store_without_the_row_keys_is_told_and_derived(built: Path, tmp_path: Path, queries) -> None:
    path = tmp_path / "old"
    shutil.copytree(built, path)
    params = {"actor": "Ash Carter"}
    with KGStore.open(path) as old:
        before = answer(old, paging.page_query(canned.bind(queries["actor-profile"], params), paging.ALL), CONCATS)[1]
        assert len(before) > 3
        old.ox_store.update(CKG + "DELETE WHERE { GRAPH ?g { ?e ckg:rowKey ?k } } ; DELETE WHERE { ?e ckg:rowKey ?k } ;"
                            "DELETE WHERE { GRAPH ?g { ?e ckg:roleKey ?k } } ; DELETE WHERE { ?e ckg:roleKey ?k }")
        assert derived.absent(old.ox_store) and derived.missing(old.ox_store)
        assert not old.query(paging.page_query(canned.bind(queries["actor-profile"], params), paging.ALL)).rows
        written = derived.add_to_store(old.ox_store)
        assert written["row_keys"] > 900 and written["role_keys"] > 1500
        assert not derived.absent(old.ox_store) and not derived.missing(old.ox_store)
        assert answer(old, paging.page_query(canned.bind(queries["actor-profile"], params), paging.ALL), CONCATS)[1] == before
