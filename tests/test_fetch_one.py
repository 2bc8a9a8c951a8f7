"""Reading one article by URL goes through the fetch client: live, then replayed offline."""

from __future__ import annotations

import pytest
from loopback import answering, serving

from claimgraph.api import fetch_article
from claimgraph.audit.corpus_inputs import load_remote_article
from claimgraph.fetch.config import FetchConfig

ARTICLE = "# A post\n\nThe sky is blue.[^1]\n\n[^1]: https://example.org/sky\n"


_Article = answering(200, "text/markdown; charset=utf-8", ARTICLE.encode())


@pytest.fixture
def server():
    with serving(_Article) as base:
        yield f"{base}/post.md"


def test_fetch_article_reads_the_page_when_loopback_is_allowed(server) -> None:
    assert fetch_article(server, allow_private=True) == ARTICLE


def test_a_fetched_article_is_replayed_offline_without_a_request(server, tmp_path) -> None:
    config = FetchConfig(allow_private=True, respect_robots=False)
    live = load_remote_article(server, config=config, cache_dir=tmp_path, offline=False)
    before = _Article.hits
    replayed = load_remote_article(server, config=config, cache_dir=tmp_path, offline=True)
    assert _Article.hits == before, "offline made a request"
    assert [e.url for e in replayed.endnotes] == [e.url for e in live.endnotes] == ["https://example.org/sky"]
