"""Many articles, one run: one fetch queue, one politeness budget per host, one capture cache, one graph.

Every article is read first; the links of all of them are checked together (a source cited by
40 articles is fetched once), then each article is audited against those sources and written
to the store. Work comes from any iterable, so a scheduler can feed it (see docs/scaling.md).
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from claimgraph.article.load import article_id_for, load_article
from claimgraph.audit.corpus_inputs import expand_inputs, is_url, load_remote_article
from claimgraph.audit.corpus_summary import CorpusSummary, corpus_summary
from claimgraph.audit.pipeline import AuditOptions, audit_article
from claimgraph.errors import ClaimgraphError
from claimgraph.fetch.config import default_cache_dir
from claimgraph.fetch.progress import fetch_summary
from claimgraph.model import Article, AuditResult, Source

__all__ = ["CorpusResult", "audit_corpus", "collect_corpus_sources", "load_corpus"]


@dataclass
class CorpusResult:
    """Per-article audits (graphs dropped once stored), inputs that failed, and the corpus summary."""

    results: list[AuditResult] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (input, one-line reason)
    summary: CorpusSummary | None = None
    requests: int = 0  # network requests made, robots.txt and archive lookups included
    cache_hits: int = 0
    distinct_urls: int = 0
    timings: dict[str, float] = field(default_factory=dict)


def load_corpus(
    items: Iterable[str | Path], options: AuditOptions, article_format: str | None = None,
) -> tuple[list[Article], list[tuple[str, str]]]:
    """Every readable article (ids made unique) and a one-line reason for each that is not."""
    articles: list[Article] = []
    errors: list[tuple[str, str]] = []
    cache = options.cache_dir or default_cache_dir()
    for item in expand_inputs(items):
        try:
            if is_url(item):
                article = load_remote_article(item, config=options.fetch, cache_dir=cache,
                                              offline=not options.online, article_format=article_format)
            else:
                article = load_article(item, article_format)
        except (ClaimgraphError, OSError) as error:
            errors.append((item, str(error)))
            continue
        articles.append(article)
    _unique_ids(articles)
    return articles, errors


def _unique_ids(articles: list[Article]) -> None:
    """Keep every article's graph apart: a shared stem (article.md in many folders) takes its folder."""
    shared = Counter(a.id for a in articles)
    for article in articles:
        if shared[article.id] > 1:
            folder = Path(article.location.split("?")[0].rstrip("/")).parent.name
            article.id = article_id_for(f"{folder}-{article.id}")
    seen: Counter[str] = Counter()
    for article in articles:
        seen[article.id] += 1
        if seen[article.id] > 1:
            article.id = f"{article.id}-{seen[article.id]}"


def collect_corpus_sources(
    articles: list[Article], options: AuditOptions,
) -> tuple[dict[str, Source], Counter[str], int]:
    """Every distinct endnote URL of the corpus, collected in one run; its counts and how many URLs."""
    from claimgraph.fetch.aio_collect import run_async_collect

    urls = list(dict.fromkeys(e.url for a in articles for e in a.endnotes if e.url))
    started = time.perf_counter()
    found, counts = run_async_collect(
        urls, offline=not options.online, cache_dir=options.cache_dir or default_cache_dir(),
        snapshots_dir=options.snapshots_dir, allow_private=options.fetch.allow_private,
        progress=options.on_progress, config=options.fetch,
    )
    if options.on_fetch_summary is not None:
        options.on_fetch_summary(fetch_summary(found, counts, time.perf_counter() - started))
    return found, counts, len(urls)


def audit_corpus(
    items: Iterable[str | Path],
    *,
    store=None,
    options: AuditOptions | None = None,
    article_format: str | None = None,
    keep_graphs: bool = False,
    on_article: Callable[[AuditResult], None] | None = None,
) -> CorpusResult:
    """Audit every article named by ``items`` (files, folders, lists, sitemaps, URLs) in one run."""
    options = options or AuditOptions()
    corpus = CorpusResult()
    started = time.perf_counter()
    articles, corpus.errors = load_corpus(items, options, article_format)
    corpus.timings["read"] = time.perf_counter() - started
    t = time.perf_counter()
    collected, counts, corpus.distinct_urls = collect_corpus_sources(articles, options)
    corpus.requests, corpus.cache_hits = counts["requests"], counts["cache_hits"]
    corpus.timings["sources"] = time.perf_counter() - t
    t = time.perf_counter()
    for article in articles:
        try:
            result = audit_article(article, store=store, options=options, collected=collected)
        except ClaimgraphError as error:  # a store in trouble: say which article, go on
            corpus.errors.append((article.location or article.id, str(error)))
            continue
        if not keep_graphs:
            result.graph = None  # it is in the store; 200 rdflib graphs would not fit in memory
        if on_article:
            on_article(result)
        corpus.results.append(result)
    corpus.timings["audits"] = time.perf_counter() - t
    corpus.summary = corpus_summary(corpus.results)
    corpus.timings["total"] = time.perf_counter() - started
    return corpus
