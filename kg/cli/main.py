"""The core ``kg`` commands: build, extract, query, queries, export, stats, docs, remove.

Every anticipated failure ends as one ``error: ...`` line on stderr and a non-zero exit code;
a traceback is shown only for unexpected errors and only with ``KG_DEBUG=1``. Tables go to
stdout, progress and diagnostics to stderr, so output can be piped.
"""

from __future__ import annotations

import dataclasses
import re
import sys
import tempfile
from collections.abc import Iterable
from datetime import datetime, timezone
from pathlib import Path
from typing import BinaryIO, Optional

import typer
from rdflib import URIRef
from rich.table import Table
from rich.text import Text

from kg import pipeline
from kg.cli.common import (
    RDF_FORMATS,
    TABLE_FORMATS,
    TRIPLE_FORMATS,
    JobsOpt,
    LanguageOpt,
    MaxBytesOpt,
    MaxCharsOpt,
    PathsArg,
    PublishedOpt,
    PublisherOpt,
    StoreOpt,
    TitleOpt,
    UrlOpt,
    app,
    binary_output,
    boundary,
    check_read_options,
    default_queries_dir,
    fail,
    load_extractor,
    open_store,
    parse_params,
    progress_bar,
    read_overrides,
    report_problems,
    stdout,
    store_path,
)
from kg.graph import derived, ontology_files
from kg.graph.iris import graph_iri as doc_graph_iri
from kg.graph.vocab import CKG, ENTITY_CLASSES, EVENT_CLASSES
from kg.query import canned, formats, paging
from kg.store.core import GRAPH_BASE, KGStore
from kg.read.reader import FORMATS
from kg.store.sparql import QueryLimitError, QueryResult, check_query_limits

# ----------------------------------------------------------------------------- build / extract

def _summary_table(report: pipeline.BuildReport) -> Table:
    table = Table(title="kg build", show_header=True, header_style="bold")
    for name in ("documents", "failed", "entities", "events", "triples", "time"):
        table.add_column(name, justify="right")
    table.add_row(str(report.documents), str(len(report.failed)), str(report.entities),
                  str(report.events), str(report.triples), f"{report.seconds:.1f} s")
    return table


@app.command()
@boundary
def build(
    ctx: typer.Context,
    paths: list[Path] = PathsArg,
    store_dir: Optional[Path] = StoreOpt,
    title: Optional[str] = TitleOpt,
    publisher: Optional[str] = PublisherOpt,
    published: Optional[str] = PublishedOpt,
    url: Optional[str] = UrlOpt,
    language: Optional[str] = LanguageOpt,
    max_bytes: int = MaxBytesOpt,
    max_chars: int = MaxCharsOpt,
    jobs: int = JobsOpt,
    memory: bool = typer.Option(False, "--memory", help="Dry run: build into a throwaway in-memory store."),
    validate: bool = typer.Option(False, "--validate", help="Refuse documents whose graph violates ontology/shapes.ttl."),
    reason: bool = typer.Option(False, "--reason", help="Then run the OWL reasoner over the store (as `kg reason`)."),
    fuse: bool = typer.Option(True, "--fuse/--no-fuse", help="Fuse the reports of one event into incidents (default; docs/fusion.md)."),
) -> None:
    """Read, extract and map articles, and store each as its own named graph (replacing older ones);
    then fuse the reports of one real-world event into incidents (--no-fuse: document graphs only)."""
    from kg.cli import ontology as cli_ontology

    overrides = read_overrides(title=title, publisher=publisher, published=published, url=url, language=language)
    check_read_options(overrides, max_bytes, max_chars)
    cli_ontology.check_build_options(reason)
    with open_store(None if memory else store_path(ctx, store_dir)) as store:  # fail fast if it is locked
        target = cli_ontology.guard(store, validate)
        extractor = load_extractor()
        with progress_bar("Building") as progress:
            report = pipeline.build(paths, target, extractor=extractor, overrides=overrides,
                                    max_bytes=max_bytes, max_chars=max_chars, jobs=jobs,
                                    progress=progress, generated_at=datetime.now(timezone.utc),
                                    fuse=None if fuse else False)
        stdout().print(_summary_table(report))
        ontology_ok = cli_ontology.after_build(target, store, reason, changed=report.documents > 0)
    report_problems(report.failed, report.warnings)
    _warn_empty(report.empty, report.failed)
    if report.failed or report.empty or not ontology_ok:
        raise typer.Exit(1)


@app.command()
@boundary
def extract(
    paths: list[Path] = PathsArg,
    out: Path = typer.Option(..., "--out", "-o", help="Folder for the <doc-id>.facts.json files."),
    title: Optional[str] = TitleOpt,
    publisher: Optional[str] = PublisherOpt,
    published: Optional[str] = PublishedOpt,
    url: Optional[str] = UrlOpt,
    language: Optional[str] = LanguageOpt,
    max_bytes: int = MaxBytesOpt,
    max_chars: int = MaxCharsOpt,
    jobs: int = JobsOpt,
) -> None:
    """Extract facts from articles into kg-facts/1 JSON files (no store involved)."""
    if out.exists() and not out.is_dir():
        fail(f"--out {out} is a file; give a folder for the facts files")
    overrides = read_overrides(title=title, publisher=publisher, published=published, url=url, language=language)
    check_read_options(overrides, max_bytes, max_chars)
    extractor = load_extractor()
    with progress_bar("Extracting") as progress:
        report = pipeline.extract_to_dir(paths, out, extractor=extractor, overrides=overrides,
                                         max_bytes=max_bytes, max_chars=max_chars, jobs=jobs,
                                         progress=progress)
    for path in report.written:
        typer.echo(str(path))
    report_problems(report.failed, report.warnings)
    _warn_empty(report.empty, report.failed)
    if report.failed or report.empty:
        raise typer.Exit(1)


def _warn_empty(folders: list[Path], failed: list[pipeline.Failure]) -> None:
    """A folder given with no article in it (or none readable): a warning, then exit 1."""
    for folder in folders:
        why = ("none of its files could be read" if any(folder in f.path.parents for f in failed)
               else f"article files end in {', '.join(FORMATS)}")
        typer.echo(f"warning: no articles in {folder} ({why})", err=True)

_NAME = re.compile(r"[A-Za-z_][\w-]*")  # what a canned query name looks like (SPARQL never does)


# ----------------------------------------------------------------------------- query





def _resolve_query(arg: str, params: dict[str, str], queries_dir: Optional[Path]) -> tuple[str, bool]:
    """NAME of a canned query -> its bound text; *.rq -> the file (bound too); else SPARQL text.

    The flag says whether it was a canned query or .rq file (paged by default) or SPARQL text.
    """
    folder = queries_dir or default_queries_dir()
    # A folder the user named must exist (load_queries says so); the default one may be absent.
    queries = canned.load_queries(folder) if queries_dir is not None or folder.is_dir() else {}
    if arg in queries:
        return canned.bind(queries[arg], params), True
    if arg.endswith(".rq"):
        path = Path(arg)
        if not path.is_file():
            fail(f"no such query file: {path}")
        text = path.read_text(encoding="utf-8")
        return canned.bind(canned.parse_query(text, path.stem, path), params), True
    if _NAME.fullmatch(arg.strip()):
        known = ", ".join(sorted(queries)) or "none"
        fail(f"no canned query named {arg.strip()!r} in {folder} (known: {known}; see `kg queries`)")
    if params:
        fail("--param works with canned queries and .rq files, not with SPARQL text")
    return arg, False


def _page(text: str, is_canned: bool, limit: Optional[str], offset: Optional[str],
          every: bool) -> Optional[paging.Page]:
    """The page to show, or None for the query as written.

    Canned queries and .rq files show the first ``paging.DEFAULT_LIMIT`` rows unless told
    otherwise (a listing on a large store has thousands); SPARQL text is paged only when
    --limit/--offset ask for it. A bad value is a usage error (exit 2).
    """
    asked = limit is not None or offset is not None
    if every and limit is not None:
        fail("--all and --limit contradict each other: give one of them", 2)
    if not paging.pageable(text):
        if asked:
            fail("--limit/--offset page the rows of a SELECT query; this query has none", 2)
        return None
    if not (asked or every or is_canned):
        return None
    try:
        page = paging.parse_page(limit, offset)
    except paging.PageError as exc:
        fail(f"--{exc}", 2)
    return paging.Page(None, page.offset) if every else page


@app.command()
@boundary
def query(
    ctx: typer.Context,
    query_arg: str = typer.Argument(..., metavar="SPARQL|FILE.rq|NAME",
                                    help="SPARQL text, a .rq file, or the name of a canned query."),
    param: list[str] = typer.Option([], "--param", "-p", help="key=value for a canned query (repeatable)."),
    fmt: Optional[str] = typer.Option(None, "--format", "-f",
                                      help=f"{'|'.join(TABLE_FORMATS)} for rows; an RDF format "
                                           f"({'|'.join(RDF_FORMATS)}) for CONSTRUCT/DESCRIBE."),
    queries_dir: Optional[Path] = typer.Option(None, "--queries-dir",
                                               help="Canned queries (default: ./queries, else the shipped ones)."),
    timeout: Optional[float] = typer.Option(None, "--timeout", help="Give up after S seconds."),
    limit: Optional[str] = typer.Option(
        None, "--limit", metavar="N",
        help=f"Rows to show (default {paging.DEFAULT_LIMIT} for canned queries and .rq files; "
             f"at most {paging.MAX_LIMIT:,})."),
    offset: Optional[str] = typer.Option(None, "--offset", metavar="N",
                                         help="Rows to skip before the first one shown."),
    every: bool = typer.Option(False, "--all", help="Show every row (no page)."),
    store_dir: Optional[Path] = StoreOpt,
) -> None:
    """Run a SPARQL query over all documents (the union of their graphs).

    Canned queries show one page of rows (--limit, --offset, --all); when rows are left out,
    a line on stderr says which are shown and how many there are.
    """
    if fmt is not None and fmt.lower() not in TABLE_FORMATS + RDF_FORMATS:
        fail(f"unknown --format {fmt!r}: use one of {', '.join(TABLE_FORMATS + RDF_FORMATS)}")
    if timeout is not None and timeout <= 0:
        fail(f"--timeout must be a positive number of seconds, got {timeout:g}")
    try:  # refused before any parser sees it: a usage error, like a syntax error
        text, is_canned = _resolve_query(query_arg, parse_params(param), queries_dir)
        check_query_limits(text)
    except (QueryLimitError, canned.ParamTooLongError) as exc:
        fail(str(exc), 2)
    page = _page(text, is_canned, limit, offset, every)
    with open_store(store_path(ctx, store_dir), read_only=True) as store:
        if is_canned and any(term in text for term in _KEYED) and derived.absent(store.ox_store):
            typer.echo("note: this store was built by an older kg and lacks derived data this "
                       "query reads (sort keys, toll keys, figure marks, mention links, date ranks, row keys, month keys, document keys, mention summaries): "
                       "without them a listing is slower, and deadly-attacks, disputed-figures, "
                       "events-in-period, unresolved-entities, actor-profile, statements-by, "
                       "evidence, meetings-between, events-near, recent-documents and "
                       "documents-mentioning miss rows; `kg derive` adds them once", err=True)
        if page is None:
            result = store.query(text, timeout_s=timeout)
        else:
            fetched = paging.window(text, page)
            result = store.query(paging.page_query(text, fetched), timeout_s=timeout)
            rows, total = paging.cut(page, fetched, result.rows)
            result = dataclasses.replace(result, rows=rows)
            if total is None:
                counted = store.query(paging.count_query(text), timeout_s=timeout)
                total = int(counted.rows[0][0]) if counted.rows else 0
            if page.offset or len(result.rows) < total:
                typer.echo(_page_note(page, len(result.rows), total), err=True)
    _print_result(result, fmt)


#: The canned queries that read data derived at build time name one of these terms: the
#: predicates kg/graph/derived.py writes, so a new kind of derived data needs no edit here.
_KEYED = tuple("ckg:" + str(p).rsplit("#", 1)[-1] for p in derived.DERIVED)


def _page_note(page: paging.Page, shown: int, total: int) -> str:
    """"showing rows 1-100 of 2,345", with how to see the rest."""
    note = paging.summary(page, shown, total)
    if page.offset + shown < total:
        note += f" (--offset {page.offset + shown} for the next page, --all for every row)"
    return note


def _print_result(result: QueryResult, fmt: Optional[str]) -> None:
    """Rows as a table/csv/...; graphs (CONSTRUCT/DESCRIBE) as Turtle unless told otherwise."""
    chosen = (fmt or ("turtle" if result.kind == "graph" else "table")).lower()
    if result.kind != "graph" and chosen in RDF_FORMATS:
        fail(f"--format {chosen} is for CONSTRUCT/DESCRIBE results; rows need one of {', '.join(TABLE_FORMATS)}")
    try:
        formats.render(result, chosen, sys.stdout)
    except ValueError as exc:
        fail(str(exc))


@app.command("queries")
@boundary
def list_queries(
    queries_dir: Optional[Path] = typer.Option(None, "--queries-dir",
                                               help="Canned queries (default: ./queries, else the shipped ones)."),
) -> None:
    """List the canned queries with their titles, descriptions and parameters."""
    folder = queries_dir or default_queries_dir()
    table = Table(show_header=True, header_style="bold", show_lines=True)
    for name in ("name", "title", "description", "parameters"):
        table.add_column(name, overflow="fold")
    for name, q in canned.load_queries(folder).items():
        table.add_row(Text(name), Text(q.title), Text(q.description),
                      Text("\n".join(_param_text(p) for p in q.params)))
    stdout().print(table)


def _param_text(p: canned.Param) -> str:
    if p.required:
        default = "required"
    elif p.default:
        default = f"default {p.default}"
    else:
        default = "optional"
    kind = f"{p.type}({'|'.join(p.choices)})" if p.choices else p.type
    return f"{p.name}: {kind} ({default})" + (f" - {p.help}" if p.help else "")


# ----------------------------------------------------------------------------- export / inspect

def _ontology_file() -> Path:
    """ontology/conflict.ttl of the project folder, else the shipped one (kg.resources)."""
    try:
        return ontology_files.find(ontology_files.ONTOLOGY)
    except ontology_files.OntologyFileError as exc:
        fail(f"{exc} (for --include-ontology)")


def _export_with_ontology(store: KGStore, ontology: Path, fmt: str, out: BinaryIO) -> int:
    """Merge the store's union with the ontology in a scratch in-memory store, then export that."""
    with tempfile.TemporaryDirectory(prefix="kg-export-") as tmp:
        data = Path(tmp) / "data.nt"
        with data.open("wb") as handle:
            store.export("ntriples", handle)
        with KGStore.open(None) as scratch:
            scratch.load_file(data, graph_iri=f"{GRAPH_BASE}export-data", fmt="ntriples")
            scratch.load_file(ontology, graph_iri=f"{GRAPH_BASE}export-ontology", fmt="turtle")
            return scratch.export(fmt, out)




@app.command()
@boundary
def export(
    ctx: typer.Context,
    fmt: str = typer.Option("turtle", "--format", "-f", help="|".join(RDF_FORMATS)),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="File to write (default: stdout)."),
    include_ontology: bool = typer.Option(False, "--include-ontology",
                                          help="Add the ontology/conflict.ttl triples (triple formats only)."),
    store_dir: Optional[Path] = StoreOpt,
) -> None:
    """Export the knowledge graph: the union of all documents (triple formats) or their named graphs."""
    fmt = fmt.lower()
    if fmt not in RDF_FORMATS:
        fail(f"unknown --format {fmt!r}: use one of {', '.join(RDF_FORMATS)}")
    if out is not None and out.is_dir():
        fail(f"--out {out} is a folder; give a file name")
    if include_ontology and fmt not in TRIPLE_FORMATS:
        fail(f"--include-ontology works with the triple formats ({', '.join(TRIPLE_FORMATS)}), not {fmt}")
    ontology = _ontology_file() if include_ontology else None
    with open_store(store_path(ctx, store_dir), read_only=True) as store, binary_output(out) as stream:
        count = store.export(fmt, stream) if ontology is None else _export_with_ontology(store, ontology, fmt, stream)
    if out is not None:
        typer.echo(f"wrote {count} {'quads' if fmt not in TRIPLE_FORMATS else 'triples'} to {out}", err=True)


def _counts_table(title: str, counts: dict[str, int]) -> Table:
    table = Table(title=title, show_header=True, header_style="bold", title_justify="left")
    table.add_column("type")
    table.add_column("count", justify="right")
    for name, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        table.add_row(name, str(n))
    return table


@app.command()
@boundary
def stats(ctx: typer.Context, store_dir: Optional[Path] = StoreOpt) -> None:
    """Counts: triples, documents, entities by type, events by type."""
    with open_store(store_path(ctx, store_dir), read_only=True) as store:
        s = store.stats()
    entities = _of_classes(s.types, ENTITY_CLASSES.values())
    events = _of_classes(s.types, EVENT_CLASSES.values())
    console = stdout()
    overview = Table(title="store", show_header=True, header_style="bold", title_justify="left")
    for name in ("triples", "documents", "entities", "events"):
        overview.add_column(name, justify="right")
    overview.add_row(str(s.triples), str(s.documents), str(sum(entities.values())), str(sum(events.values())))
    console.print(overview)
    console.print(_counts_table("entities by type", entities))
    console.print(_counts_table("events by type", events))


def _of_classes(types: dict[str, int], classes: Iterable[URIRef]) -> dict[str, int]:
    """Counts of the given ckg: classes, by local name (the facts type "Country" is ckg:State)."""
    names = {str(c)[len(str(CKG)):] for c in classes}
    return {name: n for name, n in types.items() if name in names}


@app.command()
@boundary
def docs(ctx: typer.Context, store_dir: Optional[Path] = StoreOpt) -> None:
    """List the documents in the store: id, title, publisher, date, triples."""
    with open_store(store_path(ctx, store_dir), read_only=True) as store:
        documents = store.documents()
    table = Table(show_header=True, header_style="bold")
    for name in ("id", "title", "publisher", "published"):
        table.add_column(name)
    table.add_column("triples", justify="right")
    for d in documents:
        table.add_row(Text(d.doc_id), Text(d.title or ""), Text(d.publisher or ""),
                      Text(d.published or ""), str(d.triples))
    stdout().print(table)


@app.command()
@boundary
def remove(ctx: typer.Context, doc_id: str = typer.Argument(..., metavar="DOC-ID"),
           store_dir: Optional[Path] = StoreOpt) -> None:
    """Remove one document (its named graph) from the store."""
    path = store_path(ctx, store_dir)
    iri = doc_graph_iri(doc_id)
    with open_store(path, read_only=True) as store:  # never create a store just to say "absent"
        present = iri in store.graphs()
    if not present or not _remove_graph(path, iri):
        fail(f"no document {doc_id!r} in the store at {path} (see `kg docs`)")
    typer.echo(f"removed {doc_id}", err=True)
    from kg.cli import ontology as cli_ontology

    cli_ontology.forget_inferences(path)  # they may be about the removed document


def _remove_graph(path: Path, iri: URIRef) -> bool:
    from kg.fuse.index import remove_document

    with open_store(path) as store:
        return remove_document(store, str(iri)[len(GRAPH_BASE):])  # and its incidents (kg.fuse)
