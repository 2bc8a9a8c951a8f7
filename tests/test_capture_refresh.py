"""Capture history, --refresh and --max-age on the path the library collects with (asyncio)."""

from __future__ import annotations

import threading
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from claimgraph.fetch import collect_sources
from claimgraph.fetch.config import FetchConfig


class _Gone(BaseHTTPRequestHandler):
    hits = 0

    def do_GET(self) -> None:  # noqa: N802 - the http.server name
        type(self).hits += 1
        body = b"<html><title>Not here</title><body>gone</body></html>"
        self.send_response(404)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def gone_server():
    _Gone.hits = 0
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Gone)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/page"
    server.shutdown()
    server.server_close()


def _check(url: str, cache: Path, **config: object):
    settings = FetchConfig(retries=0, per_host_interval=0.0, respect_robots=False, allow_private=True,
                           **config)
    return collect_sources([url], offline=False, cache_dir=cache, config=replace(settings, allow_private=True),
                           extract=False)[url]


def test_a_replayed_capture_asks_nothing_and_refresh_asks_again(gone_server, tmp_path) -> None:
    cache = tmp_path / "cache"
    first = _check(gone_server, cache)
    assert first.health == "dead" and _Gone.hits == 1 and len(first.dead_checks) == 1
    _check(gone_server, cache)
    assert _Gone.hits == 1  # replayed from the capture
    again = _check(gone_server, cache, refresh=True)
    assert _Gone.hits == 2
    assert len(again.dead_checks) == 2  # both answers are remembered: a later day can confirm it


def test_max_age_refetches_only_old_captures(gone_server, tmp_path) -> None:
    cache = tmp_path / "cache"
    _check(gone_server, cache)
    _check(gone_server, cache, max_age=3600.0)
    assert _Gone.hits == 1  # a capture seconds old is fresh enough
    _check(gone_server, cache, max_age=0.0)
    assert _Gone.hits == 2
