"""The corpus summary: most-cited sources, dead links by how many articles they break, duplicate works."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from claimgraph.article.urls import canonical_url
from claimgraph.graph.triples import work_key
from claimgraph.model import AuditResult, Source

BROKEN = ("dead", "soft_404")

__all__ = ["CitedWork", "CorpusSummary", "corpus_summary"]


@dataclass
class CitedWork:
    """One work as the corpus cites it: under which URLs, by which articles and endnotes."""

    key: str
    urls: list[str] = field(default_factory=list)  # one link as cited per canonical form
    forms: set[str] = field(default_factory=set, repr=False)  # canonical forms seen
    citations: dict[str, list[int]] = field(default_factory=dict)  # article id -> endnote numbers
    health: str = "unchecked"
    archive_url: str | None = None

    @property
    def articles(self) -> int:
        """How many articles cite the work."""
        return len(self.citations)


@dataclass
class CorpusSummary:
    """What the corpus shows that no single article does."""

    articles: int = 0
    endnotes: int = 0
    works: int = 0
    most_cited: list[CitedWork] = field(default_factory=list)
    dead_by_impact: list[CitedWork] = field(default_factory=list)
    duplicate_works: list[CitedWork] = field(default_factory=list)
    findings: dict[str, int] = field(default_factory=dict)  # severity -> count over the corpus


def _final_key(source: Source | None) -> str | None:
    if source is None or source.health not in ("ok", "redirected") or not source.final_url:
        return None
    return canonical_url(source.final_url)


def _works(results: list[AuditResult]) -> list[CitedWork]:
    works: dict[str, CitedWork] = {}
    by_final: dict[str, str] = {}  # a page reached by two keys is one work (e.g. a moved URL)
    for result in results:
        article = result.article
        for endnote in article.endnotes:
            if not endnote.url:
                continue
            source = result.sources.get(endnote.number)
            key = work_key(endnote, article.id)
            final = _final_key(source)
            if final is not None:
                key = by_final.setdefault(final, key)
            work = works.setdefault(key, CitedWork(key))
            form = endnote.canonical_url or endnote.url
            if form not in work.forms:
                work.forms.add(form)
                work.urls.append(endnote.url)
            work.citations.setdefault(article.id, []).append(endnote.number)
            if source is not None and work.health == "unchecked":
                work.health, work.archive_url = source.health, source.archive_url
    return list(works.values())


def corpus_summary(results: list[AuditResult], *, top: int = 20) -> CorpusSummary:
    """Summarise audited articles: sources cited by many, broken links by impact, one work cited many ways."""
    works = _works(results)
    findings: dict[str, int] = defaultdict(int)
    for result in results:
        for finding in result.findings:
            findings[finding.severity] += 1
    by_reach = sorted(works, key=lambda w: (-w.articles, -sum(map(len, w.citations.values())), w.key))
    return CorpusSummary(
        articles=len(results),
        endnotes=sum(len(r.article.endnotes) for r in results),
        works=len(works),
        most_cited=[w for w in by_reach if w.articles > 1][:top],
        dead_by_impact=[w for w in by_reach if w.health in BROKEN][:top],
        duplicate_works=[w for w in by_reach if len(w.urls) > 1 and w.articles > 1][:top],
        findings=dict(findings),
    )
