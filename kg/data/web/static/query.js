// The query page: canned queries with parameter forms, a SPARQL editor, results as a table
// and as a graph. Every value from the server is put into the page with textContent or as
// an attribute value, never as HTML.
"use strict";

(function () {
  const CKGD = "https://w3id.org/conflict-kg/id/";
  const $ = (id) => document.getElementById(id);
  let lastResult = null;

  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function localHref(iri) {
    return iri.startsWith(CKGD) && iri.length > CKGD.length ? "/id/" + iri.slice(CKGD.length) : null;
  }

  function status(text, isError) {
    const s = $("status");
    s.textContent = text;
    s.classList.toggle("error", !!isError);
  }

  async function errorText(response) {
    const body = await response.text();
    try {
      const data = JSON.parse(body);
      if (data && data.message) return data.message;
    } catch (e) { /* not JSON */ }
    return body || response.statusText;
  }

  // --- canned queries --------------------------------------------------------------------

  async function loadCanned() {
    const list = $("canned-list");
    const response = await fetch("/api/queries", { headers: { Accept: "application/json" } });
    list.textContent = "";
    if (!response.ok) {
      list.appendChild(el("li", { class: "error" }, await errorText(response)));
      return;
    }
    const queries = await response.json();
    for (const q of queries) {
      const li = el("li");
      const button = el("button", { type: "button", class: "canned-item", "data-name": q.name }, q.title);
      button.addEventListener("click", () => selectCanned(q));
      li.appendChild(button);
      if (q.params.length) li.appendChild(el("small", { class: "muted" }, " (" + q.params.map((p) => p.name).join(", ") + ")"));
      list.appendChild(li);
    }
    if (!queries.length) list.appendChild(el("li", { class: "muted" }, "none"));
  }

  const INPUT_TYPES = { integer: "number", decimal: "number", date: "date", boolean: "checkbox" };

  // An input for one declared parameter: a select for enum choices, else by type.
  function paramInput(p, id) {
    const choices = p.choices || [];
    if (choices.length) {
      const select = el("select", { id: id, name: p.name, "data-type": p.type });
      if (!p.required) select.appendChild(el("option", { value: "" }, "(any)"));
      for (const c of choices) select.appendChild(el("option", { value: c }, c));
      if (p.default) select.value = p.default;
      return select;
    }
    const input = el("input", { id: id, name: p.name, type: INPUT_TYPES[p.type] || "text", "data-type": p.type });
    if (p.type === "decimal") input.setAttribute("step", "any");
    if (p.type === "boolean") input.checked = (p.default || "").toLowerCase() === "true";
    else if (p.default) input.value = p.default;
    return input;
  }

  function selectCanned(q) {
    $("canned-detail").hidden = false;
    $("canned-title").textContent = q.title;
    $("canned-description").textContent = q.description;
    $("sparql").value = q.sparql;
    const fields = $("param-fields");
    fields.textContent = "";
    for (const p of q.params) {
      const id = "param-" + p.name;
      const row = el("div", { class: "param" });
      row.appendChild(el("label", { for: id }, p.name + (p.required ? " *" : "")));
      const input = paramInput(p, id);
      if (p.required) input.required = true;
      row.appendChild(input);
      row.appendChild(el("small", { class: "muted" }, p.type + (p.help ? " · " + p.help : "")));
      fields.appendChild(row);
    }
    $("param-form").dataset.name = q.name;
    document.querySelectorAll(".canned-item").forEach((b) => b.classList.toggle("active", b.dataset.name === q.name));
    updateCsvLink();
  }

  function cannedParams() {
    const params = new URLSearchParams();
    for (const input of $("param-fields").querySelectorAll("input, select")) {
      if (input.type === "checkbox") params.set(input.name, input.checked ? "true" : "false");
      else if (input.value !== "") params.set(input.name, input.value);
    }
    return params;
  }

  function updateCsvLink() {
    const params = cannedParams();
    params.set("format", "csv");
    params.set("limit", $("param-form").dataset.maxRows || "10000");  // the whole answer
    $("canned-csv").setAttribute("href", "/api/queries/" + encodeURIComponent($("param-form").dataset.name) + "?" + params.toString());
  }

  // A canned listing is read a page at a time: the API answers `limit` rows from `offset`
  // and gives the number of rows of the whole answer in X-Total-Count.
  let pageOffset = 0;

  function pageSize() {
    return parseInt($("page-size").value, 10) || 100;
  }

  async function runCanned(event) {
    event.preventDefault();
    pageOffset = 0;
    await runCannedPage();
  }

  async function runCannedPage() {
    const name = $("param-form").dataset.name;
    updateCsvLink();
    const params = cannedParams();
    params.set("limit", String(pageSize()));
    params.set("offset", String(pageOffset));
    const url = "/api/queries/" + encodeURIComponent(name) + "?" + params.toString();
    await run(name, () => fetch(url, { headers: { Accept: "application/sparql-results+json" } }),
              pageOffset);
  }

  function turnPage(step) {
    pageOffset = Math.max(0, pageOffset + step * pageSize());
    runCannedPage();
  }

  function showPager(offset, shown, total) {
    const pager = $("pager");
    pager.hidden = !(total > shown);
    $("page-prev").disabled = offset <= 0;
    $("page-next").disabled = offset + shown >= total;
  }

  // --- SPARQL ----------------------------------------------------------------------------

  async function runSparql(event) {
    event.preventDefault();
    const body = new URLSearchParams({ query: $("sparql").value });
    await run("SPARQL", () => fetch("/sparql", {
      method: "POST",
      headers: { Accept: "application/sparql-results+json, application/ld+json;q=0.9",
                 "Content-Type": "application/x-www-form-urlencoded" },
      body: body,
    }));
  }

  async function run(what, request, offset) {
    status("Running " + what + "…");
    $("pager").hidden = true;
    const t0 = performance.now();
    let response;
    try {
      response = await request();
    } catch (e) {
      status("The server did not answer: " + e, true);
      return;
    }
    if (!response.ok) {
      status("Error " + response.status + ": " + (await errorText(response)), true);
      return;
    }
    const type = response.headers.get("content-type") || "";
    const data = await response.json();
    const result = type.includes("ld+json") ? fromJsonLd(data) : fromSparqlJson(data);
    const ms = Math.round(performance.now() - t0);
    const total = parseInt(response.headers.get("X-Total-Count") || "", 10);
    const n = result.rows.length;
    if (offset !== undefined && total > n) {
      const fmt = (x) => x.toLocaleString("en");
      status("rows " + fmt(offset + 1) + "–" + fmt(offset + n) + " of " + fmt(total) + " in " + ms + " ms");
      showPager(offset, n, total);
    } else {
      status(n + " row" + (n === 1 ? "" : "s") + " in " + ms + " ms");
    }
    lastResult = result;
    $("tabs").hidden = false;
    renderTable(result);
    if (!$("results-graph").hidden) KGGraph.draw($("results-graph"), result);
  }

  // A result is {vars: [...], rows: [{var: {type, value, datatype?}}]}.
  function fromSparqlJson(data) {
    if (typeof data.boolean === "boolean") {
      return { vars: ["boolean"], rows: [{ boolean: { type: "literal", value: String(data.boolean) } }] };
    }
    return { vars: data.head.vars || [], rows: data.results.bindings || [] };
  }

  function fromJsonLd(data) {
    const rows = [];
    const nodes = Array.isArray(data) ? data : (data["@graph"] || [data]);
    for (const node of nodes) {
      const s = node["@id"];
      for (const [p, values] of Object.entries(node)) {
        if (p === "@id") continue;
        const pred = p === "@type" ? "http://www.w3.org/1999/02/22-rdf-syntax-ns#type" : p;
        for (const v of [].concat(values)) {
          let o;
          if (p === "@type") o = { type: "uri", value: v };
          else if (v && v["@id"]) o = { type: v["@id"].startsWith("_:") ? "bnode" : "uri", value: v["@id"] };
          else if (v && typeof v === "object") o = { type: "literal", value: String(v["@value"]) };
          else o = { type: "literal", value: String(v) };
          rows.push({ subject: { type: s.startsWith("_:") ? "bnode" : "uri", value: s },
                      predicate: { type: "uri", value: pred }, object: o });
        }
      }
    }
    return { vars: ["subject", "predicate", "object"], rows: rows };
  }

  function cell(term) {
    const td = el("td");
    if (!term) return td;
    if (term.type === "uri") {
      const href = localHref(term.value);
      if (href) td.appendChild(el("a", { href: href, title: term.value }, shorten(term.value)));
      else td.appendChild(el("span", { class: "iri", title: term.value }, shorten(term.value)));
    } else {
      td.textContent = term.value;
      if (term.type === "bnode") td.className = "bnode";
    }
    return td;
  }

  const PREFIXES = [
    ["ckgd:", CKGD], ["ckg:", "https://w3id.org/conflict-kg/ontology#"],
    ["rdfs:", "http://www.w3.org/2000/01/rdf-schema#"], ["rdf:", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"],
    ["schema:", "https://schema.org/"], ["xsd:", "http://www.w3.org/2001/XMLSchema#"],
  ];

  function shorten(iri) {
    for (const [p, ns] of PREFIXES) if (iri.startsWith(ns) && iri.length > ns.length) return p + iri.slice(ns.length);
    return iri;
  }

  function renderTable(result) {
    const wrap = $("results-table");
    wrap.textContent = "";
    const table = el("table", { class: "results", id: "results" });
    const head = el("tr");
    for (const v of result.vars) head.appendChild(el("th", {}, v));
    table.appendChild(el("thead")).appendChild(head);
    const body = el("tbody");
    for (const row of result.rows) {
      const tr = el("tr");
      for (const v of result.vars) tr.appendChild(cell(row[v]));
      body.appendChild(tr);
    }
    table.appendChild(body);
    wrap.appendChild(table);
  }

  function showTab(name) {
    document.querySelectorAll(".tab").forEach((t) => t.classList.toggle("active", t.dataset.tab === name));
    $("results-table").hidden = name !== "table";
    $("results-graph").hidden = name !== "graph";
    if (name === "graph" && lastResult) KGGraph.draw($("results-graph"), lastResult);
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("param-form").addEventListener("submit", runCanned);
    $("param-form").addEventListener("input", updateCsvLink);
    $("sparql-form").addEventListener("submit", runSparql);
    $("page-prev").addEventListener("click", () => turnPage(-1));
    $("page-next").addEventListener("click", () => turnPage(1));
    document.querySelectorAll(".tab").forEach((t) => t.addEventListener("click", () => showTab(t.dataset.tab)));
    loadCanned().catch((e) => status("Cannot load the canned queries: " + e, true));
  });
})();
