"""Where the ontology files are: ``ontology/`` of the project folder, else of the checkout.

The ``.ttl`` files are the single source of the model (SHACL shapes, OWL axioms, the docs pages
are all read from them), so every tool finds them the same way: a project folder's own
``ontology/`` first (someone extending the model), then the one beside the package.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from rdflib import Graph

PACKAGE_DIR = Path(__file__).resolve().parents[1]
REPO_DIR = PACKAGE_DIR.parent

ONTOLOGY = "conflict.ttl"
SHAPES = "shapes.ttl"
EVENT_TYPES = "event-types.ttl"


class OntologyFileError(Exception):
    """An ontology file cannot be found or parsed."""


def find(name: str) -> Path:
    """The path of ``ontology/<name>``; raises OntologyFileError when there is none."""
    for candidate in (Path("ontology") / name, REPO_DIR / "ontology" / name, PACKAGE_DIR / "data" / name):
        if candidate.is_file():
            return candidate
    raise OntologyFileError(f"cannot find ontology/{name} (run from the project folder or a checkout)")


def parse(path: Path) -> Graph:
    """A Turtle file as an rdflib Graph; a syntax error becomes one OntologyFileError line."""
    try:
        return Graph().parse(path, format="turtle")
    except Exception as exc:  # noqa: BLE001 - rdflib raises many parser-specific types
        raise OntologyFileError(f"cannot parse {path}: {' '.join(str(exc).split())}") from None


@lru_cache(maxsize=8)
def _cached(path: str, mtime: float) -> Graph:
    return parse(Path(path))


def load(name: str) -> Graph:
    """The parsed file (cached until it changes on disk); do not modify the returned graph."""
    path = find(name)
    return _cached(str(path.resolve()), path.stat().st_mtime)
