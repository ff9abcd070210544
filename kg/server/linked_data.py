"""Linked data: every IRI the graph mints, ``https://w3id.org/conflict-kg/id/X``, is served at
``/id/X``: an HTML page for browsers, Turtle / N-Triples / JSON-LD / RDF/XML by content
negotiation (or ``?format=``), 404 for an IRI the graph does not know.

The RDF description is the node's own triples, those of its child nodes (IRIs under its own,
e.g. an event's evidence or an entity's mentions) and the triples pointing at it.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from kg.graph.vocab import ENTITY_KINDS
from kg.server import pages
from kg.server.negotiation import GRAPHS, HTML, NotAcceptable, choose
from kg.server.service import HttpError, QueryService
from kg.server.views import Views, iri_term
from kg.store.sparql import CKGD

_ENTITY_KINDS = set(ENTITY_KINDS.values())
_OFFERS = GRAPHS + (HTML,)


def describe_query(iri: str) -> str:
    t = iri_term(iri)
    child = iri.replace("\\", "\\\\").replace('"', '\\"') + "/"
    return f"""CONSTRUCT {{ {t} ?p ?o . ?c ?cp ?co . ?s ?ip {t} }} WHERE {{
      {{ {t} ?p ?o }}
      UNION {{ {t} ?p0 ?c FILTER(isIRI(?c) && STRSTARTS(STR(?c), "{child}")) ?c ?cp ?co }}
      UNION {{ ?s ?ip {t} }} }}"""


def page_kind(path: str) -> str:
    """Which page an ``/id/`` path gets: entity, event, incident, document or resource."""
    parts = path.split("/")
    if parts[0] in _ENTITY_KINDS and len(parts) == 2:
        return "entity"
    if parts[0] == "event" and len(parts) == 3:
        return "event"
    if parts[0] == "incident" and len(parts) == 2:
        return "incident"
    if parts[0] == "doc" and len(parts) == 2:
        return "document"
    return "resource"


def router(service: QueryService) -> APIRouter:
    r = APIRouter(tags=["linked data"])
    views = Views(service)

    @r.get("/id/{path:path}", summary="Resolve an IRI of the graph (HTML or RDF)")
    async def resolve(path: str, request: Request) -> Response:
        iri = CKGD + path
        fmt = request.query_params.get("format")
        accept = request.headers.get("accept")
        try:
            choice = choose(_OFFERS, fmt, accept)
        except NotAcceptable as e:
            raise HttpError(406, str(e), "not-acceptable") from None
        try:
            known = bool(path) and await views.exists(iri)
        except ValueError:
            known = False
        if not known:
            raise HttpError(404, f"no resource <{iri}> in this graph", "not-found")
        if choice.name != "html":
            answer = await service.serialised(describe_query(iri), "json", choice.name)
            return Response(answer.body, media_type=choice.media_type,
                            headers={"Vary": "Accept", "Link": f'<{iri}>; rel="canonical"'})
        kind = page_kind(path)
        if kind == "entity":
            data = await views.entity(iri)
            return pages.render("entity.html", title=data.resource.label, page=data, path=path)
        if kind == "event":
            data = await views.event(iri)
            return pages.render("event.html", title=data.resource.label, page=data, path=path)
        if kind == "incident":
            data = await views.incident(iri)
            return pages.render("incident.html", title=data.resource.label, page=data, path=path)
        if kind == "document":
            data = await views.document(iri, pages.parse_mark(request.query_params.get("mark")))
            return pages.render("document.html", title=data.title, page=data, path=path)
        res = await views.resource(iri)
        return pages.render("resource.html", title=res.label, res=res, path=path)

    return r
