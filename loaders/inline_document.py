"""A document read as a numbered task list whose tasks name their units inline ("inline-list" layout).

Used by `policykg.loaders.read.parse_text` when a text holds no task table; kept
apart from `policykg.loaders.compose` (which calls `parse_text`) so that neither
module imports the other.
"""

from __future__ import annotations

from collections.abc import Sequence

from policykg.loaders.document_facts import implicit_units, read_facts
from policykg.loaders.inline import find_inline_list, list_rows
from policykg.records import Document, LoadResult

__all__ = ["inline_result"]


def inline_result(lines: Sequence[str], source: str, numbers: Sequence[int] | None = None,
                  cut_off: bool = False) -> LoadResult | None:
    """The result of a document read as a task list (numbered list, articles, bulletins), or None when it holds none.

    ``cut_off``: the text stops mid-line (see `policykg.loaders.inline.find_inline_list`).
    """
    numbers = list(numbers) if numbers is not None else list(range(1, len(lines) + 1))
    found = find_inline_list(lines, numbers, cut_off)
    if not found.tasks and not found.rejects:
        return None
    first = min(found.list_lines)
    start = next((k for k, n in enumerate(numbers) if n >= first), 0)
    facts = read_facts(lines, start, source)
    assembled = list_rows(found, source, facts.get("plan_year"), facts.get("jurisdiction"), facts.get("title"))
    context = "\n".join(t for t, n in zip(lines, numbers) if n not in found.list_lines and t.strip())
    document = Document(source=source, layout="inline-list", context=context or None,
                        responsible_all=tuple(implicit_units(lines)), **facts)
    return LoadResult(document=document, rows=assembled.rows, rejects=assembled.rejects,
                      unit_aliases=assembled.unit_aliases, problems=list(assembled.problems))
