// policykg network view: draws the embedded data with vis-network and redraws it for each filter.
// Every text from a document is put into the page with textContent or as a canvas label,
// never as HTML (vis-network renders a string title as text; an element title as given).
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("viz-data").textContent);
  var MAX_MEASURE_NODES = 400;
  var container = document.getElementById("network");
  var nodes = new vis.DataSet();
  var edges = new vis.DataSet();
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, D.options);
  var status = document.getElementById("status");

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  function table(rows) {
    var t = el("table");
    rows.forEach(function (r) {
      var tr = el("tr");
      tr.appendChild(el("th", r[0]));
      tr.appendChild(el("td", r[1]));
      t.appendChild(tr);
    });
    return t;
  }

  function nodeTooltip(n, inFilter) {
    var box = el("div", null, "tip");
    box.appendChild(el("b", n.label));
    var rows = [];
    if (n.jurisdiction) rows.push([D.text.jurisdiction, n.jurisdiction]);
    if (n.sector) rows.push([D.text.sector, n.sector]);
    rows = rows.concat(n.figures || []);
    if (inFilter !== undefined) rows.push([D.text.in_filter, inFilter]);
    box.appendChild(table(rows));
    return box;
  }

  function measureTooltip(i) {
    var m = D.measures[i];
    var box = el("div", null, "tip");
    box.appendChild(el("p", m[5], "measure-text"));
    var names = function (list) { return list.map(function (k) { return D.nodes[k].label; }).join("、"); };
    box.appendChild(table([
      [D.text.indicator, m[1] >= 0 ? D.indicators[m[1]] : "—"],
      [D.text.lead, names(m[2]) || "—"],
      [D.text.responsible, names(m[3]) || "—"],
      [D.text.deadline, m[4] || "—"],
      [D.text.source, m[6]]
    ]));
    return box;
  }

  // The filtered graph: which measures, which nodes, which links (same rule as network.edge_weights).
  function compute(f) {
    var picked = [], count = new Map(), links = new Map();
    D.measures.forEach(function (m, i) {
      if (f.jur !== null && m[0] !== f.jur) return;
      if (f.ind !== null && m[1] !== f.ind) return;
      if (f.leadOnly && m[2].length === 0) return;
      picked.push(i);
      var members = m[2].concat(m[3]);
      members.forEach(function (k) { count.set(k, (count.get(k) || 0) + 1); });
      if (f.leadOnly) {
        m[2].forEach(function (a) {
          members.forEach(function (b) {
            if (a === b) return;
            var key = a + ">" + b;
            var e = links.get(key) || { from: a, to: b, value: 0, directed: true };
            e.value += 1; links.set(key, e);
          });
        });
      } else {
        var s = members.slice().sort(function (x, y) { return x - y; });
        for (var x = 0; x < s.length; x++) for (var y = x + 1; y < s.length; y++) {
          var key = s[x] + "-" + s[y];
          var e = links.get(key) || { from: s[x], to: s[y], value: 0, directed: false };
          e.value += 1; links.set(key, e);
        }
      }
    });
    return { measures: picked, count: count, links: Array.from(links.values()) };
  }

  // The heaviest links only, ties by node indices: the same rule as network.strongest in Python.
  function strongest(links) {
    var sorted = links.slice().sort(function (a, b) {
      return (b.value - a.value) || (a.from - b.from) || (a.to - b.to);
    });
    return sorted.slice(0, D.maxEdges);
  }

  function readFilter() {
    var jur = document.getElementById("f-jur").value, ind = document.getElementById("f-ind").value;
    return {
      jur: jur === "" ? null : Number(jur), ind: ind === "" ? null : Number(ind),
      leadOnly: document.getElementById("f-lead").checked,
      measureNodes: document.getElementById("f-measures").checked
    };
  }

  function fmt(template, n, e, m) {
    return template.replace("{n}", n).replace("{e}", e).replace("{m}", m);
  }

  function settle() {
    network.setOptions({ physics: { enabled: true } });
    network.stabilize(D.options.physics.stabilization.iterations);
  }

  function apply(f) {
    var r = compute(f);
    var vNodes = [], vEdges = [], note = "";
    r.count.forEach(function (c, k) {
      var n = D.nodes[k];
      vNodes.push({ id: n.id, label: n.label, shape: n.shape, color: n.color, size: n.size,
                    title: nodeTooltip(n, c) });
    });
    var showMeasures = f.measureNodes && D.measureTexts && r.measures.length <= MAX_MEASURE_NODES;
    if (f.measureNodes && !showMeasures) note = " · " + D.tooMany.replace("{n}", r.measures.length);
    if (showMeasures) {
      r.measures.forEach(function (i) {
        var m = D.measures[i], id = "m" + i;
        vNodes.push({ id: id, label: m[5].slice(0, 12) + (m[5].length > 12 ? "…" : ""), shape: "square",
                      size: 6, color: "#cfd8dc", font: { size: 10 }, title: measureTooltip(i) });
        m[2].forEach(function (k) { vEdges.push({ from: D.nodes[k].id, to: id, width: 2.5, arrows: "to" }); });
        m[3].forEach(function (k) { vEdges.push({ from: D.nodes[k].id, to: id, width: 1, dashes: true }); });
      });
    } else {
      var kept = strongest(r.links);
      if (kept.length < r.links.length) note += " · " + D.pruned;
      kept.forEach(function (e) {
        var a = D.nodes[e.from], b = D.nodes[e.to];
        vEdges.push({ from: a.id, to: b.id, value: e.value, arrows: e.directed ? "to" : undefined,
                      title: a.label + (e.directed ? " → " : " — ") + b.label + "：" + e.value });
      });
    }
    network.setOptions({ edges: { smooth: f.leadOnly && !showMeasures ? { type: "curvedCW", roundness: 0.12 } : false } });
    nodes.clear(); edges.clear();
    nodes.add(vNodes); edges.add(vEdges);
    status.textContent = fmt(D.statusTemplate, vNodes.length, vEdges.length, r.measures.length) + note;
    settle();
    return r;
  }

  network.on("stabilizationIterationsDone", function () {
    network.setOptions({ physics: { enabled: false } });
    network.fit();
    document.body.setAttribute("data-ready", "1");
  });

  ["f-jur", "f-ind", "f-lead", "f-measures"].forEach(function (id) {
    document.getElementById(id).addEventListener("change", function () {
      document.body.removeAttribute("data-ready");
      apply(readFilter());
    });
  });

  // First draw: the edges computed in Python (pyvis network), every filter off.
  var initial = compute({ jur: null, ind: null, leadOnly: false });
  var counts = initial.count, initialLinks = initial.links.length;
  nodes.add(D.nodes.filter(function (n, k) { return counts.has(k); }).map(function (n) {
    return { id: n.id, label: n.label, shape: n.shape, color: n.color, size: n.size, title: nodeTooltip(n) };
  }));
  var byId = new Map(D.nodes.map(function (n) { return [n.id, n]; }));
  edges.add(D.edges.map(function (e) {
    return { from: e.from, to: e.to, value: e.value,
             title: byId.get(e.from).label + " — " + byId.get(e.to).label + "：" + e.value };
  }));
  status.textContent = fmt(D.statusTemplate, nodes.length, edges.length, D.measures.length) +
    (initialLinks > D.edges.length ? " · " + D.pruned : "");
  settle();

  window.policykgNetwork = { data: D, compute: compute, strongest: strongest, apply: apply, network: network, nodes: nodes,
                             edges: edges, nodeTooltip: nodeTooltip, measureTooltip: measureTooltip };
})();
