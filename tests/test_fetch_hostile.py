"""The fetch client against a hostile server on 127.0.0.1: every route ends in time, bounded, classified.

Each rule is checked on a single request (``fetch_one``, what reading an article by URL uses) and
through the collector (``collect_sources``, what the audit and ``claimgraph source`` use). The
server runs in a process of its own, so its drips and floods never compete with the client under
test for one interpreter.
"""

from __future__ import annotations

import socket
import time
from dataclasses import replace

import pytest
from hostile import ROUTES, HostileServer, start_hostile_process

from claimgraph.fetch import collect_sources
from claimgraph.fetch.aio_collect import fetch_one
from claimgraph.fetch.captures import CaptureStore
from claimgraph.fetch.config import FetchConfig
from claimgraph.model import Response

TOTAL_S = 2.0
LIMIT = 1024 * 1024


@pytest.fixture(scope="module")
def hostile():
    """The hostile routes served from a child process, with a gzip bomb of 100 MB decoded."""
    server = start_hostile_process(bomb_mb=100)
    yield server
    server.stop()


def _get(config: FetchConfig, url: str, store=None, offline: bool = False) -> Response:
    return fetch_one(url, config, store=store, offline=offline)


FETCHERS = pytest.mark.parametrize("get", [_get], ids=["fetch_one"])


def _config(total_s: float = TOTAL_S) -> FetchConfig:
    # Read timeouts above the drip interval and near the total: only the total deadline can end a drip.
    return FetchConfig(connect_timeout=1.0, read_timeout=total_s, total_timeout=total_s, retries=0,
                       per_host_interval=0.0, per_host_concurrency=16, max_body_bytes=LIMIT,
                       allow_private=True, respect_robots=False, max_redirects=5)


@FETCHERS
@pytest.mark.parametrize("route", ["/slow-body", "/slow-headers", "/huge-length", "tls"])
def test_slow_senders_end_at_the_total_deadline_as_timeouts(hostile, route, get) -> None:
    url = hostile.tls_url if route == "tls" else hostile.base + route
    started = time.monotonic()
    response = get(_config(), url)
    took = time.monotonic() - started
    assert took < TOTAL_S + 3, f"{route} held the fetch {took:.1f} s"  # a drip lasts 100 s and more
    if route == "/huge-length":
        assert response.error_kind == "too_large" and response.body == b""
    else:
        assert response.error_kind == "timeout", (route, response.error_kind, response.error)


@FETCHERS
def test_a_gzip_bomb_never_decodes_past_the_limit(hostile, get) -> None:
    response = get(_config(), hostile.base + "/gzip-bomb")
    assert len(response.body) <= LIMIT
    assert response.error_kind == "truncated" and "decoded" in (response.error or "")


@FETCHERS
def test_redirect_loops_and_endless_chains_stop(hostile, get) -> None:
    for route in ("/loop-a", "/chain/0"):
        response = get(_config(), hostile.base + route)
        assert response.error_kind == "loop"
        assert len(response.redirects) <= 6


def _library_collect(urls, cache, config):  # what the audit and `claimgraph source` use
    return collect_sources(urls, offline=False, cache_dir=cache, config=replace(config, allow_private=True))


def test_every_route_through_the_collector_is_a_finding_never_a_crash(hostile, tmp_path) -> None:
    urls = [hostile.base + route for route in ROUTES] + [hostile.tls_url]
    # A dead link asks the Wayback Machine for a copy: the hostile server stands in for it (an HTML
    # answer, so no copy), and nothing leaves the machine.
    config = replace(_config(5.0),  # parsers share the CPU
                     base_urls={**_config().base_urls, "wayback": hostile.base + "/wayback/available"})
    sources = _library_collect(urls, tmp_path / "cache", config)
    for url, source in sources.items():
        assert not (source.error or "").startswith("internal error"), (url, source.error)
    for route in ("/slow-body", "/slow-headers"):
        assert sources[hostile.base + route].health == "transient", route
    assert sources[hostile.tls_url].health == "transient"
    # The parsers saw the NUL flood without its NULs: its text is short, not megabytes of nothing.
    assert len(sources[hostile.base + "/nul-flood"].text) < 1000
    missed = [route for route in ("/loop-a", "/chain/0") if sources[hostile.base + route].health != "dead"]
    missed += [route for route in ("/gzip-bomb", "/endless-chunks")  # they answer; what was read stays within the limit
               if "cut at" not in (sources[hostile.base + route].error or "")]
    assert not missed, [(route, sources[hostile.base + route].error) for route in missed]


@FETCHERS
def test_slow_answers_are_not_cached_as_ok(hostile, tmp_path, get) -> None:
    store = CaptureStore(tmp_path / "cache")
    get(_config(), hostile.base + "/slow-headers", store=store)
    replay = get(_config(), hostile.base + "/slow-headers", store=CaptureStore(tmp_path / "cache"),
                 offline=True)
    assert replay.error_kind == "offline"  # nothing was kept to replay as a healthy page


def test_the_hostile_listener_queues_every_connection_a_collector_opens_at_once() -> None:
    # With socketserver's backlog of 5, connections past the sixth were dropped by the kernel and
    # retried a second later: quick routes ended as connect timeouts. Here nothing accepts at all,
    # so only the listener's queue can hold the connections.
    server = HostileServer(bomb_mb=1)
    clients: list[socket.socket] = []
    try:
        for _ in range(len(ROUTES) + 6):
            clients.append(socket.create_connection(server.server_address, timeout=0.5))
    finally:
        for client in clients:
            client.close()
        server.server_close()
        server.tls.server_close()


@FETCHERS
def test_a_listener_that_never_accepts_is_a_connect_timeout_said_as_such(get) -> None:
    # listen(0) and never accept: once the accept queue holds a connection, the kernel drops
    # further SYNs, so the client's connect times out (no server process needed).
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    fillers = []
    try:
        for _ in range(4):
            filler = socket.socket()
            filler.setblocking(False)
            filler.connect_ex(listener.getsockname())
            fillers.append(filler)
        time.sleep(0.1)
        config = replace(_config(total_s=5.0), connect_timeout=0.5)
        response = get(config, f"http://127.0.0.1:{listener.getsockname()[1]}/page")
    finally:
        for filler in fillers:
            filler.close()
        listener.close()
    assert response.error_kind == "timeout"
    assert "did not accept a connection within 0.5 s" in response.error  # not the total deadline
