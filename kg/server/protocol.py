"""SPARQL 1.1 Protocol at ``/sparql``: GET ``?query=``, POST form or ``application/sparql-query``.

Results come as JSON, XML, CSV or TSV (SELECT/ASK) and Turtle, N-Triples, JSON-LD or RDF/XML
(CONSTRUCT/DESCRIBE), chosen by ``format=`` or the Accept header. Updates arrive as POST
``update=`` or ``application/sparql-update`` and are refused unless the server allows them.

The protocol's ``default-graph-uri`` and ``named-graph-uri`` set the query's RDF dataset and
take precedence over the query's own ``FROM`` / ``FROM NAMED`` (SPARQL 1.1 Protocol 2.1.4).
"""

from __future__ import annotations

import re
from typing import Optional
from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.responses import Response

from kg.server.negotiation import GRAPHS, RESULTS, NotAcceptable, choose
from kg.server.service import Dataset, HttpError, QueryService

_MEDIA = {c.name: c.media_type for c in RESULTS + GRAPHS}
#: scheme ":" then no space, quote, angle bracket, brace or backslash (RFC 3987, loosely)
_ABSOLUTE_IRI = re.compile(r'^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`]*$')


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
                       accept: Optional[str], dataset: Optional[Dataset] = None,
                       base_iri: Optional[str] = None) -> Response:
    select, graph = _formats(fmt, accept)
    result = await service.serialised(query, select or "json", graph or "turtle", dataset,
                                      base_iri)
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
        dataset = protocol_dataset(values)
        fmt = _format(values)
        return await answer_query(service, query, fmt, request.headers.get("accept"), dataset,
                                  _endpoint(request))

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
        _unsupported_update_dataset(values)
        dataset = protocol_dataset(values)
        if update is not None and query is not None:
            raise HttpError(400, "give either 'query' or 'update', not both", "protocol")
        if update is not None:
            if dataset is not None:
                raise HttpError(400, "'default-graph-uri' and 'named-graph-uri' apply to queries; "
                                     "an update takes 'using-graph-uri' (not supported here)",
                                "protocol")
            await service.update(update, bearer_token(request))
            return Response(status_code=204)
        if query is None:
            raise HttpError(400, "missing 'query' (form field or application/sparql-query body)",
                            "protocol")
        fmt = _format(values)
        return await answer_query(service, query, fmt, request.headers.get("accept"), dataset,
                                  _endpoint(request))

    return r


def _endpoint(request: Request) -> str:
    """The endpoint's own URL, the base IRI of a query (relative IRIs like ``<s>`` resolve
    against it, as Oxigraph's server does)."""
    return str(request.url.replace(query="", fragment=""))


def protocol_dataset(values: dict[str, list[str]]) -> Optional[Dataset]:
    """The RDF dataset the request names with ``default-graph-uri`` / ``named-graph-uri``.

    None when it names none (the query's FROM clauses, else the store's union default graph,
    apply). When it names any, it is the whole dataset, as the protocol says: only
    ``named-graph-uri`` given means an empty default graph, as Oxigraph's own server does.
    """
    default = list(dict.fromkeys(values.get("default-graph-uri", [])))
    named = list(dict.fromkeys(values.get("named-graph-uri", [])))
    if not default and not named:
        return None
    for name, iris in (("default-graph-uri", default), ("named-graph-uri", named)):
        for iri in iris:
            if not _ABSOLUTE_IRI.match(iri):
                raise HttpError(400, f"'{name}' must be an absolute IRI, got {iri[:200]!r}",
                                "protocol")
    return Dataset(tuple(default), tuple(named))


def _unsupported_update_dataset(values: dict[str, list[str]]) -> None:
    # The update dataset (USING / USING NAMED by protocol) is not implemented: refuse it
    # plainly rather than ignore it. Updates are off unless the server allows them anyway.
    for name in ("using-graph-uri", "using-named-graph-uri"):
        if values.get(name):
            raise HttpError(400, f"'{name}' is not supported: name the graphs with USING <...> "
                                 "or GRAPH <...> { } in the update instead", "protocol")
