"""The review workbook of ``policykg agencies --review FILE.xlsx``: every agency, the proposals, how to answer.

Three sheets, headers in the user's language: the agencies (`agency_summary` and
the documents naming each); the proposed merges and splits
(`policykg.loaders.agency_review`), one row per line of an aliases file — columns
``name`` and ``agency`` keep those English headers so that the accepted rows,
saved as CSV, are an aliases file as they stand — with the evidence and a
decision column; and the instructions. Every text from a document is written as
a text cell, never a formula (a name may start with ``=``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from policykg.loaders.agencies import agency_summary
from policykg.loaders.agency_review import Proposal, surface_evidence
from policykg.messages import render
from policykg.records import Agency, Corpus

__all__ = ["write_review_workbook", "AGENCY_SHEET_COLUMNS", "PROPOSAL_SHEET_COLUMNS"]

AGENCY_SHEET_COLUMNS = ("agency", "agency_name", "jurisdiction", "sector", "kind", "surface_names", "lead_rows",
                        "responsible_rows", "documents")
PROPOSAL_SHEET_COLUMNS = ("number", "proposal", "reason", "decision", "name", "agency", "now", "now_id",
                          "target_id", "evidence", "kept_evidence")
_LITERAL_HEADERS = {"name": "name", "agency": "agency"}  # the aliases file's own header, in every language
_MAX_DOCUMENTS = 5
_MAX_LINES = 10
_WIDTHS = {"agency": 30, "agency_name": 28, "surface_names": 36, "name": 24, "now": 26, "now_id": 30,
           "target_id": 30, "evidence": 48, "kept_evidence": 60, "reason": 34, "decision": 16}


def _header(column: str, lang: str) -> str:
    return _LITERAL_HEADERS.get(column) or render(f"review_col_{column}", lang)


class _Evidence:
    """Where each surface name stands for each agency: "001.txt 第 3、9 行；002.txt 第 4 行"."""

    def __init__(self, corpus: Corpus, lang: str) -> None:
        self.lang = lang
        lines = surface_evidence(corpus)
        self.places: dict[tuple[str, str], list[tuple[str, list[int]]]] = defaultdict(list)
        for (source, surface), agency_id in corpus.assignments.items():
            self.places[(agency_id, surface)].append((source, lines.get((source, surface), [])))

    def of(self, agency_id: str, surface: str) -> str:
        places = sorted(self.places.get((agency_id, surface), []))
        parts = []
        for source, lines in places[:_MAX_DOCUMENTS]:
            shown = "、".join(str(n) for n in lines[:_MAX_LINES])
            if len(lines) > _MAX_LINES:
                shown += " " + render("review_more", self.lang, count=len(lines) - _MAX_LINES)
            parts.append(render("review_lines", self.lang, source=source, lines=shown))
        if len(places) > _MAX_DOCUMENTS:
            parts.append(render("review_more", self.lang, count=len(places) - _MAX_DOCUMENTS))
        return "；".join(parts)

    def documents(self, agency: Agency) -> int:
        return len({source for surface in agency.surface_names for source, _ in self.places.get((agency.id, surface), [])})

    def of_agency(self, agency: Agency) -> str:
        return "\n".join(f"{surface}：{self.of(agency.id, surface)}" for surface in agency.surface_names)


def _agency_rows(corpus: Corpus, evidence: _Evidence, lang: str) -> list[list[Any]]:
    rows = []
    for record in agency_summary(corpus):
        agency = corpus.agencies[str(record["agency"])]
        values = {**record, "agency_name": record["name"], "kind": render(f"review_kind_{agency.kind}", lang),
                  "surface_names": "、".join(agency.surface_names), "documents": evidence.documents(agency)}
        rows.append([values[c] for c in AGENCY_SHEET_COLUMNS])
    return rows


def _proposal_rows(proposals: Sequence[Proposal], evidence: _Evidence, lang: str) -> list[list[Any]]:
    rows = []
    for number, proposal in enumerate(proposals, start=1):
        kept = evidence.of_agency(proposal.kept) if proposal.kept is not None else ""
        for name, agency in proposal.lines:
            values = {"number": number, "proposal": render(f"review_{proposal.kind}", lang),
                      "reason": render(f"review_reason_{proposal.reason}", lang), "decision": None,
                      "name": name, "agency": agency, "now": proposal.agency.name, "now_id": proposal.agency.id,
                      "target_id": proposal.target_id, "evidence": evidence.of(proposal.agency.id, name),
                      "kept_evidence": kept}
            rows.append([values[c] for c in PROPOSAL_SHEET_COLUMNS])
    return rows


def _sheet(wb: Any, title: str, columns: Sequence[str], rows: list[list[Any]], lang: str) -> Any:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(title)
    ws.append([_header(c, lang) for c in columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for r, values in enumerate(rows, start=2):
        for i, value in enumerate(values, start=1):
            cell = ws.cell(r, i, value)
            if isinstance(value, str):
                cell.data_type = "s"  # document text is text: "=…" must not become a formula
                if "\n" in value:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(rows) + 1}"
    for i, column in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = _WIDTHS.get(column, 12)
    return ws


def write_review_workbook(corpus: Corpus, proposals: Sequence[Proposal], path: Path, lang: str = "zh") -> Path:
    """Write the review workbook for ``corpus`` and its ``proposals`` to ``path`` (.xlsx) and return it.

    The decision column takes 接受 / 拒绝 (accept / reject in English) from a list.
    """
    from openpyxl import Workbook
    from openpyxl.worksheet.datavalidation import DataValidation

    evidence = _Evidence(corpus, lang)
    wb = Workbook()
    wb.remove(wb.active)
    _sheet(wb, render("review_sheet_agencies", lang), AGENCY_SHEET_COLUMNS, _agency_rows(corpus, evidence, lang), lang)
    rows = _proposal_rows(proposals, evidence, lang)
    ws = _sheet(wb, render("review_sheet_proposals", lang), PROPOSAL_SHEET_COLUMNS, rows, lang)
    if rows:
        choices = ",".join(render(key, lang) for key in ("review_accept", "review_reject"))
        column = "ABCDEFGHIJK"[PROPOSAL_SHEET_COLUMNS.index("decision")]
        validation = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True)
        validation.add(f"{column}2:{column}{len(rows) + 1}")
        ws.add_data_validation(validation)
    howto = wb.create_sheet(render("review_sheet_howto", lang))
    howto.column_dimensions["A"].width = 120
    for line in render("review_howto", lang).splitlines():
        howto.append([line])
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path
