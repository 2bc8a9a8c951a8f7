"""Structural contradiction cues the trained judge adds to what the model reads.

A passage that restates most of a claim but flips it — an antonym of one of its words in any
inflection (rose / fallen, increased / decreased), a negation the claim lacks (or lacks one
the claim has), or another number of the same shape (1932 / 1937) — contradicts it whatever
the wording around it. The small model misses some of these; ``contradiction_cue`` catches them
from the structure of English alone, for ``onnx_judge`` to weigh as a dispute.
"""

from __future__ import annotations

from claimgraph.evidence.features import number_conflict
from claimgraph.evidence.text import NEGATIONS, tokens

__all__ = ["contradiction_cue", "antonym_flip", "RESTATES_AT", "CUE_DISPUTE"]

RESTATES_AT = 0.5  # share of the claim's content terms the passage must hold
CUE_DISPUTE = 0.9  # the dispute probability a cue gives its passage

_PAIRS = [
    ("increase", "decrease", "increased", "decreased", "increases", "decreases", "increasing",
     "decreasing"),
    ("rise", "fall", "rose", "fell", "risen", "fallen", "rises", "falls", "rising", "falling"),
    ("grow", "shrink", "grew", "shrank", "grown", "shrunk", "grows", "shrinks", "growing",
     "shrinking"),
    ("higher", "lower"), ("more", "fewer"), ("more", "less"), ("most", "least"),
    ("larger", "smaller"), ("greater", "smaller"), ("before", "after"), ("above", "below"),
    ("win", "lose", "won", "lost", "wins", "loses"), ("true", "false"),
    ("improve", "worsen", "improved", "worsened", "improves", "worsens"),
    ("effective", "ineffective"), ("safe", "unsafe"), ("possible", "impossible"),
    ("likely", "unlikely"), ("able", "unable"), ("always", "never"), ("all", "none"),
    ("alive", "dead"), ("open", "closed"), ("accept", "reject", "accepted", "rejected"),
    ("confirm", "deny", "confirmed", "denied"), ("support", "oppose", "supported", "opposed"),
    ("gain", "loss"), ("success", "failure"), ("positive", "negative"), ("strong", "weak"),
    ("high", "low"), ("many", "few"), ("first", "last"), ("earlier", "later"),
]
_OPPOSITE: dict[str, set[str]] = {}
for _group in _PAIRS:
    # groups list (a, b) pairs in order: even positions one side, odd positions the other
    _left, _right = set(_group[0::2]), set(_group[1::2])
    for _word in _left:
        _OPPOSITE.setdefault(_word, set()).update(_right)
    for _word in _right:
        _OPPOSITE.setdefault(_word, set()).update(_left)


def antonym_flip(claim_words: set[str], passage_words: set[str]) -> bool:
    """Whether the passage has an antonym (any inflection) of a claim word the claim lacks."""
    return _antonym_flip(claim_words, passage_words)


def _antonym_flip(claim_words: set[str], passage_words: set[str]) -> bool:
    for word in claim_words:
        opposite = _OPPOSITE.get(word, set())
        if opposite & passage_words and not opposite & claim_words:
            return True
    return False


def contradiction_cue(claim: str, claim_terms: set[str], passage: str,
                      passage_terms: list[str]) -> bool:
    """Whether a passage that restates the claim flips it (antonym, negation or number)."""
    if not claim_terms:
        return False
    shared = len(claim_terms.intersection(passage_terms)) / len(claim_terms)
    if shared < RESTATES_AT:
        return False
    claim_words, passage_words = set(tokens(claim)), set(tokens(passage))
    negated = bool(claim_words & NEGATIONS) != bool(passage_words & NEGATIONS)
    return negated or _antonym_flip(claim_words, passage_words) or number_conflict(claim, passage)
