"""The package's imports go one way: no cycle anywhere, graph/ never reads documents, pictures use analytics only.

Every import statement counts, also those inside functions (a lazy import still
ties two modules together). ``from package import name`` counts as an import of
the submodule when ``name`` is one.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

from tests.support.package_modules import package_modules


def _imported(name: str, path: Path, known: set[str]) -> set[str]:
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1] + ([base] if base else []))
            for alias in node.names:
                child = f"{base}.{alias.name}"
                out.add(child if child in known else base)
    return {m for m in out if m in known and m != name}


@pytest.fixture(scope="module")
def imports() -> nx.DiGraph:
    modules = package_modules()
    graph = nx.DiGraph()
    graph.add_nodes_from(modules)
    for name, path in modules.items():
        graph.add_edges_from((name, target) for target in _imported(name, path, set(modules)))
    return graph


def test_every_subpackage_is_seen(imports):
    for name in ("policykg.loaders.read", "policykg.graph.rdf.store", "policykg.graph.property.bolt",
                 "policykg.graph.analytics.metrics", "policykg.visualizations.dashboard", "policykg.pipeline"):
        assert name in imports


def test_no_import_cycle(imports):
    cycles = list(nx.simple_cycles(imports))
    assert cycles == [], "import cycles: " + "; ".join(" → ".join(c + c[:1]) for c in cycles)


def test_graph_never_imports_the_loaders(imports):
    wrong = [(a, b) for a, b in imports.edges if a.startswith("policykg.graph") and b.startswith("policykg.loaders")]
    assert wrong == []


def test_pictures_import_only_the_analytics_of_graph(imports):
    wrong = [(a, b) for a, b in imports.edges
             if a.startswith("policykg.visualizations") and b.startswith("policykg.graph")
             and not b.startswith("policykg.graph.analytics")]
    assert wrong == []
