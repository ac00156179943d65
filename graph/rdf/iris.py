"""Instance IRIs minted from stable keys, percent-encoded (style.md, "Mint IRIs from stable keys").

Keys: documents and their named graphs by source file name, measures by source
and printed number (`policykg.identities.measure_keys`), agencies by Corpus
agency id, indicators by canonical name, jurisdictions by division code
(`policykg.identities.jurisdiction_key`), sectors by name; a measure's inferred
indicator under the measure's IRI, the classifier by its model id, a
corrections table by its file name. The same key gives the same IRI in every
run.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import quote, unquote

from policykg import identities
from policykg.ontology.namespace import ID_BASE

__all__ = [
    "ID_BASE",
    "encode_key",
    "decode_key",
    "document_iri",
    "graph_iri",
    "measure_iri",
    "measure_id",
    "agency_iri",
    "indicator_iri",
    "jurisdiction_iri",
    "sector_iri",
    "year_iri",
    "inference_iri",
    "classification_iri",
    "model_iri",
    "review_iri",
    "tally_iri",
    "VOCABULARY_GRAPH",
    "ONTOLOGY_GRAPH",
    "GRAPH_PREFIX",
    "SUMMARY_GRAPH",
    "NON_DOCUMENT_GRAPHS",
]

GRAPH_PREFIX = ID_BASE + "graph/"
# The two graphs that are not documents: the ontology itself and the indicator scheme.
ONTOLOGY_GRAPH = GRAPH_PREFIX + "_ontology"
VOCABULARY_GRAPH = GRAPH_PREFIX + "_vocabulary"
# Counts kept for the whole store, over every document graph (`policykg.graph.rdf.summary`).
SUMMARY_GRAPH = GRAPH_PREFIX + "_summary"
NON_DOCUMENT_GRAPHS = frozenset({ONTOLOGY_GRAPH, VOCABULARY_GRAPH, SUMMARY_GRAPH})


@lru_cache(maxsize=1 << 16)  # agencies, indicators, sources recur on every row of a build
def encode_key(key: str) -> str:
    """Percent-encode a key as one IRI path segment (UTF-8; nothing is left unescaped but unreserved ASCII).

    Examples
    --------
    >>> encode_key("福清市")
    '%E7%A6%8F%E6%B8%85%E5%B8%82'
    >>> encode_key("a/b#c d")
    'a%2Fb%23c%20d'
    """
    return quote(key, safe="")


def decode_key(segment: str) -> str:
    """Inverse of `encode_key`."""
    return unquote(segment)


def document_iri(source: str) -> str:
    return f"{ID_BASE}document/{encode_key(source)}"


def graph_iri(source: str) -> str:
    """The named graph holding everything read from one source document."""
    return GRAPH_PREFIX + encode_key(source)


def measure_id(source: str, key: str) -> str:
    """The measure identifier shared by every backend: ``source#key`` (`policykg.identities`)."""
    return identities.measure_id(source, key)


def measure_iri(source: str, key: str) -> str:
    """A measure by its document and its key (`policykg.identities.measure_keys`: the printed number)."""
    return f"{ID_BASE}measure/{encode_key(source)}/{encode_key(key)}"


def person_iri(source: str, name: str) -> str:
    """A person a document names (牵头领导 …): one per document, since a name alone does not identify a person."""
    return f"{ID_BASE}person/{encode_key(source)}/{encode_key(name)}"


def agency_iri(agency_id: str) -> str:
    return f"{ID_BASE}agency/{encode_key(agency_id)}"


def indicator_iri(name: str) -> str:
    return f"{ID_BASE}indicator/{encode_key(name)}"


def jurisdiction_iri(key: str) -> str:
    """A place by its key (`policykg.identities.jurisdiction_key`: the division code, else parent·name)."""
    return f"{ID_BASE}jurisdiction/{encode_key(key)}"


def sector_iri(name: str) -> str:
    return f"{ID_BASE}sector/{encode_key(name)}"


def year_iri(year: int) -> str:
    """The OWL-Time interval of a calendar year (a document's plan year)."""
    return f"{ID_BASE}year/{int(year)}"


def inference_iri(measure: str) -> str:
    """How a measure's indicator was inferred: a node of its own under the measure's IRI (``measure``)."""
    return f"{measure}/inferred-indicator"


def classification_iri(model_id: str) -> str:
    """The classification activity of one model (``indicators-…``): every answer that model gave."""
    return f"{ID_BASE}indicator-classification/{encode_key(model_id)}"


def model_iri(model_id: str) -> str:
    return f"{ID_BASE}indicator-model/{encode_key(model_id)}"


def review_iri(table: str) -> str:
    """A planners' corrections table, by its file name (``review.xlsx``)."""
    return f"{ID_BASE}indicator-review/{encode_key(table)}"


def tally_iri(source: str, agency_id: str) -> str:
    """An agency's counts in one document (`pkg:AgencyTally`, kept in that document's graph)."""
    return f"{ID_BASE}tally/{encode_key(source)}/{encode_key(agency_id)}"
