"""What the tests' real servers (Oxigraph, Virtuoso) share: a free port, a child process that is
waited for until it answers over HTTP, and stopping it by its PID (never by name).

    class MyServer(ServerProcess):
        def start(self):
            self.launch([binary, "serve", ...])
            self.wait_for(self.base + "/ping", timeout_s=20)
            return self
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Optional, Sequence


def free_port() -> int:
    """A TCP port of 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ServerProcess:
    """One server child process; ``name`` and ``log`` (its stdout and stderr) name it in errors."""

    name = "server"
    stop_grace_s = 10.0  # after SIGTERM, how long before SIGKILL

    def __init__(self, log: Path) -> None:
        self.process: Optional[subprocess.Popen[bytes]] = None
        self.log = Path(log)

    def launch(self, args: Sequence[str], cwd: Optional[Path] = None) -> None:
        """Start the child, its output going to the log file."""
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with self.log.open("wb") as out:
            self.process = subprocess.Popen([str(a) for a in args], cwd=cwd, stdout=out, stderr=subprocess.STDOUT)

    def wait_for(self, url: str, timeout_s: float) -> None:
        """Until ``url`` answers 200; the child exiting, or the time running out, is a RuntimeError
        with the end of its log (and the child is killed)."""
        assert self.process is not None
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited ({self.process.returncode}): {self.log_tail()}")
            try:
                with urllib.request.urlopen(url, timeout=2) as r:
                    if r.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                time.sleep(0.1)
        self.kill()
        raise RuntimeError(f"{self.name} did not answer on {url} within {timeout_s:g} s: {self.log_tail()}")

    def log_tail(self, lines: int = 20) -> str:
        if not self.log.exists():
            return ""
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])

    @property
    def pid(self) -> Optional[int]:
        return None if self.process is None else self.process.pid

    def kill(self) -> None:
        """Stop it hard, now, by PID (what a crash looks like to a client)."""
        if self.process is not None and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        """SIGTERM by PID, SIGKILL if it has not exited after ``stop_grace_s``."""
        if self.process is None or self.process.poll() is not None:
            return
        os.kill(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=self.stop_grace_s)
        except subprocess.TimeoutExpired:
            self.kill()

    def start(self) -> "ServerProcess":
        raise NotImplementedError

    def __enter__(self):  # -> the subclass
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def version_tags(query_url: str, graph: str) -> dict[str, int]:
    """How many literals of ``graph`` on a SPARQL server carry each version's tag: the atomic
    replace tests write "vN old" / "vN new" literals and check that a reader sees one version."""
    from SPARQLWrapper import JSON, SPARQLWrapper

    sw = SPARQLWrapper(query_url)
    sw.setQuery(f"""SELECT ?t (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }}
                    BIND(REPLACE(STR(?o), "^v[0-9]+ ", "") AS ?t) }} GROUP BY ?t""")
    sw.setReturnFormat(JSON)
    rows = sw.query().convert()["results"]["bindings"]  # type: ignore[index]
    return {r["t"]["value"]: int(r["n"]["value"]) for r in rows}
