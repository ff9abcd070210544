"""A real Oxigraph server for tests (and benchmarks): started on a free port, stopped by PID.

    with OxigraphServer(tmp_path / "remote") as server:
        server.base  # http://127.0.0.1:PORT  (/query, /update, /store)
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Optional

REPO = Path(__file__).resolve().parents[1]


def oxigraph_binary() -> Path:
    """The ``oxigraph`` CLI of this virtualenv (PyPI ``oxigraph``)."""
    here = Path(sys.executable).parent / "oxigraph"
    return here if here.exists() else REPO / ".venv" / "bin" / "oxigraph"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class OxigraphServer:
    """``oxigraph serve --location DIR --bind 127.0.0.1:PORT`` as a context manager."""

    def __init__(self, location: Path, *, union_default_graph: bool = False) -> None:
        self.location = Path(location)
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.union_default_graph = union_default_graph
        self.process: Optional[subprocess.Popen[bytes]] = None
        self._log = self.location.parent / f"oxigraph-{self.port}.log"

    def start(self, timeout_s: float = 20.0) -> "OxigraphServer":
        self.location.mkdir(parents=True, exist_ok=True)
        args = [str(oxigraph_binary()), "serve", "--location", str(self.location),
                "--bind", f"127.0.0.1:{self.port}"]
        if self.union_default_graph:
            args.append("--union-default-graph")
        with self._log.open("wb") as log:
            self.process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"oxigraph serve exited: {self._log.read_text(errors='replace')}")
            try:
                with urllib.request.urlopen(self.base + "/query?query=ASK%7B%7D", timeout=1) as r:
                    if r.status == 200:
                        return self
            except (urllib.error.URLError, OSError):
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"oxigraph serve did not answer on {self.base} within {timeout_s} s")

    def kill(self) -> None:
        """Stop it hard, now (what a crash looks like to a client)."""
        if self.process is not None and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.kill(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.kill()

    def __enter__(self) -> "OxigraphServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
