"""The asyncio client keeps the politeness rules on many hosts at once, and health-only skips extraction."""

from __future__ import annotations

import time
from dataclasses import replace

import pytest
from zoo.fixtures import zoo_config
from zoo.hosts import HostZoo

from claimgraph.fetch import check_links, collect_sources
from claimgraph.fetch.aio_collect import run_async_collect

SLACK = {"connect_timeout": 10.0, "read_timeout": 10.0, "total_timeout": 30.0}  # a loaded CI is slow


@pytest.fixture(scope="module")
def hosts():
    zoo = HostZoo(8, latency=0.05).start()
    yield zoo
    zoo.stop()


def test_in_flight_per_host_never_exceeds_the_limit(hosts):
    hosts.reset()
    urls = hosts.urls(8 * 12)
    config = zoo_config(hosts, per_host_concurrency=3, retries=0, **SLACK)
    found = check_links(urls, config=replace(config, allow_private=True), archive=False)
    peaks = [hosts.max_in_flight[address] for address in hosts.addresses]
    assert max(peaks) == 3  # reached, never exceeded, on every host
    assert min(peaks) >= 2
    assert sum(s.health == "dead" for s in found.values()) == len(urls) // 10
    assert hosts.total == len(urls) + len(hosts.addresses)  # each page once, robots.txt once per host


def test_interval_spaces_requests_on_each_host(hosts):
    urls = hosts.urls(8 * 4)  # four pages on each host, plus its robots.txt
    config = zoo_config(hosts, per_host_concurrency=4, per_host_interval=0.1, retries=0, **SLACK)
    started = time.perf_counter()
    check_links(urls, config=replace(config, allow_private=True), archive=False)
    elapsed = time.perf_counter() - started
    assert elapsed >= 4 * 0.1  # five starts per host, 0.1 s apart


def test_second_run_replays_captures_offline(hosts, tmp_path):
    urls = hosts.urls(16)
    config = zoo_config(hosts, retries=0, **SLACK)
    first, counts = run_async_collect(urls, offline=False, cache_dir=tmp_path, snapshots_dir=None,
                                      allow_private=True, progress=False, config=config)
    hosts.reset()
    again = collect_sources(urls, offline=True, cache_dir=tmp_path)
    assert hosts.total == 0
    assert counts["requests"] >= len(urls)
    assert {u: s.health for u, s in again.items()} == {u: s.health for u, s in first.items()}
    assert again[urls[0]].metadata.title == "Bench page 00001"


def test_health_only_skips_extraction(hosts):
    url = hosts.urls(1)[0]
    config = zoo_config(hosts, retries=0, **SLACK)
    checked = collect_sources([url], offline=False, config=replace(config, allow_private=True), extract=False)
    described = collect_sources([url], offline=False, config=replace(config, allow_private=True))
    assert checked[url].health == described[url].health == "ok"
    assert checked[url].metadata.title is None and not checked[url].passages
    assert described[url].metadata.title == "Bench page 00001"


def test_waiting_for_a_slot_does_not_count_against_the_request_deadline():
    zoo = HostZoo(1, latency=0.02).start()
    try:
        urls = zoo.urls(12)
        config = zoo_config(zoo, per_host_concurrency=1, per_host_interval=0.1, total_timeout=0.5,
                            retries=0)
        found = check_links(urls, config=replace(config, allow_private=True), archive=False)
    finally:
        zoo.stop()
    # the last link waits over a second for its turn, longer than the 0.5 s deadline of one request
    assert [s.health for s in found.values()].count("ok") == 11
    assert all(s.health != "transient" for s in found.values())


def test_source_cli_health_only(hosts, tmp_path, capsys):
    import json

    from claimgraph.cli import main

    url = hosts.urls(1)[0]
    code = main(["source", url, "--health-only", "--allow-private", "--cache", str(tmp_path),
                 "--format", "json"])
    (record,) = json.loads(capsys.readouterr().out)
    assert code == 0 and record["health"] == "ok"
    assert not record["metadata"]["title"] and not record["passages"]


def test_fewer_workers_than_links_still_check_each_once_in_order(hosts, monkeypatch):
    from claimgraph.fetch import aio_collect

    monkeypatch.setattr(aio_collect, "MAX_OPEN_REQUESTS", 3)
    hosts.reset()
    urls = hosts.urls(8 * 3)
    config = zoo_config(hosts, per_host_interval=0.0, retries=0, **SLACK)
    found = check_links(urls, config=replace(config, allow_private=True), archive=False)
    assert list(found) == urls
    assert all(found[url].url == url for url in urls)
    assert sum(count for key, count in hosts.paths.items() if "/bench/" in key) == len(urls)
    assert sum(hosts.in_flight.values()) == 0
