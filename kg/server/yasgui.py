"""The YASGUI SPARQL editor at ``/yasgui``, vendored (kg/data/vendor/yasgui), never from a CDN.

YASQE highlights and checks the query; YASR shows sortable, paged result tables. Its default
autocompleters ask prefix.cc and Linked Open Vocabularies on the internet: the page replaces
them with completions from this server only. ``/yasgui/prefixes.json`` gives the project's
prefixes (those of the ontology and of the data, the same that every query here may use
undeclared) and ``/yasgui/terms.json`` the ontology's classes and role properties (kg.graph.vocab)
with every class and property the store uses.
"""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, JSONResponse

from kg.graph.vocab import ENTITY_CLASSES, EVENT_CLASSES, ROLE_PROPERTIES
from kg.server import pages
from kg.server.service import QueryService

Q_CLASSES = "SELECT DISTINCT ?c WHERE { ?x a ?c } ORDER BY ?c LIMIT 2000"
Q_PROPERTIES = "SELECT DISTINCT ?p WHERE { ?s ?p ?o } ORDER BY ?p LIMIT 2000"

#: The server's policy (kg.server.app) but for style attributes, which YASR's result table and
#: YASQE's resize handle write as markup; scripts and connections stay 'self' only.
CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
       "script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
       "frame-ancestors 'none'; form-action 'self'")

#: Shown on first visit (YASGUI keeps the user's own tabs in the browser afterwards).
DEFAULT_QUERY = """PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?actor ?actorLabel (COUNT(?event) AS ?events) WHERE {
  ?event ckg:perpetrator ?actor .
  OPTIONAL { ?actor rdfs:label ?actorLabel }
} GROUP BY ?actor ?actorLabel ORDER BY DESC(?events) LIMIT 50
"""


def router(service: QueryService) -> APIRouter:
    r = APIRouter(include_in_schema=False)

    @r.get("/yasgui")
    async def editor() -> HTMLResponse:
        s = service.settings
        page = pages.render("yasgui.html", title="SPARQL editor", max_rows=s.max_rows,
                            timeout=s.timeout_s, default_query=DEFAULT_QUERY)
        page.headers["Content-Security-Policy"] = CSP
        return page

    @r.get("/yasgui/prefixes.json")
    async def prefixes() -> JSONResponse:
        return JSONResponse(dict(sorted(service.prefixes.items())))

    @r.get("/yasgui/terms.json")
    async def terms() -> JSONResponse:
        classes = await service.rows(Q_CLASSES)
        props = await service.rows(Q_PROPERTIES)
        pick = (lambda rows: {r[0][1] for r in rows.rows if r[0] and r[0][0] == "uri"})
        own_classes = {str(c) for c in (*ENTITY_CLASSES.values(), *EVENT_CLASSES.values())}
        own_props = {str(p) for p in ROLE_PROPERTIES.values()}
        return JSONResponse({"classes": sorted(pick(classes) | own_classes),
                             "properties": sorted(pick(props) | own_props)},
                            headers={"Cache-Control": "no-store"})

    return r
