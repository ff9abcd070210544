"""The ontology IRI resolves: documentation generated from the .ttl (kg.graph.ontodoc), served by a real
``kg serve`` with content negotiation and shown in headless Chromium, and written by ``make docs``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF, SKOS
from server_helpers import REPO, KgServe

from kg.graph import ontodoc
from kg.graph.vocab import CKG, EVT

ONTOLOGY_DIR = REPO / "ontology"
TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, OWL.NamedIndividual)


def _ckg_terms() -> set[URIRef]:
    g = Graph().parse(ONTOLOGY_DIR / "conflict.ttl")
    return {s for t in TERM_TYPES for s in g.subjects(RDF.type, t)
            if isinstance(s, URIRef) and str(s).startswith(str(CKG))}


@pytest.fixture(scope="module")
def docs(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("docs") / "ontology"
    ontodoc.write_docs(folder)
    return folder


def test_every_term_has_an_entry_with_its_label_and_comment(docs: Path) -> None:
    html = (docs / "index.html").read_text(encoding="utf-8")
    ids = set(re.findall(r'<article class="term" id="([^"]+)"', html))
    for term in _ckg_terms():
        assert str(term)[len(str(CKG)):] in ids, term
    assert {"evt-Attack", "evt-Capture", "shape-EventShape"} <= ids
    attack = html[html.index('id="Attack"'):]
    attack = attack[:attack.index("</article>")]
    assert "A use of violence against people" in attack
    for expected in ('href="#Event"', 'href="#perpetrator"', 'href="#Capture"', "cameo:", "plover:", "acled:"):
        assert expected in attack, expected


def test_properties_show_domain_range_and_characteristics(docs: Path) -> None:
    html = (docs / "index.html").read_text(encoding="utf-8")
    location = html[html.index('id="location"'):]
    location = location[:location.index("</article>")]
    # the union domain is spelled out, the range linked, the SEM super-property linked outward
    for expected in ('href="#Attack"', 'href="#Meeting"', 'href="#Visit"', 'href="#Place"',
                     'href="http://semanticweb.cs.vu.nl/2009/11/sem#hasPlace"'):
        assert expected in location, expected
    within = html[html.index('id="within"'):]
    within = within[:within.index("</article>")]
    assert "transitive" in within and 'href="#contains"' in within


def test_mappings_table_names_sem_prov_and_schema(docs: Path) -> None:
    html = (docs / "index.html").read_text(encoding="utf-8")
    section = html[html.index('id="mappings"'):]
    for external in ("sem:Event", "sem:Actor", "sem:Place", "prov:Entity", "schema:NewsArticle", "geo:Feature"):
        assert external in section, external


def test_docs_folder_is_self_contained(docs: Path) -> None:
    html = (docs / "index.html").read_text(encoding="utf-8")
    for ref in re.findall(r'(?:src|href)="([^"#]+)"', html):
        if ref.startswith(("http://", "https://")):
            # links out to other vocabularies are fine; nothing is *loaded* from another host
            continue
        assert (docs / ref).is_file(), ref
    assert "<script" not in html
    assert re.findall(r'<link rel="stylesheet" href="([^"]+)"', html) == ["static/kg.css", "static/ontology.css"]


@pytest.mark.parametrize("stem", ["conflict", "event-types", "shapes"])
def test_rdf_files_are_the_ttl_in_other_syntaxes(docs: Path, stem: str) -> None:
    source = Graph().parse(ONTOLOGY_DIR / f"{stem}.ttl")
    assert isomorphic(source, Graph().parse(docs / f"{stem}.rdf", format="xml"))
    assert isomorphic(source, Graph().parse(docs / f"{stem}.nt", format="nt"))
    assert (docs / f"{stem}.ttl").read_bytes() == (ONTOLOGY_DIR / f"{stem}.ttl").read_bytes()


def test_make_docs_writes_the_pages(tmp_path: Path) -> None:
    if shutil.which("make") is None:
        pytest.skip("no make")
    out = tmp_path / "site"
    result = subprocess.run(["make", "-s", "docs", f"DOCS_DIR={out}"], cwd=REPO, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert (out / "index.html").is_file() and (out / "conflict.rdf").is_file()
    assert 'id="Attack"' in (out / "index.html").read_text(encoding="utf-8")


def test_docs_into_a_file_is_one_line_error(tmp_path: Path) -> None:
    target = tmp_path / "a-file"
    target.write_text("x")
    assert ontodoc.main([str(target)]) == 1


# ----------------------------------------------------------------------------- kg serve

@pytest.fixture(scope="module")
def server(built_store, tmp_path_factory) -> Iterator[KgServe]:
    store = tmp_path_factory.mktemp("onto-serve") / "store"
    shutil.copytree(built_store.path, store)
    with KgServe(store) as s:
        yield s


def test_ontology_iri_answers_html_for_browsers(server: KgServe) -> None:
    r = server.get("/ontology", accept="text/html,application/xhtml+xml;q=0.9,*/*;q=0.8")
    assert r.status == 200 and r.headers["content-type"].startswith("text/html")
    assert 'id="Attack"' in r.text and "conflict-kg ontology" in r.text


@pytest.mark.parametrize("accept, fmt", [("text/turtle", "turtle"), ("application/rdf+xml", "xml"),
                                         ("application/n-triples", "nt"), ("application/ld+json", "json-ld")])
def test_ontology_iri_answers_rdf_by_accept(server: KgServe, accept: str, fmt: str) -> None:
    r = server.get("/ontology", accept=accept)
    assert r.status == 200 and r.headers["content-type"].startswith(accept)
    assert "Accept" in r.headers.get("vary", "")
    served = Graph().parse(data=r.body, format=fmt)
    assert isomorphic(served, Graph().parse(ONTOLOGY_DIR / "conflict.ttl"))


def test_format_parameter_and_unacceptable_types(server: KgServe) -> None:
    assert server.get("/ontology?format=turtle").text == (ONTOLOGY_DIR / "conflict.ttl").read_text(encoding="utf-8")
    assert server.get("/ontology", accept="image/png").status == 406


def test_each_term_resolves(server: KgServe) -> None:
    r = server.request("GET", "/ontology/Attack", headers={"Accept": "text/html"})
    # urllib follows the 303 to the page; the fragment stays with the client
    assert r.status == 200 and 'id="Attack"' in r.text
    turtle = Graph().parse(data=server.get("/ontology/Attack", accept="text/turtle").body, format="turtle")
    assert (CKG.Attack, RDF.type, OWL.Class) in turtle
    assert server.get("/ontology/NoSuchTerm", accept="text/turtle").status == 404
    concept = Graph().parse(data=server.get("/event-type/Attack", accept="text/turtle").body, format="turtle")
    assert (EVT.Attack, RDF.type, SKOS.Concept) in concept
    assert any(str(o).startswith("https://w3id.org/conflict-kg/ext/cameo/") for o in concept.objects(EVT.Attack, None))
    scheme = Graph().parse(data=server.get("/event-type/", accept="text/turtle").body, format="turtle")
    assert len(scheme) > 100
    cameo = server.get("/ext/cameo/190", accept="text/turtle")
    assert cameo.status == 200 and "cameo:190" in cameo.text
    shapes = Graph().parse(data=server.get("/shapes", accept="text/turtle").body, format="turtle")
    assert isomorphic(shapes, Graph().parse(ONTOLOGY_DIR / "shapes.ttl"))


def test_term_iri_lands_on_its_entry_in_chromium(browser, server: KgServe, artifacts_dir) -> None:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    hosts: set[str] = set()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: hosts.add(urllib.parse.urlsplit(r.url).hostname or r.url))
    try:
        page.goto(server.base + "/ontology/perpetrator")  # 303 to /ontology#perpetrator
        assert page.url.endswith("/ontology#perpetrator")
        entry = page.locator("article#perpetrator")
        entry.wait_for(state="visible")
        assert entry.evaluate("e => e.matches(':target')")
        top = entry.evaluate("e => e.getBoundingClientRect().top")
        assert 0 <= top < 900  # scrolled to it
        assert "The actor that carries out an attack." in entry.inner_text()
        # the stylesheet applied (CSP allows only this server's files)
        assert page.evaluate("getComputedStyle(document.querySelector('article.term')).borderLeftStyle") == "solid"
        page.click("article#perpetrator a[href='#Attack']")
        assert page.locator("article#Attack").evaluate("e => e.matches(':target')")
        page.screenshot(path=str(artifacts_dir / "ontology-docs.png"))
    finally:
        context.close()
    assert errors == [], errors
    assert hosts <= {"127.0.0.1"}, hosts
