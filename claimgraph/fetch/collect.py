"""Collect sources: fetch every URL politely and concurrently, classify it, extract what it is."""

from __future__ import annotations

import dataclasses
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

from claimgraph.extract.adapters import adapter_for
from claimgraph.fetch.captures import CaptureStore, Check, Response
from claimgraph.fetch.client import Fetcher
from claimgraph.fetch.config import FetchConfig
from claimgraph.fetch.describe import READABLE, describe
from claimgraph.fetch.health import classify, dead_answer, distrust_if_network_down, wayback_lookup
from claimgraph.fetch.progress import Progress, ProgressCallback
from claimgraph.fetch.snapshots import find_snapshot, load_snapshots
from claimgraph.hints import hint_for_error_kind
from claimgraph.model import Source


class Sources(dict):
    """Sources by URL, and what the run saw of the network."""

    network_down: bool = False  # most hosts failed as they do when our network is down
    hosts_checked: int = 0
    hosts_failed: int = 0


def malformed_reason(url: str) -> str | None:
    """Why a string is not a fetchable http(s) URL, or None when it is one."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port  # raises on a bad port
    except ValueError as error:
        return f"not a valid URL: {error}"
    if parts.scheme.lower() not in ("http", "https"):
        return f"not an http(s) link: {url!r}"
    if not parts.hostname or " " in parts.netloc or (port is not None and port <= 0):
        return f"the link has no valid host: {url!r}"
    return None


class Collector:
    """One run over a list of URLs, sharing a fetcher, its politeness and its captures."""

    def __init__(self, fetcher: Fetcher, snapshots: dict[str, Source], *, extract: bool = True):
        self.fetcher, self.snapshots, self.extract = fetcher, snapshots, extract
        self.live: dict[str, str | None] = {}  # host → error kind of its last live answer
        self._lock = threading.Lock()

    def network_down(self, results: dict[str, Source]) -> bool:
        """If most hosts failed as an absent network fails: forget their "dead" and say so."""
        return distrust_if_network_down(self.live, results, self.fetcher.store)

    def source(self, url: str) -> Source:
        """The Source for one URL; never raises."""
        try:
            return self._source(url)
        except Exception as error:  # noqa: BLE001 - a bad source is a finding, not a crash
            return Source(url=url, health="transient", error=f"internal error: {error!r}")

    def _source(self, url: str) -> Source:
        reason = malformed_reason(url)
        if reason:
            return Source(url=url, health="malformed", error=reason)
        method = "HEAD" if (self.fetcher.config.head_first and not self.extract) else "GET"
        response = self.fetcher.get(url.strip(), method=method)
        if response.error_kind == "offline":
            snapshot = find_snapshot(self.snapshots, url)
            if snapshot is not None:
                return dataclasses.replace(snapshot, url=url)
            return Source(url=url, health="unchecked", error=response.error)
        health, _ = classify(response)
        source = Source(
            url=url, final_url=response.final_url, health=health, status=response.status or None,
            redirects=list(response.redirects), capture=response.capture, error=response.error,
            hint=hint_for_error_kind(response.error_kind),
        )
        if not response.from_cache:
            with self._lock:
                self.live[urlsplit(url.strip()).hostname or ""] = response.error_kind
        if health == "dead":
            history = response.history or [Check(response.fetched_at, response.status, response.error_kind)]
            source.dead_checks = [c.fetched_at for c in history if dead_answer(c.status, c.error_kind)]
        if health in ("dead", "soft_404"):
            source.archive_url = wayback_lookup(self.fetcher, url)
        if self.extract:
            self._describe(source, response)
        return source

    def _describe(self, source: Source, response: Response) -> None:
        adapter_url = source.final_url or source.url
        adapter = adapter_for(adapter_url) or adapter_for(source.url)
        answer = None
        if adapter is not None:
            call = adapter.api_call(source.url, self.fetcher.config)
            if call is not None:
                answer = self.fetcher.get(call.url, accept=call.accept, robots=False)
                answer = answer if answer.status == 200 else None
        page = response if source.health in READABLE else None
        described = describe(page, answer, adapter_url, source.url)
        if described is not None:
            source.metadata, source.text, source.passages = described


def run_collect(
    urls: list[str], *, offline: bool, cache_dir: Path | None, snapshots_dir: Path | None,
    allow_private: bool, progress: ProgressCallback | None, config: FetchConfig | None,
    extract: bool = True,
) -> tuple[Sources, Fetcher]:
    """Collect sources and return them with the fetcher (whose counts tell what was fetched)."""
    config = dataclasses.replace(config or FetchConfig())
    config.allow_private = config.allow_private or allow_private
    store = CaptureStore(Path(cache_dir)) if cache_dir else None
    fetcher = Fetcher(config, store=store, offline=offline)
    snapshots = load_snapshots(Path(snapshots_dir)) if snapshots_dir else {}
    collector = Collector(fetcher, snapshots, extract=extract)
    unique = list(dict.fromkeys(urls))
    bar = Progress(len(unique), report=progress or None)

    def one(url: str) -> Source:
        source = collector.source(url)
        bar.update(source.health)
        return source

    with ThreadPoolExecutor(max_workers=max(1, config.workers)) as pool:
        results = Sources(zip(unique, pool.map(one, unique), strict=True))
    results.network_down = collector.network_down(results)
    results.hosts_failed = sum(1 for kind in collector.live.values() if kind)
    results.hosts_checked = len(collector.live)
    return results, fetcher
