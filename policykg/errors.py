"""The exception hierarchy: every error a stage raises when it cannot continue.

::

    PolicyKGError
    ├── InputError          a file cannot be read at all (missing, binary, undecodable)
    ├── QueryError          a named query is unknown, a parameter is malformed
    ├── StoreError          a store is missing, locked or corrupt
    ├── ValidationError     the graph does not conform to the shapes
    └── BackendError        a server (SPARQL endpoint, Bolt) is unreachable or refuses

Bad *rows* are not exceptions: they become warnings or rejects (style.md, Errors 1).
The CLI catches `PolicyKGError` once and prints ``Error: …`` with exit status 1.
"""

from __future__ import annotations

__all__ = [
    "PolicyKGError",
    "InputError",
    "QueryError",
    "StoreError",
    "ValidationError",
    "BackendError",
]


class PolicyKGError(Exception):
    """Base of every error policykg raises on purpose."""


class InputError(PolicyKGError):
    """A document cannot be read at all."""


class QueryError(PolicyKGError):
    """A query is unknown or its parameters are malformed."""


class StoreError(PolicyKGError):
    """A store cannot be opened or written."""


class ValidationError(PolicyKGError):
    """The graph does not conform to the SHACL shapes."""


class BackendError(PolicyKGError):
    """A server cannot be reached or refuses the request."""
