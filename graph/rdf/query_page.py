"""The query page `policykg serve` opens on: the project's prefixes and the named queries one click away.

One self-contained HTML document — inline style and script, no remote resource, so it
works offline and under the endpoint's ``Content-Security-Policy`` (``connect-src
'self'``). The named queries (titles in the user's language, parameters with their
defaults; a link ``/#named=NAME&param=value`` opens and runs one) run through
``/named/NAME?param=value`` (bound by the server like
``policykg query``); the editor sends any query to ``/query``, where the project's
prefixes are predeclared. Results are tables of compact names (``agency:350123/发展和改革局``);
every text reaches the page through ``textContent``, never as markup, and the data
travels as JSON inside a ``<script type="application/json">`` with ``<`` escaped.
"""

from __future__ import annotations

import html
import json
from typing import Any

from policykg.messages import render
from policykg.queries.catalogue import list_queries
from policykg.queries.prefixes import PREFIXES

__all__ = ["query_page", "page_data"]

_LABELS = ("serve_page_title", "serve_page_named", "serve_page_run", "serve_page_editor", "serve_page_prefixes",
           "serve_page_rows", "serve_page_error", "serve_page_busy", "serve_page_example")


def page_data(lang: str) -> dict[str, Any]:
    """What the page shows: labels, prefixes, and each named query with its parameters."""
    return {
        "labels": {key: render(key, lang, rows="{rows}") for key in _LABELS},  # the page fills in {rows}
        "prefixes": PREFIXES,
        "queries": [
            {"name": q.name, "title": q.title(lang), "description": q.description,
             "parameters": [{"name": p.name, "type": p.type, "default": p.default, "description": p.description}
                            for p in q.parameters]}
            for q in list_queries()
        ],
    }


def _json_for_script(data: Any) -> str:
    text = json.dumps(data, ensure_ascii=False)
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                         ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return text


_STYLE = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:0;color:#1b1b1b;background:#fafafa}
header{background:#1f4e79;color:#fff;padding:.6em 1em}header h1{font-size:1.2em;margin:0}
main{display:flex;gap:1em;padding:1em;align-items:flex-start}
#side{flex:0 0 22em;max-height:calc(100vh - 6em);overflow:auto}#work{flex:1;min-width:0}
section{background:#fff;border:1px solid #d0d7de;border-radius:4px;padding:.6em .8em;margin-bottom:1em}
h2{font-size:1em;margin:.2em 0 .5em}ul{list-style:none;padding:0;margin:0}
#named-queries li{border-top:1px solid #eee;padding:.4em 0}#named-queries li:first-child{border-top:0}
#named-queries button.open{all:unset;cursor:pointer;color:#0b57d0}#named-queries .params{margin:.3em 0 0 .6em}
label{display:block;font-size:.85em;margin:.2em 0}input{width:12em}
textarea{width:100%;box-sizing:border-box;height:12em;font-family:monospace;font-size:.9em}
#prefixes{font-family:monospace;font-size:.8em;white-space:pre;overflow:auto;max-height:10em}
table{border-collapse:collapse;font-size:.85em;margin-top:.5em}td,th{border:1px solid #d0d7de;padding:.2em .4em;
vertical-align:top}th{background:#eef3f8}#error{color:#b00020;white-space:pre-wrap}#status{color:#555;font-size:.85em}
"""

_SCRIPT = r"""
const data = JSON.parse(document.getElementById("page-data").textContent);
const L = data.labels;
const bases = Object.entries(data.prefixes).sort((a, b) => b[1].length - a[1].length);
function compact(iri) {
  for (const [name, base] of bases) {
    if (iri.startsWith(base) && iri.length > base.length) {
      const local = iri.slice(base.length);
      try { return name + ":" + decodeURIComponent(local); } catch (e) { return name + ":" + local; }
    }
  }
  return iri;
}
function el(tag, text) { const e = document.createElement(tag); if (text !== undefined) e.textContent = text; return e; }
function showError(text) { document.getElementById("error").textContent = text || ""; }
function showTable(columns, rows) {
  const out = document.getElementById("results");
  out.replaceChildren();
  const table = el("table"), head = el("tr");
  for (const c of columns) head.appendChild(el("th", c));
  table.appendChild(head);
  for (const row of rows) {
    const tr = el("tr");
    for (const c of columns) tr.appendChild(el("td", row[c] === null || row[c] === undefined ? "" : String(row[c])));
    table.appendChild(tr);
  }
  out.appendChild(table);
  document.getElementById("status").textContent = L.serve_page_rows.replace("{rows}", rows.length);
}
async function answer(response) {
  const text = await response.text();
  if (!response.ok) { showError(text); return null; }
  showError("");
  return JSON.parse(text);
}
async function runNamed(query, form) {
  const params = new URLSearchParams();
  for (const p of query.parameters) params.set(p.name, form.querySelector(`[name="${p.name}"]`).value);
  document.getElementById("status").textContent = L.serve_page_busy;
  const result = await answer(await fetch(`/named/${encodeURIComponent(query.name)}?${params}`));
  if (result) showTable(result.columns, result.rows.map(r => Object.fromEntries(
    Object.entries(r).map(([k, v]) => [k, typeof v === "string" && /^https?:\/\//.test(v) ? compact(v) : v]))));
}
async function runEditor() {
  document.getElementById("status").textContent = L.serve_page_busy;
  const response = await fetch("/query", {method: "POST", body: document.getElementById("editor").value,
    headers: {"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"}});
  const result = await answer(response);
  if (!result) return;
  if ("boolean" in result) { showTable(["ask"], [{ask: String(result.boolean)}]); return; }
  const columns = result.head.vars;
  showTable(columns, result.results.bindings.map(b => Object.fromEntries(columns.map(c => [c,
    b[c] === undefined ? "" : b[c].type === "uri" ? compact(b[c].value) : b[c].value]))));
}
const list = document.getElementById("named-queries");
for (const query of data.queries) {
  const li = el("li"); li.dataset.name = query.name;
  const open = el("button", query.title); open.className = "open"; open.title = query.description;
  const form = el("form"); form.className = "params"; form.hidden = true;
  for (const p of query.parameters) {
    const label = el("label", p.name + " "); label.title = p.description;
    const input = el("input"); input.name = p.name; input.value = p.default;
    label.appendChild(input); form.appendChild(label);
  }
  const run = el("button", L.serve_page_run); run.type = "submit"; form.appendChild(run);
  form.addEventListener("submit", e => { e.preventDefault(); runNamed(query, form).catch(x => showError(String(x))); });
  open.addEventListener("click", () => { form.hidden = !form.hidden; });
  li.append(open, el("br"), el("code", query.name), form);
  list.appendChild(li);
}
document.getElementById("prefixes").textContent =
  Object.entries(data.prefixes).map(([n, iri]) => `PREFIX ${n}: <${iri}>`).join("\n");
document.getElementById("editor").value = L.serve_page_example;
document.getElementById("run").addEventListener("click", () => runEditor().catch(x => showError(String(x))));
// a link such as /#named=workload_per_agency&jurisdiction=福清市 opens that query and runs it
function fromHash() {
  const wanted = new URLSearchParams(location.hash.slice(1));
  const li = wanted.get("named") && list.querySelector(`li[data-name="${CSS.escape(wanted.get("named"))}"]`);
  if (!li) return;
  const form = li.querySelector("form");
  form.hidden = false;
  for (const [key, value] of wanted) {
    const input = form.querySelector(`input[name="${CSS.escape(key)}"]`);
    if (input) input.value = value;
  }
  form.requestSubmit();
}
window.addEventListener("hashchange", fromHash);
fromHash();
document.body.dataset.ready = "1";
"""


def query_page(lang: str) -> str:
    """The page as an HTML document in ``lang`` ("zh" or "en")."""
    data = page_data(lang)
    labels = data["labels"]
    return f"""<!DOCTYPE html>
<html lang="{'zh-CN' if lang == 'zh' else 'en'}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">
<title>{html.escape(labels["serve_page_title"])}</title><style>{_STYLE}</style></head>
<body><header><h1>{html.escape(labels["serve_page_title"])}</h1></header>
<main><div id="side"><section><h2>{html.escape(labels["serve_page_named"])}</h2><ul id="named-queries"></ul></section>
<section><h2>{html.escape(labels["serve_page_prefixes"])}</h2><div id="prefixes"></div></section></div>
<div id="work"><section><h2>{html.escape(labels["serve_page_editor"])}</h2>
<textarea id="editor" spellcheck="false"></textarea>
<button id="run" type="button">{html.escape(labels["serve_page_run"])}</button> <span id="status"></span>
<div id="error"></div><div id="results"></div></section></div></main>
<script type="application/json" id="page-data">{_json_for_script(data)}</script>
<script>{_SCRIPT}</script></body></html>
"""
