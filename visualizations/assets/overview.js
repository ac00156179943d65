// policykg overview: the answer first — the cross-cutting ranking (X with its parts) and who depends on whom
// (lead → the agencies it must coordinate), for one jurisdiction or all; any agency opens its card.
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("viz-data").textContent);
  var T = D.text, C = window.policykgCard, el = C.el;
  var select = document.getElementById("f-view");
  var card = document.getElementById("card");

  function agencyButton(a, cls) {
    var b = el("button", D.agencies[a][1], cls || "agency");
    b.type = "button";
    b.setAttribute("data-agency-index", a);
    b.title = D.agencies[a][2] + " · " + (D.agencies[a][3] || "—");
    return b;
  }

  function statuses(v) {
    var box = document.getElementById("statuses");
    box.textContent = "";
    D.views[v].statuses.forEach(function (n, i) {
      if (i < 4) box.appendChild(el("span", D.statuses[i] + " " + n, "badge s" + i));
    });
  }

  function ranking(v) {
    var list = document.getElementById("ranking");
    list.textContent = "";
    var rows = D.views[v].metrics.slice(0, D.rankingRows);
    var top = rows.length ? rows[0][1] || 1 : 1;
    rows.forEach(function (r, k) {
      var a = r[0], li = el("li", null, "rank-row");
      li.setAttribute("data-agency-index", a);
      li.appendChild(el("span", k + 1, "rank"));
      var who = el("span", null, "who");
      who.appendChild(agencyButton(a));
      who.appendChild(el("span", D.agencies[a][2], "place"));
      li.appendChild(who);
      // X = W·P split as the led part L·P (lead weight 1) and the supporting part, X − L·P
      var bar = el("span", null, "xbar"), lead = r[2] > 0 ? r[1] * r[6] / r[2] : 0;
      var p1 = el("span", null, "part lead"), p2 = el("span", null, "part support");
      p1.style.width = (100 * lead / top).toFixed(1) + "%";
      p2.style.width = (100 * (r[1] - lead) / top).toFixed(1) + "%";
      p1.title = T.lead_part + " " + lead.toFixed(2);
      p2.title = T.support_part + " " + (r[1] - lead).toFixed(2);
      bar.appendChild(p1); bar.appendChild(p2);
      bar.appendChild(el("b", r[1].toFixed(2), "xval"));
      li.appendChild(bar);
      li.appendChild(el("span", r[4], "num"));
      li.appendChild(el("span", r[3].toFixed(2), "num"));
      li.appendChild(el("span", r[5], "num"));
      li.appendChild(el("span", (r[8] ? Math.round(100 * r[6] / r[8]) : 0) + "%", "num"));
      list.appendChild(li);
    });
  }

  function dependencies(v) {
    var box = document.getElementById("dependencies");
    box.textContent = "";
    var deps = D.views[v].dependencies;
    var top = 1;
    deps.forEach(function (d) { d[1].forEach(function (pn) { top = Math.max(top, pn[1]); }); });
    deps.forEach(function (d) {
      var row = el("div", null, "dep-row");
      row.setAttribute("data-agency-index", d[0]);
      row.appendChild(agencyButton(d[0], "agency lead"));
      row.appendChild(el("span", "→", "arrow"));
      var chips = el("span", null, "chips");
      d[1].slice(0, D.partnersShown).forEach(function (pn) {
        var b = agencyButton(pn[0], "chip");
        b.textContent = D.agencies[pn[0]][1] + " " + pn[1];
        b.style.setProperty("--w", (0.25 + 0.75 * pn[1] / top).toFixed(2));
        chips.appendChild(b);
      });
      if (d[1].length > D.partnersShown) chips.appendChild(el("span", T.more.replace("{n}", d[1].length - D.partnersShown), "more"));
      row.appendChild(chips);
      box.appendChild(row);
    });
    if (!deps.length) box.appendChild(el("p", T.none, "note"));
  }

  function open(a) {
    C.render(card, D, T, a, Number(select.value), open);
  }

  document.addEventListener("click", function (ev) {
    var b = ev.target.closest("button[data-agency-index]");
    if (b && !card.contains(b)) open(Number(b.getAttribute("data-agency-index")));
  });

  function show() {
    var v = Number(select.value);
    document.body.removeAttribute("data-ready");
    statuses(v); ranking(v); dependencies(v);
    card.hidden = true;
    document.body.setAttribute("data-view", v);
    document.body.setAttribute("data-ready", "1");
  }
  select.addEventListener("change", show);
  show();

  // An agency named by its id: by the dashboard (clicked in another view) or by overview.html#agency=ID.
  function openId(id) {
    for (var i = 0; i < D.agencies.length; i++) {
      if (D.agencies[i][0] === id) { open(i); card.scrollIntoView({ block: "nearest" }); return; }
    }
  }
  window.addEventListener("message", function (ev) {
    var d = ev.data;
    if (ev.source === window.parent && d && d.policykg === "agency" && typeof d.id === "string") openId(d.id);
  });
  var asked = /^#agency=(.+)$/.exec(window.location.hash);
  if (asked) openId(decodeURIComponent(asked[1]));

  window.policykgOverview = { data: D, open: open, show: show };
})();
