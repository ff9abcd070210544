"""Deterministic clustering of reports into incidents.

Reports are sorted by IRI; candidate pairs come from shared block keys; pairs are scored by
:func:`kg.fuse.compat.compare`. Edges are taken best first (ties broken by the IRIs), and two
groups merge only if **no** pair across them is vetoed and their **average** pair score reaches
the threshold: a chain a~b~c where a and c are incompatible (same town, a week apart) stays
split, which single linkage would not do. The same reports in any order give the same groups.

The work is done on *kinds* of report (:func:`signature`): copies of one wire story are one
unit from the start, and a pair of kinds is scored once (:class:`Scores`), however many
copies carry them; the average over reports stays exact (see :func:`cluster`).

A planned incident may be *fulfilled* by a happened one (the deployment that was announced):
after clustering, each planned group is linked to the best later happened group of its family
whose places and actors agree (``ckg:fulfils``); they stay two incidents.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from dataclasses import dataclass
from operator import attrgetter
from datetime import date, timedelta
from typing import Callable, Iterable, Optional

from kg.fuse.blocking import ANY_COUNTRY, BlockKey, block_keys, family, fusable, interval
from kg.fuse.compat import actors_score, compare, places_relation, sides_by_role, victim_kind
from kg.fuse.config import FusionConfig
from kg.fuse.memo import MISSING, Memo
from kg.fuse.model import Report, norm_name


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


def candidate_pairs(reports: list[Report], cfg: FusionConfig, spans: Optional[list[Span]] = None,
                    keys: Optional[list[frozenset[BlockKey]]] = None) -> set[tuple[int, int]]:
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
        for key in (keys[i] if keys is not None else block_keys(r, cfg)):
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


class Scores:
    """compare() by report *kind*, remembered: two reports of one kind (:func:`signature`)
    score alike against any third report, so a pair of kinds is scored at most twice (two
    documents, or one), whichever reports and documents carry them, while the bounded memory
    (``score_memo`` of fusion.yaml) keeps it. kg.fuse.index keeps one for the life of a build;
    the memory holds no report IRIs, so it is never stale."""

    def __init__(self, cfg: FusionConfig) -> None:
        self.cfg = cfg
        # signature's hash -> kind, the signature checked against the kind's first report
        # (``reps``); a signature of another kind with the same hash goes to ``clash``. Keeping
        # every kind's signature tuple cost ~0.4 KB a kind, ~5 KB a document (issue 14).
        self.ids: dict[int, int] = {}
        self.reps: list[Report] = []
        self.clash: dict[tuple, int] = {}
        # compare() of two kinds by (kind, kind, same document) packed in one int (a tuple
        # costs twice as much), bounded (kg.fuse.memo: it grows with the pairs compared)
        self.memo = Memo(cfg.score_memo)
        self.keys: list[frozenset[BlockKey]] = []  # per kind: its block keys
        self.spans: list[Span] = []  # per kind: its interval
        # by a plan's and a happened group's kinds, and by a group's kinds (kg.fuse.links)
        self.fulfil = Memo(cfg.group_memo)
        self.actor_keys = Memo(cfg.group_memo)

    def kind(self, r: Report) -> int:
        """The small number standing for the report's signature (the same for every copy)."""
        sig = signature(r, self.cfg)
        h = hash(sig)
        k = self.ids.get(h)
        if k is not None:
            if self.reps[k] is r or signature(self.reps[k], self.cfg) == sig:
                return k
            k = self.clash.get(sig)
            if k is not None:
                return k
        k = len(self.reps)
        if h in self.ids:
            self.clash[sig] = k
        else:
            self.ids[h] = k
        self.reps.append(r)
        self.keys.append(block_keys(r, self.cfg))
        self.spans.append(sig[4])  # its interval
        return k

    def score(self, a: Report, ka: int, b: Report, kb: int, same_doc: bool) -> Optional[float]:
        key = (((ka << 32) | kb) if ka <= kb else ((kb << 32) | ka)) << 1 | same_doc
        memo = self.memo
        try:
            return memo.new[key]
        except KeyError:
            s = memo.get(key)
            if s is MISSING:
                s = compare(a, b, self.cfg, same_doc)
                if s is not None:  # one float object per distinct score (a few dozen)
                    s = _FLOATS.setdefault(s, s)
                memo.put(key, s)
            return s


_FLOATS: dict[float, float] = {}


def signature(r: Report, cfg: FusionConfig) -> tuple:
    """Everything compare(), the blocking and the plan links read of a report, its document
    aside: reports with one signature (syndicated copies of one wire story) are one *kind*,
    interchangeable for every score, and always one incident (no rule can tell them apart)."""
    return (r.cls, r.modality, bool(r.date), r.untimed, interval(r, cfg), r.places,
            tuple(sorted(r.actors.items())), tuple(sorted(r.quantities.items())),
            bool(r.evidence), norm_name(r.evidence) if r.evidence else "", r.subtype, victim_kind(r, cfg))


def cluster(reports: Iterable[Report], cfg: FusionConfig, scores: Optional[Scores] = None,
            kind_of: Optional[Callable[[Report], int]] = None) -> list[Group]:
    """The incidents of a set of reports (hypothetical and denied reports are left out).

    Average linkage over reports, computed on *units*: the reports of one kind
    (:func:`signature`) start as one group, and the scores between two units are those of their
    kinds, counted once per pair of reports (pairs of one document score apart: no next-day
    tolerance, no same-text bonus). A block of 920 reports that are 40 copies of 23 reports
    is thus clustered as 23 units. ``scores`` (kg.fuse.index passes the one it keeps across
    plans) and ``kind_of`` (its memory of each report's kind) only save work.
    """
    scores = scores or Scores(cfg)
    kind_of = kind_of or scores.kind
    by_kind: dict[int, dict[str, Report]] = defaultdict(dict)
    for r in reports:
        if fusable(r):
            by_kind[kind_of(r)][r.iri] = r
    iris = [iri for unit in by_kind.values() for iri in unit]
    if len(iris) != len(set(iris)):  # one IRI given twice with other content: the last wins
        last = {r.iri: r for r in reports if fusable(r)}
        by_kind = defaultdict(dict)
        for r in last.values():
            by_kind[kind_of(r)][r.iri] = r
    return cluster_units([(k, sorted(unit.values(), key=_IRI)) for k, unit in by_kind.items()], cfg, scores)


_IRI = attrgetter("iri")
_DOC = attrgetter("doc_id")


def cluster_units(given: list[tuple[int, list[Report]]], cfg: FusionConfig, scores: Scores) -> list[Group]:
    """:func:`cluster` of reports already grouped by kind: ``(kind, its reports sorted by IRI)``
    (kg.fuse.index keeps them so, a plan then costs little per report)."""
    return link_plans(cluster_groups(given, cfg, scores), cfg, scores)


def cluster_groups(given: list[tuple[int, list[Report]]], cfg: FusionConfig, scores: Scores) -> list["_Clustered"]:
    """The groups of :func:`cluster_units` before the plan links (sorted by their first IRI);
    kg.fuse.index clusters only the region a change reaches and links the plans of the whole
    component (:func:`link_plans`)."""
    units = sorted((u for u in given if u[1]), key=lambda u: u[1][0].iri)  # by smallest IRI
    kinds = [k for k, _ in units]
    reps = [m[0] for _, m in units]
    docs: list[Counter[str]] = [Counter(map(_DOC, m)) for _, m in units]
    size = [len(m) for _, m in units]
    spans = [scores.spans[k] for k in kinds]
    tol = timedelta(days=cfg.tolerance_days)
    memo: dict[tuple[int, int], Optional[tuple[float, float]]] = {}

    def cross(u: int, v: int) -> Optional[tuple[float, float]]:
        """(sum of the scores of the report pairs across units u and v, best pair score), or
        None when a pair is vetoed."""
        k = (u, v) if u < v else (v, u)
        if k in memo:
            return memo[k]
        out: Optional[tuple[float, float]] = None
        if not apart(spans[u], spans[v], tol):
            du, dv = docs[u], docs[v]
            n_same = sum(du[d] * dv[d] for d in du.keys() & dv.keys())
            n_all = size[u] * size[v]
            total, best = 0.0, float("-inf")
            for same, n in ((False, n_all - n_same), (True, n_same)):
                if n:
                    s = scores.score(reps[u], kinds[u], reps[v], kinds[v], same)
                    if s is None:
                        break
                    total, best = total + s * n, max(best, s)
            else:
                out = (total, best)
        memo[k] = out
        return out

    edges = []
    for u, v in candidate_pairs(reps, cfg, spans, [scores.keys[k] for k in kinds]):
        c = cross(u, v)
        if c is not None and c[1] >= cfg.threshold:
            edges.append((-c[1], reps[u].iri, reps[v].iri, u, v))
    edges.sort()
    owner = list(range(len(units)))
    members: dict[int, list[int]] = {u: [u] for u in range(len(units))}
    weight = list(size)  # reports in each group
    # Two groups that were not merged stay unmerged until one of them grows: their decision is
    # kept, so the many edges between two large groups do not each sum all their pairs again.
    grown = [0] * len(units)
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
                c = cross(x, y)
                if c is None:
                    ok = False
                    break
                total += c[0]
            if not ok:
                break
        if not ok or total / (weight[ci] * weight[cj]) < cfg.threshold:
            refused.add(decision)
            continue
        keep, gone = min(ci, cj), max(ci, cj)
        grown[keep] += 1
        weight[keep] += weight[gone]
        for x in members[gone]:
            owner[x] = keep
        members[keep].extend(members.pop(gone))
    groups = []
    for m in members.values():
        rs = units[m[0]][1] if len(m) == 1 else sorted((r for u in m for r in units[u][1]), key=_IRI)
        groups.append((tuple(rs), [reps[u] for u in sorted(m)], tuple(sorted(kinds[u] for u in m))))
    groups.sort(key=lambda g: g[0][0].iri)
    return groups


def _fulfil_score(plan: list[Report], done: list[Report], cfg: FusionConfig) -> Optional[float]:
    """How well a happened group carries out a planned one (None: it cannot); each group given
    by one report of each of its kinds (the others read the same)."""
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


_Clustered = tuple[tuple[Report, ...], list[Report], tuple[int, ...]]  # reports, one per kind, kinds


def actor_keys(reps: list[Report], kinds: tuple[int, ...], scores: Scores) -> frozenset[tuple[str, str]]:
    """(role, key) of every actor the reports name (remembered by the group's kinds): a plan
    and a happened group can only link when they share one (see :func:`link_plans`)."""
    out = scores.actor_keys.get(kinds)
    if out is MISSING:
        out = frozenset((role, key) for r in reps for role, xs in sides_by_role(r).items()
                        for x in xs for key in x.keys)
        scores.actor_keys.put(kinds, out)
    return out


def link_plans(groups: list[_Clustered], cfg: FusionConfig, scores: Scores) -> list[Group]:
    """Each planned group (in IRI order) to its best happened group, unless an earlier plan
    took that one (a plan's best does not depend on the other plans).

    Exactly :func:`_link_plans`, with an index: :func:`_fulfil_score` needs ``actors_score`` >
    0, and with ``actor_agrees`` > 0 that needs a role both name with a shared key (conflicts
    only subtract); so a plan is compared only with the happened groups of its family sharing
    a (role, actor key) with it, not with every group of a component of thousands (issue 14)."""
    if cfg.score("actor_agrees") <= 0:
        return _link_plans(groups, cfg, scores)
    planned = [g for g in groups if g[0][0].modality == "planned"]
    if not planned:
        return [Group(g) for g, _, _ in groups]
    fams = {family(p[0].cls) for p, _, _ in planned}
    index: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for n, (g, reps, kinds) in enumerate(groups):
        if g[0].modality != "asserted":
            continue
        fam = family(g[0].cls)
        if fam in fams:
            for role, key in actor_keys(reps, kinds, scores):
                index[(fam, role, key)].append(n)
    links: dict[str, tuple[str, ...]] = {}
    for plan, plan_reps, plan_kinds in planned:
        fam = family(plan[0].cls)
        candidates: set[int] = set()
        for role, key in actor_keys(plan_reps, plan_kinds, scores):
            candidates.update(index.get((fam, role, key), ()))
        done = _best_done(plan_reps, plan_kinds, (groups[n] for n in candidates), cfg, scores)
        if done is not None and done[0].iri not in links:
            links[done[0].iri] = tuple(r.iri for r in plan)
    return [Group(g, links.get(g[0].iri)) for g, _, _ in groups]


def _link_plans(groups: list[_Clustered], cfg: FusionConfig, scores: Scores) -> list[Group]:
    """Each planned group (in IRI order) to the best happened group no earlier plan took, by
    comparing it with every happened group of its family (the reference :func:`link_plans`
    is tested against).
    Scores are remembered by the two groups' kinds (groups rarely change between plans)."""
    planned = [g for g in groups if g[0][0].modality == "planned"]
    # Happened groups by family, in IRI order: a plan is only compared with its own family
    # (at 10,000 documents a component holds thousands of groups of other families).
    happened: dict[str, list[_Clustered]] = {}
    for g in groups:
        if g[0][0].modality == "asserted":
            happened.setdefault(family(g[0][0].cls), []).append(g)
    links: dict[str, tuple[str, ...]] = {}
    for plan, plan_reps, plan_kinds in planned:
        done = _best_done(plan_reps, plan_kinds, happened.get(family(plan[0].cls), ()), cfg, scores)
        if done is not None and done[0].iri not in links:
            links[done[0].iri] = tuple(r.iri for r in plan)
    return [Group(g, links.get(g[0].iri)) for g, _, _ in groups]


def _best_done(plan_reps: list[Report], plan_kinds: tuple[int, ...], candidates: Iterable[_Clustered],
               cfg: FusionConfig, scores: Scores) -> Optional[tuple[Report, ...]]:
    """The reports of the candidate happened group that best carries out the plan (highest
    score, then smallest IRI, so the answer does not depend on the candidates' order).
    Scores are remembered by the two groups' kinds (groups rarely change between plans)."""
    best = None
    for done, done_reps, done_kinds in candidates:
        key = (plan_kinds, done_kinds)
        s = scores.fulfil.get(key)
        if s is MISSING:
            s = _fulfil_score(plan_reps, done_reps, cfg)
            scores.fulfil.put(key, s)
        if s is not None and (best is None or (-s, done[0].iri) < best[0]):
            best = ((-s, done[0].iri), done)
    return None if best is None else best[1]
