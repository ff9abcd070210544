"""Rendering query results: rich table, W3C CSV/TSV/JSON results, Markdown, or RDF for graphs.

CSV, TSV and JSON follow the W3C SPARQL 1.1 result formats so other tools can read them back;
table and Markdown are for people, so IRIs are shortened with the known prefixes.
Graph results (CONSTRUCT/DESCRIBE) are RDF: ``table``/``markdown`` print Turtle, ``json`` prints
JSON-LD, ``csv``/``tsv`` give subject/predicate/object rows, and any RDF format name works.
"""

from __future__ import annotations

import csv
import json
from typing import Any, Mapping, Optional, TextIO

from rdflib.term import BNode, Literal, Node, URIRef

from kg.store.sparql import KNOWN_PREFIXES, QueryResult, to_ntriples

FORMATS = ("table", "csv", "tsv", "json", "markdown")
_RDF_FORMATS = {"turtle": "turtle", "ttl": "turtle", "ntriples": "nt", "nt": "nt",
                "n3": "n3", "xml": "xml", "rdfxml": "xml", "jsonld": "json-ld",
                "json-ld": "json-ld", "nquads": "nquads", "trig": "trig"}
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def shorten(iri: str, prefixes: Mapping[str, str] = KNOWN_PREFIXES) -> str:
    """``prefix:local`` with the longest matching namespace, else the IRI in angle brackets."""
    best = ""
    best_prefix = ""
    for prefix, ns in prefixes.items():
        if iri.startswith(ns) and len(ns) > len(best) and len(iri) > len(ns):
            best, best_prefix = ns, prefix
    return f"{best_prefix}:{iri[len(best):]}" if best else f"<{iri}>"


def label(term: Optional[Node], prefixes: Mapping[str, str] = KNOWN_PREFIXES) -> str:
    """A human-readable cell: literal values as is, IRIs shortened, unbound as ''."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return shorten(str(term), prefixes)
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def _csv_value(term: Optional[Node]) -> str:
    # W3C CSV results: plain IRI, lexical form of literals, _:label for blank nodes.
    if term is None:
        return ""
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def _tsv_value(term: Optional[Node]) -> str:
    # W3C TSV results: terms in Turtle/N-Triples syntax (tabs/newlines escaped in literals).
    if term is None:
        return ""
    if isinstance(term, BNode):
        return f"_:{term}"
    return to_ntriples(term)


def _json_term(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    assert isinstance(term, Literal)
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype is not None and str(term.datatype) != _XSD_STRING:
        out["datatype"] = str(term.datatype)
    return out


def to_json(result: QueryResult) -> dict[str, Any]:
    """The W3C SPARQL 1.1 Query Results JSON object of a SELECT or ASK result."""
    if result.kind == "ask":
        return {"head": {}, "boolean": bool(result.boolean)}
    bindings = [{v: _json_term(t) for v, t in b.items()} for b in result.bindings()]
    return {"head": {"vars": list(result.vars)}, "results": {"bindings": bindings}}


def _md_cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", "").replace("\n", "<br>")


def _tabular(result: QueryResult) -> tuple[list[str], list[list[Optional[Node]]]]:
    """Header and rows of any result kind (graphs as subject/predicate/object)."""
    if result.kind == "select":
        return list(result.vars), result.rows
    if result.kind == "ask":
        return ["boolean"], [[Literal(bool(result.boolean))]]
    assert result.graph is not None
    return ["subject", "predicate", "object"], [list(t) for t in sorted(result.graph)]


def render(result: QueryResult, fmt: str, out: TextIO, *, width: Optional[int] = None,
           prefixes: Mapping[str, str] = KNOWN_PREFIXES) -> None:
    """Write ``result`` to ``out`` as table|csv|tsv|json|markdown (or an RDF format for graphs)."""
    fmt = fmt.lower()
    if result.kind == "graph":
        assert result.graph is not None
        rdf = {"table": "turtle", "markdown": "turtle", "json": "json-ld"}.get(fmt) \
            or _RDF_FORMATS.get(fmt)
        if rdf is not None:
            out.write(result.graph.serialize(format=rdf))
            return
    if fmt not in FORMATS:
        raise ValueError(f"unknown output format {fmt!r}; use one of {', '.join(FORMATS)}"
                         + (" or an RDF format" if result.kind == "graph" else ""))
    header, rows = _tabular(result)
    if fmt == "json":
        json.dump(to_json(result), out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt == "csv":
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow([_csv_value(t) for t in row])
    elif fmt == "tsv":
        if result.kind == "ask":
            out.write(f"?boolean\n{str(bool(result.boolean)).lower()}\n")
            return
        out.write("\t".join(f"?{v}" for v in header) + "\n")
        for row in rows:
            out.write("\t".join(_tsv_value(t) for t in row) + "\n")
    elif fmt == "markdown":
        out.write("| " + " | ".join(_md_cell(h) for h in header) + " |\n")
        out.write("|" + "---|" * len(header) + "\n")
        for row in rows:
            out.write("| " + " | ".join(_md_cell(label(t, prefixes)) for t in row) + " |\n")
    else:
        _render_table(header, rows, out, width, prefixes, result)


def readable_columns(header: list[str], rows: list[list[Optional[Node]]]) -> list[int]:
    """Columns worth showing to a person: an IRI column with a ``<name>Label`` twin is dropped."""
    names = set(header)
    keep = []
    for i, h in enumerate(header):
        twin = h + "Label" in names or h + "Title" in names
        only_iris = all(row[i] is None or isinstance(row[i], URIRef) for row in rows)
        if not (twin and only_iris):
            keep.append(i)
    return keep


def _render_table(header: list[str], rows: list[list[Optional[Node]]], out: TextIO,
                  width: Optional[int], prefixes: Mapping[str, str],
                  result: QueryResult) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    keep = readable_columns(header, rows)
    hidden = len(header) - len(keep)
    table = Table(*(header[i] for i in keep), show_lines=False,
                  caption=f"{len(rows)} row{'s' if len(rows) != 1 else ''}"
                  + (f" in {result.elapsed_s:.3f} s" if result.elapsed_s else "")
                  + (f"; {hidden} IRI column{'s' if hidden != 1 else ''} shown by their labels"
                     " (--format csv|json for all)" if hidden else ""))
    for row in rows:
        # Text(), not str: values must never be read as rich markup.
        table.add_row(*(Text(label(row[i], prefixes)) for i in keep))
    if width is None and not (hasattr(out, "isatty") and out.isatty()):
        width = 160  # a file or pipe: wide enough that IRIs are rarely wrapped
    Console(file=out, width=width, soft_wrap=False).print(table)
