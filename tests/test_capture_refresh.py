"""Capture history, --refresh and --max-age on the path the library collects with (asyncio)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from loopback import answering, serving

from claimgraph.fetch import collect_sources
from claimgraph.fetch.config import FetchConfig

_Gone = answering(404, "text/html", b"<html><title>Not here</title><body>gone</body></html>")


@pytest.fixture
def gone_server():
    _Gone.hits = 0
    with serving(_Gone) as base:
        yield f"{base}/page"


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
