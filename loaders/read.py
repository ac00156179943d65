"""Reading documents: format registry, text parsing, and the corpus of many files.

`parse_text` is the pure core for text extractions: lines in, `LoadResult`
out. `read_document` reads a file, picks its reader from `READERS` (a
registry of suffix → lazily imported function, like rdflib's plugin table)
and never raises for bad content: an empty, binary or table-less file gives a
`LoadResult` with a problem code. `load_corpus` reads many files and resolves
their unit names to agencies.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from policykg.errors import InputError
from policykg.loaders.assemble import assemble_rows
from policykg.loaders.document_facts import document_units, first_listed_leads, read_facts
from policykg.loaders.encoding import decode_bytes
from policykg.loaders.text_table import find_tables
from policykg.records import Corpus, Document, LoadResult

__all__ = ["parse_text", "read_document", "read_documents", "load_corpus", "READERS", "register_reader"]

# Page-number lines of a printed document ("— 3 —", "- 12 -", "第 3 页", "3/12") are not content.
_PAGE_NUMBER = re.compile(r"^\s*(?:[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4})\s*$")

# suffix → "module:function" taking (path, encoding) and returning a LoadResult
READERS: dict[str, str] = {
    ".txt": "policykg.loaders.read:read_text_file",
    ".text": "policykg.loaders.read:read_text_file",
    ".tsv": "policykg.loaders.read:read_text_file",
    "": "policykg.loaders.read:read_text_file",
    ".docx": "policykg.loaders.docx_reader:read_docx",
    ".docm": "policykg.loaders.docx_reader:read_docx",
    ".xlsx": "policykg.loaders.xlsx_reader:read_xlsx",
    ".xlsm": "policykg.loaders.xlsx_reader:read_xlsx",
    ".csv": "policykg.loaders.xlsx_reader:read_csv",
    ".html": "policykg.loaders.html_reader:read_html",
    ".htm": "policykg.loaders.html_reader:read_html",
    ".xhtml": "policykg.loaders.html_reader:read_html",
    ".shtml": "policykg.loaders.html_reader:read_html",
    # formats that cannot be read: one clear message each (old binary Office, encrypted OOXML, PDF, RTF)
    ".doc": "policykg.loaders.formats:read_unreadable",
    ".xls": "policykg.loaders.formats:read_unreadable",
    ".wps": "policykg.loaders.formats:read_unreadable",
    ".et": "policykg.loaders.formats:read_unreadable",
    ".pdf": "policykg.loaders.formats:read_unreadable",
    ".rtf": "policykg.loaders.formats:read_unreadable",
}


def register_reader(suffix: str, target: str) -> None:
    """Register a reader ("package.module:function") for a file suffix."""
    READERS[suffix.lower()] = target


def _reader(path: Path) -> Callable[[Path, str | None], LoadResult] | None:
    from policykg.loaders.formats import sniff_suffix

    # the content decides over the name: an encrypted .xlsx is an OLE2 file, a .doc may be a .docx or a web page
    suffix = sniff_suffix(path) or path.suffix.lower()
    target = READERS.get(suffix)
    if target is None:
        return None
    module, _, func = target.partition(":")
    return getattr(importlib.import_module(module), func)


def parse_text(text: str, source: str) -> LoadResult:
    """Read a text extraction of a task-assignment document into facts, rows and rejects.

    Examples
    --------
    >>> text = "2020年某市任务分工表\\n序号\\t工作目标\\t具体措施\\t牵头部门\\t责任单位\\t完成时限\\n1\\t一、纳税\\t推进电子税务局建设。\\t市税务局\\t市财政局、人社局\\t6月底\\n"
    >>> r = parse_text(text, "x.txt")
    >>> r.rows[0].lead, r.rows[0].responsible, r.rows[0].deadline
    (('市税务局',), ('市财政局', '市人社局'), '2020-06-30')
    """
    lines = [_PAGE_NUMBER.sub("", line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    tables = find_tables(lines)
    table_start = min(tables.table_lines) - 1 if tables.table_lines else len(lines)
    facts = read_facts(lines, max(table_start - 1, 0), source)
    context = "\n".join(
        line for i, line in enumerate(lines) if (i + 1) not in tables.table_lines and line.strip()
    )
    document = Document(
        source=source,
        responsible_all=tuple(document_units(tables.notes)),
        layout=tables.layout,
        context=context or None,
        **facts,
    )
    result = LoadResult(document=document)
    if not tables.grids:
        # no task table: a numbered list whose tasks name their units inline ("inline-list")
        from policykg.loaders.compose import inline_result

        inline = inline_result(lines, source)
        if inline is not None:
            return inline
        result.problems.append("doc_no_table")
        return result
    assembled = assemble_rows(tables.grids, source, document.plan_year, first_listed_leads(text))
    result.rows = assembled.rows
    result.rejects = assembled.rejects
    result.unit_aliases = assembled.unit_aliases
    if tables.truncated is not None:
        result.problems.append(f"doc_truncated:{tables.truncated}")
        if result.rows:
            last = result.rows[-1]
            result.rows[-1] = replace(last, warnings=last.warnings + ("row_truncated",))
    if not result.rows and not result.rejects:
        result.problems.append("doc_no_table")
    return result


def read_text_file(path: Path, encoding: str | None = None) -> LoadResult:
    """Read a text file: decode it (detecting the encoding) and parse it."""
    data = path.read_bytes()
    decoded = decode_bytes(data, encoding)
    if decoded.problem:
        return LoadResult(document=Document(source=path.name), problems=[decoded.problem])
    result = parse_text(decoded.text, path.name)
    if decoded.encoding not in ("utf-8", "utf-8-sig"):
        result.problems.insert(0, f"doc_encoding:{decoded.encoding}")
    return result


def read_document(path: str | Path, encoding: str | None = None) -> LoadResult:
    """Read one document of any registered format. Bad content never raises.

    Raises
    ------
    InputError
        Only when the path does not exist or is not a readable file.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: 文件不存在 / file not found")
    reader = _reader(path)
    if reader is None:
        return LoadResult(document=Document(source=path.name), problems=[f"doc_unsupported:{path.suffix}"])
    try:
        return reader(path, encoding)
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror or exc}") from exc


def read_documents(paths: Iterable[str | Path], encoding: str | None = None,
                   progress: Callable[[int, int, Path], None] | None = None) -> list[LoadResult]:
    """Read many documents in order; ``progress(i, n, path)`` is called before each."""
    paths = [Path(p) for p in paths]
    results = []
    for i, path in enumerate(paths):
        if progress is not None:
            progress(i, len(paths), path)
        results.append(read_document(path, encoding))
    return results


def load_corpus(paths: Sequence[str | Path] | None = None, encoding: str | None = None,
                results: Sequence[LoadResult] | None = None) -> Corpus:
    """Read documents (default: the bundled samples) and resolve unit names to agencies."""
    if results is None:
        if paths is None:
            from policykg import sample_paths

            paths = sample_paths()
        results = read_documents(paths, encoding)
    from policykg.loaders.agencies import build_corpus

    return build_corpus(results)
