"""Fetch settings: politeness, timeouts, limits and the base URLs of every outside service."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from claimgraph import settings

DEFAULT_CONTACT = "https://github.com/claimgraph/claimgraph"

# Where each outside service lives; tests point these at a local server.
DEFAULT_BASE_URLS = {
    "wayback": "https://archive.org/wayback/available",
    "arxiv": "https://export.arxiv.org/api/query",
    "doi": "https://doi.org",
    "hackernews": "https://hacker-news.firebaseio.com/v0",
    "youtube": "https://www.youtube.com/oembed",
    "reddit": "https://www.reddit.com",
    "wikipedia": "https://{lang}.wikipedia.org/api/rest_v1/page/summary",
}


CACHE_ENV = "CLAIMGRAPH_CACHE"
DEFAULT_CACHE = Path(".claimgraph") / "captures"


def default_cache_dir() -> Path:
    """Where captures live unless told otherwise: ``$CLAIMGRAPH_CACHE`` or ``.claimgraph/captures``."""
    return Path(settings.get(CACHE_ENV))


def base_urls_from_env() -> dict[str, str]:
    """The default base URLs, each overridable by CLAIMGRAPH_BASE_<SERVICE> (e.g. _WAYBACK)."""
    return {
        name: settings.get(f"CLAIMGRAPH_BASE_{name.upper()}", url)
        for name, url in DEFAULT_BASE_URLS.items()
    }


@dataclass
class FetchConfig:
    """How politely and how far the fetcher goes; every field has a sensible default."""

    contact: str = DEFAULT_CONTACT
    user_agent: str = ""  # empty: built from the package name, version and contact
    connect_timeout: float = 5.0
    read_timeout: float = 15.0
    total_timeout: float = 30.0
    max_body_bytes: int = 15 * 1024 * 1024
    max_redirects: int = 10
    workers: int = 16
    per_host_concurrency: int = 2
    per_host_interval: float = 0.25  # seconds between request starts on one host
    retries: int = 2  # extra attempts for transient failures only
    backoff: float = 0.5  # first retry delay; doubles each time
    max_retry_after: float = 30.0  # longer Retry-After waits are not waited out
    respect_robots: bool = True
    allow_private: bool = False
    head_first: bool = False  # check health with HEAD, falling back to GET
    refresh: bool = False  # fetch again whatever the capture cache holds
    max_age: float | None = None  # seconds a capture may be old before it is fetched again
    base_urls: dict[str, str] = field(default_factory=base_urls_from_env)

    def agent(self) -> str:
        """The User-Agent header: honest about what we are and how to reach us."""
        if self.user_agent:
            return self.user_agent
        return f"claimgraph/0.1 (citation checker; +{self.contact})"

    def base_url(self, service: str) -> str:
        """The configured base URL of an outside service, without a trailing slash."""
        return self.base_urls.get(service, DEFAULT_BASE_URLS[service]).rstrip("/")
