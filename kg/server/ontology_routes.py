"""The vocabulary IRIs resolve: ``/ontology``, ``/event-type/...``, ``/ext/...``, ``/shapes``.

``https://w3id.org/conflict-kg/ontology`` is served at ``/ontology`` as the path under
``https://w3id.org/conflict-kg/`` (as ``/id/`` serves the data): HTML documentation for
browsers (kg.graph.ontodoc; each term ``ontology#Name`` is an anchor of that page), the Turtle file
itself, RDF/XML, N-Triples or JSON-LD by ``Accept`` or ``?format=``. The slash IRIs of the
event-type scheme and of the CAMEO / PLOVER / ACLED concepts answer their own triples in RDF,
and send browsers (303) to their entry on the page. ``/ontology/Name`` does the same for a
term named without the ``#``.
"""

from __future__ import annotations

from functools import lru_cache

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from rdflib import URIRef

from kg.graph import ontodoc, ontology_files
from kg.graph.vocab import CKG
from kg.server.negotiation import GRAPHS, HTML, Choice, NotAcceptable, choose
from kg.server.service import HttpError

_OFFERS = GRAPHS + (HTML,)


def _choice(request: Request) -> Choice:
    try:
        return choose(_OFFERS, request.query_params.get("format"), request.headers.get("accept"))
    except NotAcceptable as e:
        raise HttpError(406, str(e), "not-acceptable") from None


def _mtimes() -> tuple[float, ...]:
    return tuple(ontology_files.find(n).stat().st_mtime for n in ontodoc.DOCUMENTS.values())


@lru_cache(maxsize=2)
def _page(_mtimes: tuple[float, ...]) -> str:
    return ontodoc.render_html()


def _rdf(body: bytes, choice: Choice, iri: str) -> Response:
    return Response(body, media_type=choice.media_type,
                    headers={"Vary": "Accept", "Link": f'<{iri}>; rel="canonical"'})


def _term(iri: str, choice: Choice) -> Response:
    """A single term: its triples in RDF, or a 303 to its entry on the documentation page."""
    anchor = ontodoc.anchor_of(URIRef(iri))
    if choice.name == "html":
        if anchor is None or ontodoc.describe(URIRef(iri), "turtle") is None:
            raise HttpError(404, f"no term <{iri}> in the ontology", "not-found")
        return RedirectResponse(f"/ontology#{anchor}", status_code=303)
    body = ontodoc.describe(URIRef(iri), choice.name)
    if body is None:
        raise HttpError(404, f"no term <{iri}> in the ontology", "not-found")
    return _rdf(body, choice, iri)


def router() -> APIRouter:
    r = APIRouter(tags=["ontology"])

    @r.get("/ontology", summary="The conflict-kg ontology (HTML documentation or RDF)")
    async def ontology(request: Request) -> Response:
        choice = _choice(request)
        if choice.name == "html":
            return HTMLResponse(_page(_mtimes()), headers={"Vary": "Accept"})
        return _rdf(ontodoc.serialise("ontology", choice.name), choice, ontodoc.BASE + "ontology")

    @r.get("/ontology/{name}", summary="One ontology term, named without the '#'")
    async def ontology_term(name: str, request: Request) -> Response:
        return _term(str(CKG) + name, _choice(request))

    @r.get("/shapes", summary="The SHACL shapes")
    async def shapes(request: Request) -> Response:
        choice = _choice(request)
        if choice.name == "html":
            return RedirectResponse("/ontology#shapes", status_code=303)
        return _rdf(ontodoc.serialise("shapes", choice.name), choice, str(ontodoc.SHAPES_IRI))

    @r.get("/event-type/{name:path}", summary="The event-type scheme, or one event type")
    async def event_type(name: str, request: Request) -> Response:
        choice = _choice(request)
        if not name:
            if choice.name == "html":
                return RedirectResponse("/ontology#event-types", status_code=303)
            return _rdf(ontodoc.serialise("event-type", choice.name), choice, str(ontodoc.SCHEME_IRI))
        return _term(ontodoc.BASE + "event-type/" + name, choice)

    @r.get("/ext/{path:path}", summary="A CAMEO, PLOVER or ACLED concept the event types map to")
    async def external(path: str, request: Request) -> Response:
        return _term(ontodoc.BASE + "ext/" + path, _choice(request))

    return r
