"""The policykg vocabulary as a closed rdflib namespace, and the base of instance IRIs.

`PKG` lists every term of ``policykg.ttl``; a misspelt term raises
``AttributeError`` where it is used (rdflib ``namespace/_SKOS.py`` style). A
test checks that the list and the Turtle agree, term for term.
"""

from __future__ import annotations

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

__all__ = ["PKG", "PKG_IRI", "ONTOLOGY_IRI", "ID_BASE"]

PKG_IRI = "https://w3id.org/policykg/ontology#"
ONTOLOGY_IRI = "https://w3id.org/policykg/ontology"
# Instances (documents, measures, agencies, …) are minted under this base by policykg.graph.rdf.iris.
ID_BASE = "https://w3id.org/policykg/id/"


class PKG(DefinedNamespace):
    """Terms of the policykg ontology (``ontology/policykg.ttl``)."""

    _fail = True
    _NS = Namespace(PKG_IRI)

    # classes
    Measure: URIRef
    Indicator: URIRef
    Agency: URIRef
    Collective: URIRef
    Jurisdiction: URIRef
    PlanDocument: URIRef
    Sector: URIRef
    DeadlineKind: URIRef
    IndicatorInference: URIRef
    IndicatorClassification: URIRef
    IndicatorModel: URIRef
    IndicatorReview: URIRef
    AgencyTally: URIRef
    PairSummary: URIRef
    # individuals
    ongoing: URIRef
    conditional: URIRef
    leadRole: URIRef
    responsibleRole: URIRef
    indicatorScheme: URIRef
    sectorScheme: URIRef
    # measure → agency
    involves: URIRef
    leadUnit: URIRef
    responsibleUnit: URIRef
    # measure facts
    addressesIndicator: URIRef
    inferredIndicator: URIRef
    qualifiedInferredIndicator: URIRef
    confidence: URIRef
    evidence: URIRef
    dueDate: URIRef
    deadlineKind: URIRef
    deadlineRaw: URIRef
    item: URIRef
    seq: URIRef
    sourceLine: URIRef
    document: URIRef
    measureText: URIRef
    indicatorRaw: URIRef
    remark: URIRef
    leadNames: URIRef
    responsibleNames: URIRef
    leaderNames: URIRef
    leader: URIRef
    warnings: URIRef
    # agencies, jurisdictions
    jurisdiction: URIRef
    parentJurisdiction: URIRef
    withinJurisdiction: URIRef
    province: URIRef
    adcode: URIRef
    writtenAs: URIRef
    # document facts
    documentNumber: URIRef
    issuerName: URIRef
    planYear: URIRef
    layout: URIRef
    noticeTitle: URIRef
    context: URIRef
    responsibleAllNames: URIRef
    # build-time counts per (document, agency)
    tallyOf: URIRef
    leadCount: URIRef
    responsibleCount: URIRef
    measureCount: URIRef
    tallyIndicator: URIRef
    leadIndicator: URIRef
    responsibleIndicator: URIRef
    countedIndicator: URIRef
    leadCountedIndicator: URIRef
    responsibleCountedIndicator: URIRef
    # build-time counts over the whole store (graph/rdf/summary.py)
    coAssignedWith: URIRef
    partnerOf: URIRef
    sharedCount: URIRef
    pairCount: URIRef
    leadTotal: URIRef
    responsibleTotal: URIRef
    measureTotal: URIRef
    agencyKind: URIRef
    jurisdictionName: URIRef
    sectorName: URIRef
    indicatorMeasureTotal: URIRef
    agencyTotal: URIRef
    leadAgencyTotal: URIRef
    indicatorTotal: URIRef
    countedIndicatorTotal: URIRef
