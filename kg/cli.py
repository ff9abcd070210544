"""The ``kg`` command line: build, extract, query, export and inspect the knowledge graph.

Every anticipated failure ends as one ``error: ...`` line on stderr and a non-zero exit code;
a traceback is shown only for unexpected errors and only with ``KG_DEBUG=1``. Tables go to
stdout, progress and diagnostics to stderr, so output can be piped.
"""

from __future__ import annotations

import functools
import os
import re
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, BinaryIO, NoReturn, Optional, TypeVar

import typer
from rdflib import URIRef
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from kg import canned, formats, pipeline
from kg.canned import CannedQueryError
from kg.facts import FactsError
from kg.iris import graph_iri as doc_graph_iri
from kg.read import DEFAULT_MAX_BYTES, DEFAULT_MAX_CHARS, ReadError, read_all
from kg.sparql import QueryResult, SparqlSyntaxError
from kg.store import GRAPH_BASE, KGStore, StoreError, default_store_path
from kg.vocab import CKG, ENTITY_CLASSES, EVENT_CLASSES

TABLE_FORMATS = ("table", "csv", "tsv", "json", "markdown")
RDF_FORMATS = ("turtle", "ntriples", "nquads", "trig", "jsonld", "xml")
TRIPLE_FORMATS = ("turtle", "ntriples", "xml")  # what kg.store exports as the union of documents
PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent
_NAME = re.compile(r"[A-Za-z_][\w-]*")  # what a canned query name looks like (SPARQL never does)

app = typer.Typer(
    name="kg",
    help="Turn armed-conflict news into an RDF knowledge graph, and query it.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
)


class CliError(Exception):
    """An anticipated problem with what the user asked for; ``code`` is the exit status."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Settings:
    """Options given before the command, shared by all commands."""

    store: Path


# ----------------------------------------------------------------------------- plumbing

def _stdout() -> Console:
    """Rich console for results; wide when piped so that tables are not wrapped at 80 columns."""
    wide = not sys.stdout.isatty() and "COLUMNS" not in os.environ
    return Console(width=400 if wide else None, soft_wrap=False)


def _stderr() -> Console:
    return Console(stderr=True)


def _say_error(message: str) -> None:
    """One plain line on stderr (not rich: it must not wrap or interpret markup)."""
    typer.echo(f"error: {' '.join(message.split())}", err=True)


def _debug() -> bool:
    return os.environ.get("KG_DEBUG", "") not in ("", "0")


def _fail(message: str, code: int = 1) -> NoReturn:
    raise CliError(message, code)


def _syntax_message(exc: SparqlSyntaxError) -> str:
    """kg.sparql already words it as "SPARQL syntax error at line L, column C: ..."; keep that."""
    text = str(exc)
    if text.startswith("SPARQL syntax error"):
        return text
    where = f" at line {exc.line}, column {exc.column}" if exc.line is not None else ""
    return f"SPARQL syntax error{where}: {text}"


def _quiet_broken_pipe() -> None:
    """`kg export | head`: the reader left; exit without a traceback at interpreter shutdown."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


F = TypeVar("F", bound=Callable[..., Any])


def _boundary(func: F) -> F:
    """Turn anticipated exceptions of a command into one ``error:`` line and an exit code."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (typer.Exit, typer.Abort, SystemExit):
            raise
        except CliError as exc:
            _say_error(str(exc))
            raise typer.Exit(exc.code) from None
        except SparqlSyntaxError as exc:
            _say_error(_syntax_message(exc))
            raise typer.Exit(2) from None
        except BrokenPipeError:
            _quiet_broken_pipe()
            raise typer.Exit(1) from None
        except (ReadError, StoreError, FactsError, CannedQueryError, OSError) as exc:
            _say_error(str(exc) or type(exc).__name__)
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            _say_error("interrupted")
            raise typer.Exit(130) from None
        except Exception as exc:  # noqa: BLE001 - the last line of defence
            if _debug():
                raise
            _say_error(f"unexpected {type(exc).__name__}: {exc} (set KG_DEBUG=1 for a traceback)")
            raise typer.Exit(1) from None

    return wrapper  # type: ignore[return-value]


def _settings(ctx: typer.Context) -> Settings:
    obj = ctx.find_root().obj
    return obj if isinstance(obj, Settings) else Settings(store=default_store_path())


@contextmanager
def _open_store(path: Optional[Path], *, read_only: bool = False) -> Iterator[KGStore]:
    """Open the store; reading one that does not exist yet is a user error, not a crash."""
    if path is not None and read_only and not path.exists():
        _fail(f"no store at {path}: build one with `kg build PATH...` (or set --store / KG_STORE)")
    with KGStore.open(path, read_only=read_only) as store:
        yield store


def _overrides(**values: Optional[str]) -> Optional[dict[str, str]]:
    chosen = {k: v for k, v in values.items() if v is not None}
    return chosen or None


def _check_read_options(overrides: Optional[dict[str, str]], max_bytes: int, max_chars: int) -> None:
    """Reject a bad --published etc. now, not after seconds of loading the extractor.

    ``read_all`` checks its options eagerly (and reads nothing for an empty list).
    """
    read_all([], overrides=overrides, max_bytes=max_bytes, max_chars=max_chars)


def _load_extractor() -> pipeline.ExtractorLike:
    """Load spaCy and the gazetteer once per command (slow: seconds)."""
    with _stderr().status("Loading the extractor...", spinner="dots"):
        from kg.extract import Extractor

        return Extractor()


@contextmanager
def _progress_bar(label: str) -> Iterator[pipeline.ProgressFn]:
    """A rich progress bar on stderr (drawn only on a terminal), driven by the pipeline callback."""
    console = _stderr()
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn(), TextColumn("{task.fields[file]}", style="dim"))
    with Progress(*columns, console=console, transient=True, disable=not console.is_terminal) as bar:
        task = bar.add_task(label, total=None, file="")

        def update(done: int, total: int, path: Optional[Path]) -> None:
            bar.update(task, completed=done, total=total, file=path.name if path else "")

        yield update


def _report_problems(failed: list[pipeline.Failure], warnings: list[tuple[Path, str]]) -> None:
    for path, text in warnings:
        typer.echo(f"warning: {path}: {' '.join(text.split())}", err=True)
    for failure in failed:
        _say_error(f"{failure.path}: {failure.message}")
        if _debug() and failure.exc is not None:
            typer.echo("".join(traceback.format_exception(failure.exc)), err=True)


# ----------------------------------------------------------------------------- options

StoreOpt = typer.Option(None, "--store", envvar="KG_STORE", help="Store folder (default: ./.kg-store).")
PathsArg = typer.Argument(..., help="Article files or folders of them.", show_default=False)
TitleOpt = typer.Option(None, "--title", help="Title for the document(s), instead of the sidecar's.")
PublisherOpt = typer.Option(None, "--publisher", help="Publisher, instead of the sidecar's.")
PublishedOpt = typer.Option(None, "--published", help="Publication date YYYY-MM-DD.")
UrlOpt = typer.Option(None, "--url", help="Source URL.")
LanguageOpt = typer.Option(None, "--language", help="Language code (default: en).")
MaxBytesOpt = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", min=1, help="Skip files larger than this.")
MaxCharsOpt = typer.Option(DEFAULT_MAX_CHARS, "--max-chars", min=1,
                           help="Extract only the first N characters of a longer text (cut at a paragraph).")
JobsOpt = typer.Option(1, "--jobs", "-j", min=1, help="Worker processes for extraction.")


@app.callback()
def main(ctx: typer.Context, store: Optional[Path] = StoreOpt) -> None:
    """Turn armed-conflict news into an RDF knowledge graph, and query it."""
    ctx.obj = Settings(store=store if store is not None else default_store_path())


# ----------------------------------------------------------------------------- build / extract

def _summary_table(report: pipeline.BuildReport) -> Table:
    table = Table(title="kg build", show_header=True, header_style="bold")
    for name in ("documents", "failed", "entities", "events", "triples", "time"):
        table.add_column(name, justify="right")
    table.add_row(str(report.documents), str(len(report.failed)), str(report.entities),
                  str(report.events), str(report.triples), f"{report.seconds:.1f} s")
    return table


@app.command()
@_boundary
def build(
    ctx: typer.Context,
    paths: list[Path] = PathsArg,
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
) -> None:
    """Read, extract and map articles, and store each as its own named graph (replacing older ones)."""
    from kg import cli_ontology

    overrides = _overrides(title=title, publisher=publisher, published=published, url=url, language=language)
    _check_read_options(overrides, max_bytes, max_chars)
    cli_ontology.check_build_options(reason)
    with _open_store(None if memory else _settings(ctx).store) as store:  # fail fast if it is locked
        target = cli_ontology.guard(store, validate)
        extractor = _load_extractor()
        with _progress_bar("Building") as progress:
            report = pipeline.build(paths, target, extractor=extractor, overrides=overrides,
                                    max_bytes=max_bytes, max_chars=max_chars, jobs=jobs,
                                    progress=progress, generated_at=datetime.now(timezone.utc))
        _stdout().print(_summary_table(report))
        ontology_ok = cli_ontology.after_build(target, store, reason, changed=report.documents > 0)
    _report_problems(report.failed, report.warnings)
    if report.failed or not ontology_ok:
        raise typer.Exit(1)


@app.command()
@_boundary
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
        _fail(f"--out {out} is a file; give a folder for the facts files")
    overrides = _overrides(title=title, publisher=publisher, published=published, url=url, language=language)
    _check_read_options(overrides, max_bytes, max_chars)
    extractor = _load_extractor()
    with _progress_bar("Extracting") as progress:
        report = pipeline.extract_to_dir(paths, out, extractor=extractor, overrides=overrides,
                                         max_bytes=max_bytes, max_chars=max_chars, jobs=jobs,
                                         progress=progress)
    for path in report.written:
        typer.echo(str(path))
    _report_problems(report.failed, report.warnings)
    if report.failed:
        raise typer.Exit(1)


# ----------------------------------------------------------------------------- query

def _default_queries_dir() -> Path:
    """./queries when run from a checkout or project folder, else the one beside the package."""
    local = Path("queries")
    return local if local.is_dir() else REPO_DIR / "queries"


def _parse_params(items: list[str]) -> dict[str, str]:
    params: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            _fail(f"bad --param {item!r}: expected key=value")
        if key.strip() in params:
            _fail(f"--param {key.strip()} is given twice; give each parameter once")
        params[key.strip()] = value
    return params


def _resolve_query(arg: str, params: dict[str, str], queries_dir: Optional[Path]) -> str:
    """NAME of a canned query -> its bound text; *.rq -> the file (bound too); else SPARQL text."""
    folder = queries_dir or _default_queries_dir()
    # A folder the user named must exist (load_queries says so); the default one may be absent.
    queries = canned.load_queries(folder) if queries_dir is not None or folder.is_dir() else {}
    if arg in queries:
        return canned.bind(queries[arg], params)
    if arg.endswith(".rq"):
        path = Path(arg)
        if not path.is_file():
            _fail(f"no such query file: {path}")
        text = path.read_text(encoding="utf-8")
        return canned.bind(canned.parse_query(text, path.stem, path), params)
    if _NAME.fullmatch(arg.strip()):
        known = ", ".join(sorted(queries)) or "none"
        _fail(f"no canned query named {arg.strip()!r} in {folder} (known: {known}; see `kg queries`)")
    if params:
        _fail("--param works with canned queries and .rq files, not with SPARQL text")
    return arg


@app.command()
@_boundary
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
) -> None:
    """Run a SPARQL query over all documents (the union of their graphs)."""
    if fmt is not None and fmt.lower() not in TABLE_FORMATS + RDF_FORMATS:
        _fail(f"unknown --format {fmt!r}: use one of {', '.join(TABLE_FORMATS + RDF_FORMATS)}")
    if timeout is not None and timeout <= 0:
        _fail(f"--timeout must be a positive number of seconds, got {timeout:g}")
    text = _resolve_query(query_arg, _parse_params(param), queries_dir)
    with _open_store(_settings(ctx).store, read_only=True) as store:
        result = store.query(text, timeout_s=timeout)
    _print_result(result, fmt)


def _print_result(result: QueryResult, fmt: Optional[str]) -> None:
    """Rows as a table/csv/...; graphs (CONSTRUCT/DESCRIBE) as Turtle unless told otherwise."""
    chosen = (fmt or ("turtle" if result.kind == "graph" else "table")).lower()
    if result.kind != "graph" and chosen in RDF_FORMATS:
        _fail(f"--format {chosen} is for CONSTRUCT/DESCRIBE results; rows need one of {', '.join(TABLE_FORMATS)}")
    try:
        formats.render(result, chosen, sys.stdout)
    except ValueError as exc:
        _fail(str(exc))


@app.command("queries")
@_boundary
def list_queries(
    queries_dir: Optional[Path] = typer.Option(None, "--queries-dir",
                                               help="Canned queries (default: ./queries, else the shipped ones)."),
) -> None:
    """List the canned queries with their titles, descriptions and parameters."""
    folder = queries_dir or _default_queries_dir()
    table = Table(show_header=True, header_style="bold", show_lines=True)
    for name in ("name", "title", "description", "parameters"):
        table.add_column(name, overflow="fold")
    for name, q in canned.load_queries(folder).items():
        table.add_row(Text(name), Text(q.title), Text(q.description),
                      Text("\n".join(_param_text(p) for p in q.params)))
    _stdout().print(table)


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
    """ontology/conflict.ttl of the project folder, else of the checkout the package lives in."""
    for candidate in (Path("ontology/conflict.ttl"), REPO_DIR / "ontology" / "conflict.ttl",
                      PACKAGE_DIR / "data" / "conflict.ttl"):
        if candidate.is_file():
            return candidate
    _fail("cannot find ontology/conflict.ttl for --include-ontology")


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


@contextmanager
def _binary_output(path: Optional[Path]) -> Iterator[BinaryIO]:
    """A file written atomically (temp file then rename), or stdout's byte stream."""
    if path is None:
        sys.stdout.flush()
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        with tmp.open("wb") as handle:
            yield handle
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


@app.command()
@_boundary
def export(
    ctx: typer.Context,
    fmt: str = typer.Option("turtle", "--format", "-f", help="|".join(RDF_FORMATS)),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="File to write (default: stdout)."),
    include_ontology: bool = typer.Option(False, "--include-ontology",
                                          help="Add the ontology/conflict.ttl triples (triple formats only)."),
) -> None:
    """Export the knowledge graph: the union of all documents (triple formats) or their named graphs."""
    fmt = fmt.lower()
    if fmt not in RDF_FORMATS:
        _fail(f"unknown --format {fmt!r}: use one of {', '.join(RDF_FORMATS)}")
    if out is not None and out.is_dir():
        _fail(f"--out {out} is a folder; give a file name")
    if include_ontology and fmt not in TRIPLE_FORMATS:
        _fail(f"--include-ontology works with the triple formats ({', '.join(TRIPLE_FORMATS)}), not {fmt}")
    ontology = _ontology_file() if include_ontology else None
    with _open_store(_settings(ctx).store, read_only=True) as store, _binary_output(out) as stream:
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
@_boundary
def stats(ctx: typer.Context) -> None:
    """Counts: triples, documents, entities by type, events by type."""
    with _open_store(_settings(ctx).store, read_only=True) as store:
        s = store.stats()
    entities = _of_classes(s.types, ENTITY_CLASSES.values())
    events = _of_classes(s.types, EVENT_CLASSES.values())
    console = _stdout()
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
@_boundary
def docs(ctx: typer.Context) -> None:
    """List the documents in the store: id, title, publisher, date, triples."""
    with _open_store(_settings(ctx).store, read_only=True) as store:
        documents = store.documents()
    table = Table(show_header=True, header_style="bold")
    for name in ("id", "title", "publisher", "published"):
        table.add_column(name)
    table.add_column("triples", justify="right")
    for d in documents:
        table.add_row(Text(d.doc_id), Text(d.title or ""), Text(d.publisher or ""),
                      Text(d.published or ""), str(d.triples))
    _stdout().print(table)


@app.command()
@_boundary
def remove(ctx: typer.Context, doc_id: str = typer.Argument(..., metavar="DOC-ID")) -> None:
    """Remove one document (its named graph) from the store."""
    path = _settings(ctx).store
    iri = doc_graph_iri(doc_id)
    with _open_store(path, read_only=True) as store:  # never create a store just to say "absent"
        present = iri in store.graphs()
    if not present or not _remove_graph(path, iri):
        _fail(f"no document {doc_id!r} in the store at {path} (see `kg docs`)")
    typer.echo(f"removed {doc_id}", err=True)
    from kg import cli_ontology

    cli_ontology.forget_inferences(path)  # they may be about the removed document


def _remove_graph(path: Path, iri: URIRef) -> bool:
    with _open_store(path) as store:
        return store.remove_graph(iri)
from kg import cli_see  # noqa: E402,F401  (registers kg viz and kg analyze)
from kg import cli_share  # noqa: E402,F401  (registers kg push, kg pull and kg describe)
from kg import cli_serve  # noqa: E402,F401  (registers kg serve)
from kg import cli_ontology  # noqa: E402,F401  (registers kg validate and kg reason)
