"""The agency × indicator heatmap: where each agency's measures fall, as HTML and as PNG.

Input is `policykg.graph.analytics.projections.indicator_matrix` (measures per agency and
canonical indicator, collectives left out); the HTML is a sortable, filterable
table (`policykg.visualizations.matrix`), the PNG a matplotlib image of the
busiest agencies with a CJK font (`policykg.visualizations.mpl_cjk`).
"""

from __future__ import annotations

from pathlib import Path

from matplotlib.figure import Figure

from policykg.graph.analytics.projections import IndicatorMatrix, indicator_matrix
from policykg.indicator_counting import basis_label
from policykg.records import Corpus
from policykg.visualizations.html_utils import label
from policykg.visualizations.matrix import MatrixTable, render_matrix_page
from policykg.visualizations.mpl_cjk import cjk_fonts
from policykg.visualizations.names import PLAIN, Names

__all__ = ["heatmap_table", "render_heatmap_html", "render_heatmap_png", "HTML_ROWS", "PNG_ROWS"]

HTML_ROWS = 400  # a table of more rows is no longer read; the caption says how many were left out
PNG_ROWS = 40


def heatmap_table(corpus: Corpus, matrix: IndicatorMatrix | None = None,
                  lang: str | None = None, limit: int | None = None, names: Names = PLAIN) -> MatrixTable:
    """The heatmap's rows (agencies by total measures, the ``limit`` busiest), columns (indicators) and hover texts.

    Examples
    --------
    >>> from policykg.loaders.read import load_corpus
    >>> t = heatmap_table(load_corpus())
    >>> len(t.columns) > 10 and t.counts[0][0] > 0
    True
    """
    matrix = matrix if matrix is not None else indicator_matrix(corpus)
    ids, counts, leads = matrix.agencies[:limit], matrix.counts[:limit], matrix.lead_counts[:limit]
    agencies = [corpus.agencies[a].name for a in ids]
    columns = [names.indicator(ind) or ind for ind in matrix.indicators]
    titles = [[label(f"viz_cell:{name}|{ind}|{n}|{led}", lang) if n else ""
               for ind, n, led in zip(columns, row, lead_row)]
              for name, row, lead_row in zip(agencies, counts, leads)]
    return MatrixTable(rows=agencies, keys=list(ids), groups=[corpus.agencies[a].jurisdiction or "" for a in ids],
                       columns=columns, counts=[list(r) for r in counts], titles=titles,
                       total_rows=len(matrix.agencies))


def render_heatmap_html(corpus: Corpus, matrix: IndicatorMatrix | None = None, lang: str | None = None,
                        max_rows: int = HTML_ROWS, names: Names = PLAIN) -> str:
    """The heatmap page: one row per agency (the ``max_rows`` busiest), one column per indicator."""
    table = heatmap_table(corpus, matrix, lang, limit=max_rows, names=names)
    basis = matrix.basis if matrix is not None else "inferred"
    return render_matrix_page(table, title=label("viz_heatmap_title", lang), corner=label("viz_agency", lang),
                              caption=label("viz_heatmap_caption", lang) + " · " + basis_label(basis, lang), lang=lang)


def render_heatmap_png(corpus: Corpus, path: Path, matrix: IndicatorMatrix | None = None,
                       lang: str | None = None, max_rows: int = PNG_ROWS, names: Names = PLAIN) -> Path:
    """Write the heatmap of the ``max_rows`` busiest agencies as a PNG; returns its path.

    Raises
    ------
    PolicyKGError
        When no CJK font is installed (`cjk_family`).
    """
    table = heatmap_table(corpus, matrix, lang, limit=max_rows, names=names)
    rows, cols = len(table.rows), len(table.columns)
    with cjk_fonts():
        fig = Figure(figsize=(max(8.0, 2.5 + 0.42 * cols), max(4.0, 2.2 + 0.3 * rows)), dpi=110,
                     layout="constrained")
        ax = fig.add_subplot()
        data = table.counts or [[0]]
        image = ax.imshow(data, cmap="Oranges", aspect="auto", vmin=0)
        top = max((c for r in data for c in r), default=0)
        for i, row in enumerate(table.counts):
            for j, n in enumerate(row):
                if n:
                    ax.text(j, i, str(n), ha="center", va="center", fontsize=7,
                            color="white" if n > 0.6 * top else "#3e2723")
        ax.set_xticks(range(cols), table.columns, rotation=60, ha="right", fontsize=8)
        ax.set_yticks(range(rows), table.rows, fontsize=8)
        basis = basis_label(matrix.basis if matrix is not None else "inferred", lang)
        ax.set_title(label("viz_heatmap_title", lang) + "\n" + basis, fontsize=12)
        fig.colorbar(image, ax=ax, shrink=0.6, label=label("viz_measure_count", lang))
        path.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(path)
    return path
