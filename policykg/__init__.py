"""policykg: a knowledge graph of departments, indicators and measures.

Data flows one way — document → rows → graph → queries → reports and pictures —
through the subpackages `policykg.loaders`, `policykg.graph`, `policykg.queries`
and `policykg.visualizations`; `policykg.ontology` defines the vocabulary.
This root holds the shared record types, the error hierarchy, the message
catalogue and the command line.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from policykg.errors import PolicyKGError
from policykg.records import Agency, Document, LoadResult, Reject, Row

__all__ = [
    "Row",
    "Document",
    "Reject",
    "Agency",
    "LoadResult",
    "PolicyKGError",
    "sample_paths",
    "__version__",
]

__version__ = "0.1.0"


def sample_paths() -> list[Path]:
    """The bundled sample documents, in name order (the default corpus of every command)."""
    folder = resources.files("policykg") / "samples"
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".txt"))
