"""Decoding document bytes: UTF-8 with or without BOM, UTF-16, GB18030/GBK, and binary detection.

Planners' files come from Word, WPS and old Windows machines: UTF-8 (often with
a BOM), UTF-16 from "Unicode text" exports, GBK/GB18030 from older systems. The
BOM decides when there is one; otherwise strict UTF-8, then UTF-16 by its NUL
pattern, then charset-normalizer's best guess among the Chinese encodings.
"""

from __future__ import annotations

import codecs

__all__ = ["decode_bytes", "Decoded"]


class Decoded(tuple):
    """(text, encoding name, problem code or None)."""

    __slots__ = ()

    @property
    def text(self) -> str:
        return self[0]

    @property
    def encoding(self) -> str:
        return self[1]

    @property
    def problem(self) -> str | None:
        return self[2]


def _utf16_guess(data: bytes) -> str | None:
    """UTF-16 without a BOM: NUL bytes sit almost only on one side of each byte pair.

    In Chinese text few characters have a NUL byte, but the tabs, digits and
    line breaks of a task table do, always in the high byte.
    """
    sample = data[:8192]
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    total = even + odd
    if total < 4:
        return None
    if odd >= 0.75 * total:
        return "utf-16-le"
    if even >= 0.75 * total:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes, encoding: str | None = None) -> Decoded:
    """Decode a document's bytes, detecting the encoding unless one is given.

    Returns ``Decoded(text, encoding, problem)`` where problem is a message code
    ("doc_empty", "doc_binary", "doc_undecodable") or None.

    Examples
    --------
    >>> decode_bytes("序号\\t牵头".encode("gb18030")).encoding
    'gb18030'
    >>> decode_bytes(codecs.BOM_UTF8 + "序号".encode()).encoding
    'utf-8-sig'
    """
    if not data.strip():
        return Decoded(("", encoding or "utf-8", "doc_empty"))
    if encoding:
        return Decoded((data.decode(encoding, errors="replace"), encoding, None))
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return Decoded((data.decode(name, errors="replace"), name, None))
    guess16 = _utf16_guess(data)
    if guess16:
        try:
            text = data.decode(guess16)
            if _printable_share(text) >= 0.95:
                return Decoded((text, guess16, None))
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:8192]:
        return Decoded(("", "binary", "doc_binary"))
    try:
        return Decoded((data.decode("utf-8"), "utf-8", None))
    except UnicodeDecodeError:
        pass
    mixed = _decode_by_line(data)
    if mixed is not None:
        return mixed
    try:
        text = data.decode("gb18030")
        if _printable_share(text) >= 0.95:
            return Decoded((text, "gb18030", None))
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return Decoded(("", "unknown", "doc_undecodable"))
    text = str(best)
    if _printable_share(text) < 0.9:
        return Decoded(("", best.encoding, "doc_binary"))
    return Decoded((text, best.encoding, None))


def _decode_by_line(data: bytes) -> Decoded | None:
    """A file whose encoding changes part-way (text pasted from two sources): each line in its own.

    Used when some lines hold Chinese in UTF-8 and others are not UTF-8: each of those
    is read as GB18030 (the superset of GBK/GB2312), else with replacement characters.
    The encoding name gives the lines read otherwise ("utf-8+gb18030:12-40"), so the
    reader can say which lines to check; no line is dropped.
    """
    lines = data.split(b"\n")
    out: list[str] = []
    other: list[int] = []
    utf8_han = 0
    for number, raw in enumerate(lines, 1):
        try:
            text = raw.decode("utf-8")
            utf8_han += not raw.isascii()
        except UnicodeDecodeError:
            other.append(number)
            try:
                text = raw.decode("gb18030")
            except UnicodeDecodeError:
                text = raw.decode("utf-8", errors="replace")
        out.append(text)
    if not utf8_han or not other:
        return None  # one encoding throughout
    span = f"{other[0]}-{other[-1]}" if len(other) > 1 else str(other[0])
    return Decoded(("\n".join(out), "utf-8+gb18030:" + span, None))


def _printable_share(text: str) -> float:
    sample = text[:8192]
    if not sample:
        return 1.0
    return sum(ch.isprintable() or ch in "\r\n\t" for ch in sample) / len(sample)
