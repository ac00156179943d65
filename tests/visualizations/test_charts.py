"""Heatmap, timeline, PNG pictures, the dashboard files and the `viz` command, without a browser."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import warnings
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image, ImageStat

from policykg.cli import cli
from policykg.graph.analytics.metrics import deadline_profile
from policykg.graph.analytics.projections import indicator_matrix
from policykg.visualizations.dashboard import render_dashboard, write_views
from policykg.visualizations.heatmap import heatmap_table, render_heatmap_html, render_heatmap_png
from policykg.visualizations.matrix import cell_colour
from policykg.visualizations.mpl_cjk import cjk_family
from policykg.visualizations.timeline import month_range, render_timeline_html, render_timeline_png, timeline_table
from tests.support.viz_corpora import PAYLOADS, payload_corpus

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "visualizations"


def test_heatmap_cells_are_the_indicator_matrix(sample_corpus):
    matrix = indicator_matrix(sample_corpus)
    table = heatmap_table(sample_corpus, matrix)
    assert table.columns == matrix.indicators and table.counts == matrix.counts
    assert table.rows[0] == sample_corpus.agencies[matrix.agencies[0]].name
    j = next(j for j, n in enumerate(matrix.counts[0]) if n)
    assert table.titles[0][j] == (f"{table.rows[0]} × {matrix.indicators[j]}：{matrix.counts[0][j]} 项措施"
                                  f"（牵头 {matrix.lead_counts[0][j]}）")


def test_timeline_totals_are_the_deadline_profile(sample_corpus):
    profile = deadline_profile(sample_corpus)
    table = timeline_table(sample_corpus, profile, as_of="2021-06-30")
    months = list(profile["months"])
    assert table.columns[table.marker] == "2021-06"  # the as-of line
    later = timeline_table(sample_corpus, profile, as_of="2024-02-10")
    assert later.columns[-2] == "2024-02" and later.marker == len(later.columns) - 2  # the months reach the as-of date
    assert table.columns[:-1] == month_range(months) and table.columns[-1] == "长期/持续"
    assert table.columns[0] == months[0] and table.columns[-2] == months[-1]
    assert table.totals[:-1] == [profile["months"].get(m, 0) for m in table.columns[:-1]]
    assert table.totals[-1] == profile["ongoing"]
    assert sum(table.totals[:-1]) == sum(profile["months"].values())
    first = sample_corpus.agencies
    assert all(a.kind != "collective" for a in first.values() if a.name in table.rows[:20])


def test_month_range_crosses_years():
    assert month_range(["2020-11", "2021-01", "2020-12"]) == ["2020-11", "2020-12", "2021-01"]


def test_cell_colour_scale():
    assert cell_colour(0, 9) == "#ffffff" and cell_colour(9, 9) == "#d84315"
    assert cell_colour(3, 9) not in ("#ffffff", "#d84315")


@pytest.mark.parametrize("render", [render_heatmap_html, render_timeline_html])
def test_tables_escape_document_text_and_load_nothing(sample_corpus, render):
    page = render(payload_corpus(sample_corpus))
    body = page.split("<body>", 1)[1]
    for payload in PAYLOADS.values():
        assert payload not in body
    assert "&lt;script&gt;document.title=&#x27;pwned&#x27;" in body
    tags = _tags(page)
    assert {name for name, _ in tags} <= {"html", "head", "meta", "title", "style", "body", "header", "h1", "label",
                                          "select", "option", "input", "span", "p", "div", "table", "thead", "tbody",
                                          "tr", "th", "td", "button", "script"}
    assert [a for _, attrs in tags for a, _ in attrs if a in ("src", "href") or a.startswith("on")] == []
    assert sum(name == "script" for name, _ in tags) == 1


def _tags(page: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    """Every start tag of a page with its attributes, as a browser's tokenizer splits them."""
    found: list[tuple[str, list[tuple[str, str | None]]]] = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, attrs))

    Collect().feed(page)
    return found


def test_english_labels(sample_corpus):
    page = render_heatmap_html(sample_corpus, lang="en")
    assert "<title>Agency × indicator heatmap</title>" in page and 'lang="en"' in page
    assert "Agency&#x27;s jurisdiction" in page


def test_cjk_font_is_found_by_family_name():
    assert cjk_family() == "Noto Sans CJK SC"


@pytest.mark.parametrize("render,name", [(render_heatmap_png, "heatmap.png"), (render_timeline_png, "timeline.png")])
def test_png_has_every_chinese_glyph(sample_corpus, render, name):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        path = render(sample_corpus, ARTIFACTS / name)
    assert [str(w.message) for w in caught if "missing from" in str(w.message) or "Glyph" in str(w.message)] == []
    image = Image.open(path).convert("L")
    assert image.width > 800 and image.height > 400
    assert ImageStat.Stat(image).stddev[0] > 20  # not a blank page


def test_write_views_writes_every_file(sample_corpus, tmp_path):
    files = write_views(sample_corpus, tmp_path, png=False, as_of="2021-06-30")
    assert sorted(files.paths) == ["dashboard", "heatmap", "network", "overview", "timeline"]
    dashboard = files.paths["dashboard"].read_text(encoding="utf-8")
    assert dashboard.count("<iframe ") == 4 and 'href="network.html"' in dashboard
    assert dashboard.index('data-view="overview"') < dashboard.index('data-view="network"')  # opens on the answer
    assert "基准日 2021-06-30" in dashboard
    assert not re.search(r"""(?:src|href)\s*=\s*["']?https?:""", dashboard)


def test_dashboard_csp_allows_the_embedded_scripts(sample_corpus):
    pages = {"heatmap": render_heatmap_html(sample_corpus)}
    child = re.search(r"sha256-[A-Za-z0-9+/=]+", pages["heatmap"]).group(0)
    assert child in render_dashboard(pages)


def _strip_times(text: str) -> str:
    return re.sub(r"（[0-9.]+ 秒）", "（… 秒）", text)


def test_viz_command(tmp_path):
    result = CliRunner().invoke(cli, ["viz", "-o", str(tmp_path), "--no-png", "--as-of", "2021-06-30"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [str(tmp_path / f"{n}.html") for n in
                                          ("overview", "network", "heatmap", "timeline", "dashboard")]
    assert _strip_times(result.stderr).splitlines() == [
        "正在写入 overview.html", "正在写入 network.html", "正在写入 heatmap.html", "正在写入 timeline.html",
        "正在写入 dashboard.html", f"已写入 5 个文件 → {tmp_path}（… 秒）；用浏览器打开 dashboard.html（无需联网）",
    ]
    for name in ("overview", "network", "timeline", "dashboard"):
        assert "基准日 2021-06-30" in (tmp_path / f"{name}.html").read_text(encoding="utf-8"), name


def test_viz_without_a_cjk_font_writes_the_pages_and_skips_the_pngs(tmp_path):
    """As `run` does: the pages need no font; the PNGs are skipped with one line saying how to get them."""
    env = {**os.environ, "POLICYKG_CJK_FONT": "No Such CJK Font"}
    result = subprocess.run([sys.executable, "-c", "from policykg.cli import main; main()", "viz", "-o", str(tmp_path)],
                            capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [str(tmp_path / f"{n}.html") for n in
                                          ("overview", "network", "heatmap", "timeline", "dashboard")]
    skipped = [line for line in result.stderr.splitlines() if "PNG" in line]
    assert skipped == ["未生成 PNG 图片：未找到中文字体（No Such CJK Font），图片中的中文无法显示；HTML 页面已写入，无需字体。"
                       "安装中文字体后重跑即可得到图片：apt-get install fonts-noto-cjk"]
    assert not list(tmp_path.glob("*.png"))


def test_english_mode_translates_indicators_sectors_and_legend(tmp_path):
    result = CliRunner().invoke(cli, ["--lang", "en", "viz", "-o", str(tmp_path), "--no-png", "--as-of", "2021-06-30"])
    assert result.exit_code == 0, result.output
    network = (tmp_path / "network.html").read_text(encoding="utf-8")
    heatmap = (tmp_path / "heatmap.html").read_text(encoding="utf-8")
    assert "Starting a business" in network and "Starting a business" in heatmap and ">开办企业<" not in heatmap
    assert "Colour: sector family" in network and "Node size: cross-cutting load X" in network
    assert '"market regulation"' in network and '"Finance, tax and credit"' in network
    assert "as of 2021-06-30" in (tmp_path / "timeline.html").read_text(encoding="utf-8")


def test_viz_command_rejects_files_and_store_together(tmp_path):
    result = CliRunner().invoke(cli, ["viz", "a.txt", "--store", str(tmp_path), "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert "give FILES or --store, not both" in result.stderr
