"""Safe, self-contained HTML: escaping, inline assets, the page shell and the view labels.

Every page policykg writes must work on a planner's offline machine and must
never run text that came from a document. Two rules follow, enforced here:

- Nothing is loaded from a network: vis-network's JavaScript and CSS are read
  from the copy pyvis ships inside its package and inlined (pyvis's own
  template points at CDNs even with ``cdn_resources="in_line"``; pitfalls.md).
- Document text reaches HTML only through `esc` (markup) or `script_json`
  (data inside ``<script>``); the page's Content-Security-Policy allows only
  the page's own inline scripts, by hash, so an injected ``<script>`` or
  ``onerror=`` would not run even if an escape were missed.
"""

from __future__ import annotations

import base64
import colorsys
import hashlib
import html
import json
from functools import lru_cache
from importlib import resources
from typing import Any

from policykg.messages import register, render

__all__ = [
    "esc",
    "script_json",
    "inline_script",
    "vis_assets",
    "asset_text",
    "render_page",
    "script_hashes",
    "sector_colours",
    "label",
    "COLLECTIVE_COLOUR",
    "OTHER_COLOUR",
]

COLLECTIVE_COLOUR = "#9e9e9e"
OTHER_COLOUR = "#bdbdbd"

# View labels, kept in the one message catalogue (style.md, Errors: one catalogue).
register({
    "viz_dashboard_title": {"zh": "营商环境任务分工 · 可视化总览", "en": "Business-environment task assignment · dashboard"},
    "viz_network_title": {"zh": "部门协作网络", "en": "Agency collaboration network"},
    "viz_heatmap_title": {"zh": "部门 × 指标 热力图", "en": "Agency × indicator heatmap"},
    "viz_timeline_title": {"zh": "完成时限时间轴（每月到期措施）", "en": "Deadline timeline (measures due per month)"},
    "viz_open_alone": {"zh": "单独打开", "en": "open on its own"},
    "viz_jurisdiction": {"zh": "辖区（文件）", "en": "Jurisdiction (document)"},
    "viz_indicator": {"zh": "指标", "en": "Indicator"},
    "viz_all": {"zh": "全部", "en": "all"},
    "viz_lead_only": {"zh": "仅牵头关系（箭头：牵头→配合）", "en": "lead links only (arrow: lead → partner)"},
    "viz_measure_nodes": {"zh": "显示措施节点", "en": "show measures as nodes"},
    "viz_too_many_measures": {"zh": "措施过多（{detail} 项），请先按辖区或指标筛选", "en": "too many measures ({detail}); filter by jurisdiction or indicator first"},
    "viz_status": {"zh": "显示 {d0} 个节点、{d1} 条连线、{d2} 项措施", "en": "{d0} nodes, {d1} links, {d2} measures shown"},
    "viz_legend": {"zh": "图例", "en": "Legend"},
    "viz_legend_size": {"zh": "节点大小：跨领域负荷；连线粗细：共同承担的措施数", "en": "Node size: cross-cutting load; link width: measures shared"},
    "viz_collapsed": {"zh": "其他{d0}单位（{d1} 个）", "en": "other {d0} units ({d1})"},
    "viz_collapsed_note": {"zh": "共 {d0} 个单位，按跨领域负荷显示前 {d1} 个，其余按领域合并", "en": "{d0} units; the top {d1} by cross-cutting load are shown, the rest merged by sector"},
    "viz_no_sector": {"zh": "未分类", "en": "unclassified"},
    "viz_measure": {"zh": "措施", "en": "Measure"},
    "viz_agency": {"zh": "单位", "en": "Agency"},
    "viz_sector": {"zh": "领域", "en": "Sector"},
    "viz_lead_count": {"zh": "牵头措施", "en": "Measures led"},
    "viz_responsible_count": {"zh": "配合措施", "en": "Measures as partner"},
    "viz_weighted_load": {"zh": "加权负荷", "en": "Weighted load"},
    "viz_indicator_breadth": {"zh": "涉及指标数", "en": "Indicators spanned"},
    "viz_partner_count": {"zh": "协作单位数", "en": "Partners"},
    "viz_betweenness": {"zh": "中介中心性", "en": "Betweenness"},
    "viz_cross_cutting": {"zh": "跨领域负荷", "en": "Cross-cutting load"},
    "viz_overdue": {"zh": "已逾期", "en": "Overdue"},
    "viz_ongoing_share": {"zh": "长期任务占比", "en": "Ongoing share"},
    "viz_in_filter": {"zh": "当前筛选下的措施", "en": "Measures in this filter"},
    "viz_deadline": {"zh": "完成时限", "en": "Deadline"},
    "viz_source": {"zh": "来源", "en": "Source"},
    "viz_lead": {"zh": "牵头", "en": "lead"},
    "viz_responsible": {"zh": "配合", "en": "partner"},
    "viz_filter_name": {"zh": "按单位名称筛选…", "en": "filter by agency name…"},
    "viz_total": {"zh": "合计", "en": "Total"},
    "viz_rows_shown": {"zh": "显示 {d0} / {d1} 个单位（按措施数排序），点击表头排序", "en": "{d0} of {d1} agencies shown (by measures); click a header to sort"},
    "viz_cell": {"zh": "{d0} × {d1}：{d2} 项措施（牵头 {d3}）", "en": "{d0} × {d1}: {d2} measures ({d3} led)"},
    "viz_due_cell": {"zh": "{d0}：{d1} 到期 {d2} 项", "en": "{d0}: {d2} due in {d1}"},
    "viz_due_total": {"zh": "{d0} 到期措施共 {d1} 项", "en": "{d1} measures due in {d0}"},
    "viz_month": {"zh": "月份", "en": "Month"},
    "viz_measures_due": {"zh": "到期措施数", "en": "Measures due"},
    "viz_unit_jurisdiction": {"zh": "单位所属辖区", "en": "Agency's jurisdiction"},
    "viz_ongoing": {"zh": "长期/持续", "en": "ongoing"},
    "viz_ongoing_cell": {"zh": "{d0}：长期/持续推进 {d1} 项", "en": "{d0}: {d1} ongoing"},
    "viz_heatmap_caption": {"zh": "单元格为该单位在该指标下承担的措施数（牵头与配合合计，悬停可见牵头数）；集体表述（各有关单位等）不计",
                            "en": "Each cell: measures of that agency under that indicator (lead and partner; hover for the led ones); collectives are left out"},
    "viz_timeline_caption": {"zh": "每月到期的措施数：上方合计行为全部措施（每项计一次），下方为各单位承担的到期措施",
                             "en": "Measures due per month: the total row counts every measure once; below, each agency's measures"},
    "viz_measure_count": {"zh": "措施数", "en": "Measures"},
    "viz_pruned": {"zh": "仅显示最强的 {detail} 条连线", "en": "only the {detail} strongest links are drawn"},
    "viz_no_dated": {"zh": "没有带具体日期的完成时限", "en": "no deadline with a date"},
})


def label(code: str, lang: str | None = None) -> str:
    """A view label from the catalogue (``"code"`` or ``"code:d0|d1"``)."""
    return render(code, lang)


def esc(text: Any) -> str:
    """Escape text for HTML content and quoted attributes (``<>&"'``).

    Examples
    --------
    >>> esc('<img src=x onerror="alert(1)">')
    '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
    """
    return html.escape("" if text is None else str(text), quote=True)


_SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026",
                   0x2028: "\\u2028", 0x2029: "\\u2029"}


def script_json(data: Any) -> str:
    """JSON that is safe inside a ``<script>`` element.

    ``</script>`` or ``<!--`` in a measure's text would otherwise end the
    element early; escaping ``<``, ``>`` and ``&`` as ``\\u`` sequences keeps
    the JSON value identical.

    Examples
    --------
    >>> script_json({"name": "</script><script>x()</script>"})
    '{"name":"\\\\u003c/script\\\\u003e\\\\u003cscript\\\\u003ex()\\\\u003c/script\\\\u003e"}'
    """
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_ESCAPES)


def inline_script(code: str) -> str:
    """Wrap JavaScript in a ``<script>`` element, refusing code that would close it early."""
    if "</script" in code.lower():
        raise ValueError("inline JavaScript contains '</script'; escape it before inlining")
    return f"<script>{code}</script>"


def asset_text(name: str) -> str:
    """Read one of our own small assets (visualizations/assets/NAME)."""
    return (resources.files("policykg.visualizations") / "assets" / name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def vis_assets() -> tuple[str, str]:
    """vis-network's minified JavaScript and CSS, read from the copy inside the pyvis package.

    Raises
    ------
    FileNotFoundError
        If the installed pyvis does not ship vis-network 9.1.2 (its lib folder).
    """
    lib = resources.files("pyvis") / "templates" / "lib" / "vis-9.1.2"
    return ((lib / "vis-network.min.js").read_text(encoding="utf-8"),
            (lib / "vis-network.css").read_text(encoding="utf-8"))


def _hash(code: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode() + "'"


def render_page(title: str, body: str, *, scripts: list[str] = (), styles: list[str] = (),
                lang: str = "zh", extra_script_hashes: list[str] = ()) -> str:
    """A complete HTML document with everything inline and a strict Content-Security-Policy.

    ``scripts`` and ``styles`` are raw JavaScript / CSS texts (ours or
    vis-network's), inlined in order. The policy allows exactly those scripts
    (by SHA-256), no event-handler attributes, no external loads and no
    network connections: ``default-src 'none'``. ``extra_script_hashes`` lets a
    dashboard also allow the scripts of the pages it embeds (an ``srcdoc``
    frame inherits its parent's policy). Returns the page and is pure.
    """
    hashes = [_hash(s) for s in scripts] + list(extra_script_hashes)
    csp = ("default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
           f"script-src {' '.join(hashes) or chr(39) + 'none' + chr(39)}")
    head = "\n".join(f"<style>{s}</style>" for s in styles)
    tail = "\n".join(inline_script(s) for s in scripts)
    return (f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}">\n<head>\n'
            f'<meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy" content="{esc(csp)}">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{esc(title)}</title>\n{head}\n</head>\n<body>\n{body}\n{tail}\n</body>\n</html>\n")


def script_hashes(scripts: list[str]) -> list[str]:
    """The CSP source expressions (``'sha256-…'``) of inline scripts."""
    return [_hash(s) for s in scripts]


def sector_colours(sectors: list[str | None]) -> dict[str | None, str]:
    """A stable colour per sector: hues spread by the golden angle in sorted order.

    Collectives and unclassified agencies (sector None) are grey. The same
    sector list always gives the same colours, so pictures of two runs compare.
    """
    out: dict[str | None, str] = {None: COLLECTIVE_COLOUR}
    named = sorted({s for s in sectors if s})
    for i, sector in enumerate(named):
        hue = (i * 0.381966) % 1.0
        light = (0.42, 0.55, 0.66)[i % 3]
        r, g, b = colorsys.hls_to_rgb(hue, light, 0.62)
        out[sector] = f"#{int(r * 255):02x}{int(g * 255):02x}{int(b * 255):02x}"
    return out
