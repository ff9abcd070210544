"""The wheel works anywhere: built, installed into a fresh venv, run from an unrelated folder.

The queries and the ontology live at the top of the repository; the wheel must carry them
(as ``kg/resources/``). A checkout would hide a missing file (``kg`` would find the repository's
own), so the test installs the wheel, not the checkout, into a new virtual environment and
runs ``kg`` from an empty temporary folder: build, query (a canned query), queries, export
with the ontology, validate (the SHACL shapes), and ``kg serve`` answering ``/api/queries``.

To stay fast and offline, the wheel is built without build isolation (hatchling from the dev
venv) and installed with ``--no-deps``; the new venv borrows the dev venv's dependencies
(spaCy, rdflib, ...) through a ``.pth`` line, which adds that folder to ``sys.path`` without
running its ``.pth`` files (so the dev venv's editable ``kg`` does not leak in).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import sysconfig
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHIPPED_QUERIES = sorted(p.stem for p in (REPO / "queries").glob("*.rq"))
SHIPPED_ONTOLOGY = sorted(p.name for p in (REPO / "ontology").glob("*.ttl"))


@dataclass(frozen=True)
class Installed:
    venv: Path
    wheel: Path
    work: Path  # an unrelated, empty folder to run kg from
    env: dict[str, str]

    @property
    def kg(self) -> Path:
        return self.venv / "bin" / "kg"

    def run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(self.kg), *args], cwd=self.work, env=self.env, capture_output=True,
                              text=True, timeout=timeout)


def _need_hatchling() -> None:
    try:
        import hatchling  # noqa: F401
    except ImportError:
        message = "hatchling is not installed in the dev venv (pip install -e '.[dev]', or make venv)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    _need_hatchling()
    root = tmp_path_factory.mktemp("wheel")
    dist = root / "dist"
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                            "--disable-pip-version-check", "-w", str(dist), str(REPO)],
                           capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    wheels = list(dist.glob("conflict_kg-*.whl"))
    assert len(wheels) == 1, wheels

    venv = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    # Install before borrowing the dev venv's packages, so pip sees an empty environment.
    done = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps",
                           "--no-index", "--disable-pip-version-check", str(wheels[0])],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    dev_paths = dict.fromkeys([sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]])
    (site / "_dev_venv_dependencies.pth").write_text("".join(f"{p}\n" for p in dev_paths), encoding="utf-8")

    work = root / "elsewhere"
    work.mkdir()
    env = {k: v for k, v in os.environ.items()
           if k not in ("KG_STORE", "KG_DEBUG", "COLUMNS", "PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    return Installed(venv=venv, wheel=wheels[0], work=work, env=env)


@pytest.fixture(scope="module")
def built(installed: Installed) -> Installed:
    """The seed built with the installed kg into ./.kg-store of the unrelated folder."""
    seeds = installed.work / "articles"
    shutil.copytree(REPO / "seeds", seeds)
    result = installed.run("build", "articles")
    assert result.returncode == 0, result.stderr
    assert (installed.work / ".kg-store").is_dir()
    return installed


def test_the_wheel_carries_the_queries_and_the_ontology(installed: Installed) -> None:
    import zipfile

    names = set(zipfile.ZipFile(installed.wheel).namelist())
    assert {f"kg/resources/queries/{q}.rq" for q in SHIPPED_QUERIES} <= names
    assert {f"kg/resources/ontology/{t}" for t in SHIPPED_ONTOLOGY} <= names
    assert "kg/data/events.yaml" in names and "kg/resources/__init__.py" in names
    assert not [n for n in names if "__pycache__" in n or n.startswith(("tests/", "queries/", "ontology/"))]


def test_kg_comes_from_the_wheel_not_the_checkout(installed: Installed) -> None:
    probe = "import kg, kg.resources as r; print(kg.__file__); print(r.shipped_dir('queries')); " \
            "print(r.shipped_dir('ontology'))"
    out = subprocess.run([str(installed.venv / "bin" / "python"), "-c", probe], cwd=installed.work,
                         env=installed.env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    module, queries, ontology = (Path(line) for line in out.stdout.splitlines())
    for path in (module, queries, ontology):
        assert path.is_relative_to(installed.venv), path
        assert not path.is_relative_to(REPO), path
    assert sorted(p.stem for p in queries.glob("*.rq")) == SHIPPED_QUERIES
    assert sorted(p.name for p in ontology.glob("*.ttl")) == SHIPPED_ONTOLOGY


def test_build_query_export_validate_from_an_unrelated_folder(built: Installed) -> None:
    assert not (built.work / "queries").exists() and not (built.work / "ontology").exists()

    listed = built.run("queries")
    assert listed.returncode == 0, listed.stderr
    for name in SHIPPED_QUERIES:
        assert name in listed.stdout

    rows = built.run("query", "deployments", "--format", "json")
    assert rows.returncode == 0, rows.stderr
    bindings = json.loads(rows.stdout)["results"]["bindings"]
    assert bindings and any("troops" in b for b in bindings), bindings

    exported = built.run("export", "--format", "turtle", "--include-ontology", "--out", "graph.ttl")
    assert exported.returncode == 0, exported.stderr
    text = (built.work / "graph.ttl").read_text(encoding="utf-8")
    assert "Deployment" in text and "owl:Ontology" in text  # data and the shipped ontology

    valid = built.run("validate")
    assert valid.returncode == 0, valid.stdout + valid.stderr


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


@pytest.fixture
def served(built: Installed) -> Iterator[str]:
    """``kg serve`` of the installed kg, on a free port of 127.0.0.1; stopped by its pid."""
    from server_helpers import free_port

    port = free_port()
    log = built.work / "serve.log"
    with log.open("w") as err:
        proc = subprocess.Popen([str(built.kg), "serve", "--port", str(port), "--workers", "1"], cwd=built.work,
                                env=built.env, stdout=subprocess.DEVNULL, stderr=err)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                pytest.fail(f"kg serve exited with {proc.returncode}: {log.read_text()}")
            try:
                _get(f"{base}/sparql?query=ASK%7B%7D")
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if time.monotonic() > deadline:
                    pytest.fail(f"kg serve did not answer within 60 s: {log.read_text()}")
                time.sleep(0.2)
        yield base
    finally:
        os.kill(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def test_serve_answers_the_api_and_the_ontology_from_the_wheel(served: str) -> None:
    status, body = _get(f"{served}/api/queries")
    assert status == 200, body[:500]
    assert {q["name"] for q in json.loads(body)} == set(SHIPPED_QUERIES)
    status, body = _get(f"{served}/api/queries/deployments")
    assert status == 200, body[:500]
    status, body = _get(f"{served}/ontology?format=turtle")
    assert status == 200 and b"owl:Ontology" in body, body[:500]
