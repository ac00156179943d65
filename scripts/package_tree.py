"""Lay the package out as it is installed (policykg/graph/rdf/…) under build/package-tree, as symlinks.

The repository keeps the subpackages in top-level folders (loaders/, graph/ …)
mapped by pyproject's ``package-dir``; the editable install maps them with an
import hook that type checkers do not run. mypy checks this tree instead, so it
sees every module under its installed name; its messages name the links, whose
paths mirror the installed package.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from setuptools.config.pyprojecttoml import read_configuration

ROOT = Path(__file__).resolve().parents[1]
TREE = ROOT / "build" / "package-tree"


def main() -> int:
    options = read_configuration(ROOT / "pyproject.toml")["tool"]["setuptools"]
    package_dir: dict[str, str] = options.get("package-dir", {})
    shutil.rmtree(TREE, ignore_errors=True)
    for package in options["packages"]:
        source = ROOT / package_dir.get(package, package.replace(".", "/"))
        target = TREE / package.replace(".", "/")
        target.mkdir(parents=True, exist_ok=True)
        for path in source.iterdir():
            if path.suffix in (".py", ".pyi") or path.name == "py.typed":
                (target / path.name).symlink_to(path)
    print(f"package tree: {TREE.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
