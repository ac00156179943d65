"""The page `policykg serve` opens on, in real headless Chromium with no name resolution (issue 19, item 1).

It must list every named query with its parameters, run one from a link, run the editor's
query with the project's prefixes undeclared, show compact names, and ask nothing of
any server but its own.
"""

from __future__ import annotations

import time
import urllib.parse

import pytest

from policykg.graph.rdf.store import open_store
from policykg.queries import list_queries, run_named
from tests.visualizations.conftest import CHROMIUM_FLAGS, CDPError, Page, running_browser

# Every host name still resolves to nothing; only the served page's own address is reachable.
LOCAL_ONLY = [f if not f.startswith("--host-resolver-rules=") else "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"
              for f in CHROMIUM_FLAGS]


@pytest.fixture(scope="module")
def local_browser():
    yield from running_browser(LOCAL_ONLY)


@pytest.fixture()
def page(local_browser):
    tab = Page(local_browser)
    try:
        yield tab
    finally:
        tab.close()


def _open(page: Page, url: str, timeout: float = 30) -> None:
    page.call("Network.emulateNetworkConditions", offline=False, latency=0, downloadThroughput=-1, uploadThroughput=-1)
    page.call("Page.navigate", url=url)
    deadline = time.monotonic() + timeout
    while not any(e.get("method") == "Page.loadEventFired" for e in page._mine()):
        page.b.pump(0.1)
        if time.monotonic() > deadline:
            raise CDPError(f"{url} did not finish loading")
    page.wait_for("document.body.dataset.ready === '1'")


def test_the_page_lists_every_named_query_with_its_parameters(page, served):
    _open(page, served.url + "/")
    listed = page.eval("Array.from(document.querySelectorAll('#named-queries li')).map(li => li.dataset.name)")
    assert listed == [q.name for q in list_queries()]
    inputs = page.eval("Array.from(document.querySelectorAll('#named-queries li[data-name=co_assignment_pairs] input'))"
                       ".map(i => [i.name, i.value])")
    query = next(q for q in list_queries() if q.name == "co_assignment_pairs")
    assert inputs == [[p.name, p.default] for p in query.parameters]
    assert "PREFIX agency: <https://w3id.org/policykg/id/agency/>" in page.eval(
        "document.getElementById('prefixes').textContent")
    assert page.errors() == []
    assert all(url.startswith(served.url) for url in page.requests())


def test_a_link_runs_a_named_query(page, served, sample_store_dir):
    fragment = urllib.parse.urlencode({"named": "workload_per_agency", "jurisdiction": "福清市"})
    _open(page, f"{served.url}/#{fragment}")
    expected = run_named(open_store(sample_store_dir), "workload_per_agency", {"jurisdiction": "福清市"})
    rows = page.wait_for("document.querySelectorAll('#results tr').length > 1 && "
                         "Array.from(document.querySelectorAll('#results tr')).slice(1)"
                         ".map(tr => Array.from(tr.children).map(td => td.textContent))")
    assert rows == [["" if v is None else str(v) for v in row] for row in expected.tuples()]
    assert page.errors() == []


def test_the_editor_runs_a_query_without_prefix_lines_and_shows_compact_names(page, served):
    _open(page, served.url + "/")
    page.eval("document.getElementById('editor').value = "
              "'SELECT ?a WHERE { ?a a pkg:Agency } ORDER BY ?a LIMIT 5'; document.getElementById('run').click(); 1")
    cells = page.wait_for("document.querySelectorAll('#results td').length === 5 && "
                          "Array.from(document.querySelectorAll('#results td')).map(td => td.textContent)")
    assert all(c.startswith("agency:") and "%" not in c for c in cells), cells
    page.eval("document.getElementById('editor').value = 'SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }';"
              " document.getElementById('run').click(); 1")
    assert page.wait_for("document.getElementById('error').textContent").startswith("SERVICE is not allowed")
    assert all(url.startswith(served.url) for url in page.requests())

