"""A claim's support status, from the verdicts on the sources it cites (a reviewer's counts first)."""

from __future__ import annotations

from collections import defaultdict

from claimgraph.model import AuditResult, Evidence

STATUSES = ("supported", "disputed", "weak", "unsupported", "not judged", "uncited")

__all__ = ["STATUSES", "claim_statuses"]


def claim_statuses(result: AuditResult) -> dict[str, str]:
    """Claim id → one of STATUSES: the best stance among the claim's cited sources."""
    cited: dict[str, list[Evidence]] = defaultdict(list)
    for item in result.evidence:
        if item.cited:
            cited[item.claim].append(item)
    statuses = {}
    for claim in result.article.claims:
        stances = {e.stance for e in cited.get(claim.id, [])}
        if "supports" in stances:
            statuses[claim.id] = "supported"
        elif "disputes" in stances:
            statuses[claim.id] = "disputed"
        elif "mentions" in stances:
            statuses[claim.id] = "weak"
        elif stances:
            statuses[claim.id] = "unsupported"
        elif claim.citation_ids:
            statuses[claim.id] = "not judged"
        else:
            statuses[claim.id] = "uncited"
    return statuses
