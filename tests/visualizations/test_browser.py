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
from policykg.visualizations.network import LABELLED, render_network_html
from policykg.visualizations.view_model import build_view_model
from tests.support.viz_corpora import payload_corpus, scale_corpus
from tests.visualizations.conftest import Page

READY = "document.body && document.body.getAttribute('data-ready') === '1'"
FRAMES_READY = ("Array.from(document.querySelectorAll('iframe')).every(f => f.contentDocument && "
                "f.contentDocument.body && f.contentDocument.body.getAttribute('data-ready') === '1')")
_CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">\n')


AS_OF = "2021-06-30"


@pytest.fixture(scope="module")
def views(tmp_path_factory, sample_corpus) -> dict[str, Path]:
    return write_views(sample_corpus, tmp_path_factory.mktemp("views"), png=False, as_of=AS_OF).paths


@pytest.fixture(scope="module")
def payload_views(tmp_path_factory, sample_corpus) -> dict[str, Path]:
    """The views of a corpus whose names and texts hold script payloads, with and without the page CSP."""
    folder = tmp_path_factory.mktemp("payload")
    paths = write_views(payload_corpus(sample_corpus), folder, png=False, as_of=AS_OF).paths
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


@pytest.mark.parametrize("name", ["overview", "network", "heatmap", "timeline", "dashboard"])
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
    first = json.loads(page.eval("document.getElementById('viz-data').textContent"))["first"]
    assert page.eval("policykgNetwork.nodes.length") == len(first["nodes"])


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


def _choose(page, select: str, value, timeout: float = 20) -> None:
    page.eval(f"(() => {{ const s = document.getElementById('{select}'); s.value = '{value}';"
              " s.dispatchEvent(new Event('change')); })()")
    page.wait_for(READY, timeout=timeout)


def test_network_filters_redraw_from_the_embedded_measures(page, views, sample_corpus):
    page.goto(views["network"])
    page.wait_for(READY)
    # The in-page rules on the first view give exactly the nodes and edges computed in Python.
    same = page.eval("""(() => { const N = policykgNetwork, D = N.data;
        const r = N.compute({view: D.first.view, ind: null, leadOnly: false});
        const js = N.strongest(r.links).map(e => [r.nodes[e.from].id, r.nodes[e.to].id, e.value].join('|')).sort();
        const py = D.first.edges.map(e => [e.from, e.to, e.value].join('|')).sort();
        const ids = JSON.stringify(r.nodes.map(n => n.id)) === JSON.stringify(D.first.nodes.map(n => n.id));
        return ids && JSON.stringify(js) === JSON.stringify(py) && js.length; })()""")
    assert same > 300
    assert page.eval("document.getElementById('f-view').selectedOptions[0].textContent").startswith("罗源县")
    first = page.eval("policykgNetwork.nodes.length")
    view = page.eval("policykgNetwork.data.views.findIndex(v => v.name === '福清市')")
    _choose(page, "f-view", view)
    rows = sum(1 for r in sample_corpus.rows if sample_corpus.document(r.source).jurisdiction == "福清市")
    assert 0 < page.eval("policykgNetwork.nodes.length") != first
    assert page.eval("document.getElementById('status').textContent").endswith(f"{rows} 项措施")
    page.eval("(() => { const c = document.getElementById('f-lead'); c.checked = true;"
              " c.dispatchEvent(new Event('change')); })()")
    page.wait_for(READY)
    assert page.eval("policykgNetwork.edges.get().every(e => e.arrows === 'to')")
    page.eval("(() => { const c = document.getElementById('f-measures'); c.checked = true;"
              " c.dispatchEvent(new Event('change')); })()")
    page.wait_for(READY)
    led = page.eval(f"policykgNetwork.data.measures.filter(m => m[0] === {view:d} && m[2].length).length")
    assert page.eval("policykgNetwork.nodes.get().filter(n => String(n.id).startsWith('m')).length") == led
    shot = page.screenshot("network_measures.png")
    assert_not_blank(shot, _box(page, "#network canvas"))
    assert page.errors() == []


def test_dashboard_tabs_switch_views(page, views):
    page.goto(views["dashboard"])
    page.wait_for(FRAMES_READY, timeout=30)
    assert page.eval("document.querySelectorAll('.tabs button').length") == 4
    assert page.eval("getComputedStyle(document.querySelectorAll('iframe')[0]).visibility") == "visible"
    page.eval("document.querySelectorAll('.tabs button')[2].click()")
    assert page.eval("getComputedStyle(document.querySelectorAll('iframe')[2]).visibility") == "visible"
    assert page.eval("getComputedStyle(document.querySelectorAll('iframe')[0]).visibility") == "hidden"
    assert_not_blank(page.screenshot("dashboard_heatmap.png"))
    page.eval("document.querySelectorAll('.tabs button')[3].click()")
    assert_not_blank(page.screenshot("dashboard_timeline.png"))
    assert page.errors() == []


_SHOW_EVERYTHING = """(() => {
  const docs = [document].concat(Array.from(document.querySelectorAll('iframe')).map(f => f.contentDocument));
  let shown = 0;
  for (const doc of docs) {
    const w = doc.defaultView, net = w.policykgNetwork, over = w.policykgOverview;
    const D = (net || over || {}).data;
    if (!D) continue;
    const view = D.views.findIndex(v => v.name.includes('pwned'));
    if (net) {
      // Put every tooltip into the page, then every measure of the payload document as a node.
      net.nodes.get().forEach(n => n.title && doc.body.appendChild(n.title));
      doc.getElementById('f-view').value = String(view);
      doc.getElementById('f-measures').checked = true;
      const r = net.apply({view: view, ind: null, leadOnly: false, measureNodes: true});
      r.measures.forEach(i => doc.body.appendChild(net.measureTooltip(i)));
    }
    // Every agency's card (names, measure texts, indicators, sectors all from the document).
    D.views[0].metrics.slice(0, 40).forEach(r => { (net || over).open(r[0]); shown += 1; });
    if (over) { doc.getElementById('f-view').value = String(view); over.show(); }
  }
  return shown;
})()"""

_RAN = """(() => {
  const docs = [document].concat(Array.from(document.querySelectorAll('iframe')).map(f => f.contentDocument));
  return docs.map(d => [d.title, d.defaultView.__pwned === undefined ? null : String(d.defaultView.__pwned),
                        d.querySelectorAll('img, svg, iframe iframe').length,
                        d.body.textContent.includes("<script>document.title='pwned'")]);
})()"""


@pytest.mark.parametrize("name", ["overview", "network", "heatmap", "timeline", "dashboard",
                                  "overview-no-csp", "network-no-csp", "heatmap-no-csp", "timeline-no-csp"])
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
    model = build_view_model(big, as_of=AS_OF, metrics=agency_metrics(big, as_of=AS_OF, betweenness=False))
    path = tmp_path / "network-100x.html"
    path.write_text(render_network_html(model), encoding="utf-8")
    page.goto(path)
    page.wait_for(READY, timeout=40)
    assert page.eval("policykgNetwork.nodes.length") < 100  # one jurisdiction: one copy of 罗源县
    assert page.eval("policykgNetwork.edges.length") > 300
    _choose(page, "f-view", 0, timeout=60)  # every jurisdiction at once: the top agencies only
    assert page.eval("policykgNetwork.nodes.length") == 150
    assert page.eval("document.getElementById('legend-groups').textContent").startswith("本视图 23800 个单位，只画出")
    # the copies share no measure, so their top agencies share no link: none is invented
    assert page.eval("policykgNetwork.edges.length") == 0
    shot = page.screenshot("network_100x.png")
    assert_not_blank(shot, _box(page, "#network canvas"))
    assert page.errors() == []


# --- the planner's view: what the "done when" names, as screenshots with DOM checks ------------------

@pytest.fixture()
def planner_page(browser):
    """A tab of the size the views are judged at: 1400 × 1000."""
    p = Page(browser, 1400, 1000)
    try:
        yield p
    finally:
        p.close()


def test_first_view_shows_the_ranking_and_who_depends_on_whom(planner_page, views, sample_corpus):
    planner_page.goto(views["dashboard"])
    planner_page.wait_for(FRAMES_READY, timeout=30)
    frame = "document.querySelector('iframe[data-view=overview]').contentDocument"
    names = planner_page.eval(f"Array.from({frame}.querySelectorAll('#ranking li .who button')).map(b => b.textContent)")
    top = [m.name for m in agency_metrics(sample_corpus, as_of=AS_OF) if m.kind == "agency"][:20]
    assert names == top
    assert planner_page.eval(f"{frame}.querySelectorAll('#ranking li .xbar .part.lead').length") == 20
    assert planner_page.eval(f"{frame}.querySelectorAll('#dependencies .dep-row').length") == 12
    assert planner_page.eval("document.getElementById('as-of').textContent") == f"基准日 {AS_OF}"
    assert planner_page.eval(f"{frame}.getElementById('statuses').textContent").startswith("已逾期 129")
    shot = planner_page.screenshot("planner_first_view.png")
    assert_not_blank(shot)
    assert planner_page.errors() == []


def test_agency_card_lists_its_measures_with_source_and_line(planner_page, views, sample_corpus):
    planner_page.goto(views["overview"])
    planner_page.wait_for(READY)
    planner_page.eval("document.querySelector('#ranking li .who button').click()")
    card = planner_page.wait_for("(() => { const c = document.getElementById('card'); return !c.hidden && c.textContent; })()")
    top = next(m for m in agency_metrics(sample_corpus, as_of=AS_OF) if m.kind == "agency")
    assert card.startswith(top.name) and f"牵头的措施 ({top.lead_count})" in card
    assert f"配合的措施 ({top.measure_count - top.lead_count})" in card
    lines = planner_page.eval("Array.from(document.querySelectorAll('#card .where')).map(e => e.textContent)")
    mine = {f"{r.source} : 第 {r.line}" for r in sample_corpus.rows
            if top.agency in sample_corpus.lead_ids(r) + sample_corpus.responsible_ids(r)}
    assert len(lines) == top.measure_count and set(lines) == mine
    planner_page.screenshot("planner_agency_card.png")
    assert planner_page.errors() == []


@pytest.mark.parametrize("place", ["罗源县", "泉州市", "福清市", "泉港区", "鼓楼区"])
def test_network_of_each_jurisdiction_labels_its_top_agencies(planner_page, views, sample_corpus, place):
    planner_page.goto(views["network"])
    planner_page.wait_for(READY)
    _choose(planner_page, "f-view", planner_page.eval(f"policykgNetwork.data.views.findIndex(v => v.name === '{place}')"))
    labelled = planner_page.eval("policykgNetwork.nodes.get().filter(n => n.label).map(n => n.label)")
    top = [m.name for m in agency_metrics(sample_corpus, jurisdiction=place, as_of=AS_OF) if m.kind == "agency"]
    assert labelled == top[:LABELLED]
    assert planner_page.eval("document.querySelectorAll('#legend-families li').length") >= 3
    assert planner_page.eval("document.querySelectorAll('#legend-sizes figure').length") == 3
    shot = planner_page.screenshot(f"planner_network_{place}.png")
    assert_not_blank(shot, _box(planner_page, "#network canvas"))
    # the busiest agency's ego view: it and its partners, every one labelled
    partners = planner_page.eval("policykgNetwork.ego(policykgNetwork.data.views[Number(document.getElementById('f-view').value)]"
                         ".metrics[0][0]).length")
    assert planner_page.eval("policykgNetwork.nodes.get().every(n => n.label)")
    assert planner_page.eval("policykgNetwork.nodes.length") == 1 + min(partners, 40)
    planner_page.screenshot(f"planner_ego_{place}.png")
    assert planner_page.errors() == []


def test_timeline_draws_the_today_line(planner_page, views):
    planner_page.goto(views["timeline"])
    planner_page.wait_for(READY)
    assert planner_page.eval("document.querySelector('th.today').textContent") == AS_OF[:7]
    assert planner_page.eval("document.querySelectorAll('td.today').length") > 100
    assert planner_page.eval("getComputedStyle(document.querySelector('th.today')).borderLeftWidth") == "3px"
    planner_page.screenshot("planner_timeline.png")
    assert planner_page.errors() == []


@pytest.mark.parametrize("view", ["heatmap", "timeline"])
def test_an_agency_clicked_in_a_table_view_opens_its_card_in_the_overview(planner_page, views, view):
    planner_page.goto(views["dashboard"])
    planner_page.wait_for(FRAMES_READY, timeout=30)
    table = f"document.querySelector('iframe[data-view={view}]').contentDocument"
    name = planner_page.eval(f"{table}.querySelector('tbody tr th button.agency').textContent")
    planner_page.eval(f"document.querySelector('.tabs button[data-pane]:nth-child({3 if view == 'heatmap' else 4})').click()")
    planner_page.eval(f"{table}.querySelector('tbody tr th button.agency').click()")
    frame = "document.querySelector('iframe[data-view=overview]')"
    card = planner_page.wait_for(f"(() => {{ const c = {frame}.contentDocument.getElementById('card');"
                                 " return !c.hidden && c.querySelector('h2').textContent; })()")
    assert card == name
    assert planner_page.eval(f"getComputedStyle({frame}).visibility") == "visible"
    assert planner_page.errors() == []


def test_an_agency_clicked_in_the_heatmap_page_opens_the_overview_page_at_its_card(planner_page, views):
    planner_page.goto(views["heatmap"])
    planner_page.wait_for(READY)
    name = planner_page.eval("document.querySelector('tbody tr th button.agency').textContent")
    planner_page.eval("document.querySelector('tbody tr th button.agency').click()")
    card = planner_page.wait_for("(() => { const c = document.getElementById('card');"
                                 " return c && !c.hidden && c.querySelector('h2').textContent; })()")
    assert card == name
    assert planner_page.eval("location.pathname.endsWith('/overview.html')")
    assert planner_page.errors() == []
