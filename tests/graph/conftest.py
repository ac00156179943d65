"""Fixtures of the RDF graph tests."""

from __future__ import annotations

import pytest

from tests.support.served import Served


@pytest.fixture(scope="module")
def served(sample_store_dir):
    """`policykg serve --store` over the sample store, for one test module."""
    server = Served(["--store", str(sample_store_dir)])
    try:
        yield server
    finally:
        server.stop()
