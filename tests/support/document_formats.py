"""Test helper: render a document — paragraphs and task tables of known cells — as .docx, .xlsx, .csv and HTML.

A `Spec` is the document in order: paragraphs (strings) and tables (`Table`:
header labels and rows of raw cells, section rows as one-cell rows). Renderers
write it with the libraries themselves (python-docx, openpyxl, csv, lxml) and
merge an empty cell into the non-empty cell above it, vertically, in the
columns that inherit (so continuation rows are merged cells, as in the
originals), and a section row across the table.

`sample_spec` turns a bundled text sample into a Spec: its table lines become
one table per grid (labels from the grid's roles), every other line a
paragraph, 说明 notes a paragraph after the table.
"""

from __future__ import annotations

import csv
import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from policykg.loaders.text_table import find_tables

ROLE_LABELS = {"seq": "序号", "indicator": "指标名称", "item": "改革事项", "measure": "具体措施", "lead": "牵头单位",
               "responsible": "责任单位", "deadline": "完成时限", "remark": "备注", "other": "责任领导"}
NO_MERGE = ("seq", "measure")


@dataclass
class Table:
    labels: list[str]
    rows: list[tuple[str, list[str]]]  # ("row", cells) or ("section", [heading])
    merge: bool = True

    @property
    def width(self) -> int:
        return max([len(self.labels)] + [len(c) for k, c in self.rows if k == "row"])

    def padded(self) -> list[tuple[str, list[str]]]:
        return [(k, c + [""] * (self.width - len(c)) if k == "row" else c) for k, c in self.rows]

    def vertical_runs(self) -> list[tuple[int, int, int]]:
        """(column, first row, last row) of each non-empty cell and the empty cells below it."""
        rows = self.padded()
        roles = [None] * self.width
        from policykg.loaders.columns import header_roles

        for i, role in enumerate(header_roles(self.labels)):
            roles[i] = role
        runs = []
        if not self.merge:
            return runs
        for c in range(self.width):
            if roles[c] in NO_MERGE or roles[c] is None:
                continue
            r = 0
            while r < len(rows):
                kind, cells = rows[r]
                if kind != "row" or not cells[c].strip():
                    r += 1
                    continue
                end = r
                while end + 1 < len(rows) and rows[end + 1][0] == "row" and not rows[end + 1][1][c].strip():
                    end += 1
                if end > r:
                    runs.append((c, r, end))
                r = end + 1
        return runs


@dataclass
class Spec:
    parts: list[str | Table] = field(default_factory=list)


def sample_spec(path: Path) -> Spec:
    lines = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n").split("\n")
    tables = find_tables(lines)
    notes = dict(tables.notes)
    starts = {}
    previous = 0
    for grid in tables.grids:
        lines_of_grid = [r.line for r in grid.rows]
        start = min(n for n in tables.table_lines if previous < n <= min(lines_of_grid))
        starts[start] = Table([ROLE_LABELS[r] for r in grid.roles], [(r.kind, list(r.cells)) for r in grid.rows])
        previous = max(lines_of_grid)
    spec = Spec()
    for n, line in enumerate(lines, start=1):
        if n in starts:
            spec.parts.append(starts[n])
        if n in notes:
            spec.parts.append(notes[n])
        elif n not in tables.table_lines and line.strip():
            spec.parts.append(line.replace("\t", " ").strip())
    return spec


# --- Word ------------------------------------------------------------------------------


def render_docx(spec: Spec, path: Path) -> Path:
    import docx
    from docx.table import _Cell

    document = docx.Document()
    for part in spec.parts:
        if isinstance(part, str):
            document.add_paragraph(part)
            continue
        rows = part.padded()
        table = document.add_table(rows=len(rows) + 1, cols=part.width)
        # cells from the row elements once: Table.cell() recomputes the whole grid on every call
        cells = [[_Cell(tc, table) for tc in tr.tc_lst] for tr in table._tbl.tr_lst]
        for c, label in enumerate(part.labels):
            cells[0][c].text = label
        for r, (kind, texts) in enumerate(rows, start=1):
            for c, text in enumerate(texts if kind == "row" else texts[:1]):
                if text:
                    cells[r][c].text = text
        for c, first, last in part.vertical_runs():
            cells[first + 1][c].merge(cells[last + 1][c])
        for r, (kind, _) in enumerate(rows, start=1):
            if kind == "section":
                cells[r][0].merge(cells[r][part.width - 1])
    document.save(str(path))
    return path


# --- Excel and CSV --------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _value(text: str):
    return int(text) if text.isdigit() and len(text) < 6 else _CONTROL.sub("", text) or None


def render_xlsx(spec: Spec, path: Path) -> Path:
    import openpyxl

    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = "任务清单"
    r = 0
    for part in spec.parts:
        if isinstance(part, str):
            r += 1
            ws.cell(r, 1, part)
            continue
        r += 1
        for c, label in enumerate(part.labels, start=1):
            ws.cell(r, c, label)
        top = r
        for kind, cells in part.padded():
            r += 1
            if kind == "section":
                ws.cell(r, 1, cells[0])
                ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=part.width)
                continue
            for c, text in enumerate(cells, start=1):
                ws.cell(r, c, _value(text))
        for c, first, last in part.vertical_runs():
            ws.merge_cells(start_row=top + 1 + first, start_column=c + 1, end_row=top + 1 + last, end_column=c + 1)
    workbook.save(str(path))
    return path


def render_csv(spec: Spec, path: Path, encoding: str = "utf-8-sig") -> Path:
    """CSV keeps only the first table and the paragraphs as one-cell records (no merges in CSV)."""
    with path.open("w", encoding=encoding, newline="") as stream:
        writer = csv.writer(stream)
        for part in spec.parts:
            if isinstance(part, str):
                writer.writerow([part])
                continue
            writer.writerow(part.labels)
            for _kind, cells in part.padded():
                writer.writerow(cells)
    return path


# --- HTML --------------------------------------------------------------------------------


def _html_cell(text: str) -> str:
    return "<br>".join(html.escape(line) for line in text.split("\n"))


def render_html(spec: Spec, path: Path, encoding: str = "utf-8") -> Path:
    out = [f'<!DOCTYPE html>\n<html><head><meta charset="{encoding}"><title>t</title></head><body>']
    for part in spec.parts:
        if isinstance(part, str):
            out.append(f"<p>{html.escape(part)}</p>")
            continue
        rows = part.padded()
        spans = {(first, c): last - first + 1 for c, first, last in part.vertical_runs()}
        covered = {(r, c) for c, first, last in part.vertical_runs() for r in range(first + 1, last + 1)}
        out.append('<table border="1">')
        out.append("<tr>" + "".join(f"<th>{html.escape(label)}</th>" for label in part.labels)
                   + "<th></th>" * (part.width - len(part.labels)) + "</tr>")
        for r, (kind, cells) in enumerate(rows):
            if kind == "section":
                out.append(f'<tr><td colspan="{part.width}">{_html_cell(cells[0])}</td></tr>')
                continue
            tds = []
            for c, text in enumerate(cells):
                if (r, c) in covered:
                    continue
                span = spans.get((r, c), 1)
                attr = f' rowspan="{span}"' if span > 1 else ""
                tds.append(f"<td{attr}>{_html_cell(text)}</td>")
            out.append("<tr>" + "".join(tds) + "</tr>")
        out.append("</table>")
    out.append("</body></html>\n")
    path.write_bytes("\n".join(out).encode(encoding))
    return path


RENDERERS = {".docx": render_docx, ".xlsx": render_xlsx, ".csv": render_csv, ".html": render_html}
