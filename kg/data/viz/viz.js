/* conflict-kg network page: vis-network plus search, filters, legend and tooltips.
 *
 * Every piece of article text (labels, facts, evidence) is put into the page with textContent
 * or as an attribute value through the DOM API, never as HTML. The graph's state is exposed as
 * window.kgView for tests and for people poking at the page from the console.
 */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var container = document.getElementById("kg-network");
  var statusLine = document.getElementById("kg-status");
  var tooltip = document.getElementById("kg-tooltip");
  var byId = new Map();
  data.nodes.forEach(function (n) { byId.set(n.id, n); });

  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    return { id: n.id, label: n.label, shape: n.shape, color: n.color, size: n.size,
             x: n.x, y: n.y, hidden: false };
  }));
  var edges = new vis.DataSet(data.edges.map(function (e) {
    return { id: e.id, from: e.from, to: e.to, label: e.label, hidden: false };
  }));
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);

  var view = {
    network: network, nodes: nodes, edges: edges, stabilized: !data.physics, ready: false,
    physics: data.physics,
    visibleCounts: function () {
      return { nodes: nodes.get({ filter: function (n) { return !n.hidden; } }).length,
               edges: edges.get({ filter: function (e) { return !e.hidden; } }).length };
    },
    applyFilters: applyFilters,
  };
  window.kgView = view;

  function done(message) {
    view.stabilized = true;
    statusLine.textContent = message;
  }
  if (data.physics) {
    network.on("stabilizationProgress", function (p) {
      statusLine.textContent = "Laying out the graph… " + p.iterations + "/" + p.total;
    });
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });  // stop moving: big graphs stay usable
      done("Layout done; drag nodes to move them.");
    });
  } else {
    done("Precomputed layout (physics off).");
  }
  network.once("afterDrawing", function () { view.ready = true; });

  // ------------------------------------------------------------------ tooltips and details
  function factsElement(id) {
    var n = byId.get(id);
    var box = document.createElement("div");
    var h = document.createElement("h3");
    h.textContent = n.label;
    box.appendChild(h);
    var dl = document.createElement("dl");
    n.facts.forEach(function (pair) {
      var dt = document.createElement("dt");
      dt.textContent = pair[0];
      var dd = document.createElement("dd");
      dd.textContent = pair[1];
      dl.appendChild(dt);
      dl.appendChild(dd);
    });
    var roles = roleLines(id);
    if (roles.length) {
      var dt = document.createElement("dt");
      dt.textContent = n.kind === "event" ? "roles" : "events";
      var dd = document.createElement("dd");
      roles.forEach(function (line) {
        var div = document.createElement("div");
        div.textContent = line;
        dd.appendChild(div);
      });
      dl.appendChild(dt);
      dl.appendChild(dd);
    }
    box.appendChild(dl);
    return box;
  }

  function roleLines(id) {
    var lines = [];
    var limit = 12;
    var connected = network.getConnectedEdges(id);
    connected.slice(0, limit).forEach(function (edgeId) {
      var record = data.edges[Number(String(edgeId).slice(1))];
      var other = record.from === id ? record.to : record.from;
      lines.push(record.role + ": " + byId.get(other).label);
    });
    if (connected.length > limit) lines.push("… and " + (connected.length - limit) + " more");
    return lines;
  }

  function edgeElement(edgeId) {
    var record = data.edges[Number(String(edgeId).slice(1))];
    var box = document.createElement("div");
    var h = document.createElement("h3");
    h.textContent = record.role;
    var p = document.createElement("p");
    p.textContent = byId.get(record.from).label + " → " + byId.get(record.to).label;
    box.appendChild(h);
    box.appendChild(p);
    return box;
  }

  function showTooltip(element, event) {
    tooltip.replaceChildren(element);
    tooltip.hidden = false;
    var x = event.pointer.DOM.x + container.getBoundingClientRect().left + 14;
    var y = event.pointer.DOM.y + container.getBoundingClientRect().top + 14;
    tooltip.style.left = Math.min(x, window.innerWidth - 430) + "px";
    tooltip.style.top = Math.min(y, window.innerHeight - 40) + "px";
  }
  network.on("hoverNode", function (ev) { showTooltip(factsElement(ev.node), ev); });
  network.on("hoverEdge", function (ev) { showTooltip(edgeElement(ev.edge), ev); });
  network.on("blurNode", function () { tooltip.hidden = true; });
  network.on("blurEdge", function () { tooltip.hidden = true; });
  network.on("dragStart", function () { tooltip.hidden = true; });
  var details = document.getElementById("kg-details");
  network.on("click", function (ev) {
    if (ev.nodes.length) details.replaceChildren(factsElement(ev.nodes[0]));
    else if (ev.edges.length) details.replaceChildren(edgeElement(ev.edges[0]));
  });
  view.factsElement = factsElement;

  // ------------------------------------------------------------------ legend
  var legendList = document.getElementById("kg-legend");
  data.legend.forEach(function (entry) {
    var li = document.createElement("li");
    var swatch = document.createElement("span");
    swatch.className = "kg-swatch " + entry.shape;
    swatch.style.background = entry.color;
    var text = document.createElement("span");
    text.textContent = entry.cls + " (" + entry.kind + ", " + entry.count + ")";
    li.appendChild(swatch);
    li.appendChild(text);
    legendList.appendChild(li);
  });

  // ------------------------------------------------------------------ search
  var labels = document.getElementById("kg-labels");
  var actorList = document.getElementById("kg-actors");
  var sortedLabels = data.nodes.map(function (n) { return n.label; }).sort();
  var seen = new Set();
  sortedLabels.slice(0, 5000).forEach(function (label) {
    if (seen.has(label)) return;
    seen.add(label);
    var option = document.createElement("option");
    option.value = label;
    labels.appendChild(option);
  });
  data.nodes.filter(function (n) { return n.kind === "actor"; })
    .map(function (n) { return n.label; }).sort().slice(0, 5000).forEach(function (label) {
      var option = document.createElement("option");
      option.value = label;
      actorList.appendChild(option);
    });

  var searchResult = document.getElementById("kg-search-result");
  function search(text) {
    var wanted = text.trim().toLowerCase();
    if (!wanted) return [];
    var exact = data.nodes.filter(function (n) { return n.label.toLowerCase() === wanted; });
    var found = exact.length ? exact : data.nodes.filter(function (n) {
      return n.label.toLowerCase().indexOf(wanted) >= 0;
    });
    found = found.filter(function (n) { return !nodes.get(n.id).hidden; });
    if (!found.length) {
      searchResult.textContent = "No visible node matches.";
      return [];
    }
    var ids = found.map(function (n) { return n.id; });
    network.selectNodes(ids.slice(0, 200));
    network.focus(ids[0], { scale: 1.2, animation: false });
    details.replaceChildren(factsElement(ids[0]));
    searchResult.textContent = found.length + " match" + (found.length > 1 ? "es" : "") + ".";
    return ids;
  }
  view.search = search;
  document.getElementById("kg-search-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    search(document.getElementById("kg-search").value);
  });

  // ------------------------------------------------------------------ filters
  var typeBox = document.getElementById("kg-types");
  data.eventTypes.forEach(function (t) {
    var label = document.createElement("label");
    var input = document.createElement("input");
    input.type = "checkbox";
    input.checked = true;
    input.value = t;
    input.className = "kg-type";
    input.addEventListener("change", function () { applyFilters(); });
    label.appendChild(input);
    label.appendChild(document.createTextNode(" " + t));
    typeBox.appendChild(label);
  });
  var fromInput = document.getElementById("kg-from");
  var toInput = document.getElementById("kg-to");
  var undatedInput = document.getElementById("kg-undated");
  var actorInput = document.getElementById("kg-actor");
  var filterError = document.getElementById("kg-filter-error");
  [fromInput, toInput, actorInput].forEach(function (input) {
    input.addEventListener("change", function () { applyFilters(); });
  });
  undatedInput.addEventListener("change", function () { applyFilters(); });
  document.getElementById("kg-reset").addEventListener("click", function () {
    document.querySelectorAll(".kg-type").forEach(function (i) { i.checked = true; });
    fromInput.value = toInput.value = actorInput.value = "";
    undatedInput.checked = true;
    applyFilters();
  });

  function dayBound(text, last) {
    var m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(text.trim());
    if (!m) return undefined;
    if (m[3]) return m[1] + "-" + m[2] + "-" + m[3];
    if (m[2]) {
      if (!last) return m[1] + "-" + m[2] + "-01";
      var days = new Date(Date.UTC(Number(m[1]), Number(m[2]), 0)).getUTCDate();
      return m[1] + "-" + m[2] + "-" + String(days).padStart(2, "0");
    }
    return m[1] + (last ? "-12-31" : "-01-01");
  }

  function applyFilters() {
    var types = new Set();
    document.querySelectorAll(".kg-type").forEach(function (i) { if (i.checked) types.add(i.value); });
    var from = fromInput.value.trim() ? dayBound(fromInput.value, false) : null;
    var to = toInput.value.trim() ? dayBound(toInput.value, true) : null;
    if (from === undefined || to === undefined) {
      filterError.textContent = "Dates are YYYY, YYYY-MM or YYYY-MM-DD.";
      return view.visibleCounts();
    }
    var actorText = actorInput.value.trim().toLowerCase();
    var actorIds = null;
    if (actorText) {
      actorIds = new Set(data.nodes.filter(function (n) {
        return n.kind === "actor" && n.label.toLowerCase() === actorText;
      }).map(function (n) { return n.id; }));
      if (!actorIds.size) {
        filterError.textContent = "No actor is named that.";
        return view.visibleCounts();
      }
    }
    filterError.textContent = "";
    var active = types.size !== data.eventTypes.length || from || to || actorIds;
    var keepEvent = new Set();
    data.nodes.forEach(function (n) {
      if (n.kind !== "event") return;
      if (!types.has(n.cls)) return;
      if (from || to) {
        if (!n.span || !n.span.length) { if (!undatedInput.checked) return; }
        else if ((from && n.span[1] < from) || (to && n.span[0] > to)) return;
      }
      keepEvent.add(n.id);
    });
    if (actorIds) {
      keepEvent.forEach(function (id) {
        var involved = network.getConnectedNodes(id).some(function (x) {
          return actorIds.has(x);
        });
        if (!involved) keepEvent.delete(id);
      });
    }
    var keepNode = new Set(keepEvent);
    data.edges.forEach(function (e) { if (keepEvent.has(e.from)) keepNode.add(e.to); });
    if (actorIds) actorIds.forEach(function (id) { keepNode.add(id); });
    var nodeUpdates = [];
    data.nodes.forEach(function (n) {
      var hidden = active ? !keepNode.has(n.id) : false;
      nodeUpdates.push({ id: n.id, hidden: hidden });
    });
    nodes.update(nodeUpdates);
    var edgeUpdates = data.edges.map(function (e) {
      return { id: e.id, hidden: active ? !(keepNode.has(e.from) && keepNode.has(e.to)) : false };
    });
    edges.update(edgeUpdates);
    var counts = view.visibleCounts();
    document.getElementById("kg-counts").textContent =
      counts.nodes + " of " + data.nodes.length + " nodes, " + counts.edges + " of " +
      data.edges.length + " edges shown";
    return counts;
  }
})();
