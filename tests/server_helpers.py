"""Helpers for the kg serve tests: a real ``kg serve`` in a subprocess, and hostile facts.

``KgServe`` starts ``python -m kg --store DIR serve --port P`` on 127.0.0.1 and a free port,
waits until it answers, and stops it by its pid. ``hostile_facts`` is a small fictional report
whose names are HTML, to check that every page shows them as text.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from kg.models import (
    DateValue,
    DocumentMeta,
    Entity,
    Event,
    Evidence,
    Facts,
    Mention,
    Quantity,
)

REPO = Path(__file__).resolve().parents[1]
SCRIPT_NAME = "<script>alert(1)</script>"
IMG_NAME = "<img src=x onerror=alert(1)>"

#: A canned query with a parameter, for the API and browser tests (the shipped queries change).
EVENTS_OF_TYPE_RQ = """# title: Events of one type
# description: Events of the given type, their place and evidence sentence.
# param: typeName: string = "Capture" -- Attack, Capture, Deployment, Meeting, Statement or Visit
# param: minYear: integer = "" -- only events dated in this year or later
PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?event ?place (MIN(?name) AS ?placeLabel) ?date ?evidence WHERE {
  ?event a ?type ; ckg:evidence ?ev .
  ?ev ckg:text ?evidence .
  FILTER(STRAFTER(STR(?type), "#") = ?typeName)
  OPTIONAL { ?event ckg:place|ckg:location|ckg:destination ?place .
             OPTIONAL { ?place rdfs:label ?name } }
  OPTIONAL { ?event ckg:date ?date }
  FILTER(!BOUND(?minYear) || (BOUND(?date) && YEAR(?date) >= ?minYear))
}
GROUP BY ?event ?place ?date ?evidence
ORDER BY ?date ?event
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def child_pids(pid: int) -> set[int]:
    """Processes whose parent is ``pid`` (Linux /proc)."""
    out = set()
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.add(int(entry))
    return out


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    def json(self) -> object:
        return json.loads(self.body)


@dataclass
class KgServe:
    """A running ``kg serve``; ``base`` is http://127.0.0.1:PORT."""

    store: Path
    args: list[str] = field(default_factory=list)
    env: Optional[dict[str, str]] = None
    port: int = 0
    proc: Optional[subprocess.Popen] = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, wait_s: float = 30.0) -> "KgServe":
        self.port = self.port or free_port()
        env = dict(self.env or os.environ)
        env.pop("KG_STORE", None)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "kg", "--store", str(self.store), "serve", "--port",
             str(self.port), *self.args],
            cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        deadline = time.monotonic() + wait_s
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"kg serve exited: {self.proc.stderr.read().decode()}")
            try:
                if self.get("/sparql?query=ASK%7B%7D").status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError("kg serve did not answer in time")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.proc is not None:
            for stream in (self.proc.stdout, self.proc.stderr):
                if stream is not None:
                    stream.close()

    def __enter__(self) -> "KgServe":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def request(self, method: str, path: str, body: Optional[bytes] = None,
                headers: Optional[dict[str, str]] = None, timeout: float = 30) -> Response:
        req = urllib.request.Request(self.base + path, data=body, method=method,
                                     headers=headers or {})
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                return Response(r.status, {k.lower(): v for k, v in r.headers.items()}, r.read())
        except urllib.error.HTTPError as e:
            return Response(e.code, {k.lower(): v for k, v in e.headers.items()}, e.read())

    def get(self, path: str, accept: Optional[str] = None, timeout: float = 30) -> Response:
        return self.request("GET", path, headers={"Accept": accept} if accept else {},
                            timeout=timeout)

    def query(self, sparql: str, accept: str = "application/sparql-results+json",
              timeout: float = 30) -> Response:
        body = urllib.parse.urlencode({"query": sparql}).encode()
        return self.request("POST", "/sparql", body, {
            "Content-Type": "application/x-www-form-urlencoded", "Accept": accept}, timeout)


def hostile_facts() -> Facts:
    """A fictional one-paragraph report whose actor and place names are HTML markup."""
    s1 = f"Fighters loyal to {SCRIPT_NAME} attacked the village of {IMG_NAME} on Tuesday, killing four guards."
    s2 = f"Officials said {SCRIPT_NAME} had threatened the village before."
    text = f"Raid on a village\n\n{s1} {s2}"
    p1 = text.index(s1)
    p2 = text.index(s2)

    def span(sentence_start: int, sentence: str, needle: str, nth: int = 0) -> tuple[int, int]:
        i = -1
        for _ in range(nth + 1):
            i = sentence.index(needle, i + 1)
        return sentence_start + i, sentence_start + i + len(needle)

    a1 = span(p1, s1, SCRIPT_NAME)
    a2 = span(p2, s2, SCRIPT_NAME)
    place = span(p1, s1, IMG_NAME)
    trig = span(p1, s1, "attacked")
    meta = DocumentMeta(id="raid-on-a-village-0000000001", title=f"Raid on {IMG_NAME}",
                        publisher="Fictional Wire", published="2024-05-07", sha256="0" * 64)
    actor = Entity(id="E1", type="ArmedGroup", name=SCRIPT_NAME,
                   mentions=[Mention(a1[0], a1[1], SCRIPT_NAME, 1), Mention(a2[0], a2[1], SCRIPT_NAME, 2)])
    village = Entity(id="E2", type="Location", name=IMG_NAME,
                     mentions=[Mention(place[0], place[1], IMG_NAME, 1)])
    attack = Event(id="V1", type="Attack", trigger=Mention(trig[0], trig[1], "attacked", 1),
                   evidence=Evidence(1, p1, p1 + len(s1), s1),
                   roles={"perpetrator": ["E1"], "location": ["E2"]},
                   quantities={"fatalities": Quantity(4, "exact", "four")},
                   date=DateValue("2024-05-07", "day", "on Tuesday"), confidence=0.8)
    return Facts(document=meta, entities=[actor, village], events=[attack],
                 extractor="test-hostile/1", text=text)


def load_hostile(store_path: Path) -> str:
    """Add the hostile report's graph to the store (opened read-write briefly); its doc id."""
    from kg.graph.mapping import facts_to_graph
    from kg.store.core import KGStore

    facts = hostile_facts()
    graph_iri, graph = facts_to_graph(facts)
    with KGStore.open(store_path) as store:
        store.replace_graph(graph_iri, graph)
    return facts.document.id
