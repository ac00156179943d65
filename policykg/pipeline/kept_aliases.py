"""The reviewed agency names a store keeps: the aliases file it was built with, so a rebuild respects it.

``policykg build --store kg/ --aliases reviewed.csv`` writes the accepted file
into the store's directory (`KEPT_FILE`, beside the database's own files, which
the database leaves alone); a later build into ``kg/`` without ``--aliases``
reads the documents with it again, and ``policykg run -o out/`` does the same
with ``out/store``. Giving another file replaces it; a file with only the
header clears it.
"""

from __future__ import annotations

import os
from pathlib import Path

from policykg.loaders.aliases import ReviewedAliases, read_aliases

__all__ = ["KEPT_FILE", "kept_aliases", "keep_aliases", "write_whole"]

KEPT_FILE = "policykg-aliases.csv"


def kept_aliases(store_dir: Path) -> ReviewedAliases | None:
    """The decisions kept with the store at ``store_dir``; None when it keeps none (or there is no store).

    Raises
    ------
    AliasesError
        The kept file no longer passes the checks (edited by hand): the message names it and the line.
    """
    path = Path(store_dir) / KEPT_FILE
    return read_aliases(path) if path.is_file() else None


def keep_aliases(store_dir: Path, aliases: ReviewedAliases) -> Path:
    """Write the accepted aliases file into the store's directory (whole or not at all) and return its path."""
    return write_whole(Path(store_dir) / KEPT_FILE, aliases.text)


def write_whole(path: Path, text: str) -> Path:
    """Write ``text`` to ``path`` whole or not at all (a file beside it, then renamed over it)."""
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)
    return path
