"""What ``kg serve`` was started with; one frozen value handed to every part of the app."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from kg import resources


@dataclass(frozen=True)
class ServerSettings:
    """Server options. The defaults are the safe ones: read-only, bounded, local."""

    store: Path
    #: the canned queries; by default ./queries if present, else the shipped ones (kg.resources)
    queries_dir: Path = field(default_factory=resources.queries_dir)
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 2  # query worker processes
    timeout_s: float = 30.0  # per query, enforced by killing its worker
    max_rows: int = 10_000  # rows (SELECT) or triples (CONSTRUCT/DESCRIBE) per result
    max_query_chars: int = 100_000
    max_body_bytes: int = 1_000_000
    allow_update: bool = False
    update_token: Optional[str] = None  # required (as a bearer token) when updates are allowed
    allow_service: bool = False  # SPARQL federation (SERVICE) reaches out to other hosts
    cors: bool = False  # let pages on other origins read query results (read-only servers only)

    def __post_init__(self) -> None:
        if self.allow_update and not self.update_token:
            raise ValueError("updates need a token: give --update-token (or KG_UPDATE_TOKEN)")
        if self.cors and self.allow_update:
            raise ValueError("--cors is for read-only servers: it cannot be combined with "
                             "--allow-update")
        for name in ("workers", "max_rows", "max_query_chars", "max_body_bytes"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1")
        if self.timeout_s <= 0:
            raise ValueError("timeout_s must be positive")
