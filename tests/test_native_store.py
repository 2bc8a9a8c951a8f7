"""The rdflib store over pyoxigraph that article graphs live in (``graph/native_store.py``)."""

from __future__ import annotations

import subprocess
import sys

import pyoxigraph as ox
from hypothesis import given
from hypothesis import strategies as st
from rdflib import BNode, Graph, Literal, URIRef

from claimgraph.graph.native_store import inner_store
from claimgraph.graph.ntriples import (
    TripleLines,
    load_lines,
    native_serialize,
    new_graph,
    ntriples,
    plain_graph,
    text,
)

EX = "http://example.org/"
S, P, Q = URIRef(EX + "s"), URIRef(EX + "p"), URIRef(EX + "q")
XSD_STRING = URIRef("http://www.w3.org/2001/XMLSchema#string")


def test_add_match_set_and_remove_behave_as_an_rdflib_graph():
    graph = new_graph(URIRef(EX + "graph"))
    graph.add((S, P, Literal("one")))
    graph.add((S, P, Literal("two", lang="en")))
    graph.add((S, Q, Literal(3)))
    assert len(graph) == 3
    assert set(graph.objects(S, P)) == {Literal("one", datatype=XSD_STRING), Literal("two", lang="en")}
    assert graph.value(S, Q) == Literal(3)
    graph.set((S, Q, Literal(4)))
    assert list(graph.objects(S, Q)) == [Literal(4)]
    graph.remove((S, P, None))
    assert len(graph) == 1 and (S, Q, Literal(4)) in graph
    assert (Literal("x"), P, S) not in graph  # a pattern no triple can match is simply empty


def test_lines_load_into_the_named_graph_and_dump_back():
    graph = new_graph(URIRef(EX + "graph"))
    lines = TripleLines()
    lines.add(f"<{S}>", f"<{P}>", '"a \\"quoted\\" value"')
    lines.add(f"<{S}>", f"<{Q}>", "_:b0")
    load_lines(graph, lines)
    inner = inner_store(graph)
    assert inner is not None and [g.value for g in inner.named_graphs()] == [EX + "graph"]
    assert len(graph) == 2 and isinstance(graph.value(S, Q), BNode)
    assert sorted(ntriples(graph).splitlines())[0].startswith(f"<{S}> <{P}> \"a \\\"quoted")


def test_a_graph_without_a_name_keeps_its_triples_apart():
    first, second = new_graph(), new_graph()
    first.add((S, P, Q))
    assert len(first) == 1 and len(second) == 0
    assert [line for line in ntriples(first).splitlines() if line] == [f"<{S}> <{P}> <{Q}> ."]


def test_native_turtle_uses_the_graphs_prefixes_and_plain_copy_keeps_plain_literals():
    graph = new_graph(URIRef(EX + "graph"))
    graph.bind("ex", EX)
    graph.add((S, P, Literal("text")))
    turtle = native_serialize(graph, "turtle")
    assert turtle is not None and "@prefix ex:" in turtle and "ex:s" in turtle
    assert native_serialize(graph, "json-ld") is None
    assert native_serialize(Graph(), "turtle") is None  # not in Oxigraph: the caller serialises
    copy = plain_graph(graph)
    assert not isinstance(copy.store, type(graph.store)) and copy.value(S, P) == Literal("text")


def test_rdflib_answers_a_query_text_itself():
    graph = new_graph(URIRef(EX + "graph"))
    graph.add((S, P, Literal("v")))
    rows = list(graph.query(f"SELECT ?o WHERE {{ <{S}> ?p ?o }}"))
    assert [str(row[0]) for row in rows] == ["v"]
    assert isinstance(inner_store(graph), ox.Store)


def test_offline_audit_builds_no_sparql_parser_and_loads_no_requests(tmp_path):
    """The offline sample audit hands every query to Oxigraph as text (the timing is a benchmark)."""
    code = ("import sys; from claimgraph.cli import main; "
            "code = main(['audit', '--store', 'none', '--format', 'json']); "
            "print(sorted(m for m in sys.modules if m.startswith(('rdflib.plugins.sparql', 'requests', "
            "'pyparsing', 'oxrdflib'))), file=sys.stderr); sys.exit(code)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout.lstrip().startswith("{")  # the report was written
    assert done.stderr.strip().splitlines()[-1] == "[]"


@given(st.text())
def test_escaped_text_reads_back_as_the_same_literal(value: str) -> None:
    """Whatever the characters, the escaped literal parses back to the string it came from."""
    literal = text(value)
    parsed = next(iter(ox.parse(f"<{S}> <{P}> {literal} .\n".encode(), format=ox.RdfFormat.N_TRIPLES)))
    assert parsed.object.value == value
