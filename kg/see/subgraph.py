"""Choosing the part of the network to show or analyse: the options viz, analyze and export share.

Applied in this order, each narrowing the last: a query's results (a SPARQL CONSTRUCT, or a
canned query), then a period, then an actor's neighbourhood.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import networkx as nx

from kg.query import canned
from kg.see.network import (
    ACTOR,
    NetworkError,
    ego,
    find_entity,
    in_period,
    mentioned,
    parse_period,
    selected,
)
from kg.store.core import KGStore


@dataclass(frozen=True)
class SubgraphSpec:
    ego: Optional[str] = None  # actor IRI or label
    hops: int = 1
    start: Optional[str] = None  # --from
    end: Optional[str] = None  # --to
    construct: Optional[str] = None  # SPARQL CONSTRUCT text or a file holding it
    query: Optional[str] = None  # canned query name
    params: dict[str, str] = field(default_factory=dict)
    queries_dir: Optional[Path] = None

    @property
    def is_whole(self) -> bool:
        return not (self.ego or self.start or self.end or self.construct or self.query)

    def describe(self) -> str:
        parts = []
        if self.construct:
            parts.append("the CONSTRUCT query")
        if self.query:
            parts.append(f"query {self.query!r}")
        if self.start or self.end:
            parts.append(f"period {self.start or '…'} to {self.end or '…'}")
        if self.ego:
            parts.append(f"{self.hops} hop(s) around {self.ego!r}")
        return ", ".join(parts) or "the whole graph"


def _construct_text(value: str) -> str:
    path = Path(value)
    if value.strip().endswith(".rq") or (len(value) < 4096 and "\n" not in value and path.is_file()):
        if not path.is_file():
            raise NetworkError(f"no such query file: {path}")
        return path.read_text(encoding="utf-8")
    return value


def _canned(spec: SubgraphSpec, default_dir: Path) -> str:
    folder = spec.queries_dir or default_dir
    queries = canned.load_queries(folder)
    if spec.query not in queries:
        known = ", ".join(sorted(queries)) or "none"
        raise NetworkError(f"no canned query named {spec.query!r} in {folder} (known: {known})")
    return canned.bind(queries[spec.query], spec.params)


def choose(store: KGStore, g: nx.DiGraph, spec: SubgraphSpec, default_queries_dir: Path) -> nx.DiGraph:
    """The subgraph of ``g`` that ``spec`` asks for; an empty answer is an error that says why."""
    if spec.construct and spec.query:
        raise NetworkError("give --construct or --query, not both")
    if spec.params and not spec.query:
        raise NetworkError("--param works with --query NAME (a canned query)")
    period = parse_period(spec.start, spec.end)  # bad dates fail before any query runs
    actor = find_entity(g, spec.ego, kinds=(ACTOR,)) if spec.ego else None
    if spec.hops < 1:
        raise NetworkError(f"--hops must be 1 or more, got {spec.hops}")
    sub = g
    if spec.construct:
        result = store.query(_construct_text(spec.construct))
        if result.kind != "graph" or result.graph is None:
            raise NetworkError(f"--construct needs a CONSTRUCT or DESCRIBE query; this one is {result.kind.upper()}")
        sub = mentioned(g, result.graph)
    elif spec.query:
        result = store.query(_canned(spec, default_queries_dir))
        if result.kind == "graph" and result.graph is not None:
            sub = mentioned(g, result.graph)
        elif result.kind == "select":
            sub = selected(g, result.rows)
        else:
            raise NetworkError(f"query {spec.query!r} is an ASK query: it names no part of the graph")
    sub = in_period(sub, period)
    if actor is not None:
        if actor not in sub:
            raise NetworkError(f"actor {g.nodes[actor]['label']!r} is not in the chosen part of the graph "
                               f"({spec.describe()})")
        sub = ego(sub, actor, spec.hops)
    if sub.number_of_nodes() == 0:
        raise NetworkError(f"nothing matches {spec.describe()}: the subgraph is empty")
    return sub
