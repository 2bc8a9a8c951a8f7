"""Corpus reports: one line per article, then the corpus summary (text, Markdown or JSON)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from claimgraph.audit.corpus import CorpusResult
from claimgraph.audit.corpus_summary import CitedWork

__all__ = ["corpus_to_json", "render_corpus_markdown", "render_corpus_text"]


def _severities(findings) -> Counter[str]:
    return Counter(f.severity for f in findings)


def _where(work: CitedWork, limit: int = 4) -> str:
    parts = [f"{a} [{', '.join(map(str, ns))}]" for a, ns in list(work.citations.items())[:limit]]
    more = work.articles - limit
    return "; ".join(parts) + (f"; and {more} more" if more > 0 else "")


def _fetch_line(corpus: CorpusResult) -> str:
    return (f"{corpus.distinct_urls} distinct links, {corpus.requests} network requests, "
            f"{corpus.cache_hits} from captures, {corpus.timings.get('total', 0):.1f} s")


def render_corpus_text(corpus: CorpusResult) -> str:
    """A terminal report of the whole run."""
    summary = corpus.summary
    out = [f"Corpus audit: {len(corpus.results)} articles; {_fetch_line(corpus)}", ""]
    for result in corpus.results:
        counts = _severities(result.findings)
        out.append(f"  {result.article.id:<40} {len(result.article.endnotes):>4} endnotes  "
                   f"high {counts['high']:>3}  medium {counts['medium']:>3}  low {counts['low']:>3}")
    for item, reason in corpus.errors:
        out.append(f"  not audited: {item}: {reason}")
    if summary is None:
        return "\n".join(out) + "\n"
    out += ["", f"{summary.works} distinct works over {summary.endnotes} endnotes", "",
            "Sources cited by the most articles:"]
    out += [f"  {w.articles:>4} articles  {w.urls[0]}" for w in summary.most_cited] or ["  none shared"]
    out += ["", "Dead links by how many articles they break:"]
    out += [f"  {w.articles:>4} articles  {w.health:<8} {w.urls[0]} — {_where(w)}"
            + (f" (archived: {w.archive_url})" if w.archive_url else "")
            for w in summary.dead_by_impact] or ["  none"]
    out += ["", "One work cited under different links across articles:"]
    out += [f"  {w.key}: " + " | ".join(w.urls) + f" — {_where(w)}"
            for w in summary.duplicate_works] or ["  none"]
    return "\n".join(out) + "\n"


def render_corpus_markdown(corpus: CorpusResult) -> str:
    """A Markdown report of the whole run."""
    summary = corpus.summary
    out = ["# Corpus audit", "", _fetch_line(corpus), "",
           "| article | endnotes | high | medium | low |", "|---|---|---|---|---|"]
    for result in corpus.results:
        counts = _severities(result.findings)
        out.append(f"| {result.article.id} | {len(result.article.endnotes)} | {counts['high']} | "
                   f"{counts['medium']} | {counts['low']} |")
    if corpus.errors:
        out += ["", "Not audited:", ""] + [f"- `{item}`: {reason}" for item, reason in corpus.errors]
    if summary is not None:
        out += ["", "## Sources cited by the most articles", "", "| articles | source |", "|---|---|"]
        out += [f"| {w.articles} | <{w.urls[0]}> |" for w in summary.most_cited]
        out += ["", "## Dead links by impact", "", "| articles | health | link | where |",
                "|---|---|---|---|"]
        out += [f"| {w.articles} | {w.health} | <{w.urls[0]}> | {_where(w)} |"
                for w in summary.dead_by_impact]
        out += ["", "## One work, several links", "", "| work | links | where |", "|---|---|---|"]
        out += [f"| {w.key} | {' · '.join(w.urls)} | {_where(w)} |" for w in summary.duplicate_works]
    return "\n".join(out) + "\n"


def _work_json(work: CitedWork) -> dict[str, Any]:
    return {"work": work.key, "urls": work.urls, "articles": work.articles, "health": work.health,
            "archive_url": work.archive_url,
            "citations": [{"article": a, "endnotes": ns} for a, ns in work.citations.items()]}


def corpus_to_json(corpus: CorpusResult, *, articles: bool = True) -> dict[str, Any]:
    """The run as JSON-ready data: each article's audit (or its one-line counts) and the summary."""
    from claimgraph.audit.json_report import audit_to_json

    summary = corpus.summary
    data: dict[str, Any] = {
        "corpus": {
            "articles": len(corpus.results), "distinct_urls": corpus.distinct_urls,
            "requests": corpus.requests, "cache_hits": corpus.cache_hits,
            "seconds": round(corpus.timings.get("total", 0.0), 3),
            "not_audited": [{"input": i, "error": e} for i, e in corpus.errors],
        },
        "articles": [audit_to_json(r) if articles else {
            "id": r.article.id, "location": r.article.location,
            "findings": dict(_severities(r.findings))} for r in corpus.results],
    }
    if summary is not None:
        data["corpus"].update({
            "works": summary.works, "endnotes": summary.endnotes, "findings": summary.findings,
            "most_cited": [_work_json(w) for w in summary.most_cited],
            "dead_by_impact": [_work_json(w) for w in summary.dead_by_impact],
            "duplicate_works": [_work_json(w) for w in summary.duplicate_works],
        })
    return data
