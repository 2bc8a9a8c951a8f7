"""The audit: read → claims → citations → endnotes → sources → evidence → graph → checks."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from claimgraph.article.dedupe import duplicate_groups
from claimgraph.article.load import article_from_text, default_article_path, load_article
from claimgraph.audit.checks import article_findings, finish_findings
from claimgraph.audit.source_checks import network_findings, source_findings
from claimgraph.audit.sparql_checks import run_sparql_checks
from claimgraph.evidence import evidence_findings, judge_article, source_origins
from claimgraph.evidence.findings import judge_fallback_finding
from claimgraph.fetch import FetchConfig, collect_sources
from claimgraph.fetch.config import default_cache_dir
from claimgraph.fetch.progress import ProgressCallback, SummaryCallback
from claimgraph.graph.evidence import add_evidence_triples
from claimgraph.graph.reviews import apply_reviews, load_reviews
from claimgraph.graph.sources import add_source_triples
from claimgraph.graph.triples import add_findings, build_article_graph
from claimgraph.graph.vocab import graph_iri
from claimgraph.model import Article, AuditResult, Finding, Source
from claimgraph.shipped import default_snapshots_dir

SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}

__all__ = ["AuditOptions", "audit", "audit_article", "sort_findings"]


@dataclass
class AuditOptions:
    """How an audit runs: sources from the network or only from captures and snapshots, etc."""

    online: bool = False
    cache_dir: Path | None = None
    snapshots_dir: Path | None = field(default_factory=default_snapshots_dir)
    fetch: FetchConfig = field(default_factory=FetchConfig)  # politeness, address guard, refresh, max age
    judge: str = "default"
    evidence: bool = True
    on_progress: ProgressCallback | None = None  # (done, total, counts by health) while fetching
    on_fetch_summary: SummaryCallback | None = None  # once, when a fetch run ends


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Worst first; then by kind and the first endnote, claim or citation concerned."""

    def key(f: Finding) -> tuple:
        first = f.endnotes[0] if f.endnotes else 10**9
        return (SEVERITY_ORDER.get(f.severity, 3), f.kind, first, f.citations[:1], f.claims[:1])

    return sorted(findings, key=key)


def audit(
    path: str | Path | None = None,
    *,
    text: str | None = None,
    location: str = "",
    article_format: str | None = None,
    store=None,
    options: AuditOptions | None = None,
    on_stage: Callable[[str], None] | None = None,
) -> AuditResult:
    """Audit an article file (the embedded sample when no path or text is given)."""
    started = time.perf_counter()
    if text is not None:
        article = article_from_text(text, location or "article.txt", article_format)
    else:
        article = load_article(path or default_article_path(), article_format)
    result = audit_article(article, store=store, options=options, on_stage=on_stage)
    result.timings["total"] = time.perf_counter() - started
    return result


def audit_article(
    article: Article,
    *,
    store=None,
    options: AuditOptions | None = None,
    on_stage: Callable[[str], None] | None = None,
    collected: dict[str, Source] | None = None,
) -> AuditResult:
    """Audit an already loaded article; writes its named graph to ``store`` when one is given.

    ``collected`` holds sources already fetched by URL (a corpus run fetches once for all).
    """
    options = options or AuditOptions()
    timings: dict[str, float] = {}

    def stage(name: str, started: float) -> None:
        timings[name] = time.perf_counter() - started
        if on_stage:
            on_stage(name)

    t = time.perf_counter()
    groups = duplicate_groups(article.endnotes)
    stage("duplicates", t)
    t = time.perf_counter()
    sources = _collect_sources(article, options) if collected is None else _by_number(article, collected)
    stage("sources", t)
    t = time.perf_counter()
    notices: list[str] = []
    evidence = (judge_article(article, sources, judge=options.judge, on_notice=notices.append)
                if options.evidence else [])
    if evidence and store is not None:
        evidence = apply_reviews(article, article.id, evidence, load_reviews(store))
    stage("evidence", t)
    t = time.perf_counter()
    graph = build_article_graph(article, groups)
    _add_source_and_evidence_triples(graph, article, sources, evidence)
    stage("graph", t)
    t = time.perf_counter()
    findings = article_findings(article, groups)
    findings += run_sparql_checks(graph, article.id)
    findings += source_findings(article, sources) if sources else []
    findings += network_findings(sources)
    findings += evidence_findings(article, evidence, sources) if evidence else []
    findings += [judge_fallback_finding(notice) for notice in notices[:1]]
    finish_findings(article, groups, findings)
    findings = sort_findings(findings)
    add_findings(graph, article, findings)
    stage("checks", t)
    if store is not None:
        t = time.perf_counter()
        store.replace_graph(graph_iri(article.id), graph)
        stage("store", t)
    return AuditResult(
        article=article,
        findings=findings,
        duplicate_groups=groups,
        sources=sources,
        evidence=evidence,
        graph=graph,
        timings=timings,
    )


def _collect_sources(article: Article, options: AuditOptions) -> dict[int, Source]:
    urls = list(dict.fromkeys(e.url for e in article.endnotes if e.url))
    found = collect_sources(
        urls,
        offline=not options.online,
        cache_dir=options.cache_dir or default_cache_dir(),
        snapshots_dir=options.snapshots_dir,
        progress=options.on_progress,
        on_summary=options.on_fetch_summary,
        config=options.fetch,
    )
    return _by_number(article, found)


def _by_number(article: Article, found: dict[str, Source]) -> dict[int, Source]:
    """The article's sources by endnote number, keeping what the run saw of the network."""
    from claimgraph.fetch.sources import Sources

    by_number = Sources((e.number, found[e.url]) for e in article.endnotes if e.url and e.url in found)
    by_number.network_down = getattr(found, "network_down", False)
    by_number.hosts_checked = getattr(found, "hosts_checked", 0)
    by_number.hosts_failed = getattr(found, "hosts_failed", 0)
    return by_number


def _add_source_and_evidence_triples(graph, article: Article, sources, evidence) -> None:
    if sources:
        add_source_triples(graph, article.id, sources)
    if evidence:
        add_evidence_triples(graph, article.id, article, evidence, origins=source_origins(sources))
