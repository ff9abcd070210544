"""A real Virtuoso Open Source 7 server for tests (and benchmarks): own ini, free ports, stopped by PID.

Debian's ``virtuoso-opensource`` package provides ``/usr/bin/virtuoso-t``; its system service is
never used. The server runs in the foreground in a folder of its own (database, log, ini),
listens on 127.0.0.1 only (HTTP and the ISQL port), and its ``dba`` password is set with isql
once it is up::

    with VirtuosoServer(tmp_path / "virtuoso", password="s3cret") as v:
        v.base       # http://127.0.0.1:PORT: /sparql, /sparql-auth, /sparql-graph-crud-auth
        v.endpoints  # kg.share.remote.Endpoints for that layout
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Optional

from server_process import ServerProcess, free_port

VIRTUOSO = Path(os.environ.get("KG_VIRTUOSO", "/usr/bin/virtuoso-t"))
ISQL = Path(os.environ.get("KG_VIRTUOSO_ISQL", "/usr/bin/isql-vt"))
PACKAGE = "virtuoso-opensource"

# Adapted from /etc/virtuoso-opensource-7/virtuoso.ini: only what a small test server needs.
INI = """\
[Database]
DatabaseFile       = {dir}/virtuoso.db
ErrorLogFile       = {dir}/virtuoso.log
LockFile           = {dir}/virtuoso.lck
TransactionFile    = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
MaxCheckpointRemap = 2000
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = {dir}/virtuoso-temp.db
TransactionFile    = {dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping           = 0

[Parameters]
ServerPort         = 127.0.0.1:{isql_port}
DisableUnixSocket  = 1
DisableTcpSocket   = 0
CheckpointInterval = 60
TransactionAfterImageLimit = {after_image}
CaseMode           = 2
DirsAllowed        = ., {dir}
NumberOfBuffers    = {buffers}
MaxDirtyBuffers    = {dirty}
MaxQueryMem        = 500M
AsyncQueueMaxThreads = 4
ThreadsPerQuery    = 2

[HTTPServer]
ServerPort           = 127.0.0.1:{http_port}
ServerRoot           = {dir}/vsp
MaxClientConnections = 10
ServerThreads        = 10
MaxKeepAlives        = 10
KeepAliveTimeout     = 10
Charset              = UTF-8
EnabledGzipContent   = 0

[SPARQL]
ResultSetMaxRows           = {max_rows}
MaxQueryCostEstimationTime = 400
MaxQueryExecutionTime      = {max_seconds}
"""


def missing_message() -> Optional[str]:
    """Why Virtuoso cannot run here, naming the Debian package; None when it can."""
    for binary in (VIRTUOSO, ISQL):
        if not binary.exists():
            return f"{binary} not found (Debian package '{PACKAGE}'; `make test` installs it)"
    return None


class VirtuosoServer(ServerProcess):
    """``virtuoso-t +foreground +configfile DIR/virtuoso.ini`` as a context manager.

    ``max_rows`` is the ini's ResultSetMaxRows (Debian ships 10,000: a test lowers it to check
    that counts stay exact); ``after_image`` is TransactionAfterImageLimit in bytes (Virtuoso's
    default, 50 MB, is what one transaction may change). Starting again on a folder that holds a
    database reopens it (Virtuoso replays its transaction log): pass ``password`` as set then.
    """

    name = "virtuoso-t"
    stop_grace_s = 20.0  # Virtuoso checkpoints before it exits

    def __init__(self, location: Path, *, password: str = "dba", buffers: int = 20000,
                 max_rows: int = 1_000_000, max_seconds: int = 120, after_image: int = 50_000_000) -> None:
        self.location = Path(location)
        self.password = password
        self.http_port = free_port()
        self.isql_port = free_port()
        while self.isql_port == self.http_port:
            self.isql_port = free_port()
        self.base = f"http://127.0.0.1:{self.http_port}"
        self.buffers = buffers
        self.max_rows, self.max_seconds, self.after_image = max_rows, max_seconds, after_image
        super().__init__(self.location / "stdout.log")

    @property
    def endpoints(self):  # -> kg.share.remote.Endpoints
        from kg.share.remote import Endpoints

        return Endpoints.resolve(self.base, layout="virtuoso")

    def start(self, timeout_s: float = 60.0) -> "VirtuosoServer":
        message = missing_message()
        if message:
            raise RuntimeError(message)
        self.location.mkdir(parents=True, exist_ok=True)
        (self.location / "vsp").mkdir(exist_ok=True)
        existing = (self.location / "virtuoso.db").exists()
        ini = self.location / "virtuoso.ini"
        ini.write_text(INI.format(dir=self.location, isql_port=self.isql_port, http_port=self.http_port,
                                  buffers=self.buffers, dirty=self.buffers * 3 // 4, max_rows=self.max_rows,
                                  max_seconds=self.max_seconds, after_image=self.after_image), encoding="utf-8")
        self.launch([VIRTUOSO, "+foreground", "+configfile", ini], cwd=self.location)
        try:
            self.wait_for(self.base + "/sparql?query=ASK%7B%7D", timeout_s)
            if self.password != "dba" and not existing:
                quoted = '"' + self.password.replace('"', '""') + '"'
                self.isql(f"set password \"dba\" {quoted};", password="dba")
                self.isql("checkpoint;")  # durable: a server killed later reopens with it
        except BaseException:
            self.kill()
            raise
        return self

    def isql(self, sql: str, *, password: Optional[str] = None) -> str:
        """Run SQL through isql-vt on the server's ISQL port; returns its output."""
        result = subprocess.run([str(ISQL), f"127.0.0.1:{self.isql_port}", "dba", password or self.password,
                                 f"exec={sql}"], capture_output=True, text=True, timeout=60)
        if result.returncode != 0 or "*** Error" in result.stdout + result.stderr:
            raise RuntimeError(f"isql failed on {sql!r}: {result.stdout}{result.stderr}")
        return result.stdout

    def log_tail(self, lines: int = 20) -> str:
        texts = [super().log_tail(lines)]
        db_log = self.location / "virtuoso.log"
        if db_log.exists():
            texts.append("\n".join(db_log.read_text(errors="replace").splitlines()[-lines:]))
        return "\n".join(t for t in texts if t)

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.location, ignore_errors=True)
