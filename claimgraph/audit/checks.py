"""Endnote and citation checks written in Python (the graph-shaped ones live in queries/checks/)."""

from __future__ import annotations

import re
from datetime import date

from claimgraph.dates import find_dates
from claimgraph.model import Article, DuplicateGroup, Finding
from claimgraph.titles import title_problem

_ARXIV_NEW = re.compile(r"^(\d{2})(\d{2})\.\d{4,5}$")
_URL_DATE = re.compile(r"/((?:19|20)\d\d)/(0[1-9]|1[0-2])(?:/([0-3]\d))?/")
_GROUP_SEVERITY = {"certain": "medium", "likely": "medium", "possible": "low"}

__all__ = ["article_findings"]


def article_findings(
    article: Article, groups: list[DuplicateGroup], today: date | None = None
) -> list[Finding]:
    """Every Python-side finding for an article, in a stable order."""
    findings: list[Finding] = []
    findings += _reader_problems(article)
    findings += _url_findings(article)
    findings += _duplicate_findings(article, groups)
    findings += _title_findings(article)
    findings += _date_findings(article, today or date.today())
    findings += _uncited_claims(article)
    return findings


def _reader_problems(article: Article) -> list[Finding]:
    return [
        Finding(
            "input_problem",
            "medium",
            problem,
            "check the article file; the audit below covers what could be read",
        )
        for problem in article.problems
    ]


def _url_findings(article: Article) -> list[Finding]:
    findings = []
    for endnote in article.endnotes:
        for problem in endnote.url_problems:
            kind = "malformed_url" if problem.level == "malformed" else "suspicious_url"
            severity = "high" if kind == "malformed_url" else "medium"
            findings.append(
                Finding(
                    kind,
                    severity,
                    f"Endnote {endnote.number}: {problem.message}.",
                    problem.suggestion or "check the link against the source",
                    endnotes=[endnote.number],
                    details={"code": problem.code, "url": endnote.url},
                )
            )
        if not endnote.raw_url and endnote.source:  # names a site but gives no address
            findings.append(
                Finding(
                    "malformed_url",
                    "high",
                    f"Endnote {endnote.number} has no link.",
                    "add the source's address",
                    endnotes=[endnote.number],
                    details={"code": "missing"},
                )
            )
    return findings


def _duplicate_findings(article: Article, groups: list[DuplicateGroup]) -> list[Finding]:
    findings = []
    for group in groups:
        keep = article.endnote(group.endnotes[0])
        others = ", ".join(str(n) for n in group.endnotes[1:])
        numbers = ", ".join(str(n) for n in group.endnotes)
        verb = {
            "certain": "cite the same work",
            "likely": "very likely cite the same work",
            "possible": "may cite the same work",
        }[group.strength]
        fix = (
            (
                f"keep endnote {keep.number} ({keep.canonical_url or keep.url}) and point the "
                f"citations of endnotes {others} to it"
            )
            if group.strength != "possible"
            else (f"check whether endnotes {numbers} are copies of one work; if so, cite the original")
        )
        findings.append(
            Finding(
                "duplicate",
                _GROUP_SEVERITY[group.strength],
                f"Endnotes {numbers} {verb} ({group.reason}).",
                fix,
                endnotes=list(group.endnotes),
                details={"strength": group.strength},
            )
        )
    return findings


def _title_findings(article: Article) -> list[Finding]:
    findings = []
    for endnote in article.endnotes:
        problem = title_problem(endnote)
        if problem is None:
            continue
        fix = (
            f"use the title {problem.suggestion!r}"
            if problem.suggestion
            else "take the title from the source page"
        )
        findings.append(
            Finding(
                "title_mismatch",
                problem.severity,
                f"Endnote {endnote.number}: {problem.message}.",
                fix,
                endnotes=[endnote.number],
                details={
                    "code": problem.code,
                    "title": endnote.title,
                    "suggested": problem.suggestion,
                },
            )
        )
    return findings


def _date_findings(article: Article, today: date) -> list[Finding]:
    findings = []
    for endnote in article.endnotes:
        stated = endnote.published if endnote.published_from == "stated" else None
        messages = []
        arxiv = _ARXIV_NEW.match(endnote.identifiers.get("arxiv", ""))
        if arxiv and endnote.published:
            id_month = f"20{arxiv.group(1)}-{arxiv.group(2)}"
            if endnote.published[:7] < id_month:
                messages.append(
                    f"the date {endnote.published} is before arXiv:{endnote.identifiers['arxiv']} "
                    f"was first submitted ({id_month})"
                )
            elif endnote.published[:4] != id_month[:4] and endnote.published[:7] != id_month:
                messages.append(
                    f"the date {endnote.published} is in another year than "
                    f"arXiv:{endnote.identifiers['arxiv']} ({id_month}); a later version's date?"
                )
        url_date = _URL_DATE.search(endnote.url or "")
        if url_date and endnote.published:
            in_url = "-".join(p for p in url_date.groups() if p)
            if not _dates_agree(in_url, endnote.published):
                messages.append(f"the link's path says {in_url} but the endnote says {endnote.published}")
        if stated and endnote.snippet:
            snippet_dates = {d.iso for d in find_dates(endnote.snippet[:200])}
            if (
                snippet_dates
                and stated not in snippet_dates
                and not any(d[:7] == stated[:7] for d in snippet_dates)
            ):
                messages.append(
                    f"the snippet is dated {', '.join(sorted(snippet_dates))} but the endnote says {stated}"
                )
        if endnote.published and endnote.published > today.isoformat():
            messages.append(f"the date {endnote.published} is in the future")
        if article.published and endnote.published and endnote.published > article.published:
            messages.append(
                f"the source ({endnote.published}) is newer than the article ({article.published})"
            )
        for message in messages:
            findings.append(
                Finding(
                    "date_inconsistency",
                    "medium",
                    f"Endnote {endnote.number}: {message}.",
                    "check the publication date on the source and correct the endnote",
                    endnotes=[endnote.number],
                )
            )
    findings += _card_date_findings(article)
    return findings


def _dates_agree(a: str, b: str, slack_days: int = 2) -> bool:
    """Two ISO dates of any precision agree: same at the shared precision, within a few days."""
    if a.startswith(b[: len(a)]) or b.startswith(a[: len(b)]):
        return True
    if len(a) == len(b) == 10:
        return abs((date.fromisoformat(a) - date.fromisoformat(b)).days) <= slack_days
    return False


def _card_date_findings(article: Article) -> list[Finding]:
    findings = []
    for citation in article.citations:
        if citation.endnote is None or not citation.card:
            continue
        endnote = article.endnote(citation.endnote)
        card_dates = {d.iso for d in find_dates(citation.card)}
        if card_dates and endnote.published and not any(d[:7] == endnote.published[:7] for d in card_dates):
            findings.append(
                Finding(
                    "date_inconsistency",
                    "low",
                    f"Citation {citation.id} shows {', '.join(sorted(card_dates))} but endnote "
                    f"{endnote.number} says {endnote.published}.",
                    "make the inline citation and the endnote agree on the date",
                    endnotes=[endnote.number],
                    citations=[citation.id],
                    claims=[citation.claim],
                )
            )
    return findings


def _factual(text: str) -> bool:
    words = text.split()
    if len(words) < 8 or text.rstrip().endswith(("?", ":")):
        return False
    return bool(
        re.search(
            r"\b(?:is|are|was|were|has|have|had|shows?|showed|found|reported|"
            r"suggests?|argues?|increased|decreased|\d)",
            text,
            re.IGNORECASE,
        )
    )


def _uncited_claims(article: Article) -> list[Finding]:
    cited_blocks = {c.block for c in article.claims if c.citation_ids}
    findings = []
    for claim in article.claims:
        if claim.citation_ids or claim.block in cited_blocks or not _factual(claim.text):
            continue
        findings.append(
            Finding(
                "uncited_claim",
                "low",
                f"No citation supports: “{_short(claim.text)}”",
                "add a citation for this statement or mark it as the author's own analysis",
                claims=[claim.id],
            )
        )
    return findings


def _short(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def explain_orphans(article: Article, groups: list[DuplicateGroup], findings: list[Finding]) -> None:
    """Say when an orphan endnote duplicates a cited one, or may be an unresolved citation's target."""
    cited = {c.endnote for c in article.citations if c.endnote is not None}
    maybe: dict[int, list[str]] = {}
    for citation in article.citations:
        if citation.endnote is None:
            for candidate in citation.candidates[:3]:
                maybe.setdefault(candidate.endnote, []).append(citation.id)
    for finding in findings:
        if finding.kind != "orphan_endnote" or not finding.endnotes:
            continue
        number = finding.endnotes[0]
        twins = sorted(
            {
                n
                for g in groups
                if g.strength in ("certain", "likely") and number in g.endnotes
                for n in g.endnotes
                if n in cited and n != number
            }
        )
        if twins:
            finding.message += f" It cites the same work as endnote {twins[0]}, which is cited."
            finding.fix = f"remove it; endnote {twins[0]} already cites this work"
        elif number in maybe:
            finding.message += f" It may be the target of unresolved citation {', '.join(maybe[number])}."
