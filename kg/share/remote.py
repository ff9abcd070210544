"""Push the store to an external SPARQL 1.1 triple store, and pull CONSTRUCT results from one.

Push sends one named graph per document, by the Graph Store HTTP Protocol (PUT, then POSTs for
the next batches) or, for stores without it, by SPARQL Update (INSERT DATA in operations of 200
triples, small graphs packed several to a request, through SPARQLWrapper). Blank nodes are
scoped to one request, so every triple that has one travels in the first batch of its graph.

A push is atomic per graph when the store has an update endpoint: the graph is loaded into its
staging graph (``<graph>#kg-push-staging``), then one SPARQL Update operation, a DELETE/INSERT,
swaps that content in (:func:`_swap`). One operation is one transaction on Oxigraph and on
Virtuoso 7; a multi-operation request and a Graph Store PUT are not on Virtuoso, and its MOVE
is slow (see docs/sharing.md for what was measured). Counts of the remote are read in pages, so a store
that caps result rows (Virtuoso's ResultSetMaxRows) still gives every graph.

Every failure of the remote (refused, down, 401, 5xx, timeout) is a :class:`RemoteError` with
one line of text; during a push it is a :class:`PushError` that also carries what had already
been pushed.
"""

from __future__ import annotations

import ast
import base64
import hashlib
import http.client
import re
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Callable, Iterable, Iterator, Optional, Sequence
from typing import Literal as TypingLiteral

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, XSD
from rdflib.term import Node

from kg.store.core import GRAPH_BASE, KGStore
from kg.store.sparql import (
    KNOWN_PREFIXES,
    StoreError,
    check_query_limits,
    from_ox,
    mask_sparql,
    query_form,
    syntax_error,
)

__all__ = [
    "Auth",
    "DEFAULT_BATCH",
    "VIRTUOSO_UPDATE_LIMIT",
    "Endpoints",
    "GraphPlan",
    "PushError",
    "PushProgress",
    "PushReport",
    "PushedGraph",
    "Remote",
    "RemoteError",
    "count_mismatches",
    "local_graph_counts",
    "plan_push",
    "pull",
    "pull_graph_iri",
    "pulled_triples",
    "push",
    "remote_graph_counts",
    "staging_graph",
    "with_known_prefixes",
]

DEFAULT_BATCH = 50_000  # triples per request: ~5-8 MB of N-Triples
VIRTUOSO_UPDATE_LIMIT = 500  # triples per SPARQL Update request to Virtuoso (Endpoints.update_limit)
Method = TypingLiteral["gsp", "update"]
_NT = "application/n-triples"


class RemoteError(StoreError):
    """The remote store is unreachable, refused a request, or answered something unusable."""


# ----------------------------------------------------------------------------- where and who


@dataclass(frozen=True)
class Endpoints:
    """The three URLs of a SPARQL 1.1 store; ``update``/``gsp`` are None when unknown."""

    query: str
    update: Optional[str] = None
    gsp: Optional[str] = None
    # True when one request is one transaction (a Graph Store PUT, a multi-operation update), as
    # on Oxigraph: then a graph that fits in one request needs no staging. Virtuoso 7 keeps the
    # part of a refused PUT it had read and the operations before a failing one; unknown stores
    # are taken to be like it.
    atomic_requests: bool = False
    # Most triples one SPARQL Update request may carry (None: no limit known). Virtuoso 7
    # compiles a request into one code vector of at most 32 KB: 50 INSERT DATA operations
    # (10,000 triples) overflowed it ~9 times (SQ199); 1,000 triples fit, 500 were as fast.
    update_limit: Optional[int] = None

    @classmethod
    def resolve(cls, base: Optional[str] = None, *, query: Optional[str] = None,
                update: Optional[str] = None, gsp: Optional[str] = None,
                layout: str = "oxigraph") -> "Endpoints":
        """Explicit URLs win; the rest comes from the base URL and the server's ``layout``.

        ``oxigraph``: /query, /update, /store. ``virtuoso``: /sparql, /sparql-auth (SPARQL
        Update, digest auth) and /sparql-graph-crud-auth (Graph Store Protocol, digest auth).
        A base given as its ``/query`` or ``/sparql`` URL is taken as the base too. Only an
        Oxigraph base URL without explicit URLs counts as ``atomic_requests``.
        """
        if layout not in _LAYOUTS:
            raise RemoteError(f"unknown server layout {layout!r}: use {' or '.join(_LAYOUTS)}")
        paths = _LAYOUTS[layout]
        root: Optional[str] = None
        if base is not None:
            root = _check_url(base, "endpoint").rstrip("/")
            for suffix in ("/query", "/sparql"):
                if root.endswith(suffix):
                    root = root[: -len(suffix)]
        chosen_query = query or (root + paths[0] if root else None)
        if chosen_query is None:
            raise RemoteError("give the store's base URL or --query-endpoint")
        return cls(
            atomic_requests=layout == "oxigraph" and root is not None and not (query or update or gsp),
            update_limit=VIRTUOSO_UPDATE_LIMIT if layout == "virtuoso" else None,
            query=_check_url(chosen_query, "query endpoint"),
            update=_check_url(update, "update endpoint") if update else (root + paths[1] if root else None),
            gsp=_check_url(gsp, "graph store endpoint") if gsp else (root + paths[2] if root else None),
        )


# query, update, graph store paths under a server's base URL
_LAYOUTS = {"oxigraph": ("/query", "/update", "/store"),
            "virtuoso": ("/sparql", "/sparql-auth", "/sparql-graph-crud-auth")}


def _check_url(url: str, what: str) -> str:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise RemoteError(f"{what} {url!r} is not an http(s) URL")
    return url


@dataclass(frozen=True)
class Auth:
    """HTTP Basic (user + password) or a bearer token; both empty means no Authorization header."""

    user: Optional[str] = None
    password: Optional[str] = None
    token: Optional[str] = None

    def __post_init__(self) -> None:
        if self.token and (self.user or self.password):
            raise RemoteError("give either --user/--password or --token, not both")
        if (self.user is None) != (self.password is None):
            raise RemoteError("--user and --password go together")

    def header(self) -> Optional[str]:
        """The Authorization header value, or None."""
        if self.token:
            return f"Bearer {self.token}"
        if self.user is not None and self.password is not None:
            raw = f"{self.user}:{self.password}".encode("utf-8")
            return "Basic " + base64.b64encode(raw).decode("ascii")
        return None


@dataclass(frozen=True)
class Remote:
    """A remote store: its endpoints, credentials and the time limit of one request.

    With ``--user``/``--password``, a store that asks for HTTP Digest (Virtuoso's ``-auth``
    endpoints) gets it: the first request to each endpoint is a bodiless probe that learns the
    challenge, later requests answer it directly (``_digest`` keeps it, per endpoint URL).
    """

    endpoints: Endpoints
    auth: Auth = field(default_factory=Auth)
    timeout_s: float = 60.0
    _digest: dict = field(default_factory=dict, compare=False, repr=False)


# ----------------------------------------------------------------------------- HTTP Digest (RFC 7616, MD5)


@dataclass
class _Challenge:
    realm: str
    nonce: str
    opaque: Optional[str]
    qop: Optional[str]
    algorithm: str
    count: int = 0


def _parse_digest(header: Optional[str]) -> Optional[_Challenge]:
    """The Digest challenge of a WWW-Authenticate header (None when it offers no Digest)."""
    if not header or not header.strip().lower().startswith("digest"):
        return None
    params = {k.lower(): v1 if v1 else v2
              for k, v1, v2 in re.findall(r'(\w+)\s*=\s*(?:"([^"]*)"|([^\s,]+))', header.strip()[6:])}
    if "nonce" not in params:
        return None
    qops = [q.strip() for q in params.get("qop", "").split(",") if q.strip()]
    return _Challenge(realm=params.get("realm", ""), nonce=params["nonce"], opaque=params.get("opaque"),
                      qop="auth" if "auth" in qops else None, algorithm=params.get("algorithm", "MD5"))


def _digest_header(auth: Auth, challenge: _Challenge, method: str, url: str) -> str:
    import secrets

    if challenge.algorithm.upper() not in ("MD5", "MD5-SESS"):
        raise RemoteError(f"the store wants digest algorithm {challenge.algorithm}; only MD5 is supported")
    parts = urllib.parse.urlsplit(url)
    uri = parts.path + (f"?{parts.query}" if parts.query else "")

    def h(text: str) -> str:
        return hashlib.md5(text.encode("utf-8")).hexdigest()  # noqa: S324 - the protocol's hash

    challenge.count += 1
    nc, cnonce = f"{challenge.count:08x}", secrets.token_hex(8)
    ha1 = h(f"{auth.user}:{challenge.realm}:{auth.password}")
    if challenge.algorithm.upper() == "MD5-SESS":
        ha1 = h(f"{ha1}:{challenge.nonce}:{cnonce}")
    ha2 = h(f"{method}:{uri}")
    if challenge.qop:
        response = h(f"{ha1}:{challenge.nonce}:{nc}:{cnonce}:{challenge.qop}:{ha2}")
    else:
        response = h(f"{ha1}:{challenge.nonce}:{ha2}")
    fields = [f'username="{auth.user}"', f'realm="{challenge.realm}"', f'nonce="{challenge.nonce}"',
              f'uri="{uri}"', f'response="{response}"', f"algorithm={challenge.algorithm}"]
    if challenge.opaque is not None:
        fields.append(f'opaque="{challenge.opaque}"')
    if challenge.qop:
        fields += [f"qop={challenge.qop}", f"nc={nc}", f'cnonce="{cnonce}"']
    return "Digest " + ", ".join(fields)


def _endpoint_key(url: str) -> str:
    return url.split("?", 1)[0]


def _authorization(remote: Remote, method: str, url: str) -> Optional[str]:
    """The Authorization header for one request: digest once the endpoint asked for it."""
    challenge = remote._digest.get(_endpoint_key(url))
    if challenge is not None:
        return _digest_header(remote.auth, challenge, method, url)
    return remote.auth.header()


def _learn(remote: Remote, url: str, www_authenticate: Optional[str]) -> bool:
    """Keep a digest challenge from a 401; True when there is a new one to answer."""
    if remote.auth.user is None or remote.auth.password is None:
        return False
    challenge = _parse_digest(www_authenticate)
    if challenge is None:
        return False
    key = _endpoint_key(url)
    old = remote._digest.get(key)
    if old is not None and old.nonce == challenge.nonce and "stale=true" not in (www_authenticate or "").lower():
        return False  # our answer to this very challenge was refused: wrong user or password
    remote._digest[key] = challenge
    return True


def _probe(remote: Remote, url: str) -> None:
    """Before the first request to an endpoint with user and password: a bodiless HEAD without
    credentials, so that a store wanting Digest says so before we send a big body (once per
    endpoint; the password never goes out as Basic to a store that asks for Digest)."""
    key = _endpoint_key(url)
    if remote.auth.user is None or key in remote._digest:
        return
    remote._digest[key] = None
    request = urllib.request.Request(key, method="HEAD")  # no credentials: Virtuoso only
    try:  # challenges a request without any (to Basic ones it answers a bare 401)
        with urllib.request.urlopen(request, timeout=remote.timeout_s):
            pass
    except urllib.error.HTTPError as exc:
        if exc.code == 401:
            challenge = _parse_digest(exc.headers.get("WWW-Authenticate"))
            if challenge is not None:
                remote._digest[key] = challenge
    except (urllib.error.URLError, OSError, http.client.HTTPException):
        pass  # the real request will say what is wrong


# ----------------------------------------------------------------------------- HTTP plumbing


def _describe_failure(url: str, exc: BaseException, auth: Auth, timeout_s: float) -> str:
    """One line saying why a request to ``url`` failed (named without its query string)."""
    url = url.split("?", 1)[0]
    if isinstance(exc, urllib.error.HTTPError):
        body = _short(exc.read() if exc.fp is not None else b"")
        hint = _auth_hint(auth) if exc.code in (401, 403) else ""
        return f"{url} answered {exc.code} {exc.reason}{hint}" + (f": {body}" if body else "")
    reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if isinstance(reason, (socket.timeout, TimeoutError)):
        return f"{url} did not answer within {timeout_s:g} s (timeout)"
    if isinstance(reason, ConnectionRefusedError):
        return f"cannot connect to {url}: connection refused (is the store running?)"
    if isinstance(reason, (ConnectionResetError, BrokenPipeError, http.client.RemoteDisconnected,
                           http.client.IncompleteRead)):
        return f"{url} closed the connection mid-request (did the store stop?)"
    if isinstance(reason, socket.gaierror):
        return f"cannot resolve the host of {url}: {reason.strerror or reason}"
    return f"request to {url} failed: {reason}"


def _auth_hint(auth: Auth) -> str:
    if auth.header():
        return " (wrong --user/--password or --token?)"
    return " (the store wants credentials: --user/--password or --token)"


def _short(body: bytes, limit: int = 200) -> str:
    text = " ".join(body.decode("utf-8", "replace").split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _http(remote: Remote, method: str, url: str, *, body: Optional[bytes] = None,
          content_type: Optional[str] = None, accept: Optional[str] = None) -> bytes:
    """One HTTP request (proxies from the environment apply, as they do for SPARQLWrapper)."""
    _probe(remote, url)
    for attempt in (1, 2):
        request = urllib.request.Request(url, data=body, method=method)
        if content_type:
            request.add_header("Content-Type", content_type)
        if accept:
            request.add_header("Accept", accept)
        header = _authorization(remote, method, url)
        if header:
            request.add_header("Authorization", header)
        try:
            with urllib.request.urlopen(request, timeout=remote.timeout_s) as response:
                return response.read()
        except urllib.error.HTTPError as exc:
            if exc.code == 401 and attempt == 1 and _learn(remote, url, exc.headers.get("WWW-Authenticate")):
                exc.close()
                continue  # a store that wants digest, or a new nonce: answer it once
            raise RemoteError(_describe_failure(url, exc, remote.auth, remote.timeout_s)) from None
        except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
            raise RemoteError(_describe_failure(url, exc, remote.auth, remote.timeout_s)) from None
    raise AssertionError("unreachable")


def _sparql_wrapper(remote: Remote, *, update: bool = False):  # -> SPARQLWrapper
    from SPARQLWrapper import POST, POSTDIRECTLY, URLENCODED, SPARQLWrapper

    endpoints = remote.endpoints
    if update and not endpoints.update:
        raise RemoteError("no update endpoint: give the base URL or --update-endpoint")
    sw = SPARQLWrapper(endpoints.query, updateEndpoint=endpoints.update)
    sw.setTimeout(int(max(1, round(remote.timeout_s))))
    sw.setMethod(POST)
    # Updates: the body is the request (no form encoding of big batches). Queries: a form, as
    # Virtuoso 7.2 never answers a POSTed application/sparql-query body.
    sw.setRequestMethod(POSTDIRECTLY if update else URLENCODED)
    url = (endpoints.update if update else endpoints.query) or ""
    _probe(remote, url)
    header = _authorization(remote, "POST", url)
    if header:
        sw.addCustomHttpHeader("Authorization", header)
    return sw


def _run_sparql(remote: Remote, text: str, *, update: bool = False,
                return_format: Optional[str] = None) -> bytes:
    """Send a query (or an update) through SPARQLWrapper; returns the raw response body."""
    url = (remote.endpoints.update if update else remote.endpoints.query) or ""
    for attempt in (1, 2):
        sw = _sparql_wrapper(remote, update=update)
        if return_format:
            sw.setReturnFormat(return_format)
        if update:
            # SPARQLWrapper finds the request type with regexes over the whole text: seconds for
            # a batch of triples. Let it read a stub of the same form, then give it the text.
            sw.setQuery(text[: text.index("{") + 1] + "}" if "{" in text else text)
            sw.queryString = text
        else:
            sw.setQuery(text)
        try:
            return _sparql_answer(remote, sw, url)
        except _Stale:
            if attempt == 2:
                break
            remote._digest.pop(_endpoint_key(url), None)  # probe again for a fresh nonce
    raise RemoteError(f"{url} answered 401 Unauthorized{_auth_hint(remote.auth)}")


class _Stale(Exception):
    """A digest answer refused: maybe only its nonce expired."""


def _sparql_answer(remote: Remote, sw, url: str) -> bytes:  # sw: SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    try:
        response = sw.query().response
        return response.read()
    except SPARQLWrapperException as exc:
        if type(exc).__name__ == "Unauthorized" and remote._digest.get(_endpoint_key(url)) is not None:
            raise _Stale() from None
        status = {"QueryBadFormed": "400 Bad Request", "Unauthorized": "401 Unauthorized",
                  "EndPointNotFound": "404 Not Found", "URITooLong": "414 URI Too Long",
                  "EndPointInternalError": "500 Internal Server Error"}.get(type(exc).__name__, "an error")
        hint = _auth_hint(remote.auth) if type(exc).__name__ == "Unauthorized" else ""
        body = _short(_response_of(exc))
        raise RemoteError(f"{url} answered {status}{hint}" + (f": {body}" if body else "")) from None
    except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
        raise RemoteError(_describe_failure(url, exc, remote.auth, remote.timeout_s)) from None


def _response_of(exc: BaseException) -> bytes:
    """The server's body, which SPARQLWrapper keeps only as a repr inside its message."""
    marker = "Response:\n"
    text = str(exc)
    if marker not in text:
        return b""
    try:
        body = ast.literal_eval(text.split(marker, 1)[1].strip())
    except (ValueError, SyntaxError):
        return b""
    return body if isinstance(body, bytes) else str(body).encode("utf-8")


# ----------------------------------------------------------------------------- reading the remote


def remote_graph_counts(remote: Remote, page: int = 1000) -> dict[str, int]:
    """Named graph IRI -> number of triples, as the remote store has them now.

    Read in pages of graphs in IRI order, each page starting after the last graph of the one
    before (``FILTER(STR(?g) > last)``, no OFFSET: Virtuoso refuses a sorted OFFSET + LIMIT
    over 10,000 rows). A store that caps result rows (Virtuoso's ``ResultSetMaxRows``, 10,000 in
    Debian's ini) then still gives every graph, where one query would silently stop at the cap.
    """
    counts: dict[str, int] = {}
    after: Optional[str] = None
    while True:
        where = "" if after is None else f" FILTER(STR(?g) > {_string_literal(after)})"
        rows = _select_rows(remote, f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }}{where} }} "
                                    f"GROUP BY ?g ORDER BY STR(?g) LIMIT {page}")
        try:
            page_counts = {r["g"]["value"]: int(r["n"]["value"]) for r in rows}
        except (ValueError, KeyError, TypeError) as exc:
            raise RemoteError(f"{remote.endpoints.query} sent an unreadable SPARQL JSON result: {exc}") from None
        if not page_counts or rows[-1]["g"]["value"] == after:
            return {g: n for g, n in counts.items() if not g.startswith("_:")}
        counts.update(page_counts)
        after = rows[-1]["g"]["value"]


def _string_literal(text: str) -> str:
    """``text`` as a SPARQL string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r") + '"'


def _select_rows(remote: Remote, query: str) -> list[dict]:
    """The bindings of a SELECT, from its SPARQL JSON result."""
    import json

    body = _run_sparql(remote, query, return_format="json")
    try:
        rows = json.loads(body)["results"]["bindings"]
    except (ValueError, KeyError, TypeError) as exc:
        raise RemoteError(f"{remote.endpoints.query} sent an unreadable SPARQL JSON result: {exc}") from None
    if not isinstance(rows, list):
        raise RemoteError(f"{remote.endpoints.query} sent an unreadable SPARQL JSON result: no bindings list")
    return rows


def _ox_term(binding: dict) -> "ox.NamedNode | ox.BlankNode | ox.Literal":
    """A term of a SPARQL JSON result as a pyoxigraph term."""
    kind, value = binding["type"], binding["value"]
    if kind == "uri":
        return ox.NamedNode(value)
    if kind == "bnode":
        return ox.BlankNode(value)
    if "xml:lang" in binding:
        return ox.Literal(value, language=binding["xml:lang"])
    if "datatype" in binding:
        return ox.Literal(value, datatype=ox.NamedNode(binding["datatype"]))
    return ox.Literal(value)


def _remote_graph_paged(remote: Remote, graph: str, page: int = 1000) -> list[ox.Triple]:
    """A remote graph by paged SELECTs, for a store whose downloads stop at a row cap. The sort
    sits in a subquery and LIMIT/OFFSET outside it: Virtuoso's way to page past 10,000 rows."""
    triples: list[ox.Triple] = []
    while True:
        rows = _select_rows(remote, f"SELECT ?s ?p ?o WHERE {{ {{ SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> "
                                    f"{{ ?s ?p ?o }} }} ORDER BY ?s ?p ?o }} }} LIMIT {page} OFFSET {len(triples)}")
        try:
            triples += [ox.Triple(_ox_term(r["s"]), _ox_term(r["p"]), _ox_term(r["o"])) for r in rows]  # type: ignore[arg-type]
        except (KeyError, TypeError, ValueError) as exc:
            raise RemoteError(f"{remote.endpoints.query} sent an unreadable row of graph {graph}: {exc}") from None
        if not rows:
            return triples


def _remote_graph_ntriples(remote: Remote, graph: str) -> bytes:
    """A remote graph's content as N-Triples (GSP GET, else a CONSTRUCT)."""
    if remote.endpoints.gsp:
        url = remote.endpoints.gsp + "?" + urllib.parse.urlencode({"graph": graph})
        return _http(remote, "GET", url, accept=_NT)
    query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    return _run_sparql(remote, query, return_format="turtle")


def _content_hash(triples: Iterable[ox.Triple]) -> str:
    """Order-independent digest of a graph; blank nodes count only by their position."""
    lines = []
    for t in triples:
        parts = ["_:" if isinstance(x, ox.BlankNode) else str(x) for x in (t.subject, t.predicate, t.object)]
        lines.append(" ".join(parts))
    digest = hashlib.sha256()
    for line in sorted(lines):
        digest.update(line.encode("utf-8") + b"\n")
    return digest.hexdigest()


# ----------------------------------------------------------------------------- push


@dataclass(frozen=True)
class GraphPlan:
    """What a push would do to one graph: ``new``, ``replace`` (content differs) or ``same``."""

    graph: str
    action: TypingLiteral["new", "replace", "same"]
    local_triples: int
    remote_triples: int


@dataclass(frozen=True)
class PushedGraph:
    """How much of one graph reached the remote; ``complete`` once its last batch was accepted."""

    graph: str
    triples: int
    total: int

    @property
    def complete(self) -> bool:
        return self.triples == self.total


@dataclass
class PushReport:
    """What a push sent: graphs in push order (the last may be partial after a failure)."""

    method: str
    planned_graphs: int = 0
    graphs: list[PushedGraph] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def triples(self) -> int:
        return sum(g.triples for g in self.graphs)

    @property
    def complete_graphs(self) -> list[PushedGraph]:
        return [g for g in self.graphs if g.complete]


class PushError(RemoteError):
    """A push that stopped part way; ``report`` says what the remote had accepted by then."""

    def __init__(self, message: str, report: PushReport) -> None:
        super().__init__(message)
        self.report = report


@dataclass(frozen=True)
class PushProgress:
    """Passed to the progress callback after every accepted batch."""

    graph: str
    graphs_done: int
    graphs_total: int
    triples_done: int
    triples_total: int


ProgressFn = Callable[[PushProgress], None]


def local_graph_counts(store: KGStore) -> dict[str, int]:
    """Named graph IRI -> triples in the local store (the derived union is not a graph)."""
    rows = store.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g").rows
    return {str(g): int(n) for g, n in rows}  # type: ignore[arg-type]


def _select_graphs(store: KGStore, graphs: Optional[Sequence[str]]) -> dict[str, int]:
    counts = local_graph_counts(store)
    if graphs is None:
        return dict(sorted(counts.items()))
    chosen: dict[str, int] = {}
    for name in graphs:
        iri = name if name in counts else GRAPH_BASE + name
        if iri not in counts:
            raise RemoteError(f"no graph or document {name!r} in the local store (see `kg docs`)")
        chosen[iri] = counts[iri]
    return chosen


def plan_push(store: KGStore, remote: Remote, graphs: Optional[Sequence[str]] = None) -> list[GraphPlan]:
    """Compare each local graph with the remote's (triple count, then a content hash)."""
    local = _select_graphs(store, graphs)
    there = remote_graph_counts(remote)
    plans: list[GraphPlan] = []
    for graph, n in local.items():
        if graph not in there:
            plans.append(GraphPlan(graph, "new", n, 0))
            continue
        same = there[graph] == n and _local_hash(store, graph) == _remote_hash(remote, graph, n)
        plans.append(GraphPlan(graph, "same" if same else "replace", n, there[graph]))
    return plans


def _local_hash(store: KGStore, graph: str) -> str:
    quads = store.ox_store.quads_for_pattern(None, None, None, ox.NamedNode(graph))
    return _content_hash(q.triple for q in quads)


def _remote_hash(remote: Remote, graph: str, expected: Optional[int] = None) -> str:
    """The content hash of a remote graph; when its download holds fewer triples than the
    store counts (``expected``: a row cap cut it), the graph is read again in pages."""
    body = _remote_graph_ntriples(remote, graph)
    fmt = ox.RdfFormat.N_TRIPLES if remote.endpoints.gsp else ox.RdfFormat.TURTLE
    try:
        triples = list(ox.parse(body, format=fmt))
    except SyntaxError as exc:
        raise RemoteError(f"the remote sent graph {graph} in a form that does not parse: {exc}") from None
    if expected is not None and len(triples) < expected:
        triples = _remote_graph_paged(remote, graph)
    return _content_hash(triples)


@dataclass(frozen=True)
class _Piece:
    """Part of one graph for one request: N-Triples text; ``first`` replaces what ``target`` held.

    ``target`` is where the piece is written: the graph itself, or its staging graph for an
    atomic push (``last`` then also swaps the staging graph's content into the graph).
    """

    graph: str
    body: bytes
    triples: int
    first: bool
    target: str = ""
    last: bool = True

    @property
    def staged(self) -> bool:
        return self.target != self.graph


def staging_graph(graph: str) -> str:
    """Where a graph is loaded before it replaces the real one (atomic push).

    Fixed per graph, so that pushing again after a failure overwrites a leftover.
    """
    return graph + "#kg-push-staging"


def _has_bnode(line: bytes) -> bool:
    """Whether an N-Triples line (Oxigraph's: ``S P O .``, single spaces) has a blank node.

    A literal whose last word starts with ``_:`` also counts: harmless, that only moves the line
    to its graph's first request.
    """
    return line.startswith(b"_:") or line.rsplit(b" ", 2)[-2].startswith(b"_:")


def _pieces(store: KGStore, graph: str, size: int, atomic: bool, whole_atomic: bool) -> Iterator[_Piece]:
    """A graph in pieces of ``size`` triples (Oxigraph writes the N-Triples), blank nodes first.

    Blank node labels only hold within one request, so every triple with one goes in the first
    piece, which may then be bigger than ``size``. With ``atomic``, the pieces go to the graph's
    staging graph (:func:`staging_graph`) and the last one swaps it into place, unless the graph
    fits in one request and the store makes a request one transaction (``whole_atomic``).
    """
    lines = store.ox_store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph)).splitlines()
    first = size
    if len(lines) > size:
        with_bnodes = [line for line in lines if _has_bnode(line)]
        if with_bnodes:
            lines = with_bnodes + [line for line in lines if not _has_bnode(line)]
            first = max(size, len(with_bnodes))
    target = staging_graph(graph) if atomic and (len(lines) > first or not whole_atomic) else graph
    yield _Piece(graph, b"\n".join(lines[:first]) + b"\n", len(lines[:first]), True, target,
                 last=len(lines) <= first)
    for start in range(first, len(lines), size):
        chunk = lines[start:start + size]
        yield _Piece(graph, b"\n".join(chunk) + b"\n", len(chunk), False, target,
                     last=start + size >= len(lines))


def _requests(store: KGStore, graphs: Iterable[str], size: int, method: Method,
              atomic: bool, whole_atomic: bool) -> Iterator[list[_Piece]]:
    """Pieces grouped into requests: one per piece for the GSP (a request names one graph);
    SPARQL Update packs small graphs together up to ``size`` triples per request."""
    pending: list[_Piece] = []
    count = 0
    for graph in graphs:
        for piece in _pieces(store, graph, size, atomic, whole_atomic):
            if method == "gsp":
                yield [piece]
                continue
            if pending and count + piece.triples > size:
                yield pending
                pending, count = [], 0
            pending.append(piece)
            count += piece.triples
    if pending:
        yield pending


_INSERT_OPS = 200  # triples per INSERT DATA operation (several operations make one request)


def _swap(staging: str, graph: str) -> str:
    """One SPARQL Update operation that gives ``graph`` exactly the content of ``staging``.

    A single DELETE/INSERT: its deletions (all of ``graph``) apply before its insertions (all of
    ``staging``), so triples in both stay. One operation is one transaction on every store; on
    Virtuoso 7 the operations of a multi-operation request are not (a failing one leaves the
    earlier ones done), and its ``MOVE`` took 24-56 s for 60,000 triples here against ~7 s
    for this (docs/sharing.md).
    """
    return (f"DELETE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }} INSERT {{ GRAPH <{graph}> {{ ?s2 ?p2 ?o2 }} }} "
            f"WHERE {{ {{ GRAPH <{graph}> {{ ?s ?p ?o }} }} UNION {{ GRAPH <{staging}> {{ ?s2 ?p2 ?o2 }} }} }}")


def _empty(graph: str) -> str:
    """Remove every triple of ``graph`` (Virtuoso: several times faster than DROP or CLEAR)."""
    return f"DELETE WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"


def _send(remote: Remote, method: Method, pieces: list[_Piece]) -> None:
    if method == "gsp":
        [piece] = pieces
        if not remote.endpoints.gsp:
            raise RemoteError("no graph store endpoint: give the base URL or --gsp-endpoint, "
                              "or push with --method update")
        url = remote.endpoints.gsp + "?" + urllib.parse.urlencode({"graph": piece.target})
        _http(remote, "PUT" if piece.first else "POST", url, body=piece.body, content_type=_NT)
        if piece.staged and piece.last:
            _run_sparql(remote, _swap(piece.target, piece.graph) + " ;\n" + _empty(piece.target), update=True)
        return
    ops = []
    for piece in pieces:
        if piece.first:
            ops.append(_empty(piece.target) if piece.staged else f"DROP SILENT GRAPH <{piece.target}>")
        lines = piece.body.decode("utf-8").splitlines(keepends=True)
        for start in range(0, len(lines), _INSERT_OPS):  # Virtuoso: at most ~10,000 lines of SQL an operation
            chunk = "".join(lines[start:start + _INSERT_OPS])
            ops.append(f"INSERT DATA {{ GRAPH <{piece.target}> {{\n{chunk}}} }}")
        if piece.staged and piece.last:
            ops += [_swap(piece.target, piece.graph), _empty(piece.target)]
    _run_sparql(remote, " ;\n".join(ops), update=True)


def push(store: KGStore, remote: Remote, *, method: Method = "gsp", batch_size: int = DEFAULT_BATCH,
         graphs: Optional[Sequence[str]] = None, progress: Optional[ProgressFn] = None,
         atomic: Optional[bool] = None) -> PushReport:
    """Replace each local named graph (all, or the given graph IRIs / document ids) on the remote.

    ``atomic`` (the default when the remote has an update endpoint): each graph is loaded into
    its staging graph, then one SPARQL Update operation swaps it into place (:func:`_swap`), so
    readers see the old graph or the new one, never half, and a push that fails part way leaves
    the graph as it was. A graph that fits in one request skips the staging only on a store
    whose requests are transactions (``Endpoints.atomic_requests``, Oxigraph): a Graph Store PUT
    is not atomic everywhere (Virtuoso 7 keeps the part of a refused body it had read, in place
    of the old graph). Without ``atomic``, graphs are written in place.
    With ``method="update"``, ``batch_size`` is capped at the store's ``update_limit``.
    Raises PushError, carrying the report so far, when the remote fails part way.
    """
    if batch_size < 1:
        raise RemoteError(f"batch size must be at least 1, got {batch_size}")
    if method not in ("gsp", "update"):
        raise RemoteError(f"unknown push method {method!r}: use gsp or update")
    if atomic is None:
        atomic = remote.endpoints.update is not None
    elif atomic and remote.endpoints.update is None:
        raise RemoteError("an atomic replace swaps a staging graph in with SPARQL Update: give --update-endpoint")
    if method == "update" and remote.endpoints.update_limit:
        batch_size = min(batch_size, remote.endpoints.update_limit)
    chosen = _select_graphs(store, graphs)
    report = PushReport(method=method, planned_graphs=len(chosen))
    sent: dict[str, int] = {}  # what the real graphs hold (staged triples count once swapped in)
    staged: dict[str, int] = {}
    total = sum(chosen.values())
    started = time.perf_counter()

    def so_far() -> list[PushedGraph]:
        return [PushedGraph(g, n, chosen[g]) for g, n in sent.items()]

    for request in _requests(store, chosen, batch_size, method, atomic, remote.endpoints.atomic_requests):
        try:
            _send(remote, method, request)
        except RemoteError as exc:
            report.graphs, report.seconds = so_far(), time.perf_counter() - started
            raise PushError(str(exc) + _staging_note(remote, request, staged), report) from None
        for piece in request:
            if piece.staged:
                staged[piece.graph] = staged.get(piece.graph, 0) + piece.triples
                if piece.last:
                    sent[piece.graph] = staged.pop(piece.graph)
            else:
                sent[piece.graph] = sent.get(piece.graph, 0) + piece.triples
        if progress is not None:
            complete = sum(1 for g, n in sent.items() if n == chosen[g])
            progress(PushProgress(request[-1].graph, complete, len(chosen),
                                  sum(sent.values()) + sum(staged.values()), total))
    report.graphs, report.seconds = so_far(), time.perf_counter() - started
    return report


def _staging_note(remote: Remote, request: list[_Piece], staged: dict[str, int]) -> str:
    """After a failure inside a graph whose staging graph already holds part of it: empty the
    staging graph (if the store still answers) and say that the real graph was left as it was.
    A failure in a graph's first request says nothing more (and costs no cleanup request: the
    store may be down or hung); a leftover is replaced by the next push."""
    piece = next((p for p in reversed(request) if p.staged and p.graph in staged), None)
    if piece is None:
        return ""
    try:
        _run_sparql(remote, _empty(piece.target), update=True)
        leftover = ""
    except RemoteError:
        leftover = f"; its staging graph <{piece.target}> may remain (pushing again replaces it)"
    return f" (while loading {piece.graph}: the store keeps its earlier version of it{leftover})"


def count_mismatches(store: KGStore, remote: Remote,
                     graphs: Optional[Sequence[str]] = None) -> list[tuple[str, int, int]]:
    """(graph, local triples, remote triples) for each chosen graph whose count on the remote
    differs (0 when absent there): the check after a push, exact despite row caps."""
    there = remote_graph_counts(remote)
    return [(g, n, there.get(g, 0)) for g, n in _select_graphs(store, graphs).items() if there.get(g, 0) != n]


# ----------------------------------------------------------------------------- pull


def pull_graph_iri(endpoint: str, query: str, name: Optional[str] = None) -> URIRef:
    """The local graph of a pull: ``--name``, else a digest of the endpoint and the query text.

    It sits under the document graphs' base, so ``kg docs`` lists it and ``kg remove`` drops it.
    """
    if name is None:
        key = endpoint + "\n" + " ".join(query.split())
        name = hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]
    if not name or any(c in name for c in "<>\"{}|^`\\ /#?"):
        raise RemoteError(f"bad pull name {name!r}: use letters, digits, '-' or '_'")
    return URIRef(f"{GRAPH_BASE}pull-{name}")


def _check_construct(query: str) -> None:
    from rdflib.plugins.sparql.parser import parseQuery

    check_query_limits(query)  # before any parser: too long or nested too deeply
    form = query_form(query)
    if form not in ("CONSTRUCT", "DESCRIBE"):
        raise RemoteError(f"kg pull needs a CONSTRUCT or DESCRIBE query (it loads a graph), got {form or 'no query'}")
    try:
        parseQuery(query)
    except Exception as exc:  # noqa: BLE001 - pyparsing raises several types
        raise syntax_error(query, exc) from None


def with_known_prefixes(query: str) -> str:
    """The query with PREFIX lines for the project prefixes it uses without declaring them.

    ``kg query`` accepts ``ckg:`` and friends undeclared; a remote store does not know them.
    """
    masked = mask_sparql(query)
    declared = {m.group(1) for m in re.finditer(r"(?i)\bPREFIX\s+([A-Za-z][\w.-]*)?\s*:", masked)}
    used = {m.group(1) for m in re.finditer(r"(?<![\w?$:])([A-Za-z][\w.-]*):", masked)}
    missing = [p for p in KNOWN_PREFIXES if p in used and p not in declared]
    lines = [f"PREFIX {p}: <{KNOWN_PREFIXES[p]}>" for p in missing]
    return "\n".join(lines + [query]) if lines else query


def pull(remote: Remote, query: str) -> list[tuple[Node, Node, Node]]:
    """Run a CONSTRUCT/DESCRIBE on the remote; returns its triples (rdflib terms)."""
    _check_construct(query)  # the user's text, so that error positions are theirs
    body = _run_sparql(remote, with_known_prefixes(query), return_format="turtle")
    try:
        parsed = ox.parse(body, format=ox.RdfFormat.TURTLE, rename_blank_nodes=True)
        return [(from_ox(t.subject), from_ox(t.predicate), from_ox(t.object))  # type: ignore[misc]
                for t in parsed]
    except SyntaxError as exc:
        raise RemoteError(f"{remote.endpoints.query} sent a CONSTRUCT result that does not parse as Turtle: {exc}") from None


def pulled_triples(graph: URIRef, endpoint: str, query: str, triples: list[tuple[Node, Node, Node]],
                   at: Optional[datetime] = None) -> list[tuple[Node, Node, Node]]:
    """The pulled triples plus the graph's provenance: source endpoint, time, query text."""
    at = at or datetime.now(timezone.utc)
    activity, plan = URIRef(f"{graph}/activity"), URIRef(f"{graph}/query")
    stamp = Literal(at.isoformat(timespec="seconds"), datatype=XSD.dateTime)
    source = URIRef(endpoint)
    prov = [
        (graph, RDF.type, PROV.Entity),
        (graph, PROV.wasDerivedFrom, source),
        (graph, PROV.generatedAtTime, stamp),
        (graph, PROV.wasGeneratedBy, activity),
        (graph, DCTERMS.source, source),
        (activity, RDF.type, PROV.Activity),
        (activity, PROV.used, source),
        (activity, PROV.used, plan),
        (activity, PROV.endedAtTime, stamp),
        (plan, RDF.type, PROV.Plan),
        (plan, PROV.value, Literal(query)),
        (plan, DCTERMS.format, Literal("application/sparql-query")),
    ]
    return list(triples) + prov
