"""End-to-end tests of the ``kg`` command line on the seed article.

They go through the real CLI (Typer's runner in-process, or a subprocess where a fresh process
matters) with the real extractor, mapping and Oxigraph store in temporary folders.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
import rdflib
from conftest import SEED, SEED_TITLE, BuiltStore, Kg

from kg.models import Document, Facts

SELECT_TYPES = """
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT ?type (COUNT(DISTINCT ?s) AS ?n)
WHERE { ?s rdf:type ?type }
GROUP BY ?type
ORDER BY ?type
"""
ERROR_LINE = re.compile(r"^error: \S.*$")


def copy_seed(dest: Path) -> Path:
    """Copy the seed with its sidecar metadata into ``dest``; returns the article's path."""
    dest.mkdir(parents=True, exist_ok=True)
    for source in SEED.parent.glob(SEED.name + "*"):
        shutil.copy2(source, dest / source.name)
    return dest / SEED.name


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error:")]


def stats_numbers(kg: Kg) -> dict[str, int]:
    """The overview row of ``kg stats``: triples, documents, entities, events."""
    result = kg("stats")
    assert result.exit_code == 0, result.output
    rows = [[c.strip() for c in line.strip("│┃ ").split("│" if "│" in line else "┃")]
            for line in result.stdout.splitlines() if "│" in line or "┃" in line]
    header, values = rows[0], rows[1]
    return {name: int(value) for name, value in zip(header, values)}


def triple_count(kg: Kg) -> int:
    result = kg("query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--format", "csv")
    assert result.exit_code == 0, result.output
    return int(list(csv.DictReader(io.StringIO(result.stdout)))[0]["n"])


def count_for_graph(kg: Kg, doc_id: str) -> int:
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <https://w3id.org/conflict-kg/id/graph/{doc_id}> {{ ?s ?p ?o }} }}"
    result = kg("query", query, "--format", "csv")
    assert result.exit_code == 0, result.output
    return int(list(csv.DictReader(io.StringIO(result.stdout)))[0]["n"])


# ----------------------------------------------------------------------------- build and inspect

def test_build_prints_a_summary(built_store: BuiltStore) -> None:
    out = built_store.build.stdout
    for column in ("documents", "failed", "entities", "events", "triples", "time"):
        assert column in out
    assert not error_lines(built_store.build.stderr)


def test_docs_lists_the_seed_with_its_title(kg: Kg, built_store: BuiltStore) -> None:
    result = kg("docs")
    assert result.exit_code == 0, result.output
    assert SEED_TITLE in result.stdout
    assert built_store.doc_id in result.stdout
    assert "The Christian Science Monitor" in result.stdout
    assert "2016-07-11" in result.stdout


def test_stats_counts_entities_and_events(kg: Kg) -> None:
    numbers = stats_numbers(kg)
    assert numbers["documents"] == 1
    assert numbers["triples"] > 0
    assert numbers["entities"] > 0
    assert numbers["events"] > 0
    out = kg("stats").stdout
    for name in ("Deployment", "Person", "State", "Place"):  # facts types Country/Location map to State/Place
        assert re.search(rf"│ {name} +│ +[1-9]", out), (name, out)


# ----------------------------------------------------------------------------- query

def test_query_csv_round_trips(kg: Kg) -> None:
    result = kg("query", SELECT_TYPES, "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and set(rows[0]) == {"type", "n"}
    types = {r["type"]: int(r["n"]) for r in rows}
    assert types["https://w3id.org/conflict-kg/ontology#Deployment"] >= 1


def test_query_json_is_sparql_results_json(kg: Kg) -> None:
    result = kg("query", SELECT_TYPES, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["head"]["vars"] == ["type", "n"]
    bindings = data["results"]["bindings"]
    assert bindings and all(b["type"]["type"] == "uri" for b in bindings)
    assert all(int(b["n"]["value"]) > 0 for b in bindings)


def test_query_tsv_markdown_and_table(kg: Kg) -> None:
    tsv = kg("query", SELECT_TYPES, "--format", "tsv")
    assert tsv.exit_code == 0, tsv.output
    tsv_lines = tsv.stdout.splitlines()
    assert tsv_lines[0] == "?type\t?n"
    assert any(line.startswith("<https://w3id.org/conflict-kg/ontology#Deployment>\t") for line in tsv_lines)

    md = kg("query", SELECT_TYPES, "--format", "markdown")
    assert md.exit_code == 0, md.output
    assert md.stdout.splitlines()[:2] == ["| type | n |", "|---|---|"]
    assert "| ckg:Deployment |" in md.stdout

    table = kg("query", SELECT_TYPES)  # table is the default
    assert table.exit_code == 0, table.output
    assert "ckg:Deployment" in table.stdout and "rows" in table.stdout


def test_query_ask_and_construct(kg: Kg, tmp_path: Path) -> None:
    ask = kg("query", "ASK { ?s a ckg:Deployment }", "--format", "json")
    assert ask.exit_code == 0, ask.output
    assert json.loads(ask.stdout)["boolean"] is True

    construct = "CONSTRUCT { ?e a ckg:Deployment } WHERE { ?e a ckg:Deployment }"
    turtle = kg("query", construct)
    assert turtle.exit_code == 0, turtle.output
    graph = rdflib.Graph().parse(data=turtle.stdout, format="turtle")
    assert len(graph) >= 1
    nt = kg("query", construct, "--format", "ntriples")
    assert nt.exit_code == 0, nt.output
    assert len(rdflib.Graph().parse(data=nt.stdout, format="nt")) == len(graph)

    rq = tmp_path / "deployments.rq"
    rq.write_text("SELECT ?e WHERE { ?e a ckg:Deployment }\n", encoding="utf-8")
    from_file = kg("query", str(rq), "--format", "csv")
    assert from_file.exit_code == 0, from_file.output
    assert len(list(csv.DictReader(io.StringIO(from_file.stdout)))) == len(graph)


def test_canned_deployments_finds_560_troops(kg: Kg) -> None:
    result = kg("query", "deployments", "--format", "json")
    assert result.exit_code == 0, result.output
    troops = [b["troops"]["value"] for b in json.loads(result.stdout)["results"]["bindings"] if "troops" in b]
    assert any(float(v) == 560 for v in troops), troops


def test_queries_lists_the_canned_queries(kg: Kg) -> None:
    result = kg("queries")
    assert result.exit_code == 0, result.output
    assert "deployments" in result.stdout


def test_invalid_sparql_is_one_line_and_exit_2(kg: Kg) -> None:
    result = kg("query", "SELECT ?s\nWHERE {\n  ?s ?p ?o\n  FILTER(?s = )\n}")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert re.fullmatch(r"error: SPARQL syntax error at line 4, column \d+: .+", result.stderr.strip())


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["query", "no-such-query"], "no canned query named 'no-such-query'"),
        (["query", "missing.rq"], "no such query file: missing.rq"),
        (["query", "deployments", "--param", "novalue"], "bad --param 'novalue'"),
        (["query", "deployments", "--param", "bogus=1"], "has no parameter 'bogus'"),
        (["query", "SELECT * WHERE { ?s ?p ?o }", "--format", "pdf"], "unknown --format 'pdf'"),
        (["query", "INSERT DATA { <urn:a> <urn:b> <urn:c> }"], "not allowed"),
        (["export", "--format", "pdf"], "unknown --format 'pdf'"),
        (["export", "--format", "nquads", "--include-ontology"], "--include-ontology works with"),
        (["remove", "no-such-doc"], "no document 'no-such-doc'"),
    ],
)
def test_anticipated_errors_are_one_line(kg: Kg, args: list[str], needle: str) -> None:
    result = kg(*args)
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and ERROR_LINE.match(lines[0]), result.stderr
    assert needle in lines[0]


def test_reading_a_missing_store_is_an_error(kg_empty: Kg) -> None:
    for args in (["docs"], ["stats"], ["query", "ASK {}"], ["export"], ["remove", "x"]):
        result = kg_empty(*args)
        assert result.exit_code == 1, result.output
        assert error_lines(result.stderr) and "no store at" in result.stderr
    assert not kg_empty.store.exists()  # reading never creates a store


def test_unexpected_errors_show_a_traceback_only_with_kg_debug(kg: Kg, monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.store.core import KGStore

    def broken(self: KGStore) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(KGStore, "stats", broken)
    quiet = kg("stats")
    assert quiet.exit_code == 1
    assert quiet.stderr.strip() == "error: unexpected RuntimeError: disk on fire (set KG_DEBUG=1 for a traceback)"
    loud = kg("stats", env={"KG_DEBUG": "1"})
    assert isinstance(loud.exception, RuntimeError)


# ----------------------------------------------------------------------------- export

@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib's own quad parsers
@pytest.mark.parametrize(
    ("fmt", "rdflib_format", "quads"),
    [
        ("turtle", "turtle", False),
        ("ntriples", "nt", False),
        ("xml", "xml", False),
        ("nquads", "nquads", True),
        ("trig", "trig", True),
        ("jsonld", "json-ld", True),
    ],
)
def test_export_reparses(kg: Kg, built_store: BuiltStore, fmt: str, rdflib_format: str, quads: bool) -> None:
    result = kg("export", "--format", fmt)
    assert result.exit_code == 0, result.output
    if quads:
        dataset = rdflib.Dataset()
        dataset.parse(data=result.stdout, format=rdflib_format)
        graph_iri = rdflib.URIRef(f"https://w3id.org/conflict-kg/id/graph/{built_store.doc_id}")
        assert len(dataset.graph(graph_iri)) == count_for_graph(kg, built_store.doc_id)
    else:
        graph = rdflib.Graph().parse(data=result.stdout, format=rdflib_format)
        assert len(graph) == triple_count(kg)


def test_export_to_file_with_ontology(kg: Kg, tmp_path: Path) -> None:
    plain, merged = tmp_path / "kg.ttl", tmp_path / "kg+ontology.ttl"
    assert kg("export", "-o", str(plain)).exit_code == 0
    result = kg("export", "--include-ontology", "-o", str(merged))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    data = rdflib.Graph().parse(plain, format="turtle")
    both = rdflib.Graph().parse(merged, format="turtle")
    ontology = rdflib.Graph().parse(Path(__file__).resolve().parents[1] / "ontology" / "conflict.ttl")
    assert len(both) > len(data)
    def classes(g: rdflib.Graph) -> set[rdflib.URIRef]:
        return {c for c in g.subjects(rdflib.RDF.type, rdflib.OWL.Class) if isinstance(c, rdflib.URIRef)}

    assert classes(ontology) and classes(both) == classes(ontology)


# ----------------------------------------------------------------------------- changing the store

def test_building_twice_adds_no_duplicates(kg_copy: Kg, built_store: BuiltStore) -> None:
    before = triple_count(kg_copy)
    result = kg_copy("build", str(SEED))
    assert result.exit_code == 0, result.output
    assert triple_count(kg_copy) == before
    assert stats_numbers(kg_copy)["documents"] == 1


def test_remove_removes_the_document(kg_copy: Kg, built_store: BuiltStore) -> None:
    result = kg_copy("remove", built_store.doc_id)
    assert result.exit_code == 0, result.output
    docs = kg_copy("docs")
    assert SEED_TITLE not in docs.stdout
    assert triple_count(kg_copy) == 0
    again = kg_copy("remove", built_store.doc_id)
    assert again.exit_code == 1
    assert error_lines(again.stderr) == [f"error: no document '{built_store.doc_id}' in the store at "
                                         f"{kg_copy.store} (see `kg docs`)"]


def test_a_failed_rebuild_leaves_the_previous_graph(kg_copy: Kg, built_store: BuiltStore,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The mapping fails, then the store write fails: either way the old graph stays whole."""
    import kg.graph.mapping

    before = count_for_graph(kg_copy, built_store.doc_id)
    real = kg.graph.mapping.facts_to_triples

    def boom(*args: object, **kwargs: object) -> object:
        raise RuntimeError("mapping exploded")

    monkeypatch.setattr(kg.graph.mapping, "facts_to_triples", boom)
    result = kg_copy("build", str(SEED))
    assert result.exit_code == 1
    assert error_lines(result.stderr) == [f"error: {SEED}: RuntimeError: mapping exploded"]
    assert count_for_graph(kg_copy, built_store.doc_id) == before

    def half_bad(*args: object, **kwargs: object) -> tuple[rdflib.URIRef, list]:
        iri, triples = real(*args, **kwargs)  # type: ignore[arg-type]
        triples.add((rdflib.URIRef("urn:x"), rdflib.Literal("not a predicate"), rdflib.URIRef("urn:y")))
        return iri, triples

    monkeypatch.setattr(kg.graph.mapping, "facts_to_triples", half_bad)
    result = kg_copy("build", str(SEED))
    assert result.exit_code == 1
    assert len(error_lines(result.stderr)) == 1 and str(SEED) in result.stderr
    assert count_for_graph(kg_copy, built_store.doc_id) == before
    assert SEED_TITLE in kg_copy("docs").stdout


def test_batch_with_bad_files_stores_the_good_one(kg_empty: Kg, tmp_path: Path) -> None:
    batch = tmp_path / "batch"
    good = copy_seed(batch)
    empty = batch / "empty.txt"
    empty.write_text("", encoding="utf-8")
    binary = batch / "binary.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    missing = tmp_path / "missing.txt"

    result = kg_empty("build", str(batch), str(missing))
    assert result.exit_code == 1
    errors = error_lines(result.stderr)
    assert len(errors) == 3, result.stderr
    for path in (empty, binary, missing):
        assert sum(str(path) in line for line in errors) == 1, (path, errors)
    assert not any(str(good) in line for line in errors)
    docs = kg_empty("docs")
    assert docs.exit_code == 0 and SEED_TITLE in docs.stdout


def test_extract_writes_facts_files(kg_empty: Kg, tmp_path: Path, built_store: BuiltStore) -> None:
    from kg.extract import facts

    out = tmp_path / "facts"
    result = kg_empty("extract", str(SEED), "-o", str(out))
    assert result.exit_code == 0, result.output
    written = out / f"{built_store.doc_id}.facts.json"
    assert result.stdout.strip() == str(written)
    loaded = facts.read(written)
    assert loaded.document.title == SEED_TITLE
    assert loaded.entities and loaded.events
    assert not kg_empty.store.exists()  # extract never touches the store

    bad = tmp_path / "empty.txt"
    bad.write_text("   \n", encoding="utf-8")
    failed = kg_empty("extract", str(bad), "-o", str(out))
    assert failed.exit_code == 1
    assert len(error_lines(failed.stderr)) == 1 and str(bad) in failed.stderr


# ----------------------------------------------------------------------------- separate processes

def _kg_process(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).with_name("kg")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "kg"]
    return subprocess.run([*command, *args], capture_output=True, text=True, env=env, timeout=120, check=False)


def test_store_persists_for_a_fresh_process(built_store: BuiltStore, clean_env: dict[str, str]) -> None:
    env = {**clean_env, "KG_STORE": str(built_store.path)}
    docs = _kg_process("docs", env=env)
    assert docs.returncode == 0, docs.stderr
    assert SEED_TITLE in docs.stdout

    module = subprocess.run([sys.executable, "-m", "kg", "--store", str(built_store.path), "query",
                             "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--format", "csv"],
                            capture_output=True, text=True, env=clean_env, timeout=120, check=False)
    assert module.returncode == 0, module.stderr
    assert int(module.stdout.splitlines()[1]) > 0


def test_invalid_sparql_in_a_real_process_has_no_traceback(built_store: BuiltStore,
                                                          clean_env: dict[str, str]) -> None:
    result = _kg_process("--store", str(built_store.path), "query", "SELECT WHERE {", env=clean_env)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert re.fullmatch(r"error: SPARQL syntax error at line 1, column \d+: .+\n", result.stderr)


# ----------------------------------------------------------------------------- pipeline

class _FlakyExtractor:
    """Stands in for the extractor: fails on documents that say BAD, in both code paths."""

    def extract(self, doc: Document) -> Facts:
        if "BAD" in doc.text:
            raise RuntimeError("cannot parse this one")
        return Facts(document=doc.meta, extractor="test", text=doc.text)

    def extract_many(self, docs: Iterable[Document], *, n_process: int = 1) -> Iterator[Facts]:
        for doc in docs:
            yield self.extract(doc)


@pytest.mark.parametrize("jobs", [1, 2])
def test_pipeline_isolates_a_failing_document(tmp_path: Path, jobs: int) -> None:
    """One document breaking extraction (even inside a batch) fails alone; the others land."""
    from kg.pipeline import build
    from kg.store.core import KGStore

    texts = {"a.txt": "Alpha headline\n\nFirst text.", "b.txt": "Beta headline\n\nBAD text.",
             "c.txt": "Gamma headline\n\nThird text."}
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    calls: list[tuple[int, int, str | None]] = []
    with KGStore.open(None) as store:
        report = build([tmp_path], store, extractor=_FlakyExtractor(), jobs=jobs,
                       progress=lambda done, total, path: calls.append((done, total, path and path.name)))
        titles = {d.title for d in store.documents()}
    assert report.documents == 2 and report.triples > 0
    assert [(f.path.name, f.stage, f.message) for f in report.failed] == [
        ("b.txt", "extract", "RuntimeError: cannot parse this one")]
    assert titles == {"Alpha headline", "Gamma headline"}
    assert calls == [(0, 3, None), (1, 3, "a.txt"), (2, 3, "b.txt"), (3, 3, "c.txt")]


def test_two_jobs_build_the_same_graphs_as_one(extractor: object, tmp_path: Path) -> None:
    """Worker processes (real extractor) give the same quads, in the same order of documents."""
    from datetime import datetime, timezone

    from kg.pipeline import build
    from kg.store.core import KGStore

    corpus = Path(__file__).parent / "data" / "corpus"
    paths = [SEED, *sorted(corpus.glob("dev0[1-5]*.txt"))]
    when = datetime(2024, 1, 1, tzinfo=timezone.utc)
    exports, reports = [], []
    for jobs in (1, 2):
        calls: list[int] = []
        with KGStore.open(None) as store:
            report = build(paths, store, extractor=extractor, jobs=jobs, generated_at=when,  # type: ignore[arg-type]
                           progress=lambda done, total, path: calls.append(done))
            out = io.BytesIO()
            store.export("nquads", out)
        assert report.ok and report.documents == len(paths), report.failed
        assert calls == list(range(len(paths) + 1))
        exports.append(sorted(out.getvalue().decode("utf-8").splitlines()))
        reports.append((report.doc_ids, report.entities, report.events, report.triples))
    assert reports[0] == reports[1]
    assert exports[0] == exports[1]


def test_build_with_jobs_2_on_the_command_line(kg_empty: Kg, tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    copy_seed(folder)
    for source in sorted((Path(__file__).parent / "data" / "corpus").glob("dev0[6-9]*")):
        shutil.copy2(source, folder / source.name)
    result = kg_empty("build", "--jobs", "2", str(folder))
    assert result.exit_code == 0, result.output
    assert not result.stderr.strip(), result.stderr
    assert stats_numbers(kg_empty)["documents"] == 5
