"""policykg.ontology: the vocabulary (Turtle), the indicator scheme and the SHACL shapes.

``policykg.ttl`` defines the classes and properties (namespace `PKG`),
``indicators.ttl`` the 18 national indicators as a SKOS concept scheme with
their aliases, ``shapes.ttl`` the SHACL shapes `policykg validate` checks.
"""

from __future__ import annotations

from importlib import resources

from policykg.ontology.namespace import ID_BASE, ONTOLOGY_IRI, PKG, PKG_IRI

__all__ = [
    "PKG",
    "PKG_IRI",
    "ONTOLOGY_IRI",
    "ID_BASE",
    "ONTOLOGY_FILES",
    "read_turtle",
]

# file name → what it holds
ONTOLOGY_FILES = {
    "ontology": "policykg.ttl",
    "indicators": "indicators.ttl",
    "shapes": "shapes.ttl",
}


def read_turtle(which: str) -> str:
    """The Turtle text of one bundled file: ``"ontology"``, ``"indicators"`` or ``"shapes"``."""
    return (resources.files("policykg.ontology") / ONTOLOGY_FILES[which]).read_text(encoding="utf-8")
