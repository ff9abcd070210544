"""``kg serve --cors``: let browser tools on other origins read the read-only endpoint.

A hosted YASGUI, a notebook or a dashboard served from another origin may query ``/sparql``,
run canned queries (``/api/``) and fetch linked data (``/id/``) when the server was started
with ``--cors``, as Oxigraph's ``serve --cors`` allows. It is off by default and refused
together with ``--allow-update`` (kg.server.settings), so that no page on another origin can
ever drive an update; even so, a request that carries ``update`` or an Authorization header
gets no CORS grant. Credentials are never allowed (``*`` origin, no cookies are used).
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import Response

#: the read-only routes other origins may call
CORS_PREFIXES = ("/sparql", "/api/", "/id/")
ALLOWED_METHODS = "GET, POST, OPTIONS"
#: request headers a page may send: form and query bodies, content negotiation
ALLOWED_HEADERS = {"accept", "content-type", "accept-language"}
MAX_AGE = "600"
#: response headers a page may read besides the safelisted ones: the canned listings' paging
EXPOSED_HEADERS = "X-Total-Count, Link"


def _covered(path: str) -> bool:
    return path == "/sparql" or any(path.startswith(p) for p in CORS_PREFIXES[1:])


def _preflight(request: Request) -> Response:
    """Answer the browser's OPTIONS check: 204 with the grant, or 403 without it."""
    method = request.headers.get("access-control-request-method", "").upper()
    asked = {h.strip().lower() for h in request.headers.get("access-control-request-headers", "")
             .split(",") if h.strip()}
    if method not in ("GET", "POST") or not asked <= ALLOWED_HEADERS:
        refused = sorted(asked - ALLOWED_HEADERS) or [method or "(no method)"]
        return Response(f"CORS: {', '.join(refused)} not allowed on this read-only endpoint\n",
                        status_code=403, media_type="text/plain")
    return Response(status_code=204, headers={
        "Access-Control-Allow-Origin": "*",
        "Access-Control-Allow-Methods": ALLOWED_METHODS,
        "Access-Control-Allow-Headers": ", ".join(sorted(ALLOWED_HEADERS)),
        "Access-Control-Max-Age": MAX_AGE,
        "Vary": "Origin"})


def install(app: FastAPI) -> None:
    """Add the CORS middleware to ``app`` (call only when the server runs with ``--cors``)."""

    @app.middleware("http")
    async def cors(request: Request, call_next):  # type: ignore[no-untyped-def]
        path = request.url.path
        origin = request.headers.get("origin")
        if not origin or not _covered(path):
            return await call_next(request)
        if request.method == "OPTIONS" and "access-control-request-method" in request.headers:
            return _preflight(request)
        response: Response = await call_next(request)
        if "authorization" in request.headers or "update=" in request.url.query:
            return response  # an update attempt: never readable from another origin
        response.headers["Access-Control-Allow-Origin"] = "*"
        response.headers["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
        response.headers["Vary"] = ", ".join(filter(None, [response.headers.get("Vary"), "Origin"]))
        return response
