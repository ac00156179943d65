"""An HTTP server on 127.0.0.1 that records every request it gets: where a SERVICE call would land."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["Canary", "running_canary"]


class Canary:
    """The running server: its base URL and the paths requested so far."""

    def __init__(self, server: http.server.ThreadingHTTPServer, requests: list[str]) -> None:
        self.server = server
        self.requests = requests

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/"


@contextmanager
def running_canary() -> Iterator[Canary]:
    requests: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def _record(self) -> None:
            requests.append(self.path)
            self.send_response(500)
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_GET = do_POST = _record

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Canary(server, requests)
    finally:
        server.shutdown()
        server.server_close()
