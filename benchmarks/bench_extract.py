"""Benchmark: conflict-kg extraction and build against raw spaCy on the same text, in one run.

The corpus is the seed plus the reports in tests/data (all written for the project), repeated to
``--docs`` documents with a counter in the title so every document gets its own id. Reported:
words/second of (a) spaCy's own ``nlp.pipe`` with the same model, (b) ``Extractor.extract_many``
(spaCy + all rule stages), (c) the whole ``kg build`` pipeline into an on-disk store, each as a
ratio to (a); and (b) with 1 and 2 processes. Not part of the test suite.

    python benchmarks/bench_extract.py [--docs 200] [--jobs 1 2]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.extract import Extractor  # noqa: E402
from kg.extract.nlp import paragraphs  # noqa: E402
from kg.models import Document  # noqa: E402
from kg.read import discover, read_file, read_text  # noqa: E402


def corpus(n: int) -> list[Document]:
    paths = [p for p in discover([ROOT / "seeds", ROOT / "tests" / "data"]) if p.suffix in (".txt", ".md", ".html")]
    base = []
    for p in paths:
        try:
            base.append(read_file(p))
        except Exception:  # noqa: BLE001 - deliberately bad test inputs are skipped
            continue
    docs = []
    for i in range(n):
        d = base[i % len(base)]
        docs.append(read_text(d.text, meta={"title": f"{d.meta.title or 'doc'} #{i}",
                                             "published": d.meta.published or "2024-01-01"}))
    return docs


def words(docs: list[Document]) -> int:
    return sum(len(d.text.split()) for d in docs)


def timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    args = ap.parse_args()
    docs = corpus(args.docs)
    n_words = words(docs)
    extractor = Extractor()
    nlp = extractor.nlp
    texts = [p for d in docs for _, p in paragraphs(d.text)]
    list(nlp.pipe(texts[:20]))  # warm up

    rows: list[tuple[str, float]] = []
    base = timed(lambda: list(nlp.pipe(texts)))
    rows.append(("raw spaCy nlp.pipe (1 process)", base))
    for jobs in args.jobs:
        rows.append((f"Extractor.extract_many ({jobs} process{'es' if jobs > 1 else ''})",
                     timed(lambda: list(extractor.extract_many(docs, n_process=jobs)))))
    from kg.pipeline import build
    from kg.store import KGStore

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "src"
        src.mkdir()
        for i, d in enumerate(docs):
            (src / f"{i:05d}.txt").write_text(d.text, encoding="utf-8")
            (src / f"{i:05d}.txt.meta.yaml").write_text(
                f"title: {d.meta.title!r}\npublished: {d.meta.published}\n", encoding="utf-8")
        with KGStore.open(Path(tmp) / "store") as store:
            rows.append(("kg build into an on-disk store (read+extract+map+store)",
                         timed(lambda: build([src], store, extractor=extractor))))

    table = Table(title=f"{len(docs)} documents, {n_words:,} words")
    for col in ("run", "seconds", "words/s", "ratio to raw spaCy"):
        table.add_column(col)
    for name, secs in rows:
        table.add_row(name, f"{secs:.1f}", f"{n_words / secs:,.0f}", f"{base / secs:.2f}x")
    Console().print(table)


if __name__ == "__main__":
    main()
