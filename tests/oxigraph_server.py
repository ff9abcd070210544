"""A real Oxigraph server for tests (and benchmarks): started on a free port, stopped by PID.

    with OxigraphServer(tmp_path / "remote") as server:
        server.base  # http://127.0.0.1:PORT  (/query, /update, /store)
"""

from __future__ import annotations

import socket
import sys
import urllib.error
import urllib.request
from pathlib import Path
from typing import Optional

from server_process import ServerProcess, free_port

__all__ = ["GuardProxy", "OxigraphServer", "SilentServer", "free_port", "oxigraph_binary"]

REPO = Path(__file__).resolve().parents[1]


def oxigraph_binary() -> Path:
    """The ``oxigraph`` CLI of this virtualenv (PyPI ``oxigraph``)."""
    here = Path(sys.executable).parent / "oxigraph"
    return here if here.exists() else REPO / ".venv" / "bin" / "oxigraph"


class OxigraphServer(ServerProcess):
    """``oxigraph serve --location DIR --bind 127.0.0.1:PORT`` as a context manager."""

    name = "oxigraph serve"

    def __init__(self, location: Path, *, union_default_graph: bool = False) -> None:
        self.location = Path(location)
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.union_default_graph = union_default_graph
        super().__init__(self.location.parent / f"oxigraph-{self.port}.log")

    def start(self, timeout_s: float = 20.0) -> "OxigraphServer":
        self.location.mkdir(parents=True, exist_ok=True)
        args = [oxigraph_binary(), "serve", "--location", self.location, "--bind", f"127.0.0.1:{self.port}"]
        if self.union_default_graph:
            args.append("--union-default-graph")
        self.launch(args)
        self.wait_for(self.base + "/query?query=ASK%7B%7D", timeout_s)
        return self


class GuardProxy:
    """A small real HTTP server in front of a store: checks Authorization, can stop serving.

    ``expect`` is the Authorization header every request must carry (else 401 with a
    WWW-Authenticate header, as a real secured store answers); ``serve`` is how many requests to
    forward before answering ``fail_status`` (e.g. 503) to everything. ``seen`` records each
    request's method, path and Authorization header.
    """

    def __init__(self, upstream: str, *, expect: Optional[str] = None, serve: Optional[int] = None,
                 fail_status: int = 503) -> None:
        import http.server
        import threading

        self.upstream = upstream.rstrip("/")
        self.expect = expect
        self.serve = serve
        self.fail_status = fail_status
        self.seen: list[tuple[str, str, Optional[str]]] = []
        proxy = self
        lock = threading.Lock()

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def _reply(self, status: int, body: bytes, headers: dict[str, str]) -> None:
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                auth = self.headers.get("Authorization")
                with lock:
                    proxy.seen.append((self.command, self.path, auth))
                    forwarded = len(proxy.seen)
                if proxy.expect is not None and auth != proxy.expect:
                    self._reply(401, b"authentication required", {"WWW-Authenticate": 'Bearer realm="kg"',
                                                                 "Content-Type": "text/plain"})
                    return
                if proxy.serve is not None and forwarded > proxy.serve:
                    self._reply(proxy.fail_status, b"store unavailable", {"Content-Type": "text/plain"})
                    return
                request = urllib.request.Request(proxy.upstream + self.path, data=body, method=self.command)
                for name in ("Content-Type", "Accept"):
                    if self.headers.get(name):
                        request.add_header(name, self.headers[name])
                try:
                    with urllib.request.urlopen(request, timeout=30) as r:
                        status, data, ctype = r.status, r.read(), r.headers.get("Content-Type", "")
                except urllib.error.HTTPError as e:
                    status, data, ctype = e.code, e.read(), e.headers.get("Content-Type", "")
                self._reply(status, data, {"Content-Type": ctype} if ctype else {})

            do_GET = do_POST = do_PUT = do_DELETE = _handle

        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> "GuardProxy":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()


class SilentServer:
    """A socket that accepts connections and never answers: what a hung store looks like."""

    def __init__(self) -> None:
        self._socket = socket.socket()
        self._socket.bind(("127.0.0.1", 0))
        self._socket.listen(16)
        self.base = f"http://127.0.0.1:{self._socket.getsockname()[1]}"

    def __enter__(self) -> "SilentServer":
        return self

    def __exit__(self, *exc: object) -> None:
        self._socket.close()
