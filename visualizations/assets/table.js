// policykg matrix tables: sort rows by a clicked column, filter them by group and by name, and open the card
// of an agency whose name is clicked. Rows are only moved and hidden; no text is written as HTML.
(function () {
  "use strict";
  var table = document.querySelector("table.matrix");
  var body = table.tBodies[0];
  var group = document.getElementById("f-group"), name = document.getElementById("f-name");
  var order = {};

  function key(row, col) {
    var cell = row.children[col];
    if (col === 0) return cell.textContent;
    var n = Number(cell.textContent);
    return isNaN(n) ? 0 : n;
  }

  table.tHead.rows[0].addEventListener("click", function (ev) {
    var th = ev.target.closest("th[data-col]");
    if (!th) return;
    var col = Number(th.getAttribute("data-col"));
    var dir = order[col] = -(order[col] || (col === 0 ? -1 : 1));
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = key(a, col), y = key(b, col);
      if (col === 0) return dir * x.localeCompare(y, "zh-CN");
      return dir * (x - y);
    });
    rows.forEach(function (r) { body.appendChild(r); });
  });

  function filter() {
    var g = group.value, q = name.value.trim();
    Array.prototype.forEach.call(body.rows, function (r) {
      var ok = (!g || r.getAttribute("data-group") === g) && (!q || r.children[0].textContent.indexOf(q) >= 0);
      r.hidden = !ok;
    });
  }
  // The card lives in the overview: inside the dashboard, ask the dashboard to show it (it forwards the
  // agency id to the overview's frame); as a page of its own, open overview.html, written beside it.
  body.addEventListener("click", function (ev) {
    var b = ev.target.closest("th button.agency");
    if (!b) return;
    var id = b.closest("tr").getAttribute("data-agency");
    if (window.parent !== window) window.parent.postMessage({ policykg: "agency", id: id }, "*");
    else window.location.href = "overview.html#agency=" + encodeURIComponent(id);
  });

  group.addEventListener("change", filter);
  name.addEventListener("input", filter);
  document.body.setAttribute("data-ready", "1");
})();
