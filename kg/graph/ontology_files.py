"""The ontology files: ``ontology/`` of the project folder, else the shipped ones.

The ``.ttl`` files are the single source of the model (SHACL shapes, OWL axioms, the docs pages
are all read from them), so every tool finds them the same way (``kg.resources.ontology_file``):
a project folder's own ``ontology/`` first (someone extending the model), then the copy inside
the installed package, or the repository's ``ontology/`` in a checkout.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from rdflib import Graph

from kg import resources

ONTOLOGY = "conflict.ttl"
SHAPES = "shapes.ttl"
EVENT_TYPES = "event-types.ttl"


class OntologyFileError(Exception):
    """An ontology file cannot be found or parsed."""


def find(name: str) -> Path:
    """The path of ``ontology/<name>``; raises OntologyFileError when there is none."""
    path = resources.ontology_file(name)
    if path.is_file():
        return path
    raise OntologyFileError(f"cannot find ontology/{name}: not in ./ontology nor in "
                            f"{resources.shipped_dir(resources.ONTOLOGY)} (a broken install?)")


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
