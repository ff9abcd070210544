// The graph view of a result: IRIs of each row become nodes, and the first IRI of a row is
// joined to the row's other IRIs (edge labelled with the column). Laid out with a small
// force simulation and drawn as SVG; labels go in as text nodes only.
"use strict";

const KGGraph = (function () {
  const SVG = "http://www.w3.org/2000/svg";
  const CKGD = "https://w3id.org/conflict-kg/id/";
  const MAX_NODES = 400;

  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function kindOf(iri) {
    if (!iri.startsWith(CKGD)) return "other";
    return iri.slice(CKGD.length).split("/")[0];
  }

  function shortLabel(iri) {
    const tail = iri.replace(/\/+$/, "").split(/[/#]/);
    return tail[tail.length - 1] || iri;
  }

  // Nodes and edges from {vars, rows}; a column "xLabel" names the IRIs of column "x".
  function build(result) {
    const nodes = new Map();
    const edges = new Map();
    // "xLabel"/"xTitle" names column x; a bare "label"/"name" column names the first column.
    const labelCol = (v) => result.vars.find((w) => w === v + "Label" || w === v + "Title") ||
      (v === result.vars[0] ? result.vars.find((w) => w === "label" || w === "name") : undefined);
    function node(term, label) {
      if (!nodes.has(term.value)) {
        if (nodes.size >= MAX_NODES) return null;
        nodes.set(term.value, { id: term.value, label: label || shortLabel(term.value), kind: kindOf(term.value), x: 0, y: 0, vx: 0, vy: 0 });
      } else if (label) {
        nodes.get(term.value).label = label;
      }
      return nodes.get(term.value);
    }
    const graphRows = result.vars.length === 3 && result.vars[0] === "subject";
    for (const row of result.rows) {
      const iris = [];
      for (const v of result.vars) {
        const t = row[v];
        if (!t || t.type !== "uri") continue;
        if (graphRows && v === "predicate") continue;
        const lc = labelCol(v);
        const n = node(t, lc && row[lc] ? row[lc].value : null);
        if (n) iris.push([v, n]);
      }
      for (let i = 1; i < iris.length; i++) {
        const a = iris[0][1], b = iris[i][1];
        if (a === b) continue;
        const label = graphRows ? shortLabel(row.predicate.value) : iris[i][0];
        edges.set(a.id + "\u0000" + b.id + "\u0000" + label, { a: a, b: b, label: label });
      }
    }
    return { nodes: [...nodes.values()], edges: [...edges.values()] };
  }

  function layout(g, width, height) {
    const n = g.nodes.length;
    g.nodes.forEach((d, i) => {
      const angle = (2 * Math.PI * i) / Math.max(n, 1);
      d.x = width / 2 + (width / 3) * Math.cos(angle);
      d.y = height / 2 + (height / 3) * Math.sin(angle);
    });
    const k = Math.sqrt((width * height) / Math.max(n, 1)) * 0.4;
    for (let iter = 0; iter < 150; iter++) {
      const t = 1 - iter / 150;
      for (const a of g.nodes) { a.vx = 0; a.vy = 0; }
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          const a = g.nodes[i], b = g.nodes[j];
          let dx = a.x - b.x, dy = a.y - b.y;
          const d2 = Math.max(dx * dx + dy * dy, 1);
          if (d2 > 9 * k * k) continue;  // far apart: no push, so components stay together
          const f = (k * k) / d2;
          a.vx += dx * f; a.vy += dy * f; b.vx -= dx * f; b.vy -= dy * f;
        }
      }
      for (const e of g.edges) {
        const dx = e.a.x - e.b.x, dy = e.a.y - e.b.y;
        const d = Math.max(Math.sqrt(dx * dx + dy * dy), 1);
        const f = d / k;
        e.a.vx -= dx * f * 0.5; e.a.vy -= dy * f * 0.5; e.b.vx += dx * f * 0.5; e.b.vy += dy * f * 0.5;
      }
      for (const a of g.nodes) {
        a.vx += (width / 2 - a.x) * 0.05; a.vy += (height / 2 - a.y) * 0.05;
        const v = Math.sqrt(a.vx * a.vx + a.vy * a.vy) || 1;
        const step = Math.min(v, 30 * t + 1);
        a.x += (a.vx / v) * step;
        a.y += (a.vy / v) * step;
      }
    }
    // Fit the drawing into the view (labels need room on the right).
    const xs = g.nodes.map((d) => d.x), ys = g.nodes.map((d) => d.y);
    const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
    const sx = (width - 160) / Math.max(x1 - x0, 1), sy = (height - 40) / Math.max(y1 - y0, 1);
    for (const d of g.nodes) {
      d.x = 20 + (d.x - x0) * sx;
      d.y = 20 + (d.y - y0) * sy;
    }
  }

  function draw(container, result) {
    container.textContent = "";
    const g = build(result);
    if (!g.nodes.length) {
      container.appendChild(document.createTextNode("No IRIs in this result to draw."));
      return;
    }
    const width = 1000, height = 640;
    layout(g, width, height);
    const root = svg("svg", { viewBox: "0 0 " + width + " " + height, class: "graph", id: "graph-svg" });
    const edgeLayer = svg("g", { class: "edges" });
    for (const e of g.edges) {
      const line = svg("line", { x1: e.a.x.toFixed(1), y1: e.a.y.toFixed(1), x2: e.b.x.toFixed(1), y2: e.b.y.toFixed(1), class: "edge" });
      line.appendChild(svg("title", {}, e.label));
      edgeLayer.appendChild(line);
    }
    root.appendChild(edgeLayer);
    const nodeLayer = svg("g", { class: "nodes" });
    for (const d of g.nodes) {
      const group = svg("a", {});
      if (d.id.startsWith(CKGD)) group.setAttribute("href", "/id/" + d.id.slice(CKGD.length));
      group.appendChild(svg("circle", { cx: d.x.toFixed(1), cy: d.y.toFixed(1), r: 7, class: "node kind-" + d.kind }));
      group.appendChild(svg("text", { x: (d.x + 9).toFixed(1), y: (d.y + 4).toFixed(1), class: "node-label" }, d.label));
      group.appendChild(svg("title", {}, d.id));
      nodeLayer.appendChild(group);
    }
    root.appendChild(nodeLayer);
    container.appendChild(root);
    const note = document.createElement("p");
    note.className = "muted";
    note.textContent = g.nodes.length + " nodes, " + g.edges.length + " edges" + (g.nodes.length >= MAX_NODES ? " (first " + MAX_NODES + " nodes)" : "");
    container.appendChild(note);
  }

  return { draw: draw, build: build };
})();
