"""From a document's blocks and tables to its `LoadResult`, the same way for every format.

A reader (Word, Excel, CSV, HTML) turns a file into *blocks* — its paragraphs
and table rows in document order, each with the line number a person uses to
find it — and its tables into `Matrix`es. `compose_result` then does what
`policykg.loaders.read.parse_text` does for text: document facts from the
blocks above the task table (`read_facts`), 说明 notes as the units responsible
for every task, rows by `assemble_rows`, the rest of the text as context; and,
when there is no task table, a numbered list with inline attributions
(`policykg.loaders.inline_document`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from policykg.loaders.assemble import assemble_rows
from policykg.loaders.cell_table import Matrix, find_cell_tables
from policykg.loaders.document_facts import document_units, first_listed_leads, read_facts
from policykg.records import Document, LoadResult

_NOTE = re.compile(r"^\s*(?:说明|說明|注|註|备注|備註)\s*[:：]")

__all__ = ["Block", "compose_result", "text_result"]


@dataclass(slots=True, frozen=True)
class Block:
    """A paragraph or table row of a document: its text (cells joined by TAB) and its line number."""

    text: str
    line: int


def _context(blocks: Sequence[Block], used: set[int]) -> str | None:
    text = "\n".join(b.text for b in blocks if b.line not in used and b.text.strip())
    return text or None


def text_result(blocks: Sequence[Block], source: str, fallback: LoadResult | None = None) -> LoadResult:
    """Read the blocks as a text document (TAB-typed tables, inline lists), lines mapped back to the blocks.

    A Word or HTML document without a table may still hold its tasks as text:
    paragraphs typed with TABs, or a numbered list with inline attributions.
    Each block is one line (its breaks become further lines of the same block).
    Returns ``fallback`` when the text holds no rows either.
    """
    from policykg.loaders.read import parse_text

    lines: list[str] = []
    numbers: list[int] = []
    for block in blocks:
        for part in block.text.split("\n"):
            lines.append(part)
            numbers.append(block.line)
    result = parse_text("\n".join(lines) + "\n", source)  # blocks are whole paragraphs: none is cut off
    if not result.rows and not result.rejects and fallback is not None:
        return fallback

    if "text_lines_ordinal" in result.problems:
        return result  # lines are the ordinals of the tasks' paragraphs, not lines of the text

    def remap(line: int) -> int:
        return numbers[line - 1] if 0 < line <= len(numbers) else line

    result.rows = [replace(r, line=remap(r.line)) for r in result.rows]
    result.rejects = [replace(r, line=remap(r.line)) for r in result.rejects]
    return result


def compose_result(blocks: Sequence[Block], matrices: Sequence[Matrix], source: str, layout: str) -> LoadResult:
    """Read a document given as blocks (for facts, context and text layouts) and matrices (its tables).

    Parameters
    ----------
    blocks : paragraphs and table rows in document order; a table row's text is its cells joined by TAB.
    matrices : the document's tables.
    source : the file name (``Row.source``).
    layout : the layout name for `Document.layout` ("docx-table", "xlsx-sheet", …).

    Without a task table among the matrices, the blocks are read as text (`text_result`).
    """
    tables = find_cell_tables(matrices)
    if not tables.grids:
        return text_result(blocks, source)
    texts = [b.text for b in blocks]
    table_start = next((k for k, b in enumerate(blocks) if b.line in tables.table_lines), len(blocks))
    for block in blocks[table_start:]:  # a 说明 paragraph under the table belongs to it
        if block.line not in tables.table_lines and _NOTE.match(block.text):
            tables.notes.append((block.line, block.text.strip()))
            tables.table_lines.add(block.line)
    facts = read_facts(texts, table_start, source)
    document = Document(
        source=source,
        responsible_all=tuple(document_units(tables.notes)),
        layout=layout,
        context=_context(blocks, tables.table_lines),
        **facts,
    )
    assembled = assemble_rows(tables.grids, source, document.plan_year,
                              first_listed_leads("\n".join(texts)), document.jurisdiction)
    result = LoadResult(document=document, rows=assembled.rows, rejects=assembled.rejects,
                        unit_aliases=assembled.unit_aliases)
    if not result.rows and not result.rejects:
        result.problems.append("doc_no_table")
    return result
