"""Lets the query tests reuse the hand-made corpus of tests/graph/handmade.py."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "graph"))
