// policykg dashboard: one tab per view; each view lives in its own frame, kept laid out while hidden
// so that the network keeps its size and layout when its tab is shown again.
(function () {
  "use strict";
  var buttons = document.querySelectorAll(".tabs button[data-pane]");
  var frames = document.querySelectorAll(".panes iframe");
  function show(i) {
    buttons.forEach(function (b, k) { b.classList.toggle("active", k === i); });
    frames.forEach(function (f, k) { f.classList.toggle("active", k === i); });
  }
  buttons.forEach(function (b, k) { b.addEventListener("click", function () { show(k); }); });
  show(0);

  // An agency clicked in a table view (heatmap, timeline) opens its card in the overview.
  var overview = document.querySelector(".panes iframe[data-view=overview]");
  window.addEventListener("message", function (ev) {
    var d = ev.data;
    if (!overview || !d || d.policykg !== "agency" || typeof d.id !== "string") return;
    var from = Array.prototype.some.call(frames, function (f) { return f.contentWindow === ev.source; });
    if (!from) return;
    show(Array.prototype.indexOf.call(frames, overview));
    overview.contentWindow.postMessage({ policykg: "agency", id: d.id }, "*");
  });
  document.body.setAttribute("data-ready", "1");
})();
