"""`policykg serve` starts a real oxigraph endpoint over a built store and stops it on Ctrl-C."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from policykg.graph.rdf.serve import free_port
from policykg.queries import HttpEndpoint, run_named, run_sparql


def test_serve_command_answers_queries_and_stops(sample_store_dir, sample_corpus):
    port = free_port()
    env = {**os.environ, "POLICYKG_LANG": "en"}
    proc = subprocess.Popen(
        [sys.executable, "-c", "from policykg.cli import main; main()", "serve", "--store", str(sample_store_dir),
         "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )
    try:
        line = proc.stderr.readline()
        assert line.startswith(f"SPARQL endpoint: http://127.0.0.1:{port}/query (query page http://127.0.0.1:{port}/, read-only)")
        endpoint = HttpEndpoint(f"http://127.0.0.1:{port}/query")
        n = run_sparql(endpoint, "SELECT (COUNT(*) AS ?n) WHERE { ?m a <https://w3id.org/policykg/ontology#Measure> }")
        assert n.rows == [{"n": len(sample_corpus.rows)}]  # union default graph
        assert run_named(endpoint, "measures_without_lead", {}).rows == []
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=20)
        finally:
            if proc.poll() is None:
                proc.kill()
    assert proc.stderr.read().strip().endswith("server stopped")
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:  # the oxigraph child is gone too: the port is free again
        try:
            run_sparql(HttpEndpoint(f"http://127.0.0.1:{port}/query", timeout=1), "ASK {}")
        except Exception:
            break
        time.sleep(0.1)
    else:
        raise AssertionError("oxigraph still answers after `policykg serve` stopped")
