"""Query round 10 (issue 14): the row keys (``ckg:roleKey`` on an actor, place, quantity or
report, ``ckg:rowKey`` on the report: kg/graph/derived.py) stay right when a document is built
again with other roles and dates, or removed, also when two documents give one entity the same
key (the union keeps a triple while any document graph holds it); ``kg derive`` writes the same
keys into a store that lacks them; and the look-ups that read them (actor-profile,
statements-by, evidence) list exactly the reports' rows, in their order, with their count.

Invented reports only (a courier who speaks and meets in every report, places that come and go).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from kg.graph import derived
from kg.graph.mapping import facts_to_graph
from kg.graph.vocab import CKG
from kg.models import DateValue, DocumentMeta, Entity, Event, Evidence, Facts, Mention, Quantity
from kg.query import canned, paging
from kg.store.core import KGStore

REPO = Path(__file__).resolve().parents[1]
PREFIX = "PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>\n"
COURIER = "https://w3id.org/conflict-kg/id/person/courier-tamsin-vale"


def _report(i: int, shift: int = 0) -> Facts:
    """Invented report ``i``: the courier meets a band (at a ford in some reports) and speaks about
    the ford; a raid on the ford with a toll in some. ``shift`` moves the dates and drops roles,
    as a document built again from an edited text would."""
    courier, band, ford = "Courier Tamsin Vale", f"Slate Moor Band {i % 3}", f"Alder Ford {i % 4}"
    sentence = f"{courier} met {band} at {ford} and said the raid killed 4 people."
    title = f"Moor report {i}"
    text = f"{title}\n\n{sentence}"
    at = text.index(sentence)

    def mention(needle: str) -> Mention:
        start = text.index(needle, at)
        return Mention(start, start + len(needle), needle, 1)

    entities = [Entity(id="C", type="Person", name=courier, mentions=[mention(courier)]),
                Entity(id="B", type="ArmedGroup", name=band, mentions=[mention(band)]),
                Entity(id="F", type="Location", name=ford, mentions=[mention(ford)])]
    day = (i + shift) % 5
    date = DateValue(f"2023-0{1 + day % 3}-{1 + day:02d}", "day", "that day") if day != 4 else None
    month = DateValue(f"2023-0{1 + day % 3}", "month", "that month") if day % 2 else date
    evidence = Evidence(1, at, at + len(sentence), sentence)
    meeting_roles = {"participants": ["C", "B"]}
    if (i + shift) % 3:
        meeting_roles["location"] = ["F"]
    events = [Event(id="V1", type="Meeting", trigger=mention("met"), evidence=evidence, roles=meeting_roles,
                    date=date, confidence=0.6),
              Event(id="V2", type="Statement", trigger=mention("said"), evidence=evidence,
                    roles={"speaker": ["C"], **({"about": ["F"]} if shift == 0 else {})}, date=month,
                    quote="the raid killed 4 people", confidence=0.6)]
    if i % 2 == 0:
        events.append(Event(id="V3", type="Attack", trigger=mention("raid"), evidence=evidence,
                            roles={"perpetrator": ["B"], "location": ["F"]}, date=date,
                            quantities={"fatalities": Quantity(4, "exact", "4")}, confidence=0.6))
    meta = DocumentMeta(id=f"moor-report-{i}-{i:010d}", title=title, publisher="Invented Wire",
                        published="2023-03-01", sha256=f"{i + 7000:064d}")
    return Facts(document=meta, entities=entities, events=events, extractor="test-round10/1", text=text)


def _keys(store: KGStore) -> tuple[set, set]:
    """The row keys in the union: ({(node, key)} of ckg:roleKey, {(report, key)} of ckg:rowKey)."""
    role = {(str(r[0]), int(r[1])) for r in store.query(PREFIX + "SELECT ?s ?k WHERE { ?s ckg:roleKey ?k }").rows}
    row = {(str(r[0]), int(r[1])) for r in store.query(PREFIX + "SELECT ?s ?k WHERE { ?s ckg:rowKey ?k }").rows}
    return role, row


def _expected(store: KGStore) -> tuple[set, set]:
    """The row keys the store's reports should have, computed from their roles and dates."""
    role, row = set(), set()
    for g, node, key in derived.row_rows(store.ox_store)[0]:
        row.add((node, key))
    for g, node, key in derived.row_rows(store.ox_store)[1]:
        role.add((node, key))
    return role, row


def _plain_expected(store: KGStore) -> tuple[set, set]:
    """The same, from the reports' triples read here (not through kg.graph.derived's query)."""
    role, row = set(), set()
    reports = store.query(PREFIX + "SELECT ?e ?d WHERE { ?e ckg:evidence ?n . OPTIONAL { ?e ckg:date ?d } }").rows
    for event, date in reports:
        low = derived.event_key(None if date is None else str(date), str(event))
        own = (derived.SELF_CODE << 59) | low
        row.add((str(event), own))
        role.add((str(event), own))
        for (q,) in store.query(PREFIX + f"SELECT ?q WHERE {{ <{event}> ckg:quantity ?q }}").rows:
            role.add((str(q), own))
        for prop, code in derived.ROLE_CODES.items():
            for (x,) in store.query(f"SELECT ?x WHERE {{ <{event}> <{prop}> ?x }}").rows:
                role.add((str(x), (code << 59) | low))
                row.add((str(event), (code << 59) | low))
    return role, row


def test_a_key_holds_the_code_the_date_rank_and_the_hash() -> None:
    node = URIRef("https://w3id.org/conflict-kg/id/event/doc-1/meeting-5")
    courier, ford = URIRef(COURIER), URIRef("https://w3id.org/conflict-kg/id/place/alder-ford")
    q = URIRef(str(node) + "/quantity/fatalities")
    triples = derived.row_triples(node, "2023-02", [(CKG.participant, courier), (CKG.location, ford),
                                                    (CKG.weapon, ford)], [q])
    low = (derived.date_rank("2023-02") << 36) | derived.iri_hash(str(node))
    own = Literal((15 << 59) | low)
    assert (node, derived.ROW_KEY, own) in triples and (node, derived.ROLE_KEY, own) in triples
    assert (q, derived.ROLE_KEY, own) in triples
    participant = (derived.ROLE_CODES[CKG.participant] << 59) | low
    assert (courier, derived.ROLE_KEY, Literal(participant)) in triples
    assert (node, derived.ROW_KEY, Literal(participant)) in triples
    assert len(triples) == 7  # no key for a role without a code (weapon)
    for _, _, key in triples:
        k = int(key)
        assert 0 <= k < 2 ** 63
        assert (k >> 36) - ((k >> 59) << 23) == derived.date_rank("2023-02")  # the query's rank
    assert participant < derived.ROLE_KEY_ACTOR_END <= (derived.ROLE_CODES[CKG.location] << 59)
    lo, hi = derived.role_range(CKG.speaker)
    assert (lo, hi) == (8 << 59, 9 << 59)
    # undated: rank 0, first; the hash tells two reports of one date apart
    assert derived.event_key(None, str(node)) >> 36 == 0
    assert derived.event_key("2023-02", str(node) + "x") != low


def test_the_keys_follow_rebuilt_and_removed_documents(tmp_path: Path) -> None:
    with KGStore.open(tmp_path / "store") as store:
        for i in range(12):
            store.replace_graph(*facts_to_graph(_report(i)))
        built = _keys(store)
        assert built == _expected(store) == _plain_expected(store)
        assert len(built[0]) > 60 and not derived.missing(store.ox_store)
        # documents built again with other dates and roles (no topic, no place in some)
        for i in (1, 4, 7):
            store.replace_graph(*facts_to_graph(_report(i, shift=2)))
        assert _keys(store) == _plain_expected(store) != built
        # documents removed: their keys go, the others' stay
        for i in (0, 4, 9):
            assert store.remove_graph(f"https://w3id.org/conflict-kg/id/graph/moor-report-{i}-{i:010d}")
        assert _keys(store) == _plain_expected(store)
        assert not derived.missing(store.ox_store)


def test_a_key_two_documents_share_stays_while_one_holds_it(tmp_path: Path) -> None:
    """Two graphs holding one role key triple (the same report told in two graphs, as a document
    built under two ids would): removing one keeps the key in the union."""
    facts = _report(2)
    graph_iri, triples = facts_to_graph(facts)
    with KGStore.open(tmp_path / "store") as store:
        store.replace_graph(graph_iri, triples)
        store.replace_graph("https://w3id.org/conflict-kg/id/graph/copy", triples)
        before = _keys(store)
        store.remove_graph("https://w3id.org/conflict-kg/id/graph/copy")
        assert _keys(store) == before
        store.remove_graph(graph_iri)
        assert _keys(store) == (set(), set())


def test_kg_derive_writes_the_keys_the_build_writes(tmp_path: Path) -> None:
    with KGStore.open(tmp_path / "store") as store:
        for i in range(6):
            store.replace_graph(*facts_to_graph(_report(i)))
        built = _keys(store)
        store.ox_store.update(PREFIX + "DELETE WHERE { GRAPH ?g { ?e ckg:roleKey ?k } } ; DELETE WHERE { ?e ckg:roleKey ?k } ;"
                              "DELETE WHERE { GRAPH ?g { ?e ckg:rowKey ?k } } ; DELETE WHERE { ?e ckg:rowKey ?k }")
        assert _keys(store) == (set(), set())
        assert derived.absent(store.ox_store) and derived.missing(store.ox_store)
        written = derived.add_to_store(store.ox_store)
        assert written["row_keys"] == len(built[1]) and written["role_keys"] >= len(built[0])
        assert _keys(store) == built
        assert not derived.absent(store.ox_store) and not derived.missing(store.ox_store)
        # run again: the same keys (it deletes them first)
        derived.add_to_store(store.ox_store)
        assert _keys(store) == built


def _rows(store: KGStore, text: str) -> list[tuple]:
    return [tuple("" if v is None else str(v) for v in row) for row in store.query(text).rows]


@pytest.mark.parametrize("size", [1, 2, 5])
def test_the_look_ups_list_every_row_in_order_after_rebuilds(tmp_path: Path, size: int) -> None:
    queries = canned.load_queries(REPO / "queries")
    with KGStore.open(tmp_path / "store") as store:
        for i in range(10):
            store.replace_graph(*facts_to_graph(_report(i)))
        for i in (3, 6):
            store.replace_graph(*facts_to_graph(_report(i, shift=1)))
        store.remove_graph("https://w3id.org/conflict-kg/id/graph/moor-report-5-0000000005")
        cases = [("actor-profile", {"actor": "courier tamsin vale"},
                  "SELECT ?e ?r ?d WHERE { ?e ?r <%s> ; ckg:evidence ?n . OPTIONAL { ?e ckg:date ?d } "
                  "FILTER(?r IN (ckg:participant, ckg:speaker)) }" % COURIER),
                 ("statements-by", {"actor": COURIER},
                  "SELECT ?e ?r ?d WHERE { ?e ?r <%s> ; ckg:evidence ?n . OPTIONAL { ?e ckg:date ?d } "
                  "FILTER(?r = ckg:speaker) }" % COURIER),
                 ("evidence", {"subject": COURIER},
                  "SELECT ?e ?r ?d WHERE { ?e ?r <%s> ; ckg:evidence ?n . OPTIONAL { ?e ckg:date ?d } }" % COURIER)]
        for name, params, plain in cases:
            expected = _rows(store, PREFIX + plain)
            assert len(expected) >= 9
            text = canned.bind(queries[name], params)
            whole = store.query(paging.page_query(text, paging.ALL))
            columns = [str(v) for v in whole.vars]
            events = [str(row[columns.index("event")]) for row in whole.rows]
            dates = ["" if row[columns.index("date")] is None else str(row[columns.index("date")]) for row in whole.rows]
            assert sorted(events) == sorted(e for e, _, _ in expected)
            assert list(zip(dates, events)) == sorted(zip(dates, events))  # by date, then event
            pages: list[tuple] = []
            for offset in range(0, len(expected) + size, size):
                pages += _rows(store, paging.page_query(text, paging.Page(size, offset)))
            assert pages == _rows(store, paging.page_query(text, paging.ALL))
            assert int(store.query(paging.count_query(text)).rows[0][0]) == len(expected)
