"""A matplotlib font that has Chinese glyphs, found by family name, or a loud failure.

matplotlib's default DejaVu Sans has no CJK glyphs: Chinese labels come out
as empty boxes with only a warning. The PNG views therefore ask for a CJK
family by name (Debian's fonts-noto-cjk gives "Noto Sans CJK SC") and raise
when none is installed, instead of writing a picture nobody can read. The
environment variable ``POLICYKG_CJK_FONT`` names the one family to use instead
(a font installed under another name); when it is not installed, there is no
CJK font.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

import matplotlib
from matplotlib import font_manager

from policykg.errors import PolicyKGError

__all__ = ["CJK_FAMILIES", "FONT_VARIABLE", "cjk_family", "cjk_fonts"]

CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Zen Hei",
                "Microsoft YaHei", "SimHei", "PingFang SC")


FONT_VARIABLE = "POLICYKG_CJK_FONT"


def _families() -> tuple[str, ...]:
    chosen = os.environ.get(FONT_VARIABLE, "").strip()
    return (chosen,) if chosen else CJK_FAMILIES


def _find() -> str | None:
    for family in _families():
        try:
            font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
            return family
        except ValueError:
            continue
    return None


@lru_cache(maxsize=1)
def cjk_family() -> str:
    """The first installed family of `CJK_FAMILIES`.

    matplotlib caches its font list; a font installed after the cache was
    written is found by rescanning the system font folders once.

    Raises
    ------
    PolicyKGError
        When no CJK font is installed (Debian: ``apt-get install fonts-noto-cjk``).
    """
    family = _find()
    if family is None:
        for path in font_manager.findSystemFonts():
            if "CJK" in path or "SourceHan" in path or "wqy" in path.lower():
                try:
                    font_manager.fontManager.addfont(path)
                except (OSError, RuntimeError):
                    continue
        family = _find()
    if family is None:
        raise PolicyKGError("viz_no_cjk_font", families="、".join(_families()))
    return family


@contextmanager
def cjk_fonts() -> Iterator[str]:
    """Draw and save inside this block: text defaults to the CJK family (rcParams restored after).

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> with cjk_fonts() as family:
    ...     fig = Figure(); _ = fig.text(0.5, 0.5, "市场监管局")
    >>> family
    'Noto Sans CJK SC'
    """
    family = cjk_family()
    with matplotlib.rc_context({"font.family": "sans-serif", "font.sans-serif": [family, "DejaVu Sans"],
                                "axes.unicode_minus": False}):
        yield family
