// policykg network view: one jurisdiction at a time, drawn with vis-network from the embedded data.
// The nodes of a view, its links and the ego view are computed here by the rules network.py states in Python
// (view_nodes, edge_weights, strongest). Every text from a document is put into the page with textContent or
// as a canvas label, never as HTML.
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("viz-data").textContent);
  var T = D.text, C = window.policykgCard, el = C.el;
  var MAX_MEASURE_NODES = 400;
  var container = document.getElementById("network");
  var nodes = new vis.DataSet();
  var edges = new vis.DataSet();
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, D.options);
  var status = document.getElementById("status");
  var card = document.getElementById("card");
  var back = document.getElementById("f-back");
  var current = null, state = { ego: null };

  function size(x, top) { return top > 0 ? Math.round(10 * (8 + 32 * Math.sqrt(Math.max(x, 0) / top))) / 10 : 10; }

  // network.view_nodes: the top agencies by X, the rest merged per (their jurisdiction, sector family).
  function viewNodes(v) {
    var rows = D.views[v].metrics, out = [], top = 0, groups = new Map();
    rows.slice(0, D.topN).forEach(function (r) { top = Math.max(top, r[1]); });
    top = top || 1;
    rows.slice(0, D.topN).forEach(function (r, k) {
      var a = D.agencies[r[0]];
      out.push({ id: a[0], kind: "agency", members: [r[0]], label: k < D.labelled ? a[1] : "", name: a[1],
                 jurisdiction: a[2], family: a[4], x: r[1], size: size(r[1], top), color: D.families[a[4]][2], row: r });
    });
    rows.slice(D.topN).forEach(function (r) {
      var a = D.agencies[r[0]], key = JSON.stringify([a[2], a[4]]);
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(r);
    });
    if (groups.size > D.maxGroups) return out;  // network.view_nodes: too many places at once, the rest not drawn
    Array.from(groups.keys()).sort().forEach(function (key) {
      var pf = JSON.parse(key), members = groups.get(key), x = 0;
      members.forEach(function (r) { x += r[1]; });
      var fam = D.families[pf[1]];
      out.push({ id: "group:" + pf[0] + ":" + fam[0], kind: "group", members: members.map(function (r) { return r[0]; }),
                 label: "", name: T.group_name.replace("{p}", pf[0]).replace("{f}", fam[1]).replace("{n}", members.length),
                 jurisdiction: pf[0], family: pf[1], x: Math.round(x * 1000) / 1000, size: size(Math.min(x, top), top),
                 color: fam[2] });
    });
    return out;
  }

  // network.edge_weights (undirected) or the dependencies lead → partner (directed), for a filter.
  function compute(f) {
    var vn = viewNodes(f.view), nodeOf = new Map(), picked = [], count = new Map(), links = new Map();
    vn.forEach(function (n, i) { n.members.forEach(function (a) { nodeOf.set(a, i); }); });
    D.measures.forEach(function (m, k) {
      if (f.view && m[0] !== f.view) return;
      if (f.ind !== null && m[1] !== f.ind) return;
      if (f.leadOnly && m[2].length === 0) return;
      picked.push(k);
      var members = [];
      m[2].concat(m[3]).forEach(function (a) {
        var i = nodeOf.get(a);
        if (i !== undefined && members.indexOf(i) < 0) members.push(i);
      });
      members.forEach(function (i) { count.set(i, (count.get(i) || 0) + 1); });
      if (f.leadOnly) {
        var leads = [];
        m[2].forEach(function (a) { var i = nodeOf.get(a); if (i !== undefined && leads.indexOf(i) < 0) leads.push(i); });
        leads.forEach(function (a) {
          members.forEach(function (b) {
            if (a === b) return;
            var key = a + ">" + b, e = links.get(key) || { from: a, to: b, value: 0, directed: true };
            e.value += 1; links.set(key, e);
          });
        });
      } else {
        var s = members.slice().sort(function (x, y) { return x - y; });
        for (var x = 0; x < s.length; x++) for (var y = x + 1; y < s.length; y++) {
          var key = s[x] + "-" + s[y], e = links.get(key) || { from: s[x], to: s[y], value: 0, directed: false };
          e.value += 1; links.set(key, e);
        }
      }
    });
    return { nodes: vn, measures: picked, count: count, links: Array.from(links.values()) };
  }

  // network.strongest: the heaviest links only, ties by node indices.
  function strongest(links) {
    return links.slice().sort(function (a, b) {
      return (b.value - a.value) || (a.from - b.from) || (a.to - b.to);
    }).slice(0, D.maxEdges);
  }

  function tooltip(n, inFilter) {
    var box = el("div", null, "tip");
    box.appendChild(el("b", n.name));
    var t = el("table"), rows = [[T.jurisdiction, n.jurisdiction || "—"], [T.sector, D.families[n.family][1]],
                                 [T.cross_cutting, n.x.toFixed(2)]];
    if (n.row) rows.push([T.lead_count, n.row[6]], [T.responsible_count, n.row[7]], [T.partner_count, n.row[5]]);
    if (inFilter !== undefined) rows.push([T.in_filter, inFilter]);
    rows.forEach(function (r) { var tr = el("tr"); tr.appendChild(el("th", r[0])); tr.appendChild(el("td", r[1])); t.appendChild(tr); });
    box.appendChild(t);
    return box;
  }

  function measureTooltip(k) {
    var m = D.measures[k], box = el("div", null, "tip");
    box.appendChild(el("p", m[6], "measure-text"));
    box.appendChild(el("p", D.statuses[m[5]] + " · " + (m[4] || "—") + " · " + D.sources[m[7]] + " : " + T.line + " " + m[8]));
    return box;
  }

  function readFilter() {
    var ind = document.getElementById("f-ind").value;
    return { view: Number(document.getElementById("f-view").value), ind: ind === "" ? null : Number(ind),
             leadOnly: document.getElementById("f-lead").checked,
             measureNodes: document.getElementById("f-measures").checked };
  }

  function legend(r, kept) {
    var sizes = document.getElementById("legend-sizes"), widths = document.getElementById("legend-widths");
    var fams = document.getElementById("legend-families"), groups = document.getElementById("legend-groups");
    sizes.textContent = ""; widths.textContent = ""; fams.textContent = "";
    var agencies = r.nodes.filter(function (n) { return n.kind === "agency"; });
    var top = agencies.length ? agencies[0] : null;
    if (top) {
      [top.x, top.x / 4, top.x / 16].forEach(function (x) {
        var fig = el("figure"), dot = el("span", null, "dot"), d = 2 * size(x, top.x);
        dot.style.width = d + "px"; dot.style.height = d + "px";
        fig.appendChild(dot); fig.appendChild(el("figcaption", "X " + x.toFixed(1)));
        sizes.appendChild(fig);
      });
    }
    var values = kept.map(function (e) { return e.value; });
    if (values.length) {
      var hi = Math.max.apply(null, values), lo = Math.min.apply(null, values);
      [hi, Math.round((hi + lo) / 2), lo].filter(function (v, i, a) { return a.indexOf(v) === i; }).forEach(function (v) {
        var fig = el("figure"), line = el("span", null, "line");
        line.style.height = (hi > lo ? 1 + 9 * (v - lo) / (hi - lo) : 2).toFixed(1) + "px";
        fig.appendChild(line); fig.appendChild(el("figcaption", String(v)));
        widths.appendChild(fig);
      });
    }
    var byFamily = new Map();
    r.nodes.forEach(function (n, i) { if (r.count.has(i)) byFamily.set(n.family, (byFamily.get(n.family) || 0) + n.members.length); });
    D.families.forEach(function (f, i) {
      if (!byFamily.has(i)) return;
      var li = el("li"), sw = el("span", null, "swatch");
      sw.style.background = f[2];
      li.appendChild(sw); li.appendChild(el("span", f[1] + " ")); li.appendChild(el("small", byFamily.get(i)));
      fams.appendChild(li);
    });
    var total = D.views[readFilter().view].metrics.length, merged = r.nodes.length > D.topN;
    groups.textContent = total <= D.topN ? "" : (merged ? T.groups : T.hidden).replace("{n}", total).replace("{k}", D.topN);
  }

  function settle() {
    network.setOptions({ physics: { enabled: true } });
    network.stabilize(D.options.physics.stabilization.iterations);
  }

  function visNode(n, i, count) {
    var out = { id: n.id, label: n.label || undefined, color: n.color, size: n.size, shape: n.kind === "group" ? "diamond" : "dot",
                title: tooltip(n, count), x: undefined, y: undefined, fixed: false };
    if (n.label) out.font = { size: 16 + Math.round(n.size / 6) };
    return out;
  }

  function apply(f) {
    var r = compute(f), vNodes = [], vEdges = [], note = "";
    state.ego = null; back.hidden = true;
    r.nodes.forEach(function (n, i) { if (r.count.has(i)) vNodes.push(visNode(n, i, r.count.get(i))); });
    var viewMeasures = r.measures.length;
    var showMeasures = f.measureNodes && D.texts && viewMeasures <= MAX_MEASURE_NODES;
    var kept = strongest(r.links);
    if (f.measureNodes && !showMeasures) note = " · " + T.tooMany.replace("{n}", viewMeasures);
    if (showMeasures) {
      var nodeOf = new Map();
      r.nodes.forEach(function (n, i) { n.members.forEach(function (a) { nodeOf.set(a, i); }); });
      r.measures.forEach(function (k) {
        var m = D.measures[k], id = "m" + k;
        vNodes.push({ id: id, label: m[6].slice(0, 12) + (m[6].length > 12 ? "…" : ""), shape: "square",
                      size: 6, color: "#cfd8dc", font: { size: 10 }, title: measureTooltip(k) });
        m[2].forEach(function (a) { if (nodeOf.has(a)) vEdges.push({ from: r.nodes[nodeOf.get(a)].id, to: id, width: 2.5, arrows: "to" }); });
        m[3].forEach(function (a) { if (nodeOf.has(a)) vEdges.push({ from: r.nodes[nodeOf.get(a)].id, to: id, width: 1, dashes: true }); });
      });
    } else {
      if (kept.length < r.links.length) note += " · " + T.pruned;
      kept.forEach(function (e) {
        var a = r.nodes[e.from], b = r.nodes[e.to];
        vEdges.push({ from: a.id, to: b.id, value: e.value, arrows: e.directed ? "to" : undefined,
                      title: a.name + (e.directed ? " → " : " — ") + b.name + "：" + e.value });
      });
    }
    network.setOptions({ edges: { smooth: f.leadOnly && !showMeasures ? { type: "curvedCW", roundness: 0.12 } : false } });
    nodes.clear(); edges.clear();
    nodes.add(vNodes); edges.add(vEdges);
    status.textContent = T.status.replace("{n}", vNodes.length).replace("{e}", vEdges.length).replace("{m}", viewMeasures) + note;
    legend(r, kept);
    current = r;
    settle();
    return r;
  }

  // The ego view: an agency in the middle, its partners (in the view and filter) on a circle, all labelled.
  function ego(a) {
    var f = readFilter(), partners = new Map(), viewMeasures = 0;
    D.measures.forEach(function (m) {
      if (f.view && m[0] !== f.view) return;
      if (f.ind !== null && m[1] !== f.ind) return;
      var all = m[2].concat(m[3]);
      if (all.indexOf(a) < 0) return;
      viewMeasures += 1;
      all.forEach(function (b) { if (b !== a) partners.set(b, (partners.get(b) || 0) + 1); });
    });
    var list = Array.from(partners.entries()).sort(function (x, y) { return (y[1] - x[1]) || (x[0] - y[0]); });
    var shown = list.slice(0, D.egoPartners), top = shown.length ? shown[0][1] : 1;
    var ag = D.agencies[a], vNodes = [], vEdges = [];
    vNodes.push({ id: ag[0], label: ag[1], color: D.families[ag[4]][2], size: 34, x: 0, y: 0, fixed: true,
                  font: { size: 28 }, shape: "dot" });
    var ring = Math.max(320, 18 * shown.length);
    shown.forEach(function (pn, i) {
      var b = D.agencies[pn[0]], angle = 2 * Math.PI * i / Math.max(shown.length, 1) - Math.PI / 2;
      var r = ring * (shown.length > 24 && i % 2 ? 1.25 : 1);
      vNodes.push({ id: b[0], label: b[1] + " " + pn[1], color: D.families[b[4]][2], size: 8 + 14 * pn[1] / top,
                    x: r * Math.cos(angle), y: r * Math.sin(angle), fixed: true, font: { size: 22 }, shape: "dot" });
      vEdges.push({ from: ag[0], to: b[0], value: pn[1], title: ag[1] + " — " + b[1] + "：" + pn[1] });
    });
    network.setOptions({ physics: { enabled: false }, edges: { smooth: false } });
    nodes.clear(); edges.clear();
    nodes.add(vNodes); edges.add(vEdges);
    network.fit();
    state.ego = a; back.hidden = false;
    status.textContent = T.ego_status.replace("{a}", ag[1]).replace("{n}", list.length).replace("{k}", shown.length);
    document.body.setAttribute("data-ego", ag[0]);
    document.body.setAttribute("data-ready", "1");
    return list;
  }

  function indexOfId(id) {
    for (var i = 0; i < D.agencies.length; i++) if (D.agencies[i][0] === id) return i;
    return -1;
  }

  function open(a) {
    var button = el("button", T.ego, "ego-button");
    button.type = "button";
    button.addEventListener("click", function () { ego(a); });
    C.render(card, D, T, a, readFilter().view, open, button);
  }

  network.on("click", function (p) {
    if (!p.nodes.length) return;
    var a = indexOfId(p.nodes[0]);
    if (a >= 0) open(a);
  });

  network.on("stabilizationIterationsDone", function () {
    network.setOptions({ physics: { enabled: false } });
    network.fit();
    document.body.setAttribute("data-ready", "1");
  });

  ["f-view", "f-ind", "f-lead", "f-measures"].forEach(function (id) {
    document.getElementById(id).addEventListener("change", function () {
      document.body.removeAttribute("data-ready");
      document.body.removeAttribute("data-ego");
      card.hidden = true;
      apply(readFilter());
    });
  });
  back.addEventListener("click", function () {
    document.body.removeAttribute("data-ready");
    document.body.removeAttribute("data-ego");
    apply(readFilter());
  });

  // First draw: the first view as network.py built it (pyvis), every filter off.
  var first = compute({ view: D.first.view, ind: null, leadOnly: false });
  first.nodes.forEach(function (n, i) { if (first.count.has(i)) nodes.add(visNode(n, i, first.count.get(i))); });
  var byId = new Map(first.nodes.map(function (n) { return [n.id, n]; }));
  var firstEdges = D.first.edges.map(function (e) {
    return { from: e.from, to: e.to, value: e.value, title: byId.get(e.from).name + " — " + byId.get(e.to).name + "：" + e.value };
  });
  edges.add(firstEdges);
  status.textContent = T.status.replace("{n}", nodes.length).replace("{e}", edges.length).replace("{m}", first.measures.length) +
    (first.links.length > D.first.edges.length ? " · " + T.pruned : "");
  legend(first, firstEdges);
  current = first;
  settle();

  window.policykgNetwork = { data: D, compute: compute, strongest: strongest, viewNodes: viewNodes, apply: apply, ego: ego,
                             open: open, network: network, nodes: nodes, edges: edges, tooltip: tooltip,
                             measureTooltip: measureTooltip, current: function () { return current; } };
})();
