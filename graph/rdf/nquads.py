"""RDF terms as N-Quads text: the one escaping function of the fast build path, and its term factory.

The builder (`policykg.graph.rdf.build`) makes every term through a *term factory*
(`policykg.graph.rdf.mapping.Terms`). `OXIGRAPH_TERMS` makes pyoxigraph objects;
`NQUADS_TERMS`, here, makes the same terms as N-Quads text, which
`Store.bulk_load` parses several times faster than pyoxigraph builds `Quad`
objects one by one. Both factories are driven by the same field tables
(`policykg.graph.rdf.mapping`), so the two paths cannot emit different graphs
(tests/graph/test_nquads.py checks that they are isomorphic on the samples,
and that any text survives escaping and parsing by pyoxigraph and rdflib).

All text goes through `escape_literal` or `escape_iri` (style.md: "if a fast
path must write N-Quads text, it goes through one escaping function").
"""

from __future__ import annotations

import re

__all__ = ["escape_literal", "escape_iri", "NQuadsTerms", "NQUADS_TERMS"]

# N-Quads STRING_LITERAL_QUOTE excludes '"', '\', LF and CR; they get ECHAR escapes. The other C0
# controls and DEL are legal raw but are escaped as UCHAR too (as canonical N-Triples does), so no
# line-oriented reader can misread them.
_LITERAL_SPECIAL = re.compile('[\x00-\x1f"\\\\\x7f]')
_ECHAR = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_LITERAL_TABLE = {c: _ECHAR.get(chr(c), f"\\u{c:04X}") for c in [*range(0x20), 0x22, 0x5C, 0x7F]}

# IRIREF excludes these code points; an IRI holding one is not an IRI (pyoxigraph's NamedNode refuses
# it). They are written as UCHAR, so the parser reports the bad IRI instead of misreading the line.
_IRI_SPECIAL = re.compile('[\x00-\x20<>"{}|^`\\\\]')


def _uchar(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04X}"


def escape_literal(value: str) -> str:
    """The body of an N-Quads string literal: ``value`` with quotes, backslashes and controls escaped.

    Examples
    --------
    >>> escape_literal('他说"好"\\n')
    '他说\\\\"好\\\\"\\\\n'
    >>> escape_literal("简化审批")   # the common case: returned as is
    '简化审批'
    """
    if _LITERAL_SPECIAL.search(value) is None:
        return value
    return value.translate(_LITERAL_TABLE)


def escape_iri(value: str) -> str:
    """An N-Quads IRIREF ``<…>`` for ``value``.

    Examples
    --------
    >>> escape_iri("https://w3id.org/policykg/id/agency/350181%2F%E5%85%AC")
    '<https://w3id.org/policykg/id/agency/350181%2F%E5%85%AC>'
    """
    if _IRI_SPECIAL.search(value) is not None:
        value = _IRI_SPECIAL.sub(_uchar, value)
    return f"<{value}>"


class NQuadsTerms:
    """A term factory (`policykg.graph.rdf.mapping.Terms`) whose terms are N-Quads text and quads are lines."""

    __slots__ = ()

    def iri(self, value: str) -> str:
        return escape_iri(value)

    def literal(self, value: str) -> str:
        return f'"{escape_literal(value)}"'

    def lang_literal(self, value: str, language: str) -> str:
        return f'"{escape_literal(value)}"@{language}'

    def typed_literal(self, value: str, datatype: str) -> str:
        return f'"{escape_literal(value)}"^^{self.iri(datatype)}'

    def quad(self, s: str, p: str, o: str, g: str) -> str:
        return f"{s} {p} {o} {g} .\n"


NQUADS_TERMS = NQuadsTerms()
