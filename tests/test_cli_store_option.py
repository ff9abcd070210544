"""``--store`` works before the command (``kg --store DIR docs``) and after it (``kg docs --store DIR``).

Every command that opens a store is run both ways on the seed store (built once for the
session, copied for the commands that change it), from an empty folder with KG_STORE unset,
so a command that ignored the option would look for ./.kg-store and fail, or build there.
Then the order of precedence: the option after the command, else the one before, else
KG_STORE, else ./.kg-store.
"""

from __future__ import annotations

import functools
import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from conftest import SEED, BuiltStore
from typer.testing import CliRunner

CLEAN_ENV: dict[str, str | None] = {"KG_STORE": None, "KG_DEBUG": None, "COLUMNS": None}
PULL_QUERY = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
PULL_ENDPOINT = "http://127.0.0.1:9/sparql"


@dataclass(frozen=True)
class Run:
    """What a case's check gets: the result, the store it named and a scratch folder."""

    result: Result
    store: Path
    scratch: Path
    doc_id: str


@dataclass(frozen=True)
class Case:
    command: tuple[str, ...]  # ("docs",) or ("analyze", "centrality")
    args: tuple[str, ...] = ()
    store: str = "seed"  # seed (shared, read-only) | copy (of the seed) | empty | new (absent)
    check: Callable[[Run], None] = field(default=lambda run: None)
    code: int = 0


def _graphs(path: Path) -> set[str]:
    from kg.store.core import KGStore

    with KGStore.open(path, read_only=True) as store:
        return {str(g) for g in store.graphs()}


def _built(run: Run) -> None:
    assert (run.store / "CURRENT").exists()
    assert any(run.doc_id in g for g in _graphs(run.store))


def _removed(run: Run) -> None:
    assert not any(run.doc_id in g for g in _graphs(run.store))


def _pulled(run: Run) -> None:
    from kg.share import remote as rm

    assert str(rm.pull_graph_iri(PULL_ENDPOINT, PULL_QUERY, "t")) in _graphs(run.store)


def _json_rows(run: Run) -> None:
    assert json.loads(run.result.stdout)


def _wrote(name: str) -> Callable[[Run], None]:
    def check(run: Run) -> None:
        assert (run.scratch / name).stat().st_size > 0

    return check


def _says(text: str) -> Callable[[Run], None]:
    def check(run: Run) -> None:
        assert text.replace("{store}", str(run.store)) in run.result.output, run.result.output

    return check


CASES = {
    "build": Case(("build",), (str(SEED),), store="new", check=_built),
    "query": Case(("query",), ("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "-f", "json"), check=_json_rows),
    "export": Case(("export",), ("-f", "ntriples"), check=_says("<https://w3id.org/conflict-kg/")),
    "stats": Case(("stats",), check=_says("events by type")),
    "docs": Case(("docs",), check=_says("The Christian Science Monitor")),
    "remove": Case(("remove",), ("{doc}",), store="copy", check=_removed),
    "validate": Case(("validate",), ("-f", "json"), check=_json_rows),
    "reason": Case(("reason",), ("--drop",), store="copy", check=_says("no inferred graph to remove")),
    "viz": Case(("viz",), ("-o", "{scratch}/graph.html"), check=_wrote("graph.html")),
    # serve: the store is found, then the bad --timeout stops it before it listens
    "serve": Case(("serve",), ("--timeout", "0"), code=1, check=_says("--timeout must be a positive")),
    "push": Case(("push",), (PULL_ENDPOINT,), store="empty", code=1,
                 check=_says("nothing to push: the store at {store} holds no graphs")),
    "pull": Case(("pull",), (PULL_ENDPOINT, PULL_QUERY, "--name", "t"), store="copy", check=_pulled),
    "describe": Case(("describe",), ("-f", "turtle"), check=_says("void:Dataset")),
    "analyze centrality": Case(("analyze", "centrality"), ("-f", "json"), check=_json_rows),
    "analyze communities": Case(("analyze", "communities"), ("-f", "json"), check=_json_rows),
    "analyze path": Case(("analyze", "path"), ("Iraqi forces", "Islamic State", "-f", "json"), check=_json_rows),
    "analyze coparticipation": Case(("analyze", "coparticipation"), ("-f", "json"), check=_json_rows),
    "analyze control": Case(("analyze", "control"), ("Mosul", "-f", "json"), check=_json_rows),
    "analyze export": Case(("analyze", "export"), ("-o", "{scratch}/net.graphml"), check=_wrote("net.graphml")),
    "fuse": Case(("fuse",), store="copy", check=_says("fused ")),
    "derive": Case(("derive",), ("--check",), check=_says("sort key")),
}


@pytest.fixture
def elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty current folder: no ./.kg-store to fall back on."""
    folder = tmp_path / "cwd"
    folder.mkdir()
    monkeypatch.chdir(folder)
    for name in CLEAN_ENV:
        monkeypatch.delenv(name, raising=False)
    return folder


def _store_for(kind: str, built_store: BuiltStore, tmp_path: Path) -> Path:
    from kg.store.core import KGStore

    path = tmp_path / f"{kind}-store"
    if kind == "seed":
        return built_store.path
    if kind == "copy":
        shutil.copytree(built_store.path, path)
    elif kind == "empty":
        with KGStore.open(path):
            pass
    return path


def invoke(runner: CliRunner, args: list[str], env: dict[str, str | None] | None = None) -> Result:
    from kg.cli.common import app

    return runner.invoke(app, args, env={**CLEAN_ENV, **(env or {})})


@pytest.mark.parametrize("where", ["after", "before"])
@pytest.mark.parametrize("name", list(CASES))
def test_store_option_before_and_after_the_command(name: str, where: str, cli_runner: CliRunner,
                                                   built_store: BuiltStore, tmp_path: Path, elsewhere: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    case = CASES[name]
    if name not in _commands():
        pytest.skip(f"no command `kg {name}` in this checkout")
    if name == "pull":  # no remote store: the CONSTRUCT's answer is made up
        from kg.share import remote as rm
        from rdflib import URIRef

        triple = (URIRef("https://example.org/s"), URIRef("https://example.org/p"), URIRef("https://example.org/o"))
        monkeypatch.setattr(rm, "pull", lambda remote, query: [triple])
    store = _store_for(case.store, built_store, tmp_path)
    args = [a.replace("{doc}", built_store.doc_id).replace("{scratch}", str(tmp_path)) for a in case.args]
    full = ([*case.command, *args, "--store", str(store)] if where == "after"
            else ["--store", str(store), *case.command, *args])
    result = invoke(cli_runner, full)
    assert result.exit_code == case.code, result.output
    assert "no store at" not in result.output
    case.check(Run(result=result, store=store, scratch=tmp_path, doc_id=built_store.doc_id))
    assert not (elsewhere / ".kg-store").exists()


@functools.cache
def _commands() -> dict[str, Any]:
    """Every leaf command of the app, by its full name ("docs", "analyze centrality")."""
    import typer

    from kg.cli.common import app

    found: dict[str, Any] = {}

    def walk(group: Any, prefix: str) -> None:
        for cmd_name, cmd in group.commands.items():
            full = f"{prefix}{cmd_name}"
            if hasattr(cmd, "commands"):
                walk(cmd, f"{full} ")
            else:
                found[full] = cmd

    walk(typer.main.get_command(app), "")
    return found


def test_every_command_that_opens_a_store_takes_store() -> None:
    commands = _commands()
    with_store = {name for name, cmd in commands.items()
                  if any("--store" in getattr(p, "opts", ()) for p in cmd.params)}
    assert with_store == set(CASES) & set(commands), "add the new command to CASES, or --store to it"
    assert set(commands) - with_store == {"extract", "queries"}  # they read files, never a store


def test_the_option_after_the_command_wins(cli_runner: CliRunner, built_store: BuiltStore, tmp_path: Path,
                                           elsewhere: Path) -> None:
    missing = tmp_path / "missing"
    result = invoke(cli_runner, ["--store", str(missing), "docs", "--store", str(built_store.path)])
    assert result.exit_code == 0, result.output
    assert built_store.doc_id in result.stdout
    result = invoke(cli_runner, ["--store", str(built_store.path), "docs", "--store", str(missing)])
    assert result.exit_code == 1
    assert f"no store at {missing}" in result.output


def test_kg_store_is_the_default_of_both(cli_runner: CliRunner, built_store: BuiltStore, tmp_path: Path,
                                         elsewhere: Path) -> None:
    missing = tmp_path / "missing"
    result = invoke(cli_runner, ["docs"], env={"KG_STORE": str(built_store.path)})
    assert result.exit_code == 0, result.output
    assert built_store.doc_id in result.stdout
    # --store before the command beats KG_STORE, though the command's own option reads it too
    result = invoke(cli_runner, ["--store", str(built_store.path), "docs"], env={"KG_STORE": str(missing)})
    assert result.exit_code == 0, result.output
    result = invoke(cli_runner, ["docs", "--store", str(missing)], env={"KG_STORE": str(built_store.path)})
    assert result.exit_code == 1
    assert f"no store at {missing}" in result.output


def test_without_any_the_store_is_dot_kg_store(cli_runner: CliRunner, built_store: BuiltStore,
                                               elsewhere: Path) -> None:
    result = invoke(cli_runner, ["docs"])
    assert result.exit_code == 1
    assert "no store at .kg-store" in result.output
    shutil.copytree(built_store.path, elsewhere / ".kg-store")
    result = invoke(cli_runner, ["stats"])
    assert result.exit_code == 0, result.output


def test_serve_names_the_missing_store_given_after_it(cli_runner: CliRunner, tmp_path: Path,
                                                      elsewhere: Path) -> None:
    missing = tmp_path / "missing"
    result = invoke(cli_runner, ["serve", "--store", str(missing)])
    assert result.exit_code == 1
    assert f"no store at {missing}" in result.output


def test_help_shows_store_on_the_commands(cli_runner: CliRunner) -> None:
    for args in (["build", "--help"], ["analyze", "path", "--help"], ["serve", "--help"]):
        result = invoke(cli_runner, args)
        assert result.exit_code == 0 and "--store" in result.stdout and "KG_STORE" in result.stdout, args
