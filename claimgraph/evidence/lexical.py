"""The default judge: lexical features combined by a small logistic model fitted on WiCE."""

from __future__ import annotations

from claimgraph.evidence import model_weights
from claimgraph.evidence.contradiction import RESTATES_AT, antonym_flip
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
from claimgraph.evidence.text import NEGATIONS, tokens
from claimgraph.model import Quote

__all__ = ["LexicalJudge", "SUPPORTS_AT", "MENTIONS_AT", "DISPUTE_FACTOR", "dispute_cue"]

SUPPORTS_AT = 0.5  # support score from which the stance is "supports"
MENTIONS_AT = 0.3  # share of the claim's terms the best passages must hold to be on topic
MENTIONS_TERMS = 3  # ... or this many of its distinct terms
DISPUTE_FACTOR = 0.3  # a disputing passage keeps this share of the support score
DISPUTE_OVERLAP = 0.75  # share of the claim's terms a passage must hold to dispute it
NEGATION_SCOPE = 2  # words after a negation it is taken to govern


def dispute_cue(claim: ClaimTerms, document: Document, ranked: list[tuple[float, int]]) -> float:
    """The share of the claim a contradicting top passage holds (0 when none contradicts).

    A top passage contradicts when it holds ``DISPUTE_OVERLAP`` of the claim's terms and
    negates, reverses or renumbers it, or when it holds ``RESTATES_AT`` of them and flips it
    (``_flips``: an antonym in any inflection, a number, a negation scoped over a claim term).
    """
    for _, index in ranked[:2]:
        share = len(claim.unique.intersection(document.terms[index])) / (len(claim.unique) or 1)
        text = document.passages[index].text
        if share >= DISPUTE_OVERLAP and (
            negation_conflict(claim.text, text) or number_conflict(claim.text, text)
        ):
            return share
        if share >= RESTATES_AT and _flips(claim, text):
            return share
    return 0.0


def _flips(claim: ClaimTerms, text: str) -> bool:
    """An antonym of a claim word, another number of the same shape, or a negation the claim
    lacks placed right before one of the claim's terms (its scope), e.g. "never green"."""
    claim_words, words = tokens(claim.text), tokens(text)
    if antonym_flip(set(claim_words), set(words)) or number_conflict(claim.text, text):
        return True
    if set(claim_words) & NEGATIONS:
        return False
    return any(word in NEGATIONS and claim.unique.intersection(words[i + 1 : i + 1 + NEGATION_SCOPE])
               for i, word in enumerate(words))


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
