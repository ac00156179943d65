"""The workload report as one Markdown file: facts, formulas, rankings, roll-ups, matrix.

Meant to be read or pasted as it is; the per-agency measure lists, too long
for a page, are in the workbook and ``measures.csv``.
"""

from __future__ import annotations

from pathlib import Path

from policykg.visualizations.report_data import ReportData, Table, format_value, label

__all__ = ["render_markdown", "write_markdown"]

# Columns left out of the Markdown tables (ids are for machines; the CSV keeps them).
_HIDDEN = {"agency"}


def _cell(column: str, value: object) -> str:
    return format_value(column, value).replace("|", "\\|").replace("\n", " ")


def _table(table: Table) -> list[str]:
    keep = [i for i, c in enumerate(table.columns) if c not in _HIDDEN]
    numeric = {i for i in keep if any(isinstance(r[i], (int, float)) for r in table.rows)}
    lines = ["| " + " | ".join(table.headers[i] for i in keep) + " |",
             "|" + "|".join("---:" if i in numeric else "---" for i in keep) + "|"]
    for row in table.rows:
        lines.append("| " + " | ".join(_cell(table.columns[i], row[i]) for i in keep) + " |")
    return lines


def render_markdown(data: ReportData) -> str:
    """The report as Markdown text.

    Examples
    --------
    >>> from policykg.records import Agency, Corpus, Document, Row
    >>> from policykg.visualizations.report_data import build_report
    >>> row = Row("d.txt", "1", "纳税", "纳税", None, "m", ("甲",), (), None, None, None, 3)
    >>> c = Corpus([Document("d.txt")], [row], agencies={"a": Agency("a", "甲", "X", None, "agency")},
    ...            assignments={("d.txt", "甲"): "a"})
    >>> render_markdown(build_report(c, lang="en")).splitlines()[0]
    '# Business-environment task workload per agency'
    """
    lang = data.lang
    out = [f"# {data.title}", ""]
    out += [f"- {name}: {value}" for name, value in data.facts]
    out += ["", f"## {label('overview_statuses', lang, as_of=data.as_of)}", ""]
    out += [f"- {name}: {count}" for name, count in data.statuses]
    for table in (data.formulas, data.ranking, data.dependencies, data.summary, data.collectives, data.sectors,
                  data.deadlines, data.matrix):
        out += ["", f"## {table.title}", ""]
        out += [table.note, ""] if table.note else []
        out += _table(table) if table.rows else ["—"]
    out += ["", f"## {label('table_measures', lang)}", "", label("markdown_measures_note", lang), ""]
    out += [data.long_table_note(), ""] if data.long_table_note() else []
    return "\n".join(out)


def write_markdown(data: ReportData, path: Path) -> Path:
    """Write `render_markdown` to ``path`` (UTF-8) and return it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_markdown(data), encoding="utf-8")
    return path
