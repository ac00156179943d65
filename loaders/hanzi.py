"""Traditional → simplified folding, one character for one, for matching.

Plans from some places, and pages that pass through some systems, use
traditional characters throughout (牽頭單位, 責任單位, 分別負責, 各有關單位, 持續推進).
Surface names stay as written (unit-name rule 6); only the *matching* — labels,
verbs, unit-name endings, collectives, deadline words — sees the folded text.

The character table is OpenCC's traditional → simplified character mapping
(``t2s``), taken one character at a time so that folding never changes the
length of a text: positions found in the folded text hold in the original.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["fold"]

# The CJK Unified Ideographs block holds every character of the structural vocabulary.
_BLOCK = (0x4E00, 0xA000)


@lru_cache(maxsize=1)
def _table() -> tuple[dict[int, str], re.Pattern[str]]:
    import opencc

    chars = "".join(chr(c) for c in range(*_BLOCK))
    # one character per line: OpenCC's phrase tables never join two of them
    converted = opencc.OpenCC("t2s").convert("\n".join(chars)).split("\n")
    table = {ord(t): s for t, s in zip(chars, converted) if len(s) == 1 and s != t}
    # Most text holds none of them: one search (in C) is far cheaper than a translate that copies the text.
    return table, re.compile("[" + "".join(sorted(chr(c) for c in table)) + "]")


def fold(text: str) -> str:
    """The text with traditional characters folded to simplified, one for one.

    >>> fold("牽頭單位"), fold("各有關單位"), fold("分別負責，年內持續推進")
    ('牵头单位', '各有关单位', '分别负责，年内持续推进')
    """
    table, any_traditional = _table()
    if any_traditional.search(text) is None:
        return text
    return text.translate(table)
