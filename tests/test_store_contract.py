"""Every backend behind open_store() keeps the same contract: named graphs in, bound SPARQL out."""

from __future__ import annotations

import pytest
import rdflib
from oxigraph_server import oxigraph_server  # noqa: F401  (fixture)
from rdflib import Literal, URIRef
from rdflib.namespace import RDF

from claimgraph.errors import QueryError
from claimgraph.graph.store import GraphStore, QueryResult, open_store

EX = rdflib.Namespace("https://example.org/")
G1 = URIRef("https://w3id.org/claimgraph/id/graph/one")
G2 = URIRef("https://w3id.org/claimgraph/id/graph/two")
XSD_INTEGER = URIRef("http://www.w3.org/2001/XMLSchema#integer")

HOSTILE = [
    'a "quoted" word',
    'x" } ; DROP ALL ; SELECT * WHERE { ?s ?p "',
    "line one\nline two\r\n\ttabbed",
    "back\\slash and \\u0022 escape",
    "}}}}{{{ <http://evil/> # comment",
    "'''triple''' \"\"\"quotes\"\"\"",
    "unicode é ☃ 𝄞",
]


def _claims(texts: list[str], prefix: str = "c") -> rdflib.Graph:
    graph = rdflib.Graph()
    for number, text in enumerate(texts):
        claim = EX[f"{prefix}{number}"]
        graph.add((claim, RDF.type, EX.Claim))
        graph.add((claim, EX.text, Literal(text)))
        graph.add((claim, EX.position, Literal(number)))
    return graph


@pytest.fixture(
    params=[
        "memory",
        "directory",
        "rdflib",
        pytest.param("server", marks=pytest.mark.server),
        pytest.param("server-without-graph-store", marks=pytest.mark.server),
    ]
)
def store(request, tmp_path) -> GraphStore:
    """One store per backend."""
    if request.param == "memory":
        opened = open_store("memory")
    elif request.param == "directory":
        opened = open_store(str(tmp_path / "store"))
    elif request.param == "rdflib":
        opened = open_store("rdflib")
    else:
        server = request.getfixturevalue("oxigraph_server")
        options = {"store_endpoint": "none"} if request.param.endswith("graph-store") else {}
        opened = open_store(server.base_url, **options)
    yield opened
    opened.close()


def test_replace_then_read_back(store: GraphStore) -> None:
    graph = _claims(["first", "second"])
    store.replace_graph(G1, graph)
    assert store.graph_names() == [G1]
    back = store.graph(G1)
    assert set(back) == set(graph)


def test_replace_swaps_the_whole_graph_and_leaves_others(store: GraphStore) -> None:
    store.replace_graph(G1, _claims(["old one", "old two", "old three"]))
    store.replace_graph(G2, _claims(["other"], prefix="o"))
    store.replace_graph(G1, _claims(["new"]))
    texts = {str(o) for _, _, o in store.graph(G1).triples((None, EX.text, None))}
    assert texts == {"new"}
    assert len(store.graph(G2)) == 3
    assert store.graph_names() == sorted([G1, G2])


def test_remove_graph_and_absent_graphs(store: GraphStore) -> None:
    store.replace_graph(G1, _claims(["x"]))
    store.remove_graph(G1)
    store.remove_graph(G2)  # absent: no error
    assert store.graph_names() == []
    assert len(store.graph(G1)) == 0


def test_query_with_bindings_returns_terms_and_python_values(store: GraphStore) -> None:
    store.replace_graph(G1, _claims(["alpha", "beta"]))
    store.replace_graph(G2, _claims(["alpha"], prefix="o"))
    sparql = """
        PREFIX ex: <https://example.org/>
        SELECT ?g ?claim ?position WHERE {
          GRAPH ?g { ?claim ex:text ?text ; ex:position ?position }
        } ORDER BY ?g ?claim
    """
    result = store.query(sparql, {"text": Literal("alpha")})
    assert isinstance(result, QueryResult)
    assert result.variables == ["g", "claim", "position"]
    assert result.rows == [
        (G1, EX.c0, Literal(0, datatype=XSD_INTEGER)),
        (G2, EX.o0, Literal(0, datatype=XSD_INTEGER)),
    ]
    assert result.as_dicts()[0] == {"g": str(G1), "claim": str(EX.c0), "position": 0}
    only_g2 = store.query(sparql, {"?text": "alpha", "g": G2})
    assert [row[1] for row in only_g2.rows] == [EX.o0]


def test_unbound_values_are_none_and_ask_answers(store: GraphStore) -> None:
    store.replace_graph(G1, _claims(["alpha"]))
    result = store.query(
        "SELECT ?claim ?missing WHERE { GRAPH ?g { ?claim <https://example.org/text> ?t "
        "OPTIONAL { ?claim <https://example.org/nothing> ?missing } } }"
    )
    assert result.rows == [(EX.c0, None)]
    assert result.as_dicts() == [{"claim": str(EX.c0), "missing": None}]
    ask = "ASK { GRAPH ?g { ?c <https://example.org/text> ?t } }"
    assert store.query(ask, {"t": "alpha"}).boolean is True
    assert store.query(ask, {"t": "gamma"}).boolean is False
    assert store.query(ask, {"t": "alpha"}) and not store.query(ask, {"t": "gamma"})


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_strings_are_bound_not_injected(store: GraphStore, hostile: str) -> None:
    store.replace_graph(G1, _claims([hostile, "innocent"]))
    sparql = "SELECT ?claim ?text WHERE { GRAPH ?g { ?claim <https://example.org/text> ?text } }"
    result = store.query(sparql, {"text": Literal(hostile)})
    assert result.rows == [(EX.c0, Literal(hostile))]
    # The round trip kept the exact characters, and nothing else was touched.
    assert Literal(hostile) in set(store.graph(G1).objects(None, EX.text))
    assert store.graph_names() == [G1]
    assert store.query(sparql, {"text": Literal(hostile + "x")}).rows == []


def test_bad_variable_names_and_bad_iris_are_refused(store: GraphStore) -> None:
    sparql = "SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } }"
    with pytest.raises(QueryError):
        store.query(sparql, {"o } . ?x": Literal(1)})
    with pytest.raises(QueryError):
        store.query(sparql, {"s": URIRef("http://evil/> } <x")})


def test_syntax_errors_raise_query_error(store: GraphStore) -> None:
    with pytest.raises(QueryError):
        store.query("SELECT ?s WHERE { GRAPH ?g { ?s ?p } ")


def test_replacing_with_blank_nodes_and_with_the_same_graph(store: GraphStore) -> None:
    graph = _claims(["first", "second"])
    anchor = rdflib.BNode()
    graph.add((EX.c0, EX.anchor, anchor))
    graph.add((anchor, EX.start, Literal(3)))
    store.replace_graph(G1, graph)
    store.replace_graph(G1, graph)  # again: still one copy, not two
    back = store.graph(G1)
    assert len(back) == len(graph) == 8
    assert len(set(back.objects(EX.c0, EX.anchor))) == 1
    plain = _claims(["first", "second"])
    store.replace_graph(G1, plain)
    store.replace_graph(G1, plain)
    assert set(store.graph(G1)) == set(plain)
