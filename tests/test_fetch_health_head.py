"""A health-only check reads a page's head, not its whole body, and keeps no cut body as a capture."""

from __future__ import annotations

import contextlib
import threading
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from claimgraph.fetch import check_links, collect_sources
from claimgraph.fetch.captures import CaptureStore, capture_key
from claimgraph.fetch.config import FetchConfig
from claimgraph.fetch.health import HEAD_BYTES

FILLER = b"<p>" + b"x" * 8188 + b"</p>"  # 8 KiB of text
PAGES = {  # path → (title, size of the body in bytes, roughly)
    "/big": ("A long report", 3 * 1024 * 1024),
    "/big-missing": ("Page not found", 3 * 1024 * 1024),
    "/small": ("A short note", 4 * 1024),
}


class Pages(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802
        if self.path == "/robots.txt":
            body = b"User-agent: *\nAllow: /\n"
        elif self.path in PAGES:
            title, size = PAGES[self.path]
            head = f"<html><head><title>{title}</title></head><body><h1>{title}</h1>".encode()
            body = head + FILLER * (size // len(FILLER)) + b"</body></html>"
        else:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)  # a health check hangs up once it has the head

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Pages)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def config() -> FetchConfig:
    return FetchConfig(allow_private=True, retries=0, per_host_interval=0.0,
                       max_body_bytes=16 * 1024 * 1024)


def test_health_reads_the_head_of_a_big_page(site, tmp_path):
    urls = [site + path for path in PAGES]
    found = check_links(urls, cache_dir=tmp_path, config=config(), archive=False)
    assert found[site + "/big"].health == "ok"
    assert found[site + "/big-missing"].health == "soft_404"  # its title is in the head
    assert found[site + "/small"].health == "ok"
    assert not any(source.error for source in found.values())
    store = CaptureStore(tmp_path)
    assert capture_key("GET", site + "/small") in store  # a whole body is kept
    assert capture_key("GET", site + "/big") not in store  # a cut one is not the page
    assert capture_key("GET", site + "/big-missing") not in store


def test_the_head_is_all_that_is_read(site):
    from claimgraph.fetch.aio_client import AsyncFetcher
    from claimgraph.fetch.aio_loop import run_on_new_loop

    async def fetch() -> tuple[int, int]:
        async with AsyncFetcher(config()) as fetcher:
            head = await fetcher.get(site + "/big", enough=HEAD_BYTES)
            whole = await fetcher.get(site + "/big")
        return len(head.body), len(whole.body)

    head, whole = run_on_new_loop(fetch())
    assert head == HEAD_BYTES
    assert whole > 3 * 1024 * 1024 - len(FILLER)


def test_extraction_still_reads_the_whole_page(site, tmp_path):
    found = collect_sources([site + "/big"], offline=False, cache_dir=tmp_path,
                            config=replace(config(), max_body_bytes=16 * 1024 * 1024))
    assert found[site + "/big"].health == "ok"
    assert capture_key("GET", site + "/big") in CaptureStore(tmp_path)
