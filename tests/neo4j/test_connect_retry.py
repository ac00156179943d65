"""A server that drops a handshake now and then (FalkorDB 4.16 after another client left) costs a retry, not an error.

A real TCP relay in front of the real FalkorDB closes the first connections that send
a Bolt handshake, and relays the rest byte for byte. (FalkorDB's own habit may take one more
attempt, which is why two dropped handshakes leave two attempts to spare.)
"""

from __future__ import annotations

import socket
import threading

import pytest

from policykg.errors import BackendError
from policykg.graph.property.bolt import BoltSettings, connect


class DroppingRelay:
    """127.0.0.1 relay to ``port`` that closes the first ``drops`` connections which send anything."""

    def __init__(self, port: int, drops: int) -> None:
        self.upstream, self.drops, self.dropped = port, drops, 0
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        # Connections are taken in the order they arrive, each one's first bytes read before the next is
        # accepted, so the server sees them in the client's order (connect's empty one first).
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            first = client.recv(65536)
            if first and self.dropped < self.drops:
                self.dropped += 1
                client.close()
                continue
            upstream = socket.create_connection(("127.0.0.1", self.upstream))
            if not first:  # an empty connection (connect's absorbing one) goes through empty too
                upstream.close()
                client.close()
                continue
            upstream.sendall(first)
            threading.Thread(target=self._pump, args=(upstream, client), daemon=True).start()
            threading.Thread(target=self._pump, args=(client, upstream), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, sink):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def close(self) -> None:
        self.listener.close()


@pytest.fixture()
def relay(falkordb_server, request):
    r = DroppingRelay(falkordb_server.bolt_port, request.param)
    yield r
    r.close()


@pytest.mark.parametrize("relay", [1, 2], indirect=True)
def test_a_dropped_handshake_is_tried_again(relay):
    with connect(BoltSettings(uri=f"bolt://127.0.0.1:{relay.port}", connection_timeout=5.0)) as conn:
        assert conn.read("RETURN 1 AS one")[1] == [{"one": 1}]
    assert relay.dropped == relay.drops


@pytest.mark.parametrize("relay", [4], indirect=True)
def test_a_server_that_keeps_dropping_is_unreachable_after_four_tries(relay):
    with pytest.raises(BackendError, match="无法连接 Bolt 服务器"):
        connect(BoltSettings(uri=f"bolt://127.0.0.1:{relay.port}", connection_timeout=5.0))
    assert relay.dropped == 4


def test_nothing_listening_is_unreachable_at_once():
    with socket.create_server(("127.0.0.1", 0)) as s:
        port = s.getsockname()[1]  # closed again below: nothing listens there
    with pytest.raises(BackendError, match="Connection refused"):
        connect(BoltSettings(uri=f"bolt://127.0.0.1:{port}", connection_timeout=5.0))
