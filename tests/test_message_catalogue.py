"""The message catalogue: one key, one text per language, wherever it is shown."""

from __future__ import annotations

import string
from collections import defaultdict

from policykg.message_catalogue import MESSAGES, SECTIONS


def _placeholders(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field}


def test_no_key_is_in_two_sections():
    # MESSAGES merges the sections: a key in two of them would silently show one section's text in the other's place
    sections: dict[str, list[str]] = defaultdict(list)
    for name, section in SECTIONS.items():
        for key in section:
            sections[key].append(name)
    assert {key: names for key, names in sections.items() if len(names) > 1} == {}


def test_every_key_has_both_languages_with_the_same_placeholders():
    for key, texts in MESSAGES.items():
        assert set(texts) == {"zh", "en"}, key
        assert _placeholders(texts["zh"]) == _placeholders(texts["en"]), key
