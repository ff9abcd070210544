"""The ``kg`` commands under fault (issue 12, part 5): queries nested too deeply or too long,
parameters over their limit, oversized metadata, empty input and symlink loops. Each failure is
one ``error:`` (or ``warning:``) line naming its file once, and an exit code."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import REPO, SEED, Kg

from kg.query import canned
from kg.store.sparql import MAX_NESTING, QueryLimitError, check_query_limits


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error:")]


# --------------------------------------------------------------- nesting and length before parsing

def test_check_query_limits_counts_brackets_outside_strings_iris_and_comments() -> None:
    check_query_limits("ASK " + "{" * MAX_NESTING + "}" * MAX_NESTING)
    check_query_limits('ASK { FILTER(?x = "' + "{(" * 1000 + '") } # ' + "[" * 1000)
    check_query_limits("ASK { ?s <http://x/" + "(" * 500 + "> ?o }")
    for deep in ("ASK " + "{" * 65, "SELECT * WHERE { FILTER(" + "(" * 70 + "1" + ")" * 70 + ") }",
                 "ASK { ?s ?p " + "[ ?q " * 80 + "] " * 80 + "}"):
        try:
            check_query_limits(deep)
        except QueryLimitError as e:
            assert str(e).startswith(f"query nested too deeply (limit {MAX_NESTING})")
        else:
            raise AssertionError(f"not refused: {deep[:40]}")
    try:
        check_query_limits("ASK {}" + " " * 20, max_chars=10)
    except QueryLimitError as e:
        assert str(e) == "query too long: 26 characters (limit 10)"
    else:
        raise AssertionError("a long query was not refused")


def test_kg_query_nested_too_deeply_is_one_line_and_exit_2(built_store, clean_env) -> None:
    """4,000 nested braces made ``kg query`` die of a segmentation fault (exit 139)."""
    deep = "SELECT * WHERE " + "{" * 4000 + "}" * 4000
    r = subprocess.run([sys.executable, "-m", "kg", "--store", str(built_store.path), "query", deep],
                       cwd=REPO, env=clean_env, capture_output=True, text=True, timeout=120)
    assert r.returncode == 2, r.stderr
    assert r.stdout == ""
    assert r.stderr.strip().splitlines() == [
        "error: query nested too deeply (limit 64): more than 64 brackets ({, ( or [) open at "
        "line 1, column 80"]


def test_kg_query_too_long_is_exit_2(kg: Kg, tmp_path: Path) -> None:
    rq = tmp_path / "long.rq"
    rq.write_text("ASK {}\n#" + "x" * 1_000_001, encoding="utf-8")
    result = kg("query", str(rq))
    assert result.exit_code == 2
    assert error_lines(result.stderr) == ["error: query too long: 1,000,009 characters "
                                          "(limit 1,000,000)"]


def test_kg_query_parameter_over_its_limit_names_it_and_exit_2(kg: Kg, tmp_path: Path) -> None:
    folder = tmp_path / "queries"
    folder.mkdir()
    (folder / "labelled.rq").write_text(
        "# title: Labelled\n# param: name: string -- a label\n"
        "SELECT ?x WHERE { ?x rdfs:label ?name }\n", encoding="utf-8")
    result = kg("query", "labelled", "--queries-dir", str(folder), "-p", "name=" + "x" * 100_000)
    assert result.exit_code == 2
    assert error_lines(result.stderr) == [
        f"error: parameter 'name' of query 'labelled' is 100,000 characters long (limit "
        f"{canned.MAX_PARAM_CHARS:,})"]
    assert kg("query", "labelled", "--queries-dir", str(folder), "-p", "name=x").exit_code == 0


# ------------------------------------------------------------------------------ metadata limits

def _long_title_article(folder: Path) -> Path:
    folder.mkdir(exist_ok=True)
    title = " ".join(["Rebels attack the town of Kidal"] * 3300)  # 105,599 characters
    path = folder / "long.md"
    path.write_text(f"---\ntitle: {title}\npublisher: {'P' * 1000}\n---\n\nRebels attacked the "
                    "town of Kidal in Mali on Tuesday, killing four soldiers, officials said.\n",
                    encoding="utf-8")
    return path


def test_over_long_title_and_publisher_are_cut_with_a_warning(tmp_path: Path) -> None:
    from kg.read.reader import MAX_META_CHARS, read_all

    [result] = list(read_all([_long_title_article(tmp_path)]))
    meta = result.document.meta
    assert len(meta.title) <= MAX_META_CHARS and meta.title.endswith(" Rebels…")  # a whole word
    assert meta.publisher == "P" * (MAX_META_CHARS - 1) + "…"
    assert result.warnings[:2] == (
        f"title is 105,599 characters long, over the limit of {MAX_META_CHARS}: cut to "
        f"{len(meta.title)}",
        f"publisher is 1,000 characters long, over the limit of {MAX_META_CHARS}: cut to 300")


def test_kg_build_stores_no_label_over_300_characters(kg_empty: Kg, tmp_path: Path) -> None:
    path = _long_title_article(tmp_path / "in")
    result = kg_empty("build", str(path))
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert warnings[0].startswith(f"warning: {path}: title is 105,599 characters long")
    assert all(line.count(str(path)) == 1 for line in warnings)
    longest = kg_empty("query", "SELECT (MAX(STRLEN(?l)) AS ?n) WHERE { ?x rdfs:label|skos:altLabel"
                                "|dcterms:title|dcterms:publisher ?l }", "-f", "csv")
    assert longest.exit_code == 0 and int(longest.stdout.split()[-1]) <= 300


def test_the_mapping_cuts_labels_it_is_given(tmp_path: Path) -> None:
    """The last guard: facts from elsewhere (kg-facts JSON) with an over-long name."""
    from dataclasses import replace

    from rdflib import RDFS
    from server_helpers import hostile_facts

    from kg.graph.mapping import MAX_LABEL_CHARS, facts_to_graph

    facts = hostile_facts()
    long_name = "Very Long Name " * 100
    facts = replace(facts, entities=[replace(facts.entities[0], name=long_name,
                                             aliases=[long_name]), *facts.entities[1:]])
    _, graph = facts_to_graph(facts)
    labels = [str(o) for _, p, o in graph if p == RDFS.label]
    assert labels and max(len(label) for label in labels) <= MAX_LABEL_CHARS
    assert any(label.startswith("Very Long Name") and label.endswith("Name…") for label in labels)


# ---------------------------------------------------------------------------------- empty input

def test_an_empty_folder_is_a_warning_and_exit_1(kg_empty: Kg, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.pdf.bak").write_text("not an article")
    for args in (("build", str(empty)), ("extract", str(empty), "-o", str(tmp_path / "out"))):
        result = kg_empty(*args)
        assert result.exit_code == 1, result.output
        assert result.stderr.strip().splitlines()[-1] == (
            f"warning: no articles in {empty} (article files end in .txt, .md, .markdown, "
            ".html, .htm)")


def test_a_symlink_loop_is_named_as_such(kg_empty: Kg, tmp_path: Path) -> None:
    loop = tmp_path / "loop"
    loop.mkdir()
    (loop / "a").symlink_to("b")
    (loop / "b").symlink_to("a")
    result = kg_empty("build", str(loop))
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"error: {loop / 'a'}: symlink loop (the link leads back to itself)",
        f"error: {loop / 'b'}: symlink loop (the link leads back to itself)",
        f"warning: no articles in {loop} (none of its files could be read)"]
    result = kg_empty("build", str(loop / "a"))  # once "no such file or directory"
    assert result.exit_code == 1
    assert error_lines(result.stderr) == [
        f"error: {loop / 'a'}: symlink loop (the link leads back to itself)"]


def test_a_yaml_error_in_a_sidecar_names_each_file_once(kg_empty: Kg, tmp_path: Path) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    article = folder / "report.txt"
    article.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "report.txt.meta.yaml").write_text("title: ok\npublisher: [unclosed\n")
    result = kg_empty("build", str(article))
    assert result.exit_code == 1
    [line] = error_lines(result.stderr)
    assert line.startswith(f"error: {article}: report.txt.meta.yaml:3: malformed YAML in sidecar")
    assert line.count(str(folder)) == 1
