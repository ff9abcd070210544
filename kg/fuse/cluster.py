"""Deterministic clustering of reports into incidents.

Reports are sorted by IRI; candidate pairs come from shared block keys; pairs are scored by
:func:`kg.fuse.compat.compare`. Edges are taken best first (ties broken by the IRIs), and two
groups merge only if **no** pair across them is vetoed and their **average** pair score reaches
the threshold: a chain a~b~c where a and c are incompatible (same town, a week apart) stays
split, which single linkage would not do. The same reports in any order give the same groups.

A planned incident may be *fulfilled* by a happened one (the deployment that was announced):
after clustering, each planned group is linked to the best later happened group of its family
whose places and actors agree (``ckg:fulfils``); they stay two incidents.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Callable, Iterable, Optional

from kg.fuse.blocking import ANY_COUNTRY, BlockKey, block_keys, family, fusable, interval
from kg.fuse.compat import actors_score, compare, places_relation
from kg.fuse.config import FusionConfig
from kg.fuse.model import Report


@dataclass(frozen=True)
class Group:
    """One incident's reports (sorted by IRI) and the planned group it fulfils, if any."""

    reports: tuple[Report, ...]
    fulfils: Optional[tuple[str, ...]] = None  # member IRIs of the planned group

    @property
    def key(self) -> str:
        return self.reports[0].iri


Span = Optional[tuple[date, date]]


def apart(a: Span, b: Span, tol: timedelta) -> bool:
    """The two date spans lie more than ``tol`` apart: compare() vetoes such a pair
    (dates_score, whose tolerance is at most ``tolerance_days``), so it is never scored."""
    return a is not None and b is not None and (a[0] - tol > b[1] or b[0] - tol > a[1])


def candidate_pairs(reports: list[Report], cfg: FusionConfig,
                    spans: Optional[list[Span]] = None) -> set[tuple[int, int]]:
    """Index pairs (i < j) of reports sharing a block key ('*' country meets every country)
    whose dates may tell one day (pairs :func:`apart` are vetoed anyway: leaving them out
    changes no result and keeps a month's block of hundreds of reports from being quadratic)."""
    if spans is None:
        spans = [interval(r, cfg) for r in reports]
    tol = timedelta(days=cfg.tolerance_days)
    blocks: dict[BlockKey, list[int]] = defaultdict(list)
    wild: dict[tuple[str, str], list[int]] = defaultdict(list)
    by_fm: dict[tuple[str, str], dict[int, None]] = defaultdict(dict)
    for i, r in enumerate(reports):
        for key in block_keys(r, cfg):
            blocks[key].append(i)
            by_fm[(key[0], key[2])][i] = None
            if key[1] == ANY_COUNTRY:
                wild[(key[0], key[2])].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        _near_pairs(members, spans, tol, pairs)
    for fm, ws in wild.items():
        _near_pairs(list(by_fm[fm]), spans, tol, pairs, set(ws))
    return pairs


def _near_pairs(members: list[int], spans: list[Span], tol: timedelta, pairs: set[tuple[int, int]],
                need: Optional[set[int]] = None) -> None:
    """Add the pairs of ``members`` not :func:`apart` (with one side in ``need`` if given):
    a sweep over the spans sorted by start, so the cost follows the pairs found."""
    def add(a: int, b: int) -> None:
        if a != b and (need is None or a in need or b in need):
            pairs.add((a, b) if a < b else (b, a))

    dated = sorted((i for i in members if spans[i] is not None), key=lambda i: spans[i][0])  # type: ignore[index]
    for u in members:
        if spans[u] is None:  # no clue to its date: a candidate of every member
            for m in members:
                add(u, m)
    active: list[tuple[date, int]] = []  # heap of (end, index) of the spans still open
    for b in dated:
        start, end = spans[b]  # type: ignore[misc]
        while active and active[0][0] + tol < start:
            heapq.heappop(active)
        for _, a in active:
            add(a, b)
        heapq.heappush(active, (end, b))


Scorer = Callable[[Report, Report], Optional[float]]


def cluster(reports: Iterable[Report], cfg: FusionConfig, scorer: Optional[Scorer] = None) -> list[Group]:
    """The incidents of a set of reports (hypothetical and denied reports are left out).

    ``scorer(a, b)`` (``a.iri < b.iri``) stands in for ``compare(a, b, cfg)``: kg.fuse.index
    passes one that remembers the scores of reports it already compared in earlier plans.
    """
    rs = sorted({r.iri: r for r in reports if fusable(r)}.values(), key=lambda r: r.iri)
    memo: dict[tuple[int, int], Optional[float]] = {}
    pair_score: Scorer = scorer or (lambda a, b: compare(a, b, cfg))
    spans = [interval(r, cfg) for r in rs]
    tol = timedelta(days=cfg.tolerance_days)

    def score(i: int, j: int) -> Optional[float]:
        k = (i, j) if i < j else (j, i)
        if k not in memo:
            memo[k] = None if apart(spans[i], spans[j], tol) else pair_score(rs[k[0]], rs[k[1]])
        return memo[k]

    edges = []
    for i, j in candidate_pairs(rs, cfg, spans):
        s = score(i, j)
        if s is not None and s >= cfg.threshold:
            edges.append((-s, rs[i].iri, rs[j].iri, i, j))
    edges.sort()
    owner = list(range(len(rs)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(rs))}
    # Two groups that were not merged stay unmerged until one of them grows: their decision is
    # kept, so the many edges between two large groups (40 copies of one report each) do not
    # each sum all their pairs again.
    grown = [0] * len(rs)
    refused: set[tuple[int, int, int, int]] = set()
    for _, _, _, i, j in edges:
        ci, cj = owner[i], owner[j]
        if ci == cj:
            continue
        decision = (ci, grown[ci], cj, grown[cj])
        if decision in refused:
            continue
        total, ok = 0.0, True
        for x in members[ci]:
            for y in members[cj]:
                s = score(x, y)
                if s is None:
                    ok = False
                    break
                total += s
            if not ok:
                break
        if not ok or total / (len(members[ci]) * len(members[cj])) < cfg.threshold:
            refused.add(decision)
            continue
        keep, gone = min(ci, cj), max(ci, cj)
        grown[keep] += 1
        for x in members[gone]:
            owner[x] = keep
        members[keep].extend(members.pop(gone))
    groups = [tuple(rs[i] for i in sorted(m)) for m in members.values()]
    groups.sort(key=lambda g: g[0].iri)
    return _link_plans(groups, cfg)


def _fulfil_score(plan: tuple[Report, ...], done: tuple[Report, ...], cfg: FusionConfig) -> Optional[float]:
    """How well a happened group carries out a planned one (None: it cannot)."""
    if family(plan[0].cls) != family(done[0].cls):
        return None
    p_start = min((iv[0] for r in plan if (iv := interval(r, cfg)) is not None), default=None)
    d_end = max((iv[1] for r in done if (iv := interval(r, cfg)) is not None), default=None)
    if p_start is not None and d_end is not None and d_end < p_start:
        return None  # done before it was planned
    best_place, actor = 0, 0.0
    for p in plan:
        for d in done:
            rel = places_relation(p, d, cfg)
            if rel == "conflict":
                return None
            best_place = max(best_place, {"same": 2, "contained": 2, "country": 1}.get(rel, 0))
            actor = max(actor, actors_score(p, d, cfg))
    if best_place < 1 or actor <= 0:
        return None
    return best_place + actor


def _link_plans(groups: list[tuple[Report, ...]], cfg: FusionConfig) -> list[Group]:
    planned = [g for g in groups if g[0].modality == "planned"]
    happened = [g for g in groups if g[0].modality == "asserted"]
    links: dict[str, tuple[str, ...]] = {}
    for plan in planned:
        best = None
        for done in happened:
            s = _fulfil_score(plan, done, cfg)
            if s is not None and (best is None or (-s, done[0].iri) < best[0]):
                best = ((-s, done[0].iri), done)
        if best is not None and best[1][0].iri not in links:
            links[best[1][0].iri] = tuple(r.iri for r in plan)
    return [Group(g, links.get(g[0].iri)) for g in groups]
