"""Reading one article by URL goes through the fetch client: live, then replayed offline."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from claimgraph.api import fetch_article
from claimgraph.audit.corpus_inputs import load_remote_article
from claimgraph.fetch.config import FetchConfig

ARTICLE = "# A post\n\nThe sky is blue.[^1]\n\n[^1]: https://example.org/sky\n"


class _Article(BaseHTTPRequestHandler):
    hits = 0

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        type(self).hits += 1
        body = ARTICLE.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/markdown; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Article)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/post.md"
    httpd.shutdown()
    httpd.server_close()


def test_fetch_article_reads_the_page_when_loopback_is_allowed(server) -> None:
    assert fetch_article(server, allow_private=True) == ARTICLE


def test_a_fetched_article_is_replayed_offline_without_a_request(server, tmp_path) -> None:
    config = FetchConfig(allow_private=True, respect_robots=False)
    live = load_remote_article(server, config=config, cache_dir=tmp_path, offline=False)
    before = _Article.hits
    replayed = load_remote_article(server, config=config, cache_dir=tmp_path, offline=True)
    assert _Article.hits == before, "offline made a request"
    assert [e.url for e in replayed.endnotes] == [e.url for e in live.endnotes] == ["https://example.org/sky"]
