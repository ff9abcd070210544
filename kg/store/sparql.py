"""Running read-only SPARQL queries on an Oxigraph store and describing their results.

Results are converted to rdflib terms so the rest of the project (rendering, tests, notebooks)
never sees pyoxigraph types. Errors are turned into one-line messages that point at the
offending position: pyoxigraph reports the *farthest* position its parser tried, which is
often the end of the query, so the position is taken from rdflib's parser when it can tell.
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Iterator, Mapping, Optional, Union
from typing import Literal as TypingLiteral

import pyoxigraph as ox
import rdflib
from rdflib.term import BNode, Literal, Node, URIRef

from kg.graph.vocab import PREFIXES as _VOCAB_PREFIXES

CKG = "https://w3id.org/conflict-kg/ontology#"
CKGD = "https://w3id.org/conflict-kg/id/"

#: Prefixes every query may use without declaring them (the project's, from kg.graph.vocab); also
#: used to shorten IRIs on output. A query's own PREFIX declarations take precedence.
KNOWN_PREFIXES: Mapping[str, str] = MappingProxyType(
    {"ckg": CKG, "ckgd": CKGD, **{p: str(ns) for p, ns in _VOCAB_PREFIXES.items()}}
)

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
)
_CANCEL_CHECK_EVERY = 1000  # rows between checks of the timeout flag while reading results


class StoreError(Exception):
    """A store or query problem with a one-line message meant for the user."""


class SparqlSyntaxError(StoreError):
    """The query does not parse; ``line``/``column`` are 1-based, ``context`` shows the spot."""

    def __init__(self, message: str, line: Optional[int] = None, column: Optional[int] = None,
                 context: str = "") -> None:
        super().__init__(message)
        self.line = line
        self.column = column
        self.context = context


class QueryTimeoutError(StoreError):
    """The query ran longer than its time limit."""


class UpdateNotAllowedError(StoreError):
    """A SPARQL Update was given where only read-only queries are accepted."""


class QueryLimitError(StoreError):
    """The query is refused before parsing: too long, or nested too deeply."""


#: Brackets ({, (, [) open at once, at most. The shipped queries nest at most 10 deep and
#: hand-written ones rarely pass 20; Oxigraph's recursive parser overflows the stack (a
#: segmentation fault, no exception) near 4,000 and rdflib's (used for error positions) raises
#: RecursionError from about 50. 64 leaves 3x room over real queries and stays far from both.
MAX_NESTING = 64
#: Characters in one query, at most (``kg query``; ``kg serve`` has its own --max-query-chars).
MAX_QUERY_CHARS = 1_000_000


Row = list[Optional[Node]]


@dataclass
class QueryResult:
    """Outcome of one query: rows for SELECT, ``boolean`` for ASK, ``graph`` for CONSTRUCT/DESCRIBE."""

    kind: TypingLiteral["select", "ask", "graph"]
    vars: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    boolean: Optional[bool] = None
    graph: Optional[rdflib.Graph] = None
    elapsed_s: float = 0.0

    def bindings(self) -> Iterator[dict[str, Node]]:
        """Rows as ``{var: term}`` dicts without the unbound variables."""
        for row in self.rows:
            yield {v: t for v, t in zip(self.vars, row) if t is not None}

    def __len__(self) -> int:
        if self.kind == "select":
            return len(self.rows)
        if self.kind == "graph":
            return len(self.graph) if self.graph is not None else 0
        return 1


# --- term conversion -------------------------------------------------------------------------

OxTerm = Union[ox.NamedNode, ox.BlankNode, ox.Literal, ox.Triple]


def from_ox(term: Optional[OxTerm]) -> Optional[Node]:
    """pyoxigraph term -> rdflib term; plain strings become plain rdflib literals (no xsd:string)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        if dt == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(dt))
    if isinstance(term, ox.Triple):  # RDF-star quoted triple: rdflib has no term for it
        return Literal(str(term))
    raise StoreError(f"unexpected term from the store: {term!r}")


def to_ox(term: Node, bnodes: Optional[dict[BNode, ox.BlankNode]] = None) -> OxTerm:
    """rdflib term -> pyoxigraph term, validating IRIs and language tags.

    ``bnodes`` maps rdflib blank nodes to fresh Oxigraph ones, so any rdflib label is accepted.
    Raises ValueError/TypeError for terms that are not valid RDF.
    """
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        if bnodes is None:
            return ox.BlankNode(str(term))
        if term not in bnodes:
            bnodes[term] = ox.BlankNode()
        return bnodes[term]
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None and str(term.datatype) not in (_XSD_STRING, _RDF_LANGSTRING):
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def to_ntriples(term: Node) -> str:
    """The N-Triples form of a term, escaped by Oxigraph's serializer (also valid SPARQL)."""
    return str(to_ox(term))


# --- lexical helpers -------------------------------------------------------------------------

_IRIREF = re.compile(r"<[^<>\"{}|^`\\\x00-\x20]*>")
_MASK_NEXT = re.compile("[#\"'<]")


def mask_sparql(query: str) -> str:
    """Blank out comments and the insides of strings and IRIs, keeping every offset.

    Lets callers look for keywords and braces with plain regexes without being fooled by
    text inside literals (e.g. a ``WHERE {`` in a comment or a ``}`` in a string).
    """
    out = list(query)
    i, n = 0, len(query)
    while i < n:
        c = query[i]
        if c == "#":
            j = query.find("\n", i)
            j = n if j < 0 else j
            out[i:j] = " " * (j - i)
            i = j
        elif c in "\"'":
            if query.startswith(c * 3, i):
                j = query.find(c * 3, i + 3)
                j = n if j < 0 else j
                out[i + 3:j] = " " * (j - i - 3)
                i = j + 3
            else:
                j = i + 1
                while j < n and query[j] != c and query[j] != "\n":
                    j += 2 if query[j] == "\\" else 1
                j = min(j, n)
                out[i + 1:j] = " " * (j - i - 1)
                i = j + 1
        elif c == "<" and (m := _IRIREF.match(query, i)):
            out[i + 1:m.end() - 1] = " " * (m.end() - i - 2)
            i = m.end()
        else:  # jump to the next character that may open a comment, string or IRI
            m = _MASK_NEXT.search(query, i + 1)
            i = m.start() if m else n
    return "".join(out)


_BRACKETS = re.compile(r"[{}()\[\]]")


def check_query_limits(query: str, *, max_chars: int = MAX_QUERY_CHARS,
                       max_nesting: int = MAX_NESTING) -> None:
    """Refuse a query too long or nested too deeply, before any parser sees it.

    Counts ``{``, ``(`` and ``[`` open at once outside strings, IRIs and comments; cheap
    (one pass), so every path that parses SPARQL calls it first.
    """
    if len(query) > max_chars:
        raise QueryLimitError(f"query too long: {len(query):,} characters (limit {max_chars:,})")
    depth = 0
    masked = mask_sparql(query)
    for m in _BRACKETS.finditer(masked):
        if m.group(0) in "{([":
            depth += 1
            if depth > max_nesting:
                line, col = _line_col(query, m.start())
                raise QueryLimitError(f"query nested too deeply (limit {max_nesting}): more than "
                                      f"{max_nesting} brackets ({{, ( or [) open at line {line}, "
                                      f"column {col}")
        else:
            depth = max(depth - 1, 0)


_PROLOGUE = re.compile(
    r"\s*(?:(?:BASE\s*<[^>]*>|PREFIX\s+[^\s:]*:\s*<[^>]*>)\s*)*", re.IGNORECASE
)
_WORD = re.compile(r"[A-Za-z]+")


def query_form(query: str) -> str:
    """The first keyword after the prologue, upper-cased (SELECT, ASK, ..., or e.g. INSERT)."""
    masked = mask_sparql(query)
    start = _PROLOGUE.match(masked).end()  # type: ignore[union-attr]
    m = _WORD.match(masked, start)
    return m.group(0).upper() if m else ""


def check_readonly(query: str) -> None:
    """Reject SPARQL Update requests: the query runner must never change the store."""
    form = query_form(query)
    if form in _UPDATE_KEYWORDS:
        raise UpdateNotAllowedError(
            f"SPARQL Update ({form}) is not allowed here: queries are read-only; "
            "change the store by (re)building documents instead"
        )


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def _context(query: str, line: int, column: int) -> str:
    lines = query.split("\n")
    src = lines[line - 1] if 0 < line <= len(lines) else ""
    return f"{src}\n{' ' * (column - 1)}^"


def _clean_expected(detail: str) -> str:
    """Oxigraph mixes semantic errors into its 'expected one of' token lists: pull them out."""
    m = re.match(r"expected (?:one of )?(.*)", detail, re.DOTALL)
    if not m:
        return detail
    items = [i for i in m.group(1).split(", ") if i != "[_]"]
    sentences = [i for i in items if " " in i.strip()]
    if sentences:
        text = sentences[0].strip()
        return text[0].lower() + text[1:]
    return detail


def syntax_error(query: str, exc: BaseException) -> SparqlSyntaxError:
    """Build a SparqlSyntaxError with the best position the parsers can give."""
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql import prepareQuery
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        parseQuery(query)
    except ParseBaseException as pe:
        line, col = pe.lineno, pe.col
        if pe.loc >= len(query.rstrip()):
            detail = "unexpected end of query (unclosed '{', '(' or string?)"
        else:
            token = re.match(r"\S{1,30}", query[pe.loc:])
            found = token.group(0) if token else query[pe.loc:pe.loc + 1]
            if pe.msg == "Expected end of text":
                detail = f"unexpected {found!r} after the end of the query"
            else:
                rest = query[pe.loc:].split("\n", 1)[0].strip()
                detail = f"cannot parse from {rest[:40]!r}"
        return SparqlSyntaxError(f"SPARQL syntax error at line {line}, column {col}: {detail}",
                                 line, col, _context(query, line, col))
    except Exception:  # rdflib failed in some other way: use Oxigraph's report below
        pass
    else:
        try:
            prepareQuery(query, initNs=dict(KNOWN_PREFIXES))
        except Exception as e:  # noqa: BLE001 - only the unknown-prefix case is used
            m = re.search(r"Unknown namespace prefix : (\S*)", str(e))
            if m:
                prefix = m.group(1)
                hit = re.search(rf"(?<![\w:?$]){re.escape(prefix)}:", mask_sparql(query))
                if hit:
                    line, col = _line_col(query, hit.start())
                    return SparqlSyntaxError(
                        f"SPARQL syntax error at line {line}, column {col}: unknown prefix "
                        f"'{prefix}:' (declare it with PREFIX {prefix}: <...>)",
                        line, col, _context(query, line, col))
    msg = str(exc)
    m = re.match(r"error at (\d+):(\d+):\s*(.*)", msg, re.DOTALL)
    if m:
        line, col = int(m.group(1)), int(m.group(2))
        return SparqlSyntaxError(f"SPARQL syntax error at line {line}, column {col}: "
                                 f"{_clean_expected(m.group(3))}", line, col,
                                 _context(query, line, col))
    return SparqlSyntaxError(f"SPARQL syntax error: {msg}")


# --- execution -------------------------------------------------------------------------------


class _Cancelled(Exception):
    pass


def _materialize(raw: object, cancel: Optional[threading.Event],
                 prefixes: Mapping[str, str]) -> QueryResult:
    def check(i: int) -> None:
        if cancel is not None and i % _CANCEL_CHECK_EVERY == 0 and cancel.is_set():
            raise _Cancelled

    if isinstance(raw, ox.QueryBoolean):
        return QueryResult(kind="ask", boolean=bool(raw))
    if isinstance(raw, ox.QuerySolutions):
        names = [v.value for v in raw.variables]
        width = range(len(names))
        rows: list[Row] = []
        for i, sol in enumerate(raw):
            check(i)
            rows.append([from_ox(sol[k]) for k in width])
        return QueryResult(kind="select", vars=names, rows=rows)
    if isinstance(raw, ox.QueryTriples):
        g = rdflib.Graph()
        for p, ns in prefixes.items():
            g.bind(p, ns, override=True)
        for i, t in enumerate(raw):
            check(i)
            g.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))  # type: ignore[arg-type]
        return QueryResult(kind="graph", graph=g)
    raise StoreError(f"unexpected query result type {type(raw).__name__}")


def _run(store: ox.Store, query: str, prefixes: Mapping[str, str],
         cancel: Optional[threading.Event]) -> QueryResult:
    t0 = time.perf_counter()
    try:
        raw = store.query(query, prefixes=dict(prefixes))
        result = _materialize(raw, cancel, prefixes)
    except SyntaxError as e:
        raise syntax_error(query, e) from None
    except (OSError, RuntimeError, ValueError, TypeError) as e:
        raise StoreError(f"query failed: {e}") from e
    result.elapsed_s = time.perf_counter() - t0
    return result


def execute(store: ox.Store, query: str, *, timeout_s: Optional[float] = None,
            prefixes: Mapping[str, str] = KNOWN_PREFIXES) -> QueryResult:
    """Run a read-only query against the store's default graph and materialize the result.

    With ``timeout_s`` the query runs in a worker thread (pyoxigraph releases the GIL while it
    evaluates). Oxigraph 0.5 has no way to cancel a running query: on timeout the caller gets
    QueryTimeoutError at once, result reading stops at the next row batch, but a query still
    inside the engine (e.g. computing a GROUP BY) keeps one core busy until it finishes.
    """
    check_query_limits(query)
    check_readonly(query)
    if timeout_s is None:
        return _run(store, query, prefixes, None)
    if timeout_s <= 0:
        raise ValueError("timeout_s must be positive")
    cancel = threading.Event()
    box: dict[str, object] = {}

    def work() -> None:
        try:
            box["result"] = _run(store, query, prefixes, cancel)
        except _Cancelled:
            pass
        except BaseException as e:  # noqa: BLE001 - handed to the calling thread
            box["error"] = e

    worker = threading.Thread(target=work, name="kg-sparql-query", daemon=True)
    worker.start()
    worker.join(timeout_s)
    if worker.is_alive():
        cancel.set()
        raise QueryTimeoutError(
            f"query did not finish within {timeout_s:g} s and was abandoned "
            "(Oxigraph cannot cancel it, so it may use a CPU core until it ends)"
        )
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box["result"]  # type: ignore[return-value]
