"""The editor's to-do list: one row per problem, worst first, read off an AuditResult."""

from __future__ import annotations

from collections import defaultdict

from claimgraph.explorer.hints import fix_words
from claimgraph.explorer.labels import endnote_label
from claimgraph.model import AuditResult, Endnote, Finding, Source

__all__ = ["SEVERITIES", "severity_rank", "worst_by_endnote", "todo_rows", "filter_todo", "link_reason"]

SEVERITIES = ("high", "medium", "low")


def severity_rank(severity: str) -> int:
    """0 for high, 1 medium, 2 low, 3 anything else (sorts worst first)."""
    return SEVERITIES.index(severity) if severity in SEVERITIES else len(SEVERITIES)


def worst_by_endnote(result: AuditResult) -> dict[int, str]:
    """Endnote number → the severity of its worst finding (endnotes without findings are absent)."""
    worst: dict[int, str] = {}
    for finding in result.findings:
        for number in finding.endnotes:
            if number not in worst or severity_rank(finding.severity) < severity_rank(worst[number]):
                worst[number] = finding.severity
    return worst


def _sentences(result: AuditResult, finding: Finding, citing: dict[int, list[str]]) -> list[str]:
    """The claim ids a finding affects: its own, its citations' claims, else its endnotes' citers."""
    claims = list(finding.claims)
    by_id = {c.id: c for c in result.article.citations} if finding.citations else {}
    claims += [by_id[c].claim for c in finding.citations if c in by_id]
    if not claims:
        for number in finding.endnotes:
            claims += citing.get(number, [])
    return list(dict.fromkeys(claims))


def todo_rows(result: AuditResult) -> list[dict[str, object]]:
    """One row per finding, most severe first: endnote labels, the sentence affected, problem, fix."""
    article = result.article
    endnotes = {e.number: e for e in article.endnotes}
    texts = {c.id: c.text for c in article.claims}
    citing: dict[int, list[str]] = defaultdict(list)
    for citation in article.citations:
        if citation.endnote is not None:
            citing[citation.endnote].append(citation.claim)
    rows = []
    for order, finding in enumerate(result.findings):
        claims = _sentences(result, finding, citing)
        rows.append(
            {
                "severity": finding.severity,
                "kind": finding.kind,
                "endnote": ", ".join(endnote_label(endnotes.get(n), n) for n in finding.endnotes),
                "sentence": texts.get(claims[0], "") if claims else "",
                "more sentences": max(0, len(claims) - 1),
                "problem": finding.message,
                "fix": fix_words(finding),
                "numbers": list(finding.endnotes),
                "claims": claims,
                "order": order,
            }
        )
    rows.sort(key=lambda r: (severity_rank(str(r["severity"])), r["order"]))
    return rows


def filter_todo(
    rows: list[dict[str, object]], *, kinds: list[str], severities: list[str], text: str = ""
) -> list[dict[str, object]]:
    """The rows of the chosen kinds and severities (none chosen: all) that contain ``text``."""
    needle = text.strip().lower()
    kept = []
    for row in rows:
        if kinds and row["kind"] not in kinds:
            continue
        if severities and row["severity"] not in severities:
            continue
        if (
            needle
            and needle not in " ".join(str(row[k]) for k in ("endnote", "sentence", "problem", "fix")).lower()
        ):
            continue
        kept.append(row)
    return kept


def link_reason(endnote: Endnote, source: Source | None) -> str:
    """Why an endnote's link is in the state it is, in words (never empty)."""
    if not (endnote.url or endnote.raw_url):
        return "The endnote has no link."
    problems = [p.message for p in endnote.url_problems]
    if source is None:
        problems.append("Its source was not checked: no capture or snapshot, and fetching online is off.")
        return " ".join(problems)
    if source.error:
        problems.append(f"Checking it failed: {source.error}.")
    elif source.status:
        problems.append(f"The server answered HTTP {source.status}.")
    if source.health == "unchecked" and source.capture is not None:
        problems.append(f"Read from a {source.capture.kind} copy, not checked live.")
    elif source.health == "unchecked":
        problems.append("Its source was not checked.")
    if source.redirects:
        problems.append(
            f"It redirects {len(source.redirects)} time(s), ending at {source.final_url or source.url}."
        )
    return " ".join(problems) or f"Link health: {source.health}."
