"""Every docstring example in the package runs and gives what it shows (the package as imported)."""

from __future__ import annotations

import doctest
import importlib

import pytest

from policykg.messages import get_language, set_language
from tests.support.package_modules import package_modules

MODULES = list(package_modules())


def test_modules_are_found():
    assert "policykg.graph.rdf.store" in MODULES and "policykg.loaders.read" in MODULES


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    finder = doctest.DocTestFinder(exclude_empty=True)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    language = get_language()
    try:
        for test in finder.find(module, name):
            runner.run(test)
    finally:
        set_language(language)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples of {name} failed (output above)"
