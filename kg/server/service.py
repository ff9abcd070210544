"""The server's one way to query the store: checks first, then a worker process, errors as HTTP.

Every route (SPARQL protocol, linked data, canned queries, pages) goes through
:class:`QueryService`, so the read-only rule, the SERVICE rule and the time and row limits
hold everywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Optional

from kg.server.pool import PoolError, WorkerPool, run_once
from kg.server.settings import ServerSettings
from kg.server.worker import Cell
from kg.store.sparql import (
    KNOWN_PREFIXES,
    QueryLimitError,
    UpdateNotAllowedError,
    check_query_limits,
    check_readonly,
    mask_sparql,
    query_form,
    syntax_error,
)

_SERVICE = re.compile(r"\bSERVICE\b", re.IGNORECASE)
_READ_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}


class HttpError(Exception):
    """An anticipated failure with the HTTP status and the one-line message to send."""

    def __init__(self, status: int, message: str, kind: str = "error") -> None:
        super().__init__(message)
        self.status = status
        self.kind = kind


@dataclass(frozen=True)
class Dataset:
    """An RDF dataset named by the protocol: graph IRIs for the default graph and named graphs."""

    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Answer:
    """A serialised result from a worker: ``kind`` select|ask|graph, ``format`` our name."""

    kind: str
    format: str
    body: bytes


@dataclass(frozen=True)
class Rows:
    """Plain rows for server-side use (pages): cells are (kind, value, datatype, lang)."""

    vars: list[str]
    rows: list[list[Cell]]

    def dicts(self) -> list[dict[str, Cell]]:
        return [dict(zip(self.vars, r)) for r in self.rows]


_STATUS = {"timeout": 503, "busy": 503, "crashed": 500, "closed": 503}


class QueryService:
    def __init__(self, settings: ServerSettings, pool: WorkerPool) -> None:
        self.settings = settings
        self.pool = pool
        self.prefixes = dict(KNOWN_PREFIXES)

    # --- checks ---------------------------------------------------------------------------

    def check_query(self, query: str) -> str:
        """Refuse what must not reach a worker; returns the query form (SELECT, ...)."""
        if not query.strip():
            raise HttpError(400, "empty query: give SPARQL in the 'query' parameter or body",
                            "empty")
        if len(query) > self.settings.max_query_chars:
            raise HttpError(413, f"the query is {len(query):,} characters long, over the "
                                 f"server's limit of {self.settings.max_query_chars:,}", "too-long")
        self._check_nesting(query)
        try:
            check_readonly(query)
        except UpdateNotAllowedError:
            raise HttpError(403, "SPARQL Update is not accepted here: this endpoint is read-only "
                                 "(send updates to POST /sparql as 'update', on a server started "
                                 "with --allow-update, with its token)", "update-refused") from None
        form = query_form(query)
        if form not in _READ_FORMS:
            self._syntax(query, SyntaxError(f"expected SELECT, ASK, CONSTRUCT or DESCRIBE, "
                                            f"found {form or 'nothing'!r}"))
        if not self.settings.allow_service and _SERVICE.search(mask_sparql(query)):
            raise HttpError(403, "SERVICE (federated query) is disabled on this server: it would "
                                 "make the server contact other hosts (start it with "
                                 "--allow-service to enable it)", "service-refused")
        return form

    @staticmethod
    def _check_nesting(text: str) -> None:
        """Brackets nested too deeply would overflow the parser's stack (a crashed worker)."""
        try:
            check_query_limits(text, max_chars=len(text))  # the length is checked by the caller
        except QueryLimitError as e:
            raise HttpError(400, str(e), "too-deep") from None

    def _syntax(self, query: str, exc: BaseException) -> None:
        raise HttpError(400, str(syntax_error(query, exc)), "syntax")

    # --- running --------------------------------------------------------------------------

    async def _run(self, message: dict[str, Any], query: str) -> dict[str, Any]:
        try:
            answer = await self.pool.run(message, self.settings.timeout_s)
        except PoolError as e:
            raise HttpError(_STATUS.get(e.kind, 500), str(e), e.kind) from None
        if not answer.get("ok"):
            kind = answer.get("error", "query")
            if kind == "syntax":
                self._syntax(query, SyntaxError(answer["message"]))
            if kind == "rows":
                raise HttpError(400, answer["message"], "too-many-rows")
            raise HttpError(400, f"query failed: {answer['message']}", kind)
        return answer

    async def serialised(self, query: str, select_format: str, graph_format: str,
                         dataset: Optional[Dataset] = None,
                         base_iri: Optional[str] = None) -> Answer:
        """Run a read query and get its result serialised in the format for its kind;
        ``dataset`` (the protocol's graph IRIs) replaces the query's own FROM clauses;
        ``base_iri`` (the endpoint's URL) resolves relative IRIs such as ``<s>``."""
        self.check_query(query)
        message: dict[str, Any] = {"query": query, "prefixes": self.prefixes,
                                   "max_rows": self.settings.max_rows,
                                   "select_format": select_format, "graph_format": graph_format}
        if dataset is not None:
            message["default_graph"] = list(dataset.default_graphs)
            message["named_graphs"] = list(dataset.named_graphs)
        if base_iri:
            message["base_iri"] = base_iri
        answer = await self._run(message, query)
        return Answer(answer["kind"], answer["format"], answer["body"])

    async def rows(self, query: str, *, max_rows: Optional[int] = None) -> Rows:
        """Run a read query (the server's own) and get plain rows (graphs: s, p, o)."""
        self.check_query(query)
        answer = await self._run({"query": query, "prefixes": self.prefixes, "rows": True,
                                  "max_rows": max_rows or self.settings.max_rows}, query)
        if answer["kind"] == "ask":
            return Rows(["boolean"], [[("literal", str(answer["boolean"]).lower(), "", "")]])
        if answer["kind"] == "graph":
            return Rows(["subject", "predicate", "object"], answer["rows"])
        return Rows(answer["vars"], answer["rows"])

    async def ask(self, query: str) -> bool:
        rows = await self.rows(query)
        return bool(rows.rows) and rows.rows[0][0] is not None and rows.rows[0][0][1] == "true"

    async def update(self, update: str, token: Optional[str]) -> None:
        """Apply a SPARQL Update (only with --allow-update and the right bearer token)."""
        import hmac

        s = self.settings
        if not s.allow_update:
            raise HttpError(403, "SPARQL Update is disabled: the server is read-only (start it "
                                 "with --allow-update and --update-token to accept updates)",
                            "update-refused")
        if token is None or not hmac.compare_digest(token.encode(), (s.update_token or "").encode()):
            raise HttpError(401, "SPARQL Update needs the server's token as "
                                 "'Authorization: Bearer <token>'", "unauthorized")
        if not update.strip():
            raise HttpError(400, "empty update", "empty")
        if len(update) > s.max_query_chars:
            raise HttpError(413, f"the update is {len(update):,} characters long, over the "
                                 f"server's limit of {s.max_query_chars:,}", "too-long")
        self._check_nesting(update)
        if not s.allow_service and _SERVICE.search(mask_sparql(update)):
            raise HttpError(403, "SERVICE (federated query) is disabled on this server",
                            "service-refused")
        try:
            answer = await run_once(s.store, {"op": "update", "update": update,
                                              "prefixes": self.prefixes}, s.timeout_s)
        except PoolError as e:
            raise HttpError(_STATUS.get(e.kind, 500), str(e), e.kind) from None
        if not answer.get("ok"):
            if answer.get("error") == "locked":
                raise HttpError(409, answer["message"], "locked")
            if answer.get("error") == "syntax":
                raise HttpError(400, f"SPARQL Update syntax error: {answer['message']}", "syntax")
            raise HttpError(400, f"update failed: {answer['message']}", answer.get("error", ""))
