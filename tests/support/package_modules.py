"""Every module of the package as installed, found from pyproject's package list.

The subpackages live in top-level folders mapped by ``package-dir``, so walking
``policykg.__path__`` alone would miss them; each listed package is imported and
its own folder walked.
"""

from __future__ import annotations

import importlib
import pkgutil
import warnings
from pathlib import Path

from setuptools.config.pyprojecttoml import read_configuration

ROOT = Path(__file__).resolve().parents[2]


def package_names() -> list[str]:
    """The packages pyproject.toml installs (policykg, policykg.loaders, policykg.graph.rdf …)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # setuptools calls [tool.setuptools] in pyproject "beta"
        options = read_configuration(ROOT / "pyproject.toml")["tool"]["setuptools"]
    return list(options["packages"])


def package_modules() -> dict[str, Path]:
    """Module name → source file, for every package and module the package installs."""
    found: dict[str, Path] = {}
    for package in package_names():
        module = importlib.import_module(package)
        found[package] = Path(module.__file__ or "")
        for info in pkgutil.iter_modules(module.__path__, f"{package}."):
            if not info.ispkg:
                spec = importlib.util.find_spec(info.name)
                assert spec is not None and spec.origin is not None, info.name
                found[info.name] = Path(spec.origin)
    return dict(sorted(found.items()))
