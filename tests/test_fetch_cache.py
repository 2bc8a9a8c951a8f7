"""Captures: a warm cache makes zero requests; offline falls back to snapshots, then unchecked."""

from __future__ import annotations

import json
from dataclasses import replace

from zoo.fixtures import zoo, zoo_config  # noqa: F401

from claimgraph.fetch import collect_sources

PATHS = ["/ok", "/redirect/permanent", "/missing", "/paper", "/forbidden"]


def test_second_run_with_warm_cache_fetches_nothing(zoo, tmp_path):  # noqa: F811
    urls = [zoo.base + path for path in PATHS]
    first = collect_sources(
        urls, offline=False, cache_dir=tmp_path, config=zoo_config(zoo, allow_private=True)
    )
    assert zoo.total > 0
    zoo.reset()
    second = collect_sources(
        urls, offline=False, cache_dir=tmp_path, config=zoo_config(zoo, allow_private=True)
    )
    assert zoo.total == 0
    for url in urls:
        assert second[url].health == first[url].health
        assert second[url].metadata.title == first[url].metadata.title
        assert second[url].archive_url == first[url].archive_url
    assert second[zoo.base + "/ok"].capture.sha256 == first[zoo.base + "/ok"].capture.sha256


def test_transient_failures_are_not_kept_but_rechecked(zoo, tmp_path):  # noqa: F811
    url = zoo.base + "/error500"
    config = zoo_config(zoo, retries=0)
    collect_sources([url], offline=False, cache_dir=tmp_path, config=replace(config, allow_private=True))
    zoo.reset()
    again = collect_sources([url], offline=False, cache_dir=tmp_path, config=replace(config, allow_private=True))[url]
    assert again.health == "transient" and zoo.hits["/error500"] == 1


def test_offline_mode_replays_captures(zoo, tmp_path):  # noqa: F811
    url = zoo.base + "/paper"
    collect_sources([url], offline=False, cache_dir=tmp_path, config=zoo_config(zoo, allow_private=True))
    zoo.reset()
    source = collect_sources([url], offline=True, cache_dir=tmp_path)[url]
    assert zoo.total == 0
    assert source.metadata.authors == ["Ryan Greenblatt", "Carson Denison", "Evan Hubinger"]
    assert source.capture.kind == "live"
    assert source.capture.path.endswith(".warc.gz")


def test_offline_without_capture_uses_snapshot_then_unchecked(tmp_path):
    snapshots = tmp_path / "snapshots"
    snapshots.mkdir()
    (snapshots / "one.json").write_text(
        json.dumps(
            {
                "url": "https://example.org/paper",
                "aliases": ["https://example.org/paper?ref=x"],
                "kind": "reconstructed",
                "note": "written by hand from public facts",
                "obtained": "2026-01-01",
                "metadata": {"title": "A paper", "authors": ["Ada Lovelace"]},
                "text": "The paper says one thing.\nAnd another thing.",
            }
        )
    )
    found = collect_sources(
        ["https://example.org/paper?ref=x", "https://www.example.org/paper/", "https://example.org/other"],
        snapshots_dir=snapshots,
    )
    first = found["https://example.org/paper?ref=x"]
    assert first.metadata.title == "A paper"
    assert first.capture.kind == "reconstructed"
    assert first.passages and first.url == "https://example.org/paper?ref=x"
    assert found["https://www.example.org/paper/"].metadata.title == "A paper"
    assert found["https://example.org/other"].health == "unchecked"
