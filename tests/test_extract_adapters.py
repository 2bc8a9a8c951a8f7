"""Site adapters run through the same fetcher as live, against zoo stand-ins of each API."""

from __future__ import annotations

import pytest
from zoo.fixtures import fake_dns, zoo, zoo_config  # noqa: F401

from claimgraph.extract.adapters import adapter_for
from claimgraph.fetch import collect_sources


def _port(zoo):  # noqa: F811
    return zoo.server_address[1]


def _collect(zoo, urls):  # noqa: F811
    return collect_sources(urls, offline=False, config=zoo_config(zoo, allow_private=True))


@pytest.mark.usefixtures("fake_dns")
def test_arxiv_abs_page_reads_the_export_api(zoo):  # noqa: F811
    url = f"http://arxiv.org:{_port(zoo)}/abs/2412.14093v1"
    source = _collect(zoo, [url])[url]
    meta = source.metadata
    assert source.health == "ok"
    assert meta.title == "Alignment faking in large language models"
    assert meta.authors == ["Ryan Greenblatt", "Carson Denison", "Benjamin Wright", "Evan Hubinger"]
    assert meta.published.startswith("2024-12-18") and meta.modified.startswith("2024-12-20")
    assert meta.provenance["authors"] == "arxiv"


@pytest.mark.usefixtures("fake_dns")
def test_hacker_news_youtube_reddit_doi_wikipedia(zoo):  # noqa: F811
    port = _port(zoo)
    urls = {
        "hn": f"http://news.ycombinator.com:{port}/item?id=8863",
        "yt": f"http://www.youtube.com:{port}/watch?v=abc123",
        "reddit": f"http://www.reddit.com:{port}/r/ZooAI/comments/1abcde/our_paper/",
        "doi": f"http://doi.org:{port}/10.1234/zoo.5678",
        "wiki": f"http://en.wikipedia.org:{port}/wiki/AI_alignment",
    }
    found = _collect(zoo, list(urls.values()))
    hn, yt, reddit, doi, wiki = (found[urls[k]] for k in ("hn", "yt", "reddit", "doi", "wiki"))
    assert hn.metadata.title == "Alignment faking in large language models"
    assert hn.metadata.type == "DiscussionForumPosting" and hn.metadata.published
    assert yt.metadata.title == "Alignment faking explained"
    assert yt.metadata.authors == ["Zoo Channel"] and yt.metadata.type == "VideoObject"
    assert reddit.health == "blocked"  # the page refuses bots, the API still answers
    assert reddit.metadata.title == "Our recent paper found something"
    assert doi.health == "redirected"
    assert doi.metadata.authors == ["Grace Hopper", "Zoo Lab"]
    assert doi.metadata.published == "2021-03-04" and doi.metadata.site == "Zoo Letters"
    assert wiki.metadata.title == "AI alignment" and wiki.metadata.modified
    assert wiki.passages


def test_pdf_metadata_and_text(zoo):  # noqa: F811
    url = zoo.base + "/paper.pdf"
    source = _collect(zoo, [url])[url]
    assert source.metadata.title == "A zoo paper"
    assert source.metadata.authors == ["Grace Hopper"]
    assert "Compilers translate code" in source.text


@pytest.mark.parametrize(
    "url,name",
    [
        ("https://arxiv.org/abs/2412.14093", "arxiv"),
        ("https://arxiv.org/pdf/2412.14093v2", "arxiv"),
        ("https://arxiv.org/html/2506.18032v1", "arxiv"),
        ("https://doi.org/10.1000/xyz", "doi"),
        ("https://news.ycombinator.com/item?id=42458752", "hackernews"),
        ("https://youtu.be/MTxow9w8BxE", "youtube"),
        ("https://www.reddit.com/r/ClaudeAI/comments/1ifxr3t/x/", "reddit"),
        ("https://en.wikipedia.org/wiki/Alignment", "wikipedia"),
    ],
)
def test_registry_finds_the_adapter(url, name):
    adapter = adapter_for(url)
    assert adapter is not None
    assert name == adapter.NAME


def test_unknown_site_has_no_adapter():
    assert adapter_for("https://www.anthropic.com/research/alignment-faking") is None
