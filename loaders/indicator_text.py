"""What the indicator classifier reads of a measure: its text, normalised, as character n-grams and lexicon hits.

Shared by the shipped scorer (`policykg.loaders.indicator_model`) and the training script
(``training/indicators/build_model.py``), so both see exactly the same features.

Normalisation maps every character to exactly one character (traditional to simplified,
full-width to half-width, upper to lower case, every digit to ``0``, punctuation to a space),
so a position in the normalised text is the same position in the text as printed: the words
that decided a prediction are cut from the printed text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources

__all__ = [
    "MeasureText",
    "LexiconEntry",
    "NONE_LABEL",
    "read_lexicon",
    "char_table",
    "normalise",
    "field_texts",
    "ngram_features",
    "lexicon_hits",
]

# The class of a measure that serves none of the 18 indicators.
NONE_LABEL = "none"

# Fields the n-grams are taken from, with the prefix that keeps their features apart: a theme heading
# ("优化提升纳税服务流程与方式") says something different from the same words in a measure.
HEADING, BODY = "h", "m"

_PUNCTUATION = (
    " \t\r\n\u3000!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
    "、。，；：？！“”‘’（）《》〈〉【】〔〕［］｛｝「」『』…—–－·•●■□◆○★☆※→"
)


@dataclass(frozen=True, slots=True)
class MeasureText:
    """The parts of a row the classifier reads.

    ``heading`` is the category printed above the measure when it is not one of the 18
    indicators (a theme such as "优化社会服务水平", a local category such as "组织保障");
    ``item`` and ``measure`` are the row's fields.
    """

    measure: str
    item: str | None = None
    heading: str | None = None


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    """A second-level indicator of the national scheme and the words that show a measure acts on it."""

    indicator: str  # canonical name of one of the 18, or NONE_LABEL
    second_level: str
    keywords: tuple[str, ...]

    @property
    def feature(self) -> str:
        return f"lex:{self.indicator}/{self.second_level}"


def read_lexicon(text: str | None = None) -> list[LexiconEntry]:
    """The lexicon of ``loaders/data/indicator_lexicon.tsv`` (or of ``text`` in that format).

    Examples
    --------
    >>> entries = read_lexicon()
    >>> entries[0].indicator, "营业执照" in entries[3].keywords
    ('开办企业', True)
    """
    if text is None:
        text = resources.files("policykg.loaders").joinpath("data/indicator_lexicon.tsv").read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("indicator\t"):
            continue
        indicator, second_level, keywords = line.split("\t")
        out.append(LexiconEntry(indicator, second_level, tuple(k for k in keywords.split("、") if k)))
    return out


def char_table(folding: Mapping[str, str]) -> dict[int, str]:
    """The one-character-to-one-character map of `normalise`, given traditional → simplified pairs.

    >>> normalise("營業執照２０２１年ＵKey，", char_table({"營": "营", "業": "业", "執": "执"}))
    '营业执照0000年ukey '
    """
    base = {ord(t): s for t, s in folding.items() if len(t) == 1 and len(s) == 1}
    for code in range(0xFF01, 0xFF5F):  # full-width ASCII
        base[code] = chr(code - 0xFEE0)
    for ch in _PUNCTUATION + "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        base.setdefault(ord(ch), ch)

    def final(ch: str) -> str:
        if ch in _PUNCTUATION:
            return " "
        if "0" <= ch <= "9":
            return "0"
        return ch.lower() if "A" <= ch <= "Z" else ch

    table = {code: final(ch) for code, ch in base.items()}
    return {code: ch for code, ch in table.items() if chr(code) != ch}


def normalise(text: str, table: Mapping[int, str]) -> str:
    """The text with every character mapped by ``table`` (length kept: positions stay those of the text)."""
    return text.translate(table)


def field_texts(measure: MeasureText, max_chars: int) -> list[tuple[str, str]]:
    """(field prefix, printed text) pairs the features come from: the heading, and item + measure.

    The measure is cut at ``max_chars``: a measure states its subject first, and its later
    sentences (dates, amounts, other offices) mostly add noise.
    """
    out = []
    if measure.heading:
        out.append((HEADING, measure.heading))
    body = measure.measure[:max_chars]
    if measure.item and not measure.measure.startswith(measure.item):
        body = measure.item + " " + body
    out.append((BODY, body))
    return out


def ngram_features(fields: Sequence[tuple[str, str]], table: Mapping[int, str],
                   sizes: Sequence[int]) -> list[str]:
    """Character n-grams of each field, prefixed with the field ("m:营业", "h:纳税"), in text order.

    N-grams never cross a space (punctuation), so "…执照。公章" gives no "照公".

    >>> ngram_features([("m", "营业执照。公章")], {ord("。"): " "}, (2,))
    ['m:营业', 'm:业执', 'm:执照', 'm:公章']
    """
    out: list[str] = []
    for prefix, text in fields:
        head = prefix + ":"
        for segment in normalise(text, table).split():
            length = len(segment)
            for n in sizes:
                out.extend([head + segment[i:i + n] for i in range(length - n + 1)])
    return out


def lexicon_hits(fields: Sequence[tuple[str, str]], table: Mapping[int, str],
                 lexicon: Iterable[tuple[str, Sequence[str]]]) -> list[tuple[str, str]]:
    """The lexicon entries whose words occur in the fields: (feature name, first word found).

    ``lexicon`` holds (feature name, normalised keywords) pairs.
    """
    text = " ".join(normalise(t, table) for _, t in fields)
    hits = []
    for feature, keywords in lexicon:
        for word in keywords:
            if word in text:
                hits.append((feature, word))
                break
    return hits

