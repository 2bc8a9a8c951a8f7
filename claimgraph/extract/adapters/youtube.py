"""YouTube videos, described by the oEmbed endpoint (title and channel; no date)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode, urlsplit

from claimgraph.extract.adapters.base import ApiCall, Extracted, ServiceUrls, titled_object
from claimgraph.model import Response, SourceMetadata

NAME = "youtube"


def video_id(url: str) -> str | None:
    """The video id of a youtube.com/watch, /shorts or youtu.be link, or None."""
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.").removeprefix("m.")
    if host == "youtu.be":
        return parts.path.strip("/") or None
    if host != "youtube.com":
        return None
    if parts.path == "/watch":
        return (parse_qs(parts.query).get("v") or [None])[0]
    if parts.path.startswith(("/shorts/", "/embed/", "/live/")):
        return parts.path.split("/")[2] or None
    return None


def matches(url: str) -> bool:
    """True for YouTube video links."""
    return video_id(url) is not None


def api_call(url: str, config: ServiceUrls) -> ApiCall | None:
    """The oEmbed URL for the video."""
    video = video_id(url)
    if not video:
        return None
    query = urlencode({"url": f"https://www.youtube.com/watch?v={video}", "format": "json"})
    return ApiCall(f"{config.base_url('youtube')}?{query}", accept="application/json")


def parse(response: Response, url: str) -> Extracted | None:
    """Title and channel name."""
    data = titled_object(response)
    if data is None:
        return None
    meta = SourceMetadata(
        title=data["title"], authors=[data["author_name"]] if data.get("author_name") else [],
        site=data.get("provider_name") or "YouTube", type="VideoObject",
    )
    return Extracted(meta, "")
