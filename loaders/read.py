"""Reading documents: format registry, text parsing, and the corpus of many files.

`parse_text` is the pure core for text extractions: lines in, `LoadResult`
out. `read_document` reads a file, picks its reader from `READERS` (a
registry of suffix → lazily imported function, like rdflib's plugin table)
and never raises for bad content: an empty, binary or table-less file gives a
`LoadResult` with a problem code. `load_corpus` reads many files and resolves
their unit names to agencies.
"""

from __future__ import annotations

import errno
import importlib
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from policykg.errors import InputError
from policykg.loaders.assemble import assemble_rows
from policykg.loaders.document_facts import document_units, first_listed_leads, implicit_units, read_facts
from policykg.loaders.encoding import decode_bytes
from policykg.loaders.indicator_corrections import Corrections, apply_corrections
from policykg.loaders.indicator_inference import infer_indicators
from policykg.loaders.page_artefacts import strip_pinyin
from policykg.loaders.text_table import find_tables
from policykg.processes import init_worker
from policykg.records import Corpus, Document, LoadResult, Reject

__all__ = ["parse_text", "read_document", "read_documents", "iter_documents", "load_corpus", "READERS",
           "register_reader", "expand_paths"]


# Page-number lines of a printed document ("— 3 —", "- 12 -", "第 3 页", "3/12") are not content.
_PAGE_NUMBER = re.compile(r"^\s*(?:[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
                          r"|\d{1,4}\s*/\s*\d{1,4})\s*$")

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
    >>> text = ("2020年某市任务分工表\\n序号\\t工作目标\\t具体措施\\t牵头部门\\t责任单位\\t完成时限\\n"
    ...         "1\\t一、纳税\\t推进电子税务局建设。\\t市税务局\\t市财政局、人社局\\t6月底\\n")
    >>> r = parse_text(text, "x.txt")
    >>> r.rows[0].lead, r.rows[0].responsible, r.rows[0].deadline
    (('市税务局',), ('市财政局', '市人社局'), '2020-06-30')
    """
    text = strip_pinyin(text)
    lines = [_PAGE_NUMBER.sub("", line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    tables = find_tables(lines)
    table_start = min(tables.table_lines) - 1 if tables.table_lines else len(lines)
    facts = read_facts(lines, max(table_start - 1, 0), source)
    context = "\n".join(
        line for i, line in enumerate(lines) if (i + 1) not in tables.table_lines and line.strip()
    )
    document = Document(
        source=source,
        responsible_all=tuple(dict.fromkeys(document_units(tables.notes) + implicit_units(lines))),
        layout=tables.layout,
        context=context or None,
        **facts,
    )
    result = LoadResult(document=document)
    if not tables.grids:
        # no task table: a numbered list whose tasks name their units inline ("inline-list")
        from policykg.loaders.inline_document import inline_result

        inline = inline_result(lines, source, cut_off=bool(lines) and lines[-1].strip() != "")
        if inline is not None:
            return inline
        result.problems.append("doc_no_table")
        return result
    assembled = assemble_rows(tables.grids, source, document.plan_year, first_listed_leads(text),
                              document.jurisdiction)
    result.rows = assembled.rows
    result.rejects = assembled.rejects
    result.unit_aliases = assembled.unit_aliases
    if tables.truncated is not None:
        result.problems.append(f"doc_truncated:{tables.truncated}")
        _mark_cut_row(result, tables.truncated, tables.truncated_units)
    if not result.rows and not result.rejects:
        result.problems.append("doc_no_table")
    return result


def _mark_cut_row(result: LoadResult, line: int, units_lost: bool) -> None:
    """The row the end of the file cuts off: a reject when its unit cells may be lost, else a warning.

    A continuation row of a merged cell ("N-k") takes its units from the row above, so
    only its own text can be cut.
    """
    row = next((r for r in reversed(result.rows) if r.line == line), None)
    if row is None:
        return
    if units_lost and "-" not in row.seq:
        result.rows.remove(row)
        text = " | ".join(x for x in (row.measure, "、".join(row.lead), "、".join(row.responsible)) if x)
        result.rejects.append(Reject(row.source, row.line, row.seq, "reject_truncated", text[:200]))
    else:
        result.rows[result.rows.index(row)] = replace(row, warnings=row.warnings + ("row_truncated",))


def read_text_file(path: Path, encoding: str | None = None) -> LoadResult:
    """Read a text file: decode it (detecting the encoding) and parse it."""
    data = path.read_bytes()
    decoded = decode_bytes(data, encoding)
    if decoded.problem:
        return LoadResult(document=Document(source=path.name), problems=[decoded.problem])
    result = parse_text(decoded.text, path.name)
    if decoded.encoding.startswith("utf-8+"):
        result.problems.insert(0, f"doc_encoding_mixed:{decoded.encoding.partition(':')[2]}")
    elif decoded.encoding not in ("utf-8", "utf-8-sig"):
        result.problems.insert(0, f"doc_encoding:{decoded.encoding}")
    return result


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """The documents named by ``paths``: a file as given, a folder as its documents.

    A folder gives its own files (not its subfolders') whose suffix has a reader,
    sorted by name; hidden files and Office lock files (``~$…``) are left out. A
    folder with no such file is kept as it is, so reading it reports it.

    Raises
    ------
    InputError
        Two documents have the same file name: the name is a document's identity
        (its source, and its graph), so one would replace the other.
    """
    out: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            # a link that leads nowhere (a loop, a deleted target) is kept: reading it says so
            found = sorted(
                (p for p in path.iterdir()
                 if (p.is_file() or _dead_link(p)) and p.suffix.lower() in READERS and p.suffix
                 and not p.name.startswith((".", "~$"))),
                key=lambda p: p.name,
            )
            out.extend(found or [path])
        else:
            out.append(path)
    seen: dict[str, Path] = {}
    unique: list[Path] = []
    for path in out:
        other = seen.setdefault(path.name, path)
        if other is path:
            unique.append(path)
        elif _dead_link(path) or _dead_link(other) or other.resolve() != path.resolve():
            raise InputError("input_same_name", path=path, other=other)
    return unique  # a file named twice is read once


def _dead_link(path: Path) -> bool:
    """A symbolic link whose target cannot be reached: a loop, or a target that is gone."""
    return path.is_symlink() and not path.exists()


def read_document(path: str | Path, encoding: str | None = None, corrections: Corrections | None = None) -> LoadResult:
    """Read one document of any registered format. Bad content never raises.

    After reading, each row whose document prints none of the 18 indicators gets the inferred
    one (`policykg.loaders.indicator_inference`), or the planner's answer of ``corrections``.

    Raises
    ------
    InputError
        Only when the path does not exist or is not a readable file.
    """
    path = Path(path)
    if _dead_link(path):
        try:
            os.stat(path)
            key = "input_link_unreadable"
        except OSError as exc:
            key = "input_link_loop" if exc.errno == errno.ELOOP else "input_link_dead"
        raise InputError(key, path=path)
    if path.is_dir():
        raise InputError("input_folder_empty", path=path)
    if not path.is_file():
        raise InputError("input_not_found", path=path)
    reader = _reader(path)
    if reader is None:
        return LoadResult(document=Document(source=path.name), problems=[f"doc_unsupported:{path.suffix}"])
    try:
        result = reader(path, encoding)
    except OSError as exc:
        raise InputError("input_unreadable", path=path, reason=exc.strerror or exc) from exc
    # the step after reading (not in the layout readers): indicators where the document prints none
    return apply_corrections(infer_indicators(result), corrections)


def read_documents(paths: Iterable[str | Path], encoding: str | None = None,
                   progress: Callable[[int, int, Path], None] | None = None,
                   workers: int | None = 1) -> list[LoadResult]:
    """Read many documents in order; ``progress(i, n, path)`` is called as each is taken.

    ``workers`` as in `iter_documents` (default 1: this process only).
    """
    files = [Path(p) for p in paths]
    results = []
    for i, (path, result) in enumerate(zip(files, iter_documents(files, encoding, workers))):
        if progress is not None:
            progress(i, len(files), path)
        results.append(result)
    return results


# Below this many documents, starting worker processes costs more than it saves.
_PARALLEL_MIN_DOCUMENTS = 16
_CHUNK_DOCUMENTS = 4


def iter_documents(paths: Sequence[str | Path], encoding: str | None = None, workers: int | None = None,
                   on_error: Callable[[Path, InputError], None] | None = None,
                   corrections: Corrections | None = None) -> Iterator[LoadResult]:
    """Read documents and yield their results in the order of ``paths``, as each is ready.

    Reading is pure Python and CPU-bound, so with ``workers`` > 1 (``None``: one per
    CPU) the documents are read by that many worker processes, a few documents per
    task, while the caller uses the results already read (the store pipeline
    indexes them meanwhile). The workers start when this is called, before the
    caller starts threads of its own (a store's, a producer's): on Linux they are
    forked then, which needs no ``if __name__ == "__main__"`` guard in the caller's
    script. They read with the readers registered at that time, and end with this
    process however it ends (`policykg.processes.init_worker`); few documents are
    read in this process, lazily.

    A file that cannot be read at all (`InputError`: missing, unreadable) raises
    at its place in the order, or, with ``on_error``, is reported to it and skipped.
    ``corrections`` (a planner's corrected indicators) are applied where each document is
    read; a worker is sent those of its documents only.
    """
    if workers is None:
        workers = os.cpu_count() or 1
    workers = min(workers, len(paths) // _CHUNK_DOCUMENTS)
    chunks = [[Path(p) for p in paths[i:i + _CHUNK_DOCUMENTS]] for i in range(0, len(paths), _CHUNK_DOCUMENTS)]
    if workers <= 1 or len(paths) < _PARALLEL_MIN_DOCUMENTS:
        return _results(chunks, (_read_chunk(chunk, encoding, corrections) for chunk in chunks), on_error)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=init_worker, initargs=(os.getpid(),))
    shares = [None if corrections is None else corrections.for_sources(p.name for p in chunk) for chunk in chunks]
    done = pool.map(_read_chunk, chunks, [encoding] * len(chunks), shares)  # submits every task: workers start now
    return _pooled(pool, _results(chunks, done, on_error))


def _pooled(pool, results: Iterator[LoadResult]) -> Iterator[LoadResult]:
    """``results``, then the pool shut down (also when the caller stops early: pending tasks are cancelled)."""
    try:
        yield from results
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _results(chunks: list[list[Path]], done: Iterable[list[LoadResult | InputError]],
             on_error: Callable[[Path, InputError], None] | None) -> Iterator[LoadResult]:
    for chunk, results in zip(chunks, done):
        for path, result in zip(chunk, results):
            if isinstance(result, InputError):
                if on_error is None:
                    raise result
                on_error(path, result)
            else:
                yield result


def _read_chunk(paths: list[Path], encoding: str | None,
                corrections: Corrections | None = None) -> list[LoadResult | InputError]:
    """A worker's task: several documents read in a row (one round trip to the parent)."""
    out: list[LoadResult | InputError] = []
    for path in paths:
        try:
            out.append(read_document(path, encoding, corrections))
        except InputError as exc:
            out.append(exc)
    return out


def load_corpus(paths: Sequence[str | Path] | None = None, encoding: str | None = None,
                results: Sequence[LoadResult] | None = None, workers: int | None = None) -> Corpus:
    """Read documents (default: the bundled samples) and resolve unit names to agencies.

    ``workers``: reading processes, as in `iter_documents` (``None``: one per CPU).
    """
    if results is None:
        if paths is None:
            from policykg import sample_paths

            paths = sample_paths()
        results = list(iter_documents(paths, encoding, workers))
    from policykg.loaders.agencies import build_corpus

    return build_corpus(results)
