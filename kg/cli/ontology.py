"""``kg validate`` and ``kg reason``: the ontology at work on the store (kg.store.validate, kg.store.reason).

Both exit 1 when the data breaks the model (violations, inconsistencies) so scripts and CI can
gate on them; ``kg build --validate`` and ``kg build --reason`` use the helpers at the end.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Optional, Sequence

import typer
from rdflib import Graph, URIRef
from rich.table import Table
from rich.text import Text

from kg.cli.common import StoreOpt, app, boundary, fail, open_store, stdout, store_path
from kg.graph import ontology_files
from kg.graph.iris import graph_iri as doc_graph_iri
from kg.graph.ontology_files import OntologyFileError

VALIDATE_FORMATS = ("table", "turtle", "json")
REASON_FORMATS = ("table", "json")


def _shapes(path: Optional[Path]) -> Optional[Graph]:
    """The --shapes file, or None for the shipped shapes (kg.store.validate uses its own copy)."""
    try:
        if path is None:
            return None
        if not path.is_file():
            fail(f"no shapes file {path}")
        return ontology_files.parse(path)
    except OntologyFileError as exc:
        fail(str(exc))


# ----------------------------------------------------------------------------- kg validate

def violations_table(reports: Sequence[Any], title: Optional[str] = None) -> Table:
    """One row per SHACL result: document, focus node (by label), property, message, sentence."""
    table = Table(title=title, show_header=True, header_style="bold", show_lines=True, title_justify="left")
    for name, width in (("document", 24), ("focus", 24), ("property", 18), ("message", 40), ("evidence", 60)):
        table.add_column(name, overflow="fold", max_width=width)
    for r in reports:
        for v in r.violations:
            table.add_row(Text(r.name), Text(v.focus_label), Text(v.path or ""),
                          Text(v.message + ("" if v.severity == "Violation" else f" ({v.severity})")),
                          Text(v.evidence or ""))
    return table


@app.command()
@boundary
def validate(
    ctx: typer.Context,
    doc: list[str] = typer.Option([], "--doc", help="Only this document (repeatable; see `kg docs`)."),
    graph: list[str] = typer.Option([], "--graph", help="Only this named graph IRI (repeatable)."),
    fmt: str = typer.Option("table", "--format", "-f", help="|".join(VALIDATE_FORMATS)),
    shapes: Optional[Path] = typer.Option(None, "--shapes", help="SHACL shapes (default: ontology/shapes.ttl)."),
    store_dir: Optional[Path] = StoreOpt,
) -> None:
    """Check the document graphs against the SHACL shapes; exit 1 if any violates them."""
    from kg.store import validate as kv

    fmt = fmt.lower()
    if fmt not in VALIDATE_FORMATS:
        fail(f"unknown --format {fmt!r}: use one of {', '.join(VALIDATE_FORMATS)}")
    shapes_graph = _shapes(shapes)
    chosen = [doc_graph_iri(d) for d in doc] + [URIRef(g) for g in graph]
    path = store_path(ctx, store_dir)
    with open_store(path, read_only=True) as store:
        if doc:
            present = set(store.graphs())
            for d in doc:
                if doc_graph_iri(d) not in present:
                    fail(f"no document {d!r} in the store at {path} (see `kg docs`)")
        reports = kv.validate_store(store, chosen or None, shapes=shapes_graph)
    bad = [r for r in reports if not r.conforms]
    if fmt == "turtle":
        sys.stdout.write(kv.report_graph(reports).serialize(format="turtle"))
    elif fmt == "json":
        sys.stdout.write(kv.report_json(reports) + "\n")
    elif bad:
        stdout().print(violations_table(bad))
    results = sum(len(r.violations) for r in reports)
    if bad:
        typer.echo(f"{len(bad)} of {len(reports)} graphs violate the shapes ({results} results)", err=True)
        raise typer.Exit(1)
    typer.echo(f"all {len(reports)} graphs conform to the shapes", err=fmt != "table")


# ----------------------------------------------------------------------------- kg reason

def _reason_tables(result: Any) -> list[Table]:
    summary = Table(title="kg reason (HermiT)", show_header=True, header_style="bold", title_justify="left")
    for name in ("graphs", "input triples", "individuals", "inferred triples", "reasoner", "total"):
        summary.add_column(name, justify="right")
    summary.add_row(str(result.graphs_used), str(result.input_triples), str(result.individuals),
                    str(result.inferred), f"{result.seconds_reasoner:.1f} s", f"{result.seconds_total:.1f} s")
    tables = [summary]
    if result.by_predicate:
        kinds = Table(title="inferred triples by kind", caption=f"in the named graph <{result.graph}>",
                      show_header=True, header_style="bold", title_justify="left", caption_justify="left")
        kinds.add_column("triples")
        kinds.add_column("count", justify="right")
        for name, n in result.by_predicate.items():
            kinds.add_row(Text(name), str(n))
        tables.append(kinds)
    if result.inconsistencies:
        bad = Table(title="inconsistencies", show_header=True, header_style="bold", show_lines=True,
                    title_justify="left")
        for name, width in (("individual", 24), ("problem", 40), ("document", 24), ("asserted", 40),
                            ("sentence", 60)):
            bad.add_column(name, overflow="fold", max_width=width)
        for inc in result.inconsistencies:
            for i, cause in enumerate(inc.causes or [None]):
                bad.add_row(Text(inc.label if i == 0 else ""), Text(inc.problem if i == 0 else ""),
                            Text(cause.document or "" if cause else ""),
                            Text(" ".join(cause.triple) if cause else ""),
                            Text(cause.sentence or "" if cause else ""))
        tables.append(bad)
    return tables


def _reason_json(result: Any) -> str:
    import json

    return json.dumps({
        "graph": str(result.graph), "consistent": result.consistent, "graphs": result.graphs_used,
        "inputTriples": result.input_triples, "individuals": result.individuals,
        "inferredTriples": result.inferred, "seconds": round(result.seconds_total, 3),
        "secondsReasoner": round(result.seconds_reasoner, 3), "byPredicate": result.by_predicate,
        "inconsistencies": [i.as_json() for i in result.inconsistencies], "note": result.note,
    }, indent=2, ensure_ascii=False)


def run_reasoner(store: Any, fmt: str = "table") -> Any:
    """Reason over an open store and print the outcome (shared by kg reason and kg build --reason)."""
    from kg.store import reason as kr

    try:
        result = kr.reason_store(store)
    except (kr.ReasonError, OntologyFileError) as exc:
        fail(str(exc))
    if fmt == "json":
        sys.stdout.write(_reason_json(result) + "\n")
    else:
        console = stdout()
        for table in _reason_tables(result):
            console.print(table)
    if result.note:
        typer.echo(f"note: {result.note}", err=True)
    return result


@app.command()
@boundary
def reason(
    ctx: typer.Context,
    fmt: str = typer.Option("table", "--format", "-f", help="|".join(REASON_FORMATS)),
    drop: bool = typer.Option(False, "--drop", help="Remove the inferred graph instead."),
    store_dir: Optional[Path] = StoreOpt,
) -> None:
    """Run the OWL reasoner (HermiT) and store what the ontology implies in a graph of its own."""
    from kg.store import reason as kr

    fmt = fmt.lower()
    if fmt not in REASON_FORMATS:
        fail(f"unknown --format {fmt!r}: use one of {', '.join(REASON_FORMATS)}")
    path = store_path(ctx, store_dir)
    if not (path / "CURRENT").exists():
        fail(f"no store at {path}: build one with `kg build PATH...` (or set --store / KG_STORE)")
    if drop:
        with open_store(path) as store:
            removed = kr.drop_inferred(store)
        typer.echo(f"removed <{kr.INFERRED_GRAPH}>" if removed else "no inferred graph to remove", err=True)
        return
    try:
        kr.check_java()
    except kr.ReasonError as exc:
        fail(str(exc))
    with open_store(path) as store:
        result = run_reasoner(store, fmt)
    if result.inconsistencies or not result.consistent:
        typer.echo(f"{len(result.inconsistencies)} inconsistent individuals (see the table)", err=True)
        raise typer.Exit(1)


# ----------------------------------------------------------------------------- kg build options

def check_build_options(reason: bool) -> None:
    """Before any work: --reason needs Java (say so now, not after a long build)."""
    if reason:
        from kg.store import reason as kr

        try:
            kr.check_java()
        except kr.ReasonError as exc:
            fail(str(exc))


def guard(store: Any, validate: bool) -> Any:
    """The store ``kg build`` writes through: one that refuses broken graphs with --validate."""
    if not validate:
        return store
    from kg.store.validate import ValidatingStore

    return ValidatingStore(store, shapes=_shapes(None))


def _drop_stale(store: Any) -> None:
    """Entailments computed before the documents changed may be about facts no longer there
    (a removed event would stay a sem:Event): drop them rather than serve them."""
    from kg.store import reason as kr

    if kr.INFERRED_GRAPH in store.graphs() and kr.drop_inferred(store):
        typer.echo("note: removed the inferred graph, computed before this change; "
                   "run `kg reason` to infer again", err=True)


def forget_inferences(path: Path) -> None:
    """After ``kg remove``: drop the (now stale) inferred graph, if the store has one."""
    with open_store(path) as store:
        _drop_stale(store)


def after_build(target: Any, store: Any, reason: bool, changed: bool = True) -> bool:
    """Show refused documents' reports; run the reasoner for --reason, else drop stale
    inferences if documents changed. True if all was well."""
    rejected = getattr(target, "rejected", [])
    if rejected:
        from rich.console import Console

        Console(stderr=True, width=200).print(
            violations_table(rejected, title="refused: graphs that violate ontology/shapes.ttl "
                                             "(the store keeps its earlier version, if any)"))
    ok = not rejected
    if changed and not reason:
        _drop_stale(store)
    if reason:
        result = run_reasoner(store)
        ok = ok and result.consistent and not result.inconsistencies
    return ok
