"""Hacker News items, read from the official item API."""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qs, urlsplit

from claimgraph.extract.adapters.base import ApiCall, Extracted, ServiceUrls, json_body
from claimgraph.extract.dates import to_iso
from claimgraph.model import Response, SourceMetadata

NAME = "hackernews"


def item_id(url: str) -> str | None:
    """The item number of a news.ycombinator.com/item link, or None."""
    parts = urlsplit(url)
    if parts.hostname != "news.ycombinator.com" or parts.path != "/item":
        return None
    ids = parse_qs(parts.query).get("id", [])
    return ids[0] if ids and ids[0].isdigit() else None


def matches(url: str) -> bool:
    """True for Hacker News item links."""
    return item_id(url) is not None


def api_call(url: str, config: ServiceUrls) -> ApiCall | None:
    """The item API URL."""
    item = item_id(url)
    return ApiCall(f"{config.base_url('hackernews')}/item/{item}.json") if item else None


def parse(response: Response, url: str) -> Extracted | None:
    """Title, poster, time and text of the item."""
    data = json_body(response)
    if not isinstance(data, dict) or data.get("deleted") or data.get("dead") is True:
        return None
    text = html.unescape(re.sub(r"<p>", "\n", data.get("text") or ""))
    text = re.sub(r"<[^>]+>", "", text).strip()
    meta = SourceMetadata(
        title=data.get("title"), authors=[data["by"]] if data.get("by") else [],
        published=to_iso(data.get("time")), site="Hacker News",
        type="DiscussionForumPosting", language="en",
    )
    return Extracted(meta, text)
