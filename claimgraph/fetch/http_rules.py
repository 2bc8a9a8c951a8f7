"""What the fetch client does with an answer: which statuses redirect or retry, which answers are
worth keeping as captures, and how old a capture is."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import urlsplit

from claimgraph.fetch.captures import Response

REDIRECT_STATUSES = {301, 302, 303, 307, 308}
RETRY_STATUSES = {429, 500, 502, 503, 504}
TOO_SLOW = "the server was too slow: the total time limit passed"


def age_seconds(stamp: str | None) -> float:
    """Seconds since an ISO 8601 UTC time (infinite when unknown)."""
    try:
        then = datetime.strptime(stamp or "", "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    except ValueError:
        return float("inf")
    return (datetime.now(UTC) - then).total_seconds()


def host_key(url: str) -> str:
    """The host and port a URL's politeness limits are kept under."""
    parts = urlsplit(url)
    return f"{parts.hostname or ''}:{parts.port or ''}"


def worth_keeping(response: Response) -> bool:
    """Store answers that will not change by asking again; transient failures are re-checked."""
    if response.error_kind in ("ssrf", "malformed", "timeout", "connect", "dns", "refused", "unreachable"):
        return False  # re-checked next time: the failure may be ours (DNS, our network) or brief
    return response.status not in RETRY_STATUSES
