"""Weighing sources by their kind: support resting on forums or videos alone, primary sources first.

A fact-checker trusts a paper over a blog post about it, and a news report over a forum thread.
``weak_support_findings`` flags claims whose cited sources are all forum/social/video pages;
``prefer_primary`` lets ``better_citation`` name the primary source behind a weaker citation,
but never another copy of the work already cited (same canonical URL or work identifier).
"""

from __future__ import annotations

from claimgraph.article.urls import canonical_url, work_identifiers
from claimgraph.extract.source_type import WEAK_TYPES, source_type
from claimgraph.model import Article, Evidence, Finding, Source

__all__ = ["weak_support_findings", "same_work", "prefer_primary", "kind_of_endnote"]

_LABEL = {"forum": "forum or social", "video": "video"}


def same_work(first: str | None, second: str | None) -> bool:
    """Whether two URLs name the same work: one canonical URL or a shared work identifier."""
    if not first or not second:
        return False
    try:
        if canonical_url(first) == canonical_url(second):
            return True
        ids_a, ids_b = work_identifiers(first), work_identifiers(second)
    except ValueError:  # a malformed link is no one's copy
        return False
    return any(ids_a.get(key) == value for key, value in ids_b.items())


def kind_of_endnote(number: int | None, sources: dict[int, Source]) -> str:
    """The source type of an endnote's source (``unknown`` without one)."""
    source = sources.get(number) if number is not None else None
    return source_type(source) if source is not None else "unknown"


def prefer_primary(cited: Evidence, rival: Evidence, sources: dict[int, Source]) -> bool:
    """Whether a supporting rival is the primary source a non-primary citation should give."""
    return (rival.stance == "supports"
            and kind_of_endnote(rival.endnote, sources) == "primary"
            and kind_of_endnote(cited.endnote, sources) not in ("primary", "unknown")
            and not same_work(cited.source_url, rival.source_url))


def weak_support_findings(article: Article, cited: dict[str, dict[int, bool]],
                          evidence: list[Evidence], sources: dict[int, Source]) -> list[Finding]:
    """Claims whose own cited sources are all forum/social/video pages.

    Medium when no other kind of source in the article supports the claim; low when one does
    (the finding then names it).
    """
    findings = []
    for claim in article.claims:
        own = sorted(n for n, is_own in cited[claim.id].items() if is_own and n in sources)
        kinds = {n: kind_of_endnote(n, sources) for n in own}
        if not own or not all(kind in WEAK_TYPES for kind in kinds.values()):
            continue
        stronger = [e for e in evidence if e.claim == claim.id and e.stance == "supports"
                    and kind_of_endnote(e.endnote, sources) not in WEAK_TYPES | {"unknown"}]
        described = " and ".join(sorted({_LABEL[k] for k in kinds.values()}))
        fix = (f"Cite endnote {stronger[0].endnote} ({kind_of_endnote(stronger[0].endnote, sources)})"
               " here as well." if stronger and stronger[0].endnote is not None else
               "Find a primary source, a news report or an official page that states it.")
        findings.append(Finding(
            kind="weak_source_support", severity="low" if stronger else "medium",
            message=(f'"{_short(claim.text)}" rests only on {described} sources '
                     f"(endnote{'s' if len(own) > 1 else ''} {', '.join(map(str, own))})."),
            fix=fix, endnotes=own, claims=[claim.id],
            details={"source_types": {str(n): k for n, k in kinds.items()},
                     "stronger": [e.endnote for e in stronger if e.endnote is not None]},
        ))
    return findings


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
