"""A document read as a numbered task list whose tasks name their units inline ("inline-list" layout).

Used by `policykg.loaders.read.parse_text` when a text holds no task table; kept
apart from `policykg.loaders.compose` (which calls `parse_text`) so that neither
module imports the other.
"""

from __future__ import annotations

from collections.abc import Sequence

from policykg.loaders.document_facts import read_facts
from policykg.loaders.inline import read_inline_list
from policykg.records import Document, LoadResult

__all__ = ["inline_result"]


def inline_result(lines: Sequence[str], source: str, numbers: Sequence[int] | None = None) -> LoadResult | None:
    """The result of a document read as an inline task list, or None when it holds none."""
    numbers = list(numbers) if numbers is not None else list(range(1, len(lines) + 1))
    probe = read_inline_list(lines, source, None, numbers)
    if probe is None:
        return None
    first = min(probe[1].list_lines)
    start = next((k for k, n in enumerate(numbers) if n >= first), 0)
    facts = read_facts(lines, start, source)
    assembled, found = read_inline_list(lines, source, facts.get("plan_year"), numbers, facts.get("jurisdiction"))
    context = "\n".join(t for t, n in zip(lines, numbers) if n not in found.list_lines and t.strip())
    document = Document(source=source, layout="inline-list", context=context or None, **facts)
    result = LoadResult(document=document, rows=assembled.rows, rejects=assembled.rejects,
                        unit_aliases=assembled.unit_aliases)
    return result
