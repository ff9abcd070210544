"""Load a file under scripts/ (or tests/eval/) as a module, for tests of the project's tools.

The scripts are programs, not a package, so tests load them by path; this is the one place that
does it (``importlib.util.spec_from_file_location``), registering the module under its name so
dataclasses and pickling inside the script work as when it runs.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent


def load_script(name: str, folder: str = "scripts", register_as: str | None = None) -> ModuleType:
    """The module of ``<folder>/<name>.py`` under the repository root, executed once per call."""
    path = ROOT / folder / f"{name}.py"
    if str(path.parent) not in sys.path:  # as when run: a script imports its siblings
        sys.path.insert(0, str(path.parent))
    spec = importlib.util.spec_from_file_location(register_as or name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[register_as or name] = module
    spec.loader.exec_module(module)
    return module
