"""Findings about cited sources: links that do not work as cited, and metadata that disagrees."""

from __future__ import annotations

from urllib.parse import urlsplit

from rapidfuzz import fuzz

from claimgraph.fetch.health import confirmed_dead, is_home_page
from claimgraph.hints import Hint
from claimgraph.model import Article, Endnote, Finding, Source

TITLE_MATCH = 70  # token-set similarity (0-100) below which titles disagree
DATE_SLACK_DAYS = 2  # time zones and "updated" stamps move a date a day or two


def source_findings(article: Article, sources: dict[int, Source]) -> list[Finding]:
    """Link-health and metadata findings for every endnote that has a source."""
    findings: list[Finding] = []
    for number, source in sorted(sources.items()):
        endnote = article.endnote(number)
        link = _link_finding(endnote, source)
        if link:
            findings.append(link)
        findings += _metadata_findings(endnote, source)
    return findings


def network_findings(sources: object) -> list[Finding]:
    """One finding when most hosts failed as they do when our own network is down."""
    if not getattr(sources, "network_down", False):
        return []
    failed, checked = getattr(sources, "hosts_failed", 0), getattr(sources, "hosts_checked", 0)
    return [Finding("network_unavailable", "high",
                    f"The network looks unavailable: {failed} of {checked} hosts failed to answer; "
                    "no link was recorded as dead in this run",
                    "Check the connection (DNS, proxy, firewall) and run the audit again online",
                    [], details={"hosts_failed": failed, "hosts_checked": checked,
                                 "hint": Hint.ONLINE.value})]


def _host(url: str | None) -> str:
    return (urlsplit(url or "").hostname or "").removeprefix("www.")


def _link_finding(endnote: Endnote, source: Source) -> Finding | None:
    n, url = endnote.number, source.url
    details = {"url": url, "final_url": source.final_url, "status": source.status,
               "error": source.error}
    if source.health == "dead":
        archive = source.archive_url or endnote.archive_url
        fix = (f"Link to the archived copy {archive}" if archive else
               "Find the page's new address or an archived copy (web.archive.org), or drop it")
        why = source.error or f"the server answered {source.status}"
        confirmed = confirmed_dead(source.dead_checks)  # two failures at least a day apart
        when = "" if confirmed else "; checked once"
        return Finding("dead_link", "high" if confirmed else "medium",
                       f"Endnote {n} links to a page that is gone ({why}{when}): {url}", fix, [n],
                       details={**details, "archive_url": archive, "confirmed": confirmed,
                                "checked_at": list(source.dead_checks)})
    if source.health == "soft_404":
        home = source.final_url and is_home_page(source.final_url)
        what = ("redirects to the site's home page" if home else
                "answers with a 'not found' page although the server says 200")
        archive = source.archive_url or endnote.archive_url
        fix = (f"Link to the archived copy {archive}" if archive else
               "Find the page's new address or an archived copy, or drop the link")
        return Finding("soft_404", "high", f"Endnote {n}'s link {what}: {url}", fix, [n],
                       details={**details, "archive_url": archive})
    if source.health == "blocked":
        return Finding("blocked_link", "low", f"Endnote {n}'s link could not be checked: the site "
                       f"refused an automated visit ({source.error or source.status}): {url}",
                       "Open the link in a browser to confirm it works; nothing to change if so",
                       [n], details={**details, "hint": source.hint} if source.hint else details)
    if source.health == "transient":
        return Finding("transient_link", "low", f"Endnote {n}'s link failed for now "
                       f"({source.error or source.status}) even after retries: {url}",
                       "Check again later; if it keeps failing treat it as dead", [n],
                       details=details)
    if source.health == "redirected" and source.final_url:
        offsite = _host(url) != _host(source.final_url)
        permanent = all(hop.status in (301, 308) for hop in source.redirects)
        kind = "permanently" if permanent else "temporarily"
        where = " to another site" if offsite else ""
        severity = "medium" if offsite else "low"
        return Finding("redirected_link", severity, f"Endnote {n}'s link {kind} redirects{where}: "
                       f"{url} → {source.final_url}", f"Cite the final address {source.final_url}",
                       [n], details={**details, "permanent": permanent, "offsite": offsite})
    return None


def _norm_title(text: str) -> str:
    return " ".join(text.casefold().replace("’", "'").split())


def _metadata_findings(endnote: Endnote, source: Source) -> list[Finding]:
    if source.health not in ("ok", "redirected", "unchecked") or not source.metadata.title:
        return []
    findings: list[Finding] = []
    n, meta = endnote.number, source.metadata
    origin = _origin_note(source)
    if endnote.title and meta.title:
        cited, real = _norm_title(endnote.title), _norm_title(meta.title)
        similarity = max(fuzz.token_set_ratio(cited, real), fuzz.partial_ratio(cited, real))
        if similarity < TITLE_MATCH:
            findings.append(Finding(
                "title_mismatch", "medium",
                f"Endnote {n} calls the source “{endnote.title}” but the page's title is "
                f"“{meta.title}”{origin}", f"Use the source's own title: {meta.title}", [n],
                details={"endnote_title": endnote.title, "page_title": meta.title,
                         "similarity": similarity}))
    if endnote.published and meta.published and not _close_dates(endnote.published,
                                                                 meta.published, meta.modified):
        findings.append(Finding(
            "date_mismatch", "medium",
            f"Endnote {n} dates the source {endnote.published[:10]} but the page says it was "
            f"published {meta.published[:10]}{origin}",
            f"Use the publication date {meta.published[:10]}", [n],
            details={"endnote_date": endnote.published, "page_date": meta.published,
                     "page_modified": meta.modified}))
    if not meta.authors and source.health in ("ok", "redirected"):
        findings.append(Finding(
            "no_author", "low", f"No author could be found for endnote {n}'s source ({source.url})",
            "Name the author or organisation responsible, if the page gives one", [n],
            details={"url": source.url}))
    return findings


def _origin_note(source: Source) -> str:
    if source.capture is not None and source.capture.kind == "reconstructed":
        return " (per a hand-written snapshot, not a live capture)"
    return ""


def _close_dates(cited: str, published: str, modified: str | None) -> bool:
    from datetime import date

    def day(value: str) -> date | None:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None

    first = day(cited)
    if first is None:
        return True
    for other in (published, modified):
        second = day(other) if other else None
        if second is not None and abs((first - second).days) <= DATE_SLACK_DAYS:
            return True
    return day(published) is None
