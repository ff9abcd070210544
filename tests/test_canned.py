"""Canned .rq queries: header parsing, typed parameters, and binding that cannot alter a query."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

import pytest
import rdflib
from rdflib import RDF, RDFS, Literal, Namespace

from kg.query.canned import (
    CannedQuery,
    CannedQueryError,
    Param,
    bind,
    load_queries,
    parse_query,
)
from kg.store.core import KGStore, graph_iri_for
from kg.store.sparql import query_form

CKG = Namespace("https://w3id.org/conflict-kg/ontology#")
ID = Namespace("https://w3id.org/conflict-kg/id/")
REPO_QUERIES = Path(__file__).resolve().parents[1] / "queries"
EVIL = 'x" } ; DROP ALL ; #'

DEPLOYMENTS = '''# title: Deployments
# description: Who deployed how many troops where and when.
# description: (a second description line is appended; WHERE { in a comment is ignored)
# param: country: string = "" -- optional country label to filter on
# param: min: integer = 0 -- fewest troops to show
# param: since: date = "" -- earliest date
PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?ev ?troops ?place WHERE {
  ?ev a ckg:Deployment ; ckg:troops ?troops ; ckg:destination ?p .
  ?p rdfs:label ?place .
  OPTIONAL { ?ev ckg:date ?date }
  FILTER(?troops >= ?min)
  FILTER(!BOUND(?country) || STR(?place) = ?country)
  FILTER(!BOUND(?since) || ?date >= ?since)
} ORDER BY ?ev
'''


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / f"{name}.rq"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def queries(tmp_path: Path) -> dict[str, CannedQuery]:
    write(tmp_path, "deployments", DEPLOYMENTS)
    write(tmp_path, "about", """# title: About an entity
# param: entity: iri -- the entity (required)
# param: strict: boolean = true -- unused flag
ASK { ?entity ?p ?o FILTER(?strict) }
""")
    write(tmp_path, "ratio", """# param: r: decimal = 0.5
SELECT ?x WHERE { VALUES ?x { 1 } FILTER(?x > ?r) }
""")
    return load_queries(tmp_path)


@pytest.fixture
def store() -> Iterator[KGStore]:
    s = KGStore.open(None)
    places = {"iraq": "Iraq", "syria": "Syria", "evil": EVIL, "brace": '"}'}
    for n, (key, name) in enumerate(places.items()):
        ev, place = ID[f"event/{n}"], ID[f"place/{key}"]
        s.replace_graph(graph_iri_for(f"d{n}"), [
            (ev, RDF.type, CKG.Deployment), (ev, CKG.troops, Literal(100 * (n + 1))),
            (ev, CKG.destination, place), (place, RDFS.label, Literal(name)),
            (ev, CKG.date, Literal(f"2016-0{n + 1}-15", datatype=rdflib.XSD.date)),
        ])
    yield s
    s.close()


def run(store: KGStore, query: CannedQuery, **values: str) -> list[list]:
    return store.query(bind(query, values)).rows


def test_header_is_parsed(queries: dict[str, CannedQuery], tmp_path: Path) -> None:
    assert list(queries) == ["about", "deployments", "ratio"]
    q = queries["deployments"]
    assert q.name == "deployments" and q.path == tmp_path / "deployments.rq"
    assert q.title == "Deployments"
    assert q.description.startswith("Who deployed how many troops where and when. (a second")
    assert q.params == [Param("country", "string", "", "optional country label to filter on"),
                        Param("min", "integer", "0", "fewest troops to show"),
                        Param("since", "date", "", "earliest date")]
    assert q.sparql.startswith("# title: Deployments")
    assert queries["about"].param("entity").required
    assert queries["ratio"].title == "ratio"  # no title: the file name


def test_defaults_and_unbound(store: KGStore, queries: dict[str, CannedQuery]) -> None:
    q = queries["deployments"]
    assert "VALUES ?country" not in bind(q, {})
    assert "VALUES ?min" in bind(q, {})  # default 0 is a real value
    assert len(run(store, q)) == 4
    assert [r[1].toPython() for r in run(store, q, min="250")] == [300, 400]
    assert [str(r[2]) for r in run(store, q, country="Syria")] == ["Syria"]
    assert [str(r[2]) for r in run(store, q, since="2016-03-01")] == [EVIL, '"}']
    assert len(run(store, q, country="")) == 4  # "" means unbound


@pytest.mark.parametrize("value", [EVIL, '"}', "'}", "x\\\" } ; DROP ALL #", "a\nb } }"])
def test_hostile_values_stay_data(store: KGStore, queries: dict[str, CannedQuery],
                                  value: str) -> None:
    q = queries["deployments"]
    text = bind(q, {"country": value})
    assert query_form(text) == "SELECT"
    assert text.count("VALUES ?country") == 1
    before = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows
    rows = store.query(text).rows
    expected = [[Literal(value)]] if value in (EVIL, '"}') else []
    assert [[r[2]] for r in rows] == expected  # matched as a literal, nothing else changed
    assert store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows == before


def test_values_block_goes_after_the_first_where(queries: dict[str, CannedQuery]) -> None:
    text = bind(queries["deployments"], {"country": "Iraq", "min": "5"})
    head, _, body = text.partition("SELECT ?ev ?troops ?place WHERE {\n")
    assert "VALUES" not in head
    assert body.startswith('  VALUES ?country { "Iraq" }\n  VALUES ?min { '
                           '"5"^^<http://www.w3.org/2001/XMLSchema#integer> }\n')


def test_bad_values_are_reported(queries: dict[str, CannedQuery]) -> None:
    q = queries["deployments"]
    with pytest.raises(CannedQueryError, match=r"parameter 'min' must be an integer, got 'x'"):
        bind(q, {"min": "x"})
    with pytest.raises(CannedQueryError, match=r"parameter 'min' must be an integer, got '1\.5'"):
        bind(q, {"min": "1.5"})
    with pytest.raises(CannedQueryError, match="parameter 'since' must be a date as YYYY-MM-DD"):
        bind(q, {"since": "20 Oct 2016"})
    with pytest.raises(CannedQueryError,
                       match=r"no parameter 'nation' \(known parameters: country, min, since\)"):
        bind(q, {"nation": "Iraq"})
    with pytest.raises(CannedQueryError, match="must be a decimal"):
        bind(queries["ratio"], {"r": "1e3"})


def test_iri_boolean_decimal(store: KGStore, queries: dict[str, CannedQuery]) -> None:
    about = queries["about"]
    with pytest.raises(CannedQueryError, match="needs a value for parameter 'entity'"):
        bind(about, {})
    assert store.query(bind(about, {"entity": "ckgd:place/iraq"})).boolean is True
    assert store.query(bind(about, {"entity": f"<{ID['place/iraq']}>"})).boolean is True
    assert store.query(bind(about, {"entity": str(ID["place/nowhere"])})).boolean is False
    assert store.query(bind(about, {"entity": "ckgd:place/iraq", "strict": "no"})).boolean is False
    for bad in ["not an iri", "nope:x y", '<x> } ; DROP ALL']:
        with pytest.raises(CannedQueryError, match="parameter 'entity' must be an absolute IRI"):
            bind(about, {"entity": bad})
    with pytest.raises(CannedQueryError, match="parameter 'strict' must be a boolean"):
        bind(about, {"entity": "ckgd:x", "strict": "maybe"})
    ratio = queries["ratio"]
    assert store.query(bind(ratio, {})).rows == [[Literal(1)]]
    assert store.query(bind(ratio, {"r": "2.5"})).rows == []


@pytest.mark.parametrize("text, message", [
    ("# param: n: number = 1\nSELECT ?n WHERE { }", "unknown type 'number'"),
    ("# param: n integer\nSELECT ?n WHERE { }", "bad param line"),
    ("# param: n: integer = x\nSELECT ?n WHERE { }", "parameter 'n' must be an integer"),
    ("# param: n: integer = 1\nSELECT ?m WHERE { }", "'n' is not used as ?n"),
    ("# param: n: integer = 1\n# param: n: integer = 2\nSELECT ?n WHERE { }", "declared twice"),
    ("# param: n: integer = 1\nCONSTRUCT { ?n ?n ?n } FROM <urn:x>", "no 'WHERE {'"),
])
def test_bad_files_are_reported(tmp_path: Path, text: str, message: str) -> None:
    write(tmp_path, "broken", text)
    with pytest.raises(CannedQueryError, match=re.escape(message)) as info:
        load_queries(tmp_path)
    assert "broken.rq" in str(info.value)


def test_directory_errors(tmp_path: Path) -> None:
    assert load_queries(tmp_path) == {}
    with pytest.raises(CannedQueryError, match="no query directory"):
        load_queries(tmp_path / "missing")


def test_ask_without_where_keyword(store: KGStore) -> None:
    q = parse_query('# param: name: string = ""\nASK { ?p rdfs:label ?name }', "has_label")
    assert store.query(bind(q, {"name": "Iraq"})).boolean is True
    assert store.query(bind(q, {"name": "Narnia"})).boolean is False


@pytest.mark.skipif(not any(REPO_QUERIES.glob("*.rq")), reason="no queries/*.rq in the repo yet")
def test_repository_queries_parse_and_run() -> None:
    with KGStore.open(None) as s:
        for q in load_queries(REPO_QUERIES).values():
            defaults = {p.name: "" for p in q.params if not p.required}
            if any(p.required for p in q.params):
                continue
            s.query(bind(q, defaults))


# ----------------------------------------------------------------------------- enum, required, sub-selects

ENUMS = '''# title: Events of a kind
# param: kind: enum(Deployment|Attack) = "" -- only this class
# param: place: string -- the place label (required)
PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?ev ?label ?n WHERE {
  ?ev ckg:destination ?p ; a ?class .
  ?p rdfs:label ?label .
  FILTER(STR(?label) = ?place)
  FILTER(!BOUND(?kind) || STRAFTER(STR(?class), "#") = ?kind)
  { SELECT (COUNT(*) AS ?n) WHERE { ?x rdfs:label ?l FILTER(STR(?l) = ?place) } }
} ORDER BY ?ev
'''


def test_enum_params_are_parsed_validated_and_canonicalised(store: KGStore) -> None:
    q = parse_query(ENUMS, "kinds")
    kind = q.param("kind")
    assert (kind.type, kind.choices, kind.default, kind.required) == ("enum", ("Deployment", "Attack"), "", False)
    assert q.param("place").choices == () and q.param("place").required
    assert bind(q, {"kind": "attack", "place": "Iraq"}).count('VALUES ?kind { "Attack" }') == 2
    assert [str(r[1]) for r in run(store, q, kind="DEPLOYMENT", place="Iraq")] == ["Iraq"]
    assert run(store, q, kind="Attack", place="Iraq") == []
    for bad in ["Capture", 'Attack" }', "any", ""]:
        if bad == "":
            continue  # "" is "unbound" for an optional parameter
        with pytest.raises(CannedQueryError, match=r"parameter 'kind' must be one of Deployment, Attack"):
            bind(q, {"kind": bad, "place": "Iraq"})


def test_values_reach_sub_selects(store: KGStore) -> None:
    """A sub-select does not see the outer query's variables: its WHERE gets the VALUES too."""
    q = parse_query(ENUMS, "kinds")
    rows = run(store, q, place="Syria")
    assert [(str(r[1]), int(r[2])) for r in rows] == [("Syria", 1)]
    text = bind(q, {"place": EVIL})
    assert text.count("VALUES ?place") == 2 and query_form(text) == "SELECT"
    assert [(str(r[1]), int(r[2])) for r in store.query(text).rows] == [(EVIL, 1)]


def test_required_params_refuse_empty_values() -> None:
    q = parse_query(ENUMS, "kinds")
    for values in ({}, {"place": ""}, {"place": "   "}):
        with pytest.raises(CannedQueryError,
                           match=r"query 'kinds' needs a value for parameter 'place' \(the place label"):
            bind(q, values)


@pytest.mark.parametrize("line, message", [
    ("# param: k: enum(a) = a", "enum needs two or more distinct words"),
    ("# param: k: enum(a|A) = a", "enum needs two or more distinct words"),
    ("# param: k: enum(a|b c) = a", "enum needs two or more distinct words"),
    ("# param: k: string(a|b) = a", "only enum takes a (choice|list)"),
    ("# param: k: enum(a|b) = c", "parameter 'k' must be one of a, b, got 'c'"),
])
def test_bad_enum_declarations(line: str, message: str) -> None:
    with pytest.raises(CannedQueryError, match=re.escape(message)):
        parse_query(f"{line}\nSELECT ?k WHERE {{ }}", "broken")


def test_param_api_stays_positional() -> None:
    """The web page builds and reads Param/CannedQuery by these names and positions."""
    p = Param("country", "string", "", "help")
    assert (p.name, p.type, p.default, p.help, p.required, p.choices) == ("country", "string", "", "help", False, ())
    assert Param("x", "iri", None).required
