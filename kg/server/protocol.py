"""SPARQL 1.1 Protocol at ``/sparql``: GET ``?query=``, POST form or ``application/sparql-query``.

Results come as JSON, XML, CSV or TSV (SELECT/ASK) and Turtle, N-Triples, JSON-LD or RDF/XML
(CONSTRUCT/DESCRIBE), chosen by ``format=`` or the Accept header. Updates arrive as POST
``update=`` or ``application/sparql-update`` and are refused unless the server allows them.
"""

from __future__ import annotations

from typing import Optional
from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.responses import Response

from kg.server.negotiation import GRAPHS, RESULTS, NotAcceptable, choose
from kg.server.service import HttpError, QueryService

_MEDIA = {c.name: c.media_type for c in RESULTS + GRAPHS}


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refused with 413 as soon as it passes ``limit`` bytes."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise HttpError(413, f"request body of {int(declared):,} bytes is over the server's "
                             f"limit of {limit:,}", "too-large")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HttpError(413, f"request body is over the server's limit of {limit:,} bytes",
                            "too-large")
        chunks.append(chunk)
    return b"".join(chunks)


def _decode(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise HttpError(400, "the request body is not UTF-8 text", "encoding") from None


def bearer_token(request: Request) -> Optional[str]:
    auth = request.headers.get("authorization", "")
    scheme, _, token = auth.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def _one(values: dict[str, list[str]], name: str) -> Optional[str]:
    got = values.get(name)
    if not got:
        return None
    if len(set(got)) > 1:
        raise HttpError(400, f"give '{name}' once, not {len(got)} different values", "protocol")
    return got[0]


def _format(values: dict[str, list[str]]) -> Optional[str]:
    """The ``format=`` (or ``output=``) asked for. Several values are fine when they name the
    same serialisation: SPARQLWrapper sends ``format=tsv&format=text/tab-separated-values``."""
    given = list(dict.fromkeys(values.get("format", []) + values.get("output", [])))
    if len(given) <= 1:
        return given[0] if given else None

    def names(offers) -> set[str]:
        out = set()
        for g in given:
            try:
                out.add(choose(offers, g, None).name)
            except NotAcceptable:
                out.add("?" + g)
        return out

    if len(names(RESULTS)) == 1 or len(names(GRAPHS)) == 1:
        return given[0]
    raise HttpError(400, f"conflicting formats asked for: {', '.join(given)}", "protocol")


def _formats(fmt: Optional[str], accept: Optional[str]) -> tuple[str, str]:
    """(results format, graph format) for a request: the query's form decides which is used."""
    try:
        select = choose(RESULTS, fmt, accept).name
    except NotAcceptable:
        select = ""
    try:
        graph = choose(GRAPHS, fmt, accept).name
    except NotAcceptable:
        graph = ""
    if not select and not graph:
        what = f"format {fmt!r}" if fmt else f"Accept: {accept}"
        raise HttpError(406, f"cannot answer with {what}; results come as json, xml, csv or tsv "
                             "(SELECT/ASK) and turtle, ntriples, jsonld or rdfxml "
                             "(CONSTRUCT/DESCRIBE)", "not-acceptable")
    return select, graph


async def answer_query(service: QueryService, query: str, fmt: Optional[str],
                       accept: Optional[str]) -> Response:
    select, graph = _formats(fmt, accept)
    result = await service.serialised(query, select or "json", graph or "turtle")
    if (result.kind == "graph" and not graph) or (result.kind != "graph" and not select):
        wanted = f"format {fmt!r}" if fmt else f"Accept: {accept}"
        raise HttpError(406, f"a {'graph' if result.kind == 'graph' else 'SELECT/ASK'} result "
                             f"cannot be given as {wanted}", "not-acceptable")
    media = _MEDIA[result.format]
    charset = "; charset=utf-8" if not media.endswith("xml") else ""
    return Response(result.body, media_type=media + charset,
                    headers={"Vary": "Accept", "Cache-Control": "no-store"})


def router(service: QueryService) -> APIRouter:
    r = APIRouter()
    limit = service.settings.max_body_bytes

    @r.get("/sparql", summary="SPARQL 1.1 query (GET)", tags=["SPARQL"])
    async def sparql_get(request: Request) -> Response:
        """SPARQL 1.1 Protocol query via GET ``?query=...`` (plus optional ``format=``)."""
        values = parse_qs(request.url.query, keep_blank_values=True)
        if "update" in values:
            raise HttpError(405, "SPARQL Update must be sent with POST", "protocol")
        query = _one(values, "query")
        if query is None:
            raise HttpError(400, "missing 'query' parameter (GET /sparql?query=SELECT...)",
                            "protocol")
        _unsupported_dataset(values)
        fmt = _format(values)
        return await answer_query(service, query, fmt, request.headers.get("accept"))

    @r.post("/sparql", summary="SPARQL 1.1 query or update (POST)", tags=["SPARQL"])
    async def sparql_post(request: Request) -> Response:
        """Form-encoded ``query=``/``update=``, or a body of type ``application/sparql-query``
        or ``application/sparql-update``."""
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        body = await read_body(request, limit)
        values = parse_qs(request.url.query, keep_blank_values=True)
        if ctype == "application/x-www-form-urlencoded":
            form = parse_qs(_decode(body), keep_blank_values=True)
            for k, v in form.items():
                values.setdefault(k, []).extend(v)
            query, update = _one(values, "query"), _one(values, "update")
        elif ctype == "application/sparql-query":
            query, update = _decode(body), None
        elif ctype == "application/sparql-update":
            query, update = None, _decode(body)
        else:
            raise HttpError(415, f"unsupported Content-Type {ctype or '(none)'!r}: use "
                                 "application/x-www-form-urlencoded, application/sparql-query "
                                 "or application/sparql-update", "protocol")
        _unsupported_dataset(values)
        if update is not None and query is not None:
            raise HttpError(400, "give either 'query' or 'update', not both", "protocol")
        if update is not None:
            await service.update(update, bearer_token(request))
            return Response(status_code=204)
        if query is None:
            raise HttpError(400, "missing 'query' (form field or application/sparql-query body)",
                            "protocol")
        fmt = _format(values)
        return await answer_query(service, query, fmt, request.headers.get("accept"))

    return r


def _unsupported_dataset(values: dict[str, list[str]]) -> None:
    # The protocol's default-graph-uri / named-graph-uri: the default graph here is always the
    # union of the documents; say so instead of silently ignoring them.
    for name in ("default-graph-uri", "named-graph-uri", "using-graph-uri", "using-named-graph-uri"):
        if values.get(name):
            raise HttpError(400, f"'{name}' is not supported: the default graph is the union of "
                                 "all documents; use GRAPH <...> { } in the query instead",
                            "protocol")
