"""Benchmark: ``kg build`` end to end against spaCy's own ``nlp.pipe`` on the same text, in one run.

The corpus is the 24 reports of tests/data/corpus and the seed (each with its metadata sidecar),
copied to ``--docs`` files in a temporary folder; every copy gets its own title (so its own
document id and named graph) and keeps its original publication date. Measured, one after the
other in this process:

* raw spaCy: ``nlp.pipe`` over the same document texts split into paragraphs the way the
  extractor splits them, the same model as shipped (``spacy.load``; conflict-kg's
  ``load_model`` adds a tokenizer rule and a component, and runs the attribute ruler as
  lookups), 1 process (the baseline) and ``n_process=2`` (the baseline for two processes);
* extraction alone: ``Extractor.extract_many`` (spaCy + the rule stages, no store), 1 process;
* ``kg build``: ``kg.pipeline.build`` (read, extract, map, fuse (on by default since issue 11;
  ``--no-fuse`` to leave it out), store) into a fresh on-disk store, once per ``--jobs``
  value. ``--jobs N`` extracts in N worker processes (one for ``--jobs 1`` from 64
  documents on a machine with two cores or more) while the main process maps, fuses and
  stores.

Words are whitespace-separated tokens of the document texts. Besides wall-clock seconds, each
run's CPU seconds (this process and the worker processes it waited for, user + system) are
reported, and the ratio of raw spaCy's CPU (one process) to the run's: on a shared machine the
wall-clock ratios move with the other load, the CPU ratios much less (docs/build-speed.md).
Not part of the test suite.

    python benchmarks/bench_build.py [--docs 1000] [--jobs 1 2] [--repeat 1]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import spacy
import yaml
from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.extract import Extractor  # noqa: E402
from kg.extract.nlp import MODEL, paragraphs  # noqa: E402
from kg.models import Document  # noqa: E402
from kg.pipeline import build  # noqa: E402
from kg.read.reader import discover, read_all  # noqa: E402
from kg.store.core import KGStore  # noqa: E402

SOURCES = (ROOT / "tests" / "data" / "corpus", ROOT / "seeds")


@dataclass
class Run:
    name: str
    seconds: float
    processes: int
    kind: str  # spacy | extract | build
    note: str = ""
    cpu: float = 0.0  # CPU seconds of this process and its finished children


def make_corpus(folder: Path, n: int) -> int:
    """Write ``n`` article files (with .meta.yaml sidecars) into ``folder``; returns the base size."""
    originals = [p for p in discover(list(SOURCES)) if p.suffix == ".txt"]
    if not originals:
        sys.exit("no articles found in tests/data/corpus or seeds/")
    for i in range(n):
        source = originals[i % len(originals)]
        side = source.with_name(source.name + ".meta.yaml")
        meta = yaml.safe_load(side.read_text(encoding="utf-8")) if side.is_file() else {}
        meta = dict(meta or {})
        # The number goes first: ids are a slug of the title cut to ~60 characters.
        meta["title"] = f"{i + 1}: {meta.get('title') or source.stem}"
        target = folder / f"{i:05d}-{source.name}"
        shutil.copyfile(source, target)
        (folder / (target.name + ".meta.yaml")).write_text(
            yaml.safe_dump(meta, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return len(originals)


def documents(folder: Path) -> list[Document]:
    """The documents exactly as ``kg build`` reads them."""
    docs = []
    for result in read_all(discover([folder])):
        if result.document is None:
            sys.exit(f"cannot read {result.path}: {result.error}")
        docs.append(result.document)
    if len({d.meta.id for d in docs}) != len(docs):
        sys.exit("the copies do not all have their own document id")
    return docs


def _cpu() -> float:
    """CPU seconds (user + system) of this process and of the children it has waited for."""
    return sum(r.ru_utime + r.ru_stime for r in (resource.getrusage(resource.RUSAGE_SELF),
                                                  resource.getrusage(resource.RUSAGE_CHILDREN)))


def best_of(repeat: int, fn: Callable[[], object]) -> tuple[float, float]:
    """The fastest of ``repeat`` runs: (wall seconds, CPU seconds)."""
    times = []
    for _ in range(repeat):
        start, cpu = time.perf_counter(), _cpu()
        fn()
        times.append((time.perf_counter() - start, _cpu() - cpu))
    return min(times)


def build_once(src: Path, work: Path, extractor: Extractor, jobs: int, expected: int, fuse: bool = True) -> None:
    store_dir = Path(tempfile.mkdtemp(prefix="store-", dir=work))
    try:
        with KGStore.open(store_dir) as store:
            report = build([src], store, extractor=extractor, jobs=jobs, fuse=fuse)
        if report.documents != expected or report.failed:
            sys.exit(f"kg build --jobs {jobs}: {report.documents} of {expected} documents stored, "
                     f"failures: {report.failed[:3]}")
    finally:
        shutil.rmtree(store_dir, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=1000, help="documents in the corpus (default 1000)")
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="kg build --jobs values")
    ap.add_argument("--repeat", type=int, default=1, help="time each run N times, keep the fastest")
    ap.add_argument("--no-extract", action="store_true", help="skip the extraction-only run")
    ap.add_argument("--no-fuse", action="store_true", help="kg build --no-fuse (no incidents)")
    args = ap.parse_args()
    console = Console(stderr=True)

    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        work = Path(tmp)
        src = work / "corpus"
        src.mkdir()
        base = make_corpus(src, args.docs)
        docs = documents(src)
        n_words = sum(len(d.text.split()) for d in docs)
        texts = [p for d in docs for _, p in paragraphs(d.text)]
        console.print(f"{len(docs)} documents ({base} distinct reports), {n_words:,} words, "
                      f"{len(texts):,} paragraphs; {os.cpu_count()} CPUs; load average {_load()}")

        runs: list[Run] = []

        def measure(name: str, kind: str, processes: int, fn: Callable[[], object]) -> None:
            console.print(f"  {name} ...", end="")
            seconds, cpu = best_of(args.repeat, fn)
            console.print(f" {seconds:.1f} s ({cpu:.1f} s CPU; load average {_load()})")
            runs.append(Run(name, seconds, processes, kind, cpu=cpu))

        nlp = spacy.load(MODEL)  # the model as shipped: no component of conflict-kg's
        list(nlp.pipe(texts[:200]))  # warm up (lazy initialisation, caches)
        measure("raw spaCy nlp.pipe, 1 process", "spacy", 1, lambda: list(nlp.pipe(texts)))
        if any(j > 1 for j in args.jobs):
            top = max(args.jobs)
            measure(f"raw spaCy nlp.pipe, n_process={top}", "spacy", top,
                    lambda: list(nlp.pipe(texts, n_process=top)))
        del nlp

        extractor = Extractor()
        list(extractor.extract_many(docs[:20]))  # warm up
        if not args.no_extract:
            measure("extraction only (Extractor.extract_many), 1 process", "extract", 1,
                    lambda: list(extractor.extract_many(docs)))
        for jobs in args.jobs:
            stages = "map, store" if args.no_fuse else "map, fuse, store"
            measure(f"kg build --jobs {jobs} (read, extract, {stages}, on-disk store)", "build", jobs,
                    lambda jobs=jobs: build_once(src, work, extractor, jobs, len(docs), not args.no_fuse))

    console.print(f"load average at the end: {_load()}")
    print_table(runs, len(docs), n_words)


def _load() -> str:
    """The 1, 5 and 15 minute load averages: how busy the machine was (docs/build-speed.md)."""
    try:
        return " / ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:  # pragma: no cover - not on every platform
        return "unknown"


def print_table(runs: list[Run], n_docs: int, n_words: int) -> None:
    spacy = {r.processes: r.seconds for r in runs if r.kind == "spacy"}
    builds = {r.processes: r.seconds for r in runs if r.kind == "build"}
    base = spacy[1]
    base_cpu = next(r.cpu for r in runs if r.kind == "spacy" and r.processes == 1)
    table = Table(title=f"kg build vs raw spaCy: {n_docs:,} documents, {n_words:,} words")
    for col in ("run", "seconds", "words/s", "ratio to raw spaCy (1 process)",
                "ratio to raw spaCy (same processes)", "CPU s", "CPU ms/doc",
                "raw spaCy CPU / run CPU"):
        table.add_column(col, justify="left" if col == "run" else "right")
    for r in runs:
        same = spacy.get(r.processes)
        table.add_row(r.name, f"{r.seconds:.1f}", f"{n_words / r.seconds:,.0f}",
                      f"{base / r.seconds:.2f}x",
                      f"{same / r.seconds:.2f}x" if same is not None else "",
                      f"{r.cpu:.1f}", f"{1000 * r.cpu / n_docs:.0f}",
                      f"{base_cpu / r.cpu:.2f}x" if r.cpu else "")
    out = Console(width=None if sys.stdout.isatty() else 230)  # no wrapping when piped to a file
    out.print(table)
    if 1 in builds:
        for jobs, seconds in sorted(builds.items()):
            if jobs > 1:
                out.print(f"kg build scaling 1 -> {jobs} processes: {builds[1] / seconds:.2f}x")
    for procs, seconds in sorted(spacy.items()):
        if procs > 1:
            out.print(f"raw spaCy scaling 1 -> {procs} processes: {spacy[1] / seconds:.2f}x")


if __name__ == "__main__":
    main()
