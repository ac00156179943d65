"""The corrected indicators a store keeps: the planner's corrections it was built with, so a rebuild respects them.

``policykg build --store kg/ --corrections review.xlsx`` writes the table's usable lines into
the store's directory (`KEPT_FILE`, a CSV that keeps each line's origin, so a corrected row is
still attributed to ``review.xlsx``); a later build into ``kg/`` without ``--corrections``
reads the documents with them again, and ``policykg run -o out/`` does the same with
``out/store``. Giving another table replaces them; a table with no filled-in line clears them.
The corrected values themselves are in the graph, so a command reading ``--store`` sees them.
"""

from __future__ import annotations

from pathlib import Path

from policykg.loaders.indicator_corrections import Corrections, parse_corrections
from policykg.pipeline.kept_aliases import write_whole

__all__ = ["KEPT_FILE", "kept_corrections", "keep_corrections"]

KEPT_FILE = "policykg-corrections.csv"


def kept_corrections(store_dir: Path) -> Corrections | None:
    """The corrections kept with the store at ``store_dir``; None when it keeps none (or there is no store).

    Raises
    ------
    CorrectionsError
        The kept file lacks the table's columns (edited by hand): the message names it.
    """
    path = Path(store_dir) / KEPT_FILE
    return parse_corrections(path.read_text(encoding="utf-8"), str(path)) if path.is_file() else None


def keep_corrections(store_dir: Path, corrections: Corrections) -> Path:
    """Write the corrections' usable lines into the store's directory (whole or not at all) and return its path."""
    return write_whole(Path(store_dir) / KEPT_FILE, corrections.text)
