"""Speed round 9 (issue 14): the mapping's mention summaries and name keys are made with less
CPU; the triples must stay those of before (docs/build-speed.md, round 9)."""

from __future__ import annotations

from rdflib import RDF, RDFS, SKOS, XSD, BNode, Literal, Namespace, URIRef

from kg.graph import derived, mapping
from kg.graph.mapping import NAMING_PROPERTIES, TripleList
from kg.graph.vocab import CKG

ID = Namespace("https://w3id.org/conflict-kg/id/")


def _document() -> list[tuple]:
    """An invented document's triples: an actor mentioned twice in one article and once in
    another, the object of one report of the first article; a place mentioned once, the
    object of no report; a report of the second article naming the actor."""
    actor, place = ID["person/tomas-velk"], ID["place/orvany"]
    art_a, art_b = ID["doc/a"], ID["doc/b"]
    m1, m2, m3, m4 = (ID[f"doc/a/mention/{i}"] for i in range(1, 5))
    r1, r2 = ID["doc/a/event/1"], ID["doc/b/event/1"]
    return [
        (actor, RDF.type, CKG.Person),
        (actor, RDFS.label, Literal("Tomas Velk")),
        (actor, SKOS.altLabel, Literal("T. VELK")),
        (actor, CKG.note, Literal("Not A Name")),
        (place, RDFS.label, Literal("Orvany", lang="en")),
        (actor, CKG.mention, m1), (m1, CKG.inArticle, art_a), (m1, CKG.text, Literal("Velk")),
        (actor, CKG.mention, m2), (m2, CKG.inArticle, art_a), (m2, CKG.text, Literal("Tomas Velk")),
        (actor, CKG.mention, m3), (m3, CKG.inArticle, art_b), (m3, CKG.text, Literal("Velk")),
        (place, CKG.mention, m4), (m4, CKG.inArticle, art_a), (m4, CKG.text, Literal("Orvany")),
        (r1, RDF.type, CKG.Attack), (r1, CKG.reportedIn, art_a), (r1, CKG.actor, actor),
        (r1, CKG.note, Literal(str(place))),  # a literal spelling the place's IRI: not a role
        (r2, CKG.reportedIn, art_b), (r2, CKG.actor, BNode()),
    ]


def test_mention_summaries_count_mentions_texts_and_reports() -> None:
    triples = _document()
    got = derived.summaries(triples)
    actor, place = ID["person/tomas-velk"], ID["place/orvany"]
    expected = []
    for entity, article, mentions, events, texts in sorted([
            (actor, ID["doc/a"], 2, 1, ["Tomas Velk", "Velk"]),
            (actor, ID["doc/b"], 1, 0, ["Velk"]),
            (place, ID["doc/a"], 1, 0, ["Orvany"])]):
        node = derived.summary_node(str(entity), str(article))
        expected += [(node, derived.MENTION_COUNT, Literal(mentions, datatype=XSD.integer)),
                     (node, derived.EVENT_COUNT, Literal(events, datatype=XSD.integer))]
        expected += [(node, derived.MENTION_TEXT, Literal(t)) for t in texts]
    assert got == expected
    assert [o.n3() for _, _, o in got] == [o.n3() for _, _, o in expected]
    # from any iterable of triples, not only a list (it is read twice)
    assert derived.summaries(iter(triples)) == got
    assert derived.summaries(t for t in triples) == got


def test_name_keys_are_those_of_labels_and_aliases_only() -> None:
    triples = TripleList(_document())
    mapping._add_name_keys(triples)
    keys = sorted((str(s), str(o)) for s, p, o in triples if p == CKG.nameKey)
    assert keys == [(str(ID["person/tomas-velk"]), "t. velk"), (str(ID["person/tomas-velk"]), "tomas velk"),
                    (str(ID["place/orvany"]), "orvany")]
    # what a look-up in the tuple of naming properties finds, in the same order
    reference = TripleList(_document())
    wanted = {(s, Literal(str(o).lower())) for s, p, o in reference if any(p == q for q in NAMING_PROPERTIES)}
    assert triples[len(reference):] == [(s, CKG.nameKey, k) for s, k in sorted(wanted)]
    # a literal or a plain string spelling a naming property's IRI is not that property
    odd = TripleList([(ID["x"], Literal(str(RDFS.label)), Literal("Zed")), (ID["y"], URIRef(str(RDFS.label)), Literal("Ypsi"))])
    mapping._add_name_keys(odd)
    assert [(str(s), str(o)) for s, p, o in odd[2:]] == [(str(ID["y"]), "ypsi")]
