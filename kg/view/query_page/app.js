// Query page: editor, canned questions, answers as table, graph or timeline (render.js).
// The page's URL carries the query (?query=... or ?name=...&param.NAME=...) and the view, so
// an answer can be bookmarked, shared and reloaded. Offline; data only via textContent.
"use strict";
const $ = (id) => document.getElementById(id);
let canned = new Map(); // name -> canned query
let current = null; // the canned query on screen, if any
let view = null; // the view the reader picked (null: the query's own)
let base = null; // the namespace of the build's own IRIs (kgr:), sent with each answer

function el(tag, attrs, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}

// Our own IRIs open their local page (served beside this one); any other IRI is shown, not linked.
function linkFor(iri) {
  if (!base || typeof iri !== "string" || !iri.startsWith(base)) return null;
  const rest = iri.slice(base.length);
  if (!/^[A-Za-z0-9._~\-\/%]+$/.test(rest)) return null;
  return "/id/" + rest;
}

function params() {
  const out = {};
  for (const input of document.querySelectorAll("#params input")) {
    if (input.value.trim() !== "") out["param." + input.name] = input.value.trim();
  }
  return out;
}

// The answer's address: the canned name while the editor still holds its text, else the text.
function state() {
  const s = current && $("editor").value === current.query ? { name: current.name } : { query: $("editor").value };
  Object.assign(s, params());
  if (view) s.view = view;
  return s;
}

function queryUrl(format) {
  const s = state();
  const q = new URLSearchParams({ query: s.name || $("editor").value, format: format, ...params() });
  return "/sparql?" + q.toString();
}

function refreshLinks() {
  $("dl-csv").href = queryUrl("csv");
  $("dl-json").href = queryUrl("json");
  $("dl-ttl").href = queryUrl("ttl");
}

function showParams(q, values) {
  const box = $("params");
  box.replaceChildren();
  for (const p of q ? q.params : []) {
    const label = el("label", {}, p.name + (p.required ? " (required) " : " "));
    const input = el("input", { name: p.name, placeholder: p.type + (p.description ? ": " + p.description : "") });
    input.value = (values && values[p.name]) || "";
    label.append(input);
    box.append(label);
  }
}

function showCanned(q, values) {
  current = q;
  document.querySelectorAll("#canned button").forEach((b) => b.classList.toggle("on", b.dataset.name === (q && q.name)));
  if (!q) return;
  $("editor").value = q.query;
  $("about").textContent = q.title + " — " + q.description;
  showParams(q, values);
  refreshLinks();
}

async function loadCanned() {
  const resp = await fetch("/api/queries");
  const list = await resp.json();
  for (const q of list) {
    canned.set(q.name, q);
    const b = el("button", { type: "button", title: q.description }, q.title);
    b.dataset.name = q.name;
    b.addEventListener("click", () => { view = null; showCanned(q); });
    const li = el("li");
    li.append(b);
    $("canned").append(li);
  }
}

function pageUrl(s) {
  return location.pathname + "?" + new URLSearchParams(s).toString();
}

async function run(push) {
  refreshLinks();
  const s = state();
  const url = pageUrl(s);
  if (push && url !== location.pathname + location.search) history.pushState(s, "", url);
  const out = $("results");
  out.replaceChildren();
  $("status").textContent = "running…";
  let resp, text;
  try {
    resp = await fetch("/api/view?" + new URLSearchParams(s).toString(), { headers: { Accept: "application/json" } });
    text = await resp.text();
  } catch (err) {
    $("status").textContent = "";
    out.append(el("p", { class: "error" }, String(err)));
    return;
  }
  if (!resp.ok) {
    $("status").textContent = `error ${resp.status}`;
    out.append(el("p", { class: "error" }, text));
    return;
  }
  $("status").textContent = "";
  const model = JSON.parse(text);
  base = model.base;
  window.KgViews.render(out, model, view || model.view, {
    linkFor: linkFor,
    onView: (v) => { view = v; history.replaceState(state(), "", pageUrl(state())); },
  });
}

// Show what the page's address asks for: a canned query with parameters, or query text.
function fromUrl() {
  const args = new URLSearchParams(location.search);
  const values = {};
  for (const [k, v] of args) if (k.startsWith("param.")) values[k.slice(6)] = v;
  view = args.get("view");
  const name = args.get("name");
  if (name && canned.has(name)) {
    showCanned(canned.get(name), values);
  } else if (args.has("query")) {
    showCanned(null);
    current = null;
    $("editor").value = args.get("query");
    $("about").textContent = "";
    showParams(null);
  } else {
    if (name) $("about").textContent = "no canned query named " + name;
    return false;
  }
  return true;
}

document.addEventListener("DOMContentLoaded", () => {
  $("run").addEventListener("click", () => run(true));
  $("editor").addEventListener("keydown", (e) => { if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) run(true); });
  $("editor").addEventListener("input", refreshLinks);
  $("params").addEventListener("input", refreshLinks);
  window.addEventListener("popstate", () => { if (fromUrl()) run(false); });
  refreshLinks();
  loadCanned()
    .catch((err) => { $("about").textContent = "could not load the canned queries: " + err; })
    .then(() => { if (fromUrl()) run(false); });
});
