"""HTML pages: the query editor (``/``), entity, event, document and resource pages.

Pages are Jinja2 templates from ``kg/data/web/templates`` rendered with autoescaping on for
every template, so article text and names are always text, never markup; the pages' own
scripts (``kg/data/web/static``) build the DOM with ``textContent`` only. The Content
Security Policy (kg.server.app) forbids inline scripts and other hosts as a second line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from kg.server.negotiation import parse_accept
from kg.server.service import QueryService
from kg.server.views import href

WEB_DIR = Path(__file__).resolve().parents[1] / "data" / "web"


def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(WEB_DIR / "templates")),
                      autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["pct"] = lambda x: f"{100 * float(x):.2f}"
    return env


_ENV = environment()  # templates only: immutable after load, safe to share


def render(name: str, status: int = 200, **context: Any) -> HTMLResponse:
    return HTMLResponse(_ENV.get_template(name).render(**context), status_code=status)


def wants_html(request: Request) -> bool:
    """True when the client ranks text/html above the machine formats (a browser)."""
    accept = request.headers.get("accept", "")
    for media, _q in parse_accept(accept):
        if media in ("text/html", "application/xhtml+xml"):
            return True
        if media not in ("*/*",):
            return False
    return False


def error_page(request: Request, status: int, message: str) -> HTMLResponse:
    return render("error.html", status, title=f"{status}", message=message)


def router(service: QueryService) -> APIRouter:
    r = APIRouter(include_in_schema=False)

    @r.get("/")
    async def index() -> HTMLResponse:
        s = service.settings
        return render("index.html", title="Query", max_rows=s.max_rows, timeout=s.timeout_s)

    @r.get("/documents")
    async def documents() -> HTMLResponse:
        rows = await service.rows("""
            SELECT ?doc (SAMPLE(?t) AS ?title) (SAMPLE(?p) AS ?publisher) (SAMPLE(?d) AS ?date)
            WHERE { ?doc a ckg:Article OPTIONAL { ?doc dcterms:title ?t }
                    OPTIONAL { ?doc dcterms:publisher ?p } OPTIONAL { ?doc dcterms:issued ?d } }
            GROUP BY ?doc ORDER BY DESC(?date) ?title""")
        docs = [{"href": href(r["doc"][1]) or "#",
                 "title": (r.get("title") or r["doc"])[1],
                 "publisher": r["publisher"][1] if r.get("publisher") else "",
                 "published": r["date"][1] if r.get("date") else ""} for r in rows.dicts()]
        return render("documents.html", title="Documents", docs=docs)

    @r.get("/favicon.ico")
    async def favicon() -> Response:
        return FileResponse(WEB_DIR / "static" / "favicon.svg", media_type="image/svg+xml")

    return r


def parse_mark(value: Optional[str]) -> Optional[tuple[int, int]]:
    """``?mark=START-END`` (character offsets of the article) or None."""
    if not value:
        return None
    a, sep, b = value.partition("-")
    if not sep or not a.isdigit() or not b.isdigit():
        return None
    return int(a), int(b)
