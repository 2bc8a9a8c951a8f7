"""Human review as triples: a person's verdict on a (claim, source) pair, in its own named graph.

Reviews live in ``vocab.review_graph_iri()``, keyed by the evidence IRI (claim IRI + work IRI),
so re-ingesting an article (which replaces only the article's graph) leaves them in place, and
they override the automatic verdict wherever evidence is read: ``apply_reviews`` in Python, an
``OPTIONAL`` on the review graph in the named queries. Who and when are recorded with PROV.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, XSD

from claimgraph.errors import InputError
from claimgraph.evidence.judges import STANCES
from claimgraph.graph.evidence import evidence_work
from claimgraph.graph.vocab import CG, ID, SCHEMA, bind_prefixes, claim_iri, evidence_iri
from claimgraph.graph.vocab import review_graph_iri as _review_graph
from claimgraph.model import Article, Evidence

__all__ = ["Review", "record_review", "load_reviews", "apply_reviews", "review_iri",
           "agent_iri"]


@dataclass
class Review:
    """A person's verdict on one (claim, work) pair."""

    claim: URIRef
    work: URIRef
    stance: str
    reviewer: str
    at: str
    note: str = ""


def review_iri(evidence: URIRef) -> URIRef:
    """The one current review of an evidence pair."""
    return ID[f"review/{hashlib.sha1(str(evidence).encode()).hexdigest()[:16]}"]


def agent_iri(name: str) -> URIRef:
    """A reviewer as a PROV agent."""
    return ID[f"agent/{quote(name.strip().lower(), safe='')}"]


def _read(store: Any) -> Graph:
    graph = Graph()
    bind_prefixes(graph)
    for triple in store.graph(_review_graph()):
        graph.add(triple)
    return graph


def _write(store: Any, graph: Graph) -> None:
    if hasattr(store, "replace_graph"):  # a claimgraph GraphStore
        store.replace_graph(_review_graph(), graph)
        return
    target = store.graph(_review_graph())  # an rdflib Dataset: edit its context in place
    target.remove((None, None, None))
    for triple in graph:
        target.add(triple)


def record_review(store: Any, claim: URIRef, work: URIRef, stance: str, reviewer: str, *,
                  note: str = "", at: str | None = None) -> URIRef:
    """Store (or replace) a reviewer's stance on a (claim, work) pair; returns the review IRI."""
    if stance not in STANCES:
        raise InputError(f"unknown stance {stance!r}; choose one of: {', '.join(STANCES)}")
    if not reviewer.strip():
        raise InputError("a review needs the reviewer's name")
    at = at or datetime.now(UTC).replace(microsecond=0).isoformat()
    evidence = evidence_iri(claim, work)
    r, agent = review_iri(evidence), agent_iri(reviewer)
    graph = _read(store)
    graph.remove((r, None, None))
    graph.add((r, RDF.type, CG.Review))
    graph.add((r, RDF.type, PROV.Entity))
    graph.add((r, CG.reviewOf, evidence))
    graph.add((r, CG.claim, claim))
    graph.add((r, CG.work, work))
    graph.add((r, CG.stance, Literal(stance)))
    graph.add((r, PROV.wasAttributedTo, agent))
    graph.add((r, PROV.generatedAtTime, Literal(at, datatype=XSD.dateTime)))
    if note:
        graph.add((r, SCHEMA.reviewBody, Literal(note)))
    graph.add((agent, RDF.type, PROV.Agent))
    graph.add((agent, RDFS.label, Literal(reviewer.strip())))
    _write(store, graph)
    return r


def load_reviews(store: Any) -> dict[URIRef, Review]:
    """Every stored review, keyed by the evidence IRI it overrides."""
    graph = _read(store)
    reviews = {}
    for r in graph.subjects(RDF.type, CG.Review):
        agent = graph.value(r, PROV.wasAttributedTo)
        reviews[graph.value(r, CG.reviewOf)] = Review(
            claim=graph.value(r, CG.claim), work=graph.value(r, CG.work),
            stance=str(graph.value(r, CG.stance)),
            reviewer=str(graph.value(agent, RDFS.label) or agent),
            at=str(graph.value(r, PROV.generatedAtTime)),
            note=str(graph.value(r, SCHEMA.reviewBody) or ""),
        )
    return reviews


def apply_reviews(article: Article, article_id: str, evidence: list[Evidence],
                  reviews: dict[URIRef, Review]) -> list[Evidence]:
    """The evidence with reviewed pairs' stance replaced by the person's (in place, returned)."""
    for item in evidence:
        key = evidence_iri(claim_iri(article_id, item.claim),
                           evidence_work(article, article_id, item))
        review = reviews.get(key)
        if review is None:
            continue
        item.stance, item.score = review.stance, 1.0
        item.support = {"supports": 1.0, "disputes": 0.0}.get(review.stance, item.support)
        item.reviewed_by, item.reviewed_at = review.reviewer, review.at
    return evidence
