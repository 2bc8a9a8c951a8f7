"""Progress of a long fetch, reported through a callback; the CLI or the explorer draws it."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

ProgressCallback = Callable[[int, int, dict[str, int]], None]  # (done, total, counts by health)

__all__ = ["FetchSummary", "Progress", "ProgressCallback", "SummaryCallback", "fetch_summary"]


@dataclass(frozen=True)
class FetchSummary:
    """What one fetch run did: links by health, and how many answers came from the network or captures."""

    links: int
    health: dict[str, int] = field(default_factory=dict)
    requests: int = 0  # network requests, robots.txt and archive lookups included
    cache_hits: int = 0  # answers replayed from the capture store
    retries: int = 0
    seconds: float = 0.0
    network_down: bool = False


SummaryCallback = Callable[[FetchSummary], None]


def fetch_summary(found: Mapping, counts: Mapping[str, int], seconds: float) -> FetchSummary:
    """The summary of a collect run from its sources by URL and the fetcher's counts."""
    health = Counter(getattr(source, "health", "unchecked") for source in found.values())
    return FetchSummary(links=len(found), health=dict(health), requests=counts.get("requests", 0),
                        cache_hits=counts.get("cache_hits", 0), retries=counts.get("retries", 0),
                        seconds=seconds, network_down=bool(getattr(found, "network_down", False)))


class Progress:
    """Thread-safe counting: ``update(health)`` after each link calls ``report`` (if any)."""

    def __init__(self, total: int, *, report: ProgressCallback | None = None) -> None:
        self.total, self.report = total, report if total > 0 else None
        self.done = 0
        self.health: Counter[str] = Counter()
        self._lock = threading.Lock()
        if self.report is not None:
            self.report(0, total, {})  # say at once that work has started

    def update(self, health: str) -> None:
        """Count one finished link and report it."""
        with self._lock:
            self.done += 1
            self.health[health] += 1
            if self.report is not None:
                self.report(self.done, self.total, dict(self.health))

