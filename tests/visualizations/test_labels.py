"""The texts of the pictures, the report and their options: both languages, the same placeholders, help in --lang."""

from __future__ import annotations

import string

import pytest
from click.testing import CliRunner

from policykg.cli import cli
from policykg.message_catalogue import SECTIONS


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("section", ["views", "report_labels", "report_command", "viz_command", "cli_help"])
def test_every_text_has_both_languages_with_the_same_placeholders(section):
    for key, texts in SECTIONS[section].items():
        assert texts.get("zh") and texts.get("en"), key
        assert _fields(texts["zh"]) == _fields(texts["en"]), key


@pytest.mark.parametrize("command", ["report", "viz", "run", "export"])
def test_option_help_follows_the_language(command):
    zh = CliRunner().invoke(cli, [command, "--help"])
    en = CliRunner().invoke(cli, ["--lang", "en", command, "--help"])
    assert zh.exit_code == en.exit_code == 0
    assert "基准日（YYYY-MM-DD，默认今天）" in zh.stdout and "The date deadlines are counted against" not in zh.stdout
    assert "The date deadlines are counted against" in " ".join(en.stdout.split())
