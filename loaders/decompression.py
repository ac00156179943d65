"""A cap on what one zipped document (.docx, .xlsx) may expand to, checked before it is read.

A Word or Excel file is a zip package; its readers (python-docx, openpyxl)
inflate every part into memory. A 237 KB .docx whose parts declare 200 MB took
440 MB of memory to read. So before a reader opens a package, the sizes its
parts declare are added up (from the zip's directory, nothing is inflated) and a
package over the cap is not read: it gets the problem ``doc_too_large`` instead.
The declared sizes are what will be inflated: Python's zipfile stops a part at
its declared size (and rejects a part that is longer).

The cap is `MAX_EXPANDED_MB` (100 MB, far above the text of any task table; a
document that is mostly photographs may pass it); the environment variable
``POLICYKG_MAX_EXPANDED_MB`` sets another for a genuine document beyond it.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

__all__ = ["MAX_EXPANDED_MB", "max_expanded_mb", "expanded_size", "expansion_problem"]

MAX_EXPANDED_MB = 100
_MB = 1024 * 1024


def max_expanded_mb() -> float:
    """The cap in MB: ``POLICYKG_MAX_EXPANDED_MB`` when set to a positive number, else `MAX_EXPANDED_MB`."""
    try:
        megabytes = float(os.environ.get("POLICYKG_MAX_EXPANDED_MB") or MAX_EXPANDED_MB)
    except ValueError:
        return MAX_EXPANDED_MB
    return megabytes if megabytes > 0 else MAX_EXPANDED_MB


def expanded_size(path: Path) -> int | None:
    """The bytes the parts of the zip package at ``path`` declare, or None when it is not a readable zip."""
    try:
        with zipfile.ZipFile(path) as package:
            return sum(info.file_size for info in package.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None


def expansion_problem(path: Path) -> str | None:
    """The problem code ``doc_too_large:<MB>|<cap MB>`` when the package expands past the cap, else None.

    A file that is not a readable zip gives None: its reader reports it damaged.
    """
    size = expanded_size(path)
    cap = max_expanded_mb()
    if size is None or size <= cap * _MB:
        return None
    return f"doc_too_large:{size / _MB:.3g}|{cap:g}"
