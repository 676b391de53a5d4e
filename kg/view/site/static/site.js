// kg site: search, sortable tables, timeline filters and vis-network graphs.
// Offline and CSP-clean: no inline code, no network requests; data is only ever set as text.
"use strict";

const ROOT = document.body.dataset.root || "";
const PAGE = /^(\.\.\/)*[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)?\.html$/; // the only links a script makes

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}

// Each panel's "run" link carries its query, taken from the query shown (not repeated in the
// page). It needs the query page of `kg serve`; say so when the page is read from disk.
function queryLinks() {
  for (const box of document.querySelectorAll("details.query")) {
    const pre = box.querySelector("pre");
    const a = box.querySelector("a.rerun");
    if (!pre || !a) continue;
    a.setAttribute("href", ROOT + "../?query=" + encodeURIComponent(pre.textContent));
    if (location.protocol === "file:") {
      a.title = "Needs the query page of kg serve (this page was opened from disk)";
      a.classList.add("offline");
    }
  }
}

function setupSearch() {
  const input = document.getElementById("search");
  const list = document.getElementById("search-results");
  const note = document.getElementById("search-note");
  if (!input || !list) return;
  const index = window.KG_SEARCH && Array.isArray(window.KG_SEARCH.rows) ? window.KG_SEARCH : { kinds: [], rows: [] };
  const rows = index.rows.map((r) => ({ r, hay: (r[0] + " | " + r[1] + " | " + r[2]).toLowerCase() }));
  const run = () => {
    const q = input.value.trim().toLowerCase();
    list.replaceChildren();
    note.textContent = "";
    if (!q) return;
    const squeezed = q.replace(/\s+/g, "");
    const hits = rows.filter((x) => x.hay.includes(q) || x.hay.includes(squeezed));
    for (const { r } of hits.slice(0, 50)) {
      const li = el("li");
      const kind = String(index.kinds[r[3]] || "");
      const page = "entity/" + r[4] + ".html";
      const a = el("a", "k-" + kind, r[0]);
      if (PAGE.test(page)) a.setAttribute("href", ROOT + page);
      li.append(a, el("span", "kind", " " + kind));
      if (r[1]) li.append(el("span", "aliases", " " + r[1]));
      list.append(li);
    }
    note.textContent = hits.length > 50 ? `${hits.length} found, the first 50 shown` : `${hits.length} found`;
  };
  input.addEventListener("input", run);
}

function cellValue(td) {
  const t = td.textContent.trim();
  const n = Number(t);
  return t !== "" && !Number.isNaN(n) ? n : t.toLowerCase();
}

function setupSortable() {
  for (const table of document.querySelectorAll("table.sortable")) {
    const heads = table.querySelectorAll("thead th");
    heads.forEach((th, i) => {
      th.classList.add("sort");
      th.tabIndex = 0;
      const sort = () => {
        const body = table.tBodies[0];
        const desc = th.dataset.dir !== "desc";
        heads.forEach((h) => delete h.dataset.dir);
        th.dataset.dir = desc ? "desc" : "asc";
        const rows = Array.from(body.rows);
        rows.sort((a, b) => {
          const x = cellValue(a.cells[i]), y = cellValue(b.cells[i]);
          const c = typeof x === typeof y ? (x < y ? -1 : x > y ? 1 : 0) : typeof x === "number" ? -1 : 1;
          return desc ? -c : c;
        });
        body.append(...rows);
      };
      th.addEventListener("click", sort);
      th.addEventListener("keydown", (e) => { if (e.key === "Enter") sort(); });
    });
  }
}

function setupTimeline() {
  const table = document.getElementById("timeline-table");
  const cls = document.getElementById("filter-class");
  const who = document.getElementById("filter-entity");
  const count = document.getElementById("filter-count");
  if (!table || !cls || !who) return;
  const apply = () => {
    const c = cls.value;
    const w = who.value.trim().toLowerCase();
    let shown = 0;
    for (const row of table.tBodies[0].rows) {
      const ok = (!c || row.dataset.class === c) && (!w || (row.dataset.who || "").toLowerCase().includes(w));
      row.hidden = !ok;
      if (ok) shown += 1;
    }
    count.textContent = `${shown} shown`;
  };
  cls.addEventListener("change", apply);
  who.addEventListener("input", apply);
  apply();
}

function tip(text) {
  const d = el("div", "kg-tip", text); // plain text: vis-network shows the element as is
  return d;
}

function drawGraphs() {
  for (const box of document.querySelectorAll(".kg-graph")) {
    const source = document.getElementById(box.dataset.graph);
    if (!source) continue;
    if (typeof vis === "undefined") {
      box.textContent = "The graph needs assets/vis-network.min.js, which did not load.";
      continue;
    }
    const g = JSON.parse(source.textContent);
    const nodes = g.nodes.map((n) => {
      const node = {
        id: n.id, label: n.label, title: tip(n.title), shape: n.shape, size: n.size,
        color: { background: n.color, border: "#343a40" }, borderWidth: n.borderWidth || 1, font: { size: 12 },
      };
      if (n.x !== undefined) { node.x = n.x; node.y = n.y; }
      return node;
    });
    const edges = g.edges.map((e) => ({
      from: e.from, to: e.to, label: e.label, title: tip(e.title), arrows: e.arrows,
      width: Math.min(1 + Math.log2(e.facts || 1), 5), font: { size: 9, align: "middle", color: "#495057" },
      color: { color: "#adb5bd", highlight: "#343a40" },
    }));
    const options = {
      physics: g.physics ? { stabilization: { iterations: 200 }, barnesHut: { springLength: 140 } } : false,
      interaction: { hover: true, tooltipDelay: 120 },
      edges: { smooth: g.physics ? { type: "continuous" } : false },
      layout: { randomSeed: 7 },
    };
    const network = new vis.Network(box, { nodes: new vis.DataSet(nodes), edges: new vis.DataSet(edges) }, options);
    box.kgNetwork = network; // for readers' own scripts and the browser tests
    network.on("click", (p) => {
      if (!p.nodes.length) return;
      const url = g.nodes[p.nodes[0]] && g.nodes[p.nodes[0]].url;
      if (url && PAGE.test(url)) window.location.href = url;
    });
    const done = () => { box.dataset.drawn = String(nodes.length); };
    if (g.physics) {
      network.once("stabilizationIterationsDone", () => { network.setOptions({ physics: false }); done(); });
    } else {
      network.once("afterDrawing", done);
    }
  }
}

queryLinks();
setupSearch();
setupSortable();
setupTimeline();
drawGraphs();
