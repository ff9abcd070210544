"""Canned queries over HTTP: ``/api/queries`` lists them, ``/api/queries/NAME`` runs one.

Parameters are validated and bound by kg.query.canned (never pasted into the SPARQL text); a bad
value is a 400 with kg.query.canned's message. Results are JSON rows (default), W3C SPARQL JSON,
or CSV. The OpenAPI description gets one path per canned query with its parameters.

Answers are pages (kg.query.paging): ``limit`` (default 100, at most the server's row limit) and
``offset`` choose the rows, in the query's order made total; every format carries the total in
an ``X-Total-Count`` header and the neighbouring pages in a ``Link`` header (rel next / prev),
and JSON rows also as ``total``, ``limit``, ``offset``, ``next`` and ``prev`` fields.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from pathlib import Path
from typing import Any, Optional
from urllib.parse import urlencode

from fastapi import APIRouter, FastAPI, Request
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse, Response

from kg.query import canned, paging
from kg.query.canned import CannedQuery, CannedQueryError
from kg.server.negotiation import Choice, NotAcceptable, choose
from kg.server.service import HttpError, QueryService

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {_XSD + t for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                                "positiveInteger", "negativeInteger", "nonPositiveInteger",
                                "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte")}
_DECIMALS = {_XSD + t for t in ("decimal", "double", "float")}
_OPENAPI_TYPES = {"string": ("string", None), "integer": ("integer", None),
                  "decimal": ("number", None), "date": ("string", "date"),
                  "iri": ("string", "iri"), "boolean": ("boolean", None)}
OUTPUTS = (
    Choice("json", "application/json", ("json",)),
    Choice("sparql-json", "application/sparql-results+json", ("sparql-json", "srj")),
    Choice("csv", "text/csv", ("csv",)),
)


class Catalog:
    """The canned queries of a folder, parsed again only when a .rq file changed (parsing them
    all takes ~20 ms, too much per request), so new or edited queries appear at once."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        self._sig: Optional[tuple] = None
        self._queries: dict[str, CannedQuery] = {}

    def _signature(self) -> tuple:
        try:
            return tuple(sorted((p.name, p.stat().st_mtime_ns, p.stat().st_size)
                                for p in self.directory.glob("*.rq")))
        except OSError:
            return ()

    def load(self) -> dict[str, CannedQuery]:
        sig = self._signature()
        if sig != self._sig:
            try:
                self._queries = canned.load_queries(self.directory)
            except CannedQueryError as e:
                raise HttpError(500, f"canned queries cannot be loaded: {e}", "canned") from None
            self._sig = sig
        return self._queries


def describe(q: CannedQuery) -> dict[str, Any]:
    return {"name": q.name, "title": q.title, "description": q.description,
            "url": f"/api/queries/{q.name}",
            "params": [{"name": p.name, "type": p.type, "default": p.default,
                        "required": p.required, "help": p.help,
                        "choices": list(getattr(p, "choices", ()) or ())} for p in q.params],
            "sparql": q.sparql}


def _plain(c: Any) -> Any:
    """A cell as a JSON value: numbers and booleans typed, everything else its lexical form."""
    if c is None:
        return None
    kind, value, dt, _lang = c
    if kind == "literal" and dt in _INTEGERS:
        try:
            return int(value)
        except ValueError:
            return value
    if kind == "literal" and dt in _DECIMALS:
        try:
            return float(value)
        except ValueError:
            return value
    if kind == "literal" and dt == _XSD + "boolean":
        return value in ("true", "1")
    return value


def _sparql_json(vars_: list[str], rows: list[list[Any]]) -> dict[str, Any]:
    def term(c: Any) -> dict[str, str]:
        kind, value, dt, lang = c
        out = {"type": kind if kind != "triple" else "literal", "value": value}
        if lang:
            out["xml:lang"] = lang
        elif dt:
            out["datatype"] = dt
        return out
    return {"head": {"vars": vars_},
            "results": {"bindings": [{v: term(c) for v, c in zip(vars_, r) if c is not None}
                                     for r in rows]}}


#: Query-string names the API reads itself (unless the canned query declares one of them).
PAGE_PARAMS = ("limit", "offset")


def _page_url(name: str, values: dict[str, str], fmt: Optional[str], page: paging.Page) -> str:
    """The URL of another page of the same answer: same parameters and format."""
    query = dict(values)
    if fmt is not None:
        query["format"] = fmt
    query["limit"] = str(page.limit)
    query["offset"] = str(page.offset)
    return f"/api/queries/{name}?{urlencode(query)}"


def _neighbours(name: str, values: dict[str, str], fmt: Optional[str], page: paging.Page,
                total: int) -> tuple[Optional[str], Optional[str]]:
    """URLs of the next and previous pages (None at either end)."""
    assert page.limit is not None
    nxt = (_page_url(name, values, fmt, paging.Page(page.limit, page.offset + page.limit))
           if page.offset + page.limit < total else None)
    prev = (_page_url(name, values, fmt, paging.Page(page.limit, max(0, page.offset - page.limit)))
            if page.offset > 0 else None)
    return nxt, prev


async def _count(service: QueryService, text: str) -> int:
    """The number of rows of the SELECT ``text``, counted by the engine."""
    counted = await service.rows(paging.count_query(text), max_rows=1)
    cell = counted.rows[0][0] if counted.rows else None
    return int(cell[1]) if cell is not None else 0


def router(service: QueryService) -> APIRouter:
    r = APIRouter(tags=["canned queries"])
    catalog = Catalog(service.settings.queries_dir)

    @r.get("/api/queries", summary="List the canned queries with their parameters")
    async def list_queries() -> JSONResponse:
        return JSONResponse([describe(q) for q in catalog.load().values()])

    @r.get("/api/queries/{name}", summary="Run a canned query",
           description="Query parameters are the canned query's own (see /api/queries), plus "
                       "`format` = json (default) | sparql-json | csv, `limit` (rows per page, "
                       "default 100) and `offset` (rows to skip). The total is in the "
                       "X-Total-Count header (and `total` of JSON rows), other pages in Link.")
    async def run_query(name: str, request: Request) -> Response:
        queries = catalog.load()
        if name not in queries:
            raise HttpError(404, f"no canned query named {name!r} (known: "
                                 f"{', '.join(queries) or 'none'})", "not-found")
        q = queries[name]
        values = dict(request.query_params)
        declared = {p.name for p in q.params}
        fmt = values.pop("format") if "format" in values and "format" not in declared else None
        raw_page = {k: values.pop(k) for k in PAGE_PARAMS if k in values and k not in declared}
        try:
            out = choose(OUTPUTS, fmt, request.headers.get("accept"))
        except NotAcceptable as e:
            raise HttpError(406, str(e), "not-acceptable") from None
        # Empty form fields mean "not given": the declared default applies.
        values = {k: v for k, v in values.items() if v != "" or k not in declared}
        try:
            text = canned.bind(q, values)
            page = paging.parse_page(raw_page.get("limit"), raw_page.get("offset"),
                                     max_limit=service.settings.max_rows)
            fetched = paging.window(text, page)
            paged = paging.page_query(text, fetched)
        except CannedQueryError as e:
            raise HttpError(400, str(e), "bad-parameter") from None
        result = await service.rows(paged, max_rows=fetched.limit)
        rows, total = paging.cut(page, fetched, result.rows)
        result = dataclasses.replace(result, rows=rows)
        if total is None:
            total = await _count(service, text)
        nxt, prev = _neighbours(name, values, fmt, page, total)
        links = [f'<{u}>; rel="{rel}"' for u, rel in ((nxt, "next"), (prev, "prev")) if u]
        headers = {"X-Total-Count": str(total)}
        if links:
            headers["Link"] = ", ".join(links)
        if out.name == "csv":
            buf = io.StringIO()
            w = csv.writer(buf, lineterminator="\r\n")
            w.writerow(result.vars)
            for row in result.rows:
                w.writerow(["" if c is None else (f"_:{c[1]}" if c[0] == "bnode" else c[1])
                            for c in row])
            return Response(buf.getvalue(), media_type="text/csv; charset=utf-8",
                            headers={"Content-Disposition": f'inline; filename="{name}.csv"',
                                     **headers})
        if out.name == "sparql-json":
            return Response(json.dumps(_sparql_json(result.vars, result.rows), ensure_ascii=False),
                            media_type="application/sparql-results+json", headers=headers)
        return JSONResponse({"query": name, "params": values, "vars": result.vars,
                             "total": total, "limit": page.limit, "offset": page.offset,
                             "next": nxt, "prev": prev,
                             "rows": [{v: _plain(c) for v, c in zip(result.vars, row)}
                                      for row in result.rows]}, headers=headers)

    return r


def install_openapi(app: FastAPI, folder: Path) -> None:
    """FastAPI's OpenAPI document plus one GET path per canned query, parameters documented."""

    def openapi() -> dict[str, Any]:
        doc = get_openapi(title=app.title, version=app.version, description=app.description,
                          routes=app.routes)
        try:
            queries = canned.load_queries(folder)
        except CannedQueryError:
            queries = {}
        for q in queries.values():
            params: list[dict[str, Any]] = []
            for p in q.params:
                typ, fmt_ = _OPENAPI_TYPES.get(p.type, ("string", None))
                schema: dict[str, Any] = {"type": typ}
                if fmt_:
                    schema["format"] = fmt_
                if p.default:
                    schema["default"] = p.default
                if getattr(p, "choices", ()):
                    schema["enum"] = list(p.choices)
                params.append({"name": p.name, "in": "query", "required": p.required,
                               "description": p.help or f"{p.type} parameter", "schema": schema})
            declared = {p.name for p in q.params}
            params += [{"name": n, "in": "query", "required": False, "description": d,
                        "schema": {"type": "integer", "minimum": low, "default": default}}
                       for n, d, low, default in (
                           ("limit", "rows per page (at most the server's row limit)", 1,
                            paging.DEFAULT_LIMIT),
                           ("offset", "rows to skip (the page starts after them)", 0, 0))
                       if n not in declared]
            params.append({"name": "format", "in": "query", "required": False,
                           "description": "json (default), sparql-json or csv",
                           "schema": {"type": "string", "enum": [c.name for c in OUTPUTS]}})
            doc["paths"][f"/api/queries/{q.name}"] = {"get": {
                "tags": ["canned queries"], "summary": q.title, "description": q.description,
                "operationId": f"canned_{q.name.replace('-', '_')}", "parameters": params,
                "responses": {"200": {"description": "rows", "content": {
                    "application/json": {}, "application/sparql-results+json": {},
                    "text/csv": {}}},
                    "400": {"description": "a bad parameter value (the message says which)"}}}}
        return doc

    app.openapi = openapi  # type: ignore[method-assign]
