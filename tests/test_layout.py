"""The package's layout shows the pipeline: one subpackage per stage and no import cycles.

Checked statically (module-level imports, read with ``ast``), so a cycle hidden behind a lazy
import inside a function is allowed, but a module-level cycle, which breaks depending on which
module is imported first, is not.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

PACKAGE = Path(__file__).resolve().parent.parent / "kg"
STAGES = {"read", "extract", "graph", "store", "query", "see", "share", "server", "cli"}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _top_level_imports(path: Path, modules: set[str]) -> set[str]:
    """kg modules imported at module level (``from kg.x import y`` counts kg.x.y when it is a module)."""
    found: set[str] = set()
    for node in ast.parse(path.read_text("utf-8")).body:
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("kg")}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").startswith("kg"):
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                found.add(sub if sub in modules else node.module)
    return found & modules


def _import_graph() -> nx.DiGraph:
    paths = sorted(PACKAGE.rglob("*.py"))
    modules = {_module_name(p) for p in paths}
    graph = nx.DiGraph()
    graph.add_nodes_from(modules)
    for path in paths:
        name = _module_name(path)
        graph.add_edges_from((name, target) for target in _top_level_imports(path, modules) if target != name)
    return graph


def test_the_stages_are_subpackages_and_little_else_sits_at_the_top() -> None:
    packages = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert STAGES <= packages, STAGES - packages
    loose = {p.name for p in PACKAGE.glob("*.py")}
    assert loose <= {"__init__.py", "__main__.py", "models.py", "pipeline.py"}, loose


def test_no_module_level_import_cycles() -> None:
    graph = _import_graph()
    assert graph.number_of_edges() > 50  # the walk found the package's imports at all
    cycles = list(nx.simple_cycles(graph))
    assert cycles == [], cycles


def test_command_modules_share_helpers_only_through_cli_common() -> None:
    graph = _import_graph()
    commands = [n for n in graph if n.startswith("kg.cli.") and n != "kg.cli.common"]
    assert commands
    for name in commands:
        siblings = {t for t in graph.successors(name) if t.startswith("kg.cli")}
        assert siblings <= {"kg.cli.common"}, (name, siblings)


def test_models_depend_on_no_stage() -> None:
    """The typed models are what flows between stages; they must not import a stage."""
    graph = _import_graph()
    assert not [t for t in graph.successors("kg.models") if t.startswith("kg.")]
