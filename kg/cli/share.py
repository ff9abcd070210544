"""``kg push``, ``kg pull`` and ``kg describe``: the graph in other people's triple stores.

Push and pull talk to any SPARQL 1.1 store (kg.share.remote); describe writes the store's VoID +
DCAT description (kg.share.void). Failures are one ``error:`` line, as everywhere in the CLI; a push
that stops part way also says what the remote had already accepted.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import BinaryIO, Optional

import pyoxigraph as ox
import rdflib
import typer
from rdflib import URIRef
from rdflib.namespace import RDF
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text

from kg.cli.common import (
    RDF_FORMATS,
    TRIPLE_FORMATS,
    StoreOpt,
    app,
    binary_output,
    boundary,
    fail,
    open_store,
    stderr,
    stdout,
    store_path,
)
from kg.share import remote as rm
from kg.share import void
from kg.store.core import GRAPH_BASE

_RDFLIB_FORMATS = {"turtle": "turtle", "ntriples": "nt", "nquads": "nquads", "trig": "trig",
                   "jsonld": "json-ld", "xml": "xml"}

EndpointArg = typer.Argument(None, metavar="ENDPOINT",
                             help="Base URL of the store (Oxigraph: http://host:7878, which has "
                                  "/query, /update and /store).", show_default=False)
QueryEndpointOpt = typer.Option(None, "--query-endpoint", help="SPARQL query URL (default: from ENDPOINT and --layout).")
UpdateEndpointOpt = typer.Option(None, "--update-endpoint", help="SPARQL Update URL (default: from ENDPOINT and --layout).")
GspEndpointOpt = typer.Option(None, "--gsp-endpoint",
                              help="Graph Store Protocol URL (default: from ENDPOINT and --layout).")
UserOpt = typer.Option(None, "--user", help="HTTP Basic user.")
PasswordOpt = typer.Option(None, "--password", envvar="KG_REMOTE_PASSWORD",
                           help="HTTP Basic password (or KG_REMOTE_PASSWORD).")
TokenOpt = typer.Option(None, "--token", envvar="KG_REMOTE_TOKEN", help="Bearer token (or KG_REMOTE_TOKEN).")
TimeoutOpt = typer.Option(60.0, "--timeout", help="Give up on a request after S seconds.")
LayoutOpt = typer.Option("oxigraph", "--layout",
                         help="The server's URLs under ENDPOINT: oxigraph (/query, /update, /store) or "
                              "virtuoso (/sparql, /sparql-auth, /sparql-graph-crud-auth; digest auth).")


def _remote(endpoint: Optional[str], query_ep: Optional[str], update_ep: Optional[str],
            gsp_ep: Optional[str], user: Optional[str], password: Optional[str],
            token: Optional[str], timeout: float, layout: str = "oxigraph") -> rm.Remote:
    if timeout <= 0:
        fail(f"--timeout must be a positive number of seconds, got {timeout:g}")
    endpoints = rm.Endpoints.resolve(endpoint, query=query_ep, update=update_ep, gsp=gsp_ep, layout=layout)
    return rm.Remote(endpoints, rm.Auth(user=user, password=password, token=token), timeout)


def _short(graph: str) -> str:
    """A document graph by its document id, other graphs by IRI."""
    return graph[len(GRAPH_BASE):] if graph.startswith(GRAPH_BASE) else graph


# ----------------------------------------------------------------------------- push

@contextmanager
def _push_bar() -> Iterator[rm.ProgressFn]:
    """A rich progress bar on stderr, in triples, drawn only on a terminal."""
    console = stderr()
    columns = (TextColumn("Pushing"), BarColumn(), MofNCompleteColumn(), TextColumn("triples"),
               TimeElapsedColumn(), TextColumn("{task.fields[graph]}", style="dim"))
    with Progress(*columns, console=console, transient=True, disable=not console.is_terminal) as bar:
        task = bar.add_task("push", total=None, graph="")

        def update(p: rm.PushProgress) -> None:
            bar.update(task, completed=p.triples_done, total=p.triples_total,
                       graph=f"{p.graphs_done}/{p.graphs_total} graphs  {_short(p.graph)}")

        yield update


def _plan_table(plans: list[rm.GraphPlan], remote_only: dict[str, int]) -> Table:
    table = Table(title="kg push --dry-run", show_header=True, header_style="bold", title_justify="left")
    table.add_column("graph", overflow="fold")  # document ids are long: never cut them
    for name, justify in (("action", "left"), ("local triples", "right"), ("remote triples", "right")):
        table.add_column(name, justify=justify, no_wrap=True)  # type: ignore[arg-type]
    words = {"new": "new", "replace": "replace", "same": "unchanged"}
    for p in plans:
        table.add_row(Text(_short(p.graph)), words[p.action], str(p.local_triples),
                      str(p.remote_triples) if p.action != "new" else "-")
    for graph, n in sorted(remote_only.items()):
        table.add_row(Text(_short(graph)), "remote only (kept)", "-", str(n))
    return table


def _pushed_lines(report: rm.PushReport) -> list[str]:
    lines = []
    for g in report.graphs:
        state = "complete" if g.complete else f"partly: {g.triples:,} of {g.total:,} triples"
        lines.append(f"  pushed {_short(g.graph)}: {g.triples:,} triples ({state})")
    return lines


@app.command()
@boundary
def push(
    ctx: typer.Context,
    endpoint: Optional[str] = EndpointArg,
    query_endpoint: Optional[str] = QueryEndpointOpt,
    update_endpoint: Optional[str] = UpdateEndpointOpt,
    gsp_endpoint: Optional[str] = GspEndpointOpt,
    method: str = typer.Option("gsp", "--method", help="gsp (Graph Store Protocol PUT) or update (SPARQL Update)."),
    doc: list[str] = typer.Option([], "--doc", help="Push only this document id or graph IRI (repeatable)."),
    batch_size: int = typer.Option(rm.DEFAULT_BATCH, "--batch-size", min=1, help="Triples per request."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Only say which graphs are new, replaced or unchanged."),
    atomic: bool = typer.Option(True, "--atomic/--in-place",
                                help="Load each graph into a staging graph, then swap it in with one SPARQL "
                                     "Update operation (needs the update endpoint), or write it in place."),
    verify: bool = typer.Option(False, "--verify", help="After the push, compare each graph's triple count "
                                                        "on the store with the local one."),
    layout: str = LayoutOpt,
    user: Optional[str] = UserOpt,
    password: Optional[str] = PasswordOpt,
    token: Optional[str] = TokenOpt,
    timeout: float = TimeoutOpt,
    store_dir: Optional[Path] = StoreOpt,
) -> None:
    """Load the graph into a SPARQL 1.1 store, one named graph per document (pushing again replaces)."""
    if method not in ("gsp", "update"):
        fail(f"unknown --method {method!r}: use gsp or update")
    remote = _remote(endpoint, query_endpoint, update_endpoint, gsp_endpoint, user, password, token, timeout,
                     layout)
    only = doc or None
    path = store_path(ctx, store_dir)
    with open_store(path, read_only=True) as store:
        if not rm.local_graph_counts(store):
            fail(f"nothing to push: the store at {path} holds no graphs (build some with `kg build`)")
        if dry_run:
            plans = rm.plan_push(store, remote, only)
            local = {p.graph for p in plans}
            remote_only = {} if only else {g: n for g, n in rm.remote_graph_counts(remote).items()
                                           if g not in local}
            stdout().print(_plan_table(plans, remote_only))
            changes = sum(p.action != "same" for p in plans)
            typer.echo(f"dry run: {changes} of {len(plans)} graphs would be written to "
                       f"{remote.endpoints.gsp if method == 'gsp' else remote.endpoints.update}; nothing was sent",
                       err=True)
            return
        try:
            with _push_bar() as progress:
                report = rm.push(store, remote, method=method, batch_size=batch_size,  # type: ignore[arg-type]
                                 graphs=only, progress=progress,
                                 atomic=None if atomic else False)
        except rm.PushError as exc:
            done = exc.report
            complete = len(done.complete_graphs)
            so_far = (f"before that the store accepted {complete} complete graph{'' if complete == 1 else 's'} "
                      f"of {done.planned_graphs}, {done.triples:,} triples in all" if done.graphs
                      else "nothing was pushed")
            typer.echo(f"error: {' '.join(str(exc).split())}; {so_far}", err=True)
            for line in _pushed_lines(done):
                typer.echo(line, err=True)
            raise typer.Exit(1) from None
        wrong = rm.count_mismatches(store, remote, only) if verify else []
    if wrong:
        fail("the store's triple counts differ from the local ones after the push: " +
             ", ".join(f"{_short(g)} {there:,} (local {n:,})" for g, n, there in wrong[:5]) +
             (f" and {len(wrong) - 5} more" if len(wrong) > 5 else ""))
    table = Table(title="kg push", show_header=True, header_style="bold", title_justify="left")
    for name in ("graphs", "triples", "method", "time", "triples/s"):
        table.add_column(name, justify="right")
    rate = report.triples / report.seconds if report.seconds > 0 else 0.0
    table.add_row(str(len(report.graphs)), str(report.triples), method, f"{report.seconds:.1f} s", f"{rate:,.0f}")
    stdout().print(table)
    if verify:
        typer.echo(f"verified: the store holds {len(report.graphs)} graphs with the local triple counts", err=True)


# ----------------------------------------------------------------------------- pull

def _query_text(arg: str) -> str:
    if arg.endswith(".rq"):
        path = Path(arg)
        if not path.is_file():
            fail(f"no such query file: {path}")
        return path.read_text(encoding="utf-8")
    return arg


@app.command()
@boundary
def pull(
    ctx: typer.Context,
    endpoint: Optional[str] = EndpointArg,
    query_arg: Optional[str] = typer.Argument(None, metavar="CONSTRUCT|FILE.rq", show_default=False,
                                              help="A CONSTRUCT or DESCRIBE query."),
    name: Optional[str] = typer.Option(None, "--name",
                                       help="Local graph name (graph/pull-NAME); default: a digest of endpoint and query."),
    query_endpoint: Optional[str] = QueryEndpointOpt,
    layout: str = LayoutOpt,
    user: Optional[str] = UserOpt,
    password: Optional[str] = PasswordOpt,
    token: Optional[str] = TokenOpt,
    timeout: float = TimeoutOpt,
    store_dir: Optional[Path] = StoreOpt,
) -> None:
    """Run a CONSTRUCT on a remote store and keep its result as a named graph (pulling again replaces it)."""
    if query_arg is None and query_endpoint is not None:  # `kg pull --query-endpoint URL QUERY`
        endpoint, query_arg = None, endpoint
    if query_arg is None:
        fail("give the store's base URL (or --query-endpoint) and a CONSTRUCT query")
    remote = _remote(endpoint, query_endpoint, None, None, user, password, token, timeout, layout)
    query = _query_text(query_arg)
    graph = rm.pull_graph_iri(remote.endpoints.query, query, name)
    triples = rm.pull(remote, query)  # before opening the store: a failed pull changes nothing
    with open_store(store_path(ctx, store_dir)) as store:
        existed = graph in store.graphs()
        store.replace_graph(graph, rm.pulled_triples(graph, remote.endpoints.query, query, triples,
                                                     datetime.now(timezone.utc)))
    typer.echo(f"pulled {len(triples)} triples from {remote.endpoints.query} into {_short(str(graph))} "
               f"({'replaced' if existed else 'new graph'}; `kg remove {_short(str(graph))}` drops it)", err=True)


# ----------------------------------------------------------------------------- describe

def _check_iri(what: str, value: str) -> None:
    try:
        ox.NamedNode(value)  # Oxigraph accepts absolute IRIs only
    except ValueError as exc:
        fail(f"{what} {value!r} is not an IRI: {exc}")


def _serialize(graph: rdflib.Graph, fmt: str, stream: BinaryIO) -> None:
    """Triple formats as they are; quad formats put the description in its own named graph."""
    if fmt in TRIPLE_FORMATS:
        graph.serialize(destination=stream, format=_RDFLIB_FORMATS[fmt], encoding="utf-8")
        return
    ds = rdflib.Dataset()
    for prefix, ns in graph.namespaces():
        ds.bind(prefix, ns, override=True)
    named = ds.graph(_description_iri(graph))
    for triple in graph:
        named.add(triple)
    ds.serialize(destination=stream, format=_RDFLIB_FORMATS[fmt], encoding="utf-8")


def _description_iri(graph: rdflib.Graph) -> URIRef:
    for s in graph.subjects(RDF.type, void.VOID.DatasetDescription):
        return URIRef(str(s))
    raise AssertionError("a description without its void:DatasetDescription")


@app.command()
@boundary
def describe(
    ctx: typer.Context,
    fmt: str = typer.Option("turtle", "--format", "-f", help="|".join(RDF_FORMATS)),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="File to write (default: stdout)."),
    sparql_endpoint: Optional[str] = typer.Option(None, "--sparql-endpoint",
                                                  help="Public SPARQL endpoint of the data, if any (void:sparqlEndpoint)."),
    dump: Optional[str] = typer.Option(None, "--dump", help="URL of a published dump (void:dataDump)."),
    license_iri: str = typer.Option(str(void.DEFAULT_LICENSE), "--license", help="Licence IRI of the data."),
    dataset: str = typer.Option(str(void.DEFAULT_DATASET), "--dataset-iri", help="IRI of the dataset."),
    store_dir: Optional[Path] = StoreOpt,
) -> None:
    """Describe the graph in VoID + DCAT: sizes, class and property partitions, vocabularies, sources."""
    fmt = fmt.lower()
    if fmt not in RDF_FORMATS:
        fail(f"unknown --format {fmt!r}: use one of {', '.join(RDF_FORMATS)}")
    if out is not None and out.is_dir():
        fail(f"--out {out} is a folder; give a file name")
    for what, value in (("--sparql-endpoint", sparql_endpoint), ("--dump", dump),
                        ("--license", license_iri), ("--dataset-iri", dataset)):
        if value is not None:
            _check_iri(what, value)
    with open_store(store_path(ctx, store_dir), read_only=True) as store:
        figures = void.measure(store)
    graph = void.describe(figures, dataset=URIRef(dataset), license=URIRef(license_iri),
                          endpoint=sparql_endpoint, dump=dump)
    with binary_output(out) as stream:
        _serialize(graph, fmt, stream)
    if out is not None:
        typer.echo(f"wrote {len(graph)} triples describing {figures.triples} triples in "
                   f"{len(figures.graphs)} graphs to {out}", err=True)
