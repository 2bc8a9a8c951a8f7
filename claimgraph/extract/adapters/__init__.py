"""Site adapters, registered in one place. Adding a site is one module plus one line here.

Each adapter module has ``NAME``, ``matches(url)``, ``api_call(url, config)`` and
``parse(response, url)`` (see base.Adapter). Their API calls go through the same polite fetcher
as every page, and their base URLs come from FetchConfig.base_urls.
"""

from __future__ import annotations

from types import ModuleType

from claimgraph.extract.adapters import arxiv, doi, hackernews, reddit, wikipedia, youtube

# The one list of site adapters, tried in order.
ADAPTERS: list[ModuleType] = [arxiv, doi, hackernews, youtube, reddit, wikipedia]


def adapter_for(url: str) -> ModuleType | None:
    """The site adapter that knows this URL, or None."""
    for adapter in ADAPTERS:
        if adapter.matches(url):
            return adapter
    return None


__all__ = ["ADAPTERS", "adapter_for"]
