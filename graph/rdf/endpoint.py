"""What `policykg serve` exposes: a small HTTP front in front of a private `oxigraph` server.

Oxigraph's own server would run ``SERVICE`` (an outbound request to anywhere) and has
no bound on concurrent queries, so it listens on a free 127.0.0.1 port that only this
front talks to. The front (stdlib `ThreadingHTTPServer`) serves:

``GET /``
    The query page (`policykg.graph.rdf.query_page`): prefixes and named queries, offline.
``GET|POST /query``
    The SPARQL 1.1 Protocol query operation. Each text passes
    `policykg.queries.sparql_guard.checked_query` (no SERVICE, no update, the project's
    prefixes predeclared) and the *checked* text is forwarded.
``GET /named/NAME?param=value``
    A named query with its parameters bound as by ``policykg query``; JSON
    ``{"columns": […], "rows": […]}``.
``POST /update``, ``/store`` writes
    Only with ``writable``: updates pass `checked_update` (no SERVICE, no LOAD).
    ``GET /store`` (Graph Store Protocol reads) is always forwarded.

Limits (`Limits`): a query slot is held for the whole of a query and there are
``concurrent`` of them; a request waits at most ``timeout`` seconds for one (then 503);
oxigraph abandons a query after ``timeout`` seconds (``--timeout-s``), and a request
body is at most ``body_bytes``. Every answer carries a ``Content-Security-Policy``
that lets the page talk to this server only. Answers of ``/query`` and ``/named`` are kept
(`policykg.graph.rdf.result_cache`, at most ``cache_bytes``) and given again without a slot;
a write empties them.
"""

from __future__ import annotations

import contextlib
import json
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from policykg.errors import BackendError, PolicyKGError, QueryError
from policykg.graph.rdf.result_cache import Answer, ResultCache
from policykg.messages import render
from policykg.queries.sparql_guard import checked_query, checked_update

__all__ = ["Limits", "SparqlFront", "CONTENT_SECURITY_POLICY"]

CONTENT_SECURITY_POLICY = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
                           "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; "
                           "frame-ancestors 'none'")


@dataclass(frozen=True, slots=True)
class Limits:
    """What one server will do at once and for how long (documented in the README, "serve")."""

    timeout: float = 30.0
    concurrent: int = 4
    body_bytes: int = 1 << 20
    cache_bytes: int = 64 << 20  # answers kept (`result_cache`); 0: none


class _Refusal(Exception):
    def __init__(self, status: int, text: str) -> None:
        super().__init__(text)
        self.status = status
        self.text = text


@dataclass
class SparqlFront:
    """The front server: bound to ``host:port``, forwarding to the oxigraph server at ``upstream``.

    ``named`` runs a named query (name, parameters) against the upstream and returns
    ``(columns, rows)``; ``page`` is the query page's HTML.
    """

    host: str
    port: int
    upstream: str
    page: str
    named: Callable[[str, dict[str, str]], tuple[list[str], list[dict[str, Any]]]]
    limits: Limits = Limits()
    writable: bool = False

    def __post_init__(self) -> None:
        self._slots = threading.BoundedSemaphore(self.limits.concurrent)
        self.cache = ResultCache(self.limits.cache_bytes)
        try:
            self.httpd = ThreadingHTTPServer((self.host, self.port), _handler(self))
        except OSError as exc:
            raise BackendError("serve_port_taken", host=self.host, port=self.port, reason=exc.strerror or str(exc)) from exc
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self) -> SparqlFront:
        self._thread = threading.Thread(target=self.httpd.serve_forever, name="policykg-serve", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    # --- the work of one request, in the handler's thread ---------------------------------------------------

    def slot(self) -> _Slot:
        return _Slot(self._slots, self.limits.timeout)

    @contextlib.contextmanager
    def changing(self) -> Iterator[None]:
        """Around a write to the store: no answer read before it (or while it runs) is given after it."""
        self.cache.clear()
        try:
            yield
        finally:
            self.cache.clear()

    def forward(self, path: str, method: str, body: bytes | None, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        request = urllib.request.Request(self.upstream + path, data=body, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=self.limits.timeout + 5) as response:
                return response.status, dict(response.headers.items()), response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, dict(exc.headers.items()), exc.read()
        except TimeoutError as exc:
            raise _Refusal(504, render("serve_timeout", seconds=self.limits.timeout)) from exc
        except (urllib.error.URLError, OSError) as exc:
            raise _Refusal(502, str(exc)) from exc


class _Slot:
    """One of the ``concurrent`` query slots, waited for at most ``timeout`` seconds."""

    def __init__(self, semaphore: threading.BoundedSemaphore, timeout: float) -> None:
        self.semaphore, self.timeout = semaphore, timeout

    def __enter__(self) -> None:
        if not self.semaphore.acquire(timeout=self.timeout):
            raise _Refusal(503, render("serve_busy", seconds=self.timeout))

    def __exit__(self, *exc: object) -> None:
        self.semaphore.release()


_PASSED_HEADERS = ("Content-Type", "Accept")


def _handler(front: SparqlFront) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "policykg"
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 — the stdlib's signature
            pass  # stderr carries the command's own lines only

        # --- plumbing ---------------------------------------------------------------------------------------
        def _send(self, status: int, body: bytes, content_type: str, extra: dict[str, str] | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
            self.send_header("X-Content-Type-Options", "nosniff")
            self.send_header("Cache-Control", "no-store")
            for key, value in (extra or {}).items():
                self.send_header(key, value)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def _text(self, status: int, text: str) -> None:
            self._send(status, (text + "\n").encode("utf-8"), "text/plain; charset=utf-8")

        def _body(self) -> bytes:
            length = int(self.headers.get("Content-Length") or 0)
            if length > front.limits.body_bytes:
                self.close_connection = True
                raise _Refusal(413, render("serve_too_large", limit_kb=front.limits.body_bytes // 1024))
            return self.rfile.read(length) if length else b""

        def _serve(self, work: Callable[[], None]) -> None:
            try:
                work()
            except _Refusal as refusal:
                self._text(refusal.status, refusal.text)
            except QueryError as exc:
                self._text(400, str(exc))
            except PolicyKGError as exc:
                self._text(502, str(exc))

        def _relay(self, status: int, headers: dict[str, str], body: bytes) -> None:
            kept = {k: v for k, v in headers.items() if k.lower() in ("content-type", "content-disposition")}
            content_type = kept.pop("Content-Type", kept.pop("content-type", "application/octet-stream"))
            self._send(status, body, content_type, kept)

        def _forward_headers(self) -> dict[str, str]:
            return {k: v for k in _PASSED_HEADERS if (v := self.headers.get(k))}

        # --- routes -----------------------------------------------------------------------------------------
        def do_HEAD(self) -> None:  # noqa: N802 — BaseHTTPRequestHandler's naming
            self.do_GET()

        def do_GET(self) -> None:  # noqa: N802
            url = urllib.parse.urlsplit(self.path)
            if url.path in ("/", "/index.html"):
                self._send(200, front.page.encode("utf-8"), "text/html; charset=utf-8")
            elif url.path == "/query":
                self._serve(lambda: self._query(urllib.parse.parse_qs(url.query), None))
            elif url.path.startswith("/named/"):
                self._serve(lambda: self._named(urllib.parse.unquote(url.path[len("/named/"):]),
                                                urllib.parse.parse_qs(url.query)))
            elif url.path == "/store":
                self._serve(lambda: self._relay(*front.forward(self.path, self.command, None, self._forward_headers())))
            else:
                self._text(404, render("serve_not_found", path=url.path))

        def do_POST(self) -> None:  # noqa: N802
            url = urllib.parse.urlsplit(self.path)
            if url.path == "/query":
                self._serve(lambda: self._query(urllib.parse.parse_qs(url.query), self._body()))
            elif url.path == "/update":
                self._serve(lambda: self._update(self._body()))
            elif url.path == "/store":
                self._serve(self._store_write)
            else:
                self._text(404, render("serve_not_found", path=url.path))

        def do_PUT(self) -> None:  # noqa: N802
            self._serve(self._store_write)

        def do_DELETE(self) -> None:  # noqa: N802
            self._serve(self._store_write)

        # --- the operations ---------------------------------------------------------------------------------
        def _query_text(self, params: dict[str, list[str]], body: bytes | None) -> tuple[str, dict[str, list[str]]]:
            content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            if body is not None and content_type == "application/sparql-query":
                return body.decode("utf-8", "replace"), params
            if body is not None and content_type == "application/x-www-form-urlencoded":
                params = {**params, **urllib.parse.parse_qs(body.decode("utf-8", "replace"))}
            texts = params.get("query") or []
            if len(texts) != 1:
                raise _Refusal(400, render("serve_no_query"))
            return texts[0], params

        def _query(self, params: dict[str, list[str]], body: bytes | None) -> None:
            text, params = self._query_text(params, body)
            checked = checked_query(text)
            # the dataset parameters name graphs of this store; nothing else is passed on
            dataset = [(k, v) for k in ("default-graph-uri", "named-graph-uri") for v in params.get(k, [])]
            form = urllib.parse.urlencode([("query", checked), *dataset]).encode("utf-8")
            headers = {"Content-Type": "application/x-www-form-urlencoded",
                       "Accept": self.headers.get("Accept") or "application/sparql-results+json"}

            def run() -> Answer:
                with front.slot():
                    return front.forward("/query", "POST", form, headers)

            self._relay(*front.cache.answer(("query", form, headers["Accept"]), run))

        def _named(self, name: str, params: dict[str, list[str]]) -> None:
            values = {k: v[-1] for k, v in params.items()}

            def run() -> Answer:
                with front.slot():
                    columns, rows = front.named(name, values)
                body = json.dumps({"columns": columns, "rows": rows}, ensure_ascii=False).encode("utf-8")
                return 200, {"Content-Type": "application/json; charset=utf-8"}, body

            self._relay(*front.cache.answer(("named", name, tuple(sorted(values.items()))), run))

        def _update(self, body: bytes) -> None:
            if not front.writable:
                raise _Refusal(403, render("serve_read_only_refused"))
            content_type = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            if content_type == "application/sparql-update":
                text = body.decode("utf-8", "replace")
            else:
                texts = urllib.parse.parse_qs(body.decode("utf-8", "replace")).get("update") or []
                if len(texts) != 1:
                    raise _Refusal(400, render("serve_no_query"))
                text = texts[0]
            form = urllib.parse.urlencode({"update": checked_update(text)}).encode("utf-8")
            with front.slot(), front.changing():
                self._relay(*front.forward("/update", "POST", form,
                                           {"Content-Type": "application/x-www-form-urlencoded"}))

        def _store_write(self) -> None:
            if urllib.parse.urlsplit(self.path).path != "/store":
                raise _Refusal(404, render("serve_not_found", path=self.path))
            if not front.writable:
                raise _Refusal(403, render("serve_read_only_refused"))
            body = self._body()
            with front.slot(), front.changing():
                self._relay(*front.forward(self.path, self.command, body, self._forward_headers()))

    return Handler
