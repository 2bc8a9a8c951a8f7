"""Citation checks from evidence: unsupported citations, better endnotes, follow-up dates."""

from __future__ import annotations

import re

from claimgraph.evidence.article import cited_endnotes
from claimgraph.evidence.weighing import (
    kind_of_endnote,
    prefer_primary,
    same_work,
    weak_support_findings,
)
from claimgraph.hints import Hint
from claimgraph.model import Article, Claim, Evidence, Finding, Source

__all__ = ["evidence_findings", "judge_fallback_finding", "BETTER_MARGIN"]

# On topic without a verdict is weaker evidence of a wrong citation than nothing in common.
_SEVERITY = {"disputes": "high", "unrelated": "medium", "mentions": "low"}
BETTER_MARGIN = 0.25  # how much more support another endnote needs to be "clearly better"
_FOLLOW_UP = re.compile(
    r"\b(follow[- ]?ups?|followed up|subsequent(ly)?|later (work|stud(y|ies)|paper|research)|"
    r"builds? (on|upon)|building (on|upon)|extend(s|ed|ing)? (this|that|the|their))\b", re.I)


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def evidence_findings(article: Article, evidence: list[Evidence],
                      sources: dict[int, Source]) -> list[Finding]:
    """Findings about whether each cited source supports its sentence, and about dates."""
    by_pair = {(e.claim, e.endnote): e for e in evidence if e.endnote is not None}
    cited = cited_endnotes(article)
    findings: list[Finding] = []
    for claim in article.claims:
        own = [n for n, is_own in cited[claim.id].items() if is_own]
        findings.extend(_unsupported(article, claim, own, cited, by_pair))
        findings.extend(_better(article, claim, cited[claim.id], evidence, sources))
    findings.extend(_follow_up_dates(article, sources))
    findings.extend(weak_support_findings(article, cited, evidence, sources))
    return findings


def _unsupported(article: Article, claim: Claim, own: list[int],
                 cited: dict[str, dict[int, bool]],
                 by_pair: dict[tuple[str, int | None], Evidence]) -> list[Finding]:
    """Own citations whose source supports neither this claim nor an earlier one it covers."""
    findings = []
    for number in own:
        covered = [claim.id] + [c.id for c in article.claims if c.block == claim.block
                                and cited[c.id].get(number) is False]
        judged = [by_pair[(cid, number)] for cid in covered if (cid, number) in by_pair]
        if not judged or any(e.stance == "supports" for e in judged):
            continue
        mine = by_pair.get((claim.id, number)) or judged[0]
        quote = f' Closest passage: "{_short(mine.quotes[0].text)}".' if mine.quotes else ""
        verb = {"disputes": "disputes", "mentions": "does not clearly support"}.get(
            mine.stance, "does not support")
        findings.append(Finding(
            kind="unsupported_citation", severity=_SEVERITY.get(mine.stance, "medium"),
            message=(f'Endnote {number} {verb} '
                     f'"{_short(claim.text)}" (stance {mine.stance}, support '
                     f"{mine.support:.2f}).{quote}"),
            fix="Check the source; cite one that states the claim, or reword the sentence.",
            endnotes=[number], citations=_citations(article, claim, number), claims=[claim.id],
            details={"stance": mine.stance, "support": round(mine.support, 4),
                     "quote": mine.quotes[0].text if mine.quotes else None},
        ))
    return findings


def _better(article: Article, claim: Claim, cites: dict[int, bool],
            evidence: list[Evidence], sources: dict[int, Source]) -> list[Finding]:
    """Another endnote that supports the claim clearly better, or is the primary source.

    A rival that is a copy of the cited work (same canonical URL or identifier) never counts.
    """
    mine = [e for e in evidence if e.claim == claim.id]
    cited = [e for e in mine if e.endnote in cites]
    if not cited:
        return []
    best_cited = max(cited, key=lambda e: e.support)
    others = [e for e in mine if e.endnote is not None and e.endnote not in cites
              and e.stance == "supports" and not same_work(e.source_url, best_cited.source_url)]
    primary = [e for e in others if prefer_primary(best_cited, e, sources)]
    rivals = primary or [e for e in others if e.support >= best_cited.support + BETTER_MARGIN]
    if not rivals:
        return []
    rival = max(rivals, key=lambda e: e.support)
    quote = f' It says: "{_short(rival.quotes[0].text)}".' if rival.quotes else ""
    why = (f"is the primary source ({kind_of_endnote(best_cited.endnote, sources)} cited)"
           if primary else "supports it better")
    return [Finding(
        kind="better_citation", severity="low",
        message=(f'Endnote {rival.endnote} {why} for "{_short(claim.text)}" '
                 f"(support {rival.support:.2f}; the cited endnote {best_cited.endnote}: "
                 f"{best_cited.support:.2f}).{quote}"),
        fix=f"Cite endnote {rival.endnote} here (as well or instead).",
        endnotes=[rival.endnote, best_cited.endnote], claims=[claim.id],
        citations=_citations(article, claim, best_cited.endnote),
        details={"suggested": rival.endnote, "cited": best_cited.endnote,
                 "suggested_support": round(rival.support, 4),
                 "cited_support": round(best_cited.support, 4)},
    )]


def _citations(article: Article, claim: Claim, number: int | None) -> list[str]:
    ids = set(claim.citation_ids)
    return [c.id for c in article.citations if c.id in ids and c.endnote == number]


def _date(article: Article, sources: dict[int, Source], number: int) -> str | None:
    source = sources.get(number)
    if source is not None and source.metadata.published:
        return source.metadata.published[:10]
    if 0 < number <= len(article.endnotes):
        return (article.endnote(number).published or "")[:10] or None
    return None


def _not_newer(later: str, earlier: str) -> bool:
    size = min(len(later), len(earlier))
    return later[:size] <= earlier[:size]


def _follow_up_dates(article: Article, sources: dict[int, Source]) -> list[Finding]:
    """A sentence about follow-up work whose source is no newer than the work it follows."""
    by_id = {c.id: c for c in article.citations}
    findings: list[Finding] = []
    previous: dict[int, list[int]] = {}  # block -> endnotes cited so far in it
    for claim in article.claims:
        numbers = [by_id[c].endnote for c in claim.citation_ids
                   if c in by_id and by_id[c].endnote is not None]
        earlier = previous.setdefault(claim.block, [])
        if _FOLLOW_UP.search(claim.text) and numbers:
            followed = earlier[-1:] if earlier else numbers[:1]
            later = [n for n in numbers if n not in followed] if not earlier else numbers
            for base in followed:
                for number in later:
                    d_base, d_new = _date(article, sources, base), _date(article, sources, number)
                    if number == base or not d_base or not d_new or not _not_newer(d_new, d_base):
                        continue
                    findings.append(Finding(
                        kind="citation_date_order", severity="medium",
                        message=(f'"{_short(claim.text)}" describes follow-up work, but endnote '
                                 f"{number} ({d_new}) is not newer than endnote {base} "
                                 f"({d_base}), the work it follows."),
                        fix="Check which work came first and which endnote belongs here.",
                        endnotes=[number, base], claims=[claim.id],
                        details={"followed": base, "follow_up": number,
                                 "followed_date": d_base, "follow_up_date": d_new},
                    ))
        earlier.extend(numbers)
    return findings


def judge_fallback_finding(notice: str) -> Finding:
    """A low finding saying the trained judge was not used (and why), so stances are lexical."""
    return Finding(
        kind="judge_fallback", severity="low",
        message=f"Stances come from the lexical judge: {notice}",
        fix="Install onnxruntime and tokenizers (claimgraph's dependencies), or choose the lexical "
            "judge on purpose",
        details={"hint": Hint.LEXICAL_JUDGE.value},
    )
