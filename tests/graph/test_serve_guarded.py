"""What `policykg serve` exposes (issue 14, defects 3, 8 and 10; issue 19, item 1), through the command.

The command runs as a person runs it (a subprocess of this interpreter), on 127.0.0.1
and free ports, with the real `oxigraph` server behind it.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from policykg import sample_paths
from policykg.graph.rdf.endpoint import Limits, SparqlFront
from policykg.queries import HttpEndpoint, list_queries, run_named
from tests.queries.test_sparql_guard import ADVERSARIAL, spelled
from tests.support.canary import running_canary
from tests.support.served import Served

SAMPLE_003 = str(next(p for p in sample_paths() if p.name.startswith("003")))
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # 11,815³ solutions


def _gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except FileNotFoundError:
        return True
    return state == "Z"


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_stops_oxigraph_and_removes_the_temporary_store(sig):
    server = Served([SAMPLE_003])
    store = Path(next(line for line in server.lines if "temporary store" in line).rsplit(" at ", 1)[1])
    assert store.is_dir()
    child = server.child()
    rest = server.stop(sig)
    assert server.proc.returncode == 0
    assert rest.strip().splitlines()[-1] == "server stopped"
    deadline = time.monotonic() + 10
    while not _gone(child) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _gone(child), "oxigraph still runs after `policykg serve` was stopped"
    assert not store.parent.exists(), "the temporary store is still on disk"


def test_oxigraph_is_found_beside_the_interpreter_without_path(sample_store_dir):
    env = {**os.environ, "PATH": "/usr/bin:/bin"}
    env.pop("POLICYKG_OXIGRAPH", None)
    server = Served(["--store", str(sample_store_dir)], env=env)
    try:
        status, body = server.post("/query", {"query": "SELECT (COUNT(?m) AS ?n) WHERE { ?m a pkg:Measure }"},
                                   accept="text/csv")
        assert (status, body.split()) == (200, ["n", "521"])
    finally:
        server.stop()


def test_an_ad_hoc_query_gets_the_project_prefixes(served):
    status, body = served.post("/query", {"query": "SELECT ?a WHERE { ?a a pkg:Agency ; skos:prefLabel ?l } LIMIT 1"})
    assert status == 200, body
    assert json.loads(body)["results"]["bindings"][0]["a"]["value"].startswith("https://w3id.org/policykg/id/agency/")


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_serve_never_federates(name, served):
    with running_canary() as canary:
        status, body = served.post("/query", {"query": spelled(name, canary)})
        assert status == 400
        assert body.startswith(("SERVICE is not allowed", "this query cannot be parsed")), body
        assert canary.requests == []


def test_a_read_only_server_refuses_updates_and_store_writes(served):
    assert served.post("/update", {"update": "DROP ALL"})[0] == 403
    request = urllib.request.Request(served.url + "/store?default", data=b"<urn:a> <urn:b> <urn:c> .", method="PUT",
                                     headers={"Content-Type": "application/n-triples"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=30)
    assert refused.value.code == 403
    assert run_named(HttpEndpoint(served.url + "/query"), "measures_without_lead").rows == []


def test_named_queries_answer_as_the_command_does(served, sample_store_dir):
    from policykg.graph.rdf.store import open_store

    params = {"jurisdiction": "福清市"}
    url = served.url + "/named/workload_per_agency?" + urllib.parse.urlencode(params)
    with urllib.request.urlopen(url, timeout=60) as response:
        answer = json.loads(response.read())
    expected = run_named(open_store(sample_store_dir), "workload_per_agency", params)
    assert answer == {"columns": expected.columns, "rows": expected.rows}


def test_a_query_past_the_timeout_is_stopped(sample_store_dir):
    server = Served(["--store", str(sample_store_dir), "--timeout", "2"])
    try:
        assert server.lines[-1].startswith("limits: 2 s per query, ")
        start = time.monotonic()
        status, _ = server.post("/query", {"query": HEAVY}, timeout=60)
        assert status >= 500
        assert time.monotonic() - start < 20
        assert server.post("/query", {"query": "ASK {}"})[0] == 200  # the server goes on
    finally:
        server.stop()


def test_queries_beyond_the_slots_wait_then_get_503(oxigraph_server):
    front = SparqlFront("127.0.0.1", 0, oxigraph_server.url, "<p>page</p>", lambda name, params: ([], []),
                        Limits(timeout=1, concurrent=1, cache_bytes=0)).start()  # the same query each time
    try:
        request = urllib.request.Request(front.url + "/query", data=b"query=ASK%20%7B%7D")
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.status == 200
        holding = threading.Event()
        release = threading.Event()

        def hold() -> None:
            with front.slot():
                holding.set()
                release.wait(10)

        thread = threading.Thread(target=hold)
        thread.start()
        holding.wait(5)
        start = time.monotonic()
        with pytest.raises(urllib.error.HTTPError) as busy:
            urllib.request.urlopen(request, timeout=10)
        assert busy.value.code == 503 and 0.9 < time.monotonic() - start < 5
        release.set()
        thread.join()
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.status == 200
    finally:
        front.stop()


def test_the_front_page_and_every_answer_carry_the_security_policy(served):
    with urllib.request.urlopen(served.url + "/", timeout=30) as response:
        page = response.read().decode("utf-8")
        assert "connect-src 'self'" in response.headers["Content-Security-Policy"]
    assert "<script src" not in page and "http://" not in page.split("page-data")[0]
    assert all(f'"name": "{q.name}"' in page for q in list_queries())


def test_a_writable_server_takes_updates_but_no_service_and_no_load():
    server = Served(["--writable", SAMPLE_003])
    try:
        assert server.post("/update", {"update": "INSERT DATA { GRAPH <urn:g> { <urn:a> a pkg:Measure } }"})[0] in (200, 204)
        status, body = server.post("/query", {"query": "ASK { GRAPH <urn:g> { <urn:a> a pkg:Measure } }"})
        assert (status, json.loads(body)["boolean"]) == (200, True)
        with running_canary() as canary:
            refused = [server.post("/update", {"update": text}) for text in (
                f"INSERT {{ ?s ?p ?o }} WHERE {{ SERVICE <{canary.base}> {{ ?s ?p ?o }} }}",
                f"LOAD <{canary.base}data.ttl>")]
            assert [status for status, _ in refused] == [400, 400]
            assert canary.requests == []
    finally:
        server.stop()


def test_a_port_in_use_is_one_line(served, sample_store_dir):
    result = subprocess.run([sys.executable, "-c", "from policykg.cli import main; main()", "--lang", "en", "serve",
                             "--store", str(sample_store_dir), "--port", str(served.port)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert f"Error: cannot listen on 127.0.0.1:{served.port} (Address already in use); choose another --port" in result.stderr
    assert "Traceback" not in result.stderr


def _frozen_engine_answers(server: Served, query: str) -> int:
    """The status of ``query`` asked while the oxigraph behind ``server`` is stopped (SIGSTOP)."""
    engine = server.child()
    os.kill(engine, signal.SIGSTOP)
    try:
        return server.post("/query", {"query": query}, timeout=60)[0]
    finally:
        os.kill(engine, signal.SIGCONT)


@pytest.mark.parametrize("cache_mb", ["64", "0"])
def test_an_answer_given_is_given_again_without_the_engine(cache_mb, sample_store_dir):
    server = Served(["--store", str(sample_store_dir), "--timeout", "2", "--cache-mb", cache_mb])
    try:
        query = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?m a pkg:Measure } }"
        status, body = server.post("/query", {"query": query})
        assert status == 200 and json.loads(body)["results"]["bindings"][0]["n"]["value"] == "521"
        named = server.url + "/named/workload_per_agency?jurisdiction=%E7%A6%8F%E6%B8%85%E5%B8%82"
        with urllib.request.urlopen(named, timeout=60) as response:
            first = response.read()
        # with the engine frozen, what was answered is answered again (kept), anything else waits and fails
        assert _frozen_engine_answers(server, query) == (200 if cache_mb != "0" else 504)
        assert _frozen_engine_answers(server, "ASK { ?s ?p ?o }") == 504
        engine = server.child()
        os.kill(engine, signal.SIGSTOP)
        try:
            if cache_mb != "0":
                with urllib.request.urlopen(named, timeout=60) as response:
                    assert response.read() == first
        finally:
            os.kill(engine, signal.SIGCONT)
    finally:
        server.stop()


def test_a_write_empties_the_kept_answers():
    server = Served(["--writable", SAMPLE_003])
    try:
        ask = "ASK { GRAPH <urn:g> { <urn:a> a pkg:Measure } }"
        assert json.loads(server.post("/query", {"query": ask})[1])["boolean"] is False
        assert server.post("/update", {"update": "INSERT DATA { GRAPH <urn:g> { <urn:a> a pkg:Measure } }"})[0] in (200, 204)
        assert json.loads(server.post("/query", {"query": ask})[1])["boolean"] is True
    finally:
        server.stop()
