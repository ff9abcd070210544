"""The fusion state of a store, and the incremental and whole-store fusion built on it.

Why an index: ``kg build`` must re-fuse only what a document touches, in the same transaction
as the document's graph. The index keeps every report with its kind (kg.fuse.cluster.signature)
and block keys, the kinds each block holds and which incident each report belongs to. For a
batch of changed documents it finds the *connected component* of blocks their old and new
reports reach (blocks sharing a report, and so on), within it the *region* that strong kind
pairs join to the changed kinds (:meth:`FusionIndex._region`), clusters that region from
scratch (once every kind has been checked, the region is found from the changed kinds alone,
:meth:`FusionIndex._reach`), updates the plan links of the whole store (kg.fuse.links) and
returns the incident graphs to replace or drop. Since clustering never crosses a
component nor a region, this gives exactly what fusing the whole store would: the same
documents in any order give the same incidents and IRIs.

The index is loaded from the store once (one pass over the document graphs) and updated only
after the store write succeeded (``Plan.apply``), so a failed write leaves both as they were.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from operator import attrgetter
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, Callable, Mapping, Optional

from kg.fuse.blocking import ANY_COUNTRY, BlockKey, fusable
from kg.fuse.cluster import Group, Scores, apart, cluster, cluster_groups
from kg.fuse.links import PlanLinks
from kg.fuse.config import FusionConfig, load_config
from kg.fuse.model import Report, reports_from_triples
from kg.fuse.rdf import INCIDENT_BASE, incident_graph, incident_iri, incident_triples

GRAPH_BASE_DOCS = "https://w3id.org/conflict-kg/id/graph/"
_IRI = attrgetter("iri")


@dataclass
class Plan:
    """What one document change does to the incidents: graphs to write (empty: drop)."""

    graphs: dict[str, list[tuple]] = field(default_factory=dict)
    apply: Callable[[], None] = lambda: None
    touched: int = 0  # incidents written or dropped


class FusionIndex:
    def __init__(self, cfg: Optional[FusionConfig] = None) -> None:
        self.cfg = cfg or load_config()
        self.reports: dict[str, Report] = {}
        # block -> how many reports of each kind it holds (kinds: kg.fuse.cluster.Scores.kind)
        self.blocks: dict[BlockKey, Counter[int]] = defaultdict(Counter)
        self.by_fm: dict[tuple[str, str], set[BlockKey]] = defaultdict(set)
        self.doc_reports: dict[str, set[str]] = defaultdict(set)
        self.incident_of: dict[str, str] = {}  # report IRI -> incident IRI
        # incident IRI -> (member report IRIs, IRI of the incident it fulfils): what its graph
        # was written from, so that a plan rewrites only the incidents that change
        self.incidents: dict[str, tuple[frozenset[str], Optional[str]]] = {}
        # compare() by kinds of report (kg.fuse.cluster.Scores) and each indexed report's kind:
        # a component is re-clustered for every batch, each pair of kinds scored once
        self.scores = Scores(self.cfg)
        self.kind: dict[str, int] = {}
        # kind -> its reports (a *unit* of the clustering), and the same sorted by IRI (dropped
        # when the unit changes): a plan hands whole units to cluster_units
        self.units: dict[int, dict[str, Report]] = defaultdict(dict)
        self._sorted: dict[int, list[Report]] = {}
        # kind -> the kinds it forms a strong pair with (see _region)
        self.strong: dict[int, set[int]] = defaultdict(set)
        # kinds checked against every kind present with them, and present ever since (a kind
        # that loses its last report leaves it): any two linked kinds have been checked, so no
        # set of checked pairs is kept (it grew with the pairs compared, issue 14)
        self.linked: set[int] = set()
        self.unlinked: set[int] = set()  # kinds of the index not checked yet (read from a store)
        # the plan links of the whole store, and how many incidents they were built for
        self.plan_links = PlanLinks(self.cfg, self.scores)
        self._links_n = 0

    # --- loading -----------------------------------------------------------------------------
    @classmethod
    def from_store(cls, store: Any, cfg: Optional[FusionConfig] = None, *, with_incidents: bool = True) -> "FusionIndex":
        index = cls(cfg)
        for doc_id, reports in store_reports(store).items():
            index._add(doc_id, reports)
        if with_incidents:
            rows = store.query("""PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
                SELECT ?i ?r ?f WHERE { ?i a ckg:Incident ; ckg:report ?r
                OPTIONAL { ?i ckg:fulfils ?f } }""").rows
            members: dict[str, set[str]] = defaultdict(set)
            fulfils: dict[str, Optional[str]] = {}
            for i, r, f in rows:
                index.incident_of[str(r)] = str(i)
                members[str(i)].add(str(r))
                fulfils[str(i)] = str(f) if f is not None else None
            index.incidents = {i: (frozenset(m), fulfils[i]) for i, m in members.items()}
        return index

    def _add(self, doc_id: str, reports: list[Report]) -> None:
        for r in reports:
            if not fusable(r):
                continue
            self.reports[r.iri] = r
            kind = self.kind[r.iri] = self.scores.kind(r)
            if kind not in self.linked:
                self.unlinked.add(kind)
            self.units[kind][r.iri] = r
            self._sorted.pop(kind, None)
            keys = self.scores.keys[kind]
            for k in keys:
                self.blocks[k][kind] += 1
                self.by_fm[(k[0], k[2])].add(k)
            self.doc_reports[doc_id].add(r.iri)

    def _remove(self, doc_id: str) -> set[int]:
        """Forget the document's reports; the kinds left with no report."""
        emptied: set[int] = set()
        for iri in self.doc_reports.pop(doc_id, set()):
            self.reports.pop(iri, None)
            kind = self.kind.pop(iri, None)
            if kind is not None:
                self.units[kind].pop(iri, None)
                if not self.units[kind]:
                    del self.units[kind]
                    self.unlinked.discard(kind)
                    emptied.add(kind)
                self._sorted.pop(kind, None)
            keys = self.scores.keys[kind] if kind is not None else frozenset()
            for k in keys:
                self.blocks[k][kind] -= 1
                if not self.blocks[k][kind]:
                    del self.blocks[k][kind]
                if not self.blocks[k]:
                    del self.blocks[k]
                    self.by_fm[(k[0], k[2])].discard(k)
            self.incident_of.pop(iri, None)
        return emptied

    # --- components --------------------------------------------------------------------------
    def component(self, seeds: set[BlockKey], extra_keys: dict[int, frozenset[BlockKey]]) -> set[int]:
        """The kinds of report (those of the index plus the ``extra_keys`` ones, with their
        block keys) reachable from the blocks ``seeds``.

        Walks the blocks and their kinds: two blocks are linked when a kind of report is in
        both (the kinds of a block, and each kind's block keys) or when one is a no-country
        block of the other's family and month. (A map of the blocks linked to each block cost
        memory in every build for this walk, needed only while an index read from a store has
        kinds not yet linked, issue 14.) Reports a plan removes may still join blocks: a larger
        component clusters the same (clustering never crosses components), at a little cost."""
        extra_blocks: dict[BlockKey, set[int]] = defaultdict(set)
        extra_fm: dict[tuple[str, str], set[BlockKey]] = defaultdict(set)
        extra_links: dict[BlockKey, set[BlockKey]] = defaultdict(set)
        for kind, ks in extra_keys.items():
            for k in ks:
                extra_blocks[k].add(kind)
                extra_fm[(k[0], k[2])].add(k)
                extra_links[k].update(ks)
        seen: set[BlockKey] = set()
        walked: set[int] = set()  # kinds whose blocks are in todo
        keys = self.scores.keys
        todo = list(seeds)
        empty: frozenset = frozenset()
        while todo:
            k = todo.pop()
            if k in seen:
                continue
            seen.add(k)
            fm = (k[0], k[2])
            # a report naming no country meets every country's block of its family and month
            if k[1] == ANY_COUNTRY:
                todo.extend(self.by_fm.get(fm, empty))
                todo.extend(extra_fm.get(fm, empty))
            else:
                todo.append((k[0], ANY_COUNTRY, k[2]))
            for kind in self.blocks.get(k, empty):
                if kind not in walked:
                    walked.add(kind)
                    if len(keys[kind]) > 1:
                        todo.extend(keys[kind])
            todo.extend(extra_links.get(k, empty))
        kinds: set[int] = set()
        for k in seen:
            kinds.update(self.blocks.get(k, empty))
            kinds.update(extra_blocks.get(k, empty))
        return kinds

    def _region(self, units: list[tuple[int, list[Report]]], changed: set[int], old: set[str],
                checked: set[int]) -> list[tuple[int, list[Report]]]:
        """The units of the component that a change can regroup: those linked to a changed kind
        (or to a kind of an incident that loses a report) by a chain of *strong* kind pairs.

        Two groups merge only along a pair scoring at least the threshold, so groups never
        cross the parts of the component that no strong pair joins: the other parts keep their
        incidents. A kind pair is strong when the two share a block, their dates meet and their
        score (as reports of two documents) is at least the threshold less the same-document
        score: no pair of their reports can score more. The relation depends on the two kinds
        only, so it is remembered for the build (``strong``; kinds checked against all others
        present in ``linked``: a kind read from the store, or new, is checked the first time a
        change reaches its component). The kinds checked here are added to ``checked``, and
        become linked when the plan is applied.
        The plan links (``ckg:fulfils``) are kept for the whole store (kg.fuse.links), so a
        planned report no longer makes its component one region."""
        present = {k: rs for k, rs in units if rs}
        cfg, scores = self.cfg, self.scores
        bar = cfg.threshold - max(0.0, cfg.score("same_document"))
        tol = timedelta(days=cfg.tolerance_days)
        local: dict[BlockKey, list[int]] = defaultdict(list)
        local_fm: dict[tuple[str, str], list[BlockKey]] = defaultdict(list)
        for k in present:
            for key in scores.keys[k]:
                if not local[key]:
                    local_fm[(key[0], key[2])].append(key)
                local[key].append(k)
        # every kind not linked yet (new, or read from the store) is checked against the kinds
        # present; a pair of two such kinds is checked by the first (``checked``)
        for a in [k for k in present if k not in self.linked]:
            rep_a, span_a = present[a][0], scores.spans[a]
            for key in scores.keys[a]:
                f, c, m = key
                near = [x for x in local_fm.get((f, m), ())] if c == ANY_COUNTRY else [key, (f, ANY_COUNTRY, m)]
                for block in near:
                    for b in local.get(block, ()):
                        if a == b or b in checked:
                            continue
                        if apart(span_a, scores.spans[b], tol):
                            continue
                        sc = scores.score(rep_a, a, present[b][0], b, False)
                        if sc is not None and sc >= bar:
                            self.strong[a].add(b)
                            self.strong[b].add(a)
            checked.add(a)
        seeds = {k for k in changed if k in present}
        for iri in old:
            inc = self.incident_of.get(iri)
            if inc is not None and inc in self.incidents:
                seeds.update(self.kind[m] for m in self.incidents[inc][0] if m in self.kind)
        region: set[int] = set()
        todo = [k for k in seeds if k in present]
        while todo:
            k = todo.pop()
            if k in region:
                continue
            region.add(k)
            todo.extend(x for x in self.strong.get(k, ()) if x in present and x not in region)
        return [(k, rs) for k, rs in units if k in region]

    def _reach(self, changed: set[int], old: set[str], new_by_kind: Mapping[int, list[Report]],
               extra_keys: dict[int, frozenset[BlockKey]], checked: set[int]) -> set[int]:
        """The region of :meth:`_region` found from the changed kinds alone, without listing the
        component (at 10,000 documents a component holds most of a family: listing it for
        every batch made a batch's cost grow with the store, issue 14). Valid when every kind
        of the index has been checked against its neighbours (no ``unlinked`` kind): then the
        strong pairs of the unchanged kinds are known, and those of the changed kinds are
        checked here against the kinds of their blocks (and the no-country block of their
        family and month, or every country's block for a no-country one), as _region does:
        those not linked yet (a linked kind was checked against every kind present with it, and
        each kind that came since checked itself against it); they are added to ``checked``."""
        cfg, scores = self.cfg, self.scores
        bar = cfg.threshold - max(0.0, cfg.score("same_document"))
        tol = timedelta(days=cfg.tolerance_days)
        extra_blocks: dict[BlockKey, set[int]] = defaultdict(set)
        extra_fm: dict[tuple[str, str], set[BlockKey]] = defaultdict(set)
        for kind, ks in extra_keys.items():
            for k in ks:
                extra_blocks[k].add(kind)
                extra_fm[(k[0], k[2])].add(k)
        known: dict[int, Optional[Report]] = {}

        def rep(k: int) -> Optional[Report]:
            """A report the kind keeps after the change (None: it keeps none)."""
            if k not in known:
                r = next(iter(new_by_kind.get(k, ())), None)
                if r is None:
                    r = next((x for iri, x in self.units.get(k, {}).items() if iri not in old), None)
                known[k] = r
            return known[k]

        empty: frozenset = frozenset()
        for a in changed:
            if a in self.linked:
                continue
            rep_a = rep(a)
            if rep_a is None:
                continue
            span_a = scores.spans[a]
            for key in scores.keys[a]:
                f, c, m = key
                near = (self.by_fm.get((f, m), empty) | extra_fm.get((f, m), empty)) if c == ANY_COUNTRY \
                    else (key, (f, ANY_COUNTRY, m))
                for block in near:
                    for b in [*self.blocks.get(block, ()), *extra_blocks.get(block, ())]:
                        if a == b or b in checked:  # a kind checked before in this loop met a
                            continue
                        if apart(span_a, scores.spans[b], tol):
                            continue
                        rep_b = rep(b)
                        if rep_b is None:
                            continue
                        sc = scores.score(rep_a, a, rep_b, b, False)
                        if sc is not None and sc >= bar:
                            self.strong[a].add(b)
                            self.strong[b].add(a)
            checked.add(a)
        seeds = set(changed)
        for iri in old:
            inc = self.incident_of.get(iri)
            if inc is not None and inc in self.incidents:
                seeds.update(self.kind[m] for m in self.incidents[inc][0] if m in self.kind)
        region: set[int] = set()
        todo = [k for k in seeds if rep(k) is not None]
        while todo:
            k = todo.pop()
            if k in region:
                continue
            region.add(k)
            todo.extend(x for x in self.strong.get(k, ()) if x not in region and rep(x) is not None)
        return region

    def _ensure_links(self) -> None:
        """The plan links of the whole store (kg.fuse.links), built from the incidents the first
        time a plan needs them (an index read from a store, or given its incidents)."""
        if self._links_n == len(self.incidents) and (self.plan_links.groups or not self.incidents):
            return
        self.plan_links = PlanLinks(self.cfg, self.scores)
        groups = {}
        for inc, (members, _) in self.incidents.items():
            rs = sorted((self.reports[i] for i in members if i in self.reports), key=_IRI)
            if not rs:
                continue
            first: dict[int, Report] = {}
            for r in rs:
                first.setdefault(self.kind[r.iri], r)
            kinds = tuple(sorted(first))
            groups[inc] = (tuple(rs), [first[k] for k in kinds], kinds)
        self.plan_links.relink(groups, set())[1]()
        self._links_n = len(self.incidents)

    def _unit(self, kind: int) -> list[Report]:
        """The index's reports of one kind, sorted by IRI (remembered until the unit changes)."""
        rs = self._sorted.get(kind)
        if rs is None:
            rs = self._sorted[kind] = sorted(self.units.get(kind, {}).values(), key=lambda r: r.iri)
        return rs

    # --- planning a change -------------------------------------------------------------------
    def unfused(self) -> dict[str, list[Report]]:
        """Documents holding a fusable report that belongs to no incident, with their reports.

        Every fusable report of a consistent store is in an incident (alone, if need be); one
        that is not was written by a build stopped between a document write and the rewrite
        of its incidents (kg.store's two-step writes). Planning these documents again, as if
        just built, rewrites the incidents they belong in.
        """
        out: dict[str, list[Report]] = {}
        for doc_id, iris in self.doc_reports.items():
            if any(iri not in self.incident_of for iri in iris):
                out[doc_id] = sorted((self.reports[i] for i in iris), key=lambda r: r.iri)
        return out

    def plan(self, doc_id: str, new_reports: Optional[list[Report]]) -> Plan:
        """The incident graphs to write when ``doc_id`` gets ``new_reports`` (None: removed).

        Only the incidents whose members (or whose members' content, or the incident they
        fulfil) change are written; the others of the component keep their graphs."""
        return self.plan_many({doc_id: new_reports})

    def plan_many(self, changes: Mapping[str, Optional[list[Report]]]) -> Plan:
        """:meth:`plan` for several documents at once (``kg build`` writes a batch of documents
        and their incidents in one transaction): one clustering of the components they touch,
        each incident written once, the same incidents as planning them one after the other."""
        new: dict[str, Report] = {}
        old: set[str] = set()
        for doc_id, new_reports in changes.items():
            new.update((r.iri, r) for r in (new_reports or []) if fusable(r))
            old |= self.doc_reports.get(doc_id, set())
        new_kind = {iri: self.scores.kind(r) for iri, r in new.items()}
        seeds: set[BlockKey] = set()
        changed: set[int] = set(new_kind.values())  # kinds that gain or lose reports
        for iri in old:
            if iri in self.kind:
                changed.add(self.kind[iri])
                seeds |= self.scores.keys[self.kind[iri]]
        extra_keys = {k: self.scores.keys[k] for k in set(new_kind.values())}
        for keys in extra_keys.values():
            seeds |= keys
        new_by_kind: dict[int, list[Report]] = defaultdict(list)
        for iri, k in new_kind.items():
            new_by_kind[k].append(new[iri])
        def unit(kind: int) -> list[Report]:
            if kind not in changed:
                return self._unit(kind)
            members = {iri: r for iri, r in self.units.get(kind, {}).items() if iri not in old}
            members.update((r.iri, r) for r in new_by_kind.get(kind, ()))
            return sorted(members.values(), key=lambda r: r.iri)

        checked: set[int] = set()  # kinds checked against their neighbours: linked once applied
        if self.unlinked:  # kinds read from the store: walk their component (see _region)
            units = [(kind, unit(kind)) for kind in self.component(seeds, extra_keys)]
            region = self._region(units, changed, old, checked)
        else:
            region = [(kind, unit(kind)) for kind in self._reach(changed, old, new_by_kind, extra_keys, checked)]
        self._ensure_links()
        comp = [r.iri for _, rs in region for r in rs]
        dirty = set(new) | old
        stale = set(map(self.incident_of.get, [*comp, *old]))
        stale.discard(None)  # type: ignore[arg-type]
        added = {str(incident_iri(g[0][0].iri)): g for g in cluster_groups(region, self.cfg, self.scores)}
        # the plan links of the whole store after the change (kg.fuse.links), for the added
        # happened groups and every other one whose link may change
        link_of, links_apply = self.plan_links.relink(added, stale)

        def plan_members(p: Optional[str]) -> Optional[tuple[str, ...]]:
            if p is None:
                return None
            return tuple(map(_IRI, (added.get(p) or self.plan_links.groups[p])[0]))

        graphs: dict[str, list[tuple]] = {}
        new_incident_of: dict[str, str] = {}
        written: dict[str, tuple[frozenset[str], Optional[str]]] = {}
        kept: set[str] = set()
        for inc, (reports, _, _) in added.items():
            iris = list(map(_IRI, reports))
            members = frozenset(iris)
            fulfils = link_of.get(inc)
            signature = (members, fulfils)
            new_incident_of.update(dict.fromkeys(iris, inc))
            if self.incidents.get(inc) == signature and not members & dirty:
                kept.add(inc)  # same reports, same content: its graph stays as it is
                continue
            iri, triples = incident_triples(Group(reports, plan_members(fulfils)), self.cfg)
            graphs[str(incident_graph(iri))] = triples
            written[inc] = signature
        for inc, fulfils in link_of.items():  # an incident kept as it is whose link changes
            before = self.incidents.get(inc)
            if inc in added or before is None or before[1] == fulfils:
                continue
            iri, triples = incident_triples(Group(self.plan_links.groups[inc][0], plan_members(fulfils)), self.cfg)
            graphs[str(incident_graph(iri))] = triples
            written[inc] = (before[0], fulfils)
        dropped = stale - kept - set(written)
        for inc in dropped:
            graphs.setdefault(str(incident_graph(inc)), [])

        def apply() -> None:
            # linked: the kinds checked by this plan, and those linked before it (one that
            # left and came back within the batch was present for every check of the plan);
            # not a kind the batch leaves with no report
            self.linked |= checked
            emptied: set[int] = set()
            for doc_id, new_reports in changes.items():
                emptied |= self._remove(doc_id)
                if new_reports is not None:
                    self._add(doc_id, [r for r in new_reports if fusable(r)])
            self.linked.difference_update([k for k in emptied if k not in self.units])
            for iri in comp:
                self.incident_of.pop(iri, None)
            self.incident_of.update(new_incident_of)
            for inc in dropped:
                self.incidents.pop(inc, None)
            self.incidents.update(written)
            links_apply()
            self._links_n = len(self.incidents)

        return Plan(graphs, apply, len(graphs))


def store_reports(store: Any) -> dict[str, list[Report]]:
    """Reports of every document graph of a KGStore, by document id."""
    import pyoxigraph as ox

    out: dict[str, list[Report]] = {}
    ox_store = store.ox_store
    for g in store.graphs():
        if not str(g).startswith(GRAPH_BASE_DOCS):
            continue
        doc_id = str(g)[len(GRAPH_BASE_DOCS):]
        quads = ox_store.quads_for_pattern(None, None, None, ox.NamedNode(str(g)))
        out[doc_id] = reports_from_triples(((q.subject, q.predicate, q.object) for q in quads), doc_id)
    return out


def has_incidents(store: Any) -> bool:
    """Whether the store has been fused (it holds at least one incident graph)."""
    return any(str(g).startswith(INCIDENT_BASE) for g in store.graphs())


def remove_document(store: Any, doc_id: str) -> bool:
    """Remove a document graph and, in a fused store, update the incidents it was part of,
    in one transaction."""
    graph = GRAPH_BASE_DOCS + doc_id
    if graph not in {str(g) for g in store.graphs()}:
        return False
    if not has_incidents(store):
        store.replace_graphs({graph: []})
        return True
    plan = FusionIndex.from_store(store).plan(doc_id, None)
    store.replace_graphs({graph: [], **plan.graphs})
    plan.apply()
    return True


def incident_graphs(store: Any) -> list[str]:
    return [str(g) for g in store.graphs() if str(g).startswith(INCIDENT_BASE)]


def fuse_store(store: Any, cfg: Optional[FusionConfig] = None) -> list[Group]:
    """Re-fuse the whole store: drop every incident graph and write the new ones, atomically."""
    cfg = cfg or load_config()
    reports = [r for rs in store_reports(store).values() for r in rs]
    groups = cluster(reports, cfg)
    graphs: dict[str, list[tuple]] = {g: [] for g in incident_graphs(store)}
    for g in groups:
        inc, triples = incident_triples(g, cfg)
        graphs[str(incident_graph(inc))] = triples
    store.replace_graphs(graphs)
    return groups


__all__ = ["FusionIndex", "Plan", "fuse_store", "has_incidents", "incident_graphs", "incident_iri", "remove_document", "store_reports"]
