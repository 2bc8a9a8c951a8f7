"""The default judge: lexical features combined by a small logistic model fitted on WiCE."""

from __future__ import annotations

from claimgraph.evidence import model_weights
from claimgraph.evidence.features import (
    ClaimTerms,
    negation_conflict,
    number_conflict,
    pair_features,
    rank_passages,
)
from claimgraph.evidence.fit import predict
from claimgraph.evidence.judges import Verdict
from claimgraph.evidence.retrieval import Document
from claimgraph.model import Quote

__all__ = ["LexicalJudge", "SUPPORTS_AT", "MENTIONS_AT", "DISPUTE_FACTOR", "dispute_cue"]

SUPPORTS_AT = 0.5  # support score from which the stance is "supports"
MENTIONS_AT = 0.3  # share of the claim's terms the best passages must hold to be on topic
MENTIONS_TERMS = 3  # ... or this many of its distinct terms
DISPUTE_FACTOR = 0.3  # a disputing passage keeps this share of the support score
DISPUTE_OVERLAP = 0.75  # share of the claim's terms a passage must hold to dispute it


def dispute_cue(claim: ClaimTerms, document: Document, ranked: list[tuple[float, int]]) -> float:
    """The share of the claim a contradicting top passage holds (0 when none contradicts)."""
    for _, index in ranked[:2]:
        share = len(claim.unique.intersection(document.terms[index])) / (len(claim.unique) or 1)
        text = document.passages[index].text
        if share >= DISPUTE_OVERLAP and (
            negation_conflict(claim.text, text) or number_conflict(claim.text, text)
        ):
            return share
    return 0.0


class LexicalJudge:
    """Coverage of the claim's words, numbers and names by the best passages, weighed by a model."""

    name = "lexical"

    def __init__(self, model: dict | None = None) -> None:
        self.model = model or model_weights.MODEL

    def features(
        self, claim: ClaimTerms, document: Document, idf: dict[str, float] | None = None
    ) -> tuple[list[float], list[tuple[float, int]]]:
        """The model's feature row and the ranked passages for one pair."""
        ranked = rank_passages(claim, document, idf)
        values = pair_features(claim, document, ranked, idf)
        return [values[name] for name in self.model["features"]], ranked

    def judge(self, claim: str, document: Document,
              idf: dict[str, float] | None = None) -> Verdict:
        """Rank passages, score support, then read the stance off the score and dispute cues."""
        terms = ClaimTerms.of(claim)
        if not terms.unique or not document.passages:
            return Verdict("unrelated", 1.0, 0.0, [])
        row, ranked = self.features(terms, document, idf)
        support = predict(self.model, row)
        quotes = [_quote(document, index) for _, index in ranked]
        shared = {t for _, i in ranked[:3] for t in document.terms[i]} & terms.unique
        on_topic = len(shared) / len(terms.unique)
        disputed = dispute_cue(terms, document, ranked)
        if disputed:
            confidence = min(0.5 + disputed / 2, 0.95)
            return Verdict("disputes", confidence, support * DISPUTE_FACTOR, quotes)
        if support >= SUPPORTS_AT:
            return Verdict("supports", support, support, quotes)
        if on_topic >= MENTIONS_AT or len(shared) >= MENTIONS_TERMS:
            return Verdict("mentions", 1 - support, support, quotes)
        return Verdict("unrelated", 1 - on_topic, support, quotes)


def _quote(document: Document, index: int) -> Quote:
    passage = document.passages[index]
    return Quote(passage.text, passage.start, passage.end)
