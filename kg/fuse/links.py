"""The plan links (``ckg:fulfils``) of a whole store, kept up to date batch by batch (issue 14).

One clustering of everything (:func:`kg.fuse.cluster.link_plans`) links each planned group, in
IRI order, to its best happened group of its family unless an earlier plan took that one; a
plan's best does not depend on the other plans. So the links can be kept: each plan's best
(``best``), and for each happened group the plans whose best it is (``chosen``; the link goes
to the one with the smallest IRI). A batch that replaces some incidents (``removed``) by the
groups it re-clustered (``added``) recomputes the best of the plans it adds, of the plans whose
best it removes, and compares the plans sharing an actor key with an added happened group with
their best so far; nothing else can change. A plan and a happened group can only link when
they share a (role, actor key) (kg.fuse.cluster.link_plans says why), so both are indexed by
(family, role, key). The links then reach across block components, as one clustering's do.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Callable, Optional

from kg.fuse.blocking import family
from kg.fuse.cluster import Scores, _Clustered, _fulfil_score, actor_keys
from kg.fuse.config import FusionConfig
from kg.fuse.memo import MISSING

Best = Optional[tuple[float, str, str]]  # (-score, happened group's first IRI, its incident)


class PlanLinks:
    def __init__(self, cfg: FusionConfig, scores: Scores) -> None:
        self.cfg, self.scores = cfg, scores
        self.groups: dict[str, _Clustered] = {}  # incident IRI -> its group
        self.done_by_key: dict[tuple[str, str, str], set[str]] = defaultdict(set)
        self.plan_by_key: dict[tuple[str, str, str], set[str]] = defaultdict(set)
        self.best: dict[str, Best] = {}  # planned incident -> its best happened group
        self.chosen: dict[str, set[str]] = defaultdict(set)  # happened incident -> plans choosing it

    def _keys(self, g: _Clustered) -> list[tuple[str, str, str]]:
        fam = family(g[0][0].cls)
        return [(fam, role, key) for role, key in actor_keys(g[1], g[2], self.scores)]

    def _score(self, plan: _Clustered, done: _Clustered) -> Optional[float]:
        key = (plan[2], done[2])
        s = self.scores.fulfil.get(key)
        if s is MISSING:
            s = _fulfil_score(plan[1], done[1], self.cfg)
            self.scores.fulfil.put(key, s)
        return s

    def relink(self, added: dict[str, _Clustered], removed: set[str]) -> tuple[dict[str, Optional[str]], Callable[[], None]]:
        """The plan incident each happened incident the change may concern is now linked from
        (None: none), for every added happened group and every one whose link may change; and
        the function that records the change (after the store write)."""
        def group(inc: str) -> Optional[_Clustered]:
            if inc in added:
                return added[inc]
            return None if inc in removed else self.groups.get(inc)

        added_done: dict[tuple[str, str, str], set[str]] = defaultdict(set)
        for inc, g in added.items():
            if g[0][0].modality == "asserted":
                for k in self._keys(g):
                    added_done[k].add(inc)

        def candidates(keys: list[tuple[str, str, str]]) -> set[str]:
            out: set[str] = set()
            for k in keys:
                out.update(i for i in self.done_by_key.get(k, ()) if i not in removed)
                out.update(added_done.get(k, ()))
            return out

        def best_among(plan: _Clustered, incs: set[str], start: Best = None) -> Best:
            best = start
            for inc in incs:
                done = group(inc)
                if done is None:
                    continue
                s = self._score(plan, done)
                if s is not None:
                    cand = (-s, done[0][0].iri, inc)
                    if best is None or cand < best:
                        best = cand
            return best

        new_best: dict[str, Best] = {}
        full = {inc for inc, g in added.items() if g[0][0].modality == "planned"}
        full |= {p for p, b in self.best.items() if p not in removed and b is not None and b[2] in removed}
        for p in full:
            plan = group(p)
            new_best[p] = best_among(plan, candidates(self._keys(plan)))  # type: ignore[arg-type]
        for k, incs in added_done.items():
            for p in self.plan_by_key.get(k, ()):
                if p in removed or p in full:
                    continue
                plan = self.groups[p]
                new_best[p] = best_among(plan, incs, new_best.get(p, self.best.get(p)))
        gone = {p for p in removed if p in self.best and p not in added}
        moved = set(new_best) | gone | {p for p in removed if p in self.best}
        concerned: set[str] = {inc for inc, g in added.items() if g[0][0].modality == "asserted"}
        for p in moved:
            for b in (self.best.get(p), new_best.get(p)):
                if b is not None:
                    concerned.add(b[2])
        now_chosen: dict[str, set[str]] = defaultdict(set)
        for p, b in new_best.items():
            if b is not None:
                now_chosen[b[2]].add(p)
        new_chosen: dict[str, set[str]] = {}
        links: dict[str, Optional[str]] = {}
        for d in concerned:
            if group(d) is None:
                continue
            keep = {p for p in self.chosen.get(d, ()) if p not in moved} | now_chosen.get(d, set())
            new_chosen[d] = keep
            links[d] = min(keep, key=lambda p: group(p)[0][0].iri) if keep else None  # type: ignore[index]

        def apply() -> None:
            for inc in removed:
                g = self.groups.pop(inc, None)
                if g is not None:
                    by_key = self.plan_by_key if g[0][0].modality == "planned" else self.done_by_key
                    for k in self._keys(g):
                        by_key[k].discard(inc)
                        if not by_key[k]:
                            del by_key[k]
                self.best.pop(inc, None)
                self.chosen.pop(inc, None)
            for inc, g in added.items():
                self.groups[inc] = g
                by_key = self.plan_by_key if g[0][0].modality == "planned" else self.done_by_key
                for k in self._keys(g):
                    by_key[k].add(inc)
            self.best.update(new_best)
            for d, ps in new_chosen.items():
                if ps:
                    self.chosen[d] = ps
                else:
                    self.chosen.pop(d, None)

        return links, apply


__all__ = ["PlanLinks"]
