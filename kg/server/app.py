"""The FastAPI application of ``kg serve``: ``create_app(settings)`` wires the parts together.

No module-level app and no global state: the worker pool lives in the app's lifespan, so
several apps (tests) can run side by side.
"""

from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path
from typing import AsyncIterator

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from kg.server import (
    api,
    cors,
    linked_data,
    ontology_routes,
    pages,
    protocol,
    views_page,
    yasgui,
)
from kg.server.pool import WorkerPool
from kg.server.service import HttpError, QueryService
from kg.server.settings import ServerSettings

WEB_DIR = Path(__file__).resolve().parents[1] / "data" / "web"

#: Pages may load only what this server serves: no CDN, no inline script, no other host.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; "
                               "script-src 'self'; connect-src 'self'; object-src 'none'; "
                               "base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def create_app(settings: ServerSettings) -> FastAPI:
    """The whole server for one store; the store must exist (``kg build`` makes it)."""
    if not (Path(settings.store) / "CURRENT").exists():
        raise ValueError(f"no store at {settings.store}: build one with `kg build PATH...`")
    pool = WorkerPool(settings.store, settings.workers)
    service = QueryService(settings, pool)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        await pool.start()
        try:
            yield
        finally:
            await pool.close()

    app = FastAPI(title="conflict-kg", version="0.1.0", lifespan=lifespan,
                  description="SPARQL endpoint, linked data and canned queries over a "
                              "conflict-kg knowledge graph.",
                  docs_url=None, redoc_url=None)  # their pages load scripts from a CDN
    app.state.settings = settings
    app.state.service = service
    app.state.pool = pool

    @app.middleware("http")
    async def security_headers(request: Request, call_next):  # type: ignore[no-untyped-def]
        response: Response = await call_next(request)
        for k, v in SECURITY_HEADERS.items():
            response.headers.setdefault(k, v)
        return response

    @app.exception_handler(HttpError)
    async def on_http_error(request: Request, exc: HttpError) -> Response:
        if pages.wants_html(request):
            return pages.error_page(request, exc.status, str(exc))
        return JSONResponse({"error": exc.kind, "message": str(exc)}, status_code=exc.status)

    @app.exception_handler(StarletteHTTPException)
    async def on_starlette_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = str(exc.detail) if exc.detail else "error"
        if exc.status_code == 404:
            message = f"nothing at {request.url.path}"
        if pages.wants_html(request):
            return pages.error_page(request, exc.status_code, message)
        return JSONResponse({"error": "http", "message": message}, status_code=exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def on_validation(_request: Request, exc: RequestValidationError) -> Response:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(x) for x in first.get("loc", ()))
        return JSONResponse({"error": "bad-request",
                             "message": f"{where}: {first.get('msg', 'invalid request')}"},
                            status_code=400)

    if settings.cors:  # kg serve --cors: other origins may read (never update)
        cors.install(app)
    app.include_router(protocol.router(service))
    app.include_router(api.router(service))
    app.include_router(linked_data.router(service))
    app.include_router(pages.router(service))
    app.include_router(views_page.router(service))  # /views: map, timeline, actor network
    app.include_router(ontology_routes.router())  # /ontology, /event-type/, /ext/, /shapes (kg.graph.ontodoc)
    app.mount("/static", StaticFiles(directory=WEB_DIR / "static"), name="static")
    app.include_router(yasgui.router(service))  # the vendored SPARQL editor, /yasgui
    app.mount("/vendor", StaticFiles(directory=WEB_DIR.parent / "vendor"), name="vendor")
    api.install_openapi(app, settings.queries_dir)
    return app
