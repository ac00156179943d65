"""Which record field becomes which triple, declared once as data (style.md; morph-kgc's lesson).

`ROW_MAP`, `DOCUMENT_MAP` and `AGENCY_MAP` list, for each field of `Row`,
`Document` and `Agency`, the predicate it is stored under and the codec that
turns the value into RDF terms and back. The builder (`policykg.graph.rdf.build`)
walks these tables forwards; `corpus_from_store` walks them backwards, so a row
rebuilt from the graph equals the row that was loaded, field by field.

Codecs make their terms through a term factory (`Terms`): `OXIGRAPH_TERMS` gives
pyoxigraph objects, `policykg.graph.rdf.nquads.NQUADS_TERMS` N-Quads text for the
bulk loader. One table drives both, so the two paths cannot drift apart.

Fields not in a table are derived from others and documented where they are
made: a row's ``source`` is its measure's ``pkg:document``. Places are nodes
keyed by division code (`policykg.identities.jurisdiction_key`), written by the
builder: a document's ``jurisdiction`` and ``province``, an agency's
``jurisdiction``, are edges to them; the places' names, division codes and
parents sit on those nodes. A row's inferred indicator is
``pkg:inferredIndicator`` on the measure (`ROW_MAP`), apart from the printed
``pkg:addressesIndicator``; how it was inferred sits on a node of its own
(`INFERENCE_MAP`, `inferred_by_link`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any, Protocol

from pyoxigraph import Literal, NamedNode, Quad
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, SKOS, TIME, XSD

from policykg.graph.rdf import iris
from policykg.ontology.namespace import PKG
from policykg.records import CORRECTION_PREFIX

__all__ = [
    "Codec",
    "FieldMap",
    "Terms",
    "OxigraphTerms",
    "OXIGRAPH_TERMS",
    "compile_table",
    "ROW_MAP",
    "DOCUMENT_MAP",
    "AGENCY_MAP",
    "INFERENCE_MAP",
    "CODECS",
    "inferred_by_link",
    "inferred_by_value",
    "T",
    "node",
    "encode_fields",
    "decode_fields",
]


def node(uri: Any) -> NamedNode:
    """A pyoxigraph NamedNode for an rdflib URIRef or an IRI string."""
    return NamedNode(str(uri))


class T:
    """The pyoxigraph terms the builder uses, made once (a NamedNode per call would cost time)."""

    type = node(RDF.type)
    identifier = node(DCTERMS.identifier)
    title = node(DCTERMS.title)
    issued = node(DCTERMS.issued)
    temporal = node(DCTERMS.temporal)
    pref_label = node(SKOS.prefLabel)
    alt_label = node(SKOS.altLabel)
    hidden_label = node(SKOS.hiddenLabel)
    in_scheme = node(SKOS.inScheme)
    concept = node(SKOS.Concept)
    classification = node(ORG.classification)
    sub_organization_of = node(ORG.subOrganizationOf)
    proper_interval = node(TIME.ProperInterval)
    instant = node(TIME.Instant)
    has_beginning = node(TIME.hasBeginning)
    has_end = node(TIME.hasEnd)
    in_xsd_date = node(TIME.inXSDDate)
    xsd_date = node(XSD.date)
    xsd_integer = node(XSD.integer)
    xsd_string = node(XSD.string)
    # pkg terms
    Measure = node(PKG.Measure)
    Indicator = node(PKG.Indicator)
    Agency = node(PKG.Agency)
    Collective = node(PKG.Collective)
    Jurisdiction = node(PKG.Jurisdiction)
    PlanDocument = node(PKG.PlanDocument)
    Sector = node(PKG.Sector)
    ongoing = node(PKG.ongoing)
    conditional = node(PKG.conditional)
    indicator_scheme = node(PKG.indicatorScheme)
    sector_scheme = node(PKG.sectorScheme)
    lead_unit = node(PKG.leadUnit)
    leader = node(PKG.leader)
    Person = node(FOAF.Person)
    foaf_name = node(FOAF.name)
    responsible_unit = node(PKG.responsibleUnit)
    document = node(PKG.document)
    due_date = node(PKG.dueDate)
    deadline_kind = node(PKG.deadlineKind)
    jurisdiction = node(PKG.jurisdiction)
    parent_jurisdiction = node(PKG.parentJurisdiction)
    province = node(PKG.province)
    adcode = node(PKG.adcode)
    written_as = node(PKG.writtenAs)
    addresses_indicator = node(PKG.addressesIndicator)
    inferred_indicator = node(PKG.inferredIndicator)
    qualified_inferred_indicator = node(PKG.qualifiedInferredIndicator)
    IndicatorInference = node(PKG.IndicatorInference)
    IndicatorClassification = node(PKG.IndicatorClassification)
    IndicatorModel = node(PKG.IndicatorModel)
    IndicatorReview = node(PKG.IndicatorReview)
    was_generated_by = node(PROV.wasGeneratedBy)
    was_attributed_to = node(PROV.wasAttributedTo)
    used = node(PROV.used)
    tally_of = node(PKG.tallyOf)
    lead_count = node(PKG.leadCount)
    responsible_count = node(PKG.responsibleCount)
    measure_count = node(PKG.measureCount)
    lead_indicator = node(PKG.leadIndicator)
    responsible_indicator = node(PKG.responsibleIndicator)
    lead_counted_indicator = node(PKG.leadCountedIndicator)
    responsible_counted_indicator = node(PKG.responsibleCountedIndicator)


# --- term factories: the same terms as pyoxigraph objects or as N-Quads text ---------------------


class Terms(Protocol):
    """Makes RDF terms and quads. The builder and the codecs make every term through one of these:
    `OXIGRAPH_TERMS` (pyoxigraph objects) or `policykg.graph.rdf.nquads.NQUADS_TERMS` (N-Quads text)."""

    def iri(self, value: str) -> Any: ...
    def literal(self, value: str) -> Any: ...
    def lang_literal(self, value: str, language: str) -> Any: ...
    def typed_literal(self, value: str, datatype: str) -> Any: ...
    def quad(self, s: Any, p: Any, o: Any, g: Any) -> Any: ...
    def __hash__(self) -> int: ...  # term factories key the builders' caches


class OxigraphTerms:
    """The term factory of pyoxigraph's term classes (`NamedNode`, `Literal`, `Quad`)."""

    __slots__ = ()

    def iri(self, value: str) -> NamedNode:
        return NamedNode(value)

    def literal(self, value: str) -> Literal:
        return Literal(value)

    def lang_literal(self, value: str, language: str) -> Literal:
        return Literal(value, language=language)

    def typed_literal(self, value: str, datatype: str) -> Literal:
        return Literal(value, datatype=NamedNode(datatype))

    def quad(self, s: Any, p: Any, o: Any, g: Any) -> Quad:
        return Quad(s, p, o, g)


OXIGRAPH_TERMS = OxigraphTerms()


# --- codecs: value ⇄ list of objects under one predicate ---------------------------------------

Objects = Sequence[Any]


@dataclass(frozen=True)
class Codec:
    """Turns a field value into objects of its predicate (``encode``) and back (``decode``).

    ``encode(value, terms)`` returns a list of terms made by the factory ``terms``
    (empty for None / empty); ``decode`` receives the pyoxigraph objects found
    (possibly none) and returns the value.
    """

    encode: Callable[[Any, Terms], list[Any]]
    decode: Callable[[Objects], Any]


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_XSD_DATE = str(XSD.date)
_XSD_INTEGER = str(XSD.integer)
_XSD_DECIMAL = str(XSD.decimal)


def _string(value: str | None, t: Terms) -> list[Any]:
    return [] if value is None else [t.literal(value)]


def _string_back(objs: Objects) -> str | None:
    return objs[0].value if objs else None


def _label(value: str | None, t: Terms) -> list[Any]:
    return [] if value is None else [t.lang_literal(value, "zh")]


def _integer(value: int | None, t: Terms) -> list[Any]:
    return [] if value is None else [t.typed_literal(str(int(value)), _XSD_INTEGER)]


def _integer_back(objs: Objects) -> int | None:
    return int(objs[0].value) if objs else None


def _decimal(value: float | None, t: Terms) -> list[Any]:
    # The shortest text that reads back as the same float, in the canonical form a store keeps ("1", not "1.0").
    # Oxigraph keeps 18 decimal places: a confidence (rounded to 4 by the reader) comes back exactly.
    if value is None:
        return []
    text = format(Decimal(repr(float(value))), "f")
    return [t.typed_literal(text[:-2] if text.endswith(".0") else text, _XSD_DECIMAL)]


def _decimal_back(objs: Objects) -> float | None:
    return float(objs[0].value) if objs else None


def _json_list(value: Sequence[str], t: Terms) -> list[Any]:
    # Names may contain 、 or spaces (reading-rules "Unit names" 3), so a joined string
    # would be lossy; a JSON array keeps order, repeats and every character.
    return [t.literal(json.dumps(list(value), ensure_ascii=False))] if value else []


def _json_list_back(objs: Objects) -> tuple[str, ...]:
    return tuple(json.loads(objs[0].value)) if objs else ()


def _date_or_string(value: str | None, t: Terms) -> list[Any]:
    # An ISO date is typed xsd:date; anything else stays a plain string (kept, not guessed).
    if value is None:
        return []
    return [t.typed_literal(value, _XSD_DATE) if _DATE.match(value) else t.literal(value)]


def _iri_set(mint: Callable[[str], str]) -> Codec:
    """Several IRIs minted from keys; decoded back to the keys (sorted: RDF has no order)."""
    prefix = mint("")
    return Codec(
        lambda values, t: [t.iri(mint(v)) for v in (values or ())],
        lambda objs: tuple(sorted(iris.decode_key(o.value[len(prefix):]) for o in objs)),
    )


def _iri(mint: Callable[[str], str]) -> Codec:
    prefix = mint("")
    return Codec(
        lambda value, t: [] if value is None else [t.iri(mint(value))],
        lambda objs: iris.decode_key(objs[0].value[len(prefix):]) if objs else None,
    )


def _labels(values: Sequence[str], t: Terms) -> list[Any]:
    return [t.lang_literal(v, "zh") for v in values]


def _labels_back(objs: Objects) -> tuple[str, ...]:
    return tuple(sorted(o.value for o in objs))


CODECS: dict[str, Codec] = {
    "string": Codec(_string, _string_back),
    "label": Codec(_label, _string_back),
    "integer": Codec(_integer, _integer_back),
    "decimal": Codec(_decimal, _decimal_back),
    "json_list": Codec(_json_list, _json_list_back),
    "date_or_string": Codec(_date_or_string, _string_back),
    "labels": Codec(_labels, _labels_back),
    "indicator": _iri(iris.indicator_iri),
    "sector": _iri(iris.sector_iri),
    "agency": _iri(iris.agency_iri),
}


@dataclass(frozen=True)
class FieldMap:
    """One record field stored under one predicate with one codec."""

    field: str
    predicate: NamedNode
    codec: str


# Row.deadline spreads over two predicates: a date is pkg:dueDate, a kind is pkg:deadlineKind
# (reading-rules "Fields of a row": "YYYY-MM-DD", "ongoing", "conditional" or null).
_KINDS = {"ongoing": T.ongoing, "conditional": T.conditional}
_KIND_NAMES = {v.value: k for k, v in _KINDS.items()}

ROW_MAP: tuple[FieldMap, ...] = (
    FieldMap("seq", node(PKG.seq), "string"),
    FieldMap("indicator_raw", node(PKG.indicatorRaw), "string"),
    FieldMap("indicator", T.addresses_indicator, "indicator"),
    FieldMap("indicator_inferred", T.inferred_indicator, "indicator"),
    FieldMap("item", node(PKG.item), "string"),
    FieldMap("measure", node(PKG.measureText), "string"),
    FieldMap("lead", node(PKG.leadNames), "json_list"),
    FieldMap("responsible", node(PKG.responsibleNames), "json_list"),
    FieldMap("leaders", node(PKG.leaderNames), "json_list"),
    FieldMap("deadline_raw", node(PKG.deadlineRaw), "string"),
    FieldMap("deadline", T.due_date, "date_or_string"),  # kinds: see encode_deadline
    FieldMap("remark", node(PKG.remark), "string"),
    FieldMap("line", node(PKG.sourceLine), "integer"),
    FieldMap("warnings", node(PKG.warnings), "json_list"),
)

DOCUMENT_MAP: tuple[FieldMap, ...] = (
    FieldMap("source", T.identifier, "string"),
    FieldMap("title", T.title, "string"),
    FieldMap("issuer", node(PKG.issuerName), "string"),
    FieldMap("doc_number", node(PKG.documentNumber), "string"),
    FieldMap("issue_date", T.issued, "date_or_string"),
    FieldMap("plan_year", node(PKG.planYear), "integer"),
    FieldMap("responsible_all", node(PKG.responsibleAllNames), "json_list"),
    FieldMap("layout", node(PKG.layout), "string"),
    FieldMap("notice_title", node(PKG.noticeTitle), "string"),
    FieldMap("context", node(PKG.context), "string"),
)

AGENCY_MAP: tuple[FieldMap, ...] = (
    FieldMap("id", T.identifier, "string"),
    FieldMap("name", T.pref_label, "label"),
    FieldMap("sector", T.classification, "sector"),
    FieldMap("surface_names", T.hidden_label, "labels"),
    FieldMap("aliases", T.alt_label, "labels"),
)

# On the measure's inference node (pkg:qualifiedInferredIndicator), for a row whose indicator was
# inferred or corrected; Row.indicator_inferred_by is its provenance, see inferred_by_link.
INFERENCE_MAP: tuple[FieldMap, ...] = (
    FieldMap("indicator_confidence", node(PKG.confidence), "decimal"),
    FieldMap("indicator_evidence", node(PKG.evidence), "json_list"),
)


def inferred_by_link(inferred_by: str) -> tuple[NamedNode, str]:
    """Row.indicator_inferred_by as the inference node's provenance: (predicate, IRI of what decided).

    A model's answer ``prov:wasGeneratedBy`` its classification activity (which ``prov:used`` the
    model); a planner's ``correction:<table>`` is ``prov:wasAttributedTo`` that corrections table.

    >>> inferred_by_link("correction:review.xlsx")[1]
    'https://w3id.org/policykg/id/indicator-review/review.xlsx'
    """
    if inferred_by.startswith(CORRECTION_PREFIX):
        return T.was_attributed_to, iris.review_iri(inferred_by[len(CORRECTION_PREFIX):])
    return T.was_generated_by, iris.classification_iri(inferred_by)


_PROVENANCE = ((T.was_attributed_to.value, iris.review_iri(""), CORRECTION_PREFIX),
               (T.was_generated_by.value, iris.classification_iri(""), ""))


def inferred_by_value(props: dict[str, list[Any]]) -> str | None:
    """The inverse of `inferred_by_link`, from the inference node's ``{predicate IRI: [objects]}``."""
    for predicate, prefix, label in _PROVENANCE:
        for obj in props.get(predicate, []):
            if obj.value.startswith(prefix):
                return label + iris.decode_key(obj.value[len(prefix):])
    return None


# Agency.kind is the node's class. Agency.jurisdiction is its pkg:jurisdiction edge to the place
# node; Agency.parent is the name of the place above it (as policykg.loaders fills it), stored as
# that place's pkg:parentJurisdiction edge, not on the agency.
KIND_CLASSES = {"agency": T.Agency, "collective": T.Collective}


def encode_fields(table: Sequence[FieldMap], record: Any, terms: Terms = OXIGRAPH_TERMS) -> list[tuple[Any, Any]]:
    """(predicate, object) pairs for one record, following ``table``, as terms of ``terms``."""
    return [pair for fill in compile_table(table, terms) for pair in fill(record)]


@cache
def compile_table(table: tuple[FieldMap, ...], terms: Terms) -> tuple[Callable[[Any], list[tuple[Any, Any]]], ...]:
    """``table`` as one function per field, ``record -> [(predicate, object)]``, with the
    predicate terms made once by ``terms`` (the builder calls these for every row)."""
    fills = []
    for fm in table:
        predicate = terms.iri(fm.predicate.value)
        encode = CODECS[fm.codec].encode
        if fm.field == "deadline":
            kinds = {k: (terms.iri(T.deadline_kind.value), terms.iri(v.value)) for k, v in _KINDS.items()}
            fills.append(_deadline_fill(fm.field, predicate, encode, terms, kinds))
        else:
            fills.append(_fill(fm.field, predicate, encode, terms))
    return tuple(fills)


def _fill(name: str, predicate: Any, encode: Callable[[Any, Terms], list[Any]], terms: Terms):
    def fill(record: Any) -> list[tuple[Any, Any]]:
        value = getattr(record, name)
        if value is None or value == ():
            return []
        return [(predicate, obj) for obj in encode(value, terms)]
    return fill


def _deadline_fill(name, predicate, encode, terms, kinds):
    # Row.deadline spreads over two predicates (see _KINDS)
    def fill(record: Any) -> list[tuple[Any, Any]]:
        value = getattr(record, name)
        if value is None:
            return []
        kind = kinds.get(value)
        if kind is not None:
            return [kind]
        return [(predicate, obj) for obj in encode(value, terms)]
    return fill


def decode_fields(table: Sequence[FieldMap], props: dict[str, list[Any]]) -> dict[str, Any]:
    """Field values of one record from its subject's ``{predicate IRI: [objects]}``."""
    values: dict[str, Any] = {}
    for fm in table:
        values[fm.field] = CODECS[fm.codec].decode(props.get(fm.predicate.value, []))
        if fm.field == "deadline" and values[fm.field] is None:
            kinds = props.get(T.deadline_kind.value, [])
            values[fm.field] = _KIND_NAMES.get(kinds[0].value) if kinds else None
    return values
