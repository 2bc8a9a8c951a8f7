"""Collect sources on one event loop: health at the politeness limit, extraction in a process pool.

Bodies go to the pool as they arrive and only when the source's text is needed, so the network
side never waits for the CPU side; ``extract=False`` (``source --health-only``) skips it.
"""

from __future__ import annotations

import asyncio
import dataclasses
import multiprocessing
import os
import threading
from collections import Counter
from collections.abc import Coroutine
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

from claimgraph.fetch.aio_client import AsyncFetcher
from claimgraph.fetch.aio_loop import run_on_new_loop
from claimgraph.fetch.captures import CaptureStore, Check, Response
from claimgraph.fetch.config import FetchConfig
from claimgraph.fetch.describe import READABLE, describe
from claimgraph.fetch.extracted import ExtractionCache
from claimgraph.fetch.health import (
    HEAD_BYTES,
    classify,
    closest_archive,
    dead_answer,
    distrust_if_network_down,
    wayback_query,
)
from claimgraph.fetch.progress import Progress, ProgressCallback
from claimgraph.fetch.snapshots import find_snapshot, load_snapshots
from claimgraph.fetch.sources import Sources, malformed_reason
from claimgraph.hints import hint_for_error_kind
from claimgraph.model import Source

POOL_MIN_SOURCES = 16  # below this, starting worker processes costs more than it saves
MAX_OPEN_REQUESTS = 512  # sockets in flight over all hosts (file descriptors are finite)

T = TypeVar("T")


class AsyncCollector:
    """One run over many URLs sharing a fetcher, its politeness, its captures and a worker pool."""

    def __init__(
        self, fetcher: AsyncFetcher, snapshots: dict[str, Source], *, extract: bool = True,
        archive: bool = True, pool: Executor | None = None,
    ) -> None:
        self.fetcher, self.snapshots, self.extract = fetcher, snapshots, extract
        self.archive, self.pool = archive, pool
        self.extractions = ExtractionCache(fetcher.store.root) if fetcher.store is not None else None
        self._open = asyncio.Semaphore(MAX_OPEN_REQUESTS)
        self.live: dict[str, str | None] = {}  # host → error kind of its last live answer

    def network_down(self, results: dict[str, Source]) -> bool:
        """If most hosts failed as an absent network fails: forget their "dead" and say so."""
        return distrust_if_network_down(self.live, results, self.fetcher.store)

    async def source(self, url: str) -> Source:
        """The Source for one URL; never raises."""
        try:
            async with self._open:
                return await self._source(url)
        except Exception as error:  # noqa: BLE001 - a bad source is a finding, not a crash
            return Source(url=url, health="transient", error=f"internal error: {error!r}")

    async def _source(self, url: str) -> Source:
        reason = malformed_reason(url)
        if reason:
            return Source(url=url, health="malformed", error=reason)
        method = "HEAD" if (self.fetcher.config.head_first and not self.extract) else "GET"
        # Health alone needs only the page's head; extraction needs the whole body.
        response = await self.fetcher.get(url.strip(), method=method,
                                          enough=None if self.extract else HEAD_BYTES)
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
        if not response.from_cache:  # one event loop: no lock needed
            self.live[urlsplit(url.strip()).hostname or ""] = response.error_kind
        if health == "dead":
            history = response.history or [Check(response.fetched_at, response.status, response.error_kind)]
            source.dead_checks = [c.fetched_at for c in history if dead_answer(c.status, c.error_kind)]
        if health in ("dead", "soft_404") and self.archive:
            source.archive_url = await self._archive(url)
        if self.extract:
            await self._describe(source, response)
        return source

    async def _archive(self, url: str) -> str | None:
        base = self.fetcher.config.base_url("wayback")
        answer = await self.fetcher.get(wayback_query(base, url), accept="application/json",
                                        robots=False)
        return closest_archive(answer)

    async def _describe(self, source: Source, response: Response) -> None:
        from claimgraph.extract.adapters import adapter_for

        adapter_url = source.final_url or source.url
        adapter = adapter_for(adapter_url) or adapter_for(source.url)
        answer = None
        if adapter is not None:
            call = adapter.api_call(source.url, self.fetcher.config)
            if call is not None:
                answer = await self.fetcher.get(call.url, accept=call.accept, robots=False)
                answer = answer if answer.status == 200 else None
        page = response if source.health in READABLE else None
        if page is None and answer is None:
            return
        key = self.extractions.key(page, answer, adapter_url, source.url) if self.extractions else None
        described = self.extractions.get(key) if key else None  # a re-run reads it, extracts nothing
        if described is None:
            args = (_slim(page), answer, adapter_url, source.url)
            if self.pool is None:
                described = describe(*args)
            else:
                described = await asyncio.get_running_loop().run_in_executor(self.pool, describe, *args)
            if key and described is not None:
                self.extractions.put(key, described)
        if described is not None:
            source.metadata, source.text, source.passages = described


def _slim(response: Response | None) -> Response | None:
    """The response without what a worker does not need (its capture), to pickle less."""
    return dataclasses.replace(response, capture=None) if response is not None else None


def extraction_pool(workers: int | None = None) -> ProcessPoolExecutor:
    """A process pool sized to the cores, its workers started now (before any threads exist)."""
    _warm_up()  # every fork inherits the imports and the extractors' lazily built tables
    size = workers or os.cpu_count() or 1
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    pool = ProcessPoolExecutor(max_workers=size, mp_context=context)
    for future in [pool.submit(int) for _ in range(size)]:
        future.result()
    return pool


def _warm_up() -> None:
    page = b"<html><head><title>Warm</title></head><body><p>Warm up the extractors.</p></body></html>"
    url = "https://example.org/warm"
    describe(Response(url, url, 200, {"Content-Type": "text/html"}, page), None, url, url)


async def collect_many(
    urls: list[str], fetcher: AsyncFetcher, snapshots: dict[str, Source], *, extract: bool,
    archive: bool, pool: Executor | None, bar: Progress,
) -> Sources:
    """Every URL's Source, fetched concurrently within the per-host budget."""
    collector = AsyncCollector(fetcher, snapshots, extract=extract, archive=archive, pool=pool)
    found: list[Source | None] = [None] * len(urls)
    work = iter(enumerate(urls))  # shared by the workers; one event loop, so no lock

    # A fixed set of workers takes the URLs in order, rather than a task per URL parked on a
    # semaphore: with 10,000 waiters, each release scanned the woken ones still queued.
    async def worker() -> None:
        for index, url in work:
            source = found[index] = await collector.source(url)
            bar.update(source.health)

    async with fetcher:
        await asyncio.gather(*(worker() for _ in range(min(MAX_OPEN_REQUESTS, len(urls)))))
    results = Sources(zip(urls, found, strict=True))
    results.network_down = collector.network_down(results)
    results.hosts_failed = sum(1 for kind in collector.live.values() if kind)
    results.hosts_checked = len(collector.live)
    return results


def run_async_collect(
    urls: list[str], *, offline: bool, cache_dir: Path | None, snapshots_dir: Path | None,
    allow_private: bool, progress: ProgressCallback | None, config: FetchConfig | None,
    extract: bool = True,
    archive: bool = True, processes: int | None = None,
) -> tuple[Sources, Counter[str]]:
    """Collect sources; returns them with the fetch counts (requests, cache_hits, retries)."""
    config = dataclasses.replace(config or FetchConfig())
    config.allow_private = config.allow_private or allow_private
    store = CaptureStore(Path(cache_dir)) if cache_dir else None
    fetcher = AsyncFetcher(config, store=store, offline=offline)
    snapshots = load_snapshots(Path(snapshots_dir)) if snapshots_dir else {}
    unique = list(dict.fromkeys(urls))
    # Offline, most sources are snapshots with nothing to extract: starting workers would cost
    # more than it saves (the sample audit). A daemonic process may not have children.
    use_pool = (extract and not offline and len(unique) >= POOL_MIN_SOURCES
                and (processes or os.cpu_count() or 1) > 1
                and not multiprocessing.current_process().daemon)
    # Without worker processes, parsing runs on threads of its own: on the event loop it would
    # stall every other fetch, and on the loop's default executor it would queue the address
    # guard and DNS of other fetches (redirect hops) behind it, past their deadlines.
    pool: Executor | None = None
    if extract:
        pool = extraction_pool(processes) if use_pool else ThreadPoolExecutor(
            max_workers=processes or os.cpu_count() or 1, thread_name_prefix="claimgraph-extract")
    bar = Progress(len(unique), report=progress or None)
    try:
        found = run_coroutine(collect_many(unique, fetcher, snapshots, extract=extract,
                                           archive=archive, pool=pool, bar=bar))
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    return found, fetcher.counts


def run_coroutine(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to its end, also from code already inside an event loop (a notebook)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return run_on_new_loop(coroutine)
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = run_on_new_loop(coroutine)
        except BaseException as error:  # noqa: BLE001 - re-raised in the caller's thread
            box["error"] = error

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if "error" in box:
        raise box["error"]
    return box["value"]


def fetch_one(
    url: str, config: FetchConfig | None = None, *, store: CaptureStore | None = None,
    offline: bool = False,
) -> Response:
    """One URL through the fetch client, from synchronous code (an article to read, say)."""

    async def one() -> Response:
        async with AsyncFetcher(config, store=store, offline=offline) as fetcher:
            return await fetcher.get(url)

    return run_coroutine(one())
