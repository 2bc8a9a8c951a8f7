"""What a collection run returns (sources by URL, and what it saw of the network), and which
strings are fetchable links at all."""

from __future__ import annotations

from urllib.parse import urlsplit


class Sources(dict):
    """Sources by URL, and what the run saw of the network."""

    network_down: bool = False  # most hosts failed as they do when our network is down
    hosts_checked: int = 0
    hosts_failed: int = 0


def malformed_reason(url: str) -> str | None:
    """Why a string is not a fetchable http(s) URL, or None when it is one."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port  # raises on a bad port
    except ValueError as error:
        return f"not a valid URL: {error}"
    if parts.scheme.lower() not in ("http", "https"):
        return f"not an http(s) link: {url!r}"
    if not parts.hostname or " " in parts.netloc or (port is not None and port <= 0):
        return f"the link has no valid host: {url!r}"
    return None
