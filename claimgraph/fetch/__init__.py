"""Fetching cited sources: polite HTTP, the address guard, captures, link health.

The main entry point is ``collect_sources``; the audit calls it with the endnotes' URLs.
"""

from __future__ import annotations

from pathlib import Path

from claimgraph.fetch.collect import run_collect
from claimgraph.fetch.config import FetchConfig
from claimgraph.fetch.progress import ProgressCallback
from claimgraph.model import Source


def collect_sources(
    urls: list[str], *, offline: bool = True, cache_dir: Path | None = None,
    snapshots_dir: Path | None = None, allow_private: bool = False,
    progress: ProgressCallback | None = None,
    config: FetchConfig | None = None,
) -> dict[str, Source]:
    """Health, metadata and text for each URL, keyed by the URL as requested; never raises.

    Offline: captures from ``cache_dir`` first, then snapshots, else health ``unchecked``.
    """
    sources, _ = run_collect(
        urls, offline=offline, cache_dir=cache_dir, snapshots_dir=snapshots_dir,
        allow_private=allow_private, progress=progress, config=config,
    )
    return sources


def check_links(
    urls: list[str], *, cache_dir: Path | None = None, allow_private: bool = False,
    progress: ProgressCallback | None = None, config: FetchConfig | None = None,
) -> dict[str, Source]:
    """Link health only (no extraction, HEAD first when the config says so), online."""
    sources, _ = run_collect(
        urls, offline=False, cache_dir=cache_dir, snapshots_dir=None,
        allow_private=allow_private, progress=progress, config=config, extract=False,
    )
    return sources


__all__ = ["FetchConfig", "check_links", "collect_sources"]
