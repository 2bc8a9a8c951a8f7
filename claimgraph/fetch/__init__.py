"""Fetching cited sources: polite HTTP, the address guard, captures, link health.

The main entry point is ``collect_sources``; the audit calls it with the endnotes' URLs. Both
entry points run on the asyncio client (``aio_client``), extraction in a process pool.
"""

from __future__ import annotations

import time
from pathlib import Path

from claimgraph.fetch.config import FetchConfig
from claimgraph.fetch.progress import FetchSummary, ProgressCallback, SummaryCallback, fetch_summary
from claimgraph.model import Source


def collect_sources(
    urls: list[str], *, offline: bool = True, cache_dir: Path | None = None,
    snapshots_dir: Path | None = None, progress: ProgressCallback | None = None,
    on_summary: SummaryCallback | None = None,
    config: FetchConfig | None = None, extract: bool = True,
) -> dict[str, Source]:
    """Health, metadata and text for each URL, keyed by the URL as requested; never raises.

    Offline: captures from ``cache_dir`` first, then snapshots, else health ``unchecked``.
    ``extract=False`` checks health only. ``config`` owns every fetch setting (the address guard
    included); ``on_summary`` hears once what the run fetched.
    """
    return _collect(urls, offline=offline, cache_dir=cache_dir, snapshots_dir=snapshots_dir,
                    progress=progress, on_summary=on_summary, config=config, extract=extract)


def check_links(
    urls: list[str], *, cache_dir: Path | None = None,
    progress: ProgressCallback | None = None, on_summary: SummaryCallback | None = None,
    config: FetchConfig | None = None, archive: bool = True,
) -> dict[str, Source]:
    """Link health only (no extraction, HEAD first when the config says so), online.

    ``archive=False`` skips the Wayback lookup for dead links.
    """
    return _collect(urls, offline=False, cache_dir=cache_dir, snapshots_dir=None, progress=progress,
                    on_summary=on_summary, config=config, extract=False, archive=archive)


def _collect(urls: list[str], *, offline: bool, cache_dir: Path | None, snapshots_dir: Path | None,
             progress: ProgressCallback | None, on_summary: SummaryCallback | None,
             config: FetchConfig | None, extract: bool, archive: bool = True) -> dict[str, Source]:
    from claimgraph.fetch.aio_collect import run_async_collect  # extract imports fetch: load late

    config = config or FetchConfig()
    started = time.perf_counter()
    sources, counts = run_async_collect(
        urls, offline=offline, cache_dir=cache_dir, snapshots_dir=snapshots_dir,
        allow_private=config.allow_private, progress=progress, config=config, extract=extract,
        archive=archive,
    )
    if on_summary is not None:
        on_summary(fetch_summary(sources, counts, time.perf_counter() - started))
    return sources


__all__ = ["FetchConfig", "FetchSummary", "check_links", "collect_sources"]
