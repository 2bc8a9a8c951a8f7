"""Fetching cited sources: polite HTTP, the address guard, captures, link health.

The main entry point is ``collect_sources``; the audit calls it with the endnotes' URLs. Both
entry points run on the asyncio client (``aio_client``), extraction in a process pool.
"""

from __future__ import annotations

from pathlib import Path

from claimgraph.fetch.config import FetchConfig
from claimgraph.fetch.progress import ProgressCallback
from claimgraph.model import Source


def collect_sources(
    urls: list[str], *, offline: bool = True, cache_dir: Path | None = None,
    snapshots_dir: Path | None = None, allow_private: bool = False,
    progress: ProgressCallback | None = None,
    config: FetchConfig | None = None, extract: bool = True,
) -> dict[str, Source]:
    """Health, metadata and text for each URL, keyed by the URL as requested; never raises.

    Offline: captures from ``cache_dir`` first, then snapshots, else health ``unchecked``.
    ``extract=False`` checks health only.
    """
    from claimgraph.fetch.aio_collect import run_async_collect  # extract imports fetch: load late

    sources, _ = run_async_collect(
        urls, offline=offline, cache_dir=cache_dir, snapshots_dir=snapshots_dir,
        allow_private=allow_private, progress=progress, config=config, extract=extract,
    )
    return sources


def check_links(
    urls: list[str], *, cache_dir: Path | None = None, allow_private: bool = False,
    progress: ProgressCallback | None = None, config: FetchConfig | None = None,
    archive: bool = True,
) -> dict[str, Source]:
    """Link health only (no extraction, HEAD first when the config says so), online.

    ``archive=False`` skips the Wayback lookup for dead links.
    """
    from claimgraph.fetch.aio_collect import run_async_collect

    sources, _ = run_async_collect(
        urls, offline=False, cache_dir=cache_dir, snapshots_dir=None,
        allow_private=allow_private, progress=progress, config=config, extract=False,
        archive=archive,
    )
    return sources


__all__ = ["FetchConfig", "check_links", "collect_sources"]
