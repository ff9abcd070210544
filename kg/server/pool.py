"""A pool of query worker processes with a hard time limit per query.

Each request goes to an idle worker; if the answer does not come within the limit the worker
is killed (SIGKILL, so the query stops using the CPU at once) and a fresh one is started in
the background. Requests wait for an idle worker, but never longer than their own limit.

A worker answers each request with two frames: "ready" once its store is prepared (reopened
if a writer changed it, see ``kg.server.worker.StoreView``), then the answer. The time limit
runs from the "ready" frame: reopening the store never counts against a query's limit.
Preparing has its own, generous bound (``PREPARE_LIMIT_S``).
"""

from __future__ import annotations

import asyncio
import os
import pickle
import struct
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

_HEADER = struct.Struct("!I")

#: How long a worker may take to get its store ready (a fresh worker opens it fully; a
#: running one waits at most a quarter second and answers from its older snapshot).
PREPARE_LIMIT_S = 120.0


class PoolError(Exception):
    """A query could not be answered; ``kind`` is timeout, busy, crashed or closed."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


class _NotReady(Exception):
    """The worker did not get its store ready within ``PREPARE_LIMIT_S``."""


@dataclass(eq=False)  # workers are compared and hashed by identity
class _Worker:
    proc: asyncio.subprocess.Process
    waited_s: float = 0.0  # time the last request waited for the store to be ready

    async def send(self, message: dict[str, Any]) -> None:
        assert self.proc.stdin is not None
        data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        self.proc.stdin.write(_HEADER.pack(len(data)) + data)
        await self.proc.stdin.drain()

    async def receive(self) -> dict[str, Any]:
        assert self.proc.stdout is not None
        head = await self.proc.stdout.readexactly(_HEADER.size)
        (size,) = _HEADER.unpack(head)
        return pickle.loads(await self.proc.stdout.readexactly(size))

    async def ask(self, message: dict[str, Any], timeout_s: float) -> dict[str, Any]:
        """Send a request; wait for "ready" (at most ``PREPARE_LIMIT_S``), then at most
        ``timeout_s`` for the answer. Raises :class:`_NotReady` or ``asyncio.TimeoutError``."""
        await self.send(message)
        try:
            ready = await asyncio.wait_for(self.receive(), PREPARE_LIMIT_S)
        except asyncio.TimeoutError:
            raise _NotReady from None
        self.waited_s = float(ready.get("waited_s", 0.0))
        return await asyncio.wait_for(self.receive(), timeout_s)

    async def kill(self) -> None:
        if self.proc.returncode is None:
            try:
                self.proc.kill()
            except ProcessLookupError:
                pass
        await self.proc.wait()


async def _spawn(args: list[str]) -> _Worker:
    env = dict(os.environ)
    # The worker must import this very kg package, wherever it was imported from.
    root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "kg.server.worker", *args,
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, env=env,
        limit=2 ** 20)
    return _Worker(proc)


class WorkerPool:
    """``size`` read-only query workers on the store at ``path`` (start with :meth:`start`)."""

    def __init__(self, path: Path, size: int = 2) -> None:
        self.path = Path(path)
        self.size = size
        # LIFO: the worker used last takes the next request, so with light traffic one warm
        # worker (its store caches filled) answers, and the others wait as spares.
        self._idle: Optional[asyncio.LifoQueue[_Worker]] = None
        self._all: set[_Worker] = set()
        self._closed = False
        self.killed = 0  # workers killed at their time limit (for tests and logs)

    async def _fresh(self) -> _Worker:
        """A new worker with its store open (a ping waits for the full open), so that its
        first query does not pay for it."""
        worker = await _spawn([str(self.path)])
        try:
            await worker.ask({"op": "ping"}, PREPARE_LIMIT_S)
        except (_NotReady, asyncio.TimeoutError, asyncio.IncompleteReadError, ConnectionError,
                BrokenPipeError):
            pass  # its first request reports what is wrong
        return worker

    async def start(self) -> None:
        self._idle = asyncio.LifoQueue()
        workers = await asyncio.gather(*(self._fresh() for _ in range(self.size)))
        for w in workers:
            self._all.add(w)
            self._idle.put_nowait(w)

    async def close(self) -> None:
        self._closed = True
        for w in list(self._all):
            if w.proc.stdin is not None:
                w.proc.stdin.close()
        for w in list(self._all):
            try:
                await asyncio.wait_for(w.proc.wait(), 2)
            except asyncio.TimeoutError:
                await w.kill()
        self._all.clear()

    async def _replace(self, dead: _Worker) -> None:
        self._all.discard(dead)
        await dead.kill()
        if self._closed:
            return
        fresh = await self._fresh()
        if self._closed:
            await fresh.kill()
            return
        self._all.add(fresh)
        assert self._idle is not None
        self._idle.put_nowait(fresh)

    async def run(self, message: dict[str, Any], timeout_s: float) -> dict[str, Any]:
        """Send one request to an idle worker; the time limit covers waiting for a worker and
        running, not the worker's getting its store ready (reopening it after a write)."""
        if self._closed or self._idle is None:
            raise PoolError("closed", "the server is shutting down")
        deadline = time.monotonic() + timeout_s
        try:
            worker = await asyncio.wait_for(self._idle.get(), timeout_s)
        except asyncio.TimeoutError:
            raise PoolError("busy", f"all {self.size} query workers stayed busy for "
                                    f"{timeout_s:g} s; try again later") from None
        left = max(deadline - time.monotonic(), 0.001)
        try:
            answer = await worker.ask(message, left)
        except _NotReady:
            asyncio.get_running_loop().create_task(self._replace(worker))
            raise PoolError("busy", f"the store could not be opened within "
                                    f"{PREPARE_LIMIT_S:g} s; try again later") from None
        except asyncio.TimeoutError:
            self.killed += 1
            asyncio.get_running_loop().create_task(self._replace(worker))
            raise PoolError("timeout", f"the query did not finish within {timeout_s:g} s (the "
                                       "server's time limit) and was stopped") from None
        except (asyncio.IncompleteReadError, ConnectionError, BrokenPipeError) as e:
            asyncio.get_running_loop().create_task(self._replace(worker))
            raise PoolError("crashed", f"the query worker stopped unexpectedly ({e}); "
                                       "the query was not answered") from None
        except asyncio.CancelledError:  # the client went away mid-query: the worker is dirty
            asyncio.get_running_loop().create_task(self._replace(worker))
            raise
        self._idle.put_nowait(worker)
        return answer


async def run_once(path: Path, message: dict[str, Any], timeout_s: float) -> dict[str, Any]:
    """One request in a fresh worker that exits afterwards (updates: they open the store
    read-write, which must not be held longer than the update)."""
    worker = await _spawn([str(path)])
    try:
        return await worker.ask(message, timeout_s)
    except (_NotReady, asyncio.TimeoutError):
        raise PoolError("timeout", f"the update did not finish within {timeout_s:g} s and was "
                                   "stopped (nothing was changed)") from None
    except (asyncio.IncompleteReadError, ConnectionError, BrokenPipeError) as e:
        raise PoolError("crashed", f"the update worker stopped unexpectedly ({e})") from None
    finally:
        if worker.proc.stdin is not None:
            worker.proc.stdin.close()
        try:
            await asyncio.wait_for(worker.proc.wait(), 5)
        except asyncio.TimeoutError:
            await worker.kill()
