"""Safe, self-contained HTML: escaping, inline assets, the page shell and the view labels.

Every page policykg writes must work on a planner's offline machine and must
never run text that came from a document. Two rules follow, enforced here:

- Nothing is loaded from a network: vis-network's JavaScript and CSS are read
  from the copy pyvis ships inside its package and inlined (pyvis's own
  template points at CDNs even with ``cdn_resources="in_line"``; pitfalls.md).
- Document text reaches HTML only through `esc` (markup) or `script_json`
  (data inside ``<script>``); the page's Content-Security-Policy allows only
  the page's own inline scripts, by hash, so an injected ``<script>`` or
  ``onerror=`` would not run even if an escape were missed.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from typing import Any

from policykg.messages import render

__all__ = [
    "esc",
    "script_json",
    "inline_script",
    "vis_assets",
    "asset_text",
    "render_page",
    "script_hashes",
    "label",
]

def label(code: str, lang: str | None = None) -> str:
    """A view label from the catalogue (``"code"`` or ``"code:d0|d1"``)."""
    return render(code, lang)


def esc(text: Any) -> str:
    """Escape text for HTML content and quoted attributes (``<>&"'``).

    Examples
    --------
    >>> esc('<img src=x onerror="alert(1)">')
    '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
    """
    return html.escape("" if text is None else str(text), quote=True)


_SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026",
                   0x2028: "\\u2028", 0x2029: "\\u2029"}


def script_json(data: Any) -> str:
    """JSON that is safe inside a ``<script>`` element.

    ``</script>`` or ``<!--`` in a measure's text would otherwise end the
    element early; escaping ``<``, ``>`` and ``&`` as ``\\u`` sequences keeps
    the JSON value identical.

    Examples
    --------
    >>> script_json({"name": "</script><script>x()</script>"})
    '{"name":"\\\\u003c/script\\\\u003e\\\\u003cscript\\\\u003ex()\\\\u003c/script\\\\u003e"}'
    """
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_ESCAPES)


def inline_script(code: str) -> str:
    """Wrap JavaScript in a ``<script>`` element, refusing code that would close it early."""
    if "</script" in code.lower():
        raise ValueError("inline JavaScript contains '</script'; escape it before inlining")
    return f"<script>{code}</script>"


def asset_text(name: str) -> str:
    """Read one of our own small assets (visualizations/assets/NAME)."""
    return (resources.files("policykg.visualizations") / "assets" / name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def vis_assets() -> tuple[str, str]:
    """vis-network's minified JavaScript and CSS, read from the copy inside the pyvis package.

    Raises
    ------
    FileNotFoundError
        If the installed pyvis does not ship vis-network 9.1.2 (its lib folder).
    """
    lib = resources.files("pyvis") / "templates" / "lib" / "vis-9.1.2"
    return ((lib / "vis-network.min.js").read_text(encoding="utf-8"),
            (lib / "vis-network.css").read_text(encoding="utf-8"))


def _hash(code: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode() + "'"


def render_page(title: str, body: str, *, scripts: Sequence[str] = (), styles: Sequence[str] = (),
                lang: str = "zh", extra_script_hashes: Sequence[str] = ()) -> str:
    """A complete HTML document with everything inline and a strict Content-Security-Policy.

    ``scripts`` and ``styles`` are raw JavaScript / CSS texts (ours or
    vis-network's), inlined in order. The policy allows exactly those scripts
    (by SHA-256), no event-handler attributes, no external loads and no
    network connections: ``default-src 'none'``. ``extra_script_hashes`` lets a
    dashboard also allow the scripts of the pages it embeds (an ``srcdoc``
    frame inherits its parent's policy). Returns the page and is pure.
    """
    hashes = [_hash(s) for s in scripts] + list(extra_script_hashes)
    csp = ("default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
           f"script-src {' '.join(hashes) or chr(39) + 'none' + chr(39)}")
    head = "\n".join(f"<style>{s}</style>" for s in styles)
    tail = "\n".join(inline_script(s) for s in scripts)
    return (f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}">\n<head>\n'
            f'<meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy" content="{esc(csp)}">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{esc(title)}</title>\n{head}\n</head>\n<body>\n{body}\n{tail}\n</body>\n</html>\n")


def script_hashes(scripts: list[str]) -> list[str]:
    """The CSP source expressions (``'sha256-…'``) of inline scripts."""
    return [_hash(s) for s in scripts]
