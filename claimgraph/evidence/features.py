"""Lexical features of a (claim, document) pair and the ranking of a document's passages."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from claimgraph.evidence.retrieval import Document
from claimgraph.evidence.text import NEGATIONS, bigrams, content_terms, entities, numbers, tokens

__all__ = ["FEATURES", "ClaimTerms", "rank_passages", "pair_features", "negation_conflict",
           "number_conflict"]

# The features the default judge's model reads, in order.
FEATURES = (
    "coverage_document", "coverage_best", "coverage_top3", "weighted_coverage_top3",
    "missing_terms", "number_coverage", "entity_coverage", "bigram_coverage", "claim_length",
    "bm25_best",
)
_ANTONYMS = {
    ("increase", "decrease"), ("rise", "fall"), ("more", "less"), ("higher", "lower"),
    ("larger", "smaller"), ("before", "after"), ("win", "lose"), ("won", "lost"),
    ("true", "false"), ("support", "oppose"), ("confirm", "deny"), ("alive", "dead"),
    ("success", "failure"), ("accept", "reject"), ("allow", "ban"), ("first", "last"),
}


@dataclass
class ClaimTerms:
    """A claim's text prepared once for many documents."""

    text: str
    terms: list[str]
    unique: set[str]
    numbers: set[str]
    entities: set[str]
    bigrams: set[tuple[str, str]]

    @classmethod
    def of(cls, text: str) -> ClaimTerms:
        """Prepare ``text``."""
        terms = content_terms(text)
        return cls(text, terms, set(terms), numbers(text), entities(text), bigrams(terms))


def _idf(document: Document, idf: dict[str, float] | None) -> dict[str, float]:
    return idf if idf is not None else document.local_idf()


def rank_passages(claim: ClaimTerms, document: Document, idf: dict[str, float] | None = None,
                  k: int = 3) -> list[tuple[float, int]]:
    """The ``k`` passages that cover most of the claim, greedily, as (score, index), best first.

    Each pick is scored by the idf-weighted share of the claim's terms it adds to those already
    picked, so the three quotes together cover the claim rather than repeat one part of it.
    """
    idf = _idf(document, idf)
    weight = {t: max(idf.get(t, 0.0), 0.3) for t in claim.unique}
    total = sum(weight.values()) or 1.0
    candidates = []
    for index, terms in enumerate(document.terms):
        shared = claim.unique.intersection(terms)
        if shared:
            candidates.append((index, shared, len(terms)))
    picked: list[tuple[float, int]] = []
    covered: set[str] = set()
    while candidates and len(picked) < k:
        best = None
        for index, shared, length in candidates:
            gain = sum(weight[t] for t in shared - covered) + 0.25 * sum(weight[t] for t in shared)
            gain = gain / total / (1 + 0.01 * max(length - 30, 0))
            if best is None or gain > best[0]:
                best = (gain, index, shared)
        if best is None or best[0] <= 0:
            break
        picked.append((best[0], best[1]))
        covered |= best[2]
        candidates = [c for c in candidates if c[0] != best[1]]
    return picked


def _coverage(wanted: set, found: set | list) -> float:
    return len(wanted.intersection(found)) / len(wanted) if wanted else 1.0


def pair_features(claim: ClaimTerms, document: Document, ranked: list[tuple[float, int]],
                  idf: dict[str, float] | None = None) -> dict[str, float]:
    """The feature values of one (claim, document) pair given its ranked passages."""
    idf = _idf(document, idf)
    top = [document.terms[i] for _, i in ranked[:3]]
    top_union = {t for ts in top for t in ts}
    weight = {t: max(idf.get(t, 0.0), 0.3) for t in claim.unique}
    total = sum(weight.values()) or 1.0
    doc_bigrams = set()
    for terms in document.terms:
        doc_bigrams |= claim.bigrams.intersection(bigrams(terms)) if claim.bigrams else set()
    best_terms = top[0] if top else []
    best_bm25 = sum(idf.get(t, 0.0) for t in claim.unique.intersection(best_terms))
    return {
        "coverage_document": _coverage(claim.unique, document.vocabulary),
        "coverage_best": _coverage(claim.unique, best_terms),
        "coverage_top3": _coverage(claim.unique, top_union),
        "weighted_coverage_top3": sum(weight[t] for t in claim.unique & top_union) / total,
        "missing_terms": math.log1p(len(claim.unique - document.vocabulary)),
        "number_coverage": _coverage(claim.numbers, document.numbers),
        "entity_coverage": _coverage(claim.entities, document.entities | document.vocabulary),
        "bigram_coverage": _coverage(claim.bigrams, doc_bigrams),
        "claim_length": math.log1p(len(claim.unique)),
        "bm25_best": best_bm25 / (sum(idf.get(t, 0.0) for t in claim.unique) or 1.0),
    }


def negation_conflict(claim_text: str, passage_text: str) -> bool:
    """Whether the passage negates or reverses what the claim states (a dispute cue)."""
    claim_words, passage_words = set(tokens(claim_text)), set(tokens(passage_text))
    if bool(claim_words & NEGATIONS) != bool(passage_words & NEGATIONS):
        return True
    for left, right in _ANTONYMS:
        if (left in claim_words and right in passage_words and right not in claim_words) or (
            right in claim_words and left in passage_words and left not in claim_words
        ):
            return True
    return bool(re.search(r"\b(myth|debunk\w*|hoax|misleading)\b", passage_text, re.I))


def number_conflict(claim_text: str, passage_text: str) -> bool:
    """Whether the passage gives another number of the same shape where the claim has one."""
    claimed, given = numbers(claim_text), numbers(passage_text)
    missing = claimed - given
    if not missing:
        return False
    shapes = {(len(n), "." in n) for n in missing}
    return any((len(n), "." in n) in shapes for n in given - claimed)
