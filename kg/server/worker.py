"""A query worker process: runs SPARQL on a read-only store and serialises the results.

Oxigraph 0.5 cannot cancel a running query, so the server runs every query in one of these
processes and kills it when the time limit passes; a killed worker takes its query with it.
The worker imports only the standard library and pyoxigraph so that a replacement starts in
~0.1 s. It talks to the server over stdin/stdout with length-prefixed pickles (the server is
its only peer).

Oxigraph's read-only store is a snapshot: it does not see what a writer (``kg build``) adds
later. The worker compares a cheap signature of the store folder before each request and
reopens the store when it changed: on a background thread, so a long reopen during a build
neither holds up queries nor counts against their time limit (:class:`StoreView`).
"""

from __future__ import annotations

import csv
import io
import json
import os
import pickle
import struct
import sys
import threading
import time
from typing import Any, BinaryIO, Iterable, Optional
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

_HEADER = struct.Struct("!I")
_XSD = "http://www.w3.org/2001/XMLSchema#"
_XSD_STRING = _XSD + "string"
_RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

#: serialisation name -> pyoxigraph RDF format, for graph results
RDF_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES,
               "jsonld": ox.RdfFormat.JSON_LD, "rdfxml": ox.RdfFormat.RDF_XML}
RESULT_FORMATS = ("json", "xml", "csv", "tsv")

Cell = Optional[tuple[str, str, str, str]]  # (kind uri|bnode|literal|triple, value, datatype, lang)


class RowLimitError(Exception):
    """The result has more rows (or triples) than the server allows."""


# --- framing ---------------------------------------------------------------------------------

def write_message(out: BinaryIO, message: Any) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    out.write(_HEADER.pack(len(data)) + data)
    out.flush()


def read_message(inp: BinaryIO) -> Any:
    head = inp.read(_HEADER.size)
    if len(head) < _HEADER.size:
        raise EOFError
    (size,) = _HEADER.unpack(head)
    data = inp.read(size)
    if len(data) < size:
        raise EOFError
    return pickle.loads(data)


# --- the store, reopened when it changed -----------------------------------------------------

def store_signature(path: str) -> tuple:
    """Names, sizes and mtimes of the store's files (not its log or lock): changes on writes."""
    try:
        entries = list(os.scandir(path))
    except OSError:
        return ()
    sig = []
    for e in entries:
        if e.name == "LOCK" or e.name.startswith("LOG"):
            continue
        try:
            st = e.stat()
        except OSError:  # compacted away while we looked
            continue
        sig.append((e.name, st.st_size, st.st_mtime_ns))
    return tuple(sorted(sig))


class StoreView:
    """The read-only store, reopened when the folder changed, without holding up queries.

    Opening replays the writer's log, so during a long ``kg build`` one open takes seconds
    (measured: 0.05 s on a quiet store, 5-13 s late in a 200-document build). So a changed
    store is reopened on a background thread (pyoxigraph releases the GIL while it opens)
    while requests go on with the snapshot already open: a request waits for a reopen at most
    ``GRACE_S`` after it started (a quiet store's reopen fits, so a query sees a write made just
    before it), then is answered from the older snapshot. After a slow reopen (longer than the
    grace) the next one waits for a cool-down of twice its time, at most ``MAX_COOLDOWN_S``, so
    that reopening cannot take most of a core from the build. Preparing the store happens
    before the pool starts a query's timer (see :func:`main`), so it never counts against the
    query's time limit.
    """

    GRACE_S = 0.25
    MAX_COOLDOWN_S = 5.0

    def __init__(self, path: str) -> None:
        self.path = path
        self._sig: tuple = ()
        self._store: Optional[ox.Store] = None
        self.opened = 0  # times the store was (re)opened, for tests and diagnostics
        self._lock = threading.Lock()
        self._pending: Optional[threading.Thread] = None
        self._pending_started = 0.0
        self._done: Optional[tuple[Optional[ox.Store], tuple, float]] = None
        self._cool_until = 0.0
        self.last_open_s = 0.0

    def get(self) -> ox.Store:
        """The store as :meth:`prepare` left it (opened now if it never was)."""
        if self._store is None:
            self.prepare(wait=True)
        assert self._store is not None
        return self._store

    def prepare(self, wait: bool = False) -> dict[str, Any]:
        """Make the store ready for a request: reopen it when it changed (see the class).

        ``wait``: wait for a reopen however long it takes (a fresh worker, before it serves).
        Returns what happened: ``waited_s`` and ``stale`` (answered from an older snapshot
        while a reopen goes on).
        """
        t0 = time.monotonic()
        if self._store is None:
            self._adopt(*self._timed_open(store_signature(self.path)))
            if self._store is None:
                raise OSError(f"cannot open the store at {self.path} read-only")
            return {"waited_s": time.monotonic() - t0, "stale": False}
        self._collect()
        sig = store_signature(self.path)
        if sig != self._sig and self._pending is None and (wait or t0 >= self._cool_until):
            self._pending_started = t0
            self._pending = threading.Thread(target=self._background_open, args=(sig,),
                                             daemon=True)
            self._pending.start()
        if self._pending is not None:
            left = None if wait else self._pending_started + self.GRACE_S - time.monotonic()
            if left is None or left > 0:
                self._pending.join(left)
            self._collect()
        return {"waited_s": time.monotonic() - t0, "stale": sig != self._sig}

    def _timed_open(self, sig: tuple) -> tuple[Optional[ox.Store], tuple, float]:
        t = time.monotonic()
        store = self._open()
        return store, sig, time.monotonic() - t

    def _background_open(self, sig: tuple) -> None:
        result = self._timed_open(sig)
        with self._lock:
            self._done = result

    def _collect(self) -> None:
        """Adopt a finished background reopen (on the request thread, between requests)."""
        with self._lock:
            done, self._done = self._done, None
        if done is not None:
            self._pending = None
            self._adopt(*done)

    def _adopt(self, store: Optional[ox.Store], sig: tuple, took: float) -> None:
        self.last_open_s = took
        if took > self.GRACE_S:
            self._cool_until = time.monotonic() + min(2 * took, self.MAX_COOLDOWN_S)
        if store is not None:
            self._store, self._sig = store, sig
            self.opened += 1
        else:  # could not open: keep the old snapshot, try again after a pause
            self._cool_until = max(self._cool_until, time.monotonic() + 1.0)

    def _open(self) -> Optional[ox.Store]:
        # A writer compacting files while we read its manifest makes the open fail now and
        # then; the next try sees the new manifest. If it keeps failing, keep the old view.
        for attempt in range(6):
            try:
                return ox.Store.read_only(self.path)
            except (OSError, RuntimeError):
                time.sleep(0.05 * (attempt + 1))
        return None


# --- terms and serialisers -------------------------------------------------------------------

def cell(term: Any) -> Cell:
    """A pyoxigraph term as a plain tuple the server can unpickle without pyoxigraph."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return ("uri", term.value, "", "")
    if isinstance(term, ox.BlankNode):
        return ("bnode", term.value, "", "")
    if isinstance(term, ox.Literal):
        if term.language:
            return ("literal", term.value, "", term.language)
        dt = term.datatype.value
        return ("literal", term.value, "" if dt == _XSD_STRING else dt, "")
    return ("triple", str(term), "", "")


def _json_term(c: tuple[str, str, str, str]) -> dict[str, str]:
    kind, value, dt, lang = c
    if kind == "literal":
        out = {"type": "literal", "value": value}
        if lang:
            out["xml:lang"] = lang
        elif dt:
            out["datatype"] = dt
        return out
    return {"type": kind if kind != "triple" else "literal", "value": value}


def _ntriples(c: tuple[str, str, str, str], term: Any) -> str:
    return f"_:{c[1]}" if c[0] == "bnode" else str(term)


def write_select(variables: list[str], rows: list[list[Any]], fmt: str) -> bytes:
    """W3C SPARQL 1.1 results (JSON, XML, CSV, TSV) of materialised pyoxigraph rows."""
    cells = [[cell(t) for t in row] for row in rows]
    if fmt == "json":
        bindings = [{v: _json_term(c) for v, c in zip(variables, row) if c is not None}
                    for row in cells]
        return json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}},
                          ensure_ascii=False).encode("utf-8")
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(variables)
        for row in cells:
            w.writerow(["" if c is None else (f"_:{c[1]}" if c[0] == "bnode" else c[1])
                        for c in row])
        return buf.getvalue().encode("utf-8")
    if fmt == "tsv":
        lines = ["\t".join(f"?{v}" for v in variables)]
        for row, terms in zip(cells, rows):
            lines.append("\t".join("" if c is None else _ntriples(c, t) for c, t in zip(row, terms)))
        return ("\n".join(lines) + "\n").encode("utf-8")
    if fmt == "xml":
        parts = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                 "<head>"]
        parts += [f"<variable name={quoteattr(v)}/>" for v in variables]
        parts.append("</head><results>")
        for row in cells:
            parts.append("<result>")
            for v, c in zip(variables, row):
                if c is None:
                    continue
                kind, value, dt, lang = c
                if kind == "uri":
                    body = f"<uri>{escape(value)}</uri>"
                elif kind == "bnode":
                    body = f"<bnode>{escape(value)}</bnode>"
                elif lang:
                    body = f"<literal xml:lang={quoteattr(lang)}>{escape(value)}</literal>"
                elif dt:
                    body = f"<literal datatype={quoteattr(dt)}>{escape(value)}</literal>"
                else:
                    body = f"<literal>{escape(value)}</literal>"
                parts.append(f"<binding name={quoteattr(v)}>{body}</binding>")
            parts.append("</result>")
        parts.append("</results></sparql>\n")
        return "".join(parts).encode("utf-8")
    raise ValueError(f"unknown results format {fmt!r}")


def write_boolean(value: bool, fmt: str) -> bytes:
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": value}).encode()
    if fmt == "xml":
        return ('<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                f"<head/><boolean>{'true' if value else 'false'}</boolean></sparql>\n").encode()
    if fmt == "csv":
        return f"_askResult\r\n{'true' if value else 'false'}\r\n".encode()
    if fmt == "tsv":
        return f"?_askResult\n{'true' if value else 'false'}\n".encode()
    raise ValueError(f"unknown results format {fmt!r}")


def _limited(items: Iterable[Any], max_rows: Optional[int], what: str) -> list[Any]:
    out: list[Any] = []
    if max_rows is None:
        return list(items)
    for item in items:
        if len(out) >= max_rows:
            raise RowLimitError(f"the result has more than {max_rows:,} {what}, the server's "
                                "limit: add a LIMIT (or narrow the query), or restart the server "
                                "with a larger --max-rows")
        out.append(item)
    return out


# --- one request ---------------------------------------------------------------------------

def run_query(store: ox.Store, req: dict[str, Any]) -> dict[str, Any]:
    """Run ``req['query']`` and answer with serialised bytes or with plain rows.

    ``req``: query, prefixes, max_rows, optionally ``default_graph`` and ``named_graphs``
    (graph IRIs: the protocol's dataset), ``base_iri``, and either ``format`` (a results or RDF format name,
    or "auto" for the first of ``accept_select``/``accept_graph``) or ``rows=True`` (internal
    use: plain cells).
    """
    dataset: dict[str, Any] = {}
    if "default_graph" in req:  # the protocol's dataset: it replaces the query's FROM clauses
        dataset = {"default_graph": [ox.NamedNode(g) for g in req["default_graph"]],
                   "named_graphs": [ox.NamedNode(g) for g in req["named_graphs"]]}
    raw = store.query(req["query"], prefixes=req.get("prefixes") or None,
                      base_iri=req.get("base_iri"), **dataset)
    max_rows = req.get("max_rows")
    if isinstance(raw, ox.QueryBoolean):
        if req.get("rows"):
            return {"ok": True, "kind": "ask", "boolean": bool(raw)}
        fmt = req["select_format"]
        return {"ok": True, "kind": "ask", "format": fmt, "body": write_boolean(bool(raw), fmt)}
    if isinstance(raw, ox.QuerySolutions):
        variables = [v.value for v in raw.variables]
        width = range(len(variables))
        rows = _limited(([sol[i] for i in width] for sol in raw), max_rows, "rows")
        if req.get("rows"):
            return {"ok": True, "kind": "select", "vars": variables,
                    "rows": [[cell(t) for t in row] for row in rows]}
        fmt = req["select_format"]
        return {"ok": True, "kind": "select", "format": fmt, "count": len(rows),
                "body": write_select(variables, rows, fmt)}
    triples = _limited(raw, max_rows, "triples")
    if req.get("rows"):
        return {"ok": True, "kind": "graph",
                "rows": [[cell(t.subject), cell(t.predicate), cell(t.object)] for t in triples]}
    fmt = req["graph_format"]
    prefixes = req.get("prefixes") if fmt == "turtle" else None
    body = ox.serialize(triples, format=RDF_FORMATS[fmt], prefixes=prefixes)
    return {"ok": True, "kind": "graph", "format": fmt, "count": len(triples), "body": body}


def run_update(path: str, req: dict[str, Any]) -> dict[str, Any]:
    """Open the store read-write, apply the update and rebuild the union default graph.

    Both happen in ONE Oxigraph update request, hence one transaction: the store's invariant
    (default graph = union of the named graphs, see kg.store.core) holds after every update.
    """
    try:
        store = ox.Store(path)
    except OSError as e:
        text = str(e)
        if "lock" in text.lower():
            return {"ok": False, "error": "locked",
                    "message": "the store is in use by another writer (kg build?); try again later"}
        return {"ok": False, "error": "store", "message": f"cannot open the store: {text}"}
    text = req["update"].rstrip().rstrip(";")
    store.update(text + " ;\nDROP SILENT DEFAULT ;\n"
                 "INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }",
                 prefixes=req.get("prefixes") or None)
    store.flush()
    del store
    return {"ok": True, "kind": "update"}


def prepare(view: StoreView, req: dict[str, Any]) -> dict[str, Any]:
    """Get the store ready for ``req``; the first of the two frames a request is answered with.

    The pool starts the query's timer only when this frame arrives, so reopening the store
    never counts against the time limit.
    """
    if req.get("op") == "update":  # opens the store read-write itself
        return {"ready": True, "waited_s": 0.0, "stale": False}
    try:
        info = view.prepare(wait=req.get("op") == "ping")
    except OSError as e:  # the request itself reports it
        return {"ready": True, "waited_s": 0.0, "stale": False, "error": str(e)}
    return {"ready": True, **info}


def handle(view: StoreView, req: dict[str, Any]) -> dict[str, Any]:
    try:
        if req.get("op") == "ping":
            view.get()
            return {"ok": True, "kind": "pong", "opened": view.opened,
                    "last_open_s": view.last_open_s}
        if req.get("op") == "update":
            return run_update(view.path, req)
        return run_query(view.get(), req)
    except SyntaxError as e:
        return {"ok": False, "error": "syntax", "message": str(e)}
    except RowLimitError as e:
        return {"ok": False, "error": "rows", "message": str(e)}
    except (OSError, RuntimeError, ValueError, TypeError) as e:
        return {"ok": False, "error": "query", "message": str(e) or type(e).__name__}


def main(argv: list[str]) -> int:
    """``python -m kg.server.worker STORE``: answer requests until stdin closes.

    Each request gets two frames: a "ready" frame once the store is prepared (see
    :func:`prepare`), then the answer.
    """
    path = argv[0]
    inp = sys.stdin.buffer
    out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # stray prints must not corrupt the framing
    view = StoreView(path)
    while True:
        try:
            req = read_message(inp)
        except (EOFError, KeyboardInterrupt):
            return 0
        write_message(out, prepare(view, req))
        write_message(out, handle(view, req))


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
