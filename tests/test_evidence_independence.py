"""The derivation graph, independent origins of support, and claim-to-claim relations."""

from __future__ import annotations

from claimgraph.evidence.independence import derivation_graph, independent_origins, origin_of
from claimgraph.evidence.relations import carry_evidence, claim_relations
from claimgraph.graph.evidence import add_relation_triples
from claimgraph.graph.vocab import CG, claim_iri
from claimgraph.model import Evidence, Source, SourceMetadata

REPORT = (
    "The city council voted on Tuesday to build a new bridge across the river, at a cost "
    "of forty million dollars, with work starting next spring and ending in two years."
)


def _source(url, text, published="2024-01-01", title=None, authors=()):
    return Source(
        url=url, text=text, metadata=SourceMetadata(published=published, title=title, authors=list(authors))
    )


def _sources():
    return [
        _source("https://wire.example/bridge", REPORT, "2024-01-01"),
        _source("https://paper.example/bridge-copy", "Local news. " + REPORT, "2024-01-02"),
        _source(
            "https://blog.example/post",
            "As https://wire.example/bridge says, the council acted.",
            "2024-01-03",
        ),
        _source(
            "https://quoter.example/a",
            "Residents reacted. The council voted on Tuesday to "
            "build a new bridge across the river, at a cost of forty million dollars, "
            "people said.",
            "2024-01-05",
        ),
        _source(
            "https://alice.example/essay",
            "Bridges and budgets, an essay on spending.",
            title="Why the bridge budget matters",
            authors=["Alice Smith"],
        ),
        _source(
            "https://medium.example/essay",
            "Reposted: bridges and budgets, on spending.",
            title="Why the bridge budget matters",
            authors=["Alice Smith"],
        ),
        _source(
            "https://independent.example/study",
            "Our own survey of the river found the council plans a bridge.",
            "2024-02-01",
        ),
    ]


def test_edges_of_each_kind() -> None:
    graph = derivation_graph(_sources())
    kinds = {(a, b): data["kind"] for a, b, data in graph.edges(data=True)}
    assert kinds[("https://blog.example/post", "https://wire.example/bridge")] == "links"
    assert kinds[("https://paper.example/bridge-copy", "https://wire.example/bridge")] == "syndicated"
    assert kinds[("https://quoter.example/a", "https://wire.example/bridge")] == "quotes"
    assert kinds[("https://alice.example/essay", "https://medium.example/essay")] == "crosspost"
    assert graph.degree("https://independent.example/study") == 0


def test_independent_origins_count_families_not_citations() -> None:
    graph = derivation_graph(_sources())
    origin = origin_of(graph)
    assert origin["https://quoter.example/a"] == "https://wire.example/bridge"
    evidence = [Evidence("c1", s.url, "supports", 0.9, 0.9) for s in _sources()]
    evidence.append(Evidence("c2", "https://wire.example/bridge", "supports", 0.9, 0.9))
    evidence.append(Evidence("c2", "https://independent.example/study", "disputes", 0.9, 0.1))
    counts = independent_origins(evidence, graph)
    assert counts == {"c1": 3, "c2": 1}


def test_relations_restate_and_contradict_within_and_across_articles() -> None:
    claims = [
        ("a1", "c1", "The council voted to build a new bridge across the river in 2024."),
        ("a2", "x9", "In 2024 the council voted to build a new bridge across the river."),
        ("a2", "x10", "The council did not vote to build a new bridge across the river."),
        ("a1", "c2", "Cats are popular pets in many countries."),
    ]
    relations = {(r.left, r.right): r.kind for r in claim_relations(claims)}
    assert relations[(("a1", "c1"), ("a2", "x9"))] == "restates"
    assert relations[(("a1", "c1"), ("a2", "x10"))] == "contradicts"
    assert all("c2" not in (left[1], right[1]) for left, right in relations)


def test_support_for_one_claim_is_shown_against_the_other() -> None:
    claims = [
        ("a1", "c1", "The council voted to build a new bridge across the river."),
        ("a1", "c2", "The council did not vote to build a new bridge across the river."),
        ("a1", "c3", "A new bridge across the river was voted by the council."),
    ]
    evidence = [Evidence("c1", "https://wire.example/bridge", "supports", 0.9, 0.9)]
    carried = carry_evidence(evidence, claim_relations(claims), "a1")
    stances = {e.claim: e.stance for e in carried}
    assert stances == {"c2": "disputes", "c3": "supports"}
    assert all(not e.cited and "+" in e.judge for e in carried)


def test_relations_become_triples() -> None:
    from rdflib import Graph

    claims = [
        ("a1", "c1", "The council voted to build a new bridge across the river."),
        ("a2", "c7", "The council did not vote to build a new bridge across the river."),
    ]
    graph = Graph()
    add_relation_triples(graph, claim_relations(claims))
    assert (claim_iri("a1", "c1"), CG.contradicts, claim_iri("a2", "c7")) in graph
    assert len(set(graph.subjects(None, CG.ClaimRelation))) == 1
