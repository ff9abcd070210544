"""Network analytics on the actor/place/event graph of kg.see.network.

Actors "act together" when they take part in the same event, whatever their roles: the
co-participation network joins two actors with an edge weighted by how many events they
share. Centrality and communities are computed on it; shortest paths run through the
actor-event graph, so each step names the event that links two actors. Everything here is
pure networkx (no scipy: PageRank and eigenvector centrality are left out on purpose).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Optional

import networkx as nx

from kg.see.network import ACTOR, EVENT, NetworkError, date_bounds, of_kind

CENTRALITY_MEASURES = ("events", "degree", "betweenness", "closeness")
COMMUNITY_METHODS = ("greedy", "louvain")
EXPORT_FORMATS = ("graphml", "gexf")


def coparticipation(g: nx.DiGraph) -> nx.Graph:
    """Actors joined when they share an event; ``weight`` = shared events, ``events`` = their IRIs.

    Every actor of ``g`` is a node, also one that shares no event (it then has no edges).
    """
    cop = nx.Graph()
    for a in of_kind(g, ACTOR):
        cop.add_node(a, label=g.nodes[a].get("label", a), cls=g.nodes[a].get("cls", ""))
    for e in of_kind(g, EVENT):
        actors = sorted(x for x in g.successors(e) if g.nodes[x].get("kind") == ACTOR)
        for i, a in enumerate(actors):
            for b in actors[i + 1:]:
                if cop.has_edge(a, b):
                    cop.edges[a, b]["weight"] += 1
                    cop.edges[a, b]["events"].append(e)
                else:
                    cop.add_edge(a, b, weight=1, events=[e])
    return cop


# ----------------------------------------------------------------------------- centrality

@dataclass(frozen=True)
class ActorScore:
    rank: int
    actor: str
    label: str
    cls: str
    events: int  # events it takes part in
    partners: int  # distinct actors it shares an event with
    degree: float  # partners / (actors - 1)
    betweenness: float  # on the co-participation network
    closeness: float


def centrality(g: nx.DiGraph, by: str = "events", top: Optional[int] = None) -> list[ActorScore]:
    """Actors ranked by one measure (ties broken by events, then label)."""
    if by not in CENTRALITY_MEASURES:
        raise NetworkError(f"unknown measure {by!r}: use one of {', '.join(CENTRALITY_MEASURES)}")
    cop = coparticipation(g)
    if cop.number_of_nodes() == 0:
        raise NetworkError("no actors in the selected graph")
    degree = nx.degree_centrality(cop)
    k = 300 if cop.number_of_nodes() > 2000 else None  # sample on big graphs: exact is O(nm)
    betweenness = nx.betweenness_centrality(cop, k=k, seed=7)
    closeness = nx.closeness_centrality(cop)
    rows = []
    for a in cop:
        rows.append(dict(actor=a, label=cop.nodes[a]["label"], cls=cop.nodes[a]["cls"],
                         events=sum(1 for _ in g.predecessors(a)), partners=cop.degree(a),
                         degree=round(degree[a], 4), betweenness=round(betweenness[a], 4),
                         closeness=round(closeness[a], 4)))
    rows.sort(key=lambda r: (-r[by], -r["events"], r["label"].casefold(), r["actor"]))
    ranked = [ActorScore(rank=i, **r) for i, r in enumerate(rows, start=1)]
    return ranked[:top] if top else ranked


# ----------------------------------------------------------------------------- communities

@dataclass(frozen=True)
class Community:
    community: int
    size: int
    shared_events: int  # co-participations inside the community (sum of edge weights)
    members: list[str] = field(default_factory=list)  # labels, busiest first
    actors: list[str] = field(default_factory=list)  # IRIs, same order


def communities(g: nx.DiGraph, method: str = "greedy", min_size: int = 2) -> tuple[list[Community], float]:
    """Groups of actors that act together, and the partition's modularity (weighted).

    Actors with no partner form no community and are left out; ``min_size`` drops smaller
    groups from the answer (they still count for the modularity).
    """
    if method not in COMMUNITY_METHODS:
        raise NetworkError(f"unknown method {method!r}: use one of {', '.join(COMMUNITY_METHODS)}")
    cop = coparticipation(g)
    linked = cop.subgraph([n for n in cop if cop.degree(n) > 0])
    if linked.number_of_edges() == 0:
        raise NetworkError("no two actors share an event in the selected graph: no communities")
    if method == "greedy":
        parts = nx.community.greedy_modularity_communities(linked, weight="weight")
    else:
        parts = nx.community.louvain_communities(linked, weight="weight", seed=7)
    modularity = nx.community.modularity(linked, parts, weight="weight")
    found = []
    for members in parts:
        inner = linked.subgraph(members)
        order = sorted(members, key=lambda a: (-inner.degree(a, weight="weight"),
                                               cop.nodes[a]["label"].casefold(), a))
        found.append((len(members), int(inner.size(weight="weight")), order))
    found.sort(key=lambda f: (-f[0], -f[1], cop.nodes[f[2][0]]["label"].casefold()))
    out = [Community(community=i, size=size, shared_events=shared,
                     members=[cop.nodes[a]["label"] for a in order], actors=list(order))
           for i, (size, shared, order) in enumerate(found, start=1) if size >= min_size]
    return out, round(modularity, 4)


# ----------------------------------------------------------------------------- paths

@dataclass(frozen=True)
class PathStep:
    step: int
    actor: str  # label of the actor the step starts from
    role: str  # its role in the event
    event: str  # event label
    other_role: str
    other: str  # label of the actor the step reaches
    date: str
    evidence: str
    source: str
    event_iri: str


def shortest_path(g: nx.DiGraph, a: str, b: str) -> list[PathStep]:
    """The fewest shared events that link actor ``a`` to actor ``b`` (actor, event, actor...)."""
    if a == b:
        raise NetworkError("the two actors are the same")
    keep = [n for n, k in g.nodes(data="kind") if k in (ACTOR, EVENT)]
    bipartite = g.subgraph(keep).to_undirected(as_view=True)
    try:
        nodes = nx.shortest_path(bipartite, a, b)
    except nx.NetworkXNoPath:
        raise NetworkError(f"no path between {g.nodes[a]['label']!r} and {g.nodes[b]['label']!r} "
                           "through shared events") from None
    steps = []
    for i in range(0, len(nodes) - 2, 2):
        x, e, y = nodes[i], nodes[i + 1], nodes[i + 2]
        data = g.nodes[e]
        steps.append(PathStep(step=i // 2 + 1, actor=g.nodes[x]["label"], role=g.edges[e, x]["role"],
                              event=data.get("label", e), other_role=g.edges[e, y]["role"],
                              other=g.nodes[y]["label"], date=data.get("date", ""),
                              evidence=data.get("evidence", ""), source=data.get("source", ""),
                              event_iri=e))
    return steps


# ----------------------------------------------------------------------------- pairs

@dataclass(frozen=True)
class Pair:
    actor: str
    other: str
    shared_events: int
    event_types: str
    first: str  # earliest date of a shared event
    last: str


def pairs(g: nx.DiGraph, min_shared: int = 1, top: Optional[int] = None) -> list[Pair]:
    """Co-participating pairs of actors, most shared events first."""
    cop = coparticipation(g)
    out = []
    for a, b, data in cop.edges(data=True):
        if data["weight"] < min_shared:
            continue
        la, lb = sorted((cop.nodes[a]["label"], cop.nodes[b]["label"]), key=str.casefold)
        dates = sorted(g.nodes[e]["date"] for e in data["events"] if g.nodes[e].get("date"))
        types = sorted({g.nodes[e].get("cls", "") for e in data["events"]})
        out.append(Pair(actor=la, other=lb, shared_events=data["weight"], event_types=", ".join(types),
                        first=dates[0] if dates else "", last=dates[-1] if dates else ""))
    out.sort(key=lambda p: (-p.shared_events, p.actor.casefold(), p.other.casefold()))
    return out[:top] if top else out


# ----------------------------------------------------------------------------- control

@dataclass(frozen=True)
class Control:
    date: str
    place: str
    captor: str
    former: str
    supporter: str
    modality: str
    evidence: str
    source: str
    event_iri: str


def _fillers(g: nx.DiGraph, event: str, role: str) -> str:
    names = sorted(g.nodes[x]["label"] for x in g.successors(event)
                   if role in g.edges[event, x]["role"].split(", "))
    return "; ".join(names)


def control_timeline(g: nx.DiGraph, place: str) -> list[Control]:
    """Captures of a place in date order (undated ones last): who took it from whom, when."""
    rows = []
    for e in g.predecessors(place):
        data = g.nodes[e]
        if data.get("cls") != "Capture" or "place" not in g.edges[e, place]["role"].split(", "):
            continue
        rows.append(Control(date=data.get("date", ""), place=g.nodes[place]["label"],
                            captor=_fillers(g, e, "captor"), former=_fillers(g, e, "former"),
                            supporter=_fillers(g, e, "supporter"), modality=data.get("modality", ""),
                            evidence=data.get("evidence", ""), source=data.get("source", ""),
                            event_iri=e))

    def when(row: Control) -> tuple[int, str, str]:
        try:
            return (0, date_bounds(row.date)[0].isoformat(), row.event_iri)
        except ValueError:
            return (1, "", row.event_iri)

    return sorted(rows, key=when)


# ----------------------------------------------------------------------------- export

def _rgb(colour: str) -> dict[str, int]:
    colour = colour.lstrip("#")
    return {"r": int(colour[0:2], 16), "g": int(colour[2:4], 16), "b": int(colour[4:6], 16), "a": 1}


def for_export(g: nx.Graph) -> nx.Graph:
    """A copy whose attributes are all scalars (lists joined with '; '), as GraphML/GEXF need."""
    out = g.copy()
    out.graph = {k: v for k, v in out.graph.items() if isinstance(v, (str, int, float, bool))}
    for _, data in list(out.nodes(data=True)) + [(None, d) for *_, d in out.edges(data=True)]:
        for key, value in list(data.items()):
            if isinstance(value, (list, tuple, set)):
                data[key] = "; ".join(str(v) for v in value)
            elif value is None:
                del data[key]
    return out


def export(g: nx.Graph, fmt: str, path: Path) -> tuple[int, int]:
    """Write GraphML or GEXF (GEXF nodes get Gephi colours and sizes); returns (nodes, edges)."""
    from kg.see.viz import STYLES  # colours shared with the HTML view

    if fmt not in EXPORT_FORMATS:
        raise NetworkError(f"unknown export format {fmt!r}: use one of {', '.join(EXPORT_FORMATS)}")
    out = for_export(g)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        if fmt == "graphml":
            nx.write_graphml(out, tmp)
        else:
            degree = dict(out.degree())
            for n, data in out.nodes(data=True):
                colour = STYLES.get(data.get("cls", ""), ("dot", "#aaaaaa"))[1]
                data["viz"] = {"color": _rgb(colour), "size": float(5 + degree[n])}
            nx.write_gexf(out, tmp)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    return out.number_of_nodes(), out.number_of_edges()


def as_dicts(rows: list[Any]) -> list[dict[str, Any]]:
    return [asdict(r) for r in rows]
