"""Evidence: passage retrieval, stance judges, citation checks, independence, relations, review.

The audit calls ``judge_article`` then ``evidence_findings``; ``claimgraph.graph.evidence`` turns
the evidence into triples. Judges are listed in ``claimgraph.evidence.judges.JUDGES``.
"""

from __future__ import annotations

from claimgraph.evidence.article import judge_article
from claimgraph.evidence.findings import evidence_findings
from claimgraph.evidence.independence import independent_origins, source_origins
from claimgraph.evidence.judges import JUDGES, Judge, Verdict, get_judge
from claimgraph.evidence.retrieval import document_from_source, document_from_text

__all__ = [
    "JUDGES", "Judge", "Verdict", "get_judge", "judge_article", "evidence_findings",
    "judge_text", "document_from_source", "document_from_text", "source_origins",
    "independent_origins",
]


def judge_text(claim: str, text: str, *, judge: str = "default") -> Verdict:
    """The verdict of one judge on one claim against one text (quotes index into ``text``)."""
    return get_judge(judge).judge(claim, document_from_text(text))
