"""Where the canned queries and the ontology files are: the one answer every part of kg uses.

``queries/`` (the canned ``*.rq`` queries) and ``ontology/`` (``conflict.ttl``,
``event-types.ttl``, ``shapes.ttl``) are edited at the top of the repository. The wheel carries
copies of them inside this package, as ``kg/resources/queries/`` and ``kg/resources/ontology/``
(hatchling's ``force-include`` in pyproject.toml), so an installed ``kg`` finds them with
``importlib.resources`` wherever it runs. In a checkout or an editable install this folder holds
only this module, and the files are read from the repository itself.

A project's own files come first: a ``./queries`` folder, or a file in ``./ontology``, of the
current directory is used instead of the shipped one (``queries_dir``, ``ontology_file``).
"""

from __future__ import annotations

import atexit
import contextlib
from functools import lru_cache
from importlib import resources
from pathlib import Path

QUERIES = "queries"
ONTOLOGY = "ontology"
_KINDS = (QUERIES, ONTOLOGY)

#: the checkout this package sits in (meaningful only for a checkout or an editable install)
REPO_DIR = Path(__file__).resolve().parents[2]


@lru_cache(maxsize=None)
def shipped_dir(kind: str) -> Path:
    """The folder of the shipped ``queries`` or ``ontology`` files.

    Inside the installed package when the wheel put them there, else the repository's own
    folder (checkout, editable install). The path is returned even if it does not exist, so
    that an error can name where the files were looked for.
    """
    if kind not in _KINDS:
        raise ValueError(f"unknown resource folder {kind!r}: use one of {', '.join(_KINDS)}")
    packaged = resources.files(__name__).joinpath(kind)
    if packaged.is_dir():
        if isinstance(packaged, Path):
            return packaged
        # Imported from a zip (not how pip installs a wheel): unpack the folder once for the
        # life of the process (as_file takes folders from Python 3.12).
        stack = contextlib.ExitStack()
        atexit.register(stack.close)
        return Path(stack.enter_context(resources.as_file(packaged)))
    return REPO_DIR / kind


def queries_dir() -> Path:
    """The canned queries: ``./queries`` when the current directory has one, else the shipped ones."""
    local = Path(QUERIES)
    return local if local.is_dir() else shipped_dir(QUERIES)


def ontology_file(name: str) -> Path:
    """``ontology/<name>``: of the current directory when it has that file, else the shipped one.

    The returned path may not exist (no such shipped file); callers check.
    """
    local = Path(ONTOLOGY) / name
    return local if local.is_file() else shipped_dir(ONTOLOGY) / name
