"""Shared fixtures: the seed article, and a store with the seed built once per test session.

Building runs spaCy and the gazetteer (seconds), so the CLI tests share one built store and
copy it when a test needs to change it.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from click.testing import Result
from typer.testing import CliRunner

if TYPE_CHECKING:
    from kg.extract import Extractor

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
SEED = SEEDS / "000_f8bbf9c61cf088c1.txt"
SEED_TITLE = "US to deploy 560 more troops to Iraq to help seize Mosul"


@dataclass(frozen=True)
class Kg:
    """Runs the ``kg`` CLI in-process against one store folder."""

    runner: CliRunner
    store: Path

    def __call__(self, *args: str, env: dict[str, str | None] | None = None) -> Result:
        from kg.cli.common import app

        full_env: dict[str, str | None] = {"KG_STORE": None, "KG_DEBUG": None, "COLUMNS": None}
        full_env.update(env or {})
        return self.runner.invoke(app, ["--store", str(self.store), *args], env=full_env)


@dataclass(frozen=True)
class BuiltStore:
    """A store holding the seed, and what ``kg build`` said while building it."""

    path: Path
    doc_id: str
    build: Result


@pytest.fixture(scope="session")
def cli_runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="session")
def shipped_extractor() -> Extractor:
    """One real extractor for the session, as shipped (kg/data/learned.yaml: the learned event
    filter on): the floors and the fusion evaluation measure it. Loading spaCy takes seconds."""
    from kg.extract import Extractor

    return Extractor()


@pytest.fixture(scope="session")
def extractor(shipped_extractor: Extractor) -> Extractor:
    """The rules alone: the shipped extractor (its model and lexicons shared) without the learned
    event filter. Rule tests ask what the rules make of a short invented report; the filter was
    trained on real reports and judges one by features an invented line does not have (its place
    in an article, the article's other events), so it is tested on its own
    (tests/test_learned_filter.py) and measured by the floors, not by the rule tests."""
    import copy

    rules = copy.copy(shipped_extractor)
    rules.event_filter = None
    return rules


#: The query tests' corpus: the seed, tests/data/queries and tests/data/corpus, built at a fixed time.
QUERY_CORPUS = [REPO / "seeds", REPO / "tests" / "data" / "queries", REPO / "tests" / "data" / "corpus",
                REPO / "tests" / "data" / "placeless"]  # one report with no place (its README)
QUERY_CORPUS_BUILT_AT = "2026-03-01T12:00:00+00:00"


@pytest.fixture(scope="session")
def query_corpus_store(tmp_path_factory: pytest.TempPathFactory, extractor: Extractor) -> Path:
    """QUERY_CORPUS built (and fused) once for the session: the query rewrite tests compare old
    and new texts on it. Read it only; a test that changes a store copies this one first."""
    from datetime import datetime

    from kg import pipeline
    from kg.store.core import KGStore

    path = tmp_path_factory.mktemp("query-corpus") / "kg-store"
    with KGStore.open(path) as store:
        report = pipeline.build(QUERY_CORPUS, store, extractor=extractor,
                                generated_at=datetime.fromisoformat(QUERY_CORPUS_BUILT_AT))
        assert report.documents > 20 and not report.failed, report
    return path


@pytest.fixture(scope="session")
def seed_doc_id() -> str:
    from kg.read.reader import read_file

    return read_file(SEED).meta.id


@pytest.fixture(scope="session")
def built_store(tmp_path_factory: pytest.TempPathFactory, cli_runner: CliRunner, seed_doc_id: str) -> BuiltStore:
    """The seed built once into a session store; treat it as read-only (copy it to change it)."""
    path = tmp_path_factory.mktemp("built") / "kg-store"
    result = Kg(cli_runner, path)("build", str(SEED))
    assert result.exit_code == 0, result.output
    return BuiltStore(path=path, doc_id=seed_doc_id, build=result)


@pytest.fixture
def kg(cli_runner: CliRunner, built_store: BuiltStore) -> Kg:
    """The CLI on the shared seed store (read-only commands only)."""
    return Kg(cli_runner, built_store.path)


@pytest.fixture
def kg_copy(cli_runner: CliRunner, built_store: BuiltStore, tmp_path: Path) -> Kg:
    """The CLI on a private copy of the seed store, for commands that change it."""
    path = tmp_path / "kg-store"
    shutil.copytree(built_store.path, path)
    return Kg(cli_runner, path)


@pytest.fixture
def kg_empty(cli_runner: CliRunner, tmp_path: Path) -> Kg:
    """The CLI on a store folder that does not exist yet."""
    return Kg(cli_runner, tmp_path / "kg-store")


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, str]]:
    """The environment for a ``kg`` subprocess: no inherited store or debug settings."""
    for name in ("KG_STORE", "KG_DEBUG", "COLUMNS"):
        monkeypatch.delenv(name, raising=False)
    yield dict(os.environ)



# ----------------------------------------------------------------------------- headless Chromium

CHROMIUM = Path(os.environ.get("KG_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
ARTIFACTS = REPO / "out" / "test-artifacts"  # screenshots the browser tests keep (gitignored)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright (never a downloaded browser).

    Without Chromium the browser tests skip with the reason, except under CI=true, where a
    missing browser is a failure: `make test` installs it.
    """
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:  # pragma: no cover - dev dependency
        if os.environ.get("CI") == "true":
            raise
        pytest.skip(f"playwright is not installed: {exc}")
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} not found (Debian package 'chromium'; `make test` installs it)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    # Playwright gives each launch a fresh temporary profile of its own.
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
