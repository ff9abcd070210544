"""Canned queries: ``queries/*.rq`` files with a comment header naming them and their parameters.

    # title: Deployments
    # description: Who deployed how many troops where and when.
    # param: country: string = "" -- optional country label to filter on
    PREFIX ...

Parameter values are never pasted into the query text as given: each is validated, turned into
an RDF term of its declared type and written in N-Triples syntax (escaped by Oxigraph) inside a
``VALUES ?name { ... }`` block at the start of the WHERE clause. A value full of quotes and
braces therefore stays one literal that is compared as data.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Mapping, Optional

import pyoxigraph as ox
from rdflib import XSD
from rdflib.term import Literal, Node, URIRef

from kg.sparql import KNOWN_PREFIXES, mask_sparql, to_ntriples

PARAM_TYPES = ("string", "integer", "decimal", "date", "iri", "boolean")

_HEADER = re.compile(r"^#\s*([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$")
_PARAM = re.compile(r"^(?P<name>[A-Za-z_]\w*)\s*:\s*(?P<type>\w+)\s*(?P<rest>.*)$")
_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"')
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
_FORM = re.compile(r"\b(SELECT|ASK|DESCRIBE|CONSTRUCT)\b", re.IGNORECASE)
_PREFIX_DECL = re.compile(r"PREFIX\s+([^\s:]*):\s*<([^>]*)>", re.IGNORECASE)
_BOOLEANS = {"true": True, "false": False, "1": True, "0": False, "yes": True, "no": False}


class CannedQueryError(ValueError):
    """A malformed .rq file or a bad parameter value; the message says which and why."""


@dataclass(frozen=True)
class Param:
    """One declared parameter; ``default`` is the raw text, "" meaning unbound."""

    name: str
    type: str
    default: Optional[str] = ""
    help: str = ""

    @property
    def required(self) -> bool:
        return self.default is None


@dataclass(frozen=True)
class CannedQuery:
    name: str
    title: str
    description: str
    params: list[Param] = field(default_factory=list)
    sparql: str = ""
    path: Optional[Path] = None

    def param(self, name: str) -> Param:
        for p in self.params:
            if p.name == name:
                return p
        raise CannedQueryError(self._unknown(name))

    def _unknown(self, name: str) -> str:
        known = ", ".join(p.name for p in self.params) or "none"
        return f"query '{self.name}' has no parameter '{name}' (known parameters: {known})"


def _param_rest(rest: str) -> Optional[tuple[Optional[str], str]]:
    """Split ``= default -- help`` into (raw default or None when absent, help); None if malformed."""
    default: Optional[str] = None
    rest = rest.strip()
    if rest.startswith("="):
        rest = rest[1:].lstrip()
        quoted = _QUOTED.match(rest)
        if quoted:
            default, rest = quoted.group(0), rest[quoted.end():].lstrip()
        elif rest.startswith("--") or not rest:
            default = ""
        else:
            default, _, rest = rest.partition(" ")
            rest = rest.lstrip()
    if rest.startswith("--"):
        return default, rest[2:].strip()
    return (default, "") if not rest else None


def _parse_default(raw: Optional[str], where: str) -> Optional[str]:
    if raw is None:
        return None
    if raw.startswith('"'):
        try:
            return str(json.loads(raw))
        except json.JSONDecodeError:
            raise CannedQueryError(f"{where}: bad quoted default {raw}") from None
    return raw


def parse_query(text: str, name: str, path: Optional[Path] = None) -> CannedQuery:
    """Parse one .rq file's text (header comments + SPARQL)."""
    where = str(path) if path else name
    meta: dict[str, str] = {}
    params: list[Param] = []
    for lineno, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        m = _HEADER.match(stripped)
        if not m:
            continue  # a plain comment
        key, value = m.group(1).lower(), m.group(2)
        if key == "param":
            pm = _PARAM.match(value)
            parsed = _param_rest(pm.group("rest")) if pm else None
            if pm is None or parsed is None:
                raise CannedQueryError(f"{where}:{lineno}: bad param line {value!r}; expected "
                                       "'name: type = default -- help'")
            ptype = pm.group("type").lower()
            if ptype not in PARAM_TYPES:
                raise CannedQueryError(f"{where}:{lineno}: parameter '{pm.group('name')}' has "
                                       f"unknown type '{ptype}' (use {', '.join(PARAM_TYPES)})")
            if any(p.name == pm.group("name") for p in params):
                raise CannedQueryError(f"{where}:{lineno}: parameter '{pm.group('name')}' "
                                       "is declared twice")
            default_raw, help_text = parsed
            params.append(Param(pm.group("name"), ptype,
                                _parse_default(default_raw, f"{where}:{lineno}"), help_text))
        elif key == "description" and "description" in meta:
            meta[key] += " " + value
        else:
            meta[key] = value
    query = CannedQuery(name=name, title=meta.get("title", name),
                        description=meta.get("description", ""), params=params,
                        sparql=text, path=path)
    masked = mask_sparql(text)
    for p in params:
        if not re.search(rf"[?$]{re.escape(p.name)}\b", masked):
            raise CannedQueryError(f"{where}: parameter '{p.name}' is not used as ?{p.name} "
                                   "in the query")
        if p.default:
            try:  # a bad default is an authoring error: report it now, with the file
                to_term(query, p, p.default)
            except CannedQueryError as e:
                raise CannedQueryError(f"{where}: bad default: {e}") from None
    if params and _insert_at(masked) is None:
        raise CannedQueryError(f"{where}: query has parameters but no 'WHERE {{' to bind them in")
    return query


def load_queries(directory: Path) -> dict[str, CannedQuery]:
    """All ``*.rq`` files of a directory, by file stem, sorted by name."""
    directory = Path(directory)
    if not directory.is_dir():
        raise CannedQueryError(f"no query directory at {directory}")
    return {p.stem: parse_query(p.read_text(encoding="utf-8"), p.stem, p)
            for p in sorted(directory.glob("*.rq"))}


def _prefixes(query: CannedQuery) -> dict[str, str]:
    found = dict(KNOWN_PREFIXES)
    found.update((m.group(1), m.group(2)) for m in _PREFIX_DECL.finditer(query.sparql))
    return found


def to_term(query: CannedQuery, param: Param, value: str) -> Node:
    """Validate ``value`` against the parameter's type and return the RDF term."""
    name, v = param.name, value.strip()

    def fail(what: str) -> CannedQueryError:
        return CannedQueryError(f"parameter '{name}' must be {what}, got {value!r}")

    if param.type == "string":
        return Literal(value)
    if param.type == "integer":
        if not re.fullmatch(r"[+-]?\d+", v):
            raise fail("an integer")
        return Literal(str(int(v)), datatype=XSD.integer)
    if param.type == "decimal":
        if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", v):
            raise fail("a decimal number like 2.5")
        try:
            return Literal(str(Decimal(v)), datatype=XSD.decimal)
        except InvalidOperation:
            raise fail("a decimal number like 2.5") from None
    if param.type == "date":
        try:
            return Literal(dt.date.fromisoformat(v).isoformat(), datatype=XSD.date)
        except ValueError:
            raise fail("a date as YYYY-MM-DD") from None
    if param.type == "boolean":
        if v.lower() not in _BOOLEANS:
            raise fail("a boolean (true/false)")
        return Literal(_BOOLEANS[v.lower()])
    # iri: <full>, full, or prefix:local with a known or declared prefix
    iri = v[1:-1] if v.startswith("<") and v.endswith(">") else v
    prefix, sep, local = iri.partition(":")
    namespaces = _prefixes(query)
    if sep and prefix in namespaces and not local.startswith("//"):
        iri = namespaces[prefix] + local
    try:
        ox.NamedNode(iri)
    except ValueError:
        raise fail("an absolute IRI or prefix:name") from None
    return URIRef(iri)


def _insert_at(masked: str) -> Optional[int]:
    """Offset just after the first ``WHERE {`` (or the first ``{`` of ``ASK {``/``SELECT * {``)."""
    m = _WHERE.search(masked)
    if m:
        return m.end()
    form = _FORM.search(masked)
    if form and form.group(1).upper() != "CONSTRUCT":
        brace = masked.find("{", form.end())
        if brace >= 0:
            return brace + 1
    return None


def bind(query: CannedQuery, values: Mapping[str, str]) -> str:
    """The query text with parameter values bound through a VALUES block; nothing else changes."""
    for name in values:
        if not any(p.name == name for p in query.params):
            raise CannedQueryError(query._unknown(name))
    clauses: list[str] = []
    for p in query.params:
        raw = values.get(p.name, p.default)
        if raw is None:
            raise CannedQueryError(f"query '{query.name}' needs a value for parameter '{p.name}'")
        if raw == "":
            continue  # unbound: the query's own OPTIONAL/FILTER logic decides
        clauses.append(f"VALUES ?{p.name} {{ {to_ntriples(to_term(query, p, raw))} }}")
    if not clauses:
        return query.sparql
    pos = _insert_at(mask_sparql(query.sparql))
    if pos is None:
        raise CannedQueryError(f"query '{query.name}' has no 'WHERE {{' to bind parameters in")
    text = query.sparql
    return text[:pos] + "\n  " + "\n  ".join(clauses) + "\n" + text[pos:]
