"""Word documents (.docx): task tables with merged cells, and numbered paragraphs with inline attributions.

The body is walked in document order. Each paragraph and each table row is a
*block* whose ``line`` is its ordinal in that order (1-based: the third
paragraph of a document that opens with a two-row table is line 5), so
``Row.line`` of a table row is the ordinal of its ``w:tr`` and a person finds
it by counting paragraphs and rows — or by the row's number and text.

Merged cells are read from the XML, not through python-docx's cell grid
(which repeats a merged cell's text in every row it covers): a ``w:vMerge``
continuation is a covered slot, i.e. an empty cell in that row as a text
extraction shows it; a ``w:gridSpan`` cell is the cell once, followed by
covered slots (see `policykg.loaders.cell_table`). Automatic list numbers
(the 序号 column, "1." of a task list) are rendered by
`policykg.loaders.docx_numbering`, since the text does not hold them.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from policykg.loaders.cell_table import Matrix, MatrixRow, Slot
from policykg.loaders.compose import Block, compose_result
from policykg.loaders.decompression import expansion_problem
from policykg.loaders.formats import sniff_problem
from policykg.records import Document, LoadResult

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from lxml.etree import _Element

    from policykg.loaders.docx_numbering import Numbering


__all__ = ["read_docx", "docx_blocks"]

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _q(tag: str) -> str:
    return f"{{{_W}}}{tag}"


_SKIP = {_q("delText"), _q("instrText"), _q("moveFrom"), _q("del"), _q("txbxContent"), f"{{{_MC}}}Fallback",
         _q("pPr"), _q("rPr")}


def _run_text(element: _Element, out: list[str], in_cell: bool) -> None:
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == _q("t"):
            out.append(child.text or "")
            # An entity reference the parser left unexpanded (python-docx parses with
            # resolve_entities=False): the text after it is its tail, kept; the reference is dropped.
            for sub in child:
                if sub.tag is etree.Entity:
                    out.append(sub.tail or "")
        elif tag == _q("tab"):
            out.append(" " if in_cell else "\t")
        elif tag in (_q("br"), _q("cr")):
            out.append("\n")
        elif tag == _q("noBreakHyphen"):
            out.append("-")
        else:
            _run_text(child, out, in_cell)


def _paragraph_text(p: _Element, numbering: Numbering, in_cell: bool = False) -> str:
    parts: list[str] = []
    _run_text(p, parts, in_cell)
    label = numbering.label(p) if numbering is not None else ""
    return label + "".join(parts)


def _cell_text(tc: _Element, numbering: Numbering) -> str:
    lines: list[str] = []
    for child in tc:
        if child.tag == _q("p"):
            lines.append(_paragraph_text(child, numbering, in_cell=True))
        elif child.tag == _q("tbl"):  # a nested table: its cells' text, row by row
            for tr in child.iter(_q("tr")):
                lines.append(" ".join(_cell_text(c, numbering) for c in tr.iter(_q("tc"))))
        elif child.tag == _q("sdt"):
            content = child.find(_q("sdtContent"))
            if content is not None:
                lines.append(_cell_text(content, numbering))
    return "\n".join(lines).strip("\n")


def _int_attr(element: _Element, path: str, default: int) -> int:
    found = element.find(path)
    if found is None:
        return default
    try:
        return int(found.get(_q("val"), default))
    except ValueError:
        return default


def _children(parent: _Element, tag: str) -> Iterator[_Element]:
    """The ``tag`` children of a table or row, also those wrapped in content controls (w:sdt)."""
    for child in parent:
        if child.tag == _q(tag):
            yield child
        elif child.tag == _q("sdt"):
            content = child.find(_q("sdtContent"))
            if content is not None:
                yield from _children(content, tag)


def _cells(tr: _Element) -> Iterator[_Element]:
    """The row's w:tc elements."""
    return _children(tr, "tc")


def _table_rows(tbl: _Element) -> Iterator[_Element]:
    return _children(tbl, "tr")


def _read_table(tbl: _Element, numbering: Numbering, blocks: list[Block]) -> Matrix:
    matrix = Matrix()
    for tr in _table_rows(tbl):
        slots = [Slot() for _ in range(_int_attr(tr, f"{_q('trPr')}/{_q('gridBefore')}", 0))]
        for tc in _cells(tr):
            span = max(1, _int_attr(tc, f"{_q('tcPr')}/{_q('gridSpan')}", 1))
            v_merge = tc.find(f"{_q('tcPr')}/{_q('vMerge')}")
            h_merge = tc.find(f"{_q('tcPr')}/{_q('hMerge')}")
            text = _cell_text(tc, numbering)
            if v_merge is not None and v_merge.get(_q("val"), "continue") == "continue":
                slots.extend(Slot(covered="v") for _ in range(span))
            elif h_merge is not None and h_merge.get(_q("val"), "continue") == "continue":
                slots.extend(Slot(covered="h") for _ in range(span))
                if slots and span and len(slots) > span:  # the legacy merge widens the cell it continues
                    owner = next((s for s in reversed(slots[:-span]) if not s.covered), None)
                    if owner is not None:
                        owner.span += span
            else:
                slots.append(Slot(text=text.replace("\t", " "), span=span))
                slots.extend(Slot(covered="h") for _ in range(span - 1))
        line = len(blocks) + 1
        blocks.append(Block("\t".join(s.text for s in slots if not s.covered), line))
        matrix.rows.append(MatrixRow(slots, line))
    width = max((len(r.slots) for r in matrix.rows), default=0)
    for row in matrix.rows:
        row.slots.extend(Slot() for _ in range(width - len(row.slots)))
    return matrix


def _walk(container: _Element, numbering: Numbering, blocks: list[Block], matrices: list[Matrix]) -> None:
    for child in container:
        if child.tag == _q("p"):
            blocks.append(Block(_paragraph_text(child, numbering), len(blocks) + 1))
        elif child.tag == _q("tbl"):
            matrices.append(_read_table(child, numbering, blocks))
        elif child.tag in (_q("sdt"), _q("customXml")):
            content = child.find(_q("sdtContent")) if child.tag == _q("sdt") else child
            if content is not None:
                _walk(content, numbering, blocks, matrices)


def docx_blocks(document: WordDocument) -> tuple[list[Block], list[Matrix]]:
    """The blocks (paragraphs and table rows, numbered in document order) and tables of a python-docx Document."""
    from policykg.loaders.docx_numbering import Numbering

    blocks: list[Block] = []
    matrices: list[Matrix] = []
    _walk(document.element.body, Numbering(document), blocks, matrices)
    return blocks, matrices


def read_docx(path: Path, encoding: str | None = None) -> LoadResult:
    """Read a .docx file; a damaged or encrypted file gives a problem code, never an exception.

    ``encoding`` is ignored (a .docx declares its own).
    """
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    too_large = expansion_problem(path)
    if too_large is not None:
        return LoadResult(document=Document(source=path.name), problems=[too_large])
    try:
        document = docx.Document(str(path))
        blocks, matrices = docx_blocks(document)
        entities = sorted({e.name for e in document.element.iter() if e.tag is etree.Entity})
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError, EOFError,
            zlib.error):
        problem = sniff_problem(path)
        if problem.startswith("doc_corrupt"):
            problem = "doc_corrupt:docx"
        return LoadResult(document=Document(source=path.name), problems=[problem])
    result = compose_result(blocks, matrices, path.name, "docx-table")
    if entities:
        result.problems.append("docx_entities:" + "、".join(entities))
    return result
