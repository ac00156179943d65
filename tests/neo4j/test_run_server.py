"""The run's FalkorDB is started again when it has ended (tests/conftest.py), saying why it ended."""

from __future__ import annotations

import signal

from policykg.graph.property.bolt import BoltSettings, connect


def test_a_server_that_ended_is_started_again_with_its_status_and_log(falkordb_server):
    falkordb_server.process.send_signal(signal.SIGKILL)
    falkordb_server.process.wait(timeout=10)
    said = falkordb_server.ensure_running()
    assert said is not None and "status -9" in said
    assert len(said.split("End of its log:\n", 1)[1].splitlines()) >= 3  # the old server's last lines
    assert falkordb_server.ensure_running() is None
    with connect(BoltSettings(uri=falkordb_server.uri, connection_timeout=5.0)) as conn:
        assert conn.read("RETURN 1 AS one")[1] == [{"one": 1}]
