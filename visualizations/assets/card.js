// policykg agency card: one agency's figures, measures (led / supporting, with deadline, status, document and
// line), partners and indicators, computed from the embedded measure records. Shared by the overview and the
// network page. Every document text is set with textContent, never as HTML.
(function () {
  "use strict";
  var CARD_ROWS = 60;

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  function fmt(x, digits) {
    if (x === null || x === undefined) return "—";
    return typeof x === "number" && digits !== undefined ? x.toFixed(digits) : String(x);
  }

  // The agency's measures in a view (0 = all), its partners and indicators, counted in the browser.
  function gather(D, a, view) {
    var led = [], supporting = [], partners = new Map(), indicators = new Map(), statuses = D.statuses.map(function () { return 0; });
    D.measures.forEach(function (m, k) {
      if (view && m[0] !== view) return;
      var isLead = m[2].indexOf(a) >= 0, isPartner = m[3].indexOf(a) >= 0;
      if (!isLead && !isPartner) return;
      (isLead ? led : supporting).push(k);
      statuses[m[5]] += 1;
      if (m[1] >= 0) indicators.set(m[1], (indicators.get(m[1]) || 0) + 1);
      m[2].concat(m[3]).forEach(function (b) { if (b !== a) partners.set(b, (partners.get(b) || 0) + 1); });
    });
    var order = function (x, y) {
      var p = D.measures[x], q = D.measures[y];
      var ps = D.sources[p[7]], qs = D.sources[q[7]];
      return (p[5] - q[5]) || (p[4] < q[4] ? -1 : p[4] > q[4] ? 1 : 0) || (ps < qs ? -1 : ps > qs ? 1 : 0) || (p[8] - q[8]);
    };
    led.sort(order); supporting.sort(order);
    return { led: led, supporting: supporting, statuses: statuses,
             partners: Array.from(partners.entries()).sort(function (x, y) { return (y[1] - x[1]) || (x[0] - y[0]); }),
             indicators: Array.from(indicators.entries()).sort(function (x, y) { return (y[1] - x[1]) || (x[0] - y[0]); }) };
  }

  function metricsOf(D, a, view) {
    var rows = D.views[view].metrics;
    for (var i = 0; i < rows.length; i++) if (rows[i][0] === a) return rows[i];
    return null;
  }

  function measureList(D, T, list) {
    var ul = el("ul", null, "card-measures");
    list.slice(0, CARD_ROWS).forEach(function (k) {
      var m = D.measures[k], li = el("li");
      li.appendChild(el("span", D.statuses[m[5]], "badge s" + m[5]));
      li.appendChild(el("span", m[4] === "ongoing" || m[4] === "conditional" ? D.statuses[m[5]] : (m[4] || "—"), "when"));
      if (m[1] >= 0) li.appendChild(el("span", D.indicators[m[1]], "ind"));
      li.appendChild(el("span", m[6] || "", "text"));
      li.appendChild(el("span", D.sources[m[7]] + " : " + T.line + " " + m[8], "where"));
      ul.appendChild(li);
    });
    if (list.length > CARD_ROWS) ul.appendChild(el("li", T.more.replace("{n}", list.length - CARD_ROWS), "more"));
    return ul;
  }

  // Fill `box` with the card of agency `a` as seen in `view`; `open(b)` is called when a partner is clicked.
  function render(box, D, T, a, view, open, extra) {
    var ag = D.agencies[a], g = gather(D, a, view), row = metricsOf(D, a, view) || metricsOf(D, a, 0);
    box.textContent = "";
    box.setAttribute("data-agency", ag[0]);
    var head = el("div", null, "card-head");
    head.appendChild(el("h2", ag[1]));
    var close = el("button", "×", "close");
    close.type = "button"; close.title = T.close;
    close.addEventListener("click", function () { box.hidden = true; });
    head.appendChild(close);
    box.appendChild(head);
    box.appendChild(el("p", [ag[2] || "—", ag[3] || "—", D.families[ag[4]][1]].join(" · "), "card-sub"));
    if (extra) box.appendChild(extra);
    if (row) {
      var t = el("table", null, "card-figures");
      [[T.cross_cutting, fmt(row[1], 2)], [T.weighted_load, fmt(row[2], 1)], [T.participation, fmt(row[3], 3)],
       [T.indicator_breadth, row[4]], [T.partner_count, row[5]], [T.lead_count, row[6]], [T.responsible_count, row[7]],
       [T.overdue, fmt(row[9])], [T.due_soon, fmt(row[10])]].forEach(function (r) {
        var tr = el("tr"); tr.appendChild(el("th", r[0])); tr.appendChild(el("td", r[1])); t.appendChild(tr);
      });
      box.appendChild(t);
    }
    var st = el("p", null, "card-statuses");
    g.statuses.forEach(function (n, i) { if (n) st.appendChild(el("span", D.statuses[i] + " " + n, "badge s" + i)); });
    box.appendChild(st);
    if (!D.texts) box.appendChild(el("p", T.no_texts, "note"));
    box.appendChild(el("h3", T.led + " (" + g.led.length + ")"));
    box.appendChild(measureList(D, T, g.led));
    box.appendChild(el("h3", T.supporting + " (" + g.supporting.length + ")"));
    box.appendChild(measureList(D, T, g.supporting));
    box.appendChild(el("h3", T.partners + " (" + g.partners.length + ")"));
    var pl = el("p", null, "card-partners");
    g.partners.slice(0, 30).forEach(function (pn) {
      var b = el("button", D.agencies[pn[0]][1] + " " + pn[1], "chip");
      b.type = "button";
      b.setAttribute("data-agency-index", pn[0]);
      b.addEventListener("click", function () { open(pn[0]); });
      pl.appendChild(b);
    });
    if (g.partners.length > 30) pl.appendChild(el("span", T.more.replace("{n}", g.partners.length - 30), "more"));
    box.appendChild(pl);
    box.appendChild(el("h3", T.indicators + " (" + g.indicators.length + ")"));
    box.appendChild(el("p", g.indicators.map(function (x) { return D.indicators[x[0]] + " " + x[1]; }).join("、"), "card-indicators"));
    box.hidden = false;
    box.scrollTop = 0;
    return g;
  }

  window.policykgCard = { render: render, gather: gather, metricsOf: metricsOf, el: el, fmt: fmt };
})();
