"""Claim-to-claim relations: claims that restate or contradict each other, in or across articles."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from claimgraph.evidence.features import negation_conflict, number_conflict
from claimgraph.evidence.text import content_terms
from claimgraph.model import Evidence

__all__ = ["Relation", "claim_relations", "carry_evidence", "RESTATE_AT"]

RESTATE_AT = 0.6  # share of the shorter claim's terms the other must hold to be about the same


@dataclass
class Relation:
    """Two claims, each given as (article id, claim id), and how they relate."""

    left: tuple[str, str]
    right: tuple[str, str]
    kind: str  # restates | contradicts
    score: float


def claim_relations(claims: list[tuple[str, str, str]],
                    max_postings: int = 200) -> list[Relation]:
    """Relations among claims given as (article id, claim id, text); each pair at most once."""
    terms = [set(content_terms(text)) for _, _, text in claims]
    postings: dict[str, list[int]] = defaultdict(list)
    for index, found in enumerate(terms):
        for term in found:
            postings[term].append(index)
    relations = []
    for i, (article_i, claim_i, text_i) in enumerate(claims):
        shared: dict[int, int] = defaultdict(int)
        for term in terms[i]:
            posting = postings[term]
            if len(posting) <= max_postings:  # a word in every claim links nothing
                for j in posting:
                    if j > i:
                        shared[j] += 1
        for j, count in shared.items():
            smaller = min(len(terms[i]), len(terms[j])) or 1
            overlap = count / smaller
            if overlap < RESTATE_AT or (article_i, claim_i) == claims[j][:2]:
                continue
            text_j = claims[j][2]
            conflict = negation_conflict(text_i, text_j) or number_conflict(text_i, text_j)
            relations.append(Relation((article_i, claim_i), claims[j][:2],
                                      "contradicts" if conflict else "restates",
                                      round(overlap, 4)))
    return relations


def carry_evidence(evidence: list[Evidence], relations: list[Relation],
                   article_id: str) -> list[Evidence]:
    """Evidence for one article's claims carried over from claims they restate or contradict.

    A source that supports a claim supports its restatement and disputes its contradiction;
    pairs already judged directly are left alone.
    """
    judged = {(e.claim, e.source_url) for e in evidence}
    by_claim: dict[str, list[Evidence]] = defaultdict(list)
    for item in evidence:
        by_claim[item.claim].append(item)
    flip = {"supports": "disputes", "disputes": "supports"}
    carried = []
    for relation in relations:
        for here, there in ((relation.left, relation.right), (relation.right, relation.left)):
            if here[0] != article_id or there[0] != article_id:
                continue
            for item in by_claim.get(there[1], []):
                if item.stance not in flip or (here[1], item.source_url) in judged:
                    continue
                stance = item.stance if relation.kind == "restates" else flip[item.stance]
                judged.add((here[1], item.source_url))
                carried.append(Evidence(
                    claim=here[1], source_url=item.source_url, stance=stance,
                    score=item.score * relation.score,
                    support=item.support if stance == "supports" else 1 - item.support,
                    quotes=item.quotes, judge=f"{item.judge}+{relation.kind}",
                    endnote=item.endnote, cited=False,
                ))
    return carried
