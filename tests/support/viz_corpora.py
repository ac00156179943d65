"""Corpora for the view tests: the samples scaled up, and the samples carrying HTML/script payloads."""

from __future__ import annotations

from dataclasses import replace

from policykg.graph.analytics.metrics import AgencyMetrics
from policykg.records import Corpus

__all__ = ["scale_corpus", "scale_metrics", "payload_corpus", "PAYLOADS"]

# Each payload, if it ever ran, would change the page title or set window.__pwned.
PAYLOADS = {
    "script": "<script>document.title='pwned';window.__pwned='script'</script>",
    "img": "<img src=x onerror=\"document.title='pwned';window.__pwned='img'\">",
    "close": "</script><script>window.__pwned='close'</script>",
    "svg": "<svg onload=\"window.__pwned='svg'\"></svg>",
    "attr": "\" onmouseover=\"window.__pwned='attr'\" x=\"",
}


def scale_corpus(corpus: Corpus, copies: int) -> Corpus:
    """``copies`` copies of the corpus, each in its own jurisdictions with its own agencies.

    Copy k renames every document (``k003_…``), jurisdiction (``罗源县·3``) and
    agency id (``…~3``), so the agency network really has ``copies`` times the
    nodes — the case the top-N collapse exists for.
    """
    out = Corpus()
    for k in range(copies):
        suffix = f"·{k}" if k else ""
        sources = {d.source: f"k{k:03d}_{d.source}" if k else d.source for d in corpus.documents}
        out.documents += [replace(d, source=sources[d.source],
                                  jurisdiction=(d.jurisdiction or "") + suffix) for d in corpus.documents]
        out.rows += [replace(r, source=sources[r.source]) for r in corpus.rows]
        for agency_id, a in corpus.agencies.items():
            new_id = f"{agency_id}~{k}" if k else agency_id
            out.agencies[new_id] = replace(a, id=new_id, jurisdiction=(a.jurisdiction or "") + suffix)
        for (source, name), agency_id in corpus.assignments.items():
            if source in sources:
                out.assignments[(sources[source], name)] = f"{agency_id}~{k}" if k else agency_id
    return out


def scale_metrics(metrics: list[AgencyMetrics], copies: int) -> list[AgencyMetrics]:
    """The metrics of `scale_corpus`'s copies, without recomputing them.

    Copies share no agency and no document, and betweenness is normalised per
    connected component, so every copy's figures equal the original's (betweenness up to float rounding)
    (`agency_metrics` on 100 copies takes ~35 s here; this takes milliseconds).
    """
    out = []
    for k in range(copies):
        suffix = f"·{k}" if k else ""
        out += [replace(m, agency=f"{m.agency}~{k}" if k else m.agency,
                        jurisdiction=(m.jurisdiction or "") + suffix) for m in metrics]
    return out


def payload_corpus(corpus: Corpus) -> Corpus:
    """The corpus with payloads in agency names, a sector, a jurisdiction, an indicator and measure texts.

    The loaders strip markup from documents; these payloads stand for what a
    store built by other means, or a future reader, could still hand the views.
    """
    first = corpus.rows[0]
    lead = corpus.lead_ids(first)[0]
    partner = corpus.responsible_ids(first)[0]
    agencies = dict(corpus.agencies)
    agencies[lead] = replace(agencies[lead], name=PAYLOADS["script"] + agencies[lead].name)
    agencies[partner] = replace(agencies[partner], name=PAYLOADS["img"] + agencies[partner].name,
                                sector=PAYLOADS["svg"])
    documents = [replace(d, jurisdiction=PAYLOADS["close"] + (d.jurisdiction or "")) if d.source == first.source
                 else d for d in corpus.documents]
    rows = []
    for i, row in enumerate(corpus.rows):
        if row.indicator == first.indicator:
            row = replace(row, indicator=PAYLOADS["attr"] + row.indicator)
        if i < 40:
            row = replace(row, measure=list(PAYLOADS.values())[i % len(PAYLOADS)] + row.measure)
        rows.append(row)
    return Corpus(documents=documents, rows=rows, rejects=list(corpus.rejects), agencies=agencies,
                  assignments=dict(corpus.assignments))
