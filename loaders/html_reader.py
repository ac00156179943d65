"""HTML pages: plans published on government sites, with a `<table>` task table or numbered paragraphs.

The page is decoded by: ``--encoding`` when given, else a byte-order mark,
else the charset the page declares (``<meta charset>``; GB2312 / GBK read as
their superset GB18030), else detection (`policykg.loaders.encoding`).

Paragraphs (``<p>``, ``<div>``, headings, list items, lines split by
``<br>``) and table rows are *blocks* in document order. ``Row.line`` is the
source line of the ``<tr>`` (lxml's ``sourceline``); the line of a paragraph
is that of the element opening it. A minified page puts many rows on one
line: then every block is numbered by its ordinal in document order instead,
and a problem code says so.

``rowspan`` / ``colspan`` are the cell once and covered slots after it — empty
cells in the rows a merged cell covers, as in Word and Excel
(`policykg.loaders.cell_table`). A layout table (a table holding tables) is
read as a container, not as a task table. Source line breaks inside Chinese
text (Word's "save as web page" wraps lines mid-word) are not spaces.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import TYPE_CHECKING

from policykg.loaders.cell_table import Matrix, MatrixRow, Slot
from policykg.loaders.compose import Block, compose_result
from policykg.loaders.encoding import decode_bytes
from policykg.loaders.page_artefacts import strip_pinyin
from policykg.loaders.text_clean import CJK
from policykg.records import Document, LoadResult

if TYPE_CHECKING:
    from lxml.etree import _Element

__all__ = ["read_html", "parse_html", "declared_charset"]


_BLOCK = frozenset("p div h1 h2 h3 h4 h5 h6 li ul ol dl dt dd section article blockquote pre caption center "
                   "header footer main aside form fieldset address figure figcaption hr body html".split())
_SKIP = frozenset("script style noscript template head title iframe object svg button select option".split())
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_WS_BREAK = re.compile(rf"(?<=[{CJK}])[ \t\r\u3000]*\n\s*(?=[{CJK}])")
_WS = re.compile(r"[ \t\r\n\f\v]+")
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030", "cp936": "gb18030"}


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first 4 KB, normalised (GB2312/GBK → GB18030), or None."""
    m = _CHARSET.search(data[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore").lower()
    try:
        codecs.lookup(name)
    except LookupError:
        return None
    return _SUPERSETS.get(name, name)


def _decode(data: bytes, encoding: str | None) -> tuple[str, str, str | None]:
    if encoding or data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        decoded = decode_bytes(data, encoding)
        return decoded.text, decoded.encoding, decoded.problem
    declared = declared_charset(data)
    if declared:
        try:
            return data.decode(declared), declared, None
        except UnicodeDecodeError:
            pass
    decoded = decode_bytes(data)
    return decoded.text, decoded.encoding, decoded.problem


def _inline_text(text: str) -> str:
    """HTML whitespace: a run is one space, except a source line break between Chinese characters."""
    return _WS.sub(" ", _WS_BREAK.sub("", text))


class _Reader:
    def __init__(self) -> None:
        self.blocks: list[tuple[str, int]] = []  # (text, source line)
        self.rows: list[tuple[MatrixRow, int]] = []  # (row, block index)
        self.matrices: list[Matrix] = []
        self._buffer: list[str] = []
        self._line = 1
        self._start: int | None = None

    def flush(self) -> None:
        text = "".join(self._buffer).strip()
        if text:
            self.blocks.append((text, self._start or self._line))
        self._buffer, self._start = [], None

    def add(self, text: str | None) -> None:
        if text:
            if text.strip() and self._start is None:  # the line of the first visible character
                self._start = self._line + text[: len(text) - len(text.lstrip())].count("\n")
            self._buffer.append(_inline_text(text))

    def walk(self, element: _Element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        tag = tag.lower().split("}")[-1]
        if element.sourceline:
            self._line = element.sourceline
        if tag in _SKIP or not tag:  # scripts, comments: only the tail is text
            self.add(element.tail)
            return
        if tag == "table" and not element.xpath(".//table"):
            self.flush()
            self.table(element)
        elif tag == "br":
            self.flush()
        else:
            block = tag in _BLOCK or tag in ("table", "tr", "td", "th")
            if block:
                self.flush()
            self.add(element.text)
            for child in element:
                self.walk(child)
            if block:
                self.flush()
        if element.sourceline:
            self._line = max(self._line, element.sourceline)
        self.add(element.tail)

    def table(self, table: _Element) -> None:
        matrix = Matrix()
        pending: dict[tuple[int, int], str] = {}
        trs = table.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr")
        for r, tr in enumerate(trs):
            slots: list[Slot] = []
            c = 0
            for cell in tr.xpath("./td | ./th"):
                while (r, c) in pending:
                    slots.append(Slot(covered=pending.pop((r, c))))
                    c += 1
                colspan = _span(cell.get("colspan"))
                rowspan = _span(cell.get("rowspan"))
                slots.append(Slot(_cell_text(cell), span=colspan))
                slots.extend(Slot(covered="h") for _ in range(colspan - 1))
                for k in range(1, rowspan):
                    for x in range(c, c + colspan):
                        pending[(r + k, x)] = "v"
                c += colspan
            while (r, c) in pending:
                slots.append(Slot(covered=pending.pop((r, c))))
                c += 1
            row = MatrixRow(slots, tr.sourceline or self._line)
            self.blocks.append(("\t".join(s.text for s in slots if not s.covered), row.line))
            self.rows.append((row, len(self.blocks) - 1))
            matrix.rows.append(row)
        width = max((len(row.slots) for row in matrix.rows), default=0)
        for row in matrix.rows:
            row.slots.extend(Slot() for _ in range(width - len(row.slots)))
        self.matrices.append(matrix)


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 1000))
    except ValueError:
        return 1


def _cell_text(cell: _Element) -> str:
    """A cell's text with its paragraph and <br> breaks as line breaks."""
    reader = _Reader()
    reader.add(cell.text)
    for child in cell:
        reader.walk(child)
    reader.flush()
    return "\n".join(text for text, _ in reader.blocks)


def parse_html(text: str, source: str) -> LoadResult:
    """Read an HTML page's text (already decoded) into facts, rows and rejects."""
    import lxml.html

    text = strip_pinyin(re.sub(r"^\s*<\?xml[^>]*\?>", "", text))  # a hosting site's glosses: 區(qū)
    try:
        root = lxml.html.document_fromstring(text)
    except (ValueError, lxml.etree.ParserError):
        return LoadResult(document=Document(source=source), problems=["doc_no_table"])
    reader = _Reader()
    body = root.find("body")
    reader.walk(body if body is not None else root)
    reader.flush()
    blocks = [Block(t, line) for t, line in reader.blocks]
    result = compose_result(blocks, reader.matrices, source, "html-table")
    if len({r.line for r in result.rows}) < len(result.rows):
        # a minified page puts many rows on one line: number blocks by their order instead
        for row, index in reader.rows:
            row.line = index + 1
        blocks = [Block(t, k + 1) for k, (t, _) in enumerate(reader.blocks)]
        result = compose_result(blocks, reader.matrices, source, "html-table")
        result.problems.append("html_lines_ordinal")
    return result


def read_html(path: Path, encoding: str | None = None) -> LoadResult:
    """Read an HTML file, honouring its declared charset."""
    text, used, problem = _decode(path.read_bytes(), encoding)
    if problem:
        return LoadResult(document=Document(source=path.name), problems=[problem])
    result = parse_html(text, path.name)
    if used not in ("utf-8", "utf-8-sig", "ascii", "us-ascii"):
        result.problems.insert(0, f"doc_encoding:{used}")
    return result
