"""Rendering the message catalogue: a key (and its named values) → text in the user's language.

The texts live in `policykg.message_catalogue`. Library code records keys — in
data (a row warning ``"shifted_cells:2"``) or in an error (`PolicyKGError` keeps
its key and values) — and whoever shows them calls `render`: Chinese by
default, English after ``set_language("en")`` (the CLI's ``--lang en``), as click
routes its own messages through gettext.
"""

from __future__ import annotations

from policykg.message_catalogue import MESSAGES

__all__ = ["render", "register", "set_language", "get_language", "LANGUAGES"]

LANGUAGES = ("zh", "en")

_language = "zh"


def register(entries: dict[str, dict[str, str]]) -> None:
    """Add entries to the catalogue at import time (existing keys are kept).

    For plug-ins outside the package. policykg's own keys all live in
    `policykg.message_catalogue`: a key registered by a module that only a
    reading worker process imports never reaches the parent that renders it.
    """
    for key, texts in entries.items():
        MESSAGES.setdefault(key, texts)


def set_language(lang: str) -> None:
    """Set the language `render` uses when none is given ("zh" or "en")."""
    global _language
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; use 'zh' or 'en'")
    _language = lang


def get_language() -> str:
    """The language `render` uses when none is given."""
    return _language


def render(code: str, lang: str | None = None, /, **values: object) -> str:
    """The text of a catalogue key with its named values, in ``lang`` (default: the current language).

    ``code`` is a key, or a key and a detail (``"key:detail"``, parts split by
    "|" as ``{d0}``, ``{d1}``…), as row warnings store them. An unknown key is
    returned as it is, so a text that never had a key still reaches the person.

    Examples
    --------
    >>> render("seq_inferred:93", "en")
    'row printed without a number; numbered 93 from its neighbours'
    >>> render("graph_exported", "en", fmt="ttl", path="kg.ttl")
    'exported ttl → kg.ttl'
    >>> render("no_such_code")
    'no_such_code'
    """
    name, _, detail = code.partition(":")
    entry = MESSAGES.get(name)
    if entry is None:
        return code
    template = entry.get(lang or _language) or entry["zh"]
    parts = {f"d{i}": part for i, part in enumerate(detail.split("|"))}
    return template.format(**{"detail": detail, **parts, **values})
