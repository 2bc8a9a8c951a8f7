"""``uncited_claim``: checkable facts left without a citation in an article that otherwise cites.

The rule (docs/findings.md): a sentence is reported only when it states something a reader could
check (a percentage or quantity, a date or year, a named result) and is not an opinion, a quote,
maths, code, a question, an author-year mention ("Vincent et al. 2008"), the author's own
explanation, or a mechanism whose only checkable word sits in a condition ("improves when it
wins"); never in the lead before the first heading (it sums up the body); only in articles
that cite (at least three resolved citations, on at least 5 % of their sentences); never in a
paragraph that cites (marker, link or author-year mention), in a paragraph where the author
reports their own work ("we surveyed", "our experiments"), or in a sentence that points back to
the work the paragraph before cites ("according to their experiments"); and at most
``max(1, 15 % of the other findings)`` of them, the most checkable first.
"""

from __future__ import annotations

import re

from claimgraph.audit.names import short_text
from claimgraph.model import Article, Claim, Finding

MIN_CITATIONS = 3
MIN_CITED_SHARE = 0.05
SHARE_OF_REPORT = 0.15

_QUANTITY = re.compile(
    r"\d[\d,.]*\s*(?:%|percent\b|per cent\b|(?:thousand|million|billion|trillion)\b|[kKMBT]\b|"
    r"(?:people|users|years|months|days|hours|times|dollars|euros|parameters|tokens|GPUs?)\b)"
    r"|[$€£]\s?\d"
)
_YEAR = re.compile(r"(?<![\w.\-/])(?:1[89]\d\d|20\d\d)(?![\w.\-/])")
_RESULT = re.compile(
    r"\b(?:outperform\w*|state[- ]of[- ]the[- ]art|SOTA|record|surpass\w*|won|wins|"
    r"discovered|founded|released|launched|published|elected|killed|died)\b",
    re.IGNORECASE,
)
_OWN_VOICE = re.compile(
    r"\b(?:I|I['’]m|I['’]ve|I['’]d|me|my|we|we['’]re|we['’]ve|we['’]ll|us|our|let['’]s|let us|you|your)\b"
)
_OPINION = re.compile(
    r"\b(?:think|believe|hypothes\w+|feel|hope|seems?|probably|perhaps|arguably|maybe|might|should|would|"
    r"could|(?-i:may)|love|like to|prefer|obviously|clearly|interesting\w*|exciting|imagine|consider)\b",
    re.IGNORECASE,
)
_MATH_OR_CODE = re.compile(r"[$\\=^{}<>`|]|::|=>|\w\(\w*\)|\b[a-z]_\w|[∑∏∫∀∃∈≤≥≈→]")
_MONTH = (
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|January|February|March|April|June|"
    r"July|August|September|October|November|December|Spring|Summer|Autumn|Fall|Winter|In|On|At|By|Since|Until|From|After|Before|During|Around|Through|Of|To|And|The)\b"
)
_AUTHOR_YEAR = re.compile(
    rf"\b(?!{_MONTH})[A-Z][\w'’-]+(?: et al\.?| (?:and|&) [A-Z][\w'’-]+)?,? \(?(?:19|20)\d\d[a-z]?\)?"
)
_CONDITION = re.compile(
    r"\b(?:when|whenever|if|once|unless|until|each time|every time)\b[^,;.]*$", re.IGNORECASE
)
_QUOTE_OPEN = ("“", '"', "‘", "'", ">", "«")
_RESEARCH = (
    r"(?:survey\w*|experiments?|stud(?:y|ies)|data(?:set)?|results?|analys[ie]s|measurements?|"
    r"interviews?|benchmarks?|tests?|findings|respondents|participants|numbers|figures)"
)
_OWN_REPORTING = re.compile(
    r"\b(?:we|I)\s+(?:\w+\s+)?(?:found|find|observed|measured|surveyed|asked|ran|conducted|collected|"
    r"interviewed|counted|tested|benchmarked|analy[sz]ed|gathered|received)\b"
    rf"|\b(?:our|my)\s+(?:own\s+)?(?:\w+\s+)?{_RESEARCH}\b",
    re.IGNORECASE,
)
_BACK_REFERENCE = re.compile(
    rf"\b(?:according to|in|from|by)\s+(?:their|the authors['’]?|this|that|the same)\s+(?:\w+\s+)?"
    rf"(?:{_RESEARCH}|paper|work|evaluation)\b"
    r"|\b(?:they|the authors|the paper|this paper|this work|the study)\s+(?:also\s+)?"
    r"(?:found|find|show\w*|report\w*|observed|demonstrat\w+|claim\w*|achiev\w+|measured)\b"
    rf"|\btheir\s+(?:\w+\s+)?{_RESEARCH}\b",
    re.IGNORECASE,
)

__all__ = ["uncited_claims", "checkability"]


def checkability(text: str) -> int:
    """How many kinds of checkable fact a sentence states (quantity, year or date, named result)."""
    return 2 * bool(_QUANTITY.search(text)) + bool(_YEAR.search(text)) + bool(_RESULT.search(text))


def _only_a_condition(text: str) -> bool:
    """The sole checkable word is a result verb inside a "when/if …" clause: how a method works."""
    if _QUANTITY.search(text) or _YEAR.search(text):
        return False
    return all(_CONDITION.search(text[: m.start()]) for m in _RESULT.finditer(text))


def _reportable(text: str) -> bool:
    words = text.split()
    if not 8 <= len(words) <= 60 or text.rstrip().endswith(("?", ":", "!")):
        return False
    if text.lstrip().startswith(_QUOTE_OPEN) or text.count("“") + text.count('"') >= 2:
        return False
    if _AUTHOR_YEAR.search(text):
        return False  # "(Vincent et al. 2008)": cited in the text itself
    if _MATH_OR_CODE.search(text) or _OWN_VOICE.search(text) or _OPINION.search(text):
        return False
    return checkability(text) > 0 and not _only_a_condition(text)


def _article_cites(article: Article) -> bool:
    resolved = sum(1 for c in article.citations if c.endnote is not None)
    cited_claims = sum(1 for c in article.claims if c.citation_ids)
    return resolved >= MIN_CITATIONS and cited_claims >= MIN_CITED_SHARE * max(1, len(article.claims))


def uncited_claims(article: Article, other_findings: int) -> list[Finding]:
    """Uncited checkable sentences, strongest first, capped at a small share of the report."""
    if not _article_cites(article):
        return []
    cited_blocks = {c.block for c in article.claims if c.citation_ids or _AUTHOR_YEAR.search(c.text)}
    own_blocks = {c.block for c in article.claims if _OWN_REPORTING.search(c.text)}
    body = {s.title for s in article.sections if s.kind != "body"}
    lead_end = min((s.start for s in article.sections), default=0)  # the lead sums up the body
    candidates: list[Claim] = [
        claim
        for claim in article.claims
        if not claim.citation_ids
        and claim.block not in cited_blocks
        and claim.block not in own_blocks  # the author reports their own survey or experiment
        and not (claim.block - 1 in cited_blocks and _BACK_REFERENCE.search(claim.text))
        and claim.section not in body
        and claim.start >= lead_end
        and _reportable(claim.text)
    ]
    cap = max(1, int(SHARE_OF_REPORT * other_findings))
    chosen = sorted(candidates, key=lambda c: (-checkability(c.text), c.start))[:cap]
    return [
        Finding(
            "uncited_claim",
            "low",
            f"No citation supports: “{short_text(claim.text)}”",
            "add a citation for this statement or mark it as the author's own analysis",
            claims=[claim.id],
            details={"checkable": checkability(claim.text)},
        )
        for claim in sorted(chosen, key=lambda c: c.start)
    ]
