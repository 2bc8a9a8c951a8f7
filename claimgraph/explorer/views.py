"""Plain rows and labels the pages show, read off an AuditResult (no audit logic of its own)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from claimgraph.api import best_title, claim_statuses
from claimgraph.explorer.hints import fix_words
from claimgraph.explorer.labels import endnote_label
from claimgraph.explorer.text import short
from claimgraph.explorer.todo import link_reason
from claimgraph.model import AuditResult, Evidence, Source

__all__ = [
    "HEALTH_CATEGORIES",
    "STATUS_STYLE",
    "STANCE_COLOURS",
    "STATUS_FILL",
    "SEVERITY_RANK",
    "StatusStyle",
    "claim_statuses",
    "health_counts",
    "endnote_rows",
    "finding_rows",
    "source_rows",
    "evidence_for_claim",
    "source_title",
    "duplicate_group_of",
]

HEALTH_CATEGORIES = ("ok", "dead", "blocked", "duplicate", "orphan", "unresolved", "unsupported", "unchecked")
SEVERITY_RANK = {"high": 0, "medium": 1, "low": 2}
_DEAD = {"dead", "soft_404", "malformed"}
_OK = {"ok", "redirected"}


@dataclass(frozen=True)
class StatusStyle:
    """How a claim's support status is drawn: a Streamlit colour, a text label and a symbol."""

    colour: str
    label: str
    symbol: str


STATUS_STYLE = {
    "supported": StatusStyle("green", "SUPPORTED", "✔"),
    "disputed": StatusStyle("red", "DISPUTED", "✘"),
    "weak": StatusStyle("orange", "WEAK: source only mentions it", "~"),
    "unsupported": StatusStyle("red", "UNSUPPORTED: cited source is unrelated", "✗"),
    "not judged": StatusStyle("blue", "NOT JUDGED: no source text", "?"),
    "uncited": StatusStyle("gray", "UNCITED", "∅"),
}
# Colours of stances (edges, charts) and of status fills (nodes), for every drawing of the graph.
STANCE_COLOURS = {"supports": "#2e7d32", "disputes": "#c62828", "mentions": "#ef6c00", "unrelated": "#9e9e9e"}
STATUS_FILL = {
    "green": "#c8e6c9",
    "red": "#ffcdd2",
    "orange": "#ffe0b2",
    "gray": "#eeeeee",
    "blue": "#bbdefb",
    "violet": "#e1bee7",
}


def health_counts(result: AuditResult) -> dict[str, int]:
    """Endnote health: link health of sources plus duplicate, orphan, unresolved and unsupported."""
    kinds = Counter(f.kind for f in result.findings)
    health = Counter(s.health for s in result.sources.values())
    duplicates = sum(len(g.endnotes) - 1 for g in result.duplicate_groups)
    checked = sum(health.values()) - health.get("unchecked", 0)
    return {
        "ok": sum(health[h] for h in _OK),
        "dead": sum(health[h] for h in _DEAD),
        "blocked": health.get("blocked", 0),
        "duplicate": duplicates,
        "orphan": kinds.get("orphan_endnote", 0),
        "unresolved": kinds.get("unresolved_citation", 0),
        "unsupported": sum(n for k, n in kinds.items() if k.startswith("unsupported")),
        "unchecked": len(result.article.endnotes) - checked,
    }


def duplicate_group_of(result: AuditResult) -> dict[int, str]:
    """Endnote number → a group label (``G1 certain``) for endnotes in a duplicate group."""
    groups = {}
    for index, group in enumerate(result.duplicate_groups, start=1):
        for number in group.endnotes:
            groups.setdefault(number, f"G{index} {group.strength}")
    return groups


def source_title(source: Source | None) -> str:
    """The scraped title of a source, or an empty string."""
    return (source.metadata.title or "") if source else ""


def endnote_rows(result: AuditResult) -> list[dict[str, object]]:
    """One row per endnote: what it says, its health, its findings and fixes; groups together."""
    by_endnote: dict[int, list] = defaultdict(list)
    for finding in result.findings:
        for number in finding.endnotes:
            by_endnote[number].append(finding)
    cited_by = Counter(c.endnote for c in result.article.citations if c.endnote is not None)
    groups = duplicate_group_of(result)
    rows = []
    for e in result.article.endnotes:
        found = by_endnote.get(e.number, [])
        source = result.sources.get(e.number)
        worst = min((SEVERITY_RANK.get(f.severity, 3) for f in found), default=None)
        rows.append(
            {
                "endnote": e.number,
                "duplicate group": groups.get(e.number, ""),
                "worst": ("high", "medium", "low", "other")[worst] if worst is not None else "",
                "title": e.title or "",
                "best title": best_title(e) or "",
                "site": e.source or "",
                "link": e.url or e.raw_url or "",
                "published": e.published or "",
                "health": source.health if source else "unchecked",
                "cited by": cited_by.get(e.number, 0),
                "findings": "; ".join(sorted({f.kind for f in found})),
                "problems": " | ".join(f.message for f in found),
                "fixes": " | ".join(fix_words(f) for f in found if f.fix),
            }
        )
    rows.sort(key=lambda r: (_group_order(str(r["duplicate group"])), r["endnote"]))
    return rows


def _group_order(label: str) -> int:
    return int(label.split()[0][1:]) if label else 10**9


def finding_rows(result: AuditResult) -> list[dict[str, object]]:
    """One row per finding, worst first (the audit's own order)."""
    return [
        {
            "severity": f.severity,
            "kind": f.kind,
            "endnotes": ", ".join(str(n) for n in f.endnotes),
            "problem": f.message,
            "fix": fix_words(f),
        }
        for f in result.findings
    ]


def source_rows(result: AuditResult) -> list[dict[str, object]]:
    """One row per endnote, readable columns first: title, site, health and why; the link last."""
    rows = []
    for endnote in result.article.endnotes:
        source = result.sources.get(endnote.number)
        capture = source.capture if source else None
        meta = source.metadata if source else None
        rows.append(
            {
                "title": source_title(source) or best_title(endnote) or "",
                "site": (meta.site if meta else None) or endnote.source or "",
                "health": source.health if source else "unchecked",
                "why": link_reason(endnote, source),
                "authors": ", ".join(meta.authors) if meta else "",
                "published": (meta.published if meta else None) or endnote.published or "",
                "checked": f"{capture.fetched_at} ({capture.kind})" if capture else "",
                "endnote": endnote_label(endnote),
                "link": short(endnote.url or endnote.raw_url or "", 70),
            }
        )
    return rows


def evidence_for_claim(result: AuditResult, claim_id: str) -> list[Evidence]:
    """The evidence judged for one claim, strongest first."""
    items = [e for e in result.evidence if e.claim == claim_id]
    return sorted(items, key=lambda e: (not e.cited, -e.support, -e.score))
