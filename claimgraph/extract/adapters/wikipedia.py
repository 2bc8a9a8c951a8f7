"""Wikipedia articles, described by the REST summary endpoint."""

from __future__ import annotations

import re
from urllib.parse import quote, unquote, urlsplit

from claimgraph.extract.adapters.base import ApiCall, Extracted, ServiceUrls, titled_object
from claimgraph.extract.dates import to_iso
from claimgraph.model import Response, SourceMetadata

NAME = "wikipedia"
_HOST = re.compile(r"^([a-z\-]{2,12})(?:\.m)?\.wikipedia\.org$")


def page_of(url: str) -> tuple[str, str] | None:
    """(language, title) of a Wikipedia article link, or None."""
    parts = urlsplit(url)
    host = _HOST.match((parts.hostname or "").lower())
    if not host or not parts.path.startswith("/wiki/"):
        return None
    title = unquote(parts.path[len("/wiki/"):])
    return (host.group(1), title) if title else None


def matches(url: str) -> bool:
    """True for Wikipedia article links."""
    return page_of(url) is not None


def api_call(url: str, config: ServiceUrls) -> ApiCall | None:
    """The REST summary URL of the article."""
    page = page_of(url)
    if not page:
        return None
    base = config.base_url("wikipedia").replace("{lang}", page[0])
    return ApiCall(f"{base}/{quote(page[1], safe='')}", accept="application/json")


def parse(response: Response, url: str) -> Extracted | None:
    """Title, last edit time, language and the lead summary."""
    data = titled_object(response)
    if data is None:
        return None
    meta = SourceMetadata(
        title=data["title"], modified=to_iso(data.get("timestamp")), site="Wikipedia",
        type="Article", language=data.get("lang"), description=data.get("description"),
    )
    return Extracted(meta, data.get("extract") or "")
