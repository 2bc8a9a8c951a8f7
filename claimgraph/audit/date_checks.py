"""``date_inconsistency``: an endnote's date against its arXiv id, its link, its snippet, the article.

Dates are compared at the precision both sides state: "2019" contains "2019-09", so a year-only
date never conflicts with a month of that year (docs/findings.md has the whole rule).
"""

from __future__ import annotations

import re
from datetime import date

from claimgraph.article.dates import days_apart, find_dates
from claimgraph.audit.names import citation_name, endnote_name, opening
from claimgraph.model import Article, Endnote, Finding

_ARXIV_NEW = re.compile(r"^(\d{2})(\d{2})\.\d{4,5}$")
_URL_DATE = re.compile(r"/((?:19|20)\d\d)/(0[1-9]|1[0-2])(?:/([0-3]\d))?/")
_UPLOAD_FOLDER = re.compile(r"/(?:wp-content/)?uploads?/|/files/|/media/|/assets/", re.IGNORECASE)
_UPDATED = re.compile(r"\b(?:updated|last modified|revised|edited)\b", re.IGNORECASE)
DAY_SLACK = 2  # two full dates a day or two apart: time zones and overnight publishing
MONTH_SLACK = 31  # a month-precision date against a day: issues appear before their cover month

__all__ = ["date_findings", "article_last_date"]


def article_last_date(article: Article) -> str | None:
    """The article's latest own date: its publication date or a later "Updated on …" note."""
    dates = [article.published] if article.published else []
    for match in _UPDATED.finditer(article.text):
        dates += [d.iso for d in find_dates(article.text[match.end() : match.end() + 40])[:1]]
    return max(dates) if dates else None


def _arxiv_problem(endnote: Endnote) -> str | None:
    arxiv = _ARXIV_NEW.match(endnote.identifiers.get("arxiv", ""))
    if not (arxiv and endnote.published):
        return None
    id_month = f"20{arxiv.group(1)}-{arxiv.group(2)}"
    gap = days_apart(endnote.published, id_month)
    if gap is not None and gap > 0:  # the stated date ends before the submission month begins
        return (
            f"the date {endnote.published} is before arXiv:{endnote.identifiers['arxiv']} "
            f"was first submitted ({id_month})"
        )
    return None


def _url_problem(endnote: Endnote) -> str | None:
    found = _URL_DATE.search(endnote.url or "")
    if not (found and endnote.published):
        return None
    in_url = "-".join(p for p in found.groups() if p)
    gap = days_apart(endnote.published, in_url)
    if gap is None:
        return None
    slack = DAY_SLACK if len(in_url) == len(endnote.published) == 10 else MONTH_SLACK
    if gap > 0 and _UPLOAD_FOLDER.search(endnote.url or ""):
        return None  # a file uploaded after it was published
    if abs(gap) > slack:
        return f"the link's path says {in_url} but the endnote says {endnote.published}"
    return None


def _snippet_problem(endnote: Endnote) -> str | None:
    stated = endnote.published if endnote.published_from == "stated" else None
    if not (stated and endnote.snippet):
        return None
    snippet_dates = sorted({d.iso for d in find_dates(endnote.snippet[:200])})
    if snippet_dates and all(abs(days_apart(stated, d) or 0) > DAY_SLACK for d in snippet_dates):
        return f"the snippet is dated {', '.join(snippet_dates)} but the endnote says {stated}"
    return None


def _endnote_problems(endnote: Endnote, today: date, article_last: str | None) -> list[str]:
    problems = [_arxiv_problem(endnote), _url_problem(endnote), _snippet_problem(endnote)]
    if endnote.published and (days_apart(today.isoformat(), endnote.published) or 0) > 0:
        problems.append(f"the date {endnote.published} is in the future")
    if article_last and endnote.published and (days_apart(article_last, endnote.published) or 0) > 0:
        problems.append(f"the source ({endnote.published}) is newer than the article ({article_last})")
    return [p for p in problems if p]


def date_findings(article: Article, today: date) -> list[Finding]:
    """One finding per endnote whose date contradicts something, plus citation-card conflicts."""
    findings = []
    article_last = article_last_date(article)
    for endnote in article.endnotes:
        problems = _endnote_problems(endnote, today, article_last)
        if problems:
            findings.append(
                Finding(
                    "date_inconsistency",
                    "medium",
                    f"{opening(endnote_name(endnote))}: {'; '.join(problems)}.",
                    "check the publication date on the source and correct the endnote",
                    endnotes=[endnote.number],
                )
            )
    return findings + _card_date_findings(article)


def _card_date_findings(article: Article) -> list[Finding]:
    findings = []
    for citation in article.citations:
        if citation.endnote is None or not citation.card:
            continue
        endnote = article.endnote(citation.endnote)
        card_dates = sorted({d.iso for d in find_dates(citation.card)})
        if not (card_dates and endnote.published):
            continue
        if all(abs(days_apart(d, endnote.published) or 0) > DAY_SLACK for d in card_dates):
            findings.append(
                Finding(
                    "date_inconsistency",
                    "low",
                    f"{opening(citation_name(article, citation))} shows {', '.join(card_dates)} "
                    f"but {endnote_name(endnote)} says {endnote.published}.",
                    "make the inline citation and the endnote agree on the date",
                    endnotes=[endnote.number],
                    citations=[citation.id],
                    claims=[citation.claim],
                )
            )
    return findings
