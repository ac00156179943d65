"""The exception hierarchy: every error a stage raises when it cannot continue.

::

    PolicyKGError
    ├── InputError              a file cannot be read at all (missing, binary, undecodable)
    │   └── InputSelectionError FILES and a store given together (a usage mistake)
    ├── QueryError              a named query is unknown, a parameter is malformed
    ├── StoreError              a store is missing, locked or corrupt
    │   └── InputSelectionError
    ├── ValidationError         the graph does not conform to the shapes
    ├── BackendError            a server (SPARQL endpoint, Bolt) is unreachable or refuses
    └── ModelError              the indicator model shipped with the package cannot be used

Bad *rows* are not exceptions: they become warnings or rejects (docs/style.md, Errors 1).
An error carries a catalogue key and its values, not a sentence: ``str(error)``
renders it in the current language (`policykg.messages.render`). The CLI catches
`PolicyKGError` once and prints ``Error: …`` with exit status 1 (2 for an
`InputSelectionError`, as for click's usage errors).
"""

from __future__ import annotations

from policykg.messages import render

__all__ = [
    "PolicyKGError",
    "InputError",
    "InputSelectionError",
    "QueryError",
    "StoreError",
    "ValidationError",
    "BackendError",
    "ModelError",
]


class PolicyKGError(Exception):
    """Base of every error policykg raises on purpose: a catalogue key and its named values.

    Examples
    --------
    >>> from policykg.messages import set_language
    >>> set_language("en")
    >>> str(StoreError("store_missing", store="kg"))
    'kg: no store here; build one with `policykg build --store kg`'
    >>> set_language("zh")
    """

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values

    def __str__(self) -> str:
        return render(self.key, **self.values)

    def __reduce__(self) -> tuple[object, ...]:
        # worker processes send errors back to the parent: keep the key and values across pickling
        return (_rebuild, (type(self), self.key, self.values))


def _rebuild(cls: type[PolicyKGError], key: str, values: dict[str, object]) -> PolicyKGError:
    return cls(key, **values)


class InputError(PolicyKGError):
    """A document cannot be read at all."""


class QueryError(PolicyKGError):
    """A query is unknown or its parameters are malformed."""


class StoreError(PolicyKGError):
    """A store cannot be opened or written."""


class InputSelectionError(InputError, StoreError):
    """The inputs were chosen wrongly: documents and a store (or an endpoint) together."""


class ValidationError(PolicyKGError):
    """The graph does not conform to the SHACL shapes."""


class BackendError(PolicyKGError):
    """A server cannot be reached or refuses the request."""


class ModelError(PolicyKGError):
    """The indicator model shipped with the package is damaged or of another version than its scorer."""
