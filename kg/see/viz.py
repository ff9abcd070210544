"""networkx network -> one self-contained, offline HTML page (vis-network through pyvis).

pyvis builds the node and edge records and the vis options; the page comes from our own Jinja
template (kg/data/viz/) because pyvis's templates load bootstrap and vis from CDNs. The
vis-network script and style that ship inside the pyvis package are inlined, so the file works
with no network at all.

Article text never reaches the page as markup: the graph travels as JSON inside a
``<script type="application/json">`` block (``<``, ``>`` and ``&`` escaped as ``\\u003c``...),
labels are drawn on the canvas, and tooltips, legend and filters are built in the page with
``textContent``. vis-network's own HTML ``title`` tooltips are not used.
"""

from __future__ import annotations

import json
import math
import random
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Callable, Mapping, Optional

import jinja2
import networkx as nx
import pyvis
from markupsafe import Markup
from pyvis.network import Network

from kg.see.network import CLASS_KINDS, EVENT, date_bounds

SIZE_MEASURES = ("degree", "betweenness", "closeness", "events")
#: class -> (vis shape, colour); a legend entry each.
STYLES: Mapping[str, tuple[str, str]] = {
    "Person": ("dot", "#1f77b4"),
    "State": ("star", "#ff7f0e"),
    "ArmedForce": ("triangle", "#2ca02c"),
    "ArmedGroup": ("triangleDown", "#d62728"),
    "Organization": ("square", "#9467bd"),
    "Place": ("diamond", "#8c564b"),
    "Deployment": ("hexagon", "#17becf"),
    "Attack": ("hexagon", "#e7298a"),
    "Capture": ("hexagon", "#bcbd22"),
    "Meeting": ("hexagon", "#7f7f7f"),
    "Statement": ("hexagon", "#9ecae1"),
    "Visit": ("hexagon", "#66a61e"),
}
_FALLBACK_STYLE = ("dot", "#aaaaaa")
_VIS_DIR = Path(pyvis.__file__).resolve().parent / "lib" / "vis-9.1.2"
_FACT_FIELDS = (  # node attribute -> tooltip line name, in display order
    ("level", "drawn as"), ("cls", "class"), ("date", "date"), ("modality", "modality"),
    ("sources", "independent sources"), ("reports", "reports"), ("disputed", "figures disputed"),
    ("confidence", "confidence"),
    ("subtype", "subtype"), ("quantities", "quantities"), ("title", "title"),
    ("affiliation", "affiliation"), ("code", "country code"), ("aliases", "also called"),
    ("trigger", "trigger"), ("quote", "quote"), ("evidence", "evidence"),
    ("source", "source"), ("documents", "reported in"), ("publisher", "publisher"),
    ("published", "published"),
    ("url", "url"), ("iri", "IRI"),
)


@dataclass(frozen=True)
class VizOptions:
    """How the page draws the graph.

    Up to ``physics_nodes`` nodes the layout is simulated in the browser for at most
    ``stabilization_iterations`` steps, then physics stops; beyond it the positions are
    computed here (a cheap layout: places and actors on rings, events beside their
    participants) and physics stays off, so 20,000 nodes open in seconds.
    """

    title: str = "conflict-kg network"
    size_by: str = "degree"
    physics_nodes: int = 1000
    stabilization_iterations: int = 150
    edge_labels_max: int = 250  # role labels drawn on edges up to this many (each costs ~1 ms a frame)
    height: str = "100vh"


class _FastNetwork(Network):
    """pyvis Network whose add_node/add_edge check membership in a dict (pyvis scans lists)."""

    def add_node(self, n_id: Any, label: Any = None, shape: str = "dot", color: str = "#97c2fc",
                 **options: Any) -> None:
        if n_id in self.node_map:
            return
        options.update(id=n_id, label=label if label is not None else n_id, shape=shape, color=color)
        self.nodes.append(options)
        self.node_ids.append(n_id)
        self.node_map[n_id] = options

    def add_edge(self, source: Any, to: Any, **options: Any) -> None:
        if source not in self.node_map or to not in self.node_map:
            raise KeyError(f"edge {source} -> {to} names a node that is not in the network")
        options.update({"from": source, "to": to})
        self.edges.append(options)


# ----------------------------------------------------------------------------- sizes and layout

def node_measure(g: nx.DiGraph, measure: str) -> dict[str, float]:
    """The value nodes are sized by: degree, betweenness or closeness (on the undirected
    graph), or events (how many events an entity takes part in; events count participants)."""
    if measure not in SIZE_MEASURES:
        raise ValueError(f"unknown size measure {measure!r}: use one of {', '.join(SIZE_MEASURES)}")
    undirected = g.to_undirected(as_view=True)
    if measure == "betweenness":
        k = min(len(g), 300) if len(g) > 1000 else None  # sampled on big graphs: exact is O(nm)
        return nx.betweenness_centrality(undirected, k=k, seed=7)
    if measure == "closeness":
        if len(g) > 3000:
            raise ValueError("--size closeness is too slow beyond 3,000 nodes; use degree or betweenness")
        return nx.closeness_centrality(undirected)
    return {n: float(d) for n, d in undirected.degree()}


def _sizes(values: Mapping[str, float], low: float = 10.0, high: float = 40.0) -> dict[str, float]:
    top = max(values.values(), default=0.0)
    if top <= 0:
        return {n: low for n in values}
    return {n: round(low + (high - low) * math.sqrt(v / top), 1) for n, v in values.items()}


def ring_layout(g: nx.DiGraph, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Positions without simulation, linear in the graph: entities spread over a disc (the
    busiest nearest the centre), each event at the mean of its participants plus a little
    jitter, so an actor's events gather around it."""
    rnd = random.Random(seed)
    degree = dict(g.degree())
    entities = sorted((n for n in g if g.nodes[n].get("kind") != EVENT), key=lambda n: (-degree[n], n))
    spread = 40.0 * math.sqrt(max(len(g), 1))
    pos: dict[str, tuple[float, float]] = {}
    golden = math.pi * (3 - math.sqrt(5))
    for i, n in enumerate(entities):  # a sunflower (Vogel) spiral: even density, no overlap
        r = spread * math.sqrt((i + 0.5) / max(len(entities), 1))
        pos[n] = (r * math.cos(i * golden), r * math.sin(i * golden))
    for n in g:
        if n in pos:
            continue
        around = [pos[x] for x in g.successors(n) if x in pos]
        if around:
            cx = sum(p[0] for p in around) / len(around)
            cy = sum(p[1] for p in around) / len(around)
        else:
            cx, cy = rnd.uniform(-spread, spread), rnd.uniform(-spread, spread)
        angle, dist = rnd.uniform(0, 2 * math.pi), rnd.uniform(20, 60)
        pos[n] = (cx + dist * math.cos(angle), cy + dist * math.sin(angle))
    return pos


# ----------------------------------------------------------------------------- page data

def _facts(data: Mapping[str, Any]) -> list[list[str]]:
    facts = []
    for key, name in _FACT_FIELDS:
        value = data.get(key)
        if isinstance(value, bool):
            value = "yes" if value else "no"
        if value not in (None, ""):
            facts.append([name, str(value)])
    return facts


def _span(date: str) -> list[str]:
    try:
        lo, hi = date_bounds(date)
    except ValueError:
        return []
    return [lo.isoformat(), hi.isoformat()]


def build_network(g: nx.DiGraph, options: VizOptions) -> Network:
    """The pyvis network: one record per node and edge, with what the page's JS needs."""
    net = _FastNetwork(height=options.height, width="100%", directed=True, cdn_resources="in_line")
    measure = node_measure(g, options.size_by)
    events = {n for n, k in g.nodes(data="kind") if k == EVENT}  # events drawn smaller than entities
    sizes = {**_sizes({n: v for n, v in measure.items() if n not in events}),
             **_sizes({n: v for n, v in measure.items() if n in events}, low=7.0, high=18.0)}
    layout = ring_layout(g) if len(g) > options.physics_nodes else {}
    for n, data in g.nodes(data=True):
        cls = data.get("cls", "")
        shape, colour = STYLES.get(cls, _FALLBACK_STYLE)
        record: dict[str, Any] = {"size": sizes.get(n, 10.0), "kind": data.get("kind", ""), "cls": cls,
                                  "facts": _facts(data)}
        if data.get("kind") == EVENT and data.get("date"):
            record["span"] = _span(data["date"])
        if n in layout:
            record["x"], record["y"] = round(layout[n][0], 1), round(layout[n][1], 1)
        net.add_node(n, label=data.get("label", n), shape=shape, color=colour, **record)
    show_labels = g.number_of_edges() <= options.edge_labels_max
    for i, (a, b, data) in enumerate(g.edges(data=True)):
        role = data.get("role", "")
        edge: dict[str, Any] = {"id": f"e{i}", "role": role}
        if show_labels:
            edge["label"] = role
        net.add_edge(a, b, **edge)
    net.options = _vis_options(len(g), options, physics=not layout)
    return net


def _vis_options(nodes: int, options: VizOptions, *, physics: bool) -> dict[str, Any]:
    big = nodes > options.physics_nodes
    return {
        "autoResize": True,
        "layout": {"improvedLayout": nodes <= 150, "randomSeed": 7},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": nodes > 2000,
                        "hideEdgesOnZoom": nodes > 2000, "navigationButtons": False},
        "nodes": {"font": {"size": 12}, "borderWidth": 1},
        # big graphs: plain grey edges without arrows draw several times faster in software
        "edges": {"arrows": {"to": {"enabled": not big, "scaleFactor": 0.4}},
                  "color": {"color": "#b8b8b8", "inherit": False} if big else {"inherit": "to"},
                  "font": {"size": 9, "align": "middle", "strokeWidth": 2}, "smooth": False,
                  "width": 0.5 if big else 1},
        "physics": {
            "enabled": physics,
            "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -3000, "springLength": 110, "springConstant": 0.04,
                          "damping": 0.3, "avoidOverlap": 0.1},
            "stabilization": {"enabled": physics, "iterations": options.stabilization_iterations,
                              "updateInterval": 25, "fit": True},
            "maxVelocity": 40, "minVelocity": 1.0,
        },
    }


def legend(g: nx.DiGraph) -> list[dict[str, Any]]:
    """Legend entries for the classes present, in STYLES order, with how many nodes each."""
    counts: dict[str, int] = {}
    for _, cls in g.nodes(data="cls"):
        counts[cls or ""] = counts.get(cls or "", 0) + 1
    entries = []
    for cls, (shape, colour) in STYLES.items():
        if cls in counts:
            entries.append({"cls": cls, "shape": shape, "color": colour, "count": counts[cls],
                            "kind": CLASS_KINDS.get(cls, "")})
    return entries


# ----------------------------------------------------------------------------- the page

def _script_json(value: Any) -> Markup:
    """JSON that is safe inside a <script> element: no '<', '>' or '&' survive literally, and
    '://' is written ':\\/\\/' (the same string to JSON.parse)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    text = text.replace("://", ":\\/\\/")  # IRIs stay data, not URLs anything could fetch
    return Markup(text)


def _offline_js(text: str) -> str:
    """vis-network's bundle without its source-map comment, and with every '://' written as
    ':\\/\\/' (the same string to JavaScript), so the page holds no URL a browser could load."""
    # split on "\n" only: the bundle holds U+2028 and other characters splitlines() breaks on
    lines = [line for line in text.split("\n") if not line.startswith("//# sourceMappingURL")]
    return "\n".join(lines).replace("://", ":\\/\\/")


def _asset(name: str) -> str:
    return resources.files("kg").joinpath("data", "viz", name).read_text(encoding="utf-8")


def render_html(g: nx.DiGraph, options: VizOptions = VizOptions(), *,
                vis_dir: Path = _VIS_DIR, asset: Callable[[str], str] = _asset) -> str:
    """The whole page as a string."""
    if options.size_by not in SIZE_MEASURES:
        raise ValueError(f"unknown --size {options.size_by!r}: use one of {', '.join(SIZE_MEASURES)}")
    net = build_network(g, options)
    nodes, edges, _, _, _, vis_options = net.get_network_data()
    payload = {
        "nodes": nodes, "edges": edges, "options": json.loads(vis_options),
        "legend": legend(g),
        "eventTypes": sorted({d.get("cls", "") for _, d in g.nodes(data=True) if d.get("kind") == EVENT}),
        "physics": bool(net.options["physics"]["enabled"]),
        "title": options.title,
    }
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    template = env.from_string(asset("graph.html.j2"))
    return template.render(
        title=options.title,
        height=options.height,
        vis_css=Markup((vis_dir / "vis-network.css").read_text(encoding="utf-8").replace("</", "<\\/")),
        vis_js=Markup(_offline_js((vis_dir / "vis-network.min.js").read_text(encoding="utf-8"))),
        page_css=Markup(asset("viz.css")),
        page_js=Markup(asset("viz.js")),
        data=_script_json(payload),
        node_count=g.number_of_nodes(),
        edge_count=g.number_of_edges(),
    )


def write_html(g: nx.DiGraph, path: Path, options: VizOptions = VizOptions()) -> int:
    """Write the page atomically; returns its size in bytes."""
    html = render_html(g, options)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(html, encoding="utf-8")
    tmp.replace(path)
    return len(html.encode("utf-8"))


# ----------------------------------------------------------------------------- map, timeline, actors

VIEWS = ("map", "actors", "timeline", "all")
_VENDOR = Path(__file__).resolve().parents[1] / "data" / "vendor"


def _vendor(path: str) -> str:
    return (_VENDOR / path).read_text(encoding="utf-8")


def _offline_css(text: str) -> str:
    """A style sheet for inlining: no '</' to end the element, no URL (those are in comments)."""
    return text.replace("</", "<\\/").replace("://", ":\\/\\/")


VIEW_TITLES = {"map": "conflict-kg map", "actors": "conflict-kg actor network",
               "timeline": "conflict-kg timeline", "all": "conflict-kg views"}


def render_views(payload: Mapping[str, Any], *, view: str = "all", title: str = "conflict-kg views",
                 inline: bool = True, link_base: Optional[str] = None,
                 vis_dir: Path = _VIS_DIR) -> str:
    """The map / timeline / actor-network page for ``payload`` (kg.see.views_data.build).

    ``inline``: one self-contained file (kg viz): Leaflet, topojson-client, the Natural Earth
    outlines and vis-network are written into the page. Otherwise (kg serve) the page links
    them from ``/vendor/`` and ``/vendor-vis/`` of the same server.
    """
    from kg.graph.vocab import CKGD

    if view not in VIEWS:
        raise ValueError(f"unknown view {view!r}: use one of {', '.join(VIEWS)}")
    config: dict[str, Any] = {"view": view, "idBase": str(CKGD), "linkBase": link_base}
    assets: dict[str, Any] = {}
    if inline:  # only the libraries the view draws with (a map-only file has no vis-network)
        need_map, need_net = view in ("map", "all"), view in ("actors", "all")
        empty = Markup("")
        assets = {
            "leaflet_css": Markup(_offline_css(_vendor("leaflet/leaflet.css"))) if need_map else empty,
            "vis_css": Markup(_offline_css((vis_dir / "vis-network.css").read_text(encoding="utf-8")))
            if need_net else empty,
            "page_css": Markup(_asset("views.css")),
            "leaflet_js": Markup(_offline_js(_vendor("leaflet/leaflet.js"))) if need_map else empty,
            "topojson_js": Markup(_offline_js(_vendor("topojson-client/topojson-client.min.js")))
            if need_map else empty,
            "vis_js": Markup(_offline_js((vis_dir / "vis-network.min.js").read_text(encoding="utf-8")))
            if need_net else empty,
            "page_js": Markup(_offline_js(_asset("views.js")).replace("</", "<\\/")),
            "world": _script_json(json.loads(_vendor("world-atlas/countries-110m.json"))
                                  if need_map else None),
        }
    else:
        config["worldUrl"] = "/vendor/world-atlas/countries-110m.json"
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    template = env.from_string(_asset("views.html.j2"))
    return template.render(title=title, view=view, inline=inline, data=_script_json(payload),
                           config=_script_json(config), **assets)


def write_views(payload: Mapping[str, Any], path: Path, *, view: str = "all",
                title: str = "conflict-kg views") -> int:
    """Write the self-contained views page atomically; returns its size in bytes."""
    html = render_views(payload, view=view, title=title)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(html, encoding="utf-8")
    tmp.replace(path)
    return len(html.encode("utf-8"))
