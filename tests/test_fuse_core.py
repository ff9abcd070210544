"""kg.fuse on invented reports: compatibility rules, determinism, incremental updates, kg query incidents."""

from __future__ import annotations

import random

import pytest

from kg.fuse.cluster import cluster
from kg.fuse.compat import compare
from kg.fuse.config import load_config
from kg.fuse.model import ActorInfo, PlaceInfo, Report
from kg.fuse.rdf import figure_summary

CFG = load_config()
IQ = "https://w3id.org/conflict-kg/id/state/iq"
MOSUL = PlaceInfo("p:mosul", "Mosul", IQ, 36.34, 43.13, "P", frozenset({IQ}))
NINEVEH = PlaceInfo("p:nineveh", "Nineveh", IQ, 36.2, 43.0, "A", frozenset({IQ}))
BASRA = PlaceInfo("p:basra", "Basra", IQ, 30.5, 47.8, "P", frozenset({IQ}))
ISF = ActorInfo("a:isf", "Iraqi security forces", frozenset({"a:isf", "iraqi security forces", IQ}))
IF = ActorInfo("a:if", "Iraqi forces", frozenset({"a:if", "iraqi forces", IQ}))


def rep(iri, doc, date="2017-03-05", places=(MOSUL,), cls="Attack", modality="asserted", actors=None,
        q=None, publisher=None):
    return Report(iri=iri, doc_id=doc, cls=cls, modality=modality, date=date,
                  precision={10: "day", 7: "month", 4: "year"}.get(len(date or ""), None),
                  published="2017-03-06", publisher=publisher or doc, places=tuple(places),
                  actors=actors or {}, quantities=q or {}, evidence=f"text {iri}")


def test_same_day_same_place_fuses_and_containment_counts():
    assert compare(rep("e:1", "a"), rep("e:2", "b"), CFG) >= CFG.threshold
    assert compare(rep("e:1", "a"), rep("e:2", "b", places=(NINEVEH,)), CFG) >= CFG.threshold


def test_vetoes_other_town_other_week_planned_vs_happened():
    assert compare(rep("e:1", "a"), rep("e:2", "b", places=(BASRA,)), CFG) is None
    assert compare(rep("e:1", "a"), rep("e:2", "b", date="2017-03-12"), CFG) is None
    assert compare(rep("e:1", "a"), rep("e:2", "b", modality="planned"), CFG) is None
    assert compare(rep("e:1", "a"), rep("e:2", "b", cls="Capture"), CFG) is None


def test_next_day_tolerance_and_actor_aliases_through_state():
    a = rep("e:1", "a", actors={"perpetrator": (ISF,)})
    b = rep("e:2", "b", date="2017-03-06", actors={"perpetrator": (IF,)})
    assert compare(a, b, CFG) >= CFG.threshold


def test_figures_disputed_not_split():
    a = rep("e:1", "a", q={"fatalities": (5.0, "exact")})
    b = rep("e:2", "b", q={"fatalities": (23.0, "exact")})
    c = rep("e:3", "c", q={"fatalities": (30.0, "exact")})
    groups = cluster([a, b, c], CFG)
    assert len(groups) == 1
    f = figure_summary(groups[0].reports, CFG)["fatalities"]
    assert f["disputed"] and f["value"] == 23.0 and (f["min"], f["max"]) == (5.0, 30.0)


def test_chain_is_not_followed():
    """a~b and b~c but a and c are a week apart: average linkage with vetoes keeps them apart."""
    a = rep("e:1", "a", date="2017-03-01")
    b = rep("e:2", "b", date="2017-03", places=(MOSUL,))
    c = rep("e:3", "c", date="2017-03-20")
    assert all(len(g.reports) < 3 for g in cluster([a, b, c], CFG))


def test_order_does_not_matter():
    reports = [rep(f"e:{i}", f"d{i}", date=f"2017-03-0{1 + i % 3}", places=(MOSUL if i % 2 else NINEVEH,))
               for i in range(9)]
    first = [[r.iri for r in g.reports] for g in cluster(reports, CFG)]
    for seed in range(5):
        random.Random(seed).shuffle(reports)
        assert [[r.iri for r in g.reports] for g in cluster(reports, CFG)] == first


ARTICLE = """---
title: {title}
publisher: {publisher}
published: 2017-03-0{day}
---
{body}
"""


@pytest.fixture(scope="module")
def articles(tmp_path_factory):
    d = tmp_path_factory.mktemp("fuse")
    texts = [
        ("Bomb kills 12 in Kirkuk", "Outlet A", 6, "A car bomb exploded in Kirkuk on Sunday, killing 12 people, police said."),
        ("Kirkuk blast toll rises", "Outlet B", 6, "A car bomb killed 20 people in Kirkuk on Sunday, officials said."),
        ("Car bomb in Kirkuk", "Outlet C", 7, "A car bomb killed 14 people in Kirkuk on 5 March, a police officer said."),
        ("Attack in Basra", "Outlet D", 9, "Gunmen attacked a checkpoint in Basra on Wednesday, killing three soldiers."),
    ]
    for i, (title, pub, day, body) in enumerate(texts):
        (d / f"a{i}.md").write_text(ARTICLE.format(title=title, publisher=pub, day=day, body=body), "utf-8")
    return d


def test_build_query_remove_end_to_end(articles, tmp_path, extractor):
    from kg import pipeline
    from kg.fuse.index import FusionIndex, fuse_store, incident_graphs, remove_document
    from kg.store.core import KGStore

    files = sorted(articles.glob("*.md"))
    with KGStore.open(tmp_path / "s1") as s1, KGStore.open(tmp_path / "s2") as s2:
        pipeline.build(files, s1, extractor=extractor, fuse=True)
        pipeline.build(list(reversed(files)), s2, extractor=extractor, fuse=True)
        assert incident_graphs(s1) == incident_graphs(s2)  # any order, same incidents and IRIs
        rows = s1.query("""PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
            SELECT ?i (COUNT(?r) AS ?n) WHERE { ?i a ckg:Incident ; ckg:report ?r ;
            a ckg:Attack } GROUP BY ?i ORDER BY DESC(?n)""").rows
        assert int(rows[0][1]) == 3 and len(rows) == 2

        before = incident_graphs(s1)
        fuse_store(s1)
        assert incident_graphs(s1) == before  # kg fuse gives what the incremental build gave
        docs = [d.doc_id for d in s1.documents()]
        assert remove_document(s1, sorted(docs)[0])
        index = FusionIndex.from_store(s1)
        assert set(index.incident_of.values()) == set(str(g)[:-len("/graph")] for g in incident_graphs(s1))


def test_kg_query_incidents(articles, tmp_path, cli_runner):
    from kg.cli import app

    store = str(tmp_path / "s")
    r = cli_runner.invoke(app, ["build", str(articles), "--store", store])
    assert r.exit_code == 0, r.output
    from kg.fuse.index import incident_graphs
    from kg.store.core import KGStore

    with KGStore.open(store, read_only=True) as s:  # kg build fuses by default
        assert len(incident_graphs(s)) == 2 and len(s.documents()) == 4
    r = cli_runner.invoke(app, ["docs", "--store", store])  # documents only, no incident graphs
    assert r.exit_code == 0 and "incident" not in r.stdout and r.stdout.count("Outlet") == 4
    r = cli_runner.invoke(app, ["fuse", "--store", store])  # re-fusing gives the same
    assert r.exit_code == 0, r.output
    with KGStore.open(store, read_only=True) as s:
        assert len(incident_graphs(s)) == 2
    r = cli_runner.invoke(app, ["query", "incidents", "--store", store, "-p", "type=attack", "-f", "csv"])
    assert r.exit_code == 0, r.output
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    top = max(rows, key=lambda x: int(x["sources"]))
    assert int(top["sources"]) == 3 and top["disputed"] == "true"
    assert "fatalities 14" in top["figures"] and "(12-20)" in top["figures"]
    r = cli_runner.invoke(app, ["fuse", "--store", store])
    assert r.exit_code == 0, r.output


def test_an_incident_is_typed_with_its_class_and_the_report_roles_and_validates():
    """The issue's RDF: ``a ckg:Attack, ckg:Incident`` with the report role properties, its
    graph conforms to the shapes on its own, and the report shapes do not apply to it."""
    from rdflib import Graph, URIRef
    from rdflib.namespace import RDF

    from kg.fuse.cluster import Group
    from kg.fuse.rdf import incident_graph, incident_triples
    from kg.graph.vocab import CKG
    from kg.store.validate import validate_graph

    isf = ActorInfo("https://w3id.org/conflict-kg/id/force/isf", "ISF", frozenset(), str(CKG.ArmedForce))
    mosul = PlaceInfo("https://w3id.org/conflict-kg/id/place/mosul", "Mosul", IQ, 36.34, 43.13, "P",
                      frozenset({IQ}))
    a = rep("https://w3id.org/conflict-kg/id/event/a/attack-1", "a", places=(mosul,),
            actors={"perpetrator": (isf,)}, q={"fatalities": (5.0, "exact")})
    b = rep("https://w3id.org/conflict-kg/id/event/b/attack-1", "b", places=(mosul,),
            q={"fatalities": (6.0, "exact")})
    inc, triples = incident_triples(Group((a, b)), CFG)
    g = Graph()
    for t in triples:
        g.add(t)
    assert {CKG.Attack, CKG.Incident} <= set(g.objects(inc, RDF.type))
    assert g.value(inc, CKG.location) == URIRef(mosul.iri)
    assert g.value(inc, CKG.perpetrator) == URIRef(isf.iri)
    assert set(g.objects(inc, CKG.report)) == {URIRef(a.iri), URIRef(b.iri)}
    assert (inc, CKG.quantity, None) not in g and (inc, CKG.evidence, None) not in g
    report = validate_graph(g, incident_graph(inc))
    assert report.conforms, [v.one_line() for v in report.violations]
    g.remove((inc, CKG.report, None))
    g.add((inc, CKG.perpetrator, URIRef(mosul.iri)))  # a place as perpetrator
    report = validate_graph(g, incident_graph(inc))
    assert not report.conforms
    assert {"ckg:report", "ckg:perpetrator"} <= {v.path for v in report.violations}


def test_build_no_fuse_writes_documents_only(articles, tmp_path, cli_runner):
    from kg.cli import app
    from kg.fuse.index import incident_graphs
    from kg.store.core import KGStore

    store = str(tmp_path / "s")
    r = cli_runner.invoke(app, ["build", str(articles), "--store", store, "--no-fuse"])
    assert r.exit_code == 0, r.output
    with KGStore.open(store, read_only=True) as s:
        assert incident_graphs(s) == [] and len(s.graphs()) == 4


def test_one_article_two_days_is_two_events_and_shared_participants_count_each():
    """Within one article dates resolve against one publication date: no next-day tolerance.
    Two shared participants of a meeting are stronger evidence than one."""
    a = rep("e:1", "a", date="2017-03-05")
    b = rep("e:2", "a", date="2017-03-06")
    assert compare(a, b, CFG) is None
    assert compare(a, rep("e:3", "b", date="2017-03-06"), CFG) is not None  # two outlets: tolerated
    x = ActorInfo("a:x", "X", frozenset({"a:x", "x"}))
    y = ActorInfo("a:y", "Y", frozenset({"a:y", "y"}))
    one = compare(rep("e:1", "a", cls="Meeting", actors={"participants": (x,)}),
                  rep("e:2", "b", cls="Meeting", actors={"participants": (x, y)}), CFG)
    two = compare(rep("e:1", "a", cls="Meeting", actors={"participants": (x, y)}),
                  rep("e:2", "b", cls="Meeting", actors={"participants": (y, x)}), CFG)
    assert two == one + CFG.score("actor_agrees")
