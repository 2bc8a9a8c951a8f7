"""Reddit posts, read from the post's .json listing."""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

from claimgraph.extract.adapters.base import ApiCall, Extracted, ServiceUrls
from claimgraph.extract.dates import to_iso
from claimgraph.model import Response, SourceMetadata

NAME = "reddit"
_POST = re.compile(r"^(/r/[^/]+/comments/[a-z0-9]+)(/[^/]*)?/?$", re.IGNORECASE)


def post_path(url: str) -> str | None:
    """The /r/…/comments/ID path of a Reddit post link, or None."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if not (host == "reddit.com" or host.endswith(".reddit.com")):
        return None
    match = _POST.match(parts.path)
    return match.group(0).rstrip("/") if match else None


def matches(url: str) -> bool:
    """True for Reddit post links."""
    return post_path(url) is not None


def api_call(url: str, config: ServiceUrls) -> ApiCall | None:
    """The post's .json URL."""
    path = post_path(url)
    return ApiCall(f"{config.base_url('reddit')}{path}.json", "application/json") if path else None


def parse(response: Response, url: str) -> Extracted | None:
    """Title, poster, time, subreddit and self text."""
    try:
        data = json.loads(response.body.decode("utf-8", "replace"))
        post = data[0]["data"]["children"][0]["data"]
    except (ValueError, LookupError, TypeError):
        return None
    author = post.get("author")
    meta = SourceMetadata(
        title=post.get("title"),
        authors=[author] if author and author != "[deleted]" else [],
        published=to_iso(post.get("created_utc")),
        site=post.get("subreddit_name_prefixed") or "Reddit", type="DiscussionForumPosting",
    )
    return Extracted(meta, post.get("selftext") or "")
