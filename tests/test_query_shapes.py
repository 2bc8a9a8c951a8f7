"""Named queries rewritten for speed answer exactly what their plain shapes answer, per-article
queries answer the same with and without their graph scope, and parallel bulk loads lose nothing.

The plain shapes live in ``tests/fixtures/plain_queries/``; the corpus is the benchmark generator's
(several articles, shared works, evidence, human reviews, orphans, unresolved citations) plus the
audited sample article.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from claimgraph.api import AuditOptions, audit
from claimgraph.errors import StoreError
from claimgraph.graph import store_oxigraph
from claimgraph.graph.queries import bind_params, list_queries, load_query, query_graphs
from claimgraph.graph.store import GraphStore, open_store
from claimgraph.graph.store_oxigraph import OxigraphStore, split_lines

ROOT = Path(__file__).resolve().parents[1]
PLAIN = Path(__file__).resolve().parent / "fixtures" / "plain_queries"
sys.path.insert(0, str(ROOT / "benchmarks"))

from oxigraph_server import oxigraph_server  # noqa: E402, F401  (fixture)
from synthetic import synthetic_corpus  # noqa: E402

from claimgraph.graph.store_sparql import SparqlStore  # noqa: E402


@pytest.fixture(scope="module")
def corpus():
    return synthetic_corpus(30_000, seed=7)


@pytest.fixture(scope="module")
def store(corpus) -> GraphStore:
    store = open_store("memory")
    store.load_nquads(corpus.nquads)
    audit(store=store, options=AuditOptions())  # the sample article, with its evidence
    return store


@pytest.mark.parametrize(
    "name",
    [
        "articles",
        "claims-without-support",
        "disputed-claims",
        "findings-by-kind",
        "single-origin-support",
        "sources-per-domain",
    ],
)
def test_fast_shape_answers_like_the_plain_shape(store: GraphStore, name: str) -> None:
    fast, plain = load_query(name), load_query(PLAIN / f"{name}.rq")
    assert "SELECT ?" in fast.text and fast.text != plain.text
    fast_rows = store.query(fast.text).rows
    plain_rows = store.query(plain.text).rows
    assert sorted(map(repr, fast_rows)) == sorted(map(repr, plain_rows))
    assert fast_rows, f"{name} found nothing to compare on this corpus"


def test_support_and_dispute_counts_and_examples_match_the_plain_stances(store: GraphStore) -> None:
    stances: dict[str, dict[str, set[str]]] = {}
    for work, claim, stance in store.query(load_query(PLAIN / "support-and-dispute.rq").text).rows:
        stances.setdefault(str(work), {}).setdefault(str(stance), set()).add(str(claim))
    expected = {
        work: (len(by["supports"]), len(by["disputes"]))
        for work, by in stances.items()
        if by.get("supports") and by.get("disputes")
    }
    rows = store.query(load_query("support-and-dispute").text).as_dicts()
    assert rows and {r["work"]: (r["supports"], r["disputes"]) for r in rows} == expected
    for row in rows:
        assert row["supported"] in stances[row["work"]]["supports"]
        assert row["disputed"] in stances[row["work"]]["disputes"]
        assert str(row["url"]).startswith("http")


def test_scoped_queries_answer_the_same_with_and_without_the_scope(store: GraphStore, corpus) -> None:
    scoped = [q for q in list_queries() if q.scope == "article"]
    assert {q.name for q in scoped} >= {"claims-with-citations", "orphan-endnotes", "unresolved-citations"}
    articles = [str(r["article"]) for r in store.query(load_query("articles").text).as_dicts()]
    assert len(articles) >= 3
    answered = set()
    for query in scoped:
        for article in articles:
            values = {"article": article}
            if any(p.name == "endnote" for p in query.params):
                values["endnote"] = "3"
            binds = bind_params(query, values)
            graphs = query_graphs(query, values)
            assert graphs and len(graphs) == 1
            with_scope = store.query(query.text, binds, graphs=graphs).rows
            assert sorted(map(repr, with_scope)) == sorted(map(repr, store.query(query.text, binds).rows))
            if with_scope:
                answered.add(query.name)
    assert answered >= {"claims-with-citations", "orphan-endnotes", "unresolved-citations", "endnotes"}


def test_the_embedded_store_really_reads_only_the_scoped_graph(store: GraphStore) -> None:
    query = load_query("claims-with-citations")
    articles = sorted(str(r["article"]) for r in store.query(load_query("articles").text).as_dicts())
    mine, other = {"article": articles[0]}, {"article": articles[1]}
    binds = bind_params(query, mine)
    assert store.query(query.text, binds, graphs=query_graphs(query, mine)).rows
    assert store.query(query.text, binds, graphs=query_graphs(query, other)).rows == []


@pytest.mark.server
def test_an_oxigraph_server_is_sent_the_scope_and_answers_the_same(corpus, oxigraph_server) -> None:  # noqa: F811
    scoped = SparqlStore(oxigraph_server.base_url, send_scope=True)
    plain = SparqlStore(oxigraph_server.base_url)
    scoped.load_nquads(corpus.nquads, no_transaction=True)
    query = load_query("claims-with-citations")
    articles = sorted(str(r["article"]) for r in plain.query(load_query("articles").text).as_dicts())
    mine, other = {"article": articles[0]}, {"article": articles[1]}
    binds = bind_params(query, mine)
    rows = scoped.query(query.text, binds, graphs=query_graphs(query, mine)).rows
    assert rows and sorted(map(repr, rows)) == sorted(map(repr, plain.query(query.text, binds).rows))
    assert scoped.query(query.text, binds, graphs=query_graphs(query, other)).rows == []
    assert plain.query(query.text, binds, graphs=query_graphs(query, other)).rows == rows  # not sent


def test_queries_without_an_article_get_no_scope() -> None:
    query = load_query("findings-for-endnote")
    assert query.scope == "article"
    assert query_graphs(query, {"endnote": "3"}) is None
    assert query_graphs(load_query("articles"), {"article": "x"}) is None


def test_parallel_bulk_load_keeps_every_quad(tmp_path: Path, corpus, monkeypatch) -> None:
    monkeypatch.setattr(store_oxigraph, "PARALLEL_LOAD_BYTES", 1000)
    monkeypatch.setattr(store_oxigraph.os, "cpu_count", lambda: 4)
    parallel = OxigraphStore(tmp_path / "parallel", keep_open=True)
    parallel.load_nquads(corpus.nquads)
    serial = OxigraphStore(None)
    monkeypatch.setattr(store_oxigraph, "PARALLEL_LOAD_BYTES", 10**12)
    serial.load_nquads(corpus.nquads)
    everything = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert sorted(map(repr, parallel.query(everything).rows)) == sorted(
        map(repr, serial.query(everything).rows)
    )
    assert len(parallel.query(everything).rows) == corpus.triples
    parallel.close()


def test_a_bad_line_in_a_later_part_names_where_that_part_starts(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(store_oxigraph, "PARALLEL_LOAD_BYTES", 10)
    monkeypatch.setattr(store_oxigraph.os, "cpu_count", lambda: 2)
    good = b"<http://e.org/s> <http://e.org/p> <http://e.org/o> <http://e.org/g> .\n" * 4
    store = OxigraphStore(tmp_path / "bad", keep_open=True)
    with pytest.raises(StoreError, match=r"bulk load failed: .*part starting at byte \d+"):
        store.load_nquads(good + b"<http://e.org/s> <not an iri> .\n")
    store.close()


def test_split_lines_cuts_only_at_line_ends() -> None:
    data = b"a\nbb\nccc\ndddd\n"
    for parts in (1, 2, 3, 4, 9):
        pieces = split_lines(data, parts)
        assert b"".join(pieces) == data and all(p.endswith(b"\n") for p in pieces)
        assert 1 <= len(pieces) <= parts
    assert split_lines(b"no newline", 3) == [b"no newline"]
    assert split_lines(b"", 2) == []
