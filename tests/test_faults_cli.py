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
