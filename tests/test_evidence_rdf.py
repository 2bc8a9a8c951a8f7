"""Evidence triples, the four named queries, human review overriding verdicts, ClaimReview.

Verdicts come from the lexical judge (pinned): these tests check the graph and the queries.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from evidence_sample import sample_article, sample_sources
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.namespace import RDF

from claimgraph.evidence import judge_article, source_origins
from claimgraph.graph.claimreview import claim_reviews
from claimgraph.graph.evidence import add_evidence_triples, evidence_work
from claimgraph.graph.ntriples import plain_graph
from claimgraph.graph.reviews import apply_reviews, load_reviews, record_review
from claimgraph.graph.triples import build_article_graph
from claimgraph.graph.vocab import CG, CITO, OA, claim_iri, graph_iri, review_graph_iri
from claimgraph.model import Source

QUERIES = Path(__file__).resolve().parents[1] / "queries"
ARTICLE = sample_article()
SOURCES = sample_sources()
# A sixth source: a copy of endnote 3, so claim c2 has two supporting sources of one origin.
COPY = Source(url="https://mirror.example/eiffel-facts", text=SOURCES[3].text)


def _article_graph(evidence):
    graph = build_article_graph(ARTICLE, [])
    origins = source_origins(SOURCES, [COPY])
    add_evidence_triples(graph, ARTICLE.id, ARTICLE, evidence, origins=origins)
    return graph


@pytest.fixture(scope="module")
def evidence():
    return judge_article(ARTICLE, SOURCES, extra_sources=[COPY], judge="lexical")


def _dataset(graph) -> Dataset:
    dataset = Dataset()
    context = dataset.graph(graph_iri(ARTICLE.id))
    for triple in plain_graph(graph):  # rdflib's engine tells "x" from "x"^^xsd:string
        context.add(triple)
    return dataset


def _run(dataset: Dataset, name: str) -> list[dict]:
    result = dataset.query((QUERIES / f"{name}.rq").read_text())
    return [{str(k): str(row[k]) for k in result.vars if row[k] is not None} for row in result]


def test_triples_use_cito_and_web_annotation_without_blank_nodes(evidence) -> None:
    graph = _article_graph(evidence)
    assert not any(isinstance(term, BNode) for triple in graph for term in triple)
    c1 = claim_iri(ARTICLE.id, "c1")
    work1 = evidence_work(ARTICLE, ARTICLE.id, next(e for e in evidence if e.endnote == 1))
    assert (work1, CITO.supports, c1) in graph
    assert (c1, CITO.citesAsEvidence, work1) in graph
    c3 = claim_iri(ARTICLE.id, "c3")
    assert any(graph.triples((None, CITO.disputes, c3)))

    def ours(kind):
        return {s for s in graph.subjects(RDF.type, kind) if "/evidence/" in str(s)}

    selectors, positions = ours(OA.TextQuoteSelector), ours(OA.TextPositionSelector)
    assert selectors and len(selectors) == len(positions)
    item = next(e for e in evidence if e.endnote == 1)
    quote = item.quotes[0]
    target = next(t for t in graph.objects(None, OA.hasTarget) if (t, OA.hasSource, work1) in graph)
    exact = next(graph.objects(URIRef(f"{target}/quote"), OA.exact))
    assert str(exact) == quote.text
    assert (URIRef(f"{target}/position"), OA.start, Literal(quote.start)) in graph
    assert any(graph.triples((None, RDF.type, CG.Evidence)))


def test_named_queries_on_the_evidence_graph(evidence) -> None:
    dataset = _dataset(_article_graph(evidence))
    unsupported = {row["claim"] for row in _run(dataset, "claims-without-support")}
    assert unsupported == {"c3"}
    disputed = _run(dataset, "disputed-claims")
    assert [(row["claim"], row["url"]) for row in disputed] == [("c3", "https://example.org/coffee-heart")]
    single = {row["claim"]: row for row in _run(dataset, "single-origin-support")}
    assert "c2" in single and single["c2"]["sources"] == "2"  # endnote 3 and its mirror
    assert _run(dataset, "support-and-dispute") == []


def test_each_query_file_has_a_header() -> None:
    for name in ("claims-without-support", "disputed-claims", "single-origin-support", "support-and-dispute"):
        text = (QUERIES / f"{name}.rq").read_text()
        assert text.startswith(f"# name: {name}\n") and "# columns:" in text
        assert "GRAPH ?g" in text and "NOT EXISTS" not in text


def test_review_overrides_and_survives_reingest(evidence) -> None:
    from claimgraph.graph.store import open_store

    store = open_store("memory")
    store.replace_graph(graph_iri(ARTICLE.id), _article_graph(evidence))
    c1 = claim_iri(ARTICLE.id, "c1")
    work5 = evidence_work(ARTICLE, ARTICLE.id, next(e for e in evidence if e.endnote == 5))
    work1 = evidence_work(ARTICLE, ARTICLE.id, next(e for e in evidence if e.endnote == 1))
    record_review(store, c1, work1, "supports", "Ada", at="2025-01-01T10:00:00+00:00")
    record_review(
        store,
        c1,
        work1,
        "disputes",
        "Ada Lovelace",
        note="The month is wrong.",
        at="2025-01-02T10:00:00+00:00",
    )  # replaces the first review of this pair
    record_review(store, c1, work5, "supports", "Grace", at="2025-01-03T10:00:00+00:00")

    def rows(name):
        text = (QUERIES / f"{name}.rq").read_text()
        return [{k: str(v) for k, v in row.items() if v is not None} for row in store.query(text).as_dicts()]

    def check():
        disputed = {(r["claim"], r.get("reviewer")) for r in rows("disputed-claims")}
        assert ("c1", "Ada Lovelace") in disputed
        both = rows("support-and-dispute")
        assert not both  # work1 disputes c1 and supports nothing else
        assert "c1" not in {r["claim"] for r in rows("claims-without-support")}  # Grace

    check()
    fresh = judge_article(ARTICLE, SOURCES, extra_sources=[COPY], judge="lexical")
    store.replace_graph(graph_iri(ARTICLE.id), _article_graph(fresh))  # re-ingest
    assert len(store.graph(review_graph_iri())) > 0
    check()
    reviews = load_reviews(store)
    assert len(reviews) == 2
    applied = apply_reviews(ARTICLE, ARTICLE.id, fresh, reviews)
    first = next(e for e in applied if e.claim == "c1" and e.endnote == 1)
    assert (first.stance, first.reviewed_by, first.support) == ("disputes", "Ada Lovelace", 0.0)
    assert first.reviewed_at.startswith("2025-01-02")


def test_claimreview_export_on_an_rdflib_dataset(evidence) -> None:
    dataset = _dataset(_article_graph(evidence))
    c3 = claim_iri(ARTICLE.id, "c3")
    work4 = evidence_work(ARTICLE, ARTICLE.id, next(e for e in evidence if e.endnote == 4))
    record_review(
        dataset,
        c3,
        work4,
        "disputes",
        "Ada",
        note="Source says the opposite.",
        at="2025-03-04T05:06:07+00:00",
    )
    assert _run(dataset, "disputed-claims")[0]["reviewer"] == "Ada"
    [review] = claim_reviews(dataset)
    assert review["@type"] == "ClaimReview" and review["@context"] == "https://schema.org"
    assert review["claimReviewed"].startswith("Drinking coffee does not raise")
    assert review["reviewRating"]["alternateName"] == "Disputed"
    assert review["author"] == [{"@type": "Person", "name": "Ada"}]
    assert review["datePublished"] == "2025-03-04"
    assert review["citation"][0]["url"] == "https://example.org/coffee-heart"
    assert review["itemReviewed"]["appearance"]["name"] == "Towers and coffee"
    assert isinstance(URIRef(review["itemReviewed"]["@id"]), URIRef)
