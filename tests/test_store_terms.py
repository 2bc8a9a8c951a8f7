"""Store specs, term serialisation and parameter binding, without any store running."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Literal, URIRef

from claimgraph.errors import QueryError, StoreError
from claimgraph.graph.store import DEFAULT_STORE_DIR, QueryResult, open_store
from claimgraph.graph.store_memory import RdflibStore
from claimgraph.graph.store_oxigraph import OxigraphStore
from claimgraph.graph.store_sparql import SparqlStore, parse_json_results
from claimgraph.graph.store_terms import bind_as_values, outer_group_start, term_text

XSD_INT = URIRef("http://www.w3.org/2001/XMLSchema#integer")


def test_specs_pick_the_backend(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CLAIMGRAPH_STORE", raising=False)
    default = open_store()
    assert isinstance(default, OxigraphStore) and default.path == DEFAULT_STORE_DIR
    assert (tmp_path / DEFAULT_STORE_DIR).is_dir()
    monkeypatch.setenv("CLAIMGRAPH_STORE", str(tmp_path / "elsewhere"))
    assert open_store().path == tmp_path / "elsewhere"
    assert isinstance(open_store("memory"), OxigraphStore)
    assert open_store("memory").path is None
    assert isinstance(open_store("rdflib"), RdflibStore)
    assert isinstance(open_store("memory:rdflib"), RdflibStore)
    with pytest.raises(StoreError):
        open_store("  ")


def test_sparql_endpoints_default_to_oxigraph_layout_and_can_be_set(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("QUERY", "UPDATE", "STORE"):
        monkeypatch.delenv(f"CLAIMGRAPH_SPARQL_{name}", raising=False)
    store = open_store("http://127.0.0.1:9/base/")
    assert isinstance(store, SparqlStore)
    assert (store.query_url, store.update_url, store.store_url) == (
        "http://127.0.0.1:9/base/query",
        "http://127.0.0.1:9/base/update",
        "http://127.0.0.1:9/base/store",
    )
    monkeypatch.setenv("CLAIMGRAPH_SPARQL_QUERY", "http://127.0.0.1:9/ds/sparql")
    monkeypatch.setenv("CLAIMGRAPH_SPARQL_STORE", "none")
    fuseki = open_store("http://127.0.0.1:9/ds", update_endpoint="http://127.0.0.1:9/ds/u")
    assert fuseki.query_url == "http://127.0.0.1:9/ds/sparql"
    assert fuseki.update_url == "http://127.0.0.1:9/ds/u"
    assert fuseki.store_url is None


def test_an_unreachable_server_says_what_to_do() -> None:
    store = SparqlStore("http://127.0.0.1:9", timeout=2)
    with pytest.raises(StoreError, match="cannot reach"):
        store.graph_names()


def test_terms_are_escaped_into_single_tokens() -> None:
    assert term_text(Literal('a "b"\n\\c')) == '"a \\"b\\"\\n\\\\c"'
    assert term_text(Literal("x", lang="en-GB")) == '"x"@en-GB'
    assert term_text(Literal(5)) == f'"5"^^<{XSD_INT}>'
    assert term_text(URIRef("https://e.org/a#b")) == "<https://e.org/a#b>"
    assert term_text(BNode("b1")) == "_:b1"
    assert term_text(Literal("\x00\x1f")) == '"\\u0000\\u001F"'
    for bad in (URIRef("http://e.org/a b"), URIRef("http://e.org/>"), URIRef('x"y')):
        with pytest.raises(QueryError):
            term_text(bad)


def test_values_go_first_in_the_outer_group_past_comments_strings_and_iris() -> None:
    query = (
        "# header with { a brace\n"
        'PREFIX ex: <https://e.org/ns#> SELECT ?s FROM <https://e.org/g> WHERE { ?s ex:p "{" . '
        "{ SELECT ?s WHERE { ?s ?p ?o } } }"
    )
    at = outer_group_start(query)
    assert query[at - 1] == "{"
    assert query[:at].endswith("WHERE {")  # the '#' in the IRI did not start a comment
    bound = bind_as_values("SELECT ?s WHERE { ?s ?p ?o }", {"o": Literal("}")})
    assert bound == 'SELECT ?s WHERE { VALUES (?o) { ("}") }  ?s ?p ?o }'
    with pytest.raises(QueryError):
        outer_group_start("SELECT ?s")


def test_json_results_become_terms() -> None:
    document = {
        "head": {"vars": ["a", "b", "c", "d"]},
        "results": {
            "bindings": [
                {
                    "a": {"type": "uri", "value": "https://e.org/x"},
                    "b": {"type": "literal", "value": "7", "datatype": str(XSD_INT)},
                    "c": {"type": "literal", "value": "hi", "xml:lang": "en"},
                }
            ]
        },
    }
    result = parse_json_results(document)
    assert result == QueryResult(
        ["a", "b", "c", "d"],
        [(URIRef("https://e.org/x"), Literal(7), Literal("hi", lang="en"), None)],
    )
    assert result.as_dicts() == [{"a": "https://e.org/x", "b": 7, "c": "hi", "d": None}]
    assert parse_json_results({"head": {}, "boolean": True}).boolean is True


@pytest.mark.parametrize("text", ["", "plain", "01", "é ∑ 😀", 'say "hi"\nnext line', "  padded  ", "true"])
def test_plain_literals_from_the_store_behave_like_rdflib_literals(text: str) -> None:
    from claimgraph.graph.store_terms import from_oxigraph, plain_literal

    expected = Literal(text)
    for made in (plain_literal(text), from_oxigraph(ox.Literal(text))):
        assert type(made) is Literal
        assert made == expected and made.eq(expected) and hash(made) == hash(expected)
        assert repr(made) == repr(expected) and made.n3() == expected.n3()
        assert made.value == expected.value and made.toPython() == expected.toPython()
        assert made.datatype is None and made.language is None
        assert made != Literal(text, lang="en") and made != Literal(
            text, datatype=URIRef("http://www.w3.org/2001/XMLSchema#string")
        )
        assert {made: 1}[expected] == 1
