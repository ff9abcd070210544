/* conflict-kg views: a map of events (Leaflet, offline country outlines), a timeline with a
 * brush, and the actor network (vis-network, positions computed by kg.views_data).
 *
 * One filter state (event types, actor, place, period) drives all three. Every piece of
 * article text (names, sentences, titles) goes into the page with textContent or as an
 * attribute value through the DOM API, never as HTML; Leaflet popups and tooltips are not used
 * (they take HTML strings). window.kgViews exposes the state for tests and the console.
 */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kv-data").textContent);
  var config = JSON.parse(document.getElementById("kv-config").textContent);
  var $ = function (id) { return document.getElementById(id); };
  var DAY = 86400000;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  /** A coloured mark; its colour goes through the CSSOM (a style attribute is refused by the
   * server's Content Security Policy). */
  function swatch(cls, colour) {
    var node = el("span", { class: cls });
    node.style.background = colour;
    return node;
  }

  // --- data ------------------------------------------------------------------------------

  var typeColour = {};
  data.types.forEach(function (t) { typeColour[t.name] = t.colour; });
  var relationColour = {};
  data.relations.forEach(function (r) { relationColour[r.name] = r.colour; });

  /** [first day, last day] (ms, UTC) of YYYY, YYYY-MM or YYYY-MM-DD; null when not a date. */
  function bounds(text) {
    var m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec((text || "").trim());
    if (!m) return null;
    var y = +m[1];
    if (!m[2]) return { lo: Date.UTC(y, 0, 1), hi: Date.UTC(y, 11, 31), precision: "year" };
    var mo = +m[2] - 1;
    if (!m[3]) return { lo: Date.UTC(y, mo, 1), hi: Date.UTC(y, mo + 1, 1) - DAY, precision: "month" };
    var d = Date.UTC(y, mo, +m[3]);
    return { lo: d, hi: d, precision: "day" };
  }

  data.events.forEach(function (ev, i) {
    ev.index = i;
    ev.span = bounds(ev.date);
    ev.actorSet = new Set(ev.actors.map(function (a) { return a[0]; }));
    ev.placeSet = new Set((ev.place ? [ev.place] : []).concat(ev.places || []));
  });

  var state = { types: new Set(data.types.map(function (t) { return t.name; })
                               .concat(data.events.map(function (e) { return e.type; }))),
                actor: null, place: null, from: null, to: null, granularity: "month" };

  /** Does the event pass the filters? ``ignorePeriod``: for the timeline's own bars. */
  function visible(ev, ignorePeriod) {
    if (!state.types.has(ev.type)) return false;
    if (state.actor !== null && !ev.actorSet.has(state.actor)) return false;
    if (state.place !== null && !ev.placeSet.has(state.place)) return false;
    if (!ignorePeriod && (state.from !== null || state.to !== null)) {
      if (!ev.span) return false;
      if (state.from !== null && ev.span.hi < state.from) return false;
      if (state.to !== null && ev.span.lo > state.to) return false;
    }
    return true;
  }

  // --- details panel ----------------------------------------------------------------------

  function idLink(iri, text) {
    if (config.linkBase && iri.indexOf(config.idBase) === 0) {
      return el("a", { href: config.linkBase + iri.slice(config.idBase.length) }, text);
    }
    return el("span", { title: iri }, text);
  }

  function safeUrl(url) {
    return /^https?:\/\//i.test(url || "") ? url : null;
  }

  function showEvent(ev) {
    var box = $("kv-details");
    box.textContent = "";
    var head = el("p");
    head.appendChild(swatch("kv-swatch", typeColour[ev.type] || "#999"));
    head.appendChild(document.createTextNode(" "));
    head.appendChild(idLink(ev.iri, ev.label || ev.type));
    box.appendChild(head);
    var dl = el("dl");
    function row(name, value) {
      if (value === undefined || value === null || value === "") return;
      dl.appendChild(el("dt", {}, name));
      var dd = el("dd");
      if (value instanceof Node) dd.appendChild(value); else dd.textContent = String(value);
      dl.appendChild(dd);
    }
    row("type", ev.type + (ev.modality && ev.modality !== "asserted" ? " (" + ev.modality + ")" : ""));
    row("date", ev.date || "undated");
    row("place", ev.place || (ev.places || []).join(", "));
    row("quantities", ev.quantities);
    if (ev.level === "incident") {
      row("sources", ev.sources + " independent source" + (ev.sources === 1 ? "" : "s") + ", " +
          ev.reports + " report" + (ev.reports === 1 ? "" : "s") + (ev.disputed ? " · figures disputed" : ""));
      row("reported in", ev.documents);
    }
    if (ev.actors.length) {
      var ul = el("ul", { class: "kv-actors" });
      ev.actors.forEach(function (pair) {
        var li = el("li");
        li.appendChild(idLink(data.actors[pair[0]].iri, data.actors[pair[0]].label));
        li.appendChild(document.createTextNode(" (" + pair[1] + ")"));
        ul.appendChild(li);
      });
      row("actors", ul);
    }
    box.appendChild(dl);
    if (ev.sentence) box.appendChild(el("blockquote", { class: "kv-sentence" }, ev.sentence));
    var source = el("p", { class: "kv-source" });
    var url = safeUrl(ev.url);
    var title = ev.source || "source article";
    source.appendChild(url ? el("a", { href: url, target: "_blank", rel: "noopener noreferrer" }, title)
                           : el("span", {}, title));
    if (ev.publisher) source.appendChild(document.createTextNode(" · " + ev.publisher));
    box.appendChild(source);
  }

  function showActor(index) {
    var actor = data.actors[index];
    var box = $("kv-details");
    box.textContent = "";
    var head = el("p");
    head.appendChild(idLink(actor.iri, actor.label));
    head.appendChild(document.createTextNode(" · " + actor.cls));
    box.appendChild(head);
    var events = data.events.filter(function (ev) { return ev.actorSet.has(index) && visible(ev); });
    box.appendChild(el("p", { class: "kv-note" }, events.length + " event(s) shown"));
    var only = el("button", { type: "button" }, "Only this actor's events");
    only.addEventListener("click", function () { $("kv-actor").value = actor.label; applyActor(); });
    box.appendChild(only);
    eventList(box, events);
  }

  function eventList(box, events) {
    var ul = el("ul");
    events.slice(0, 50).forEach(function (ev) {
      var li = el("li");
      var a = el("a", { href: "#" }, ev.label || ev.type);
      a.addEventListener("click", function (e) { e.preventDefault(); showEvent(ev); });
      li.appendChild(a);
      ul.appendChild(li);
    });
    box.appendChild(ul);
  }

  // --- map --------------------------------------------------------------------------------

  var mapView = { map: null, markers: [], shown: 0 };

  /** Point radius (px): 4 without a figure, then by order of magnitude (300 dead: 11 px,
   * 5,000 troops: 15 px), so that large deployments do not hide everything near them. */
  function radius(ev) {
    return ev.size > 0 ? 4 + 3 * Math.log10(1 + ev.size) : 4;
  }

  /** Natural Earth outlines for a Mercator map: Antarctica left out, and rings that cross the
   * antimeridian (Russia, Fiji) unwrapped past 180 degrees instead of striping the map. */
  function outlines(world) {
    var countries = topojson.feature(world, world.objects.countries);
    countries.features = countries.features.filter(function (f) { return f.id !== "010"; });
    countries.features.forEach(function (f) {
      var g = f.geometry;
      if (!g) return;
      var polygons = g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : [];
      polygons.forEach(function (poly) {
        poly.forEach(function (ring) {
          var crosses = ring.some(function (pt, i) { return i > 0 && Math.abs(pt[0] - ring[i - 1][0]) > 180; });
          if (crosses) ring.forEach(function (pt) { if (pt[0] < 0) pt[0] += 360; });
        });
      });
    });
    return countries;
  }

  function initMap(world) {
    if (!window.L || !$("kv-map")) return;
    var map = L.map("kv-map", { preferCanvas: true, worldCopyJump: true, minZoom: 1, maxZoom: 14,
                                zoomSnap: 0.5, attributionControl: true });
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Outlines: Natural Earth");
    var renderer = L.canvas({ padding: 0.3 });
    if (world && window.topojson) {
      L.geoJSON(outlines(world), { interactive: false, renderer: renderer,
                             style: { color: "#95a5a6", weight: 0.7, fillColor: "#fdfefe", fillOpacity: 1 } }).addTo(map);
    }
    var layer = L.layerGroup().addTo(map);
    var located = [];
    data.events.forEach(function (ev) {
      if (typeof ev.lat !== "number") return;
      var m = L.circleMarker([ev.lat, ev.lon], { renderer: renderer, radius: radius(ev), weight: 1,
                                                 color: "#1c2833", fillColor: typeColour[ev.type] || "#999",
                                                 fillOpacity: 0.75 });
      m.on("click", function () { showEvent(ev); });
      m.kvEvent = ev;
      mapView.markers.push(m);
      located.push([ev.lat, ev.lon]);
    });
    mapView.map = map;
    mapView.layer = layer;
    mapView.bounds = located.length ? L.latLngBounds(located).pad(0.3) : null;
    fitMap();
  }

  /** Frame the points; again when the map is first shown (a hidden map has no size). */
  function fitMap() {
    var map = mapView.map;
    if (!map || mapView.fitted) return;
    map.invalidateSize();
    if (!map.getSize().x) { map.setView([20, 0], 2); return; }
    if (mapView.bounds) map.fitBounds(mapView.bounds, { maxZoom: 6 });
    else map.setView([20, 0], 2);
    mapView.fitted = true;
  }

  function updateMap() {
    if (!mapView.map) return;
    var keep = mapView.markers.filter(function (m) { return visible(m.kvEvent); });
    mapView.layer.clearLayers();
    keep.forEach(function (m) { mapView.layer.addLayer(m); });
    mapView.shown = keep.length;
  }

  // --- actor network ----------------------------------------------------------------------

  var net = { network: null, nodes: null, edges: null, shownEdges: 0, shownNodes: 0 };

  function initNetwork() {
    if (!window.vis || !$("kv-network")) return;
    net.nodes = new vis.DataSet(data.actors.map(function (a, i) {
      return { id: i, label: a.label, x: a.x, y: a.y, shape: "dot", size: 8, hidden: true,
               color: { background: "#5d6d7e", border: "#1c2833" }, font: { size: 14 } };
    }));
    net.edges = new vis.DataSet([]);
    net.network = new vis.Network($("kv-network"), { nodes: net.nodes, edges: net.edges }, {
      physics: { enabled: false }, interaction: { hover: true, tooltipDelay: 999999, hideEdgesOnDrag: true },
      edges: { smooth: false, arrows: { to: { enabled: true, scaleFactor: 0.5 } } },
      nodes: { fixed: false },
    });
    net.network.on("click", function (params) {
      if (params.nodes.length) showActor(params.nodes[0]);
      else if (params.edges.length) showEdge(net.edges.get(params.edges[0]));
    });
  }

  function showEdge(edge) {
    var box = $("kv-details");
    box.textContent = "";
    var p = el("p");
    p.appendChild(idLink(data.actors[edge.from].iri, data.actors[edge.from].label));
    p.appendChild(document.createTextNode(" " + edge.relation + " "));
    p.appendChild(idLink(data.actors[edge.to].iri, data.actors[edge.to].label));
    box.appendChild(p);
    box.appendChild(el("p", { class: "kv-note" }, edge.events.length + " event(s)"));
    eventList(box, edge.events.map(function (i) { return data.events[i]; }));
  }

  function updateNetwork() {
    if (!net.network) return;
    var pairs = new Map();
    var degree = new Map();
    data.events.forEach(function (ev) {
      if (!visible(ev)) return;
      ev.links.forEach(function (link) {
        var key = link[0] + ">" + link[1] + ">" + link[2];
        var entry = pairs.get(key);
        if (!entry) { entry = { from: link[0], to: link[1], relation: link[2], events: [] }; pairs.set(key, entry); }
        entry.events.push(ev.index);
      });
      var linked = new Set();
      ev.links.forEach(function (link) { linked.add(link[0]); linked.add(link[1]); });
      linked.forEach(function (a) { degree.set(a, (degree.get(a) || 0) + 1); });
    });
    var edges = [];
    pairs.forEach(function (p, key) {
      var n = p.events.length;
      edges.push({ id: key, from: p.from, to: p.to, relation: p.relation, events: p.events,
                   width: 1 + Math.log2(n) * 1.5, color: { color: relationColour[p.relation] || "#999", opacity: 0.8 },
                   arrows: { to: { enabled: p.relation !== "met" && p.relation !== "co-participated", scaleFactor: 0.5 } },
                   value: n });
    });
    net.edges.clear();
    net.edges.add(edges);
    net.nodes.update(data.actors.map(function (a, i) {
      var d = degree.get(i) || 0;
      return { id: i, hidden: d === 0, size: 6 + Math.min(Math.sqrt(d) * 3, 30) };
    }));
    net.shownEdges = edges.length;
    net.shownNodes = degree.size;
  }

  // --- timeline ---------------------------------------------------------------------------

  var SVG = "http://www.w3.org/2000/svg";
  var tl = { buckets: [], left: 34, right: 8, top: 6, bottom: 18, undated: 0, coarse: 0 };

  function svg(tag, attrs, text) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, String(attrs[k])); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function bucketStart(ms, granularity) {
    var d = new Date(ms);
    if (granularity === "month") return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    var weekday = (d.getUTCDay() + 6) % 7;  // weeks start on Monday (ISO)
    return ms - weekday * DAY;
  }

  function nextBucket(start, granularity) {
    if (granularity === "week") return start + 7 * DAY;
    var d = new Date(start);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  }

  function fine(ev) {
    if (!ev.span) return false;
    return state.granularity === "month" ? ev.span.precision !== "year" : ev.span.precision === "day";
  }

  function drawTimeline() {
    var box = $("kv-timeline");
    box.textContent = "";
    var g = state.granularity;
    var shown = data.events.filter(function (ev) { return visible(ev, true); });
    var dated = shown.filter(fine);
    tl.undated = shown.filter(function (ev) { return !ev.span; }).length;
    tl.coarse = shown.length - dated.length - tl.undated;
    var width = box.clientWidth || 800, height = box.clientHeight || 120;
    var root = svg("svg", { viewBox: "0 0 " + width + " " + height, role: "img" });
    box.appendChild(root);
    tl.buckets = [];
    if (!dated.length) {
      root.appendChild(svg("text", { x: 10, y: 20, class: "kv-bar-label" }, "no events dated to the " + g));
      updateBrushLabel();
      return;
    }
    var lo = Math.min.apply(null, dated.map(function (e) { return e.span.lo; }));
    var hi = Math.max.apply(null, dated.map(function (e) { return e.span.lo; }));
    var counts = new Map();
    for (var s = bucketStart(lo, g); s <= hi; s = nextBucket(s, g)) {
      counts.set(s, {}); tl.buckets.push(s);
      if (tl.buckets.length > 5000) break;
    }
    dated.forEach(function (ev) {
      var c = counts.get(bucketStart(ev.span.lo, g));
      if (c) c[ev.type] = (c[ev.type] || 0) + 1;
    });
    var max = 1;
    counts.forEach(function (c) {
      var total = Object.keys(c).reduce(function (a, k) { return a + c[k]; }, 0);
      if (total > max) max = total;
    });
    var plotW = width - tl.left - tl.right, plotH = height - tl.top - tl.bottom;
    var bw = plotW / tl.buckets.length;
    tl.bw = bw; tl.plotH = plotH; tl.width = width;
    root.appendChild(svg("text", { x: 2, y: tl.top + 9, class: "kv-bar-label" }, String(max)));
    root.appendChild(svg("line", { x1: tl.left, x2: width - tl.right, y1: tl.top + plotH, y2: tl.top + plotH, stroke: "#95a5a6" }));
    var order = data.types.map(function (t) { return t.name; });
    tl.buckets.forEach(function (start, i) {
      var c = counts.get(start), y = tl.top + plotH;
      order.concat(Object.keys(c).filter(function (k) { return order.indexOf(k) < 0; })).forEach(function (type) {
        if (!c[type]) return;
        var h = c[type] / max * plotH;
        y -= h;
        var rect = svg("rect", { x: tl.left + i * bw + (bw > 3 ? 0.5 : 0), y: y, width: Math.max(bw - (bw > 3 ? 1 : 0), 0.5),
                                 height: h, fill: typeColour[type] || "#999", "data-type": type, "data-count": c[type] });
        rect.appendChild(svg("title", {}, type + " " + new Date(start).toISOString().slice(0, g === "month" ? 7 : 10) + ": " + c[type]));
        root.appendChild(rect);
      });
    });
    // year ticks
    var lastYear = null, lastX = -1e9;
    tl.buckets.forEach(function (start, i) {
      var year = new Date(start).getUTCFullYear();
      if (year !== lastYear && tl.left + i * bw - lastX > 34) {
        lastYear = year; lastX = tl.left + i * bw;
        root.appendChild(svg("text", { x: tl.left + i * bw + 1, y: height - 4, class: "kv-bar-label" }, String(year)));
      }
    });
    tl.brush = svg("rect", { class: "kv-brush", x: 0, y: tl.top, width: 0, height: plotH, visibility: "hidden" });
    root.appendChild(tl.brush);
    tl.svg = root;
    showBrush();
    attachBrush(root);
    updateBrushLabel();
  }

  function xToBucket(clientX) {
    var rect = tl.svg.getBoundingClientRect();
    var x = (clientX - rect.left) * (tl.width / rect.width) - tl.left;
    return Math.max(0, Math.min(tl.buckets.length - 1, Math.floor(x / tl.bw)));
  }

  function showBrush() {
    if (!tl.brush || state.from === null || state.to === null || !tl.buckets.length) return;
    var g = state.granularity;
    var i0 = tl.buckets.findIndex(function (s) { return nextBucket(s, g) > state.from; });
    var i1 = -1;
    tl.buckets.forEach(function (s, i) { if (s <= state.to) i1 = i; });
    if (i0 < 0 || i1 < i0) return;
    tl.brush.setAttribute("x", tl.left + i0 * tl.bw);
    tl.brush.setAttribute("width", (i1 - i0 + 1) * tl.bw);
    tl.brush.setAttribute("visibility", "visible");
  }

  function attachBrush(root) {
    var start = null;
    root.addEventListener("pointerdown", function (e) {
      start = xToBucket(e.clientX);
      root.setPointerCapture(e.pointerId);
      tl.brush.setAttribute("visibility", "visible");
      tl.brush.setAttribute("x", tl.left + start * tl.bw);
      tl.brush.setAttribute("width", tl.bw);
    });
    root.addEventListener("pointermove", function (e) {
      if (start === null) return;
      var now = xToBucket(e.clientX), a = Math.min(start, now), b = Math.max(start, now);
      tl.brush.setAttribute("x", tl.left + a * tl.bw);
      tl.brush.setAttribute("width", (b - a + 1) * tl.bw);
    });
    root.addEventListener("pointerup", function (e) {
      if (start === null) return;
      var now = xToBucket(e.clientX), a = Math.min(start, now), b = Math.max(start, now);
      start = null;
      setPeriod(tl.buckets[a], nextBucket(tl.buckets[b], state.granularity) - DAY);
    });
  }

  function iso(ms) { return new Date(ms).toISOString().slice(0, 10); }

  function updateBrushLabel() {
    var label = $("kv-brush-label");
    var notes = [];
    if (tl.coarse) notes.push(tl.coarse + " event(s) dated only to the " + (state.granularity === "month" ? "year" : "month or year") + " not in the bars");
    if (tl.undated) notes.push(tl.undated + " undated");
    if (state.from !== null || state.to !== null) {
      label.textContent = "period " + (state.from !== null ? iso(state.from) : "…") + " to " +
                          (state.to !== null ? iso(state.to) : "…") + (notes.length ? " · " + notes.join(", ") : "");
      $("kv-brush-clear").hidden = false;
    } else {
      label.textContent = "drag over the bars to choose a period" + (notes.length ? " · " + notes.join(", ") : "");
      $("kv-brush-clear").hidden = true;
    }
  }

  // --- filters ----------------------------------------------------------------------------

  function setPeriod(from, to) {
    state.from = from; state.to = to;
    $("kv-from").value = from !== null ? iso(from) : "";
    $("kv-to").value = to !== null ? iso(to) : "";
    $("kv-filter-error").textContent = "";
    refresh(true);
  }

  function applyPeriodInputs() {
    var f = $("kv-from").value.trim(), t = $("kv-to").value.trim();
    var bf = f ? bounds(f) : null, bt = t ? bounds(t) : null;
    if ((f && !bf) || (t && !bt)) {
      $("kv-filter-error").textContent = "dates are YYYY, YYYY-MM or YYYY-MM-DD";
      return;
    }
    if (bf && bt && bf.lo > bt.hi) {
      $("kv-filter-error").textContent = "'from' is after 'to'";
      return;
    }
    state.from = bf ? bf.lo : null; state.to = bt ? bt.hi : null;
    $("kv-filter-error").textContent = "";
    refresh(true);
  }

  function applyActor() {
    var text = $("kv-actor").value.trim().toLowerCase();
    if (!text) { state.actor = null; $("kv-filter-error").textContent = ""; refresh(true); return; }
    var found = data.actors.findIndex(function (a) { return a.label.toLowerCase() === text; });
    if (found < 0) { $("kv-filter-error").textContent = "no actor of that name"; return; }
    state.actor = found;
    $("kv-filter-error").textContent = "";
    refresh(true);
  }

  function applyPlace() {
    var text = $("kv-place").value.trim();
    if (!text) { state.place = null; $("kv-filter-error").textContent = ""; refresh(true); return; }
    var known = placeNames.find(function (p) { return p.toLowerCase() === text.toLowerCase(); });
    if (!known) { $("kv-filter-error").textContent = "no place of that name"; return; }
    state.place = known;
    $("kv-filter-error").textContent = "";
    refresh(true);
  }

  var placeNames = [];

  function buildFilters() {
    var present = new Set(data.events.map(function (e) { return e.type; }));
    var types = data.types.filter(function (t) { return present.has(t.name); });
    types.forEach(function (t) {
      var label = el("label");
      var box = el("input", { type: "checkbox", value: t.name, "data-type": t.name });
      box.checked = true;
      box.addEventListener("change", function () {
        if (box.checked) state.types.add(t.name); else state.types.delete(t.name);
        refresh(true);
      });
      label.appendChild(box);
      label.appendChild(swatch("kv-swatch", t.colour));
      label.appendChild(document.createTextNode(" " + t.name + " (" +
        data.events.filter(function (e) { return e.type === t.name; }).length + ")"));
      $("kv-types").appendChild(label);
      var li = el("li");
      li.appendChild(swatch("kv-swatch", t.colour));
      li.appendChild(document.createTextNode(t.name));
      $("kv-legend-types").appendChild(li);
    });
    data.relations.forEach(function (r) {
      var li = el("li");
      li.appendChild(swatch("kv-line", r.colour));
      li.appendChild(document.createTextNode(r.name));
      $("kv-legend-relations").appendChild(li);
    });
    var names = Array.from(new Set(data.actors.map(function (a) { return a.label; }))).sort();
    names.forEach(function (n) { $("kv-actor-list").appendChild(el("option", { value: n })); });
    var places = new Set();
    data.events.forEach(function (e) { e.placeSet.forEach(function (p) { places.add(p); }); });
    placeNames = Array.from(places).sort();
    placeNames.forEach(function (n) { $("kv-place-list").appendChild(el("option", { value: n })); });
    $("kv-actor").addEventListener("change", applyActor);
    $("kv-place").addEventListener("change", applyPlace);
    $("kv-from").addEventListener("change", applyPeriodInputs);
    $("kv-to").addEventListener("change", applyPeriodInputs);
    $("kv-granularity").addEventListener("change", function () {
      state.granularity = $("kv-granularity").value; drawTimeline();
    });
    $("kv-brush-clear").addEventListener("click", function () { setPeriod(null, null); });
    $("kv-reset").addEventListener("click", function () {
      state.types = new Set(data.events.map(function (e) { return e.type; }));
      document.querySelectorAll("#kv-types input").forEach(function (b) { b.checked = true; });
      $("kv-actor").value = ""; $("kv-place").value = ""; state.actor = null; state.place = null;
      setPeriod(null, null);
    });
    document.querySelectorAll("#kv-tabs button").forEach(function (b) {
      b.addEventListener("click", function () { setView(b.getAttribute("data-view")); });
    });
  }

  function setView(view) {
    document.body.className = "kv-view-" + view;
    document.querySelectorAll("#kv-tabs button").forEach(function (b) {
      b.classList.toggle("active", b.getAttribute("data-view") === view);
    });
    if (mapView.map) { mapView.map.invalidateSize(); fitMap(); }
    if (net.network) { net.network.redraw(); net.network.fit({ animation: false }); }
    drawTimeline();
  }

  function refresh(timelineToo) {
    updateMap();
    updateNetwork();
    if (timelineToo) drawTimeline();
    var shown = data.events.filter(function (e) { return visible(e); }).length;
    $("kv-counts").textContent = shown + " of " + data.events.length + " events · " +
      mapView.shown + " on the map · " + net.shownNodes + " actors, " + net.shownEdges + " links";
  }

  // --- start ------------------------------------------------------------------------------

  /** Filters named in the address (kg serve: /views?actor=NAME&place=NAME&from=..&to=..),
   * as the entity pages link them; an unknown name shows the usual error. */
  function applyAddress() {
    var q = new URLSearchParams(location.search);
    if (q.get("actor")) { $("kv-actor").value = q.get("actor"); applyActor(); }
    if (q.get("place")) { $("kv-place").value = q.get("place"); applyPlace(); }
    if (q.get("from") || q.get("to")) {
      $("kv-from").value = q.get("from") || ""; $("kv-to").value = q.get("to") || "";
      applyPeriodInputs();
    }
  }

  function start(world) {
    buildFilters();
    initMap(world);
    initNetwork();
    refresh(false);
    applyAddress();
    setView(config.view || "all");
    if (net.network) net.network.fit({ animation: false });
    window.kgViews.ready = true;
  }

  window.kgViews = {
    ready: false, state: state, data: data, map: mapView, net: net, timeline: tl,
    setPeriod: function (from, to) {
      setPeriod(from ? bounds(from).lo : null, to ? bounds(to).hi : null);
    },
    counts: function () {
      return { events: data.events.filter(function (e) { return visible(e); }).length,
               points: mapView.shown, actors: net.shownNodes, edges: net.shownEdges };
    },
  };

  var inlineWorld = document.getElementById("kv-world");
  if (inlineWorld) start(JSON.parse(inlineWorld.textContent));
  else if (config.worldUrl) {
    fetch(config.worldUrl).then(function (r) { return r.ok ? r.json() : null; })
      .catch(function () { return null; }).then(start);
  } else start(null);
})();
