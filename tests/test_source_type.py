"""Source types from page metadata, site adapters and URL structure; the findings that use them."""

from __future__ import annotations

import pytest

from claimgraph.evidence.findings import evidence_findings
from claimgraph.evidence.weighing import same_work
from claimgraph.extract.source_type import source_type, type_from_schema, type_from_url
from claimgraph.model import Article, Citation, Claim, Endnote, Evidence, Source, SourceMetadata


@pytest.mark.parametrize(("url", "expected"), [
    ("https://arxiv.org/abs/2412.14093", "primary"),
    ("https://doi.org/10.1038/s41586-020-2012-7", "primary"),
    ("https://www.biorxiv.org/content/10.1101/2020.01.01.123456v1", "primary"),
    ("https://agency.gov/reports/2021/annual.pdf", "primary"),
    ("https://www.reddit.com/r/science/comments/abc123/some_title/", "forum"),
    ("https://news.ycombinator.com/item?id=123", "forum"),
    ("https://www.facebook.com/groups/12345/posts/678", "forum"),
    ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "video"),
    ("https://someone.substack.com/p/why-this-matters", "blog"),
    ("https://example.com/blog/2020/05/a-post", "blog"),
    ("https://example.com/tag/climate/", "aggregator"),
    ("https://en.wikipedia.org/wiki/Eiffel_Tower", "reference"),
    ("https://example.com/about", "unknown"),
])
def test_url_structure_and_adapters(url: str, expected: str) -> None:
    assert type_from_url(url) == expected


def test_page_metadata_comes_before_the_url() -> None:
    paper = Source(url="https://example.com/blog/post", metadata=SourceMetadata(
        type="ScholarlyArticle"))
    assert source_type(paper) == "primary"
    news = Source(url="https://example.com/2021/story", metadata=SourceMetadata(type="NewsArticle"))
    assert source_type(news) == "news"
    generic = Source(url="https://example.com/blog/post", metadata=SourceMetadata(type="Article"))
    assert source_type(generic) == "blog"  # a generic type says nothing; the path decides
    assert type_from_schema("https://schema.org/VideoObject") == "video"
    stored = Source(url="https://example.com/x", source_type="news")
    assert source_type(stored) == "news"


def test_same_work_by_canonical_url_or_identifier() -> None:
    assert same_work("https://arxiv.org/abs/2412.14093", "https://arxiv.org/pdf/2412.14093v2")
    assert same_work("http://www.example.com/a?utm_source=x", "https://example.com/a")
    assert not same_work("https://arxiv.org/abs/2412.14093", "https://arxiv.org/abs/2401.00001")


def _article(urls: dict[int, str], cites: list[int]) -> Article:
    claim = Claim(id="c1", text="The bridge carries 40,000 cars a day.", section="Body",
                  start=0, end=37, block=0)
    citations = []
    for k, n in enumerate(cites):
        citations.append(Citation(id=f"c1.{k}", claim="c1", label=str(n), start=37, end=37,
                                  endnote=n))
        claim.citation_ids.append(citations[-1].id)
    endnotes = [Endnote(number=n, section="Endnotes", url=u, canonical_url=u)
                for n, u in urls.items()]
    return Article(id="a", title="t", text=claim.text, format="text", claims=[claim],
                   citations=citations, endnotes=endnotes)


def _evidence(number: int, url: str, stance: str, support: float, cited: bool) -> Evidence:
    return Evidence(claim="c1", source_url=url, stance=stance, score=support, support=support,
                    quotes=[], judge="test", endnote=number, cited=cited)


def test_claims_resting_on_forums_or_videos_alone_are_flagged() -> None:
    urls = {1: "https://www.reddit.com/r/x/comments/abc/t/", 2: "https://www.youtube.com/watch?v=a",
            3: "https://doi.org/10.1000/xyz123"}
    sources = {n: Source(url=u, text="t") for n, u in urls.items()}
    evidence = [_evidence(1, urls[1], "supports", 0.8, True)]
    findings = evidence_findings(_article(urls, [1, 2]), evidence, sources)
    weak = [f for f in findings if f.kind == "weak_source_support"]
    assert len(weak) == 1 and weak[0].severity == "medium" and weak[0].endnotes == [1, 2]
    # a paper elsewhere in the article supports it: still flagged, but low, and named
    evidence.append(_evidence(3, urls[3], "supports", 0.7, False))
    weak = [f for f in evidence_findings(_article(urls, [1, 2]), evidence, sources)
            if f.kind == "weak_source_support"]
    assert weak[0].severity == "low" and weak[0].details["stronger"] == [3]
    # cited to the paper too: nothing to flag
    findings = evidence_findings(_article(urls, [1, 3]), evidence, sources)
    assert not [f for f in findings if f.kind == "weak_source_support"]


def test_better_citation_prefers_the_primary_source_but_not_a_copy() -> None:
    urls = {1: "https://example.com/blog/what-the-paper-says", 2: "https://arxiv.org/abs/2412.14093",
            3: "https://arxiv.org/pdf/2412.14093v2"}
    sources = {n: Source(url=u, text="t") for n, u in urls.items()}
    evidence = [_evidence(1, urls[1], "supports", 0.8, True),
                _evidence(2, urls[2], "supports", 0.7, False)]
    better = [f for f in evidence_findings(_article(urls, [1]), evidence, sources)
              if f.kind == "better_citation"]
    assert better and better[0].details["suggested"] == 2 and "primary" in better[0].message
    # citing the paper's PDF already: its abstract page is the same work, not a better citation
    evidence = [_evidence(3, urls[3], "supports", 0.5, True),
                _evidence(2, urls[2], "supports", 0.9, False)]
    better = [f for f in evidence_findings(_article(urls, [3]), evidence, sources)
              if f.kind == "better_citation"]
    assert not better


def test_malformed_links_are_unknown_not_errors() -> None:
    assert type_from_url("https://[broken/link") == "unknown"
    assert not same_work("https://[broken/link", "https://example.com/a")
