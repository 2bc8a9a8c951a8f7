"""``claimgraph serve`` in front of the real Oxigraph server: no unauthenticated write, no CSRF, no rebinding."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import rdflib
import requests
from oxigraph_server import oxigraph_binary_or_skip
from rdflib import Literal, URIRef
from test_query_untrusted import counting_server  # noqa: F401 - a fixture

from claimgraph.graph.server import GuardedServer, start_guarded_server
from claimgraph.graph.store import open_store

pytestmark = pytest.mark.server
EX = rdflib.Namespace("https://example.org/")
G = URIRef("https://w3id.org/claimgraph/id/graph/guarded")
TOKEN = "test-token-not-secret"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def _seed(store_dir: Path) -> None:
    graph = rdflib.Graph()
    for i in range(3):
        graph.add((EX[f"c{i}"], EX.text, Literal(f"claim {i}")))
    store = open_store(str(store_dir))
    store.replace_graph(G, graph)
    store.close()


@pytest.fixture(params=["read-only", "writable"])
def served(request, tmp_path: Path) -> Iterator[GuardedServer]:
    """A guarded server over a seeded store, read-only or writable with a known token."""
    binary = oxigraph_binary_or_skip()
    store_dir = tmp_path / "store"
    _seed(store_dir)
    server = start_guarded_server(
        store_dir, writable=request.param == "writable", token=TOKEN, binary=binary
    )
    try:
        yield server
    finally:
        server.stop()


def _count(server: GuardedServer) -> int:
    answer = requests.post(
        server.query_url, data=COUNT, timeout=10,
        headers={"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"},
    )
    assert answer.status_code == 200, answer.text
    return int(answer.json()["results"]["bindings"][0]["n"]["value"])


def _writes(server: GuardedServer) -> list[tuple[str, str, dict, bytes]]:
    """Every way to write: SPARQL Update (both encodings) and the Graph Store Protocol."""
    insert = b"INSERT DATA { GRAPH <https://example.org/x> { <https://example.org/a> <https://example.org/b> 1 } }"
    return [
        ("POST", server.update_url, {"Content-Type": "application/sparql-update"}, insert),
        ("POST", server.update_url, {"Content-Type": "application/sparql-update"}, b"DROP ALL"),
        ("POST", server.update_url, {"Content-Type": "application/x-www-form-urlencoded"},
         b"update=DROP%20ALL"),
        ("DELETE", f"{server.store_url}?graph={G}", {}, b""),
        ("DELETE", f"{server.store_url}?default", {}, b""),
        ("PUT", f"{server.store_url}?graph={G}", {"Content-Type": "application/n-triples"}, b""),
        ("POST", f"{server.store_url}?default", {"Content-Type": "application/n-triples"},
         b"<https://example.org/a> <https://example.org/b> <https://example.org/c> .\n"),
    ]


def test_no_write_without_the_token(served: GuardedServer) -> None:
    before = _count(served)
    for method, url, headers, body in _writes(served):
        for auth in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {TOKEN}"}):
            answer = requests.request(method, url, headers={**headers, **auth}, data=body, timeout=10)
            assert answer.status_code in (401, 403), (method, url, answer.status_code)
    assert _count(served) == before == 3


def test_cross_site_and_rebinding_are_refused_even_with_the_token(served: GuardedServer) -> None:
    method, url, headers, body = _writes(served)[1]  # DROP ALL
    auth = {"Authorization": f"Bearer {TOKEN}"}
    for hostile in ({"Origin": "http://evil.example"}, {"Origin": "null"},
                    {"Host": "evil.example"}, {"Host": f"evil.example:{served.port}"},
                    {"Sec-Fetch-Site": "cross-site"}):
        answer = requests.request(method, url, headers={**headers, **auth, **hostile}, data=body, timeout=10)
        assert answer.status_code == 403, hostile
        # Reads too: a rebound page must not read the graph either.
        read = requests.get(served.query_url, params={"query": COUNT}, headers=hostile, timeout=10)
        assert read.status_code == 403, hostile
    assert _count(served) == 3


def test_the_token_writes_only_on_a_writable_server(served: GuardedServer) -> None:
    method, url, headers, body = _writes(served)[0]  # INSERT DATA
    same_origin = {"Origin": served.base_url, "Authorization": f"Bearer {TOKEN}"}
    answer = requests.request(method, url, headers={**headers, **same_origin}, data=body, timeout=10)
    if served.read_only:
        assert answer.status_code == 403
        assert _count(served) == 3
    else:
        assert answer.status_code == 204, answer.text
        assert _count(served) == 4


def test_service_is_off(served: GuardedServer, counting_server) -> None:  # noqa: F811
    base, hits = counting_server
    query = f"SELECT * WHERE {{ SERVICE <{base}/sparql> {{ ?s ?p ?o }} }}"
    post = requests.post(served.query_url, data=query, timeout=10,
                         headers={"Content-Type": "application/sparql-query"})
    get = requests.get(served.query_url, params={"query": query.replace("SERVICE", "service")}, timeout=10)
    form = requests.post(served.query_url, data={"query": query}, timeout=10)
    assert (post.status_code, get.status_code, form.status_code) == (403, 403, 403)
    assert hits == []


def test_federation_on_request_reaches_out(tmp_path: Path, counting_server) -> None:  # noqa: F811
    """Control for the test above: with --federation the same query does reach the endpoint."""
    base, hits = counting_server
    server = start_guarded_server(tmp_path / "store", federation=True, binary=oxigraph_binary_or_skip())
    try:
        requests.post(server.query_url, data=f"SELECT * WHERE {{ SERVICE <{base}/sparql> {{ ?s ?p ?o }} }}",
                      headers={"Content-Type": "application/sparql-query"}, timeout=10)
    finally:
        server.stop()
    assert hits


def test_claimgraph_writes_through_a_writable_server_with_its_record(tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    _seed(store_dir)
    server = start_guarded_server(store_dir, writable=True, binary=oxigraph_binary_or_skip())
    try:
        assert server.token and len(server.token) >= 32
        record = store_dir / "claimgraph-server.json"
        assert record.stat().st_mode & 0o077 == 0  # the token is for the directory's owner only
        remote = open_store(str(store_dir))
        more = rdflib.Graph()
        more.add((EX.d, EX.text, Literal("through the gate")))
        remote.replace_graph(URIRef(f"{G}-2"), more)
        assert len(remote.graph_names()) == 2
    finally:
        server.stop()
