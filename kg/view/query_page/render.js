// Answer views shared by the query page and `kg query --format html`: a table, an interactive
// graph (vis-network) or a timeline, drawn from a view model computed by kg/view/answer.py.
// Every string of the model is data: it goes into the page only through textContent, DOM
// attributes we choose, or vis-network's canvas; never parsed as markup, never an href we did not build.
"use strict";
(function (global) {
  const PREFIXES = {
    "https://w3id.org/ecomkg/ontology#": "kg:", "https://w3id.org/ecomkg/id/": "kgr:",
    "http://www.w3.org/2000/01/rdf-schema#": "rdfs:", "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf:",
    "http://www.w3.org/2004/02/skos/core#": "skos:", "http://www.w3.org/2001/XMLSchema#": "xsd:",
    "https://schema.org/": "schema:",
  };
  const VIEWS = ["table", "graph", "timeline"];

  function el(tag, attrs, text) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function svg(tag, attrs) {
    const e = document.createElementNS("http://www.w3.org/2000/svg", tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
    return e;
  }

  // A prefixed name as SPARQL reads it (kg.query.prefixes.prefixed_name does the same for the
  // command line): a "/" in a local name is escaped (kgr:doc\/a7e0), so a shown IRI pastes into
  // the editor; a local name that cannot be written so shows the whole IRI.
  const ESCAPABLE = "_~.-!$&'()*+,;=/?#@";
  function localName(s) {
    let out = "";
    for (let i = 0; i < s.length; i++) {
      const c = s[i], inner = i > 0 && i < s.length - 1;
      if (/[A-Za-z0-9_:]/.test(c) || (c >= "\u00C0" && /[\p{L}\p{N}]/u.test(c)) || (c === "-" && i > 0) ||
          (c === "." && inner) || (c === "%" && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3)))) out += c;
      else if (ESCAPABLE.includes(c)) out += "\\" + c;
      else return null;
    }
    return out;
  }

  function compact(iri) {
    for (const [ns, p] of Object.entries(PREFIXES)) {
      if (!iri.startsWith(ns)) continue;
      const local = localName(iri.slice(ns.length));
      return local === null ? iri : p + local;
    }
    return iri;
  }

  function short(text, n) {
    const s = String(text);
    return s.length > n ? s.slice(0, n - 1) + "…" : s;
  }

  function iriCell(iri, linkFor) {
    const href = linkFor ? linkFor(iri) : null;
    return href ? el("a", { href: href }, compact(iri)) : el("span", { class: "iri" }, compact(iri));
  }

  function termCell(term, linkFor) {
    const td = el("td");
    if (!term) return td;
    if (term.t === "uri") td.append(iriCell(term.v, linkFor));
    else {
      td.append(document.createTextNode(term.v));
      if (term.lang) td.append(el("sup", {}, term.lang));
    }
    return td;
  }

  function renderTable(model, linkFor) {
    if (model.kind === "ask") return el("p", { class: "boolean" }, model.boolean ? "true" : "false");
    const vars = model.kind === "graph" ? ["subject", "predicate", "object"] : model.variables;
    const rows = model.kind === "graph" ? model.triples : model.rows;
    const table = el("table", { class: "answer" });
    const head = el("tr");
    for (const v of vars) head.append(el("th", {}, v));
    table.append(head);
    for (const row of rows) {
      const tr = el("tr");
      for (const term of row) tr.append(termCell(term, linkFor));
      table.append(tr);
    }
    return table;
  }

  function legend(model, present) {
    const box = el("p", { class: "legend" });
    const shown = new Set(present);
    for (const k of Object.keys(model.palette).filter((kind) => shown.has(kind))) {
      const sw = el("span", { class: "swatch" });
      sw.style.background = model.palette[k] || "#999";
      const item = el("span", { class: "legend-item" });
      item.append(sw, document.createTextNode(k));
      box.append(item);
    }
    return box;
  }

  function tip(lines) {
    const d = el("div", { class: "kg-tip" });
    d.textContent = lines.filter(Boolean).join("\n");
    return d;
  }

  function renderGraph(model, linkFor) {
    const wrap = el("div", { class: "graph-view" });
    const g = model.graph;
    if (!g.nodes.length) {
      wrap.append(el("p", { class: "muted" }, "This answer has no two columns to link: pick the table view, or add a "
        + "# graph: source=VAR target=VAR header to the query."));
      return wrap;
    }
    wrap.append(legend(model, [...new Set(g.nodes.map((n) => n.kind))]));
    if (g.nodes_left_out || g.edges_left_out) {
      wrap.append(el("p", { class: "muted" }, `Showing the ${g.nodes.length} most connected nodes: ${g.nodes_left_out} nodes and `
        + `${g.edges_left_out} links left out (see the table view for all rows).`));
    }
    const canvas = el("div", { class: "network", role: "img", "aria-label": "graph of the answer" });
    wrap.append(canvas);
    if (typeof global.vis === "undefined" || !global.vis.Network) {
      wrap.append(el("p", { class: "error" }, "The graph library (vis-network) did not load."));
      return wrap;
    }
    const byId = new Map(g.nodes.map((n) => [n.id, n]));
    const nodes = g.nodes.map((n) => ({
      id: n.id, label: short(n.label, 40), shape: "dot", size: 10,
      color: { background: model.palette[n.kind] || "#999", border: "#333" },
      title: tip([n.label, n.also && n.also !== n.label ? n.also : "", n.kind, n.iri ? compact(n.iri) : ""]),
    }));
    const edges = g.edges.map((e, i) => ({
      id: "e" + i, from: e.from, to: e.to, label: short(e.label || "", 30), title: tip([e.title]),
      arrows: e.arrows === "none" ? "" : "to", font: { size: 10, align: "middle" }, color: { color: "#99a" },
    }));
    const big = nodes.length > 150;
    const network = new global.vis.Network(canvas, {
      nodes: new global.vis.DataSet(nodes), edges: new global.vis.DataSet(edges),
    }, {
      interaction: { hover: true, tooltipDelay: 150 },
      physics: { enabled: true, stabilization: { iterations: big ? 120 : 300, fit: true },
        barnesHut: { gravitationalConstant: -4000, springLength: 120 } },
      layout: { randomSeed: 7, improvedLayout: !big },
      nodes: { font: { size: 13 } },
    });
    network.once("stabilizationIterationsDone", () => network.setOptions({ physics: false }));
    network.on("afterDrawing", () => { canvas.dataset.drawn = "1"; });
    network.on("click", (p) => {
      if (!p.nodes.length) return;
      const node = byId.get(p.nodes[0]);
      const href = node && node.iri && linkFor ? linkFor(node.iri) : null;
      if (href) global.location.assign(href);
    });
    wrap.network = network;
    return wrap;
  }

  function renderTimeline(model, linkFor) {
    const wrap = el("div", { class: "timeline-view" });
    const t = model.timeline;
    if (!t.items.length) {
      wrap.append(el("p", { class: "muted" }, "This answer has no dates to place on a timeline: pick the table view, or "
        + "add a # timeline: date=VAR header to the query."));
      return wrap;
    }
    const kinds = [...new Set(t.items.map((i) => i.kind))];
    wrap.append(legend(model, kinds));
    const toTime = (d) => Date.parse((d + "-01-01").slice(0, 10) + "T00:00:00Z");
    const times = t.items.map((i) => toTime(i.date));
    const lo = Math.min(...times), hi = Math.max(...times), span = Math.max(hi - lo, 86400000);
    const W = 960, lane = 16, H = 40 + lane * kinds.length, x = (ms) => 20 + ((ms - lo) / span) * (W - 40);
    const chart = svg("svg", { viewBox: `0 0 ${W} ${H}`, width: "100%", class: "timeline-chart" });
    chart.append(svg("line", { x1: 20, y1: H - 20, x2: W - 20, y2: H - 20, stroke: "#888" }));
    const y0 = new Date(lo).getUTCFullYear(), y1 = new Date(hi).getUTCFullYear();
    const step = Math.max(1, Math.ceil((y1 - y0 + 1) / 12));
    for (let y = y0; y <= y1 + 1; y += step) {
      const ms = Date.UTC(y, 0, 1);
      if (ms < lo - 1 || ms > hi + 1) continue;
      chart.append(svg("line", { x1: x(ms), y1: H - 24, x2: x(ms), y2: H - 16, stroke: "#888" }));
      const label = svg("text", { x: x(ms) + 2, y: H - 4 });
      label.textContent = String(y);
      chart.append(label);
    }
    t.items.forEach((item, i) => {
      const dot = svg("circle", { cx: x(times[i]), cy: 14 + lane * kinds.indexOf(item.kind), r: 5,
        fill: model.palette[item.kind] || "#999", "fill-opacity": 0.8 });
      const title = svg("title");
      title.textContent = item.date + "  " + item.kind + "\n" + item.label;
      dot.append(title);
      chart.append(dot);
    });
    wrap.append(chart);
    const list = el("ol", { class: "timeline-list" });
    for (const item of t.items) {
      const li = el("li");
      li.append(el("time", { datetime: item.date }, item.date), document.createTextNode(" "));
      const badge = el("span", { class: "badge" }, item.kind);
      badge.style.background = model.palette[item.kind] || "#999";
      li.append(badge, document.createTextNode(" "));
      const href = item.iri && linkFor ? linkFor(item.iri) : null;
      li.append(href ? el("a", { href: href, title: item.title }, item.label) : el("span", { title: item.title }, item.label));
      list.append(li);
    }
    wrap.append(list);
    const notes = [];
    if (t.undated) notes.push(`${t.undated} rows have no date`);
    if (t.items_left_out) notes.push(`${t.items_left_out} later items left out`);
    if (notes.length) wrap.append(el("p", { class: "muted" }, notes.join("; ") + " (see the table view)."));
    return wrap;
  }

  function switcher(current, onView) {
    const bar = el("div", { class: "views", role: "radiogroup", "aria-label": "view" });
    for (const v of VIEWS) {
      const label = el("label");
      const input = el("input", { type: "radio", name: "kg-view", value: v });
      input.checked = v === current;
      input.addEventListener("change", () => onView(v));
      label.append(input, document.createTextNode(" " + v));
      bar.append(label);
    }
    return bar;
  }

  // Draw `model` into `box` as `view`; options.linkFor(iri) gives a safe local href or null,
  // options.onView(view) is told when the reader switches views.
  function render(box, model, view, options) {
    const opts = options || {};
    view = VIEWS.includes(view) ? view : model.view;
    box.replaceChildren();
    const head = el("div", { class: "answer-head" });
    head.append(switcher(view, (v) => {
      render(box, model, v, opts);
      if (opts.onView) opts.onView(v);
    }));
    const n = model.kind === "ask" ? "yes/no" : `${model.count} ${model.kind === "graph" ? "triples" : "rows"}`;
    head.append(el("span", { class: "muted status" }, `${n} in ${Math.round(model.seconds * 1000)} ms`));
    box.append(head);
    const body = view === "graph" ? renderGraph(model, opts.linkFor)
      : view === "timeline" ? renderTimeline(model, opts.linkFor) : renderTable(model, opts.linkFor);
    body.classList.add("view-" + view);
    box.append(body);
    box.dataset.view = view;
    return body;
  }

  global.KgViews = { render: render, compact: compact, VIEWS: VIEWS };
})(window);
