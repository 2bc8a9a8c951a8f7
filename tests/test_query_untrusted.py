"""A query typed by a user reads only the store: no FROM, SERVICE, LOAD or update, on every backend."""

from __future__ import annotations

import http.server
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from oxigraph_server import oxigraph_server  # noqa: F401 - a fixture
from rdflib import Literal, URIRef

from claimgraph.errors import QueryError
from claimgraph.graph.queries import run_untrusted_query
from claimgraph.graph.store import open_store
from claimgraph.graph.store_sparql import SparqlStore
from claimgraph.graph.untrusted import QueryRefused, QueryTimeout, check_untrusted_query

EX = rdflib.Namespace("https://example.org/")
G = URIRef("https://w3id.org/claimgraph/id/graph/untrusted")


class _Counting(http.server.BaseHTTPRequestHandler):
    hits: list[str]

    def _answer(self) -> None:
        self.hits.append(self.path)
        body = b'{"head":{"vars":["s"]},"results":{"bindings":[]}}'
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def counting_server() -> Iterator[tuple[str, list[str]]]:
    """A loopback HTTP server that records every request it gets."""
    hits: list[str] = []
    handler = type("Handler", (_Counting,), {"hits": hits})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", hits
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def watched_file(tmp_path: Path) -> Iterator[tuple[Path, list[int]]]:
    """A FIFO named like a secret N-Triples file: any open for reading is seen and counted."""
    fifo = tmp_path / "secret.nt"
    os.mkfifo(fifo)
    opened: list[int] = []
    stop = threading.Event()

    def watch() -> None:
        while not stop.is_set():
            try:  # succeeds only while some reader has the FIFO open (a reader blocks until then)
                fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
            except OSError:
                time.sleep(0.005)
                continue
            opened.append(1)
            os.write(fd, b"<https://example.org/leak> <https://example.org/p> \"secret\" .\n")
            os.close(fd)

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    try:
        yield fifo, opened
    finally:
        stop.set()
        thread.join(1)


def _seeded(spec: str):
    store = open_store(spec)
    graph = rdflib.Graph()
    for i in range(30):
        graph.add((EX[f"c{i}"], EX.text, Literal(f"claim {i}")))
    store.replace_graph(G, graph)
    return store


def _hostile(base: str, fifo: Path) -> list[str]:
    file_iri = fifo.as_uri()
    return [
        f"CONSTRUCT {{ ?s ?p ?o }} FROM <{file_iri}> WHERE {{ ?s ?p ?o }}",
        f"SELECT * FROM NAMED <{file_iri}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        f"SELECT * FROM <{base}/data.nt> WHERE {{ ?s ?p ?o }}",
        f"SELECT * WHERE {{ SERVICE <{base}/sparql> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE SILENT <{base}/sparql> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ BIND(<{base}/sparql> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ \\u0053ERVICE <{base}/sparql> {{ ?s ?p ?o }} }}",  # a \\u escape
        f"select * where {{ service <{base}/sparql> {{ ?s ?p ?o }} }}",
        f"PREFIX e: <{base}/> SELECT * WHERE {{ SERVICE e:sparql {{ ?s ?p ?o }} }}",
        f"LOAD <{base}/data.nt>",
        f"LOAD <{file_iri}> INTO GRAPH <https://example.org/g>",
        "INSERT DATA { GRAPH <https://example.org/g> { <https://example.org/a> <https://example.org/b> 1 } }",
        "DROP ALL",
        "DELETE WHERE { GRAPH ?g { ?s ?p ?o } }",
    ]


def _assert_refused_everywhere(store, base: str, hits: list[str], fifo: Path, opened: list[int]) -> None:
    for text in _hostile(base, fifo):
        with pytest.raises(QueryError) as caught:
            run_untrusted_query(store, text, timeout_s=5)
        assert "\n" not in str(caught.value), text
        assert isinstance(caught.value, QueryRefused), text
    time.sleep(0.1)  # give a stray request or open time to arrive before counting
    assert hits == []
    assert opened == []
    rows = run_untrusted_query(store, "SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } }").rows
    assert len(rows) == 30  # refusing changed nothing


@pytest.mark.parametrize("spec", ["memory", "rdflib"])
def test_embedded_backends_never_dereference(spec, counting_server, watched_file) -> None:
    base, hits = counting_server
    fifo, opened = watched_file
    _assert_refused_everywhere(_seeded(spec), base, hits, fifo, opened)


@pytest.mark.server
def test_server_backend_never_dereferences(oxigraph_server, counting_server, watched_file) -> None:  # noqa: F811
    base, hits = counting_server
    fifo, opened = watched_file
    store = SparqlStore(oxigraph_server.base_url)
    graph = rdflib.Graph()
    for i in range(30):
        graph.add((EX[f"c{i}"], EX.text, Literal(f"claim {i}")))
    store.replace_graph(G, graph)
    _assert_refused_everywhere(store, base, hits, fifo, opened)


def test_the_probe_sees_a_real_service_call(counting_server) -> None:
    """Control: the engine itself does call out, so the zero above is the guard's doing."""
    base, hits = counting_server
    list(ox.Store().query(f"SELECT * WHERE {{ SERVICE <{base}/sparql> {{ ?s ?p ?o }} }}"))
    assert hits  # pyoxigraph reached the loopback server


def test_words_inside_strings_iris_and_names_are_not_keywords() -> None:
    assert check_untrusted_query(
        'PREFIX from: <https://example.org/service/> SELECT ?service ?from WHERE '
        '{ ?service from:load "FROM <x> SERVICE" . ?from ?p ?o } # SERVICE in a comment'
    ) == "SELECT"
    assert check_untrusted_query("ASK { ?s ?p 'drop all'@en }") == "ASK"


@pytest.mark.parametrize("spec", ["memory", "rdflib"])
def test_row_limit_cuts_and_says_so(spec) -> None:
    result = run_untrusted_query(_seeded(spec), "SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } }", max_rows=7)
    assert len(result.rows) == 7
    assert result.truncated
    graph = run_untrusted_query(
        _seeded(spec), "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }", max_rows=5
    )
    assert len(graph) == 5


@pytest.mark.parametrize("spec", ["memory", "rdflib"])
def test_time_limit_stops_a_runaway_query(spec) -> None:
    store = _seeded(spec)
    runaway = (  # 30^5 = 24 million combinations, far past a second on either engine
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?a ?p1 ?b . ?c ?p2 ?d . ?e ?p3 ?f . "
        "?h ?p4 ?i . ?j ?p5 ?k } }"
    )
    started = time.monotonic()
    with pytest.raises(QueryTimeout) as caught:
        run_untrusted_query(store, runaway, timeout_s=1.0)
    assert time.monotonic() - started < 4.0
    assert "1 s" in str(caught.value)


def test_not_a_query_is_one_line() -> None:
    with pytest.raises(QueryRefused) as caught:
        check_untrusted_query("SELECT WHERE {{{ nonsense\n\n more nonsense")
    assert "\n" not in str(caught.value)
    assert caught.value.reason == "syntax"
