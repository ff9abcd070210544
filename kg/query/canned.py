"""Canned queries: ``queries/*.rq`` files with a comment header naming them and their parameters.

    # title: Deployments
    # description: Who deployed how many troops where and when.
    # param: country: string = "" -- optional country label to filter on
    # param: type: enum(any|attack|capture) = any -- one of the listed words
    # param: actor: string -- no "=": a required parameter
    PREFIX ...

Types: string, integer, decimal, date (YYYY-MM-DD), iri, boolean, and enum(a|b|c) (one of the
listed words, case-insensitive on input). A default of "" (or ``=`` with nothing) means
optional: left unbound, the query's own ``!BOUND(?x) || ...`` filters treat it as "no filter".

Parameter values are never pasted into the query text as given: each is validated, turned into
an RDF term of its declared type and written in N-Triples syntax (escaped by Oxigraph) inside a
``VALUES ?name { ... }`` block at the start of every WHERE clause (the query's and each
sub-select's, since a sub-select does not see the outer query's variables). A value full of
quotes, braces or ``#`` therefore stays one literal that is compared as data.
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

from kg.store.sparql import KNOWN_PREFIXES, mask_sparql, to_ntriples

PARAM_TYPES = ("string", "integer", "decimal", "date", "iri", "boolean", "enum")

_HEADER = re.compile(r"^#\s*([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$")
_PARAM = re.compile(r"^(?P<name>[A-Za-z_]\w*)\s*:\s*(?P<type>\w+)"
                    r"(?:\((?P<choices>[^()]*)\))?\s*(?P<rest>.*)$")
_CHOICE = re.compile(r"[A-Za-z0-9_.-]+")
_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"')
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
_FORM = re.compile(r"\b(SELECT|ASK|DESCRIBE|CONSTRUCT)\b", re.IGNORECASE)
_PREFIX_DECL = re.compile(r"PREFIX\s+([^\s:]*):\s*<([^>]*)>", re.IGNORECASE)
_BOOLEANS = {"true": True, "false": False, "1": True, "0": False, "yes": True, "no": False}


class CannedQueryError(ValueError):
    """A malformed .rq file or a bad parameter value; the message says which and why."""


class ParamTooLongError(CannedQueryError):
    """A parameter value over ``MAX_PARAM_CHARS``."""


#: Characters in one parameter value, at most: names, aliases, dates and IRIs are far shorter,
#: and the value is bound once per WHERE clause, so a long one would multiply the query's size.
MAX_PARAM_CHARS = 1_000


@dataclass(frozen=True)
class Param:
    """One declared parameter; ``default`` is the raw text, "" meaning unbound, None required.

    ``choices`` lists the allowed values of an ``enum`` parameter (empty for other types).
    """

    name: str
    type: str
    default: Optional[str] = ""
    help: str = ""
    choices: tuple[str, ...] = ()

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


def _choices(raw: Optional[str], ptype: str, where: str, name: str) -> tuple[str, ...]:
    """The words of ``enum(a|b|c)``; only enum takes them, and it needs at least two."""
    if ptype != "enum":
        if raw is not None:
            raise CannedQueryError(f"{where}: parameter '{name}': only enum takes a (choice|list)")
        return ()
    words = tuple(w.strip() for w in (raw or "").split("|"))
    if len(words) < 2 or not all(_CHOICE.fullmatch(w) for w in words) or \
            len({w.lower() for w in words}) != len(words):
        raise CannedQueryError(f"{where}: parameter '{name}': enum needs two or more distinct "
                               "words, like enum(any|attack|capture)")
    return words


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
            choices = _choices(pm.group("choices"), ptype, f"{where}:{lineno}", pm.group("name"))
            if any(p.name == pm.group("name") for p in params):
                raise CannedQueryError(f"{where}:{lineno}: parameter '{pm.group('name')}' "
                                       "is declared twice")
            default_raw, help_text = parsed
            params.append(Param(pm.group("name"), ptype,
                                _parse_default(default_raw, f"{where}:{lineno}"), help_text,
                                choices))
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
    if param.type == "enum":
        for choice in param.choices:
            if v.lower() == choice.lower():
                return Literal(choice)
        raise fail(f"one of {', '.join(param.choices)}")
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
    offsets = _insert_points(masked)
    return offsets[0] if offsets else None


def _insert_points(masked: str) -> list[int]:
    """Offsets just after every ``WHERE {`` (the query's and its sub-selects'), or else after
    the first ``{`` of ``ASK {``/``SELECT * {``."""
    found = [m.end() for m in _WHERE.finditer(masked)]
    if found:
        return found
    form = _FORM.search(masked)
    if form and form.group(1).upper() != "CONSTRUCT":
        brace = masked.find("{", form.end())
        if brace >= 0:
            return [brace + 1]
    return []


def bind(query: CannedQuery, values: Mapping[str, str]) -> str:
    """The query text with parameter values bound through VALUES blocks; nothing else changes.

    The same block goes after every ``WHERE {``: a sub-select sees only its own variables, and
    joining one fixed value into both the outer query and a sub-select is the same as once.
    """
    for name in values:
        if not any(p.name == name for p in query.params):
            raise CannedQueryError(query._unknown(name))
    clauses: list[str] = []
    for p in query.params:
        raw = values.get(p.name, p.default)
        if raw is None or (p.required and not raw.strip()):
            hint = f" ({p.help})" if p.help else ""
            raise CannedQueryError(f"query '{query.name}' needs a value for parameter "
                                   f"'{p.name}'{hint}")
        if raw == "":
            continue  # unbound: the query's own OPTIONAL/FILTER logic decides
        if len(raw) > MAX_PARAM_CHARS:
            raise ParamTooLongError(f"parameter '{p.name}' of query '{query.name}' is "
                                    f"{len(raw):,} characters long (limit {MAX_PARAM_CHARS:,})")
        clauses.append(f"VALUES ?{p.name} {{ {to_ntriples(to_term(query, p, raw))} }}")
    if not clauses:
        return query.sparql
    points = _insert_points(mask_sparql(query.sparql))
    if not points:
        raise CannedQueryError(f"query '{query.name}' has no 'WHERE {{' to bind parameters in")
    block = "\n  " + "\n  ".join(clauses) + "\n"
    text, pieces, last = query.sparql, [], 0
    for pos in points:
        pieces += [text[last:pos], block]
        last = pos
    return "".join(pieces) + text[last:]
