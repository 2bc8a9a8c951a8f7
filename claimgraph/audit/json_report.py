"""The stable, versioned JSON document of an audit (schema: docs/audit-json.md)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from claimgraph.article.titles import title_problem
from claimgraph.audit.checks import bibliography_like, uncited_reading
from claimgraph.evidence.status import claim_statuses
from claimgraph.extract.source_type import source_type
from claimgraph.model import AuditResult, Source

SCHEMA_VERSION = "1.3"  # 1.2: sources[].metadata.provenance; 1.3: hints, citation place, reading-list counts

__all__ = ["SCHEMA_VERSION", "audit_to_json", "source_to_json"]


def source_to_json(source: Source) -> dict[str, Any]:
    """One scraped source as JSON: health, redirects, metadata, passage count, capture."""
    meta = source.metadata
    capture = source.capture
    return {
        "url": source.url,
        "final_url": source.final_url,
        "health": source.health,
        "source_type": source_type(source),
        "status": source.status,
        "redirects": [{"url": r.url, "status": r.status, "location": r.location} for r in source.redirects],
        "metadata": {
            "title": meta.title,
            "authors": list(meta.authors),
            "published": meta.published,
            "modified": meta.modified,
            "site": meta.site,
            "type": meta.type,
            "language": meta.language,
            "provenance": {k: v for k, v in meta.provenance.items() if getattr(meta, k, None)},
        },
        "passages": len(source.passages),
        "capture": None
        if capture is None
        else {
            "kind": capture.kind,
            "fetched_at": capture.fetched_at,
            "sha256": capture.sha256,
            "note": capture.note,
        },
        "archive_url": source.archive_url,
        "error": source.error,
        "hint": source.hint,
    }


def audit_to_json(result: AuditResult) -> dict[str, Any]:
    """The audit as plain JSON-ready data; claims and citations in document order."""
    article = result.article
    endnotes = []
    for e in article.endnotes:
        problem = title_problem(e)
        endnotes.append(
            {
                "number": e.number,
                "label": e.label,
                "section": e.section,
                "kind": e.kind,
                "source": e.source,
                "title": e.title,
                "suggested_title": problem.suggestion if problem else None,
                "url": e.url,
                "raw_url": e.raw_url,
                "canonical_url": e.canonical_url,
                "identifiers": dict(e.identifiers),
                "published": e.published,
                "published_from": e.published_from,
                "authors": list(e.authors),
                "snippet": e.snippet,
                "archive_url": e.archive_url,
                "url_problems": [
                    {
                        "level": p.level,
                        "code": p.code,
                        "message": p.message,
                        "suggestion": p.suggestion,
                    }
                    for p in e.url_problems
                ],
            }
        )
    kinds = Counter(f.kind for f in result.findings)
    statuses = claim_statuses(result)
    return {
        "schema_version": SCHEMA_VERSION,
        "article": {
            "id": article.id,
            "title": article.title,
            "format": article.format,
            "location": article.location,
            "published": article.published,
            "sections": [
                {"title": s.title, "kind": s.kind, "start": s.start, "end": s.end} for s in article.sections
            ],
        },
        "summary": {
            "claims": len(article.claims),
            "citations": len(article.citations),
            "resolved_citations": sum(1 for c in article.citations if c.endnote is not None),
            "endnotes": len(article.endnotes),
            "reading_list_entries": sum(1 for e in article.endnotes if bibliography_like(article, e)),
            "uncited_reading_list_entries": uncited_reading(article),
            "findings": len(result.findings),
            "findings_by_kind": dict(sorted(kinds.items())),
            "findings_by_severity": dict(Counter(f.severity for f in result.findings)),
        },
        "claims": [
            {
                "id": c.id,
                "text": c.text,
                "section": c.section,
                "start": c.start,
                "end": c.end,
                "citations": list(c.citation_ids),
                "status": statuses[c.id],
            }
            for c in article.claims
        ],
        "citations": [
            {
                "id": c.id,
                "claim": c.claim or None,
                "label": c.label,
                "marker": c.marker or c.label,
                "line": c.line,
                "place": c.place,
                "target": c.target,
                "locator": c.locator,
                "domain": c.domain,
                "endnote": c.endnote,
                "score": round(c.score, 4),
                "method": c.method,
                "candidates": [{"endnote": k.endnote, "score": round(k.score, 4)} for k in c.candidates],
                "start": c.start,
                "end": c.end,
            }
            for c in article.citations
        ],
        "endnotes": endnotes,
        "duplicate_groups": [
            {"endnotes": g.endnotes, "strength": g.strength, "reason": g.reason}
            for g in result.duplicate_groups
        ],
        "sources": [{"endnote": n, **source_to_json(s)} for n, s in sorted(result.sources.items())],
        "evidence": [
            {
                "claim": v.claim,
                "endnote": v.endnote,
                "source_url": v.source_url,
                "stance": v.stance,
                "score": round(v.score, 4),
                "support": round(v.support, 4),
                "cited": v.cited,
                "judge": v.judge,
                "reviewed_by": v.reviewed_by,
                "quotes": [{"text": q.text, "start": q.start, "end": q.end} for q in v.quotes],
            }
            for v in result.evidence
        ],
        "findings": [
            {
                "kind": f.kind,
                "severity": f.severity,
                "endnotes": f.endnotes,
                "citations": f.citations,
                "claims": f.claims,
                "message": f.message,
                "fix": f.fix,
                "hint": f.details.get("hint"),
            }
            for f in result.findings
        ],
    }
