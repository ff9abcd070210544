"""The canned queries' derived data (kg/graph/derived.py): the listings' sort keys and their
order, the marks of the figures whose reports differ; where they are written, how a store built
before them gets them (``kg derive``), and that they stay right as documents are added and
removed."""

from __future__ import annotations

import random
import shutil
from fractions import Fraction
from datetime import datetime, timezone
from pathlib import Path

import pytest
from conftest import Kg
from rdflib import Literal, URIRef

from kg import pipeline
from kg.fuse.index import remove_document
from kg.graph import derived
from kg.store.core import KGStore
from kg.store.validate import validate_graph

ROOT = Path(__file__).resolve().parents[1]
BUILT_AT = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)
PREFIX = "PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>\n"
PREFIX_IRI = "https://w3id.org/conflict-kg/ontology#"


def _dates(rng: random.Random) -> list:
    out = [None, "1999", "2016", "2016-01", "2016-07", "2016-07-01", "2016-07-09", "2016-12-31", "2017"]
    out += [f"{rng.randint(1950, 2030)}" + rng.choice(["", f"-{rng.randint(1, 12):02d}",
                                                     f"-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"])
            for _ in range(60)]
    return out


def _iris(rng: random.Random, namespace: str) -> list[str]:
    alphabet = "abcdefz0189-/._~%ABZ"
    out = [namespace + "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))) for _ in range(80)]
    out += [namespace + "abc", namespace + "abc/", namespace + "abcdefgh", namespace + "abcdefgi",
            "https://example.org/x", "zzz:outside", namespace[:-3]]
    return out


def test_a_report_key_never_contradicts_the_listing_order() -> None:
    """Sorted by key, the reports of one class come in the order of (the date's text, undated
    first, then the IRI); a smaller key is never a later report."""
    rng = random.Random(7)
    events = [(d, i) for d in _dates(rng) for i in rng.sample(_iris(rng, derived.REPORT_NAMESPACE), 10)]
    for cls in ("Attack", "Visit"):
        listed = sorted(events, key=lambda e: (e[0] or "", e[1]))
        keys = [derived.report_key(cls, d, i) for d, i in listed]
        assert all(a <= b for a, b in zip(keys, keys[1:]))
        lo, hi = derived.class_range(cls)
        assert all(lo <= k < hi for k in keys)
        assert 0 < max(keys) < 2 ** 63  # an xsd:integer Oxigraph keeps in the index entry
    # distinct dates never tie
    dates = _dates(rng)
    assert len({derived.report_key("Attack", d, "x") for d in dates}) == len(set(dates))


def test_an_incident_key_orders_newest_first_undated_last() -> None:
    rng = random.Random(11)
    incidents = [(d, i) for d in _dates(rng) for i in rng.sample(_iris(rng, derived.INCIDENT_NAMESPACE), 10)]
    dated = sorted((e for e in incidents if e[0]), key=lambda e: e[1])
    dated = sorted(dated, key=lambda e: e[0], reverse=True)  # DESC(?date), then the IRI
    undated = sorted((e for e in incidents if not e[0]), key=lambda e: e[1])
    keys = [derived.incident_key(d, i) for d, i in dated + undated]
    assert all(a <= b for a, b in zip(keys, keys[1:]))


def test_the_key_orders_as_the_engine_orders_the_dates() -> None:
    """The order the .rq files relied on before: ORDER BY on the typed date literals (xsd:date,
    gYearMonth, gYear mixed), which Oxigraph orders as their text."""
    import pyoxigraph as ox

    xsd = "http://www.w3.org/2001/XMLSchema#"
    kinds = {4: "gYear", 7: "gYearMonth", 10: "date"}
    dates = [d for d in _dates(random.Random(3)) if d]
    store = ox.Store()
    store.extend([ox.Quad(ox.NamedNode(f"{derived.REPORT_NAMESPACE}{n:04d}"), ox.NamedNode("http://x/d"),
                          ox.Literal(d, datatype=ox.NamedNode(xsd + kinds[len(d)])))
                  for n, d in enumerate(dates)])
    engine = [(r["d"].value, r["e"].value) for r in store.query(
        "SELECT ?e ?d WHERE { ?e <http://x/d> ?d } ORDER BY ?d ?e")]
    by_key = sorted(engine, key=lambda e: derived.report_key("Attack", e[0], e[1]))
    assert [derived.report_key("Attack", *e) for e in by_key] == [derived.report_key("Attack", *e) for e in engine]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, extractor) -> Path:
    """The query reports and the seed, built and fused."""
    path = tmp_path_factory.mktemp("derived") / "kg-store"
    with KGStore.open(path) as store:
        pipeline.build([ROOT / "tests" / "data" / "queries", ROOT / "seeds"], store,
                       extractor=extractor, generated_at=BUILT_AT)
    return path


def _stored(store: KGStore) -> set[tuple[str, str, str, str]]:
    """Every key triple: (graph or "" for the union, node, predicate, value)."""
    rows = store.ox_store.query(PREFIX + """SELECT ?g ?e ?p ?k WHERE {
      { GRAPH ?g { ?e ?p ?k } } UNION { ?e ?p ?k }
      FILTER(?p IN (ckg:reportKey, ckg:incidentKey, ckg:valuesDiffer, ckg:tollKey, ckg:tollBucket,
                    ckg:mentionedIn, ckg:dateRank, ckg:withoutPlace, ckg:monthRank, ckg:monthKey)) }""")
    return {(r["g"].value if r["g"] else "", r["e"].value, r["p"].value, r["k"].value) for r in rows}


def _expected(store: KGStore) -> set[tuple[str, str, str, str]]:
    """The keys the store's reports and incidents should have, computed from their dates, and
    the marks of the figures whose reported values differ, from their ranges."""
    reports, incidents = derived.store_rows(store.ox_store)
    out = set()
    for rows, p in ((reports, derived.REPORT_KEY), (incidents, derived.INCIDENT_KEY)):
        for g, e, k in rows:
            out |= {(g, e, str(p), str(k)), ("", e, str(p), str(k))}
    for g, f in _differing(store):
        out |= {(g, f, str(derived.VALUES_DIFFER), "true"), ("", f, str(derived.VALUES_DIFFER), "true")}
    for g, e, k, p in derived.toll_rows(store.ox_store):
        out |= {(g, e, str(p), str(k)), ("", e, str(p), str(k))}
    for g, e, d in _mentioned(store):
        out |= {(g, e, str(derived.MENTIONED_IN), d), ("", e, str(derived.MENTIONED_IN), d)}
    for g, e, k in _dated(store):
        out |= {(g, e, str(derived.DATE_RANK), str(k)), ("", e, str(derived.DATE_RANK), str(k))}
    for g, e in _placeless(store):
        out |= {(g, e, str(derived.WITHOUT_PLACE), "true"), ("", e, str(derived.WITHOUT_PLACE), "true")}
    for g, m, p, v in _months(store):
        out |= {(g, m, p, v), ("", m, p, v)}
    return out


def _months(store: KGStore) -> set[tuple[str, str, str, str]]:
    """(graph, month node, predicate, value) of every dated report's month node, from the date's
    text in Python: ``.../month/2016-03`` (``.../month/2016`` for a year alone) with its number
    year * 13 + month and the report's own row key (code 15)."""
    rows = store.ox_store.query(PREFIX + "SELECT ?g ?e ?date WHERE { GRAPH ?g { ?e ckg:reportedIn ?d ; ckg:date ?date } }")
    out = set()
    for r in rows:
        g, e, date = r["g"].value, r["e"].value, r["date"].value
        parts = date.split("-")
        month = "https://w3id.org/conflict-kg/id/month/" + "-".join(parts[:2])
        number = int(parts[0]) * 13 + (int(parts[1]) if len(parts) > 1 else 0)
        key = (15 << 59) | (derived.date_rank(date) << 36) | derived.iri_hash(e)
        out |= {(g, month, PREFIX_IRI + "monthRank", str(number)), (g, month, PREFIX_IRI + "monthKey", str(key))}
    return out


def _placeless(store: KGStore) -> set[tuple[str, str]]:
    """(graph, report) of every report of a class with places that names none, read from each
    report's properties in Python (not by derived.py's query)."""
    places = {str(PLACE) for PLACE in derived.PLACE_ROLES}
    classes = {PREFIX_IRI + t for t in ("Attack", "Capture", "Deployment", "Meeting", "Visit")}
    rows = store.ox_store.query(PREFIX + "SELECT ?g ?e ?p ?o WHERE { GRAPH ?g { ?e ckg:reportedIn ?d ; ?p ?o } }")
    kinds: dict[tuple[str, str], set[str]] = {}
    props: dict[tuple[str, str], set[str]] = {}
    for r in rows:
        key = (r["g"].value, r["e"].value)
        props.setdefault(key, set()).add(r["p"].value)
        if r["p"].value == "http://www.w3.org/1999/02/22-rdf-syntax-ns#type":
            kinds.setdefault(key, set()).add(r["o"].value)
    return {key for key, p in props.items() if kinds.get(key, set()) & classes and not p & places}


def _dated(store: KGStore) -> set[tuple[str, str, int]]:
    """(graph, report, date rank) of every dated report (an event reported in an article)."""
    rows = store.ox_store.query(PREFIX + "SELECT ?g ?e ?date WHERE { GRAPH ?g { ?e ckg:reportedIn ?d ; ckg:date ?date } }")
    return {(r["g"].value, r["e"].value, derived.date_rank(r["date"].value)) for r in rows}


def _mentioned(store: KGStore) -> set[tuple[str, str, str]]:
    """(graph, entity, article) of every entity with a mention in an article, read from the
    mentions in Python (not by derived.py's query)."""
    rows = store.ox_store.query(PREFIX + "SELECT ?g ?e ?m ?d WHERE { GRAPH ?g { ?e ckg:mention ?m . ?m ckg:inArticle ?d } }")
    return {(r["g"].value, r["e"].value, r["d"].value) for r in rows}


def _differing(store: KGStore) -> set[tuple[str, str]]:
    """(incident graph, figure) of every figure whose reports give two different values, read
    from the reports' own quantities (not from the figure's range, which derived.py reads)."""
    rows = store.ox_store.query(PREFIX + """SELECT DISTINCT ?g ?f WHERE {
      GRAPH ?g { ?f ckg:reportedFigure ?q1, ?q2 }
      ?q1 <http://www.w3.org/1999/02/22-rdf-syntax-ns#value> ?v1 .
      ?q2 <http://www.w3.org/1999/02/22-rdf-syntax-ns#value> ?v2 .
      FILTER(?v1 != ?v2) }""")
    return {(r["g"].value, r["f"].value) for r in rows}


def test_a_build_writes_one_key_per_report_and_incident(built) -> None:
    with KGStore.open(built, read_only=True) as store:
        stored = _stored(store)
        assert stored == _expected(store)
        assert not derived.missing(store.ox_store)
        reports = store.query(PREFIX + "SELECT (COUNT(*) AS ?n) WHERE { ?e ckg:evidence ?x }").rows[0][0]
        incidents = store.query(PREFIX + "SELECT (COUNT(*) AS ?n) WHERE { ?e a ckg:Incident }").rows[0][0]
        assert int(reports) > 10 and int(incidents) > 5
        figures = _differing(store)
        assert figures  # two wire reports of one attack that disagree (tests/data/queries)
        tolls = store.query(PREFIX + """SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {
            ?e a ckg:Attack ; ckg:quantity|ckg:figure ?q . ?q ckg:quantityKind "fatalities" }""").rows[0][0]
        assert int(tolls) > 3
        links = _mentioned(store)
        assert len(links) > 20
        dated = _dated(store)
        assert 10 < len(dated) < int(reports)  # some reports are undated: no rank
        placeless = _placeless(store)
        assert len(placeless) < int(reports)  # the corpus's reports without a place: below
        months = _months(store)
        assert len({m[1] for m in months}) > 5 and any(m[1][-5] != "-" for m in months)  # a year alone too
        assert len({s for s in stored if s[0]}) == (int(reports) + int(incidents) + len(figures) + int(tolls)
                                                    + len(links) + len(dated) + len(placeless) + len(months))


def test_the_keys_follow_documents_added_and_removed(built, tmp_path, extractor) -> None:
    path = tmp_path / "kg-store"
    shutil.copytree(built, path)
    with KGStore.open(path) as store:
        pipeline.build([ROOT / "tests" / "data" / "corpus"], store, extractor=extractor,
                       generated_at=BUILT_AT)
        assert _stored(store) == _expected(store)
        docs = sorted(str(g).rsplit("/", 1)[1] for g in store.graphs() if "/id/graph/" in str(g))
        gone = docs[0]
        before = {s for s in _stored(store) if s[0].endswith("/" + gone)}
        assert before
        assert remove_document(store, gone)
        after = _stored(store)
        assert after == _expected(store)
        link = str(derived.MENTIONED_IN)
        assert not {s[1] for s in before if s[2] != link} & {s[1] for s in after}  # its reports' keys are gone
        # no entity is linked to its article any more (the entities stay, named by other articles)
        assert {s[3] for s in before if s[2] == link} and not (
            {s[3] for s in before if s[2] == link} & {s[3] for s in after if s[2] == link})


def test_kg_derive_gives_a_store_built_before_the_keys_the_keys_a_build_writes(
        built, tmp_path, cli_runner) -> None:
    path = tmp_path / "kg-store"
    shutil.copytree(built, path)
    with KGStore.open(path) as store:
        wanted = _stored(store)
        figures = len(_differing(store))
        _drop_keys(store)
        _drop_marks(store)
        _drop_tolls(store)
        _drop_links(store)
        _drop_ranks(store)
        _drop_placeless(store)
        _drop_months(store)
        assert not _stored(store)
    kg = Kg(cli_runner, path)
    checked = kg("derive", "--check")
    assert checked.exit_code == 1 and "kg derive" in checked.output
    for _ in range(2):  # twice: the second run rewrites the same keys
        result = kg("derive")
        assert result.exit_code == 0, result.output
        assert "sort keys of" in result.output and f"marks of {figures} figures" in result.output
        with KGStore.open(path, read_only=True) as store:
            assert _stored(store) == wanted
    assert kg("derive", "--check").exit_code == 0


def test_kg_derive_needs_a_store(tmp_path, cli_runner) -> None:
    result = Kg(cli_runner, tmp_path / "none")("derive")
    assert result.exit_code == 1 and "no store" in result.output


def test_the_shapes_check_the_keys(built) -> None:
    with KGStore.open(built, read_only=True) as store:
        graph = next(g for g in store.graphs() if "/id/graph/" in str(g))
        triples = list(store.graph(graph))
    assert validate_graph(triples, graph).conforms
    report = next(s for s, p, o in triples if p == derived.REPORT_KEY)
    for bad in ([(report, derived.REPORT_KEY, Literal(1))],                  # a second key
                [(report, derived.REPORT_KEY, Literal("1"))],                # not an integer
                [(report, derived.INCIDENT_KEY, Literal(5))]):               # an incident's key
        assert not validate_graph(triples + bad, graph).conforms, bad
    assert isinstance(report, URIRef)


def _drop_keys(store: KGStore) -> None:
    store.ox_store.update(PREFIX + "DELETE WHERE { GRAPH ?g { ?e ckg:reportKey ?k } } ;"
                          "DELETE WHERE { GRAPH ?g { ?e ckg:incidentKey ?k } } ;"
                          "DELETE WHERE { ?e ckg:reportKey ?k } ; DELETE WHERE { ?e ckg:incidentKey ?k }")


def _drop_marks(store: KGStore) -> None:
    store.ox_store.update(PREFIX + "DELETE WHERE { GRAPH ?g { ?e ckg:valuesDiffer ?k } } ;"
                          "DELETE WHERE { ?e ckg:valuesDiffer ?k }")


def _drop_tolls(store: KGStore) -> None:
    store.ox_store.update(PREFIX + "DELETE WHERE { GRAPH ?g { ?e ckg:tollKey ?k } } ;"
                          "DELETE WHERE { ?e ckg:tollKey ?k }")


def _drop_placeless(store: KGStore) -> None:
    store.ox_store.update(PREFIX + "DELETE WHERE { GRAPH ?g { ?e ckg:withoutPlace ?r } } ;"
                          "DELETE WHERE { ?e ckg:withoutPlace ?r }")


def _drop_ranks(store: KGStore) -> None:
    store.ox_store.update(PREFIX + "DELETE WHERE { GRAPH ?g { ?e ckg:dateRank ?r } } ;"
                          "DELETE WHERE { ?e ckg:dateRank ?r }")


def _drop_months(store: KGStore) -> None:
    store.ox_store.update(PREFIX + "DELETE WHERE { GRAPH ?g { ?m ckg:monthRank ?r } } ; DELETE WHERE { ?m ckg:monthRank ?r } ;"
                          "DELETE WHERE { GRAPH ?g { ?m ckg:monthKey ?r } } ; DELETE WHERE { ?m ckg:monthKey ?r }")


def _drop_links(store: KGStore) -> None:
    store.ox_store.update(PREFIX + "DELETE WHERE { GRAPH ?g { ?e ckg:mentionedIn ?d } } ;"
                          "DELETE WHERE { ?e ckg:mentionedIn ?d }")


def test_kg_query_says_when_a_listing_runs_without_keys(built, tmp_path, cli_runner) -> None:
    path = tmp_path / "kg-store"
    shutil.copytree(built, path)
    keyed = Kg(cli_runner, path)("query", "attacks", "--format", "csv")
    assert keyed.exit_code == 0 and "kg derive" not in keyed.stderr
    with KGStore.open(path) as store:
        assert not derived.absent(store.ox_store)
        _drop_keys(store)
        assert derived.absent(store.ox_store)
    keyless = Kg(cli_runner, path)("query", "attacks", "--format", "csv")
    assert keyless.exit_code == 0 and "`kg derive` adds them" in keyless.stderr
    assert keyless.stdout == keyed.stdout  # the same rows, computed without the keys
    other = Kg(cli_runner, path)("query", "places-by-attacks", "--format", "csv")
    # reads no key (statements-by reads row keys since round 10, meetings-between since round 11)
    assert other.exit_code == 0 and "kg derive" not in other.stderr


def test_kg_query_says_when_a_query_lacks_its_toll_keys(built, tmp_path, cli_runner) -> None:
    """Without toll keys deadly-attacks misses rows (it reads nothing else): the note says so."""
    path = tmp_path / "kg-store"
    shutil.copytree(built, path)
    keyed = Kg(cli_runner, path)("query", "deadly-attacks", "--format", "csv", "--param", "min=1")
    assert keyed.exit_code == 0 and "kg derive" not in keyed.stderr
    assert len(keyed.stdout.strip().splitlines()) > 1  # a header and at least one attack
    with KGStore.open(path) as store:
        _drop_tolls(store)
    keyless = Kg(cli_runner, path)("query", "deadly-attacks", "--format", "csv", "--param", "min=1")
    assert keyless.exit_code == 0
    assert "miss rows" in keyless.stderr and "`kg derive` adds them" in keyless.stderr


def test_an_empty_store_lacks_no_keys(tmp_path) -> None:
    with KGStore.open(tmp_path / "kg-store") as store:
        assert not derived.absent(store.ox_store)


def test_a_build_into_a_store_without_keys_keys_its_older_reports_too(built, tmp_path, extractor) -> None:
    path = tmp_path / "kg-store"
    shutil.copytree(built, path)
    with KGStore.open(path) as store:
        _drop_keys(store)
        older = derived.store_rows(store.ox_store)[0]
        pipeline.build([ROOT / "tests" / "data" / "corpus"], store, extractor=extractor,
                       generated_at=BUILT_AT)
        assert not derived.missing(store.ox_store)
        assert _stored(store) == _expected(store)
        keyed = {s[1] for s in _stored(store)}
        assert {e for _, e, _ in older} <= keyed  # the reports built before the keys are listed


# ------------------------------------------------------------------ the marks of differing figures

def test_a_mark_goes_when_the_reports_stop_differing(built, tmp_path) -> None:
    """Removing one of two disagreeing reports' documents leaves its incident's figure one
    value: fusion rewrites the incident graph in the same transaction, without the mark."""
    path = tmp_path / "kg-store"
    shutil.copytree(built, path)
    with KGStore.open(path) as store:
        (graph, figure), = sorted(_differing(store))[:1]
        documents = [r[0].value.rsplit("/", 1)[1] for r in store.ox_store.query(PREFIX + f"""
            SELECT DISTINCT ?g WHERE {{ <{figure}> ckg:reportedFigure ?q . GRAPH ?g {{ ?e ckg:quantity ?q }} }}
            ORDER BY ?g""")]
        assert len(documents) >= 2
        assert remove_document(store, documents[0])
        assert (graph, figure) not in _differing(store)
        assert not any(s[1] == figure for s in _stored(store))
        assert _stored(store) == _expected(store)


def test_the_shapes_check_the_marks(built) -> None:
    with KGStore.open(built, read_only=True) as store:
        graph, figure = sorted(_differing(store))[0]
        triples = list(store.graph(URIRef(graph)))
    assert validate_graph(triples, URIRef(graph)).conforms
    node = URIRef(figure)
    assert (node, derived.VALUES_DIFFER, Literal(True)) in triples
    for bad in ([(node, derived.VALUES_DIFFER, Literal(False))],    # written only as true
                [(node, derived.VALUES_DIFFER, Literal("yes"))]):   # not a boolean
        assert not validate_graph(triples + bad, URIRef(graph)).conforms, bad


def test_a_build_into_a_store_without_marks_marks_its_older_figures_too(built, tmp_path, extractor) -> None:
    path = tmp_path / "kg-store"
    shutil.copytree(built, path)
    with KGStore.open(path) as store:
        older = _differing(store)
        _drop_marks(store)
        assert derived.absent(store.ox_store) and derived.missing(store.ox_store)
        one = tmp_path / "one"  # one more article is enough for the build to derive first
        one.mkdir()
        for name in ("dev01-nigeria-dikwa-base-attack.txt", "dev01-nigeria-dikwa-base-attack.txt.meta.yaml"):
            shutil.copy(ROOT / "tests" / "data" / "corpus" / name, one / name)
        pipeline.build([one], store, extractor=extractor, generated_at=BUILT_AT)
        assert not derived.absent(store.ox_store) and not derived.missing(store.ox_store)
        assert _stored(store) == _expected(store)
        assert older <= {(s[0], s[1]) for s in _stored(store) if s[2] == str(derived.VALUES_DIFFER)}


# ------------------------------------------------------------------ the toll keys

def test_a_toll_key_never_contradicts_the_deadly_attacks_order() -> None:
    """Sorted by key, then toll (largest first), date and IRI, the attacks are in the order
    DESC(toll), date, IRI; a key ties with another only for one exact toll and date, or where
    the toll cannot be held (a ckg:tollBucket), which the query orders by the toll."""
    rng = random.Random(5)
    values = ["0", "1", "2", "2.5", "2.25", "10", "10.1", "10.2", "9.9", "0.3", "-1", "-2.5",
              "67108863.75", "67108864", "1000000000", "12", "12.75", "150"]
    dates = _dates(rng)
    iris = _iris(rng, derived.REPORT_NAMESPACE)
    for incident in (False, True):
        rows = [(v, rng.choice(dates), rng.choice(iris)) for v in values * 6]
        keyed = sorted(rows, key=lambda r: (derived.toll_key(incident, r[0], r[1], r[2]), -Fraction(r[0]),
                                            r[1] or "", r[2]))
        wanted = sorted(rows, key=lambda r: (-Fraction(r[0]), r[1] or "", r[2]))
        assert keyed == wanted
        lo, hi = derived.toll_range(incident, 10)
        for v, d, i in rows:
            key = derived.toll_key(incident, v, d, i)
            assert lo <= key < lo + (1 << 61)
            if derived.toll_exact(v):
                assert (lo <= key < hi) == (Fraction(v) >= 10), v
            elif Fraction(v) >= 10:
                assert lo <= key < hi, v   # a bucket may be in the range and below min: tested again
    assert derived.toll_exact("2.25") and not derived.toll_exact("10.1") and not derived.toll_exact("-1")
    assert not derived.toll_exact("1000000000")


def test_the_shapes_check_the_toll_keys(built) -> None:
    with KGStore.open(built, read_only=True) as store:
        graph = next(g for g in store.graphs() if "/id/graph/" in str(g)
                     and any(True for _ in store.graph(g).triples((None, derived.TOLL_KEY, None))))
        triples = list(store.graph(graph))
    assert validate_graph(triples, graph).conforms
    attack = next(s for s, p, o in triples if p == derived.TOLL_KEY)
    for bad in ([(attack, derived.TOLL_KEY, Literal(1))],                   # a second key
                [(attack, derived.TOLL_KEY, Literal(1 << 62))],             # not the reports' range
                [(attack, derived.TOLL_KEY, Literal("7"))],                 # not an integer
                [(URIRef(str(attack) + "-not-an-attack"), derived.TOLL_KEY, Literal(5))]):  # not an attack
        assert not validate_graph(triples + bad, graph).conforms, bad


# ------------------------------------------------------------------ the entities' links to articles

def test_the_shapes_check_the_links(built) -> None:
    with KGStore.open(built, read_only=True) as store:
        graph = next(g for g in store.graphs() if "/id/graph/" in str(g))
        triples = list(store.graph(graph))
    assert validate_graph(triples, graph).conforms
    entity, _, article = next(t for t in triples if t[1] == derived.MENTIONED_IN)
    assert (article, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
            URIRef("https://w3id.org/conflict-kg/ontology#Article")) in set(triples)
    assert not validate_graph(triples + [(entity, derived.MENTIONED_IN, entity)], graph).conforms


def test_a_build_into_a_store_without_links_links_its_older_entities_too(built, tmp_path, extractor) -> None:
    path = tmp_path / "kg-store"
    shutil.copytree(built, path)
    with KGStore.open(path) as store:
        _drop_links(store)
        assert derived.absent(store.ox_store) and derived.missing(store.ox_store)
        older = _mentioned(store)
        pipeline.build([ROOT / "tests" / "data" / "corpus"], store, extractor=extractor,
                       generated_at=BUILT_AT)
        assert not derived.missing(store.ox_store)
        assert _stored(store) == _expected(store)
        linked = {(s[0], s[1], s[3]) for s in _stored(store) if s[2] == str(derived.MENTIONED_IN)}
        assert older <= linked


# ------------------------------------------------------------------ the reports' date ranks

def test_a_date_rank_orders_as_the_date_text() -> None:
    dates = ["2015", "2015-12", "2015-12-01", "2015-12-31", "2016", "2016-01", "2016-01-09",
             "2016-02", "2016-10", "2016-10-02", "2016-11-30", "2016-12", "2016-12-31", "2017"]
    assert sorted(dates, key=derived.date_rank) == sorted(dates)
    assert len({derived.date_rank(d) for d in dates}) == len(dates)
    assert derived.date_rank("2016-07") == derived.date_rank("2016-07-01") - 1  # as events-in-period reads it
    assert derived.date_rank("2016") == 2016 * 416 + 1


def test_the_shapes_check_the_date_ranks(built) -> None:
    with KGStore.open(built, read_only=True) as store:
        graph = next(g for g in store.graphs() if "/id/graph/" in str(g)
                     and any(p == derived.DATE_RANK for _, p, _ in store.graph(g)))
        triples = list(store.graph(graph))
    assert validate_graph(triples, graph).conforms
    report = next(s for s, p, o in triples if p == derived.DATE_RANK)
    for bad in ([(report, derived.DATE_RANK, Literal(12))],      # a second rank
                [(report, derived.DATE_RANK, Literal("1"))]):    # not an integer
        assert not validate_graph(triples + bad, graph).conforms, bad


def test_a_build_into_a_store_without_ranks_ranks_its_older_reports_too(built, tmp_path, extractor) -> None:
    path = tmp_path / "kg-store"
    shutil.copytree(built, path)
    with KGStore.open(path) as store:
        _drop_ranks(store)
        assert derived.absent(store.ox_store) and derived.missing(store.ox_store)
        older = _dated(store)
        pipeline.build([ROOT / "tests" / "data" / "corpus"], store, extractor=extractor,
                       generated_at=BUILT_AT)
        assert not derived.missing(store.ox_store)
        assert _stored(store) == _expected(store)
        ranked = {(s[0], s[1], int(s[3])) for s in _stored(store) if s[2] == str(derived.DATE_RANK)}
        assert older <= ranked


# ------------------------------------------------------------------ the reports without a place

#: One invented report whose attack names no place (its README says why the corpora give none).
PLACELESS = ROOT / "tests" / "data" / "placeless"


def test_the_shapes_check_the_no_place_marks(built, tmp_path, extractor) -> None:
    path = tmp_path / "kg-store"
    shutil.copytree(built, path)
    with KGStore.open(path) as store:
        pipeline.build([ROOT / "tests" / "data" / "corpus", PLACELESS], store, extractor=extractor,
                       generated_at=BUILT_AT)
        graph = next(g for g in store.graphs() if "/id/graph/" in str(g)
                     and any(p == derived.WITHOUT_PLACE for _, p, _ in store.graph(g)))
        triples = list(store.graph(graph))
    assert validate_graph(triples, graph).conforms
    report = next(s for s, p, o in triples if p == derived.WITHOUT_PLACE)
    assert not validate_graph(triples + [(report, derived.WITHOUT_PLACE, Literal(False))], graph).conforms


def test_kg_derive_marks_the_reports_without_a_place_of_a_store_built_before_the_marks(
        built, tmp_path, extractor) -> None:
    path = tmp_path / "kg-store"
    shutil.copytree(built, path)
    with KGStore.open(path) as store:
        pipeline.build([ROOT / "tests" / "data" / "corpus", PLACELESS], store, extractor=extractor,
                       generated_at=BUILT_AT)
        wanted = _placeless(store)
        assert wanted, "tests/data/placeless has a report without a place"
        assert _stored(store) == _expected(store)
        _drop_placeless(store)
        assert derived.absent(store.ox_store) and derived.missing(store.ox_store)
        assert derived.add_to_store(store.ox_store)["placeless"] == len(wanted)
        assert not derived.missing(store.ox_store)
        assert _stored(store) == _expected(store)


# ------------------------------------------------------------------ the month nodes (query round 12)

def test_a_month_node_holds_the_keys_of_its_reports() -> None:
    node = URIRef("https://w3id.org/conflict-kg/id/event/doc-a/attack-7")
    assert str(derived.month_iri("2023-02-17")) == "https://w3id.org/conflict-kg/id/month/2023-02"
    assert derived.month_iri("2023-02") == derived.month_iri("2023-02-01")
    assert str(derived.month_iri("2023")) == "https://w3id.org/conflict-kg/id/month/2023"
    assert derived.month_rank("2023") == 2023 * 13 < derived.month_rank("2023-01") < derived.month_rank("2023-12-31")
    assert derived.month_rank("2023-12") < derived.month_rank("2024")
    (m1, p1, rank), (m2, p2, key) = derived.month_triples(node, "2023-02-17")
    assert m1 == m2 == derived.month_iri("2023-02") and (p1, p2) == (derived.MONTH_RANK, derived.MONTH_KEY)
    assert int(rank) == 2023 * 13 + 2
    assert int(key) == derived.role_key(derived.SELF_CODE, "2023-02-17", str(node))
    assert (int(key) >> 36) - (15 << 23) == derived.date_rank("2023-02-17")       # the query's rank
    assert int(key) & ((1 << 36) - 1) == derived.iri_hash(str(node))               # the hash below it
    # every date of a month (and the month alone) has its number; the next month another
    assert derived.month_rank("2023-02") == derived.month_rank("2023-02-28") != derived.month_rank("2023-03-01")


def test_kg_derive_missing_writes_the_month_nodes_alone(built, tmp_path, cli_runner) -> None:
    path = tmp_path / "kg-store"
    shutil.copytree(built, path)
    with KGStore.open(path) as store:
        wanted = _stored(store)
        _drop_months(store)
        _drop_links(store)  # another kind, gone too: --missing leaves it to `kg derive`
        assert derived.absent_kinds(store.ox_store) == ("months",)
        assert derived.missing(store.ox_store) and derived.absent(store.ox_store)
    kg = Kg(cli_runner, path)
    before = kg("query", "events-in-period", "--format", "csv")
    assert before.exit_code == 0 and "`kg derive` adds them" in before.stderr
    assert before.stdout.strip().count("\n") == 0  # the header alone: no month, no row
    result = kg("derive", "--missing")
    assert result.exit_code == 0 and "month keys of dated reports" in result.output, result.output
    with KGStore.open(path, read_only=True) as store:
        now = _stored(store)
        links = {s for s in wanted if s[2] == str(derived.MENTIONED_IN)}
        assert links and now == wanted - links  # the months back, the links not written
        assert derived.absent_kinds(store.ox_store) == ()
    after = kg("query", "events-in-period", "--format", "csv", "--all")
    assert after.exit_code == 0 and after.stdout.strip().count("\n") > 20
    assert "`kg derive` adds them" in after.stderr  # the links are still missing
    again = kg("derive", "--missing")
    assert again.exit_code == 0 and "nothing written" in again.output
    assert kg("derive").exit_code == 0
    with KGStore.open(path, read_only=True) as store:
        assert _stored(store) == wanted
    assert "kg derive" not in kg("query", "events-in-period", "--format", "csv").stderr


def test_a_build_into_a_store_without_months_writes_the_months_alone(built, tmp_path, extractor) -> None:
    """A store that lacks only the month nodes gets them alone before a build writes to it (not a
    full derive: minutes at 10,000 documents): a link deleted on purpose stays deleted."""
    path = tmp_path / "kg-store"
    shutil.copytree(built, path)
    with KGStore.open(path) as store:
        _drop_months(store)
        one = store.ox_store.query(PREFIX + "SELECT ?e ?d WHERE { ?e ckg:mentionedIn ?d } LIMIT 1")
        (row,) = list(one)
        e, d = row["e"], row["d"]
        store.ox_store.update(PREFIX + f"DELETE WHERE {{ GRAPH ?g {{ <{e.value}> ckg:mentionedIn <{d.value}> }} }} ;"
                              f"DELETE WHERE {{ <{e.value}> ckg:mentionedIn <{d.value}> }}")
        assert derived.absent_kinds(store.ox_store) == ("months",)
        older = {m for m in _months(store)}
        pipeline.build([ROOT / "tests" / "data" / "corpus"], store, extractor=extractor,
                       generated_at=BUILT_AT)
        assert derived.absent_kinds(store.ox_store) == () and not derived.absent(store.ox_store)
        stored = _stored(store)
        assert older and {(g, m, p, v) for g, m, p, v in older} <= stored  # the older reports' months
        assert not store.ox_store.query(PREFIX + f"ASK {{ <{e.value}> ckg:mentionedIn <{d.value}> }}")


def test_a_build_into_a_store_without_months_and_links_derives_it_whole(built, tmp_path, extractor) -> None:
    path = tmp_path / "kg-store"
    shutil.copytree(built, path)
    with KGStore.open(path) as store:
        _drop_months(store)
        _drop_links(store)
        pipeline.build([ROOT / "tests" / "data" / "corpus"], store, extractor=extractor,
                       generated_at=BUILT_AT)
        assert not derived.absent(store.ox_store)
        assert _stored(store) == _expected(store)


def test_the_shapes_check_the_month_nodes(built) -> None:
    with KGStore.open(built, read_only=True) as store:
        graph = next(g for g in store.graphs() if "/id/graph/" in str(g)
                     and any(p == derived.MONTH_KEY for _, p, _ in store.graph(g)))
        triples = list(store.graph(graph))
    assert validate_graph(triples, graph).conforms
    month = next(s for s, p, o in triples if p == derived.MONTH_KEY)
    for bad in ([(month, derived.MONTH_RANK, Literal(1))],          # a second rank
                [(month, derived.MONTH_KEY, Literal(5))],           # not a report's own key
                [(month, derived.MONTH_KEY, Literal("1"))],         # not an integer
                [(URIRef(str(month) + "x"), derived.MONTH_KEY, Literal(15 << 59))]):  # no rank
        assert not validate_graph(triples + bad, graph).conforms, bad


# ----------------------------------------------------------------------------- document keys (query round 13)

def _document_keys(store: KGStore) -> set[tuple[str, str, str, str]]:
    """Every document key triple: (graph or "" for the union, node, predicate, value)."""
    names = ", ".join(f"<{p}>" for p in derived.KINDS["documents"])
    rows = store.ox_store.query(f"""SELECT ?g ?e ?p ?k WHERE {{
      {{ GRAPH ?g {{ ?e ?p ?k }} }} UNION {{ ?e ?p ?k }} FILTER(?p IN ({names})) }}""")
    return {(r["g"].value if r["g"] else "", r["e"].value, r["p"].value, r["k"].value) for r in rows}


def _expected_document_keys(store: KGStore) -> set[tuple[str, str, str, str]]:
    """The document keys, computed in Python from each graph's extraction, time, article, date
    and mentions (not by derived.py's queries)."""
    out = set()
    rows = store.ox_store.query("""PREFIX prov: <http://www.w3.org/ns/prov#>
      SELECT ?g ?a ?d ?t WHERE { GRAPH ?g { ?g prov:wasGeneratedBy ?a . ?a prov:used ?d OPTIONAL { ?a prov:endedAtTime ?t } } }""")
    published = {r["d"].value: r["p"].value for r in store.ox_store.query(
        "SELECT ?d ?p WHERE { ?d <http://purl.org/dc/terms/issued> ?p }")}
    for r in rows:
        g, d = r["g"].value, r["d"].value
        time = r["t"].value if r["t"] else ""
        if time.endswith("+00:00"):
            time = time[:-6] + "Z"
        node = str(derived.extraction_node(time))
        key = str(derived.document_key(g, d, time))
        own = str(derived.article_key(published.get(d), d))
        found = {(node, str(derived.EXTRACTION_TIME), time), (node, str(derived.DOCUMENT_KEY), key),
                 (g, str(derived.GRAPH_KEY), key), (d, str(derived.ARTICLE_KEY), own)}
        found |= {(e, str(derived.MENTION_KEY), own) for gg, e, dd in _mentioned(store) if gg == g and dd == d}
        out |= {(g,) + f for f in found} | {("",) + f for f in found}
    return out


def test_a_build_writes_the_document_keys(built) -> None:
    with KGStore.open(built, read_only=True) as store:
        stored = _document_keys(store)
        assert stored == _expected_document_keys(store)
        graphs = [g for g in store.graphs() if "/id/graph/" in str(g)]
        assert len({s for s in stored if s[2] == str(derived.GRAPH_KEY) and s[0]}) == len(graphs) >= 1
        # one build, one extraction node: its time as the store writes it (UTC as "Z")
        assert {s[3] for s in stored if s[2] == str(derived.EXTRACTION_TIME)} == {"2026-03-01T12:00:00Z"}


def test_the_document_keys_follow_documents_added_and_removed(built, tmp_path, extractor) -> None:
    path = tmp_path / "kg-store"
    shutil.copytree(built, path)
    with KGStore.open(path) as store:
        pipeline.build([ROOT / "tests" / "data" / "corpus"], store, extractor=extractor,
                       generated_at=datetime(2026, 4, 2, 8, 30, tzinfo=timezone.utc))
        stored = _document_keys(store)
        assert stored == _expected_document_keys(store)
        assert len({s[1] for s in stored if s[2] == str(derived.EXTRACTION_TIME)}) == 2  # two builds, two nodes
        docs = sorted(str(g).rsplit("/", 1)[1] for g in store.graphs() if "/id/graph/" in str(g))
        assert remove_document(store, docs[0])
        after = _document_keys(store)
        assert after == _expected_document_keys(store) and len(after) < len(stored)
        # the extraction nodes stay while a graph of theirs is left
        assert len({s[1] for s in after if s[2] == str(derived.EXTRACTION_TIME)}) == 2


def test_kg_derive_missing_writes_the_document_keys_alone(built, tmp_path, cli_runner) -> None:
    path = tmp_path / "kg-store"
    shutil.copytree(built, path)
    with KGStore.open(path) as store:
        wanted, other = _document_keys(store), _stored(store)
        for p in derived.KINDS["documents"]:
            store.ox_store.update(f"DELETE WHERE {{ GRAPH ?g {{ ?e <{p}> ?k }} }} ; DELETE WHERE {{ ?e <{p}> ?k }}")
        _drop_links(store)  # another kind, gone too: --missing leaves it to `kg derive`
        assert derived.absent_kinds(store.ox_store) == ("documents",)
        assert derived.missing(store.ox_store) and not _document_keys(store)
    kg = Kg(cli_runner, path)
    before = kg("query", "recent-documents", "--format", "csv")
    assert before.exit_code == 0 and "`kg derive` adds them" in before.stderr
    assert before.stdout.strip().count("\n") == 0  # the header alone: no key, no row
    result = kg("derive", "--missing")
    assert result.exit_code == 0 and "document graphs (documents)" in result.output, result.output
    with KGStore.open(path, read_only=True) as store:
        assert _document_keys(store) == wanted
        links = {s for s in other if s[2] == str(derived.MENTIONED_IN)}
        assert links and _stored(store) == other - links  # the links not written
        assert derived.absent_kinds(store.ox_store) == ()
    after = kg("query", "recent-documents", "--format", "csv", "--all")
    assert after.exit_code == 0 and after.stdout.strip().count("\n") >= 1


def test_the_shapes_check_the_document_keys(built) -> None:
    with KGStore.open(built, read_only=True) as store:
        graph = next(g for g in store.graphs() if "/id/graph/" in str(g))
        triples = list(store.graph(graph))
    assert validate_graph(triples, graph).conforms
    node = next(s for s, p, o in triples if p == derived.DOCUMENT_KEY)
    article = next(s for s, p, o in triples if p == derived.ARTICLE_KEY)
    for bad in ([(node, derived.EXTRACTION_TIME, Literal("2020-01-01T00:00:00Z"))],   # a second time
                [(node, derived.DOCUMENT_KEY, Literal(-5))],                            # below 0
                [(node, derived.DOCUMENT_KEY, Literal("1"))],                           # not an integer
                [(article, derived.ARTICLE_KEY, Literal(7))],                           # a second key
                [(URIRef(str(node) + "x"), derived.DOCUMENT_KEY, Literal(3))]):         # no time
        assert not validate_graph(triples + bad, graph).conforms, bad


# ----------------------------------------------------------------------------- mention summaries (query round 14)

def _summary_triples(store: KGStore) -> set[tuple[str, str, str, str]]:
    """Every mention summary triple: (graph or "" for the union, node, predicate, value)."""
    names = ", ".join(f"<{p}>" for p in derived.KINDS["mentions"])
    rows = store.ox_store.query(f"""SELECT ?g ?e ?p ?k WHERE {{
      {{ GRAPH ?g {{ ?e ?p ?k }} }} UNION {{ ?e ?p ?k }} FILTER(?p IN ({names})) }}""")
    return {(r["g"].value if r["g"] else "", r["e"].value, r["p"].value, r["k"].value) for r in rows}


def _expected_summaries(store: KGStore) -> set[tuple[str, str, str, str]]:
    """The summaries, counted in Python from each graph's mentions, texts and reports (not by
    derived.py's code): one node per entity and article, ``ckgd:mentions/`` and an MD5."""
    import hashlib

    mentions: dict[tuple[str, str, str], set[str]] = {}
    texts: dict[tuple[str, str, str], set[str]] = {}
    for r in store.ox_store.query(PREFIX + """SELECT ?g ?e ?m ?d ?t WHERE {
            GRAPH ?g { ?e ckg:mention ?m . ?m ckg:inArticle ?d OPTIONAL { ?m ckg:text ?t } } }"""):
        key = (r["g"].value, r["e"].value, r["d"].value)
        mentions.setdefault(key, set()).add(r["m"].value)
        if r["t"] is not None:
            texts.setdefault(key, set()).add(r["t"].value)
    events: dict[tuple[str, str, str], set[str]] = {}
    for r in store.ox_store.query(PREFIX + "SELECT ?g ?r ?d ?o WHERE { GRAPH ?g { ?r ckg:reportedIn ?d ; ?p ?o } }"):
        key = (r["g"].value, r["o"].value, r["d"].value)
        if key in mentions:
            events.setdefault(key, set()).add(r["r"].value)
    out = set()
    for (g, e, d), ms in mentions.items():
        node = "https://w3id.org/conflict-kg/id/mentions/" + hashlib.md5(f"{e} {d}".encode()).hexdigest()
        found = {(node, PREFIX_IRI + "mentionCount", str(len(ms))),
                 (node, PREFIX_IRI + "eventCount", str(len(events.get((g, e, d), ()))))}
        found |= {(node, PREFIX_IRI + "mentionText", t) for t in texts.get((g, e, d), ())}
        out |= {(g,) + f for f in found} | {("",) + f for f in found}
    return out


def test_a_build_writes_the_mention_summaries(built) -> None:
    with KGStore.open(built, read_only=True) as store:
        stored = _summary_triples(store)
        assert stored == _expected_summaries(store)
        counts = [int(s[3]) for s in stored if s[2] == str(derived.EVENT_COUNT) and s[0]]
        assert len(counts) == len(_mentioned(store)) > 20 and 0 in counts and max(counts) > 1
        assert not derived.missing(store.ox_store) and derived.absent_kinds(store.ox_store) == ()


def test_the_mention_summaries_follow_documents_added_and_removed(built, tmp_path, extractor) -> None:
    path = tmp_path / "kg-store"
    shutil.copytree(built, path)
    with KGStore.open(path) as store:
        pipeline.build([ROOT / "tests" / "data" / "corpus"], store, extractor=extractor, generated_at=BUILT_AT)
        stored = _summary_triples(store)
        assert stored == _expected_summaries(store)
        docs = sorted(str(g).rsplit("/", 1)[1] for g in store.graphs() if "/id/graph/" in str(g))
        assert remove_document(store, docs[0])
        after = _summary_triples(store)
        assert after == _expected_summaries(store) and len(after) < len(stored)


def test_kg_derive_missing_writes_the_mention_summaries_alone(built, tmp_path, cli_runner) -> None:
    path = tmp_path / "kg-store"
    shutil.copytree(built, path)
    with KGStore.open(path) as store:
        wanted, other = _summary_triples(store), _stored(store)
        for p in derived.KINDS["mentions"]:
            store.ox_store.update(f"DELETE WHERE {{ GRAPH ?g {{ ?e <{p}> ?k }} }} ; DELETE WHERE {{ ?e <{p}> ?k }}")
        _drop_ranks(store)  # derived data of another kind, gone too: --missing leaves it to `kg derive`
        assert derived.absent_kinds(store.ox_store) == ("mentions",)
        assert derived.missing(store.ox_store) and not _summary_triples(store)
        entity = str(store.query(PREFIX + "SELECT ?n WHERE { ?e ckg:mentionedIn ?d ; <http://www.w3.org/2000/01/rdf-schema#label> ?n } "
                                 "ORDER BY ?n LIMIT 1").rows[0][0])
    kg = Kg(cli_runner, path)
    before = kg("query", "documents-mentioning", "-p", f"entity={entity}", "--format", "csv")
    assert before.exit_code == 0 and "`kg derive` adds them" in before.stderr
    assert before.stdout.strip().count("\n") == 0  # the header alone: no summary, no row
    result = kg("derive", "--missing")
    assert result.exit_code == 0 and "mention summaries and" in result.output and "(mentions)" in result.output, result.output
    with KGStore.open(path, read_only=True) as store:
        assert _summary_triples(store) == wanted
        ranks = {s for s in other if s[2] == str(derived.DATE_RANK)}
        assert ranks and _stored(store) == other - ranks  # the ranks not written
        assert derived.absent_kinds(store.ox_store) == ()
    after = kg("query", "documents-mentioning", "-p", f"entity={entity}", "--format", "csv")
    assert after.exit_code == 0 and after.stdout.strip().count("\n") >= 1


def test_the_shapes_check_the_mention_summaries(built) -> None:
    with KGStore.open(built, read_only=True) as store:
        graph = next(g for g in store.graphs() if "/id/graph/" in str(g))
        triples = list(store.graph(graph))
    assert validate_graph(triples, graph).conforms
    node = next(s for s, p, o in triples if p == derived.MENTION_COUNT)
    for bad in ([(node, derived.MENTION_COUNT, Literal(9))],                       # a second count
                [(node, derived.EVENT_COUNT, Literal(-1))],                        # below 0 (a second too)
                [(node, derived.MENTION_TEXT, Literal(3))],                        # not a text
                [(URIRef(str(node) + "x"), derived.MENTION_COUNT, Literal(0))],    # 0 mentions, no event count
                [(URIRef(str(node) + "y"), derived.MENTION_TEXT, Literal("Invented"))]):  # no counts
        assert not validate_graph(triples + bad, graph).conforms, bad
