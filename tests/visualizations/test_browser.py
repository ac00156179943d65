"""The pages in real headless Chromium, offline: they load cleanly, draw, filter, and never run document text.

Screenshots are kept in test-artifacts/visualizations/ (gitignored) for a person to look at.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from PIL import Image, ImageStat

from policykg.graph.analytics.metrics import agency_metrics
from policykg.visualizations.dashboard import write_views
from policykg.visualizations.network import build_network_data, render_network_html
from tests.support.viz_corpora import payload_corpus, scale_corpus, scale_metrics

READY = "document.body && document.body.getAttribute('data-ready') === '1'"
FRAMES_READY = ("Array.from(document.querySelectorAll('iframe')).every(f => f.contentDocument && "
                "f.contentDocument.body && f.contentDocument.body.getAttribute('data-ready') === '1')")
_CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">\n')


@pytest.fixture(scope="module")
def views(tmp_path_factory, sample_corpus) -> dict[str, Path]:
    return write_views(sample_corpus, tmp_path_factory.mktemp("views"), png=False).paths


@pytest.fixture(scope="module")
def payload_views(tmp_path_factory, sample_corpus) -> dict[str, Path]:
    """The views of a corpus whose names and texts hold script payloads, with and without the page CSP."""
    folder = tmp_path_factory.mktemp("payload")
    paths = write_views(payload_corpus(sample_corpus), folder, png=False).paths
    out = {}
    for name, path in paths.items():
        out[name] = path
        bare = folder / f"{name}-no-csp.html"  # escaping alone must hold, without the CSP's second line
        bare.write_text(_CSP_META.sub("", path.read_text(encoding="utf-8")), encoding="utf-8")
        out[f"{name}-no-csp"] = bare
    return out


def assert_not_blank(path: Path, box: tuple[int, int, int, int] | None = None) -> None:
    image = Image.open(path).convert("L")
    if box is not None:
        image = image.crop(box)
    inked = sum(1 for p in (image.get_flattened_data() if hasattr(image, 'get_flattened_data') else image.getdata()) if p < 235)
    assert ImageStat.Stat(image).stddev[0] > 8, f"{path.name}: blank"
    assert inked > 0.01 * image.width * image.height, f"{path.name}: almost nothing drawn ({inked} px)"


def _box(page, selector: str) -> tuple[int, int, int, int]:
    r = page.eval(f"(() => {{ const r = document.querySelector({json.dumps(selector)}).getBoundingClientRect();"
                  " return [r.left, r.top, r.right, r.bottom]; })()")
    return tuple(int(v) for v in r)


@pytest.mark.parametrize("name", ["network", "heatmap", "timeline", "dashboard"])
def test_page_loads_offline_without_errors(page, views, name):
    page.goto(views[name])
    page.wait_for(READY)
    if name == "dashboard":
        page.wait_for(FRAMES_READY, timeout=30)
    shot = page.screenshot(f"{name}.png")
    assert page.errors() == []
    assert page.requests() == []
    assert_not_blank(shot)


def test_network_canvas_is_drawn(page, views):
    page.goto(views["network"])
    page.wait_for(READY)
    shot = page.screenshot("network_canvas.png")
    assert_not_blank(shot, _box(page, "#network canvas"))
    assert page.eval("policykgNetwork.nodes.length") == len(json.loads(page.eval(
        "document.getElementById('viz-data').textContent"))["nodes"])


def test_network_tooltip_shows_the_agency_figures(page, views):
    page.goto(views["network"])
    page.wait_for(READY)
    x, y = page.eval("""(() => { const n = policykgNetwork.network;
        const id = policykgNetwork.nodes.get().sort((a, b) => b.size - a.size)[0].id;
        const p = n.canvasToDOM(n.getPosition(id)); const r = document.getElementById('network').getBoundingClientRect();
        return [p.x + r.left, p.y + r.top]; })()""")
    page.hover(x - 5, y - 5)
    page.hover(x, y)
    text = page.wait_for("(() => { const t = document.querySelector('div.vis-tooltip');"
                         " return t && t.style.visibility !== 'hidden' && t.textContent; })()", timeout=10)
    assert "牵头措施" in text and "跨领域负荷" in text
    page.screenshot("network_tooltip.png")
    assert page.errors() == []


def test_network_filters_redraw_from_the_embedded_measures(page, views, sample_corpus):
    page.goto(views["network"])
    page.wait_for(READY)
    # The in-page rule with every filter off gives exactly the edges computed in Python.
    same = page.eval("""(() => { const D = policykgNetwork.data;
        const r = policykgNetwork.compute({jur: null, ind: null, leadOnly: false});
        const js = policykgNetwork.strongest(r.links).map(e => [D.nodes[e.from].id, D.nodes[e.to].id, e.value].join('|')).sort();
        const py = D.edges.map(e => [e.from, e.to, e.value].join('|')).sort();
        return JSON.stringify(js) === JSON.stringify(py) && js.length; })()""")
    assert same > 1000
    total = page.eval("policykgNetwork.nodes.length")
    jur = page.eval("policykgNetwork.data.jurisdictions.indexOf('罗源县')")
    page.eval(f"(() => {{ const s = document.getElementById('f-jur'); s.value = '{jur}';"
              " s.dispatchEvent(new Event('change')); })()")
    page.wait_for(READY)
    shown = page.eval("policykgNetwork.nodes.length")
    rows = sum(1 for r in sample_corpus.rows if sample_corpus.document(r.source).jurisdiction == "罗源县")
    assert 0 < shown < total
    assert page.eval("document.getElementById('status').textContent").endswith(f"{rows} 项措施")
    page.screenshot("network_filtered.png")
    page.eval("(() => { const c = document.getElementById('f-lead'); c.checked = true;"
              " c.dispatchEvent(new Event('change')); })()")
    page.wait_for(READY)
    assert page.eval("policykgNetwork.edges.get().every(e => e.arrows === 'to')")
    page.eval("(() => { const c = document.getElementById('f-measures'); c.checked = true;"
              " c.dispatchEvent(new Event('change')); })()")
    page.wait_for(READY)
    led = page.eval(f"policykgNetwork.data.measures.filter(m => m[0] === {jur:d} && m[2].length).length")
    assert page.eval("policykgNetwork.nodes.get().filter(n => String(n.id).startsWith('m')).length") == led
    shot = page.screenshot("network_measures.png")
    assert_not_blank(shot, _box(page, "#network canvas"))
    assert page.errors() == []


def test_dashboard_tabs_switch_views(page, views):
    page.goto(views["dashboard"])
    page.wait_for(FRAMES_READY, timeout=30)
    page.eval("document.querySelectorAll('.tabs button')[1].click()")
    assert page.eval("getComputedStyle(document.querySelectorAll('iframe')[1]).visibility") == "visible"
    assert page.eval("getComputedStyle(document.querySelectorAll('iframe')[0]).visibility") == "hidden"
    assert_not_blank(page.screenshot("dashboard_heatmap.png"))
    page.eval("document.querySelectorAll('.tabs button')[2].click()")
    assert_not_blank(page.screenshot("dashboard_timeline.png"))
    assert page.errors() == []


_SHOW_EVERYTHING = """(() => {
  const docs = [document].concat(Array.from(document.querySelectorAll('iframe')).map(f => f.contentDocument));
  for (const doc of docs) {
    const w = doc.defaultView, net = w.policykgNetwork;
    if (!net) continue;
    // Put every tooltip into the page, then every measure of the payload document as a node.
    net.nodes.get().forEach(n => doc.body.appendChild(n.title));
    const jur = net.data.jurisdictions.findIndex(j => j.includes('pwned'));
    doc.getElementById('f-jur').value = String(jur);
    doc.getElementById('f-measures').checked = true;
    const r = net.apply({jur: jur, ind: null, leadOnly: false, measureNodes: true});
    r.measures.forEach(i => doc.body.appendChild(net.measureTooltip(i)));
  }
  return docs.length;
})()"""

_RAN = """(() => {
  const docs = [document].concat(Array.from(document.querySelectorAll('iframe')).map(f => f.contentDocument));
  return docs.map(d => [d.title, d.defaultView.__pwned === undefined ? null : String(d.defaultView.__pwned),
                        d.querySelectorAll('img, svg, iframe iframe').length,
                        d.body.textContent.includes("<script>document.title='pwned'")]);
})()"""


@pytest.mark.parametrize("name", ["network", "heatmap", "timeline", "dashboard",
                                  "network-no-csp", "heatmap-no-csp", "timeline-no-csp"])
def test_no_script_from_a_document_runs(page, payload_views, name):
    page.goto(payload_views[name])
    page.wait_for(READY)
    if name == "dashboard":
        page.wait_for(FRAMES_READY, timeout=30)
    page.eval(_SHOW_EVERYTHING)
    page.b.pump(0.5)  # give an injected handler time to fire
    documents = page.eval(_RAN)
    for title, pwned, injected, _ in documents:
        assert "pwned" not in title and pwned is None and injected == 0
    assert any(shown for *_, shown in documents)  # the payload is on the page, as text
    page.screenshot(f"payload_{name}.png")
    assert page.errors() == [] and page.requests() == []


def test_hundredfold_corpus_network_stays_usable(page, tmp_path, sample_corpus):
    big = scale_corpus(sample_corpus, 100)
    data = build_network_data(big, scale_metrics(agency_metrics(sample_corpus), 100), top_n=300)
    path = tmp_path / "network-100x.html"
    path.write_text(render_network_html(data), encoding="utf-8")
    page.goto(path)
    page.wait_for(READY, timeout=40)
    assert page.eval("policykgNetwork.nodes.length") <= 300 + len({a.sector for a in big.agencies.values()})
    assert page.eval("policykgNetwork.edges.length") == 2500  # the strongest links only
    assert page.eval("document.getElementById('status').textContent").endswith("仅显示最强的 2500 条连线")
    shot = page.screenshot("network_100x.png")
    assert_not_blank(shot, _box(page, "#network canvas"))
    # A filter still answers over all 52,100 embedded measures.
    page.eval("(() => { const s = document.getElementById('f-jur'); s.value = '7';"
              " s.dispatchEvent(new Event('change')); })()")
    page.wait_for(READY, timeout=20)
    assert 0 < page.eval("policykgNetwork.nodes.length") < 300
    assert page.errors() == []
