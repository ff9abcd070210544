"""The ``kg`` command line: build, extract, query, export, see, serve, share, validate, reason.

``kg.cli.common`` holds the Typer ``app`` and what all commands share; each command module
registers its commands on it when imported, so importing this package gives the whole CLI.
"""

from kg.cli import derive, fuse, main, ontology, see, serve, share  # noqa: F401  (register their commands)
from kg.cli.common import app

__all__ = ["app"]
