"""The knowledge-graph store: one named graph per news document, in an Oxigraph database.

Queries must see the *union* of the document graphs. Oxigraph 0.5's
``use_default_graph_as_union`` does not merge the graphs as a set: a triple shared by N
documents (an entity's type or label) is matched N times, which inflates COUNT/SUM and
multiplies joins (measured: 61 s and 118M rows instead of 0.24 s and 20k rows on 200 documents,
oxigraph issue #1919, fixed only in 0.6). So the store keeps the union *materialized* in its
default graph, maintained in the same transaction as every document change, and queries run on
that default graph with set semantics. ``GRAPH ?g`` patterns and quad exports see only the
document graphs; the default graph is derived data and must not be written directly.
"""

from __future__ import annotations

import os
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import MappingProxyType
from pathlib import Path
from typing import Any, BinaryIO, Iterable, Iterator, Mapping, Optional, Union

import pyoxigraph as ox
import rdflib
from rdflib.term import BNode, Literal, Node, URIRef

from kg.graph.vocab import ENTITY_CLASSES, EVENT_CLASSES
from kg.store.sparql import (
    CKG,
    CKGD,
    KNOWN_PREFIXES,
    QueryResult,
    StoreError,
    execute,
    from_ox,
    to_ox,
)

__all__ = [
    "DocInfo",
    "EXPORT_FORMATS",
    "GRAPH_BASE",
    "KGStore",
    "PreparedGraph",
    "StoreError",
    "StoreStats",
    "default_store_path",
    "graph_iri_for",
]

GRAPH_BASE = CKGD + "graph/"
_PROV = "http://www.w3.org/ns/prov#"
_DCT = "http://purl.org/dc/terms/"

#: export format name -> (pyoxigraph format or None when rdflib writes it, keeps named graphs)
EXPORT_FORMATS: Mapping[str, tuple[Optional[ox.RdfFormat], bool]] = {
    "turtle": (ox.RdfFormat.TURTLE, False),
    "ntriples": (ox.RdfFormat.N_TRIPLES, False),
    "nquads": (ox.RdfFormat.N_QUADS, True),
    "trig": (ox.RdfFormat.TRIG, True),
    "jsonld": (None, True),
    "xml": (None, False),
}
_FORMAT_ALIASES = {"ttl": "turtle", "nt": "ntriples", "nq": "nquads", "json-ld": "jsonld",
                   "rdfxml": "xml", "rdf": "xml", "rdf/xml": "xml", "n-triples": "ntriples",
                   "n-quads": "nquads"}
_LOAD_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES,
                 "nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG,
                 "jsonld": ox.RdfFormat.JSON_LD, "xml": ox.RdfFormat.RDF_XML}

TripleLike = tuple[Node, Node, Node]
GraphName = Union[URIRef, str]


def default_store_path() -> Path:
    """``$KG_STORE`` if set, else ``./.kg-store``."""
    return Path(os.environ.get("KG_STORE") or ".kg-store")


def graph_iri_for(doc_id: str) -> URIRef:
    """The named graph that holds one document's triples."""
    return URIRef(GRAPH_BASE + doc_id)


def _fmt_name(fmt: str) -> str:
    name = fmt.lower()
    name = _FORMAT_ALIASES.get(name, name)
    if name not in EXPORT_FORMATS:
        raise StoreError(f"unknown RDF format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
    return name


@dataclass(frozen=True)
class DocInfo:
    """One document graph and the metadata found inside it."""

    doc_id: str
    graph_iri: URIRef
    title: Optional[str]
    publisher: Optional[str]
    published: Optional[str]
    triples: int
    doc_iri: Optional[URIRef] = None


@dataclass(frozen=True)
class StoreStats:
    """Sizes of the store; ``types`` counts distinct instances per ckg: class (local name)."""

    triples: int  # distinct triples in the union of all graphs
    graphs: int  # named graphs
    documents: int
    types: dict[str, int] = field(default_factory=dict)

    @property
    def entities(self) -> dict[str, int]:
        """Counts of the actor/place classes of kg.graph.vocab (e.g. ``State`` for facts "Country")."""
        names = {str(c)[len(CKG):] for c in ENTITY_CLASSES.values()}
        return {k: v for k, v in self.types.items() if k in names}

    @property
    def events(self) -> dict[str, int]:
        names = {str(c)[len(CKG):] for c in EVENT_CLASSES.values()}
        return {k: v for k, v in self.types.items() if k in names}


def _ox_graph(graph_iri: GraphName) -> ox.NamedNode:
    try:
        return ox.NamedNode(str(graph_iri))
    except ValueError as e:
        raise StoreError(f"invalid graph IRI {str(graph_iri)!r}: {e}") from None


_IRI_CACHE_SIZE = 100_000
# A write that replaces existing graphs and adds at least this many triples in new graphs is
# done in two steps (KGStore._replace_in_two_steps).
TWO_STEP_MIN_TRIPLES = 2_000
# The most triples KGStore.remembering keeps (of fusion's incident graphs: ~150-200 bytes each,
# ~100 MB at the most) before it forgets them all and starts again. A build of the benchmark's
# 300 documents wrote 12,355 incident triples (391 incidents).
REMEMBER_MAX_TRIPLES = 500_000
# Within KGStore.bulk_writing (kg build), the new graphs of one write go in by Store.bulk_load
# from BULK_LOAD_MIN_QUADS to BULK_LOAD_MAX_QUADS quads (named + union) when the store is on
# disk (KGStore._load): below the minimum a transaction costs less (~3 documents); above the
# maximum the write would come near Oxigraph's bulk batch of 1,000,000 quads, past which a
# bulk load is no longer all-or-nothing. A build's batch of 128 documents is ~480,000 quads
# (kg.pipeline bounds a batch by its triples too: MAX_WRITE_BATCH_TRIPLES).
BULK_LOAD_MIN_QUADS = 10_000
BULK_LOAD_MAX_QUADS = 900_000
OxTriple = tuple[Any, Any, Any]  # (subject, predicate, object) pyoxigraph terms


def _convert(triples: Iterable[TripleLike], iris: Optional[dict[Any, Any]] = None) -> list[OxTriple]:
    """rdflib triples -> distinct pyoxigraph triples; all validation happens here, before any write.

    ``iris`` is a cache of converted IRIs that outlives the call (vocabulary and shared actors
    recur in every document); literals and blank nodes are converted per call.
    """
    return _convert_text(triples, iris).triples


@dataclass(frozen=True)
class _Content:
    """A graph's new content: distinct pyoxigraph triples, each one's N-Triples text (subject,
    predicate and object, no final dot: the text Oxigraph gives the same terms) in the same
    order, and whether a blank node is among them."""

    triples: list[OxTriple]
    lines: list[str]
    blank: bool


def _convert_text(triples: Iterable[TripleLike], iris: Optional[dict[Any, Any]] = None) -> _Content:
    """:func:`_convert`, with each triple's text: a term is converted and written out once per
    call (an IRI once per store, ``iris``), and triples are told apart by their text, whose
    hash a string keeps, rather than by a tuple of three terms hashed again at each look-up.

    Why: this ran on the build's main thread for every triple of every document (the N-Quads
    text of a new graph then wrote every term out again, triple by triple): speed round 8."""
    bnodes: dict[BNode, ox.BlankNode] = {}
    if iris is None:
        iris = {}
    elif len(iris) > _IRI_CACHE_SIZE:
        iris.clear()
    # A document reuses the same term objects (its nodes, the vocabulary): look them up by
    # identity first, which skips rdflib's Python-level __hash__/__eq__. Each entry keeps its
    # term alive, so no other object can take its id during the call.
    seen: dict[int, tuple[Any, Any, str]] = {}
    get = seen.get
    out: dict[str, OxTriple] = {}
    for s, p, o in triples:
        hs, hp, ho = get(id(s)), get(id(p)), get(id(o))
        if hs is None or hp is None or ho is None:
            try:
                if hs is None:
                    hs = seen[id(s)] = _term(s, iris, bnodes)
                if hp is None:
                    hp = seen[id(p)] = _term(p, iris, bnodes)
                if ho is None:
                    ho = seen[id(o)] = _term(o, iris, bnodes)
            except (ValueError, TypeError) as e:
                raise StoreError(f"cannot store triple ({s!r}, {p!r}, {o!r}): {e}") from None
        line = f"{hs[2]} {hp[2]} {ho[2]}"
        if line not in out:
            out[line] = (hs[1], hp[1], ho[1])
    return _Content(list(out.values()), list(out), bool(bnodes))


def _term(term: Any, iris: dict[Any, Any], bnodes: dict[BNode, ox.BlankNode]) -> tuple[Any, Any, str]:
    """(the term, its pyoxigraph term, that term's N-Triples text); IRIs through the cache
    shared by all calls, plain literals without ``to_ox``'s checks of the other kinds."""
    kind = type(term)
    if kind is URIRef:
        found = iris.get(term)
        if found is None:
            node = to_ox(term)
            found = iris[term] = (node, str(node))
        return term, found[0], found[1]
    if kind is Literal and not term.language and term.datatype is None:
        node = ox.Literal(str(term))
    else:
        node = to_ox(term, bnodes)
    return term, node, str(node)


def _from_ox(triples: Iterable[OxTriple]) -> _Content:
    """The content of pyoxigraph triples (distinct, in order)."""
    out: dict[str, OxTriple] = {}
    for t in triples:
        out.setdefault(f"{t[0]} {t[1]} {t[2]}", t)
    blank = any(isinstance(x, ox.BlankNode) for t in out.values() for x in t)
    return _Content(list(out.values()), list(out), blank)


def _nquads_many(graphs: Mapping[ox.NamedNode, _Content], fresh: list[ox.NamedNode],
                 texts: Optional[Mapping[ox.NamedNode, Optional[str]]] = None) -> str:
    """The N-Quads of new graphs for one load: each triple in its named graph, and each
    distinct triple of them once in the union default graph (``texts``: a graph's N-Quads
    already written, named and union, taken as they are).

    Why: a triple that several of a batch's documents hold (an actor's type and label, the
    vocabulary) went into the union once per document, and Oxigraph parsed and encoded each
    copy before keeping one (~10% of the union's quads in a build's batch of 64-128 benchmark
    documents). The union is a set, so the stored quads are the same. Built on the store
    thread at the write (build speed round 10), rather than a text per document kept from
    :meth:`KGStore.prepare` until then."""
    texts = texts or {}
    parts: list[str] = []
    union: dict[str, None] = {}
    for g in fresh:
        text = texts.get(g)
        if text:
            parts.append(text)
            continue
        lines = graphs[g].lines
        gs = f" {g} .\n"
        parts.append("".join([f"{t}{gs}" for t in lines]))
        union.update(dict.fromkeys(lines))
    parts.append("".join([f"{t} .\n" for t in union]))
    return "".join(parts)


def _nquads(g: ox.NamedNode, lines: list[str]) -> str:
    """Each triple (its text, see :class:`_Content`) in its named graph and in the union
    default graph, as N-Quads for one ``Store.load``: writing the text is ~3x cheaper in Python
    than making two ``ox.Quad`` objects a triple, and Oxigraph parses it as fast as it inserts
    quads (docs/speed.md)."""
    gs = f" {g} .\n"
    return "".join([f"{t}{gs}{t} .\n" for t in lines])


@dataclass(frozen=True)
class PreparedGraph:
    """A graph's new content, validated and converted, ready for one atomic write.

    ``nquads`` (named + union, N-Quads text), if given, are written as they are when the graph
    does not exist by the time of the write; :meth:`KGStore.prepare` leaves them out since
    build speed round 10 (the write builds one text for all of a batch's new graphs,
    :func:`_nquads_many`).
    """

    graph: ox.NamedNode
    triples: list[OxTriple]
    nquads: Optional[str] = field(default=None, repr=False)
    # each triple's text and whether a blank node is among them (:class:`_Content`); None:
    # worked out from ``triples`` when needed
    lines: Optional[list[str]] = field(default=None, repr=False, compare=False)
    blank: Optional[bool] = field(default=None, repr=False, compare=False)

    def __len__(self) -> int:
        return len(self.triples)

    def content(self) -> _Content:
        if self.lines is None or self.blank is None:
            return _from_ox(self.triples)
        return _Content(self.triples, self.lines, self.blank)


class KGStore:
    """An Oxigraph store holding one named graph per document plus their materialized union."""

    def __init__(self, store: ox.Store, path: Optional[Path], read_only: bool) -> None:
        """Use :meth:`open`; this wraps an already opened pyoxigraph store."""
        self._ox: Optional[ox.Store] = store
        self.path = path
        self.read_only = read_only
        self._write_lock = threading.Lock()
        self._iris: dict[Any, Any] = {}  # rdflib IRI -> (pyoxigraph NamedNode, its text), see _convert
        # graph -> the text of each triple it holds, for the graphs written as ``extra`` (fusion's
        # incidents) while :meth:`remembering`; None: not remembering
        self._known: Optional[dict[ox.NamedNode, frozenset[str]]] = None
        self._known_size = 0
        # within bulk_writing: how many writes went in by Store.bulk_load; None: not in the block
        self._bulk_loads: Optional[int] = None

    # --- opening and closing ---------------------------------------------------------------

    @classmethod
    def open(cls, path: Optional[Path], *, read_only: bool = False) -> "KGStore":
        """Open (creating if needed) the store at ``path``; ``None`` gives an in-memory store."""
        if path is None:
            if read_only:
                raise StoreError("an in-memory store cannot be opened read-only")
            return cls(ox.Store(), None, False)
        path = Path(path)
        if path.exists() and not path.is_dir():
            raise StoreError(f"cannot open store at {path}: it is a file, not a store directory")
        is_store = (path / "CURRENT").exists()
        if read_only:
            if not is_store:
                raise StoreError(f"no store at {path} (nothing has been stored there yet)")
            return cls(cls._open_read_only(path), path, True)
        if path.exists() and any(path.iterdir()) and not is_store:
            raise StoreError(f"{path} is a non-empty directory that is not a store; "
                             "choose another path")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            store = ox.Store(str(path))
        except OSError as e:
            text = str(e)
            if "current process" in text:
                raise StoreError(f"store at {path} is already open in this process; "
                                 "close it first or open it read-only") from None
            if "lock" in text.lower():
                raise StoreError(f"store at {path} is in use by another process; stop that "
                                 "process or open the store read-only") from None
            raise StoreError(f"cannot open store at {path}: {text}") from None
        return cls(store, path, False)

    @staticmethod
    def _open_read_only(path: Path) -> ox.Store:
        # A writer compacting files while we read its manifest makes the open fail with a
        # transient "Corruption ... No such file" error; opening again sees the new manifest.
        last: Exception | None = None
        for attempt in range(8):
            try:
                return ox.Store.read_only(str(path))
            except (OSError, RuntimeError) as e:
                last = e
                time.sleep(0.05 * (attempt + 1))
        raise StoreError(f"cannot open store at {path} read-only: {last}")

    def flush(self) -> None:
        """Write what the store holds in memory to its files on disk.

        Why: RocksDB keeps recent writes in memory tables backed by a write-ahead log until it
        flushes them; during a long build both grew with the store (measured at 400 documents:
        1.3 GB resident and a 1 GB folder, of which 400 MB log; flushing every ~75,000
        triples: 0.7 GB and 0.45 GB). ``kg build`` calls this as it goes.
        """
        with self._write_lock:
            try:
                self._writable().flush()
            except (OSError, RuntimeError) as e:
                raise StoreError(f"cannot flush the store: {e}") from None

    def close(self) -> None:
        """Flush and release the store (and its directory lock, once no view refers to it)."""
        if self._ox is None:
            return
        if not self.read_only and self.path is not None:
            try:
                self._ox.flush()
            except (OSError, RuntimeError):
                pass
        self._ox = None

    def __enter__(self) -> "KGStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def ox_store(self) -> ox.Store:
        """The underlying pyoxigraph store (for tools that need its native API)."""
        if self._ox is None:
            raise StoreError("the store is closed")
        return self._ox

    def _writable(self) -> ox.Store:
        store = self.ox_store
        if self.read_only:
            raise StoreError(f"store at {self.path} is open read-only")
        return store

    def rdflib_dataset(self) -> rdflib.Dataset:
        """An rdflib view of the same store (oxrdflib); its default graph is the union.

        Read through it freely; write only through this class, which keeps the union in step.
        Note oxrdflib returns plain strings as ``xsd:string``-typed literals; :meth:`graph` and
        :meth:`query` return plain ones.
        """
        from oxrdflib.store import OxigraphStore

        ds = rdflib.Dataset(store=OxigraphStore(store=self.ox_store), default_union=False)
        for prefix, ns in KNOWN_PREFIXES.items():
            ds.bind(prefix, ns, override=True)
        return ds

    # --- writing ---------------------------------------------------------------------------

    def replace_graph(self, graph_iri: GraphName, triples: Iterable[TripleLike]) -> int:
        """Atomically replace a document graph's content; returns its number of triples.

        ``triples`` is an rdflib Graph or any iterable of rdflib triples. Everything is
        validated before the store is touched, and the removal of the old content, the insert
        of the new one and the union upkeep run in one Oxigraph transaction: on any failure the
        previous content stays. Blank nodes are fresh for each call; no triples removes
        the graph.
        """
        return self.write(self.prepare(graph_iri, triples))

    def prepare(self, graph_iri: GraphName, triples: Iterable[TripleLike]) -> PreparedGraph:
        """Validate and convert a graph's new content without writing it (see :meth:`write`).

        All the Python-side work of :meth:`replace_graph` happens here, so a caller can do it
        on its own thread and hand only :meth:`write` (which releases the GIL) to a writer
        thread. Raises StoreError for content that cannot be stored.
        """
        g = _ox_graph(graph_iri)
        new = _convert_text(triples, self._iris)
        if self._ox is None:
            raise StoreError("the store is closed")
        return PreparedGraph(g, new.triples, None, new.lines, new.blank)

    def write(self, prepared: PreparedGraph) -> int:
        """Atomically replace the prepared graph's content (as :meth:`replace_graph`)."""
        self._replace({prepared.graph: prepared.content()}, {prepared.graph: prepared.nquads})
        return len(prepared.triples)

    def replace_graphs(self, graphs: Mapping[GraphName, Iterable[TripleLike]]) -> int:
        """Atomically replace several graphs at once (an empty content drops the graph).

        One Oxigraph transaction for all of them, as :meth:`replace_graph` for one: used by
        fusion, whose incident graphs change with the document that changes them.
        """
        converted = {_ox_graph(g): _convert_text(ts, self._iris) for g, ts in graphs.items()}
        self._replace(converted)
        return sum(len(c.triples) for c in converted.values())

    def write_with(self, prepared: PreparedGraph, extra: Mapping[GraphName, Iterable[TripleLike]]) -> int:
        """:meth:`write` the prepared graph and replace the ``extra`` graphs in the same
        transaction (e.g. a document and the incidents it changes); returns the prepared
        graph's triples."""
        if not extra:
            return self.write(prepared)
        graphs = {prepared.graph: prepared.content()}
        others = {_ox_graph(g): _convert_text(ts, self._iris) for g, ts in extra.items()}
        graphs.update(others)
        self._replace(graphs, {prepared.graph: prepared.nquads}, others)
        return len(prepared.triples)

    def write_many(self, prepared: list[PreparedGraph],
                   extra: Optional[Mapping[GraphName, Iterable[TripleLike]]] = None) -> list[int]:
        """:meth:`write_with` for several prepared graphs in ONE transaction: all of them and
        the ``extra`` graphs land, or none does (``kg build`` writes a batch of documents and
        the incidents they change this way); returns each prepared graph's triples."""
        graphs: dict[ox.NamedNode, _Content] = {}
        for p in prepared:
            if p.graph in graphs:
                raise StoreError(f"graph {p.graph} twice in one write")
            graphs[p.graph] = p.content()
        others = {_ox_graph(g): _convert_text(ts, self._iris) for g, ts in (extra or {}).items()}
        graphs.update(others)
        self._replace(graphs, {p.graph: p.nquads for p in prepared}, others)
        return [len(p.triples) for p in prepared]

    def load_file(self, path: Path, *, graph_iri: Optional[GraphName] = None,
                  fmt: Optional[str] = None) -> int:
        """Load an RDF file, replacing the graphs it fills, in one transaction; returns triples.

        Triples (and a quad file's default-graph quads) go to ``graph_iri``, which is then
        required; a quad file's named graphs each replace the graph of the same name.
        """
        path = Path(path)
        if fmt is None:
            rdf_format = ox.RdfFormat.from_extension(path.suffix.lstrip("."))
            if rdf_format is None:
                raise StoreError(f"cannot tell the RDF format of {path}; pass fmt")
        else:
            rdf_format = _LOAD_FORMATS[_fmt_name(fmt)]
        target = _ox_graph(graph_iri) if graph_iri is not None else None
        graphs: dict[ox.NamedNode, dict[OxTriple, None]] = {}
        try:
            for q in ox.parse(path=str(path), format=rdf_format, base_iri=path.resolve().as_uri(),
                              rename_blank_nodes=True):
                name = q.graph_name
                if isinstance(name, ox.DefaultGraph):
                    if target is None:
                        raise StoreError(f"{path} has triples outside named graphs; "
                                         "pass graph_iri to say where they go")
                    name = target
                elif not isinstance(name, ox.NamedNode):
                    raise StoreError(f"{path} uses a blank node as a graph name")
                graphs.setdefault(name, {})[(q.subject, q.predicate, q.object)] = None
        except SyntaxError as e:
            raise StoreError(f"cannot parse {path}: {e}") from None
        except OSError as e:
            raise StoreError(f"cannot read {path}: {e}") from None
        self._replace({g: _from_ox(ts) for g, ts in graphs.items()})
        return sum(len(ts) for ts in graphs.values())

    def remove_graph(self, graph_iri: GraphName) -> bool:
        """Remove a document graph (and its triples from the union); False if it was absent."""
        g = _ox_graph(graph_iri)
        with self._write_lock:
            store = self._writable()
            if not store.contains_named_graph(g):
                return False
            self._forget([g])
            self._update(store, self._drop_ops(g))
            return True

    def rebuild_union(self) -> int:
        """Recompute the union default graph from the named graphs (repair); returns its size."""
        with self._write_lock:
            store = self._writable()
            self._update(store, ["DROP SILENT DEFAULT",
                                 "INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"])
        return self._count_union()

    @staticmethod
    def _drop_ops(g: ox.NamedNode) -> list[str]:
        # Delete from the union only the triples no other document graph still holds.
        return [
            f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {g} {{ ?s ?p ?o }} "
            f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != {g}) }} }}",
            f"DROP SILENT GRAPH {g}",
        ]

    @staticmethod
    def _update(store: ox.Store, ops: list[str]) -> None:
        if not ops:
            return
        try:
            store.update(" ;\n".join(ops))
        except (OSError, RuntimeError, SyntaxError, ValueError) as e:
            raise StoreError(f"store update failed (nothing was changed): {e}") from None

    def _replace(self, graphs: Mapping[ox.NamedNode, _Content],
                 texts: Optional[Mapping[ox.NamedNode, Optional[str]]] = None,
                 remember: Mapping[ox.NamedNode, _Content] = MappingProxyType({})) -> None:
        """Replace several graphs: in ONE transaction (a single load or a single update), or
        in two steps (see :meth:`_replace_in_two_steps`) when existing graphs are replaced
        together with many triples of new ones.

        ``texts`` are N-Quads (named and union) of some of the new graphs if already built
        (see :meth:`prepare`). While :meth:`remembering`, the ``remember`` graphs' new content
        is kept once written, and every other graph written is forgotten.
        """
        texts = texts or {}
        with self._write_lock:
            store = self._writable()
            try:
                existing = [g for g in graphs if store.contains_named_graph(g)]
                fresh = [g for g in graphs if g not in existing and graphs[g].triples]
                if not existing:
                    self._load(store, [_nquads_many(graphs, fresh, texts)], self._bulk(graphs, fresh))
                elif sum(len(graphs[g].triples) for g in fresh) >= TWO_STEP_MIN_TRIPLES:
                    self._replace_in_two_steps(store, graphs, existing, fresh, texts)
                else:
                    self._update(store, self._replace_ops(graphs, existing))
            except BaseException:
                self._forget(graphs)
                raise
            self._forget([g for g in graphs if g not in remember])
            self._keep(remember)

    @contextmanager
    def remembering(self) -> Iterator[None]:
        """Within the block, the graphs written as ``extra`` of :meth:`write_with` and
        :meth:`write_many` (fusion's incident graphs in ``kg build``) are remembered as written,
        and changed by difference from what is remembered instead of being read back first.

        Why: a build rewrites an incident each time a report joins it, and reading its graph
        back from the store to find the difference cost more as the store grew (docs/build-speed.md,
        round 8). Only for a block in which this object is the store's one writer: a graph
        changed another way (``ox_store`` directly) would be diffed against what it held before.
        Graphs with blank nodes are never remembered; the memory is bounded
        (:data:`REMEMBER_MAX_TRIPLES`, then it starts again, reading back what it forgot)."""
        if self._known is not None:  # nested: the outer block keeps it
            yield
            return
        self._known, self._known_size = {}, 0
        try:
            yield
        finally:
            self._known, self._known_size = None, 0

    @contextmanager
    def bulk_writing(self) -> Iterator[None]:
        """Within the block, the new graphs of a large write (:data:`BULK_LOAD_MIN_QUADS` to
        :data:`BULK_LOAD_MAX_QUADS` quads, a build's batch of documents) go in by
        ``Store.bulk_load`` when the store is on disk, and if any did, the store is compacted
        (``Store.optimize``) when the block ends, also when it ends with an error (a build
        stopped part-way, Ctrl-C included: since build speed round 10). What was written before
        the error stays written (each write is all-or-nothing); a compaction that fails then
        is left aside, and the block's own error goes on.

        Why: a transaction inserts each quad into ten indexes, with a locking read each; the
        bulk loader sorts each index's keys and adds them to the database as files in one step,
        all-or-nothing (see :meth:`_load`). In a build of 1,000 documents written 64 a batch
        this took the build process from ~88 to ~72 ms of CPU a document (docs/build-speed.md,
        round 9). Each load's files span the whole key space and land beside everything
        stored, so reads are slower (a graph's quads 1.4-3x) until RocksDB has compacted
        them: the compaction at the end (~3.4 ms of CPU a document) gives back the reads of a
        store written by transactions. Outside the block (kg fuse, kg remove, the API) every
        write is a transaction, as before."""
        if self._bulk_loads is not None:  # nested: the outer block compacts
            yield
            return
        self._bulk_loads = 0
        try:
            yield
        except BaseException:
            loads, self._bulk_loads = self._bulk_loads, None
            if loads:
                try:
                    self.optimize()
                except StoreError:
                    pass  # the store stays readable, its files as written; the error above matters
            raise
        loads, self._bulk_loads = self._bulk_loads, None
        if loads:
            self.optimize()

    def optimize(self) -> None:
        """Compact the store's files (``Store.optimize``: RocksDB merges them into its levels)."""
        with self._write_lock:
            try:
                self._writable().optimize()
            except (OSError, RuntimeError) as e:
                raise StoreError(f"cannot compact the store: {e}") from None

    def _forget(self, graphs: Iterable[ox.NamedNode]) -> None:
        known = self._known
        if known:
            for g in graphs:
                old = known.pop(g, None)
                if old is not None:
                    self._known_size -= len(old)

    def _keep(self, graphs: Mapping[ox.NamedNode, _Content]) -> None:
        known = self._known
        if known is None:
            return
        self._forget(graphs)
        for g, content in graphs.items():
            if content.blank or not content.lines:
                continue  # forgotten: read back if written again
            if self._known_size + len(content.lines) > REMEMBER_MAX_TRIPLES:
                known.clear()
                self._known_size = 0
            known[g] = frozenset(content.lines)
            self._known_size += len(content.lines)

    def _bulk(self, graphs: Mapping[ox.NamedNode, _Content], fresh: list[ox.NamedNode]) -> bool:
        """Whether the new graphs of a write go in by ``Store.bulk_load`` (see
        :meth:`bulk_writing`); counts it if so."""
        if self._bulk_loads is None or self.path is None:
            return False
        quads = 2 * sum(len(graphs[g].triples) for g in fresh)
        if not BULK_LOAD_MIN_QUADS <= quads <= BULK_LOAD_MAX_QUADS:
            return False
        self._bulk_loads += 1
        return True

    @staticmethod
    def _load(store: ox.Store, texts: list[str], bulk: bool = False) -> None:
        """New graphs in one Store.load: all-or-nothing, and ~3x faster than an INSERT DATA
        request. The terms were validated when converted (lenient).

        ``bulk``: by ``Store.bulk_load`` instead (:meth:`bulk_writing`), all-or-nothing too as
        long as the text holds fewer quads than Oxigraph's bulk batch (1,000,000; hence
        :data:`BULK_LOAD_MAX_QUADS`): Oxigraph parses the whole text before it writes anything
        (a text that fails to parse writes nothing: tests/test_store_speed_round9.py), then
        ingests the batch's index files into all column families in one RocksDB call."""
        data = "".join(texts)
        if not data:
            return
        try:
            load = store.bulk_load if bulk else store.load
            load(data.encode("utf-8"), format=ox.RdfFormat.N_QUADS, lenient=True)
        except (OSError, RuntimeError, ValueError, SyntaxError) as e:
            raise StoreError(f"store write failed (nothing was changed): {e}") from None

    def _replace_ops(self, graphs: Mapping[ox.NamedNode, _Content],
                     existing: list[ox.NamedNode]) -> list[str]:
        """One update request: each existing graph changed by the difference from its stored
        content (or dropped, if it has no content now), every new graph inserted."""
        ops: list[str] = []
        body: list[str] = []
        for g, content in graphs.items():
            if g in existing:
                diff = self._diff_ops(g, content)
                if diff is not None:
                    ops.extend(diff)
                    continue
                ops.extend(self._drop_ops(g))
            if content.lines:
                text = "\n".join([f"{t} ." for t in content.lines])
                # Same request => same blank node labels denote the same nodes in both.
                body.append(f"GRAPH {g} {{\n{text}\n}}\n{text}")
        if body:
            ops.append("INSERT DATA {\n" + "\n".join(body) + "\n}")
        return ops

    def _diff_ops(self, g: ox.NamedNode, content: _Content) -> Optional[list[str]]:
        """Operations that turn a stored graph's content into ``content`` by deleting and
        inserting only what differs (None: drop and insert it whole instead).

        Why: fusion rewrites an incident graph each time a report joins it, and a rewrite
        usually adds a handful of triples (the report link, a figure) to hundreds. Dropping
        it costs a union check of every triple (measured: 60% of the CPU of a build's
        incident writes). Graphs with blank nodes, or with nothing left, are replaced whole.
        The stored content is what :meth:`remembering` kept of the graph, else read back.
        """
        if not content.lines or content.blank:
            return None
        old = self._known.get(g) if self._known is not None else None
        if old is None:
            stored = [(q.subject, q.predicate, q.object)
                      for q in self._writable().quads_for_pattern(None, None, None, g)]
            if any(isinstance(t, ox.BlankNode) for triple in stored for t in triple):
                return None
            old = frozenset([f"{s} {p} {o}" for s, p, o in stored])
        new = set(content.lines)
        removed = [t for t in old if t not in new]
        added = [f"{t} ." for t in content.lines if t not in old]
        ops: list[str] = []
        if removed:
            # Out of the graph, then out of the union unless another graph still holds it.
            ops.append(f"DELETE DATA {{ GRAPH {g} {{\n" + " .\n".join(removed) + " .\n} }")
            values = "\n".join(f"({t})" for t in removed)
            ops.append(f"DELETE {{ ?s ?p ?o }} WHERE {{ VALUES (?s ?p ?o) {{\n{values}\n}} "
                       "FILTER NOT EXISTS { GRAPH ?other { ?s ?p ?o } } }")
        if added:
            text = "\n".join(added)
            ops.append(f"INSERT DATA {{ GRAPH {g} {{\n{text}\n}}\n{text}\n}}")
        return ops

    def _replace_in_two_steps(self, store: ox.Store, graphs: Mapping[ox.NamedNode, _Content],
                              existing: list[ox.NamedNode], fresh: list[ox.NamedNode],
                              texts: Mapping[ox.NamedNode, Optional[str]]) -> None:
        """New graphs in one load, then the existing ones replaced in one update; if the
        update fails, the new graphs are dropped again, so the store is as it was.

        Why: a build batch adds ~16-64 new document graphs and rewrites a few existing
        incident graphs. In one SPARQL update the documents' triples cost ~3x what a load
        costs (measured: 78 against 25 microseconds of CPU a triple; three quarters of a
        build's store time). Between the two steps a reader may see documents whose
        incidents are not rewritten yet; a process killed there leaves them so, and the
        next ``kg build`` re-fuses them (kg.pipeline: reports that belong to no incident).
        """
        self._load(store, [_nquads_many(graphs, fresh, texts)], self._bulk(graphs, fresh))
        try:
            self._update(store, self._replace_ops({g: graphs[g] for g in existing}, existing))
        except StoreError:
            try:
                self._update(store, [op for g in fresh for op in self._drop_ops(g)])
            except StoreError as undo:
                raise StoreError(
                    f"store write failed half-way and could not be undone: {undo}; the new "
                    f"graphs {', '.join(str(g) for g in fresh[:3])} are stored without the "
                    "rest of their write (run kg fuse, or build those documents again)") from None
            raise

    # --- reading ---------------------------------------------------------------------------

    def query(self, sparql: str, *, timeout_s: Optional[float] = None) -> QueryResult:
        """Run a read-only SPARQL query against the union of all document graphs."""
        return execute(self.ox_store, sparql, timeout_s=timeout_s)

    def graphs(self) -> list[URIRef]:
        """Names of all named graphs, sorted."""
        return sorted(URIRef(g.value) for g in self.ox_store.named_graphs()
                      if isinstance(g, ox.NamedNode))

    def graph(self, graph_iri: GraphName) -> rdflib.Graph:
        """An in-memory rdflib copy of one named graph (plain literals stay plain)."""
        g = rdflib.Graph(identifier=URIRef(str(graph_iri)))
        for prefix, ns in KNOWN_PREFIXES.items():
            g.bind(prefix, ns, override=True)
        for q in self.ox_store.quads_for_pattern(None, None, None, _ox_graph(graph_iri)):
            g.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))  # type: ignore[arg-type]
        return g

    def _select(self, sparql: str) -> list[list[Optional[Node]]]:
        return execute(self.ox_store, sparql).rows

    def _count_union(self) -> int:
        rows = self._select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return int(rows[0][0]) if rows else 0  # type: ignore[arg-type]

    def documents(self) -> list[DocInfo]:
        """Document graphs: graphs under GRAPH_BASE or stating ``<g> prov:wasDerivedFrom <doc>``."""
        counts = {
            str(g): int(n)  # type: ignore[arg-type]
            for g, n in self._select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
        }
        meta_rows = self._select(f"""
            SELECT ?g (SAMPLE(?d) AS ?doc) (SAMPLE(?t) AS ?title) (SAMPLE(?pub) AS ?publisher)
                   (SAMPLE(?date) AS ?published)
            WHERE {{ GRAPH ?g {{
                ?g <{_PROV}wasDerivedFrom> ?d .
                OPTIONAL {{ ?d <{_DCT}title> ?t }}
                OPTIONAL {{ ?d <{_DCT}publisher>|<https://schema.org/publisher> ?p0 .
                           OPTIONAL {{ ?p0 <http://www.w3.org/2000/01/rdf-schema#label>|<https://schema.org/name> ?pl }}
                           BIND(COALESCE(?pl, ?p0) AS ?pub) }}
                OPTIONAL {{ ?d <{_DCT}issued>|<{_DCT}date>|<https://schema.org/datePublished> ?date }}
            }} }} GROUP BY ?g""")
        meta = {str(r[0]): r for r in meta_rows}
        docs: list[DocInfo] = []
        for g in self.graphs():
            row = meta.get(str(g))
            if row is None and not str(g).startswith(GRAPH_BASE):
                continue  # e.g. an ontology graph: not a document
            doc_iri = row[1] if row is not None and isinstance(row[1], URIRef) else None
            if str(g).startswith(GRAPH_BASE):
                doc_id = str(g)[len(GRAPH_BASE):]
            else:
                doc_id = str(doc_iri or g).rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1]

            def text(i: int) -> Optional[str]:
                return str(row[i]) if row is not None and row[i] is not None else None

            docs.append(DocInfo(doc_id=doc_id, graph_iri=g, title=text(2), publisher=text(3),
                                published=text(4), triples=counts.get(str(g), 0),
                                doc_iri=doc_iri))
        return docs

    def stats(self) -> StoreStats:
        """Triples in the union, graph and document counts, instances per ckg: class.

        An incident (kg.fuse) is counted as an ``Incident`` only, not again under its event
        class (it is also a ckg:Attack...): the event counts are the articles' reports."""
        rows = self._select(f"""
            SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE {{
                ?s a ?c FILTER(STRSTARTS(STR(?c), "{CKG}"))
                FILTER(?c = <{CKG}Incident> || NOT EXISTS {{ ?s a <{CKG}Incident> }}) }} GROUP BY ?c""")
        types = {str(c)[len(CKG):]: int(n) for c, n in rows}  # type: ignore[arg-type]
        return StoreStats(triples=self._count_union(), graphs=len(self.graphs()),
                          documents=len(self.documents()), types=dict(sorted(types.items())))

    # --- export ----------------------------------------------------------------------------

    def export(self, fmt: str, out: BinaryIO, *, graph_iri: Optional[GraphName] = None) -> int:
        """Write the store as RDF; returns the number of triples (quads) written.

        Triple formats (turtle, ntriples, xml) get the union of all graphs; quad formats
        (nquads, trig, jsonld) keep the document graphs. ``graph_iri`` limits it to one graph.
        """
        name = _fmt_name(fmt)
        ox_format, keeps_graphs = EXPORT_FORMATS[name]
        store = self.ox_store
        if graph_iri is not None:
            g = _ox_graph(graph_iri)
            quads = store.quads_for_pattern(None, None, None, g)
        elif keeps_graphs:
            quads = (q for q in store.quads_for_pattern(None, None, None, None)
                     if not isinstance(q.graph_name, ox.DefaultGraph))
        else:
            quads = store.quads_for_pattern(None, None, None, ox.DefaultGraph())
        count = 0

        def counted_quads() -> Iterable[ox.Quad]:
            nonlocal count
            for q in quads:
                count += 1
                yield q

        def counted_triples() -> Iterable[ox.Triple]:
            for q in counted_quads():
                yield q.triple

        if ox_format is not None:
            items = counted_quads() if keeps_graphs else counted_triples()
            prefixes = dict(KNOWN_PREFIXES) if name in ("turtle", "trig") else None
            ox.serialize(items, out, ox_format, prefixes=prefixes)
            return count
        if keeps_graphs:  # JSON-LD through rdflib, graphs kept
            ds = rdflib.Dataset()
            for q in counted_quads():
                ds.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object),  # type: ignore[arg-type]
                        from_ox(q.graph_name)))  # type: ignore[arg-type]
            ds.serialize(destination=out, format="json-ld", encoding="utf-8")
            return count
        graph = rdflib.Graph()
        for prefix, ns in KNOWN_PREFIXES.items():
            graph.bind(prefix, ns, override=True)
        for t in counted_triples():
            graph.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))  # type: ignore[arg-type]
        graph.serialize(destination=out, format="xml", encoding="utf-8")
        return count
