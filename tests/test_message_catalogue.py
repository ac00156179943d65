"""The message catalogue: every key has a Chinese and an English text, naming the same values."""

from __future__ import annotations

import string

import pytest

from policykg.message_catalogue import MESSAGES, SECTIONS


def _fields(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field is not None}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_both_languages_name_the_same_values(key):
    entry = MESSAGES[key]
    assert set(entry) == {"zh", "en"}, key
    assert entry["zh"].strip() and entry["en"].strip()
    assert _fields(entry["zh"]) == _fields(entry["en"]), key


def test_no_key_in_two_sections():
    # MESSAGES merges the sections; no module registers keys of its own (test_reading_messages checks the loaders)
    keys = [key for section in SECTIONS.values() for key in section]
    assert len(keys) == len(set(keys)) == len(MESSAGES)
