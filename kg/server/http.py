"""The HTTP connection under ``kg serve``: uvicorn's h11 protocol, made to answer oversized
requests with a status every client can read.

Two things made clients see a connection reset instead of an answer:

* A request refused before its body was read (413 for a body over ``--max-body``): uvicorn
  closed the socket while the client was still sending, and a close with unread data makes the
  kernel send RST; curl happened to read the answer first, Python's urllib and SPARQLWrapper
  did not. Now the connection is closed the way HTTP servers linger (RFC 9112, 9.6): the
  answer is sent, the sending side is shut, and what the client still sends is read and
  dropped until it stops (at most ``LINGER_BYTES`` / ``LINGER_S``), then the socket is closed.
* A request line longer than h11's buffer (16 KB by default) was a bare 400 "Invalid HTTP
  request received." followed by the same reset. Now h11's buffer holds ``MAX_URL_BYTES``
  plus ``MAX_HEADER_BYTES``; a URL over ``MAX_URL_BYTES`` is a 414 (from the app's
  :func:`url_limit` when h11 could parse the request, from here when it could not) and
  headers over the rest a 431, each with a lingering close.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any, Optional

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

#: Longest request target (path and query string) answered, in bytes. Longer SPARQL goes by
#: POST. httpx refuses URLs over 65,536 characters itself; browsers and servers commonly stop
#: at 8-64 KB.
MAX_URL_BYTES = 32_768
#: Room for the header fields after the request line.
MAX_HEADER_BYTES = 32_768
#: h11's buffer for one request head (request line and headers).
MAX_HEAD_BYTES = MAX_URL_BYTES + MAX_HEADER_BYTES
#: A lingering close drops at most this much of what the client still sends...
LINGER_BYTES = 64 * 1024 * 1024
#: ...for at most this long in all, and stops after this long without data.
LINGER_S = 10.0
LINGER_IDLE_S = 1.0


def url_too_long(length: int, limit: int = MAX_URL_BYTES, more: bool = False) -> str:
    """The 414 message; ``more``: the URL is longer still (its end was not read)."""
    size = f"more than {length:,}" if more else f"{length:,}"
    return (f"the URL is {size} bytes long, over the server's limit of {limit:,}: send long "
            "queries with POST (application/sparql-query or a form)")


_HEADERS_TOO_LARGE = (f"the request's header fields are over the server's limit of "
                      f"{MAX_HEADER_BYTES:,} bytes")


def _json(kind: str, message: str) -> bytes:
    return json.dumps({"error": kind, "message": message}).encode("utf-8")


class _Transport:
    """The connection's transport, whose ``close`` lingers while the client may still send."""

    def __init__(self, real: asyncio.Transport, protocol: "KgH11Protocol") -> None:
        self._real = real
        self._protocol = protocol

    def close(self) -> None:
        self._protocol.linger_close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


class KgH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with lingering close and 414 / 431 for oversized request heads."""

    def __init__(self, config: Any, server_state: Any, app_state: dict[str, Any],
                 _loop: Optional[asyncio.AbstractEventLoop] = None) -> None:
        super().__init__(config, server_state, app_state, _loop)
        self.conn = h11.Connection(h11.SERVER, max_incomplete_event_size=MAX_HEAD_BYTES)
        self._real_transport: Optional[asyncio.Transport] = None
        self._lingering = False
        self._dropped = 0
        self._linger_timer: Optional[asyncio.TimerHandle] = None
        self._linger_deadline = 0.0

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        self._real_transport = transport
        super().connection_made(_Transport(transport, self))  # type: ignore[arg-type]

    # --- lingering close -------------------------------------------------------------------

    def _client_may_still_send(self) -> bool:
        return self.conn.their_state in (h11.SEND_BODY, h11.ERROR) or (
            self.conn.their_state is h11.IDLE and bool(self.conn.trailing_data[0]))

    def linger_close(self) -> None:
        real = self._real_transport
        if real is None or real.is_closing() or self._lingering:
            return
        if not self._client_may_still_send():
            real.close()
            return
        self._lingering = True
        self._unset_keepalive_if_required()
        try:
            if real.can_write_eof():
                real.write_eof()  # the answer is complete; the client reads it, then closes
        except (OSError, RuntimeError):
            real.close()
            return
        real.resume_reading()
        self._linger_deadline = self.loop.time() + LINGER_S
        self._arm_linger_timer()

    def _arm_linger_timer(self) -> None:
        if self._linger_timer is not None:
            self._linger_timer.cancel()
        delay = min(LINGER_IDLE_S, max(self._linger_deadline - self.loop.time(), 0.0))
        self._linger_timer = self.loop.call_later(delay, self._end_linger)

    def _end_linger(self) -> None:
        if self._linger_timer is not None:
            self._linger_timer.cancel()
            self._linger_timer = None
        if self._real_transport is not None:
            self._real_transport.close()

    def data_received(self, data: bytes) -> None:
        if self._lingering:
            self._dropped += len(data)
            if self._dropped > LINGER_BYTES or self.loop.time() > self._linger_deadline:
                self._end_linger()
            else:
                self._arm_linger_timer()
            return
        super().data_received(data)

    def eof_received(self) -> Optional[bool]:  # type: ignore[override]
        if self._lingering:
            self._end_linger()
        return super().eof_received()

    def connection_lost(self, exc: Optional[Exception]) -> None:
        if self._linger_timer is not None:
            self._linger_timer.cancel()
            self._linger_timer = None
        super().connection_lost(exc)

    # --- request heads h11 cannot take ------------------------------------------------------

    def send_400_response(self, msg: str) -> None:
        """h11 gave up on the request head: say why with the right status, then linger."""
        head = self.conn.trailing_data[0][:MAX_HEAD_BYTES + 1]
        line_end = head.find(b"\n")
        if line_end < 0 or line_end > MAX_URL_BYTES + 32:
            length = MAX_HEAD_BYTES if line_end < 0 else line_end
            status, kind, text = 414, "url-too-long", url_too_long(length, more=line_end < 0)
        elif len(head) > MAX_HEAD_BYTES:
            status, kind, text = 431, "headers-too-large", _HEADERS_TOO_LARGE
        else:
            status, kind, text = 400, "bad-request", f"invalid HTTP request: {msg}"
        body = _json(kind, text)
        reason = {400: b"Bad Request", 414: b"URI Too Long",
                  431: b"Request Header Fields Too Large"}[status]
        real = self._real_transport
        assert real is not None
        # h11 is in its ERROR state and will not write a response: write it by hand.
        real.write(b"HTTP/1.1 %d %s\r\ncontent-type: application/json\r\ncontent-length: %d\r\n"
                   b"connection: close\r\n\r\n" % (status, reason, len(body)) + body)
        self.linger_close()


def url_limit(app: Any, limit: int = MAX_URL_BYTES) -> Any:
    """ASGI middleware: 414 for a request target over ``limit`` bytes, 431 for header fields
    over ``MAX_HEADER_BYTES`` (before the app and without reading the body; the protocol's
    lingering close lets the client read the answer)."""

    async def wrapped(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            length = len(scope.get("raw_path") or b"") + len(scope.get("query_string") or b"")
            length += 1 if scope.get("query_string") else 0
            headers = sum(len(k) + len(v) + 4 for k, v in scope.get("headers") or ())
            status = 414 if length > limit else 431 if headers > MAX_HEADER_BYTES else 0
            if status:
                body = (_json("url-too-long", url_too_long(length, limit)) if status == 414
                        else _json("headers-too-large", _HEADERS_TOO_LARGE))
                await send({"type": "http.response.start", "status": status,
                            "headers": [(b"content-type", b"application/json"),
                                        (b"content-length", str(len(body)).encode()),
                                        (b"connection", b"close")]})
                await send({"type": "http.response.body", "body": body})
                return
        await app(scope, receive, send)

    return wrapped


def run(app: Any, host: str, port: int, log_level: str) -> None:
    """``uvicorn.run`` with :class:`KgH11Protocol` (used by ``kg serve``)."""
    import uvicorn

    uvicorn.run(url_limit(app), host=host, port=port, log_level=log_level, access_log=False,
                server_header=False, http=KgH11Protocol,
                h11_max_incomplete_event_size=MAX_HEAD_BYTES)
