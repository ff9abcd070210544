"""``kg viz`` (an offline HTML network) and ``kg analyze ...`` (network analytics, GraphML/GEXF).

Both read the store read-only, turn it into the typed network of kg.see.network and take the same
subgraph options (kg.see.subgraph): --ego/--hops, --from/--to, --construct, --query/--param.
An event node is an incident (the reports of one event fused, kg.fuse) by default;
``--reports`` (or ``--level reports``) draws and counts each article's report instead.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any, Callable, Optional, TypeVar

import networkx as nx
import typer
from rich.table import Table
from rich.text import Text

from kg.cli.common import (
    StoreOpt,
    app,
    boundary,
    default_queries_dir,
    fail,
    open_store,
    parse_params,
    stdout,
    store_path,
)
from kg.see import analyze as an
from kg.see import subgraph
from kg.see.network import (
    ACTOR,
    LEVELS,
    PLACE,
    NetworkError,
    find_entity,
    load_network,
    require_events,
)
from kg.see.viz import (
    SIZE_MEASURES,
    VIEW_TITLES,
    VIEWS,
    VizOptions,
    write_html,
    write_views,
)

F = TypeVar("F", bound=Callable[..., Any])
OUTPUT_FORMATS = ("table", "json")

analyze_app = typer.Typer(name="analyze", no_args_is_help=True,
                          help="Network analytics: centrality, communities, paths, pairs, control of places, export.")
app.add_typer(analyze_app, name="analyze")


def _network_errors(func: F) -> F:
    """NetworkError (unknown actor, bad date, empty selection) -> one ``error:`` line via boundary."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except NetworkError as exc:
            fail(str(exc))

    return wrapper  # type: ignore[return-value]


# ----------------------------------------------------------------------------- shared options

EgoOpt = typer.Option(None, "--ego", help="Only this actor (IRI or name) and its neighbourhood.")
HopsOpt = typer.Option(1, "--hops", help="Neighbourhood radius for --ego, in actor-event-actor steps.")
FromOpt = typer.Option(None, "--from", help="Only events dated on or after this (YYYY[-MM[-DD]]).")
ToOpt = typer.Option(None, "--to", help="Only events dated on or before this (YYYY[-MM[-DD]]).")
ConstructOpt = typer.Option(None, "--construct",
                            help="Only the resources named by this SPARQL CONSTRUCT (text or .rq file).")
QueryOpt = typer.Option(None, "--query", "-q", help="Only what this canned query's results name.")
ParamOpt = typer.Option([], "--param", "-p", help="key=value for --query (repeatable).")
QueriesDirOpt = typer.Option(None, "--queries-dir", help="Canned queries (default: ./queries, else the shipped ones).")
FormatOpt = typer.Option("table", "--format", "-f", help="table|json")
LevelOpt = typer.Option("incidents", "--level",
                        help="incidents (an event node per incident: the reports of one event fused; "
                             "reports in no incident as they are) | reports (one per article's report)")
ReportsOpt = typer.Option(False, "--reports", help="Same as --level reports: each article's report, not incidents.")


def _spec(ego: Optional[str], hops: int, start: Optional[str], end: Optional[str],
          construct: Optional[str], query: Optional[str], param: list[str],
          queries_dir: Optional[Path]) -> subgraph.SubgraphSpec:
    return subgraph.SubgraphSpec(ego=ego, hops=hops, start=start, end=end, construct=construct,
                                 query=query, params=parse_params(param), queries_dir=queries_dir)


def _level(level: str, reports: bool) -> str:
    """--level and its shorthand --reports -> 'incidents' or 'reports'."""
    level = level.strip().lower()
    if level not in LEVELS:
        fail(f"unknown --level {level!r}: use one of {', '.join(LEVELS)}")
    return "reports" if reports else level


def _network(ctx: typer.Context, store_dir: Optional[Path], spec: subgraph.SubgraphSpec,
             level: str = "incidents") -> nx.DiGraph:
    path = store_path(ctx, store_dir)
    with open_store(path, read_only=True) as store:
        g = load_network(store, level=level)
        require_events(g, f"the store at {path}")
        return subgraph.choose(store, g, spec, default_queries_dir())


def _check_format(fmt: str) -> str:
    if fmt.lower() not in OUTPUT_FORMATS:
        fail(f"unknown --format {fmt!r}: use one of {', '.join(OUTPUT_FORMATS)}")
    return fmt.lower()


def _emit(rows: list[dict[str, Any]], fmt: str, columns: list[str], title: str,
          extra: Optional[dict[str, Any]] = None) -> None:
    """Rows as a rich table (only ``columns``) or as JSON (every field, plus ``extra``)."""
    if fmt == "json":
        payload: Any = {**extra, "rows": rows} if extra else rows
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    table = Table(title=title, show_header=True, header_style="bold", title_justify="left")
    for name in columns:
        table.add_column(name, overflow="fold", justify="right" if isinstance(rows[0].get(name) if rows else "",
                                                                              (int, float)) else "left")
    for row in rows:
        table.add_row(*(Text(_cell(row.get(name))) for name in columns))
    stdout().print(table)


def _cell(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, float):
        return f"{value:.4f}"
    return "" if value is None else str(value)


# ----------------------------------------------------------------------------- kg viz

@app.command()
@boundary
@_network_errors
def viz(
    ctx: typer.Context,
    out: Path = typer.Option(Path("out/graph.html"), "--out", "-o", help="HTML file to write."),
    size: str = typer.Option("degree", "--size", help=f"Node size by {'|'.join(SIZE_MEASURES)}."),
    title: str = typer.Option("conflict-kg network", "--title", help="Page title."),
    layout: str = typer.Option("auto", "--layout",
                               help="auto (physics up to 1,000 nodes, then precomputed) | physics | precomputed"),
    ego: Optional[str] = EgoOpt, hops: int = HopsOpt,
    start: Optional[str] = FromOpt, end: Optional[str] = ToOpt,
    construct: Optional[str] = ConstructOpt, query: Optional[str] = QueryOpt,
    param: list[str] = ParamOpt, queries_dir: Optional[Path] = QueriesDirOpt,
    view: str = typer.Option("events", "--view",
                             help="events (the event-entity network) | map | actors (actor network) "
                                  "| timeline | all (map, timeline and actors in one page)"),
    level: str = LevelOpt, reports: bool = ReportsOpt,
    store_dir: Optional[Path] = StoreOpt,
) -> None:
    """Write an interactive, offline HTML view: the event network, a map, a timeline or the actor network."""
    if view != "events" and view not in VIEWS:
        fail(f"unknown --view {view!r}: use one of events, {', '.join(VIEWS)}")
    if size not in SIZE_MEASURES:
        fail(f"unknown --size {size!r}: use one of {', '.join(SIZE_MEASURES)}")
    limits = {"auto": 1000, "physics": 10**9, "precomputed": 0}
    if layout not in limits:
        fail(f"unknown --layout {layout!r}: use one of {', '.join(limits)}")
    if out.is_dir():
        fail(f"--out {out} is a folder; give a file name such as {out / 'graph.html'}")
    g = _network(ctx, store_dir, _spec(ego, hops, start, end, construct, query, param, queries_dir),
                 _level(level, reports))
    if view != "events":
        from kg.see import views_data

        payload = views_data.build(g)
        written = write_views(payload, out, view=view,
                              title=title if title != "conflict-kg network" else VIEW_TITLES[view])
        located = sum(1 for e in payload["events"] if "lat" in e)
        typer.echo(f"wrote {out} ({len(payload['events'])} events, {located} on the map, "
                   f"{len(payload['actors'])} actors, {written / 1e6:.1f} MB)", err=True)
        return
    written = write_html(g, out, VizOptions(title=title, size_by=size, physics_nodes=limits[layout]))
    typer.echo(f"wrote {out} ({g.number_of_nodes()} nodes, {g.number_of_edges()} edges, "
               f"{written / 1e6:.1f} MB)", err=True)


# ----------------------------------------------------------------------------- kg analyze

@analyze_app.command("centrality")
@boundary
@_network_errors
def centrality_cmd(
    ctx: typer.Context,
    by: str = typer.Option("events", "--by", help=f"Rank by {'|'.join(an.CENTRALITY_MEASURES)}."),
    top: int = typer.Option(20, "--top", min=0, help="Show the first N (0: all)."),
    fmt: str = FormatOpt,
    ego: Optional[str] = EgoOpt, hops: int = HopsOpt,
    start: Optional[str] = FromOpt, end: Optional[str] = ToOpt,
    construct: Optional[str] = ConstructOpt, query: Optional[str] = QueryOpt,
    param: list[str] = ParamOpt, queries_dir: Optional[Path] = QueriesDirOpt,
    level: str = LevelOpt, reports: bool = ReportsOpt,
    store_dir: Optional[Path] = StoreOpt,
) -> None:
    """Rank actors: events taken part in, partners, degree/betweenness/closeness on the co-participation network."""
    fmt = _check_format(fmt)
    if by not in an.CENTRALITY_MEASURES:
        fail(f"unknown --by {by!r}: use one of {', '.join(an.CENTRALITY_MEASURES)}")
    g = _network(ctx, store_dir, _spec(ego, hops, start, end, construct, query, param, queries_dir),
                 _level(level, reports))
    rows = an.as_dicts(an.centrality(g, by=by, top=top or None))
    _emit(rows, fmt, ["rank", "label", "cls", "events", "partners", "degree", "betweenness", "closeness"],
          f"actors by {by}")


@analyze_app.command("communities")
@boundary
@_network_errors
def communities_cmd(
    ctx: typer.Context,
    method: str = typer.Option("greedy", "--method", help="greedy (modularity) | louvain"),
    min_size: int = typer.Option(2, "--min-size", min=1, help="Leave out smaller communities."),
    fmt: str = FormatOpt,
    ego: Optional[str] = EgoOpt, hops: int = HopsOpt,
    start: Optional[str] = FromOpt, end: Optional[str] = ToOpt,
    construct: Optional[str] = ConstructOpt, query: Optional[str] = QueryOpt,
    param: list[str] = ParamOpt, queries_dir: Optional[Path] = QueriesDirOpt,
    level: str = LevelOpt, reports: bool = ReportsOpt,
    store_dir: Optional[Path] = StoreOpt,
) -> None:
    """Communities of actors that act together (modularity on the co-participation network)."""
    fmt = _check_format(fmt)
    if method not in an.COMMUNITY_METHODS:
        fail(f"unknown --method {method!r}: use one of {', '.join(an.COMMUNITY_METHODS)}")
    g = _network(ctx, store_dir, _spec(ego, hops, start, end, construct, query, param, queries_dir),
                 _level(level, reports))
    found, modularity = an.communities(g, method=method, min_size=min_size)
    _emit(an.as_dicts(found), fmt, ["community", "size", "shared_events", "members"],
          f"communities ({method}, modularity {modularity:.3f})", extra={"modularity": modularity})


@analyze_app.command("path")
@boundary
@_network_errors
def path_cmd(
    ctx: typer.Context,
    source: str = typer.Argument(..., metavar="ACTOR", help="IRI or name."),
    target: str = typer.Argument(..., metavar="OTHER", help="IRI or name."),
    fmt: str = FormatOpt,
    start: Optional[str] = FromOpt, end: Optional[str] = ToOpt,
    level: str = LevelOpt, reports: bool = ReportsOpt,
    store_dir: Optional[Path] = StoreOpt,
) -> None:
    """Shortest chain of shared events between two actors."""
    fmt = _check_format(fmt)
    g = _network(ctx, store_dir, _spec(None, 1, start, end, None, None, [], None),
                 _level(level, reports))
    a, b = find_entity(g, source), find_entity(g, target)
    _emit(an.as_dicts(an.shortest_path(g, a, b)), fmt,
          ["step", "actor", "role", "event", "other_role", "other", "evidence"],
          f"path from {g.nodes[a]['label']} to {g.nodes[b]['label']}")


@analyze_app.command("coparticipation")
@boundary
@_network_errors
def coparticipation_cmd(
    ctx: typer.Context,
    min_shared: int = typer.Option(1, "--min-shared", min=1, help="Only pairs sharing at least N events."),
    top: int = typer.Option(30, "--top", min=0, help="Show the first N pairs (0: all)."),
    fmt: str = FormatOpt,
    ego: Optional[str] = EgoOpt, hops: int = HopsOpt,
    start: Optional[str] = FromOpt, end: Optional[str] = ToOpt,
    construct: Optional[str] = ConstructOpt, query: Optional[str] = QueryOpt,
    param: list[str] = ParamOpt, queries_dir: Optional[Path] = QueriesDirOpt,
    level: str = LevelOpt, reports: bool = ReportsOpt,
    store_dir: Optional[Path] = StoreOpt,
) -> None:
    """Pairs of actors that take part in the same events, most shared first."""
    fmt = _check_format(fmt)
    g = _network(ctx, store_dir, _spec(ego, hops, start, end, construct, query, param, queries_dir),
                 _level(level, reports))
    _emit(an.as_dicts(an.pairs(g, min_shared=min_shared, top=top or None)), fmt,
          ["actor", "other", "shared_events", "event_types", "first", "last"], "co-participation")


@analyze_app.command("control")
@boundary
@_network_errors
def control_cmd(
    ctx: typer.Context,
    place: str = typer.Argument(..., metavar="PLACE", help="IRI or name of a place."),
    fmt: str = FormatOpt,
    start: Optional[str] = FromOpt, end: Optional[str] = ToOpt,
    level: str = LevelOpt, reports: bool = ReportsOpt,
    store_dir: Optional[Path] = StoreOpt,
) -> None:
    """A place's control timeline: its captures in date order (captor, former holder, support)."""
    fmt = _check_format(fmt)
    g = _network(ctx, store_dir, _spec(None, 1, start, end, None, None, [], None),
                 _level(level, reports))
    node = find_entity(g, place, kinds=(PLACE, ACTOR), what="place")
    rows = an.as_dicts(an.control_timeline(g, node))
    if not rows and fmt == "table":
        typer.echo(f"warning: no captures of {g.nodes[node]['label']} in the store", err=True)
    _emit(rows, fmt, ["date", "captor", "former", "supporter", "modality", "evidence"],
          f"control of {g.nodes[node]['label']}")


@analyze_app.command("export")
@boundary
@_network_errors
def export_cmd(
    ctx: typer.Context,
    out: Path = typer.Option(..., "--out", "-o", help="File to write."),
    fmt: Optional[str] = typer.Option(None, "--format", "-f",
                                      help="graphml|gexf (default: from the file name's extension)."),
    network: str = typer.Option("roles", "--network",
                                help="roles (actors, places, events and role edges) | coparticipation (actors only)"),
    ego: Optional[str] = EgoOpt, hops: int = HopsOpt,
    start: Optional[str] = FromOpt, end: Optional[str] = ToOpt,
    construct: Optional[str] = ConstructOpt, query: Optional[str] = QueryOpt,
    param: list[str] = ParamOpt, queries_dir: Optional[Path] = QueriesDirOpt,
    level: str = LevelOpt, reports: bool = ReportsOpt,
    store_dir: Optional[Path] = StoreOpt,
) -> None:
    """Export the (sub)graph as GraphML or GEXF, for Gephi, Cytoscape or networkx."""
    chosen = (fmt or out.suffix.lstrip(".")).lower()
    if chosen not in an.EXPORT_FORMATS:
        fail(f"unknown export format {chosen!r}: use --format {'|'.join(an.EXPORT_FORMATS)}")
    if network not in ("roles", "coparticipation"):
        fail(f"unknown --network {network!r}: use roles or coparticipation")
    if out.is_dir():
        fail(f"--out {out} is a folder; give a file name")
    g = _network(ctx, store_dir, _spec(ego, hops, start, end, construct, query, param, queries_dir),
                 _level(level, reports))
    graph: nx.Graph = an.coparticipation(g) if network == "coparticipation" else g
    nodes, edges = an.export(graph, chosen, out)
    typer.echo(f"wrote {out} ({nodes} nodes, {edges} edges, {chosen})", err=True)
