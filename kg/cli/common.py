"""What every ``kg`` command shares: the Typer app, options, error boundary, store opening, output.

Every anticipated failure ends as one ``error: ...`` line on stderr and a non-zero exit code;
a traceback is shown only for unexpected errors and only with ``KG_DEBUG=1``. Tables go to
stdout, progress and diagnostics to stderr, so output can be piped.
"""

from __future__ import annotations

import functools
import os
import sys
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, NoReturn, Optional, TypeVar

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)

from kg import pipeline, resources
from kg.extract.facts import FactsError
from kg.query.canned import CannedQueryError
from kg.read.reader import DEFAULT_MAX_BYTES, DEFAULT_MAX_CHARS, ReadError, read_all
from kg.store.core import KGStore, StoreError, default_store_path
from kg.store.sparql import SparqlSyntaxError

TABLE_FORMATS = ("table", "csv", "tsv", "json", "markdown")
RDF_FORMATS = ("turtle", "ntriples", "nquads", "trig", "jsonld", "xml")
TRIPLE_FORMATS = ("turtle", "ntriples", "xml")  # what kg.store.core exports as the union of documents

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

def stdout() -> Console:
    """Rich console for results; wide when piped so that tables are not wrapped at 80 columns."""
    wide = not sys.stdout.isatty() and "COLUMNS" not in os.environ
    return Console(width=400 if wide else None, soft_wrap=False)


def stderr() -> Console:
    return Console(stderr=True)


def say_error(message: str) -> None:
    """One plain line on stderr (not rich: it must not wrap or interpret markup)."""
    typer.echo(f"error: {' '.join(message.split())}", err=True)


def debug_mode() -> bool:
    return os.environ.get("KG_DEBUG", "") not in ("", "0")


def fail(message: str, code: int = 1) -> NoReturn:
    raise CliError(message, code)


def syntax_message(exc: SparqlSyntaxError) -> str:
    """kg.store.sparql already words it as "SPARQL syntax error at line L, column C: ..."; keep that."""
    text = str(exc)
    if text.startswith("SPARQL syntax error"):
        return text
    where = f" at line {exc.line}, column {exc.column}" if exc.line is not None else ""
    return f"SPARQL syntax error{where}: {text}"


def quiet_broken_pipe() -> None:
    """`kg export | head`: the reader left; exit without a traceback at interpreter shutdown."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


F = TypeVar("F", bound=Callable[..., Any])


def boundary(func: F) -> F:
    """Turn anticipated exceptions of a command into one ``error:`` line and an exit code."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (typer.Exit, typer.Abort, SystemExit):
            raise
        except CliError as exc:
            say_error(str(exc))
            raise typer.Exit(exc.code) from None
        except SparqlSyntaxError as exc:
            say_error(syntax_message(exc))
            raise typer.Exit(2) from None
        except BrokenPipeError:
            quiet_broken_pipe()
            raise typer.Exit(1) from None
        except (ReadError, StoreError, FactsError, CannedQueryError, OSError) as exc:
            say_error(str(exc) or type(exc).__name__)
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            say_error("interrupted")
            raise typer.Exit(130) from None
        except Exception as exc:  # noqa: BLE001 - the last line of defence
            if debug_mode():
                raise
            say_error(f"unexpected {type(exc).__name__}: {exc} (set KG_DEBUG=1 for a traceback)")
            raise typer.Exit(1) from None

    return wrapper  # type: ignore[return-value]


def settings_of(ctx: typer.Context) -> Settings:
    """The options given before the command (``kg --store DIR ...``, or KG_STORE)."""
    obj = ctx.find_root().obj
    return obj if isinstance(obj, Settings) else Settings(store=default_store_path())


def store_path(ctx: typer.Context, store_dir: Optional[Path]) -> Path:
    """The store a command works on; ``store_dir`` is the command's own ``--store`` (``StoreOpt``).

    ``--store`` may come after the command (``kg build seeds --store DIR``) or before it
    (``kg --store DIR build seeds``). Given after, it wins; else the one given before; else
    the environment variable KG_STORE; else ``./.kg-store``. Both options read KG_STORE, so a
    value the command option took from the environment yields to a ``--store`` given before.
    """
    if store_dir is not None and _from_command_line(ctx, STORE_PARAM):
        return store_dir
    return settings_of(ctx).store


def _from_command_line(ctx: typer.Context, name: str) -> bool:
    """Whether the command's option was typed (not taken from KG_STORE or its default)."""
    source = ctx.get_parameter_source(name)
    # By name: recent Typer vendors its own click, whose ParameterSource is not click's.
    # None: called outside the parser (a direct call in a test); trust the value.
    return source is None or getattr(source, "name", "") in ("COMMANDLINE", "PROMPT")


@contextmanager
def open_store(path: Optional[Path], *, read_only: bool = False) -> Iterator[KGStore]:
    """Open the store; reading one that does not exist yet is a user error, not a crash."""
    if path is not None and read_only and not path.exists():
        fail(f"no store at {path}: build one with `kg build PATH...` (or set --store / KG_STORE)")
    with KGStore.open(path, read_only=read_only) as store:
        yield store


def read_overrides(**values: Optional[str]) -> Optional[dict[str, str]]:
    chosen = {k: v for k, v in values.items() if v is not None}
    return chosen or None


def check_read_options(overrides: Optional[dict[str, str]], max_bytes: int, max_chars: int) -> None:
    """Reject a bad --published etc. now, not after seconds of loading the extractor.

    ``read_all`` checks its options eagerly (and reads nothing for an empty list).
    """
    read_all([], overrides=overrides, max_bytes=max_bytes, max_chars=max_chars)


def load_extractor() -> pipeline.ExtractorLike:
    """Load spaCy and the gazetteer once per command (slow: seconds)."""
    with stderr().status("Loading the extractor...", spinner="dots"):
        from kg.extract import Extractor

        return Extractor()


@contextmanager
def progress_bar(label: str) -> Iterator[pipeline.ProgressFn]:
    """A rich progress bar on stderr (drawn only on a terminal), driven by the pipeline callback."""
    console = stderr()
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn(), TextColumn("{task.fields[file]}", style="dim"))
    with Progress(*columns, console=console, transient=True, disable=not console.is_terminal) as bar:
        task = bar.add_task(label, total=None, file="")

        def update(done: int, total: int, path: Optional[Path]) -> None:
            bar.update(task, completed=done, total=total, file=path.name if path else "")

        yield update


def report_problems(failed: list[pipeline.Failure], warnings: list[tuple[Path, str]]) -> None:
    for path, text in warnings:
        typer.echo(f"warning: {path}: {' '.join(text.split())}", err=True)
    for failure in failed:
        say_error(f"{failure.path}: {failure.message}")
        if debug_mode() and failure.exc is not None:
            typer.echo("".join(traceback.format_exception(failure.exc)), err=True)


# ----------------------------------------------------------------------------- options

#: ``--store`` of the root callback and of every command that opens a store; a command resolves
#: it with ``store_path(ctx, store)``. The parameter must be named ``store_dir`` (STORE_PARAM).
StoreOpt = typer.Option(None, "--store", envvar="KG_STORE", metavar="DIR", show_default=False,
                        help="Store folder, before or after the command (default: ./.kg-store).")
STORE_PARAM = "store_dir"
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


def default_queries_dir() -> Path:
    """./queries when the current directory has one (a project's own queries), else the shipped ones."""
    return resources.queries_dir()


def parse_params(items: list[str]) -> dict[str, str]:
    params: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            fail(f"bad --param {item!r}: expected key=value")
        if key.strip() in params:
            fail(f"--param {key.strip()} is given twice; give each parameter once")
        params[key.strip()] = value
    return params


@contextmanager
def binary_output(path: Optional[Path]) -> Iterator[BinaryIO]:
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
