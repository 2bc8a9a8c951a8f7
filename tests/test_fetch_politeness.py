"""Politeness: the per-host limit holds, requests are spaced, HEAD falls back to GET, honest UA."""

from __future__ import annotations

import time
from dataclasses import replace

import pytest
from zoo import start_zoo
from zoo.fixtures import zoo_config

from claimgraph.fetch import check_links, collect_sources


@pytest.fixture
def slow_zoo():
    server = start_zoo(latency=0.05)
    yield server
    server.shutdown()
    server.server_close()


def test_per_host_limit_is_never_exceeded(slow_zoo):
    urls = [f"{slow_zoo.base}/bench/{i}" for i in range(1, 41)]
    config = zoo_config(slow_zoo, per_host_concurrency=3, workers=12)
    started = time.perf_counter()
    found = check_links(urls, config=replace(config, allow_private=True))
    elapsed = time.perf_counter() - started
    assert slow_zoo.max_in_flight == 3
    assert elapsed >= 40 * 0.05 / 3
    assert sum(s.health == "ok" for s in found.values()) == 38


def test_requests_to_one_host_are_spaced(slow_zoo):
    urls = [f"{slow_zoo.base}/bench/{i}" for i in range(1, 6)]
    config = zoo_config(slow_zoo, per_host_concurrency=5, per_host_interval=0.1, respect_robots=False)
    started = time.perf_counter()
    check_links(urls, config=replace(config, allow_private=True))
    assert time.perf_counter() - started >= 0.4


def test_head_falls_back_to_get(slow_zoo):
    url = f"{slow_zoo.base}/no-head"
    config = zoo_config(slow_zoo, head_first=True)
    assert check_links([url], config=replace(config, allow_private=True))[url].health == "ok"
    assert slow_zoo.hits["/no-head"] == 1  # the HEAD was refused before being counted


def test_user_agent_is_honest_with_contact(slow_zoo):
    collect_sources([f"{slow_zoo.base}/ok"], offline=False, config=zoo_config(slow_zoo, allow_private=True))
    (agent,) = slow_zoo.agents
    assert agent.startswith("claimgraph/") and "mailto:tests@example.org" in agent
