"""The overview page, the dashboard's first view: the answers, not a picture to decode.

Left, the ranking of cross-cutting load X = W · P as bars split into the part an
agency leads and the part it supports, with its breadth, participation, partners
and lead share and its jurisdiction; right, who depends on whom — each top lead
agency and the agencies it must coordinate, weighted by the measures they share
(the named query ``dependencies``). A jurisdiction chooser switches both; deadline
statuses against the as-of date head the page; any agency opens its card
(assets/card.js). Everything is drawn by assets/overview.js from the `ViewModel`.
"""

from __future__ import annotations

from policykg.indicator_counting import basis_label
from policykg.visualizations.html_utils import asset_text, esc, label, render_page, script_json
from policykg.visualizations.view_model import DEPENDENCY_LEADS, RANKING_ROWS, ViewModel

__all__ = ["render_overview_html", "card_texts", "view_options", "PARTNERS_SHOWN"]

PARTNERS_SHOWN = 8


def card_texts(lang: str | None) -> dict[str, str]:
    """The labels assets/card.js needs, in ``lang``."""
    keys = {"line": "viz_line", "more": "viz_more:{n}", "close": "viz_close", "cross_cutting": "viz_cross_cutting",
            "weighted_load": "viz_weighted_load", "participation": "viz_participation",
            "indicator_breadth": "viz_indicator_breadth", "partner_count": "viz_partner_count",
            "lead_count": "viz_lead_count", "responsible_count": "viz_responsible_count", "overdue": "viz_overdue",
            "due_soon": "viz_due_soon", "no_texts": "viz_no_texts", "led": "viz_led", "supporting": "viz_supporting",
            "partners": "viz_partners", "indicators": "viz_indicators", "lead_part": "viz_lead_part",
            "support_part": "viz_support_part", "none": "viz_none", "ego": "viz_ego", "back": "viz_back"}
    return {k: label(v, lang) for k, v in keys.items()}


def view_options(model: ViewModel, lang: str | None, selected: int) -> str:
    """``<option>``s of the jurisdiction chooser: each jurisdiction (largest first), then all of them."""
    order = list(range(1, len(model.views))) + [0]
    out = []
    for v in order:
        view = model.views[v]
        name = view["name"] or label("viz_all_jurisdictions", lang)
        chosen = " selected" if v == selected else ""
        out.append(f'<option value="{v}"{chosen}>{esc(name)}（{view["measures"]}）</option>')
    return "".join(out)


def render_overview_html(model: ViewModel, lang: str | None = None) -> str:
    """The self-contained overview page (no URL loaded; the data inline as JSON)."""
    t = lambda code: label(code, lang)  # noqa: E731
    columns = t("viz_rank_columns").split("|")
    payload = {**model.to_json(), "text": card_texts(lang), "rankingRows": RANKING_ROWS,
               "partnersShown": PARTNERS_SHOWN}
    keys = (f'<span class="part lead key"></span>{esc(t("viz_lead_part"))} '
            f'<span class="part support key"></span>{esc(t("viz_support_part"))}')
    heads = "".join(f'<span class="{cls}">{esc(c)}</span>' for c, cls in
                    zip(columns, ["rank", "who", "xbar", "num", "num", "num", "num"]))
    body = f"""<header class="bar"><h1>{esc(t("viz_overview_title"))}</h1>
<label>{esc(t("viz_jurisdiction"))} <select id="f-view">{view_options(model, lang, 0)}</select></label>
<span id="as-of" class="asof">{esc(t(f"viz_as_of:{model.as_of}"))}</span>
<span id="statuses" class="statuses"></span></header>
<main class="overview">
<section class="ranking"><h2>{esc(t("viz_ranking_title"))}</h2>
<p class="caption">{keys} · {esc(t("viz_ranking_caption"))} · {esc(basis_label(model.basis, lang))}</p>
<div class="rank-row rank-head">{heads}</div><ol id="ranking"></ol></section>
<section class="dependencies"><h2>{esc(t("viz_dependencies_title"))}</h2>
<p class="caption">{esc(t(f"viz_dependencies_caption:{DEPENDENCY_LEADS}"))}</p><div id="dependencies"></div></section>
</main>
<aside id="card" class="card" hidden></aside>
<script type="application/json" id="viz-data">{script_json(payload)}</script>"""
    return render_page(t("viz_overview_title"), body, scripts=[asset_text("card.js"), asset_text("overview.js")],
                       styles=[asset_text("viz.css")], lang=lang or "zh")
