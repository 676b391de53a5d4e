// Query page: editor, canned questions, results as table or graph. Offline; data only via textContent.
"use strict";
const $ = (id) => document.getElementById(id);
let current = null; // the canned query on screen, if any

function el(tag, attrs, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}

function params() {
  const out = {};
  for (const input of document.querySelectorAll("#params input")) {
    if (input.value.trim() !== "") out["param." + input.name] = input.value.trim();
  }
  return out;
}

function queryUrl(format) {
  const q = new URLSearchParams({ query: $("editor").value, format: format, ...params() });
  return "/sparql?" + q.toString();
}

function refreshLinks() {
  $("dl-csv").href = queryUrl("csv");
  $("dl-json").href = queryUrl("json");
  $("dl-ttl").href = queryUrl("ttl");
}

function showCanned(q, button) {
  current = q;
  document.querySelectorAll("aside button").forEach((b) => b.classList.remove("on"));
  button.classList.add("on");
  $("editor").value = q.query;
  $("about").textContent = q.title + " — " + q.description;
  const box = $("params");
  box.replaceChildren();
  for (const p of q.params) {
    const label = el("label", {}, p.name + (p.required ? " (required) " : " "));
    const input = el("input", { name: p.name, placeholder: p.type + (p.description ? ": " + p.description : "") });
    label.append(input);
    box.append(label);
  }
  for (const r of document.querySelectorAll("input[name=view]")) r.checked = r.value === (q.view === "graph" ? "graph" : "table");
  refreshLinks();
}

async function loadCanned() {
  const resp = await fetch("/api/queries");
  const list = await resp.json();
  for (const q of list) {
    const b = el("button", { type: "button", title: q.description }, q.title);
    b.addEventListener("click", () => showCanned(q, b));
    const li = el("li");
    li.append(b);
    $("canned").append(li);
  }
}

function cell(term) {
  const td = el("td");
  if (!term) return td;
  if (term.type === "uri" && /^https?:\/\//.test(term.value)) {
    td.append(el("a", { href: term.value, rel: "noopener noreferrer" }, term.value));
  } else {
    td.textContent = term.value;
    if (term["xml:lang"]) td.append(el("sup", {}, term["xml:lang"]));
  }
  return td;
}

function renderTable(data) {
  if ("boolean" in data) return el("p", {}, data.boolean ? "true" : "false");
  const table = el("table");
  const head = el("tr");
  for (const v of data.head.vars) head.append(el("th", {}, v));
  table.append(head);
  for (const row of data.results.bindings) {
    const tr = el("tr");
    for (const v of data.head.vars) tr.append(cell(row[v]));
    table.append(tr);
  }
  return table;
}

function label(iri) {
  const cut = Math.max(iri.lastIndexOf("/"), iri.lastIndexOf("#"));
  return iri.slice(cut + 1);
}

function renderGraph(edges) {
  // edges: [source, target, label]; nodes on a circle (small views; the graph site does big ones).
  const names = new Map();
  for (const [s, t] of edges) for (const n of [s, t]) if (!names.has(n)) names.set(n, names.size);
  const n = Math.max(names.size, 1), size = 640, r = size / 2 - 90, ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", `0 0 ${size} ${size}`);
  svg.setAttribute("width", "100%");
  const pos = (i) => [size / 2 + r * Math.cos((2 * Math.PI * i) / n), size / 2 + r * Math.sin((2 * Math.PI * i) / n)];
  for (const [s, t, l] of edges) {
    const [x1, y1] = pos(names.get(s)), [x2, y2] = pos(names.get(t));
    const line = document.createElementNS(ns, "line");
    for (const [k, v] of Object.entries({ x1, y1, x2, y2, stroke: "#99a" })) line.setAttribute(k, v);
    const title = document.createElementNS(ns, "title");
    title.textContent = l;
    line.append(title);
    svg.append(line);
  }
  for (const [name, i] of names) {
    const [x, y] = pos(i);
    const c = document.createElementNS(ns, "circle");
    for (const [k, v] of Object.entries({ cx: x, cy: y, r: 5, fill: "#46c" })) c.setAttribute(k, v);
    const t = document.createElementNS(ns, "text");
    for (const [k, v] of Object.entries({ x: x + 7, y: y + 4 })) t.setAttribute(k, v);
    t.textContent = name.startsWith("http") ? label(name) : name;
    svg.append(c, t);
  }
  return svg;
}

function edgesFromSolutions(data) {
  // Each row links its first two IRI (or label) columns; other columns label the edge.
  const edges = [];
  for (const row of data.results.bindings) {
    const vals = data.head.vars.map((v) => row[v]).filter(Boolean);
    const named = vals.filter((t) => t.type === "literal" && !t.datatype);
    const iris = vals.filter((t) => t.type === "uri");
    const ends = named.length >= 2 ? named : iris;
    if (ends.length >= 2) edges.push([ends[0].value, ends[1].value, vals.map((t) => t.value).join(" · ")]);
  }
  return edges;
}

function edgesFromNTriples(text) {
  const edges = [];
  const re = /^<([^>]*)> <([^>]*)> <([^>]*)> \.$/;
  for (const line of text.split("\n")) {
    const m = re.exec(line.trim());
    if (m) edges.push([m[1], m[3], label(m[2])]);
  }
  return edges;
}

async function run() {
  refreshLinks();
  const out = $("results");
  out.replaceChildren();
  $("status").textContent = "running…";
  const graphView = document.querySelector("input[name=view]:checked").value === "graph";
  const body = new URLSearchParams({ query: $("editor").value, ...params() });
  const started = performance.now();
  let resp;
  try {
    resp = await fetch("/sparql", {
      method: "POST", body,
      headers: { Accept: "application/sparql-results+json, application/n-triples;q=0.9" },
    });
  } catch (err) {
    $("status").textContent = "";
    out.append(el("p", { class: "error" }, String(err)));
    return;
  }
  const text = await resp.text();
  const ms = Math.round(performance.now() - started);
  if (!resp.ok) {
    $("status").textContent = `${resp.status} after ${ms} ms`;
    out.append(el("p", { class: "error" }, text));
    return;
  }
  const type = resp.headers.get("Content-Type") || "";
  if (type.startsWith("application/sparql-results+json")) {
    const data = JSON.parse(text);
    const rows = data.results ? data.results.bindings.length : 1;
    $("status").textContent = `${rows} rows in ${ms} ms`;
    out.append(graphView && data.results ? renderGraph(edgesFromSolutions(data)) : renderTable(data));
  } else {
    $("status").textContent = `${text.split("\n").filter(Boolean).length} triples in ${ms} ms`;
    out.append(graphView ? renderGraph(edgesFromNTriples(text)) : el("pre", {}, text));
  }
}

document.addEventListener("DOMContentLoaded", () => {
  $("run").addEventListener("click", run);
  $("editor").addEventListener("keydown", (e) => { if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) run(); });
  $("editor").addEventListener("input", refreshLinks);
  $("params").addEventListener("input", refreshLinks);
  refreshLinks();
  loadCanned().catch((err) => $("about").textContent = "could not load the canned queries: " + err);
});
