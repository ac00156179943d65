"""Copy the graph to another triple store through the SPARQL 1.1 Graph Store Protocol.

`publish_store` PUTs each named graph of a store to ``ENDPOINT?graph=IRI``
(N-Triples). PUT replaces the graph, so publishing twice leaves the same data.
Any store speaking the protocol can receive it (Oxigraph ``/store``, Fuseki
``/dataset/data``, GraphDB ``/repositories/R/rdf-graphs/service``).
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

from pyoxigraph import NamedNode, RdfFormat, Store

from policykg.errors import BackendError

__all__ = ["PublishedGraph", "publish_store", "graph_store_url"]


@dataclass(frozen=True, slots=True)
class PublishedGraph:
    graph: str
    triples: int
    status: int


def graph_store_url(endpoint: str, graph: str) -> str:
    """``endpoint?graph=IRI`` with the IRI percent-encoded (Graph Store Protocol, indirect identification)."""
    sep = "&" if "?" in endpoint else "?"
    return f"{endpoint}{sep}graph={quote(graph, safe='')}"


def publish_store(
    store: Store,
    endpoint: str,
    progress: Callable[[PublishedGraph], None] | None = None,
    timeout: float = 120.0,
) -> list[PublishedGraph]:
    """PUT every named graph of ``store`` to the Graph Store Protocol ``endpoint``.

    Raises
    ------
    BackendError
        The endpoint cannot be reached or refuses a graph (the message names the graph and the HTTP status).
    """
    out = []
    for graph in sorted(store.named_graphs(), key=lambda g: g.value):
        body = store.dump(format=RdfFormat.N_TRIPLES, from_graph=NamedNode(graph.value)) or b""
        triples = body.count(b"\n")
        request = urllib.request.Request(
            graph_store_url(endpoint, graph.value),
            data=body,
            method="PUT",
            headers={"Content-Type": "application/n-triples"},
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                status = response.status
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace")[:300]
            raise BackendError("publish_refused", endpoint=endpoint, graph=graph.value, status=exc.code,
                               detail=detail) from exc
        except (urllib.error.URLError, OSError) as exc:
            raise BackendError("publish_unreachable", endpoint=endpoint, reason=exc) from exc
        out.append(PublishedGraph(graph.value, triples, status))
        if progress:
            progress(out[-1])
    return out
