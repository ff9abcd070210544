"""What the HTML pages show, gathered with SPARQL through the QueryService into dataclasses.

Templates get only these plain values (Jinja autoescapes them); nothing here builds HTML.
An entity's page lists the incidents it takes part in (kg.fuse: the reports of one event
fused), each with every report under it (article, outlet, evidence sentence), and its reports
on a timeline; an incident's own page shows the same card.
The article text is stored in the graph (``schema:articleBody`` of each ``ckg:Article``), and
mentions, triggers and evidence carry character offsets into it, so an evidence sentence is
shown inside its paragraph of the real article, and a document page can mark every mention.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Iterable, Optional

from rdflib import URIRef

from kg.graph.vocab import ENTITY_CLASSES, ENTITY_KINDS, EVENT_CLASSES, ROLE_PROPERTIES
from kg.query.formats import shorten
from kg.server.service import QueryService
from kg.server.worker import Cell
from kg.store.sparql import CKG, CKGD, to_ntriples

_RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_BOOKKEEPING = ("mention", "attribute", "link", "ordering", "localId")
_EVENT_TYPES = " ".join(f"<{c}>" for c in EVENT_CLASSES.values())
_ENTITY_TYPES = " ".join(f"<{c}>" for c in ENTITY_CLASSES.values())
_ROLES = " ".join(f"<{p}>" for p in ROLE_PROPERTIES.values())
_ROLE_NAMES = {str(p): name for name, p in ROLE_PROPERTIES.items()}
_KIND_OF_CLASS = {str(c): ENTITY_KINDS[t] for t, c in ENTITY_CLASSES.items()}
MAX_EVENTS = 300  # events shown on one entity page
MAX_INCIDENTS = 300  # incidents shown on one entity page
_PLACE_PROPERTIES = " ".join(f"<{ROLE_PROPERTIES[r]}>" for r in ("location", "destination", "place"))


def href(iri: str) -> Optional[str]:
    """The local path of an IRI this graph mints (``/id/...``), else None (shown as text)."""
    return "/id/" + iri[len(CKGD):] if iri.startswith(CKGD) and len(iri) > len(CKGD) else None


def iri_term(iri: str) -> str:
    """An IRI in SPARQL syntax, validated (ValueError for anything that is not an IRI)."""
    return to_ntriples(URIRef(iri))


@dataclass(frozen=True)
class Value:
    """A term for display: ``text`` is what a person reads, ``href`` a local link if any."""

    text: str
    iri: Optional[str] = None
    href: Optional[str] = None
    datatype: str = ""

    @classmethod
    def of(cls, c: Cell, label: Optional[Cell] = None) -> "Value":
        if c is None:
            return cls("")
        kind, value, datatype, lang = c
        if kind == "uri":
            text = label[1] if label is not None else shorten(value)
            return cls(text, value, href(value))
        if kind == "bnode":
            return cls(f"_:{value}")
        return cls(value, datatype=shorten(datatype) if datatype else (f"@{lang}" if lang else ""))


@dataclass(frozen=True)
class Fact:
    predicate: Value
    value: Value


@dataclass(frozen=True)
class Segment:
    """A run of article text; ``classes`` say how it is marked, ``href`` links it."""

    text: str
    classes: str = ""
    href: Optional[str] = None
    title: str = ""


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    cls: str
    href: Optional[str] = None
    title: str = ""


@dataclass(frozen=True)
class Excerpt:
    """The paragraph around an evidence sentence, with the sentence and mentions marked."""

    segments: list[Segment]
    doc: Value
    doc_href: Optional[str]


@dataclass
class EventCard:
    event: Value
    type: str
    role: str  # the entity's role in it (entity pages)
    date: str
    modality: str
    participants: list[tuple[str, Value]] = field(default_factory=list)
    evidence: str = ""
    excerpt: Optional[Excerpt] = None
    x: float = 0.0  # position on the timeline, 0..1 (dated events only)
    anchor: str = ""


@dataclass(frozen=True)
class Figure:
    """An incident's reconciled figure: median of independent sources, range, disputed flag."""

    kind: str
    value: str
    low: str
    high: str
    disputed: bool


@dataclass(frozen=True)
class ReportItem:
    """One article's report of an incident: its event, article, outlet and evidence sentence."""

    event: Value
    doc: Value
    publisher: str
    published: str
    date: str
    evidence: str
    doc_href: Optional[str]  # the article with the sentence marked


@dataclass
class IncidentCard:
    """An incident (kg.fuse): the reports of one real-world event fused, with all its reports."""

    incident: Value
    type: str
    role: str  # the entity's role in it (entity pages)
    date: str
    modality: str
    place: Optional[Value]
    figures: list[Figure]
    sources: int
    disputed: bool
    participants: list[tuple[str, Value]] = field(default_factory=list)
    reports: list[ReportItem] = field(default_factory=list)
    anchor: str = ""


@dataclass
class Resource:
    """Any node: its label, types and facts, incoming links too."""

    iri: str
    label: str
    types: list[Value]
    facts: list[Fact]
    incoming: list[Fact]


@dataclass
class EntityPage:
    resource: Resource
    kind: str
    events: list[EventCard]
    undated: list[EventCard]
    truncated: bool
    years: list[tuple[float, str]]  # timeline ticks (x 0..1, label)
    incidents: list[IncidentCard] = field(default_factory=list)
    incidents_truncated: bool = False


@dataclass
class IncidentPage:
    resource: Resource
    card: IncidentCard


@dataclass
class EventPage:
    resource: Resource
    card: EventCard
    quantities: list[tuple[str, str, str]]
    incident: Optional[Value] = None  # the incident this report is part of (kg.fuse)


@dataclass
class DocumentPage:
    resource: Resource
    title: str
    segments: list[Segment]
    entities: list[tuple[Value, str, int]]  # entity, kind, mentions
    events: list[Value]
    has_text: bool


# --- text marking ----------------------------------------------------------------------------

def mark(text: str, spans: Iterable[Span], start: int = 0, end: Optional[int] = None) -> list[Segment]:
    """Cut ``text[start:end]`` at every span edge; each piece carries the spans covering it.

    Nested or overlapping spans are fine: a piece gets all their classes, and the link of
    the shortest linked span over it.
    """
    end = len(text) if end is None else end
    spans = [s for s in spans if s.end > start and s.start < end and s.end > s.start]
    cuts = sorted({start, end, *(max(s.start, start) for s in spans), *(min(s.end, end) for s in spans)})
    out: list[Segment] = []
    for a, b in zip(cuts, cuts[1:]):
        cover = [s for s in spans if s.start <= a and s.end >= b]
        linked = sorted((s for s in cover if s.href), key=lambda s: s.end - s.start)
        classes = " ".join(sorted({s.cls for s in cover}))
        titles = "; ".join(s.title for s in cover if s.title)
        out.append(Segment(text[a:b], classes, linked[0].href if linked else None, titles))
    return out


def paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The blank-line-separated paragraph(s) holding ``[start, end)``."""
    a = text.rfind("\n\n", 0, start)
    b = text.find("\n\n", end)
    return (0 if a < 0 else a + 2), (len(text) if b < 0 else b)


def timeline_x(date: str) -> Optional[float]:
    """A date (YYYY, YYYY-MM, YYYY-MM-DD) as a fractional year, for placing it on a timeline."""
    m = re.fullmatch(r"(-?\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", date.strip())
    if not m:
        return None
    year, month, day = int(m.group(1)), int(m.group(2) or 7), int(m.group(3) or 15)
    try:
        days = (dt.date(2001, month, min(day, 28)) - dt.date(2001, 1, 1)).days
    except ValueError:
        return None
    return year + days / 365.0


def _int(c: Cell) -> int:
    return int(c[1]) if c is not None else 0


def _str(c: Cell) -> str:
    return c[1] if c is not None else ""


def _num(c: Cell) -> str:
    """A number for reading: 14.0 -> '14', 13.5 stays."""
    text = _str(c)
    try:
        value = float(text)
    except ValueError:
        return text
    return str(int(value)) if value.is_integer() else text


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


# --- queries -----------------------------------------------------------------------------------

class Views:
    """Builds page data for one IRI (each method a few SPARQL queries)."""

    def __init__(self, service: QueryService) -> None:
        self.q = service

    async def exists(self, iri: str) -> bool:
        t = iri_term(iri)
        return await self.q.ask(f"ASK {{ {{ {t} ?p ?o }} UNION {{ ?s ?p {t} }} }}")

    async def resource(self, iri: str) -> Resource:
        t = iri_term(iri)
        skip = ", ".join(f"<{CKG}{n}>" for n in _BOOKKEEPING)
        out = (await self.q.rows(f"""
            SELECT ?p ?o ?oLabel ?wkt WHERE {{ {t} ?p ?o FILTER(?p NOT IN ({skip}))
              OPTIONAL {{ ?o <{_RDFS_LABEL}> ?oLabel }}
              OPTIONAL {{ ?o <http://www.opengis.net/ont/geosparql#asWKT> ?wkt }} }}
            ORDER BY ?p ?o""")).dicts()
        inc = (await self.q.rows(f"""
            SELECT ?s ?p ?sLabel WHERE {{ ?s ?p {t}
              FILTER(?p NOT IN (<{CKG}inArticle>, <http://www.w3.org/ns/prov#wasDerivedFrom>))
              OPTIONAL {{ ?s <{_RDFS_LABEL}> ?sLabel }} }} ORDER BY ?p ?s LIMIT 500""")).dicts()
        label = next((r["o"][1] for r in out if r["p"] and r["p"][1] == _RDFS_LABEL and r["o"]), "")
        types = [Value.of(r["o"]) for r in out if r["p"] and r["p"][1] == _RDF_TYPE]
        facts = []
        for r in out:
            if r["p"][1] in (_RDF_TYPE, "https://schema.org/articleBody"):
                continue
            value = Value(r["wkt"][1]) if r.get("wkt") is not None else Value.of(r["o"], r.get("oLabel"))
            facts.append(Fact(Value.of(r["p"]), value))
        incoming = [Fact(Value.of(r["p"]), Value.of(r["s"], r.get("sLabel"))) for r in inc]
        return Resource(iri, label or shorten(iri), types, facts, incoming)

    async def _bodies(self, docs: Iterable[str]) -> dict[str, str]:
        docs = sorted(set(docs))
        if not docs:
            return {}
        values = " ".join(iri_term(d) for d in docs)
        rows = await self.q.rows(f"SELECT ?doc ?body WHERE {{ VALUES ?doc {{ {values} }} "
                                 f"?doc <https://schema.org/articleBody> ?body }}")
        return {r["doc"][1]: r["body"][1] for r in rows.dicts()}

    async def _participants(self, events: list[str]) -> dict[str, list[tuple[str, Value]]]:
        if not events:
            return {}
        values = " ".join(iri_term(e) for e in events)
        rows = await self.q.rows(f"""
            SELECT ?event ?role ?a (MIN(?l) AS ?label) WHERE {{ VALUES ?event {{ {values} }}
              VALUES ?role {{ {_ROLES} }} ?event ?role ?a OPTIONAL {{ ?a <{_RDFS_LABEL}> ?l }} }}
            GROUP BY ?event ?role ?a ORDER BY ?event ?role ?label""")
        out: dict[str, list[tuple[str, Value]]] = {}
        for r in rows.dicts():
            out.setdefault(r["event"][1], []).append(
                (_ROLE_NAMES.get(r["role"][1], _local(r["role"][1])), Value.of(r["a"], r.get("label"))))
        return out

    async def _mentions(self, entities: list[str], docs: list[str]) -> dict[str, list[tuple[int, int, str]]]:
        """doc -> [(start, end, entity)] for the given entities' mentions in the given docs."""
        if not entities or not docs:
            return {}
        ev = " ".join(iri_term(e) for e in sorted(set(entities)))
        dv = " ".join(iri_term(d) for d in sorted(set(docs)))
        rows = await self.q.rows(f"""
            SELECT ?doc ?x ?s ?e WHERE {{ VALUES ?x {{ {ev} }} VALUES ?doc {{ {dv} }}
              ?x <{CKG}mention> ?m . ?m <{CKG}inArticle> ?doc ;
              <{CKG}startOffset> ?s ; <{CKG}endOffset> ?e }}""")
        out: dict[str, list[tuple[int, int, str]]] = {}
        for r in rows.dicts():
            out.setdefault(r["doc"][1], []).append((_int(r["s"]), _int(r["e"]), r["x"][1]))
        return out

    def _excerpt(self, body: Optional[str], doc: Value, start: int, end: int,
                 mentions: list[tuple[int, int, str]], self_iri: Optional[str]) -> Optional[Excerpt]:
        if not body or not (0 <= start < end <= len(body)):
            return None
        a, b = paragraph_bounds(body, start, end)
        spans = [Span(start, end, "evidence")]
        for s, e, x in mentions:
            if start <= s and e <= end:
                spans.append(Span(s, e, "mention self" if x == self_iri else "mention", href(x)))
        doc_href = f"{doc.href}?mark={start}-{end}#mark" if doc.href else None
        return Excerpt(mark(body, spans, a, b), doc, doc_href)

    async def _cards(self, rows: list[dict[str, Cell]], self_iri: Optional[str]) -> list[EventCard]:
        events = [r["event"][1] for r in rows]
        parts = await self._participants(events)
        bodies = await self._bodies(r["doc"][1] for r in rows)
        actors = [v.iri for ps in parts.values() for _, v in ps if v.iri]
        mentions = await self._mentions(actors, list(bodies))
        cards = []
        for i, r in enumerate(rows):
            doc = Value.of(r["doc"], r.get("docTitle"))
            card = EventCard(
                event=Value.of(r["event"]), type=_local(_str(r["type"])),
                role=_ROLE_NAMES.get(_str(r.get("role")), ""), date=_str(r.get("date")),
                modality=_local(_str(r.get("modality"))).lower(),
                participants=parts.get(r["event"][1], []), evidence=_str(r.get("evText")),
                anchor=f"ev-{i}")
            card.excerpt = self._excerpt(bodies.get(r["doc"][1]), doc, _int(r.get("evStart")),
                                         _int(r.get("evEnd")), mentions.get(r["doc"][1], []), self_iri)
            cards.append(card)
        return cards

    _EVENT_FIELDS = f"""?event ckg:reportedIn ?doc ; ckg:evidence ?ev . ?event a ?type
              VALUES ?type {{ {_EVENT_TYPES} }}
              ?ev ckg:text ?evText ; ckg:startOffset ?evStart ; ckg:endOffset ?evEnd .
              OPTIONAL {{ ?event ckg:date ?date }} OPTIONAL {{ ?event ckg:modality ?modality }}
              OPTIONAL {{ ?doc dcterms:title ?docTitle }}"""

    # --- incidents (kg.fuse) ----------------------------------------------------------------

    async def _incident_cards(self, rows: list[dict[str, Cell]]) -> list[IncidentCard]:
        """Cards for incident rows (``?inc ?type ?date ?modality ?sources ?disputed``, optional
        ``?role``): place, figures, participants and every report with its sentence."""
        incs = [r["inc"][1] for r in rows]
        if not incs:
            return []
        values = " ".join(iri_term(i) for i in incs)
        places = {r["inc"][1]: Value.of(r["place"], r.get("label")) for r in (await self.q.rows(f"""
            SELECT ?inc ?place (MIN(?l) AS ?label) WHERE {{ VALUES ?inc {{ {values} }}
              VALUES ?pp {{ {_PLACE_PROPERTIES} }} ?inc ?pp ?place
              OPTIONAL {{ ?place <{_RDFS_LABEL}> ?l }} }} GROUP BY ?inc ?place ORDER BY ?inc ?place""")).dicts()}
        figures: dict[str, list[Figure]] = {}
        for r in (await self.q.rows(f"""
            SELECT ?inc ?kind ?value ?lo ?hi ?dis WHERE {{ VALUES ?inc {{ {values} }}
              ?inc ckg:figure ?f . ?f ckg:quantityKind ?kind ; rdf:value ?value .
              OPTIONAL {{ ?f ckg:minValue ?lo }} OPTIONAL {{ ?f ckg:maxValue ?hi }}
              OPTIONAL {{ ?f ckg:disputed ?dis }} }} ORDER BY ?inc ?kind""")).dicts():
            figures.setdefault(r["inc"][1], []).append(Figure(
                _str(r["kind"]), _num(r["value"]), _num(r.get("lo")), _num(r.get("hi")),
                _str(r.get("dis")) in ("true", "1")))
        reports: dict[str, list[ReportItem]] = {}
        for r in (await self.q.rows(f"""
            SELECT ?inc ?r ?doc ?docTitle ?publisher ?published ?date ?evText ?evStart ?evEnd WHERE {{
              VALUES ?inc {{ {values} }} ?inc ckg:report ?r . ?r ckg:reportedIn ?doc .
              OPTIONAL {{ ?r ckg:evidence ?ev . ?ev ckg:text ?evText
                         OPTIONAL {{ ?ev ckg:startOffset ?evStart ; ckg:endOffset ?evEnd }} }}
              OPTIONAL {{ ?r ckg:date ?date }}
              OPTIONAL {{ ?doc dcterms:title ?docTitle }} OPTIONAL {{ ?doc dcterms:publisher ?publisher }}
              OPTIONAL {{ ?doc dcterms:issued ?published }} }}
            ORDER BY ?inc ?published ?docTitle ?r""")).dicts():
            doc = Value.of(r["doc"], r.get("docTitle"))
            start, end = _int(r.get("evStart")), _int(r.get("evEnd"))
            doc_href = f"{doc.href}?mark={start}-{end}#mark" if doc.href and end > start else doc.href
            item = ReportItem(Value.of(r["r"]), doc, _str(r.get("publisher")), _str(r.get("published")),
                              _str(r.get("date")), _str(r.get("evText")), doc_href)
            mine = reports.setdefault(r["inc"][1], [])
            if all(x.event.iri != item.event.iri for x in mine):
                mine.append(item)
        parts = await self._participants(incs)
        cards = []
        for i, r in enumerate(rows):
            inc = r["inc"][1]
            cards.append(IncidentCard(
                incident=Value.of(r["inc"], r.get("label")), type=_local(_str(r.get("type"))),
                role=" ".join(sorted({_ROLE_NAMES.get(x, _local(x)) for x in _str(r.get("roles")).split()})),
                date=_str(r.get("date")), modality=_local(_str(r.get("modality"))).lower(),
                place=places.get(inc), figures=figures.get(inc, []), sources=_int(r.get("sources")),
                disputed=_str(r.get("disputed")) in ("true", "1"), participants=parts.get(inc, []),
                reports=reports.get(inc, []), anchor=f"inc-{i}"))
        return cards

    _INCIDENT_FIELDS = f"""?inc a <{CKG}Incident> , ?ty . VALUES ?ty {{ {_EVENT_TYPES} }}
              OPTIONAL {{ ?inc ckg:date ?d }} OPTIONAL {{ ?inc ckg:modality ?m }}
              OPTIONAL {{ ?inc ckg:sources ?s }} OPTIONAL {{ ?inc ckg:disputed ?dis }}
              OPTIONAL {{ ?inc <{_RDFS_LABEL}> ?l }}"""
    _INCIDENT_SELECT = """?inc (MIN(?ty) AS ?type) (MIN(?d) AS ?date) (MIN(?m) AS ?modality)
              (MAX(?s) AS ?sources) (MAX(STR(?dis)) AS ?disputed) (MIN(?l) AS ?label)"""

    async def _entity_incidents(self, iri: str) -> list[dict[str, Cell]]:
        t = iri_term(iri)
        return (await self.q.rows(f"""
            SELECT {self._INCIDENT_SELECT} (GROUP_CONCAT(DISTINCT STR(?role); separator=" ") AS ?roles)
            WHERE {{ VALUES ?role {{ {_ROLES} }} ?inc ?role {t} . {self._INCIDENT_FIELDS} }}
            GROUP BY ?inc ORDER BY ?date ?inc LIMIT {MAX_INCIDENTS + 1}""")).dicts()

    async def incident(self, iri: str) -> IncidentPage:
        res = await self.resource(iri)
        t = iri_term(iri)
        rows = (await self.q.rows(f"""
            SELECT {self._INCIDENT_SELECT} WHERE {{ VALUES ?inc {{ {t} }} {self._INCIDENT_FIELDS} }}
            GROUP BY ?inc""")).dicts()
        rows = [r for r in rows if r.get("inc") is not None]
        cards = await self._incident_cards(rows)
        card = cards[0] if cards else IncidentCard(Value.of(("uri", iri, "", "")), "", "", "", "", None,
                                                   [], 0, False)
        return IncidentPage(res, card)

    async def entity(self, iri: str) -> EntityPage:
        res = await self.resource(iri)
        t = iri_term(iri)
        rows = (await self.q.rows(f"""
            SELECT ?event ?type ?role ?date ?modality ?evText ?evStart ?evEnd ?doc ?docTitle
            WHERE {{ VALUES ?role {{ {_ROLES} }} ?event ?role {t} . {self._EVENT_FIELDS} }}
            ORDER BY ?date ?event LIMIT {MAX_EVENTS + 1}""")).dicts()
        truncated = len(rows) > MAX_EVENTS
        cards = await self._cards(rows[:MAX_EVENTS], iri)
        dated = [(timeline_x(c.date), c) for c in cards if c.date]
        dated = [(x, c) for x, c in dated if x is not None]
        undated = [c for c in cards if not c.date or timeline_x(c.date) is None]
        years: list[tuple[float, str]] = []
        if dated:
            lo = min(x for x, _ in dated)
            hi = max(x for x, _ in dated)
            lo_y, hi_y = int(lo), int(hi) + 1
            span = max(hi_y - lo_y, 1)
            for x, c in dated:
                c.x = 0.02 + 0.96 * (x - lo_y) / span
            step = max(1, span // 8)
            years = [(0.02 + 0.96 * (y - lo_y) / span, str(y)) for y in range(lo_y, hi_y + 1, step)]
        kind = next((_KIND_OF_CLASS[v.iri] for v in res.types if v.iri in _KIND_OF_CLASS), "")
        inc_rows = await self._entity_incidents(iri)
        incidents = await self._incident_cards(inc_rows[:MAX_INCIDENTS])
        return EntityPage(res, kind, [c for _, c in dated], undated, truncated, years,
                          incidents, len(inc_rows) > MAX_INCIDENTS)

    async def event(self, iri: str) -> EventPage:
        res = await self.resource(iri)
        t = iri_term(iri)
        rows = (await self.q.rows(f"""
            SELECT ?event ?type ?date ?modality ?evText ?evStart ?evEnd ?doc ?docTitle
            WHERE {{ VALUES ?event {{ {t} }} {self._EVENT_FIELDS} }} LIMIT 1""")).dicts()
        card = (await self._cards(rows, None))[0] if rows else EventCard(Value.of(("uri", iri, "", "")), "", "", "", "")
        qrows = (await self.q.rows(f"""
            SELECT ?kind ?value ?qual WHERE {{ {t} ckg:quantity ?q . ?q ckg:quantityKind ?kind ;
              rdf:value ?value OPTIONAL {{ ?q ckg:qualifier ?qual }} }} ORDER BY ?kind""")).dicts()
        quantities = [(_str(r["kind"]), _str(r["value"]), _local(_str(r.get("qual")))) for r in qrows]
        irows = (await self.q.rows(f"""
            SELECT ?inc (MIN(?l) AS ?label) WHERE {{ ?inc ckg:report {t} ; a <{CKG}Incident>
              OPTIONAL {{ ?inc <{_RDFS_LABEL}> ?l }} }} GROUP BY ?inc ORDER BY ?inc LIMIT 1""")).dicts()
        incident = Value.of(irows[0]["inc"], irows[0].get("label")) if irows and irows[0].get("inc") else None
        return EventPage(res, card, quantities, incident)

    async def document(self, iri: str, highlight: Optional[tuple[int, int]]) -> DocumentPage:
        res = await self.resource(iri)
        t = iri_term(iri)
        meta = (await self.q.rows(f"SELECT ?title ?body WHERE {{ OPTIONAL {{ {t} dcterms:title ?title }} "
                                  f"OPTIONAL {{ {t} schema:articleBody ?body }} }} LIMIT 1")).dicts()
        title = _str(meta[0].get("title")) if meta else ""
        body = _str(meta[0].get("body")) if meta else ""
        ments = (await self.q.rows(f"""
            SELECT ?x (MIN(?l) AS ?label) (SAMPLE(?c) AS ?cls) ?s ?e WHERE {{
              ?m ckg:inArticle {t} ; a ckg:Mention ; ckg:startOffset ?s ; ckg:endOffset ?e .
              ?x ckg:mention ?m . OPTIONAL {{ ?x rdfs:label ?l }}
              OPTIONAL {{ ?x a ?c VALUES ?c {{ {_ENTITY_TYPES} }} }} }}
            GROUP BY ?x ?s ?e ORDER BY ?s""")).dicts()
        trig = (await self.q.rows(f"""
            SELECT ?event ?type ?s ?e WHERE {{ ?event ckg:reportedIn {t} ; ckg:trigger ?tr ; a ?type
              VALUES ?type {{ {_EVENT_TYPES} }} ?tr ckg:startOffset ?s ; ckg:endOffset ?e }}
            ORDER BY ?s""")).dicts()
        spans: list[Span] = []
        counts: dict[str, tuple[Value, str, int]] = {}
        for r in ments:
            v = Value.of(r["x"], r.get("label"))
            kind = _KIND_OF_CLASS.get(_str(r.get("cls")), "entity")
            spans.append(Span(_int(r["s"]), _int(r["e"]), f"mention kind-{kind}", v.href, v.text))
            old = counts.get(v.iri or v.text)
            counts[v.iri or v.text] = (v, kind, (old[2] if old else 0) + 1)
        events = []
        for r in trig:
            v = Value.of(r["event"])
            typ = _local(_str(r["type"]))
            spans.append(Span(_int(r["s"]), _int(r["e"]), "trigger", v.href, f"{typ} event"))
            events.append(Value(f"{typ} ({v.iri.rsplit('/', 1)[-1] if v.iri else ''})", v.iri, v.href))
        if highlight and body and 0 <= highlight[0] < highlight[1] <= len(body):
            spans.append(Span(highlight[0], highlight[1], "evidence", None, "evidence"))
        segments = mark(body, spans) if body else []
        entities = sorted(counts.values(), key=lambda e: (-e[2], e[0].text))
        return DocumentPage(res, title or res.label, segments, entities, events, bool(body))
