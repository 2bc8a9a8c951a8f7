"""Reviewed claims exported as schema.org ClaimReview JSON-LD."""

from __future__ import annotations

from typing import Any

from rdflib import URIRef

from claimgraph.graph.reviews import Review, load_reviews

__all__ = ["claim_reviews", "select"]

_CLAIM = """
PREFIX schema: <https://schema.org/>
SELECT ?text ?article ?title WHERE {
  GRAPH ?g { ?claim schema:text ?text ; schema:isPartOf ?article .
             OPTIONAL { ?article <http://purl.org/dc/terms/title> ?title } }
}"""
_WORK = """
PREFIX schema: <https://schema.org/>
SELECT ?url ?name WHERE {
  GRAPH ?g { OPTIONAL { ?work schema:url ?url } OPTIONAL { ?work schema:name ?name } }
}"""
# A reviewed claim's overall rating: (value 1-3, wording), from the stances people gave.
_RATINGS = {"supports": (3, "Supported"), "disputes": (1, "Disputed"),
            "mixed": (2, "Mixed evidence"), "none": (2, "Unverified")}


def select(store: Any, sparql: str, bindings: dict[str, Any]) -> list[dict[str, Any]]:
    """Rows of a SELECT as dicts, from a claimgraph GraphStore or an rdflib Dataset."""
    if hasattr(store, "replace_graph"):
        return store.query(sparql, bindings).as_dicts()
    result = store.query(sparql, initBindings=bindings)
    return [{str(k): row[k] for k in result.vars if row[k] is not None} for row in result]


def _rating(reviews: list[Review]) -> tuple[int, str]:
    stances = {r.stance for r in reviews}
    if "supports" in stances and "disputes" in stances:
        return _RATINGS["mixed"]
    for stance in ("supports", "disputes"):
        if stance in stances:
            return _RATINGS[stance]
    return _RATINGS["none"]


def claim_reviews(store: Any) -> list[dict[str, Any]]:
    """One ClaimReview per reviewed claim: its text, the article, the sources and the verdict."""
    by_claim: dict[URIRef, list[Review]] = {}
    for review in load_reviews(store).values():
        by_claim.setdefault(review.claim, []).append(review)
    out = []
    for claim, reviews in sorted(by_claim.items()):
        found = select(store, _CLAIM, {"claim": claim})
        text = str(found[0]["text"]) if found else ""
        latest = max(reviews, key=lambda r: r.at)
        value, wording = _rating(reviews)
        review: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "@id": str(claim) + "#review",
            "claimReviewed": text,
            "datePublished": latest.at[:10],
            "author": [{"@type": "Person", "name": n} for n in sorted({r.reviewer for r in reviews})],
            "reviewRating": {"@type": "Rating", "ratingValue": value, "bestRating": 3,
                             "worstRating": 1, "alternateName": wording},
            "itemReviewed": {"@type": "Claim", "@id": str(claim)},
            "citation": [_source(store, r) for r in sorted(reviews, key=lambda r: str(r.work))],
        }
        if found:
            review["itemReviewed"]["appearance"] = {
                "@type": "CreativeWork", "@id": str(found[0]["article"]),
                **({"name": str(found[0]["title"])} if found[0].get("title") else {}),
            }
        notes = [r.note for r in reviews if r.note]
        if notes:
            review["reviewBody"] = " ".join(notes)
        out.append(review)
    return out


def _source(store: Any, review: Review) -> dict[str, Any]:
    rows = select(store, _WORK, {"work": review.work})
    entry: dict[str, Any] = {"@type": "CreativeWork", "@id": str(review.work),
                             "description": f"{review.stance} (reviewed by {review.reviewer})"}
    for row in rows:
        if row.get("url"):
            entry["url"] = str(row["url"])
        if row.get("name"):
            entry["name"] = str(row["name"])
    return entry
