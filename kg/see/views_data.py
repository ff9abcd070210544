"""What the map, timeline and actor-network views draw, built from the network graph.

One record per event (type, date, point, size, actors, sentence, source; for an incident also its
independent sources, reports and disputed flag) and one per actor
(label, class, precomputed position). The pages filter these records in the browser (type,
actor, place, period) and count the actor pairs of the events left, so a filter or the
timeline's brush re-weights the network without asking the server again.

The relation rules (who fought, met, deployed to whom) and which role gives an event its map
point are data: kg/data/views.yaml.
"""

from __future__ import annotations

import math
import random
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import combinations
from typing import Any, Optional

import networkx as nx
import yaml

from kg.see.network import ACTOR, EVENT, participants

_NUMBER = re.compile(r"(\w[\w ]*?):\s*(?:about |at least |at most )?(\d+(?:\.\d+)?)")


@dataclass(frozen=True)
class Relation:
    name: str
    colour: str
    pairs: tuple[tuple[str, str], ...]
    symmetric: bool = False

    def joins(self, role_a: str, role_b: str) -> Optional[bool]:
        """True when (a, b) fills a pair in order, False when reversed, None when neither."""
        for x, y in self.pairs:
            if (x in ("*", role_a)) and (y in ("*", role_b)):
                return True
            if (x in ("*", role_b)) and (y in ("*", role_a)):
                return False if not self.symmetric else True
        return None


@dataclass(frozen=True)
class Rules:
    relations: tuple[Relation, ...]
    map_roles: tuple[str, ...]
    size_quantities: tuple[str, ...]


@lru_cache(maxsize=1)
def rules() -> Rules:
    data = yaml.safe_load(resources.files("kg").joinpath("data/views.yaml").read_text("utf-8"))
    relations = tuple(Relation(r["name"], r["colour"], tuple(tuple(p) for p in r["pairs"]),
                               bool(r.get("symmetric"))) for r in data["relations"])
    return Rules(relations, tuple(data["map_roles"]), tuple(data["size_quantities"]))


def _quantities(text: str) -> dict[str, float]:
    """'fatalities: about 300; troops: 560' -> {'fatalities': 300.0, 'troops': 560.0}."""
    out: dict[str, float] = {}
    for kind, value in _NUMBER.findall(text or ""):
        out.setdefault(kind.strip(), float(value))
    return out


def _link(r: Rules, a: str, role_a: str, b: str, role_b: str) -> Optional[tuple[str, str, str]]:
    """(from, to, relation) for two actors of one event, by the first rule that joins them."""
    for rel in r.relations:
        ordered = rel.joins(role_a, role_b)
        if ordered is not None:
            if rel.symmetric and a > b:
                a, b = b, a
            return (a, b, rel.name) if ordered or rel.symmetric else (b, a, rel.name)
    return None


def _roles_of(role_text: str) -> list[str]:
    return [x.strip() for x in role_text.split(",") if x.strip()]


#: networkx's force layout without scipy (its sparse variant needs scipy) stops below this
FORCE_LAYOUT_MAX = 499


def actor_layout(g: nx.Graph, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Positions for the actor graph, computed here so the page opens at once however large it
    is. The busiest ``FORCE_LAYOUT_MAX`` actors get a force layout (networkx, numpy only);
    every other actor goes beside the laid-out neighbours it shares most events with, or,
    with none, on a spiral around the whole."""
    if len(g) == 0:
        return {}
    rnd = random.Random(seed)
    degree = dict(g.degree(weight="weight"))
    order = sorted(g, key=lambda n: (-degree[n], n))
    core = g.subgraph(order[:FORCE_LAYOUT_MAX])
    raw = nx.spring_layout(core, weight=None, seed=seed, iterations=100 if len(core) < 200 else 50,
                           k=3.0 / math.sqrt(len(core)))
    scale = 60.0 * math.sqrt(len(core))
    pos = {n: (float(x) * scale, float(y) * scale) for n, (x, y) in raw.items()}
    golden = math.pi * (3 - math.sqrt(5))
    outer = 1.2 * scale
    for i, n in enumerate(order[FORCE_LAYOUT_MAX:]):
        placed = [(pos[m], g.edges[n, m].get("weight", 1)) for m in g.neighbors(n) if m in pos]
        if placed:
            total = sum(w for _, w in placed)
            x = sum(p[0] * w for p, w in placed) / total
            y = sum(p[1] * w for p, w in placed) / total
            pos[n] = (x + rnd.uniform(-25, 25), y + rnd.uniform(-25, 25))
        else:
            r = outer * (1 + 0.15 * math.sqrt(i))
            pos[n] = (r * math.cos(i * golden), r * math.sin(i * golden))
    return {n: (round(x, 1), round(y, 1)) for n, (x, y) in pos.items()}


def build(g: nx.DiGraph) -> dict[str, Any]:
    """The views' data: ``events``, ``actors``, ``relations`` and ``types`` (plain JSON).

    An actor is drawn in the network only while it has a link in the events shown (the
    bipartite hairball's isolated nodes are left out); the event graph of ``kg viz`` keeps them.
    """
    from kg.see.viz import STYLES  # the same colours as the event graph view

    r = rules()
    actor_ids: dict[str, int] = {}
    actors: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    weights: dict[tuple[str, str], int] = {}
    for e in sorted(n for n, k in g.nodes(data="kind") if k == EVENT):
        data = g.nodes[e]
        parts = participants(g, e)
        point = None
        for wanted in r.map_roles:
            for x, roles in sorted(parts):
                node = g.nodes[x]
                if wanted in _roles_of(roles) and "lat" in node:
                    point = (x, node)
                    break
            if point:
                break
        amounts = _quantities(data.get("quantities", ""))
        size_kind = next((k for k in r.size_quantities if k in amounts), "")
        record: dict[str, Any] = {
            "iri": e, "type": data.get("cls", "Event"), "label": data.get("label", ""),
            "date": data.get("date", ""), "sentence": data.get("evidence", ""),
            "source": data.get("source", ""), "publisher": data.get("publisher", ""),
            "url": data.get("url", ""), "modality": data.get("modality", ""),
            "quantities": data.get("quantities", ""),
            "level": data.get("level", "report"), "sources": data.get("sources", 1),
            "reports": data.get("reports", 1), "disputed": bool(data.get("disputed", False)),
            "documents": data.get("documents", ""),
            "size": amounts.get(size_kind, 0.0), "sizeKind": size_kind,
            "actors": [], "links": [], "places": [],
        }
        if point:
            record.update(lat=point[1]["lat"], lon=point[1]["lon"], place=point[1].get("label", ""),
                          placeIri=point[0])
        roles_here: list[tuple[str, str]] = []
        for x, roles in sorted(parts):
            node = g.nodes[x]
            if node.get("kind") != ACTOR:
                record["places"].append(node.get("label", x))
                continue
            if x not in actor_ids:
                actor_ids[x] = len(actors)
                actors.append({"iri": x, "label": node.get("label", x), "cls": node.get("cls", "")})
            record["actors"].append([actor_ids[x], roles])
            if node.get("cls") == "State" and "lat" in node:
                record["places"].append(node.get("label", x))
            roles_here.append((x, roles))
        seen: set[tuple[str, str]] = set()
        for (a, ra), (b, rb) in combinations(roles_here, 2):
            link = None
            for role_a in _roles_of(ra):
                for role_b in _roles_of(rb):
                    candidate = _link(r, a, role_a, b, role_b)
                    if candidate and (link is None or _rank(r, candidate[2]) < _rank(r, link[2])):
                        link = candidate
            if link and (link[0], link[1]) not in seen:
                seen.add((link[0], link[1]))
                record["links"].append([actor_ids[link[0]], actor_ids[link[1]], link[2]])
                key = (min(a, b), max(a, b))
                weights[key] = weights.get(key, 0) + 1
        events.append(record)
    undirected = nx.Graph()  # actors without any link are never drawn: not in the layout
    for (a, b), w in weights.items():
        undirected.add_edge(a, b, weight=w)
    for actor in actors:
        actor.update(x=0.0, y=0.0)
    for iri, (x, y) in actor_layout(undirected).items():
        actors[actor_ids[iri]].update(x=x, y=y)
    return {"events": events, "actors": actors,
            "relations": [{"name": rel.name, "colour": rel.colour} for rel in r.relations],
            "types": [{"name": t, "colour": STYLES[t][1]} for t in
                      ("Attack", "Capture", "Deployment", "Meeting", "Statement", "Visit")
                      if t in STYLES]}


def _rank(r: Rules, name: str) -> int:
    return next(i for i, rel in enumerate(r.relations) if rel.name == name)
