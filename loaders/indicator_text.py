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
    "HEADING",
    "BODY",
    "read_lexicon",
    "char_table",
    "normalise",
    "field_texts",
    "normalised_fields",
    "ngram_features",
    "lexicon_index",
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


def normalised_fields(fields: Sequence[tuple[str, str]], table: Mapping[int, str]) -> list[tuple[str, str]]:
    """`field_texts` with each text normalised (what `ngram_features` and `lexicon_hits` read)."""
    return [(prefix, text.translate(table)) for prefix, text in fields]


def ngram_features(fields: Sequence[tuple[str, str]], sizes: Sequence[int]) -> list[str]:
    """Character n-grams of normalised fields, in text order; a heading's n-grams are prefixed "h:".

    N-grams never cross a space (punctuation), so "…执照。公章" gives no "照公".

    >>> ngram_features([("h", "纳税服务"), ("m", "营业执照 公章")], (2,))
    ['h:纳税', 'h:税服', 'h:服务', '营业', '业执', '执照', '公章']
    """
    out: list[str] = []
    for prefix, text in fields:
        for n in sizes:
            if n == 2:  # the common case, built in C
                grams = [g for g in map(str.__add__, text, text[1:]) if " " not in g]
            else:
                grams = [g for g in (text[i:i + n] for i in range(len(text) - n + 1)) if " " not in g]
            out.extend(grams if prefix == BODY else [prefix + ":" + g for g in grams])
    return out


def lexicon_index(lexicon: Iterable[tuple[str, Sequence[str]]]) -> dict[str, list[tuple[str, str]]]:
    """(feature name, normalised keywords) pairs → {first two characters: [(keyword, feature), …]}.

    Every keyword has two characters or more; a text's candidate words are then those whose first
    two characters are one of its bigrams (a set intersection, whatever the lexicon's size).
    """
    index: dict[str, list[tuple[str, str]]] = {}
    for feature, keywords in lexicon:
        for word in keywords:
            if len(word) >= 2:
                index.setdefault(word[:2], []).append((word, feature))
    return index


def lexicon_hits(fields: Sequence[tuple[str, str]],
                 index: Mapping[str, Sequence[tuple[str, str]]]) -> list[tuple[str, str]]:
    """The lexicon entries whose words occur in normalised fields: (feature, its word found first), in text order.

    ``index`` is a `lexicon_index`.

    >>> idx = lexicon_index([("lex:纳税/纳税时间", ("办税", "电子税务局")), ("lex:开办企业/x", ("营业执照",))])
    >>> lexicon_hits([("m", "推进电子税务局建设 办税更便利")], idx)
    [('lex:纳税/纳税时间', '电子税务局')]
    """
    text = " ".join(t for _, t in fields)
    first: dict[str, tuple[int, str]] = {}
    for bigram in set(map(str.__add__, text, text[1:])).intersection(index):
        for word, feature in index[bigram]:
            at = text.find(word)
            if at >= 0 and (feature not in first or (at, -len(word)) < (first[feature][0], -len(first[feature][1]))):
                first[feature] = (at, word)
    return [(feature, word) for feature, (_, word) in sorted(first.items(), key=lambda kv: kv[1][0])]
