"""Helpers for the viz/analyze tests and benchmark: synthetic stores and a page driver.

A synthetic store is made of kg-facts/1 documents mapped by kg.graph.mapping and written with
KGStore.replace_graph, i.e. the same RDF the pipeline writes, without running spaCy.
"""

from __future__ import annotations

import random
import time
from pathlib import Path
from typing import Any, Optional

from kg.graph.mapping import facts_to_triples
from kg.models import DateValue, DocumentMeta, Entity, Event, Evidence, Facts, Mention
from kg.store.core import KGStore

XSS_NAMES = ("<img src=x onerror=alert(1)>", "<script>alert(1)</script>")
_ACTOR_TYPES = ("ArmedGroup", "ArmedForce", "Person", "Organization")


def _mention(text: str) -> Mention:
    return Mention(start=0, end=len(text), text=text, sentence=0)


def synthetic_store(path: Optional[Path], nodes: int, *, seed: int = 7, events_per_doc: int = 200,
                    names: tuple[str, ...] = ()) -> tuple[KGStore, dict[str, int]]:
    """A store of about ``nodes`` actors, places and events (a third entities), open for writing.

    Each event is an Attack, Capture or Meeting with two actors and one place, dated in 2020.
    ``names`` are extra actor names (e.g. XSS probes) that take part in the first events.
    Returns the store and the exact counts {"entities", "events", "edges"} it holds.
    """
    rnd = random.Random(seed)
    n_entities = max(nodes // 3, 4)
    n_places = max(n_entities // 3, 1)
    n_actors = n_entities - n_places
    actors = [Entity(id="", type=_ACTOR_TYPES[i % 4], name=f"Actor {i:05d}") for i in range(n_actors)]
    actors[: len(names)] = [Entity(id="", type="ArmedGroup", name=n) for n in names]
    places = [Entity(id="", type="Location", name=f"Town {i:05d}") for i in range(n_places)]
    n_events = nodes - n_entities
    store = KGStore.open(path)
    used: set[str] = set()
    edges = 0
    for doc_index, first in enumerate(range(0, n_events, events_per_doc)):
        doc_id = f"synthetic-{doc_index:05d}"
        local: dict[str, Entity] = {}
        events: list[Event] = []

        def ref(e: Entity) -> str:
            if e.name not in local:
                local[e.name] = Entity(id=f"E{len(local) + 1}", type=e.type, name=e.name,
                                       mentions=[_mention(e.name)])
            used.add(e.name)
            return local[e.name].id

        for k in range(first, min(first + events_per_doc, n_events)):
            if k < len(names):
                a, b = actors[k], actors[(k + 1) % n_actors]
            else:
                a, b = rnd.sample(actors, 2)
            place = places[k % n_places] if k < n_places else rnd.choice(places)
            kind = ("Attack", "Capture", "Meeting")[k % 3]
            roles = {"Attack": {"perpetrator": [ref(a)], "target": [ref(b)], "location": [ref(place)]},
                     "Capture": {"captor": [ref(a)], "former": [ref(b)], "place": [ref(place)]},
                     "Meeting": {"participants": [ref(a), ref(b)], "location": [ref(place)]}}[kind]
            edges += 3
            sentence = f"{a.name} and {b.name} in {place.name} (event {k})."
            day = 1 + k % 28
            month = 1 + (k // 28) % 12
            events.append(Event(id=f"V{k - first + 1}", type=kind, trigger=Mention(0, 3, sentence[:3], 0),
                                evidence=Evidence(sentence=0, start=0, end=len(sentence), text=sentence),
                                roles=roles, date=DateValue(f"2020-{month:02d}-{day:02d}", "day"),
                                confidence=0.8))
        facts = Facts(document=DocumentMeta(id=doc_id, title=f"Synthetic report {doc_index}",
                                            publisher="Synthetic Wire", published="2021-01-01"),
                      entities=list(local.values()), events=events)
        graph_iri, triples = facts_to_triples(facts)
        store.replace_graph(graph_iri, triples)
    return store, {"entities": len(used), "events": n_events, "edges": edges}


# ----------------------------------------------------------------------------- the page

def open_page(browser: Any, html: Path, *, viewport: tuple[int, int] = (1400, 900),
              timeout_s: float = 90.0) -> tuple[Any, Any, dict[str, list[str]]]:
    """Open a written page in a new context; wait until vis has drawn and the layout stopped.

    Returns (context, page, log) where log has "console" (errors), "requests" (URLs) and
    "dialogs" (alert texts: any is an XSS that ran). Polls with page.evaluate because the
    page's CSP forbids the eval that wait_for_function needs.
    """
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    page = context.new_page()
    log: dict[str, list[str]] = {"console": [], "requests": [], "dialogs": []}
    page.on("console", lambda m: log["console"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: log["console"].append(str(e)))
    page.on("request", lambda r: log["requests"].append(r.url))

    def on_dialog(d: Any) -> None:
        log["dialogs"].append(d.message)
        d.dismiss()

    page.on("dialog", on_dialog)
    page.goto(html.resolve().as_uri())
    wait_for(page, "!!(window.kgView && window.kgView.ready && window.kgView.stabilized)", timeout_s)
    return context, page, log


def wait_for(page: Any, expression: str, timeout_s: float) -> float:
    """Poll a JS expression until truthy; returns the seconds it took (fails past the timeout)."""
    start = time.monotonic()
    while not page.evaluate(expression):
        if time.monotonic() - start > timeout_s:
            raise AssertionError(f"timed out after {timeout_s} s waiting for {expression}")
        time.sleep(0.1)
    return time.monotonic() - start


def synthetic_network(nodes: int, *, seed: int = 7) -> Any:
    """The networkx graph kg.see.network would load from a synthetic store of ``nodes`` nodes,
    built directly (seconds faster than a store for the browser's scale test)."""
    import networkx as nx

    rnd = random.Random(seed)
    g = nx.DiGraph()
    n_entities = max(nodes // 3, 4)
    n_places = max(n_entities // 3, 1)
    actors = [f"https://w3id.org/conflict-kg/id/group/actor-{i}" for i in range(n_entities - n_places)]
    places = [f"https://w3id.org/conflict-kg/id/place/town-{i}" for i in range(n_places)]
    for i, a in enumerate(actors):
        g.add_node(a, kind="actor", cls=("ArmedGroup", "ArmedForce", "Person", "Organization")[i % 4],
                   iri=a, label=f"Actor {i:05d}")
    for i, p in enumerate(places):
        g.add_node(p, kind="place", cls="Place", iri=p, label=f"Town {i:05d}")
    for k in range(nodes - n_entities):
        e = f"https://w3id.org/conflict-kg/id/event/synthetic/e{k}"
        kind = ("Attack", "Capture", "Meeting")[k % 3]
        date = f"2020-{1 + (k // 28) % 12:02d}-{1 + k % 28:02d}"
        a, b = rnd.sample(actors, 2)
        g.add_node(e, kind="event", cls=kind, iri=e, date=date, label=f"{kind} {date}",
                   evidence=f"Sentence {k}.", source="Synthetic report")
        roles = {"Attack": ("perpetrator", "target"), "Capture": ("captor", "former"),
                 "Meeting": ("participants", "participants")}[kind]
        g.add_edge(e, a, role=roles[0])
        g.add_edge(e, b, role=roles[1])
        g.add_edge(e, rnd.choice(places), role="place" if kind == "Capture" else "location")
    return g


# ----------------------------------------------------------------------------- incidents

#: Invented articles for the incident tests (issue 11): three outlets tell one car bombing in
#: Kirkuk on 5 March 2017 (Islamic State on Iraqi police; 12, 20 and 14 dead: a disputed
#: figure), the third also a threat against Mosul (hypothetical: a report in no incident); a
#: fourth outlet an attack in Basra three days later (an incident of its own).
INCIDENT_ARTICLES = (
    ("kirkuk-a", "Car bomb kills 12 in Kirkuk", "Outlet A", "2017-03-06",
     "Islamic State militants attacked Iraqi police in Kirkuk on Sunday with a car bomb, killing 12 "
     "people, the police said in a statement."),
    ("kirkuk-b", "Kirkuk blast toll rises to 20", "Outlet B", "2017-03-06",
     "Islamic State fighters attacked Iraqi police in Kirkuk on Sunday, killing 20 people, officials "
     "said on Monday. It was the worst attack in the city this year."),
    ("kirkuk-c", "Checkpoint bombing in Kirkuk", "Outlet C", "2017-03-07",
     "A car bomb attack by Islamic State on Iraqi police killed 14 people in Kirkuk on 5 March, a "
     "police officer said.\n\nIslamic State could attack Mosul next week, a commander warned on "
     "Tuesday."),
    ("basra-d", "Gunmen attack Basra checkpoint", "Outlet D", "2017-03-09",
     "Gunmen attacked a checkpoint in Basra on Wednesday, killing three soldiers, the army said in "
     "a statement."),
)
KIRKUK_SENTENCES = ("killing 12 people", "killing 20 people", "killed 14 people")


def write_incident_articles(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for name, title, publisher, published, body in INCIDENT_ARTICLES:
        path = folder / f"{name}.md"
        path.write_text(f"---\ntitle: {title}\npublisher: {publisher}\npublished: {published}\n---\n{body}\n",
                        encoding="utf-8")
        files.append(path)
    return files


def build_incident_store(path: Path, extractor: Any) -> Path:
    """The incident articles built with fusion on (kg build's default) into a store at ``path``."""
    from kg import pipeline

    files = write_incident_articles(path.parent / f"{path.name}-articles")
    with KGStore.open(path) as store:
        report = pipeline.build(files, store, extractor=extractor, fuse=True)
        assert report.documents == len(files) and not report.failed
    return path
